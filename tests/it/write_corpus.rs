//! The writers against the real-world corpus (`../shared/corpus/`, skipped
//! when absent): the writer's paragraph numbering and text must agree with
//! the reader's (so `fix` and `annotate` touch the place `check` reports),
//! and annotating any readable file must give a file the reader reads back
//! with the comment where it was put, every other part byte-identical.

use crate::write_support::*;
use std::path::{Path, PathBuf};
use yoshiki::diag::{Diagnostic, Text};
use yoshiki::model::{Container, Document, Location};
use yoshiki::read::{Limits, read_bytes};
use yoshiki::write::annotate::{AnnotateOptions, Annotation, annotate};
use yoshiki::write::docx_scan;
use yoshiki::write::package::Package;

fn corpus_files(ext: &[&str]) -> Option<Vec<PathBuf>> {
    let root = crate::common::corpus("")?;
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| ext.contains(&x.to_ascii_lowercase().as_str()))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    Some(out)
}

#[test]
fn paragraph_numbering_and_text_agree_with_the_reader() {
    let Some(files) = corpus_files(&["docx"]) else {
        return;
    };
    let limits = Limits::default();
    let (mut compared, mut paras, mut mismatches) = (0, 0, Vec::new());
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let Ok(doc) = read_bytes(&f.display().to_string(), bytes.clone(), &limits) else {
            continue;
        };
        let Ok(pkg) = Package::parse(bytes, &limits) else {
            mismatches.push(format!(
                "{}: reader reads it, writer cannot parse the zip",
                f.display()
            ));
            continue;
        };
        let Ok(xml) = pkg.read_string("word/document.xml") else {
            continue;
        };
        let scan = match docx_scan::scan(&xml, "word/document.xml", limits.max_xml_depth) {
            Ok(s) => s,
            Err(e) => {
                mismatches.push(format!(
                    "{}: reader reads it, scanner fails: {e}",
                    f.display()
                ));
                continue;
            }
        };
        compared += 1;
        for p in doc.paragraphs() {
            if p.location.part.as_deref() != Some("word/document.xml") {
                continue;
            }
            let Some(n) = p.location.paragraph else {
                continue;
            };
            paras += 1;
            match scan.para(n) {
                Some(s) if s.text == p.text => {
                    // Same cell too.
                    let cell = s
                        .cell
                        .and_then(|c| scan.cells.get(c))
                        .map(|c| (c.table, c.row, c.col));
                    let rcell = p
                        .location
                        .table
                        .map(|t| (t, p.location.row.unwrap_or(0), p.location.col.unwrap_or(0)));
                    if cell != rcell && p.container == Container::Body {
                        mismatches.push(format!(
                            "{} ¶{n}: cell {cell:?} vs reader {rcell:?}",
                            f.display()
                        ));
                    }
                }
                Some(s) => mismatches.push(format!(
                    "{} ¶{n}: {:?} vs reader {:?}",
                    f.display(),
                    s.text,
                    p.text
                )),
                None => mismatches.push(format!("{} ¶{n}: missing in scan", f.display())),
            }
        }
    }
    println!(
        "compared {paras} paragraphs in {compared} documents; {} mismatches",
        mismatches.len()
    );
    for m in mismatches.iter().take(40) {
        println!("  {m}");
    }
    assert!(compared > 100, "too few documents compared: {compared}");
    assert!(mismatches.is_empty(), "{} mismatches", mismatches.len());
}

fn finding(code: &'static str, loc: Option<Location>) -> Diagnostic {
    let d = Diagnostic::new(code, Text::new("テストの指摘", "test finding"));
    match loc {
        Some(l) => d.location(l),
        None => d,
    }
}

/// Annotates the corpus file `f` (read as `doc`) with `diags` and reads the
/// result back as `name`; on failure, the failure line.
fn annotate_and_read_back(
    f: &Path,
    name: &str,
    bytes: &[u8],
    doc: &Document,
    diags: &[Diagnostic],
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<Annotation>, Document), String> {
    let (out, placed) = annotate(
        bytes,
        doc.format,
        diags,
        &AnnotateOptions::default(),
        limits,
    )
    .map_err(|e| format!("{}: {e}", f.display()))?;
    let back = read_bytes(name, out.clone(), limits)
        .map_err(|e| format!("{}: annotated file unreadable: {e}", f.display()))?;
    Ok((out, placed, back))
}

