//! A list under a header row (see `lists`): the header's leaf columns,
//! the data rows under them, and what each column holds.

use super::lists::PRINTED_UNITS;
use super::lists::{
    G, LearnedColumn, LearnedList, conditional, header_note, header_text, kind_of, marker_number,
    office, options_in, unique_fields,
};
use super::text::blank;
use super::vocab::fold;

/// A column of the header: the grid columns it spans, its label, the
/// header text it is found by and the model row that text is in.
struct Leaf {
    col: u32,
    end: u32,
    label: String,
    header: String,
    at: usize,
}

impl Leaf {
    /// The column of header cell `c` (header row `at`), named by it.
    fn of(c: &G, at: usize) -> Leaf {
        Leaf::named(c, c.joined(), c.joined(), at)
    }

    /// The column of header cell `c`, with its label and header given.
    fn named(c: &G, label: String, header: String, at: usize) -> Leaf {
        Leaf {
            col: c.col,
            end: c.end_col(),
            label,
            header,
            at,
        }
    }
}

/// What a column's data cells hold.
#[derive(PartialEq)]
enum Holds {
    Blank,
    /// A frame printed to write in (「年　月　日」, 「（　　　円）」).
    Frame,
    /// The same unit printed in every row's cell (「円」), the figure
    /// typed before it.
    Unit(String),
    Options(Vec<String>),
    Marks,
    Printed,
}

/// A row of column labels. A unit printed in two cells of it (「売上高
/// | 円 | 円」) makes it a row of figures: 「名」 once is a label (氏 | 名).
fn is_header_row(row: &[G]) -> bool {
    let filled: Vec<&G> = row.iter().filter(|c| !blank(&c.text)).collect();
    let units = filled
        .iter()
        .filter(|c| PRINTED_UNITS.contains(&fold(&c.text).as_str()))
        .count();
    !filled.is_empty() && units < 2 && filled.iter().all(|c| header_text(&c.text))
}

/// Does a row print a text again in the same column of another row (the
/// 「有」「無」 of every row of a checklist)? Data rows repeat; a header
/// row does not.
fn repeats(a: &[G], b: &[G]) -> bool {
    a.iter()
        .filter(|c| !blank(&c.text))
        .any(|c| b.iter().any(|d| d.col == c.col && d.text == c.text))
}

/// The leaf columns of a header of one row (`h`) or two (`h`, `h + 1`).
fn leaves(rows: &[Vec<G>], h: usize, two: bool) -> Vec<Leaf> {
    let top = &rows[h];
    if !two {
        return top
            .iter()
            .filter(|c| !blank(&c.text))
            .map(|c| Leaf::of(c, h))
            .collect();
    }
    let mut out: Vec<Leaf> = top
        .iter()
        .filter(|c| c.row_span >= 2 && !blank(&c.text))
        .map(|c| Leaf::of(c, h))
        .collect();
    for c in rows[h + 1].iter().filter(|c| !blank(&c.text)) {
        let group = top.iter().find(|g| g.covers(c.col) && !blank(&g.text));
        let leaf = match group {
            // 「○を記載」 under 提出確認欄: the column is the group's.
            Some(g) if header_note(&c.text) => Leaf::named(c, g.joined(), g.joined(), h),
            Some(g) if g.col_span > c.col_span => Leaf::named(
                c,
                format!("{} {}", g.joined(), c.joined()),
                c.joined(),
                h + 1,
            ),
            _ => Leaf::of(c, h + 1),
        };
        out.push(leaf);
    }
    out.sort_by_key(|l| l.col);
    out
}

/// Does a data row fit the columns: no cell across two of them (a note
/// spanning the table), nothing printed outside them but a row number or
/// options with no header of their own?
fn fits(row: &[G], leaves: &[Leaf]) -> bool {
    !row.is_empty()
        && row.iter().all(|c| {
            let across = leaves
                .iter()
                .filter(|l| c.col < l.end && l.col < c.end_col())
                .count();
            let leading = leaves.iter().all(|l| c.end_col() <= l.col);
            across == 1
                || (across == 0
                    && (blank(&c.text)
                        || marker_number(&c.text).is_some()
                        || super::text::choice_options(&c.text).is_some()
                        || (leading && header_text(&c.text))))
        })
}

