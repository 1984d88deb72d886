//! What a check found: per file, per set, and the counts.

use super::{Diagnostic, Severity};
use chrono::NaiveDate;
use std::path::PathBuf;

/// A form found in a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FormRef {
    pub form: String,
    pub template_version: String,
}

/// The findings for one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// As given (`submission/report.docx`, `archive.zip/inner.docx`).
    pub path: String,
    /// `docx`, `xlsx`, … ; for an unreadable file, its extension.
    pub format: String,
    pub forms: Vec<FormRef>,
    pub diagnostics: Vec<Diagnostic>,
    /// Index of the submission set the file belongs to.
    pub set: usize,
    /// The path's exact bytes when it is not valid UTF-8 (`path` then shows
    /// U+FFFD where bytes could not be decoded): the JSON carries both, so
    /// a script can find the very file.
    pub path_bytes: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files a folder walk met and left out on purpose: Office lock files
    /// (`~$…`) and the system's and yoshiki's own files (`.DS_Store`,
    /// `Thumbs.db`, `desktop.ini`, `yoshiki.toml`). Every other file is in
    /// `files`, read or with the finding that says why not.
    pub skipped: usize,
}

/// Everything a check found.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub as_of: NaiveDate,
    /// The submission sets, by [`FileReport::set`] index: the directory,
    /// .zip or single file as given.
    pub sets: Vec<String>,
    pub files: Vec<FileReport>,
    pub summary: Summary,
    /// A rule that failed unexpectedly (a bug, reported so that it is not
    /// silently lost; the other rules and files were still checked).
    pub internal_errors: Vec<String>,
    /// The `yoshiki.toml` each set used, by set index, as the check looked
    /// it up (`None`: none found, the built-in call's defaults); empty when
    /// it did not look (`--config`, sets handed over in memory). In no
    /// output: the command line says which configs were used on stderr.
    pub config_files: Vec<Option<PathBuf>>,
}

impl CheckReport {
    /// Two reports as one: `b`'s sets after `a`'s.
    pub fn concat(mut a: CheckReport, b: CheckReport) -> CheckReport {
        let offset = a.sets.len();
        a.sets.extend(b.sets);
        a.files.extend(b.files.into_iter().map(|mut f| {
            f.set += offset;
            f
        }));
        a.internal_errors.extend(b.internal_errors);
        // Kept only while it still names one file per set.
        if a.config_files.len() + b.config_files.len() == a.sets.len() {
            a.config_files.extend(b.config_files);
        } else {
            a.config_files.clear();
        }
        let skipped = a.summary.skipped + b.summary.skipped;
        a.summary = CheckReport::summarize(&a.files);
        a.summary.skipped = skipped;
        a
    }

    /// At least one finding of severity error.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// Count the findings again (after findings were re-attributed or
    /// filtered).
    pub fn resummarize(&mut self) {
        let skipped = self.summary.skipped;
        self.summary = Self::summarize(&self.files);
        self.summary.skipped = skipped;
    }

    pub(crate) fn summarize(files: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: files.len(),
            ..Summary::default()
        };
        for d in files.iter().flat_map(|f| &f.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}
