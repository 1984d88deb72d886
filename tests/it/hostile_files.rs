//! Issue 12: one hostile file never costs the batch.
//!
//! The fixtures of `tests/fixtures/hostile/` (written by
//! `scripts/make_hostile_fixtures.py`) each get a clear finding within a
//! time and memory bound; a batch of `samples/` plus all of them (and a
//! FIFO, a symlink loop and a link to /dev/zero made here) exits 0/1 with a
//! result for every file, the sample files' results identical to checking
//! `samples/` alone. Worker deaths (abort, allocation failure at the memory
//! cap, SIGSEGV, stack overflow, silence) are injected into real children
//! and cost only the file being read.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn hostile() -> PathBuf {
    root().join("tests/fixtures/hostile")
}

fn yoshiki() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yoshiki"));
    c.env_remove("YOSHIKI_FAULT_INJECT")
        .env("YOSHIKI_WORKER_MEMORY_MB", "1536");
    c
}

fn check_json(cmd: &mut Command) -> (Output, Value) {
    let out = cmd.output().expect("run yoshiki");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out, json)
}

/// path → (codes, messages) for every file of a report.
#[cfg_attr(not(unix), allow(dead_code))]
fn by_path(json: &Value, strip: &Path) -> BTreeMap<String, Value> {
    let strip = strip.display().to_string();
    json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap_or_default();
            let rel = path
                .strip_prefix(&strip)
                .unwrap_or(path)
                .trim_start_matches('/')
                .to_string();
            let mut f = f.clone();
            f["path"] = Value::Null;
            // `related` names the other file of a set by its full path.
            if let Some(ds) = f["diagnostics"].as_array_mut() {
                for d in ds {
                    if let Some(r) = d["related"].as_str() {
                        d["related"] = Value::String(
                            r.strip_prefix(&strip)
                                .unwrap_or(r)
                                .trim_start_matches('/')
                                .into(),
                        );
                    }
                }
            }
            (rel, f)
        })
        .collect()
}

