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

use crate::batch::{BatchOptions, Progress};
use crate::config::{Config, ConfigError};
use crate::diag::{Diagnostic, Severity, Text};
use crate::error::ReadError;
use crate::forms::ExtractedForm;
use crate::knowledge::Knowledge;
use crate::model::{Document, Location};
use crate::read::Limits;
use crate::rules::{FileContext, SetContext};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

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

/// A form found in a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FormRef {
    pub form: String,
    pub template_version: String,
}

/// The findings for one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// As given (`submission/report.docx`, `archive.zip/inner.docx`).
    pub path: String,
    /// `docx`, `xlsx`, … ; for an unreadable file, its extension.
    pub format: String,
    pub forms: Vec<FormRef>,
    pub diagnostics: Vec<Diagnostic>,
    /// Index of the submission set the file belongs to.
    pub set: usize,
    /// The path's exact bytes when it is not valid UTF-8 (`path` then shows
    /// U+FFFD where bytes could not be decoded): the JSON carries both, so
    /// a script can find the very file.
    pub path_bytes: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files a folder walk met and left out on purpose: Office lock files
    /// (`~$…`) and the system's and yoshiki's own files (`.DS_Store`,
    /// `Thumbs.db`, `desktop.ini`, `yoshiki.toml`). Every other file is in
    /// `files`, read or with the finding that says why not.
    pub skipped: usize,
}

/// Everything a check found.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub as_of: NaiveDate,
    /// The submission sets, by [`FileReport::set`] index: the directory,
    /// .zip or single file as given.
    pub sets: Vec<String>,
    pub files: Vec<FileReport>,
    pub summary: Summary,
    /// A rule that failed unexpectedly (a bug, reported so that it is not
    /// silently lost; the other rules and files were still checked).
    pub internal_errors: Vec<String>,
}

impl CheckReport {
    /// Two reports as one: `b`'s sets after `a`'s.
    pub fn concat(mut a: CheckReport, b: CheckReport) -> CheckReport {
        let offset = a.sets.len();
        a.sets.extend(b.sets);
        a.files.extend(b.files.into_iter().map(|mut f| {
            f.set += offset;
            f
        }));
        a.internal_errors.extend(b.internal_errors);
        let skipped = a.summary.skipped + b.summary.skipped;
        a.summary = CheckReport::summarize(&a.files);
        a.summary.skipped = skipped;
        a
    }

    /// At least one finding of severity error.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// Count the findings again (after findings were re-attributed or
    /// filtered).
    pub fn resummarize(&mut self) {
        let skipped = self.summary.skipped;
        self.summary = Self::summarize(&self.files);
        self.summary.skipped = skipped;
    }

    pub(crate) fn summarize(files: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: files.len(),
            ..Summary::default()
        };
        for d in files.iter().flat_map(|f| &f.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// File extensions a directory's files are read by: the formats we read
/// (Word, legacy Word, Excel, ODF, PDF, text), and word-processor formats
/// that are likely a form saved wrongly (reported as IN003 by the
/// readers). Any other file met in a folder walk is [`Member::Foreign`]:
/// looked at by its bytes and reported (IN003 naming what it is) unless
/// it turns out to be a document yoshiki reads under another name.
const DIR_EXTENSIONS: &[&str] = &[
    "docx", "docm", "dotx", "xlsx", "xlsm", "xls", "xlsb", "ods", "txt", "csv", "doc", "dot",
    "pdf", "rtf", "odt", "jtd", "jtdc",
];

/// One submission set before reading.
#[derive(Debug, Clone)]
pub struct SetSpec {
    /// The set's name as given: the directory, the .zip or the file.
    pub display: String,
    /// Where to look for `yoshiki.toml`.
    pub config_start: PathBuf,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone)]
pub enum Member {
    Disk {
        path: PathBuf,
        display: String,
    },
    /// All members of a zip, read in place.
    Zip {
        path: PathBuf,
        display: String,
    },
    /// A file handed over in memory (the page, the server): read from its
    /// bytes; a `.zip` is a submission set read member by member.
    Memory {
        display: String,
        bytes: Arc<[u8]>,
    },
    /// A folder or file that could not even be listed: a finding on that
    /// path, the rest of the batch goes on.
    Unreadable {
        display: String,
        detail: String,
    },
    /// A file a folder walk met whose name is not one of the formats
    /// yoshiki reads (a picture, a presentation, an unknown file): read by
    /// its bytes when they are a document yoshiki reads, otherwise an
    /// IN003 finding naming what it is (never silently left out).
    Foreign {
        path: PathBuf,
        display: String,
    },
}

/// One file to read: from disk, a member of a zip (taken out when its turn
/// comes), or a finding about a zip member that cannot even be taken out.
enum Input {
    Disk {
        path: PathBuf,
        display: String,
    },
    /// A [`Member::Foreign`] file.
    Foreign {
        path: PathBuf,
        display: String,
    },
    ZipMember {
        zip: ZipSource,
        index: usize,
        declared: u64,
        display: String,
    },
    Failed {
        display: String,
        error: ReadError,
    },
    /// Bytes handed to the engine by a door that has no file system (the
    /// page, the server).
    Memory {
        display: String,
        bytes: Vec<u8>,
    },
}

/// Where a submission zip's bytes are: on disk (read in place, one member
/// at a time) or already in memory.
#[derive(Clone)]
pub(crate) enum ZipSource {
    Disk(PathBuf),
    Memory(Arc<[u8]>),
}

trait ReadSeek: Read + std::io::Seek + Send {}
impl<T: Read + std::io::Seek + Send> ReadSeek for T {}

impl ZipSource {
    fn len(&self) -> std::io::Result<u64> {
        match self {
            ZipSource::Disk(path) => std::fs::metadata(path).map(|m| m.len()),
            ZipSource::Memory(bytes) => Ok(bytes.len() as u64),
        }
    }

