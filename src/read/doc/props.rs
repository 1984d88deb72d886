//! Document summary properties from the `\u{5}SummaryInformation` property
//! set stream ([MS-OLEPS]): title, author, last saved by, application,
//! created and saved times. Shared by the legacy Word and Excel readers.
//!
//! 8-bit strings (`VT_LPSTR`) are in the code page the set declares
//! (property 1): every code page Japanese files use is decoded — 932
//! (Shift_JIS / CP932), 10001 (Mac Japanese, from Excel and Word for the
//! classic Mac OS), 20932 / 51932 (EUC-JP), 50220–50222 (ISO-2022-JP),
//! 65001 (UTF-8), 1200 (UTF-16LE strings), 10000 (Mac Roman) — plus the
//! Windows code pages of the neighbouring languages.
//!
//! Mac Japanese has no decoder in `encoding_rs`: it is Shift_JIS (JIS X
//! 0208 in the same byte layout) with Apple's own single bytes and
//! extension rows. It is decoded as Shift_JIS after mapping the single
//! bytes Apple changed: 0x80 → `\`, 0xA0 → no-break space, 0xFD → ©,
//! 0xFE → ™, 0xFF → … (0x5C stays a backslash where Apple shows ¥, as
//! Shift_JIS decoders do). Apple's extension rows (0x85xx–0x88xx vertical
//! and circled forms, 0xEBxx–0xEDxx vertical punctuation) decode as the
//! CP932 characters at the same codes or as U+FFFD; personal names, which
//! is what these properties hold, use JIS X 0208 only.

use super::bytes::{slice, u16_at, u32_at};
use crate::model::Metadata;

const VT_I2: u32 = 2;
const VT_LPSTR: u32 = 0x1E;
const VT_LPWSTR: u32 = 0x1F;
const VT_FILETIME: u32 = 0x40;

/// Code page 10001: Mac Japanese (see the module docs).
const MAC_JAPANESE: u16 = 10001;
/// Code page 1200: `VT_LPSTR` strings are UTF-16LE.
const UTF16_LE: u16 = 1200;

fn encoding_for(codepage: u16) -> &'static encoding_rs::Encoding {
    match codepage {
        932 | MAC_JAPANESE => encoding_rs::SHIFT_JIS,
        20932 | 51932 => encoding_rs::EUC_JP,
        50220..=50222 => encoding_rs::ISO_2022_JP,
        65001 => encoding_rs::UTF_8,
        UTF16_LE => encoding_rs::UTF_16LE,
        936 | 10008 => encoding_rs::GBK,
        949 | 10003 => encoding_rs::EUC_KR,
        950 | 10002 => encoding_rs::BIG5,
        10000 => encoding_rs::MACINTOSH,
        874 => encoding_rs::WINDOWS_874,
        1250 => encoding_rs::WINDOWS_1250,
        1251 => encoding_rs::WINDOWS_1251,
        1253 => encoding_rs::WINDOWS_1253,
        1254 => encoding_rs::WINDOWS_1254,
        1255 => encoding_rs::WINDOWS_1255,
        1256 => encoding_rs::WINDOWS_1256,
        1257 => encoding_rs::WINDOWS_1257,
        1258 => encoding_rs::WINDOWS_1258,
        _ => encoding_rs::WINDOWS_1252,
    }
}

/// An 8-bit property string in `codepage`.
pub(crate) fn decode_codepage(codepage: u16, raw: &[u8]) -> String {
    if codepage == MAC_JAPANESE {
        return decode_mac_japanese(raw);
    }
    encoding_for(codepage)
        .decode_without_bom_handling(raw)
        .0
        .into_owned()
}

/// Mac Japanese: Shift_JIS with Apple's single bytes.
fn decode_mac_japanese(raw: &[u8]) -> String {
    let mut out = String::new();
    let mut run: Vec<u8> = Vec::new();
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        let lead = matches!(b, 0x81..=0x9F | 0xE0..=0xFC);
        if lead && let Some(&t) = raw.get(i + 1) {
            run.extend_from_slice(&[b, t]);
            i += 2;
            continue;
        }
        let apple = match b {
            0x80 => Some('\\'),
            0xA0 => Some('\u{A0}'),
            0xFD => Some('©'),
            0xFE => Some('™'),
            0xFF => Some('…'),
            _ => None,
        };
        match apple {
            Some(c) => {
                out.push_str(&encoding_rs::SHIFT_JIS.decode_without_bom_handling(&run).0);
                run.clear();
                out.push(c);
            }
            None => run.push(b),
        }
        i += 1;
    }
    out.push_str(&encoding_rs::SHIFT_JIS.decode_without_bom_handling(&run).0);
    out
}

