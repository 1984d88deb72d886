//! The label vocabulary (`schemas/learn/vocabulary.toml`): path word and
//! kind of an entry, read off its label.

use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
struct File {
    word: Vec<Word>,
    #[serde(default)]
    units: Units,
}

/// Words printed after a blank as the unit of what is typed there.
#[derive(Debug, Default, Deserialize)]
struct Units {
    #[serde(default)]
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Word {
    #[serde(rename = "match")]
    pub matches: Vec<String>,
    pub path: String,
    pub kind: String,
}

static FILE: LazyLock<Option<File>> = LazyLock::new(|| {
    // Built in and checked by the test suite: a parse error is a bug.
    toml::from_str::<File>(include_str!("../../schemas/learn/vocabulary.toml")).ok()
});

static WORDS: LazyLock<&'static [Word]> =
    LazyLock::new(|| FILE.as_ref().map(|f| f.word.as_slice()).unwrap_or_default());

/// The `match` texts of each word of [`WORDS`], folded once.
static FOLDED_MATCHES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    WORDS
        .iter()
        .map(|w| w.matches.iter().map(|m| fold(m)).collect())
        .collect()
});

/// The unit words, folded once.
static FOLDED_UNITS: LazyLock<Vec<String>> = LazyLock::new(|| {
    FILE.as_ref()
        .map(|f| f.units.words.iter().map(|w| fold(w)).collect())
        .unwrap_or_default()
});

/// 「時間」「か月」「名」: a unit word (the whole text, blanks removed).
pub fn is_unit_word(text: &str) -> bool {
    let t = fold(text);
    FOLDED_UNITS.contains(&t)
}

/// The folded form labels are compared in (width, blanks, ASCII case).
pub fn fold(label: &str) -> String {
    super::squash(label).to_ascii_lowercase()
}

/// The first vocabulary entry found in the label.
pub fn lookup(label: &str) -> Option<&'static Word> {
    let l = fold(label);
    WORDS
        .iter()
        .zip(FOLDED_MATCHES.iter())
        .find(|(_, matches)| matches.iter().any(|m| holds(l.as_bytes(), m.as_bytes())))
        .map(|(w, _)| w)
}

/// Whether `needle` is inside `hay` (what `str::contains` says of two
/// texts), compared in place: a label is short, and building a substring
/// searcher for each text of the vocabulary was most of a look-up.
fn holds(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let Some(last_start) = hay.len().checked_sub(needle.len()) else {
        return false;
    };
    (0..=last_start).any(|i| hay[i] == first && hay.get(i + 1..i + needle.len()) == Some(rest))
}

/// The kind as the definition spells it.
pub fn kind_name(kind: &str) -> Option<&'static str> {
    [
        "text", "name", "address", "date", "amount", "percent", "email", "phone", "postal",
        "status", "checkbox", "choice",
    ]
    .into_iter()
    .find(|k| *k == kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_loads_and_decides_kinds() {
        assert!(!WORDS.is_empty());
        assert_eq!(
            lookup("担当者E-mail").map(|w| w.kind.as_str()),
            Some("email")
        );
        assert_eq!(lookup("ＴＥＬ").map(|w| w.kind.as_str()), Some("phone"));
        assert_eq!(
            lookup("代表者氏名").map(|w| w.path.as_str()),
            Some("representative")
        );
        assert_eq!(
            lookup("補助対象経費合計").map(|w| w.path.as_str()),
            Some("total")
        );
        assert!(lookup("備考").is_none());
        assert!(is_unit_word("時　間"));
        for (hay, needle) in [
            ("担当者e-mail", "e-mail"),
            ("mail", "e-mail"),
            ("ab", ""),
            ("", ""),
        ] {
            assert_eq!(
                holds(hay.as_bytes(), needle.as_bytes()),
                hay.contains(needle)
            );
        }
        assert!(!is_unit_word("役職"));
        for w in WORDS.iter() {
            assert!(kind_name(&w.kind).is_some(), "{}", w.kind);
        }
    }
}
