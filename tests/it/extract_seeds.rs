//! The two seed texts, read as they are through `yoshiki::read_path`, are
//! recognised and extracted.

use crate::common::value;
use std::path::Path;
use yoshiki::forms::{ExtractedForm, extract_forms};
use yoshiki::{Limits, read_path};

const SEED_CALL: &str = "/work/shared/seeds/000_a299074ad7f5a527.txt";
const SEED_OLD_REPORT: &str = "/work/shared/seeds/002_8c41c438c62bc443.txt";

fn forms_of(path: &str) -> Option<Vec<ExtractedForm>> {
    let p = Path::new(path);
    if !p.exists() {
        // The seeds live outside the repository; a checkout without them
        // cannot run these tests.
        eprintln!("skipping: {path} not present");
        return None;
    }
    let doc = read_path(p, &Limits::default()).expect("seed readable");
    Some(extract_forms(&doc))
}

#[test]
fn call_document_holds_six_forms_in_order() {
    let Some(forms) = forms_of(SEED_CALL) else {
        return;
    };
    let got: Vec<(&str, &str)> = forms
        .iter()
        .map(|f| (f.form.as_str(), f.template_version.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("application", "r8"),
            ("proposal", "r8"),
            ("subcontract_reason", "r8"),
            ("handler_roster", "r8"),
            ("security_terms", "r7"),
            ("security_report", "r7"),
        ]
    );
    for f in &forms {
        assert!(
            f.similarity >= 0.9,
            "{} similarity {}",
            f.form,
            f.similarity
        );
    }
    // Extents follow each other: each form starts where the text says.
    let starts: Vec<Option<u32>> = forms.iter().map(|f| f.start.line).collect();
    assert_eq!(
        starts,
        [
            Some(1),
            Some(48),
            Some(128),
            Some(273),
            Some(366),
            Some(462)
        ]
    );
    let ends: Vec<Option<u32>> = forms.iter().map(|f| f.end.line).collect();
    assert_eq!(
        ends,
        [
            Some(43),
            Some(122),
            Some(270),
            Some(365),
            Some(457),
            Some(609)
        ]
    );
}

#[test]
fn blank_template_fields_are_present_with_their_cells() {
    let Some(forms) = forms_of(SEED_CALL) else {
        return;
    };
    let app = &forms[0];
    assert_eq!(
        value(app, "title"),
        "令和８年度地域中小企業人材確保支援等調査・分析（中小企業・小規模事業者における人材活躍の好循環創出プラットフォーム（仮称）構築及び人材活用ガイドライン改訂支援事業）"
    );
    assert_eq!(value(app, "addressee"), "中小企業庁");
    for path in [
        "reception_number",
        "applicant.name",
        "applicant.representative",
        "applicant.address",
        "contact.name",
        "contact.name_kana",
        "contact.department",
        "contact.position",
        "contact.phone",
        "contact.email",
    ] {
        assert_eq!(value(app, path), "", "{path}");
    }
    // The blank value cell of 企業・団体名 is the third cell of its row,
    // on line 15.
    let name = app.fields.get("applicant.name").expect("applicant.name");
    assert_eq!(
        serde_json::to_value(&name.location).ok(),
        Some(serde_json::json!({"line": 15}))
    );
    // 電話番号 is split over two lines in the export; its value cell follows.
    let phone = app.fields.get("contact.phone").expect("contact.phone");
    assert_eq!(phone.location.line, Some(40));

    let prop = &forms[1];
    assert_eq!(value(prop, "budget.unit"), "千円");
    for path in [
        "implementation_method",
        "schedule",
        "track_record",
        "organization",
        "information_management",
    ] {
        assert_eq!(value(prop, path), "", "{path} keeps only template guidance");
    }
    assert_eq!(
        prop.list_len("wlb_certifications"),
        0,
        "the guidance names certifications but none is claimed"
    );
    for path in [
        "budget.personnel",
        "budget.travel",
        "budget.subtotal",
        "budget.total",
    ] {
        let f = prop.fields.get(path).expect(path);
        assert_eq!(f.value, "", "{path}");
        assert!(f.normalized.is_none());
    }
    assert_eq!(
        prop.fields
            .get("budget.travel")
            .and_then(|f| f.location.line),
        Some(109)
    );
}

