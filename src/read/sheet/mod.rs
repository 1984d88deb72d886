//! Sheet reader: .xlsx / .xlsm / .xlsb / .xls / .ods through calamine.
//!
//! Every sheet, in workbook order, becomes one [`Block::Table`] named after
//! the sheet. Rows list only non-empty cells and the origins of merged
//! regions; each cell holds one paragraph with the text as displayed
//! (integers without `.0`, floats in shortest form, `TRUE`/`FALSE`, dates
//! as ISO `YYYY-MM-DD`, errors as `#DIV/0!`) and, for numbers, the value.
//! Merged regions give the origin cell its spans and are listed on the
//! table as `A1:C2`.
//!
//! calamine is handed a file only after a preflight ([`guard`]) has bounded
//! what it will allocate: zip parts are inflated under the limits (sizes in
//! zip headers are not trusted), an .xls file's BIFF records and an .ods
//! file's row/column repeats are scanned to know how large the dense
//! grids calamine builds would be. xlsx/xlsb sheets are then read cell by
//! cell (never as a dense grid). Each calamine call runs under
//! `catch_unwind` as defence in depth.

mod comments;
mod drawings;
pub mod guard;
pub(crate) mod ods;
mod xls;
mod xlsb_fix;

use crate::clock::Instant;
use crate::error::ReadError;
use crate::model::{Block, Cell, Document, Format, HiddenSheet, Location, Paragraph, Row, Table};
use crate::read::Limits;
use crate::read::zipsafe::SafeZip;
use calamine::{Data, DataRef, ExcelDateTime, Reader, SheetType};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Excel's grid: 1,048,576 rows × 16,384 columns.
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLS: u32 = 16_384;

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Read a spreadsheet held in memory. `format` is what the sniffer saw; the
/// bytes decide between an OLE2 container (.xls, or an encrypted OOXML
/// package) and a zip.
pub fn read(
    name: &str,
    bytes: Vec<u8>,
    format: Format,
    limits: &Limits,
) -> Result<Document, ReadError> {
    let len = bytes.len() as u64;
    limits.check_file_size(len)?;
    let started = Instant::now();
    let mut doc = Document::new(name, format, len);
    if bytes.starts_with(OLE_MAGIC) {
        if xls::has_encrypted_package(&bytes) {
            return Err(ReadError::Encrypted {
                detail: "an OLE2 container holding an EncryptedPackage stream (password-protected workbook)".into(),
            });
        }
        doc.format = Format::Xls;
        xls::read(bytes, limits, started, &mut doc)?;
        return Ok(doc);
    }
    let mut zip = SafeZip::open(bytes.clone(), limits)?;
    let is_ods = zip.has("content.xml") && !zip.has("xl/workbook.xml");
    if format == Format::Ods || is_ods {
        doc.format = Format::Ods;
        ods::read(&mut zip, bytes, limits, started, &mut doc)?;
        return Ok(doc);
    }
    if zip.has("xl/workbook.bin") || format == Format::Xlsb {
        doc.format = Format::Xlsb;
        read_xlsb(&mut zip, bytes, limits, started, &mut doc)?;
        return Ok(doc);
    }
    read_xlsx(&mut zip, bytes, limits, started, &mut doc)?;
    Ok(doc)
}

