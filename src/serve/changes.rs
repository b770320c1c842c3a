//! The API's changes and their history: a leaf's cells (`PUT …/scores/{code}`), a task's
//! (`PUT …/plan/{task}`), any row of the three tables (`PUT …/rows/{file}/{key}`), the
//! history (`GET …/history`) and its undo (`POST …/history/{n}/undo`). Every one goes
//! through `edit::apply` or `edit::undo`; a refusal answers 409 with what the page needs
//! to let the person choose (a stale page, the other person's value, a seal to break).

use super::api::dossier_dir;
use super::edit::{self, Applied, Change, Op, Refusal, TableFile, Target};
pub use super::refusal::refusal;
use super::reply::{self, lang_of};
use super::state::State;
use crate::app::{self, Format};
use crate::history::{self, Kind};
use crate::lang::Lang;
use crate::report::table::Width;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use std::collections::BTreeMap;
use std::sync::Arc;

type St = Shared_<Arc<State>>;

/// The columns of `scores.csv` a page may set.
const SCORE_COLUMNS: [&str; 6] = [
    "value",
    "note",
    "explanation",
    "appraised",
    "appraisal_note",
    "answer",
];

/// A change's body: the cells to set (absent: unchanged), the row as the page showed it,
/// who makes it, and the confirmation to change a sealed dossier.
#[derive(serde::Deserialize, Default)]
pub struct Body {
    value: Option<String>,
    note: Option<String>,
    explanation: Option<String>,
    appraised: Option<String>,
    appraisal_note: Option<String>,
    answer: Option<String>,
    status: Option<String>,
    done_on: Option<String>,
    /// For `rows`: any cells by column name.
    cells: Option<BTreeMap<String, String>>,
    base: Option<BTreeMap<String, String>>,
    #[serde(default)]
    who: String,
    #[serde(default)]
    break_seal: bool,
    /// For `rows`: add the row when it is missing.
    #[serde(default)]
    create: bool,
    /// For `rows`: remove the row.
    #[serde(default)]
    remove: bool,
    /// For `rows`: add a new row (refused when the key is taken).
    #[serde(default)]
    add: bool,
}

impl Body {
    /// The cells given, in the order of `allowed` (every column for `rows`), dates from a
    /// date picker written `15/01/2026`; `Err` names a field not allowed here.
    fn cells(&self, allowed: &[&str]) -> Result<Vec<(String, String)>, String> {
        let named = [
            ("value", &self.value),
            ("note", &self.note),
            ("explanation", &self.explanation),
            ("appraised", &self.appraised),
            ("appraisal_note", &self.appraisal_note),
            ("answer", &self.answer),
            ("status", &self.status),
            ("done_on", &self.done_on),
        ];
        let mut out = Vec::new();
        for (k, v) in named {
            let Some(v) = v else { continue };
            if !allowed.contains(&k) {
                return Err(k.to_string());
            }
            out.push((k.to_string(), v.clone()));
        }
        out.sort_by_key(|(k, _)| allowed.iter().position(|a| a == k));
        for (k, v) in self.cells.iter().flatten() {
            out.push((k.clone(), v.clone()));
        }
        for (k, v) in &mut out {
            if matches!(k.as_str(), "value" | "done_on" | "date") {
                if let Some(d) = edit::iso_to_vietnamese_date(v.trim()) {
                    *v = d;
                }
            }
        }
        Ok(out)
    }

