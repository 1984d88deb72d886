//! Batch intake of many files: run one job per item in parallel, where one
//! bad item never stops or hides the others.
//!
//! [`run_bounded`] fans the items out over a few pool threads (*runners*):
//! each claims the next item in input order, runs it and reports it, while
//! the calling thread watches the deadlines, so that
//! - a panic in the job (caught with `catch_unwind` on the runner) becomes
//!   [`Outcome::Panicked`] for that item only;
//! - a job that overruns the time bound becomes [`Outcome::Overrun`]: a
//!   thread cannot be killed, so the calling thread reports the overrun,
//!   abandons the runner (which finishes on its own, drops its result and
//!   exits) and puts a fresh runner in its place. Runners that end a batch
//!   are kept for the next one.
//!
//! Memory stays bounded because the readers enforce [`crate::read::Limits`]
//! on every file (size, inflated size, ratio, cells), and because at most
//! [`BatchOptions::max_overrunning`] abandoned jobs may still be running:
//! past that, an item waits (at most one time bound) for one to finish, and
//! if none does it is reported as [`Outcome::NotRun`] rather than piling up
//! more runaway threads. Results come back in input order; keep `T` small
//! (a file's findings, not its whole document) when the batch is large, or
//! use [`run_bounded_each`] to consume each result as it settles.
//!
//! The library does not print: progress is reported through a callback the
//! CLI uses to drive a progress bar. Panics still go through the process's
//! panic hook; runner threads are named with [`HELPER_THREAD_PREFIX`] so the
//! CLI can keep the hook quiet for them.

use crate::clock::Instant;
use std::any::Any;
use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::Duration;

/// Name prefix of the helper threads that run the jobs.
pub const HELPER_THREAD_PREFIX: &str = "yoshiki-item";

/// What became of one item.
#[derive(Debug)]
pub enum Outcome<T> {
    /// The job returned.
    Done(T),
    /// The job panicked; the panic's message.
    Panicked { message: String },
    /// The job was still running at the time bound and was abandoned.
    Overrun { limit: Duration },
    /// The job was never started (too many earlier jobs still overrunning,
    /// or no thread could be created for it).
    NotRun { reason: String },
}

impl<T> Outcome<T> {
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Outcome::Done(_) => OutcomeKind::Done,
            Outcome::Panicked { .. } => OutcomeKind::Panicked,
            Outcome::Overrun { .. } => OutcomeKind::Overrun,
            Outcome::NotRun { .. } => OutcomeKind::NotRun,
        }
    }

    /// The job's value, if it returned.
    pub fn done(self) -> Option<T> {
        match self {
            Outcome::Done(t) => Some(t),
            _ => None,
        }
    }

    /// Why there is no value, in plain Japanese (for an IN005/IN001 finding);
    /// None for [`Outcome::Done`].
    pub fn failure_ja(&self) -> Option<String> {
        match self {
            Outcome::Done(_) => None,
            Outcome::Panicked { message } => Some(format!(
                "このファイルの処理中に内部エラーが発生したため、確認を完了できませんでした（{message}）。"
            )),
            Outcome::Overrun { limit } => Some(format!(
                "このファイルの処理が制限時間（{:.1}秒）を超えたため、処理を中止しました。",
                limit.as_secs_f64()
            )),
            Outcome::NotRun { reason } => {
                Some(format!("このファイルは処理されませんでした（{reason}）。"))
            }
        }
    }
}

/// [`Outcome`] without its payload, for progress reports and counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutcomeKind {
    Done,
    Panicked,
    Overrun,
    NotRun,
}

