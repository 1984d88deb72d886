//! Batch intake of many files: run one job per item in parallel, where one
//! bad item never stops or hides the others.
//!
//! [`run_bounded`] fans the items out over a few worker threads (the
//! calling thread is one): each claims the next item in input order, hands
//! it to a companion *helper* thread and waits for the answer with a
//! deadline, so that
//! - a panic in the job (caught with `catch_unwind` on the helper) becomes
//!   [`Outcome::Panicked`] for that item only;
//! - a job that overruns the time bound becomes [`Outcome::Overrun`]: a
//!   thread cannot be killed, so the worker stops waiting, abandons the
//!   helper (which finishes on its own, drops its result and exits) and goes
//!   on with a fresh helper. Helpers that end a batch idle are kept for the
//!   next one.
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
//! panic hook; helper threads are named with [`HELPER_THREAD_PREFIX`] so the
//! CLI can keep the hook quiet for them.

use crate::clock::Instant;
use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
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
/// item as it settles, from worker threads, in completion order).
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
    P: Fn(&Progress) + Sync,
{
    let slots: Vec<Mutex<Option<Outcome<T>>>> =
        (0..items.len()).map(|_| Mutex::new(None)).collect();
    run_bounded_each(items, opts, f, |p, outcome| {
        progress(&p);
        if let Some(slot) = slots.get(p.index) {
            *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| Outcome::NotRun {
                    reason: "結果が記録されなかったため".into(),
                })
        })
        .collect()
}

/// The streaming form: hands each item's outcome to `sink` as soon as it
/// settles (from a worker thread), instead of collecting them. Items are
/// started in input order, so a caller that groups consecutive items (the
/// files of one submission set) sees each group complete early and can
/// finish and drop it: memory then depends on the number of threads, not on
/// the number of items.
pub fn run_bounded_each<I, T, F, S>(items: Vec<I>, opts: &BatchOptions, f: F, sink: S)
where
    I: Send + 'static,
    T: Send + 'static,
    F: Fn(I) -> T + Send + Sync + 'static,
    S: Fn(Progress, Outcome<T>) + Sync,
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
    let shared = Shared {
        f: Arc::new(f),
        timeout: opts.timeout,
        stack_size: opts.stack_size.max(64 * 1024),
        max_overrunning: if opts.max_overrunning == 0 {
            (threads * 2).max(4)
        } else {
            opts.max_overrunning
        },
        overrunning: Arc::new(AtomicUsize::new(0)),
        saturated: AtomicBool::new(false),
    };
    let queue: Vec<Mutex<Option<I>>> = items.into_iter().map(|i| Mutex::new(Some(i))).collect();
    let next = AtomicUsize::new(0);
    let settled = AtomicUsize::new(0);
    // One worker: claims the next item in input order until none is left,
    // with its own helper thread (given back to the idle pool at the end).
    let worker = || {
        let mut helper: Option<Helper> = None;
        loop {
            let index = next.fetch_add(1, Ordering::SeqCst);
            let Some(slot) = queue.get(index) else { break };
            let Some(item) = slot.lock().unwrap_or_else(|e| e.into_inner()).take() else {
                continue;
            };
            let start = Instant::now();
            let outcome = shared.run_item(item, &mut helper);
            let done = settled.fetch_add(1, Ordering::SeqCst) + 1;
            let progress = Progress {
                index,
                done,
                total,
                kind: outcome.kind(),
                elapsed: start.elapsed(),
            };
            sink(progress, outcome);
        }
        if let Some(helper) = helper {
            helper.park();
        }
    };
    // The calling thread is one of the workers: a batch of one thread (each
    // worker child's) starts no thread at all.
    std::thread::scope(|scope| {
        for i in 1..threads {
            let spawned = std::thread::Builder::new()
                .name(format!("yoshiki-batch-{i}"))
                .spawn_scoped(scope, worker);
            if spawned.is_err() {
                break;
            }
        }
        worker();
    });
}

type Job = Box<dyn FnOnce() + Send + 'static>;

/// A helper thread waiting for jobs.
struct Helper {
    jobs: mpsc::Sender<Job>,
    stack_size: usize,
}

/// Helpers whose batch ended while they were idle, kept for the next batch:
/// a worker child runs one batch per request, and a fresh thread per
/// request cost a new stack and a cold allocator heap (page faults that
/// were a fifth of `check`'s time). A helper that overran is never put
/// here (its worker dropped it).
static IDLE_HELPERS: Mutex<Vec<Helper>> = Mutex::new(Vec::new());

