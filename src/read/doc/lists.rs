//! List numbers Word generates for numbered paragraphs ([MS-DOC] 2.4.6.4
//! "Determining List Formatting"): the paragraph's sprmPIlfo picks an LFO
//! of the PlfLfo, whose lsid picks an LSTF of the PlfLst; the LVL of the
//! paragraph's level (sprmPIlvl) gives the number format (nfc), the start
//! value and the level text, a template whose characters 0–8 stand for the
//! current number of that level. LFOs may override a level's start value
//! or the whole level (LFOLVL).
//!
//! Counting is per list (lsid), as Word does for the LFOs sharing one
//! list: a level counts up, deeper levels restart, and an LFO that
//! overrides a start value restarts that level the first time it is used.

use super::bytes::{i16_at, slice, u16_at, u32_at};
use std::collections::{HashMap, HashSet};

/// At most this many lists / overrides are read (Word's own limit is
/// far lower); more is a hostile file.
const MAX_LISTS: usize = 10_000;
const LEVELS: usize = 9;
const LVLF_LEN: usize = 28;
const LSTF_LEN: usize = 28;
const LFO_LEN: usize = 16;
/// nfc values ([MS-DOC] 2.9.xxx MSONFC, the order of ST_NumberFormat).
const NFC_BULLET: u8 = 23;
const NFC_NONE: u8 = 255;

#[derive(Debug, Clone, Default)]
struct Level {
    start: i32,
    nfc: u8,
    /// All numbers of the label in arabic digits (legal numbering).
    legal: bool,
    /// With fNoRestart, ilvlRestartLim: the level restarts only when a
    /// level shallower than this one counts (0: never).
    restart_lim: Option<usize>,
    /// The level text, placeholders as units 0–8.
    template: Vec<u16>,
}

#[derive(Debug, Default)]
struct Override {
    lsid: i32,
    /// (level, start-at override, level override).
    levels: Vec<(usize, Option<i32>, Option<Level>)>,
}

/// The list tables of a document and the counters while its paragraphs
/// are read in order.
#[derive(Debug, Default)]
pub struct Lists {
    lists: HashMap<i32, Vec<Level>>,
    lfos: Vec<Override>,
    counters: HashMap<i32, [Option<i32>; LEVELS]>,
    started: HashSet<usize>,
}

