//! The Windows build (`x86_64-pc-windows-gnu`, cross-built by `.ci/run` with
//! Debian's mingw-w64) run under Wine: what officials do on a Windows PC —
//! a folder, a .zip set with Shift_JIS member names, paths with Japanese
//! names and spaces, `--report`, fix / migrate / annotate writing beside the
//! input, config discovery, exit codes — gives what the Linux build gives,
//! paths shown with Windows separators only.
//!
//! Needs `target/x86_64-pc-windows-gnu/debug/yoshiki.exe` (or
//! `YOSHIKI_WINDOWS_EXE`) and `wine`. Without them the tests say so and
//! pass, except under CI (`CI=true`), where `.ci/run` installs both and a
//! missing one is a failure.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const AS_OF: &str = "2026-11-21";

struct Wine {
    exe: PathBuf,
    prefix: PathBuf,
}

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Windows executable and a Wine prefix of our own, or None (skip)
/// outside CI.
fn wine() -> Option<&'static Wine> {
    static WINE: OnceLock<Option<Wine>> = OnceLock::new();
    WINE.get_or_init(|| {
        let exe = std::env::var_os("YOSHIKI_WINDOWS_EXE")
            .map(PathBuf::from)
            .unwrap_or_else(|| manifest().join("target/x86_64-pc-windows-gnu/debug/yoshiki.exe"));
        let have_wine = Command::new("wine").arg("--version").output().is_ok();
        if !exe.is_file() || !have_wine {
            let why = format!(
                "Windows tests need {} and wine (scripts/windows/build.sh builds the one, \
                 Debian's wine package is the other)",
                exe.display()
            );
            assert!(std::env::var_os("CI").is_none(), "under CI: {why}");
            eprintln!("skipped: {why}");
            return None;
        }
        let prefix = manifest().join("target/wine-prefix");
        std::fs::create_dir_all(&prefix).unwrap();
        // Create the prefix once, before tests run Wine in parallel.
        let boot = Command::new("wine")
            .args(["cmd", "/c", "exit"])
            .env("WINEPREFIX", &prefix)
            .env("WINEDEBUG", "-all")
            .output()
            .unwrap();
        assert!(boot.status.success(), "wine prefix: {boot:?}");
        Some(Wine { exe, prefix })
    })
    .as_ref()
}

/// A Linux path as the Windows program sees it (Wine maps `/` to `Z:`).
fn win_path(p: &Path) -> String {
    format!("Z:{}", p.display().to_string().replace('/', "\\"))
}

fn run_exe(w: &Wine, args: &[&str], cwd: &Path) -> Output {
    Command::new("wine")
        .arg(&w.exe)
        .args(args)
        .current_dir(cwd)
        .env("WINEPREFIX", &w.prefix)
        .env("WINEDEBUG", "-all")
        // Rust's std calls ProcessPrng, which Wine 8 lacks: the shim DLL
        // beside the executable provides it (real Windows has it).
        .env("WINEDLLOVERRIDES", "bcryptprimitives=n,b")
        .output()
        .unwrap()
}

fn run_linux(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// A folder with a Japanese name and spaces, holding copies of `files`.
fn japanese_dir(tag: &str, files: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix("yoshiki-win-")
        .tempdir()
        .unwrap();
    let dir = tmp
        .path()
        .join(format!("受付 フォルダ {tag}"))
        .join("提出 書類");
    std::fs::create_dir_all(&dir).unwrap();
    for f in files {
        let src = manifest().join(f);
        std::fs::copy(&src, dir.join(src.file_name().unwrap())).unwrap();
    }
    (tmp, dir)
}

#[test]
fn json_on_samples_equals_linux_but_for_separators() {
    let Some(w) = wine() else { return };
    let args = ["check", "--format", "json", "--as-of", AS_OF, "samples"];
    let win = run_exe(w, &args, manifest());
    let lin = run_linux(&args, manifest());
    assert_eq!(
        code(&win),
        code(&lin),
        "{}",
        String::from_utf8_lossy(&win.stderr)
    );
    assert_eq!(code(&lin), 1);
    let win_json = String::from_utf8(win.stdout).unwrap();
    assert!(win_json.contains("samples\\\\clean\\\\01_様式1_申請書.docx"));
    let mut win_v: Value = serde_json::from_str(&win_json).unwrap();
    let lin_v: Value = serde_json::from_slice(&lin.stdout).unwrap();
    // Paths are the only place a separator may differ; file contents with a
    // backslash (a UNC template link) must come out the same.
    for file in win_v["files"].as_array_mut().unwrap() {
        let path = file["path"].as_str().unwrap().to_string();
        assert!(
            !path.contains('/'),
            "a '/' separator in a Windows path: {path}"
        );
        file["path"] = Value::from(path.replace('\\', "/"));
        for d in file["diagnostics"].as_array_mut().unwrap() {
            if let Some(r) = d["related"].as_str() {
                d["related"] = Value::from(r.replace('\\', "/"));
            }
        }
    }
    let (wf, lf) = (
        win_v["files"].as_array().unwrap(),
        lin_v["files"].as_array().unwrap(),
    );
    assert_eq!(wf.len(), lf.len());
    for (w, l) in wf.iter().zip(lf) {
        assert!(w == l, "{} differs between Windows and Linux", l["path"]);
    }
    assert_eq!(win_v, lin_v);
}

#[test]
fn zip_set_with_shift_jis_names_in_a_japanese_folder() {
    let Some(w) = wine() else { return };
    let (_tmp, dir) = japanese_dir("zip", &["tests/fixtures/check/submission.zip"]);
    let zip = win_path(&dir.join("submission.zip"));
    let o = run_exe(
        w,
        &["check", "--format", "json", "--as-of", AS_OF, &zip],
        &dir,
    );
    assert_eq!(code(&o), 1, "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        vec![
            format!("{zip}\\報告書.docx"),
            format!("{zip}\\docs\\clean.docx")
        ]
    );
    let ver001 = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "VER001")
        .count();
    assert_eq!(ver001, 1);
}

