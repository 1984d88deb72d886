//! RPT002 — 「未実施」「該当なし」の理由がない。
//!
//! 何を調べるか: 実施状況報告書で「未実施」または「該当なし」とした事項に、
//! その理由が書かれているか。理由は実施状況欄の語の後（「該当なし（外部公開
//! ウェブサイトを構築しないため）」）でも、事項を挙げた別葉でもよい（抽出で
//! どちらも items[i].detail に入る）。警告。
//!
//! なぜ問題か: 記載要領１.「『未実施』又は『該当なし』と記載した項目については、別葉にて理由も報告すること」。
//!
//! 例: １７）が「該当なし」だけで別葉にも理由なし → RPT002。
//!
//! ---
//!
//! RPT002 — 未実施 or 該当なし without a reason.
//!
//! What it checks: whether each item reported 「未実施」 or 「該当なし」 in the
//! 実施状況報告書 has its reason. The reason may follow the word in the status
//! column (「該当なし（外部公開ウェブサイトを構築しないため）」) or stand in a
//! separate sheet (別葉) naming the item (both are extracted into
//! items[i].detail). Warning.
//!
//! Why it matters: 記載要領１. asks for a reason, on a separate sheet, for
//! every item reported 未実施 or 該当なし.
//!
//! Example: item １７） reads only 「該当なし」 and no 別葉 gives a reason → RPT002.

use super::field_util::{self as fu, diag, is_blank, item, squash};
use super::roles::Role;
use super::rpt001::{item_label, item_number, item_place, status_word};
use super::{FileContext, Rule};
use crate::model::finding::{Diagnostic, Text};

pub struct Rpt002;

/// Some words beyond punctuation.
fn says_something(s: &str) -> bool {
    squash(s).chars().filter(|c| c.is_alphanumeric()).count() >= 2
}

impl Rule for Rpt002 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in fu::forms(ctx, Role::ComplianceReport) {
            for i in fu::indices(form, "items") {
                let field = item("items", i, "status");
                let Some(fv) = form.get(&field) else { continue };
                let Some((word, rest)) = status_word(&fv.value) else {
                    continue;
                };
                if word == "実施" {
                    continue;
                }
                let detail = form.text(&item("items", i, "detail")).unwrap_or("");
                let detail_rest = status_word(detail)
                    .map(|(_, r)| r)
                    .unwrap_or_else(|| detail.to_string());
                // 「（別葉のとおり）」 is no reason when the 別葉 does not give it
                // (extraction then leaves the detail out).
                let annex = super::declared::def_of(form)
                    .and_then(|d| d.lists.iter().find(|l| l.path == "items"))
                    .map(|l| l.annex.as_slice())
                    .unwrap_or(&[]);
                let points_away = crate::forms::filling::is_reference_to(&rest, annex);
                if (says_something(&rest) && !points_away)
                    || (!is_blank(&detail_rest) && says_something(&detail_rest))
                {
                    continue;
                }
                let n = item_number(form, i).map(item_label).unwrap_or_default();
                let n_en = item_number(form, i)
                    .map(|k| format!("{k})"))
                    .unwrap_or_default();
                out.push(
                    diag(
                        "RPT002",
                        form,
                        &field,
                        Text::new(
                            format!("報告事項{n}は「{word}」ですが、その理由が書かれていません（実施状況欄にも別葉にもありません）。"),
                            format!("Item {n_en} is reported as {word} but no reason is given (neither in the cell nor on a separate sheet)."),
                        ),
                    )
                    .place(item_place(form, i, "status"))
                    .help(Text::new(
                        format!("「{word}」の後に理由を続けて書くか（例: 「{word}（外部公開ウェブサイトを構築しないため）」）、別葉に事項{n}の理由を記入してください。"),
                        format!("Add the reason after {word} in the cell, or on a separate sheet naming item {n_en}."),
                    )),
                );
            }
        }
    }
}
