//! Lists of a template: tables whose rows are one record each.
//!
//! Two shapes hold for list tables of Japanese forms in general:
//! - a header row (or two: a group over its sub-columns) with a column
//!   label per cell, over rows of the same cells (`find = "table"`): rows
//!   left blank for the applicant's entries (役員等の一覧表: 氏 | 名 | 役名等),
//!   or rows the form prints, each naming one thing, with a column of
//!   options to mark (提出書類一覧表: 有 | 無 under 提出確認欄) and columns
//!   for the office (官用欄);
//! - blocks of rows opened by a printed mark ①②③ with the same printed
//!   labels in every block (役員氏名 ① with its ふりがな row and 役職),
//!   labelled by the cell beside the blocks (`find = "blocks"`).
//!
//! In a row the applicant used, its blank columns are required unless the
//! column (or a note of the form quoting it) makes it conditional; a row
//! left wholly blank is a spare row. A column of options in printed rows
//! is answered in every row; an office column stays as printed (REQ002).

use super::text::{blank, choice_options, is_sentence};
use super::units::Unit;
use super::vocab::{fold, kind_name, lookup};
use crate::model::{Block, Document, Table};

/// A column of a learned list.
#[derive(Debug, Clone, Default)]
pub struct LearnedColumn {
    /// The header cell's text, by which the column is found.
    pub header: String,
    /// The column as the template labels it (a group's label before it).
    pub label: String,
    pub field: String,
    pub kind: Option<&'static str>,
    pub required: bool,
    pub must_be_blank: bool,
    pub options: Vec<String>,
    /// For blocks: [row offset, grid column].
    pub cell: Option<[u32; 2]>,
    /// Printed as a frame in every row (「年　月　日」): not what makes a
    /// row used.
    pub framed: bool,
}

/// A list learned from a table of the template.
#[derive(Debug, Clone, Default)]
pub struct LearnedList {
    pub path: String,
    /// `table` or `blocks`.
    pub find: &'static str,
    pub name: String,
    pub place: String,
    pub columns: Vec<LearnedColumn>,
    pub header_rows_below: u32,
    pub printed_rows: bool,
    pub row_labels: Vec<String>,
    pub markers: Vec<String>,
    /// The template table (numbered as the units number them) and the
    /// range of its rows the list covers.
    pub table: usize,
    pub rows: std::ops::Range<usize>,
}

/// A cell of a model table, as the detection reads it.
#[derive(Debug, Clone)]
pub(super) struct G {
    pub row: u32,
    pub col: u32,
    pub row_span: u32,
    pub col_span: u32,
    pub text: String,
}

impl G {
    pub(super) fn end_col(&self) -> u32 {
        self.col + self.col_span.max(1)
    }
    pub(super) fn covers(&self, col: u32) -> bool {
        self.col <= col && col < self.end_col()
    }
    pub(super) fn lines(&self) -> Vec<&str> {
        self.text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }
    /// Its lines joined (a header broken over lines: 「所属部署」「役職」),
    /// a header spaced out to the cell's width (「役　　名　　等」) closed
    /// up: Japanese puts no blank between words, so blanks in a label with
    /// no Latin letters are layout.
    pub(super) fn joined(&self) -> String {
        let t = self.lines().concat();
        if t.chars().any(|c| c.is_ascii_alphabetic()) {
            return t;
        }
        t.chars().filter(|c| !c.is_whitespace()).collect()
    }
}

/// The tables of a document numbered as `units` numbers them (a run of
/// tab-separated text lines is a table too, with no model table: None).
pub fn model_tables(doc: &Document) -> Vec<Option<&Table>> {
    let mut out = Vec::new();
    walk(&doc.blocks, &mut out);
    out
}

fn walk<'a>(blocks: &'a [Block], out: &mut Vec<Option<&'a Table>>) {
    let mut in_text_table = false;
    for b in blocks {
        match b {
            Block::Paragraph(p) if p.cells.len() >= 2 || p.text.ends_with('\t') => {
                if !in_text_table {
                    out.push(None);
                    in_text_table = true;
                }
            }
            Block::Paragraph(_) => in_text_table = false,
            Block::Table(t) => {
                in_text_table = false;
                out.push(Some(t));
                for row in &t.rows {
                    for c in &row.cells {
                        let nested: Vec<&Block> = c
                            .blocks
                            .iter()
                            .filter(|b| matches!(b, Block::Table(_)))
                            .collect();
                        for n in nested {
                            walk(std::slice::from_ref(n), out);
                        }
                    }
                }
            }
        }
    }
}

