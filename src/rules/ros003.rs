//! ROS003 — 再委託するのに再委託先の情報取扱者がいない。
//!
//! 何を調べるか: 様式２ のⅢ再委託・外注費が０より大きいか、記入済みの
//! 理由書が提出書類一式にあるのに、情報取扱者名簿の「再委託先」の行に誰も
//! 書かれていないか。名簿が同じファイルに白紙で残っているだけ（契約時に提出）
//! のときは調べない。警告。
//!
//! なぜ問題か: 【情報管理体制図に記載すべき事項】「保護すべき情報を取り扱う全ての者（再委託先も含む。）」。再委託先の取扱者も名簿に載せる必要があります。
//!
//! 例: Ⅲ 8,000千円 なのに名簿の再委託先（Ｆ）の行が空欄 → ROS003。
//!
//! ---
//!
//! ROS003 — subcontracting, but no subcontractor handler listed.
//!
//! What it checks: whether, when 様式２'s Ⅲ再委託・外注費 is above zero or a
//! filled 理由書 is in the submission set, nobody is listed on the 「再委託先」
//! rows of the 情報取扱者名簿. Not checked when the roster is only left blank in
//! the same file (it is handed in at the contract). Warning.
//!
//! Why it matters: 【情報管理体制図に記載すべき事項】 asks for everyone handling
//! protected information, subcontractors included — their handlers must be
//! listed.
//!
//! Example: Ⅲ 8,000千円 but the roster's subcontractor (Ｆ) rows are blank → ROS003.

use super::field_util::{self as fu, Budget, diag, en_amount, ja_amount};
use super::roles::Role;
use super::ros001::unnamed_role_field;
use super::{Rule, SetContext};
use crate::model::finding::{Diagnostic, Text};

pub struct Ros003;

impl Rule for Ros003 {
    fn check_set(&self, ctx: &SetContext<'_>, out: &mut Vec<(String, Diagnostic)>) {
        // Where subcontracting is declared.
        let mut declared: Option<(String, Text)> = None;
        for (file, form) in fu::set_forms(ctx, Role::Budget) {
            let b = Budget::of(form);
            if let Some(sub) = b.subcontract.written().filter(|s| *s > 0) {
                declared = Some((
                    file.path.to_string(),
                    Text::new(
                        format!(
                            "様式２でⅢ再委託・外注費 {} を計上していますが",
                            ja_amount(sub, b.unit)
                        ),
                        format!(
                            "the proposal budgets {} for subcontracting",
                            en_amount(sub, b.unit)
                        ),
                    ),
                ));
                break;
            }
        }
        if declared.is_none()
            && let Some((file, _)) = fu::set_forms(ctx, Role::SubcontractReason)
                .into_iter()
                .find(|(_, f)| !fu::is_untouched(f))
        {
            declared = Some((
                file.path.to_string(),
                Text::new(
                    "再委託費率が５０％を超える理由書を提出していますが",
                    "a 理由書 for subcontracting is submitted",
                ),
            ));
        }
        let Some((dpath, why)) = declared else { return };
        for (file, form) in fu::set_forms(ctx, Role::HandlerRoster) {
            let Some(field) = unnamed_role_field(form, "subcontractor") else {
                continue;
            };
            let d = diag(
                "ROS003",
                form,
                &field,
                Text::new(
                    format!(
                        "{}{}、情報取扱者名簿の「再委託先」の行に誰も書かれていません。",
                        why.ja,
                        fu::other_file_note(file.path, &dpath)
                    ),
                    format!(
                        "{} ({}), but no subcontractor (再委託先) handler is listed in the roster.",
                        why.en,
                        fu::file_name(&dpath)
                    ),
                ),
            )
            .help(Text::new(
                "再委託先で情報を取り扱う人を「再委託先」の行に記入してください（情報管理体制図にも再委託先を含めます）。",
                "List the subcontractor's information handlers on the 再委託先 row (and include them in the diagram).",
            ));
            fu::push_set(out, file.path, &dpath, d);
        }
    }
}
