//! Safe, atomic file output: write a temporary file next to the
//! destination, flush it to disk, then rename it over the destination. A
//! crash or a full disk leaves either the old file or the new one, never
//! half of each.
//!
//! And, because yoshiki runs with an official's rights on files sent by
//! strangers:
//! - a symbolic link at the output path is refused, never followed (the
//!   rename itself replaces a name, never what a link points to);
//! - an existing output is replaced only when the policy allows it
//!   (`--force`), a read-only one only with `--force`, and never one the
//!   user could not write or that belongs to someone else (unless root,
//!   who keeps the owner);
//! - the temporary file is created 0600 and removed on every error; stale
//!   ones of our naming left by a killed run are swept from the folder;
//! - the output keeps the mode and owner of the file it replaces, or of
//!   the input it derives from.

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

fn refused(path: &Path, kind: std::io::ErrorKind, why: &str) -> WriteError {
    io_err(path, std::io::Error::new(kind, why.to_string()))
}

/// What an output may replace.
#[derive(Debug, Clone, Default)]
pub struct OutputPolicy<'a> {
    /// An existing file at the destination may be replaced (in-place fix,
    /// or `--force`).
    pub may_replace: bool,
    /// `--force`: a read-only destination may be replaced too.
    pub force: bool,
    /// The input the output derives from: a new output takes its mode (a
    /// 0600 submission never yields a 0644 copy).
    pub like: Option<&'a Path>,
}

/// Write `bytes` to `dest` atomically, replacing an existing file (its
/// mode and owner kept). Refuses a link, a read-only file and a file the
/// user could not write.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_output(
        dest,
        bytes,
        &OutputPolicy {
            may_replace: true,
            ..OutputPolicy::default()
        },
    )
}

/// Refuse `dest` before any work is done when the policy forbids writing
/// it (the same verdict [`write_output`] would reach).
pub fn check_output(dest: &Path, policy: &OutputPolicy<'_>) -> Result<(), WriteError> {
    let meta = match fs::symlink_metadata(dest) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // Said before any work is done, not after the whole batch.
            let parent = dest.parent().filter(|p| !p.as_os_str().is_empty());
            if parent.is_some_and(|p| !p.is_dir()) {
                return Err(refused(
                    dest,
                    std::io::ErrorKind::NotFound,
                    "the folder of the output does not exist (出力先のフォルダがありません)",
                ));
            }
            return Ok(());
        }
        Err(e) => return Err(io_err(dest, e)),
    };
    if meta.file_type().is_symlink() {
        return Err(refused(
            dest,
            std::io::ErrorKind::PermissionDenied,
            "the output path is a symbolic link; refusing to write through it (出力先がシンボリックリンクのため書き込みません)",
        ));
    }
    if !meta.is_file() {
        return Err(refused(
            dest,
            std::io::ErrorKind::InvalidInput,
            "the output path exists and is not a regular file (出力先が通常のファイルではありません)",
        ));
    }
    if !policy.may_replace {
        return Err(refused(
            dest,
            std::io::ErrorKind::AlreadyExists,
            "the output exists; use --force to replace it (出力先が既にあります。上書きするには --force を付けてください)",
        ));
    }
    if meta.permissions().readonly() && !policy.force {
        return Err(refused(
            dest,
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only; use --force to replace it (読み取り専用のため書き換えません。--force で上書きできます)",
        ));
    }
    owner_check(dest, &meta)
}

/// The user must be able to write the file themselves, and (unless root,
/// who keeps the owner) own it: replacing a file in a shared folder must
/// not hand it over to us.
#[cfg(unix)]
fn owner_check(dest: &Path, meta: &fs::Metadata) -> Result<(), WriteError> {
    use std::os::unix::fs::MetadataExt;
    let euid = rustix::process::geteuid();
    if euid.is_root() {
        return Ok(());
    }
    if meta.uid() != euid.as_raw() {
        return Err(refused(
            dest,
            std::io::ErrorKind::PermissionDenied,
            "the file belongs to another user; refusing to replace it (他の利用者のファイルのため書き換えません)",
        ));
    }
    // Our own file without write permission reaches here only with
    // --force (checked above): the owner could grant it to themselves.
    Ok(())
}

