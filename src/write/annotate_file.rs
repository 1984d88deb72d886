//! `annotate` on a file in the file system: read it, check it (with the
//! other files of its folder unless alone), attach every finding of the
//! file, and read the copy back to make sure every comment is on it.
//! Where the copy goes and how it is written is the caller's (the CLI
//! guards and writes its output), so nothing here prints or writes.

use super::WriteError;
use super::annotate::{AnnotateOptions, Annotation, annotate, can_annotate};
use crate::check::{CheckError, CheckOptions, check};
use crate::config::{Config, ConfigError};
use crate::diag::Diagnostic;
use crate::error::{Explained, ReadError};
use crate::read::{Limits, read_bytes, read_file_bytes};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// What to annotate and how.
#[derive(Debug, Clone)]
pub struct AnnotateFile<'a> {
    pub file: &'a Path,
    /// The name the copy is read back under (its output path).
    pub output_name: String,
    pub as_of: Option<chrono::NaiveDate>,
    /// A config to use instead of the yoshiki.toml found beside the file.
    pub config: Option<&'a Path>,
    /// Check the file alone, not with its folder.
    pub alone: bool,
    pub annotate: AnnotateOptions,
}

/// The annotated copy, not yet written.
#[derive(Debug, Clone)]
pub struct AnnotatedFile {
    pub bytes: Vec<u8>,
    /// The file's findings, as attached.
    pub findings: Vec<Diagnostic>,
    /// Where each finding went (`index` into `findings`).
    pub placed: Vec<Annotation>,
}

/// Why the copy could not be made.
#[derive(Debug, Error)]
pub enum AnnotateFileError {
    #[error("cannot read the file")]
    Read(#[source] ReadError),
    #[error("comments cannot be added to {format} files")]
    Unsupported { format: &'static str },
    #[error("cannot load the config")]
    Config(#[source] ConfigError),
    #[error("cannot check the file")]
    Check(#[source] CheckError),
    #[error("cannot read the file's bytes")]
    ReadBytes(#[source] ReadError),
    #[error("cannot attach the comments")]
    Annotate(#[source] WriteError),
    #[error("the check before writing cannot read it")]
    VerifyRead(#[source] ReadError),
    #[error("verification failed: {found} comments read back, expected {expected}")]
    Verify { found: usize, expected: usize },
}

impl AnnotateFileError {
    /// What was being done (Japanese, English), and the error met.
    fn parts(&self) -> Option<((&'static str, &'static str), &dyn Explained)> {
        Some(match self {
            AnnotateFileError::Read(e) => (("", ""), e),
            AnnotateFileError::Config(e) => (("", ""), e),
            AnnotateFileError::Check(e) => (("", ""), e),
            AnnotateFileError::ReadBytes(e) => (("読み込めません", "cannot read"), e),
            AnnotateFileError::Annotate(e) => (
                (
                    "コメントを付けられませんでした",
                    "cannot attach the comments",
                ),
                e,
            ),
            AnnotateFileError::VerifyRead(e) => (
                (
                    "書き出す前の確認で読み込めませんでした",
                    "the check before writing cannot read it",
                ),
                e,
            ),
            AnnotateFileError::Unsupported { .. } | AnnotateFileError::Verify { .. } => {
                return None;
            }
        })
    }
}

/// `lead: said`, or `said` alone.
fn led(lead: &str, said: String) -> String {
    if lead.is_empty() {
        said
    } else {
        format!("{lead}: {said}")
    }
}

impl Explained for AnnotateFileError {
    fn said_ja(&self) -> String {
        match self {
            AnnotateFileError::Unsupported { format } => format!(
                "{format} 形式のファイルにはコメントを付けられません（.docx / .xlsx のみ）。Word/Excel で .docx / .xlsx に保存し直してから annotate を使うか、指摘の一覧は check で出してください。"
            ),
            AnnotateFileError::Verify { found, expected } => format!(
                "書き出す前の確認で、コメントが {found} 件しか読み取れませんでした（{expected} 件のはず）。"
            ),
            _ => match self.parts() {
                Some(((ja, _), e)) => led(ja, e.said_ja()),
                None => String::new(),
            },
        }
    }

    fn said_en(&self) -> String {
        match self {
            AnnotateFileError::Unsupported { format } => format!(
                "comments cannot be added to {format} files (.docx / .xlsx only); save as .docx / .xlsx first, or list the findings with check"
            ),
            AnnotateFileError::Verify { found, expected } => {
                format!("verification failed: {found} comments read back, expected {expected}")
            }
            _ => match self.parts() {
                Some(((_, en), e)) => led(en, e.said_en()),
                None => String::new(),
            },
        }
    }

    fn detail(&self) -> Option<String> {
        self.parts().and_then(|(_, e)| e.detail())
    }
}

/// The annotated copy of `job.file`.
pub fn annotate_file(
    job: &AnnotateFile<'_>,
    limits: &Limits,
) -> Result<AnnotatedFile, AnnotateFileError> {
    let doc = crate::batch::read_path_bounded(job.file, limits).map_err(AnnotateFileError::Read)?;
    if !can_annotate(doc.format) {
        return Err(AnnotateFileError::Unsupported {
            format: doc.format.as_str(),
        });
    }
    let findings = findings(job)?;
    let bytes = read_file_bytes(job.file, limits).map_err(AnnotateFileError::ReadBytes)?;
    let (out, placed) = annotate(&bytes, doc.format, &findings, &job.annotate, limits)
        .map_err(AnnotateFileError::Annotate)?;
    // The copy must read back with every comment on it.
    let before = doc.package.as_ref().map_or(0, |p| p.comments.len());
    let back =
        read_bytes(&job.output_name, out.clone(), limits).map_err(AnnotateFileError::VerifyRead)?;
    let n = back.package.as_ref().map_or(0, |p| p.comments.len());
    if n < before + findings.len() && !findings.is_empty() && doc.format.is_word() {
        return Err(AnnotateFileError::Verify {
            found: n,
            expected: before + findings.len(),
        });
    }
    Ok(AnnotatedFile {
        bytes: out,
        findings,
        placed,
    })
}

/// The file's findings: checked with its folder (its submission set, so
/// that cross-document findings are attached), or alone.
fn findings(job: &AnnotateFile<'_>) -> Result<Vec<Diagnostic>, AnnotateFileError> {
    let mut options = CheckOptions::default();
    if let Some(d) = job.as_of {
        options.as_of = d;
    }
    if let Some(p) = job.config {
        options.config = Some(Config::load(p).map_err(AnnotateFileError::Config)?);
    }
    let with_set = !job.alone;
    let target: PathBuf = if with_set {
        job.file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf()
    } else {
        job.file.to_path_buf()
    };
    let report = check(&[target], &options).map_err(AnnotateFileError::Check)?;
    Ok(report
        .files
        .into_iter()
        .filter(|f| !with_set || same_file(Path::new(&f.path), job.file))
        .flat_map(|f| f.diagnostics)
        .collect())
}

/// Both paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
