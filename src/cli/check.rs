//! `yoshiki check`: lint submissions and render the findings.
//!
//! Exit status: 0 no finding of severity error; 1 at least one; 2 the check
//! could not be made (bad arguments, a path that does not exist, a bad
//! config, or an internal failure of a rule).

use super::Global;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use yoshiki::check::{CheckOptions, CheckReport, check_with_progress};
use yoshiki::config::Config;
use yoshiki::diag::{Lang, human, json, sarif};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Human,
    /// One line per finding: path:place:CODE message.
    Concise,
    Json,
    Sarif,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(
        long,
        visible_alias = "output-format",
        value_enum,
        default_value = "human"
    )]
    pub format: OutputFormat,
    /// Only these rule codes or prefixes (comma-separated: SUM,XD001; ALL).
    #[arg(long, value_name = "CODES")]
    pub select: Vec<String>,
    /// These codes as well as the selected ones.
    #[arg(long, value_name = "CODES")]
    pub extend_select: Vec<String>,
    /// Never these codes or prefixes.
    #[arg(long, value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Check the files named here one by one (by default the files named
    /// together form one submission set, as handed in).
    #[arg(long)]
    pub each: bool,
    /// Print how many findings of each code, instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Print the configuration in effect (file or defaults, call, rules,
    /// form definitions) and exit.
    #[arg(long)]
    pub show_config: bool,
    /// Check as of this date (YYYY-MM-DD): decides which editions and names
    /// are outdated and which dates lie in the future. Default: today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::as_of_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Use this config instead of the yoshiki.toml found beside the files.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Show personal data (names, birth dates) in excerpts instead of ●●●.
    #[arg(long)]
    pub show_personal_data: bool,
    /// Also write a batch report: one row per submission set and every
    /// finding, as an Excel workbook (.xlsx), CSV (.csv, plus
    /// NAME_findings.csv beside it) or one HTML page (.html).
    #[arg(long, value_name = "FILE.xlsx|FILE.csv|FILE.html")]
    pub report: Option<PathBuf>,
    /// Replace an existing --report file.
    #[arg(long)]
    pub force: bool,
    /// No progress bar and no notes on stderr; human output lists only the
    /// files with findings.
    #[arg(long, short)]
    pub quiet: bool,
    /// Read every file in this process instead of in worker processes
    /// (faster to start, but a file that crashes a reader ends the run).
    #[arg(long, hide = true)]
    pub in_process: bool,
    /// Internal: serve set requests on stdin as a worker child.
    #[arg(long, hide = true)]
    pub worker: bool,
    /// The call's blank template(s) as issued (repeatable): what they
    /// already contain (links, comments, hidden text, old editions in
    /// printed clauses) is reported as the template's, info, apart.
    #[arg(long, value_name = "FILE")]
    pub template: Vec<PathBuf>,
    /// Files, directories (each directory is a submission set) or .zip archives.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Refuse the report path (and the CSV's findings file beside it) before
/// any work: a link, or an existing file without --force.
fn report_writable(path: &std::path::Path, force: bool) -> Result<(), yoshiki::write::WriteError> {
    let policy = yoshiki::write::atomic::OutputPolicy {
        may_replace: force,
        force,
        like: None,
    };
    let mut paths = vec![path.to_path_buf()];
    if yoshiki::report::ReportFormat::from_path(path) == Some(yoshiki::report::ReportFormat::Csv) {
        paths.push(yoshiki::report::csv::findings_path(path));
    }
    for p in paths {
        yoshiki::write::atomic::check_output(&p, &policy)?;
    }
    Ok(())
}

/// The worker pool of this check: this binary re-executed with the same
/// arguments plus `--worker` (so every option reaches the child), caps from
/// the limits (`YOSHIKI_WORKER_MEMORY_MB`, `YOSHIKI_WORKERS` override).
fn pool_options(options: &CheckOptions) -> Option<yoshiki::worker::PoolOptions> {
    let program = std::env::current_exe().ok()?;
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let at = args.iter().position(|a| a == "check")?;
    args.insert(at + 1, "--worker".into());
    let mut caps = yoshiki::worker::Caps::default();
    if let Some(mb) = env_number("YOSHIKI_WORKER_MEMORY_MB") {
        caps.memory_bytes = mb.saturating_mul(1024 * 1024);
    }
    let budget = std::time::Duration::from_millis(options.limits.time_budget_ms);
    caps.silence = budget * 2 + std::time::Duration::from_secs(10);
    if let Some(ms) = env_number("YOSHIKI_WORKER_SILENCE_MS") {
        caps.silence = std::time::Duration::from_millis(ms);
    }
    Some(yoshiki::worker::PoolOptions {
        command: yoshiki::worker::WorkerCommand {
            program,
            args,
            caps,
        },
        workers: env_number("YOSHIKI_WORKERS").map_or(0, |n| n as usize),
    })
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.trim().parse().ok()
}