    fn open(&self, display: &str) -> Result<zip::ZipArchive<Box<dyn ReadSeek>>, ReadError> {
        let reader: Box<dyn ReadSeek> = match self {
            ZipSource::Disk(path) => {
                let file = std::fs::File::open(path).map_err(|source| ReadError::Io {
                    path: display.to_string(),
                    source,
                })?;
                Box::new(std::io::BufReader::new(file))
            }
            ZipSource::Memory(bytes) => Box::new(std::io::Cursor::new(Arc::clone(bytes))),
        };
        zip::ZipArchive::new(reader).map_err(|e| ReadError::CorruptZip {
            detail: e.to_string(),
        })
    }
}

impl Input {
    /// A file met under a name yoshiki does not read (see
    /// [`Member::Foreign`]).
    fn is_foreign(&self) -> bool {
        match self {
            Input::Foreign { .. } => true,
            Input::ZipMember { display, .. } => !has_read_extension(Path::new(display)),
            _ => false,
        }
    }

    fn display(&self) -> &str {
        match self {
            Input::Disk { display, .. }
            | Input::Foreign { display, .. }
            | Input::ZipMember { display, .. }
            | Input::Memory { display, .. }
            | Input::Failed { display, .. } => display,
        }
    }
}

/// A file after reading, extraction and the per-file rules.
struct Outcome {
    display: String,
    doc: Option<Document>,
    forms: Vec<ExtractedForm>,
    diagnostics: Vec<Diagnostic>,
    internal_errors: Vec<String>,
}

/// Check `paths` (files, directories, .zip archives).
pub fn check(paths: &[PathBuf], options: &CheckOptions) -> Result<CheckReport, CheckError> {
    check_with_progress(paths, options, &|_| {})
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
                members: files.into_iter().map(member).collect(),
            });
        }
        for z in zips {
            specs.push(SetSpec {
                display: z.0.clone(),
                config_start: PathBuf::new(),
                members: vec![member(z)],
            });
        }
    }
    let run = RunOptions {
        threads: 1,
        ..RunOptions::default()
    };
    let (files, internal_errors) = run_sets(&specs, 0, &options, &run, &|_| {});
    let summary = CheckReport::summarize(&files);
    CheckReport {
        as_of: options.as_of,
        sets: specs.iter().map(|s| s.display.clone()).collect(),
        files,
        summary,
        internal_errors,
    }
}

/// [`check`], reporting each file as it is done (for a progress bar; called
/// from worker threads). Everything runs in this process: see
/// `crate::worker::check_isolated` for the same check with every set in a
/// child process.
pub fn check_with_progress(
    paths: &[PathBuf],
    options: &CheckOptions,
    progress: &(dyn Fn(&Progress) + Sync),
) -> Result<CheckReport, CheckError> {
    let plan = plan(paths, options)?;
    let run = RunOptions::default();
    let (files, internal_errors) = run_sets(&plan.specs, 0, options, &run, progress);
    let mut summary = CheckReport::summarize(&files);
    summary.skipped = plan.skipped;
    Ok(CheckReport {
        as_of: options.as_of,
        sets: plan.specs.iter().map(|s| s.display.clone()).collect(),
        files,
        summary,
        internal_errors,
    })
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
    for spec in &specs {
        config_for(spec, options, &mut cache)?;
    }
    Ok(Plan { specs, skipped })
}

/// Configs found beside the sets, loaded once per file.
#[derive(Default)]
pub struct ConfigCache(BTreeMap<Option<PathBuf>, Config>);

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
    let file = Config::find_file(&spec.config_start);
    if let Some(c) = cache.0.get(&file) {
        return Ok(c.clone());
    }
    let c = match &file {
        Some(f) => Config::load(f)?,
        None => Config::builtin().clone(),
    };
    cache.0.insert(file, c.clone());
    Ok(c)
}

/// Called with a file's number in the run and its display name just
/// before it is read.
pub type OnStart = Arc<dyn Fn(usize, &str) + Send + Sync>;

/// How [`run_sets`] runs (the worker child sets these; the library uses
/// the defaults).
#[derive(Clone, Default)]
pub struct RunOptions {
    /// Parallel files; 0 means one per core.
    pub threads: usize,
    /// Files not to read, with the finding to report instead (a file that
    /// killed a worker process before).
    pub skip: BTreeMap<String, Diagnostic>,
    /// Called with a file's display name just before it is read.
    pub on_start: Option<OnStart>,
}

