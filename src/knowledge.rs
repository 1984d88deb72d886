//! Knowledge that changes over time, kept as data in `schemas/knowledge/`.
//!
//! Two kinds of entries:
//! - **phrases** (`standards.toml`, `organizations.toml`): wordings that were
//!   right once and are outdated from a date on (an edition of 統一基準群, a
//!   former organisation name), each with its source, the date from which it
//!   is outdated (`outdated_from`), its replacement, and examples that must
//!   and must not match (checked by the test suite);
//! - **templates** (`templates.toml`): template versions of a form that were
//!   replaced, with the clauses that changed.
//!
//! `--as-of` decides what is in force: an entry whose `outdated_from` is
//! after the as-of date does not fire, and a replacement that is itself
//! outdated by then is followed to the wording current at that date.
//!
//! The built-in files are embedded at build time ([`Knowledge::builtin`]);
//! [`Knowledge::load_dir`] reads another directory of the same files.

pub mod context;
pub mod fold;

use crate::base::{Applicability, Text};
use chrono::NaiveDate;
use context::{ContextDe, ContextEntry, Surroundings};
use fold::{Folded, fold_str};
use serde::Deserialize;
use std::path::Path;
use std::sync::OnceLock;

/// The built-in knowledge files, by name.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "standards.toml",
        include_str!("../schemas/knowledge/standards.toml"),
    ),
    (
        "organizations.toml",
        include_str!("../schemas/knowledge/organizations.toml"),
    ),
    (
        "templates.toml",
        include_str!("../schemas/knowledge/templates.toml"),
    ),
    (
        "contexts.toml",
        include_str!("../schemas/knowledge/contexts.toml"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    #[error("cannot read knowledge file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("knowledge file {file}: {message}")]
    Parse { file: String, message: String },
    #[error("knowledge file {file}: entry {id}: {message}")]
    Invalid {
        file: String,
        id: String,
        message: String,
    },
}

/// Where a piece of knowledge comes from.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document that says so (title, issuer, date).
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// A wording outdated from a date on.
#[derive(Debug, Clone)]
pub struct PhraseEntry {
    /// Stable id (`unified-standard-r5`).
    pub id: String,
    /// The rule that reports it (`VER001` editions, `VER002` names).
    pub rule: String,
    /// What it is, for messages (`統一基準群 令和５年度版`).
    pub name: String,
    /// Wordings that match (compared folded: digit width, spaces, line
    /// breaks and letter case do not matter).
    pub phrases: Vec<String>,
    /// If non-empty, one of these must occur within `context_window`
    /// characters before the phrase (or after it), e.g. 統一基準 before an
    /// edition, so that another document's 令和５年度版 is left alone.
    pub context: Vec<String>,
    pub context_window: usize,
    /// The phrase does not fire right after one of these (旧内閣サイバー…
    /// names the former body on purpose) or right before one of these.
    pub not_preceded_by: Vec<String>,
    pub not_followed_by: Vec<String>,
    /// From this date on the wording is outdated.
    pub outdated_from: NaiveDate,
    /// The wording that replaced it.
    pub replacement: String,
    /// How safe the replacement is to apply without a person looking.
    pub fix: Applicability,
    pub source: Source,
    pub note: Option<String>,
    pub examples_match: Vec<String>,
    pub examples_no_match: Vec<String>,
    folded_phrases: Vec<Vec<char>>,
    folded_context: Vec<Vec<char>>,
    folded_not_preceded: Vec<Vec<char>>,
    folded_not_followed: Vec<Vec<char>>,
}

/// A change between two template versions of a form.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TemplateChange {
    /// The clause, as the form numbers it (`１５）（９）`).
    pub clause: String,
    pub ja: String,
    pub en: String,
    /// Wording found only in the old template's clause, used to point at
    /// the evidence in the document (compared folded).
    #[serde(default)]
    pub old_text: Option<String>,
}

