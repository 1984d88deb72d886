//! Zip reading under limits.
//!
//! Every OOXML/ODF package goes through [`SafeZip`]: the central directory
//! is read once, and each part is inflated in bounded chunks while the
//! per-part size, the total inflated size and the inflated/compressed ratio
//! are checked as the bytes come out. Sizes declared in zip headers are
//! only hints (a zip bomb lies about them), so they never decide alone.

use crate::error::ReadError;
use crate::model::PartInfo;
use crate::read::Limits;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::sync::Arc;
use zip::result::ZipError;
use zip::{CompressionMethod, ZipArchive};

mod direct;

/// Bytes inflated per read call; limits are checked after each chunk.
const CHUNK: usize = 64 * 1024;
/// Most bytes pre-allocated for a part on the strength of its header.
const MAX_PREALLOC: u64 = 8 * 1024 * 1024;

thread_local! {
    /// The inflate chunk buffer of this thread, reused from part to part.
    static CHUNK_BUF: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The package bytes, shared by the zip library's reader (for the central
/// directory and local headers) and [`direct`], which inflates a part
/// straight from them.
#[derive(Clone)]
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// One entry of the central directory, as recorded when the zip is opened.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    index: usize,
    size: u64,
    compressed_size: u64,
    is_dir: bool,
}

/// A zip package held in memory, read part by part under [`Limits`].
pub struct SafeZip {
    archive: ZipArchive<Cursor<Shared>>,
    bytes: Shared,
    limits: Limits,
    entries: Vec<Entry>,
    /// Exact name → position in `entries`.
    by_name: HashMap<String, usize>,
    /// Lower-cased name → position in `entries` (OPC part names are
    /// case-insensitive; some producers vary the case).
    by_lower: HashMap<String, usize>,
    file_len: u64,
    inflated_total: u64,
    /// Inflate every part through the zip library's reader (for the tests
    /// comparing it with [`direct`]).
    library_only: bool,
}

impl std::fmt::Debug for SafeZip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SafeZip")
            .field("entries", &self.entries.len())
            .field("file_len", &self.file_len)
            .field("inflated_total", &self.inflated_total)
            .finish()
    }
}

impl SafeZip {
    /// Open a zip from its bytes. Fails with [`ReadError::CorruptZip`] when
    /// the central directory cannot be read and [`ReadError::LimitExceeded`]
    /// when it lists more than `limits.max_entries` entries.
    pub fn open(bytes: Vec<u8>, limits: &Limits) -> Result<Self, ReadError> {
        let file_len = bytes.len() as u64;
        limits.check_file_size(file_len)?;
        // The central directory is parsed whole by the zip library, so a
        // directory declaring millions of entries is refused before that.
        if let Some(declared) = declared_entries(&bytes)
            && declared > limits.max_entries as u64
        {
            return Err(ReadError::LimitExceeded {
                part: None,
                detail: format!(
                    "zip declares {declared} entries, over the limit of {}",
                    limits.max_entries
                ),
            });
        }
        let bytes = Shared(Arc::new(bytes));
        let archive =
            ZipArchive::new(Cursor::new(bytes.clone())).map_err(|e| zip_error(None, e))?;
        if archive.len() > limits.max_entries {
            return Err(ReadError::LimitExceeded {
                part: None,
                detail: format!(
                    "zip lists {} entries, over the limit of {}",
                    archive.len(),
                    limits.max_entries
                ),
            });
        }
        let mut entries = Vec::with_capacity(archive.len());
        // Sized at once: grown entry by entry, both maps rehashed every
        // name several times (0.4 % of `extract`).
        let mut by_name = HashMap::with_capacity(archive.len());
        let mut by_lower = HashMap::with_capacity(archive.len());
        for index in 0..archive.len() {
            let Ok(data) = archive.by_index_data(index) else {
                continue;
            };
            let name = match data.name() {
                Ok(n) => n.into_owned(),
                Err(_) => String::from_utf8_lossy(data.name_raw()).into_owned(),
            };
            let entry = Entry {
                is_dir: data.is_dir(),
                size: data.size(),
                compressed_size: data.compressed_size(),
                name: name.clone(),
                index,
            };
            let pos = entries.len();
            // The first entry of a duplicated name wins, as in most readers.
            by_name.entry(name.clone()).or_insert(pos);
            by_lower.entry(name.to_lowercase()).or_insert(pos);
            entries.push(entry);
        }
        Ok(SafeZip {
            archive,
            bytes,
            limits: limits.clone(),
            entries,
            by_name,
            by_lower,
            file_len,
            inflated_total: 0,
            library_only: false,
        })
    }

