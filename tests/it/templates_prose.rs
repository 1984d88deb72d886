//! `learn` on real Word forms written as prose and numbered items (issue
//! 19): the blanks inside sentences, the totals whose label gives the
//! arithmetic, and the clauses under an item heading, each asserted by
//! code and place on the filled copies of `tests/fixtures/templates`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    crate::common::real_templates()
}

/// Learn `template` (under blank/) into a temporary folder.
fn learned(template: &str) -> tempfile::TempDir {
    crate::common::learn_real(template)
}

/// The diagnostics of `check --forms DEFS` on a filled copy.
fn diagnostics(defs: &Path, filled: &str) -> Vec<serde_json::Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args([
            "check",
            "--format",
            "json",
            "--as-of",
            "2026-12-01",
            "--forms",
        ])
        .arg(defs)
        .arg(fixtures().join("filled").join(filled))
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    json["files"][0]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The text of a diagnostic a person reads: message and place.
fn said(d: &serde_json::Value) -> String {
    format!(
        "{} {}",
        d["message"].as_str().unwrap_or(""),
        d["place"].as_str().unwrap_or("")
    )
}

/// The fields `extract --forms DEFS` reports for a filled copy: (path,
/// value, normalized value as text).
fn fields(defs: &Path, filled: &str) -> Vec<(String, String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["extract", "--format", "json", "--forms"])
        .arg(defs)
        .arg(fixtures().join("filled").join(filled))
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut v = Vec::new();
    for form in json["files"][0]["forms"].as_array().into_iter().flatten() {
        if let Some(map) = form["fields"].as_object() {
            for (k, f) in map {
                v.push((
                    k.clone(),
                    f["value"].as_str().unwrap_or("").to_string(),
                    f["normalized"].as_str().unwrap_or("").to_string(),
                ));
            }
        }
    }
    v
}

#[test]
fn an_altered_clause_is_named_by_the_item_it_stands_under() {
    let defs = learned("入管庁_雇用条件書.docx");
    let found = diagnostics(defs.path(), "入管庁_雇用条件書/tpl001_dismissal.docx");
    let tpl: Vec<String> = found
        .iter()
        .filter(|d| d["code"] == "TPL001")
        .map(said)
        .collect();
    // The clause is printed again in 別紙２ unchanged: that copy belongs
    // to the attachment, not to the form whose clause was changed.
    assert_eq!(tpl.len(), 1, "{tpl:?}");
    assert!(tpl[0].contains("２．解雇の事由及び手続"), "{tpl:?}");
    assert!(tpl[0].contains("14日前"), "{tpl:?}");
    let clean = diagnostics(defs.path(), "入管庁_雇用条件書/clean_a.docx");
    assert!(
        !clean.iter().any(|d| d["code"] == "TPL001"),
        "{:?}",
        clean.iter().map(said).collect::<Vec<_>>()
    );
}

#[test]
fn a_derived_amount_is_checked_by_the_arithmetic_of_its_label() {
    let defs = learned("入管庁_雇用条件書.docx");
    let found = diagnostics(defs.path(), "入管庁_雇用条件書/sum001_net.docx");
    let sums: Vec<String> = found
        .iter()
        .filter(|d| d["code"] == "SUM001")
        .map(said)
        .collect();
    assert_eq!(sums.len(), 1, "{sums:?}");
    assert!(sums[0].contains("５．手取り支給額（３－４）"), "{sums:?}");
    // 226,000 − 67,000 = 159,000 on the clean copies: no finding there.
    for clean in ["clean_a.docx", "clean_b.docx"] {
        let d = diagnostics(defs.path(), &format!("入管庁_雇用条件書/{clean}"));
        let errors: Vec<String> = d
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(said)
            .collect();
        assert!(errors.is_empty(), "{clean}: {errors:?}");
    }
}

#[test]
fn blanks_in_brackets_inside_a_line_are_read_one_by_one() {
    let defs = learned("入管庁_雇用条件書.docx");
    let got = fields(defs.path(), "入管庁_雇用条件書/clean_a.docx");
    let has = |v: &str| got.iter().any(|(_, x, _)| x == v);
    // 「(1) 始業　（　時　分）　終業　（　時　分）　（１日の所定労働時間数　時間　分）」
    for v in [
        "８時３０分",
        "１７時３０分",
        "８時間０分",
        "６０分",
        "２５％",
        "５０％",
    ] {
        assert!(has(v), "{v} not read alone: {got:?}");
    }
    // 「　　　　殿」: the one addressed; 「２．雇入れ時の健康診断　　年　　月」.
    for v in ["NGUYEN VAN AN", "令和９年１月"] {
        assert!(has(v), "{v} not read alone: {got:?}");
    }
    // 「（３－４）　　約　　円（合計）」: 約 is printed, not part of the value.
    assert!(has("１５９，０００"), "{got:?}");
    // 「１．雇用契約期間」 over 「（　　年　月　日　～　　年　月　日）…」.
    assert!(
        got.iter()
            .any(|(_, v, _)| v.contains("令和９年１月１日～令和９年１２月３１日")),
        "{got:?}"
    );
    // 「所在地　　　連絡先　　　」: two entries on one line.
    assert!(has("０５２－２６１－４８７０"), "{got:?}");
    // The 電話番号 line of a cell of several lines ends at its line.
    assert!(
        !got.iter()
            .any(|(_, x, _)| x.starts_with("０５２－２６１－４８７０") && x.contains("代表者")),
        "{got:?}"
    );
}

#[test]
fn a_line_of_printed_options_reads_the_one_ticked() {
    let defs = learned("入管庁_雇用条件書.docx");
    let got = fields(defs.path(), "入管庁_雇用条件書/clean_a.docx");
    let ticked: Vec<&str> = got.iter().map(|(_, _, n)| n.as_str()).collect();
    // 「２．契約の更新の有無」 over 「□自動的に更新する　■更新する場合があり得る　□…」,
    // 「６．賃金支払方法　■口座振込　□通貨払」.
    for want in ["更新する場合があり得る", "口座振込"] {
        assert!(ticked.contains(&want), "{want}: {ticked:?}");
    }
}

#[test]
fn a_party_and_a_signature_block_are_places_to_write() {
    // 「甲　　　　㊞　　　乙　　　」 closing the contract.
    let defs = learned("入管庁_特定技能雇用契約書.docx");
    let got = fields(defs.path(), "入管庁_特定技能雇用契約書/clean_a.docx");
    assert!(
        got.iter()
            .any(|(_, v, _)| v.starts_with("株式会社みどり精工　代表取締役　佐藤　健一")),
        "{got:?}"
    );
    // 「　　　　　特定技能所属機関の氏名又は名称」 pushed right at the end.
    let defs = learned("入管庁_特定技能所属機関概要書.docx");
    let got = fields(defs.path(), "入管庁_特定技能所属機関概要書/clean_a.docx");
    assert!(
        got.iter().any(|(_, v, _)| v == "株式会社みどり精工"),
        "{got:?}"
    );
    let clean = diagnostics(defs.path(), "入管庁_特定技能所属機関概要書/clean_a.docx");
    assert!(
        !clean.iter().any(|d| d["severity"] == "error"),
        "{:?}",
        clean.iter().map(said).collect::<Vec<_>>()
    );
}
