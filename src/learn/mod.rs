//! `yoshiki learn`: form definitions written from a call's blank
//! template(s). One file may hold several forms (split at 様式第２号, 別紙,
//! 別添 …); per form the title and recognition text, every labelled blank
//! place as a field (kind and path from `schemas/learn/vocabulary.toml`),
//! 令和　年　月　日 lines as dates, ※記載不要 boxes that must stay blank,
//! units of amount tables, sums over the rows above 合計 / 小計 (nested
//! Ⅰ/①… levels), rates stated in notes (２分の１以内、千円未満切捨て), ☐
//! boxes, printed choices (□有 □無, 有・無), blanks inside sentences, dates
//! typed over cells, what is conditional or for the office by the form's
//! own notes (`schemas/vocabulary/learn_notes.toml`), and the fixed wording
//! for TPL001/TPL002. What it guessed and what it was unsure of is returned
//! with each form, for a person to review.
//!
//! Modules: `fields` (one form, its parts and conditions), `rows` (table
//! rows), `paras` (paragraphs), `text` (what a text is), `dates`, `scope`
//! (conditional parts), `notes` (the words of conditions and office use),
//! `grid` (方眼紙 values typed one character per box).

mod dates;
mod emit;
mod fields;
mod grid;
mod inline;
mod list_blocks;
mod list_header;
mod lists;
mod notes;
mod paras;
mod repeat;
mod rows;
mod scope;
mod sums;
mod text;
mod units;
mod walk;

pub(crate) use crate::base::{is_form_marker, vocab};
pub use emit::to_toml;
use units::Unit;

use crate::model::Document;

/// A field as learned.
#[derive(Debug, Clone, Default)]
pub struct LearnedField {
    pub path: String,
    pub label: String,
    /// `label` or `date_line`.
    pub find: &'static str,
    pub kind: Option<&'static str>,
    pub required: bool,
    pub conditional: Option<String>,
    pub must_be_blank: bool,
    pub unit: Option<&'static str>,
    pub placeholders: Vec<String>,
    pub after: Vec<String>,
    pub before: Vec<String>,
    pub past_only: bool,
    pub agree: Option<&'static str>,
    pub options: Vec<String>,
    /// Template text printed after the blank on the same line
    /// (「（以下「甲」という。）と」): removed from the value.
    pub strip: Vec<String>,
    /// A value equal to one of these is blank (the particle left of a
    /// stripped clause, 「と」).
    pub blank_if: Vec<String>,
    /// The Roman-numbered section a numbered item is in (「Ⅰ」 over 「１
    /// 氏名」): item numbers restart in every section, so the place names it.
    pub section: Option<String>,
    /// The place as the template names it, when the label found is not
    /// (「メール」 for the label 「メール（」).
    pub place: Option<String>,
    /// For `inline`: the printed text before and after the value on the
    /// label's line.
    pub value_after: Option<String>,
    pub value_before: Option<String>,
    /// For `addressee`: the word the line ends with (殿, 様, 御中).
    pub suffix: Option<&'static str>,
    /// The value is typed one character per box along the label's row
    /// (方眼紙): `box_marks` are the template's texts among the boxes.
    pub boxes: bool,
    pub box_marks: Vec<String>,
}

/// A relation as learned.
#[derive(Debug, Clone)]
pub struct LearnedRelation {
    pub code: &'static str,
    /// `sum` or `rate_cap`.
    pub kind: &'static str,
    pub target: String,
    pub terms: Vec<String>,
    pub rate: Option<String>,
    pub rounding: Option<&'static str>,
}

impl LearnedRelation {
    /// `target` = Σ `terms` (SUM001).
    pub fn sum(target: String, terms: Vec<String>) -> Self {
        LearnedRelation {
            code: "SUM001",
            kind: "sum",
            target,
            terms,
            rate: None,
            rounding: None,
        }
    }
}

