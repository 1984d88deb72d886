//! The routes: the page and its assets, `POST /api/check`, `POST
//! /api/report`, `GET /api/explain/{code}`. Every answer carries a
//! Content-Security-Policy that allows only this server; a bad file is a
//! finding in a 200 answer, never a 500.

use super::State;
use super::assets;
use crate::check::{MemorySet, check_memory};
use crate::diag::Lang;
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::collections::BTreeMap;
use std::sync::Arc;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

pub(crate) fn router(state: Arc<State>) -> Router {
    let limit = state.options.max_upload;
    Router::new()
        .route(
            "/",
            get(|| async { page(assets::INDEX, "text/html; charset=utf-8") }),
        )
        .route(
            "/app.js",
            get(|| async { page(assets::APP_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/style.css",
            get(|| async { page(assets::STYLE, "text/css; charset=utf-8") }),
        )
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/api/check", post(check))
        .route("/api/report", post(report))
        .route("/api/annotate", post(annotate))
        .route("/api/explain/{code}", get(explain))
        .route("/api/forms", get(forms))
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(Arc::clone(&state), guard))
        .with_state(state)
}

fn page(body: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

/// A JSON error with a Japanese message (and the English one).
fn error(status: StatusCode, ja: &str, en: &str) -> Response {
    let body = serde_json::json!({ "error": ja, "error_en": en }).to_string();
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

/// Token check and the headers every answer carries.
async fn guard(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    req: Request,
    next: Next,
) -> Response {
    if let Some(token) = &state.options.token {
        let header_ok = req
            .headers()
            .get("x-yoshiki-token")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == token);
        let query_ok = req.uri().query().is_some_and(|q| {
            q.split('&')
                .any(|kv| kv.strip_prefix("token=").is_some_and(|v| v == token))
        });
        if !header_ok && !query_ok {
            return with_headers(error(
                StatusCode::UNAUTHORIZED,
                "このページを開くには、yoshiki serve が表示したアドレス（token 付き）を使ってください。",
                "Use the address yoshiki serve printed (with its token).",
            ));
        }
    }
    let mut res = next.run(req).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        let mb = state.options.max_upload / (1024 * 1024);
        res = error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!(
                "送られたファイルが大きすぎます（一度に {mb} MB まで）。ファイルを分けて確認してください。"
            ),
            &format!(
                "The upload is too large (at most {mb} MB at once); check the files in smaller groups."
            ),
        );
    }
    with_headers(res)
}

fn with_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn lang_of(q: &BTreeMap<String, String>) -> Lang {
    match q.get("lang").map(String::as_str) {
        Some("en") => Lang::En,
        _ => Lang::Ja,
    }
}

/// The uploaded files as submission sets: a file sent as `folder/name`
/// belongs to the set `folder`; files sent without a folder form one set.
async fn sets_of(mut form: Multipart) -> Result<Vec<MemorySet>, Response> {
    let mut sets: Vec<MemorySet> = Vec::new();
    while let Some(field) = form.next_field().await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            StatusCode::PAYLOAD_TOO_LARGE.into_response()
        } else {
            error(
                StatusCode::BAD_REQUEST,
                "送信の形式が正しくありません（ファイルを選び直してください）。",
                &format!("malformed upload: {e}"),
            )
        }
    })? {
        let name = field.file_name().unwrap_or("").replace('\\', "/");
        let bytes = field.bytes().await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                StatusCode::PAYLOAD_TOO_LARGE.into_response()
            } else {
                error(
                    StatusCode::BAD_REQUEST,
                    "ファイルを受け取れませんでした。",
                    &e.to_string(),
                )
            }
        })?;
        if name.is_empty() {
            continue;
        }
        let set = match name.split_once('/') {
            Some((folder, _)) => folder.to_string(),
            None => "提出物".to_string(),
        };
        let file = (name.clone(), Arc::<[u8]>::from(bytes.as_ref()));
        match sets.iter_mut().find(|s| s.name == set) {
            Some(s) => s.files.push(file),
            None => sets.push(MemorySet {
                name: set,
                files: vec![file],
            }),
        }
    }
    if sets.is_empty() {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "ファイルが選ばれていません。",
            "no file was sent",
        ));
    }
    Ok(sets)
}

