//! Writers: `fix`, `migrate` and `annotate`.
//!
//! All three change a user's file, so all three follow the same rules:
//! - a package (.docx/.xlsx) is rewritten with [`package::Package::rewrite`],
//!   which copies every part we do not change byte for byte and checks the
//!   result before it is returned;
//! - a changed XML part is produced by splicing byte ranges of the original
//!   (untouched markup is never re-serialised) and is checked to be
//!   well-formed, and re-scanned to confirm the text now reads as intended;
//! - files reach the disk only through [`atomic::write_atomic`] (temporary
//!   file in the same directory, then rename), so the original is intact
//!   until the new file is complete.
//!
//! The library never prints: every function returns what it did (applied
//! edits, what could not be placed) for the CLI to render.

pub mod annotate;
pub mod annotate_file;
pub mod atomic;
pub mod carry;
pub mod comments;
pub mod docx_scan;
pub mod docx_text;
pub mod fix;
pub mod fix_file;
pub mod migrate;
pub mod opc;
pub mod package;
pub mod text_file;
pub mod xlsx_cells;
pub mod xlsx_notes;
pub mod xlsx_scan;
pub mod xlsx_text;
pub mod xml;

use crate::model::Location;
use thiserror::Error;

/// Why a writer could not produce its output. The input file is never
/// touched when one of these is returned.
#[derive(Debug, Error)]
pub enum WriteError {
    #[error("cannot access {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the file is not a valid zip package: {detail}")]
    Zip { detail: String },
    #[error("part {part} is missing from the package")]
    MissingPart { part: String },
    #[error("malformed XML in {part} at byte {offset}: {detail}")]
    Xml {
        part: String,
        offset: u64,
        detail: String,
    },
    #[error("resource limit hit: {detail}")]
    Limit { detail: String },
    #[error("not supported: {0}")]
    Unsupported(String),
    /// The output failed the checks made before it is written; nothing was
    /// written.
    #[error("the rewritten file failed verification: {0}")]
    Verify(String),
    #[error("cannot read the file: {0}")]
    Read(#[from] crate::error::ReadError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl crate::error::Explained for WriteError {
    fn said_ja(&self) -> String {
        use crate::error::io_reason_ja;
        match self {
            WriteError::Io { path, source } => {
                let folder = std::path::Path::new(path)
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty() && !p.is_dir());
                match folder {
                    Some(f) if source.kind() == std::io::ErrorKind::NotFound => format!(
                        "書き出し先のフォルダ {} がありません。フォルダを作るか、別の場所を指定してください。",
                        f.display()
                    ),
                    _ => format!("{path} を読み書きできません（{}）。", io_reason_ja(source)),
                }
            }
            WriteError::Zip { .. } => {
                "ファイルが ZIP 形式として正しくないため書き換えられません。Word/Excel で開いて保存し直してください。".into()
            }
            WriteError::MissingPart { part } => {
                format!("ファイルに必要な部分 {part} がないため書き換えられません。")
            }
            WriteError::Xml { part, offset, .. } => format!(
                "ファイル内部の XML（{part} の {offset} バイト目）が壊れているため書き換えられません。"
            ),
            WriteError::Limit { .. } => "ファイルが大きすぎるため書き換えを中止しました。".into(),
            WriteError::Unsupported(_) => {
                "このファイルのこの部分は yoshiki では書き換えられません。Word/Excel で直してください。".into()
            }
            WriteError::Verify(_) => {
                "書き換えた結果の確認で問題が見つかったため、書き出しませんでした（元のファイルはそのままです）。".into()
            }
            WriteError::Read(e) => e.message_ja(),
            WriteError::Internal(_) => {
                "内部エラーのため書き出せませんでした（元のファイルはそのままです）。".into()
            }
        }
    }

    fn said_en(&self) -> String {
        use crate::error::io_reason_en;
        match self {
            WriteError::Io { path, source } => {
                format!("cannot read or write {path} ({}).", io_reason_en(source))
            }
            WriteError::Zip { .. } => "the file is not a valid zip package; save it again in Word/Excel.".into(),
            WriteError::MissingPart { part } => format!("part {part} is missing from the package."),
            WriteError::Xml { part, offset, .. } => {
                format!("the XML inside the file ({part}, byte {offset}) is broken.")
            }
            WriteError::Limit { .. } => "the file is too large to rewrite.".into(),
            WriteError::Unsupported(_) => {
                "yoshiki cannot rewrite this part of the file; correct it in Word/Excel.".into()
            }
            WriteError::Verify(_) => {
                "the rewritten file failed its checks; nothing was written (the original is unchanged).".into()
            }
            WriteError::Read(e) => e.message_en(),
            WriteError::Internal(_) => {
                "internal error; nothing was written (the original is unchanged).".into()
            }
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            WriteError::Io { source, .. } => Some(source.to_string()),
            WriteError::Zip { detail }
            | WriteError::Xml { detail, .. }
            | WriteError::Limit { detail } => Some(detail.clone()),
            WriteError::Unsupported(d) | WriteError::Verify(d) | WriteError::Internal(d) => {
                Some(d.clone())
            }
            WriteError::Read(e) => e.detail(),
            WriteError::MissingPart { .. } => None,
        }
    }
}

/// A text replacement at a place in a document: replace `original` (the
/// exact text as it reads, run splits ignored) found at `location` by
/// `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub location: Location,
    pub original: String,
    pub replacement: String,
}

impl Edit {
    pub fn new(
        location: Location,
        original: impl Into<String>,
        replacement: impl Into<String>,
    ) -> Self {
        Edit {
            location,
            original: original.into(),
            replacement: replacement.into(),
        }
    }
}

/// What happened to one [`Edit`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditStatus {
    Applied,
    /// `original` was not found at the location (already fixed, or the
    /// location does not match the file).
    NotFound,
    /// Found, but it cannot be replaced safely (crosses a tab, a field, a
    /// paragraph boundary, or the replacement cannot be encoded).
    Refused(String),
}

/// The outcome of one [`Edit`], with the paragraph / line / cell text
/// before and after for the diff.
#[derive(Debug, Clone)]
pub struct EditOutcome {
    /// Index of the edit in the input slice.
    pub index: usize,
    pub status: EditStatus,
    /// Where it was applied, as precisely as known.
    pub location: Location,
    pub before: String,
    pub after: String,
}

/// Find the first occurrence of `needle` in `hay` at or after byte `from`
/// that does not overlap any of `taken`.
pub(crate) fn find_free(hay: &str, needle: &str, taken: &[(usize, usize)]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    hay.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let e = i + needle.len();
        taken.iter().all(|&(a, b)| e <= a || i >= b)
    })
}
