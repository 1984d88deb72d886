//! The Word reader on generated fixtures (scripts/gen_reader_fixtures.py):
//! exact text and locations for every construct.

use crate::common::cell_loc;
use std::path::PathBuf;
use yoshiki::model::{
    Block, Cell, Container, Document, Format, Location, Paragraph, SpanKind, StoryKind, Table,
};
use yoshiki::{Limits, read_path};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reader")
        .join(name)
}

fn read(name: &str) -> Document {
    match read_path(&fixture(name), &Limits::default()) {
        Ok(doc) => doc,
        Err(e) => panic!("{name}: {e}"),
    }
}

/// Body paragraphs at the top level (not in tables), in order.
fn top_paragraphs(doc: &Document) -> Vec<&Paragraph> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            Block::Table(_) => None,
        })
        .collect()
}

fn tables(blocks: &[Block]) -> Vec<&Table> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Paragraph(_) => None,
        })
        .collect()
}

fn para_loc(n: u32) -> Location {
    Location {
        part: Some("word/document.xml".into()),
        paragraph: Some(n),
        ..Location::default()
    }
}

fn cell_para_loc(n: u32, table: u32, row: u32, col: u32) -> Location {
    Location {
        part: Some("word/document.xml".into()),
        paragraph: Some(n),
        table: Some(table),
        row: Some(row),
        col: Some(col),
        ..Location::default()
    }
}

fn slice(p: &Paragraph, start: usize, end: usize) -> &str {
    p.text.get(start..end).unwrap_or("<bad range>")
}

fn cell_paragraphs(cell: &Cell) -> Vec<&Paragraph> {
    cell.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            Block::Table(_) => None,
        })
        .collect()
}

#[test]
fn runs_split_mid_word_join_seamlessly() {
    let doc = read("split_runs.docx");
    assert_eq!(doc.format, Format::Docx);
    let ps = top_paragraphs(&doc);
    let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        ["企画提案書", "金額：１２，０００円", "申請者", "abcd"]
    );
    assert_eq!(ps[0].style.as_deref(), Some("Title"));
    for (i, p) in ps.iter().enumerate() {
        assert_eq!(p.location, para_loc(i as u32 + 1));
        assert!(p.spans.is_empty(), "{:?}", p.spans);
    }
    assert_eq!(
        doc.plain_text(),
        "企画提案書\n金額：１２，０００円\n申請者\nabcd\n"
    );
}

#[test]
fn libreoffice_rewrite_reads_the_same() {
    let path = fixture("split_runs_libreoffice.docx");
    if !path.exists() {
        crate::common::missing("the LibreOffice fixture split_runs_libreoffice.docx");
        return;
    }
    let doc = read("split_runs_libreoffice.docx");
    let texts: Vec<String> = top_paragraphs(&doc)
        .iter()
        .map(|p| p.text.clone())
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(
        texts,
        ["企画提案書", "金額：１２，０００円", "申請者", "abcd"]
    );
}