#[test]
fn template_examples_of_the_reason_form_are_extracted() {
    let Some(forms) = forms_of(SEED_CALL) else {
        return;
    };
    let r = &forms[2];
    assert!(value(r, "title").starts_with("令和８年度地域中小企業人材確保支援等調査・分析"));
    assert_eq!(value(r, "business_type"), "");
    assert!(value(r, "main_work").starts_with("＜記載例＞\n本事業における主要な業務は"));
    let ratio = r.fields.get("subcontract_ratio").expect("ratio");
    assert_eq!(ratio.value, "●●．●％");
    assert!(ratio.unnormalized.is_some());
    assert_eq!(
        r.list_len("subcontractors"),
        4,
        "four example rows; the spare blank row is not an entry"
    );
    assert_eq!(value(r, "subcontractors[1].name"), "【例】○○（株）");
    assert_eq!(
        r.fields
            .get("subcontractors[1].amount")
            .and_then(|f| f.as_i64()),
        Some(20_000_000)
    );
    assert_eq!(
        r.fields
            .get("subcontractors[1].ratio")
            .and_then(|f| f.as_f64()),
        Some(40.0)
    );
    assert_eq!(value(r, "subcontractors[1].selection_method"), "一者選定");
    assert!(
        value(r, "subcontractors[1].selection_reason").starts_with("理由：〇〇（株）については")
    );
    let tiers: Vec<Option<&str>> = (0..4)
        .map(|i| {
            r.fields
                .get(&format!("subcontractors[{i}].tier"))
                .and_then(|f| f.normalized.as_ref())
                .and_then(|v| v.as_str())
        })
        .collect();
    assert_eq!(
        tiers,
        [
            Some("subcontractor"),
            Some("subcontractor"),
            Some("sub_subcontractor"),
            Some("sub_subcontractor")
        ]
    );
    let third_ratio = r.fields.get("subcontractors[2].ratio").expect("ratio");
    assert_eq!(
        (third_ratio.value.as_str(), third_ratio.normalized.is_none()),
        ("＿", true)
    );
    assert!(value(r, "reasons").starts_with("＜記載例＞"));
    assert!(
        !value(r, "reasons").contains("開示請求"),
        "closing notes are guidance"
    );

    let roster = &forms[3];
    assert_eq!(
        roster.list_len("handlers"),
        0,
        "template rows with only role and letter are spare"
    );
    assert_eq!(value(roster, "diagram"), "（例）情報取扱者");
}

#[test]
fn current_report_items_two_to_seventeen() {
    let Some(forms) = forms_of(SEED_CALL) else {
        return;
    };
    let rep = &forms[5];
    assert_eq!(rep.list_len("items"), 16);
    let numbers: Vec<i64> = (0..16)
        .filter_map(|i| {
            rep.fields
                .get(&format!("items[{i}].number"))
                .and_then(|f| f.as_i64())
        })
        .collect();
    assert_eq!(numbers, (2..=17).collect::<Vec<i64>>());
    assert_eq!(value(rep, "items[3].number"), "５）");
    let status = rep.fields.get("items[3].status").expect("status");
    assert_eq!(status.value, "");
    assert_eq!(
        status.location.line,
        Some(511),
        "the blank 実施状況 cell of item ５）"
    );
    let date = rep.fields.get("date").expect("date");
    assert_eq!(date.value, "令和    年    月     日");
    assert!(
        date.unnormalized.is_some(),
        "an incomplete date is not normalised"
    );
    assert_eq!(value(rep, "addressee"), "中小企業庁長官官房総務課長");
    for path in [
        "reporter.address",
        "reporter.name",
        "reporter.representative",
        "contract.date",
        "contract.title",
    ] {
        assert_eq!(value(rep, path), "", "{path}");
    }
}

#[test]
fn old_report_from_pdf_text_is_r5() {
    let Some(forms) = forms_of(SEED_OLD_REPORT) else {
        return;
    };
    assert_eq!(forms.len(), 1);
    let rep = &forms[0];
    assert_eq!(
        (rep.form.as_str(), rep.template_version.as_str()),
        ("security_report", "r5")
    );
    assert!(rep.similarity >= 0.9);
    assert_eq!(rep.start.line, Some(1), "starts at 別紙４");
    assert_eq!(value(rep, "addressee"), "経済産業省○○○課長");
    assert_eq!(rep.list_len("items"), 16, "every item despite broken lines");
    let numbers: Vec<i64> = (0..16)
        .filter_map(|i| {
            rep.fields
                .get(&format!("items[{i}].number"))
                .and_then(|f| f.as_i64())
        })
        .collect();
    assert_eq!(numbers, (2..=17).collect::<Vec<i64>>());
    // ８） stands in the middle of a clause line.
    let eight = rep.fields.get("items[6].number").expect("item 8");
    assert_eq!(
        (eight.value.as_str(), eight.location.line),
        ("８）", Some(152))
    );
}
