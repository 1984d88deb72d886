//! Every form definition parses, and recognises (and extracts from) the
//! examples it carries.

use yoshiki::forms::definition::{BUILTIN_FILES, FormSet, builtin};
use yoshiki::forms::extract::extract_with;
use yoshiki::forms::layout::text_document;

#[test]
fn every_builtin_definition_parses() {
    let (set, errors) = FormSet::load_builtin();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(set.forms.len(), BUILTIN_FILES.len());
    for (id, version) in [
        ("application", "r8"),
        ("proposal", "r8"),
        ("subcontract_reason", "r8"),
        ("handler_roster", "r8"),
        ("security_terms", "r7"),
        ("security_terms", "r5"),
        ("security_report", "r7"),
        ("security_report", "r5"),
    ] {
        assert!(set.get(id, version).is_some(), "{id} {version} missing");
    }
}

#[test]
fn every_definition_carries_examples() {
    for def in &builtin().forms {
        assert!(
            def.examples.iter().any(|e| e.recognised),
            "{} {} has no example it must recognise",
            def.id,
            def.version
        );
    }
}

#[test]
fn examples_are_recognised_and_extracted() {
    let set = builtin();
    let mut failures: Vec<String> = Vec::new();
    for def in &set.forms {
        for (n, ex) in def.examples.iter().enumerate() {
            let doc = text_document("example.txt", &ex.text);
            let forms = extract_with(&doc, set);
            let hit = forms
                .iter()
                .find(|f| f.form == def.id && f.template_version == def.version);
            let what = format!(
                "{} {} example {} ({})",
                def.id,
                def.version,
                n + 1,
                ex.description
            );
            if ex.recognised != hit.is_some() {
                let got: Vec<String> = forms
                    .iter()
                    .map(|f| format!("{} {} {:.2}", f.form, f.template_version, f.similarity))
                    .collect();
                failures.push(format!(
                    "{what}: recognised={} expected {}; got {got:?}",
                    hit.is_some(),
                    ex.recognised
                ));
                continue;
            }
            let Some(form) = hit else { continue };
            for (path, want) in &ex.fields {
                let got = form.fields.get(path).map(|v| v.value.as_str());
                if got != Some(want.as_str()) {
                    failures.push(format!("{what}: {path} = {got:?}, expected {want:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
