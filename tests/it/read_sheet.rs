//! Sheet reader: fixtures written by openpyxl and LibreOffice, the calamine
//! corpus (malformed, encrypted, OOM bait), and resource limits.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;
use yoshiki::ReadError;
use yoshiki::model::{Block, Document, Format, Table};
use yoshiki::read::{self, Limits};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheet")
        .join(name)
}

fn corpus_dir() -> Option<PathBuf> {
    crate::common::corpus("calamine")
}

fn read_fixture(name: &str) -> Document {
    read::read_path(&fixture(name), &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Table(t) => t,
            Block::Paragraph(_) => panic!("a sheet document holds tables only"),
        })
        .collect()
}

/// (cell, row, col, row_span, col_span, text, number) of every cell.
type CellSummary = (String, u32, u32, u32, u32, String, Option<f64>);

fn summary(t: &Table) -> Vec<CellSummary> {
    let mut out = Vec::new();
    for row in &t.rows {
        for c in &row.cells {
            assert_eq!(row.index, c.row, "row index matches cell row");
            assert_eq!(c.location.sheet.as_deref(), t.name.as_deref());
            match c.blocks.as_slice() {
                [Block::Paragraph(p)] => assert_eq!(p.location, c.location),
                other => panic!("a sheet cell holds one paragraph, got {other:?}"),
            }
            out.push((
                c.location.cell.clone().unwrap_or_default(),
                c.row,
                c.col,
                c.row_span,
                c.col_span,
                c.text(),
                c.number,
            ));
        }
    }
    out
}

fn cell(r: &str, row: u32, col: u32, text: &str) -> CellSummary {
    (r.into(), row, col, 1, 1, text.into(), None)
}

fn num(r: &str, row: u32, col: u32, text: &str, n: f64) -> CellSummary {
    (r.into(), row, col, 1, 1, text.into(), Some(n))
}

/// The first sheet of the form as every writer should give it back.
/// `b10` is the 精算 cell (LibreOffice turns openpyxl's TRUE into =TRUE()
/// stored as 1 in .ods); `b11` the =1/0 cell (openpyxl caches no result).
fn expected_form_sheet(b10: CellSummary, b11: Option<CellSummary>) -> Vec<CellSummary> {
    let mut v = vec![
        cell("A1", 1, 1, "（様式２）"),
        ("A2".into(), 2, 1, 1, 4, "企画提案書".into(), None),
        cell("A4", 4, 1, "区分"),
        cell("B4", 4, 2, "金額"),
        // The origin of D4:D6 is empty but listed, with its spans.
        ("D4".into(), 4, 4, 3, 1, String::new(), None),
        cell("A5", 5, 1, "Ⅰ．人件費"),
        cell("B5", 5, 2, "１２，０００"),
        cell("C5", 5, 3, "千円"),
        cell("A6", 6, 1, "Ⅱ．事業費"),
        num("B6", 6, 2, "3500", 3500.0),
        cell("A7", 7, 1, "消費税率"),
        num("B7", 7, 2, "0.1", 0.1),
        cell("A8", 8, 1, "比率"),
        num("B8", 8, 2, "62.5", 62.5),
        cell("A9", 9, 1, "提出日"),
        cell("B9", 9, 2, "2026-04-01"),
        cell("A10", 10, 1, "精算"),
        b10,
        cell("A11", 11, 1, "エラー"),
    ];
    v.extend(b11);
    v.extend([
        cell("A12", 12, 1, "備考"),
        cell("B12", 12, 2, "一行目\n二行目"),
    ]);
    v
}

fn expected_roster_sheet() -> Vec<CellSummary> {
    vec![
        ("A1".into(), 1, 1, 1, 3, "情報取扱者名簿".into(), None),
        cell("A2", 2, 1, "役割"),
        cell("B2", 2, 2, "氏名"),
        cell("C2", 2, 3, "生年月日"),
        cell("A3", 3, 1, "情報管理責任者"),
        cell("B3", 3, 2, "山田　太郎"),
        cell("C3", 3, 3, "1980-01-31"),
    ]
}

fn assert_form(doc: &Document, b10: CellSummary, b11: Option<CellSummary>) {
    let ts = tables(doc);
    let names: Vec<Option<&str>> = ts.iter().map(|t| t.name.as_deref()).collect();
    assert_eq!(
        names,
        [Some("様式２"), Some("名簿"), Some("空")],
        "{}",
        doc.path
    );
    for t in &ts {
        assert_eq!(t.location.sheet.as_deref(), t.name.as_deref());
        assert_eq!(t.location.cell, None);
    }
    assert_eq!(
        summary(ts[0]),
        expected_form_sheet(b10, b11),
        "{}",
        doc.path
    );
    let mut merged = ts[0].merged.clone();
    merged.sort();
    assert_eq!(merged, ["A2:D2", "D4:D6"], "{}", doc.path);
    assert_eq!(summary(ts[1]), expected_roster_sheet(), "{}", doc.path);
    assert_eq!(ts[1].merged, ["A1:C1"]);
    assert!(ts[2].rows.is_empty());
}