#[test]
fn tracked_changes_read_as_accepted() {
    let doc = read("tracked.docx");
    let ps = top_paragraphs(&doc);
    let p1 = ps[0];
    assert_eq!(p1.text, "事業名：新しい調査");
    let ins = p1
        .spans
        .iter()
        .find(|s| matches!(s.kind, SpanKind::Inserted { .. }))
        .expect("inserted span");
    assert_eq!(slice(p1, ins.start, ins.end), "新しい");
    assert_eq!(
        ins.kind,
        SpanKind::Inserted {
            author: Some("山田".into())
        }
    );
    let del = p1
        .spans
        .iter()
        .find(|s| matches!(s.kind, SpanKind::Deleted { .. }))
        .expect("deleted span");
    assert_eq!(del.start, del.end, "deletion is zero-width");
    assert_eq!(del.start, "事業名：新しい".len());
    assert_eq!(
        del.kind,
        SpanKind::Deleted {
            text: "古い".into(),
            author: Some("佐藤".into())
        }
    );

    // Moves: the text stands where it was moved to.
    assert_eq!(ps[1].text, "残り");
    assert!(ps[1].spans.iter().any(|s| s.kind
        == SpanKind::Deleted {
            text: "移動元".into(),
            author: Some("田中".into())
        }));
    assert_eq!(ps[2].text, "移動先");
    assert!(ps[2].spans.iter().any(|s| s.kind
        == SpanKind::OtherRevision {
            what: "move".into()
        }));

    // A formatting change: the old properties (hidden!) do not apply.
    assert_eq!(ps[3].text, "書式");
    assert!(!ps[3].spans.iter().any(|s| s.kind == SpanKind::Hidden));
    assert!(ps[3].spans.iter().any(|s| s.kind
        == SpanKind::OtherRevision {
            what: "format".into()
        }));

    // Paragraph property change: the current style, not the old one.
    assert_eq!(ps[4].text, "見出し");
    assert_eq!(ps[4].style.as_deref(), Some("Heading1"));

    // In a table cell.
    let t = tables(&doc.blocks)[0];
    let cell = &t.rows[0].cells[0];
    assert_eq!(cell.text(), "金額２０万円");

    let pkg = doc.package.as_ref().expect("package");
    let revs: Vec<(&str, &str, &str, String)> = pkg
        .revisions
        .iter()
        .map(|r| {
            (
                r.kind.as_str(),
                r.author.as_deref().unwrap_or(""),
                r.text.as_str(),
                r.location.describe(),
            )
        })
        .collect();
    assert_eq!(
        revs,
        [
            ("insert", "山田", "新しい", "第1段落".to_string()),
            ("delete", "佐藤", "古い", "第1段落".to_string()),
            ("move", "田中", "移動元", "第2段落".to_string()),
            ("move", "田中", "移動先", "第3段落".to_string()),
            ("format", "鈴木", "書式", "第4段落".to_string()),
            ("insert", "鈴木", "", "第5段落".to_string()),
            ("property", "鈴木", "", "第5段落".to_string()),
            ("delete", "佐藤", "１０", "表1 1行 1列".to_string()),
            ("insert", "佐藤", "２０", "表1 1行 1列".to_string()),
        ]
    );
    assert_eq!(
        pkg.revisions[0].date.as_deref(),
        Some("2025-04-01T10:00:00Z")
    );
    assert_eq!(pkg.revisions[7].location, cell_para_loc(6, 1, 1, 1));
}

#[test]
fn ruby_base_in_text_reading_in_span() {
    let doc = read("ruby.docx");
    let p = top_paragraphs(&doc)[0];
    assert_eq!(p.text, "申請者：山田太郎");
    assert_eq!(p.spans.len(), 1);
    let s = &p.spans[0];
    assert_eq!(slice(p, s.start, s.end), "山田");
    assert_eq!(
        s.kind,
        SpanKind::Ruby {
            reading: "やまだ".into()
        }
    );
}

