//! RPT001 — 実施状況が「実施」「未実施」「該当なし」のどれでもない。
//!
//! 何を調べるか: 別紙「実施状況報告書」２．報告事項の各行の「実施状況」欄が、
//! 「実施」「未実施」「該当なし」のいずれか一つで書かれているか。○・済・
//! 実施済み・×・－ などの記号や言い換え、二つ以上の併記、空欄を指摘する
//! （空欄も「いずれか一つを記載」の違反としてこのコードで扱い、REQ001 には
//! しない）。語の後に改行や括弧で理由・内容が続くのはよい。□実施 □未実施
//! □該当なし のように欄に印を付ける書き方（Word のチェックボックス ☒、
//! ■・☑・○ など。印は schemas/vocabulary/filling.toml）では、印の付いた一つが
//! その状況で、二つ以上に印がある・どれにも印がないときに指摘する。
//!
//! なぜ問題か: 記載要領１.「『実施』、『未実施』又は『該当なし』のいずれか一つを記載すること」。報告はこの語のとおりに集計されます。
//!
//! 例: 「○」→ RPT001（「実施」と書く）。「実施」「未実施（理由：…）」
//! → 指摘なし。
//!
//! ---
//!
//! RPT001 — status not one of 実施 / 未実施 / 該当なし.
//!
//! What it checks: whether the 「実施状況」 column of each row of the
//! 実施状況報告書's ２．報告事項 holds exactly one of 「実施」, 「未実施」 and
//! 「該当なし」. Marks and paraphrases (○, 済, 実施済み, ×, －), two words
//! together and a blank are reported (a blank breaks 「いずれか一つを記載」 and is
//! reported with this code, not REQ001). A reason or content after the word,
//! on a new line or in brackets, is fine. Where the options are printed with
//! boxes to tick (□実施 □未実施 □該当なし; Word check boxes ☒, or ■ ☑ ○
//! typed; the marks are in schemas/vocabulary/filling.toml), the one ticked
//! is the status; two ticked or none is reported.
//!
//! Why it matters: 記載要領１. asks for exactly one of the three words — the
//! reports are tallied by these exact words.
//!
//! Example: 「○」 → RPT001 (write 「実施」). 「実施」, 「未実施（理由：…）」 → no finding.

use super::field_util::{self as fu, diag, item, squash};
use super::roles::Role;
use super::{FileContext, Rule};
use crate::forms::filling::{Ticked, ticked_choice};
use crate::model::finding::{Applicability, Diagnostic, Text};

pub struct Rpt001;

pub const WORDS: [&str; 3] = ["該当なし", "未実施", "実施"];

/// The status word a cell starts with and the text after it, when the cell
/// is written as the form asks: exactly a word, or a word followed by a
/// break, a blank or a bracket and then the reason; or the printed boxes
/// with exactly one ticked.
pub fn status_word(text: &str) -> Option<(&'static str, String)> {
    // Printed boxes, one ticked (☒実施 ☐未実施 ☐該当なし).
    if let Ticked::One(w, rest) = ticked_choice(text.trim(), &WORDS) {
        return Some((w, rest));
    }
    // A text opening with a CJK ideograph opens with it once normalised
    // too (no such ideograph composes with what follows): when it is the
    // first of no word, no word can start it, and the costly NFKC of the
    // whole text is spared.
    let first = text.trim_start().chars().next();
    if first.is_some_and(|c| {
        ('\u{4e00}'..='\u{9fff}').contains(&c) && !WORDS.iter().any(|w| w.starts_with(c))
    }) {
        return None;
    }
    let t = fu::nfkc(text);
    let t = t.trim().trim_start_matches(['「', '『']);
    for w in WORDS {
        let Some(rest) = t.strip_prefix(w) else {
            continue;
        };
        let rest = rest.trim_start_matches(['」', '』']);
        if rest.is_empty() {
            return Some((w, String::new()));
        }
        let first = rest.chars().next().unwrap_or(' ');
        if first.is_whitespace()
            || matches!(first, '(' | '[' | '【' | '〔' | ':' | '。' | '、' | '\n')
        {
            let tail = rest.trim();
            // 「実施 未実施」 is two words, not a word and a reason.
            if WORDS.iter().any(|o| squash(tail) == *o) {
                return None;
            }
            return Some((w, tail.to_string()));
        }
        return None;
    }
    None
}

/// The word a stray mark most likely stands for.
fn suggest(text: &str) -> Option<&'static str> {
    let s = squash(text);
    let s = s.trim_end_matches('。');
    match s {
        "○" | "〇" | "◯" | "◎" | "✓" | "✔" | "レ" | "済" | "済み" | "実施済" | "実施済み"
        | "実施済。" | "対応済" | "対応済み" | "実施中" | "はい" | "有" | "あり" | "実施した"
        | "実施している" => Some("実施"),
        "×"
        | "✕"
        | "✖"
        | "未"
        | "未済"
        | "未対応"
        | "いいえ"
        | "実施していない"
        | "未実施である" => Some("未実施"),
        "-" | "ー" | "−" | "―" | "なし" | "無" | "無し" | "該当無し" | "該当なし。" | "非該当"
        | "対象外" | "該当しない" | "N/A" | "NA" => Some("該当なし"),
        _ => None,
    }
}

