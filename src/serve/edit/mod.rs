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
mod rows;
mod undo;
mod write;

pub use known::Known;
use rows::{edit_rows, record};
pub use undo::undo;
use write::{
    commit, key_column, raw_table, read_table_bytes, sealed_check, write_history, Committed,
};
pub use write::{confirm_seal, lock, record_written};

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
    /// Another program (Excel, Word) holds the file open: the web app answers 409, as for
    /// an edit made elsewhere, never 500.
    Busy(Box<Diagnostic>),
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

/// Why writing `source` failed, as a refusal: a file held open by another program is
/// [`Refusal::Busy`], with the message that says to close it.
pub fn write_failed(source: &str, e: &std::io::Error) -> Refusal {
    cannot_write(source, e)
}

fn cannot_write(source: &str, e: &std::io::Error) -> Refusal {
    if crate::fsio::is_busy(e) {
        return Refusal::Busy(Box::new(Diagnostic::error(
            source,
            crate::fsio::busy(source),
        )));
    }
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
