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
    waiting: BTreeMap<usize, Rendered>,
    /// Output ready in order, not yet written (written in chunks of
    /// [`WRITE_AT`] bytes: fewer calls, and less time under the lock).
    pending: Vec<u8>,
    /// Files written so far (JSON: for the separators).
    written: usize,
    unreadable: bool,
    failed: bool,
    json: bool,
    lang: yoshiki::diag::Lang,
}

/// Bytes of output gathered before they are written.
const WRITE_AT: usize = 64 * 1024;

/// One file's output, rendered on the thread that read it, before the
/// lock that keeps the files in order is taken.
struct Rendered {
    /// Its text, or its JSON object; None when it could not be written.
    bytes: Option<Vec<u8>>,
    unreadable: bool,
}

impl Rendered {
    fn of(result: &FileResult, json: bool, lang: yoshiki::diag::Lang) -> Rendered {
        let unreadable = result.outcome.is_err();
        if !json {
            let text = to_text(std::slice::from_ref(result), lang);
            return Rendered {
                bytes: Some(text.into_bytes()),
                unreadable,
            };
        }
        // Each file's object sits two levels in (the "files" array of the
        // whole object), written there directly.
        let mut out = Vec::new();
        let bytes = match yoshiki::diag::pretty::write_nested(&mut out, &FileJson(result), 2) {
            Ok(()) => Some(out),
            Err(err) => {
                eprintln!("yoshiki extract: {err}");
                None
            }
        };
        Rendered { bytes, unreadable }
    }
}

pub fn run(args: &Args, global: &Global) -> ExitCode {
    // The definitions in force (`--forms` was loaded and installed by
    // main; else the built-in ones) and the patterns extraction compiles,
    // built here on a thread of their own while the inputs are listed:
    // nothing needs them before a file has been read.
    yoshiki::check::warm_up_in_background(yoshiki::forms::warm_up);
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
    // core) and are written out in input order once each one and all
    // before it are done (in chunks of WRITE_AT bytes): memory stays flat
    // however many files there are.
    let names: Vec<(String, String)> = files
        .iter()
        .map(|f| (f.display().to_string(), extension(f.display())))
        .collect();
    let job = move |file: yoshiki::check::InputFile| {
        extract_one(file, &limits, yoshiki::forms::load::in_force())
    };
    let json = args.format == ExtractFormat::Json;
    let emit = Arc::new(Mutex::new(Emit::new(json, global.lang)));
    if json {
        print!("{{\n  \"files\": [");
    }
    // Called on the thread that read the file (which may outlive this
    // call if its file overran), so it owns what it uses.
    let lang = global.lang;
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
            let rendered = Rendered::of(&result, json, lang);
            drop(result);
            let mut guard = emit.lock().unwrap_or_else(|e| e.into_inner());
            guard.ready(p.index, rendered);
            if guard.pending.len() >= WRITE_AT {
                // Written under the lock, so files come out in order.
                guard.write_pending();
            }
        }
    };
    run_bounded_each(files, &BatchOptions::default(), job, sink);
    // Every file has been reported (an abandoned job may still hold `emit`).
    let mut guard = emit.lock().unwrap_or_else(|e| e.into_inner());
    guard.finish(skipped)
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
            pending: Vec::new(),
            written: 0,
            unreadable: false,
            failed: false,
            json,
            lang,
        }
    }
    /// File `index` is done: the text of every file now ready in input
    /// order goes to the pending output.
    fn ready(&mut self, index: usize, rendered: Rendered) {
        self.waiting.insert(index, rendered);
        while let Some(r) = self.waiting.remove(&{ self.next }) {
            self.next += 1;
            self.unreadable |= r.unreadable;
            let Some(bytes) = r.bytes else {
                self.failed = true;
                continue;
            };
            if self.json {
                self.pending.extend_from_slice(if self.written == 0 {
                    b"\n    "
                } else {
                    b",\n    "
                });
            }
            self.pending.extend_from_slice(&bytes);
            self.written += 1;
        }
    }

    fn write_pending(&mut self) {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(&self.pending);
        let _ = stdout.flush();
        self.pending.clear();
    }

    /// The end of the output, and the exit code.
    fn finish(&mut self, skipped: usize) -> ExitCode {
        self.write_pending();
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
