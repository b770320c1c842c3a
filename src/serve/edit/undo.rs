//! Undoing a recorded change: every row it touched is put back as it was written before
//! it (a changed row's old text, a removed row at its line, an added row taken out), as a
//! new change in the history (`undo N`). A row changed again since is a conflict, named
//! with the later change; nothing is written then.

use super::{
    commit, key_column, lock, raw_table, read_table_bytes, sealed_check, write_history, Applied,
    Committed, Conflict, Refusal, TableFile, Target,
};
use crate::diag::Diagnostic;
use crate::history::{self, Entry, Kind};
use crate::input::raw::RawTable;
use crate::text;

/// Undoes change `n` of the dossier at `at`, made by `who`.
pub fn undo(at: Target, n: u64, who: &str, break_seal: bool) -> Result<Applied, Refusal> {
    let (dir, read) = (at.dir, at.read);
    let shown = crate::dossier::shown(dir, history::HISTORY_FILE);
    let entries = history::read(dir, read.caps)
        .map_err(|r| Refusal::Failed(Box::new(r.diagnostic(&shown))))?;
    let lines: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.change == n && e.kind != Kind::BreakSeal)
        .collect();
    let table = lines.first().and_then(|e| TableFile::from_name(&e.file));
    let Some(table) = table.filter(|_| lines.iter().all(|e| e.kind != Kind::Seal)) else {
        return Err(Refusal::Invalid(vec![Diagnostic::error(
            &shown,
            text!(vi: "không có thay đổi số {n} để hoàn tác", en: "there is no change {n} to undo"),
        )]));
    };
    let source = crate::dossier::shown(dir, table.name());
    let _lock = lock(dir, &source)?;
    // One record per row the change touched, in the order it touched them.
    let mut rows: Vec<&Entry> = Vec::new();
    for l in &lines {
        if !rows
            .iter()
            .any(|r| r.key == l.key && r.old_row == l.old_row && r.new_row == l.new_row)
        {
            rows.push(*l);
        }
    }
    for _ in 0..5 {
        let before = read_table_bytes(dir, table, read)?;
        if let Some(k) = at.known {
            k.notice(dir, table, &before, read);
        }
        let mut raw = raw_table(&before, &source, read)?;
        // What was recorded since (a change made on disk included, noticed just above).
        let since = history::read(dir, read.caps).unwrap_or_default();
        for row in rows.iter().rev() {
            let touched = since
                .iter()
                .any(|e| e.change > n && e.file == table.name() && e.key == row.key);
            put_back(&mut raw, table, row, &source, touched).map_err(|c| {
                let entries = history::read(dir, read.caps).unwrap_or_default();
                Refusal::Conflict(Box::new(Conflict {
                    file: table.name().to_string(),
                    key: row.key.clone(),
                    yours: vec![(row.column.clone(), row.old.clone())],
                    theirs: vec![(String::new(), c)],
                    by: history::last_for(&entries, table.name(), &row.key).cloned(),
                    etag: super::super::version::etag(dir, read),
                }))
            })?;
        }
        let after = raw.to_bytes();
        let sealed = sealed_check(dir, read, break_seal)?;
        super::check::check(dir, table, &after, read, &rows[0].key)?;
        if table == TableFile::Manifest {
            super::super::undo_files::check(dir, read, &lines, &after)?;
        }
        match commit(at, table, &before, &after, &source)? {
            Committed::Retry => continue,
            Committed::Done => {}
        }
        if table == TableFile::Manifest {
            super::super::undo_files::after_undo(dir, read, &lines, &before);
        }
        let undone: Vec<Entry> = lines
            .iter()
            .map(|l| Entry {
                old: l.new.clone(),
                new: l.old.clone(),
                old_row: l.new_row.clone(),
                new_row: l.old_row.clone(),
                ..(*l).clone()
            })
            .collect();
        let m = write_history(at, table, &before, undone, who, Kind::Undo(n), sealed)?;
        return Ok(Applied {
            change: Some(m),
            etag: super::super::version::etag(dir, read),
        });
    }
    Err(Refusal::Failed(Box::new(Diagnostic::error(
        &source,
        text!(vi: "tệp liên tục bị sửa ở nơi khác; chưa hoàn tác, thử lại sau giây lát", en: "the file kept being changed elsewhere; nothing was undone, try again in a moment"),
    ))))
}

/// Puts one row back as it was before the change; `Err` with the row's text now when it
/// is no longer what the change left. `touched`: a later change recorded the row's key.
fn put_back(
    raw: &mut RawTable,
    table: TableFile,
    e: &Entry,
    source: &str,
    touched: bool,
) -> Result<(), String> {
    let at = if e.key.is_empty() {
        raw.header_record()
    } else {
        key_column(raw, table, source).ok().and_then(|c| {
            // A key listed twice (VB40): the row the change left, found by its text.
            let left = e.new_row.as_deref().and_then(|t| {
                (0..raw.record_count()).find(|&i| {
                    raw.record_text(i) == t
                        && raw
                            .values(i)
                            .get(c)
                            .is_some_and(|v| crate::input::nfc(v.trim()) == e.key)
                })
            });
            left.or_else(|| raw.find_row(c, &e.key))
        })
    };
    let now = at.map(|i| raw.record_text(i).to_string());
    match (&e.old_row, &e.new_row) {
        (old, Some(new)) => {
            let i = at.filter(|_| now.as_deref() == Some(new.as_str()));
            let Some(i) = i else {
                return Err(now.unwrap_or_default());
            };
            match old {
                Some(old) => raw.replace_record(i, old),
                None => {
                    raw.remove_record(i);
                }
            }
        }
        (Some(old), None) => {
            // A row of that key now: put back since, unless it is a key listed twice (VB40)
            // whose other row was there all along, which no later change recorded.
            if let Some(now) = now.filter(|_| touched) {
                return Err(now);
            }
            raw.insert_at_line(e.line, old);
        }
        (None, None) => {}
    }
    Ok(())
}
