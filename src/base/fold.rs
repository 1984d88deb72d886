//! Text folding shared by every layer: the NFKC fast path and the
//! blank-free form entries are compared in.

use unicode_normalization::UnicodeNormalization;

/// Characters known to be their own NFKC form whatever surrounds them
/// (ASCII, hiragana, katakana without the sound marks, CJK unified
/// ideographs, and the CJK punctuation 、。「」【】〇々・ー without the
/// ideographic space, the tone marks and the few with a compatibility
/// mapping): the bulk
/// of a Japanese form, answered without a table look-up. Punctuation is in
/// nearly every sentence, and one such character sent a whole text to the
/// normaliser. The test `stable_chars_are_their_own_nfkc_form` checks
/// every char of these ranges against the Unicode tables.
pub fn is_nfkc_stable(c: char) -> bool {
    is_stable_code(c as u32)
}

/// [`is_nfkc_stable`] of the character with code point `u`.
#[inline]
pub fn is_stable_code(u: u32) -> bool {
    if u < 0x80 {
        return true;
    }
    if u >= 0x4e00 {
        return u <= 0x9fff;
    }
    // U+3000–U+30FF by a 256-bit mask: one test instead of six ranges.
    u >> 8 == 0x30 && STABLE_30XX[(u as usize >> 6) & 3] >> (u & 63) & 1 == 1
}

/// [`is_nfkc_stable`] of every code point below U+10000 as a bit set (bit
/// `u & 63` of word `u >> 6`), filled by its ranges.
pub fn stable_bmp() -> Box<[u64; 1024]> {
    let mut bits = Box::new([0u64; 1024]);
    // ASCII, and U+4E00–U+9FFF (words 0x138–0x27F) whole.
    bits[0] = u64::MAX;
    bits[1] = u64::MAX;
    for word in &mut bits[0x4e00 >> 6..0xa000 >> 6] {
        *word = u64::MAX;
    }
    bits[0x3000 >> 6..0x3100 >> 6].copy_from_slice(&STABLE_30XX);
    bits
}

/// The stable chars of U+3000–U+30FF as a bit mask (bit `u & 0xff`).
const STABLE_30XX: [u64; 4] = mask_30xx(&[
    (0x3001, 0x3029),
    (0x3030, 0x3035),
    (0x303b, 0x303f),
    (0x3041, 0x3096),
    (0x30a1, 0x30fa),
    (0x30fb, 0x30fe),
]);

/// A bit mask over U+3000–U+30FF (bit `u & 0xff`) of the chars of
/// `ranges` (inclusive, inside that block): kana and CJK punctuation,
/// nearly all of a Japanese text, told by one bit test.
pub const fn mask_30xx(ranges: &[(u32, u32)]) -> [u64; 4] {
    let mut mask = [0u64; 4];
    let mut r = 0;
    while r < ranges.len() {
        let (lo, hi) = ranges[r];
        let mut u = lo;
        while u <= hi {
            mask[((u & 0xff) >> 6) as usize] |= 1 << (u & 63);
            u += 1;
        }
        r += 1;
    }
    mask
}

/// Whether the char of the UTF-8 bytes `E3 b1 b2`, `b1` in 80–83
/// (U+3000–U+30FF), is in `mask` (see [`mask_30xx`]), told without
/// decoding it.
#[inline]
pub fn in_mask_30xx(mask: &[u64; 4], b1: u8, b2: u8) -> bool {
    let u = (usize::from(b1 & 3) << 6) | usize::from(b2 & 0x3f);
    mask[u >> 6] >> (u & 63) & 1 == 1
}

/// The NFKC form of `c` when it is one character that no neighbour can
/// change: NFKC-stable characters, full-width ASCII (`（`, `０`) and the
/// ideographic space (their compatibility mapping), and any other starter
/// the quick check calls normalised. A text of such characters only is
/// NFKC'd character by character: its decomposition equals that of the
/// text with these mappings applied, which holds only starters NFKC keeps
/// (none composes with another: a second of a composition is a quick-check
/// "maybe"). None for any other character.
fn alone(c: char) -> Option<char> {
    if is_nfkc_stable(c) {
        return Some(c);
    }
    if let '\u{ff01}'..='\u{ff5e}' = c {
        return char::from_u32(c as u32 - 0xfee0);
    }
    if c == '\u{3000}' {
        return Some(' ');
    }
    let starter = unicode_normalization::char::canonical_combining_class(c) == 0;
    let quick = unicode_normalization::is_nfkc_quick(std::iter::once(c))
        == unicode_normalization::IsNormalized::Yes;
    (starter && quick).then_some(c)
}

