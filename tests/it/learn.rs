//! `yoshiki learn` on blank templates: the generated templates of another
//! call (their filled copies then checked with what was learned), and the
//! real forms published by ministries and municipalities
//! (`../shared/templates/`).

use super::calls_hand::score_with;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn yoshiki() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yoshiki"))
}

fn calls() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calls")
}

fn learn(templates: &[PathBuf], out: &Path) -> Output {
    yoshiki()
        .arg("learn")
        .args(templates)
        .arg("-o")
        .arg(out)
        .output()
        .expect("runs")
}

fn files_of(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x != "md"))
        .collect();
    v.sort();
    v
}

#[test]
fn learned_definitions_catch_every_planted_mistake() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = learn(&files_of(&calls().join("templates")), tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(report.contains("推測"), "{report}");
    assert_eq!(files_of(tmp.path()).len(), 4, "one definition per form");
    let check = yoshiki()
        .args(["forms", "check"])
        .arg(tmp.path())
        .output()
        .expect("runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let same =
        |want: &str, got: &str| want == got || (want.starts_with("SUM") && got.starts_with("SUM"));
    let (caught, planted, wrong) = score_with(tmp.path(), same);
    println!(
        "learned: caught {caught} of {planted}, false findings {}",
        wrong.len()
    );
    assert_eq!(
        caught, planted,
        "caught {caught} of {planted}; false: {wrong:?}"
    );
    assert!(wrong.is_empty(), "false findings:\n{}", wrong.join("\n"));
}

#[test]
fn learning_twice_gives_the_same_bytes() {
    let (a, b) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    let templates = files_of(&calls().join("templates"));
    learn(&templates, a.path());
    learn(&templates, b.path());
    for f in files_of(a.path()) {
        let name = f.file_name().expect("name");
        assert_eq!(
            std::fs::read(&f).expect("read"),
            std::fs::read(b.path().join(name)).expect("read"),
            "{name:?}"
        );
    }
}

#[test]
fn a_file_without_a_form_exits_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    let letter = tmp.path().join("letter.txt");
    std::fs::write(
        &letter,
        "いつもお世話になっております。\n資料を送付いたします。\nよろしくお願いいたします。\n",
    )
    .expect("write");
    let out = learn(&[letter], &tmp.path().join("out"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("様式が見つかりません"));
}

#[test]
fn the_published_templates_are_learned() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/templates");
    if !dir.is_dir() {
        eprintln!("skipped: {} absent", dir.display());
        return;
    }
    let mut learned = 0;
    let templates = files_of(&dir);
    for t in &templates {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = learn(std::slice::from_ref(t), tmp.path());
        let report = String::from_utf8_lossy(&out.stderr);
        assert!(matches!(out.status.code(), Some(0 | 2)), "{t:?}: {report}");
        if out.status.success() {
            learned += 1;
            let check = yoshiki()
                .args(["forms", "check"])
                .arg(tmp.path())
                .output()
                .expect("runs");
            assert!(
                check.status.success(),
                "{t:?}: {}",
                String::from_utf8_lossy(&check.stderr)
            );
        }
        println!(
            "{}: {}",
            t.file_name().unwrap_or_default().to_string_lossy(),
            report
                .lines()
                .filter(|l| l.contains('→'))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    println!("learned {learned} of {} templates", templates.len());
    assert!(
        learned * 10 >= templates.len() * 8,
        "learned {learned} of {}",
        templates.len()
    );
}
