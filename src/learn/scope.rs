//! Conditional parts of a form, read from its own wording: a heading that
//! says when its part is filled in (「２　取次機関（１で有にチェックを付した
//! 場合のみ記載）」「29 代理人（法定代理人による申請の場合に記入）」), and a
//! note naming a part (「３　Ⅲ欄は、…委託する場合のみ記載すること。」). The
//! entries of such a part are conditional, not required.

use super::notes::is_conditional;
use super::vocab::fold;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const ROMAN: &str = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ";

/// The section number a text opens with: 「３　」「29 」「Ⅲ　」 (not
/// 「(1)」, which numbers items inside a section).
pub fn section_number(text: &str) -> Option<String> {
    let t = text.trim_start_matches(|c: char| c.is_whitespace());
    let first = t.chars().next()?;
    if ROMAN.contains(first) {
        return Some(first.to_string());
    }
    let digits: String = t.chars().take_while(|c| c.is_numeric()).collect();
    let rest = t[digits.len()..].chars().next()?;
    let n = digits.chars().count();
    ((1..=2).contains(&n) && (rest.is_whitespace() || "．.、".contains(rest)))
        .then(|| fold(&digits))
}

/// A heading that states its own condition: short, not a sentence, and
/// opening a section or wholly in brackets.
pub fn conditional_heading(text: &str) -> bool {
    let t = text.lines().next().unwrap_or(text).trim();
    let n = t.chars().count();
    // 「参考様式第１－６号　別紙２（…で有を選択した場合）」: a whole
    // attachment that only some applicants fill.
    (super::is_form_marker_start(t) && is_conditional(t))
        || (n <= 60
            && !t.ends_with('。')
            && is_conditional(t)
            && (section_number(t).is_some()
                || (t.starts_with(['（', '(']) && t.ends_with(['）', ')']))))
}

/// 「Ⅲ欄は、…場合のみ記載すること」「Ⅱ欄４は、…」: the section (and item)
/// a conditional note names.
pub fn named_sections(texts: &[String]) -> Vec<(String, Option<String>, String)> {
    static RE: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[0-9０-９]{1,2})欄([0-9０-９]{1,2})?は").ok());
    let Some(re) = RE.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for t in texts {
        for line in t.split(['\n', '。']) {
            if !is_conditional(line) {
                continue;
            }
            // 「…場合にのみ「有」と記載し」 is how to fill an entry, not when.
            if line.contains('「') {
                continue;
            }
            if let Some(c) = re.captures(line) {
                let item = c.get(2).map(|m| fold(m.as_str()));
                // Ⅲ stays as printed (NFKC would make it III).
                let number = if ROMAN.contains(&c[1]) {
                    c[1].to_string()
                } else {
                    fold(&c[1])
                };
                out.push((number, item, line.trim().to_string()));
            }
        }
    }
    out
}

/// The units of section `number` (and of its `item`): from the unit
/// opening it to the next one opening a section of the same numbering.
pub fn section_range(firsts: &[String], number: &str, item: Option<&str>) -> Option<Range<usize>> {
    let roman = number.chars().next().is_some_and(|c| ROMAN.contains(c));
    let same_kind = |n: &str| n.chars().next().is_some_and(|c| ROMAN.contains(c)) == roman;
    let start = firsts
        .iter()
        .position(|t| section_number(t).as_deref() == Some(number))?;
    let end = (start + 1..firsts.len())
        .find(|&j| section_number(&firsts[j]).is_some_and(|n| same_kind(&n)))
        .unwrap_or(firsts.len());
    let Some(item) = item else {
        return Some(start..end);
    };
    let s = (start + 1..end).find(|&j| section_number(&firsts[j]).as_deref() == Some(item))?;
    let e = (s + 1..end)
        .find(|&j| section_number(&firsts[j]).is_some_and(|n| !same_kind(&n) || !roman))
        .unwrap_or(end);
    Some(s..e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sections_and_their_conditions() {
        assert_eq!(
            section_number("　１　　登　録　番　号").as_deref(),
            Some("1")
        );
        assert_eq!(section_number("Ⅲ　登録支援機関").as_deref(), Some("Ⅲ"));
        assert_eq!(section_number("29 代理人").as_deref(), Some("29"));
        assert_eq!(section_number("(1)氏　名"), None);
        assert_eq!(section_number("2026年"), None);
        assert!(conditional_heading(
            "29 代理人（法定代理人による申請の場合に記入）"
        ));
        assert!(conditional_heading(
            "（当該基準が定められている場合に記入）"
        ));
        assert!(!conditional_heading("３　所在国"));
        assert!(!conditional_heading(
            "３　Ⅲ欄は、支援計画の全部の実施を登録支援機関に委託する場合のみ記載すること。"
        ));
        let notes = v(&[
            "（注意）\n３　Ⅲ欄は、全部の実施を登録支援機関に委託する場合のみ記載すること。\n４　Ⅳ欄は、「有」の場合のみ記載",
        ]);
        let named = named_sections(&notes);
        assert_eq!(named.len(), 1);
        assert_eq!(named[0].0, "Ⅲ");
        let firsts = v(&[
            "Ⅱ　所属機関",
            "１　名称",
            "Ⅲ　登録支援機関",
            "１　登録番号",
            "２　氏名",
            "Ⅳ　支援",
        ]);
        assert_eq!(section_range(&firsts, "Ⅲ", None), Some(2..5));
        assert_eq!(section_range(&firsts, "Ⅱ", Some("1")), Some(1..2));
    }
}
