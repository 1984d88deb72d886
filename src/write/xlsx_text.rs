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
    let book = Book::read(&pkg, limits)?;
    let mut claims: BTreeMap<Target, Vec<Claim>> = BTreeMap::new();
    let mut outcomes: Vec<EditOutcome> = Vec::new();
    for (ei, edit) in edits.iter().enumerate() {
        if let Some(not_placed) = book.claim(ei, edit, &mut claims) {
            outcomes.push(not_placed);
        }
    }
    if claims.is_empty() {
        outcomes.sort_by_key(|o| o.index);
        return Ok((bytes.to_vec(), outcomes));
    }
    let plan = book.plan(&claims, &mut outcomes)?;
    let mut changes = BTreeMap::new();
    book.write_sheets(&plan, limits, &mut changes)?;
    book.write_shared_strings(plan, limits, &mut changes)?;
    outcomes.sort_by_key(|o| o.index);
    if changes.is_empty() {
        return Ok((bytes.to_vec(), outcomes));
    }
    Ok((pkg.rewrite(&changes)?, outcomes))
}

/// The workbook's sheets and shared strings as read and scanned.
struct Book {
    wb: xlsx_scan::Workbook,
    sheet_xml: Vec<String>,
    sheet_scan: Vec<SmlScan>,
    sst_xml: Option<String>,
    sst: Option<SmlScan>,
    /// How many cells use each shared string.
    refs: BTreeMap<usize, usize>,
}

/// The splices a set of claims makes, and the texts expected after them.
#[derive(Default)]
struct Plan {
    sheet_splices: BTreeMap<usize, Vec<Splice>>,
    sst_splices: Vec<Splice>,
    /// Edited copies of shared strings, appended to the table.
    new_sis: Vec<String>,
    in_place_done: BTreeMap<usize, ()>,
    // Expected texts after the change, for verification.
    expect_sst: BTreeMap<usize, String>,
    expect_cell: BTreeMap<(usize, usize), String>,
}

impl Book {
    fn read(pkg: &Package, limits: &Limits) -> Result<Book, WriteError> {
        let wb = xlsx_scan::workbook(pkg)?;
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
        let mut refs: BTreeMap<usize, usize> = BTreeMap::new();
        for scan in &sheet_scan {
            for c in &scan.cells {
                if let Some(i) = shared_index(c) {
                    *refs.entry(i).or_default() += 1;
                }
            }
        }
        Ok(Book {
            wb,
            sheet_xml,
            sheet_scan,
            sst_xml,
            sst,
            refs,
        })
    }

    fn text_of(&self, t: &Target) -> Option<&Rst> {
        match *t {
            Target::Shared { si, .. } => self.sst.as_ref().and_then(|s| s.sis.get(si)),
            Target::Inline { sheet, cell } => self
                .sheet_scan
                .get(sheet)
                .and_then(|s| s.cells.get(cell))
                .and_then(|c| c.inline.as_ref()),
        }
    }

