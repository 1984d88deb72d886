//! Repeated entries: the data rows of a table under a header row
//! (再委託先, 情報取扱者) and the numbered items of the report (２）–１７）),
//! the latter also from text where the table is gone (PDF extraction).

use super::FieldValue;
use super::definition::Normalize;
use super::definition::{ColumnDef, ColumnParse, ListDef, def_key};
use super::extract::{Ctx, normalize_value};
use super::layout::{Layout, a1};
use super::matching::match_label;
use super::normalize::{AmountUnit, key_of};
use crate::model::Location;
use regex::Regex;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A cell's content for one column of one row.
#[derive(Debug, Clone)]
struct Got {
    text: String,
    loc: Location,
    cell: Option<usize>,
}

impl Got {
    /// A table cell's trimmed text and location.
    fn cell(layout: &Layout, c: usize) -> Got {
        Got {
            text: layout.cell_text(c).trim().to_string(),
            loc: layout
                .cells
                .get(c)
                .map(|c| c.loc.clone())
                .unwrap_or_default(),
            cell: Some(c),
        }
    }
}

/// Where a column sits: grid columns for Word/Excel, positions for
/// rebuilt text rows.
#[derive(Debug, Clone)]
struct HeaderMap {
    table: usize,
    row: u32,
    rebuilt: bool,
    /// (column def index, grid col or position)
    cols: Vec<(usize, u32)>,
    /// Grid col / position of the first headed column.
    first: u32,
    /// Number of cells in the header row (rebuilt rows).
    width: u32,
}

/// Tables with a cell in units `from..to` (a sheet is one table holding
/// the whole form), in document order.
fn tables_in(ctx: &Ctx<'_>, from: usize, to: usize) -> Vec<usize> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (t, grid) in ctx.layout.tables.iter().enumerate() {
        let first = grid
            .cells
            .iter()
            .filter_map(|&c| ctx.layout.cells.get(c).map(|c| c.units.start))
            .filter(|&u| u >= from && u < to)
            .min();
        if let Some(first) = first {
            out.push((first, t));
        }
    }
    out.sort_unstable();
    out.into_iter().map(|(_, t)| t).collect()
}

/// Where a list's section starts and ends.
fn section(ctx: &Ctx<'_>, l: &ListDef) -> (usize, usize) {
    let from = if l.heading.is_empty() {
        ctx.range.start
    } else {
        ctx.find_label(ctx.range.clone(), &l.heading)
            .map(|m| m.end + 1)
            .unwrap_or(ctx.range.start)
    };
    let to = ctx.next_heading(from, ctx.range.end, &l.heading);
    (from, to)
}

/// Map the header row of a table to the list's columns.
fn header_map(
    ctx: &Ctx<'_>,
    l: &ListDef,
    table: usize,
    from: usize,
    to: usize,
) -> Option<HeaderMap> {
    let layout = ctx.layout;
    let rebuilt = layout.tables.get(table)?.rebuilt;
    for row in layout.rows(table) {
        let cells = layout.row_cells(table, row);
        let start = row_start(ctx, &cells);
        if start < from || start >= to {
            continue;
        }
        let mut cols: Vec<(usize, u32)> = Vec::new();
        for (pos, &c) in cells.iter().enumerate() {
            let Some(cell) = layout.cells.get(c) else {
                continue;
            };
            let Some(first) = cell.units.clone().find(|&i| !ctx.key(i).is_empty()) else {
                continue;
            };
            // The longest header that fits, among columns not yet taken.
            let best = l
                .columns
                .iter()
                .enumerate()
                .filter(|(d, _)| !cols.iter().any(|(t, _)| t == d))
                .flat_map(|(d, col)| col.header.iter().map(move |h| (d, def_key(h))))
                .filter(|(_, hk)| !hk.is_empty() && match_label(layout, first, hk).is_some())
                .max_by_key(|(_, hk)| hk.chars().count());
            if let Some((d, _)) = best {
                let at = if rebuilt { pos as u32 } else { cell.col };
                cols.push((d, at));
            }
        }
        if cols.len() >= 2
            || (cols.len() == 1 && l.columns.iter().filter(|c| !c.header.is_empty()).count() == 1)
        {
            let first = cols.iter().map(|c| c.1).min().unwrap_or(0);
            return Some(HeaderMap {
                table,
                row,
                rebuilt,
                cols,
                first,
                width: cells.len() as u32,
            });
        }
    }
    None
}