/// Read and check every file of `specs` (set indices start at `first_set`);
/// returns the reports in set order and the internal errors.
pub fn run_sets(
    specs: &[SetSpec],
    first_set: usize,
    options: &CheckOptions,
    run: &RunOptions,
    progress: &(dyn Fn(&Progress) + Sync),
) -> (Vec<FileReport>, Vec<String>) {
    let mut cache = ConfigCache::default();
    let mut configs: Vec<Config> = Vec::with_capacity(specs.len());
    let mut internal = Vec::new();
    for spec in specs {
        // plan() loaded every config once already; a config that changed
        // since then falls back to the default and says so.
        configs.push(config_for(spec, options, &mut cache).unwrap_or_else(|e| {
            internal.push(format!("{}: config: {e}", spec.display));
            Config::default()
        }));
    }

    // Inputs, in set order (zip members listed, not yet taken out), less
    // what a set's `[files] exclude` leaves out.
    let mut inputs = inputs_of(specs, &options.limits);
    inputs.retain(|(set, input)| {
        !configs
            .get(*set)
            .is_some_and(|c| c.excludes(input.display()))
    });

    // Everything a job needs, shared with the worker threads (a job that
    // overruns its bound may outlive this call).
    let shared = Arc::new(Shared {
        configs,
        knowledge: options
            .knowledge
            .clone()
            .unwrap_or_else(|| Knowledge::builtin().clone()),
        options: options.clone(),
        skip: run.skip.clone(),
        on_start: run.on_start.clone(),
    });
    let displays: Vec<String> = inputs
        .iter()
        .map(|(_, i)| i.display().to_string())
        .collect();
    let set_of: Vec<usize> = inputs.iter().map(|(set, _)| *set).collect();
    let mut remaining = vec![0usize; specs.len()];
    for set in &set_of {
        if let Some(n) = remaining.get_mut(*set) {
            *n += 1;
        }
    }
    let pending = Mutex::new(Pending {
        remaining,
        outcomes: (0..specs.len()).map(|_| Vec::new()).collect(),
    });
    let finished: Mutex<Vec<Vec<FileReport>>> =
        Mutex::new((0..specs.len()).map(|_| Vec::new()).collect());
    let internal_errors: Mutex<Vec<String>> = Mutex::new(internal);

    let batch = BatchOptions {
        timeout: Duration::from_millis(options.limits.time_budget_ms.max(1)),
        threads: run.threads,
        ..BatchOptions::default()
    };
    let job = {
        let shared = Arc::clone(&shared);
        move |(set, index, input): (usize, usize, Input)| {
            let fallback = Config::default();
            let config = shared.configs.get(set).unwrap_or(&fallback);
            if let Some(d) = shared.skip.get(input.display()) {
                return skipped_outcome(input.display().to_string(), d.clone());
            }
            if let Some(f) = &shared.on_start {
                f(index, input.display());
            }
            process(input, config, &shared.knowledge, &shared.options)
        }
    };
    // Paths that are not UTF-8, by the (lossy) name they are shown under.
    let raw_paths: BTreeMap<String, Vec<u8>> = inputs
        .iter()
        .filter_map(|(_, i)| match i {
            Input::Disk { path, display } | Input::Foreign { path, display }
                if path.to_str().is_none() =>
            {
                Some((display.clone(), os_bytes(path)))
            }
            _ => None,
        })
        .collect();
    let inputs: Vec<(usize, usize, Input)> = inputs
        .into_iter()
        .enumerate()
        .map(|(index, (set, input))| (set, index, input))
        .collect();
    crate::batch::run_bounded_each(inputs, &batch, job, |p, outcome| {
        progress(&p);
        let index = p.index;
        let display = displays.get(index).cloned().unwrap_or_default();
        let set = set_of.get(index).copied().unwrap_or(0);
        let outcome = match outcome {
            crate::batch::Outcome::Done(o) => o,
            other => {
                if let crate::batch::Outcome::Panicked { message } = &other {
                    relock(&internal_errors)
                        .push(format!("{display}: panicked while checking: {message}"));
                }
                failed_outcome(display, &other)
            }
        };
        // The set is complete when its last file arrives: finish it here,
        // outside the lock, and let its documents go.
        let complete = {
            let mut pending = relock(&pending);
            let Pending {
                remaining,
                outcomes,
            } = &mut *pending;
            match (outcomes.get_mut(set), remaining.get_mut(set)) {
                (Some(list), Some(left)) => {
                    list.push((index, outcome));
                    *left = left.saturating_sub(1);
                    (*left == 0).then(|| std::mem::take(list))
                }
                _ => None,
            }
        };
        if let Some(mut list) = complete {
            list.sort_by_key(|(i, _)| *i);
            let outcomes: Vec<Outcome> = list.into_iter().map(|(_, o)| o).collect();
            let fallback = Config::default();
            let config = shared.configs.get(set).unwrap_or(&fallback);
            let mut errors = Vec::new();
            let reports = finish_set(
                first_set + set,
                outcomes,
                config,
                &shared.knowledge,
                options.as_of,
                &mut errors,
            );
            relock(&internal_errors).extend(errors);
            if let Some(slot) = relock(&finished).get_mut(set) {
                *slot = reports;
            }
        }
    });

    let mut files: Vec<FileReport> = finished
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect();
    for f in &mut files {
        f.path_bytes = raw_paths.get(&f.path).cloned();
    }
    let errors = internal_errors
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    (files, errors)
}

/// A file not read again because it killed a worker process: its finding.
fn skipped_outcome(display: String, finding: Diagnostic) -> Outcome {
    Outcome {
        display,
        doc: None,
        forms: Vec::new(),
        diagnostics: vec![finding],
        internal_errors: Vec::new(),
    }
}

