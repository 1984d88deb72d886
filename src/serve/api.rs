//! The routes: the page and its assets, `POST /api/check`, `POST
//! /api/report`, `POST /api/migrate-to`, `GET /api/explain/{code}`. Every answer carries a
//! Content-Security-Policy that allows only this server; a bad file is a
//! finding in a 200 answer, never a 500.

use super::State;
use super::assets;
use crate::check::{CheckReport, MemorySet};
use crate::diag::Lang;
use crate::engine;
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
        .route("/api/fix", post(fix))
        .route("/api/preview", post(preview))
        .route("/api/migrate", post(migrate))
        .route("/api/migrate-to", post(migrate_to))
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

/// The uploaded files: (the form field's name, the file's name, bytes).
async fn uploaded_files(mut form: Multipart) -> Result<Vec<(String, String, Arc<[u8]>)>, Response> {
    let mut files = Vec::new();
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
        let role = field.name().unwrap_or("").to_string();
        let name = field.file_name().unwrap_or("").to_string();
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
        files.push((role, name, Arc::<[u8]>::from(bytes.as_ref())));
    }
    Ok(files)
}

/// The uploaded files as submission sets (see [`engine::sets_of`]).
async fn sets_of(form: Multipart) -> Result<Vec<MemorySet>, Response> {
    let files = uploaded_files(form)
        .await?
        .into_iter()
        .map(|(_, name, bytes)| (name, bytes))
        .collect();
    let sets = engine::sets_of(files);
    if sets.is_empty() {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "ファイルが選ばれていません。",
            "no file was sent",
        ));
    }
    Ok(sets)
}

/// An engine refusal as an answer: 400 for a bad request, 422 otherwise.
fn refused(e: &engine::EngineError) -> Response {
    let status = if e.bad_request {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    error(status, &e.ja, &e.en)
}

/// Run `work` on the blocking pool, in one of the bounded slots.
async fn in_slot<T: Send + 'static>(
    state: &Arc<State>,
    work: impl FnOnce() -> Result<T, engine::EngineError> + Send + 'static,
) -> Result<T, Response> {
    let _slot = state.slots.acquire().await.map_err(|_| {
        error(
            StatusCode::SERVICE_UNAVAILABLE,
            "サーバーを終了しています。",
            "shutting down",
        )
    })?;
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(e)) => Err(refused(&e)),
        Err(_) => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "確認中に内部エラーが起きました。",
            "internal error while checking",
        )),
    }
}

/// Check the sets (each with the yoshiki.toml it carries).
async fn run_check(state: &Arc<State>, sets: Vec<MemorySet>) -> Result<CheckReport, Response> {
    let options = state.options.check.clone();
    in_slot(state, move || engine::check_sets(sets, &options)).await
}

fn download(d: engine::Download) -> Response {
    let encoded: String = d
        .file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let ext = d.file_name.rsplit_once('.').map_or("bin", |(_, e)| e);
    Response::builder()
        .header(header::CONTENT_TYPE, d.mime)
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"download.{ext}\"; filename*=UTF-8''{encoded}"),
        )
        .body(Body::from(d.bytes))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn json(value: Vec<u8>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        value,
    )
        .into_response()
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

/// The uploaded files as submission sets, or the answer why not (415,
/// 400, 413).
async fn uploaded_sets(form: Upload) -> Result<Vec<MemorySet>, Response> {
    sets_of(upload(form)?).await
}

async fn check(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    Query(q): Query<BTreeMap<String, String>>,
    form: Upload,
) -> Response {
    match uploaded_sets(form).await {
        Ok(sets) => match run_check(&state, sets).await {
            Ok(report) => json(engine::report_json(&report, lang_of(&q))),
            Err(r) => r,
        },
        Err(r) => r,
    }
}

/// The intake report of the uploaded sets: `?format=xlsx` (default),
/// `html`, `csv` (the sets) or `findings-csv`.
async fn report(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    Query(q): Query<BTreeMap<String, String>>,
    form: Upload,
) -> Response {
    let sets = match uploaded_sets(form).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let lang = lang_of(&q);
    let format = q.get("format").cloned().unwrap_or_default();
    let options = state.options.check.clone();
    match in_slot(&state, move || {
        let report = engine::check_sets(sets, &options)?;
        engine::intake_report(&report, lang, &format)
    })
    .await
    {
        Ok(d) => download(d),
        Err(r) => r,
    }
}

/// What a rule checks, why, an example (`yoshiki explain CODE`).
async fn explain(Path(code): Path<String>, Query(q): Query<BTreeMap<String, String>>) -> Response {
    match engine::explain(&code, lang_of(&q)) {
        Some(v) => json(v.to_string().into_bytes()),
        None => error(
            StatusCode::NOT_FOUND,
            &format!("「{code}」という規則コードはありません。"),
            &format!("no rule code {code}"),
        ),
    }
}

