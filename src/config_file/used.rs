//! Which configuration a check used, said to the user: the yoshiki.toml of
//! each set, or the built-in call's defaults, and the call checks that did
//! not run for want of a setting (so that a missing config is never silent).

use crate::base::Lang;
use crate::config::Config;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One configuration and the number of sets that used it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigUsed {
    /// The file; None for the built-in defaults.
    pub source: Option<PathBuf>,
    /// Checks that did not run (VER004, SUM005), see [`Config::unchecked`].
    pub unchecked: Vec<&'static str>,
    pub sets: usize,
}

/// The configurations the sets of a check used, in order of first use:
/// `explicit` (`--config`) for all, else the yoshiki.toml nearest each set
/// — `found`, the check's own look-up, one per set, when it has one
/// (`CheckReport::config_files`), else looked up again as the check looks
/// it up — else the built-in defaults. A file that no longer parses is
/// left out (the check has said so already).
pub fn used_for(
    sets: &[String],
    found: &[Option<PathBuf>],
    explicit: Option<&Config>,
) -> Vec<ConfigUsed> {
    let found = (found.len() == sets.len()).then_some(found);
    let mut out: Vec<ConfigUsed> = Vec::new();
    // Sets side by side share their folders' look-ups and their file's
    // parse (None: it no longer parses).
    let mut seen = HashMap::new();
    let mut loaded: HashMap<PathBuf, Option<Vec<&'static str>>> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        let mut file = || match found.and_then(|f| f.get(i)) {
            Some(file) => file.clone(),
            None => Config::find_file_remembering(Path::new(set), &mut seen),
        };
        let (source, unchecked) = match explicit {
            Some(c) => (c.source.clone(), c.unchecked()),
            None => match file() {
                Some(file) => {
                    let unchecked = loaded
                        .entry(file.clone())
                        .or_insert_with(|| Config::load(&file).ok().map(|c| c.unchecked()));
                    match unchecked {
                        Some(u) => (Some(relative(file)), u.clone()),
                        None => continue,
                    }
                }
                None => (None, Config::builtin().unchecked()),
            },
        };
        match out.iter_mut().find(|u| u.source == source) {
            Some(u) => u.sets += 1,
            None => out.push(ConfigUsed {
                source,
                unchecked,
                sets: 1,
            }),
        }
    }
    out
}

/// `path` below the current folder as a relative path (as people typed
/// the checked paths), else as it is.
fn relative(path: PathBuf) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or(path)
}

impl ConfigUsed {
    /// One or two lines for the end of the human output.
    pub fn said(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let mut out = match (&self.source, ja) {
            (Some(p), true) => format!("設定: {}", p.display()),
            (Some(p), false) => format!("config: {}", p.display()),
            (None, true) => "設定: yoshiki.toml が見つからないため、組み込みの公募（schemas/call.toml）の既定値を使いました。".to_string(),
            (None, false) => "config: no yoshiki.toml found; the built-in call's defaults (schemas/call.toml) were used.".to_string(),
        };
        for code in &self.unchecked {
            let (key, what_ja, what_en) = match *code {
                "VER004" => (
                    "title",
                    "件名と公募の正式名称の照合",
                    "the 件名 against the call's title",
                ),
                _ => ("budget_cap", "総額の上限", "総額 against the cap"),
            };
            out.push('\n');
            if ja {
                out.push_str(&format!(
                    "  {what_ja}（{code}）は確認していません: 設定に [call] {key} がありません。yoshiki.toml に書くと確認します。"
                ));
            } else {
                out.push_str(&format!(
                    "  {what_en} ({code}) was not checked: no [call] {key} is set; write it in yoshiki.toml to check it."
                ));
            }
        }
        out
    }
}