/// What a job needs, owned (jobs run on threads that may outlive `check`).
struct Shared {
    configs: Vec<Config>,
    knowledge: Knowledge,
    options: CheckOptions,
    skip: BTreeMap<String, Diagnostic>,
    on_start: Option<OnStart>,
}

/// Files of each set still being checked, and those already done.
struct Pending {
    remaining: Vec<usize>,
    outcomes: Vec<Vec<(usize, Outcome)>>,
}

/// Lock a mutex even if a thread panicked while holding it (the data is
/// plain collections, still consistent).
fn relock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The outcome of a file whose job did not return: overran its time
/// bound, panicked, or was not started.
fn failed_outcome(display: String, outcome: &crate::batch::Outcome<Outcome>) -> Outcome {
    let message = outcome.failure_ja().unwrap_or_default();
    let (code, en) = match outcome {
        crate::batch::Outcome::Overrun { limit } => (
            "IN005",
            format!(
                "checking this file took longer than the limit of {:.1} s; stopped",
                limit.as_secs_f64()
            ),
        ),
        crate::batch::Outcome::Panicked { message } => (
            "IN001",
            format!("internal error while checking this file: {message}"),
        ),
        crate::batch::Outcome::NotRun { reason } => {
            ("IN005", format!("this file was not checked ({reason})"))
        }
        crate::batch::Outcome::Done(_) => ("IN001", String::new()),
    };
    let help = match code {
        "IN006" => Text::new(
            "Word / Excel の元ファイル（.docx / .xlsx）を提出してください。スキャンした PDF では内容を確認できません。",
            "Submit the Word / Excel original (.docx / .xlsx); a scanned PDF cannot be checked.",
        ),
        "IN005" => Text::new(
            "通常の様式はこの上限よりはるかに短時間で確認できます。ファイルを作り直して提出してください。",
            "A genuine form is checked far within the limit; recreate the file and resubmit.",
        ),
        _ => Text::new(
            "yoshiki の不具合の可能性があります。このファイルを添えて開発者に報告してください。",
            "This may be a bug in yoshiki; please report it with this file.",
        ),
    };
    Outcome {
        display,
        doc: None,
        forms: Vec::new(),
        diagnostics: vec![Diagnostic::new(code, Text::new(message, en)).help(help)],
        internal_errors: Vec::new(),
    }
}

/// Cross-document rules, configured severities and finding order for one
/// complete set; the documents are dropped here.
fn finish_set(
    set: usize,
    mut outcomes: Vec<Outcome>,
    config: &Config,
    knowledge: &Knowledge,
    as_of: NaiveDate,
    internal_errors: &mut Vec<String>,
) -> Vec<FileReport> {
    run_set_rules(&mut outcomes, config, knowledge, as_of, internal_errors);
    let mut files = Vec::with_capacity(outcomes.len());
    for o in outcomes {
        internal_errors.extend(o.internal_errors);
        let format = match &o.doc {
            Some(d) => d.format.as_str().to_string(),
            None => extension_of(&o.display),
        };
        let mut diagnostics: Vec<Diagnostic> = o
            .diagnostics
            .into_iter()
            .filter_map(|mut d| {
                if config.ignores(&o.display, d.code) {
                    return None;
                }
                d.severity = config.severity_for(d.code, d.severity)?;
                Some(d)
            })
            .collect();
        diagnostics.sort_by(|a, b| {
            sort_key(&a.location)
                .cmp(&sort_key(&b.location))
                .then_with(|| a.code.cmp(b.code))
                .then_with(|| a.field.cmp(&b.field))
        });
        files.push(FileReport {
            path: o.display,
            format,
            forms: o
                .forms
                .iter()
                .map(|f| FormRef {
                    form: f.form.clone(),
                    template_version: f.template_version.clone(),
                })
                .collect(),
            diagnostics,
            set,
            path_bytes: None,
        });
    }
    files
}

/// The files of the sets, in set order, zip members listed (not yet taken
/// out): what `check` reads, and what `extract` reads.
fn inputs_of(specs: &[SetSpec], limits: &Limits) -> Vec<(usize, Input)> {
    let mut inputs: Vec<(usize, Input)> = Vec::new();
    for (set, spec) in specs.iter().enumerate() {
        for member in &spec.members {
            match member {
                Member::Disk { path, display } => inputs.push((
                    set,
                    Input::Disk {
                        path: path.clone(),
                        display: display.clone(),
                    },
                )),
                Member::Zip { path, display } => {
                    let source = ZipSource::Disk(path.clone());
                    for input in zip_members(&source, display, limits) {
                        inputs.push((set, input));
                    }
                }
                Member::Memory { display, bytes } if is_zip_name(Path::new(display)) => {
                    let source = ZipSource::Memory(Arc::clone(bytes));
                    for input in zip_members(&source, display, limits) {
                        inputs.push((set, input));
                    }
                }
                Member::Memory { display, bytes } => inputs.push((
                    set,
                    Input::Memory {
                        display: display.clone(),
                        bytes: bytes.to_vec(),
                    },
                )),
                Member::Foreign { path, display } => inputs.push((
                    set,
                    Input::Foreign {
                        path: path.clone(),
                        display: display.clone(),
                    },
                )),
                Member::Unreadable { display, detail } => inputs.push((
                    set,
                    Input::Failed {
                        display: display.clone(),
                        error: ReadError::Io {
                            path: display.clone(),
                            source: std::io::Error::other(detail.clone()),
                        },
                    },
                )),
            }
        }
    }

    inputs
}

