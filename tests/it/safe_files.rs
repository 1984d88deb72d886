//! Issue 14: never write through a link, never read without a bound, never
//! widen who can read. One test (or more) per numbered point of the issue;
//! devices only through a link made and removed here, never written to.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn yoshiki() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yoshiki"));
    c.env_remove("YOSHIKI_FAULT_INJECT");
    c
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run yoshiki")
}

/// A copy of a report with two safe fixes (VER001, VER002).
fn fixable(dir: &Path) -> PathBuf {
    let p = dir.join("r.docx");
    fs::copy(
        root().join("samples/mistakes/report_edition/05_実施状況報告書.docx"),
        &p,
    )
    .expect("copy");
    p
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).expect("stat").permissions().mode() & 0o777
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

// 1. Output links are not followed; existing outputs need --force.

#[test]
fn p1_fix_output_through_a_link_is_refused_and_the_target_untouched() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = fixable(tmp.path());
    let victim = tmp.path().join("victim.txt");
    fs::write(&victim, b"do not touch").expect("write");
    let link = tmp.path().join("out.docx");
    symlink(&victim, &link).expect("link");
    for force in [false, true] {
        let mut cmd = yoshiki();
        cmd.arg("fix").arg("--output").arg(&link).arg(&input);
        if force {
            cmd.arg("--force");
        }
        let out = run(&mut cmd);
        assert_eq!(out.status.code(), Some(1), "force={force}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(fs::read(&victim).expect("read"), b"do not touch");
        assert!(
            fs::symlink_metadata(&link)
                .expect("stat")
                .file_type()
                .is_symlink()
        );
    }
}

#[test]
fn p1_annotate_migrate_and_report_refuse_links() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = fixable(tmp.path());
    let victim = tmp.path().join("victim.txt");
    fs::write(&victim, b"keep").expect("write");
    // A dangling link too: `exists()` says no, the write must still refuse.
    let dangling = tmp.path().join("dangling.docx");
    symlink(tmp.path().join("nowhere.docx"), &dangling).expect("link");
    let link = tmp.path().join("l.docx");
    symlink(&victim, &link).expect("link");
    for out_path in [&link, &dangling] {
        let out = run(yoshiki()
            .arg("annotate")
            .arg(&input)
            .arg("-o")
            .arg(out_path)
            .arg("--force"));
        assert_ne!(
            out.status.code(),
            Some(0),
            "annotate → {}",
            out_path.display()
        );
        let out = run(yoshiki()
            .arg("migrate")
            .arg(root().join("samples/r5_report/別紙4_実施状況報告書.docx"))
            .arg("-o")
            .arg(out_path)
            .arg("--force"));
        assert_ne!(
            out.status.code(),
            Some(0),
            "migrate → {}",
            out_path.display()
        );
    }
    let report = tmp.path().join("report.html");
    symlink(&victim, &report).expect("link");
    let out = run(yoshiki()
        .args(["check", "--report"])
        .arg(&report)
        .arg(&input));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(&victim).expect("read"), b"keep");
    assert!(!tmp.path().join("nowhere.docx").exists());
}

#[test]
fn p1_existing_outputs_need_force() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = fixable(tmp.path());
    let out_path = tmp.path().join("out.docx");
    fs::write(&out_path, b"older").expect("write");
    let out = run(yoshiki().arg("fix").arg("-o").arg(&out_path).arg(&input));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read(&out_path).expect("read"), b"older");
    let out = run(yoshiki()
        .arg("fix")
        .arg("-o")
        .arg(&out_path)
        .arg("--force")
        .arg(&input));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(fs::read(&out_path).expect("read"), b"older");
    let report = tmp.path().join("r.csv");
    fs::write(&report, b"old report").expect("write");
    let out = run(yoshiki()
        .args(["check", "--report"])
        .arg(&report)
        .arg(&input));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(&report).expect("read"), b"old report");
    let out = run(yoshiki()
        .args(["check", "--force", "--report"])
        .arg(&report)
        .arg(&input));
    assert_eq!(out.status.code(), Some(1));
    assert_ne!(fs::read(&report).expect("read"), b"old report");
}

