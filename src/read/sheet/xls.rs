//! Legacy .xls (BIFF5/BIFF8 in an OLE2 container).
//!
//! calamine parses every sheet of an .xls when the workbook is opened and
//! builds a dense grid per sheet (sized by the DIMENSIONS record and by the
//! bounding box of the cells), so a 6 KB file with cells at A1 and IV65536
//! costs it over a gigabyte. Before calamine sees the file, the Workbook
//! stream is taken out of the container (with the `cfb` crate) and its
//! BIFF records are walked to compute those grid sizes; a file whose grids
//! together exceed `max_sheet_cells` is refused with
//! [`ReadError::LimitExceeded`]. A FILEPASS record means encryption.

use super::{Region, build_table, cells_of_range, check_time, guarded, xls_error};
use crate::clock::Instant;
use crate::error::ReadError;
use crate::model::{Block, Document, Metadata, PackageInfo};
use crate::read::Limits;
use calamine::{Reader, SheetType};
use std::io::{Cursor, Read};

/// An encrypted OOXML package in an OLE2 container: its stream name is
/// stored as UTF-16LE in a directory sector.
pub fn has_encrypted_package(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

pub(super) fn read(
    bytes: Vec<u8>,
    limits: &Limits,
    started: Instant,
    doc: &mut Document,
) -> Result<(), ReadError> {
    let has_macros = preflight(&bytes, limits)?;
    let summary = summary_stream(&bytes, limits);
    let mut wb: calamine::Xls<_> = guarded("workbook", || {
        calamine::Xls::new(Cursor::new(bytes)).map_err(|e| xls_error(None, e))
    })?;
    let props = guarded("workbook", || {
        wb.workbook_properties().map_err(|e| xls_error(None, e))
    })
    .unwrap_or_default();
    let from_calamine = Metadata {
        creator: props.creator,
        last_modified_by: props.last_modified_by,
        created: props.created,
        modified: props.modified,
        title: props.title,
        company: props.company,
        application: props.application,
    };
    doc.package = Some(PackageInfo {
        has_macros,
        metadata: summary_metadata(&summary, from_calamine),
        ..PackageInfo::default()
    });
    for (name, typ) in super::sheet_list(wb.sheets_metadata()) {
        check_time(started, limits)?;
        if typ != SheetType::WorkSheet {
            doc.blocks.push(Block::Table(super::skipped_sheet(
                &name,
                typ,
                &mut doc.notes,
            )));
            continue;
        }
        let merges = guarded(&name, || {
            wb.merge_cells_by_sheet_name(&name)
                .map_err(|e| xls_error(Some(&name), e))
        })?;
        let merges: Vec<Region> = merges.iter().map(Region::from_dims).collect();
        let cells = guarded(&name, || {
            let range = wb
                .worksheet_range(&name)
                .map_err(|e| xls_error(Some(&name), e))?;
            cells_of_range(&name, &range, limits, started)
        })?;
        doc.blocks
            .push(Block::Table(build_table(&name, cells, &merges, limits)?));
    }
    super::mark_hidden_sheets(wb.sheets_metadata(), doc);
    Ok(())
}

/// The `\u{5}SummaryInformation` stream, when the container has one
/// within the part limit.
fn summary_stream(bytes: &[u8], limits: &Limits) -> Vec<u8> {
    let Ok(mut cfb) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let name = "/\u{5}SummaryInformation";
    if !cfb.is_stream(name) {
        return Vec::new();
    }
    let mut out = Vec::new();
    match cfb.open_stream(name) {
        Ok(s) => {
            if s.take(limits.max_part_bytes).read_to_end(&mut out).is_err() {
                out.clear();
            }
        }
        Err(_) => out.clear(),
    }
    out
}

/// The workbook's summary properties read by our own property-set
/// reader (every code page, Mac Japanese included; see
/// [`crate::read::doc::props`]), each one calamine's where ours has none.
fn summary_metadata(stream: &[u8], calamine: Metadata) -> Metadata {
    if stream.is_empty() {
        return calamine;
    }
    let ours = crate::read::doc::props::parse(stream);
    Metadata {
        creator: ours.creator.or(calamine.creator),
        last_modified_by: ours.last_modified_by.or(calamine.last_modified_by),
        created: ours.created.or(calamine.created),
        modified: ours.modified.or(calamine.modified),
        title: ours.title.or(calamine.title),
        company: calamine.company,
        application: ours.application.or(calamine.application),
    }
}

/// Walk the BIFF records and refuse what calamine could not read in bounded
/// memory. Returns whether a VBA project storage is present.
fn preflight(bytes: &[u8], limits: &Limits) -> Result<bool, ReadError> {
    let mut cfb = match cfb::CompoundFile::open(Cursor::new(bytes)) {
        Ok(c) => c,
        // calamine has its own container reader and gives the precise
        // error; without a stream to scan it cannot build grids either.
        Err(_) => return Ok(false),
    };
    let has_macros = cfb.is_storage("/_VBA_PROJECT_CUR") || cfb.is_storage("/_VBA_PROJECT");
    let stream_name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| cfb.is_stream(n));
    let Some(stream_name) = stream_name else {
        return Ok(has_macros);
    };
    let mut stream = Vec::new();
    match cfb.open_stream(stream_name) {
        Ok(s) => {
            let cap = limits.max_part_bytes.saturating_add(1);
            if s.take(cap).read_to_end(&mut stream).is_err() {
                return Ok(has_macros);
            }
        }
        Err(_) => return Ok(has_macros),
    }
    if stream.len() as u64 > limits.max_part_bytes {
        return Err(ReadError::LimitExceeded {
            part: Some(stream_name.trim_start_matches('/').to_string()),
            detail: format!("workbook stream is over {} bytes", limits.max_part_bytes),
        });
    }
    let cost = grid_cost(&stream)?;
    if cost > limits.max_sheet_cells {
        return Err(ReadError::LimitExceeded {
            part: None,
            detail: format!(
                "the sheets span {cost} cells (used range), over the limit of {}",
                limits.max_sheet_cells
            ),
        });
    }
    Ok(has_macros)
}

