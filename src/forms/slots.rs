//! The places of a form where an applicant writes, found from its layout
//! alone: a label cell and the cell after it in the same row (a Word
//! table or a sheet), or a cell under a column header beside a row
//! header (決算状況: 売上高 × 第１期). What `migrate --to` carries a filled
//! form's values with, for any call: no definition is needed, only the
//! blank template (and, when given, the old one).

use crate::base::squash;
use crate::model::{Block, Cell, Document, Location, Table};
use std::collections::BTreeSet;

mod list;
use list::list_slots;

/// One place of a template where a value is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// The label as printed (first line of the label cell).
    pub label: String,
    /// For a grid cell: the row header and the column header.
    pub grid: Option<(String, String)>,
    /// The value cell.
    pub location: Location,
    /// The value found there (empty in a blank template).
    pub value: String,
    /// Which table of the document (1-based, in reading order of tables
    /// and sheets): ties between equal labels are broken by it.
    pub table: usize,
    /// A unit the template prints in the value cell itself (「円」, 「名」):
    /// the value is typed in front of it.
    pub suffix: Option<String>,
    /// The heading of the block the place is in: the text of the first
    /// cell of its row when that is not the label itself (配偶者に関する事項,
    /// 入所した施設): tells apart two places with one label (連絡先).
    pub context: String,
}

impl Slot {
    /// The place of grid cell `c`, under row label `row` and column header
    /// `head`; a cell holding only a printed unit has no value yet.
    fn grid_cell(
        row: &str,
        head: &str,
        c: &GridCell<'_>,
        table: usize,
        suffix: Option<String>,
        context: String,
    ) -> Slot {
        Slot {
            label: format!("{row}｜{head}"),
            grid: Some((row.to_string(), head.to_string())),
            location: c.cell.location.clone(),
            value: if suffix.is_some() {
                String::new()
            } else {
                c.text.clone()
            },
            table,
            suffix,
            context,
        }
    }

    /// The key two templates' slots are matched by.
    pub fn key(&self) -> String {
        match &self.grid {
            Some((r, c)) => format!("{}｜{}", label_key(r), label_key(c)),
            None => label_key(&self.label),
        }
    }

    /// The unit the value cell, the label or its column header prints (円,
    /// 千円, 万円).
    pub fn unit(&self) -> Option<Unit> {
        if let Some(u) = self.suffix.as_deref().and_then(unit_of) {
            return Some(u);
        }
        match &self.grid {
            Some((r, c)) => unit_of(c).or_else(|| unit_of(r)),
            None => unit_of(&self.label),
        }
    }

    /// The label as people name it (row｜column for a grid cell).
    pub fn name(&self) -> String {
        match &self.grid {
            Some((r, c)) => format!("{}｜{}", first_line(r), first_line(c)),
            None => first_line(&self.label).to_string(),
        }
    }
}

/// A money unit printed beside a label: the value is in yen × factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Yen,
    ThousandYen,
    TenThousandYen,
}

impl Unit {
    pub fn factor(self) -> i64 {
        match self {
            Unit::Yen => 1,
            Unit::ThousandYen => 1000,
            Unit::TenThousandYen => 10000,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Yen => "円",
            Unit::ThousandYen => "千円",
            Unit::TenThousandYen => "万円",
        }
    }
}

/// The unit a label prints: （千円）, 単位：千円, （円）, 金額(円).
pub fn unit_of(label: &str) -> Option<Unit> {
    let s = squash(label);
    if s.contains("千円") {
        Some(Unit::ThousandYen)
    } else if s.contains("万円") {
        Some(Unit::TenThousandYen)
    } else if s.contains("(円)") || s.ends_with('円') || s.contains("単位:円") {
        Some(Unit::Yen)
    } else {
        None
    }
}

