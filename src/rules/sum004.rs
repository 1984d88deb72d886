//! SUM004 — 小計＋消費税が総額と合わない。
//!
//! 何を調べるか: 様式２「７．事業費総額」の 総額 が 小計 と 消費税及び
//! 地方消費税 の和になっているか（宣言された単位で１単位の差まで可）。
//! 消費税欄が空欄のときは SUM003 が指摘するのでここでは調べない。
//!
//! なぜ問題か: 総額は契約の金額で、公募の上限額に収まる必要があります。内訳の和でなければなりません。
//!
//! 例: 小計 31,000千円 + 消費税 3,100千円 で総額 35,100千円 →
//! SUM004「総額は 35,100千円 ですが、小計＋消費税は 34,100千円 です」。
//!
//! ---
//!
//! SUM004 — subtotal + tax is not the total.
//!
//! What it checks: whether 様式２ 「７．事業費総額」's 総額 is the sum of 小計 and
//! 消費税及び地方消費税 (to one declared unit). Not checked when the tax line is
//! blank (SUM003 reports that).
//!
//! Why it matters: the total is the amount the contract is made for and must
//! stay within the cap of the call; it has to be the sum of its parts.
//!
//! Example: 小計 31,000千円 + tax 3,100千円 with 総額 35,100千円 → SUM004
//! (小計 + tax is 34,100千円).

use super::field_util::{self as fu, Budget, diag, en_amount, ja_amount, number_in_unit};
use super::{FileContext, Rule};
use crate::model::finding::{Applicability, Diagnostic, Text};

pub struct Sum004;

impl Rule for Sum004 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        // Relations a definition declares under this code.
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            super::relations::check(form, ctx.config, "SUM004", out);
        }
        for form in fu::budget_forms(ctx) {
            let b = Budget::of(form);
            let u = b.unit;
            let (Some(subtotal), Some(tax), Some(total)) =
                (b.subtotal.written(), b.tax.written(), b.total.written())
            else {
                continue;
            };
            let sum = subtotal + tax;
            if (sum - total).abs() <= u.yen() {
                continue;
            }
            let original = form
                .get("budget.total")
                .map(|f| f.value.trim().to_string())
                .unwrap_or_default();
            out.push(
                diag(
                    "SUM004",
                    form,
                    "budget.total",
                    Text::new(
                        format!(
                            "総額は {} ですが、小計 {} ＋ 消費税及び地方消費税 {} は {} です。",
                            ja_amount(total, u),
                            ja_amount(subtotal, u),
                            ja_amount(tax, u),
                            ja_amount(sum, u)
                        ),
                        format!(
                            "The total is {} but subtotal {} + tax {} is {}.",
                            en_amount(total, u),
                            en_amount(subtotal, u),
                            en_amount(tax, u),
                            en_amount(sum, u)
                        ),
                    ),
                )
                .help(Text::new(
                    format!(
                        "総額に {} と記入するか、小計・消費税を見直してください。",
                        ja_amount(sum, u)
                    ),
                    format!(
                        "Write {} as the total, or correct the subtotal or the tax.",
                        en_amount(sum, u)
                    ),
                ))
                .fix(
                    original.clone(),
                    fu::replace_number(&original, &number_in_unit(sum, u)),
                    Applicability::Unsafe,
                ),
            );
        }
    }
}