/// .xlsx / .xlsm: preflight the parts calamine inflates, then stream each
/// sheet's cells; package facts and cell comments come from [`SafeZip`].
fn read_xlsx(
    zip: &mut SafeZip,
    bytes: Vec<u8>,
    limits: &Limits,
    started: Instant,
    doc: &mut Document,
) -> Result<(), ReadError> {
    guard::preflight_zip_parts(zip, limits)?;
    let mut package =
        crate::read::package::read_package_info_with_notes(zip, limits, &mut doc.notes)?;
    if package.has_macros && doc.format == Format::Xlsx {
        doc.format = Format::Xlsm;
    }
    let (comments, stories) = comments::read_xlsx_comments(zip, limits, &mut doc.notes)?;
    package.comments = comments;
    doc.stories = stories;
    doc.package = Some(package);
    let mut drawings = drawings::read_xlsx_drawings(zip, limits, &mut doc.notes)?;

    let mut wb: calamine::Xlsx<_> = guarded("workbook", || {
        calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| xlsx_error(None, e))
    })?;
    for (name, typ) in sheet_list(wb.sheets_metadata()) {
        check_time(started, limits)?;
        if typ != SheetType::WorkSheet {
            doc.blocks
                .push(Block::Table(skipped_sheet(&name, typ, &mut doc.notes)));
            continue;
        }
        let merges = guarded(&name, || {
            wb.merge_cells_by_sheet_name(&name)
                .map_err(|e| xlsx_error(Some(&name), e))
        })?;
        let merges: Vec<Region> = merges.iter().map(Region::from_dims).collect();
        let cells = guarded(&name, || {
            let mut reader = wb
                .worksheet_cells_reader(&name)
                .map_err(|e| xlsx_error(Some(&name), e))?;
            let mut grid = Grid::new(&name, limits, started);
            while let Some(cell) = reader.next_cell().map_err(|e| xlsx_error(Some(&name), e))? {
                let (row, col) = cell.get_position();
                grid.push(row, col, cell.get_value())?;
            }
            Ok(grid.cells)
        })?;
        doc.blocks
            .push(Block::Table(build_table(&name, cells, &merges, limits)?));
        // The sheet's text boxes and shapes follow its grid.
        for p in drawings.remove(&name).unwrap_or_default() {
            doc.blocks.push(Block::Paragraph(p));
        }
    }
    mark_hidden_sheets(wb.sheets_metadata(), doc);
    Ok(())
}

/// .xlsb: like xlsx, without merged regions or comments (calamine reads
/// neither from the binary format).
fn read_xlsb(
    zip: &mut SafeZip,
    bytes: Vec<u8>,
    limits: &Limits,
    started: Instant,
    doc: &mut Document,
) -> Result<(), ReadError> {
    guard::preflight_zip_parts(zip, limits)?;
    doc.package = Some(crate::read::package::read_package_info_with_notes(
        zip,
        limits,
        &mut doc.notes,
    )?);
    let bytes = xlsb_workbook_for_calamine(zip, bytes)?;
    let mut wb: calamine::Xlsb<_> = guarded("workbook", || {
        calamine::Xlsb::new(Cursor::new(bytes)).map_err(|e| xlsb_error(None, e))
    })?;
    for (name, typ) in sheet_list(wb.sheets_metadata()) {
        check_time(started, limits)?;
        if typ != SheetType::WorkSheet {
            doc.blocks
                .push(Block::Table(skipped_sheet(&name, typ, &mut doc.notes)));
            continue;
        }
        let cells = guarded(&name, || {
            let mut reader = wb
                .worksheet_cells_reader(&name)
                .map_err(|e| xlsb_error(Some(&name), e))?;
            let mut grid = Grid::new(&name, limits, started);
            while let Some(cell) = reader.next_cell().map_err(|e| xlsb_error(Some(&name), e))? {
                let (row, col) = cell.get_position();
                grid.push(row, col, cell.get_value())?;
            }
            Ok(grid.cells)
        })?;
        doc.blocks
            .push(Block::Table(build_table(&name, cells, &[], limits)?));
    }
    mark_hidden_sheets(wb.sheets_metadata(), doc);
    Ok(())
}

/// The package as calamine can read it: `xl/workbook.bin` checked record
/// by record and, for the layout calamine panics on, rewritten (see
/// [`xlsb_fix`]).
fn xlsb_workbook_for_calamine(zip: &mut SafeZip, bytes: Vec<u8>) -> Result<Vec<u8>, ReadError> {
    let name = "xl/workbook.bin";
    if !zip.has(name) {
        return Ok(bytes);
    }
    let part = zip.read(name)?;
    let rels = if zip.has("xl/_rels/workbook.bin.rels") {
        zip.read("xl/_rels/workbook.bin.rels")?
    } else {
        Vec::new()
    };
    match xlsb_fix::fix_workbook(&part, &xlsb_fix::rel_ids(&rels))? {
        Some(fixed) => xlsb_fix::replace_part(&bytes, name, &fixed),
        None => Ok(bytes),
    }
}

fn sheet_list(meta: &[calamine::Sheet]) -> Vec<(String, SheetType)> {
    meta.iter().map(|s| (s.name.clone(), s.typ)).collect()
}