fn first_line(s: &str) -> &str {
    s.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// A label as compared: NFKC, no blanks, without its numbering (①, (1),
/// 1., ア.), its unit in brackets, its notes (※…) and brackets' content
/// that only explains (（ふりがな）stays: it changes the field).
pub fn label_key(label: &str) -> String {
    let line = first_line(label);
    // A circled number turns into a plain digit under NFKC: drop it first.
    let line =
        line.trim_start_matches(|c: char| ('①'..='⑳').contains(&c) || ('❶'..='❿').contains(&c));
    let mut s = squash(line);
    // Notes after ※ are guidance, not the label.
    if let Some(i) = s.find('※')
        && i > 0
    {
        s.truncate(i);
    }
    // Leading numbering.
    let numbering = regex_lite_numbering(&s);
    s = s[numbering..].to_string();
    // A unit in brackets, or after 単位.
    for u in [
        "(千円)",
        "(万円)",
        "(円)",
        "(単位:千円)",
        "(単位:円)",
        "(単位:万円)",
    ] {
        s = s.replace(u, "");
    }
    s.trim_end_matches([':', '：']).to_string()
}

/// Bytes of leading numbering: `①`, `(1)`, `1.`, `1)`, `第1`, `ア.`, `一、`.
fn regex_lite_numbering(s: &str) -> usize {
    let circled = |c: char| ('①'..='⑳').contains(&c) || ('❶'..='❿').contains(&c);
    let mut it = s.char_indices().peekable();
    let Some(&(_, first)) = it.peek() else {
        return 0;
    };
    if circled(first) {
        return first.len_utf8();
    }
    // (1) / (ア)
    if first == '(' {
        let inner: String = s[1..].chars().take_while(|&c| c != ')').collect();
        let n = inner.chars().count();
        if (1..=3).contains(&n) && s[1 + inner.len()..].starts_with(')') {
            return 1 + inner.len() + 1;
        }
        return 0;
    }
    // 1. / 1) / 12、 / ア.
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    let head = if !digits.is_empty() {
        digits.len()
    } else if ('ア'..='ン').contains(&first) || ('一'..='九').contains(&first) {
        first.len_utf8()
    } else {
        return 0;
    };
    match s[head..].chars().next() {
        Some(c @ ('.' | ')' | '、' | '．')) => head + c.len_utf8(),
        _ => 0,
    }
}

/// Similarity of two label keys, 0..1 (Dice coefficient of character
/// bigrams; single characters for one-character labels).
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    // One label inside the other (電話番号 → 電話番号（日中連絡先）).
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let contained = short.chars().count() >= 2 && long.contains(short);
    let grams = |s: &str| -> Vec<(char, char)> {
        let cs: Vec<char> = s.chars().collect();
        cs.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (ga, gb) = (grams(a), grams(b));
    if ga.is_empty() || gb.is_empty() {
        return 0.0;
    }
    let mut used = vec![false; gb.len()];
    let mut common = 0usize;
    for g in &ga {
        if let Some(i) = (0..gb.len()).find(|&i| !used[i] && gb[i] == *g) {
            used[i] = true;
            common += 1;
        }
    }
    let dice = 2.0 * common as f64 / (ga.len() + gb.len()) as f64;
    if contained { dice.max(0.8) } else { dice }
}

/// Text that reads as a label: short, not a number, an amount, a date or
/// a check box line, not a sentence.
pub fn is_label_like(text: &str) -> bool {
    let line = first_line(text);
    let s = squash(line);
    let n = s.chars().count();
    if n == 0 || n > 30 {
        return false;
    }
    if s.starts_with(['□', '■', '☐', '☑', '✓']) {
        return false;
    }
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    if digits * 2 >= n {
        return false;
    }
    // A date typed in: 令和6年4月1日, 2024年4月.
    if digits > 0 && s.contains('年') && s.contains('月') {
        return false;
    }
    !s.ends_with('。')
}

/// A short label printed with its letters spaced out to fill a box
/// (「住　　　所」, 「氏　　名」): a label, not a sentence with blanks to
/// type into. Dates (年月日) and choices (有・無) are not.
pub fn is_spaced_label(text: &str) -> bool {
    let t = text.trim();
    let parts: Vec<&str> = t
        .split(|c: char| c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 2
        && parts.len() <= 6
        && t.chars().next().is_some_and(|c| !c.is_whitespace())
        && parts.iter().all(|p| {
            let mut cs = p.chars();
            cs.next()
                .is_some_and(|c| c.is_alphabetic() && !"年月日".contains(c) && !c.is_ascii())
                && cs.next().is_none()
        })
}

/// A value cell that prints only a unit (「円」, 「千円」, 「名」): the
/// applicant types the number in front of it.
pub fn unit_only(text: &str) -> Option<String> {
    let s = squash(text);
    ["円", "千円", "万円", "名", "人", "件", "回", "%"]
        .contains(&s.as_str())
        .then_some(s)
}

/// A value with the unit it ends with taken off: (number text, unit).
pub fn split_unit(value: &str) -> (String, Option<String>) {
    let v = value.trim();
    for u in ["千円", "万円", "円", "名", "人", "件", "回", "％", "%"] {
        if let Some(rest) = v.strip_suffix(u) {
            let rest = rest.trim_end_matches([' ', '\u{3000}']);
            if !rest.is_empty() {
                return (rest.to_string(), Some(squash(u)));
            }
        }
    }
    (v.to_string(), None)
}

/// A printed choice of options: □ / ■ / ☑ … in front of words.
pub fn is_choice(text: &str) -> bool {
    text.chars()
        .any(|c| CHECK_MARKS.contains(&c) || c == '□' || c == '☐')
}

const CHECK_MARKS: &[char] = &['■', '☑', '✓', '✔', '☒'];

/// A choice with every mark undone (■ → □): what the blank template
/// prints.
pub fn unmarked(text: &str) -> String {
    squash(
        &text
            .chars()
            .map(|c| {
                if CHECK_MARKS.contains(&c) || c == '☐' {
                    '□'
                } else {
                    c
                }
            })
            .collect::<String>(),
    )
}

/// The text of the leftmost cell covering the label's row, when the label
/// is not that cell (a block heading merged over several rows).
fn context_of(t: &Table, label: &Cell) -> String {
    let row = label.row;
    let first = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter(|c| c.row <= row && row < c.row + c.row_span.max(1) && c.col < label.col)
        .min_by_key(|c| c.col);
    match first {
        Some(c) => first_line(&c.text()).to_string(),
        None => String::new(),
    }
}

/// A cell of a table with the grid position it starts at.
struct GridCell<'a> {
    cell: &'a Cell,
    text: String,
}

/// Every table of the document in reading order (nested tables after
/// their parent).
fn tables(doc: &Document) -> Vec<&Table> {
    fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Table>) {
        for b in blocks {
            if let Block::Table(t) = b {
                out.push(t);
                for row in &t.rows {
                    for c in &row.cells {
                        walk(&c.blocks, out);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.blocks, &mut out);
    out
}

/// The location of the grid position (row, col) of a sheet table, for a
/// cell the model does not list (blank and not merged).
fn sheet_location(t: &Table, row: u32, col: u32) -> Option<Location> {
    let sheet = t.location.sheet.clone()?;
    Some(Location {
        sheet: Some(sheet),
        cell: Some(format!("{}{row}", crate::model::col_letters(col))),
        ..Location::default()
    })
}

/// Every place of the document a value is written in: a label-like cell
/// followed in its row by a cell (its value place), and the cells of a
/// grid under a column header beside a row header. With `blank_only`
/// (a blank template) only empty value places count; otherwise (a filled
/// copy) a value place is taken greedily, so that a value is never read
/// as the next label.
pub fn slots(doc: &Document, blank_only: bool) -> Vec<Slot> {
    slots_with(doc, blank_only, &BTreeSet::new())
}

/// The places of a filled copy, where `printed` (squashed texts of the
/// templates) says which cells are the form's own words: a cell printing
/// one of them is a label, never a value (「求人者｜額｜1,500,000円」: 額 is
/// the label of the amount, not the value of 求人者).
pub fn filled_slots(doc: &Document, printed: &BTreeSet<String>) -> Vec<Slot> {
    slots_with(doc, false, printed)
}

fn slots_with(doc: &Document, blank_only: bool, printed: &BTreeSet<String>) -> Vec<Slot> {
    let mut out = Vec::new();
    for (ti, t) in tables(doc).into_iter().enumerate() {
        out.extend(table_slots(t, ti + 1, blank_only, printed));
    }
    out
}

/// One table read for its places, with what every row of it needs.
struct TableRead<'a> {
    t: &'a Table,
    /// The table's number in the document (from 1).
    table: usize,
    is_sheet: bool,
    /// The last column the form uses: a sheet's plain blank cells are not
    /// listed, so a value place may be one of them only up to here.
    last_col: u32,
    grid: Vec<Vec<GridCell<'a>>>,
    blank_only: bool,
    printed: &'a BTreeSet<String>,
}

/// The places of one table: label / value pairs by row, then the cells
/// of its grids and lists.
fn table_slots(t: &Table, table: usize, blank_only: bool, printed: &BTreeSet<String>) -> Vec<Slot> {
    let grid: Vec<Vec<GridCell<'_>>> = t
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| GridCell {
                    cell: c,
                    text: c.text().trim().to_string(),
                })
                .collect()
        })
        .collect();
    let last_col = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .map(|c| c.col + c.col_span.max(1) - 1)
        .max()
        .unwrap_or(0);
    let cx = TableRead {
        t,
        table,
        is_sheet: t.location.sheet.is_some(),
        last_col,
        grid,
        blank_only,
        printed,
    };
    let mut out = Vec::new();
    let mut taken: Vec<(u32, u32)> = Vec::new();
    // A grid (a header row of labels over value columns): its rows are
    // read by row and column header, not as label/value pairs.
    let grid_rows = grid_rows(&cx.grid);
    for ri in 0..cx.grid.len() {
        if grid_rows.contains(&ri) {
            continue;
        }
        let mut i = 0;
        while i < cx.grid[ri].len() {
            i = label_at(&cx, ri, i, &mut out, &mut taken);
        }
    }
    out.extend(grid_slots(&cx.grid, &grid_rows, table, &taken, blank_only));
    out.extend(list_slots(t, table, blank_only, printed));
    out
}

