//! A list of blocks of rows opened by a printed mark ①②③ (see `lists`):
//! every block prints the same labels and leaves the same cells blank.

use super::lists::{
    G, LearnedColumn, LearnedList, conditional, kind_of, marker_number, office, unique_fields,
};
use super::text::{blank, choice_options};

/// The marks of a column: (model row, number, text) of each cell at grid
/// column `col` holding a mark, from model row `h` on.
fn marks_in(rows: &[Vec<G>], h: usize, col: u32) -> Vec<(usize, u32, String)> {
    let mut out: Vec<(usize, u32, String)> = Vec::new();
    for (r, row) in rows.iter().enumerate().skip(h) {
        let Some(c) = row.iter().find(|c| c.col == col) else {
            continue;
        };
        match marker_number(&c.text) {
            Some(n) if n as usize == out.len() + 1 => out.push((r, c.row, c.text.clone())),
            _ if blank(&c.text) => {}
            _ => break,
        }
    }
    out
}

/// A block's cells relative to its first grid row: (row offset, col,
/// printed text or "" for blank), the mark's cell left out.
fn shape(
    rows: &[Vec<G>],
    (from, to): (usize, usize),
    top: u32,
    k: u32,
    mark_col: u32,
) -> Vec<(u32, u32, String)> {
    rows[from..to]
        .iter()
        .flatten()
        .filter(|c| c.col != mark_col && c.row >= top && c.row + c.row_span <= top + k)
        .map(|c| {
            let t = if blank(&c.text) {
                String::new()
            } else {
                c.text.clone()
            };
            (c.row - top, c.col, t)
        })
        .collect()
}

/// A list of marked blocks whose first mark is in model row `h`.
pub(super) fn block_list(rows: &[Vec<G>], h: usize, notes: &[String]) -> Option<LearnedList> {
    let mark = rows[h].iter().find(|c| marker_number(&c.text) == Some(1))?;
    let marks = marks_in(rows, h, mark.col);
    if marks.len() < 2 {
        return None;
    }
    let k = marks[1].1 - marks[0].1;
    if k == 0 || marks.windows(2).any(|w| w[1].1 - w[0].1 != k) {
        return None;
    }
    // The model rows of each block: from its mark's row to the next's.
    let last_top = marks.last()?.1;
    let end = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c.row >= last_top + k))
        .unwrap_or(rows.len());
    let bounds: Vec<(usize, usize, u32)> = marks
        .iter()
        .enumerate()
        .map(|(i, m)| (m.0, marks.get(i + 1).map_or(end, |n| n.0), m.1))
        .collect();
    let shapes: Vec<Vec<(u32, u32, String)>> = bounds
        .iter()
        .map(|&(a, b, top)| shape(rows, (a, b), top, k, mark.col))
        .collect();
    let first = shapes.first()?;
    if shapes.iter().any(|s| s != first) || !first.iter().any(|c| c.2.is_empty()) {
        return None;
    }
    // The cell beside all the blocks, labelling their rows line by line
    // (「（ふりがな）」 over 「（１）役員氏名」).
    let side = rows[..=h].iter().flatten().find(|c| {
        c.col < mark.col
            && c.row <= marks[0].1
            && c.row + c.row_span >= last_top + k
            && !blank(&c.text)
    });
    let side_lines: Vec<&str> = side.map(|c| c.lines()).unwrap_or_default();
    let mut columns = Vec::new();
    for (dr, col, text) in first {
        let options = if text.is_empty() {
            Vec::new()
        } else {
            match choice_options(text) {
                Some(o) => o,
                None => continue,
            }
        };
        let beside = first
            .iter()
            .filter(|(r, c, t)| r == dr && c < col && !t.is_empty() && choice_options(t).is_none())
            .max_by_key(|x| x.1)
            .map(|x| x.2.lines().collect::<String>());
        // A column nothing labels is no column a finding could name: the
        // table is not a list of blocks.
        let label = beside.or_else(|| match side_lines.len() {
            0 => None,
            n if n as u32 == k => side_lines.get(*dr as usize).map(|s| s.to_string()),
            _ => side_lines.last().map(|s| s.to_string()),
        })?;
        let (field, kind) = kind_of(&label);
        let must_be_blank = office(&label);
        columns.push(LearnedColumn {
            header: String::new(),
            required: !must_be_blank && !conditional(&label, &label, notes),
            label,
            field,
            kind: if options.is_empty() { kind } else { None },
            must_be_blank,
            options,
            cell: Some([*dr, *col]),
            framed: false,
        });
    }
    if columns.is_empty() {
        return None;
    }
    unique_fields(&mut columns);
    let name = side_lines.last().map(|s| s.to_string()).unwrap_or_default();
    let markers: Vec<String> = marks.iter().map(|m| m.2.trim().to_string()).collect();
    Some(LearnedList {
        path: String::new(),
        find: "blocks",
        place: if name.is_empty() {
            "{label}".to_string()
        } else {
            format!("{name} {{label}}")
        },
        name,
        columns,
        header_rows_below: 0,
        printed_rows: false,
        row_labels: markers.clone(),
        markers,
        table: 0,
        rows: h..end,
    })
}
