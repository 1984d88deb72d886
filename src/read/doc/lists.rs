//! The list tables of a .doc ([MS-DOC] 2.4.6.4 "Determining List
//! Formatting"): the paragraph's sprmPIlfo picks an LFO of the PlfLfo
//! (1-based), whose lsid picks an LSTF of the PlfLst; each LSTF has one or
//! nine LVLs (number format, start, level text whose characters 0–8 are
//! placeholders), stored one after the other after the PlfLst. An LFO's
//! LFOLVLs override a level's start value or the whole level. Read into
//! the [`Numbering`] both Word readers count with.

use super::bytes::{i16_at, slice, u16_at, u32_at};
use crate::read::numbering::{Instance, LEVELS, Level, MAX_LISTS, Numbering, Part};

const LVLF_LEN: usize = 28;
const LSTF_LEN: usize = 28;
const LFO_LEN: usize = 16;

/// One LVL at `at`: its level and the offset just after it.
fn level_at(b: &[u8], at: usize) -> Option<(Level, usize)> {
    let lvlf = slice(b, at, LVLF_LEN)?;
    let flags = lvlf[5];
    let cb_chpx = usize::from(lvlf[24]);
    let cb_papx = usize::from(lvlf[25]);
    let xst_at = at + LVLF_LEN + cb_papx + cb_chpx;
    let cch = usize::from(u16_at(b, xst_at)?);
    let raw = slice(b, xst_at + 2, cch * 2)?;
    let units: Vec<u16> = raw
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let template = char::decode_utf16(units)
        .filter_map(Result::ok)
        .map(|c| match c as usize {
            l if l < LEVELS => Part::Level(l),
            _ => Part::Text(c),
        })
        .collect();
    let level = Level {
        start: u32_at(lvlf, 0).map_or(0, |v| v as i32),
        nfc: lvlf[4],
        legal: flags & 0x04 != 0,
        restart_lim: (flags & 0x08 != 0).then_some(usize::from(lvlf[26])),
        template,
    };
    Some((level, xst_at + 2 + cch * 2))
}

/// Parse the PlfLst (followed by its LVLs) and the PlfLfo (followed by
/// its LFOData) of the table stream. Whatever does not fit is left out.
pub fn parse(table: &[u8], plf_lst: (u32, u32), plf_lfo: (u32, u32)) -> Numbering {
    let mut out = Numbering::default();
    let lst_at = plf_lst.0 as usize;
    if plf_lst.1 >= 2 {
        let count = i16_at(table, lst_at).map_or(0, |c| usize::try_from(c).unwrap_or(0));
        let count = count.min(MAX_LISTS);
        let mut lvl_at = lst_at.saturating_add(plf_lst.1 as usize);
        for i in 0..count {
            let Some(lstf) = slice(table, lst_at + 2 + LSTF_LEN * i, LSTF_LEN) else {
                break;
            };
            let lsid = i64::from(u32_at(lstf, 0).unwrap_or(0));
            let n = if lstf[26] & 0x01 != 0 { 1 } else { LEVELS };
            let mut levels = Vec::with_capacity(n);
            for _ in 0..n {
                match level_at(table, lvl_at) {
                    Some((l, next)) => {
                        levels.push(l);
                        lvl_at = next;
                    }
                    None => break,
                }
            }
            out.lists.entry(lsid).or_insert(levels);
        }
    }
    if plf_lfo.1 >= 4 {
        for (i, inst) in lfos(table, plf_lfo.0 as usize).into_iter().enumerate() {
            out.instances.insert(i as i64 + 1, inst);
        }
    }
    out
}

