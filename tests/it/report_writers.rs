//! The batch report writers: the workbook opens (calamine, openpyxl when
//! installed) with header, autofilter and frozen panes; the CSV round-trips
//! (our parser and Python's csv module) and opens in Excel (BOM, CRLF); the
//! HTML parses as XML and loads nothing from outside.

use calamine::{Data, Reader, Xlsx, open_workbook};
use quick_xml::events::Event;
use std::io::Read;
use std::path::Path;
use std::process::Command;
use yoshiki::diag::{Lang, Severity};
use yoshiki::report::{self, FindingRow, Report, SetRow};

fn sample() -> Report {
    let mut sets = vec![
        SetRow {
            name: "001_株式会社あおば".into(),
            files: 3,
            forms: vec![
                ("application".into(), "r8".into()),
                ("proposal".into(), "r8".into()),
                ("security_report".into(), "r5".into()),
            ],
            errors: 2,
            warnings: 1,
            infos: 0,
            codes: vec!["VER001".into(), "SUM001".into(), "FMT002".into()],
            summary_ja: String::new(),
        },
        SetRow {
            name: "=HYPERLINK(\"http://x\",\"click\")".into(),
            files: 1,
            forms: vec![],
            errors: 1,
            warnings: 0,
            infos: 0,
            codes: vec!["IN002".into()],
            summary_ja: String::new(),
        },
        SetRow {
            name: "003, \"quoted\" name".into(),
            files: 2,
            forms: vec![("proposal".into(), "r8".into())],
            errors: 0,
            warnings: 0,
            infos: 1,
            codes: vec!["SEC006".into()],
            summary_ja: String::new(),
        },
    ];
    let unreadable = [0, 1, 0];
    for (s, u) in sets.iter_mut().zip(unreadable) {
        s.summary_ja = report::summary_ja(s, u);
    }
    let long_excerpt = "長い抜粋".repeat(10_000); // 40,000 chars: over Excel's cell limit
    let findings = vec![
        FindingRow {
            set: "001_株式会社あおば".into(),
            file: "001_株式会社あおば/別紙４.docx".into(),
            code: "VER001".into(),
            severity: Severity::Error,
            message: "「政府機関等の情報セキュリティ対策のための統一基準群」の版が古い（令和５年度版）。令和７年度版と書いてください。".into(),
            help: "令和７年度版と書いてください。".into(),
            place: "別紙 実施状況報告書 ２）".into(),
            location: "表1 2行 2列".into(),
            field: "items[0].detail".into(),
            excerpt: "…統一基準」（令和５年度版）…\n次の行".into(),
            related: String::new(),
        },
        FindingRow {
            set: "001_株式会社あおば".into(),
            file: "001_株式会社あおば/様式２.docx".into(),
            code: "SUM001".into(),
            severity: Severity::Error,
            message: "Ⅰ+Ⅱ+Ⅲ+Ⅳ（１２，０００千円）が小計（１２，５００千円）と一致しません。".into(),
            help: "小計を Ⅰ+Ⅱ+Ⅲ+Ⅳ と同じにしてください。".into(),
            place: "様式２ ７．事業費総額 小計".into(),
            location: "表4 9行 3列".into(),
            field: "budget.subtotal".into(),
            excerpt: long_excerpt,
            related: String::new(),
        },
        FindingRow {
            set: "001_株式会社あおば".into(),
            file: "001_株式会社あおば/様式１.docx".into(),
            code: "FMT002".into(),
            severity: Severity::Warning,
            message: "電話番号の形式が正しくありません。".into(),
            help: String::new(),
            place: "様式１ 連絡先 電話".into(),
            location: "表1 8行 2列".into(),
            field: "contact.phone".into(),
            excerpt: "-03-1234-5678 <script>alert(1)</script> & more".into(),
            related: String::new(),
        },
        FindingRow {
            set: "=HYPERLINK(\"http://x\",\"click\")".into(),
            file: "secret.docx".into(),
            code: "IN002".into(),
            severity: Severity::Error,
            message: "ファイルがパスワードで保護（暗号化）されているため確認できません。".into(),
            help: "パスワードを外して保存し直してください。".into(),
            place: String::new(),
            location: String::new(),
            field: String::new(),
            excerpt: String::new(),
            related: String::new(),
        },
        FindingRow {
            set: "003, \"quoted\" name".into(),
            file: "003/a.xlsx".into(),
            code: "SEC006".into(),
            severity: Severity::Info,
            message: "作成者情報が残っています。".into(),
            help: String::new(),
            place: String::new(),
            location: "Sheet1!C12".into(),
            field: String::new(),
            excerpt: "@SUM(1+1)".into(),
            related: String::new(),
        },
    ];
    Report {
        tool: "yoshiki 0.1.0".into(),
        as_of: Some("2026-11-21".into()),
        sets,
        findings,
    }
}

