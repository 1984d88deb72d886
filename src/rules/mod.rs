//! The rule catalogue: one file per rule, a central table of stable codes.
//!
//! Each rule file starts with `//!` doc comments (what it checks, why it
//! matters, an example) that `yoshiki explain CODE` prints; the table keeps
//! the file's source through `include_str!` to get at them.

use crate::config::Config;
use crate::forms::ExtractedForm;
use crate::knowledge::Knowledge;
use crate::model::Document;
use crate::model::finding::{Diagnostic, Lang, Severity};

pub mod in_use;
pub mod registry;
pub mod registry_fields;
pub mod roles;

// Field rules (REQ, SUM, SUB, ROS, RPT, XD, FMT) and their helpers.
pub mod cell_place;
pub mod declared;
pub mod field_util;
pub mod fmt001;
pub mod fmt002;
pub mod fmt003;
pub mod fmt004;
pub mod form_free;
pub mod mark_scan;
pub mod relations;
pub mod req001;
pub mod req002;
pub mod req003;
pub mod ros001;
pub mod ros002;
pub mod ros003;
pub mod rpt001;
pub mod rpt002;
pub mod rpt003;
pub mod sub001;
pub mod sub002;
pub mod sub003;
pub mod sub004;
pub mod sub005;
pub mod sub006;
pub mod sum001;
pub mod sum002;
pub mod sum003;
pub mod sum004;
pub mod sum005;
pub mod sum006;
pub mod template_match;
pub mod tpl001;
pub mod tpl002;
pub mod xd001;
pub mod xd002;
pub mod xd003;
pub mod xd004;

/// Everything a rule may look at for one file.
pub struct FileContext<'a> {
    pub path: &'a str,
    pub doc: &'a Document,
    pub forms: &'a [ExtractedForm],
    pub config: &'a Config,
    pub knowledge: &'a Knowledge,
    /// The date the check is made as of (`--as-of`, default today).
    pub as_of: chrono::NaiveDate,
}

/// Everything a rule may look at for a submission set (the files of one
/// folder or one .zip).
pub struct SetContext<'a> {
    pub files: &'a [FileContext<'a>],
    pub config: &'a Config,
    pub knowledge: &'a Knowledge,
    pub as_of: chrono::NaiveDate,
}

/// A lint rule. Rules that look at one file implement `check_file`; rules
/// that compare files of a set implement `check_set` and return findings
/// tagged with the path of the file they belong to.
pub trait Rule: Sync + Send {
    fn check_file(&self, _ctx: &FileContext<'_>, _out: &mut Vec<Diagnostic>) {}
    fn check_set(&self, _ctx: &SetContext<'_>, _out: &mut Vec<(String, Diagnostic)>) {}
}

/// One row of the central table.
pub struct RuleMeta {
    pub code: &'static str,
    pub default_severity: Severity,
    /// Short title in Japanese and English.
    pub title_ja: &'static str,
    pub title_en: &'static str,
    /// The rule's source file, for its `//!` docs.
    pub source: &'static str,
    /// None for codes raised by the readers (IN001–IN005), not by a rule.
    pub rule: Option<&'static dyn Rule>,
}

impl RuleMeta {
    /// The `//!` doc comment of the rule's file, as plain text, in `lang`:
    /// the Japanese part comes first, then a `---` line, then the English.
    pub fn doc(&self, lang: Lang) -> String {
        let text = self
            .source
            .lines()
            .take_while(|l| l.starts_with("//!") || l.trim().is_empty())
            .filter_map(|l| l.strip_prefix("//!"))
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        let (ja, en) = text.split_once("\n---\n").unwrap_or((&text, &text));
        match lang {
            Lang::Ja => ja.trim().to_string(),
            Lang::En => en.trim().to_string(),
        }
    }

    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.title_ja,
            Lang::En => self.title_en,
        }
    }
}

/// Compile ahead the patterns the rules compile on first use (see
/// `check::warm_up`): the first files then do not wait for them.
pub fn warm_up() {
    fmt001::warm_up();
    fmt002::warm_up();
    ros002::warm_up();
}

/// Every rule of the catalogue, in code order (sorted once: the check of
/// every file walks it).
pub fn all() -> &'static [&'static RuleMeta] {
    static ALL: std::sync::OnceLock<Vec<&'static RuleMeta>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&'static RuleMeta> = registry::RULES
            .iter()
            .chain(registry_fields::FIELD_RULES.iter())
            .collect();
        all.sort_by_key(|m| m.code);
        all
    })
}

/// Look a rule up by code.
pub fn meta(code: &str) -> Option<&'static RuleMeta> {
    registry::RULES
        .iter()
        .chain(registry_fields::FIELD_RULES.iter())
        .find(|m| m.code.eq_ignore_ascii_case(code))
}

/// A finding of a rule, at the severity its row of the table gives (set
/// the rest with the builder methods). The rules build findings here, not
/// with `diag`'s `Diagnostic::new`, so that they stay below diag.
pub fn finding(code: &'static str, message: crate::base::Text) -> Diagnostic {
    Diagnostic::with_severity(code, default_severity(code), message)
}

/// The default severity of a code (error for an unknown code).
pub fn default_severity(code: &str) -> Severity {
    meta(code)
        .map(|m| m.default_severity)
        .unwrap_or(Severity::Error)
}