/// The rows of a model table as detection cells.
pub(super) fn grid(t: &Table) -> Vec<Vec<G>> {
    t.rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| G {
                    row: c.row,
                    col: c.col,
                    row_span: c.row_span.max(1),
                    col_span: c.col_span.max(1),
                    text: c.text().trim().to_string(),
                })
                .collect()
        })
        .collect()
}

/// Every list of one table, in row order. `notes` are the texts of the
/// form (a note quoting a column: 「「常勤・非常勤の別」の欄に記載するこ
/// とを要しない」).
pub(super) fn lists_of(rows: &[Vec<G>], table: usize, notes: &[String]) -> Vec<LearnedList> {
    let mut out = Vec::new();
    let mut h = 0;
    while h < rows.len() {
        let found = super::list_header::header_list(rows, h, notes)
            .or_else(|| super::list_blocks::block_list(rows, h, notes));
        match found {
            Some(mut l) => {
                l.table = table;
                h = l.rows.end.max(h + 1);
                out.push(l);
            }
            None => h += 1,
        }
    }
    out
}

/// The lists of one form (units `range` of `all`), learned from the
/// model tables: the fields learned from their rows give way to them.
pub fn learn_lists(
    f: &mut super::LearnedForm,
    all: &[Unit],
    range: std::ops::Range<usize>,
    tables: &[Option<&Table>],
) {
    // Each unit's table and row within it, over the whole document.
    let mut count: Vec<usize> = vec![0; tables.len() + 1];
    let mut place: Vec<Option<(usize, usize)>> = Vec::with_capacity(all.len());
    for u in all {
        match u {
            Unit::Row { table, .. } if *table < count.len() => {
                place.push(Some((*table, count[*table])));
                count[*table] += 1;
            }
            _ => place.push(None),
        }
    }
    let notes: Vec<String> = all[range.clone()].iter().map(Unit::text).collect();
    let mut seen: Vec<usize> = Vec::new();
    for t in place[range.clone()].iter().flatten().map(|p| p.0) {
        if seen.contains(&t) {
            continue;
        }
        seen.push(t);
        let Some(Some(model)) = tables.get(t.wrapping_sub(1)) else {
            continue;
        };
        // The same table as the units read (else the numbering differs).
        if model.rows.len() != count[t] {
            continue;
        }
        let unit_of = |o: usize| place.iter().position(|p| *p == Some((t, o)));
        for mut l in lists_of(&grid(model), t, &notes) {
            let (Some(a), Some(b)) = (unit_of(l.rows.start), unit_of(l.rows.end - 1)) else {
                continue;
            };
            if !range.contains(&a) || !range.contains(&b) {
                continue;
            }
            if l.name.is_empty() {
                l.name = caption(all, a);
            }
            l.path = list_path(f.lists.len());
            give_way(f, &l, |k| place.get(range.start + k).copied().flatten());
            f.guesses.push(format!(
                "表「{}」の行を一覧（{}列）としました",
                if l.name.is_empty() { &l.path } else { &l.name },
                l.columns.len()
            ));
            f.lists.push(l);
        }
    }
}

fn list_path(n: usize) -> String {
    if n == 0 {
        "list".to_string()
    } else {
        format!("list_{}", (b'a' + n as u8 % 26) as char)
    }
}

/// The text printed just before a list (「役員等の氏名及び役名等」): its name.
fn caption(all: &[Unit], first: usize) -> String {
    all[..first]
        .iter()
        .rev()
        .map(|u| u.text())
        .map(|t| t.replace('\t', " ").trim().to_string())
        .find(|t| !t.is_empty())
        .and_then(|t| t.lines().next().map(str::to_string))
        .filter(|t| t.chars().count() <= 40)
        .unwrap_or_default()
}

