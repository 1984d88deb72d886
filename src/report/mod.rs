//! Batch reports: one row per submission set plus every finding, written as
//! an Excel workbook, CSV (UTF-8 with BOM, opens in Excel) or one
//! self-contained HTML page.
//!
//! The writers take a small flat model ([`Report`], [`SetRow`],
//! [`FindingRow`]) rather than the check pipeline's own types, so they stay
//! simple and can be tested on their own. Converting a check result into
//! these rows is the caller's job.

use crate::diag::{Lang, Severity};
// The recognition of a report yoshiki wrote sits in model, so that check
// can skip such a report without depending on this module.
pub use crate::model::own_report::is_own_report;
pub(crate) use crate::model::own_report::{finding_headers, set_headers};
use std::path::{Path, PathBuf};
use thiserror::Error;

pub mod csv;
pub mod html;
pub mod xlsx;

/// One submission set (a folder or a .zip): what was found in it, in one row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SetRow {
    /// The set's name as the office knows it (folder or .zip name).
    pub name: String,
    /// Number of files in the set.
    pub files: usize,
    /// Forms found and their template versions (`("proposal", "r8")`).
    pub forms: Vec<(String, String)>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Distinct rule codes found, in catalogue order as the caller gives them.
    pub codes: Vec<String>,
    /// A one-line summary in Japanese (see [`summary_ja`]).
    pub summary_ja: String,
}

/// One finding, flattened for a table.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRow {
    /// Name of the submission set it belongs to.
    pub set: String,
    /// File path within the set.
    pub file: String,
    pub code: String,
    pub severity: Severity,
    /// The message, in the language chosen for the run.
    pub message: String,
    /// What to write instead, may be empty.
    pub help: String,
    /// The place as a person names it (`様式２ ７．事業費総額 Ⅲ`), may be empty.
    pub place: String,
    /// The exact location (`表1 2行 3列`, `Sheet1!C12`), may be empty.
    pub location: String,
    /// Canonical field path (`budget.total`), may be empty.
    pub field: String,
    /// The offending text, may be empty.
    pub excerpt: String,
    /// For a cross-document finding: the other file, may be empty.
    pub related: String,
}

/// A whole batch report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Tool name and version, e.g. `yoshiki 0.1.0`.
    pub tool: String,
    /// The date the check was made as of (ISO), if known.
    pub as_of: Option<String>,
    pub sets: Vec<SetRow>,
    pub findings: Vec<FindingRow>,
}

impl Report {
    /// Totals over all sets: (files, errors, warnings, infos).
    pub fn totals(&self) -> (usize, usize, usize, usize) {
        self.sets.iter().fold((0, 0, 0, 0), |acc, s| {
            (
                acc.0 + s.files,
                acc.1 + s.errors,
                acc.2 + s.warnings,
                acc.3 + s.infos,
            )
        })
    }
}

/// Which writer a report path asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Xlsx,
    Csv,
    Html,
}

impl ReportFormat {
    /// The format named by a file's extension (`.xlsx`, `.csv`, `.html`/`.htm`).
    pub fn from_path(path: &Path) -> Option<ReportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(ReportFormat::Xlsx),
            "csv" => Some(ReportFormat::Csv),
            "html" | "htm" => Some(ReportFormat::Html),
            _ => None,
        }
    }
}

/// Why a report could not be written.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error("cannot write report {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot build workbook {path}: {detail}")]
    Xlsx { path: String, detail: String },
    #[error("unknown report format for {path} (use .xlsx, .csv or .html)")]
    UnknownFormat { path: String },
}

impl crate::error::Explained for ReportError {
    fn said_ja(&self) -> String {
        match self {
            ReportError::Io { path, source } => format!(
                "報告書 {path} を書き出せません（{}）。",
                match source.kind() {
                    std::io::ErrorKind::NotFound => "書き出し先のフォルダがありません",
                    _ => crate::error::io_reason_ja(source),
                }
            ),
            ReportError::Xlsx { path, .. } => {
                format!("報告書 {path} の Excel ブックを作れません。")
            }
            ReportError::UnknownFormat { path } => format!(
                "報告書 {path} の形式が分かりません（.xlsx、.csv、.html のどれかの名前にしてください）。"
            ),
        }
    }

    fn said_en(&self) -> String {
        match self {
            ReportError::Io { path, source } => format!(
                "cannot write report {path} ({}).",
                crate::error::io_reason_en(source)
            ),
            ReportError::Xlsx { path, .. } => format!("cannot build the workbook {path}."),
            ReportError::UnknownFormat { .. } => self.to_string(),
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            ReportError::Io { source, .. } => Some(source.to_string()),
            ReportError::Xlsx { detail, .. } => Some(detail.clone()),
            ReportError::UnknownFormat { .. } => None,
        }
    }
}

