//! Ruled tables: the borders a page draws (see [`super::content::Rule`])
//! give the cell boxes, so a cell whose text wraps over several lines in a
//! narrow column stays one cell instead of being cut into the lines of its
//! neighbours. Borders that touch make one table; its column and row lines
//! are the distinct x of its vertical borders and y of its horizontal
//! ones; two neighbouring grid boxes are one (merged) cell when no border
//! runs between them. Glyphs are given to the cell around their centre;
//! the others are left to the line layout. In a cell, lines make
//! paragraphs as Word held them: a line that reaches the cell's right
//! padding goes on in the next one (wrapped text), any other line ends its
//! paragraph.

use super::content::{Placed, Rule};
use super::layout::{self, Line};
use super::wrap::{go_on, wrapped};
use std::collections::HashMap;

/// Coordinates closer than this (points) are one grid line.
const SNAP: f32 = 1.5;
/// Borders shorter than this are ticks, not cell edges.
const MIN_RULE: f32 = 3.0;
/// Pairs of horizontal and vertical borders tested for touching.
const MAX_PAIRS: usize = 4_000_000;
/// Grid boxes of one table.
const MAX_BOXES: usize = 10_000;

/// A cell of a ruled table, in grid units (0-based), with its paragraphs.
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    /// The page its text starts on.
    pub page: u32,
    pub paragraphs: Vec<String>,
    /// The first glyphs of its first line, with their widths.
    head: Vec<(String, f32)>,
    /// Where its last line ended, the right limit of its text and the text
    /// size: whether the cell goes on over a page break.
    last: Option<(f32, f32, f32)>,
}

pub struct Table {
    /// The y of the top and bottom borders (user space, y up).
    pub top: f32,
    pub bottom: f32,
    /// Column lines, left to right.
    xs: Vec<f32>,
    /// Grid rows.
    rows: usize,
    /// Cells row by row, left to right.
    pub cells: Vec<Cell>,
}

impl Table {
    /// Take `next` (the first table of the next page) as the rest of this
    /// one when its columns are the same. Its first row is the rest of
    /// this table's last row (a row split by the page) when a cell's text
    /// wraps into it; a heading row repeated on the new page is left out.
    /// Gives `next` back when it is another table.
    pub fn continue_with(&mut self, mut next: Table) -> Option<Table> {
        let same_columns = self.xs.len() == next.xs.len()
            && self
                .xs
                .iter()
                .zip(&next.xs)
                .all(|(a, b)| (a - b).abs() <= 2.0 * SNAP);
        if !same_columns {
            return Some(next);
        }
        let first_row = |t: &Table| -> Vec<(usize, usize, Vec<String>)> {
            t.cells
                .iter()
                .filter(|c| c.row == 0)
                .map(|c| (c.col, c.col_span, c.paragraphs.clone()))
                .collect()
        };
        let mut skip = 0;
        if next.rows > 1 && first_row(&next) == first_row(self) {
            next.cells.retain(|c| c.row > 0);
            skip = 1;
        }
        let last = self.rows.saturating_sub(1);
        // A row split by the page: its cells' text wraps into the next
        // page at least as often as it ends at the break (a cell's
        // paragraph may end there while its row goes on; a heading row
        // alone at the foot is followed by cells whose text would fit).
        let (mut wraps, mut ends) = (0, 0);
        for c in next.cells.iter().filter(|c| c.row == skip) {
            if let Some(p) = self.cells.iter().find(|p| {
                p.row + p.row_span - 1 == last && p.col == c.col && p.col_span == c.col_span
            }) && p.last.is_some()
                && !c.head.is_empty()
            {
                if p.goes_on_in(&c.head) {
                    wraps += 1;
                } else {
                    ends += 1;
                }
            }
        }
        let split = wraps > 0 && wraps >= ends;
        let offset = if split { last } else { self.rows } as isize - skip as isize;
        for c in next.cells {
            let row = (c.row as isize + offset).max(0) as usize;
            if split
                && c.row == skip
                && let Some(p) = self.cells.iter_mut().find(|p| {
                    p.row + p.row_span - 1 == last && p.col == c.col && p.col_span == c.col_span
                })
            {
                p.join(c);
                continue;
            }
            self.cells.push(Cell { row, ..c });
        }
        self.rows = (next.rows as isize + offset).max(0) as usize;
        self.bottom = next.bottom;
        self.cells.sort_by_key(|c| (c.row, c.col));
        None
    }
}

