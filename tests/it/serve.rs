//! `yoshiki serve` over real HTTP: the page and its headers, the check
//! endpoint answering what `check --format json` answers, bad files as
//! findings, the upload cap, methods and content types, the token on
//! another address, and 20 uploads at once.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("address line");
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .or_else(|| line.split("0.0.0.0:").nth(1))
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    Server { child, port }
}

struct Answer {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("write");
    // The server may answer (413) before reading everything.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end: {}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status");
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|t| t == "chunked")
    {
        body = dechunk(&body);
    }
    Answer {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[end + 2..end + 2 + size]);
        b = &b[end + 2 + size + 2..];
    }
}

/// A multipart body of files sent as (name as sent, bytes).
fn multipart(files: &[(String, Vec<u8>)]) -> (String, Vec<u8>) {
    let boundary = "yoshikiTestBoundary7d1c";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The files of a folder, sent as `folder/name`.
fn folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let set = dir
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "yoshiki.toml"))
        .map(|p| {
            (
                format!("{set}/{}", p.file_name().expect("name").to_string_lossy()),
                std::fs::read(&p).expect("read"),
            )
        })
        .collect();
    v.sort();
    v
}

/// (file name, code) of every finding of a `check --format json` answer.
fn codes(json: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in json["files"].as_array().expect("files") {
        let name = Path::new(f["path"].as_str().unwrap_or(""))
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for d in f["diagnostics"].as_array().into_iter().flatten() {
            out.push((name.clone(), d["code"].as_str().unwrap_or("").to_string()));
        }
    }
    out.sort();
    out
}

fn post_files(
    port: u16,
    path: &str,
    files: &[(String, Vec<u8>)],
    extra: &[(&str, &str)],
) -> Answer {
    let (kind, body) = multipart(files);
    let mut headers = vec![("Content-Type", kind.as_str())];
    headers.extend_from_slice(extra);
    request(port, "POST", path, &headers, &body)
}

#[test]
fn the_page_is_served_with_a_strict_policy() {
    let s = start(&[]);
    let a = request(s.port, "GET", "/", &[], b"");
    assert_eq!(a.status, 200);
    assert!(a.text().contains("yoshiki 様式チェック"));
    let csp = a.headers.get("content-security-policy").expect("csp");
    assert!(
        csp.contains("default-src 'self'") && !csp.contains("http"),
        "{csp}"
    );
    for asset in ["/app.js", "/style.css"] {
        assert_eq!(
            request(s.port, "GET", asset, &[], b"").status,
            200,
            "{asset}"
        );
    }
    // Nothing in the page comes from elsewhere.
    let js = request(s.port, "GET", "/app.js", &[], b"").text();
    assert!(
        !a.text().contains("http") && !js.contains("http"),
        "external reference"
    );
}

#[test]
fn check_answers_what_the_command_line_answers() {
    let s = start(&[]);
    let dir = root().join("samples/mistakes/crossdoc");
    let a = post_files(s.port, "/api/check", &folder(&dir), &[]);
    assert_eq!(a.status, 200, "{}", a.text());
    // The page checks with the built-in call's defaults: so does the CLI here.
    let tmp = tempfile::tempdir().expect("tmp");
    let empty = tmp.path().join("yoshiki.toml");
    std::fs::write(&empty, include_str!("../../schemas/call.toml")).expect("write");
    let cli = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["check", "--format", "json", "--as-of"])
        .arg(a.json()["as_of"].as_str().expect("as_of"))
        .arg("--config")
        .arg(&empty)
        .arg(&dir)
        .output()
        .expect("check");
    let want: serde_json::Value = serde_json::from_slice(&cli.stdout).expect("json");
    let got = codes(&a.json());
    assert!(got.iter().any(|(_, c)| c == "XD001"), "{got:?}");
    assert_eq!(got, codes(&want));
    // explain for a code on the page.
    let e = request(s.port, "GET", "/api/explain/XD001?lang=en", &[], b"");
    assert_eq!(e.status, 200);
    assert_eq!(e.json()["code"], "XD001");
    assert_eq!(
        request(s.port, "GET", "/api/explain/NOPE1", &[], b"").status,
        404
    );
}

