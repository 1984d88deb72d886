//! SEC002 — ファイルの外の内容を読み込む・指している。
//!
//! 何を調べるか: Office アプリにファイルの外から内容を取りに行かせるリンクを、
//! 行き先の書き方によらず、どれも同じ指摘として調べます:
//! - `TargetMode="External"` で内容を読み込む関係: 文書テンプレート
//!   （`attachedTemplate`）、リンクされた画像、リンクされた OLE オブジェクトや
//!   パッケージ、フレーム、サブ文書、メディア、フォント、データ接続;
//! - 他のブックへのリンク（`xl/externalLinks/…`、その `externalLinkPath`）と、
//!   ブックの DDE / OLE リンク;
//! - それぞれの行き先が URL（`http://…`、`https://…`）、ネットワーク上のパス
//!   （`\\server\share\…`、`file:///\\server\…`、`file://server/…`）、
//!   ローカルの絶対パス（`C:\…`、`file:///C:\…`、`/Users/…`）、ファイルからの
//!   相対パス（`../other.xlsx`）のどれでも。
//!
//! 読む人がクリックする普通のハイパーリンク（URL）は指摘しません。
//!
//! なぜ問題か: ファイルを開くと、作った人が選んだサーバーに接続します。
//! マルウェアを送り込む手口（リモートテンプレートの挿入）や、誰が開いたかを
//! 知る手口として知られています。リンク先の内容は提出後に変わり得ます。作成者の
//! パソコンやファイルサーバーのパスは担当者の環境にはなく、フォルダ名や
//! ユーザー名が見え、開くたびにリンクの更新を尋ねられます。
//!
//! 直し方: リンクを外して保存し直します（Word: 開発→文書テンプレート で外部
//! テンプレートを外す; リンクされた図やオブジェクト: ファイル→情報→ファイル
//! へのリンクの編集→リンクの解除; Excel: データ→リンクの編集→リンクの解除）。
//!
//! 例: `word/_rels/settings.xml.rels` に `http://example.com/t.dotm` への
//! `attachedTemplate` → 「開くと外部のファイルを読み込む設定（外部
//! テンプレート: http://example.com/t.dotm）があります。」; 同じものが
//! `file:///C:\Users\…\社内様式.dotx` なら 「ファイルの外にある内容を読み込む設定
//! （外部テンプレート: file:///C:\Users\…\社内様式.dotx）があります。」
//!
//! ---
//!
//! SEC002 — the file loads or points to content outside itself.
//!
//! What it checks: every link that makes the office application fetch
//! content from outside the file, whatever form its target takes — the
//! same finding for each:
//! - relationships with `TargetMode="External"` that load content: a
//!   document template (`attachedTemplate`), a linked image, a linked OLE
//!   object or package, a frame, a sub-document, media, a font or data
//!   connection;
//! - links to other workbooks (`xl/externalLinks/…`, their
//!   `externalLinkPath`) and DDE / OLE links of a workbook;
//! - and for each, a target that is a URL (`http://…`, `https://…`), a
//!   network path (`\\server\share\…`, `file:///\\server\…`,
//!   `file://server/…`), an absolute local path (`C:\…`, `file:///C:\…`,
//!   `/Users/…`) or a path relative to the file (`../other.xlsx`).
//!
//! Plain hyperlinks (a URL a reader may click) are not reported.
//!
//! Why it matters: opening the file contacts a server chosen by whoever
//! made it — a known way to deliver malware (remote template injection) or
//! to learn who opened the file; linked content can change after
//! submission; and a path on the author's computer or file server does not
//! exist on the official's, shows folder and user names, and makes the
//! application ask about updating links.
//!
//! Fix: remove the link (Word: 開発→文書テンプレート で外部テンプレートを外す;
//! linked pictures and objects: ファイル→情報→ファイルへのリンクの編集→リンクの
//! 解除; Excel: データ→リンクの編集→リンクの解除) and save again.
//!
//! Example: `word/_rels/settings.xml.rels` with an `attachedTemplate` to
//! `http://example.com/t.dotm` → 「開くと外部のファイルを読み込む設定（外部
//! テンプレート: http://example.com/t.dotm）があります。」; the same with
//! `file:///C:\Users\…\社内様式.dotx` → 「ファイルの外にある内容を読み込む設定
//! （外部テンプレート: file:///C:\Users\…\社内様式.dotx）があります。」

use crate::model::Location;
use crate::model::finding::{Diagnostic, Text};
use crate::rules::{FileContext, Rule};

pub struct Sec002;

/// Where a link's target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Another computer: a URL, a UNC path, a `file:` URL naming a host.
    Network,
    /// A path on the author's computer (`C:\…`, `file:///C:\…`, `/Users/…`).
    Local,
    /// A path relative to the file (`../other.xlsx`, `Book2.xlsx`).
    Relative,
}

/// Whether a relationship target is fetched over the network: a URL with
/// a scheme other than `file:`, a UNC path (`\\server\share`), or a
/// `file:` URL naming a host.
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

/// Where a link's target is (see [`Target`]).
pub fn classify(target: &str) -> Target {
    if is_remote(target) {
        return Target::Network;
    }
    let t = target.trim();
    let lower = t.to_ascii_lowercase();
    let bytes = t.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if lower.starts_with("file:")
        || drive
        || t.starts_with('/')
        || t.starts_with('\\')
        || t.starts_with('~')
        // Macintosh HD:Users:… (a classic Mac OS path).
        || (t.contains(':') && !t.contains('/') && !t.contains('\\'))
    {
        Target::Local
    } else {
        Target::Relative
    }
}

