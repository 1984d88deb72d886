//! `yoshiki extract [--format text|json] [--forms DIR] PATH...`: the
//! filled-in fields of every known form, in the canonical schema.
use super::Global;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use yoshiki::ReadError;
use yoshiki::batch::{BatchOptions, Outcome as BatchOutcome, run_bounded_each};
use yoshiki::forms::definition::FormSet;
use yoshiki::forms::extract::extract_with;
use yoshiki::forms::output::{FileResult, to_json, to_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    /// Readable: each form, its fields and where each is.
    Text,
    /// The SPEC's JSON (schemas/extract.schema.json).
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (every supported file below them).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ExtractFormat,
}

const SUPPORTED: &[&str] = &[
    "docx", "docm", "dotx", "xlsx", "xlsm", "xls", "xlsb", "ods", "txt", "csv", "doc", "dot", "pdf",
];

/// Files below a directory with a supported extension, sorted.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') || n.starts_with("~$"));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SUPPORTED.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(p);
        }
    }
}

/// The file's extension, lower-cased (its format when it cannot be read).
fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Results waiting to be written in input order.
struct Emit {
    /// Index of the next file to write.
    next: usize,
    waiting: BTreeMap<usize, FileResult>,
    /// Files written so far (JSON: for the separators).
    written: usize,
    unreadable: bool,
    failed: bool,
}

pub fn run(args: &Args, global: &Global) -> ExitCode {
    // `--forms` was loaded and installed by main.
    let defs: FormSet = yoshiki::forms::load::in_force().clone();
    let mut files: Vec<PathBuf> = Vec::new();
    for p in &args.paths {
        if p.is_dir() {
            walk(p, &mut files);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            eprintln!(
                "yoshiki extract: {}: no such file or directory",
                p.display()
            );
            return ExitCode::from(2);
        }
    }
    // Files run through the batch runner (per-file time bound, one job per
    // core) and are written out in input order as soon as each one and all
    // before it are done: memory stays flat however many files there are.
    let defs = Arc::new(defs);
    let limits = yoshiki::Limits::default();
    let job = move |path: PathBuf| -> FileResult {
        match yoshiki::read_path(&path, &limits) {
            Ok(doc) => FileResult {
                path: path.display().to_string(),
                format: doc.format.as_str().to_string(),
                outcome: Ok(extract_with(&doc, &defs)),
            },
            Err(e) => FileResult {
                path: path.display().to_string(),
                format: extension(&path),
                outcome: Err(e),
            },
        }
    };
    let names: Vec<(String, String)> = files
        .iter()
        .map(|p| (p.display().to_string(), extension(p)))
        .collect();
    let emit = Mutex::new(Emit {
        next: 0,
        waiting: BTreeMap::new(),
        written: 0,
        unreadable: false,
        failed: false,
    });
    let json = args.format == ExtractFormat::Json;
    let lang = global.lang;
    if json {
        print!("{{\n  \"files\": [");
    }
    run_bounded_each(files, &BatchOptions::default(), job, |p, outcome| {
        let result = match outcome {
            BatchOutcome::Done(r) => r,
            other => {
                let (path, format) = names.get(p.index).cloned().unwrap_or_default();
                FileResult {
                    path,
                    format,
                    outcome: Err(ReadError::LimitExceeded {
                        part: None,
                        detail: other.failure_ja().unwrap_or_default(),
                    }),
                }
            }
        };
        let mut guard = emit.lock().unwrap_or_else(|e| e.into_inner());
        let e = &mut *guard;
        e.waiting.insert(p.index, result);
        let mut out = String::new();
        while let Some(r) = e.waiting.remove(&{ e.next }) {
            e.next += 1;
            e.unreadable |= r.outcome.is_err();
            if json {
                let file = to_json(std::slice::from_ref(&r))["files"][0].take();
                match serde_json::to_string_pretty(&file) {
                    Ok(text) => {
                        out.push_str(if e.written == 0 { "\n" } else { ",\n" });
                        for (n, line) in text.lines().enumerate() {
                            if n > 0 {
                                out.push('\n');
                            }
                            out.push_str("    ");
                            out.push_str(line);
                        }
                        e.written += 1;
                    }
                    Err(err) => {
                        eprintln!("yoshiki extract: {err}");
                        e.failed = true;
                    }
                }
            } else {
                out.push_str(&to_text(std::slice::from_ref(&r), lang));
            }
        }
        // Written under the lock, so files come out in order.
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(out.as_bytes());
        let _ = stdout.flush();
    });
    let e = emit.into_inner().unwrap_or_else(|e| e.into_inner());
    if json {
        if e.written > 0 {
            print!("\n  ");
        }
        println!("],\n  \"schema_version\": 1\n}}");
    }
    if e.failed {
        return ExitCode::from(2);
    }
    let unreadable = e.unreadable;
    if unreadable {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
