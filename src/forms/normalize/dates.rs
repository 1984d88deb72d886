//! The date patterns of [`super::parse_date`] read by hand in a text whose
//! only digits are ASCII (where their `[0-9]` builds are the ones that
//! run): compiling the four regexes cost every process ~3.7 M
//! instructions, more than all the dates of a batch. Each reader returns
//! the captures of its pattern's first match; the tests check them
//! against the regexes. In every pattern each part opens with a character
//! the part before cannot take, so reading each part greedily finds the
//! match the regex finds at a start, and the starts are tried in order.

use super::Era;

/// Up to `max` ASCII digits at byte `at` of `b`.
fn digits_at(b: &[u8], at: usize, max: usize) -> usize {
    b.get(at..).map_or(0, |rest| {
        rest.iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count()
    })
}

/// `{min,max}` ASCII digits at `at` and the char `then` after them: the
/// digits' range and where `then` ends.
fn digits_then(
    s: &str,
    at: usize,
    min: usize,
    max: usize,
    then: &[char],
) -> Option<(usize, usize, usize)> {
    let n = digits_at(s.as_bytes(), at, max);
    let next = s.get(at + n..)?.chars().next()?;
    (n >= min && then.contains(&next)).then_some((at, at + n, at + n + next.len_utf8()))
}

/// The year, month and day groups of `({y}{0,4})年({d}{0,2})月({d}{0,2})日`
/// (the year part given as how many digits it takes) from byte `at`.
fn year_month_day(s: &str, at: usize, year_max: usize) -> Option<[(usize, usize); 3]> {
    let (y0, y1, after_year) = digits_then(s, at, 0, year_max, &['年'])?;
    let (m0, m1, after_month) = digits_then(s, after_year, 0, 2, &['月'])?;
    let (d0, d1, _) = digits_then(s, after_month, 0, 2, &['日'])?;
    Some([(y0, y1), (m0, m1), (d0, d1)])
}

/// The captures of `({eras})(元|[0-9]{0,3})年([0-9]{0,2})月([0-9]{0,2})日`
/// (`令和7年4月1日`), or None for an era name a regex might not read as
/// itself, one of ASCII chars only or empty (then the regex runs; chars
/// beyond ASCII are always literal in a pattern).
pub(super) fn era_date<'t>(s: &'t str, eras: &[Era]) -> Option<Option<[&'t str; 4]>> {
    let plain = |n: &str| !n.is_empty() && !n.is_ascii();
    if !eras.iter().all(|e| plain(&e.name)) {
        return None;
    }
    let found = s.char_indices().find_map(|(start, _)| {
        let rest = s.get(start..)?;
        eras.iter().find_map(|e| {
            rest.strip_prefix(e.name.as_str())?;
            let at = start + e.name.len();
            let (year, ymd) = match s.get(at..)?.strip_prefix('元') {
                Some(_) => {
                    let after = at + '元'.len_utf8();
                    let ymd = year_month_day(s, after, 0)?;
                    ((at, after), ymd)
                }
                None => {
                    let ymd = year_month_day(s, at, 3)?;
                    (ymd[0], ymd)
                }
            };
            Some([(start, at), year, ymd[1], ymd[2]])
        })
    });
    Some(found.and_then(|groups| texts(s, groups)))
}

/// The captures of `([0-9]{0,4})年([0-9]{0,2})月([0-9]{0,2})日`
/// (`2025年4月1日`).
pub(super) fn western_date(s: &str) -> Option<[&str; 3]> {
    let groups = s
        .char_indices()
        .find_map(|(start, _)| year_month_day(s, start, 4))?;
    texts(s, groups)
}

/// The captures of `([0-9]{4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,2})`
/// (`2025/4/1`, `2025.4.1`, `2025-4-1`).
pub(super) fn western_sep_date(s: &str) -> Option<[&str; 3]> {
    const SEPS: [char; 3] = ['/', '.', '-'];
    let groups = (0..s.len()).find_map(|year| {
        let (y0, y1, after_year) = digits_then(s, year, 4, 4, &SEPS)?;
        let (m0, m1, after_month) = digits_then(s, after_year, 1, 2, &SEPS)?;
        let day_len = digits_at(s.as_bytes(), after_month, 2);
        (day_len > 0).then_some([(y0, y1), (m0, m1), (after_month, after_month + day_len)])
    })?;
    texts(s, groups)
}

