//! The one path every change of a dossier's tables takes: [`apply`] sets cells of one row
//! of `scores.csv`, `plan.csv` or `manifest.csv` (adding the row or the column when
//! missing), adds a row or removes one; [`undo`] writes a recorded change's old rows back.
//! Each runs under the dossier's lock (`fsio::lock_folder`): it reads the file, applies the
//! row-level conflict rule, changes only the bytes of the row it edits (`input::raw`),
//! checks the new table as the commands would read it, stages the new file, reads the file
//! again and starts over if it changed meanwhile, puts the new file in place, and appends
//! the change to `history.csv` (flushed to disk) before answering. See `docs/serve.md`.

mod check;
mod known;
mod undo;

pub use known::Known;
pub use undo::undo;

use crate::diag::Diagnostic;
use crate::dossier;
use crate::fsio::{read_input, Input, Within};
use crate::history::{self, Entry, Kind};
use crate::input::raw::{RawTable, RecordChange};
use crate::input::{nfc, parse_table, ReadOptions};
use crate::text;
use std::path::Path;

/// The tables the app edits, each keyed by one column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TableFile {
    Scores,
    Plan,
    Manifest,
}

impl TableFile {
    pub const ALL: [TableFile; 3] = [TableFile::Scores, TableFile::Plan, TableFile::Manifest];

    pub fn name(self) -> &'static str {
        match self {
            TableFile::Scores => dossier::SCORES_FILE,
            TableFile::Plan => dossier::PLAN_FILE,
            TableFile::Manifest => crate::evidence::MANIFEST_FILE,
        }
    }

    /// The column that names a row: a leaf's `code`, a task's or a document's `id`.
    pub fn key_column(self) -> &'static str {
        match self {
            TableFile::Scores => "code",
            TableFile::Plan | TableFile::Manifest => "id",
        }
    }

    pub fn from_name(name: &str) -> Option<TableFile> {
        TableFile::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// What to do to the row.
#[derive(Clone, Debug)]
pub enum Op {
    /// Set these cells (column name, value); `create`: add the row when the table has
    /// none with this key (a leaf not yet in `scores.csv`). A missing column is added.
    Set {
        cells: Vec<(String, String)>,
        create: bool,
    },
    /// Add a row with these cells; refused when the key is taken.
    Add(Vec<(String, String)>),
    /// Remove the row (the history keeps its text, and undo puts it back).
    Remove,
}

/// One change, as the pages and the API make it.
#[derive(Clone, Debug)]
pub struct Change {
    pub table: TableFile,
    pub key: String,
    pub op: Op,
    /// The row's cells as the person saw them (column, value) when the page was loaded:
    /// when `version` is stale, the change still applies if these are still the row's
    /// values (nobody else changed the row). `None`: any change since is a conflict.
    pub base: Option<Vec<(String, String)>>,
    /// The `ETag` the page was loaded with (`If-Match`).
    pub version: Option<String>,
    /// Who makes the change (the name the browser asked for).
    pub who: String,
    /// The person confirmed changing a sealed dossier.
    pub break_seal: bool,
}

/// Where a change applies: the dossier, how its files are read, and what the server last
/// knew of its tables (to record changes made on disk first).
#[derive(Clone, Copy)]
pub struct Target<'a> {
    pub dir: &'a Path,
    pub read: ReadOptions,
    pub known: Option<&'a Known>,
}

/// A change that was made (or needed nothing).
#[derive(Clone, Debug)]
pub struct Applied {
    /// Its number in the history; `None` when the table already held these values.
    pub change: Option<u64>,
    /// The dossier's version after it.
    pub etag: String,
}

/// Why a change was not made; nothing was written in every case.
pub enum Refusal {
    /// The located problems, as the commands report them.
    Invalid(Vec<Diagnostic>),
    /// The file could not be read or written.
    Failed(Box<Diagnostic>),
    /// The files changed since `version` and the change carried no `base` to tell whether
    /// its row did: reload.
    Stale { etag: String },
    /// Someone else changed the same row.
    Conflict(Box<Conflict>),
    /// The dossier is sealed and the change was not confirmed.
    Sealed(Box<SealNotice>),
}