/// Annotate every readable corpus document on paragraph 1, a table cell, a
/// text-box paragraph, a header and nowhere; the reader must read back
/// every comment with the expected anchor, and every other part must be
/// byte-identical.
#[test]
fn annotating_every_readable_docx_round_trips() {
    let Some(files) = corpus_files(&["docx"]) else {
        return;
    };
    let limits = Limits::default();
    let (mut done, mut comments_checked) = (0, 0);
    let mut failures = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let Ok(doc) = read_bytes("in.docx", bytes.clone(), &limits) else {
            continue;
        };
        let paras = doc.paragraphs();
        let Some(first) = paras
            .iter()
            .find(|p| p.location.part.as_deref() == Some("word/document.xml"))
        else {
            continue;
        };
        let mut diags = vec![finding("PH001", Some(first.location.clone()))];
        let mut expect: Vec<Option<Location>> = vec![Some(first.location.clone())];
        if let Some(cell_para) = paras
            .iter()
            .find(|p| p.location.table.is_some() && p.container == Container::Body)
        {
            let mut l = cell_para.location.clone();
            l.paragraph = None;
            diags.push(finding("REQ001", Some(l.clone())));
            expect.push(Some(l));
        }
        if let Some(tb) = paras.iter().find(|p| p.container == Container::TextBox) {
            diags.push(finding("PH001", Some(tb.location.clone())));
            expect.push(None); // moved to the anchoring paragraph
        }
        diags.push(finding(
            "SEC006",
            Some(Location::in_part("word/header1.xml")),
        ));
        expect.push(None);
        diags.push(finding("SEC001", None));
        expect.push(None);
        let (out, placed, back) =
            match annotate_and_read_back(f, "out.docx", &bytes, &doc, &diags, &limits) {
                Ok(x) => x,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
        let before = doc.package.as_ref().map_or(0, |p| p.comments.len());
        let pkg = back.package.as_ref().unwrap();
        let ours: Vec<_> = pkg
            .comments
            .iter()
            .filter(|c| c.author.as_deref() == Some("yoshiki"))
            .collect();
        if pkg.comments.len() != before + diags.len() || ours.len() != diags.len() {
            failures.push(format!(
                "{}: {} comments read back, expected {} + {}",
                f.display(),
                pkg.comments.len(),
                before,
                diags.len()
            ));
            continue;
        }
        for (i, want) in expect.iter().enumerate() {
            let id = placed[i].location.clone();
            let got = ours[i].anchor.clone();
            let ok = match want {
                Some(w) if w.paragraph.is_some() => {
                    got.as_ref().and_then(|g| g.paragraph) == w.paragraph
                }
                Some(w) => got
                    .as_ref()
                    .is_some_and(|g| (g.table, g.row, g.col) == (w.table, w.row, w.col)),
                None => got.is_some(),
            };
            if !ok {
                failures.push(format!(
                    "{} comment {i}: anchor {got:?}, wanted {want:?} (placed {id:?})",
                    f.display()
                ));
            }
            comments_checked += 1;
        }
        let changed = [
            "word/document.xml",
            "word/comments.xml",
            "word/_rels/document.xml.rels",
            "[Content_Types].xml",
        ];
        let mut changed: Vec<&str> = changed.to_vec();
        let existing_part = Package::parse(bytes.clone(), &limits).ok().and_then(|p| {
            p.entries()
                .iter()
                .find(|e| e.name.contains("comments"))
                .map(|e| e.name.clone())
        });
        if let Some(p) = &existing_part {
            changed.push(p);
        }
        assert_untouched_identical(&bytes, &out, &changed);
        done += 1;
    }
    println!(
        "annotated {done} documents, {comments_checked} comments read back with the expected anchor"
    );
    for m in failures.iter().take(30) {
        println!("  {m}");
    }
    assert!(done > 100);
    assert!(failures.is_empty(), "{} failures", failures.len());
}