fn comment_anchors(doc: &Document) -> Vec<(String, String, Option<String>)> {
    let pkg = doc.package.as_ref().expect("package facts");
    pkg.comments
        .iter()
        .map(|c| {
            let a = c.anchor.as_ref().expect("anchored");
            (a.describe(), c.text.clone(), c.author.clone())
        })
        .collect()
}

#[test]
fn xlsx_written_by_openpyxl() {
    let doc = read_fixture("form.xlsx");
    assert_eq!(doc.format, Format::Xlsx);
    assert_form(&doc, cell("B10", 10, 2, "TRUE"), None);
    assert_eq!(
        comment_anchors(&doc),
        [
            (
                "様式２!C5".to_string(),
                "単位を確認してください".to_string(),
                Some("確認者".to_string())
            ),
            (
                "名簿!B2".to_string(),
                "氏名はフルネームで".to_string(),
                Some("担当".to_string())
            ),
        ]
    );
    // Comment bodies are a story of their own, never main text.
    assert_eq!(doc.stories.len(), 2);
    assert!(!doc.plain_text().contains("単位を確認"));
    let pkg = doc.package.as_ref().unwrap();
    assert!(!pkg.has_macros);
    assert_eq!(pkg.metadata.creator.as_deref(), Some("openpyxl"));
    assert!(
        pkg.parts
            .iter()
            .any(|p| p.name == "xl/worksheets/sheet1.xml")
    );
}

#[test]
fn xlsx_written_by_libreoffice() {
    let doc = read_fixture("form_lo.xlsx");
    assert_form(
        &doc,
        cell("B10", 10, 2, "TRUE"),
        Some(cell("B11", 11, 2, "#DIV/0!")),
    );
    let anchors: Vec<String> = comment_anchors(&doc).into_iter().map(|a| a.0).collect();
    assert_eq!(anchors, ["様式２!C5", "名簿!B2"]);
}

#[test]
fn ods_written_by_libreoffice() {
    let doc = read_fixture("form.ods");
    assert_eq!(doc.format, Format::Ods);
    assert_form(
        &doc,
        num("B10", 10, 2, "1", 1.0),
        Some(cell("B11", 11, 2, "#DIV/0!")),
    );
    let got: Vec<(String, String)> = comment_anchors(&doc)
        .into_iter()
        .map(|a| (a.0, a.1))
        .collect();
    assert_eq!(
        got,
        [
            (
                "様式２!C5".to_string(),
                "単位を確認してください".to_string()
            ),
            ("名簿!B2".to_string(), "氏名はフルネームで".to_string()),
        ]
    );
    assert!(
        doc.package
            .as_ref()
            .unwrap()
            .metadata
            .application
            .as_deref()
            .unwrap_or("")
            .contains("LibreOffice")
    );
}

#[test]
fn xls_written_by_libreoffice() {
    let doc = read_fixture("form.xls");
    assert_eq!(doc.format, Format::Xls);
    assert_form(
        &doc,
        cell("B10", 10, 2, "TRUE"),
        Some(cell("B11", 11, 2, "#DIV/0!")),
    );
}

#[test]
fn threaded_comment_replaces_its_placeholder_note() {
    let doc = read_fixture("threaded.xlsx");
    let pkg = doc.package.as_ref().unwrap();
    let threaded: Vec<_> = pkg
        .comments
        .iter()
        .filter(|c| c.anchor.as_ref().and_then(|a| a.cell.as_deref()) == Some("B6"))
        .collect();
    assert_eq!(threaded.len(), 1, "{:?}", pkg.comments);
    assert_eq!(threaded[0].text, "金額は税抜で記入");
    assert_eq!(threaded[0].author.as_deref(), Some("審査担当"));
    assert_eq!(threaded[0].date.as_deref(), Some("2026-04-01T09:30:00.00"));
    assert_eq!(threaded[0].id, "{AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE}");
    assert!(
        !pkg.comments
            .iter()
            .any(|c| c.text.contains("[Threaded comment]"))
    );
    assert_eq!(pkg.comments.len(), 3);
}

#[test]
fn far_corner_cells_stream_in_xlsx_but_refused_as_dense_grids() {
    // xlsx cells are streamed: two cells, however far apart.
    let doc = read_fixture("far_corners.xlsx");
    let s = summary(tables(&doc)[0]);
    assert_eq!(
        s,
        [
            cell("A1", 1, 1, "a"),
            cell("XFD1048576", 1_048_576, 16_384, "b")
        ]
    );
    // .xls and .ods readers would build the whole grid: refused up front.
    for name in ["far_corners.xls", "far_corners.ods"] {
        let err = read::read_path(&fixture(name), &Limits::default()).unwrap_err();
        assert!(
            matches!(err, ReadError::LimitExceeded { .. }),
            "{name}: {err:?}"
        );
        assert_eq!(err.code(), "IN005");
    }
}

