//! OpenDocument spreadsheets (.ods).
//!
//! Before calamine opens the file, `content.xml` is inflated under the
//! limits and scanned once with the safe XML reader. The scan
//! - estimates the cells calamine will materialise: it expands
//!   `number-columns-repeated` within a row and `number-rows-repeated`
//!   between the first and last non-empty rows into dense grids, so a few
//!   kilobytes can ask for billions of cells; over `max_sheet_cells` the
//!   file is refused;
//! - collects merged regions (`number-columns-spanned` /
//!   `number-rows-spanned`), which calamine does not report for ODS;
//! - collects cell annotations (comments) with the cell they sit in.
//!
//! An encrypted package (`manifest:encryption-data`) is refused first.

use super::{MAX_COLS, MAX_ROWS, cell_ref};
use super::{Region, build_table, cells_of_range, check_time, guarded, ods_error};
use crate::clock::Instant;
use crate::error::ReadError;
use crate::model::{
    Block, Comment, Document, Location, Metadata, PackageInfo, Paragraph, Story, StoryKind,
};
use crate::read::Limits;
use crate::read::xml::{XmlEvent, XmlReader, attr, decode, qname};
use crate::read::zipsafe::SafeZip;
use calamine::Reader;
use std::collections::HashMap;
use std::io::Cursor;

/// What the scan of one `table:table` found.
#[derive(Debug, Default)]
pub(crate) struct TableScan {
    pub name: String,
    pub merges: Vec<Region>,
    pub annotations: Vec<Annotation>,
    /// Cells calamine stores while reading rows (each row element once).
    read_cells: u64,
    /// Rows (with repeats, capped as calamine caps them) before the first
    /// non-empty row, and up to the end of the last one.
    first_nonempty_start: Option<u64>,
    last_nonempty_end: u64,
    max_row_len: u64,
}

impl TableScan {
    /// The larger of the grids calamine builds for this table.
    pub fn cost(&self) -> u64 {
        let expanded = match self.first_nonempty_start {
            Some(first) => self
                .last_nonempty_end
                .saturating_sub(first)
                .saturating_mul(self.max_row_len),
            None => 0,
        };
        self.read_cells.max(expanded)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Annotation {
    pub row: u32,
    pub col: u32,
    pub author: Option<String>,
    pub date: Option<String>,
    pub text: String,
}

pub(super) fn read(
    zip: &mut SafeZip,
    bytes: Vec<u8>,
    limits: &Limits,
    started: Instant,
    doc: &mut Document,
) -> Result<(), ReadError> {
    if let Some(manifest) = zip.read_opt("META-INF/manifest.xml")?
        && is_encrypted(&manifest, limits)?
    {
        return Err(ReadError::Encrypted {
            detail: "the OpenDocument manifest declares encrypted parts (password-protected spreadsheet)".into(),
        });
    }
    let content = zip.read("content.xml")?;
    let tables = scan_content(&content, limits)?;
    drop(content);
    let cost = tables
        .iter()
        .fold(0u64, |acc, t| acc.saturating_add(t.cost()));
    if cost > limits.max_sheet_cells {
        return Err(ReadError::LimitExceeded {
            part: Some("content.xml".into()),
            detail: format!(
                "repeated rows and columns expand to {cost} cells, over the limit of {}",
                limits.max_sheet_cells
            ),
        });
    }
    check_time(started, limits)?;

    let metadata = match zip.read_opt("meta.xml")? {
        Some(meta) => read_meta(&meta, limits).unwrap_or_default(),
        None => Metadata::default(),
    };
    let names = zip.names();
    let has_macros = names.iter().any(|n| {
        (n.starts_with("Basic/") && !n.ends_with("script-lc.xml") && n.ends_with(".xml"))
            || n.starts_with("Scripts/")
    });
    let mut package = PackageInfo {
        parts: zip.part_infos(),
        has_macros,
        metadata,
        ..PackageInfo::default()
    };
    let mut comment_blocks = Vec::new();
    for t in &tables {
        for (i, a) in t.annotations.iter().enumerate() {
            let anchor = Location::sheet_cell(&t.name, cell_ref(a.row, a.col));
            package.comments.push(Comment {
                id: format!("{}!{}#{}", t.name, cell_ref(a.row, a.col), i + 1),
                author: a.author.clone(),
                date: a.date.clone(),
                text: a.text.clone(),
                anchor: Some(anchor.clone()),
            });
            comment_blocks.push(Block::Paragraph(Paragraph::new(anchor, a.text.clone())));
        }
    }
    if !comment_blocks.is_empty() {
        doc.stories.push(Story {
            kind: StoryKind::Comments,
            part: "content.xml".into(),
            blocks: comment_blocks,
        });
    }
    doc.package = Some(package);

    let mut wb: calamine::Ods<_> = guarded("workbook", || {
        calamine::Ods::new(Cursor::new(bytes)).map_err(|e| ods_error(None, e))
    })?;
    let merges_by_name: HashMap<&str, &[Region]> = tables
        .iter()
        .map(|t| (t.name.as_str(), t.merges.as_slice()))
        .collect();
    for name in wb.sheet_names() {
        check_time(started, limits)?;
        let cells = guarded(&name, || {
            let range = wb
                .worksheet_range(&name)
                .map_err(|e| ods_error(Some(&name), e))?;
            cells_of_range(&name, &range, limits, started)
        })?;
        let merges = merges_by_name.get(name.as_str()).copied().unwrap_or(&[]);
        doc.blocks
            .push(Block::Table(build_table(&name, cells, merges, limits)?));
    }
    super::mark_hidden_sheets(wb.sheets_metadata(), doc);
    Ok(())
}

pub(crate) fn is_encrypted(manifest: &[u8], limits: &Limits) -> Result<bool, ReadError> {
    let part = "META-INF/manifest.xml";
    let text = decode(part, manifest)?;
    let mut r = XmlReader::new(part, &text, limits);
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) | XmlEvent::Empty(s) if qname(&s).ends_with("encryption-data") => {
                return Ok(true);
            }
            XmlEvent::Eof => return Ok(false),
            _ => {}
        }
    }
}