/// A template version replaced by a newer one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateEntry {
    /// Form id (`security_report`).
    pub form: String,
    /// The old version (`r5`).
    pub version: String,
    /// The version that replaced it (`r7`).
    pub replacement: String,
    #[serde(deserialize_with = "de_date")]
    pub outdated_from: NaiveDate,
    /// What the old template is called (`別紙４ …（令和５年度版準拠）`).
    pub name: String,
    pub source: Source,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub changes: Vec<TemplateChange>,
}

/// One match of a phrase entry in a text.
#[derive(Debug, Clone)]
pub struct PhraseMatch<'k> {
    pub entry: &'k PhraseEntry,
    /// Byte range of the matched text in the text searched.
    pub start: usize,
    pub end: usize,
    /// The exact original text of the span (what a fix replaces).
    pub original: String,
    /// The wording current at the as-of date, with the digit width of the
    /// original.
    pub replacement: String,
    /// How safe the replacement is (the entry's; for a name with its
    /// abbreviation in brackets, the less safe of the two).
    pub fix: Applicability,
}

/// All time-dependent knowledge.
#[derive(Debug, Clone)]
pub struct Knowledge {
    pub phrases: Vec<PhraseEntry>,
    pub templates: Vec<TemplateEntry>,
    /// Ways to recognise a historical or bibliographic mention
    /// (`contexts.toml`).
    pub contexts: Vec<ContextEntry>,
    /// Words that make a sentence a commitment (遵守, すること …): a
    /// mention in it is reported whatever the contexts say.
    pub commitment_words: Vec<String>,
    /// Which text units can hold a phrase at all (see [`Knowledge::may_hold`]).
    sieve: fold::Sieve,
}

impl Default for Knowledge {
    /// The built-in knowledge.
    fn default() -> Self {
        Knowledge::builtin().clone()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDe {
    #[serde(default)]
    entry: Vec<PhraseDe>,
    #[serde(default)]
    template: Vec<TemplateEntry>,
    #[serde(default)]
    context: Vec<ContextDe>,
    #[serde(default)]
    commitment_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseDe {
    id: String,
    rule: String,
    name: String,
    phrases: Vec<String>,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default = "default_window")]
    context_window: usize,
    #[serde(default)]
    not_preceded_by: Vec<String>,
    #[serde(default)]
    not_followed_by: Vec<String>,
    #[serde(deserialize_with = "de_date")]
    outdated_from: NaiveDate,
    replacement: String,
    #[serde(default = "default_fix")]
    fix: String,
    source: Source,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    examples_match: Vec<String>,
    #[serde(default)]
    examples_no_match: Vec<String>,
}

fn default_window() -> usize {
    16
}

fn default_fix() -> String {
    "safe".into()
}

/// A TOML date literal (`2025-07-01`) or a quoted ISO date.
fn de_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let bad =
        |what: &dyn std::fmt::Display| serde::de::Error::custom(format!("not a date: {what}"));
    match Raw::deserialize(d)? {
        Raw::Toml(dt) => {
            let date = dt.date.ok_or_else(|| bad(&dt))?;
            NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .ok_or_else(|| bad(&dt))
        }
        Raw::Text(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| bad(&s)),
    }
}

