//! Text replacement in .xlsx cells: shared strings and inline strings,
//! rich text runs kept (same run-aware method as Word), phonetic runs
//! (furigana) shifted or dropped where the text under them changed.
//!
//! A shared string used by more than one cell is not edited in place (that
//! would change the other cells too): the edited copy is appended to the
//! table and only the cell at the location is pointed at it.

use super::docx_text::{Claim, apply_ranges, claim_ranges, first_editable, node_splices};
use super::package::Package;
use super::xlsx_scan::{self, CellXml, Rst, SmlScan};
use super::xml::{Splice, apply_splices, check_well_formed};
use super::{Edit, EditOutcome, EditStatus, WriteError};
use crate::model::Location;
use crate::read::Limits;
use std::collections::BTreeMap;

/// Where a claimed replacement lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    /// Shared string `si` index, reached from cell `cell` of sheet `sheet`.
    Shared {
        sheet: usize,
        cell: usize,
        si: usize,
    },
    Inline {
        sheet: usize,
        cell: usize,
    },
}

/// Apply edits to an .xlsx held in memory.
pub fn replace_in_xlsx(
    bytes: &[u8],
    edits: &[Edit],
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<EditOutcome>), WriteError> {
    let pkg = Package::parse(bytes.to_vec(), limits)?;
    let wb = xlsx_scan::workbook(&pkg)?;
    let mut sheet_xml: Vec<String> = Vec::new();
    let mut sheet_scan: Vec<SmlScan> = Vec::new();
    for s in &wb.sheets {
        let xml = pkg.read_string(&s.part)?;
        sheet_scan.push(xlsx_scan::scan(&xml, &s.part, limits.max_xml_depth)?);
        sheet_xml.push(xml);
    }
    let (sst_xml, sst) = match &wb.shared_strings {
        Some(p) => {
            let xml = pkg.read_string(p)?;
            let scan = xlsx_scan::scan(&xml, p, limits.max_xml_depth)?;
            (Some(xml), Some(scan))
        }
        None => (None, None),
    };
    // How many cells use each shared string.
    let mut refs: BTreeMap<usize, usize> = BTreeMap::new();
    for scan in &sheet_scan {
        for c in &scan.cells {
            if let Some(i) = shared_index(c) {
                *refs.entry(i).or_default() += 1;
            }
        }
    }
    let text_of = |t: &Target| -> Option<&Rst> {
        match *t {
            Target::Shared { si, .. } => sst.as_ref().and_then(|s| s.sis.get(si)),
            Target::Inline { sheet, cell } => sheet_scan
                .get(sheet)
                .and_then(|s| s.cells.get(cell))
                .and_then(|c| c.inline.as_ref()),
        }
    };

    let mut claims: BTreeMap<Target, Vec<Claim>> = BTreeMap::new();
    let mut outcomes: Vec<EditOutcome> = Vec::new();
    for (ei, edit) in edits.iter().enumerate() {
        let sheets: Vec<usize> = match &edit.location.sheet {
            Some(name) => wb
                .sheets
                .iter()
                .position(|s| &s.name == name)
                .into_iter()
                .collect(),
            None => (0..wb.sheets.len()).collect(),
        };
        let mut placed = false;
        let mut refusal: Option<String> = None;
        'sheets: for si_sheet in sheets {
            let scan = &sheet_scan[si_sheet];
            for (ci, c) in scan.cells.iter().enumerate() {
                if let Some(want) = &edit.location.cell
                    && !c.r.eq_ignore_ascii_case(want)
                {
                    continue;
                }
                let target = if let Some(si) = shared_index(c) {
                    Target::Shared {
                        sheet: si_sheet,
                        cell: ci,
                        si,
                    }
                } else if c.t.as_deref() == Some("inlineStr") && c.inline.is_some() {
                    Target::Inline {
                        sheet: si_sheet,
                        cell: ci,
                    }
                } else {
                    if c.t.as_deref() == Some("str")
                        && c.v.as_ref().is_some_and(|v| v.1.contains(&edit.original))
                    {
                        refusal = Some("the cell's value is computed by a formula".into());
                    }
                    continue;
                };
                let Some(rst) = text_of(&target) else {
                    continue;
                };
                // Claims made through another cell on the same shared
                // string count as taken when it is edited in place.
                let taken: Vec<(usize, usize)> = claims
                    .iter()
                    .filter(|(t, _)| same_text(t, &target))
                    .flat_map(|(_, v)| v.iter().map(|c| (c.start, c.end)))
                    .collect();
                match first_editable(&rst.text, &rst.pieces, &edit.original, taken) {
                    Ok(start) => {
                        claims.entry(target).or_default().push(Claim {
                            start,
                            end: start + edit.original.len(),
                            replacement: edit.replacement.clone(),
                            edit: ei,
                        });
                        placed = true;
                        break 'sheets;
                    }
                    Err(Some(why)) => refusal = Some(why),
                    Err(None) => {}
                }
            }
        }
        if !placed {
            outcomes.push(EditOutcome {
                index: ei,
                status: match refusal {
                    Some(r) => EditStatus::Refused(r),
                    None => EditStatus::NotFound,
                },
                location: edit.location.clone(),
                before: String::new(),
                after: String::new(),
            });
        }
    }
    if claims.is_empty() {
        outcomes.sort_by_key(|o| o.index);
        return Ok((bytes.to_vec(), outcomes));
    }

    let mut sheet_splices: BTreeMap<usize, Vec<Splice>> = BTreeMap::new();
    let mut sst_splices: Vec<Splice> = Vec::new();
    let mut new_sis: Vec<String> = Vec::new();
    let mut in_place_done: BTreeMap<usize, ()> = BTreeMap::new();
    let base_count = sst.as_ref().map_or(0, |s| s.sis.len());
    // Expected texts after the change, for verification.
    let mut expect_sst: BTreeMap<usize, String> = BTreeMap::new();
    let mut expect_cell: BTreeMap<(usize, usize), String> = BTreeMap::new();
    for (target, list) in &claims {
        let Some(rst) = text_of(target) else { continue };
        let mut list = list.clone();
        list.sort_by_key(|c| c.start);
        let ranges = claim_ranges(&list);
        let after = apply_ranges(&rst.text, &ranges);
        let (sheet, cell) = match *target {
            Target::Shared { sheet, cell, .. } | Target::Inline { sheet, cell } => (sheet, cell),
        };
        let cref = sheet_scan[sheet].cells[cell].r.clone();
        let loc = Location::sheet_cell(wb.sheets[sheet].name.clone(), cref);
        for c in &list {
            outcomes.push(EditOutcome {
                index: c.edit,
                status: EditStatus::Applied,
                location: loc.clone(),
                before: rst.text.clone(),
                after: after.clone(),
            });
        }
        let mut splices = node_splices(&rst.text, &rst.pieces, &ranges)?;
        splices.extend(phonetic_splices(rst, &ranges));
        match *target {
            Target::Inline { sheet, cell } => {
                sheet_splices.entry(sheet).or_default().extend(splices);
                expect_cell.insert((sheet, cell), after);
            }
            Target::Shared { sheet, cell, si } => {
                let users = refs.get(&si).copied().unwrap_or(0);
                let sharers = claims
                    .keys()
                    .filter(|t| matches!(t, Target::Shared { si: s2, .. } if *s2 == si))
                    .count();
                if users <= 1 && sharers == 1 {
                    if in_place_done.insert(si, ()).is_none() {
                        sst_splices.extend(splices);
                        expect_sst.insert(si, after);
                    }
                } else {
                    // Copy the string with the edits applied, point this
                    // cell at the copy.
                    let xml = sst_xml.as_deref().unwrap_or("");
                    let si_xml = &xml[rst.range.clone()];
                    let local: Vec<Splice> = splices
                        .iter()
                        .map(|s| Splice {
                            range: s.range.start - rst.range.start..s.range.end - rst.range.start,
                            with: s.with.clone(),
                        })
                        .collect();
                    new_sis.push(apply_splices(si_xml, &local, "xl/sharedStrings.xml")?);
                    let new_index = base_count + new_sis.len() - 1;
                    expect_sst.insert(new_index, after);
                    let c = &sheet_scan[sheet].cells[cell];
                    if let Some((vr, _)) = &c.v {
                        sheet_splices
                            .entry(sheet)
                            .or_default()
                            .push(Splice::replace(vr.clone(), new_index.to_string()));
                    }
                }
            }
        }
    }

    let mut changes = BTreeMap::new();
    for (sheet, splices) in sheet_splices {
        let part = &wb.sheets[sheet].part;
        let new = apply_splices(&sheet_xml[sheet], &splices, part)?;
        check_well_formed(&new, part, limits.max_xml_depth)?;
        let rescan = xlsx_scan::scan(&new, part, limits.max_xml_depth)?;
        verify_cells(&sheet_scan[sheet], &rescan, &expect_cell, sheet, part)?;
        changes.insert(part.clone(), new.into_bytes());
    }
    if let (Some(part), Some(xml), Some(scan)) = (&wb.shared_strings, &sst_xml, &sst)
        && (!sst_splices.is_empty() || !new_sis.is_empty())
    {
        let mut splices = sst_splices;
        if !new_sis.is_empty() {
            splices.push(Splice::insert(scan.root_end_tag, new_sis.concat()));
            if let Some((range, n)) = &scan.unique_count {
                splices.push(Splice::replace(
                    range.clone(),
                    (n + new_sis.len() as u64).to_string(),
                ));
            }
        }
        let new = apply_splices(xml, &splices, part)?;
        check_well_formed(&new, part, limits.max_xml_depth)?;
        let rescan = xlsx_scan::scan(&new, part, limits.max_xml_depth)?;
        if rescan.sis.len() != scan.sis.len() + new_sis.len() {
            return Err(WriteError::Verify(format!("{part}: string count is wrong")));
        }
        for (i, si) in rescan.sis.iter().enumerate() {
            let want = match expect_sst.get(&i) {
                Some(w) => w.as_str(),
                None => scan.sis.get(i).map(|s| s.text.as_str()).unwrap_or(""),
            };
            if si.text != want {
                return Err(WriteError::Verify(format!(
                    "{part}: string {i} reads {:?}, expected {want:?}",
                    si.text
                )));
            }
        }
        changes.insert(part.clone(), new.into_bytes());
    }
    outcomes.sort_by_key(|o| o.index);
    if changes.is_empty() {
        return Ok((bytes.to_vec(), outcomes));
    }
    Ok((pkg.rewrite(&changes)?, outcomes))
}

