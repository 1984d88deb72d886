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

/// A digit as applicants type it: ASCII (`0`–`9`) or full-width (`０`–`９`).
pub fn is_digit_any_width(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The next number of a xorshift64 generator: the fixed-seed random inputs
/// of the tests that compare a fast scan with a plain one.
#[cfg(test)]
pub(crate) fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// Every text made of one piece of each list, in the order nested loops
/// over the lists (the first outermost) make them: the inputs of the tests
/// that compare a reader written by hand with the regex it replaces.
#[cfg(test)]
pub(crate) fn every_join(lists: &[&[&str]]) -> Vec<String> {
    lists.iter().fold(vec![String::new()], |texts, list| {
        texts
            .iter()
            .flat_map(|text| list.iter().map(move |piece| format!("{text}{piece}")))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_join_makes_what_nested_loops_make() {
        let (a, b, c) = (["x", ""], ["1", "2", "3"], ["-"]);
        let mut looped = Vec::new();
        for x in a {
            for y in b {
                for z in c {
                    looped.push(format!("{x}{y}{z}"));
                }
            }
        }
        assert_eq!(super::every_join(&[&a, &b, &c]), looped);
        assert_eq!(super::every_join(&[]), vec![String::new()]);
    }
}