/// One file `check` reads: a file on disk, a member of a .zip set, bytes
/// handed over, or a file that could not even be listed.
pub struct InputFile {
    /// Index of its submission set.
    pub set: usize,
    input: Input,
}

impl InputFile {
    /// The file as it is named in reports (`set.zip/提出書類/理由書.docx`).
    pub fn display(&self) -> &str {
        self.input.display()
    }

    /// Read it into the located document model.
    pub fn read(self, limits: &Limits) -> Result<Document, ReadError> {
        read_input(self.input, limits)
    }
}

/// Every file `check` would read for `paths` (files, folders, .zip sets),
/// in the order it reads them; `extract` reads the same.
pub fn input_files(paths: &[PathBuf], limits: &Limits) -> Result<Vec<InputFile>, CheckError> {
    Ok(input_files_and_skipped(paths, limits)?.0)
}

/// [`input_files`], and how many lock and system files the folder walks
/// left out ([`Summary::skipped`]).
pub fn input_files_and_skipped(
    paths: &[PathBuf],
    limits: &Limits,
) -> Result<(Vec<InputFile>, usize), CheckError> {
    let mut specs = Vec::new();
    let mut skipped = 0;
    for path in paths {
        expand(path, &mut specs, &mut skipped)?;
    }
    let files = inputs_of(&specs, limits)
        .into_iter()
        .map(|(set, input)| InputFile { set, input })
        .collect();
    Ok((files, skipped))
}

fn read_input(input: Input, limits: &Limits) -> Result<Document, ReadError> {
    let display = input.display().to_string();
    match input {
        Input::Disk { path, .. } => crate::read::read_path(&path, limits),
        Input::Foreign { path, .. } => crate::read::read_foreign(&path, limits),
        Input::ZipMember {
            zip,
            index,
            declared,
            ..
        } => take_zip_member(&zip, index, declared, &display, limits).and_then(|bytes| {
            // A member under a name yoshiki does not read is looked at as a
            // folder's file is.
            if has_read_extension(Path::new(&display)) {
                crate::read::read_bytes(&display, bytes, limits)
            } else {
                crate::read::read_foreign_bytes(&display, bytes, limits)
            }
        }),
        Input::Failed { error, .. } => Err(error),
        Input::Memory { bytes, .. } => crate::read::read_bytes(&display, bytes, limits),
    }
}

/// Read, extract and run the per-file rules for one input.
fn process(
    input: Input,
    config: &Config,
    knowledge: &Knowledge,
    options: &CheckOptions,
) -> Outcome {
    let display = input.display().to_string();
    let foreign = input.is_foreign();
    let mut internal_errors = Vec::new();
    let read = catch_unwind(AssertUnwindSafe(|| read_input(input, &options.limits)))
        .unwrap_or_else(|panic| {
            // A reader bug: the file is reported unreadable (never silently
            // clean) and the failure surfaces as an internal error.
            internal_errors.push(format!("{display}: reading failed: {}", panic_text(&panic)));
            Err(ReadError::Io {
                path: display.clone(),
                source: std::io::Error::other("internal error of the reader"),
            })
        });
    let mut outcome = Outcome {
        display,
        doc: None,
        forms: Vec::new(),
        diagnostics: Vec::new(),
        internal_errors,
    };
    let mut doc = match read {
        Ok(doc) => doc,
        Err(err) => {
            outcome.diagnostics.push(if foreign {
                foreign_finding(&err)
            } else {
                read_error_finding(&err)
            });
            return outcome;
        }
    };
    // The document carries the path as the user named it.
    doc.path = outcome.display.clone();
    // A report yoshiki wrote into the folder it checks is not a submission.
    if crate::report::is_own_report(&doc) {
        let mut note = Diagnostic::new(
            "IN004",
            Text::new(
                "yoshiki が書き出した受付一覧（報告書）です。提出書類としては確認していません。",
                "A report yoshiki wrote; it is not checked as a submission.",
            ),
        );
        note.severity = Severity::Info;
        outcome.diagnostics.push(note);
        return outcome;
    }
    let forms = match catch_unwind(AssertUnwindSafe(|| crate::forms::extract_forms(&doc))) {
        Ok(forms) => forms,
        Err(panic) => {
            outcome.internal_errors.push(format!(
                "{}: form extraction failed: {}",
                outcome.display,
                panic_text(&panic)
            ));
            Vec::new()
        }
    };
    if forms.is_empty() {
        outcome
            .diagnostics
            .push(crate::rules::registry::in004::finding(&doc));
    }
    let ctx = FileContext {
        path: &outcome.display,
        doc: &doc,
        forms: &forms,
        config,
        knowledge,
        as_of: options.as_of,
    };
    {
        let _memo = crate::rules::field_util::memo_untouched(ctx.forms);
        for meta in crate::rules::all() {
            let Some(rule) = meta.rule else { continue };
            let mut found = Vec::new();
            match catch_unwind(AssertUnwindSafe(|| rule.check_file(&ctx, &mut found))) {
                Ok(()) => outcome.diagnostics.extend(found),
                Err(panic) => outcome.internal_errors.push(format!(
                    "{}: rule {} failed: {}",
                    outcome.display,
                    meta.code,
                    panic_text(&panic)
                )),
            }
        }
    }
    outcome.forms = forms;
    outcome.doc = Some(doc);
    outcome
}

