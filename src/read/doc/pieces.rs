//! The piece table ([MS-DOC] 2.9.38 Clx, 2.9.177 PlcPcd): where each
//! range of character positions (CPs) lies in the WordDocument stream, as
//! 8-bit "compressed" bytes (Windows-1252, [MS-DOC] 2.4.1) or UTF-16LE.
//! The result is the document's text as UTF-16 units, each with the file
//! offset (FC) its properties are looked up by.

use super::bytes::{u16_at, u32_at};
use crate::error::ReadError;

/// The text of all stories, one entry per CP.
#[derive(Debug, Default)]
pub struct Text {
    pub units: Vec<u16>,
    pub fcs: Vec<u32>,
}

fn corrupt(detail: impl Into<String>) -> ReadError {
    ReadError::CorruptContainer {
        detail: detail.into(),
    }
}

/// The PlcPcd out of a Clx: skips the Prc entries (property modifiers
/// kept in the table stream) to the Pcdt.
fn plc_pcd(clx: &[u8]) -> Result<&[u8], ReadError> {
    let mut at = 0usize;
    loop {
        match clx.get(at) {
            Some(1) => {
                let cb = u16_at(clx, at + 1).ok_or_else(|| corrupt("Clx: truncated Prc"))?;
                at += 3 + usize::from(cb);
            }
            Some(2) => {
                let lcb = u32_at(clx, at + 1).ok_or_else(|| corrupt("Clx: truncated Pcdt"))?;
                let start = at + 5;
                return clx
                    .get(start..start.saturating_add(lcb as usize))
                    .ok_or_else(|| corrupt("Clx: piece table beyond the table stream"));
            }
            _ => return Err(corrupt("Clx: no piece table")),
        }
    }
}

/// Decode the text of CPs `0..cp_total` through the piece table. `max_cps`
/// bounds the work (a piece may claim more text than the file holds; that
/// text is cut at the end of the stream).
pub fn read(clx: &[u8], word: &[u8], cp_total: u32, max_cps: u64) -> Result<Text, ReadError> {
    let plc = plc_pcd(clx)?;
    // (n+1) CPs of 4 bytes and n PCDs of 8 bytes.
    if plc.len() < 4 || !(plc.len() - 4).is_multiple_of(12) {
        return Err(corrupt("piece table has an impossible size"));
    }
    let n = (plc.len() - 4) / 12;
    let cp = |i: usize| u32_at(plc, 4 * i).unwrap_or(0);
    let mut text = Text::default();
    let win = encoding_rs::WINDOWS_1252;
    for i in 0..n {
        let (start, end) = (cp(i), cp(i + 1));
        if end <= start || start >= cp_total {
            continue;
        }
        let end = end.min(cp_total);
        let pcd = 4 * (n + 1) + 8 * i;
        let raw = u32_at(plc, pcd + 2).unwrap_or(0);
        let compressed = raw & 0x4000_0000 != 0;
        let fc = raw & 0x3FFF_FFFF;
        let count = end - start;
        if text.units.len() as u64 + u64::from(count) > max_cps {
            return Err(ReadError::LimitExceeded {
                part: Some("WordDocument".into()),
                detail: format!("more than {max_cps} characters"),
            });
        }
        for k in 0..count {
            if compressed {
                let at = (fc / 2).saturating_add(k);
                // Text the stream does not hold reads as NUL (dropped later),
                // so CPs stay aligned with the story boundaries.
                let b = word.get(at as usize).copied().unwrap_or(0);
                let mut buf = [0u16; 2];
                let ch = if b < 0x80 {
                    u16::from(b)
                } else {
                    let one = [b];
                    let (s, _) = win.decode_without_bom_handling(&one);
                    s.chars()
                        .next()
                        .map(|c| c.encode_utf16(&mut buf)[0])
                        .unwrap_or(0xFFFD)
                };
                text.units.push(ch);
                text.fcs.push(at);
            } else {
                let at = fc.saturating_add(k.saturating_mul(2));
                let u = u16_at(word, at as usize).unwrap_or(0);
                text.units.push(u);
                text.fcs.push(at);
            }
        }
    }
    Ok(text)
}
