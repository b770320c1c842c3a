//! A document uploaded from the Evidence page: the file lands in the dossier's `files/`
//! under a name the server chooses (its manifest id and its title, never a path from the
//! browser), and its row is added to `manifest.csv` in the file's own dress. The form's
//! fields are checked first; nothing is written when one is wrong.

use super::api::{dossier_dir, guarded_change};
use super::catalog::slug;
use super::edit::Refusal;
use super::reply::{self, lang_of};
use super::state::State;
use super::version;
use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier::{self, Shared};
use crate::evidence::{FILES_DIR, MANIFEST_FILE};
use crate::fsio::{read_input, write_atomic, write_new, Input, Within};
use crate::input::{dress, parse_table};
use crate::text;
use axum::extract::{Multipart, Path as Param, RawQuery, State as Shared_};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The kinds of file an office keeps as evidence.
const EXTENSIONS: [&str; 12] = [
    "pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "txt", "jpg", "jpeg", "png", "zip",
];

const NEW_MANIFEST: &str = "id,file,number,date,issuer,title,criteria,pages,sha256\n";

struct Form {
    fields: HashMap<String, String>,
    file: Option<(String, Vec<u8>)>,
}

pub async fn document(
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
    let mut form = Form {
        fields: HashMap::new(),
        file: None,
    };
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                let file_name = field.file_name().map(str::to_string);
                let Ok(bytes) = field.bytes().await else {
                    return too_large(lang, state.read);
                };
                match (name.as_str(), file_name) {
                    ("file", Some(f)) => form.file = Some((f, bytes.to_vec())),
                    (_, _) => {
                        let text = String::from_utf8_lossy(&bytes).trim().to_string();
                        form.fields.insert(name, crate::input::nfc(&text));
                    }
                }
            }
            Ok(None) => break,
            Err(_) => return too_large(lang, state.read),
        }
    }
    let mut stored = (String::new(), String::new());
    let changed = guarded_change(&state, &dir, &h, lang, || {
        stored = add(&dir, &form, state.read)?;
        Ok(())
    });
    if let Err(r) = changed {
        return r;
    }
    let tag = version::etag(&dir, state.read);
    let body = serde_json::json!({ "id": stored.0, "file": stored.1, "etag": tag });
    reply::json(StatusCode::OK, format!("{body}\n"), Some(tag))
}

fn too_large(lang: crate::lang::Lang, read: crate::input::ReadOptions) -> Response {
    let mib = read.caps.of(crate::fsio::Input::Table) >> 20;
    reply::refused(
        StatusCode::PAYLOAD_TOO_LARGE,
        "file",
        text!(vi: "tệp tải lên quá lớn hoặc bị gián đoạn (tối đa {mib} MiB; --max-input nâng giới hạn)", en: "the upload is too large or was cut off (at most {mib} MiB; --max-input raises the limit)"),
        lang,
    )
}

