//! `yoshiki.toml`: the call being checked against and per-rule severities.
//!
//! ```toml
//! [call]
//! title = "令和８年度地域中小企業人材確保支援等調査・分析（…）"
//! budget_cap = 50_000_000      # yen, tax included
//! general_admin_rate = 0.10
//!
//! [rules]
//! SEC006 = "off"
//! RPT002 = "error"
//! ```
//!
//! Found in the checked directory or its parents ([`Config::discover`]), or
//! given with `--config`. A key we do not know (a typo such as `budgetcap`,
//! or a rule code that does not exist) is an error naming the key and its
//! line: silently ignoring it would let a setting the user believes in do
//! nothing.

use crate::base::Severity;
// The Japanese TOML wording lives in base so that form definitions can use
// it without depending on config.
use crate::base::toml_ja::toml_message_ja;
pub use crate::base::toml_ja::toml_said_ja;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The file name looked for.
pub const FILE_NAME: &str = "yoshiki.toml";

/// The whole configuration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub call: CallConfig,
    /// Severity overrides by rule code (upper case).
    pub rules: BTreeMap<String, RuleLevel>,
    /// `[forms] dirs`: directories of form definitions, resolved against the
    /// config file's directory.
    pub forms_dirs: Vec<PathBuf>,
    /// `[files] exclude`: files not to check (patterns, see [`glob_match`]).
    pub exclude: Vec<String>,
    /// `[files.ignore]`: per-file ignores, pattern → codes or prefixes.
    pub ignore: Vec<(String, Vec<String>)>,
    /// The file it was read from, if any.
    pub source: Option<PathBuf>,
    /// The built-in call's defaults ([`Config::builtin`]), used because no
    /// yoshiki.toml was found.
    pub builtin: bool,
}

/// schemas/call.toml: the call whose forms are built in.
pub(crate) const BUILTIN_CALL: &str = include_str!("../../schemas/call.toml");

/// `[files]`: which files are checked, and codes ignored in some of them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FilesConfig {
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    ignore: BTreeMap<String, Vec<String>>,
}

/// A file pattern: `*` any run of characters (`/` included), `?` one
/// character; compared with the file's name and with its path below the
/// config's folder (`下書き/*`, `*_控え.docx`, `*名簿*.xlsx`).
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// `[forms]`: where the definitions of other calls' forms are.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormsConfig {
    /// Directories of `*.toml` definitions, relative to the config file.
    #[serde(default)]
    dirs: Vec<PathBuf>,
}

/// `[call]`: the call (公募) the submissions answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallConfig {
    /// The official title (件名) of the call, compared by VER004.
    #[serde(default)]
    pub title: Option<String>,
    /// The cap on 総額 in yen, tax included (SUM005).
    #[serde(default)]
    pub budget_cap: Option<i64>,
    /// The highest 一般管理費 rate, as a fraction of Ⅰ+Ⅱ (SUM006).
    #[serde(default = "default_admin_rate")]
    pub general_admin_rate: f64,
}

fn default_admin_rate() -> f64 {
    0.10
}

impl Default for CallConfig {
    fn default() -> Self {
        CallConfig {
            title: None,
            budget_cap: None,
            general_admin_rate: default_admin_rate(),
        }
    }
}

/// What `[rules]` may set a code to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    Error,
    Warning,
    Info,
    Off,
}

impl RuleLevel {
    fn parse(s: &str) -> Option<RuleLevel> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Some(RuleLevel::Error),
            "warning" | "warn" => Some(RuleLevel::Warning),
            "info" => Some(RuleLevel::Info),
            "off" => Some(RuleLevel::Off),
            _ => None,
        }
    }

    /// The severity to report with; None when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Off => None,
        }
    }
}

/// Why a configuration could not be used. The CLI exits with status 2.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A problem in the file; `key` names the offending key when there is one.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Invalid {
        path: String,
        line: Option<usize>,
        key: Option<String>,
        message: String,
        message_ja: String,
    },
}

