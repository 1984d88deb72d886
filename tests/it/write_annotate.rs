//! `annotate` on every sample with findings: each finding of `check` comes
//! back, read by yoshiki's own reader, as a comment / note by "yoshiki"
//! anchored where the finding is (paragraph or table cell; sheet cell),
//! or on the first paragraph / A1 when it has no place a comment can sit.

use crate::write_support::*;
use std::path::{Path, PathBuf};
use yoshiki::check::{CheckOptions, check};
use yoshiki::diag::{Diagnostic, Lang};
use yoshiki::model::Location;
use yoshiki::read::{Limits, read_bytes};
use yoshiki::write::annotate::{AnnotateOptions, annotate, can_annotate, note_text};

fn sets() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut out = vec![root.join("r5_report")];
    let mut m: Vec<PathBuf> = std::fs::read_dir(root.join("mistakes"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    m.sort();
    out.extend(m);
    out
}

/// Where Word can carry a comment for this finding.
fn word_anchor(loc: &Option<Location>) -> Option<Location> {
    let l = loc.as_ref()?;
    if l.part.as_deref().is_some_and(|p| p != "word/document.xml") {
        return None;
    }
    if l.table.is_some() || l.paragraph.is_some() {
        Some(l.clone())
    } else {
        None
    }
}

#[test]
fn every_finding_of_the_mistake_samples_is_read_back_where_it_is() {
    let limits = Limits::default();
    let options = CheckOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        ..CheckOptions::default()
    };
    let (mut files, mut findings, mut precise) = (0, 0, 0);
    let mut refused = Vec::new();
    for set in sets() {
        let report = check(std::slice::from_ref(&set), &options).unwrap();
        for f in &report.files {
            if f.diagnostics.is_empty() {
                continue;
            }
            let bytes = std::fs::read(&f.path).unwrap();
            let Ok(doc) = read_bytes(&f.path, bytes.clone(), &limits) else {
                refused.push(f.path.clone());
                continue;
            };
            if !can_annotate(doc.format) {
                refused.push(f.path.clone());
                continue;
            }
            let diags: &[Diagnostic] = &f.diagnostics;
            let (out, placed) = annotate(
                &bytes,
                doc.format,
                diags,
                &AnnotateOptions::default(),
                &limits,
            )
            .unwrap_or_else(|e| panic!("{}: {e}", f.path));
            let back = read_bytes(&f.path, out.clone(), &limits).unwrap();
            let comments = &back.package.as_ref().unwrap().comments;
            let before = doc.package.as_ref().map_or(0, |p| p.comments.len());
            let ours: Vec<_> = comments
                .iter()
                .filter(|c| c.author.as_deref() == Some("yoshiki"))
                .collect();
            if doc.format.is_word() {
                assert_eq!(comments.len(), before + diags.len(), "{}", f.path);
                assert_eq!(ours.len(), diags.len(), "{}", f.path);
                for (i, d) in diags.iter().enumerate() {
                    let c = ours[i];
                    assert!(
                        c.text.starts_with(
                            &note_text(d, Lang::Ja).lines().next().unwrap().to_string()
                        ),
                        "{}: {}",
                        f.path,
                        c.text
                    );
                    let got = c
                        .anchor
                        .clone()
                        .unwrap_or_else(|| panic!("{}: comment {i} without anchor", f.path));
                    match word_anchor(&d.location) {
                        Some(want) => {
                            precise += 1;
                            if want.table.is_some() && want.row.is_some() {
                                assert_eq!(
                                    (got.table, got.row, got.col),
                                    (want.table, want.row, want.col),
                                    "{}: {} at {:?}",
                                    f.path,
                                    d.code,
                                    want
                                );
                            } else if want.paragraph.is_some() {
                                assert_eq!(got.paragraph, want.paragraph, "{}: {}", f.path, d.code);
                            } else {
                                assert_eq!(got.table, want.table, "{}: {}", f.path, d.code);
                            }
                        }
                        None => assert!(
                            placed[i].fallback
                                || d.location.as_ref().is_some_and(|l| l.table.is_some()),
                            "{}: {}",
                            f.path,
                            d.code
                        ),
                    }
                }
            } else {
                // Notes: one per cell, all findings of the cell in it.
                for (i, d) in diags.iter().enumerate() {
                    let first_line = note_text(d, Lang::Ja).lines().next().unwrap().to_string();
                    let (sheet, cell) = (
                        placed[i].location.sheet.clone(),
                        placed[i].location.cell.clone(),
                    );
                    let hit = ours.iter().any(|c| {
                        c.text.contains(&first_line)
                            && c.anchor
                                .as_ref()
                                .is_some_and(|a| a.sheet == sheet && a.cell == cell)
                    });
                    assert!(
                        hit,
                        "{}: {} not read back at {sheet:?}!{cell:?}",
                        f.path, d.code
                    );
                    if let Some(l) = &d.location
                        && l.cell.is_some()
                    {
                        precise += 1;
                        assert_eq!((&sheet, &cell), (&l.sheet, &l.cell));
                    }
                }
            }
            // Only the comment parts, the body / sheets that carry the
            // anchors, relationships and content types may change.
            let changed: Vec<String> = raw_entries(&bytes)
                .into_iter()
                .filter(|e| {
                    let n = &e.name;
                    n == "word/document.xml"
                        || n.contains("comments")
                        || n.ends_with(".rels")
                        || n == "[Content_Types].xml"
                        || n.starts_with("xl/worksheets/sheet")
                        || n.ends_with(".vml")
                })
                .map(|e| e.name)
                .collect();
            let changed: Vec<&str> = changed.iter().map(|s| s.as_str()).collect();
            assert_untouched_identical(&bytes, &out, &changed);
            files += 1;
            findings += diags.len();
        }
    }
    println!(
        "{files} files, {findings} findings attached and read back ({precise} at a precise place); not annotatable: {refused:?}"
    );
    assert!(files >= 20, "only {files} files");
    // Only text files (no comments possible) and the unreadable / legacy
    // samples are refused.
    for r in &refused {
        assert!(
            r.ends_with(".doc") || r.ends_with(".txt") || r.contains("mistakes/files/"),
            "{r} refused"
        );
    }
}

