//! `migrate` on the samples' filled r5 report (docx, xlsx, txt): every
//! extracted field lands in the r7 template, item 15) is flagged (yellow
//! highlight + a comment on its 実施状況 cell), and nothing is dropped.
//!
//! The fields come from `samples/manifest.json` (the truth the extraction
//! is tested against); when the form extractor recognises the samples, the
//! fields are also extracted from the files themselves and from the new
//! report, and must be equal.

use crate::common::location_from_json;
use crate::write_support::*;
use serde_json::Value;
use std::collections::BTreeMap;
use yoshiki::forms::{FieldValue, extract_forms};
use yoshiki::model::{Block, Location};
use yoshiki::read::{Limits, read_bytes, read_path};
use yoshiki::write::migrate::{MigrateOptions, migrate_security_report};

const SAMPLES: [&str; 3] = [
    "samples/r5_report/別紙4_実施状況報告書.docx",
    "samples/r5_report/別紙4_実施状況報告書.xlsx",
    "samples/r5_report/別紙4_実施状況報告書.txt",
];

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The manifest's security_report fields of a sample file.
fn manifest_fields(file: &str) -> BTreeMap<String, FieldValue> {
    let m: Value =
        serde_json::from_slice(&std::fs::read(root().join("samples/manifest.json")).unwrap())
            .unwrap();
    let fields = &m["files"][file]["fields"]["security_report"];
    let mut out = BTreeMap::new();
    for (k, v) in fields.as_object().expect("fields in manifest") {
        let mut f = FieldValue::new(
            v["value"].as_str().unwrap_or(""),
            location_from_json(&v["location"]),
        );
        f.normalized = v.get("normalized").cloned();
        out.insert(k.clone(), f);
    }
    out
}

fn cell_text(doc: &yoshiki::model::Document, table: u32, row: u32, col: u32) -> Option<String> {
    let mut tables = Vec::new();
    fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a yoshiki::model::Table>) {
        for b in blocks {
            if let Block::Table(t) = b {
                out.push(t);
                for r in &t.rows {
                    for c in &r.cells {
                        walk(&c.blocks, out);
                    }
                }
            }
        }
    }
    walk(&doc.blocks, &mut tables);
    let t = tables
        .into_iter()
        .find(|t| t.location.table == Some(table))?;
    let r = t.rows.iter().find(|r| r.index == row)?;
    r.cells.iter().find(|c| c.col == col).map(|c| c.text())
}

