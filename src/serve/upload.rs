//! A document uploaded from the Evidence page: the file lands in the dossier's `files/`
//! under a name the server chooses (its manifest id and its title, never a path from the
//! browser), and its row is added to `manifest.csv` in the file's own dress. The form's
//! fields are checked first; nothing is written when one is wrong.

use super::api::{dossier_dir, guarded_change};
use super::catalog::slug;
use super::edit::Refusal;
use super::landing;
use super::reply::{self, lang_of};
use super::state::State;
use super::version;
use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier::{self, Shared};
use crate::evidence::{FILES_DIR, MANIFEST_FILE};
use crate::fsio::{
    pause_for_tests, read_input, stage, write_atomic, write_new, Input, Staged, Within,
};
use crate::input::parse_table;
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

pub struct Form {
    pub fields: HashMap<String, String>,
    /// The file as sent: the browser's name for it (only its extension is used) and bytes.
    pub file: Option<(String, Vec<u8>)>,
}

impl Form {
    pub fn field(&self, k: &str) -> &str {
        self.fields.get(k).map(String::as_str).unwrap_or("")
    }
}

/// The fields and the file of a `multipart/form-data` body; `None` when it was cut off or
/// is over the cap.
pub async fn read_form(multipart: &mut Multipart) -> Option<Form> {
    let mut form = Form {
        fields: HashMap::new(),
        file: None,
    };
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                let file_name = field.file_name().map(str::to_string);
                let bytes = field.bytes().await.ok()?;
                match (name.as_str(), file_name) {
                    ("file", Some(f)) => form.file = Some((f, bytes.to_vec())),
                    (_, _) => {
                        let text = String::from_utf8_lossy(&bytes).trim().to_string();
                        form.fields.insert(name, crate::input::nfc(&text));
                    }
                }
            }
            Ok(None) => return Some(form),
            Err(_) => return None,
        }
    }
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
    let form = match read_form(&mut multipart).await {
        Some(f) => f,
        None => return too_large(lang, state.read),
    };
    let mut stored = (String::new(), String::new());
    let who = form.fields.get("who").cloned().unwrap_or_default();
    let confirmed = form
        .fields
        .get("break_seal")
        .is_some_and(|v| v == "true" || v == "1");
    let changed = guarded_change(&state, &dir, &h, lang, &who, confirmed, || {
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

pub fn too_large(lang: crate::lang::Lang, read: crate::input::ReadOptions) -> Response {
    let mib = read.caps.of(crate::fsio::Input::Table) >> 20;
    reply::refused(
        StatusCode::PAYLOAD_TOO_LARGE,
        "file",
        text!(vi: "tệp tải lên quá lớn hoặc bị gián đoạn (tối đa {mib} MiB; muốn nhận tệp lớn hơn, nhờ người cài đặt nâng giới hạn khi khởi động)", en: "the upload is too large or was cut off (at most {mib} MiB; to take larger files, ask whoever set the app up to raise the limit at start-up)"),
        lang,
    )
}

/// The criteria set of the dossier, as the commands load it.
pub fn criteria_of(
    dir: &Path,
    read_as: crate::input::ReadOptions,
) -> Result<crate::criteria::Criteria, Refusal> {
    let mut diags = Diagnostics::default();
    match dossier::load_with(
        dir,
        "serve",
        &mut diags,
        Vec::new(),
        &mut Shared::default().reading(read_as),
    ) {
        Ok(Some(d)) => Ok(d.criteria),
        Ok(None) => Err(Refusal::Invalid(diags.items)),
        Err(f) => Err(Refusal::Failed(f.0)),
    }
}

/// The fields a manifest row is described by (criteria, title, date), checked as the
/// evidence check would read them; the codes and the date as the manifest writes them.
pub fn described(
    form: &Form,
    criteria: &crate::criteria::Criteria,
    source: &str,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<String>, String) {
    let at = |column: &str, t| Diagnostic::error(&format!("{source} ({column})"), t);
    // One line per document, as a cell edit on the other pages: a line break written into
    // a cell would make a second row for whoever reads the file without quoting rules.
    for column in ["number", "date", "issuer", "title", "criteria"] {
        if form.field(column).trim().chars().any(char::is_control) {
            problems.push(at(column, text!(vi: "cột \"{column}\": không được xuống dòng hay chứa ký tự điều khiển", en: "column \"{column}\": no line breaks or control characters")));
        }
    }
    let codes: Vec<String> = form
        .field("criteria")
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
    if form.field("title").is_empty() {
        problems.push(at(
            "title",
            text!(vi: "chưa ghi trích yếu (tên) văn bản", en: "the document's title is missing"),
        ));
    }
    let date = iso_date_as_vietnamese(form.field("date"));
    if !date.is_empty() && crate::value::parse_date(&date).is_none() {
        problems.push(at("date", text!(vi: "ngày \"{date}\" không hợp lệ (viết 15/01/2026)", en: "date \"{date}\" is not a date (write 15/01/2026)")));
    }
    (codes, date)
}

/// The uploaded file's extension, when the file is one an office keeps, not empty and
/// within the cap; else the problem is recorded.
pub fn checked_file(
    form: &Form,
    source: &str,
    read_as: crate::input::ReadOptions,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    let at = |column: &str, t| Diagnostic::error(&format!("{source} ({column})"), t);
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
                text!(vi: "tệp lớn hơn {mib} MiB (muốn nhận tệp lớn hơn, nhờ người cài đặt nâng giới hạn khi khởi động)", en: "the file is larger than {mib} MiB (to take larger files, ask whoever set the app up to raise the limit at start-up)"),
            ))
        }
        (Some(_), Some(e)) if EXTENSIONS.contains(&e.as_str()) => return extension,
        (Some(_), _) => {
            let allowed = EXTENSIONS.join(", ");
            problems.push(at(
                "file",
                text!(vi: "chỉ nhận tệp {allowed}", en: "only {allowed} files are accepted"),
            ));
        }
    }
    None
}

