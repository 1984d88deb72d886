//! Field rules (REQ, SUM, SUB, ROS, RPT, XD, FMT) on extracted forms built
//! in code: a consistent submission that must raise nothing, and for every
//! rule a one-field change that must raise it (and a near-identical one that
//! must not).

use crate::common::location_from_json;
use std::collections::BTreeMap;
use yoshiki::config::Config;
use yoshiki::diag::{Applicability, Diagnostic, Severity};
use yoshiki::forms::{ExtractedForm, FieldValue};
use yoshiki::knowledge::Knowledge;
use yoshiki::model::{Document, Format, Location};
use yoshiki::rules::{self, FileContext, SetContext};

const MY_CODES: &[&str] = &[
    "REQ001", "REQ002", "REQ003", "SUM001", "SUM002", "SUM003", "SUM004", "SUM005", "SUM006",
    "SUB001", "SUB002", "SUB003", "SUB004", "SUB005", "SUB006", "ROS001", "ROS002", "ROS003",
    "RPT001", "RPT002", "RPT003", "XD001", "XD002", "XD003", "XD004", "FMT001", "FMT002", "FMT003",
    "FMT004",
];

// ------------------------------------------------------------------ builders

/// A form whose fields sit in table `t`, one row per field, in order.
fn form(id: &str, t: u32, fields: &[(&str, &str)]) -> ExtractedForm {
    let mut map = BTreeMap::new();
    for (r, (k, v)) in fields.iter().enumerate() {
        let loc = Location {
            part: Some("word/document.xml".into()),
            table: Some(t),
            row: Some(r as u32 + 1),
            col: Some(2),
            ..Location::default()
        };
        map.insert(k.to_string(), FieldValue::new(*v, loc));
    }
    ExtractedForm {
        form: id.into(),
        template_version: "r8".into(),
        similarity: 1.0,
        start: Location {
            paragraph: Some(t * 100),
            ..Location::default()
        },
        end: Location {
            paragraph: Some(t * 100 + 99),
            ..Location::default()
        },
        fields: map,
    }
}

/// `form` with fields built at run time.
fn form_owned(id: &str, t: u32, fields: &[(String, String)]) -> ExtractedForm {
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    form(id, t, &refs)
}

fn norm(f: &mut ExtractedForm, path: &str, v: serde_json::Value) {
    if let Some(fv) = f.fields.get_mut(path) {
        fv.normalized = Some(v);
    }
}

fn application() -> ExtractedForm {
    form(
        "application",
        1,
        &[
            ("reception_number", ""),
            ("title", "令和８年度テスト調査事業"),
            ("addressee", "中小企業庁　あて"),
            ("applicant.name", "株式会社サンプル"),
            ("applicant.representative", "代表取締役　山田　太郎"),
            ("applicant.address", "東京都千代田区霞が関１－３－１"),
            ("contact.name", "鈴木　花子"),
            ("contact.name_kana", "すずき　はなこ"),
            ("contact.department", "企画部"),
            ("contact.position", "課長"),
            ("contact.phone", "03-1234-5678"),
            ("contact.email", "hanako@example.co.jp"),
        ],
    )
}

/// Budget in 千円: Ⅰ 10,000 Ⅱ 12,000 (3,000+2,000+4,000+3,000) Ⅲ 30,000
/// Ⅳ 2,200 → 小計 54,200, 税 5,420, 総額 59,620. Ⅲ/小計 = 55.4%.
fn proposal() -> ExtractedForm {
    let mut f = form(
        "proposal",
        2,
        &[
            ("reception_number", ""),
            ("title", "令和８年度テスト調査事業企画提案書"),
            (
                "implementation_method",
                "＊募集要領の２．事業内容の項目ごとに、具体的な実施方法及び内容を記載してください。\n調査票を設計し、全国の中小企業1,000社に配布する。",
            ),
            ("schedule", "４月　調査設計\n５〜８月　実査\n９月　報告"),
            ("track_record", "令和６年度　類似調査（中小企業庁）"),
            ("organization", "統括責任者　佐藤一郎（企画部長）"),
            (
                "information_management",
                "社内規程「情報セキュリティ基本規程」に基づき管理する。",
            ),
            ("budget.unit", "千円"),
            ("budget.personnel", "10,000"),
            ("budget.project_expenses", "12,000"),
            ("budget.travel", "3,000"),
            ("budget.venue", "2,000"),
            ("budget.honoraria", "4,000"),
            ("budget.assistant_personnel", "3,000"),
            ("budget.subcontract", "30,000"),
            ("budget.general_admin", "2,200"),
            ("budget.subtotal", "54,200"),
            ("budget.consumption_tax", "5,420"),
            ("budget.total", "59,620"),
        ],
    );
    // The extractor normalises 千円 figures to yen.
    for (p, v) in [
        ("budget.personnel", 10_000_000),
        ("budget.project_expenses", 12_000_000),
        ("budget.travel", 3_000_000),
        ("budget.venue", 2_000_000),
        ("budget.honoraria", 4_000_000),
        ("budget.assistant_personnel", 3_000_000),
        ("budget.subcontract", 30_000_000),
        ("budget.general_admin", 2_200_000),
        ("budget.subtotal", 54_200_000),
        ("budget.consumption_tax", 5_420_000),
        ("budget.total", 59_620_000),
    ] {
        norm(&mut f, p, v.into());
    }
    f
}

/// Rows: A 22,000,000 (36.9%), B 11,000,000 (18.5%) = 33,000,000 = Ⅲ × 1.1;
/// C 再々委託先 2,000,000 (＿).
fn reason() -> ExtractedForm {
    let mut f = form(
        "subcontract_reason",
        3,
        &[
            ("applicant.address", "東京都千代田区霞が関１－３－１"),
            ("applicant.name", "㈱サンプル"),
            ("applicant.representative", "代表取締役　山田太郎"),
            ("title", "令和８年度テスト調査事業"),
            ("business_type", "Ⅱ"),
            (
                "main_work",
                "調査設計と分析は当社が行い、実査を再委託する。",
            ),
            ("subcontract_ratio", "55.4%"),
            ("subcontractors[0].name", "株式会社エー調査"),
            ("subcontractors[0].tier", "[再委託先]"),
            ("subcontractors[0].settlement", "有"),
            ("subcontractors[0].amount", "22,000,000"),
            ("subcontractors[0].ratio", "36.9%"),
            ("subcontractors[0].selection_method", "相見積もり"),
            ("subcontractors[0].scope", "実査"),
            ("subcontractors[1].name", "ビー統計株式会社"),
            ("subcontractors[1].tier", "[再委託先]"),
            ("subcontractors[1].settlement", "無"),
            ("subcontractors[1].amount", "11,000,000"),
            ("subcontractors[1].ratio", "18.5%"),
            (
                "subcontractors[1].selection_method",
                "一者選定\n理由：全国の事業所データベースを保有する唯一の事業者であるため。",
            ),
            ("subcontractors[1].scope", "名簿提供"),
            ("subcontractors[2].name", "シー印刷（株）"),
            ("subcontractors[2].tier", "[再々委託先]"),
            ("subcontractors[2].settlement", "無"),
            ("subcontractors[2].amount", "2,000,000"),
            ("subcontractors[2].ratio", "＿"),
            ("subcontractors[2].selection_method", "相見積もり"),
            ("subcontractors[2].scope", "調査票印刷"),
            // A spare template row left blank.
            ("subcontractors[3].name", ""),
            ("subcontractors[3].settlement", ""),
            ("subcontractors[3].amount", ""),
            ("subcontractors[3].ratio", ""),
            ("subcontractors[3].selection_method", ""),
            ("subcontractors[3].scope", ""),
            (
                "reasons",
                "実査には全国規模の調査員網が必要であり、再委託せざるを得ない。",
            ),
        ],
    );
    for (i, t) in [
        (0, "subcontractor"),
        (1, "subcontractor"),
        (2, "sub_subcontractor"),
    ] {
        norm(&mut f, &format!("subcontractors[{i}].tier"), t.into());
    }
    for (i, a) in [(0, 22_000_000), (1, 11_000_000), (2, 2_000_000)] {
        norm(&mut f, &format!("subcontractors[{i}].amount"), a.into());
    }
    f
}