/// What the cells of a column hold over the data rows.
fn holds(rows: &[Vec<G>], data: &std::ops::Range<usize>, leaf: &Leaf) -> Holds {
    let per_row: Vec<Vec<&str>> = rows[data.clone()]
        .iter()
        .map(|r| {
            r.iter()
                .filter(|c| leaf.col <= c.col && c.col < leaf.end)
                .map(|c| c.text.as_str())
                .collect()
        })
        .collect();
    // Blank cells to write in, in every row (a sheet lists no empty cell
    // that is not merged: no cell at all is no place to write).
    if per_row
        .iter()
        .all(|r| !r.is_empty() && r.iter().all(|t| blank(t)))
    {
        return Holds::Blank;
    }
    if per_row.iter().all(|r| r.iter().all(|t| blank(t))) {
        return Holds::Printed;
    }
    let unit = |r: &Vec<&str>| -> Option<String> {
        let filled: Vec<&str> = r.iter().copied().filter(|t| !blank(t)).collect();
        match filled.as_slice() {
            [u] if PRINTED_UNITS.contains(&fold(u).as_str()) => Some(u.trim().to_string()),
            _ => None,
        }
    };
    if let Some(Some(u)) = per_row.first().map(unit)
        && per_row
            .iter()
            .all(|r| unit(r).as_deref() == Some(u.as_str()))
    {
        return Holds::Unit(u);
    }
    // A frame may be spread over cells (a box before each of 年, 月, 日).
    if per_row.iter().all(|r| !r.is_empty() && frame(&r.concat())) {
        return Holds::Frame;
    }
    let opts: Vec<Option<Vec<String>>> = per_row.iter().map(|r| options_in(r)).collect();
    if let Some(Some(first)) = opts.first()
        && opts.iter().all(|o| o.as_ref() == Some(first))
    {
        return Holds::Options(first.clone());
    }
    let marks = per_row
        .iter()
        .all(|r| r.iter().all(|t| blank(t) || marker_number(t).is_some()));
    if marks { Holds::Marks } else { Holds::Printed }
}

/// A cell printed as a frame to write in: blank, a date frame, or blank
/// brackets around a unit (「（　　　　円）」).
fn frame(text: &str) -> bool {
    let t = text.trim();
    blank(t)
        || super::dates::is_frame(t)
        || (super::text::has_blank_run(t) && t.chars().filter(|c| !c.is_whitespace()).count() <= 4)
}

