//! `annotate`: a copy of a submission with every finding attached where it
//! occurs — a Word comment on the paragraph or table cell, an Excel note on
//! the cell. Findings without a precise place go on the first paragraph /
//! cell A1, saying where they belong.

use super::WriteError;
use super::comments::{self, Anchor, NewComment};
use super::package::Package;
use super::xlsx_notes::{self, NewNote};
use crate::diag::{Diagnostic, Lang};
use crate::model::{Format, Location};
use crate::read::Limits;

/// Options for [`annotate`].
#[derive(Debug, Clone)]
pub struct AnnotateOptions {
    pub lang: Lang,
    pub author: String,
    /// Comment date (ISO 8601) for Word comments, or None.
    pub date: Option<String>,
}

impl Default for AnnotateOptions {
    fn default() -> Self {
        AnnotateOptions {
            lang: Lang::Ja,
            author: "yoshiki".into(),
            date: None,
        }
    }
}

/// Where one finding was attached.
#[derive(Debug, Clone)]
pub struct Annotation {
    /// Index of the finding in the input.
    pub index: usize,
    /// The place it was attached to.
    pub location: Location,
    /// The finding had no place that can carry a comment; it went on the
    /// first paragraph / A1.
    pub fallback: bool,
}

/// Whether `annotate` can write this format.
pub fn can_annotate(format: Format) -> bool {
    matches!(
        format,
        Format::Docx | Format::Docm | Format::Dotx | Format::Xlsx | Format::Xlsm
    )
}

/// The comment text for a finding.
pub fn note_text(d: &Diagnostic, lang: Lang) -> String {
    let sev = match (lang, d.severity) {
        (Lang::Ja, crate::diag::Severity::Error) => "エラー",
        (Lang::Ja, crate::diag::Severity::Warning) => "警告",
        (Lang::Ja, crate::diag::Severity::Info) => "情報",
        (Lang::En, s) => s.as_str(),
    };
    let mut s = format!("{} [{sev}] {}", d.code, d.message.get(lang));
    if let Some(place) = &d.place {
        s.push('\n');
        s.push_str(match lang {
            Lang::Ja => "場所: ",
            Lang::En => "Where: ",
        });
        s.push_str(place.get(lang));
    }
    if let Some(help) = &d.help {
        s.push('\n');
        s.push_str(&without_tool_commands(help.get(lang)));
    }
    if let Some(fix) = &d.fix
        && !fix.original.is_empty()
    {
        s.push('\n');
        // An empty replacement is said in words: 「」 reads as a typo.
        match (lang, fix.replacement.is_empty()) {
            (Lang::Ja, true) => s.push_str(&format!(
                "修正案: 「{}」を消して空欄にしてください",
                fix.original
            )),
            (Lang::Ja, false) => s.push_str(&format!(
                "修正案: 「{}」→「{}」",
                fix.original, fix.replacement
            )),
            (Lang::En, true) => s.push_str(&format!(
                "Suggested: delete \"{}\" and leave the entry blank",
                fix.original
            )),
            (Lang::En, false) => s.push_str(&format!(
                "Suggested: \"{}\" -> \"{}\"",
                fix.original, fix.replacement
            )),
        }
    }
    if let Some(r) = &d.related {
        // The file's name only: the copy goes to the applicant, and the
        // official's folders are none of their business.
        let r = r.rsplit(['/', '\\']).next().unwrap_or(r);
        s.push('\n');
        s.push_str(&match lang {
            Lang::Ja => format!("関連ファイル: {r}"),
            Lang::En => format!("Related file: {r}"),
        });
    }
    s
}

