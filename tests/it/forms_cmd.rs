//! One set of definitions everywhere: the built-in files are every
//! `schemas/forms/*.toml`; `--forms DIR` and `[forms] dirs` reach check,
//! extract and the worker processes; `forms check` and `forms list`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use yoshiki::forms::definition::BUILTIN_FILES;

fn yoshiki() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yoshiki"))
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let o: Output = cmd.output().expect("runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A form no built-in definition knows: a municipality's 使用届.
const USE_NOTICE: &str = r#"
id = "use_notice"
version = "r7"
name = "様式第３号 施設使用届"
name_en = "Form 3 (notice of use)"

[recognize]
preamble = ["様式第３号"]
title = ["施設使用届"]
boilerplate = ["使用者名", "使用日", "使用人数"]

[[field]]
path = "applicant.name"
find = "label"
labels = ["使用者名"]
place = "使用者名"

[[field]]
path = "headcount"
find = "label"
labels = ["使用人数"]
place = "使用人数"

[[example]]
text = "様式第３号\n施設使用届\n使用者名\t山田太郎\n使用日\t令和７年５月１日\n使用人数\t12\n"
[example.fields]
"applicant.name" = "山田太郎"
"#;

const SUBMISSION: &str =
    "様式第３号\n施設使用届\n使用者名\t株式会社テスト\n使用日\t令和７年６月１日\n使用人数\t30\n";

fn setup(dir: &Path) -> (PathBuf, PathBuf) {
    let defs = dir.join("defs");
    std::fs::create_dir_all(&defs).expect("mkdir");
    std::fs::write(defs.join("use_notice.toml"), USE_NOTICE).expect("write");
    let set = dir.join("set");
    std::fs::create_dir_all(&set).expect("mkdir");
    std::fs::write(set.join("届.txt"), SUBMISSION).expect("write");
    (defs, set)
}

fn forms_in(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    let mut out = Vec::new();
    for f in v["files"].as_array().into_iter().flatten() {
        for form in f["forms"].as_array().into_iter().flatten() {
            out.push(format!(
                "{} {}",
                form["form"].as_str().unwrap_or(""),
                form["template_version"].as_str().unwrap_or("")
            ));
        }
    }
    out
}

#[test]
fn builtin_files_are_every_toml_under_schemas_forms() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/forms");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let mut built: Vec<String> = BUILTIN_FILES.iter().map(|(n, _)| n.to_string()).collect();
    built.sort();
    assert_eq!(built, on_disk, "build.rs lists schemas/forms/*.toml");
    for (name, text) in BUILTIN_FILES {
        let on_disk = std::fs::read_to_string(dir.join(name)).expect("read");
        assert_eq!(&on_disk, text, "{name} embedded as it is on disk");
    }
}

#[test]
fn check_and_extract_use_forms_dirs_in_worker_processes_too() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (defs, set) = setup(tmp.path());
    // Without the definition the file holds no known form.
    let (_, out, _) = run(yoshiki().args(["check", "--format", "json"]).arg(&set));
    assert!(forms_in(&out).is_empty(), "{out}");
    // With it: check (worker processes, the default) and in-process.
    for extra in [None, Some("--in-process")] {
        let mut cmd = yoshiki();
        cmd.arg("--forms")
            .arg(&defs)
            .args(["check", "--format", "json"]);
        if let Some(e) = extra {
            cmd.arg(e);
        }
        let (_, out, err) = run(cmd.arg(&set));
        assert_eq!(forms_in(&out), ["use_notice r7"], "{extra:?} {err}");
    }
    let (code, out, err) = run(yoshiki()
        .args(["extract", "--format", "json", "--forms"])
        .arg(&defs)
        .arg(set.join("届.txt")));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("株式会社テスト"), "{out}");
}

#[test]
fn config_forms_dirs_are_relative_to_the_config_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (_, set) = setup(tmp.path());
    // yoshiki.toml beside the set's folder, found by discovery.
    std::fs::write(
        tmp.path().join("yoshiki.toml"),
        "[forms]\ndirs = [\"defs\"]\n",
    )
    .expect("write");
    let (_, out, err) = run(yoshiki().args(["check", "--format", "json"]).arg(&set));
    assert_eq!(forms_in(&out), ["use_notice r7"], "{err}");
    // And named with --config from another directory.
    let other = tempfile::tempdir().expect("tmp");
    let (_, out, err) = run(yoshiki()
        .current_dir(other.path())
        .args(["check", "--format", "json", "--config"])
        .arg(tmp.path().join("yoshiki.toml"))
        .arg(&set));
    assert_eq!(forms_in(&out), ["use_notice r7"], "{err}");
}