/// Notes on A1 and on the first non-empty cell of every sheet of every
/// readable corpus workbook; the reader reads them back on those cells.
#[test]
fn annotating_every_readable_xlsx_round_trips() {
    let Some(files) = corpus_files(&["xlsx", "xlsm"]) else {
        return;
    };
    let limits = Limits::default();
    let (mut done, mut notes) = (0, 0);
    let mut failures = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let Ok(doc) = read_bytes("in.xlsx", bytes.clone(), &limits) else {
            continue;
        };
        // Where the reader cannot read a workbook's notes at all (it says
        // so in a note), ours cannot be read back either.
        if doc
            .notes
            .iter()
            .any(|n| n.message.contains("comments not read"))
        {
            println!(
                "not checked (the reader cannot read its notes): {}",
                f.display()
            );
            continue;
        }
        let mut diags = Vec::new();
        let mut want = Vec::new();
        for b in &doc.blocks {
            let yoshiki::model::Block::Table(t) = b else {
                continue;
            };
            let Some(sheet) = t.location.sheet.clone() else {
                continue;
            };
            diags.push(finding(
                "REQ001",
                Some(Location::sheet_cell(sheet.clone(), "A1")),
            ));
            want.push((sheet.clone(), "A1".to_string()));
            if let Some(c) = t
                .rows
                .iter()
                .flat_map(|r| r.cells.iter())
                .find(|c| c.location.cell.as_deref() != Some("A1"))
                && let Some(cell) = &c.location.cell
            {
                diags.push(finding("FMT004", Some(c.location.clone())));
                want.push((sheet.clone(), cell.clone()));
            }
        }
        if diags.is_empty() {
            continue;
        }
        let (_, _, back) =
            match annotate_and_read_back(f, "out.xlsx", &bytes, &doc, &diags, &limits) {
                Ok(x) => x,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
        let comments = back
            .package
            .as_ref()
            .map(|p| p.comments.clone())
            .unwrap_or_default();
        for (sheet, cell) in &want {
            let hit = comments.iter().any(|c| {
                c.text.contains("テストの指摘")
                    && c.anchor.as_ref().is_some_and(|a| {
                        a.sheet.as_deref() == Some(sheet) && a.cell.as_deref() == Some(cell)
                    })
            });
            if !hit {
                failures.push(format!(
                    "{}: no note read back at {sheet}!{cell}",
                    f.display()
                ));
            }
            notes += 1;
        }
        // Sheets that already had notes keep them.
        let before = doc.package.as_ref().map(|p| p.comments.len()).unwrap_or(0);
        let others = comments
            .iter()
            .filter(|c| !c.text.contains("テストの指摘"))
            .count();
        if others < before {
            failures.push(format!(
                "{}: {before} existing notes, {others} left",
                f.display()
            ));
        }
        done += 1;
    }
    println!("annotated {done} workbooks, {notes} notes read back in place");
    for m in failures.iter().take(30) {
        println!("  {m}");
    }
    assert!(done > 20, "only {done} workbooks");
    assert!(failures.is_empty(), "{} failures", failures.len());
}

/// Replace a piece of text (which often spans runs) in up to five
/// paragraphs of every readable corpus document; the reader must read the
/// new text in exactly those paragraphs and the old text everywhere else.
#[test]
fn replacing_text_in_every_readable_docx_reads_back() {
    let Some(files) = corpus_files(&["docx"]) else {
        return;
    };
    let limits = Limits::default();
    let (mut applied, mut refused, mut docs) = (0, 0, 0);
    let mut failures = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let Ok(doc) = read_bytes("in.docx", bytes.clone(), &limits) else {
            continue;
        };
        let mut edits = Vec::new();
        let mut expected = std::collections::BTreeMap::new();
        for p in doc.paragraphs() {
            if p.location.part.as_deref() != Some("word/document.xml") || edits.len() >= 5 {
                continue;
            }
            let chars: Vec<char> = p.text.chars().collect();
            if chars.len() < 8 || p.text.contains('\t') || p.text.contains('\n') {
                continue;
            }
            let original: String = chars[2..7].iter().collect();
            let Some(n) = p.location.paragraph else {
                continue;
            };
            expected.insert(n, p.text.replacen(&original, "《置換》", 1));
            edits.push(yoshiki::write::Edit::new(
                p.location.clone(),
                original,
                "《置換》",
            ));
        }
        if edits.is_empty() {
            continue;
        }
        let (out, outcomes) =
            match yoshiki::write::docx_text::replace_in_docx(&bytes, &edits, &limits) {
                Ok(x) => x,
                Err(e) => {
                    failures.push(format!("{}: {e}", f.display()));
                    continue;
                }
            };
        for (o, e) in outcomes.iter().zip(edits.iter()) {
            match o.status {
                yoshiki::write::EditStatus::Applied => applied += 1,
                yoshiki::write::EditStatus::Refused(_) => {
                    refused += 1;
                    expected.remove(&e.location.paragraph.unwrap_or(0));
                }
                yoshiki::write::EditStatus::NotFound => {
                    failures.push(format!(
                        "{}: {:?} not found at {:?}",
                        f.display(),
                        e.original,
                        e.location
                    ));
                    expected.remove(&e.location.paragraph.unwrap_or(0));
                }
            }
        }
        let back = match read_bytes("out.docx", out.clone(), &limits) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{}: fixed file unreadable: {e}", f.display()));
                continue;
            }
        };
        let old: std::collections::BTreeMap<u32, String> = doc
            .paragraphs()
            .iter()
            .filter(|p| p.location.part.as_deref() == Some("word/document.xml"))
            .filter_map(|p| Some((p.location.paragraph?, p.text.clone())))
            .collect();
        for p in back.paragraphs() {
            if p.location.part.as_deref() != Some("word/document.xml") {
                continue;
            }
            let Some(n) = p.location.paragraph else {
                continue;
            };
            let want = expected.get(&n).or_else(|| old.get(&n));
            if want != Some(&p.text) {
                failures.push(format!(
                    "{} ¶{n}: read back {:?}, wanted {want:?}",
                    f.display(),
                    p.text
                ));
            }
        }
        assert_untouched_identical(&bytes, &out, &["word/document.xml"]);
        docs += 1;
    }
    println!(
        "{docs} documents: {applied} replacements applied and read back, {refused} refused (crossing a non-text element)"
    );
    for m in failures.iter().take(30) {
        println!("  {m}");
    }
    assert!(applied > 300, "only {applied} replacements");
    assert!(failures.is_empty(), "{} failures", failures.len());
}