impl Knowledge {
    /// The knowledge embedded at build time (`schemas/knowledge/*.toml`).
    pub fn builtin() -> &'static Knowledge {
        static BUILTIN: OnceLock<Knowledge> = OnceLock::new();
        BUILTIN.get_or_init(
            // Rule codes are not checked here (knowledge sits below the
            // rule table); the test suite checks the embedded files with them.
            || match Knowledge::parse(BUILTIN_FILES.iter().copied(), None) {
                Ok(k) => k,
                // The embedded files are checked by the test suite; a broken
                // build is a programming error, not a user's.
                Err(e) => panic!("built-in knowledge is invalid: {e}"),
            },
        )
    }

    /// Parse knowledge from `(file name, TOML text)` pairs; every rule an
    /// entry names must be one of `known_rules` (the rule table's codes,
    /// compared ignoring ASCII case).
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
        known_rules: &[&str],
    ) -> Result<Knowledge, KnowledgeError> {
        Knowledge::parse(files, Some(known_rules))
    }

    /// [`Knowledge::from_files`], the rule codes unchecked when `known_rules`
    /// is `None`.
    fn parse<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
        known_rules: Option<&[&str]>,
    ) -> Result<Knowledge, KnowledgeError> {
        let mut k = Knowledge {
            phrases: Vec::new(),
            templates: Vec::new(),
            contexts: Vec::new(),
            commitment_words: Vec::new(),
            sieve: fold::Sieve::default(),
        };
        for (file, text) in files {
            let de: FileDe = toml::from_str(text).map_err(|e| KnowledgeError::Parse {
                file: file.to_string(),
                message: e.to_string(),
            })?;
            for p in de.entry {
                k.phrases.push(PhraseEntry::build(file, p, known_rules)?);
            }
            k.templates.extend(de.template);
            for c in de.context {
                k.contexts.push(ContextEntry::build(file, c, known_rules)?);
            }
            k.commitment_words.extend(de.commitment_words);
        }
        k.sieve = fold::Sieve::new(
            k.phrases
                .iter()
                .flat_map(|p| p.folded_phrases.iter().map(Vec::as_slice)),
        );
        let mut ids: Vec<&str> = k.phrases.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(KnowledgeError::Invalid {
                file: "(all)".into(),
                id: w[0].to_string(),
                message: "duplicate id".into(),
            });
        }
        Ok(k)
    }

    /// Read every `*.toml` of a directory (rule codes as in
    /// [`Knowledge::from_files`]).
    pub fn load_dir(dir: &Path, known_rules: &[&str]) -> Result<Knowledge, KnowledgeError> {
        let io = |source| KnowledgeError::Io {
            path: dir.display().to_string(),
            source,
        };
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if path.extension().and_then(|e| e.to_str()) == Some("toml") {
                let text = std::fs::read_to_string(&path).map_err(|source| KnowledgeError::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                files.push((path.display().to_string(), text));
            }
        }
        files.sort();
        Knowledge::from_files(
            files.iter().map(|(n, t)| (n.as_str(), t.as_str())),
            known_rules,
        )
    }

    /// False only when no phrase of any entry can occur in `text`: such a
    /// text need not be folded for [`Knowledge::mentions_folded`] (an empty
    /// [`Folded`] stands for it).
    pub fn may_hold(&self, text: &str) -> bool {
        self.sieve.may_hold(text)
    }

    pub fn entry(&self, id: &str) -> Option<&PhraseEntry> {
        self.phrases.iter().find(|p| p.id == id)
    }

    /// The wording that replaces `entry` as of `as_of`: its replacement, or
    /// if that is itself outdated by then, what replaced that (and so on).
    pub fn current_replacement(&self, entry: &PhraseEntry, as_of: NaiveDate) -> String {
        let mut current = entry.replacement.clone();
        let mut seen = vec![entry.id.as_str()];
        loop {
            let folded = fold_str(&current);
            let next = self.phrases.iter().find(|p| {
                p.rule == entry.rule
                    && !seen.contains(&p.id.as_str())
                    && p.outdated_from <= as_of
                    && p.folded_phrases.contains(&folded)
            });
            match next {
                Some(p) => {
                    seen.push(p.id.as_str());
                    current = p.replacement.clone();
                }
                None => return current,
            }
        }
    }

    /// Every outdated wording of `rule` in `text` as of `as_of`, left to
    /// right; where entries overlap (内閣官房内閣サイバーセキュリティセンター
    /// also holds 内閣サイバーセキュリティセンター) the longest wins.
    pub fn find(&self, rule: &str, text: &str, as_of: NaiveDate) -> Vec<PhraseMatch<'_>> {
        self.find_where(text, as_of, |p| p.rule == rule && p.outdated_from <= as_of)
    }

    /// Matches of one entry regardless of date (for its examples).
    pub fn find_entry(
        &self,
        entry: &PhraseEntry,
        text: &str,
        as_of: NaiveDate,
    ) -> Vec<PhraseMatch<'_>> {
        self.find_where(text, as_of, |p| p.id == entry.id)
    }

    fn find_where(
        &self,
        text: &str,
        as_of: NaiveDate,
        select: impl Fn(&PhraseEntry) -> bool,
    ) -> Vec<PhraseMatch<'_>> {
        // No entry to look for: the text need not be folded at all.
        if !self.phrases.iter().any(&select) {
            return Vec::new();
        }
        self.find_in(text, &Folded::new(text), as_of, select)
    }

    /// [`Knowledge::find_where`] on `text` folded beforehand.
    fn find_in(
        &self,
        text: &str,
        folded: &Folded,
        as_of: NaiveDate,
        select: impl Fn(&PhraseEntry) -> bool,
    ) -> Vec<PhraseMatch<'_>> {
        if folded.is_empty() {
            return Vec::new();
        }
        // (from, to) in folded chars, with the entry.
        let mut hits: Vec<(usize, usize, &PhraseEntry)> = Vec::new();
        for entry in self.phrases.iter().filter(|p| select(p)) {
            for phrase in &entry.folded_phrases {
                for (from, to) in folded.find_all(phrase) {
                    if entry.accepts(folded, from, to) {
                        hits.push((from, to, entry));
                    }
                }
            }
        }
        // Longest first at each start, then drop overlaps.
        hits.sort_by(|a, b| a.0.cmp(&b.0).then((b.1 - b.0).cmp(&(a.1 - a.0))));
        let mut kept: Vec<(usize, usize, &PhraseEntry)> = Vec::new();
        for hit in hits {
            if kept.iter().any(|k| hit.0 < k.1 && k.0 < hit.1) {
                continue;
            }
            kept.push(hit);
        }
        kept.into_iter()
            .filter_map(|(from, to, entry)| {
                let (start, end) = folded.byte_range(from, to)?;
                let original = text.get(start..end)?.to_string();
                let replacement =
                    fold::match_digit_width(&original, &self.current_replacement(entry, as_of));
                Some(PhraseMatch {
                    entry,
                    start,
                    end,
                    original,
                    replacement,
                    fix: entry.fix,
                })
            })
            .collect()
    }

    /// The mentions of outdated wordings of `rule` in a document's text
    /// `units` (paragraphs and cells, or a whole text file) that commit to
    /// them, as `(unit index, match)`, in order. A name followed by its
    /// abbreviation in brackets (内閣サイバーセキュリティセンター（NISC）) is one
    /// mention spanning both; a mention that the contexts show to be
    /// history or a citation (see [`context`]) is left out.
    pub fn mentions(
        &self,
        rule: &str,
        units: &[&str],
        as_of: NaiveDate,
    ) -> Vec<(usize, PhraseMatch<'_>)> {
        self.mentions_with(rule, units, |_, text| self.find(rule, text, as_of))
    }

    /// [`Knowledge::mentions`] in units folded beforehand (`folded[i]` is
    /// `Folded::new(units[i])`): a file's units are folded once for every
    /// phrase rule.
    pub fn mentions_folded(
        &self,
        rule: &str,
        units: &[&str],
        folded: &[Folded],
        as_of: NaiveDate,
    ) -> Vec<(usize, PhraseMatch<'_>)> {
        let select = |p: &PhraseEntry| p.rule == rule && p.outdated_from <= as_of;
        if !self.phrases.iter().any(select) {
            return Vec::new();
        }
        self.mentions_with(rule, units, |i, text| match folded.get(i) {
            Some(f) => self.find_in(text, f, as_of, select),
            None => self.find(rule, text, as_of),
        })
    }

    fn mentions_with<'k>(
        &'k self,
        rule: &str,
        units: &[&str],
        find: impl Fn(usize, &str) -> Vec<PhraseMatch<'k>>,
    ) -> Vec<(usize, PhraseMatch<'k>)> {
        let mut out = Vec::new();
        for (i, text) in units.iter().enumerate() {
            // Nearly every unit holds no phrase (its fold was skipped).
            let found = find(i, text);
            if found.is_empty() {
                continue;
            }
            for m in merge_bracketed(text, found) {
                let at = Surroundings {
                    units,
                    unit: i,
                    start: m.start,
                    end: m.end,
                };
                if self.quiet_context(rule, m.entry, &at).is_none() {
                    out.push((i, m));
                }
            }
        }
        out
    }

    /// The id of the context that keeps the mention at `start..end` of
    /// `units[unit]` quiet, if any (for tests and `explain`).
    pub fn quiet_context_id(
        &self,
        rule: &str,
        entry: &PhraseEntry,
        units: &[&str],
        unit: usize,
        start: usize,
        end: usize,
    ) -> Option<&str> {
        let at = Surroundings {
            units,
            unit,
            start,
            end,
        };
        self.quiet_context(rule, entry, &at).map(|c| c.id.as_str())
    }

    /// The template entry saying `version` of `form` is outdated as of
    /// `as_of`, if any.
    pub fn outdated_template(
        &self,
        form: &str,
        version: &str,
        as_of: NaiveDate,
    ) -> Option<&TemplateEntry> {
        self.templates
            .iter()
            .find(|t| t.form == form && t.version == version && t.outdated_from <= as_of)
    }

    /// The template version of `form` current as of `as_of`, starting from
    /// `version` and following replacements.
    pub fn current_template_version(&self, form: &str, version: &str, as_of: NaiveDate) -> String {
        let mut current = version.to_string();
        for _ in 0..16 {
            match self.outdated_template(form, &current, as_of) {
                Some(t) => current = t.replacement.clone(),
                None => break,
            }
        }
        current
    }
}

