//! A document reduced to what recognition and extraction need: one stream
//! of lines ("units") in reading order, each with its location, and the
//! table grids the lines sit in.
//!
//! Word and Excel tables come from the readers as grids (merged cells
//! resolved). Text files carry tables only as tabs, so their rows are
//! rebuilt here. Two exports are understood:
//! - one cell per line, each line opening with a tab, a blank line after
//!   each row (the seed's Word export);
//! - one row per line, cells separated by tabs (Word "save as text", TSV).
//!
//! In both, a line without a tab right after a cell line continues that
//! cell (a cell holding a line break), so extraction never depends on a
//! cell being on one line.

use super::normalize::{NormText, enumerator_len, norm_key};
use crate::model::{Block, Document, LineCell, Location, Paragraph, SpanKind, Table};
use std::ops::Range;

/// One line of text somewhere in the document.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The line as written.
    pub text: String,
    pub norm: NormText,
    /// Where the line is: the paragraph, the table cell (with the
    /// paragraph inside it when known) or the text line and column.
    pub loc: Location,
    /// The table cell holding the line.
    pub cell: Option<usize>,
    /// For text files: the 1-based character column where `text` starts.
    pub first_col: Option<u32>,
    /// The line with each ruby base replaced by its reading (furigana),
    /// when the line carries ruby.
    pub reading: Option<String>,
    /// The key's leading enumerator length in chars and its key char
    /// right after the enumerator: label matching asks for both for every
    /// label tried on the unit.
    enum_len: usize,
    after_enum: Option<char>,
}

impl Unit {
    pub fn key(&self) -> &str {
        &self.norm.key
    }

    /// Set the unit's key (and what is kept about it).
    fn set_norm(&mut self, norm: NormText) {
        self.enum_len = enumerator_len(&norm.key);
        self.after_enum = norm.key.chars().nth(self.enum_len);
        self.norm = norm;
    }

    /// [`enumerator_len`] of the key.
    pub fn enum_len(&self) -> usize {
        self.enum_len
    }

    /// The key's char at [`Unit::enum_len`], if any.
    pub fn after_enum(&self) -> Option<char> {
        self.after_enum
    }

    /// The location of the text from byte offset `offset` of the line on.
    /// Locations name the line (text), the cell or the paragraph; the
    /// offset does not move them (the SPEC's locations of values carry no
    /// column).
    pub fn loc_at(&self, offset: usize) -> Location {
        let _ = offset;
        self.loc.clone()
    }
}

fn is_hidden_sheet(doc: &Document, block: &Block) -> bool {
    let Block::Table(t) = block else {
        return false;
    };
    let name = t.location.sheet.as_deref().or(t.name.as_deref());
    doc.package.as_ref().is_some_and(|p| {
        p.hidden_sheets
            .iter()
            .any(|h| Some(h.name.as_str()) == name)
    })
}

/// Does the paragraph carry ruby or a content control showing its
/// placeholder (its lines are then not its text's)?
fn has_ruby_or_placeholder(p: &Paragraph) -> bool {
    p.spans.iter().any(|s| {
        matches!(
            s.kind,
            SpanKind::Ruby { .. }
                | SpanKind::ContentControl {
                    showing_placeholder: true,
                    ..
                }
        )
    })
}