/// Cell `i` of row `ri` as a label with its value place beside it: the
/// place (and those of the cells further along under headers of their
/// own) pushed. Returns the index of the next cell to read.
fn label_at(
    cx: &TableRead<'_>,
    ri: usize,
    i: usize,
    out: &mut Vec<Slot>,
    taken: &mut Vec<(u32, u32)>,
) -> usize {
    let row = &cx.grid[ri];
    let label = &row[i];
    if label.text.is_empty()
        || !is_label_like(&label.text)
        || crate::forms::blanks::shape_of(&label.text).is_some()
            // A spaced label heads its row (住　　　所 | …); in a list's
            // header (氏 | 名 | 役　名　等) it is a column's name.
            && !(i == 0 && is_spaced_label(&label.text))
        || !printed_label(&label.text, cx.blank_only, cx.printed)
    {
        return i + 1;
    }
    let next_col = label.cell.col + label.cell.col_span.max(1);
    // On a sheet, a blank spacer cell may stand between a label and the
    // merged box a value was typed into (フリガナ | blank C | D:E): in a
    // filled copy that value is the label's. (A template's place stays
    // the cell beside the label, which opens the same box.)
    let boxed = |n: &&GridCell<'_>| {
        cx.is_sheet
            && !cx.blank_only
            && n.cell.col > next_col
            && !n.text.is_empty()
            && !cx.printed.contains(&squash(&n.text))
            && (!cx.printed.is_empty() || !is_label_like(&n.text))
    };
    let neighbour = row
        .get(i + 1)
        .filter(|n| n.cell.col == next_col || boxed(n));
    let (value, location) = match neighbour {
        Some(n) => (n.text.clone(), n.cell.location.clone()),
        None if cx.is_sheet && next_col <= cx.last_col => {
            match sheet_location(cx.t, label.cell.row, next_col) {
                Some(l) => (String::new(), l),
                None => return i + 1,
            }
        }
        None => return i + 1,
    };
    // A printed choice (□有　□無) is a place too: the applicant marks one
    // option in it; so is a cell printing only a unit.
    let suffix = if cx.blank_only {
        unit_only(&value)
    } else {
        None
    };
    let value = if suffix.is_some() {
        String::new()
    } else {
        value
    };
    let value_is_label = !value.is_empty()
        && !is_choice(&value)
        && (cx.blank_only || cx.printed.contains(&squash(&value)));
    if value_is_label {
        return i + 1;
    }
    out.push(Slot {
        label: label.text.clone(),
        grid: None,
        location,
        value,
        table: cx.table,
        suffix,
        context: context_of(cx.t, label.cell),
    });
    taken.push((ri as u32, next_col));
    if neighbour.is_none() {
        return i + 1;
    }
    under_headers(cx, ri, i, i + 2, out, taken)
}

