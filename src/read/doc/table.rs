//! One table being read: cells collect blocks until their cell mark, rows
//! end at the row mark whose properties carry the cell boundaries
//! (sprmTDefTable). At the end the boundaries of all rows make the grid
//! (as Word's `w:tblGrid`), so `col` is the grid column as for .docx, and
//! vertically merged cells become one cell with a row span.

use super::fkp::ParaProps;
use crate::model::{Block, Cell, Location, Row, Table};

struct RowBuild {
    cells: Vec<Vec<Block>>,
    bounds: Vec<i16>,
    vmerge: Vec<u8>,
    hmerge: Vec<u8>,
}

pub struct TableBuild {
    number: u32,
    part: Option<std::sync::Arc<str>>,
    rows: Vec<RowBuild>,
    cells: Vec<Vec<Block>>,
    cell: Vec<Block>,
}

impl TableBuild {
    pub fn new(number: u32, part: Option<std::sync::Arc<str>>) -> Self {
        TableBuild {
            number,
            part,
            rows: Vec::new(),
            cells: Vec::new(),
            cell: Vec::new(),
        }
    }

    pub fn push(&mut self, block: Block) {
        self.cell.push(block);
    }

    pub fn end_cell(&mut self) {
        let cell = std::mem::take(&mut self.cell);
        self.cells.push(cell);
    }

    pub fn end_row(&mut self, props: &ParaProps) {
        if !self.cell.is_empty() {
            self.end_cell();
        }
        self.rows.push(RowBuild {
            cells: std::mem::take(&mut self.cells),
            bounds: props.bounds.clone(),
            vmerge: props.vmerge.clone(),
            hmerge: props.hmerge.clone(),
        });
    }

    pub fn finish(mut self) -> Table {
        if !self.cell.is_empty() || !self.cells.is_empty() {
            self.end_row(&ParaProps::default());
        }
        let mut grid: Vec<i16> = self
            .rows
            .iter()
            .flat_map(|r| r.bounds.iter().copied())
            .collect();
        grid.sort_unstable();
        grid.dedup();
        let col_of = |x: i16| grid.binary_search(&x).map(|i| i as u32 + 1).ok();
        let table_no = self.number;
        let part = self.part.clone();
        let mut rows: Vec<Row> = Vec::new();
        for (r, row) in self.rows.into_iter().enumerate() {
            let r = r as u32 + 1;
            let usable = row.bounds.len() == row.cells.len() + 1;
            let mut cells: Vec<Cell> = Vec::new();
            let mut next_col = 1u32;
            for (i, blocks) in row.cells.into_iter().enumerate() {
                let (col, span) = if usable {
                    match (col_of(row.bounds[i]), col_of(row.bounds[i + 1])) {
                        (Some(a), Some(b)) if b > a => (a, b - a),
                        _ => (next_col, 1),
                    }
                } else {
                    (next_col, 1)
                };
                next_col = col + span;
                let empty = blocks.iter().all(|b| match b {
                    Block::Paragraph(p) => p.text.is_empty(),
                    Block::Table(_) => false,
                });
                if row.hmerge.get(i) == Some(&2)
                    && let Some(prev) = cells.last_mut()
                {
                    prev.col_span = col + span - prev.col;
                    prev.blocks.extend(blocks);
                    continue;
                }
                if row.vmerge.get(i) == Some(&1)
                    && empty
                    && let Some(above) = rows
                        .iter_mut()
                        .rev()
                        .flat_map(|row| row.cells.iter_mut())
                        .find(|c| c.col == col && c.row + c.row_span == r)
                {
                    above.row_span += 1;
                    continue;
                }
                let location = Location {
                    part: part.clone(),
                    table: Some(table_no),
                    row: Some(r),
                    col: Some(col),
                    ..Location::default()
                };
                let blocks = blocks
                    .into_iter()
                    .map(|mut b| {
                        if let Block::Paragraph(p) = &mut b {
                            p.location.table = Some(table_no);
                            p.location.row = Some(r);
                            p.location.col = Some(col);
                        }
                        b
                    })
                    .collect();
                cells.push(Cell {
                    location,
                    row: r,
                    col,
                    row_span: 1,
                    col_span: span,
                    blocks,
                    number: None,
                });
            }
            rows.push(Row { index: r, cells });
        }
        Table {
            location: Location {
                part,
                table: Some(table_no),
                ..Location::default()
            },
            name: None,
            rows,
            merged: Vec::new(),
        }
    }
}