/// The PlfLfo at `at`: lfoMac, the LFOs, then one LFOData per LFO (a cp
/// and `clfolvl` LFOLVLs, each followed by an LVL when it overrides the
/// formatting).
fn lfos(table: &[u8], at: usize) -> Vec<Instance> {
    let count = u32_at(table, at).map_or(0, |c| c as usize).min(MAX_LISTS);
    let mut out = Vec::with_capacity(count);
    let mut data_at = at + 4 + LFO_LEN * count;
    for i in 0..count {
        let Some(lfo) = slice(table, at + 4 + LFO_LEN * i, LFO_LEN) else {
            break;
        };
        let lsid = i64::from(u32_at(lfo, 0).unwrap_or(0));
        let clfolvl = usize::from(lfo[12]).min(LEVELS);
        let mut o = Instance {
            list: lsid,
            overrides: Vec::new(),
        };
        if clfolvl > 0 {
            // LFOData: the 4-byte cp, then the LFOLVLs.
            let mut p = data_at + 4;
            for _ in 0..clfolvl {
                let Some(lfolvl) = slice(table, p, 8) else {
                    break;
                };
                let start = u32_at(lfolvl, 0).map_or(0, |v| v as i32);
                let ilvl = usize::from(lfolvl[4] & 0x0F);
                let has_start = lfolvl[4] & 0x10 != 0;
                let has_format = lfolvl[4] & 0x20 != 0;
                p += 8;
                let mut lvl = None;
                if has_format {
                    match level_at(table, p) {
                        Some((l, next)) => {
                            lvl = Some(l);
                            p = next;
                        }
                        None => break,
                    }
                }
                o.overrides.push((ilvl, has_start.then_some(start), lvl));
            }
            data_at = p;
        } else {
            data_at += 4;
        }
        out.push(o);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-list table stream built by hand: "%1." decimal at level 0,
    /// "%1.%2)" lower letter at level 1.
    fn lvl(nfc: u8, start: i32, text: &[u16]) -> Vec<u8> {
        let mut b = vec![0u8; LVLF_LEN];
        b[0..4].copy_from_slice(&start.to_le_bytes());
        b[4] = nfc;
        b.extend_from_slice(&(text.len() as u16).to_le_bytes());
        for u in text {
            b.extend_from_slice(&u.to_le_bytes());
        }
        b
    }

    fn table(lfo_start: Option<i32>) -> (Vec<u8>, (u32, u32), (u32, u32)) {
        let mut t = vec![0u8; 2 + LSTF_LEN];
        t[0..2].copy_from_slice(&1i16.to_le_bytes());
        t[2..6].copy_from_slice(&77i32.to_le_bytes());
        let lst = (0, t.len() as u32);
        t.extend(lvl(0, 1, &[0, u16::from(b'.')]));
        t.extend(lvl(4, 1, &[0, u16::from(b'.'), 1, u16::from(b')')]));
        for _ in 2..LEVELS {
            t.extend(lvl(0, 1, &[]));
        }
        let lfo_at = t.len();
        let n = 2u32;
        t.extend(n.to_le_bytes());
        for i in 0..n {
            let mut lfo = vec![0u8; LFO_LEN];
            lfo[0..4].copy_from_slice(&77i32.to_le_bytes());
            lfo[12] = u8::from(i == 1 && lfo_start.is_some());
            t.extend(lfo);
        }
        t.extend([0u8; 4]);
        if let Some(s) = lfo_start {
            t.extend([0u8; 4]);
            t.extend(s.to_le_bytes());
            t.extend([0x10, 0, 0, 0]);
        }
        let len = (t.len() - lfo_at) as u32;
        (t, lst, (lfo_at as u32, len))
    }

    #[test]
    fn levels_count_and_restart() {
        let (t, lst, lfo) = table(None);
        let mut lists = parse(&t, lst, lfo);
        let got: Vec<_> = [(1, 0), (1, 1), (1, 1), (1, 0), (1, 1), (2, 0), (9, 0)]
            .iter()
            .map(|&(f, l)| lists.label(f, l))
            .collect();
        let want = ["1.", "1.a)", "1.b)", "2.", "2.a)", "3."].map(|s| Some(s.to_string()));
        assert_eq!(&got[..6], &want);
        assert_eq!(got[6], None);
    }

    #[test]
    fn an_override_restarts_its_level() {
        let (t, lst, lfo) = table(Some(5));
        let mut lists = parse(&t, lst, lfo);
        assert_eq!(lists.label(1, 0).as_deref(), Some("1."));
        assert_eq!(lists.label(2, 0).as_deref(), Some("5."));
        assert_eq!(lists.label(2, 0).as_deref(), Some("6."));
    }

    #[test]
    fn garbage_tables_give_no_labels() {
        let mut lists = parse(&[0xFF; 64], (0, 64), (10, 50));
        assert_eq!(lists.label(1, 0), None);
        let mut lists = parse(&[], (1 << 30, 1 << 30), (u32::MAX, u32::MAX));
        assert_eq!(lists.label(1, 0), None);
    }
}
