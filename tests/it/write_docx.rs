//! The docx replacement engine and comment writer on a file written by
//! python-docx with runs split mid-word, merged cells, an existing comment
//! and a tracked insertion.

use crate::write_support::*;
use yoshiki::model::Location;
use yoshiki::read::Limits;
use yoshiki::write::comments::{Anchor, NewComment, add_comments};
use yoshiki::write::docx_text::replace_in_docx;
use yoshiki::write::package::Package;
use yoshiki::write::{Edit, EditStatus};

fn doc_loc() -> Location {
    Location::in_part("word/document.xml")
}

fn cell(t: u32, r: u32, c: u32) -> Location {
    let mut l = doc_loc();
    l.table = Some(t);
    l.row = Some(r);
    l.col = Some(c);
    l
}

fn para(n: u32) -> Location {
    let mut l = doc_loc();
    l.paragraph = Some(n);
    l
}

#[test]
fn fixes_split_runs_and_keeps_every_other_entry_byte_identical() {
    let original = std::fs::read(fixture("split_runs.docx")).unwrap();
    let edits = vec![
        Edit::new(para(1), "令和５年度版", "令和７年度版"),
        Edit::new(
            para(2),
            "内閣官房内閣サイバーセキュリティセンター",
            "内閣官房国家サイバー統括室",
        ),
        Edit::new(cell(1, 2, 2), "令和５年度版", "令和７年度版"),
        Edit::new(cell(1, 3, 2), "NISC", "国家サイバー統括室"),
        Edit::new(doc_loc(), "令和５年度版を参照", "令和７年度版を参照"),
        Edit::new(para(1), "存在しない文言", "x"),
    ];
    let (out, outcomes) = replace_in_docx(&original, &edits, &Limits::default()).unwrap();
    let statuses: Vec<_> = outcomes.iter().map(|o| o.status.clone()).collect();
    assert_eq!(
        statuses,
        vec![
            EditStatus::Applied,
            EditStatus::Applied,
            EditStatus::Applied,
            EditStatus::Applied,
            EditStatus::Applied,
            EditStatus::NotFound
        ]
    );
    assert_eq!(outcomes[2].location.paragraph, Some(7));
    assert_eq!(outcomes[2].after, "「統一基準」（令和７年度版）に基づく。");

    // Only word/document.xml changed; the other 18 entries are identical
    // (raw compressed bytes, method, CRC, order).
    let n = assert_untouched_identical(&original, &out, &["word/document.xml"]);
    assert_eq!(n, 18);

    // Formatting of the first touched run is kept; the rest of the
    // consumed text is gone from the following runs.
    let xml = String::from_utf8(read_part(&out, "word/document.xml").unwrap()).unwrap();
    assert!(xml.contains("<w:t>本業務全体における情報セキュリティの確保のため、「政府機関等のサイバーセキュリティ対策のための統一基準」（令和７年度版</w:t></w:r><w:r><w:rPr><w:b/><w:i w:val=\"0\"/></w:rPr><w:t></w:t></w:r><w:r><w:rPr><w:b w:val=\"0\"/><w:i/><w:color w:val=\"C00000\"/></w:rPr><w:t></w:t></w:r><w:r><w:rPr><w:b w:val=\"0\"/><w:i w:val=\"0\"/></w:rPr><w:t>）に基づく対策を講じる。</w:t>"), "{xml}");
    assert!(
        xml.contains("<w:color w:val=\"0070C0\"/></w:rPr><w:t>内閣官房国家サイバー統括室</w:t>")
    );
    assert!(xml.contains("<w:ins w:id=\"901\" w:author=\"田中\" w:date=\"2025-05-01T00:00:00Z\"><w:r><w:t>令和７年度版を参照</w:t></w:r></w:ins>"));

    // Independent readers open it and read the new text.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixed.docx");
    std::fs::write(&path, &out).unwrap();
    if let Some(text) = python(
        &["docx"],
        "import sys, docx\nd = docx.Document(sys.argv[1])\nprint(d.paragraphs[0].text)\nprint(d.paragraphs[1].text)\nprint(d.tables[0].cell(1,1).text)\nprint(d.tables[0].cell(2,1).text)",
        &[path.to_str().unwrap()],
    ) {
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].ends_with("（令和７年度版）に基づく対策を講じる。"),
            "{text}"
        );
        assert_eq!(
            lines[1],
            "経済産業省又は内閣官房国家サイバー統括室が実施する監査を受け入れる。"
        );
        assert_eq!(lines[2], "「統一基準」（令和７年度版）に基づく。");
        assert_eq!(
            lines[3],
            "国家サイバー統括室（内閣サイバーセキュリティセンター）の監査"
        );
    }
    soffice_to_pdf(&path);
}

