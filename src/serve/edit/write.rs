//! Putting a checked table in place and recording it: the dossier's lock, the second read
//! before the rename, the history lines (after a break-seal line on a sealed dossier), and
//! the table put back when the history cannot be written.

use super::*;

/// How one try at putting the table in place ended.
pub(super) enum Committed {
    Done,
    /// The file changed on disk between the read and the write: read it again.
    Retry,
}

/// Stages `after` beside the table, reads the table again, and puts `after` in place only
/// if the table still holds `before`.
pub(super) fn commit(
    at: Target,
    table: TableFile,
    before: &[u8],
    after: &[u8],
    source: &str,
) -> Result<Committed, Refusal> {
    let path = at.dir.join(table.name());
    let staged = crate::fsio::stage(&path, after).map_err(|e| cannot_write(source, &e))?;
    let again = read_table_bytes(at.dir, table, at.read)?;
    if again != before {
        return Ok(Committed::Retry);
    }
    staged.commit().map_err(|e| cannot_write(source, &e))?;
    Ok(Committed::Done)
}

/// Numbers, dates and signs `lines` and appends them (after a break-seal line when the
/// dossier is sealed); when the history cannot be written, the table is put back as it was
/// and the change refused.
pub(super) fn write_history(
    at: Target,
    table: TableFile,
    before: &[u8],
    mut lines: Vec<Entry>,
    who: &str,
    kind: Kind,
    sealed: Option<SealNotice>,
) -> Result<u64, Refusal> {
    let entries = history::read(at.dir, at.read.caps).unwrap_or_default();
    let n = history::next_change(&entries);
    let when = history::now();
    if let Some(s) = sealed {
        lines.insert(
            0,
            Entry {
                change: n,
                when: String::new(),
                who: String::new(),
                kind: Kind::BreakSeal,
                file: crate::evidence::SEAL_FILE.to_string(),
                key: String::new(),
                column: String::new(),
                old: s.at,
                new: String::new(),
                line: 0,
                old_row: None,
                new_row: None,
            },
        );
    }
    for l in &mut lines {
        l.change = n;
        l.when = when.clone();
        l.who = who.to_string();
        if l.kind != Kind::BreakSeal {
            l.kind = kind.clone();
        }
    }
    let path = at.dir.join(table.name());
    if let Err(e) = history::append(at.dir, &lines) {
        let _ = crate::fsio::write_atomic(&path, before);
        let shown = dossier::shown(at.dir, history::HISTORY_FILE);
        return Err(cannot_write(&shown, &e));
    }
    if let Some(k) = at.known {
        if let Ok(now) = read_table_bytes(at.dir, table, at.read) {
            k.remember(at.dir, table, now);
        }
    }
    Ok(n)
}

/// The seal to record as broken, or the refusal asking to confirm it.
pub(super) fn sealed_check(
    dir: &Path,
    read: ReadOptions,
    confirmed: bool,
) -> Result<Option<SealNotice>, Refusal> {
    match seal_notice(dir, read) {
        Some(s) if !confirmed => Err(Refusal::Sealed(Box::new(s))),
        other => Ok(other),
    }
}

/// The dossier's lock, waited for a few seconds (a `seal` holds it while hashing).
pub fn lock(dir: &Path, source: &str) -> Result<crate::fsio::FolderLock, Refusal> {
    let started = std::time::Instant::now();
    loop {
        match crate::fsio::lock_folder(dir) {
            Ok(l) => return Ok(l),
            Err(crate::fsio::LockError::Busy)
                if started.elapsed() < std::time::Duration::from_secs(10) =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(crate::fsio::LockError::Busy) => {
                return Err(failed(
                    source,
                    text!(vi: "hồ sơ đang bận (đang niêm phong hoặc có người khác đang lưu); chưa ghi gì, thử lại sau giây lát", en: "the dossier is busy (being sealed, or someone else is saving); nothing was written, try again in a moment"),
                ))
            }
            Err(crate::fsio::LockError::Io(e)) => return Err(cannot_write(source, &e)),
        }
    }
}

pub(super) fn read_table_bytes(
    dir: &Path,
    table: TableFile,
    read: ReadOptions,
) -> Result<Vec<u8>, Refusal> {
    let path = dir.join(table.name());
    // A table missing, a link or past its cap is the dossier's state (422), not a fault.
    read_input(&path, Within::folder_of(&path), Input::Table, read.caps)
        .map_err(|r| Refusal::Invalid(vec![r.diagnostic(&dossier::shown(dir, table.name()))]))
}

pub(super) fn raw_table(
    bytes: &[u8],
    source: &str,
    read: ReadOptions,
) -> Result<RawTable, Refusal> {
    let parsed =
        parse_table(bytes, source, read.encoding).map_err(|e| Refusal::Invalid(vec![*e]))?;
    Ok(RawTable::new(bytes, parsed.delimiter, read.encoding))
}

pub(super) fn key_column(raw: &RawTable, table: TableFile, source: &str) -> Result<usize, Refusal> {
    let name = table.key_column();
    raw.column(name).ok_or_else(|| {
        Refusal::Invalid(vec![Diagnostic::error(
            source,
            text!(vi: "thiếu cột \"{name}\" trong dòng tiêu đề", en: "the header row has no \"{name}\" column"),
        )])
    })
}

/// Records in the history, as edits by `who`, how each table differs from its bytes in
/// `before`: for a writer that changed the tables by its own means (an upload, a document
/// taken out). On a sealed dossier (`sealed`, from [`confirm_seal`] before the change) the
/// first recorded change is preceded by its break-seal line; when no table changed (the
/// report header, the criteria file), the break-seal line is recorded on its own.
pub fn record_written(
    at: Target,
    before: &[(TableFile, Vec<u8>)],
    who: &str,
    mut sealed: Option<SealNotice>,
) {
    for (table, before) in before {
        let Ok(now) = read_table_bytes(at.dir, *table, at.read) else {
            continue;
        };
        if now == *before {
            continue;
        }
        let lines = history::diff_tables(
            table.name(),
            table.key_column(),
            before,
            &now,
            at.read.encoding,
        );
        let _ = write_history(at, *table, &now, lines, who, Kind::Edit, sealed.take());
    }
    if let Some(s) = sealed {
        let entries = history::read(at.dir, at.read.caps).unwrap_or_default();
        let line = Entry {
            change: history::next_change(&entries),
            when: history::now(),
            who: who.to_string(),
            kind: Kind::BreakSeal,
            file: crate::evidence::SEAL_FILE.to_string(),
            key: String::new(),
            column: String::new(),
            old: s.at,
            new: String::new(),
            line: 0,
            old_row: None,
            new_row: None,
        };
        let _ = history::append(at.dir, &[line]);
    }
}

/// The seal a change is about to break, or the refusal asking to confirm it first.
pub fn confirm_seal(at: Target, confirmed: bool) -> Result<Option<SealNotice>, Refusal> {
    sealed_check(at.dir, at.read, confirmed)
}
