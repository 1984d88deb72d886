//! Text files are rewritten in their own encoding: only the bytes of the
//! replaced text change; the reader reads the new text on the same line.

use crate::write_support::*;
use yoshiki::model::Location;
use yoshiki::read::{Limits, read_bytes};
use yoshiki::write::text_file::{TextEncoding, replace_in_text};
use yoshiki::write::{Edit, EditStatus};

fn roundtrip(name: &str, want_encoding: &str) {
    let original = std::fs::read(fixture(name)).unwrap();
    let doc = read_bytes(name, original.clone(), &Limits::default()).unwrap();
    let encoding = doc.encoding.clone();
    // The reader's line 2 and 3 hold the outdated wording.
    let lines: Vec<String> = doc.paragraphs().iter().map(|p| p.text.clone()).collect();
    assert!(lines[1].contains("令和５年度版"), "{lines:?}");
    let edits = vec![
        Edit::new(Location::line(2), "令和５年度版", "令和７年度版"),
        Edit::new(
            Location::line(3),
            "内閣官房内閣サイバーセキュリティセンター",
            "内閣官房国家サイバー統括室",
        ),
    ];
    let (out, enc, o) = replace_in_text(&original, encoding.as_deref(), &edits).unwrap();
    assert_eq!(enc.name(), want_encoding);
    assert!(o.iter().all(|x| x.status == EditStatus::Applied), "{o:?}");
    assert_eq!(o[0].location.column, Some(11));
    let back = read_bytes(name, out.clone(), &Limits::default()).unwrap();
    assert_eq!(back.encoding, encoding);
    let new_lines: Vec<String> = back.paragraphs().iter().map(|p| p.text.clone()).collect();
    assert_eq!(new_lines[0], lines[0]);
    assert_eq!(
        new_lines[1],
        lines[1].replace("令和５年度版", "令和７年度版")
    );
    assert_eq!(
        new_lines[2],
        lines[2].replace(
            "内閣官房内閣サイバーセキュリティセンター",
            "内閣官房国家サイバー統括室"
        )
    );
    // Bytes before the first change are identical (BOM, first line, line
    // ending).
    let first_diff = original
        .iter()
        .zip(out.iter())
        .position(|(a, b)| a != b)
        .unwrap();
    let enc2 = enc;
    let head = match enc2 {
        TextEncoding::Utf16Le => 2 + "情報セキュリティに関する事項の遵守の方法の実施状況報告書\n２）\t「統一基準」（令和".encode_utf16().count() * 2,
        // ５ is 0x82 0x54 and ７ 0x82 0x56: the lead byte is kept too.
        _ => encoding_rs::SHIFT_JIS.encode("情報セキュリティに関する事項の遵守の方法の実施状況報告書\r\n２）\t「統一基準」（令和").0.len() + 1,
    };
    assert_eq!(first_diff, head);
}

#[test]
fn shift_jis_with_crlf() {
    roundtrip("report_sjis.txt", "Shift_JIS");
}

#[test]
fn utf16_with_bom() {
    roundtrip("report_utf16.txt", "UTF-16LE");
}
