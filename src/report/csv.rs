//! CSV report: UTF-8 with a BOM and CRLF line ends, RFC 4180 quoting, so
//! that double-clicking it opens correctly in Excel (without the BOM Excel
//! reads Japanese as mojibake).
//!
//! A CSV file holds one table, so the report is two files: the sets table at
//! the path asked for and the findings table at [`findings_path`] beside it.
//!
//! Text cells that would start a formula in Excel (`=`, `+`, `-`, `@`, tab,
//! CR) get a leading `'`: file names and excerpts come from applicants, and a
//! report must not run what they wrote.

use super::{
    Report, ReportError, finding_cells, finding_headers, set_cells, set_headers, write_file,
};
use crate::diag::Lang;
use std::path::{Path, PathBuf};

const BOM: &str = "\u{feff}";

/// Numeric columns of the sets table (never formula-guarded).
const SET_NUMERIC: [bool; 8] = [false, true, false, true, true, true, false, false];

/// Where the findings table goes: `report.csv` → `report_findings.csv`.
pub fn findings_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".to_string());
    path.with_file_name(format!("{stem}_findings.csv"))
}

/// Write both tables; returns the two paths (sets first).
pub fn write(path: &Path, report: &Report, lang: Lang) -> Result<Vec<PathBuf>, ReportError> {
    let (sets, findings) = render(report, lang);
    let fpath = findings_path(path);
    write_file(path, sets.as_bytes())?;
    write_file(&fpath, findings.as_bytes())?;
    Ok(vec![path.to_path_buf(), fpath])
}

/// Both tables as CSV text (BOM included): (sets, findings).
pub fn render(report: &Report, lang: Lang) -> (String, String) {
    let mut sets = String::from(BOM);
    push_record(&mut sets, set_headers(lang).iter().map(|h| (*h, false)));
    for row in &report.sets {
        let cells = set_cells(row, lang);
        push_record(
            &mut sets,
            cells
                .iter()
                .zip(SET_NUMERIC)
                .map(|(c, numeric)| (c.as_str(), !numeric)),
        );
    }
    let mut findings = String::from(BOM);
    push_record(
        &mut findings,
        finding_headers(lang).iter().map(|h| (*h, false)),
    );
    for row in &report.findings {
        let cells = finding_cells(row, lang);
        push_record(&mut findings, cells.iter().map(|c| (c.as_str(), true)));
    }
    (sets, findings)
}

/// Append one record; each cell is (text, formula-guard it).
fn push_record<'a>(out: &mut String, cells: impl Iterator<Item = (&'a str, bool)>) {
    for (i, (cell, guard)) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, cell, guard);
    }
    out.push_str("\r\n");
}

fn push_cell(out: &mut String, cell: &str, guard: bool) {
    let needs_guard = guard && cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let needs_quotes = needs_guard || cell.contains([',', '"', '\r', '\n']);
    if needs_quotes {
        out.push('"');
    }
    if needs_guard {
        out.push('\'');
    }
    if needs_quotes {
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_guard() {
        let mut s = String::new();
        push_cell(&mut s, "a,b", true);
        assert_eq!(s, "\"a,b\"");
        s.clear();
        push_cell(&mut s, "say \"hi\"\nthere", true);
        assert_eq!(s, "\"say \"\"hi\"\"\nthere\"");
        s.clear();
        push_cell(&mut s, "=HYPERLINK(\"x\")", true);
        assert_eq!(s, "\"'=HYPERLINK(\"\"x\"\")\"");
        s.clear();
        push_cell(&mut s, "-1", false);
        assert_eq!(s, "-1");
    }

    #[test]
    fn findings_path_is_beside() {
        assert_eq!(
            findings_path(Path::new("/tmp/out/受付.csv")),
            PathBuf::from("/tmp/out/受付_findings.csv")
        );
    }
}
