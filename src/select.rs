//! `--select` / `--extend-select` / `--ignore`: which rule codes a run
//! reports, by code or code prefix (`SUM`, `REQ00`, `ALL`), as ruff does.

use crate::check::{CheckReport, Summary};
use crate::diag::Severity;

#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these (empty: every code).
    pub select: Vec<String>,
    /// These as well as `select`.
    pub extend_select: Vec<String>,
    /// Never these (wins over select).
    pub ignore: Vec<String>,
}

fn matches(pattern: &str, code: &str) -> bool {
    pattern.eq_ignore_ascii_case("ALL")
        || code
            .get(..pattern.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(pattern))
}

impl Selection {
    /// Split comma-separated lists (`--select SUM,XD001`), upper-cased.
    pub fn from_lists(select: &[String], extend_select: &[String], ignore: &[String]) -> Self {
        let split = |v: &[String]| -> Vec<String> {
            v.iter()
                .flat_map(|s| s.split(','))
                .map(|s| s.trim().to_ascii_uppercase())
                .filter(|s| !s.is_empty())
                .collect()
        };
        Selection {
            select: split(select),
            extend_select: split(extend_select),
            ignore: split(ignore),
        }
    }

    /// The entries that name no rule code (neither a code nor a prefix of
    /// one), for a clear refusal.
    pub fn unknown(&self) -> Vec<String> {
        let codes: Vec<&str> = crate::rules::all().iter().map(|m| m.code).collect();
        self.select
            .iter()
            .chain(&self.extend_select)
            .chain(&self.ignore)
            .filter(|p| !codes.iter().any(|c| matches(p, c)))
            .cloned()
            .collect()
    }

    pub fn is_default(&self) -> bool {
        self.select.is_empty() && self.extend_select.is_empty() && self.ignore.is_empty()
    }

    /// Whether findings of `code` are reported.
    pub fn keeps(&self, code: &str) -> bool {
        let selected = (self.select.is_empty() && self.extend_select.is_empty())
            || self.select.iter().any(|p| matches(p, code))
            || self.extend_select.iter().any(|p| matches(p, code))
            || (self.select.is_empty() && !self.extend_select.is_empty());
        selected && !self.ignore.iter().any(|p| matches(p, code))
    }

    /// Drop the findings not kept and count again.
    pub fn apply(&self, report: &mut CheckReport) {
        if self.is_default() {
            return;
        }
        let mut summary = Summary {
            files: report.files.len(),
            skipped: report.summary.skipped,
            ..Summary::default()
        };
        for f in &mut report.files {
            f.diagnostics.retain(|d| self.keeps(d.code));
            for d in &f.diagnostics {
                match d.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
        }
        report.summary = summary;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_ignore() {
        let s = Selection::from_lists(&["sum,XD001".into()], &[], &["SUM005".into()]);
        assert!(s.keeps("SUM002"));
        assert!(s.keeps("XD001"));
        assert!(!s.keeps("XD002"));
        assert!(!s.keeps("SUM005"));
        assert!(!s.keeps("REQ001"));
        let all = Selection::from_lists(&[], &[], &["REQ".into()]);
        assert!(all.keeps("SUM002") && !all.keeps("REQ003"));
        assert_eq!(
            Selection::from_lists(&["SUMX".into()], &[], &[]).unknown(),
            ["SUMX"]
        );
    }
}