#[cfg(not(unix))]
fn owner_check(_dest: &Path, _meta: &fs::Metadata) -> Result<(), WriteError> {
    Ok(())
}

/// Write `bytes` to `dest` atomically under `policy` (see the module docs).
pub fn write_output(
    dest: &Path,
    bytes: &[u8],
    policy: &OutputPolicy<'_>,
) -> Result<(), WriteError> {
    check_output(dest, policy)?;
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    sweep_stale(&dir);
    let existing = fs::symlink_metadata(dest).ok();
    let model = existing
        .clone()
        .or_else(|| policy.like.and_then(|p| fs::metadata(p).ok()));
    let (tmp_path, mut file) = create_temp(&dir, &file_name)?;
    let result = (|| {
        file.write_all(bytes).map_err(|e| io_err(&tmp_path, e))?;
        if let Some(meta) = &model {
            keep_mode_and_owner(&file, meta, existing.is_some()).map_err(|e| io_err(dest, e))?;
        }
        file.sync_all().map_err(|e| io_err(&tmp_path, e))?;
        // Checked again just before the rename: a link planted meanwhile
        // is refused (the rename would replace the link, not follow it).
        check_output(
            dest,
            &OutputPolicy {
                may_replace: policy.may_replace || existing.is_some(),
                force: true,
                like: None,
            },
        )?;
        fs::rename(&tmp_path, dest).map_err(|e| io_err(dest, e))?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    // Close before removing (a File has no Drop on wasm32, hence the allow).
    #[allow(clippy::drop_non_drop)]
    drop(file);
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    result
}

#[cfg(unix)]
fn keep_mode_and_owner(file: &File, model: &fs::Metadata, replacing: bool) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
    let mode = model.mode() & 0o7777;
    // Never wider than the model; never set-id bits on an output.
    file.set_permissions(fs::Permissions::from_mode(mode & 0o777))?;
    if replacing && rustix::process::geteuid().is_root() {
        fchown(file, Some(model.uid()), Some(model.gid()))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn keep_mode_and_owner(file: &File, model: &fs::Metadata, _replacing: bool) -> std::io::Result<()> {
    file.set_permissions(model.permissions())
}

/// Marker in the names of our temporary files (`.NAME.yoshiki-PID-N-A.tmp`).
const TEMP_MARK: &str = ".yoshiki-";

fn create_temp(dir: &Path, base: &str) -> Result<(PathBuf, File), WriteError> {
    let pid = std::process::id();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let mut last = None;
    for attempt in 0..100u32 {
        let name = format!(".{base}{TEMP_MARK}{pid}-{nanos:x}-{attempt}.tmp");
        let path = dir.join(name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
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

/// The PID in one of our temporary file names, if it is one.
fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_suffix(".tmp")?;
    let at = rest.rfind(TEMP_MARK)?;
    if !rest.starts_with('.') {
        return None;
    }
    let tail = rest.get(at + TEMP_MARK.len()..)?;
    let mut parts = tail.split('-');
    let pid = parts.next()?.parse().ok()?;
    // pid, nanos (hex), attempt: exactly our shape.
    let nanos = parts.next()?;
    let attempt = parts.next()?;
    (parts.next().is_none()
        && u32::from_str_radix(nanos, 16).is_ok()
        && attempt.parse::<u32>().is_ok())
    .then_some(pid)
}

/// Remove temporary files of our naming left in `dir` by runs that were
/// killed (their process is gone). Best effort: a file we cannot remove
/// stays.
pub fn sweep_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else {
            continue;
        };
        if pid == std::process::id() || process_alive(pid) {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process of that id still runs (for sweeping what a killed run
/// left behind).
#[cfg(unix)]
pub fn process_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    // Signal 0: only asks whether the process exists (EPERM: it does).
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(e) => e != rustix::io::Errno::SRCH,
    }
}

#[cfg(not(unix))]
pub fn process_alive(_pid: u32) -> bool {
    // Without a cheap liveness test, never remove another run's file.
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<std::ffi::OsString> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect()
    }

    #[test]
    fn replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.docx");
        fs::write(&dest, b"old").unwrap();
        write_atomic(&dest, b"new content").unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"new content");
        assert_eq!(names(dir.path()).len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_output_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("victim.txt");
        let link = dir.path().join("link.docx");
        fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let err = write_atomic(&link, b"new").unwrap_err().to_string();
        assert!(err.contains("symbolic link"), "{err}");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"old");
        assert_eq!(names(dir.path()).len(), 2);
    }

    #[test]
    fn failure_keeps_the_original() {
        let dir = tempfile::tempdir().unwrap();
        // Destination is a directory: refused before anything is written.
        let dest = dir.path().join("d");
        fs::create_dir(&dest).unwrap();
        fs::write(dest.join("x"), b"keep").unwrap();
        assert!(write_atomic(&dest, b"new").is_err());
        assert_eq!(fs::read(dest.join("x")).unwrap(), b"keep");
        assert_eq!(names(dir.path()).len(), 1, "temp file left behind");
    }

    #[test]
    fn an_existing_output_needs_may_replace() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.docx");
        fs::write(&dest, b"old").unwrap();
        let err = write_output(&dest, b"new", &OutputPolicy::default()).unwrap_err();
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(fs::read(&dest).unwrap(), b"old");
    }

    #[cfg(unix)]
    #[test]
    fn temp_names_are_recognised_and_stale_ones_swept() {
        assert_eq!(temp_pid(".a.docx.yoshiki-123-1f-0.tmp"), Some(123));
        assert_eq!(temp_pid("a.docx.yoshiki-123-1f-0.tmp"), None);
        assert_eq!(temp_pid(".a.docx.yoshiki-123-zz-0.tmp"), None);
        let dir = tempfile::tempdir().unwrap();
        // PID 0x7ffffffe is never a live process here.
        let stale = dir.path().join(".a.docx.yoshiki-2147483646-1f-0.tmp");
        let mine = dir
            .path()
            .join(format!(".b.docx.yoshiki-{}-1f-0.tmp", std::process::id()));
        let other = dir.path().join(".c.docx.tmp");
        for p in [&stale, &mine, &other] {
            fs::write(p, b"x").unwrap();
        }
        sweep_stale(dir.path());
        assert!(!stale.exists());
        assert!(mine.exists());
        assert!(other.exists());
    }

    #[cfg(unix)]
    #[test]
    fn modes_follow_the_replaced_file_or_the_input() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.docx");
        fs::write(&input, b"x").unwrap();
        fs::set_permissions(&input, fs::Permissions::from_mode(0o600)).unwrap();
        let out = dir.path().join("out.docx");
        let policy = OutputPolicy {
            like: Some(&input),
            ..OutputPolicy::default()
        };
        write_output(&out, b"y", &policy).unwrap();
        let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&out, b"z").unwrap();
        let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn read_only_needs_force() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("ro.docx");
        fs::write(&f, b"old").unwrap();
        fs::set_permissions(&f, fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomic(&f, b"new").unwrap_err().to_string();
        assert!(err.contains("read-only"), "{err}");
        assert_eq!(fs::read(&f).unwrap(), b"old");
        let forced = OutputPolicy {
            may_replace: true,
            force: true,
            like: None,
        };
        write_output(&f, b"new", &forced).unwrap();
        assert_eq!(fs::read(&f).unwrap(), b"new");
        let mode = fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o444);
    }
}
