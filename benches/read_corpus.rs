//! Reader throughput: every file of the shared corpus (or the reader
//! fixtures when the corpus is absent) read N times, plus one large
//! synthetic document. Reports MB/s and files/s per format.
//!
//! `cargo bench --bench read_corpus` (N from `BENCH_ITERS`, default 5).

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use yoshiki::{Limits, read_bytes};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e != "md") {
            out.push(p);
        }
    }
}

fn synthetic_docx(paragraphs: u32) -> Vec<u8> {
    let mut xml = String::from(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for i in 0..paragraphs {
        xml.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>第{i}項　</w:t></w:r><w:r><w:t>実施状況：実施 {}</w:t></w:r></w:p>",
            i.wrapping_mul(2_654_435_761)
        ));
        if i % 50 == 0 {
            xml.push_str("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>セル</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p/></w:tc></w:tr><w:tr><w:tc><w:p/></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>");
        }
    }
    xml.push_str("</w:body></w:document>");
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let _ = w.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    );
    let _ = w.write_all(xml.as_bytes());
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fn main() {
    let iters: usize = std::env::var("BENCH_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        // `cargo test --all-targets` runs this without `--bench`: one pass
        // is enough there to prove it still works.
        .unwrap_or(if std::env::args().any(|a| a == "--bench") {
            5
        } else {
            1
        });
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("../shared/corpus"), &mut files);
    let source = if files.is_empty() {
        walk(&root.join("tests/fixtures/reader"), &mut files);
        "tests/fixtures/reader"
    } else {
        "../shared/corpus"
    };
    let inputs: Vec<(String, String, Vec<u8>)> = files
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            let ext = p.extension()?.to_str()?.to_ascii_lowercase();
            Some((p.display().to_string(), ext, bytes))
        })
        .collect();
    let limits = Limits::default();
    // ext -> (files read, bytes, seconds, ok)
    let mut stats: BTreeMap<String, (usize, u64, f64, usize)> = BTreeMap::new();
    for _ in 0..iters {
        for (name, ext, bytes) in &inputs {
            let started = Instant::now();
            let ok = read_bytes(name, bytes.clone(), &limits).is_ok();
            let secs = started.elapsed().as_secs_f64();
            let e = stats.entry(ext.clone()).or_default();
            e.0 += 1;
            e.1 += bytes.len() as u64;
            e.2 += secs;
            e.3 += usize::from(ok);
        }
    }
    println!(
        "corpus: {} files from {source}, {iters} iterations",
        inputs.len()
    );
    let mut total = (0usize, 0u64, 0f64);
    for (ext, (n, b, s, ok)) in &stats {
        total.0 += n;
        total.1 += b;
        total.2 += s;
        println!(
            "  {ext:5} {:4} files/iter  {:8.1} MB/s  {:8.0} files/s  ({} ok of {})",
            n / iters,
            *b as f64 / 1e6 / s.max(1e-9),
            *n as f64 / s.max(1e-9),
            ok,
            n
        );
    }
    println!(
        "  all   {:4} files/iter  {:8.1} MB/s  {:8.0} files/s",
        total.0 / iters,
        total.1 as f64 / 1e6 / total.2.max(1e-9),
        total.0 as f64 / total.2.max(1e-9)
    );

    let big = synthetic_docx(200_000);
    let started = Instant::now();
    let doc = read_bytes("synthetic.docx", big.clone(), &limits);
    let secs = started.elapsed().as_secs_f64();
    let inflated = doc
        .as_ref()
        .ok()
        .and_then(|d| d.package.as_ref())
        .and_then(|p| p.parts.first())
        .map(|p| p.size)
        .unwrap_or(0);
    println!(
        "synthetic: {} paragraphs, {:.1} MB zipped, {:.1} MB of XML, {:.2} s, {:.1} MB/s of XML ({})",
        200_000,
        big.len() as f64 / 1e6,
        inflated as f64 / 1e6,
        secs,
        inflated as f64 / 1e6 / secs.max(1e-9),
        if doc.is_ok() { "ok" } else { "error" }
    );
}
