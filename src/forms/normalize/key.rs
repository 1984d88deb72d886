//! The matching key of a text ([`norm_key`]): NFKC, no white space,
//! ASCII lower-cased, with the way back to the original; and the
//! enumerator a key may open with.

use crate::base::is_nfkc_stable;
use unicode_normalization::UnicodeNormalization;

/// A text reduced for matching, with the way back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NormText {
    /// NFKC, white space removed, ASCII lower-cased.
    pub key: String,
    /// The way back, by pieces of the key: each piece starts at a byte
    /// of the key and is either a run of chars copied from the original
    /// or the chars one original char became. No piece before the first
    /// means the key opens with a run copied from the original's start.
    /// (A byte offset per key char, as it was, cost a push per char and an
    /// allocation eight times the text for every line of every document,
    /// for offsets asked of a few lines.)
    pieces: Vec<Piece>,
    /// Chars in `key`.
    chars: usize,
    /// The original's length in bytes.
    raw_len: usize,
}

/// See [`NormText::pieces`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// The byte of the key the piece starts at.
    key_byte: usize,
    /// Where in the original the piece comes from.
    raw: usize,
    /// Copied as it is (a key char's offset in the original follows from
    /// its offset in the key), or made from the one char at `raw`.
    copied: bool,
}

impl NormText {
    /// Byte offset in the original text where the key's `char_index`-th
    /// char came from (the original's end past the last char).
    pub fn raw_offset(&self, char_index: usize) -> usize {
        let Some((key_byte, _)) = self.key.char_indices().nth(char_index) else {
            return self.raw_len;
        };
        let at = self.pieces.partition_point(|p| p.key_byte <= key_byte);
        match at.checked_sub(1).and_then(|k| self.pieces.get(k)) {
            Some(p) if p.copied => p.raw + (key_byte - p.key_byte),
            Some(p) => p.raw,
            None => key_byte,
        }
    }

    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// A text with one changed char has two or three pieces, with more
    /// often a dozen: room for eight at once, not grown from four.
    fn push_piece(&mut self, p: Piece) {
        if self.pieces.capacity() == 0 {
            self.pieces.reserve_exact(8);
        }
        self.pieces.push(p);
    }
}

/// Characters dropped from keys: white space of every width, zero-width
/// marks, the byte-order mark.
pub(super) fn is_ignorable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

/// Punctuation, arrows, box drawing, shapes (`※`, `○`, `□`, `→`, `、`,
/// `「」`, `・`, `ー`) common in every Japanese form: each is its own NFKC
/// form (quick check "yes"), neither white space nor a voiced mark, so
/// [`norm_key`] keeps it as it is without asking the normaliser (the
/// test `symbol_ranges_are_kept_by_nfkc` checks every char of them).
fn is_symbol_kept(c: char) -> bool {
    matches!(
        c,
        '\u{2012}'..='\u{2016}'
            | '\u{2018}'..='\u{2023}'
            | '\u{2038}'..='\u{203b}'
            | '\u{218a}'..='\u{222b}'
            | '\u{2231}'..='\u{2328}'
            | '\u{232b}'..='\u{245f}'
            | '\u{24eb}'..='\u{2a0b}'
            | '\u{3001}'..='\u{3035}'
            | '\u{303b}'..='\u{3040}'
            | '\u{30fb}'..='\u{30fe}'
    )
}

/// A char that is its own key char: ASCII other than white space and
/// capitals, kana, kanji and the symbols above (their own NFKC form, never
/// white space, no case, never a voiced mark to compose).
fn is_kept_as_is(c: char) -> bool {
    if c.is_ascii() {
        // `char::is_whitespace` of an ASCII char, and the capitals.
        !matches!(c, '\t'..='\r' | ' ' | 'A'..='Z')
    } else {
        is_nfkc_stable(c) || is_symbol_kept(c)
    }
}

