//! `migrate FILLED --to NEW_TEMPLATE`: a filled form carried onto a blank
//! template of any call. Here: the four forms of tests/fixtures/calls
//! carried onto their own blank templates (every value must come back in
//! its place, the package otherwise unchanged), and the refusals. The
//! year-to-year cases (renamed, moved, removed, new fields, units) are in
//! `migrate_next_year.rs`.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn calls() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calls")
}

fn migrate(filled: &Path, to: &Path, out: &Path, extra: &[&str]) -> (Option<i32>, Value, String) {
    let run = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .arg("migrate")
        .arg(filled)
        .arg("--to")
        .arg(to)
        .arg("-o")
        .arg(out)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .expect("runs");
    let json = serde_json::from_slice(&run.stdout).unwrap_or(Value::Null);
    (
        run.status.code(),
        json,
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

/// The zip entries of a package: name → bytes.
fn entries(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut b).expect("read");
        out.insert(f.name().expect("name").to_string(), b);
    }
    out
}

#[test]
fn every_value_comes_back_in_its_place() {
    let tmp = tempfile::tempdir().expect("tmp");
    for name in [
        "様式第1号_補助金交付申請書.docx",
        "様式第2号_企画提案書.docx",
        "様式第4号_誓約書.docx",
        "経費明細書.xlsx",
    ] {
        let filled = calls().join("filled/clean").join(name);
        let template = calls().join("templates").join(name);
        let out = tmp.path().join(name);
        let (code, json, err) = migrate(&filled, &template, &out, &[]);
        assert_eq!(code, Some(0), "{name}: {err} {json}");
        let placed = json["placed"].as_array().expect("placed");
        assert!(placed.len() >= 4, "{name}: {json}");
        assert!(
            json["unplaced"].as_array().is_some_and(Vec::is_empty),
            "{name}: {json}"
        );
        for p in placed {
            assert_eq!(p["old_label"], p["new_label"], "{name}: {p}");
            assert!(
                p["value"].as_str().is_some_and(|v| !v.is_empty()),
                "{name}: {p}"
            );
        }
        // The carried copy checks as the filled one does.
        let check = |p: &Path| -> Vec<String> {
            let run = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
                .args(["--forms"])
                .arg(calls().join("hand"))
                .args(["check", "--format", "json", "--each"])
                .arg(p)
                .output()
                .expect("check");
            let v: Value = serde_json::from_slice(&run.stdout).expect("json");
            let mut codes: Vec<String> = v["files"][0]["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| !d["code"].as_str().unwrap_or("").starts_with("SEC"))
                .map(|d| d["code"].as_str().unwrap_or("").to_string())
                .collect();
            codes.sort();
            codes
        };
        assert_eq!(check(&out), check(&filled), "{name}");
        // Only the part holding the values changed.
        let before = entries(&std::fs::read(&template).expect("template"));
        let after = entries(&std::fs::read(&out).expect("out"));
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>()
        );
        let changed: Vec<&String> = before.keys().filter(|k| before[*k] != after[*k]).collect();
        assert!(
            changed.len() == 1
                && (changed[0] == "word/document.xml" || changed[0].starts_with("xl/worksheets/")),
            "{name}: {changed:?}"
        );
    }
}

#[test]
fn refusals_say_why_and_write_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let filled = calls().join("filled/clean/経費明細書.xlsx");
    let template = calls().join("templates/経費明細書.xlsx");
    // The output may not be the template.
    let copy = tmp.path().join("t.xlsx");
    std::fs::copy(&template, &copy).expect("copy");
    let (code, _, err) = migrate(&filled, &copy, &copy, &["--force"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("指定できません"), "{err}");
    // A text file is not a template values can be written into.
    let txt = tmp.path().join("t.txt");
    std::fs::write(&txt, "氏名\t\n").expect("write");
    let out = tmp.path().join("o.txt");
    let (code, _, err) = migrate(&filled, &txt, &out, &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(!out.exists());
    // A bad --map is refused with its place.
    let map = tmp.path().join("map.toml");
    std::fs::write(&map, "[map]\n旧 = 1\n").expect("write");
    let (code, _, err) = migrate(
        &filled,
        &template,
        &tmp.path().join("x.xlsx"),
        &["--map", map.to_str().expect("utf8")],
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("[map]"), "{err}");
}