/// The properties of the first section of the stream, as metadata.
pub fn parse(stream: &[u8]) -> Metadata {
    let mut meta = Metadata::default();
    let Some(section) = u32_at(stream, 44).map(|o| o as usize) else {
        return meta;
    };
    let count = u32_at(stream, section + 4).unwrap_or(0).min(1000) as usize;
    let entries: Vec<(u32, usize)> = (0..count)
        .filter_map(|i| {
            let at = section + 8 + 8 * i;
            Some((
                u32_at(stream, at)?,
                section + u32_at(stream, at + 4)? as usize,
            ))
        })
        .collect();
    let codepage = entries
        .iter()
        .find(|(id, _)| *id == 1)
        .and_then(|(_, at)| (u32_at(stream, *at) == Some(VT_I2)).then(|| u16_at(stream, at + 4)))
        .flatten()
        .unwrap_or(1252);
    for (id, at) in entries {
        let value = value_at(stream, at, codepage);
        match id {
            2 => meta.title = value,
            4 => meta.creator = value,
            8 => meta.last_modified_by = value,
            18 => meta.application = value,
            12 => meta.created = filetime(stream, at),
            13 => meta.modified = filetime(stream, at),
            _ => {}
        }
    }
    meta
}

fn value_at(stream: &[u8], at: usize, codepage: u16) -> Option<String> {
    let kind = u32_at(stream, at)?;
    let len = u32_at(stream, at + 4)? as usize;
    let s = match kind {
        VT_LPSTR => {
            let raw = slice(stream, at + 8, len.min(4096))?;
            if codepage == UTF16_LE {
                let units: Vec<u16> = raw
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .take_while(|&u| u != 0)
                    .collect();
                String::from_utf16_lossy(&units)
            } else {
                let raw = raw.split(|&b| b == 0).next().unwrap_or(raw);
                decode_codepage(codepage, raw)
            }
        }
        VT_LPWSTR => {
            let raw = slice(stream, at + 8, len.min(2048) * 2)?;
            let units: Vec<u16> = raw
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&u| u != 0)
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => return None,
    };
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// A FILETIME (100 ns since 1601) as RFC 3339 UTC.
fn filetime(stream: &[u8], at: usize) -> Option<String> {
    if u32_at(stream, at)? != VT_FILETIME {
        return None;
    }
    let lo = u64::from(u32_at(stream, at + 4)?);
    let hi = u64::from(u32_at(stream, at + 8)?);
    let ticks = (hi << 32) | lo;
    let secs = (ticks / 10_000_000).checked_sub(11_644_473_600)?;
    let dt = chrono::DateTime::from_timestamp(i64::try_from(secs).ok()?, 0)?;
    Some(dt.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A SummaryInformation stream with a code page and an author.
    fn property_set(codepage: u16, author: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFE, 0xFF, 0, 0, 0x0A, 0x00, 0x02, 0x00];
        s.extend([0u8; 16]); // CLSID
        s.extend(1u32.to_le_bytes());
        s.extend([0u8; 16]); // FMTID (not checked)
        s.extend(48u32.to_le_bytes()); // section offset
        assert_eq!(s.len(), 48);
        let mut body: Vec<u8> = Vec::new();
        let props_at = 8 + 2 * 8;
        let cp_at = props_at;
        let author_at = cp_at + 8;
        body.extend(1u32.to_le_bytes());
        body.extend((cp_at as u32).to_le_bytes());
        body.extend(4u32.to_le_bytes());
        body.extend((author_at as u32).to_le_bytes());
        body.extend(VT_I2.to_le_bytes());
        body.extend(codepage.to_le_bytes());
        body.extend([0, 0]);
        body.extend(VT_LPSTR.to_le_bytes());
        body.extend((author.len() as u32 + 1).to_le_bytes());
        body.extend(author);
        body.push(0);
        let size = 8 + body.len();
        s.extend((size as u32).to_le_bytes());
        s.extend(2u32.to_le_bytes());
        s.extend(body);
        s
    }

    #[test]
    fn cp932_author() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("山田 太郎");
        let meta = parse(&property_set(932, &sjis));
        assert_eq!(meta.creator.as_deref(), Some("山田 太郎"));
    }

    #[test]
    fn mac_japanese_author() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("佐藤 花子");
        let mut raw = sjis.into_owned();
        raw.push(0xFD); // Apple's ©
        let meta = parse(&property_set(10001, &raw));
        assert_eq!(meta.creator.as_deref(), Some("佐藤 花子©"));
    }

    #[test]
    fn mac_japanese_single_bytes() {
        assert_eq!(decode_mac_japanese(b"a\x80b\xFF"), "a\\b…");
        assert_eq!(decode_mac_japanese(&[0x82, 0xA0, 0xFE]), "あ™");
    }
}
