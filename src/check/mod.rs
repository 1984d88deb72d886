//! The check pipeline: expand paths into submission sets, read every file,
//! extract the forms, run every rule, apply the configured severities.
//!
//! A submission set is what cross-document rules compare: the files
//! directly in one directory (each sub-directory is its own set), the
//! members of one `.zip` (read in place, never unpacked to disk), or a
//! single file given on the command line. A file that cannot be read is a
//! finding (IN001–IN005) and the batch goes on; only a path that does not
//! exist or a bad config stops the check ([`CheckError`]).
//!
//! Files are checked in parallel through [`crate::batch`]: each file has a
//! time bound (`Limits::time_budget_ms`; overrunning it is an IN005
//! finding, not a hang) and a panic while reading one file is that file's
//! finding only. Files are started in set order and each set is finished
//! (cross-document rules, severities) and its documents dropped as soon as
//! its last file is done, so memory depends on the number of threads, not
//! on the size of the batch; zip members are taken out one at a time
//! inside the job that checks them.

mod findings;
mod inputs;
mod pipeline;
mod run;
mod set;
mod walk;
mod zip_set;

pub use findings::read_error_finding;
pub use inputs::{ConfigFound, InputFile, Member, SetSpec, input_files, input_files_and_skipped};
// The report type sits in diag, next to the renderers that take it.
pub use crate::diag::check_report::{CheckReport, FileReport, FormRef, Summary};
pub use run::{OnProgress, OnStart, RunOptions, run_sets};

use crate::batch::Progress;
use crate::config::{Config, ConfigError};
use crate::knowledge::Knowledge;
use crate::read::Limits;
use chrono::NaiveDate;
use inputs::is_zip_name;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walk::{expand, files_together};

/// How to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The date the check is made as of (`--as-of`); decides which
    /// knowledge is in force and which dates are in the future.
    pub as_of: NaiveDate,
    /// A config given explicitly (`--config`). When None, the
    /// `yoshiki.toml` nearest to each submission set is used.
    pub config: Option<Config>,
    pub limits: Limits,
    /// Knowledge to use instead of the built-in one.
    pub knowledge: Option<Knowledge>,
    /// Files named on the command line are checked one by one (`--each`);
    /// by default the files named together form one submission set, as
    /// they were handed in.
    pub files_one_by_one: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            as_of: chrono::Local::now().date_naive(),
            config: None,
            limits: Limits::default(),
            knowledge: None,
            files_one_by_one: false,
        }
    }
}

/// Why the check could not be made at all (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("no such file or directory: {0}")]
    NotFound(String),
    #[error("cannot list directory {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Config(#[from] ConfigError),
}

impl CheckError {
    pub fn message_ja(&self) -> String {
        match self {
            CheckError::NotFound(p) => format!("ファイルまたはフォルダ「{p}」が見つかりません。"),
            CheckError::Io { path, source } => format!(
                "フォルダ「{path}」の中を読めません（{}）。",
                crate::error::io_reason_ja(source)
            ),
            CheckError::Config(e) => e.message_ja(),
        }
    }
}

impl crate::error::Explained for CheckError {
    fn said_ja(&self) -> String {
        self.message_ja()
    }
    fn said_en(&self) -> String {
        match self {
            CheckError::Config(e) => e.said_en(),
            CheckError::Io { path, source } => {
                format!(
                    "cannot list directory {path} ({}).",
                    crate::error::io_reason_en(source)
                )
            }
            CheckError::NotFound(_) => self.to_string(),
        }
    }
    fn detail(&self) -> Option<String> {
        match self {
            CheckError::Config(e) => e.detail(),
            CheckError::Io { source, .. } => Some(source.to_string()),
            CheckError::NotFound(_) => None,
        }
    }
}

/// Check `paths` (files, directories, .zip archives).
pub fn check(paths: &[PathBuf], options: &CheckOptions) -> Result<CheckReport, CheckError> {
    check_with_progress(paths, options, |_| {})
}

/// One submission set handed over in memory: its name and its files
/// (name, bytes); a `.zip` among them is read as a set of its own.
#[derive(Debug, Clone)]
pub struct MemorySet {
    pub name: String,
    pub files: Vec<(String, Arc<[u8]>)>,
}

/// The engine without a file system: check sets of files held in memory
/// (the page, the server). Same rules, limits and report as [`check`];
/// the config is `options.config` or the built-in call's (nothing is looked up on
/// disk).
pub fn check_memory(sets: &[MemorySet], options: &CheckOptions) -> CheckReport {
    let mut options = options.clone();
    if options.config.is_none() {
        options.config = Some(Config::builtin().clone());
    }
    let mut specs = Vec::new();
    for set in sets {
        let (zips, files): (Vec<_>, Vec<_>) = set
            .files
            .iter()
            .partition(|(name, _)| is_zip_name(Path::new(name)));
        let member = |(name, bytes): &(String, Arc<[u8]>)| Member::Memory {
            display: name.clone(),
            bytes: Arc::clone(bytes),
        };
        if !files.is_empty() {
            specs.push(SetSpec {
                display: set.name.clone(),
                config_start: PathBuf::new(),
                config_found: ConfigFound::NotLooked,
                members: files.into_iter().map(member).collect(),
            });
        }
        for z in zips {
            specs.push(SetSpec {
                display: z.0.clone(),
                config_start: PathBuf::new(),
                config_found: ConfigFound::NotLooked,
                members: vec![member(z)],
            });
        }
    }
    let run = RunOptions {
        threads: 1,
        ..RunOptions::default()
    };
    let (files, internal_errors) = run_sets(&specs, 0, &options, &run, Arc::new(|_| {}));
    let summary = CheckReport::summarize(&files);
    CheckReport {
        as_of: options.as_of,
        sets: specs.iter().map(|s| s.display.clone()).collect(),
        files,
        summary,
        internal_errors,
        config_files: Vec::new(),
    }
}

