//! SHA-256 of files, streamed in fixed-size chunks (memory stays flat however large the
//! dossier) and spread over all cores. Every file is opened through the path policy: only a
//! regular file inside the folder it must stay in is read.

use crate::fsio::{open_regular, Refusal, Within};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

const CHUNK: usize = 1 << 20;

/// A file's hash, with what its open handle said of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hashed {
    pub sha256: String,
    pub bytes: u64,
    /// The number of names the file has (more than 1: a hard link).
    pub links: u64,
    /// Its modification time, as [`stamp`] writes it.
    pub modified: Option<String>,
}

/// A file's modification time as `seconds.nanoseconds` since 1970 (the form `seal.json`
/// records, so that a later run can tell an untouched file without reading it).
pub fn stamp(meta: &std::fs::Metadata) -> Option<String> {
    let t = meta.modified().ok()?;
    let d = t.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!("{}.{:09}", d.as_secs(), d.subsec_nanos()))
}

/// The hex SHA-256 of one regular file inside `within`; `progress` is told of every chunk
/// read, in bytes.
pub fn sha256_file(
    path: &Path,
    within: Within,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Hashed, Refusal> {
    let (mut file, meta) = open_regular(path, within)?;
    let mut hasher = Sha256::new();
    // A small file gets a small buffer: zeroing 1 MiB for each of thousands of short
    // documents was a tenth of a city-wide run.
    let mut buf = vec![0u8; (meta.len() as usize).saturating_add(1).clamp(4096, CHUNK)];
    let mut bytes = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Refusal::Io(e)),
        };
        hasher.update(&buf[..n]);
        bytes += n as u64;
        progress(n as u64);
    }
    Ok(Hashed {
        sha256: format!("{:x}", hasher.finalize()),
        bytes,
        links: crate::fsio::link_count(&file, &meta),
        modified: stamp(&meta),
    })
}

/// Hashes every path in parallel; results in the order given.
pub fn sha256_all(
    paths: &[PathBuf],
    within: Within,
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<Result<Hashed, Refusal>> {
    paths
        .par_iter()
        .map(|p| sha256_file(p, within, progress))
        .collect()
}

/// The SHA-256 of bytes in memory.
pub fn sha256_bytes(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_test_vector() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("abc");
        std::fs::write(&p, "abc").unwrap();
        let want = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let got = sha256_file(&p, Within::Folder(dir.path()), &|_| {}).unwrap();
        assert_eq!((got.sha256.as_str(), got.bytes, got.links), (want, 3, 1));
        assert!(got
            .modified
            .is_some_and(|m| m.len() > 11 && m.contains('.')));
        assert_eq!(sha256_bytes(b"abc"), want);
    }
}
