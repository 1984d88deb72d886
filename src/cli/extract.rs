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
use yoshiki::forms::output::{FileJson, FileResult, to_text};

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
    /// The day of the check, accepted as by the other commands (what is
    /// extracted does not depend on it).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::as_of_date)]
    pub as_of: Option<chrono::NaiveDate>,
}

/// The file's extension, lower-cased (its format when it cannot be read).
fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
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
    json: bool,
    lang: yoshiki::diag::Lang,
}

pub fn run(args: &Args, global: &Global) -> ExitCode {
    // The definitions in force (`--forms` was loaded and installed by
    // main; else the built-in ones, parsed here on a thread of their own
    // while the inputs are listed and the first files read: nothing needs
    // them before a file has been read).
    let _ = std::thread::Builder::new()
        .name("yoshiki-warm-up".into())
        .spawn(|| {
            let _ = yoshiki::forms::load::in_force();
        });
    // The same inputs as `check`: files, folders, .zip sets (members read
    // in place), in the same order.
    let limits = yoshiki::Limits::default();
    let (files, skipped) = match yoshiki::check::input_files_and_skipped(&args.paths, &limits) {
        Ok(f) => f,
        Err(e) => {
            eprintln!(
                "yoshiki extract: {}",
                match global.lang {
                    yoshiki::diag::Lang::Ja => e.message_ja(),
                    yoshiki::diag::Lang::En => e.to_string(),
                }
            );
            return ExitCode::from(2);
        }
    };
    // Files run through the batch runner (per-file time bound, one job per
    // core) and are written out in input order as soon as each one and all
    // before it are done: memory stays flat however many files there are.
    let names: Vec<(String, String)> = files
        .iter()
        .map(|f| (f.display().to_string(), extension(f.display())))
        .collect();
    let job = move |file: yoshiki::check::InputFile| {
        extract_one(file, &limits, yoshiki::forms::load::in_force())
    };
    let json = args.format == ExtractFormat::Json;
    let emit = Arc::new(Mutex::new(Emit::new(json, global.lang)));
    if args.format == ExtractFormat::Json {
        print!("{{\n  \"files\": [");
    }
    // Called on the thread that read the file (which may outlive this
    // call if its file overran), so it owns what it uses.
    let sink = {
        let emit = Arc::clone(&emit);
        move |p: yoshiki::batch::Progress, outcome| {
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
            let out = guard.ready(p.index, result);
            // Written under the lock, so files come out in order.
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(&out);
            let _ = stdout.flush();
        }
    };
    run_bounded_each(files, &BatchOptions::default(), job, sink);
    // Every file has been written; an abandoned job may still hold `emit`.
    let e = std::mem::replace(
        &mut *emit.lock().unwrap_or_else(|e| e.into_inner()),
        Emit::new(json, global.lang),
    );
    e.finish(skipped)
}

/// One file read and its forms extracted.
fn extract_one(
    file: yoshiki::check::InputFile,
    limits: &yoshiki::Limits,
    defs: &FormSet,
) -> FileResult {
    let path = file.display().to_string();
    match file.read(limits) {
        Ok(doc) => FileResult {
            path,
            format: doc.format.as_str().to_string(),
            outcome: Ok(extract_with(&doc, defs)),
        },
        Err(e) => FileResult {
            format: extension(&path),
            path,
            outcome: Err(e),
        },
    }
}

impl Emit {
    fn new(json: bool, lang: yoshiki::diag::Lang) -> Emit {
        Emit {
            next: 0,
            waiting: BTreeMap::new(),
            written: 0,
            unreadable: false,
            failed: false,
            json,
            lang,
        }
    }
    /// File `index` is done: the text of every file now ready in input
    /// order.
    fn ready(&mut self, index: usize, result: FileResult) -> Vec<u8> {
        self.waiting.insert(index, result);
        let mut out = Vec::new();
        while let Some(r) = self.waiting.remove(&{ self.next }) {
            self.next += 1;
            self.unreadable |= r.outcome.is_err();
            if !self.json {
                out.extend_from_slice(to_text(std::slice::from_ref(&r), self.lang).as_bytes());
                continue;
            }
            // Each file's object sits two levels in (the "files" array of
            // the whole object), written there directly.
            let start = out.len();
            out.extend_from_slice(if self.written == 0 {
                b"\n    "
            } else {
                b",\n    "
            });
            match yoshiki::diag::pretty::write_nested(&mut out, &FileJson(&r), 2) {
                Ok(()) => self.written += 1,
                Err(err) => {
                    out.truncate(start);
                    eprintln!("yoshiki extract: {err}");
                    self.failed = true;
                }
            }
        }
        out
    }

    /// The end of the output, and the exit code.
    fn finish(self, skipped: usize) -> ExitCode {
        if self.json {
            if self.written > 0 {
                print!("\n  ");
            }
            // Lock and system files the folder walks left out (additive key).
            println!("],\n  \"skipped\": {skipped},\n  \"schema_version\": 1\n}}");
        } else if skipped > 0 {
            println!(
                "{}",
                match self.lang {
                    yoshiki::diag::Lang::Ja => format!(
                        "Office のロックファイル（~$…）やシステムのファイル {skipped} 件は提出書類ではないため読み込んでいません。"
                    ),
                    yoshiki::diag::Lang::En => format!(
                        "{skipped} Office lock file(s) (~$…) or system file(s) skipped: not submissions."
                    ),
                }
            );
        }
        if self.failed {
            ExitCode::from(2)
        } else if self.unreadable {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}