fn codes(file: &Value) -> Vec<String> {
    file["diagnostics"]
        .as_array()
        .map(|ds| {
            ds.iter()
                .filter_map(|d| d["code"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Each fixture alone: the finding it must get (one of), quickly.
const EXPECTED: &[(&str, &[&str])] = &[
    ("sst_unique_count_huge.xlsx", &["IN005"]),
    ("sst_unique_count_4g.xlsx", &["IN005"]),
    ("sst_count_only_huge.xlsx", &["IN005"]),
    ("sst_huge_truncated_sheet.xlsx", &["IN005"]),
    ("sst_huge_bad_utf8.xlsx", &["IN005"]),
    ("claimed_4gb_entry.xlsx", &["IN005", "IN001"]),
    ("negative_row.xlsx", &["IN001"]),
    ("tblgrid_1e6_columns.docx", &["IN005"]),
    ("nested_100k_elements.docx", &["IN005"]),
    ("doctype_entities.docx", &["IN005"]),
    ("xls_fat_chain_loop.xls", &["IN001"]),
    ("ole2_garbage.xls", &["IN001"]),
    ("empty.docx", &["IN001"]),
    ("plain_text.xlsx", &["IN001"]),
];

#[test]
fn each_hostile_file_gets_a_clear_finding_in_bounded_time() {
    for (name, want) in EXPECTED {
        let path = hostile().join(name);
        let started = Instant::now();
        let (out, json) = check_json(yoshiki().args(["check", "--format", "json"]).arg(&path));
        let elapsed = started.elapsed();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{name}: exit {:?}",
            out.status
        );
        assert!(
            elapsed < Duration::from_secs(20),
            "{name}: took {elapsed:?}"
        );
        let files = json["files"].as_array().expect("files");
        assert_eq!(files.len(), 1, "{name}");
        let got = codes(&files[0]);
        assert!(
            got.iter().any(|c| want.contains(&c.as_str())),
            "{name}: wanted one of {want:?}, got {got:?}"
        );
        let message = files[0]["diagnostics"][0]["message"].as_str().unwrap_or("");
        assert!(
            !message.is_empty() && !message.contains("panicked"),
            "{name}: {message}"
        );
    }
}

#[test]
fn simple_xlsb_from_apache_poi_is_read() {
    let (_, json) = check_json(
        yoshiki()
            .args(["check", "--format", "json"])
            .arg(hostile().join("Simple.xlsb")),
    );
    let got = codes(&json["files"][0]);
    assert!(
        !got.iter().any(|c| c == "IN001" || c == "IN005"),
        "Simple.xlsb unreadable: {got:?}"
    );
    // Every .xlsb's main part is "macroEnabled" by content type: no macro
    // finding without a VBA project.
    assert!(!got.iter().any(|c| c == "SEC001"), "{got:?}");
    let dump = yoshiki()
        .arg("dump")
        .arg(hostile().join("Simple.xlsb"))
        .output()
        .expect("dump");
    let text = String::from_utf8_lossy(&dump.stdout);
    assert!(
        text.contains("This is an example spreadsheet"),
        "dump: {text}"
    );
    assert!(!String::from_utf8_lossy(&dump.stderr).contains("panicked"));
}

#[test]
fn the_sheet_guards_hold_in_process_too() {
    // Without a worker: the pre-flight guards alone keep the process alive
    // (these files aborted it before: terabyte reservations, chain loops).
    for name in [
        "sst_unique_count_huge.xlsx",
        "sst_unique_count_4g.xlsx",
        "xls_fat_chain_loop.xls",
    ] {
        let out = yoshiki()
            .args(["check", "--in-process", "--format", "json"])
            .arg(hostile().join(name))
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{name}: {:?}", out.status);
    }
}

/// samples/ plus every hostile fixture plus special files, in one batch.
#[cfg(unix)]
#[test]
fn a_batch_with_every_hostile_file_reports_every_file_and_the_good_ones_unchanged() {
    let tmp = tempfile::tempdir().expect("tmp");
    let batch = tmp.path().join("batch");
    copy_tree(&root().join("samples"), &batch.join("samples"));
    let bad = batch.join("hostile");
    copy_tree(&hostile(), &bad);
    // Special files, made here and removed with the folder.
    let fifo = bad.join("fifo.docx");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let have_fifo = made.is_ok_and(|s| s.success());
    std::os::unix::fs::symlink(bad.join("loop_b.docx"), bad.join("loop_a.docx")).expect("link");
    std::os::unix::fs::symlink(bad.join("loop_a.docx"), bad.join("loop_b.docx")).expect("link");
    std::os::unix::fs::symlink("/dev/zero", bad.join("zero.docx")).expect("link");

    let started = Instant::now();
    let (out, json) = check_json(yoshiki().args(["check", "--format", "json"]).arg(&batch));
    let elapsed = started.elapsed();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{:?}", out.status);
    assert!(elapsed < Duration::from_secs(120), "took {elapsed:?}");
    let all = by_path(&json, &batch);
    // Every hostile fixture has a result.
    for entry in std::fs::read_dir(hostile()).expect("list") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name == "README.md" {
            continue; // provenance notes, not a submission
        }
        assert!(
            all.keys()
                .any(|k| k.starts_with(&format!("hostile/{name}"))),
            "no result for {name}"
        );
    }
    for (name, code) in [("zero.docx", "IN003"), ("loop_a.docx", "IN001")] {
        let f = &all[&format!("hostile/{name}")];
        assert!(codes(f).contains(&code.to_string()), "{name}: {f}");
    }
    if have_fifo {
        let f = &all["hostile/fifo.docx"];
        assert!(codes(f).contains(&"IN003".to_string()), "fifo: {f}");
        let msg = f["diagnostics"][0]["message"].as_str().unwrap_or("");
        assert!(msg.contains("FIFO"), "{msg}");
    }
    // The samples: exactly as checked alone.
    let (_, alone) = check_json(
        yoshiki()
            .args(["check", "--format", "json"])
            .arg(batch.join("samples")),
    );
    let alone = by_path(&alone, &batch);
    assert!(!alone.is_empty());
    for (path, report) in &alone {
        assert_eq!(all.get(path), Some(report), "{path} differs in the batch");
    }
}

#[cfg(unix)]
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        let kind = entry.file_type().expect("type");
        if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A fault to inject: kind, file name part, expected code and words.
#[cfg(unix)]
type Fault = (&'static str, &'static str, &'static str, &'static str);

/// Check samples/ with `faults` injected (and `env` set): the file being
/// read gets the cause, every other file of the batch (and of its set) is
/// reported exactly as without the fault.
#[cfg(unix)]
fn only_the_faulted_files_change(faults: &[Fault], env: &[(&str, &str)]) {
    let samples = root().join("samples");
    let (_, clean) = check_json(yoshiki().args(["check", "--format", "json"]).arg(&samples));
    let clean = by_path(&clean, &root());
    let spec: Vec<String> = faults
        .iter()
        .map(|(k, p, _, _)| format!("{k}:{p}"))
        .collect();
    let started = Instant::now();
    let mut cmd = yoshiki();
    cmd.env("YOSHIKI_FAULT_INJECT", spec.join(";"))
        .env("YOSHIKI_WORKER_SILENCE_MS", "4000")
        .env("YOSHIKI_WORKER_MEMORY_MB", "768")
        .envs(env.iter().copied())
        .args(["check", "--format", "json"])
        .arg(&samples);
    let (out, json) = check_json(&mut cmd);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{:?}", out.status);
    assert!(started.elapsed() < Duration::from_secs(120));
    let got = by_path(&json, &root());
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        clean.keys().collect::<Vec<_>>()
    );
    for (path, report) in &got {
        match faults.iter().find(|(_, p, _, _)| path.contains(p)) {
            Some((kind, _, code, words)) => {
                let d = &report["diagnostics"][0];
                assert_eq!(d["code"], *code, "{kind} on {path}: {report}");
                let msg = d["message"].as_str().unwrap_or("");
                assert!(msg.contains(words), "{kind} on {path}: {msg}");
            }
            None => {
                // A file of a set that lost a member may lose a
                // cross-document finding that needed the lost file; every
                // finding it has must be one it had.
                let had = &clean[path];
                if had == report {
                    continue;
                }
                let before = codes(had);
                for c in codes(report) {
                    assert!(before.contains(&c), "{path}: new finding {c}");
                }
            }
        }
    }
}

/// Worker deaths of every kind, injected into real children (whose
/// per-file events go to the event journal, src/worker/journal.rs).
#[cfg(unix)]
#[test]
fn a_dying_worker_costs_only_its_file() {
    only_the_faulted_files_change(
        &[
            ("abort", "clean/02_", "IN001", "SIGABRT"),
            ("oom", "clean/03_", "IN005", "メモリ"),
            ("segv", "mistakes/sum001/", "IN001", "SIGSEGV"),
            ("stack", "excel/roster", "IN005", "深すぎ"),
            (
                "freeze",
                "r5_report/別紙4_実施状況報告書.docx",
                "IN005",
                "応答しなかった",
            ),
        ],
        &[],
    );
}

/// Without a writable temporary folder there is no event journal: the
/// events travel on stdout, and a death still costs only its file.
#[cfg(unix)]
#[test]
fn a_dying_worker_costs_only_its_file_without_an_event_journal() {
    only_the_faulted_files_change(
        &[
            ("abort", "clean/02_", "IN001", "SIGABRT"),
            ("segv", "mistakes/sum001/", "IN001", "SIGSEGV"),
        ],
        &[("TMPDIR", "/nonexistent/yoshiki-no-temp")],
    );
}

#[test]
fn no_backtrace_reaches_the_terminal() {
    // A caught panic inside a reader is reported once, without a
    // backtrace, even with RUST_BACKTRACE set.
    let out = yoshiki()
        .env("RUST_BACKTRACE", "1")
        .args(["check", "--format", "json"])
        .arg(hostile().join("negative_row.xlsx"))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("stack backtrace"), "{err}");
    assert!(!err.contains("panicked at"), "{err}");
}
