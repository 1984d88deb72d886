//! `yoshiki.toml`: parsing, errors that name the key, discovery, and the
//! severities applied by the check.

use chrono::NaiveDate;
use std::path::PathBuf;
use yoshiki::check::{CheckError, CheckOptions, ConfigFound, check};
use yoshiki::config::{Config, RuleLevel};
use yoshiki::config_file::used_for;
use yoshiki::diag::Severity;

const FULL: &str = r#"
[call]
title = "令和８年度地域中小企業人材確保支援等調査・分析（…）"
budget_cap = 50_000_000
general_admin_rate = 0.08

[rules]
SEC006 = "off"
RPT002 = "error"
ver001 = "warning"
"#;

#[test]
fn parses_call_and_rules() {
    let c = Config::parse(FULL, "yoshiki.toml").unwrap();
    assert_eq!(
        c.call.title.as_deref(),
        Some("令和８年度地域中小企業人材確保支援等調査・分析（…）")
    );
    assert_eq!(c.call.budget_cap, Some(50_000_000));
    assert!((c.call.general_admin_rate - 0.08).abs() < 1e-12);
    assert_eq!(c.rules.get("SEC006"), Some(&RuleLevel::Off));
    assert_eq!(c.rules.get("RPT002"), Some(&RuleLevel::Error));
    // Codes are matched case-insensitively and stored in upper case.
    assert_eq!(c.rules.get("VER001"), Some(&RuleLevel::Warning));
    assert_eq!(c.severity_for("SEC006", Severity::Info), None);
    assert_eq!(
        c.severity_for("VER001", Severity::Error),
        Some(Severity::Warning)
    );
    assert_eq!(
        c.severity_for("PH001", Severity::Error),
        Some(Severity::Error)
    );
}

#[test]
fn defaults() {
    let c = Config::default();
    assert_eq!(c.call.title, None);
    assert_eq!(c.call.budget_cap, None);
    assert!((c.call.general_admin_rate - 0.10).abs() < 1e-12);
    let empty = Config::parse("", "yoshiki.toml").unwrap();
    assert_eq!(empty.call, c.call);
    assert!(empty.rules.is_empty());
}

#[test]
fn the_built_in_call_is_the_default_without_a_file() {
    // schemas/call.toml parses (Config::builtin falls back to the plain
    // defaults if it did not, which this would catch).
    let text = std::fs::read_to_string("schemas/call.toml").unwrap_or_else(|e| panic!("{e}"));
    let parsed = Config::parse(&text, "schemas/call.toml").unwrap_or_else(|e| panic!("{e}"));
    let b = Config::builtin();
    assert!(b.builtin && b.source.is_none());
    assert_eq!(b.call, parsed.call);
    assert!(
        b.call
            .title
            .as_deref()
            .is_some_and(|t| t.starts_with("令和８年度地域中小企業")),
        "{:?}",
        b.call.title
    );
    // The published forms give no cap: SUM005 is said to be unchecked.
    assert_eq!(b.unchecked(), vec!["SUM005"]);
    assert_eq!(Config::default().unchecked(), vec!["VER004", "SUM005"]);
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        &Config::discover(tmp.path()).unwrap_or_else(|e| panic!("{e}")),
        b
    );
}

#[test]
fn unknown_keys_are_named_with_their_line() {
    let text = "[call]\ntitle = \"x\"\nbudgetcap = 1\n";
    let e = Config::parse(text, "yoshiki.toml").unwrap_err();
    assert_eq!(e.key(), Some("budgetcap"));
    assert!(e.to_string().contains("budgetcap"), "{e}");
    assert!(e.to_string().contains("yoshiki.toml:3"), "{e}");
    assert!(e.message_ja().contains("budgetcap"), "{}", e.message_ja());
    assert!(e.message_ja().contains("3行目"), "{}", e.message_ja());

    let e = Config::parse("[cal]\ntitle = \"x\"\n", "yoshiki.toml").unwrap_err();
    assert_eq!(e.key(), Some("cal"));
}

#[test]
fn unknown_rule_codes_and_levels_are_named() {
    let e = Config::parse("[rules]\nSEC066 = \"off\"\n", "yoshiki.toml").unwrap_err();
    assert_eq!(e.key(), Some("rules.SEC066"));
    let msg = e.to_string();
    assert!(msg.contains("SEC066") && msg.contains(":2"), "{msg}");
    assert!(msg.contains("SEC006"), "suggests the close code: {msg}");

    let e = Config::parse("[rules]\nVER001 = \"fatal\"\n", "yoshiki.toml").unwrap_err();
    assert_eq!(e.key(), Some("rules.VER001"));
    assert!(e.to_string().contains("fatal"), "{e}");
}

