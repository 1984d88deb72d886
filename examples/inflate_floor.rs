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

use std::path::Path;

mod floor_common;

use floor_common::Tally;

const EXTS: [&str; 6] = ["docx", "docm", "dotx", "xlsx", "xlsm", "zip"];

fn inflate(path: &Path) -> Tally {
    let mut t = Tally::default();
    let Some(mut zip) = floor_common::open_zip(path, &mut t) else {
        return t;
    };
    let mut buf = Vec::new();
    for i in 0..zip.len() {
        match zip.by_index(i) {
            Ok(mut entry) => {
                floor_common::inflate_into(&mut entry, &mut buf, &mut t);
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
        total.parts,
        total.errors,
        secs
    );
}