impl Cell {
    /// Whether this cell's last line was wrapped into a line starting
    /// with `head`.
    fn goes_on_in(&self, head: &[(String, f32)]) -> bool {
        let Some((end, limit, _)) = self.last else {
            return false;
        };
        wrapped(end, head, limit)
    }

    fn join(&mut self, next: Cell) {
        let wrapped = self.goes_on_in(&next.head);
        let mut more = next.paragraphs.into_iter();
        if wrapped && let (Some(p), Some(first)) = (self.paragraphs.last_mut(), more.next()) {
            go_on(p, &first);
        }
        self.paragraphs.extend(more);
        self.last = next.last.or(self.last);
        // The shared row is counted once.
        self.row_span += next.row_span.saturating_sub(1);
    }
}

struct Seg {
    /// The fixed coordinate (y of a horizontal border, x of a vertical).
    at: f32,
    from: f32,
    to: f32,
}

impl Seg {
    fn covers(&self, at: f32, v: f32) -> bool {
        (self.at - at).abs() <= SNAP && self.from - SNAP <= v && v <= self.to + SNAP
    }
}

/// Split a page into its ruled tables and the glyphs outside them.
pub fn split(glyphs: Vec<Placed>, rules: &[Rule], page: u32) -> (Vec<Table>, Vec<Placed>) {
    let (hs, vs) = segments(rules);
    if hs.len() < 2 || vs.len() < 2 || hs.len() * vs.len() > MAX_PAIRS {
        return (Vec::new(), glyphs);
    }
    let grids: Vec<Grid> = components(&hs, &vs)
        .into_iter()
        .filter_map(|(h, v)| Grid::new(&h, &v))
        .collect();
    if grids.is_empty() {
        return (Vec::new(), glyphs);
    }
    let mut inside: Vec<Vec<Vec<Placed>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.boxes.len()])
        .collect();
    let mut rest = Vec::new();
    for g in glyphs {
        let (cx, cy) = ((g.x + g.end) / 2.0, g.y + g.size * 0.35);
        let hit = grids
            .iter()
            .enumerate()
            .find_map(|(t, grid)| grid.cell_at(cx, cy).map(|c| (t, c)));
        match hit.and_then(|(t, c)| inside.get_mut(t).and_then(|v| v.get_mut(c))) {
            Some(cell) => cell.push(g),
            None => rest.push(g),
        }
    }
    let tables = grids
        .iter()
        .zip(inside)
        .filter(|(_, glyphs)| glyphs.iter().any(|c| !c.is_empty()))
        .map(|(grid, glyphs)| grid.table(glyphs, page))
        .collect();
    (tables, rest)
}

/// Horizontal and vertical borders, collinear pieces joined (a border is
/// often drawn cell by cell).
fn segments(rules: &[Rule]) -> (Vec<Seg>, Vec<Seg>) {
    let (mut hs, mut vs) = (Vec::new(), Vec::new());
    for r in rules {
        if (r.y0 - r.y1).abs() < 0.5 && (r.x1 - r.x0).abs() >= MIN_RULE {
            hs.push(Seg {
                at: (r.y0 + r.y1) / 2.0,
                from: r.x0.min(r.x1),
                to: r.x0.max(r.x1),
            });
        } else if (r.x0 - r.x1).abs() < 0.5 && (r.y1 - r.y0).abs() >= MIN_RULE {
            vs.push(Seg {
                at: (r.x0 + r.x1) / 2.0,
                from: r.y0.min(r.y1),
                to: r.y0.max(r.y1),
            });
        }
    }
    (join(hs), join(vs))
}

fn join(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Seg> = Vec::new();
    for s in segs {
        match out.last_mut() {
            Some(last) if (last.at - s.at).abs() <= SNAP && s.from <= last.to + SNAP => {
                last.to = last.to.max(s.to);
            }
            _ => out.push(s),
        }
    }
    out
}

/// Union-find root, halving the path on the way.
fn root(p: &mut [usize], mut i: usize) -> usize {
    while let Some(&up) = p.get(i) {
        if up == i {
            break;
        }
        let grand = p.get(up).copied().unwrap_or(up);
        if let Some(x) = p.get_mut(i) {
            *x = grand;
        }
        i = up;
    }
    i
}

