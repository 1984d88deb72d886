//! Repeated entries: the data rows of a table under a header row
//! (再委託先, 情報取扱者; `table`), the numbered items of the report
//! (２）–１７）, also from text where the table is gone; `items`), and the
//! rows an applicant adds under a breakdown (`added`), and entries that
//! are blocks of rows opened by a printed mark ①② (`blocks`).

mod added;
mod blocks;
mod bracketed;
mod items;
mod table;

pub(crate) use added::added_rows;
pub(crate) use blocks::block_list;
pub(crate) use items::items_list;
pub(crate) use table::table_list;

use super::definition::ListDef;
use super::extract::Ctx;
use super::layout::Layout;
use crate::model::Location;

/// A cell's content for one column of one row.
#[derive(Debug, Clone)]
struct Got {
    text: String,
    loc: Location,
    cell: Option<usize>,
}

impl Got {
    /// A table cell's trimmed text and location.
    fn cell(layout: &Layout, c: usize) -> Got {
        Got {
            text: layout.cell_text(c).trim().to_string(),
            loc: layout
                .cells
                .get(c)
                .map(|c| c.loc.clone())
                .unwrap_or_default(),
            cell: Some(c),
        }
    }
}

/// Tables with a cell in units `from..to` (a sheet is one table holding
/// the whole form), in document order.
fn tables_in(ctx: &Ctx<'_>, from: usize, to: usize) -> Vec<usize> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (t, grid) in ctx.layout.tables.iter().enumerate() {
        let first = grid
            .cells
            .iter()
            .filter_map(|&c| ctx.layout.cells.get(c).map(|c| c.units.start))
            .filter(|&u| u >= from && u < to)
            .min();
        if let Some(first) = first {
            out.push((first, t));
        }
    }
    out.sort_unstable();
    out.into_iter().map(|(_, t)| t).collect()
}

/// Where a list's section starts and ends.
fn section(ctx: &Ctx<'_>, l: &ListDef) -> (usize, usize) {
    let from = if l.heading.is_empty() {
        ctx.range.start
    } else {
        ctx.find_label(ctx.range.clone(), &l.heading)
            .map(|m| m.end + 1)
            .unwrap_or(ctx.range.start)
    };
    let to = ctx.next_heading(from, ctx.range.end, &l.heading);
    (from, to)
}
