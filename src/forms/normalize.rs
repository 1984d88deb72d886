//! Normalisation of what people write into forms: amounts, percentages,
//! dates (Japanese eras included), names with their reading, and the names
//! of work–life-balance certifications.
//!
//! Also the matching key used everywhere in recognition and extraction:
//! NFKC, no white space, ASCII lower-cased ([`norm_key`]), so that
//! `Ｅ－ｍａｉｌ`, `代 表 者 氏 名` and a PDF line broken mid-word compare equal
//! to the template's wording.

pub use crate::base::is_nfkc_stable;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

mod amount;
mod dates;
mod key;
pub use amount::parse_amount;
use key::is_ignorable;
pub use key::{NormText, enumerator_len, key_of, keys_of, norm_key};

/// The unit an amount is declared in when the figure itself says nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountUnit {
    /// 円
    Yen,
    /// 千円
    Thousand,
}

impl AmountUnit {
    fn multiplier(self) -> i128 {
        match self {
            AmountUnit::Yen => 1,
            AmountUnit::Thousand => 1_000,
        }
    }

    /// The unit a heading such as `７．事業費総額（千円）` declares.
    pub fn from_label(text: &str) -> Option<AmountUnit> {
        let key = key_of(text);
        if key.contains("千円") {
            Some(AmountUnit::Thousand)
        } else if key.contains('円') {
            Some(AmountUnit::Yen)
        } else {
            None
        }
    }
}

/// NFKC with white space kept (for parsing numbers and dates).
fn nfkc_compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // A text of NFKC-stable characters is its own NFKC form.
    if text.chars().all(is_nfkc_stable) {
        out.extend(text.chars().filter(|c| !is_ignorable(*c)));
    } else {
        out.extend(text.nfkc().filter(|c| !is_ignorable(*c)));
    }
    out
}

fn compile(pattern: &str) -> Regex {
    match Regex::new(pattern) {
        Ok(re) => re,
        // The patterns are literals of this file, covered by the tests.
        Err(_) => Regex::new("$^").unwrap_or_else(|_| unreachable!()),
    }
}

/// Parse a percentage: `６２．５％` → 62.5.
pub fn parse_percent(text: &str) -> Result<f64, String> {
    let original = text.trim();
    let s = nfkc_compact(text);
    if s.is_empty() {
        return Err("割合が記入されていません".into());
    }
    let body = s
        .strip_suffix('%')
        .or_else(|| s.strip_suffix("パーセント"))
        .unwrap_or(&s);
    let body = body.strip_prefix('約').unwrap_or(body);
    let valid = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|c| *c == '.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return Err(format!("割合（％）として読めません（「{original}」）"));
    }
    body.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("割合（％）として読めません（「{original}」）"))
}

/// What a date-like text turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateParse {
    Date(NaiveDate),
    /// The frame of a date with figures left out (`令和　年　月　日`).
    Incomplete,
    /// A date that does not exist (`令和７年２月３０日`, `令和０年…`); the
    /// reason in Japanese.
    Impossible(String),
}

