//! SHA-256 of files, streamed in fixed-size chunks (memory stays flat however large the
//! dossier) and spread over all cores.

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

const CHUNK: usize = 1 << 20;

/// The hex SHA-256 of one file; `progress` is told of every chunk read, in bytes.
pub fn sha256_file(path: &Path, progress: &(dyn Fn(u64) + Sync)) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buf[..n]);
        progress(n as u64);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// Hashes every path in parallel; results in the order given.
pub fn sha256_all(
    paths: &[PathBuf],
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<std::io::Result<String>> {
    paths.par_iter().map(|p| sha256_file(p, progress)).collect()
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
        assert_eq!(sha256_file(&p, &|_| {}).unwrap(), want);
        assert_eq!(sha256_bytes(b"abc"), want);
    }
}
