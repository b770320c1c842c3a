//! The version of a dossier's files, sent as the `ETag` of every answer about it and
//! expected back in `If-Match` on every change: a SHA-256 over the bytes of the files a
//! result is computed from (settings, score sheet, plan, manifest, seal, and the criteria
//! and ranking files `dossier.json` names) and over the names, sizes and times of the
//! evidence files. Any edit on disk changes it.

use crate::fsio::{read_input, Input, Within};
use sha2::{Digest, Sha256};
use std::path::Path;

const FILES: [&str; 6] = [
    crate::dossier::SETTINGS_FILE,
    crate::dossier::SCORES_FILE,
    crate::dossier::SCORES_XLSX,
    crate::dossier::PLAN_FILE,
    crate::evidence::MANIFEST_FILE,
    "seal.json",
];

/// The quoted ETag (`"…"`) of the dossier in `dir`.
pub fn etag(dir: &Path, read: crate::input::ReadOptions) -> String {
    let mut h = Sha256::new();
    for name in FILES {
        h.update(name.as_bytes());
        match read_input(
            &dir.join(name),
            Within::Folder(dir),
            Input::Table,
            read.caps,
        ) {
            Ok(bytes) => {
                h.update((bytes.len() as u64).to_le_bytes());
                h.update(&bytes);
            }
            Err(_) => h.update(b"-"),
        }
    }
    if let Ok((draft, _)) = crate::dossier::Settings::draft(dir, read) {
        for named in [draft.criteria, draft.rankings].into_iter().flatten() {
            h.update(named.as_bytes());
            match read_input(
                &dir.join(&named),
                Within::Anywhere,
                Input::Criteria,
                read.caps,
            ) {
                Ok(bytes) => h.update(&bytes),
                Err(_) => h.update(b"-"),
            }
        }
    }
    if let Ok(read) = std::fs::read_dir(dir.join(crate::evidence::FILES_DIR)) {
        let mut files: Vec<_> = read
            .flatten()
            .filter_map(|e| {
                let m = e.metadata().ok()?;
                let at = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map(|d| d.as_nanos())
                    .unwrap_or(0);
                Some((e.file_name().to_string_lossy().into_owned(), m.len(), at))
            })
            .collect();
        files.sort();
        for (name, len, at) in files {
            h.update(name.as_bytes());
            h.update(len.to_le_bytes());
            h.update(at.to_le_bytes());
        }
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}