/// The fields learned from the list's rows are its columns now: dropped,
/// with the relations over them. `at(k)` is field k's table and row.
fn give_way(
    f: &mut super::LearnedForm,
    l: &LearnedList,
    at: impl Fn(usize) -> Option<(usize, usize)>,
) {
    let mut dropped: Vec<String> = Vec::new();
    let mut keep_at: Vec<usize> = Vec::new();
    let mut k = 0;
    f.fields.retain(|fld| {
        let unit = f.at.get(k).copied();
        k += 1;
        let inside = unit
            .and_then(&at)
            .is_some_and(|(t, o)| t == l.table && l.rows.contains(&o));
        if inside {
            dropped.push(fld.path.clone());
        } else if let Some(u) = unit {
            keep_at.push(u);
        }
        !inside
    });
    if keep_at.len() == f.fields.len() {
        f.at = keep_at;
    }
    f.relations
        .retain(|r| !dropped.contains(&r.target) && !r.terms.iter().any(|x| dropped.contains(x)));
}

/// The list as a `[[list]]` of the definition file.
pub fn to_toml(s: &mut String, l: &LearnedList) {
    use std::fmt::Write as _;
    let q = |x: &str| toml::Value::String(x.to_string()).to_string();
    let arr = |xs: &[String]| {
        let inner: Vec<String> = xs.iter().map(|x| q(x)).collect();
        format!("[{}]", inner.join(", "))
    };
    s.push_str("\n[[list]]\n");
    let _ = writeln!(s, "path = {}", q(&l.path));
    let _ = writeln!(s, "find = {}", q(l.find));
    if !l.name.is_empty() {
        let _ = writeln!(s, "name = {}", q(&l.name));
    }
    let _ = writeln!(s, "place = {}", q(&l.place));
    let required: Vec<String> = l
        .columns
        .iter()
        .filter(|c| c.required)
        .map(|c| c.field.clone())
        .collect();
    if !required.is_empty() {
        let _ = writeln!(s, "required_columns = {}", arr(&required));
    }
    let framed: Vec<String> = l
        .columns
        .iter()
        .filter(|c| c.framed)
        .map(|c| c.field.clone())
        .collect();
    if !framed.is_empty() {
        let _ = writeln!(s, "printed_columns = {}", arr(&framed));
    }
    if l.printed_rows {
        s.push_str("printed_rows = true\n");
    }
    if l.header_rows_below > 0 {
        let _ = writeln!(s, "header_rows_below = {}", l.header_rows_below);
    }
    if !l.row_labels.is_empty() {
        let _ = writeln!(s, "row_labels = {}", arr(&l.row_labels));
    }
    if !l.markers.is_empty() {
        let _ = writeln!(s, "markers = {}", arr(&l.markers));
    }
    s.push_str("\n[list.field_places]\n");
    for c in &l.columns {
        // The list's own name as a column (役員氏名 in 役員氏名 ①): the
        // entry's place says it already.
        let place = if c.label == l.name { "" } else { &c.label };
        let _ = writeln!(s, "{} = {}", c.field, q(place));
    }
    for c in &l.columns {
        s.push_str("\n[[list.column]]\n");
        if !c.header.is_empty() {
            let _ = writeln!(s, "header = {}", arr(std::slice::from_ref(&c.header)));
        }
        let _ = writeln!(s, "fields = {}", arr(std::slice::from_ref(&c.field)));
        if let Some([r, col]) = c.cell {
            let _ = writeln!(s, "cell = [{r}, {col}]");
        }
        if !c.options.is_empty() {
            let _ = writeln!(s, "options = {}", arr(&c.options));
        }
        if c.must_be_blank {
            s.push_str("must_be_blank = true\n");
        }
        if c.framed {
            s.push_str("counts = false\n");
        }
        if let Some(k) = c.kind {
            let _ = writeln!(s, "kind = {}", q(k));
        }
    }
}

/// 「官用欄」「行政庁側記入欄」: a column for the office.
pub(super) fn office(label: &str) -> bool {
    super::notes::is_office_use(label)
}

/// A column the form lets stay blank: its label says so (「備考」,
/// 「（該当する場合）」), or a note of the form quotes it with a condition.
pub(super) fn conditional(label: &str, header: &str, notes: &[String]) -> bool {
    if super::notes::is_conditional(label) {
        return true;
    }
    // The clause quoting it (「「役名等」の欄には…とし、「常勤・非常勤の
    // 別」の欄に記載することを要しない」: the second clause only).
    let quoted = format!("「{}」", fold(header));
    notes
        .iter()
        .flat_map(|n| n.split(['、', '。']))
        .any(|clause| fold(clause).contains(&quoted) && super::notes::is_conditional(clause))
}

