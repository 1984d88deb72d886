//! `yoshiki extract [--format text|json] [--forms DIR] PATH...`: the
//! filled-in fields of every known form, in the canonical schema.
use super::Global;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yoshiki::forms::definition::{FormSet, builtin};
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
    /// A directory of extra form definitions (*.toml) to use besides the
    /// built-in ones (same form id and version replaces a built-in one).
    #[arg(long, value_name = "DIR")]
    pub forms: Option<PathBuf>,
}

const SUPPORTED: &[&str] = &[
    "docx", "docm", "dotx", "xlsx", "xlsm", "xls", "xlsb", "ods", "txt", "csv",
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

pub fn run(args: &Args, global: &Global) -> ExitCode {
    let defs: FormSet = match &args.forms {
        Some(dir) => match builtin().with_dir(dir) {
            Ok(set) => set,
            Err(e) => {
                eprintln!("yoshiki extract: {e}");
                return ExitCode::from(2);
            }
        },
        None => builtin().clone(),
    };
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
    let limits = yoshiki::Limits::default();
    // Files are read and extracted in parallel; `collect` keeps input order.
    let results: Vec<FileResult> = files
        .par_iter()
        .map(|path| {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_lowercase())
                .unwrap_or_default();
            match yoshiki::read_path(path, &limits) {
                Ok(doc) => FileResult {
                    path: path.display().to_string(),
                    format: doc.format.as_str().to_string(),
                    outcome: Ok(extract_with(&doc, &defs)),
                },
                Err(e) => FileResult {
                    path: path.display().to_string(),
                    format: ext,
                    outcome: Err(e),
                },
            }
        })
        .collect();
    let unreadable = results.iter().any(|r| r.outcome.is_err());
    match args.format {
        ExtractFormat::Json => match serde_json::to_string_pretty(&to_json(&results)) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("yoshiki extract: {e}");
                return ExitCode::from(2);
            }
        },
        ExtractFormat::Text => print!("{}", to_text(&results, global.lang)),
    }
    if unreadable {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
