//! Helpers shared by the writer tests: independent zip inspection, and
//! opening outputs with python-docx / openpyxl / LibreOffice (skipped with
//! a printed message when the tool is missing).
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/write")
        .join(name)
}

/// One zip entry as the `zip` crate sees it: name, method, CRC, and the
/// raw compressed bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEntry {
    pub name: String,
    pub method: String,
    pub crc32: u32,
    pub raw: Vec<u8>,
}

pub fn raw_entries(bytes: &[u8]) -> Vec<RawEntry> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip opens");
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index_raw(i).expect("entry");
        let mut raw = Vec::new();
        f.read_to_end(&mut raw).expect("raw read");
        out.push(RawEntry {
            name: f.name().expect("entry name").to_string(),
            method: format!("{:?}", f.compression()),
            crc32: f.crc32(),
            raw,
        });
    }
    out
}

pub fn read_part(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut f = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    f.read_to_end(&mut out).ok()?;
    Some(out)
}

/// Assert that every entry of `before` not named in `changed` is in
/// `after`, in the same order, with the same name, method, CRC and raw
/// compressed bytes. Returns the number of entries compared.
pub fn assert_untouched_identical(before: &[u8], after: &[u8], changed: &[&str]) -> usize {
    let a = raw_entries(before);
    let b = raw_entries(after);
    let b_names: Vec<&str> = b.iter().map(|e| e.name.as_str()).collect();
    let a_names: Vec<&str> = a.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        &b_names[..a_names.len()],
        &a_names[..],
        "entry order changed"
    );
    let mut n = 0;
    for (x, y) in a.iter().zip(b.iter()) {
        if changed.contains(&x.name.as_str()) {
            continue;
        }
        assert_eq!(x, y, "entry {} is not byte-identical", x.name);
        n += 1;
    }
    n
}

/// Run python3 with a script; None (after printing why) when python3 or
/// one of `modules` is missing.
pub fn python(modules: &[&str], script: &str, args: &[&str]) -> Option<String> {
    let probe = format!("import {}", modules.join(", "));
    let ok = Command::new("python3").arg("-c").arg(&probe).output();
    match ok {
        Ok(o) if o.status.success() => {}
        _ => {
            println!(
                "SKIPPED: python3 with {} is not available",
                modules.join(", ")
            );
            return None;
        }
    }
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Convert a file to PDF with LibreOffice headless; None (after printing
/// why) when `soffice` is not installed. Panics when the conversion fails.
pub fn soffice_to_pdf(file: &Path) -> Option<u64> {
    let (dir, out) = soffice_convert(file, "pdf")?;
    let len = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    drop(dir);
    println!(
        "LibreOffice converted {} to a {len}-byte PDF",
        file.display()
    );
    Some(len)
}

/// Have LibreOffice open `file` and save it as `ext` (`pdf`, `docx`,
/// `xlsx`): proves it parsed the file, and a re-saved Office file shows
/// what it understood (comments, notes). None when soffice is missing.
pub fn soffice_convert(file: &Path, ext: &str) -> Option<(tempfile::TempDir, PathBuf)> {
    let which = Command::new("sh")
        .arg("-c")
        .arg("command -v soffice")
        .output();
    match which {
        Ok(o) if o.status.success() && !o.stdout.is_empty() => {}
        _ => {
            crate::common::missing("soffice (LibreOffice round trip)");
            return None;
        }
    }
    let out_dir = tempfile::tempdir().expect("tempdir");
    let profile = tempfile::tempdir().expect("tempdir");
    let status = Command::new("timeout")
        .arg("180")
        .arg("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--norestore", "--convert-to", ext, "--outdir"])
        .arg(out_dir.path())
        .arg(file)
        .output()
        .expect("soffice runs");
    let stem = file
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    let out = out_dir.path().join(format!("{stem}.{ext}"));
    let len = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    assert!(
        len > 0,
        "LibreOffice could not convert {} to {ext}: {}\n{}",
        file.display(),
        String::from_utf8_lossy(&status.stdout),
        String::from_utf8_lossy(&status.stderr)
    );
    Some((out_dir, out))
}
