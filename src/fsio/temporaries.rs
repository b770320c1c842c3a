//! The temporary files of the one writer, and what becomes of those a killed run leaves.
//! Every temporary is `.parscore-XXXXXX.tmp` (hidden where a leading dot hides a file), in
//! its target's own folder, and is held under the operating system's advisory lock for as
//! long as its writer lives. A lock dies with its process, however the process ends, so a
//! temporary nobody holds is an abandoned one: the next write into that folder (or `seal` of
//! it) removes it. A temporary still held, even by a colleague's parscore on another PC of
//! the shared drive, is left alone.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// The prefix of every temporary file parscore creates.
pub const TEMP_PREFIX: &str = ".parscore-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// A temporary younger than this is left alone even when nobody holds it: its writer may
/// have created it a moment ago and not yet taken its lock.
pub const ABANDONED_AFTER: Duration = Duration::from_secs(5);

/// Whether a file name is one of the writer's temporaries.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// Marks a fresh temporary as held by this process. Where the file system has no locks the
/// temporary is simply never taken for abandoned.
pub(super) fn hold(file: &std::fs::File) {
    let _ = file.try_lock();
}

/// Removes from `dir` every temporary a killed run left, however young, that no live process
/// holds: what `seal` does under the folder's lock before it starts.
pub fn remove_stale_temporaries(dir: &Path) {
    remove_abandoned(dir, Duration::ZERO);
}

/// Removes from `dir` the temporaries a killed run left: regular files named
/// `.parscore-*.tmp` that no live process holds and that are at least `min_age` old (the
/// writer, which holds no lock on the folder, waits [`ABANDONED_AFTER`]); a link of that
/// name is removed as a link, never followed.
pub(super) fn remove_abandoned(dir: &Path, min_age: Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !is_temporary(&name.to_string_lossy()) {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_symlink() || (kind.is_file() && abandoned(&path, min_age)) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Opens the temporary without following a link or waiting on a FIFO and tries its lock:
/// free and old enough means abandoned. The lock taken here is released on return.
fn abandoned(path: &Path, min_age: Duration) -> bool {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let Ok(file) = options.open(path) else {
        return false;
    };
    let Ok(meta) = file.metadata() else {
        return false;
    };
    let old = meta
        .modified()
        .ok()
        .and_then(|m| SystemTime::now().duration_since(m).ok())
        .is_some_and(|age| age >= min_age);
    meta.is_file() && old && file.try_lock().is_ok()
}

/// A pause for the tests that kill a writer at a given step (debug builds only):
/// `PARSCORE_TEST_PAUSE=<step>:<milliseconds>` announces the step on standard error and
/// waits there. Steps: `rename` (a temporary complete beside its target), and those of
/// `seal` and of an upload.
pub fn pause_for_tests(step: &str) {
    #[cfg(debug_assertions)]
    if let Ok(spec) = std::env::var("PARSCORE_TEST_PAUSE") {
        if let Some((at, ms)) = spec.split_once(':') {
            if at == step {
                eprintln!("parscore: paused at {step}");
                let ms = ms.parse().unwrap_or(0);
                std::thread::sleep(Duration::from_millis(ms));
            }
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = step;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn age(path: &Path, by: Duration) {
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(SystemTime::now() - by).unwrap();
    }

    #[test]
    fn an_abandoned_temporary_is_removed_and_a_held_or_fresh_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let abandoned = dir.path().join(".parscore-dead01.tmp");
        std::fs::write(&abandoned, "half").unwrap();
        age(&abandoned, Duration::from_secs(60));
        let held_path = dir.path().join(".parscore-live01.tmp");
        std::fs::write(&held_path, "live").unwrap();
        age(&held_path, Duration::from_secs(60));
        let held = std::fs::File::open(&held_path).unwrap();
        held.try_lock().unwrap();
        let fresh = dir.path().join(".parscore-new001.tmp");
        std::fs::write(&fresh, "new").unwrap();
        let mine = dir.path().join("parscore-notes.tmp");
        std::fs::write(&mine, "the user's own").unwrap();
        age(&mine, Duration::from_secs(60));
        remove_abandoned(dir.path(), ABANDONED_AFTER);
        assert!(!abandoned.exists());
        assert!(held_path.exists());
        assert!(fresh.exists());
        assert!(mine.exists());
        // Under the folder's lock (`seal`), a fresh one nobody holds goes too.
        remove_stale_temporaries(dir.path());
        assert!(!fresh.exists());
        assert!(held_path.exists());
        drop(held);
    }
}
