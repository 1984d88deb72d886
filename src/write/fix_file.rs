//! `fix` on a file in the file system, in steps the caller runs in turn
//! (and reports between): the safe fixes `check` proposes ([`plan`]),
//! applied in memory ([`apply`]), the fixed copy checked again from a
//! private temporary folder ([`verify`]), and the file seen unchanged
//! since it was read ([`unchanged`]). Writing the result is the caller's
//! (through [`super::atomic`]); nothing here prints.

use super::fix::{apply_edits, can_fix, finding_key, new_findings, safe_edits};
use super::{Edit, EditOutcome, EditStatus, WriteError};
use crate::check::{CheckError, CheckOptions, check};
use crate::config::{Config, ConfigError};
use crate::diag::{Diagnostic, Severity, Text};
use crate::error::ReadError;
use crate::model::Format;
use crate::read::{Limits, read_file_bytes};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a file was not fixed.
#[derive(Debug, Error)]
pub enum FixFileError {
    #[error("{0}")]
    Config(#[source] ConfigError),
    #[error("{0}")]
    Check(#[source] CheckError),
    /// The file could not be read by `check`: nothing "to fix" is a
    /// failure, not a clean bill.
    #[error("{code} {}", message.en)]
    Unreadable { code: String, message: Text },
    #[error("cannot read the file")]
    Read(#[source] ReadError),
    #[error("{} files cannot be rewritten", format.as_str())]
    CannotFix { format: Format },
    #[error("cannot apply the fixes")]
    Apply(#[source] WriteError),
    #[error("cannot create a temporary folder")]
    TempDir,
    #[error("no file name")]
    NoFileName,
    #[error("cannot write the copy to check")]
    TempCopy(#[source] std::io::Error),
    /// The fixed copy has findings the original did not have.
    #[error("the fixed file has new findings, so nothing was written")]
    NewFindings(Vec<Diagnostic>),
    /// The file changed (saved from Word meanwhile) while it was fixed.
    #[error("the file changed while it was being fixed; nothing was written")]
    ChangedMeanwhile,
}

/// The config `check` would use for this file, made explicit so that the
/// rewritten copy (checked from a temporary folder) is judged the same way.
pub fn options_for(
    file: &Path,
    as_of: Option<chrono::NaiveDate>,
    explicit: Option<Config>,
) -> Result<CheckOptions, FixFileError> {
    let mut o = CheckOptions::default();
    if let Some(d) = as_of {
        o.as_of = d;
    }
    o.config = match explicit {
        Some(c) => Some(c),
        None => {
            let dir = file.parent().unwrap_or(Path::new("."));
            match Config::find_file(dir) {
                Some(p) => Some(Config::load(&p).map_err(FixFileError::Config)?),
                None => Some(Config::builtin().clone()),
            }
        }
    };
    Ok(o)
}

fn findings(path: &Path, options: &CheckOptions) -> Result<Vec<Diagnostic>, FixFileError> {
    let report = check(&[path.to_path_buf()], options).map_err(FixFileError::Check)?;
    Ok(report
        .files
        .into_iter()
        .flat_map(|f| f.diagnostics)
        .collect())
}

/// What `check` found in the file, and the safe fixes among it.
#[derive(Debug, Clone)]
pub struct Planned {
    pub findings: Vec<Diagnostic>,
    /// (index into `findings`, its edit).
    pub edits: Vec<(usize, Edit)>,
}

impl Planned {
    /// Findings (errors and warnings) that are left to fix by hand once
    /// `fixed` of them are fixed.
    pub fn by_hand(&self, fixed: usize) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .count()
            .saturating_sub(fixed)
    }
}

/// Check the file and pick its safe fixes.
pub fn plan(file: &Path, options: &CheckOptions) -> Result<Planned, FixFileError> {
    let diags = findings(file, options)?;
    if let Some(d) = diags
        .iter()
        .find(|d| d.code.starts_with("IN00") && d.code != "IN004")
    {
        return Err(FixFileError::Unreadable {
            code: d.code.to_string(),
            message: d.message.clone(),
        });
    }
    let edits = safe_edits(&diags);
    Ok(Planned {
        findings: diags,
        edits,
    })
}

/// The planned fixes applied in memory.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The file as read.
    pub bytes: Vec<u8>,
    pub new_bytes: Vec<u8>,
    /// One per planned edit.
    pub outcomes: Vec<EditOutcome>,
    /// The findings fixed (indices into [`Planned::findings`]).
    pub applied: Vec<usize>,
    /// Every planned edit was applied.
    pub complete: bool,
}

/// Apply the planned fixes to the file's bytes.
pub fn apply(file: &Path, planned: &Planned, limits: &Limits) -> Result<Applied, FixFileError> {
    let doc = crate::batch::read_path_bounded(file, limits).map_err(FixFileError::Read)?;
    if !can_fix(doc.format) {
        return Err(FixFileError::CannotFix { format: doc.format });
    }
    let bytes = read_file_bytes(file, limits).map_err(FixFileError::Read)?;
    let edits: Vec<_> = planned.edits.iter().map(|(_, e)| e.clone()).collect();
    let (new_bytes, outcomes) =
        apply_edits(&bytes, doc.format, doc.encoding.as_deref(), &edits, limits)
            .map_err(FixFileError::Apply)?;
    let applied: Vec<usize> = outcomes
        .iter()
        .filter(|o| o.status == EditStatus::Applied)
        .map(|o| planned.edits[o.index].0)
        .collect();
    let complete = applied.len() == outcomes.len();
    Ok(Applied {
        bytes,
        new_bytes,
        outcomes,
        applied,
        complete,
    })
}

/// Check the fixed copy before it replaces anything: an error when it has
/// new findings; else the findings still reported more often than the
/// fixes leave (by [`finding_key`]).
pub fn verify(
    file: &Path,
    planned: &Planned,
    applied: &Applied,
    options: &CheckOptions,
) -> Result<Vec<String>, FixFileError> {
    let tmp = tempdir_for_check()?;
    let name = file.file_name().ok_or(FixFileError::NoFileName)?;
    let copy = tmp.join(name);
    write_private(&copy, &applied.new_bytes).map_err(FixFileError::TempCopy)?;
    let after = findings(&copy, options);
    // A confidential proposal must not linger in the temporary folder;
    // a copy that cannot be removed is swept by a later run.
    let _ = std::fs::remove_file(&copy);
    let _ = std::fs::remove_dir(&tmp);
    let after = after?;
    let diags = &planned.findings;
    let mut before_count: BTreeMap<String, i64> = BTreeMap::new();
    for d in diags {
        *before_count.entry(finding_key(d)).or_default() += 1;
    }
    for &i in &applied.applied {
        *before_count.entry(finding_key(&diags[i])).or_default() -= 1;
    }
    let mut after_count: BTreeMap<String, i64> = BTreeMap::new();
    for d in &after {
        *after_count.entry(finding_key(d)).or_default() += 1;
    }
    let new_problems = new_findings(diags, &after);
    if !new_problems.is_empty() {
        return Err(FixFileError::NewFindings(
            new_problems.into_iter().cloned().collect(),
        ));
    }
    Ok(after_count
        .into_iter()
        .filter(|(k, n)| *n > before_count.get(k).copied().unwrap_or(0).max(0))
        .map(|(k, _)| k)
        .collect())
}

/// The file must not have changed since it was read (saved from Word
/// meanwhile): replacing it would lose that work.
pub fn unchanged(file: &Path, bytes: &[u8], limits: &Limits) -> Result<(), FixFileError> {
    if read_file_bytes(file, limits).map_err(FixFileError::Read)? != bytes {
        return Err(FixFileError::ChangedMeanwhile);
    }
    Ok(())
}

/// A temporary copy only this user can read (a confidential proposal).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(bytes)
}

fn tempdir_for_check() -> Result<PathBuf, FixFileError> {
    let base = std::env::temp_dir();
    sweep_stale_check_dirs(&base);
    for n in 0..100u32 {
        let p = base.join(format!("yoshiki-fix-{}-{n}", std::process::id()));
        #[cfg_attr(not(unix), allow(unused_mut))]
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        if builder.create(&p).is_ok() {
            return Ok(p);
        }
    }
    Err(FixFileError::TempDir)
}

/// Remove `yoshiki-fix-PID-N` folders (with the copy inside) left in the
/// temporary folder by a run that was killed: a confidential proposal must
/// not linger there.
fn sweep_stale_check_dirs(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix("yoshiki-fix-")) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id()
            && !super::atomic::process_alive(pid)
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
