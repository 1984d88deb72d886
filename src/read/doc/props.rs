//! Document summary properties from the `\u{5}SummaryInformation` property
//! set stream ([MS-OLEPS]): title, author, last saved by, application,
//! created and saved times.

use super::bytes::{slice, u16_at, u32_at};
use crate::model::Metadata;

const VT_I2: u32 = 2;
const VT_LPSTR: u32 = 0x1E;
const VT_LPWSTR: u32 = 0x1F;
const VT_FILETIME: u32 = 0x40;

fn encoding_for(codepage: u16) -> &'static encoding_rs::Encoding {
    match codepage {
        932 => encoding_rs::SHIFT_JIS,
        65001 => encoding_rs::UTF_8,
        936 => encoding_rs::GBK,
        949 => encoding_rs::EUC_KR,
        950 => encoding_rs::BIG5,
        _ => encoding_rs::WINDOWS_1252,
    }
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
    let enc = encoding_for(codepage);
    for (id, at) in entries {
        let value = value_at(stream, at, enc);
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

fn value_at(stream: &[u8], at: usize, enc: &'static encoding_rs::Encoding) -> Option<String> {
    let kind = u32_at(stream, at)?;
    let len = u32_at(stream, at + 4)? as usize;
    let s = match kind {
        VT_LPSTR => {
            let raw = slice(stream, at + 8, len.min(4096))?;
            let raw = raw.split(|&b| b == 0).next().unwrap_or(raw);
            enc.decode_without_bom_handling(raw).0.into_owned()
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
