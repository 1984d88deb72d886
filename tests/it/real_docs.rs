//! Real documents as they come (issue 16): the files written by
//! `scripts/make_real_docs.py` into `tests/fixtures/realdocs/`, each with
//! the findings it must and must not give through the command line.

use serde_json::Value;
use std::process::Command;

fn fx(name: &str) -> String {
    format!(
        "{}/tests/fixtures/realdocs/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn yoshiki(args: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run yoshiki");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

/// `check --format json` of the given paths.
fn check(paths: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--format", "json", "--as-of", "2026-06-01"];
    let owned: Vec<String> = paths.iter().map(|p| fx(p)).collect();
    args.extend(owned.iter().map(String::as_str));
    let (code, out) = yoshiki(&args);
    let json = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    (code, json)
}

/// The findings of one file with this code.
fn findings<'a>(report: &'a Value, file_suffix: &str, code: &str) -> Vec<&'a Value> {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter(|f| f["path"].as_str().is_some_and(|p| p.ends_with(file_suffix)))
        .flat_map(|f| f["diagnostics"].as_array().expect("diagnostics"))
        .filter(|d| d["code"] == code)
        .collect()
}

/// The text the reader saw (`dump`).
fn dump(name: &str) -> String {
    let (code, out) = yoshiki(&["dump", &fx(name)]);
    assert_eq!(code, 0, "dump {name}: {out}");
    out
}

#[test]
fn w_sym_characters_are_read() {
    let text = dump("sym_circled.docx");
    assert!(text.contains("所得金額⑲の欄"), "{text}");
    assert!(text.contains("①旅費　②会場費"), "{text}");
    assert!(text.contains("係数 α を用いる"), "{text}");
}

#[test]
fn headers_not_switched_on_are_kept_out() {
    let (_, r) = check(&["inactive_headers.docx"]);
    assert!(
        findings(&r, "inactive_headers.docx", "SEC007").is_empty(),
        "{r:#}"
    );
    let text = dump("inactive_headers.docx");
    assert!(text.contains("通常のヘッダー"), "{text}");
    assert!(!text.contains("表紙用メモ"), "{text}");
    assert!(!text.contains("偶数ページ用メモ"), "{text}");
    // Switched on, the same headers are read and their hidden text found.
    let (_, r) = check(&["active_headers.docx"]);
    assert_eq!(
        findings(&r, "active_headers.docx", "SEC007").len(),
        2,
        "{r:#}"
    );
}

#[test]
fn hidden_sheets_are_read_and_reported() {
    let (_, r) = check(&["hidden_sheets.xlsx"]);
    let found = findings(&r, "hidden_sheets.xlsx", "SEC007");
    let messages: Vec<&str> = found.iter().filter_map(|d| d["message"].as_str()).collect();
    assert_eq!(found.len(), 2, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("非表示のシート「旧名簿」があります")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("「作業用」") && m.contains("再表示")),
        "{messages:?}"
    );
    assert!(found.iter().all(|d| d["severity"] == "warning"));
    // An empty hidden sheet hides nothing.
    assert!(!messages.iter().any(|m| m.contains("空の非表示")));
    // The hidden sheets' cells are read.
    let text = dump("hidden_sheets.xlsx");
    assert!(text.contains("旧担当 一郎"), "{text}");
}

#[test]
fn hidden_sheets_of_an_ods_are_reported() {
    let (_, r) = check(&["hidden_sheets.ods"]);
    let found = findings(&r, "hidden_sheets.ods", "SEC007");
    let messages: Vec<&str> = found.iter().filter_map(|d| d["message"].as_str()).collect();
    assert_eq!(found.len(), 2, "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("「旧名簿」")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("「作業用」")),
        "{messages:?}"
    );
}

#[test]
fn google_sheets_comment_shows_its_text() {
    let (_, r) = check(&["google_comments.xlsx"]);
    let found = findings(&r, "google_comments.xlsx", "SEC004");
    assert_eq!(found.len(), 1);
    let message = found[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("単価の根拠を確認してください"),
        "{message}"
    );
    assert!(
        !message.contains("ID#") && !message.contains("======"),
        "{message}"
    );
}

#[test]
fn activex_controls_are_one_finding_with_the_count() {
    let (_, r) = check(&["activex.xlsx"]);
    let found = findings(&r, "activex.xlsx", "SEC003");
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = found[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("埋め込みオブジェクトが 94 個あります（ActiveX コントロール 94）"),
        "{message}"
    );
}

#[test]
fn empty_office_files_are_broken_files() {
    let (code, r) = check(&["empty.xlsx", "empty.docx", "empty.odt"]);
    assert_eq!(code, 1);
    for name in ["empty.xlsx", "empty.docx", "empty.odt"] {
        assert_eq!(findings(&r, name, "IN001").len(), 1, "{name}: {r:#}");
    }
}

