//! `check --template`: what the call's blank template already contains is
//! the issuer's (info, `origin: "template"`, shown apart), never the
//! applicant's error; what the applicant added, changed or left unfilled
//! stays theirs.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn sample(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(p)
}

fn check(file: &Path, template: &Path) -> (Option<i32>, Value) {
    let run = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["check", "--format", "json", "--each"])
        .arg(file)
        .arg("--template")
        .arg(template)
        .output()
        .expect("runs");
    (
        run.status.code(),
        serde_json::from_slice(&run.stdout).expect("json"),
    )
}

fn findings(v: &Value) -> Vec<Value> {
    v["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
        .collect()
}

#[test]
fn what_the_template_holds_is_the_issuers() {
    let tmp = tempfile::tempdir().expect("tmp");
    // The issuer's template carries a stale link, a guidance comment and
    // its author; an applicant's copy of it carries the same.
    let template = sample("mistakes/hygiene/01_様式1_申請書.docx");
    let filled = tmp.path().join("申請書.docx");
    std::fs::copy(&template, &filled).expect("copy");
    let (code, v) = check(&filled, &template);
    let all = findings(&v);
    let content: Vec<&Value> = all
        .iter()
        .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("SEC")))
        .collect();
    assert!(content.len() >= 3, "{v}");
    for d in &content {
        assert_eq!(d["origin"], "template", "{d}");
        assert_eq!(d["severity"], "info", "{d}");
    }
    assert_eq!(code, Some(0), "nothing of the applicant's: {v}");
    // Without the template the same findings are the applicant's.
    let run = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["check", "--format", "json", "--each"])
        .arg(&filled)
        .output()
        .expect("runs");
    let plain: Value = serde_json::from_slice(&run.stdout).expect("json");
    assert!(findings(&plain).iter().all(|d| d.get("origin").is_none()));
    assert!(findings(&plain).iter().any(|d| d["severity"] == "error"));
    // The human output shows them apart.
    let human = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .arg("check")
        .arg(&filled)
        .arg("--template")
        .arg(&template)
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&human.stdout).contains("様式に由来するもの"));
}

#[test]
fn what_the_applicant_did_stays_theirs() {
    // Another document checked against that template: its own hidden text
    // and comments are not in the template, so they stay as they were.
    let template = sample("mistakes/hygiene/01_様式1_申請書.docx");
    let other = sample("mistakes/hygiene/05_実施状況報告書.docx");
    let (_, with) = check(&other, &template);
    let run = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["check", "--format", "json", "--each"])
        .arg(&other)
        .output()
        .expect("runs");
    let without: Value = serde_json::from_slice(&run.stdout).expect("json");
    let applicant = |v: &Value| -> Vec<String> {
        findings(v)
            .iter()
            .filter(|d| d.get("origin").is_none())
            .map(|d| format!("{} {}", d["code"], d["severity"]))
            .collect()
    };
    let kept = applicant(&with);
    assert!(kept.iter().any(|c| c.contains("SEC005")), "{kept:?}");
    for d in findings(&with).iter().filter(|d| d["origin"] == "template") {
        // Only what the template itself holds, byte for byte in its excerpt.
        assert!(
            findings(&without)
                .iter()
                .any(|w| w["code"] == d["code"] && w["excerpt"] == d["excerpt"])
        );
    }
    // Entries left unfilled or wrong are never the template's, even
    // against a template that has the same finding.
    let form = sample("mistakes/application/01_様式1_申請書.docx");
    let (code, v) = check(&form, &form);
    let field: Vec<Value> = findings(&v)
        .into_iter()
        .filter(|d| {
            d["code"]
                .as_str()
                .is_some_and(|c| c.starts_with("REQ") || c.starts_with("FMT"))
        })
        .collect();
    assert!(!field.is_empty(), "{v}");
    assert!(
        field
            .iter()
            .all(|d| d.get("origin").is_none() && d["severity"] != "info"),
        "{v}"
    );
    assert_eq!(code, Some(1));
}
