//! A second benchmark floor, above `inflate_floor`: read every file,
//! inflate only the XML parts a Word reader of the content needs, and run
//! quick-xml's tokenizer over them (the configuration yoshiki's reader
//! uses), doing nothing with the events. Any reader built on quick-xml
//! pays at least this; `docs/benchmarks.md` compares yoshiki with it.
//!
//! ```sh
//! cargo run --release --example xml_floor -- [--threads N] PATH...
//! ```
//! PATHs are files or directories (walked recursively; .docx .docm .dotx).
//! Prints one line: files, parts, inflated MB, events, errors, seconds.
//! Parallel over files with rayon, like `inflate_floor`.

use quick_xml::events::Event;
use std::path::Path;

mod floor_common;

use floor_common::Tally;

const EXTS: [&str; 3] = ["docx", "docm", "dotx"];

/// The parts read: package parts and the stories of the document (not
/// styles, themes, fonts or web settings, which no content reader needs).
fn wanted(name: &str) -> bool {
    let story = |prefix: &str| {
        name.strip_prefix(prefix)
            .is_some_and(|rest| rest.ends_with(".xml") && !rest.contains('/'))
    };
    name == "[Content_Types].xml"
        || name.ends_with(".rels")
        || name == "docProps/core.xml"
        || name == "docProps/app.xml"
        || [
            "document",
            "numbering",
            "settings",
            "footnotes",
            "endnotes",
            "comments",
        ]
        .iter()
        .any(|p| name == format!("word/{p}.xml"))
        || story("word/header")
        || story("word/footer")
}

/// Events of one part, as yoshiki's reader configures quick-xml.
fn tokenize(xml: &[u8]) -> Result<u64, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    config.trim_text(false);
    let mut events = 0;
    loop {
        match reader.read_event()? {
            Event::Eof => return Ok(events),
            _ => events += 1,
        }
    }
}

fn read(path: &Path) -> Tally {
    let mut t = Tally::default();
    let Some(mut zip) = floor_common::open_zip(path, &mut t) else {
        return t;
    };
    let mut buf = Vec::new();
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            t.errors += 1;
            continue;
        };
        // A name that is not UTF-8 is no part a reader looks for.
        if !entry.name().is_ok_and(|n| wanted(&n)) {
            continue;
        }
        if !floor_common::inflate_into(&mut entry, &mut buf, &mut t) {
            continue;
        }
        match tokenize(&buf) {
            Ok(n) => t.events += n,
            Err(_) => t.errors += 1,
        }
    }
    t
}

fn main() {
    let (files, threads) = floor_common::files_and_threads(&EXTS);
    let (total, secs) = floor_common::run(&files, threads, read);
    println!(
        "files={} parts={} inflated_mb={:.2} events={} errors={} seconds={:.3}",
        total.files,
        total.parts,
        total.bytes_out as f64 / 1e6,
        total.events,
        total.errors,
        secs
    );
}
