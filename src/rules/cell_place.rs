//! The place of a sheet cell as the form labels it: the row's heading
//! (its leftmost label, past an item number) and the column's header (the
//! nearest short text above it in its column): 「特定技能雇用契約書の写し
//! 留意事項」 for a note cell of a checklist. Findings on printed wording
//! inside a table say where it is as an official reads the form.

use crate::model::{Block, Cell, Document, Location, Table};

/// 「ROW HEADER」 for the sheet cell at `loc`; None outside a sheet's
/// cells or when neither is found.
pub fn sheet_cell_place(doc: &Document, loc: &Location) -> Option<String> {
    loc.sheet.as_ref()?;
    loc.cell.as_ref()?;
    let (t, ri, cell) = doc.blocks.iter().find_map(|b| match b {
        Block::Table(t) => t.rows.iter().enumerate().find_map(|(ri, r)| {
            r.cells
                .iter()
                .find(|c| c.location == *loc)
                .map(|c| (t, ri, c))
        }),
        _ => None,
    })?;
    let row = row_heading(t, ri, cell);
    let header = column_header(t, ri, cell);
    match (row, header) {
        (Some(r), Some(h)) => Some(format!("{r} {h}")),
        (Some(x), None) | (None, Some(x)) => Some(x),
        (None, None) => None,
    }
}

/// A short printed text naming something: not a number, a mark or a note.
fn names(text: &str, max: usize) -> bool {
    let n = text.chars().count();
    n >= 2
        && n <= max
        && !text.starts_with(['※', '＊', '*'])
        && !text
            .chars()
            .all(|c| c.is_numeric() || c.is_ascii_punctuation())
}

/// The leftmost naming cell of the row, left of the cell.
fn row_heading(t: &Table, ri: usize, cell: &Cell) -> Option<String> {
    t.rows.get(ri)?.cells.iter().find_map(|c| {
        let text = first_line(c);
        (c.col < cell.col && names(&text, 40)).then_some(text)
    })
}

/// The nearest short naming text above the cell in its column.
fn column_header(t: &Table, ri: usize, cell: &Cell) -> Option<String> {
    t.rows[..ri].iter().rev().find_map(|r| {
        r.cells.iter().find_map(|c| {
            let covers = c.col <= cell.col && cell.col < c.col + c.col_span;
            let text = first_line(c);
            (covers && names(&text, 12)).then_some(text)
        })
    })
}

fn first_line(c: &Cell) -> String {
    let t = c.text();
    t.lines().next().unwrap_or("").trim().to_string()
}