/// The cell of each column in a data row.
fn row_values(ctx: &Ctx<'_>, l: &ListDef, h: &HeaderMap, row: u32) -> Vec<Option<Got>> {
    let layout = ctx.layout;
    let cells = layout.row_cells(h.table, row);
    let got = |c: usize| Got::cell(layout, c);
    let sheet = layout.tables.get(h.table).and_then(|t| t.sheet.clone());
    let blank_at = |col: u32| -> Option<Got> {
        let loc = match &sheet {
            Some(s) => Location::sheet_cell(s.clone(), a1(row, col)),
            None => cells
                .first()
                .and_then(|&c| layout.cells.get(c))
                .map(|c| c.loc.clone())?,
        };
        Some(Got {
            text: String::new(),
            loc,
            cell: None,
        })
    };
    let leading_defs: Vec<(usize, usize)> = l
        .columns
        .iter()
        .enumerate()
        .filter_map(|(d, c)| c.leading.map(|n| (d, n)))
        .collect();
    let n_leading_defs = leading_defs.iter().map(|x| x.1 + 1).max().unwrap_or(0);
    let mut out: Vec<Option<Got>> = vec![None; l.columns.len()];
    if h.rebuilt {
        let offset = cells.len() as i64 - i64::from(h.width);
        for &(d, pos) in &h.cols {
            let idx = i64::from(pos) + offset;
            out[d] = usize::try_from(idx)
                .ok()
                .and_then(|i| cells.get(i))
                .map(|&c| got(c));
        }
        let n_leading = (i64::from(h.first) + offset).max(0) as usize;
        for (i, &c) in cells.iter().enumerate().take(n_leading) {
            // Leading cells are right-aligned on the leading columns.
            let want = i as i64 - (n_leading as i64 - n_leading_defs as i64);
            if let Some(&(d, _)) = leading_defs.iter().find(|x| x.1 as i64 == want) {
                out[d] = Some(got(c));
            }
        }
    } else {
        for &(d, col) in &h.cols {
            out[d] = match layout.cell_at(h.table, row, col) {
                Some(c) => Some(got(c)),
                None => blank_at(col),
            };
        }
        let n_leading = h.first.saturating_sub(1) as usize;
        for col in 1..=n_leading as u32 {
            let want = (col as i64 - 1) - (n_leading as i64 - n_leading_defs as i64);
            if let Some(&(d, _)) = leading_defs.iter().find(|x| x.1 as i64 == want) {
                out[d] = match layout.cell_at(h.table, row, col) {
                    Some(c) => Some(got(c)),
                    None => blank_at(col),
                };
            }
        }
    }
    out
}

/// The first unit of a row.
fn row_start(ctx: &Ctx<'_>, cells: &[usize]) -> usize {
    cells
        .iter()
        .filter_map(|&c| ctx.layout.cells.get(c).map(|c| c.units.start))
        .min()
        .unwrap_or(usize::MAX)
}

/// Data rows of a table under its header row.
pub(crate) fn table_list(ctx: &Ctx<'_>, l: &ListDef, out: &mut BTreeMap<String, FieldValue>) {
    let (from, to) = section(ctx, l);
    let mut n = 0usize;
    for table in tables_in(ctx, from, to) {
        let Some(h) = header_map(ctx, l, table, from, to) else {
            continue;
        };
        let mut inherited: Vec<Option<Got>> = vec![None; l.columns.len()];
        for row in ctx.layout.rows(table).into_iter().filter(|&r| r > h.row) {
            if row_start(ctx, &ctx.layout.row_cells(table, row)) >= to {
                break;
            }
            let mut vals = row_values(ctx, l, &h, row);
            // A merged (vMerge) cell from above, or a blank under a merged
            // role in a text export, takes the value above.
            for (d, col) in l.columns.iter().enumerate() {
                if !col.inherit {
                    continue;
                }
                let blank = vals[d].as_ref().is_none_or(|g| g.text.is_empty());
                if blank {
                    if let Some(prev) = &inherited[d] {
                        vals[d] = Some(prev.clone());
                    }
                } else {
                    inherited[d] = vals[d].clone();
                }
            }
            if !is_entry(ctx, l, &vals) {
                continue;
            }
            emit_row(ctx, l, n, &vals, out);
            n += 1;
        }
    }
}