impl PhraseEntry {
    fn build(
        file: &str,
        p: PhraseDe,
        known_rules: Option<&[&str]>,
    ) -> Result<PhraseEntry, KnowledgeError> {
        let invalid = |message: &str| KnowledgeError::Invalid {
            file: file.to_string(),
            id: p.id.clone(),
            message: message.to_string(),
        };
        if p.phrases.is_empty() || p.phrases.iter().any(|s| fold_str(s).is_empty()) {
            return Err(invalid("phrases must be non-empty"));
        }
        if p.examples_match.is_empty() {
            return Err(invalid("at least one examples_match is required"));
        }
        if !is_known_rule(known_rules, &p.rule) {
            return Err(invalid(&format!("unknown rule {}", p.rule)));
        }
        let fix = match p.fix.as_str() {
            "safe" => Applicability::Safe,
            "unsafe" => Applicability::Unsafe,
            "display" => Applicability::Display,
            other => {
                return Err(invalid(&format!(
                    "fix must be safe, unsafe or display, not {other}"
                )));
            }
        };
        let fold_all = |v: &[String]| v.iter().map(|s| fold_str(s)).collect::<Vec<_>>();
        Ok(PhraseEntry {
            folded_phrases: fold_all(&p.phrases),
            folded_context: fold_all(&p.context),
            folded_not_preceded: fold_all(&p.not_preceded_by),
            folded_not_followed: fold_all(&p.not_followed_by),
            id: p.id,
            rule: p.rule,
            name: p.name,
            phrases: p.phrases,
            context: p.context,
            context_window: p.context_window,
            not_preceded_by: p.not_preceded_by,
            not_followed_by: p.not_followed_by,
            outdated_from: p.outdated_from,
            replacement: p.replacement,
            fix,
            source: p.source,
            note: p.note,
            examples_match: p.examples_match,
            examples_no_match: p.examples_no_match,
        })
    }