/// The item number of a report row (2–17).
pub fn item_number(form: &crate::forms::ExtractedForm, i: usize) -> Option<u32> {
    let fv = form.get(&item("items", i, "number"))?;
    if let Some(n) = fv.as_i64() {
        return u32::try_from(n).ok();
    }
    let digits: String = fu::nfkc(&fv.value)
        .chars()
        .filter(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

/// The place of a report row's cell named by its actual item number (the
/// generic lookup numbers rows by position, which is off after a deleted
/// row).
pub fn item_place(
    form: &crate::forms::ExtractedForm,
    i: usize,
    sub: &str,
) -> crate::model::finding::Text {
    let at = item_number(form, i)
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| (2..=17).contains(n))
        .map(|n| n - 2)
        .unwrap_or(i);
    crate::forms::definition::place_of(&form.form, &item("items", at, sub))
}

/// `12` → `１２）` as the report prints it.
pub fn item_label(n: u32) -> String {
    let wide: String = n
        .to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
        .collect();
    format!("{wide}）")
}

impl Rule for Rpt001 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in fu::forms(ctx, Role::ComplianceReport) {
            for i in fu::indices(form, "items") {
                let field = item("items", i, "status");
                let text = form.get(&field).map(|f| f.value.as_str()).unwrap_or("");
                let choice = ticked_choice(text, &WORDS);
                if status_word(text).is_some() {
                    continue;
                }
                let number = item_number(form, i);
                // A blank repeat of an item already reported elsewhere in the
                // table (a continuation row) is not a second status.
                if fu::is_blank(text)
                    && number.is_some()
                    && fu::indices(form, "items").any(|j| {
                        j != i
                            && item_number(form, j) == number
                            && status_word(form.text(&item("items", j, "status")).unwrap_or(""))
                                .is_some()
                    })
                {
                    continue;
                }
                let (n, n_en) = match number {
                    Some(k) => (format!("事項{}", item_label(k)), format!("{k})")),
                    None => ("報告事項".to_string(), String::new()),
                };
                let located = if form.get(&field).is_some() {
                    field.clone()
                } else {
                    item("items", i, "number")
                };
                let shown = text.trim();
                if let Some(d) = marked_choice(form, i, &choice, &located, &n, &n_en) {
                    out.push(d);
                    continue;
                }
                let message = if shown.is_empty() {
                    Text::new(
                        format!("{n}の実施状況が記入されていません。"),
                        format!("The status of item {n_en} is empty."),
                    )
                } else {
                    Text::new(
                        format!(
                            "{n}の実施状況が「{shown}」になっています。「実施」「未実施」「該当なし」のいずれか一つで書きます。"
                        ),
                        format!(
                            "The status of item {n_en} reads \"{shown}\"; it must be exactly one of 実施, 未実施, 該当なし."
                        ),
                    )
                };
                let mut d =
                    diag("RPT001", form, &located, message).place(item_place(form, i, "status"));
                match suggest(shown) {
                    Some(w) => {
                        d = d
                            .help(Text::new(
                                format!("「{w}」と記入してください（「未実施」「該当なし」の場合は理由も報告します）。"),
                                format!("Write {w} (for 未実施 / 該当なし also give the reason)."),
                            ))
                            .fix(shown, w, Applicability::Unsafe);
                    }
                    None => {
                        d = d.help(Text::new(
                            "「実施」「未実施」「該当なし」のいずれか一つを記入してください（「未実施」「該当なし」の場合は理由も報告します）。",
                            "Write exactly one of 実施, 未実施, 該当なし (for the last two also give the reason).",
                        ));
                    }
                }
                out.push(d);
            }
        }
    }
}

/// Printed boxes with two or more ticked, or none: which ones, and that
/// exactly one box is to be ticked.
fn marked_choice(
    form: &crate::forms::ExtractedForm,
    i: usize,
    choice: &Ticked<'_>,
    located: &str,
    n: &str,
    n_en: &str,
) -> Option<Diagnostic> {
    let message = match choice {
        Ticked::Many(words) => Text::new(
            format!(
                "{n}の実施状況で印が二つ以上の欄（{}）に付いています。",
                words.join("・")
            ),
            format!(
                "Item {n_en} has more than one status box ticked ({}).",
                words.join(", ")
            ),
        ),
        Ticked::NoneTicked => Text::new(
            format!("{n}の実施状況のどの欄にも印が付いていません。"),
            format!("Item {n_en} has no status box ticked."),
        ),
        Ticked::One(..) | Ticked::NotChoice => return None,
    };
    Some(
        diag("RPT001", form, located, message)
            .place(item_place(form, i, "status"))
            .help(Text::new(
                "「実施」「未実施」「該当なし」のうち当てはまる一つの欄にだけ印を付けてください（「未実施」「該当なし」の場合は理由も報告します）。",
                "Tick exactly one of 実施, 未実施, 該当なし (for the last two also give the reason).",
            )),
    )
}

#[cfg(test)]
mod tests {
    use super::status_word;

    #[test]
    fn words_are_read_after_normalising() {
        assert_eq!(status_word("実施"), Some(("実施", String::new())));
        assert_eq!(
            status_word("　未実施（理由：中止）"),
            Some(("未実施", "(理由:中止)".to_string()))
        );
        assert_eq!(
            status_word("「該当なし」"),
            Some(("該当なし", String::new()))
        );
        // An ideograph that opens no word: no word, normalised or not.
        assert_eq!(status_word("本事業は実施"), None);
        assert_eq!(status_word("済"), None);
    }
}