/// Rows added under the last printed row of a breakdown (see
/// [`ListFind::AddedRows`](super::definition::ListFind::AddedRows)).
pub(crate) fn added_rows(ctx: &Ctx<'_>, l: &ListDef, out: &mut BTreeMap<String, FieldValue>) {
    let Some(m) = ctx.find_label(ctx.range.clone(), &l.heading) else {
        return;
    };
    let layout = ctx.layout;
    let Some(anchor) = layout.units.get(m.start).and_then(|u| u.cell) else {
        return;
    };
    let Some(gc) = layout.cells.get(anchor) else {
        return;
    };
    let (table, after, col) = (gc.table, gc.row + gc.row_span.max(1) - 1, gc.col);
    let until: Vec<String> = l.until.iter().map(|u| def_key(u).into_owned()).collect();
    let fields: Vec<&String> = l.columns.iter().filter_map(|c| c.fields.first()).collect();
    let (Some(label_field), Some(value_field)) = (fields.first(), fields.get(1)) else {
        return;
    };
    let mut n = 0usize;
    for row in layout.rows(table).into_iter().filter(|&r| r > after) {
        let Some(label_cell) = layout.cell_at(table, row, col) else {
            break;
        };
        let label = Got::cell(layout, label_cell);
        let key = key_of(&label.text);
        let key = key.as_str();
        if until
            .iter()
            .any(|u| !u.is_empty() && key.starts_with(u.as_str()))
            || super::normalize::enumerator_len(key) == 0
        {
            break;
        }
        let value = layout
            .right_of(label_cell)
            .map(|c| Got::cell(layout, c))
            .unwrap_or(Got {
                text: String::new(),
                loc: label.loc.clone(),
                cell: None,
            });
        out.insert(
            format!("{}[{n}].{label_field}", l.path),
            FieldValue::new(label.text, label.loc),
        );
        out.insert(
            format!("{}[{n}].{value_field}", l.path),
            FieldValue::new(value.text, value.loc),
        );
        n += 1;
    }
}

/// Does a row hold an entry (not a spare template row, not a note row
/// spanning the table)?
fn is_entry(ctx: &Ctx<'_>, l: &ListDef, vals: &[Option<Got>]) -> bool {
    let counted: Vec<&Got> = l
        .columns
        .iter()
        .zip(vals)
        .filter(|(c, _)| c.counts)
        .filter_map(|(_, v)| v.as_ref())
        .filter(|g| !g.text.is_empty())
        .collect();
    if counted.is_empty() {
        return false;
    }
    let cells: Vec<Option<usize>> = vals.iter().flatten().map(|g| g.cell).collect();
    let spanning = cells.len() > 1 && cells.windows(2).all(|w| w[0] == w[1]);
    let guidance = counted.iter().all(|g| {
        g.cell
            .and_then(|c| ctx.layout.cells.get(c))
            .is_some_and(|c| {
                c.units
                    .clone()
                    .all(|i| ctx.key(i).is_empty() || ctx.is_instruction(i))
            })
    });
    !spanning && !guidance
}

fn emit_row(
    ctx: &Ctx<'_>,
    l: &ListDef,
    n: usize,
    vals: &[Option<Got>],
    out: &mut BTreeMap<String, FieldValue>,
) {
    let _ = ctx;
    for (col, val) in l.columns.iter().zip(vals) {
        let Some(g) = val else { continue };
        for (name, fv) in parse_column(col, g) {
            out.insert(format!("{}[{n}].{name}", l.path), fv);
        }
    }
}