#[test]
fn a_broken_definition_stops_the_run_naming_file_line_and_column() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (defs, set) = setup(tmp.path());
    // An unknown key on line 6.
    let broken = USE_NOTICE.replacen("[recognize]", "colour = \"red\"\n[recognize]", 1);
    std::fs::write(defs.join("use_notice.toml"), &broken).expect("write");
    let (code, out, err) = run(yoshiki()
        .arg("--forms")
        .arg(&defs)
        .args(["check", "--format", "json"])
        .arg(&set));
    assert_eq!(code, 2, "{err}");
    assert!(
        out.is_empty(),
        "nothing checked with a half-loaded set: {out}"
    );
    assert!(err.contains("use_notice.toml:7:1"), "{err}");
    assert!(err.contains("colour"), "{err}");
}

#[test]
fn forms_check_reports_every_problem_and_runs_examples() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (defs, _) = setup(tmp.path());
    let (code, out, err) = run(yoshiki().args(["forms", "check"]).arg(&defs));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("use_notice r7"), "{out}");
    assert!(out.contains("例 1 件"), "{out}");

    // Same id and version twice; unit_from naming nothing; an example that
    // no longer matches; a version the JSON output cannot carry.
    std::fs::write(defs.join("copy.toml"), USE_NOTICE).expect("write");
    let unit = USE_NOTICE
        .replace("id = \"use_notice\"", "id = \"use_notice_b\"")
        .replace(
            "place = \"使用人数\"",
            "place = \"使用人数\"\nnormalize = \"amount\"\nunit_from = \"budget.unit\"",
        );
    std::fs::write(defs.join("unit.toml"), unit).expect("write");
    let example = USE_NOTICE
        .replace("id = \"use_notice\"", "id = \"use_notice_c\"")
        .replace(
            "\"applicant.name\" = \"山田太郎\"",
            "\"applicant.name\" = \"鈴木花子\"",
        );
    std::fs::write(defs.join("example.toml"), example).expect("write");
    let version = USE_NOTICE
        .replace("id = \"use_notice\"", "id = \"use_notice_d\"")
        .replace("version = \"r7\"", "version = \"2025\"");
    std::fs::write(defs.join("version.toml"), version).expect("write");
    let (code, _, err) = run(yoshiki().args(["forms", "check"]).arg(&defs));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("also defined in"), "{err}");
    assert!(
        err.contains("unit_from = \"budget.unit\" names no field"),
        "{err}"
    );
    assert!(err.contains("expected \"鈴木花子\""), "{err}");
    assert!(err.contains("version = \"2025\""), "{err}");
    // A check with the same directory refuses to start.
    let (code, _, err) = run(yoshiki()
        .arg("--forms")
        .arg(&defs)
        .args(["extract"])
        .arg(tmp.path().join("set")));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn forms_list_shows_where_each_definition_came_from() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (defs, _) = setup(tmp.path());
    let (code, out, _) = run(yoshiki().args(["forms", "list"]));
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), BUILTIN_FILES.len(), "{out}");
    assert!(
        out.contains("proposal\tr8\t様式２ 企画提案書\t組み込み"),
        "{out}"
    );
    let (code, out, _) = run(yoshiki().arg("--forms").arg(&defs).args(["forms", "list"]));
    assert_eq!(code, 0);
    let line = out
        .lines()
        .find(|l| l.starts_with("use_notice"))
        .expect("listed");
    assert!(
        line.contains("施設使用届") && line.contains("use_notice.toml"),
        "{line}"
    );
}

#[test]
fn every_definition_matches_the_json_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schemas/forms/definition.schema.json")).expect("read"),
    )
    .expect("json");
    let validator = jsonschema::validator_for(&schema).expect("schema");
    // The built-in ones, the hand-written fixtures, and what learn writes.
    let learned = tempfile::tempdir().expect("tmp");
    // The real published forms too: what learn writes for them uses the
    // most of the format (lists, inline places, template places).
    let mut templates: Vec<PathBuf> = Vec::new();
    for dir in [
        "tests/fixtures/calls/templates",
        "tests/fixtures/templates/blank",
    ] {
        for e in std::fs::read_dir(root.join(dir)).expect("list") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x != "md") {
                templates.push(p);
            }
        }
    }
    let out = yoshiki()
        .arg("learn")
        .args(&templates)
        .arg("-o")
        .arg(learned.path())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [
        root.join("schemas/forms"),
        root.join("tests/fixtures/calls/hand"),
        learned.path().to_path_buf(),
    ] {
        for e in std::fs::read_dir(&dir).expect("list") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "toml") {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 40, "{files:?}");
    for f in files {
        let value: toml::Value =
            toml::from_str(&std::fs::read_to_string(&f).expect("read")).expect("toml");
        let json = serde_json::to_value(&value).expect("to json");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", f.display());
    }
}
