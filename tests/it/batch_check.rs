//! Batch intake through `check`: a folder of submission sets (folders and
//! .zip files) with a corrupt file, a password-protected one and zip bombs
//! among good ones gives a full result for every good file (the same as
//! checking it on its own) and the right finding for each bad one; a file
//! that overruns the time bound is an IN005 finding, not a hang; and the
//! `--report` files open.

use calamine::{Data, Reader, Xlsx, open_workbook};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use yoshiki::check::{CheckOptions, CheckReport, check};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample(p: &str) -> PathBuf {
    root().join("samples").join(p)
}

fn bad(p: &str) -> PathBuf {
    root().join("tests/fixtures/reader/bad").join(p)
}

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default()
}

fn options() -> CheckOptions {
    CheckOptions {
        as_of: as_of(),
        ..CheckOptions::default()
    }
}

fn copy(from: &Path, to: &Path) {
    if let Err(e) = std::fs::copy(from, to) {
        panic!("copy {} -> {}: {e}", from.display(), to.display());
    }
}

/// The batch an office might receive:
/// - `001_みらい/`: the clean set plus a truncated upload, a locked
///   roster and a zip bomb dropped in beside it;
/// - `002_あおば.zip`: the 様式２ mistakes set zipped, with a bomb and a
///   legacy .rtf inside;
/// - `003_さくら/`: the one-document submission.
///
/// Returns (dir, expected code per bad file name).
fn make_batch(dir: &Path) -> BTreeMap<&'static str, &'static str> {
    let a = dir.join("001_みらい");
    std::fs::create_dir_all(&a).unwrap_or_else(|e| panic!("{e}"));
    for f in [
        "01_様式1_申請書.docx",
        "02_様式2_企画提案書.docx",
        "03_理由書.docx",
        "04_情報取扱者名簿.xlsx",
        "05_実施状況報告書.docx",
    ] {
        copy(&sample(&format!("clean/{f}")), &a.join(f));
    }
    copy(&bad("truncated.docx"), &a.join("06_途中で切れた.docx"));
    copy(
        &sample("mistakes/files/04_情報取扱者名簿.xlsx"),
        &a.join("07_パスワード付き名簿.xlsx"),
    );
    copy(&bad("bomb_ratio.docx"), &a.join("08_爆弾.docx"));

    let zip_path = dir.join("002_あおば.zip");
    let file = std::fs::File::create(&zip_path).unwrap_or_else(|e| panic!("{e}"));
    let mut z = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default();
    for (name, from) in [
        (
            "02_様式2_企画提案書.docx",
            sample("mistakes/proposal/02_様式2_企画提案書.docx"),
        ),
        ("03_理由書.docx", sample("mistakes/proposal/03_理由書.docx")),
        ("09_爆弾300MB.docx", bad("bomb_300mb.docx")),
        ("10_旧形式.rtf", bad("legacy.rtf")),
    ] {
        let bytes = std::fs::read(&from).unwrap_or_else(|e| panic!("{e}"));
        z.start_file(name, opts).unwrap_or_else(|e| panic!("{e}"));
        z.write_all(&bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    z.finish().unwrap_or_else(|e| panic!("{e}"));

    let c = dir.join("003_さくら");
    std::fs::create_dir_all(&c).unwrap_or_else(|e| panic!("{e}"));
    copy(&sample("clean_single/全様式.docx"), &c.join("全様式.docx"));
    // The samples' config (title and budget cap of the call) for every set.
    copy(&sample("clean/yoshiki.toml"), &dir.join("yoshiki.toml"));

    BTreeMap::from([
        ("06_途中で切れた.docx", "IN001"),
        ("07_パスワード付き名簿.xlsx", "IN002"),
        ("08_爆弾.docx", "IN005"),
        ("09_爆弾300MB.docx", "IN005"),
        ("10_旧形式.rtf", "IN003"),
    ])
}

/// A Word package of `paragraphs` numbered paragraphs, built in memory.
fn long_docx(paragraphs: u32) -> Vec<u8> {
    let mut body = String::new();
    for i in 0..paragraphs {
        body.push_str(&format!(
            "<w:p><w:r><w:t>第{i}項 記載事項</w:t></w:r></w:p>"
        ));
    }
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
            ),
        ),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        z.write_all(text.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    z.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
}

fn present() -> bool {
    sample("clean/01_様式1_申請書.docx").is_file() && bad("bomb_ratio.docx").is_file()
}

fn name_of(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn codes(report: &CheckReport, name: &str) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = report
        .files
        .iter()
        .filter(|f| name_of(&f.path) == name)
        .flat_map(|f| f.diagnostics.iter().map(|d| d.code))
        .collect();
    v.sort_unstable();
    v
}

#[test]
fn bad_files_among_good_ones() {
    if !present() {
        crate::common::missing("samples or reader fixtures");
        return;
    }
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let expected_bad = make_batch(tmp.path());
    let started = Instant::now();
    let report = check(&[tmp.path().to_path_buf()], &options()).unwrap_or_else(|e| panic!("{e}"));
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(
        report.internal_errors.is_empty(),
        "{:?}",
        report.internal_errors
    );

    // Three sets, every file with a result.
    assert_eq!(report.sets.len(), 3, "{:?}", report.sets);
    let zip_set = report
        .sets
        .iter()
        .position(|s| s.ends_with("002_あおば.zip"))
        .unwrap_or_else(|| panic!("no zip set: {:?}", report.sets));
    assert_eq!(report.files.iter().filter(|f| f.set == zip_set).count(), 4);
    let names: Vec<&str> = report.files.iter().map(|f| name_of(&f.path)).collect();
    assert_eq!(report.files.len(), 8 + 4 + 1, "{names:?}");

    // Each bad file: exactly its finding.
    for (name, code) in &expected_bad {
        assert_eq!(codes(&report, name), vec![*code], "{name}");
    }

    // Each good file: the same full result as when its set is checked
    // alone (forms found, every finding).
    let alone_clean = check(&[sample("clean")], &options()).unwrap_or_else(|e| panic!("{e}"));
    let alone_proposal =
        check(&[sample("mistakes/proposal")], &options()).unwrap_or_else(|e| panic!("{e}"));
    let alone_single =
        check(&[sample("clean_single")], &options()).unwrap_or_else(|e| panic!("{e}"));
    let set_named = |suffix: &str| {
        report
            .sets
            .iter()
            .position(|s| s.ends_with(suffix))
            .unwrap_or_else(|| panic!("no set {suffix}"))
    };
    for (alone, set) in [
        (&alone_clean, set_named("001_みらい")),
        (&alone_proposal, zip_set),
        (&alone_single, set_named("003_さくら")),
    ] {
        for f in &alone.files {
            let name = name_of(&f.path);
            let in_batch = report
                .files
                .iter()
                .find(|b| b.set == set && name_of(&b.path) == name)
                .unwrap_or_else(|| panic!("{name}: no result in the batch"));
            assert_eq!(in_batch.forms, f.forms, "{name}");
            assert!(!in_batch.forms.is_empty(), "{name}: no form recognised");
            let mut want: Vec<&str> = f.diagnostics.iter().map(|d| d.code).collect();
            let mut got: Vec<&str> = in_batch.diagnostics.iter().map(|d| d.code).collect();
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "{name}");
        }
    }
    // The mistakes in the zipped set are found inside the zip.
    assert!(codes(&report, "02_様式2_企画提案書.docx").contains(&"FMT004"));
    // The clean sets stay clean.
    for f in report.files.iter().filter(|f| f.set != zip_set) {
        if !expected_bad.contains_key(name_of(&f.path)) {
            assert!(
                f.diagnostics.is_empty(),
                "{}: {:?}",
                f.path,
                codes(&report, name_of(&f.path))
            );
        }
    }
}