fn parse_column(col: &ColumnDef, g: &Got) -> Vec<(String, FieldValue)> {
    let field = |i: usize| col.fields.get(i).cloned();
    let mut out = Vec::new();
    let text = g.text.trim();
    match col.parse {
        ColumnParse::Text => {
            if let Some(f) = field(0) {
                out.push((f, FieldValue::new(text, g.loc.clone())));
            }
        }
        ColumnParse::NameTier => {
            let (name, tier) = split_tier(text);
            if let Some(f) = field(0) {
                out.push((f, FieldValue::new(name, g.loc.clone())));
            }
            if let Some(f) = field(1) {
                let mut fv =
                    FieldValue::new(tier.clone().map(|t| t.0).unwrap_or_default(), g.loc.clone());
                fv.normalized = tier.map(|t| Value::String(t.1.into()));
                out.push((f, fv));
            }
        }
        ColumnParse::Settlement => {
            if let Some(f) = field(0) {
                let mut fv = FieldValue::new(text, g.loc.clone());
                if !text.is_empty() {
                    match key_of(text).as_str() {
                        "有" | "有り" | "あり" | "有(精算)" => {
                            fv.normalized = Some(Value::Bool(true))
                        }
                        "無" | "無し" | "なし" => fv.normalized = Some(Value::Bool(false)),
                        _ => {
                            fv.unnormalized = Some(format!(
                                "精算の有無は「有」か「無」で記入してください（「{text}」）"
                            ))
                        }
                    }
                }
                out.push((f, fv));
            }
        }
        ColumnParse::AmountYen => {
            if let Some(f) = field(0) {
                out.push((
                    f,
                    normalize_value(Normalize::Amount, text, g.loc.clone(), AmountUnit::Yen),
                ));
            }
        }
        ColumnParse::Percent => {
            if let Some(f) = field(0) {
                out.push((
                    f,
                    normalize_value(Normalize::Percent, text, g.loc.clone(), AmountUnit::Yen),
                ));
            }
        }
        ColumnParse::Date => {
            if let Some(f) = field(0) {
                out.push((
                    f,
                    normalize_value(Normalize::Date, text, g.loc.clone(), AmountUnit::Yen),
                ));
            }
        }
        ColumnParse::MethodReason => {
            let (method, reason) = split_method_reason(text);
            if let Some(f) = field(0) {
                out.push((f, FieldValue::new(method, g.loc.clone())));
            }
            // No reason written: the field is absent (SUB004 looks for it).
            if let (Some(f), false) = (field(1), reason.is_empty()) {
                out.push((f, FieldValue::new(reason, g.loc.clone())));
            }
        }
        ColumnParse::Role => {
            if let Some(f) = field(0) {
                let mut fv = FieldValue::new(text, g.loc.clone());
                if !text.is_empty() {
                    match role(text) {
                        Some(r) => fv.normalized = Some(Value::String(r.into())),
                        None => {
                            fv.unnormalized = Some(format!(
                                "区分が読めません（「{text}」）：情報管理責任者・情報取扱管理者・業務従事者・再委託先のいずれか"
                            ))
                        }
                    }
                }
                out.push((f, fv));
            }
        }
    }
    out
}

fn regex(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// Split `名称\n[再委託先]` into the name and (tag as written, tier).
fn split_tier(text: &str) -> (String, Option<(String, &'static str)>) {
    static TAG: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(re) = regex(
        &TAG,
        r"[\[［【(（〔<＜]\s*(再々委託先|再委託先)[^\]］】)）〕>＞]{0,8}[\]］】)）〕>＞]",
    ) else {
        return (text.to_string(), None);
    };
    let found = re.find_iter(text).last().map(|m| (m.start(), m.end()));
    let (name, tag) = match found {
        Some((a, b)) => {
            let name = format!(
                "{}{}",
                text.get(..a).unwrap_or(""),
                text.get(b..).unwrap_or("")
            );
            (name, text.get(a..b).unwrap_or("").to_string())
        }
        None => {
            // A line of its own without brackets.
            let lines: Vec<&str> = text.lines().collect();
            match lines
                .iter()
                .rposition(|l| matches!(key_of(l).as_str(), "再委託先" | "再々委託先"))
            {
                Some(p) if lines.len() > 1 => {
                    let tag = lines[p].trim().to_string();
                    let name: Vec<&str> = lines
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != p)
                        .map(|(_, l)| *l)
                        .collect();
                    (name.join("\n"), tag)
                }
                _ => return (text.to_string(), None),
            }
        }
    };
    let tier = if key_of(&tag).contains("再々委託先") {
        "sub_subcontractor"
    } else {
        "subcontractor"
    };
    let name = name
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    (name, Some((tag.trim().to_string(), tier)))
}

/// Split the 選定方法 cell: the method is the first line, the reason the
/// rest as written (`一者選定\n理由：…`); a reason in brackets on the
/// method's own line (`一者選定（理由：…）`) is split off too.
fn split_method_reason(text: &str) -> (String, String) {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").trim();
    let rest = lines.collect::<Vec<_>>().join("\n").trim().to_string();
    static REASON: OnceLock<Option<Regex>> = OnceLock::new();
    if let Some(re) = regex(&REASON, r"\s*[（(]\s*((?:選定)?理由\s*[：:].*?)[）)]?\s*$")
        && let Some(c) = re.captures(first)
    {
        let at = c.get(0).map(|m| m.start()).unwrap_or(first.len());
        if at > 0 {
            let inline = c.get(1).map(|m| m.as_str().trim()).unwrap_or("");
            let reason = [inline, rest.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("\n");
            return (first.get(..at).unwrap_or(first).trim().to_string(), reason);
        }
    }
    (first.to_string(), rest)
}

/// The handler role a cell names.
fn role(text: &str) -> Option<&'static str> {
    let k = key_of(text);
    if k.contains("情報管理責任者") {
        Some("manager")
    } else if k.contains("情報取扱管理者") {
        Some("supervisor")
    } else if k.contains("業務従事者") {
        Some("worker")
    } else if k.contains("再委託先") {
        Some("subcontractor")
    } else {
        None
    }
}

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

/// The item number a first cell names (`情報セキュリティに関する事項\n２）`).
fn item_number(key: &str) -> Option<u32> {
    static NUM: OnceLock<Option<Regex>> = OnceLock::new();
    let re = regex(
        &NUM,
        r"^(?:情報セキュリティに関する事項)?(?:項目)?(\d{1,2})\)(?:情報セキュリティに関する事項)?$",
    )?;
    re.captures(key)?.get(1)?.as_str().parse().ok()
}

/// The number as written in a text (`２）`), for the number field.
fn number_as_written(text: &str, number: u32) -> Option<String> {
    static TOKEN: OnceLock<Option<Regex>> = OnceLock::new();
    let re = regex(&TOKEN, r"([0-9０-９]{1,2})\s*[)）]")?;
    re.captures_iter(text).find_map(|c| {
        let digits = c.get(1)?.as_str();
        (key_of(digits).parse::<u32>().ok()? == number)
            .then(|| c.get(0).map(|m| m.as_str().to_string()))?
    })
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
            .is_some_and(|d| super::filling::is_reference_to(&d.value, &l.annex))
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
    match super::filling::ticked_choice(t, &STATUS_WORDS) {
        super::filling::Ticked::One(word, rest) => {
            let written = t.get(..t.len() - rest.len()).unwrap_or(t).trim();
            return (written.to_string(), Some(word), detail_of(&rest));
        }
        super::filling::Ticked::Many(_) | super::filling::Ticked::NoneTicked => {
            return (
                t.lines().next().unwrap_or("").trim().to_string(),
                None,
                String::new(),
            );
        }
        super::filling::Ticked::NotChoice => {}
    }
    let norm = super::normalize::norm_key(t);
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
            && !super::filling::is_reference_to(ctx.text(i), &l.annex)
    })
}

