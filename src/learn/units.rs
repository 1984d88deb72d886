//! A template flattened into what `learn` looks at: paragraphs and table
//! rows in document order (nested tables and text boxes included), each
//! cell with its grid column.

use crate::model::{Block, Document, Row};

/// One cell of a row: its text.
#[derive(Debug, Clone)]
pub struct UnitCell {
    pub text: String,
    /// The grid column the cell starts at (1-based; 0 when unknown, as in
    /// the rows of a text file).
    pub col: u32,
}

#[derive(Debug, Clone)]
pub enum Unit {
    Para(String),
    /// A table row; `table` numbers the tables of the document.
    Row {
        table: usize,
        cells: Vec<UnitCell>,
    },
}

impl Unit {
    /// The text of the unit (cells joined by tabs).
    pub fn text(&self) -> String {
        match self {
            Unit::Para(t) => t.clone(),
            Unit::Row { cells, .. } => cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("\t"),
        }
    }
}

/// The document's units in reading order.
pub fn units(doc: &Document) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut tables = 0;
    walk(&doc.blocks, &mut out, &mut tables);
    out
}

fn walk(blocks: &[Block], out: &mut Vec<Unit>, tables: &mut usize) {
    let mut in_text_table = false;
    for b in blocks {
        match b {
            // A line of a text file with tab-separated cells: a table row
            // (consecutive such lines are one table).
            Block::Paragraph(p) if p.cells.len() >= 2 || p.text.ends_with('\t') => {
                if !in_text_table {
                    *tables += 1;
                    in_text_table = true;
                }
                let cells = p
                    .text
                    .split('\t')
                    .map(|c| UnitCell {
                        text: c.trim().to_string(),
                        col: 0,
                    })
                    .collect();
                out.push(Unit::Row {
                    table: *tables,
                    cells,
                });
                continue;
            }
            Block::Paragraph(p) => {
                in_text_table = false;
                out.push(Unit::Para(p.text.clone()));
            }
            Block::Table(t) => {
                in_text_table = false;
                *tables += 1;
                let table = *tables;
                for (ri, row) in t.rows.iter().enumerate() {
                    let mut cells: Vec<UnitCell> = row
                        .cells
                        .iter()
                        .map(|c| UnitCell {
                            text: c.text().trim().to_string(),
                            col: c.col,
                        })
                        .collect();
                    cells.extend(boxes_from_above(&t.rows, ri));
                    out.push(Unit::Row { table, cells });
                    // Tables nested in cells come after their row.
                    for c in &row.cells {
                        let nested: Vec<Block> = c
                            .blocks
                            .iter()
                            .filter(|b| matches!(b, Block::Table(_)))
                            .cloned()
                            .collect();
                        walk(&nested, out, tables);
                    }
                }
            }
        }
    }
}

/// A label printed on the lower row of a box merged over two rows (方眼紙
/// sheets: 「主たる営業所の」 over 「名称」 beside one tall box, 「フリガナ」
/// under the top of its box): the blank boxes right of the row's last
/// cell that a merge from a row above covers, one blank cell each, so
/// that the label has its value place beside it as on the page. Only
/// when the row's last cell is filled (a label) and nothing of its own
/// row stands right of it.
fn boxes_from_above(rows: &[Row], ri: usize) -> Vec<UnitCell> {
    let Some(row) = rows.get(ri) else {
        return Vec::new();
    };
    let Some(last) = row.cells.last() else {
        return Vec::new();
    };
    if last.text().trim().is_empty() {
        return Vec::new();
    }
    let here = last.row;
    let from = last.col + last.col_span;
    let above: Vec<&crate::model::Cell> = rows[ri.saturating_sub(3)..ri]
        .iter()
        .flat_map(|r| &r.cells)
        .collect();
    // A box its own row already labels (「電話番号」 over 「Telephone
    // No.」 beside one box) is that label's, unless that label runs on
    // into this row (「主たる営業所の」).
    let claimed = |b: &crate::model::Cell| {
        above.iter().any(|c| {
            let t = c.text();
            let t = t.trim();
            c.row == b.row && c.col < b.col && !t.is_empty() && !t.ends_with('の')
        })
    };
    let mut boxes: Vec<(u32, UnitCell)> = above
        .iter()
        .filter(|c| c.row < here && here < c.row + c.row_span && c.row_span <= 3 && c.col >= from)
        .filter(|c| is_box_or_mark(&c.text()) && !claimed(c))
        .map(|c| {
            (
                c.col,
                UnitCell {
                    text: c.text().trim().to_string(),
                    col: c.col,
                },
            )
        })
        .collect();
    boxes.sort_by_key(|b| b.0);
    boxes.into_iter().map(|b| b.1).collect()
}

/// A blank box, or a grid's printed mark among boxes (an item code 「8」,
/// 「－」): one or two characters, never a label.
fn is_box_or_mark(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || (t.chars().count() <= 2
            && t.chars()
                .all(|c| crate::base::is_digit_any_width(c) || "－-ー".contains(c)))
}
