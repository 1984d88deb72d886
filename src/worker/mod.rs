//! Worker processes: one hostile file never costs the batch.
//!
//! `catch_unwind` cannot catch an abort, an allocation failure, a stack
//! overflow or a hang inside a dependency. So the files of a check are read
//! in children — the same binary re-executed in a worker mode, a small pool
//! of them (as Apache Tika's ForkParser) — each under an address-space cap
//! (RLIMIT_AS), a CPU-time cap re-armed per request (RLIMIT_CPU), no core
//! dumps, and a silence bound after which the parent kills it. A child that
//! dies is replaced; the file it was reading gets IN005 (a limit) or IN001
//! (a crash) with the cause in plain words; the batch goes on.
//!
//! - [`process`]: one child, its caps, its death and why ([`Death`]).
//! - [`child`]: the child's side (caps, request loop, fault injection for
//!   the tests).
//! - [`check::check_isolated`]: `check` over the pool; the CLI uses it for
//!   every check, a single file included. The library's
//!   [`crate::check::check`] stays in-process.
//! - [`wire`]: the line protocol (JSON), byte-exact paths.
//! - [`journal`]: the child's per-file events, in a file the parent reads
//!   when it wants to rather than on a pipe that wakes it for each.
//!
//! Another door (the server) can use the same pool: build a
//! [`PoolOptions`] whose command re-executes the binary in check-worker
//! mode and call [`check_isolated`].

pub mod check;
pub mod child;
pub mod journal;
pub mod process;
pub mod wire;

pub use check::{PoolOptions, check_isolated, death_finding, serve_check};
pub use process::{Caps, Death, Worker, WorkerCommand};
