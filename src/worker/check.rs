//! `check` with every submission set read in a worker child.
//!
//! The parent plans the sets (folders listed, configs loaded) and hands one
//! set at a time to each child of a small pool. A child reads, extracts and
//! checks the set exactly as the in-process path does
//! ([`crate::check::run_sets`]), announcing each file before it reads it.
//! When a child dies, the file it was reading is known: that file gets the
//! death as its finding (IN005 for a limit, IN001 for a crash), and the set
//! is run again in a fresh child without it, so the other files of the set
//! — and their cross-document findings — are exactly what they would have
//! been. Several files in flight at the death: the set is re-run one file
//! at a time to find the culprit.

use super::child::{self, Out};
use super::process::{Death, Worker, WorkerCommand};
use super::wire::{DiagWire, Event, FileWire, Request, ResultWire, SetWire, is_result};
use crate::batch::{OutcomeKind, Progress, relock};
use crate::check::{
    CheckError, CheckOptions, CheckReport, FileReport, RunOptions, SetSpec, plan, run_sets,
};
use crate::diag::{Diagnostic, Text};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The reports of one set and its internal errors.
type SetResult = (Vec<FileReport>, Vec<String>);

/// How many children, and how they start.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    pub command: WorkerCommand,
    /// Children running at once; 0 means one per core.
    pub workers: usize,
}

/// Check `paths` with every set in a worker child (see the module docs).
/// The same report as [`crate::check::check_with_progress`], except that a
/// file which kills its reader gets a finding instead of killing the batch.
pub fn check_isolated(
    paths: &[PathBuf],
    options: &CheckOptions,
    pool: &PoolOptions,
    progress: &(dyn Fn(&Progress) + Sync),
) -> Result<CheckReport, CheckError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let wanted = if pool.workers == 0 {
        cores
    } else {
        pool.workers
    }
    .max(1);
    // The children start before the plan, so that their start-up (exec,
    // loading the definitions) overlaps the parent's listing of the sets.
    // One that cannot start is started again, or replaced by the
    // in-process fallback, when its thread first needs it (run_chunk).
    let started: Mutex<Vec<Worker>> = Mutex::new(
        (0..wanted)
            .filter_map(|_| Worker::spawn(&pool.command).ok())
            .collect(),
    );
    let plan = plan(paths, options)?;
    let specs = plan.specs;
    let skipped = plan.skipped;
    let workers = wanted.min(specs.len().max(1));
    // Fewer sets than children started: the spare ones end now.
    relock(&started).truncate(workers);
    // Fewer sets than cores: each child reads its set's files in parallel.
    let threads = (cores / workers).max(1);
    let total = specs.iter().map(|s| s.members.len()).sum::<usize>().max(1);
    let counter = Counter {
        done: AtomicUsize::new(0),
        total: AtomicUsize::new(total),
        progress,
    };
    let chunks = guided_chunks(&specs, workers);
    let slots: Vec<Mutex<Option<SetResult>>> = chunks.iter().map(|_| Mutex::new(None)).collect();
    let shared = Shared {
        chunks: &chunks,
        next: AtomicUsize::new(0),
        threads,
        command: &pool.command,
        options,
        counter: &counter,
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut lane = Lane {
                    worker: relock(&started).pop(),
                    ahead: None,
                    in_flight: BTreeMap::new(),
                    counted: BTreeSet::new(),
                };
                loop {
                    let (c, sent) = match lane.ahead.take() {
                        Some(a) => (a.chunk, a.sent),
                        None => match shared.claim() {
                            Some(c) => (c, false),
                            None => break,
                        },
                    };
                    let Some(chunk) = chunks.get(c) else { break };
                    let result = run_chunk(chunk.sets, chunk.first, sent, &mut lane, &shared);
                    if let Some(slot) = slots.get(c) {
                        *relock(slot) = Some(result);
                    }
                }
            });
        }
    });
    let mut files = Vec::new();
    let mut internal_errors = Vec::new();
    for slot in slots {
        if let Some((f, e)) = slot.into_inner().unwrap_or_else(|e| e.into_inner()) {
            files.extend(f);
            internal_errors.extend(e);
        }
    }
    let mut summary = summarize(&files);
    summary.skipped = skipped;
    Ok(CheckReport {
        as_of: options.as_of,
        sets: specs.iter().map(|s| s.display.clone()).collect(),
        files,
        summary,
        internal_errors,
        config_files: crate::check::config_files_of(&specs),
    })
}