/// NFKC with every blank removed: the form used to compare entries.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // The usual text needs no normaliser (see `alone`). A run of stable,
    // non-blank characters (nearly all of a text) is copied whole, not
    // pushed a character at a time.
    let mut run = 0;
    let mut at = 0;
    loop {
        at = skip_stable(s.as_bytes(), at);
        let Some(c) = s.get(at..).and_then(|r| r.chars().next()) else {
            break;
        };
        let i = at;
        at += c.len_utf8();
        // The only blanks among stable characters are ASCII's (what
        // `char::is_whitespace` counts there, U+000B included).
        if is_nfkc_stable(c) && !matches!(c, ' ' | '\t'..='\r') {
            continue;
        }
        out.push_str(s.get(run..i).unwrap_or_default());
        run = at;
        match alone(c) {
            Some(m) => {
                if !m.is_whitespace() {
                    out.push(m);
                }
            }
            None => {
                out.clear();
                out.extend(s.nfkc().filter(|c| !c.is_whitespace()));
                return out;
            }
        }
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out
}

/// The byte index of the first character from `at` on that is not surely
/// NFKC-stable and non-blank: printable ASCII, CJK unified ideographs and
/// the stable U+3000–U+30FF, told from their UTF-8 bytes without decoding
/// (decoding and testing each character was most of [`squash`]). Any
/// other character stops the walk and is tested the general way.
#[inline]
fn skip_stable(bytes: &[u8], mut at: usize) -> usize {
    loop {
        match bytes.get(at..).unwrap_or_default() {
            [0x21..=0x7F, ..] => at += 1,
            // U+5000–U+9FFF, and U+4E00–U+4FFF.
            [0xE5..=0xE9, _, _, ..] | [0xE4, 0xB8..=0xBF, _, ..] => at += 3,
            &[0xE3, b1 @ 0x80..=0x83, b2, ..] => {
                if !in_mask_30xx(&STABLE_30XX, b1, b2) {
                    return at;
                }
                at += 3;
            }
            _ => return at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every stable char is a starter, its own NFKC form (quick check
    /// "yes"), and neither white space nor a sound mark.
    #[test]
    fn stable_chars_are_their_own_nfkc_form() {
        let mut stable = 0;
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            if !is_nfkc_stable(c) {
                continue;
            }
            stable += 1;
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
            assert_eq!(
                unicode_normalization::is_nfkc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(
                c.to_string().nfkc().collect::<String>(),
                c.to_string(),
                "{c:?}"
            );
            assert!(!c.is_whitespace() || c.is_ascii(), "{c:?}");
            // Not the second of any canonical composition.
            for first in ['か', 'ハ', 'A', 'ᄀ', '가'] {
                assert_eq!(
                    unicode_normalization::char::compose(first, c),
                    None,
                    "{c:?}"
                );
            }
        }
        assert!(stable > 21_000);
        // The mask holds exactly the ranges it is built from.
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            let listed = c.is_ascii()
                || matches!(
                    c,
                    '\u{3041}'..='\u{3096}'
                        | '\u{30a1}'..='\u{30fe}'
                        | '\u{4e00}'..='\u{9fff}'
                        | '\u{3001}'..='\u{3029}'
                        | '\u{3030}'..='\u{3035}'
                        | '\u{303b}'..='\u{303f}'
                );
            assert_eq!(is_nfkc_stable(c), listed, "{c:?}");
        }
        for c in [
            '\u{3000}', '\u{302a}', '\u{3036}', '\u{3038}', '\u{309b}', 'ｶ', '\u{3099}',
        ] {
            assert!(!is_nfkc_stable(c), "{c:?}");
        }
    }

    #[test]
    fn the_stable_bit_set_is_the_stable_test() {
        let bits = stable_bmp();
        for u in 0..0x1_0000u32 {
            let set = bits[u as usize >> 6] >> (u & 63) & 1 == 1;
            assert_eq!(set, is_stable_code(u), "U+{u:04X}");
        }
    }

    /// The character-by-character path gives what the normaliser gives.
    #[test]
    fn squash_matches_the_normaliser() {
        for s in [
            "（様式１）　申請者：山田　太郎",
            "Ｅ－ｍａｉｌ：ａｂｃ＠ｅｘａｍｐｌｅ．ｊｐ",
            "令和７年４月１日、「事業」・。",
            "ｶﾞｷﾞ ｸﾞ",
            "Ａ\u{301}ｅ",
            "か\u{3099}き",
            "㍻①²…ﬁ",
            "  tab\tnew\nline ",
            "vt\u{b}ff\u{c}cr\r",
            "",
        ] {
            let want: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(squash(s), want, "{s}");
        }
    }

    /// Every character of the Basic Multilingual Plane, alone and beside
    /// the kinds of neighbours the fast path passes (ASCII, full-width
    /// ASCII, kana, a precomposed letter) and a sound mark.
    #[test]
    fn squash_matches_the_normaliser_for_every_bmp_character() {
        let contexts = [
            "{}",
            "a{}",
            "{}a",
            "Ａ{}",
            "{}Ａ",
            "か{}",
            "{}\u{3099}",
            "é{}",
        ];
        for code in 0..0x1_0000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for ctx in contexts {
                let s = ctx.replace("{}", &c.to_string());
                let want: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
                assert_eq!(squash(&s), want, "U+{code:04X} in {ctx}");
            }
        }
    }
}
