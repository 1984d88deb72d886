//! Hostile and broken input: typed errors, bounded memory and time, never a
//! panic. Fixtures from scripts/gen_reader_fixtures.py (tests/fixtures/
//! reader/bad/), plus packages built here at run time.

use std::io::{Cursor, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use yoshiki::read::zipsafe::SafeZip;
use yoshiki::{Limits, ReadError, read_bytes, read_path};
use zip::write::SimpleFileOptions;

fn bad(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reader/bad")
        .join(name)
}

fn read_err(name: &str) -> ReadError {
    let started = Instant::now();
    let result = read_path(&bad(name), &Limits::default());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{name} took {:?}",
        started.elapsed()
    );
    match result {
        Ok(_) => panic!("{name}: read without error"),
        Err(e) => {
            // Every error has a Japanese message for the submitter.
            assert!(!e.message_ja().is_empty());
            e
        }
    }
}

#[test]
fn truncated_and_garbage_zips_are_corrupt() {
    for name in ["truncated.docx", "garbage.docx"] {
        let e = read_err(name);
        assert!(matches!(e, ReadError::CorruptZip { .. }), "{name}: {e:?}");
        assert_eq!(e.code(), "IN001");
    }
}

#[test]
fn missing_main_part() {
    let e = read_err("missing_document.docx");
    match e {
        ReadError::MissingPart { part } => assert_eq!(part, "word/document.xml"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn malformed_xml_names_part_and_offset() {
    match read_err("malformed.docx") {
        ReadError::MalformedXml {
            part,
            offset,
            detail,
        } => {
            assert_eq!(part, "word/document.xml");
            assert!(offset > 0);
            assert!(detail.contains("</w:t>"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn malformed_secondary_part_is_a_note() {
    let doc = read_path(&bad("bad_header.docx"), &Limits::default()).expect("reads");
    assert_eq!(doc.plain_text(), "正常\n");
    assert!(
        doc.notes
            .iter()
            .any(|n| n.part.as_deref() == Some("word/header1.xml")),
        "{:?}",
        doc.notes
    );
}

#[test]
fn doctype_and_entities_are_refused() {
    for name in ["billion_laughs.docx", "external_entity.docx"] {
        let e = read_err(name);
        assert!(
            matches!(e, ReadError::DtdRefused { ref part } if part == "word/document.xml"),
            "{name}: {e:?}"
        );
        assert_eq!(e.code(), "IN005");
    }
}

#[test]
fn absurd_nesting_is_too_deep() {
    let e = read_err("deep_nesting.docx");
    assert!(matches!(e, ReadError::TooDeep { limit: 256, .. }), "{e:?}");
}

#[test]
fn zip_bombs_stop_early() {
    for name in [
        "bomb_ratio.docx",
        "bomb_lying_header.docx",
        "bomb_300mb.docx",
    ] {
        let size = std::fs::metadata(bad(name)).expect("fixture").len();
        assert!(size < 1024 * 1024, "{name} fixture is {size} bytes");
        let e = read_err(name);
        assert!(
            matches!(e, ReadError::LimitExceeded { .. }),
            "{name}: {e:?}"
        );
        assert_eq!(e.code(), "IN005");
    }
}

#[test]
fn encrypted_docx_is_encrypted() {
    let path = bad("encrypted.docx");
    if !path.exists() {
        crate::common::missing("the encrypted.docx fixture (msoffcrypto-tool)");
        return;
    }
    let e = read_err("encrypted.docx");
    assert!(matches!(e, ReadError::Encrypted { .. }), "{e:?}");
    assert_eq!(e.code(), "IN002");
}

#[test]
fn legacy_doc_is_read_whatever_its_name() {
    for name in ["legacy.doc", "legacy_named.docx"] {
        if !bad(name).exists() {
            crate::common::missing(&format!("the {name} fixture (LibreOffice)"));
            continue;
        }
        let doc = yoshiki::read::read_path(&bad(name), &Limits::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.format, yoshiki::model::Format::Doc, "{name}");
        assert!(
            doc.plain_text().contains("正常"),
            "{name}: {}",
            doc.plain_text()
        );
    }
}

#[test]
fn rtf_is_unsupported_and_named() {
    match read_err("legacy.rtf") {
        ReadError::Unsupported { looks_like } => {
            assert!(looks_like.contains("RTF"), "{looks_like}")
        }
        other => panic!("legacy.rtf: {other:?}"),
    }
}

#[test]
fn pdf_named_docx_is_read_as_a_pdf() {
    // Sniffed by its bytes: the PDF reader, which finds this stub broken.
    let e = read_err("pdf_named.docx");
    assert!(matches!(e, ReadError::CorruptPdf { .. }), "{e:?}");
    assert_eq!(e.code(), "IN001");
}

/// A package built in memory with the given parts.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        w.start_file(*name, SimpleFileOptions::default())
            .expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

const DOC_OPEN: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
const TABLE_OPEN: &str = "<w:tbl><w:tr><w:tc>";
const TABLE_CLOSE: &str = "</w:tc></w:tr></w:tbl>";

/// A document.xml whose body is `open` × `levels`, then `inner`, then
/// `close` × `levels`.
fn nested_doc(open: &str, inner: &str, close: &str, levels: usize) -> String {
    format!(
        "{DOC_OPEN}{}{inner}{}</w:body></w:document>",
        open.repeat(levels),
        close.repeat(levels)
    )
}

#[test]
fn huge_document_reads_in_bounded_time() {
    // 200,000 distinct paragraphs (~9 MB of XML, realistic ratio).
    let mut xml = String::from(DOC_OPEN);
    for i in 0..200_000u32 {
        xml.push_str(&format!(
            "<w:p><w:r><w:t>第{i}項 {}</w:t></w:r></w:p>",
            i.wrapping_mul(2_654_435_761)
        ));
    }
    xml.push_str("</w:body></w:document>");
    let bytes = package(&[("word/document.xml", xml.as_bytes())]);
    let started = Instant::now();
    let doc = read_bytes("huge.docx", bytes, &Limits::default()).expect("reads");
    assert_eq!(doc.blocks.len(), 200_000);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn total_inflated_limit_applies_across_parts() {
    let para = "<w:p><w:r><w:t>あいうえお</w:t></w:r></w:p>".repeat(20_000);
    let doc = format!("{DOC_OPEN}{para}</w:body></w:document>");
    let header = format!(
        r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{para}</w:hdr>"#
    );
    let bytes = package(&[
        ("word/document.xml", doc.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
    ]);
    let limits = Limits {
        max_total_inflated: (doc.len() + header.len() / 2) as u64,
        max_ratio: 10_000,
        ..Limits::default()
    };
    let e = read_bytes("t.docx", bytes, &limits).expect_err("limit");
    assert!(matches!(e, ReadError::LimitExceeded { .. }), "{e:?}");
}

#[test]
fn too_many_entries() {
    let names: Vec<String> = (0..50).map(|i| format!("word/media/x{i}.bin")).collect();
    let mut parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let doc = format!("{DOC_OPEN}</w:body></w:document>");
    parts.push(("word/document.xml", doc.as_bytes()));
    let limits = Limits {
        max_entries: 20,
        ..Limits::default()
    };
    let e = read_bytes("t.docx", package(&parts), &limits).expect_err("limit");
    assert!(matches!(e, ReadError::LimitExceeded { .. }), "{e:?}");
}

#[test]
fn utf16_document_part_reads() {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>{DOC_OPEN}<w:p><w:r><w:t>様式２</w:t></w:r></w:p></w:body></w:document>"
    );
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(xml.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let doc = read_bytes(
        "u.docx",
        package(&[("word/document.xml", &bytes)]),
        &Limits::default(),
    )
    .expect("reads");
    assert_eq!(doc.plain_text(), "様式２\n");
}

#[test]
fn invalid_utf8_is_malformed_with_offset() {
    let mut xml = format!("{DOC_OPEN}<w:p><w:r><w:t>ab").into_bytes();
    let at = xml.len();
    xml.extend_from_slice(b"\xFF\xFE</w:t></w:r></w:p></w:body></w:document>");
    let e = read_bytes(
        "u.docx",
        package(&[("word/document.xml", &xml)]),
        &Limits::default(),
    )
    .expect_err("malformed");
    assert!(
        matches!(e, ReadError::MalformedXml { offset, .. } if offset == at as u64),
        "{e:?}"
    );
}

#[test]
fn truncated_xml_and_undefined_entities() {
    for xml in [
        format!("{DOC_OPEN}<w:p><w:r><w:t>途中"),
        format!("{DOC_OPEN}<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p></w:body></w:document>"),
    ] {
        let e = read_bytes(
            "t.docx",
            package(&[("word/document.xml", xml.as_bytes())]),
            &Limits::default(),
        )
        .expect_err("malformed");
        assert!(matches!(e, ReadError::MalformedXml { .. }), "{e:?}");
    }
}

#[test]
fn safe_zip_reads_parts_for_other_readers() {
    let bytes = package(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("[Content_Types].xml", b"<Types/>"),
    ]);
    let mut zip = SafeZip::open(bytes, &Limits::default()).expect("opens");
    assert!(zip.has("xl/workbook.xml"));
    assert_eq!(zip.read("xl/workbook.xml").expect("reads"), b"<workbook/>");
    assert!(matches!(
        zip.read("xl/missing.xml"),
        Err(ReadError::MissingPart { .. })
    ));
    let info = yoshiki::read::package::read_package_info(&mut zip, &Limits::default())
        .expect("package info");
    assert_eq!(info.parts.len(), 2);
    assert!(!info.has_macros);
}

#[test]
fn random_mutations_of_fixtures_never_panic() {
    // A small deterministic mutation sweep over a real fixture (the fuzz
    // target does this at scale).
    let base = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader/merged.docx"),
    )
    .expect("fixture");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..300 {
        let mut bytes = base.clone();
        for _ in 0..(next() % 8 + 1) {
            let i = (next() as usize) % bytes.len();
            bytes[i] = next() as u8;
        }
        if next() % 4 == 0 {
            let cut = (next() as usize) % bytes.len();
            bytes.truncate(cut);
        }
        let _ = read_bytes("m.docx", bytes, &Limits::default());
    }
}

#[test]
fn deepest_allowed_nesting_fits_a_small_stack() {
    // Nested tables and text boxes right up to the nesting limit (32), read
    // on a thread with a 1 MB stack in a debug build (rayon workers get 2 MB).
    let bottom = "<w:p><w:r><w:t>底</w:t></w:r></w:p>";
    let tables = nested_doc(TABLE_OPEN, bottom, TABLE_CLOSE, 32);
    let levels_tb = 32;
    let boxes = nested_doc(
        "<w:p><w:r><w:pict><w:txbxContent>",
        bottom,
        "</w:txbxContent></w:pict></w:r></w:p>",
        levels_tb,
    );
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            let a = read_bytes(
                "a.docx",
                package(&[("word/document.xml", tables.as_bytes())]),
                &Limits::default(),
            );
            let b = read_bytes(
                "b.docx",
                package(&[("word/document.xml", boxes.as_bytes())]),
                &Limits::default(),
            );
            (
                a.map(|d| d.paragraphs().len()),
                b.map(|d| d.paragraphs().len()),
            )
        })
        .expect("spawn");
    let (a, b) = handle.join().expect("no stack overflow");
    assert_eq!(a.expect("tables read"), 1);
    assert_eq!(b.expect("text boxes read"), levels_tb + 1);
}

#[test]
fn nesting_past_the_structure_limit_is_too_deep() {
    let xml = nested_doc(TABLE_OPEN, "", TABLE_CLOSE, 40);
    let e = read_bytes(
        "n.docx",
        package(&[("word/document.xml", xml.as_bytes())]),
        &Limits::default(),
    )
    .expect_err("too deep");
    assert!(matches!(e, ReadError::TooDeep { limit: 32, .. }), "{e:?}");
}

#[test]
fn millions_of_tiny_elements_hit_the_item_limit() {
    // Small parts that expand into many model items: paragraphs, and runs
    // alternating hidden and visible (a span each).
    let paras = format!("{DOC_OPEN}{}</w:body></w:document>", "<w:p/>".repeat(3000));
    let spans = format!(
        "{DOC_OPEN}<w:p>{}</w:p></w:body></w:document>",
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>a</w:t></w:r><w:r><w:t>b</w:t></w:r>".repeat(3000)
    );
    let limits = Limits {
        max_word_items: 2000,
        ..Limits::default()
    };
    for xml in [paras, spans] {
        let e = read_bytes(
            "t.docx",
            package(&[("word/document.xml", xml.as_bytes())]),
            &limits,
        )
        .expect_err("limit");
        assert!(matches!(e, ReadError::LimitExceeded { .. }), "{e:?}");
    }
}
