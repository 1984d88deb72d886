//! SUB003 — 再委託先の行の比率が合わない。
//!
//! 何を調べるか: 理由書「５．再委託先…及び契約金額等」の再委託先の行の
//! 「比率」が、その行の契約金額（消費税込み）÷ 様式２ の総額（消費税込み）
//! × 100 と 0.1 ポイントの単位で一致するか。再々委託先以下の行は比率を書かない
//! （SUB005）。同じ提出書類一式に様式２ がなければ調べない。
//!
//! なぜ問題か: 「※比率は、事業費総額に対する再委託の割合」。金額から導かれない行の比率は、事業のどれだけを外に出すかを誤って示します。
//!
//! 例: 総額 50,000,000円 で 10,000,000円 の行の比率 25.0% →
//! SUB003（正しくは 20.0%）。
//!
//! ---
//!
//! SUB003 — a subcontractor row's ratio is wrong.
//!
//! What it checks: whether the 「比率」 of each subcontractor row of the 理由書's
//! 「５．再委託先…及び契約金額等」 equals that row's contract amount (tax
//! included) ÷ 様式２'s 総額 (tax included) × 100, to 0.1 point.
//! Sub-subcontractor rows carry no ratio (SUB005). Not checked when the
//! submission set has no 様式２.
//!
//! Why it matters: the ratio is the share of the project total
//! (「※比率は、事業費総額に対する再委託の割合」) — a row ratio that does not
//! follow from its amount misstates how much of the project goes out.
//!
//! Example: 総額 50,000,000円 and a row of 10,000,000円 with ratio 25.0% →
//! SUB003 (20.0% is right).

use super::field_util::{self as fu, Amount, diag, group_digits, item, pct};
use super::roles::Role;
use super::{Rule, SetContext};
use crate::model::finding::{Applicability, Diagnostic, Text};

pub struct Sub003;

impl Rule for Sub003 {
    fn check_set(&self, ctx: &SetContext<'_>, out: &mut Vec<(String, Diagnostic)>) {
        let Some((tfile, _, total)) = fu::set_total(ctx) else {
            return;
        };
        for (file, form) in fu::set_forms(ctx, Role::SubcontractReason) {
            for i in fu::indices(form, "subcontractors") {
                if fu::is_sub_sub(form, i) {
                    continue;
                }
                let field = item("subcontractors", i, "ratio");
                let Some(Ok(stated)) = fu::percent(form, &field) else {
                    continue;
                };
                let Amount::Value(amount) = fu::row_amount(form, i) else {
                    continue;
                };
                let computed = amount as f64 * 100.0 / total as f64;
                if fu::ratio_matches(stated, computed) {
                    continue;
                }
                let name = form
                    .text(&item("subcontractors", i, "name"))
                    .unwrap_or("")
                    .replace('\n', " ");
                let original = form
                    .get(&field)
                    .map(|f| f.value.trim().to_string())
                    .unwrap_or_default();
                let suggested = format!("{:.1}", (computed * 10.0).round() / 10.0);
                let d = diag(
                    "SUB003",
                    form,
                    &field,
                    Text::new(
                        format!(
                            "再委託先「{}」の比率は {} と書かれていますが、契約金額 {}円 ÷ 様式２の総額 {}円{} × 100 は {} です。",
                            name,
                            pct(stated),
                            group_digits(amount),
                            group_digits(total),
                            fu::other_file_note(file.path, tfile.path),
                            pct(computed)
                        ),
                        format!(
                            "The ratio of subcontractor \"{}\" says {} but its amount {} yen ÷ the Form 2 total {} yen ({}) × 100 is {}.",
                            name,
                            pct(stated),
                            group_digits(amount),
                            group_digits(total),
                            fu::file_name(tfile.path),
                            pct(computed)
                        ),
                    ),
                )
                .help(Text::new(
                    format!("比率を「{suggested}%」と記入してください（契約金額 ÷ 事業費総額（消費税込み）× 100）。"),
                    format!("Write {suggested}% (amount ÷ total including tax × 100)."),
                ))
                .fix(original.clone(), fu::replace_number(&original, &suggested), Applicability::Unsafe);
                fu::push_set(out, file.path, tfile.path, d);
            }
        }
    }
}
