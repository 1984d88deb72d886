//! `yoshiki forms check DIR...` and `yoshiki forms list`: the form
//! definitions, validated and shown; and the loading of `--forms` /
//! `[forms] dirs` that every command reading submissions does first.

use super::{Global, t};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yoshiki::config::Config;
use yoshiki::forms::load;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: FormsCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum FormsCommand {
    /// Validate definition files and run their examples (exit 2 on any problem).
    Check {
        /// Directories of *.toml definitions.
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
    },
    /// The definitions in force (built-in plus --forms / [forms] dirs), with
    /// where each came from.
    List {
        /// Use this config's [forms] dirs.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}

/// The definition directories of a run: `--forms` first, then `[forms]
/// dirs` of the config (`--config`, else the yoshiki.toml found for each
/// path), each once.
fn dirs_for(global: &Global, config: Option<&Path>, paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = global.forms.clone();
    let mut configs: Vec<PathBuf> = Vec::new();
    match config {
        Some(c) => configs.push(c.to_path_buf()),
        None => {
            for p in paths {
                if let Some(found) = Config::find_file(p)
                    && !configs.contains(&found)
                {
                    configs.push(found);
                }
            }
        }
    }
    for c in configs {
        // A config that does not load is reported by the command itself,
        // with its own message.
        let Ok(loaded) = Config::load(&c) else {
            continue;
        };
        for d in loaded.forms_dirs {
            if !dirs.contains(&d) {
                dirs.push(d);
            }
        }
    }
    dirs
}

/// Load and install the definitions in force for this run. On a broken
/// definition the message names file:line:column and the run stops (exit
/// 2): a set is never half loaded.
pub fn install(
    global: &Global,
    command: &str,
    config: Option<&Path>,
    paths: &[PathBuf],
) -> Result<(), ExitCode> {
    let fail = |ja: String, en: String| {
        eprintln!("yoshiki {command}: {}", t(global, &ja, &en));
        ExitCode::from(2)
    };
    let dirs = dirs_for(global, config, paths);
    if dirs.is_empty() {
        return Ok(());
    }
    match load::load(&dirs) {
        Ok(set) => {
            load::install(set);
            Ok(())
        }
        Err(e) => {
            let (ja, en) = super::explained(
                (
                    "様式定義を読み込めません",
                    "cannot load the form definitions",
                ),
                &e,
            );
            // The English message is the detail itself: say it once.
            let en = en.split('\n').next().unwrap_or_default().to_string();
            Err(fail(ja, en))
        }
    }
}

pub fn run(args: &Args, global: &Global) -> ExitCode {
    match &args.command {
        FormsCommand::Check { dirs } => check(dirs, global),
        FormsCommand::List { config } => {
            if let Err(code) = install(
                global,
                "forms list",
                config.as_deref(),
                &[PathBuf::from(".")],
            ) {
                return code;
            }
            list(global)
        }
    }
}

fn check(dirs: &[PathBuf], global: &Global) -> ExitCode {
    let outcome = load::check_dirs(dirs);
    for (id, version, source) in &outcome.checked {
        println!("{source}: {id} {version}");
    }
    for p in &outcome.problems {
        // A serde message gets a Japanese sentence; ours and the rest are
        // kept as written, for the people who write definitions.
        match (global.lang, yoshiki::config::toml_said_ja(&p.message)) {
            (yoshiki::diag::Lang::Ja, Some(said)) => {
                eprintln!("{}: {said}\n  詳細（技術情報）: {}", p.file, p.message)
            }
            _ => eprintln!("{}: {}", p.file, p.message),
        }
    }
    let n = outcome.checked.len();
    if outcome.problems.is_empty() {
        println!(
            "{}",
            match global.lang {
                yoshiki::diag::Lang::Ja => format!(
                    "問題はありません（定義 {n} 件、例 {} 件を確認しました）。",
                    outcome.examples_run
                ),
                yoshiki::diag::Lang::En => format!(
                    "no problems ({n} definitions, {} examples run).",
                    outcome.examples_run
                ),
            }
        );
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{}",
            match global.lang {
                yoshiki::diag::Lang::Ja =>
                    format!("問題が {} 件あります。", outcome.problems.len()),
                yoshiki::diag::Lang::En => format!("{} problems.", outcome.problems.len()),
            }
        );
        ExitCode::from(2)
    }
}

fn list(global: &Global) -> ExitCode {
    let set = load::in_force();
    for (def, builtin) in load::origins(set) {
        let name = match global.lang {
            yoshiki::diag::Lang::En if !def.name_en.is_empty() => &def.name_en,
            _ => &def.name,
        };
        let from = if builtin {
            t(global, "組み込み", "built-in").to_string()
        } else {
            def.source.clone()
        };
        println!(
            "{}\t{}\t{}\t{}\t{}",
            def.id,
            def.version,
            name,
            from,
            def.fields.len() + def.lists.len()
        );
    }
    ExitCode::SUCCESS
}
