//! `yoshiki annotate FILE -o OUT`: a copy of the submission with every
//! finding of `check` attached where it occurs (Word comment / Excel note).
//!
//! Exit status: 0 written; 2 could not do it (bad arguments, unsupported
//! format, output exists without --force).

use super::{Global, refuse_overwrite, same_file};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yoshiki::check::{CheckOptions, check};
use yoshiki::config::Config;
use yoshiki::diag::Lang;
use yoshiki::read::{Limits, read_bytes, read_file_bytes};
use yoshiki::write::annotate::{AnnotateOptions, annotate, can_annotate};
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
    let doc = match yoshiki::read_path_bounded(&args.file, &limits) {
        Ok(d) => d,
        Err(e) => {
            let (ja, en) = super::explained(("", ""), &e);
            return fail(g, ja, en);
        }
    };
    if !can_annotate(doc.format) {
        return fail(
            g,
            format!(
                "{} 形式のファイルにはコメントを付けられません（.docx / .xlsx のみ）。Word/Excel で .docx / .xlsx に保存し直してから annotate を使うか、指摘の一覧は check で出してください。",
                doc.format.as_str()
            ),
            format!(
                "comments cannot be added to {} files (.docx / .xlsx only); save as .docx / .xlsx first, or list the findings with check",
                doc.format.as_str()
            ),
        );
    }
    let mut options = CheckOptions::default();
    if let Some(d) = args.as_of {
        options.as_of = d;
    }
    if let Some(p) = &args.config {
        match Config::load(p) {
            Ok(c) => options.config = Some(c),
            Err(e) => {
                let (ja, en) = super::explained(("", ""), &e);
                return fail(g, ja, en);
            }
        }
    }
    let with_set = !args.alone;
    let target = if with_set {
        args.file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf()
    } else {
        args.file.clone()
    };
    let report = match check(&[target], &options) {
        Ok(r) => r,
        Err(e) => {
            let (ja, en) = super::explained(("", ""), &e);
            return fail(g, ja, en);
        }
    };
    let diags: Vec<_> = report
        .files
        .into_iter()
        .filter(|f| !with_set || same_file(Path::new(&f.path), &args.file))
        .flat_map(|f| f.diagnostics)
        .collect();
    let bytes = match read_file_bytes(&args.file, &limits) {
        Ok(b) => b,
        Err(e) => {
            let (ja, en) = super::explained(("読み込めません", "cannot read"), &e);
            return fail(g, ja, en);
        }
    };
    let opts = AnnotateOptions {
        lang: g.lang,
        author: "yoshiki".into(),
        date: Some(chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()),
    };
    let (out, placed) = match annotate(&bytes, doc.format, &diags, &opts, &limits) {
        Ok(x) => x,
        Err(e) => {
            return fail(
                g,
                super::explained(
                    (
                        "コメントを付けられませんでした",
                        "cannot attach the comments",
                    ),
                    &e,
                )
                .0,
                super::explained(
                    (
                        "コメントを付けられませんでした",
                        "cannot attach the comments",
                    ),
                    &e,
                )
                .1,
            );
        }
    };
    // The copy must read back with every comment on it.
    let before = doc.package.as_ref().map_or(0, |p| p.comments.len());
    match read_bytes(&args.output.display().to_string(), out.clone(), &limits) {
        Ok(back) => {
            let n = back.package.as_ref().map_or(0, |p| p.comments.len());
            if n < before + diags.len() && !diags.is_empty() && doc.format.is_word() {
                return fail(
                    g,
                    format!(
                        "書き出す前の確認で、コメントが {n} 件しか読み取れませんでした（{} 件のはず）。",
                        before + diags.len()
                    ),
                    format!(
                        "verification failed: {n} comments read back, expected {}",
                        before + diags.len()
                    ),
                );
            }
        }
        Err(e) => {
            return fail(
                g,
                super::explained(
                    (
                        "書き出す前の確認で読み込めませんでした",
                        "the check before writing cannot read it",
                    ),
                    &e,
                )
                .0,
                super::explained(
                    (
                        "書き出す前の確認で読み込めませんでした",
                        "the check before writing cannot read it",
                    ),
                    &e,
                )
                .1,
            );
        }
    }
    if let Err(e) = write_output(&args.output, &out, &policy) {
        let (ja, en) = super::explained(("書き出せませんでした", "cannot write"), &e);
        return fail(g, ja, en);
    }
    match g.lang {
        Lang::Ja => println!(
            "{} 件の指摘を付けました → {}",
            diags.len(),
            args.output.display()
        ),
        Lang::En => println!(
            "{} finding(s) attached → {}",
            diags.len(),
            args.output.display()
        ),
    }
    for a in &placed {
        let d = &diags[a.index];
        let mark = if a.fallback {
            match g.lang {
                Lang::Ja => "（先頭に付けました）",
                Lang::En => " (put at the start)",
            }
        } else {
            ""
        };
        println!("  {:<8} {}{}", d.code, a.location.describe_in(g.lang), mark);
    }
    ExitCode::SUCCESS
}