fn roster() -> ExtractedForm {
    let mut f = form(
        "handler_roster",
        4,
        &[
            ("handlers[0].role", "情報管理責任者（※１）"),
            ("handlers[0].label", "Ａ"),
            ("handlers[0].name", "佐藤　一郎"),
            ("handlers[0].department", "企画部"),
            ("handlers[0].position", "部長"),
            ("handlers[0].passport_and_nationality", ""),
            ("handlers[1].role", "情報取扱管理者（※２）"),
            ("handlers[1].label", "Ｂ"),
            ("handlers[1].name", "鈴木　花子"),
            ("handlers[1].department", "企画部"),
            ("handlers[1].position", "課長"),
            ("handlers[1].passport_and_nationality", "日本"),
            ("handlers[2].role", "情報取扱管理者（※２）"),
            ("handlers[2].label", "Ｃ"),
            ("handlers[2].name", ""),
            ("handlers[2].department", ""),
            ("handlers[2].position", ""),
            ("handlers[2].passport_and_nationality", ""),
            ("handlers[3].role", "業務従事者（※３）"),
            ("handlers[3].label", "Ｄ"),
            ("handlers[3].name", "王　小明"),
            ("handlers[3].department", "調査部"),
            ("handlers[3].position", "主任"),
            ("handlers[3].passport_and_nationality", "E12345678　中国"),
            ("handlers[4].role", "再委託先"),
            ("handlers[4].label", "Ｆ"),
            ("handlers[4].name", "田中　次郎"),
            ("handlers[4].department", "株式会社エー調査　実査部"),
            ("handlers[4].position", "課長"),
            ("handlers[4].passport_and_nationality", ""),
        ],
    );
    for (i, r) in [
        (0, "manager"),
        (1, "supervisor"),
        (2, "supervisor"),
        (3, "worker"),
        (4, "subcontractor"),
    ] {
        norm(&mut f, &format!("handlers[{i}].role"), r.into());
    }
    f
}

fn report() -> ExtractedForm {
    let mut fields: Vec<(String, String)> = vec![
        ("date".into(), "令和８年１０月１日".into()),
        ("addressee".into(), "中小企業庁長官官房総務課長　殿".into()),
        (
            "reporter.address".into(),
            "東京都千代田区霞が関１－３－１".into(),
        ),
        ("reporter.name".into(), "株式会社　サンプル".into()),
        (
            "reporter.representative".into(),
            "代表取締役　山田太郎".into(),
        ),
        ("contract.date".into(), "令和８年４月１日".into()),
        ("contract.title".into(), "令和８年度テスト調査事業".into()),
    ];
    for n in 2..=17u32 {
        let i = n - 2;
        let (status, detail) = match n {
            13 => (
                "未実施",
                "クラウドサービスの調達手続中のため、１２月に実施予定。",
            ),
            17 => ("該当なし\n（外部公開ウェブサイトを構築しないため）", ""),
            _ => ("実施", ""),
        };
        fields.push((format!("items[{i}].number"), format!("{n}）")));
        fields.push((format!("items[{i}].status"), status.into()));
        fields.push((format!("items[{i}].detail"), detail.into()));
    }
    let mut f = form_owned("security_report", 5, &fields);
    for n in 2..=17i64 {
        norm(&mut f, &format!("items[{}].number", n - 2), n.into());
    }
    f
}

/// The whole consistent submission, one form per file.
fn base() -> Vec<(String, Vec<ExtractedForm>)> {
    vec![
        ("set/application.docx".into(), vec![application()]),
        ("set/proposal.docx".into(), vec![proposal()]),
        ("set/reason.docx".into(), vec![reason()]),
        ("set/roster.docx".into(), vec![roster()]),
        ("set/report.docx".into(), vec![report()]),
    ]
}

fn config() -> Config {
    let mut c = Config::default();
    c.call.budget_cap = Some(60_000_000);
    c
}

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default()
}

/// The first form with this id in the set.
fn get<'a>(files: &'a mut [(String, Vec<ExtractedForm>)], id: &str) -> &'a mut ExtractedForm {
    files
        .iter_mut()
        .flat_map(|(_, forms)| forms.iter_mut())
        .find(|f| f.form == id)
        .unwrap_or_else(|| panic!("no form {id}"))
}

/// Set a field's text (the normalised value is dropped: the rules must read
/// the text themselves then).
fn set(files: &mut [(String, Vec<ExtractedForm>)], id: &str, path: &str, value: &str) {
    let f = get(files, id);
    let loc = f
        .fields
        .get(path)
        .map(|v| v.location.clone())
        .unwrap_or_else(|| Location {
            table: Some(99),
            row: Some(f.fields.len() as u32 + 1),
            ..Location::default()
        });
    f.fields
        .insert(path.to_string(), FieldValue::new(value, loc));
}

fn remove(files: &mut [(String, Vec<ExtractedForm>)], id: &str, path: &str) {
    get(files, id).fields.remove(path);
}

fn remove_form(files: &mut Vec<(String, Vec<ExtractedForm>)>, id: &str) {
    for (_, forms) in files.iter_mut() {
        forms.retain(|f| f.form != id);
    }
    files.retain(|(_, forms)| !forms.is_empty());
}

// ------------------------------------------------------------------ running

/// The rules of `codes`, in order, on every file and then on the set;
/// the findings with the path of their file.
fn run_rules(
    files: &[(String, Vec<ExtractedForm>)],
    config: &Config,
    knowledge: &Knowledge,
    as_of: chrono::NaiveDate,
    codes: &[&str],
) -> Vec<(String, Diagnostic)> {
    let docs: Vec<Document> = files
        .iter()
        .map(|(p, _)| Document::new(p.clone(), Format::Docx, 0))
        .collect();
    let ctxs: Vec<FileContext> = files
        .iter()
        .zip(&docs)
        .map(|((p, forms), doc)| FileContext {
            path: p,
            doc,
            forms,
            config,
            knowledge,
            as_of,
        })
        .collect();
    let mut out = Vec::new();
    for code in codes {
        let meta = rules::meta(code).unwrap_or_else(|| panic!("{code} not registered"));
        let rule = meta.rule.unwrap_or_else(|| panic!("{code} has no rule"));
        for ctx in &ctxs {
            let mut v = Vec::new();
            rule.check_file(ctx, &mut v);
            out.extend(v.into_iter().map(|d| (ctx.path.to_string(), d)));
        }
        let set = SetContext {
            files: &ctxs,
            config,
            knowledge,
            as_of,
        };
        rule.check_set(&set, &mut out);
    }
    out
}

fn run_with(
    files: &[(String, Vec<ExtractedForm>)],
    config: &Config,
    code: &str,
) -> Vec<(String, Diagnostic)> {
    #[allow(clippy::default_constructed_unit_structs)]
    let knowledge = Knowledge::default();
    let out = run_rules(files, config, &knowledge, as_of(), &[code]);
    for (_, d) in &out {
        assert_eq!(d.code, code);
    }
    out
}

fn run(files: &[(String, Vec<ExtractedForm>)], code: &str) -> Vec<(String, Diagnostic)> {
    run_with(files, &config(), code)
}

/// Exactly one finding of `code`; returned for further checks.
fn one(files: &[(String, Vec<ExtractedForm>)], code: &str) -> (String, Diagnostic) {
    let mut out = run(files, code);
    assert_eq!(
        out.len(),
        1,
        "{code}: expected one finding, got {:#?}",
        out.iter().map(|(_, d)| &d.message.ja).collect::<Vec<_>>()
    );
    out.remove(0)
}

