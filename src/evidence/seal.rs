//! `seal`: the SHA-256 of every listed document goes into `manifest.csv`, and `seal.json`
//! records the hash of every file of the dossier (settings, scores, plan, manifest, the
//! criteria file and the documents). A seal is one transaction under the dossier's lock:
//! everything is read and hashed first, both new files are prepared beside their targets,
//! and only then put in place, `seal.json` first; a manifest edited meanwhile is kept and
//! the seal refused. `verify` (in `verify.rs`) recomputes the hashes.

use super::hash::{sha256_all, sha256_bytes, Hashed};
use super::manifest::{self, with_hashes, Manifest};
use super::paths::{list_files, normalise, resolve, Located, RefusedEntry};
pub use super::replaced::Replaced;
use super::{FILES_DIR, MANIFEST_FILE, SEAL_FILE};
use crate::diag::{Diagnostic, Diagnostics, Fatal};
use crate::dossier::{shown, Settings, PLAN_FILE, SCORES_FILE, SETTINGS_FILE};
use crate::fsio::{self, read_input, Input, LockError, Refusal, Within};
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
    /// The SHA-256 of `manifest.csv` as it was before this seal rewrote it: a dossier whose
    /// manifest still has this hash holds a seal that was interrupted before its last step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_before_seal: Option<String>,
    pub files: Vec<SealedFile>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SealedFile {
    /// Relative to the dossier folder, with `/` (the criteria file: as `dossier.json`
    /// names it).
    pub path: String,
    pub role: Role,
    pub bytes: u64,
    pub sha256: String,
    /// For a document: its modification time when sealed (`seconds.nanoseconds`), so that
    /// `evidence` can reuse the hash of a file untouched since instead of reading it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
}

/// What a sealed file is to the dossier; written in `seal.json` as `dossier`, `scores`,
/// `plan`, `manifest`, `criteria`, `evidence` or `unlisted`.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Dossier,
    Scores,
    Plan,
    Manifest,
    Criteria,
    /// A document a manifest row lists.
    Evidence,
    /// A file in `files/` that no manifest row lists.
    Unlisted,
    /// `history.csv`, append-only: its first `bytes` bytes are sealed, and lines added
    /// after the seal (the changes since) do not break it.
    History,
    /// A role this version does not know (a seal edited by hand): `verify` refuses the file.
    #[serde(other)]
    Unknown,
}

/// What `seal` did.
#[derive(Clone, Debug)]
pub struct Sealed {
    pub seal: Seal,
    /// Manifest rows whose hash was filled in or changed.
    pub updated_rows: usize,
    /// `manifest.csv` before and after the seal wrote its hashes, when it did: what the
    /// history records as the seal's change of the manifest (so that it can be undone).
    pub manifest_change: Option<(Vec<u8>, Vec<u8>)>,
    /// Files in `files/` that no manifest row lists, sealed as `unlisted`.
    pub unlisted: Vec<String>,
    /// Sealed files with more than one name (hard links): they can be changed through the
    /// other name, which may lie outside the dossier.
    pub hard_linked: Vec<String>,
    /// The seal this one replaced, and what changed since it.
    pub replaced: Option<Replaced>,
}

/// Why a seal did not happen; nothing was written in either case.
#[derive(Debug)]
pub enum Refused {
    /// The dossier has problems to fix first (exit 1).
    Problems(Vec<Diagnostic>),
    /// The seal could not run (exit 2).
    Fatal(Fatal),
}

impl From<Fatal> for Refused {
    fn from(f: Fatal) -> Self {
        Refused::Fatal(f)
    }
}

/// The dossier's own files a seal covers before the documents: role, path as recorded,
/// where it lies, and its size cap.
fn fixed_files<'a>(dir: &'a Path, settings: &Settings) -> Vec<(Role, String, Within<'a>, Input)> {
    let inside = Within::Folder(dir);
    let mut out = vec![(
        Role::Dossier,
        SETTINGS_FILE.to_string(),
        inside,
        Input::Settings,
    )];
    out.push((Role::Scores, SCORES_FILE.to_string(), inside, Input::Table));
    if dir.join(PLAN_FILE).symlink_metadata().is_ok() {
        out.push((Role::Plan, PLAN_FILE.to_string(), inside, Input::Table));
    }
    if dir
        .join(crate::history::HISTORY_FILE)
        .symlink_metadata()
        .is_ok()
    {
        let name = crate::history::HISTORY_FILE.to_string();
        out.push((Role::History, name, inside, Input::Table));
    }
    let criteria = settings.criteria.replace('\\', "/");
    out.push((Role::Criteria, criteria, Within::Anywhere, Input::Criteria));
    out
}

