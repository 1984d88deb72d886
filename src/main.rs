//! The `yoshiki` command line: parses arguments and renders what the
//! library returns.

mod cli;

// mimalloc instead of the system allocator: the readers and rules make many
// small short-lived allocations from several threads, where glibc's malloc
// spent ~15 % of `check`'s time and contended on its arena locks (issue 13,
// docs/benchmarks.md). Unix only: the Windows build (mingw) keeps the
// system heap.
#[cfg(unix)]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::process::ExitCode;
use yoshiki::diag::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "yoshiki",
    version,
    about = "様式: read, extract, lint and migrate Japanese government application forms"
)]
struct Cli {
    /// Message language (also YOSHIKI_LANG=en).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "ja",
        env = "YOSHIKI_LANG",
        ignore_case = true
    )]
    lang: LangArg,
    /// Show internal errors with their full detail (and a backtrace when
    /// RUST_BACKTRACE is set).
    #[arg(long, global = true)]
    debug: bool,
    /// Form definitions of other calls: a directory of *.toml files
    /// (repeatable); they join or replace the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    forms: Vec<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint submissions: every problem, where it is, what to write instead.
    Check(cli::check::Args),
    /// Extract the filled-in fields into the canonical schema.
    Extract(cli::extract::Args),
    /// Print the document model with locations (what the reader saw).
    Dump(cli::dump::Args),
    /// Apply every safe fix inside the file itself, formatting kept.
    Fix(cli::fix::Args),
    /// Move a filled old template onto the current one.
    Migrate(cli::migrate::Args),
    /// Write a copy with every finding attached as a comment / cell note.
    Annotate(cli::annotate::Args),
    /// Print what a rule checks, why, and an example.
    Explain(cli::explain::Args),
    /// Validate form definitions (`forms check DIR`) or list those in force.
    Forms(cli::forms::Args),
    /// Write form definitions from a call's blank template(s).
    Learn(cli::learn::Args),
    /// The self-check page in a browser, served from this computer.
    Serve(cli::serve::Args),
}

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::lang::choose(&argv);
    let argv = match lang {
        Lang::Ja => cli::lang::help_word(argv),
        Lang::En => argv,
    };
    let mut command = cli::lang::localise(Cli::command(), lang);
    let parsed = command
        .try_get_matches_from_mut(argv.clone())
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return cli::lang::finish(e, lang, &mut command, &argv),
    };
    if !cli.debug {
        quiet_panics();
    }
    let global = cli::Global {
        lang: match cli.lang {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
        },
        forms: cli.forms.clone(),
    };
    // The definitions in force, loaded once for the run.
    let (config, paths): (Option<&std::path::Path>, Vec<std::path::PathBuf>) = match &cli.command {
        Command::Check(a) => (a.config.as_deref(), a.paths.clone()),
        Command::Extract(a) => (None, a.paths.clone()),
        Command::Dump(a) => (None, a.paths.clone()),
        Command::Fix(a) => (a.config.as_deref(), a.files.clone()),
        Command::Migrate(a) => (None, vec![a.old.clone()]),
        Command::Annotate(a) => (a.config.as_deref(), vec![a.file.clone()]),
        Command::Serve(a) => (a.config.as_deref(), vec![std::path::PathBuf::from(".")]),
        Command::Explain(_) | Command::Forms(_) | Command::Learn(_) => (None, Vec::new()),
    };
    if !paths.is_empty()
        && let Err(code) = cli::forms::install(&global, command_name(&cli.command), config, &paths)
    {
        return code;
    }
    match &cli.command {
        Command::Check(a) => cli::check::run(a, &global),
        Command::Extract(a) => cli::extract::run(a, &global),
        Command::Dump(a) => cli::dump::run(a, &global),
        Command::Fix(a) => cli::fix::run(a, &global),
        Command::Migrate(a) => cli::migrate::run(a, &global),
        Command::Annotate(a) => cli::annotate::run(a, &global),
        Command::Explain(a) => cli::explain::run(a, &global),
        Command::Forms(a) => cli::forms::run(a, &global),
        Command::Learn(a) => cli::learn::run(a, &global),
        Command::Serve(a) => cli::serve::run_serve(a, &global),
    }
}

fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Check(_) => "check",
        Command::Extract(_) => "extract",
        Command::Dump(_) => "dump",
        Command::Fix(_) => "fix",
        Command::Migrate(_) => "migrate",
        Command::Annotate(_) => "annotate",
        Command::Explain(_) => "explain",
        Command::Forms(_) => "forms",
        Command::Learn(_) => "learn",
        Command::Serve(_) => "serve",
    }
}

/// An internal error is reported once, in one line, never with a backtrace
/// (RUST_BACKTRACE is honoured only with --debug): officials see a message,
/// not a stack dump.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        eprintln!("yoshiki: 内部エラー / internal error: {message} (--debug で詳細)");
    }));
}
