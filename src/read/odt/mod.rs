//! OpenDocument text reader (.odt, LibreOffice Writer and others).
//!
//! Reads the package with [`SafeZip`] under the same limits as a docx,
//! then `content.xml`'s `office:text` with a streaming pull parser
//! ([`body`]) into the same located model as Word: paragraphs and headings
//! (`text:p`, `text:h`, style `Heading N`), lists and sections, tables
//! (`table:table-row` / `table:table-cell`; covered cells and spans give
//! the grid columns), frames, text boxes and shapes (their paragraphs
//! follow the anchoring paragraph as text-box content), footnotes and
//! endnotes (a story of their own), ruby, tracked changes (inserted text
//! in, deleted text out and kept as a zero-width span, each change a
//! revision), annotations (comments, anchored on their range) and text
//! hidden by its style (`text:display="none"`). Headers and footers of
//! the master pages come from `styles.xml` (those switched off with
//! `style:display="false"` are not read); properties from `meta.xml`.
//! Locations name the part (`content.xml`) like Word's part names.

mod body;

use crate::error::ReadError;
use crate::model::{Document, Format, PackageInfo, Story, StoryKind};
use crate::read::Limits;
use crate::read::sheet::ods;
use crate::read::xml::decode;
use crate::read::zipsafe::SafeZip;
use body::{Collected, OdfParser};

const CONTENT: &str = "content.xml";
const STYLES: &str = "styles.xml";

/// Read an OpenDocument text package held in memory.
pub fn read(name: &str, bytes: Vec<u8>, limits: &Limits) -> Result<Document, ReadError> {
    let byte_len = bytes.len() as u64;
    limits.check_file_size(byte_len)?;
    let mut zip = SafeZip::open(bytes, limits)?;
    if let Some(manifest) = zip.read_opt("META-INF/manifest.xml")?
        && ods::is_encrypted(&manifest, limits)?
    {
        return Err(ReadError::Encrypted {
            detail:
                "the OpenDocument manifest declares encrypted parts (password-protected document)"
                    .into(),
        });
    }
    let mut doc = Document::new(name, Format::Odt, byte_len);
    let mut collect = Collected::default();

    // Styles first: the text styles that hide text, and the headers and
    // footers of the master pages.
    let mut headers = Vec::new();
    if let Some(styles) = zip.read_opt(STYLES)? {
        let text = decode(STYLES, &styles)?;
        let mut parser = OdfParser::new(STYLES, &text, limits, &mut collect);
        let found = parser.parse(&[
            "style:header",
            "style:header-left",
            "style:header-first",
            "style:footer",
            "style:footer-left",
            "style:footer-first",
        ]);
        match found {
            Ok(found) => headers = found,
            Err(e @ ReadError::LimitExceeded { .. }) => return Err(e),
            Err(e) => doc.notes.push(crate::model::ReadNote {
                part: Some(STYLES.into()),
                message: e.to_string(),
            }),
        }
    }

    let content = zip.read(CONTENT)?;
    let text = decode(CONTENT, &content)?;
    let body = OdfParser::new(CONTENT, &text, limits, &mut collect).parse(&["office:text"])?;
    drop(text);
    drop(content);
    doc.blocks = body.into_iter().flat_map(|(_, b)| b).collect();

    for (element, blocks) in headers {
        if blocks.is_empty() {
            continue;
        }
        let kind = if element.contains("footer") {
            StoryKind::Footer
        } else {
            StoryKind::Header
        };
        doc.stories.push(Story {
            kind,
            part: STYLES.into(),
            blocks,
        });
    }
    let Collected {
        revisions,
        hidden_text,
        comments,
        comment_blocks,
        note_blocks,
        ..
    } = collect;
    if !note_blocks.is_empty() {
        doc.stories.push(Story {
            kind: StoryKind::Footnotes,
            part: CONTENT.into(),
            blocks: note_blocks,
        });
    }
    if !comment_blocks.is_empty() {
        doc.stories.push(Story {
            kind: StoryKind::Comments,
            part: CONTENT.into(),
            blocks: comment_blocks,
        });
    }

    let metadata = match zip.read_opt("meta.xml")? {
        Some(meta) => ods::read_meta(&meta, limits).unwrap_or_default(),
        None => Default::default(),
    };
    let names = zip.names();
    let has_macros = names.iter().any(|n| {
        (n.starts_with("Basic/") && !n.ends_with("script-lc.xml") && n.ends_with(".xml"))
            || n.starts_with("Scripts/")
    });
    let embedded_objects = names
        .iter()
        .filter(|n| is_embedded_object(n))
        .cloned()
        .collect();
    doc.package = Some(PackageInfo {
        parts: zip.part_infos(),
        has_macros,
        embedded_objects,
        comments,
        revisions,
        hidden_text,
        metadata,
        ..PackageInfo::default()
    });
    Ok(doc)
}

