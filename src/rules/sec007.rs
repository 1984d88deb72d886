//! SEC007 — 隠し文字。
//!
//! 何を調べるか: 隠し文字の書式（Word の 隠し文字、`w:vanish`）の付いた文字。
//! それを含む段落ごとに一つ（１ファイル 20 件まで、その先は件数だけ）。
//! yoshiki は隠し文字も記入内容として読みますが、様式を読む人・印刷した紙には
//! 見えません。
//!
//! なぜ問題か: 担当者が読む内容とファイルの内容が食い違います。記入済みに
//! 見える欄が隠されていたり、隠したメモや前の金額がファイルと一緒に渡ったり
//! します。
//!
//! 直し方: すべて選択して フォント（Ctrl+D）を開き、隠し文字 のチェックを外して
//! 文字を表示し、要らないものを削除します。
//!
//! 例: 事業費の後の隠し文字「（社内メモ：単価は要確認）」 →
//! 「隠し文字があります：「（社内メモ：単価は要確認）」」
//!
//! ---
//!
//! SEC007 — hidden text.
//!
//! What it checks: text formatted as hidden (Word's 隠し文字, `w:vanish`),
//! one finding per paragraph that holds some (at most 20 per file, then a
//! count). yoshiki reads hidden text as part of the entry, but a person
//! reading or printing the form does not see it.
//!
//! Why it matters: hidden text makes what the official reads differ from
//! what the file says — an entry that looks filled in may be hidden, or
//! hidden notes and old figures travel with the file.
//!
//! Fix: select all, open フォント (Ctrl+D) and clear 隠し文字 to see the text,
//! then delete what should not be there.
//!
//! Example: a hidden 「（社内メモ：単価は要確認）」 after the 事業費 →
//! 「隠し文字があります：「（社内メモ：単価は要確認）」」

use super::text_match::{
    Stories, cap_findings, excerpt_around, located_paragraphs, truncate, with_place,
};
use crate::diag::{Diagnostic, Text};
use crate::model::SpanKind;
use crate::rules::{FileContext, Rule};

pub struct Sec007;

/// `text` trimmed, then cut to `max` characters.
fn short(text: &str, max: usize) -> String {
    truncate(text.trim(), max)
}

fn finding(hidden: &str) -> Diagnostic {
    Diagnostic::new(
        "SEC007",
        Text::new(
            format!("隠し文字があります：「{}」", short(hidden, 40)),
            format!("Hidden text: 「{}」", short(hidden, 40)),
        ),
    )
    .help(Text::new(
        "全体を選択してフォント設定（Ctrl+D）の「隠し文字」を外し、内容を確認して不要なら削除してください。",
        "Select all, clear Hidden in the Font dialog (Ctrl+D), check the text and delete what should not be there.",
    ))
}

impl Rule for Sec007 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let mut found = Vec::new();
        let paragraphs = located_paragraphs(ctx.doc, Stories::ALL);
        for (p, loc) in &paragraphs {
            let hidden: Vec<(usize, usize)> = p
                .spans
                .iter()
                .filter(|s| matches!(s.kind, SpanKind::Hidden) && s.end > s.start)
                .map(|s| (s.start, s.end))
                .collect();
            let Some(&(start, end)) = hidden.first() else {
                continue;
            };
            let text: String = hidden
                .iter()
                .filter_map(|&(s, e)| p.text.get(s..e))
                .collect::<Vec<_>>()
                .join(" ");
            if text.trim().is_empty() {
                continue;
            }
            let (excerpt, highlight) = excerpt_around(&p.text, start, end, 40);
            let d = finding(&text)
                .location(loc.clone())
                .excerpt(excerpt, highlight);
            found.push(with_place(d, ctx.forms, loc));
        }
        if found.is_empty()
            && let Some(pkg) = &ctx.doc.package
        {
            for h in pkg.hidden_text.iter().filter(|h| !h.text.trim().is_empty()) {
                let d = finding(&h.text)
                    .location(h.location.clone())
                    .excerpt(short(&h.text, 120), None);
                found.push(with_place(d, ctx.forms, &h.location));
            }
        }
        cap_findings(found, "SEC007", out);
    }
}
