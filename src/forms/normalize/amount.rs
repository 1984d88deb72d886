//! Amounts as applicants write them (「約1,200千円」「1億2,000万円」「△500」)
//! read into yen.

use super::{AmountUnit, nfkc_compact};

/// Parse an amount into yen. A figure with no unit of its own is taken in
/// `unit`; an explicit unit (円, 千円, 万, 億, ¥) wins.
pub fn parse_amount(text: &str, unit: AmountUnit) -> Result<i64, String> {
    parse_plain(text, unit).or_else(|e| converted_yen(text).ok_or(e))
}

/// A figure in a foreign currency with its yen in brackets: the currency
/// word and the bracketed yen figure, as the pattern
/// `^[約]?[0-9][0-9,]*(?:\.[0-9]+)?([^0-9().,\-]{1,12})\(([0-9][0-9,]*円)\)$`
/// captures them. Read by hand (compiling the regex cost every process
/// ~1 M instructions): each part opens with a character the part before
/// cannot take, so reading each greedily finds the regex's one match.
fn converted_yen_parts(s: &str) -> Option<(&str, &str)> {
    let digits_or_commas = |t: &str| {
        t.bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b',')
            .count()
    };
    let rest = s.strip_prefix('約').unwrap_or(s);
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut rest = &rest[digits_or_commas(rest)..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n > 0 {
            rest = &fraction[n..];
        }
    }
    let currency_len: usize = rest
        .chars()
        .take_while(|c| !c.is_ascii_digit() && !matches!(c, '(' | ')' | '.' | ',' | '-'))
        .take(13)
        .map(char::len_utf8)
        .sum();
    let (currency, rest) = rest.split_at(currency_len);
    let count = currency.chars().count();
    if !(1..=12).contains(&count) {
        return None;
    }
    let yen = rest.strip_prefix('(')?.strip_suffix(')')?;
    let figure = yen.strip_suffix('円')?;
    (figure.starts_with(|c: char| c.is_ascii_digit()) && digits_or_commas(figure) == figure.len())
        .then_some((currency, yen))
}

/// The bracketed notes without digits (`(千円)`, `(税込)`) of a text, as
/// byte ranges brackets included: the matches `find_iter` of the pattern
/// `\(([^()0-9]*)\)` gives. Read by hand (compiling it cost every process
/// ~0.3 M instructions): from each `(`, the first bracket or digit after
/// it must be a `)`; the next search starts after a match, or after the
/// `(` that opened none.
fn unit_notes(s: &str) -> Vec<(usize, usize)> {
    let mut notes = Vec::new();
    let mut from = 0;
    while let Some(open) = s.get(from..).and_then(|r| r.find('(')).map(|i| from + i) {
        let inner = s.get(open + 1..).unwrap_or("");
        match inner.find(|c: char| matches!(c, '(' | ')') || c.is_ascii_digit()) {
            Some(i) if inner.get(i..).is_some_and(|r| r.starts_with(')')) => {
                let end = open + 1 + i + 1;
                notes.push((open, end));
                from = end;
            }
            _ => from = open + 1,
        }
    }
    notes
}

/// 「１，０００米ドル（１５０，０００円）」: a sum paid in another currency
/// with its yen conversion in brackets, as forms ask for it (「現地通貨又は
/// 米ドルで記載し、括弧書きで日本円に換算した金額を記載すること」). The
/// amount in yen is the bracketed figure. Only that whole shape is read: a
/// figure, a currency word that is not a yen unit, and one bracket holding
/// a figure in 円; anything else stays unreadable as before.
fn converted_yen(text: &str) -> Option<i64> {
    let s = nfkc_compact(text);
    let (currency, yen) = converted_yen_parts(&s)?;
    if currency.contains('円') || currency.contains('万') || currency.contains('千') {
        return None;
    }
    parse_plain(yen, AmountUnit::Yen).ok()
}

