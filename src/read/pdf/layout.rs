//! Glyphs to lines: glyphs whose baselines agree (within half a glyph
//! height) make a line, read left to right; a gap wider than twice the
//! text size starts a new cell (a table row or a label/value pair laid out
//! with space becomes tab-separated cells, as in a text submission); a
//! smaller gap is a space. Lines are read top to bottom, and a line that
//! runs to the right edge of the text continues on the next one when that
//! one starts where it started (a wrapped value in the last column), or
//! when it ran over the full width (a wrapped title, centred or not): the
//! two are joined, as Word held them in one paragraph.

use super::content::Placed;

pub struct LineCell {
    pub x: f32,
    /// Where its last glyph ends (a trailing space included).
    pub end: f32,
    pub text: String,
    /// Its first glyphs with their widths.
    pub head: Vec<(String, f32)>,
}

pub struct Line {
    pub cells: Vec<LineCell>,
    /// The first glyphs with their widths: what could have fitted at the
    /// end of the line before (see `tables`).
    pub head: Vec<(String, f32)>,
    pub y: f32,
    pub end: f32,
    pub size: f32,
}

/// Gap (in text heights) that separates cells.
const CELL_GAP: f32 = 2.0;
/// Glyphs kept with their widths at the start of a line.
const HEAD: usize = 24;
/// Gap (in text heights) before a known column start that starts a cell:
/// more than a space, as the padding of two cells is.
const COLUMN_GAP: f32 = 0.6;
/// Gap (in text heights) that is a space between words.
const SPACE_GAP: f32 = 0.25;

pub fn lines(glyphs: Vec<Placed>) -> Vec<Line> {
    let rows = glyph_rows(glyphs);
    let first: Vec<Line> = rows.iter().map(|r| line_of(r, &[])).collect();
    // Tables without borders: lines cut again at the column starts the
    // table's other lines show, then wrapped cells folded into their row.
    let regions = super::columns::regions(&first);
    let lines: Vec<Line> = if regions.is_empty() {
        first
    } else {
        rows.into_iter()
            .zip(first)
            .map(
                |(row, line)| match super::columns::starts_at(&regions, line.y) {
                    Some(cols) => line_of(&row, cols),
                    None => line,
                },
            )
            .collect()
    };
    let lines = lines
        .into_iter()
        .filter(|l| l.cells.iter().any(|c| !c.text.is_empty()))
        .collect();
    join_wrapped(super::columns::fold(lines, &regions))
}

/// Glyphs to lines, each cut into cells at wide gaps; nothing joined.
pub fn rows(glyphs: Vec<Placed>) -> Vec<Line> {
    glyph_rows(glyphs)
        .into_iter()
        .map(|r| line_of(&r, &[]))
        .filter(|l| l.cells.iter().any(|c| !c.text.is_empty()))
        .collect()
}

/// Glyphs grouped by baseline, top to bottom.
fn glyph_rows(mut glyphs: Vec<Placed>) -> Vec<Vec<Placed>> {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite() && g.size > 0.0);
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Placed>> = Vec::new();
    let mut base = f32::NAN;
    for g in glyphs {
        let tol = g.size * 0.5;
        match rows.last_mut() {
            Some(row) if (base - g.y).abs() <= tol => row.push(g),
            _ => {
                base = g.y;
                rows.push(vec![g]);
            }
        }
    }
    // A row's glyphs left to right (a baseline within the tolerance may
    // have put a later glyph before an earlier one).
    for r in &mut rows {
        r.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    rows
}

/// One baseline's glyphs as a line: a new cell at a gap over
/// [`CELL_GAP`], or at one of `columns` after a gap wider than a space.
fn line_of(row: &[Placed], columns: &[f32]) -> Line {
    let mut cells: Vec<LineCell> = Vec::new();
    let mut head = Vec::new();
    let mut prev: Option<&Placed> = None;
    let size = row.iter().map(|g| g.size).fold(0.0f32, f32::max);
    for g in row {
        let mut new_cell = prev.is_none();
        if let Some(p) = prev {
            // A glyph drawn twice in place (fake bold, shadow).
            if p.text == g.text && (g.x - p.x).abs() < g.size * 0.1 {
                continue;
            }
            let gap = g.x - p.end;
            let h = g.size.max(p.size);
            let at_column =
                gap > COLUMN_GAP * h && columns.iter().any(|c| (g.x - c).abs() <= 0.3 * h);
            if gap > CELL_GAP * h || at_column {
                new_cell = true;
            } else if gap > SPACE_GAP * h
                && let Some(cell) = cells.last_mut()
                && !cell.text.ends_with(char::is_whitespace)
                && !g.text.starts_with(char::is_whitespace)
            {
                cell.text.push(' ');
            }
        }
        if new_cell {
            cells.push(LineCell {
                x: g.x,
                end: g.end,
                text: String::new(),
                head: Vec::new(),
            });
        }
        if let Some(cell) = cells.last_mut() {
            cell.text.push_str(&g.text);
            cell.end = cell.end.max(g.end);
            if cell.head.len() < HEAD && !(cell.head.is_empty() && g.text.trim().is_empty()) {
                cell.head.push((g.text.clone(), (g.end - g.x).max(0.0)));
            }
        }
        if head.len() < HEAD && !(head.is_empty() && g.text.trim().is_empty()) {
            head.push((g.text.clone(), (g.end - g.x).max(0.0)));
        }
        prev = Some(g);
    }
    for c in &mut cells {
        c.text = c.text.trim().to_string();
    }
    cells.retain(|c| !c.text.is_empty());
    Line {
        y: row.first().map_or(0.0, |g| g.y),
        end: row.iter().map(|g| g.end).fold(f32::MIN, f32::max),
        size,
        cells,
        head,
    }
}

fn join_wrapped(lines: Vec<Line>) -> Vec<Line> {
    let right = lines.iter().map(|l| l.end).fold(f32::MIN, f32::max);
    let left = lines
        .iter()
        .filter_map(|l| l.cells.first().map(|c| c.x))
        .fold(f32::MAX, f32::min);
    let mut out: Vec<Line> = Vec::new();
    for line in lines {
        if let Some(prev) = out.last_mut()
            && let (Some(last), [only]) = (prev.cells.last(), line.cells.as_slice())
            && prev.end >= right - 2.0 * prev.size
            && ((only.x - last.x).abs() <= prev.size
                // A full-width line continued by a centred one (a title).
                || (prev.cells.len() == 1 && last.x <= left + 2.0 * prev.size))
            && prev.y - line.y <= 1.8 * prev.size
            && (line.size - prev.size).abs() <= 0.2 * prev.size
        {
            let joiner = if last.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                && only.text.starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                " "
            } else {
                ""
            };
            let text = format!("{joiner}{}", only.text);
            if let Some(cell) = prev.cells.last_mut() {
                cell.text.push_str(&text);
            }
            prev.end = line.end;
            prev.y = line.y;
            continue;
        }
        out.push(line);
    }
    out
}

/// A page number line ("1", "- 2 -", "3 / 10") at the foot of a page.
pub fn is_page_number(line: &Line) -> bool {
    let [cell] = line.cells.as_slice() else {
        return false;
    };
    let t = cell.text.as_str();
    t.chars().count() <= 12
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "-‐－/ページP.p".contains(c))
}
