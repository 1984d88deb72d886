//! `find = "inline"`: a place to write inside a printed line. Forms
//! written as prose put several blanks on one line (「(1) 始業　（　時　分）
//! 　終業　（　時　分）」, 「所在地　　　連絡先　　　」): the line is found by
//! the words it opens with, and each value lies between the printed text
//! before it (`value_after`) and the printed text after it
//! (`value_before`). Texts are compared by key (width and spaces folded),
//! so what the applicant typed never has to match anything.

use super::definition::{FieldDef, def_key};
use super::extract::Ctx;
use super::matching::strip_enumerator;
use crate::model::Location;

/// The value of an inline field and where it is; None when its line is
/// not in the form.
pub(crate) fn value(ctx: &Ctx<'_>, f: &FieldDef) -> Option<(String, Location)> {
    let scope = ctx.scope(&f.after, &f.before);
    let m = ctx.find_label(scope, &f.labels)?;
    let u = ctx.layout.units.get(m.start)?;
    let key: Vec<char> = u.key().chars().map(unticked).collect();
    let label = f.labels.first().map(|l| def_key(l)).unwrap_or_default();
    let from = label_end(&key, &label).unwrap_or(0);
    let printed = |t: Option<&str>| -> String {
        t.map(|t| def_key(t).chars().map(unticked).collect())
            .unwrap_or_default()
    };
    let after = printed(f.value_after.as_deref());
    let start = if after.is_empty() {
        from
    } else {
        find(&key, &after, from)? + after.chars().count()
    };
    let before = printed(f.value_before.as_deref());
    let end = if before.is_empty() {
        key.len()
    } else {
        closing(&key, &before, start).unwrap_or(key.len())
    };
    let (a, b) = (u.norm.raw_offset(start), u.norm.raw_offset(end.max(start)));
    let mut text = u.text.get(a..b).unwrap_or("").trim().to_string();
    // 「（２５）％」: the percent sign printed after the bracket is part of
    // what was written (a rate, not the figure alone).
    if !text.is_empty() && key.get(end) == Some(&')') && key.get(end + 1) == Some(&'%') {
        let (p, q) = (u.norm.raw_offset(end + 1), u.norm.raw_offset(end + 2));
        text.push_str(u.text.get(p..q).unwrap_or("%"));
    }
    Some((text, u.loc_at(a)))
}

/// A box as printed, ticked or not (■ ☑ ☒ ✓ for □): the printed text
/// around a value may hold the boxes the applicant ticks.
fn unticked(c: char) -> char {
    if matches!(c, '■' | '☑' | '☒' | '☐' | '✓' | '✔' | '◼') {
        '□'
    } else {
        c
    }
}

/// The char index just after the label at the line's start (a leading
/// enumerator of either may differ: `match_label` allows it).
fn label_end(key: &[char], label: &str) -> Option<usize> {
    let line: String = key.iter().collect();
    if line.starts_with(label) {
        return Some(label.chars().count());
    }
    let bare = strip_enumerator(label);
    let at = line.find(bare)?;
    Some(line[..at].chars().count() + bare.chars().count())
}

/// The char index of the first `needle` in `key` from char `from`.
fn find(key: &[char], needle: &str, from: usize) -> Option<usize> {
    let n: Vec<char> = needle.chars().collect();
    (from..key.len()).find(|&i| key[i..].starts_with(&n))
}

/// The char index of the first `needle` from `from` that stands outside
/// every bracket opened after `from`: 「実費（上限６,０００円））」 ends at the
/// bracket that closes the write-in, not at the one inside the value.
fn closing(key: &[char], needle: &str, from: usize) -> Option<usize> {
    let n: Vec<char> = needle.chars().collect();
    let mut depth = 0i32;
    for i in from..key.len() {
        if depth <= 0 && key[i..].starts_with(&n) {
            return Some(i);
        }
        match key[i] {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        def_key(s).chars().collect()
    }

    #[test]
    fn a_value_ends_at_the_bracket_that_closes_it() {
        let k = chars("（通勤手当　６，０００円／計算方法：実費（上限月６，０００円））");
        let end = closing(&k, ")", 1);
        assert_eq!(end, Some(k.len() - 1));
        let k = chars("（８時３０分）　終業（１７時）");
        assert_eq!(closing(&k, ")終業(", 1), Some(6));
    }

    #[test]
    fn the_label_may_differ_by_its_enumerator() {
        let k = chars("１．定例日：毎週土曜日");
        assert_eq!(label_end(&k, &def_key("１．定例日")), Some(5));
        assert_eq!(label_end(&k, &def_key("定例日")), Some(5));
    }
}
