//! `yoshiki.toml` as the checks read it: config's parser with the rule
//! table's codes passed in. The parser sits below the rules (they read
//! the settings it makes), so it does not look the codes up itself; this
//! module, above the rules, hands them over — `Config::parse`,
//! `Config::load`, `Config::discover` and `Config::builtin` are defined
//! here, and which config each checked set used ([`used_for`]).

mod used;
pub use used::{ConfigUsed, used_for};

use crate::config::{BUILTIN_CALL, Config, ConfigError, close_codes_in};
use std::path::Path;

/// The codes of the rule table.
fn rule_codes() -> Vec<&'static str> {
    crate::rules::all().iter().map(|m| m.code).collect()
}

impl Config {
    /// Parse the text of a `yoshiki.toml`; `path` is used in messages.
    pub fn parse(text: &str, path: &str) -> Result<Config, ConfigError> {
        Config::parse_with(text, path, &rule_codes())
    }

    /// Read a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        Config::load_with(path, &rule_codes())
    }

    /// Load the config that applies to `start`, or the built-in call's
    /// defaults when none is found.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        match Config::find_file(start) {
            Some(path) => Config::load(&path),
            None => Ok(Config::builtin().clone()),
        }
    }

    /// The config used when no yoshiki.toml is found: the call whose forms
    /// are built in (its title from `schemas/call.toml`), so that VER004
    /// runs without a file; what it cannot know (the cap) it leaves unset.
    pub fn builtin() -> &'static Config {
        static BUILTIN: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The file is ours and parsed by a test; should it ever not
            // parse, the plain defaults are still a working config.
            let mut c = Config::parse(BUILTIN_CALL, "schemas/call.toml").unwrap_or_default();
            c.source = None;
            c.builtin = true;
            c
        })
    }
}

/// Rule codes close to `code` (same prefix, or one edit away), for
/// "did you mean" hints.
pub fn close_codes(code: &str) -> Vec<&'static str> {
    close_codes_in(code, &rule_codes())
}
