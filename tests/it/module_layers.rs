//! The library's modules depend one way only, down the layers of the
//! architecture notes: read → model → forms → rules → diag → the doors.
//! Every `crate::X` in a module must name a module of its own
//! layer or a lower one; the few known exceptions are listed with the reason
//! and the way out, and the list may only shrink (an entry no longer needed
//! fails too, so that the cycle cannot quietly come back).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level modules of `src/`, lowest layer first. Modules on one line
/// are one layer and may use each other.
const LAYERS: &[&[&str]] = &[
    &["base", "clock"],
    &["error"],
    &["model"],
    &["read"],
    &["batch"],
    &["knowledge"],
    &["forms"],
    &["learn"],
    &["config"],
    &["rules"],
    // The config parser with the rule table's codes passed in.
    &["config_file"],
    &["diag"],
    &["check"],
    &["write"],
    &["origin", "select", "report"],
    &["engine"],
    &["worker"],
    &["serve"],
];

/// Known uses against the order, as (from, to, why and the way out).
const KNOWN_UPWARD: &[(&str, &str, &str)] = &[];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The code of a Rust file without its comments (doc links name modules
/// without depending on them).
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a file's code names: `crate::x…` and the heads of
/// `use crate::{x, y::z}` groups.
fn crate_modules(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let Some(group) = rest.strip_prefix('{') else {
            out.insert(ident(rest));
            continue;
        };
        // A head starts the group and follows each comma at depth 0.
        out.insert(ident(group));
        let mut depth = 0;
        for (j, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.insert(ident(&group[j + 1..]));
                }
                _ => {}
            }
        }
    }
    out.remove("");
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// (from, to) → the files that make the use.
fn module_uses() -> BTreeMap<(String, String), BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut uses: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for path in files {
        let rel = path
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let top = rel.split('/').next().unwrap_or("").trim_end_matches(".rs");
        // The crate root and the binary (the CLI uses the library as
        // `yoshiki::`) sit above every layer.
        if matches!(top, "lib" | "main" | "cli") {
            continue;
        }
        let code = without_comments(&std::fs::read_to_string(&path).expect("readable"));
        for to in crate_modules(&code) {
            if to != top {
                uses.entry((top.to_string(), to))
                    .or_default()
                    .insert(rel.clone());
            }
        }
    }
    uses
}

#[test]
fn every_module_has_a_layer() {
    let unknown: BTreeSet<String> = module_uses()
        .into_keys()
        .flat_map(|(from, to)| [from, to])
        .filter(|m| layer_of(m).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "modules with no layer in tests/it/module_layers.rs LAYERS: {unknown:?}"
    );
}

#[test]
fn modules_depend_down_the_layers_only() {
    let uses = module_uses();
    let mut wrong = Vec::new();
    for ((from, to), files) in &uses {
        let (Some(a), Some(b)) = (layer_of(from), layer_of(to)) else {
            continue;
        };
        let known = KNOWN_UPWARD.iter().any(|(f, t, _)| f == from && t == to);
        if b > a && !known {
            wrong.push(format!(
                "{from} → {to} (a lower layer using a higher one) in {files:?}"
            ));
        }
    }
    for (from, to, why) in KNOWN_UPWARD {
        let needed =
            layer_of(from) < layer_of(to) && uses.contains_key(&(from.to_string(), to.to_string()));
        if !needed {
            wrong.push(format!(
                "{from} → {to} is gone ({why}): remove it from KNOWN_UPWARD"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_group_parser_finds_every_head() {
    let found = crate_modules("use crate::{a::{B, c}, d, e::f};\nlet x = crate::g::h();");
    let want: BTreeSet<String> = ["a", "d", "e", "g"].map(String::from).into();
    assert_eq!(found, want);
}

/// `Diagnostic::new` is diag's (it reads the rule table's severity from
/// above); a rule calling it would depend on diag without naming it.
#[test]
fn rules_build_findings_without_diag() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules"),
        &mut files,
    );
    let callers: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(f)
                .map(|text| without_comments(&text).contains("Diagnostic::new("))
                .unwrap_or(false)
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        callers.is_empty(),
        "rules calling diag's Diagnostic::new: {callers:?}"
    );
}
