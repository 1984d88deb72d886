//! Encoding detection for text submissions.
//!
//! Order: a byte-order mark decides; then UTF-16 without a BOM (NUL bytes
//! all on one parity); then valid UTF-8; then Shift_JIS (CP932) against
//! EUC-JP, choosing the one that decodes with fewer errors and reads more
//! like Japanese. A file that is almost all valid UTF-8 with a few broken
//! bytes stays UTF-8 (decoded lossily, with a note).

use encoding_rs::{EUC_JP, Encoding, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE};

/// A decoded text and what it was decoded from.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `Shift_JIS`, `EUC-JP`.
    pub encoding: &'static str,
    /// True when the file started with a byte-order mark.
    pub had_bom: bool,
    /// Byte sequences that could not be decoded (each became U+FFFD).
    pub errors: usize,
}

/// How much of the file the heuristics look at.
const SAMPLE: usize = 64 * 1024;

/// Decode `bytes`, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_with(UTF_8, rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_with(UTF_16LE, rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_with(UTF_16BE, rest, true);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return decode_with(enc, bytes, false);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_owned(),
            encoding: "UTF-8",
            had_bom: false,
            errors: 0,
        };
    }
    if mostly_utf8(bytes) {
        return decode_with(UTF_8, bytes, false);
    }
    let sjis = decode_with(SHIFT_JIS, bytes, false);
    let euc = decode_with(EUC_JP, bytes, false);
    // Fewer undecodable sequences first; on a tie, the more Japanese-looking.
    let sjis_key = (sjis.errors, -japanese_score(&sjis.text));
    let euc_key = (euc.errors, -japanese_score(&euc.text));
    if euc_key.0 < sjis_key.0 || (euc_key.0 == sjis_key.0 && euc_key.1 < sjis_key.1) {
        euc
    } else {
        sjis
    }
}

fn name_of(enc: &'static Encoding) -> &'static str {
    if enc == SHIFT_JIS {
        "Shift_JIS"
    } else {
        enc.name()
    }
}

fn decode_with(enc: &'static Encoding, bytes: &[u8], had_bom: bool) -> Decoded {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(cap);
    let mut errors = 0usize;
    let mut input = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut text, true);
        input = input.get(read..).unwrap_or_default();
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::Malformed(_, _) => {
                errors += 1;
                text.push('\u{FFFD}');
            }
            encoding_rs::DecoderResult::OutputFull => {
                // Capacity was computed for the whole input; grow and go on.
                text.reserve(input.len().saturating_mul(3).max(16));
            }
        }
    }
    Decoded {
        text,
        encoding: name_of(enc),
        had_bom,
        errors,
    }
}

/// UTF-16 without a BOM: NUL bytes (the high byte of ASCII characters,
/// line breaks, digits) all on odd positions (LE) or all on even ones (BE),
/// and the whole decodes without unpaired surrogates or stray controls.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = bytes.get(..SAMPLE.min(bytes.len()))?;
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    // Japanese text has NULs on the other parity too (U+3000 is 00 30 in
    // LE), so the dominant side only has to be clearly ahead; the decode
    // check below rejects what is not text.
    let enc = if odd > even.saturating_mul(2) {
        UTF_16LE
    } else if even > odd.saturating_mul(2) {
        UTF_16BE
    } else {
        return None;
    };
    let decoded = decode_with(enc, bytes, false);
    let clean = decoded.errors == 0
        && !decoded
            .text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'));
    (clean && plausible_text(&decoded.text)).then_some(enc)
}

/// Nine characters in ten are ASCII, kana, CJK punctuation, common kanji or
/// full-width forms. Single-byte text misread as UTF-16 lands all over the
/// BMP and fails this.
fn plausible_text(text: &str) -> bool {
    let (mut total, mut good) = (0usize, 0usize);
    for c in text.chars().take(SAMPLE) {
        total += 1;
        if matches!(c,
            '\t' | '\n' | '\r' | ' '..='~'
            | '\u{3000}'..='\u{30FF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{FF00}'..='\u{FFEF}')
        {
            good += 1;
        }
    }
    good * 10 >= total * 9
}

