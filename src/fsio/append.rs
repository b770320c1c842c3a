//! Appending to a log that is never rewritten (`history.csv`): the lines go to the end of
//! the file in one write and are flushed to disk before the call returns, so a change is
//! on disk before it is reported as saved. A link in the file's place is never followed;
//! a missing file is created with `first` (its header) before the lines.

use std::io::Write;
use std::path::Path;

/// Appends `lines` to `path`, creating it with `first` when it does not exist. When the
/// file does not end with a line break (a write cut by a crash), one is added first so the
/// torn line stays alone on its line.
pub fn append_synced(path: &Path, first: &[u8], lines: &[u8]) -> std::io::Result<()> {
    if path.symlink_metadata().is_ok_and(|m| !m.is_file()) {
        return Err(std::io::Error::other(super::write::LinkRefused));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true).append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let mut file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(super::write::LinkRefused));
    }
    let mut out = Vec::with_capacity(first.len() + lines.len() + 1);
    if meta.len() == 0 {
        out.extend_from_slice(first);
    } else {
        use std::io::{Read, Seek, SeekFrom};
        let mut last = [0u8; 1];
        file.seek(SeekFrom::End(-1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            out.push(b'\n');
        }
    }
    out.extend_from_slice(lines);
    file.write_all(&out)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_added_after_the_header_and_after_a_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("log.csv");
        append_synced(&p, b"h\n", b"1\n").unwrap();
        append_synced(&p, b"h\n", b"2\n").unwrap();
        std::fs::write(&p, b"h\n1\n2\n3,tor").unwrap();
        append_synced(&p, b"h\n", b"4\n").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"h\n1\n2\n3,tor\n4\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_log_s_place_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::write(&outside, "keep").unwrap();
        std::os::unix::fs::symlink(&outside, dir.path().join("log.csv")).unwrap();
        assert!(append_synced(&dir.path().join("log.csv"), b"h\n", b"1\n").is_err());
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
    }
}
