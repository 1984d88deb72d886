//! Linter conventions of `check` (issue 22): concise lines, statistics,
//! select/ignore, show-config, explain --all, no input → exit 2.

use std::process::Command;

fn yoshiki(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn codes_of_json(out: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(out).expect("json");
    v["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().into_iter().flatten())
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

const SET: &str = "samples/mistakes/application";

#[test]
fn concise_is_one_line_per_finding_with_path_place_and_code() {
    let (_, json, _) = yoshiki(&["check", "--format", "json", SET]);
    let codes = codes_of_json(&json);
    assert!(!codes.is_empty());
    for flag in ["--format", "--output-format"] {
        let (code, out, _) = yoshiki(&["check", flag, "concise", SET]);
        assert_eq!(code, 1);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), codes.len(), "{out}");
        for (line, c) in lines.iter().zip(&codes) {
            assert!(line.starts_with(SET), "{line}");
            assert!(line.contains(&format!(":{c} ")), "{line}");
        }
    }
    let (_, out, _) = yoshiki(&["check", "--format", "concise", SET]);
    assert!(
        out.contains("01_様式1_申請書.docx:様式１ 申請書 申請者 代表者役職・氏名（表2 2行 3列）:PH001 記入例・仮の文字（○○）が残っています。"),
        "{out}"
    );
}

#[test]
fn statistics_count_each_code() {
    let (_, json, _) = yoshiki(&["check", "--format", "json", "samples/mistakes"]);
    let codes = codes_of_json(&json);
    let (code, out, _) = yoshiki(&["check", "--statistics", "samples/mistakes"]);
    assert_eq!(code, 1);
    let mut total = 0;
    let mut last = usize::MAX;
    for line in out.lines() {
        let mut parts = line.split_whitespace();
        let n: usize = parts.next().and_then(|n| n.parse().ok()).expect(line);
        let c = parts.next().expect(line);
        assert_eq!(n, codes.iter().filter(|x| *x == c).count(), "{line}");
        assert!(n <= last, "most frequent first: {out}");
        last = n;
        total += n;
    }
    assert_eq!(total, codes.len());
}

#[test]
fn select_and_ignore_decide_what_is_reported_and_the_exit_status() {
    let (_, json, _) = yoshiki(&["check", "--format", "json", SET]);
    let all = codes_of_json(&json);
    let (code, out, _) = yoshiki(&["check", "--format", "json", "--select", "FMT,ph001", SET]);
    let kept = codes_of_json(&out);
    assert!(
        !kept.is_empty() && kept.iter().all(|c| c.starts_with("FMT") || c == "PH001"),
        "{kept:?}"
    );
    assert_eq!(
        kept.len(),
        all.iter()
            .filter(|c| c.starts_with("FMT") || *c == "PH001")
            .count()
    );
    assert_eq!(code, 1);
    let (_, out, _) = yoshiki(&[
        "check", "--format", "json", "--ignore", "PH001", "--ignore", "FMT", SET,
    ]);
    let left = codes_of_json(&out);
    assert!(
        left.iter().all(|c| c != "PH001" && !c.starts_with("FMT")),
        "{left:?}"
    );
    assert_eq!(left.len(), all.len() - kept.len());
    // Only a warning selected: exit 0.
    let (code, out, _) = yoshiki(&["check", "--format", "json", "--select", "FMT002", SET]);
    assert_eq!(codes_of_json(&out), ["FMT002"]);
    assert_eq!(code, 0);
    // extend-select keeps the selection and adds to it.
    let (_, out, _) = yoshiki(&[
        "check",
        "--format",
        "json",
        "--select",
        "FMT002",
        "--extend-select",
        "PH001",
        SET,
    ]);
    assert!(
        codes_of_json(&out)
            .iter()
            .all(|c| c == "FMT002" || c == "PH001")
    );
    // A code that does not exist is refused.
    let (code, _, err) = yoshiki(&["check", "--select", "FMT9", SET]);
    assert_eq!(code, 2);
    assert!(err.contains("FMT9"), "{err}");
}

#[test]
fn show_config_says_which_config_is_used() {
    // The set's own yoshiki.toml is found and named.
    let (code, out, _) = yoshiki(&["check", "--show-config", SET]);
    assert_eq!(code, 0);
    assert!(out.contains("application/yoshiki.toml"), "{out}");
    // No config anywhere above: the defaults, said so.
    let tmp = tempfile::tempdir().expect("tmp");
    let (code, out, _) = yoshiki(&["check", "--show-config", tmp.path().to_str().expect("utf8")]);
    assert_eq!(code, 0);
    assert!(out.contains("既定値"), "{out}");
    assert!(out.contains("general_admin_rate = 0.1"), "{out}");
    let cfg = tmp.path().join("yoshiki.toml");
    std::fs::write(
        &cfg,
        "[call]\nbudget_cap = 30000000\n[rules]\nver004 = \"off\"\n",
    )
    .expect("write");
    let (code, out, _) = yoshiki(&[
        "check",
        "--show-config",
        "--config",
        cfg.to_str().expect("utf8"),
        SET,
    ]);
    assert_eq!(code, 0);
    assert!(out.contains(&cfg.display().to_string()), "{out}");
    assert!(out.contains("budget_cap = 30000000"), "{out}");
    assert!(out.contains("VER004 = \"off\""), "{out}");
}

#[test]
fn no_input_files_is_exit_2_in_japanese() {
    // A folder holding only an Office lock file has nothing to check.
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::write(tmp.path().join("~$申請書.docx"), b"\x0ayamada").expect("write");
    let (code, out, err) = yoshiki(&["check", tmp.path().to_str().expect("utf8")]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("対象ファイルがありません"), "{err}");
}

#[test]
fn a_folder_of_pictures_is_reported_not_silently_passed() {
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::write(tmp.path().join("photo.jpg"), b"\xff\xd8\xff").expect("write");
    let (code, out, _) = yoshiki(&["check", tmp.path().to_str().expect("utf8")]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("IN003") && out.contains("画像ファイル（JPEG）"),
        "{out}"
    );
}

#[test]
fn explain_all_prints_every_rule() {
    let (code, out, _) = yoshiki(&["explain", "--all"]);
    assert_eq!(code, 0);
    for meta in yoshiki::rules::all() {
        assert!(out.contains(&format!("{} [", meta.code)), "{}", meta.code);
    }
    let (code, _, _) = yoshiki(&["explain"]);
    assert_eq!(code, 2, "a code or --all is required");
}

#[test]
fn a_fix_that_empties_an_entry_is_said_in_words() {
    // REQ002: 受付番号 (※記載不要) filled in with 「１２」.
    let (_, out, _) = yoshiki(&["check", SET]);
    assert!(out.contains("消して空欄にしてください"), "{out}");
    assert!(!out.contains("「」"), "{out}");
    let tmp = tempfile::tempdir().expect("tmp");
    let copy = tmp.path().join("annotated.docx");
    let (code, _, err) = yoshiki(&[
        "annotate",
        "samples/mistakes/application/01_様式1_申請書.docx",
        "-o",
        copy.to_str().expect("utf8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let file = std::fs::File::open(&copy).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut comments = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/comments.xml").expect("comments"),
        &mut comments,
    )
    .expect("read");
    assert!(
        comments.contains("修正案: 「１２」を消して空欄にしてください"),
        "{comments}"
    );
    // The copy speaks in Word terms and carries no local path.
    let root = env!("CARGO_MANIFEST_DIR");
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("part");
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(root), "{:?} names a local path", part.name());
        assert!(
            !text.contains(tmp.path().to_str().expect("utf8")),
            "{:?}",
            part.name()
        );
    }
}

