//! The one path policy for reading: every file parscore reads goes through here. Only
//! regular files are opened (a FIFO, device or socket is refused from its metadata, never
//! opened, and the open itself never blocks); a file that must stay inside a folder (the
//! dossier, its `files/`) is refused when a link leads it out; and every read is bounded
//! by a cap checked before reading and enforced while reading.

use crate::lang::Text;
use crate::text;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where a file may lie.
#[derive(Clone, Copy, Debug)]
pub enum Within<'a> {
    /// Inside this folder once every link is followed (the dossier, its `files/`).
    Folder(&'a Path),
    /// Anywhere: a shared read-only file named by the dossier (criteria, rankings).
    Anywhere,
}

impl<'a> Within<'a> {
    /// Inside the folder that holds `path` (a dossier's own file).
    pub fn folder_of(path: &'a Path) -> Self {
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => Within::Folder(p),
            _ => Within::Folder(Path::new(".")),
        }
    }
}

/// The kinds of input, each with its own size cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// `scores.csv`, `plan.csv`, `manifest.csv`, a ranking file.
    Table,
    /// `dossier.json`.
    Settings,
    /// `seal.json`.
    Seal,
    /// A criteria file.
    Criteria,
}

const MIB: u64 = 1 << 20;

impl Input {
    /// The documented default caps (`docs/reliability.md`).
    pub fn default_cap(self) -> u64 {
        match self {
            Input::Table => 64 * MIB,
            Input::Settings => MIB,
            Input::Seal => 64 * MIB,
            Input::Criteria => 32 * MIB,
        }
    }
}

/// The size caps of a run: the documented defaults, each raised to `--max-input` when that
/// is larger. Passed down with every read, never set for the whole process.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Caps {
    raised: u64,
}

impl Caps {
    /// Every cap raised to at least `mib` MiB (the `--max-input` option).
    pub fn raised_to_mib(mib: u64) -> Caps {
        Caps {
            raised: mib.saturating_mul(MIB),
        }
    }

    /// The cap in force for a kind of input.
    pub fn of(self, kind: Input) -> u64 {
        kind.default_cap().max(self.raised)
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    Missing,
    /// A FIFO, device, socket or folder where a file was expected.
    NotRegular(&'static str),
    /// A link (or `..`) leading out of the folder the file must stay in.
    Outside,
    TooLarge {
        size: u64,
        cap: u64,
    },
    Io(std::io::Error),
}

impl Refusal {
    /// The problem as a located error on `source` (the file as the user names it).
    pub fn diagnostic(&self, source: &str) -> crate::diag::Diagnostic {
        crate::diag::Diagnostic::error(source, self.text())
    }

    /// The reason in words; never quotes the file's content.
    pub fn text(&self) -> Text {
        match self {
            Refusal::Missing => text!(vi: "không có tệp này", en: "no such file"),
            Refusal::NotRegular(kind) => {
                let vi = kind_vi(kind);
                text!(
                    vi: "không phải tệp thông thường ({vi}) nên không được mở",
                    en: "is not a regular file (a {kind}) and is not opened"
                )
            }
            Refusal::Outside => text!(
                vi: "là liên kết dẫn ra ngoài thư mục hồ sơ nên không được đọc",
                en: "is a link leading out of the dossier folder and is not read"
            ),
            Refusal::TooLarge { size, cap } => {
                let (size, cap) = (mib_text(*size), cap / MIB);
                text!(
                    vi: "tệp lớn {size} MiB, vượt giới hạn {cap} MiB cho loại tệp này; nếu đúng là tệp cần đọc, chạy lại với --max-input <MiB>",
                    en: "the file is {size} MiB, over the {cap} MiB limit for this kind of file; if it is the right file, run again with --max-input <MiB>"
                )
            }
            Refusal::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => text!(
                vi: "không có quyền đọc tệp này",
                en: "no permission to read this file"
            ),
            Refusal::Io(e) => super::cannot_read(e),
        }
    }
}

fn kind_vi(kind: &str) -> &'static str {
    match kind {
        "FIFO" => "ống FIFO",
        "device" => "thiết bị",
        "socket" => "socket",
        "folder" => "thư mục",
        _ => "loại tệp đặc biệt",
    }
}

fn mib_text(bytes: u64) -> String {
    let tenths = (bytes * 10 + MIB / 2) / MIB;
    format!("{},{}", tenths / 10, tenths % 10)
}

fn kind_of(m: &Metadata) -> Option<&'static str> {
    let t = m.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("folder");
    }
    Some(super::sys::special_kind(m).unwrap_or("special file"))
}

fn io(e: std::io::Error) -> Refusal {
    if e.kind() == std::io::ErrorKind::NotFound {
        Refusal::Missing
    } else {
        Refusal::Io(e)
    }
}

