//! Text replacement in .xlsx: shared strings (one shared by two cells),
//! inline strings, rich text split over runs, phonetic runs.

use crate::write_support::*;
use yoshiki::model::Location;
use yoshiki::read::Limits;
use yoshiki::write::xlsx_text::replace_in_xlsx;
use yoshiki::write::{Edit, EditStatus};

fn at(cell: &str) -> Location {
    Location::sheet_cell("報告書", cell)
}

#[test]
fn fixes_cells_and_keeps_other_entries_identical() {
    let original = std::fs::read(fixture("sheet.xlsx")).unwrap();
    let edits = vec![
        Edit::new(at("A2"), "令和５年度版", "令和７年度版"),
        Edit::new(at("A1"), "遵守の方法の", "遵守方法の"),
        Edit::new(
            at("A4"),
            "内閣官房内閣サイバーセキュリティセンター",
            "内閣官房国家サイバー統括室",
        ),
        Edit::new(at("B2"), "令和５年度版", "令和７年度版"),
        Edit::new(at("C2"), "12000", "13000"),
    ];
    let (out, o) = replace_in_xlsx(&original, &edits, &Limits::default()).unwrap();
    let st: Vec<_> = o.iter().map(|x| x.status.clone()).collect();
    assert_eq!(
        st,
        vec![
            EditStatus::Applied,
            EditStatus::Applied,
            EditStatus::Applied,
            EditStatus::Applied,
            EditStatus::NotFound
        ]
    );
    assert_eq!(o[0].location, at("A2"));
    assert_eq!(o[0].after, "統一基準（令和７年度版）");
    let n = assert_untouched_identical(
        &original,
        &out,
        &["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"],
    );
    assert_eq!(n, raw_entries(&original).len() - 2);

    let sst = String::from_utf8(read_part(&out, "xl/sharedStrings.xml").unwrap()).unwrap();
    // A1's furigana: the first run kept, the one after the edit shifted by
    // one character.
    assert!(sst.contains("<rPh sb=\"0\" eb=\"2\"><t>ジョウホウ</t></rPh><rPh sb=\"23\" eb=\"26\"><t>ホウコクショ</t></rPh>"), "{sst}");
    // The string shared by A2 and A3 is copied, not edited in place.
    assert!(sst.contains("uniqueCount=\"4\""), "{sst}");
    assert!(sst.contains("<b val=\"1\"/></rPr><t>内閣官房国家サイバー統括室</t></r><r><rPr><color rgb=\"00FF0000\"/></rPr><t></t></r>"), "{sst}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixed.xlsx");
    std::fs::write(&path, &out).unwrap();
    if let Some(text) = python(
        &["openpyxl"],
        "import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1])['報告書']\nfor r in ('A1','A2','A3','A4','B2','C2'):\n    print(r, ws[r].value)\nprint('comment', ws['B3'].comment.text)",
        &[path.to_str().unwrap()],
    ) {
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "A1 情報セキュリティに関する事項の遵守方法の実施状況報告書"
        );
        assert_eq!(lines[1], "A2 統一基準（令和７年度版）");
        assert_eq!(lines[2], "A3 統一基準（令和５年度版）");
        assert_eq!(
            lines[3],
            "A4 経済産業省又は内閣官房国家サイバー統括室が実施する監査"
        );
        assert_eq!(lines[4], "B2 実施（令和７年度版）");
        assert_eq!(lines[5], "C2 12000");
        assert_eq!(lines[6], "comment 既存のメモ");
    }
    soffice_to_pdf(&path);
}

#[test]
fn sole_user_of_a_shared_string_is_edited_in_place() {
    let original = std::fs::read(fixture("sheet.xlsx")).unwrap();
    let (out, o) = replace_in_xlsx(
        &original,
        &[Edit::new(Location::default(), "監査", "検査")],
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(o[0].status, EditStatus::Applied);
    assert_eq!(o[0].location, at("A4"));
    // Only the string table changed: the cell still points at string 2.
    assert_untouched_identical(&original, &out, &["xl/sharedStrings.xml"]);
    let sst = String::from_utf8(read_part(&out, "xl/sharedStrings.xml").unwrap()).unwrap();
    assert!(sst.contains("uniqueCount=\"3\""));
}
