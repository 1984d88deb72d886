//! yoshiki (様式): read Japanese government application forms submitted as
//! Word, Excel or text, extract what was filled in, lint it, and convert old
//! templates to current ones.
//!
//! The library never prints; the `yoshiki` binary renders.

pub mod base;
pub mod batch;
pub mod check;
pub mod clock;
pub mod config;
pub mod config_file;
pub mod diag;
pub mod engine;
pub mod error;
pub mod forms;
pub mod knowledge;
pub mod learn;
pub mod model;
pub mod origin;
pub mod read;
pub mod report;
pub mod rules;
pub mod select;
#[cfg(all(feature = "serve", not(target_arch = "wasm32")))]
pub mod serve;
pub mod worker;
pub mod write;

pub use batch::read_path_bounded;
pub use error::ReadError;
pub use model::{Document, Format, Location};
pub use read::{Limits, read_bytes, read_path};
