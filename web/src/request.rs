//! Requests and answers of the page's engine (see the crate docs for the
//! layout), kept apart from the exports so they can be tested natively.

use serde::Deserialize;
use std::sync::Arc;
use yoshiki::check::CheckOptions;
use yoshiki::diag::Lang;
use yoshiki::engine::{self, Download, EngineError};

#[derive(Debug, Deserialize)]
struct Header {
    op: String,
    #[serde(default)]
    lang: Option<String>,
    /// The date the check is made as of (the page passes today's local
    /// date: the module has no clock of its own).
    #[serde(default)]
    as_of: Option<String>,
    /// The file an operation is about (annotate, fix).
    #[serde(default)]
    file: Option<String>,
    /// The report format (xlsx, html).
    #[serde(default)]
    format: Option<String>,
    /// The rule code (explain).
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    files: Vec<FileEntry>,
}

#[derive(Debug, Deserialize)]
struct FileEntry {
    name: String,
    size: usize,
    /// What the file is for (migrate_to: `filled`, `to`, `from`, `map`).
    #[serde(default)]
    role: Option<String>,
}

/// The answer to one request: Ok for a result, Err for a refusal; both are
/// `u32 LE meta length, meta JSON, payload`.
pub fn answer(input: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let (header, blobs) = split(input).map_err(|e| refusal(&e))?;
    let lang = match header.lang.as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Ja,
    };
    let options = options(&header).map_err(|e| refusal(&e))?;
    let roles: Vec<String> = header
        .files
        .iter()
        .map(|f| f.role.clone().unwrap_or_default())
        .collect();
    let files = files(&header, blobs).map_err(|e| refusal(&e))?;
    let wanted = || {
        header
            .file
            .clone()
            .ok_or_else(|| bad("どのファイルか指定されていません。", "no file given"))
    };
    let result = match header.op.as_str() {
        "version" => Ok(json_answer(
            &serde_json::json!({ "version": env!("CARGO_PKG_VERSION") }),
        )),
        "forms" => Ok(json_answer(&engine::forms())),
        "explain" => {
            let code = header.code.clone().unwrap_or_default();
            engine::explain(&code, lang)
                .map(|v| json_answer(&v))
                .ok_or_else(|| {
                    bad(
                        &format!("「{code}」という規則コードはありません。"),
                        &format!("no rule code {code}"),
                    )
                })
        }
        "check" => engine::check_sets(engine::sets_of(files), &options)
            .map(|r| with_meta(&serde_json::json!({}), engine::report_json(&r, lang))),
        "report" => engine::check_sets(engine::sets_of(files), &options).and_then(|r| {
            engine::intake_report(&r, lang, header.format.as_deref().unwrap_or("xlsx"))
                .map(download_answer)
        }),
        "annotate" => wanted().and_then(|w| {
            engine::annotate(engine::sets_of(files), &w, &options, lang).map(download_answer)
        }),
        "preview" => wanted()
            .and_then(|w| engine::preview(&engine::sets_of(files), &w, &options))
            .map(|v| json_answer(&v)),
        "migrate" => wanted().and_then(|w| {
            let m = engine::migrate(&engine::sets_of(files), &w, &options, lang)?;
            let meta = serde_json::json!({
                "summary": m.summary, "file_name": m.download.file_name, "mime": m.download.mime,
            });
            Ok(with_meta(&meta, m.download.bytes))
        }),
        "migrate_to" => {
            let named = roles
                .into_iter()
                .zip(files)
                .map(|(role, (name, bytes))| (role, engine::NamedFile { name, bytes }))
                .collect();
            engine::CarryFiles::by_role(named)
                .and_then(|f| engine::migrate_to(f, &options.limits, lang))
                .map(|m| {
                    let meta = serde_json::json!({
                        "summary": m.summary, "file_name": m.download.file_name, "mime": m.download.mime,
                    });
                    with_meta(&meta, m.download.bytes)
                })
        }
        "fix" => wanted().and_then(|w| {
            let fixed = engine::fix(engine::sets_of(files), &w, &options, lang)?;
            let meta = serde_json::json!({
                "changes": fixed.changes,
                "fixable": fixed.download.is_some(),
                "file_name": fixed.download.as_ref().map(|d| d.file_name.clone()),
                "mime": fixed.download.as_ref().map(|d| d.mime),
            });
            Ok(with_meta(
                &meta,
                fixed.download.map(|d| d.bytes).unwrap_or_default(),
            ))
        }),
        other => Err(bad(
            &format!("「{other}」という操作はありません。"),
            &format!("no operation {other}"),
        )),
    };
    result.map_err(|e| refusal(&e))
}