/// One LVL at `at`: its level and the offset just after it.
fn level_at(b: &[u8], at: usize) -> Option<(Level, usize)> {
    let lvlf = slice(b, at, LVLF_LEN)?;
    let flags = lvlf[5];
    let cb_chpx = usize::from(lvlf[24]);
    let cb_papx = usize::from(lvlf[25]);
    let xst_at = at + LVLF_LEN + cb_papx + cb_chpx;
    let cch = usize::from(u16_at(b, xst_at)?);
    let raw = slice(b, xst_at + 2, cch * 2)?;
    let template = raw
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
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

impl Lists {
    /// Parse the PlfLst (followed by its LVLs) and the PlfLfo (followed by
    /// its LFOData) of the table stream. Whatever does not fit is left out.
    pub fn parse(table: &[u8], plf_lst: (u32, u32), plf_lfo: (u32, u32)) -> Lists {
        let mut out = Lists::default();
        let lst_at = plf_lst.0 as usize;
        if plf_lst.1 >= 2 {
            let count = i16_at(table, lst_at).map_or(0, |c| usize::try_from(c).unwrap_or(0));
            let count = count.min(MAX_LISTS);
            let mut lvl_at = lst_at.saturating_add(plf_lst.1 as usize);
            for i in 0..count {
                let Some(lstf) = slice(table, lst_at + 2 + LSTF_LEN * i, LSTF_LEN) else {
                    break;
                };
                let lsid = u32_at(lstf, 0).map_or(0, |v| v as i32);
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
            out.lfos = lfos(table, plf_lfo.0 as usize);
        }
        out
    }

    /// The label of a paragraph in list `ilfo` (1-based) at level `ilvl`,
    /// counting it; None when the paragraph is not in a known list.
    pub fn label(&mut self, ilfo: u16, ilvl: u8) -> Option<String> {
        let lfo_i = usize::from(ilfo).checked_sub(1)?;
        let lfo = self.lfos.get(lfo_i)?;
        let base = self.lists.get(&lfo.lsid)?;
        let ilvl = usize::from(ilvl).min(base.len().checked_sub(1)?);
        // The levels as this LFO sees them.
        let mut levels = base.clone();
        let mut restart = Vec::new();
        for (l, start, lvl) in &lfo.levels {
            if let Some(slot) = levels.get_mut(*l) {
                if let Some(lvl) = lvl {
                    *slot = lvl.clone();
                }
                if let Some(s) = start {
                    slot.start = *s;
                    restart.push(*l);
                }
            }
        }
        let counters = self.counters.entry(lfo.lsid).or_insert([None; LEVELS]);
        if self.started.insert(lfo_i) {
            for l in restart {
                if let Some(c) = counters.get_mut(l) {
                    *c = None;
                }
            }
        }
        let level = levels.get(ilvl)?;
        counters[ilvl] = Some(match counters[ilvl] {
            Some(n) => n.saturating_add(1),
            None => level.start,
        });
        // A skipped shallower level counts as used at its start value
        // ("2.a.I" then "2.b").
        for (k, c) in counters.iter_mut().enumerate().take(ilvl) {
            if c.is_none() {
                *c = Some(levels.get(k).map_or(1, |l| l.start));
            }
        }
        for (deeper, c) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let lim = levels.get(deeper).and_then(|l| l.restart_lim);
            if lim.is_none_or(|lim| ilvl < lim) {
                *c = None;
            }
        }
        let mut label = String::new();
        for &u in &level.template {
            let l = usize::from(u);
            if l < LEVELS {
                let Some(lv) = levels.get(l) else { continue };
                let n = counters[l].unwrap_or(lv.start);
                let nfc = if level.legal && lv.nfc != NFC_NONE {
                    0
                } else {
                    lv.nfc
                };
                label.push_str(&format_number(n, nfc));
            } else if let Some(c) = char::from_u32(u32::from(u)) {
                label.push(symbol(c));
            }
        }
        Some(label)
    }
}

/// The PlfLfo at `at`: lfoMac, the LFOs, then one LFOData per LFO (a cp
/// and `clfolvl` LFOLVLs, each followed by an LVL when it overrides the
/// formatting).
fn lfos(table: &[u8], at: usize) -> Vec<Override> {
    let count = u32_at(table, at).map_or(0, |c| c as usize).min(MAX_LISTS);
    let mut out = Vec::with_capacity(count);
    let mut data_at = at + 4 + LFO_LEN * count;
    for i in 0..count {
        let Some(lfo) = slice(table, at + 4 + LFO_LEN * i, LFO_LEN) else {
            break;
        };
        let lsid = u32_at(lfo, 0).map_or(0, |v| v as i32);
        let clfolvl = usize::from(lfo[12]).min(LEVELS);
        let mut o = Override {
            lsid,
            levels: Vec::new(),
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
                o.levels.push((ilvl, has_start.then_some(start), lvl));
            }
            data_at = p;
        } else {
            data_at += 4;
        }
        out.push(o);
    }
    out
}

/// Private-use bullet characters of the Symbol and Wingdings fonts as the
/// characters they show.
fn symbol(c: char) -> char {
    match c {
        '\u{F0B7}' => '•',
        '\u{F0A7}' => '▪',
        '\u{F06F}' => 'o',
        '\u{F0D8}' => '➢',
        '\u{F0FC}' => '✓',
        '\u{F06C}' => '●',
        '\u{F06E}' => '■',
        c => c,
    }
}

