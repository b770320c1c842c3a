//! The web app's "import the annex" API: the city's `.docx`, `.xlsx` or `.csv` is read
//! by the same `criteria import` as the command, with a person's corrections of the rows
//! it was unsure of ([`Fix`]: a maximum, a wording), and answered as the per-row account
//! (`report::import`); saving writes the criteria file into the dossier's folder through
//! the one writer — never over an existing file — and, if asked, points `dossier.json`'s
//! `"criteria"` at it. Nothing is kept between requests: the page sends the file again.

use super::api::{dossier_dir, guarded_change};
use super::catalog::slug;
use super::edit::Refusal;
use super::reply::{self, lang_of};
use super::state::State;
use super::version;
use crate::criteria::import::{import_fixed, Fix, Imported, Meta};
use crate::diag::Diagnostic;
use crate::fsio::{read_input, write_atomic, write_new, Input, Within};
use crate::lang::Lang;
use crate::text;
use axum::extract::{Multipart, Path as Param, RawQuery, State as Shared_};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::path::Path;
use std::sync::Arc;

/// The upload: the table's file, its corrections, and for a save the new file's name and
/// whether the dossier should use it.
#[derive(Default)]
struct Form {
    file: Option<(String, Vec<u8>)>,
    fixes: Vec<Fix>,
    name: String,
    point: bool,
    /// The name the browser keeps for the history.
    who: String,
    /// The person confirmed changing a sealed dossier.
    break_seal: bool,
}

async fn form(multipart: &mut Multipart) -> Result<Form, ()> {
    let mut f = Form::default();
    while let Some(field) = multipart.next_field().await.map_err(|_| ())? {
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(|_| ())?;
        let text = || crate::input::nfc(String::from_utf8_lossy(&bytes).trim());
        match (name.as_str(), file_name) {
            ("file", Some(n)) => f.file = Some((n, bytes.to_vec())),
            ("fixes", _) => f.fixes = fixes(&text()),
            ("name", _) => f.name = text(),
            ("who", _) => f.who = text(),
            ("break_seal", _) => f.break_seal = matches!(text().as_str(), "1" | "true"),
            ("point", _) => f.point = matches!(text().as_str(), "1" | "on" | "true"),
            _ => {}
        }
    }
    Ok(f)
}

/// `[ { "line": 17, "max": "1", "wording": "Có: 1; Không: 0" } ]`; anything else is none.
fn fixes(json: &str) -> Vec<Fix> {
    let Ok(serde_json::Value::Array(list)) = serde_json::from_str(json) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|v| {
            let s = |k: &str| {
                v.get(k)
                    .and_then(|x| x.as_str())
                    .map(|x| x.trim().to_string())
            };
            Some(Fix {
                line: v.get("line")?.as_u64()? as usize,
                max: s("max").filter(|m| !m.is_empty()),
                wording: s("wording"),
            })
        })
        .collect()
}

/// The table read from the upload and imported: `Err` is the response to send.
#[allow(clippy::result_large_err)]
fn read(state: &State, dir: &Path, f: &Form, lang: Lang) -> Result<Imported, Response> {
    let Some((name, bytes)) = &f.file else {
        return Err(reply::refused(
            StatusCode::BAD_REQUEST,
            "file",
            text!(vi: "chưa chọn tệp phụ lục (.docx, .xlsx hoặc .csv)", en: "no annex file chosen (.docx, .xlsx or .csv)"),
            lang,
        ));
    };
    let name = Path::new(name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    let cap = state.read.caps.of(Input::Table);
    if bytes.len() as u64 > cap {
        let mib = cap >> 20;
        return Err(reply::refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            &name,
            text!(vi: "tệp quá lớn (tối đa {mib} MiB)", en: "the file is too large (at most {mib} MiB)"),
            lang,
        ));
    }
    let table = match ext.as_str() {
        "docx" => crate::input::parse_docx(bytes.clone(), &name, state.read.caps),
        "xlsx" => crate::input::parse_workbook(bytes.clone(), &name, &[], state.read.caps),
        "csv" | "txt" => crate::input::parse_table(bytes, &name, state.read.encoding),
        _ => {
            return Err(reply::refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                &name,
                text!(vi: "chỉ nhập được tệp Word (.docx), Excel (.xlsx) hoặc CSV; tệp .doc/.xls cũ: mở bằng Word/Excel và lưu lại dạng mới", en: "only Word (.docx), Excel (.xlsx) or CSV files can be imported; an old .doc/.xls: open it in Word/Excel and save it in the new format"),
                lang,
            ))
        }
    };
    let table = match table {
        Ok(t) => t,
        Err(d) => {
            return Err(reply::problems(
                StatusCode::UNPROCESSABLE_ENTITY,
                &[*d],
                lang,
            ))
        }
    };
    let year = state
        .dossiers()
        .iter()
        .find(|d| d.dir == dir)
        .and_then(|d| d.year)
        .unwrap_or_else(|| time::OffsetDateTime::now_utc().year());
    Ok(import_fixed(
        &table,
        &Meta::from_file(&name, year),
        &f.fixes,
    ))
}

