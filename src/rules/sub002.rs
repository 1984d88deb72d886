//! SUB002 — 再委託費率が計算と合わない。
//!
//! 何を調べるか: 理由書「４．再委託費率」が、５．の再委託先の契約金額の合計
//! （再々委託先以下の行は除く、消費税込み）÷ 様式２ の総額（消費税込み）×100
//! と 0.1 ポイントの単位で一致するか（小数第２位の四捨五入・切り捨てどちらも
//! 可）。同じ提出書類一式に様式２ がなければ調べない。
//!
//! なぜ問題か: 再委託費率は理由書が要るかどうかを決め、契約時にも確かめられます。金額から導かれる値でなければなりません。
//!
//! 例: 再委託先 10,000,000円 + 20,000,000円、総額 50,000,000円 →
//! 60.0%。「４．再委託費率」が 62.5% なら SUB002。
//!
//! ---
//!
//! SUB002 — stated subcontract ratio is wrong.
//!
//! What it checks: whether the 理由書's 「４．再委託費率」 equals the sum of the
//! subcontractors' contract amounts in ５． (sub-subcontractor rows excluded,
//! tax included) ÷ 様式２'s 総額 (tax included) × 100, to 0.1 point (rounded
//! or truncated at the second decimal). Not checked when the submission set
//! has no 様式２.
//!
//! Why it matters: the ratio decides whether the 理由書 is needed at all and is
//! checked against the contract; it must follow from the figures.
//!
//! Example: subcontractors 10,000,000円 + 20,000,000円, 総額 50,000,000円 → 60.0%.
//! A 「４．再委託費率」 of 62.5% → SUB002.

use super::field_util::{self as fu, diag, group_digits, pct};
use super::roles::Role;
use super::{Rule, SetContext};
use crate::model::finding::{Applicability, Diagnostic, Text};

pub struct Sub002;

impl Rule for Sub002 {
    fn check_set(&self, ctx: &SetContext<'_>, out: &mut Vec<(String, Diagnostic)>) {
        let Some((tfile, _, total)) = fu::set_total(ctx) else {
            return;
        };
        for (file, form) in fu::set_forms(ctx, Role::SubcontractReason) {
            let Some(Ok(stated)) = fu::percent(form, "subcontract_ratio") else {
                continue;
            };
            let Some((sum, rows)) = fu::subcontractor_sum(form) else {
                continue;
            };
            if rows.is_empty() {
                continue;
            }
            let computed = sum as f64 * 100.0 / total as f64;
            if fu::ratio_matches(stated, computed) {
                continue;
            }
            let original = form
                .get("subcontract_ratio")
                .map(|f| f.value.trim().to_string())
                .unwrap_or_default();
            let suggested = format!("{:.1}", (computed * 10.0).round() / 10.0);
            let d = diag(
                "SUB002",
                form,
                "subcontract_ratio",
                Text::new(
                    format!(
                        "再委託費率は {} と書かれていますが、再委託先の契約金額の合計 {}円 ÷ 様式２の総額 {}円{} × 100 は {} です。",
                        pct(stated),
                        group_digits(sum),
                        group_digits(total),
                        fu::other_file_note(file.path, tfile.path),
                        pct(computed)
                    ),
                    format!(
                        "The subcontract ratio says {} but the subcontractors' total {} yen ÷ the Form 2 total {} yen ({}) × 100 is {}.",
                        pct(stated),
                        group_digits(sum),
                        group_digits(total),
                        fu::file_name(tfile.path),
                        pct(computed)
                    ),
                ),
            )
            .help(Text::new(
                format!("再委託費率を「{suggested}％」と記入するか、契約金額・総額を見直してください（再々委託先以下の金額は含めません）。"),
                format!("Write {suggested}% or correct the amounts (rows of sub-subcontractors are not counted)."),
            ))
            .fix(original.clone(), fu::replace_number(&original, &suggested), Applicability::Unsafe);
            fu::push_set(out, file.path, tfile.path, d);
        }
    }
}