/// A list whose header starts at model row `h`, if there is one.
pub(super) fn header_list(rows: &[Vec<G>], h: usize, notes: &[String]) -> Option<LearnedList> {
    if !is_header_row(&rows[h]) || rows[h].iter().filter(|c| !blank(&c.text)).count() < 2 {
        return None;
    }
    let two = rows.get(h + 1).is_some_and(|r| is_header_row(r))
        && !rows.get(h + 2).is_some_and(|n| repeats(&rows[h + 1], n));
    let leaves = leaves(rows, h, two);
    let bottom = if two { h + 1 } else { h };
    let start = bottom + 1;
    let mut end = start;
    let mut next_row = rows.get(start).and_then(|r| r.first()).map(|c| c.row);
    // A caption beside the header running down over the rows (「（１）離職
    // 状況」 merged over its rows, above the header or in it) ends the list
    // where it ends.
    let bottom_row = rows[bottom].first().map_or(0, |c| c.row);
    let bound = rows[..=bottom]
        .iter()
        .flatten()
        .map(|c| c.row + c.row_span)
        .filter(|&e| e > bottom_row + 1)
        .min()
        .unwrap_or(u32::MAX);
    while end < rows.len()
        && rows[end].first().is_some_and(|c| c.row < bound)
        && fits(&rows[end], &leaves)
        && !(is_header_row(&rows[end])
            && !repeats(&rows[end], &rows[end - 1])
            && !rows.get(end + 1).is_some_and(|n| repeats(&rows[end], n)))
        && rows[end].first().map(|c| c.row) == next_row
    {
        // The next grid row: under the shortest cell of this one.
        next_row = rows[end].iter().map(|c| c.row + c.row_span).min();
        end += 1;
    }
    let data = start..end;
    if data.len() < 2 {
        return None;
    }
    let holds: Vec<Holds> = leaves.iter().map(|l| holds(rows, &data, l)).collect();
    // Rows named by the form: a printed column, or a label before the
    // first column in every row (売上高 | 円 | 円).
    let labelled = rows[data.clone()]
        .iter()
        .all(|r| !leading_label(r, &leaves).is_empty());
    let printed_rows = holds.contains(&Holds::Printed) || labelled;
    let asks = |x: &Holds| matches!(x, Holds::Options(_) | Holds::Unit(_));
    // Printed rows with only blanks beside them are label / value pairs,
    // learned as fields: a list of printed rows asks for a mark in each,
    // or a figure before a printed unit (a table of amounts by year).
    // (A blank column beside them, a remark per row, is the applicant's
    // to use or not.)
    if printed_rows && !holds.iter().any(asks) {
        return None;
    }
    // The row the columns are found by: the one holding most headers.
    let at = if leaves.iter().filter(|l| l.at == h).count() >= 2 {
        h
    } else {
        bottom
    };
    let columns = columns_of(&leaves, &holds, at, printed_rows, notes);
    if columns
        .iter()
        .filter(|c| !c.must_be_blank && !c.printed)
        .count()
        == 0
        || (columns.len() < 2 && !printed_rows)
    {
        return None;
    }
    let (row_labels, printed_texts) = if printed_rows {
        (
            printed_labels(rows, &data, &leaves, &holds),
            printed_texts(rows, &data, &leaves, &holds),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Some(LearnedList {
        path: String::new(),
        find: "table",
        name: String::new(),
        place: if printed_rows { "{label}" } else { "{n}行目" }.to_string(),
        columns,
        header_rows_below: (bottom - at) as u32,
        printed_rows,
        row_labels,
        markers: Vec::new(),
        printed_texts,
        table: 0,
        rows: h..end,
    })
}

/// The lines of the printed columns' cells, in row order: long enough to
/// be wording (a note, a form's number), not a mark. The first printed
/// column names the row (a document's name, which an applicant may mark
/// by writing ○ before it): the row's label, not wording to keep.
fn printed_texts(
    rows: &[Vec<G>],
    data: &std::ops::Range<usize>,
    leaves: &[Leaf],
    holds: &[Holds],
) -> Vec<String> {
    let mut out = Vec::new();
    for r in &rows[data.clone()] {
        let printed = leaves
            .iter()
            .zip(holds)
            .filter(|(_, h)| **h == Holds::Printed);
        for (leaf, _) in printed.skip(1) {
            for c in r.iter().filter(|c| leaf.col <= c.col && c.col < leaf.end) {
                for line in c.lines() {
                    if fold(line).chars().count() >= 8 && marker_number(line).is_none() {
                        out.push(line.to_string());
                    }
                }
            }
        }
    }
    out
}

/// The applicant's columns: blank, framed, options or a printed unit,
/// with which of them a row needs.
fn columns_of(
    leaves: &[Leaf],
    holds: &[Holds],
    at: usize,
    printed_rows: bool,
    notes: &[String],
) -> Vec<LearnedColumn> {
    let mut columns = Vec::new();
    for (leaf, hold) in leaves.iter().zip(holds) {
        if leaf.at != at {
            continue;
        }
        let (opts, unit) = match hold {
            Holds::Blank | Holds::Frame => (Vec::new(), None),
            Holds::Options(o) => (o.clone(), None),
            Holds::Unit(u) => (Vec::new(), Some(u.clone())),
            // What each printed row says (必要書類, 留意事項): read too, so
            // that a finding on its wording names the row and the column.
            Holds::Printed if printed_rows => {
                let (field, _) = kind_of(&leaf.label);
                columns.push(LearnedColumn {
                    header: leaf.header.clone(),
                    label: leaf.label.clone(),
                    field,
                    printed: true,
                    ..LearnedColumn::default()
                });
                continue;
            }
            _ => continue,
        };
        // A frame is printed in every row, spare ones too: its text alone
        // does not make a row used, and whether it was filled is not told
        // by its being non-blank.
        let framed = *hold == Holds::Frame;
        let (field, kind) = kind_of(&leaf.label);
        let must_be_blank = office(&leaf.label);
        // A blank column of printed rows (a remark per document) is the
        // applicant's to use or not; options and figures are asked of
        // every printed row.
        let required = !must_be_blank
            && !framed
            && !conditional(&leaf.label, &leaf.header, notes)
            && (!opts.is_empty() || unit.is_some() || !printed_rows);
        let kind = match &unit {
            Some(u) if fold(u) == "円" => Some("amount"),
            Some(_) => None,
            None if opts.is_empty() && !framed => kind,
            None => None,
        };
        columns.push(LearnedColumn {
            header: leaf.header.clone(),
            label: leaf.label.clone(),
            field,
            kind,
            framed,
            required,
            must_be_blank,
            options: opts,
            cell: None,
            blank_if: unit.into_iter().collect(),
            printed: false,
        });
    }
    // The same label twice: side-by-side copies of the list in one
    // printed row (入社 | 退社 | 入社 | 退社), each half an entry of its
    // own. Which half a row uses is not known, so none is required.
    let twice = columns
        .iter()
        .any(|c| columns.iter().filter(|d| d.label == c.label).count() >= 2);
    if twice {
        for c in columns.iter_mut() {
            c.required = false;
        }
    }
    unique_fields(&mut columns);
    columns
}

/// The label printed before the first column of a row (「売上高」).
fn leading_label(row: &[G], leaves: &[Leaf]) -> String {
    row.iter()
        .filter(|c| leaves.iter().all(|l| c.end_col() <= l.col))
        .map(|c| c.joined())
        .find(|t| header_text(t))
        .unwrap_or_default()
}

/// The label of each printed row: its number (when the row has one of
/// its own) and the first line of its first printed column.
fn printed_labels(
    rows: &[Vec<G>],
    data: &std::ops::Range<usize>,
    leaves: &[Leaf],
    holds: &[Holds],
) -> Vec<String> {
    let text_at = |r: &[G], leaf: &Leaf| -> String {
        r.iter()
            .filter(|c| leaf.col <= c.col && c.col < leaf.end)
            .map(|c| c.text.lines().next().unwrap_or("").trim().to_string())
            .find(|t| !t.is_empty())
            .unwrap_or_default()
    };
    rows[data.clone()]
        .iter()
        .map(|r| {
            let number = leaves
                .iter()
                .zip(holds)
                .filter(|(_, h)| **h == Holds::Marks || **h == Holds::Printed)
                .map(|(l, _)| text_at(r, l))
                .find(|t| marker_number(t).is_some());
            let name = leaves
                .iter()
                .zip(holds)
                .filter(|(_, h)| **h == Holds::Printed)
                .map(|(l, _)| text_at(r, l))
                .find(|t| !t.is_empty() && marker_number(t).is_none())
                .unwrap_or_else(|| leading_label(r, leaves));
            match number {
                Some(n) => format!("{n} {name}"),
                None => name,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of one-column cells at grid row `row`, from column 1.
    fn row(row: u32, texts: &[&str]) -> Vec<G> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| G {
                row,
                col: i as u32 + 1,
                row_span: 1,
                col_span: 1,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn spare_rows_under_a_header_are_a_list_with_required_columns() {
        let rows = vec![
            row(1, &["氏名", "役職", "備考"]),
            row(2, &["", "", ""]),
            row(3, &["", "", ""]),
            row(4, &["", "", ""]),
        ];
        let l = header_list(&rows, 0, &[]).expect("a list");
        assert!(!l.printed_rows);
        assert_eq!(l.rows, 0..4);
        let req: Vec<(&str, bool)> = l
            .columns
            .iter()
            .map(|c| (c.label.as_str(), c.required))
            .collect();
        // 備考 is the applicant's to use or not.
        assert_eq!(req, vec![("氏名", true), ("役職", true), ("備考", false)]);
    }

    #[test]
    fn printed_rows_with_options_and_an_office_column() {
        let rows = vec![
            row(1, &["番号", "必要書類", "提出確認欄", "", "官用欄", ""]),
            row(2, &["1", "住民票", "有", "無", "有", "無"]),
            row(3, &["2", "納税証明書", "有", "無", "有", "無"]),
        ];
        // The options under one header span two grid columns.
        let mut rows = rows;
        for r in rows.iter_mut().take(1) {
            r.retain(|c| !c.text.is_empty());
            r[2].col_span = 2;
            r[3].col = 5;
            r[3].col_span = 2;
        }
        let l = header_list(&rows, 0, &[]).expect("a list");
        assert!(l.printed_rows);
        assert_eq!(l.row_labels, vec!["1 住民票", "2 納税証明書"]);
        let asked: Vec<&LearnedColumn> = l.columns.iter().filter(|c| !c.printed).collect();
        let check = asked[0];
        assert_eq!((check.label.as_str(), check.required), ("提出確認欄", true));
        assert_eq!(check.options, vec!["有", "無"]);
        let office = asked[1];
        assert!(office.must_be_blank && !office.required);
    }

    #[test]
    fn a_remark_column_beside_a_checklist_is_not_required() {
        let rows = vec![
            row(1, &["必要書類", "有", "無", "部数"]),
            row(2, &["住民票", "有", "無", ""]),
            row(3, &["納税証明書", "有", "無", ""]),
        ];
        let mut rows = rows;
        rows[0] = vec![
            G {
                row: 1,
                col: 1,
                row_span: 1,
                col_span: 1,
                text: "必要書類".into(),
            },
            G {
                row: 1,
                col: 2,
                row_span: 1,
                col_span: 2,
                text: "提出".into(),
            },
            G {
                row: 1,
                col: 4,
                row_span: 1,
                col_span: 1,
                text: "部数".into(),
            },
        ];
        let l = header_list(&rows, 0, &[]).expect("a list");
        let req: Vec<(&str, bool)> = l
            .columns
            .iter()
            .filter(|c| !c.printed)
            .map(|c| (c.label.as_str(), c.required))
            .collect();
        assert_eq!(req, vec![("提出", true), ("部数", false)]);
    }

    #[test]
    fn printed_rows_with_only_blanks_beside_them_are_fields_not_a_list() {
        let rows = vec![
            row(1, &["", "前年度", "前々年度"]),
            row(2, &["売上高", "", ""]),
            row(3, &["純資産", "", ""]),
        ];
        assert!(header_list(&rows, 0, &[]).is_none());
    }

    #[test]
    fn printed_rows_of_figures_before_a_printed_unit_are_a_list() {
        let rows = vec![
            row(1, &["", "前年度", "前々年度"]),
            row(2, &["売上高", "円", "円"]),
            row(3, &["純資産", "円", "円"]),
        ];
        let l = header_list(&rows, 0, &[]).expect("a list");
        assert!(l.printed_rows);
        assert_eq!(l.row_labels, vec!["売上高", "純資産"]);
        let c = &l.columns[1];
        assert_eq!(c.label, "前々年度");
        assert_eq!(
            (c.blank_if.clone(), c.kind, c.required),
            (vec!["円".to_string()], Some("amount"), true)
        );
    }

    #[test]
    fn side_by_side_copies_of_a_list_require_no_column() {
        let rows = vec![
            row(1, &["入社", "退社", "入社", "退社"]),
            row(2, &["", "", "", ""]),
            row(3, &["", "", "", ""]),
        ];
        let l = header_list(&rows, 0, &[]).expect("a list");
        assert!(l.columns.iter().all(|c| !c.required));
    }
}
