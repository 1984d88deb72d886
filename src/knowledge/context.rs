//! Where an outdated wording is history or a citation rather than a
//! commitment (`schemas/knowledge/contexts.toml`).
//!
//! VER001 / VER002 report an outdated edition or name where the text
//! commits to it: a clause, a 確認事項, a statement of compliance, a field
//! value. A mention that tells history (「2015年1月、内閣サイバーセキュリティ
//! センター（NISC）が設置された」) or cites a source (a 参考文献 list, 「…（令和
//! ５年度版）, 2023年」) is left alone. The ways to recognise such a mention
//! are data: each [`ContextEntry`] is one, with examples the test suite runs.
//!
//! Every scope text is compared folded (see [`super::fold`]: NFKC, no
//! whitespace, ASCII lower-cased), with the mention itself replaced by `〓`
//! so that the mention's own words and dates do not count.

use super::fold::fold_str;
use super::{KnowledgeError, PhraseEntry};
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::Deserialize;

/// Stands for the mention inside its scope text.
pub const MENTION_MARK: char = '〓';

/// What part of the document a context looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The sentence holding the mention (ends at 。！？ or a line break).
    Sentence,
    /// The line (paragraph, cell, text line) holding the mention.
    Line,
    /// The section holding the mention: the lines since a heading of its
    /// own (参考文献), with no line ending in 。 or matching `section_end`
    /// (nor a blank line) in between.
    Section,
}

/// How a context recognises a mention that is not a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One of `words` occurs in the scope.
    Words,
    /// `pattern` (a regular expression) matches the folded scope.
    Pattern,
    /// `pattern` finds a date (named groups `era`, `year`, `month`) in the
    /// scope that lies before the date the wording became outdated.
    EarlierDate,
    /// The scope (a section) starts with one of `words` as its heading.
    Heading,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ContextDe {
    id: String,
    rules: Vec<String>,
    scope: Scope,
    kind: Kind,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    section_end: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    examples_quiet: Vec<String>,
    #[serde(default)]
    examples_report: Vec<String>,
}

/// One way to recognise a historical or bibliographic mention.
#[derive(Debug, Clone)]
pub struct ContextEntry {
    pub id: String,
    /// The rules it applies to (`VER001`, `VER002`).
    pub rules: Vec<String>,
    pub scope: Scope,
    pub kind: Kind,
    pub words: Vec<String>,
    pub pattern: Option<String>,
    pub section_end: Option<String>,
    pub note: Option<String>,
    /// Texts in which the rules must not report (each as a whole text,
    /// lines split at `\n`).
    pub examples_quiet: Vec<String>,
    /// Texts in which they still must.
    pub examples_report: Vec<String>,
    folded_words: Vec<String>,
    regex: Option<Regex>,
    end_regex: Option<Regex>,
}

impl ContextEntry {
    pub(super) fn build(
        file: &str,
        c: ContextDe,
        known_rules: Option<&[&str]>,
    ) -> Result<ContextEntry, KnowledgeError> {
        let invalid = |message: String| KnowledgeError::Invalid {
            file: file.to_string(),
            id: c.id.clone(),
            message,
        };
        let compile = |p: &Option<String>| -> Result<Option<Regex>, KnowledgeError> {
            match p {
                Some(p) => Regex::new(p)
                    .map(Some)
                    .map_err(|e| invalid(format!("bad pattern: {e}"))),
                None => Ok(None),
            }
        };
        if c.rules.is_empty() {
            return Err(invalid("rules must name at least one rule".into()));
        }
        if let Some(r) = c
            .rules
            .iter()
            .find(|r| !super::is_known_rule(known_rules, r))
        {
            return Err(invalid(format!("unknown rule {r}")));
        }
        let regex = compile(&c.pattern)?;
        let end_regex = compile(&c.section_end)?;
        match c.kind {
            Kind::Words | Kind::Heading if c.words.is_empty() => {
                return Err(invalid("words must not be empty".into()));
            }
            Kind::Pattern | Kind::EarlierDate if regex.is_none() => {
                return Err(invalid("pattern is required".into()));
            }
            Kind::Heading if c.scope != Scope::Section => {
                return Err(invalid("kind heading needs scope section".into()));
            }
            _ => {}
        }
        if c.kind != Kind::Heading && c.scope == Scope::Section {
            return Err(invalid("scope section needs kind heading".into()));
        }
        if c.examples_quiet.is_empty() {
            return Err(invalid("at least one examples_quiet is required".into()));
        }
        Ok(ContextEntry {
            folded_words: c
                .words
                .iter()
                .map(|w| fold_str(w).into_iter().collect())
                .collect(),
            regex,
            end_regex,
            id: c.id,
            rules: c.rules,
            scope: c.scope,
            kind: c.kind,
            words: c.words,
            pattern: c.pattern,
            section_end: c.section_end,
            note: c.note,
            examples_quiet: c.examples_quiet,
            examples_report: c.examples_report,
        })
    }

    /// Whether the folded scope text shows a mention of `entry` is not a
    /// commitment. For a section, `scope` is its heading line.
    fn holds(&self, scope: &str, entry: &PhraseEntry) -> bool {
        match self.kind {
            Kind::Words => self.folded_words.iter().any(|w| scope.contains(w.as_str())),
            Kind::Heading => {
                let heading = heading_text(scope);
                self.folded_words.iter().any(|w| heading == w.as_str())
            }
            Kind::Pattern => self.regex.as_ref().is_some_and(|r| r.is_match(scope)),
            Kind::EarlierDate => self.regex.as_ref().is_some_and(|r| {
                r.captures_iter(scope).any(|c| {
                    last_day(
                        c.name("era").map(|m| m.as_str()),
                        c.name("year").map(|m| m.as_str()),
                        c.name("month").map(|m| m.as_str()),
                    )
                    .is_some_and(|d| d < entry.outdated_from)
                })
            }),
        }
    }