/// A paragraph's lines as filled in, each with its ruby reading when it
/// has ruby. The text of a content control still showing its placeholder
/// is left out: nobody wrote it. (A plain paragraph's lines are its
/// text's: [`Layout::push_paragraph`] takes those without this.)
fn filled_lines(p: &Paragraph) -> Vec<(String, Option<String>)> {
    // Replacements on the paragraph's byte ranges: "" for a placeholder,
    // the reading for a ruby base (reading text only).
    let mut edits: Vec<(usize, usize, Option<&str>)> = p
        .spans
        .iter()
        .filter_map(|s| match &s.kind {
            SpanKind::ContentControl {
                showing_placeholder: true,
                ..
            } => Some((s.start, s.end, None)),
            SpanKind::Ruby { reading } => Some((s.start, s.end, Some(reading.as_str()))),
            _ => None,
        })
        .filter(|(a, b, _)| a < b && p.text.get(*a..*b).is_some())
        .collect();
    edits.sort_by_key(|e| e.0);
    let (mut shown, mut read) = (String::new(), String::new());
    let mut at = 0;
    let mut has_ruby = false;
    for (a, b, reading) in edits {
        if a < at {
            continue;
        }
        let before = p.text.get(at..a).unwrap_or("");
        shown.push_str(before);
        read.push_str(before);
        let base = p.text.get(a..b).unwrap_or("");
        // A placeholder (no reading) is dropped from both.
        if let Some(r) = reading {
            has_ruby = true;
            shown.push_str(base);
            read.push_str(r);
        }
        at = b;
    }
    let tail = p.text.get(at..).unwrap_or("");
    shown.push_str(tail);
    read.push_str(tail);
    let readings: Vec<&str> = read.split('\n').collect();
    shown
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            let r = readings
                .get(i)
                .filter(|r| has_ruby && **r != l)
                .map(|r| r.to_string());
            (l.to_string(), r)
        })
        .collect()
}

/// A table cell (or a rebuilt cell of a text file).
#[derive(Debug, Clone)]
pub struct GridCell {
    pub table: usize,
    pub row: u32,
    pub col: u32,
    pub row_span: u32,
    pub col_span: u32,
    pub loc: Location,
    /// Its lines in the unit stream.
    pub units: Range<usize>,
}

/// A table (a Word table, a sheet, or rows rebuilt from a text file).
#[derive(Debug, Clone)]
pub struct Grid {
    pub loc: Location,
    /// Cell ids, row by row.
    pub cells: Vec<usize>,
    /// Sheets list only non-empty cells: a missing neighbour is a blank
    /// cell whose location is made up from the sheet name.
    pub sheet: Option<String>,
    /// Text tables: columns are positions, not grid columns.
    pub rebuilt: bool,
}

/// The whole document as units and grids.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub units: Vec<Unit>,
    pub cells: Vec<GridCell>,
    pub tables: Vec<Grid>,
}

/// The paragraphs of `blocks`, table cells' included (a capacity hint).
fn paragraph_count(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(_) => 1,
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .map(|c| paragraph_count(&c.blocks))
                .sum(),
        })
        .sum()
}

impl Layout {
    pub fn build(doc: &Document) -> Layout {
        let mut layout = Layout::default();
        // About a unit per paragraph: reserved once, as a unit is large and
        // growing the vector copied every unit built so far, again and again.
        layout.units.reserve(paragraph_count(&doc.blocks));
        if doc.format.is_line_based() {
            layout.add_text(&doc.blocks, doc.format == crate::model::Format::Csv);
        } else {
            // A hidden sheet (an old roster kept out of sight) is not what
            // the official reads: forms are taken from the visible ones
            // (SEC007 reports the hidden sheet).
            layout.add_blocks(doc.blocks.iter().filter(|b| !is_hidden_sheet(doc, b)));
        }
        layout
    }

    fn push_unit(
        &mut self,
        text: &str,
        loc: Location,
        cell: Option<usize>,
        first_col: Option<u32>,
    ) {
        let text = text.trim_end_matches(['\r', '\n']).to_string();
        let mut unit = Unit {
            norm: NormText::default(),
            text,
            loc,
            cell,
            first_col,
            reading: None,
            enum_len: 0,
            after_enum: None,
        };
        unit.set_norm(norm_key(&unit.text));
        self.units.push(unit);
    }

    /// Push a paragraph's lines as they were filled in: what an untouched
    /// content control shows is no entry, and a line with ruby keeps its
    /// reading.
    fn push_paragraph(&mut self, p: &Paragraph, loc: &Location, cell: Option<usize>) {
        // Nearly every paragraph is plain: its lines are taken from its
        // text as they are, no copy of each line made first.
        if !has_ruby_or_placeholder(p) {
            for line in split_lines(&p.text) {
                self.push_line(line, None, loc, cell);
            }
            return;
        }
        for (line, reading) in filled_lines(p) {
            self.push_line(&line, reading, loc, cell);
        }
    }

