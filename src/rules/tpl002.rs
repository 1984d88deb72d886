//! TPL002 — 様式の行・項目・欄が削除されている。
//!
//! 何を調べるか: 様式定義の `[template] rows` に書かれた行の見出し・項目名・
//! 欄（「預貯金額」「３．事業計画」など）が、提出された様式に残っているか。
//! 使わない予備の空行を消すのはかまわない（予備行は rows に書かない）。
//!
//! なぜ問題か: 項目を消した様式では、書くべきことが書かれていないのか、該当しないのかが分かりません。該当しない項目は消さずに「該当なし」と書きます。
//!
//! 例: 経費明細の「謝金」の行が削除されている → TPL002。
//!
//! ---
//!
//! TPL002 — a template row, item or section was deleted.
//!
//! What it checks: whether the row headings, items and sections listed in the
//! form definition's `[template] rows` (「預貯金額」, 「３．事業計画」 …) are still
//! in the submitted form. Deleting unused spare rows is fine (spare rows are
//! not listed).
//!
//! Why it matters: with an item deleted, nobody can tell whether it was left
//! out or does not apply. Write 「該当なし」 instead of deleting an item that
//! does not apply.
//!
//! Example: the 「謝金」 row of the cost breakdown deleted → TPL002.

use super::field_util as fu;
use super::template_match::has_row;
use super::{FileContext, Rule};
use crate::model::finding::{Diagnostic, Text};

pub struct Tpl002;

impl Rule for Tpl002 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            let Some(template) = super::declared::def_of(form).and_then(|d| d.template.as_ref())
            else {
                continue;
            };
            let name = fu::form_name(&form.form);
            for row in &template.rows {
                // A label is short: only an exact (folded) match counts.
                if has_row(ctx.doc, form, row) {
                    continue;
                }
                out.push(
                    crate::rules::finding(
                        "TPL002",
                        Text::new(
                            format!("{} の「{}」の行・項目が見当たりません（削除されています）。", name.ja, row),
                            format!("The row or item \"{}\" of {} is missing (deleted).", row, name.en),
                        ),
                    )
                    .form(form.form.clone())
                    .place(name.clone())
                    .location(form.start.clone())
                    .help(Text::new(
                        format!("様式の「{row}」の行・項目を元に戻し、該当しない場合は「該当なし」と書いてください。"),
                        format!("Restore \"{row}\"; if it does not apply, write 該当なし rather than deleting it."),
                    )),
                );
            }
        }
    }
}
