//! Text folding shared by every layer: the NFKC fast path and the
//! blank-free form entries are compared in.

use unicode_normalization::UnicodeNormalization;

/// Characters known to be their own NFKC form whatever surrounds them
/// (ASCII, hiragana, katakana without the sound marks, CJK unified
/// ideographs): the bulk of a Japanese form, answered without a table look-up.
pub fn is_nfkc_stable(c: char) -> bool {
    c.is_ascii()
        || matches!(c, '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}' | '\u{4e00}'..='\u{9fff}')
}

/// NFKC with every blank removed: the form used to compare entries.
pub fn squash(s: &str) -> String {
    // A text already in NFKC (the usual case) needs no normaliser.
    if s.chars().all(is_nfkc_stable)
        || unicode_normalization::is_nfkc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        let mut out = String::with_capacity(s.len());
        out.extend(s.chars().filter(|c| !c.is_whitespace()));
        return out;
    }
    let mut out = String::with_capacity(s.len());
    out.extend(s.nfkc().filter(|c| !c.is_whitespace()));
    out
}
