//! The child side: caps applied to itself at start, a request loop over
//! stdin, event and result lines on stdout, and fault injection for the
//! tests.

use super::journal;
use super::process::CAPS_ENV;
use crate::batch::relock;
use std::io::{BufRead, Write};
use std::sync::Mutex;

/// Environment variable naming faults to inject (tests only):
/// `KIND:SUBSTRING` entries separated by `;`, where KIND is `abort`, `oom`,
/// `segv`, `stack`, `spin` (a thread that never returns) or `freeze` (the
/// whole child falls silent). A file whose name contains SUBSTRING
/// triggers it just before it is read.
pub const FAULT_ENV: &str = "YOSHIKI_FAULT_INJECT";

/// The caps the parent passed, applied to this process: address space,
/// no core dumps. Call once, first thing in the child.
pub fn apply_caps() {
    let Ok(spec) = std::env::var(CAPS_ENV) else {
        return;
    };
    let mut parts = spec.split(',');
    let memory: u64 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        if memory > 0 {
            let _ = setrlimit(
                Resource::As,
                Rlimit {
                    current: Some(memory),
                    maximum: Some(memory),
                },
            );
        }
        // A crash dump of a confidential submission must not land on disk.
        let _ = setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: Some(0),
            },
        );
    }
    #[cfg(not(unix))]
    let _ = memory;
}

/// Re-arm the CPU-time cap for the next request: `seconds` more than used
/// so far (RLIMIT_CPU counts the life of the process).
pub fn arm_cpu_cap() {
    let Ok(spec) = std::env::var(CAPS_ENV) else {
        return;
    };
    let seconds: u64 = spec
        .split(',')
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    #[cfg(unix)]
    if seconds > 0 {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        use rustix::time::{ClockId, clock_gettime};
        let used = u64::try_from(clock_gettime(ClockId::ProcessCPUTime).tv_sec).unwrap_or(0);
        let hard = getrlimit(Resource::Cpu).maximum;
        let soft = used.saturating_add(seconds);
        let soft = hard.map_or(soft, |h| soft.min(h));
        let _ = setrlimit(
            Resource::Cpu,
            Rlimit {
                current: Some(soft),
                maximum: hard,
            },
        );
    }
    #[cfg(not(unix))]
    let _ = seconds;
}

/// Serialised writes of whole lines (events come from several threads):
/// results to stdout, per-file events to the journal the parent named
/// (stdout when there is none, or once a journal write failed).
pub struct Out {
    journal: Mutex<Option<std::fs::File>>,
}

impl Out {
    /// The output of a child started by [`super::process::Worker::spawn`].
    pub fn from_env() -> Out {
        Out {
            journal: Mutex::new(journal::open_for_child()),
        }
    }

    /// A result line, on stdout.
    pub fn line(&self, text: &str) {
        let _guard = relock(&self.journal);
        stdout_line(text);
    }

    /// A per-file event, in the journal if there is one.
    pub fn event(&self, text: &str) {
        let mut journal = relock(&self.journal);
        if let Some(file) = journal.as_mut() {
            if journal::append(file, text).is_ok() {
                return;
            }
            // The parent reads the journal before each stdout line, so the
            // events stay in order across the switch.
            *journal = None;
        }
        stdout_line(text);
    }

    /// Stop all output for good (the `freeze` fault): later lines block.
    fn freeze(&self) -> ! {
        let _guard = relock(&self.journal);
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
}

fn stdout_line(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out
        .write_all(text.as_bytes())
        .and_then(|_| out.write_all(b"\n"))
        .and_then(|_| out.flush());
}

/// Serve requests from stdin until it closes: `handle` gets each request
/// line and returns the result line.
pub fn serve(mut handle: impl FnMut(&str) -> String, out: &Out) {
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        arm_cpu_cap();
        let result = handle(&line);
        out.line(&result);
    }
}

/// Trigger the fault the tests asked for on this file, if any.
pub fn inject_fault(display: &str, out: &Out) {
    let Ok(spec) = std::env::var(FAULT_ENV) else {
        return;
    };
    for entry in spec.split(';') {
        let Some((kind, pattern)) = entry.split_once(':') else {
            continue;
        };
        if pattern.is_empty() || !display.contains(pattern) {
            continue;
        }
        match kind {
            "abort" => std::process::abort(),
            "oom" => exhaust_memory(),
            "stack" => {
                let depth = recurse(std::hint::black_box(u64::MAX));
                std::hint::black_box(depth);
            }
            #[cfg(unix)]
            "segv" => {
                // The first SIGSEGV goes to std's stack-overflow handler,
                // which restores the default action; the second kills.
                for _ in 0..2 {
                    let _ = rustix::process::kill_process(
                        rustix::process::getpid(),
                        rustix::process::Signal::SEGV,
                    );
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
            }
            "spin" => loop {
                std::hint::spin_loop();
                std::thread::sleep(std::time::Duration::from_millis(50));
            },
            "freeze" => out.freeze(),
            _ => {}
        }
    }
}

/// Allocate and touch memory until the address-space cap stops it (the
/// allocation failure aborts the process, as a hostile file would).
fn exhaust_memory() {
    let mut hoard: Vec<Vec<u8>> = Vec::new();
    loop {
        let mut chunk = vec![0u8; 64 * 1024 * 1024];
        for i in (0..chunk.len()).step_by(4096) {
            if let Some(b) = chunk.get_mut(i) {
                *b = 1;
            }
        }
        hoard.push(chunk);
        std::hint::black_box(&hoard);
    }
}

/// Recursion with a large frame until the stack runs out.
fn recurse(n: u64) -> u64 {
    let frame = std::hint::black_box([n; 512]);
    if n == 0 {
        return 0;
    }
    let below = recurse(n - 1);
    below.wrapping_add(frame.iter().fold(0u64, |a, b| a ^ b))
}
