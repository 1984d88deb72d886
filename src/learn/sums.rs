//! What the numbered lines of a form say of each other, once the form is
//! read: an amount whose label gives its arithmetic by item numbers
//! (「５．手取り支給額（３－４）」「３．１か月当たりの支払概算額（１＋２）」)
//! is a sum of those items (SUM001), and a numbered heading over lettered
//! sub-items (「４．賃金支払時に控除する項目」 over 「(a) 税金」) is no entry
//! of its own.
//!
//! Why it holds for forms in general: forms that derive an amount write
//! the derivation into its label with the item numbers the applicant sees;
//! an item's amount is the amount written on its own line or, when the
//! item lists parts, the line of the parts that says it is their total
//! (合計, 計). Nothing is guessed when an item has no single amount (a
//! choice of 月給・日給・時間給): the relation is left out and said so.

use super::text::is_sum_label;
use super::vocab::fold;
use super::{LearnedField, LearnedForm, LearnedRelation};
use crate::model::Table;
use regex::Regex;
use std::sync::LazyLock;

/// After a form is learned.
pub(super) fn finish(f: &mut LearnedForm) {
    label_sums(f);
    headings_over_parts(f);
}

/// The item number a line opens with (「３．」「５　」「10.」).
fn item_number(text: &str) -> Option<u32> {
    let t = fold(text);
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t[digits.len()..].chars().next();
    if digits.is_empty() || digits.len() > 2 || !rest.is_some_and(|c| ".、".contains(c)) {
        // fold() drops the blank of 「５　手取り」: a digit then a word.
        let raw = text.trim_start();
        let d: String = raw.chars().take_while(|c| c.is_numeric()).collect();
        let next = raw[d.len()..].chars().next();
        if d.is_empty() || d.chars().count() > 2 || !next.is_some_and(char::is_whitespace) {
            return None;
        }
        return fold(&d).parse().ok();
    }
    digits.parse().ok()
}

/// 「（３－４）」「(1+2)」「（１＋２＋３）」 in a label: the item numbers
/// with their signs.
fn arithmetic(text: &str) -> Option<Vec<(i8, u32)>> {
    static RE: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"\(([0-9]{1,2}(?:[+\-][0-9]{1,2})+)\)").ok());
    let t = fold(text).replace(['－', 'ー', '−', '―', '‐'], "-");
    let c = RE.as_ref()?.captures(&t)?;
    let expr = c.get(1)?.as_str();
    let mut out = Vec::new();
    let mut sign = 1i8;
    let mut num = String::new();
    for ch in expr.chars().chain(std::iter::once('+')) {
        if ch.is_ascii_digit() {
            num.push(ch);
            continue;
        }
        out.push((sign, num.parse().ok()?));
        num.clear();
        sign = if ch == '-' { -1 } else { 1 };
    }
    Some(out)
}

/// The amount fields learned from line `k`.
fn amounts(f: &LearnedForm, k: usize) -> Vec<usize> {
    f.lines
        .get(k)
        .map(|(_, r)| {
            r.clone()
                .filter(|&i| f.fields.get(i).is_some_and(|x| x.kind == Some("amount")))
                .collect()
        })
        .unwrap_or_default()
}

/// The amount of item `n`, seen from line `at`: the nearest line before
/// it numbered `n`; its own single amount, else the total line (合計,
/// 計) among its parts up to the next numbered line.
fn item_amount(f: &LearnedForm, n: u32, at: usize) -> Option<usize> {
    let j = (0..at)
        .rev()
        .find(|&j| item_number(&f.lines[j].0) == Some(n))?;
    if let [one] = amounts(f, j)[..] {
        return Some(one);
    }
    let end = (j + 1..f.lines.len())
        .find(|&k| item_number(&f.lines[k].0).is_some())
        .unwrap_or(f.lines.len());
    (j + 1..end)
        .rev()
        .filter(|&k| says_total(&f.lines[k].0))
        .find_map(|k| match amounts(f, k)[..] {
            [one] => Some(one),
            _ => None,
        })
}

/// 「控除する金額　約　円（合計）」「計　　円」: a line that says it is a total.
fn says_total(line: &str) -> bool {
    let t = fold(line);
    t.contains("合計") || t.contains("総計") || t.contains("小計") || is_sum_label(line)
}

/// Amounts whose label gives the arithmetic by item numbers.
fn label_sums(f: &mut LearnedForm) {
    for k in 0..f.lines.len() {
        let Some(terms) = arithmetic(&f.lines[k].0) else {
            continue;
        };
        let [total] = amounts(f, k)[..] else { continue };
        let resolved: Option<Vec<String>> = terms
            .iter()
            .map(|&(sign, n)| {
                let i = item_amount(f, n, k)?;
                let path = f.fields[i].path.clone();
                Some(if sign < 0 { format!("-{path}") } else { path })
            })
            .collect();
        let line = f.lines[k].0.clone();
        match resolved {
            Some(paths) => {
                f.guesses.push(format!(
                    "「{line}」を、ラベルの式のとおり {} としました",
                    paths.join(" + ").replace("+ -", "- ")
                ));
                let target = f.fields[total].path.clone();
                f.relations.push(LearnedRelation::sum(target, paths));
            }
            None => f.unsure.push(format!(
                "「{line}」の式の項目に金額が一つに決まらないため、計算を確かめません"
            )),
        }
    }
}

