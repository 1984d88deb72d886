//! SUB006 — 事業類型が Ⅰ Ⅱ Ⅲ － のどれでもない。
//!
//! 何を調べるか: 理由書「２．本事業における再委託を有する事業類型」が
//! 「Ⅰ」「Ⅱ」「Ⅲ」（特段の定めがない場合は「－」）のいずれかか。同じ記号の
//! 全角・半角の違い（Ⅱ / II / ＩＩ、－ / - / ー / −）は認め、それ以外
//! （「2」「類型Ⅱ」「Ⅱ、Ⅲ」「なし」など）は指摘する。空欄は REQ001。
//!
//! なぜ問題か: 事業類型はどの理由が当てはまるかを決め（募集要領 ８．（２））、機械的に読み取られます。
//!
//! 例: 「２」→ SUB006（「Ⅱ」と書く）。「Ⅱ」「II」→ 指摘なし。
//!
//! ---
//!
//! SUB006 — project type not Ⅰ, Ⅱ, Ⅲ or －.
//!
//! What it checks: whether the 理由書's 「２．本事業における再委託を有する
//! 事業類型」 is one of 「Ⅰ」, 「Ⅱ」, 「Ⅲ」 (or 「－」 when the call sets none).
//! Full-/half-width spellings of the same mark (Ⅱ / II / ＩＩ, － / - / ー / −) are
//! accepted; anything else (「2」, 「類型Ⅱ」, 「Ⅱ、Ⅲ」, 「なし」) is reported. A blank
//! is REQ001.
//!
//! Why it matters: the type decides which justification applies (募集要領
//! ８．（２）) and is read mechanically.
//!
//! Example: 「２」 → SUB006 (write 「Ⅱ」). 「Ⅱ」, 「II」 → no finding.

use super::field_util::{self as fu, diag, squash};
use super::roles::Role;
use super::{FileContext, Rule};
use crate::model::finding::{Applicability, Diagnostic, Text};

pub struct Sub006;

/// The accepted symbol a text stands for exactly, ignoring width and
/// surrounding quotes.
pub fn accepted(text: &str) -> Option<&'static str> {
    let s = squash(text);
    let s = s.trim_matches(|c| matches!(c, '「' | '」' | '『' | '』' | '"' | '\''));
    match s {
        "I" => Some("Ⅰ"),
        "II" => Some("Ⅱ"),
        "III" => Some("Ⅲ"),
        "-" | "ー" | "−" | "‐" | "‑" | "―" | "—" | "–" | "─" => Some("－"),
        _ => None,
    }
}

/// The symbol the writer probably meant, for the help.
fn guess(text: &str) -> Option<&'static str> {
    let s = squash(text).replace("事業類型", "").replace("類型", "");
    if let Some(a) = accepted(&s) {
        return Some(a);
    }
    match s.trim_matches(|c| matches!(c, '「' | '」' | '(' | ')')) {
        "1" | "i" | "l" => Some("Ⅰ"),
        "2" | "ii" => Some("Ⅱ"),
        "3" | "iii" => Some("Ⅲ"),
        "なし" | "無" | "無し" | "該当なし" | "特段の定めなし" => Some("－"),
        _ => None,
    }
}

impl Rule for Sub006 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in fu::forms(ctx, Role::SubcontractReason) {
            let Some(v) = form.text("business_type") else {
                continue;
            };
            if accepted(v).is_some() {
                continue;
            }
            let mut d = diag(
                "SUB006",
                form,
                "business_type",
                Text::new(
                    format!(
                        "事業類型が「{v}」になっています。「Ⅰ」「Ⅱ」「Ⅲ」のいずれか、特段の定めがない場合は「－」だけを記入します。"
                    ),
                    format!(
                        "The project type reads \"{v}\"; it must be exactly one of Ⅰ, Ⅱ, Ⅲ, or － when none applies."
                    ),
                ),
            );
            match guess(v) {
                Some(g) => {
                    d = d
                        .help(Text::new(
                            format!("「{g}」と記入してください。"),
                            format!("Write {g}."),
                        ))
                        .fix(v, g, Applicability::Unsafe);
                }
                None => {
                    d = d.help(Text::new(
                        "募集要領「８．契約について（２）」の事業類型から「Ⅰ」「Ⅱ」「Ⅲ」のいずれか一つ（該当しなければ「－」）を記入してください。",
                        "Write one of Ⅰ, Ⅱ, Ⅲ from section 8 (2) of the call, or － when none applies.",
                    ));
                }
            }
            out.push(d);
        }
    }
}
