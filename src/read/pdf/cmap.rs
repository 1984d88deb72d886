//! ToUnicode CMaps (PDF 32000-1 9.10.3): the code space ranges, `bfchar`
//! and `bfrange` mappings from character codes to UTF-16BE text. Ranges are
//! kept as ranges (a hostile `<0000> <FFFF>` costs nothing), and a CMap is
//! parsed in one pass over its bytes.

use std::collections::HashMap;

#[derive(Debug, Default, Clone)]
pub struct CMap {
    /// (low, high, byte length) of each code space range.
    space: Vec<(u32, u32, u8)>,
    chars: HashMap<(u8, u32), String>,
    ranges: Vec<Range>,
}

#[derive(Debug, Clone)]
struct Range {
    len: u8,
    lo: u32,
    hi: u32,
    target: Target,
}

#[derive(Debug, Clone)]
enum Target {
    /// UTF-16BE units of the text for `lo`; the last unit counts up.
    Start(Vec<u16>),
    List(Vec<String>),
}

#[derive(Debug, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(String),
}

const MAX_ENTRIES: usize = 200_000;

fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() && out.len() < MAX_ENTRIES * 3 {
        let b = data[i];
        match b {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = data[start..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(data.len(), |p| start + p);
                out.push(Tok::Hex(hex(&data[start..end])));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings do not occur in the maps we read; skip.
                while i < data.len() && data[i] != b')' {
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !b"<>[]()%".contains(&data[i])
                {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                out.push(Tok::Word(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
        }
    }
    out
}

fn hex(s: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = s
        .iter()
        .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

fn code(bytes: &[u8]) -> (u8, u32) {
    let len = bytes.len().clamp(1, 4);
    let v = bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    (len as u8, v)
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| (u16::from(p[0]) << 8) | u16::from(p.get(1).copied().unwrap_or(0)))
        .collect()
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokens(data);
        let mut map = CMap::default();
        let mut i = 0;
        let mut entries = 0usize;
        while i < toks.len() && entries < MAX_ENTRIES {
            match &toks[i] {
                Tok::Word(w) if w == "begincodespacerange" => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let (len, lo_v) = code(lo);
                        let (_, hi_v) = code(hi);
                        map.space.push((lo_v, hi_v, len));
                        i += 2;
                    }
                }
                Tok::Word(w) if w == "beginbfchar" => {
                    i += 1;
                    while let (Some(Tok::Hex(src)), Some(Tok::Hex(dst))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        map.chars
                            .insert(code(src), String::from_utf16_lossy(&utf16(dst)));
                        entries += 1;
                        i += 2;
                    }
                }
                Tok::Word(w) if w == "beginbfrange" => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let (len, lo_v) = code(lo);
                        let (_, hi_v) = code(hi);
                        i += 2;
                        let target = match toks.get(i) {
                            Some(Tok::Hex(dst)) => {
                                i += 1;
                                Target::Start(utf16(dst))
                            }
                            Some(Tok::Open) => {
                                i += 1;
                                let mut list = Vec::new();
                                while let Some(Tok::Hex(dst)) = toks.get(i) {
                                    list.push(String::from_utf16_lossy(&utf16(dst)));
                                    i += 1;
                                }
                                if toks.get(i) == Some(&Tok::Close) {
                                    i += 1;
                                }
                                Target::List(list)
                            }
                            _ => break,
                        };
                        if hi_v >= lo_v {
                            map.ranges.push(Range {
                                len,
                                lo: lo_v,
                                hi: hi_v,
                                target,
                            });
                        }
                        entries += 1;
                    }
                }
                _ => i += 1,
            }
        }
        map
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    /// The byte length of the code starting with `bytes` (by the code
    /// space ranges; else by what the mappings use; else `default`).
    pub fn code_len(&self, bytes: &[u8], default: usize) -> usize {
        for &(lo, hi, len) in &self.space {
            let n = usize::from(len);
            if bytes.len() >= n {
                let (_, v) = code(&bytes[..n]);
                if v >= lo && v <= hi {
                    return n;
                }
            }
        }
        if self.space.is_empty()
            && let Some(len) = self
                .chars
                .keys()
                .map(|k| k.0)
                .chain(self.ranges.iter().map(|r| r.len))
                .next()
        {
            return usize::from(len);
        }
        default
    }

    /// The text of one code.
    pub fn lookup(&self, len: u8, value: u32) -> Option<String> {
        if let Some(s) = self.chars.get(&(len, value)) {
            return Some(s.clone());
        }
        let r = self
            .ranges
            .iter()
            .find(|r| r.len == len && r.lo <= value && value <= r.hi)?;
        let offset = value - r.lo;
        match &r.target {
            Target::Start(units) => {
                let mut units = units.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add(offset as u16);
                }
                Some(String::from_utf16_lossy(&units))
            }
            Target::List(list) => list.get(offset as usize).cloned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_and_bfrange() {
        let m = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0010> <7533> endbfchar\n\
              1 beginbfrange <0020> <0022> <3042> endbfrange\n\
              1 beginbfrange <0030> <0031> [<6C0F> <540D>] endbfrange",
        );
        assert_eq!(m.code_len(&[0, 3], 1), 2);
        assert_eq!(m.lookup(2, 0x10).as_deref(), Some("申"));
        assert_eq!(m.lookup(2, 0x22).as_deref(), Some("い"));
        assert_eq!(m.lookup(2, 0x31).as_deref(), Some("名"));
        assert_eq!(m.lookup(2, 0x99), None);
    }
}