fn bad(ja: &str, en: &str) -> EngineError {
    EngineError {
        ja: ja.into(),
        en: en.into(),
        bad_request: true,
    }
}

/// The header and the bytes after it.
fn split(input: &[u8]) -> Result<(Header, &[u8]), EngineError> {
    let broken = || bad("ページからの依頼が壊れています。", "malformed request");
    let len_bytes: [u8; 4] = input
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(broken)?;
    let len = u32::from_le_bytes(len_bytes) as usize;
    let end = 4usize.checked_add(len).ok_or_else(broken)?;
    let header = input.get(4..end).ok_or_else(broken)?;
    let header: Header = serde_json::from_slice(header).map_err(|_| broken())?;
    Ok((header, input.get(end..).unwrap_or_default()))
}

fn options(header: &Header) -> Result<CheckOptions, EngineError> {
    let as_of = match &header.as_of {
        Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            bad(
                &format!("日付「{s}」が読めません（YYYY-MM-DD）。"),
                &format!("cannot read the date {s} (YYYY-MM-DD)"),
            )
        })?,
        None => return Err(bad("確認する日付が渡されていません。", "no as_of date")),
    };
    // Every field is set here: Default would ask a clock for today.
    Ok(CheckOptions {
        as_of,
        config: None,
        limits: yoshiki::Limits::default(),
        knowledge: None,
        files_one_by_one: false,
    })
}

/// Files as the engine takes them: (name, bytes).
type Files = Vec<(String, Arc<[u8]>)>;

fn files(header: &Header, mut blobs: &[u8]) -> Result<Files, EngineError> {
    let mut out = Vec::with_capacity(header.files.len());
    for f in &header.files {
        let Some((bytes, rest)) = blobs.split_at_checked(f.size) else {
            return Err(bad(
                "ページからの依頼が途中で切れています。",
                "request truncated",
            ));
        };
        out.push((f.name.clone(), Arc::from(bytes)));
        blobs = rest;
    }
    Ok(out)
}

fn with_meta(meta: &serde_json::Value, payload: Vec<u8>) -> Vec<u8> {
    let meta = meta.to_string().into_bytes();
    let mut out = Vec::with_capacity(4 + meta.len() + payload.len());
    out.extend_from_slice(&(meta.len() as u32).to_le_bytes());
    out.extend_from_slice(&meta);
    out.extend_from_slice(&payload);
    out
}

fn json_answer(v: &serde_json::Value) -> Vec<u8> {
    with_meta(&serde_json::json!({}), v.to_string().into_bytes())
}

fn download_answer(d: Download) -> Vec<u8> {
    with_meta(
        &serde_json::json!({ "file_name": d.file_name, "mime": d.mime }),
        d.bytes,
    )
}

