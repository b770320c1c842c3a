//! Responses shared by the API and the pages: the language a request asks for, a refusal
//! with its located problem as the CLI prints it in JSON, and a command's `Outcome` as JSON.

use crate::app::{Outcome, Status};
use crate::diag::Diagnostic;
use crate::lang::{Lang, Text};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub const LANG_COOKIE: &str = "parscore_lang";

/// `?lang=en` (or `vi`), else the cookie the language switch set, else the language the
/// server was started in (`--lang`, Vietnamese by default).
pub fn lang_of(headers: &HeaderMap, query: Option<&str>, default: Lang) -> Lang {
    let chosen = super::security::query_value(query, "lang")
        .or_else(|| super::security::cookie_value(headers, LANG_COOKIE));
    match chosen.as_deref() {
        Some("en") => Lang::En,
        Some("vi") => Lang::Vi,
        _ => default,
    }
}

/// A JSON body, `{ "status", "errors": [ { "severity", "file", "line", "column", "code",
/// "message" } ] }`, the shape of `--format json` errors.
pub fn problems(status: StatusCode, diags: &[Diagnostic], lang: Lang) -> Response {
    let out = Outcome::problems(diags, lang).json_errors(lang).out;
    json(status, out, None)
}

pub fn refused(status: StatusCode, what: &str, message: Text, lang: Lang) -> Response {
    let d = Diagnostic::error(what, message);
    let v = serde_json::json!({
        "status": Status::CannotRun as u8,
        "errors": crate::report::diagnostics::json(&[d], lang),
    });
    json(
        status,
        format!("{}\n", crate::escape::json_pretty(&v)),
        None,
    )
}

/// A command's outcome: 200 with its JSON (also when the command's exit status reports
/// findings, as `evidence` does for missing documents), or 422 with its problems as JSON —
/// also when the command could not run (exit 2): that is the dossier's state (no
/// `manifest.csv` yet, no criteria file), said in a plain message, not a fault of the server.
pub fn outcome(o: Outcome, lang: Lang, etag: Option<String>) -> Response {
    if o.status == Status::Ok || (o.diagnostics.is_empty() && !o.out.is_empty()) {
        json(StatusCode::OK, o.out, etag)
    } else {
        json(
            StatusCode::UNPROCESSABLE_ENTITY,
            o.json_errors(lang).out,
            etag,
        )
    }
}

pub fn json(status: StatusCode, body: String, etag: Option<String>) -> Response {
    let mut resp = (status, body).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    if let Some(tag) = etag.and_then(|t| HeaderValue::from_str(&t).ok()) {
        h.insert(header::ETAG, tag);
    }
    resp
}

/// `text` with the dossier's folder taken off every file it names (`evidence/2026/scores.csv`
/// or a server's absolute path → `scores.csv`): a page names files as the clerk sees them in
/// the dossier, never where the server keeps them.
pub fn in_dossier(dir: &std::path::Path, text: &str) -> String {
    let mut out = text.to_string();
    // The folder as the commands spell it (`/` on every platform) and as the system does,
    // as given and as resolved.
    let mut bases = vec![crate::fsio::shown(dir), dir.display().to_string()];
    if let Ok(abs) = dir.canonicalize() {
        bases.push(crate::fsio::shown(&abs));
        bases.push(abs.display().to_string());
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for base in bases.iter().filter(|b| !b.is_empty()) {
        for sep in ["/", "\\"] {
            out = out.replace(&format!("{base}{sep}"), "");
        }
        // The folder itself ("Đã niêm phong hồ sơ …/evidence/2026"): by its name.
        if !name.is_empty() {
            out = out.replace(base.as_str(), &name);
        }
    }
    out
}

/// The problems with their files named from the dossier folder (see [`in_dossier`]).
pub fn located_in(dir: &std::path::Path, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .map(|mut d| {
            d.file = in_dossier(dir, &d.file);
            d.message = Text::new(
                in_dossier(dir, &d.message.vi),
                in_dossier(dir, &d.message.en),
            );
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_message_names_files_from_the_dossier_folder() {
        let dir = std::path::Path::new("evidence/2026");
        assert_eq!(
            super::in_dossier(
                dir,
                "evidence/2026/scores.csv:84: sai; xem evidence/2026/files/a.pdf"
            ),
            "scores.csv:84: sai; xem files/a.pdf"
        );
        assert_eq!(
            super::in_dossier(dir, "evidence/2025/plan.csv"),
            "evidence/2025/plan.csv"
        );
    }

    #[test]
    fn a_page_names_the_dossier_by_its_folder_and_its_files_from_it() {
        let dir = std::path::Path::new("/srv/hồ sơ/evidence/2026");
        let text = "Đã niêm phong hồ sơ /srv/hồ sơ/evidence/2026\n/srv/hồ sơ/evidence/2026/manifest.csv:3: [7.6.1] thiếu tệp";
        assert_eq!(
            super::in_dossier(dir, text),
            "Đã niêm phong hồ sơ 2026\nmanifest.csv:3: [7.6.1] thiếu tệp"
        );
    }
}
