//! Robustness over the shared corpus of real Office files: every file goes
//! through `yoshiki::read_path` in its own thread with a 10 s bound. Zero
//! panics, zero hangs; every unreadable file is reported with its reason.
//! Word files must read, except the ones listed in `KNOWN_BROKEN_DOCX`
//! with the reason they are broken. Counts are printed (`--nocapture`).
//!
//! Skipped with a message when `../shared/corpus/` is absent.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use yoshiki::{Limits, ReadError};

/// Word files in the corpus that are genuinely not readable documents,
/// with the expected error kind and why.
const KNOWN_BROKEN_DOCX: &[(&str, &str, &str)] = &[];

fn corpus_dir() -> Option<PathBuf> {
    crate::common::corpus("")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn kind(e: &ReadError) -> &'static str {
    match e {
        ReadError::Io { .. } => "Io",
        ReadError::CorruptZip { .. } => "CorruptZip",
        ReadError::MissingPart { .. } => "MissingPart",
        ReadError::MalformedXml { .. } => "MalformedXml",
        ReadError::DtdRefused { .. } => "DtdRefused",
        ReadError::TooDeep { .. } => "TooDeep",
        ReadError::Encrypted { .. } => "Encrypted",
        ReadError::Unsupported { .. } => "Unsupported",
        ReadError::LimitExceeded { .. } => "LimitExceeded",
        ReadError::Sheet { .. } => "Sheet",
        ReadError::CorruptContainer { .. } => "CorruptContainer",
        ReadError::EmptyOrNotOffice { .. } => "EmptyOrNotOffice",
        ReadError::NoText { .. } => "NoText",
        ReadError::CorruptPdf { .. } => "CorruptPdf",
    }
}

enum Outcome {
    Ok { paragraphs: usize },
    Err(String, String),
    Panic(String),
    Hang,
}

fn read_bounded(path: &Path) -> Outcome {
    let (tx, rx) = mpsc::channel();
    let p = path.to_path_buf();
    let spawned = std::thread::Builder::new()
        .stack_size(8 * 1024 * 1024)
        .spawn(move || {
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
                yoshiki::read_path(&p, &Limits::default())
            }));
            let outcome = match result {
                Ok(Ok(doc)) => Outcome::Ok {
                    paragraphs: doc.all_paragraphs().len(),
                },
                Ok(Err(e)) => Outcome::Err(kind(&e).to_string(), e.to_string()),
                Err(panic) => Outcome::Panic(
                    panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default(),
                ),
            };
            let _ = tx.send(outcome);
        });
    if spawned.is_err() {
        return Outcome::Panic("cannot spawn thread".into());
    }
    match rx.recv_timeout(Duration::from_secs(10)) {
        Ok(o) => o,
        Err(_) => Outcome::Hang,
    }
}

#[test]
fn corpus_reads_without_panics_or_hangs() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.retain(|p| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| !e.eq_ignore_ascii_case("md"))
    });
    let started = Instant::now();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut panics = Vec::new();
    let mut hangs = Vec::new();
    let mut docx_failures = Vec::new();
    let mut paragraphs = 0usize;
    for path in &files {
        let rel = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .display()
            .to_string();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match read_bounded(path) {
            Outcome::Ok { paragraphs: n } => {
                paragraphs += n;
                *counts.entry(format!("{ext}: ok")).or_default() += 1;
            }
            Outcome::Err(k, msg) => {
                println!("unreadable {rel}: [{k}] {msg}");
                *counts.entry(format!("{ext}: {k}")).or_default() += 1;
                if matches!(ext.as_str(), "docx" | "docm" | "dotx") {
                    let known = KNOWN_BROKEN_DOCX
                        .iter()
                        .any(|(name, kind, _)| rel.ends_with(name) && *kind == k);
                    if !known {
                        docx_failures.push(format!("{rel}: [{k}] {msg}"));
                    }
                }
            }
            Outcome::Panic(msg) => {
                println!("PANIC {rel}: {msg}");
                panics.push(rel);
            }
            Outcome::Hang => {
                println!("HANG {rel}");
                hangs.push(rel);
            }
        }
    }
    println!(
        "corpus: {} files in {:.1}s, {} paragraphs read",
        files.len(),
        started.elapsed().as_secs_f64(),
        paragraphs
    );
    for (k, n) in &counts {
        println!("  {k}: {n}");
    }
    assert!(panics.is_empty(), "panics: {panics:?}");
    assert!(hangs.is_empty(), "hangs: {hangs:?}");
    assert!(
        docx_failures.is_empty(),
        "Word files that should read:\n{}",
        docx_failures.join("\n")
    );
}