fn num_attr(s: &quick_xml::events::BytesStart<'_>, name: &str) -> u64 {
    attr(s, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// Scan `content.xml`: per table, merges, annotations and the size of the
/// grids calamine will build.
pub(crate) fn scan_content(content: &[u8], limits: &Limits) -> Result<Vec<TableScan>, ReadError> {
    let part = "content.xml";
    let text = decode(part, content)?;
    let mut r = XmlReader::new(part, &text, limits);
    let mut tables: Vec<TableScan> = Vec::new();
    let mut cur: Option<TableScan> = None;
    // Row state (0-based row, uncapped; calamine's capped row count).
    let mut row: u64 = 0;
    let mut capped_rows: u64 = 0;
    let mut row_repeats: u64 = 1;
    let mut col: u64 = 0;
    let mut row_len: u64 = 0;
    let max_merges = limits.max_sheet_cells;
    let mut merge_count = 0u64;

    loop {
        let ev = r.next_event()?;
        let (start, is_empty) = match ev {
            XmlEvent::Eof => break,
            XmlEvent::Start(s) => (s, false),
            XmlEvent::Empty(s) => (s, true),
            XmlEvent::End(name) => {
                match &*name {
                    "table:table-row" => {
                        if let Some(t) = cur.as_mut() {
                            end_row(t, &mut row, &mut capped_rows, row_repeats, row_len);
                        }
                    }
                    "table:table" => {
                        if let Some(t) = cur.take() {
                            tables.push(t);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            XmlEvent::Text(_) => continue,
        };
        match qname(&start).as_str() {
            "table:table" if cur.is_none() => {
                cur = Some(TableScan {
                    name: attr(&start, "name").unwrap_or_default(),
                    ..TableScan::default()
                });
                row = 0;
                capped_rows = 0;
                if is_empty && let Some(t) = cur.take() {
                    tables.push(t);
                }
            }
            "table:table-row" if cur.is_some() => {
                row_repeats = num_attr(&start, "number-rows-repeated");
                col = 0;
                row_len = 0;
                if is_empty && let Some(t) = cur.as_mut() {
                    end_row(t, &mut row, &mut capped_rows, row_repeats, row_len);
                }
            }
            name @ ("table:table-cell" | "table:covered-table-cell") if cur.is_some() => {
                let repeats = num_attr(&start, "number-columns-repeated");
                let mut nonempty =
                    attr(&start, "value-type").is_some() || attr(&start, "formula").is_some();
                let mut annotations = Vec::new();
                if !is_empty {
                    let cell_depth = r.depth();
                    loop {
                        match r.next_event()? {
                            XmlEvent::Start(s) if qname(&s) == "office:annotation" => {
                                annotations.push(read_annotation(&mut r)?);
                            }
                            XmlEvent::Start(s) if qname(&s) == "table:table" => r.skip_element()?,
                            XmlEvent::Text(t) if !t.trim().is_empty() => nonempty = true,
                            XmlEvent::End(_) if r.depth() < cell_depth => break,
                            XmlEvent::Eof => break,
                            _ => {}
                        }
                    }
                }
                let (Some(t), Ok(row32), Ok(col32)) =
                    (cur.as_mut(), u32::try_from(row), u32::try_from(col))
                else {
                    col = col.saturating_add(repeats);
                    continue;
                };
                let in_grid = row32 < MAX_ROWS && col32 < MAX_COLS;
                if name == "table:table-cell" && in_grid {
                    let cs = num_attr(&start, "number-columns-spanned");
                    let rs = num_attr(&start, "number-rows-spanned");
                    if (cs > 1 || rs > 1) && merge_count < max_merges {
                        merge_count += 1;
                        let last_row = (row + rs - 1).min(u64::from(MAX_ROWS - 1)) as u32;
                        let last_col = (col + cs - 1).min(u64::from(MAX_COLS - 1)) as u32;
                        t.merges.push(Region::new(row32, col32, last_row, last_col));
                    }
                }
                if in_grid {
                    for (text, author, date) in annotations {
                        t.annotations.push(Annotation {
                            row: row32,
                            col: col32,
                            author,
                            date,
                            text,
                        });
                    }
                }
                if nonempty {
                    row_len = col.saturating_add(repeats).min(u64::from(MAX_COLS));
                }
                col = col.saturating_add(repeats);
            }
            _ => {}
        }
    }
    if let Some(t) = cur.take() {
        tables.push(t);
    }
    Ok(tables)
}

fn end_row(t: &mut TableScan, row: &mut u64, capped_rows: &mut u64, repeats: u64, row_len: u64) {
    let capped = repeats.min(u64::from(MAX_ROWS).saturating_sub(*capped_rows));
    t.read_cells = t.read_cells.saturating_add(row_len);
    if row_len > 0 {
        if t.first_nonempty_start.is_none() {
            t.first_nonempty_start = Some(*capped_rows);
        }
        t.last_nonempty_end = capped_rows.saturating_add(capped);
        t.max_row_len = t.max_row_len.max(row_len);
    }
    *capped_rows = capped_rows.saturating_add(capped);
    *row = row.saturating_add(repeats);
}

/// Read an `office:annotation` whose start tag was just returned: its
/// paragraphs joined by `\n`, author and date.
fn read_annotation(
    r: &mut XmlReader<'_>,
) -> Result<(String, Option<String>, Option<String>), ReadError> {
    let depth = r.depth();
    let mut paragraphs: Vec<String> = Vec::new();
    let (mut author, mut date) = (None, None);
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) => match qname(&s).as_str() {
                "dc:creator" => author = Some(r.element_text()?),
                "dc:date" => date = Some(r.element_text()?),
                "text:p" | "text:h" => paragraphs.push(r.element_text()?),
                _ => {}
            },
            XmlEvent::Empty(s) if qname(&s) == "text:p" => paragraphs.push(String::new()),
            XmlEvent::End(_) if r.depth() < depth => break,
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    Ok((paragraphs.join("\n"), author, date))
}

pub(crate) fn read_meta(meta: &[u8], limits: &Limits) -> Result<Metadata, ReadError> {
    let part = "meta.xml";
    let text = decode(part, meta)?;
    let mut r = XmlReader::new(part, &text, limits);
    let mut m = Metadata::default();
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) => {
                let slot = match qname(&s).as_str() {
                    "meta:initial-creator" => &mut m.creator,
                    "dc:creator" => &mut m.last_modified_by,
                    "meta:creation-date" => &mut m.created,
                    "dc:date" => &mut m.modified,
                    "dc:title" => &mut m.title,
                    "meta:generator" => &mut m.application,
                    _ => continue,
                };
                *slot = Some(r.element_text()?);
            }
            XmlEvent::Eof => return Ok(m),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(body: &str) -> Vec<TableScan> {
        let xml = format!(
            "<office:document-content xmlns:office=\"o\" xmlns:table=\"t\" xmlns:text=\"x\" xmlns:dc=\"d\"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
        );
        scan_content(xml.as_bytes(), &Limits::default()).unwrap()
    }

    #[test]
    fn merges_annotations_and_positions() {
        let t = scan(
            "<table:table table:name=\"S\">\
             <table:table-row table:number-rows-repeated=\"2\"><table:table-cell/></table:table-row>\
             <table:table-row><table:table-cell table:number-columns-repeated=\"3\"/>\
             <table:table-cell office:value-type=\"string\" table:number-columns-spanned=\"2\" table:number-rows-spanned=\"3\"><text:p>x</text:p>\
             <office:annotation><dc:creator>山田</dc:creator><dc:date>2026-04-01T00:00:00</dc:date><text:p>確認</text:p><text:p>二行目</text:p></office:annotation>\
             </table:table-cell><table:covered-table-cell/></table:table-row>\
             </table:table>",
        );
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].name, "S");
        assert_eq!(t[0].merges, [Region::new(2, 3, 4, 4)]);
        assert_eq!(
            t[0].annotations,
            [Annotation {
                row: 2,
                col: 3,
                author: Some("山田".into()),
                date: Some("2026-04-01T00:00:00".into()),
                text: "確認\n二行目".into(),
            }]
        );
        assert_eq!(t[0].cost(), 4);
    }

    #[test]
    fn repeats_estimate_dense_grid() {
        // One non-empty cell repeated across all columns, in a row repeated
        // a million times: calamine would expand it all.
        let t = scan(
            "<table:table table:name=\"Bomb\"><table:table-row table:number-rows-repeated=\"1000000\">\
             <table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"16384\"/>\
             </table:table-row></table:table>",
        );
        assert_eq!(t[0].cost(), 1_000_000 * 16_384);
        // Trailing empty rows (as LibreOffice writes them) cost nothing.
        let t = scan(
            "<table:table table:name=\"Ok\"><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row></table:table>",
        );
        assert_eq!(t[0].cost(), 1);
    }
}