impl ConfigError {
    /// The explanation in Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            ConfigError::Io { path, source } => {
                format!(
                    "設定ファイル {path} を読み込めません（{}）。",
                    crate::error::io_reason_ja(source)
                )
            }
            ConfigError::Invalid {
                path,
                line,
                message_ja,
                ..
            } => format!(
                "設定ファイル {path}{}: {message_ja}",
                line.map(|l| format!(" {l}行目")).unwrap_or_default()
            ),
        }
    }

    /// The key the error is about, if any.
    pub fn key(&self) -> Option<&str> {
        match self {
            ConfigError::Invalid { key, .. } => key.as_deref(),
            ConfigError::Io { .. } => None,
        }
    }
}

impl crate::error::Explained for ConfigError {
    fn said_ja(&self) -> String {
        self.message_ja()
    }
    fn said_en(&self) -> String {
        match self {
            ConfigError::Io { path, source } => format!(
                "cannot read config {path} ({}).",
                crate::error::io_reason_en(source)
            ),
            ConfigError::Invalid { .. } => self.to_string(),
        }
    }
    fn detail(&self) -> Option<String> {
        match self {
            ConfigError::Io { source, .. } => Some(source.to_string()),
            ConfigError::Invalid { .. } => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigDe {
    #[serde(default)]
    call: CallConfig,
    #[serde(default)]
    rules: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    forms: FormsConfig,
    #[serde(default)]
    files: FilesConfig,
}

impl Config {
    /// Parse the text of a `yoshiki.toml`; `path` is used in messages.
    /// `codes` are the rule table's codes (passed in: config sits below
    /// the rules); [`Config::parse`] passes them.
    pub fn parse_with(
        text: &str,
        path: &str,
        codes: &[&'static str],
    ) -> Result<Config, ConfigError> {
        let de: ConfigDe = toml::from_str(text).map_err(|e| from_toml_error(&e, text, path))?;
        let invalid = |line: Option<usize>, key: &str, message: String, message_ja: String| {
            ConfigError::Invalid {
                path: path.to_string(),
                line,
                key: Some(key.to_string()),
                message,
                message_ja,
            }
        };
        let call = de.call;
        if !(0.0..=1.0).contains(&call.general_admin_rate) || call.general_admin_rate.is_nan() {
            return Err(invalid(
                line_of_key(text, "general_admin_rate"),
                "call.general_admin_rate",
                format!(
                    "call.general_admin_rate must be a fraction between 0 and 1 (0.10 for 10%), not {}",
                    call.general_admin_rate
                ),
                format!(
                    "call.general_admin_rate は 0〜1 の割合で書いてください（10% なら 0.10）。{} は使えません。",
                    call.general_admin_rate
                ),
            ));
        }
        if let Some(cap) = call.budget_cap
            && cap <= 0
        {
            return Err(invalid(
                line_of_key(text, "budget_cap"),
                "call.budget_cap",
                format!("call.budget_cap must be a positive amount of yen, not {cap}"),
                format!("call.budget_cap は正の金額（円）で書いてください。{cap} は使えません。"),
            ));
        }
        let mut rules = BTreeMap::new();
        for (code, level) in de.rules {
            let line = Some(line_of_offset(text, level.span().start));
            let Some(known) = known_code(&code, codes) else {
                let (en, ja) = unknown_code(&code, &close_codes_in(&code, codes));
                return Err(invalid(line, &format!("rules.{code}"), en, ja));
            };
            let value = level.get_ref();
            let Some(parsed) = RuleLevel::parse(value) else {
                return Err(invalid(
                    line,
                    &format!("rules.{code}"),
                    format!(
                        "rules.{code} must be \"error\", \"warning\", \"info\" or \"off\", not \"{value}\""
                    ),
                    format!(
                        "rules.{code} には \"error\"・\"warning\"・\"info\"・\"off\" のどれかを書いてください（\"{value}\" は使えません）。"
                    ),
                ));
            };
            rules.insert(known, parsed);
        }
        let base = Path::new(path).parent().unwrap_or(Path::new(""));
        let forms_dirs = de.forms.dirs.iter().map(|d| base.join(d)).collect();
        for (pattern, ignored) in &de.files.ignore {
            for code in ignored {
                let c = code.trim().to_ascii_uppercase();
                let known = codes.iter().any(|m| m.starts_with(c.as_str()));
                if c.is_empty() || !known {
                    return Err(invalid(
                        line_of_key(text, pattern),
                        &format!("files.ignore.{pattern}"),
                        format!("unknown rule code or prefix `{code}` in [files.ignore]"),
                        format!(
                            "[files.ignore] の「{pattern}」にある `{code}` という規則コードはありません。"
                        ),
                    ));
                }
            }
        }
        Ok(Config {
            call,
            rules,
            forms_dirs,
            exclude: de.files.exclude,
            ignore: de
                .files
                .ignore
                .into_iter()
                .map(|(p, codes)| {
                    (
                        p,
                        codes
                            .into_iter()
                            .map(|c| c.trim().to_ascii_uppercase())
                            .collect(),
                    )
                })
                .collect(),
            source: Some(PathBuf::from(path)),
            builtin: false,
        })
    }

    /// Read a config file, knowing the rule table's `codes`.
    pub fn load_with(path: &Path, codes: &[&'static str]) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Config::parse_with(&text, &path.display().to_string(), codes)
    }

    /// The `yoshiki.toml` for a checked path: in its directory (the path
    /// itself when it is a directory) or the nearest parent. None when
    /// there is none.
    pub fn find_file(start: &Path) -> Option<PathBuf> {
        Config::find_file_remembering(start, &mut HashMap::new())
    }

    /// [`Config::find_file`], remembering the answer for every folder it
    /// walks in `seen`: sets side by side share their parents' look-ups
    /// (300 sets in one folder cost 300 file tests instead of 1,500).
    pub fn find_file_remembering(
        start: &Path,
        seen: &mut HashMap<PathBuf, Option<PathBuf>>,
    ) -> Option<PathBuf> {
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let mut dir = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
        let mut walked = Vec::new();
        let found = loop {
            let Some(d) = dir else { break None };
            if let Some(known) = seen.get(d) {
                break known.clone();
            }
            walked.push(d.to_path_buf());
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                break Some(candidate);
            }
            dir = d.parent();
        };
        for d in walked {
            seen.insert(d, found.clone());
        }
        found
    }

    /// The call checks that cannot run with this config for want of a
    /// setting: VER004 without `[call] title`, SUM005 without `budget_cap`.
    pub fn unchecked(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self
            .call
            .title
            .as_deref()
            .is_none_or(|t| t.trim().is_empty())
        {
            out.push("VER004");
        }
        if self.call.budget_cap.is_none() {
            out.push("SUM005");
        }
        out
    }

    /// The names a file is matched by: its name, and its path below the
    /// config's folder (`/` separators).
    fn names_of(&self, display: &str) -> Vec<String> {
        let display = display.replace('\\', "/");
        let mut names = vec![display.rsplit('/').next().unwrap_or(&display).to_string()];
        if let Some(base) = self.source.as_ref().and_then(|s| s.parent()) {
            let base = base.display().to_string().replace('\\', "/");
            if let Some(rest) = display.strip_prefix(&format!("{base}/")) {
                names.push(rest.to_string());
            }
        }
        names.push(display);
        names
    }

    /// Whether `[files] exclude` leaves this file out.
    pub fn excludes(&self, display: &str) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let names = self.names_of(display);
        self.exclude
            .iter()
            .any(|p| names.iter().any(|n| glob_match(p, n)))
    }

    /// Whether `[files.ignore]` drops findings of `code` in this file.
    pub fn ignores(&self, display: &str, code: &str) -> bool {
        if self.ignore.is_empty() {
            return false;
        }
        let names = self.names_of(display);
        self.ignore.iter().any(|(p, codes)| {
            codes.iter().any(|c| code.starts_with(c.as_str()))
                && names.iter().any(|n| glob_match(p, n))
        })
    }

    /// The severity a finding of `code` is reported with: the configured
    /// level, else `default`. None when the rule is off.
    pub fn severity_for(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            Some(level) => level.severity(),
            None => Some(default),
        }
    }
}

fn from_toml_error(e: &toml::de::Error, text: &str, path: &str) -> ConfigError {
    let message = e.message().trim().to_string();
    let line = e.span().map(|s| line_of_offset(text, s.start));
    // serde's deny_unknown_fields: "unknown field `budgetcap`, expected one of …"
    let key = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
        .map(str::to_string);
    let message_ja = match &key {
        Some(k) => format!(
            "`{k}` という設定項目はありません（使えるのは [call] の title・budget_cap・general_admin_rate、[rules] の規則コード、[forms] の dirs、[files] の exclude・ignore です）。"
        ),
        None => toml_message_ja(&message, e.span().map(|s| key_at(text, s.start))),
    };
    let message = match &key {
        Some(k) => format!("unknown key `{k}` ({message})"),
        None => message,
    };
    ConfigError::Invalid {
        path: path.to_string(),
        line,
        key,
        message,
        message_ja,
    }
}

/// The key written on the line of `offset` (`budget_cap = "x"` → `budget_cap`).
fn key_at(text: &str, offset: usize) -> String {
    let start = text
        .get(..offset.min(text.len()))
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line = text
        .get(start..)
        .and_then(|s| s.lines().next())
        .unwrap_or("");
    line.split('=').next().unwrap_or("").trim().to_string()
}

/// The message (English, Japanese) for a code `[rules]` names that the
/// rule table does not have, with the codes `close` to it.
fn unknown_code(code: &str, close: &[&str]) -> (String, String) {
    let (en, ja) = if close.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(" (did you mean {}?)", close.join(", ")),
            format!("（{} のことですか）", close.join("、")),
        )
    };
    (
        format!("unknown rule code `{code}` in [rules]{en}"),
        format!("[rules] の `{code}` という規則コードはありません{ja}。"),
    )
}