#[test]
fn content_controls_block_run_cell_and_checkbox() {
    let doc = read("sdt.docx");
    let ps = top_paragraphs(&doc);
    // Block level: the whole paragraph.
    assert_eq!(ps[0].text, "地域人材調査");
    assert_eq!(ps[0].location, para_loc(1));
    assert_eq!(ps[0].spans.len(), 1);
    assert_eq!(
        ps[0].spans[0].kind,
        SpanKind::ContentControl {
            tag: Some("title".into()),
            alias: Some("事業名".into()),
            checked: None,
            showing_placeholder: false
        }
    );
    assert_eq!(
        (ps[0].spans[0].start, ps[0].spans[0].end),
        (0, ps[0].text.len())
    );

    // Run level, still showing its placeholder.
    assert_eq!(ps[1].text, "担当者：ここをクリックして入力");
    let s = &ps[1].spans[0];
    assert_eq!(slice(ps[1], s.start, s.end), "ここをクリックして入力");
    assert_eq!(
        s.kind,
        SpanKind::ContentControl {
            tag: Some("contact".into()),
            alias: None,
            checked: None,
            showing_placeholder: true
        }
    );

    // Checkboxes.
    assert_eq!(ps[2].text, "☒くるみん");
    assert!(matches!(
        &ps[2].spans[0].kind,
        SpanKind::ContentControl { tag: Some(t), checked: Some(true), .. } if t == "kurumin"
    ));
    assert_eq!(ps[3].text, "☐えるぼし");
    assert!(matches!(
        &ps[3].spans[0].kind,
        SpanKind::ContentControl { tag: Some(t), checked: Some(false), .. } if t == "eruboshi"
    ));

    // Cell level: only the wrapped cell carries it.
    let t = tables(&doc.blocks)[0];
    let c1 = &t.rows[0].cells[0];
    let c2 = &t.rows[0].cells[1];
    assert_eq!((c1.col, c2.col), (1, 2));
    let p1 = cell_paragraphs(c1)[0];
    assert_eq!(p1.text, "セル内");
    assert_eq!(p1.location, cell_para_loc(5, 1, 1, 1));
    assert!(matches!(
        &p1.spans[0].kind,
        SpanKind::ContentControl { tag: Some(t), .. } if t == "cellcc"
    ));
    assert!(cell_paragraphs(c2)[0].spans.is_empty());
}

#[test]
fn text_boxes_follow_their_anchor_once() {
    let doc = read("textbox.docx");
    let summary: Vec<(String, u32, Container)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((
                p.text.clone(),
                p.location.paragraph.unwrap_or(0),
                p.container,
            )),
            Block::Table(_) => None,
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("本文の続き".to_string(), 1, Container::Body),
            ("テキストボックス１".to_string(), 2, Container::TextBox),
            ("二行目".to_string(), 3, Container::TextBox),
            ("後の段落".to_string(), 4, Container::Body),
            (String::new(), 7, Container::Body),
        ]
    );
    // A VML text box inside a table cell stays in the cell, after its anchor.
    let t = tables(&doc.blocks)[0];
    let ps = cell_paragraphs(&t.rows[0].cells[0]);
    assert_eq!(ps.len(), 2);
    assert_eq!(
        (ps[0].text.as_str(), ps[0].container),
        ("セル", Container::Body)
    );
    assert_eq!(
        (ps[1].text.as_str(), ps[1].container),
        ("セルの箱", Container::TextBox)
    );
    assert_eq!(ps[1].location, cell_para_loc(6, 1, 1, 1));
    // The Fallback copy is never read.
    assert_eq!(doc.plain_text().matches("テキストボックス１").count(), 1);
}

#[test]
fn legacy_form_fields() {
    let doc = read("formfields.docx");
    let ps = top_paragraphs(&doc);
    assert_eq!(ps[0].text, "氏名：山田太郎");
    let s = &ps[0].spans[0];
    assert_eq!(slice(ps[0], s.start, s.end), "山田太郎");
    assert_eq!(
        s.kind,
        SpanKind::FormField {
            field_type: "text".into(),
            name: Some("氏名".into()),
            checked: None
        }
    );
    assert_eq!(ps[1].text, "実施");
    assert_eq!(
        ps[1].spans[0].kind,
        SpanKind::FormField {
            field_type: "checkbox".into(),
            name: Some("Check1".into()),
            checked: Some(true)
        }
    );
    assert_eq!((ps[1].spans[0].start, ps[1].spans[0].end), (0, 0));
    assert_eq!(ps[2].text, "未実施");
    assert!(matches!(
        ps[2].spans[0].kind,
        SpanKind::FormField {
            checked: Some(false),
            ..
        }
    ));
    // A dropdown shows its chosen entry.
    assert_eq!(ps[3].text, "状況：未実施");
    assert!(matches!(
        &ps[3].spans[0].kind,
        SpanKind::FormField { field_type, .. } if field_type == "dropdown"
    ));
}

