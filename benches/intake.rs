//! In-process intake throughput: read every file of a directory with the
//! yoshiki readers, one thread and through the bounded batch runner, with no
//! process start-up and no output. Complements `scripts/bench_compare.sh`
//! (which compares whole commands with other tools).
//!
//! ```sh
//! cargo bench --bench intake                       # ../shared/corpus
//! YOSHIKI_BENCH_DIR=/tmp/yoshiki-bench/data/scaled cargo bench --bench intake
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use yoshiki::batch::{Outcome, run_bounded};
use yoshiki::read::{Limits, read_path};

fn walk(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        if let Ok(rd) = std::fs::read_dir(path) {
            let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            entries.sort();
            for p in entries {
                walk(&p, out);
            }
        }
    } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "docx" | "docm" | "dotx" | "xlsx" | "xlsm" | "xls" | "ods" | "txt" | "csv"
        )
    }) {
        out.push(path.to_path_buf());
    }
}

fn report(label: &str, files: usize, bytes: u64, ok: usize, took: Duration) {
    let s = took.as_secs_f64();
    println!(
        "{label:<28} {files:>6} files {:>8.1} MB  {ok:>6} read  {s:>7.3} s  {:>9.1} files/s  {:>7.1} MB/s",
        bytes as f64 / 1e6,
        files as f64 / s,
        bytes as f64 / 1e6 / s
    );
}

fn main() {
    let dir = std::env::var_os("YOSHIKI_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut files = Vec::new();
    walk(&dir, &mut files);
    if files.is_empty() {
        println!("no files under {} (set YOSHIKI_BENCH_DIR)", dir.display());
        return;
    }
    let bytes: u64 = files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let limits = Limits::default();

    // Warm the page cache.
    for p in &files {
        let _ = std::fs::read(p);
    }

    let start = Instant::now();
    let ok = files
        .iter()
        .filter(|p| read_path(p, &limits).is_ok())
        .count();
    report("read, 1 thread", files.len(), bytes, ok, start.elapsed());

    let start = Instant::now();
    let out = run_bounded(files.clone(), Duration::from_secs(10), move |p: PathBuf| {
        read_path(&p, &Limits::default()).is_ok()
    });
    let ok = out
        .into_iter()
        .filter(|o| matches!(o, Outcome::Done(true)))
        .count();
    report(
        "read, batch::run_bounded",
        files.len(),
        bytes,
        ok,
        start.elapsed(),
    );
}