/// Mark the workbook's hidden and very-hidden sheets on its package
/// (after the sheets were read, so that their text can be counted).
pub(crate) fn mark_hidden_sheets(meta: &[calamine::Sheet], doc: &mut Document) {
    let hidden: Vec<HiddenSheet> = meta
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| HiddenSheet {
            name: s.name.clone(),
            very_hidden: s.visible == calamine::SheetVisible::VeryHidden,
            chars: sheet_chars(&doc.blocks, &s.name),
        })
        .collect();
    if hidden.is_empty() {
        return;
    }
    doc.package
        .get_or_insert_with(crate::model::PackageInfo::default)
        .hidden_sheets = hidden;
}

/// Characters of text in one sheet's cells and the drawings after it.
fn sheet_chars(blocks: &[Block], sheet: &str) -> usize {
    let mut n = 0;
    let mut inside = false;
    for block in blocks {
        match block {
            Block::Table(t) => {
                inside = t.name.as_deref() == Some(sheet);
                if inside {
                    n += t
                        .rows
                        .iter()
                        .flat_map(|r| &r.cells)
                        .map(|c| c.text().chars().count())
                        .sum::<usize>();
                }
            }
            Block::Paragraph(p) if inside => n += p.text.chars().count(),
            Block::Paragraph(_) => {}
        }
    }
    n
}

/// A chart or dialog sheet: an empty table keeps the sheet order visible.
fn skipped_sheet(name: &str, typ: SheetType, notes: &mut Vec<crate::model::ReadNote>) -> Table {
    notes.push(crate::model::ReadNote {
        part: None,
        message: format!("sheet 「{name}」 is a {typ:?}, not a worksheet; no cells read"),
    });
    empty_table(name)
}

fn empty_table(name: &str) -> Table {
    Table {
        location: sheet_location(name),
        name: Some(name.to_string()),
        rows: Vec::new(),
        merged: Vec::new(),
    }
}

fn sheet_location(name: &str) -> Location {
    Location {
        sheet: Some(name.to_string()),
        ..Location::default()
    }
}

/// Run a calamine call, turning a panic into [`ReadError::Sheet`].
pub(crate) fn guarded<T>(
    what: &str,
    f: impl FnOnce() -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => Err(ReadError::Sheet {
            detail: format!("{what}: reader failure (the spreadsheet library panicked)"),
        }),
    }
}

pub(crate) fn check_time(started: Instant, limits: &Limits) -> Result<(), ReadError> {
    let ms = started.elapsed().as_millis();
    if ms > u128::from(limits.time_budget_ms) {
        return Err(ReadError::LimitExceeded {
            part: None,
            detail: format!(
                "reading took over the time budget of {} ms",
                limits.time_budget_ms
            ),
        });
    }
    Ok(())
}

/// A calamine failure other than a password: [`ReadError::Sheet`], naming
/// the sheet when there is one.
fn sheet_error(sheet: Option<&str>, e: impl std::fmt::Display) -> ReadError {
    let prefix = sheet
        .map(|s| format!("sheet 「{s}」: "))
        .unwrap_or_default();
    ReadError::Sheet {
        detail: format!("{prefix}{e}"),
    }
}

fn xlsx_error(sheet: Option<&str>, e: calamine::XlsxError) -> ReadError {
    match e {
        calamine::XlsxError::Password => ReadError::Encrypted {
            detail: "password-protected workbook".into(),
        },
        other => sheet_error(sheet, other),
    }
}

fn xlsb_error(sheet: Option<&str>, e: calamine::XlsbError) -> ReadError {
    match e {
        calamine::XlsbError::Password => ReadError::Encrypted {
            detail: "password-protected workbook".into(),
        },
        other => sheet_error(sheet, other),
    }
}

pub(crate) fn xls_error(sheet: Option<&str>, e: calamine::XlsError) -> ReadError {
    match e {
        calamine::XlsError::Password => ReadError::Encrypted {
            detail: "password-protected workbook (FILEPASS)".into(),
        },
        other => sheet_error(sheet, other),
    }
}

pub(crate) fn ods_error(sheet: Option<&str>, e: calamine::OdsError) -> ReadError {
    match e {
        calamine::OdsError::Password => ReadError::Encrypted {
            detail: "password-protected spreadsheet".into(),
        },
        other => sheet_error(sheet, other),
    }
}

