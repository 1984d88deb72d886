//! `learn` on real published forms holding lists (issue 19): a table whose
//! rows are one record each is learned as a list, and the filled copy's
//! rows are read under the template's column labels, so that a finding
//! names the row and the column as the form labels them.

use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    crate::common::real_templates()
}

/// The definitions learned from one blank form, in a temporary folder.
fn learned(template: &str) -> tempfile::TempDir {
    crate::common::learn_real(template)
}

fn run(defs: &Path, cmd: &str, file: &str) -> Value {
    crate::common::forms_json(
        defs,
        cmd,
        "2026-12-01",
        &fixtures().join("filled").join(file),
    )
}

/// (code, message, location) of every finding.
fn findings(defs: &Path, file: &str) -> Vec<(String, String, Value)> {
    let v = run(defs, "check", file);
    v["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
                d["location"].clone(),
            )
        })
        .collect()
}

/// Every extracted field: path → (value, normalized, location).
fn fields(defs: &Path, file: &str) -> Vec<(String, Value)> {
    let v = run(defs, "extract", file);
    let mut out = Vec::new();
    for form in v["files"][0]["forms"].as_array().expect("forms") {
        for (k, f) in form["fields"].as_object().expect("fields") {
            out.push((k.clone(), f.clone()));
        }
    }
    out
}

#[test]
fn a_blank_column_of_a_used_row_is_named_by_row_and_column() {
    let defs = learned("国交省_建設業許可_役員等の一覧表.xlsx");
    let got = findings(
        defs.path(),
        "国交省_建設業許可_役員等の一覧表/req001_title.xlsx",
    );
    let hit = got
        .iter()
        .find(|(c, m, _)| c == "REQ001" && m.contains("役名等"))
        .unwrap_or_else(|| panic!("no REQ001 on 役名等: {got:?}"));
    assert!(hit.1.contains("１行目"), "{}", hit.1);
    assert_eq!(hit.2["cell"], "BT9", "{:?}", hit.2);
    // The spare rows below and the 常勤・非常勤の別 column (a note of the
    // form lets 株主等 leave it blank) are no finding on the clean copy.
    let clean = findings(defs.path(), "国交省_建設業許可_役員等の一覧表/clean_a.xlsx");
    assert!(!clean.iter().any(|(c, _, _)| c == "REQ001"), "{clean:?}");
    // The rows are read under their columns.
    let f = fields(defs.path(), "国交省_建設業許可_役員等の一覧表/clean_a.xlsx");
    let row3: Vec<&str> = f
        .iter()
        .filter(|(k, _)| k.starts_with("list[2]."))
        .filter_map(|(_, v)| v["value"].as_str())
        .collect();
    assert!(
        row3.contains(&"監査役") && row3.contains(&"非常勤"),
        "{row3:?}"
    );
}

