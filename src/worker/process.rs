//! One worker child process: spawned from a [`WorkerCommand`], fed
//! request lines that it reads and answers one after another (the next
//! may be sent before the last is answered), each answer event lines and a
//! final result line. Whatever happens inside the child — an abort, a signal, an
//! allocation past its memory cap, a stack overflow, silence — comes back
//! as a [`Death`] with its cause, never as a failure of the caller.

use super::journal::{self, JOURNAL_ENV, Journal};
use crate::batch::relock;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Environment variable carrying the caps to the child (`MEM_BYTES,CPU_S`).
pub const CAPS_ENV: &str = "YOSHIKI_WORKER_CAPS";

/// What a child may cost.
#[derive(Debug, Clone)]
pub struct Caps {
    /// Address-space cap (RLIMIT_AS) in bytes; 0 for none.
    pub memory_bytes: u64,
    /// CPU seconds one request may use (RLIMIT_CPU, re-armed per request).
    pub cpu_seconds: u64,
    /// Longest silence (no event line) before the child is judged hung and
    /// killed.
    pub silence: Duration,
}

impl Default for Caps {
    fn default() -> Self {
        Caps {
            memory_bytes: 3 * 1024 * 1024 * 1024,
            cpu_seconds: 600,
            silence: Duration::from_secs(30),
        }
    }
}

/// How to start a worker child: the program (normally this very binary),
/// its arguments and the caps it applies to itself.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    pub caps: Caps,
}

/// Why a child stopped answering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Death {
    /// An allocation failed at the memory cap (or the system had no more).
    OutOfMemory,
    /// A thread overflowed its stack.
    StackOverflow,
    /// The CPU-time cap was reached (SIGXCPU).
    CpuLimit,
    /// No answer within the silence bound; the child was killed.
    Hung(Duration),
    /// Killed by another signal (number and name).
    Signal(i32, &'static str),
    /// Exited without answering (exit status, last words on stderr).
    Exited(Option<i32>, String),
    /// The child could not be started or written to.
    Unavailable(String),
}

impl Death {
    /// IN005 for a limit that was hit, IN001 for a reader that crashed.
    pub fn code(&self) -> &'static str {
        match self {
            Death::OutOfMemory | Death::StackOverflow | Death::CpuLimit | Death::Hung(_) => "IN005",
            _ => "IN001",
        }
    }

    /// The cause in plain Japanese, for the person who sent the file.
    pub fn message_ja(&self) -> String {
        match self {
            Death::OutOfMemory => "このファイルを読むのに必要なメモリが上限を超えたため、処理を中止しました（ファイルが壊れているか、異常に大きな数が書き込まれています）。".into(),
            Death::StackOverflow => "このファイルの構造が深すぎて処理できなかったため、処理を中止しました。".into(),
            Death::CpuLimit => "このファイルの処理に使える計算時間の上限を超えたため、処理を中止しました。".into(),
            Death::Hung(d) => format!(
                "このファイルの処理が{:.0}秒以上応答しなかったため、処理を中止しました。",
                d.as_secs_f64()
            ),
            Death::Signal(_, name) => format!(
                "このファイルを読んでいる途中で読み込み処理が異常終了しました（{name}）。ファイルが壊れている可能性があります。"
            ),
            Death::Exited(code, _) => format!(
                "このファイルを読んでいる途中で読み込み処理が異常終了しました（終了コード {}）。ファイルが壊れている可能性があります。",
                code.map_or_else(|| "不明".to_string(), |c| c.to_string())
            ),
            Death::Unavailable(why) => {
                format!("読み込み処理を開始できなかったため、このファイルを確認できませんでした（{why}）。")
            }
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            Death::OutOfMemory => "reading this file needed more memory than the limit allows; stopped (the file is corrupt or declares absurd sizes)".into(),
            Death::StackOverflow => "this file is nested too deeply to process; stopped".into(),
            Death::CpuLimit => "reading this file used up its CPU-time limit; stopped".into(),
            Death::Hung(d) => format!(
                "reading this file stopped answering for {:.0} s; stopped",
                d.as_secs_f64()
            ),
            Death::Signal(_, name) => {
                format!("the reader crashed on this file ({name}); the file may be corrupt")
            }
            Death::Exited(code, _) => format!(
                "the reader exited while reading this file (status {}); the file may be corrupt",
                code.map_or_else(|| "unknown".to_string(), |c| c.to_string())
            ),
            Death::Unavailable(why) => format!("the reader process could not be started ({why})"),
        }
    }

    /// Short name for counting in reports and tests.
    pub fn kind(&self) -> &'static str {
        match self {
            Death::OutOfMemory => "out-of-memory",
            Death::StackOverflow => "stack-overflow",
            Death::CpuLimit => "cpu-limit",
            Death::Hung(_) => "hung",
            Death::Signal(..) => "signal",
            Death::Exited(..) => "exited",
            Death::Unavailable(_) => "unavailable",
        }
    }
}

enum Line {
    Text(String),
    Eof,
}