fn tmp() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    }
}

fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn summary_reads_in_japanese() {
    let r = sample();
    assert_eq!(
        r.sets[0].summary_ja,
        "エラー 2件・警告 1件（VER001 ほか 2種）。認識した様式: 様式１、様式２、実施状況報告書。"
    );
    assert_eq!(
        r.sets[1].summary_ja,
        "読み込めないファイル 1件。エラー 1件（IN002）。様式を認識できません。"
    );
    assert_eq!(
        r.sets[2].summary_ja,
        "エラー・警告なし。認識した様式: 様式２。"
    );
}

#[test]
fn xlsx_opens_with_header_filter_and_frozen_panes() {
    let dir = tmp();
    let path = dir.path().join("受付結果.xlsx");
    let r = sample();
    let written = report::write(&path, &r, Lang::Ja).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written, vec![path.clone()]);

    let mut wb: Xlsx<_> = open_workbook(&path).unwrap_or_else(|e| panic!("calamine: {e}"));
    assert_eq!(
        wb.sheet_names(),
        vec!["提出物一覧".to_string(), "指摘一覧".to_string()]
    );

    let sets = wb
        .worksheet_range("提出物一覧")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sets.height(), 1 + r.sets.len());
    assert_eq!(sets.get((0, 0)), Some(&Data::String("提出物".into())));
    assert_eq!(sets.get((0, 7)), Some(&Data::String("概要".into())));
    assert_eq!(
        sets.get((1, 0)),
        Some(&Data::String("001_株式会社あおば".into()))
    );
    assert_eq!(sets.get((1, 1)), Some(&Data::Float(3.0)));
    assert_eq!(
        sets.get((1, 2)),
        Some(&Data::String(
            "様式１ 申請書（r8）、様式２ 企画提案書（r8）、別紙 情報セキュリティに関する事項の遵守の方法の実施状況報告書（r5）".into()
        ))
    );
    assert_eq!(sets.get((1, 3)), Some(&Data::Float(2.0)));
    assert_eq!(
        sets.get((1, 6)),
        Some(&Data::String("VER001 SUM001 FMT002".into()))
    );
    // A formula-looking name stays text, never a formula.
    assert_eq!(
        sets.get((2, 0)),
        Some(&Data::String("=HYPERLINK(\"http://x\",\"click\")".into()))
    );

    let findings = wb
        .worksheet_range("指摘一覧")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(findings.height(), 1 + r.findings.len());
    assert_eq!(findings.get((0, 3)), Some(&Data::String("重大度".into())));
    assert_eq!(findings.get((1, 2)), Some(&Data::String("VER001".into())));
    assert_eq!(findings.get((1, 3)), Some(&Data::String("エラー".into())));
    assert_eq!(findings.get((3, 3)), Some(&Data::String("警告".into())));
    assert_eq!(
        findings.get((1, 9)),
        Some(&Data::String("…統一基準」（令和５年度版）…\n次の行".into()))
    );
    match findings.get((2, 9)) {
        Some(Data::String(s)) => {
            assert!(s.encode_utf16().count() <= 32_767);
            assert!(s.starts_with("長い抜粋長い抜粋") && s.ends_with("（以下省略）"));
        }
        other => panic!("long excerpt: {other:?}"),
    }
    let formulas = wb
        .worksheet_formula("指摘一覧")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formulas"
    );

    // Autofilter and frozen panes, straight from the sheet XML.
    let f = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut zip = zip::ZipArchive::new(f).unwrap_or_else(|e| panic!("{e}"));
    let sheet_xml = |zip: &mut zip::ZipArchive<std::fs::File>, n: u32| {
        let mut s = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
            .unwrap_or_else(|e| panic!("{e}"))
            .read_to_string(&mut s)
            .unwrap_or_else(|e| panic!("{e}"));
        s
    };
    let s1 = sheet_xml(&mut zip, 1);
    let s2 = sheet_xml(&mut zip, 2);
    assert!(s1.contains("<autoFilter ref=\"A1:H4\""), "{s1}");
    assert!(s2.contains("<autoFilter ref=\"A1:K6\""), "{s2}");
    for s in [&s1, &s2] {
        assert!(
            s.contains("state=\"frozen\"") && s.contains("topLeftCell=\"B2\""),
            "{s}"
        );
    }

    // openpyxl, the reader most offices' scripts use.
    if python_has("openpyxl") {
        let out = Command::new("python3")
            .arg("-c")
            .arg(
                "import sys, openpyxl\n\
wb = openpyxl.load_workbook(sys.argv[1])\n\
for ws in wb.worksheets: print(ws.title, ws.auto_filter.ref, ws.freeze_panes, ws.max_row, ws['A1'].font.b, ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage, ws.print_title_rows)\n",
            )
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "提出物一覧 A1:H4 B2 4 True landscape 9 1 0 True $1:$1\n指摘一覧 A1:K6 B2 6 True landscape 9 1 0 True $1:$1\n"
        );
    } else {
        crate::common::missing("python3 with openpyxl");
    }
}