/// The row someone else changed: what the person wanted, what the row holds now, and the
/// history line of the other change.
#[derive(Clone, Debug)]
pub struct Conflict {
    pub file: String,
    pub key: String,
    pub yours: Vec<(String, String)>,
    pub theirs: Vec<(String, String)>,
    pub by: Option<Entry>,
    pub etag: String,
}

/// A sealed dossier: when, and by whom (from the history).
#[derive(Clone, Debug)]
pub struct SealNotice {
    pub at: String,
    pub by: String,
    /// The changes made since the seal after confirming it.
    pub broken: usize,
}

/// The seal of the dossier in `dir`, if it is sealed.
pub fn seal_notice(dir: &Path, read: ReadOptions) -> Option<SealNotice> {
    let seal = crate::evidence::seal::read_seal(dir, read).ok()?;
    let entries = history::read(dir, read.caps).unwrap_or_default();
    Some(SealNotice {
        at: seal.sealed_at,
        by: history::sealed_by(&entries)
            .map(|e| e.who.clone())
            .unwrap_or_default(),
        broken: history::seal_breaks(&entries).len(),
    })
}

/// Applies `change` to the dossier at `at`; see the module comment.
pub fn apply(at: Target, change: &Change) -> Result<Applied, Refusal> {
    let (dir, read) = (at.dir, at.read);
    let table = change.table;
    let source = dossier::shown(dir, table.name());
    if table == TableFile::Scores
        && dir.join(dossier::SCORES_XLSX).symlink_metadata().is_ok()
        && dir.join(dossier::SCORES_FILE).symlink_metadata().is_err()
    {
        return Err(failed(
            &dossier::shown(dir, dossier::SCORES_XLSX),
            text!(vi: "phiếu chấm của hồ sơ này là bảng tính Excel; sửa trong Excel (trang web chỉ sửa scores.csv)", en: "this dossier's score sheet is an Excel workbook; edit it in Excel (the pages edit scores.csv only)"),
        ));
    }
    let cells = match &change.op {
        Op::Set { cells, .. } | Op::Add(cells) => clean_cells(cells, &source, &change.key)?,
        Op::Remove => Vec::new(),
    };
    let _lock = lock(dir, &source)?;
    // The edited row as it was when the new table last passed the check: when only other
    // rows changed on disk meanwhile, the change is put on the new file without scoring
    // the whole dossier again (a colleague saving every few milliseconds cannot starve it).
    let mut checked_row: Option<Option<String>> = None;
    for _ in 0..20 {
        let before = read_table_bytes(dir, table, read)?;
        if let Some(k) = at.known {
            k.notice(dir, table, &before, read);
        }
        let mut raw = raw_table(&before, &source, read)?;
        let etag = super::version::etag(dir, read);
        let key_col = key_column(&raw, table, &source)?;
        let row = raw.find_row(key_col, &change.key);
        if change.version.as_deref() != Some(etag.as_str()) {
            match &change.base {
                None => return Err(Refusal::Stale { etag }),
                Some(base) => {
                    let theirs = row_values(&raw, row, base);
                    if !same_values(base, &theirs) {
                        let entries = history::read(dir, read.caps).unwrap_or_default();
                        return Err(Refusal::Conflict(Box::new(Conflict {
                            file: table.name().to_string(),
                            key: change.key.clone(),
                            yours: cells.clone(),
                            theirs,
                            by: history::last_for(&entries, table.name(), &change.key).cloned(),
                            etag,
                        })));
                    }
                }
            }
        }
        let sealed = sealed_check(dir, read, change.break_seal)?;
        let row_text = row.map(|i| raw.record_text(i).to_string());
        let edits = edit_rows(&mut raw, table, &change.key, &change.op, &cells, &source)?;
        let after = raw.to_bytes();
        if after == before {
            return Ok(Applied { change: None, etag });
        }
        if checked_row.as_ref() != Some(&row_text) {
            check::check(dir, table, &after, read, &change.key)?;
            checked_row = Some(row_text);
        }
        match commit(at, table, &before, &after, &source)? {
            Committed::Retry => continue,
            Committed::Done => {}
        }
        let lines = record(table, &change.key, &edits);
        let n = write_history(at, table, &before, lines, &change.who, Kind::Edit, sealed)?;
        return Ok(Applied {
            change: Some(n),
            etag: super::version::etag(dir, read),
        });
    }
    Err(failed(
        &source,
        text!(vi: "tệp liên tục bị sửa ở nơi khác trong lúc lưu; chưa ghi gì, thử lại sau giây lát", en: "the file kept being changed elsewhere while saving; nothing was written, try again in a moment"),
    ))
}

