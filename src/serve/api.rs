//! The routes: the pages, their two assets, and the JSON API under `/api/v1`, whose
//! answers are exactly what the commands print with `--format json`.

use super::edit::Refusal;
use super::reply::{self, lang_of};
use super::security;
use super::state::State;
use super::{
    changes, council, document_api as documents, import, pages, settings_edit, start, upload,
    version,
};
use crate::app::{self, Format};
use crate::lang::Lang;
use crate::report::table::Width;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{delete, get, post, put};
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
        .route("/d/{id}/import", get(pages::import))
        .route("/assets/import.js", get(pages::import_js))
        .route("/d/{id}/history", get(pages::history))
        .route("/d/{id}/files/{doc}", get(documents::open))
        .route("/d/{id}/council", get(pages::council))
        .route("/d/{id}/header", get(pages::header))
        .route("/new", get(pages::start))
        .route("/assets/app.css", get(pages::css))
        .route("/assets/app.js", get(pages::js))
        .route("/assets/year.js", get(pages::year_js))
        .route("/api/v1/dossiers", get(dossiers).post(start::start))
        .route("/api/v1/dossiers/{id}/score", get(score))
        .route("/api/v1/dossiers/{id}/evidence", get(evidence))
        .route("/api/v1/dossiers/{id}/gap", get(gap))
        .route("/api/v1/dossiers/{id}/version", get(current_version))
        .route(
            "/api/v1/dossiers/{id}/scores/{code}",
            put(changes::put_score),
        )
        .route("/api/v1/dossiers/{id}/plan/{task}", put(changes::put_task))
        .route(
            "/api/v1/dossiers/{id}/rows/{file}/{key}",
            put(changes::put_row),
        )
        .route("/api/v1/dossiers/{id}/history", get(changes::list))
        .route(
            "/api/v1/dossiers/{id}/history/{n}/undo",
            post(changes::undo),
        )
        .route("/api/v1/dossiers/{id}/seal", post(seal))
        .route("/api/v1/dossiers/{id}/verify", post(verify))
        .route(
            "/api/v1/dossiers/{id}/documents",
            post(upload::document).layer(axum::extract::DefaultBodyLimit::max(upload_cap)),
        )
        .route(
            "/api/v1/dossiers/{id}/import",
            post(import::preview).layer(axum::extract::DefaultBodyLimit::max(upload_cap)),
        )
        .route(
            "/api/v1/dossiers/{id}/import/save",
            post(import::save).layer(axum::extract::DefaultBodyLimit::max(upload_cap)),
        )
        .route(
            "/api/v1/dossiers/{id}/documents/{doc}",
            put(documents::put_document).merge(delete(documents::delete_document)),
        )
        .route(
            "/api/v1/dossiers/{id}/documents/{doc}/file",
            post(documents::post_file).layer(axum::extract::DefaultBodyLimit::max(upload_cap)),
        )
        .route(
            "/api/v1/dossiers/{id}/removed/{doc}/restore",
            post(documents::post_restore),
        )
        .route("/api/v1/dossiers/{id}/council", post(council::post_begin))
        .route(
            "/api/v1/dossiers/{id}/council/{code}",
            put(council::put_council),
        )
        .route(
            "/api/v1/dossiers/{id}/report",
            put(settings_edit::put_report),
        )
        .route(
            "/api/v1/dossiers/{id}/target-rank",
            put(settings_edit::put_target_rank),
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
        .dossiers()
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
    state.dossier(id).map(|d| d.dir).ok_or_else(|| {
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
    state.known.look(&dir, state.read);
    let tag = version::etag(&dir, state.read);
    let body = format!("{}\n", serde_json::json!({ "etag": tag }));
    reply::json(StatusCode::OK, body, Some(tag))
}

/// The name a change's JSON body carries for the history (`{"who": …}`), or none.
pub fn who_of(body: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("who").and_then(|w| w.as_str()).map(str::to_string))
        .unwrap_or_default()
}

#[allow(clippy::result_large_err)]
/// Runs `change` when `If-Match` names the current version, holding the write lock
/// throughout; 409 when the files changed since the page read them.
pub fn guarded_change(
    state: &State,
    dir: &std::path::Path,
    h: &HeaderMap,
    lang: Lang,
    who: &str,
    break_seal: bool,
    change: impl FnOnce() -> Result<(), Refusal>,
) -> Result<(), Response> {
    let _lock = state.writing.lock().unwrap_or_else(|p| p.into_inner());
    state.known.look(dir, state.read);
    let source = crate::dossier::shown(dir, crate::evidence::MANIFEST_FILE);
    let _folder = match super::edit::lock(dir, &source) {
        Ok(l) => l,
        Err(r) => return Err(changes::refusal(r, dir, lang)),
    };
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
    let at = super::edit::Target {
        dir,
        read: state.read,
        known: Some(&state.known),
    };
    // A sealed dossier is changed only when the person confirmed it, as for every edit.
    let sealed =
        super::edit::confirm_seal(at, break_seal).map_err(|r| changes::refusal(r, dir, lang))?;
    // The tables as they were, so that what the change did to them goes into the history.
    let before: Vec<_> = super::edit::TableFile::ALL
        .into_iter()
        .map(|t| (t, std::fs::read(dir.join(t.name())).unwrap_or_default()))
        .collect();
    let settings = || std::fs::read(dir.join(crate::dossier::SETTINGS_FILE)).ok();
    let (settings_before, listed_before) = (settings(), listing(dir));
    change().map_err(|r| changes::refusal(r, dir, lang))?;
    // A change that wrote the same bytes (a correction to what the row already says) left
    // the seal holding: no break is recorded for it.
    let same = before
        .iter()
        .all(|(t, b)| std::fs::read(dir.join(t.name())).unwrap_or_default() == *b)
        && settings() == settings_before
        && listing(dir) == listed_before;
    let who = crate::history::clean_name(who);
    super::edit::record_written(at, &before, &who, sealed.filter(|_| !same));
    Ok(())
}

/// The names and sizes in the dossier's folder and in `files/`: what a change that writes
/// or moves a file alters.
fn listing(dir: &std::path::Path) -> Vec<(std::ffi::OsString, u64)> {
    let mut out: Vec<_> = [dir.to_path_buf(), dir.join(crate::evidence::FILES_DIR)]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .flatten()
        .map(|e| {
            (
                e.path().into_os_string(),
                e.metadata().map_or(0, |m| m.len()),
            )
        })
        .collect();
    out.sort();
    out
}

/// Whether a change's body (JSON, or a form's fields) confirms changing a sealed dossier:
/// `"break_seal": true` (or `"true"` in a form).
pub fn break_seal_of(body: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("break_seal").map(confirmed))
        .unwrap_or(false)
}