/// Reported once per item, from the thread that settled it.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// The item's position in the input.
    pub index: usize,
    /// Items settled so far, this one included.
    pub done: usize,
    pub total: usize,
    pub kind: OutcomeKind,
    /// Wall time spent on the item (the bound, for an overrun).
    pub elapsed: Duration,
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Time bound for one item.
    pub timeout: Duration,
    /// Parallel jobs; 0 means one per available core.
    pub threads: usize,
    /// Most abandoned (overrunning) jobs allowed to still be running; 0
    /// means twice the number of threads, at least 4.
    pub max_overrunning: usize,
    /// Stack size of a helper thread, in bytes.
    pub stack_size: usize,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            timeout: Duration::from_secs(10),
            threads: 0,
            max_overrunning: 0,
            stack_size: 8 * 1024 * 1024,
        }
    }
}

/// Run `f` on every item in parallel with a time bound per item. Returns one
/// outcome per item, in input order.
pub fn run_bounded<I, T, F>(items: Vec<I>, per_item_timeout: Duration, f: F) -> Vec<Outcome<T>>
where
    I: Send + 'static,
    T: Send + 'static,
    F: Fn(I) -> T + Send + Sync + 'static,
{
    let opts = BatchOptions {
        timeout: per_item_timeout,
        ..BatchOptions::default()
    };
    run_bounded_with(items, &opts, f, |_| {})
}

/// [`run_bounded`] with options and a progress callback (called once per
/// item as it settles, from the runner threads, in completion order).
pub fn run_bounded_with<I, T, F, P>(
    items: Vec<I>,
    opts: &BatchOptions,
    f: F,
    progress: P,
) -> Vec<Outcome<T>>
where
    I: Send + 'static,
    T: Send + 'static,
    F: Fn(I) -> T + Send + Sync + 'static,
    P: Fn(&Progress) + Send + Sync + 'static,
{
    let slots: Arc<Vec<Mutex<Option<Outcome<T>>>>> =
        Arc::new((0..items.len()).map(|_| Mutex::new(None)).collect());
    let filled = Arc::clone(&slots);
    run_bounded_each(items, opts, f, move |p, outcome| {
        progress(&p);
        if let Some(slot) = filled.get(p.index) {
            *relock(slot) = Some(outcome);
        }
    });
    // Every item was reported before run_bounded_each returned: each slot
    // is taken out (an abandoned runner may still hold the list).
    slots
        .iter()
        .map(|slot| {
            relock(slot).take().unwrap_or_else(|| Outcome::NotRun {
                reason: "結果が記録されなかったため".into(),
            })
        })
        .collect()
}

/// The streaming form: hands each item's outcome to `sink` as soon as it
/// settles, on the thread that ran the item (the calling thread, for an
/// overrun), before that thread starts its next item. Items are started in
/// input order, so a caller that groups consecutive items (the files of one
/// submission set) sees each group complete early and can finish and drop
/// it: memory then depends on the number of threads, not on the number of
/// items.
///
/// Items run directly on pool threads, with no hand-over per item (that
/// cost four futex calls and two context switches a file); the calling
/// thread only watches the deadlines, waking when one falls due or when the
/// last item is reported.
pub fn run_bounded_each<I, T, F, S>(items: Vec<I>, opts: &BatchOptions, f: F, sink: S)
where
    I: Send + 'static,
    T: Send + 'static,
    F: Fn(I) -> T + Send + Sync + 'static,
    S: Fn(Progress, Outcome<T>) + Send + Sync + 'static,
{
    let total = items.len();
    if total == 0 {
        return;
    }
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.threads
    }
    .min(total);
    let batch = Arc::new(Batch {
        f,
        sink,
        queue: items.into_iter().map(|i| Mutex::new(Some(i))).collect(),
        next: AtomicUsize::new(0),
        settled: AtomicUsize::new(0),
        reported: AtomicUsize::new(0),
        total,
        timeout: opts.timeout,
        stack_size: opts.stack_size.max(64 * 1024),
        max_overrunning: if opts.max_overrunning == 0 {
            (threads * 2).max(4)
        } else {
            opts.max_overrunning
        },
        overrunning: AtomicUsize::new(0),
        saturated: AtomicBool::new(false),
        all_reported: (Mutex::new(()), Condvar::new()),
        sink_panic: Mutex::new(None),
        output: PhantomData,
    });
    // A browser's WebAssembly has one thread: the items run here, bounded
    // by the readers' own time budget.
    let mut runners = Vec::new();
    if !cfg!(target_arch = "wasm32") {
        for _ in 0..threads {
            match Runner::start(&batch) {
                Some(r) => runners.push(r),
                None => break,
            }
        }
    }
    if runners.is_empty() {
        // No thread could be had: run here, without a time bound but still
        // catching a panic.
        batch.claim_loop(None);
    } else {
        batch.watch(&mut runners);
        for r in runners {
            r.helper.park();
        }
    }
    let sink_panic = relock(&batch.sink_panic).take();
    if let Some(payload) = sink_panic {
        std::panic::resume_unwind(payload);
    }
}

