//! The command line in Japanese by default and in English with `--lang en`
//! (issue 22): help of every command, `explain`, and argument errors
//! (exit 2), as snapshots.

use std::process::Command;

fn yoshiki(args: &[&str], env_lang: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_yoshiki"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env_remove("YOSHIKI_LANG");
    if let Some(l) = env_lang {
        cmd.env("YOSHIKI_LANG", l);
    }
    let o = cmd.output().expect("runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const COMMANDS: &[&str] = &[
    "",
    "check",
    "extract",
    "dump",
    "fix",
    "migrate",
    "annotate",
    "explain",
    "forms",
    "forms check",
    "forms list",
    "learn",
    "serve",
];

fn help(command: &str, lang: &str) -> String {
    let mut args: Vec<&str> = command.split_whitespace().collect();
    args.extend(["--help", "--lang", lang]);
    let (code, out, err) = yoshiki(&args, None);
    assert_eq!(code, 0, "{command} --help: {err}");
    out
}

#[test]
fn help_of_every_command_in_japanese() {
    for command in COMMANDS {
        let out = help(command, "ja");
        let name = format!("help_ja_{}", command.replace(' ', "_"));
        insta::assert_snapshot!(name, out);
        // No English clap words left in the Japanese help.
        for word in [
            "Usage",
            "Options",
            "Arguments",
            "Commands",
            "Print help",
            "[default",
        ] {
            assert!(!out.contains(word), "{command}: {word} in\n{out}");
        }
        assert!(out.contains("使い方: yoshiki"), "{out}");
    }
}

#[test]
fn help_of_every_command_in_english() {
    for command in COMMANDS {
        let out = help(command, "en");
        let name = format!("help_en_{}", command.replace(' ', "_"));
        insta::assert_snapshot!(name, out);
        assert!(out.contains("Usage: yoshiki"), "{out}");
    }
}

#[test]
fn japanese_by_default_english_by_flag_or_variable() {
    let (_, ja, _) = yoshiki(&["--help"], None);
    assert!(ja.contains("使い方:") && ja.contains("コマンド:"), "{ja}");
    let (_, en, _) = yoshiki(&["--help"], Some("en"));
    assert!(en.contains("Usage:") && en.contains("Commands:"), "{en}");
    let (_, en, _) = yoshiki(&["check", "--lang=en", "--help"], None);
    assert!(en.contains("Usage: yoshiki check"), "{en}");
    // `help CMD` is the command's help in either language.
    let (code, out, _) = yoshiki(&["help", "check"], None);
    assert_eq!(code, 0);
    assert_eq!(out, help("check", "ja"));
}

/// Three argument errors, each in both languages: exit 2, the argument
/// named, what to do.
#[test]
fn argument_errors_in_both_languages_exit_2() {
    let cases: [(&str, &[&str], &str, &str); 3] = [
        (
            "invalid_value",
            &["check", "--format", "xml", "samples"],
            "yoshiki check: --format の値 'xml' は使えません。human, concise, json, sarif のどれかを指定してください。",
            "invalid value 'xml' for '--format <FORMAT>'",
        ),
        (
            "unknown_option",
            &["check", "--fromat", "json", "samples"],
            "yoshiki check: --fromat というオプションはありません。もしかしてオプション --format ですか？",
            "unexpected argument '--fromat' found",
        ),
        (
            "missing_required",
            &["annotate", "samples/x.docx"],
            "yoshiki annotate: --output <OUT> を指定してください（必須です）。",
            "the following required arguments were not provided",
        ),
    ];
    for (name, args, ja, en) in cases {
        let (code, out, err) = yoshiki(args, None);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{out}");
        assert!(err.starts_with(ja), "{args:?}:\n{err}");
        assert!(
            err.contains("使い方: yoshiki") && err.contains("--help」"),
            "{err}"
        );
        let mut en_args = args.to_vec();
        en_args.extend(["--lang", "en"]);
        let (code, _, err) = yoshiki(&en_args, None);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(en), "{args:?}:\n{err}");
        insta::assert_snapshot!(format!("error_en_{name}"), err);
        let (_, _, err) = yoshiki(args, None);
        insta::assert_snapshot!(format!("error_ja_{name}"), err);
    }
    // A date our parser refuses, in the language asked for.
    let (code, _, err) = yoshiki(&["check", "--as-of", "someday", "samples"], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("--as-of の値 'someday' は使えません: 日付として読めません"),
        "{err}"
    );
    let (code, _, err) = yoshiki(&["check", "--as-of", "someday", "samples"], Some("en"));
    assert_eq!(code, 2);
    assert!(err.contains("not a date: someday"), "{err}");
}