#[test]
fn merged_cells_grid_before_and_nested_tables() {
    let doc = read("merged.docx");
    assert_eq!(top_paragraphs(&doc)[0].location, para_loc(1));
    let t = tables(&doc.blocks)[0];
    assert_eq!(t.location.table, Some(1));
    assert_eq!(t.rows.len(), 3);
    let shape = |row: usize| -> Vec<(u32, u32, u32, u32, String)> {
        t.rows[row]
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.row_span, c.col_span, c.text()))
            .collect()
    };
    assert_eq!(
        shape(0),
        [
            (1, 1, 1, 2, "申請者".to_string()),
            (1, 3, 1, 1, "住所".to_string()),
            (1, 4, 2, 1, "備考".to_string()),
        ]
    );
    // The continuation of 備考 is not a cell of its own.
    assert_eq!(
        shape(1),
        [
            (2, 1, 1, 1, "氏名".to_string()),
            (2, 2, 1, 1, "山".to_string()),
            (2, 3, 1, 1, "東京\n内1\t内2\n".to_string()),
        ]
    );
    // gridBefore shifts the first cell.
    assert_eq!(
        shape(2),
        [
            (3, 2, 1, 1, "後".to_string()),
            (3, 3, 1, 2, "右2".to_string()),
        ]
    );
    assert_eq!(t.rows[0].cells[2].location, cell_loc(1, 1, 4));
    assert_eq!(t.rows[2].cells[0].location, cell_loc(1, 3, 2));
    assert_eq!(
        cell_paragraphs(&t.rows[2].cells[1])[0].location,
        cell_para_loc(13, 1, 3, 3)
    );

    // The nested table is table 2, its paragraphs located in it.
    let tokyo = &t.rows[1].cells[2];
    let nested = tables(&tokyo.blocks)[0];
    assert_eq!(nested.location.table, Some(2));
    let inner = &nested.rows[0].cells[1];
    assert_eq!(inner.location, cell_loc(2, 1, 2));
    assert_eq!(
        cell_paragraphs(inner)[0].location,
        cell_para_loc(9, 2, 1, 2)
    );
    // After the table, numbering continues past every cell paragraph.
    let last = top_paragraphs(&doc)
        .last()
        .copied()
        .expect("last paragraph");
    assert_eq!(
        (last.text.as_str(), last.location.clone()),
        ("後文", para_loc(14))
    );
}

#[test]
fn comments_are_stories_not_body_text() {
    let doc = read("comments.docx");
    let ps = top_paragraphs(&doc);
    assert_eq!(ps[0].text, "事業の目的を記載");
    let s = ps[0]
        .spans
        .iter()
        .find(|s| matches!(s.kind, SpanKind::Commented { .. }))
        .expect("commented span");
    assert_eq!(slice(ps[0], s.start, s.end), "目的");
    assert!(!doc.plain_text().contains("具体的に"));

    let pkg = doc.package.as_ref().expect("package");
    assert_eq!(pkg.comments.len(), 2);
    let c = &pkg.comments[0];
    assert_eq!(c.id, "0");
    assert_eq!(c.author.as_deref(), Some("審査員"));
    assert_eq!(c.date.as_deref(), Some("2025-05-01T09:00:00Z"));
    assert_eq!(c.text, "具体的に\n書いてください");
    assert_eq!(c.anchor, Some(para_loc(1)));
    // A comment with only a reference mark is anchored there.
    assert_eq!(pkg.comments[1].anchor, Some(para_loc(2)));

    let story = doc
        .stories
        .iter()
        .find(|s| s.kind == StoryKind::Comments)
        .expect("comments story");
    assert_eq!(story.part, "word/comments.xml");
    let Block::Paragraph(first) = &story.blocks[0] else {
        panic!("paragraph expected")
    };
    assert_eq!(first.text, "具体的に");
    assert_eq!(first.location.part.as_deref(), Some("word/comments.xml"));
    assert_eq!(first.location.paragraph, Some(1));
}

