//! `verify`: recomputes every hash a seal recorded and lists what changed, disappeared or
//! was added. A seal is data anyone with access to the folder can edit, so its paths are
//! trusted only as far as the dossier's own layout allows: the dossier's files by their
//! standard names, documents only inside `files/`, and the criteria file only at the path
//! that an unchanged `dossier.json` names.

use super::hash::{sha256_all, sha256_bytes};
use super::paths::{list_files, resolve, Located};
use super::seal::{Role, Seal};
use super::{FILES_DIR, MANIFEST_FILE};
use crate::dossier::{PLAN_FILE, SCORES_FILE, SETTINGS_FILE};
use crate::fsio::{read_input, Caps, Input, Refusal, Within};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

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
    /// The seal was interrupted after writing `seal.json` and before rewriting
    /// `manifest.csv`: the manifest is still the one the seal replaced.
    pub half_finished: bool,
    /// The lines `history.csv` gained since the seal (none when it has no history): the
    /// changes made since, with those that broke the seal after confirming it.
    pub since: Vec<crate::history::Entry>,
}

impl Verified {
    pub fn intact(&self) -> bool {
        self.changed.is_empty()
            && self.missing.is_empty()
            && self.added.is_empty()
            && self.refused.is_empty()
            && !self.half_finished
    }
}

/// How one sealed entry is checked.
enum Check {
    /// A small file of the dossier (or, `shared`, the criteria file), read whole.
    Whole(PathBuf, bool, Input),
    /// A document inside `files/`, hashed in parallel with the others.
    Document(PathBuf),
    /// A document no longer in `files/` under any accepted spelling.
    Gone,
    Refused,
}

/// The criteria path that `dossier.json` names, if `dossier.json` is as sealed.
fn trusted_criteria(dir: &Path, seal: &Seal, caps: Caps) -> Option<String> {
    let bytes = read_input(
        &dir.join(SETTINGS_FILE),
        Within::Folder(dir),
        Input::Settings,
        caps,
    )
    .ok()?;
    let sealed = seal.files.iter().find(|f| f.role == Role::Dossier)?;
    if sealed.path != SETTINGS_FILE || sealed.sha256 != sha256_bytes(&bytes) {
        return None;
    }
    let text = crate::input::json_text(&bytes, SETTINGS_FILE).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(value.get("criteria")?.as_str()?.replace('\\', "/"))
}

fn plan(dir: &Path, seal: &Seal, caps: Caps) -> Vec<Check> {
    let files_dir = dir.join(FILES_DIR);
    let criteria = trusted_criteria(dir, seal, caps);
    let standard = [
        (Role::Dossier, SETTINGS_FILE, Input::Settings),
        (Role::Scores, SCORES_FILE, Input::Table),
        (Role::Plan, PLAN_FILE, Input::Table),
        (Role::Manifest, MANIFEST_FILE, Input::Table),
        (Role::History, crate::history::HISTORY_FILE, Input::Table),
    ];
    seal.files
        .iter()
        .map(|f| match f.role {
            Role::Evidence | Role::Unlisted => match resolve(&files_dir, &f.path) {
                _ if !f.path.starts_with(&format!("{FILES_DIR}/")) => Check::Refused,
                Ok(Located::Found { path, .. }) => Check::Document(path),
                Ok(Located::Missing) => Check::Gone,
                Err(_) => Check::Refused,
            },
            Role::Criteria if criteria.as_deref() == Some(f.path.as_str()) => {
                Check::Whole(dir.join(&f.path), true, Input::Criteria)
            }
            role => match standard
                .iter()
                .find(|(r, name, _)| *r == role && *name == f.path)
            {
                Some((_, name, kind)) => Check::Whole(dir.join(name), false, *kind),
                None => Check::Refused,
            },
        })
        .collect()
}

/// The paths `verify` will read, for a progress bar's length.
pub fn planned_bytes(dir: &Path, seal: &Seal, caps: Caps) -> u64 {
    plan(dir, seal, caps)
        .iter()
        .filter_map(|c| match c {
            Check::Whole(p, ..) | Check::Document(p) => p.symlink_metadata().ok(),
            Check::Gone | Check::Refused => None,
        })
        .map(|m| m.len())
        .sum()
}

/// Recomputes every hash of `seal` and looks for files added since.
pub fn verify(dir: &Path, seal: &Seal, progress: &(dyn Fn(u64) + Sync), caps: Caps) -> Verified {
    let mut v = Verified::default();
    let files_dir = dir.join(FILES_DIR);
    let checks = plan(dir, seal, caps);
    let documents: Vec<PathBuf> = checks
        .iter()
        .filter_map(|c| match c {
            Check::Document(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    let mut hashed = sha256_all(&documents, Within::Folder(&files_dir), progress).into_iter();
    let mut manifest_now = None;
    for (f, check) in seal.files.iter().zip(checks) {
        let got = match check {
            Check::Refused => {
                v.refused.push(f.path.clone());
                continue;
            }
            Check::Gone => None,
            Check::Document(_) => hashed.next().map(|r| r.map(|h| (h.sha256, h.bytes))),
            Check::Whole(p, shared, kind) => {
                let within = if shared {
                    Within::Anywhere
                } else {
                    Within::Folder(dir)
                };
                Some(read_input(&p, within, kind, caps).map(|b| {
                    progress(b.len() as u64);
                    if f.role == Role::History {
                        // Append-only: the part that was sealed must be as it was.
                        let sealed = usize::try_from(f.bytes).unwrap_or(usize::MAX);
                        return match b.get(..sealed) {
                            Some(prefix) => (sha256_bytes(prefix), f.bytes),
                            None => (String::new(), b.len() as u64),
                        };
                    }
                    (sha256_bytes(&b), b.len() as u64)
                }))
            }
        };
        match got {
            Some(Ok((sha256, bytes))) => {
                v.checked += 1;
                v.bytes += bytes;
                if f.role == Role::Manifest {
                    manifest_now = Some(sha256.clone());
                }
                if sha256 != f.sha256 {
                    v.changed.push(f.path.clone());
                }
            }
            Some(Err(Refusal::Missing)) | None => v.missing.push(f.path.clone()),
            Some(Err(Refusal::Outside)) => v.refused.push(f.path.clone()),
            // A FIFO, a device or an unreadable file where a sealed file was: changed.
            Some(Err(_)) => v.changed.push(f.path.clone()),
        }
    }
    v.half_finished = manifest_now.is_some()
        && manifest_now == seal.manifest_before_seal
        && v.changed.iter().any(|p| p == MANIFEST_FILE);
    v.since = since_seal(dir, caps);
    let sealed: BTreeSet<&str> = seal.files.iter().map(|f| f.path.as_str()).collect();
    for entry in list_files(&files_dir) {
        let path = format!("{FILES_DIR}/{}", entry.key);
        if !sealed.contains(path.as_str()) {
            v.added.push(path);
        }
    }
    for name in [SETTINGS_FILE, SCORES_FILE, PLAN_FILE, MANIFEST_FILE] {
        if dir.join(name).symlink_metadata().is_ok() && !sealed.contains(name) {
            v.added.push(name.to_string());
        }
    }
    v
}

/// The history's lines after its last seal line (every line when it has none), the seal
/// lines themselves left out.
fn since_seal(dir: &Path, caps: Caps) -> Vec<crate::history::Entry> {
    use crate::history::Kind;
    let entries = crate::history::read(dir, caps).unwrap_or_default();
    let from = entries
        .iter()
        .rposition(|e| e.kind == Kind::Seal)
        .map_or(0, |i| i + 1);
    entries[from..].to_vec()
}
