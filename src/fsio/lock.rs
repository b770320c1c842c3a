//! An exclusive lock on a dossier folder for a command that rewrites it (`seal`): a second
//! such command refuses at once instead of interleaving its writes. The lock is the OS's
//! advisory lock on `.parscore.lock` in the folder, released when the process ends, however
//! it ends; the file itself is left in place and is never followed if it is a link.

use std::fs::File;
use std::path::Path;

pub const LOCK_FILE: &str = ".parscore.lock";

/// Held while the folder is locked; dropping it releases the lock.
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
}

/// Why the folder could not be locked.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it.
    Busy,
    Io(std::io::Error),
}

/// Takes the folder's lock without waiting.
pub fn lock_folder(dir: &Path) -> Result<FolderLock, LockError> {
    let file = super::sys::lock_options()
        .open(dir.join(LOCK_FILE))
        .map_err(LockError::Io)?;
    let meta = file.metadata().map_err(LockError::Io)?;
    if !meta.is_file() || super::sys::is_link_handle(&meta) {
        return Err(LockError::Io(std::io::Error::other(
            "the lock file is not a regular file",
        )));
    }
    match file.try_lock() {
        Ok(()) => Ok(FolderLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(LockError::Busy),
        Err(std::fs::TryLockError::Error(e)) => Err(LockError::Io(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock_folder(dir.path()).unwrap();
        assert!(matches!(lock_folder(dir.path()), Err(LockError::Busy)));
        drop(first);
        assert!(lock_folder(dir.path()).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_planted_as_a_link_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("target");
        std::fs::write(&outside, "keep").unwrap();
        std::os::unix::fs::symlink(&outside, dir.path().join(LOCK_FILE)).unwrap();
        assert!(matches!(lock_folder(dir.path()), Err(LockError::Io(_))));
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
    }
}