/// Invalid UTF-8 that is still overwhelmingly UTF-8: at least twenty valid
/// multi-byte sequences for every broken one (Shift_JIS and EUC-JP text
/// almost never forms valid UTF-8 sequences at that rate).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let sample = bytes.get(..SAMPLE.min(bytes.len())).unwrap_or_default();
    let (mut valid_multi, mut broken) = (0usize, 0usize);
    for chunk in sample.utf8_chunks() {
        valid_multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            broken += 1;
        }
    }
    // The sample may cut a character in two at its end.
    if sample.len() < bytes.len() {
        broken = broken.saturating_sub(1);
    }
    valid_multi > 0 && valid_multi >= broken.saturating_mul(20)
}

/// How much a decoded text reads like Japanese: the mean, over its non-ASCII
/// characters (first [`SAMPLE`] of them), of +1 for kana, JIS level-1 kanji,
/// Japanese punctuation and full-width forms, +0.5 for other kanji, -1 for
/// half-width katakana (what EUC-JP looks like read as Shift_JIS), -0.5 for
/// anything else and -5 for an undecodable sequence.
pub fn japanese_score(text: &str) -> f64 {
    let mut total = 0.0f64;
    let mut count = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()).take(SAMPLE) {
        count += 1;
        total += match c {
            '\u{3040}'..='\u{30FF}' => 1.0,
            '\u{3000}'..='\u{303F}' => 1.0,
            '\u{FF01}'..='\u{FF5E}' => 1.0,
            '\u{FF61}'..='\u{FF9F}' => -1.0,
            '\u{4E00}'..='\u{9FFF}' => {
                if is_jis_level1(c) {
                    1.0
                } else {
                    0.5
                }
            }
            '\u{FFFD}' => -5.0,
            _ => -0.5,
        };
    }
    if count == 0 {
        0.0
    } else {
        total / count as f64
    }
}

/// JIS X 0208 level-1 kanji (the common ones): Shift_JIS 0x889F..=0x9872.
fn is_jis_level1(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = SHIFT_JIS.encode(c.encode_utf8(&mut buf));
    if unmappable {
        return false;
    }
    match (bytes.first(), bytes.get(1)) {
        (Some(&lead), Some(&trail)) => {
            let code = u16::from(lead) << 8 | u16::from(trail);
            (0x889F..=0x9872).contains(&code)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(e: &'static Encoding, s: &str) -> Vec<u8> {
        e.encode(s).0.into_owned()
    }

    #[test]
    fn short_japanese_in_each_encoding() {
        let s = "申請者　企業・団体名\r\n代表者役職・氏名\r\n";
        assert_eq!(decode(&enc(SHIFT_JIS, s)).encoding, "Shift_JIS");
        assert_eq!(decode(&enc(SHIFT_JIS, s)).text, s);
        assert_eq!(decode(&enc(EUC_JP, s)).encoding, "EUC-JP");
        assert_eq!(decode(&enc(EUC_JP, s)).text, s);
        assert_eq!(decode(s.as_bytes()).encoding, "UTF-8");
    }

    #[test]
    fn one_word_each() {
        for w in ["様式", "あ", "テスト", "一般管理費", "ﾃｽﾄ用の様式"] {
            assert_eq!(decode(&enc(SHIFT_JIS, w)).text, w, "sjis {w}");
            assert_eq!(decode(&enc(EUC_JP, w)).text, w, "euc {w}");
        }
        // Half-width katakana alone is the one ambiguous case: EUC-JP
        // writes it as 8E xx, which is also valid Shift_JIS kanji; it
        // reads as Shift_JIS.
        assert_eq!(decode(&enc(SHIFT_JIS, "ｱｲｳ")).text, "ｱｲｳ");
    }

    #[test]
    fn utf16_without_bom_detected() {
        let s = "様式１\r\n受付番号\r\n";
        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&le);
        assert_eq!(
            (d.encoding, d.text.as_str(), d.had_bom),
            ("UTF-16LE", s, false)
        );
        let d = decode(&be);
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-16BE", s));
    }

    #[test]
    fn stray_nul_in_ascii_is_not_utf16() {
        let d = decode(b"reception number: 12\0 title: AB\r\n");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn broken_utf8_stays_utf8() {
        let mut b = "情報セキュリティに関する事項の遵守の方法"
            .as_bytes()
            .to_vec();
        b.push(0xFF);
        b.extend_from_slice("実施状況報告書".as_bytes());
        let d = decode(&b);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.errors, 1);
        assert!(d.text.contains('\u{FFFD}'));
    }
}