    fn accepts(&self, folded: &Folded, from: usize, to: usize) -> bool {
        if self
            .folded_not_preceded
            .iter()
            .any(|n| folded.ends_with_before(n, from))
        {
            return false;
        }
        if self
            .folded_not_followed
            .iter()
            .any(|n| folded.starts_with_at(n, to))
        {
            return false;
        }
        if self.folded_context.is_empty() {
            return true;
        }
        self.folded_context.iter().any(|c| {
            folded.occurs_before(c, from, self.context_window)
                || folded.occurs_after(c, to, self.context_window)
        })
    }

    /// Where the knowledge comes from, for help texts.
    pub fn source_text(&self) -> String {
        match &self.source.url {
            Some(url) => format!("{} <{url}>", self.source.title),
            None => self.source.title.clone(),
        }
    }
}

impl TemplateEntry {
    /// The changed clauses as one text per language.
    pub fn changes_text(&self) -> Text {
        let ja = self
            .changes
            .iter()
            .map(|c| format!("{}：{}", c.clause, c.ja))
            .collect::<Vec<_>>()
            .join("／");
        let en = self
            .changes
            .iter()
            .map(|c| format!("{}: {}", c.clause, c.en))
            .collect::<Vec<_>>()
            .join("; ");
        Text::new(ja, en)
    }
}

