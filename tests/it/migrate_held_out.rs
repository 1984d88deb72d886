//! `migrate --to` on a second set of next-year forms, made independently of
//! the implementation (`scripts/make_next_year_b.py`: a column inserted in
//! a list, rows moved into a new table, an .xlsx row inserted so that every
//! row below moves, a row removed). Not everything finds its place here
//! (lists with no row labels are not matched yet), but with last year's
//! template given nothing may be lost: every value is either placed with
//! its new value or reported as not carried, and none lands in a wrong
//! place.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nextyear_b")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every filled copy of every form migrated onto its new template (with
/// last year's template as `--from` when `with_from`): (what, expected
/// values, the JSON report).
fn migrate_all(with_from: bool) -> Vec<(String, Vec<Value>, Value)> {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root()).expect("fixtures").flatten() {
        let dir = entry.path();
        if !dir.is_dir() {
            continue;
        }
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("expected.json")).expect("expected"),
        )
        .expect("json");
        let ext = expected["format"].as_str().expect("format");
        for (copy, values) in expected["copies"].as_object().expect("copies") {
            let target = tmp.path().join(format!(
                "{}_{copy}",
                dir.file_name().expect("n").to_string_lossy()
            ));
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_yoshiki"));
            cmd.arg("migrate").arg(dir.join(copy));
            if with_from {
                cmd.arg("--from").arg(dir.join(format!("old.{ext}")));
            }
            let run = cmd
                .arg("--to")
                .arg(dir.join(format!("new.{ext}")))
                .arg("-o")
                .arg(&target)
                .args(["--format", "json"])
                .output()
                .expect("runs");
            let what = format!("{} {copy}", dir.display());
            let report: Value = serde_json::from_slice(&run.stdout)
                .unwrap_or_else(|_| panic!("{what}: {}", String::from_utf8_lossy(&run.stderr)));
            out.push((what, values.as_array().cloned().unwrap_or_default(), report));
        }
    }
    out
}

#[test]
fn with_last_years_template_nothing_is_lost_and_nothing_misplaced() {
    let (mut placed_total, mut values_total) = (0, 0);
    for (what, values, report) in migrate_all(true) {
        let placed = report["placed"].as_array().expect("placed");
        let unplaced = report["unplaced"].as_array().expect("unplaced");
        for v in &values {
            values_total += 1;
            let value = squash(v["value"].as_str().unwrap_or(""));
            let new_value = v["new_value"].as_str().map(squash);
            let is_placed = new_value.as_ref().is_some_and(|nv| {
                !nv.is_empty()
                    && placed.iter().any(|p| {
                        squash(p["new_value"].as_str().unwrap_or("")).contains(nv.as_str())
                    })
            });
            if is_placed {
                placed_total += 1;
                continue;
            }
            let reported = unplaced.iter().any(|u| {
                let u = squash(u["value"].as_str().unwrap_or(""));
                !value.is_empty() && (u.contains(&value) || (!u.is_empty() && value.contains(&u)))
            });
            assert!(
                reported,
                "{what}: {value} was neither placed nor reported: {report}"
            );
            assert!(
                !placed
                    .iter()
                    .any(|p| squash(p["value"].as_str().unwrap_or("")) == value),
                "{what}: {value} was placed somewhere else"
            );
        }
    }
    assert!(values_total >= 100, "{values_total}");
    // Measured: 87 of 109 (the 役員 list, rows without labels, 23 of 23).
    // Was 78; +3 the 離職状況 table's merged 非自発的離職者 cells read under
    // their column header, +4 the 介護 form's values typed into the box
    // after a blank spacer column (フリガナ, 被保険者氏名), +2 its
    // 住　　　所 read as a label, not as a sentence with blanks.
    assert!(placed_total >= 87, "{placed_total}/{values_total} placed");
}

#[test]
fn without_last_years_template_few_values_are_lost() {
    let (mut lost, mut total) = (0, 0);
    for (_, values, report) in migrate_all(false) {
        let texts: Vec<String> = ["placed", "unplaced"]
            .iter()
            .flat_map(|k| report[*k].as_array().cloned().unwrap_or_default())
            .flat_map(|e| {
                ["value", "new_value"]
                    .iter()
                    .map(|k| squash(e[*k].as_str().unwrap_or("")))
                    .collect::<Vec<_>>()
            })
            .collect();
        for v in &values {
            total += 1;
            let value = squash(v["value"].as_str().unwrap_or(""));
            if !texts
                .iter()
                .any(|t| !t.is_empty() && (t.contains(&value) || value.contains(t.as_str())))
            {
                lost += 1;
            }
        }
    }
    // Measured: 0 of 109 (was 2: the 離職状況 table's 非自発的離職者 cells,
    // merged over two columns beside a value, were no place at all).
    assert_eq!(lost, 0, "{lost} of {total} lost without --from");
}

/// The new template's new entries (a row added, a column added) are
/// reported as new, with and without last year's template, and few other
/// places are: an entry left blank last year, or printed wording with a
/// blank, is not new.
#[test]
fn new_entries_are_reported_and_little_else() {
    for with_from in [false, true] {
        let mut reported = 0;
        for (what, _, report) in migrate_all(with_from) {
            let new: Vec<String> = report["to_fill"]
                .as_array()
                .expect("to_fill")
                .iter()
                .filter(|t| t["new_field"] == true)
                .map(|t| squash(t["label"].as_str().unwrap_or("")))
                .collect();
            reported += new.len();
            let form = what.split(' ').next().expect("dir");
            let expected: Value = serde_json::from_str(
                &std::fs::read_to_string(Path::new(form).join("expected.json")).expect("expected"),
            )
            .expect("json");
            for required in expected["new_required"].as_array().expect("new_required") {
                let r = squash(required.as_str().expect("label"));
                assert!(
                    new.iter().any(|n| n.contains(&r)),
                    "{what} (--from: {with_from}): new entry {r} not reported: {new:?}"
                );
            }
        }
        // Measured on the 8 copies: 16 without --from (was 132), 14 with
        // (was 12, when 「７　職業紹介事業者の法人番号」 was taken for a
        // rename and not reported); 6 of them are the expected new entries,
        // the others the new 生年月日 column's list rows, its note and its
        // 生年月日 line, and without --from the 許可番号 line, whose filled
        // copy is not recognised (it is reported as not carried).
        let bound = if with_from { 14 } else { 16 };
        assert!(
            reported <= bound,
            "{reported} places reported new (--from: {with_from})"
        );
    }
}
