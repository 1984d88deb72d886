//! The matching keys of a definition's wording, computed once per
//! definition and reused for every document: recognition and extraction
//! used to normalise (or look up) and copy every label, heading, guidance
//! line and title of a definition again for each file and each form.

use super::definition::{FormDef, def_keys};
use super::matching::LabelKey;
use std::sync::OnceLock;

/// Keys of one definition's wording (see [`FormDef::keys`]).
#[derive(Debug)]
pub(crate) struct KeySet {
    /// Keys of every label and heading of the form.
    pub labels: Vec<LabelKey<'static>>,
    pub headings: Vec<LabelKey<'static>>,
    pub instructions: Vec<String>,
    /// A prepared search for each of `instructions` (a searcher built per
    /// unit and guidance line was most of `is_instruction`).
    pub instruction_finders: Vec<memchr::memmem::Finder<'static>>,
    /// Boilerplate, title and preamble.
    pub template: Vec<String>,
    /// `instructions` and `template` each joined by line breaks: no key
    /// holds white space (`norm_key` drops it), so a key is inside one of
    /// the lines exactly when it is inside the joined text, one substring
    /// search instead of one per line.
    pub instructions_joined: Grams,
    pub template_joined: Grams,
    /// Title keys for recognition.
    pub titles: Vec<String>,
    pub preambles: Vec<String>,
    pub suffixes: Vec<String>,
    pub context: Vec<String>,
    /// A prepared search for each of `context`.
    pub context_finders: Vec<memchr::memmem::Finder<'static>>,
    /// Boilerplate and version markers as prepared searches.
    pub boilerplate: Vec<Marker>,
    pub version_markers: Vec<Marker>,
}

/// A recognition phrase as a prepared search: built once per definition
/// (a searcher built for every phrase, unit range and file was most of
/// recognition's substring searching).
#[derive(Debug)]
pub(crate) struct Marker {
    /// Written with a leading `!`: counts when absent.
    pub negated: bool,
    /// The search for the phrase's key; None when the key is empty.
    pub finder: Option<memchr::memmem::Finder<'static>>,
}

impl Marker {
    fn all_of(phrases: &[String]) -> Vec<Marker> {
        phrases
            .iter()
            .map(|p| {
                let (negated, text) = match p.strip_prefix('!') {
                    Some(rest) => (true, rest),
                    None => (false, p.as_str()),
                };
                let key = super::definition::def_key(text);
                Marker {
                    negated,
                    finder: (!key.is_empty())
                        .then(|| memchr::memmem::Finder::new(key.as_bytes()).into_owned()),
                }
            })
            .collect()
    }

    /// Whether the phrase's key is in `text` (false for an empty key).
    pub fn found_in(&self, text: &str) -> bool {
        self.finder
            .as_ref()
            .is_some_and(|f| f.find(text.as_bytes()).is_some())
    }
}

impl KeySet {
    fn of(def: &FormDef) -> KeySet {
        let mut labels: Vec<String> = Vec::new();
        for f in &def.fields {
            labels.extend(def_keys(&f.labels));
        }
        for l in &def.lists {
            labels.extend(def_keys(&l.heading));
            for c in &l.columns {
                labels.extend(def_keys(&c.header));
            }
        }
        let headings = def_keys(&def.headings);
        labels.extend(headings.iter().cloned());
        let r = &def.recognize;
        let mut template = def_keys(&r.boilerplate);
        template.extend(def_keys(&r.title));
        template.extend(def_keys(&r.preamble));
        let instructions = def_keys(&def.instructions);
        let label_keys = |keys: Vec<String>| keys.into_iter().map(LabelKey::new).collect();
        KeySet {
            labels: label_keys(labels),
            headings: label_keys(headings),
            instructions_joined: Grams::of(instructions.join("\n")),
            instruction_finders: instructions
                .iter()
                .map(|k| memchr::memmem::Finder::new(k.as_bytes()).into_owned())
                .collect(),
            template_joined: Grams::of(template.join("\n")),
            instructions,
            template,
            titles: def_keys(&r.title),
            preambles: def_keys(&r.preamble),
            suffixes: def_keys(&r.title_suffix),
            context: def_keys(&r.title_context),
            context_finders: def_keys(&r.title_context)
                .iter()
                .map(|k| memchr::memmem::Finder::new(k.as_bytes()).into_owned())
                .collect(),
            boilerplate: Marker::all_of(&r.boilerplate),
            version_markers: Marker::all_of(&r.version_markers),
        }
    }
}