    /// Names of the file entries (directories left out), in zip order.
    pub fn names(&self) -> Vec<String> {
        self.entries
            .iter()
            .filter(|e| !e.is_dir)
            .map(|e| e.name.clone())
            .collect()
    }

    /// Whether a part exists (exact name, else ASCII case-insensitive).
    pub fn has(&self, name: &str) -> bool {
        self.lookup(name).is_some()
    }

    /// The name as stored in the zip for a part name matched
    /// case-insensitively (or with a leading `/`).
    pub fn stored_name(&self, name: &str) -> Option<&str> {
        self.lookup(name)
            .and_then(|pos| self.entries.get(pos))
            .map(|e| e.name.as_str())
    }

    fn lookup(&self, name: &str) -> Option<usize> {
        let name = name.strip_prefix('/').unwrap_or(name);
        self.by_name
            .get(name)
            .or_else(|| self.by_lower.get(&name.to_lowercase()))
            .copied()
            .filter(|&pos| self.entries.get(pos).is_some_and(|e| !e.is_dir))
    }

    /// Total bytes inflated so far from this package.
    pub fn inflated_total(&self) -> u64 {
        self.inflated_total
    }

    /// Inflate one part, enforcing the per-part size, total inflated size
    /// and ratio limits while inflating. [`ReadError::MissingPart`] if the
    /// part is absent.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, ReadError> {
        match self.read_opt(name)? {
            Some(bytes) => Ok(bytes),
            None => Err(ReadError::MissingPart {
                part: name.to_string(),
            }),
        }
    }

    /// Like [`SafeZip::read`], but an absent part is `Ok(None)`.
    pub fn read_opt(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(pos) = self.lookup(name) else {
            return Ok(None);
        };
        let Some(entry) = self.entries.get(pos).cloned() else {
            return Ok(None);
        };
        let limits = &self.limits;
        let part = Some(entry.name.clone());
        if entry.size > limits.max_part_bytes {
            return Err(ReadError::LimitExceeded {
                part,
                detail: format!(
                    "part declares {} bytes inflated, over the limit of {} bytes",
                    entry.size, limits.max_part_bytes
                ),
            });
        }
        // The local header is read (and checked) by the zip library; a
        // plain stored or deflated part is then inflated straight from the
        // package bytes, the rest through the library's reader.
        let file = self
            .archive
            .by_index_raw(entry.index)
            .map_err(|e| zip_error(Some(&entry.name), e))?;
        let method = match file.compression() {
            _ if file.encrypted() => None,
            CompressionMethod::Stored => Some(direct::Method::Stored),
            CompressionMethod::Deflated => Some(direct::Method::Deflated),
            _ => None,
        };
        let plan = method
            .filter(|_| !self.library_only)
            .zip(file.data_start())
            .map(|(m, at)| (m, at, file.crc32()));
        drop(file);
        let done = Inflated {
            limits: &self.limits,
            file_len: self.file_len,
            total_before: self.inflated_total,
        };
        let result = match plan {
            Some((method, at, crc)) => {
                let data = direct::compressed_slice(self.bytes.as_ref(), at, entry.compressed_size);
                done.inflate_direct(method, data, crc, &entry, part)
            }
            None => inflate_with_library(&mut self.archive, &done, &entry, part),
        };
        let out = result?;
        self.inflated_total = self.inflated_total.saturating_add(out.len() as u64);
        Ok(Some(out))
    }

    /// Count `len` bytes of a part read before against the total-inflated
    /// limit, as inflating it again would: the same bytes pass the per-part
    /// and ratio limits again, so only the total can fail (with the message
    /// a second inflate gives). For a part kept from its first reading.
    pub fn charge_again(&mut self, name: &str, len: u64) -> Result<(), ReadError> {
        let part = self
            .lookup(name)
            .and_then(|pos| self.entries.get(pos))
            .map(|e| e.name.clone());
        if len > 0 && self.inflated_total.saturating_add(len) > self.limits.max_total_inflated {
            return Err(ReadError::LimitExceeded {
                part,
                detail: format!(
                    "package inflates to more than {} bytes in total",
                    self.limits.max_total_inflated
                ),
            });
        }
        self.inflated_total = self.inflated_total.saturating_add(len);
        Ok(())
    }

    /// Name and sizes of every file entry, as declared in the central
    /// directory (content types are filled in by the package reader).
    pub fn part_infos(&self) -> Vec<PartInfo> {
        self.entries
            .iter()
            .filter(|e| !e.is_dir)
            .map(|e| PartInfo {
                name: e.name.clone(),
                size: e.size,
                compressed_size: e.compressed_size,
                content_type: None,
            })
            .collect()
    }
}