fn fail(global: &Global, ja: &str, en: &str) -> ExitCode {
    let msg = match global.lang {
        Lang::Ja => ja,
        Lang::En => en,
    };
    eprintln!("yoshiki check: {msg}");
    ExitCode::from(2)
}

pub fn run(args: &Args, global: &Global) -> ExitCode {
    let selection =
        yoshiki::select::Selection::from_lists(&args.select, &args.extend_select, &args.ignore);
    let unknown = selection.unknown();
    if !unknown.is_empty() {
        return fail(
            global,
            &format!(
                "「{}」という規則コードはありません（yoshiki explain --all で一覧）。",
                unknown.join("、")
            ),
            &format!(
                "no rule code {} (see yoshiki explain --all)",
                unknown.join(", ")
            ),
        );
    }
    if args.show_config {
        return super::show_config::run(args.config.as_deref(), &args.paths, args.as_of, global);
    }
    let options = match options_of(args, global) {
        Ok(o) => o,
        Err(code) => return code,
    };
    super::progress::quiet_batch_panics();
    if args.worker {
        yoshiki::worker::serve_check(&options);
        return ExitCode::SUCCESS;
    }
    let bar = std::sync::Arc::new(super::progress::Bar::new(0, args.quiet));
    let result = match pool_options(&options) {
        Some(pool) if !args.in_process => {
            yoshiki::worker::check_isolated(&args.paths, &options, &pool, &|p| bar.update(p))
        }
        _ => {
            // The tables every file needs, built while the sets are listed
            // (as a worker child builds them while its parent lists).
            yoshiki::check::warm_up_in_background(yoshiki::check::warm_up);
            let bar = std::sync::Arc::clone(&bar);
            check_with_progress(&args.paths, &options, move |p| bar.update(p))
        }
    };
    bar.finish();
    let mut report = match result {
        Ok(r) => r,
        Err(e) => return fail(global, &e.message_ja(), &e.to_string()),
    };
    if report.files.is_empty() {
        return fail(
            global,
            "対象ファイルがありません（読める形式: .docx .odt .xlsx .xls .ods .pdf .txt .csv など、フォルダ、.zip）。",
            "no input files found (.docx .odt .xlsx .xls .ods .pdf .txt .csv …, folders, .zip)",
        );
    }
    if !args.template.is_empty() {
        let template_options = CheckOptions {
            files_one_by_one: true,
            ..options.clone()
        };
        match yoshiki::check::check(&args.template, &template_options) {
            Ok(t) => {
                yoshiki::origin::TemplateFindings::from_report(&t).attribute(&mut report);
            }
            Err(e) => return fail(global, &e.message_ja(), &e.to_string()),
        }
    }
    selection.apply(&mut report);
    if print_report(&report, args, global).is_err() {
        return ExitCode::from(2);
    }
    if !args.quiet {
        say_config_used(&report, options.config.as_ref(), global.lang);
    }
    if let Err(code) = write_report(&report, args, global) {
        return code;
    }
    if !report.internal_errors.is_empty() {
        for e in &report.internal_errors {
            eprintln!("yoshiki check: internal error: {e}");
        }
        return ExitCode::from(2);
    }
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The check options from the flags; refuses a bad config or report path
/// before any work.
fn options_of(args: &Args, global: &Global) -> Result<CheckOptions, ExitCode> {
    let mut options = CheckOptions {
        files_one_by_one: args.each,
        ..CheckOptions::default()
    };
    if let Some(as_of) = args.as_of {
        options.as_of = as_of;
    }
    if let Some(path) = &args.config {
        match Config::load(path) {
            Ok(c) => options.config = Some(c),
            Err(e) => return Err(fail(global, &e.message_ja(), &e.to_string())),
        }
    }
    if let Some(path) = &args.report
        && yoshiki::report::ReportFormat::from_path(path).is_none()
    {
        return Err(fail(
            global,
            &format!(
                "報告書の形式が分かりません: {}（.xlsx / .csv / .html を指定してください）",
                path.display()
            ),
            &format!(
                "unknown report format: {} (use .xlsx, .csv or .html)",
                path.display()
            ),
        ));
    }
    if let Some(path) = &args.report
        && !args.worker
        && args.paths.iter().any(|p| super::same_file(p, path))
    {
        return Err(fail(
            global,
            &format!(
                "報告書の書き出し先 {} は確認するファイルそのものです。提出されたファイルを上書きしないよう、別の名前を指定してください。",
                path.display()
            ),
            &format!(
                "the report path {} is one of the files checked; name another file so that the submission is not overwritten",
                path.display()
            ),
        ));
    }
    if let Some(path) = &args.report
        && !args.worker
        && let Err(e) = report_writable(path, args.force)
    {
        return Err(fail(
            global,
            &super::explained(("報告書を書き出せません", "cannot write the report"), &e).0,
            &super::explained(("報告書を書き出せません", "cannot write the report"), &e).1,
        ));
    }
    Ok(options)
}

/// Which yoshiki.toml (or the built-in defaults) the sets used, and the
/// call checks it left out, on stderr: a missing config is never silent.
fn say_config_used(report: &CheckReport, explicit: Option<&Config>, lang: Lang) {
    const SHOWN: usize = 3;
    let used = yoshiki::config_file::used_for(&report.sets, &report.config_files, explicit);
    for u in used.iter().take(SHOWN) {
        eprintln!("yoshiki check: {}", u.said(lang));
    }
    if used.len() > SHOWN {
        match lang {
            Lang::Ja => eprintln!(
                "yoshiki check: ほかに {} 個の設定を使いました（--show-config で確かめられます）。",
                used.len() - SHOWN
            ),
            Lang::En => eprintln!(
                "yoshiki check: {} more configs were used (see --show-config).",
                used.len() - SHOWN
            ),
        }
    }
}

/// The findings on stdout in the chosen format.
fn print_report(report: &CheckReport, args: &Args, global: &Global) -> std::io::Result<()> {
    // JSON is streamed file by file (large batches); the others are built whole.
    let text = match args.format {
        _ if args.statistics => Some(yoshiki::diag::concise::statistics(report, global.lang)),
        OutputFormat::Concise => Some(yoshiki::diag::concise::render(report, global.lang)),
        OutputFormat::Human => Some({
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let width = if color {
                terminal_width().unwrap_or(100)
            } else {
                100
            };
            human::render(
                report,
                &human::RenderOptions {
                    lang: global.lang,
                    show_personal: args.show_personal_data,
                    color,
                    width,
                    only_with_findings: args.quiet,
                },
            )
        }),
        OutputFormat::Json => None,
        OutputFormat::Sarif => {
            Some(sarif::render(report, global.lang, args.show_personal_data) + "\n")
        }
    };
    let mut stdout = std::io::stdout().lock();
    let printed = match &text {
        Some(text) => stdout.write_all(text.as_bytes()),
        None => json::write(report, global.lang, args.show_personal_data, &mut stdout)
            .and_then(|_| stdout.write_all(b"\n")),
    };
    printed.and_then(|_| stdout.flush())
}

/// The batch report (`--report`), when asked for.
fn write_report(report: &CheckReport, args: &Args, global: &Global) -> Result<(), ExitCode> {
    if let Some(path) = &args.report {
        let rows = yoshiki::report::from_check(report, global.lang, args.show_personal_data);
        match yoshiki::report::write(path, &rows, global.lang) {
            Ok(written) => {
                if !args.quiet {
                    let list = written
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ");
                    match global.lang {
                        Lang::Ja => eprintln!("yoshiki check: 報告書を書き出しました: {list}"),
                        Lang::En => eprintln!("yoshiki check: report written: {list}"),
                    }
                }
            }
            Err(e) => {
                return Err(fail(
                    global,
                    // The report's error names the report already.
                    &super::explained(("", ""), &e).0,
                    &super::explained(("", ""), &e).1,
                ));
            }
        }
    }
    Ok(())
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()?
        .parse()
        .ok()
        .filter(|w| *w >= 40)
}