#[test]
fn reports_are_written_and_read_back() {
    let Some(w) = wine() else { return };
    let (_tmp, dir) = japanese_dir(
        "report",
        &[
            "samples/mistakes/proposal/02_様式2_企画提案書.docx",
            "samples/clean/01_様式1_申請書.docx",
        ],
    );
    for name in ["受付結果.xlsx", "受付結果.csv"] {
        let out = dir.parent().unwrap().join(name);
        let o = run_exe(
            w,
            &[
                "check",
                "--as-of",
                AS_OF,
                "--report",
                &win_path(&out),
                &win_path(&dir),
            ],
            &dir,
        );
        assert!(code(&o) <= 1, "{}", String::from_utf8_lossy(&o.stderr));
        assert!(out.is_file(), "{name} not written");
    }
    // The findings table sits beside the sets table.
    let csv = std::fs::read(dir.parent().unwrap().join("受付結果_findings.csv")).unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "CSV has the BOM Excel needs");
    assert!(text.contains("\r\n"), "CSV lines end CRLF");
    assert!(text.contains("02_様式2_企画提案書.docx"));
    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(dir.parent().unwrap().join("受付結果.xlsx")).unwrap();
    let mut cells: Vec<String> = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        cells.extend(range.rows().flatten().map(|c| c.to_string()));
    }
    assert!(cells.iter().any(|c| c.contains("02_様式2_企画提案書.docx")));
}

#[test]
fn migrate_annotate_and_fix_write_beside_the_input() {
    let Some(w) = wine() else { return };
    let (_tmp, dir) = japanese_dir("write", &["samples/r5_report/別紙4_実施状況報告書.docx"]);
    let input = win_path(&dir.join("別紙4_実施状況報告書.docx"));
    let cases = [
        ("migrate", "移行後.docx"),
        ("annotate", "指摘付き.docx"),
        ("fix", "修正後.docx"),
    ];
    for (cmd, out) in cases {
        let out_path = win_path(&dir.join(out));
        let args: Vec<&str> = match cmd {
            "fix" => vec![cmd, "--output", &out_path, &input],
            _ => vec![cmd, &input, "-o", &out_path],
        };
        let o = run_exe(w, &args, &dir);
        assert!(
            code(&o) <= 1,
            "{cmd}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(dir.join(out).is_file(), "{cmd} wrote nothing");
    }
    // The Linux build reads what the Windows build wrote.
    let o = run_linux(
        &[
            "check",
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "移行後.docx",
            "修正後.docx",
        ],
        &dir,
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let forms: Vec<(String, String)> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["forms"].as_array().unwrap().clone())
        .map(|f| {
            (
                f["form"].as_str().unwrap().to_string(),
                f["template_version"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        forms.contains(&("security_report".into(), "r7".into())),
        "{forms:?}"
    );
    let codes: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(
        !codes.contains(&"VER001"),
        "fixed/migrated copies still cite r5: {codes:?}"
    );
}

#[test]
fn config_is_found_and_exit_codes_hold() {
    let Some(w) = wine() else { return };
    let (_tmp, dir) = japanese_dir("config", &["samples/r5_report/別紙4_実施状況報告書.docx"]);
    let file = win_path(&dir.join("別紙4_実施状況報告書.docx"));
    let with_ver = run_exe(
        w,
        &["check", "--format", "json", "--as-of", AS_OF, &file],
        &dir,
    );
    assert_eq!(code(&with_ver), 1);
    assert!(String::from_utf8_lossy(&with_ver.stdout).contains("\"VER001\""));
    // A yoshiki.toml in a parent folder is found from the checked path.
    std::fs::write(
        dir.parent().unwrap().join("yoshiki.toml"),
        "[rules]\nVER001 = \"off\"\nVER002 = \"off\"\n",
    )
    .unwrap();
    let without = run_exe(
        w,
        &["check", "--format", "json", "--as-of", AS_OF, &file],
        &dir,
    );
    assert!(!String::from_utf8_lossy(&without.stdout).contains("\"VER001\""));
    let clean = run_exe(
        w,
        &["check", "--as-of", AS_OF, "samples\\clean"],
        manifest(),
    );
    assert_eq!(
        code(&clean),
        0,
        "{}",
        String::from_utf8_lossy(&clean.stderr)
    );
    let missing = run_exe(w, &["check", "Z:\\no\\such\\folder"], manifest());
    assert_eq!(code(&missing), 2);
}
