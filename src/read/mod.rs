//! Readers: one per format, all producing a [`crate::model::Document`].
//!
//! [`read_path`] sniffs the file by its bytes (not its name) and dispatches:
//! a zip with `word/document.xml` to the Word reader, a zip with `xl/` or an
//! ODF mimetype and legacy `.xls` to the sheet reader (calamine), an OLE2
//! container holding `EncryptedPackage` to [`ReadError::Encrypted`], other
//! OLE2 files named by what they look like, everything else to the text
//! reader.

pub mod cfbcheck;
pub mod doc;
pub mod docx;
pub mod limits;
pub mod numbering;
pub mod odt;
pub mod package;
pub mod pdf;
pub mod sheet;
pub mod sniff;
pub mod text;
pub mod xml;
pub mod zipsafe;

pub use limits::Limits;

use crate::error::ReadError;
use crate::model::Document;
use std::io::Read;
use std::path::Path;

/// Read any supported file from disk.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Document, ReadError> {
    let bytes = read_file_bytes(path, limits)?;
    read_bytes(&path.display().to_string(), bytes, limits)
}

/// Read a file a folder walk met under a name that is not one of the
/// formats yoshiki reads (`.png`, `.odp`, no extension …). Its bytes
/// decide: a document yoshiki reads is read whatever its name; anything
/// else is [`ReadError::Unsupported`] (IN003) naming what it is — text
/// under another name included, since a folder's notes and logs are not
/// submissions.
pub fn read_foreign(path: &Path, limits: &Limits) -> Result<Document, ReadError> {
    let bytes = read_file_bytes(path, limits)?;
    read_foreign_bytes(&path.display().to_string(), bytes, limits)
}

/// [`read_foreign`] for bytes already in memory (a member of a .zip set).
pub fn read_foreign_bytes(
    name: &str,
    bytes: Vec<u8>,
    limits: &Limits,
) -> Result<Document, ReadError> {
    let name = name.to_string();
    match sniff::sniff(&name, &bytes) {
        // yoshiki's own HTML report: read, so that the check says what it is.
        sniff::Kind::Text(format) if own_html_report(&bytes) => {
            text::read(&name, &bytes, format, limits)
        }
        sniff::Kind::Text(_) => {
            let ext = Path::new(&name)
                .extension()
                .and_then(|e| e.to_str())
                .map(|e| format!("拡張子 .{e}"))
                .unwrap_or_else(|| "拡張子なし".into());
            let what = if bytes.is_empty() {
                "空のファイル"
            } else {
                "テキストファイル"
            };
            Err(ReadError::Unsupported {
                looks_like: format!(
                    "{what}（{ext}）。.txt / .csv 以外の名前のテキストは読み込みません"
                ),
            })
        }
        sniff::Kind::Unsupported(looks_like) => Err(ReadError::Unsupported { looks_like }),
        _ => read_bytes(&name, bytes, limits),
    }
}

pub use crate::model::own_report::OWN_HTML_MARK;

fn own_html_report(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let mark = OWN_HTML_MARK.as_bytes();
    head.windows(mark.len()).any(|w| w == mark)
}

/// The bytes of a file on disk, safely: only a regular file is opened
/// (a device, FIFO or socket is refused with what it is, never read — a
/// FIFO is not even waited on), and the read is capped by the bytes
/// actually read, not by the size the file system reports (0 for
/// `/dev/zero`).
pub fn read_file_bytes(path: &Path, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.display().to_string(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    special_file(&meta)?;
    limits.check_file_size(meta.len())?;
    let file = open_nonblocking(path).map_err(io)?;
    // The name may have been swapped for something else since the stat.
    special_file(&file.metadata().map_err(io)?)?;
    let bytes =
        read_capped(&file, meta.len(), limits.max_file_bytes.saturating_add(1)).map_err(io)?;
    limits.check_file_size(bytes.len() as u64)?;
    Ok(bytes)
}

/// At most `cap` bytes of `file`: first into a buffer one byte longer than
/// the size the file system reported, so that a file that did not change
/// takes one read call and one that returns nothing (a `Take` reader grows
/// its buffer from 8 KiB, four calls for a 40 KB file); then, only if that
/// buffer filled up (the file grew, or reported 0), the rest through `Take`.
fn read_capped(mut file: &std::fs::File, reported: u64, cap: u64) -> std::io::Result<Vec<u8>> {
    let first = reported.saturating_add(1).min(cap).min(64 << 20);
    let mut bytes = vec![0u8; usize::try_from(first).unwrap_or(0)];
    let mut filled = 0;
    while let Some(rest) = bytes.get_mut(filled..).filter(|r| !r.is_empty()) {
        match file.read(rest) {
            Ok(0) => {
                bytes.truncate(filled);
                return Ok(bytes);
            }
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    file.take(cap.saturating_sub(filled as u64))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// [`ReadError::Unsupported`] (IN003) naming what a non-regular file is.
pub fn special_file(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    let t = meta.file_type();
    if t.is_file() {
        return Ok(());
    }
    let what = if t.is_dir() {
        "フォルダ（ファイルではありません）"
    } else {
        special_kind(&t)
    };
    Err(ReadError::Unsupported {
        looks_like: format!("{what}。読み込んでいません"),
    })
}

#[cfg(unix)]
fn special_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "名前付きパイプ（FIFO）であり、ファイルではありません"
    } else if t.is_char_device() {
        "文字デバイス（/dev/zero など）であり、ファイルではありません"
    } else if t.is_block_device() {
        "ブロックデバイス（ディスクなど）であり、ファイルではありません"
    } else if t.is_socket() {
        "ソケットであり、ファイルではありません"
    } else {
        "通常のファイルではありません"
    }
}

#[cfg(not(unix))]
fn special_kind(_t: &std::fs::FileType) -> &'static str {
    "通常のファイルではありません"
}

/// Open for reading without blocking on a FIFO swapped in after the stat.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(
            (rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY).bits() as i32,
        );
    }
    options.open(path)
}

