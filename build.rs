//! Lists `schemas/forms/*.toml`, `schemas/migrations/*.toml` and
//! `templates/*.docx` at build time, so a definition, a migration or a
//! template added there is built in without naming it in Rust.

use std::fmt::Write as _;
use std::path::Path;

/// `OUT_DIR/{out}`: `&[(file name, include_xxx!(absolute path)), …]` of
/// the files of `dir` ending in `ext`, in reverse name order.
fn list(dir: &str, ext: &str, include: &str, out: &str) {
    let dir = Path::new(dir);
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder is part of the source tree")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(ext))
        .collect();
    // Reverse order: within one form id the newest version (`_r8` before
    // `_r7` before `_r5`) comes first, the one `versions().next()` names.
    names.sort();
    names.reverse();
    let mut code = String::from("&[\n");
    for name in &names {
        println!("cargo:rerun-if-changed={}/{name}", dir.display());
        // The path is relative to the generated file's directory (OUT_DIR),
        // so it is given absolute.
        let path = std::fs::canonicalize(dir.join(name)).expect("listed file exists");
        let _ = writeln!(
            code,
            "    ({name:?}, {include}!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("]\n");
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&dir).join(out), code).expect("write OUT_DIR");
}

fn main() {
    list("schemas/forms", ".toml", "include_str", "builtin_forms.rs");
    list(
        "schemas/migrations",
        ".toml",
        "include_str",
        "builtin_migrations.rs",
    );
    list(
        "templates",
        ".docx",
        "include_bytes",
        "builtin_templates.rs",
    );
}
