//! The output of `yoshiki extract`: the SPEC's JSON shape
//! (`{"schema_version":1,"files":[{"path","format","forms":[…]}]}`, its
//! JSON Schema in `schemas/extract.schema.json`) and a readable text form.

use super::definition::place_of;
use super::{ExtractedForm, FieldValue};
use crate::base::Lang;
use crate::error::ReadError;
use serde_json::{Map, Value, json};
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

fn field_json(v: &FieldValue) -> Value {
    let mut m = Map::new();
    m.insert("value".into(), Value::String(v.value.clone()));
    if let Some(n) = &v.normalized {
        m.insert("normalized".into(), n.clone());
    }
    m.insert(
        "location".into(),
        serde_json::to_value(&v.location).unwrap_or(Value::Null),
    );
    if let Some(u) = &v.unnormalized {
        m.insert("unnormalized".into(), Value::String(u.clone()));
    }
    Value::Object(m)
}

fn form_json(f: &ExtractedForm) -> Value {
    let fields: Map<String, Value> = f
        .fields
        .iter()
        .map(|(k, v)| (k.clone(), field_json(v)))
        .collect();
    json!({
        "form": f.form,
        "template_version": f.template_version,
        "similarity": f.similarity,
        "start": f.start,
        "end": f.end,
        "fields": fields,
    })
}

/// The SPEC's JSON document for a run of `extract`.
pub fn to_json(files: &[FileResult]) -> Value {
    let files: Vec<Value> = files
        .iter()
        .map(|r| {
            let mut m = Map::new();
            m.insert("path".into(), Value::String(r.path.clone()));
            m.insert("format".into(), Value::String(r.format.clone()));
            match &r.outcome {
                Ok(forms) => {
                    m.insert("forms".into(), Value::Array(forms.iter().map(form_json).collect()));
                }
                Err(e) => {
                    m.insert("forms".into(), Value::Array(Vec::new()));
                    m.insert(
                        "error".into(),
                        json!({"code": e.code(), "message": e.message_ja(), "detail": e.to_string()}),
                    );
                }
            }
            Value::Object(m)
        })
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
