//! Every form definition parses, and recognises (and extracts from) the
//! examples it carries.

use yoshiki::forms::definition::{BUILTIN_FILES, FormSet, builtin};

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
    // The same check `yoshiki forms check` runs on a definition directory.
    let set = builtin();
    let failures: Vec<String> = set
        .forms
        .iter()
        .flat_map(|def| {
            yoshiki::forms::load::run_examples(def, set)
                .into_iter()
                .map(move |f| format!("{} {}: {f}", def.id, def.version))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
