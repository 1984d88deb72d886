//! Running the files of many sets in parallel: each set is finished as
//! soon as its last file is done, so memory follows the threads, not the
//! batch.

use super::FileReport;
use super::inputs::{Input, SetSpec, inputs_of};
use super::pipeline::{Outcome, failed_outcome, process, skipped_outcome};
use super::set::finish_set;
use super::{CheckOptions, ConfigCache, config_for};
use crate::batch::{BatchOptions, Progress, relock};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::knowledge::Knowledge;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

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

/// Called once per file as it settles, from the thread that checked it.
pub type OnProgress = Arc<dyn Fn(&Progress) + Send + Sync>;

/// Read and check every file of `specs` (set indices start at `first_set`);
/// returns the reports in set order and the internal errors.
pub fn run_sets(
    specs: &[SetSpec],
    first_set: usize,
    options: &CheckOptions,
    run: &RunOptions,
    progress: OnProgress,
) -> (Vec<FileReport>, Vec<String>) {
    let mut internal = Vec::new();
    let configs = set_configs(specs, options, &mut internal);

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
        // The built-in knowledge is lent, not copied for each batch (a
        // worker child runs one batch per request).
        knowledge: match &options.knowledge {
            Some(k) => Cow::Owned(k.clone()),
            None => Cow::Borrowed(Knowledge::builtin()),
        },
        options: options.clone(),
        skip: run.skip.clone(),
        on_start: run.on_start.clone(),
    });
    let displays: Vec<String> = inputs
        .iter()
        .map(|(_, i)| i.display().to_string())
        .collect();
    let set_of: Vec<usize> = inputs.iter().map(|(set, _)| *set).collect();
    let sets = Arc::new(SetsInFlight::new(specs.len(), &set_of, internal));
    let raw_paths = raw_paths(&inputs);

    let batch = BatchOptions {
        timeout: Duration::from_millis(options.limits.time_budget_ms.max(1)),
        threads: run.threads,
        ..BatchOptions::default()
    };
    let job = {
        let shared = Arc::clone(&shared);
        move |(set, index, input): (usize, usize, Input)| run_one(&shared, set, index, input)
    };
    let inputs: Vec<(usize, usize, Input)> = inputs
        .into_iter()
        .enumerate()
        .map(|(index, (set, input))| (set, index, input))
        .collect();
    // The sink runs on the thread that checked the file (which may outlive
    // this call if its file overran), so it owns what it uses.
    let sink = {
        let sets = Arc::clone(&sets);
        let as_of = options.as_of;
        move |p: Progress, outcome: crate::batch::Outcome<Outcome>| {
            progress(&p);
            let index = p.index;
            let display = displays.get(index).cloned().unwrap_or_default();
            let set = set_of.get(index).copied().unwrap_or(0);
            let outcome = match outcome {
                crate::batch::Outcome::Done(o) => o,
                other => {
                    if let crate::batch::Outcome::Panicked { message } = &other {
                        relock(&sets.internal_errors)
                            .push(format!("{display}: panicked while checking: {message}"));
                    }
                    failed_outcome(display, &other)
                }
            };
            sets.arrive(set, index, outcome, |outcomes, errors| {
                let fallback = Config::default();
                let config = shared.configs.get(set).unwrap_or(&fallback);
                finish_set(
                    first_set + set,
                    outcomes,
                    config,
                    &shared.knowledge,
                    as_of,
                    errors,
                )
            });
        }
    };
    crate::batch::run_bounded_each(inputs, &batch, job, sink);
    sets.take_reports(&raw_paths)
}

/// The config of every set. plan() loaded each once already; a config
/// that changed since then falls back to the default and says so.
fn set_configs(
    specs: &[SetSpec],
    options: &CheckOptions,
    internal: &mut Vec<String>,
) -> Vec<Config> {
    let mut cache = ConfigCache::default();
    specs
        .iter()
        .map(|spec| {
            config_for(spec, options, &mut cache).unwrap_or_else(|e| {
                internal.push(format!("{}: config: {e}", spec.display));
                Config::default()
            })
        })
        .collect()
}

/// One job: a file skipped (it killed a worker before) or checked.
fn run_one(shared: &Shared, set: usize, index: usize, input: Input) -> Outcome {
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

/// Paths that are not UTF-8, by the (lossy) name they are shown under.
fn raw_paths(inputs: &[(usize, Input)]) -> BTreeMap<String, Vec<u8>> {
    inputs
        .iter()
        .filter_map(|(_, i)| match i {
            Input::Disk { path, display } | Input::Foreign { path, display }
                if path.to_str().is_none() =>
            {
                Some((display.clone(), os_bytes(path)))
            }
            _ => None,
        })
        .collect()
}

/// The sets of a run while their files come in (from any thread, in any
/// order), and the reports of the sets already finished.
struct SetsInFlight {
    pending: Mutex<Pending>,
    finished: Mutex<Vec<Vec<FileReport>>>,
    internal_errors: Mutex<Vec<String>>,
}

impl SetsInFlight {
    fn new(sets: usize, set_of: &[usize], internal_errors: Vec<String>) -> Self {
        let mut remaining = vec![0usize; sets];
        for set in set_of {
            if let Some(n) = remaining.get_mut(*set) {
                *n += 1;
            }
        }
        SetsInFlight {
            pending: Mutex::new(Pending {
                remaining,
                outcomes: (0..sets).map(|_| Vec::new()).collect(),
            }),
            finished: Mutex::new((0..sets).map(|_| Vec::new()).collect()),
            internal_errors: Mutex::new(internal_errors),
        }
    }

    /// File `index` of `set` is done. The set is complete when its last
    /// file arrives: `finish` turns it into reports here, outside the
    /// lock, and its documents go.
    fn arrive(
        &self,
        set: usize,
        index: usize,
        outcome: Outcome,
        finish: impl FnOnce(Vec<Outcome>, &mut Vec<String>) -> Vec<FileReport>,
    ) {
        let complete = {
            let mut pending = relock(&self.pending);
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
        let Some(mut list) = complete else { return };
        list.sort_by_key(|(i, _)| *i);
        let outcomes: Vec<Outcome> = list.into_iter().map(|(_, o)| o).collect();
        let mut errors = Vec::new();
        let reports = finish(outcomes, &mut errors);
        relock(&self.internal_errors).extend(errors);
        if let Some(slot) = relock(&self.finished).get_mut(set) {
            *slot = reports;
        }
    }

    /// The reports in set order (with the exact bytes of non-UTF-8 paths)
    /// and the internal errors, taken out (an abandoned job may still hold
    /// this list).
    fn take_reports(
        &self,
        raw_paths: &BTreeMap<String, Vec<u8>>,
    ) -> (Vec<FileReport>, Vec<String>) {
        let mut files: Vec<FileReport> = std::mem::take(&mut *relock(&self.finished))
            .into_iter()
            .flatten()
            .collect();
        for f in &mut files {
            f.path_bytes = raw_paths.get(&f.path).cloned();
        }
        let errors = std::mem::take(&mut *relock(&self.internal_errors));
        (files, errors)
    }
}

/// What a job needs, owned (jobs run on threads that may outlive `check`).
struct Shared {
    configs: Vec<Config>,
    knowledge: Cow<'static, Knowledge>,
    options: CheckOptions,
    skip: BTreeMap<String, Diagnostic>,
    on_start: Option<OnStart>,
}

/// Files of each set still being checked, and those already done.
struct Pending {
    remaining: Vec<usize>,
    outcomes: Vec<Vec<(usize, Outcome)>>,
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
