//! Normalisation of amounts, dates, percentages. Placeholder with simple
//! implementations put here by the rules helper so the field rules compile;
//! the `forms` owner's version replaces it.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The unit an amount is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountUnit {
    Yen,
    Thousand,
}

/// An amount as integer yen (`12,000` in 千円 → 12_000_000).
pub fn parse_amount(text: &str, unit: AmountUnit) -> Result<i64, String> {
    let t: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_end_matches("(税込)").trim_end_matches("(税込み)");
    let (t, thousand_suffix) = if let Some(s) = t.strip_suffix("千円") {
        (s, true)
    } else {
        (t.strip_suffix('円').unwrap_or(t), false)
    };
    let (neg, t) = match t.strip_prefix(['-', '△', '▲']) {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let digits: String = t.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("「{text}」は金額として読めません"));
    }
    let n: i64 = digits
        .parse()
        .map_err(|_| format!("「{text}」は大きすぎます"))?;
    let factor = if unit == AmountUnit::Thousand || thousand_suffix {
        1000
    } else {
        1
    };
    let n = n
        .checked_mul(factor)
        .ok_or_else(|| format!("「{text}」は大きすぎます"))?;
    Ok(if neg { -n } else { n })
}

/// A percentage as a number (`62.5%` → 62.5).
pub fn parse_percent(text: &str) -> Result<f64, String> {
    let t: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_end_matches('%');
    t.parse::<f64>()
        .map_err(|_| format!("「{text}」は率として読めません"))
}

/// What a date text turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum DateParse {
    Date(NaiveDate),
    /// The template's blanks were left (令和　年　月　日).
    Incomplete,
    /// A date that does not exist; says why.
    Impossible(String),
}

/// A Japanese-era or western date; None when the text holds no date.
pub fn parse_date(text: &str) -> Option<DateParse> {
    let t: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    static ERA: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"(令和|平成|昭和)(元|\d*)年(\d*)月(\d*)日").ok());
    static WEST: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"(\d{4})[年/.\-](\d{1,2})[月/.\-](\d{1,2})").ok());
    let era_re = ERA.as_ref()?;
    if let Some(c) = era_re.captures(&t) {
        let base = match &c[1] {
            "令和" => 2018,
            "平成" => 1988,
            _ => 1925,
        };
        let (y, m, d) = (&c[2], &c[3], &c[4]);
        if y.is_empty() || m.is_empty() || d.is_empty() {
            return Some(DateParse::Incomplete);
        }
        let y: i32 = if y == "元" { 1 } else { y.parse().ok()? };
        if y == 0 {
            return Some(DateParse::Impossible(format!("{}０年はありません", &c[1])));
        }
        let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
        return Some(match NaiveDate::from_ymd_opt(base + y, m, d) {
            Some(date) => DateParse::Date(date),
            None => DateParse::Impossible(format!("{}{}年{}月{}日は存在しません", &c[1], y, m, d)),
        });
    }
    let west = WEST.as_ref()?;
    let c = west.captures(&t)?;
    let (y, m, d): (i32, u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    Some(match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => DateParse::Date(date),
        None => DateParse::Impossible(format!("{y}年{m}月{d}日は存在しません")),
    })
}
