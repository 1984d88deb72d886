//! The words of a form's own notes that `learn` acts on
//! (`schemas/vocabulary/learn_notes.toml`): conditions that let an entry
//! stay blank, and marks of a box for the office only.

use super::vocab::fold;
use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Default, Deserialize)]
struct Words {
    #[serde(default, alias = "words")]
    phrases: Vec<String>,
    // Read by the tests only.
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    examples_match: Vec<String>,
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    examples_no_match: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct File {
    #[serde(default)]
    conditional: Words,
    #[serde(default)]
    office_use: Words,
}

static FILE: LazyLock<File> = LazyLock::new(|| {
    // Built in and checked by the test suite: a parse error is a bug.
    toml::from_str(include_str!("../../schemas/vocabulary/learn_notes.toml")).unwrap_or_default()
});

fn any_in(words: &Words, text: &str) -> bool {
    let t = fold(text);
    words.phrases.iter().any(|w| t.contains(&fold(w)))
}

/// 「該当する場合のみ」「（２と異なる場合に記入）」: the text makes what it
/// governs conditional.
pub fn is_conditional(text: &str) -> bool {
    any_in(&FILE.conditional, text)
}

/// 「官用欄」「※記載不要」: a box the applicant leaves blank.
pub fn is_office_use(text: &str) -> bool {
    any_in(&FILE.office_use, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_examples_hold() {
        for (words, f) in [
            (&FILE.conditional, is_conditional as fn(&str) -> bool),
            (&FILE.office_use, is_office_use),
        ] {
            assert!(!words.phrases.is_empty());
            assert!(!words.examples_match.is_empty());
            for e in &words.examples_match {
                assert!(f(e), "must match: {e}");
            }
            for e in &words.examples_no_match {
                assert!(!f(e), "must not match: {e}");
            }
        }
    }
}
