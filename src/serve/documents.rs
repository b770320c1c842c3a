//! A filed document's life on the Evidence page: opened (sent as the file it is, never as
//! a page), its manifest row corrected, its file attached or replaced, taken out of the
//! dossier and brought back. Nothing is deleted: a document taken out has its file moved to
//! `files/.removed/` (a hidden folder, which the evidence check and the seal skip) and its
//! row to `manifest-removed.csv`, from where the page restores both. Every change is
//! checked first and made through the one writer; the routes (`document_api.rs`) hold the
//! version check around each.

use super::edit::Refusal;
use super::removed::{removed_table, REMOVED_DIR, REMOVED_FILE};
use super::row_exact::Rows;
use super::upload::{self, cannot, Form};
use crate::diag::Diagnostic;
use crate::dossier;
use crate::evidence::{paths, FILES_DIR, MANIFEST_FILE};
use crate::fsio::{write_atomic, Within};
use crate::input::ReadOptions;
use crate::text;
use std::path::{Path, PathBuf};

fn no_document(source: &str, doc: &str) -> Refusal {
    Refusal::Invalid(vec![Diagnostic::error(
        source,
        text!(vi: "không có văn bản \"{doc}\" trong danh sách", en: "no document \"{doc}\" in the list"),
    )])
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
pub fn removed_dir(files: &Path) -> Result<PathBuf, Refusal> {
    let at = files.join(REMOVED_DIR);
    match at.symlink_metadata() {
        Ok(m) if m.is_dir() => Ok(at),
        Ok(_) => Err(Refusal::Invalid(vec![Diagnostic::error(
            &format!("{FILES_DIR}/{REMOVED_DIR}"),
            text!(vi: "files/.removed không phải thư mục thật (có thể là liên kết); không chuyển tệp vào đó hay từ đó ra", en: "files/.removed is not a real folder (perhaps a link); no file is moved into or out of it"),
        )])),
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

/// The manifest opened for a row-exact change, and its source as messages name it.
fn manifest(dir: &Path, read: ReadOptions) -> Result<(Rows, String), Refusal> {
    let source = dossier::shown(dir, MANIFEST_FILE);
    let (original, table) = upload::manifest_table(dir, read)?;
    Ok((Rows::new(&original, &table, read, &source), source))
}

/// `manifest-removed.csv` opened for a row-exact change, as it is before it.
fn removed_list(dir: &Path, read: ReadOptions) -> Result<(Rows, Vec<u8>), Refusal> {
    let source = dossier::shown(dir, REMOVED_FILE);
    let (original, table) = removed_table(dir, read)?;
    Ok((Rows::new(&original, &table, read, &source), original))
}

/// Corrects the row of `doc`: number, date, issuer, title, criteria. Only the cells that
/// change are written; every other byte of the manifest stays as it was.
pub fn correct(dir: &Path, doc: &str, form: &Form, read: ReadOptions) -> Result<(), Refusal> {
    let criteria = upload::criteria_of(dir, read)?;
    let (mut rows, source) = manifest(dir, read)?;
    let mut problems = Vec::new();
    let (codes, date) = upload::described(form, &criteria, &source, &mut problems);
    if !problems.is_empty() {
        return Err(Refusal::Invalid(problems));
    }
    let Some(at) = rows.find("id", doc) else {
        return Err(no_document(&source, doc));
    };
    let joined = codes.join(";");
    rows.set(
        at,
        &[
            ("number", form.field("number")),
            ("date", date.as_str()),
            ("issuer", form.field("issuer")),
            ("title", form.field("title")),
            ("criteria", joined.as_str()),
        ],
    )?;
    upload::write_manifest(dir, &rows.bytes(), read)
}

/// Attaches the uploaded file to the row of `doc` (stored under a name the server
/// chooses); a file the row named before is moved to `files/.removed/`, never deleted.
/// The row's recorded hash, of the old file, is cleared for the next seal.
pub fn attach(dir: &Path, doc: &str, form: &Form, read: ReadOptions) -> Result<String, Refusal> {
    let (mut rows, source) = manifest(dir, read)?;
    let mut problems = Vec::new();
    let extension = upload::checked_file(form, &source, read, &mut problems);
    if !problems.is_empty() {
        return Err(Refusal::Invalid(problems));
    }
    let Some(at) = rows.find("id", doc) else {
        return Err(no_document(&source, doc));
    };
    let files = upload::files_dir(dir)?;
    let old_name = paths::normalise(&rows.get(at, "file"));
    let old = existing_file(&files, &old_name);
    let bytes = form
        .file
        .as_ref()
        .map(|(_, b)| b.as_slice())
        .unwrap_or_default();
    let name = upload::store(
        &files,
        doc,
        &rows.get(at, "title"),
        &extension.unwrap_or_default(),
        bytes,
    )?;
    let mut cells = vec![("file", name.as_str())];
    if !rows.get(at, "sha256").is_empty() {
        cells.push(("sha256", ""));
    }
    let written = rows
        .set(at, &cells)
        .and_then(|()| upload::write_manifest(dir, &rows.bytes(), read));
    if let Err(e) = written {
        let _ = std::fs::remove_file(files.join(&name));
        return Err(e);
    }
    // Another row naming the same file keeps it in place.
    let shared = rows.any_row("file", |f| paths::normalise(f) == old_name);
    if let Some(old) = old.filter(|_| !shared) {
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

/// Takes `doc` out: its file to `files/.removed/`, its row to `manifest-removed.csv`; the
/// manifest loses that one row and nothing else.
pub fn remove(dir: &Path, doc: &str, read: ReadOptions) -> Result<(), Refusal> {
    let (mut rows, source) = manifest(dir, read)?;
    let Some(at) = rows.find("id", doc) else {
        return Err(no_document(&source, doc));
    };
    let cells: Vec<(&str, String)> = crate::evidence::manifest::COLUMNS
        .iter()
        .map(|&name| (name, rows.get(at, name)))
        .collect();
    let place = rows.remove(at);
    set_aside(dir, &cells, place, &rows, read)?;
    if let Err(e) = upload::write_manifest(dir, &rows.bytes(), read) {
        let file = cells
            .iter()
            .find(|(n, _)| *n == "file")
            .map(|(_, v)| v.as_str());
        let _ = bring_back(dir, doc, file, read);
        return Err(e);
    }
    Ok(())
}

/// A document's file moved to `files/.removed/` and its row (`cells`, with its `place`
/// among the manifest's rows) added to `manifest-removed.csv`: the half of a removal that
/// is not the manifest, also made when an undo takes out a document's row. A file that
/// one of the `others` (the manifest's rows left) names too stays where it is.
pub fn set_aside(
    dir: &Path,
    cells: &[(&str, String)],
    place: usize,
    others: &Rows,
    read: ReadOptions,
) -> Result<(), Refusal> {
    let cell = |name: &str| {
        cells
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let files = upload::files_dir(dir)?;
    let file = paths::normalise(&cell("file"));
    let shared = others.any_row("file", |f| paths::normalise(f) == file);
    let present = existing_file(&files, &file).filter(|_| !shared);
    let (aside, aside_name) = match &present {
        Some(p) => {
            let folder = removed_dir(&files)?;
            let name = free_name(&folder, &file_name(p));
            (Some(folder.join(&name)), name)
        }
        None => (None, String::new()),
    };
    let (mut list, list_original) = removed_list(dir, read)?;
    let (at, on) = (place.to_string(), today());
    let mut row: Vec<(&str, &str)> = cells.iter().map(|(n, v)| (*n, v.as_str())).collect();
    row.extend([
        ("removed_as", aside_name.as_str()),
        ("removed_at", at.as_str()),
        ("removed_on", on.as_str()),
    ]);
    list.append(&row)?;
    let removed_path = dir.join(REMOVED_FILE);
    let had_list = removed_path.symlink_metadata().is_ok();
    // The file first, then the list that records where it went; the file put back when
    // the list cannot be written.
    if let (Some(p), Some(to)) = (&present, &aside) {
        std::fs::rename(p, to).map_err(|e| {
            Refusal::Failed(Box::new(cannot(&dossier::shown(dir, MANIFEST_FILE), &e)))
        })?;
    }
    if let Err(e) = write_atomic(&removed_path, &list.bytes()) {
        if let (Some(p), Some(to)) = (&present, &aside) {
            let _ = std::fs::rename(to, p);
        }
        if !had_list {
            let _ = std::fs::remove_file(&removed_path);
        } else {
            let _ = write_atomic(&removed_path, &list_original);
        }
        return Err(Refusal::Failed(Box::new(cannot(
            &dossier::shown(dir, REMOVED_FILE),
            &e,
        ))));
    }
    Ok(())
}

/// A document taken out, as its removed-list row keeps it: the manifest's cells (the file
/// as it will be named again), and its place among the manifest's rows.
pub struct Returning {
    pub cells: Vec<(&'static str, String)>,
    pub place: usize,
}

/// The half of a restore that is not the manifest: `doc`'s file back from
/// `files/.removed/` (under its old name, or a free one beside it) and its row out of
/// `manifest-removed.csv`; what the manifest's row is to hold then. Also made when an
/// undo puts back a removed row; `file`, when given, is the file the row named (a key
/// listed twice, VB40, has a row in the list for each of its documents taken out).
pub fn bring_back(
    dir: &Path,
    doc: &str,
    file: Option<&str>,
    read: ReadOptions,
) -> Result<Returning, Refusal> {
    let source = dossier::shown(dir, REMOVED_FILE);
    let (mut list, _) = removed_list(dir, read)?;
    let found = match file {
        Some(file) => list.find_last_with(&[("id", doc), ("file", file)]),
        None => list.find_last("id", doc),
    };
    let Some(at) = found else {
        return Err(no_document(&source, doc));
    };
    let files = upload::files_dir(dir)?;
    let mut file = list.get(at, "file");
    let aside = list.get(at, "removed_as");
    let moved = if aside.is_empty() {
        None
    } else {
        // One name inside the hidden folder, of a regular file there: a list edited by hand
        // (`../x`, a link put in its place) never moves a file from elsewhere.
        let plain = !aside.contains(['/', '\\']) && aside != "." && aside != "..";
        if !plain {
            return Err(Refusal::Invalid(vec![Diagnostic::error(
                &format!("{REMOVED_FILE} (removed_as)"),
                text!(vi: "\"{aside}\" không phải tên một tệp trong files/.removed; không khôi phục được", en: "\"{aside}\" is not the name of a file in files/.removed; nothing restored"),
            )]));
        }
        let from = removed_dir(&files)?.join(&aside);
        if from.symlink_metadata().is_ok_and(|m| !m.is_file()) {
            return Err(Refusal::Invalid(vec![Diagnostic::error(
                &format!("{FILES_DIR}/{REMOVED_DIR}/{aside}"),
                text!(vi: "tệp đã gỡ ra là liên kết hoặc không phải tệp thường; không khôi phục được", en: "the file taken out is a link or not a regular file; nothing restored"),
            )]));
        }
        if crate::fsio::inspect(&from, Within::Folder(&files.join(REMOVED_DIR))).is_err() {
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
                let name = free_name(&files, &aside);
                file = name.clone();
                files.join(name)
            }
        };
        Some((from, to))
    };
    let cells = crate::evidence::manifest::COLUMNS
        .iter()
        .map(|&name| match name {
            "file" => (name, file.clone()),
            _ => (name, list.get(at, name)),
        })
        .collect();
    let place = list
        .get(at, "removed_at")
        .parse::<usize>()
        .unwrap_or(usize::MAX);
    list.remove(at);
    if let Some((from, to)) = &moved {
        std::fs::rename(from, to).map_err(|e| Refusal::Failed(Box::new(cannot(&source, &e))))?;
    }
    // The document is back; a list that still names it would only offer it again.
    if let Err(e) = write_atomic(&dir.join(REMOVED_FILE), &list.bytes()) {
        if let Some((from, to)) = &moved {
            let _ = std::fs::rename(to, from);
        }
        return Err(Refusal::Failed(Box::new(cannot(&source, &e))));
    }
    Ok(Returning { cells, place })
}

/// Brings `doc` back: its file from `files/.removed/`, its row to its old place in the
/// manifest (every other row as it is).
pub fn restore(dir: &Path, doc: &str, read: ReadOptions) -> Result<(), Refusal> {
    let (mut rows, source) = manifest(dir, read)?;
    if rows.find("id", doc).is_some() {
        return Err(Refusal::Invalid(vec![Diagnostic::error(
            &source,
            text!(vi: "manifest.csv đã có văn bản mang số hiệu \"{doc}\"; đổi số hiệu đó trước khi khôi phục", en: "manifest.csv already has a document \"{doc}\"; change that id before restoring"),
        )]));
    }
    let (_, list_original) = removed_list(dir, read)?;
    let back = bring_back(dir, doc, None, read)?;
    let cells: Vec<(&str, &str)> = back.cells.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let written = rows
        .insert(back.place, &cells)
        .and_then(|()| upload::write_manifest(dir, &rows.bytes(), read));
    if let Err(e) = written {
        // The list and the file as they were: the document stays taken out.
        let _ = write_atomic(&dir.join(REMOVED_FILE), &list_original);
        let files = dir.join(FILES_DIR);
        let (name, aside) = (
            paths::normalise(&cells_value(&back.cells, "file")),
            removed_as_of(&list_original, doc, read),
        );
        if !aside.is_empty() {
            let _ = std::fs::rename(files.join(name), files.join(REMOVED_DIR).join(aside));
        }
        return Err(e);
    }
    Ok(())
}

fn cells_value(cells: &[(&'static str, String)], name: &str) -> String {
    cells
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// Where the list `original` says `doc`'s file was set aside.
fn removed_as_of(original: &[u8], doc: &str, read: ReadOptions) -> String {
    let Ok(table) = crate::input::parse_table(original, REMOVED_FILE, read.encoding) else {
        return String::new();
    };
    let rows = Rows::new(original, &table, read, REMOVED_FILE);
    rows.find_last("id", doc)
        .map(|at| rows.get(at, "removed_as"))
        .unwrap_or_default()
}