#[test]
fn bad_values_are_refused() {
    let e = Config::parse("[call]\ngeneral_admin_rate = 10\n", "yoshiki.toml").unwrap_err();
    assert_eq!(e.key(), Some("call.general_admin_rate"));
    assert!(e.to_string().contains(":2"), "{e}");
    let e = Config::parse("[call]\nbudget_cap = -5\n", "yoshiki.toml").unwrap_err();
    assert_eq!(e.key(), Some("call.budget_cap"));
    let e = Config::parse("[call]\nbudget_cap = \"5千万\"\n", "yoshiki.toml").unwrap_err();
    assert!(e.to_string().contains("yoshiki.toml:2"), "{e}");
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

#[test]
fn discovered_upwards_from_the_checked_path() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        dir.path().join("yoshiki.toml"),
        "[rules]\nIN004 = \"off\"\n",
    )
    .unwrap();
    let file = sub.join("x.txt");
    std::fs::write(&file, "hello").unwrap();
    assert_eq!(
        Config::find_file(&file),
        Some(dir.path().join("yoshiki.toml"))
    );
    assert_eq!(
        Config::find_file(&sub),
        Some(dir.path().join("yoshiki.toml"))
    );
    let c = Config::discover(&file).unwrap();
    assert_eq!(c.rules.get("IN004"), Some(&RuleLevel::Off));
}

#[test]
fn the_check_applies_discovered_severities() {
    let options = CheckOptions {
        as_of: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        ..CheckOptions::default()
    };
    let report = check(&[fixture("config_set")], &options).unwrap();
    let diags = &report.files[0].diagnostics;
    let ver = diags.iter().find(|d| d.code == "VER001").unwrap();
    assert_eq!(
        ver.severity,
        Severity::Warning,
        "VER001 = \"warning\" in the folder's yoshiki.toml"
    );
    assert!(diags.iter().all(|d| d.code != "SEC006"), "SEC006 = \"off\"");
    assert!(!report.has_errors());

    // The same file with an explicit default config: back to defaults.
    let options = CheckOptions {
        config: Some(Config::default()),
        ..options
    };
    let report = check(&[fixture("config_set/report.docx")], &options).unwrap();
    let diags = &report.files[0].diagnostics;
    assert_eq!(
        diags.iter().find(|d| d.code == "VER001").unwrap().severity,
        Severity::Error
    );
    assert!(diags.iter().any(|d| d.code == "SEC006"));
}

#[test]
fn a_bad_discovered_config_stops_the_check() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("yoshiki.toml"), "[rule]\nX = 1\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "hello").unwrap();
    let err = check(&[dir.path().to_path_buf()], &CheckOptions::default()).unwrap_err();
    assert!(matches!(err, CheckError::Config(_)), "{err}");
    assert!(err.to_string().contains("rule"), "{err}");
}

fn config_schema() -> (serde_json::Value, jsonschema::Validator) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas/config.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    (schema, validator)
}

fn toml_to_json(text: &str) -> serde_json::Value {
    let value: toml::Value = toml::from_str(text).unwrap();
    serde_json::to_value(value).unwrap()
}

