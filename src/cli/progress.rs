//! The progress bar of long batch runs (indicatif) and a panic hook that
//! keeps batch worker panics quiet (each becomes a finding instead).
//!
//! The bar draws on stderr only when stderr is a terminal, `--quiet` was
//! not given, and the run has lasted a moment: short runs and piped or
//! redirected output stay clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};
use yoshiki::batch::{HELPER_THREAD_PREFIX, OutcomeKind, Progress};

/// How long a run must last before the bar appears.
const SHOW_AFTER: Duration = Duration::from_millis(800);

/// A progress bar driven by [`yoshiki::batch::Progress`] reports.
pub struct Bar {
    bar: Option<ProgressBar>,
    started: Instant,
}

impl Bar {
    /// A bar for `total` files; inert when `quiet` or stderr is not a terminal.
    pub fn new(total: usize, quiet: bool) -> Bar {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} {pos}/{len} ファイル [{bar:30}] 経過 {elapsed} 残り {eta} {msg}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        Bar {
            bar,
            started: Instant::now(),
        }
    }

    /// Record one settled file (call from any thread).
    pub fn update(&self, p: &Progress) {
        let Some(bar) = &self.bar else { return };
        if bar.is_hidden() && self.started.elapsed() >= SHOW_AFTER {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.set_length(p.total as u64);
        bar.inc(1);
        match p.kind {
            OutcomeKind::Overrun => bar.set_message("（制限時間を超えたファイルあり）"),
            OutcomeKind::Panicked | OutcomeKind::NotRun => {
                bar.set_message("（処理できないファイルあり）")
            }
            OutcomeKind::Done => {}
        }
    }

    /// Remove the bar before the results are printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Keep the default panic message for the main thread and everything else,
/// but not for batch helper threads: their panics are caught and reported
/// as findings, and a raw backtrace on stderr would only scare the user.
pub fn quiet_batch_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let batch = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with(HELPER_THREAD_PREFIX));
        if !batch {
            previous(info);
        }
    }));
}
