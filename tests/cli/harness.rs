//! Runs the real binary; fixtures live in `tests/data/` and are copied to a temporary
//! folder when a test needs to write.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The project root (where `criteria/` and `evidence/` live).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `tests/data/`.
pub fn data(rel: &str) -> PathBuf {
    root().join("tests/data").join(rel)
}

/// `parscore` with the working directory at the project root.
pub fn parscore() -> Command {
    let mut cmd = Command::cargo_bin("parscore").expect("binary built");
    cmd.current_dir(root());
    cmd.env_remove("RUST_BACKTRACE");
    cmd
}

/// Runs `parscore ARGS…` and returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_in(&root(), args)
}

/// Runs `parscore ARGS…` with the working directory at `cwd`.
pub fn run_in(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = parscore()
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh temporary folder, deleted when the value is dropped, made two empty folders below
/// a private one of this test run: parscore looks for `criteria/` up to two folders above the
/// working directory, so whatever the machine keeps in its temporary folder (a `criteria/`
/// left by another program) must not be a neighbour of a test's dossier.
pub fn tempdir() -> tempfile::TempDir {
    static BASE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let base = BASE.get_or_init(|| {
        let run = tempfile::Builder::new()
            .prefix("parscore-tests-")
            .tempdir()
            .expect("temp dir")
            .keep();
        let base = run.join("a").join("b");
        std::fs::create_dir_all(&base).expect("create dir");
        base
    });
    tempfile::tempdir_in(base).expect("temp dir")
}

/// Copies a folder under `tests/data/` (or anywhere, if absolute) into a fresh temporary
/// folder and returns it; the copy is deleted when the value is dropped.
pub fn copy_dir(src: &Path) -> tempfile::TempDir {
    let dir = tempdir();
    copy_into(src, dir.path());
    dir
}

/// A fixture dossier `tests/data/dossiers/NAME` and the criteria file its `dossier.json`
/// names, copied into a fresh temporary folder at the same places as under `tests/data/`
/// (`dossiers/NAME/`, `criteria/good/FILE`): relative paths still work, `dossier.json` is
/// untouched, and the test may rewrite anything. Run the binary there with [`run_in`].
pub fn copy_dossier(name: &str) -> tempfile::TempDir {
    let dir = tempdir();
    let src = data(&format!("dossiers/{name}"));
    copy_into(&src, &dir.path().join("dossiers").join(name));
    let settings = std::fs::read_to_string(src.join("dossier.json")).expect("dossier.json");
    let settings: serde_json::Value = serde_json::from_str(&settings).expect("JSON");
    let criteria = settings["criteria"].as_str().expect("a criteria path");
    let criteria = src.join(criteria).canonicalize().expect("criteria file");
    let under_data = data("").canonicalize().expect("tests/data");
    let rel = criteria
        .strip_prefix(&under_data)
        .expect("the criteria file is under tests/data");
    let target = dir.path().join(rel);
    std::fs::create_dir_all(target.parent().expect("a folder")).expect("create dir");
    std::fs::copy(&criteria, &target).expect("copy criteria");
    dir
}

/// Copies the folder `src` into `dst` (created if needed), files and subfolders.
pub fn copy_into(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("create dir");
    for entry in std::fs::read_dir(src).expect("read dir") {
        let entry = entry.expect("entry");
        let target = dst.join(entry.file_name());
        if entry.path().is_dir() {
            copy_into(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A shipped dossier copied as [`copy_sample`] does, with its score sheet as the tests of
/// row-exact edits were written against it: without the unit's `explanation` column (those
/// tests spell out whole rows and headers).
pub fn copy_sample_without_explanations(rel: &str) -> tempfile::TempDir {
    let dir = copy_sample(rel);
    let path = dir.path().join(rel).join("scores.csv");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(&path)
        .expect("scores.csv");
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut drop: Option<Option<usize>> = None;
    for record in reader.records() {
        let record = record.expect("a record");
        let at = *drop.get_or_insert_with(|| record.iter().position(|c| c == "explanation"));
        let kept = record
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != at)
            .map(|(_, c)| c);
        out.write_record(kept).expect("write");
    }
    std::fs::write(&path, out.into_inner().expect("bytes")).expect("write");
    dir
}

/// A shipped dossier (`evidence/2026`, relative to the project root) copied into a fresh
/// temporary folder at the same place, with the criteria and ranking files its
/// `dossier.json` names copied to their places too, so its relative paths still work.
/// Run the binary there with [`run_in`]; the test may rewrite anything.
pub fn copy_sample(rel: &str) -> tempfile::TempDir {
    let dir = tempdir();
    let src = root().join(rel);
    copy_into(&src, &dir.path().join(rel));
    let settings = std::fs::read_to_string(src.join("dossier.json")).expect("dossier.json");
    let settings: serde_json::Value = serde_json::from_str(&settings).expect("JSON");
    let project = root().canonicalize().expect("project root");
    for key in ["criteria", "rankings"] {
        let Some(named) = settings[key].as_str() else {
            continue;
        };
        let file = src.join(named).canonicalize().expect("a named file");
        let inside = file
            .strip_prefix(&project)
            .expect("the named file is inside the project");
        let target = dir.path().join(inside);
        std::fs::create_dir_all(target.parent().expect("a folder")).expect("create dir");
        std::fs::copy(&file, &target).expect("copy");
    }
    dir
}

/// Every file under `dir` (relative path and bytes), sorted: to show a command left a
/// folder exactly as it was.
pub fn tree_bytes(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("readable folder")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).expect("under base").to_path_buf();
                out.push((rel, std::fs::read(&p).expect("readable file")));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}
