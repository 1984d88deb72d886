//! The definition keys the rules read (schemas/forms/README.md, "What the
//! rules need"): what a field must hold, the arithmetic between fields, the
//! fixed wording of the template. Kept apart from the extraction keys of
//! `definition.rs`; every rule is a loop over these.

use serde::Deserialize;

/// `required = true` / `"if_found"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Required {
    #[default]
    No,
    Yes,
    /// Only when the field's own cell exists and is not the cell of another
    /// field already reported blank (a ふりがな sharing the 氏名 cell).
    IfFound,
}

impl<'de> Deserialize<'de> for Required {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bool(bool),
            Word(String),
        }
        match Raw::deserialize(d)? {
            Raw::Bool(true) => Ok(Required::Yes),
            Raw::Bool(false) => Ok(Required::No),
            Raw::Word(w) if w == "if_found" => Ok(Required::IfFound),
            Raw::Word(w) => Err(serde::de::Error::custom(format!(
                "required = \"{w}\": write true, false or \"if_found\""
            ))),
        }
    }
}

/// What a field holds, for the format rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Text,
    Name,
    Address,
    Date,
    Amount,
    Percent,
    Email,
    Phone,
    Postal,
    Status,
    Checkbox,
    Choice,
}

/// `[[relation]]`: arithmetic between fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationDef {
    /// The code that reports it (`SUM001` for learned sums).
    #[serde(default = "default_sum_code")]
    pub code: String,
    pub kind: RelationKind,
    /// sum: the field that must equal the terms.
    #[serde(default)]
    pub total: Option<String>,
    /// sum: the fields added (a leading `-` subtracts).
    #[serde(default)]
    pub terms: Vec<String>,
    /// rate: the field that must equal base × rate.
    #[serde(default)]
    pub result: Option<String>,
    /// rate / rate_cap: the fields summed as the base.
    #[serde(default)]
    pub base: Vec<String>,
    /// rate / rate_cap: `"10%"`, `"1/2"`, `"0.5"`.
    #[serde(default)]
    pub rate: Option<String>,
    /// rate / rate_cap: a `[call]` key of yoshiki.toml holding the rate.
    #[serde(default)]
    pub rate_from: Option<String>,
    #[serde(default)]
    pub rounding: Rounding,
    /// cap / rate_cap: the field that must not exceed.
    #[serde(default)]
    pub field: Option<String>,
    /// cap: the limit in yen, or a `[call]` key holding it.
    #[serde(default)]
    pub cap: Option<i64>,
    #[serde(default)]
    pub cap_from: Option<String>,
    /// Allowed difference, in the declared unit of the checked field.
    #[serde(default = "default_tolerance")]
    pub tolerance: i64,
}

fn default_sum_code() -> String {
    "SUM001".into()
}

fn default_tolerance() -> i64 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    Sum,
    Rate,
    Cap,
    RateCap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    #[default]
    Floor,
    Round,
    Ceil,
    /// 千円未満切捨て.
    #[serde(rename = "floor_1000")]
    Floor1000,
}

impl Rounding {
    /// `value` (yen, as a float) rounded as the form says.
    pub fn apply(self, value: f64) -> i64 {
        match self {
            Rounding::Floor => value.floor() as i64,
            Rounding::Round => value.round() as i64,
            Rounding::Ceil => value.ceil() as i64,
            Rounding::Floor1000 => ((value / 1000.0).floor() * 1000.0) as i64,
        }
    }
}

/// A rate written as `10%`, `1/2`, `0.5` (full-width digits allowed).
pub fn parse_rate(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '％' => '%',
            '／' => '/',
            '．' => '.',
            c => c,
        })
        .collect();
    if let Some(p) = t.strip_suffix('%') {
        return p.trim().parse::<f64>().ok().map(|v| v / 100.0);
    }
    if let Some((a, b)) = t.split_once('/') {
        let (a, b) = (a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?);
        return (b != 0.0).then(|| a / b);
    }
    t.parse().ok()
}

/// `[template]`: the wording the applicant must leave as it is.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateDef {
    /// Clauses, declarations, headings: TPL001 when altered or deleted.
    #[serde(default)]
    pub fixed: Vec<String>,
    /// Label rows, items and sections: TPL002 when deleted.
    #[serde(default)]
    pub rows: Vec<String>,
    /// Where a `fixed` text stands, as the template names it (the item
    /// heading a clause is printed under: 「２．解雇の事由及び手続」), by the
    /// text. Added (issue 19): TPL001 names the place with the form.
    #[serde(default)]
    pub places: std::collections::BTreeMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_rounding() {
        assert_eq!(parse_rate("10%"), Some(0.1));
        assert_eq!(parse_rate("１／２"), Some(0.5));
        assert_eq!(parse_rate("0.25"), Some(0.25));
        assert_eq!(parse_rate("1/0"), None);
        assert_eq!(Rounding::Floor1000.apply(1_234_567.0 * 0.5), 617_000);
        assert_eq!(Rounding::Round.apply(10.5), 11);
    }
}
