//! `yoshiki.toml`. Placeholder (shape agreed with the `check` owner; the
//! rules helper put the `[call]` table here so field rules compile).

/// The whole configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub call: CallConfig,
}

/// `[call]`: the call (公募) being checked against.
#[derive(Debug, Clone)]
pub struct CallConfig {
    /// Official title of the call.
    pub title: Option<String>,
    /// Cap of 総額 in yen, tax included.
    pub budget_cap: Option<i64>,
    /// Ceiling of 一般管理費 as a share of Ⅰ+Ⅱ.
    pub general_admin_rate: f64,
}

impl Default for CallConfig {
    fn default() -> Self {
        CallConfig {
            title: None,
            budget_cap: None,
            general_admin_rate: 0.10,
        }
    }
}
