//! The command line in the user's language. clap has no translations, so
//! the language is read from argv / `YOSHIKI_LANG` before parsing, the
//! Japanese help texts (`help_ja.rs`) are set on the built `Command`, and
//! clap's argument errors are rendered here from their kind and context.
//! English is clap's own rendering of the doc comments.

use super::help_ja;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use std::ffi::OsString;
use std::process::ExitCode;
use std::sync::OnceLock;
use yoshiki::diag::Lang;

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// The language chosen for this run (Japanese until `choose` has run):
/// for value parsers, which clap calls without any context.
pub fn current() -> Lang {
    CHOSEN.get().copied().unwrap_or(Lang::Ja)
}

/// The language asked for: the last `--lang X` / `--lang=X` on the command
/// line, else `YOSHIKI_LANG`, else Japanese. Read before parsing because
/// the help and the errors of parsing itself must already speak it.
pub fn choose(argv: &[OsString]) -> Lang {
    let mut asked = std::env::var("YOSHIKI_LANG").ok();
    let mut args = argv.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        } else if a == "--lang" {
            asked = args.next().map(|v| v.into_owned());
        } else if let Some(v) = a.strip_prefix("--lang=") {
            asked = Some(v.to_string());
        }
    }
    let lang = match asked {
        Some(l) if l.trim().eq_ignore_ascii_case("en") => Lang::En,
        _ => Lang::Ja,
    };
    let _ = CHOSEN.set(lang);
    lang
}

/// `yoshiki help check` → `yoshiki check --help`: the Japanese command
/// line has no clap help subcommand (its texts cannot be translated), so
/// the word is turned into the flag.
pub fn help_word(mut argv: Vec<OsString>) -> Vec<OsString> {
    let mut i = 1;
    while let Some(a) = argv.get(i).map(|a| a.to_string_lossy()) {
        if a == "--lang" || a == "--forms" {
            i += 2;
        } else if a.starts_with('-') {
            i += 1;
        } else {
            break;
        }
    }
    if argv.get(i).is_some_and(|a| a == "help") {
        argv.remove(i);
        argv.push("--help".into());
    }
    argv
}

const TEMPLATE: &str =
    "{before-help}{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";

/// The command with Japanese texts (English: unchanged).
pub fn localise(cmd: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => cmd,
        Lang::Ja => {
            let cmd = localise_at(cmd, "").disable_version_flag(true).arg(flag(
                "version",
                'V',
                ArgAction::Version,
            ));
            cmd.subcommand(
                Command::new("help")
                    .about("各コマンドの説明を表示します（例: yoshiki help check）")
                    .help_template(TEMPLATE),
            )
        }
    }
}

fn flag(id: &'static str, short: char, action: ArgAction) -> Arg {
    Arg::new(id)
        .short(short)
        .long(id)
        .action(action)
        .help(help_ja::arg("", id).unwrap_or_default())
}

fn localise_at(mut cmd: Command, path: &str) -> Command {
    if let Some(about) = help_ja::about(path) {
        cmd = cmd.about(about).long_about(None);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("コマンド")
        .subcommand_value_name("コマンド")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(flag("help", 'h', ArgAction::Help));
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = help_ja::arg(path, &id);
        // Defaults, values and the variable are written into the Japanese
        // text itself: clap would print them in English brackets.
        cmd = cmd.mut_arg(id, |a| {
            let a = if a.get_action().takes_values() {
                a.hide_possible_values(true)
                    .hide_default_value(true)
                    .hide_env(true)
            } else {
                a
            };
            let a = a.long_help(None);
            match help {
                Some(h) => a.help(h),
                None => a,
            }
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name, |s| localise_at(s, &sub));
    }
    cmd
}

/// The words clap writes into help whatever the texts are.
fn ja_words(text: &str) -> String {
    text.lines()
        .map(|l| match l {
            "Arguments:" => "引数:".to_string(),
            "Options:" => "オプション:".to_string(),
            _ => l
                .replace("[OPTIONS]", "[オプション]")
                .replace("[aliases: ", "[別名: ")
                .replace("[alias: ", "[別名: "),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Print what parsing ended with (help, version or an argument error) and
/// the exit status: 0 for help and version, 2 for an error, as clap does.
pub fn finish(e: clap::Error, lang: Lang, cmd: &mut Command, argv: &[OsString]) -> ExitCode {
    if lang == Lang::En {
        let _ = e.print();
        return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
    }
    let code = ExitCode::from(e.exit_code().clamp(0, 255) as u8);
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            println!("{}", ja_words(&e.render().to_string()).trim_end());
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprintln!("{}", ja_words(&e.render().to_string()).trim_end());
        }
        _ => eprintln!("{}", error_ja(&e, cmd, argv)),
    }
    code
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    e.get(kind).map(|v| match v {
        ContextValue::Strings(s) => s.join(", "),
        ContextValue::StyledStrs(s) => s
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    })
}

/// A Japanese message for an argument error: what is wrong, with the
/// argument named, what to do, then the usage of the command.
fn error_ja(e: &clap::Error, cmd: &mut Command, argv: &[OsString]) -> String {
    let get = |k| context(e, k).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    // "--format <FORMAT>" → "--format"; a positional stays "<PATH>...".
    let name = match arg.split_whitespace().next() {
        Some(n) if n.starts_with('-') => n.to_string(),
        _ => arg.clone(),
    };
    let value = get(ContextKind::InvalidValue);
    let valid = get(ContextKind::ValidValue);
    let mut text = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("{name} には値が必要です（{arg} の形で書きます）。")
        }
        ErrorKind::InvalidValue => format!("{name} の値 '{value}' は使えません。"),
        ErrorKind::ValueValidation => value_validation(e, &name, &value),
        ErrorKind::UnknownArgument => format!("{arg} というオプションはありません。"),
        ErrorKind::InvalidSubcommand => format!(
            "{} というコマンドはありません。",
            get(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("{arg} を指定してください（必須です）。")
        }
        ErrorKind::MissingSubcommand => "コマンドを指定してください。".to_string(),
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            if prior.is_empty() || prior == arg {
                format!("{arg} は一度だけ指定してください。")
            } else {
                format!("{arg} と {prior} は一緒には使えません。どちらか一方にしてください。")
            }
        }
        ErrorKind::NoEquals => format!("{name} は {name}=値 の形で書いてください。"),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{name} に渡す値の数が正しくありません。")
        }
        ErrorKind::InvalidUtf8 => {
            "引数に文字として読めないバイト列があります（UTF-8 で渡してください）。".to_string()
        }
        _ => format!(
            "引数が正しくありません。（詳細: {}）",
            e.render().to_string().trim()
        ),
    };
    if !valid.is_empty() && matches!(e.kind(), ErrorKind::InvalidValue) {
        text.push_str(&format!("{valid} のどれかを指定してください。"));
    }
    for (kind, what) in [
        (ContextKind::SuggestedArg, "オプション"),
        (ContextKind::SuggestedSubcommand, "コマンド"),
        (ContextKind::SuggestedValue, "値"),
    ] {
        if let Some(s) = context(e, kind) {
            text.push_str(&format!("もしかして{what} {s} ですか？"));
        }
    }
    let (command, usage) = command_and_usage(e, cmd, argv);
    let mut out = format!("{command}: {text}");
    if !usage.is_empty() {
        out.push_str(&format!("\n\n使い方: {}", ja_words(&usage)));
    }
    out.push_str(&format!("\n詳しくは「{command} --help」を見てください。"));
    out
}