/// `text` without the yoshiki commands it names (「（`yoshiki migrate …` で
/// 変換できます）」, "; `yoshiki migrate …` does it."): the annotated copy is
/// read by an applicant in Word, who does not have the tool.
fn without_tool_commands(text: &str) -> String {
    let mut out = text.to_string();
    // A bracketed aside naming a command.
    for (open, close) in [('（', '）'), ('(', ')')] {
        while let Some(at) = out.find("`yoshiki") {
            let Some(start) = out[..at].rfind(open) else {
                break;
            };
            let Some(len) = out[at..].find(close) else {
                break;
            };
            if out[start..at].contains(close) {
                break;
            }
            out.replace_range(start..at + len + close.len_utf8(), "");
        }
    }
    // A clause naming a command: from the last separator before it to the
    // end of its sentence.
    while let Some(at) = out.find("`yoshiki") {
        let start = out[..at].rfind([';', '。', '.']).map_or(0, |i| i);
        let end = out[at..].find(['.', '。']).map_or(out.len(), |i| at + i);
        out.replace_range(start..end, "");
    }
    out
}

/// Attach every finding to a copy of the file. Returns the new bytes and
/// where each finding went.
pub fn annotate(
    bytes: &[u8],
    format: Format,
    diags: &[Diagnostic],
    opts: &AnnotateOptions,
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<Annotation>), WriteError> {
    if !can_annotate(format) {
        return Err(WriteError::Unsupported(format!(
            "comments cannot be added to {} files",
            format.as_str()
        )));
    }
    let pkg = Package::parse(bytes.to_vec(), limits)?;
    if diags.is_empty() {
        return Ok((bytes.to_vec(), Vec::new()));
    }
    if format.is_word() {
        let specs: Vec<NewComment> = diags
            .iter()
            .map(|d| {
                let loc = d.location.clone().unwrap_or_default();
                let anchor = comments::anchor_for(&loc);
                let mut text = note_text(d, opts.lang);
                if anchor.is_none() && loc != Location::default() {
                    text.push_str(&where_note(&loc, opts.lang));
                }
                NewComment {
                    // Unknown anchors fall back to the first paragraph.
                    anchor: anchor.unwrap_or(Anchor::Paragraph(0)),
                    author: opts.author.clone(),
                    initials: initials(&opts.author),
                    date: opts.date.clone(),
                    text,
                }
            })
            .collect();
        let (changes, placed) = comments::add_comments(&pkg, &specs, limits)?;
        let out = pkg.rewrite(&changes)?;
        let ann = placed
            .into_iter()
            .map(|p| Annotation {
                index: p.index,
                location: p.location,
                fallback: p.fallback,
            })
            .collect();
        Ok((out, ann))
    } else {
        let notes: Vec<NewNote> = diags
            .iter()
            .map(|d| {
                let loc = d.location.clone().unwrap_or_default();
                let mut text = note_text(d, opts.lang);
                if loc.cell.is_none() && loc != Location::default() {
                    text.push_str(&where_note(&loc, opts.lang));
                }
                NewNote {
                    sheet: loc.sheet.clone(),
                    cell: loc.cell.clone(),
                    author: opts.author.clone(),
                    text,
                }
            })
            .collect();
        let (changes, placed) = xlsx_notes::add_notes(&pkg, &notes, limits)?;
        let out = pkg.rewrite(&changes)?;
        let ann = placed
            .into_iter()
            .map(|p| Annotation {
                index: p.index,
                location: Location::sheet_cell(p.sheet, p.cell),
                fallback: p.fallback,
            })
            .collect();
        Ok((out, ann))
    }
}

fn where_note(loc: &Location, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("\n（指摘箇所: {}）", loc.describe()),
        Lang::En => format!("\n(at {})", loc.describe_in(Lang::En)),
    }
}

fn initials(author: &str) -> String {
    author
        .chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tool_command_tests {
    use super::without_tool_commands;

    #[test]
    fn commands_are_left_out_of_what_the_applicant_reads() {
        assert_eq!(
            without_tool_commands(
                "現行様式（r7）に移してください（`yoshiki migrate 旧ファイル -o 新ファイル` で変換できます）。主な変更点: １５）"
            ),
            "現行様式（r7）に移してください。主な変更点: １５）"
        );
        assert_eq!(
            without_tool_commands(
                "Move the entries onto the current template (r7); `yoshiki migrate OLD -o NEW` does it. Changed clauses: 15)"
            ),
            "Move the entries onto the current template (r7). Changed clauses: 15)"
        );
        let plain = "「令和７年度版」に改めてください（2025年7月1日に改組）。";
        assert_eq!(without_tool_commands(plain), plain);
    }
}
