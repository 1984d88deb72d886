//! `yoshiki check`: lint submissions and render the findings.
//!
//! Exit status: 0 no finding of severity error; 1 at least one; 2 the check
//! could not be made (bad arguments, a path that does not exist, a bad
//! config, or an internal failure of a rule).

use super::Global;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use yoshiki::check::{CheckOptions, check_with_progress};
use yoshiki::config::Config;
use yoshiki::diag::{Lang, human, json, sarif};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Check as of this date (YYYY-MM-DD): decides which editions and names
    /// are outdated and which dates lie in the future. Default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
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
    /// No progress bar and no notes on stderr (results still go to stdout).
    #[arg(long, short)]
    pub quiet: bool,
    /// Files, directories (each directory is a submission set) or .zip archives.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
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
    let mut options = CheckOptions::default();
    if let Some(as_of) = args.as_of {
        options.as_of = as_of;
    }
    if let Some(path) = &args.config {
        match Config::load(path) {
            Ok(c) => options.config = Some(c),
            Err(e) => return fail(global, &e.message_ja(), &e.to_string()),
        }
    }
    if let Some(path) = &args.report
        && yoshiki::report::ReportFormat::from_path(path).is_none()
    {
        return fail(
            global,
            &format!(
                "報告書の形式が分かりません: {}（.xlsx / .csv / .html を指定してください）",
                path.display()
            ),
            &format!(
                "unknown report format: {} (use .xlsx, .csv or .html)",
                path.display()
            ),
        );
    }
    super::progress::quiet_batch_panics();
    let bar = super::progress::Bar::new(0, args.quiet);
    let result = check_with_progress(&args.paths, &options, &|p| bar.update(p));
    bar.finish();
    let report = match result {
        Ok(r) => r,
        Err(e) => return fail(global, &e.message_ja(), &e.to_string()),
    };
    // JSON is streamed file by file (large batches); the others are built whole.
    let text = match args.format {
        OutputFormat::Human => Some({
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let width = if color {
                terminal_width().unwrap_or(100)
            } else {
                100
            };
            human::render(
                &report,
                &human::RenderOptions {
                    lang: global.lang,
                    show_personal: args.show_personal_data,
                    color,
                    width,
                },
            )
        }),
        OutputFormat::Json => None,
        OutputFormat::Sarif => {
            Some(sarif::render(&report, global.lang, args.show_personal_data) + "\n")
        }
    };
    let mut stdout = std::io::stdout().lock();
    let printed = match &text {
        Some(text) => stdout.write_all(text.as_bytes()),
        None => json::write(&report, global.lang, args.show_personal_data, &mut stdout)
            .and_then(|_| stdout.write_all(b"\n")),
    };
    if printed.and_then(|_| stdout.flush()).is_err() {
        return ExitCode::from(2);
    }
    if let Some(path) = &args.report {
        let rows = yoshiki::report::from_check(&report, global.lang, args.show_personal_data);
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
                return fail(
                    global,
                    &format!("報告書を書き出せません: {e}"),
                    &format!("cannot write the report: {e}"),
                );
            }
        }
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

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()?
        .parse()
        .ok()
        .filter(|w| *w >= 40)
}