fn unite(p: &mut [usize], a: usize, b: usize) {
    let (a, b) = (root(p, a), root(p, b));
    if let Some(x) = p.get_mut(a) {
        *x = b;
    }
}

/// Groups of borders that touch each other (one group per table).
fn components<'s>(hs: &'s [Seg], vs: &'s [Seg]) -> Vec<(Vec<&'s Seg>, Vec<&'s Seg>)> {
    let mut parent: Vec<usize> = (0..hs.len() + vs.len()).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if h.covers(h.at, v.at) && v.covers(v.at, h.at) {
                unite(&mut parent, i, hs.len() + j);
            }
        }
    }
    let mut groups: HashMap<usize, (Vec<&Seg>, Vec<&Seg>)> = HashMap::new();
    for (i, h) in hs.iter().enumerate() {
        groups.entry(root(&mut parent, i)).or_default().0.push(h);
    }
    for (j, v) in vs.iter().enumerate() {
        groups
            .entry(root(&mut parent, hs.len() + j))
            .or_default()
            .1
            .push(v);
    }
    let mut out: Vec<_> = groups.into_values().collect();
    // Same order on every run.
    out.sort_by(|a, b| {
        let top = |g: &(Vec<&Seg>, Vec<&Seg>)| g.0.iter().map(|s| s.at).fold(f32::MIN, f32::max);
        top(b).total_cmp(&top(a))
    });
    out
}

/// Distinct coordinates, ascending, within [`SNAP`] merged.
fn lines_at(v: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut all: Vec<f32> = v.collect();
    all.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in all {
        if out.last().is_none_or(|l| x - l > SNAP) {
            out.push(x);
        }
    }
    out
}

/// A bordered box of the grid: rows `r0..=r1`, columns `c0..=c1`.
#[derive(Clone, Copy)]
struct Box_ {
    r0: usize,
    r1: usize,
    c0: usize,
    c1: usize,
}

struct Grid {
    /// Column lines, left to right.
    xs: Vec<f32>,
    /// Row lines, top to bottom (descending y).
    ys: Vec<f32>,
    boxes: Vec<Box_>,
    /// For each grid box (row-major), the index in `boxes`.
    of: Vec<Option<usize>>,
}

impl Grid {
    fn new(hs: &[&Seg], vs: &[&Seg]) -> Option<Grid> {
        let xs = lines_at(vs.iter().map(|s| s.at));
        let mut ys = lines_at(hs.iter().map(|s| s.at));
        ys.reverse();
        let (rows, cols) = (ys.len().checked_sub(1)?, xs.len().checked_sub(1)?);
        if rows == 0 || cols == 0 || rows * cols > MAX_BOXES {
            return None;
        }
        let x = |j: usize| xs.get(j).copied().unwrap_or(0.0);
        let y = |i: usize| ys.get(i).copied().unwrap_or(0.0);
        let mid_x = |j: usize| (x(j) + x(j + 1)) / 2.0;
        let mid_y = |i: usize| (y(i) + y(i + 1)) / 2.0;
        let v_at = |j: usize, i: usize| vs.iter().any(|s| s.covers(x(j), mid_y(i)));
        let h_at = |i: usize, j: usize| hs.iter().any(|s| s.covers(y(i), mid_x(j)));
        // Union of grid boxes with no border between them.
        let mut parent: Vec<usize> = (0..rows * cols).collect();
        for i in 0..rows {
            for j in 0..cols {
                let here = i * cols + j;
                if j + 1 < cols && !v_at(j + 1, i) {
                    unite(&mut parent, here, here + 1);
                }
                if i + 1 < rows && !h_at(i + 1, j) {
                    unite(&mut parent, here, here + cols);
                }
            }
        }
        let mut boxes: Vec<Box_> = Vec::new();
        let mut root_box: Vec<Option<usize>> = vec![None; rows * cols];
        let mut of = vec![None; rows * cols];
        for i in 0..rows {
            for j in 0..cols {
                let r = root(&mut parent, i * cols + j);
                let k = match root_box.get(r).copied().flatten() {
                    Some(k) => k,
                    None => {
                        boxes.push(Box_ {
                            r0: i,
                            r1: i,
                            c0: j,
                            c1: j,
                        });
                        if let Some(slot) = root_box.get_mut(r) {
                            *slot = Some(boxes.len() - 1);
                        }
                        boxes.len() - 1
                    }
                };
                if let Some(b) = boxes.get_mut(k) {
                    b.r1 = b.r1.max(i);
                    b.c0 = b.c0.min(j);
                    b.c1 = b.c1.max(j);
                }
                if let Some(slot) = of.get_mut(i * cols + j) {
                    *slot = Some(k);
                }
            }
        }
        // A box not closed on every side lies outside the table (the
        // notch beside a shorter row): no cell.
        let closed = |b: &Box_| {
            (b.c0..=b.c1).all(|j| h_at(b.r0, j) && h_at(b.r1 + 1, j))
                && (b.r0..=b.r1).all(|i| v_at(b.c0, i) && v_at(b.c1 + 1, i))
        };
        let open: Vec<bool> = boxes.iter().map(|b| !closed(b)).collect();
        for slot in &mut of {
            if slot.is_some_and(|k| open.get(k).copied().unwrap_or(true)) {
                *slot = None;
            }
        }
        if boxes.iter().zip(&open).all(|(_, o)| *o) {
            return None;
        }
        Some(Grid { xs, ys, boxes, of })
    }

