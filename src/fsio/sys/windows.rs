//! Windows: reparse points (symbolic links, junctions) are opened as themselves and refused
//! from the open handle; a rewrite goes through `ReplaceFileW`, which keeps the replaced
//! file's attributes and ACL; the link count comes from `GetFileInformationByHandle`; a file
//! another program holds open is a sharing violation, said as such; paths are shown with
//! `/` and never with the `\\?\` prefix.

use std::fs::{File, Metadata, OpenOptions};
use std::os::windows::ffi::OsStrExt;
use std::os::windows::fs::OpenOptionsExt;
use std::os::windows::io::AsRawHandle;
use std::path::Path;
use windows_sys::Win32::Storage::FileSystem as fs;

const ERROR_INVALID_FUNCTION: i32 = 1;
const ERROR_SHARING_VIOLATION: i32 = 32;
const ERROR_LOCK_VIOLATION: i32 = 33;
const ERROR_NOT_SUPPORTED: i32 = 50;
const ERROR_UNABLE_TO_REMOVE_REPLACED: i32 = 1175;
const ERROR_INVALID_PARAMETER: i32 = 87;

fn wide(path: &Path) -> Vec<u16> {
    path.as_os_str().encode_wide().chain(Some(0)).collect()
}

/// Options to read a file; with `nofollow` a reparse point at the last component is opened
/// as itself (and then refused by [`is_link_handle`]), never followed. Others may still
/// read, write and rename the file meanwhile, as they may on a share.
pub fn read_options(nofollow: bool) -> OpenOptions {
    let mut options = OpenOptions::new();
    options.read(true);
    if nofollow {
        options.custom_flags(fs::FILE_FLAG_OPEN_REPARSE_POINT);
    }
    options
}

/// Options to open (and create) the folder's lock file without following a link.
pub fn lock_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    options.custom_flags(fs::FILE_FLAG_OPEN_REPARSE_POINT);
    options
}

/// Whether the open handle is a symbolic link or a junction (a name-surrogate reparse
/// point). Other reparse points (OneDrive placeholders, deduplicated files) hold the file's
/// own data and are read as files.
pub fn is_link_handle(meta: &Metadata) -> bool {
    meta.file_type().is_symlink()
}

/// Windows keeps no FIFOs or devices among a folder's files (reserved names such as `NUL`
/// are refused by name before anything is opened); see also [`handle_kind`].
pub fn special_kind(_: &Metadata) -> Option<&'static str> {
    None
}

/// What the open handle is when it is not a file on a disk: a device (`NUL`, `CON`, a
/// serial port) or a pipe.
pub fn handle_kind(file: &File) -> Option<&'static str> {
    use windows_sys::Win32::Storage::FileSystem::{GetFileType, FILE_TYPE_CHAR, FILE_TYPE_PIPE};
    // SAFETY: the handle is open for as long as `file` lives.
    match unsafe { GetFileType(file.as_raw_handle() as _) } {
        FILE_TYPE_CHAR => Some("device"),
        FILE_TYPE_PIPE => Some("FIFO"),
        _ => None,
    }
}

/// How many names the open file has (more than one: a hard link), or 1 when the file
/// system does not say.
pub fn link_count(file: &File, _: &Metadata) -> u64 {
    // SAFETY: a zeroed BY_HANDLE_FILE_INFORMATION is a valid value; the handle is open.
    unsafe {
        let mut info: fs::BY_HANDLE_FILE_INFORMATION = std::mem::zeroed();
        if fs::GetFileInformationByHandle(file.as_raw_handle() as _, &mut info) != 0 {
            u64::from(info.nNumberOfLinks.max(1))
        } else {
            1
        }
    }
}

