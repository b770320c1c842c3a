//! A dossier's evidence: the documents listed in `manifest.csv` and kept in `files/`,
//! checked against the scored leaves, sealed with SHA-256 and verified later.
//! See `docs/dossier-format.md`.

mod assess;
mod assess_files;
mod hash;
pub mod manifest;
pub mod paths;
mod replaced;
pub mod seal;
mod spelling;
pub mod verify;

pub use assess::{area_of, assess, Assessment, Assumed, Kind, Missing, Problem};
pub use hash::{sha256_bytes, sha256_file, Hashed};
pub use manifest::{Document, Manifest};

use crate::diag::{Diagnostics, Fatal};
use crate::dossier::shown;
use std::path::Path;

pub const MANIFEST_FILE: &str = "manifest.csv";
pub const FILES_DIR: &str = "files";
pub const SEAL_FILE: &str = "seal.json";

/// Reads the dossier's manifest: `Ok(None)` when there is none (nothing to check) or when
/// it cannot be read as a table (the reasons are in `diags`).
pub fn read_manifest(
    dir: &Path,
    diags: &mut Diagnostics,
    read: crate::input::ReadOptions,
) -> Result<Option<Manifest>, Fatal> {
    let path = dir.join(MANIFEST_FILE);
    if path.symlink_metadata().is_err() {
        return Ok(None);
    }
    manifest::read(&path, &shown(dir, MANIFEST_FILE), diags, read)
}
