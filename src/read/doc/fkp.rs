//! Paragraph and character properties: the bin tables PlcBtePapx and
//! PlcBteChpx point to 512-byte formatted disk pages (FKPs, [MS-DOC]
//! 2.9.174 PapxFkp, 2.9.32 ChpxFkp) in the WordDocument stream, each
//! mapping file-offset ranges to property modifiers. Only the properties
//! the reader needs are decoded.

use super::bytes::{SPRM_TDEF_TABLE, i16_at, slice, sprms, u16_at, u32_at};

const PAGE: usize = 512;

/// What a paragraph mark's properties say about tables.
#[derive(Debug, Clone, Default)]
pub struct ParaProps {
    pub in_table: bool,
    /// End of a row of the outermost table (sprmPFTtp).
    pub ttp: bool,
    /// Table depth (sprmPItap); 1 when in a table and not given.
    pub itap: u32,
    pub inner_cell: bool,
    pub inner_ttp: bool,
    /// Cell boundaries of the row (sprmTDefTable), in twips, and each
    /// cell's vertical merge: 1 continues the cell above, 3 starts a merge.
    pub bounds: Vec<i16>,
    pub vmerge: Vec<u8>,
    pub hmerge: Vec<u8>,
    /// The list the paragraph is numbered in (sprmPIlfo, 1-based; 0 none)
    /// and its level (sprmPIlvl).
    pub ilfo: u16,
    pub ilvl: u8,
}

