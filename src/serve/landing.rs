//! An upload lands whole or not at all: its document in `files/` and its row in
//! `manifest.csv` are two renames, so before the first one a note (`.parscore-upload` in
//! the dossier) names the document being landed, and after the second it is removed. A
//! server killed between the two leaves the note; the next start of `serve`, and the next
//! upload to that dossier, read it and take back a document the manifest does not list.
//! A document the manifest lists stays: the upload had landed.

use crate::evidence::{FILES_DIR, MANIFEST_FILE};
use crate::fsio::{read_capped, write_atomic, Within};
use std::path::Path;

/// The note, hidden like the writer's temporaries.
pub const NOTE: &str = ".parscore-upload";

/// Writes the note naming `file` (a name inside `files/`).
pub fn begin(dir: &Path, file: &str) -> std::io::Result<()> {
    write_atomic(&dir.join(NOTE), format!("{file}\n").as_bytes())
}

/// Removes the note once the document and its row are both in place (or neither is).
pub fn end(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(NOTE));
}

/// Takes back the document of an upload that was killed before its manifest row landed.
/// Where the manifest cannot be read, nothing is removed and the note is kept for later.
pub fn recover(dir: &Path, read: crate::input::ReadOptions) {
    let note = dir.join(NOTE);
    match note.symlink_metadata() {
        Ok(m) if m.is_file() => {}
        Ok(_) => return end(dir),
        Err(_) => return,
    }
    let Ok(bytes) = read_capped(&note, Within::Folder(dir), 4096) else {
        return end(dir);
    };
    let name = String::from_utf8_lossy(&bytes).trim().to_string();
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && name != "..";
    if !plain {
        return end(dir);
    }
    let document = dir.join(FILES_DIR).join(&name);
    let Ok(meta) = document.symlink_metadata() else {
        return end(dir);
    };
    let manifest = dir.join(MANIFEST_FILE);
    let listed = if manifest.symlink_metadata().is_err() {
        false
    } else {
        let caps = read.caps.of(crate::fsio::Input::Table);
        let Ok(bytes) = read_capped(&manifest, Within::Folder(dir), caps) else {
            return;
        };
        let Ok(table) = crate::input::parse_table(&bytes, MANIFEST_FILE, read.encoding) else {
            return;
        };
        table
            .rows
            .iter()
            .any(|r| crate::input::nfc(table.cell(r, "file")) == name)
    };
    if !listed && meta.is_file() {
        let _ = std::fs::remove_file(&document);
    }
    end(dir);
}