/// One batch, shared by its runner threads and the calling thread (a
/// runner abandoned at an overrun may outlive the call).
struct Batch<I, T, F, S> {
    f: F,
    sink: S,
    queue: Vec<Mutex<Option<I>>>,
    /// The next item to claim.
    next: AtomicUsize,
    /// Items settled so far (for [`Progress::done`]).
    settled: AtomicUsize,
    /// Items whose sink call has returned.
    reported: AtomicUsize,
    total: usize,
    timeout: Duration,
    stack_size: usize,
    max_overrunning: usize,
    /// Abandoned jobs still running (each decrements it when it ends).
    overrunning: AtomicUsize,
    /// Set once an item waited a whole time bound for a free slot in vain:
    /// later items then do not wait.
    saturated: AtomicBool,
    /// Wakes the calling thread when the last item has been reported.
    all_reported: (Mutex<()>, Condvar),
    /// A panic of the sink, raised again on the calling thread at the end.
    sink_panic: Mutex<Option<Box<dyn Any + Send>>>,
    output: PhantomData<fn() -> T>,
}

/// A pool thread running a batch's items, and what it runs now.
struct Runner {
    slot: Arc<Slot>,
    helper: Helper,
}

/// The item a runner is on, as the watching thread sees it.
#[derive(Default)]
struct Slot {
    state: Mutex<SlotState>,
}

#[derive(Default)]
struct SlotState {
    /// The item running and when it started.
    item: Option<(usize, Instant)>,
    /// Given up at an overrun: the runner drops its result and stops.
    abandoned: bool,
}

impl Runner {
    /// A pool thread set to work on `batch`; None when no thread can be had.
    fn start<I, T, F, S>(batch: &Arc<Batch<I, T, F, S>>) -> Option<Runner>
    where
        I: Send + 'static,
        T: Send + 'static,
        F: Fn(I) -> T + Send + Sync + 'static,
        S: Fn(Progress, Outcome<T>) + Send + Sync + 'static,
    {
        let slot = Arc::new(Slot::default());
        let mut job: Job = {
            let batch = Arc::clone(batch);
            let slot = Arc::clone(&slot);
            Box::new(move || batch.claim_loop(Some(&slot)))
        };
        // An idle helper may have exited since it was parked: try a fresh one.
        for _ in 0..2 {
            let helper = Helper::take(batch.stack_size).ok()?;
            match helper.jobs.send(job) {
                Ok(()) => return Some(Runner { slot, helper }),
                Err(mpsc::SendError(back)) => job = back,
            }
        }
        None
    }
}