#[test]
fn bad_files_are_findings_never_errors_of_the_server() {
    let s = start(&[]);
    let hostile = root().join("tests/fixtures/hostile");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&hostile)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x != "md"))
        .map(|p| {
            (
                p.file_name().expect("n").to_string_lossy().into_owned(),
                std::fs::read(&p).expect("read"),
            )
        })
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    let a = post_files(s.port, "/api/check", &files, &[]);
    assert_eq!(a.status, 200, "{}", a.text());
    let json = a.json();
    let reported = json["files"].as_array().expect("files").len();
    assert!(reported >= files.len() - 1, "{reported} of {}", files.len());
    // The server is still there.
    assert_eq!(request(s.port, "GET", "/", &[], b"").status, 200);
}

#[test]
fn limits_methods_and_content_types() {
    let s = start(&["--max-upload-mb", "1"]);
    let big = vec![(String::from("big.docx"), vec![b'x'; 2 * 1024 * 1024])];
    let a = post_files(s.port, "/api/check", &big, &[]);
    assert_eq!(a.status, 413);
    assert!(
        a.json()["error"]
            .as_str()
            .expect("message")
            .contains("大きすぎます")
    );
    assert_eq!(request(s.port, "GET", "/api/check", &[], b"").status, 405);
    let a = request(
        s.port,
        "POST",
        "/api/check",
        &[("Content-Type", "text/plain")],
        b"hello",
    );
    assert_eq!(a.status, 415);
    assert!(
        a.json()["error"]
            .as_str()
            .expect("message")
            .contains("multipart")
    );
    let a = post_files(s.port, "/api/check", &[], &[]);
    assert_eq!(a.status, 400);
}

#[test]
fn another_address_needs_the_token() {
    let s = start(&["--host", "0.0.0.0", "--token", "s3cret"]);
    assert_eq!(request(s.port, "GET", "/", &[], b"").status, 401);
    assert_eq!(
        request(s.port, "GET", "/?token=s3cret", &[], b"").status,
        200
    );
    let files = folder(&root().join("samples/clean_single"));
    assert_eq!(post_files(s.port, "/api/check", &files, &[]).status, 401);
    let a = post_files(
        s.port,
        "/api/check",
        &files,
        &[("X-Yoshiki-Token", "s3cret")],
    );
    assert_eq!(a.status, 200, "{}", a.text());
}

#[test]
fn twenty_uploads_at_once_all_answered_alike() {
    let s = start(&[]);
    let files = folder(&root().join("samples/clean"));
    let first = codes(&post_files(s.port, "/api/check", &files, &[]).json());
    let handles: Vec<_> = (0..20)
        .map(|_| {
            let files = files.clone();
            let port = s.port;
            std::thread::spawn(move || {
                let a = post_files(port, "/api/check", &files, &[]);
                (a.status, codes(&a.json()))
            })
        })
        .collect();
    for h in handles {
        let (status, got) = h.join().expect("thread");
        assert_eq!(status, 200);
        assert_eq!(got, first);
    }
    // Peak memory of the server after the load (Linux).
    if let Ok(st) = std::fs::read_to_string(format!("/proc/{}/status", s.child.id()))
        && let Some(l) = st.lines().find(|l| l.starts_with("VmHWM"))
    {
        println!("serve peak memory after 20 concurrent uploads: {l}");
    }
}

#[test]
fn the_intake_report_downloads() {
    let s = start(&[]);
    let files = folder(&root().join("samples/mistakes/crossdoc"));
    let a = post_files(s.port, "/api/report?format=xlsx", &files, &[]);
    assert_eq!(a.status, 200);
    assert!(a.body.starts_with(b"PK"), "an xlsx");
    assert!(
        a.headers
            .get("content-disposition")
            .is_some_and(|d| d.contains("yoshiki_report.xlsx"))
    );
    let a = post_files(s.port, "/api/report?format=html", &files, &[]);
    assert!(a.text().contains("XD001"));
}

