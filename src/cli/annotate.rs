//! `yoshiki annotate FILE -o OUT`: a copy of the submission with every
//! finding of `check` attached where it occurs (Word comment / Excel note).
//!
//! Exit status: 0 written; 2 could not do it (bad arguments, unsupported
//! format, output exists without --force).

use super::{Global, refuse_overwrite, same_file};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yoshiki::diag::Lang;
use yoshiki::read::Limits;
use yoshiki::write::annotate::AnnotateOptions;
use yoshiki::write::annotate_file::{AnnotateFile, AnnotatedFile, annotate_file};
use yoshiki::write::atomic::{OutputPolicy, check_output, write_output};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The submission (.docx, .xlsx ...).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write the annotated copy.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub force: bool,
    /// Check as of this date (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::as_of_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Use this config instead of the yoshiki.toml found beside the file.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Check FILE alone. By default it is checked with the other files of
    /// its folder (its submission set, as `yoshiki check FOLDER` does), so
    /// that cross-document findings (XD001 ...) are attached and no
    /// 「理由書が見当たりません」 is written for a 理由書 lying beside it.
    #[arg(long)]
    pub alone: bool,
    /// The default (kept for scripts that name it): check FILE with its
    /// folder.
    #[arg(long, hide = true, conflicts_with = "alone")]
    pub set: bool,
}

fn fail(g: &Global, ja: String, en: String) -> ExitCode {
    eprintln!(
        "yoshiki annotate: {}",
        if g.lang == Lang::Ja { ja } else { en }
    );
    ExitCode::from(2)
}

pub fn run(args: &Args, g: &Global) -> ExitCode {
    let limits = Limits::default();
    if !args.file.is_file() {
        return fail(
            g,
            format!(
                "ファイル「{}」が見つかりません（フォルダは指定できません）。",
                args.file.display()
            ),
            format!("{}: not a file", args.file.display()),
        );
    }
    if same_file(&args.file, &args.output) {
        return fail(
            g,
            "出力先に元のファイルは指定できません（元のファイルは変更しません）。".into(),
            "the output must not be the input file.".into(),
        );
    }
    if let Some((ja, en)) = refuse_overwrite(&args.output, args.force) {
        return fail(g, ja, en);
    }
    let policy = OutputPolicy {
        may_replace: args.force,
        force: args.force,
        like: Some(&args.file),
    };
    if let Err(e) = check_output(&args.output, &policy) {
        let (ja, en) = super::explained(("書き出せません", "cannot write"), &e);
        return fail(g, ja, en);
    }
    let job = AnnotateFile {
        file: &args.file,
        output_name: args.output.display().to_string(),
        as_of: args.as_of,
        config: args.config.as_deref(),
        alone: args.alone,
        annotate: AnnotateOptions {
            lang: g.lang,
            author: "yoshiki".into(),
            date: Some(chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        },
    };
    let done = match annotate_file(&job, &limits) {
        Ok(done) => done,
        Err(e) => {
            let (ja, en) = super::explained(("", ""), &e);
            return fail(g, ja, en);
        }
    };
    if let Err(e) = write_output(&args.output, &done.bytes, &policy) {
        let (ja, en) = super::explained(("書き出せませんでした", "cannot write"), &e);
        return fail(g, ja, en);
    }
    print_placed(&done, &args.output, g.lang);
    ExitCode::SUCCESS
}

/// How many findings went where.
fn print_placed(done: &AnnotatedFile, output: &Path, lang: Lang) {
    let diags = &done.findings;
    match lang {
        Lang::Ja => println!(
            "{} 件の指摘を付けました → {}",
            diags.len(),
            output.display()
        ),
        Lang::En => println!("{} finding(s) attached → {}", diags.len(), output.display()),
    }
    for a in &done.placed {
        let d = &diags[a.index];
        let mark = if a.fallback {
            match lang {
                Lang::Ja => "（先頭に付けました）",
                Lang::En => " (put at the start)",
            }
        } else {
            ""
        };
        println!("  {:<8} {}{}", d.code, a.location.describe_in(lang), mark);
    }
}
