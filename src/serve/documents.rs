//! A filed document's life on the Evidence page: opened (sent as the file it is, never as
//! a page), its manifest row corrected, its file attached or replaced, taken out of the
//! dossier and brought back. Nothing is deleted: a document taken out has its file moved to
//! `files/.removed/` (a hidden folder, which the evidence check and the seal skip) and its
//! row to `manifest-removed.csv`, from where the page restores both. Every change is
//! checked first and made through the one writer; the routes (`document_api.rs`) hold the
//! version check around each.

use super::edit::Refusal;
use super::removed::{removed_table, REMOVED_DIR, REMOVED_FILE};
use super::upload::{self, cannot, Form};
use crate::diag::Diagnostic;
use crate::dossier;
use crate::evidence::{paths, FILES_DIR, MANIFEST_FILE};
use crate::fsio::{write_atomic, Within};
use crate::input::{dress, ReadOptions, Table};
use crate::text;
use std::path::{Path, PathBuf};

fn no_document(source: &str, doc: &str) -> Refusal {
    Refusal::Invalid(vec![Diagnostic::error(
        source,
        text!(vi: "không có văn bản \"{doc}\" trong danh sách", en: "no document \"{doc}\" in the list"),
    )])
}

fn rows_of(t: &Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| {
            let mut cells = r.cells.to_vec();
            cells.resize(t.headers.len(), String::new());
            cells
        })
        .collect()
}

/// The column `name` of `t`, added to `headers` and every row when the file lacks it.
fn column(t: &Table, headers: &mut Vec<String>, rows: &mut [Vec<String>], name: &str) -> usize {
    if let Some(i) = t.column(name) {
        return i;
    }
    headers.push(name.to_string());
    for r in rows.iter_mut() {
        r.resize(headers.len(), String::new());
    }
    headers.len() - 1
}

/// A free name for `name` in `folder`: itself, else `stem-2.ext`, `stem-3.ext`, …
fn free_name(folder: &Path, name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s.to_string(), format!(".{e}")),
        None => (name.to_string(), String::new()),
    };
    let mut candidate = name.to_string();
    let mut n = 2;
    while folder.join(&candidate).symlink_metadata().is_ok() {
        candidate = format!("{stem}-{n}{ext}");
        n += 1;
    }
    candidate
}

/// `files/.removed/`, made when missing; refused when it is not a real folder.
fn removed_dir(files: &Path) -> Result<PathBuf, Refusal> {
    let at = files.join(REMOVED_DIR);
    match at.symlink_metadata() {
        Ok(m) if m.is_dir() => Ok(at),
        Ok(_) => Err(Refusal::Failed(Box::new(Diagnostic::error(
            &format!("{FILES_DIR}/{REMOVED_DIR}"),
            text!(vi: "files/.removed không phải thư mục thật (có thể là liên kết); không chuyển tệp vào đó", en: "files/.removed is not a real folder (perhaps a link); no file is moved there"),
        )))),
        Err(_) => {
            std::fs::create_dir(&at)
                .map_err(|e| Refusal::Failed(Box::new(cannot(FILES_DIR, &e))))?;
            Ok(at)
        }
    }
}

/// The file a manifest cell names, when it is a regular file inside `files/`.
fn existing_file(files: &Path, written: &str) -> Option<PathBuf> {
    let paths::Located::Found { path, .. } = paths::resolve(files, written).ok()? else {
        return None;
    };
    crate::fsio::inspect(&path, Within::Folder(files))
        .ok()
        .filter(|(_, m)| m.is_file())
        .map(|_| path)
}

fn today() -> String {
    crate::value::show_date(crate::dossier::today())
}

/// Corrects the row of `doc`: number, date, issuer, title, criteria.
pub fn correct(dir: &Path, doc: &str, form: &Form, read: ReadOptions) -> Result<(), Refusal> {
    let source = dossier::shown(dir, MANIFEST_FILE);
    let criteria = upload::criteria_of(dir, read)?;
    let mut problems = Vec::new();
    let (codes, date) = upload::described(form, &criteria, &source, &mut problems);
    if !problems.is_empty() {
        return Err(Refusal::Invalid(problems));
    }
    let (original, table) = upload::manifest_table(dir, read)?;
    let mut headers = dress::written_headers(&table);
    let mut rows = rows_of(&table);
    let id_col = column(&table, &mut headers, &mut rows, "id");
    let Some(at) = rows.iter().position(|r| r[id_col] == doc) else {
        return Err(no_document(&source, doc));
    };
    let joined = codes.join(";");
    for (name, value) in [
        ("number", form.field("number")),
        ("date", date.as_str()),
        ("issuer", form.field("issuer")),
        ("title", form.field("title")),
        ("criteria", joined.as_str()),
    ] {
        let i = column(&table, &mut headers, &mut rows, name);
        rows[at][i] = value.to_string();
    }
    let new = dress::rewrite(&headers, &rows, table.delimiter, &original);
    upload::write_manifest(dir, &new, read)
}

