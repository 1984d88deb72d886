//! Extraction on layouts it was not tuned to: other producers, half-width
//! and spaced-out labels, values in the label's cell, a vertical layout, a
//! sheet, PDF-like text, extra definitions from a directory.

use crate::common::value;
use yoshiki::forms::definition::{FormSet, builtin, form_name, place_of};
use yoshiki::forms::extract::extract_with;
use yoshiki::forms::layout::text_document;
use yoshiki::forms::{ExtractedForm, extract_forms};
use yoshiki::model::{Block, Cell, Document, Format, Location, Paragraph, Row, Table};

/// A Word-like document built in code: paragraphs and tables, numbered as
/// the Word reader numbers them.
struct DocBuilder {
    doc: Document,
    paragraph: u32,
    table: u32,
}

impl DocBuilder {
    fn new(format: Format) -> Self {
        DocBuilder {
            doc: Document::new("variant", format, 0),
            paragraph: 0,
            table: 0,
        }
    }

    fn para(mut self, text: &str) -> Self {
        self.paragraph += 1;
        let loc = Location {
            part: Some("word/document.xml".into()),
            paragraph: Some(self.paragraph),
            ..Location::default()
        };
        self.doc
            .blocks
            .push(Block::Paragraph(Paragraph::new(loc, text)));
        self
    }

    /// A table of rows of cells; a cell `"\u{1}"` is covered by the cell to
    /// its left (gridSpan), `"\u{2}"` by the cell above (vMerge).
    fn table(mut self, rows: &[&[&str]]) -> Self {
        self.table += 1;
        let t = self.table;
        let loc = |r: u32, c: u32| Location {
            part: Some("word/document.xml".into()),
            table: Some(t),
            row: Some(r),
            col: Some(c),
            ..Location::default()
        };
        let mut out_rows: Vec<Row> = Vec::new();
        for (ri, row) in rows.iter().enumerate() {
            let r = ri as u32 + 1;
            let mut cells: Vec<Cell> = Vec::new();
            for (ci, text) in row.iter().enumerate() {
                let c = ci as u32 + 1;
                if *text == "\u{1}" {
                    if let Some(last) = cells.last_mut() {
                        last.col_span += 1;
                    }
                    continue;
                }
                if *text == "\u{2}" {
                    if let Some(above) = out_rows
                        .iter_mut()
                        .rev()
                        .flat_map(|row| row.cells.iter_mut())
                        .find(|cell| cell.col == c)
                    {
                        above.row_span += 1;
                    }
                    continue;
                }
                let blocks = text
                    .split('\n')
                    .map(|line| {
                        self.paragraph += 1;
                        let mut l = loc(r, c);
                        l.paragraph = Some(self.paragraph);
                        Block::Paragraph(Paragraph::new(l, line))
                    })
                    .collect();
                cells.push(Cell {
                    location: loc(r, c),
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    blocks,
                    number: None,
                });
            }
            out_rows.push(Row { index: r, cells });
        }
        self.doc.blocks.push(Block::Table(Table {
            location: Location {
                part: Some("word/document.xml".into()),
                table: Some(t),
                ..Location::default()
            },
            name: None,
            rows: out_rows,
            merged: Vec::new(),
        }));
        self
    }

    fn build(self) -> Document {
        self.doc
    }
}

/// A sheet: cells by A1 reference (only the non-empty ones, as the sheet
/// reader lists them).
fn sheet(name: &str, cells: &[(&str, &str)]) -> Document {
    let mut rows: std::collections::BTreeMap<u32, Vec<Cell>> = std::collections::BTreeMap::new();
    for (a1, text) in cells {
        let letters: String = a1.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let row: u32 = a1[letters.len()..].parse().expect("row");
        let col = letters
            .bytes()
            .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1));
        let loc = Location::sheet_cell(name, *a1);
        rows.entry(row).or_default().push(Cell {
            location: loc.clone(),
            row,
            col,
            row_span: 1,
            col_span: 1,
            blocks: text
                .split('\n')
                .map(|l| Block::Paragraph(Paragraph::new(loc.clone(), l)))
                .collect(),
            number: None,
        });
    }
    let mut doc = Document::new("variant.xlsx", Format::Xlsx, 0);
    doc.blocks.push(Block::Table(Table {
        location: Location {
            sheet: Some(name.into()),
            ..Location::default()
        },
        name: Some(name.into()),
        rows: rows
            .into_iter()
            .map(|(index, mut cells)| {
                cells.sort_by_key(|c| c.col);
                Row { index, cells }
            })
            .collect(),
        merged: Vec::new(),
    }));
    doc
}