#[test]
fn no_applicable_edit_returns_the_original_bytes() {
    let original = std::fs::read(fixture("split_runs.docx")).unwrap();
    let (out, o) = replace_in_docx(
        &original,
        &[Edit::new(para(1), "ない", "x")],
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(o[0].status, EditStatus::NotFound);
    assert_eq!(out, original);
}

#[test]
fn comments_are_appended_next_to_the_existing_one() {
    let original = std::fs::read(fixture("split_runs.docx")).unwrap();
    let pkg = Package::parse(original.clone(), &Limits::default()).unwrap();
    let mk = |anchor, text: &str| NewComment {
        anchor,
        author: "yoshiki".into(),
        initials: "Y".into(),
        date: Some("2026-11-21T00:00:00Z".into()),
        text: text.into(),
    };
    let specs = vec![
        mk(Anchor::Paragraph(2), "VER002 旧組織名"),
        mk(
            Anchor::Cell {
                table: 1,
                row: 2,
                col: 2,
            },
            "VER001 旧版\n令和７年度版にしてください",
        ),
        mk(
            Anchor::Cell {
                table: 1,
                row: 3,
                col: 2,
            },
            "VER002 NISC",
        ),
        mk(Anchor::Paragraph(9), "空の段落"),
        mk(Anchor::Paragraph(999), "場所不明"),
    ];
    let (changes, placed) = add_comments(&pkg, &specs, &Limits::default()).unwrap();
    let ids: Vec<u32> = placed.iter().map(|p| p.id).collect();
    assert_eq!(
        ids,
        vec![1, 2, 3, 4, 5],
        "ids continue after the existing 0"
    );
    assert!(placed[4].fallback);
    assert_eq!(placed[4].anchor, Anchor::Paragraph(1));
    let mut names: Vec<&str> = changes.keys().map(|s| s.as_str()).collect();
    names.sort();
    assert_eq!(names, vec!["word/comments.xml", "word/document.xml"]);
    let out = pkg.rewrite(&changes).unwrap();
    assert_untouched_identical(&original, &out, &["word/comments.xml", "word/document.xml"]);
    let comments = String::from_utf8(read_part(&out, "word/comments.xml").unwrap()).unwrap();
    assert!(comments.contains("既存のコメント"));
    assert_eq!(comments.matches("w:author=\"yoshiki\"").count(), 5);
    let xml = String::from_utf8(read_part(&out, "word/document.xml").unwrap()).unwrap();
    assert!(xml.contains("<w:p><w:commentRangeStart w:id=\"4\"/><w:commentRangeEnd w:id=\"4\"/><w:r><w:commentReference w:id=\"4\"/></w:r></w:p>"), "{xml}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotated.docx");
    std::fs::write(&path, &out).unwrap();
    if let Some(text) = python(
        &["docx"],
        "import sys, docx\nd = docx.Document(sys.argv[1])\nfor c in d.comments:\n    print(c.comment_id, c.author, c.text.replace('\\n', '|'))",
        &[path.to_str().unwrap()],
    ) {
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 6, "{text}");
        assert!(lines[0].starts_with("0 山田 既存のコメント"));
        assert_eq!(lines[2], "2 yoshiki VER001 旧版|令和７年度版にしてください");
    }
    soffice_to_pdf(&path);
    // LibreOffice reads the comments: re-saved by it, all six are there.
    if let Some((_dir, resaved)) = soffice_convert(&path, "docx")
        && let Some(text) = python(
            &["docx"],
            "import sys, docx\nd = docx.Document(sys.argv[1])\nprint(sorted(c.text.replace('\\n', '|') for c in d.comments))",
            &[resaved.to_str().unwrap()],
        )
    {
        assert_eq!(
            text.trim(),
            "['VER001 旧版|令和７年度版にしてください', 'VER002 NISC', 'VER002 旧組織名', '場所不明', '既存のコメント', '空の段落']"
        );
    }
}

