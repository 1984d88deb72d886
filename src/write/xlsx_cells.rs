//! Write values into cells of a worksheet part, changing nothing else: an
//! existing `<c>` keeps its style (`s`) and is replaced by the value; a cell
//! the sheet does not list yet is inserted into its row in column order (a
//! row that does not exist yet is inserted in row order). A cell holding a
//! formula is never overwritten. Strings are written inline
//! (`t="inlineStr"`), so the shared strings part is not touched; a plain
//! number is written as a number, so formulas over it still compute.

use super::WriteError;
use super::xlsx_scan::parse_ref;
use super::xml::{Splice, attr, escape_attr, escape_text, local as local_name, prefix_of};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::ops::Range;

/// A value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Text(String),
    Number(f64),
}

#[derive(Debug)]
struct CellAt {
    col: u32,
    range: Range<usize>,
    style: Option<String>,
    formula: bool,
}

#[derive(Debug)]
struct RowAt {
    number: u32,
    /// The start tag (or the whole `<row/>`).
    start: Range<usize>,
    self_closing: bool,
    /// Start of `</row>`.
    end: usize,
    cells: Vec<CellAt>,
}

#[derive(Debug, Default)]
struct SheetAt {
    prefix: String,
    /// Where rows go: the content of `<sheetData>` (start, end), or the
    /// whole `<sheetData/>`.
    data: Option<(Range<usize>, bool)>,
    rows: Vec<RowAt>,
}

fn bad(part: &str, detail: impl Into<String>) -> WriteError {
    WriteError::Xml {
        part: part.to_string(),
        offset: 0,
        detail: detail.into(),
    }
}