#[test]
fn overrunning_the_time_bound_is_a_finding() {
    if !present() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    make_batch(tmp.path());
    // A long document beside the forms: tens of milliseconds to read in
    // any build, so it overruns a 1 ms bound however fast the readers get
    // (全様式.docx alone came to finish inside the watchdog's tick).
    std::fs::write(
        tmp.path().join("003_さくら").join("11_長大.docx"),
        long_docx(30_000),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut opts = options();
    // A bound no real file can meet: every file must still get a result,
    // most of them IN005, and the check must come back.
    opts.limits.time_budget_ms = 1;
    let started = Instant::now();
    let report = check(&[tmp.path().to_path_buf()], &opts).unwrap_or_else(|e| panic!("{e}"));
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_eq!(report.files.len(), 14);
    let overrun: Vec<&str> = report
        .files
        .iter()
        .filter(|f| {
            f.diagnostics
                .iter()
                .any(|d| d.code == "IN005" && d.message.ja.contains("制限時間"))
        })
        .map(|f| name_of(&f.path))
        .collect();
    assert!(!overrun.is_empty(), "no file overran a 1 ms bound");
    assert!(overrun.contains(&"11_長大.docx"), "{overrun:?}");
    for f in &report.files {
        assert!(
            !f.diagnostics.is_empty() || !f.forms.is_empty(),
            "{}: no result",
            f.path
        );
    }
}

#[test]
fn cli_writes_reports_that_open() {
    if !present() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let batch = tmp.path().join("受付");
    std::fs::create_dir_all(&batch).unwrap_or_else(|e| panic!("{e}"));
    let expected_bad = make_batch(&batch);
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
    for ext in ["xlsx", "csv", "html"] {
        let report = out.join(format!("結果.{ext}"));
        let run = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
            .args([
                "check",
                "--as-of",
                "2026-11-21",
                "--format",
                "json",
                "--quiet",
                "--report",
            ])
            .arg(&report)
            .arg(&batch)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            run.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(
            run.stderr.is_empty(),
            "--quiet: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(report.is_file(), "{ext}");
    }

    // xlsx: three set rows; every bad file on the findings sheet.
    let mut wb: Xlsx<_> = open_workbook(out.join("結果.xlsx")).unwrap_or_else(|e| panic!("{e}"));
    let sets = wb
        .worksheet_range("提出物一覧")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sets.height(), 4);
    let zip_row = sets
        .rows()
        .find(|r| {
            r.first()
                .is_some_and(|c| c.to_string().ends_with("002_あおば.zip"))
        })
        .unwrap_or_else(|| panic!("no row for the zip set"));
    assert_eq!(
        zip_row.get(1),
        Some(&Data::Float(4.0)),
        "the zip set has 4 files"
    );
    let findings = wb
        .worksheet_range("指摘一覧")
        .unwrap_or_else(|e| panic!("{e}"));
    for (name, code) in &expected_bad {
        let hit = findings.rows().any(|r| {
            r.get(1)
                .is_some_and(|c| c == &Data::String(name.to_string()))
                && r.get(2)
                    .is_some_and(|c| c == &Data::String(code.to_string()))
        });
        assert!(hit, "{name} {code} not on the findings sheet");
    }

    // CSV: BOM, and the findings file next to it.
    let sets_csv = std::fs::read_to_string(out.join("結果.csv")).unwrap_or_else(|e| panic!("{e}"));
    assert!(sets_csv.starts_with('\u{feff}'));
    assert_eq!(sets_csv.lines().count(), 4);
    let findings_csv =
        std::fs::read_to_string(out.join("結果_findings.csv")).unwrap_or_else(|e| panic!("{e}"));
    assert!(findings_csv.contains("08_爆弾.docx,IN005"));

    // HTML: parses as XML (well-formed) and names every set.
    let html = std::fs::read_to_string(out.join("結果.html")).unwrap_or_else(|e| panic!("{e}"));
    let mut reader = quick_xml::Reader::from_str(&html);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("HTML does not parse: {e}"),
        }
    }
    for set in ["001_みらい", "002_あおば.zip", "003_さくら"] {
        assert!(html.contains(set), "{set}");
    }

    // An unknown report extension is a usage error (exit 2).
    let run = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["check", "--report"])
        .arg(out.join("x.pdf"))
        .arg(&batch)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn streamed_json_is_the_rendered_json() {
    // `check --format json` streams file by file; the text must be exactly
    // what the whole-report renderer gives.
    if !present() {
        return;
    }
    let report = check(&[root().join("samples")], &options()).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.files.len() > 40);
    for (lang, personal) in [
        (yoshiki::diag::Lang::Ja, false),
        (yoshiki::diag::Lang::En, true),
    ] {
        let whole = yoshiki::diag::json::render(&report, lang, personal);
        let mut streamed = Vec::new();
        yoshiki::diag::json::write(&report, lang, personal, &mut streamed)
            .unwrap_or_else(|e| panic!("{e}"));
        let streamed = String::from_utf8_lossy(&streamed);
        // Keys in the order a JSON map sorts them: the text read back and
        // printed again is the same text.
        let resorted: serde_json::Value =
            serde_json::from_str(&streamed).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            serde_json::to_string_pretty(&resorted).unwrap_or_default(),
            streamed,
            "keys out of order"
        );
        if streamed != whole {
            let at = streamed
                .bytes()
                .zip(whole.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(streamed.len().min(whole.len()));
            let from = at.saturating_sub(80);
            panic!(
                "streamed JSON differs at byte {at}:\n{}\n---\n{}",
                String::from_utf8_lossy(&streamed.as_bytes()[from..(at + 80).min(streamed.len())]),
                String::from_utf8_lossy(&whole.as_bytes()[from..(at + 80).min(whole.len())])
            );
        }
    }
}
