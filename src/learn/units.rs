//! A template flattened into what `learn` looks at: paragraphs and table
//! rows in document order (nested tables and text boxes included), each
//! cell with its grid column.

use crate::model::{Block, Document};

/// One cell of a row: its text.
#[derive(Debug, Clone)]
pub struct UnitCell {
    pub text: String,
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
                for row in &t.rows {
                    let cells = row
                        .cells
                        .iter()
                        .map(|c| UnitCell {
                            text: c.text().trim().to_string(),
                        })
                        .collect();
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
