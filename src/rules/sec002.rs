//! SEC002 — external relationship that loads content.
//!
//! What it checks: relationships with `TargetMode="External"` that the
//! office application fetches from another computer when the file is
//! opened: a remote document template (`attachedTemplate`), a linked image,
//! a linked OLE object, a frame or sub-document, whose target is a URL
//! (`http://…`) or a network path (`\\server\share\…`). Plain hyperlinks
//! are not reported, nor local paths such as the `file:///C:\Users\…\x.dot`
//! that Word records for the template a document was made from.
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

/// Whether a relationship target is fetched over the network: a URL with
/// a scheme other than `file:`, a UNC path (`\\server\share`), or a
/// `file:` URL naming a host. Local paths (`file:///C:\Users\…\Normal.dot`,
/// `Macintosh HD:Users:…`), which Word records for the template a document
/// was made from, are not.
pub fn is_remote(target: &str) -> bool {
    let t = target.trim().to_ascii_lowercase();
    if t.starts_with(r"\\") || (t.starts_with("//") && !t.starts_with("///")) {
        return true;
    }
    if let Some(rest) = t.strip_prefix("file:") {
        // file://host/path and file:////host/share name a host, and so does
        // a UNC path written after the slashes (file:///\\server\share, as
        // Word writes a template on a file server); file:///C:\…,
        // file:////D:\… and file://localhost/… do not.
        let slashes = rest.chars().take_while(|&c| c == '/').count();
        let after = &rest[slashes..];
        if after.starts_with(r"\\") {
            return true;
        }
        let host = after.split(['/', '\\']).next().unwrap_or("");
        let drive = host.len() == 2 && host.ends_with(':');
        return match slashes {
            2 | 4 | 5 => !host.is_empty() && host != "localhost" && !drive,
            _ => false,
        };
    }
    match t.find("://") {
        Some(i) if i > 1 => t[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')),
        _ => false,
    }
}

impl Rule for Sec002 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(pkg) = &ctx.doc.package else { return };
        for rel in pkg
            .external_relationships
            .iter()
            .filter(|r| r.loads_content && is_remote(&r.target))
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

#[cfg(test)]
mod tests {
    use super::is_remote;

    #[test]
    fn remote_targets() {
        for t in [
            "http://templates.example.com/report.dotm",
            "HTTPS://example.com/a.png",
            r"\\fileserver\share\t.dotm",
            "file://fileserver/share/t.dotm",
            "ftp://example.com/x",
            r"file:///\\fileserver01\共有\様式\公募申請書.dotx",
            "file:////fileserver/share/t.dotm",
        ] {
            assert!(is_remote(t), "{t}");
        }
        for t in [
            r"file:///C:\Users\hausman\AppData\Roaming\Microsoft\Templates\NWRA%20Report.dot",
            r"file:////D:\MSOffice\Templates\style7a.dot",
            "file://localhost/Users/scanny/image.png",
            "file://C:/Users/x/t.dot",
            "Macintosh%20HD:Users:jkr:Library:Templates:Normal.dotm",
            "../images/a.png",
        ] {
            assert!(!is_remote(t), "{t}");
        }
    }
}