/// How one kind of link is named and removed.
struct Kind {
    ja: &'static str,
    en: &'static str,
    help_ja: &'static str,
    help_en: &'static str,
}

fn kind_of(rel_type: &str) -> Kind {
    match rel_type {
        "attachedTemplate" => Kind {
            ja: "外部テンプレート",
            en: "a template",
            help_ja: "Word の「開発」タブ→「文書テンプレート」で外部のテンプレートを外し、保存し直してください。",
            help_en: "Detach the template (Developer → Document Template) and save again.",
        },
        "image" => Kind {
            ja: "リンクされた画像",
            en: "a linked picture",
            help_ja: "画像をリンクではなく文書に埋め込み（ファイル→情報→ファイルへのリンクの編集→リンクの解除）、保存し直してください。",
            help_en: "Embed the picture instead of linking it (File → Info → Edit Links to Files → Break Link) and save again.",
        },
        "oleObject" | "package" => Kind {
            ja: "リンクされたオブジェクト",
            en: "a linked object",
            help_ja: "リンクを解除するか（ファイル→情報→ファイルへのリンクの編集→リンクの解除）、オブジェクトを削除して保存し直してください。",
            help_en: "Break the link (File → Info → Edit Links to Files → Break Link) or delete the object, then save again.",
        },
        "externalLink" => Kind {
            ja: "他のアプリケーション・ファイルへのリンク（DDE・OLE）",
            en: "a DDE / OLE link to another application or file",
            help_ja: "Excel の「データ」→「リンクの編集」→「リンクの解除」で値に置き換え、保存し直してください。",
            help_en: "Replace the link by its values (Data → Edit Links → Break Link) and save again.",
        },
        t if t.eq_ignore_ascii_case("externalLinkPath") || t.starts_with("xl") => Kind {
            ja: "他のブックへのリンク",
            en: "a link to another workbook",
            help_ja: "Excel の「データ」→「リンクの編集」→「リンクの解除」で値に置き換え、保存し直してください。",
            help_en: "Replace the link by its values (Data → Edit Links → Break Link) and save again.",
        },
        _ => Kind {
            ja: "外部の内容",
            en: "external content",
            help_ja: "外部へのリンク（フレーム・サブ文書・データ接続など）を削除して保存し直してください。",
            help_en: "Remove the external link (frame, sub-document, data connection, …) and save again.",
        },
    }
}

/// One finding for a link of `rel_type` to `target` declared by `part`.
fn finding(part: &str, rel_type: &str, target: &str) -> Diagnostic {
    let kind = kind_of(rel_type);
    let (message, help_more) = match classify(target) {
        Target::Network => (
            Text::new(
                format!(
                    "開くと外部のファイルを読み込む設定（{}: {target}）があります。",
                    kind.ja
                ),
                format!("Opening the file loads {} from outside: {target}.", kind.en),
            ),
            Text::new(
                "開いた人のパソコンが作成者の指定したサーバーに接続します。",
                "The reader's computer connects to a server the author chose.",
            ),
        ),
        Target::Local | Target::Relative => (
            Text::new(
                format!(
                    "ファイルの外にある内容を読み込む設定（{}: {target}）があります。",
                    kind.ja
                ),
                format!("The file loads {} from outside itself: {target}.", kind.en),
            ),
            Text::new(
                "この場所は作成したパソコンや社内のもので、受け取った側にはなく、フォルダー名や利用者名が読み取れることもあります。",
                "That place is on the author's computer or network: the reader does not have it, and its folder and user names show.",
            ),
        ),
    };
    crate::rules::finding("SEC002", message)
        .help(Text::new(
            format!("{}{}", kind.help_ja, help_more.ja),
            format!("{} {}", kind.help_en, help_more.en),
        ))
        .location(Location::in_part(part.to_string()))
        .excerpt(format!("{rel_type} → {target}"), None)
}

impl Rule for Sec002 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(pkg) = &ctx.doc.package else { return };
        for rel in pkg
            .external_relationships
            .iter()
            .filter(|r| r.loads_content)
        {
            out.push(finding(&rel.source_part, &rel.rel_type, &rel.target));
        }
        // A workbook link part without an external target of its own: a
        // DDE or OLE link (to an application, not a file path).
        for part in &pkg.parts {
            let lower = part.name.to_ascii_lowercase();
            let is_link_part = lower.starts_with("xl/externallinks/")
                && lower.ends_with(".xml")
                && !lower.contains("/_rels/");
            if is_link_part
                && !pkg
                    .external_relationships
                    .iter()
                    .any(|r| r.source_part == part.name && r.loads_content)
            {
                out.push(finding(&part.name, "externalLink", &part.name));
            }
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

    #[test]
    fn every_target_form_is_classified() {
        use super::{Target, classify};
        for (t, want) in [
            ("https://example.com/t.dotm", Target::Network),
            (r"\\fileserver\share\t.dotx", Target::Network),
            (r"file:///\\Sv22file1\共有\様式.dotx", Target::Network),
            (r"C:\Users\user\Documents\Book2.xlsx", Target::Local),
            (
                r"file:///C:\Users\user\Templates\社内様式.dotx",
                Target::Local,
            ),
            ("/Users/jkr/Documents/Book2.xlsx", Target::Local),
            (
                "Macintosh HD:Users:jkr:Library:Templates:Normal.dotm",
                Target::Local,
            ),
            ("../images/a.png", Target::Relative),
            ("Book2.xlsx", Target::Relative),
        ] {
            assert_eq!(classify(t), want, "{t}");
        }
    }
}
