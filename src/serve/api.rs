//! The routes: the pages, their two assets, and the JSON API under `/api/v1`, whose
//! answers are exactly what the commands print with `--format json`.

use super::edit::{self, Refusal};
use super::reply::{self, lang_of};
use super::security;
use super::state::State;
use super::{pages, upload, version};
use crate::app::{self, Format};
use crate::lang::Lang;
use crate::report::table::Width;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use std::sync::Arc;

type St = Shared_<Arc<State>>;

pub fn router(state: Arc<State>) -> Router {
    let upload_cap = state.read.caps.of(crate::fsio::Input::Table) as usize + (1 << 20);
    Router::new()
        .route("/", get(pages::overview))
        .route("/d/{id}", get(pages::sheet))
        .route("/d/{id}/score", get(pages::sheet))
        .route("/d/{id}/evidence", get(pages::evidence))
        .route("/d/{id}/plan", get(pages::plan))
        .route("/d/{id}/gap", get(pages::gap))
        .route("/d/{id}/compare", get(pages::compare))
        .route("/d/{id}/report", get(pages::report))
        .route("/d/{id}/download/{file}", get(pages::download))
        .route("/assets/app.css", get(pages::css))
        .route("/assets/app.js", get(pages::js))
        .route("/api/v1/dossiers", get(dossiers))
        .route("/api/v1/dossiers/{id}/score", get(score))
        .route("/api/v1/dossiers/{id}/evidence", get(evidence))
        .route("/api/v1/dossiers/{id}/gap", get(gap))
        .route("/api/v1/dossiers/{id}/version", get(current_version))
        .route("/api/v1/dossiers/{id}/scores/{code}", put(put_score))
        .route("/api/v1/dossiers/{id}/plan/{task}", put(put_task))
        .route("/api/v1/dossiers/{id}/seal", post(seal))
        .route("/api/v1/dossiers/{id}/verify", post(verify))
        .route(
            "/api/v1/dossiers/{id}/documents",
            post(upload::document).layer(axum::extract::DefaultBodyLimit::max(upload_cap)),
        )
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .with_state(state)
}

async fn not_found(Shared_(state): St, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let lang = lang_of(&headers, q.as_deref(), state.lang);
    reply::refused(
        StatusCode::NOT_FOUND,
        "URL",
        crate::text!(vi: "không có trang này", en: "no such page"),
        lang,
    )
}

async fn dossiers(Shared_(state): St) -> Response {
    let list: Vec<_> = state
        .dossiers
        .iter()
        .map(|d| serde_json::json!({"id": d.id, "unit": d.unit, "year": d.year}))
        .collect();
    let body = format!("{}\n", crate::escape::json_pretty(&list));
    reply::json(StatusCode::OK, body, None)
}

/// The dossier an `{id}` names, or the 404 to send.
// The error is the response itself, sent at once: boxing it would gain nothing.
#[allow(clippy::result_large_err)]
pub fn dossier_dir(state: &State, id: &str, lang: Lang) -> Result<std::path::PathBuf, Response> {
    state.dossier(id).map(|d| d.dir.clone()).ok_or_else(|| {
        reply::refused(
            StatusCode::NOT_FOUND,
            id,
            crate::text!(vi: "không có hồ sơ \"{id}\"", en: "no dossier \"{id}\""),
            lang,
        )
    })
}

async fn score(
    Shared_(state): St,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let tag = version::etag(&dir, state.read);
    let o = app::score(
        &dir,
        Format::Json,
        None,
        lang,
        &mut state.shared(),
        Width::default(),
    );
    reply::outcome(o, lang, Some(tag))
}

async fn evidence(
    Shared_(state): St,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let tag = version::etag(&dir, state.read);
    reply::outcome(
        app::evidence(
            &dir,
            Format::Json,
            lang,
            &mut state.shared(),
            Width::default(),
        ),
        lang,
        Some(tag),
    )
}

async fn gap(
    Shared_(state): St,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let tag = version::etag(&dir, state.read);
    let o = app::gap(
        &dir,
        None,
        None,
        Format::Json,
        lang,
        &mut state.shared(),
        Width::default(),
    );
    reply::outcome(o, lang, Some(tag))
}

/// `{"etag": "…"}` and the same `ETag`: what a page polls to notice an edit made on disk.
async fn current_version(
    Shared_(state): St,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let tag = version::etag(&dir, state.read);
    let body = format!("{}\n", serde_json::json!({ "etag": tag }));
    reply::json(StatusCode::OK, body, Some(tag))
}

