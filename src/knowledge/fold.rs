//! Loose text matching that maps back to the original bytes.
//!
//! Submissions write the same phrase many ways: full- or half-width digits
//! and letters (令和５ / 令和5), stray spaces or line breaks inside a phrase
//! (令和 ５年度版, a PDF export breaking a line mid-word), half-width katakana.
//! [`Folded`] turns a text into a sequence of comparable characters (NFKC per
//! character, whitespace dropped, ASCII lower-cased, voiced sound marks
//! recomposed), each remembering the byte range of the original text it came
//! from, so that a match found on the folded text is reported, highlighted
//! and fixed on the exact original span.

use unicode_normalization::UnicodeNormalization;

/// A folded text: comparable characters with their original byte ranges.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    chars: Vec<char>,
    /// Byte range `start..end` of the original text each folded char stands for.
    spans: Vec<(usize, usize)>,
}

/// Fold one string into comparable characters (no mapping kept).
pub fn fold_str(s: &str) -> Vec<char> {
    Folded::new(s).chars
}

impl Folded {
    pub fn new(text: &str) -> Self {
        let mut out = Folded::default();
        for (start, c) in text.char_indices() {
            let end = start + c.len_utf8();
            if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
                continue;
            }
            // ASCII, kana and kanji fold to themselves (lower-cased).
            if crate::base::is_nfkc_stable(c) {
                out.chars.push(c.to_ascii_lowercase());
                out.spans.push((start, end));
                continue;
            }
            // Most other characters are their own NFKC form: skip the normaliser.
            let quick = unicode_normalization::is_nfkc_quick(std::iter::once(c))
                == unicode_normalization::IsNormalized::Yes;
            let normalized: &mut dyn Iterator<Item = char> = if quick {
                &mut std::iter::once(c)
            } else {
                &mut std::iter::once(c).nfkc()
            };
            for f in normalized {
                if f.is_whitespace() {
                    continue;
                }
                let f = f.to_ascii_lowercase();
                // A combining (semi-)voiced mark from half-width katakana
                // (ﾀﾞ) joins the previous character: ダ.
                if matches!(f, '\u{3099}' | '\u{309A}')
                    && let (Some(prev), Some(span)) = (out.chars.last_mut(), out.spans.last_mut())
                    && let Some(composed) = unicode_normalization::char::compose(*prev, f)
                {
                    *prev = composed;
                    span.1 = end;
                    continue;
                }
                out.chars.push(f);
                out.spans.push((start, end));
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// Byte range in the original text of folded chars `from..to`.
    pub fn byte_range(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        if from >= to {
            return None;
        }
        let first = self.spans.get(from)?;
        let last = self.spans.get(to - 1)?;
        Some((first.0, last.1))
    }

    /// Every occurrence of `needle` (already folded) as folded-char index
    /// ranges, left to right, non-overlapping. An ASCII letter or digit at
    /// either end of the needle must not continue a word in the text (so
    /// `nisc` does not match inside `niscom`, `2023` not inside `12023`).
    pub fn find_all(&self, needle: &[char]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let (n, m) = (self.chars.len(), needle.len());
        if m == 0 || m > n {
            return out;
        }
        let first = needle[0];
        let mut i = 0;
        while i + m <= n {
            // Jump to the next place the needle's first char stands: most
            // units hold no phrase at all, and a scan for one char is cheap.
            let Some(skip) = self.chars[i..=n - m].iter().position(|&c| c == first) else {
                break;
            };
            i += skip;
            if self.chars[i..i + m] == *needle && self.boundary_ok(i, i + m, needle) {
                out.push((i, i + m));
                i += m;
            } else {
                i += 1;
            }
        }
        out
    }

    fn boundary_ok(&self, from: usize, to: usize, needle: &[char]) -> bool {
        let word = |c: &char| c.is_ascii_alphanumeric();
        if needle.first().is_some_and(word)
            && from > 0
            && self.chars.get(from - 1).is_some_and(word)
        {
            return false;
        }
        if needle.last().is_some_and(word) && self.chars.get(to).is_some_and(word) {
            return false;
        }
        true
    }

    /// True when `needle` occurs ending at most `window` folded chars before
    /// `at` (an occurrence ending exactly at `at` counts).
    pub fn occurs_before(&self, needle: &[char], at: usize, window: usize) -> bool {
        let m = needle.len();
        if m == 0 {
            return false;
        }
        let lowest_end = at.saturating_sub(window);
        (lowest_end.max(m)..=at.min(self.chars.len()))
            .any(|end| self.chars[end - m..end] == *needle)
    }

    /// True when `needle` starts at most `window` folded chars after `at`.
    pub fn occurs_after(&self, needle: &[char], at: usize, window: usize) -> bool {
        let m = needle.len();
        if m == 0 {
            return false;
        }
        let n = self.chars.len();
        (at..=(at + window).min(n.saturating_sub(m)))
            .filter(|s| s + m <= n)
            .any(|s| self.chars[s..s + m] == *needle)
    }

    /// True when the folded text right before `at` ends with `needle`.
    pub fn ends_with_before(&self, needle: &[char], at: usize) -> bool {
        let m = needle.len();
        m > 0 && at >= m && self.chars[at - m..at] == *needle
    }

    /// True when the folded text from `at` starts with `needle`.
    pub fn starts_with_at(&self, needle: &[char], at: usize) -> bool {
        let m = needle.len();
        m > 0 && at + m <= self.chars.len() && self.chars[at..at + m] == *needle
    }
}

/// A quick test of whether a text can hold one of a set of folded phrases:
/// every character of a phrase must be among the characters the text folds
/// to. Most text units of a form hold none of a phrase's characters all
/// together, and then need not be folded nor searched at all.
#[derive(Debug, Clone)]
pub struct Sieve {
    /// The distinct characters of all phrases, sorted (at most 128).
    chars: Vec<char>,
    /// For each phrase, the bits (indices into `chars`) of its characters.
    phrases: Vec<u128>,
    /// Too many distinct characters for the bit sets: every text passes.
    open: bool,
    /// The phrase characters by the low 12 bits of the code point: 0 for
    /// none (most characters of a text are in no phrase, and are passed
    /// over with one look-up), `i + 1` when `chars[i]` is the only one,
    /// [`SHARED`] when several share the slot (then a binary search).
    slots: Box<[u8; SLOTS]>,
    /// A bit per code point of the Basic Multilingual Plane, set for a
    /// character whose fold holds no phrase character (and joins no
    /// neighbour): one that folds to itself and is in no phrase, white
    /// space, full-width ASCII whose ASCII character is in none. Nearly
    /// every character of a text, passed over with one test.
    cold: Box<[u64; 1024]>,
}

impl Default for Sieve {
    fn default() -> Self {
        Sieve {
            chars: Vec::new(),
            phrases: Vec::new(),
            open: false,
            slots: Box::new([0; SLOTS]),
            cold: Box::new([0; 1024]),
        }
    }
}

/// The characters of the punctuation and symbol blocks U+2000–U+2BFF,
/// U+3000–U+30FF and U+FF5F–U+FFEF that fold as themselves (quick check
/// "yes", which no sound mark is) or to nothing (white space), as a bit
/// set like [`Sieve::cold`]: once per process, as each sieve starts from
/// it (※, ■, ─, the ideographic space are common in forms, and each sent
/// [`Sieve::may_hold`] to the normaliser's tables).
fn self_folding_symbols() -> &'static [u64; 1024] {
    static SYMBOLS: std::sync::OnceLock<Box<[u64; 1024]>> = std::sync::OnceLock::new();
    SYMBOLS.get_or_init(|| {
        let mut bits = Box::new([0u64; 1024]);
        let blocks = [0x2000..=0x2BFF_u32, 0x3000..=0x30FF, 0xFF5F..=0xFFEF];
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            let quick = unicode_normalization::is_nfkc_quick(std::iter::once(c))
                == unicode_normalization::IsNormalized::Yes;
            if c.is_whitespace() || quick {
                bits[c as usize >> 6] |= 1 << (c as u32 & 63);
            }
        }
        bits
    })
}

