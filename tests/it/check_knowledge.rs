//! The time-dependent knowledge (`schemas/knowledge/*.toml`): every entry's
//! own examples, as of several dates, and the chain of replacements.

use chrono::{Duration, NaiveDate};
use std::path::Path;
use yoshiki::knowledge::Knowledge;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const DATES: &[&str] = &[
    "2014-12-31",
    "2016-01-01",
    "2019-01-01",
    "2022-01-01",
    "2024-01-01",
    "2025-06-30",
    "2025-07-01",
    "2026-11-21",
    "2100-01-01",
];

#[test]
fn every_example_matches_its_entry_and_no_counter_example_does() {
    let k = Knowledge::builtin();
    assert!(k.phrases.len() >= 8, "{} entries", k.phrases.len());
    let far = date("2100-01-01");
    for e in &k.phrases {
        assert!(!e.examples_match.is_empty(), "{}", e.id);
        assert!(!e.source.title.trim().is_empty(), "{} has no source", e.id);
        for ex in &e.examples_match {
            let found = k.find_entry(e, ex, far);
            assert_eq!(found.len(), 1, "{}: example {ex:?} should match once", e.id);
            // The span is exact original text.
            assert_eq!(&ex[found[0].start..found[0].end], found[0].original);
        }
        for ex in &e.examples_no_match {
            assert!(
                k.find_entry(e, ex, far).is_empty(),
                "{}: {ex:?} must not match",
                e.id
            );
            // Nor any other entry of the same rule: the current wording never fires.
            assert!(
                k.find(&e.rule, ex, far).is_empty(),
                "{}: {ex:?} fires {:?}",
                e.id,
                k.find(&e.rule, ex, far)
                    .iter()
                    .map(|m| &m.entry.id)
                    .collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn entries_fire_only_from_their_date() {
    let k = Knowledge::builtin();
    for e in &k.phrases {
        for ex in &e.examples_match {
            for d in DATES
                .iter()
                .map(|d| date(d))
                .chain([e.outdated_from - Duration::days(1), e.outdated_from])
            {
                let fired = k.find(&e.rule, ex, d).iter().any(|m| m.entry.id == e.id);
                // A longer entry of the same rule may cover the span instead.
                let covered = k.find(&e.rule, ex, d).iter().any(|m| m.entry.id != e.id);
                if d < e.outdated_from {
                    assert!(
                        !fired,
                        "{} fired on {ex:?} as of {d}, before {}",
                        e.id, e.outdated_from
                    );
                } else {
                    assert!(
                        fired || covered,
                        "{} did not fire on {ex:?} as of {d}",
                        e.id
                    );
                }
            }
        }
    }
}

#[test]
fn replacement_is_what_is_current_at_the_date() {
    let k = Knowledge::builtin();
    let text = "「政府機関等の情報セキュリティ対策のための統一基準群（平成２８年度版）」";
    let at = |d: &str| {
        let m = k.find("VER001", text, date(d));
        assert_eq!(m.len(), 1, "as of {d}");
        m[0].replacement.clone()
    };
    assert!(k.find("VER001", text, date("2018-07-24")).is_empty());
    assert_eq!(at("2019-01-01"), "平成３０年度版");
    assert_eq!(at("2022-01-01"), "令和３年度版");
    assert_eq!(at("2024-01-01"), "令和５年度版");
    assert_eq!(at("2026-11-21"), "令和７年度版");
    // Organisations: the 2000s name chains to today's.
    let m = k.find(
        "VER002",
        "内閣官房情報セキュリティセンターが定める",
        date("2026-01-01"),
    );
    assert_eq!(m[0].replacement, "内閣官房国家サイバー統括室");
    let m = k.find(
        "VER002",
        "内閣官房情報セキュリティセンターが定める",
        date("2020-01-01"),
    );
    assert_eq!(m[0].replacement, "内閣官房内閣サイバーセキュリティセンター");
}

#[test]
fn overlapping_names_report_the_longest_once() {
    let k = Knowledge::builtin();
    let text = "内閣官房内閣サイバーセキュリティセンター（NISC）が実施する";
    let m = k.find("VER002", text, date("2026-01-01"));
    let ids: Vec<&str> = m.iter().map(|m| m.entry.id.as_str()).collect();
    assert_eq!(ids, vec!["nisc-cabinet-secretariat", "nisc-abbreviation"]);
    assert_eq!(m[0].original, "内閣官房内閣サイバーセキュリティセンター");
    assert_eq!(m[1].entry.fix, yoshiki::diag::Applicability::Unsafe);
}

#[test]
fn the_seed_report_is_caught_and_the_current_call_is_not() {
    let k = Knowledge::builtin();
    let as_of = date("2026-11-21");
    let old = "本業務全体における情報セキュリティの確保のため、「政府機関等のサイバーセキュ\n\nリティ対策のための統一基準」（令和５年度版）、「経済産業省情報セキュリティ管理\n\n規程」";
    assert_eq!(k.find("VER001", old, as_of).len(), 1);
    let old_org = "経済産業省又は内閣官房内閣サイバーセキュリティセンターが必要に応じて実施す";
    assert_eq!(k.find("VER002", old_org, as_of).len(), 1);
    let current = "「政府機関等のサイバーセキュリティ対策のための統一基準群（令和７年度版）」(以下「規程等」と総称する。)を遵守すること。\n3) 受注者は、当省又は内閣官房国家サイバー統括室が必要に応じて実施する";
    assert!(k.find("VER001", current, as_of).is_empty());
    assert!(k.find("VER002", current, as_of).is_empty());
}

#[test]
fn template_entries_are_consistent() {
    let k = Knowledge::builtin();
    assert!(!k.templates.is_empty());
    for t in &k.templates {
        assert_ne!(t.version, t.replacement, "{}", t.form);
        assert!(
            !t.changes.is_empty(),
            "{} {} lists no changed clauses",
            t.form,
            t.version
        );
    }
    assert_eq!(
        k.current_template_version("security_report", "r5", date("2026-01-01")),
        "r7"
    );
    assert_eq!(
        k.current_template_version("security_report", "r5", date("2025-01-01")),
        "r5"
    );
}

/// The rule table's codes, which knowledge files may name.
fn codes() -> Vec<&'static str> {
    yoshiki::rules::all().iter().map(|m| m.code).collect()
}

#[test]
fn the_builtin_files_name_only_known_rules() {
    let k = Knowledge::from_files(yoshiki::knowledge::BUILTIN_FILES.iter().copied(), &codes());
    assert!(k.is_ok(), "{:?}", k.err());
}

#[test]
fn the_directory_loads_like_the_builtin() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/knowledge");
    let k = Knowledge::load_dir(&dir, &codes()).unwrap();
    assert_eq!(k.phrases.len(), Knowledge::builtin().phrases.len());
    assert_eq!(k.templates.len(), Knowledge::builtin().templates.len());
    assert_eq!(k.contexts.len(), Knowledge::builtin().contexts.len());
}

#[test]
fn bad_knowledge_files_are_refused_with_the_reason() {
    let no_examples = r#"
[[entry]]
id = "x"
rule = "VER001"
name = "x"
phrases = ["令和５年度版"]
outdated_from = 2025-07-01
replacement = "令和７年度版"
source = { title = "t" }
"#;
    let e = Knowledge::from_files([("x.toml", no_examples)], &codes())
        .unwrap_err()
        .to_string();
    assert!(e.contains("examples_match"), "{e}");
    let unknown_field = no_examples.replace("name = \"x\"", "name = \"x\"\nnmae = \"y\"");
    let e = Knowledge::from_files([("x.toml", unknown_field.as_str())], &codes())
        .unwrap_err()
        .to_string();
    assert!(e.contains("nmae"), "{e}");
    let unknown_rule =
        no_examples.replace("VER001", "VER999") + "examples_match = [\"令和５年度版\"]\n";
    let e = Knowledge::from_files([("x.toml", unknown_rule.as_str())], &codes())
        .unwrap_err()
        .to_string();
    assert!(e.contains("VER999"), "{e}");
}

/// All mentions of the rules of a context in a whole text (lines split at
/// `\n`, as a text file is read).
fn mentions_of(k: &Knowledge, rules: &[String], text: &str) -> Vec<String> {
    let far = date("2100-01-01");
    rules
        .iter()
        .flat_map(|r| k.mentions(r, &[text], far))
        .map(|(_, m)| m.original)
        .collect()
}

#[test]
fn every_context_quiets_its_examples_and_reports_its_counter_examples() {
    let k = Knowledge::builtin();
    assert!(k.contexts.len() >= 4, "{} contexts", k.contexts.len());
    let far = date("2100-01-01");
    for c in &k.contexts {
        // This context alone does the work.
        let mut only = k.clone();
        only.contexts = vec![c.clone()];
        let mut none = k.clone();
        none.contexts.clear();
        for ex in &c.examples_quiet {
            let raw: usize = c.rules.iter().map(|r| k.find(r, ex, far).len()).sum();
            assert!(raw > 0, "{}: {ex:?} has no outdated wording at all", c.id);
            assert!(
                !mentions_of(&none, &c.rules, ex).is_empty(),
                "{}: {ex:?} is quiet even without contexts",
                c.id
            );
            assert_eq!(
                mentions_of(&only, &c.rules, ex),
                Vec::<String>::new(),
                "{}: {ex:?} must not be reported",
                c.id
            );
            // Nor with every context together.
            assert!(mentions_of(k, &c.rules, ex).is_empty(), "{}: {ex:?}", c.id);
        }
        for ex in &c.examples_report {
            assert!(
                !mentions_of(&only, &c.rules, ex).is_empty(),
                "{}: {ex:?} must still be reported",
                c.id
            );
        }
    }
}

#[test]
fn a_name_and_its_abbreviation_are_one_mention() {
    let k = Knowledge::builtin();
    let as_of = date("2026-01-01");
    let text =
        "受注者は、内閣官房内閣サイバーセキュリティセンター（NISC）が実施する監査に協力すること。";
    let m = k.mentions("VER002", &[text], as_of);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert_eq!(
        m[0].1.original,
        "内閣官房内閣サイバーセキュリティセンター（NISC）"
    );
    assert_eq!(&text[m[0].1.start..m[0].1.end], m[0].1.original);
    assert_eq!(m[0].1.entry.id, "nisc-cabinet-secretariat");
    assert_eq!(m[0].1.replacement, "内閣官房国家サイバー統括室");
    // The abbreviation's fix needs a person: so does the mention's.
    assert_eq!(m[0].1.fix, yoshiki::diag::Applicability::Unsafe);
    // Either order, half-width brackets, a space before the bracket.
    let m = k.mentions(
        "VER002",
        &["NISC (内閣サイバーセキュリティセンター) の監査"],
        as_of,
    );
    assert_eq!(m.len(), 1, "{m:#?}");
    assert_eq!(m[0].1.original, "NISC (内閣サイバーセキュリティセンター)");
    assert_eq!(m[0].1.entry.id, "nisc");
    // Two separate mentions stay two.
    let m = k.mentions(
        "VER002",
        &["内閣サイバーセキュリティセンター及びNISCの監査"],
        as_of,
    );
    assert_eq!(m.len(), 2);
    // A name alone keeps its safe fix.
    let m = k.mentions("VER002", &["内閣サイバーセキュリティセンターの監査"], as_of);
    assert_eq!(m[0].1.fix, yoshiki::diag::Applicability::Safe);
}

#[test]
fn history_and_citations_are_not_commitments() {
    let k = Knowledge::builtin();
    let as_of = date("2026-11-21");
    // The sentence of the issue: history, not a finding (it gave two).
    let history = "2015年1月、内閣サイバーセキュリティセンター（NISC）が設置された";
    assert_eq!(k.find("VER002", history, as_of).len(), 2);
    assert!(k.mentions("VER002", &[history], as_of).is_empty());
    // A reference list in a Word document: one paragraph per line.
    let units = [
        "６．参考文献",
        "内閣官房内閣サイバーセキュリティセンター「政府機関等のサイバーセキュリティ対策のための統一基準群（令和５年度版）」",
        "経済産業省「情報セキュリティ管理規程」",
    ];
    assert!(k.mentions("VER001", &units, as_of).is_empty());
    assert!(k.mentions("VER002", &units, as_of).is_empty());
    // The same wording as a commitment after the list is reported.
    let units = [
        "６．参考文献",
        "経済産業省「情報セキュリティ管理規程」",
        "【確認事項】",
        "統一基準群（令和５年度版）を遵守する。",
    ];
    let m = k.mentions("VER001", &units, as_of);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].0, 3);
    // A citation line.
    let cite = "政府機関等のサイバーセキュリティ対策のための統一基準群（令和５年度版）, 2023年";
    assert_eq!(k.find("VER001", cite, as_of).len(), 1);
    assert!(k.mentions("VER001", &[cite], as_of).is_empty());
    // The clause of the old template stays an error.
    let clause = "本業務全体における情報セキュリティの確保のため、「政府機関等のサイバーセキュリティ対策のための統一基準」（令和５年度版）、「経済産業省情報セキュリティ管理規程」（以下「規程等」と総称する。）に基づき、情報セキュリティ対策を講じなければならない。";
    assert_eq!(k.mentions("VER001", &[clause], as_of).len(), 1);
}

#[test]
fn bad_contexts_are_refused() {
    let base = r#"
[[context]]
id = "c"
rules = ["VER002"]
scope = "sentence"
kind = "pattern"
pattern = "(unclosed"
examples_quiet = ["x"]
"#;
    let e = Knowledge::from_files([("c.toml", base)], &codes())
        .unwrap_err()
        .to_string();
    assert!(e.contains("bad pattern"), "{e}");
    let e = Knowledge::from_files(
        [(
            "c.toml",
            base.replace("kind = \"pattern\"", "kind = \"heading\"")
                .replace("(unclosed", "x")
                .as_str(),
        )],
        &codes(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("words") || e.contains("section"), "{e}");
    let e = Knowledge::from_files(
        [("c.toml", base.replace("VER002", "VER999").as_str())],
        &codes(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("VER999"), "{e}");
}
