//! Lists `schemas/forms/*.toml` at build time, so a definition file added
//! there is built in without naming it in Rust.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("schemas/forms");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("schemas/forms is part of the source tree")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
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
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("]\n");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("builtin_forms.rs"), code).expect("write OUT_DIR");
}
