//! `yoshiki.toml`. Placeholder.
#[derive(Debug, Clone, Default)]
pub struct Config;