/// A number in a list number format (MSONFC).
pub fn format_number(n: i32, nfc: u8) -> String {
    let u = u32::try_from(n).unwrap_or(0);
    match nfc {
        1 => roman(u, true),
        2 => roman(u, false),
        3 => letter(u, true),
        4 => letter(u, false),
        5 => ordinal(u),
        10 => u
            .to_string()
            .chars()
            .map(|d| KANJI_DIGITS[d.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        11 | 16 | 17 => kanji(u),
        12 | 20 => kana(u, AIUEO),
        13 | 21 => kana(u, IROHA),
        14 | 19 => u
            .to_string()
            .chars()
            .filter_map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32))
            .collect(),
        18 | 28 if (1..=20).contains(&u) => char::from_u32(0x2460 + u - 1)
            .map(String::from)
            .unwrap_or_default(),
        22 if u < 10 => format!("0{u}"),
        NFC_BULLET | NFC_NONE => String::new(),
        _ => n.to_string(),
    }
}

const KANJI_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const AIUEO: &str =
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
const IROHA: &str = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス";

fn roman(mut n: u32, upper: bool) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    if upper { s.to_uppercase() } else { s }
}

/// A, B, … Z, AA, BB, … as Word letters its lists.
fn letter(n: u32, upper: bool) -> String {
    if n == 0 {
        return String::new();
    }
    let base = if upper { b'A' } else { b'a' };
    let c = char::from(base + ((n - 1) % 26) as u8);
    let times = ((n - 1) / 26 + 1).min(100) as usize;
    std::iter::repeat_n(c, times).collect()
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Japanese counting: 十一, 二十, 百五 (up to 9999; beyond in digits).
fn kanji(n: u32) -> String {
    if n == 0 || n > 9999 {
        return n.to_string();
    }
    let mut s = String::new();
    for (unit, name) in [(1000, '千'), (100, '百'), (10, '十')] {
        let d = (n / unit) % 10;
        if d > 1 {
            s.push(KANJI_DIGITS[d as usize]);
        }
        if d > 0 {
            s.push(name);
        }
    }
    let d = n % 10;
    if d > 0 {
        s.push(KANJI_DIGITS[d as usize]);
    }
    s
}

fn kana(n: u32, set: &str) -> String {
    let chars: Vec<char> = set.chars().collect();
    match n.checked_sub(1) {
        Some(i) => chars
            .get(i as usize % chars.len())
            .map(|c| c.to_string())
            .unwrap_or_default(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(format_number(4, 1), "IV");
        assert_eq!(format_number(9, 2), "ix");
        assert_eq!(format_number(28, 3), "BB");
        assert_eq!(format_number(2, 4), "b");
        assert_eq!(format_number(3, 5), "3rd");
        assert_eq!(format_number(12, 14), "１２");
        assert_eq!(format_number(3, 18), "③");
        assert_eq!(format_number(21, 18), "21");
        assert_eq!(format_number(25, 11), "二十五");
        assert_eq!(format_number(2, 12), "イ");
        assert_eq!(format_number(7, 22), "07");
        assert_eq!(format_number(-1, 0), "-1");
    }

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
        let mut lists = Lists::parse(&t, lst, lfo);
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
        let mut lists = Lists::parse(&t, lst, lfo);
        assert_eq!(lists.label(1, 0).as_deref(), Some("1."));
        assert_eq!(lists.label(2, 0).as_deref(), Some("5."));
        assert_eq!(lists.label(2, 0).as_deref(), Some("6."));
    }

    #[test]
    fn garbage_tables_give_no_labels() {
        let mut lists = Lists::parse(&[0xFF; 64], (0, 64), (10, 50));
        assert_eq!(lists.label(1, 0), None);
        let mut lists = Lists::parse(&[], (1 << 30, 1 << 30), (u32::MAX, u32::MAX));
        assert_eq!(lists.label(1, 0), None);
    }
}