/// Attaches the uploaded file to the row of `doc` (stored under a name the server
/// chooses); a file the row named before is moved to `files/.removed/`, never deleted.
/// The row's recorded hash, of the old file, is cleared for the next seal.
pub fn attach(dir: &Path, doc: &str, form: &Form, read: ReadOptions) -> Result<String, Refusal> {
    let source = dossier::shown(dir, MANIFEST_FILE);
    let mut problems = Vec::new();
    let extension = upload::checked_file(form, &source, read, &mut problems);
    if !problems.is_empty() {
        return Err(Refusal::Invalid(problems));
    }
    let (original, table) = upload::manifest_table(dir, read)?;
    let mut headers = dress::written_headers(&table);
    let mut rows = rows_of(&table);
    let id_col = column(&table, &mut headers, &mut rows, "id");
    let file_col = column(&table, &mut headers, &mut rows, "file");
    let title_col = column(&table, &mut headers, &mut rows, "title");
    let Some(at) = rows.iter().position(|r| r[id_col] == doc) else {
        return Err(no_document(&source, doc));
    };
    let files = upload::files_dir(dir)?;
    let old = existing_file(&files, &rows[at][file_col]);
    let bytes = form
        .file
        .as_ref()
        .map(|(_, b)| b.as_slice())
        .unwrap_or_default();
    let name = upload::store(
        &files,
        doc,
        &rows[at][title_col],
        &extension.unwrap_or_default(),
        bytes,
    )?;
    rows[at][file_col] = name.clone();
    if let Some(i) = table.column("sha256") {
        rows[at][i] = String::new();
    }
    let new = dress::rewrite(&headers, &rows, table.delimiter, &original);
    if let Err(e) = upload::write_manifest(dir, &new, read) {
        let _ = std::fs::remove_file(files.join(&name));
        return Err(e);
    }
    if let Some(old) = old {
        // The manifest no longer names it: set aside, in case it was the right one after all.
        if let Ok(aside) = removed_dir(&files) {
            let to = aside.join(free_name(&aside, &file_name(&old)));
            let _ = std::fs::rename(&old, to);
        }
    }
    Ok(name)
}

pub fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Takes `doc` out: its file to `files/.removed/`, its row to `manifest-removed.csv`.
pub fn remove(dir: &Path, doc: &str, read: ReadOptions) -> Result<(), Refusal> {
    let source = dossier::shown(dir, MANIFEST_FILE);
    let (original, table) = upload::manifest_table(dir, read)?;
    let headers = dress::written_headers(&table);
    let mut rows = rows_of(&table);
    let Some(at) = table.rows.iter().position(|r| table.cell(r, "id") == doc) else {
        return Err(no_document(&source, doc));
    };
    let row = rows.remove(at);
    let cell = |name: &str| {
        table
            .column(name)
            .and_then(|i| row.get(i).cloned())
            .unwrap_or_default()
    };
    let (removed_original, removed) = removed_table(dir, read)?;
    let mut r_headers = dress::written_headers(&removed);
    let mut r_rows = rows_of(&removed);
    let files = upload::files_dir(dir)?;
    let present = existing_file(&files, &cell("file"));
    let (aside, aside_name) = match &present {
        Some(p) => {
            let folder = removed_dir(&files)?;
            let name = free_name(&folder, &file_name(p));
            (Some(folder.join(&name)), name)
        }
        None => (None, String::new()),
    };
    let mut added = vec![String::new(); r_headers.len()];
    for name in crate::evidence::manifest::COLUMNS {
        let i = column(&removed, &mut r_headers, &mut r_rows, name);
        added.resize(r_headers.len(), String::new());
        added[i] = cell(name);
    }
    // Where the row stood, so that restoring puts the manifest back as it was.
    for (name, value) in [
        ("removed_as", aside_name),
        ("removed_at", (at + 1).to_string()),
        ("removed_on", today()),
    ] {
        let i = column(&removed, &mut r_headers, &mut r_rows, name);
        added.resize(r_headers.len(), String::new());
        added[i] = value;
    }
    r_rows.push(added);
    let new_manifest = dress::rewrite(&headers, &rows, table.delimiter, &original);
    let new_removed = dress::rewrite(&r_headers, &r_rows, removed.delimiter, &removed_original);
    let removed_path = dir.join(REMOVED_FILE);
    let had_removed = removed_path.symlink_metadata().is_ok();
    // The file first, then the list that records where it went, then the manifest; each
    // step undone when a later one fails.
    if let (Some(p), Some(to)) = (&present, &aside) {
        std::fs::rename(p, to).map_err(|e| Refusal::Failed(Box::new(cannot(&source, &e))))?;
    }
    let put_back = || {
        if let (Some(p), Some(to)) = (&present, &aside) {
            let _ = std::fs::rename(to, p);
        }
    };
    if let Err(e) = write_atomic(&removed_path, &new_removed) {
        put_back();
        return Err(Refusal::Failed(Box::new(cannot(
            &dossier::shown(dir, REMOVED_FILE),
            &e,
        ))));
    }
    if let Err(e) = upload::write_manifest(dir, &new_manifest, read) {
        put_back();
        let _ = match had_removed {
            true => write_atomic(&removed_path, &removed_original),
            false => std::fs::remove_file(&removed_path),
        };
        return Err(e);
    }
    Ok(())
}

