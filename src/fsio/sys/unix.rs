//! Unix: `O_NOFOLLOW` and `O_NONBLOCK` on open, permission bits kept by copying the mode,
//! `rename(2)` to replace, the link count from `st_nlink`.

use std::fs::{File, Metadata, OpenOptions};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Options to read a file: never blocking on a FIFO, and with `nofollow` never through a
/// link at the last component.
pub fn read_options(nofollow: bool) -> OpenOptions {
    let mut options = OpenOptions::new();
    options.read(true);
    let mut flags = libc::O_NONBLOCK;
    if nofollow {
        flags |= libc::O_NOFOLLOW;
    }
    options.custom_flags(flags);
    options
}

/// Options to open (and create) the folder's lock file without following a link.
pub fn lock_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    options.mode(0o644);
    options
}

/// Whether an open handle is a link itself (a reparse point on Windows): `O_NOFOLLOW`
/// already refuses one at open, so an open handle never is.
pub fn is_link_handle(meta: &Metadata) -> bool {
    meta.file_type().is_symlink()
}

/// A FIFO, socket or device, by what the metadata says.
pub fn special_kind(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_fifo() {
        Some("FIFO")
    } else if t.is_socket() {
        Some("socket")
    } else if t.is_block_device() || t.is_char_device() {
        Some("device")
    } else {
        None
    }
}

/// What the open handle is when it is not a file on a disk: the metadata already said
/// (see [`special_kind`]).
pub fn handle_kind(_: &File) -> Option<&'static str> {
    None
}

/// How many names the open file has (more than one: a hard link).
pub fn link_count(_: &File, meta: &Metadata) -> u64 {
    meta.nlink()
}

/// The temporary gets the permissions of the file it replaces, or those a new file gets
/// (`0666` less the umask), so that the rest of the office can still read a manifest that
/// `seal` rewrote.
pub fn give_permissions(temp: &File, target: &Path) -> std::io::Result<()> {
    let mode = match target.symlink_metadata() {
        Ok(m) if m.is_file() => m.permissions().mode() & 0o7777,
        _ => 0o666 & !umask(),
    };
    temp.set_permissions(std::fs::Permissions::from_mode(mode))
}

/// Puts the finished temporary in place of `target` (`rename(2)`: atomic, and the new file
/// already carries the old one's mode).
pub fn replace(temp: tempfile::NamedTempFile, target: &Path) -> std::io::Result<()> {
    temp.persist(target).map(|_| ()).map_err(|e| e.error)
}

/// Whether `target` can be replaced now: on Unix an open file never stops a rename.
pub fn check_replaceable(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Whether the error is another program holding the file open (Windows only).
pub fn is_sharing_violation(_: &std::io::Error) -> bool {
    false
}

/// A path as messages show it: as given.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Whether every component of `rel` under `dir` exists spelled exactly so: on Unix's
/// case-sensitive file systems, whenever the path exists.
pub fn spelled_as_on_disk(dir: &Path, rel: &str) -> bool {
    dir.join(rel).symlink_metadata().is_ok()
}

/// Whether this process was started by a double-click on its own console window (Windows
/// only): a terminal's process is never.
pub fn console_is_our_own() -> bool {
    false
}

/// The process's umask, read without changing it (Linux shows it in `/proc/self/status`);
/// `022` where it cannot be read.
pub fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("Umask:"))?;
            u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
        })
        .unwrap_or(0o022)
}