/// An embedded object of an ODF package: `Object 1` (an OLE object stored
/// as a file) or `Object 1/content.xml` (an embedded ODF document; its
/// `content.xml` names it once). Preview pictures are not objects.
fn is_embedded_object(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("Object ") else {
        return false;
    };
    let (number, tail) = rest.split_once('/').unwrap_or((rest, ""));
    !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
        && (tail.is_empty() || tail == "content.xml")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SpanKind;
    use std::io::Write;

    fn odt(content: &str) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let o = zip::write::SimpleFileOptions::default();
            z.start_file("mimetype", o).unwrap();
            z.write_all(b"application/vnd.oasis.opendocument.text")
                .unwrap();
            z.start_file("content.xml", o).unwrap();
            z.write_all(content.as_bytes()).unwrap();
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    const NS: &str = r#"xmlns:office="o" xmlns:text="t" xmlns:table="tb" xmlns:dc="d" xmlns:style="s" xmlns:draw="dr""#;

    fn read_body(body: &str) -> Document {
        let xml = format!(
            r#"<office:document-content {NS}><office:automatic-styles><style:style style:name="H"><style:text-properties text:display="none"/></style:style></office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        );
        read("a.odt", odt(&xml), &Limits::default()).unwrap()
    }

    #[test]
    fn paragraphs_headings_tables_and_spans() {
        let d = read_body(
            r#"<text:h text:outline-level="2">見出し</text:h><text:p>所得金額<text:s text:c="2"/>⑲<text:tab/>円</text:p>
<table:table><table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>区分</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>金額</text:p></table:table-cell></table:table-row></table:table>"#,
        );
        let ps = d.paragraphs();
        assert_eq!(ps[0].text, "見出し");
        assert_eq!(ps[0].style.as_deref(), Some("Heading 2"));
        assert_eq!(ps[1].text, "所得金額  ⑲\t円");
        let crate::model::Block::Table(t) = &d.blocks[2] else {
            panic!("no table")
        };
        assert_eq!(t.rows[0].cells[0].col_span, 2);
        assert_eq!(t.rows[0].cells[1].col, 3);
        assert_eq!(t.rows[0].cells[1].text(), "金額");
    }

    #[test]
    fn tracked_changes_comments_hidden_and_frames() {
        let d = read_body(
            r#"<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>山田</dc:creator><dc:date>2026-01-01T00:00:00</dc:date></office:change-info><text:p>旧金額</text:p></text:deletion></text:changed-region><text:changed-region text:id="c2"><text:insertion><office:change-info><dc:creator>佐藤</dc:creator></office:change-info></text:insertion></text:changed-region></text:tracked-changes>
<text:p>金額<text:change text:change-id="c1"/><text:change-start text:change-id="c2"/>新金額<text:change-end text:change-id="c2"/><office:annotation office:name="a1"><dc:creator>鈴木</dc:creator><text:p>要確認</text:p></office:annotation>円<office:annotation-end office:name="a1"/><text:span text:style-name="H">社内メモ</text:span></text:p>
<text:p><draw:frame><draw:text-box><text:p>枠の中</text:p></draw:text-box></draw:frame></text:p>"#,
        );
        let ps = d.paragraphs();
        assert_eq!(ps[0].text, "金額新金額円社内メモ");
        assert!(
            ps[0]
                .spans
                .iter()
                .any(|s| matches!(&s.kind, SpanKind::Deleted { text, .. } if text == "旧金額"))
        );
        assert!(
            ps[0]
                .spans
                .iter()
                .any(|s| matches!(&s.kind, SpanKind::Inserted { .. }))
        );
        let pkg = d.package.as_ref().unwrap();
        assert_eq!(pkg.revisions.len(), 2);
        assert_eq!(pkg.comments[0].text, "要確認");
        assert_eq!(pkg.comments[0].author.as_deref(), Some("鈴木"));
        assert_eq!(pkg.hidden_text[0].text, "社内メモ");
        assert_eq!(ps[2].text, "枠の中");
        assert_eq!(ps[2].container, crate::model::Container::TextBox);
    }

    #[test]
    fn expanded_spaces_are_bounded() {
        let xml = format!(
            r#"<office:document-content {NS}><office:body><office:text><text:p>{}</text:p></office:text></office:body></office:document-content>"#,
            r#"<text:s text:c="1000"/>"#.repeat(3)
        );
        let limits = Limits {
            max_part_bytes: 2500,
            ..Limits::default()
        };
        let got = read("a.odt", odt(&xml), &limits);
        assert!(
            matches!(got, Err(ReadError::LimitExceeded { .. })),
            "{got:?}"
        );
    }

    #[test]
    fn embedded_object_names() {
        assert!(is_embedded_object("Object 1"));
        assert!(is_embedded_object("Object 12/content.xml"));
        assert!(!is_embedded_object("Object 1/styles.xml"));
        assert!(!is_embedded_object("ObjectReplacements/Object 1"));
    }
}