/// Kanji numerals up to 99 (`二十三`) into ASCII digits, `元` kept.
fn kanji_digits(s: &str) -> String {
    fn value(c: char) -> Option<u32> {
        "〇一二三四五六七八九"
            .chars()
            .position(|k| k == c)
            .map(|p| p as u32)
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if value(c).is_some() || c == '十' {
            let mut n: u32 = 0;
            let mut cur: Option<u32> = None;
            let mut used = false;
            while i < chars.len() {
                if let Some(v) = value(chars[i]) {
                    cur = Some(cur.unwrap_or(0) * 10 + v);
                } else if chars[i] == '十' {
                    n += cur.unwrap_or(1) * 10;
                    cur = None;
                } else {
                    break;
                }
                used = true;
                i += 1;
            }
            if used {
                out.push_str(&(n + cur.unwrap_or(0)).to_string());
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A Japanese era (`schemas/vocabulary/eras.toml`).
#[derive(Debug, Clone)]
pub struct Era {
    pub name: String,
    /// The letter of short dates (`R7.4.1`).
    pub letter: String,
    pub first_day: NaiveDate,
    pub last_day: Option<NaiveDate>,
}

#[derive(serde::Deserialize)]
struct EraFile {
    era: Vec<EraEntry>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EraEntry {
    name: String,
    letter: String,
    first_day: toml::value::Datetime,
    #[serde(default)]
    last_day: Option<toml::value::Datetime>,
}

fn toml_day(d: &toml::value::Datetime) -> Option<NaiveDate> {
    let date = d.date?;
    NaiveDate::from_ymd_opt(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    )
}

/// The eras, newest first (the built-in file; a broken built-in file is a
/// build defect the test suite catches).
pub fn eras() -> &'static [Era] {
    static E: OnceLock<Vec<Era>> = OnceLock::new();
    E.get_or_init(|| {
        let file: Option<EraFile> =
            toml::from_str(include_str!("../../schemas/vocabulary/eras.toml")).ok();
        file.map(|f| f.era)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|e| {
                Some(Era {
                    first_day: toml_day(&e.first_day)?,
                    last_day: e.last_day.as_ref().and_then(toml_day),
                    name: e.name,
                    letter: e.letter,
                })
            })
            .collect()
    })
}

/// Find a date in a text: Japanese eras (令和/平成/昭和, 元年, R7.4.1),
/// `2026/4/1`, `2026年4月1日`. None when nothing date-like is there.
pub fn parse_date(text: &str) -> Option<DateParse> {
    let s = nfkc_compact(text);
    // Only a text with a kanji numeral is rewritten.
    let s = if s.contains([
        '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
    ]) {
        kanji_digits(&s)
    } else {
        s
    };
    // Every pattern below needs 年 or a digit (`\d` is any Unicode decimal
    // digit, all of them `is_numeric`): without either the text holds no
    // date, and the five searches are skipped.
    if !s.contains('年') && !s.chars().any(char::is_numeric) {
        return None;
    }
    // `\d` matches any Unicode decimal digit, and a pattern of it is costly
    // to build (every process building it paid ~2 M instructions a `\d`).
    // In a text whose only digits are ASCII (NFKC has folded the
    // full-width ones) `[0-9]` matches exactly the same chars, so the same
    // matches: the Unicode patterns are built only for a text holding
    // another digit (every such digit `is_numeric`).
    let ascii = !s.chars().any(|c| !c.is_ascii() && c.is_numeric());
    let eras = eras();
    // Each pattern is compiled the first time a text could match it, and
    // run only on such texts: the era, western and frame patterns all hold
    // a literal 年, the short-era one a `.` or `/`, the separated western
    // one a `/`, `.` or `-`. Skipping a pattern that cannot match leaves
    // the first match (and so the answer) as it was.
    let has_nen = s.contains('年');
    let has_sep = |seps: &[u8]| s.bytes().any(|b| seps.contains(&b));
    // In a text of ASCII digits the patterns are read by hand (`dates`).
    let era = || match ascii.then(|| dates::era_date(&s, eras)).flatten() {
        Some(found) => found,
        None => captures(era_pattern(eras, ascii), &s),
    };
    let era_short = || match ascii.then(|| dates::era_short_date(&s, eras)).flatten() {
        Some(found) => found,
        None => captures(era_short_pattern(eras, ascii), &s),
    };
    let western = || match ascii {
        true => dates::western_date(&s),
        false => captures(western_pattern(false), &s),
    };
    let western_sep = || match ascii {
        true => dates::western_sep_date(&s),
        false => captures(western_sep_pattern(false), &s),
    };
    let build = |era: Option<&str>, y: &str, m: &str, d: &str| -> DateParse {
        if y.is_empty() || m.is_empty() || d.is_empty() {
            return DateParse::Incomplete;
        }
        let y: i32 = if y == "元" {
            1
        } else {
            y.parse().unwrap_or(-1)
        };
        let (m, d): (u32, u32) = (m.parse().unwrap_or(0), d.parse().unwrap_or(0));
        let found = era.and_then(|e| {
            eras.iter()
                .find(|x| x.name == e || x.letter.eq_ignore_ascii_case(e))
        });
        let name = found.map(|e| e.name.as_str());
        let base = found.map_or(0, |e| e.first_day.year() - 1);
        if let Some(name) = name
            && y <= 0
        {
            return DateParse::Impossible(format!("{name}{y}年という年はありません"));
        }
        let year = base + y;
        match NaiveDate::from_ymd_opt(year, m, d) {
            // 昭和６５年: the era had ended (that year was 平成２年).
            Some(date) if found.is_some_and(|e| e.last_day.is_some_and(|last| date > last)) => {
                let e = found.map(|e| (e.name.as_str(), e.last_day));
                let (n, last) = e.unwrap_or(("", None));
                let until = last
                    .map(|l| format!("（{n}は{}年{}月{}日まで）", l.year(), l.month(), l.day()))
                    .unwrap_or_default();
                DateParse::Impossible(format!("{n}{y}年{m}月{d}日という日付はありません{until}"))
            }
            Some(date) => DateParse::Date(date),
            None => DateParse::Impossible(format!(
                "{}{}年{}月{}日という日付はありません",
                name.unwrap_or(""),
                y,
                m,
                d
            )),
        }
    };
    if let Some([e, y, m, d]) = has_nen.then(era).flatten() {
        return Some(build(Some(e), y, m, d));
    }
    if let Some([e, y, m, d]) = has_sep(b"./").then(era_short).flatten() {
        return Some(build(Some(e), y, m, d));
    }
    if let Some([y, m, d]) = has_nen.then(western).flatten() {
        if !y.is_empty() && y.len() < 4 {
            // "7年4月1日" without an era: a year we cannot place.
            return Some(DateParse::Impossible(format!("{y}年の元号がありません")));
        }
        return Some(build(None, y, m, d));
    }
    if let Some([y, m, d]) = has_sep(b"/.-").then(western_sep).flatten() {
        return Some(build(None, y, m, d));
    }
    // (A literal: the search a one-literal pattern would run.)
    if has_nen && s.contains("年月日") {
        return Some(DateParse::Incomplete);
    }
    None
}

/// The digit class of a date pattern: `\d`, or `[0-9]` for a text whose
/// only digits are ASCII (see `parse_date`).
fn digit(ascii: bool) -> &'static str {
    if ascii { "[0-9]" } else { r"\d" }
}

/// One pattern in two builds, `\d` and `[0-9]`, each compiled on first use.
type Pair = [OnceLock<Regex>; 2];

fn of_pair(
    pair: &'static Pair,
    ascii: bool,
    pattern: impl FnOnce(&str) -> String,
) -> &'static Regex {
    let cell = &pair[usize::from(ascii)];
    cell.get_or_init(|| compile(&pattern(digit(ascii))))
}

/// Build ahead, on a thread of their own while the inputs are listed, what
/// nearly every file needs: the era vocabulary. (The patterns every file
/// ran are read by hand now; the `\d` date patterns left are built only
/// for a text holding a non-ASCII digit.)
pub(crate) fn warm_up() {
    let _ = eras();
}

/// `氏名（ふりがな）`: the name and the reading, as the pattern
/// `^(?s)(.*?)\s*[（(]([^（）()]*)[）)]\s*$` captures them. Read by hand
/// (compiling it cost every process ~0.4 M instructions): the text must
/// end with a closing bracket and blanks; the reading runs back from it to
/// the bracket before, which must open; the name is what stands before
/// that, less the blanks (the lazy group leaves them to `\s*`).
fn name_and_reading(t: &str) -> Option<(&str, &str)> {
    let body = t.trim_end_matches(char::is_whitespace);
    let close = body
        .chars()
        .next_back()
        .filter(|c| matches!(c, '）' | ')'))?;
    let inside = body.get(..body.len() - close.len_utf8())?;
    let open = inside.rfind(['（', '）', '(', ')'])?;
    let open_char = inside
        .get(open..)?
        .chars()
        .next()
        .filter(|c| matches!(c, '（' | '('))?;
    let reading = inside.get(open + open_char.len_utf8()..)?;
    let name = inside.get(..open)?.trim_end_matches(char::is_whitespace);
    Some((name, reading))
}

/// The えるぼし stage as the pattern
/// `^(?:認定)?[(（]?(?:段階)?([1-3])(?:段階|つ星|星)` reads it (by hand: each
/// optional part opens with a character the next cannot, so taking it
/// when it is there finds the regex's one match).
fn stage_number(window: &str) -> Option<u32> {
    let rest = window.strip_prefix("認定").unwrap_or(window);
    let rest = rest.strip_prefix(['(', '（']).unwrap_or(rest);
    let rest = rest.strip_prefix("段階").unwrap_or(rest);
    let stage = rest.chars().next().filter(|c| ('1'..='3').contains(c))?;
    let after = rest.get(1..)?;
    ["段階", "つ星", "星"]
        .iter()
        .any(|w| after.starts_with(w))
        .then(|| stage.to_digit(10))
        .flatten()
}

/// `令和7年4月1日`: built from the era vocabulary the first time only.
fn era_pattern(eras: &[Era], ascii: bool) -> &'static Regex {
    static ERA: Pair = [OnceLock::new(), OnceLock::new()];
    of_pair(&ERA, ascii, |d| {
        let names: Vec<&str> = eras.iter().map(|e| e.name.as_str()).collect();
        format!(
            r"({})(元|{d}{{0,3}})年({d}{{0,2}})月({d}{{0,2}})日",
            names.join("|")
        )
    })
}

