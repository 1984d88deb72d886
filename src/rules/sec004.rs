//! SEC004 — コメントが残っている。
//!
//! 何を調べるか: ファイルに残った Word のコメント（`word/comments.xml`）。
//! コメントごとに一つ（１ファイル 20 件まで、その先は件数だけ）、コメントが
//! 付いた文字を指し、コメントを引用します。
//!
//! なぜ問題か: コメントは内部のメモ（査読の指摘、同僚への質問、ときには
//! 金額や人名）で、担当者に見せるものではありませんが、ファイルと一緒に
//! 渡ります。
//!
//! 直し方: 校閲→削除→「ドキュメント内のすべてのコメントを削除」してから保存。
//!
//! 例: 総額に付いたコメント「金額は部長確認中」 →
//! 「コメントが残っています：「金額は部長確認中」」
//!
//! ---
//!
//! SEC004 — comments left in the document.
//!
//! What it checks: Word comments (`word/comments.xml`) still in the file,
//! one finding per comment (at most 20 per file, then a count), pointing at
//! the text the comment is anchored on and quoting the comment.
//!
//! Why it matters: comments are internal notes — review remarks, questions
//! to a colleague, sometimes prices or names — that were not meant for the
//! official, and they travel with the file.
//!
//! Fix: 校閲→削除→「ドキュメント内のすべてのコメントを削除」, then save.
//!
//! A comment exported by Google Sheets (`======` / `ID#…` / name and
//! date, then the text) is quoted by its text, not that header.
//!
//! Example: a comment 「金額は部長確認中」 on 総額 →
//! 「コメントが残っています：「金額は部長確認中」」

use super::text_match::{
    Stories, cap_findings, excerpt_around, located_paragraphs, truncate, with_place,
};
use crate::model::finding::{Diagnostic, Text};
use crate::model::{Location, SpanKind};
use crate::rules::{FileContext, Rule};

pub struct Sec004;

/// The comment as a person wrote it. Google Sheets exports each comment
/// thread as blocks of `======`, `ID#…`, `名前    (日時)` and then the text;
/// only the texts are kept (joined by ` / `). Any other comment is as is.
fn comment_body(text: &str) -> String {
    if !text.trim_start().starts_with("======") {
        return text.to_string();
    }
    let mut bodies: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut header = 0usize;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("======") {
            if !current.is_empty() {
                bodies.push(current.join("\n"));
                current.clear();
            }
            header = 1;
            continue;
        }
        if header == 1 && t.starts_with("ID#") {
            header = 2;
            continue;
        }
        if header > 0 && t.ends_with(')') && t.contains("    (") {
            header = 0;
            continue;
        }
        header = 0;
        // A reply signature (`\t-山田 太郎`) closes a body.
        if line.starts_with('\t') && t.starts_with('-') {
            continue;
        }
        if !t.is_empty() {
            current.push(t);
        }
    }
    if !current.is_empty() {
        bodies.push(current.join("\n"));
    }
    if bodies.is_empty() {
        text.to_string()
    } else {
        bodies.join(" / ")
    }
}

/// `text` with each run of blanks folded to one space, then cut to `max`
/// characters.
fn short(text: &str, max: usize) -> String {
    truncate(&text.split_whitespace().collect::<Vec<_>>().join(" "), max)
}

impl Rule for Sec004 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(pkg) = &ctx.doc.package else { return };
        if pkg.comments.is_empty() {
            return;
        }
        let paragraphs = located_paragraphs(ctx.doc, Stories::ALL);
        let mut found = Vec::new();
        for comment in &pkg.comments {
            let body = comment_body(&comment.text);
            let quoted = short(&body, 40);
            let mut d = crate::rules::finding(
                "SEC004",
                Text::new(
                    format!("コメントが残っています：「{quoted}」"),
                    format!("A comment is left in the document: 「{quoted}」"),
                ),
            )
            .help(Text::new(
                "提出前にコメントを削除してください（校閲→削除→ドキュメント内のすべてのコメントを削除）。",
                "Delete the comments before submitting (Review → Delete → Delete All Comments in Document).",
            ));
            // The anchored text, highlighted.
            let anchored = paragraphs.iter().find_map(|(p, loc)| {
                p.spans.iter().find_map(|s| match &s.kind {
                    SpanKind::Commented { comment_id } if *comment_id == comment.id => {
                        Some((*p, loc, s.start, s.end))
                    }
                    _ => None,
                })
            });
            let location = match anchored {
                Some((p, loc, start, end)) => {
                    let (excerpt, highlight) = excerpt_around(&p.text, start, end, 40);
                    d = d.excerpt(excerpt, highlight);
                    loc.clone()
                }
                None => {
                    d = d.excerpt(short(&body, 120), None);
                    comment
                        .anchor
                        .clone()
                        .unwrap_or_else(|| Location::in_part("word/comments.xml"))
                }
            };
            found.push(with_place(
                d.location(location.clone()),
                ctx.forms,
                &location,
            ));
        }
        cap_findings(found, "SEC004", out);
    }
}

#[cfg(test)]
mod tests {
    use super::comment_body;

    #[test]
    fn google_sheets_header_is_dropped() {
        let t = "======\nID#AAAAq1b2C3d\n山田 太郎    (2024-05-01 10:12:00)\n単価を確認してください\n\t-山田 太郎";
        assert_eq!(comment_body(t), "単価を確認してください");
        let thread = format!("{t}\n======\nID#AAAAx\n佐藤    (2024-05-02 09:00:00)\n確認済みです");
        assert_eq!(
            comment_body(&thread),
            "単価を確認してください / 確認済みです"
        );
        assert_eq!(comment_body("普通のコメント"), "普通のコメント");
    }
}
