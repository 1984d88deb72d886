//! The arithmetic a definition declares (`[[relation]]`): sums, rates with
//! their rounding, caps. Evaluated for every form whose definition has
//! relations, each finding under the relation's own code (SUM001 for
//! learned sums), its message naming the fields by their places.

use super::declared::{def_of, unit_of};
use super::field_util::{Amount, Unit, amount, diag, en_amount, ja_amount};
use crate::config::Config;
use crate::forms::ExtractedForm;
use crate::forms::definition::{FieldDef, FormDef};
use crate::forms::rule_keys::{RelationDef, RelationKind, parse_rate};
use crate::model::finding::{Diagnostic, Text};

/// The findings of every declared relation of `form` whose code is `code`.
pub fn check(form: &ExtractedForm, config: &Config, code: &str, out: &mut Vec<Diagnostic>) {
    let Some(def) = def_of(form) else { return };
    for rel in def.relations.iter().filter(|r| r.code == code) {
        let found = match rel.kind {
            RelationKind::Sum => sum(form, def, rel),
            RelationKind::Rate => rate(form, def, rel, config),
            RelationKind::Cap => cap(form, def, rel, config),
            RelationKind::RateCap => rate_cap(form, def, rel, config),
        };
        if let Some(d) = found {
            out.push(d);
        }
    }
}

fn field<'d>(def: &'d FormDef, path: &str) -> Option<&'d FieldDef> {
    def.fields.iter().find(|f| f.path == path)
}

/// A field's amount in yen and the unit it is written in.
fn value(form: &ExtractedForm, def: &FormDef, path: &str) -> (Amount, Unit) {
    let unit = field(def, path).map_or(Unit::Yen, |f| unit_of(form, f));
    (amount(form, path, unit), unit)
}

fn place(def: &FormDef, path: &str) -> (String, String) {
    match field(def, path) {
        Some(f) => (
            f.place.clone(),
            if f.place_en.is_empty() {
                f.place.clone()
            } else {
                f.place_en.clone()
            },
        ),
        None => (path.to_string(), path.to_string()),
    }
}

/// `total = Σ terms` (a term `-path` subtracted).
fn sum(form: &ExtractedForm, def: &FormDef, rel: &RelationDef) -> Option<Diagnostic> {
    let total_path = rel.total.as_deref()?;
    let (total, unit) = value(form, def, total_path);
    let mut acc = 0i64;
    let mut any = false;
    // A deduction not written yet is not a zero while the result is blank
    // too (「５．手取り（３－４）」 with ４ and ５ both still to fill): the
    // sum is left to the applicant, not claimed.
    let mut blank_deduction = false;
    let mut names = (Vec::new(), Vec::new());
    for term in &rel.terms {
        let (sign, path) = match term.strip_prefix('-') {
            Some(p) => (-1, p),
            None => (1, term.as_str()),
        };
        let (a, (ja, en)) = match path.split_once("[].") {
            Some((list, col)) => (
                column_sum(form, list, col, unit)?,
                column_place(def, list, col),
            ),
            None => (value(form, def, path).0, place(def, path)),
        };
        // An unreadable term is FMT004's; the sum is not guessed.
        let v = a.or_zero()?;
        any |= matches!(a, Amount::Value(_));
        blank_deduction |= sign < 0 && !matches!(a, Amount::Value(_));
        acc += sign * v;
        names.0.push(if sign < 0 { format!("－{ja}") } else { ja });
        names.1.push(if sign < 0 { format!("-{en}") } else { en });
    }
    if !any {
        return None;
    }
    let (tja, ten) = place(def, total_path);
    let terms_ja = names.0.join("＋").replace("＋－", "－");
    let terms_en = names.1.join(" + ").replace("+ -", "- ");
    let message = match total {
        Amount::Bad(_) => return None,
        Amount::Value(t) => {
            if (t - acc).abs() <= rel.tolerance * unit.yen() {
                return None;
            }
            Text::new(
                format!(
                    "「{tja}」は {} ですが、{terms_ja} の合計は {} です。",
                    ja_amount(t, unit),
                    ja_amount(acc, unit)
                ),
                format!(
                    "{ten} is {} but {terms_en} add up to {}.",
                    en_amount(t, unit),
                    en_amount(acc, unit)
                ),
            )
        }
        Amount::Nil | Amount::Blank | Amount::Absent => {
            if acc == 0 || blank_deduction {
                return None;
            }
            Text::new(
                format!(
                    "「{tja}」が空欄ですが、{terms_ja} の合計は {} です。",
                    ja_amount(acc, unit)
                ),
                format!(
                    "{ten} is blank but {terms_en} add up to {}.",
                    en_amount(acc, unit)
                ),
            )
        }
    };
    Some(
        diag(code_of(rel), form, total_path, message).help(Text::new(
            format!(
                "「{tja}」を内訳の合計（{}）に合わせるか、内訳を見直してください。",
                ja_amount(acc, unit)
            ),
            format!(
                "Make {ten} equal to the sum of its items ({}), or correct the items.",
                en_amount(acc, unit)
            ),
        )),
    )
}

/// `list[].column`: the column's amounts added over the rows the form
/// uses, in the total's unit. None when one is unreadable (FMT004's).
fn column_sum(form: &ExtractedForm, list: &str, col: &str, unit: Unit) -> Option<Amount> {
    let prefix = format!("{list}[");
    let suffix = format!("].{col}");
    let mut acc = 0i64;
    let mut any = false;
    for (path, _) in form.fields_under(&prefix) {
        let Some(i) = path
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(&suffix))
        else {
            continue;
        };
        if i.parse::<usize>().is_err() {
            continue;
        }
        let a = amount(form, path, unit);
        any |= matches!(a, Amount::Value(_));
        acc += a.or_zero()?;
    }
    Some(if any {
        Amount::Value(acc)
    } else {
        Amount::Blank
    })
}