/// Most idle helpers kept (more than the cores are never in use at once).
const MAX_IDLE_HELPERS: usize = 64;

impl Helper {
    /// An idle helper with this stack size, or a new one.
    fn take(stack_size: usize) -> std::io::Result<Helper> {
        let mut idle = IDLE_HELPERS.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = idle.iter().rposition(|h| h.stack_size == stack_size) {
            return Ok(idle.swap_remove(i));
        }
        drop(idle);
        Helper::spawn(stack_size)
    }

    /// Give an idle helper back for the next batch (or let it exit).
    fn park(self) {
        let mut idle = IDLE_HELPERS.lock().unwrap_or_else(|e| e.into_inner());
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
                // Ends when the worker drops the sender (it abandoned this
                // helper, or it ran out of items).
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

const RUNNING: u8 = 0;
const FINISHED: u8 = 1;
const ABANDONED: u8 = 2;

struct Shared<F> {
    f: Arc<F>,
    timeout: Duration,
    stack_size: usize,
    max_overrunning: usize,
    /// Abandoned jobs still running (each decrements it when it ends).
    overrunning: Arc<AtomicUsize>,
    /// Set once an item waited a whole time bound for a free slot in vain:
    /// later items then do not wait.
    saturated: AtomicBool,
}

impl<F> Shared<F> {
    fn run_item<I, T>(&self, item: I, helper: &mut Option<Helper>) -> Outcome<T>
    where
        I: Send + 'static,
        T: Send + 'static,
        F: Fn(I) -> T + Send + Sync + 'static,
    {
        // A browser's WebAssembly has one thread and no unwinding: the job
        // runs here, bounded by the readers' own time budget.
        if cfg!(target_arch = "wasm32") {
            return Outcome::Done((self.f)(item));
        }
        if let Some(reason) = self.wait_for_slot() {
            return Outcome::NotRun { reason };
        }
        let state = Arc::new(AtomicU8::new(RUNNING));
        let (tx, rx) = mpsc::sync_channel::<Result<T, String>>(1);
        let job: Job = {
            let f = Arc::clone(&self.f);
            let state = Arc::clone(&state);
            let overrunning = Arc::clone(&self.overrunning);
            Box::new(move || {
                let result = catch_unwind(AssertUnwindSafe(|| f(item))).map_err(panic_message);
                if state
                    .compare_exchange(RUNNING, FINISHED, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
                {
                    let _ = tx.send(result);
                } else {
                    // Abandoned: nobody waits for the result any more.
                    drop(result);
                    overrunning.fetch_sub(1, Ordering::SeqCst);
                }
            })
        };
        if let Err(job) = self.hand_to_helper(job, helper) {
            // No helper thread could be created: run here, without a time
            // bound but still catching a panic.
            job();
        }
        match rx.recv_timeout(self.timeout) {
            Ok(Ok(value)) => Outcome::Done(value),
            Ok(Err(message)) => Outcome::Panicked { message },
            Err(mpsc::RecvTimeoutError::Timeout) => {
                self.overrunning.fetch_add(1, Ordering::SeqCst);
                if state
                    .compare_exchange(RUNNING, ABANDONED, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
                {
                    // Let the busy helper go; the next item gets a new one.
                    *helper = None;
                    Outcome::Overrun {
                        limit: self.timeout,
                    }
                } else {
                    // It finished just at the deadline: take the result.
                    self.overrunning.fetch_sub(1, Ordering::SeqCst);
                    match rx.recv() {
                        Ok(Ok(value)) => Outcome::Done(value),
                        Ok(Err(message)) => Outcome::Panicked { message },
                        Err(_) => Outcome::NotRun {
                            reason: "処理スレッドが結果を返さずに終了したため".into(),
                        },
                    }
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Outcome::NotRun {
                reason: "処理スレッドが結果を返さずに終了したため".into(),
            },
        }
    }

    /// Send a job to the worker's helper, creating (or re-creating) it as
    /// needed; gives the job back if no helper thread can be had.
    fn hand_to_helper(&self, job: Job, helper: &mut Option<Helper>) -> Result<(), Job> {
        let mut job = job;
        for _ in 0..2 {
            if helper.is_none() {
                *helper = Helper::take(self.stack_size).ok();
            }
            let Some(h) = helper.as_ref() else {
                return Err(job);
            };
            match h.jobs.send(job) {
                Ok(()) => return Ok(()),
                Err(mpsc::SendError(back)) => {
                    // The helper is gone; try a fresh one.
                    *helper = None;
                    job = back;
                }
            }
        }
        Err(job)
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