/// A `break_seal` value as a page sends it: `true`, or the text `true`/`1` from a form.
pub fn confirmed(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Bool(b) => *b,
        serde_json::Value::String(s) => matches!(s.trim(), "true" | "1"),
        _ => false,
    }
}

/// The command's text with its advice to run a command put as the page's buttons: a
/// clerk on the page has no terminal.
fn page_words(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.starts_with("Kiểm tra lại bất cứ lúc nào bằng: parscore verify") {
                "Kiểm tra lại bất cứ lúc nào bằng nút «Kiểm tra niêm phong».".to_string()
            } else if line.starts_with("Check it at any time with: parscore verify") {
                "Check it at any time with the «Verify the seal» button.".to_string()
            } else {
                line.replace("chạy lại parscore seal", "bấm «Niêm phong» lần nữa")
                    .replace("run parscore seal again", "press «Seal» again")
                    .replace("một lệnh parscore seal khác", "một lần niêm phong khác")
            }
        })
        .map(|line| line + "\n")
        .collect()
}

/// `seal` or `verify`, answered with the text the command prints.
fn command_text(
    o: crate::app::Outcome,
    dir: &std::path::Path,
    read: crate::input::ReadOptions,
) -> Response {
    let text = page_words(&reply::in_dossier(dir, &format!("{}{}", o.out, o.err)));
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
    body: axum::body::Bytes,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let _lock = state.writing.lock().unwrap_or_else(|p| p.into_inner());
    // The tables as they are now are the server's to know: what the seal changes (the
    // manifest's hashes) is the seal's, not a change made elsewhere.
    state.known.look(&dir, state.read);
    let who = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.get("who")?.as_str().map(crate::history::clean_name))
        .unwrap_or_default();
    let o = app::seal_as(&dir, lang, state.read, &who);
    state.known.forget(&dir);
    command_text(o, &dir, state.read)
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
    if dir
        .join(crate::evidence::SEAL_FILE)
        .symlink_metadata()
        .is_err()
    {
        let text = crate::lang::Text::new(
            "Hồ sơ chưa được niêm phong (chưa có seal.json): bấm «Niêm phong» trước, rồi kiểm tra.",
            "The dossier has not been sealed (no seal.json yet): press «Seal» first, then verify.",
        );
        let body = serde_json::json!({ "status": app::Status::CannotRun as u8, "text": text.get(lang), "etag": version::etag(&dir, state.read) });
        return reply::json(StatusCode::OK, format!("{body}\n"), None);
    }
    command_text(
        app::verify(&dir, Format::Table, lang, state.read),
        &dir,
        state.read,
    )
}
