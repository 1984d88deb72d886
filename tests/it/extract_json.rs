//! `yoshiki extract --format json` prints the SPEC's shape, valid against
//! `schemas/extract.schema.json`.

use serde_json::{Value, json};
use std::process::Command;
use yoshiki::forms::extract_forms;
use yoshiki::forms::output::{FileJson, FileResult, SCHEMA, to_json};
use yoshiki::{Limits, read_path};

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("the schema is JSON")
}

fn assert_valid(instance: &Value) {
    let validator = jsonschema::validator_for(&schema()).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(10)
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// What the library extracts from every file of the samples' manifest.
fn sample_results() -> Vec<FileResult> {
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string("samples/manifest.json").expect("manifest"))
            .expect("json");
    let mut results = Vec::new();
    for path in manifest["files"].as_object().expect("files").keys() {
        let outcome =
            read_path(std::path::Path::new(path), &Limits::default()).map(|d| extract_forms(&d));
        results.push(FileResult {
            path: path.clone(),
            format: path.rsplit('.').next().unwrap_or_default().to_string(),
            outcome,
        });
    }
    results
}

#[test]
fn library_output_of_every_sample_is_valid() {
    let results = sample_results();
    let out = to_json(&results);
    assert_valid(&out);
    assert_eq!(out["schema_version"], 1);
    let files = out["files"].as_array().expect("files");
    assert_eq!(files.len(), results.len());
    let with_error = files.iter().filter(|f| f.get("error").is_some()).count();
    assert!(
        with_error >= 2,
        "the broken files of the mistakes set carry an error"
    );
    let fields: usize = files
        .iter()
        .flat_map(|f| f["forms"].as_array().cloned().unwrap_or_default())
        .map(|f| f["fields"].as_object().map(|o| o.len()).unwrap_or(0))
        .sum();
    assert!(fields > 1000, "{fields} fields");
}

/// `extract` streams each file's JSON without a `Value` tree; its text
/// must be what a `Value` (whose maps sort their keys) would print, on
/// every sample — broken files, sheets, text and PDFs included — and on
/// one file whose similarity is not a number (a `Value` holds null).
#[test]
fn streamed_json_is_the_sorted_value_text() {
    let mut results = sample_results();
    if let Some(Ok(forms)) = results
        .iter_mut()
        .map(|r| &mut r.outcome)
        .find(|o| o.as_ref().is_ok_and(|f| !f.is_empty()))
        && let Some(form) = forms.first_mut()
    {
        form.similarity = f64::NAN;
    }
    let mut compared = 0;
    for r in &results {
        let streamed = serde_json::to_string_pretty(&FileJson(r)).expect("streamed");
        let tree = serde_json::to_value(FileJson(r)).expect("value");
        let sorted = serde_json::to_string_pretty(&tree).expect("value text");
        assert_eq!(streamed, sorted, "{}", r.path);
        compared += usize::from(tree["forms"].as_array().is_some_and(|f| !f.is_empty()));
    }
    assert!(compared > 20, "{compared} files with forms");
}

#[test]
fn the_schema_rejects_what_the_spec_forbids() {
    let good = json!({"schema_version": 1, "files": [{"path": "a.docx", "format": "docx", "forms": [
    {"form": "application", "template_version": "r8", "fields": {
        "applicant.name": {"value": "株式会社テスト", "location": {"part": "word/document.xml", "table": 2, "row": 1, "col": 3}},
        "budget.total": {"value": "１２，０００", "normalized": 12000000, "location": {"sheet": "Sheet1", "cell": "C12"}}
    }}]}]});
    assert_valid(&good);
    let validator = jsonschema::validator_for(&schema()).expect("compiles");
    let mut no_value = good.clone();
    no_value["files"][0]["forms"][0]["fields"]["applicant.name"]
        .as_object_mut()
        .expect("object")
        .remove("value");
    assert!(!validator.is_valid(&no_value), "a field without value");
    let mut bad_version = good.clone();
    bad_version["schema_version"] = json!(2);
    assert!(!validator.is_valid(&bad_version));
    let mut bad_location = good.clone();
    bad_location["files"][0]["forms"][0]["fields"]["applicant.name"]["location"] =
        json!({"row": 0});
    assert!(!validator.is_valid(&bad_location));
    let mut bad_path = good;
    bad_path["files"][0]["forms"][0]["fields"]["Applicant Name"] =
        json!({"value": "", "location": {}});
    assert!(!validator.is_valid(&bad_path));
}

fn yoshiki(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_command_prints_valid_json() {
    let (code, stdout) = yoshiki(&[
        "extract",
        "--format",
        "json",
        "samples/clean",
        "samples/r5_report/別紙4_実施状況報告書.txt",
    ]);
    assert_eq!(code, Some(0));
    let out: Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    assert_valid(&out);
    let files = out["files"].as_array().expect("files");
    assert_eq!(files.len(), 6, "five files of the folder and the text file");
    let proposal = files
        .iter()
        .find(|f| {
            f["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("02_様式2_企画提案書.docx"))
        })
        .expect("proposal file");
    assert_eq!(proposal["format"], "docx");
    let total = &proposal["forms"][0]["fields"]["budget.total"];
    assert_eq!(total["normalized"], 36_465_000);
    assert_eq!(
        total["location"],
        json!({"part": "word/document.xml", "table": 9, "row": 12, "col": 2})
    );
    let report = files.last().expect("txt");
    assert_eq!(report["forms"][0]["template_version"], "r5");
    assert_eq!(
        report["forms"][0]["fields"]["items[0].status"]["location"],
        json!({"line": 25})
    );
}

#[test]
fn unreadable_files_and_missing_paths() {
    let (code, stdout) = yoshiki(&[
        "extract",
        "--format",
        "json",
        "samples/mistakes/files/02_様式2_企画提案書.docx",
    ]);
    assert_eq!(code, Some(1), "an unreadable file");
    let out: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_valid(&out);
    assert_eq!(out["files"][0]["error"]["code"], "IN001");
    assert_eq!(out["files"][0]["forms"], json!([]));
    let (code, _) = yoshiki(&["extract", "no/such/file.docx"]);
    assert_eq!(code, Some(2));
}

#[test]
fn text_output_for_people() {
    let (code, stdout) = yoshiki(&["extract", "samples/clean/01_様式1_申請書.docx"]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("様式１ 申請書 [application r8]"),
        "{stdout}"
    );
    assert!(stdout.contains("株式会社みらい総合研究所"));
    assert!(stdout.contains("（空欄）"), "the blank 受付番号");
    let (_, english) = yoshiki(&[
        "--lang",
        "en",
        "extract",
        "samples/clean/01_様式1_申請書.docx",
    ]);
    assert!(english.contains("Form 1 (application)"), "{english}");
}