/// A merged region, 0-based inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl Region {
    fn from_dims(d: &calamine::Dimensions) -> Region {
        Region::new(d.start.0, d.start.1, d.end.0, d.end.1)
    }

    pub(crate) fn new(r0: u32, c0: u32, r1: u32, c1: u32) -> Region {
        Region {
            first_row: r0.min(r1),
            first_col: c0.min(c1),
            last_row: r0.max(r1),
            last_col: c0.max(c1),
        }
    }

    /// `A1:C2`.
    pub fn a1(&self) -> String {
        format!(
            "{}:{}",
            cell_ref(self.first_row, self.first_col),
            cell_ref(self.last_row, self.last_col)
        )
    }
}

/// A cell's shown text and, for a number, its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Value {
    pub text: String,
    pub number: Option<f64>,
}

/// Collects the non-empty cells of one sheet under the cell limit.
pub(crate) struct Grid<'a> {
    sheet: &'a str,
    limits: &'a Limits,
    started: Instant,
    pub cells: Vec<(u32, u32, Value)>,
}

impl<'a> Grid<'a> {
    pub(crate) fn new(sheet: &'a str, limits: &'a Limits, started: Instant) -> Self {
        Grid {
            sheet,
            limits,
            started,
            cells: Vec::new(),
        }
    }

    fn push(&mut self, row: u32, col: u32, value: &DataRef<'_>) -> Result<(), ReadError> {
        match value_of_ref(value) {
            Some(v) => self.push_value(row, col, v),
            None => Ok(()),
        }
    }

    fn push_data(&mut self, row: u32, col: u32, value: &Data) -> Result<(), ReadError> {
        match value_of_data(value) {
            Some(v) => self.push_value(row, col, v),
            None => Ok(()),
        }
    }

    fn push_value(&mut self, row: u32, col: u32, value: Value) -> Result<(), ReadError> {
        if self.cells.len() as u64 >= self.limits.max_sheet_cells {
            return Err(too_many_cells(self.sheet, self.limits));
        }
        if self.cells.len() % 65_536 == 65_535 {
            check_time(self.started, self.limits)?;
        }
        self.cells.push((row, col, value));
        Ok(())
    }
}

/// The non-empty cells of a range read whole (.xls, .ods), at their
/// positions in the sheet (the range may start below or right of A1).
pub(crate) fn cells_of_range(
    sheet: &str,
    range: &calamine::Range<Data>,
    limits: &Limits,
    started: Instant,
) -> Result<Vec<(u32, u32, Value)>, ReadError> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut grid = Grid::new(sheet, limits, started);
    for (r, c, v) in range.used_cells() {
        let row = r0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
        let col = c0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
        grid.push_data(row, col, v)?;
    }
    Ok(grid.cells)
}

pub(crate) fn too_many_cells(sheet: &str, limits: &Limits) -> ReadError {
    ReadError::LimitExceeded {
        part: None,
        detail: format!(
            "sheet 「{sheet}」 has more than {} cells",
            limits.max_sheet_cells
        ),
    }
}