/// One form learned from a template.
#[derive(Debug, Clone, Default)]
pub struct LearnedForm {
    pub id: String,
    pub version: String,
    pub name: String,
    pub source: String,
    pub preamble: Option<String>,
    pub title: String,
    pub boilerplate: Vec<String>,
    pub fields: Vec<LearnedField>,
    pub relations: Vec<LearnedRelation>,
    pub fixed: Vec<String>,
    /// The item heading a fixed clause is printed under (clause, heading).
    pub fixed_places: Vec<(String, String)>,
    /// Each paragraph or line read (after the title) and the fields
    /// learned from it, in order.
    pub lines: Vec<(String, std::ops::Range<usize>)>,
    pub rows: Vec<String>,
    /// What was guessed (for the person reviewing the file).
    pub guesses: Vec<String>,
    /// What could not be decided.
    pub unsure: Vec<String>,
    /// Tables whose rows are one record each (`lists`).
    pub lists: Vec<lists::LearnedList>,
    /// The unit (in the form's units) each field was learned from.
    pub at: Vec<usize>,
    /// The form's units read (the first of repeated printed copies).
    pub extent: usize,
}

/// Every form of a template document. Empty when it holds no form.
pub fn learn(doc: &Document, source: &str) -> Vec<LearnedForm> {
    let all = units::units(doc);
    let tables = lists::model_tables(doc);
    let mut forms = Vec::new();
    for (start, end) in split(&all) {
        if let Some(mut f) = fields::learn_form(&all[start..end], source) {
            sums::finish(&mut f);
            let end = if f.extent > 0 { start + f.extent } else { end };
            lists::learn_lists(&mut f, &all, start..end, &tables);
            sums::list_totals(&mut f, &tables);
            forms.push(f);
        }
    }
    unique_ids(&mut forms);
    forms
}

/// Two forms with one title in one call (a form printed in a collection
/// of forms and published again as its own file, or twice in one file):
/// the later ones get a suffix, so that every definition of a call has
/// its own id and file. Call it on everything learned in one run.
pub fn unique_ids(forms: &mut [LearnedForm]) {
    let mut seen: Vec<String> = Vec::new();
    for f in forms.iter_mut() {
        let mut id = f.id.clone();
        let mut n = 0u32;
        while seen.contains(&id) {
            n += 1;
            id = format!("{}_{}", f.id, suffix(n));
        }
        seen.push(id.clone());
        f.id = id;
    }
}

/// b, c, …, z, then 27, 28, …: ids stay within `[a-z0-9_]`.
fn suffix(n: u32) -> String {
    match char::from_u32(u32::from(b'a') + n) {
        Some(c) if c <= 'z' => c.to_string(),
        _ => (n + 1).to_string(),
    }
}

/// A line opening with a form's number (様式第２号, 別紙２, 参考様式…),
/// however long the note after it.
pub(crate) fn is_form_marker_start(text: &str) -> bool {
    let t = crate::base::squash(text);
    let t = t.trim_start_matches(['（', '(', '【', '[']);
    ["様式", "別紙", "別添", "別記様式", "参考様式"]
        .iter()
        .any(|m| t.starts_with(m))
}

/// The unit ranges of the forms: from each marker line to the next; the
/// whole document when there is no marker.
fn split(units: &[Unit]) -> Vec<(usize, usize)> {
    let starts: Vec<usize> = units
        .iter()
        .enumerate()
        .filter(|(_, u)| matches!(u, Unit::Para(t) if is_form_marker(t)))
        .map(|(i, _)| i)
        .collect();
    if starts.is_empty() {
        return vec![(0, units.len())];
    }
    let mut out = Vec::new();
    // Text before the first marker belongs to the first form (a cover).
    for (k, &s) in starts.iter().enumerate() {
        let from = if k == 0 { 0 } else { s };
        let to = starts.get(k + 1).copied().unwrap_or(units.len());
        out.push((from, to));
    }
    out
}