/// The annotated copy opens in python-docx / openpyxl and LibreOffice.
#[test]
fn annotated_samples_open_elsewhere() {
    let limits = Limits::default();
    let options = CheckOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        ..CheckOptions::default()
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mistakes");
    let dir = tempfile::tempdir().unwrap();
    for (set, file) in [
        ("hygiene", "01_様式1_申請書.docx"),
        ("roster", "04_情報取扱者名簿.docx"),
        ("files", "04_情報取扱者名簿.xlsx"),
        ("report_items", "05_実施状況報告書.docx"),
    ] {
        let path = root.join(set).join(file);
        if !path.exists() {
            continue;
        }
        let report = check(std::slice::from_ref(&path), &options).unwrap();
        let diags: Vec<Diagnostic> = report
            .files
            .into_iter()
            .flat_map(|f| f.diagnostics)
            .collect();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(doc) = read_bytes("x", bytes.clone(), &limits) else {
            continue;
        };
        if !can_annotate(doc.format) {
            continue;
        }
        let (out, _) = annotate(
            &bytes,
            doc.format,
            &diags,
            &AnnotateOptions::default(),
            &limits,
        )
        .unwrap();
        let target = dir.path().join(file);
        std::fs::write(&target, &out).unwrap();
        let module = if doc.format.is_word() {
            "docx"
        } else {
            "openpyxl"
        };
        let script = if doc.format.is_word() {
            "import sys, docx\nd = docx.Document(sys.argv[1])\nprint(sum(1 for c in d.comments if c.author == 'yoshiki'))"
        } else {
            "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nprint(sum(1 for ws in wb for r in ws.iter_rows() for c in r if c.comment and 'yoshiki' in c.comment.text))"
        };
        if let Some(n) = python(&[module], script, &[target.to_str().unwrap()]) {
            let n: usize = n.trim().parse().unwrap();
            assert!(n >= 1 && n <= diags.len(), "{file}: {n} of {}", diags.len());
        }
        soffice_to_pdf(&target);
    }
}
