//! Finding where a template mark may start in a text (PH001's tokens, the
//! example marks of an untouched form): every mark starts with '<' or
//! with a three-byte character whose first two UTF-8 bytes are E3 80
//! (【 〈 《 〇), E2 96 / E2 97 (■ □ ▲ △ ○ ● ◯) or EF BC (＜ （).

/// Positions looked at together by [`any_lead`].
const BLOCK: usize = 16;

/// Whether `at` holds for some byte index of `bytes` where '<' or one of
/// the lead pairs E3 80, E2 96, E2 97, EF BC starts, tried lowest first.
/// The lead pairs are found a block of positions at a time with no early
/// exit, which the compiler turns into a few vector compares: walking the
/// text a character at a time cost about seven instructions a byte, and
/// nearly no text holds a mark. Testing at continuation bytes is sound:
/// none of the bytes looked for first ('<', E2, E3, EF) ever continues a
/// character, so every index given to `at` starts one.
#[inline]
pub fn any_lead(bytes: &[u8], mut at: impl FnMut(usize) -> bool) -> bool {
    let mut base = 0;
    while let Some(block) = bytes
        .get(base..)
        .and_then(|rest| rest.first_chunk::<{ BLOCK + 1 }>())
    {
        if leads_where(block, base, &mut at) {
            return true;
        }
        base += BLOCK;
    }
    // The last positions, padded with zero bytes (no lead pair holds one).
    let rest = bytes.get(base..).unwrap_or_default();
    let mut tail = [0u8; BLOCK + 1];
    let n = rest.len().min(BLOCK);
    tail[..n].copy_from_slice(&rest[..n]);
    leads_where(&tail, base, &mut at)
}

/// [`any_lead`] for the first [`BLOCK`] positions of `w` (its last byte
/// is the second byte of the last position), which start at `base`.
// Inlined into each caller's loop: a call per block cost PH001's scan
// a tenth more.
#[inline(always)]
fn leads_where(w: &[u8; BLOCK + 1], base: usize, at: &mut impl FnMut(usize) -> bool) -> bool {
    let is = |a: u8, b: u8| u8::from(a == b);
    let mut lead = [0u8; BLOCK];
    for (i, l) in lead.iter_mut().enumerate() {
        let (b0, b1) = (w[i], w[i + 1]);
        *l = is(b0, b'<')
            | (is(b0, 0xE3) & is(b1, 0x80))
            | (is(b0, 0xE2) & is(b1 | 1, 0x97))
            | (is(b0, 0xEF) & is(b1, 0xBC));
    }
    // The positions found (a byte each), lowest first.
    let mut lead = u128::from_le_bytes(lead);
    while lead != 0 {
        if at(base + lead.trailing_zeros() as usize / 8) {
            return true;
        }
        lead &= lead - 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::any_lead;

    /// The lead positions of a text, as a walk by characters finds them.
    fn by_chars(s: &str) -> Vec<usize> {
        s.char_indices()
            .filter(|&(i, c)| {
                let b = &s.as_bytes()[i..];
                c == '<'
                    || (c.len_utf8() == 3
                        && matches!(b[..2], [0xE3, 0x80] | [0xE2, 0x96 | 0x97] | [0xEF, 0xBC]))
            })
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn finds_every_lead_in_order() {
        let pieces = [
            "a", "あ", "、", "【", "<", "（", "●", "□", "▼", "—", "é", "𠀋", "\u{3000}",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            crate::base::xorshift(&mut seed);
            let n = (seed % 40) as usize;
            let s: String = (0..n)
                .map(|k| pieces[(seed >> (k % 60)) as usize % pieces.len()])
                .collect();
            let mut got = Vec::new();
            assert!(!any_lead(s.as_bytes(), |i| {
                got.push(i);
                false
            }));
            assert_eq!(got, by_chars(&s), "{s:?}");
        }
    }
}
