//! The contract and the rule reference live in the repository: docs/spec.md
//! keeps every line of ../shared/SPEC.md in order (additions marked), its
//! rule table agrees with the registry, and docs/rules.md is what the binary's
//! `explain --all` says.

use std::path::{Path, PathBuf};
use yoshiki::diag::Severity;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// ../shared/SPEC.md beside the repository, or the workspace's copy.
fn shared_spec() -> Option<PathBuf> {
    [
        root().join("../shared/SPEC.md"),
        PathBuf::from("/work/shared/SPEC.md"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

#[test]
fn the_spec_in_docs_keeps_every_line_of_the_shared_contract() {
    let Some(shared) = shared_spec() else {
        println!("skipped: ../shared/SPEC.md absent (a clone outside the workspace)");
        return;
    };
    let ours = read(&root().join("docs/spec.md"));
    let mut ours_lines = ours.lines();
    let mut kept = 0;
    for line in read(&shared).lines() {
        assert!(
            ours_lines.any(|l| l == line),
            "docs/spec.md lacks (or reorders) this line of {}:\n{line}",
            shared.display()
        );
        kept += 1;
    }
    println!(
        "docs/spec.md keeps all {kept} lines of {}",
        shared.display()
    );
}

#[test]
fn the_rule_table_of_the_spec_is_the_registry() {
    let spec = read(&root().join("docs/spec.md"));
    let table: Vec<(String, String)> = spec
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let code = *cells.get(1)?;
            let sev = *cells.get(2)?;
            let is_code = code.len() >= 5
                && code.chars().take_while(|c| c.is_ascii_uppercase()).count() >= 2
                && code.chars().rev().take(3).all(|c| c.is_ascii_digit());
            is_code.then(|| (code.to_string(), sev.to_string()))
        })
        .collect();
    assert!(table.len() >= 45, "{table:?}");
    let word = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    for meta in yoshiki::rules::all() {
        let row = table.iter().find(|(c, _)| c == meta.code);
        assert_eq!(
            row.map(|(_, s)| s.as_str()),
            Some(word(meta.default_severity)),
            "{} in docs/spec.md's rule table",
            meta.code
        );
    }
    for (code, _) in &table {
        assert!(
            yoshiki::rules::meta(code).is_some(),
            "{code} is in docs/spec.md but not registered"
        );
    }
}

#[test]
fn the_rule_reference_is_what_explain_says() {
    let out = std::process::Command::new("bash")
        .arg(root().join("scripts/gen_rules_doc.sh"))
        .arg(env!("CARGO_BIN_EXE_yoshiki"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let generated = String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let committed = read(&root().join("docs/rules.md"));
    assert!(
        generated == committed,
        "docs/rules.md is stale: run scripts/gen_rules_doc.sh target/debug/yoshiki > docs/rules.md"
    );
    for meta in yoshiki::rules::all() {
        assert!(
            committed.contains(&format!("{} [", meta.code)),
            "{}",
            meta.code
        );
    }
}

#[test]
fn the_readme_points_into_the_repository_for_the_contract() {
    let readme = read(&root().join("README.md"));
    assert!(readme.contains("docs/spec.md") && readme.contains("docs/rules.md"));
    assert!(
        !readme.contains("is `../shared/SPEC.md`"),
        "README sends users outside the repository"
    );
}
