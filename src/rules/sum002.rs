//! SUM002 — Ⅱ事業費が①〜④の合計と合わない。
//!
//! 何を調べるか: 様式２「７．事業費総額」のⅡ事業費が、①旅費・②会場費・
//! ③謝金・④補助職員人件費の合計と一致するか（宣言単位で１単位の差まで可）。
//! ④の下に申請者が行を足したとき（⑤印刷製本費 など）はその行も内訳に含める。
//! ①〜④がどれも書かれていなければ調べない。Ⅱが空欄で①〜④が書かれて
//! いれば、Ⅱの記入漏れとして指摘する。
//!
//! なぜ問題か: Ⅱは小計に入ります。内訳と合わなければ、どちらかが誤っています。
//!
//! 例: Ⅱ 12,000、① 3,000 ② 2,000 ③ 4,000 ④ 2,000（千円）
//! → SUM002「Ⅱ事業費は 12,000千円 ですが、①〜④の合計は 11,000千円 です」。
//!
//! ---
//!
//! SUM002 — Ⅱ事業費 is not ①+②+③+④.
//!
//! What it checks: whether 様式２ 「７．事業費総額」's Ⅱ事業費 equals the sum of
//! ①旅費, ②会場費, ③謝金 and ④補助職員人件費 (to one declared unit), with the
//! rows an applicant added under ④ (⑤印刷製本費 …). Not checked
//! when none of ①–④ is filled. With Ⅱ blank and ①–④ filled, Ⅱ is reported as
//! missing.
//!
//! Why it matters: Ⅱ is carried into the subtotal; a breakdown that does not
//! add up means one of the two is wrong.
//!
//! Example: Ⅱ 12,000, ① 3,000 ② 2,000 ③ 4,000 ④ 2,000 (千円) → SUM002 (①–④
//! add up to 11,000千円).

use super::field_util::{self as fu, Amount, Budget, diag, en_amount, ja_amount, number_in_unit};
use super::{FileContext, Rule};
use crate::model::finding::{Applicability, Diagnostic, Text};

pub struct Sum002;

impl Rule for Sum002 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        // Relations a definition declares under this code.
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            super::relations::check(form, ctx.config, "SUM002", out);
        }
        for form in fu::budget_forms(ctx) {
            let b = Budget::of(form);
            let Some(sum) = b.breakdown_sum() else {
                continue;
            };
            let u = b.unit;
            let show = |a: &Amount| number_in_unit(a.or_zero().unwrap_or(0), u);
            let mut detail = format!(
                "① {} + ② {} + ③ {} + ④ {}",
                show(&b.breakdown[0]),
                show(&b.breakdown[1]),
                show(&b.breakdown[2]),
                show(&b.breakdown[3])
            );
            for (label, a) in &b.added {
                detail.push_str(&format!(" + {} {}", label, show(a)));
            }
            let parts = if b.added.is_empty() {
                "①〜④"
            } else {
                "①〜④と追加した行"
            };
            let message = match &b.project {
                Amount::Bad(_) => continue,
                Amount::Value(_) | Amount::Nil => {
                    let p = b.project.written().unwrap_or(0);
                    if (p - sum).abs() <= u.yen() {
                        continue;
                    }
                    Text::new(
                        format!(
                            "Ⅱ事業費は {} ですが、{parts}の合計は {} です（{}）。",
                            ja_amount(p, u),
                            ja_amount(sum, u),
                            detail
                        ),
                        format!(
                            "Ⅱ project expenses is {} but ①+②+③+④ is {} ({}).",
                            en_amount(p, u),
                            en_amount(sum, u),
                            detail
                        ),
                    )
                }
                Amount::Blank | Amount::Absent => {
                    if sum == 0 {
                        continue;
                    }
                    Text::new(
                        format!(
                            "Ⅱ事業費が空欄ですが、{parts}の合計は {} です（{}）。",
                            ja_amount(sum, u),
                            detail
                        ),
                        format!(
                            "Ⅱ project expenses is empty but ①+②+③+④ is {} ({}).",
                            en_amount(sum, u),
                            detail
                        ),
                    )
                }
            };
            let original = form
                .get("budget.project_expenses")
                .map(|f| f.value.trim().to_string())
                .unwrap_or_default();
            let mut d = diag("SUM002", form, "budget.project_expenses", message).help(Text::new(
                format!(
                    "Ⅱ事業費に {} と記入するか、①〜④の各金額を見直してください。",
                    ja_amount(sum, u)
                ),
                format!("Write {} for Ⅱ, or correct ① to ④.", en_amount(sum, u)),
            ));
            if !original.is_empty() {
                d = d.fix(
                    original.clone(),
                    fu::replace_number(&original, &number_in_unit(sum, u)),
                    Applicability::Display,
                );
            }
            out.push(d);
        }
    }
}