/// A list column as the template labels it, with the rows it spans
/// (「支払金額（各行）」).
fn column_place(def: &FormDef, list: &str, col: &str) -> (String, String) {
    let l = def.lists.iter().find(|l| l.path == list);
    let ja = l
        .and_then(|l| l.field_places.get(col))
        .cloned()
        .unwrap_or_else(|| col.to_string());
    let en = l
        .and_then(|l| l.field_places_en.get(col))
        .cloned()
        .unwrap_or_else(|| ja.clone());
    (format!("{ja}（各行）"), format!("{en} (all rows)"))
}

/// The rate of a relation: written, or a `[call]` key of the config.
fn rate_of(rel: &RelationDef, config: &Config) -> Option<f64> {
    if let Some(r) = rel.rate.as_deref() {
        return parse_rate(r);
    }
    match rel.rate_from.as_deref()? {
        "general_admin_rate" => Some(config.call.general_admin_rate),
        _ => None,
    }
}

fn base_sum(form: &ExtractedForm, def: &FormDef, base: &[String]) -> Option<(i64, bool)> {
    let mut acc = 0;
    let mut any = false;
    for p in base {
        let (a, _) = value(form, def, p);
        any |= matches!(a, Amount::Value(_));
        acc += a.or_zero()?;
    }
    Some((acc, any))
}

/// `result = base × rate`, rounded as declared.
fn rate(
    form: &ExtractedForm,
    def: &FormDef,
    rel: &RelationDef,
    config: &Config,
) -> Option<Diagnostic> {
    let result_path = rel.result.as_deref()?;
    let (result, unit) = value(form, def, result_path);
    let Amount::Value(written) = result else {
        return None;
    };
    let r = rate_of(rel, config)?;
    let (base, any) = base_sum(form, def, &rel.base)?;
    if !any {
        return None;
    }
    let expected = rel.rounding.apply(base as f64 * r);
    if (written - expected).abs() <= rel.tolerance * unit.yen() {
        return None;
    }
    let (rja, ren) = place(def, result_path);
    let bases: Vec<String> = rel.base.iter().map(|p| place(def, p).0).collect();
    let rate_text = rel
        .rate
        .clone()
        .unwrap_or_else(|| format!("{}%", r * 100.0));
    Some(
        diag(
            code_of(rel),
            form,
            result_path,
            Text::new(
                format!(
                    "「{rja}」は {} ですが、{} {} × {rate_text} は {} です。",
                    ja_amount(written, unit),
                    bases.join("＋"),
                    ja_amount(base, unit),
                    ja_amount(expected, unit)
                ),
                format!(
                    "{ren} is {} but {} × {rate_text} is {}.",
                    en_amount(written, unit),
                    en_amount(base, unit),
                    en_amount(expected, unit)
                ),
            ),
        )
        .help(Text::new(
            format!("「{rja}」を {} にしてください。", ja_amount(expected, unit)),
            format!("Write {} in {ren}.", en_amount(expected, unit)),
        )),
    )
}

/// `field ≤ cap`.
fn cap(
    form: &ExtractedForm,
    def: &FormDef,
    rel: &RelationDef,
    config: &Config,
) -> Option<Diagnostic> {
    let path = rel.field.as_deref()?;
    let limit = match rel.cap_from.as_deref() {
        Some("budget_cap") => config.call.budget_cap?,
        Some(_) => return None,
        None => rel.cap?,
    };
    over(form, def, rel, path, limit)
}

/// `field ≤ rate × Σ base`.
fn rate_cap(
    form: &ExtractedForm,
    def: &FormDef,
    rel: &RelationDef,
    config: &Config,
) -> Option<Diagnostic> {
    let path = rel.field.as_deref()?;
    let r = rate_of(rel, config)?;
    let (base, _) = base_sum(form, def, &rel.base)?;
    over(form, def, rel, path, rel.rounding.apply(base as f64 * r))
}

fn over(
    form: &ExtractedForm,
    def: &FormDef,
    rel: &RelationDef,
    path: &str,
    limit: i64,
) -> Option<Diagnostic> {
    let (a, unit) = value(form, def, path);
    let Amount::Value(v) = a else { return None };
    if v <= limit {
        return None;
    }
    let (pja, pen) = place(def, path);
    Some(
        diag(
            code_of(rel),
            form,
            path,
            Text::new(
                format!(
                    "「{pja}」{} が上限 {} を超えています。",
                    ja_amount(v, unit),
                    ja_amount(limit, unit)
                ),
                format!(
                    "{pen} {} exceeds the limit of {}.",
                    en_amount(v, unit),
                    en_amount(limit, unit)
                ),
            ),
        )
        .help(Text::new(
            format!(
                "「{pja}」を {} 以下にしてください。",
                ja_amount(limit, unit)
            ),
            format!("Keep {pen} at or below {}.", en_amount(limit, unit)),
        )),
    )
}

/// The relation's code as the diagnostics carry it (a known SUM code; the
/// loader refuses others).
fn code_of(rel: &RelationDef) -> &'static str {
    crate::rules::all()
        .iter()
        .map(|m| m.code)
        .find(|c| *c == rel.code)
        .unwrap_or("SUM001")
}
