//! What the two benchmark floors (`inflate_floor`, `xml_floor`) share: the
//! command line (`[--threads N] PATH...`), the folder walk and the timed
//! parallel run over the files (rayon, like yoshiki's batches).

use rayon::prelude::*;
use std::ops::Add;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The files under the command line's paths whose extension is one of
/// `exts` (folders walked recursively, in name order), and `--threads`
/// (0: rayon's default, one per core).
pub fn files_and_threads(exts: &[&str]) -> (Vec<PathBuf>, usize) {
    let mut args = std::env::args().skip(1);
    let mut threads = 0usize;
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        if a == "--threads" {
            threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        } else {
            walk(Path::new(&a), exts, &mut files);
        }
    }
    (files, threads)
}

fn walk(path: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(rd) = std::fs::read_dir(path) else {
            return;
        };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            walk(&p, exts, out);
        }
    } else if path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.contains(&e.to_ascii_lowercase().as_str()))
    {
        out.push(path.to_path_buf());
    }
}

/// `each` over every file on `threads` threads, the tallies added up, and
/// the seconds it took.
pub fn run<T, F>(files: &[PathBuf], threads: usize, each: F) -> (T, f64)
where
    T: Default + Add<Output = T> + Send,
    F: Fn(&Path) -> T + Sync,
{
    let start = Instant::now();
    let all = || {
        files
            .par_iter()
            .map(|p| each(p))
            .reduce(T::default, |a, b| a + b)
    };
    let total = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(all),
        Err(_) => all(),
    };
    (total, start.elapsed().as_secs_f64())
}
