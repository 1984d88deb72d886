//! What the two benchmark floors (`inflate_floor`, `xml_floor`) share: the
//! command line (`[--threads N] PATH...`), the folder walk and the timed
//! parallel run over the files (rayon, like yoshiki's batches).

use rayon::prelude::*;
use std::io::{Cursor, Read};
use std::ops::Add;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What a floor counts over its files.
#[derive(Default, Clone, Copy)]
pub struct Tally {
    pub files: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
    /// Zip entries (or parts) inflated.
    pub parts: u64,
    /// XML events read (the XML floor).
    pub events: u64,
    pub errors: u64,
}

impl Add for Tally {
    type Output = Tally;
    fn add(self, o: Tally) -> Tally {
        Tally {
            files: self.files + o.files,
            bytes_in: self.bytes_in + o.bytes_in,
            bytes_out: self.bytes_out + o.bytes_out,
            parts: self.parts + o.parts,
            events: self.events + o.events,
            errors: self.errors + o.errors,
        }
    }
}

/// A file read and opened as a zip package, counted in `t` (an error when
/// it cannot be read or is no zip).
pub fn open_zip(path: &Path, t: &mut Tally) -> Option<zip::ZipArchive<Cursor<Vec<u8>>>> {
    t.files += 1;
    let Ok(bytes) = std::fs::read(path) else {
        t.errors += 1;
        return None;
    };
    t.bytes_in += bytes.len() as u64;
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).ok();
    if zip.is_none() {
        t.errors += 1;
    }
    zip
}

/// Inflate one entry into `buf` (cleared first), counted in `t`; false on
/// an error. The same part cap as yoshiki's default `Limits`, so a bomb
/// cannot make a floor itself blow up.
pub fn inflate_into(entry: impl Read, buf: &mut Vec<u8>, t: &mut Tally) -> bool {
    buf.clear();
    match entry.take(256 * 1024 * 1024).read_to_end(buf) {
        Ok(n) => {
            t.bytes_out += n as u64;
            t.parts += 1;
            true
        }
        Err(_) => {
            t.errors += 1;
            false
        }
    }
}

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