#[test]
fn quiet_lists_only_files_with_findings() {
    let (_, all, _) = yoshiki(&["check", "samples/mistakes/crossdoc"]);
    let (_, quiet, _) = yoshiki(&["check", "--quiet", "samples/mistakes/crossdoc"]);
    let headers = |s: &str| s.lines().filter(|l| l.starts_with('■')).count();
    assert!(
        all.contains("指摘はありません"),
        "the set has a clean file: {all}"
    );
    assert!(!quiet.contains("指摘はありません"), "{quiet}");
    assert!(headers(&quiet) > 0 && headers(&quiet) < headers(&all));
    // The summary line still counts every file.
    assert_eq!(all.lines().last(), quiet.lines().last());
}

#[test]
fn files_named_together_are_one_set_unless_each() {
    let files = [
        "samples/mistakes/crossdoc/01_様式1_申請書.docx",
        "samples/mistakes/crossdoc/02_様式2_企画提案書.docx",
        "samples/mistakes/crossdoc/03_理由書.docx",
    ];
    let mut args = vec!["check", "--format", "json"];
    args.extend(files);
    let (_, out, _) = yoshiki(&args);
    let codes = codes_of_json(&out);
    assert!(
        codes.iter().any(|c| c == "XD001") && codes.iter().any(|c| c == "XD002"),
        "{codes:?}"
    );
    let mut args = vec!["check", "--format", "json", "--each"];
    args.extend(files);
    let (_, out, _) = yoshiki(&args);
    assert!(
        !codes_of_json(&out).iter().any(|c| c.starts_with("XD")),
        "{out}"
    );
}

