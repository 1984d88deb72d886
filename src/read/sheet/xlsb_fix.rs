//! Pre-flight of an .xlsb workbook part, and a workaround for calamine.
//!
//! calamine 0.38 reads a sheet's relationship id at byte 8 of each
//! BrtBundleSh record and looks it up with `relationships[&id]`, which
//! panics when the id is not there ("no entry found for key",
//! `xlsb/mod.rs:312`). Workbooks written by Apache POI (`Simple.xlsb` of
//! its test data, which Excel opens) carry four more bytes before the id,
//! so calamine reads the id "r" and panics. Here the records of
//! `xl/workbook.bin` are walked with checked lengths; a BrtBundleSh whose
//! id is unknown at byte 8 but known at byte 12 is rewritten in the
//! layout calamine expects, and the package handed to calamine is rebuilt
//! with that part (every other entry copied raw). The upstream patch
//! (`docs/upstream/calamine-xlsb-bundlesh.md`) makes calamine return an
//! error instead of panicking.

use crate::error::ReadError;
use std::collections::BTreeSet;
use std::io::{Cursor, Write};

const BRT_BUNDLE_SH: u32 = 0x009C;

/// One record: type, payload range in the part.
struct Record {
    typ: u32,
    start: usize,
    end: usize,
    header_start: usize,
}

/// Walk the records; a length beyond the part is corruption (never a
/// reservation).
fn records(part: &[u8]) -> Result<Vec<Record>, ReadError> {
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < part.len() {
        let header_start = i;
        let (typ, n) = varint(part, i, 2)?;
        i += n;
        let (len, n) = varint(part, i, 4)?;
        i += n;
        let end = i
            .checked_add(len as usize)
            .filter(|&e| e <= part.len())
            .ok_or_else(|| ReadError::Sheet {
                detail: format!(
                    "xl/workbook.bin: record at byte {header_start} claims {len} bytes beyond the part"
                ),
            })?;
        out.push(Record {
            typ,
            start: i,
            end,
            header_start,
        });
        i = end;
    }
    Ok(out)
}

fn varint(b: &[u8], at: usize, max: usize) -> Result<(u32, usize), ReadError> {
    let mut v = 0u32;
    for k in 0..max {
        let byte = *b.get(at + k).ok_or_else(|| ReadError::Sheet {
            detail: "xl/workbook.bin: truncated record header".into(),
        })?;
        v |= u32::from(byte & 0x7F) << (7 * k);
        if byte & 0x80 == 0 {
            return Ok((v, k + 1));
        }
    }
    Ok((v, max))
}

fn rel_id_at(payload: &[u8], at: usize) -> Option<String> {
    let n = u32::from_le_bytes(payload.get(at..at + 4)?.try_into().ok()?) as usize;
    let bytes = payload.get(at + 4..at + 4 + n.checked_mul(2)?)?;
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect();
    String::from_utf16(&units).ok()
}

/// The relationship ids of `xl/_rels/workbook.bin.rels`.
pub fn rel_ids(rels: &[u8]) -> BTreeSet<String> {
    let text = String::from_utf8_lossy(rels);
    let mut ids = BTreeSet::new();
    for piece in text.split("<Relationship").skip(1) {
        if let Some(at) = piece.find("Id=\"") {
            let rest = &piece[at + 4..];
            if let Some(end) = rest.find('"') {
                ids.insert(rest[..end].to_string());
            }
        }
    }
    ids
}

