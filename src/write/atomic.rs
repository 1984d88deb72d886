//! Atomic file replacement: write a temporary file next to the destination,
//! flush it to disk, then rename it over the destination. A crash or a full
//! disk leaves either the old file or the new one, never half of each.

use super::WriteError;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

fn io_err(path: &Path, source: std::io::Error) -> WriteError {
    WriteError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Write `bytes` to `dest` atomically. When `dest` exists its permissions
/// are kept. The temporary file lives in the destination's directory (a
/// rename across file systems would not be atomic) and is removed on error.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    // Through a symbolic link, replace the file it points to, not the link.
    let resolved;
    let dest = match fs::symlink_metadata(dest) {
        Ok(m) if m.file_type().is_symlink() => {
            resolved = fs::canonicalize(dest).map_err(|e| io_err(dest, e))?;
            resolved.as_path()
        }
        _ => dest,
    };
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let existing = fs::metadata(dest).ok();
    let (tmp_path, mut file) = create_temp(&dir, &file_name)?;
    let result = (|| {
        file.write_all(bytes).map_err(|e| io_err(&tmp_path, e))?;
        file.sync_all().map_err(|e| io_err(&tmp_path, e))?;
        if let Some(meta) = &existing {
            fs::set_permissions(&tmp_path, meta.permissions()).map_err(|e| io_err(&tmp_path, e))?;
        }
        drop(file);
        fs::rename(&tmp_path, dest).map_err(|e| io_err(dest, e))?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    result
}

fn create_temp(dir: &Path, base: &str) -> Result<(PathBuf, File), WriteError> {
    let pid = std::process::id();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let mut last = None;
    for attempt in 0..100u32 {
        let name = format!(".{base}.yoshiki-{pid}-{nanos:x}-{attempt}.tmp");
        let path = dir.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(io_err(&path, e)),
        }
    }
    Err(io_err(
        dir,
        last.unwrap_or_else(|| std::io::Error::other("no temporary file name free")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.docx");
        fs::write(&dest, b"old").unwrap();
        write_atomic(&dest, b"new content").unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"new content");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_keeps_pointing_at_the_replaced_file() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.docx");
        let link = dir.path().join("link.docx");
        fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn failure_keeps_the_original() {
        let dir = tempfile::tempdir().unwrap();
        // Destination is a directory that is not empty: rename must fail.
        let dest = dir.path().join("d");
        fs::create_dir(&dest).unwrap();
        fs::write(dest.join("x"), b"keep").unwrap();
        assert!(write_atomic(&dest, b"new").is_err());
        assert_eq!(fs::read(dest.join("x")).unwrap(), b"keep");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "temp file left behind: {names:?}");
    }
}
