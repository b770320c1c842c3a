//! The routes of a filed document (see `documents.rs` for what each change does): opened,
//! corrected, its file attached, taken out and restored, each change under the version
//! check and answered with the new version.

use super::api::{break_seal_of, confirmed, dossier_dir, guarded_change, who_of};
use super::documents::{attach, correct, file_name, remove, restore};
use super::reply::{self, lang_of};
use super::state::State;
use super::upload::{self, Form};
use super::version;
use crate::evidence::{paths, FILES_DIR};
use crate::fsio::{read_input, Input, Within};
use crate::input::ReadOptions;
use crate::text;
use axum::extract::{Multipart, Path as Param, RawQuery, State as Shared_};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::path::Path;
use std::sync::Arc;

type St = Shared_<Arc<State>>;

fn done(dir: &Path, read: ReadOptions, extra: serde_json::Value) -> Response {
    let tag = version::etag(dir, read);
    let mut body = serde_json::json!({ "etag": tag });
    if let (Some(b), serde_json::Value::Object(more)) = (body.as_object_mut(), extra) {
        b.extend(more);
    }
    reply::json(StatusCode::OK, format!("{body}\n"), Some(tag))
}

/// `PUT /api/v1/dossiers/{id}/documents/{doc}`, a JSON body of the row's fields.
pub async fn put_document(
    Shared_(state): St,
    Param((id, doc)): Param<(String, String)>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    body: axum::body::Bytes,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let (fields, break_seal) = match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(serde_json::Value::Object(mut m)) => {
            let sealed_ok = m.remove("break_seal").is_some_and(|v| confirmed(&v));
            match m
                .into_iter()
                .map(|(k, v)| match v {
                    serde_json::Value::String(s) => Ok((k, s)),
                    _ => Err(()),
                })
                .collect::<Result<std::collections::HashMap<String, String>, ()>>()
            {
                Ok(f) => (f, sealed_ok),
                Err(()) => return not_strings(lang),
            }
        }
        _ => return not_strings(lang),
    };
    let form = Form {
        fields: fields
            .into_iter()
            .map(|(k, v)| (k, crate::input::nfc(v.trim())))
            .collect(),
        file: None,
    };
    let who = form.fields.get("who").cloned().unwrap_or_default();
    match guarded_change(&state, &dir, &h, lang, &who, break_seal, || {
        correct(&dir, &doc, &form, state.read)
    }) {
        Ok(()) => done(&dir, state.read, serde_json::json!({ "id": doc })),
        Err(r) => r,
    }
}

fn not_strings(lang: crate::lang::Lang) -> Response {
    reply::refused(
        StatusCode::UNPROCESSABLE_ENTITY,
        "body",
        text!(vi: "nội dung yêu cầu phải là JSON {{\"number\", \"date\", \"issuer\", \"title\", \"criteria\"}}, mỗi trường là một chuỗi", en: "the request body must be JSON {{\"number\", \"date\", \"issuer\", \"title\", \"criteria\"}}, each a string"),
        lang,
    )
}

/// `POST /api/v1/dossiers/{id}/documents/{doc}/file`, a form with `file`.
pub async fn post_file(
    Shared_(state): St,
    Param((id, doc)): Param<(String, String)>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    mut multipart: Multipart,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let Some(form) = upload::read_form(&mut multipart).await else {
        return upload::too_large(lang, state.read);
    };
    let mut name = String::new();
    let who = form.fields.get("who").cloned().unwrap_or_default();
    let break_seal = form
        .fields
        .get("break_seal")
        .is_some_and(|v| v == "true" || v == "1");
    let changed = guarded_change(&state, &dir, &h, lang, &who, break_seal, || {
        name = attach(&dir, &doc, &form, state.read)?;
        Ok(())
    });
    match changed {
        Ok(()) => done(
            &dir,
            state.read,
            serde_json::json!({ "id": doc, "file": name }),
        ),
        Err(r) => r,
    }
}