/// Read a file held in memory (a member of a .zip submission, a fuzz input).
/// `name` is used for the document's path and as a hint for text vs csv.
pub fn read_bytes(name: &str, bytes: Vec<u8>, limits: &Limits) -> Result<Document, ReadError> {
    limits.check_file_size(bytes.len() as u64)?;
    if bytes.starts_with(cfbcheck::OLE_MAGIC) {
        cfbcheck::validate(&bytes)?;
    }
    let kind = sniff::sniff(name, &bytes);
    if matches!(kind, sniff::Kind::Text(_)) && office_extension(name) && !is_markup(&bytes) {
        return Err(ReadError::EmptyOrNotOffice {
            detail: if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                format!("{} bytes, nothing in it", bytes.len())
            } else {
                "plain text, not an Office document".into()
            },
        });
    }
    match kind {
        sniff::Kind::Word(format) => docx::read(name, bytes, format, limits),
        sniff::Kind::LegacyWord(_) => doc::read(name, &bytes, limits),
        sniff::Kind::Pdf => pdf::read(name, &bytes, limits),
        sniff::Kind::Sheet(format) => sheet::read(name, bytes, format, limits),
        sniff::Kind::OdfText => odt::read(name, bytes, limits),
        sniff::Kind::Text(format) => text::read(name, &bytes, format, limits),
        sniff::Kind::Encrypted => Err(ReadError::Encrypted {
            detail: "an OLE2/CFB container holding an EncryptedPackage stream (password-protected Office file)".into(),
        }),
        sniff::Kind::Unsupported(looks_like) => Err(ReadError::Unsupported { looks_like }),
    }
}

/// Names whose extension promises a zip or OLE2 Office container: text
/// bytes under such a name are a broken or empty file, not a text
/// submission.
fn office_extension(name: &str) -> bool {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "docx" | "docm" | "dotx" | "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" | "odt" | "doc" | "dot"
    )
}

/// HTML or XML (an "Excel HTML" or Spreadsheet 2003 XML saved as .xls):
/// markup, still read as text as before.
fn is_markup(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<')
}

#[cfg(test)]
mod tests {
    use super::read_capped;

    fn file_of(bytes: &[u8]) -> std::fs::File {
        let mut file = tempfile::tempfile().expect("temp file");
        std::io::Write::write_all(&mut file, bytes).expect("write");
        std::io::Seek::rewind(&mut file).expect("rewind");
        file
    }

    #[test]
    fn reads_the_whole_file_whatever_size_was_reported() {
        let data: Vec<u8> = (0..40_000u32).map(|i| (i % 251) as u8).collect();
        // As reported; smaller (the file grew since the stat); 0 (as /proc
        // files report); larger (it shrank).
        for reported in [40_000, 10_000, 0, 90_000] {
            let got = read_capped(&file_of(&data), reported, u64::MAX).expect("read");
            assert_eq!(got, data, "reported {reported}");
        }
    }

    #[test]
    fn never_reads_past_the_cap() {
        let data = vec![7u8; 5_000];
        for reported in [5_000, 100, 0] {
            let got = read_capped(&file_of(&data), reported, 1_001).expect("read");
            assert_eq!(got.len(), 1_001, "reported {reported}");
        }
    }
}