fn parse_plain(text: &str, unit: AmountUnit) -> Result<i64, String> {
    let original = text.trim();
    let s = nfkc_compact(text);
    if s.is_empty() {
        return Err("金額が記入されていません".into());
    }
    let marks = strip_marks(s);
    let not_a_number = || format!("金額として読めません（「{original}」）");
    let chars: Vec<char> = marks.figure.chars().collect();
    let terms = read_terms(&chars, original)?;
    let mut explicit_yen = marks.explicit_yen;
    let rest: String = chars[terms.end.min(chars.len())..].iter().collect();
    match rest.as_str() {
        "" => {}
        "円" => explicit_yen = true,
        _ => return Err(not_a_number()),
    }
    if !terms.any_number {
        return Err(not_a_number());
    }
    let mut total = terms.total;
    if let Some((mantissa, decimals)) = terms.bare {
        let mult = if terms.explicit_scale || explicit_yen {
            1
        } else {
            marks.declared.unwrap_or(unit).multiplier()
        };
        total += scaled(mantissa, decimals, mult)
            .ok_or_else(|| format!("円未満の端数があります（「{original}」）"))?;
    }
    if marks.negative {
        total = -total;
    }
    i64::try_from(total).map_err(|_| format!("金額が大きすぎます（「{original}」）"))
}

/// An amount's text with its marks taken off: the figure left, and what
/// the marks said.
struct Marks {
    figure: String,
    /// A unit declared in brackets (「(千円)」).
    declared: Option<AmountUnit>,
    negative: bool,
    /// ¥ / \ before the figure: in yen whatever the column's unit.
    explicit_yen: bool,
}

/// Take the marks off an amount (NFKC-compacted): a bracketed unit or
/// note, 「約」, 「金」 and ¥, a minus sign (-, △, ▲, マイナス).
fn strip_marks(mut s: String) -> Marks {
    let mut explicit_yen = false;
    // A parenthesised unit "(千円)" / "(円)" declares the unit; other
    // parenthesised notes without digits ("(税込)", "(見込み)") are dropped.
    let notes = unit_notes(&s);
    let mut declared: Option<AmountUnit> = None;
    for &(open, close) in &notes {
        let inner = s.get(open + 1..close - 1).unwrap_or("");
        if inner == "千円" {
            declared = Some(AmountUnit::Thousand);
        } else if inner == "円" {
            declared = Some(AmountUnit::Yen);
        }
    }
    if !notes.is_empty() {
        let mut kept = String::with_capacity(s.len());
        let mut at = 0;
        for &(open, close) in &notes {
            kept.push_str(s.get(at..open).unwrap_or(""));
            at = close;
        }
        kept.push_str(s.get(at..).unwrap_or(""));
        s = kept;
    }
    let mut negative = false;
    // 「約300」: the figure as the applicant estimates it.
    for prefix in ["約", "概算"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    for prefix in ["金", "¥", "\\", "￥"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            if prefix != "金" {
                explicit_yen = true;
            }
            s = rest.to_string();
        }
    }
    for minus in ["-", "\u{2212}", "△", "▲", "マイナス"] {
        if let Some(rest) = s.strip_prefix(minus) {
            negative = true;
            s = rest.to_string();
            break;
        }
    }
    for prefix in ["¥", "\\"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            explicit_yen = true;
            s = rest.to_string();
        }
    }
    Marks {
        figure: s,
        declared,
        negative,
        explicit_yen,
    }
}

/// The figures of an amount read: terms with a scale (1億2,000万) added
/// up, and at most one bare figure left for the unit.
struct Terms {
    total: i128,
    /// A figure with no scale after it: mantissa, decimals.
    bare: Option<(i128, u32)>,
    any_number: bool,
    explicit_scale: bool,
    /// Where the figures end in the text.
    end: usize,
}

fn read_terms(chars: &[char], original: &str) -> Result<Terms, String> {
    let not_a_number = || format!("金額として読めません（「{original}」）");
    let mut t = Terms {
        total: 0,
        bare: None,
        any_number: false,
        explicit_scale: false,
        end: 0,
    };
    let mut i = 0;
    while i < chars.len() {
        let Some((mantissa, decimals)) = read_figure(chars, &mut i, original)? else {
            break;
        };
        t.any_number = true;
        let rest: String = chars[i..].iter().collect();
        let scale: Option<(i128, usize)> = [
            ("百万", 1_000_000i128),
            ("億", 100_000_000),
            ("万", 10_000),
            ("千", 1_000),
        ]
        .iter()
        .find(|(w, _)| rest.starts_with(w))
        .map(|(w, m)| (*m, w.chars().count()));
        match scale {
            Some((mult, len)) => {
                t.explicit_scale = true;
                t.total += scaled(mantissa, decimals, mult)
                    .ok_or_else(|| format!("円未満の端数があります（「{original}」）"))?;
                i += len;
            }
            None => {
                if t.bare.is_some() {
                    return Err(not_a_number());
                }
                t.bare = Some((mantissa, decimals));
            }
        }
    }
    t.end = i;
    Ok(t)
}