/// The captures of `(?i)(?:^|[^a-z])([{letters}])(元|[0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{1,2})`
/// (`R7.4.1`), or None for era letters other than ASCII letters (then the
/// regex runs). Under `(?i)` an ASCII letter also matches its Unicode case
/// folds: `s` the long s (U+017F), `k` the Kelvin sign (U+212A).
pub(super) fn era_short_date<'t>(s: &'t str, eras: &[Era]) -> Option<Option<[&'t str; 4]>> {
    let letters: String = eras.iter().map(|e| e.letter.to_ascii_lowercase()).collect();
    if !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let is_letter = |c: char| match c {
        '\u{17f}' => letters.contains('s'),
        '\u{212a}' => letters.contains('k'),
        _ => c.is_ascii() && letters.contains(c.to_ascii_lowercase()),
    };
    let is_latin = |c: char| c.is_ascii_alphabetic() || matches!(c, '\u{17f}' | '\u{212a}');
    let mut before: Option<char> = None;
    let found = s.char_indices().find_map(|(at, c)| {
        let after_latin = before.is_some_and(is_latin);
        before = Some(c);
        if after_latin || !is_letter(c) {
            return None;
        }
        let year = at + c.len_utf8();
        let (y0, y1, after_year) = match s.get(year..)?.strip_prefix('元') {
            Some(rest) => {
                let after = s.len() - rest.len();
                let next = rest.chars().next().filter(|n| matches!(n, '.' | '/'))?;
                (year, after, after + next.len_utf8())
            }
            None => digits_then(s, year, 1, 2, &['.', '/'])?,
        };
        let (m0, m1, after_month) = digits_then(s, after_year, 1, 2, &['.', '/'])?;
        let day_len = digits_at(s.as_bytes(), after_month, 2);
        (day_len > 0).then_some([
            (at, year),
            (y0, y1),
            (m0, m1),
            (after_month, after_month + day_len),
        ])
    });
    Some(found.and_then(|groups| texts(s, groups)))
}

/// The texts of byte ranges of `s`.
fn texts<const N: usize>(s: &str, groups: [(usize, usize); N]) -> Option<[&str; N]> {
    let mut out = [""; N];
    for (slot, (a, b)) in out.iter_mut().zip(groups) {
        *slot = s.get(a..b)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::{
        era_pattern, era_short_pattern, eras, western_pattern, western_sep_pattern,
    };
    use super::*;
    use regex::Regex;

    fn by_regex(re: &Regex, t: &str) -> Option<Vec<String>> {
        let c = re.captures(t)?;
        Some(
            c.iter()
                .skip(1)
                .map(|m| m.map_or(String::new(), |m| m.as_str().to_string()))
                .collect(),
        )
    }

    fn owned<const N: usize>(parts: Option<[&str; N]>) -> Option<Vec<String>> {
        parts.map(|p| p.iter().map(|s| s.to_string()).collect())
    }

    /// Texts built of the pieces dates are made of, in every order that
    /// matters: starts, prefixes, figures and separators.
    fn texts_to_try() -> Vec<String> {
        let heads = [
            "",
            "x",
            "提出",
            "1",
            "12345",
            "R",
            "aR",
            "1R",
            "ſ",
            "\u{212a}",
            "令和",
            "昭和令和",
            "平成",
        ];
        let years = ["", "元", "7", "07", "007", "2025", "12025", "元7"];
        let seps = ["年", ".", "/", "-", "月", ""];
        let mids = ["", "4", "04", "123", "x"];
        let tails = [
            "",
            "日",
            "1",
            "01",
            "1日",
            "011",
            ".1",
            "月1日",
            "/1 提出",
            "日令和2年1月1日",
        ];
        let mut out = crate::base::every_join(&[&heads, &years, &seps, &mids, &seps, &tails]);
        out.extend(
            [
                "r07/04/01まで",
                "H31.4.30 提出",
                "xR7.4.1",
                "Rs7.4.1",
                "s7.4.1",
                "昭和100年1月1日",
            ]
            .map(String::from),
        );
        out
    }

    #[test]
    fn dates_read_as_the_patterns_capture_them() {
        let eras = eras();
        let (era, era_short) = (era_pattern(eras, true), era_short_pattern(eras, true));
        let (western, western_sep) = (western_pattern(true), western_sep_pattern(true));
        for t in texts_to_try() {
            assert_eq!(owned(era_date(&t, eras).unwrap()), by_regex(era, &t), "{t}");
            assert_eq!(
                owned(era_short_date(&t, eras).unwrap()),
                by_regex(era_short, &t),
                "{t}"
            );
            assert_eq!(owned(western_date(&t)), by_regex(western, &t), "{t}");
            assert_eq!(
                owned(western_sep_date(&t)),
                by_regex(western_sep, &t),
                "{t}"
            );
        }
    }
}
