//! Document-level rules that look at extracted forms (VER003, VER004, and
//! PH001 on field values), driven with forms as the extractor returns them,
//! so they are tested independently of form recognition.

use crate::common::cell_loc;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use yoshiki::config::Config;
use yoshiki::diag::{Applicability, Diagnostic};
use yoshiki::forms::{ExtractedForm, FieldValue};
use yoshiki::knowledge::Knowledge;
use yoshiki::model::{Block, Cell, Document, Format, Location, Paragraph, Row, Table};
use yoshiki::rules::FileContext;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn para_loc(n: u32) -> Location {
    Location {
        part: Some("word/document.xml".into()),
        paragraph: Some(n),
        ..Location::default()
    }
}

fn form(id: &str, version: &str, fields: &[(&str, &str, Location)]) -> ExtractedForm {
    let mut map = BTreeMap::new();
    for (path, value, loc) in fields {
        map.insert(path.to_string(), FieldValue::new(*value, loc.clone()));
    }
    ExtractedForm {
        form: id.into(),
        template_version: version.into(),
        similarity: 0.95,
        start: para_loc(1),
        end: para_loc(60),
        fields: map,
    }
}

fn run(
    code: &str,
    doc: &Document,
    forms: &[ExtractedForm],
    config: &Config,
    as_of: &str,
) -> Vec<Diagnostic> {
    let knowledge = Knowledge::builtin();
    let ctx = FileContext {
        path: &doc.path,
        doc,
        forms,
        config,
        knowledge,
        as_of: date(as_of),
    };
    let rule = yoshiki::rules::meta(code).unwrap().rule.unwrap();
    let mut out = Vec::new();
    rule.check_file(&ctx, &mut out);
    out
}

#[test]
fn ver003_old_report_template_cites_the_changed_clauses() {
    let doc = Document::new("report.docx", Format::Docx, 0);
    let old = [form("security_report", "r5", &[])];
    let found = run("VER003", &doc, &old, &Config::default(), "2026-04-01");
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!(d.form.as_deref(), Some("security_report"));
    assert!(
        d.message.ja.contains("r5") && d.message.ja.contains("r7"),
        "{}",
        d.message.ja
    );
    let help = &d.help.as_ref().unwrap().ja;
    for clause in [
        "ウェブサイト",
        "DKIM",
        "DMARC",
        "ドメインに関する情報が正確であることの定期的な確認",
    ] {
        assert!(help.contains(clause), "help lacks {clause}: {help}");
    }
    assert!(help.contains("yoshiki migrate"));
    // The current version, and the old one before the new template existed.
    let new = [form("security_report", "r7", &[])];
    assert!(run("VER003", &doc, &new, &Config::default(), "2026-04-01").is_empty());
    assert!(run("VER003", &doc, &old, &Config::default(), "2025-06-30").is_empty());
    // Forms with a single version are never old.
    let app = [form("application", "r8", &[])];
    assert!(run("VER003", &doc, &app, &Config::default(), "2026-04-01").is_empty());
}

fn config_with_title(title: &str) -> Config {
    Config::parse(&format!("[call]\ntitle = \"{title}\"\n"), "yoshiki.toml").unwrap()
}

const TITLE: &str = "令和８年度地域中小企業人材確保支援等調査・分析（中小企業・小規模事業者における人材活躍の好循環創出プラットフォーム（仮称）構築及び人材活用ガイドライン改訂支援事業）";

#[test]
fn ver004_title_differs_from_the_call() {
    let doc = Document::new("a.docx", Format::Docx, 0);
    let config = config_with_title(TITLE);
    let wrong = TITLE.replace("令和８年度", "令和７年度");
    let forms = [form("application", "r8", &[("title", &wrong, para_loc(9))])];
    let found = run("VER004", &doc, &forms, &config, "2026-04-01");
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!(d.field.as_deref(), Some("title"));
    assert_eq!(d.location, Some(para_loc(9)));
    let fix = d.fix.as_ref().unwrap();
    assert_eq!(fix.applicability, Applicability::Unsafe);
    assert_eq!(fix.original, wrong);
    assert_eq!(fix.replacement, TITLE);
}

#[test]
fn ver004_ignores_width_spaces_and_trailing_form_name() {
    let doc = Document::new("a.docx", Format::Docx, 0);
    let config = config_with_title(TITLE);
    // Half-width digits and parentheses, a line break, and 申請書 left on.
    let written = TITLE
        .replace("８", "8")
        .replace('（', "(")
        .replace('）', ")")
        .replace("分析", "分析\n")
        + "申請書";
    let forms = [
        form("application", "r8", &[("title", &written, para_loc(9))]),
        form(
            "proposal",
            "r8",
            &[("title", &format!("{TITLE}企画提案書"), para_loc(40))],
        ),
    ];
    assert!(run("VER004", &doc, &forms, &config, "2026-04-01").is_empty());
    // No title in the config: nothing to compare.
    assert!(run("VER004", &doc, &forms, &Config::default(), "2026-04-01").is_empty());
    // A report's 契約件名 is not the call's title.
    let report = [form(
        "security_report",
        "r7",
        &[("contract.title", "別の件名", para_loc(5))],
    )];
    assert!(run("VER004", &doc, &report, &config, "2026-04-01").is_empty());
}