fn none(files: &[(String, Vec<ExtractedForm>)], code: &str) {
    let out = run(files, code);
    assert!(
        out.is_empty(),
        "{code}: expected nothing, got {:#?}",
        out.iter().map(|(_, d)| &d.message.ja).collect::<Vec<_>>()
    );
}

/// Every finding carries what the users need: form, field, place,
/// location, both messages and a help.
fn well_formed(d: &Diagnostic) {
    assert!(d.form.is_some(), "{}: no form", d.code);
    assert!(d.field.is_some(), "{}: no field", d.code);
    assert!(d.place.is_some(), "{}: no place", d.code);
    assert!(d.location.is_some(), "{}: no location", d.code);
    assert!(
        !d.message.ja.is_empty() && !d.message.en.is_empty(),
        "{}: empty message",
        d.code
    );
    assert!(
        d.help
            .as_ref()
            .is_some_and(|h| !h.ja.is_empty() && !h.en.is_empty()),
        "{}: no help",
        d.code
    );
    if let Some(ex) = &d.excerpt
        && let Some((s, e)) = ex.highlight
    {
        assert!(
            ex.text.get(s..e).is_some_and(|h| !h.is_empty()),
            "{}: bad highlight {:?} in {:?}",
            d.code,
            (s, e),
            ex.text
        );
    }
}

/// The replacement text of a finding's fix, if it has one.
fn fix_of(d: &Diagnostic) -> Option<&str> {
    d.fix.as_ref().map(|f| f.replacement.as_str())
}

fn loc_of(files: &mut [(String, Vec<ExtractedForm>)], id: &str, path: &str) -> Location {
    get(files, id)
        .fields
        .get(path)
        .map(|f| f.location.clone())
        .unwrap_or_default()
}

// ------------------------------------------------------------------ base

#[test]
fn consistent_submission_raises_nothing() {
    let files = base();
    for code in MY_CODES {
        none(&files, code);
    }
}

#[test]
fn every_code_is_registered_with_docs_and_the_spec_severity() {
    let warnings = ["SUM006", "SUB005", "ROS003", "RPT002", "FMT002", "XD004"];
    for code in MY_CODES {
        let m = rules::meta(code).unwrap_or_else(|| panic!("{code}"));
        assert!(m.rule.is_some());
        let doc = m.doc(yoshiki::diag::Lang::Ja);
        assert!(doc.starts_with(code), "{code} doc: {doc}");
        assert!(doc.contains("例"), "{code} doc has no example");
        let doc = m.doc(yoshiki::diag::Lang::En);
        assert!(doc.contains("Example"), "{code} English doc has no example");
        let expected = if warnings.contains(code) {
            Severity::Warning
        } else {
            Severity::Error
        };
        assert_eq!(m.default_severity, expected, "{code}");
        assert!(!m.title_ja.is_empty() && !m.title_en.is_empty());
    }
}

// ------------------------------------------------------------------ REQ

#[test]
fn req001_blank_required_entry() {
    let mut files = base();
    set(&mut files, "application", "applicant.address", "　");
    let (path, d) = one(&files, "REQ001");
    assert_eq!(path, "set/application.docx");
    assert_eq!(d.field.as_deref(), Some("applicant.address"));
    assert_eq!(
        d.location,
        Some(loc_of(&mut files, "application", "applicant.address"))
    );
    assert_eq!(d.severity, Severity::Error);
    well_formed(&d);
}

#[test]
fn req001_proposal_section_with_only_guidance_is_empty() {
    let mut files = base();
    set(
        &mut files,
        "proposal",
        "implementation_method",
        "＊募集要領の２．事業内容の項目ごとに、具体的な実施方法及び内容を記載してください。\n＊本事業の成果を高めるための具体的な提案を記載してください。\n",
    );
    let (_, d) = one(&files, "REQ001");
    assert_eq!(d.field.as_deref(), Some("implementation_method"));
    assert!(d.message.ja.contains("説明文"));
    // Guidance followed by the applicant's own text is filled in.
    set(
        &mut files,
        "proposal",
        "implementation_method",
        "＊本事業の成果を高めるための具体的な提案を記載してください。\n当社はWeb調査を行う。",
    );
    none(&files, "REQ001");
}

#[test]
fn req001_used_rows_need_their_cells_spare_rows_do_not() {
    let mut files = base();
    // A blank spare row is fine (base); a row with a name but no amount is not.
    set(
        &mut files,
        "subcontract_reason",
        "subcontractors[3].name",
        "株式会社ディー",
    );
    let out = run(&files, "REQ001");
    let fields: Vec<_> = out.iter().filter_map(|(_, d)| d.field.clone()).collect();
    assert!(
        fields.contains(&"subcontractors[3].amount".to_string()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"subcontractors[3].ratio".to_string()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"subcontractors[3].selection_method".to_string()),
        "{fields:?}"
    );
}

#[test]
fn req001_roster_named_row_needs_department_not_passport_or_address() {
    let mut files = base();
    set(&mut files, "handler_roster", "handlers[0].department", "");
    let (_, d) = one(&files, "REQ001");
    assert_eq!(d.field.as_deref(), Some("handlers[0].department"));
    assert!(d.personal, "roster findings are marked personal");
    // The spare row C and the blank passport of a Japanese national: nothing.
    let files = base();
    none(&files, "REQ001");
}

#[test]
fn req001_deleted_entry_is_reported_once_for_the_set() {
    let mut files = base();
    remove(&mut files, "application", "contact.email");
    let (path, d) = one(&files, "REQ001");
    assert_eq!(path, "set/application.docx");
    assert_eq!(d.field.as_deref(), Some("contact.email"));
    assert!(d.message.ja.contains("見つかりません"));
    // A form split over two files: the entry in the other file counts.
    let mut files = base();
    remove(&mut files, "proposal", "budget.total");
    let mut part = form("proposal", 7, &[("budget.total", "59,620")]);
    part.fields.insert(
        "budget.unit".into(),
        FieldValue::new("千円", Location::default()),
    );
    files.push(("set/proposal_budget.xlsx".into(), vec![part]));
    none(&files, "REQ001");
}

#[test]
fn req001_blank_optional_forms_next_to_filled_ones_are_not_checked() {
    // The call's Word file holds all six forms; 理由書 / 名簿 / 報告書 left
    // blank next to a filled 申請書 are not missing entries.
    let blank_reason = form(
        "subcontract_reason",
        3,
        &[
            ("applicant.name", ""),
            ("title", "令和８年度テスト調査事業"),
            ("business_type", ""),
            (
                "main_work",
                "＜記載例＞\n本事業における主要な業務は、・・・・であり",
            ),
            ("subcontract_ratio", "●●．●％"),
            ("subcontractors[0].name", "【例】未定"),
            ("subcontractors[0].amount", "10,000,000"),
        ],
    );
    let blank_report = form(
        "security_report",
        5,
        &[
            ("date", "令和    年    月     日"),
            ("addressee", "中小企業庁長官官房総務課長　殿"),
            ("reporter.name", ""),
            ("items[0].status", ""),
        ],
    );
    let mut prop = proposal();
    // Keep Ⅲ under 50% so SUB001 does not need the 理由書.
    prop.fields.insert(
        "budget.subcontract".into(),
        FieldValue::new("0", Location::default()),
    );
    let files = vec![(
        "all.docx".to_string(),
        vec![
            application(),
            prop,
            blank_reason.clone(),
            blank_report.clone(),
        ],
    )];
    for code in ["REQ001", "REQ003", "RPT001", "RPT003", "SUB006"] {
        none(&files, code);
    }
    // The same blank report alone in its file is checked.
    let files = vec![("report.docx".to_string(), vec![blank_report])];
    assert!(!run(&files, "REQ001").is_empty());
    assert_eq!(run(&files, "REQ003").len(), 1);
}