type Upload = Result<Multipart, axum::extract::multipart::MultipartRejection>;

/// The multipart body, or the 415 answer (an axum `Response` is the error:
/// it is what the handler returns as is).
#[allow(clippy::result_large_err)]
fn upload(form: Upload) -> Result<Multipart, Response> {
    form.map_err(|_| {
        error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "ファイルは multipart/form-data で送ってください。",
            "send the files as multipart/form-data",
        )
    })
}

/// Check the sets on the blocking pool, one of the bounded slots.
async fn run_check(
    state: &Arc<State>,
    sets: Vec<MemorySet>,
) -> Result<crate::check::CheckReport, Response> {
    let _slot = state.slots.acquire().await.map_err(|_| {
        error(
            StatusCode::SERVICE_UNAVAILABLE,
            "サーバーを終了しています。",
            "shutting down",
        )
    })?;
    // A set that carries its own yoshiki.toml (the call's title, cap, rule
    // levels) is checked with it, as `yoshiki check` would.
    let mut jobs: Vec<(MemorySet, crate::check::CheckOptions)> = Vec::new();
    for mut set in sets {
        let mut options = state.options.check.clone();
        if let Some(i) = set
            .files
            .iter()
            .position(|(n, _)| n.rsplit('/').next() == Some(crate::config::FILE_NAME))
        {
            let (name, bytes) = set.files.remove(i);
            let text = String::from_utf8_lossy(&bytes);
            match crate::config::Config::parse(&text, &name) {
                Ok(c) => options.config = Some(c),
                Err(e) => {
                    return Err(error(
                        StatusCode::BAD_REQUEST,
                        &e.message_ja(),
                        &e.to_string(),
                    ));
                }
            }
        }
        jobs.push((set, options));
    }
    tokio::task::spawn_blocking(move || {
        let mut all: Option<crate::check::CheckReport> = None;
        for (set, options) in jobs {
            let r = check_memory(std::slice::from_ref(&set), &options);
            all = Some(match all {
                None => r,
                Some(acc) => crate::check::CheckReport::concat(acc, r),
            });
        }
        all.unwrap_or_else(|| check_memory(&[], &crate::check::CheckOptions::default()))
    })
    .await
    .map_err(|_| {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "確認中に内部エラーが起きました。",
            "internal error while checking",
        )
    })
}

async fn check(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    Query(q): Query<BTreeMap<String, String>>,
    form: Upload,
) -> Response {
    let form = match upload(form) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let report = match sets_of(form).await {
        Ok(sets) => match run_check(&state, sets).await {
            Ok(r) => r,
            Err(r) => return r,
        },
        Err(r) => return r,
    };
    let mut out = Vec::new();
    if crate::diag::json::write(&report, lang_of(&q), false, &mut out).is_err() {
        return error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "結果を書き出せませんでした。",
            "cannot render",
        );
    }
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        out,
    )
        .into_response()
}

/// The intake report of the uploaded sets: `?format=xlsx` (default) or `html`.
async fn report(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    Query(q): Query<BTreeMap<String, String>>,
    form: Upload,
) -> Response {
    let form = match upload(form) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let lang = lang_of(&q);
    let checked = match sets_of(form).await {
        Ok(sets) => match run_check(&state, sets).await {
            Ok(r) => r,
            Err(r) => return r,
        },
        Err(r) => return r,
    };
    let rows = crate::report::from_check(&checked, lang, false);
    let (body, kind, name) = match q.get("format").map(String::as_str) {
        Some("html") => (
            crate::report::html::render(&rows, lang).into_bytes(),
            "text/html; charset=utf-8",
            "yoshiki_report.html",
        ),
        _ => match crate::report::xlsx::render(&rows, lang) {
            Ok(b) => (
                b,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "yoshiki_report.xlsx",
            ),
            Err(e) => {
                return error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "報告書を作れませんでした。",
                    &e.to_string(),
                );
            }
        },
    };
    Response::builder()
        .header(header::CONTENT_TYPE, kind)
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        )
        .body(Body::from(body))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// What a rule checks, why, an example (`yoshiki explain CODE`).
