//! The list of the documents taken out of a dossier, `manifest-removed.csv` beside
//! `manifest.csv`: the manifest's columns, then where the file went in `files/.removed/`
//! (`removed_as`), the row's place in the manifest (`removed_at`) and the day
//! (`removed_on`). Read by the Evidence page, by a restore, and by a new upload, whose id
//! never takes one of theirs.

use super::edit::Refusal;
use crate::dossier;
use crate::fsio::{read_input, Input, Within};
use crate::input::{parse_table, ReadOptions, Table};
use std::path::Path;

/// The list of documents taken out, beside `manifest.csv`.
pub const REMOVED_FILE: &str = "manifest-removed.csv";
/// Where their files go, inside `files/` (hidden: not a document of the dossier).
pub const REMOVED_DIR: &str = ".removed";

const REMOVED_HEADER: &str =
    "id,file,number,date,issuer,title,criteria,pages,sha256,removed_as,removed_at,removed_on\n";

/// `manifest-removed.csv` as it is (or a new one's header) and as read.
pub fn removed_table(dir: &Path, read: ReadOptions) -> Result<(Vec<u8>, Table), Refusal> {
    let path = dir.join(REMOVED_FILE);
    let source = dossier::shown(dir, REMOVED_FILE);
    let original = if path.symlink_metadata().is_ok() {
        read_input(&path, Within::Folder(dir), Input::Table, read.caps)
            .map_err(|r| Refusal::Failed(Box::new(r.diagnostic(&source))))?
    } else {
        REMOVED_HEADER.as_bytes().to_vec()
    };
    let table =
        parse_table(&original, &source, read.encoding).map_err(|e| Refusal::Invalid(vec![*e]))?;
    Ok((original, table))
}

/// The ids of the documents taken out, for a new id never to take one of them.
pub fn removed_ids(dir: &Path, read: ReadOptions) -> Vec<String> {
    match removed_table(dir, read) {
        Ok((_, t)) => t.rows.iter().map(|r| t.cell(r, "id").to_string()).collect(),
        Err(_) => Vec::new(),
    }
}

/// A document taken out, as the page lists it.
pub struct Removed {
    pub id: String,
    pub file: String,
    pub title: String,
    pub removed_on: String,
}

pub fn removed(dir: &Path, read: ReadOptions) -> Vec<Removed> {
    match removed_table(dir, read) {
        Ok((_, t)) => t
            .rows
            .iter()
            .map(|r| Removed {
                id: t.cell(r, "id").to_string(),
                file: t.cell(r, "file").to_string(),
                title: t.cell(r, "title").to_string(),
                removed_on: t.cell(r, "removed_on").to_string(),
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}