/// The guidance lines (`instructions`) squashed as REQ001 compares
/// entries ([`crate::base::squash`]), and the same joined by line breaks,
/// with its pair filter.
#[derive(Debug)]
pub(crate) struct SquashedGuidance {
    pub lines: Vec<String>,
    pub joined: Grams,
}

impl SquashedGuidance {
    fn of(def: &FormDef) -> SquashedGuidance {
        let lines: Vec<String> = def
            .instructions
            .iter()
            .map(|g| crate::base::squash(g))
            .collect();
        let joined = Grams::of(lines.join("\n"));
        SquashedGuidance { lines, joined }
    }
}

/// The lazily built keys a definition holds: the [`KeySet`] of extraction
/// and the squashed guidance of REQ001, each built on its first use. A
/// copy of a definition starts empty (it may be changed before use), so
/// the keys always follow the definition they were built from.
#[derive(Default)]
pub struct KeyCache {
    keys: OnceLock<KeySet>,
    guidance: OnceLock<SquashedGuidance>,
}

impl KeyCache {
    pub(crate) fn get(&self, def: &FormDef) -> &KeySet {
        self.keys.get_or_init(|| KeySet::of(def))
    }

    pub(crate) fn guidance(&self, def: &FormDef) -> &SquashedGuidance {
        self.guidance.get_or_init(|| SquashedGuidance::of(def))
    }
}

impl Clone for KeyCache {
    fn clone(&self) -> KeyCache {
        KeyCache::default()
    }
}

impl std::fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyCache")
    }
}

/// Bits in a [`Grams`] filter.
const GRAM_BITS: usize = 1 << 14;

/// A text with a filter of the pairs of adjacent chars it holds: a
/// needle one of whose pairs is missing cannot be inside the text, told
/// in a few instructions a char instead of a substring search (most unit
/// keys asked about are values, found in no guidance line).
#[derive(Debug)]
pub(crate) struct Grams {
    pub text: String,
    bits: Vec<u64>,
}

fn gram_bit(a: char, b: char) -> usize {
    let h = (a as u32).wrapping_mul(0x9e37_79b1) ^ (b as u32);
    (h.wrapping_mul(0x85eb_ca6b) >> 18) as usize % GRAM_BITS
}

impl Grams {
    fn of(text: String) -> Grams {
        let mut bits = vec![0u64; GRAM_BITS / 64];
        let mut chars = text.chars();
        if let Some(mut prev) = chars.next() {
            for c in chars {
                let b = gram_bit(prev, c);
                bits[b / 64] |= 1 << (b % 64);
                prev = c;
            }
        }
        Grams { text, bits }
    }

    /// `self.text.contains(needle)`, the filter first.
    pub fn contains(&self, needle: &str) -> bool {
        let mut chars = needle.chars();
        if let Some(mut prev) = chars.next() {
            for c in chars {
                let b = gram_bit(prev, c);
                if self.bits[b / 64] & (1 << (b % 64)) == 0 {
                    return false;
                }
                prev = c;
            }
        }
        self.text.contains(needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grams_answer_as_contains() {
        let g = Grams::of("記載してください\n※押印は不要です\nab".to_string());
        for needle in [
            "記載して",
            "押印は不要",
            "してください",
            "不要です",
            "ください※",
            "押印が",
            "記",
            "",
            "ab",
            "ba",
            "不要です記載",
            "記載してください",
            "押印は不要です",
            "してください※押",
            "不要です記載して",
            "押印が不要です",
        ] {
            assert_eq!(g.contains(needle), g.text.contains(needle), "{needle}");
        }
    }
}