fn scan(xml: &str, part: &str) -> Result<SheetAt, WriteError> {
    let mut reader = Reader::from_str(xml);
    let mut out = SheetAt::default();
    let mut cur_row: Option<RowAt> = None;
    let mut cur_cell: Option<CellAt> = None;
    let local = |qname: &str| -> (String, String) {
        (prefix_of(qname).to_string(), local_name(qname).to_string())
    };
    loop {
        let before = reader.buffer_position() as usize;
        let ev = reader
            .read_event()
            .map_err(|e| bad(part, format!("{e} at {}", reader.buffer_position())))?;
        let after = reader.buffer_position() as usize;
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let empty = after > 1 && xml.as_bytes().get(after - 2) == Some(&b'/');
                let (prefix, name) = local(e.name().as_ref());
                match name.as_str() {
                    "sheetData" => {
                        out.prefix = prefix;
                        if empty {
                            out.data = Some((before..after, true));
                        } else {
                            out.data = Some((after..after, false));
                        }
                    }
                    "row" => {
                        let number = attr(&e, "r")
                            .and_then(|r| r.parse().ok())
                            .unwrap_or(out.rows.last().map_or(1, |r: &RowAt| r.number + 1));
                        let row = RowAt {
                            number,
                            start: before..after,
                            self_closing: empty,
                            end: after,
                            cells: Vec::new(),
                        };
                        if empty {
                            out.rows.push(row);
                        } else {
                            cur_row = Some(row);
                        }
                    }
                    "c" => {
                        let col = attr(&e, "r")
                            .and_then(|r| parse_ref(&r))
                            .map(|(c, _)| c)
                            .unwrap_or_else(|| {
                                cur_row
                                    .as_ref()
                                    .and_then(|r| r.cells.last())
                                    .map_or(1, |c| c.col + 1)
                            });
                        let cell = CellAt {
                            col,
                            range: before..after,
                            style: attr(&e, "s"),
                            formula: false,
                        };
                        if empty {
                            if let Some(r) = cur_row.as_mut() {
                                r.cells.push(cell);
                            }
                        } else {
                            cur_cell = Some(cell);
                        }
                    }
                    "f" => {
                        if let Some(c) = cur_cell.as_mut() {
                            c.formula = true;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let (_, name) = local(e.name().as_ref());
                match name.as_str() {
                    "c" => {
                        if let (Some(mut c), Some(r)) = (cur_cell.take(), cur_row.as_mut()) {
                            c.range.end = after;
                            r.cells.push(c);
                        }
                    }
                    "row" => {
                        if let Some(mut r) = cur_row.take() {
                            r.end = before;
                            out.rows.push(r);
                        }
                    }
                    "sheetData" => {
                        if let Some((range, false)) = out.data.as_mut() {
                            range.end = before;
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if out.data.is_none() {
        return Err(bad(part, "the sheet has no sheetData"));
    }
    Ok(out)
}

fn cell_xml(prefix: &str, reference: &str, style: Option<&str>, value: &CellValue) -> String {
    let s = style
        .map(|s| format!(" s=\"{}\"", escape_attr(s)))
        .unwrap_or_default();
    match value {
        CellValue::Number(n) => {
            format!("<{prefix}c r=\"{reference}\"{s}><{prefix}v>{n}</{prefix}v></{prefix}c>")
        }
        CellValue::Text(t) => format!(
            "<{prefix}c r=\"{reference}\"{s} t=\"inlineStr\"><{prefix}is><{prefix}t xml:space=\"preserve\">{}</{prefix}t></{prefix}is></{prefix}c>",
            escape_text(t)
        ),
    }
}

/// The splices that write `values` (A1 reference, value) into the sheet
/// part `xml`, and the references left alone because they hold a formula.
pub fn set_cells(
    xml: &str,
    part: &str,
    values: &[(String, CellValue)],
) -> Result<(Vec<Splice>, Vec<String>), WriteError> {
    let sheet = scan(xml, part)?;
    let p = sheet.prefix.clone();
    let mut splices = Vec::new();
    let mut formulas = Vec::new();
    // New rows, grouped by where they go.
    let mut new_rows: Vec<(u32, Vec<(u32, String)>)> = Vec::new();
    let mut new_cells: Vec<(usize, Vec<(u32, String)>)> = Vec::new();
    for (reference, value) in values {
        let Some((col, row)) = parse_ref(reference) else {
            return Err(bad(part, format!("not a cell reference: {reference}")));
        };
        let reference = format!("{}{row}", super::xlsx_scan::col_letters(col));
        match sheet.rows.iter().position(|r| r.number == row) {
            Some(ri) => {
                let r = &sheet.rows[ri];
                if let Some(c) = r.cells.iter().find(|c| c.col == col) {
                    if c.formula {
                        formulas.push(reference);
                        continue;
                    }
                    splices.push(Splice::replace(
                        c.range.clone(),
                        cell_xml(&p, &reference, c.style.as_deref(), value),
                    ));
                } else {
                    let xml = cell_xml(&p, &reference, None, value);
                    match new_cells.iter_mut().find(|(i, _)| *i == ri) {
                        Some((_, v)) => v.push((col, xml)),
                        None => new_cells.push((ri, vec![(col, xml)])),
                    }
                }
            }
            None => {
                let xml = cell_xml(&p, &reference, None, value);
                match new_rows.iter_mut().find(|(n, _)| *n == row) {
                    Some((_, v)) => v.push((col, xml)),
                    None => new_rows.push((row, vec![(col, xml)])),
                }
            }
        }
    }
    for (ri, mut cells) in new_cells {
        cells.sort_by_key(|(c, _)| *c);
        let r = &sheet.rows[ri];
        if r.self_closing {
            // <row .../> → <row ...>cells</row>
            let tag = &xml[r.start.clone()];
            let open = tag.trim_end_matches('>').trim_end_matches('/');
            let body: String = cells.into_iter().map(|(_, x)| x).collect();
            splices.push(Splice::replace(
                r.start.clone(),
                format!("{open}>{body}</{p}row>"),
            ));
            continue;
        }
        for (col, x) in cells {
            let at = r
                .cells
                .iter()
                .find(|c| c.col > col)
                .map_or(r.end, |c| c.range.start);
            splices.push(Splice::insert(at, x));
        }
    }
    new_rows.sort_by_key(|(n, _)| *n);
    for (number, mut cells) in new_rows {
        cells.sort_by_key(|(c, _)| *c);
        let body: String = cells.into_iter().map(|(_, x)| x).collect();
        let row = format!("<{p}row r=\"{number}\">{body}</{p}row>");
        match &sheet.data {
            Some((range, true)) => {
                splices.push(Splice::replace(
                    range.clone(),
                    format!("<{p}sheetData>{row}</{p}sheetData>"),
                ));
            }
            Some((range, false)) => {
                let at = sheet
                    .rows
                    .iter()
                    .find(|r| r.number > number)
                    .map_or(range.end, |r| r.start.start);
                splices.push(Splice::insert(at, row));
            }
            None => {}
        }
    }
    Ok((splices, formulas))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::xml::apply_splices;

    const SHEET: &str = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2" spans="1:3"><c r="A2" t="s"><v>0</v></c><c r="B2" s="5"/><c r="D2"><f>SUM(B2:C2)</f><v>0</v></c></row><row r="5"/></sheetData></worksheet>"#;

    fn set(values: &[(&str, CellValue)]) -> Result<String, WriteError> {
        let v: Vec<(String, CellValue)> = values
            .iter()
            .map(|(r, v)| (r.to_string(), v.clone()))
            .collect();
        let (splices, formulas) = set_cells(SHEET, "xl/worksheets/sheet1.xml", &v)?;
        if !formulas.is_empty() {
            return Err(WriteError::Unsupported(formulas.join(",")));
        }
        apply_splices(SHEET, &splices, "xl/worksheets/sheet1.xml")
    }

    #[test]
    fn an_existing_cell_keeps_its_style() {
        let out = set(&[("B2", CellValue::Text("株式会社<サンプル>".into()))]).unwrap();
        assert!(out.contains(r#"<c r="B2" s="5" t="inlineStr"><is><t xml:space="preserve">株式会社&lt;サンプル&gt;</t></is></c>"#), "{out}");
        assert!(out.contains(r#"<c r="A2" t="s"><v>0</v></c>"#));
    }

    #[test]
    fn missing_cells_and_rows_are_inserted_in_order() {
        let out = set(&[
            ("C2", CellValue::Number(1200.0)),
            ("A5", CellValue::Text("x".into())),
            ("B3", CellValue::Text("y".into())),
            ("A9", CellValue::Text("z".into())),
        ])
        .unwrap();
        let c2 = out.find(r#"<c r="C2"><v>1200</v></c>"#).expect("C2");
        assert!(c2 > out.find(r#"r="B2""#).unwrap() && c2 < out.find(r#"r="D2""#).unwrap());
        assert!(
            out.contains(r#"<row r="5"><c r="A5" t="inlineStr">"#),
            "{out}"
        );
        let r3 = out.find(r#"<row r="3">"#).expect("row 3");
        assert!(r3 < out.find(r#"<row r="5">"#).unwrap());
        assert!(out.contains(r#"<row r="9"><c r="A9""#));
        assert!(out.ends_with("</row></sheetData></worksheet>"));
    }

    #[test]
    fn a_formula_is_never_overwritten() {
        assert!(set(&[("D2", CellValue::Number(1.0))]).is_err());
    }
}
