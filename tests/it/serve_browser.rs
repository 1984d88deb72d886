//! The self-check page in a real browser: `tests/e2e/page.mjs` drives
//! Debian's chromium with playwright-core (installed by `.ci/run` with
//! `npm ci`), choosing a sample set's files, reading the findings, opening
//! an explanation, downloading the intake report (opened here with
//! openpyxl), carrying last year's filled form onto this year's template
//! (the file must be the one `migrate --to` writes) and switching to
//! English. Screenshots go to `target/e2e/`.

use std::path::Path;
use std::process::Command;

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {cmd}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_page_works_in_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let e2e = root.join("tests/e2e");
    if !have("node") || !have("chromium") || !e2e.join("node_modules/playwright-core").is_dir() {
        crate::common::missing("node, chromium and tests/e2e/node_modules (npm ci)");
        return;
    }
    let out = root.join("target/e2e");
    let run = Command::new("node")
        .arg(e2e.join("page.mjs"))
        .arg(env!("CARGO_BIN_EXE_yoshiki"))
        .arg(root.join("samples"))
        .arg(&out)
        .output()
        .expect("node runs");
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    for shot in [
        "page_start.png",
        "page_findings.png",
        "page_explain.png",
        "page_english.png",
        "page_carry.png",
    ] {
        assert!(out.join(shot).is_file(), "{shot}");
    }
    // The carried file is the one the command writes from the same files,
    // and the page's counts are the command's.
    let year = root.join("tests/fixtures/nextyear/gaiyo");
    let tmp = tempfile::tempdir().expect("tmp");
    let cli_out = tmp.path().join("carried.docx");
    let cli = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .arg("migrate")
        .arg(year.join("filled_1.docx"))
        .arg("--to")
        .arg(year.join("new.docx"))
        .arg("--from")
        .arg(year.join("old.docx"))
        .arg("-o")
        .arg(&cli_out)
        .args(["--format", "json"])
        .output()
        .expect("migrate runs");
    let json: serde_json::Value = serde_json::from_slice(&cli.stdout).expect("json");
    assert!(
        std::fs::read(out.join("carried.docx")).expect("carried")
            == std::fs::read(&cli_out).expect("cli"),
        "the page's file differs from migrate --to's"
    );
    let status = std::fs::read_to_string(out.join("carry_status.txt")).expect("status");
    let placed = json["placed"].as_array().map_or(0, Vec::len);
    assert!(placed >= 5, "{json}");
    assert!(
        status.contains(&format!("移した値 {placed} 件")),
        "{status} vs {placed}"
    );
    // The downloaded intake report opens in openpyxl with the findings.
    let check = Command::new("python3")
        .arg("-c")
        .arg(
            "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n\
codes = [r[2] for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)]\n\
print(sorted(set(codes)))\n",
        )
        .arg(out.join("intake.xlsx"))
        .output()
        .expect("python3");
    if !check.status.success() {
        crate::common::missing("python3 with openpyxl");
        return;
    }
    let codes = String::from_utf8_lossy(&check.stdout);
    assert!(
        codes.contains("XD001") && codes.contains("XD002"),
        "{codes}"
    );
    // The annotated copy opens in python-docx, and its comments part holds
    // the cross-document finding.
    let docx = Command::new("python3")
        .arg("-c")
        .arg(
            "import sys, zipfile, docx\nd = docx.Document(sys.argv[1])\n\
print(len(d.paragraphs))\n\
print(zipfile.ZipFile(sys.argv[1]).read('word/comments.xml').decode('utf-8'))\n",
        )
        .arg(out.join("annotated.docx"))
        .output()
        .expect("python3");
    if !docx.status.success() {
        crate::common::missing("python3 with python-docx");
        return;
    }
    let text = String::from_utf8_lossy(&docx.stdout);
    assert!(text.contains("XD001"), "{text}");
}
