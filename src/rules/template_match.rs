//! Finding a template's fixed wording (`[template]` of a definition) in a
//! submission: exactly (after width and blank folding), nearly (the
//! wording was edited), or not at all (deleted).

use super::field_util::squash;
use super::registry::text_match::{Stories, located_paragraphs};
use crate::forms::ExtractedForm;
use crate::model::{Document, Location};

/// Where a template text stands in the document.
pub enum Found {
    /// As written.
    Same,
    /// Edited: the closest paragraph or cell, its text and location.
    Altered { text: String, location: Location },
    /// Nowhere near.
    Missing,
}

/// Character bigrams of a folded text.
fn bigrams(s: &str) -> Vec<(char, char)> {
    let c: Vec<char> = s.chars().collect();
    c.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Share of `phrase`'s bigrams found in `text` (each counted once).
fn coverage(phrase: &[(char, char)], text: &[(char, char)]) -> f64 {
    if phrase.is_empty() {
        return 0.0;
    }
    let mut pool: Vec<(char, char)> = text.to_vec();
    let mut hit = 0usize;
    for b in phrase {
        if let Some(i) = pool.iter().position(|x| x == b) {
            pool.swap_remove(i);
            hit += 1;
        }
    }
    hit as f64 / phrase.len() as f64
}

/// Look for `phrase`, printed `times` times in the template, in the
/// document's paragraphs and cells (headers and footers included) that
/// are not outside `form` (another copy of the form printed below it,
/// another form of the file). Fewer intact copies than `times`: the
/// closest paragraph not holding it is its edited copy.
pub fn find(doc: &Document, form: &ExtractedForm, phrase: &str, times: usize, near: f64) -> Found {
    let key = squash(phrase);
    if key.is_empty() {
        return Found::Same;
    }
    let mut units = located_paragraphs(
        doc,
        Stories {
            headers_footers: true,
            notes: false,
        },
    );
    let bounds = Bounds::of(form, &units);
    units.retain(|(_, loc)| !bounds.outside(form, loc));
    // Text split over lines of a text file or cells: the whole folded text
    // is searched too.
    let mut whole = String::new();
    let mut intact = 0;
    for (p, _) in &units {
        let k = squash(&p.text);
        intact += k.matches(key.as_str()).count();
        whole.push_str(&k);
    }
    if intact >= times.max(1) || (intact == 0 && times <= 1 && whole.contains(&key)) {
        return Found::Same;
    }
    let pb = bigrams(&key);
    let mut best: Option<(f64, usize)> = None;
    for (i, (p, _)) in units.iter().enumerate() {
        let k = squash(&p.text);
        // A paragraph much longer than the phrase is not its edited copy;
        // one holding it intact is another copy.
        if k.chars().count() > key.chars().count() * 3 + 10 || k.contains(&key) {
            continue;
        }
        let score = coverage(&pb, &bigrams(&k));
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    match best {
        Some((score, i)) if score >= near => match units.get(i) {
            Some((p, loc)) => Found::Altered {
                text: p.text.clone(),
                location: loc.clone(),
            },
            None => Found::Missing,
        },
        _ => Found::Missing,
    }
}

/// The row number of a sheet cell reference (「B52」 → 52).
fn sheet_row(l: &Location) -> Option<u32> {
    let cell = l.cell.as_deref()?;
    cell.trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

/// The paragraph numbers of a form's first and last place. A form that
/// starts or ends in a table cell has a location without a paragraph
/// number (table, row, col); the paragraphs of that cell give it, so that
/// a copy of the form's wording printed after it (a second form of the
/// file, an attachment repeating the clauses) is still outside.
struct Bounds {
    first: Option<u32>,
    last: Option<u32>,
}

impl Bounds {
    fn of(form: &ExtractedForm, units: &[(&crate::model::Paragraph, Location)]) -> Bounds {
        let in_cell = |x: &Location, last: bool| -> Option<u32> {
            if x.paragraph.is_some() {
                return x.paragraph;
            }
            x.table?;
            let paras = units.iter().filter_map(|(_, l)| {
                (l.part == x.part
                    && l.sheet.is_none()
                    && l.table == x.table
                    && l.row == x.row
                    && l.col == x.col)
                    .then_some(l.paragraph)
                    .flatten()
            });
            if last { paras.max() } else { paras.min() }
        };
        Bounds {
            first: in_cell(&form.start, false),
            last: in_cell(&form.end, true),
        }
    }

    /// Is `loc` known to lie outside the form's start..end? A place the
    /// locations cannot order (a header, another story) is not.
    fn outside(&self, form: &ExtractedForm, loc: &Location) -> bool {
        let (s, e) = (&form.start, &form.end);
        if let Some(sheet) = &loc.sheet {
            // A form over several sheets: the sheets between are not known.
            if s.sheet.is_none() || s.sheet != e.sheet {
                return false;
            }
            if s.sheet.as_ref() != Some(sheet) {
                return true;
            }
            // Its own sheet: rows past the end (a second blank copy) are
            // outside. An end in a drawing (a text box) orders nothing.
            if s.part.is_some() || e.part.is_some() || loc.part.is_some() {
                return false;
            }
            return match (sheet_row(loc), sheet_row(s), sheet_row(e)) {
                (Some(k), Some(a), Some(b)) if a <= b => k < a || k > b,
                _ => false,
            };
        }
        let same_story = |x: &Location| x.part == loc.part && x.sheet.is_none();
        match (loc.paragraph, self.first, self.last) {
            (Some(k), Some(a), Some(b)) if same_story(s) && same_story(e) => k < a || k > b,
            _ => false,
        }
    }
}

/// Is the row label `label` (a table's label cell in the template) still
/// in one of the form's table cells, opening it? A note that merely
/// mentions it (「純資産の欄に…を記載してください。」) is not the row. In a
/// document without cells the label is looked for as any text.
pub fn has_row(doc: &Document, form: &ExtractedForm, label: &str) -> bool {
    // A label over lines (「２　氏名又は名称」 over its translation) is one
    // paragraph a line in the cell: its first line opens the cell.
    let key = squash(
        label
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or(label),
    );
    if key.is_empty() {
        return true;
    }
    let units = located_paragraphs(
        doc,
        Stories {
            headers_footers: true,
            notes: false,
        },
    );
    let cells: Vec<_> = units
        .iter()
        .filter(|(_, loc)| loc.table.is_some() || loc.cell.is_some())
        .collect();
    if cells.is_empty() {
        return !matches!(find(doc, form, label, 1, 2.0), Found::Missing);
    }
    let bounds = Bounds::of(form, &units);
    cells
        .iter()
        .filter(|(_, loc)| !bounds.outside(form, loc))
        .any(|(p, _)| squash(&p.text).starts_with(&key))
}