/// Build the table of one sheet: cells sorted by position, merged regions
/// applied (origin gets the spans, covered cells are dropped, an empty
/// origin is still listed).
pub(crate) fn build_table(
    sheet: &str,
    mut cells: Vec<(u32, u32, Value)>,
    merges: &[Region],
    limits: &Limits,
) -> Result<Table, ReadError> {
    if merges.len() as u64 > limits.max_sheet_cells {
        return Err(ReadError::LimitExceeded {
            part: None,
            detail: format!(
                "sheet 「{sheet}」 has more than {} merged regions",
                limits.max_sheet_cells
            ),
        });
    }
    // Origins of merges, so that an empty origin is listed too.
    let mut origins: BTreeMap<(u32, u32), Region> = BTreeMap::new();
    for m in merges {
        origins.entry((m.first_row, m.first_col)).or_insert(*m);
    }
    for &(r, c) in origins.keys() {
        cells.push((
            r,
            c,
            Value {
                text: String::new(),
                number: None,
            },
        ));
    }
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    // Keep the first value at each position (a real value sorts before the
    // placeholder pushed for an empty origin because sorting is stable).
    cells.dedup_by_key(|(r, c, _)| (*r, *c));

    // Sweep rows; active merges are those spanning the current row, keyed
    // by their first column.
    let mut by_start: Vec<&Region> = merges.iter().collect();
    by_start.sort_by_key(|m| m.first_row);
    let mut next_merge = 0usize;
    let mut active: BTreeMap<(u32, usize), Region> = BTreeMap::new();
    let mut rows: Vec<Row> = Vec::new();
    for (r, c, value) in cells {
        while let Some(m) = by_start.get(next_merge) {
            if m.first_row > r {
                break;
            }
            active.insert((m.first_col, next_merge), **m);
            next_merge += 1;
        }
        active.retain(|_, m| m.last_row >= r);
        let covering = active
            .range(..=(c, usize::MAX))
            .rev()
            .map(|(_, m)| m)
            .find(|m| m.last_col >= c && m.first_row <= r);
        let (row_span, col_span) = match covering {
            Some(m) if m.first_row == r && m.first_col == c => {
                (m.last_row - m.first_row + 1, m.last_col - m.first_col + 1)
            }
            // Covered by a merge whose origin is elsewhere: not repeated.
            Some(_) => continue,
            None => (1, 1),
        };
        let location = Location::sheet_cell(sheet, cell_ref(r, c));
        let cell = Cell {
            location: location.clone(),
            row: r + 1,
            col: c + 1,
            row_span,
            col_span,
            blocks: vec![Block::Paragraph(Paragraph::new(location, value.text))],
            number: value.number,
        };
        match rows.last_mut() {
            Some(row) if row.index == r + 1 => row.cells.push(cell),
            _ => rows.push(Row {
                index: r + 1,
                cells: vec![cell],
            }),
        }
    }
    Ok(Table {
        location: sheet_location(sheet),
        name: Some(sheet.to_string()),
        rows,
        merged: merges.iter().map(Region::a1).collect(),
    })
}

/// `A1`-style reference of a 0-based (row, column).
pub fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), u64::from(row) + 1)
}

/// Column letters of a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Parse `C12` into a 0-based (row, column); `None` if malformed.
pub fn parse_cell_ref(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().trim_start_matches('$');
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    let letters = letters.trim_end_matches('$');
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let mut col: u32 = 0;
    for ch in letters.chars() {
        col = col * 26 + (u32::from(ch.to_ascii_uppercase()) - u32::from('A') + 1);
    }
    let row: u32 = digits.parse().ok()?;
    if row == 0 || row > MAX_ROWS || col == 0 || col > MAX_COLS {
        return None;
    }
    Some((row - 1, col - 1))
}

fn value_of_ref(d: &DataRef<'_>) -> Option<Value> {
    match d {
        DataRef::Empty => None,
        DataRef::String(s) => Some(text_value(s)),
        DataRef::SharedString(s) => Some(text_value(s)),
        DataRef::Int(i) => Some(int_value(*i)),
        DataRef::Float(f) => Some(float_value(*f)),
        DataRef::Bool(b) => Some(text_value(if *b { "TRUE" } else { "FALSE" })),
        DataRef::DateTime(dt) => Some(text_value(&datetime_text(dt))),
        DataRef::DateTimeIso(s) => Some(text_value(&iso_text(s))),
        DataRef::DurationIso(s) => Some(text_value(&duration_text(s))),
        DataRef::Error(e) => Some(text_value(&e.to_string())),
    }
}

pub(crate) fn value_of_data(d: &Data) -> Option<Value> {
    match d {
        Data::Empty => None,
        Data::String(s) => Some(text_value(s)),
        Data::Int(i) => Some(int_value(*i)),
        Data::Float(f) => Some(float_value(*f)),
        Data::Bool(b) => Some(text_value(if *b { "TRUE" } else { "FALSE" })),
        Data::DateTime(dt) => Some(text_value(&datetime_text(dt))),
        Data::DateTimeIso(s) => Some(text_value(&iso_text(s))),
        Data::DurationIso(s) => Some(text_value(&duration_text(s))),
        Data::Error(e) => Some(text_value(&e.to_string())),
    }
}

/// Text shown as it is, with no number behind it.
fn text_value(s: &str) -> Value {
    Value {
        text: s.to_string(),
        number: None,
    }
}

fn int_value(i: i64) -> Value {
    Value {
        text: i.to_string(),
        number: Some(i as f64),
    }
}

/// Floats in shortest round-trip form; whole numbers without `.0`.
fn float_value(f: f64) -> Value {
    Value {
        text: float_text(f),
        number: Some(f),
    }
}

