//! IN004 — 既知の様式が見つからない。
//!
//! 何を調べるか: 読み込めたが、使われている様式（組み込みの 様式１ 申請書、
//! 様式２ 企画提案書、別添 理由書、別添様式 名簿、別記、別紙 報告書、または
//! `--forms DIR` の様式）がどれも見つからなかったファイル。記入内容を取り出した
//! 後に出る指摘です。重さはファイルの見た目で変わります:
//! - 様式らしいファイル（表題や最初の見出しが 申請書・報告書・届（届出書）・
//!   名簿・計画書 で終わる、または「様式第１号」「別紙２」「別記」のような様式の
//!   見出し）は **warning**: 様式のはずなのに記入欄が見つからず確認できなかった;
//! - それ以外（送付状、パンフレットなど）は **info**: 様式として確認しなかっただけ。
//!
//! なぜ問題か: 様式ではない添付資料（何もしなくてよい）か、他の公募の様式
//! （その公募の様式定義を `--forms DIR` で渡す。定義は白紙の様式から
//! `yoshiki learn` で作れます）か、様式を大きく作り変えて記入欄が見つからない
//! （担当者が目で確認することになる）かのどれかです。
//!
//! 例: 送付状 `送付状.docx` → info 「このファイルは様式として確認していません
//! （既知の様式が見つかりませんでした）。」; 他の公募の「補助金交付申請書」→
//! warning 「「補助金交付申請書」は様式のようですが、既知の様式として認識できず、
//! 記入内容を確認できませんでした。」
//!
//! ---
//!
//! IN004 — no known form recognised in the file.
//!
//! What it checks: a file that could be read but in which none of the forms
//! in force (built in: 様式１ 申請書, 様式２ 企画提案書, 別添 理由書, 別添様式
//! 名簿, 別記, 別紙 報告書; or those of `--forms DIR`) was found. Raised by the
//! check pipeline after extraction. How severe depends on what the file
//! looks like:
//! - a file that looks like a form — its title or first heading ends with
//!   申請書, 報告書, 届 (届出書), 名簿 or 計画書, or is a 様式 heading such as
//!   「様式第１号」「別紙２」「別記」 — is a **warning**: a form was expected but
//!   its entries could not be found and checked;
//! - any other file (a cover letter, a pamphlet) is **info**: it was simply
//!   not checked against a form.
//!
//! Why it matters: either the file is an attachment that is not a form
//! (nothing to do), a form of another call (pass that call's definitions
//! with `--forms DIR`, written from its blank template by `yoshiki learn`),
//! or the form was rebuilt so freely that its entries cannot be found — the
//! official would have to check it by hand.
//!
//! Example: a cover letter `送付状.docx` → info 「このファイルは様式として
//! 確認していません（既知の様式が見つかりませんでした）。」; a file titled
//! 「補助金交付申請書」 of another call → warning 「「補助金交付申請書」は様式
//! のようですが、既知の様式として認識できず、記入内容を確認できませんでした。」

use super::text_match::{Stories, paragraphs, truncate};
use crate::model::Document;
use crate::model::finding::{Diagnostic, Severity, Text};

/// Title endings of a form (compared after NFKC, spaces removed, a trailing
/// （案） or （記入例） dropped).
const FORM_TITLE_ENDINGS: &[&str] = &["申請書", "報告書", "届", "届出書", "届書", "名簿", "計画書"];

/// How many of the first non-blank paragraphs / cells are looked at for a
/// title.
const TITLE_LINES: usize = 6;

/// The IN004 finding for `doc`, in which no form in force was found.
pub fn finding(doc: &Document) -> Diagnostic {
    let known = known_forms();
    match form_title(doc) {
        Some(title) => {
            let title = truncate(&title, 40);
            crate::rules::finding(
                "IN004",
                Text::new(
                    format!(
                        "「{title}」は様式のようですが、既知の様式（{}）として認識できず、記入内容を確認できませんでした。",
                        known.ja
                    ),
                    format!(
                        "「{title}」 looks like a form, but it is none of the known forms ({}); its entries were not checked.",
                        known.en
                    ),
                ),
            )
            .help(Text::new(
                "公募要領の様式をそのまま使って作成してください（表や項目名を作り替えると読み取れません）。別の公募の様式であれば、その公募の様式定義のフォルダーを --forms で指定してください（定義は公募の様式ファイルから yoshiki learn で作れます）。",
                "Fill in the call's form as issued (a rebuilt table or renamed labels cannot be read). If it is a form of another call, pass that call's definitions with --forms DIR (write them from its blank template with yoshiki learn).",
            ))
            .severity(Severity::Warning)
        }
        None => crate::rules::finding(
            "IN004",
            Text::new(
                format!(
                    "このファイルは様式として確認していません（既知の様式（{}）が見つかりませんでした）。",
                    known.ja
                ),
                format!(
                    "Not checked against a form: no known form ({}) was recognised in this file.",
                    known.en
                ),
            ),
        )
        .help(Text::new(
            "様式でない添付書類（送付状など）であれば、対応は不要です。様式であれば、その公募の様式定義のフォルダーを --forms で指定してください（定義は公募の様式ファイルから yoshiki learn で作れます）。",
            "If the file is an attachment rather than a form (a cover letter, …), nothing needs to be done. If it is a form, pass the call's definitions with --forms DIR (write them from its blank template with yoshiki learn).",
        ))
        .severity(Severity::Info),
    }
}

