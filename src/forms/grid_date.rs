//! A date typed into the cells of a row of printed 年 / 月 / 日 one or two
//! rows under its label (方眼紙 sheets: 「申請書作成年月日」 over a row
//! 「　年　月　日」 whose digits are typed into the cells between). The
//! label's own row then holds no date: a translation or nothing.

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
