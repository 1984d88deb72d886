//! `yoshiki fix [--dry-run] [--output OUT] FILE...`: apply every safe fix
//! of `check` inside the file, formatting kept.
//!
//! Nothing reaches the disk unless it passed: the rewritten file must read
//! as intended (checked by the writer), and `check` run on it must find no
//! problem the original did not have. Then it is written atomically.
//!
//! Exit status: 0 every file clean or every safe fix applied; 1 a file
//! could not be read, or a fix it reported as safe was not applied (or
//! nothing could be written); 2 bad arguments.
//!
//! Writing follows [`yoshiki::write::atomic`]: never through a link, an
//! existing `--output` or a read-only file only with `--force`, mode and
//! owner kept.

use super::{Global, t};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yoshiki::config::Config;
use yoshiki::diag::{Diagnostic, Lang};
use yoshiki::model::Format;
use yoshiki::read::Limits;
use yoshiki::write::atomic::{OutputPolicy, check_output, write_output};
use yoshiki::write::fix::excerpt_pair;
use yoshiki::write::fix_file::{self, FixFileError};
use yoshiki::write::{EditOutcome, EditStatus};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show what would change (before/after, with places); change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the fixed file here instead of replacing the input (one input
    /// file only).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace an existing --output file, or rewrite a read-only file.
    #[arg(long)]
    pub force: bool,
    /// Check as of this date (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::as_of_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Use this config instead of the yoshiki.toml found beside the file.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The files to fix (.docx, .xlsx, .txt ...).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

pub fn run(args: &Args, g: &Global) -> ExitCode {
    let files = match files_to_fix(args, g) {
        Ok(files) => files,
        Err(code) => return code,
    };
    let explicit_config = match &args.config {
        Some(p) => match Config::load(p) {
            Ok(c) => Some(c),
            Err(e) => {
                eprintln!(
                    "yoshiki fix: {}",
                    if g.lang == Lang::Ja {
                        e.message_ja()
                    } else {
                        e.to_string()
                    }
                );
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let mut failed = false;
    let mut total = 0usize;
    let mut left = 0usize;
    for file in &files {
        match fix_one(file, args, explicit_config.clone(), g) {
            Ok((n, complete, by_hand)) => {
                total += n;
                left += by_hand;
                failed |= !complete;
            }
            Err(msg) => {
                eprintln!("yoshiki fix: {}: {msg}", file.display());
                failed = true;
            }
        }
    }
    print_summary(args.dry_run, files.len(), total, left, g.lang);
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The files the arguments name (a folder stands for every file below it
/// that fix can rewrite); the exit code when they cannot be fixed.
fn files_to_fix(args: &Args, g: &Global) -> Result<Vec<PathBuf>, ExitCode> {
    let mut files: Vec<PathBuf> = Vec::new();
    for f in &args.files {
        files_of(f, &mut files);
    }
    if files.is_empty() {
        eprintln!(
            "yoshiki fix: {}",
            t(
                g,
                "直せるファイル（.docx .xlsx .txt .csv など）がありません。",
                "no file fix can rewrite (.docx .xlsx .txt .csv …)"
            )
        );
        return Err(ExitCode::from(2));
    }
    if args.output.is_some() && (files.len() != 1 || args.files.iter().any(|f| f.is_dir())) {
        eprintln!(
            "yoshiki fix: {}",
            t(
                g,
                "--output は入力ファイルが一つのときだけ使えます。",
                "--output needs exactly one input file."
            )
        );
        return Err(ExitCode::from(2));
    }
    for f in &files {
        // A device, FIFO or socket is named for what it is, never read.
        if let Ok(meta) = std::fs::metadata(f)
            && let Err(e) = yoshiki::read::special_file(&meta)
            && !meta.is_dir()
        {
            eprintln!(
                "yoshiki fix: {}: [{}] {}",
                f.display(),
                e.code(),
                e.message_ja()
            );
            return Err(ExitCode::from(2));
        }
        if !f.is_file() {
            eprintln!(
                "yoshiki fix: {}",
                match g.lang {
                    Lang::Ja => format!("ファイル「{}」が見つかりません。", f.display()),
                    Lang::En => format!("{}: not a file", f.display()),
                }
            );
            return Err(ExitCode::from(2));
        }
    }
    Ok(files)
}

fn print_summary(dry_run: bool, files: usize, total: usize, left: usize, lang: Lang) {
    let line = match (dry_run, lang) {
        (true, Lang::Ja) => format!(
            "{files} ファイル: {total} 件を直せます（書き換えていません: --dry-run）。手作業で直すもの {left} 件"
        ),
        (true, Lang::En) => format!(
            "{files} file(s): {total} fix(es) possible (nothing written: --dry-run); {left} left to fix by hand"
        ),
        (false, Lang::Ja) => format!(
            "{files} ファイル: {total} 件を修正しました。手作業で直すもの {left} 件（yoshiki check で確認できます）"
        ),
        (false, Lang::En) => format!(
            "{files} file(s): {total} fix(es) applied; {left} left to fix by hand (see yoshiki check)"
        ),
    };
    println!("{line}");
}

/// The files a path names: the file, or every file below a folder that
/// `fix` can rewrite (hidden files and Office lock files skipped), sorted.
fn files_of(path: &Path, out: &mut Vec<PathBuf>) {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        if p.is_dir() {
            files_of(&p, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| FIXABLE.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(p);
        }
    }
}

const FIXABLE: &[&str] = &["docx", "docm", "dotx", "xlsx", "xlsm", "txt", "csv"];

/// Fix one file, printing what changed: (fixes applied, every planned fix
/// applied, findings left to fix by hand).
fn fix_one(
    file: &Path,
    args: &Args,
    explicit: Option<Config>,
    g: &Global,
) -> Result<(usize, bool, usize), String> {
    let limits = Limits::default();
    let said = |e: FixFileError| fix_error(&e, g);
    let options = fix_file::options_for(file, args.as_of, explicit).map_err(said)?;
    let policy = output_policy(file, args);
    let dest = args.output.as_deref().unwrap_or(file);
    if !args.dry_run {
        check_output(dest, &policy).map_err(|e| super::explained_in(g, ("", ""), &e))?;
    }
    let planned = fix_file::plan(file, &options).map_err(said)?;
    println!("{}", file.display());
    if planned.edits.is_empty() {
        println!(
            "  {}",
            t(
                g,
                "自動で直せる指摘はありません。",
                "nothing to fix automatically."
            )
        );
        return Ok((0, true, planned.by_hand(0)));
    }
    let applied = fix_file::apply(file, &planned, &limits).map_err(said)?;
    print_outcomes(&applied.outcomes, &planned.edits, &planned.findings, g);
    let done = (
        applied.applied.len(),
        applied.complete,
        planned.by_hand(applied.applied.len()),
    );
    if applied.applied.is_empty() || args.dry_run {
        return Ok(done);
    }
    let still = fix_file::verify(file, &planned, &applied, &options).map_err(said)?;
    for k in &still {
        println!(
            "  {}: {k}",
            t(
                g,
                "注意: 修正後も残る指摘",
                "note: still reported after the fix"
            )
        );
    }
    if dest == file {
        fix_file::unchanged(file, &applied.bytes, &limits).map_err(said)?;
    }
    write_output(dest, &applied.new_bytes, &policy)
        .map_err(|e| super::explained_in(g, ("", ""), &e))?;
    if dest != file {
        println!("  → {}", dest.display());
    }
    Ok(done)
}

/// A fix error as the CLI says it.
fn fix_error(e: &FixFileError, g: &Global) -> String {
    match e {
        FixFileError::Config(e) => e.to_string(),
        FixFileError::Check(e) => e.to_string(),
        FixFileError::Unreadable { code, message } => format!("{code} {}", message.get(g.lang)),
        FixFileError::Read(e) => super::explained_in(g, ("", ""), e),
        FixFileError::Apply(e) => super::explained_in(g, ("", ""), e),
        FixFileError::TempCopy(e) => super::explained_in(g, ("", ""), e),
        FixFileError::TempDir | FixFileError::NoFileName => e.to_string(),
        FixFileError::CannotFix { format } => cannot_fix(*format, g.lang),
        FixFileError::NewFindings(new_problems) => {
            let list: Vec<String> = new_problems
                .iter()
                .map(|d| format!("{} {}", d.code, d.message.get(g.lang)))
                .collect();
            match g.lang {
                Lang::Ja => format!(
                    "修正後のファイルに新しい指摘が出たため、書き換えを中止しました（元のファイルはそのままです）: {}",
                    list.join(" / ")
                ),
                Lang::En => format!(
                    "the fixed file has new findings, so nothing was written: {}",
                    list.join(" / ")
                ),
            }
        }
        FixFileError::ChangedMeanwhile => t(
            g,
            "修正中にファイルが変更されたため、書き換えを中止しました（元のファイルはそのままです）。",
            "the file changed while it was being fixed; nothing was written",
        )
        .to_string(),
    }
}

/// Why a file of this format is not rewritten, and what to do instead.
fn cannot_fix(format: Format, lang: Lang) -> String {
    match lang {
        Lang::Ja if format.is_legacy_word() || format == Format::Pdf => format!(
            "{} 形式のファイルは書き換えられません。Word で開いて .docx で保存し直してから fix を使ってください（旧様式の報告書は migrate で現行の .docx にできます。指摘の確認だけなら check を使ってください）。",
            format.as_str()
        ),
        Lang::Ja => format!(
            "{} 形式のファイルは書き換えられません。.xlsx で保存し直してください。",
            format.as_str()
        ),
        Lang::En if format.is_legacy_word() || format == Format::Pdf => format!(
            "{} files cannot be rewritten; save the file as .docx in Word and run fix on that (migrate turns an old report into the current .docx; check only reports)",
            format.as_str()
        ),
        Lang::En => format!(
            "{} files cannot be rewritten; save as .xlsx first",
            format.as_str()
        ),
    }
}

/// In place: the file itself may be replaced (a read-only one only with
/// --force); --output: an existing file only with --force. The output
/// takes the input's mode.
fn output_policy<'a>(file: &'a Path, args: &Args) -> OutputPolicy<'a> {
    OutputPolicy {
        may_replace: args.output.is_none() || args.force,
        force: args.force,
        like: Some(file),
    }
}

fn print_outcomes(
    outcomes: &[EditOutcome],
    planned: &[(usize, yoshiki::write::Edit)],
    diags: &[Diagnostic],
    g: &Global,
) {
    for o in outcomes {
        let d = &diags[planned[o.index].0];
        let place = o.location.describe_in(g.lang);
        match &o.status {
            EditStatus::Applied => {
                println!("  {place}  {}", d.code);
                let (b, a) = excerpt_pair(&o.before, &o.after, 12);
                // Tabs (cell separators of text files) and breaks shown
                // as visible marks on one line.
                let show = |s: &str| s.replace('\t', "→").replace('\n', "↵");
                println!("    - {}", show(&b));
                println!("    + {}", show(&a));
            }
            EditStatus::NotFound => println!(
                "  {place}  {}: {}「{}」",
                d.code,
                t(g, "見つからないため未修正", "not found, not fixed"),
                planned[o.index].1.original
            ),
            EditStatus::Refused(why) => println!(
                "  {place}  {}: {} ({why})",
                d.code,
                t(
                    g,
                    "安全に書き換えられないため未修正",
                    "not fixed: cannot be rewritten safely"
                )
            ),
        }
    }
}