// 2. Reads are bounded: devices and FIFOs are never read.

#[test]
fn p2_a_link_to_dev_zero_and_a_fifo_are_refused_quickly_by_every_command() {
    let tmp = tempfile::tempdir().expect("tmp");
    let zero = tmp.path().join("x.docx");
    symlink("/dev/zero", &zero).expect("link");
    let fifo = tmp.path().join("f.docx");
    let have_fifo = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let mut targets = vec![zero.clone()];
    if have_fifo {
        targets.push(fifo.clone());
    } else {
        eprintln!("skip: mkfifo not available");
    }
    for target in &targets {
        for args in [
            vec!["dump"],
            vec!["check", "--format", "json"],
            vec!["extract"],
            vec!["fix", "--dry-run"],
        ] {
            let started = Instant::now();
            let out = run(yoshiki().args(&args).arg(target));
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "{args:?} {}: took {:?}",
                target.display(),
                started.elapsed()
            );
            assert_ne!(out.status.code(), Some(0), "{args:?} {}", target.display());
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                text.contains("IN003") || text.contains("デバイス") || text.contains("FIFO"),
                "{args:?} {}: {text}",
                target.display()
            );
        }
    }
    let _ = fs::remove_file(&zero);
}

// 3. Permissions: read-only files, 0600 inputs, temporary files.

#[test]
fn p3_a_read_only_file_is_not_rewritten_without_force() {
    let tmp = tempfile::tempdir().expect("tmp");
    let f = fixable(tmp.path());
    let before = fs::read(&f).expect("read");
    fs::set_permissions(&f, fs::Permissions::from_mode(0o444)).expect("chmod");
    let out = run(yoshiki().arg("fix").arg(&f));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
    assert_eq!(fs::read(&f).expect("read"), before);
    let out = run(yoshiki().arg("fix").arg("--force").arg(&f));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(fs::read(&f).expect("read"), before);
    assert_eq!(mode(&f), 0o444, "mode kept");
}

#[test]
fn p3_outputs_of_a_0600_input_are_0600_and_no_temp_is_left() {
    let tmp = tempfile::tempdir().expect("tmp");
    let f = fixable(tmp.path());
    fs::set_permissions(&f, fs::Permissions::from_mode(0o600)).expect("chmod");
    // A stale temporary of a killed run (a PID that is not running).
    let stale = tmp.path().join(".r.docx.yoshiki-2147483646-1f-0.tmp");
    fs::write(&stale, b"secret").expect("write");
    // And a checking folder of a killed `fix` in the temporary folder.
    let stale_dir = std::env::temp_dir().join("yoshiki-fix-2147483646-7");
    fs::create_dir_all(&stale_dir).expect("mkdir");
    fs::write(stale_dir.join("r.docx"), b"secret").expect("write");
    let annotated = tmp.path().join("a.docx");
    let out = run(yoshiki().arg("annotate").arg(&f).arg("-o").arg(&annotated));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&annotated), 0o600);
    let fixed = tmp.path().join("fixed.docx");
    let out = run(yoshiki().arg("fix").arg("-o").arg(&fixed).arg(&f));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&fixed), 0o600);
    let out = run(yoshiki().arg("fix").arg(&f));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(mode(&f), 0o600);
    let left: Vec<_> = fs::read_dir(tmp.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    assert!(!stale_dir.exists(), "stale checking folder not swept");
}

#[test]
fn p3_a_file_of_another_user_is_not_replaced() {
    if !is_root() {
        eprintln!("skip: needs root to create a file owned by another user");
        return;
    }
    let Some(nobody) = uid_of("nobody") else {
        eprintln!("skip: no user 'nobody'");
        return;
    };
    // As root the owner is kept when a file is replaced.
    let tmp = tempfile::tempdir().expect("tmp");
    let f = fixable(tmp.path());
    let chown = Command::new("chown").arg("nobody").arg(&f).status();
    if !chown.is_ok_and(|s| s.success()) {
        eprintln!("skip: chown failed");
        return;
    }
    let out = run(yoshiki().arg("fix").arg(&f));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    use std::os::unix::fs::MetadataExt;
    assert_eq!(fs::metadata(&f).expect("stat").uid(), nobody, "owner kept");
}