/// Inflate a part through the zip library's reader (encrypted parts,
/// compression methods other than stored and deflate).
fn inflate_with_library(
    archive: &mut ZipArchive<Cursor<Shared>>,
    done: &Inflated<'_>,
    entry: &Entry,
    part: Option<String>,
) -> Result<Vec<u8>, ReadError> {
    let file = archive
        .by_index(entry.index)
        .map_err(|e| zip_error(Some(&entry.name), e))?;
    if file.encrypted() {
        return Err(ReadError::Encrypted {
            detail: format!("zip entry {} is encrypted", entry.name),
        });
    }
    // The chunk buffer is kept per thread: a fresh zeroed 64 KB for every
    // part was 4 % of `check` (calloc), most parts being a few KB.
    let mut chunk = CHUNK_BUF.take();
    if chunk.len() != CHUNK {
        chunk = vec![0u8; CHUNK];
    }
    let result = done.inflate(file, entry, part, &mut chunk);
    CHUNK_BUF.set(chunk);
    result
}

/// What inflating one part needs to know of its package.
struct Inflated<'l> {
    limits: &'l Limits,
    file_len: u64,
    /// Bytes inflated from the package before this part.
    total_before: u64,
}

impl Inflated<'_> {
    /// Inflate `file` through `chunk`, checking the limits after each chunk.
    fn inflate(
        &self,
        file: zip::read::ZipFile<'_, Cursor<Shared>>,
        entry: &Entry,
        part: Option<String>,
        chunk: &mut [u8],
    ) -> Result<Vec<u8>, ReadError> {
        let limits = self.limits;
        let prealloc = entry.size.min(MAX_PREALLOC).min(limits.max_part_bytes);
        let mut out: Vec<u8> = Vec::with_capacity(usize::try_from(prealloc).unwrap_or(0));
        // Read at most one byte past the part limit: enough to know it is
        // exceeded, never more.
        let mut reader = file.take(limits.max_part_bytes.saturating_add(1));
        loop {
            let n = match reader.read(chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.read_error(&e, entry, part)),
            };
            out.extend_from_slice(chunk.get(..n).unwrap_or_default());
            self.check(out.len() as u64, entry, &part)?;
        }
        Ok(out)
    }

    /// Inflate a stored or deflated part from its compressed bytes `data`
    /// into one buffer, ending each read where the zip library's reader
    /// ends it and checking the limits after each, as [`Inflated::inflate`]
    /// does: the same parts pass, the same fail with the same message.
    fn inflate_direct(
        &self,
        method: direct::Method,
        data: &[u8],
        crc: u32,
        entry: &Entry,
        part: Option<String>,
    ) -> Result<Vec<u8>, ReadError> {
        let limits = self.limits;
        let prealloc = entry.size.min(MAX_PREALLOC).min(limits.max_part_bytes);
        let mut src = direct::Source::new(method, data, crc, entry.size, prealloc);
        // One byte past the part limit at most, as the library path reads.
        let mut left = limits.max_part_bytes.saturating_add(1);
        let result = loop {
            if left == 0 {
                break Ok(());
            }
            let cap = usize::try_from(left).unwrap_or(CHUNK).min(CHUNK);
            let n = match src.read(cap) {
                Ok(0) => break Ok(()),
                Ok(n) => n,
                Err(e) => break Err(self.read_error(&e, entry, part.clone())),
            };
            left = left.saturating_sub(n as u64);
            if let Err(e) = self.check(src.len() as u64, entry, &part) {
                break Err(e);
            }
        };
        let out = src.finish();
        result.map(|()| out)
    }

    /// The limits checked after each read, `len` bytes inflated so far.
    fn check(&self, len: u64, entry: &Entry, part: &Option<String>) -> Result<(), ReadError> {
        let limits = self.limits;
        // The compressed stream cannot be longer than the file itself,
        // whatever the header says.
        let compressed = entry.compressed_size.min(self.file_len).max(1);
        if len > limits.max_part_bytes {
            return Err(ReadError::LimitExceeded {
                part: part.clone(),
                detail: format!("part inflates to more than {} bytes", limits.max_part_bytes),
            });
        }
        if self.total_before.saturating_add(len) > limits.max_total_inflated {
            return Err(ReadError::LimitExceeded {
                part: part.clone(),
                detail: format!(
                    "package inflates to more than {} bytes in total",
                    limits.max_total_inflated
                ),
            });
        }
        if len > limits.ratio_floor_bytes && len / compressed > limits.max_ratio {
            return Err(ReadError::LimitExceeded {
                part: part.clone(),
                detail: format!(
                    "compression ratio over {}:1 ({} bytes from {} compressed)",
                    limits.max_ratio, len, compressed
                ),
            });
        }
        Ok(())
    }

    /// The error for a read that failed.
    fn read_error(&self, e: &std::io::Error, entry: &Entry, part: Option<String>) -> ReadError {
        if e.to_string().contains("larger than its declared")
            && entry.compressed_size
                > entry
                    .size
                    .saturating_add(entry.size / 100)
                    .saturating_add(64)
        {
            // The header claims the part inflates to less than its
            // compressed size, which deflate never does: a zip bomb
            // hiding its size, not mere damage (that is below).
            return ReadError::LimitExceeded {
                part,
                detail: format!(
                    "part inflates beyond the {} bytes its header declares",
                    entry.size
                ),
            };
        }
        ReadError::CorruptZip {
            detail: format!("cannot inflate {}: {e}", entry.name),
        }
    }
}

