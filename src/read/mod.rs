//! Readers: one per format, all producing a [`crate::model::Document`].
//!
//! [`read_path`] sniffs the file by its bytes (not its name) and dispatches:
//! a zip with `word/document.xml` to the Word reader, a zip with `xl/` or an
//! ODF mimetype and legacy `.xls` to the sheet reader (calamine), an OLE2
//! container holding `EncryptedPackage` to [`ReadError::Encrypted`], other
//! OLE2 files named by what they look like, everything else to the text
//! reader.

pub mod docx;
pub mod limits;
pub mod package;
pub mod sheet;
pub mod sniff;
pub mod text;
pub mod xml;
pub mod zipsafe;

pub use limits::Limits;

use crate::error::ReadError;
use crate::model::Document;
use std::path::Path;

/// Read any supported file from disk.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Document, ReadError> {
    let meta = std::fs::metadata(path).map_err(|source| ReadError::Io {
        path: path.display().to_string(),
        source,
    })?;
    limits.check_file_size(meta.len())?;
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.display().to_string(),
        source,
    })?;
    read_bytes(&path.display().to_string(), bytes, limits)
}

/// Read a file held in memory (a member of a .zip submission, a fuzz input).
/// `name` is used for the document's path and as a hint for text vs csv.
pub fn read_bytes(name: &str, bytes: Vec<u8>, limits: &Limits) -> Result<Document, ReadError> {
    limits.check_file_size(bytes.len() as u64)?;
    match sniff::sniff(name, &bytes) {
        sniff::Kind::Word(format) => docx::read(name, bytes, format, limits),
        sniff::Kind::Sheet(format) => sheet::read(name, bytes, format, limits),
        sniff::Kind::Text(format) => text::read(name, &bytes, format, limits),
        sniff::Kind::Encrypted => Err(ReadError::Encrypted {
            detail: "an OLE2/CFB container holding an EncryptedPackage stream (password-protected Office file)".into(),
        }),
        sniff::Kind::Unsupported(looks_like) => Err(ReadError::Unsupported { looks_like }),
    }
}