/// The short names of the forms in force (様式１・様式２・別添・…).
fn known_forms() -> Text {
    let set = crate::forms::load::in_force();
    let mut ja: Vec<&str> = Vec::new();
    let mut en: Vec<&str> = Vec::new();
    for def in &set.forms {
        let short = def.name.split_whitespace().next().unwrap_or(&def.name);
        if !ja.contains(&short) {
            ja.push(short);
            en.push(short);
        }
    }
    if ja.is_empty() {
        return Text::new("なし", "none");
    }
    // 様式１・様式２・別添・別添様式・別記・別紙, then any others.
    let rank = |n: &str| {
        ["様式", "別添様式", "別添", "別記", "別紙"]
            .iter()
            .position(|p| n.starts_with(p))
            .map(|i| {
                if i == 1 {
                    2
                } else if i == 2 {
                    1
                } else {
                    i
                }
            })
            .unwrap_or(5)
    };
    ja.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    en.clone_from(&ja);
    let more = ja.len() > 8;
    ja.truncate(8);
    en.truncate(8);
    let tail = if more { "・…" } else { "" };
    Text::new(
        format!("{}{tail}", ja.join("・")),
        format!("{}{}", en.join(", "), if more { ", …" } else { "" }),
    )
}

/// The title or 様式 heading that makes the file look like a form, among
/// its first non-blank paragraphs (cells of a sheet) and its document
/// title property.
pub fn form_title(doc: &Document) -> Option<String> {
    // The lines of the text units, in order: those of every paragraph
    // (a blank one has none), so no unit (and no location) is built.
    let lines = paragraphs(doc, Stories::ALL)
        .into_iter()
        .flat_map(|p| p.text.split('\n'))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(TITLE_LINES)
        .map(str::to_string);
    let property = doc.package.as_ref().and_then(|p| p.metadata.title.clone());
    lines
        .chain(property)
        .find(|l| looks_like_form_title(l))
        .map(|l| l.trim().to_string())
}

/// Whether one line is a form's title (…申請書, …報告書, …届, …名簿, …計画書)
/// or a 様式 heading (様式第１号, 様式２, 別紙, 別紙３, 別記, 別添).
pub fn looks_like_form_title(line: &str) -> bool {
    // NFKC without blanks (`squash`, with its fast path).
    let s = crate::base::squash(line);
    // A long line is a sentence, not a title.
    if s.chars().count() > 60 || s.contains('。') {
        return false;
    }
    let title = s.trim_end_matches([')', '）']).to_string();
    let title = match (s.ends_with(')'), title.rfind('(')) {
        (true, Some(i)) => title[..i].to_string(),
        _ => s.clone(),
    };
    if FORM_TITLE_ENDINGS.iter().any(|e| title.ends_with(e)) && title.chars().count() > 2 {
        return true;
    }
    // 様式第1号, 様式1, (様式第2号), 別紙, 別紙3, 別記様式, 別添.
    let head = s.trim_start_matches(['(', '【', '[']);
    for prefix in ["様式", "別紙", "別記", "別添"] {
        if let Some(rest) = head.strip_prefix(prefix) {
            let rest = rest.trim_start_matches('第');
            let numbered = rest
                .starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
            let bracket_closed = matches!(rest, ")" | "】" | "]");
            if numbered
                || rest.is_empty()
                || bracket_closed
                || (prefix != "様式" && rest.starts_with("様式"))
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::looks_like_form_title;

    #[test]
    fn form_titles() {
        for t in [
            "補助金交付申請書",
            "実施状況報告書（案）",
            "変更届",
            "情報取扱者名簿",
            "事業計画書",
            "様式第１号",
            "（様式第２号）",
            "様式３",
            "別紙",
            "別紙２",
            "別記様式",
            "【様式第1号】",
            "（別紙）",
            "申請書",
        ] {
            assert!(looks_like_form_title(t), "{t}");
        }
        for t in [
            "送付状",
            "下記の書類を送付いたします。よろしくお願いいたします。",
            "会社案内",
            "様式は別途送付します",
            "別添のとおり提出します",
            "届",
            "本申請書の記入に当たっては、次の点に注意して記入すること。",
        ] {
            assert!(!looks_like_form_title(t), "{t}");
        }
    }
}