/// The listed documents, one per manifest row: the key the folder spells (`sub/a.pdf`) and
/// the path, or every reason they cannot be sealed.
fn document_paths(
    dir: &Path,
    m: &Manifest,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let files_dir = dir.join(FILES_DIR);
    let mut paths = Vec::new();
    for doc in &m.documents {
        let at = |msg| {
            Diagnostic::error(&m.source, msg)
                .at_line(Some(doc.line))
                .for_code(doc.links.first().map(|l| l.code.as_str()).unwrap_or(""))
        };
        match resolve(&files_dir, &doc.file) {
            Err(why) => problems.push(at(why)),
            Ok(Located::Found { path, key, .. }) if path.symlink_metadata().is_ok() => {
                paths.push((key, path))
            }
            Ok(_) => {
                let (f, id) = (&doc.file, &doc.id);
                problems.push(at(text!(
                    vi: "không có tệp files/{f} của văn bản {id}; không thể niêm phong hồ sơ thiếu tệp",
                    en: "file files/{f} of document {id} does not exist; a dossier with missing files cannot be sealed"
                )));
            }
        }
    }
    paths
}

/// The bytes a seal will hash, for a progress bar's length.
pub fn planned_bytes(dir: &Path) -> u64 {
    let files_dir = dir.join(FILES_DIR);
    list_files(&files_dir)
        .iter()
        .filter_map(|e| files_dir.join(&e.key).symlink_metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// A pause for the tests that kill or race `seal` at a given step (debug builds only):
/// `PARSCORE_TEST_PAUSE=<step>:<milliseconds>` announces the step on standard error and
/// waits there.
fn pause(step: &str) {
    #[cfg(debug_assertions)]
    if let Ok(spec) = std::env::var("PARSCORE_TEST_PAUSE") {
        if let Some((at, ms)) = spec.split_once(':') {
            if at == step {
                eprintln!("parscore: paused at {step}");
                let ms = ms.parse().unwrap_or(0);
                std::thread::sleep(std::time::Duration::from_millis(ms));
            }
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = step;
}

/// Seals the dossier in `dir` as one transaction; see the module comment.
pub fn seal(
    dir: &Path,
    settings: &Settings,
    progress: &(dyn Fn(u64) + Sync),
    read: crate::input::ReadOptions,
) -> Result<Sealed, Refused> {
    let _lock = fsio::lock_folder(dir).map_err(|e| lock_refused(dir, e))?;
    fsio::remove_stale_temporaries(dir);
    // An unreadable earlier seal is simply replaced; one that reads is compared below.
    let previous = read_seal(dir, read).ok();
    let manifest_path = dir.join(MANIFEST_FILE);
    let manifest_source = shown(dir, MANIFEST_FILE);
    let before = read_input(&manifest_path, Within::Folder(dir), Input::Table, read.caps)
        .map_err(|r| Fatal::from(r.diagnostic(&manifest_source)))?;
    let mut diags = Diagnostics::default();
    let m = match manifest::parse(&before, &manifest_source, &mut diags, read.encoding) {
        Some(m) if !diags.has_errors() => m,
        _ => return Err(Refused::Problems(diags.items)),
    };

    // Everything is read and hashed before anything is written.
    let mut problems = Vec::new();
    let docs = document_paths(dir, &m, &mut problems);
    let doc_paths: Vec<PathBuf> = docs.iter().map(|(_, p)| p.clone()).collect();
    let files_dir = dir.join(FILES_DIR);
    // A row names its file as written or, through a case alias, as the folder spells it.
    let listed: BTreeSet<String> = m
        .documents
        .iter()
        .map(|d| normalise(&d.file))
        .chain(docs.iter().map(|(k, _)| k.clone()))
        .collect();
    let mut unlisted = Vec::new();
    for entry in list_files(&files_dir) {
        // A listed file's problems are reported on its manifest row.
        if listed.contains(&entry.key) {
            continue;
        }
        match entry.refused {
            Some(why) => problems.push(refused_entry(dir, &entry.key, why)),
            None => unlisted.push(entry.key),
        }
    }
    if !problems.is_empty() {
        return Err(Refused::Problems(problems));
    }
    debug_assert_eq!(doc_paths.len(), m.documents.len());
    let mut to_hash: Vec<PathBuf> = doc_paths
        .iter()
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    to_hash.extend(unlisted.iter().map(|k| files_dir.join(k)));
    let results = sha256_all(&to_hash, Within::Folder(&files_dir), progress);
    let mut hashed: HashMap<&PathBuf, Hashed> = HashMap::new();
    for (p, r) in to_hash.iter().zip(results) {
        match r {
            Ok(h) => {
                hashed.insert(p, h);
            }
            Err(why) => problems.push(why.diagnostic(&fsio::shown(p))),
        }
    }
    if !problems.is_empty() {
        return Err(Refused::Problems(problems));
    }
    let hashes: Vec<String> = doc_paths.iter().map(|p| hashed[p].sha256.clone()).collect();
    let updated_rows = m
        .documents
        .iter()
        .zip(&hashes)
        .filter(|(d, h)| d.sha256 != **h)
        .count();
    let after = with_hashes(&m, &hashes, &before);

    let mut files = Vec::new();
    for (role, rel, within, kind) in fixed_files(dir, settings) {
        if role == Role::Criteria {
            files.push(sealed_file(
                Role::Manifest,
                MANIFEST_FILE.to_string(),
                &after,
            ));
        }
        let path = dir.join(&rel);
        let bytes = read_input(&path, within, kind, read.caps)
            .map_err(|r| Fatal::from(r.diagnostic(&fsio::shown(&path))))?;
        files.push(sealed_file(role, rel, &bytes));
    }
    let mut hard_linked = Vec::new();
    let mut seen = BTreeSet::new();
    let documents = docs.iter().map(|(k, p)| (k.clone(), p, Role::Evidence));
    let others = unlisted
        .iter()
        .zip(&to_hash[to_hash.len() - unlisted.len()..])
        .map(|(k, p)| (k.clone(), p, Role::Unlisted));
    for (key, p, role) in documents.chain(others) {
        if seen.insert(key.clone()) {
            let h = &hashed[p];
            let path = format!("{FILES_DIR}/{key}");
            if h.links > 1 {
                hard_linked.push(path.clone());
            }
            files.push(SealedFile {
                path,
                role,
                bytes: h.bytes,
                sha256: h.sha256.clone(),
                modified: h.modified.clone(),
            });
        }
    }
    let seal = Seal {
        format: SEAL_FORMAT.into(),
        unit: settings.unit.clone(),
        year: settings.year,
        sealed_at: now_local(),
        manifest_before_seal: Some(sha256_bytes(&before)),
        files,
    };
    let json = serde_json::to_string_pretty(&seal).unwrap_or_default() + "\n";
    let seal_path = dir.join(SEAL_FILE);
    pause("hashed");

    // Both files are prepared beside their targets, then put in place: seal.json first, so
    // that an interruption between the two renames leaves the old manifest beside a seal
    // that names it (`manifest_before_seal`), which `verify` recognises.
    let staged_seal =
        fsio::stage(&seal_path, json.as_bytes()).map_err(|e| write_error(&seal_path, e))?;
    let staged_manifest = if after != before {
        Some(fsio::stage(&manifest_path, &after).map_err(|e| write_error(&manifest_path, e))?)
    } else {
        None
    };
    pause("staged");
    let now = read_input(&manifest_path, Within::Folder(dir), Input::Table, read.caps).ok();
    if now.as_deref() != Some(before.as_slice()) {
        return Err(Refused::Problems(vec![Diagnostic::error(
            &manifest_source,
            text!(
                vi: "manifest.csv đã được sửa trong lúc niêm phong; không ghi gì, bản sửa được giữ nguyên; chạy lại parscore seal",
                en: "manifest.csv was edited while sealing; nothing was written and the edit is kept; run seal again"
            ),
        )]));
    }
    // A manifest another program holds open (Excel) could not be replaced after seal.json
    // is in place: found out now, before anything is written.
    if staged_manifest.is_some() {
        fsio::check_replaceable(&manifest_path).map_err(|e| write_error(&manifest_path, e))?;
    }
    staged_seal
        .commit()
        .map_err(|e| write_error(&seal_path, e))?;
    pause("between");
    if let Some(staged) = staged_manifest {
        staged
            .commit()
            .map_err(|e| write_error(&manifest_path, e))?;
    }
    unlisted = unlisted
        .into_iter()
        .map(|k| format!("{FILES_DIR}/{k}"))
        .collect();
    let replaced = previous.map(|old| Replaced::between(old, &seal.files));
    let manifest_change = (after != before).then_some((before, after));
    Ok(Sealed {
        seal,
        updated_rows,
        manifest_change,
        unlisted,
        hard_linked,
        replaced,
    })
}

fn sealed_file(role: Role, path: String, bytes: &[u8]) -> SealedFile {
    SealedFile {
        path,
        role,
        bytes: bytes.len() as u64,
        sha256: sha256_bytes(bytes),
        modified: None,
    }
}

fn refused_entry(dir: &Path, key: &str, why: RefusedEntry) -> Diagnostic {
    let mut d = Diagnostic::error(&shown(dir, &format!("{FILES_DIR}/{key}")), why.text(key));
    let (vi, en) = (&d.message.vi, &d.message.en);
    d.message = text!(
        vi: "{vi}; gỡ nó khỏi files/ rồi niêm phong lại",
        en: "{en}; remove it from files/ and seal again"
    );
    d
}

fn lock_refused(dir: &Path, e: LockError) -> Refused {
    let source = shown(dir, fsio::LOCK_FILE);
    let d = match e {
        LockError::Busy => Diagnostic::error(
            &source,
            text!(
                vi: "một lệnh parscore seal khác đang niêm phong hồ sơ này; chờ lệnh đó xong rồi chạy lại",
                en: "another seal is sealing this dossier; wait for it to finish and run again"
            ),
        ),
        LockError::Io(e) => {
            let why = fsio::os_reason(&e);
            let (vi, en) = (&why.vi, &why.en);
            Diagnostic::error(
                &source,
                text!(
                    vi: "không khóa được hồ sơ để niêm phong ({vi}); tệp khóa phải là tệp thông thường, không phải liên kết",
                    en: "cannot lock the dossier for sealing ({en}); the lock file must be a regular file, not a link"
                ),
            )
        }
    };
    Refused::Fatal(Fatal::from(d))
}

fn write_error(path: &Path, e: std::io::Error) -> Refused {
    let d = if fsio::is_link_refused(&e) {
        Diagnostic::error(
            &fsio::shown(path),
            text!(
                vi: "tệp đích là liên kết nên không được ghi đè (không ghi gì); thay liên kết bằng tệp thật rồi chạy lại",
                en: "the target is a link and is not overwritten (nothing was written); replace the link by a real file and run again"
            ),
        )
    } else if fsio::is_busy(&e) {
        let shown = fsio::shown(path);
        Diagnostic::error(&shown, fsio::busy(&shown))
    } else {
        let why = fsio::os_reason(&e);
        let (vi, en) = (&why.vi, &why.en);
        Diagnostic::error(
            &fsio::shown(path),
            text!(
                vi: "không ghi được tệp (tệp cũ được giữ nguyên): {vi}",
                en: "cannot write the file (the previous file is left intact): {en}"
            ),
        )
    };
    Refused::Fatal(Fatal::from(d))
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
pub fn read_seal(dir: &Path, read: crate::input::ReadOptions) -> Result<Seal, Fatal> {
    let path = dir.join(SEAL_FILE);
    let source = shown(dir, SEAL_FILE);
    let bytes = match read_input(&path, Within::Folder(dir), Input::Seal, read.caps) {
        Ok(b) => b,
        Err(Refusal::Missing) => {
            return Err(Fatal::from(Diagnostic::error(
                &source,
                text!(
                    vi: "hồ sơ chưa được niêm phong (không có seal.json); chạy: parscore seal <hồ sơ>",
                    en: "the dossier has not been sealed (no seal.json); run: parscore seal <dossier>"
                ),
            )))
        }
        Err(r) => return Err(Fatal::from(r.diagnostic(&source))),
    };
    let text = crate::input::json_text(&bytes, &source).map_err(Fatal)?;
    let seal: Seal = serde_json::from_str(&text).map_err(|e| {
        let (line, column) = crate::input::serde_position(&e);
        let why = crate::input::serde_text(&e);
        let (vi, en) = (&why.vi, &why.en);
        Diagnostic::error(
            &source,
            text!(vi: "seal.json không hợp lệ: {vi}", en: "seal.json is not valid ({en})"),
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