#[test]
fn an_annotated_copy_downloads_with_the_sets_findings() {
    let s = start(&[]);
    let files = folder(&root().join("samples/mistakes/crossdoc"));
    let target = files
        .iter()
        .find(|(n, _)| n.ends_with("02_様式2_企画提案書.docx"))
        .map(|(n, _)| n.clone())
        .expect("sample");
    let path = format!(
        "/api/annotate?file={}",
        target
            .replace('/', "%2F")
            .bytes()
            .map(|b| if b.is_ascii() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            })
            .collect::<String>()
    );
    let a = post_files(s.port, &path, &files, &[]);
    assert_eq!(a.status, 200, "{}", a.text());
    assert!(
        a.headers
            .get("content-disposition")
            .is_some_and(|d| d.contains("filename*=UTF-8''"))
    );
    let doc = yoshiki::read::read_bytes(
        "annotated.docx",
        a.body.clone(),
        &yoshiki::read::Limits::default(),
    )
    .expect("the copy reads");
    let comments = doc.package.as_ref().map_or(0, |p| p.comments.len());
    assert!(comments >= 1, "the cross-document XD001 is on the copy");
    let a = post_files(s.port, "/api/annotate?file=nope.docx", &files, &[]);
    assert_eq!(a.status, 400);
}

#[test]
fn a_sets_own_config_applies() {
    let s = start(&[]);
    let dir = root().join("samples/mistakes/proposal");
    let mut files = folder(&dir);
    files.push((
        "proposal/yoshiki.toml".to_string(),
        std::fs::read(dir.join("yoshiki.toml")).expect("the sample set has a config"),
    ));
    let a = post_files(s.port, "/api/check", &files, &[]);
    assert_eq!(a.status, 200, "{}", a.text());
    let cli = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["check", "--format", "json", "--as-of"])
        .arg(a.json()["as_of"].as_str().expect("as_of"))
        .arg(&dir)
        .output()
        .expect("check");
    let want: serde_json::Value = serde_json::from_slice(&cli.stdout).expect("json");
    assert_eq!(codes(&a.json()), codes(&want));
    // A broken config is refused with its own message.
    files.pop();
    files.push((
        "proposal/yoshiki.toml".to_string(),
        b"[call]\ntitel = 1\n".to_vec(),
    ));
    let a = post_files(s.port, "/api/check", &files, &[]);
    assert_eq!(a.status, 400);
    assert!(a.text().contains("titel"), "{}", a.text());
}

