//! SEC002 on every form a link out of the file takes: templates, linked
//! pictures and objects, other workbooks and DDE links, with targets that
//! are URLs, network paths (UNC, `file:///\\server`), absolute local paths
//! and relative paths — each built here as a minimal .docx / .xlsx.

use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};
use yoshiki::check::{CheckOptions, FileReport, check};
use yoshiki::diag::{Diagnostic, Severity};

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn rels(items: &[String]) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>"#,
        items.concat()
    )
}

fn rel(id: &str, kind: &str, target: &str, external: bool) -> String {
    let mode = if external {
        r#" TargetMode="External""#
    } else {
        ""
    };
    format!(r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{target}"{mode}/>"#)
}

/// A one-paragraph .docx; `settings_rels` / `document_rels` are extra
/// relationships of word/settings.xml and word/document.xml.
fn docx(settings_rels: &[String], document_rels: &[String]) -> Vec<u8> {
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/></Types>"#.into(),
        ),
        (
            "_rels/.rels",
            rels(&[rel("rId1", "officeDocument", "word/document.xml", false)]),
        ),
        (
            "word/document.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>送付状</w:t></w:r></w:p></w:body></w:document>"#.into(),
        ),
        (
            "word/_rels/document.xml.rels",
            rels(
                &[vec![rel("rIdS", "settings", "settings.xml", false)], document_rels.to_vec()]
                    .concat(),
            ),
        ),
        (
            "word/settings.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:attachedTemplate r:id="rIdT"/></w:settings>"#.into(),
        ),
        ("word/_rels/settings.xml.rels", rels(settings_rels)),
    ])
}

/// A one-sheet .xlsx; `link` is the xml of xl/externalLinks/externalLink1.xml
/// with the relationships of that part, `sheet_rels` extra relationships
/// of the sheet.
fn xlsx(link: Option<(&str, &[String])>, sheet_rels: &[String]) -> Vec<u8> {
    let mut workbook_rels = vec![rel("rId1", "worksheet", "worksheets/sheet1.xml", false)];
    let mut parts = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            rels(&[rel("rId1", "officeDocument", "xl/workbook.xml", false)]),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="集計" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>集計表</t></is></c></row></sheetData></worksheet>"#.to_string(),
        ),
        ("xl/worksheets/_rels/sheet1.xml.rels", rels(sheet_rels)),
    ];
    if let Some((xml, link_rels)) = link {
        workbook_rels.push(rel(
            "rId9",
            "externalLink",
            "externalLinks/externalLink1.xml",
            false,
        ));
        parts.push(("xl/externalLinks/externalLink1.xml", xml.to_string()));
        if !link_rels.is_empty() {
            parts.push((
                "xl/externalLinks/_rels/externalLink1.xml.rels",
                rels(link_rels),
            ));
        }
    }
    parts.push(("xl/_rels/workbook.xml.rels", rels(&workbook_rels)));
    zip_of(&parts)
}

const EXTERNAL_BOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>"#;
const DDE_LINK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><ddeLink ddeService="cmd" ddeTopic="/c calc"><ddeItems><ddeItem name="_" advise="1"/></ddeItems></ddeLink></externalLink>"#;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(paths: &[PathBuf]) -> Vec<FileReport> {
    let options = CheckOptions {
        as_of: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        ..CheckOptions::default()
    };
    check(paths, &options).unwrap().files
}

fn sec002(f: &FileReport) -> Vec<&Diagnostic> {
    f.diagnostics
        .iter()
        .filter(|d| d.code == "SEC002")
        .collect()
}

/// The one SEC002 of a file built from `bytes`.
fn one_finding(name: &str, bytes: &[u8]) -> Diagnostic {
    let dir = tempfile::tempdir().unwrap();
    let files = run(&[write(dir.path(), name, bytes)]);
    let found = sec002(&files[0]);
    assert_eq!(found.len(), 1, "{name}: {:#?}", files[0].diagnostics);
    assert_eq!(found[0].severity, Severity::Error, "{name}");
    found[0].clone()
}

#[test]
fn an_attached_template_is_reported_whatever_form_its_path_takes() {
    for (target, network) in [
        ("http://templates.example.com/report.dotm", true),
        (r"file:///\\Sv22file1\共有\様式\公募申請書.dotx", true),
        (r"\\Sv22file1\共有\様式\公募申請書.dotx", true),
        ("file://Sv22file1/共有/様式/公募申請書.dotx", true),
        (r"C:\Users\tanaka\Documents\様式\公募申請書.dotx", false),
        (
            r"file:///C:\Users\tanaka\AppData\Roaming\Microsoft\Templates\公募申請書.dotx",
            false,
        ),
        ("/Users/tanaka/Library/Templates/公募申請書.dotx", false),
        ("様式/公募申請書.dotx", false),
    ] {
        let d = one_finding(
            "送付状.docx",
            &docx(&[rel("rIdT", "attachedTemplate", target, true)], &[]),
        );
        assert!(
            d.message.ja.contains("外部テンプレート"),
            "{}",
            d.message.ja
        );
        assert!(d.message.ja.contains(target), "{}", d.message.ja);
        let lead = if network {
            "開くと外部のファイルを読み込む設定"
        } else {
            "ファイルの外にある内容を読み込む設定"
        };
        assert!(d.message.ja.starts_with(lead), "{target}: {}", d.message.ja);
        assert_eq!(
            d.location.as_ref().unwrap().part.as_deref(),
            Some("word/settings.xml")
        );
        assert!(d.help.as_ref().unwrap().ja.contains("文書テンプレート"));
    }
}