fn refusal(e: &EngineError) -> Vec<u8> {
    with_meta(
        &serde_json::json!({ "error": e.ja, "error_en": e.en }),
        Vec::new(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(header: serde_json::Value, files: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut header = header;
        header["files"] = files
            .iter()
            .map(|(n, b)| serde_json::json!({ "name": n, "size": b.len() }))
            .collect();
        let head = header.to_string().into_bytes();
        let mut out = (head.len() as u32).to_le_bytes().to_vec();
        out.extend_from_slice(&head);
        for (_, b) in files {
            out.extend_from_slice(b);
        }
        out
    }

    fn parts(answer: &[u8]) -> (serde_json::Value, &[u8]) {
        let len = u32::from_le_bytes(answer[..4].try_into().unwrap()) as usize;
        (
            serde_json::from_slice(&answer[4..4 + len]).unwrap(),
            &answer[4 + len..],
        )
    }

    #[test]
    fn a_sample_set_is_checked_as_the_cli_checks_it() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/mistakes/crossdoc");
        let mut files = Vec::new();
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            files.push((name, std::fs::read(e.path()).unwrap()));
        }
        files.sort();
        let refs: Vec<(&str, Vec<u8>)> =
            files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        let req = request(
            serde_json::json!({ "op": "check", "as_of": "2026-12-01" }),
            &refs,
        );
        let answer = answer(&req).expect("answered");
        let (meta, payload) = parts(&answer);
        assert!(meta.get("error").is_none(), "{meta}");
        let report: serde_json::Value = serde_json::from_slice(payload).unwrap();
        assert_eq!(report["summary"]["files"], 4, "{report}");
        let codes: Vec<&str> = report["files"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["diagnostics"].as_array().unwrap())
            .filter_map(|d| d["code"].as_str())
            .collect();
        assert!(
            codes.contains(&"XD001") && codes.contains(&"XD002"),
            "{codes:?}"
        );
    }

    #[test]
    fn last_years_form_is_carried_onto_this_years_template() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/nextyear/gaiyo"
        );
        let read = |n: &str| std::fs::read(format!("{dir}/{n}")).unwrap();
        let header = |roles: &[&str]| {
            let mut h = Vec::new();
            let mut head = serde_json::json!({ "op": "migrate_to", "as_of": "2026-12-01" });
            let names = ["filled_1.docx", "new.docx", "old.docx"];
            head["files"] = roles
                .iter()
                .zip(names)
                .map(|(r, n)| serde_json::json!({ "name": n, "size": read(n).len(), "role": r }))
                .collect();
            let head = head.to_string().into_bytes();
            h.extend_from_slice(&(head.len() as u32).to_le_bytes());
            h.extend_from_slice(&head);
            for n in names.iter().take(roles.len()) {
                h.extend_from_slice(&read(n));
            }
            h
        };
        let answer_of = answer(&header(&["filled", "to", "from"])).expect("answered");
        let (meta, payload) = parts(&answer_of);
        // The same carrying as the library's, called directly.
        let limits = yoshiki::Limits::default();
        let doc = |n: &str| yoshiki::read::read_bytes(n, read(n), &limits).unwrap();
        let direct = yoshiki::write::carry::carry(
            &doc("filled_1.docx"),
            Some(&doc("old.docx")),
            &doc("new.docx"),
            &read("new.docx"),
            &Default::default(),
            &limits,
        )
        .unwrap();
        let summary = &meta["summary"];
        assert_eq!(summary["counts"]["placed"], direct.placed.len(), "{meta}");
        assert_eq!(summary["counts"]["unplaced"], direct.unplaced.len());
        assert!(direct.placed.len() >= 5, "{meta}");
        assert_eq!(payload, direct.bytes.as_slice());
        assert_eq!(meta["file_name"], "filled_1_新様式.docx");
        // Without this year's template: refused in words.
        let (meta, _) = parts(&answer(&header(&["filled"])).expect_err("refused"));
        assert!(
            meta["error"]
                .as_str()
                .unwrap()
                .contains("今年度の白紙の様式"),
            "{meta}"
        );
    }

    #[test]
    fn a_broken_request_is_refused_in_words() {
        for req in [vec![1u8, 2], {
            let mut r = 100u32.to_le_bytes().to_vec();
            r.extend_from_slice(b"{}");
            r
        }] {
            let (meta, _) = parts(&answer(&req).expect_err("refused"));
            assert!(
                meta["error"].as_str().unwrap().contains("壊れています"),
                "{meta}"
            );
        }
        let truncated = {
            let mut r = request(
                serde_json::json!({ "op": "check", "as_of": "2026-12-01" }),
                &[("a.txt", b"abc".to_vec())],
            );
            r.pop();
            r
        };
        let (meta, _) = parts(&answer(&truncated).expect_err("refused"));
        assert!(
            meta["error"].as_str().unwrap().contains("途中で切れて"),
            "{meta}"
        );
        let no_date = request(serde_json::json!({ "op": "check" }), &[]);
        assert!(answer(&no_date).is_err());
    }
}