/// Consecutive sets sent in one request, and the index of the first.
struct Chunk<'a> {
    sets: &'a [SetSpec],
    first: usize,
}

/// What every lane of the pool shares: the chunks and the next one to
/// claim, and how requests are made.
struct Shared<'a> {
    chunks: &'a [Chunk<'a>],
    next: AtomicUsize,
    /// Threads per child.
    threads: usize,
    command: &'a WorkerCommand,
    options: &'a CheckOptions,
    counter: &'a Counter<'a>,
}

impl Shared<'_> {
    /// The next chunk no lane has taken yet.
    fn claim(&self) -> Option<usize> {
        let c = self.next.fetch_add(1, Ordering::SeqCst);
        (c < self.chunks.len()).then_some(c)
    }
}

/// One child of the pool and its bookkeeping.
struct Lane {
    worker: Option<Worker>,
    /// The chunk to run after the current one. Sent to the child before
    /// the current one is answered (while the child still works on it),
    /// so that the child never waits for the parent's round trip — the
    /// answer read, the next request written — between two chunks.
    ahead: Option<Ahead>,
    /// Files started and not settled, by request (its first set) and
    /// number: the suspects when the child dies.
    in_flight: BTreeMap<(usize, usize), (String, Instant)>,
    /// Files already counted for the progress (a retried request settles
    /// some again).
    counted: BTreeSet<String>,
}

/// A chunk claimed by a lane ahead of time, and whether its child holds
/// the request (a child that died or was recycled took it with it).
#[derive(Clone, Copy)]
struct Ahead {
    chunk: usize,
    sent: bool,
}

/// The request line of consecutive sets (the first is set `k`).
fn request_line(
    specs: &[SetSpec],
    k: usize,
    skip: &BTreeMap<String, DiagWire>,
    threads: usize,
) -> Option<String> {
    let request = Request {
        sets: specs.iter().map(SetWire::from_spec).collect(),
        index: k,
        skip: skip.iter().map(|(d, f)| (d.clone(), f.clone())).collect(),
        threads,
    };
    serde_json::to_string(&request).ok()
}

/// Several consecutive sets per request (fewer round trips and thread
/// pools per set; a death still costs only the file in flight), shrinking
/// as the sets run out — a quarter of each worker's share of what is left,
/// at most 16, at least 1 — so that no child is left with a long last
/// chunk while the others stand idle (a guard against imbalance at the
/// end; on the 300-set benchmark it measured the same as fixed chunks).
fn guided_chunks(specs: &[SetSpec], workers: usize) -> Vec<Chunk<'_>> {
    let mut chunks = Vec::new();
    let mut first = 0;
    while first < specs.len() {
        let left = specs.len() - first;
        // At most `left`: below 4 × workers sets left the size is 1.
        let size = (left / (workers.max(1) * 4)).clamp(1, 16);
        let end = first + size;
        chunks.push(Chunk {
            sets: specs.get(first..end).unwrap_or_default(),
            first,
        });
        first = end;
    }
    chunks
}

fn summarize(files: &[FileReport]) -> crate::check::Summary {
    let mut s = crate::check::Summary {
        files: files.len(),
        ..Default::default()
    };
    for d in files.iter().flat_map(|f| &f.diagnostics) {
        match d.severity {
            crate::diag::Severity::Error => s.errors += 1,
            crate::diag::Severity::Warning => s.warnings += 1,
            crate::diag::Severity::Info => s.infos += 1,
        }
    }
    s
}

/// Files settled over the whole check, for the progress callback.
struct Counter<'a> {
    done: AtomicUsize,
    total: AtomicUsize,
    progress: &'a (dyn Fn(&Progress) + Sync),
}

impl Counter<'_> {
    fn settle(&self, kind: OutcomeKind, elapsed: Duration) {
        let done = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        // A zip counts as one file until its members are known.
        let total = self.total.fetch_max(done, Ordering::SeqCst).max(done);
        (self.progress)(&Progress {
            index: done - 1,
            done,
            total,
            kind,
            elapsed,
        });
    }
}

