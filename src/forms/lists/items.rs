//! The numbered items of the report (２）–１７）) with their status and
//! reason, from the table or from text, and the reasons given on the 別葉.

use super::{Got, section, tables_in};
use crate::forms::FieldValue;
use crate::forms::definition::{ListDef, def_key};
use crate::forms::extract::Ctx;
use crate::forms::matching::match_label;
use crate::forms::normalize::key_of;
use crate::model::Location;
use serde_json::Value;
use std::collections::BTreeMap;

/// One report item found.
#[derive(Debug, Clone)]
struct Item {
    number: u32,
    number_text: String,
    number_loc: Location,
    status: Option<Got>,
    /// Where a missing status would go.
    fallback_loc: Location,
}

/// The item number a first cell's key names (`情報セキュリティに関する事項\n２）`
/// keys as `情報セキュリティに関する事項2)`): what the pattern
/// `^(?:情報セキュリティに関する事項)?(?:項目)?(\d{1,2})\)(?:情報セキュリティに関する事項)?$`
/// captures, read by hand (compiling that regex cost every process ~1 M
/// instructions). Each optional part opens with a character no later part
/// can, so taking it whenever it is there finds the regex's one match; a
/// non-ASCII `\d` digit never parsed as a number, so only ASCII digits are
/// read.
fn item_number(key: &str) -> Option<u32> {
    const HEADING: &str = "情報セキュリティに関する事項";
    let rest = key.strip_prefix(HEADING).unwrap_or(key);
    let rest = rest.strip_prefix("項目").unwrap_or(rest);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let (number, tail) = rest.split_at(digits);
    let tail = tail.strip_prefix(')')?;
    (tail.is_empty() || tail == HEADING)
        .then(|| number.parse().ok())
        .flatten()
}

/// A line or row of a separate sheet opening with an item number: the
/// number's digits and where the opening ends. What the pattern
/// `^\s*(?:情報セキュリティに関する事項|項目)?\s*[(（]?\s*([0-9０-９]{1,2})\s*[)）]\s*[:：、．.]?\s*(?:について|の理由)?\s*[:：、]?`
/// captures, read by hand (compiling it cost every process ~1 M
/// instructions): each part opens with a character the part before
/// cannot take, and all after the bracket is optional, so reading each
/// part greedily finds the regex's match.
fn annex_reference(text: &str) -> Option<(&str, usize)> {
    let blanks =
        |t: &'_ str| -> usize { t.len() - t.trim_start_matches(char::is_whitespace).len() };
    let mut at = blanks(text);
    let skip = |at: &mut usize, words: &[&str]| {
        let rest = text.get(*at..).unwrap_or("");
        if let Some(w) = words.iter().find(|w| rest.starts_with(**w)) {
            *at += w.len();
        }
        *at += blanks(text.get(*at..).unwrap_or(""));
    };
    skip(&mut at, &["情報セキュリティに関する事項", "項目"]);
    skip(&mut at, &["(", "（"]);
    let is_digit = |c: &char| crate::base::is_digit_any_width(*c);
    let rest = text.get(at..)?;
    let digits_len: usize = rest
        .chars()
        .take_while(is_digit)
        .take(2)
        .map(char::len_utf8)
        .sum();
    let digits = rest.get(..digits_len).filter(|d| !d.is_empty())?;
    at += digits_len;
    at += blanks(text.get(at..)?);
    let close = text
        .get(at..)?
        .chars()
        .next()
        .filter(|c| matches!(c, ')' | '）'))?;
    at += close.len_utf8();
    at += blanks(text.get(at..)?);
    skip(&mut at, &[":", "：", "、", "．", "."]);
    skip(&mut at, &["について", "の理由"]);
    let last = text
        .get(at..)?
        .chars()
        .next()
        .filter(|c| matches!(c, ':' | '：' | '、'));
    Some((digits, at + last.map_or(0, char::len_utf8)))
}

/// The number as written in a text (`２）`), for the number field: the
/// first token of one or two digits (ASCII or full-width), white space,
/// and a closing parenthesis whose digits read `number`. What the regex
/// `([0-9０-９]{1,2})\s*[)）]` finds, told by a scan back from each
/// parenthesis (the regex ran for every line of every item's cell).
fn number_as_written(text: &str, number: u32) -> Option<String> {
    let is_digit = crate::base::is_digit_any_width;
    for (p, paren) in text.char_indices().filter(|(_, c)| matches!(c, ')' | '）')) {
        let before = text.get(..p).unwrap_or("").trim_end();
        let mut start = before.len();
        for (n, (i, c)) in before.char_indices().rev().enumerate() {
            if n == 2 || !is_digit(c) {
                break;
            }
            start = i;
        }
        let digits = before.get(start..).unwrap_or("");
        if !digits.is_empty() && key_of(digits).parse::<u32>().ok() == Some(number) {
            return text.get(start..p + paren.len_utf8()).map(str::to_string);
        }
    }
    None
}