/// One figure at `*i` (digits with commas, a decimal part): its mantissa
/// and decimals, `*i` moved past it. None when no figure starts there.
fn read_figure(
    chars: &[char],
    i: &mut usize,
    original: &str,
) -> Result<Option<(i128, u32)>, String> {
    let not_a_number = || format!("金額として読めません（「{original}」）");
    let start = *i;
    let mut int_part = String::new();
    let mut frac_part = String::new();
    while *i < chars.len() && (chars[*i].is_ascii_digit() || chars[*i] == ',') {
        if chars[*i] != ',' {
            int_part.push(chars[*i]);
        }
        *i += 1;
    }
    if *i < chars.len() && chars[*i] == '.' {
        *i += 1;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            frac_part.push(chars[*i]);
            *i += 1;
        }
    }
    if int_part.is_empty() && frac_part.is_empty() {
        if *i == start {
            return Ok(None);
        }
        return Err(not_a_number());
    }
    if chars.get(start) == Some(&',') {
        return Err(not_a_number());
    }
    let digits = format!("{int_part}{frac_part}");
    if digits.len() > 30 {
        return Err(format!("金額が大きすぎます（「{original}」）"));
    }
    let mantissa: i128 = digits.parse().map_err(|_| not_a_number())?;
    Ok(Some((mantissa, frac_part.len() as u32)))
}

fn scaled(mantissa: i128, decimals: u32, mult: i128) -> Option<i128> {
    let div = 10i128.checked_pow(decimals)?;
    let v = mantissa.checked_mul(mult)?;
    if v % div != 0 {
        return None;
    }
    Some(v / div)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn converted_yen_parts_as_the_regex_captures_them() {
        let re =
            Regex::new(r"^[約]?[0-9][0-9,]*(?:\.[0-9]+)?([^0-9().,\-]{1,12})\(([0-9][0-9,]*円)\)$")
                .unwrap();
        fn by_regex<'t>(re: &Regex, t: &'t str) -> Option<(&'t str, &'t str)> {
            let c = re.captures(t)?;
            Some((c.get(1)?.as_str(), c.get(2)?.as_str()))
        }
        let heads = [
            "", "約", "約約", "x", "1", "1,000", ",1", "12.5", "1.", "1.x", "1..5", "0.5.5",
        ];
        let currencies = [
            "",
            "米ドル",
            "USD",
            " ",
            "abcdefghijkl",
            "abcdefghijklm",
            "あいうえおかきくけこさし",
            "あいうえおかきくけこさしす",
            "円",
            "ドル-",
            "ドル(",
            "$",
        ];
        let yens = [
            "",
            "(150,000円)",
            "(1円)",
            "(,1円)",
            "(1,円)",
            "(150000)",
            "(150000円",
            "(150000円))",
            "((1円)",
            "(1円)x",
            "(1 円)",
            "(円)",
        ];
        for t in crate::base::every_join(&[&heads, &currencies, &yens]) {
            assert_eq!(converted_yen_parts(&t), by_regex(&re, &t), "{t}");
        }
    }

    #[test]
    fn unit_notes_as_the_regex_finds_them() {
        let re = Regex::new(r"\(([^()0-9]*)\)").unwrap();
        let pieces = [
            "",
            "(",
            ")",
            "千円",
            "1",
            "税込",
            "((",
            "()",
            "(1)",
            "(千円)",
            "（円）",
        ];
        for t in crate::base::every_join(&[&pieces, &pieces, &pieces, &pieces]) {
            let by_regex: Vec<(usize, usize)> =
                re.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(unit_notes(&t), by_regex, "{t}");
        }
    }
}
