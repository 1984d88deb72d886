//! Tables without borders: their columns are found across lines. A line
//! cut into cells at wide gaps shows where its columns start; starts whose
//! lines overlap in height make one region (one table), and every line in
//! the region is also cut at those starts (LibreOffice and Word leave only
//! the cell padding between a full cell and the next column, narrower than
//! the gap that makes a cell on its own). A line whose cells all sit in
//! the row above's columns, each the wrapped rest of the cell above (the
//! first piece would not have fitted there), is folded into that row, so a
//! cell wrapped over several lines is one cell, as in the .docx.

use super::layout::{Line, LineCell};
use super::wrap::{go_on, wrapped};

/// Column starts closer than this (in text heights) are one column.
const SAME: f32 = 0.5;
/// A cell's padding is taken as at most this (in text heights).
const MAX_PAD: f32 = 1.5;
/// Regions kept per page (a page of scattered words is no table).
const MAX_REGIONS: usize = 64;

pub struct Region {
    top: f32,
    bottom: f32,
    /// Column starts, left to right, the first column's included.
    starts: Vec<f32>,
}

/// The regions of a page's lines (lines top to bottom, cut at wide gaps).
pub fn regions(lines: &[Line]) -> Vec<Region> {
    // (x, top y, bottom y, size) per column start seen.
    let mut seen: Vec<(f32, f32, f32, f32)> = Vec::new();
    for l in lines.iter().filter(|l| l.cells.len() > 1) {
        for c in &l.cells {
            let hit = seen.iter().position(|s| (s.0 - c.x).abs() <= SAME * l.size);
            if let Some(s) = hit.and_then(|i| seen.get_mut(i)) {
                s.1 = s.1.max(l.y);
                s.2 = s.2.min(l.y);
            } else if seen.len() < 4 * MAX_REGIONS {
                seen.push((c.x, l.y, l.y, l.size));
            }
        }
    }
    // Starts whose heights overlap make a region.
    seen.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut out: Vec<Region> = Vec::new();
    for (x, top, bottom, size) in seen {
        let near = 0.5 * size;
        let hit = out
            .iter()
            .position(|r| top >= r.bottom - near && bottom <= r.top + near);
        if let Some(r) = hit.and_then(|i| out.get_mut(i)) {
            r.top = r.top.max(top);
            r.bottom = r.bottom.min(bottom);
            r.starts.push(x);
        } else if out.len() < MAX_REGIONS {
            out.push(Region {
                top,
                bottom,
                starts: vec![x],
            });
        }
    }
    for r in &mut out {
        r.starts.sort_by(f32::total_cmp);
    }
    // A region of one line has nothing to show other lines.
    out.retain(|r| r.top > r.bottom);
    out
}

fn region_at(regions: &[Region], y: f32) -> Option<&Region> {
    regions
        .iter()
        .find(|r| r.bottom - 0.5 <= y && y <= r.top + 0.5)
}

/// The column starts that apply to a line at `y`.
pub fn starts_at(regions: &[Region], y: f32) -> Option<&[f32]> {
    region_at(regions, y).map(|r| r.starts.as_slice())
}

/// Fold wrapped cells into their rows (see the module comment).
pub fn fold(lines: Vec<Line>, regions: &[Region]) -> Vec<Line> {
    if regions.is_empty() {
        return lines;
    }
    let mut out: Vec<Line> = Vec::new();
    // Per cell of the row being built: where its last line ended; and the
    // row's region (its wrapped lines may run below the region's last
    // line with several cells).
    let mut ends: Vec<f32> = Vec::new();
    let mut row_region: Option<&Region> = None;
    for line in lines {
        let own = region_at(regions, line.y);
        let folds = match (out.last(), row_region) {
            (Some(row), Some(r)) if own.is_none_or(|o| std::ptr::eq(o, r)) => {
                row.cells.len() > 1
                    && row.y - line.y <= 1.8 * line.size
                    && (line.size - row.size).abs() <= 0.2 * row.size
                    && continues(row, &ends, &line, r)
            }
            _ => false,
        };
        match out.last_mut() {
            Some(row) if folds => {
                for c in line.cells {
                    if let Some(k) = column_of(row, &c, line.size) {
                        if let Some(cell) = row.cells.get_mut(k) {
                            go_on(&mut cell.text, &c.text);
                        }
                        if let Some(e) = ends.get_mut(k) {
                            *e = c.end;
                        }
                    }
                }
                row.y = line.y;
                row.end = row.end.max(line.end);
            }
            _ => {
                ends = line.cells.iter().map(|c| c.end).collect();
                row_region = own;
                out.push(line);
            }
        }
    }
    out
}

/// The cell of `row` in whose column `c` starts.
fn column_of(row: &Line, c: &LineCell, size: f32) -> Option<usize> {
    row.cells
        .iter()
        .position(|r| (r.x - c.x).abs() <= SAME * size)
}

/// Whether every cell of `line` is the wrapped rest of the cell above it.
fn continues(row: &Line, ends: &[f32], line: &Line, region: &Region) -> bool {
    let right = row.end.max(line.end);
    line.cells.iter().all(|c| {
        let Some(k) = column_of(row, c, line.size) else {
            return false;
        };
        let Some(&end) = ends.get(k) else {
            return false;
        };
        // The text limit: the next column's start less the padding of the
        // two cells (the narrowest gap seen before it, at most MAX_PAD), or
        // the right edge of the table for the last column.
        let next = region
            .starts
            .iter()
            .copied()
            .find(|s| *s > c.x + SAME * line.size);
        let limit = match next {
            Some(n) => {
                let gap = row
                    .cells
                    .get(k + 1)
                    .map_or(f32::MAX, |after| after.x - end)
                    .min(MAX_PAD * line.size)
                    .max(0.0);
                n - gap
            }
            None => right,
        };
        wrapped(end, &c.head, limit)
    })
}