/// `xl/workbook.bin` rewritten so calamine can read it, or None when it
/// needs no change. Errors on records that lie about their length, and on
/// a sheet whose relationship id is unknown in either layout (calamine
/// would panic).
pub fn fix_workbook(part: &[u8], ids: &BTreeSet<String>) -> Result<Option<Vec<u8>>, ReadError> {
    let mut out = Vec::with_capacity(part.len());
    let mut changed = false;
    for r in records(part)? {
        let payload = part.get(r.start..r.end).unwrap_or_default();
        if r.typ != BRT_BUNDLE_SH {
            out.extend_from_slice(part.get(r.header_start..r.end).unwrap_or_default());
            continue;
        }
        let null_id = payload.get(8..12) == Some(&[0xFF; 4][..]);
        match rel_id_at(payload, 8) {
            Some(id) if ids.contains(&id) => {
                out.extend_from_slice(part.get(r.header_start..r.end).unwrap_or_default());
            }
            _ if null_id => {
                out.extend_from_slice(part.get(r.header_start..r.end).unwrap_or_default());
            }
            _ => match rel_id_at(payload, 12) {
                Some(id) if ids.contains(&id) => {
                    // Drop the four extra bytes after hsState.
                    let mut fixed = payload.get(..4).unwrap_or_default().to_vec();
                    fixed.extend_from_slice(payload.get(8..).unwrap_or_default());
                    write_header(&mut out, r.typ, fixed.len());
                    out.extend_from_slice(&fixed);
                    changed = true;
                }
                _ => {
                    return Err(ReadError::Sheet {
                        detail: "xl/workbook.bin: a sheet names a relationship that does not exist"
                            .into(),
                    });
                }
            },
        }
    }
    Ok(changed.then_some(out))
}

fn write_header(out: &mut Vec<u8>, typ: u32, len: usize) {
    for (value, max) in [(typ, 2usize), (len as u32, 4)] {
        let mut v = value;
        for _ in 0..max {
            let byte = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
    }
}

/// The package with `xl/workbook.bin` replaced (stored), every other entry
/// copied raw.
pub fn replace_part(package: &[u8], name: &str, content: &[u8]) -> Result<Vec<u8>, ReadError> {
    let zip_err = |e: zip::result::ZipError| ReadError::CorruptZip {
        detail: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(package)).map_err(zip_err)?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(package.len())));
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(zip_err)?;
        if entry.name().is_ok_and(|n| n == name) {
            drop(entry);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            writer.start_file(name, options).map_err(zip_err)?;
            writer
                .write_all(content)
                .map_err(|e| zip_err(zip::result::ZipError::Io(e)))?;
        } else {
            writer.raw_copy_file(entry).map_err(zip_err)?;
        }
    }
    Ok(writer.finish().map_err(zip_err)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(prefix: &[u8], id: &str) -> Vec<u8> {
        let mut p = prefix.to_vec();
        p.extend_from_slice(&(id.len() as u32).to_le_bytes());
        p.extend(id.encode_utf16().flat_map(|u| u.to_le_bytes()));
        p.extend_from_slice(&1u32.to_le_bytes());
        p.extend("S".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let mut out = Vec::new();
        write_header(&mut out, BRT_BUNDLE_SH, p.len());
        out.extend(p);
        out
    }

    #[test]
    fn poi_layout_is_rewritten_and_standard_kept() {
        let ids: BTreeSet<String> = ["rId1".to_string()].into();
        let standard = bundle(&[0; 8], "rId1");
        assert!(fix_workbook(&standard, &ids).unwrap().is_none());
        let poi = bundle(&[0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0], "rId1");
        let fixed = fix_workbook(&poi, &ids).unwrap().unwrap();
        let r = records(&fixed).unwrap();
        let payload = &fixed[r[0].start..r[0].end];
        assert_eq!(rel_id_at(payload, 8).as_deref(), Some("rId1"));
    }

    #[test]
    fn unknown_ids_and_lying_lengths_are_errors() {
        let ids: BTreeSet<String> = ["rId1".to_string()].into();
        assert!(fix_workbook(&bundle(&[0; 8], "rId9"), &ids).is_err());
        let mut lying = Vec::new();
        write_header(&mut lying, 0x99, 0x0FFF_FFFF);
        assert!(fix_workbook(&lying, &ids).is_err());
    }
}