fn run_set_rules(
    outcomes: &mut [Outcome],
    config: &Config,
    knowledge: &Knowledge,
    as_of: NaiveDate,
    internal_errors: &mut Vec<String>,
) {
    let mut found: Vec<(String, Diagnostic)> = Vec::new();
    {
        let contexts: Vec<FileContext<'_>> = outcomes
            .iter()
            .filter_map(|o| {
                Some(FileContext {
                    path: &o.display,
                    doc: o.doc.as_ref()?,
                    forms: &o.forms,
                    config,
                    knowledge,
                    as_of,
                })
            })
            .collect();
        if contexts.is_empty() {
            return;
        }
        let set = SetContext {
            files: &contexts,
            config,
            knowledge,
            as_of,
        };
        let _memo =
            crate::rules::field_util::memo_untouched(contexts.iter().flat_map(|c| c.forms.iter()));
        for meta in crate::rules::all() {
            let Some(rule) = meta.rule else { continue };
            let mut out = Vec::new();
            match catch_unwind(AssertUnwindSafe(|| rule.check_set(&set, &mut out))) {
                Ok(()) => found.extend(out),
                Err(panic) => internal_errors.push(format!(
                    "rule {} (set) failed: {}",
                    meta.code,
                    panic_text(&panic)
                )),
            }
        }
    }
    for (path, d) in found {
        match outcomes.iter_mut().find(|o| o.display == path) {
            Some(o) => o.diagnostics.push(d),
            None => internal_errors.push(format!(
                "rule {} reported a finding for {path}, which is not in the submission set",
                d.code
            )),
        }
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

/// The finding for a file that could not be read (IN001–IN005).
pub fn read_error_finding(err: &ReadError) -> Diagnostic {
    let code = err.code();
    let help = match code {
        "IN002" => Text::new(
            "パスワードを解除したファイルを提出してください（受け渡しの安全は別の方法で確保してください）。",
            "Submit the file without a password to open; protect the transfer another way.",
        ),
        "IN003" => Text::new(
            "Word は .docx、Excel は .xlsx で保存し直して提出してください。",
            "Save Word files as .docx and Excel files as .xlsx and submit again.",
        ),
        "IN006" => Text::new(
            "Word / Excel の元ファイル（.docx / .xlsx）を提出してください。スキャンした PDF では内容を確認できません。",
            "Submit the Word / Excel original (.docx / .xlsx); a scanned PDF cannot be checked.",
        ),
        "IN005" => Text::new(
            "通常の様式はこの上限よりはるかに小さくなります。ファイルを作り直してください。",
            "A genuine form is far below the limits; recreate the file.",
        ),
        _ => Text::new(
            "元のアプリケーションで開けるか確認し、保存し直したファイルを提出してください。",
            "Check that the file opens in its application, save it again and resubmit.",
        ),
    };
    Diagnostic::new(code, Text::new(err.message_ja(), err.message_en()))
        .help(help)
        .detail(err.detail())
}

/// The finding for a file met in a folder or .zip set under a name yoshiki
/// does not read, whose bytes are not a document either: IN003 with advice
/// for a file that may not belong to the submission at all.
fn foreign_finding(err: &ReadError) -> Diagnostic {
    let ReadError::Unsupported { looks_like } = err else {
        return read_error_finding(err);
    };
    Diagnostic::new(
        "IN003",
        Text::new(
            format!("提出書類として読める形式のファイルではありません（{looks_like}）。このファイルの中身は確認していません。"),
            format!("Not a document yoshiki reads ({looks_like}); its content was not checked."),
        ),
    )
    .help(Text::new(
        "提出書類でなければフォルダ（または .zip）から除いてください。提出書類であれば、Word は .docx、Excel は .xlsx で保存したものを入れてください。スキャン画像では内容を確認できません。",
        "If it is not part of the submission, remove it from the folder (or .zip); if it is, save Word files as .docx and Excel files as .xlsx. A scanned image cannot be checked.",
    ))
}

fn extension_of(display: &str) -> String {
    Path::new(display)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// Lock and system files in a submission .zip, which [`zip_members`]
/// leaves out: counted from the central directory (nothing inflated; a zip
/// that cannot be opened counts none, its finding comes later).
fn zip_junk_members(path: &Path) -> usize {
    let Ok(file) = std::fs::File::open(path) else {
        return 0;
    };
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return 0;
    };
    (0..archive.len())
        .filter_map(|i| {
            let f = archive.by_index_raw(i).ok()?;
            (!f.is_dir()).then(|| decode_name(f.name_raw()))
        })
        .filter(|name| {
            let base = name.rsplit('/').next().unwrap_or(name);
            !name.starts_with("__MACOSX/") && !base.is_empty() && is_junk(base)
        })
        .count()
}

/// A name whose extension is one of [`DIR_EXTENSIONS`].
fn has_read_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DIR_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn is_zip_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Files the office applications or the OS leave beside documents.
fn is_junk(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
        || name.eq_ignore_ascii_case(crate::config::FILE_NAME)
}

/// Turn one command-line path into submission sets.
/// The files named on the command line (not folders, not .zip sets) as
/// one submission set, where the first of them stood: XD and the other
/// set rules compare them as they were handed in.
fn files_together(specs: Vec<SetSpec>, paths: &[PathBuf]) -> Vec<SetSpec> {
    let named_file = |s: &SetSpec| matches!(s.members.as_slice(), [Member::Disk { path, .. }] if paths.iter().any(|p| p == path));
    if specs.iter().filter(|s| named_file(s)).count() < 2 {
        return specs;
    }
    let mut out: Vec<SetSpec> = Vec::new();
    let mut together: Option<usize> = None;
    for spec in specs {
        if !named_file(&spec) {
            out.push(spec);
            continue;
        }
        match together {
            Some(i) => out[i].members.extend(spec.members),
            None => {
                let parent = spec
                    .config_start
                    .parent()
                    .map(|p| p.display().to_string())
                    .filter(|p| !p.is_empty())
                    .unwrap_or_else(|| ".".to_string());
                together = Some(out.len());
                out.push(SetSpec {
                    display: parent,
                    ..spec
                });
            }
        }
    }
    out
}

fn expand(path: &Path, specs: &mut Vec<SetSpec>, skipped: &mut usize) -> Result<(), CheckError> {
    let meta =
        std::fs::metadata(path).map_err(|_| CheckError::NotFound(path.display().to_string()))?;
    if meta.is_dir() {
        walk_dir(path, specs, skipped)
    } else {
        let display = path.display().to_string();
        let member = if is_zip_name(path) {
            *skipped += zip_junk_members(path);
            Member::Zip {
                path: path.to_path_buf(),
                display,
            }
        } else {
            Member::Disk {
                path: path.to_path_buf(),
                display,
            }
        };
        specs.push(SetSpec {
            display: path.display().to_string(),
            config_start: path.to_path_buf(),
            members: vec![member],
        });
        Ok(())
    }
}

/// A directory: its own files form one set, each .zip in it is a set, and
/// each sub-directory is walked the same way. Symbolic links to
/// directories are not followed (no loops). A directory that cannot be
/// listed is a set of its own holding one finding on its path: the rest of
/// the batch still runs. Every file met is a member (read, or reported by
/// what it is), except lock and system files, which are counted in
/// `skipped`.
fn walk_dir(dir: &Path, specs: &mut Vec<SetSpec>, skipped: &mut usize) -> Result<(), CheckError> {
    let unreadable = |specs: &mut Vec<SetSpec>, e: std::io::Error| {
        let display = dir.display().to_string();
        specs.push(SetSpec {
            display: display.clone(),
            config_start: dir.to_path_buf(),
            members: vec![Member::Unreadable {
                display,
                detail: format!("フォルダの中を読めません: {e}"),
            }],
        });
    };
    let listing = match std::fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) => {
            unreadable(specs, e);
            return Ok(());
        }
    };
    let mut entries: Vec<(String, PathBuf, std::fs::FileType)> = Vec::new();
    for entry in listing {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                unreadable(specs, e);
                return Ok(());
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_junk(&name) {
            *skipped += 1;
            continue;
        }
        match entry.file_type() {
            Ok(file_type) => entries.push((name, entry.path(), file_type)),
            Err(e) => {
                unreadable(specs, e);
                return Ok(());
            }
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut own = Vec::new();
    let mut zips = Vec::new();
    let mut subdirs = Vec::new();
    for (_, path, file_type) in entries {
        if file_type.is_dir() {
            subdirs.push(path);
        } else if file_type.is_symlink() && path.is_dir() {
            continue;
        } else if is_zip_name(&path) {
            zips.push(path);
        } else {
            let known = has_read_extension(&path);
            let display = path.display().to_string();
            own.push(if known {
                Member::Disk { path, display }
            } else {
                Member::Foreign { path, display }
            });
        }
    }
    if !own.is_empty() {
        specs.push(SetSpec {
            display: dir.display().to_string(),
            config_start: dir.to_path_buf(),
            members: own,
        });
    }
    for path in zips {
        *skipped += zip_junk_members(&path);
        specs.push(SetSpec {
            display: path.display().to_string(),
            config_start: dir.to_path_buf(),
            members: vec![Member::Zip {
                display: path.display().to_string(),
                path,
            }],
        });
    }
    for sub in subdirs {
        walk_dir(&sub, specs, skipped)?;
    }
    Ok(())
}

/// The members of a submission .zip as inputs, checked against the limits
/// from the zip's directory (nothing inflated yet: [`take_zip_member`]
/// takes each out when its turn comes). A zip that cannot be opened is one
/// failed input named after the archive.
fn zip_members(source: &ZipSource, display: &str, limits: &Limits) -> Vec<Input> {
    let failed = |error: ReadError| {
        vec![Input::Failed {
            display: display.to_string(),
            error,
        }]
    };
    let size = match source.len() {
        Ok(n) => n,
        Err(source) => {
            return failed(ReadError::Io {
                path: display.to_string(),
                source,
            });
        }
    };
    if size > limits.max_file_bytes {
        return failed(ReadError::LimitExceeded {
            part: None,
            detail: format!(
                "zip is {size} bytes, over the limit of {} bytes",
                limits.max_file_bytes
            ),
        });
    }
    let mut archive = match source.open(display) {
        Ok(a) => a,
        Err(e) => return failed(e),
    };
    if archive.len() > limits.max_entries {
        return failed(ReadError::LimitExceeded {
            part: None,
            detail: format!(
                "{} zip entries, over the limit of {}",
                archive.len(),
                limits.max_entries
            ),
        });
    }
    let mut out = Vec::new();
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        // Metadata without inflating.
        let (name, is_dir, encrypted, declared, compressed) = match archive.by_index_raw(index) {
            Ok(f) => (
                decode_name(f.name_raw()),
                f.is_dir(),
                f.encrypted(),
                f.size(),
                f.compressed_size(),
            ),
            Err(e) => {
                out.push(Input::Failed {
                    display: member_display(display, &format!("#{index}")),
                    error: ReadError::CorruptZip {
                        detail: e.to_string(),
                    },
                });
                continue;
            }
        };
        let base = name.rsplit('/').next().unwrap_or(&name).to_string();
        if is_dir || base.is_empty() || is_junk(&base) || name.starts_with("__MACOSX/") {
            continue;
        }
        let shown = member_display(display, &name);
        let fail = |error| Input::Failed {
            display: shown.clone(),
            error,
        };
        if encrypted {
            out.push(fail(ReadError::Encrypted {
                detail: "the zip member is encrypted with a password".into(),
            }));
            continue;
        }
        if declared > limits.max_file_bytes {
            out.push(fail(ReadError::LimitExceeded {
                part: Some(name.clone()),
                detail: format!(
                    "{declared} bytes inflated, over the limit of {} bytes",
                    limits.max_file_bytes
                ),
            }));
            continue;
        }
        if declared > limits.ratio_floor_bytes && declared / compressed.max(1) > limits.max_ratio {
            out.push(fail(ReadError::LimitExceeded {
                part: Some(name.clone()),
                detail: format!(
                    "compression ratio {}:1 over the limit of {}:1",
                    declared / compressed.max(1),
                    limits.max_ratio
                ),
            }));
            continue;
        }
        if total.saturating_add(declared) > limits.max_total_inflated {
            out.push(fail(ReadError::LimitExceeded {
                part: Some(name.clone()),
                detail: format!(
                    "the zip inflates to more than {} bytes in total",
                    limits.max_total_inflated
                ),
            }));
            continue;
        }
        total = total.saturating_add(declared);
        out.push(Input::ZipMember {
            zip: source.clone(),
            index,
            declared,
            display: shown,
        });
    }
    out
}

/// Take one member out of a submission zip, in memory, never trusting its
/// declared size (read at most one byte past it).
fn take_zip_member(
    zip: &ZipSource,
    index: usize,
    declared: u64,
    display: &str,
    limits: &Limits,
) -> Result<Vec<u8>, ReadError> {
    let mut archive = zip.open(display)?;
    let mut member = archive.by_index(index).map_err(|e| ReadError::CorruptZip {
        detail: e.to_string(),
    })?;
    let cap = declared.min(limits.max_file_bytes).saturating_add(1);
    let mut bytes =
        Vec::with_capacity(usize::try_from(declared.min(64 * 1024 * 1024)).unwrap_or(0));
    (&mut member)
        .take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::CorruptZip {
            detail: e.to_string(),
        })?;
    if bytes.len() as u64 > declared {
        return Err(ReadError::LimitExceeded {
            part: Some(decode_name(member.name_raw())),
            detail: "the member inflates beyond its declared size".into(),
        });
    }
    Ok(bytes)
}