/// Numbered report items with their status.
pub(crate) fn items_list(ctx: &Ctx<'_>, l: &ListDef, out: &mut BTreeMap<String, FieldValue>) {
    let (from, to) = section(ctx, l);
    // Items end where the separate sheet of reasons (別葉) begins.
    let annex_start = annex_heading(ctx, l, from);
    let to = annex_start.map_or(to, |a| a.min(to));
    let numbers: Vec<u32> = l.items.iter().map(|i| i.number).collect();
    let mut items = items_from_tables(ctx, l, from, to, &numbers);
    if items.is_empty() {
        items = items_from_text(ctx, l, from, to);
    }
    let annex = annex_details(ctx, annex_start);
    for (n, item) in items.iter().enumerate() {
        let mut num = FieldValue::new(item.number_text.clone(), item.number_loc.clone());
        num.normalized = Some(Value::from(item.number));
        out.insert(format!("{}[{n}].number", l.path), num);
        let (status_fv, detail_fv) = status_fields(ctx, item);
        let mut detail_fv = detail_fv;
        // 「（別葉のとおり）」: the reason is on the 別葉, or nowhere.
        if detail_fv
            .as_ref()
            .is_some_and(|d| crate::forms::filling::is_reference_to(&d.value, &l.annex))
        {
            detail_fv = None;
        }
        if detail_fv.as_ref().is_none_or(|d| d.value.is_empty())
            && let Some((text, loc)) = annex.get(&item.number).filter(|a| !a.0.is_empty())
        {
            detail_fv = Some(FieldValue::new(text.clone(), loc.clone()));
        }
        out.insert(format!("{}[{n}].status", l.path), status_fv);
        // No reason anywhere: the field is absent (RPT002 looks for it).
        if let Some(d) = detail_fv.filter(|d| !d.value.is_empty()) {
            out.insert(format!("{}[{n}].detail", l.path), d);
        }
    }
}

fn items_from_tables(
    ctx: &Ctx<'_>,
    l: &ListDef,
    from: usize,
    to: usize,
    numbers: &[u32],
) -> Vec<Item> {
    let layout = ctx.layout;
    let status_keys: Vec<String> = l
        .status_header
        .iter()
        .map(|s| def_key(s).into_owned())
        .collect();
    let mut items = Vec::new();
    for table in tables_in(ctx, from, to) {
        let rebuilt = layout.tables.get(table).is_some_and(|t| t.rebuilt);
        let mut status_at: Option<(u32, usize)> = None; // (grid col, position)
        for row in layout.rows(table) {
            let cells = layout.row_cells(table, row);
            if status_at.is_none() {
                for (pos, &c) in cells.iter().enumerate() {
                    let Some(first) = layout
                        .cells
                        .get(c)
                        .and_then(|gc| gc.units.clone().find(|&i| !ctx.key(i).is_empty()))
                    else {
                        continue;
                    };
                    if status_keys
                        .iter()
                        .any(|k| match_label(layout, first, k).is_some())
                    {
                        status_at = layout.cells.get(c).map(|gc| (gc.col, pos));
                    }
                }
            }
            let Some(&first) = cells.first() else {
                continue;
            };
            let key: String = layout
                .cells
                .get(first)
                .map(|c| c.units.clone().map(|i| ctx.key(i)).collect())
                .unwrap_or_default();
            let Some(number) = item_number(&key).filter(|n| numbers.contains(n)) else {
                continue;
            };
            let first_text = layout.cell_text(first);
            let number_unit = layout.cells.get(first).and_then(|c| {
                c.units
                    .clone()
                    .find(|&i| number_as_written(ctx.text(i), number).is_some())
            });
            let number_loc = match number_unit {
                Some(i) => ctx.value_loc(i),
                None => layout
                    .cells
                    .get(first)
                    .map(|c| c.loc.clone())
                    .unwrap_or_default(),
            };
            let status_cell = match status_at {
                Some((col, pos)) => {
                    if rebuilt {
                        cells
                            .get(pos)
                            .copied()
                            .filter(|&c| c != first && Some(&c) != cells.get(1))
                    } else {
                        layout.cell_at(table, row, col).filter(|&c| c != first)
                    }
                }
                None => None,
            }
            .or_else(|| cells.get(2).copied());
            let clause = cells.get(1).copied();
            let fallback_loc = match clause.and_then(|c| layout.blank_right(c)) {
                Some(loc) => loc,
                None => clause
                    .and_then(|c| layout.cells.get(c))
                    .map(|c| c.loc.clone())
                    .unwrap_or_else(|| number_loc.clone()),
            };
            items.push(Item {
                number,
                number_text: number_as_written(&first_text, number).unwrap_or_default(),
                number_loc,
                status: status_cell.map(|c| Got::cell(layout, c)),
                fallback_loc,
            });
        }
    }
    items
}

