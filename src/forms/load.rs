//! The form definitions in force: the built-in ones plus the `--forms`
//! directories and `[forms] dirs` of the config, loaded whole or not at all,
//! and `yoshiki forms check`'s validation of definition files.
//!
//! A run of the tool works with one set of definitions (each door — the
//! command line, a worker child, the page — loads it once at start), so the
//! set is installed for the process and every layer that names a form or a
//! place (extraction, rules, renderers) reads the same one.

use super::definition::{DefinitionError, FormDef, FormSet, builtin};
use super::extract::extract_with;
use super::layout::text_document;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static IN_FORCE: OnceLock<FormSet> = OnceLock::new();

/// The definitions in force: what [`install`] set, else the built-in ones.
pub fn in_force() -> &'static FormSet {
    IN_FORCE.get().unwrap_or_else(|| builtin())
}

/// Make `set` the definitions in force for the rest of the process. Returns
/// false when a set was already installed (the first one stays).
pub fn install(set: FormSet) -> bool {
    IN_FORCE.set(set).is_ok()
}

/// The `*.toml` files of a directory, sorted by name.
fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, DefinitionError> {
    let entries = std::fs::read_dir(dir).map_err(|source| DefinitionError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    Ok(paths)
}

fn read_def(path: &Path) -> Result<FormDef, DefinitionError> {
    let text = std::fs::read_to_string(path).map_err(|source| DefinitionError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    FormSet::parse(&path.display().to_string(), &text)
}

/// The built-in definitions plus every `*.toml` of `dirs`, in order: a file
/// with the id and version of a built-in definition replaces it. Any error
/// (a file that does not parse, two files of the given directories with the
/// same id and version) fails the whole load: a set is never half loaded.
pub fn load(dirs: &[PathBuf]) -> Result<FormSet, DefinitionError> {
    let mut set = builtin().clone();
    let mut seen: BTreeMap<(String, String), String> = BTreeMap::new();
    for dir in dirs {
        for path in toml_files(dir)? {
            let def = read_def(&path)?;
            let key = (def.id.clone(), def.version.clone());
            if let Some(first) = seen.get(&key) {
                return Err(DefinitionError::Parse {
                    file: path.display().to_string(),
                    message: format!(
                        "id = \"{}\" and version = \"{}\" are also defined in {first} \
                         (同じ様式・版の定義が {first} にもあります)",
                        def.id, def.version
                    ),
                });
            }
            seen.insert(key, def.source.clone());
            set.add(def);
        }
    }
    Ok(set)
}

/// One problem `forms check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The definition file (and `:line:column` where known).
    pub file: String,
    pub message: String,
}

/// What `forms check` found in some directories: the definitions that
/// loaded and every problem (all files are checked, not only the first bad
/// one).
#[derive(Debug, Default)]
pub struct CheckOutcome {
    pub checked: Vec<(String, String, String)>,
    pub examples_run: usize,
    pub problems: Vec<Problem>,
}

/// Validate every definition file of `dirs` and run each definition's
/// `[[example]]`s against the set the files would make.
pub fn check_dirs(dirs: &[PathBuf]) -> CheckOutcome {
    let mut out = CheckOutcome::default();
    let mut defs = Vec::new();
    for dir in dirs {
        let files = match toml_files(dir) {
            Ok(f) => f,
            Err(e) => {
                out.problems.push(Problem {
                    file: dir.display().to_string(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        if files.is_empty() {
            out.problems.push(Problem {
                file: dir.display().to_string(),
                message: "no *.toml definition file here (定義ファイルがありません)".into(),
            });
        }
        for path in files {
            match read_def(&path) {
                Ok(def) => defs.push(def),
                Err(DefinitionError::Parse { file, message }) => {
                    out.problems.push(Problem { file, message })
                }
                Err(e) => out.problems.push(Problem {
                    file: path.display().to_string(),
                    message: e.to_string(),
                }),
            }
        }
    }
    let mut seen: BTreeMap<(String, String), String> = BTreeMap::new();
    for def in &defs {
        let key = (def.id.clone(), def.version.clone());
        if let Some(first) = seen.get(&key) {
            out.problems.push(Problem {
                file: def.source.clone(),
                message: format!(
                    "id = \"{}\" and version = \"{}\" are also defined in {first}",
                    def.id, def.version
                ),
            });
        } else {
            seen.insert(key, def.source.clone());
        }
        out.checked
            .push((def.id.clone(), def.version.clone(), def.source.clone()));
    }
    let mut set = builtin().clone();
    for def in &defs {
        set.add(def.clone());
    }
    for def in &defs {
        for problem in run_examples(def, &set) {
            out.problems.push(Problem {
                file: def.source.clone(),
                message: problem,
            });
        }
        out.examples_run += def.examples.len();
    }
    out
}

/// Run a definition's examples against `set`; one message per failure.
pub fn run_examples(def: &FormDef, set: &FormSet) -> Vec<String> {
    let mut failures = Vec::new();
    for (n, ex) in def.examples.iter().enumerate() {
        let doc = text_document("example.txt", &ex.text);
        let forms = extract_with(&doc, set);
        let hit = forms
            .iter()
            .find(|f| f.form == def.id && f.template_version == def.version);
        let what = if ex.description.is_empty() {
            format!("example {}", n + 1)
        } else {
            format!("example {} ({})", n + 1, ex.description)
        };
        if ex.recognised != hit.is_some() {
            let got: Vec<String> = forms
                .iter()
                .map(|f| format!("{} {}", f.form, f.template_version))
                .collect();
            failures.push(if ex.recognised {
                format!(
                    "{what}: not recognised as {} {} (found: {}) (例が様式として認識されません)",
                    def.id,
                    def.version,
                    if got.is_empty() {
                        "nothing".into()
                    } else {
                        got.join(", ")
                    }
                )
            } else {
                format!(
                    "{what}: a counter-example, but recognised as {} {} (認識されてはいけない例です)",
                    def.id, def.version
                )
            });
            continue;
        }
        let Some(form) = hit else { continue };
        for (path, want) in &ex.fields {
            let got = form.fields.get(path).map(|v| v.value.as_str());
            if got != Some(want.as_str()) {
                failures.push(format!(
                    "{what}: {path} = {}, expected \"{want}\" (値が例と違います)",
                    got.map_or("nothing".to_string(), |g| format!("\"{g}\""))
                ));
            }
        }
    }
    failures
}

/// Where each definition in force came from: `built-in`, or the file that
/// added or replaced it.
pub fn origins(set: &FormSet) -> Vec<(&FormDef, bool)> {
    set.forms.iter().map(|def| (def, is_builtin(def))).collect()
}

/// Whether `def` is the built-in definition (not one added or replaced
/// with `--forms`).
pub fn is_builtin(def: &FormDef) -> bool {
    builtin()
        .get(&def.id, &def.version)
        .is_some_and(|b| b.source == def.source)
}

/// Checks across the fields of one definition: ids and versions as the
/// JSON output allows them, no path declared twice, `unit_from` and
/// `kana_path` naming fields of the form.
pub(crate) fn validate_paths(def: &FormDef) -> Result<(), String> {
    let id_ok = !def.id.is_empty() && def.id.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    if !id_ok {
        return Err(format!(
            "id = \"{}\": use lower-case ASCII letters and _ only (as in the JSON output)",
            def.id
        ));
    }
    let version_ok = def
        .version
        .strip_prefix('r')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if !version_ok {
        return Err(format!(
            "version = \"{}\": write r and the era year, such as r8",
            def.version
        ));
    }
    let mut paths: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &def.fields {
        *paths.entry(f.path.as_str()).or_default() += 1;
        if let Some(k) = &f.kana_path {
            *paths.entry(k.as_str()).or_default() += 1;
        }
    }
    if let Some((path, _)) = paths.iter().find(|(_, n)| **n > 1) {
        return Err(format!("field {path} is declared more than once"));
    }
    for (n, rel) in def.relations.iter().enumerate() {
        let named = rel
            .total
            .iter()
            .chain(&rel.result)
            .chain(&rel.field)
            .chain(rel.terms.iter())
            .chain(rel.base.iter())
            .map(|p| p.strip_prefix('-').unwrap_or(p));
        for p in named {
            if !paths.contains_key(p) && !names_list_column(def, p) {
                return Err(format!(
                    "relation {} ({}): \"{p}\" names no field of this form",
                    n + 1,
                    rel.code
                ));
            }
        }
        if !matches!(
            rel.code.as_str(),
            "SUM001" | "SUM002" | "SUM003" | "SUM004" | "SUM005" | "SUM006"
        ) {
            return Err(format!(
                "relation {}: code = \"{}\": use one of SUM001–SUM006",
                n + 1,
                rel.code
            ));
        }
    }
    for f in &def.fields {
        if let Some(u) = &f.unit_from
            && !paths.contains_key(u.as_str())
        {
            return Err(format!(
                "field {}: unit_from = \"{u}\" names no field of this form",
                f.path
            ));
        }
    }
    Ok(())
}

/// `P[].C`: column `C` of list `P`, over the rows used (a relation term).
fn names_list_column(def: &FormDef, term: &str) -> bool {
    term.split_once("[].").is_some_and(|(list, col)| {
        def.lists
            .iter()
            .any(|l| l.path == list && l.columns.iter().any(|c| c.fields.iter().any(|f| f == col)))
    })
}