    fn ends_section(&self, line: &str) -> bool {
        line.is_empty()
            || line.ends_with('。')
            || self.end_regex.as_ref().is_some_and(|r| r.is_match(line))
    }
}

/// A heading line without its marks and numbering: 【参考文献】, ■参考文献,
/// 5. 参考文献, 参考文献： → 参考文献.
fn heading_text(line: &str) -> &str {
    let marks = |c: char| {
        c.is_ascii_digit()
            || "【】[]■□●○◆◇◎・*#:.()<>〈〉《》「」『』第章節一二三四五六七八九十".contains(c)
    };
    line.trim_matches(marks)
}

/// The last day of the month (or year) a folded date names.
fn last_day(era: Option<&str>, year: Option<&str>, month: Option<&str>) -> Option<NaiveDate> {
    let year = year?;
    let n: i32 = if year == "元" { 1 } else { year.parse().ok()? };
    let year = match era {
        Some("令和") => 2018 + n,
        Some("平成") => 1988 + n,
        Some("昭和") => 1925 + n,
        // A year without an era is a four-digit one (受注後1年 is no date).
        _ if n >= 1000 => n,
        _ => return None,
    };
    let month: u32 = match month {
        Some(m) => m.parse().ok().filter(|m| (1..=12).contains(m))?,
        None => 12,
    };
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    first_of_next.pred_opt().filter(|d| d.year() == year)
}

/// A folded string.
pub(super) fn folded(s: &str) -> String {
    fold_str(s).into_iter().collect()
}

/// The text around one mention, as the contexts look at it.
pub(super) struct Surroundings<'a> {
    /// The units (paragraphs, cells, a whole text file), lines split at `\n`.
    pub units: &'a [&'a str],
    pub unit: usize,
    pub start: usize,
    pub end: usize,
}

impl Surroundings<'_> {
    fn text(&self) -> &str {
        self.units.get(self.unit).copied().unwrap_or("")
    }

    /// Byte range of the scope around the mention in its unit.
    fn bounds(&self, stops: &[char]) -> (usize, usize) {
        let text = self.text();
        let from = text
            .get(..self.start)
            .and_then(|s| s.char_indices().rev().find(|(_, c)| stops.contains(c)))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        let to = text
            .get(self.end..)
            .and_then(|s| s.find(stops).map(|i| self.end + i))
            .unwrap_or(text.len());
        (from, to)
    }

    /// The folded scope with the mention replaced by [`MENTION_MARK`].
    fn scope_text(&self, stops: &[char]) -> String {
        let text = self.text();
        let (from, to) = self.bounds(stops);
        let mut s = folded(text.get(from..self.start).unwrap_or(""));
        s.push(MENTION_MARK);
        s.push_str(&folded(text.get(self.end..to).unwrap_or("")));
        s
    }

    pub fn sentence(&self) -> String {
        self.scope_text(&['。', '！', '？', '!', '?', '\n', '\r'])
    }

    pub fn line(&self) -> String {
        self.scope_text(&['\n', '\r'])
    }

    /// The folded lines before the mention's line, nearest first.
    fn lines_before(&self) -> impl Iterator<Item = String> + '_ {
        let text = self.text();
        let head = text.get(..self.start).unwrap_or("");
        let earlier_in_unit: Vec<&str> = match head.rfind('\n') {
            Some(i) => head[..i].split('\n').collect(),
            None => Vec::new(),
        };
        let earlier_units = self.units.get(..self.unit).unwrap_or(&[]);
        earlier_in_unit
            .into_iter()
            .rev()
            .chain(earlier_units.iter().rev().flat_map(|u| u.split('\n').rev()))
            .take(200)
            .map(folded)
    }
}

impl super::Knowledge {
    /// The context showing that the mention of `entry` at `at` is history
    /// or a citation, if any. A sentence holding a commitment word (遵守,
    /// すること …) is always a commitment.
    pub(super) fn quiet_context(
        &self,
        rule: &str,
        entry: &PhraseEntry,
        at: &Surroundings<'_>,
    ) -> Option<&ContextEntry> {
        let applicable: Vec<&ContextEntry> = self
            .contexts
            .iter()
            .filter(|c| c.rules.iter().any(|r| r == rule))
            .collect();
        if applicable.is_empty() {
            return None;
        }
        let sentence = at.sentence();
        if self
            .commitment_words
            .iter()
            .any(|w| sentence.contains(&folded(w)))
        {
            return None;
        }
        let line = at.line();
        applicable.into_iter().find(|c| match c.scope {
            Scope::Sentence => c.holds(&sentence, entry),
            Scope::Line => c.holds(&line, entry),
            Scope::Section => {
                for before in at.lines_before() {
                    if c.holds(&before, entry) {
                        return true;
                    }
                    if c.ends_section(&before) {
                        return false;
                    }
                }
                false
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_days() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(last_day(None, Some("2015"), Some("1")), d(2015, 1, 31));
        assert_eq!(last_day(Some("令和"), Some("5"), None), d(2023, 12, 31));
        assert_eq!(
            last_day(Some("平成"), Some("元"), Some("2")),
            d(1989, 2, 28)
        );
        assert_eq!(last_day(None, Some("2015"), Some("13")), None);
        assert_eq!(last_day(None, Some("1"), None), None);
    }

    #[test]
    fn headings_lose_their_marks() {
        assert_eq!(heading_text("【参考文献】"), "参考文献");
        assert_eq!(heading_text("5.参考文献:"), "参考文献");
        assert_eq!(heading_text("■参考文献"), "参考文献");
    }
}