/// The account as the page shows it: every row, the problems, and whether it can be saved.
fn answer(imported: &Imported, lang: Lang, saved: Option<serde_json::Value>) -> Response {
    let views = crate::report::import::rows(&imported.rows, imported.criteria.as_ref(), lang);
    let body = serde_json::json!({
        "rows": crate::report::import::account_json(&views),
        "problems": crate::report::diagnostics::json(&imported.diagnostics, lang),
        "can_save": imported.json.is_some(),
        "manual": imported.manual,
        "saved": saved,
    });
    reply::json(
        StatusCode::OK,
        format!("{}\n", crate::escape::json_pretty(&body)),
        None,
    )
}

/// `POST /api/v1/dossiers/{id}/import`: reads the annex (with corrections) and answers the
/// account; writes nothing.
pub async fn preview(
    Shared_(state): Shared_<Arc<State>>,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    mut multipart: Multipart,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let Ok(f) = form(&mut multipart).await else {
        return cut_off(lang);
    };
    match read(&state, &dir, &f, lang) {
        Ok(imported) => answer(&imported, lang, None),
        Err(r) => r,
    }
}

/// `POST /api/v1/dossiers/{id}/import/save`: the same reading, then the file written as
/// `<name>.json` in the dossier's folder (and `dossier.json` pointed at it when asked).
pub async fn save(
    Shared_(state): Shared_<Arc<State>>,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    mut multipart: Multipart,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let Ok(f) = form(&mut multipart).await else {
        return cut_off(lang);
    };
    let imported = match read(&state, &dir, &f, lang) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Some(json) = imported.json.clone() else {
        return reply::problems(
            StatusCode::UNPROCESSABLE_ENTITY,
            &imported.diagnostics,
            lang,
        );
    };
    let stem = slug(&f.name);
    let stem = if stem.is_empty() {
        "bo-chi-so-nhap".to_string()
    } else {
        stem
    };
    let file = format!("{stem}.json");
    let changed = guarded_change(&state, &dir, &h, lang, &f.who, f.break_seal, || {
        write(&dir, &file, &json, f.point, state.read)
    });
    if let Err(r) = changed {
        return r;
    }
    let tag = version::etag(&dir, state.read);
    let mut r = answer(
        &imported,
        lang,
        Some(serde_json::json!({ "file": file, "pointed": f.point, "etag": tag })),
    );
    if let Ok(v) = axum::http::HeaderValue::from_str(&tag) {
        r.headers_mut().insert(axum::http::header::ETAG, v);
    }
    r
}

/// Writes the criteria file (never over one) and, when asked, `dossier.json`'s `criteria`.
fn write(
    dir: &Path,
    file: &str,
    json: &serde_json::Value,
    point: bool,
    read_as: crate::input::ReadOptions,
) -> Result<(), Refusal> {
    let path = dir.join(file);
    let text = format!("{}\n", crate::escape::json_pretty(json));
    let failed = |e: std::io::Error, what: &str| {
        let why = if e.kind() == std::io::ErrorKind::AlreadyExists {
            text!(vi: "tệp {what} đã có trong hồ sơ; chọn tên khác", en: "the dossier already has a file {what}; choose another name")
        } else {
            let why = crate::fsio::os_reason(&e);
            let (vi, en) = (&why.vi, &why.en);
            text!(vi: "không ghi được {what}: {vi}", en: "cannot write {what}: {en}")
        };
        Refusal::Invalid(vec![Diagnostic::error(what, why)])
    };
    // The dossier's own files: a criteria file under the seal's name would make a dossier
    // never sealed look sealed (and broken) to every page and to verify.
    if [crate::dossier::SETTINGS_FILE, crate::evidence::SEAL_FILE].contains(&file) {
        return Err(Refusal::Invalid(vec![Diagnostic::error(
            file,
            text!(vi: "{file} là tệp riêng của hồ sơ, không dùng làm tên bộ chỉ số; chọn tên khác", en: "{file} is one of the dossier's own files, not a name for the criteria; choose another name"),
        )]));
    }
    write_new(&path, text.as_bytes()).map_err(|e| failed(e, file))?;
    if !point {
        return Ok(());
    }
    let settings = dir.join(crate::dossier::SETTINGS_FILE);
    let bytes = read_input(
        &settings,
        Within::Folder(dir),
        Input::Settings,
        read_as.caps,
    )
    .map_err(|r| Refusal::Failed(Box::new(r.diagnostic(crate::dossier::SETTINGS_FILE))))?;
    let mut v: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v @ serde_json::Value::Object(_)) => v,
        _ => {
            return Err(Refusal::Invalid(vec![Diagnostic::error(
                crate::dossier::SETTINGS_FILE,
                text!(vi: "dossier.json không đọc được nên chưa trỏ được tới bộ chỉ số mới; tệp {file} đã được ghi", en: "dossier.json cannot be read, so it was not pointed at the new criteria; {file} was written"),
            )]))
        }
    };
    v["criteria"] = serde_json::json!(file);
    let out = format!("{}\n", crate::escape::json_pretty(&v));
    write_atomic(&settings, out.as_bytes()).map_err(|e| failed(e, crate::dossier::SETTINGS_FILE))
}

fn cut_off(lang: Lang) -> Response {
    reply::refused(
        StatusCode::PAYLOAD_TOO_LARGE,
        "file",
        text!(vi: "tệp tải lên quá lớn hoặc bị gián đoạn", en: "the upload is too large or was cut off"),
        lang,
    )
}