#[test]
fn p3_a_file_the_user_cannot_write_is_never_replaced_even_with_force() {
    // A root-owned file in a folder everyone may write to: the folder would
    // let `nobody` swap the file, the file's owner says no.
    if !is_root() {
        eprintln!("skip: needs root to create a file of another user");
        return;
    }
    let Some(ids) = nobody_ids() else {
        eprintln!("skip: no user 'nobody' or no setpriv");
        return;
    };
    let tmp = tempfile::tempdir().expect("tmp");
    let f = fixable(tmp.path());
    open_to_all(tmp.path());
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o777)).expect("chmod");
    let before = fs::read(&f).expect("read");
    for force in [false, true] {
        let mut cmd = as_user(ids);
        cmd.arg("fix").arg(&f);
        if force {
            cmd.arg("--force");
        }
        let out = run(&mut cmd);
        assert_ne!(out.status.code(), Some(0), "force={force}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("他の利用者") || err.contains("読み取り専用"),
            "{err}"
        );
        assert_eq!(
            fs::read(&f).expect("read"),
            before,
            "untouched (force={force})"
        );
    }
}

/// The uid and gid of `nobody`, when it exists and `setpriv` can switch to it.
fn nobody_ids() -> Option<(u32, u32)> {
    let uid = uid_of("nobody")?;
    let out = Command::new("id").arg("-g").arg("nobody").output().ok()?;
    let gid = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
    let works = Command::new("setpriv")
        .args([
            format!("--reuid={uid}"),
            format!("--regid={gid}"),
            "--clear-groups".into(),
        ])
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    works.then_some((uid, gid))
}

/// yoshiki run as another user (root only).
fn as_user((uid, gid): (u32, u32)) -> Command {
    let mut cmd = Command::new("setpriv");
    cmd.args([
        format!("--reuid={uid}"),
        format!("--regid={gid}"),
        "--clear-groups".into(),
    ])
    .arg(env!("CARGO_BIN_EXE_yoshiki"))
    .env("NO_COLOR", "1");
    cmd
}

