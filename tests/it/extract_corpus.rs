//! Real Office files that are not our forms (`../shared/corpus/`): no form
//! is forced on them, and extraction never panics, on any of them.

use std::path::{Path, PathBuf};
use std::time::Instant;
use yoshiki::forms::extract_forms;
use yoshiki::{Limits, read_path};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x != "md") {
            out.push(p);
        }
    }
}

#[test]
fn no_form_is_found_in_files_that_hold_none() {
    let Some(root) = crate::common::corpus("") else {
        return;
    };
    let root = root.as_path();
    let mut all = Vec::new();
    files(root, &mut all);
    all.sort();
    assert!(all.len() > 300, "{} files", all.len());
    let (mut read, mut found) = (0usize, Vec::new());
    let started = Instant::now();
    for path in &all {
        let Ok(doc) = read_path(path, &Limits::default()) else {
            continue;
        };
        read += 1;
        let t = Instant::now();
        let forms = extract_forms(&doc);
        assert!(
            t.elapsed().as_secs() < 10,
            "{} took {:?}",
            path.display(),
            t.elapsed()
        );
        for f in forms {
            found.push(format!(
                "{}: {} {} ({:.2})",
                path.display(),
                f.form,
                f.template_version,
                f.similarity
            ));
        }
    }
    eprintln!(
        "{read} of {} files read, extraction over all in {:?}",
        all.len(),
        started.elapsed()
    );
    assert!(read > 250);
    assert!(
        found.is_empty(),
        "forms found where there are none:\n{}",
        found.join("\n")
    );
}
