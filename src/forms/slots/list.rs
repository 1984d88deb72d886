//! The places of a list under a header row with no row labels.

use super::{Slot, first_line, is_label_like, printed_label};
use crate::base::squash;
use crate::model::Table;
use std::collections::BTreeSet;

/// A list under a header row with no row labels (役員等の一覧表: 氏 | 名 |
/// 役名等 | 常勤・非常勤の別, then rows to fill): each cell of a row under
/// the header is a place, named by the row's number in the list and its
/// column header, so last year's third entry goes to this year's third row
/// under the same (or a renamed) column.
pub(super) fn list_slots(
    t: &Table,
    table: usize,
    blank_only: bool,
    printed: &BTreeSet<String>,
) -> Vec<Slot> {
    let rows = &t.rows;
    let mut out = Vec::new();
    let mut r = 0;
    while r < rows.len() {
        let header = &rows[r];
        let texts: Vec<String> = header
            .cells
            .iter()
            .map(|c| c.text().trim().to_string())
            .collect();
        let is_header = texts.len() >= 2
            && texts.iter().all(|t| {
                !t.is_empty() && is_label_like(t) && printed_label(t, blank_only, printed)
            });
        if !is_header {
            r += 1;
            continue;
        }
        let cols: Vec<u32> = header.cells.iter().map(|c| c.col).collect();
        let mut k = 0;
        let mut next = r + 1;
        while let Some(row) = rows.get(next) {
            let follows = rows.get(next - 1).is_some_and(|p| row.index == p.index + 1);
            let fits = follows
                && !row.cells.is_empty()
                && row.cells.iter().all(|c| {
                    let v = c.text();
                    let v = v.trim();
                    cols.contains(&c.col)
                        && (v.is_empty() || (!blank_only && !printed.contains(&squash(v))))
                });
            if !fits {
                break;
            }
            k += 1;
            for c in &row.cells {
                let Some(i) = cols.iter().position(|&col| col == c.col) else {
                    continue;
                };
                let head = texts.get(i).cloned().unwrap_or_default();
                out.push(Slot {
                    label: format!("{}（{k}行目）", first_line(&head)),
                    grid: Some((k.to_string(), head)),
                    location: c.location.clone(),
                    value: c.text().trim().to_string(),
                    table,
                    suffix: None,
                    context: String::new(),
                });
            }
            next += 1;
        }
        r = if k == 0 { r + 1 } else { next };
    }
    out
}
