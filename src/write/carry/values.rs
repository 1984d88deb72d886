//! What a value place holds: empty or typed, an amount, converted between
//! money units.

use super::*;

/// A value place still showing only what the template prints there: a
/// unit (「円」), a sentence with its blanks empty (「（　　円）」).
pub(super) fn is_unfilled(value: &str) -> bool {
    let v = value.trim();
    squash(v).is_empty()
        || slots::unit_only(v).is_some()
        || crate::forms::blanks::shape_of(v).is_some_and(|s| s.fills(v).is_none())
}

/// Digits of an amount (full-width and commas allowed), as an integer.
pub(super) fn amount(value: &str) -> Option<i64> {
    let s = squash(value);
    let s = s.trim_end_matches(['円', '千', '万']).replace(',', "");
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return None;
    }
    s.parse().ok()
}

fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The value converted from one unit to another, or why not.
pub(super) fn convert(value: &str, from: Unit, to: Unit) -> Result<(String, Option<Text>), Text> {
    let Some(n) = amount(value) else {
        return Err(Text::new(
            format!(
                "単位が{}から{}に変わりましたが、「{value}」は金額として読めないため換算できません。",
                from.as_str(),
                to.as_str()
            ),
            format!(
                "the unit changed from {} to {}, but 「{value}」 is not an amount",
                from.as_str(),
                to.as_str()
            ),
        ));
    };
    let yen = n * from.factor();
    let whole = yen / to.factor();
    let exact = yen % to.factor() == 0;
    let text = if value.contains(',') || value.contains('，') {
        grouped(whole)
    } else {
        whole.to_string()
    };
    let note = Text::new(
        format!(
            "単位が{}から{}に変わったため、{value}{} を {text}{} に換算しました{}。",
            from.as_str(),
            to.as_str(),
            from.as_str(),
            to.as_str(),
            if exact {
                ""
            } else {
                "（端数は切り捨て）"
            }
        ),
        format!(
            "the unit changed from {} to {}: {value} → {text}{}",
            from.as_str(),
            to.as_str(),
            if exact { "" } else { " (rounded down)" }
        ),
    );
    Ok((text, Some(note)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_convert_between_units() {
        let (v, note) = convert("1,200,000", Unit::Yen, Unit::ThousandYen).unwrap();
        assert_eq!(v, "1,200");
        assert!(note.unwrap().ja.contains("換算"));
        let (v, _) = convert("１２００", Unit::ThousandYen, Unit::Yen).unwrap();
        assert_eq!(v, "1200000");
        let (v, note) = convert("1,234,567", Unit::Yen, Unit::ThousandYen).unwrap();
        assert_eq!(v, "1,234");
        assert!(note.unwrap().ja.contains("切り捨て"));
        assert!(convert("未定", Unit::Yen, Unit::ThousandYen).is_err());
    }
}