/// The entry count the end-of-central-directory record declares (zip64
/// aware), read without parsing the directory. `None` if not found.
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let len = bytes.len();
    if len < 22 {
        return None;
    }
    let earliest = len.saturating_sub(22 + 65_535);
    let eocd = (earliest..=len - 22)
        .rev()
        .find(|&i| bytes.get(i..i + 4) == Some(EOCD))?;
    let u16_at = |i: usize| -> Option<u64> {
        let b: [u8; 2] = bytes.get(i..i + 2)?.try_into().ok()?;
        Some(u64::from(u16::from_le_bytes(b)))
    };
    let u64_at = |i: usize| -> Option<u64> {
        let b: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
        Some(u64::from_le_bytes(b))
    };
    let total = u16_at(eocd + 10)?;
    if total != 0xFFFF {
        return Some(total);
    }
    // Zip64: the locator sits just before the EOCD record.
    let locator = eocd.checked_sub(20)?;
    if bytes.get(locator..locator + 4) != Some(b"PK\x06\x07") {
        return Some(total);
    }
    let record = usize::try_from(u64_at(locator + 8)?).ok()?;
    if record >= bytes.len() || bytes.get(record..record + 4) != Some(b"PK\x06\x06") {
        return Some(total);
    }
    u64_at(record + 32)
}