/// Records in the history, as an edit by `who`, how `table` differs from `before`: for a
/// writer that changed a table by its own means (the upload's new manifest row).
pub fn record_written(at: Target, table: TableFile, before: &[u8], who: &str) {
    let Ok(now) = read_table_bytes(at.dir, table, at.read) else {
        return;
    };
    if now == before {
        return;
    }
    let lines = history::diff_tables(
        table.name(),
        table.key_column(),
        before,
        &now,
        at.read.encoding,
    );
    let sealed = seal_notice(at.dir, at.read);
    let _ = write_history(at, table, &now, lines, who, Kind::Edit, sealed);
}

/// A record a change touched: its key (`""`: the header) and how it changed.
pub(super) struct RowEdit {
    key: String,
    change: RecordChange,
    /// The cells set: (column, old value as written, new value).
    cells: Vec<(String, String, String)>,
}

fn edit_rows(
    raw: &mut RawTable,
    table: TableFile,
    key: &str,
    op: &Op,
    cells: &[(String, String)],
    source: &str,
) -> Result<Vec<RowEdit>, Refusal> {
    let key_col = key_column(raw, table, source)?;
    let mut edits = Vec::new();
    let row = raw.find_row(key_col, key);
    let no_row = || {
        Refusal::Invalid(vec![Diagnostic::error(
            source,
            text!(vi: "bảng không có dòng \"{key}\"", en: "the table has no row \"{key}\""),
        )])
    };
    match op {
        Op::Remove => {
            let i = row.ok_or_else(no_row)?;
            let change = raw.remove_record(i);
            edits.push(RowEdit {
                key: key.to_string(),
                cells: vec![(
                    String::new(),
                    change.before.clone().unwrap_or_default(),
                    String::new(),
                )],
                change,
            });
        }
        Op::Add(_) if row.is_some() => {
            return Err(Refusal::Invalid(vec![Diagnostic::error(
                source,
                text!(vi: "bảng đã có dòng \"{key}\"", en: "the table already has a row \"{key}\""),
            )]));
        }
        Op::Set { create: false, .. } if row.is_none() => return Err(no_row()),
        Op::Add(_) | Op::Set { .. } => {
            let mut columns = Vec::new();
            let mut header: Option<RecordChange> = None;
            let mut added = Vec::new();
            for (name, _) in cells {
                let Some((c, change)) = raw.ensure_column(name) else {
                    return Err(no_row());
                };
                if let Some(ch) = change {
                    added.push((name.clone(), String::new(), name.clone()));
                    header = Some(RecordChange {
                        before: header.and_then(|h| h.before).or(ch.before),
                        ..ch
                    });
                }
                columns.push(c);
            }
            if let (Some(change), Some(_)) = (header, raw.header_record()) {
                edits.push(RowEdit {
                    key: String::new(),
                    change,
                    cells: added,
                });
            }
            match row {
                None => {
                    let mut values: Vec<(usize, &str)> = vec![(key_col, key)];
                    values.extend(
                        columns
                            .iter()
                            .zip(cells)
                            .map(|(c, (_, v))| (*c, v.as_str())),
                    );
                    let (_, change) = raw.append_row(&values);
                    let text = change.after.clone().unwrap_or_default();
                    edits.push(RowEdit {
                        key: key.to_string(),
                        change,
                        cells: vec![(String::new(), String::new(), text)],
                    });
                }
                Some(i) => {
                    let before = raw.record_text(i).to_string();
                    let mut set = Vec::new();
                    for (c, (name, value)) in columns.iter().zip(cells) {
                        let old = raw.values(i).get(*c).cloned().unwrap_or_default();
                        if nfc(old.trim()) != *value {
                            raw.set_field(i, *c, value);
                            set.push((name.clone(), old, value.clone()));
                        }
                    }
                    if !set.is_empty() {
                        edits.push(RowEdit {
                            key: key.to_string(),
                            change: RecordChange {
                                line: raw.line_of(i),
                                before: Some(before),
                                after: Some(raw.record_text(i).to_string()),
                            },
                            cells: set,
                        });
                    }
                }
            }
        }
    }
    Ok(edits)
}

