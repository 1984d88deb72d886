//! `extract` and `check` read the same inputs the same way: a folder that
//! holds a .zip set, and a .zip given directly (members read in place),
//! lock files left out and counted alike.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::Command;

fn json(args: &[&str], path: &Path) -> Value {
    let run = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(args)
        .arg(path)
        .output()
        .expect("runs");
    serde_json::from_slice(&run.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&run.stderr)))
}

fn paths(v: &Value) -> Vec<String> {
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or("").replace('\\', "/"))
        .collect()
}

#[test]
fn a_zip_set_is_read_by_extract_as_by_check() {
    let tmp = tempfile::tempdir().expect("tmp");
    let clean = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/clean");
    let zip_path = tmp.path().join("受付/A社.zip");
    std::fs::create_dir_all(zip_path.parent().expect("parent")).expect("dir");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("zip"));
    for name in ["01_様式1_申請書.docx", "02_様式2_企画提案書.docx"] {
        zip.start_file(
            format!("提出書類/{name}"),
            zip::write::SimpleFileOptions::default(),
        )
        .expect("entry");
        zip.write_all(&std::fs::read(clean.join(name)).expect("sample"))
            .expect("write");
    }
    // An Office lock file in the zip and one in the folder: left out by
    // both commands, and counted as skipped by both.
    zip.start_file(
        "提出書類/~$01_様式1_申請書.docx",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("entry");
    zip.write_all(b"lock").expect("write");
    zip.finish().expect("finish");
    std::fs::write(tmp.path().join("受付/~$03_理由書.docx"), b"lock").expect("lock");
    std::fs::copy(
        clean.join("03_理由書.docx"),
        tmp.path().join("受付/03_理由書.docx"),
    )
    .expect("copy");

    for input in [tmp.path().join("受付"), zip_path.clone()] {
        let extracted = json(&["extract", "--format", "json"], &input);
        let checked = json(&["check", "--format", "json", "--each"], &input);
        assert_eq!(paths(&extracted), paths(&checked), "{}", input.display());
        let skipped = |v: &Value| v["skipped"].as_u64().or(v["summary"]["skipped"].as_u64());
        assert_eq!(
            skipped(&extracted),
            skipped(&checked),
            "{}",
            input.display()
        );
        let expected = if input == zip_path { 1 } else { 2 };
        assert_eq!(skipped(&checked), Some(expected), "{}", input.display());
        let zipped: Vec<&Value> = extracted["files"]
            .as_array()
            .expect("files")
            .iter()
            .filter(|f| f["path"].as_str().is_some_and(|p| p.contains("A社.zip")))
            .collect();
        assert_eq!(zipped.len(), 2, "{extracted}");
        for f in zipped {
            let forms = f["forms"].as_array().expect("forms");
            assert_eq!(forms.len(), 1, "{f}");
            assert!(
                forms[0]["fields"].as_object().is_some_and(|m| m.len() > 3),
                "{f}"
            );
        }
    }
}
