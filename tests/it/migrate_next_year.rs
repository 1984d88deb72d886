//! Last year's filled form onto this year's template, on real published
//! forms (`tests/fixtures/nextyear`, made by `scripts/make_next_year.py`
//! from ../shared/templates): a label renamed, rows inserted, removed and
//! swapped, a field moved to another table, the year and wording changed,
//! 円 → 千円, a new required entry. Each filled copy is migrated with and
//! without last year's blank template (`--from`): every value must land
//! under its new label with the unit converted, or be reported as
//! unplaced; the new entries and the changed wording must be reported.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nextyear")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Values the new template has no place for.
fn removed_expected(values: &Value) -> usize {
    values
        .as_array()
        .map_or(0, |v| v.iter().filter(|x| x["new_label"].is_null()).count())
}

#[test]
fn every_value_lands_under_its_new_label_or_is_reported() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut forms = 0;
    let mut placed_total = 0;
    for entry in std::fs::read_dir(root()).expect("fixtures").flatten() {
        let dir = entry.path();
        if !dir.is_dir() {
            continue;
        }
        forms += 1;
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("expected.json")).expect("expected"),
        )
        .expect("json");
        let ext = expected["format"].as_str().expect("format");
        for (copy, values) in expected["copies"].as_object().expect("copies") {
            for with_from in [true, false] {
                let out = tmp.path().join(format!(
                    "{}_{with_from}_{copy}",
                    dir.file_name().expect("name").to_string_lossy()
                ));
                let mut cmd = Command::new(env!("CARGO_BIN_EXE_yoshiki"));
                cmd.arg("migrate")
                    .arg(dir.join(copy))
                    .arg("--to")
                    .arg(dir.join(format!("new.{ext}")))
                    .arg("-o")
                    .arg(&out)
                    .args(["--format", "json"]);
                if with_from {
                    cmd.arg("--from").arg(dir.join(format!("old.{ext}")));
                }
                let run = cmd.output().expect("runs");
                let what = format!("{} {copy} from={with_from}", dir.display());
                let report: Value = serde_json::from_slice(&run.stdout)
                    .unwrap_or_else(|_| panic!("{what}: {}", String::from_utf8_lossy(&run.stderr)));
                let placed = report["placed"].as_array().expect("placed");
                let unplaced = report["unplaced"].as_array().expect("unplaced");
                // A label unchanged is never said to have changed (a moved
                // entry is said to have moved).
                for p in placed.iter().filter(|p| p["old_label"] == p["new_label"]) {
                    assert!(
                        !p["review"].as_str().unwrap_or("").contains("ラベルが"),
                        "{what}: {p}"
                    );
                }
                let mut removed = 0;
                for v in values.as_array().expect("values") {
                    let value = v["value"].as_str().expect("value");
                    match v["new_label"].as_str() {
                        None => {
                            removed += 1;
                            assert!(
                                unplaced
                                    .iter()
                                    .any(|u| squash(u["value"].as_str().unwrap_or(""))
                                        .contains(&squash(value))),
                                "{what}: {value} not reported as unplaced: {report}"
                            );
                        }
                        Some(label) => {
                            let want = squash(v["new_value"].as_str().expect("new_value"));
                            let hit = placed.iter().find(|p| {
                                squash(p["new_value"].as_str().unwrap_or("")).contains(&want)
                            });
                            let Some(hit) = hit else {
                                panic!("{what}: {label} = {want} not placed: {report}");
                            };
                            let got =
                                squash(hit["new_label"].as_str().unwrap_or("")).replace("＿＿", "");
                            assert!(
                                got.starts_with(&squash(label).replace("＿＿", "")),
                                "{what}: {want} went under {got}, not {label}"
                            );
                            if let Some(cell) = v["new_cell"].as_str() {
                                assert_eq!(hit["new_place"]["cell"], cell, "{what}: {label}");
                            }
                        }
                    }
                }
                // Nothing carried that was not typed; nothing dropped. Without
                // last year's template a vanished label may be listed as well
                // (「３　所在国」 beside its value).
                let count = values.as_array().map_or(0, Vec::len);
                if with_from {
                    assert_eq!(placed.len() + unplaced.len(), count, "{what}: {report}");
                } else {
                    assert!(placed.len() + unplaced.len() >= count, "{what}: {report}");
                    assert!(
                        unplaced.len() <= removed_expected(values) + 1,
                        "{what}: {report}"
                    );
                }
                assert_eq!(
                    run.status.code(),
                    Some(if removed > 0 { 1 } else { 0 }),
                    "{what}"
                );
                placed_total += placed.len();
                for required in expected["new_required"].as_array().expect("new_required") {
                    let r = squash(required.as_str().expect("label"));
                    assert!(
                        report["to_fill"]
                            .as_array()
                            .expect("to_fill")
                            .iter()
                            .any(|t| {
                                t["new_field"] == true
                                    && squash(t["label"].as_str().unwrap_or("")).contains(&r)
                            }),
                        "{what}: new entry {r} not reported"
                    );
                }
                for snippet in expected["changed_wording"].as_array().expect("wording") {
                    let s = snippet.as_str().expect("snippet");
                    assert!(
                        report["changed_wording"]
                            .as_array()
                            .expect("changed_wording")
                            .iter()
                            .any(|w| w.as_str().unwrap_or("").contains(s)),
                        "{what}: changed wording {s} not reported"
                    );
                }
                // The file reads back with the values in it.
                let doc = yoshiki::read_path(&out, &yoshiki::Limits::default()).expect("reads");
                let mut text = String::new();
                for (t, _) in yoshiki::forms::blanks::texts(&doc)
                    .into_iter()
                    .chain(yoshiki::forms::blanks::cell_texts(&doc))
                {
                    text.push_str(&squash(&t));
                }
                for p in placed {
                    let v = squash(p["new_value"].as_str().unwrap_or(""));
                    assert!(text.contains(&v), "{what}: {v} not in the written file");
                }
            }
        }
    }
    assert!(forms >= 4, "{forms} forms");
    assert!(placed_total >= 60, "{placed_total}");
}

