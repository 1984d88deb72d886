//! `yoshiki check` and `yoshiki explain` through the binary: exit codes,
//! output formats, submission sets (folders, .zip read in place).

use std::path::Path;
use std::process::{Command, Output};

fn yoshiki(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const F: &str = "tests/fixtures/check";

fn fx(name: &str) -> String {
    format!("{F}/{name}")
}

#[test]
fn exit_0_without_errors_1_with_errors() {
    // A clean file: only warnings (IN004) at most.
    let o = yoshiki(&["check", "--as-of", "2026-04-01", &fx("ver001_clean.docx")]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let o = yoshiki(&["check", "--as-of", "2026-04-01", &fx("ver001_hit.docx")]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("VER001"));
    // The same file before the new edition existed: no error.
    let o = yoshiki(&["check", "--as-of", "2025-01-01", &fx("ver001_hit.docx")]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

#[test]
fn unreadable_files_are_findings_not_failures() {
    let o = yoshiki(&["check", &fx("in001_hit.docx"), &fx("in002_hit.docx")]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("IN001") && out.contains("IN002"), "{out}");
}

#[test]
fn exit_2_when_the_check_cannot_be_made() {
    let o = yoshiki(&["check", &fx("does-not-exist.docx")]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("does-not-exist.docx"), "{}", stderr(&o));
    // Bad arguments.
    assert_eq!(
        code(&yoshiki(&[
            "check",
            "--as-of",
            "2026-13-01",
            &fx("ver001_hit.docx")
        ])),
        2
    );
    assert_eq!(
        code(&yoshiki(&[
            "check",
            "--format",
            "xml",
            &fx("ver001_hit.docx")
        ])),
        2
    );
    assert_eq!(code(&yoshiki(&["check"])), 2);
    // A bad config names the key.
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("bad.toml");
    std::fs::write(&cfg, "[call]\ntitel = \"x\"\n").unwrap();
    let o = yoshiki(&[
        "check",
        "--config",
        cfg.to_str().unwrap(),
        &fx("ver001_clean.docx"),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("titel"), "{}", stderr(&o));
    let o = yoshiki(&[
        "--lang",
        "en",
        "check",
        "--config",
        cfg.to_str().unwrap(),
        &fx("ver001_clean.docx"),
    ]);
    assert!(stderr(&o).contains("unknown key `titel`"), "{}", stderr(&o));
}

#[test]
fn config_flag_overrides_severities() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("y.toml");
    std::fs::write(&cfg, "[rules]\nVER001 = \"warning\"\n").unwrap();
    let o = yoshiki(&[
        "check",
        "--as-of",
        "2026-04-01",
        "--config",
        cfg.to_str().unwrap(),
        &fx("ver001_hit.docx"),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    std::fs::write(&cfg, "[rules]\nVER001 = \"off\"\n").unwrap();
    let o = yoshiki(&[
        "check",
        "--as-of",
        "2026-04-01",
        "--config",
        cfg.to_str().unwrap(),
        &fx("ver001_hit.docx"),
    ]);
    assert!(!stdout(&o).contains("VER001"));
}

#[test]
fn json_and_sarif_are_valid_json_with_the_same_findings() {
    let o = yoshiki(&[
        "check",
        "--format",
        "json",
        "--as-of",
        "2026-11-21",
        &fx("ver_hit.txt"),
    ]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["as_of"], "2026-11-21");
    let codes: Vec<String> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert!(codes.contains(&"VER001".to_string()) && codes.contains(&"VER002".to_string()));
    let o = yoshiki(&[
        "check",
        "--format",
        "sarif",
        "--as-of",
        "2026-11-21",
        &fx("ver_hit.txt"),
    ]);
    assert_eq!(code(&o), 1);
    let s: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        s["runs"][0]["results"].as_array().unwrap().len(),
        codes.len()
    );
}

#[test]
fn english_messages() {
    let o = yoshiki(&[
        "--lang",
        "en",
        "check",
        "--as-of",
        "2026-04-01",
        &fx("ver002_hit.docx"),
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("error VER002: A former organisation name"),
        "{out}"
    );
    assert!(out.contains("Checked 1 file(s)"), "{out}");
}

#[test]
fn personal_data_flag() {
    let o = yoshiki(&["check", &fx("sec006_hit.docx")]);
    assert!(!stdout(&o).contains("山田"));
    let o = yoshiki(&["check", "--show-personal-data", &fx("sec006_hit.docx")]);
    assert!(stdout(&o).contains("山田 太郎"));
}

#[test]
fn a_folder_is_sets_by_directory() {
    let o = yoshiki(&[
        "check",
        "--format",
        "json",
        "--as-of",
        "2026-04-01",
        &fx("set_folder"),
    ]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    // notes.md is not a submission file: it is listed with the IN003 that
    // says so (never silently left out); the sub-folder comes after.
    assert_eq!(
        paths,
        vec![
            "tests/fixtures/check/set_folder/a_clean.docx",
            "tests/fixtures/check/set_folder/b_old_edition.docx",
            "tests/fixtures/check/set_folder/notes.md",
            "tests/fixtures/check/set_folder/sub/c_old_org.docx",
        ]
    );
    let notes = &v["files"][2]["diagnostics"];
    assert_eq!(notes.as_array().map(Vec::len), Some(1), "{notes}");
    assert_eq!(notes[0]["code"], "IN003");
    assert!(
        notes[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("テキストファイル（拡張子 .md）")),
        "{notes}"
    );
}

#[test]
fn a_zip_is_read_in_place() {
    let before: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(F))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let o = yoshiki(&[
        "check",
        "--format",
        "json",
        "--as-of",
        "2026-04-01",
        &fx("submission.zip"),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let files = v["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    // The Shift_JIS name is decoded; __MACOSX is skipped.
    assert_eq!(
        paths,
        vec![
            "tests/fixtures/check/submission.zip/報告書.docx",
            "tests/fixtures/check/submission.zip/docs/clean.docx"
        ]
    );
    assert_eq!(
        files[0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "VER001")
            .count(),
        1
    );
    // Nothing was unpacked next to the archive.
    let after: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(F))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before.len(), after.len());
}

#[test]
fn a_zip_bomb_is_stopped_per_member() {
    let o = yoshiki(&["check", "--format", "json", &fx("bomb_set.zip")]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for f in v["files"].as_array().unwrap() {
        assert_eq!(f["diagnostics"][0]["code"], "IN005", "{}", f["path"]);
    }
}

#[test]
fn explain_prints_the_rule_docs() {
    let o = yoshiki(&["explain", "VER001"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.starts_with("VER001 [error]"), "{out}");
    assert!(out.contains("統一基準") && out.contains("例:"), "{out}");
    let out = stdout(&yoshiki(&["explain", "VER001", "--lang", "en"]));
    assert!(out.contains("outdated") && out.contains("Example"), "{out}");
    // Case-insensitive.
    assert_eq!(code(&yoshiki(&["explain", "sec004"])), 0);
    // Codes raised by the readers have docs too.
    assert!(stdout(&yoshiki(&["explain", "IN003"])).contains(".doc"));
}

#[test]
fn explain_unknown_code_lists_close_ones() {
    let o = yoshiki(&["explain", "VER01"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("VER001"), "{err}");
    let o = yoshiki(&["explain", "XYZ123"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn every_registered_rule_has_docs() {
    use yoshiki::diag::Lang;
    // Every rule, document-level and field rules alike, follows the
    // what / why / example layout in both languages (issue 22: explain is
    // Japanese throughout by default).
    for meta in yoshiki::rules::all() {
        let (ja, en) = (meta.doc(Lang::Ja), meta.doc(Lang::En));
        assert_ne!(ja, en, "{}: no separate English docs", meta.code);
        for (doc, parts) in [
            (&ja, ["何を調べるか", "なぜ問題か", "例"]),
            (&en, ["What it checks", "Why it matters", "Example"]),
        ] {
            assert!(
                doc.starts_with(meta.code),
                "{}: docs must start with the code: {doc:.40}",
                meta.code
            );
            for part in parts {
                assert!(doc.contains(part), "{} docs have no {part}", meta.code);
            }
        }
        // The Japanese docs are Japanese prose, not English with Japanese
        // examples: no line is an English sentence.
        for line in ja.lines() {
            let ascii_words = line
                .split_whitespace()
                .filter(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_lowercase()))
                .count();
            assert!(
                ascii_words < 4,
                "{}: English in the Japanese docs: {line}",
                meta.code
            );
        }
    }
}
