//! `check --format json`: the stable JSON of the SPEC.
//!
//! ```json
//! {"schema_version": 1, "tool": {"name": "yoshiki", "version": "0.1.0"},
//!  "as_of": "2026-11-21",
//!  "files": [{"path", "format", "forms": [{"form", "template_version"}],
//!             "diagnostics": [{"code", "severity", "message", "form"?, "field"?,
//!                              "location", "excerpt"?, "fix"?, "related"?}]}],
//!  "summary": {"files", "errors", "warnings", "infos"}}
//! ```
//!
//! Added beyond the SPEC (additive): `help`, `place` (the place as a person
//! names it), `fix.original` (the exact text a fix replaces),
//! `excerpt_highlight` (byte range of the excerpt to mark) and `detail`
//! (the technical cause of an unreadable file, in the library's words).

use super::check_report::CheckReport;
use super::human::shown_excerpt;
use super::{Applicability, Diagnostic, Lang};
use serde_json::{Map, Value, json};

/// The version of this JSON shape.
pub const SCHEMA_VERSION: u32 = 1;

/// The JSON name of an applicability.
pub fn applicability(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
        Applicability::Display => "display",
    }
}

/// One finding as JSON.
pub fn diagnostic_json(d: &Diagnostic, lang: Lang, show_personal: bool) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), json!(d.code));
    m.insert("severity".into(), json!(d.severity.as_str()));
    m.insert("message".into(), json!(d.message.get(lang)));
    if let Some(help) = &d.help {
        m.insert("help".into(), json!(help.get(lang)));
    }
    if let Some(form) = &d.form {
        m.insert("form".into(), json!(form));
    }
    if let Some(field) = &d.field {
        m.insert("field".into(), json!(field));
    }
    if let Some(place) = &d.place {
        m.insert("place".into(), json!(place.get(lang)));
    }
    let location = d
        .location
        .as_ref()
        .and_then(|l| serde_json::to_value(l).ok())
        .unwrap_or_else(|| json!({}));
    m.insert("location".into(), location);
    if d.origin == super::Origin::Template {
        m.insert("origin".into(), json!("template"));
    }
    if let Some((text, highlight)) = shown_excerpt(d, show_personal) {
        m.insert("excerpt".into(), json!(text));
        if let Some((s, e)) = highlight {
            m.insert("excerpt_highlight".into(), json!([s, e]));
        }
    }
    if let Some(fix) = &d.fix {
        let mut f = Map::new();
        f.insert("replacement".into(), json!(fix.replacement));
        f.insert(
            "applicability".into(),
            json!(applicability(fix.applicability)),
        );
        if !d.personal || show_personal {
            f.insert("original".into(), json!(fix.original));
        }
        m.insert("fix".into(), Value::Object(f));
    }
    if let Some(related) = &d.related {
        m.insert("related".into(), json!(related));
    }
    if let Some(detail) = &d.detail {
        m.insert("detail".into(), json!(detail));
    }
    Value::Object(m)
}

/// One file of the report as JSON.
fn file_json(f: &super::check_report::FileReport, lang: Lang, show_personal: bool) -> Value {
    let mut v = json!({
        "path": f.path,
        "format": f.format,
        "forms": f.forms,
        "diagnostics": f.diagnostics.iter().map(|d| diagnostic_json(d, lang, show_personal)).collect::<Vec<_>>(),
    });
    // A path that is not UTF-8: its exact bytes beside the display form.
    if let (Some(bytes), Value::Object(m)) = (&f.path_bytes, &mut v) {
        m.insert("path_bytes".into(), json!(bytes));
    }
    v
}

/// The whole report as JSON.
pub fn report_json(report: &CheckReport, lang: Lang, show_personal: bool) -> Value {
    let files: Vec<Value> = report
        .files
        .iter()
        .map(|f| file_json(f, lang, show_personal))
        .collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "yoshiki", "version": env!("CARGO_PKG_VERSION")},
        "as_of": report.as_of.format("%Y-%m-%d").to_string(),
        "files": files,
        "summary": report.summary,
    })
}

/// The report as pretty-printed JSON text.
pub fn render(report: &CheckReport, lang: Lang, show_personal: bool) -> String {
    let value = report_json(report, lang, show_personal);
    serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into())
}