/// Write `report` to `path` in the format its extension names. Returns the
/// files written: one for .xlsx and .html; two for .csv (the sets table at
/// `path` and the findings table beside it, see [`csv::findings_path`]).
pub fn write(path: &Path, report: &Report, lang: Lang) -> Result<Vec<PathBuf>, ReportError> {
    match ReportFormat::from_path(path) {
        Some(ReportFormat::Xlsx) => {
            xlsx::write(path, report, lang)?;
            Ok(vec![path.to_path_buf()])
        }
        Some(ReportFormat::Csv) => csv::write(path, report, lang),
        Some(ReportFormat::Html) => {
            html::write(path, report, lang)?;
            Ok(vec![path.to_path_buf()])
        }
        None => Err(ReportError::UnknownFormat {
            path: path.display().to_string(),
        }),
    }
}

/// Write bytes to a file, mapping the error with the path.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    // Atomic, never through a link, 0600 temporary; whether an existing
    // report may be replaced is decided by the caller before any work.
    let policy = crate::write::atomic::OutputPolicy {
        may_replace: true,
        ..Default::default()
    };
    crate::write::atomic::write_output(path, bytes, &policy).map_err(|e| ReportError::Io {
        path: path.display().to_string(),
        source: match e {
            crate::write::WriteError::Io { source, .. } => source,
            other => std::io::Error::other(other.to_string()),
        },
    })
}

/// The severity as the report shows it.
pub fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    match (lang, severity) {
        (Lang::Ja, Severity::Error) => "エラー",
        (Lang::Ja, Severity::Warning) => "警告",
        (Lang::Ja, Severity::Info) => "情報",
        (Lang::En, s) => s.as_str(),
    }
}

/// Forms as one cell: `proposal(r8), security_report(r5)`.
pub fn forms_cell(forms: &[(String, String)], lang: Lang) -> String {
    forms
        .iter()
        .map(|(form, version)| {
            let name = crate::forms::definition::form_name(form);
            match lang {
                Lang::Ja => format!("{}（{version}）", name.ja),
                Lang::En => format!("{} ({version})", name.en),
            }
        })
        .collect::<Vec<_>>()
        .join(match lang {
            Lang::Ja => "、",
            Lang::En => ", ",
        })
}

/// Codes as one cell: `PH001 VER001`.
pub fn codes_cell(codes: &[String]) -> String {
    codes.join(" ")
}

/// The sets-table row as strings/numbers in column order, shared by the
/// CSV and HTML writers.
pub(crate) fn set_cells(row: &SetRow, lang: Lang) -> [String; 8] {
    [
        row.name.clone(),
        row.files.to_string(),
        forms_cell(&row.forms, lang),
        row.errors.to_string(),
        row.warnings.to_string(),
        row.infos.to_string(),
        codes_cell(&row.codes),
        row.summary_ja.clone(),
    ]
}

/// The findings-table row as strings in column order.
pub(crate) fn finding_cells(row: &FindingRow, lang: Lang) -> [String; 11] {
    [
        row.set.clone(),
        row.file.clone(),
        row.code.clone(),
        severity_label(row.severity, lang).to_string(),
        row.message.clone(),
        row.help.clone(),
        row.place.clone(),
        row.location.clone(),
        row.field.clone(),
        row.excerpt.clone(),
        row.related.clone(),
    ]
}

/// A short Japanese summary of a set for the 概要 column: what was found
/// and how serious, e.g. `エラー 3件・警告 1件（VER001 ほか 2種）。様式２ ほか 1様式`.
/// `unreadable` is the number of files that could not be read at all
/// (IN001/IN002/IN003/IN005), called out first because they hide
/// everything else.
pub fn summary_ja(row: &SetRow, unreadable: usize) -> String {
    let mut out = String::new();
    if row.files == 0 {
        return "対象ファイルがありません。".to_string();
    }
    if unreadable > 0 {
        out.push_str(&format!("読み込めないファイル {unreadable}件。"));
    }
    if row.errors == 0 && row.warnings == 0 {
        out.push_str("エラー・警告なし。");
    } else {
        let mut counts = Vec::new();
        if row.errors > 0 {
            counts.push(format!("エラー {}件", row.errors));
        }
        if row.warnings > 0 {
            counts.push(format!("警告 {}件", row.warnings));
        }
        out.push_str(&counts.join("・"));
        match row.codes.split_first() {
            Some((first, rest)) if !rest.is_empty() => {
                out.push_str(&format!("（{first} ほか {}種）", rest.len()));
            }
            Some((first, _)) => out.push_str(&format!("（{first}）")),
            None => {}
        }
        out.push('。');
    }
    if row.forms.is_empty() {
        out.push_str("様式を認識できません。");
    } else {
        let names: Vec<&str> = row.forms.iter().map(|(f, _)| form_name_ja(f)).collect();
        out.push_str(&format!("認識した様式: {}。", names.join("、")));
    }
    out
}