const SLOTS: usize = 4096;
const SHARED: u8 = u8::MAX;

/// The slot of a character in [`Sieve::slots`].
fn slot_of(c: char) -> usize {
    c as usize % SLOTS
}

impl Sieve {
    pub fn new<'p>(phrases: impl IntoIterator<Item = &'p [char]>) -> Self {
        let phrases: Vec<&[char]> = phrases.into_iter().collect();
        let mut chars: Vec<char> = phrases.iter().flat_map(|p| p.iter().copied()).collect();
        chars.sort_unstable();
        chars.dedup();
        // 128 bits per set; and an index + 1 must stay below SHARED.
        if chars.len() > 128 {
            return Sieve {
                open: true,
                ..Sieve::default()
            };
        }
        let mut slots = Box::new([0u8; SLOTS]);
        for (i, &c) in chars.iter().enumerate() {
            let slot = &mut slots[slot_of(c)];
            *slot = if *slot == 0 { i as u8 + 1 } else { SHARED };
        }
        let mut cold = crate::base::stable_bmp();
        for (word, symbols) in cold.iter_mut().zip(self_folding_symbols().iter()) {
            *word |= symbols;
        }
        for &c in &chars {
            let u = c as usize;
            if let Some(word) = cold.get_mut(u >> 6) {
                *word &= !(1 << (u & 63));
            }
        }
        // Full-width ASCII folds to its ASCII character (lower-cased):
        // cold when that one is in no phrase.
        for u in 0xFF01..=0xFF5E_u32 {
            let ascii = char::from_u32(u - 0xFEE0).map(|a| a.to_ascii_lowercase());
            if ascii.is_some_and(|a| chars.binary_search(&a).is_err()) {
                cold[u as usize >> 6] |= 1 << (u & 63);
            }
        }
        let mut sieve = Sieve {
            chars,
            phrases: Vec::new(),
            open: false,
            slots,
            cold,
        };
        sieve.phrases = phrases
            .iter()
            .map(|p| p.iter().fold(0, |bits, &c| bits | sieve.bit(c)))
            .collect();
        sieve
    }

    /// The bit of `c` in a set of phrase characters; 0 for any other.
    #[inline]
    fn bit(&self, c: char) -> u128 {
        let index = match self.slots[slot_of(c)] {
            0 => return 0,
            SHARED => match self.chars.binary_search(&c) {
                Ok(i) => i,
                Err(_) => return 0,
            },
            k => {
                let i = usize::from(k - 1);
                if self.chars.get(i) != Some(&c) {
                    return 0;
                }
                i
            }
        };
        1u128 << index
    }

    /// False only when no phrase can occur in `text` once folded (as
    /// [`Folded::new`] folds it).
    pub fn may_hold(&self, text: &str) -> bool {
        if self.open {
            return true;
        }
        let bytes = text.as_bytes();
        let mut seen = 0u128;
        let mut at = 0;
        loop {
            at = self.skip_cold(bytes, at);
            match bytes.get(at..) {
                // A three-byte character that folds to itself and is in a
                // phrase (a cold one was passed over above).
                Some(&[b0 @ 0xE0..=0xEF, b1, b2, ..]) => {
                    let u = u32::from(b0 & 0x0F) << 12
                        | u32::from(b1 & 0x3F) << 6
                        | u32::from(b2 & 0x3F);
                    if crate::base::is_stable_code(u) {
                        seen |= self.bit_of_code(u);
                        at += 3;
                        continue;
                    }
                    // Otherwise (the ideographic space, full-width ASCII
                    // and the like) folded below, as any other character.
                }
                Some(&[b @ 0..=0x7F, ..]) => {
                    seen |= self.bit_of_code(u32::from(b.to_ascii_lowercase()));
                    at += 1;
                    continue;
                }
                Some([]) | None => break,
                _ => {}
            }
            // Any other character: decoded and folded the general way.
            let Some(c) = text.get(at..).and_then(|r| r.chars().next()) else {
                break;
            };
            at += c.len_utf8();
            if !self.see_folded(c, &mut seen) {
                return true;
            }
        }
        // Most texts hold no phrase character at all.
        if seen == 0 {
            return self.phrases.contains(&0);
        }
        // A phrase none of whose characters is missing.
        self.phrases.iter().any(|&p| p & !seen == 0)
    }

    /// The byte index of the first character from `at` on that is not a
    /// three-byte one in [`Sieve::cold`]. Kana, kanji and CJK punctuation
    /// (nearly all of a Japanese text) are three bytes, fold to themselves
    /// and are in no phrase: each costs one bit test on its bytes, the
    /// word picked by the low bits of the first two (the code point's
    /// bits 6–15), the bit by the third's (bits 0–5), without decoding.
    #[inline(always)]
    fn skip_cold(&self, bytes: &[u8], mut at: usize) -> usize {
        while let Some(&[b0, b1, b2]) = bytes.get(at..at + 3) {
            if b0 & 0xF0 != 0xE0 {
                break;
            }
            let word = self.cold[usize::from(b0 & 0x0F) << 6 | usize::from(b1 & 0x3F)];
            if word >> (b2 & 63) & 1 == 0 {
                break;
            }
            at += 3;
        }
        at
    }

    /// [`Sieve::bit`] of the character with code point `u`.
    #[inline]
    fn bit_of_code(&self, u: u32) -> u128 {
        match self.slots[u as usize % SLOTS] {
            0 => 0,
            _ => char::from_u32(u).map_or(0, |c| self.bit(c)),
        }
    }

    /// Add to `seen` the bits of what a character that is not NFKC-stable
    /// folds to; false when it cannot be told here (a sound mark joining
    /// the character before it), and the text must be folded.
    fn see_folded(&self, c: char, seen: &mut u128) -> bool {
        if c.is_whitespace() {
            return true;
        }
        // Full-width ASCII (（, ０, Ａ), common in Japanese text: NFKC
        // gives the ASCII character, without the quick check's look-up.
        if let '\u{ff01}'..='\u{ff5e}' = c
            && let Some(ascii) = char::from_u32(c as u32 - 0xfee0)
        {
            *seen |= self.bit(ascii.to_ascii_lowercase());
            return true;
        }
        let quick = unicode_normalization::is_nfkc_quick(std::iter::once(c))
            == unicode_normalization::IsNormalized::Yes;
        if quick {
            *seen |= self.bit(c);
            return true;
        }
        for f in std::iter::once(c).nfkc() {
            // A sound mark joins the character before it into a new
            // one: too rare to work out here, so the text is folded.
            if matches!(f, '\u{3099}' | '\u{309A}') {
                return false;
            }
            *seen |= self.bit(f.to_ascii_lowercase());
        }
        true
    }
}