#[test]
fn the_same_form_twice_among_the_files_named_is_a_finding() {
    // The applicant's 申請書 and a corrected copy of it, named together.
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let src = "samples/clean/01_様式1_申請書.docx";
    let copy = tmp.path().join("01_様式1_申請書（修正版）.docx");
    std::fs::copy(src, &copy).unwrap_or_else(|e| panic!("{e}"));
    let copy = copy.display().to_string();
    let (code, out, _) = yoshiki(&["check", "--format", "json", src, &copy]);
    assert_eq!(code, 0, "a warning only: {out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    let found: Vec<(String, String)> = v["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| {
            f["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| d["code"] == "XD004")
                .map(move |d| {
                    (
                        f["path"].as_str().unwrap_or("").to_string(),
                        d["related"].as_str().unwrap_or("").to_string(),
                    )
                })
        })
        .collect();
    assert_eq!(found, vec![(copy.clone(), src.to_string())], "{out}");
    // Checked one by one, each file is alone.
    let (_, out, _) = yoshiki(&["check", "--format", "json", "--each", src, &copy]);
    assert!(!codes_of_json(&out).iter().any(|c| c == "XD004"), "{out}");
}

#[test]
fn without_a_config_the_built_in_call_is_used_and_said() {
    // A set with no yoshiki.toml anywhere above it: the built-in call's
    // title is the default (VER004 runs), the run says which config it
    // used and that SUM005 could not be checked.
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let clean = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/clean");
    for entry in std::fs::read_dir(&clean)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        if entry.file_name() != "yoshiki.toml" {
            std::fs::copy(entry.path(), tmp.path().join(entry.file_name()))
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let dir = tmp.path().display().to_string();
    let (code, out, err) = yoshiki(&["check", &dir]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("組み込みの公募") && err.contains("SUM005"),
        "{err}"
    );
    assert!(!err.contains("VER004"), "the title is known: {err}");
    // The built-in title is compared: a shortened 件名 is VER004 without
    // any config file.
    let (_, before, _) = yoshiki(&["check", "--format", "json", &dir]);
    assert!(
        !codes_of_json(&before).iter().any(|c| c == "VER004"),
        "{before}"
    );
    let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let app = other.path().join("01_様式1_申請書.docx");
    std::fs::copy("samples/mistakes/application/01_様式1_申請書.docx", &app)
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, out, _) = yoshiki(&["check", "--format", "json", &app.display().to_string()]);
    assert!(codes_of_json(&out).iter().any(|c| c == "VER004"), "{out}");
    // With the set's own yoshiki.toml the file is named instead.
    let (_, _, err) = yoshiki(&["check", "samples/clean"]);
    assert!(err.contains("samples/clean/yoshiki.toml"), "{err}");
    assert!(!err.contains("組み込み"), "{err}");
    // --quiet says nothing of it.
    let (_, _, err) = yoshiki(&["check", "-q", &dir]);
    assert!(!err.contains("設定"), "{err}");
}

#[test]
fn outputs_that_would_destroy_or_mislead_are_refused_before_any_work() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let old = tmp.path().join("old.xlsx");
    std::fs::copy("samples/r5_report/別紙4_実施状況報告書.xlsx", &old)
        .unwrap_or_else(|e| panic!("{e}"));
    let before = std::fs::read(&old).unwrap_or_else(|e| panic!("{e}"));
    let old_s = old.display().to_string();
    // The report over the submission: refused even with --force.
    let (code, _, err) = yoshiki(&["check", &old_s, "--force", "--report", &old_s]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("確認するファイルそのもの"), "{err}");
    assert_eq!(
        std::fs::read(&old).unwrap_or_else(|e| panic!("{e}")),
        before
    );
    // migrate writes a Word file: a .xlsx name is refused, nothing written.
    let new = tmp.path().join("new.xlsx");
    let (code, _, err) = yoshiki(&["migrate", &old_s, "-o", &new.display().to_string()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".docx"), "{err}");
    assert!(!new.exists());
    // Named .docx it is written.
    let new = tmp.path().join("new.docx");
    let (code, _, err) = yoshiki(&["migrate", &old_s, "-o", &new.display().to_string()]);
    assert!(code == 0 && new.exists(), "{err}");
}