/// `explain` in Japanese by default and in English with `--lang en`, for
/// codes of each kind: a reader's (IN), a document rule (VER, PH, SEC) and
/// a field / set rule (SUB).
#[test]
fn explain_in_both_languages() {
    for code in ["IN001", "PH001", "SEC002", "VER001", "SUB001"] {
        let (status, ja, _) = yoshiki(&["explain", code], None);
        assert_eq!(status, 0);
        assert!(
            ja.contains("何を調べるか") && ja.contains("なぜ問題か"),
            "{ja}"
        );
        assert!(!ja.contains("What it checks"), "{ja}");
        insta::assert_snapshot!(format!("explain_ja_{code}"), ja);
        let (status, en, _) = yoshiki(&["explain", code, "--lang", "en"], None);
        assert_eq!(status, 0);
        assert!(
            en.contains("What it checks") && !en.contains("何を調べるか"),
            "{en}"
        );
        insta::assert_snapshot!(format!("explain_en_{code}"), en);
    }
}

/// A library's words never stand inside a Japanese message: an unreadable
/// file and a config value of the wrong type get a sentence of ours, the
/// technical cause apart (a 詳細 line, JSON `detail`).
#[test]
fn library_errors_become_sentences() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("yoshiki.toml");
    std::fs::write(&config, "[call]\ntitle = 5\n").expect("write");
    let config = config.to_string_lossy().into_owned();
    let (code, _, err) = yoshiki(&["check", "--config", &config, "samples/clean"], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("2行目: title の値の種類が違います。文字列"),
        "{err}"
    );
    assert!(!err.contains("invalid type"), "{err}");
    let (code, _, err) = yoshiki(
        &[
            "check",
            "--config",
            &config,
            "samples/clean",
            "--lang",
            "en",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("invalid type"), "{err}");

    let broken = "tests/fixtures/hostile/ole2_garbage.xls";
    let (code, out, _) = yoshiki(&["check", "--format", "concise", broken], None);
    assert_eq!(code, 1);
    assert!(
        out.contains("IN001 ファイルが壊れているため読み込めません（Word/Excel の古い形式"),
        "{out}"
    );
    assert!(!out.contains("sector"), "{out}");
    let (_, out, _) = yoshiki(&["check", broken], None);
    assert!(out.contains("詳細（技術情報）: sector shift"), "{out}");
    let (_, out, _) = yoshiki(&["check", "--lang", "en", broken], None);
    assert!(
        out.contains("legacy Word/Excel container") && out.contains("detail: sector"),
        "{out}"
    );
}

/// `--lang en`: places and reasons of our own in English (the document's
/// own words, quoted, stay as written).
#[test]
fn english_places_and_reasons() {
    let (_, out, _) = yoshiki(
        &[
            "check",
            "--lang",
            "en",
            "--format",
            "concise",
            "samples/mistakes/report_items",
        ],
        None,
    );
    assert!(out.contains("(table 1, row 1, col 2):FMT003"), "{out}");
    assert!(
        out.contains("\"令和８年６月３１日\" in") && out.contains("is not a valid date."),
        "{out}"
    );
    for ours in ["表", "段落", "行目", "という日付", "読めません"] {
        assert!(!out.contains(ours), "{ours} in\n{out}");
    }
    let (_, out, _) = yoshiki(
        &[
            "check",
            "--format",
            "concise",
            "samples/mistakes/report_items",
        ],
        None,
    );
    assert!(out.contains("（表1 1行 2列）:FMT003"), "{out}");
}