#[test]
fn xlsx_empty_report_still_has_headers() {
    let dir = tmp();
    let path = dir.path().join("empty.xlsx");
    report::write(&path, &Report::default(), Lang::En).unwrap_or_else(|e| panic!("{e}"));
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap_or_else(|e| panic!("{e}"));
    let r = wb
        .worksheet_range("Findings")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.height(), 1);
    assert_eq!(r.get((0, 3)), Some(&Data::String("Severity".into())));
}

/// A strict RFC 4180 parser (CRLF records, quotes doubled).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                c => cell.push(c),
            }
        } else {
            match c {
                '"' => quoted = true,
                ',' => row.push(std::mem::take(&mut cell)),
                '\r' => {
                    assert_eq!(chars.next(), Some('\n'), "bare CR");
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                '\n' => panic!("bare LF outside quotes"),
                c => cell.push(c),
            }
        }
    }
    assert!(
        cell.is_empty() && row.is_empty(),
        "last record not terminated"
    );
    rows
}

#[test]
fn csv_round_trips_and_opens_in_excel() {
    let dir = tmp();
    let path = dir.path().join("受付結果.csv");
    let r = sample();
    let written = report::write(&path, &r, Lang::Ja).unwrap_or_else(|e| panic!("{e}"));
    let fpath = dir.path().join("受付結果_findings.csv");
    assert_eq!(written, vec![path.clone(), fpath.clone()]);

    let sets_text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let findings_text = std::fs::read_to_string(&fpath).unwrap_or_else(|e| panic!("{e}"));
    for t in [&sets_text, &findings_text] {
        assert!(t.starts_with('\u{feff}'), "BOM for Excel");
    }

    let sets = parse_csv(sets_text.trim_start_matches('\u{feff}'));
    assert_eq!(sets.len(), 1 + r.sets.len());
    assert_eq!(sets[0][0], "提出物");
    for (row, want) in sets[1..].iter().zip(&r.sets) {
        assert_eq!(row.len(), 8);
        assert_eq!(row[1], want.files.to_string());
        assert_eq!(row[3], want.errors.to_string());
        assert_eq!(row[7], want.summary_ja);
    }
    assert_eq!(sets[1][0], "001_株式会社あおば");
    assert_eq!(sets[3][0], "003, \"quoted\" name");
    // Formula guard: Excel shows the text, does not evaluate it.
    assert_eq!(sets[2][0], "'=HYPERLINK(\"http://x\",\"click\")");

    let findings = parse_csv(findings_text.trim_start_matches('\u{feff}'));
    assert_eq!(findings.len(), 1 + r.findings.len());
    for (row, want) in findings[1..].iter().zip(&r.findings) {
        assert_eq!(row.len(), 11);
        assert_eq!(row[5], want.help);
        assert_eq!(row[1], want.file);
        assert_eq!(row[2], want.code);
        assert_eq!(row[4], want.message);
        assert_eq!(row[7], want.location);
    }
    assert_eq!(findings[1][9], "…統一基準」（令和５年度版）…\n次の行");
    assert_eq!(
        findings[2][9].chars().count(),
        40_000,
        "CSV keeps the whole text"
    );
    assert_eq!(
        findings[3][9],
        "'-03-1234-5678 <script>alert(1)</script> & more"
    );
    assert_eq!(findings[5][9], "'@SUM(1+1)");
    assert_eq!(findings[4][3], "エラー");

    // Python's csv module (what utf-8-sig readers do) agrees.
    if python_has("csv") {
        let out = Command::new("python3")
            .arg("-c")
            .arg(
                "import sys, csv\n\
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\n\
print(len(rows), len(rows[1]), rows[1][9].splitlines()[1], rows[3][0])\n",
            )
            .arg(&fpath)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "6 11 次の行 001_株式会社あおば\n"
        );
    }
}