/// Run consecutive sets (the first is set `k`) in the lane's child until
/// they complete, excluding each file that kills a child; never fails (the
/// worst case is a finding on a set). `sent`: the child already holds the
/// request (sent ahead).
fn run_chunk(
    specs: &[SetSpec],
    k: usize,
    sent: bool,
    lane: &mut Lane,
    shared: &Shared<'_>,
) -> SetResult {
    let mut skip: BTreeMap<String, DiagWire> = BTreeMap::new();
    let mut threads = shared.threads;
    let mut sent = sent;
    // Each retry excludes one more file (or drops to one thread), so the
    // number of members bounds the retries; a zip's members are not known
    // here, hence the floor.
    let members: usize = specs.iter().map(|s| s.members.len()).sum();
    let max_attempts = members.max(8) * 2 + 2;
    for _ in 0..max_attempts {
        if lane.worker.is_none() {
            sent = false;
            match Worker::spawn(shared.command) {
                Ok(w) => lane.worker = Some(w),
                Err(death) => return in_process_fallback(specs, k, shared.options, &death),
            }
        }
        let Some(w) = lane.worker.as_mut() else { break };
        if !sent {
            let Some(line) = request_line(specs, k, &skip, threads) else {
                break;
            };
            w.send(&line);
        }
        sent = false;
        send_ahead(w, &mut lane.ahead, shared);
        let answer = w.answer(is_result, |event| {
            lane_event(
                event,
                &mut lane.in_flight,
                &mut lane.counted,
                shared.counter,
            );
        });
        let death = match answer {
            Ok(line) => {
                lane.in_flight.retain(|(request, _), _| *request != k);
                match serde_json::from_str::<ResultWire>(&line) {
                    Ok(ResultWire {
                        files,
                        internal_errors,
                        recycle,
                    }) => {
                        if recycle {
                            lose_worker(lane);
                        }
                        let files: Vec<FileReport> =
                            files.into_iter().map(FileWire::into_report).collect();
                        return (files, internal_errors);
                    }
                    Err(_) => {
                        lose_worker(lane);
                        return set_failure(specs, k, &Death::Exited(None, "bad answer".into()));
                    }
                }
            }
            Err(death) => death,
        };
        let suspects: Vec<String> = std::mem::take(&mut lane.in_flight)
            .into_iter()
            .filter(|((request, _), _)| *request == k)
            .map(|(_, (display, _))| display)
            .collect();
        lose_worker(lane);
        match suspects.as_slice() {
            [one] => {
                skip.insert(one.clone(), DiagWire::from_diag(&death_finding(&death)));
                if lane.counted.insert(one.clone()) {
                    shared.counter.settle(OutcomeKind::Panicked, Duration::ZERO);
                }
            }
            // Died outside a file: alone, each set can be judged.
            [] if specs.len() > 1 => {
                let mut files = Vec::new();
                let mut errors = Vec::new();
                for (i, one) in specs.iter().enumerate() {
                    let (f, e) = run_chunk(std::slice::from_ref(one), k + i, false, lane, shared);
                    files.extend(f);
                    errors.extend(e);
                }
                return (files, errors);
            }
            [] => return set_failure(specs, k, &death),
            _ if threads > 1 => threads = 1,
            many => {
                for d in many {
                    skip.insert(d.clone(), DiagWire::from_diag(&death_finding(&death)));
                }
            }
        }
    }
    set_failure(
        specs,
        k,
        &Death::Exited(None, "too many reader failures".into()),
    )
}

/// Claim the lane's next chunk now, if it has none yet, and send it to the
/// child behind the request it is on.
fn send_ahead(w: &mut Worker, ahead: &mut Option<Ahead>, shared: &Shared<'_>) {
    if ahead.is_some() {
        return;
    }
    let Some(c) = shared.claim() else { return };
    let line = shared
        .chunks
        .get(c)
        .and_then(|next| request_line(next.sets, next.first, &BTreeMap::new(), shared.threads));
    if let Some(line) = &line {
        w.send(line);
    }
    *ahead = Some(Ahead {
        chunk: c,
        sent: line.is_some(),
    });
}

/// The child is gone (dead, or to be replaced): so is any request it was
/// sent ahead.
fn lose_worker(lane: &mut Lane) {
    lane.worker = None;
    if let Some(a) = lane.ahead.as_mut() {
        a.sent = false;
    }
}

/// One event line of a child: the files in flight and the progress.
fn lane_event(
    event: &str,
    in_flight: &mut BTreeMap<(usize, usize), (String, Instant)>,
    counted: &mut BTreeSet<String>,
    counter: &Counter<'_>,
) {
    match serde_json::from_str::<Event>(event) {
        Ok(Event::Start { k, i, display }) => {
            in_flight.insert((k, i), (display, Instant::now()));
        }
        Ok(Event::Done { k, i }) => {
            if let Some((display, started)) = in_flight.remove(&(k, i))
                && counted.insert(display)
            {
                counter.settle(OutcomeKind::Done, started.elapsed());
            }
        }
        _ => {}
    }
}

