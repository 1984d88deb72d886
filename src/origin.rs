//! Blame the right party: a finding that the call's blank template already
//! gives (a stale external link, the issuer's guidance comments, hidden
//! stamps, an old edition in a printed clause, placeholders in the
//! instructions) is the issuer's, not the applicant's. Checked against the
//! template, such findings become info with `origin: template` and are
//! shown apart; what the applicant added, changed or left unfilled stays
//! theirs.
//!
//! Only findings about what a document contains can come from a template:
//! the document-level rules of [`crate::rules::registry`] (SEC, VER, PH),
//! not the readers' IN codes, and never the rules about what was filled in
//! (a blank template leaves every entry empty; an entry left empty in a
//! submission is the applicant's).

use crate::check::CheckReport;
use crate::diag::{Diagnostic, Origin, Severity};
use crate::rules::field_util::squash;
use std::collections::BTreeSet;

/// Whether findings of this code can be the template's own.
pub fn can_come_from_template(code: &str) -> bool {
    !code.starts_with("IN") && crate::rules::registry::RULES.iter().any(|r| r.code == code)
}

/// What identifies a finding across a template and a filled copy: its
/// code, and what it is about (the excerpt, else the message), without
/// blanks; not its place, which moves when rows are added.
fn key(d: &Diagnostic) -> String {
    let about = match &d.excerpt {
        Some(e) if !e.text.trim().is_empty() => squash(&e.text),
        _ => squash(&d.message.ja),
    };
    format!("{}|{about}", d.code)
}

/// The findings of the blank templates, as keys.
#[derive(Debug, Default, Clone)]
pub struct TemplateFindings {
    keys: BTreeSet<String>,
}

impl TemplateFindings {
    pub fn from_report(template: &CheckReport) -> Self {
        TemplateFindings {
            keys: template
                .files
                .iter()
                .flat_map(|f| &f.diagnostics)
                .filter(|d| can_come_from_template(d.code))
                .map(key)
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Mark the report's findings the templates already give: origin
    /// template, severity info. Returns how many were marked.
    pub fn attribute(&self, report: &mut CheckReport) -> usize {
        let mut marked = 0;
        for f in &mut report.files {
            for d in &mut f.diagnostics {
                if can_come_from_template(d.code) && self.keys.contains(&key(d)) {
                    d.origin = Origin::Template;
                    d.severity = Severity::Info;
                    marked += 1;
                }
            }
        }
        report.resummarize();
        marked
    }
}