/// A running child.
pub struct Worker {
    child: Child,
    /// Request lines for the child's stdin, written by a thread of their
    /// own: a line sent ahead while the child is busy may fill the pipe,
    /// and the caller must stay free to watch the child's silence.
    requests: Option<Sender<String>>,
    /// Requests sent and not yet answered.
    pending: usize,
    lines: Receiver<Line>,
    stderr_tail: Arc<Mutex<Vec<u8>>>,
    silence: Duration,
    /// Where the child writes its per-file events (see [`journal`]);
    /// dropped (and deleted) after the child is gone.
    journal: Option<Journal>,
}

/// Most of the child's stderr kept to classify its death.
const STDERR_TAIL: usize = 8 * 1024;

impl Worker {
    pub fn spawn(cmd: &WorkerCommand) -> Result<Worker, Death> {
        let caps = format!("{},{}", cmd.caps.memory_bytes, cmd.caps.cpu_seconds);
        let journal = Journal::create();
        let mut command = Command::new(&cmd.program);
        match &journal {
            Some(j) => command.env(JOURNAL_ENV, j.path()),
            None => command.env_remove(JOURNAL_ENV),
        };
        let mut child = command
            .args(&cmd.args)
            .env(CAPS_ENV, caps)
            // glibc reserves 64 MB of address space per malloc arena and
            // thread: without this the memory cap would be eaten by
            // reservations, not data.
            .env("MALLOC_ARENA_MAX", "2")
            // The same for mimalloc (the binary's allocator on unix): it
            // reserves 1 GiB of address space per arena by default, which
            // under the cap leaves no room for a stack-overflow report.
            .env("MIMALLOC_ARENA_RESERVE", "64MiB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| Death::Unavailable(e.to_string()))?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Death::Unavailable("no pipes to the child".into()));
        };
        let (requests, to_write) = mpsc::channel::<String>();
        std::thread::Builder::new()
            .name("yoshiki-worker-in".into())
            .spawn(move || write_requests(stdin, &to_write))
            .map_err(|e| Death::Unavailable(e.to_string()))?;
        let (tx, lines) = mpsc::channel();
        std::thread::Builder::new()
            .name("yoshiki-worker-out".into())
            .spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    match line {
                        Ok(l) => {
                            if tx.send(Line::Text(l)).is_err() {
                                return;
                            }
                        }
                        Err(_) => break,
                    }
                }
                let _ = tx.send(Line::Eof);
            })
            .map_err(|e| Death::Unavailable(e.to_string()))?;
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr_tail);
        std::thread::Builder::new()
            .name("yoshiki-worker-err".into())
            .spawn(move || {
                let mut stderr = stderr;
                let mut buf = [0u8; 4096];
                while let Ok(n) = stderr.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let mut t = relock(&tail);
                    t.extend_from_slice(buf.get(..n).unwrap_or_default());
                    if t.len() > STDERR_TAIL {
                        let cut = t.len() - STDERR_TAIL;
                        t.drain(..cut);
                    }
                }
            })
            .map_err(|e| Death::Unavailable(e.to_string()))?;
        Ok(Worker {
            child,
            requests: Some(requests),
            pending: 0,
            lines,
            stderr_tail,
            silence: cmd.caps.silence,
            journal,
        })
    }

    /// Queue one request line for the child, without waiting: the child
    /// reads requests one after another, so a request sent while it works
    /// on another starts as soon as that one is answered. A child that
    /// cannot be written to has died: the next [`Worker::answer`] says how.
    pub fn send(&mut self, request: &str) {
        // An idle child writes nothing: the journal can start over.
        if self.pending == 0
            && let Some(j) = self.journal.as_mut()
        {
            j.reset();
        }
        self.pending += 1;
        if let Some(tx) = &self.requests {
            let _ = tx.send(request.to_string());
        }
    }

    /// Hand every event of the oldest unanswered request (from the journal
    /// or from stdout, in the order the child wrote them) to `on_event`
    /// until a stdout line for which `is_final` holds, which is returned.
    /// Events of a request sent ahead may come too, after all of this
    /// one's. The child's death (or silence past the bound, after which it
    /// is killed) is the error; the worker is then unusable. Every event
    /// the child wrote before it died has been handed over by then.
    pub fn answer(
        &mut self,
        is_final: impl Fn(&str) -> bool,
        mut on_event: impl FnMut(&str),
    ) -> Result<String, Death> {
        let tick = if self.journal.is_some() {
            journal::TICK.min(self.silence)
        } else {
            self.silence
        };
        let mut last_sign = Instant::now();
        loop {
            let line = self.lines.recv_timeout(tick);
            // Before anything on stdout: the journal holds what came first.
            if let Some(j) = self.journal.as_mut()
                && j.drain(&mut on_event)
            {
                last_sign = Instant::now();
            }
            match line {
                Ok(Line::Text(line)) => {
                    if is_final(&line) {
                        self.pending = self.pending.saturating_sub(1);
                        return Ok(line);
                    }
                    last_sign = Instant::now();
                    on_event(&line);
                }
                Ok(Line::Eof) | Err(RecvTimeoutError::Disconnected) => return Err(self.reap()),
                Err(RecvTimeoutError::Timeout) => {
                    if last_sign.elapsed() >= self.silence {
                        let _ = self.child.kill();
                        let _ = self.child.wait();
                        return Err(Death::Hung(self.silence));
                    }
                }
            }
        }
    }

    /// Wait for a child that stopped answering and say why it died.
    fn reap(&mut self) -> Death {
        // The child closed its stdout: it is exiting. Give it a moment,
        // then make sure.
        let mut status = None;
        for _ in 0..200 {
            match self.child.try_wait() {
                Ok(Some(s)) => {
                    status = Some(s);
                    break;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(_) => break,
            }
        }
        let status = match status {
            Some(s) => s,
            None => {
                let _ = self.child.kill();
                match self.child.wait() {
                    Ok(s) => s,
                    Err(e) => return Death::Unavailable(e.to_string()),
                }
            }
        };
        // The stderr reader may still be draining the last words.
        std::thread::sleep(Duration::from_millis(20));
        let tail = {
            let t = relock(&self.stderr_tail);
            String::from_utf8_lossy(&t).into_owned()
        };
        classify(status, &tail)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing stdin ends a healthy child's loop; kill covers the rest
        // (and ends a write the writer thread is blocked in).
        self.requests = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The writer thread of a child's stdin: each request as one line, until
/// the worker is dropped or the child stops reading.
fn write_requests(mut stdin: ChildStdin, requests: &Receiver<String>) {
    while let Ok(line) = requests.recv() {
        let sent = stdin
            .write_all(line.as_bytes())
            .and_then(|_| stdin.write_all(b"\n"))
            .and_then(|_| stdin.flush());
        if sent.is_err() {
            return;
        }
    }
}

/// Cause of death from the exit status and what the child last wrote.
fn classify(status: ExitStatus, stderr: &str) -> Death {
    if stderr.contains("memory allocation of") || stderr.contains("out of memory") {
        return Death::OutOfMemory;
    }
    if stderr.contains("has overflowed its stack") {
        return Death::StackOverflow;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return signal_death(sig);
        }
    }
    let last = stderr.lines().last().unwrap_or_default().to_string();
    Death::Exited(status.code(), last)
}

#[cfg(unix)]
fn signal_death(sig: i32) -> Death {
    use rustix::process::Signal;
    let name = match sig {
        s if s == Signal::XCPU.as_raw() => return Death::CpuLimit,
        s if s == Signal::SEGV.as_raw() => "SIGSEGV: 不正なメモリアクセス",
        s if s == Signal::ABORT.as_raw() => "SIGABRT: 異常終了",
        s if s == Signal::KILL.as_raw() => "SIGKILL: 強制終了",
        s if s == Signal::BUS.as_raw() => "SIGBUS: バスエラー",
        s if s == Signal::FPE.as_raw() => "SIGFPE: 演算エラー",
        s if s == Signal::ILL.as_raw() => "SIGILL: 不正な命令",
        _ => "シグナル",
    };
    Death::Signal(sig, name)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A child that answers each request line with one event line and one
    /// final line, after a pause (so that the second request is sent while
    /// it still works on the first).
    fn echo_child() -> Worker {
        let script = "while read -r l; do sleep 0.05; echo \"event $l\"; echo \"final $l\"; done";
        let cmd = WorkerCommand {
            program: "sh".into(),
            args: vec!["-c".into(), script.into()],
            caps: Caps::default(),
        };
        Worker::spawn(&cmd).expect("sh starts")
    }

    #[test]
    fn requests_sent_ahead_are_answered_in_order() {
        let mut w = echo_child();
        w.send("one");
        w.send("two");
        let is_final = |l: &str| l.starts_with("final");
        let mut events = Vec::new();
        let first = w.answer(is_final, |e| events.push(e.to_string()));
        assert_eq!(first.as_deref(), Ok("final one"));
        let second = w.answer(is_final, |e| events.push(e.to_string()));
        assert_eq!(second.as_deref(), Ok("final two"));
        assert_eq!(events, ["event one", "event two"]);
        // And one at a time, once the child is idle again.
        w.send("three");
        assert_eq!(w.answer(is_final, |_| {}).as_deref(), Ok("final three"));
    }

    #[test]
    fn a_child_that_dies_with_a_request_ahead_is_a_death_not_a_hang() {
        let cmd = WorkerCommand {
            program: "sh".into(),
            args: vec!["-c".into(), "read -r l; exit 3".into()],
            caps: Caps::default(),
        };
        let mut w = Worker::spawn(&cmd).expect("sh starts");
        w.send("one");
        w.send("two");
        let got = w.answer(|l: &str| l.starts_with("final"), |_| {});
        assert!(matches!(got, Err(Death::Exited(Some(3), _))), "{got:?}");
    }
}