/// Bring the digits of `replacement` to the width used by `original`: a
/// document that writes 令和5年度版 gets 令和7年度版, one that writes
/// 令和５年度版 gets 令和７年度版.
pub fn match_digit_width(original: &str, replacement: &str) -> String {
    let has_ascii = original.chars().any(|c| c.is_ascii_digit());
    let has_wide = original.chars().any(|c| ('０'..='９').contains(&c));
    if has_ascii && !has_wide {
        replacement
            .chars()
            .map(|c| {
                if ('０'..='９').contains(&c) {
                    char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect()
    } else if has_wide && !has_ascii {
        replacement
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect()
    } else {
        replacement.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, pat: &str) -> Vec<String> {
        let f = Folded::new(text);
        f.find_all(&fold_str(pat))
            .into_iter()
            .filter_map(|(a, b)| f.byte_range(a, b))
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn digits_spaces_and_breaks_fold() {
        assert_eq!(
            find("（令和５年度版）", "令和5年度版"),
            vec!["令和５年度版"]
        );
        assert_eq!(
            find("令和 ５ 年度版", "令和５年度版"),
            vec!["令和 ５ 年度版"]
        );
        assert_eq!(
            find("令和\n5年度\u{3000}版", "令和５年度版"),
            vec!["令和\n5年度\u{3000}版"]
        );
        assert!(find("令和７年度版", "令和５年度版").is_empty());
    }

    #[test]
    fn half_width_katakana_recomposes() {
        assert_eq!(
            find("ｻｲﾊﾞｰｾｷｭﾘﾃｨｾﾝﾀｰ", "サイバーセキュリティセンター").len(),
            1
        );
    }

    #[test]
    fn ascii_words_need_boundaries() {
        assert_eq!(find("（ＮＩＳＣ）", "NISC"), vec!["ＮＩＳＣ"]);
        assert!(find("NISCOM", "NISC").is_empty());
        assert!(find("12023年度版", "2023年度版").is_empty());
    }

    #[test]
    fn digit_width_follows_original() {
        assert_eq!(
            match_digit_width("令和5年度版", "令和７年度版"),
            "令和7年度版"
        );
        assert_eq!(
            match_digit_width("令和５年度版", "令和7年度版"),
            "令和７年度版"
        );
        assert_eq!(match_digit_width("内閣", "令和７年度版"), "令和７年度版");
    }

    #[test]
    fn the_sieve_lets_through_every_text_that_folds_to_a_phrase() {
        let phrases: Vec<Vec<char>> = ["令和5年度版", "nisc", "サイバー"]
            .iter()
            .map(|p| fold_str(p))
            .collect();
        let sieve = Sieve::new(phrases.iter().map(Vec::as_slice));
        for text in [
            "（令和５年度版）",
            "令和 ５ 年度\n版",
            "ＮＩＳＣ",
            "ｻｲﾊﾞｰ",
            "版度年5和令",
        ] {
            assert!(sieve.may_hold(text), "{text}");
        }
        for text in ["令和７年４月１日", "nis", "内閣", ""] {
            assert!(!sieve.may_hold(text), "{text}");
        }
    }

    #[test]
    fn sieve_tells_apart_characters_that_share_a_slot() {
        // 一 (U+4E00) and 帀 (U+5E00) share their low 12 bits; 丁 (U+4E01)
        // has a slot of its own, 币 (U+5E01) is in no phrase but in its slot.
        let phrases: Vec<Vec<char>> = vec!["一丁".chars().collect(), "帀".chars().collect()];
        let sieve = Sieve::new(phrases.iter().map(Vec::as_slice));
        assert!(sieve.may_hold("一と丁"));
        assert!(sieve.may_hold("帀"));
        assert!(!sieve.may_hold("一"));
        assert!(!sieve.may_hold("币一"));
        assert!(!sieve.may_hold("币丁"));
    }

    /// Over the blocks whose characters the sieve may pass over unfolded,
    /// it answers as folding the text and comparing characters does.
    #[test]
    fn the_sieve_passes_over_only_characters_that_add_nothing() {
        let phrases: Vec<Vec<char>> = ["※5", "■x", "〜"].iter().map(|p| fold_str(p)).collect();
        let sieve = Sieve::new(phrases.iter().map(Vec::as_slice));
        let blocks = [0x2000..=0x2BFF_u32, 0x3000..=0x30FF, 0xFF00..=0xFFEF];
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            let text = format!("{c}5X");
            let folded = Folded::new(&text);
            let want = phrases
                .iter()
                .any(|p| p.iter().all(|pc| folded.chars().contains(pc)));
            // A sound mark sends the text to be folded: the sieve says yes.
            let joins = std::iter::once(c)
                .nfkc()
                .any(|f| matches!(f, '\u{3099}' | '\u{309A}'));
            assert_eq!(sieve.may_hold(&text), want || joins, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn context_windows() {
        let f = Folded::new("統一基準」（令和５年度版）");
        let at = f.find_all(&fold_str("令和５年度版"))[0].0;
        assert!(f.occurs_before(&fold_str("統一基準"), at, 4));
        assert!(!f.occurs_before(&fold_str("統一基準"), at, 1));
    }
}