/// A zip member as people see its path: the archive, then the member's own
/// folders, with the platform's one separator (`C:\\受付\\set.zip\\提出書類\\理由書.docx`
/// on Windows, never a mix of `\\` and `/`).
fn member_display(archive: &str, name: &str) -> String {
    let sep = std::path::MAIN_SEPARATOR;
    let name: String = name
        .chars()
        .map(|c| if c == '/' { sep } else { c })
        .collect();
    format!("{archive}{sep}{name}")
}

/// Zip member names: UTF-8 when they are, else Shift_JIS (what Windows
/// writes for Japanese names without the UTF-8 flag).
fn decode_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::SHIFT_JIS.decode(raw).0.into_owned(),
    }
}

/// Order of findings in a file: no location first, then by part (the body
/// first), sheet, paragraph, table, row, column, cell, line, column.
fn sort_key(loc: &Option<Location>) -> impl Ord {
    let Some(l) = loc else {
        return (0u8, String::new(), String::new(), [0u32; 8]);
    };
    let part = match l.part.as_deref() {
        None | Some("word/document.xml") => String::new(),
        Some(p) => p.to_string(),
    };
    let (cell_row, cell_col) = l.cell.as_deref().map(split_cell).unwrap_or((0, 0));
    (
        1u8,
        part,
        l.sheet.clone().unwrap_or_default(),
        [
            l.paragraph.unwrap_or(0),
            l.table.unwrap_or(0),
            l.row.unwrap_or(0),
            l.col.unwrap_or(0),
            cell_row,
            cell_col,
            l.line.unwrap_or(0),
            l.column.unwrap_or(0),
        ],
    )
}

/// `C12` → (12, 3).
fn split_cell(cell: &str) -> (u32, u32) {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let row = cell[letters.len()..].parse().unwrap_or(0);
    let col = letters.chars().fold(0u32, |acc, c| {
        acc.saturating_mul(26)
            .saturating_add(c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    });
    (row, col)
}

/// A path's exact bytes (on Windows, where paths are UTF-16, its UTF-8 form).
#[cfg(unix)]
fn os_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn os_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().into_owned().into_bytes()
}
