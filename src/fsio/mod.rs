//! The file system, in one place: the one path policy every read goes through, the one
//! writer every output goes through, and the lock that makes `seal` a transaction. What
//! differs between Unix and Windows lives in `sys/`, one module per platform.
//! See the threat model in `docs/reliability.md` and `docs/windows.md`.

mod append;
mod lock;
mod names;
mod os_error;
mod read;
mod sys;
mod temporaries;
mod write;

pub use append::append_synced;
pub use lock::{lock_folder, FolderLock, LockError, LOCK_FILE};
pub use names::{unportable, Unportable};
pub use os_error::{busy, cannot_read, os_reason};
pub use read::{inspect, open_regular, read_capped, read_input, Caps, Input, Refusal, Within};
pub use temporaries::{
    is_temporary, pause_for_tests, remove_stale_temporaries, ABANDONED_AFTER, TEMP_PREFIX,
    TEMP_SUFFIX,
};
pub use write::{
    is_link_refused, same_file, stage, write_atomic, write_atomic_with, write_new, Staged,
};

use std::path::{Path, PathBuf};

/// A path as every message, JSON answer, page and report shows it: with `/` between names
/// on every platform and never the `\\?\` prefix (`evidence/2026/scores.csv`).
pub fn shown(path: &Path) -> String {
    sys::shown(path)
}

/// The real path of `path`, in the form a person types (`C:\…`, not `\\?\C:\…`), so that a
/// path stored in a dossier file reads the same on every PC.
pub fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    dunce::canonicalize(path)
}

/// Whether the error is another program holding the file open (Excel, Word): a sharing or
/// lock violation on Windows.
pub fn is_busy(e: &std::io::Error) -> bool {
    sys::is_sharing_violation(e)
}

/// Whether `target` can be replaced now (on Windows: no other program holds it open
/// without letting it be replaced); checked before a transaction writes its first file.
pub fn check_replaceable(target: &Path) -> std::io::Result<()> {
    sys::check_replaceable(target)
}

/// How many names the open file has (more than one: a hard link).
pub fn link_count(file: &std::fs::File, meta: &std::fs::Metadata) -> u64 {
    sys::link_count(file, meta)
}

/// Whether `rel` (`/`-separated) exists under `dir` spelled exactly as on disk, where the
/// operating system would also open another spelling (Windows: case, short names).
pub fn spelled_as_on_disk(dir: &Path, rel: &str) -> bool {
    sys::spelled_as_on_disk(dir, rel)
}

/// Whether this process was started with a console of its own, as Explorer starts a
/// double-clicked program (never on Unix).
pub fn console_is_our_own() -> bool {
    sys::console_is_our_own()
}