/// Items where the table is gone (text from a PDF): each item is found by
/// the opening words of its clause; its number may stand before the clause
/// or be displaced into it.
fn items_from_text(ctx: &Ctx<'_>, l: &ListDef, from: usize, to: usize) -> Vec<Item> {
    let joined = ctx.joined;
    let mut anchors: Vec<(usize, u32)> = Vec::new(); // (unit, number)
    let mut search_from = from;
    for item in &l.items {
        let ck = def_key(&item.clause);
        let Some(off) = joined.find(search_from, to, &ck) else {
            continue;
        };
        let unit = joined.unit_at(off);
        anchors.push((unit, item.number));
        search_from = unit + 1;
    }
    let mut items = Vec::new();
    for (k, &(unit, number)) in anchors.iter().enumerate() {
        let lo = if k == 0 { from } else { anchors[k - 1].0 + 1 };
        let hi = anchors.get(k + 1).map(|a| a.0).unwrap_or(to);
        // The number closest to the clause start.
        let number_unit = (lo..hi)
            .filter(|&j| number_as_written(ctx.text(j), number).is_some())
            .min_by_key(|&j| j.abs_diff(unit));
        let (number_text, number_loc) = match number_unit {
            Some(j) => (
                number_as_written(ctx.text(j), number).unwrap_or_default(),
                ctx.value_loc(j),
            ),
            None => (String::new(), ctx.value_loc(unit)),
        };
        // A status word standing on its own line within the item.
        let status = (unit..hi).find(|&j| {
            let key = ctx.key(j);
            key.chars().count() <= 40 && split_status(ctx.text(j)).1.is_some()
        });
        items.push(Item {
            number,
            number_text,
            number_loc: number_loc.clone(),
            status: status.map(|j| Got {
                text: ctx.text(j).trim().to_string(),
                loc: ctx.value_loc(j),
                cell: None,
            }),
            fallback_loc: number_loc,
        });
    }
    items
}

const STATUS_WORDS: [&str; 3] = ["未実施", "該当なし", "実施"];

