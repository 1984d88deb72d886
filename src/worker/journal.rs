//! The event journal: a child's per-file events (`Start`, `Done`) written to
//! a temporary file that the parent reads when it wants to, instead of to
//! the stdout pipe.
//!
//! Why: every line on a pipe wakes the parent's reader, which on a machine
//! whose cores are all busy with children preempts one of them — two lines
//! per file cost ~10 % of the CPU of a check (552 .docx: 5,900 context
//! switches against 1,370 without the lines). A write to a file wakes
//! nobody. What the events are for is kept exactly:
//! - which files were in flight when a child died: the child's writes are
//!   complete before it dies, and the parent reads the whole journal before
//!   it looks at the death, so it sees the same events in the same order;
//! - progress and the silence bound: the parent reads what is new every
//!   [`TICK`], and a journal that grew counts as a sign of life.
//!
//! When no journal can be made (no writable temporary folder), the events
//! go to stdout as before; a child whose journal write fails switches to
//! stdout for good, and the parent reads the journal before each stdout
//! event, so the order holds across the switch.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Environment variable naming the journal file to the child.
pub const JOURNAL_ENV: &str = "YOSHIKI_WORKER_JOURNAL";

/// How often the parent reads a journal while it waits for a result.
pub const TICK: Duration = Duration::from_millis(100);

/// The parent's side: the file (deleted when dropped) and its read cursor.
pub struct Journal {
    file: File,
    path: PathBuf,
    /// The bytes of a line the child has not finished writing yet.
    partial: Vec<u8>,
}

impl Journal {
    /// A new empty journal in the temporary folder, readable by this user
    /// only; `None` when none can be made (the events then travel on
    /// stdout).
    pub fn create() -> Option<Journal> {
        // The browser's build has no temporary folder (and no children).
        if cfg!(target_arch = "wasm32") {
            return None;
        }
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for _ in 0..8 {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(
                "yoshiki-events-{}-{nanos:x}-{n}",
                std::process::id()
            ));
            // create_new: never an existing file, nor one a link points to.
            let mut options = std::fs::OpenOptions::new();
            options.read(true).write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&path) {
                Ok(file) => {
                    return Some(Journal {
                        file,
                        path,
                        partial: Vec::new(),
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(_) => return None,
            }
        }
        None
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Empty the journal between requests, when the child writes nothing
    /// (it appends, so its next line lands at the new end). On failure the
    /// journal just keeps growing.
    pub fn reset(&mut self) {
        let f = &mut self.file;
        if f.set_len(0).is_ok() && f.seek(SeekFrom::Start(0)).is_ok() {
            self.partial.clear();
        }
    }

    /// Hand every complete line written since the last call to `each`, in
    /// order; true when anything new was written.
    pub fn drain(&mut self, mut each: impl FnMut(&str)) -> bool {
        let before = self.partial.len();
        if self.file.read_to_end(&mut self.partial).is_err() {
            return false;
        }
        let grew = self.partial.len() > before;
        if let Some(end) = self.partial.iter().rposition(|&b| b == b'\n') {
            let complete: Vec<u8> = self.partial.drain(..=end).collect();
            for line in complete.split(|&b| b == b'\n') {
                if let Ok(line) = std::str::from_utf8(line)
                    && !line.is_empty()
                {
                    each(line);
                }
            }
        }
        grew
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The child's side: the journal the parent named, opened for appending.
pub fn open_for_child() -> Option<File> {
    let path = std::env::var_os(JOURNAL_ENV)?;
    std::fs::OpenOptions::new().append(true).open(path).ok()
}

/// Append one line in a single write, so that a child that dies between
/// two writes never leaves half a line behind another.
pub fn append(file: &mut File, line: &str) -> std::io::Result<()> {
    let mut bytes = Vec::with_capacity(line.len() + 1);
    bytes.extend_from_slice(line.as_bytes());
    bytes.push(b'\n');
    file.write_all(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(j: &mut Journal) -> Vec<String> {
        let mut got = Vec::new();
        j.drain(|l| got.push(l.to_string()));
        got
    }

    #[test]
    fn lines_come_whole_and_in_order_across_reads() {
        let mut j = Journal::create().unwrap();
        let mut child = std::fs::OpenOptions::new()
            .append(true)
            .open(j.path())
            .unwrap();
        assert!(!j.drain(|_| {}));
        append(&mut child, "one").unwrap();
        child.write_all(b"tw").unwrap();
        assert_eq!(lines(&mut j), ["one"]);
        child.write_all(b"o\nthree\n").unwrap();
        assert_eq!(lines(&mut j), ["two", "three"]);
        assert!(!j.drain(|_| {}));
    }

    #[test]
    fn reset_starts_over_and_the_child_appends_at_the_new_end() {
        let mut j = Journal::create().unwrap();
        let mut child = std::fs::OpenOptions::new()
            .append(true)
            .open(j.path())
            .unwrap();
        append(&mut child, "old").unwrap();
        assert_eq!(lines(&mut j), ["old"]);
        j.reset();
        append(&mut child, "new").unwrap();
        assert_eq!(lines(&mut j), ["new"]);
        assert_eq!(std::fs::read(j.path()).unwrap(), b"new\n");
    }

    #[test]
    fn the_file_is_private_and_gone_with_the_journal() {
        let j = Journal::create().unwrap();
        let path = j.path().to_path_buf();
        assert!(path.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let other = Journal::create().unwrap();
        assert_ne!(other.path(), path);
        drop(j);
        assert!(!path.exists());
    }
}
