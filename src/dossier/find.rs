//! Where the shared files a dossier names usually lie: a `criteria/` folder beside the
//! dossier or up to two folders above it (`evidence/2026` → `../../criteria/`). Used to
//! list the choices when a setting is missing or wrong, and by `init` to offer them. Only
//! folder listings are read here, never a file's content.

use std::path::{Path, PathBuf};

/// The folder holding criteria and ranking files.
pub const CRITERIA_DIR: &str = "criteria";

/// `criteria/` folders at `from` and up to two levels above it, as paths from `from`
/// (`criteria`, `../criteria`, …), nearest first.
fn criteria_dirs(from: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut up = PathBuf::new();
    for _ in 0..3 {
        let candidate = up.join(CRITERIA_DIR);
        if from.join(&candidate).is_dir() {
            out.push(candidate);
        }
        up.push("..");
    }
    out
}

/// Files ending in `ext` in the `criteria/` folders near `from`, as paths relative to
/// `from` with `/` (as `dossier.json` writes them), sorted.
fn files_with(from: &Path, ext: &str) -> Vec<String> {
    let mut out = Vec::new();
    for dir in criteria_dirs(from) {
        let Ok(entries) = std::fs::read_dir(from.join(&dir)) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.to_lowercase().ends_with(ext))
            .collect();
        names.sort();
        out.extend(
            names
                .into_iter()
                .map(|n| dir.join(n).to_string_lossy().replace('\\', "/")),
        );
    }
    out
}

/// Criteria files (`.json`) near `from`.
pub fn criteria_files(from: &Path) -> Vec<String> {
    files_with(from, ".json")
}

/// Ranking files (`.csv`) near `from`.
pub fn ranking_files(from: &Path) -> Vec<String> {
    files_with(from, ".csv")
}