/// The finding for a file that killed its reader.
pub fn death_finding(death: &Death) -> Diagnostic {
    let help = match death.code() {
        "IN005" => Text::new(
            "通常の様式はこの上限よりはるかに小さく短時間で処理できます。ファイルを作り直して提出してください。",
            "A genuine form is far within these limits; recreate the file and resubmit.",
        ),
        _ => Text::new(
            "元のアプリケーションで開けるか確認し、保存し直したファイルを提出してください。",
            "Check that the file opens in its application, save it again and resubmit.",
        ),
    };
    Diagnostic::new(
        death.code(),
        Text::new(death.message_ja(), death.message_en()),
    )
    .help(help)
}

/// A child died outside any file (listing a zip, cross-document rules):
/// each set gets the finding, on the set's own path.
fn set_failure(specs: &[SetSpec], k: usize, death: &Death) -> SetResult {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let format = std::path::Path::new(&spec.display)
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_else(|| "unknown".into());
        files.push(FileReport {
            path: spec.display.clone(),
            format,
            forms: Vec::new(),
            diagnostics: vec![death_finding(death)],
            set: k + i,
            path_bytes: None,
        });
        errors.push(format!(
            "{}: worker process failed outside a file: {}",
            spec.display,
            death.kind()
        ));
    }
    (files, errors)
}

/// No child could be started (no executable, no pipes): check in this
/// process, still with every in-process guard, and say so once.
fn in_process_fallback(
    specs: &[SetSpec],
    k: usize,
    options: &CheckOptions,
    death: &Death,
) -> SetResult {
    let (files, mut errors) = run_sets(specs, k, options, &RunOptions::default(), Arc::new(|_| {}));
    errors.push(format!(
        "checked in-process, no worker: {}",
        death.message_en()
    ));
    (files, errors)
}

/// The child's side of `check`: serve set requests until stdin closes.
/// `options` were built from the same command line as the parent's.
pub fn serve_check(options: &CheckOptions) {
    child::apply_caps();
    // While the parent plans: the first request waits for it (OnceLock)
    // only if it comes before the tables are built.
    crate::check::warm_up_in_background(crate::check::warm_up);
    let out = Arc::new(Out::from_env());
    child::serve(
        |line| {
            let result = match serde_json::from_str::<Request>(line) {
                Ok(req) => handle(req, options, &out),
                Err(e) => Event::Result {
                    files: Vec::new(),
                    internal_errors: vec![format!("worker: bad request: {e}")],
                    recycle: true,
                },
            };
            serde_json::to_string(&result).unwrap_or_else(|_| {
                "{\"e\":\"Result\",\"files\":[],\"internal_errors\":[\"worker: unserialisable result\"],\"recycle\":true}".into()
            })
        },
        &out,
    );
}

fn handle(req: Request, options: &CheckOptions, out: &Arc<Out>) -> Event {
    let specs: Vec<SetSpec> = req.sets.iter().map(SetWire::to_spec).collect();
    let skip: BTreeMap<String, Diagnostic> = req
        .skip
        .iter()
        .map(|(d, f)| (d.clone(), f.to_diag()))
        .collect();
    let k = req.index;
    let on_start = {
        let out = Arc::clone(out);
        Arc::new(move |i: usize, display: &str| {
            let event = Event::Start {
                k,
                i,
                display: display.to_string(),
            };
            if let Ok(line) = serde_json::to_string(&event) {
                out.event(&line);
            }
            child::inject_fault(display, &out);
        })
    };
    let run = RunOptions {
        threads: req.threads,
        skip,
        on_start: Some(on_start),
    };
    let overran = Arc::new(AtomicUsize::new(0));
    let progress = {
        let overran = Arc::clone(&overran);
        let out = Arc::clone(out);
        Arc::new(move |p: &Progress| {
            if p.kind == OutcomeKind::Overrun {
                overran.fetch_add(1, Ordering::SeqCst);
            }
            if let Ok(line) = serde_json::to_string(&Event::Done { k, i: p.index }) {
                out.event(&line);
            }
        })
    };
    let (files, internal_errors) = run_sets(&specs, req.index, options, &run, progress);
    Event::Result {
        files: files.into_iter().map(FileWire::from_report).collect(),
        internal_errors,
        recycle: overran.load(Ordering::SeqCst) > 0,
    }
}