/// Replace a piece of the text of up to five string cells of every
/// readable corpus workbook; the reader must read the new text in exactly
/// those cells and the old text everywhere else.
#[test]
fn replacing_text_in_every_readable_xlsx_reads_back() {
    let Some(files) = corpus_files(&["xlsx", "xlsm"]) else {
        return;
    };
    let limits = Limits::default();
    let (mut applied, mut other, mut books) = (0, 0, 0);
    let mut failures = Vec::new();
    let cells_of =
        |doc: &yoshiki::model::Document| -> std::collections::BTreeMap<(String, String), String> {
            let mut m = std::collections::BTreeMap::new();
            for b in &doc.blocks {
                let yoshiki::model::Block::Table(t) = b else {
                    continue;
                };
                for r in &t.rows {
                    for c in &r.cells {
                        if let (Some(s), Some(cell)) = (&c.location.sheet, &c.location.cell) {
                            m.insert((s.clone(), cell.clone()), c.text());
                        }
                    }
                }
            }
            m
        };
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let Ok(doc) = read_bytes("in.xlsx", bytes.clone(), &limits) else {
            continue;
        };
        let before = cells_of(&doc);
        let mut edits = Vec::new();
        let mut expected = before.clone();
        for ((sheet, cell), text) in &before {
            if edits.len() >= 5 {
                break;
            }
            let chars: Vec<char> = text.chars().collect();
            if chars.len() < 6
                || text.contains('\n')
                || chars.iter().all(|c| c.is_ascii_digit() || *c == '.')
            {
                continue;
            }
            let original: String = chars[1..5].iter().collect();
            expected.insert(
                (sheet.clone(), cell.clone()),
                text.replacen(&original, "《置換》", 1),
            );
            edits.push(yoshiki::write::Edit::new(
                Location::sheet_cell(sheet.clone(), cell.clone()),
                original,
                "《置換》",
            ));
        }
        if edits.is_empty() {
            continue;
        }
        let (out, outcomes) =
            match yoshiki::write::xlsx_text::replace_in_xlsx(&bytes, &edits, &limits) {
                Ok(x) => x,
                Err(e) => {
                    failures.push(format!("{}: {e}", f.display()));
                    continue;
                }
            };
        for (o, e) in outcomes.iter().zip(edits.iter()) {
            if o.status == yoshiki::write::EditStatus::Applied {
                applied += 1;
            } else {
                // Numbers shown as text, formula results, dates: not a
                // stored string; the cell must then read as before.
                other += 1;
                let key = (
                    e.location.sheet.clone().unwrap(),
                    e.location.cell.clone().unwrap(),
                );
                let old = before[&key].clone();
                expected.insert(key, old);
            }
        }
        let back = match read_bytes("out.xlsx", out.clone(), &limits) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{}: fixed file unreadable: {e}", f.display()));
                continue;
            }
        };
        let after = cells_of(&back);
        if after != expected {
            let diff: Vec<_> = after
                .iter()
                .filter(|(k, v)| expected.get(*k) != Some(v))
                .take(3)
                .collect();
            failures.push(format!("{}: cells differ: {diff:?}", f.display()));
        }
        books += 1;
    }
    println!(
        "{books} workbooks: {applied} cell replacements applied and read back, {other} not stored strings (left alone)"
    );
    for m in failures.iter().take(30) {
        println!("  {m}");
    }
    assert!(applied > 100, "only {applied}");
    assert!(failures.is_empty(), "{} failures", failures.len());
}