#[test]
fn cell_limit_is_enforced_in_every_format() {
    let few = Limits {
        max_sheet_cells: 10,
        ..Limits::default()
    };
    for name in ["form.xlsx", "form.xls", "form.ods", "form_lo.xlsx"] {
        let err = read::read_path(&fixture(name), &few).unwrap_err();
        assert!(
            matches!(err, ReadError::LimitExceeded { .. }),
            "{name}: {err:?}"
        );
    }
    // The dense-grid formats count the used ranges of all sheets together
    // (57 cells for the .xls), the streamed ones the cells of each sheet.
    let enough = Limits {
        max_sheet_cells: 100,
        ..Limits::default()
    };
    for name in ["form.xlsx", "form.xls", "form.ods"] {
        assert!(read::read_path(&fixture(name), &enough).is_ok(), "{name}");
    }
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn minimal_xlsx(sheet_xml: &[u8]) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#),
        ("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ])
}

fn sheet_xml(cells: usize) -> Vec<u8> {
    let mut s = String::from(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for i in 0..cells {
        s.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>様式{i}</t></is></c></row>"#,
            r = i + 1
        ));
    }
    s.push_str("</sheetData></worksheet>");
    s.into_bytes()
}

#[test]
fn minimal_xlsx_reads() {
    let bytes = minimal_xlsx(&sheet_xml(3));
    let doc = read::sheet::read("m.xlsx", bytes, Format::Xlsx, &Limits::default()).unwrap();
    let s = summary(tables(&doc)[0]);
    assert_eq!(
        s,
        [
            cell("A1", 1, 1, "様式0"),
            cell("A2", 2, 1, "様式1"),
            cell("A3", 3, 1, "様式2")
        ]
    );
    // Streamed cells count against the per-sheet limit (no shared strings
    // here, so the preflight has nothing to refuse).
    let few = Limits {
        max_sheet_cells: 10,
        ..Limits::default()
    };
    let err =
        read::sheet::read("m.xlsx", minimal_xlsx(&sheet_xml(11)), Format::Xlsx, &few).unwrap_err();
    assert!(matches!(err, ReadError::LimitExceeded { .. }), "{err:?}");
    assert!(read::sheet::read("m.xlsx", minimal_xlsx(&sheet_xml(10)), Format::Xlsx, &few).is_ok());
}

#[test]
fn oversized_sheet_part_is_refused_before_calamine() {
    // A real sheet of about 2 MB against a 1 MB part limit.
    let bytes = minimal_xlsx(&sheet_xml(25_000));
    let small = Limits {
        max_part_bytes: 1024 * 1024,
        ..Limits::default()
    };
    let err = read::sheet::read("big.xlsx", bytes, Format::Xlsx, &small).unwrap_err();
    match &err {
        ReadError::LimitExceeded { part, .. } => {
            assert_eq!(part.as_deref(), Some("xl/worksheets/sheet1.xml"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn zip_bomb_sheet_is_refused_by_ratio() {
    // 64 MB of padding deflates to well under 1% of that.
    let mut xml = br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.to_vec();
    xml.resize(xml.len() + 64 * 1024 * 1024, b' ');
    xml.extend_from_slice(b"</sheetData></worksheet>");
    let bytes = minimal_xlsx(&xml);
    assert!(bytes.len() < 1024 * 1024, "compressed to {}", bytes.len());
    let err = read::sheet::read("bomb.xlsx", bytes, Format::Xlsx, &Limits::default()).unwrap_err();
    assert!(matches!(err, ReadError::LimitExceeded { .. }), "{err:?}");
}

#[test]
fn garbage_gets_typed_errors() {
    let err = read::sheet::read(
        "x.xlsx",
        b"PK\x03\x04garbage".to_vec(),
        Format::Xlsx,
        &Limits::default(),
    )
    .unwrap_err();
    assert!(matches!(err, ReadError::CorruptZip { .. }), "{err:?}");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 600]);
    let err = read::sheet::read("x.xls", ole, Format::Xls, &Limits::default()).unwrap_err();
    assert!(matches!(err, ReadError::Sheet { .. }), "{err:?}");
    assert_eq!(err.code(), "IN001");
}

/// Read `path` on its own thread; `None` if it took over 10 s.
fn read_bounded(path: PathBuf) -> Option<Result<Document, ReadError>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(read::read_path(&path, &Limits::default()));
    });
    rx.recv_timeout(Duration::from_secs(10)).ok()
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Every file of calamine's own test folder (malformed, encrypted, OOM
/// bait) gives a document or a typed error within 10 s, in bounded memory.
#[test]
fn calamine_corpus_is_read_or_refused_quickly() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let entries = std::fs::read_dir(dir.join("tests")).unwrap_or_else(|e| panic!("{e}"));
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    assert!(paths.len() > 100);
    let mut tally: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut outcome = std::collections::HashMap::new();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let result = read_bounded(path).unwrap_or_else(|| panic!("{name}: over 10 s"));
        let kind = match &result {
            Ok(doc) => format!("ok {}", doc.format.as_str()),
            Err(e) => format!(
                "{} {}",
                e.code(),
                format!("{e:?}").split([' ', '{']).next().unwrap_or("")
            ),
        };
        tally.entry(kind.clone()).or_default().push(name.clone());
        outcome.insert(name, kind);
    }
    for (kind, files) in &tally {
        eprintln!("{kind}: {} {:?}", files.len(), files);
    }
    let expect = |file: &str, kind: &str| {
        assert_eq!(outcome.get(file).map(String::as_str), Some(kind), "{file}");
    };
    expect("pass_protected.xlsx", "IN002 Encrypted");
    expect("pass_protected.xlsb", "IN002 Encrypted");
    expect("pass_protected.ods", "IN002 Encrypted");
    expect("issue_385.xls", "IN002 Encrypted");
    expect("issue_594_dos.ods", "IN005 LimitExceeded");
    expect("OOM_alloc3.xls", "IN001 CorruptContainer");
    expect("OOM_alloc.xls", "ok xls");
    expect("OOM_alloc2.xls", "ok xls");
    expect("merged_cells.ods", "ok ods");
    expect("vba.xlsm", "ok xlsm");
    expect("any_sheets.xlsb", "ok xlsb");
    if let Some(kb) = peak_rss_kb() {
        assert!(kb < 1024 * 1024, "peak RSS {kb} KB");
    }
}