#[test]
fn req001_name_and_kana_in_one_cell_are_one_finding() {
    let mut files = base();
    set(&mut files, "application", "contact.name", "");
    set(&mut files, "application", "contact.name_kana", "");
    let (_, d) = one(&files, "REQ001");
    assert_eq!(d.field.as_deref(), Some("contact.name"));
    set(&mut files, "application", "contact.name", "鈴木　花子");
    let (_, d) = one(&files, "REQ001");
    assert_eq!(d.field.as_deref(), Some("contact.name_kana"));
}

#[test]
fn req002_reception_number_filled() {
    let mut files = base();
    set(&mut files, "proposal", "reception_number", "００１");
    let (path, d) = one(&files, "REQ002");
    assert_eq!(path, "set/proposal.docx");
    assert_eq!(fix_of(&d), Some(""));
    well_formed(&d);
    // The template's own note is not an entry.
    set(&mut files, "proposal", "reception_number", "※記載不要");
    none(&files, "REQ002");
}

#[test]
fn req003_incomplete_date() {
    let mut files = base();
    set(
        &mut files,
        "security_report",
        "date",
        "令和　　年　　月　　日",
    );
    let (_, d) = one(&files, "REQ003");
    assert_eq!(d.field.as_deref(), Some("date"));
    well_formed(&d);
    set(&mut files, "security_report", "date", "令和８年　月　日");
    assert_eq!(run(&files, "REQ003").len(), 1);
    set(&mut files, "security_report", "date", "令和８年１１月２日");
    none(&files, "REQ003");
    // A blank date is REQ001, not REQ003.
    set(&mut files, "security_report", "date", "");
    none(&files, "REQ003");
    assert_eq!(run(&files, "REQ001").len(), 1);
}

// ------------------------------------------------------------------ SUM

#[test]
fn sum001_subtotal_mismatch_in_declared_unit() {
    let mut files = base();
    set(&mut files, "proposal", "budget.subtotal", "54,700");
    let (_, d) = one(&files, "SUM001");
    assert!(
        d.message
            .ja
            .contains("小計は 54,700千円 ですが、Ⅰ〜Ⅳの合計は 54,200千円 です"),
        "{}",
        d.message.ja
    );
    assert!(d.help.as_ref().is_some_and(|h| h.ja.contains("54,200千円")));
    let fix = d
        .fix
        .as_ref()
        .map(|f| (f.replacement.as_str(), f.applicability));
    assert_eq!(fix, Some(("54,200", Applicability::Display)));
    well_formed(&d);
    // One unit of rounding is tolerated.
    set(&mut files, "proposal", "budget.subtotal", "54,201");
    none(&files, "SUM001");
}

#[test]
fn sum001_full_width_figures_and_blank_project_line() {
    let mut files = base();
    set(&mut files, "proposal", "budget.subtotal", "５４，２００");
    none(&files, "SUM001");
    // Ⅱ left blank with ①〜④ filled: Ⅱ is taken from the breakdown for SUM001,
    // SUM002 reports the blank Ⅱ.
    set(&mut files, "proposal", "budget.project_expenses", "");
    none(&files, "SUM001");
    let (_, d) = one(&files, "SUM002");
    assert!(d.message.ja.contains("空欄"));
    // A fix keeps the full-width style.
    set(&mut files, "proposal", "budget.subtotal", "５５，０００");
    let (_, d) = one(&files, "SUM001");
    assert_eq!(
        d.fix.map(|f| f.replacement),
        Some("５４，２００".to_string())
    );
}

#[test]
fn sum002_project_expenses_vs_breakdown() {
    let mut files = base();
    set(&mut files, "proposal", "budget.honoraria", "3,000");
    let (_, d) = one(&files, "SUM002");
    assert!(
        d.message
            .ja
            .contains("Ⅱ事業費は 12,000千円 ですが、①〜④の合計は 11,000千円 です"),
        "{}",
        d.message.ja
    );
    assert_eq!(d.field.as_deref(), Some("budget.project_expenses"));
    well_formed(&d);
    set(&mut files, "proposal", "budget.honoraria", "4,000");
    none(&files, "SUM002");
}

#[test]
fn sum003_tax_not_ten_percent() {
    let mut files = base();
    set(&mut files, "proposal", "budget.consumption_tax", "5,000");
    set(&mut files, "proposal", "budget.total", "59,200");
    let (_, d) = one(&files, "SUM003");
    assert!(
        d.message.ja.contains("5,000千円") && d.message.ja.contains("5,420千円"),
        "{}",
        d.message.ja
    );
    assert_eq!(fix_of(&d), Some("5,420"));
    well_formed(&d);
    // Rounding: 5,421 is within one unit.
    set(&mut files, "proposal", "budget.consumption_tax", "5,421");
    set(&mut files, "proposal", "budget.total", "59,621");
    none(&files, "SUM003");
    // Blank tax with a subtotal is reported.
    set(&mut files, "proposal", "budget.consumption_tax", "");
    assert_eq!(run(&files, "SUM003").len(), 1);
}

#[test]
fn sum004_total_not_subtotal_plus_tax() {
    let mut files = base();
    set(&mut files, "proposal", "budget.total", "60,620");
    let (_, d) = one(&files, "SUM004");
    assert!(
        d.message.ja.contains("総額は 60,620千円 ですが") && d.message.ja.contains("59,620千円"),
        "{}",
        d.message.ja
    );
    assert_eq!(d.field.as_deref(), Some("budget.total"));
    well_formed(&d);
    set(&mut files, "proposal", "budget.total", "59,620千円");
    none(&files, "SUM004");
}

#[test]
fn sum005_total_over_cap() {
    let files = base();
    let mut cfg = config();
    cfg.call.budget_cap = Some(59_000_000);
    let out = run_with(&files, &cfg, "SUM005");
    assert_eq!(out.len(), 1);
    let d = &out[0].1;
    assert!(
        d.message.ja.contains("59,620千円")
            && d.message.ja.contains("59,000千円")
            && d.message.ja.contains("620千円"),
        "{}",
        d.message.ja
    );
    well_formed(d);
    cfg.call.budget_cap = Some(59_620_000);
    assert!(run_with(&files, &cfg, "SUM005").is_empty());
    cfg.call.budget_cap = None;
    assert!(run_with(&files, &cfg, "SUM005").is_empty());
}

#[test]
fn sum006_general_admin_over_rate() {
    let mut files = base();
    set(&mut files, "proposal", "budget.general_admin", "2,300");
    let (_, d) = one(&files, "SUM006");
    assert_eq!(d.severity, Severity::Warning);
    assert!(
        d.message.ja.contains("2,300千円")
            && d.message.ja.contains("22,000千円")
            && d.message.ja.contains("2,200千円"),
        "{}",
        d.message.ja
    );
    well_formed(&d);
    // A higher configured rate allows it.
    let mut cfg = config();
    cfg.call.general_admin_rate = 0.15;
    assert!(run_with(&files, &cfg, "SUM006").is_empty());
    set(&mut files, "proposal", "budget.general_admin", "2,200");
    none(&files, "SUM006");
}

// ------------------------------------------------------------------ SUB

#[test]
fn sub001_over_half_without_reason_form() {
    let mut files = base();
    remove_form(&mut files, "subcontract_reason");
    let (path, d) = one(&files, "SUB001");
    assert_eq!(path, "set/proposal.docx");
    assert!(
        d.message.ja.contains("55.4%") && d.message.ja.contains("見当たりません"),
        "{}",
        d.message.ja
    );
    well_formed(&d);
    // Under 50%: no 理由書 needed.
    set(&mut files, "proposal", "budget.subcontract", "20,000");
    none(&files, "SUB001");
}