async fn explain(Path(code): Path<String>, Query(q): Query<BTreeMap<String, String>>) -> Response {
    let Some(meta) = crate::rules::meta(code.trim()) else {
        return error(
            StatusCode::NOT_FOUND,
            &format!("「{code}」という規則コードはありません。"),
            &format!("no rule code {code}"),
        );
    };
    let title = match lang_of(&q) {
        Lang::Ja => meta.title_ja,
        Lang::En => meta.title_en,
    };
    let body = serde_json::json!({
        "code": meta.code,
        "severity": meta.default_severity.as_str(),
        "title": title,
        "doc": meta.doc(),
    });
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

/// `?file=NAME`: the uploaded file NAME with every finding of its set
/// attached as a Word comment / Excel note, as a download.
async fn annotate(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    Query(q): Query<BTreeMap<String, String>>,
    form: Upload,
) -> Response {
    let form = match upload(form) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let lang = lang_of(&q);
    let Some(wanted) = q.get("file").cloned() else {
        return error(
            StatusCode::BAD_REQUEST,
            "どのファイルか指定されていません。",
            "no file= given",
        );
    };
    let sets = match sets_of(form).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(bytes) = sets
        .iter()
        .flat_map(|s| s.files.iter())
        .find(|(name, _)| *name == wanted)
        .map(|(_, b)| Arc::clone(b))
    else {
        return error(
            StatusCode::BAD_REQUEST,
            "指定のファイルが送られていません。",
            "the file= was not sent",
        );
    };
    let checked = match run_check(&state, sets).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let diags: Vec<crate::diag::Diagnostic> = checked
        .files
        .into_iter()
        .filter(|f| f.path == wanted)
        .flat_map(|f| f.diagnostics)
        .collect();
    let limits = state.options.check.limits.clone();
    let name = wanted.clone();
    let made = tokio::task::spawn_blocking(move || {
        let doc =
            crate::read::read_bytes(&name, bytes.to_vec(), &limits).map_err(|e| e.message_ja())?;
        let opts = crate::write::annotate::AnnotateOptions {
            lang,
            ..Default::default()
        };
        crate::write::annotate::annotate(&bytes, doc.format, &diags, &opts, &limits)
            .map(|(out, _)| out)
            .map_err(|e| format!("コメントを付けられませんでした（{e}）"))
    })
    .await;
    let out = match made {
        Ok(Ok(out)) => out,
        Ok(Err(why)) => return error(StatusCode::UNPROCESSABLE_ENTITY, &why, &why),
        Err(_) => {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "内部エラーが起きました。",
                "internal error",
            );
        }
    };
    let file = wanted.rsplit('/').next().unwrap_or(&wanted);
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, "docx"));
    let download = format!("{stem}_指摘付き.{ext}");
    let encoded: String = download
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    Response::builder()
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"annotated.{ext}\"; filename*=UTF-8''{encoded}"),
        )
        .body(Body::from(out))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// The form definitions in force: id, version and names, for the page to
/// name the forms it shows.
async fn forms() -> Response {
    let list: Vec<serde_json::Value> = crate::forms::load::in_force()
        .forms
        .iter()
        .map(|d| {
            serde_json::json!({
                "id": d.id, "version": d.version, "name": d.name, "name_en": d.name_en
            })
        })
        .collect();
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        serde_json::Value::Array(list).to_string(),
    )
        .into_response()
}
