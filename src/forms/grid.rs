//! Values of 方眼紙 sheets (forms laid out on a fine grid of merged
//! cells): a box merged over two rows beside a label on its lower row; a
//! date typed into the cells of a row of printed 年 / 月 / 日 under its
//! label; a value typed one character per box along the label's row.

use super::layout::Layout;
use crate::model::Location;

fn key(layout: &Layout, id: usize) -> String {
    crate::base::squash(layout.cell_text(id).trim())
}

/// The date under label cell `label`, as typed (「2026年11月20日」, or the
/// bare 「年月日」 when nothing is typed), with the place of its year; None
/// when the label's row holds a date of its own or no row of 年 / 月 / 日
/// follows within two rows.
pub(super) fn date_below(layout: &Layout, label: usize) -> Option<(String, Location)> {
    let c = layout.cells.get(label)?;
    // The label's own row: a date there (a 年 cell, digits) is read as
    // usual, beside the label.
    let own = layout.row_cells(c.table, c.row);
    let right_of_label = own.iter().filter(|&&o| {
        layout
            .cells
            .get(o)
            .is_some_and(|oc| oc.col >= c.col + c.col_span)
    });
    for &o in right_of_label {
        let t = layout.cell_text(o);
        if t.contains('年') || t.chars().any(|ch| ch.is_ascii_digit()) {
            return None;
        }
    }
    let first = c.row + c.row_span;
    (first..first + 3).find_map(|r| frame_row(layout, c.table, r))
}

/// Row `r` as a date when it prints 年, 月 and 日 in cells of their own in
/// that order: the texts typed before 年, between 年 and 月, between 月
/// and 日.
fn frame_row(layout: &Layout, table: usize, r: u32) -> Option<(String, Location)> {
    let ids = layout.row_cells(table, r);
    let keys: Vec<String> = ids.iter().map(|&id| key(layout, id)).collect();
    let y = keys.iter().position(|k| k == "年")?;
    let m = y + 1 + keys[y + 1..].iter().position(|k| k == "月")?;
    let d = m + 1 + keys[m + 1..].iter().position(|k| k == "日")?;
    // Between 年, 月 and 日 only digits are typed.
    let digits = |k: &String| k.chars().all(|ch| ch.is_numeric());
    if !keys[y + 1..m].iter().chain(&keys[m + 1..d]).all(digits) {
        return None;
    }
    // The year: the digits (and an era word) right before 年; what stands
    // further left on the line (a signature) is another entry.
    let from = keys[..y]
        .iter()
        .rposition(|k| !digits(k) && !is_era(k))
        .map_or(0, |p| p + 1);
    let part = |range: std::ops::Range<usize>| -> String { keys[range].concat() };
    let text = format!(
        "{}年{}月{}日",
        part(from..y),
        part(y + 1..m),
        part(m + 1..d)
    );
    let loc = ids
        .get(..y)
        .and_then(|before| before.last())
        .or(ids.get(y))
        .and_then(|&id| layout.cells.get(id))
        .map(|g| g.loc.clone())
        .unwrap_or_default();
    Some((text, loc))
}

fn is_era(k: &str) -> bool {
    ["令和", "平成", "昭和", "西暦"].contains(&k)
}

/// When nothing of its own row stands right of a cell: the nearest cell
/// right of it that a merge from a row above carries down over its row
/// (a box merged over two rows, its label on the lower one).
pub(super) fn right_covering(layout: &Layout, id: usize) -> Option<usize> {
    let c = layout.cells.get(id)?;
    let next_col = c.col + c.col_span;
    layout
        .tables
        .get(c.table)?
        .cells
        .iter()
        .copied()
        .filter(|&o| {
            layout.cells.get(o).is_some_and(|oc| {
                oc.row < c.row
                    && c.row < oc.row + oc.row_span
                    && oc.row_span <= 3
                    && oc.col >= next_col
            })
        })
        .min_by_key(|&o| layout.cells.get(o).map(|oc| oc.col).unwrap_or(u32::MAX))
        .filter(|&o| !claimed_above(layout, o))
}

/// A box that a label of its own top row stands left of (「電話番号」 over
/// 「Telephone No.」 beside one box): that label's, unless the label runs
/// on into the row below (「主たる営業所の」).
fn claimed_above(layout: &Layout, id: usize) -> bool {
    let Some(b) = layout.cells.get(id) else {
        return false;
    };
    layout.row_cells(b.table, b.row).into_iter().any(|o| {
        let t = layout.cell_text(o);
        let t = t.trim();
        layout.cells.get(o).is_some_and(|oc| oc.col < b.col) && !t.is_empty() && !t.ends_with('の')
    })
}

/// A printed 「－」 between parts of a number: it stays in the value.
fn is_dash(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| "－-ー‐".contains(c))
}

/// The value typed box by box right of label cell `label` (`boxes` in
/// the definition): the texts of the cells along the row joined, up to
/// a cell `is_label` says is a label of the form; the template's own
/// texts among them (`box_marks`, in order) passed over, a printed 「－」
/// kept. Blank (「」) when only the printed marks are there. The place is
/// the first box written in, else the first box.
pub(super) fn boxes_value(
    layout: &Layout,
    label: usize,
    printed: &[String],
    is_label: impl Fn(usize) -> bool,
) -> (String, Location) {
    let mut at = layout
        .right_of(label)
        .or_else(|| right_covering(layout, label));
    let first_loc = at
        .and_then(|o| layout.cells.get(o))
        .map(|c| c.loc.clone())
        .unwrap_or_default();
    let printed: Vec<String> = printed
        .iter()
        .map(|p| crate::base::squash(p.trim()))
        .collect();
    let mut next = 0;
    let mut out = String::new();
    let mut loc: Option<Location> = None;
    // A row of a sheet has at most a few hundred cells.
    for _ in 0..512 {
        let Some(o) = at else { break };
        if is_label(o) {
            break;
        }
        let t = layout.cell_text(o).trim().to_string();
        if !t.is_empty() {
            let k = crate::base::squash(&t);
            match printed[next.min(printed.len())..]
                .iter()
                .position(|p| *p == k)
            {
                Some(q) => {
                    next += q + 1;
                    if is_dash(&t) {
                        out.push_str(&t);
                    }
                }
                None => {
                    if loc.is_none() {
                        loc = layout.cells.get(o).map(|c| c.loc.clone());
                    }
                    out.push_str(&t);
                }
            }
        }
        at = layout.right_of(o);
    }
    if out.chars().all(|c| is_dash(&c.to_string())) {
        out.clear();
    }
    (out, loc.unwrap_or(first_loc))
}
