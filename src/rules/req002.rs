//! REQ002 — 記載不要の受付番号が記入されている。
//!
//! 何を調べるか: 様式１・様式２の「受付番号 ※記載不要」の欄に何か書かれて
//! いないか。受付番号は受付側が付ける番号で、申請者は空欄のまま提出する。
//! 様式定義で `must_be_blank = true`（※記載不要・官用欄）とした欄が対象。
//!
//! なぜ問題か: 受付番号は受付の際に付けるもので、申請者が書いた番号は役所の番号と重なり、差し戻されます。
//!
//! 例: 受付番号欄に「001」→ REQ002。空欄なら指摘なし。
//!
//! ---
//!
//! REQ002 — reception number (※記載不要) filled in.
//!
//! What it checks: whether anything is written in the 「受付番号 ※記載不要」 field
//! of 様式１ and 様式２. The reception number is given by the receiving office;
//! the applicant leaves it blank. Fields a form definition marks
//! `must_be_blank = true` (※記載不要, for official use) are checked.
//!
//! Why it matters: the number is assigned on receipt; a number written by the
//! applicant collides with the official numbering and the file is sent back.
//!
//! Example: 「001」 in the reception number field → REQ002. Blank → no finding.

use super::declared;
use super::field_util::{self as fu, diag, squash};
use super::{FileContext, Rule};
use crate::model::finding::{Applicability, Diagnostic, Text};

pub struct Req002;

impl Rule for Req002 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            for f in declared::fields_where(form, |f| f.must_be_blank) {
                let Some(fv) = form.get(&f.path) else {
                    continue;
                };
                let v = squash(&fv.value);
                // The template's own note is not an entry.
                let v = v.replace("※記載不要", "").replace("記載不要", "");
                if v.is_empty() {
                    continue;
                }
                let en_place = if f.place_en.is_empty() {
                    &f.place
                } else {
                    &f.place_en
                };
                let written = fv.value.trim();
                let d = diag(
                    "REQ002",
                    form,
                    &f.path,
                    Text::new(
                        format!("{}は「※記載不要」の欄ですが、「{written}」と記入されています。", f.place),
                        format!("The {en_place} is assigned by the office (※記載不要) but \"{written}\" was written."),
                    ),
                )
                .help(declared::help_of(f).unwrap_or_else(|| {
                    Text::new(
                        format!("{}の欄は空欄のまま提出してください。", f.place),
                        format!("Leave the {en_place} empty."),
                    )
                }))
                .fix(written, "", Applicability::Unsafe);
                out.push(d);
            }
            office_columns(form, out);
        }
    }
}

/// The office-use columns of the form's lists (官用欄 beside each row of a
/// list of documents): any row's cell written in or marked.
fn office_columns(form: &crate::forms::ExtractedForm, out: &mut Vec<Diagnostic>) {
    let Some(def) = declared::def_of(form) else {
        return;
    };
    for list in &def.lists {
        for col in list.columns.iter().filter(|c| c.must_be_blank) {
            for i in fu::indices(form, &list.path) {
                for field in &col.fields {
                    let path = fu::item(&list.path, i, field);
                    let Some(fv) = form.get(&path) else { continue };
                    let written = fv.value.trim();
                    if written.is_empty() {
                        continue;
                    }
                    let place = crate::forms::definition::place_of(&form.form, &path);
                    let d = diag(
                        "REQ002",
                        form,
                        &path,
                        Text::new(
                            format!(
                                "「{}」は役所が記入する欄ですが、「{written}」と記入されています。",
                                place.ja
                            ),
                            format!(
                                "{} is for the office but \"{written}\" was written.",
                                place.en
                            ),
                        ),
                    )
                    .help(Text::new(
                        format!("「{}」には何も書かずに提出してください。", place.ja),
                        format!("Leave {} as printed.", place.en),
                    ));
                    out.push(d);
                }
            }
        }
    }
}