fn shared_index(c: &CellXml) -> Option<usize> {
    if c.t.as_deref() != Some("s") {
        return None;
    }
    c.v.as_ref().and_then(|v| v.1.trim().parse::<usize>().ok())
}

fn same_text(a: &Target, b: &Target) -> bool {
    match (a, b) {
        (
            Target::Shared {
                si: x,
                sheet: s1,
                cell: c1,
            },
            Target::Shared {
                si: y,
                sheet: s2,
                cell: c2,
            },
        ) => x == y && (s1, c1) == (s2, c2),
        _ => a == b,
    }
}

/// Phonetic runs after an edit: the ones under changed text are removed,
/// the ones after it are shifted (offsets are in UTF-16 units).
fn phonetic_splices(rst: &Rst, ranges: &[(usize, usize, &str)]) -> Vec<Splice> {
    let units = |s: &str| s.encode_utf16().count() as i64;
    let mut out = Vec::new();
    for ph in &rst.phonetics {
        let (sb, eb) = (ph.sb as i64, ph.eb as i64);
        let mut delta = 0i64;
        let mut hit = false;
        for &(s, e, r) in ranges {
            let cs = units(rst.text.get(..s).unwrap_or(""));
            let ce = units(rst.text.get(..e).unwrap_or(""));
            if ce <= sb {
                delta += units(r) - (ce - cs);
            } else if cs < eb {
                hit = true;
            }
        }
        if hit {
            out.push(Splice::replace(ph.range.clone(), ""));
        } else if delta != 0 {
            let tag = format!(
                "<{} sb=\"{}\" eb=\"{}\">",
                ph.qname,
                (sb + delta).max(0),
                (eb + delta).max(0)
            );
            out.push(Splice::replace(ph.start_tag.clone(), tag));
        }
    }
    out
}

fn verify_cells(
    old: &SmlScan,
    new: &SmlScan,
    expect: &BTreeMap<(usize, usize), String>,
    sheet: usize,
    part: &str,
) -> Result<(), WriteError> {
    if old.cells.len() != new.cells.len() {
        return Err(WriteError::Verify(format!("{part}: cell count changed")));
    }
    for (i, (a, b)) in old.cells.iter().zip(new.cells.iter()).enumerate() {
        if a.r != b.r || a.t != b.t {
            return Err(WriteError::Verify(format!(
                "{part}: cell {} changed type",
                a.r
            )));
        }
        let want = expect
            .get(&(sheet, i))
            .cloned()
            .or_else(|| a.inline.as_ref().map(|r| r.text.clone()));
        let got = b.inline.as_ref().map(|r| r.text.clone());
        if want != got {
            return Err(WriteError::Verify(format!(
                "{part}: cell {} reads {got:?}",
                a.r
            )));
        }
    }
    Ok(())
}