/// The matching key of a text, with a map back to the original.
pub fn norm_key(raw: &str) -> NormText {
    let bytes = raw.as_bytes();
    let mut n = NormText {
        key: String::with_capacity(raw.len()),
        pieces: Vec::new(),
        chars: 0,
        raw_len: raw.len(),
    };
    // Chars kept as they are (nearly all) are copied a run at a time: the
    // pending run starts at byte `run`. Chars are counted as they are
    // passed (kept ones by `pass_kept`, changed ones as they are pushed),
    // not by a second walk over the key.
    let mut run = 0;
    let mut off = 0;
    loop {
        let (to, kept) = pass_kept(bytes, off);
        n.chars += kept;
        off = to;
        // The ideographic space, the full-width ASCII forms and ASCII
        // white space and capitals (most of the rest) are changed without
        // decoding them.
        let width = match bytes.get(off..) {
            None | Some([]) => break,
            // U+3000, the ideographic space: dropped (no piece).
            Some([0xe3, 0x80, 0x80, ..]) => {
                copy_run(&mut n, raw, run, off);
                3
            }
            // U+FF01–U+FF5E (`（`, `：`, `０`): their ASCII char in NFKC.
            Some([0xef, 0xbc, b2 @ 0x81..=0xbf, ..]) => {
                push_ascii(&mut n, raw, run, off, b2 - 0x80 + 0x20);
                3
            }
            Some([0xef, 0xbd, b2 @ 0x80..=0x9e, ..]) => {
                push_ascii(&mut n, raw, run, off, b2 - 0x80 + 0x60);
                3
            }
            Some([b'\t'..=b'\r' | b' ', ..]) => {
                copy_run(&mut n, raw, run, off);
                1
            }
            Some([b @ b'A'..=b'Z', ..]) => {
                push_ascii(&mut n, raw, run, off, *b);
                1
            }
            Some(_) => {
                let Some(c) = raw.get(off..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                let width = c.len_utf8();
                if is_kept_as_is(c) {
                    n.chars += 1;
                    off += width;
                    continue;
                }
                copy_run(&mut n, raw, run, off);
                push_changed(&mut n, off, c);
                width
            }
        };
        off += width;
        run = off;
    }
    copy_run(&mut n, raw, run, raw.len());
    n
}

/// From byte `off` of a UTF-8 text, pass the chars told kept as they are
/// from their bytes alone, without decoding: kanji, kana and ASCII other
/// than white space and capitals (most chars). Returns where it stopped
/// and the chars passed. (Kept apart from [`norm_key`] so that this loop
/// keeps its few values in registers.)
fn pass_kept(bytes: &[u8], mut off: usize) -> (usize, usize) {
    let mut chars = 0;
    // A lead byte promises its continuation bytes (the text is UTF-8):
    // a char's width follows from its first byte.
    while let Some(&b) = bytes.get(off) {
        let width = match b {
            0xe5..=0xe9 => 3,
            0xe4 if matches!(bytes.get(off + 1), Some(0xb8..=0xbf)) => 3,
            0xe3 => match bytes.get(off + 1..off + 3) {
                Some(&[b1 @ 0x80..=0x83, b2]) if is_kept_30xx(b1, b2) => 3,
                _ => break,
            },
            b'\t'..=b'\r' | b' ' | b'A'..=b'Z' => break,
            0..=0x7f => 1,
            _ => break,
        };
        off += width;
        chars += 1;
    }
    (off, chars)
}

/// Is the char of the UTF-8 bytes `E3 b1 b2`, `b1` in 80–83 (U+3000–U+30FF:
/// kana, CJK punctuation), kept as it is? One bit of [`KEPT_30XX`].
fn is_kept_30xx(b1: u8, b2: u8) -> bool {
    crate::base::in_mask_30xx(&KEPT_30XX, b1, b2)
}

/// [`is_kept_as_is`] of U+3000–U+30FF as a bit mask (bit `u & 0xff`): the
/// NFKC-stable kana and punctuation, and the symbols kept
/// (`kept_30xx_mask_agrees` checks it char by char).
const KEPT_30XX: [u64; 4] =
    crate::base::mask_30xx(&[(0x3001, 0x3035), (0x303b, 0x3096), (0x30a1, 0x30fe)]);

/// Push the pending run, then `ascii` lower-cased: the key char of the
/// one char at byte `off` of the original (a capital, a full-width form).
fn push_ascii(n: &mut NormText, raw: &str, run: usize, off: usize, ascii: u8) {
    copy_run(n, raw, run, off);
    n.push_piece(Piece {
        key_byte: n.key.len(),
        raw: off,
        copied: false,
    });
    n.key.push(char::from(ascii.to_ascii_lowercase()));
    n.chars += 1;
}

/// Copy the original's bytes `run..off`, chars kept as they are, to the
/// key.
fn copy_run(n: &mut NormText, raw: &str, run: usize, off: usize) {
    if off <= run {
        return;
    }
    // A run from the original's start needs no piece (see `pieces`).
    if run > 0 {
        n.push_piece(Piece {
            key_byte: n.key.len(),
            raw: run,
            copied: true,
        });
    }
    n.key.push_str(raw.get(run..off).unwrap_or(""));
}

/// Add to a key the key chars of `c`, a char not kept as it is, found at
/// byte `off` of the original.
fn push_changed(n: &mut NormText, off: usize, c: char) {
    let piece = Piece {
        key_byte: n.key.len(),
        raw: off,
        copied: false,
    };
    let pushed = push_changed_chars(n, c);
    if pushed > 0 {
        n.push_piece(piece);
        n.chars += pushed;
    }
}

/// Push the key chars of `c` (see [`push_changed`]); how many, 0 when it
/// has none (white space) or only changed the char before (a voiced mark).
fn push_changed_chars(n: &mut NormText, c: char) -> usize {
    let key = &mut n.key;
    if c.is_ascii() {
        // White space is dropped; a capital lower-cased.
        if c.is_ascii_uppercase() {
            key.push(c.to_ascii_lowercase());
            return 1;
        }
        return 0;
    }
    if is_ignorable(c) {
        return 0;
    }
    // The full-width ASCII forms (`（`, `：`, `０`), common in Japanese
    // text, are their ASCII letter in NFKC: no normaliser either.
    if let '\u{ff01}'..='\u{ff5e}' = c
        && let Some(ascii) = char::from_u32(c as u32 - 0xfee0)
    {
        key.push(ascii.to_ascii_lowercase());
        return 1;
    }
    // Most other characters are their own NFKC form too: skip building
    // a normaliser for them (same result, much faster).
    let mut buf = [0u8; 4];
    let single = [c];
    let quick = unicode_normalization::is_nfkc_quick(single.iter().copied())
        == unicode_normalization::IsNormalized::Yes;
    let normalized: &mut dyn Iterator<Item = char> = if quick {
        &mut single.iter().copied()
    } else {
        &mut c.encode_utf8(&mut buf).nfkc()
    };
    let mut pushed = 0;
    for ch in normalized {
        if is_ignorable(ch) {
            continue;
        }
        // Half-width voiced marks become combining marks: compose them
        // with the kana before (ｶﾞ → ガ).
        if matches!(ch, '\u{3099}' | '\u{309a}')
            && let Some(prev) = key.chars().last()
            && let Some(composed) = unicode_normalization::char::compose(prev, ch)
        {
            key.pop();
            key.push(composed);
            continue;
        }
        key.push(ch.to_ascii_lowercase());
        pushed += 1;
    }
    pushed
}

/// The matching key only.
pub fn key_of(raw: &str) -> String {
    norm_key(raw).key
}

/// The matching keys of some label texts, leaving out those with no key.
pub fn keys_of(raw: &[String]) -> Vec<String> {
    raw.iter()
        .map(|s| key_of(s))
        .filter(|k| !k.is_empty())
        .collect()
}

/// Length in chars of a leading enumerator of a key (`1.`, `(3)`, `ii`,
/// `4)`, a circled digit's `1`), 0 when there is none.
pub fn enumerator_len(key: &str) -> usize {
    // Every enumerator starts with `(`, a digit or a roman numeral's
    // letter: any other first byte (a kanji, nearly every key) is none.
    if !matches!(
        key.as_bytes().first(),
        Some(b'(' | b'0'..=b'9' | b'i' | b'v' | b'x')
    ) {
        return 0;
    }
    // Only the first few chars decide (an enumerator is at most `(12)` or
    // `iii.`; a longer run of digits or numerals is none): look at six,
    // without allocating — this runs for every label tried on every unit.
    let mut buf = ['\0'; 6];
    let mut len = 0;
    for (slot, c) in buf.iter_mut().zip(key.chars()) {
        *slot = c;
        len += 1;
    }
    let chars = &buf[..len];
    let digits = |from: usize| {
        chars[from.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    if chars.first() == Some(&'(') {
        let d = digits(1);
        if (1..=2).contains(&d) && chars.get(1 + d) == Some(&')') {
            return d + 2;
        }
        return 0;
    }
    let d = digits(0);
    if (1..=2).contains(&d) {
        return match chars.get(d) {
            Some('.') | Some(')') => d + 1,
            Some(c) if c.is_ascii_digit() || *c == ',' || *c == '%' => 0,
            Some(_) => d,
            None => 0,
        };
    }
    // Roman numerals (Ⅰ..Ⅹ become i, ii, iii, iv, ... under NFKC + lower).
    let r = chars
        .iter()
        .take_while(|c| matches!(c, 'i' | 'v' | 'x'))
        .count();
    if (1..=4).contains(&r) {
        let next = chars.get(r);
        let is_word = next.is_some_and(|c| c.is_ascii_alphabetic());
        if !is_word && next.is_some() {
            return if next == Some(&'.') { r + 1 } else { r };
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_keys_drop_exactly_white_space() {
        for c in (0u8..128).map(char::from) {
            let want = if c.is_whitespace() {
                String::new()
            } else {
                c.to_ascii_lowercase().to_string()
            };
            assert_eq!(norm_key(&c.to_string()).key, want, "{c:?}");
        }
    }

    #[test]
    fn kept_30xx_mask_agrees() {
        for c in '\u{3000}'..='\u{30ff}' {
            let mut b = [0u8; 4];
            let s = c.encode_utf8(&mut b).as_bytes();
            assert_eq!(is_kept_30xx(s[1], s[2]), is_kept_as_is(c), "{c:?}");
        }
    }

    #[test]
    fn symbol_ranges_are_kept_by_nfkc() {
        let kept: Vec<char> = ('\u{2000}'..='\u{33ff}')
            .filter(|&c| is_symbol_kept(c))
            .collect();
        assert!(kept.len() > 2000 && kept.contains(&'※') && kept.contains(&'ー'));
        for c in kept {
            let one = std::iter::once(c);
            assert_eq!(
                unicode_normalization::is_nfkc_quick(one),
                unicode_normalization::IsNormalized::Yes,
                "{c}"
            );
            assert!(!is_ignorable(c) && !matches!(c, '\u{3099}' | '\u{309a}'));
            assert_eq!(c.to_string().nfkc().collect::<String>(), c.to_string());
        }
    }

    /// The fast path of `norm_key` must agree with the Unicode tables.
    #[test]
    fn nfkc_stable_chars_are_their_own_nfkc_form() {
        let ranges = [
            '\u{0}'..='\u{7f}',
            '\u{3041}'..='\u{3096}',
            '\u{30a1}'..='\u{30fa}',
            '\u{4e00}'..='\u{9fff}',
        ];
        for c in ranges.into_iter().flatten() {
            assert!(is_nfkc_stable(c), "{c:?}");
            assert_eq!(
                unicode_normalization::is_nfkc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(c.to_string().nfkc().collect::<String>(), c.to_string());
        }
        assert!(!is_nfkc_stable('ｶ'));
        assert!(!is_nfkc_stable('\u{309b}'));
    }

    #[test]
    fn key_normalisation() {
        assert_eq!(key_of("Ｅ－ｍａｉｌ"), "e-mail");
        assert_eq!(key_of("代 表 者 氏 名　"), "代表者氏名");
        assert_eq!(key_of("ｶﾞｲﾄﾞ"), "ガイド");
        assert_eq!(key_of("Ⅲ　再委託・外注費"), "iii再委託・外注費");
        let n = norm_key("住　所：東京");
        assert_eq!(n.key, "住所:東京");
        assert_eq!(&"住　所：東京"[n.raw_offset(3)..], "東京");
    }

    #[test]
    fn enumerators() {
        assert_eq!(enumerator_len("1.事業の実施方法"), 2);
        assert_eq!(enumerator_len("1234567890円"), 0);
        assert_eq!(enumerator_len("(1234567)"), 0);
        assert_eq!(enumerator_len("iiiiiiii"), 0);
        assert_eq!(enumerator_len("12"), 0);
        assert_eq!(enumerator_len("ii"), 0);
        assert_eq!(enumerator_len(""), 0);
        assert_eq!(enumerator_len("(3)不正"), 3);
        assert_eq!(enumerator_len("1旅費"), 1);
        assert_eq!(enumerator_len("iii再委託"), 3);
        assert_eq!(enumerator_len("iv一般管理費"), 2);
        assert_eq!(enumerator_len("12,000"), 0);
        assert_eq!(enumerator_len("e-mail"), 0);
        assert_eq!(enumerator_len("iso"), 0);
    }

    /// `norm_key` as it was written first, char by char: the reference the
    /// run-copying one must agree with.
    fn reference(raw: &str) -> (String, Vec<usize>) {
        let mut key = String::with_capacity(raw.len());
        let mut map: Vec<usize> = Vec::with_capacity(raw.len());
        let mut buf = [0u8; 4];
        for (off, c) in raw.char_indices() {
            // ASCII, kana and kanji are their own NFKC form (and never a voiced
            // mark to compose): straight in; of them only ASCII white space is
            // ignorable.
            if c.is_ascii() {
                // `char::is_whitespace` of an ASCII char.
                if !matches!(c, '\t'..='\r' | ' ') {
                    key.push(c.to_ascii_lowercase());
                    map.push(off);
                }
                continue;
            }
            // Kana, kanji and the symbols above: never white space, no case.
            if is_nfkc_stable(c) || is_symbol_kept(c) {
                key.push(c);
                map.push(off);
                continue;
            }
            if is_ignorable(c) {
                continue;
            }
            // The full-width ASCII forms (`（`, `：`, `０`), common in Japanese
            // text, are their ASCII letter in NFKC: no normaliser either.
            if let '\u{ff01}'..='\u{ff5e}' = c
                && let Some(ascii) = char::from_u32(c as u32 - 0xfee0)
            {
                key.push(ascii.to_ascii_lowercase());
                map.push(off);
                continue;
            }
            // Most other characters are their own NFKC form too: skip building
            // a normaliser for them (same result, much faster).
            let single = [c];
            let quick = unicode_normalization::is_nfkc_quick(single.iter().copied())
                == unicode_normalization::IsNormalized::Yes;
            let normalized: &mut dyn Iterator<Item = char> = if quick {
                &mut single.iter().copied()
            } else {
                &mut c.encode_utf8(&mut buf).nfkc()
            };
            for n in normalized {
                if is_ignorable(n) {
                    continue;
                }
                // Half-width voiced marks become combining marks: compose them
                // with the kana before (ｶﾞ → ガ).
                if matches!(n, '\u{3099}' | '\u{309a}')
                    && let Some(prev) = key.chars().last()
                    && let Some(composed) = unicode_normalization::char::compose(prev, n)
                {
                    key.pop();
                    key.push(composed);
                    continue;
                }
                key.push(n.to_ascii_lowercase());
                map.push(off);
            }
        }
        map.push(raw.len());
        (key, map)
    }

    /// The key and every char's offset as the reference has them.
    fn agrees(raw: &str) {
        let n = norm_key(raw);
        let (key, map) = reference(raw);
        assert_eq!(n.key, key, "{raw:?}");
        assert_eq!(n.char_len(), map.len() - 1, "{raw:?}");
        for (k, want) in map.iter().enumerate() {
            assert_eq!(n.raw_offset(k), *want, "{raw:?} char {k}");
        }
        assert_eq!(n.raw_offset(map.len() + 3), raw.len());
    }

    /// Every kind of char the key treats apart, mixed: the same key and
    /// map as the reference.
    #[test]
    fn run_copy_agrees_with_the_reference() {
        let samples = [
            "",
            "ABC def\tGHI",
            "代 表 者 氏 名　",
            "Ｅ－ｍａｉｌ：Ｔｅｓｔ＠ｅｘ.ＪＰ",
            "ｶﾞｲﾄﾞ ﾊﾟﾝﾌﾟ",
            "Ⅲ　再委託・外注費（千円）※例示",
            "㍿あおば\u{200b}商事\u{feff}",
            "①②③ ⑴ ㈱ ㌔ é e\u{301} ﬁ Å",
            "\u{3099}が\u{309a}ﾞ",
            "\r\n\u{b}\u{c}\u{1f}\u{7f}\u{85}\u{a0}\u{2028}",
            "令和７年４月１日　１２，３４５円",
        ];
        let mut all = String::new();
        for s in samples {
            agrees(s);
            all.push_str(s);
        }
        agrees(&all);
        // Every char of the planes forms use, each after a kana and an
        // ASCII capital.
        let mut text = String::new();
        let planes = ('\u{0}'..='\u{33ff}')
            .chain('\u{3fff}'..='\u{5001}')
            .chain(['\u{9fff}', '\u{a000}', '\u{10000}', '\u{1f600}'])
            .chain('\u{f900}'..='\u{ffff}');
        // In texts of a few hundred chars: `raw_offset` walks the key.
        for (i, c) in planes.enumerate() {
            text.push('カ');
            text.push(c);
            text.push('Q');
            if i % 200 == 199 {
                agrees(&text);
                text.clear();
            }
        }
        agrees(&text);
    }
}