/// Let every user enter the test folder and read what is in it (a temporary
/// folder is 0700); the locked folder keeps its 000.
fn open_to_all(dir: &Path) {
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).expect("chmod");
    for entry in walk(dir) {
        let m = mode(&entry);
        if m == 0 {
            continue;
        }
        let add = if entry.is_dir() { 0o755 } else { 0o644 };
        fs::set_permissions(&entry, fs::Permissions::from_mode(m | add)).expect("chmod");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).expect("list").flatten() {
        let p = e.path();
        let locked = p.is_dir() && mode(&p) == 0;
        if p.is_dir() && !locked {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

fn uid_of(user: &str) -> Option<u32> {
    let out = Command::new("id").arg("-u").arg(user).output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

// 4. A batch is not stopped by one folder.

#[test]
fn p4_an_unreadable_folder_is_a_finding_and_the_rest_runs() {
    // Root reads every folder: as root the check runs as `nobody`.
    let nobody = is_root().then(nobody_ids);
    if nobody == Some(None) {
        eprintln!("skip: root, and no user 'nobody' or no setpriv to run as it");
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let good = tmp.path().join("good");
    fs::create_dir(&good).expect("mkdir");
    fixable(&good);
    let locked = tmp.path().join("locked");
    fs::create_dir(&locked).expect("mkdir");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    open_to_all(tmp.path());
    let mut cmd = match nobody.flatten() {
        Some(ids) => as_user(ids),
        None => yoshiki(),
    };
    let out = run(cmd.args(["check", "--format", "json"]).arg(tmp.path()));
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).expect("chmod");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let paths: Vec<String> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(paths.iter().any(|p| p.ends_with("locked")), "{paths:?}");
    assert!(paths.iter().any(|p| p.ends_with("r.docx")), "{paths:?}");
}

// 5. Exit codes that say "fine" only when it is.

#[test]
fn p5_fix_fails_on_files_it_cannot_read() {
    let hostile = root().join("tests/fixtures/hostile");
    for name in ["empty.docx", "doctype_entities.docx", "plain_text.xlsx"] {
        let tmp = tempfile::tempdir().expect("tmp");
        let f = tmp.path().join(name);
        fs::copy(hostile.join(name), &f).expect("copy");
        let before = fs::read(&f).expect("read");
        let out = run(yoshiki().arg("fix").arg(&f));
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert_eq!(fs::read(&f).expect("read"), before, "{name}");
    }
    // An empty/plain-text Office name is IN001, not a text submission.
    let out = run(yoshiki()
        .args(["check", "--format", "json"])
        .arg(hostile.join("plain_text.xlsx")));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("IN001") && text.contains("壊れているか、中身が空です"),
        "{text}"
    );
}

// Paths that are not UTF-8 are reported losslessly.

#[test]
fn p6_a_non_utf8_path_is_read_and_reported_byte_exact() {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    let tmp = tempfile::tempdir().expect("tmp");
    let raw: Vec<u8> = b"\x95\xf1\x8d\x90\xff.docx".to_vec(); // cp932 報告 + a stray byte
    let name = std::ffi::OsString::from_vec(raw);
    let path = tmp.path().join(&name);
    fs::copy(
        root().join("samples/mistakes/report_edition/05_実施状況報告書.docx"),
        &path,
    )
    .expect("copy");
    let out = run(yoshiki()
        .args(["check", "--format", "json"])
        .arg(tmp.path()));
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let file = &json["files"][0];
    let shown = file["path"].as_str().expect("path");
    assert!(shown.contains('\u{FFFD}'), "{shown}");
    let bytes: Vec<u8> = file["path_bytes"]
        .as_array()
        .expect("path_bytes")
        .iter()
        .map(|b| b.as_u64().expect("byte") as u8)
        .collect();
    assert_eq!(bytes, path.as_os_str().as_bytes());
    // The file itself was read (its VER001 found), not lost to the name.
    let codes: Vec<&str> = file["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"VER001"), "{codes:?}");
}

#[test]
fn p5_fix_finds_a_shared_string_part_named_in_another_case() {
    use std::io::{Read, Write};
    let src = root().join("samples/libreoffice/04_情報取扱者名簿.xlsx");
    let mut archive = zip::ZipArchive::new(fs::File::open(&src).expect("open")).expect("zip");
    let tmp = tempfile::tempdir().expect("tmp");
    let f = tmp.path().join("ss.xlsx");
    let mut out = zip::ZipWriter::new(fs::File::create(&f).expect("create"));
    for i in 0..archive.len() {
        let mut e = archive.by_index(i).expect("entry");
        let mut data = Vec::new();
        e.read_to_end(&mut data).expect("read");
        let mut name = e.name().expect("name").to_string();
        if name == "xl/sharedStrings.xml" {
            // The relationship still says sharedStrings.xml.
            name = "xl/SharedStrings.xml".into();
            data = String::from_utf8(data)
                .expect("utf8")
                .replacen(
                    "（別添様式）",
                    "内閣官房内閣サイバーセキュリティセンター",
                    1,
                )
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&data).expect("write");
    }
    out.finish().expect("finish");
    let out = run(yoshiki().args(["check", "--format", "json"]).arg(&f));
    assert!(String::from_utf8_lossy(&out.stdout).contains("VER002"));
    let out = run(yoshiki().arg("fix").arg(&f));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = run(yoshiki().args(["check", "--format", "json"]).arg(&f));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("VER002"));
}