    /// Push a paragraph's line (with its ruby reading).
    fn push_line(
        &mut self,
        line: &str,
        reading: Option<String>,
        loc: &Location,
        cell: Option<usize>,
    ) {
        self.push_unit(line, loc.clone(), cell, None);
        if let Some(u) = self.units.last_mut() {
            u.reading = reading;
            // A line that is only Word's placeholder prompt (LibreOffice
            // drops the placeholder flag) is no entry either; its key
            // was just made.
            if super::filling::is_prompt_key(u.key()) {
                u.text.clear();
                u.set_norm(norm_key(""));
            }
        }
    }

    fn add_blocks<'b>(&mut self, blocks: impl IntoIterator<Item = &'b Block>) {
        for block in blocks {
            match block {
                Block::Paragraph(p) => self.push_paragraph(p, &p.location, None),
                Block::Table(t) => self.add_table(t),
            }
        }
    }

    fn add_table(&mut self, t: &Table) {
        let table = self.tables.len();
        // Room for the table's cells at once (a cell is large: growing the
        // vector a cell at a time copied them again and again).
        let cells: usize = t.rows.iter().map(|r| r.cells.len()).sum();
        self.cells.reserve(cells);
        self.tables.push(Grid {
            loc: t.location.clone(),
            cells: Vec::with_capacity(cells),
            sheet: t
                .location
                .sheet
                .clone()
                .or_else(|| t.name.clone())
                .filter(|_| t.location.sheet.is_some()),
            rebuilt: false,
        });
        for row in &t.rows {
            for cell in &row.cells {
                let id = self.cells.len();
                let start = self.units.len();
                self.cells.push(GridCell {
                    table,
                    row: cell.row,
                    col: cell.col,
                    row_span: cell.row_span.max(1),
                    col_span: cell.col_span.max(1),
                    loc: cell.location.clone(),
                    units: start..start,
                });
                self.add_cell_blocks(&cell.blocks, &cell.location, id);
                if self.units.len() == start {
                    self.push_unit("", cell.location.clone(), Some(id), None);
                }
                let end = self.units.len();
                if let Some(c) = self.cells.get_mut(id) {
                    c.units = start..end;
                }
                if let Some(g) = self.tables.get_mut(table) {
                    g.cells.push(id);
                }
            }
        }
    }

    fn add_cell_blocks(&mut self, blocks: &[Block], cell_loc: &Location, id: usize) {
        for block in blocks {
            match block {
                Block::Paragraph(p) => self.push_paragraph(p, cell_loc, Some(id)),
                Block::Table(nested) => {
                    // Flattened as `Cell::text` does: cells by tabs, rows
                    // by line breaks.
                    for row in &nested.rows {
                        let texts: Vec<String> = row.cells.iter().map(|c| c.text()).collect();
                        for line in texts.join("\t").split('\n') {
                            self.push_unit(line, cell_loc.clone(), Some(id), None);
                        }
                    }
                }
            }
        }
    }

    /// Rebuild tables from the lines of a text file.
    fn add_text(&mut self, blocks: &[Block], csv: bool) {
        // A table the reader rebuilt (a PDF's ruled table) is a grid as in
        // Word; the lines between tables are rebuilt from their tabs.
        let mut run: Vec<&Paragraph> = Vec::new();
        for b in blocks {
            match b {
                Block::Paragraph(p) => run.push(p),
                Block::Table(t) => {
                    self.add_lines(&std::mem::take(&mut run), csv);
                    self.add_table(t);
                }
            }
        }
        self.add_lines(&run, csv);
    }

    fn add_lines(&mut self, lines: &[&Paragraph], csv: bool) {
        if lines.is_empty() {
            return;
        }
        let mut builder = TextTables::default();
        let mut last_line: Option<u32> = None;
        if csv {
            for (i, p) in lines.iter().enumerate() {
                builder.record(self, p, i);
            }
            builder.finish(self);
            return;
        }
        for (i, p) in lines.iter().enumerate() {
            let line_no = p.location.line.unwrap_or(i as u32 + 1);
            if let Some(prev) = last_line
                && line_no > prev + 1
            {
                builder.blank(self);
            }
            last_line = Some(line_no);
            // A paragraph holding several lines (a reader that keeps a
            // cell's line breaks) is taken line by line.
            let parts: Vec<&str> = p.text.split('\n').collect();
            let after = lines
                .get(i + 1)
                .map(|q| q.text.split('\n').next().unwrap_or(""));
            for (k, text) in parts.iter().enumerate() {
                let next = parts.get(k + 1).copied().or(after);
                builder.line(self, p, line_no + k as u32, text, next);
            }
        }
        builder.finish(self);
    }

    pub fn cell(&self, id: usize) -> Option<&GridCell> {
        self.cells.get(id)
    }

    /// The text of a cell, its lines joined by `\n`.
    pub fn cell_text(&self, id: usize) -> String {
        match self.cells.get(id) {
            Some(c) => self
                .units
                .get(c.units.clone())
                .unwrap_or(&[])
                .iter()
                .map(|u| u.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            None => String::new(),
        }
    }

    /// The cell of `table` covering grid position (row, col).
    pub fn cell_at(&self, table: usize, row: u32, col: u32) -> Option<usize> {
        let grid = self.tables.get(table)?;
        grid.cells.iter().copied().find(|&id| {
            self.cells.get(id).is_some_and(|c| {
                row >= c.row && row < c.row + c.row_span && col >= c.col && col < c.col + c.col_span
            })
        })
    }

    /// Cells whose top row is `row`, left to right.
    pub fn row_cells(&self, table: usize, row: u32) -> Vec<usize> {
        let Some(grid) = self.tables.get(table) else {
            return Vec::new();
        };
        let mut ids: Vec<usize> = grid
            .cells
            .iter()
            .copied()
            .filter(|&id| self.cells.get(id).is_some_and(|c| c.row == row))
            .collect();
        ids.sort_by_key(|&id| self.cells.get(id).map(|c| c.col).unwrap_or(0));
        ids
    }

    /// The row numbers of a table, in order.
    pub fn rows(&self, table: usize) -> Vec<u32> {
        let Some(grid) = self.tables.get(table) else {
            return Vec::new();
        };
        let mut rows: Vec<u32> = grid
            .cells
            .iter()
            .filter_map(|&id| self.cells.get(id).map(|c| c.row))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    /// The nearest cell right of a cell in its row (sheets list only
    /// non-empty cells, so it may be further than the next column).
    pub fn right_of(&self, id: usize) -> Option<usize> {
        let c = self.cells.get(id)?;
        let next_col = c.col + c.col_span;
        self.row_cells(c.table, c.row)
            .into_iter()
            .filter(|&o| self.cells.get(o).is_some_and(|oc| oc.col >= next_col))
            .min_by_key(|&o| self.cells.get(o).map(|oc| oc.col).unwrap_or(u32::MAX))
    }

    /// The cell below a cell (same column), when there is one.
    pub fn below(&self, id: usize) -> Option<usize> {
        let c = self.cells.get(id)?;
        self.cell_at(c.table, c.row + c.row_span, c.col)
    }

    /// In a sheet: the (unlisted, blank) cell right next to a cell.
    pub fn blank_right(&self, id: usize) -> Option<Location> {
        let c = self.cells.get(id)?;
        let sheet = self.tables.get(c.table)?.sheet.as_ref()?;
        Some(Location::sheet_cell(
            sheet.clone(),
            a1(c.row, c.col + c.col_span),
        ))
    }
}

/// A1 reference of a 1-based (row, col).
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowStyle {
    /// One cell per line, each opening with a tab.
    CellPerLine,
    /// One row per line, tab-separated.
    Tabbed,
}

/// Text-table rebuilding state.
#[derive(Default)]
struct TextTables {
    table: Option<usize>,
    row: u32,
    style: Option<RowStyle>,
    /// Cells of the current row.
    row_cells: Vec<usize>,
    /// Number of cells in the first row of the table (for tabbed rows that
    /// continue on the next line).
    width: usize,
    blank_seen: bool,
    in_row: bool,
    /// A row was opened by a line without a tab: the next tabbed line
    /// goes on in its first cell.
    pending_first: bool,
}

impl TextTables {
    fn blank(&mut self, layout: &mut Layout) {
        let _ = layout;
        if self.style == Some(RowStyle::CellPerLine) {
            self.end_row();
        }
        self.blank_seen = true;
    }

    fn end_row(&mut self) {
        if self.in_row {
            self.width = self.width.max(self.row_cells.len());
        }
        self.in_row = false;
        self.pending_first = false;
        self.row_cells.clear();
    }

    fn end_table(&mut self) {
        self.end_row();
        self.table = None;
        self.row = 0;
        self.style = None;
        self.width = 0;
    }

    fn start_row(&mut self, layout: &mut Layout, loc: &Location, style: RowStyle) {
        self.end_row();
        if self.table.is_none() {
            let mut tloc = loc.clone();
            tloc.column = None;
            layout.tables.push(Grid {
                loc: tloc,
                cells: Vec::new(),
                sheet: None,
                rebuilt: true,
            });
            self.table = Some(layout.tables.len() - 1);
            self.row = 0;
            self.width = 0;
        }
        self.row += 1;
        self.style = Some(style);
        self.in_row = true;
    }

    fn add_cell(&mut self, layout: &mut Layout, line_loc: &Location, column: u32, text: &str) {
        let Some(table) = self.table else { return };
        let id = layout.cells.len();
        let loc = line_loc.clone();
        let start = layout.units.len();
        layout.cells.push(GridCell {
            table,
            row: self.row,
            col: self.row_cells.len() as u32 + 1,
            row_span: 1,
            col_span: 1,
            loc: loc.clone(),
            units: start..start + 1,
        });
        layout.push_unit(text, loc, Some(id), Some(column));
        if let Some(g) = layout.tables.get_mut(table) {
            g.cells.push(id);
        }
        self.row_cells.push(id);
    }

    /// Add a line to the last cell of the current row.
    fn continue_cell(&mut self, layout: &mut Layout, line_loc: &Location, column: u32, text: &str) {
        let Some(&id) = self.row_cells.last() else {
            return;
        };
        layout.push_unit(text, line_loc.clone(), Some(id), Some(column));
        let end = layout.units.len();
        if let Some(c) = layout.cells.get_mut(id) {
            c.units.end = end;
        }
    }

    fn line(
        &mut self,
        layout: &mut Layout,
        p: &Paragraph,
        line_no: u32,
        text: &str,
        next: Option<&str>,
    ) {
        let mut line_loc = p.location.clone();
        line_loc.line = Some(line_no);
        line_loc.column = None;
        let text = text.trim_end_matches('\r');
        if text.trim().is_empty() && !text.contains('\t') {
            self.blank(layout);
            layout.push_unit(text, line_loc, None, Some(1));
            return;
        }
        let pieces = split_tabs(text, &p.cells);
        let blank_before = std::mem::replace(&mut self.blank_seen, false);
        if pieces.len() > 1 {
            let starts_with_tab = pieces.first().is_some_and(|c| c.text.is_empty());
            let continuing = self.in_row && !blank_before;
            if starts_with_tab && self.style == Some(RowStyle::CellPerLine) && continuing {
                for c in pieces.iter().skip(1) {
                    self.add_cell(layout, &line_loc, c.column, &c.text);
                }
                return;
            }
            let pending = std::mem::replace(&mut self.pending_first, false);
            if !starts_with_tab
                && continuing
                && self.style == Some(RowStyle::Tabbed)
                && (pending || (self.width > 0 && self.row_cells.len() < self.width))
            {
                // A tabbed row whose cell held a line break goes on here.
                if let Some(first) = pieces.first() {
                    self.continue_cell(layout, &line_loc, first.column, &first.text);
                }
                for c in pieces.iter().skip(1) {
                    self.add_cell(layout, &line_loc, c.column, &c.text);
                }
                if self.row == 1 {
                    self.width = self.width.max(self.row_cells.len());
                }
                return;
            }
            if starts_with_tab {
                let style = if pieces.len() == 2 {
                    RowStyle::CellPerLine
                } else {
                    RowStyle::Tabbed
                };
                self.start_row(layout, &line_loc, style);
                let skip = usize::from(style == RowStyle::CellPerLine);
                for c in pieces.iter().skip(skip) {
                    self.add_cell(layout, &line_loc, c.column, &c.text);
                }
            } else {
                self.start_row(layout, &line_loc, RowStyle::Tabbed);
                for c in &pieces {
                    self.add_cell(layout, &line_loc, c.column, &c.text);
                }
            }
            if self.row == 1 {
                self.width = self.width.max(self.row_cells.len());
            }
            return;
        }
        // A line without a tab.
        let next_opens_row = next.is_some_and(|n| n.contains('\t') && !n.starts_with('\t'));
        let t = text.trim();
        let label_like = t.chars().count() <= 40 && !t.ends_with(['。', '．', '.']);
        let key = super::normalize::key_of(t);
        let heading_like = super::normalize::enumerator_len(&key) > 0
            || t.starts_with(['【', '〔', '［', '■', '●', '◆', '＜', '<']);
        if self.in_row && !blank_before {
            match self.style {
                Some(RowStyle::CellPerLine) => {
                    self.continue_cell(layout, &line_loc, 1, text);
                    return;
                }
                Some(RowStyle::Tabbed) => {
                    // After a complete row, a short label-like line right
                    // before a tabbed line opens the next row's first cell
                    // (`情報セキュリティに関する事項` / `２）\t…`); anything
                    // else goes on in the row's last cell.
                    let complete = self.width > 0 && self.row_cells.len() >= self.width;
                    if complete && next_opens_row && label_like {
                        self.start_row(layout, &line_loc, RowStyle::Tabbed);
                        self.add_cell(layout, &line_loc, 1, text);
                        self.pending_first = true;
                        return;
                    }
                    if !(complete && label_like && heading_like) {
                        self.continue_cell(layout, &line_loc, 1, text);
                        return;
                    }
                }
                None => {}
            }
        }
        if next_opens_row && label_like && !heading_like && !t.starts_with(['（', '(']) {
            // The first line of a row whose first cell holds a line break
            // (`受付番号` / `※記載不要\t１２`).
            self.end_table();
            self.start_row(layout, &line_loc, RowStyle::Tabbed);
            self.add_cell(layout, &line_loc, 1, text);
            self.pending_first = true;
            return;
        }
        self.end_table();
        layout.push_unit(text, line_loc, None, Some(1));
    }

    /// A CSV record: one row (its fields may hold line breaks), or a
    /// paragraph when it has a single field.
    fn record(&mut self, layout: &mut Layout, p: &Paragraph, i: usize) {
        let line_no = p.location.line.unwrap_or(i as u32 + 1);
        let mut line_loc = p.location.clone();
        line_loc.line = Some(line_no);
        if p.cells.len() < 2 {
            self.end_table();
            for text in p.text.split('\n') {
                layout.push_unit(text, line_loc.clone(), None, Some(1));
            }
            return;
        }
        self.start_row(layout, &line_loc, RowStyle::Tabbed);
        for c in &p.cells {
            let mut lines = c.text.split('\n');
            self.add_cell(layout, &line_loc, c.column, lines.next().unwrap_or(""));
            for more in lines {
                self.continue_cell(layout, &line_loc, c.column, more);
            }
        }
    }

    fn finish(&mut self, layout: &mut Layout) {
        let _ = layout;
        self.end_table();
    }
}

/// Split a line at its tabs into cells with their 1-based start columns.
fn split_tabs(text: &str, given: &[LineCell]) -> Vec<LineCell> {
    let tabs = text.matches('\t').count();
    if !given.is_empty() && given.len() == tabs + 1 {
        return given.to_vec();
    }
    let mut out = Vec::new();
    let mut column = 1u32;
    for piece in text.split('\t') {
        out.push(LineCell {
            column,
            text: piece.to_string(),
        });
        column += piece.chars().count() as u32 + 1;
    }
    out
}

/// A text document as the text reader makes it: one paragraph per line,
/// located by line, tab-separated cells kept. For definition examples and
/// tests that build documents in code.
pub fn text_document(path: &str, text: &str) -> Document {
    let mut doc = Document::new(path, crate::model::Format::Txt, text.len() as u64);
    for (i, line) in text.lines().enumerate() {
        let mut p = Paragraph::new(Location::line(i as u32 + 1), line);
        if line.contains('\t') {
            p.cells = split_tabs(line, &[]);
        }
        doc.blocks.push(Block::Paragraph(p));
    }
    doc
}

mod lines;
use lines::split_lines;

#[cfg(test)]
mod tests;
