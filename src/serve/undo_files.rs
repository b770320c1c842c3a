//! What undoing a change of `manifest.csv` does to the documents' files, so that an undo
//! puts back the dossier and not only its list: a removal undone brings the file back from
//! `files/.removed/` (and its row out of `manifest-removed.csv`); an upload or a restore
//! undone sets the file aside there (with a row, so that «Khôi phục» brings it back); an
//! attached file undone is set aside and the file it replaced comes back. Called by
//! `edit::undo` under the dossier's lock, after the manifest is written; a file that cannot
//! be moved is left where it is (the manifest then names it as missing or unlisted, which
//! the Evidence page shows).

use super::documents::{bring_back, removed_dir, set_aside};
use super::edit::Refusal;
use super::removed::{removed_table, REMOVED_FILE};
use super::row_exact::Rows;
use crate::diag::Diagnostic;
use crate::evidence::{paths, FILES_DIR};
use crate::history::Entry;
use crate::input::ReadOptions;
use crate::text;
use std::path::Path;

/// After undoing `lines` (the change undone, as recorded) on the manifest whose bytes
/// were `before` the undo.
pub fn after_undo(dir: &Path, read: ReadOptions, lines: &[&Entry], before: &[u8]) {
    for l in lines {
        match (&l.old_row, &l.new_row, l.column.as_str()) {
            // The change took the row out: the undo put it back.
            (Some(row), None, "") => {
                // The list's row of the document whose row came back (of a key listed
                // twice, the one with that row's file).
                let file = put_back_file(dir, read, &l.key, row);
                let _ = bring_back(dir, &l.key, file.as_deref(), read);
            }
            // The change added the row: the undo took it out.
            (None, Some(row), "") => set_row_aside(dir, read, &l.key, row, before),
            // The change named another file: the undo names the old one again.
            (Some(_), Some(_), "file") => swap_back(dir, read, &l.old, &l.new),
            _ => {}
        }
    }
}

/// Refuses, before anything is written, an undo that would put back a removed document's
/// row while its file's name in `files/` is another file's now: the row would name that
/// other file, and the document's own come back under a name no row gives. `after` is the
/// manifest as the undo makes it.
pub fn check(dir: &Path, read: ReadOptions, lines: &[&Entry], after: &[u8]) -> Result<(), Refusal> {
    let source = crate::dossier::shown(dir, crate::evidence::MANIFEST_FILE);
    let Ok(table) = crate::input::parse_table(after, &source, read.encoding) else {
        return Ok(());
    };
    let manifest = Rows::new(after, &table, read, &source);
    let Ok((bytes, list)) = removed_table(dir, read) else {
        return Ok(());
    };
    let list = Rows::new(&bytes, &list, read, REMOVED_FILE);
    let files = dir.join(FILES_DIR);
    for l in lines {
        let (Some(row), None, "") = (&l.old_row, &l.new_row, l.column.as_str()) else {
            continue;
        };
        let Some(at) = manifest.find_text("id", &l.key, row) else {
            continue;
        };
        let file = manifest.get(at, "file");
        let aside = list
            .find_last_with(&[("id", &l.key), ("file", &file)])
            .map(|i| list.get(i, "removed_as"))
            .unwrap_or_default();
        if aside.is_empty() || matches!(paths::resolve(&files, &file), Ok(paths::Located::Missing))
        {
            continue;
        }
        let shown = format!("{FILES_DIR}/{}", paths::normalise(&file));
        return Err(Refusal::Invalid(vec![Diagnostic::error(
            &shown,
            text!(vi: "tên tệp \"{file}\" của văn bản {key} nay là của một tệp khác trong files/; đổi tên tệp đó rồi hoàn tác lại (chưa ghi gì)", en: "the name \"{file}\" of document {key}'s file is another file's in files/ now; rename that file, then undo again (nothing was written)", key = l.key),
        )
        .for_code(&l.key)]));
    }
    Ok(())
}

/// The file named by the manifest's row written as `row` (the row the undo put back).
fn put_back_file(dir: &Path, read: ReadOptions, key: &str, row: &str) -> Option<String> {
    let source = crate::dossier::shown(dir, crate::evidence::MANIFEST_FILE);
    let (bytes, table) = super::upload::manifest_table(dir, read).ok()?;
    let rows = Rows::new(&bytes, &table, read, &source);
    rows.find_text("id", key, row)
        .map(|at| rows.get(at, "file"))
}

fn set_row_aside(dir: &Path, read: ReadOptions, key: &str, row: &str, before: &[u8]) {
    let source = crate::dossier::shown(dir, crate::evidence::MANIFEST_FILE);
    let Ok(table) = crate::input::parse_table(before, &source, read.encoding) else {
        return;
    };
    let mut rows = Rows::new(before, &table, read, &source);
    let Some(at) = rows
        .find_text("id", key, row)
        .or_else(|| rows.find("id", key))
    else {
        return;
    };
    let cells: Vec<(&str, String)> = crate::evidence::manifest::COLUMNS
        .iter()
        .map(|&name| (name, rows.get(at, name)))
        .collect();
    let place = rows.remove(at);
    let _ = set_aside(dir, &cells, place, &rows, read);
}

/// `now` (the file the undone change attached) to `files/.removed/`, and `old` back from
/// there when it was set aside and its name is free.
fn swap_back(dir: &Path, read: ReadOptions, old: &str, now: &str) {
    let files = dir.join(FILES_DIR);
    // A real folder, made when missing: never a link leading files out of the dossier.
    let Ok(aside) = removed_dir(&files) else {
        return;
    };
    let within = crate::fsio::Within::Folder(&files);
    let plain = |name: &str| {
        let key = paths::normalise(name.trim());
        (!key.is_empty() && !key.contains('/')).then_some(key)
    };
    // A file a row of the manifest (as the undo left it) still names stays in place.
    let named = |name: &str| {
        let source = crate::dossier::shown(dir, crate::evidence::MANIFEST_FILE);
        super::upload::manifest_table(dir, read).is_ok_and(|(bytes, table)| {
            Rows::new(&bytes, &table, read, &source)
                .any_row("file", |f| paths::normalise(f) == name)
        })
    };
    if let Some(now) = plain(now).filter(|n| !named(n)) {
        let from = files.join(&now);
        if crate::fsio::inspect(&from, within).is_ok_and(|(_, m)| m.is_file())
            && aside.join(&now).symlink_metadata().is_err()
        {
            let _ = std::fs::rename(&from, aside.join(&now));
        }
    }
    if let Some(old) = plain(old) {
        let from = aside.join(&old);
        let free = matches!(paths::resolve(&files, &old), Ok(paths::Located::Missing));
        if free && crate::fsio::inspect(&from, within).is_ok_and(|(_, m)| m.is_file()) {
            let _ = std::fs::rename(&from, files.join(&old));
        }
    }
}
