//! A list whose table closes with a 計 row (入管庁 雇用の経緯に係る説明書,
//! 「４　計」 under 支払金額, amounts written 「１，０００米ドル（１５０，０００円）」):
//! `learn` writes the row's amount as the sum of the used rows, and
//! `check --forms` names the 計 row as the template labels it with the sum
//! it should be. The clean copies stay clean.

use std::path::Path;
use std::process::Command;

fn yoshiki(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(args)
        .output()
        .expect("runs")
}

fn sum001(defs: &Path, file: &Path) -> Vec<serde_json::Value> {
    let json = crate::common::forms_json(defs, "check", "2026-12-01", file);
    crate::common::first_file_findings(&json, "SUM001")
        .into_iter()
        .cloned()
        .collect()
}

#[test]
fn a_lists_total_row_is_the_sum_of_its_rows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/templates");
    let tmp = tempfile::tempdir().expect("tmp");
    let defs = tmp.path().join("defs");
    let blank = root.join("blank/入管庁_雇用の経緯に係る説明書.docx");
    let out = yoshiki(&[
        "learn".as_ref(),
        blank.as_os_str(),
        "-o".as_ref(),
        defs.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let filled = root.join("filled/入管庁_雇用の経緯に係る説明書");
    let found = sum001(&defs, &filled.join("sum001_total.docx"));
    assert_eq!(found.len(), 1, "{found:?}");
    let message = found[0]["message"].as_str().unwrap_or("");
    // The 計 row as printed, what is written there, and the rows' sum.
    assert!(message.contains("「４　計」"), "{message}");
    assert!(message.contains("255,000"), "{message}");
    assert!(message.contains("225,000"), "{message}");
    for clean in ["clean_a.docx", "clean_b.docx"] {
        let found = sum001(&defs, &filled.join(clean));
        assert!(found.is_empty(), "{clean}: {found:?}");
    }
}
