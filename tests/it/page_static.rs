//! The static page (`scripts/build_page.sh` → `dist/page/`): the engine
//! compiled to WebAssembly, run in headless Chromium from `file://` with
//! every request that would leave the page refused (`tests/e2e/static_page.mjs`).
//! Every sample set is chosen in the page and must show the same findings
//! (file and code) as `yoshiki check` on the same folder, with their
//! places; an annotated and a fixed copy are downloaded and opened here,
//! and last year's filled form carried onto this year's template must be
//! the file `migrate --to` writes.
//! `.ci/run` builds the page before the tests; without it (and outside
//! CI) the test notes a skip.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {cmd}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The sample sets: every folder of samples/ that holds files directly.
fn sets(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.join("samples")];
    while let Some(dir) = dirs.pop() {
        let mut has_files = false;
        for e in std::fs::read_dir(&dir).expect("samples").flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x != "md" && x != "json") {
                has_files = true;
            }
        }
        if has_files && dir != root.join("samples") {
            out.push(dir);
        }
    }
    out.sort();
    out
}

/// What the CLI finds in one set, in the form the page test compares.
fn expected_of(dir: &Path) -> Value {
    let run = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .expect("yoshiki runs");
    let report: Value = serde_json::from_slice(&run.stdout).expect("json");
    let base = |p: &str| p.rsplit(['/', '\\']).next().unwrap_or(p).to_string();
    let mut files: Vec<String> = Vec::new();
    let mut findings = Vec::new();
    let mut placed = Vec::new();
    let mut marked = Vec::new();
    let mut fixable = false;
    for f in report["files"].as_array().expect("files") {
        let path = f["path"].as_str().expect("path");
        files.push(dir.join(base(path)).display().to_string());
        for d in f["diagnostics"].as_array().expect("diagnostics") {
            let pair = serde_json::json!([base(path), d["code"]]);
            if d["place"].as_str().is_some_and(|p| !p.is_empty()) {
                placed.push(pair.clone());
            }
            // A finding on a paragraph or a cell is marked in the preview.
            let loc = &d["location"];
            if !loc["paragraph"].is_null() || !loc["cell"].is_null() || !loc["row"].is_null() {
                marked.push(pair.clone());
            }
            findings.push(pair);
            fixable |= d["fix"]["applicability"] == "safe"
                && [".docx", ".xlsx", ".txt", ".csv"]
                    .iter()
                    .any(|x| path.ends_with(x));
        }
    }
    let config = dir.join("yoshiki.toml");
    if config.is_file() {
        files.push(config.display().to_string());
    }
    serde_json::json!({
        "files": files, "findings": findings, "placed": placed, "marked": marked, "fixable": fixable,
    })
}

#[test]
fn the_static_page_finds_what_the_cli_finds_and_sends_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = std::env::var_os("YOSHIKI_PAGE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("dist/page"));
    let e2e = root.join("tests/e2e");
    if !page.join("yoshiki-wasm.js").is_file() {
        crate::common::missing("dist/page (scripts/build_page.sh)");
        return;
    }
    if !have("node") || !have("chromium") || !e2e.join("node_modules/playwright-core").is_dir() {
        crate::common::missing("node, chromium and tests/e2e/node_modules (npm ci)");
        return;
    }
    let mut expected = serde_json::Map::new();
    for dir in sets(root) {
        expected.insert(dir.display().to_string(), expected_of(&dir));
    }
    assert!(expected.len() >= 20, "sample sets: {}", expected.len());
    let out = root.join("target/e2e");
    std::fs::create_dir_all(&out).expect("out dir");
    let expected_path = out.join("static_expected.json");
    std::fs::write(&expected_path, Value::Object(expected).to_string()).expect("write");
    let run = Command::new("node")
        .arg(e2e.join("static_page.mjs"))
        .arg(&page)
        .arg(&expected_path)
        .arg(&out)
        .arg(root.join("tests/fixtures/nextyear/kaigo"))
        .output()
        .expect("node runs");
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let measured: Value =
        serde_json::from_slice(&std::fs::read(out.join("static_page.json")).expect("measured"))
            .expect("json");
    assert_eq!(measured["outside"], 0, "{measured}");
    assert!(measured["marked"].as_u64().unwrap_or(0) >= 20, "{measured}");
    // The downloads are real Office files: the annotated copy carries
    // comments, the fixed copy reads back without the fixed findings'
    // offending text being new findings.
    let annotated = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("static_annotated"))
        })
        .expect("annotated copy saved");
    let doc = yoshiki::read_path(&annotated, &yoshiki::Limits::default()).expect("reads");
    assert!(
        doc.package.as_ref().is_some_and(|p| !p.comments.is_empty()),
        "the annotated copy has comments"
    );
    let fixed = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("static_fixed"))
        })
        .expect("fixed copy saved");
    assert!(yoshiki::read_path(&fixed, &yoshiki::Limits::default()).is_ok());
    // The migrated report reads as the current template.
    let migrated = yoshiki::read_path(
        &out.join("static_migrated.docx"),
        &yoshiki::Limits::default(),
    )
    .expect("the migrated report reads");
    let forms = yoshiki::forms::extract_forms(&migrated);
    assert!(
        forms
            .iter()
            .any(|f| f.form == "security_report" && f.template_version == "r7"),
        "{:?}",
        forms
            .iter()
            .map(|f| (&f.form, &f.template_version))
            .collect::<Vec<_>>()
    );
    // Last year's form carried in the page's own engine: the file the
    // command writes from the same two files, and the same count.
    let year = root.join("tests/fixtures/nextyear/kaigo");
    let tmp = tempfile::tempdir().expect("tmp");
    let cli_out = tmp.path().join("carried.xlsx");
    let cli = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .arg("migrate")
        .arg(year.join("filled_1.xlsx"))
        .arg("--to")
        .arg(year.join("new.xlsx"))
        .arg("-o")
        .arg(&cli_out)
        .args(["--format", "json"])
        .output()
        .expect("migrate runs");
    let json: Value = serde_json::from_slice(&cli.stdout).expect("json");
    assert!(
        std::fs::read(out.join("static_carried.xlsx")).expect("carried")
            == std::fs::read(&cli_out).expect("cli"),
        "the page's file differs from migrate --to's"
    );
    let placed = json["placed"].as_array().map_or(0, Vec::len);
    let status = std::fs::read_to_string(out.join("static_carry_status.txt")).expect("status");
    assert!(
        placed >= 4 && status.contains(&format!("移した値 {placed} 件")),
        "{status} vs {placed}"
    );
}