fn u16_at(d: &[u8], i: usize) -> Option<u32> {
    let b = d.get(i..i + 2)?;
    Some(u32::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(d: &[u8], i: usize) -> Option<u32> {
    let b = d.get(i..i + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Iterate `(type, data)` records from `pos`; stops at a truncated record.
fn records(stream: &[u8], pos: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream.get(pos..).unwrap_or_default();
    std::iter::from_fn(move || {
        let typ = u16_at(rest, 0)?;
        let len = u16_at(rest, 2)? as usize;
        let data = rest.get(4..4 + len)?;
        rest = rest.get(4 + len..).unwrap_or_default();
        Some((typ as u16, data))
    })
}

/// Bounding box of 0-based positions.
#[derive(Default)]
struct BBox(Option<(u32, u32, u32, u32)>);

impl BBox {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, col, row, col),
            Some((r0, c0, r1, c1)) => (r0.min(row), c0.min(col), r1.max(row), c1.max(col)),
        });
    }

    fn area(&self) -> u64 {
        match self.0 {
            None => 0,
            Some((r0, c0, r1, c1)) => (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1),
        }
    }
}

/// Sum over sheets of the largest dense grid calamine builds for it (the
/// DIMENSIONS reservation, the cell grid, the formula grid). Every grid of
/// every sheet is held at once, hence the sum.
fn grid_cost(stream: &[u8]) -> Result<u64, ReadError> {
    let mut sheet_positions = Vec::new();
    for (typ, data) in records(stream, 0) {
        match typ {
            0x002F if u16_at(data, 0).unwrap_or(0) != 0 => {
                return Err(ReadError::Encrypted {
                    detail: "the workbook stream holds a FILEPASS record (password-protected .xls)"
                        .into(),
                });
            }
            0x0085 => {
                if let Some(pos) = u32_at(data, 0) {
                    sheet_positions.push(pos as usize);
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    // Walking the same substream again for each BOUNDSHEET pointing at it
    // is what a hostile file would ask for: bound the work.
    let budget = (stream.len() as u64)
        .saturating_mul(2)
        .saturating_add(1 << 20);
    let mut walked = 0u64;
    let mut total = 0u64;
    for pos in sheet_positions {
        let mut dims_area = 0u64;
        let mut cells = BBox::default();
        let mut formulas = BBox::default();
        let mut fmla_pos = (0u32, 0u32);
        let mut seen_bof = false;
        let mut depth = 0usize;
        for (typ, data) in records(stream, pos) {
            walked += 4 + data.len() as u64;
            if walked > budget {
                return Err(ReadError::LimitExceeded {
                    part: None,
                    detail:
                        "the .xls sheet directory makes the workbook stream be read over and over"
                            .into(),
                });
            }
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let rc = || Some((u16_at(data, 0)?, u16_at(data, 2)?));
            match typ {
                0x0809 => {
                    if seen_bof {
                        depth += 1;
                    } else {
                        seen_bof = true;
                    }
                }
                0x0200 => dims_area = dims_area.max(dimensions_area(data)?),
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                    if let Some((r, c)) = rc() {
                        cells.add(r, c);
                    }
                }
                0x0207 => cells.add(fmla_pos.0, fmla_pos.1),
                0x00BD => {
                    if let (Some((r, c)), Some(last)) = (
                        rc(),
                        data.len().checked_sub(2).and_then(|i| u16_at(data, i)),
                    ) {
                        cells.add(r, c);
                        cells.add(r, last.max(c));
                    }
                }
                0x0006 => {
                    if let Some((r, c)) = rc() {
                        fmla_pos = (r, c);
                        cells.add(r, c);
                        formulas.add(r, c);
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
        total = total.saturating_add(dims_area.max(cells.area()).max(formulas.area()));
    }
    Ok(total)
}

/// The grid calamine reserves for a DIMENSIONS record, computed as it
/// does (BIFF5: four u16; BIFF8: two u32 rows and two u16 columns).
fn dimensions_area(d: &[u8]) -> Result<u64, ReadError> {
    let (rf, rl, cf, cl) = match d.len() {
        10 => (u16_at(d, 0), u16_at(d, 2), u16_at(d, 4), u16_at(d, 6)),
        14 | 16 => (u32_at(d, 0), u32_at(d, 4), u16_at(d, 8), u16_at(d, 10)),
        _ => return Ok(0),
    };
    let (Some(rf), Some(rl), Some(cf0), Some(cl)) = (rf, rl, cf, cl) else {
        return Ok(0);
    };
    let cf = if 0xFF < cf0 || cl < cf0 { 0 } else { cf0 };
    if rl < 1 || cl < 1 {
        return Ok(0);
    }
    if rf > rl - 1 {
        return Err(ReadError::Sheet {
            detail: format!(
                "invalid DIMENSIONS record (first row {rf} after last row {})",
                rl - 1
            ),
        });
    }
    Ok(u64::from(rl - rf) * u64::from(cl - cf))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((data.len() as u16).to_le_bytes());
        v.extend_from_slice(data);
        v
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        rec(0x0203, &d)
    }

    #[test]
    fn grid_cost_counts_bounding_boxes() {
        // Globals: BOF, BOUNDSHEET -> sheet at offset of the sheet BOF, EOF.
        let bof = rec(0x0809, &[0; 16]);
        let eof = rec(0x000A, &[]);
        let globals_len = bof.len() + (4 + 8) + eof.len();
        let mut bs = (globals_len as u32).to_le_bytes().to_vec();
        bs.extend([0, 0, 1, 0]);
        let mut stream = bof.clone();
        stream.extend(rec(0x0085, &bs));
        stream.extend(&eof);
        assert_eq!(stream.len(), globals_len);
        stream.extend(&bof);
        stream.extend(number(0, 0));
        stream.extend(number(65535, 255));
        stream.extend(&eof);
        assert_eq!(grid_cost(&stream).unwrap(), 65536 * 256);
    }

    #[test]
    fn filepass_is_encryption() {
        let mut stream = rec(0x0809, &[0; 16]);
        stream.extend(rec(0x002F, &[1, 0, 0, 0]));
        assert!(matches!(
            grid_cost(&stream),
            Err(ReadError::Encrypted { .. })
        ));
    }

    #[test]
    fn dimensions_like_calamine() {
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend(10u32.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend(3u16.to_le_bytes());
        d.extend([0, 0]);
        assert_eq!(dimensions_area(&d).unwrap(), 30);
        let mut bad = 20u32.to_le_bytes().to_vec();
        bad.extend(10u32.to_le_bytes());
        bad.extend([0, 0, 3, 0, 0, 0]);
        assert!(dimensions_area(&bad).is_err());
    }
}
