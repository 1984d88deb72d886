//! XD003 — 様式２と理由書の再委託額が合わない。
//!
//! 何を調べるか: 様式２ のⅢ再委託・外注費（税抜、宣言単位）と、理由書「５．」
//! の再委託先の行の契約金額の合計（税込の円、再々委託先以下の行は除く）が
//! 一致するか。理由書は税込で書くため、Ⅲ そのもの・Ⅲ×1.1 のどちらに等しく
//! てもよく、様式２ の宣言単位（千円）で１単位までの差は認める。
//!
//! なぜ問題か: 理由書は提案書で予算に計上した再委託を説明するものです。金額が違えば、どちらかが古いままです。
//!
//! 例: Ⅲ 18,000千円、再委託先 10,000,000円 + 20,000,000円 →
//! 30,000,000円 は 18,000,000円 とも 19,800,000円 とも違うので XD003。
//!
//! ---
//!
//! XD003 — subcontract amounts disagree between 様式２ and the 理由書.
//!
//! What it checks: whether 様式２'s Ⅲ再委託・外注費 (before tax, declared unit)
//! equals the sum of the contract amounts of the subcontractor rows of the
//! 理由書's 「５．」 (yen including tax, sub-subcontractor rows excluded). The
//! 理由書 includes tax, so it may equal Ⅲ itself or Ⅲ × 1.1, to one declared
//! unit (千円) of 様式２.
//!
//! Why it matters: the 理由書 justifies the subcontracting budgeted in the
//! proposal; different figures mean one of them is out of date.
//!
//! Example: Ⅲ 18,000千円 and subcontractors 10,000,000円 + 20,000,000円 →
//! 30,000,000円 is neither 18,000,000円 nor 19,800,000円, so XD003.

use super::field_util::{self as fu, Budget, diag, en_amount, group_digits, item, ja_amount};
use super::roles::Role;
use super::{Rule, SetContext};
use crate::model::finding::{Diagnostic, Text};

pub struct Xd003;

impl Rule for Xd003 {
    fn check_set(&self, ctx: &SetContext<'_>, out: &mut Vec<(String, Diagnostic)>) {
        let Some((pfile, pform)) = fu::set_forms(ctx, Role::Budget)
            .into_iter()
            .find(|(_, f)| Budget::of(f).subcontract.or_zero().is_some())
        else {
            return;
        };
        let b = Budget::of(pform);
        let u = b.unit;
        let Some(sub) = b.subcontract.or_zero() else {
            return;
        };
        for (file, form) in fu::set_forms(ctx, Role::SubcontractReason) {
            let Some((sum, rows)) = fu::subcontractor_sum(form) else {
                continue;
            };
            let Some(first) = rows.first() else { continue };
            let with_tax = sub + sub / 10;
            if (sum - sub).abs() <= u.yen() || (sum - with_tax).abs() <= u.yen() {
                continue;
            }
            let note = fu::other_file_note(file.path, pfile.path);
            let d = diag(
                "XD003",
                form,
                &item("subcontractors", *first, "amount"),
                Text::new(
                    format!(
                        "理由書の再委託先の契約金額の合計は {}円 ですが、様式２{}のⅢ再委託・外注費は {}（税込 {}円）です。",
                        group_digits(sum),
                        note,
                        ja_amount(sub, u),
                        group_digits(with_tax)
                    ),
                    format!(
                        "The 理由書's subcontractor amounts add up to {} yen but Ⅲ in the proposal ({}) is {} ({} yen with tax).",
                        group_digits(sum),
                        fu::file_name(pfile.path),
                        en_amount(sub, u),
                        group_digits(with_tax)
                    ),
                ),
            )
            .help(Text::new(
                format!(
                    "再委託先の行の金額（税込）の合計が {}円 になるよう理由書を直すか、様式２のⅢを見直してください（再々委託先以下の行は合計に含めません）。",
                    group_digits(with_tax)
                ),
                format!(
                    "Make the 再委託先 rows add up to {} yen (tax included), or correct Ⅲ in the proposal; sub-subcontractor rows are not counted.",
                    group_digits(with_tax)
                ),
            ));
            fu::push_set(out, file.path, pfile.path, d);
        }
    }
}
