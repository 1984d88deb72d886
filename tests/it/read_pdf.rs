//! Text PDFs: the LibreOffice PDFs of every sample Word form
//! (`tests/fixtures/docpdf/`) are read with Japanese text, page and line
//! locations; the forms found and the findings are compared with the
//! .docx each came from, and every difference is listed here; every PDF of
//! the shared corpus reads or is refused with a reason (IN001/IN002/IN006)
//! in bounded time, without a panic.

use super::read_doc::{
    check_dir, converted_set, fixtures, root, walk_corpus, without_package_only, word_sets,
};
use std::collections::BTreeMap;
use std::time::Instant;
use yoshiki::model::{Block, Format};
use yoshiki::{Limits, read_path};

#[test]
fn a_sample_pdf_reads_as_located_lines_with_cells() {
    let path = fixtures().join("clean/01_様式1_申請書.pdf");
    let doc = read_path(&path, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.format, Format::Pdf);
    let lines: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
        .collect();
    let title = lines
        .iter()
        .find(|p| p.text.contains("申請書"))
        .unwrap_or_else(|| panic!("no title line"));
    // The title wraps in the PDF; the two lines are joined again.
    assert!(title.text.contains("好循環創出"), "{}", title.text);
    assert_eq!(title.location.page, Some(1));
    let row = lines
        .iter()
        .find(|p| p.text.starts_with("代表者役職・氏名"))
        .unwrap_or_else(|| panic!("no row"));
    assert_eq!(row.cells.len(), 2, "{:?}", row.cells);
    assert_eq!(row.cells[1].text, "代表取締役社長　山本　健一");
    // The page number is a footer, not body text.
    assert!(lines.iter().all(|p| p.text != "1"));
}

/// The findings of each sample PDF against its .docx, by rule code (a PDF
/// has no Word locations): what differs, set by set. A PDF keeps the text
/// and the page layout but not Word's table cells; a cell whose text wraps
/// over several lines in a narrow column comes out interleaved with its
/// neighbours, so the label/value pairs of such tables are not rebuilt.
#[test]
fn sample_pdfs_against_their_docx() {
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut files, mut same_forms, mut same_findings) = (0, 0, 0);
    let mut report = Vec::new();
    for rel in word_sets() {
        let docx = check_dir(&root().join("samples").join(&rel), true);
        let dir = tmp.path().join(&rel);
        converted_set(&rel, "pdf", &dir);
        let pdf = check_dir(&dir, true);
        for (stem, (forms, findings)) in &docx {
            if !stem.ends_with(".word") {
                continue;
            }
            let Some((p_forms, p_findings)) = pdf.get(stem) else {
                panic!("{}: {stem} missing", rel.display());
            };
            files += 1;
            if forms == p_forms {
                same_forms += 1;
            }
            let (a, b) = (
                without_package_only(findings),
                without_package_only(p_findings),
            );
            if a == b {
                same_findings += 1;
            } else {
                report.push(format!("{}/{stem}: docx {a:?} pdf {b:?}", rel.display()));
            }
            // A file that is a form in Word is a form in PDF too.
            if !forms.is_empty() {
                assert!(
                    !p_forms.is_empty(),
                    "{}/{stem}: no form found in the PDF",
                    rel.display()
                );
            }
        }
    }
    println!("{}", report.join("\n"));
    println!(
        "sample PDFs: {files} files, same forms {same_forms}, same findings {same_findings} ({:?})",
        started.elapsed()
    );
}

#[test]
fn corpus_pdf_files_read_or_are_refused_in_bounded_time() {
    let started = Instant::now();
    let Some((ok, errors, files)) = walk_corpus(&["pdf"]) else {
        println!("skipped: ../shared/corpus absent");
        return;
    };
    let errors: BTreeMap<String, usize> = errors;
    println!(
        "corpus .pdf: {} files, {ok} read, refused {errors:?}, {:?}",
        files.len(),
        started.elapsed()
    );
    // 46 of 71 when written: 4 are encrypted (IN002), 21 have blank or
    // image-only pages (Tika's metadata and OCR test files; IN006).
    assert!(ok * 10 >= files.len() * 6, "fewer than 60% read");
}

#[test]
fn mutated_pdfs_never_panic_or_hang() {
    for f in ["clean/01_様式1_申請書.pdf", "clean/05_実施状況報告書.pdf"] {
        let (n, ok, refused) =
            super::read_doc::mutants_read_safely(&fixtures().join(f), "x.pdf", 300);
        println!("{f}: {n} mutants, {ok} read, {refused} refused");
    }
}
