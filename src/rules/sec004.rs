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
//! Example: a comment 「金額は部長確認中」 on 総額 →
//! 「コメントが残っています：「金額は部長確認中」」

use super::text_match::{
    Stories, cap_findings, excerpt_around, located_paragraphs, truncate, with_place,
};
use crate::diag::{Diagnostic, Text};
use crate::model::{Location, SpanKind};
use crate::rules::{FileContext, Rule};

pub struct Sec004;

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
            let quoted = short(&comment.text, 40);
            let mut d = Diagnostic::new(
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
                    d = d.excerpt(short(&comment.text, 120), None);
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
