//! Text boxes and shapes over an Excel sheet are read, in anchor order,
//! located at their sheet and anchor cell (issue 16).

use rust_xlsxwriter::{Shape, Workbook};
use yoshiki::model::{Block, Container, Format};
use yoshiki::read::{Limits, read_bytes};

fn workbook_with_text_boxes() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("申請書").expect("name");
    ws.write_string(0, 0, "補助金交付申請書").expect("write");
    ws.write_string(3, 0, "申請者名").expect("write");
    let heading = Shape::textbox().set_text("（様式第１号）\n記入例：株式会社○○");
    ws.insert_shape(1, 4, &heading).expect("shape");
    let note = Shape::textbox().set_text("※太枠内を記入してください");
    ws.insert_shape(10, 1, &note).expect("shape");
    let other = wb.add_worksheet();
    other.set_name("別紙").expect("name");
    other.write_string(0, 0, "経費明細").expect("write");
    wb.save_to_buffer().expect("xlsx")
}

#[test]
fn shapes_become_text_box_paragraphs_after_their_sheet() {
    let doc = read_bytes(
        "申請書.xlsx",
        workbook_with_text_boxes(),
        &Limits::default(),
    )
    .expect("reads");
    assert_eq!(doc.format, Format::Xlsx);
    let seen: Vec<String> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Table(t) => format!("table {}", t.location.sheet.clone().unwrap_or_default()),
            Block::Paragraph(p) => {
                assert_eq!(p.container, Container::TextBox);
                format!(
                    "box {}!{} {}",
                    p.location.sheet.clone().unwrap_or_default(),
                    p.location.cell.clone().unwrap_or_default(),
                    p.text
                )
            }
        })
        .collect();
    assert_eq!(
        seen,
        [
            "table 申請書",
            "box 申請書!E2 （様式第１号）\n記入例：株式会社○○",
            "box 申請書!B11 ※太枠内を記入してください",
            "table 別紙",
        ]
    );
}

#[test]
fn text_in_a_shape_is_checked_like_any_text() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("申請書.xlsx");
    std::fs::write(&path, workbook_with_text_boxes()).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["dump"])
        .arg(&path)
        .output()
        .expect("dump");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("記入例：株式会社○○"), "{text}");
    assert!(text.contains("E2"), "{text}");
}
