//! SEC002 — external relationship that loads content.
//!
//! What it checks: relationships with `TargetMode="External"` that the
//! office application fetches when the file is opened: a remote document
//! template (`attachedTemplate`), a linked image, a linked OLE object, a
//! frame or sub-document. Plain hyperlinks are not reported.
//!
//! Why it matters: opening the file contacts a server chosen by whoever
//! made it — a known way to deliver malware (remote template injection) or
//! to learn who opened the file — and linked content can change after
//! submission.
//!
//! Fix: remove the link (Word: 開発→文書テンプレート で外部テンプレートを外す;
//! linked pictures: ファイル→情報→ファイルへのリンクの編集→リンクの解除) and save
//! again.
//!
//! Example: `word/_rels/settings.xml.rels` with an `attachedTemplate` to
//! `http://example.com/t.dotm` → 「外部のファイルを読み込む設定があります
//! （attachedTemplate: http://example.com/t.dotm）。」

use crate::diag::{Diagnostic, Text};
use crate::model::Location;
use crate::rules::{FileContext, Rule};

pub struct Sec002;

impl Rule for Sec002 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(pkg) = &ctx.doc.package else { return };
        for rel in pkg
            .external_relationships
            .iter()
            .filter(|r| r.loads_content)
        {
            let (what_ja, what_en, help_ja, help_en) = match rel.rel_type.as_str() {
                "attachedTemplate" => (
                    "外部テンプレート",
                    "a remote template",
                    "Word の「開発」タブ→「文書テンプレート」で外部のテンプレートを外し、保存し直してください。",
                    "Detach the remote template (Developer → Document Template) and save again.",
                ),
                "image" => (
                    "リンクされた画像",
                    "a linked picture",
                    "画像をリンクではなく文書に埋め込み（ファイル→情報→ファイルへのリンクの編集→リンクの解除）、保存し直してください。",
                    "Embed the picture instead of linking it (File → Info → Edit Links to Files → Break Link) and save again.",
                ),
                "oleObject" | "package" => (
                    "リンクされたオブジェクト",
                    "a linked object",
                    "リンクを解除するか、オブジェクトを削除して保存し直してください。",
                    "Break the link or delete the object, then save again.",
                ),
                _ => (
                    "外部の内容",
                    "external content",
                    "外部へのリンク（フレーム・サブ文書など）を削除して保存し直してください。",
                    "Remove the external link (frame, sub-document, …) and save again.",
                ),
            };
            out.push(
                Diagnostic::new(
                    "SEC002",
                    Text::new(
                        format!(
                            "開くと外部のファイルを読み込む設定（{what_ja}: {}）があります。",
                            rel.target
                        ),
                        format!(
                            "Opening the file loads {what_en} from outside: {}.",
                            rel.target
                        ),
                    ),
                )
                .help(Text::new(help_ja, help_en))
                .location(Location::in_part(rel.source_part.clone()))
                .excerpt(format!("{} → {}", rel.rel_type, rel.target), None),
            );
        }
    }
}