#[test]
fn the_samples_r5_reports_migrate_with_every_field() {
    let limits = Limits::default();
    for sample in SAMPLES {
        let fields = manifest_fields(sample);
        assert_eq!(fields.len(), 45, "{sample}");
        let m = migrate_security_report(&fields, &MigrateOptions::default(), &limits).unwrap();
        assert!(m.not_placed.is_empty(), "{sample}: {:?}", m.not_placed);
        // Every non-empty field except the item numbers (the row carries
        // them) is placed.
        let expected = fields
            .iter()
            .filter(|(k, v)| !k.ends_with(".number") && !v.value.trim().is_empty())
            .count();
        assert_eq!(m.placed.len(), expected, "{sample}");
        assert_eq!(
            m.fresh_answers.iter().map(|c| c.item).collect::<Vec<_>>(),
            vec![15]
        );

        // The reader sees every value where the r7 template has it.
        let doc = read_bytes("new.docx", m.bytes.clone(), &limits).unwrap();
        let paras: Vec<String> = doc.paragraphs().iter().map(|p| p.text.clone()).collect();
        let v = |k: &str| fields[k].value.clone();
        assert!(paras.contains(&v("date")), "{paras:?}");
        assert!(paras.contains(&format!("{}　殿", v("addressee"))));
        assert!(paras.contains(&format!("住　　　　　所　{}", v("reporter.address"))));
        assert!(paras.contains(&format!("名　　　　　称　{}", v("reporter.name"))));
        assert!(paras.contains(&format!("代 表 者 氏 名　{}", v("reporter.representative"))));
        assert_eq!(
            cell_text(&doc, 1, 1, 2).as_deref(),
            Some(v("contract.date").as_str())
        );
        assert_eq!(
            cell_text(&doc, 1, 2, 2).as_deref(),
            Some(v("contract.title").as_str())
        );
        for i in 0..16 {
            let number = i as u32 + 2;
            let mut want = v(&format!("items[{i}].status"));
            if let Some(d) = fields.get(&format!("items[{i}].detail")) {
                want.push('\n');
                want.push_str(&d.value);
            }
            assert_eq!(
                cell_text(&doc, 2, number, 3).as_deref(),
                Some(want.as_str()),
                "{sample} item {number}"
            );
        }
        // Item 15) carries a comment on its 実施状況 cell, nothing else does.
        let comments = &doc.package.as_ref().unwrap().comments;
        assert_eq!(comments.len(), 1);
        let a = comments[0].anchor.as_ref().unwrap();
        assert_eq!((a.table, a.row, a.col), (Some(2), Some(15), Some(3)));
        assert!(comments[0].text.contains("要再回答"));
        assert_eq!(comments[0].author.as_deref(), Some("yoshiki"));

        // What the form extractor reads from the new report equals what
        // it reads from the old one (once it recognises the samples).
        let old_doc = read_path(&root().join(sample), &limits).unwrap();
        let old = extract_forms(&old_doc)
            .into_iter()
            .find(|f| f.form == "security_report");
        match old {
            None => println!(
                "SKIPPED field comparison for {sample}: the form extractor does not recognise it yet"
            ),
            Some(old) => {
                let new = extract_forms(&doc)
                    .into_iter()
                    .find(|f| f.form == "security_report")
                    .expect("the new report is recognised");
                assert_eq!(new.template_version, "r7");
                for (k, f) in &old.fields {
                    if k.ends_with(".number") {
                        continue;
                    }
                    let want = Some(f.value.trim()).filter(|v| !v.is_empty());
                    assert_eq!(new.text(k), want, "{sample}: {k}");
                }
            }
        }

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("別紙_報告書.docx");
        std::fs::write(&path, &m.bytes).unwrap();
        if let Some(text) = python(
            &["docx"],
            "import sys, docx\nd = docx.Document(sys.argv[1])\nprint(d.tables[1].cell(14, 2).text.split('\\n')[0], len(d.comments))",
            &[path.to_str().unwrap()],
        ) {
            assert_eq!(text.trim(), format!("{} 1", v("items[13].status")));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let m = migrate_security_report(
        &manifest_fields(SAMPLES[0]),
        &MigrateOptions::default(),
        &limits,
    )
    .unwrap();
    let path = dir.path().join("migrated.docx");
    std::fs::write(&path, &m.bytes).unwrap();
    soffice_to_pdf(&path);
}

#[test]
fn english_comments_and_unplaceable_fields_are_reported() {
    let mut fields = manifest_fields(SAMPLES[0]);
    fields.insert(
        "items[20].status".into(),
        FieldValue::new("実施", Location::default()),
    );
    fields.insert(
        "remarks".into(),
        FieldValue::new("別途協議", Location::default()),
    );
    let opts = MigrateOptions {
        lang: yoshiki::diag::Lang::En,
        ..MigrateOptions::default()
    };
    let m = migrate_security_report(&fields, &opts, &Limits::default()).unwrap();
    let np: Vec<&str> = m.not_placed.iter().map(|n| n.field.as_str()).collect();
    assert_eq!(np, vec!["items[20].status", "remarks"]);
    let doc = read_bytes("new.docx", m.bytes, &Limits::default()).unwrap();
    assert!(
        doc.package.unwrap().comments[0]
            .text
            .starts_with("[answer again] item 15)")
    );
}