/// Cells further along row `ri` from `i`, each under a header of its own
/// (日本人労働者 | 2名 | 0名 under 自発的離職者 | 非自発的離職者): one place
/// each, by the row's label (cell `at`) and the column's header. Returns
/// the index of the first cell not taken.
fn under_headers(
    cx: &TableRead<'_>,
    ri: usize,
    at: usize,
    mut i: usize,
    out: &mut Vec<Slot>,
    taken: &mut Vec<(u32, u32)>,
) -> usize {
    let row = &cx.grid[ri];
    let label = &row[at];
    while let Some(c) = row.get(i) {
        let prev = &row[i - 1];
        if c.cell.col != prev.cell.col + prev.cell.col_span.max(1) {
            break;
        }
        let suffix = if cx.blank_only {
            unit_only(&c.text)
        } else {
            None
        };
        let is_value = if cx.blank_only {
            c.text.is_empty() || suffix.is_some()
        } else {
            !cx.printed.contains(&squash(&c.text))
                && (!cx.printed.is_empty() || !is_label_like(&c.text))
        };
        let head = header_above(&cx.grid, ri, c.cell.col, cx.blank_only, cx.printed);
        let (true, Some(head)) = (is_value, head) else {
            break;
        };
        out.push(Slot::grid_cell(
            &label.text,
            &head,
            c,
            cx.table,
            suffix,
            context_of(cx.t, label.cell),
        ));
        taken.push((ri as u32, c.cell.col));
        i += 1;
    }
    i
}