#[test]
fn odt_is_read_through_the_same_model() {
    let (_, r) = check(&["writer_form.odt"]);
    let file = &r["files"][0];
    assert_eq!(file["format"], "odt");
    assert!(findings(&r, "writer_form.odt", "IN003").is_empty(), "{r:#}");
    let comments = findings(&r, "writer_form.odt", "SEC004");
    assert_eq!(comments.len(), 1);
    assert!(
        comments[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("金額は課長確認中")
    );
    assert_eq!(findings(&r, "writer_form.odt", "SEC005").len(), 1);
    let meta = findings(&r, "writer_form.odt", "SEC006");
    assert_eq!(meta.len(), 1);
    assert_eq!(meta[0]["location"]["part"], "meta.xml");
    let text = dump("writer_form.odt");
    assert!(text.contains("地域イベント実施報告書"), "{text}");
    assert!(text.contains("市民ホール"), "{text}");
    assert!(text.contains("１５０人"), "{text}");
    assert!(
        !text.contains("参加者数：１２０人"),
        "deleted text is out: {text}"
    );
}

#[test]
fn odt_form_gives_the_same_fields_as_its_docx() {
    let extract = |path: &str| -> Value {
        let (code, out) = yoshiki(&["extract", "--format", "json", path]);
        assert_eq!(code, 0, "{out}");
        serde_json::from_str(&out).expect("json")
    };
    let odt = extract(&fx("sample_form.odt"));
    let docx = extract(&format!(
        "{}/samples/clean/01_様式1_申請書.docx",
        env!("CARGO_MANIFEST_DIR")
    ));
    let values = |v: &Value| -> Vec<(String, Value)> {
        let fields = v["files"][0]["forms"][0]["fields"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        fields
            .into_iter()
            .map(|(k, f)| (k, f["value"].clone()))
            .collect()
    };
    assert_eq!(odt["files"][0]["format"], "odt");
    assert_eq!(odt["files"][0]["forms"][0]["form"], "application");
    assert!(!values(&docx).is_empty());
    assert_eq!(values(&odt), values(&docx));
}

#[test]
fn a_folder_reports_every_file_but_lock_files() {
    let (code, r) = check(&["folder"]);
    assert_eq!(code, 1, "unread files are errors: {r:#}");
    let paths: Vec<&str> = r["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(paths.len(), 4, "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("~$")), "{paths:?}");
    for (name, what) in [
        ("scan.png", "画像ファイル（PNG）"),
        ("説明資料.odp", "OpenDocument プレゼンテーション"),
        ("data.dat", "バイナリファイル"),
    ] {
        let found = findings(&r, name, "IN003");
        assert_eq!(found.len(), 1, "{name}: {r:#}");
        let message = found[0]["message"].as_str().unwrap_or_default();
        assert!(message.contains(what), "{name}: {message}");
    }
    assert_eq!(r["summary"]["files"], 4);
    assert_eq!(r["summary"]["skipped"], 1);
    // The human summary says what was skipped.
    let (_, human) = yoshiki(&["check", &fx("folder")]);
    assert!(human.contains("ロックファイル"), "{human}");
    // extract reports the same files and the skipped count.
    let (code, out) = yoshiki(&["extract", "--format", "json", &fx("folder")]);
    assert_eq!(code, 1, "{out}");
    let e: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(e["files"].as_array().map(Vec::len), Some(4));
    assert_eq!(e["skipped"], 1);
}

#[test]
fn xls_author_in_every_japanese_code_page() {
    for name in ["mac_author.xls", "cp932_author.xls"] {
        let text = dump(name);
        assert!(text.contains("作成者: 山田 太郎"), "{name}: {text}");
        assert!(text.contains("最終更新者: 佐藤 花子"), "{name}: {text}");
        let (_, r) = check(&[name]);
        let found = findings(&r, name, "SEC006");
        assert_eq!(found.len(), 1, "{name}: {r:#}");
        assert_eq!(found[0]["location"]["part"], "SummaryInformation");
    }
}

#[test]
fn a_zip_set_reports_every_member_but_lock_files() {
    let (code, r) = check(&["set.zip"]);
    assert_eq!(code, 1);
    let paths: Vec<&str> = r["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(paths.len(), 5, "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("~$")), "{paths:?}");
    for name in ["scan.png", "説明資料.odp", "data.dat", "メモ.md"] {
        assert_eq!(findings(&r, name, "IN003").len(), 1, "{name}: {r:#}");
    }
    assert!(findings(&r, "申請書.docx", "IN003").is_empty());
    assert_eq!(r["summary"]["skipped"], 1, "the lock file is counted");
}

#[test]
fn placeholders_outside_forms_only_where_something_is_to_be_written() {
    // A paper, not a form: 〇〇 as a word in prose, a bullet, 記載例 wording
    // and an example row are the paper's own; 「担当者：○○」 is a place
    // left unfilled, and outside any form that is a warning, not an error.
    let (_, report) = check(&["paper_placeholders.docx"]);
    let ph = findings(&report, "paper_placeholders.docx", "PH001");
    assert_eq!(ph.len(), 1, "{ph:#?}");
    assert_eq!(ph[0]["severity"], "warning");
    assert!(
        ph[0]["excerpt"]
            .as_str()
            .is_some_and(|t| t.contains("担当者")),
        "{:#?}",
        ph[0]
    );
}

#[test]
fn dates_and_emails_are_checked_outside_forms_as_warnings() {
    // Another call's filled report: no form yoshiki knows, yet the blank
    // date, the impossible date and the full-width ＠ are worth a word.
    let (_, report) = check(&["other_call_report.docx"]);
    let f = "other_call_report.docx";
    for (code, text) in [
        ("REQ003", "令和　　年　　月　　日"),
        ("FMT003", "令和７年２月３０日"),
        ("FMT001", "info＠minato-kogyo.example.jp"),
    ] {
        let found = findings(&report, f, code);
        assert_eq!(found.len(), 1, "{code}: {found:#?}");
        assert_eq!(found[0]["severity"], "warning", "{code}");
        assert!(
            found[0]["message"]
                .as_str()
                .is_some_and(|m| m.contains(text)),
            "{code}: {:#?}",
            found[0]
        );
    }
    // The correct date, and a date in a sentence, are left alone; nothing
    // outside a form is an error.
    let all: Vec<&Value> = report["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .collect();
    assert!(all.iter().all(|d| d["severity"] != "error"), "{all:#?}");
    assert_eq!(findings(&report, f, "FMT003").len(), 1);
}