#[test]
fn a_map_moves_a_value_and_drops_another() {
    let dir = root().join("kaigo");
    let tmp = tempfile::tempdir().expect("tmp");
    let map = tmp.path().join("map.toml");
    std::fs::write(
        &map,
        "[map]\n\"連絡先\" = \"メールアドレス\"\n\"フ　リ　ガ　ナ\" = \"\"\n",
    )
    .expect("map");
    let out = tmp.path().join("out.xlsx");
    let run = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .arg("migrate")
        .arg(dir.join("filled_1.xlsx"))
        .arg("--to")
        .arg(dir.join("new.xlsx"))
        .arg("-o")
        .arg(&out)
        .args(["--format", "json", "--map"])
        .arg(&map)
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&run.stdout).expect("json");
    let placed = report["placed"].as_array().expect("placed");
    assert!(
        placed
            .iter()
            .any(|p| p["new_label"] == "メールアドレス" && p["new_place"]["cell"] == "I14"),
        "{report}"
    );
    assert!(
        !placed.iter().any(|p| p["old_label"] == "フ　リ　ガ　ナ"),
        "{report}"
    );
    assert!(
        report["unplaced"]
            .as_array()
            .expect("unplaced")
            .iter()
            .any(|u| u["reason"].as_str().unwrap_or("").contains("--map")),
        "{report}"
    );
}

/// (code, place) of the error findings of `check --forms DEFS --each FILE`.
fn errors(defs: &Path, file: &Path) -> Vec<(String, String)> {
    let run = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .arg("--forms")
        .arg(defs)
        .args(["check", "--format", "json", "--each"])
        .arg(file)
        .output()
        .expect("check");
    let v: Value = serde_json::from_slice(&run.stdout).expect("json");
    v["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["place"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn the_migrated_file_checks_against_the_new_template_with_only_entries_to_fill() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut learned = 0;
    for slug in ["keii", "gaiyo", "joken"] {
        let dir = root().join(slug);
        let defs = tmp.path().join(format!("defs_{slug}"));
        let learn = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
            .arg("learn")
            .arg(dir.join("new.docx"))
            .arg("-o")
            .arg(&defs)
            .output()
            .expect("learn");
        assert!(
            learn.status.success(),
            "{slug}: {}",
            String::from_utf8_lossy(&learn.stderr)
        );
        learned += 1;
        let out = tmp.path().join(format!("{slug}.docx"));
        let run = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
            .arg("migrate")
            .arg(dir.join("filled_1.docx"))
            .arg("--to")
            .arg(dir.join("new.docx"))
            .arg("-o")
            .arg(&out)
            .output()
            .expect("migrate");
        assert!(
            out.is_file(),
            "{slug}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        // Every error on the migrated file is one the blank template has
        // too (an entry still to fill): the migration added none.
        let blank = errors(&defs, &dir.join("new.docx"));
        let migrated = errors(&defs, &out);
        for e in &migrated {
            assert!(blank.contains(e), "{slug}: {e:?} is new after migration");
        }
        assert!(migrated.len() <= blank.len(), "{slug}: {migrated:?}");
        if slug == "keii" {
            // Its learned entries include ones carried over.
            assert!(
                migrated.len() < blank.len(),
                "{slug}: nothing was filled in: {migrated:?}"
            );
        }
    }
    assert_eq!(learned, 3);
}