/// Where `path` really is, checked against `within`, and its metadata, before anything is
/// opened: the real path of a regular file, or why it may not be read.
pub fn inspect(path: &Path, within: Within) -> Result<(PathBuf, Metadata), Refusal> {
    // The common case, cheaply: a file that is not a link, directly in its folder, is
    // inside it; a shared file may be anywhere. Neither needs its path resolved (which
    // reads every link on the way: a tenth of a city-wide run).
    let direct = match within {
        Within::Anywhere => true,
        Within::Folder(folder) => path.parent() == Some(folder),
    };
    if direct {
        if let Ok(meta) = path.symlink_metadata() {
            if meta.is_file() {
                return Ok((path.to_path_buf(), meta));
            }
        }
    }
    let meta = std::fs::metadata(path).map_err(|e| {
        // A link whose target is gone: missing, unless it also leads outside.
        match (e.kind(), path.symlink_metadata()) {
            (std::io::ErrorKind::NotFound, Ok(_)) => Refusal::Outside,
            _ => io(e),
        }
    })?;
    let real = dunce::canonicalize(path).map_err(io)?;
    if let Within::Folder(folder) = within {
        let folder = dunce::canonicalize(folder).map_err(io)?;
        if !real.starts_with(&folder) {
            return Err(Refusal::Outside);
        }
    }
    if let Some(kind) = kind_of(&meta) {
        return Err(Refusal::NotRegular(kind));
    }
    Ok((real, meta))
}

/// Opens a regular file for reading under the policy: inspected first, then opened without
/// blocking (and, for a file that must stay inside a folder, without following a link or
/// junction swapped in since), and checked again on the open handle.
pub fn open_regular(path: &Path, within: Within) -> Result<(File, Metadata), Refusal> {
    let (real, _) = inspect(path, within)?;
    let nofollow = matches!(within, Within::Folder(_));
    let file = super::sys::read_options(nofollow).open(&real).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if nofollow && super::sys::is_link_handle(&meta) {
        return Err(Refusal::Outside);
    }
    if let Some(kind) = kind_of(&meta).or_else(|| super::sys::handle_kind(&file)) {
        return Err(Refusal::NotRegular(kind));
    }
    Ok((file, meta))
}

/// Reads a whole input file under the policy and the cap of its kind.
pub fn read_input(
    path: &Path,
    within: Within,
    kind: Input,
    caps: Caps,
) -> Result<Vec<u8>, Refusal> {
    read_capped(path, within, caps.of(kind))
}

/// Reads a whole file, refusing one larger than `cap` bytes (checked on its size first,
/// then while reading, for a file that grows or lies about its size, as in `/proc`).
pub fn read_capped(path: &Path, within: Within, cap: u64) -> Result<Vec<u8>, Refusal> {
    let (file, meta) = open_regular(path, within)?;
    if meta.len() > cap {
        return Err(Refusal::TooLarge {
            size: meta.len(),
            cap,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(Refusal::TooLarge {
            size: bytes.len() as u64,
            cap,
        });
    }
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("scores.csv");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let r = read_input(
            &fifo,
            Within::Folder(dir.path()),
            Input::Table,
            Caps::default(),
        );
        assert!(matches!(r, Err(Refusal::NotRegular("FIFO"))), "{r:?}");
    }

    #[test]
    fn a_link_to_a_device_or_out_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("dossier.json");
        symlink("/dev/zero", &zero).unwrap();
        let r = read_input(
            &zero,
            Within::Folder(dir.path()),
            Input::Settings,
            Caps::default(),
        );
        assert!(matches!(r, Err(Refusal::Outside)), "{r:?}");
        let r = read_input(&zero, Within::Anywhere, Input::Settings, Caps::default());
        assert!(matches!(r, Err(Refusal::NotRegular("device"))), "{r:?}");
        let pw = dir.path().join("pw.txt");
        symlink("/etc/passwd", &pw).unwrap();
        let r = read_input(
            &pw,
            Within::Folder(dir.path()),
            Input::Table,
            Caps::default(),
        );
        assert!(matches!(r, Err(Refusal::Outside)), "{r:?}");
    }

    #[test]
    fn a_link_inside_the_folder_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "code,value\n").unwrap();
        symlink("a.csv", dir.path().join("scores.csv")).unwrap();
        let got = read_input(
            &dir.path().join("scores.csv"),
            Within::Folder(dir.path()),
            Input::Table,
            Caps::default(),
        )
        .unwrap();
        assert_eq!(got, b"code,value\n");
    }

    #[test]
    fn a_file_over_its_cap_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("dossier.json");
        let f = File::create(&big).unwrap();
        f.set_len(MIB + 1).unwrap();
        let r = read_input(
            &big,
            Within::Folder(dir.path()),
            Input::Settings,
            Caps::default(),
        );
        match r {
            Err(Refusal::TooLarge { size, cap }) => {
                assert_eq!((size, cap), (MIB + 1, MIB));
                let t = Refusal::TooLarge { size, cap }.text();
                assert!(
                    t.vi.contains("tệp lớn 1,0 MiB, vượt giới hạn 1 MiB"),
                    "{}",
                    t.vi
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            read_capped(&big, Within::Anywhere, 2 * MIB).unwrap().len() as u64,
            MIB + 1
        );
    }
}