fn corpus_doc(name: &str) -> Option<Document> {
    let path = corpus_dir()?.join("tests").join(name);
    Some(read::read_path(&path, &Limits::default()).unwrap())
}

#[test]
fn corpus_merges_in_xls_xlsx_and_ods() {
    let spans = |doc: &Document| -> Vec<(String, u32, u32, String)> {
        summary(tables(doc)[0])
            .into_iter()
            .map(|c| (c.0, c.3, c.4, c.5))
            .collect()
    };
    let expected = vec![
        ("A1".to_string(), 1, 2, "Row Merge".to_string()),
        ("C1".to_string(), 1, 1, "Not Merged".to_string()),
        ("A2".to_string(), 3, 1, "Column Merge".to_string()),
        ("B2".to_string(), 3, 3, "Chunk Merged".to_string()),
    ];
    for name in ["merge_cells.xls", "merge_cells.xlsx"] {
        let Some(doc) = corpus_doc(name) else { return };
        assert_eq!(spans(&doc), expected, "{name}");
        assert_eq!(tables(&doc)[0].merged, ["A1:B1", "A2:A4", "B2:D4"]);
    }
    let Some(doc) = corpus_doc("merged_cells.ods") else {
        return;
    };
    assert_eq!(tables(&doc)[0].merged, ["A2:A3"]);
    let a2 = spans(&doc).into_iter().find(|c| c.0 == "A2").unwrap();
    assert_eq!(a2, ("A2".to_string(), 2, 1, "A".to_string()));
    // The cell under the merge (A3) is not repeated.
    assert!(!spans(&doc).iter().any(|c| c.0 == "A3"));
}

#[test]
fn corpus_ods_annotation_and_dates() {
    let Some(doc) = corpus_doc("with-annotation.ods") else {
        return;
    };
    assert_eq!(
        comment_anchors(&doc),
        [(
            "table1!A1".to_string(),
            "This is annotation of a.1".to_string(),
            Some("Marc Schreiber".to_string())
        )]
    );
    let Some(doc) = corpus_doc("date.ods") else {
        return;
    };
    let texts: Vec<String> = summary(tables(&doc)[0]).into_iter().map(|c| c.5).collect();
    assert_eq!(texts[0], "2021-01-01");
    assert_eq!(texts[2], "2021-01-01T10:10:10");
    assert_eq!(texts[4], "10:10:10");
    let Some(doc) = corpus_doc("errors.xlsx") else {
        return;
    };
    let texts: Vec<String> = summary(tables(&doc)[0]).into_iter().map(|c| c.5).collect();
    assert_eq!(
        texts,
        [
            "#DIV/0!", "#NAME?", "#VALUE!", "#NULL!", "#REF!", "#NUM!", "#N/A"
        ]
    );
}
