//! The lowest layer: small pieces of text knowledge that readers, forms,
//! learn and rules all need. It uses nothing else in the crate, so every
//! other module may use it without making a cycle (the layer order is
//! checked by `tests/it/module_layers.rs`).

mod fold;
mod markers;
pub mod toml_ja;
pub mod vocab;
pub mod wording;
mod words;

pub use fold::{is_nfkc_stable, is_stable_code, squash, stable_bmp};
pub use markers::is_form_marker;
pub use words::{Applicability, Lang, Severity, Text};
