//! Another call's forms checked from hand-written definitions
//! (`tests/fixtures/calls/hand/`), no Rust per form: every planted mistake
//! of `scripts/make_call_templates.py` is caught in the file it was planted
//! in, and the clean set has no error or warning.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calls")
}

/// (file name, code, severity) of every finding but the info ones.
pub fn findings(defs: &Path, set: &Path) -> BTreeSet<(String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .arg("--forms")
        .arg(defs)
        .args(["check", "--format", "json"])
        .arg(set)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let mut found = BTreeSet::new();
    for f in json["files"].as_array().expect("files") {
        let name = Path::new(f["path"].as_str().unwrap_or(""))
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for d in f["diagnostics"].as_array().into_iter().flatten() {
            if d["severity"] != "info" {
                found.insert((name.clone(), d["code"].as_str().unwrap_or("").to_string()));
            }
        }
    }
    found
}

/// Every mistake set against `defs`: caught where planted, nothing else;
/// returns (caught, planted, false errors).
pub fn score(defs: &Path) -> (usize, usize, Vec<String>) {
    score_with(defs, |want, got| want == got)
}

/// As [`score`], with `same(expected, found)` deciding whether a found code
/// is the planted one (learned sums all report as SUM001).
pub fn score_with(defs: &Path, same: fn(&str, &str) -> bool) -> (usize, usize, Vec<String>) {
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("expected.json")).expect("expected.json"),
    )
    .expect("json");
    let (mut caught, mut planted, mut wrong) = (0, 0, Vec::new());
    for (set, want) in expected.as_object().expect("object") {
        let got = findings(defs, &root().join("filled").join(set));
        let file = want["file"].as_str().unwrap_or("");
        let codes: Vec<&str> = want["codes"]
            .as_array()
            .expect("codes")
            .iter()
            .filter_map(|c| c.as_str())
            .collect();
        for c in &codes {
            planted += 1;
            if got.iter().any(|(f, g)| f == file && same(c, g)) {
                caught += 1;
            }
        }
        for (f, c) in &got {
            if !(f == file && codes.iter().any(|w| same(w, c))) {
                wrong.push(format!("{set}: {f} {c}"));
            }
        }
    }
    (caught, planted, wrong)
}

#[test]
fn hand_written_definitions_are_valid() {
    let out = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["forms", "check"])
        .arg(root().join("hand"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_planted_mistake_is_caught_and_nothing_else() {
    let (caught, planted, wrong) = score(&root().join("hand"));
    assert!(planted >= 17, "{planted}");
    assert_eq!(caught, planted, "caught {caught} of {planted}");
    assert!(
        wrong.is_empty(),
        "unexpected findings:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_clean_set_gives_no_error_or_warning() {
    // Its 企画提案書 is not also taken for the built-in 様式２ (no ①〜④
    // budget findings) once the call's own definition is given.
    let got = findings(&root().join("hand"), &root().join("filled/clean"));
    assert!(got.is_empty(), "{got:?}");
}