/// Build the process-wide tables every check needs — the built-in form
/// definitions, knowledge and config, parsed from their embedded TOML, and
/// the patterns extraction and the rules compile on first use — ahead of
/// the first file. A worker child calls it while the parent is still
/// listing the sets, so the work is off the batch's critical path. In the
/// order a batch needs them: the knowledge when it starts, the patterns
/// last.
pub fn warm_up() {
    let _ = crate::forms::definition::builtin();
    let _ = Knowledge::builtin();
    let _ = Config::builtin();
    crate::forms::warm_up();
    crate::rules::warm_up();
}

/// Run a warm-up ([`warm_up`], `forms::warm_up`) on a thread of its own,
/// not waited for: a table it has not finished yet is waited for (or
/// built) by the first file that needs it.
pub fn warm_up_in_background(work: fn()) {
    let _ = std::thread::Builder::new()
        .name("yoshiki-warm-up".into())
        .spawn(work);
}

/// [`check`], reporting each file as it is done (for a progress bar; called
/// from worker threads). Everything runs in this process: see
/// `crate::worker::check_isolated` for the same check with every set in a
/// child process.
pub fn check_with_progress(
    paths: &[PathBuf],
    options: &CheckOptions,
    progress: impl Fn(&Progress) + Send + Sync + 'static,
) -> Result<CheckReport, CheckError> {
    let plan = plan(paths, options)?;
    let run = RunOptions::default();
    let (files, internal_errors) = run_sets(&plan.specs, 0, options, &run, Arc::new(progress));
    let mut summary = CheckReport::summarize(&files);
    summary.skipped = plan.skipped;
    Ok(CheckReport {
        as_of: options.as_of,
        sets: plan.specs.iter().map(|s| s.display.clone()).collect(),
        files,
        summary,
        internal_errors,
        config_files: config_files_of(&plan.specs),
    })
}

/// [`CheckReport::config_files`] of planned sets: empty unless `plan`
/// looked up every set's config.
pub fn config_files_of(specs: &[SetSpec]) -> Vec<Option<PathBuf>> {
    if specs
        .iter()
        .any(|s| s.config_found == ConfigFound::NotLooked)
    {
        return Vec::new();
    }
    specs
        .iter()
        .map(|s| s.config_found.file().map(Path::to_path_buf))
        .collect()
}

/// The submission sets of a check, before anything is read.
#[derive(Debug)]
pub struct Plan {
    pub specs: Vec<SetSpec>,
    /// Lock files and system files the folder walks left out
    /// ([`Summary::skipped`]).
    pub skipped: usize,
}

/// Expand `paths` into submission sets and load every config they need
/// (a bad config stops the check here, before any file is read).
pub fn plan(paths: &[PathBuf], options: &CheckOptions) -> Result<Plan, CheckError> {
    let mut specs = Vec::new();
    let mut skipped = 0;
    for path in paths {
        expand(path, &mut specs, &mut skipped)?;
    }
    if !options.files_one_by_one {
        specs = files_together(specs, paths);
    }
    let mut cache = ConfigCache::default();
    for spec in &mut specs {
        if options.config.is_none() {
            let file = config_file_of(spec, &mut cache);
            spec.config_found = file.map_or(ConfigFound::Builtin, ConfigFound::File);
        }
        config_for(spec, options, &mut cache)?;
    }
    Ok(Plan { specs, skipped })
}

/// Configs found beside the sets, loaded once per file, and the file found
/// for each folder looked at.
#[derive(Default)]
pub struct ConfigCache {
    loaded: BTreeMap<Option<PathBuf>, Config>,
    found: HashMap<PathBuf, Option<PathBuf>>,
}

/// The config of one set: the explicit one, or the `yoshiki.toml` nearest
/// to it (cached by file).
pub fn config_for(
    spec: &SetSpec,
    options: &CheckOptions,
    cache: &mut ConfigCache,
) -> Result<Config, CheckError> {
    if let Some(c) = &options.config {
        return Ok(c.clone());
    }
    let file = config_file_of(spec, cache);
    if let Some(c) = cache.loaded.get(&file) {
        return Ok(c.clone());
    }
    let c = match &file {
        Some(f) => Config::load(f)?,
        None => Config::builtin().clone(),
    };
    cache.loaded.insert(file, c.clone());
    Ok(c)
}

/// The `yoshiki.toml` of a set: as `plan` found it, else looked up from
/// its `config_start` (cached by folder).
fn config_file_of(spec: &SetSpec, cache: &mut ConfigCache) -> Option<PathBuf> {
    match &spec.config_found {
        ConfigFound::File(f) => Some(f.clone()),
        ConfigFound::Builtin => None,
        ConfigFound::NotLooked => {
            Config::find_file_remembering(&spec.config_start, &mut cache.found)
        }
    }
}