/// 「(a)」「①」「(1)」「ア」: a line opening a lettered sub-item.
fn opens_sub_item(text: &str) -> bool {
    let t = fold(text);
    let mut c = t.chars();
    match c.next() {
        Some('(') => {
            let inner: String = c.by_ref().take_while(|&ch| ch != ')').collect();
            (1..=2).contains(&inner.chars().count())
                && inner.chars().all(|ch| ch.is_ascii_alphanumeric())
        }
        Some(ch) => ('①'..='⑳').contains(&ch) || "アイウエオカキク".contains(ch),
        None => false,
    }
}

/// A numbered heading with a little blank after it (learned as an entry
/// whose value would be the next line) over lines of lettered sub-items
/// that are entries themselves: a heading, not an entry.
fn headings_over_parts(f: &mut LearnedForm) {
    let mut drop: Vec<usize> = Vec::new();
    for k in 0..f.lines.len().saturating_sub(1) {
        let (text, range) = &f.lines[k];
        let (next, next_range) = &f.lines[k + 1];
        let [i] = range.clone().collect::<Vec<_>>()[..] else {
            continue;
        };
        let fld = &f.fields[i];
        if fld.find == "label"
            && fold(&fld.label) == fold(text)
            && item_number(text).is_some()
            && opens_sub_item(next)
            && !next_range.is_empty()
        {
            f.guesses.push(format!(
                "「{}」は下の (a)… の項目の見出しとし、記入欄にしませんでした",
                fld.label.trim()
            ));
            drop.push(i);
        }
    }
    for i in drop.into_iter().rev() {
        f.fields.remove(i);
    }
    // The ranges no longer hold once fields are removed.
    f.lines.clear();
}

/// A list whose table closes with a row labelled 計 / 合計 / 小計 under
/// an amount column: that row's amount is the sum of the amounts of the
/// rows used above it (SUM001). Why it holds in general: a total row at
/// the foot of a table of items totals that table's rows; it is the
/// same idea as the 合計 line under an item's parts.
pub(super) fn list_totals(f: &mut LearnedForm, tables: &[Option<&Table>]) {
    for k in 0..f.lists.len() {
        let l = &f.lists[k];
        if l.find != "table" {
            continue;
        }
        let Some(col) = l
            .columns
            .iter()
            .find(|c| c.kind == Some("amount") || c.field == "amount" || c.header.contains("金額"))
        else {
            continue;
        };
        let Some(Some(model)) = tables.get(l.table.wrapping_sub(1)) else {
            continue;
        };
        let rows = super::lists::grid(model);
        let Some(label) = rows.get(l.rows.end).and_then(|r| {
            r.iter()
                .flat_map(|g| g.lines().into_iter().take(1))
                .find(|line| is_sum_label(line))
                .map(|line| line.trim().to_string())
        }) else {
            continue;
        };
        let path = format!("{}_total", l.path);
        if f.fields.iter().any(|x| x.path == path) {
            continue;
        }
        let unit = if col.header.contains("千円") {
            "千円"
        } else {
            "円"
        };
        let num: String = l
            .name
            .trim_start()
            .chars()
            .take_while(|c| c.is_numeric())
            .collect();
        let place = if (1..=2).contains(&num.chars().count()) {
            format!("{num}　{label}")
        } else {
            format!("{}　{label}", l.name.trim())
        };
        let term = format!("{}[].{}", l.path, col.field);
        let header = col.header.clone();
        f.guesses.push(format!(
            "「{place}」を表の各行の「{header}」の合計としました"
        ));
        f.fields.push(LearnedField {
            path: path.clone(),
            label: label.clone(),
            find: "label",
            kind: Some("amount"),
            unit: Some(unit),
            after: vec![header],
            place: Some(place),
            ..LearnedField::default()
        });
        f.relations.push(LearnedRelation::sum(path, vec![term]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers_and_label_arithmetic() {
        assert_eq!(item_number("３．１か月当たりの支払概算額"), Some(3));
        assert_eq!(item_number("５　手取り"), Some(5));
        assert_eq!(item_number("(a) 税金"), None);
        assert_eq!(
            arithmetic("５．手取り支給額（３－４）"),
            Some(vec![(1, 3), (-1, 4)])
        );
        assert_eq!(
            arithmetic("合計（１＋２＋３）"),
            Some(vec![(1, 1), (1, 2), (1, 3)])
        );
        assert_eq!(arithmetic("（１日の所定労働時間数）"), None);
        assert!(opens_sub_item("(a) 税　金"));
        assert!(!opens_sub_item("(注) 記入"));
    }
}