#[test]
fn sub001_blank_reason_form_does_not_count() {
    let mut files = base();
    remove_form(&mut files, "subcontract_reason");
    let blank = form(
        "subcontract_reason",
        3,
        &[
            ("title", "令和８年度テスト調査事業"),
            ("business_type", ""),
            ("reasons", ""),
        ],
    );
    files.push(("set/other.docx".into(), vec![application(), blank]));
    let (_, d) = one(&files, "SUB001");
    assert!(d.message.ja.contains("白紙"), "{}", d.message.ja);
    assert_eq!(d.related.as_deref(), Some("set/other.docx"));
}

#[test]
fn sub002_stated_ratio_wrong() {
    let mut files = base();
    set(
        &mut files,
        "subcontract_reason",
        "subcontract_ratio",
        "62.5%",
    );
    let (path, d) = one(&files, "SUB002");
    assert_eq!(path, "set/reason.docx");
    assert_eq!(d.related.as_deref(), Some("set/proposal.docx"));
    assert!(
        d.message.ja.contains("62.5%")
            && d.message.ja.contains("55.4%")
            && d.message.ja.contains("proposal.docx"),
        "{}",
        d.message.ja
    );
    assert_eq!(fix_of(&d), Some("55.4%"));
    well_formed(&d);
    // Truncated instead of rounded is fine (55.35 → 55.3).
    set(
        &mut files,
        "subcontract_reason",
        "subcontract_ratio",
        "５５．３％",
    );
    none(&files, "SUB002");
    // No 様式２ in the set: nothing to compute against.
    let mut files = base();
    set(
        &mut files,
        "subcontract_reason",
        "subcontract_ratio",
        "62.5%",
    );
    remove_form(&mut files, "proposal");
    none(&files, "SUB002");
}

#[test]
fn sub003_row_ratio_wrong() {
    let mut files = base();
    set(
        &mut files,
        "subcontract_reason",
        "subcontractors[0].ratio",
        "40.0%",
    );
    let (_, d) = one(&files, "SUB003");
    assert_eq!(d.field.as_deref(), Some("subcontractors[0].ratio"));
    assert!(
        d.message.ja.contains("株式会社エー調査") && d.message.ja.contains("36.9%"),
        "{}",
        d.message.ja
    );
    well_formed(&d);
    set(
        &mut files,
        "subcontract_reason",
        "subcontractors[0].ratio",
        "36.9％",
    );
    none(&files, "SUB003");
}

#[test]
fn sub004_sole_source_without_reason() {
    let mut files = base();
    set(
        &mut files,
        "subcontract_reason",
        "subcontractors[1].selection_method",
        "一者選定",
    );
    let (_, d) = one(&files, "SUB004");
    assert_eq!(
        d.field.as_deref(),
        Some("subcontractors[1].selection_method")
    );
    let ex = d.excerpt.as_ref().map(|e| (e.text.clone(), e.highlight));
    assert_eq!(
        ex,
        Some(("一者選定".to_string(), Some((0, "一者選定".len()))))
    );
    well_formed(&d);
    // The reason in its own extracted field.
    set(
        &mut files,
        "subcontract_reason",
        "subcontractors[1].selection_reason",
        "唯一のデータベース保有者であるため",
    );
    none(&files, "SUB004");
    // Section ７ naming the company does not stand in for the row's reason
    // (the ※ note belongs to table ５).
    let mut files = base();
    set(
        &mut files,
        "subcontract_reason",
        "subcontractors[1].selection_method",
        "一者選定",
    );
    set(
        &mut files,
        "subcontract_reason",
        "reasons",
        "ビー統計㈱：全国の事業所データベースを保有する唯一の事業者である。",
    );
    assert_eq!(run(&files, "SUB004").len(), 1);
    // 特命 is the same thing.
    set(
        &mut files,
        "subcontract_reason",
        "subcontractors[1].selection_method",
        "特命",
    );
    assert_eq!(run(&files, "SUB004").len(), 1);
}

#[test]
fn sub005_ratio_on_sub_subcontractor_row() {
    let mut files = base();
    set(
        &mut files,
        "subcontract_reason",
        "subcontractors[2].ratio",
        "3.4%",
    );
    let (_, d) = one(&files, "SUB005");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(fix_of(&d), Some("＿"));
    well_formed(&d);
    set(
        &mut files,
        "subcontract_reason",
        "subcontractors[2].ratio",
        "_",
    );
    none(&files, "SUB005");
}

#[test]
fn sub006_business_type() {
    let mut files = base();
    for ok in [
        "Ⅱ",
        "II",
        "ＩＩ",
        "Ⅰ",
        "Ⅲ",
        "III",
        "－",
        "-",
        "ー",
        "−",
        "「Ⅱ」",
    ] {
        set(&mut files, "subcontract_reason", "business_type", ok);
        none(&files, "SUB006");
    }
    for (bad, suggestion) in [
        ("２", Some("Ⅱ")),
        ("類型Ⅱ", Some("Ⅱ")),
        ("なし", Some("－")),
        ("Ⅱ、Ⅲ", None),
        ("IV", None),
    ] {
        set(&mut files, "subcontract_reason", "business_type", bad);
        let (_, d) = one(&files, "SUB006");
        assert_eq!(fix_of(&d), suggestion, "{bad}");
        well_formed(&d);
    }
}

// ------------------------------------------------------------------ ROS

#[test]
fn ros001_no_manager_named() {
    let mut files = base();
    set(&mut files, "handler_roster", "handlers[0].name", "");
    set(&mut files, "handler_roster", "handlers[0].department", "");
    set(&mut files, "handler_roster", "handlers[0].position", "");
    let (path, d) = one(&files, "ROS001");
    assert_eq!(path, "set/roster.docx");
    assert_eq!(d.field.as_deref(), Some("handlers[0].name"));
    well_formed(&d);
    set(
        &mut files,
        "handler_roster",
        "handlers[0].name",
        "佐藤　一郎",
    );
    none(&files, "ROS001");
}

#[test]
fn ros001_without_a_manager_row_points_at_the_roster_table() {
    let mut files = base();
    get(&mut files, "handler_roster")
        .fields
        .retain(|k, _| !k.starts_with("handlers[0]."));
    let (_, d) = one(&files, "ROS001");
    let loc = d.location.clone().unwrap_or_default();
    assert_eq!((loc.table, loc.row, loc.col), (Some(4), None, None));
    assert!(d.place.is_some_and(|p| p.ja.ends_with("①情報取扱者名簿")));
}

#[test]
fn ros002_foreign_national_without_passport() {
    let mut files = base();
    set(
        &mut files,
        "handler_roster",
        "handlers[3].passport_and_nationality",
        "中国",
    );
    let (_, d) = one(&files, "ROS002");
    assert!(d.personal);
    assert!(d.message.ja.contains("中国"), "{}", d.message.ja);
    well_formed(&d);
    for ok in ["TZ1234567 中国", "日本", "", "－", "永住者"] {
        set(
            &mut files,
            "handler_roster",
            "handlers[3].passport_and_nationality",
            ok,
        );
        none(&files, "ROS002");
    }
    // 特別永住者 are not exempt by （※４）.
    set(
        &mut files,
        "handler_roster",
        "handlers[3].passport_and_nationality",
        "韓国（特別永住者）",
    );
    assert_eq!(run(&files, "ROS002").len(), 1);
    // A 国籍 note in another cell of the row.
    set(
        &mut files,
        "handler_roster",
        "handlers[3].passport_and_nationality",
        "",
    );
    set(
        &mut files,
        "handler_roster",
        "handlers[3].position",
        "主任（国籍：ベトナム）",
    );
    assert_eq!(run(&files, "ROS002").len(), 1);
}