/// Join a match and the match of the same rule right after it in brackets
/// (内閣サイバーセキュリティセンター（NISC）, NISC（内閣サイバーセキュリティ
/// センター）) into one mention: the span covers both and the closing
/// bracket, the wording is the longer one's, the fix the less safe.
fn merge_bracketed<'k>(text: &str, matches: Vec<PhraseMatch<'k>>) -> Vec<PhraseMatch<'k>> {
    let mut out: Vec<PhraseMatch<'k>> = Vec::new();
    for m in matches {
        if let Some(prev) = out.last_mut()
            && let Some(merged) = bracketed(text, prev, &m)
        {
            *prev = merged;
            continue;
        }
        out.push(m);
    }
    out
}

/// `prev（m）` as one mention, when `m` stands in brackets right after `prev`.
fn bracketed<'k>(
    text: &str,
    prev: &PhraseMatch<'k>,
    m: &PhraseMatch<'k>,
) -> Option<PhraseMatch<'k>> {
    let between = text.get(prev.end..m.start)?.trim();
    if !matches!(between, "（" | "(") {
        return None;
    }
    let after = text.get(m.end..)?;
    let rest = after.trim_start();
    let close = rest.chars().next().filter(|c| matches!(c, '）' | ')'))?;
    let end = m.end + (after.len() - rest.len()) + close.len_utf8();
    let original = text.get(prev.start..end)?;
    let (main, other) = if m.original.chars().count() > prev.original.chars().count() {
        (m, prev)
    } else {
        (prev, m)
    };
    Some(PhraseMatch {
        entry: main.entry,
        start: prev.start,
        end,
        original: original.to_string(),
        replacement: main.replacement.clone(),
        fix: weaker(main.fix, other.fix),
    })
}

/// Whether `code` is one of `known` (any code when `known` is `None`).
fn is_known_rule(known: Option<&[&str]>, code: &str) -> bool {
    known.is_none_or(|codes| codes.iter().any(|c| c.eq_ignore_ascii_case(code)))
}

/// The less safe of two applicabilities.
fn weaker(a: Applicability, b: Applicability) -> Applicability {
    let rank = |x: Applicability| match x {
        Applicability::Safe => 0,
        Applicability::Unsafe => 1,
        Applicability::Display => 2,
    };
    if rank(a) >= rank(b) { a } else { b }
}