/// Nothing to copy: `ReplaceFileW` gives the new file the replaced one's ACL and
/// attributes, and a new file inherits the folder's.
pub fn give_permissions(_: &File, _: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Puts the finished temporary in place of `target`: through `ReplaceFileW` when the
/// target exists (its attributes, ACL, owner and creation time stay), else a rename. A
/// file system that cannot replace (some network storage) gets the plain rename.
pub fn replace(temp: tempfile::NamedTempFile, target: &Path) -> std::io::Result<()> {
    if !target.symlink_metadata().is_ok_and(|m| m.is_file()) {
        return temp.persist(target).map(|_| ()).map_err(|e| e.error);
    }
    let temp = temp.into_temp_path();
    let (replaced, replacement) = (wide(target), wide(&temp));
    // SAFETY: both strings are NUL-terminated and outlive the call; the other pointers may
    // be null.
    let ok = unsafe {
        fs::ReplaceFileW(
            replaced.as_ptr(),
            replacement.as_ptr(),
            std::ptr::null(),
            fs::REPLACEFILE_IGNORE_MERGE_ERRORS | fs::REPLACEFILE_IGNORE_ACL_ERRORS,
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    if ok != 0 {
        // The temporary's name is gone with the replacement: nothing is left to delete.
        let _ = temp.keep();
        return Ok(());
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(ERROR_INVALID_FUNCTION | ERROR_NOT_SUPPORTED | ERROR_INVALID_PARAMETER) => {
            temp.persist(target).map_err(|e| e.error)
        }
        _ => Err(e),
    }
}

/// Whether `target` can be replaced now: opened for deletion while letting everybody else
/// read, write and delete, which fails exactly when another program (Excel, Word) holds it
/// open without letting it be replaced.
pub fn check_replaceable(target: &Path) -> std::io::Result<()> {
    if target.symlink_metadata().is_err() {
        return Ok(());
    }
    OpenOptions::new()
        .access_mode(fs::DELETE)
        .share_mode(fs::FILE_SHARE_READ | fs::FILE_SHARE_WRITE | fs::FILE_SHARE_DELETE)
        .custom_flags(fs::FILE_FLAG_OPEN_REPARSE_POINT)
        .open(target)
        .map(drop)
}

/// Whether the error is another program holding the file open (`ERROR_SHARING_VIOLATION`,
/// `ERROR_LOCK_VIOLATION`, or `ReplaceFileW`'s "the replaced file could not be removed",
/// which leaves both files as they were).
pub fn is_sharing_violation(e: &std::io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION | ERROR_UNABLE_TO_REMOVE_REPLACED)
    )
}

/// A path as messages show it: `/` between names (as JSON, HTML and the reports write
/// them), without the `\\?\` prefix of a resolved path.
pub fn shown(path: &Path) -> String {
    dunce::simplified(path)
        .display()
        .to_string()
        .replace('\\', "/")
}

/// Whether every component of `rel` under `dir` exists spelled exactly so. Windows also
/// opens a name that differs in case, lacks a trailing dot or is a short (8.3) name; the
/// name the folder itself holds tells them apart.
pub fn spelled_as_on_disk(dir: &Path, rel: &str) -> bool {
    let mut at = dir.to_path_buf();
    for part in rel.split('/').filter(|p| !p.is_empty()) {
        at.push(part);
        match name_on_disk(&at) {
            Some(name) if name == part => {}
            _ => return false,
        }
    }
    true
}

/// The name the folder holds for `path`'s last component (`FindFirstFileW`).
fn name_on_disk(path: &Path) -> Option<String> {
    let w = wide(path);
    // SAFETY: a zeroed WIN32_FIND_DATAW is valid; the name is NUL-terminated.
    unsafe {
        let mut data: fs::WIN32_FIND_DATAW = std::mem::zeroed();
        let h = fs::FindFirstFileW(w.as_ptr(), &mut data);
        if h == windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE {
            return None;
        }
        fs::FindClose(h);
        let len = data
            .cFileName
            .iter()
            .position(|&c| c == 0)
            .unwrap_or(data.cFileName.len());
        Some(String::from_utf16_lossy(&data.cFileName[..len]))
    }
}

/// Whether this process has a console of its own, as when Explorer starts it on a
/// double-click: a console shared with a terminal (`cmd`, PowerShell) lists the terminal
/// too, and no console lists nobody.
pub fn console_is_our_own() -> bool {
    let mut ids = [0u32; 4];
    // SAFETY: the buffer holds `ids.len()` process ids.
    let n = unsafe {
        windows_sys::Win32::System::Console::GetConsoleProcessList(
            ids.as_mut_ptr(),
            ids.len() as u32,
        )
    };
    n == 1
}
