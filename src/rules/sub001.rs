//! SUB001 — 再委託費率が50%超なのに理由書がない。
//!
//! 何を調べるか: 様式２ のⅢ再委託・外注費 ÷ 小計 が 50% を超えるのに、提出
//! 書類一式（同じフォルダ・zip）の中に 別添「再委託費率が５０％を超える
//! 理由書」が記入された状態で含まれていないか。様式２ は税抜・理由書は税込で
//! 書くため、Ⅲ÷小計（＝税込Ⅲ÷総額）で判定する。小計が空欄ならⅠ〜Ⅳの合計を
//! 使う。理由書の様式が白紙のまま残っている場合もこの指摘になる。
//!
//! なぜ問題か: 「事業費総額に対する再委託費の割合が５０％を超える場合は…理由書を作成し提出すること」。理由書がなければ提案書は揃っていません。
//!
//! 例: 小計 30,000千円 のうちⅢ 18,000千円（60.0%）で理由書なし
//! → SUB001。同じフォルダに記入済みの理由書があれば指摘なし。
//!
//! ---
//!
//! SUB001 — over 50% subcontracted, no 理由書.
//!
//! What it checks: whether, when 様式２'s Ⅲ再委託・外注費 ÷ 小計 is over 50%, the
//! submission set (the same folder or zip) lacks a filled 別添 「再委託費率が
//! ５０％を超える理由書」. 様式２ is before tax and the 理由書 includes tax, so
//! the test is Ⅲ ÷ 小計 (the same as tax-included Ⅲ ÷ 総額). With 小計 blank,
//! the sum of Ⅰ–Ⅳ is used. A 理由書 left blank in the template gives this
//! finding too.
//!
//! Why it matters: the call requires a 理由書 when the subcontracting share is
//! over 50% — without it the proposal is incomplete.
//!
//! Example: Ⅲ 18,000千円 of a 小計 of 30,000千円 (60.0%) and no 理由書 → SUB001.
//! A filled 理由書 in the same folder → no finding.

use super::field_util::{self as fu, Budget, diag, en_amount, ja_amount, pct};
use super::roles::Role;
use super::{Rule, SetContext};
use crate::model::finding::{Diagnostic, Text};

pub struct Sub001;

impl Rule for Sub001 {
    fn check_set(&self, ctx: &SetContext<'_>, out: &mut Vec<(String, Diagnostic)>) {
        // Every 理由書 of the set, blank ones next to filled forms included.
        let reasons: Vec<_> = ctx
            .files
            .iter()
            .flat_map(|file| file.forms.iter().map(move |f| (file, f)))
            .filter(|(_, f)| super::roles::plays(f, Role::SubcontractReason))
            .collect();
        if reasons.iter().any(|(_, f)| !fu::is_untouched(f)) {
            return;
        }
        let blank_reason = reasons.first();
        for (file, form) in fu::set_forms(ctx, Role::Budget) {
            let b = Budget::of(form);
            let u = b.unit;
            let Some(sub) = b.subcontract.written().filter(|s| *s > 0) else {
                continue;
            };
            let Some(base) = b
                .subtotal
                .written()
                .filter(|s| *s > 0)
                .or_else(|| b.components_sum())
                .filter(|s| *s > 0)
            else {
                continue;
            };
            let ratio = sub as f64 * 100.0 / base as f64;
            if ratio <= 50.0 {
                continue;
            }
            let (missing_ja, missing_en) = match blank_reason {
                Some((rf, _)) => (
                    format!(
                        "「再委託費率が５０％を超える理由書」が白紙のままです{}",
                        fu::other_file_note(file.path, rf.path)
                    ),
                    format!(
                        "the 理由書 (reasons for subcontracting over 50%) was left blank ({})",
                        fu::file_name(rf.path)
                    ),
                ),
                None => (
                    "提出書類の中に「再委託費率が５０％を超える理由書」が見当たりません"
                        .to_string(),
                    "no 理由書 (reasons for subcontracting over 50%) is in the submission"
                        .to_string(),
                ),
            };
            let mut d = diag(
                "SUB001",
                form,
                "budget.subcontract",
                Text::new(
                    format!(
                        "Ⅲ再委託・外注費 {} は小計 {} の {} で50%を超えていますが、{}。",
                        ja_amount(sub, u),
                        ja_amount(base, u),
                        pct(ratio),
                        missing_ja
                    ),
                    format!(
                        "Ⅲ subcontracting {} is {} of the subtotal {}, over 50%, but {}.",
                        en_amount(sub, u),
                        pct(ratio),
                        en_amount(base, u),
                        missing_en
                    ),
                ),
            )
            .help(Text::new(
                "別添「再委託費率が５０％を超える理由書」を記入して一緒に提出するか、再委託費を小計の50%以下にしてください。",
                "Fill in and submit the 理由書 with the proposal, or bring subcontracting to 50% of the subtotal or less.",
            ));
            if let Some((rf, _)) = blank_reason
                && rf.path != file.path
            {
                d = d.related(rf.path);
            }
            out.push((file.path.to_string(), d));
        }
    }
}
