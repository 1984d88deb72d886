//! The whole check pipeline on one file: sniffing, every reader (Word,
//! Excel, OLE2, text), form extraction, every rule, set rules. The first
//! byte picks the file name's extension (so the same bytes reach the
//! name-dependent paths: text vs Office, csv, zip sets); the second picks a
//! structure-aware mutation of the issue-12 kinds applied before the
//! check (huge shared-string counts, references beyond XFD1048576,
//! negative rows, a loop in an OLE2 FAT chain).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::atomic::{AtomicUsize, Ordering};

const EXTS: &[&str] = &["docx", "xlsx", "xls", "xlsb", "txt", "csv", "ods", "zip"];

fn mutate(kind: u8, mut body: Vec<u8>) -> Vec<u8> {
    let replace = |b: &[u8], from: &[u8], to: &[u8]| -> Vec<u8> {
        match b.windows(from.len()).position(|w| w == from) {
            Some(i) => [&b[..i], to, &b[i + from.len()..]].concat(),
            None => b.to_vec(),
        }
    };
    match kind % 6 {
        1 => body = replace(&body, b"uniqueCount=\"", b"uniqueCount=\"99999999999"),
        2 => body = replace(&body, b"<c r=\"", b"<c r=\"XFE1048577"),
        3 => body = replace(&body, b"<row r=\"", b"<row r=\"-"),
        4 => {
            // An OLE2 FAT entry pointing back at the first stream sector.
            if body.len() > 1024 && body.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
                body[512 + 12..512 + 16].copy_from_slice(&2u32.to_le_bytes());
            }
        }
        _ => {}
    }
    body
}

fuzz_target!(|data: &[u8]| {
    let [ext, kind, rest @ ..] = data else { return };
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "yoshiki-fuzz-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let path = dir.join(format!("f.{}", EXTS[*ext as usize % EXTS.len()]));
    if std::fs::write(&path, mutate(*kind, rest.to_vec())).is_ok() {
        let options = yoshiki::check::CheckOptions::default();
        let _ = yoshiki::check::check(&[path], &options);
    }
    let _ = std::fs::remove_dir_all(&dir);
});