    /// The box around a point.
    fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        let j = self.xs.windows(2).position(|w| w[0] <= x && x < w[1])?;
        let i = self.ys.windows(2).position(|w| w[1] < y && y <= w[0])?;
        let cols = self.xs.len() - 1;
        self.of.get(i * cols + j).copied().flatten()
    }

    fn table(&self, glyphs: Vec<Vec<Placed>>, page: u32) -> Table {
        let mut cells: Vec<Cell> = Vec::new();
        for (k, (b, g)) in self.boxes.iter().zip(glyphs).enumerate() {
            if !self.of.contains(&Some(k)) {
                continue;
            }
            let right = self.xs.get(b.c1 + 1).copied().unwrap_or(f32::MAX);
            let left = self.xs.get(b.c0).copied().unwrap_or(0.0);
            let lines = layout::rows(g);
            let head = lines.first().map(|l| l.head.clone()).unwrap_or_default();
            let (paragraphs, last) = paragraphs(lines, left, right);
            cells.push(Cell {
                row: b.r0,
                col: b.c0,
                row_span: b.r1 - b.r0 + 1,
                col_span: b.c1 - b.c0 + 1,
                page,
                paragraphs,
                head,
                last,
            });
        }
        cells.sort_by_key(|c| (c.row, c.col));
        Table {
            top: self.ys.first().copied().unwrap_or(0.0),
            bottom: self.ys.last().copied().unwrap_or(0.0),
            xs: self.xs.clone(),
            rows: self.ys.len().saturating_sub(1),
            cells,
        }
    }
}

/// A cell's lines as paragraphs: a line was wrapped (and its paragraph
/// goes on in the next line) when the next line's first unbreakable piece
/// would not have fitted after it inside the cell's right padding (Word
/// gives the left and right padding alike). The piece is a character with
/// the ones that may not start a line (、。」ィ…), or a Latin word.
fn paragraphs(lines: Vec<Line>, left: f32, right: f32) -> (Vec<String>, Option<(f32, f32, f32)>) {
    let start = lines
        .iter()
        .filter_map(|l| l.cells.first().map(|c| c.x))
        .fold(f32::MAX, f32::min);
    let size = lines.iter().map(|l| l.size).fold(0.0f32, f32::max);
    // Centred text starts further in than the padding.
    let pad = (start - left).clamp(0.0, size.max(1.0));
    let limit = right - pad;
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<(f32, f32)> = None;
    let mut last = None;
    for line in lines {
        let text = line
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("\t");
        let wraps = prev.is_some_and(|(end, y)| {
            y - line.y <= 1.8 * line.size && wrapped(end, &line.head, limit)
        });
        match out.last_mut() {
            Some(p) if wraps => go_on(p, &text),
            _ => out.push(text),
        }
        prev = Some((line.end, line.y));
        last = Some((line.end, limit, line.size));
    }
    (out, last)
}
