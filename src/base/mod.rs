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

pub use fold::{in_mask_30xx, is_nfkc_stable, is_stable_code, mask_30xx, squash, stable_bmp};
pub use markers::is_form_marker;
pub use words::{Applicability, Lang, Severity, Text};

/// The next number of a xorshift64 generator: the fixed-seed random inputs
/// of the tests that compare a fast scan with a plain one.
#[cfg(test)]
pub(crate) fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}
