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

/// How many bytes of a file [`sample_file`] reads at each of its three places.
pub const SAMPLE: u64 = 64 << 10;

/// A bounded look at a file for the duplicate-content check: the SHA-256 of 64 KiB at its
/// start, middle and end (of the whole file, its real SHA-256, when it is smaller), and
/// whether it is sparse (fewer bytes allocated on disk than half its length: `truncate -s
/// 4G` makes one, a scanner never does).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    pub sha256: String,
    /// The sample is the whole file: `sha256` is the file's own hash.
    pub whole: bool,
    pub sparse: bool,
}

/// Reads at most 3 × [`SAMPLE`] bytes of one regular file inside `within`.
pub fn sample_file(path: &Path, within: Within) -> Result<Sample, Refusal> {
    use std::io::{Seek, SeekFrom};
    let (mut file, meta) = open_regular(path, within)?;
    let len = meta.len();
    let mut hasher = Sha256::new();
    let whole = len <= 3 * SAMPLE;
    let places = match whole {
        true => vec![(0, len)],
        false => vec![
            (0, SAMPLE),
            (len / 2 - SAMPLE / 2, SAMPLE),
            (len - SAMPLE, SAMPLE),
        ],
    };
    let mut buf = vec![0u8; SAMPLE.min(len) as usize];
    for (at, n) in places {
        file.seek(SeekFrom::Start(at)).map_err(Refusal::Io)?;
        let mut left = n;
        while left > 0 {
            let want = left.min(buf.len() as u64) as usize;
            match file.read(&mut buf[..want]) {
                Ok(0) => break,
                Ok(k) => {
                    hasher.update(&buf[..k]);
                    left -= k as u64;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Refusal::Io(e)),
            }
        }
    }
    Ok(Sample {
        sha256: format!("{:x}", hasher.finalize()),
        whole,
        sparse: allocated(&meta).is_some_and(|a| a < len / 2),
    })
}

/// The bytes a file takes on disk, where the platform says.
#[cfg(unix)]
fn allocated(meta: &std::fs::Metadata) -> Option<u64> {
    Some(std::os::unix::fs::MetadataExt::blocks(meta).saturating_mul(512))
}

#[cfg(not(unix))]
fn allocated(_: &std::fs::Metadata) -> Option<u64> {
    None
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