/// Split a status cell into (the status as written, the recognised status
/// word, the rest). The word must stand alone: `実施済み` is not `実施`.
fn split_status(text: &str) -> (String, Option<&'static str>, String) {
    let t = text.trim();
    // Printed boxes in front of the words (☒実施 ☐未実施 ☐該当なし): the
    // ticked one is the status; two or none ticked is no status.
    match crate::forms::filling::ticked_choice(t, &STATUS_WORDS) {
        crate::forms::filling::Ticked::One(word, rest) => {
            let written = t.get(..t.len() - rest.len()).unwrap_or(t).trim();
            return (written.to_string(), Some(word), detail_of(&rest));
        }
        crate::forms::filling::Ticked::Many(_) | crate::forms::filling::Ticked::NoneTicked => {
            return (
                t.lines().next().unwrap_or("").trim().to_string(),
                None,
                String::new(),
            );
        }
        crate::forms::filling::Ticked::NotChoice => {}
    }
    let norm = crate::forms::normalize::norm_key(t);
    for word in STATUS_WORDS {
        if !norm.key.starts_with(word) {
            continue;
        }
        let n = word.chars().count();
        let next = norm.key.chars().nth(n);
        // Where the word ends in the original text (before any blank).
        let last = norm.raw_offset(n - 1);
        let word_end = last
            + t.get(last..)
                .and_then(|r| r.chars().next())
                .map_or(0, char::len_utf8);
        let alone = match next {
            None => true,
            Some(c) => {
                matches!(
                    c,
                    ':' | '、' | '。' | '(' | '[' | '【' | '「' | '-' | '/' | ',' | '※'
                ) || t
                    .get(word_end..)
                    .is_some_and(|r| r.starts_with(char::is_whitespace))
            }
        };
        if !alone {
            continue;
        }
        let word_raw = t.get(..word_end).unwrap_or("").trim().to_string();
        let rest = t.get(word_end..).unwrap_or("");
        return (word_raw, Some(word), detail_of(rest));
    }
    let first = t.lines().next().unwrap_or("").trim().to_string();
    (
        first,
        None,
        t.lines()
            .skip(1)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The reason after a status word, as written: a separator right after
/// the word and brackets around the whole reason are dropped; a leading
/// `理由：` is kept (as in the 別葉 and 選定理由 cells).
fn detail_of(rest: &str) -> String {
    let mut s = rest
        .trim()
        .trim_start_matches([':', '：', '、', '，', ',', '-', '－', '／', '/'])
        .trim()
        .to_string();
    let wrapped =
        (s.starts_with('（') && s.ends_with('）')) || (s.starts_with('(') && s.ends_with(')'));
    if wrapped {
        let mut chars = s.chars();
        chars.next();
        chars.next_back();
        s = chars.as_str().trim().to_string();
    }
    s
}

fn status_fields(ctx: &Ctx<'_>, item: &Item) -> (FieldValue, Option<FieldValue>) {
    let Some(g) = &item.status else {
        return (FieldValue::new("", item.fallback_loc.clone()), None);
    };
    if g.text.is_empty() {
        return (FieldValue::new("", g.loc.clone()), None);
    }
    let (written, word, rest) = split_status(&g.text);
    let mut status = FieldValue::new(written, g.loc.clone());
    // The detail is located where its text starts (its own line in a text
    // file; the same cell in Word and Excel).
    let detail_loc = g
        .cell
        .and_then(|c| ctx.layout.cells.get(c))
        .and_then(|c| {
            let probe = rest.lines().next().unwrap_or("").trim();
            let probe_key = key_of(probe);
            if probe_key.is_empty() {
                return None;
            }
            c.units
                .clone()
                .find(|&i| ctx.key(i).contains(probe_key.as_str()))
        })
        .map(|i| ctx.value_loc(i))
        .unwrap_or_else(|| g.loc.clone());
    match word {
        Some(w) => status.normalized = Some(Value::String(w.into())),
        None => {
            status.unnormalized = Some(format!(
                "実施状況は「実施」「未実施」「該当なし」のいずれか一つで記入してください（「{}」）",
                g.text.lines().next().unwrap_or("").trim()
            ))
        }
    }
    (status, Some(FieldValue::new(rest, detail_loc)))
}

/// The heading of the separate sheet of reasons (別葉), after `from`.
fn annex_heading(ctx: &Ctx<'_>, l: &ListDef, from: usize) -> Option<usize> {
    let annex_keys: Vec<String> = l
        .annex
        .iter()
        .map(|a| def_key(a).into_owned())
        .filter(|a| !a.is_empty())
        .collect();
    if annex_keys.is_empty() {
        return None;
    }
    (from..ctx.range.end).find(|&i| {
        let k = ctx.key(i);
        k.chars().count() <= 24
            && annex_keys.iter().any(|a| k.contains(a.as_str()))
            && !ctx.is_instruction(i)
            // 「（別葉のとおり）」 in an item's cell points to it; it is not it.
            && !crate::forms::filling::is_reference_to(ctx.text(i), &l.annex)
    })
}

/// Reasons given on a separate sheet (別葉), by item number: lines or
/// table rows opening with the item number.
fn annex_details(ctx: &Ctx<'_>, start: Option<usize>) -> BTreeMap<u32, (String, Location)> {
    let mut out: BTreeMap<u32, (String, Location)> = BTreeMap::new();
    let Some(start) = start else {
        return out;
    };
    let mut current: Option<u32> = None;
    for i in start + 1..ctx.range.end {
        let text = ctx.text(i);
        if text.trim().is_empty() {
            continue;
        }
        // Right after a bare number (its own cell), the text is its reason
        // even when it names other items (`１２）及び１３）の…`).
        let opened_empty = current
            .and_then(|n| out.get(&n))
            .is_some_and(|e| e.0.is_empty());
        if let Some((digits, end)) = annex_reference(text).filter(|_| !opened_empty)
            && let Ok(number) = key_of(digits).parse::<u32>()
        {
            let rest = text.get(end..).unwrap_or("").trim();
            let loc = ctx.value_loc(i);
            out.insert(number, (rest.trim().to_string(), loc));
            current = Some(number);
            continue;
        }
        if let Some(n) = current
            && let Some(entry) = out.get_mut(&n)
        {
            if entry.0.is_empty() {
                entry.0 = text.trim().to_string();
                entry.1 = ctx.value_loc(i);
            } else {
                entry.0 = format!("{}\n{}", entry.0, text.trim());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_written_as_the_regex_finds_them() {
        let re = regex::Regex::new(r"([0-9０-９]{1,2})\s*[)）]").ok();
        let by_regex = |text: &str, number: u32| {
            re.as_ref()?.captures_iter(text).find_map(|c| {
                let digits = c.get(1)?.as_str();
                (key_of(digits).parse::<u32>().ok()? == number)
                    .then(|| c.get(0).map(|m| m.as_str().to_string()))?
            })
        };
        for text in [
            "２）",
            "2)",
            "12 )",
            "123)",
            "1 2)",
            "1)2)",
            "１２３）",
            "a)b1)",
            "（３）実施",
            "x　４　）",
            "）)",
            "",
            "99)",
            "100)",
            "０）1)",
            "1)\n2)",
            "項目1)２）",
        ] {
            for number in [0, 1, 2, 3, 4, 12, 23, 99] {
                assert_eq!(
                    number_as_written(text, number),
                    by_regex(text, number),
                    "{text} {number}"
                );
            }
        }
    }

    #[test]
    fn item_numbers_as_the_regex_reads_them() {
        let re = regex::Regex::new(
            r"^(?:情報セキュリティに関する事項)?(?:項目)?(\d{1,2})\)(?:情報セキュリティに関する事項)?$",
        )
        .unwrap();
        let by_regex =
            |key: &str| -> Option<u32> { re.captures(key)?.get(1)?.as_str().parse().ok() };
        let heads = [
            "",
            "情報セキュリティに関する事項",
            "項目",
            "情報セキュリティに関する事項項目",
            "項目情報セキュリティに関する事項",
            "情報",
        ];
        let bodies = ["", "1", "12", "123", "０", "٣", "1٣", "07", "2)", "x"];
        let tails = [
            "",
            ")",
            "))",
            ")情報セキュリティに関する事項",
            ")情報セキュリティに関する事項x",
            ")項目",
            "）",
            ") ",
        ];
        for key in crate::base::every_join(&[&heads, &bodies, &tails]) {
            assert_eq!(super::item_number(&key), by_regex(&key), "{key}");
        }
    }

    #[test]
    fn annex_references_as_the_regex_reads_them() {
        let re = regex::Regex::new(
            r"^\s*(?:情報セキュリティに関する事項|項目)?\s*[(（]?\s*([0-9０-９]{1,2})\s*[)）]\s*[:：、．.]?\s*(?:について|の理由)?\s*[:：、]?",
        )
        .unwrap();
        let by_regex = |t: &str| {
            let c = re.captures(t)?;
            Some((c.get(1)?.as_str().to_string(), c.get(0)?.end()))
        };
        let heads = [
            "",
            " ",
            "　\n",
            "項目",
            "情報セキュリティに関する事項 ",
            "x",
            " 項目 （ ",
            "(",
            "（ 項目",
        ];
        let numbers = ["", "2", "12", "123", "１２", "1２", "x"];
        let closes = ["", ")", " ）", "）)"];
        let tails = [
            "",
            " ",
            "：",
            "、について",
            ". の理由：本文",
            " について 、",
            "について：:",
            "の理由",
            "ついて",
            "\n理由",
        ];
        for text in crate::base::every_join(&[&heads, &numbers, &closes, &tails]) {
            let by_hand = annex_reference(&text).map(|(d, e)| (d.to_string(), e));
            assert_eq!(by_hand, by_regex(&text), "{text}");
        }
    }

    #[test]
    fn statuses() {
        assert_eq!(split_status("実施").1, Some("実施"));
        assert_eq!(
            split_status("実施\n社内規程を改定。"),
            (
                "実施".to_string(),
                Some("実施"),
                "社内規程を改定。".to_string()
            )
        );
        assert_eq!(split_status("実施　規程あり").2, "規程あり");
        assert_eq!(
            split_status("未実施\n監査の予定がないため").2,
            "監査の予定がないため"
        );
        assert_eq!(split_status("該当なし：構築しないため").2, "構築しないため");
        assert_eq!(
            split_status("該当なし（理由：構築しないため）").2,
            "理由：構築しないため"
        );
        assert_eq!(split_status("実施済み").1, None);
        assert_eq!(split_status("実 施").1, Some("実施"));
        assert_eq!(item_number("情報セキュリティに関する事項2)"), Some(2));
        assert_eq!(item_number("15)"), Some(15));
        assert_eq!(
            number_as_written("本業務 ８） 職員に", 8).as_deref(),
            Some("８）")
        );
    }
}
