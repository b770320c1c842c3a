//! Where a manifest's `file` may point: only inside the dossier's `files/` folder. A path
//! that is absolute, climbs with `..`, or leads out through a link is refused before any
//! byte of it is read.

use crate::fsio::{inspect, Refusal, Within};
use crate::lang::Text;
use crate::text;
use std::path::{Path, PathBuf};

/// A manifest path as a key: `/` separators, no leading `./` or `files/`.
pub fn normalise(raw: &str) -> String {
    let mut s = raw.trim().replace('\\', "/");
    while let Some(rest) = s.strip_prefix("./") {
        s = rest.to_string();
    }
    match s.strip_prefix("files/") {
        Some(rest) => rest.to_string(),
        None => s,
    }
}

/// Resolves a manifest path under `files_dir` (the dossier's `files/`, not canonicalised),
/// or says why it is refused. A path that does not exist yet is returned as joined; the
/// caller reports it as missing.
pub fn resolve(files_dir: &Path, raw: &str) -> Result<PathBuf, Text> {
    let key = normalise(raw);
    if key.is_empty() {
        return Err(text!(vi: "cột \"file\" để trống", en: "the file column is empty"));
    }
    let bytes = key.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if key.starts_with('/') || drive {
        return Err(text!(
            vi: "đường dẫn tuyệt đối \"{raw}\" bị từ chối: chỉ ghi đường dẫn bên trong thư mục files/ của hồ sơ",
            en: "absolute path \"{raw}\" refused: give a path inside the dossier's files/ folder"
        ));
    }
    if key.split('/').any(|part| part == "..") {
        return Err(text!(
            vi: "đường dẫn \"{raw}\" chứa \"..\" nên bị từ chối: chỉ ghi đường dẫn bên trong thư mục files/ của hồ sơ",
            en: "path \"{raw}\" contains \"..\" and is refused: give a path inside the dossier's files/ folder"
        ));
    }
    if !is_real_folder(files_dir) {
        return Err(text!(
            vi: "thư mục files/ của hồ sơ là liên kết hoặc không phải thư mục nên không được đọc",
            en: "the dossier's files/ folder is a link or not a folder and is not read"
        ));
    }
    let mut joined = files_dir.join(&key);
    if joined.symlink_metadata().is_err() {
        // The manifest's text is NFC; a name copied from a Mac may be NFD on disk.
        match find_by_nfc(files_dir, &key) {
            Some(found) => joined = found,
            None => return Ok(joined),
        }
    }
    match inspect(&joined, Within::Folder(files_dir)) {
        Err(Refusal::Outside) => Err(text!(
            vi: "\"{raw}\" là liên kết dẫn ra ngoài thư mục files/ của hồ sơ nên bị từ chối",
            en: "\"{raw}\" is a link leading out of the dossier's files/ folder and is refused"
        )),
        _ => Ok(joined),
    }
}

/// Whether `dir` is a folder itself, not a link to one (a `files/` linked to `/etc` would
/// put the whole system inside the dossier).
pub fn is_real_folder(dir: &Path) -> bool {
    dir.symlink_metadata().is_ok_and(|m| m.file_type().is_dir())
}

/// The path under `dir` whose components equal `key`'s once both are NFC.
fn find_by_nfc(dir: &Path, key: &str) -> Option<PathBuf> {
    let mut at = dir.to_path_buf();
    for part in key.split('/').filter(|p| !p.is_empty() && *p != ".") {
        let wanted = crate::input::nfc(part);
        let entry = std::fs::read_dir(&at)
            .ok()?
            .flatten()
            .find(|e| crate::input::nfc(&e.file_name().to_string_lossy()) == wanted)?;
        at = entry.path();
    }
    Some(at)
}

/// An entry of `files/` as found by walking it, without opening it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The normalised key (`sub/a.pdf`).
    pub key: String,
    /// `None` for a regular file (or a link to one inside `files/`), else why it is not a
    /// document that may be read: a FIFO, device or socket, or a link leading outside.
    pub refused: Option<RefusedEntry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusedEntry {
    NotRegular(&'static str),
    Outside,
}

impl RefusedEntry {
    pub fn text(self, key: &str) -> Text {
        match self {
            RefusedEntry::NotRegular(kind) => {
                let r = Refusal::NotRegular(kind).text();
                let (vi, en) = (r.vi, r.en);
                text!(vi: "files/{key} {vi}", en: "files/{key} {en}")
            }
            RefusedEntry::Outside => text!(
                vi: "files/{key} là liên kết dẫn ra ngoài thư mục files/ của hồ sơ nên không được đọc",
                en: "files/{key} is a link leading out of the dossier's files/ folder and is not read"
            ),
        }
    }
}

/// Every entry under `files_dir` that could be a document, sorted by key: regular files,
/// and everything else that is not a folder, flagged. Links are inspected, never followed
/// out; a link to a folder is not a document; hidden files (`.name`) and Windows'
/// `Thumbs.db` / `desktop.ini` are skipped. A `files/` that is itself a link is not walked.
pub fn list_files(files_dir: &Path) -> Vec<Entry> {
    let mut out = Vec::new();
    if is_real_folder(files_dir) {
        walk(files_dir, files_dir, "", &mut out);
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

fn walk(root: &Path, dir: &Path, prefix: &str, out: &mut Vec<Entry>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = crate::input::nfc(&entry.file_name().to_string_lossy());
        if name.starts_with('.') || name == "Thumbs.db" || name == "desktop.ini" {
            continue;
        }
        let key = format!("{prefix}{name}");
        let Ok(t) = entry.file_type() else {
            continue;
        };
        let refused = if t.is_dir() {
            walk(root, &entry.path(), &format!("{key}/"), out);
            continue;
        } else if t.is_file() {
            None
        } else {
            match inspect(&entry.path(), Within::Folder(root)) {
                Ok(_) => None,
                // A link to a folder inside is not a document (and is never followed).
                Err(Refusal::NotRegular("folder")) if t.is_symlink() => continue,
                Err(Refusal::NotRegular(kind)) => Some(RefusedEntry::NotRegular(kind)),
                Err(_) => Some(RefusedEntry::Outside),
            }
        };
        out.push(Entry { key, refused });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let files = dir.path().join("files");
        std::fs::create_dir(&files).unwrap();
        for bad in [
            "../../etc/passwd",
            "/etc/passwd",
            "C:\\Windows\\win.ini",
            "a/../../x",
            "",
        ] {
            assert!(resolve(&files, bad).is_err(), "{bad}");
        }
        assert_eq!(
            resolve(&files, "files\\a.pdf").unwrap(),
            files.join("a.pdf")
        );
        assert_eq!(normalise("./files/sub/a.pdf"), "sub/a.pdf");
    }
}
