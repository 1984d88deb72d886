//! Hostile input never makes a writer panic: thousands of mutated copies
//! (truncated, bytes flipped, zip fields scrambled) of the fixtures go
//! through the package parser, the replacement engines and the comment
//! writers; each either works or returns an error.

use crate::write_support::*;
use yoshiki::diag::{Diagnostic, Text};
use yoshiki::model::{Format, Location};
use yoshiki::read::Limits;
use yoshiki::write::Edit;
use yoshiki::write::annotate::{AnnotateOptions, annotate};
use yoshiki::write::docx_text::replace_in_docx;
use yoshiki::write::package::Package;
use yoshiki::write::text_file::replace_in_text;
use yoshiki::write::xlsx_text::replace_in_xlsx;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(src: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = src.to_vec();
    match rng.below(4) {
        0 => b.truncate(rng.below(b.len())),
        1 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
        }
        2 => {
            // Scramble a 4-byte field near a zip signature.
            let sigs: Vec<usize> = b
                .windows(2)
                .enumerate()
                .filter(|(_, w)| w == b"PK")
                .map(|(i, _)| i)
                .collect();
            if let Some(&at) = sigs.get(rng.below(sigs.len())) {
                let off = at + rng.below(46);
                for k in 0..4 {
                    if let Some(x) = b.get_mut(off + k) {
                        *x = rng.next() as u8;
                    }
                }
            }
        }
        _ => {
            let i = rng.below(b.len());
            let n = rng.below(64);
            b.drain(i..(i + n).min(b.len()));
        }
    }
    b
}

fn diag(loc: Location) -> Diagnostic {
    Diagnostic::new("VER001", Text::new("古い版", "old")).location(loc)
}

#[test]
fn mutated_packages_never_panic() {
    let limits = Limits::default();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let docx = std::fs::read(fixture("split_runs.docx")).unwrap();
    let xlsx = std::fs::read(fixture("sheet.xlsx")).unwrap();
    let mut ok = 0;
    for round in 0..1500 {
        let (src, is_word) = if round % 2 == 0 {
            (&docx, true)
        } else {
            (&xlsx, false)
        };
        let bytes = mutate(src, &mut rng);
        if let Ok(p) = Package::parse(bytes.clone(), &limits) {
            for e in p.entries() {
                let _ = p.read(&e.name);
            }
            let _ = p.rewrite(&Default::default());
        }
        let edits = vec![Edit::new(
            Location::default(),
            "令和５年度版",
            "令和７年度版",
        )];
        let loc = if is_word {
            Location::in_part("word/document.xml")
        } else {
            Location::sheet_cell("報告書", "A2")
        };
        let (res, fmt) = if is_word {
            (
                replace_in_docx(&bytes, &edits, &limits).map(|_| ()),
                Format::Docx,
            )
        } else {
            (
                replace_in_xlsx(&bytes, &edits, &limits).map(|_| ()),
                Format::Xlsx,
            )
        };
        if res.is_ok() {
            ok += 1;
        }
        let _ = annotate(
            &bytes,
            fmt,
            &[diag(loc), diag(Location::default())],
            &AnnotateOptions::default(),
            &limits,
        );
    }
    println!("{ok} of 1500 mutated packages were still editable");
}

#[test]
fn mutated_text_never_panics() {
    let mut rng = Rng(12345);
    for name in ["report_sjis.txt", "report_utf16.txt"] {
        let src = std::fs::read(fixture(name)).unwrap();
        for _ in 0..1000 {
            let bytes = mutate(&src, &mut rng);
            let edits = vec![
                Edit::new(Location::line(2), "令和５年度版", "令和７年度版"),
                Edit::new(
                    Location {
                        line: Some(3),
                        column: Some(rng.below(40) as u32),
                        ..Location::default()
                    },
                    "内閣",
                    "国家",
                ),
            ];
            let _ = replace_in_text(&bytes, Some("Shift_JIS"), &edits);
            let _ = replace_in_text(&bytes, None, &edits);
        }
    }
}