/// Brings `doc` back: its file from `files/.removed/`, its row to the end of the manifest.
pub fn restore(dir: &Path, doc: &str, read: ReadOptions) -> Result<(), Refusal> {
    let source = dossier::shown(dir, REMOVED_FILE);
    let (removed_original, removed) = removed_table(dir, read)?;
    let Some(at) = removed
        .rows
        .iter()
        .rposition(|r| removed.cell(r, "id") == doc)
    else {
        return Err(no_document(&source, doc));
    };
    let (original, table) = upload::manifest_table(dir, read)?;
    if table.rows.iter().any(|r| table.cell(r, "id") == doc) {
        return Err(Refusal::Invalid(vec![Diagnostic::error(
            &dossier::shown(dir, MANIFEST_FILE),
            text!(vi: "manifest.csv đã có văn bản mang số hiệu \"{doc}\"; đổi số hiệu đó trước khi khôi phục", en: "manifest.csv already has a document \"{doc}\"; change that id before restoring"),
        )]));
    }
    let row = &removed.rows[at];
    let files = upload::files_dir(dir)?;
    let mut file = removed.cell(row, "file").to_string();
    let aside = removed.cell(row, "removed_as");
    let moved = if aside.is_empty() {
        None
    } else {
        let from = files.join(REMOVED_DIR).join(aside);
        if crate::fsio::inspect(&from, Within::Folder(&files)).is_err() {
            return Err(Refusal::Invalid(vec![Diagnostic::error(
                &format!("{FILES_DIR}/{REMOVED_DIR}/{aside}"),
                text!(vi: "không còn tệp đã gỡ ra; không khôi phục được", en: "the file taken out is no longer there; nothing restored"),
            )]));
        }
        // Back under its old name, or a free one beside it when that name is taken now.
        let key = paths::normalise(&file);
        // Free only when no file has that name in any spelling the rules accept.
        let free = matches!(paths::resolve(&files, &key), Ok(paths::Located::Missing));
        let to = match files.join(&key) {
            p if free && p.parent() == Some(files.as_path()) => p,
            _ => {
                let name = free_name(&files, aside);
                file = name.clone();
                files.join(name)
            }
        };
        Some((from, to))
    };
    let mut headers = dress::written_headers(&table);
    let mut rows = rows_of(&table);
    let mut back = vec![String::new(); headers.len()];
    for name in crate::evidence::manifest::COLUMNS {
        let value = match name {
            "file" => file.clone(),
            _ => removed.cell(row, name).to_string(),
        };
        if value.is_empty() && table.column(name).is_none() {
            continue;
        }
        let i = column(&table, &mut headers, &mut rows, name);
        back.resize(headers.len(), String::new());
        back[i] = value;
    }
    let place = removed
        .cell(row, "removed_at")
        .parse::<usize>()
        .ok()
        .map_or(rows.len(), |n| n.saturating_sub(1).min(rows.len()));
    rows.insert(place, back);
    let new_manifest = dress::rewrite(&headers, &rows, table.delimiter, &original);
    let r_headers = dress::written_headers(&removed);
    let mut r_rows = rows_of(&removed);
    r_rows.remove(at);
    let new_removed = dress::rewrite(&r_headers, &r_rows, removed.delimiter, &removed_original);
    if let Some((from, to)) = &moved {
        std::fs::rename(from, to).map_err(|e| Refusal::Failed(Box::new(cannot(&source, &e))))?;
    }
    if let Err(e) = upload::write_manifest(dir, &new_manifest, read) {
        if let Some((from, to)) = &moved {
            let _ = std::fs::rename(to, from);
        }
        return Err(e);
    }
    // The document is back; a list that still names it would only offer it again.
    write_atomic(&dir.join(REMOVED_FILE), &new_removed)
        .map_err(|e| Refusal::Failed(Box::new(cannot(&source, &e))))
}