fn only(forms: &[ExtractedForm], id: &str) -> ExtractedForm {
    let found: Vec<&ExtractedForm> = forms.iter().filter(|f| f.form == id).collect();
    assert_eq!(
        found.len(),
        1,
        "one {id} in {:?}",
        forms.iter().map(|f| &f.form).collect::<Vec<_>>()
    );
    found[0].clone()
}

#[test]
fn application_with_half_width_spaced_labels_and_values_in_label_cells() {
    let doc = DocBuilder::new(Format::Docx)
        .para("様式第１号")
        .para("経済産業省 御中")
        .para("令和８年度　〇〇調査事業　申請書")
        .table(&[
            &["申請者", "企業名：テスト合同会社", "\u{1}"],
            &["\u{2}", "代 表 者 役 職 ・ 氏 名", "代表社員　佐藤　一郎"],
            &["\u{2}", "所在地：大阪府大阪市北区梅田１－１", "\u{1}"],
            &[
                "連絡担当窓口",
                "氏名(フリガナ)",
                "佐藤 次郎（サトウ ジロウ）",
            ],
            &["\u{2}", "所属部署", "総務部"],
            &["\u{2}", "役職", ""],
            &["\u{2}", "電話番号（代表・直通） 06-0000-0000", "\u{1}"],
            &["\u{2}", "E-mail", "sato@example.jp"],
        ])
        .build();
    let forms = extract_forms(&doc);
    let app = only(&forms, "application");
    assert_eq!(app.start.paragraph, Some(1), "starts at 様式第１号");
    assert_eq!(value(&app, "title"), "令和８年度　〇〇調査事業");
    assert_eq!(value(&app, "addressee"), "経済産業省");
    assert_eq!(value(&app, "applicant.name"), "テスト合同会社");
    assert_eq!(
        value(&app, "applicant.representative"),
        "代表社員　佐藤　一郎"
    );
    assert_eq!(
        value(&app, "applicant.address"),
        "大阪府大阪市北区梅田１－１"
    );
    assert_eq!(value(&app, "contact.name"), "佐藤 次郎");
    assert_eq!(value(&app, "contact.name_kana"), "サトウ ジロウ");
    let kana = app
        .fields
        .get("contact.name_kana")
        .and_then(|f| f.normalized.clone());
    assert_eq!(kana, Some(serde_json::json!("さとう じろう")));
    assert_eq!(value(&app, "contact.department"), "総務部");
    assert_eq!(value(&app, "contact.phone"), "06-0000-0000");
    assert_eq!(value(&app, "contact.email"), "sato@example.jp");
    // The blank 役職 cell is there, pointing at the cell to fill in.
    let pos = app.fields.get("contact.position").expect("position");
    assert_eq!(
        (pos.value.as_str(), pos.location.row, pos.location.col),
        ("", Some(6), Some(3))
    );
}

#[test]
fn vertical_layout_labels_above_values() {
    let doc = DocBuilder::new(Format::Docx)
        .para("（様式１）")
        .para("令和８年度〇〇事業申請書")
        .table(&[
            &["企業・団体名", "代表者役職・氏名", "所在地"],
            &["株式会社縦書", "代表取締役　縦野太郎", "福岡県福岡市１"],
        ])
        .para("連絡担当窓口")
        .table(&[
            &[
                "氏名（ふりがな）",
                "所属（部署名）",
                "電話番号",
                "Ｅ－ｍａｉｌ",
            ],
            &[
                "縦野花子（たての はなこ）",
                "企画部",
                "092-000-0000",
                "hanako@example.jp",
            ],
        ])
        .build();
    let app = only(&extract_forms(&doc), "application");
    assert_eq!(value(&app, "applicant.name"), "株式会社縦書");
    assert_eq!(
        app.fields
            .get("applicant.name")
            .and_then(|f| f.location.row),
        Some(2)
    );
    assert_eq!(value(&app, "applicant.address"), "福岡県福岡市１");
    assert_eq!(value(&app, "contact.name"), "縦野花子");
    assert_eq!(value(&app, "contact.department"), "企画部");
    assert_eq!(value(&app, "contact.email"), "hanako@example.jp");
}

