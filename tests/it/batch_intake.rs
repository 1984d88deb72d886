//! A batch of real submissions with broken and hostile files mixed in, read
//! through the bounded batch runner: every good file gets its full content,
//! every bad one its own typed error (the IN00x finding), and none stops or
//! hides another.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use yoshiki::batch::{BatchOptions, Outcome, run_bounded_with};
use yoshiki::{Limits, read_path};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a test needs to know about one read.
#[derive(Debug)]
enum Read {
    Ok {
        text: String,
    },
    Err {
        code: &'static str,
        message_ja: String,
    },
}

fn read(path: PathBuf) -> Read {
    match read_path(&path, &Limits::default()) {
        Ok(doc) => Read::Ok {
            text: doc.plain_text(),
        },
        Err(e) => Read::Err {
            code: e.code(),
            message_ja: e.message_ja(),
        },
    }
}

/// (file, expected code or None for good, a text a good file must contain)
fn batch() -> Vec<(PathBuf, Option<&'static str>, &'static str)> {
    let s = |p: &str| root().join("samples").join(p);
    let bad = |p: &str| root().join("tests/fixtures/reader/bad").join(p);
    vec![
        (
            s("clean/01_様式1_申請書.docx"),
            None,
            "株式会社みらい総合研究所",
        ),
        (bad("truncated.docx"), Some("IN001"), ""),
        (s("clean/02_様式2_企画提案書.docx"), None, "企画提案書"),
        (bad("encrypted.docx"), Some("IN002"), ""),
        (s("clean/03_理由書.docx"), None, "再委託"),
        (bad("bomb_ratio.docx"), Some("IN005"), ""),
        (s("clean/04_情報取扱者名簿.xlsx"), None, "情報管理責任者"),
        (bad("bomb_300mb.docx"), Some("IN005"), ""),
        (s("clean/05_実施状況報告書.docx"), None, "実施状況"),
        (bad("garbage.docx"), Some("IN001"), ""),
        (
            s("r5_report/別紙4_実施状況報告書.txt"),
            None,
            "令和５年度版",
        ),
        (bad("legacy.rtf"), Some("IN003"), ""),
        (
            s("r5_report/別紙4_実施状況報告書.xlsx"),
            None,
            "令和５年度版",
        ),
        (bad("billion_laughs.docx"), Some("IN005"), ""),
        (
            s("mistakes/files/04_情報取扱者名簿.xlsx"),
            Some("IN002"),
            "",
        ),
        (s("excel/security_report.xlsx"), None, "実施状況"),
        (
            s("mistakes/files/02_様式2_企画提案書.docx"),
            Some("IN001"),
            "",
        ),
        (
            s("clean_single/全様式.docx"),
            None,
            "情報セキュリティに関する事項",
        ),
    ]
}

fn present(files: &[(PathBuf, Option<&str>, &str)]) -> bool {
    files.iter().all(|(p, _, _)| Path::new(p).is_file())
}

#[test]
fn every_good_file_read_every_bad_file_a_finding() {
    let files = batch();
    if !present(&files) {
        crate::common::missing("samples or reader fixtures");
        return;
    }
    let opts = BatchOptions {
        timeout: Duration::from_secs(20),
        threads: 2,
        ..BatchOptions::default()
    };
    let started = Instant::now();
    let out = run_bounded_with(
        files.iter().map(|(p, _, _)| p.clone()).collect(),
        &opts,
        read,
        |_| {},
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(out.len(), files.len());
    for ((path, want, needle), outcome) in files.iter().zip(out) {
        let name = path.display();
        match (want, outcome) {
            (None, Outcome::Done(Read::Ok { text })) => {
                assert!(
                    text.contains(needle),
                    "{name}: {needle} not in the text read"
                );
            }
            (
                Some(code),
                Outcome::Done(Read::Err {
                    code: got,
                    message_ja,
                }),
            ) => {
                assert_eq!(got, *code, "{name}: {message_ja}");
                assert!(!message_ja.is_empty());
            }
            (want, got) => panic!("{name}: wanted {want:?}, got {got:?}"),
        }
    }
}

#[test]
fn the_same_batch_twice_over_gives_the_same_answers() {
    // Order and results do not depend on scheduling: a larger batch of the
    // same files (as an office would get many similar submissions) answers
    // file by file exactly like the first.
    let files = batch();
    if !present(&files) {
        return;
    }
    let many: Vec<PathBuf> = (0..6)
        .flat_map(|_| files.iter().map(|(p, _, _)| p.clone()))
        .collect();
    let opts = BatchOptions {
        timeout: Duration::from_secs(20),
        threads: 2,
        ..BatchOptions::default()
    };
    let out = run_bounded_with(many, &opts, read, |_| {});
    assert_eq!(out.len(), files.len() * 6);
    for (i, o) in out.iter().enumerate() {
        let (path, want, _) = &files[i % files.len()];
        match (want, o) {
            (None, Outcome::Done(Read::Ok { .. })) => {}
            (Some(code), Outcome::Done(Read::Err { code: got, .. })) => assert_eq!(got, code),
            (_, got) => panic!("{}: {got:?}", path.display()),
        }
    }
}