/// `manifest.csv` as it is (or a new one's header) and as read.
pub fn manifest_table(
    dir: &Path,
    read_as: crate::input::ReadOptions,
) -> Result<(Vec<u8>, crate::input::Table), Refusal> {
    let source = dossier::shown(dir, MANIFEST_FILE);
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
    Ok((original, table))
}

/// The dossier's `files/`, made when missing; refused when it is not a real folder.
pub fn files_dir(dir: &Path) -> Result<std::path::PathBuf, Refusal> {
    let files = dir.join(FILES_DIR);
    match files.symlink_metadata() {
        Ok(m) if m.is_dir() => Ok(files),
        Ok(_) => Err(Refusal::Failed(Box::new(Diagnostic::error(
            FILES_DIR,
            text!(vi: "files/ không phải thư mục thật (có thể là liên kết); không ghi vào đó", en: "files/ is not a real folder (perhaps a link); nothing is written there"),
        )))),
        Err(_) => {
            std::fs::create_dir(&files).map_err(|e| super::edit::write_failed(FILES_DIR, &e))?;
            Ok(files)
        }
    }
}

/// Stores `bytes` in `files/` as `<id>-<title in plain letters>.<extension>` (with `-2`,
/// `-3` when taken), never over a file; the name chosen.
pub fn store(
    files: &Path,
    id: &str,
    title: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<String, Refusal> {
    named(files, id, title, extension, |path| write_new(path, bytes)).map(|(name, ())| name)
}

/// `<id>-<title in plain letters>.<extension>` (with `-2`, `-3` when taken) in `files/`,
/// made by `write`, which fails with `AlreadyExists` when the name is taken.
fn named<T>(
    files: &Path,
    id: &str,
    title: &str,
    extension: &str,
    mut write: impl FnMut(&Path) -> std::io::Result<T>,
) -> Result<(String, T), Refusal> {
    let mut title = slug(title);
    title.truncate(40);
    let stem = format!(
        "{}-{}",
        id.to_ascii_lowercase(),
        title.trim_end_matches('-')
    );
    let mut name = format!("{stem}.{extension}");
    let mut n = 2;
    loop {
        match write(&files.join(&name)) {
            Ok(t) => return Ok((name, t)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => {
                name = format!("{stem}-{n}.{extension}");
                n += 1;
            }
            Err(e) => return Err(super::edit::write_failed(FILES_DIR, &e)),
        }
    }
}

/// `new` as the dossier's `manifest.csv`, when it reads without an error.
pub fn write_manifest(
    dir: &Path,
    new: &[u8],
    read_as: crate::input::ReadOptions,
) -> Result<(), Refusal> {
    let source = dossier::shown(dir, MANIFEST_FILE);
    manifest_reads(new, &source, read_as)?;
    write_atomic(&dir.join(MANIFEST_FILE), new)
        .map_err(|e| Refusal::Failed(Box::new(cannot(&source, &e))))
}

/// Refused when `new` does not read as a manifest.
fn manifest_reads(
    new: &[u8],
    source: &str,
    read_as: crate::input::ReadOptions,
) -> Result<(), Refusal> {
    let mut check = Diagnostics::default();
    crate::evidence::manifest::parse(new, source, &mut check, read_as.encoding);
    if check.has_errors() {
        return Err(Refusal::Invalid(
            check
                .items
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect(),
        ));
    }
    Ok(())
}

/// Checks the form, stores the file and adds its manifest row; the new id and file name.
fn add(
    dir: &Path,
    form: &Form,
    read_as: crate::input::ReadOptions,
) -> Result<(String, String), Refusal> {
    let source = dossier::shown(dir, MANIFEST_FILE);
    // What an upload killed half-way left is taken back before anything else.
    landing::recover(dir, read_as);
    let criteria = criteria_of(dir, read_as)?;
    let mut problems = Vec::new();
    let (codes, date) = described(form, &criteria, &source, &mut problems);
    let extension = checked_file(form, &source, read_as, &mut problems);
    if !problems.is_empty() {
        return Err(Refusal::Invalid(problems));
    }
    let (original, table) = manifest_table(dir, read_as)?;
    let id = next_id(&table, &super::removed::removed_ids(dir, read_as));
    let files = files_dir(dir)?;
    let bytes = form
        .file
        .as_ref()
        .map(|(_, b)| b.as_slice())
        .unwrap_or_default();
    // Staged beside its place, put there only with its manifest row (`land`).
    let (name, document) = named(
        &files,
        &id,
        form.field("title"),
        &extension.unwrap_or_default(),
        |path| match path.symlink_metadata() {
            Ok(_) => Err(std::io::ErrorKind::AlreadyExists.into()),
            Err(_) => stage(path, bytes),
        },
    )?;
    // One row added at the end; every other byte of the manifest stays as written.
    let mut rows = super::row_exact::Rows::new(&original, &table, read_as, &source);
    let joined = codes.join(";");
    rows.append(&[
        ("id", id.as_str()),
        ("file", name.as_str()),
        ("number", form.field("number")),
        ("date", date.as_str()),
        ("issuer", form.field("issuer")),
        ("title", form.field("title")),
        ("criteria", joined.as_str()),
    ])?;
    let new = rows.bytes();
    manifest_reads(&new, &source, read_as)?;
    land(dir, &name, document, &dir.join(MANIFEST_FILE), &new)
        .map_err(|e| super::edit::write_failed(&source, &e))?;
    Ok((id, name))
}

/// Puts the document and the manifest with its row in place, both or neither: see
/// `landing` for what a kill between the two renames leaves and how it is taken back.
fn land(
    dir: &Path,
    name: &str,
    document: Staged,
    manifest_path: &Path,
    manifest: &[u8],
) -> std::io::Result<()> {
    let manifest = stage(manifest_path, manifest)?;
    landing::begin(dir, name)?;
    if let Err(e) = document.commit_new() {
        landing::end(dir);
        return Err(e);
    }
    pause_for_tests("upload-manifest");
    let placed = manifest.commit();
    if placed.is_err() {
        let _ = std::fs::remove_file(dir.join(FILES_DIR).join(name));
    }
    landing::end(dir);
    placed
}

/// The next free `VBnn` id: after every id in the manifest and in the removed list (a
/// document taken out keeps its id, so that it can come back).
fn next_id(table: &crate::input::Table, removed: &[String]) -> String {
    let last = table
        .rows
        .iter()
        .map(|r| table.cell(r, "id"))
        .chain(removed.iter().map(String::as_str))
        .filter_map(|id| id.strip_prefix("VB")?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    // Wider than any id read, so that a row typed as `VB4294967295` is followed, not a panic.
    format!("VB{:02}", u128::from(last) + 1)
}

pub fn iso_date_as_vietnamese(s: &str) -> String {
    match s.split('-').collect::<Vec<_>>()[..] {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}/{m}/{y}"),
        _ => s.to_string(),
    }
}

pub fn cannot(source: &str, e: &std::io::Error) -> Diagnostic {
    let why = crate::fsio::os_reason(e);
    let (wv, we) = (&why.vi, &why.en);
    Diagnostic::error(
        source,
        text!(vi: "không ghi được: {wv}", en: "cannot write: {we}"),
    )
}