#[test]
fn ros003_subcontracting_without_subcontractor_handler() {
    let mut files = base();
    for f in ["name", "department", "position"] {
        set(
            &mut files,
            "handler_roster",
            &format!("handlers[4].{f}"),
            "",
        );
    }
    let (path, d) = one(&files, "ROS003");
    assert_eq!(path, "set/roster.docx");
    assert_eq!(d.related.as_deref(), Some("set/proposal.docx"));
    assert_eq!(d.severity, Severity::Warning);
    well_formed(&d);
    // No subcontracting at all: nothing to list.
    set(&mut files, "proposal", "budget.subcontract", "－");
    remove_form(&mut files, "subcontract_reason");
    none(&files, "ROS003");
}

// ------------------------------------------------------------------ RPT

#[test]
fn rpt001_status_words() {
    let mut files = base();
    set(&mut files, "security_report", "items[3].status", "○");
    let (_, d) = one(&files, "RPT001");
    assert_eq!(d.field.as_deref(), Some("items[3].status"));
    assert_eq!(fix_of(&d), Some("実施"));
    assert!(d.message.ja.contains("事項５）"), "{}", d.message.ja);
    well_formed(&d);
    for (bad, fix) in [
        ("実施済み", Some("実施")),
        ("×", Some("未実施")),
        ("実施・未実施", None),
        ("", None),
        ("対象外", Some("該当なし")),
    ] {
        set(&mut files, "security_report", "items[3].status", bad);
        let (_, d) = one(&files, "RPT001");
        assert_eq!(fix_of(&d), fix, "{bad}");
    }
    // A blank continuation row repeating item 5) is not a second status.
    let mut dup = base();
    set(&mut dup, "security_report", "items[16].number", "５）");
    set(&mut dup, "security_report", "items[16].status", "");
    none(&dup, "RPT001");
    set(&mut dup, "security_report", "items[16].number", "");
    assert_eq!(run(&dup, "RPT001").len(), 1);
    for ok in [
        "実施",
        " 実施 ",
        "「実施」",
        "未実施（理由：予算措置待ち）",
        "該当なし\n理由：対象システムなし",
    ] {
        set(&mut files, "security_report", "items[3].status", ok);
        none(&files, "RPT001");
    }
}

#[test]
fn rpt002_reason_missing() {
    let mut files = base();
    set(
        &mut files,
        "security_report",
        "items[15].status",
        "該当なし",
    );
    let (_, d) = one(&files, "RPT002");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.ja.contains("１７）"), "{}", d.message.ja);
    well_formed(&d);
    // The reason from a 別葉 section lands in detail.
    set(
        &mut files,
        "security_report",
        "items[15].detail",
        "外部公開ウェブサイトを構築しないため。",
    );
    none(&files, "RPT002");
    // 未実施 with an empty detail.
    set(&mut files, "security_report", "items[11].detail", "");
    assert_eq!(run(&files, "RPT002").len(), 1);
}

#[test]
fn report_places_name_the_actual_item_after_a_deleted_row() {
    // Row １３） deleted: the extractor's items[13] is item １６）.
    let mut fields: Vec<(String, String)> = vec![("date".into(), "令和８年１０月１日".into())];
    for (i, n) in (2..=17u32).filter(|n| *n != 13).enumerate() {
        let status = if n == 16 { "該当なし" } else { "実施" };
        fields.push((format!("items[{i}].number"), format!("{n}）")));
        fields.push((format!("items[{i}].status"), status.into()));
    }
    let files = vec![(
        "report.docx".to_string(),
        vec![form_owned("security_report", 5, &fields)],
    )];
    let (_, d) = one(&files, "RPT002");
    assert_eq!(d.field.as_deref(), Some("items[13].status"));
    let place = d.place.map(|p| p.ja).unwrap_or_default();
    assert!(place.contains("１６）"), "{place}");
    let (_, d) = one(&files, "RPT003");
    assert!(d.place.is_some_and(|p| p.ja.ends_with("２．報告事項")));
}

#[test]
fn rpt003_item_row_missing() {
    let mut files = base();
    let f = get(&mut files, "security_report");
    f.fields
        .retain(|k, _| !k.starts_with("items[11].") && !k.starts_with("items[12]."));
    let out = run(&files, "RPT003");
    assert_eq!(out.len(), 2);
    assert!(out[0].1.message.ja.contains("１３）") && out[1].1.message.ja.contains("１４）"));
    // Located at the row after which they belong (item 12).
    assert_eq!(
        out[0].1.location,
        Some(loc_of(&mut files, "security_report", "items[10].number"))
    );
    for (_, d) in &out {
        well_formed(d);
    }
    let files = base();
    none(&files, "RPT003");
}

// ------------------------------------------------------------------ XD

#[test]
fn xd001_title_differs() {
    let mut files = base();
    set(
        &mut files,
        "subcontract_reason",
        "title",
        "令和７年度テスト調査事業",
    );
    let (path, d) = one(&files, "XD001");
    assert_eq!(path, "set/reason.docx");
    assert_eq!(d.related.as_deref(), Some("set/application.docx"));
    assert!(
        d.message.ja.contains("reason.docx") && d.message.ja.contains("application.docx"),
        "{}",
        d.message.ja
    );
    let ex = d
        .excerpt
        .as_ref()
        .and_then(|e| e.highlight.map(|(s, t)| e.text[s..t].to_string()));
    assert_eq!(ex.as_deref(), Some("７"));
    well_formed(&d);
    // Width, spaces and a trailing 申請書 do not count.
    set(
        &mut files,
        "subcontract_reason",
        "title",
        "令和8年度 テスト調査事業 申請書",
    );
    none(&files, "XD001");
}

#[test]
fn xd001_within_one_file() {
    let mut prop = proposal();
    prop.fields.insert(
        "title".into(),
        FieldValue::new("令和８年度別の事業", Location::default()),
    );
    let files = vec![("all.docx".to_string(), vec![application(), prop, reason()])];
    let (path, d) = one(&files, "XD001");
    assert_eq!(path, "all.docx");
    assert_eq!(d.form.as_deref(), Some("proposal"));
    assert_eq!(d.related, None);
}

#[test]
fn xd004_the_same_form_twice_in_a_set() {
    let mut files = base();
    // A corrected copy beside the first draft.
    let mut again = proposal();
    again.fields.insert(
        "schedule".into(),
        FieldValue::new("６月～８月：調査", Location::default()),
    );
    files.push(("set/proposal（修正版）.docx".into(), vec![again]));
    let (path, d) = one(&files, "XD004");
    assert_eq!(path, "set/proposal（修正版）.docx");
    assert_eq!(d.related.as_deref(), Some("set/proposal.docx"));
    assert!(
        d.message.ja.contains("二つ") && d.message.ja.contains("proposal.docx"),
        "{}",
        d.message.ja
    );
    assert!(d.help.as_ref().is_some_and(|h| h.ja.contains("外して")));
    // Twice in one file: said without a second file name.
    let files = vec![("all.docx".to_string(), vec![application(), application()])];
    let (path, d) = one(&files, "XD004");
    assert_eq!(path, "all.docx");
    assert_eq!(d.related, None);
    assert!(d.message.ja.contains("このファイル"), "{}", d.message.ja);
}

#[test]
fn xd004_not_for_one_form_written_in_two_parts() {
    // The text in Word, 「７．事業費総額」 in Excel: the parts share only the
    // title, so they are one form, not two copies.
    let mut files = base();
    let whole = get(&mut files, "proposal").clone();
    let budget: Vec<(String, String)> = whole
        .fields
        .iter()
        .filter(|(k, _)| k.starts_with("budget.") || *k == "title")
        .map(|(k, v)| (k.clone(), v.value.clone()))
        .collect();
    let text: Vec<(String, String)> = whole
        .fields
        .iter()
        .filter(|(k, _)| !k.starts_with("budget."))
        .map(|(k, v)| (k.clone(), v.value.clone()))
        .collect();
    assert!(budget.len() >= 4 && text.len() >= 4);
    files.retain(|(p, _)| p != "set/proposal.docx");
    files.push((
        "set/proposal.docx".into(),
        vec![form_owned("proposal", 2, &text)],
    ));
    files.push((
        "set/proposal_budget.xlsx".into(),
        vec![form_owned("proposal", 3, &budget)],
    ));
    none(&files, "XD004");
}

