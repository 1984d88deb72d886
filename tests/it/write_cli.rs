//! The `fix`, `migrate` and `annotate` commands end to end, through the
//! binary: fix then check shows the fixed findings gone and nothing new;
//! every untouched zip entry is byte-identical; the outputs open in
//! python-docx / openpyxl and LibreOffice; migrate gives an r7 report whose
//! only finding is the flagged item.

use crate::write_support::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const AS_OF: &str = "2026-11-21";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yoshiki"))
}

/// Runs the command; it must succeed (its stderr is the failure message).
fn succeeds(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn sample(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(p)
}

fn check_json(path: &Path) -> Value {
    let out = bin()
        .args(["check", "--format", "json", "--as-of", AS_OF])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (code, location) of every finding of a one-file check.
fn findings(path: &Path) -> Vec<(String, String)> {
    let v = check_json(path);
    let mut out: Vec<(String, String)> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"].to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn opens_elsewhere(path: &Path) {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let (module, script) = match ext {
        "docx" => (
            "docx",
            "import sys, docx\nd = docx.Document(sys.argv[1])\nprint(len(d.paragraphs))",
        ),
        "xlsx" => (
            "openpyxl",
            "import sys, openpyxl\nprint(len(openpyxl.load_workbook(sys.argv[1]).sheetnames))",
        ),
        _ => return,
    };
    if let Some(out) = python(&[module], script, &[path.to_str().unwrap()]) {
        assert!(out.trim().parse::<usize>().unwrap() > 0);
    }
    soffice_to_pdf(path);
}

#[test]
fn fix_then_check_has_the_fixed_findings_gone_and_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = [
        "r5_report/別紙4_実施状況報告書.docx",
        "r5_report/別紙4_実施状況報告書.xlsx",
        "r5_report/別紙4_実施状況報告書.txt",
        "mistakes/report_edition/05_実施状況報告書.docx",
    ];
    for (i, input) in inputs.iter().enumerate() {
        // Each file alone in its folder: one submission set per file.
        let sub = dir.path().join(format!("s{i}"));
        std::fs::create_dir(&sub).unwrap();
        let src = sample(input);
        let path = sub.join(src.file_name().unwrap());
        std::fs::copy(&src, &path).unwrap();
        let original = std::fs::read(&path).unwrap();
        let before = findings(&path);
        let fixable: Vec<_> = before
            .iter()
            .filter(|(c, _)| c == "VER001" || c == "VER002")
            .cloned()
            .collect();
        assert_eq!(fixable.len(), 2, "{input}: {before:?}");

        // --dry-run changes nothing.
        let out = succeeds(
            bin()
                .args(["fix", "--dry-run", "--as-of", AS_OF])
                .arg(&path),
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("- ") && text.contains("+ ") && text.contains("令和７年度版"),
            "{text}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            original,
            "{input}: --dry-run wrote"
        );

        // --output leaves the original alone.
        let other = sub.join("copy").with_extension(path.extension().unwrap());
        succeeds(
            bin()
                .args(["fix", "--as-of", AS_OF, "--output"])
                .arg(&other)
                .arg(&path),
        );
        assert_eq!(std::fs::read(&path).unwrap(), original);
        assert!(!std::fs::read(&other).unwrap().is_empty());
        std::fs::remove_file(&other).unwrap();

        // In place.
        succeeds(bin().args(["fix", "--as-of", AS_OF]).arg(&path));
        let after = findings(&path);
        let expected: Vec<_> = before
            .iter()
            .filter(|f| !fixable.contains(f))
            .cloned()
            .collect();
        assert_eq!(after, expected, "{input}");
        let fixed = std::fs::read(&path).unwrap();
        match path.extension().and_then(|e| e.to_str()) {
            Some("docx") => {
                let n = assert_untouched_identical(&original, &fixed, &["word/document.xml"]);
                assert!(n >= 8, "{input}: {n}");
            }
            Some("xlsx") => {
                let changed = ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"];
                assert_untouched_identical(&original, &fixed, &changed);
            }
            _ => {
                // Text: only the two replaced phrases differ.
                let a = String::from_utf8(original.clone()).unwrap();
                let b = String::from_utf8(fixed.clone()).unwrap();
                assert_eq!(
                    a.replace("令和５年度版", "令和７年度版").replace(
                        "内閣官房内閣サイバーセキュリティセンター",
                        "内閣官房国家サイバー統括室"
                    ),
                    b
                );
                assert!(b.starts_with('\u{feff}') && b.contains("\r\n"));
            }
        }
        opens_elsewhere(&path);
        // Running fix again finds nothing to do and changes nothing.
        succeeds(bin().args(["fix", "--as-of", AS_OF]).arg(&path));
        assert_eq!(std::fs::read(&path).unwrap(), fixed);
        // No temporary file is left beside it.
        let names: Vec<_> = std::fs::read_dir(&sub)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}

#[test]
fn migrate_gives_an_r7_report_whose_only_finding_is_the_flagged_item() {
    let dir = tempfile::tempdir().unwrap();
    for (i, input) in [
        "別紙4_実施状況報告書.docx",
        "別紙4_実施状況報告書.xlsx",
        "別紙4_実施状況報告書.txt",
    ]
    .iter()
    .enumerate()
    {
        let src = sample(&format!("r5_report/{input}"));
        let sub = dir.path().join(format!("m{i}"));
        std::fs::create_dir(&sub).unwrap();
        let out_path = sub.join("別紙_実施状況報告書.docx");
        let out = succeeds(bin().args(["migrate"]).arg(&src).arg("-o").arg(&out_path));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("要再回答") && stdout.contains("15）"),
            "{stdout}"
        );
        assert!(stdout.contains("引き継げなかった記載: なし"), "{stdout}");
        assert!(!stdout.contains("注意"), "{stdout}");
        let v = check_json(&out_path);
        let f = &v["files"][0];
        assert_eq!(
            f["forms"],
            serde_json::json!([{"form": "security_report", "template_version": "r7"}])
        );
        let diags = f["diagnostics"].as_array().unwrap();
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0]["code"], "SEC004");
        assert_eq!(diags[0]["location"]["table"], 2);
        assert_eq!(diags[0]["location"]["row"], 15);
        assert_eq!(diags[0]["location"]["col"], 3);
        opens_elsewhere(&out_path);

        // Again without --force: refused, the file is kept.
        let before = std::fs::read(&out_path).unwrap();
        let again = bin()
            .args(["migrate"])
            .arg(&src)
            .arg("-o")
            .arg(&out_path)
            .output()
            .unwrap();
        assert_eq!(again.status.code(), Some(2));
        assert_eq!(std::fs::read(&out_path).unwrap(), before);
        // Migrating the new (r7) report: nothing to do.
        let r7 = bin()
            .args(["migrate"])
            .arg(&out_path)
            .arg("-o")
            .arg(sub.join("x.docx"))
            .output()
            .unwrap();
        assert_eq!(r7.status.code(), Some(1));
        assert!(!sub.join("x.docx").exists());
    }
}

