//! XD002 — 申請者名が様式の間で違う。
//!
//! 何を調べるか: 一つの提出書類一式で、様式１ 申請書の「企業・団体名」、理由書の
//! 「名称」、実施状況報告書の「名称」が同じ事業者を指しているか。全角半角・
//! 空白の違いと、株式会社 ／（株）／ ㈱ などの略記や会社の種類の書き忘れは無視する。多数派の
//! 名称を正とし、違う様式を指摘する。
//! 様式定義で `kind = "name"` と同じ `agree`（「申請者名」）を付けた欄どうしを比べる。
//!
//! なぜ問題か: すべての様式は同じ法人名で作られていなければなりません。違う名前は、多くの場合他社のファイルから写した様式です。
//!
//! 例: 申請書「株式会社サンプル」、理由書「㈱サンプル」→ 指摘なし。
//! 理由書「株式会社サンプル総研」→ XD002。
//!
//! ---
//!
//! XD002 — the applicant's name differs between forms.
//!
//! What it checks: whether, within one submission set, 様式１ 申請書's
//! 「企業・団体名」, the 理由書's 「名称」 and the 実施状況報告書's 「名称」 name the same
//! organisation, ignoring width, spaces, abbreviations such as 株式会社 /
//! （株） / ㈱ and a company type left out. The majority name is taken as right; a form that differs is
//! reported. With form definitions, fields with `kind = "name"` and the same
//! `agree` (「申請者名」) are compared.
//!
//! Why it matters: all forms must be made out by the same legal entity; a
//! different name usually means a form copied from another company's file.
//!
//! Example: 申請書 「株式会社サンプル」, 理由書 「㈱サンプル」 → no finding. 理由書
//! 「株式会社サンプル総研」 → XD002.

use super::field_util::normalize_org;
use super::xd001::{collect_groups, report_mismatches};
use super::{Rule, SetContext};
use crate::forms::rule_keys::Kind;
use crate::model::finding::{Diagnostic, Text};

pub struct Xd002;

impl Rule for Xd002 {
    fn check_set(&self, ctx: &SetContext<'_>, out: &mut Vec<(String, Diagnostic)>) {
        let names = collect_groups(
            ctx,
            |f| f.kind == Some(Kind::Name),
            |_| false,
            normalize_org,
        );
        for (group, entries) in names {
            report_mismatches("XD002", &entries, out, |m| {
                (
                    Text::new(
                        format!(
                            "{}（{}）の{group}「{}」が、{}（{}）の「{}」と違います。",
                            m.ename.ja, m.ef, m.ev, m.rname.ja, m.rf, m.rv
                        ),
                        format!(
                            "The applicant in {} ({}), \"{}\", differs from {} ({}): \"{}\".",
                            m.ename.en, m.ef, m.ev, m.rname.en, m.rf, m.rv
                        ),
                    ),
                    Text::new(
                        format!(
                            "すべての様式で同じ法人名「{}」を書いてください（登記上の名称）。",
                            m.rv
                        ),
                        format!(
                            "Write the same registered name on every form: \"{}\".",
                            m.rv
                        ),
                    ),
                )
            });
        }
    }
}
