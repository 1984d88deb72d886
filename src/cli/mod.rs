//! Subcommands of the `yoshiki` binary. Each file owns its clap `Args` and
//! a `run` that renders library results.

pub mod annotate;
pub mod check;
pub mod dump;
pub mod explain;
pub mod extract;
pub mod fix;
pub mod migrate;
pub mod progress;

use yoshiki::diag::Lang;

/// Options shared by every subcommand.
#[derive(Debug, Clone, Copy)]
pub struct Global {
    pub lang: Lang,
}
