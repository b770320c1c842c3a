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

/// Where a manifest path leads, once refused paths are set aside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Located {
    /// A file (or something else: the caller opens it under the path policy) under this
    /// path, whose key as the folder spells it is `key` (`sub/a.pdf`, NFC, `/`).
    Found {
        path: PathBuf,
        key: String,
        /// How the manifest's spelling differs from the folder's, when it matches only by
        /// case or as a short name: Windows would open it, Linux would not, so both are told
        /// and both read the file the folder holds.
        alias: Option<Alias>,
    },
    /// Nothing of that name (in any spelling the rules accept).
    Missing,
}

/// How a manifest name matched a file spelled otherwise (a short name is the stronger).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Alias {
    /// Only by upper and lower case (`KE-HOACH.TXT` for `ke-hoach.txt`).
    Case,
    /// As the short 8.3 name Windows gives a long name (`KEHOAC~1.TXT`).
    ShortName,
}

impl Alias {
    /// The warning for a manifest row naming `given` for the file `on_disk`.
    pub fn text(self, given: &str, on_disk: &str) -> Text {
        match self {
            Alias::Case => text!(
                vi: "manifest.csv ghi \"files/{given}\" nhưng tệp trong thư mục là \"files/{on_disk}\" (khác chữ hoa/thường); Windows mở được còn Linux thì không, nên parscore đọc tệp \"files/{on_disk}\" trên mọi máy; sửa tên trong manifest.csv cho khớp",
                en: "manifest.csv names \"files/{given}\" but the folder holds \"files/{on_disk}\" (different upper and lower case); Windows would open it and Linux would not, so parscore reads \"files/{on_disk}\" on every system; correct the name in manifest.csv"
            ),
            Alias::ShortName => text!(
                vi: "manifest.csv ghi \"files/{given}\", là tên ngắn (8.3) mà Windows đặt cho \"files/{on_disk}\"; parscore đọc tệp \"files/{on_disk}\" trên mọi máy; ghi tên đầy đủ trong manifest.csv",
                en: "manifest.csv names \"files/{given}\", the short (8.3) name Windows gives \"files/{on_disk}\"; parscore reads \"files/{on_disk}\" on every system; write the full name in manifest.csv"
            ),
        }
    }
}

/// Resolves a manifest path under `files_dir` (the dossier's `files/`, not canonicalised),
/// or says why it is refused: absolute, climbing with `..`, a name Windows cannot hold
/// (`NUL`, `CON.txt`, `a.pdf:x`, a trailing dot or space) — on every platform, so that a
/// dossier means the same files everywhere — or a link leading out of `files/`. The path
/// is matched as the folder spells it, the same way on every platform: exactly, else once
/// both are NFC, else by case or as a short name (with an [`Alias`] to warn of).
pub fn resolve(files_dir: &Path, raw: &str) -> Result<Located, Text> {
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
    if let Some(why) = key.split('/').find_map(crate::fsio::unportable) {
        return Err(why.text(raw.trim()));
    }
    if !is_real_folder(files_dir) {
        return Err(text!(
            vi: "thư mục files/ của hồ sơ là liên kết hoặc không phải thư mục nên không được đọc",
            en: "the dossier's files/ folder is a link or not a folder and is not read"
        ));
    }
    let (path, key, alias) = if crate::fsio::spelled_as_on_disk(files_dir, &key) {
        (files_dir.join(&key), key, None)
    } else {
        match super::spelling::find(files_dir, &key) {
            Some(found) => found,
            None => return Ok(Located::Missing),
        }
    };
    match inspect(&path, Within::Folder(files_dir)) {
        Err(Refusal::Outside) => Err(text!(
            vi: "\"{raw}\" là liên kết dẫn ra ngoài thư mục files/ của hồ sơ nên bị từ chối",
            en: "\"{raw}\" is a link leading out of the dossier's files/ folder and is refused"
        )),
        _ => Ok(Located::Found { path, key, alias }),
    }
}

/// Whether `dir` is a folder itself, not a link to one (a `files/` linked to `/etc` would
/// put the whole system inside the dossier).
pub fn is_real_folder(dir: &Path) -> bool {
    dir.symlink_metadata().is_ok_and(|m| m.file_type().is_dir())
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
/// out; a link to a folder is not a document; what [`is_not_a_document`] names is skipped.
/// A `files/` that is itself a link is not walked.
pub fn list_files(files_dir: &Path) -> Vec<Entry> {
    let mut out = Vec::new();
    if is_real_folder(files_dir) {
        walk(files_dir, files_dir, "", &mut out);
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

/// Files a folder holds that nobody filed: hidden files (`.name`, among them parscore's
/// `.parscore.lock` and LibreOffice's `.~lock.*#`), the owner file Word and Excel keep
/// beside a document while it is open (`~$bao-cao.docx`), and Windows' `Thumbs.db` and
/// `desktop.ini`.
pub fn is_not_a_document(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

fn walk(root: &Path, dir: &Path, prefix: &str, out: &mut Vec<Entry>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = crate::input::nfc(&entry.file_name().to_string_lossy());
        if is_not_a_document(&name) {
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
            "NUL",
            "con.txt",
            "COM1.pdf",
            "a.pdf:Zone.Identifier",
            "a.pdf.",
            "sub /a.pdf",
            "../../etc/passwd",
            "/etc/passwd",
            "C:\\Windows\\win.ini",
            "a/../../x",
            "",
        ] {
            assert!(resolve(&files, bad).is_err(), "{bad}");
        }
        assert_eq!(resolve(&files, "files\\a.pdf").unwrap(), Located::Missing);
        std::fs::write(files.join("a.pdf"), "x").unwrap();
        assert_eq!(
            resolve(&files, "files\\a.pdf").unwrap(),
            Located::Found {
                path: files.join("a.pdf"),
                key: "a.pdf".into(),
                alias: None
            }
        );
        assert_eq!(normalise("./files/sub/a.pdf"), "sub/a.pdf");
    }
}