/// The short Japanese name of a form id: the built-in call's usual short
/// names, else the definition's name, else the id itself.
pub fn form_name_ja(form: &str) -> &str {
    match form {
        "application" => "様式１",
        "proposal" => "様式２",
        "subcontract_reason" => "理由書",
        "handler_roster" => "情報取扱者名簿",
        "security_terms" => "別記",
        "security_report" => "実施状況報告書",
        other => crate::forms::load::in_force()
            .versions(other)
            .next()
            .map_or(other, |d| d.name.as_str()),
    }
}

/// The rows of a check: one [`SetRow`] per submission set (in set order)
/// and one [`FindingRow`] per finding. File paths are shown relative to
/// their set; personal data in excerpts is masked unless `show_personal`.
pub fn from_check(check: &crate::check::CheckReport, lang: Lang, show_personal: bool) -> Report {
    use std::collections::BTreeMap;
    let mut sets: Vec<SetRow> = check
        .sets
        .iter()
        .map(|name| SetRow {
            name: name.clone(),
            ..SetRow::default()
        })
        .collect();
    // Per set: codes with (worst severity, count), and unreadable files.
    let mut codes: Vec<BTreeMap<&str, (Severity, usize)>> = vec![BTreeMap::new(); sets.len()];
    let mut unreadable = vec![0usize; sets.len()];
    let mut findings = Vec::new();
    for file in &check.files {
        let Some(row) = sets.get_mut(file.set) else {
            continue;
        };
        row.files += 1;
        for f in &file.forms {
            let form = (f.form.clone(), f.template_version.clone());
            if !row.forms.contains(&form) {
                row.forms.push(form);
            }
        }
        let set_name = row.name.clone();
        let relative = |path: &str| -> String {
            path.strip_prefix(set_name.as_str())
                .and_then(|rest| rest.strip_prefix(['/', '\\']))
                .filter(|rest| !rest.is_empty())
                .unwrap_or(path)
                .to_string()
        };
        if file
            .diagnostics
            .iter()
            .any(|d| matches!(d.code, "IN001" | "IN002" | "IN003" | "IN005"))
            && let Some(n) = unreadable.get_mut(file.set)
        {
            *n += 1;
        }
        for d in &file.diagnostics {
            match d.severity {
                Severity::Error => row.errors += 1,
                Severity::Warning => row.warnings += 1,
                Severity::Info => row.infos += 1,
            }
            if let Some(c) = codes.get_mut(file.set) {
                let e = c.entry(d.code).or_insert((d.severity, 0));
                e.0 = e.0.max(d.severity);
                e.1 += 1;
            }
            findings.push(FindingRow {
                set: set_name.clone(),
                file: relative(&file.path),
                code: d.code.to_string(),
                severity: d.severity,
                message: d.message.get(lang).to_string(),
                help: d
                    .help
                    .as_ref()
                    .map(|h| h.get(lang).to_string())
                    .unwrap_or_default(),
                place: d
                    .place
                    .as_ref()
                    .map(|p| p.get(lang).to_string())
                    .unwrap_or_default(),
                location: d
                    .location
                    .as_ref()
                    .map(|l| l.describe_in(lang))
                    .unwrap_or_default(),
                field: d.field.clone().unwrap_or_default(),
                excerpt: crate::diag::human::shown_excerpt(d, show_personal)
                    .map(|(text, _)| text)
                    .unwrap_or_default(),
                related: d.related.as_deref().map(relative).unwrap_or_default(),
            });
        }
    }
    for (i, row) in sets.iter_mut().enumerate() {
        // Worst first, then most frequent, then by code.
        let mut list: Vec<(&str, (Severity, usize))> = codes
            .get(i)
            .map(|c| c.iter().map(|(k, v)| (*k, *v)).collect())
            .unwrap_or_default();
        list.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(b.1.1.cmp(&a.1.1)).then(a.0.cmp(b.0)));
        row.codes = list.into_iter().map(|(c, _)| c.to_string()).collect();
        row.summary_ja = summary_ja(row, unreadable.get(i).copied().unwrap_or(0));
    }
    Report {
        tool: format!("yoshiki {}", env!("CARGO_PKG_VERSION")),
        as_of: Some(check.as_of.to_string()),
        sets,
        findings,
    }
}

/// The mark the HTML report carries in its head.
pub const HTML_GENERATOR: &str = crate::model::own_report::OWN_HTML_MARK;