/// `R7.4.1`: built from the era vocabulary the first time only.
fn era_short_pattern(eras: &[Era], ascii: bool) -> &'static Regex {
    static ERA_SHORT: Pair = [OnceLock::new(), OnceLock::new()];
    of_pair(&ERA_SHORT, ascii, |d| {
        let letters: String = eras.iter().map(|e| e.letter.to_ascii_lowercase()).collect();
        format!(r"(?i)(?:^|[^a-z])([{letters}])(元|{d}{{1,2}})[./]({d}{{1,2}})[./]({d}{{1,2}})")
    })
}

/// `2025年4月1日`.
fn western_pattern(ascii: bool) -> &'static Regex {
    static WESTERN: Pair = [OnceLock::new(), OnceLock::new()];
    of_pair(&WESTERN, ascii, |d| {
        format!(r"({d}{{0,4}})年({d}{{0,2}})月({d}{{0,2}})日")
    })
}

/// The first `N` groups of the first match of `re` in `s` (a group that
/// took no part as empty).
fn captures<'t, const N: usize>(re: &Regex, s: &'t str) -> Option<[&'t str; N]> {
    let c = re.captures(s)?;
    Some(std::array::from_fn(|i| {
        c.get(i + 1).map_or("", |m| m.as_str())
    }))
}

