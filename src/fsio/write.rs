//! The one writer of files: a temporary file created exclusively, under a name nobody can
//! predict, in the target's own folder (so no planted link is ever followed and the rename
//! stays on one file system), flushed to disk, then renamed over the target. A killed
//! process or a full disk leaves the previous file intact; a target that is itself a link
//! is refused rather than replaced or followed.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::temporaries::{hold, pause_for_tests, remove_abandoned, ABANDONED_AFTER};
use super::temporaries::{TEMP_PREFIX, TEMP_SUFFIX};

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Writes `bytes` to a new file at `path`, never replacing anything there: when a file
/// (or a link) of that name exists, even one created a moment ago, the write fails with
/// `AlreadyExists` and the temporary file is removed (`init`).
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage_with(path, |f| f.write_all(bytes))?.commit_new()
}

/// Writes through `fill` into a fresh temporary file beside `path`, flushes it to disk, and
/// renames it over `path`. If `fill` or the flush fails (a full disk), the temporary file
/// is removed and `path` is untouched.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let staged = stage_with(path, fill)?;
    staged.commit()
}

/// A complete file waiting beside its target, for a writer that must prepare several files
/// before putting any of them in place (`seal`). Dropped without [`Staged::commit`], the
/// temporary file is removed.
#[derive(Debug)]
pub struct Staged {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
}

/// Prepares `bytes` as the next content of `path` without touching `path`.
pub fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
    stage_with(path, |f| f.write_all(bytes))
}

fn stage_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<Staged> {
    refuse_link(path)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // What a killed writer left here goes first, so nothing piles up where the user looks.
    remove_abandoned(dir, ABANDONED_AFTER);
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    hold(temp.as_file());
    super::sys::give_permissions(temp.as_file(), path)?;
    fill(temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    Ok(Staged {
        temp,
        target: path.to_path_buf(),
    })
}

impl Staged {
    /// Renames the prepared file over its target (refused if the target became a link).
    pub fn commit(self) -> std::io::Result<()> {
        pause_for_tests("rename");
        refuse_link(&self.target)?;
        super::sys::replace(self.temp, &self.target)
    }

    /// Renames the prepared file to its target only if nothing (no file, no link) has that
    /// name: `AlreadyExists` otherwise, and the temporary is removed.
    pub fn commit_new(self) -> std::io::Result<()> {
        pause_for_tests("rename");
        self.temp
            .persist_noclobber(&self.target)
            .map(|_| ())
            .map_err(|e| e.error)
    }

    /// The file this will become.
    pub fn target(&self) -> &Path {
        &self.target
    }
}

/// A target that is a symbolic link is never written through nor replaced.
fn refuse_link(path: &Path) -> std::io::Result<()> {
    match path.symlink_metadata() {
        Ok(m) if m.file_type().is_symlink() => Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            LinkRefused,
        )),
        _ => Ok(()),
    }
}

/// The reason behind a refused write to a link, recognisable by callers that word it.
#[derive(Debug)]
pub struct LinkRefused;

impl std::fmt::Display for LinkRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the target is a symbolic link")
    }
}

impl std::error::Error for LinkRefused {}

/// Whether an I/O error is a refused write to a link.
pub fn is_link_refused(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<LinkRefused>())
}

/// Whether two paths name the same existing file (so an output never overwrites an input).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (dunce::canonicalize(a), dunce::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_full_disk_half_way_keeps_the_old_file_and_removes_the_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest.csv");
        std::fs::write(&path, "id,file\nVB01,a.pdf\n").unwrap();
        let result = write_atomic_with(&path, |f| {
            f.write_all(b"id,file,sha256\nVB01,")?;
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left on device",
            ))
        });
        assert_eq!(result.unwrap_err().kind(), std::io::ErrorKind::StorageFull);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "id,file\nVB01,a.pdf\n"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub");
        std::fs::create_dir(&target).unwrap();
        assert!(write_atomic(&target, b"x").is_err());
        assert!(target.is_dir());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_target_that_is_a_link_is_refused_and_its_destination_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("profile");
        std::fs::write(&outside, "PATH=/usr/bin\n").unwrap();
        let target = dir.path().join("manifest.csv");
        std::os::unix::fs::symlink(&outside, &target).unwrap();
        let e = write_atomic(&target, b"id,file\n").unwrap_err();
        assert!(is_link_refused(&e));
        assert_eq!(
            std::fs::read_to_string(&outside).unwrap(),
            "PATH=/usr/bin\n"
        );
        assert!(target.symlink_metadata().unwrap().file_type().is_symlink());
    }

    #[cfg(unix)]
    #[test]
    fn links_planted_at_the_old_temporary_names_are_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("bashrc");
        std::fs::write(&outside, "# mine\n").unwrap();
        let path = dir.path().join("seal.json");
        let pid = std::process::id();
        for p in pid.saturating_sub(50)..pid + 50 {
            let link = dir.path().join(format!(".seal.json.tmp-{p}"));
            std::os::unix::fs::symlink(&outside, link).unwrap();
        }
        write_atomic(&path, b"{}").unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "# mine\n");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}");
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_new_one_gets_the_usual_ones() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("manifest.csv");
        std::fs::write(&old, "id,file\n").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_atomic(&old, b"id,file,sha256\n").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&old), 0o664);
        let new = dir.path().join("areas.svg");
        write_atomic(&new, b"<svg/>").unwrap();
        assert_eq!(mode(&new), 0o666 & !super::super::sys::umask());
    }

    #[test]
    fn a_staged_file_dropped_without_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("seal.json");
        let staged = stage(&path, b"{}").unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        drop(staged);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
