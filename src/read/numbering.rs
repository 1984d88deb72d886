//! List numbers Word generates for numbered paragraphs, for both Word
//! readers: a list definition (.doc LSTF, .docx `w:abstractNum`) has up to
//! nine levels, each with a number format, a start value and a level text
//! whose placeholders stand for the current number of a level ("%1.%2)");
//! a list instance (.doc LFO, .docx `w:num`) points to a definition and may
//! override a level's start value or the whole level.
//!
//! Counting is per definition, as Word does for the instances sharing
//! one: a level counts up, deeper levels restart (unless their restart
//! limit says otherwise), a skipped shallower level counts as used at its
//! start, and an instance that overrides a start value restarts that
//! level the first time it is used.

use std::collections::{HashMap, HashSet};

pub const LEVELS: usize = 9;
/// Number formats, by their [MS-DOC] MSONFC codes (the order of
/// ST_NumberFormat in .docx).
pub const NFC_DECIMAL: u8 = 0;
pub const NFC_BULLET: u8 = 23;
pub const NFC_NONE: u8 = 255;
/// More list definitions or instances than this is a hostile file.
pub const MAX_LISTS: usize = 10_000;

/// A piece of a level text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(char),
    /// The current number of level 0–8.
    Level(usize),
}

#[derive(Debug, Clone, Default)]
pub struct Level {
    pub start: i32,
    pub nfc: u8,
    /// All numbers of the label in arabic digits (legal numbering).
    pub legal: bool,
    /// The level restarts only when a level shallower than this counts
    /// (0: never); None: whenever a shallower level counts.
    pub restart_lim: Option<usize>,
    pub template: Vec<Part>,
}

/// A list instance: its definition and its overrides (level, start-at
/// override, level override).
#[derive(Debug, Default)]
pub struct Instance {
    pub list: i64,
    pub overrides: Vec<(usize, Option<i32>, Option<Level>)>,
}

/// The list definitions and instances of a document, and the counters
/// while its paragraphs are read in order.
#[derive(Debug, Default)]
pub struct Numbering {
    pub lists: HashMap<i64, Vec<Level>>,
    pub instances: HashMap<i64, Instance>,
    counters: HashMap<i64, [Option<i32>; LEVELS]>,
    started: HashSet<i64>,
}

impl Numbering {
    /// The label of a paragraph of list instance `id` at level `ilvl`,
    /// counting it; None when the instance or its definition is unknown.
    pub fn label(&mut self, id: i64, ilvl: usize) -> Option<String> {
        let inst = self.instances.get(&id)?;
        let base = self.lists.get(&inst.list)?;
        let ilvl = ilvl.min(base.len().checked_sub(1)?);
        // The levels as this instance sees them.
        let mut levels = base.clone();
        let mut restart = Vec::new();
        for (l, start, lvl) in &inst.overrides {
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
        let counters = self.counters.entry(inst.list).or_insert([None; LEVELS]);
        if self.started.insert(id) {
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
        for part in &level.template {
            match *part {
                Part::Level(l) => {
                    let Some(lv) = levels.get(l) else { continue };
                    let n = counters.get(l).copied().flatten().unwrap_or(lv.start);
                    let nfc = if level.legal && lv.nfc != NFC_NONE {
                        NFC_DECIMAL
                    } else {
                        lv.nfc
                    };
                    label.push_str(&format_number(n, nfc));
                }
                Part::Text(c) => label.push(symbol(c)),
            }
        }
        // A level without text (or numbered "none") shows nothing.
        (!label.is_empty()).then_some(label)
    }
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
}