/// `2025/4/1`, `2025.4.1`, `2025-4-1`.
fn western_sep_pattern(ascii: bool) -> &'static Regex {
    static WESTERN_SEP: Pair = [OnceLock::new(), OnceLock::new()];
    of_pair(&WESTERN_SEP, ascii, |d| {
        format!(r"({d}{{4}})[/.-]({d}{{1,2}})[/.-]({d}{{1,2}})")
    })
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309f}' | '\u{30a0}'..='\u{30ff}' | '\u{ff66}'..='\u{ff9f}')
}

fn mostly_kana(s: &str) -> bool {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    !chars.is_empty() && chars.iter().filter(|c| is_kana(**c)).count() * 10 >= chars.len() * 8
}

/// Split `氏名（ふりがな）` into the name and its reading. The reading may
/// also stand on a line of its own, above or below the name.
pub fn split_name_kana(text: &str) -> (String, Option<String>) {
    let t = text.trim();
    if let Some((name, kana)) = name_and_reading(t) {
        let (name, kana) = (name.trim(), kana.trim());
        if !name.is_empty() && mostly_kana(kana) {
            return (name.to_string(), Some(kana.to_string()));
        }
    }
    let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() == 2 {
        let (a, b) = (lines[0], lines[1]);
        if mostly_kana(b) && !mostly_kana(a) {
            return (a.to_string(), Some(b.to_string()));
        }
        if mostly_kana(a) && !mostly_kana(b) {
            return (b.to_string(), Some(a.to_string()));
        }
    }
    (t.to_string(), None)
}

