//! One file through the pipeline: read, extract the forms, run the
//! per-file rules; a panic anywhere is that file's finding only.

use super::CheckOptions;
use super::findings::{foreign_finding, read_error_finding};
use super::inputs::{Input, read_input};
use crate::config::Config;
use crate::diag::{Diagnostic, Severity, Text};
use crate::error::ReadError;
use crate::forms::ExtractedForm;
use crate::knowledge::Knowledge;
use crate::model::Document;
use crate::rules::FileContext;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A file after reading, extraction and the per-file rules.
pub(super) struct Outcome {
    pub(super) display: String,
    pub(super) doc: Option<Document>,
    pub(super) forms: Vec<ExtractedForm>,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) internal_errors: Vec<String>,
}

/// Read, extract and run the per-file rules for one input.
pub(super) fn process(
    input: Input,
    config: &Config,
    knowledge: &Knowledge,
    options: &CheckOptions,
) -> Outcome {
    let display = input.display().to_string();
    let foreign = input.is_foreign();
    let mut internal_errors = Vec::new();
    let read = catch_unwind(AssertUnwindSafe(|| read_input(input, &options.limits)))
        .unwrap_or_else(|panic| {
            // A reader bug: the file is reported unreadable (never silently
            // clean) and the failure surfaces as an internal error.
            internal_errors.push(format!("{display}: reading failed: {}", panic_text(&panic)));
            Err(ReadError::Io {
                path: display.clone(),
                source: std::io::Error::other("internal error of the reader"),
            })
        });
    let mut outcome = Outcome {
        display,
        doc: None,
        forms: Vec::new(),
        diagnostics: Vec::new(),
        internal_errors,
    };
    let mut doc = match read {
        Ok(doc) => doc,
        Err(err) => {
            outcome.diagnostics.push(if foreign {
                foreign_finding(&err)
            } else {
                read_error_finding(&err)
            });
            return outcome;
        }
    };
    // The document carries the path as the user named it.
    doc.path = outcome.display.clone();
    // A report yoshiki wrote into the folder it checks is not a submission.
    if crate::model::own_report::is_own_report(&doc) {
        let mut note = Diagnostic::new(
            "IN004",
            Text::new(
                "yoshiki が書き出した受付一覧（報告書）です。提出書類としては確認していません。",
                "A report yoshiki wrote; it is not checked as a submission.",
            ),
        );
        note.severity = Severity::Info;
        outcome.diagnostics.push(note);
        return outcome;
    }
    let forms = match catch_unwind(AssertUnwindSafe(|| crate::forms::extract_forms(&doc))) {
        Ok(forms) => forms,
        Err(panic) => {
            outcome.internal_errors.push(format!(
                "{}: form extraction failed: {}",
                outcome.display,
                panic_text(&panic)
            ));
            Vec::new()
        }
    };
    if forms.is_empty() {
        outcome
            .diagnostics
            .push(crate::rules::registry::in004::finding(&doc));
    }
    let ctx = FileContext {
        path: &outcome.display,
        doc: &doc,
        forms: &forms,
        config,
        knowledge,
        as_of: options.as_of,
    };
    {
        let _memo = crate::rules::field_util::memo_untouched(ctx.forms);
        let _phrases = crate::rules::registry::text_match::memo_phrase_text(ctx.doc);
        for meta in crate::rules::all() {
            let Some(rule) = meta.rule else { continue };
            let mut found = Vec::new();
            match catch_unwind(AssertUnwindSafe(|| rule.check_file(&ctx, &mut found))) {
                Ok(()) => outcome.diagnostics.extend(found),
                Err(panic) => outcome.internal_errors.push(format!(
                    "{}: rule {} failed: {}",
                    outcome.display,
                    meta.code,
                    panic_text(&panic)
                )),
            }
        }
    }
    outcome.forms = forms;
    outcome.doc = Some(doc);
    outcome
}

/// A file not read again because it killed a worker process: its finding.
pub(super) fn skipped_outcome(display: String, finding: Diagnostic) -> Outcome {
    Outcome {
        display,
        doc: None,
        forms: Vec::new(),
        diagnostics: vec![finding],
        internal_errors: Vec::new(),
    }
}

/// The outcome of a file whose job did not return: overran its time
/// bound, panicked, or was not started.
pub(super) fn failed_outcome(display: String, outcome: &crate::batch::Outcome<Outcome>) -> Outcome {
    let message = outcome.failure_ja().unwrap_or_default();
    let (code, en) = match outcome {
        crate::batch::Outcome::Overrun { limit } => (
            "IN005",
            format!(
                "checking this file took longer than the limit of {:.1} s; stopped",
                limit.as_secs_f64()
            ),
        ),
        crate::batch::Outcome::Panicked { message } => (
            "IN001",
            format!("internal error while checking this file: {message}"),
        ),
        crate::batch::Outcome::NotRun { reason } => {
            ("IN005", format!("this file was not checked ({reason})"))
        }
        crate::batch::Outcome::Done(_) => ("IN001", String::new()),
    };
    let help = match code {
        "IN006" => Text::new(
            "Word / Excel の元ファイル（.docx / .xlsx）を提出してください。スキャンした PDF では内容を確認できません。",
            "Submit the Word / Excel original (.docx / .xlsx); a scanned PDF cannot be checked.",
        ),
        "IN005" => Text::new(
            "通常の様式はこの上限よりはるかに短時間で確認できます。ファイルを作り直して提出してください。",
            "A genuine form is checked far within the limit; recreate the file and resubmit.",
        ),
        _ => Text::new(
            "yoshiki の不具合の可能性があります。このファイルを添えて開発者に報告してください。",
            "This may be a bug in yoshiki; please report it with this file.",
        ),
    };
    Outcome {
        display,
        doc: None,
        forms: Vec::new(),
        diagnostics: vec![Diagnostic::new(code, Text::new(message, en)).help(help)],
        internal_errors: Vec::new(),
    }
}

pub(super) fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}