/// In a filled copy, a label is one of the templates' own words (or a
/// close rewording of one): a name typed into a box is never a label.
fn printed_label(text: &str, blank_only: bool, printed: &BTreeSet<String>) -> bool {
    if blank_only || printed.is_empty() {
        return true;
    }
    let sq = squash(text);
    printed.contains(&sq) || printed.iter().any(|p| similarity(p, &sq) >= 0.5)
}

/// The header labels of a grid table: (column, text) of the first row's
/// label-like cells after its first cell, when there are at least two.
fn grid_headers<'a>(grid: &'a [Vec<GridCell<'_>>]) -> Vec<(u32, &'a str)> {
    let Some(header) = grid.first() else {
        return Vec::new();
    };
    let headers: Vec<(u32, &str)> = header
        .iter()
        .skip(1)
        .filter(|h| is_label_like(&h.text))
        .map(|h| (h.cell.col, h.text.as_str()))
        .collect();
    if headers.len() < 2 || header.len() != headers.len() + 1 {
        return Vec::new();
    }
    headers
}

/// The header over column `col` above row `ri`: the nearest printed label
/// up the column, past blanks, units and values typed in.
fn header_above(
    grid: &[Vec<GridCell<'_>>],
    ri: usize,
    col: u32,
    blank_only: bool,
    printed: &BTreeSet<String>,
) -> Option<String> {
    for row in grid.iter().take(ri).rev() {
        let Some(c) = row
            .iter()
            .find(|c| c.cell.col <= col && col < c.cell.col + c.cell.col_span.max(1))
        else {
            continue;
        };
        if c.text.is_empty() || unit_only(&c.text).is_some() {
            continue;
        }
        if is_label_like(&c.text) && printed_label(&c.text, blank_only, printed) {
            return Some(first_line(&c.text).to_string());
        }
        if blank_only {
            return None;
        }
    }
    None
}

/// The rows (indices) read as grid rows: under the header, with a label
/// in their first cell.
fn grid_rows(grid: &[Vec<GridCell<'_>>]) -> Vec<usize> {
    if grid_headers(grid).is_empty() {
        return Vec::new();
    }
    grid.iter()
        .enumerate()
        .skip(1)
        .filter(|(_, row)| row.first().is_some_and(|c| is_label_like(&c.text)))
        .map(|(i, _)| i)
        .collect()
}

/// The cells of a grid: a header row of labels over the columns and a
/// label in the first cell of each row; a value cell is under a header
/// and beside a row label, and is not already a label's value place.
fn grid_slots(
    grid: &[Vec<GridCell<'_>>],
    rows: &[usize],
    table: usize,
    taken: &[(u32, u32)],
    blank_only: bool,
) -> Vec<Slot> {
    let mut out = Vec::new();
    let headers = grid_headers(grid);
    for &ri in rows {
        let Some(row) = grid.get(ri) else { continue };
        let Some(first) = row.first() else { continue };
        for c in row.iter().skip(1) {
            if taken.contains(&(ri as u32, c.cell.col)) {
                continue;
            }
            let Some((_, head)) = headers.iter().find(|(col, _)| *col == c.cell.col) else {
                continue;
            };
            let suffix = if blank_only { unit_only(&c.text) } else { None };
            if blank_only && !c.text.is_empty() && suffix.is_none() {
                continue;
            }
            out.push(Slot::grid_cell(
                &first.text,
                head,
                c,
                table,
                suffix,
                String::new(),
            ));
        }
    }
    out
}

/// The paragraphs and label texts of a document that are fixed wording:
/// body paragraphs and label-like cells (normalised), for telling what
/// changed between two templates.
pub fn wording(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        if let Block::Paragraph(p) = b {
            let s = squash(&p.text);
            if s.chars().count() >= 4 {
                out.push(p.text.trim().to_string());
            }
        }
    }
    for t in tables(doc) {
        for row in &t.rows {
            for c in &row.cells {
                let text = c.text();
                if squash(&text).chars().count() >= 4 && !text.trim().is_empty() {
                    out.push(text.trim().to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compare_without_numbering_units_and_blanks() {
        assert_eq!(label_key("①　売上高（千円）"), label_key("売上高（円）"));
        assert_eq!(label_key("(1) 所 在 地"), "所在地");
        assert_eq!(label_key("３．電話番号："), "電話番号");
        assert_eq!(label_key("氏名※自署"), "氏名");
        assert_ne!(label_key("氏名（ふりがな）"), label_key("氏名"));
    }

    #[test]
    fn units_and_similarity() {
        assert_eq!(unit_of("売上高（千円）"), Some(Unit::ThousandYen));
        assert_eq!(unit_of("資本金（円）"), Some(Unit::Yen));
        assert_eq!(unit_of("所在地"), None);
        assert!(similarity("電話番号", "電話番号(日中連絡先)") > 0.5);
        assert!(similarity("所在地", "代表者氏名") < 0.3);
    }

    #[test]
    fn what_reads_as_a_label() {
        assert!(is_label_like("代表者の氏名"));
        assert!(!is_label_like("1,200,000"));
        assert!(!is_label_like("令和6年4月1日"));
        assert!(!is_label_like("□有　□無"));
        assert!(!is_label_like("上記のとおり相違ありません。"));
    }

    #[test]
    fn spaced_letters_are_a_label_not_blanks() {
        for label in [
            "住\u{3000}\u{3000}\u{3000}所",
            "氏\u{3000}\u{3000}名",
            "フ　リ　ガ　ナ",
        ] {
            assert!(is_spaced_label(label), "{label}");
        }
        for sentence in [
            "〒　　－",
            "年　　月　　日",
            "有　　・　　無",
            "令和　　年　　月　　日",
            "課税　　・　　非課税",
            "　　円",
        ] {
            assert!(!is_spaced_label(sentence), "{sentence}");
        }
    }
}
