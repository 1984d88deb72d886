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
    /// The first chars (by [`first_char_byte`]) `labels` and `headings`
    /// may match a unit by.
    pub label_firsts: LabelFirsts,
    pub heading_firsts: LabelFirsts,
    pub instructions: Vec<String>,
    /// A prepared search for each of `instructions` (a searcher built per
    /// unit and guidance line was most of `is_instruction`).
    pub instruction_finders: Vec<memchr::memmem::Finder<'static>>,
    /// The length in chars of each of `instructions` (counted for every
    /// guidance line and unit asked about, it was most of `is_instruction`).
    pub instruction_chars: Vec<usize>,
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
    /// Which first char and last byte a unit key needs to be a title line:
    /// its first char opens a title or a preamble, or its last byte ends
    /// a title suffix. Recognition asks every definition about every unit,
    /// nearly all of which fail both tests.
    title_bytes: TitleBytes,
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
        let titles = def_keys(&r.title);
        let preambles = def_keys(&r.preamble);
        let suffixes = def_keys(&r.title_suffix);
        let context = def_keys(&r.title_context);
        let mut template = def_keys(&r.boilerplate);
        template.extend(titles.iter().cloned());
        template.extend(preambles.iter().cloned());
        let instructions = def_keys(&def.instructions);
        let label_keys = |keys: Vec<String>| keys.into_iter().map(LabelKey::new).collect();
        let labels: Vec<LabelKey<'static>> = label_keys(labels);
        let headings: Vec<LabelKey<'static>> = label_keys(headings);
        KeySet {
            label_firsts: LabelFirsts::of(&labels),
            heading_firsts: LabelFirsts::of(&headings),
            labels,
            headings,
            instructions_joined: Grams::of(instructions.join("\n")),
            instruction_finders: instructions
                .iter()
                .map(|k| memchr::memmem::Finder::new(k.as_bytes()).into_owned())
                .collect(),
            template_joined: Grams::of(template.join("\n")),
            instruction_chars: instructions.iter().map(|k| k.chars().count()).collect(),
            instructions,
            template,
            title_bytes: TitleBytes::of(&titles, &preambles, &suffixes),
            titles,
            preambles,
            suffixes,
            context_finders: context
                .iter()
                .map(|k| memchr::memmem::Finder::new(k.as_bytes()).into_owned())
                .collect(),
            context,
            boilerplate: Marker::all_of(&r.boilerplate),
            version_markers: Marker::all_of(&r.version_markers),
        }
    }
}

impl KeySet {
    /// False when a unit key whose first char is `first` by
    /// [`first_char_byte`] and whose last byte is `last` cannot be one of
    /// the definition's title lines (see `recognize::is_title`): a title
    /// read from the key's start (after a preamble or not) shares the key's
    /// first char, and a title suffix shares its last byte.
    pub fn may_be_title(&self, first: u8, last: u8) -> bool {
        self.title_bytes.first.has(first) || self.title_bytes.last.has(last)
    }
}

/// A set of bytes.
#[derive(Debug, Default, Clone, Copy)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn add(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    fn has(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] >> (b & 63) & 1 == 1
    }
}

/// What a unit's key must open with for one of some labels to match it
/// ([`crate::forms::matching::match_label`]): a label's first char, or
/// the first char of a numbered label's bare form (each by
/// [`first_char_byte`]: a first byte told few kanji apart); a numbered
/// unit may match any. Telling units apart by one byte spares a call per
/// label and unit (the labels of a form are tried on most of its units).
#[derive(Debug, Default)]
pub(crate) struct LabelFirsts {
    firsts: ByteSet,
}

impl LabelFirsts {
    pub fn of(keys: &[LabelKey<'_>]) -> LabelFirsts {
        let mut firsts = ByteSet::default();
        for k in keys {
            if let Some(b) = first_char_byte(&k.key) {
                firsts.add(b);
            }
            // The bare form is tried on an unnumbered unit only when it
            // differs from the label.
            let bare = k.bare();
            if bare.len() != k.key.len()
                && let Some(b) = first_char_byte(bare)
            {
                firsts.add(b);
            }
        }
        LabelFirsts { firsts }
    }

    /// False when none of the labels can start unit `i` of `layout` (or
    /// there is no such unit).
    pub fn may_start(&self, layout: &super::layout::Layout, i: usize) -> bool {
        let Some(unit) = layout.units.get(i) else {
            return false;
        };
        match first_char_byte(unit.key()) {
            Some(b) => unit.enum_len() > 0 || self.firsts.has(b),
            None => false,
        }
    }
}

/// The low byte of the first char of a key: told apart by it, far fewer
/// keys share a title's opening than by their first byte (nearly every
/// kanji and kana opens with one of a few lead bytes).
pub(crate) fn first_char_byte(key: &str) -> Option<u8> {
    key.chars().next().map(|c| (u32::from(c) & 0xff) as u8)
}

/// See [`KeySet::may_be_title`].
#[derive(Debug, Default)]
struct TitleBytes {
    first: ByteSet,
    last: ByteSet,
}

impl TitleBytes {
    fn of(titles: &[String], preambles: &[String], suffixes: &[String]) -> TitleBytes {
        let mut t = TitleBytes::default();
        for k in titles.iter().chain(preambles) {
            if let Some(b) = first_char_byte(k) {
                t.first.add(b);
            }
        }
        for k in suffixes {
            match k.as_bytes().last() {
                Some(&b) => t.last.add(b),
                // An empty suffix ends every key.
                None => t.last = ByteSet([u64::MAX; 4]),
            }
        }
        t
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