#[test]
fn proposal_budget_in_a_sheet_with_gaps_and_explicit_units() {
    let doc = sheet(
        "様式２",
        &[
            ("A1", "（様式２）"),
            ("A3", "令和８年度〇〇事業　企画提案書"),
            ("A5", "７．事業費総額（千円）"),
            ("A6", "Ⅰ．人件費"),
            ("D6", "５，０００"),
            ("A7", "Ⅱ．事業費"),
            ("D7", "1,000"),
            ("A8", "①旅費"),
            ("D8", "1,000"),
            ("A9", "Ⅲ．再委託・外注費"),
            ("D9", "未定"),
            ("A10", "Ⅳ．一般管理費"),
            ("A11", "小計"),
            ("D11", "6,000千円"),
            ("A12", "Ⅴ．消費税及び地方消費税"),
            ("D12", "¥600,000"),
            ("A13", "総額"),
            ("D13", "６，６００"),
        ],
    );
    let p = only(&extract_forms(&doc), "proposal");
    let amount = |path: &str| p.fields.get(path).and_then(|f| f.as_i64());
    assert_eq!(value(&p, "budget.unit"), "千円");
    assert_eq!(amount("budget.personnel"), Some(5_000_000));
    assert_eq!(amount("budget.travel"), Some(1_000_000));
    assert_eq!(amount("budget.subtotal"), Some(6_000_000), "explicit 千円");
    assert_eq!(
        amount("budget.consumption_tax"),
        Some(600_000),
        "explicit yen"
    );
    assert_eq!(amount("budget.total"), Some(6_600_000));
    let sub = p.fields.get("budget.subcontract").expect("subcontract");
    assert_eq!(sub.value, "未定");
    assert!(sub.normalized.is_none());
    assert!(
        sub.unnormalized
            .as_deref()
            .is_some_and(|r| r.contains("未定")),
        "{:?}",
        sub.unnormalized
    );
    // 一般管理費 left blank: the empty cell next to the label, as a sheet
    // reference.
    let admin = p.fields.get("budget.general_admin").expect("general_admin");
    assert_eq!(admin.value, "");
    assert_eq!(
        admin.location,
        yoshiki::Location::sheet_cell("様式２", "B10")
    );
}

#[test]
fn report_statuses_reasons_and_a_separate_sheet() {
    let doc = DocBuilder::new(Format::Docx)
        .para("別紙")
        .para("令和８年２月３０日")
        .para("中小企業庁長官官房総務課長　殿")
        .para("住所　東京都中央区１")
        .para("名称　テスト株式会社")
        .para("代表者氏名　代表取締役　試験太郎")
        .para("情報セキュリティに関する事項の遵守の方法の実施状況報告書")
        .para("１．契約件名等")
        .table(&[&["契約締結日", "R8.4.1"], &["契約件名", "〇〇事業"]])
        .para("２．報告事項")
        .table(&[
            &["項目", "確認事項", "実施状況"],
            &["情報セキュリティに関する事項\n２）", "本業務全体における情報セキュリティの確保のため、「政府機関等のサイバーセキュリティ対策のための統一基準」（令和５年度版）に基づく。", "実施"],
            &["情報セキュリティに関する事項\n３）", "経済産業省又は内閣官房国家サイバー統括室が必要に応じて実施する監査を受け入れる。", "未実施（理由：監査の予定がないため）"],
            &["情報セキュリティに関する事項\n４）", "本業務に従事する者を限定する。", "実施済み"],
            &["情報セキュリティに関する事項\n１５）", "情報システム（ウェブサイトを含む。以下同じ。）の設計、構築を行う場合には、（９）SPF（Sender Policy Framework）、DKIM（DomainKeys Identified Mail）、DMARC（Domain-based Message Authentication, Reporting & Conformance）…（１０）ドメインに関する情報が正確であることの定期的な確認…", "該当なし"],
            &["情報セキュリティに関する事項\n１６）", "アプリケーション・コンテンツの開発・作成を行う場合には", ""],
        ])
        .para("別葉")
        .table(&[&["項目", "理由"], &["１５）", "情報システムを構築しないため。"]])
        .build();
    let r = only(&extract_forms(&doc), "security_report");
    assert_eq!(
        r.template_version, "r7",
        "r7 clause text citing 令和５年度版 is still r7"
    );
    let date = r.fields.get("date").expect("date");
    assert!(date.unnormalized.is_some(), "２月３０日 does not exist");
    assert_eq!(
        r.fields
            .get("contract.date")
            .and_then(|f| f.normalized.clone()),
        Some(serde_json::json!("2026-04-01"))
    );
    assert_eq!(value(&r, "reporter.name"), "テスト株式会社");
    assert_eq!(value(&r, "items[1].status"), "未実施");
    assert_eq!(value(&r, "items[1].detail"), "理由：監査の予定がないため");
    let done = r.fields.get("items[2].status").expect("item 4");
    assert_eq!(
        (
            done.value.as_str(),
            done.normalized.is_none(),
            done.unnormalized.is_some()
        ),
        ("実施済み", true, true)
    );
    assert_eq!(value(&r, "items[3].status"), "該当なし");
    let annex = r.fields.get("items[3].detail").expect("reason from 別葉");
    assert_eq!(annex.value, "情報システムを構築しないため。");
    assert_eq!(
        (annex.location.table, annex.location.row, annex.location.col),
        (Some(3), Some(2), Some(2))
    );
    let blank = r.fields.get("items[4].status").expect("item 16");
    assert_eq!(
        (blank.value.as_str(), blank.location.row, blank.location.col),
        ("", Some(6), Some(3))
    );
    assert!(!r.fields.contains_key("items[4].detail"));
    assert_eq!(r.list_len("items"), 5, "the 別葉 rows are not items");
}