#[test]
fn comments_written_by_python_docx() {
    let doc = read("comments_pydocx.docx");
    let pkg = doc.package.as_ref().expect("package");
    assert_eq!(pkg.comments.len(), 1);
    assert_eq!(pkg.comments[0].text, "具体的に");
    assert_eq!(pkg.comments[0].author.as_deref(), Some("審査員"));
    let anchor = pkg.comments[0].anchor.clone().expect("anchor");
    let p = doc
        .paragraphs()
        .into_iter()
        .find(|p| Some(p.location.clone()) == Some(anchor.clone()))
        .expect("anchored paragraph");
    assert_eq!(p.text, "事業の目的を記載");
}

#[test]
fn hidden_text_flagged() {
    let doc = read("hidden.docx");
    let ps = top_paragraphs(&doc);
    assert_eq!(ps[0].text, "表示隠し文字");
    assert_eq!(ps[0].spans.len(), 1);
    assert_eq!(
        slice(ps[0], ps[0].spans[0].start, ps[0].spans[0].end),
        "隠し"
    );
    assert_eq!(ps[0].spans[0].kind, SpanKind::Hidden);
    assert_eq!(ps[1].text, "見える");
    assert!(ps[1].spans.is_empty());
    let pkg = doc.package.as_ref().expect("package");
    assert_eq!(pkg.hidden_text.len(), 1);
    assert_eq!(pkg.hidden_text[0].text, "隠し");
    assert_eq!(pkg.hidden_text[0].location, para_loc(1));
}

#[test]
fn fields_keep_results_and_instructions() {
    let doc = read("fields.docx");
    let ps = top_paragraphs(&doc);
    assert_eq!(ps[0].text, "ページ 3");
    assert_eq!(
        ps[0].spans[0].kind,
        SpanKind::Field {
            instruction: "PAGE \\* MERGEFORMAT".into()
        }
    );
    assert_eq!(slice(ps[0], ps[0].spans[0].start, ps[0].spans[0].end), "3");
    assert_eq!(ps[1].text, "2025/04/01");
    assert_eq!(
        ps[1].spans[0].kind,
        SpanKind::Field {
            instruction: "DATE \\@ \"yyyy/MM/dd\"".into()
        }
    );
    // A nested field: only the outer result is text.
    assert_eq!(ps[2].text, "いいえ");
    assert_eq!(ps[2].spans.len(), 1);
    assert!(
        matches!(&ps[2].spans[0].kind, SpanKind::Field { instruction } if instruction.starts_with("IF"))
    );
    // Hyperlink with its target.
    assert_eq!(ps[3].text, "経済産業省");
    assert_eq!(
        ps[3].spans[0].kind,
        SpanKind::Hyperlink {
            target: "https://www.meti.go.jp/".into()
        }
    );
    // A field result over two paragraphs: a span in each.
    assert_eq!(
        (ps[4].text.as_str(), ps[5].text.as_str()),
        ("目次1", "目次2")
    );
    for p in [ps[4], ps[5]] {
        assert_eq!(p.spans.len(), 1);
        assert_eq!((p.spans[0].start, p.spans[0].end), (0, p.text.len()));
        assert!(
            matches!(&p.spans[0].kind, SpanKind::Field { instruction } if instruction.starts_with("TOC"))
        );
    }
    let pkg = doc.package.as_ref().expect("package");
    let link = pkg
        .external_relationships
        .iter()
        .find(|r| r.rel_type == "hyperlink")
        .expect("hyperlink rel");
    assert!(!link.loads_content);
    assert_eq!(link.source_part, "word/document.xml");
}

