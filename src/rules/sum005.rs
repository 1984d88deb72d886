//! SUM005 — 総額が公募の上限額を超えている。
//!
//! 何を調べるか: 様式２ の 総額（消費税込み）が、設定ファイル
//! `yoshiki.toml` の `[call] budget_cap`（円、消費税込み）を超えていないか。
//! 上限額が設定されていなければ調べない。
//!
//! なぜ問題か: 「※総額は委託予定額の上限内に収めて下さい」。上限を超えた提案は対象になりません。
//!
//! 例: budget_cap = 50_000_000 で総額 55,000千円 → SUM005。
//! 総額 50,000千円 なら指摘なし。
//!
//! ---
//!
//! SUM005 — total over the cap of the call.
//!
//! What it checks: whether 様式２'s 総額 (tax included) exceeds `[call]
//! budget_cap` (yen, tax included) of `yoshiki.toml`. Not checked when no cap
//! is set.
//!
//! Why it matters: the call says the total must stay within the planned
//! amount — a proposal over the cap is not eligible.
//!
//! Example: budget_cap = 50_000_000 and 総額 55,000千円 → SUM005. 総額 50,000千円
//! → no finding.

use super::field_util::{self as fu, Budget, diag, en_amount, ja_amount};
use super::{FileContext, Rule};
use crate::model::finding::{Diagnostic, Text};

pub struct Sum005;

impl Rule for Sum005 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        // Relations a definition declares under this code.
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            super::relations::check(form, ctx.config, "SUM005", out);
        }
        let Some(cap) = ctx.config.call.budget_cap else {
            return;
        };
        for form in fu::budget_forms(ctx) {
            let b = Budget::of(form);
            let u = b.unit;
            let Some(total) = b.total.written() else {
                continue;
            };
            if total <= cap {
                continue;
            }
            out.push(
                diag(
                    "SUM005",
                    form,
                    "budget.total",
                    Text::new(
                        format!(
                            "総額 {} が、公募の上限額 {}（消費税込み）を {} 超えています。",
                            ja_amount(total, u),
                            ja_amount(cap, u),
                            ja_amount(total - cap, u)
                        ),
                        format!(
                            "The total {} is over the cap of the call, {} (tax included), by {}.",
                            en_amount(total, u),
                            en_amount(cap, u),
                            en_amount(total - cap, u)
                        ),
                    ),
                )
                .help(Text::new(
                    format!(
                        "総額が {} 以下になるよう経費を見直してください。",
                        ja_amount(cap, u)
                    ),
                    format!(
                        "Reduce the budget so that the total is at most {}.",
                        en_amount(cap, u)
                    ),
                )),
            );
        }
    }
}
