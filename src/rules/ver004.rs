//! VER004 — 件名が公募の正式名称と違う。
//!
//! 何を調べるか: 様式１ 申請書、様式２ 企画提案書、別添 理由書 の 件名（`title`）
//! を、`yoshiki.toml` の `[call] title` と比べます。NFKC 正規化（全角・半角）
//! をし、空白と改行を除き、末尾の 申請書 / 企画提案書 は無視します。設定に
//! 件名がなければ確認しません。
//!
//! なぜ問題か: 件名はどの公募への申請かを示します。略した・打ち間違えた・
//! 前年の公募から写した件名は差し戻されます。
//!
//! 直し方（unsafe、確認のために示すだけ）: 書かれた件名を正式名称に置き換えます。
//!
//! 例: `title = "令和８年度地域中小企業人材確保支援等調査・分析（…）"` のとき、
//! 件名が 令和７年度地域中小企業人材確保支援等調査・分析（…） の 様式１ →
//! 「件名が公募の正式名称と異なります。」
//!
//! ---
//!
//! VER004 — 件名 differs from the official title of the call.
//!
//! What it checks: the 件名 (`title`) of 様式１ 申請書, 様式２ 企画提案書 and the
//! 別添 理由書 against `[call] title` of `yoshiki.toml`, after NFKC
//! normalisation (full-/half-width) and removing spaces and line breaks, and
//! ignoring a trailing 申請書 / 企画提案書. Nothing is checked when the config
//! gives no title.
//!
//! Why it matters: the 件名 identifies which call the submission answers; a
//! title shortened, mistyped or copied from last year's call is sent back.
//!
//! Fix (unsafe, shown for review): replace the written title with the
//! official one.
//!
//! Example: with `title = "令和８年度地域中小企業人材確保支援等調査・分析（…）"`, a
//! 様式１ whose 件名 reads 令和７年度地域中小企業人材確保支援等調査・分析（…） →
//! 「件名が公募の正式名称と異なります。」

use super::text_match::excerpt_around;
use crate::forms::definition::place_of;
use crate::model::finding::{Applicability, Diagnostic, Text};
use crate::rules::{FileContext, Rule};

pub struct Ver004;

/// Forms whose `title` is the 件名 of the call.
/// Forms whose `title` field is the call's 件名 (`agree = "件名"` in their
/// definition): the report's contract title is another thing. The built-in
/// call's title (no yoshiki.toml) is compared with the built-in forms only:
/// another call's forms answer another title.
fn titled(form: &crate::forms::ExtractedForm, builtin_title: bool) -> bool {
    crate::rules::declared::def_of(form).is_some_and(|d| {
        (!builtin_title || crate::forms::load::is_builtin(d))
            && d.fields
                .iter()
                .any(|f| f.path == "title" && f.agree.as_deref() == Some("件名"))
    })
}

/// The comparable form of a title: NFKC, no whitespace, without a
/// trailing 申請書 / 企画提案書.
pub fn comparable_title(s: &str) -> String {
    // `squash` is this NFKC without blanks, with the normaliser skipped
    // for the usual text (it ran for every file on the call's title).
    let mut t = crate::base::squash(s);
    for suffix in ["企画提案書", "申請書"] {
        if let Some(stripped) = t.strip_suffix(suffix) {
            t = stripped.to_string();
            break;
        }
    }
    t
}

impl Rule for Ver004 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(official) = ctx
            .config
            .call
            .title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
        else {
            return;
        };
        let want = comparable_title(official);
        for form in ctx.forms.iter().filter(|f| titled(f, ctx.config.builtin)) {
            let Some(field) = form.get("title") else {
                continue;
            };
            let written = field.value.trim();
            if written.is_empty() {
                continue; // an empty 件名 is REQ001's
            }
            if comparable_title(written) == want {
                continue;
            }
            let (excerpt, highlight) = excerpt_around(written, 0, written.len(), 200);
            out.push(
                crate::rules::finding(
                    "VER004",
                    Text::new(
                        "件名が公募の正式名称と異なります。",
                        "The title differs from the official title of the call.",
                    ),
                )
                .help(Text::new(
                    format!("公募要領のとおり「{}」と書いてください。", official.trim()),
                    format!(
                        "Write the title as the call gives it: 「{}」.",
                        official.trim()
                    ),
                ))
                .form(form.form.clone())
                .field("title")
                .place(place_of(&form.form, "title"))
                .location(field.location.clone())
                .excerpt(excerpt, highlight)
                .fix(
                    field.value.clone(),
                    official.trim().to_string(),
                    Applicability::Unsafe,
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::comparable_title;

    #[test]
    fn titles_compare_loosely() {
        assert_eq!(
            comparable_title("令和８年度 地域中小企業（仮称）申請書"),
            comparable_title("令和8年度地域中小企業(仮称)")
        );
        assert_ne!(
            comparable_title("令和７年度地域中小企業"),
            comparable_title("令和８年度地域中小企業")
        );
    }
}
