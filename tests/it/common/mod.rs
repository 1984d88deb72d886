//! Helpers shared by several integration tests (each test file that uses
//! them says `mod common;`; not every file uses every helper).
#![allow(dead_code)]

use serde_json::Value;
use yoshiki::forms::ExtractedForm;
use yoshiki::model::Location;

/// A field's text, or `<absent>` when the form has no such field (so an
/// assertion shows which it was).
pub fn value<'a>(form: &'a ExtractedForm, path: &str) -> &'a str {
    form.fields
        .get(path)
        .map(|v| v.value.as_str())
        .unwrap_or("<absent>")
}

/// A `Location` from its JSON form (as in manifests and `--format json`).
pub fn location_from_json(v: &Value) -> Location {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let n = |k: &str| v.get(k).and_then(Value::as_u64).map(|x| x as u32);
    Location {
        part: s("part").map(Into::into),
        paragraph: n("paragraph"),
        table: n("table"),
        row: n("row"),
        col: n("col"),
        sheet: s("sheet"),
        cell: s("cell"),
        page: n("page"),
        line: n("line"),
        column: n("column"),
    }
}

/// A table cell of the Word body.
pub fn cell_loc(table: u32, row: u32, col: u32) -> Location {
    Location {
        part: Some("word/document.xml".into()),
        table: Some(table),
        row: Some(row),
        col: Some(col),
        ..Location::default()
    }
}

/// Whether this run is CI (`CI=true`), where `.ci/run` has installed every
/// tool the suite uses.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A test cannot run because `what` is missing: a failure under CI (an
/// install that did not happen must not pass as a green run), a note
/// elsewhere.
pub fn missing(what: &str) {
    assert!(
        !under_ci(),
        "{what} is missing under CI: .ci/run must install or generate it"
    );
    eprintln!("skipped: {what} missing");
}

/// The shared corpus of real Office and PDF files (`../shared/corpus` beside
/// the repository, or `$YOSHIKI_CORPUS`), or `sub` inside it. When absent: a
/// failure under CI if the workspace's shared folder is there (a corpus that
/// went missing must not pass as a green run), else a note and None (a clone
/// outside the workspace has no shared folder at all).
pub fn corpus(sub: &str) -> Option<std::path::PathBuf> {
    let base = std::env::var_os("YOSHIKI_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
        });
    let dir = if sub.is_empty() {
        base.clone()
    } else {
        base.join(sub)
    };
    if dir.exists() {
        return Some(dir);
    }
    let shared_there = base.parent().is_some_and(|s| s.join("SPEC.md").is_file());
    assert!(
        !(under_ci() && shared_there),
        "{} is missing under CI although the shared folder is there",
        dir.display()
    );
    println!("skipped: {} absent", dir.display());
    None
}

/// `tests/fixtures/templates`: the real published blank forms (`blank/`)
/// and their filled copies (`filled/`) of issue 19.
pub fn real_templates() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/templates")
}

/// The definitions `learn` writes for the blank form `file` (a file name
/// under `blank/`), in a temporary folder.
pub fn learn_real(file: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .arg("learn")
        .arg(real_templates().join("blank").join(file))
        .arg("-o")
        .arg(tmp.path())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmp
}

/// `yoshiki --forms DEFS COMMAND --format json --as-of AS_OF PATH`: the
/// JSON it prints (a failure to parse shows its stderr).
pub fn forms_json(
    defs: &std::path::Path,
    command: &str,
    as_of: &str,
    path: &std::path::Path,
) -> Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .arg("--forms")
        .arg(defs)
        .args([command, "--format", "json", "--as-of", as_of])
        .arg(path)
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

/// The findings of the report's first file with this code.
pub fn first_file_findings<'a>(report: &'a Value, code: &str) -> Vec<&'a Value> {
    report["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == code)
        .collect()
}
