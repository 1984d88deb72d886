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
use serde_json::{Value, json};

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

/// One finding as JSON (the value of what [`write`] streams for it).
pub fn diagnostic_json(d: &Diagnostic, lang: Lang, show_personal: bool) -> Value {
    serde_json::to_value(DiagOut(d, lang, show_personal)).unwrap_or_else(|_| json!({}))
}

/// One file of the report as JSON (the value of what [`write`] streams).
fn file_json(f: &super::check_report::FileReport, lang: Lang, show_personal: bool) -> Value {
    serde_json::to_value(FileOut(f, lang, show_personal)).unwrap_or_else(|_| json!({}))
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
    super::pretty::write_nested(&mut out, &Whole(report, lang, show_personal), 0)
        .map_err(std::io::Error::other)?;
    std::io::Write::flush(&mut out)
}

/// One file of [`write`], serialised as it is walked, keys in sorted order
/// (the order of a `serde_json::Value` map, so that [`render`] gives the
/// same text): no `Value` tree per finding (the tree was a third of the
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

/// One finding, keys in sorted order.
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

/// A location's fields in sorted order, absent ones left out; `{}` for none
/// (the test `location_out_is_the_derived_json` keeps it to `Location`'s
/// own serialisation).
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

#[cfg(test)]
mod tests {
    use super::LocationOut;
    use crate::model::Location;

    #[test]
    fn location_out_is_the_derived_json() {
        let full = Location {
            part: Some("word/document.xml".into()),
            paragraph: Some(1),
            table: Some(2),
            row: Some(3),
            col: Some(4),
            sheet: Some("Sheet1".into()),
            cell: Some("B2".into()),
            page: Some(5),
            line: Some(6),
            column: Some(7),
        };
        for loc in [full, Location::default(), Location::in_part("p")] {
            let derived = serde_json::to_string(&serde_json::to_value(&loc).unwrap()).unwrap();
            let streamed = serde_json::to_string(&LocationOut(Some(&loc))).unwrap();
            assert_eq!(streamed, derived);
        }
        assert_eq!(serde_json::to_string(&LocationOut(None)).unwrap(), "{}");
    }
}
