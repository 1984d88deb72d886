//! `yoshiki explain CODE`: what a rule checks, why, and an example (the
//! rule file's `//!` docs). An unknown code exits with status 2 and lists
//! the codes it might have meant.

use super::Global;
use std::process::ExitCode;
use yoshiki::diag::Lang;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule code, e.g. VER001.
    #[arg(value_name = "CODE", required_unless_present = "all")]
    pub code: Option<String>,
    /// Every rule, one after another.
    #[arg(long, conflicts_with = "code")]
    pub all: bool,
}

pub fn run(args: &Args, global: &Global) -> ExitCode {
    if args.all {
        let all = yoshiki::rules::all();
        for (n, meta) in all.iter().enumerate() {
            if n > 0 {
                println!("\n{}\n", "─".repeat(40));
            }
            print_rule(meta, global);
        }
        return ExitCode::SUCCESS;
    }
    let code = args.code.as_deref().unwrap_or_default();
    let Some(meta) = yoshiki::rules::meta(code.trim()) else {
        let close = yoshiki::config_file::close_codes(code);
        let all: Vec<&str> = yoshiki::rules::all().iter().map(|m| m.code).collect();
        let suggestions = if close.is_empty() { all } else { close };
        match global.lang {
            Lang::Ja => eprintln!(
                "yoshiki explain: 「{}」という規則コードはありません。候補: {}",
                code,
                suggestions.join(", ")
            ),
            Lang::En => eprintln!(
                "yoshiki explain: no rule code `{}`. Did you mean: {}",
                code,
                suggestions.join(", ")
            ),
        }
        return ExitCode::from(2);
    };
    print_rule(meta, global);
    ExitCode::SUCCESS
}

fn print_rule(meta: &yoshiki::rules::RuleMeta, global: &Global) {
    let title = meta.title(global.lang);
    println!(
        "{} [{}] {}\n",
        meta.code,
        meta.default_severity.as_str(),
        title
    );
    println!("{}", meta.doc(global.lang));
}