#[test]
fn headers_footers_and_notes_are_stories() {
    let doc = read("notes.docx");
    assert_eq!(top_paragraphs(&doc)[0].text, "本文と文末");
    let story_text = |kind: StoryKind| -> Vec<String> {
        doc.stories
            .iter()
            .filter(|s| s.kind == kind)
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.clone()),
                Block::Table(_) => None,
            })
            .collect()
    };
    assert_eq!(story_text(StoryKind::Header), ["ヘッダー文字"]);
    assert_eq!(story_text(StoryKind::Footer), ["フッター文字"]);
    assert_eq!(story_text(StoryKind::Footnotes), [" 脚注の本文"]);
    assert_eq!(story_text(StoryKind::Endnotes), [" 文末脚注の本文"]);
    let footnotes = doc
        .stories
        .iter()
        .find(|s| s.kind == StoryKind::Footnotes)
        .expect("footnotes");
    let Block::Paragraph(p) = &footnotes.blocks[0] else {
        panic!("paragraph expected")
    };
    // Separator notes are dropped but still counted.
    assert_eq!(
        p.location,
        Location {
            part: Some("word/footnotes.xml".into()),
            paragraph: Some(3),
            ..Location::default()
        }
    );
    // Story order: headers, footers, footnotes, endnotes.
    let kinds: Vec<StoryKind> = doc.stories.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            StoryKind::Header,
            StoryKind::Footer,
            StoryKind::Footnotes,
            StoryKind::Endnotes
        ]
    );
}

#[test]
fn tabs_breaks_hyphens_and_symbols() {
    let doc = read("symbols.docx");
    let ps = top_paragraphs(&doc);
    assert_eq!(ps[0].text, "A\tB\nC03-1234☑");
    assert_eq!(ps[1].text, "前\n後\n末");
    // Tab stops in paragraph properties are not text.
    assert_eq!(ps[2].text, "X");
}

#[test]
fn package_facts() {
    let docm = read("macro.docm");
    assert_eq!(docm.format, Format::Docm);
    let pkg = docm.package.as_ref().expect("package");
    assert!(pkg.has_macros);
    assert_eq!(top_paragraphs(&docm)[0].text, "マクロ付き");

    let dotx = read("template.dotx");
    assert_eq!(dotx.format, Format::Dotx);
    assert!(!dotx.package.as_ref().expect("package").has_macros);

    let doc = read("package.docx");
    let pkg = doc.package.as_ref().expect("package");
    assert!(!pkg.has_macros);
    let ext: Vec<(&str, &str, &str, bool)> = pkg
        .external_relationships
        .iter()
        .map(|r| {
            (
                r.source_part.as_str(),
                r.rel_type.as_str(),
                r.target.as_str(),
                r.loads_content,
            )
        })
        .collect();
    assert!(ext.contains(&(
        "word/settings.xml",
        "attachedTemplate",
        "http://template.example/remote.dotm",
        true
    )));
    assert!(ext.contains(&(
        "word/document.xml",
        "image",
        "http://images.example/a.png",
        true
    )));
    assert!(ext.contains(&(
        "word/document.xml",
        "hyperlink",
        "https://www.meti.go.jp/",
        false
    )));
    assert_eq!(pkg.embedded_objects, ["word/embeddings/oleObject1.bin"]);
    assert_eq!(pkg.metadata.creator.as_deref(), Some("山田 太郎"));
    assert_eq!(pkg.metadata.last_modified_by.as_deref(), Some("佐藤 花子"));
    assert_eq!(pkg.metadata.title.as_deref(), Some("試験用文書"));
    assert_eq!(pkg.metadata.company.as_deref(), Some("株式会社テスト"));
    let doc_part = pkg
        .parts
        .iter()
        .find(|p| p.name == "word/document.xml")
        .expect("document part");
    assert_eq!(
        doc_part.content_type.as_deref(),
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
    );
    assert!(doc_part.size > 0 && doc_part.compressed_size > 0);
}

