//! The documents the Office hands in, made on request from the same figures: the
//! submission table (`export --xlsx`), the self-assessment report and the explanation
//! letter (`export --docx`, `--appeal`). Each is written by the command itself into a
//! temporary folder outside the dossier, then sent as an attachment.

use super::{problems_page, Ctx};
use crate::app::{self, ExportTo};
use crate::serve::state::State;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The file names offered, each with what makes it and its type.
fn known(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "bang-tong-hop.xlsx" => Some(("bang-tong-hop.xlsx", XLSX)),
        "bao-cao.docx" => Some(("bao-cao.docx", DOCX)),
        "giai-trinh.docx" => Some(("giai-trinh.docx", DOCX)),
        _ => None,
    }
}

pub async fn download(
    Shared_(state): Shared_<Arc<State>>,
    Param((id, name)): Param<(String, String)>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::new(&state, &h, q.as_deref());
    let lang = ctx.lang;
    let Some(entry) = state.dossier(&id) else {
        return super::no_dossier(&ctx, &id);
    };
    let entry = &entry;
    let Some((file, mime)) = known(&name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(temp) = tempfile::tempdir() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let target = temp.path().join(file);
    let to = match file {
        "bang-tong-hop.xlsx" => ExportTo::Xlsx(&target),
        _ => ExportTo::Docx {
            file: &target,
            appeal: file == "giai-trinh.docx",
        },
    };
    let o = app::export(&entry.dir, to, lang, &mut state.shared());
    if o.status == app::Status::CannotRun || !target.is_file() {
        return problems_page(&ctx, entry, "report", &o);
    }
    // Read back through the one path policy, like every other read (a table's cap).
    let read_back = crate::fsio::read_input(
        &target,
        crate::fsio::Within::Folder(temp.path()),
        crate::fsio::Input::Table,
        state.read.caps,
    );
    let Ok(bytes) = read_back else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let year = entry.year.map(|y| format!("-{y}")).unwrap_or_default();
    let (stem, ext) = file.split_once('.').unwrap_or((file, ""));
    let disposition = format!("attachment; filename=\"{stem}{year}.{ext}\"");
    let mut r = bytes.into_response();
    let headers = r.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}
