//! The benchmark floor: read every file and inflate every entry of every zip
//! package, doing nothing with the bytes. No reader can be faster than this
//! on the same files, so `docs/benchmarks.md` reports yoshiki as a ratio to it.
//!
//! ```sh
//! cargo run --release --example inflate_floor -- [--threads N] PATH...
//! ```
//! PATHs are files or directories (walked recursively; .docx .docm .dotx
//! .xlsx .xlsm .zip). Prints one line: files, input MB, inflated MB, entries,
//! errors, seconds. Parallel over files with rayon, like yoshiki.

use rayon::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

const EXTS: [&str; 6] = ["docx", "docm", "dotx", "xlsx", "xlsm", "zip"];

fn walk(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(rd) = std::fs::read_dir(path) else {
            return;
        };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            walk(&p, out);
        }
    } else if path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTS.contains(&e.to_ascii_lowercase().as_str()))
    {
        out.push(path.to_path_buf());
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    files: u64,
    bytes_in: u64,
    bytes_out: u64,
    entries: u64,
    errors: u64,
}

impl std::ops::Add for Tally {
    type Output = Tally;
    fn add(self, o: Tally) -> Tally {
        Tally {
            files: self.files + o.files,
            bytes_in: self.bytes_in + o.bytes_in,
            bytes_out: self.bytes_out + o.bytes_out,
            entries: self.entries + o.entries,
            errors: self.errors + o.errors,
        }
    }
}

fn inflate(path: &Path) -> Tally {
    let mut t = Tally {
        files: 1,
        ..Tally::default()
    };
    let Ok(bytes) = std::fs::read(path) else {
        t.errors += 1;
        return t;
    };
    t.bytes_in = bytes.len() as u64;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        t.errors += 1;
        return t;
    };
    let mut buf = Vec::new();
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            t.errors += 1;
            continue;
        };
        buf.clear();
        // Same part cap as yoshiki's default Limits, so a bomb cannot make the
        // floor itself blow up.
        match (&mut entry).take(256 * 1024 * 1024).read_to_end(&mut buf) {
            Ok(n) => {
                t.bytes_out += n as u64;
                t.entries += 1;
            }
            Err(_) => t.errors += 1,
        }
    }
    t
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut threads = 0usize;
    let mut paths = Vec::new();
    while let Some(a) = args.next() {
        if a == "--threads" {
            threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    let mut files = Vec::new();
    for p in &paths {
        walk(p, &mut files);
    }
    let start = Instant::now();
    let run = || {
        files
            .par_iter()
            .map(|p| inflate(p))
            .reduce(Tally::default, |a, b| a + b)
    };
    let total = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    };
    let secs = start.elapsed().as_secs_f64();
    println!(
        "files={} in_mb={:.2} inflated_mb={:.2} entries={} errors={} seconds={:.3}",
        total.files,
        total.bytes_in as f64 / 1e6,
        total.bytes_out as f64 / 1e6,
        total.entries,
        total.errors,
        secs
    );
}