#[test]
fn html_is_self_contained_and_parses() {
    let dir = tmp();
    let path = dir.path().join("report.html");
    let r = sample();
    report::write(&path, &r, Lang::Ja).unwrap_or_else(|e| panic!("{e}"));
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(html.starts_with("<!DOCTYPE html>"));

    // Well-formed: every element closed; collect the text of the findings
    // table rows and every attribute that could load something.
    let mut reader = quick_xml::Reader::from_str(&html);
    let mut stack: Vec<String> = Vec::new();
    let mut in_findings = false;
    let mut finding_rows = 0;
    let mut cells: Vec<String> = Vec::new();
    let mut text_cells: Vec<Vec<String>> = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.name().as_ref().to_string();
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|e| panic!("attribute: {e}"));
                    let key = a.key.as_ref().to_string();
                    let val = a.value.to_string();
                    assert!(key != "src", "external resource: {key}={val}");
                    if key == "href" {
                        assert!(val.starts_with('#'), "only in-page links: {val}");
                    }
                    if name == "table" && key == "id" {
                        in_findings = val == "findings";
                    }
                }
                if in_findings && name == "tr" && stack.last().map(String::as_str) == Some("tbody")
                {
                    finding_rows += 1;
                    text_cells.push(Vec::new());
                }
                if in_findings && name == "td" {
                    cells.clear();
                }
                stack.push(name);
            }
            Ok(Event::Empty(e)) => {
                let name = e.name().as_ref().to_string();
                assert!(
                    matches!(name.as_str(), "meta" | "input" | "col" | "br"),
                    "unexpected empty element {name}"
                );
            }
            Ok(Event::Text(t)) => {
                if in_findings && stack.last().map(String::as_str) == Some("td") {
                    let s = t.xml10_content().into_owned();
                    cells.push(s);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if in_findings && stack.last().map(String::as_str) == Some("td") {
                    let name = r.to_string();
                    let ch = match name.as_str() {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "#39" => "'".to_string(),
                        other => panic!("unexpected entity {other}"),
                    };
                    cells.push(ch);
                }
            }
            Ok(Event::End(e)) => {
                let name = e.name().as_ref().to_string();
                assert_eq!(
                    stack.pop().as_deref(),
                    Some(name.as_str()),
                    "mismatched </{name}>"
                );
                if in_findings
                    && name == "td"
                    && let Some(row) = text_cells.last_mut()
                {
                    row.push(cells.concat());
                }
                if name == "table" {
                    in_findings = false;
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("HTML does not parse at {}: {e}", reader.buffer_position()),
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert_eq!(finding_rows, r.findings.len());
    assert_eq!(
        text_cells[2][9],
        "-03-1234-5678 <script>alert(1)</script> & more"
    );
    assert_eq!(text_cells[0][3], "エラー");
    assert_eq!(text_cells[3][0], "=HYPERLINK(\"http://x\",\"click\")");
    assert!(
        html.contains("default-src 'none'"),
        "CSP forbids loading anything"
    );
    // The injected markup is text, not an element.
    assert!(!html.contains("<script>alert"));
    // Set rows link to their first finding.
    assert!(html.contains("<a href=\"#f1\">001_株式会社あおば</a>"));
    assert!(html.contains("<a href=\"#f5\">003, &quot;quoted&quot; name</a>"));
    // One section per set to send back: its findings, each with what to
    // write when there is something to write.
    assert_eq!(
        html.matches("<section class=\"set\">").count(),
        r.sets.len()
    );
    let first = html
        .split("<section class=\"set\">")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or("");
    assert!(
        first.starts_with("\n<h3>001_株式会社あおば</h3>"),
        "{first}"
    );
    let own: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.set == "001_株式会社あおば")
        .collect();
    assert_eq!(first.matches("<li>").count(), own.len());
    assert_eq!(
        first.matches("直し方: ").count(),
        own.iter().filter(|f| !f.help.is_empty()).count()
    );
    assert!(own.iter().any(|f| !f.help.is_empty()));
    assert!(
        html.contains("break-before:page"),
        "each set prints on its own page"
    );
}

#[test]
fn unknown_extension_is_an_error() {
    let err = report::write(Path::new("/tmp/x.pdf"), &Report::default(), Lang::Ja);
    assert!(matches!(
        err,
        Err(report::ReportError::UnknownFormat { .. })
    ));
}
