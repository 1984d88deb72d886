//! The clock the readers' time budgets are counted by.
//!
//! Natively this is `std::time::Instant`. WebAssembly in a browser has no
//! clock of its own (`std::time::Instant::now` panics there); `web-time`
//! reads the page's `performance.now()` instead, with the same interface.

#[cfg(not(target_arch = "wasm32"))]
pub use std::time::Instant;

#[cfg(target_arch = "wasm32")]
pub use web_time::Instant;