/// The history lines of `edits`, without number, time or name yet.
fn record(table: TableFile, _key: &str, edits: &[RowEdit]) -> Vec<Entry> {
    let mut out = Vec::new();
    for e in edits {
        for (column, old, new) in &e.cells {
            out.push(Entry {
                change: 0,
                when: String::new(),
                who: String::new(),
                kind: Kind::Edit,
                file: table.name().to_string(),
                key: e.key.clone(),
                column: column.clone(),
                old: old.clone(),
                new: new.clone(),
                line: e.change.line,
                old_row: e.change.before.clone(),
                new_row: e.change.after.clone(),
            });
        }
    }
    out
}

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
    read_input(&path, Within::folder_of(&path), Input::Table, read.caps)
        .map_err(|r| Refusal::Failed(Box::new(r.diagnostic(&dossier::shown(dir, table.name())))))
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

/// The row's current values of the columns in `base` (trimmed, NFC, as the pages show
/// them); empty for a row or a column that is not there.
fn row_values(
    raw: &RawTable,
    row: Option<usize>,
    base: &[(String, String)],
) -> Vec<(String, String)> {
    let values = row.map(|i| raw.values(i)).unwrap_or_default();
    base.iter()
        .map(|(name, _)| {
            let v = raw
                .column(name)
                .and_then(|c| values.get(c))
                .map(|v| nfc(v.trim()))
                .unwrap_or_default();
            (name.clone(), v)
        })
        .collect()
}

/// The same values, as a person reads them: a date written `12/1/2026` or picked as
/// `2026-01-12` is the date in the file written `12/01/2026`.
fn same_values(base: &[(String, String)], now: &[(String, String)]) -> bool {
    base.iter().zip(now).all(|((_, a), (_, b))| {
        let a = nfc(a.trim());
        let a = iso_to_vietnamese_date(&a).unwrap_or(a);
        a == *b
            || crate::value::parse_date(&a).is_some_and(|d| crate::value::parse_date(b) == Some(d))
    })
}

/// New values trimmed and in NFC, each on one line of the table.
fn clean_cells(
    cells: &[(String, String)],
    source: &str,
    key: &str,
) -> Result<Vec<(String, String)>, Refusal> {
    cells
        .iter()
        .map(|(column, value)| {
            let v = nfc(value.trim());
            if v.chars().any(char::is_control) {
                return Err(Refusal::Invalid(vec![Diagnostic::error(
                    source,
                    text!(vi: "cột \"{column}\": không được xuống dòng hay chứa ký tự điều khiển", en: "column \"{column}\": no line breaks or control characters"),
                )
                .for_code(key)]));
            }
            Ok((column.clone(), v))
        })
        .collect()
}

/// A date picker's `2026-01-15` as the sheet writes dates, `15/01/2026`.
pub fn iso_to_vietnamese_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10))
        .then(|| format!("{}/{}/{}", &s[8..10], &s[5..7], &s[0..4]))
}

fn failed(source: &str, message: crate::lang::Text) -> Refusal {
    Refusal::Failed(Box::new(Diagnostic::error(source, message)))
}

fn cannot_write(source: &str, e: &std::io::Error) -> Refusal {
    let why = crate::fsio::os_reason(e);
    let (wv, we) = (&why.vi, &why.en);
    failed(
        source,
        text!(vi: "không ghi được tệp: {wv}", en: "cannot write the file: {we}"),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_date_picker_value_is_written_as_a_vietnamese_date() {
        assert_eq!(
            super::iso_to_vietnamese_date("2026-01-15").as_deref(),
            Some("15/01/2026")
        );
        assert_eq!(super::iso_to_vietnamese_date("15/01/2026"), None);
    }
}