fn cell(loc: Location, text: &str) -> Cell {
    let (row, col) = (loc.row.unwrap(), loc.col.unwrap());
    let mut p_loc = loc.clone();
    p_loc.paragraph = Some(10 + row * 3 + col);
    Cell {
        location: loc,
        row,
        col,
        row_span: 1,
        col_span: 1,
        blocks: vec![Block::Paragraph(Paragraph::new(p_loc, text))],
        number: None,
    }
}

#[test]
fn ph001_on_a_field_is_reported_once_with_its_field() {
    // The 理由書's 再委託費率 left as the sample, in a table cell that is
    // also the field's location; an example row outside any field.
    let mut doc = Document::new("reason.docx", Format::Docx, 0);
    doc.blocks
        .push(Block::Paragraph(Paragraph::new(para_loc(1), "別添")));
    doc.blocks.push(Block::Table(Table {
        location: cell_loc(1, 0, 0),
        name: None,
        rows: vec![
            Row {
                index: 1,
                cells: vec![
                    cell(cell_loc(1, 1, 1), "４．再委託費率"),
                    cell(cell_loc(1, 1, 2), "●●．●％"),
                ],
            },
            Row {
                index: 2,
                cells: vec![
                    cell(cell_loc(1, 2, 1), "【例】○○（株）"),
                    cell(cell_loc(1, 2, 2), "無"),
                ],
            },
        ],
        merged: vec![],
    }));
    let forms = [form(
        "subcontract_reason",
        "r8",
        &[("subcontract_ratio", "●●．●％", cell_loc(1, 1, 2))],
    )];
    let found = run("PH001", &doc, &forms, &Config::default(), "2026-04-01");
    assert_eq!(found.len(), 2, "{found:#?}");
    let ratio = found
        .iter()
        .find(|d| d.field.as_deref() == Some("subcontract_ratio"))
        .unwrap();
    assert_eq!(ratio.form.as_deref(), Some("subcontract_reason"));
    assert!(ratio.help.as_ref().unwrap().ja.contains("62.5"));
    let row = found.iter().find(|d| d.field.is_none()).unwrap();
    assert_eq!(row.location.as_ref().unwrap().row, Some(2));
    // Within the form's range: attributed to the form.
    assert_eq!(row.form.as_deref(), Some("subcontract_reason"));
}

#[test]
fn ver001_in_a_report_item_names_the_item() {
    let mut doc = Document::new("report.docx", Format::Docx, 0);
    let text = "本業務全体における情報セキュリティの確保のため、「政府機関等のサイバーセキュリティ対策のための統一基準」（令和５年度版）に基づく";
    doc.blocks.push(Block::Table(Table {
        location: cell_loc(1, 0, 0),
        name: None,
        rows: vec![Row {
            index: 2,
            cells: vec![
                cell(cell_loc(1, 2, 1), "２）"),
                cell(cell_loc(1, 2, 2), text),
                cell(cell_loc(1, 2, 3), "実施"),
            ],
        }],
        merged: vec![],
    }));
    let forms = [form(
        "security_report",
        "r7",
        &[("items[0].status", "実施", cell_loc(1, 2, 3))],
    )];
    let found = run("VER001", &doc, &forms, &Config::default(), "2026-11-21");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].form.as_deref(), Some("security_report"));
    assert_eq!(found[0].field.as_deref(), Some("items[0]"));
    assert!(found[0].place.is_some());
}

fn read(path: &str) -> Document {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    yoshiki::read_path(&p, &yoshiki::Limits::default()).unwrap()
}

#[test]
fn ver003_points_at_the_old_clause_wording() {
    // The bundled old 別紙４ (Word text export) and the current report.
    let old = read("samples/r5_report/別紙4_実施状況報告書.txt");
    let forms = [form("security_report", "r5", &[])];
    let found = run("VER003", &old, &forms, &Config::default(), "2026-11-21");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].location.as_ref().unwrap().line, Some(71));
    let ex = found[0].excerpt.as_ref().unwrap();
    let (s, e) = ex.highlight.unwrap();
    assert_eq!(
        &ex.text[s..e],
        "SPF（Sender Policy Framework）等のなりすまし"
    );
    // The old-only wording is absent from the current template: a form
    // wrongly recognised as r5 there falls back to the form's start.
    let current = read("samples/clean/05_実施状況報告書.docx");
    let found = run("VER003", &current, &forms, &Config::default(), "2026-11-21");
    assert_eq!(found[0].location, Some(para_loc(1)));
    assert!(found[0].excerpt.is_none());
}