/// Map a zip library error to a typed read error.
fn zip_error(part: Option<&str>, e: ZipError) -> ReadError {
    let prefix = part.map(|p| format!("{p}: ")).unwrap_or_default();
    match e {
        ZipError::UnsupportedArchive(what)
            if what.contains("ncrypt") || what.contains("assword") =>
        {
            ReadError::Encrypted {
                detail: format!("{prefix}{what}"),
            }
        }
        ZipError::InvalidPassword => ReadError::Encrypted {
            detail: format!("{prefix}password-protected zip entry"),
        },
        ZipError::FileNotFound => ReadError::MissingPart {
            part: part.unwrap_or("?").to_string(),
        },
        other => ReadError::CorruptZip {
            detail: format!("{prefix}{other}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn build(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_parts_case_insensitively() {
        let bytes = build(&[
            ("word/document.xml", b"<a/>"),
            ("[Content_Types].xml", b"<T/>"),
        ]);
        let mut z = SafeZip::open(bytes, &Limits::default()).unwrap();
        assert!(z.has("word/document.xml"));
        assert!(z.has("/Word/Document.xml"));
        assert_eq!(z.read("word/document.xml").unwrap(), b"<a/>");
        assert!(matches!(
            z.read("nope.xml"),
            Err(ReadError::MissingPart { .. })
        ));
        assert_eq!(z.read_opt("nope.xml").unwrap(), None);
        assert_eq!(z.part_infos().len(), 2);
    }

    #[test]
    fn garbage_is_corrupt_zip() {
        let err = SafeZip::open(b"PK\x03\x04garbage".to_vec(), &Limits::default()).unwrap_err();
        assert!(matches!(err, ReadError::CorruptZip { .. }), "{err:?}");
    }

    #[test]
    fn ratio_limit_hits_while_inflating() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let bytes = build(&[("big.xml", &zeros)]);
        let mut z = SafeZip::open(bytes, &Limits::default()).unwrap();
        let err = z.read("big.xml").unwrap_err();
        assert!(matches!(err, ReadError::LimitExceeded { .. }), "{err:?}");
    }

    #[test]
    fn total_limit_hits_across_parts() {
        let data = vec![b'a'; 600_000];
        let bytes = build(&[("a.xml", &data), ("b.xml", &data)]);
        let limits = Limits {
            max_total_inflated: 1_000_000,
            ..Limits::default()
        };
        let mut z = SafeZip::open(bytes, &limits).unwrap();
        assert!(z.read("a.xml").is_ok());
        assert!(matches!(
            z.read("b.xml"),
            Err(ReadError::LimitExceeded { .. })
        ));
    }

    #[test]
    fn charging_a_part_again_fails_as_reading_it_again_would() {
        let data = vec![b'a'; 400_000];
        let bytes = build(&[("a.xml", &data), ("b.xml", &data)]);
        let limits = Limits {
            max_total_inflated: 1_000_000,
            ..Limits::default()
        };
        let mut read_twice = SafeZip::open(bytes.clone(), &limits).unwrap();
        let mut charged = SafeZip::open(bytes, &limits).unwrap();
        for z in [&mut read_twice, &mut charged] {
            assert!(z.read("a.xml").is_ok());
            assert!(z.read("b.xml").is_ok());
        }
        let again = read_twice.read("A.xml").unwrap_err();
        let charge = charged.charge_again("A.xml", 400_000).unwrap_err();
        assert_eq!(format!("{again:?}"), format!("{charge:?}"));
        assert_eq!(read_twice.inflated_total(), charged.inflated_total());
        assert!(charged.charge_again("a.xml", 100_000).is_ok());
        assert_eq!(charged.inflated_total(), 900_000);
    }

    #[test]
    fn declared_entry_count_is_read_from_the_end_record() {
        let bytes = build(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        assert_eq!(declared_entries(&bytes), Some(3));
        assert_eq!(declared_entries(b"PK"), None);
        // A forged end record declaring 60,000 entries is refused up front.
        let mut forged = bytes.clone();
        let eocd = forged.len() - 22;
        forged[eocd + 8..eocd + 12].copy_from_slice(&[0x60, 0xEA, 0x60, 0xEA]);
        assert!(matches!(
            SafeZip::open(forged, &Limits::default()),
            Err(ReadError::LimitExceeded { .. })
        ));
    }

    #[test]
    fn forged_zip64_locator_offsets_do_not_overflow() {
        let mut bytes = vec![0u8; 64];
        bytes.extend_from_slice(b"PK\x06\x07");
        bytes.extend_from_slice(&[0; 4]);
        bytes.extend_from_slice(&u64::MAX.to_le_bytes());
        bytes.extend_from_slice(&[0; 4]);
        bytes.extend_from_slice(b"PK\x05\x06");
        bytes.extend_from_slice(&[0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        bytes.extend_from_slice(&[0; 10]);
        assert_eq!(declared_entries(&bytes), Some(0xFFFF));
    }

    #[test]
    fn too_many_entries() {
        let bytes = build(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        let limits = Limits {
            max_entries: 2,
            ..Limits::default()
        };
        assert!(matches!(
            SafeZip::open(bytes, &limits),
            Err(ReadError::LimitExceeded { .. })
        ));
    }
}
