//! The value of a field once found: template text taken off, a dash or
//! 「なし」 told apart, and the normalised copy the schema asks for.

use super::FieldValue;
use super::definition::{FieldDef, Normalize, def_key};
use super::normalize::{
    AmountUnit, DateParse, NormText, key_of, norm_key, parse_amount, parse_date, parse_percent,
};
use crate::model::Location;
use serde_json::Value;

/// The text without one of the trailing `suffixes` (compared by key).
pub(crate) fn strip_suffix(text: &str, suffixes: &[String]) -> String {
    // Most fields name no suffix: no key to make then.
    if suffixes.is_empty() {
        return text.to_string();
    }
    let norm = norm_key(text);
    for s in suffixes {
        let sk = def_key(s);
        if !sk.is_empty() && norm.key.ends_with(&*sk) && norm.key != *sk {
            let keep = norm.char_len().saturating_sub(sk.chars().count());
            return text
                .get(..norm.raw_offset(keep))
                .unwrap_or(text)
                .trim()
                .to_string();
        }
    }
    text.to_string()
}

/// A note of the template under a label (`（※…）`, `※…`).
pub(crate) fn is_note(key: &str) -> bool {
    key.starts_with("(※") || key.starts_with('※') || key.starts_with("(注")
}

/// Remove template text (`strip`) and treat `blank_if` values as blank.
pub(crate) fn clean(raw: &str, f: &FieldDef) -> String {
    let mut value = raw.trim().to_string();
    // The value's key once, made again only after a phrase came off.
    let mut norm: Option<NormText> = None;
    for s in &f.strip {
        let pk = def_key(s);
        if pk.is_empty() {
            continue;
        }
        let n = norm.get_or_insert_with(|| norm_key(&value));
        if let Some(rest) = remove_key(&value, n, &pk) {
            value = rest;
            norm = None;
        }
    }
    let value = value.trim().to_string();
    // The key only serves `blank_if`, which most fields leave empty.
    if f.blank_if.is_empty() {
        return value;
    }
    let key = key_of(&value);
    if f.blank_if.iter().any(|b| def_key(b) == key.as_str()) {
        return String::new();
    }
    value
}

/// `text` without the first occurrence of the key `pk` in its key
/// `norm`; None when the key is not there.
fn remove_key(text: &str, norm: &NormText, pk: &str) -> Option<String> {
    let byte_pos = norm.key.find(pk)?;
    let start_char = norm.key[..byte_pos].chars().count();
    let end_char = start_char + pk.chars().count();
    let a = norm.raw_offset(start_char);
    let b = norm.raw_offset(end_char);
    Some(format!(
        "{}{}",
        text.get(..a).unwrap_or(""),
        text.get(b..).unwrap_or("")
    ))
}

/// Values meaning "nothing here" in a table cell (`＿`, `－`).
pub(crate) fn is_dash(value: &str) -> bool {
    let k = key_of(value);
    !k.is_empty()
        && k.chars()
            .all(|c| matches!(c, '_' | '-' | 'ー' | '―' | '‐' | '—' | '\u{2212}'))
}

/// Normalise a value the way its field asks.
pub(crate) fn normalize_value(
    kind: Normalize,
    value: &str,
    loc: Location,
    unit: AmountUnit,
) -> FieldValue {
    let mut fv = FieldValue::new(value, loc);
    if value.trim().is_empty() {
        return fv;
    }
    match kind {
        Normalize::Amount => match parse_amount(value, unit) {
            Ok(v) => fv.normalized = Some(Value::from(v)),
            Err(e) => fv.unnormalized = Some(e),
        },
        Normalize::Percent => {
            if !is_dash(value) {
                match parse_percent(value) {
                    Ok(v) => fv.normalized = Some(Value::from(v)),
                    Err(e) => fv.unnormalized = Some(e),
                }
            }
        }
        Normalize::Date => match parse_date(value) {
            Some(DateParse::Date(d)) => {
                fv.normalized = Some(Value::String(d.format("%Y-%m-%d").to_string()))
            }
            Some(DateParse::Incomplete) => {
                fv.unnormalized = Some("日付の年・月・日が記入されていません".into())
            }
            Some(DateParse::Impossible(why)) => fv.unnormalized = Some(why),
            None => fv.unnormalized = Some(format!("日付として読めません（「{}」）", value.trim())),
        },
        Normalize::BusinessType => match business_type(value) {
            Some(t) => fv.normalized = Some(Value::String(t.into())),
            None => {
                fv.unnormalized = Some(format!(
                    "事業類型は「Ⅰ」「Ⅱ」「Ⅲ」「－」のいずれかで記入してください（「{}」）",
                    value.trim()
                ))
            }
        },
        Normalize::None | Normalize::NameKana | Normalize::Certifications => {}
    }
    fv
}

/// 事業類型 as one of Ⅰ Ⅱ Ⅲ －.
pub fn business_type(value: &str) -> Option<&'static str> {
    let k = key_of(value);
    let k = k.trim_start_matches("類型").trim_end_matches("類型");
    match k {
        "i" | "1" => Some("Ⅰ"),
        "ii" | "2" => Some("Ⅱ"),
        "iii" | "3" => Some("Ⅲ"),
        _ if is_dash(k) => Some("－"),
        _ => None,
    }
}