#[test]
fn a_form_in_the_middle_of_other_text_and_a_file_without_forms() {
    let text = "送付状\n\n株式会社テストより、下記のとおり提出します。\n申請書を添付します。\n\n（別添様式）\n情報取扱者名簿及び情報管理体制図\n①情報取扱者名簿\n\t氏名\t個人住所\t生年月日\t所属部署\t役職\tパスポート番号及び国籍（※４）\n情報管理責任者（※１）\tＡ\t山田太郎\t東京都\t1980/1/2\t総務部\t部長\t\n\tＢ\t\t\t\t\t\t\n②情報管理体制図\n山田（責任者）\n";
    let forms = extract_forms(&text_document("mixed.txt", text));
    let roster = only(&forms, "handler_roster");
    assert_eq!(
        forms.len(),
        1,
        "申請書を添付します。 is a sentence, not a title"
    );
    assert_eq!(roster.start.line, Some(6));
    assert_eq!(
        roster.list_len("handlers"),
        1,
        "the row with only its letter is spare"
    );
    assert_eq!(value(&roster, "handlers[0].name"), "山田太郎");
    assert_eq!(
        roster
            .fields
            .get("handlers[0].birth_date")
            .and_then(|f| f.normalized.clone()),
        Some(serde_json::json!("1980-01-02"))
    );
    assert_eq!(
        roster
            .fields
            .get("handlers[0].role")
            .and_then(|f| f.normalized.clone()),
        Some(serde_json::json!("manager"))
    );
    assert_eq!(value(&roster, "diagram"), "山田（責任者）");

    let letter = "議事録\n\n日時：令和８年４月１日\n出席者：山田、鈴木\n\t項目\t内容\n\t予算\t12,000千円\n以上\n";
    assert!(extract_forms(&text_document("minutes.txt", letter)).is_empty());
}

