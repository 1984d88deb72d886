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

use std::io::Read;
use std::path::Path;

mod floor_common;

const EXTS: [&str; 6] = ["docx", "docm", "dotx", "xlsx", "xlsm", "zip"];

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
    let (files, threads) = floor_common::files_and_threads(&EXTS);
    let (total, secs) = floor_common::run(&files, threads, inflate);
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
