//! `check --format sarif`: SARIF 2.1.0 for code-scanning dashboards.
//!
//! `runs[0].tool.driver.rules` is the whole rule table (with each rule's
//! docs as help text); each result names its rule, level, message, the
//! file (`artifactLocation.uri`), a text region where one means something
//! (lines of text files), and a logical location naming the form, field or
//! cell (Word and Excel have no lines). The excerpt and the fix travel in
//! the result's `properties`.

use super::check_report::{CheckReport, FileReport};
use super::human::{place_text, shown_excerpt};
use super::{Diagnostic, Lang, Severity};
use serde_json::{Map, Value, json};

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: `/` kept, everything outside the
/// unreserved set percent-encoded (Japanese file names included).
pub fn path_to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn first_paragraph(doc: &str) -> String {
    doc.split("\n\n").next().unwrap_or("").replace('\n', " ")
}

fn rules_json(lang: Lang) -> Vec<Value> {
    crate::rules::all()
        .iter()
        .map(|m| {
            let doc = m.doc(lang);
            let title = m.title(lang);
            json!({
                "id": m.code,
                "name": m.title_en,
                "shortDescription": {"text": title},
                "fullDescription": {"text": first_paragraph(&doc)},
                "help": {"text": doc},
                "defaultConfiguration": {"level": level(m.default_severity)},
            })
        })
        .collect()
}

fn result_json(
    file: &FileReport,
    d: &Diagnostic,
    rule_index: Option<usize>,
    lang: Lang,
    show_personal: bool,
) -> Value {
    let mut physical = Map::new();
    physical.insert(
        "artifactLocation".into(),
        json!({"uri": path_to_uri(&file.path)}),
    );
    let excerpt = shown_excerpt(d, show_personal);
    if let Some(line) = d.location.as_ref().and_then(|l| l.line) {
        let mut region = Map::new();
        region.insert("startLine".into(), json!(line));
        if let Some(col) = d.location.as_ref().and_then(|l| l.column) {
            region.insert("startColumn".into(), json!(col));
        }
        if let Some((text, _)) = &excerpt {
            region.insert("snippet".into(), json!({"text": text}));
        }
        physical.insert("region".into(), Value::Object(region));
    }
    let mut location = Map::new();
    location.insert("physicalLocation".into(), Value::Object(physical));
    let place = place_text(d, lang);
    let qualified = match (&d.form, &d.field) {
        (Some(form), Some(field)) => Some(format!("{form}.{field}")),
        (Some(form), None) => Some(form.clone()),
        _ => d
            .location
            .as_ref()
            .map(|l| l.describe_in(lang))
            .filter(|s| !s.is_empty()),
    };
    if let Some(fq) = qualified {
        let kind = if d.field.is_some() {
            "property"
        } else {
            "element"
        };
        location.insert(
            "logicalLocations".into(),
            json!([{"name": place.clone().unwrap_or_else(|| fq.clone()), "fullyQualifiedName": fq, "kind": kind}]),
        );
    }
    let mut props = Map::new();
    if let Some(l) = &d.location
        && let Ok(v) = serde_json::to_value(l)
    {
        props.insert("location".into(), v);
    }
    if let Some((text, _)) = excerpt {
        props.insert("excerpt".into(), json!(text));
    }
    if let Some(fix) = &d.fix {
        props.insert(
            "fix".into(),
            json!({"replacement": fix.replacement, "applicability": super::json::applicability(fix.applicability)}),
        );
    }
    if let Some(related) = &d.related {
        props.insert("related".into(), json!(related));
    }
    let mut text = d.message.get(lang).to_string();
    if let Some(help) = &d.help {
        text.push(' ');
        text.push_str(help.get(lang));
    }
    let mut result = Map::new();
    result.insert("ruleId".into(), json!(d.code));
    if let Some(i) = rule_index {
        result.insert("ruleIndex".into(), json!(i));
    }
    result.insert("level".into(), json!(level(d.severity)));
    result.insert("message".into(), json!({"text": text}));
    result.insert("locations".into(), json!([Value::Object(location)]));
    if !props.is_empty() {
        result.insert("properties".into(), Value::Object(props));
    }
    Value::Object(result)
}

/// The report as a SARIF 2.1.0 log.
pub fn report_sarif(report: &CheckReport, lang: Lang, show_personal: bool) -> Value {
    let codes: Vec<&str> = crate::rules::all().iter().map(|m| m.code).collect();
    let codes = &codes;
    let results: Vec<Value> = report
        .files
        .iter()
        .flat_map(|f| {
            f.diagnostics.iter().map(move |d| {
                let index = codes.iter().position(|c| *c == d.code);
                result_json(f, d, index, lang, show_personal)
            })
        })
        .collect();
    let artifacts: Vec<Value> = report
        .files
        .iter()
        .map(|f| json!({"location": {"uri": path_to_uri(&f.path)}}))
        .collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "yoshiki",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules_json(lang),
            }},
            "invocations": [{
                "executionSuccessful": report.internal_errors.is_empty(),
                "properties": {"as_of": report.as_of.format("%Y-%m-%d").to_string()},
            }],
            "artifacts": artifacts,
            "results": results,
        }],
    })
}

pub fn render(report: &CheckReport, lang: Lang, show_personal: bool) -> String {
    serde_json::to_string_pretty(&report_sarif(report, lang, show_personal))
        .unwrap_or_else(|_| "{}".into())
}
