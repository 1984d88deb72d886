//! SEC005 — 確定していない変更履歴。
//!
//! 何を調べるか: ファイルに残った変更の印（挿入 `w:ins`、削除 `w:del`、移動、
//! 書式の変更）。それを含む段落ごとに一つ（１ファイル 20 件まで、その先は
//! 件数だけ）。yoshiki はすべての変更を反映したものとして読みますが、担当者が
//! 開くと違って見えることがあります。
//!
//! なぜ問題か: 変更を反映するまで申請者の意図が曖昧で、削除した文字（前の
//! 金額、他社の名前）もファイルの中に残り、誰でも読めます。
//!
//! 直し方: 校閲→承諾→「すべての変更を反映」（誤った変更は 元に戻す）、
//! 変更履歴の記録を止めて保存。
//!
//! 例: 変更履歴の記録中に総額を 12,000 から 15,000 に変えた →
//! 「確定していない変更履歴があります（挿入1件・削除1件）。」
//!
//! ---
//!
//! SEC005 — unaccepted tracked changes.
//!
//! What it checks: revision marks still in the file — insertions (`w:ins`),
//! deletions (`w:del`), moves and formatting changes — one finding per
//! paragraph that holds them (at most 20 per file, then a count). yoshiki
//! reads the text as if every change were accepted; the official opening
//! the file may see something else.
//!
//! Why it matters: what the applicant means is ambiguous until the changes
//! are accepted, and the deleted text (earlier figures, other companies'
//! names) is still inside the file for anyone to read.
//!
//! Fix: 校閲→承諾→「すべての変更を反映」 (or 元に戻す where the change was
//! wrong), then turn 変更履歴の記録 off and save.
//!
//! Example: 総額 changed from 12,000 to 15,000 with track changes on →
//! 「確定していない変更履歴があります（挿入1件・削除1件）。」

use super::text_match::{
    Stories, cap_findings, excerpt_around, located_where, truncate, with_place,
};
use crate::model::SpanKind;
use crate::model::finding::{Diagnostic, Text};
use crate::rules::{FileContext, Rule};
use std::collections::BTreeMap;

pub struct Sec005;

fn finding(inserted: usize, deleted: usize, other: usize, deleted_text: &str) -> Diagnostic {
    let mut parts_ja = Vec::new();
    let mut parts_en = Vec::new();
    if inserted > 0 {
        parts_ja.push(format!("挿入{inserted}件"));
        parts_en.push(format!("{inserted} insertion(s)"));
    }
    if deleted > 0 {
        parts_ja.push(format!("削除{deleted}件"));
        parts_en.push(format!("{deleted} deletion(s)"));
    }
    if other > 0 {
        parts_ja.push(format!("その他{other}件"));
        parts_en.push(format!("{other} other change(s)"));
    }
    let deleted_note_ja = if deleted_text.is_empty() {
        String::new()
    } else {
        format!("削除された文字「{deleted_text}」もファイル内に残っています。")
    };
    let deleted_note_en = if deleted_text.is_empty() {
        String::new()
    } else {
        format!(" The deleted text 「{deleted_text}」 is still inside the file.")
    };
    crate::rules::finding(
        "SEC005",
        Text::new(
            format!("確定していない変更履歴があります（{}）。{deleted_note_ja}", parts_ja.join("・")),
            format!("Unaccepted tracked changes ({}).{deleted_note_en}", parts_en.join(", ")),
        ),
    )
    .help(Text::new(
        "校閲→承諾→「すべての変更を反映」で変更履歴を確定し、変更履歴の記録を止めてから保存してください。",
        "Accept all changes (Review → Accept → Accept All Changes), stop tracking, and save.",
    ))
}

impl Rule for Sec005 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let mut found = Vec::new();
        // Only paragraphs with a revision give a finding: the others are
        // not located at all.
        let paragraphs = located_where(ctx.doc, Stories::ALL, &|p| {
            p.spans.iter().any(|s| {
                matches!(
                    s.kind,
                    SpanKind::Inserted { .. }
                        | SpanKind::Deleted { .. }
                        | SpanKind::OtherRevision { .. }
                )
            })
        });
        for (p, loc) in &paragraphs {
            let (mut ins, mut del, mut other) = (0, 0, 0);
            let mut deleted_text = String::new();
            let mut first: Option<(usize, usize)> = None;
            for s in &p.spans {
                match &s.kind {
                    SpanKind::Inserted { .. } => ins += 1,
                    SpanKind::Deleted { text, .. } => {
                        del += 1;
                        deleted_text.push_str(text);
                    }
                    SpanKind::OtherRevision { .. } => other += 1,
                    _ => continue,
                }
                if first.is_none() {
                    first = Some((s.start, s.end));
                }
            }
            let Some((start, end)) = first else { continue };
            let (excerpt, highlight) = excerpt_around(&p.text, start, end, 40);
            let d = finding(ins, del, other, &truncate(&deleted_text, 30))
                .location(loc.clone())
                .excerpt(excerpt, highlight);
            found.push(with_place(d, ctx.forms, loc));
        }
        // Readers that record revisions only in the package summary.
        if found.is_empty()
            && let Some(pkg) = &ctx.doc.package
        {
            let mut by_place: BTreeMap<_, (usize, usize, usize, String, String)> = BTreeMap::new();
            for r in &pkg.revisions {
                let e = by_place.entry(r.location.clone()).or_default();
                match r.kind.as_str() {
                    "insert" => {
                        e.0 += 1;
                        e.4.push_str(&r.text);
                    }
                    "delete" => {
                        e.1 += 1;
                        e.3.push_str(&r.text);
                    }
                    _ => e.2 += 1,
                }
            }
            for (loc, (ins, del, other, deleted, inserted)) in by_place {
                let mut d = finding(ins, del, other, &truncate(&deleted, 30)).location(loc.clone());
                if !inserted.is_empty() {
                    d = d.excerpt(truncate(&inserted, 80), None);
                }
                found.push(with_place(d, ctx.forms, &loc));
            }
        }
        cap_findings(found, "SEC005", out);
    }
}