/// A reading as a comparable key: NFKC, katakana as hiragana, blanks
/// collapsed to one ASCII space (`サトウ　ミサキ` → `さとう みさき`).
pub fn reading_key(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    let hira: String = nfkc
        .chars()
        .map(|c| match c {
            '\u{30a1}'..='\u{30f6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect();
    hira.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The names of the certifications a text mentions (えるぼし with its stage,
/// プラチナえるぼし, くるみん, トライくるみん, プラチナくるみん, ユースエール, and
/// their プラス variants), canonical spelling, in order of first mention.
pub fn recognise_certifications(text: &str) -> Vec<String> {
    let s = nfkc_compact(text);
    // Longest names first so that プラチナくるみん is not read as くるみん.
    const BASES: [&str; 6] = [
        "プラチナえるぼし",
        "プラチナくるみん",
        "トライくるみん",
        "ユースエール",
        "えるぼし",
        "くるみん",
    ];
    let mut out: Vec<String> = Vec::new();
    // Walked by byte offset, the rest of the text borrowed at each char
    // (it was collected into a new string at every char).
    let mut at = 0;
    while let Some(rest) = s.get(at..).filter(|r| !r.is_empty()) {
        let Some(base) = BASES.iter().find(|b| rest.starts_with(**b)) else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let mut len = base.len();
        let mut name = (*base).to_string();
        let after = rest.get(len..).unwrap_or("");
        if after.starts_with("プラス") {
            name.push_str("プラス");
            len += "プラス".len();
        } else if *base == "えるぼし"
            && let Some(stage) = eruboshi_stage(after)
        {
            name = format!(
                "えるぼし（{}段階目）",
                char::from_u32(0xff10 + stage).unwrap_or('?')
            );
        }
        if !out.contains(&name) {
            out.push(name);
        }
        at += len;
    }
    out
}

/// The stage (1–3) written just after えるぼし: `（２段階目）`, `2段階`,
/// `★★`, `3つ星`.
fn eruboshi_stage(after: &str) -> Option<u32> {
    let window: String = after.chars().take(12).collect();
    if let Some(stage) = stage_number(&window) {
        return Some(stage);
    }
    let trimmed = window.trim_start_matches(['(', '（', '認', '定']);
    let stars = trimmed.chars().take_while(|c| *c == '★').count() as u32;
    if (1..=3).contains(&stars) {
        return Some(stars);
    }
    None
}

/// Full-width digits of a number (`5` → `５`), as the forms write them.
pub fn fullwidth_number(n: u64) -> String {
    n.to_string()
        .chars()
        .map(|c| {
            c.to_digit(10)
                .and_then(|d| char::from_u32(0xff10 + d))
                .unwrap_or(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_date_pattern_is_a_real_one() {
        // A pattern that fails to compile becomes `$^` (matches nothing):
        // the fallback would hide that typo behind a working build.
        let eras = eras();
        for re in [
            era_pattern(eras, true),
            era_short_pattern(eras, true),
            western_pattern(true),
            western_sep_pattern(true),
            era_pattern(eras, false),
            era_short_pattern(eras, false),
            western_pattern(false),
            western_sep_pattern(false),
        ] {
            assert_ne!(re.as_str(), "$^");
        }
    }

    #[test]
    fn names_readings_and_stages_as_the_regexes_read_them() {
        let paren = Regex::new(r"^(?s)(.*?)\s*[（(]([^（）()]*)[）)]\s*$").unwrap();
        let stage = Regex::new(r"^(?:認定)?[(（]?(?:段階)?([1-3])(?:段階|つ星|星)").unwrap();
        let names = ["", "山田　太郎", "A(B)", " x ", "（"];
        let opens = ["", "（", "(", "）", " ( "];
        let readings = ["", "やまだ　たろう", "a\nb", "(", "x）y"];
        let closes = ["", "）", ")", "） ", ")\n", "))", ")x"];
        for t in crate::base::every_join(&[&names, &opens, &readings, &closes]) {
            let by_regex = paren.captures(&t).map(|c| {
                let g = |i| c.get(i).map_or("", |m| m.as_str());
                (g(1), g(2))
            });
            assert_eq!(name_and_reading(&t), by_regex, "{t}");
        }
        let heads = ["", "認定", "(", "認定（段階", "段階", "（認定"];
        let digits = ["", "1", "3", "4", "12"];
        let tails = ["", "段階目", "つ星", "星", "段", "x"];
        for t in crate::base::every_join(&[&heads, &digits, &tails]) {
            let by_regex = stage
                .captures(&t)
                .and_then(|c| c.get(1)?.as_str().parse().ok());
            assert_eq!(stage_number(&t), by_regex, "{t}");
        }
    }

    #[test]
    fn era_dates_end_with_their_era() {
        assert_eq!(eras().len(), 4);
        let d = |s: &str| parse_date(s);
        assert!(matches!(d("昭和６４年１月７日"), Some(DateParse::Date(_))));
        assert!(matches!(
            d("昭和６５年３月１日"),
            Some(DateParse::Impossible(_))
        ));
        assert!(matches!(
            d("平成３１年４月３０日"),
            Some(DateParse::Date(_))
        ));
        assert!(matches!(
            d("平成３１年５月１日"),
            Some(DateParse::Impossible(_))
        ));
        assert!(matches!(d("R7.4.1"), Some(DateParse::Date(_))));
        assert!(matches!(d("令和元年５月１日"), Some(DateParse::Date(_))));
        assert!(matches!(
            d("昭和五十五年一月二日"),
            Some(DateParse::Date(_))
        ));
    }

    #[test]
    fn kanji_numbers() {
        assert_eq!(kanji_digits("令和七年二月三十日"), "令和7年2月30日");
        assert_eq!(kanji_digits("十二月"), "12月");
    }

    /// The `[0-9]` builds of the date patterns find what the `\d` ones
    /// find in texts of ASCII digits; a text holding another digit still
    /// goes through the `\d` ones.
    #[test]
    fn ascii_date_patterns_match_as_the_unicode_ones() {
        let eras = eras();
        let caps = |re: &Regex, t: &str| -> Vec<Option<String>> {
            re.captures(t)
                .map(|c| {
                    c.iter()
                        .map(|m| m.map(|m| m.as_str().to_string()))
                        .collect()
                })
                .unwrap_or_default()
        };
        let texts = [
            "令和7年4月1日",
            "令和元年5月1日提出",
            "R7.4.1",
            "r07/04/01まで",
            "2025年4月1日",
            "7年4月1日",
            "2025/4/1",
            "2025-04-01",
            "令和　年　月　日",
            "年月日",
            "H31.4.30 提出",
            "平成１２年１２月３１日",
            "xR7.4.1",
            "昭和100年1月1日",
        ];
        for t in texts {
            let t = kanji_digits(&nfkc_compact(t));
            assert!(!t.chars().any(|c| !c.is_ascii() && c.is_numeric()));
            let pairs = [
                (era_pattern(eras, true), era_pattern(eras, false)),
                (
                    era_short_pattern(eras, true),
                    era_short_pattern(eras, false),
                ),
                (western_pattern(true), western_pattern(false)),
                (western_sep_pattern(true), western_sep_pattern(false)),
            ];
            for (a, u) in pairs {
                assert_eq!(caps(a, &t), caps(u, &t), "{t}");
            }
        }
        // An Arabic-Indic seven is a `\d`: read as the era's year (there
        // is none such), not skipped as `[0-9]` would.
        assert!(matches!(
            parse_date("令和\u{667}年4月1日"),
            Some(DateParse::Impossible(_))
        ));
    }
}