/// Write the same text as [`render`] (without the final newline) to `out`,
/// one file at a time: a batch of thousands of files never holds the whole
/// JSON tree or text in memory.
pub fn write(
    report: &CheckReport,
    lang: Lang,
    show_personal: bool,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    use serde::ser::{SerializeMap, SerializeSeq};

    struct Files<'a>(&'a CheckReport, Lang, bool);
    impl serde::Serialize for Files<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(self.0.files.len()))?;
            for f in &self.0.files {
                seq.serialize_element(&FileOut(f, self.1, self.2))?;
            }
            seq.end()
        }
    }
    struct Whole<'a>(&'a CheckReport, Lang, bool);
    impl serde::Serialize for Whole<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            // Keys in the order `render` prints them (sorted, as serde_json's map).
            let mut m = s.serialize_map(Some(5))?;
            m.serialize_entry("as_of", &self.0.as_of.format("%Y-%m-%d").to_string())?;
            m.serialize_entry("files", &Files(self.0, self.1, self.2))?;
            m.serialize_entry("schema_version", &SCHEMA_VERSION)?;
            m.serialize_entry("summary", &json!(self.0.summary))?;
            m.serialize_entry(
                "tool",
                &json!({"name": "yoshiki", "version": env!("CARGO_PKG_VERSION")}),
            )?;
            m.end()
        }
    }
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &Whole(report, lang, show_personal))
        .map_err(std::io::Error::other)?;
    std::io::Write::flush(&mut out)
}

/// One file of [`write`], serialised as it is walked: the same keys, in
/// the same (sorted) order and with the same values as [`file_json`], but
/// without building a `Value` tree per finding (the tree was a third of the
/// parent's work in a batch).
struct FileOut<'a>(&'a super::check_report::FileReport, Lang, bool);

impl serde::Serialize for FileOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let FileOut(f, lang, personal) = *self;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("diagnostics", &DiagsOut(&f.diagnostics, lang, personal))?;
        m.serialize_entry("format", &f.format)?;
        m.serialize_entry("forms", &f.forms)?;
        m.serialize_entry("path", &f.path)?;
        if let Some(bytes) = &f.path_bytes {
            m.serialize_entry("path_bytes", bytes)?;
        }
        m.end()
    }
}

struct DiagsOut<'a>(&'a [Diagnostic], Lang, bool);

impl serde::Serialize for DiagsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|d| DiagOut(d, self.1, self.2)))
    }
}

/// One finding: the keys of [`diagnostic_json`] in its map's sorted order.
struct DiagOut<'a>(&'a Diagnostic, Lang, bool);

impl serde::Serialize for DiagOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let DiagOut(d, lang, show_personal) = *self;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", d.code)?;
        if let Some(detail) = &d.detail {
            m.serialize_entry("detail", detail)?;
        }
        if let Some((text, highlight)) = shown_excerpt(d, show_personal) {
            m.serialize_entry("excerpt", &text)?;
            if let Some((start, end)) = highlight {
                m.serialize_entry("excerpt_highlight", &[start, end])?;
            }
        }
        if let Some(field) = &d.field {
            m.serialize_entry("field", field)?;
        }
        if let Some(fix) = &d.fix {
            m.serialize_entry("fix", &FixOut(fix, !d.personal || show_personal))?;
        }
        if let Some(form) = &d.form {
            m.serialize_entry("form", form)?;
        }
        if let Some(help) = &d.help {
            m.serialize_entry("help", help.get(lang))?;
        }
        m.serialize_entry("location", &LocationOut(d.location.as_ref()))?;
        m.serialize_entry("message", d.message.get(lang))?;
        if d.origin == super::Origin::Template {
            m.serialize_entry("origin", "template")?;
        }
        if let Some(place) = &d.place {
            m.serialize_entry("place", place.get(lang))?;
        }
        if let Some(related) = &d.related {
            m.serialize_entry("related", related)?;
        }
        m.serialize_entry("severity", d.severity.as_str())?;
        m.end()
    }
}

struct FixOut<'a>(&'a super::Fix, bool);

impl serde::Serialize for FixOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("applicability", applicability(self.0.applicability))?;
        if self.1 {
            m.serialize_entry("original", &self.0.original)?;
        }
        m.serialize_entry("replacement", &self.0.replacement)?;
        m.end()
    }
}

/// A location's fields in sorted order, absent ones left out; `{}` for none.
struct LocationOut<'a>(Option<&'a crate::model::Location>);

impl serde::Serialize for LocationOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        if let Some(l) = self.0 {
            if let Some(v) = &l.cell {
                m.serialize_entry("cell", v)?;
            }
            let numbers = [
                ("col", l.col),
                ("column", l.column),
                ("line", l.line),
                ("page", l.page),
                ("paragraph", l.paragraph),
            ];
            for (key, value) in numbers {
                if let Some(v) = value {
                    m.serialize_entry(key, &v)?;
                }
            }
            if let Some(v) = &l.part {
                m.serialize_entry("part", v)?;
            }
            if let Some(v) = l.row {
                m.serialize_entry("row", &v)?;
            }
            if let Some(v) = &l.sheet {
                m.serialize_entry("sheet", v)?;
            }
            if let Some(v) = l.table {
                m.serialize_entry("table", &v)?;
            }
        }
        m.end()
    }
}