    fn base(&self) -> Option<Vec<(String, String)>> {
        self.base
            .as_ref()
            .map(|b| b.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }
}

fn target<'a>(state: &'a State, dir: &'a std::path::Path) -> Target<'a> {
    Target {
        dir,
        read: state.read,
        known: Some(&state.known),
    }
}

fn if_match(h: &HeaderMap) -> Option<String> {
    h.get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

#[allow(clippy::result_large_err)]
fn parse(body: &[u8], lang: Lang) -> Result<Body, Response> {
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

fn bad_field(field: &str, lang: Lang) -> Response {
    let d = crate::diag::Diagnostic::error(
        "body",
        crate::text!(vi: "trường \"{field}\" không sửa được ở đây (xem docs/serve.md)", en: "field \"{field}\" cannot be set here (see docs/serve.md)"),
    );
    reply::problems(StatusCode::UNPROCESSABLE_ENTITY, &[d], lang)
}

/// `PUT /api/v1/dossiers/{id}/scores/{code}`: 200 with the new score JSON.
pub async fn put_score(
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
    let body = match parse(&body, lang) {
        Ok(b) => b,
        Err(r) => return r,
    };
    // A column the sheet lacks is added in the order of this list.
    let cells = match body.cells(&SCORE_COLUMNS) {
        Ok(c) => c,
        Err(f) => return bad_field(&f, lang),
    };
    let change = Change {
        table: TableFile::Scores,
        key: code,
        op: Op::Set {
            cells,
            create: true,
        },
        base: body.base(),
        version: if_match(&h),
        who: history::clean_name(&body.who),
        break_seal: body.break_seal,
    };
    let applied = match edit::apply(target(&state, &dir), &change) {
        Ok(a) => a,
        Err(r) => return refusal(r, &dir, lang),
    };
    let o = app::score(
        &dir,
        Format::Json,
        None,
        lang,
        &mut state.shared(),
        Width::default(),
    );
    let mut r = reply::outcome(o, lang, Some(applied.etag.clone()));
    mark_change(&mut r, &applied);
    r
}

/// `PUT /api/v1/dossiers/{id}/plan/{task}`: 200 with `{"etag", "change"}`.
pub async fn put_task(
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
    let body = match parse(&body, lang) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let cells = match body.cells(&["status", "done_on"]) {
        Ok(c) => c,
        Err(f) => return bad_field(&f, lang),
    };
    let change = Change {
        table: TableFile::Plan,
        key: task,
        op: Op::Set {
            cells,
            create: false,
        },
        base: body.base(),
        version: if_match(&h),
        who: history::clean_name(&body.who),
        break_seal: body.break_seal,
    };
    let applied = match edit::apply(target(&state, &dir), &change) {
        Ok(a) => a,
        Err(r) => return refusal(r, &dir, lang),
    };
    // What the page updates in place: the completion, the index, the row's warnings.
    let mut answer = serde_json::json!({ "etag": applied.etag, "change": applied.change });
    if let Ok(s) = app::load_scored_with(&dir, "serve", lang, Vec::new(), &mut state.shared()) {
        let as_of = s.dossier.settings.as_of;
        if let Some(plan) = &s.dossier.plan {
            answer["completion"] = super::pages::completion_words(plan, as_of, lang).into();
            if let Some(t) = plan.tasks.iter().find(|t| t.id == change.key) {
                answer["warnings"] = super::pages::task_warnings(t, as_of, lang).into();
            }
        }
        if let Some(i) = s.sheet.totals.index() {
            answer["index"] = crate::number::show_percent(i, lang).into();
        }
    }
    let mut r = reply::json(
        StatusCode::OK,
        format!("{answer}\n"),
        Some(applied.etag.clone()),
    );
    mark_change(&mut r, &applied);
    r
}

/// `PUT /api/v1/dossiers/{id}/rows/{file}/{key}`: any row of `scores.csv`, `plan.csv` or
/// `manifest.csv`, by column name (`{"cells": {...}}` or the cells as fields); with
/// `"create": true` a missing row is added, with `"add": true` a new row is added (refused
/// when the key is taken), with `"remove": true` the row is removed.
pub async fn put_row(
    Shared_(state): St,
    Param((id, file, key)): Param<(String, String, String)>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    body: axum::body::Bytes,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let Some(table) = TableFile::from_name(&file) else {
        return bad_field(&file, lang);
    };
    let body = match parse(&body, lang) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let named = [SCORE_COLUMNS.as_slice(), &["status", "done_on"]].concat();
    let cells = match body.cells(&named) {
        Ok(c) => c,
        Err(f) => return bad_field(&f, lang),
    };
    let op = if body.remove {
        Op::Remove
    } else if body.add {
        Op::Add(cells)
    } else {
        Op::Set {
            cells,
            create: body.create,
        }
    };
    let change = Change {
        table,
        key,
        op,
        base: body.base(),
        version: if_match(&h),
        who: history::clean_name(&body.who),
        break_seal: body.break_seal,
    };
    applied_reply(edit::apply(target(&state, &dir), &change), &dir, lang)
}

/// `POST /api/v1/dossiers/{id}/history/{n}/undo`: body `{"who", "break_seal"}`.
pub async fn undo(
    Shared_(state): St,
    Param((id, n)): Param<(String, u64)>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    body: axum::body::Bytes,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let body = if body.is_empty() {
        Body::default()
    } else {
        match parse(&body, lang) {
            Ok(b) => b,
            Err(r) => return r,
        }
    };
    let who = history::clean_name(&body.who);
    applied_reply(
        edit::undo(target(&state, &dir), n, &who, body.break_seal),
        &dir,
        lang,
    )
}

/// `GET /api/v1/dossiers/{id}/history` (`?file=scores.csv&key=1.1.2` for one row):
/// the changes, newest first, and the seal.
pub async fn list(
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
    let file = super::security::query_value(q.as_deref(), "file");
    let key = super::security::query_value(q.as_deref(), "key");
    let entries = history::read(&dir, state.read.caps).unwrap_or_default();
    let undone: Vec<u64> = entries
        .iter()
        .filter_map(|e| match e.kind {
            Kind::Undo(n) => Some(n),
            _ => None,
        })
        .collect();
    let mut lines: Vec<_> = entries
        .iter()
        .filter(|e| file.as_deref().is_none_or(|f| e.file == f))
        .filter(|e| key.as_deref().is_none_or(|k| e.key == k))
        .collect();
    // Newest change first, the lines of one change in the order they were written.
    lines.sort_by_key(|e| std::cmp::Reverse(e.change));
    let list: Vec<_> = lines
        .iter()
        .map(|e| {
            serde_json::json!({
                "change": e.change, "when": e.when, "who": e.who, "kind": e.kind.as_text(),
                "file": e.file, "key": e.key, "column": e.column,
                "old": e.old.trim(), "new": e.new.trim(), "line": e.line,
                "undone": undone.contains(&e.change),
                "undoable": TableFile::from_name(&e.file).is_some(),
            })
        })
        .collect();
    let sealed = edit::seal_notice(&dir, state.read)
        .map(|s| serde_json::json!({"at": s.at, "by": s.by, "broken": s.broken}));
    let body = serde_json::json!({ "entries": list, "sealed": sealed });
    reply::json(
        StatusCode::OK,
        format!("{}\n", crate::escape::json_pretty(&body)),
        None,
    )
}

fn applied_reply(r: Result<Applied, Refusal>, dir: &std::path::Path, lang: Lang) -> Response {
    match r {
        Ok(a) => {
            let body = serde_json::json!({ "etag": a.etag, "change": a.change });
            let mut r = reply::json(StatusCode::OK, format!("{body}\n"), Some(a.etag.clone()));
            mark_change(&mut r, &a);
            r
        }
        Err(e) => refusal(e, dir, lang),
    }
}

fn mark_change(r: &mut Response, a: &Applied) {
    if let Some(n) = a.change {
        if let Ok(v) = HeaderValue::from_str(&n.to_string()) {
            r.headers_mut().insert("x-parscore-change", v);
        }
    }
}
