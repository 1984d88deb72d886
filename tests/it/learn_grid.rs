//! `learn` on the real 方眼紙 (fine-grid) sheets of
//! `tests/fixtures/templates` (issue 19): a label over two rows beside one
//! tall box, values typed one character per box, a date typed into the
//! cells between printed 年 / 月 / 日 under its label, an office-use area
//! the applicant filled, and the printed notes of a checklist's 留意事項
//! column. Each planted copy must give its finding at the place the form
//! names, and the clean copy none of them.

use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    crate::common::real_templates()
}

/// The definitions learned from a blank template, in a temporary folder.
fn learned(template: &str) -> tempfile::TempDir {
    crate::common::learn_real(&format!("{template}.xlsx"))
}

fn run_json(defs: &Path, command: &str, file: &Path) -> serde_json::Value {
    crate::common::forms_json(defs, command, "2026-12-01", file)
}

/// (code, message) of every diagnostic of a filled copy.
fn findings(defs: &Path, template: &str, copy: &str) -> Vec<(String, String)> {
    let file = fixtures().join("filled").join(template).join(copy);
    let v = run_json(defs, "check", &file);
    v["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Every extracted value of a filled copy.
fn values(defs: &Path, template: &str, copy: &str) -> Vec<String> {
    let file = fixtures().join("filled").join(template).join(copy);
    let v = run_json(defs, "extract", &file);
    let mut out = Vec::new();
    for form in v["files"][0]["forms"].as_array().expect("forms") {
        for (_, f) in form["fields"].as_object().expect("fields") {
            out.push(f["value"].as_str().unwrap_or("").to_string());
        }
    }
    out
}

fn has(found: &[(String, String)], code: &str, place: &str) -> bool {
    found
        .iter()
        .any(|(c, m)| c == code && m.replace(' ', "").contains(place))
}

const OFFICES: &str = "国交省_建設業許可_営業所一覧表_新規";

#[test]
fn a_label_over_two_rows_beside_one_box_is_required_and_named_whole() {
    let defs = learned(OFFICES);
    let planted = findings(defs.path(), OFFICES, "req001_main_name.xlsx");
    assert!(has(&planted, "REQ001", "主たる営業所の名称"), "{planted:?}");
    let clean = findings(defs.path(), OFFICES, "clean_a.xlsx");
    assert!(!clean.iter().any(|(c, _)| c == "REQ001"), "{clean:?}");
}

#[test]
fn digits_typed_box_by_box_into_the_office_area_are_req002() {
    let defs = learned(OFFICES);
    let planted = findings(defs.path(), OFFICES, "req002_office.xlsx");
    assert!(
        has(&planted, "REQ002", "行政庁側記入欄（許可番号）"),
        "{planted:?}"
    );
    let clean = findings(defs.path(), OFFICES, "clean_a.xlsx");
    assert!(!clean.iter().any(|(c, _)| c == "REQ002"), "{clean:?}");
}

#[test]
fn values_typed_one_character_per_box_are_read_whole() {
    let defs = learned(OFFICES);
    let got = values(defs.path(), OFFICES, "clean_a.xlsx");
    for want in [
        "岐阜市金町六丁目１２番地３",
        "058-263-1100",
        "500－0842",
        "みどり建設株式会社　本店",
    ] {
        assert!(got.iter().any(|v| v == want), "{want} not in {got:?}");
    }
}

const CHANGE: &str = "法務省_在留資格変更許可申請書";

#[test]
fn a_date_typed_between_printed_year_month_day_under_its_label_is_read() {
    let defs = learned(CHANGE);
    let planted = findings(defs.path(), CHANGE, "req003_date.xlsx");
    assert!(has(&planted, "REQ003", "申請書作成年月日"), "{planted:?}");
    let clean = findings(defs.path(), CHANGE, "clean_a.xlsx");
    assert!(
        !clean
            .iter()
            .any(|(c, m)| (c == "REQ003" || c == "FMT003") && m.contains("申請書作成年月日")),
        "{clean:?}"
    );
    let got = values(defs.path(), CHANGE, "clean_a.xlsx");
    assert!(got.iter().any(|v| v == "2026年11月20日"), "{got:?}");
}

const CHECKLIST: &str = "入管庁_提出書類一覧表_第1表_申請人";

#[test]
fn a_printed_note_of_a_checklist_altered_is_tpl001_at_its_row_and_column() {
    let defs = learned(CHECKLIST);
    let planted = findings(defs.path(), CHECKLIST, "tpl001_note.xlsx");
    assert!(
        has(&planted, "TPL001", "特定技能雇用契約書の写し留意事項"),
        "{planted:?}"
    );
    let clean = findings(defs.path(), CHECKLIST, "clean_a.xlsx");
    assert!(!clean.iter().any(|(c, _)| c == "TPL001"), "{clean:?}");
}