#[test]
fn xd002_applicant_name_differs() {
    let mut files = base();
    set(
        &mut files,
        "security_report",
        "reporter.name",
        "株式会社サンプル総研",
    );
    let (path, d) = one(&files, "XD002");
    assert_eq!(path, "set/report.docx");
    assert!(d.related.is_some());
    well_formed(&d);
    for ok in ["（株）サンプル", "株式会社 サンプル", "㈱サンプル"] {
        set(&mut files, "security_report", "reporter.name", ok);
        none(&files, "XD002");
    }
}

#[test]
fn xd003_subcontract_amounts_disagree() {
    let mut files = base();
    set(
        &mut files,
        "subcontract_reason",
        "subcontractors[1].amount",
        "15,000,000",
    );
    // Keep SUB rules out of the way: only XD003 is asked here.
    let (path, d) = one(&files, "XD003");
    assert_eq!(path, "set/reason.docx");
    assert_eq!(d.related.as_deref(), Some("set/proposal.docx"));
    assert!(
        d.message.ja.contains("37,000,000円")
            && d.message.ja.contains("30,000千円")
            && d.message.ja.contains("33,000,000円"),
        "{}",
        d.message.ja
    );
    well_formed(&d);
    // Equal to Ⅲ without tax is accepted too, and a 再々委託先 row is not counted.
    set(
        &mut files,
        "subcontract_reason",
        "subcontractors[1].amount",
        "8,000,000",
    );
    none(&files, "XD003");
    set(
        &mut files,
        "subcontract_reason",
        "subcontractors[2].amount",
        "9,999,999",
    );
    none(&files, "XD003");
}

// ------------------------------------------------------------------ FMT

#[test]
fn fmt001_email() {
    let mut files = base();
    set(
        &mut files,
        "application",
        "contact.email",
        "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ",
    );
    let (_, d) = one(&files, "FMT001");
    let fix = d
        .fix
        .as_ref()
        .map(|f| (f.replacement.as_str(), f.applicability));
    assert_eq!(fix, Some(("hanako@example.co.jp", Applicability::Safe)));
    assert!(
        d.help
            .as_ref()
            .is_some_and(|h| h.ja.contains("hanako@example.co.jp"))
    );
    well_formed(&d);
    for bad in [
        "hanako.example.co.jp",
        "hanako@example",
        "hanako@@example.co.jp",
        "hanako@example.co.jp。",
    ] {
        set(&mut files, "application", "contact.email", bad);
        assert_eq!(run(&files, "FMT001").len(), 1, "{bad}");
    }
    for ok in [
        "hanako@example.co.jp",
        "h.suzuki+yoshiki@mail.example.go.jp",
    ] {
        set(&mut files, "application", "contact.email", ok);
        none(&files, "FMT001");
    }
}

#[test]
fn fmt002_phone() {
    let mut files = base();
    for ok in [
        "03-1234-5678",
        "0312345678",
        "(03)1234-5678",
        "090-1234-5678",
        "03-1234-5678（内線123）",
        "03-1234-5678 ext.45",
        "代表：03-1234-5678／直通：03-1234-5679",
        "+81-3-1234-5678",
    ] {
        set(&mut files, "application", "contact.phone", ok);
        none(&files, "FMT002");
    }
    // Full-width digits and dashes read as well as half-width ones.
    for ok in [
        "０３－１２３４－５６７８",
        "０２２－２１５－３４７０　内線１２３",
    ] {
        set(&mut files, "application", "contact.phone", ok);
        none(&files, "FMT002");
    }
    set(&mut files, "application", "contact.phone", "03-1234-567");
    let (_, d) = one(&files, "FMT002");
    assert_eq!(d.severity, Severity::Warning);
    well_formed(&d);
    for bad in ["03-1234-567", "1234-5678", "03-1234-5678 山田", "なし"] {
        set(&mut files, "application", "contact.phone", bad);
        let (_, d) = one(&files, "FMT002");
        assert!(d.fix.is_none(), "{bad}");
    }
}

#[test]
fn fmt003_impossible_or_future_dates() {
    let mut files = base();
    set(
        &mut files,
        "security_report",
        "contract.date",
        "令和７年２月３０日",
    );
    let (_, d) = one(&files, "FMT003");
    assert_eq!(d.field.as_deref(), Some("contract.date"));
    well_formed(&d);
    set(
        &mut files,
        "security_report",
        "contract.date",
        "令和０年４月１日",
    );
    assert_eq!(run(&files, "FMT003").len(), 1);
    // After --as-of (2026-11-21): a report cannot be dated in the future.
    set(
        &mut files,
        "security_report",
        "contract.date",
        "令和８年４月１日",
    );
    set(
        &mut files,
        "security_report",
        "date",
        "令和８年１１月２２日",
    );
    let (_, d) = one(&files, "FMT003");
    assert!(
        d.message.ja.contains("令和8年11月22日") && d.message.ja.contains("令和8年11月21日"),
        "{}",
        d.message.ja
    );
    set(
        &mut files,
        "security_report",
        "date",
        "令和８年１１月２１日",
    );
    none(&files, "FMT003");
    // A birth date on the roster.
    set(
        &mut files,
        "handler_roster",
        "handlers[0].birth_date",
        "平成２年２月３０日",
    );
    assert_eq!(run(&files, "FMT003").len(), 1);
}

#[test]
fn fmt004_amount_not_a_number() {
    let mut files = base();
    set(&mut files, "proposal", "budget.subcontract", "３万程度");
    let (_, d) = one(&files, "FMT004");
    assert_eq!(d.field.as_deref(), Some("budget.subcontract"));
    assert_eq!(d.severity, Severity::Error);
    well_formed(&d);
    // The sums skip what cannot be read rather than guess.
    none(&files, "SUM001");
    // 「約」: read as the figure (the sums use it), a warning to write it exactly.
    set(&mut files, "proposal", "budget.subcontract", "約30,000");
    let (_, d) = one(&files, "FMT004");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(fix_of(&d), Some("30,000"));
    well_formed(&d);
    // The extractor's own verdict is used.
    let mut files = base();
    let f = get(&mut files, "subcontract_reason");
    if let Some(fv) = f.fields.get_mut("subcontractors[0].amount") {
        fv.value = "未定".into();
        fv.normalized = None;
        fv.unnormalized = Some("「未定」は金額ではありません".into());
    }
    let (_, d) = one(&files, "FMT004");
    assert_eq!(d.field.as_deref(), Some("subcontractors[0].amount"));
    // Absurd figures are not numbers the sums can use (and cannot overflow them).
    let mut files = base();
    set(
        &mut files,
        "proposal",
        "budget.subtotal",
        "9,223,372,036,854,775",
    );
    set(
        &mut files,
        "proposal",
        "budget.consumption_tax",
        "9,223,372,036,854,775",
    );
    assert_eq!(run(&files, "FMT004").len(), 2);
    for code in ["SUM001", "SUM003", "SUM004", "SUB001"] {
        none(&files, code);
    }
    for ok in ["３０，０００", "30,000千円", "－"] {
        let mut files = base();
        set(&mut files, "proposal", "budget.subcontract", ok);
        none(&files, "FMT004");
    }
}

// ------------------------------------------------------------------ samples/manifest.json

