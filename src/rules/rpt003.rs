//! RPT003 — 報告事項の行（２）〜１７））が欠けている。
//!
//! 何を調べるか: 実施状況報告書「２．報告事項」の表に、情報セキュリティに関する
//! 事項２）から１７）までの行がすべてあるか。行を削除した・古い様式から写した
//! ときに欠けやすい（１３）・１４）は令和７年度版で追加）。
//!
//! なぜ問題か: 記載要領１. により報告は２）から１７）のすべての事項にわたります。欠けた行は報告されていない義務です。
//!
//! 例: １３）と１４）の行がない表 → RPT003 が２件。
//!
//! ---
//!
//! RPT003 — a report item row (２）to １７）) is missing.
//!
//! What it checks: whether the table of the 実施状況報告書's 「２．報告事項」 has
//! every row of the information-security items ２） to １７）. Rows go missing
//! when deleted or copied from an old template (１３） and １４） were added in
//! the 令和７年度 edition).
//!
//! Why it matters: 記載要領１. — the report covers every item 2) to 17); a
//! missing row is an unreported obligation.
//!
//! Example: a table without rows １３） and １４） → two RPT003 findings.

use super::field_util::{self as fu, item};
use super::roles::Role;
use super::rpt001::{item_label, item_number};
use super::{FileContext, Rule};
use crate::model::finding::{Diagnostic, Text};

pub struct Rpt003;

impl Rule for Rpt003 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in fu::forms(ctx, Role::ComplianceReport) {
            let numbered: Vec<(u32, usize)> = fu::indices(form, "items")
                .filter_map(|i| item_number(form, i).map(|n| (n, i)))
                .collect();
            let base = |msg: Text| {
                crate::rules::finding("RPT003", msg)
                    .form(form.form.clone())
                    .field("items")
                    .place(fu::list_place(&form.form, "items"))
            };
            if numbered.is_empty() {
                out.push(
                    base(Text::new(
                        "報告事項（情報セキュリティに関する事項２）〜１７））の表が見つかりません。",
                        "The table of report items 2) to 17) was not found.",
                    ))
                    .location(form.start.clone())
                    .help(Text::new(
                        "様式どおり「２．報告事項」の表に事項２）〜１７）の行を設け、それぞれ実施状況を記入してください。",
                        "Add the table with one row per item 2) to 17) and report each status.",
                    )),
                );
                continue;
            }
            for n in 2..=17u32 {
                if numbered.iter().any(|(m, _)| *m == n) {
                    continue;
                }
                // Point at the row after which the missing one belongs.
                let prev = numbered
                    .iter()
                    .filter(|(m, _)| *m < n)
                    .max_by_key(|(m, _)| *m);
                let next = numbered
                    .iter()
                    .filter(|(m, _)| *m > n)
                    .min_by_key(|(m, _)| *m);
                let anchor = prev.or(next).map(|(_, i)| *i);
                let location = anchor
                    .and_then(|i| {
                        form.get(&item("items", i, "number"))
                            .or_else(|| form.get(&item("items", i, "status")))
                    })
                    .map(|f| f.location.clone())
                    .unwrap_or_else(|| form.start.clone());
                let label = item_label(n);
                let after = prev
                    .map(|(m, _)| format!("（{}の次）", item_label(*m)))
                    .unwrap_or_default();
                out.push(
                    base(Text::new(
                        format!("報告事項に「情報セキュリティに関する事項{label}」の行がありません{after}。"),
                        format!("The report has no row for item {n})."),
                    ))
                    .location(location)
                    .help(Text::new(
                        format!("事項{label}の行を様式どおりに追加し、実施状況（「実施」「未実施」「該当なし」）を記入してください。"),
                        format!("Add the row for item {n}) as in the form and report its status."),
                    )),
                );
            }
        }
    }
}
