//! SUM006 — 一般管理費が（Ⅰ＋Ⅱ）の10%を超えている。
//!
//! 何を調べるか: 様式２ のⅣ一般管理費が、Ⅰ人件費＋Ⅱ事業費 に一般管理費率
//! （設定 `[call] general_admin_rate`、既定 0.10）を掛けた額を超えていないか。
//! 警告（原課の定めで率が異なる場合があるため）。
//!
//! なぜ問題か: 一般管理費は直接経費（Ⅰ＋Ⅱ）に対する割合で上限があり、超えた分は支払われません。
//!
//! 例: Ⅰ 10,000 Ⅱ 12,000（千円）で一般管理費 3,000千円 → 上限は
//! 2,200千円 なので SUM006。2,200千円 なら指摘なし。
//!
//! ---
//!
//! SUM006 — general administrative cost over its rate.
//!
//! What it checks: whether 様式２'s Ⅳ一般管理費 exceeds Ⅰ人件費 + Ⅱ事業費 times
//! the rate (`[call] general_admin_rate`, default 0.10). Warning (the
//! commissioning division may set another rate).
//!
//! Why it matters: 一般管理費 is capped as a share of the direct costs (Ⅰ+Ⅱ);
//! more is not reimbursed.
//!
//! Example: Ⅰ 10,000 Ⅱ 12,000 (千円) with 一般管理費 3,000千円 → the cap is
//! 2,200千円, so SUM006. 2,200千円 → no finding.

use super::field_util::{self as fu, Budget, diag, en_amount, ja_amount, number_in_unit};
use super::{FileContext, Rule};
use crate::model::finding::{Applicability, Diagnostic, Text};

pub struct Sum006;

impl Rule for Sum006 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        // Relations a definition declares under this code.
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            super::relations::check(form, ctx.config, "SUM006", out);
        }
        let rate = ctx.config.call.general_admin_rate;
        for form in fu::budget_forms(ctx) {
            let b = Budget::of(form);
            let u = b.unit;
            let Some(ga) = b.general_admin.written().filter(|g| *g > 0) else {
                continue;
            };
            let (Some(personnel), Some(project)) =
                (b.personnel.or_zero(), b.project_or_breakdown())
            else {
                continue;
            };
            let base = personnel + project;
            let limit = rate * base as f64;
            if (ga as f64) <= limit + 0.5 {
                continue;
            }
            let limit_yen = limit.floor() as i64;
            let limit_unit = limit_yen / u.yen() * u.yen();
            let pct = format!("{}%", (rate * 1000.0).round() / 10.0);
            let original = form
                .get("budget.general_admin")
                .map(|f| f.value.trim().to_string())
                .unwrap_or_default();
            out.push(
                diag(
                    "SUM006",
                    form,
                    "budget.general_admin",
                    Text::new(
                        format!(
                            "一般管理費 {} が、Ⅰ人件費＋Ⅱ事業費 {} の{}（{}）を超えています。",
                            ja_amount(ga, u),
                            ja_amount(base, u),
                            pct,
                            ja_amount(limit_yen, u)
                        ),
                        format!(
                            "General administrative cost {} is over {} of Ⅰ+Ⅱ {} ({}).",
                            en_amount(ga, u),
                            pct,
                            en_amount(base, u),
                            en_amount(limit_yen, u)
                        ),
                    ),
                )
                .help(Text::new(
                    format!(
                        "一般管理費を {} 以下にしてください（Ⅰ＋Ⅱの{}まで）。",
                        ja_amount(limit_unit, u),
                        pct
                    ),
                    format!(
                        "Keep the general administrative cost at or below {} ({} of Ⅰ+Ⅱ).",
                        en_amount(limit_unit, u),
                        pct
                    ),
                ))
                .fix(
                    original.clone(),
                    fu::replace_number(&original, &number_in_unit(limit_unit, u)),
                    Applicability::Display,
                ),
            );
        }
    }
}
