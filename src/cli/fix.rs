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
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yoshiki::check::{CheckOptions, check};
use yoshiki::config::Config;
use yoshiki::diag::{Diagnostic, Lang};
use yoshiki::model::Format;
use yoshiki::read::{Limits, read_file_bytes};
use yoshiki::write::atomic::{OutputPolicy, check_output, write_output};
use yoshiki::write::fix::{
    apply_edits, can_fix, excerpt_pair, finding_key, new_findings, safe_edits,
};
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
    // A folder stands for every file below it that fix can rewrite.
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
        return ExitCode::from(2);
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
        return ExitCode::from(2);
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
            return ExitCode::from(2);
        }
        if !f.is_file() {
            eprintln!(
                "yoshiki fix: {}",
                match g.lang {
                    Lang::Ja => format!("ファイル「{}」が見つかりません。", f.display()),
                    Lang::En => format!("{}: not a file", f.display()),
                }
            );
            return ExitCode::from(2);
        }
    }
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
    if args.dry_run {
        println!(
            "{}",
            match g.lang {
                Lang::Ja => format!(
                    "{} ファイル: {total} 件を直せます（書き換えていません: --dry-run）。手作業で直すもの {left} 件",
                    files.len()
                ),
                Lang::En => format!(
                    "{} file(s): {total} fix(es) possible (nothing written: --dry-run); {left} left to fix by hand",
                    files.len()
                ),
            }
        );
    } else {
        println!(
            "{}",
            match g.lang {
                Lang::Ja => format!(
                    "{} ファイル: {total} 件を修正しました。手作業で直すもの {left} 件（yoshiki check で確認できます）",
                    files.len()
                ),
                Lang::En => format!(
                    "{} file(s): {total} fix(es) applied; {left} left to fix by hand (see yoshiki check)",
                    files.len()
                ),
            }
        );
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The config `check` would use for this file, made explicit so that the
/// rewritten copy (checked from a temporary folder) is judged the same way.
fn options_for(file: &Path, args: &Args, explicit: Option<Config>) -> Result<CheckOptions, String> {
    let mut o = CheckOptions::default();
    if let Some(d) = args.as_of {
        o.as_of = d;
    }
    o.config = match explicit {
        Some(c) => Some(c),
        None => {
            let dir = file.parent().unwrap_or(Path::new("."));
            match Config::find_file(dir) {
                Some(p) => Some(Config::load(&p).map_err(|e| e.to_string())?),
                None => Some(Config::builtin().clone()),
            }
        }
    };
    Ok(o)
}

fn findings(path: &Path, options: &CheckOptions) -> Result<Vec<Diagnostic>, String> {
    let report = check(&[path.to_path_buf()], options).map_err(|e| e.to_string())?;
    Ok(report
        .files
        .into_iter()
        .flat_map(|f| f.diagnostics)
        .collect())
}

/// Findings (errors and warnings) that are left to fix by hand.
fn by_hand(diags: &[Diagnostic], fixed: usize) -> usize {
    diags
        .iter()
        .filter(|d| d.severity != yoshiki::diag::Severity::Info)
        .count()
        .saturating_sub(fixed)
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

fn fix_one(
    file: &Path,
    args: &Args,
    explicit: Option<Config>,
    g: &Global,
) -> Result<(usize, bool, usize), String> {
    let limits = Limits::default();
    let options = options_for(file, args, explicit)?;
    let policy = output_policy(file, args);
    let dest = args.output.as_deref().unwrap_or(file);
    if !args.dry_run {
        check_output(dest, &policy).map_err(|e| super::explained_in(g, ("", ""), &e))?;
    }
    let diags = findings(file, &options)?;
    // A file that could not be read has nothing "to fix": that is a
    // failure, not a clean bill.
    if let Some(d) = diags
        .iter()
        .find(|d| d.code.starts_with("IN00") && d.code != "IN004")
    {
        return Err(format!("{} {}", d.code, d.message.get(g.lang)));
    }
    let planned = safe_edits(&diags);
    println!("{}", file.display());
    if planned.is_empty() {
        println!(
            "  {}",
            t(
                g,
                "自動で直せる指摘はありません。",
                "nothing to fix automatically."
            )
        );
        return Ok((0, true, by_hand(&diags, 0)));
    }
    let doc = yoshiki::read_path_bounded(file, &limits)
        .map_err(|e| super::explained_in(g, ("", ""), &e))?;
    if !can_fix(doc.format) {
        return Err(match g.lang {
            Lang::Ja if doc.format.is_legacy_word() || doc.format == Format::Pdf => format!(
                "{} 形式のファイルは書き換えられません。Word で開いて .docx で保存し直してから fix を使ってください（旧様式の報告書は migrate で現行の .docx にできます。指摘の確認だけなら check を使ってください）。",
                doc.format.as_str()
            ),
            Lang::Ja => format!(
                "{} 形式のファイルは書き換えられません。.xlsx で保存し直してください。",
                doc.format.as_str()
            ),
            Lang::En if doc.format.is_legacy_word() || doc.format == Format::Pdf => format!(
                "{} files cannot be rewritten; save the file as .docx in Word and run fix on that (migrate turns an old report into the current .docx; check only reports)",
                doc.format.as_str()
            ),
            Lang::En => format!(
                "{} files cannot be rewritten; save as .xlsx first",
                doc.format.as_str()
            ),
        });
    }
    let bytes = read_file_bytes(file, &limits).map_err(|e| super::explained_in(g, ("", ""), &e))?;
    let edits: Vec<_> = planned.iter().map(|(_, e)| e.clone()).collect();
    let (new_bytes, outcomes) =
        apply_edits(&bytes, doc.format, doc.encoding.as_deref(), &edits, &limits)
            .map_err(|e| super::explained_in(g, ("", ""), &e))?;
    print_outcomes(&outcomes, &planned, &diags, g);
    let applied: Vec<usize> = outcomes
        .iter()
        .filter(|o| o.status == EditStatus::Applied)
        .map(|o| planned[o.index].0)
        .collect();
    let complete = applied.len() == outcomes.len();
    if applied.is_empty() || args.dry_run {
        return Ok((applied.len(), complete, by_hand(&diags, applied.len())));
    }

    // Check the fixed copy before it replaces anything.
    let tmp = tempdir_for_check()?;
    let name = file.file_name().ok_or("no file name")?;
    let copy = tmp.join(name);
    write_private(&copy, &new_bytes).map_err(|e| super::explained_in(g, ("", ""), &e))?;
    let after = findings(&copy, &options);
    let _ = std::fs::remove_file(&copy);
    let _ = std::fs::remove_dir(&tmp);
    let after = after?;
    let mut before_count: BTreeMap<String, i64> = BTreeMap::new();
    for d in &diags {
        *before_count.entry(finding_key(d)).or_default() += 1;
    }
    for &i in &applied {
        *before_count.entry(finding_key(&diags[i])).or_default() -= 1;
    }
    let mut after_count: BTreeMap<String, i64> = BTreeMap::new();
    for d in &after {
        *after_count.entry(finding_key(d)).or_default() += 1;
    }
    let new_problems = new_findings(&diags, &after);
    if !new_problems.is_empty() {
        let list: Vec<String> = new_problems
            .iter()
            .map(|d| format!("{} {}", d.code, d.message.get(g.lang)))
            .collect();
        return Err(match g.lang {
            Lang::Ja => format!(
                "修正後のファイルに新しい指摘が出たため、書き換えを中止しました（元のファイルはそのままです）: {}",
                list.join(" / ")
            ),
            Lang::En => format!(
                "the fixed file has new findings, so nothing was written: {}",
                list.join(" / ")
            ),
        });
    }
    for (k, n) in &after_count {
        if *n > before_count.get(k).copied().unwrap_or(0).max(0) {
            println!(
                "  {}: {k}",
                t(
                    g,
                    "注意: 修正後も残る指摘",
                    "note: still reported after the fix"
                )
            );
        }
    }
    // The file must not have changed since it was read (saved from Word
    // meanwhile): replacing it would lose that work.
    if dest == file
        && read_file_bytes(file, &limits).map_err(|e| super::explained_in(g, ("", ""), &e))?
            != bytes
    {
        return Err(t(
            g,
            "修正中にファイルが変更されたため、書き換えを中止しました（元のファイルはそのままです）。",
            "the file changed while it was being fixed; nothing was written",
        )
        .to_string());
    }
    write_output(dest, &new_bytes, &policy).map_err(|e| super::explained_in(g, ("", ""), &e))?;
    if dest != file {
        println!("  → {}", dest.display());
    }
    Ok((applied.len(), complete, by_hand(&diags, applied.len())))
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

/// A temporary copy only this user can read (a confidential proposal).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(bytes)
}

fn tempdir_for_check() -> Result<PathBuf, String> {
    let base = std::env::temp_dir();
    sweep_stale_check_dirs(&base);
    for n in 0..100u32 {
        let p = base.join(format!("yoshiki-fix-{}-{n}", std::process::id()));
        #[cfg_attr(not(unix), allow(unused_mut))]
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        if builder.create(&p).is_ok() {
            return Ok(p);
        }
    }
    Err("cannot create a temporary folder".into())
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

/// Remove `yoshiki-fix-PID-N` folders (with the copy inside) left in the
/// temporary folder by a run that was killed: a confidential proposal must
/// not linger there.
fn sweep_stale_check_dirs(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix("yoshiki-fix-")) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id()
            && !yoshiki::write::atomic::process_alive(pid)
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
