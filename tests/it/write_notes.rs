//! Excel notes: appended next to an existing note (written by openpyxl,
//! with its own VML drawing), and created from nothing on a sheet without
//! notes.

use crate::write_support::*;
use yoshiki::read::Limits;
use yoshiki::write::package::Package;
use yoshiki::write::xlsx_notes::{NewNote, add_notes};

fn note(sheet: Option<&str>, cell: Option<&str>, text: &str) -> NewNote {
    NewNote {
        sheet: sheet.map(str::to_string),
        cell: cell.map(str::to_string),
        author: "yoshiki".into(),
        text: text.into(),
    }
}

#[test]
fn notes_on_both_sheets_keep_the_existing_note() {
    let original = std::fs::read(fixture("sheet.xlsx")).unwrap();
    let pkg = Package::parse(original.clone(), &Limits::default()).unwrap();
    let notes = vec![
        note(Some("報告書"), Some("A2"), "VER001 統一基準の版が古い"),
        note(Some("報告書"), Some("A2"), "二つ目の指摘"),
        note(Some("報告書"), Some("B3"), "既存メモのセルへの指摘"),
        note(Some("別葉"), Some("A1"), "別シートの指摘"),
        note(None, None, "場所のない指摘"),
        note(Some("ない"), Some("C3"), "存在しないシート"),
    ];
    let (changes, placed) = add_notes(&pkg, &notes, &Limits::default()).unwrap();
    assert!(placed[2].appended_to_existing);
    assert!(placed[4].fallback && placed[5].fallback);
    assert_eq!(
        (placed[5].sheet.as_str(), placed[5].cell.as_str()),
        ("報告書", "A1")
    );
    let out = pkg.rewrite(&changes).unwrap();
    let changed: Vec<&str> = changes.keys().map(|s| s.as_str()).collect();
    assert_untouched_identical(&original, &out, &changed);
    // Sheet 1 already had notes: its comments and VML parts are extended,
    // the sheet itself is untouched. Sheet 2 gets new parts.
    assert!(
        !changed.contains(&"xl/worksheets/sheet1.xml"),
        "{changed:?}"
    );
    assert!(changed.contains(&"xl/worksheets/sheet2.xml"));
    assert!(changed.contains(&"xl/comments1.xml"));
    assert!(changed.contains(&"xl/drawings/vmlDrawing1.vml"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotated.xlsx");
    std::fs::write(&path, &out).unwrap();
    if let Some(text) = python(
        &["openpyxl"],
        "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nfor ws in wb:\n    for row in ws.iter_rows():\n        for c in row:\n            if c.comment:\n                print(ws.title, c.coordinate, c.comment.author, c.comment.text.replace('\\n', '|'))",
        &[path.to_str().unwrap()],
    ) {
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert_eq!(
            lines[0],
            "報告書 A1 yoshiki yoshiki:|場所のない指摘||存在しないシート"
        );
        assert_eq!(
            lines[1],
            "報告書 A2 yoshiki yoshiki:|VER001 統一基準の版が古い||二つ目の指摘"
        );
        assert!(
            lines[2].starts_with("報告書 B3 山田 既存のメモ"),
            "{}",
            lines[2]
        );
        assert!(
            lines[2].ends_with("yoshiki:|既存メモのセルへの指摘"),
            "{}",
            lines[2]
        );
        assert_eq!(lines[3], "別葉 A1 yoshiki yoshiki:|別シートの指摘");
    }
    soffice_to_pdf(&path);
    // LibreOffice reads the notes: re-saved by it, they are all still there.
    if let Some((_dir, resaved)) = soffice_convert(&path, "xlsx") {
        let text = python(
            &["openpyxl"],
            "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nprint(sorted((ws.title, c.coordinate) for ws in wb for row in ws.iter_rows() for c in row if c.comment))",
            &[resaved.to_str().unwrap()],
        );
        if let Some(text) = text {
            assert_eq!(
                text.trim(),
                "[('別葉', 'A1'), ('報告書', 'A1'), ('報告書', 'A2'), ('報告書', 'B3')]"
            );
        }
    }
}