/// 1-based line of a byte offset.
fn line_of_offset(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map(|s| s.matches('\n').count() + 1)
        .unwrap_or(1)
}

/// 1-based line where `key = …` is written, if it is.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// Every code of the SPEC's rule catalogue. A config may name any of them
/// even before its rule is registered (the table is filled by several
/// modules); codes added later come from the registry.
pub const CATALOGUE: &[&str] = &[
    "IN001", "IN002", "IN003", "IN004", "IN005", "IN006", "REQ001", "REQ002", "REQ003", "PH001",
    "VER001", "VER002", "VER003", "VER004", "SUM001", "SUM002", "SUM003", "SUM004", "SUM005",
    "SUM006", "SUB001", "SUB002", "SUB003", "SUB004", "SUB005", "SUB006", "ROS001", "ROS002",
    "ROS003", "RPT001", "RPT002", "RPT003", "XD001", "XD002", "XD003", "XD004", "FMT001", "FMT002",
    "FMT003", "FMT004", "SEC001", "SEC002", "SEC003", "SEC004", "SEC005", "SEC006", "SEC007",
];

/// The canonical (upper-case) form of a known rule code (`codes`: the
/// rule table's).
fn known_code(code: &str, codes: &[&'static str]) -> Option<String> {
    if let Some(known) = codes.iter().find(|c| c.eq_ignore_ascii_case(code)) {
        return Some(known.to_string());
    }
    let upper = code.trim().to_ascii_uppercase();
    CATALOGUE.contains(&upper.as_str()).then_some(upper)
}

fn all_codes(codes: &[&'static str]) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = codes.to_vec();
    codes.extend(CATALOGUE.iter().copied());
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// Rule codes close to `code` (same prefix, or one edit away), for
/// "did you mean" hints; `codes` are the rule table's.
pub fn close_codes_in(code: &str, codes: &[&'static str]) -> Vec<&'static str> {
    let upper = code.trim().to_ascii_uppercase();
    let prefix: String = upper
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let mut out: Vec<&'static str> = all_codes(codes)
        .into_iter()
        .filter(|c| edit_distance(c, &upper) <= 1)
        .collect();
    if out.is_empty() && !prefix.is_empty() {
        out = all_codes(codes)
            .into_iter()
            .filter(|c| c.starts_with(&prefix))
            .collect();
    }
    out
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