#[test]
fn reasons_are_not_brackets_within_brackets() {
    // 「…正しくありません（桁数が…（0で始まる…））」 read badly: a reason with
    // brackets of its own is a sentence of its own.
    let (_, out, _) = yoshiki(&["check", "--format", "json", "samples/mistakes/application"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    let messages: Vec<String> = v["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().into_iter().flatten())
        .filter(|d| d["code"] == "FMT002")
        .map(|d| d["message"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(messages.len(), 1, "{out}");
    assert!(!messages[0].contains("））"), "{}", messages[0]);
    assert!(
        messages[0].contains("正しくありません。"),
        "{}",
        messages[0]
    );
}

#[test]
fn a_zip_set_compares_like_its_folder_whatever_the_member_order() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mistakes/crossdoc");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".docx"))
        .collect();
    names.sort();
    names.reverse(); // stored last-to-first
    let tmp = tempfile::tempdir().expect("tmp");
    let zip_path = tmp.path().join("crossdoc.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("create"));
    for n in &names {
        zip.start_file(n.as_str(), zip::write::SimpleFileOptions::default())
            .expect("entry");
        std::io::Write::write_all(&mut zip, &std::fs::read(dir.join(n)).expect("read"))
            .expect("write");
    }
    zip.finish().expect("finish");
    let messages = |path: &str| -> Vec<String> {
        let (_, out, _) = yoshiki(&[
            "check",
            "--format",
            "json",
            "--config",
            dir.join("yoshiki.toml").to_str().expect("utf8"),
            path,
        ]);
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        let mut m: Vec<String> = v["files"]
            .as_array()
            .expect("files")
            .iter()
            .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
            .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("XD")))
            .map(|d| d["message"].as_str().unwrap_or("").to_string())
            .collect();
        m.sort();
        m
    };
    let from_folder = messages(dir.to_str().expect("utf8"));
    assert!(!from_folder.is_empty());
    assert_eq!(messages(zip_path.to_str().expect("utf8")), from_folder);
}

#[test]
fn as_of_takes_a_japanese_era_date() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for date in ["2026-12-04", "令和８年１２月４日", "R8.12.4", "2026/12/4"] {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
            .args(["check", "--format", "json", "--as-of", date])
            .arg(root.join("samples/clean"))
            .output()
            .expect("runs");
        let v: serde_json::Value = serde_json::from_slice(&run.stdout).expect(date);
        assert_eq!(v["as_of"], "2026-12-04", "{date}");
    }
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["check", "--as-of", "令和８年２月３０日"])
        .arg(root.join("samples/clean"))
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("という日付はありません"));
}

