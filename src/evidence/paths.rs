//! Where a manifest's `file` may point: only inside the dossier's `files/` folder. A path
//! that is absolute, climbs with `..`, or leads out through a link is refused before any
//! byte of it is read.

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
        return Err(text!(vi: "cột file để trống", en: "the file column is empty"));
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
    let mut joined = files_dir.join(&key);
    if joined.symlink_metadata().is_err() {
        // The manifest's text is NFC; a name copied from a Mac may be NFD on disk.
        match find_by_nfc(files_dir, &key) {
            Some(found) => joined = found,
            None => return Ok(joined),
        }
    }
    let inside = match (
        joined.canonicalize(),
        files_dir.parent().map(Path::canonicalize),
    ) {
        (Ok(real), Some(Ok(dossier))) => real.starts_with(dossier.join("files")),
        // A link whose target does not exist: nothing to read, but nothing to trust either.
        _ => false,
    };
    if inside {
        Ok(joined)
    } else {
        Err(text!(
            vi: "\"{raw}\" là liên kết dẫn ra ngoài thư mục files/ của hồ sơ nên bị từ chối",
            en: "\"{raw}\" is a link leading out of the dossier's files/ folder and is refused"
        ))
    }
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

/// Every regular file under `files_dir`, as normalised keys, sorted. Links are listed but
/// never followed; hidden files (`.name`) and Windows' `Thumbs.db` / `desktop.ini` are skipped.
pub fn list_files(files_dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    walk(files_dir, "", &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = crate::input::nfc(&entry.file_name().to_string_lossy());
        if name.starts_with('.') || name == "Thumbs.db" || name == "desktop.ini" {
            continue;
        }
        let key = format!("{prefix}{name}");
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&entry.path(), &format!("{key}/"), out),
            // A link to a folder is not a document (and is never followed).
            Ok(t) if t.is_symlink() && entry.path().is_dir() => {}
            Ok(_) => out.push(key),
            Err(_) => {}
        }
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
