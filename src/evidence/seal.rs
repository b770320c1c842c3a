//! `seal`: the SHA-256 of every listed document goes into `manifest.csv`, and `seal.json`
//! records the hash of every file of the dossier (settings, scores, plan, manifest, the
//! criteria file and the documents). `verify` recomputes them and lists what changed.

use super::hash::{sha256_all, sha256_bytes};
use super::manifest::{with_hashes, Manifest};
use super::paths::{list_files, normalise, resolve};
use super::{FILES_DIR, MANIFEST_FILE, SEAL_FILE};
use crate::diag::{Diagnostic, Fatal};
use crate::dossier::{shown, Settings, PLAN_FILE, SCORES_FILE, SETTINGS_FILE};
use crate::fsio::write_atomic;
use crate::text;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub const SEAL_FORMAT: &str = "parscore-seal/1";

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Seal {
    pub format: String,
    pub unit: String,
    pub year: i32,
    pub sealed_at: String,
    pub files: Vec<SealedFile>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SealedFile {
    /// Relative to the dossier folder, with `/`.
    pub path: String,
    /// `dossier`, `scores`, `plan`, `manifest`, `criteria`, `evidence`, or `unlisted` (a
    /// file in `files/` that no manifest row lists).
    pub role: String,
    pub bytes: u64,
    pub sha256: String,
}

/// What `seal` did.
#[derive(Clone, Debug)]
pub struct Sealed {
    pub seal: Seal,
    /// Manifest rows whose hash was filled in or changed.
    pub updated_rows: usize,
    /// Files in `files/` that no manifest row lists, sealed as `unlisted`.
    pub unlisted: Vec<String>,
}

/// The files a seal covers before the documents: role and path relative to the dossier.
fn fixed_files(dir: &Path, settings: &Settings) -> Vec<(&'static str, String)> {
    let mut out = vec![("dossier", SETTINGS_FILE.to_string())];
    out.push(("scores", SCORES_FILE.to_string()));
    if dir.join(PLAN_FILE).exists() {
        out.push(("plan", PLAN_FILE.to_string()));
    }
    out.push(("manifest", MANIFEST_FILE.to_string()));
    out.push(("criteria", settings.criteria.replace('\\', "/")));
    out
}

/// Sizes of files, for a progress bar's length.
pub fn total_bytes(paths: &[PathBuf]) -> u64 {
    paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

/// The listed documents' paths, or every reason they cannot be sealed.
pub fn document_paths(dir: &Path, m: &Manifest) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let files_dir = dir.join(FILES_DIR);
    let mut problems = Vec::new();
    let mut paths = Vec::new();
    for doc in &m.documents {
        let at = |msg| {
            Diagnostic::error(&m.source, msg)
                .at_line(Some(doc.line))
                .for_code(doc.links.first().map(|l| l.code.as_str()).unwrap_or(""))
        };
        match resolve(&files_dir, &doc.file) {
            Err(why) => problems.push(at(why)),
            Ok(p) if !p.is_file() => {
                let (f, id) = (&doc.file, &doc.id);
                problems.push(at(text!(
                    vi: "không có tệp files/{f} của văn bản {id}; không thể niêm phong hồ sơ thiếu tệp",
                    en: "file files/{f} of document {id} does not exist; a dossier with missing files cannot be sealed"
                )));
            }
            Ok(p) => paths.push(p),
        }
    }
    if problems.is_empty() {
        Ok(paths)
    } else {
        Err(problems)
    }
}

/// Seals the dossier: hashes `doc_paths` (one per manifest row, from [`document_paths`]),
/// rewrites the manifest atomically with the hashes, then writes `seal.json` atomically.
pub fn seal(
    dir: &Path,
    settings: &Settings,
    m: &Manifest,
    doc_paths: &[PathBuf],
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Sealed, Fatal> {
    let unique: Vec<PathBuf> = doc_paths
        .iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .cloned()
        .collect();
    let results = sha256_all(&unique, progress);
    let mut by_path: HashMap<&PathBuf, (String, u64)> = HashMap::new();
    for (p, r) in unique.iter().zip(results) {
        let hash = r.map_err(|e| {
            Diagnostic::error(
                &p.display().to_string(),
                text!(vi: "không đọc được tệp: {e}", en: "cannot read the file: {e}"),
            )
        })?;
        let bytes = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        by_path.insert(p, (hash, bytes));
    }
    let hashes: Vec<String> = doc_paths.iter().map(|p| by_path[p].0.clone()).collect();
    let updated_rows = m
        .documents
        .iter()
        .zip(&hashes)
        .filter(|(d, h)| d.sha256 != **h)
        .count();
    let manifest_bytes = with_hashes(m, &hashes);
    let manifest_path = dir.join(MANIFEST_FILE);
    let previous = std::fs::read(&manifest_path).map_err(|e| write_error(&manifest_path, e))?;
    write_atomic(&manifest_path, &manifest_bytes).map_err(|e| write_error(&manifest_path, e))?;
    // From here on a failure puts the previous manifest back, so that a seal happens whole
    // or not at all.
    let restore = |f: Fatal| {
        let _ = write_atomic(&manifest_path, &previous);
        f
    };

    let mut files = Vec::new();
    for (role, rel) in fixed_files(dir, settings) {
        let path = dir.join(&rel);
        let bytes = std::fs::read(&path).map_err(|e| {
            restore(Fatal::from(Diagnostic::error(
                &path.display().to_string(),
                text!(vi: "không đọc được tệp: {e}", en: "cannot read the file: {e}"),
            )))
        })?;
        files.push(SealedFile {
            path: rel,
            role: role.into(),
            bytes: bytes.len() as u64,
            sha256: sha256_bytes(&bytes),
        });
    }
    let mut seen = BTreeSet::new();
    for (doc, p) in m.documents.iter().zip(doc_paths) {
        let key = normalise(&doc.file);
        if seen.insert(key.clone()) {
            let (sha256, bytes) = by_path[p].clone();
            files.push(SealedFile {
                path: format!("{FILES_DIR}/{key}"),
                role: "evidence".into(),
                bytes,
                sha256,
            });
        }
    }
    // Files in files/ that no row lists are sealed too (role `unlisted`), so that `verify`
    // right after `seal` finds the dossier intact; `seal` names them as a warning.
    let mut unlisted = Vec::new();
    for key in list_files(&dir.join(FILES_DIR)) {
        if seen.contains(&key) {
            continue;
        }
        let path = dir.join(FILES_DIR).join(&key);
        let Ok(sha256) = super::hash::sha256_file(&path, progress) else {
            continue;
        };
        files.push(SealedFile {
            path: format!("{FILES_DIR}/{key}"),
            role: "unlisted".into(),
            bytes: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            sha256,
        });
        unlisted.push(format!("{FILES_DIR}/{key}"));
    }
    let seal = Seal {
        format: SEAL_FORMAT.into(),
        unit: settings.unit.clone(),
        year: settings.year,
        sealed_at: now_local(),
        files,
    };
    let json = serde_json::to_string_pretty(&seal).unwrap_or_default() + "\n";
    let seal_path = dir.join(SEAL_FILE);
    write_atomic(&seal_path, json.as_bytes()).map_err(|e| restore(write_error(&seal_path, e)))?;
    Ok(Sealed {
        seal,
        updated_rows,
        unlisted,
    })
}

fn write_error(path: &Path, e: std::io::Error) -> Fatal {
    Fatal::from(Diagnostic::error(
        &path.display().to_string(),
        text!(
            vi: "không ghi được tệp (tệp cũ được giữ nguyên): {e}",
            en: "cannot write the file (the previous file is left intact): {e}"
        ),
    ))
}

/// The time in Vietnam (UTC+7), as `2026-11-28T18:30:05+07:00`.
fn now_local() -> String {
    let offset = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let t = time::OffsetDateTime::now_utc().to_offset(offset);
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}+07:00",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Reads `seal.json`.
pub fn read_seal(dir: &Path) -> Result<Seal, Fatal> {
    let path = dir.join(SEAL_FILE);
    let source = shown(dir, SEAL_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Fatal::from(Diagnostic::error(
                &source,
                text!(
                    vi: "hồ sơ chưa được niêm phong (không có seal.json); chạy: parscore seal <hồ sơ>",
                    en: "the dossier has not been sealed (no seal.json); run: parscore seal <dossier>"
                ),
            )))
        }
        Err(e) => {
            return Err(Fatal::from(Diagnostic::error(
                &source,
                text!(vi: "không đọc được tệp: {e}", en: "cannot read the file: {e}"),
            )))
        }
    };
    let text = crate::input::json_text(&bytes, &source).map_err(Fatal)?;
    let seal: Seal = serde_json::from_str(&text).map_err(|e| {
        let (line, column) = crate::input::serde_position(&e);
        let detail = e.to_string();
        let detail = detail.split(" at line ").next().unwrap_or("").to_string();
        Diagnostic::error(
            &source,
            text!(vi: "seal.json không hợp lệ ({detail})", en: "seal.json is not valid ({detail})"),
        )
        .at(line, column)
    })?;
    if seal.format != SEAL_FORMAT {
        let f = &seal.format;
        let mut d = Diagnostic::error(
            &source,
            text!(
                vi: "định dạng \"{f}\" không được hỗ trợ (cần {SEAL_FORMAT})",
                en: "format \"{f}\" is not supported (expected {SEAL_FORMAT})"
            ),
        );
        if let Some((line, column)) = crate::input::key_position(&text, "format") {
            d = d.at(line, column);
        }
        return Err(Fatal::from(d));
    }
    Ok(seal)
}