#[test]
fn the_same_template_in_sibling_files_is_reported_alike() {
    // One set: the template on a file server written as a file: URL, and
    // as a plain path on a mapped drive.
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.docx",
        &docx(
            &[rel(
                "rIdT",
                "attachedTemplate",
                r"file:///\\Sv22file1\共有\様式\公募申請書.dotx",
                true,
            )],
            &[],
        ),
    );
    let b = write(
        dir.path(),
        "b.docx",
        &docx(
            &[rel(
                "rIdT",
                "attachedTemplate",
                r"Z:\共有\様式\公募申請書.dotx",
                true,
            )],
            &[],
        ),
    );
    let files = run(&[a, b]);
    let found: Vec<Vec<&Diagnostic>> = files.iter().map(sec002).collect();
    assert_eq!(found[0].len(), 1);
    assert_eq!(found[1].len(), 1);
    assert_eq!(found[0][0].severity, found[1][0].severity);
    assert_eq!(found[0][0].location, found[1][0].location);
}

#[test]
fn linked_pictures_and_objects_are_reported_hyperlinks_are_not() {
    let d = one_finding(
        "picture.docx",
        &docx(
            &[],
            &[rel(
                "rIdI",
                "image",
                "https://images.example.com/logo.png",
                true,
            )],
        ),
    );
    assert!(
        d.message.ja.contains("リンクされた画像"),
        "{}",
        d.message.ja
    );
    assert_eq!(
        d.location.as_ref().unwrap().part.as_deref(),
        Some("word/document.xml")
    );
    let d = one_finding(
        "object.docx",
        &docx(
            &[],
            &[rel(
                "rIdO",
                "oleObject",
                r"C:\Users\tanaka\Desktop\経費.xlsx",
                true,
            )],
        ),
    );
    assert!(
        d.message.ja.contains("リンクされたオブジェクト"),
        "{}",
        d.message.ja
    );
    assert!(d.message.ja.starts_with("ファイルの外にある内容"));
    // A hyperlink, even to a file server, only points: no finding.
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "link.docx",
        &docx(
            &[],
            &[
                rel(
                    "rIdH",
                    "hyperlink",
                    r"file:///\\Sv22file1\共有\資料.pdf",
                    true,
                ),
                rel("rIdH2", "hyperlink", "https://www.example.go.jp/", true),
            ],
        ),
    );
    let files = run(&[path]);
    assert!(sec002(&files[0]).is_empty(), "{:#?}", files[0].diagnostics);
}

#[test]
fn links_to_other_workbooks_and_dde_links_are_reported() {
    for target in [
        r"file:///C:\Users\tanaka\Desktop\予算.xlsx",
        r"file:///\\Sv22file1\共有\予算.xlsx",
        "https://sharepoint.example.com/予算.xlsx",
        "予算.xlsx",
    ] {
        let d = one_finding(
            "集計.xlsx",
            &xlsx(
                Some((
                    EXTERNAL_BOOK,
                    &[rel("rId1", "externalLinkPath", target, true)],
                )),
                &[],
            ),
        );
        assert!(
            d.message.ja.contains("他のブックへのリンク"),
            "{}",
            d.message.ja
        );
        assert!(d.message.ja.contains(target));
        assert_eq!(
            d.location.as_ref().unwrap().part.as_deref(),
            Some("xl/externalLinks/externalLink1.xml")
        );
        assert!(d.help.as_ref().unwrap().ja.contains("リンクの解除"));
    }
    // Excel's own type for a workbook it cannot find.
    let d = one_finding(
        "集計.xlsx",
        &xlsx(
            Some((
                EXTERNAL_BOOK,
                &[r#"<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/xlExternalLinkPath/xlPathMissing" Target="予算.xlsx" TargetMode="External"/>"#.to_string()],
            )),
            &[],
        ),
    );
    assert!(d.message.ja.contains("他のブックへのリンク"));
    // A DDE link has no path of its own: the part is reported.
    let d = one_finding("dde.xlsx", &xlsx(Some((DDE_LINK, &[])), &[]));
    assert!(d.message.ja.contains("DDE"), "{}", d.message.ja);
    // A linked OLE object on a sheet.
    let d = one_finding(
        "ole.xlsx",
        &xlsx(
            None,
            &[rel("rId3", "oleObject", "https://example.com/x.docx", true)],
        ),
    );
    assert!(
        d.message
            .ja
            .starts_with("開くと外部のファイルを読み込む設定")
    );
    // Nothing linked: nothing reported.
    let dir = tempfile::tempdir().unwrap();
    let files = run(&[write(dir.path(), "plain.xlsx", &xlsx(None, &[]))]);
    assert!(sec002(&files[0]).is_empty(), "{:#?}", files[0].diagnostics);
}