#[test]
fn pdf_like_text_with_broken_title_and_labels() {
    let text = "別紙４\n令和６年３月１日\n経済産業省○○課長 殿\n住 所 東京都港区\n名 称 テスト\n代表者氏名 テスト太郎\n情報セキュリティに関する事項の遵守の方法の実施状\n況報告書\n１．契約件名等\n契約締結日 令和５年７月１日\n契約件名 〇〇調査\n２．報告事項\n項目 確認事項 実施状況\n情報セキュリテ\nィに関する事項\n２）\n本業務全体における情報セキュリティの確保のため、「政府機関等のサイバーセキュ\nリティ対策のための統一基準」（令和５年度版）に基づく。\n実施\n情報セキュリテ\nィに関する事項\n１５）\n情報システム（ウェブサイトを含む。以下同じ。）の設計、構築を行う場合には\n（７）電子メール送受信機能を含むシステム等の当省外向けシステムを構築又は運用\nする場合には「.go.jp」を使用すること。\n（９）電子メール送受信機能を含む場合には、SPF（Sender Policy Framework）等の\nなりすましの防止策を講ずること。\n該当なし\n";
    let r = only(
        &extract_forms(&text_document("old.txt", text)),
        "security_report",
    );
    assert_eq!(r.template_version, "r5");
    assert_eq!(r.start.line, Some(1));
    assert_eq!(value(&r, "reporter.address"), "東京都港区");
    assert_eq!(
        r.fields
            .get("contract.date")
            .and_then(|f| f.normalized.clone()),
        Some(serde_json::json!("2023-07-01"))
    );
    assert_eq!(value(&r, "items[0].status"), "実施");
    assert_eq!(value(&r, "items[1].number"), "１５）");
    assert_eq!(value(&r, "items[1].status"), "該当なし");
}

#[test]
fn another_ministrys_variant_from_a_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let def = r#"
id = "application"
version = "r6"
name = "様式第１号 応募申請書"
name_en = "Form 1 (MLIT application)"

[recognize]
preamble = ["様式第１号"]
title_suffix = ["応募申請書"]
boilerplate = ["応募者名", "連絡先"]

[[field]]
path = "applicant.name"
find = "label"
labels = ["応募者名"]
place = "応募者名"

[[field]]
path = "title"
find = "title"
suffix = ["応募申請書"]
place = "件名"

[[example]]
text = "様式第１号\n〇〇整備事業　応募申請書\n応募者名\tテスト建設株式会社\n連絡先\t03-0000-0000\n"
[example.fields]
"applicant.name" = "テスト建設株式会社"
"#;
    std::fs::write(dir.path().join("mlit_application.toml"), def).expect("write");
    let set: FormSet = builtin().with_dir(dir.path()).expect("loads");
    assert_eq!(set.forms.len(), builtin().forms.len() + 1);
    let added = set.get("application", "r6").expect("added");
    let ex = &added.examples[0];
    let forms = extract_with(&text_document("mlit.txt", &ex.text), &set);
    let app = only(&forms, "application");
    assert_eq!(app.template_version, "r6");
    assert_eq!(value(&app, "applicant.name"), "テスト建設株式会社");
    assert_eq!(value(&app, "title"), "〇〇整備事業");
    // Built-in definitions alone do not know this form.
    assert!(extract_forms(&text_document("mlit.txt", &ex.text)).is_empty());

    std::fs::write(dir.path().join("broken.toml"), "id = \"x\"\nversion = \n").expect("write");
    assert!(
        builtin().with_dir(dir.path()).is_err(),
        "a broken file is an error, not ignored"
    );
}

#[test]
fn names_and_places_for_findings() {
    assert_eq!(form_name("proposal").ja, "様式２ 企画提案書");
    assert_eq!(form_name("proposal").en, "Form 2 (proposal)");
    assert_eq!(
        place_of("proposal", "budget.subcontract").ja,
        "様式２ 企画提案書 ７．事業費総額 Ⅲ 再委託・外注費"
    );
    assert_eq!(
        place_of("security_report", "items[3].status").ja,
        "別紙 情報セキュリティに関する事項の遵守の方法の実施状況報告書 ２．報告事項 ５） 実施状況"
    );
    assert!(
        place_of("security_report", "items[3].status")
            .en
            .contains("item 5)")
    );
    assert_eq!(
        place_of("subcontract_reason", "subcontractors[1].amount").ja,
        "別添 再委託費率が５０％を超える理由書 ５．再委託先 ２件目 契約金額（見込み）（円）"
    );
    assert_eq!(
        place_of("application", "contact.name_kana").ja,
        "様式１ 申請書 連絡担当窓口 氏名（ふりがな）"
    );
    assert_eq!(
        place_of("proposal", "wlb_certifications[1]").ja,
        "様式２ 企画提案書 ６．ワーク・ライフ・バランス等推進企業に関する認定等の状況"
    );
    assert_eq!(place_of("nosuch", "x.y").ja, "nosuch x.y");
}