/// What changed since the seal.
#[derive(Clone, Debug, Default)]
pub struct Verified {
    pub checked: usize,
    pub bytes: u64,
    pub changed: Vec<String>,
    pub missing: Vec<String>,
    pub added: Vec<String>,
    /// Paths in the seal that are refused (a tampered seal pointing outside the dossier).
    pub refused: Vec<String>,
}

impl Verified {
    pub fn intact(&self) -> bool {
        self.changed.is_empty()
            && self.missing.is_empty()
            && self.added.is_empty()
            && self.refused.is_empty()
    }
}

/// The paths a seal names, resolved: documents only inside `files/`.
pub fn sealed_paths(dir: &Path, seal: &Seal) -> Vec<Result<PathBuf, String>> {
    let files_dir = dir.join(FILES_DIR);
    seal.files
        .iter()
        .map(|f| {
            let standard = [SETTINGS_FILE, SCORES_FILE, PLAN_FILE, MANIFEST_FILE];
            match f.role.as_str() {
                "evidence" | "unlisted" => resolve(&files_dir, &f.path).map_err(|_| f.path.clone()),
                // The criteria file may sit outside the dossier, but only by a relative path.
                "criteria" if !Path::new(&f.path).is_absolute() && !f.path.starts_with('\\') => {
                    Ok(dir.join(&f.path))
                }
                _ if standard.contains(&f.path.as_str()) => Ok(dir.join(&f.path)),
                _ => Err(f.path.clone()),
            }
        })
        .collect()
}