    /// Claim the first editable occurrence of edit `ei`; the outcome when
    /// it was not placed (refused or not found).
    fn claim(
        &self,
        ei: usize,
        edit: &Edit,
        claims: &mut BTreeMap<Target, Vec<Claim>>,
    ) -> Option<EditOutcome> {
        let sheets: Vec<usize> = match &edit.location.sheet {
            Some(name) => self
                .wb
                .sheets
                .iter()
                .position(|s| &s.name == name)
                .into_iter()
                .collect(),
            None => (0..self.wb.sheets.len()).collect(),
        };
        let mut refusal: Option<String> = None;
        for si_sheet in sheets {
            let scan = &self.sheet_scan[si_sheet];
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
                let Some(rst) = self.text_of(&target) else {
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
                        return None;
                    }
                    Err(Some(why)) => refusal = Some(why),
                    Err(None) => {}
                }
            }
        }
        Some(EditOutcome {
            index: ei,
            status: match refusal {
                Some(r) => EditStatus::Refused(r),
                None => EditStatus::NotFound,
            },
            location: edit.location.clone(),
            before: String::new(),
            after: String::new(),
        })
    }

    /// The splices of every claimed text; an Applied outcome per claim.
    fn plan(
        &self,
        claims: &BTreeMap<Target, Vec<Claim>>,
        outcomes: &mut Vec<EditOutcome>,
    ) -> Result<Plan, WriteError> {
        let mut plan = Plan::default();
        for (target, list) in claims {
            let Some(rst) = self.text_of(target) else {
                continue;
            };
            let mut list = list.clone();
            list.sort_by_key(|c| c.start);
            let ranges = claim_ranges(&list);
            let after = apply_ranges(&rst.text, &ranges);
            let (sheet, cell) = match *target {
                Target::Shared { sheet, cell, .. } | Target::Inline { sheet, cell } => {
                    (sheet, cell)
                }
            };
            let cref = self.sheet_scan[sheet].cells[cell].r.clone();
            let loc = Location::sheet_cell(self.wb.sheets[sheet].name.clone(), cref);
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
                    plan.sheet_splices.entry(sheet).or_default().extend(splices);
                    plan.expect_cell.insert((sheet, cell), after);
                }
                Target::Shared { sheet, cell, si } => {
                    let users = self.refs.get(&si).copied().unwrap_or(0);
                    let sharers = claims
                        .keys()
                        .filter(|t| matches!(t, Target::Shared { si: s2, .. } if *s2 == si))
                        .count();
                    if users <= 1 && sharers == 1 {
                        if plan.in_place_done.insert(si, ()).is_none() {
                            plan.sst_splices.extend(splices);
                            plan.expect_sst.insert(si, after);
                        }
                    } else {
                        self.copy_shared(&mut plan, rst, &splices, (sheet, cell), after)?;
                    }
                }
            }
        }
        Ok(plan)
    }

    /// Copy a shared string with the edits applied and point this cell
    /// at the copy (the other cells using it keep the original).
    fn copy_shared(
        &self,
        plan: &mut Plan,
        rst: &Rst,
        splices: &[Splice],
        (sheet, cell): (usize, usize),
        after: String,
    ) -> Result<(), WriteError> {
        let base_count = self.sst.as_ref().map_or(0, |s| s.sis.len());
        let xml = self.sst_xml.as_deref().unwrap_or("");
        let si_xml = &xml[rst.range.clone()];
        let local: Vec<Splice> = splices
            .iter()
            .map(|s| Splice {
                range: s.range.start - rst.range.start..s.range.end - rst.range.start,
                with: s.with.clone(),
            })
            .collect();
        plan.new_sis
            .push(apply_splices(si_xml, &local, "xl/sharedStrings.xml")?);
        let new_index = base_count + plan.new_sis.len() - 1;
        plan.expect_sst.insert(new_index, after);
        let c = &self.sheet_scan[sheet].cells[cell];
        if let Some((vr, _)) = &c.v {
            plan.sheet_splices
                .entry(sheet)
                .or_default()
                .push(Splice::replace(vr.clone(), new_index.to_string()));
        }
        Ok(())
    }

    /// The edited sheets, each checked by scanning it again.
    fn write_sheets(
        &self,
        plan: &Plan,
        limits: &Limits,
        changes: &mut BTreeMap<String, Vec<u8>>,
    ) -> Result<(), WriteError> {
        for (&sheet, splices) in &plan.sheet_splices {
            let part = &self.wb.sheets[sheet].part;
            let new = apply_splices(&self.sheet_xml[sheet], splices, part)?;
            check_well_formed(&new, part, limits.max_xml_depth)?;
            let rescan = xlsx_scan::scan(&new, part, limits.max_xml_depth)?;
            verify_cells(
                &self.sheet_scan[sheet],
                &rescan,
                &plan.expect_cell,
                sheet,
                part,
            )?;
            changes.insert(part.clone(), new.into_bytes());
        }
        Ok(())
    }

    /// The edited shared-string table (strings edited in place, copies
    /// appended), checked string by string.
    fn write_shared_strings(
        &self,
        plan: Plan,
        limits: &Limits,
        changes: &mut BTreeMap<String, Vec<u8>>,
    ) -> Result<(), WriteError> {
        let (Some(part), Some(xml), Some(scan)) =
            (&self.wb.shared_strings, &self.sst_xml, &self.sst)
        else {
            return Ok(());
        };
        if plan.sst_splices.is_empty() && plan.new_sis.is_empty() {
            return Ok(());
        }
        let new_sis = plan.new_sis;
        let mut splices = plan.sst_splices;
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
            let want = match plan.expect_sst.get(&i) {
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
        Ok(())
    }
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