/// The forms of one manifest file as the extractor is expected to produce
/// them (values, normalised values and locations from the manifest).
fn manifest_forms(entry: &serde_json::Value) -> Vec<ExtractedForm> {
    let mut out = Vec::new();
    let Some(forms) = entry["forms"].as_array() else {
        return out;
    };
    for f in forms {
        let id = f["form"].as_str().unwrap_or("");
        let mut fields = BTreeMap::new();
        if let Some(map) = entry["fields"][id].as_object() {
            for (k, v) in map {
                let loc: Location = location_from_json(&v["location"]);
                let mut fv = FieldValue::new(v["value"].as_str().unwrap_or(""), loc);
                if !v["normalized"].is_null() {
                    fv.normalized = Some(v["normalized"].clone());
                }
                fields.insert(k.clone(), fv);
            }
        }
        out.push(ExtractedForm {
            form: id.to_string(),
            template_version: f["template_version"].as_str().unwrap_or("").to_string(),
            similarity: 1.0,
            start: Location::default(),
            end: Location::default(),
            fields,
        });
    }
    out
}

/// A manifest (samples/manifest.json, tests/fixtures/rules/manifest.json):
/// as_of and the files by submission set.
struct Manifest {
    as_of: chrono::NaiveDate,
    sets: BTreeMap<String, Vec<(String, serde_json::Value)>>,
}

fn load_manifest(rel: &str) -> Manifest {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let as_of = chrono::NaiveDate::parse_from_str(v["as_of"].as_str().unwrap_or(""), "%Y-%m-%d")
        .unwrap_or_else(|e| panic!("{rel} as_of: {e}"));
    let mut sets: BTreeMap<String, Vec<(String, serde_json::Value)>> = BTreeMap::new();
    for (path, entry) in v["files"].as_object().into_iter().flatten() {
        sets.entry(entry["set"].as_str().unwrap_or("").to_string())
            .or_default()
            .push((path.clone(), entry.clone()));
    }
    Manifest { as_of, sets }
}

fn set_config(set: &str) -> Config {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = root.join(set).join("yoshiki.toml");
    if file.exists() {
        Config::load(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    } else {
        Config::default()
    }
}

/// Compare the planted findings of the field-rule codes with what was
/// found: same file, same code, same field where the manifest names one,
/// the planted severity and related file. Returns (matched, problems).
fn compare(
    members: &[(String, serde_json::Value)],
    found: &[(String, Diagnostic)],
) -> (usize, Vec<String>) {
    let mut problems = Vec::new();
    let mut matched = 0;
    let mut used = vec![false; found.len()];
    for (p, e) in members {
        for f in e["findings"].as_array().into_iter().flatten() {
            let code = f["code"].as_str().unwrap_or("");
            if !MY_CODES.contains(&code) {
                continue;
            }
            let field = f["field"].as_str();
            let hit = found.iter().enumerate().position(|(i, (fp, d))| {
                !used[i]
                    && fp == p
                    && d.code == code
                    && field.is_none_or(|fl| d.field.as_deref() == Some(fl))
            });
            let Some(i) = hit else {
                problems.push(format!(
                    "{p}: planted {code} {field:?} not raised ({})",
                    f["note"]
                ));
                continue;
            };
            used[i] = true;
            matched += 1;
            let d = &found[i].1;
            if f["severity"].as_str() != Some(d.severity.as_str()) {
                problems.push(format!(
                    "{p}: {code} severity {} (planted {})",
                    d.severity.as_str(),
                    f["severity"]
                ));
            }
            if let Some(rel) = f["related"]
                .as_array()
                .and_then(|r| r.first())
                .and_then(|r| r.as_str())
                && d.related.as_deref() != Some(rel)
            {
                problems.push(format!(
                    "{p}: {code} related {:?} (planted {rel})",
                    d.related
                ));
            }
        }
    }
    for (i, (p, d)) in found.iter().enumerate() {
        if !used[i] && MY_CODES.contains(&d.code) {
            problems.push(format!(
                "{p}: unplanted {} {:?}: {}",
                d.code, d.field, d.message.ja
            ));
        }
    }
    (matched, problems)
}

/// The field rules run on a set's forms as the manifest says they are
/// extracted (independent of the extractor).
fn rules_on_manifest_fields(
    members: &[(String, serde_json::Value)],
    config: &Config,
    as_of: chrono::NaiveDate,
) -> Vec<(String, Diagnostic)> {
    let submission: Vec<(String, Vec<ExtractedForm>)> = members
        .iter()
        .map(|(p, e)| (p.clone(), manifest_forms(e)))
        .collect();
    run_rules(&submission, config, Knowledge::builtin(), as_of, MY_CODES)
}

/// No problems, and at least `min_matched` planted findings matched.
fn assert_matched(rel: &str, matched: usize, problems: &[String], min_matched: usize) {
    assert!(
        problems.is_empty(),
        "{rel}: {matched} matched; problems:\n{}",
        problems.join("\n")
    );
    assert!(
        matched >= min_matched,
        "{rel}: only {matched} planted findings matched"
    );
}

fn assert_manifest_fields(rel: &str, min_matched: usize) {
    let m = load_manifest(rel);
    let mut problems = Vec::new();
    let mut matched = 0;
    for (set, members) in &m.sets {
        // A file listed without its fields (the blank seed) is only run end to end.
        if members.iter().any(|(_, e)| e.get("codes_listed").is_some()) {
            continue;
        }
        let found = rules_on_manifest_fields(members, &set_config(set), m.as_of);
        let (n, p) = compare(members, &found);
        matched += n;
        problems.extend(p);
    }
    assert_matched(rel, matched, &problems, min_matched);
}

/// Every submission set of a manifest checked from its files by the real
/// pipeline (read, recognise, extract, lint): the field-rule findings are
/// exactly the planted ones.
fn assert_manifest_files(rel: &str, min_matched: usize) {
    let m = load_manifest(rel);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut matched = 0;
    for (set, members) in &m.sets {
        let options = yoshiki::check::CheckOptions {
            as_of: m.as_of,
            ..Default::default()
        };
        let report = match yoshiki::check::check(&[root.join(set)], &options) {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("{set}: check failed: {e}"));
                continue;
            }
        };
        // Paths in the report are as given (absolute here); make them relative like the manifest's.
        let prefix = format!("{}/", root.display());
        let prefix = prefix.as_str();
        let found: Vec<(String, Diagnostic)> = report
            .files
            .iter()
            .flat_map(|f| {
                let path = f.path.strip_prefix(prefix).unwrap_or(&f.path).to_string();
                f.diagnostics.iter().map(move |d| {
                    let mut d = d.clone();
                    d.related = d
                        .related
                        .map(|r| r.strip_prefix(prefix).map(str::to_string).unwrap_or(r));
                    (path.clone(), d)
                })
            })
            .collect();
        let (n, p) = compare(members, &found);
        matched += n;
        problems.extend(p);
    }
    assert_matched(rel, matched, &problems, min_matched);
}

/// samples/manifest.json: on the expected extraction, the field rules raise
/// exactly the planted findings of their codes.
#[test]
fn manifest_sets_raise_exactly_the_planted_field_findings() {
    assert_manifest_fields("samples/manifest.json", 29);
}

/// tests/fixtures/rules (Excel and text variants): same, on the expected extraction.
#[test]
fn fixture_sets_raise_exactly_the_planted_field_findings() {
    assert_manifest_fields("tests/fixtures/rules/manifest.json", 13);
}

/// The bundled samples, end to end from the files.
#[test]
fn sample_files_end_to_end_raise_exactly_the_planted_field_findings() {
    assert_manifest_files("samples/manifest.json", 29);
}

/// The rule fixtures (xlsx, txt, the blank seed), end to end from the files.
#[test]
fn fixture_files_end_to_end_raise_exactly_the_planted_field_findings() {
    assert_manifest_files("tests/fixtures/rules/manifest.json", 27);
}
