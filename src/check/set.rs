//! Finishing a complete submission set: the cross-document rules, the
//! configured severities and the order of the findings.

use super::pipeline::{Outcome, panic_text};
use super::{FileReport, FormRef};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::knowledge::Knowledge;
use crate::model::Location;
use crate::rules::{FileContext, SetContext};
use chrono::NaiveDate;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// Cross-document rules, configured severities and finding order for one
/// complete set; the documents are dropped here.
pub(super) fn finish_set(
    set: usize,
    mut outcomes: Vec<Outcome>,
    config: &Config,
    knowledge: &Knowledge,
    as_of: NaiveDate,
    internal_errors: &mut Vec<String>,
) -> Vec<FileReport> {
    run_set_rules(&mut outcomes, config, knowledge, as_of, internal_errors);
    let mut files = Vec::with_capacity(outcomes.len());
    for o in outcomes {
        internal_errors.extend(o.internal_errors);
        let format = match &o.doc {
            Some(d) => d.format.as_str().to_string(),
            None => extension_of(&o.display),
        };
        let mut diagnostics: Vec<Diagnostic> = o
            .diagnostics
            .into_iter()
            .filter_map(|mut d| {
                if config.ignores(&o.display, d.code) {
                    return None;
                }
                d.severity = config.severity_for(d.code, d.severity)?;
                Some(d)
            })
            .collect();
        diagnostics.sort_by(|a, b| {
            sort_key(&a.location)
                .cmp(&sort_key(&b.location))
                .then_with(|| a.code.cmp(b.code))
                .then_with(|| a.field.cmp(&b.field))
        });
        files.push(FileReport {
            path: o.display,
            format,
            forms: o
                .forms
                .iter()
                .map(|f| FormRef {
                    form: f.form.clone(),
                    template_version: f.template_version.clone(),
                })
                .collect(),
            diagnostics,
            set,
            path_bytes: None,
        });
    }
    files
}

fn run_set_rules(
    outcomes: &mut [Outcome],
    config: &Config,
    knowledge: &Knowledge,
    as_of: NaiveDate,
    internal_errors: &mut Vec<String>,
) {
    let mut found: Vec<(String, Diagnostic)> = Vec::new();
    {
        let contexts: Vec<FileContext<'_>> = outcomes
            .iter()
            .filter_map(|o| {
                Some(FileContext {
                    path: &o.display,
                    doc: o.doc.as_ref()?,
                    forms: &o.forms,
                    config,
                    knowledge,
                    as_of,
                })
            })
            .collect();
        if contexts.is_empty() {
            return;
        }
        let set = SetContext {
            files: &contexts,
            config,
            knowledge,
            as_of,
        };
        let _memo =
            crate::rules::field_util::memo_untouched(contexts.iter().flat_map(|c| c.forms.iter()));
        for meta in crate::rules::all() {
            let Some(rule) = meta.rule else { continue };
            let mut out = Vec::new();
            match catch_unwind(AssertUnwindSafe(|| rule.check_set(&set, &mut out))) {
                Ok(()) => found.extend(out),
                Err(panic) => internal_errors.push(format!(
                    "rule {} (set) failed: {}",
                    meta.code,
                    panic_text(&panic)
                )),
            }
        }
    }
    for (path, d) in found {
        match outcomes.iter_mut().find(|o| o.display == path) {
            Some(o) => o.diagnostics.push(d),
            None => internal_errors.push(format!(
                "rule {} reported a finding for {path}, which is not in the submission set",
                d.code
            )),
        }
    }
}

fn extension_of(display: &str) -> String {
    Path::new(display)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// Order of findings in a file: no location first, then by part (the body
/// first), sheet, paragraph, table, row, column, cell, line, column.
fn sort_key(loc: &Option<Location>) -> impl Ord {
    let Some(l) = loc else {
        return (0u8, String::new(), String::new(), [0u32; 8]);
    };
    let part = match l.part.as_deref() {
        None | Some("word/document.xml") => String::new(),
        Some(p) => p.to_string(),
    };
    let (cell_row, cell_col) = l.cell.as_deref().map(split_cell).unwrap_or((0, 0));
    (
        1u8,
        part,
        l.sheet.clone().unwrap_or_default(),
        [
            l.paragraph.unwrap_or(0),
            l.table.unwrap_or(0),
            l.row.unwrap_or(0),
            l.col.unwrap_or(0),
            cell_row,
            cell_col,
            l.line.unwrap_or(0),
            l.column.unwrap_or(0),
        ],
    )
}

/// `C12` → (12, 3).
fn split_cell(cell: &str) -> (u32, u32) {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let row = cell[letters.len()..].parse().unwrap_or(0);
    let col = letters.chars().fold(0u32, |acc, c| {
        acc.saturating_mul(26)
            .saturating_add(c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    });
    (row, col)
}
