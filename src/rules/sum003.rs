//! SUM003 — 消費税が小計の10%でない。
//!
//! 何を調べるか: 様式２「７．事業費総額」の 消費税及び地方消費税 が 小計 の
//! 10% になっているか。端数処理のため、宣言された単位（千円）で１単位までの
//! 差は認める。小計があるのに消費税欄が空欄のときも指摘する。
//!
//! なぜ問題か: 委託事業の総額には10%の消費税及び地方消費税が含まれます。税の行が誤っていれば総額も誤ります。
//!
//! 例: 小計 31,000千円、消費税 3,000千円 → SUM003「消費税及び
//! 地方消費税は 3,000千円 ですが、小計 31,000千円 の10%は 3,100千円 です」。
//!
//! ---
//!
//! SUM003 — consumption tax is not 10% of the subtotal.
//!
//! What it checks: whether 様式２ 「７．事業費総額」's 消費税及び地方消費税 is 10% of
//! the 小計, to one declared unit (千円) for rounding. A blank tax line with a
//! 小計 is reported too.
//!
//! Why it matters: the total of a commissioned project includes 10%
//! consumption and local consumption tax; a wrong tax line makes the total
//! wrong.
//!
//! Example: 小計 31,000千円 with tax 3,000千円 → SUM003 (10% of 31,000千円 is
//! 3,100千円).

use super::field_util::{self as fu, Amount, Budget, diag, en_amount, ja_amount, number_in_unit};
use super::{FileContext, Rule};
use crate::model::finding::{Applicability, Diagnostic, Text};

pub struct Sum003;

impl Rule for Sum003 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        // Relations a definition declares under this code.
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            super::relations::check(form, ctx.config, "SUM003", out);
        }
        for form in fu::budget_forms(ctx) {
            let b = Budget::of(form);
            let u = b.unit;
            let Some(subtotal) = b.subtotal.written().filter(|s| *s > 0) else {
                continue;
            };
            // 10% in yen, rounded down to the unit for the suggestion.
            let suggested = (subtotal / 10) / u.yen() * u.yen();
            let about = if subtotal % 10 == 0 { "" } else { "約" };
            let exact_ja = format!("{about}{}", ja_amount(subtotal / 10, u));
            let exact_en = format!(
                "{}{}",
                if about.is_empty() { "" } else { "about " },
                en_amount(subtotal / 10, u)
            );
            let message = match &b.tax {
                Amount::Value(_) | Amount::Nil => {
                    let tax = b.tax.written().unwrap_or(0);
                    if (tax * 10 - subtotal).abs() <= u.yen() * 10 {
                        continue;
                    }
                    Text::new(
                        format!(
                            "消費税及び地方消費税は {} ですが、小計 {} の10%は {} です。",
                            ja_amount(tax, u),
                            ja_amount(subtotal, u),
                            exact_ja
                        ),
                        format!(
                            "Consumption tax is {} but 10% of the subtotal {} is {}.",
                            en_amount(tax, u),
                            en_amount(subtotal, u),
                            exact_en
                        ),
                    )
                }
                Amount::Blank => Text::new(
                    format!(
                        "消費税及び地方消費税が空欄です。小計 {} の10%は {} です。",
                        ja_amount(subtotal, u),
                        exact_ja
                    ),
                    format!(
                        "Consumption tax is empty; 10% of the subtotal {} is {}.",
                        en_amount(subtotal, u),
                        exact_en
                    ),
                ),
                Amount::Absent | Amount::Bad(_) => continue,
            };
            let original = form
                .get("budget.consumption_tax")
                .map(|f| f.value.trim().to_string())
                .unwrap_or_default();
            let mut d = diag("SUM003", form, "budget.consumption_tax", message).help(Text::new(
                format!("消費税及び地方消費税に {} と記入してください（小計 × 10%、単位未満切り捨て）。", ja_amount(suggested, u)),
                format!("Write {} (10% of the subtotal, rounded down to the unit).", en_amount(suggested, u)),
            ));
            if !original.is_empty() {
                d = d.fix(
                    original.clone(),
                    fu::replace_number(&original, &number_in_unit(suggested, u)),
                    Applicability::Unsafe,
                );
            }
            out.push(d);
        }
    }
}