#[test]
fn numbering_across_tables_in_a_form() {
    let doc = read("mixed.docx");
    let all: Vec<(String, String)> = doc
        .paragraphs()
        .iter()
        .map(|p| (p.location.describe(), p.text.clone()))
        .collect();
    assert_eq!(
        all,
        [
            ("第1段落".to_string(), "様式１".to_string()),
            ("表1 1行 1列".to_string(), "受付番号".to_string()),
            ("表1 1行 2列".to_string(), "※記載不要".to_string()),
            ("表1 2行 1列".to_string(), "件名".to_string()),
            ("表1 2行 2列".to_string(), "地域中小企業調査".to_string()),
            ("第6段落".to_string(), "以上".to_string()),
        ]
    );
    let json = serde_json::to_value(&doc).expect("json");
    assert_eq!(json["format"], "docx");
    assert_eq!(json["blocks"][1]["type"], "table");
    assert_eq!(
        json["blocks"][1]["rows"][1]["cells"][1]["location"]["col"],
        2
    );
}

#[test]
fn part_names_are_matched_case_insensitively_and_main_part_by_relationship() {
    // A package whose main part is not word/document.xml (found through
    // _rels/.rels), from the shared corpus when present.
    let Some(path) = crate::common::corpus("pandoc/test/docx/alternate_document_path.docx") else {
        return;
    };
    let doc = read_path(&path, &Limits::default()).expect("reads");
    let p = top_paragraphs(&doc)[0];
    assert_eq!(p.text, "Test");
    assert_eq!(p.location.part.as_deref(), Some("word/document2.xml"));
}

#[test]
fn dump_command_text_json_and_errors() {
    let bin = env!("CARGO_BIN_EXE_yoshiki");
    let out = std::process::Command::new(bin)
        .args(["dump"])
        .arg(fixture("tracked.docx"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[第1段落] 事業名：«挿入:新しい»«削除: 古い»調査"),
        "{text}"
    );
    assert!(
        text.contains("[表1 1行 1列 第6段落] 金額«削除: １０»«挿入:２０»万円"),
        "{text}"
    );
    assert!(
        text.contains("変更履歴 delete [表1 1行 1列 第6段落] 佐藤: １０"),
        "{text}"
    );
    // The places are written as `check` writes them.
    let check = std::process::Command::new(bin)
        .args(["check", "--format", "json"])
        .arg(fixture("tracked.docx"))
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let mut in_tables = 0;
    for d in json["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let loc = crate::common::location_from_json(&d["location"]);
        if loc.table.is_some() {
            in_tables += 1;
            assert!(
                text.contains(&format!("[{}", loc.describe())),
                "{} not in\n{text}",
                loc.describe()
            );
        }
    }
    assert!(in_tables > 0, "{json}");

    let out = std::process::Command::new(bin)
        .args(["dump", "--format", "json"])
        .arg(fixture("ruby.docx"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["blocks"][0]["text"], "申請者：山田太郎");
    assert_eq!(json["blocks"][0]["spans"][0]["kind"]["reading"], "やまだ");

    let out = std::process::Command::new(bin)
        .args(["dump"])
        .arg(fixture("bad/billion_laughs.docx"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("IN005") && err.contains("DOCTYPE"), "{err}");
}

#[test]
fn package_info_reads_xlsx_packages_too() {
    use yoshiki::read::package::read_package_info;
    use yoshiki::read::zipsafe::SafeZip;
    let bytes = std::fs::read(fixture("package.xlsx")).expect("fixture");
    let limits = Limits::default();
    let mut zip = SafeZip::open(bytes, &limits).expect("zip");
    let info = read_package_info(&mut zip, &limits).expect("package info");
    assert!(!info.has_macros);
    assert_eq!(info.metadata.creator.as_deref(), Some("山田 太郎"));
    assert_eq!(info.metadata.last_modified_by.as_deref(), Some("佐藤 花子"));
    let link = info
        .external_relationships
        .iter()
        .find(|r| r.rel_type == "hyperlink")
        .expect("hyperlink");
    assert_eq!(link.source_part, "xl/worksheets/sheet1.xml");
    assert_eq!(link.target, "https://www.meti.go.jp/");
    assert!(!link.loads_content);
    assert!(info.parts.iter().any(|p| p.name == "xl/workbook.xml"
        && p.content_type.as_deref()
            == Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")));
}