#[test]
fn annotate_writes_a_copy_and_refuses_what_it_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    let src = sample("mistakes/report_items/05_実施状況報告書.docx");
    let original = std::fs::read(&src).unwrap();
    let out_path = dir.path().join("指摘.docx");
    let out = succeeds(
        bin()
            .args(["annotate", "--as-of", AS_OF])
            .arg(&src)
            .arg("-o")
            .arg(&out_path),
    );
    assert_eq!(std::fs::read(&src).unwrap(), original);
    let n = findings(&src).len();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(&format!("{n} 件の指摘を付けました")),
        "{text}"
    );
    // The copy: the same findings plus one SEC004 per comment.
    let after = findings(&out_path);
    assert_eq!(after.iter().filter(|(c, _)| c == "SEC004").count(), n);
    opens_elsewhere(&out_path);
    // A text file cannot carry comments; the input as output is refused.
    let txt = bin()
        .args(["annotate"])
        .arg(sample("r5_report/別紙4_実施状況報告書.txt"))
        .arg("-o")
        .arg(dir.path().join("t.txt"))
        .output()
        .unwrap();
    assert_eq!(txt.status.code(), Some(2));
    let same = bin()
        .args(["annotate"])
        .arg(&src)
        .arg("-o")
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(same.status.code(), Some(2));
    assert_eq!(std::fs::read(&src).unwrap(), original);
}