/// Reasons given on a separate sheet (別葉), by item number: lines or
/// table rows opening with the item number.
fn annex_details(ctx: &Ctx<'_>, start: Option<usize>) -> BTreeMap<u32, (String, Location)> {
    let mut out: BTreeMap<u32, (String, Location)> = BTreeMap::new();
    let Some(start) = start else {
        return out;
    };
    static REF: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(re) = regex(
        &REF,
        r"^\s*(?:情報セキュリティに関する事項|項目)?\s*[(（]?\s*([0-9０-９]{1,2})\s*[)）]\s*[:：、．.]?\s*(?:について|の理由)?\s*[:：、]?",
    ) else {
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
        if let Some(c) = re.captures(text).filter(|_| !opened_empty) {
            let number = c
                .get(1)
                .and_then(|m| key_of(m.as_str()).parse::<u32>().ok());
            if let Some(number) = number {
                let rest = text
                    .get(c.get(0).map(|m| m.end()).unwrap_or(0)..)
                    .unwrap_or("")
                    .trim();
                let loc = ctx.value_loc(i);
                out.insert(number, (rest.trim().to_string(), loc));
                current = Some(number);
                continue;
            }
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
    fn tiers() {
        let (name, tier) = split_tier("【例】○○（株）\n[再委託先]");
        assert_eq!(name, "【例】○○（株）");
        assert_eq!(tier, Some(("[再委託先]".to_string(), "subcontractor")));
        assert_eq!(
            split_tier("△△（株）［再々委託先］").1.map(|t| t.1),
            Some("sub_subcontractor")
        );
        assert_eq!(split_tier("Ａ社").1, None);
    }

    #[test]
    fn method_and_reason() {
        let (m, r) =
            split_method_reason("一者選定\n理由：〇〇（株）については、唯一の事業者であるため等。");
        assert_eq!(m, "一者選定");
        assert_eq!(r, "理由：〇〇（株）については、唯一の事業者であるため等。");
        assert_eq!(
            split_method_reason("相見積もり"),
            ("相見積もり".into(), String::new())
        );
        assert_eq!(
            split_method_reason("一者選定（理由：技術を持つ唯一の者）"),
            ("一者選定".into(), "理由：技術を持つ唯一の者".into())
        );
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