/// `DELETE /api/v1/dossiers/{id}/documents/{doc}`.
pub async fn delete_document(
    Shared_(state): St,
    Param((id, doc)): Param<(String, String)>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    body: axum::body::Bytes,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    match guarded_change(
        &state,
        &dir,
        &h,
        lang,
        &who_of(&body),
        break_seal_of(&body),
        || remove(&dir, &doc, state.read),
    ) {
        Ok(()) => done(&dir, state.read, serde_json::json!({ "id": doc })),
        Err(r) => r,
    }
}

/// `POST /api/v1/dossiers/{id}/removed/{doc}/restore`.
pub async fn post_restore(
    Shared_(state): St,
    Param((id, doc)): Param<(String, String)>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    body: axum::body::Bytes,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    match guarded_change(
        &state,
        &dir,
        &h,
        lang,
        &who_of(&body),
        break_seal_of(&body),
        || restore(&dir, &doc, state.read),
    ) {
        Ok(()) => done(&dir, state.read, serde_json::json!({ "id": doc })),
        Err(r) => r,
    }
}

/// How a filed document is sent: a type the browser shows by itself (PDF, text, a
/// picture) inline, anything else as a download; never as a page.
fn kind_of(name: &str) -> (&'static str, bool) {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => ("application/pdf", true),
        "txt" => ("text/plain; charset=utf-8", true),
        "png" => ("image/png", true),
        "jpg" | "jpeg" => ("image/jpeg", true),
        "docx" => (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            false,
        ),
        "xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            false,
        ),
        "doc" => ("application/msword", false),
        "xls" => ("application/vnd.ms-excel", false),
        "odt" => ("application/vnd.oasis.opendocument.text", false),
        "ods" => ("application/vnd.oasis.opendocument.spreadsheet", false),
        "zip" => ("application/zip", false),
        _ => ("application/octet-stream", false),
    }
}

/// `GET /d/{id}/files/{doc}`: the file of a manifest row, read through the path policy.
pub async fn open(
    Shared_(state): St,
    Param((id, doc)): Param<(String, String)>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let not_here =
        |what: crate::lang::Text| reply::refused(StatusCode::NOT_FOUND, &doc, what, lang);
    let Ok((_, table)) = upload::manifest_table(&dir, state.read) else {
        return not_here(
            text!(vi: "hồ sơ không có manifest.csv đọc được", en: "the dossier has no readable manifest.csv"),
        );
    };
    let Some(row) = table.rows.iter().find(|r| table.cell(r, "id") == doc) else {
        return not_here(
            text!(vi: "không có văn bản này trong manifest.csv", en: "no such document in manifest.csv"),
        );
    };
    let files = dir.join(FILES_DIR);
    let written = table.cell(row, "file");
    let path = match paths::resolve(&files, written) {
        Ok(paths::Located::Found { path, .. }) => path,
        Ok(paths::Located::Missing) => {
            return not_here(
                text!(vi: "không có tệp của văn bản này trong files/ (hoặc tệp không đọc được)", en: "the document's file is not in files/ (or cannot be read)"),
            )
        }
        Err(_) => {
            return not_here(
                text!(vi: "đường dẫn tệp của văn bản bị từ chối", en: "the document's file path is refused"),
            )
        }
    };
    let bytes = match read_input(&path, Within::Folder(&files), Input::Table, state.read.caps) {
        Ok(b) => b,
        Err(_) => {
            return not_here(
                text!(vi: "không có tệp của văn bản này trong files/ (hoặc tệp không đọc được)", en: "the document's file is not in files/ (or cannot be read)"),
            )
        }
    };
    let name = file_name(&path);
    let (mime, inline) = kind_of(&name);
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let how = if inline { "inline" } else { "attachment" };
    let disposition = format!("{how}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut r = bytes.into_response();
    let headers = r.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    // Whatever the file holds, it runs nothing: no script, no form, no plugin.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
        ),
    );
    r
}