#[test]
fn a_list_of_documents_needs_a_mark_in_every_row_and_leaves_the_office_column() {
    let defs = learned("入管庁_提出書類一覧表_第1表_申請人.xlsx");
    let dir = "入管庁_提出書類一覧表_第1表_申請人";
    let unmarked = findings(defs.path(), &format!("{dir}/req001_unmarked.xlsx"));
    let hit = unmarked
        .iter()
        .find(|(c, m, _)| c == "REQ001" && m.contains("提出確認欄"))
        .unwrap_or_else(|| panic!("no REQ001 on 提出確認欄: {unmarked:?}"));
    assert!(hit.1.contains("3 在留資格変更許可申請書"), "{}", hit.1);
    assert_eq!(hit.2["cell"], "G57", "{:?}", hit.2);
    let office = findings(defs.path(), &format!("{dir}/req002_office.xlsx"));
    let hit = office
        .iter()
        .find(|(c, m, _)| c == "REQ002" && m.contains("官用欄"))
        .unwrap_or_else(|| panic!("no REQ002 on 官用欄: {office:?}"));
    assert_eq!(hit.2["cell"], "K57", "{:?}", hit.2);
    // A document's 留意事項 reworded: named by its row and column.
    let note = findings(defs.path(), &format!("{dir}/tpl001_note.xlsx"));
    let hit = note
        .iter()
        .find(|(c, _, _)| c == "TPL001")
        .unwrap_or_else(|| panic!("no TPL001: {note:?}"));
    assert!(
        hit.1.contains("5 特定技能雇用契約書の写し 留意事項"),
        "{}",
        hit.1
    );
    assert_eq!(hit.2["cell"], "F60", "{:?}", hit.2);
    let clean = findings(defs.path(), &format!("{dir}/clean_a.xlsx"));
    assert!(
        !clean
            .iter()
            .any(|(c, _, _)| c == "REQ001" || c == "REQ002" || c == "TPL001"),
        "{clean:?}"
    );
    // The option marked, per printed row: 3 在留資格変更許可申請書 is 有,
    // 1 申請人名簿 無.
    let f = fields(defs.path(), &format!("{dir}/clean_a.xlsx"));
    let chosen = |row: usize| {
        f.iter()
            .find(|(k, v)| k.starts_with(&format!("list[{row}].")) && v["normalized"].is_string())
            .map(|(_, v)| v["normalized"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(chosen(2).as_deref(), Some("有"));
    assert_eq!(chosen(0).as_deref(), Some("無"));
}

#[test]
fn a_numbered_block_with_its_name_blank_is_named_by_its_mark() {
    let defs = learned("入管庁_特定技能所属機関概要書.docx");
    let dir = "入管庁_特定技能所属機関概要書";
    let got = findings(defs.path(), &format!("{dir}/req001_officer.docx"));
    let hit = got
        .iter()
        .find(|(c, m, _)| c == "REQ001" && m.contains("（１）役員氏名 ①"))
        .unwrap_or_else(|| panic!("no REQ001 on 役員氏名 ①: {got:?}"));
    assert_eq!(
        (&hit.2["table"], &hit.2["row"], &hit.2["col"]),
        (&Value::from(1), &Value::from(2), &Value::from(3)),
        "{:?}",
        hit.2
    );
    // Blocks ④ ⑤ left wholly blank are spare, not missing.
    let clean = findings(defs.path(), &format!("{dir}/clean_a.docx"));
    assert!(
        !clean
            .iter()
            .any(|(c, m, _)| c == "REQ001" && m.contains("役員氏名")),
        "{clean:?}"
    );
}

/// A copy of a filled .xlsx with one text of one sheet replaced.
fn edited_xlsx(from: &Path, to: &Path, part: &str, old: &str, new: &str) {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::fs::File::open(from).expect("open")).expect("zip");
    let mut zout = zip::ZipWriter::new(std::fs::File::create(to).expect("create"));
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        if name == part {
            let text = String::from_utf8(bytes).expect("utf-8");
            assert!(text.contains(old), "{old} not in {part}");
            bytes = text.replacen(old, new, 1).into_bytes();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zout.write_all(&bytes).expect("write");
    }
    zout.finish().expect("finish");
}

#[test]
fn the_option_left_when_the_other_is_struck_out_is_the_answer() {
    let defs = learned("入管庁_提出書類一覧表_第1表_申請人.xlsx");
    let dir = tempfile::tempdir().expect("tmp");
    let copy = dir.path().join("struck.xlsx");
    // Row 3 left with neither option marked, then its 「無」 deleted: the
    // applicant answered 有 by striking out what does not apply.
    edited_xlsx(
        &fixtures().join("filled/入管庁_提出書類一覧表_第1表_申請人/req001_unmarked.xlsx"),
        &copy,
        "xl/worksheets/sheet1.xml",
        r#"<c r="H57" s="22" t="s"><v>21</v></c>"#,
        r#"<c r="H57" s="22"/>"#,
    );
    let v = crate::common::forms_json(defs.path(), "check", "2026-12-01", &copy);
    let req: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "REQ001")
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(req.is_empty(), "{req:?}");
}
