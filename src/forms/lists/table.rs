//! Data rows of a table under its header row (再委託先, 情報取扱者).

use super::bracketed::{bracketed_reason, last_tier_tag};
use super::{Got, section, tables_in};
use crate::forms::FieldValue;
use crate::forms::definition::Normalize;
use crate::forms::definition::{ColumnDef, ColumnParse, ListDef, def_key};
use crate::forms::extract::{Ctx, normalize_value};
use crate::forms::layout::a1;
use crate::forms::matching::match_label;
use crate::forms::normalize::{AmountUnit, key_of};
use crate::model::Location;
use serde_json::Value;
use std::collections::BTreeMap;

/// Where a column sits: grid columns for Word/Excel, positions for
/// rebuilt text rows.
#[derive(Debug, Clone)]
struct HeaderMap {
    table: usize,
    row: u32,
    rebuilt: bool,
    /// (column def index, grid col or position)
    cols: Vec<(usize, u32)>,
    /// The grid columns each header cell spans (parallel to `cols`): a
    /// column of printed options has a cell per option under it.
    spans: Vec<u32>,
    /// Grid col / position of the first headed column.
    first: u32,
    /// Number of cells in the header row (rebuilt rows).
    width: u32,
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
        let mut spans: Vec<u32> = Vec::new();
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
                spans.push(cell.col_span.max(1));
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
                spans,
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
        for (k, &(d, col)) in h.cols.iter().enumerate() {
            let options = &l.columns[d].options;
            if !options.is_empty() {
                let span = h.spans.get(k).copied().unwrap_or(1);
                out[d] = marked_option(ctx, h.table, row, col..col + span, options)
                    .or_else(|| blank_at(col));
                continue;
            }
            let span = h.spans.get(k).copied().unwrap_or(1);
            out[d] = match spread(layout, h.table, row, col..col + span) {
                // The unit printed in every row (「円」) alone is blank.
                Some(mut g) => {
                    if l.columns[d]
                        .blank_if
                        .iter()
                        .any(|b| key_of(b) == key_of(&g.text))
                    {
                        g.text.clear();
                    }
                    Some(g)
                }
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

/// A column of printed options in one row (「有」「無」 a cell each under
/// 提出確認欄, or 「□有　□無」 in one cell): the cell of the option marked,
/// its text as written (「○有」); blank, at the first option's cell, when
/// none is marked. None when the row prints none of the options.
pub(super) fn marked_option(
    ctx: &Ctx<'_>,
    table: usize,
    row: u32,
    cols: std::ops::Range<u32>,
    options: &[String],
) -> Option<Got> {
    let layout = ctx.layout;
    let opts: Vec<&str> = options.iter().map(String::as_str).collect();
    let start = cols.start;
    let mut cells: Vec<usize> = Vec::new();
    for col in cols {
        if let Some(c) = layout.cell_at(table, row, col)
            && !cells.contains(&c)
        {
            cells.push(c);
        }
    }
    let mut with_option: Vec<Got> = Vec::new();
    for &c in &cells {
        let g = Got::cell(layout, c);
        if opts.iter().any(|o| g.text.contains(o)) {
            with_option.push(g);
            continue;
        }
        // A mark typed over an option's own cell (「○」 where 「有」 was
        // printed): the option printed there, the options a cell each in
        // order.
        let at = layout
            .cells
            .get(c)
            .map_or(0, |x| x.col.saturating_sub(start)) as usize;
        if opts.len() > 1
            && is_mark(&g.text)
            && let Some(o) = opts.get(at)
        {
            with_option.push(Got {
                text: format!("{}{o}", g.text.trim()),
                ..g
            });
        }
    }
    let first = with_option.first()?.clone();
    // The options that do not apply struck out (a cell each, only one left
    // as printed): the one left is chosen.
    let left = cells
        .iter()
        .filter(|&&c| !layout.cell_text(c).trim().is_empty())
        .filter_map(|&c| layout.cells.get(c))
        .filter(|x| (x.col.saturating_sub(start) as usize) < opts.len())
        .count();
    if let [only] = with_option.as_slice()
        && opts.len() > 1
        && left < opts.len()
        && opts.iter().any(|o| key_of(o) == key_of(&only.text))
    {
        return Some(only.clone());
    }
    // One cell per option: the cells read together as one printed choice.
    let joined: String = with_option
        .iter()
        .map(|g| g.text.as_str())
        .collect::<Vec<_>>()
        .join("・");
    match crate::forms::filling::ticked_choice(&joined, &opts) {
        crate::forms::filling::Ticked::One(o, _) => {
            let at = with_option
                .iter()
                .find(|g| key_of(&g.text) != key_of(o) && g.text.contains(o))
                .unwrap_or(&first);
            Some(Got {
                text: at.text.clone(),
                loc: at.loc.clone(),
                cell: at.cell,
            })
        }
        crate::forms::filling::Ticked::Many(_) => Some(Got {
            text: joined,
            loc: first.loc,
            cell: first.cell,
        }),
        _ => Some(Got {
            text: String::new(),
            loc: first.loc,
            cell: first.cell,
        }),
    }
}

/// The cells of a row under one header (a date typed into boxes before
/// 年, 月, 日 under 生年月日): their texts joined, at the first cell.
/// None when the row has no cell there.
fn spread(
    layout: &crate::forms::layout::Layout,
    table: usize,
    row: u32,
    cols: std::ops::Range<u32>,
) -> Option<Got> {
    let mut cells: Vec<usize> = Vec::new();
    for col in cols {
        if let Some(c) = layout.cell_at(table, row, col)
            && !cells.contains(&c)
        {
            cells.push(c);
        }
    }
    let first = Got::cell(layout, *cells.first()?);
    if cells.len() == 1 {
        return Some(first);
    }
    let text: String = cells.iter().map(|&c| Got::cell(layout, c).text).collect();
    Some(Got {
        text,
        loc: first.loc,
        cell: first.cell,
    })
}

/// A cell holding only a tick mark (○, ■, ✓).
fn is_mark(text: &str) -> bool {
    let ticked = &crate::forms::filling::vocabulary().choice.ticked;
    let t = text.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| ticked.iter().any(|m| m.chars().eq(std::iter::once(c))))
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
        let data_from = h.row + l.header_rows_below;
        for row in ctx
            .layout
            .rows(table)
            .into_iter()
            .filter(|&r| r > data_from)
        {
            if row_start(ctx, &ctx.layout.row_cells(table, row)) >= to {
                break;
            }
            // A list of printed rows ends with its last printed row.
            if l.printed_rows && !l.row_labels.is_empty() && n >= l.row_labels.len() {
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
            let printed = l.printed_rows && vals.iter().flatten().any(|g| g.cell.is_some());
            if !printed && !is_entry(ctx, l, &vals) {
                continue;
            }
            emit_row(ctx, l, n, &vals, out);
            n += 1;
        }
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

pub(super) fn emit_row(
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
                let mut fv = FieldValue::new(text, g.loc.clone());
                fv.normalized = chosen(col, text).map(|o| Value::String(o.to_string()));
                out.push((f, fv));
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

/// The option a marked cell of an options column chose (「○有」 → 有).
fn chosen<'a>(col: &'a ColumnDef, text: &str) -> Option<&'a str> {
    if col.options.is_empty() || text.is_empty() {
        return None;
    }
    let opts: Vec<&str> = col.options.iter().map(String::as_str).collect();
    if let crate::forms::filling::Ticked::One(o, _) =
        crate::forms::filling::ticked_choice(text, &opts)
    {
        return Some(o);
    }
    // A cell of its own per option: the mark before the one word, or the
    // one word left when the others were struck out.
    let k = key_of(text);
    col.options
        .iter()
        .map(String::as_str)
        .find(|o| k.ends_with(&key_of(o)))
}

/// Split `名称\n[再委託先]` into the name and (tag as written, tier).
fn split_tier(text: &str) -> (String, Option<(String, &'static str)>) {
    let found = last_tier_tag(text);
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
    if let Some((at, inline)) = bracketed_reason(first)
        && at > 0
    {
        let reason = [inline.trim(), rest.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        return (first.get(..at).unwrap_or(first).trim().to_string(), reason);
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
}
