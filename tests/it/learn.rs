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

#[test]
fn a_text_template_is_learned_and_its_filled_copy_checked() {
    let tmp = tempfile::tempdir().expect("tmp");
    // (A blank line ends the entries: in a text file a line right under the
    // last `label<TAB>value` line is read as more of that value.)
    let blank = "（様式第３号）\n施設使用届\n令和　　年　　月　　日\n使用者名\t\n使用人数\t\n連絡先電話番号\t\n\n上記のとおり届け出ます。使用にあたっては規則を遵守します。\n";
    let tpl = tmp.path().join("様式第3号.txt");
    std::fs::write(&tpl, blank).expect("write");
    let defs = tmp.path().join("defs");
    let out = learn(&[tpl], &defs);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let check = |text: &str| -> Vec<String> {
        let set = tmp.path().join("set");
        std::fs::create_dir_all(&set).expect("mkdir");
        std::fs::write(set.join("届.txt"), text).expect("write");
        let o = yoshiki()
            .arg("--forms")
            .arg(&defs)
            .args(["check", "--format", "json", "--as-of", "2026-12-01"])
            .arg(&set)
            .output()
            .expect("runs");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        v["files"][0]["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| d["code"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let filled = blank
        .replace("令和　　年　　月　　日", "令和８年６月１日")
        .replace("使用者名\t", "使用者名\t株式会社テスト")
        .replace("使用人数\t", "使用人数\t30")
        .replace("連絡先電話番号\t", "連絡先電話番号\t03-1234-5678");
    assert_eq!(check(&filled), Vec::<String>::new());
    let missing = filled.replace("使用者名\t株式会社テスト", "使用者名\t");
    assert_eq!(check(&missing), ["REQ001"]);
    let edited = filled.replace("遵守します", "守ります");
    assert_eq!(check(&edited), ["TPL001"]);
}

/// samples/learned: the worked example of docs/commands.md. Its files are
/// byte copies of the template fixtures, its hand-corrected definitions
/// load, and checking its folders finds exactly the one planted mistake of
/// each copy and nothing on the clean one.
#[test]
fn the_worked_examples_under_samples_learned_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("tests/fixtures/templates");
    let fixture_bytes: Vec<Vec<u8>> = ["blank", "filled"]
        .iter()
        .flat_map(|d| walk(&fixtures.join(d)))
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    let examples: Vec<PathBuf> = std::fs::read_dir(root.join("samples/learned"))
        .expect("samples/learned")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(examples.len(), 2, "two worked examples");
    for ex in &examples {
        for f in walk(&ex.join("白紙"))
            .into_iter()
            .chain(walk(&ex.join("提出")))
        {
            let bytes = std::fs::read(&f).expect("read");
            assert!(
                fixture_bytes.contains(&bytes),
                "{} is not a copy of a fixture",
                f.display()
            );
        }
        let defs = ex.join("様式定義");
        let check = yoshiki()
            .args(["forms", "check"])
            .arg(&defs)
            .output()
            .expect("runs");
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
        let run = yoshiki()
            .arg("--forms")
            .arg(&defs)
            .args(["check", "--format", "json", "--as-of", "2026-12-01"])
            .arg(ex.join("提出"))
            .output()
            .expect("runs");
        let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
        let files = json["files"].as_array().expect("files");
        assert_eq!(files.len(), 3, "{}", ex.display());
        for f in files {
            let path = f["path"].as_str().unwrap_or("");
            assert!(
                f["forms"].as_array().is_some_and(|v| !v.is_empty()),
                "{path}: the learned form is recognised"
            );
            let errors: Vec<&str> = f["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| d["severity"] == "error")
                .filter_map(|d| d["code"].as_str())
                .collect();
            let want = usize::from(!path.contains("01_記入済み"));
            assert_eq!(errors.len(), want, "{path}: {errors:?}");
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
