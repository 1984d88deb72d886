//! The output of `yoshiki extract`: the SPEC's JSON shape
//! (`{"schema_version":1,"files":[{"path","format","forms":[…]}]}`, its
//! JSON Schema in `schemas/extract.schema.json`) and a readable text form.

use super::definition::place_of;
use super::{ExtractedForm, FieldValue};
use crate::base::Lang;
use crate::error::ReadError;
use crate::model::Location;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The JSON Schema of [`to_json`]'s output.
pub const SCHEMA: &str = include_str!("../../schemas/extract.schema.json");

/// What extraction made of one file.
#[derive(Debug)]
pub struct FileResult {
    pub path: String,
    /// `docx`, `xlsx`, `txt`, … (the file's extension when it could not be
    /// read).
    pub format: String,
    pub outcome: Result<Vec<ExtractedForm>, ReadError>,
}

/// One file of the JSON output, serialised straight to text (building a
/// `serde_json::Value` tree first, then dropping it, was a tenth of
/// `extract`'s instructions). Keys are written in sorted order, as the
/// `Value` maps of [`to_json`] have always written them, so the bytes are
/// the same (tests/it/extract_json.rs compares the two).
pub struct FileJson<'a>(pub &'a FileResult);

struct FormJson<'a>(&'a ExtractedForm);
struct FieldJson<'a>(&'a FieldValue);
struct FieldsJson<'a>(&'a BTreeMap<String, FieldValue>);
/// A [`Location`] with its keys sorted (its struct order is not).
struct LocationJson<'a>(&'a Location);
struct ErrorJson<'a>(&'a ReadError);

impl Serialize for FileJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(None)?;
        match &r.outcome {
            Ok(forms) => {
                m.serialize_entry("format", &r.format)?;
                let forms: Vec<FormJson<'_>> = forms.iter().map(FormJson).collect();
                m.serialize_entry("forms", &forms)?;
            }
            Err(e) => {
                m.serialize_entry("error", &ErrorJson(e))?;
                m.serialize_entry("format", &r.format)?;
                m.serialize_entry("forms", &[(); 0])?;
            }
        }
        m.serialize_entry("path", &r.path)?;
        m.end()
    }
}

impl Serialize for ErrorJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("code", self.0.code())?;
        m.serialize_entry("detail", &self.0.to_string())?;
        m.serialize_entry("message", &self.0.message_ja())?;
        m.end()
    }
}

impl Serialize for FormJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("end", &LocationJson(&f.end))?;
        m.serialize_entry("fields", &FieldsJson(&f.fields))?;
        m.serialize_entry("form", &f.form)?;
        // A `Value` holds no NaN or infinity: it wrote null for them.
        m.serialize_entry("similarity", &Some(f.similarity).filter(|x| x.is_finite()))?;
        m.serialize_entry("start", &LocationJson(&f.start))?;
        m.serialize_entry("template_version", &f.template_version)?;
        m.end()
    }
}

impl Serialize for FieldsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, &FieldJson(v))?;
        }
        m.end()
    }
}

impl Serialize for FieldJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("location", &LocationJson(&v.location))?;
        if let Some(n) = &v.normalized {
            m.serialize_entry("normalized", n)?;
        }
        if let Some(u) = &v.unnormalized {
            m.serialize_entry("unnormalized", u)?;
        }
        m.serialize_entry("value", &v.value)?;
        m.end()
    }
}

impl Serialize for LocationJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let l = self.0;
        let mut m = s.serialize_map(None)?;
        let numbers = |m: &mut S::SerializeMap, key: &str, n: Option<u32>| match n {
            Some(n) => m.serialize_entry(key, &n),
            None => Ok(()),
        };
        if let Some(c) = &l.cell {
            m.serialize_entry("cell", c)?;
        }
        numbers(&mut m, "col", l.col)?;
        numbers(&mut m, "column", l.column)?;
        numbers(&mut m, "line", l.line)?;
        numbers(&mut m, "page", l.page)?;
        numbers(&mut m, "paragraph", l.paragraph)?;
        if let Some(p) = &l.part {
            m.serialize_entry("part", p)?;
        }
        numbers(&mut m, "row", l.row)?;
        if let Some(sh) = &l.sheet {
            m.serialize_entry("sheet", sh)?;
        }
        numbers(&mut m, "table", l.table)?;
        m.end()
    }
}

/// The SPEC's JSON document for a run of `extract`.
pub fn to_json(files: &[FileResult]) -> Value {
    let files: Vec<Value> = files
        .iter()
        .map(|r| serde_json::to_value(FileJson(r)).unwrap_or(Value::Null))
        .collect();
    json!({"schema_version": 1, "files": files})
}

/// A sort key that puts `items[2]` before `items[10]`.
fn natural_key(path: &str) -> Vec<(String, u64)> {
    path.split(['[', ']'])
        .map(|part| match part.parse::<u64>() {
            Ok(n) => (String::new(), n),
            Err(_) => (part.to_string(), 0),
        })
        .collect()
}

/// One line of a value for the text rendering.
fn shorten(value: &str, max: usize) -> String {
    let one = value.replace('\n', " / ");
    if one.chars().count() <= max {
        one
    } else {
        format!("{}…", one.chars().take(max).collect::<String>())
    }
}

/// The readable rendering: each form with its fields, where each is, and
/// what could not be read as a number or date.
pub fn to_text(files: &[FileResult], lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut out = String::new();
    for r in files {
        let _ = writeln!(out, "# {} ({})", r.path, r.format);
        let forms = match &r.outcome {
            Ok(forms) => forms,
            Err(e) => {
                let msg = if ja { e.message_ja() } else { e.to_string() };
                let _ = writeln!(out, "  [{}] {msg}\n", e.code());
                continue;
            }
        };
        if forms.is_empty() {
            let _ = writeln!(
                out,
                "  {}\n",
                if ja {
                    "既知の様式は見つかりませんでした。"
                } else {
                    "No known form found."
                }
            );
            continue;
        }
        for f in forms {
            let name = super::definition::form_name(&f.form);
            let _ = writeln!(
                out,
                "## {} [{} {}] {} {:.2}  ({} – {})",
                name.get(lang),
                f.form,
                f.template_version,
                if ja { "類似度" } else { "similarity" },
                f.similarity,
                f.start.describe(),
                f.end.describe()
            );
            let mut fields: Vec<(&String, &FieldValue)> = f.fields.iter().collect();
            fields.sort_by_cached_key(|(path, _)| natural_key(path));
            for (path, v) in fields {
                let place = place_of(&f.form, path);
                let place = place.get(lang);
                let place = place.strip_prefix(name.get(lang)).unwrap_or(place).trim();
                let value = if v.value.is_empty() {
                    if ja {
                        "（空欄）".to_string()
                    } else {
                        "(blank)".to_string()
                    }
                } else {
                    shorten(&v.value, 60)
                };
                let _ = write!(out, "  {path:<34} {value}  @ {}", v.location.describe());
                if let Some(n) = &v.normalized
                    && !matches!(n, Value::String(s) if s == &v.value)
                {
                    let _ = write!(out, "  → {n}");
                }
                if let Some(u) = &v.unnormalized {
                    let _ = write!(out, "  ⚠ {u}");
                }
                let _ = writeln!(out, "  〔{place}〕");
            }
            out.push('\n');
        }
    }
    out
}