fn encoded(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn a_fixed_copy_is_previewed_then_downloaded() {
    let s = start(&[]);
    let dir = root().join("samples/mistakes/application");
    let files = folder(&dir);
    let target = files
        .iter()
        .find(|(n, _)| n.ends_with("01_様式1_申請書.docx"))
        .map(|(n, _)| n.clone())
        .expect("sample");
    let base = format!("/api/fix?file={}", encoded(&target));
    // The preview: what will change, where, before and after.
    let p = post_files(s.port, &format!("{base}&preview=1"), &files, &[]);
    assert_eq!(p.status, 200, "{}", p.text());
    let preview = p.json();
    assert_eq!(preview["fixable"], true, "{preview}");
    let changes = preview["changes"].as_array().expect("changes");
    assert!(!changes.is_empty());
    for c in changes {
        assert!(c["code"].as_str().is_some_and(|c| !c.is_empty()), "{c}");
        assert!(
            c["place"].as_str().is_some_and(|p| p.contains("様式")),
            "{c}"
        );
        assert_ne!(c["before"], c["after"], "{c}");
    }
    // The copy: its safe findings are gone, nothing new appears.
    let a = post_files(s.port, &base, &files, &[]);
    assert_eq!(a.status, 200, "{}", a.text());
    assert!(
        a.headers
            .get("content-disposition")
            .is_some_and(|d| d.contains(&encoded("修正済み")))
    );
    let fixed_name = target.clone();
    let mut fixed_files = files.clone();
    for f in &mut fixed_files {
        if f.0 == fixed_name {
            f.1 = a.body.clone();
        }
    }
    let before = post_files(s.port, "/api/check", &files, &[]).json();
    let after = post_files(s.port, "/api/check", &fixed_files, &[]).json();
    let fixed_codes: Vec<String> = changes
        .iter()
        .map(|c| c["code"].as_str().unwrap_or("").to_string())
        .collect();
    let count =
        |j: &serde_json::Value, code: &str| codes(j).iter().filter(|(_, c)| c == code).count();
    for code in &fixed_codes {
        assert!(
            count(&after, code) < count(&before, code),
            "{code} not fixed"
        );
    }
    for (_, code) in codes(&after) {
        assert!(count(&before, &code) > 0, "new finding {code}");
    }
    // A file that is not in the upload, and a file with nothing to fix.
    assert_eq!(
        post_files(s.port, "/api/fix?file=nope.docx", &files, &[]).status,
        400
    );
    let clean = folder(&root().join("samples/clean"));
    let roster = clean
        .iter()
        .find(|(n, _)| n.ends_with(".xlsx"))
        .map(|(n, _)| n.clone())
        .expect("roster");
    let none = post_files(
        s.port,
        &format!("/api/fix?file={}&preview=1", encoded(&roster)),
        &clean,
        &[],
    );
    assert_eq!(none.status, 200);
    assert_eq!(none.json()["fixable"], false);
}

/// Every location a preview carries, as the page keys it.
fn preview_locations(blocks: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
    for b in blocks.as_array().into_iter().flatten() {
        out.push(b["loc"].clone());
        for row in b["rows"].as_array().into_iter().flatten() {
            for cell in row["cells"].as_array().into_iter().flatten() {
                out.push(cell["loc"].clone());
                preview_locations(&cell["blocks"], out);
            }
        }
    }
}

#[test]
fn the_preview_carries_the_places_of_the_findings() {
    let s = start(&[]);
    let dir = root().join("samples/mistakes/crossdoc");
    let files = folder(&dir);
    let target = files
        .iter()
        .find(|(n, _)| n.ends_with("02_様式2_企画提案書.docx"))
        .map(|(n, _)| n.clone())
        .expect("sample");
    let p = post_files(
        s.port,
        &format!("/api/preview?file={}", encoded(&target)),
        &files,
        &[],
    );
    assert_eq!(p.status, 200, "{}", p.text());
    let preview = p.json();
    assert_eq!(preview["format"], "docx");
    let mut locs = Vec::new();
    preview_locations(&preview["blocks"], &mut locs);
    assert!(locs.len() > 50, "{}", locs.len());
    let text = preview.to_string();
    assert!(text.contains("企画提案書") && text.contains("事業の実施方法"));
    // Each finding on a paragraph is on a paragraph the preview draws.
    let checked = post_files(s.port, "/api/check", &files, &[]).json();
    let mut found = 0;
    for f in checked["files"].as_array().expect("files") {
        if f["path"] != target.as_str() {
            continue;
        }
        for d in f["diagnostics"].as_array().expect("diagnostics") {
            let p = &d["location"]["paragraph"];
            if p.is_null() {
                continue;
            }
            assert!(
                locs.iter().any(|l| l["paragraph"] == *p),
                "{} at paragraph {p} not in the preview",
                d["code"]
            );
            found += 1;
        }
    }
    assert!(found >= 1, "{found}");
}

#[test]
fn an_old_report_is_carried_onto_the_current_template() {
    let s = start(&[]);
    let files = folder(&root().join("samples/r5_report"));
    let docx = files
        .iter()
        .find(|(n, _)| n.ends_with(".docx"))
        .map(|(n, _)| n.clone())
        .expect("sample");
    let base = format!("/api/migrate?file={}", encoded(&docx));
    let p = post_files(s.port, &format!("{base}&preview=1"), &files, &[]);
    assert_eq!(p.status, 200, "{}", p.text());
    let summary = p.json();
    assert_eq!(summary["from"], "r5");
    assert!(
        summary["placed"].as_array().is_some_and(|a| a.len() >= 10),
        "{summary}"
    );
    assert!(
        summary["fresh_answers"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
    let a = post_files(s.port, &base, &files, &[]);
    assert_eq!(a.status, 200, "{}", a.text());
    let doc = yoshiki::read::read_bytes(
        "new.docx",
        a.body.clone(),
        &yoshiki::read::Limits::default(),
    )
    .expect("reads");
    let forms = yoshiki::forms::extract_forms(&doc);
    assert!(
        forms
            .iter()
            .any(|f| f.form == "security_report" && f.template_version == "r7")
    );
    // The forms list says which versions are current.
    let list = request(s.port, "GET", "/api/forms", &[], b"").json();
    let r5 = list
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["id"] == "security_report" && d["version"] == "r5")
        .expect("r5 listed");
    assert_eq!(r5["current"], false);
    // A current form is not migrated; the answer says why.
    let clean = folder(&root().join("samples/clean"));
    let report = clean
        .iter()
        .find(|(n, _)| n.ends_with("05_実施状況報告書.docx"))
        .map(|(n, _)| n.clone())
        .expect("r7 report");
    let r = post_files(
        s.port,
        &format!("/api/migrate?file={}&preview=1", encoded(&report)),
        &clean,
        &[],
    );
    assert_eq!(r.status, 422);
    assert!(
        r.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("既に現行"))
    );
}

#[test]
fn the_intake_report_downloads_as_csv_too() {
    let s = start(&[]);
    let mut files = folder(&root().join("samples/mistakes/sum002"));
    files.extend(folder(&root().join("samples/mistakes/crossdoc")));
    let sets = post_files(s.port, "/api/report?format=csv", &files, &[]);
    assert_eq!(sets.status, 200, "{}", sets.text());
    let text = sets.text();
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(
        text.contains("crossdoc") && text.contains("sum002"),
        "{text}"
    );
    let findings = post_files(s.port, "/api/report?format=findings-csv", &files, &[]);
    assert_eq!(findings.status, 200);
    let text = findings.text();
    for code in ["SUM002", "XD001", "XD002"] {
        assert!(text.contains(code), "{code}: {text}");
    }
    // The sets come back in name order, whatever order they were sent in.
    let mut reversed = files.clone();
    reversed.reverse();
    let a = post_files(s.port, "/api/check", &files, &[]).json();
    let b = post_files(s.port, "/api/check", &reversed, &[]).json();
    assert_eq!(a["files"], b["files"]);
}

/// A multipart body of files sent under roles: (field name, file name,
/// bytes).
fn multipart_roles(files: &[(&str, &str, Vec<u8>)]) -> (String, Vec<u8>) {
    let boundary = "yoshikiTestBoundary7d1c";
    let mut body = Vec::new();
    for (role, name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{role}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// What `migrate --to --format json` answers for the same files, and the
/// file it writes.
fn cli_migrate_to(filled: &Path, to: &Path, from: Option<&Path>) -> (serde_json::Value, Vec<u8>) {
    let tmp = tempfile::tempdir().expect("tmp");
    let ext = to.extension().expect("ext").to_string_lossy().into_owned();
    let out = tmp.path().join(format!("out.{ext}"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_yoshiki"));
    cmd.arg("migrate").arg(filled).arg("--to").arg(to);
    if let Some(f) = from {
        cmd.arg("--from").arg(f);
    }
    let run = cmd
        .arg("-o")
        .arg(&out)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let json = serde_json::from_slice(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&run.stderr)));
    (json, std::fs::read(&out).expect("written"))
}

/// (old label, new label, value) of each carried value, in order.
fn carried(json: &serde_json::Value) -> Vec<(String, String, String)> {
    json["placed"]
        .as_array()
        .expect("placed")
        .iter()
        .map(|p| {
            (
                p["old_label"].as_str().unwrap_or("").to_string(),
                p["new_label"].as_str().unwrap_or("").to_string(),
                p["new_value"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn last_years_form_is_carried_onto_this_years_template_as_the_cli_does() {
    let s = start(&[]);
    let fixtures = root().join("tests/fixtures/nextyear");
    for (form, ext) in [("gaiyo", "docx"), ("kaigo", "xlsx")] {
        let dir = fixtures.join(form);
        let filled = dir.join(format!("filled_1.{ext}"));
        let new = dir.join(format!("new.{ext}"));
        let old = dir.join(format!("old.{ext}"));
        for with_from in [false, true] {
            let mut files = vec![
                (
                    "filled",
                    "昨年度.".to_string() + ext,
                    std::fs::read(&filled).expect("read"),
                ),
                (
                    "to",
                    "今年度.".to_string() + ext,
                    std::fs::read(&new).expect("read"),
                ),
            ];
            if with_from {
                files.push((
                    "from",
                    format!("old.{ext}"),
                    std::fs::read(&old).expect("read"),
                ));
            }
            let files: Vec<(&str, &str, Vec<u8>)> = files
                .iter()
                .map(|(r, n, b)| (*r, n.as_str(), b.clone()))
                .collect();
            let (kind, body) = multipart_roles(&files);
            let headers = [("Content-Type", kind.as_str())];
            let p = request(s.port, "POST", "/api/migrate-to?preview=1", &headers, &body);
            assert_eq!(p.status, 200, "{form}: {}", p.text());
            let page = p.json();
            let (cli, cli_bytes) =
                cli_migrate_to(&filled, &new, with_from.then_some(old.as_path()));
            let what = format!("{form} with_from={with_from}");
            assert!(carried(&page).len() >= 5, "{what}: {page}");
            assert_eq!(carried(&page), carried(&cli), "{what}");
            for key in ["unplaced", "to_fill", "changed_wording"] {
                assert_eq!(
                    page[key].as_array().map(Vec::len),
                    cli[key].as_array().map(Vec::len),
                    "{what}: {key}"
                );
            }
            assert_eq!(
                page["counts"]["new_fields"],
                cli["to_fill"]
                    .as_array()
                    .expect("to_fill")
                    .iter()
                    .filter(|f| f["new_field"] == true)
                    .count(),
                "{what}"
            );
            // Places in words, as the person looks for them.
            assert!(
                page["placed"][0]["new_place_text"]
                    .as_str()
                    .is_some_and(|t| !t.is_empty()),
                "{what}: {page}"
            );
            // The download is the file the command writes.
            let d = request(s.port, "POST", "/api/migrate-to", &headers, &body);
            assert_eq!(d.status, 200, "{what}: {}", d.text());
            assert!(
                d.headers
                    .get("content-disposition")
                    .is_some_and(|c| c.contains(&encoded("昨年度_新様式.")) && c.contains(ext)),
                "{what}: {:?}",
                d.headers
            );
            assert!(
                d.body == cli_bytes,
                "{what}: the download differs from the CLI's file"
            );
        }
    }
    // Without this year's template, or with a PDF as the template: refused
    // in words.
    let filled = std::fs::read(fixtures.join("gaiyo/filled_1.docx")).expect("read");
    let (kind, body) = multipart_roles(&[("filled", "a.docx", filled.clone())]);
    let r = request(
        s.port,
        "POST",
        "/api/migrate-to?preview=1",
        &[("Content-Type", &kind)],
        &body,
    );
    assert_eq!(r.status, 400);
    assert!(
        r.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("今年度の白紙の様式"))
    );
    let (kind, body) = multipart_roles(&[
        ("filled", "a.docx", filled.clone()),
        ("to", "b.txt", "様式\n氏名：\n".as_bytes().to_vec()),
    ]);
    let r = request(
        s.port,
        "POST",
        "/api/migrate-to?preview=1",
        &[("Content-Type", &kind)],
        &body,
    );
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(
        r.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains(".docx"))
    );
    // A map file, as `--map`: a value moved to another entry, one not
    // carried; a map that does not read is refused in words.
    let kaigo = fixtures.join("kaigo");
    let with_map = |map: &str| {
        multipart_roles(&[
            (
                "filled",
                "a.xlsx",
                std::fs::read(kaigo.join("filled_1.xlsx")).expect("read"),
            ),
            (
                "to",
                "b.xlsx",
                std::fs::read(kaigo.join("new.xlsx")).expect("read"),
            ),
            ("map", "対応表.toml", map.as_bytes().to_vec()),
        ])
    };
    let (kind, body) =
        with_map("[map]\n\"連絡先\" = \"メールアドレス\"\n\"フ　リ　ガ　ナ\" = \"\"\n");
    let r = request(
        s.port,
        "POST",
        "/api/migrate-to?preview=1",
        &[("Content-Type", &kind)],
        &body,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let report = r.json();
    let placed = report["placed"].as_array().expect("placed");
    assert!(
        placed
            .iter()
            .any(|p| p["new_label"] == "メールアドレス" && p["new_place_text"] == "Sheet1!I14"),
        "{report}"
    );
    assert!(
        !placed.iter().any(|p| p["old_label"] == "フ　リ　ガ　ナ"),
        "{report}"
    );
    let (kind, body) = with_map("[map\n");
    let r = request(
        s.port,
        "POST",
        "/api/migrate-to?preview=1",
        &[("Content-Type", &kind)],
        &body,
    );
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(
        r.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("[map]"))
    );
    let (kind, body) =
        multipart_roles(&[("filled", "a.docx", filled), ("other", "b.docx", vec![])]);
    let r = request(
        s.port,
        "POST",
        "/api/migrate-to?preview=1",
        &[("Content-Type", &kind)],
        &body,
    );
    assert_eq!(r.status, 400);
}