/// The kind and field word of a column label, from the vocabulary.
pub(super) fn kind_of(label: &str) -> (String, Option<&'static str>) {
    match lookup(label) {
        Some(w) => (
            w.path.rsplit('.').next().unwrap_or("entry").to_string(),
            kind_name(&w.kind),
        ),
        None => ("entry".to_string(), None),
    }
}

/// Field names unique within the list: `name`, `name_b`, …
pub(super) fn unique_fields(cols: &mut [LearnedColumn]) {
    let mut seen: Vec<String> = Vec::new();
    for c in cols.iter_mut() {
        let mut n = 0u8;
        let mut f = c.field.clone();
        while seen.contains(&f) {
            n += 1;
            f = format!("{}_{}", c.field, (b'a' + n) as char);
        }
        seen.push(f.clone());
        c.field = f;
    }
}

/// A printed mark that opens a row or block: ①, 1, １.
pub(super) fn marker_number(text: &str) -> Option<u32> {
    let t = fold(text);
    let mut chars = t.chars();
    let c = chars.next()?;
    if chars.clone().next().is_none() && ('①'..='⑳').contains(&c) {
        return Some(c as u32 - '①' as u32 + 1);
    }
    if !t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit()) {
        return t.parse().ok();
    }
    None
}

/// The options a cell prints for the applicant to mark (「有」 alone in a
/// cell of a row of options, or 「□有　□無」 in one).
pub(super) fn options_in(texts: &[&str]) -> Option<Vec<String>> {
    let texts: Vec<&str> = texts.iter().copied().filter(|t| !blank(t)).collect();
    if let [one] = texts.as_slice() {
        return choice_options(one);
    }
    // 「年」「月」「日」 printed after boxes are the units of a number
    // typed before them, not options to mark.
    let units = texts
        .iter()
        .all(|t| PRINTED_UNITS.contains(&fold(t).as_str()));
    let short = texts.len() >= 2
        && !units
        && texts.iter().all(|t| {
            let n = fold(t).chars().count();
            (1..=3).contains(&n) && !t.chars().any(|c| c.is_ascii_digit())
        });
    short.then(|| texts.iter().map(|t| t.trim().to_string()).collect())
}

/// Units printed after a typed number (「令和　年　月　日」 in cells).
const PRINTED_UNITS: &[&str] = &["年", "月", "日", "時", "分", "円", "名", "人", "歳", "か月"];

/// A header text: a short label, not a sentence, not a mark, a box or an
/// option, nor a place to write in (「有（　　　）」).
pub(super) fn header_text(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && fold(t).chars().count() <= 30
        && !is_sentence(t)
        && !t.starts_with(['※', '＊', '*', '□', '☐', '■', '☑'])
        && !super::text::has_fill_in(t)
        && !super::text::has_blank_run(t)
        && marker_number(t).is_none()
        && choice_options(t).is_none()
}

/// A header cell that tells how to fill the column rather than name it
/// (「○を記載」「✓を付す」): the column keeps the label above.
pub(super) fn header_note(text: &str) -> bool {
    let t = fold(text);
    t.chars().count() <= 10
        && ["記載", "記入", "付す", "付ける"]
            .iter()
            .any(|w| t.ends_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_options() {
        assert_eq!(marker_number("②"), Some(2));
        assert_eq!(marker_number("１２"), Some(12));
        assert_eq!(marker_number("役職"), None);
        assert_eq!(
            options_in(&["有", "無"]),
            Some(vec!["有".to_string(), "無".to_string()])
        );
        assert_eq!(options_in(&["佐藤", ""]), None);
        assert!(header_note("○を\n記載"));
        assert!(!header_note("提出確認欄"));
    }

    #[test]
    fn a_note_quoting_a_column_makes_it_conditional() {
        let notes = vec![
            "２　「株主等」については、「常勤・非常勤の別」の欄に記載することを要しない。"
                .to_string(),
        ];
        assert!(conditional("常勤・非常勤の別", "常勤・非常勤の別", &notes));
        assert!(!conditional("役名等", "役　名　等", &notes));
    }
}
