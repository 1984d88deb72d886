//! Tables: rows, cells, grid spans and vertical merges, placed on the
//! table's grid so every cell keeps its (table, row, col) location.

use super::*;

impl<'a, 'c> PartParser<'a, 'c> {
    /// `w:trPr` whose start was just read: revisions recorded; returns
    /// `w:gridBefore`.
    pub(super) fn parse_trpr(&mut self, table: u32, row_no: u32) -> Result<u32, ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        let mut before = 0;
        let mut loc = self.table_loc(table);
        loc.row = Some(row_no);
        while let Some((s, _)) = self.next_child(end_depth)? {
            let (n, l) = self.name(&s);
            if (n, l) == (Ns::W, "gridBefore") {
                before = attr_cow(&s, "val")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(0)
                    .min(1000);
            } else if let Some(kind) = self.change_kind(&s) {
                self.record_change(kind, &s, loc.clone());
            }
        }
        Ok(before)
    }

    /// `w:tcPr` whose start was just read.
    pub(super) fn parse_tcpr(&mut self, tcpr: &mut TcProps) -> Result<(), ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        while let Some((s, _)) = self.next_child(end_depth)? {
            let (n, l) = self.name(&s);
            match (n, l) {
                (Ns::W, "gridSpan") => {
                    tcpr.grid_span = attr_cow(&s, "val")
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(1);
                }
                (Ns::W, "vMerge") => tcpr.v_merge = Some(merge_of(&s)),
                (Ns::W, "hMerge") => tcpr.h_merge = Some(merge_of(&s)),
                _ => {
                    if let Some(kind) = self.change_kind(&s) {
                        let loc = self.block_loc();
                        self.record_change(kind, &s, loc);
                        if l == "tcPrChange" {
                            // Holds the old properties: not ours.
                            let d = self.r.depth();
                            if d > end_depth + 1 {
                                self.r.skip_element()?;
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    pub(super) fn table_loc(&self, table: u32) -> Location {
        let mut loc = Location::in_part(self.part.clone());
        loc.table = Some(table);
        loc
    }

    /// A `w:tbl` whose start was just read (and counted).
    pub(super) fn parse_table(&mut self) -> Result<Table, ReadError> {
        self.enter()?;
        let result = self.parse_table_inner();
        self.leave();
        result
    }

    pub(super) fn parse_table_inner(&mut self) -> Result<Table, ReadError> {
        let table = self.table_no;
        let end_depth = self.r.depth().saturating_sub(1);
        let saved_cell = self.cell;
        let mut rows: Vec<Row> = Vec::new();
        let mut row_no: u32 = 0;
        // grid column → (index in rows, index in cells) of the cell that
        // started a vertical merge there.
        let mut vopen: HashMap<u32, (usize, usize)> = HashMap::new();
        let mut frames: Vec<(usize, BlockFrame)> = Vec::new();
        loop {
            match self.next()? {
                XmlEvent::Start(s) => {
                    let (n, l) = self.name(&s);
                    match (n, l) {
                        (Ns::W, "tr") => {
                            row_no = row_no.saturating_add(1);
                            let row = self.parse_row(table, row_no, &mut rows, &mut vopen)?;
                            rows.push(row);
                        }
                        (Ns::W, "tblPr" | "tblGrid" | "tblPrEx") => {
                            self.cell = saved_cell;
                            self.scan_props()?;
                        }
                        (Ns::W, "p") => {
                            // Not valid here; read so numbering stays true.
                            self.cell = saved_cell;
                            let _ = self.parse_paragraph(false)?;
                        }
                        (Ns::W, "tbl") => {
                            self.cell = saved_cell;
                            let _ = self.parse_table()?;
                        }
                        _ => self.wrapper_start(&s, n, l, &mut frames)?,
                    }
                }
                XmlEvent::Empty(s) => {
                    let (n, l) = self.name(&s);
                    if (n, l) == (Ns::W, "tr") {
                        row_no = row_no.saturating_add(1);
                        rows.push(Row {
                            index: row_no,
                            cells: Vec::new(),
                        });
                    }
                }
                XmlEvent::End(_) => {
                    if self.wrapper_end(end_depth, &mut frames) {
                        break;
                    }
                }
                XmlEvent::Text(_) => {}
                XmlEvent::Eof => break,
            }
        }
        self.close_wrappers(frames);
        self.cell = saved_cell;
        Ok(Table {
            location: self.table_loc(table),
            name: None,
            rows,
            merged: Vec::new(),
        })
    }

    /// A `w:tr` whose start was just read.
    pub(super) fn parse_row(
        &mut self,
        table: u32,
        row_no: u32,
        rows: &mut [Row],
        vopen: &mut HashMap<u32, (usize, usize)>,
    ) -> Result<Row, ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        let saved_cell = self.cell;
        let mut rb = RowBuild {
            table,
            row_no,
            this_row: rows.len(),
            col: 1,
            cells: Vec::new(),
        };
        let mut frames: Vec<(usize, BlockFrame)> = Vec::new();
        loop {
            match self.next()? {
                XmlEvent::Start(s) => {
                    let (n, l) = self.name(&s);
                    match (n, l) {
                        (Ns::W, "trPr") => {
                            let before = self.parse_trpr(table, row_no)?;
                            if rb.cells.is_empty() {
                                rb.col = rb.col.saturating_add(before);
                            }
                        }
                        (Ns::W, "tc") => {
                            self.cell = Some(CellPos {
                                table,
                                row: row_no,
                                col: rb.col,
                            });
                            let mut tcpr = TcProps::default();
                            let blocks = self.parse_blocks(true, &mut tcpr)?;
                            self.cell = saved_cell;
                            let span = tcpr.grid_span.clamp(1, 1000);
                            self.place_cell(&mut rb, span, &tcpr, blocks, rows, vopen);
                            rb.col = rb.col.saturating_add(span);
                        }
                        (Ns::W, "tblPrEx") => self.r.skip_element()?,
                        _ => self.wrapper_start(&s, n, l, &mut frames)?,
                    }
                }
                XmlEvent::Empty(s) => {
                    let (n, l) = self.name(&s);
                    if (n, l) == (Ns::W, "tc") {
                        self.place_cell(&mut rb, 1, &TcProps::default(), Vec::new(), rows, vopen);
                        rb.col = rb.col.saturating_add(1);
                    }
                }
                XmlEvent::End(_) => {
                    if self.wrapper_end(end_depth, &mut frames) {
                        break;
                    }
                }
                XmlEvent::Text(_) => {}
                XmlEvent::Eof => break,
            }
        }
        self.close_wrappers(frames);
        self.cell = saved_cell;
        Ok(Row {
            index: row_no,
            cells: rb.cells,
        })
    }

    /// Put a read cell in its row, resolving vertical and legacy
    /// horizontal merges: a continuation cell is folded into the cell it
    /// continues (its non-blank paragraphs appended there), so a merged
    /// region is one cell with spans.
    pub(super) fn place_cell(
        &mut self,
        rb: &mut RowBuild,
        span: u32,
        tcpr: &TcProps,
        blocks: Vec<Block>,
        rows: &mut [Row],
        vopen: &mut HashMap<u32, (usize, usize)>,
    ) {
        let col = rb.col;
        if tcpr.h_merge == Some(Merge::Continue)
            && let Some(prev) = rb.cells.last_mut()
        {
            prev.col_span = prev.col_span.saturating_add(span);
            prev.blocks
                .extend(blocks.into_iter().filter(block_has_text));
            return;
        }
        if tcpr.v_merge == Some(Merge::Continue)
            && let Some(&(ri, ci)) = vopen.get(&col)
            && ri < rb.this_row
            && let Some(origin) = rows.get_mut(ri).and_then(|r| r.cells.get_mut(ci))
        {
            origin.row_span = rb.row_no.saturating_sub(origin.row).saturating_add(1);
            origin
                .blocks
                .extend(blocks.into_iter().filter(block_has_text));
            return;
        }
        // Only merges starting under this cell end here (span is at most
        // 1000, so this stays linear in the row's width).
        // (Nothing to end in most tables, which merge no cells downwards:
        // a hashed removal per cell was 0.2 % of `extract`.)
        if !vopen.is_empty() {
            for k in col..col.saturating_add(span) {
                vopen.remove(&k);
            }
        }
        if tcpr.v_merge.is_some() {
            // A restart, or a continuation with nothing above: starts a merge.
            vopen.insert(col, (rb.this_row, rb.cells.len()));
        }
        let mut location = self.table_loc(rb.table);
        location.row = Some(rb.row_no);
        location.col = Some(col);
        rb.cells.push(Cell {
            location,
            row: rb.row_no,
            col,
            row_span: 1,
            col_span: span,
            blocks,
            number: None,
        });
    }
}

/// A row being built.
pub(super) struct RowBuild {
    pub(super) table: u32,
    pub(super) row_no: u32,
    /// Index the row will have in the table's rows.
    pub(super) this_row: usize,
    /// Grid column of the next cell.
    pub(super) col: u32,
    pub(super) cells: Vec<Cell>,
}

pub(super) fn block_has_text(b: &Block) -> bool {
    match b {
        Block::Paragraph(p) => !p.text.trim().is_empty(),
        Block::Table(_) => true,
    }
}

/// Merge state of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Merge {
    Restart,
    Continue,
}

pub(super) fn merge_of(s: &BytesStart<'_>) -> Merge {
    match attr_cow(s, "val").as_deref() {
        Some("restart") => Merge::Restart,
        _ => Merge::Continue,
    }
}

/// Cell properties that shape the grid.
#[derive(Debug, Default)]
pub(super) struct TcProps {
    pub(super) grid_span: u32,
    pub(super) v_merge: Option<Merge>,
    pub(super) h_merge: Option<Merge>,
}
