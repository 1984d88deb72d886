//! REQ002 記載不要の受付番号が記入されている / reception number filled in.
//!
//! 何を調べるか: 様式１・様式２の「受付番号 ※記載不要」の欄に何か書かれて
//! いないか。受付番号は受付側が付ける番号で、申請者は空欄のまま提出する。
//!
//! Why: the number is assigned on receipt; a number written by the applicant
//! collides with the official numbering and the file is sent back.
//!
//! 例 / example: 受付番号欄に「001」→ REQ002。空欄なら指摘なし。

use super::field_util::{self as fu, diag, squash};
use super::{FileContext, Rule};
use crate::diag::{Applicability, Diagnostic, Text};

pub struct Req002;

impl Rule for Req002 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            let Some(fv) = form.get("reception_number") else {
                continue;
            };
            let v = squash(&fv.value);
            // The template's own note is not an entry.
            let v = v.replace("※記載不要", "").replace("記載不要", "");
            if v.is_empty() {
                continue;
            }
            let d = diag(
                "REQ002",
                form,
                "reception_number",
                Text::new(
                    format!("受付番号は「※記載不要」の欄ですが、「{}」と記入されています。", fv.value.trim()),
                    format!("The reception number is assigned by the office (※記載不要) but \"{}\" was written.", fv.value.trim()),
                ),
            )
            .help(Text::new(
                "受付番号の欄は空欄のまま提出してください。",
                "Leave the reception number empty.",
            ))
            .fix(fv.value.trim(), "", Applicability::Unsafe);
            out.push(d);
        }
    }
}