#[test]
fn a_package_without_comments_gets_part_relationship_and_content_type() {
    let original = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/security_report_r7.docx"),
    )
    .unwrap();
    let pkg = Package::parse(original.clone(), &Limits::default()).unwrap();
    assert!(!pkg.has("word/comments.xml"));
    let (changes, _) = add_comments(
        &pkg,
        &[NewComment {
            anchor: Anchor::Cell {
                table: 2,
                row: 15,
                col: 3,
            },
            author: "yoshiki".into(),
            initials: "Y".into(),
            date: None,
            text: "再回答が必要".into(),
        }],
        &Limits::default(),
    )
    .unwrap();
    let out = pkg.rewrite(&changes).unwrap();
    let changed = [
        "word/document.xml",
        "word/comments.xml",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
    ];
    assert_untouched_identical(&original, &out, &changed);
    let ct = String::from_utf8(read_part(&out, "[Content_Types].xml").unwrap()).unwrap();
    assert!(ct.contains("PartName=\"/word/comments.xml\""));
    let rels = String::from_utf8(read_part(&out, "word/_rels/document.xml.rels").unwrap()).unwrap();
    assert!(
        rels.contains("relationships/comments\" Target=\"comments.xml\""),
        "{rels}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.docx");
    std::fs::write(&path, &out).unwrap();
    if let Some(text) = python(
        &["docx"],
        "import sys, docx\nd = docx.Document(sys.argv[1])\nprint(len(d.comments), [c.text for c in d.comments])",
        &[path.to_str().unwrap()],
    ) {
        assert_eq!(text.trim(), "1 ['再回答が必要']");
    }
}

/// A package written the way streaming zip writers write: data
/// descriptors after every entry, a zip64 extra field (so a 24-byte
/// descriptor), a vendor extra field, stored media and an archive comment.
/// Every untouched entry must come out with its local header, data and
/// descriptor byte for byte.
#[test]
fn streamed_zip_with_descriptors_and_extra_fields_is_copied_exactly() {
    let original = std::fs::read(fixture("streamed.docx")).unwrap();
    let edits = vec![Edit::new(para(1), "令和５年度版", "令和７年度版")];
    let (out, o) = replace_in_docx(&original, &edits, &Limits::default()).unwrap();
    assert_eq!(o[0].status, EditStatus::Applied);
    assert_untouched_identical(&original, &out, &["word/document.xml"]);
    let a = Package::parse(original.clone(), &Limits::default()).unwrap();
    let b = Package::parse(out.clone(), &Limits::default()).unwrap();
    let mut compared = 0;
    for e in a.entries() {
        if e.name == "word/document.xml" {
            continue;
        }
        let f = b.entry(&e.name).unwrap();
        assert_eq!(e.raw(&a), f.raw(&b), "local record of {} differs", e.name);
        compared += 1;
    }
    assert_eq!(compared, 18);
    // The vendor extra field and the archive comment survive.
    let styles = b.entry("word/styles.xml").unwrap().raw(&b);
    assert!(styles.windows(8).any(|w| w == b"\xfe\xca\x04\x00test"));
    assert!(out.ends_with(b"yoshiki streamed fixture"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("streamed_fixed.docx");
    std::fs::write(&path, &out).unwrap();
    if let Some(text) = python(
        &["docx"],
        "import sys, docx\nprint(docx.Document(sys.argv[1]).paragraphs[0].text[-19:])",
        &[path.to_str().unwrap()],
    ) {
        assert_eq!(text.trim(), "（令和７年度版）に基づく対策を講じる。");
    }
    soffice_to_pdf(&path);
}