pub fn float_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        // Exact: |f| < 2^53.
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// An Excel date/time as ISO 8601: `2026-04-01`, `2026-04-01T09:30:00`, or
/// `09:30:00` for a time of day; a duration as `[h]:mm:ss`.
fn datetime_text(dt: &ExcelDateTime) -> String {
    let v = dt.as_f64();
    if dt.is_duration() {
        let total = (v * 86_400.0).round();
        if !total.is_finite() {
            return float_text(v);
        }
        let total = total as i64;
        let sign = if total < 0 { "-" } else { "" };
        let t = total.abs();
        return format!("{sign}{}:{:02}:{:02}", t / 3600, (t / 60) % 60, t % 60);
    }
    let (y, m, d, hh, mm, ss, _ms) = dt.to_ymd_hms_milli();
    let has_time = (hh, mm, ss) != (0, 0, 0);
    if (0.0..1.0).contains(&v) && has_time {
        format!("{hh:02}:{mm:02}:{ss:02}")
    } else if has_time {
        format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// ODS dates come as ISO already; a midnight time is dropped.
fn iso_text(s: &str) -> String {
    s.strip_suffix("T00:00:00")
        .or_else(|| s.strip_suffix("T00:00:00.000"))
        .unwrap_or(s)
        .to_string()
}

/// An ISO 8601 duration from ODS (`PT10H10M10S`) shown like an Excel
/// duration (`10:10:10`); anything else is kept as written.
fn duration_text(s: &str) -> String {
    let Some(rest) = s.strip_prefix("PT") else {
        return s.to_string();
    };
    let mut seconds = 0.0f64;
    let mut number = String::new();
    for ch in rest.chars() {
        let unit = match ch {
            'H' => 3600.0,
            'M' => 60.0,
            'S' => 1.0,
            c if c.is_ascii_digit() || c == '.' => {
                number.push(c);
                continue;
            }
            _ => return s.to_string(),
        };
        let Ok(n) = number.parse::<f64>() else {
            return s.to_string();
        };
        seconds += n * unit;
        number.clear();
    }
    if !number.is_empty() || !seconds.is_finite() || seconds > 1e12 {
        return s.to_string();
    }
    let t = seconds.round() as u64;
    format!("{}:{:02}:{:02}", t / 3600, (t / 60) % 60, t % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ods_durations() {
        assert_eq!(duration_text("PT10H10M10S"), "10:10:10");
        assert_eq!(duration_text("PT255H10M10.4S"), "255:10:10");
        assert_eq!(duration_text("P1D"), "P1D");
        assert_eq!(duration_text("PT1X"), "PT1X");
    }

    #[test]
    fn a1_refs_round_trip() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(11, 2), "C12");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(MAX_COLS - 1), "XFD");
        assert_eq!(parse_cell_ref("C12"), Some((11, 2)));
        assert_eq!(
            parse_cell_ref("$XFD$1048576"),
            Some((MAX_ROWS - 1, MAX_COLS - 1))
        );
        assert_eq!(parse_cell_ref("A0"), None);
        assert_eq!(parse_cell_ref("12"), None);
        assert_eq!(parse_cell_ref("XFE1"), None);
    }

    #[test]
    fn numbers_display_like_excel() {
        assert_eq!(float_text(12000.0), "12000");
        assert_eq!(float_text(0.1), "0.1");
        assert_eq!(float_text(62.5), "62.5");
        assert_eq!(float_text(-3.0), "-3");
        assert_eq!(float_text(1.0 / 3.0), "0.3333333333333333");
    }

    #[test]
    fn merges_give_spans_and_hide_covered_cells() {
        let v = |t: &str| Value {
            text: t.into(),
            number: None,
        };
        let cells = vec![
            (0, 0, v("title")),
            (0, 1, v("stale")),
            (3, 3, v("x")),
            (1, 0, v("y")),
        ];
        let merges = [Region::new(0, 0, 1, 2), Region::new(2, 3, 4, 3)];
        let t = build_table("S", cells, &merges, &Limits::default()).unwrap();
        assert_eq!(t.merged, ["A1:C2", "D3:D5"]);
        let got: Vec<(String, u32, u32, String)> = t
            .rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .map(|c| {
                (
                    c.location.cell.clone().unwrap(),
                    c.row_span,
                    c.col_span,
                    c.text(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("A1".to_string(), 2, 3, "title".to_string()),
                ("D3".to_string(), 3, 1, String::new()),
            ]
        );
    }
}
