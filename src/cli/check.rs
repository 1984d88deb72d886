//! `yoshiki check`: lint submissions and render the findings.
//!
//! Exit status: 0 no finding of severity error; 1 at least one; 2 the check
//! could not be made (bad arguments, a path that does not exist, a bad
//! config, or an internal failure of a rule).

use super::Global;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use yoshiki::check::{CheckOptions, check};
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
    let report = match check(&args.paths, &options) {
        Ok(r) => r,
        Err(e) => return fail(global, &e.message_ja(), &e.to_string()),
    };
    let text = match args.format {
        OutputFormat::Human => {
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
        }
        OutputFormat::Json => json::render(&report, global.lang, args.show_personal_data) + "\n",
        OutputFormat::Sarif => sarif::render(&report, global.lang, args.show_personal_data) + "\n",
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return ExitCode::from(2);
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
