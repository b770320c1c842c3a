//! The dossiers under the served folder: the folder itself when it is a dossier, else every
//! folder below it (three levels at most) that holds `dossier.json`, each with a URL-safe id
//! made from its path relative to the served folder (`2026`, `u001-2026`). The list
//! follows the folder while the server runs: each request compares a cheap signature of
//! the folders (names, and the size and time of each `dossier.json`) with the last one,
//! and lists again only when it changed (a new, renamed or removed dossier).

use crate::diag::Diagnostic;
use crate::dossier::SETTINGS_FILE;
use crate::text;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct Entry {
    pub id: String,
    /// The folder as the commands would be given it (`evidence/2026`).
    pub dir: PathBuf,
    pub unit: String,
    pub year: Option<i32>,
    /// Where the folder really was when found: a request is served only while it still is.
    pub real: PathBuf,
}

const DEPTH: usize = 3;

/// The dossiers as last listed, with the signature of the folders they were listed from.
pub struct Live {
    root: PathBuf,
    read: crate::input::ReadOptions,
    last: std::sync::Mutex<(Vec<u8>, std::sync::Arc<Vec<Entry>>)>,
}

impl Live {
    pub fn new(root: &Path, read: crate::input::ReadOptions, first: Vec<Entry>) -> Live {
        Live {
            root: root.to_path_buf(),
            read,
            last: std::sync::Mutex::new((signature(root), std::sync::Arc::new(first))),
        }
    }

    /// The dossiers now: listed again when the folders changed since the last request.
    pub fn list(&self) -> std::sync::Arc<Vec<Entry>> {
        let now = signature(&self.root);
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if last.0 != now {
            // A folder that can no longer be listed serves nothing rather than stale ids.
            let found = discover(&self.root, self.read).unwrap_or_default();
            *last = (now, std::sync::Arc::new(found));
        }
        last.1.clone()
    }

    /// The served folder.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// What changes when a dossier appears, is renamed or removed, or its `dossier.json` is
/// edited: the folder names walked as `discover` walks them, and the size and time of each
/// `dossier.json`. Only folder listings and metadata are read.
fn signature(root: &Path) -> Vec<u8> {
    fn stamp(path: &Path, out: &mut Vec<u8>) {
        let json = path.join(SETTINGS_FILE);
        if let Ok(m) = json.metadata() {
            let at = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            out.extend_from_slice(&m.len().to_le_bytes());
            out.extend_from_slice(&at.to_le_bytes());
        }
    }
    fn walk(dir: &Path, depth: usize, out: &mut Vec<u8>) {
        if depth >= DEPTH {
            return;
        }
        let Ok(read) = std::fs::read_dir(dir) else {
            return;
        };
        let mut names: Vec<_> = read
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.file_name())
            .collect();
        names.sort();
        for name in names {
            let text = name.to_string_lossy();
            if text.starts_with('.') || text == crate::evidence::FILES_DIR {
                continue;
            }
            out.extend_from_slice(text.as_bytes());
            out.push(0);
            let path = dir.join(&name);
            if path.join(SETTINGS_FILE).is_file() {
                stamp(&path, out);
            } else {
                walk(&path, depth + 1, out);
            }
            out.push(1);
        }
    }
    let mut out = Vec::new();
    stamp(root, &mut out);
    walk(root, 0, &mut out);
    out
}

pub fn discover(
    root: &Path,
    read: crate::input::ReadOptions,
) -> Result<Vec<Entry>, Box<Diagnostic>> {
    let shown = crate::fsio::shown(root);
    if !root.is_dir() {
        return Err(Box::new(Diagnostic::error(
            &shown,
            text!(vi: "không có thư mục này (cần một hồ sơ hoặc thư mục chứa các hồ sơ, ví dụ evidence/2026 hoặc evidence/)", en: "no such folder (a dossier or a folder of dossiers is needed, e.g. evidence/2026 or evidence/)"),
        )));
    }
    if root.join(SETTINGS_FILE).is_file() {
        let name = root
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "hoso".into());
        return Ok(vec![entry(slug(&name), root.to_path_buf(), read)]);
    }
    let mut found = Vec::new();
    walk(root, &[], &mut found, read);
    found.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.dir.cmp(&b.dir)));
    // Two folders may make the same id ("Sở Nội vụ" and "so-noi-vu"): the second and later
    // get "-2", "-3", so that every dossier stays reachable.
    let mut taken = std::collections::HashSet::new();
    for e in &mut found {
        let base = e.id.clone();
        let mut n = 1;
        while !taken.insert(e.id.clone()) {
            n += 1;
            e.id = format!("{base}-{n}");
        }
    }
    found.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(found)
}

fn walk(dir: &Path, parts: &[String], found: &mut Vec<Entry>, read_as: crate::input::ReadOptions) {
    if parts.len() >= DEPTH {
        return;
    }
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<_> = read.flatten().collect();
    names.sort_by_key(|e| e.file_name());
    for e in names {
        let name = e.file_name().to_string_lossy().into_owned();
        // Only real folders: a link could lead outside the served folder.
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir || name.starts_with('.') || name == crate::evidence::FILES_DIR {
            continue;
        }
        let path = e.path();
        let mut here = parts.to_vec();
        here.push(slug(&name));
        if path.join(SETTINGS_FILE).is_file() {
            found.push(entry(here.join("-"), path, read_as));
        } else {
            walk(&path, &here, found, read_as);
        }
    }
}

fn entry(id: String, dir: PathBuf, read: crate::input::ReadOptions) -> Entry {
    let (unit, year) = match crate::dossier::Settings::draft(&dir, read) {
        Ok((draft, _)) => (draft.unit.unwrap_or_default(), draft.year),
        Err(_) => (String::new(), None),
    };
    let real = dir.canonicalize().unwrap_or_else(|_| dir.clone());
    Entry {
        id,
        dir,
        unit,
        year,
        real,
    }
}

/// A folder name as an id: ASCII letters, digits, `-` and `_`; Vietnamese letters lose
/// their marks (`Sở Nội vụ` → `so-noi-vu`).
pub fn slug(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in name.nfd() {
        let c = match c {
            'đ' => 'd',
            'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if c.is_ascii() && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "hoso".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn ids_are_url_safe() {
        assert_eq!(slug("2026"), "2026");
        assert_eq!(slug("Sở Nội vụ"), "so-noi-vu");
        assert_eq!(slug("Đơn vị 01"), "don-vi-01");
        assert_eq!(slug("../x"), "x");
    }
}