impl<I, T, F, S> Batch<I, T, F, S>
where
    F: Fn(I) -> T,
    S: Fn(Progress, Outcome<T>),
{
    /// Claim and run items in input order until none is left (or, on a
    /// runner, until the watching thread abandons the item it is on).
    fn claim_loop(&self, slot: Option<&Slot>) {
        loop {
            let index = self.next.fetch_add(1, Ordering::SeqCst);
            let Some(cell) = self.queue.get(index) else {
                return;
            };
            let Some(item) = relock(cell).take() else {
                continue;
            };
            let start = Instant::now();
            if let Some(reason) = self.wait_for_slot() {
                drop(item);
                self.settle(index, start.elapsed(), Outcome::NotRun { reason });
                continue;
            }
            if let Some(slot) = slot {
                relock(&slot.state).item = Some((index, Instant::now()));
            }
            let result = catch_unwind(AssertUnwindSafe(|| (self.f)(item)));
            if let Some(slot) = slot {
                let mut state = relock(&slot.state);
                if state.abandoned {
                    // Already reported as an overrun; nobody wants this.
                    drop(state);
                    drop(result);
                    self.overrunning.fetch_sub(1, Ordering::SeqCst);
                    return;
                }
                state.item = None;
            }
            let outcome = match result {
                Ok(value) => Outcome::Done(value),
                Err(payload) => Outcome::Panicked {
                    message: panic_message(payload),
                },
            };
            self.settle(index, start.elapsed(), outcome);
        }
    }

    /// Report one item's outcome to the sink.
    fn settle(&self, index: usize, elapsed: Duration, outcome: Outcome<T>) {
        let done = self.settled.fetch_add(1, Ordering::SeqCst) + 1;
        let progress = Progress {
            index,
            done,
            total: self.total,
            kind: outcome.kind(),
            elapsed,
        };
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| (self.sink)(progress, outcome))) {
            relock(&self.sink_panic).get_or_insert(payload);
        }
        if self.reported.fetch_add(1, Ordering::SeqCst) + 1 >= self.total {
            let _guard = relock(&self.all_reported.0);
            self.all_reported.1.notify_all();
        }
    }

    /// None when the item may start; otherwise why it may not.
    fn wait_for_slot(&self) -> Option<String> {
        if self.overrunning.load(Ordering::SeqCst) < self.max_overrunning {
            return None;
        }
        if !self.saturated.load(Ordering::SeqCst) {
            let waiting = Instant::now();
            while waiting.elapsed() < self.timeout {
                std::thread::sleep(Duration::from_millis(5));
                if self.overrunning.load(Ordering::SeqCst) < self.max_overrunning {
                    return None;
                }
            }
            self.saturated.store(true, Ordering::SeqCst);
        }
        Some(format!(
            "制限時間を超えて処理中のファイルが{}件あり、これ以上並行して処理できないため",
            self.overrunning.load(Ordering::SeqCst)
        ))
    }
}

impl<I, T, F, S> Batch<I, T, F, S>
where
    I: Send + 'static,
    T: Send + 'static,
    F: Fn(I) -> T + Send + Sync + 'static,
    S: Fn(Progress, Outcome<T>) + Send + Sync + 'static,
{
    /// On the calling thread: sleep until the earliest deadline of the
    /// items running (or a time bound, when none is), abandon those past
    /// it, each with a fresh runner in its place, until every item has been
    /// reported.
    fn watch(self: &Arc<Self>, runners: &mut Vec<Runner>) {
        loop {
            let now = Instant::now();
            let mut wake = now + self.timeout;
            let mut overdue = Vec::new();
            runners.retain(|r| {
                let mut state = relock(&r.slot.state);
                let Some((index, started)) = state.item else {
                    return true;
                };
                let deadline = started + self.timeout;
                if deadline > now {
                    wake = wake.min(deadline);
                    return true;
                }
                state.item = None;
                state.abandoned = true;
                self.overrunning.fetch_add(1, Ordering::SeqCst);
                overdue.push((index, now.duration_since(started)));
                // Dropping the runner's helper lets its thread exit once
                // the runaway job ends.
                false
            });
            for (index, elapsed) in overdue {
                match Runner::start(self) {
                    Some(r) => runners.push(r),
                    // No thread for the rest: they run here, unbounded.
                    None if runners.is_empty() => self.claim_loop(None),
                    None => {}
                }
                let limit = self.timeout;
                self.settle(index, elapsed, Outcome::Overrun { limit });
            }
            let guard = relock(&self.all_reported.0);
            if self.reported.load(Ordering::SeqCst) >= self.total {
                return;
            }
            let wait = wake.saturating_duration_since(Instant::now());
            let _ = self.all_reported.1.wait_timeout(guard, wait);
        }
    }
}

