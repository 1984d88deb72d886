//! Checks that need no form: in a document where no form was recognised
//! (another call's filled form, an attachment), a date frame left blank
//! (「令和　年　月　日」), a date that does not exist and a malformed e-mail
//! beside an e-mail label are still worth a warning. Inside a recognised
//! form the field rules report them as errors at the field.

use super::registry::text_match::{Stories, located_where};
use crate::forms::normalize::{DateParse, parse_date};
use crate::model::{Block, Document, Location, Paragraph, Table};

/// Lines of the document that are short enough to be an entry (a date
/// line, a cell), with their location. Prose is left out: a date in a
/// sentence is the author's, not a place to fill.
pub fn entry_lines(doc: &Document) -> Vec<(String, Location)> {
    entry_lines_of(doc, |_| true)
}

/// Whether a trimmed line is short enough to be an entry.
fn is_entry(line: &str) -> bool {
    // More than 160 bytes is more than 40 characters (at most 4 bytes
    // each): a paragraph of prose is not counted through.
    !line.is_empty() && line.len() <= 160 && line.chars().count() <= 40
}

/// [`entry_lines`] of the paragraphs with an entry line that `may` accepts
/// (`may` is true for every line the caller keeps): the others are never
/// located (a location clones its names).
fn entry_lines_of(doc: &Document, may: impl Fn(&str) -> bool) -> Vec<(String, Location)> {
    let stories = Stories {
        headers_footers: false,
        notes: false,
    };
    let keep = |p: &Paragraph| {
        p.text
            .split('\n')
            .map(str::trim)
            .any(|l| is_entry(l) && may(l))
    };
    located_where(doc, stories, &keep)
        .into_iter()
        .flat_map(|(p, loc)| {
            p.text
                .split('\n')
                .map(|l| l.trim().to_string())
                .filter(|l| is_entry(l))
                .map(move |l| (l, loc.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether a line may be a date frame left blank: every incomplete date
/// holds 年 once normalised (the patterns that give one all hold it), and
/// NFKC makes 年 only from 年 and U+F98E (the parse is the costly part).
fn may_be_frame(line: &str) -> bool {
    line.contains(['年', '\u{f98e}'])
}

/// The dates of the entry lines that are frames left blank.
pub fn blank_dates(doc: &Document) -> Vec<(String, Location)> {
    entry_lines_of(doc, may_be_frame)
        .into_iter()
        .filter(|(l, _)| may_be_frame(l) && parse_date(l) == Some(DateParse::Incomplete))
        .collect()
}

/// The dates of the entry lines that do not exist, with why. Only dates
/// written with 年 (「令和７年２月３０日」): a year with no era (「7年4月1日」)
/// or figures with hyphens (「3048-20-30」, a code in a data table) may be
/// anything outside a form.
pub fn impossible_dates(doc: &Document) -> Vec<(String, Location, String)> {
    entry_lines_of(doc, |l| l.contains('年'))
        .into_iter()
        .filter(|(l, _)| l.contains('年'))
        .filter_map(|(l, loc)| match parse_date(&l) {
            Some(DateParse::Impossible(why)) if !why.contains("元号がありません") => {
                Some((l, loc, why))
            }
            _ => None,
        })
        .collect()
}

/// The value cells beside a label cell whose label says e-mail (the
/// words `learn` takes for an e-mail entry), with their location.
pub fn labelled_emails(doc: &Document) -> Vec<(String, Location)> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        if let Block::Table(t) = b {
            emails_in(t, &mut out);
        }
    }
    out
}

fn emails_in(t: &Table, out: &mut Vec<(String, Location)>) {
    for row in &t.rows {
        for pair in row.cells.windows(2) {
            let [label, value] = pair else { continue };
            if value.col != label.col + label.col_span.max(1) || !is_email_label(&label.text()) {
                continue;
            }
            let v = value.text().trim().to_string();
            if !v.is_empty() {
                out.push((v, value.location.clone()));
            }
        }
    }
}

fn is_email_label(text: &str) -> bool {
    crate::rules::field_util::squash(text).chars().count() <= 20
        && crate::base::vocab::lookup(text).is_some_and(|w| w.kind == "email")
}
