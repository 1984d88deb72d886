//! SUM001 — Ⅰ+Ⅱ+Ⅲ+Ⅳ が小計と合わない。
//!
//! 何を調べるか: 様式２「７．事業費総額」の 小計 が、Ⅰ人件費・Ⅱ事業費・
//! Ⅲ再委託・外注費・Ⅳ一般管理費 の合計と一致するか。宣言された単位（千円）
//! で１単位までの差は端数処理として認める。空欄の費目は０、Ⅱが空欄で
//! ①〜④が書かれていればその合計をⅡとみなす。
//! 他の公募の様式では、様式定義の `[[relation]]`（code = "SUM001"、`yoshiki learn`
//! が読み取った合計行）を、各欄の場所の名前で指摘する。
//!
//! なぜ問題か: 小計は消費税と総額を計算する元です。誤った小計は予算全体を食い違わせます。
//!
//! 例: Ⅰ 10,000 Ⅱ 12,000 Ⅲ 8,000 Ⅳ 1,000（千円）で小計 31,500
//! → SUM001「小計は 31,500千円 ですが、Ⅰ〜Ⅳの合計は 31,000千円 です」。
//! 小計 31,000 なら指摘なし。
//!
//! ---
//!
//! SUM001 — subtotal is not Ⅰ+Ⅱ+Ⅲ+Ⅳ.
//!
//! What it checks: whether the 小計 of 様式２ 「７．事業費総額」 equals the sum of
//! Ⅰ人件費, Ⅱ事業費, Ⅲ再委託・外注費 and Ⅳ一般管理費. A difference of up to
//! one declared unit (千円) is accepted as rounding. A blank cost line counts
//! as zero; with Ⅱ blank and ①–④ filled, their sum stands for Ⅱ. For other
//! calls' forms, a `[[relation]]` of the form definition (code = "SUM001", the
//! total rows `yoshiki learn` read) is checked and reported with the places'
//! names.
//!
//! Why it matters: the subtotal is what the tax and the total are computed
//! from; a wrong one makes the whole budget inconsistent.
//!
//! Example: Ⅰ 10,000 Ⅱ 12,000 Ⅲ 8,000 Ⅳ 1,000 (千円) with 小計 31,500 → SUM001
//! (the sum of Ⅰ–Ⅳ is 31,000千円). 小計 31,000 → no finding.

use super::field_util::{self as fu, Amount, Budget, diag, en_amount, ja_amount, number_in_unit};
use super::{FileContext, Rule};
use crate::model::finding::{Applicability, Diagnostic, Text};

pub struct Sum001;

impl Rule for Sum001 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        // Relations a definition declares under this code.
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            super::relations::check(form, ctx.config, "SUM001", out);
        }
        for form in fu::budget_forms(ctx) {
            let b = Budget::of(form);
            let Some(subtotal) = b.subtotal.written() else {
                continue;
            };
            let parts = [&b.personnel, &b.project, &b.subcontract, &b.general_admin];
            if parts.iter().all(|p| **p == Amount::Absent)
                && b.breakdown.iter().all(|p| *p == Amount::Absent)
            {
                continue;
            }
            let Some(sum) = b.components_sum() else {
                continue;
            };
            if (sum - subtotal).abs() <= b.unit.yen() {
                continue;
            }
            let u = b.unit;
            let show = |a: Option<i64>| number_in_unit(a.unwrap_or(0), u);
            let detail = format!(
                "Ⅰ {} + Ⅱ {} + Ⅲ {} + Ⅳ {}",
                show(b.personnel.or_zero()),
                show(b.project_or_breakdown()),
                show(b.subcontract.or_zero()),
                show(b.general_admin.or_zero())
            );
            let original = form
                .get("budget.subtotal")
                .map(|f| f.value.trim().to_string())
                .unwrap_or_default();
            let d = diag(
                "SUM001",
                form,
                "budget.subtotal",
                Text::new(
                    format!(
                        "小計は {} ですが、Ⅰ〜Ⅳの合計は {} です（{}）。",
                        ja_amount(subtotal, u),
                        ja_amount(sum, u),
                        detail
                    ),
                    format!(
                        "The subtotal is {} but Ⅰ+Ⅱ+Ⅲ+Ⅳ is {} ({}).",
                        en_amount(subtotal, u),
                        en_amount(sum, u),
                        detail
                    ),
                ),
            )
            .help(Text::new(
                format!(
                    "小計に {} と記入するか、Ⅰ〜Ⅳの各金額を見直してください。",
                    ja_amount(sum, u)
                ),
                format!(
                    "Write {} as the subtotal, or correct the amounts Ⅰ to Ⅳ.",
                    en_amount(sum, u)
                ),
            ))
            .fix(
                original.clone(),
                fu::replace_number(&original, &number_in_unit(sum, u)),
                Applicability::Display,
            );
            out.push(d);
        }
    }
}