/// The sets and the `?file=` asked for, or the answer why not.
async fn sets_and_file(
    form: Upload,
    q: &BTreeMap<String, String>,
) -> Result<(Vec<MemorySet>, String), Response> {
    let form = upload(form)?;
    let Some(wanted) = q.get("file").cloned() else {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "どのファイルか指定されていません。",
            "no file= given",
        ));
    };
    Ok((sets_of(form).await?, wanted))
}

/// `?file=NAME`: the uploaded file NAME with every finding of its set
/// attached as a Word comment / Excel note, as a download.
async fn annotate(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    Query(q): Query<BTreeMap<String, String>>,
    form: Upload,
) -> Response {
    let (sets, wanted) = match sets_and_file(form, &q).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let lang = lang_of(&q);
    let options = state.options.check.clone();
    match in_slot(&state, move || {
        engine::annotate(sets, &wanted, &options, lang)
    })
    .await
    {
        Ok(d) => download(d),
        Err(r) => r,
    }
}

/// `?file=NAME`: the file NAME with its safe fixes applied, as a download;
/// with `&preview=1` the list of changes it would make (JSON), to show
/// before the download.
async fn fix(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    Query(q): Query<BTreeMap<String, String>>,
    form: Upload,
) -> Response {
    let (sets, wanted) = match sets_and_file(form, &q).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let preview = q.get("preview").is_some_and(|v| v == "1");
    let lang = lang_of(&q);
    let options = state.options.check.clone();
    let fixed = match in_slot(&state, move || engine::fix(sets, &wanted, &options, lang)).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    if preview {
        let body = serde_json::json!({
            "changes": fixed.changes,
            "fixable": fixed.download.is_some(),
        });
        return json(body.to_string().into_bytes());
    }
    match fixed.download {
        Some(d) => download(d),
        None => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "自動で直せる指摘はありません。",
            "nothing to fix automatically",
        ),
    }
}

/// `?file=NAME`: the old report NAME carried onto the current template, as
/// a download; with `&preview=1` what was carried and what must be
/// answered afresh (JSON), to show before the download.
async fn migrate(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    Query(q): Query<BTreeMap<String, String>>,
    form: Upload,
) -> Response {
    let (sets, wanted) = match sets_and_file(form, &q).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let preview = q.get("preview").is_some_and(|v| v == "1");
    let lang = lang_of(&q);
    let options = state.options.check.clone();
    match in_slot(&state, move || {
        engine::migrate(&sets, &wanted, &options, lang)
    })
    .await
    {
        Ok(m) if preview => json(m.summary.to_string().into_bytes()),
        Ok(m) => download(m.download),
        Err(r) => r,
    }
}

/// Last year's filled form onto this year's blank template, for any form
/// (`migrate --to`): the files are sent under the roles `filled`, `to`,
/// and optionally `from` and `map` (the multipart field names). The new
/// file as a download; with `?preview=1` the report (JSON).
async fn migrate_to(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    Query(q): Query<BTreeMap<String, String>>,
    form: Upload,
) -> Response {
    let files = match upload(form) {
        Ok(f) => match uploaded_files(f).await {
            Ok(f) => f,
            Err(r) => return r,
        },
        Err(r) => return r,
    };
    let preview = q.get("preview").is_some_and(|v| v == "1");
    let lang = lang_of(&q);
    let limits = state.options.check.limits.clone();
    let named = files
        .into_iter()
        .map(|(role, name, bytes)| (role, engine::NamedFile { name, bytes }))
        .collect();
    match in_slot(&state, move || {
        engine::migrate_to(engine::CarryFiles::by_role(named)?, &limits, lang)
    })
    .await
    {
        Ok(m) if preview => json(m.summary.to_string().into_bytes()),
        Ok(m) => download(m.download),
        Err(r) => r,
    }
}

/// `?file=NAME`: the file NAME as the page draws it, with the locations
/// its findings carry (see [`engine::preview`]).
async fn preview(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    Query(q): Query<BTreeMap<String, String>>,
    form: Upload,
) -> Response {
    let (sets, wanted) = match sets_and_file(form, &q).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let options = state.options.check.clone();
    match in_slot(&state, move || engine::preview(&sets, &wanted, &options)).await {
        Ok(v) => json(v.to_string().into_bytes()),
        Err(r) => r,
    }
}

/// The form definitions in force: id, version and names, for the page to
/// name the forms it shows.
async fn forms() -> Response {
    json(engine::forms().to_string().into_bytes())
}