/// A JSON body, or the 422 saying what is wrong with it, in the errors' usual shape.
#[allow(clippy::result_large_err)]
fn parse_body<T: serde::de::DeserializeOwned>(body: &[u8], lang: Lang) -> Result<T, Response> {
    serde_json::from_slice(body).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let d = crate::diag::Diagnostic::error(
            "body",
            crate::text!(
                vi: "nội dung yêu cầu không phải JSON đúng dạng (dòng {line}, cột {column}): cần một đối tượng JSON, mỗi trường là một chuỗi, ví dụ {{\"value\": \"Có\", \"note\": \"\"}} (docs/serve.md)",
                en: "the request body is not the expected JSON (line {line}, column {column}): an object whose fields are strings is needed, e.g. {{\"value\": \"Có\", \"note\": \"\"}} (docs/serve.md)"
            ),
        );
        reply::problems(StatusCode::UNPROCESSABLE_ENTITY, &[d], lang)
    })
}

#[derive(serde::Deserialize)]
pub struct ScoreEdit {
    #[serde(default)]
    value: String,
    #[serde(default)]
    note: String,
}

#[derive(serde::Deserialize)]
pub struct TaskEdit {
    #[serde(default)]
    status: String,
    #[serde(default)]
    done_on: String,
}

#[allow(clippy::result_large_err)]
/// Runs `change` when `If-Match` names the current version, holding the write lock
/// throughout; 409 when the files changed since the page read them.
pub fn guarded_change(
    state: &State,
    dir: &std::path::Path,
    h: &HeaderMap,
    lang: Lang,
    change: impl FnOnce() -> Result<(), Refusal>,
) -> Result<(), Response> {
    let _lock = state.writing.lock().unwrap_or_else(|p| p.into_inner());
    let given = h
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let current = version::etag(dir, state.read);
    if given != current {
        let mut r = reply::refused(
            StatusCode::CONFLICT,
            "If-Match",
            crate::text!(
                vi: "tệp của hồ sơ đã được sửa ở nơi khác sau khi trang này được mở; tải lại trang để xem bản mới rồi làm lại (không ghi đè)",
                en: "the dossier's files were changed elsewhere after this page was opened; reload the page to see the new version and try again (nothing was overwritten)"
            ),
            lang,
        );
        if let Ok(v) = header::HeaderValue::from_str(&current) {
            r.headers_mut().insert(header::ETAG, v);
        }
        return Err(r);
    }
    match change() {
        Ok(()) => Ok(()),
        Err(Refusal::Invalid(diags)) => Err(reply::problems(
            StatusCode::UNPROCESSABLE_ENTITY,
            &diags,
            lang,
        )),
        Err(Refusal::Busy(d)) => Err(reply::problems(StatusCode::CONFLICT, &[*d], lang)),
        Err(Refusal::Failed(d)) => Err(reply::problems(
            StatusCode::INTERNAL_SERVER_ERROR,
            &[*d],
            lang,
        )),
    }
}

async fn put_score(
    Shared_(state): St,
    Param((id, code)): Param<(String, String)>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    body: axum::body::Bytes,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let body: ScoreEdit = match parse_body(&body, lang) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let changed = guarded_change(&state, &dir, &h, lang, || {
        edit::set_score(&dir, &code, &body.value, &body.note, state.read)
    });
    if let Err(r) = changed {
        return r;
    }
    let tag = version::etag(&dir, state.read);
    let o = app::score(
        &dir,
        Format::Json,
        None,
        lang,
        &mut state.shared(),
        Width::default(),
    );
    reply::outcome(o, lang, Some(tag))
}

async fn put_task(
    Shared_(state): St,
    Param((id, task)): Param<(String, String)>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    body: axum::body::Bytes,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let body: TaskEdit = match parse_body(&body, lang) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let changed = guarded_change(&state, &dir, &h, lang, || {
        edit::set_task(&dir, &task, &body.status, &body.done_on, state.read)
    });
    if let Err(r) = changed {
        return r;
    }
    let tag = version::etag(&dir, state.read);
    let body = format!("{}\n", serde_json::json!({ "etag": tag }));
    reply::json(StatusCode::OK, body, Some(tag))
}

/// `seal` or `verify`, answered with the text the command prints.
fn command_text(
    o: crate::app::Outcome,
    dir: &std::path::Path,
    read: crate::input::ReadOptions,
) -> Response {
    let text = format!("{}{}", o.out, o.err);
    let body = serde_json::json!({ "status": o.status as u8, "text": text, "etag": version::etag(dir, read) });
    reply::json(
        StatusCode::OK,
        format!("{body}\n"),
        Some(version::etag(dir, read)),
    )
}

async fn seal(
    Shared_(state): St,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let _lock = state.writing.lock().unwrap_or_else(|p| p.into_inner());
    command_text(app::seal(&dir, lang, state.read), &dir, state.read)
}

async fn verify(
    Shared_(state): St,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    command_text(
        app::verify(&dir, Format::Table, lang, state.read),
        &dir,
        state.read,
    )
}