#[test]
fn reports_written_into_the_folder_are_not_checked_as_submissions() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("受付");
    std::fs::create_dir(&dir).expect("dir");
    for e in std::fs::read_dir(root.join("samples/clean"))
        .expect("clean")
        .flatten()
    {
        std::fs::copy(e.path(), dir.join(e.file_name())).expect("copy");
    }
    let yoshiki = || std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"));
    for report in ["受付結果.xlsx", "受付結果.csv"] {
        let run = yoshiki()
            .arg("check")
            .arg(&dir)
            .arg("--report")
            .arg(dir.join(report))
            .output()
            .expect("runs");
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    // The next run finds the reports (with their masked ●●●) and leaves them be.
    let again = yoshiki()
        .args(["check", "--format", "json"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&again.stdout).expect("json");
    let reports: Vec<&serde_json::Value> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter(|f| f["path"].as_str().is_some_and(|p| p.contains("受付結果")))
        .collect();
    assert_eq!(reports.len(), 3, "{v}");
    for f in reports {
        let d = f["diagnostics"].as_array().expect("diagnostics");
        assert_eq!(d.len(), 1, "{f}");
        assert_eq!(d[0]["severity"], "info");
        assert!(
            d[0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("書き出した"))
        );
    }
}

#[test]
fn fix_takes_a_folder_and_says_what_is_left() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("提出");
    std::fs::create_dir(&dir).expect("dir");
    for e in std::fs::read_dir(root.join("samples/mistakes/application"))
        .expect("set")
        .flatten()
    {
        std::fs::copy(e.path(), dir.join(e.file_name())).expect("copy");
    }
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .arg("fix")
        .arg(&dir)
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        out.contains("1 ファイル:") && out.contains("件を修正しました"),
        "{out}"
    );
    let left: usize = out
        .split("手作業で直すもの ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.trim_end_matches('件').parse().ok())
        .expect("a count left");
    assert!(left >= 1, "{out}");
    // An empty folder: nothing fix can rewrite, exit 2.
    let empty = tmp.path().join("空");
    std::fs::create_dir(&empty).expect("dir");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .arg("fix")
        .arg(&empty)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn annotate_checks_the_file_with_its_folder_by_default() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = root.join("samples/mistakes/sum001/02_様式2_企画提案書.docx");
    let tmp = tempfile::tempdir().expect("tmp");
    let comments = |extra: &[&str], out: &str| -> String {
        let out = tmp.path().join(out);
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
            .arg("annotate")
            .arg(&file)
            .arg("-o")
            .arg(&out)
            .args(extra)
            .output()
            .expect("runs");
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).expect("open")).expect("zip");
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("word/comments.xml").expect("comments"),
            &mut text,
        )
        .expect("read");
        text
    };
    // The 理由書 lies beside it: no 「理由書が見当たりません」 in the copy.
    assert!(!comments(&[], "set.docx").contains("SUB001"));
    // Alone, the proposal lacks its 理由書.
    assert!(comments(&["--alone"], "alone.docx").contains("SUB001"));
}

#[test]
fn annotated_copies_name_no_tool_and_no_local_path() {
    // The copy goes back to the applicant: no command of a tool they do not
    // have, no folder of the official's machine.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("tmp");
    let mut texts = Vec::new();
    for (file, name) in [
        ("samples/r5_report/別紙4_実施状況報告書.docx", "r5.docx"),
        (
            "samples/mistakes/crossdoc/02_様式2_企画提案書.docx",
            "xd.docx",
        ),
    ] {
        let out = tmp.path().join(name);
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
            .arg("annotate")
            .arg(root.join(file))
            .arg("-o")
            .arg(&out)
            .output()
            .expect("runs");
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).expect("open")).expect("zip");
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("word/comments.xml").expect("comments"),
            &mut text,
        )
        .expect("read");
        texts.push(text);
    }
    // The r5 report is told to move to the current template, in words.
    assert!(
        texts[0].contains("VER003") && texts[0].contains("現行様式"),
        "{}",
        texts[0]
    );
    // The 件名 mismatch names the other file by its name only.
    assert!(
        texts[1].contains("関連ファイル: 01_様式1_申請書.docx"),
        "{}",
        texts[1]
    );
    for t in &texts {
        assert!(
            !t.contains("yoshiki migrate") && !t.contains("yoshiki fix"),
            "{t}"
        );
        assert!(!t.contains(&root.display().to_string()), "{t}");
    }
}

#[test]
fn a_missing_output_folder_is_said_before_any_work() {
    // The folder of --report (and of -o) must exist: said at once, with the
    // folder named, not after the whole batch has been checked.
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no_such_folder");
    let report = missing.join("r.xlsx");
    let (code, out, err) = yoshiki(&["check", SET, "--report", report.to_str().expect("utf-8")]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "nothing was checked: {out}");
    assert!(
        err.contains("フォルダ") && err.contains("no_such_folder"),
        "{err}"
    );
    let target = missing.join("new.docx");
    let (code, _, err) = yoshiki(&[
        "migrate",
        "samples/r5_report/別紙4_実施状況報告書.docx",
        "-o",
        target.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no_such_folder"), "{err}");
    assert!(!missing.exists());
}
