//! The input as `word/document.xml` (and, split at the first NUL byte, as
//! `word/comments.xml`) of an otherwise valid package, stored uncompressed,
//! so that mutations reach the Word XML parser instead of breaking the zip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Write};
use yoshiki::Limits;
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/" TargetMode="External"/></Relationships>"#;

fn package(document: &[u8], comments: &[u8]) -> Option<Vec<u8>> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    w.start_file("word/document.xml", opts).ok()?;
    w.write_all(document).ok()?;
    w.start_file("word/_rels/document.xml.rels", opts).ok()?;
    w.write_all(RELS.as_bytes()).ok()?;
    if !comments.is_empty() {
        w.start_file("word/comments.xml", opts).ok()?;
        w.write_all(comments).ok()?;
    }
    Some(w.finish().ok()?.into_inner())
}

fuzz_target!(|data: &[u8]| {
    let (document, comments) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    if let Some(bytes) = package(document, comments) {
        let _ = yoshiki::read_bytes("f.docx", bytes, &Limits::default());
    }
});
