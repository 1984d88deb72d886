//! Where each entry of a built-in migration's template is, found by the
//! template's text as its definition says (the date line, the line ending
//! in 殿, the label lines, the label cells, the numbered item rows), not by
//! fixed positions.

use super::def::MigrationDef;
use crate::write::docx_scan::DocxScan;
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub(super) struct Places {
    /// The paragraph of each of the definition's `lines`, in its order.
    pub(super) lines: Vec<Option<usize>>,
    /// The value cell (index into `scan.cells`) of each of its `cells`.
    pub(super) cells: Vec<Option<usize>>,
    /// Item number → its answer cell.
    pub(super) items: BTreeMap<u32, usize>,
}

pub(super) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub(super) fn fullwidth_digit(c: char) -> Option<u32> {
    let n = c as u32;
    (0xFF10..=0xFF19).contains(&n).then(|| n - 0xFF10)
}

fn is_date_line(t: &str) -> bool {
    t.starts_with("令和") && t.ends_with('日') && t.contains('月')
}

impl Places {
    pub(super) fn find(scan: &DocxScan, def: &MigrationDef) -> Places {
        let mut p = Places {
            lines: vec![None; def.lines.len()],
            cells: vec![None; def.cells.len()],
            items: BTreeMap::new(),
        };
        // A paragraph is the first of the lines not yet found that it
        // matches, in the definition's order.
        for (i, para) in scan.paras.iter().enumerate() {
            if para.cell.is_some() {
                continue;
            }
            let t = squash(&para.text);
            let hit = def.lines.iter().enumerate().position(|(k, l)| {
                p.lines[k].is_none()
                    && (l.date_line && is_date_line(&t)
                        || l.ends_with
                            .as_ref()
                            .is_some_and(|e| t.ends_with(e.as_str()))
                        || l.label.as_ref().is_some_and(|x| t == squash(x)))
            });
            if let Some(k) = hit {
                p.lines[k] = Some(i);
            }
        }
        let cell_text = |ci: usize| -> String {
            scan.cells
                .get(ci)
                .map(|c| {
                    c.paras
                        .iter()
                        .filter_map(|&i| scan.paras.get(i))
                        .map(|p| p.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default()
        };
        // The last cell of the same row.
        let row_last = |ci: usize| -> Option<usize> {
            let c = scan.cells.get(ci)?;
            scan.cells
                .iter()
                .enumerate()
                .filter(|(_, x)| x.table == c.table && x.row == c.row)
                .max_by_key(|(_, x)| x.col)
                .map(|(i, _)| i)
                .filter(|&i| i != ci)
        };
        for ci in 0..scan.cells.len() {
            let t = squash(&cell_text(ci));
            if let Some(k) = def.cells.iter().position(|c| t == squash(&c.label)) {
                p.cells[k] = row_last(ci);
            } else if let Some(n) = def.list.as_ref().and_then(|l| item_row(&t, &l.row_prefix))
                && let Some(last) = row_last(ci)
            {
                p.items.entry(n).or_insert(last);
            }
        }
        p
    }
}

/// `{prefix}N）` → N (full-width digits and a half-width bracket allowed).
fn item_row(t: &str, prefix: &str) -> Option<u32> {
    let rest = t
        .strip_prefix(squash(prefix).as_str())
        .and_then(|r| r.strip_suffix('）').or_else(|| r.strip_suffix(')')))
        .filter(|r| {
            !r.is_empty()
                && r.chars()
                    .all(|c| c.is_ascii_digit() || fullwidth_digit(c).is_some())
        })?;
    let n: String = rest
        .chars()
        .filter_map(|c| c.to_digit(10).or_else(|| fullwidth_digit(c)))
        .map(|d| char::from_digit(d, 10).unwrap_or('0'))
        .collect();
    n.parse().ok()
}