impl ParaProps {
    /// Depth of the paragraph in tables (0 outside).
    pub fn depth(&self) -> u32 {
        if !self.in_table && self.itap == 0 {
            0
        } else {
            self.itap.max(1)
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CharProps {
    pub deleted: bool,
    pub inserted: bool,
    pub hidden: bool,
}

/// Property runs sorted by FC: `[start, end)` → properties.
#[derive(Debug)]
pub struct Runs<T> {
    runs: Vec<(u32, u32, T)>,
}

impl<T: Clone + Default> Runs<T> {
    /// Properties at `fc` (defaults outside every run).
    pub fn at(&self, fc: u32) -> T {
        let i = self.runs.partition_point(|r| r.1 <= fc);
        match self.runs.get(i) {
            Some((s, e, p)) if *s <= fc && fc < *e => p.clone(),
            _ => T::default(),
        }
    }
}

/// The FKP page numbers a bin table lists.
fn pages(plc: &[u8]) -> Vec<u32> {
    if plc.len() < 4 || !(plc.len() - 4).is_multiple_of(8) {
        return Vec::new();
    }
    let n = (plc.len() - 4) / 8;
    (0..n)
        .filter_map(|i| u32_at(plc, 4 * (n + 1) + 4 * i))
        .map(|pn| pn & 0x003F_FFFF)
        .collect()
}

/// Each run of an FKP: (fc start, fc end, byte offset of its properties
/// in the page, or None when it has none).
fn fkp_runs(page: &[u8], entry: usize) -> Vec<(u32, u32, Option<usize>)> {
    let crun = usize::from(page.get(PAGE - 1).copied().unwrap_or(0));
    let rgb_at = 4 * (crun + 1);
    (0..crun)
        .filter_map(|i| {
            let start = u32_at(page, 4 * i)?;
            let end = u32_at(page, 4 * (i + 1))?;
            let b = usize::from(*page.get(rgb_at + entry * i)?);
            Some((start, end, (b != 0).then_some(b * 2)))
        })
        .collect()
}

/// Paragraph property runs. `data` is the Data stream (huge PAPXs).
pub fn papx_runs(plc: &[u8], word: &[u8], data: &[u8]) -> Runs<ParaProps> {
    let mut runs = Vec::new();
    for pn in pages(plc) {
        let Some(page) = slice(word, pn as usize * PAGE, PAGE) else {
            continue;
        };
        // BxPap entries are 13 bytes (1 offset byte + 12 reserved).
        for (start, end, at) in fkp_runs(page, 13) {
            let props = at.map(|at| papx_at(page, at, data)).unwrap_or_default();
            runs.push((start, end, props));
        }
    }
    runs.sort_by_key(|r| r.0);
    Runs { runs }
}

fn papx_at(page: &[u8], at: usize, data: &[u8]) -> ParaProps {
    let Some(&cb) = page.get(at) else {
        return ParaProps::default();
    };
    let (start, len) = if cb == 0 {
        let cb2 = usize::from(page.get(at + 1).copied().unwrap_or(0));
        (at + 2, 2 * cb2)
    } else {
        (at + 1, 2 * usize::from(cb) - 1)
    };
    // The first two bytes are the style index.
    let Some(grpprl) = page.get(start + 2..(start + len).min(PAGE)) else {
        return ParaProps::default();
    };
    let mut props = ParaProps::default();
    apply_para(&mut props, grpprl, data, 0);
    props
}

fn apply_para(props: &mut ParaProps, grpprl: &[u8], data: &[u8], depth: u8) {
    for (op, arg) in sprms(grpprl) {
        let flag = arg.first().copied().unwrap_or(0) != 0;
        match op {
            0x2416 => props.in_table = flag,
            0x2417 => props.ttp = flag,
            0x244B => props.inner_cell = flag,
            0x244C => props.inner_ttp = flag,
            0x460B => props.ilfo = u16_at(arg, 0).unwrap_or(0),
            0x260A => props.ilvl = arg.first().copied().unwrap_or(0),
            0x6649 => props.itap = u32_at(arg, 0).unwrap_or(0).min(64),
            0x6646 if depth == 0 => {
                // sprmPHugePapx: the real grpprl is in the Data stream.
                let fc = u32_at(arg, 0).unwrap_or(0) as usize;
                if let Some(cb) = u16_at(data, fc)
                    && let Some(huge) = slice(data, fc + 2, usize::from(cb))
                {
                    // Skip the style index.
                    if let Some(g) = huge.get(2..) {
                        apply_para(props, g, data, 1);
                    }
                }
            }
            SPRM_TDEF_TABLE => tdef(props, arg),
            _ => {}
        }
    }
}

/// TDefTableOperand: cb, itcMac, rgdxaCenter[itcMac+1], rgTc80[itcMac].
fn tdef(props: &mut ParaProps, arg: &[u8]) {
    let n = usize::from(arg.get(2).copied().unwrap_or(0));
    let bounds: Vec<i16> = (0..=n).map_while(|i| i16_at(arg, 3 + 2 * i)).collect();
    if bounds.len() != n + 1 {
        return;
    }
    let tc_at = 3 + 2 * (n + 1);
    props.vmerge = (0..n)
        .map(|i| {
            let grf = u16_at(arg, tc_at + 20 * i).unwrap_or(0);
            ((grf >> 5) & 0x3) as u8
        })
        .collect();
    props.hmerge = (0..n)
        .map(|i| (u16_at(arg, tc_at + 20 * i).unwrap_or(0) & 0x3) as u8)
        .collect();
    props.bounds = bounds;
}

/// Character property runs.
pub fn chpx_runs(plc: &[u8], word: &[u8]) -> Runs<CharProps> {
    let mut runs = Vec::new();
    for pn in pages(plc) {
        let Some(page) = slice(word, pn as usize * PAGE, PAGE) else {
            continue;
        };
        for (start, end, at) in fkp_runs(page, 1) {
            let props = at.map(|at| chpx_at(page, at)).unwrap_or_default();
            if props != CharProps::default() {
                runs.push((start, end, props));
            }
        }
    }
    runs.sort_by_key(|r| r.0);
    Runs { runs }
}

fn chpx_at(page: &[u8], at: usize) -> CharProps {
    let cb = usize::from(page.get(at).copied().unwrap_or(0));
    let Some(grpprl) = page.get(at + 1..(at + 1 + cb).min(PAGE)) else {
        return CharProps::default();
    };
    let mut props = CharProps::default();
    for (op, arg) in sprms(grpprl) {
        let on = arg.first().copied().unwrap_or(0) & 1 != 0;
        match op {
            0x0800 => props.deleted = on,
            0x0801 => props.inserted = on,
            0x083C => props.hidden = on,
            _ => {}
        }
    }
    props
}
