//! Entries that are blocks of rows opened by a printed mark (役員氏名 ①
//! over its ふりがな and 氏名 rows, ② below it, …): each column is one
//! cell at a fixed place in the block.

use super::table::{emit_row, marked_option};
use super::{Got, section, tables_in};
use crate::forms::FieldValue;
use crate::forms::definition::ListDef;
use crate::forms::extract::Ctx;
use crate::forms::normalize::key_of;
use std::collections::BTreeMap;

/// The rows that open each block: the row of each marker, in order, all
/// in one grid column of one table.
fn block_rows(ctx: &Ctx<'_>, l: &ListDef, table: usize) -> Option<Vec<u32>> {
    let layout = ctx.layout;
    let first = key_of(l.markers.first()?);
    let grid = layout.tables.get(table)?;
    let opener = grid.cells.iter().find_map(|&c| {
        let cell = layout.cells.get(c)?;
        (key_of(&layout.cell_text(c)) == first).then_some(cell.col)
    })?;
    let mut rows = Vec::new();
    for m in &l.markers {
        let m = key_of(m);
        let row = layout.rows(table).into_iter().find(|&r| {
            layout
                .cell_at(table, r, opener)
                .is_some_and(|c| key_of(&layout.cell_text(c)) == m)
        })?;
        rows.push(row);
    }
    Some(rows)
}

/// The entries of a list of marked blocks.
pub(crate) fn block_list(ctx: &Ctx<'_>, l: &ListDef, out: &mut BTreeMap<String, FieldValue>) {
    let (from, to) = section(ctx, l);
    let layout = ctx.layout;
    for table in tables_in(ctx, from, to) {
        let Some(rows) = block_rows(ctx, l, table) else {
            continue;
        };
        let sheet = layout.tables.get(table).and_then(|t| t.sheet.clone());
        for (n, &start) in rows.iter().enumerate() {
            let vals: Vec<Option<Got>> = l
                .columns
                .iter()
                .map(|c| {
                    let [dr, col] = c.cell?;
                    let row = start + dr;
                    if !c.options.is_empty() {
                        return marked_option(ctx, table, row, col..col + 1, &c.options);
                    }
                    match layout.cell_at(table, row, col) {
                        Some(id) => Some(Got::cell(layout, id)),
                        None => sheet.as_ref().map(|s| Got {
                            text: String::new(),
                            loc: crate::model::Location::sheet_cell(
                                s.clone(),
                                crate::forms::layout::a1(row, col),
                            ),
                            cell: None,
                        }),
                    }
                })
                .collect();
            emit_row(ctx, l, n, &vals, out);
        }
        return;
    }
}