/// The command an error is about ("yoshiki forms check": the words of
/// argv that name subcommands) and its usage: clap's own when the error
/// carries one (it shows what is missing), else the command's.
fn command_and_usage(e: &clap::Error, cmd: &mut Command, argv: &[OsString]) -> (String, String) {
    let mut names: Vec<String> = Vec::new();
    let mut at: &Command = cmd;
    for word in argv.iter().skip(1).map(|a| a.to_string_lossy()) {
        if let Some(sub) = at.find_subcommand(word.as_ref()) {
            names.push(sub.get_name().to_string());
            at = sub;
        }
    }
    let path: Vec<&str> = std::iter::once("yoshiki")
        .chain(names.iter().map(String::as_str))
        .collect();
    let usage = match context(e, ContextKind::Usage) {
        Some(u) => u,
        None => usage_of(cmd, &names),
    };
    // "Usage: check [OPTIONS] <PATH>..." → "yoshiki check [OPTIONS] <PATH>...":
    // a subcommand clap has not reached yet knows only its own name.
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let rest: Vec<&str> = usage
        .split_whitespace()
        .skip_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    let command = path.join(" ");
    (
        command.clone(),
        format!("{command} {}", rest.join(" ")).trim().to_string(),
    )
}

fn usage_of(cmd: &mut Command, names: &[String]) -> String {
    match names.split_first() {
        Some((first, rest)) => match cmd.find_subcommand_mut(first) {
            Some(sub) => usage_of(sub, rest),
            None => cmd.render_usage().to_string(),
        },
        None => cmd.render_usage().to_string(),
    }
}

/// A value our parser or a library parser refused: ours already speaks
/// Japanese (`as_of_date`); a library's reason is kept as the detail.
fn value_validation(e: &clap::Error, name: &str, value: &str) -> String {
    let reason = std::error::Error::source(e)
        .map(|s| s.to_string())
        .unwrap_or_default();
    if !reason.is_ascii() {
        format!("{name} の値 '{value}' は使えません: {reason}")
    } else if reason.is_empty() {
        format!("{name} の値 '{value}' は使えません。")
    } else {
        format!("{name} の値 '{value}' は使えません。正しい形で書いてください。（詳細: {reason}）")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every argument a user can see has a Japanese text: one missing from
    /// `help_ja.rs` would show its English doc comment.
    fn all_japanese(cmd: &Command, path: &str) {
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(
                !help.is_ascii(),
                "`{path}` --{}: no Japanese help",
                arg.get_id()
            );
        }
        for sub in cmd.get_subcommands() {
            let about = sub.get_about().map(|h| h.to_string()).unwrap_or_default();
            assert!(!about.is_ascii(), "{path} {}", sub.get_name());
            all_japanese(sub, format!("{path} {}", sub.get_name()).trim());
        }
    }

    #[test]
    fn every_argument_has_japanese_help() {
        use clap::CommandFactory;
        let cmd = localise(crate::Cli::command(), Lang::Ja);
        all_japanese(&cmd, "");
    }
}
