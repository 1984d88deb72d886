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
//! count), and hidden or very hidden sheets of a workbook that hold text
//! (one finding per sheet, naming it). yoshiki reads hidden text and hidden
//! sheets as part of the file, but a person reading or printing the form
//! does not see them.
//!
//! Why it matters: hidden text makes what the official reads differ from
//! what the file says — an entry that looks filled in may be hidden, or
//! hidden notes and old figures travel with the file.
//!
//! Fix: select all, open フォント (Ctrl+D) and clear 隠し文字 to see the text,
//! then delete what should not be there.
//!
//! Example: a hidden 「（社内メモ：単価は要確認）」 after the 事業費 →
//! 「隠し文字があります：「（社内メモ：単価は要確認）」」; a hidden sheet
//! 旧名簿 → 「非表示のシート「旧名簿」があります（…）」

use super::text_match::{
    Stories, cap_findings, excerpt_around, located_where, truncate, with_place,
};
use crate::model::finding::{Diagnostic, Text};
use crate::model::{HiddenSheet, Location, SpanKind};
use crate::rules::{FileContext, Rule};

pub struct Sec007;

/// `text` trimmed, then cut to `max` characters.
fn short(text: &str, max: usize) -> String {
    truncate(text.trim(), max)
}

fn finding(hidden: &str) -> Diagnostic {
    crate::rules::finding(
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

/// A hidden or very hidden sheet that holds text.
fn sheet_finding(sheet: &HiddenSheet) -> Diagnostic {
    let name = &sheet.name;
    let chars = sheet.chars;
    let (how_ja, how_en, help_ja, help_en) = if sheet.very_hidden {
        (
            "「再表示」でも表示できない状態で非表示にされたシート",
            "a very hidden sheet (not shown by Unhide)",
            "このシートは Excel の「再表示」では表示できません（VBA やプロパティで veryHidden に設定されています）。不要なら削除したファイルを提出してください。",
            "Excel's Unhide does not show this sheet (set to veryHidden): delete it if it is not needed and submit again.",
        )
    } else {
        (
            "非表示のシート",
            "a hidden sheet",
            "シート見出しを右クリック→「再表示」で内容を確認し、不要ならシートを削除してください。",
            "Right-click a sheet tab → Unhide, check the content and delete the sheet if it is not needed.",
        )
    };
    crate::rules::finding(
        "SEC007",
        Text::new(
            format!("{how_ja}「{name}」があります（{chars} 文字）。画面や印刷には出ませんが、ファイルと一緒に提出されます。"),
            format!("The workbook has {how_en} 「{name}」 ({chars} characters): not seen on screen or in print, but submitted with the file."),
        ),
    )
    .help(Text::new(help_ja, help_en))
    .location(Location {
        sheet: Some(name.clone()),
        ..Location::default()
    })
    .excerpt(name.clone(), None)
}

impl Rule for Sec007 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let mut found = Vec::new();
        // Only paragraphs with hidden text give a finding: the others are
        // not located at all.
        let paragraphs = located_where(ctx.doc, Stories::ALL, &|p| {
            p.spans
                .iter()
                .any(|s| matches!(s.kind, SpanKind::Hidden) && s.end > s.start)
        });
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
        if let Some(pkg) = &ctx.doc.package {
            let mut sheets: Vec<Diagnostic> = pkg
                .hidden_sheets
                .iter()
                .filter(|s| s.chars > 0)
                .map(sheet_finding)
                .collect();
            sheets.append(&mut found);
            found = sheets;
        }
        cap_findings(found, "SEC007", out);
    }
}
