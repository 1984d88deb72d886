//! A list under a header row (see `lists`): the header's leaf columns,
//! the data rows under them, and what each column holds.

use super::lists::{
    G, LearnedColumn, LearnedList, conditional, header_note, header_text, kind_of, marker_number,
    office, options_in, unique_fields,
};
use super::text::blank;

/// A column of the header: the grid columns it spans, its label, the
/// header text it is found by and the model row that text is in.
struct Leaf {
    col: u32,
    end: u32,
    label: String,
    header: String,
    at: usize,
}

/// What a column's data cells hold.
#[derive(PartialEq)]
enum Holds {
    Blank,
    /// A frame printed to write in (「年　月　日」, 「（　　　円）」).
    Frame,
    Options(Vec<String>),
    Marks,
    Printed,
}

fn is_header_row(row: &[G]) -> bool {
    let filled: Vec<&G> = row.iter().filter(|c| !blank(&c.text)).collect();
    !filled.is_empty() && filled.iter().all(|c| header_text(&c.text))
}

/// The leaf columns of a header of one row (`h`) or two (`h`, `h + 1`).
fn leaves(rows: &[Vec<G>], h: usize, two: bool) -> Vec<Leaf> {
    let top = &rows[h];
    let mut out = Vec::new();
    if !two {
        for c in top.iter().filter(|c| !blank(&c.text)) {
            out.push(Leaf {
                col: c.col,
                end: c.end_col(),
                label: c.joined(),
                header: c.joined(),
                at: h,
            });
        }
        return out;
    }
    let bottom = &rows[h + 1];
    for c in top.iter().filter(|c| c.row_span >= 2 && !blank(&c.text)) {
        out.push(Leaf {
            col: c.col,
            end: c.end_col(),
            label: c.joined(),
            header: c.joined(),
            at: h,
        });
    }
    for c in bottom.iter().filter(|c| !blank(&c.text)) {
        let group = top.iter().find(|g| g.covers(c.col) && !blank(&g.text));
        let leaf = match group {
            // 「○を記載」 under 提出確認欄: the column is the group's.
            Some(g) if header_note(&c.text) => Leaf {
                col: c.col,
                end: c.end_col(),
                label: g.joined(),
                header: g.joined(),
                at: h,
            },
            Some(g) if g.col_span > c.col_span => Leaf {
                col: c.col,
                end: c.end_col(),
                label: format!("{} {}", g.joined(), c.joined()),
                header: c.joined(),
                at: h + 1,
            },
            _ => Leaf {
                col: c.col,
                end: c.end_col(),
                label: c.joined(),
                header: c.joined(),
                at: h + 1,
            },
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
            across == 1
                || (across == 0
                    && (blank(&c.text)
                        || marker_number(&c.text).is_some()
                        || super::text::choice_options(&c.text).is_some()))
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
    let two = rows.get(h + 1).is_some_and(|r| is_header_row(r));
    let leaves = leaves(rows, h, two);
    let bottom = if two { h + 1 } else { h };
    let start = bottom + 1;
    let mut end = start;
    let mut next_row = rows.get(start).and_then(|r| r.first()).map(|c| c.row);
    while end < rows.len()
        && fits(&rows[end], &leaves)
        && !is_header_row(&rows[end])
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
    let printed_rows = holds.contains(&Holds::Printed);
    let options = holds.iter().any(|x| matches!(x, Holds::Options(_)));
    // Printed rows with only blanks beside them are label / value pairs
    // (a matrix of amounts), learned as fields: a list of printed rows
    // asks for a mark in each.
    if printed_rows && !options {
        return None;
    }
    // The row the columns are found by: the one holding most headers.
    let at = if leaves.iter().filter(|l| l.at == h).count() >= 2 {
        h
    } else {
        bottom
    };
    let mut columns = Vec::new();
    for (leaf, hold) in leaves.iter().zip(&holds) {
        if leaf.at != at {
            continue;
        }
        let opts = match hold {
            Holds::Blank | Holds::Frame => Vec::new(),
            Holds::Options(o) => o.clone(),
            _ => continue,
        };
        // A frame is printed in every row, spare ones too: its text alone
        // does not make a row used, and whether it was filled is not told
        // by its being non-blank.
        let framed = *hold == Holds::Frame;
        let (field, kind) = kind_of(&leaf.label);
        let must_be_blank = office(&leaf.label);
        // A blank column of printed rows (a remark per document) is the
        // applicant's to use or not; options are answered in every row.
        let required = !must_be_blank
            && !framed
            && !conditional(&leaf.label, &leaf.header, notes)
            && (!opts.is_empty() || !printed_rows);
        columns.push(LearnedColumn {
            header: leaf.header.clone(),
            label: leaf.label.clone(),
            field,
            kind: if opts.is_empty() && !framed {
                kind
            } else {
                None
            },
            framed,
            required,
            must_be_blank,
            options: opts,
            cell: None,
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
    if columns.iter().filter(|c| !c.must_be_blank).count() == 0
        || (columns.len() < 2 && !printed_rows)
    {
        return None;
    }
    unique_fields(&mut columns);
    let row_labels = if printed_rows {
        printed_labels(rows, &data, &leaves, &holds)
    } else {
        Vec::new()
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
        table: 0,
        rows: h..end,
    })
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
                .unwrap_or_default();
            match number {
                Some(n) => format!("{n} {name}"),
                None => name,
            }
        })
        .collect()
}