#[test]
fn the_json_schema_agrees_with_the_parser() {
    let (schema, validator) = config_schema();
    // Every rule code of the catalogue, nothing else.
    let mut codes: Vec<&str> = schema["properties"]["rules"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    codes.sort_unstable();
    let mut catalogue = yoshiki::config::CATALOGUE.to_vec();
    catalogue.sort_unstable();
    assert_eq!(codes, catalogue);
    // The configs of the bundled samples and the SPEC example are valid for both.
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut seen = 0;
    for set in ["clean", "mistakes/application", "mistakes/hygiene"] {
        let path = samples.join(set).join("yoshiki.toml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        seen += 1;
        assert!(
            validator.is_valid(&toml_to_json(&text)),
            "{}",
            path.display()
        );
        Config::parse(&text, "yoshiki.toml").unwrap();
    }
    assert!(seen > 0, "no sample configs found");
    let spec = FULL.replace("ver001", "VER001");
    assert!(validator.is_valid(&toml_to_json(&spec)));
    // What the parser refuses, the schema refuses.
    for bad in [
        "[call]\nbudgetcap = 1\n",
        "[cal]\ntitle = \"x\"\n",
        "[rules]\nSEC066 = \"off\"\n",
        "[rules]\nVER001 = \"fatal\"\n",
        "[call]\ngeneral_admin_rate = 10\n",
        "[call]\nbudget_cap = -5\n",
    ] {
        assert!(Config::parse(bad, "yoshiki.toml").is_err(), "{bad}");
        assert!(!validator.is_valid(&toml_to_json(bad)), "{bad}");
    }
}

#[test]
fn files_can_be_excluded_and_codes_ignored_per_file() {
    let tmp = tempfile::tempdir().unwrap();
    let set = tmp.path().join("crossdoc");
    std::fs::create_dir(&set).unwrap();
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/mistakes/crossdoc");
    for e in std::fs::read_dir(&src).unwrap().flatten() {
        std::fs::copy(e.path(), set.join(e.file_name())).unwrap();
    }
    let base = std::fs::read_to_string(set.join("yoshiki.toml")).unwrap();
    let codes = |text: &str| -> Vec<(String, String)> {
        std::fs::write(set.join("yoshiki.toml"), text).unwrap();
        let r = check(std::slice::from_ref(&set), &CheckOptions::default()).unwrap();
        r.files
            .iter()
            .flat_map(|f| {
                let name = f.path.rsplit('/').next().unwrap_or("").to_string();
                let mut v: Vec<(String, String)> = f
                    .diagnostics
                    .iter()
                    .map(|d| (name.clone(), d.code.to_string()))
                    .collect();
                if v.is_empty() {
                    v.push((name, String::new()));
                }
                v
            })
            .collect()
    };
    let before = codes(&base);
    assert!(before.iter().any(|(f, _)| f.starts_with("05_")));
    assert!(
        before
            .iter()
            .any(|(f, c)| f.starts_with("02_") && c.starts_with("XD"))
    );
    let after = codes(&format!(
        "{base}\n[files]\nexclude = [\"05_*\"]\n\n[files.ignore]\n\"02_*.docx\" = [\"XD\"]\n"
    ));
    assert!(
        !after.iter().any(|(f, _)| f.starts_with("05_")),
        "{after:?}"
    );
    assert!(
        !after
            .iter()
            .any(|(f, c)| f.starts_with("02_") && c.starts_with("XD")),
        "{after:?}"
    );
    // Other files keep their findings of that code.
    let xd_elsewhere = |v: &[(String, String)]| {
        v.iter()
            .filter(|(f, c)| !f.starts_with("02_") && !f.starts_with("05_") && c.starts_with("XD"))
            .count()
    };
    assert_eq!(xd_elsewhere(&after), xd_elsewhere(&before));
    // A code that does not exist is refused with its place.
    std::fs::write(
        set.join("yoshiki.toml"),
        format!("{base}\n[files.ignore]\n\"*\" = [\"ZZ9\"]\n"),
    )
    .unwrap();
    let err = check(std::slice::from_ref(&set), &CheckOptions::default()).unwrap_err();
    assert!(err.to_string().contains("ZZ9"), "{err}");
}

#[test]
fn file_patterns_match_names_and_paths() {
    use yoshiki::config::glob_match;
    assert!(glob_match("*_控え.docx", "申請書_控え.docx"));
    assert!(glob_match("下書き/*", "下書き/申請書.docx"));
    assert!(glob_match("0?_*", "05_報告書.docx"));
    assert!(!glob_match("*.xlsx", "名簿.xlsm"));
    assert!(glob_match("*", ""));
}

#[test]
fn each_sets_config_is_looked_up_once_and_kept_for_the_rest_of_the_check() {
    // Two sets: `a` with its own yoshiki.toml, `b` without one.
    let dir = tempfile::tempdir().unwrap();
    for set in ["a", "b"] {
        std::fs::create_dir_all(dir.path().join(set)).unwrap();
        std::fs::write(dir.path().join(set).join("x.txt"), "hello").unwrap();
    }
    let own = dir.path().join("a/yoshiki.toml");
    std::fs::write(&own, "[call]\ntitle = \"調査\"\n").unwrap();
    let absolute = |p: &std::path::Path| std::path::absolute(p).unwrap();

    // The plan says what it found, for a worker child to take as it is.
    let plan = yoshiki::check::plan(&[dir.path().to_path_buf()], &CheckOptions::default()).unwrap();
    let found: Vec<_> = plan.specs.iter().map(|s| s.config_found.clone()).collect();
    assert_eq!(
        found,
        [ConfigFound::File(absolute(&own)), ConfigFound::Builtin]
    );

    // The report keeps it, in set order, for the closing "config used" note,
    // which then names what the check used without looking again …
    let report = check(&[dir.path().to_path_buf()], &CheckOptions::default()).unwrap();
    assert_eq!(report.config_files, [Some(absolute(&own)), None]);
    let used = used_for(&report.sets, &report.config_files, None);
    assert_eq!(used.len(), 2, "{used:?}");
    assert_eq!(
        used[0]
            .source
            .as_deref()
            .map(|p| p.ends_with("a/yoshiki.toml")),
        Some(true)
    );
    assert!(used[0].unchecked.contains(&"SUM005") && !used[0].unchecked.contains(&"VER004"));
    assert_eq!((used[1].source.as_ref(), used[1].sets), (None, 1));

    // … even where a look-up now would find another file: the note says
    // what the check did.
    std::fs::write(dir.path().join("b/yoshiki.toml"), "[call]\n").unwrap();
    let again = used_for(&report.sets, &report.config_files, None);
    assert_eq!(again, used);
    // Without the check's answers (a report built elsewhere), it looks.
    let looked = used_for(&report.sets, &[], None);
    assert_eq!(looked.len(), 2);
    assert!(
        looked[1]
            .source
            .as_deref()
            .is_some_and(|p| p.ends_with("b/yoshiki.toml"))
    );

    // An explicit config: nothing was looked up, and nothing is kept.
    let options = CheckOptions {
        config: Some(Config::default()),
        ..CheckOptions::default()
    };
    let plan = yoshiki::check::plan(&[dir.path().to_path_buf()], &options).unwrap();
    assert!(
        plan.specs
            .iter()
            .all(|s| s.config_found == ConfigFound::NotLooked)
    );
    assert!(
        check(&[dir.path().to_path_buf()], &options)
            .unwrap()
            .config_files
            .is_empty()
    );
}
