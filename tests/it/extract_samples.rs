//! Extraction of every bundled sample (docx, xlsx, txt; Word, openpyxl and
//! LibreOffice writers) gives exactly the manifest's forms, and field by
//! field its values, normalised values and locations.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use yoshiki::forms::extract_forms;
use yoshiki::{Limits, read_path};

fn manifest() -> Value {
    let text = std::fs::read_to_string("samples/manifest.json").expect("samples/manifest.json");
    serde_json::from_str(&text).expect("manifest is JSON")
}

/// Compare one sample; push every difference.
fn check_file(path: &str, want: &Value, problems: &mut Vec<String>) {
    let want_forms: Vec<(String, String)> = want["forms"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["form"].as_str().unwrap_or_default().to_string(),
                        f["template_version"]
                            .as_str()
                            .unwrap_or_default()
                            .to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let forms = match read_path(Path::new(path), &Limits::default()) {
        Ok(doc) => extract_forms(&doc),
        Err(e) => {
            if !want_forms.is_empty() {
                problems.push(format!(
                    "{path}: unreadable ({e}) but the manifest lists forms"
                ));
            }
            return;
        }
    };
    let got_forms: Vec<(String, String)> = forms
        .iter()
        .map(|f| (f.form.clone(), f.template_version.clone()))
        .collect();
    if got_forms != want_forms {
        problems.push(format!(
            "{path}: forms {got_forms:?}, expected {want_forms:?}"
        ));
        return;
    }
    let Some(want_fields) = want["fields"].as_object() else {
        return;
    };
    for (form_id, fields) in want_fields {
        let Some(form) = forms.iter().find(|f| &f.form == form_id) else {
            problems.push(format!("{path}: {form_id} not extracted"));
            continue;
        };
        let want_map: BTreeMap<&String, &Value> = fields
            .as_object()
            .map(|o| o.iter().collect())
            .unwrap_or_default();
        for (field, w) in &want_map {
            let Some(got) = form.fields.get(field.as_str()) else {
                problems.push(format!(
                    "{path}: {form_id}.{field} missing (expected {:?})",
                    w["value"]
                ));
                continue;
            };
            if Some(got.value.as_str()) != w["value"].as_str() {
                problems.push(format!(
                    "{path}: {form_id}.{field} value {:?}, expected {:?}",
                    got.value, w["value"]
                ));
            }
            let loc = serde_json::to_value(&got.location).unwrap_or(Value::Null);
            if loc != w["location"] {
                problems.push(format!(
                    "{path}: {form_id}.{field} location {loc}, expected {}",
                    w["location"]
                ));
            }
            if let Some(wn) = w.get("normalized") {
                let gn = got.normalized.clone().unwrap_or(Value::Null);
                let same = match (gn.as_f64(), wn.as_f64()) {
                    (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                    _ => &gn == wn,
                };
                if !same {
                    problems.push(format!(
                        "{path}: {form_id}.{field} normalized {gn}, expected {wn}"
                    ));
                }
            }
        }
        for (field, got) in &form.fields {
            if !want_map.contains_key(field) {
                problems.push(format!(
                    "{path}: {form_id}.{field} extracted ({:?}) but not in the manifest",
                    got.value
                ));
            }
        }
    }
}

#[test]
fn every_sample_matches_the_manifest() {
    let m = manifest();
    let files = m["files"].as_object().expect("files");
    assert!(files.len() >= 40, "the sample set is there");
    let mut problems = Vec::new();
    let mut formats = std::collections::BTreeSet::new();
    for (path, want) in files {
        formats.insert(want["format"].as_str().unwrap_or_default().to_string());
        check_file(path, want, &mut problems);
    }
    for f in ["docx", "xlsx", "txt"] {
        assert!(formats.contains(f), "no {f} sample");
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The manifest gives no normalised status; the SPEC's is the status word
/// itself (null when blank or not one of the three).
#[test]
fn report_statuses_are_normalised_to_the_status_word() {
    let m = manifest();
    let mut checked = 0;
    for path in m["files"].as_object().expect("files").keys() {
        let Ok(doc) = read_path(Path::new(path), &Limits::default()) else {
            continue;
        };
        for form in extract_forms(&doc)
            .iter()
            .filter(|f| f.form == "security_report")
        {
            for i in 0..form.list_len("items") {
                let Some(status) = form.fields.get(&format!("items[{i}].status")) else {
                    continue;
                };
                let word = ["実施", "未実施", "該当なし"].contains(&status.value.as_str());
                let normalized = status.normalized.as_ref().and_then(|v| v.as_str());
                if word {
                    assert_eq!(normalized, Some(status.value.as_str()), "{path} items[{i}]");
                    assert!(status.unnormalized.is_none(), "{path} items[{i}]");
                    checked += 1;
                } else {
                    assert_eq!(normalized, None, "{path} items[{i}] {:?}", status.value);
                }
            }
        }
    }
    assert!(checked > 100, "{checked} statuses checked");
}