/// Recomputes every hash of `seal` and looks for files added since.
pub fn verify(
    dir: &Path,
    seal: &Seal,
    paths: &[Result<PathBuf, String>],
    progress: &(dyn Fn(u64) + Sync),
) -> Verified {
    let mut v = Verified::default();
    let mut present = Vec::new();
    let mut entries = Vec::new();
    for (f, p) in seal.files.iter().zip(paths) {
        match p {
            Err(path) => v.refused.push(path.clone()),
            Ok(p) if !p.is_file() => v.missing.push(f.path.clone()),
            Ok(p) => {
                present.push(p.clone());
                entries.push(f);
            }
        }
    }
    let results = sha256_all(&present, progress);
    for ((f, p), r) in entries.into_iter().zip(&present).zip(results) {
        v.checked += 1;
        v.bytes += std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        match r {
            Ok(h) if h == f.sha256 => {}
            _ => v.changed.push(f.path.clone()),
        }
    }
    let sealed: BTreeSet<&str> = seal.files.iter().map(|f| f.path.as_str()).collect();
    for key in list_files(&dir.join(FILES_DIR)) {
        let path = format!("{FILES_DIR}/{key}");
        if !sealed.contains(path.as_str()) {
            v.added.push(path);
        }
    }
    for name in [SETTINGS_FILE, SCORES_FILE, PLAN_FILE, MANIFEST_FILE] {
        if dir.join(name).exists() && !sealed.contains(name) {
            v.added.push(name.to_string());
        }
    }
    v
}