/// Checks the form, stores the file and adds its manifest row; the new id and file name.
fn add(
    dir: &Path,
    form: &Form,
    read_as: crate::input::ReadOptions,
) -> Result<(String, String), Refusal> {
    let source = dossier::shown(dir, MANIFEST_FILE);
    let field = |k: &str| form.fields.get(k).map(String::as_str).unwrap_or("");
    let mut problems = Vec::new();
    let at = |column: &str, t| Diagnostic::error(&format!("{source} ({column})"), t);
    let mut diags = Diagnostics::default();
    let criteria = match dossier::load_with(
        dir,
        "serve",
        &mut diags,
        Vec::new(),
        &mut Shared::default().reading(read_as),
    ) {
        Ok(Some(d)) => d.criteria,
        Ok(None) => return Err(Refusal::Invalid(diags.items)),
        Err(f) => return Err(Refusal::Failed(f.0)),
    };
    let codes: Vec<String> = field("criteria")
        .split([';', ',', ' '])
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    if codes.is_empty() {
        problems.push(at("criteria", text!(vi: "chưa ghi tài liệu này chứng minh cho tiêu chí nào (ví dụ 1.1.1)", en: "no criterion this document proves (e.g. 1.1.1)")));
    }
    for code in &codes {
        let base = code.split('#').next().unwrap_or("");
        if criteria.find(base).is_none() {
            let id = &criteria.id;
            problems.push(at("criteria", text!(vi: "mã \"{code}\" không có trong bộ tiêu chí {id}", en: "code \"{code}\" is not in the criteria set {id}")).for_code(code));
        }
    }
    if field("title").is_empty() {
        problems.push(at(
            "title",
            text!(vi: "chưa ghi trích yếu (tên) văn bản", en: "the document's title is missing"),
        ));
    }
    let date = iso_date_as_vietnamese(field("date"));
    if !date.is_empty() && crate::value::parse_date(&date).is_none() {
        problems.push(at("date", text!(vi: "ngày \"{date}\" không hợp lệ (viết 15/01/2026)", en: "date \"{date}\" is not a date (write 15/01/2026)")));
    }
    let extension = form
        .file
        .as_ref()
        .and_then(|(name, _)| name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()));
    match (&form.file, &extension) {
        (None, _) => problems.push(at("file", text!(vi: "chưa chọn tệp", en: "no file chosen"))),
        (Some((_, bytes)), _) if bytes.is_empty() => {
            problems.push(at("file", text!(vi: "tệp rỗng", en: "the file is empty")))
        }
        (Some((_, bytes)), _) if bytes.len() as u64 > read_as.caps.of(Input::Table) => {
            let mib = read_as.caps.of(Input::Table) >> 20;
            problems.push(at(
                "file",
                text!(vi: "tệp lớn hơn {mib} MiB (--max-input nâng giới hạn)", en: "the file is larger than {mib} MiB (--max-input raises the limit)"),
            ))
        }
        (Some(_), Some(e)) if EXTENSIONS.contains(&e.as_str()) => {}
        (Some(_), _) => {
            let allowed = EXTENSIONS.join(", ");
            problems.push(at(
                "file",
                text!(vi: "chỉ nhận tệp {allowed}", en: "only {allowed} files are accepted"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Refusal::Invalid(problems));
    }
    let manifest_path = dir.join(MANIFEST_FILE);
    let original = if manifest_path.symlink_metadata().is_ok() {
        read_input(
            &manifest_path,
            Within::Folder(dir),
            Input::Table,
            read_as.caps,
        )
        .map_err(|r| Refusal::Failed(Box::new(r.diagnostic(&source))))?
    } else {
        NEW_MANIFEST.as_bytes().to_vec()
    };
    let table = parse_table(&original, &source, read_as.encoding)
        .map_err(|e| Refusal::Invalid(vec![*e]))?;
    let id = next_id(&table);
    let extension = extension.unwrap_or_default();
    let files = dir.join(FILES_DIR);
    match files.symlink_metadata() {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(Refusal::Failed(Box::new(Diagnostic::error(
                &dossier::shown(dir, FILES_DIR),
                text!(vi: "files/ không phải thư mục thật (có thể là liên kết); không ghi vào đó", en: "files/ is not a real folder (perhaps a link); nothing is written there"),
            ))))
        }
        Err(_) => {
            std::fs::create_dir(&files).map_err(|e| super::edit::write_failed(&source, &e))?
        }
    }
    let mut title = slug(field("title"));
    title.truncate(40);
    let stem = format!(
        "{}-{}",
        id.to_ascii_lowercase(),
        title.trim_end_matches('-')
    );
    let bytes = &form
        .file
        .as_ref()
        .map(|(_, b)| b.as_slice())
        .unwrap_or_default();
    let mut name = format!("{stem}.{extension}");
    let mut n = 2;
    loop {
        match write_new(&files.join(&name), bytes) {
            Ok(()) => break,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => {
                name = format!("{stem}-{n}.{extension}");
                n += 1;
            }
            Err(e) => return Err(super::edit::write_failed(&source, &e)),
        }
    }
    let headers = dress::written_headers(&table);
    let mut rows: Vec<Vec<String>> = table.rows.iter().map(|r| r.cells.clone()).collect();
    let values: HashMap<&str, String> = HashMap::from([
        ("id", id.clone()),
        ("file", name.clone()),
        ("number", field("number").to_string()),
        ("date", date),
        ("issuer", field("issuer").to_string()),
        ("title", field("title").to_string()),
        ("criteria", codes.join(";")),
    ]);
    rows.push(
        table
            .headers
            .iter()
            .map(|h| values.get(h.as_str()).cloned().unwrap_or_default())
            .collect(),
    );
    let new = dress::rewrite(&headers, &rows, table.delimiter, &original);
    let mut check = Diagnostics::default();
    crate::evidence::manifest::parse(&new, &source, &mut check, read_as.encoding);
    let written = if check.has_errors() {
        Err(Refusal::Invalid(
            check
                .items
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect(),
        ))
    } else {
        write_atomic(&manifest_path, &new).map_err(|e| super::edit::write_failed(&source, &e))
    };
    if let Err(e) = written {
        let _ = std::fs::remove_file(files.join(&name));
        return Err(e);
    }
    Ok((id, name))
}

/// The next free `VBnn` id.
fn next_id(table: &crate::input::Table) -> String {
    let last = table
        .rows
        .iter()
        .filter_map(|r| table.cell(r, "id").strip_prefix("VB")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("VB{:02}", last + 1)
}

fn iso_date_as_vietnamese(s: &str) -> String {
    match s.split('-').collect::<Vec<_>>()[..] {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}/{m}/{y}"),
        _ => s.to_string(),
    }
}
