//! Excel report: a real workbook (rust_xlsxwriter) with two sheets, the sets
//! and every finding, each with a bold header row, an autofilter over the
//! whole table and frozen panes (header row and first column stay in view).
//!
//! Cells are written as strings or numbers, never as formulas, so text from
//! a submission cannot run in the office's Excel. Text over Excel's cell
//! limit is cut with a marker; findings past the sheet's row limit are
//! summarised in a last row instead of failing the whole report.

use super::{
    Report, ReportError, codes_cell, finding_headers, forms_cell, set_headers, severity_label,
};
use crate::diag::{Lang, Severity};
use rust_xlsxwriter::{Color, DocProperties, Format, FormatBorder, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// Excel's limit on one cell's text, in UTF-16 code units.
const MAX_CELL_UTF16: usize = 32_767;
/// Excel's row limit per sheet.
const MAX_ROWS: u32 = 1_048_576;

/// Sheet names per language: (sets, findings).
pub fn sheet_names(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Ja => ("提出物一覧", "指摘一覧"),
        Lang::En => ("Submissions", "Findings"),
    }
}

/// Write the workbook to `path`.
pub fn write(path: &Path, report: &Report, lang: Lang) -> Result<(), ReportError> {
    let bytes = render(report, lang).map_err(|e| ReportError::Xlsx {
        path: path.display().to_string(),
        detail: e.to_string(),
    })?;
    super::write_file(path, &bytes)
}

/// The workbook as bytes.
pub fn render(report: &Report, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let mut props = DocProperties::new()
        .set_title("yoshiki report")
        .set_author(report.tool.as_str());
    if let Some(as_of) = &report.as_of {
        props = props.set_comment(format!("as of {as_of}"));
    }
    wb.set_properties(&props);

    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDD_EB_F7))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let red = Format::new()
        .set_font_color(Color::RGB(0xC0_00_00))
        .set_bold();
    let amber = Format::new().set_font_color(Color::RGB(0x9C_57_00));

    let (sets_name, findings_name) = sheet_names(lang);

    let ws = wb.add_worksheet();
    ws.set_name(sets_name)?;
    let widths = [28.0, 8.0, 36.0, 8.0, 8.0, 8.0, 24.0, 60.0];
    header_row(ws, &set_headers(lang), &widths, &header)?;
    let mut last = 0u32;
    for (i, row) in report.sets.iter().take((MAX_ROWS - 1) as usize).enumerate() {
        let r = i as u32 + 1;
        last = r;
        ws.write_string(r, 0, clip(&row.name))?;
        ws.write_number(r, 1, row.files as f64)?;
        ws.write_string(r, 2, clip(&forms_cell(&row.forms, lang)))?;
        if row.errors > 0 {
            ws.write_number_with_format(r, 3, row.errors as f64, &red)?;
        } else {
            ws.write_number(r, 3, 0.0)?;
        }
        ws.write_number(r, 4, row.warnings as f64)?;
        ws.write_number(r, 5, row.infos as f64)?;
        ws.write_string(r, 6, clip(&codes_cell(&row.codes)))?;
        ws.write_string_with_format(r, 7, clip(&row.summary_ja), &wrap)?;
    }
    finish_table(ws, last, 7)?;

    let ws = wb.add_worksheet();
    ws.set_name(findings_name)?;
    let widths = [
        24.0, 30.0, 9.0, 8.0, 60.0, 48.0, 28.0, 22.0, 20.0, 40.0, 30.0,
    ];
    header_row(ws, &finding_headers(lang), &widths, &header)?;
    let room = (MAX_ROWS - 2) as usize; // header + a possible "omitted" row
    let mut last = 0u32;
    for (i, f) in report.findings.iter().take(room).enumerate() {
        let r = i as u32 + 1;
        last = r;
        ws.write_string(r, 0, clip(&f.set))?;
        ws.write_string(r, 1, clip(&f.file))?;
        ws.write_string(r, 2, clip(&f.code))?;
        let sev = severity_label(f.severity, lang);
        match f.severity {
            Severity::Error => ws.write_string_with_format(r, 3, sev, &red)?,
            Severity::Warning => ws.write_string_with_format(r, 3, sev, &amber)?,
            Severity::Info => ws.write_string(r, 3, sev)?,
        };
        ws.write_string_with_format(r, 4, clip(&f.message), &wrap)?;
        ws.write_string_with_format(r, 5, clip(&f.help), &wrap)?;
        ws.write_string(r, 6, clip(&f.place))?;
        ws.write_string(r, 7, clip(&f.location))?;
        ws.write_string(r, 8, clip(&f.field))?;
        ws.write_string_with_format(r, 9, clip(&f.excerpt), &wrap)?;
        ws.write_string(r, 10, clip(&f.related))?;
    }
    if report.findings.len() > room {
        last += 1;
        let omitted = report.findings.len() - room;
        let note = match lang {
            Lang::Ja => format!(
                "…ほか {omitted}件（Excelの行数上限のため省略。CSV/HTMLで全件を出力できます）"
            ),
            Lang::En => format!("… {omitted} more (omitted: Excel row limit; CSV/HTML hold all)"),
        };
        ws.write_string(last, 4, note)?;
    }
    finish_table(ws, last, 10)?;

    wb.save_to_buffer()
}

fn header_row(
    ws: &mut Worksheet,
    headers: &[&str],
    widths: &[f64],
    format: &Format,
) -> Result<(), XlsxError> {
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *h, format)?;
        ws.set_column_width(c, *w)?;
    }
    Ok(())
}

/// Autofilter over header..last row, freeze the header row and first
/// column; printed landscape on A4, one page wide, the header row on every
/// page (officials print these lists and mark them up).
fn finish_table(ws: &mut Worksheet, last_row: u32, last_col: u16) -> Result<(), XlsxError> {
    ws.autofilter(0, 0, last_row, last_col)?;
    ws.set_freeze_panes(1, 1)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Cut text to Excel's per-cell limit (with a marker), on a char boundary.
fn clip(s: &str) -> String {
    if s.len() <= MAX_CELL_UTF16 / 3 || s.encode_utf16().count() <= MAX_CELL_UTF16 {
        return s.to_string();
    }
    const MARK: &str = "…（以下省略）";
    let budget = MAX_CELL_UTF16 - MARK.encode_utf16().count();
    let mut used = 0usize;
    let mut out = String::new();
    for ch in s.chars() {
        used += ch.len_utf16();
        if used > budget {
            break;
        }
        out.push(ch);
    }
    out.push_str(MARK);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_respects_utf16_limit() {
        let long: String = "𠀋".repeat(20_000); // 2 UTF-16 units each
        let c = clip(&long);
        assert!(c.encode_utf16().count() <= MAX_CELL_UTF16);
        assert!(c.ends_with("…（以下省略）"));
        assert_eq!(clip("短い"), "短い");
    }
}