type Job = Box<dyn FnOnce() + Send + 'static>;

/// A pool thread waiting for jobs (a batch's claim loop).
struct Helper {
    jobs: mpsc::Sender<Job>,
    stack_size: usize,
}

/// Helpers whose batch ended, kept for the next batch: a worker child runs
/// one batch per request, and a fresh thread per request cost a new stack
/// and a cold allocator heap (page faults that were a fifth of `check`'s
/// time). A helper that overran is never put here (its batch dropped it).
static IDLE_HELPERS: Mutex<Vec<Helper>> = Mutex::new(Vec::new());

/// Most idle helpers kept (more than the cores are never in use at once).
const MAX_IDLE_HELPERS: usize = 64;

impl Helper {
    /// An idle helper with this stack size, or a new one.
    fn take(stack_size: usize) -> std::io::Result<Helper> {
        let mut idle = relock(&IDLE_HELPERS);
        if let Some(i) = idle.iter().rposition(|h| h.stack_size == stack_size) {
            return Ok(idle.swap_remove(i));
        }
        drop(idle);
        Helper::spawn(stack_size)
    }

    /// Give a helper back for the next batch (or let it exit).
    fn park(self) {
        let mut idle = relock(&IDLE_HELPERS);
        if idle.len() < MAX_IDLE_HELPERS {
            idle.push(self);
        }
    }

    fn spawn(stack_size: usize) -> std::io::Result<Helper> {
        let (tx, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name(format!("{HELPER_THREAD_PREFIX}-{}", next_helper_id()))
            .stack_size(stack_size)
            .spawn(move || {
                // Ends when the sender is dropped (the batch abandoned this
                // helper, or the idle pool was full).
                while let Ok(job) = rx.recv() {
                    job();
                }
            })?;
        Ok(Helper {
            jobs: tx,
            stack_size,
        })
    }
}

fn next_helper_id() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Lock a mutex even if a thread panicked while holding it (the data is
/// plain values, still consistent). Also what the batch's callers use for
/// the state their sinks share.
pub(crate) fn relock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn panic_message(payload: Box<dyn Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-text payload".to_string()
    }
}

/// [`crate::read::read_path`] with the time bound of `limits` (a reader
/// that overruns it is abandoned: [`crate::error::ReadError::LimitExceeded`])
/// and a panic caught as [`crate::error::ReadError::Sheet`]-like reader
/// failure: what single-file commands (`dump`, `fix`, `annotate`, `migrate`)
/// use so that no command reads without a bound.
pub fn read_path_bounded(
    path: &std::path::Path,
    limits: &crate::read::Limits,
) -> Result<crate::model::Document, crate::error::ReadError> {
    let timeout = Duration::from_millis(limits.time_budget_ms.max(1));
    let owned = (path.to_path_buf(), limits.clone());
    let outcome = run_bounded(vec![owned], timeout, |(p, l)| {
        crate::read::read_path(&p, &l)
    })
    .into_iter()
    .next();
    match outcome {
        Some(Outcome::Done(result)) => result,
        Some(Outcome::Overrun { limit }) => Err(crate::error::ReadError::LimitExceeded {
            part: None,
            detail: format!(
                "reading took longer than the limit of {:.1} s; stopped",
                limit.as_secs_f64()
            ),
        }),
        Some(Outcome::Panicked { message }) => Err(crate::error::ReadError::Sheet {
            detail: format!("reader failure (internal error: {message})"),
        }),
        Some(Outcome::NotRun { reason }) => Err(crate::error::ReadError::Io {
            path: path.display().to_string(),
            source: std::io::Error::other(reason),
        }),
        None => Err(crate::error::ReadError::Io {
            path: path.display().to_string(),
            source: std::io::Error::other("not read"),
        }),
    }
}
