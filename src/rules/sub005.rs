//! SUB005 — 再々委託先の行に比率が書かれている。
//!
//! 何を調べるか: 理由書「５．」の再々委託先（及びそれ以下）の行の「比率」欄に
//! 数値が書かれていないか。様式では「＿」のままにする（記入不要）。
//!
//! なぜ問題か: 「※比率は…再々委託先及びそれ以下の委託先は記入不要」。そこに比率があると、列を合計する人が二重に数えます。
//!
//! 例: [再々委託先] の行の比率が「4.0%」→ SUB005。「＿」なら指摘なし。
//!
//! ---
//!
//! SUB005 — ratio on a sub-subcontractor row.
//!
//! What it checks: whether a number is written in the 「比率」 cell of a
//! sub-subcontractor (or lower) row of the 理由書's 「５．」. The template leaves
//! it as 「＿」 (not to be filled in).
//!
//! Why it matters: the call says sub-subcontractors carry no ratio — a ratio
//! there is counted twice by readers adding up the column.
//!
//! Example: a [再々委託先] row with ratio 「4.0%」 → SUB005. 「＿」 → no finding.

use super::field_util::{self as fu, diag, item};
use super::roles::Role;
use super::{FileContext, Rule};
use crate::model::finding::{Applicability, Diagnostic, Text};

pub struct Sub005;

impl Rule for Sub005 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in fu::forms(ctx, Role::SubcontractReason) {
            for i in fu::indices(form, "subcontractors") {
                let has_tier = form.text(&item("subcontractors", i, "tier")).is_some();
                if !has_tier || !fu::is_sub_sub(form, i) {
                    continue;
                }
                let field = item("subcontractors", i, "ratio");
                let Some(ratio) = form.text(&field) else {
                    continue;
                };
                if !fu::nfkc(ratio).chars().any(|c| c.is_ascii_digit()) {
                    continue;
                }
                let name = form
                    .text(&item("subcontractors", i, "name"))
                    .unwrap_or("")
                    .replace('\n', " ");
                out.push(
                    diag(
                        "SUB005",
                        form,
                        &field,
                        Text::new(
                            format!("再々委託先「{name}」の行に比率「{ratio}」が書かれています。再々委託先以下の比率は記入不要です。"),
                            format!("The sub-subcontractor row \"{name}\" carries a ratio ({ratio}); such rows take none."),
                        ),
                    )
                    .help(Text::new(
                        "比率の欄は「＿」のままにしてください（比率は再委託先の行だけに書きます）。",
                        "Leave the ratio as ＿ (ratios are written on 再委託先 rows only).",
                    ))
                    .fix(ratio, "＿", Applicability::Unsafe),
                );
            }
        }
    }
}
