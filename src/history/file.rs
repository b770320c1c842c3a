//! Reading and appending `history.csv`. The file is read as written (no trimming, no
//! NFC: the rows' texts are the exact bytes an undo puts back); a torn last line (a write
//! cut by a crash) has no change number and is skipped.

use super::{Entry, Kind, HEADER, HISTORY_FILE};
use crate::fsio::{read_input, Caps, Input, Refusal, Within};
use crate::input::raw::{quote, RawTable};
use crate::input::TextEncoding;
use std::path::Path;

/// The history of the dossier in `dir`, oldest first; empty when it has none.
pub fn read(dir: &Path, caps: Caps) -> Result<Vec<Entry>, Refusal> {
    let bytes = match read_input(
        &dir.join(HISTORY_FILE),
        Within::Folder(dir),
        Input::Table,
        caps,
    ) {
        Ok(b) => b,
        Err(Refusal::Missing) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    Ok(parse(&bytes))
}

fn parse(bytes: &[u8]) -> Vec<Entry> {
    let t = RawTable::new(bytes, b',', TextEncoding::Utf8);
    let Some(h) = t.header_record() else {
        return Vec::new();
    };
    let cols: Vec<Option<usize>> = HEADER.iter().map(|name| t.column(name)).collect();
    let mut out = Vec::new();
    for i in h + 1..t.record_count() {
        let v = t.values(i);
        let cell = |n: usize| cols[n].and_then(|c| v.get(c)).cloned().unwrap_or_default();
        // A number no history reaches (u64::MAX, typed by hand) is not a line: the next
        // change's number, one more, must exist.
        let change = cell(0).trim().parse::<u64>().ok().filter(|&n| n < u64::MAX);
        let (Some(change), Some(kind)) = (change, Kind::parse(&cell(3))) else {
            continue;
        };
        let row = |s: String| (!s.is_empty()).then_some(s);
        out.push(Entry {
            change,
            when: cell(1),
            who: cell(2),
            kind,
            file: cell(4),
            key: cell(5),
            column: cell(6),
            old: cell(7),
            new: cell(8),
            line: cell(9).trim().parse().unwrap_or(0),
            old_row: row(cell(10)),
            new_row: row(cell(11)),
        });
    }
    out
}

/// The number the next change gets.
pub fn next_change(entries: &[Entry]) -> u64 {
    entries.iter().map(|e| e.change).max().unwrap_or(0) + 1
}

/// Appends `entries` (one change) to the dossier's history and flushes it to disk.
pub fn append(dir: &Path, entries: &[Entry]) -> std::io::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let header = format!("\u{feff}{}\n", HEADER.join(","));
    let mut lines = String::new();
    for e in entries {
        let cells = [
            e.change.to_string(),
            e.when.clone(),
            e.who.clone(),
            e.kind.as_text(),
            e.file.clone(),
            e.key.clone(),
            e.column.clone(),
            e.old.clone(),
            e.new.clone(),
            e.line.to_string(),
            e.old_row.clone().unwrap_or_default(),
            e.new_row.clone().unwrap_or_default(),
        ];
        let quoted: Vec<String> = cells.iter().map(|c| quote(c, b',')).collect();
        lines.push_str(&quoted.join(","));
        lines.push('\n');
    }
    crate::fsio::append_synced(&dir.join(HISTORY_FILE), header.as_bytes(), lines.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(change: u64, old_row: &str) -> Entry {
        Entry {
            change,
            when: "2026-12-07T08:10:52+07:00".into(),
            who: "Nguyễn Thị Lan".into(),
            kind: Kind::Edit,
            file: "scores.csv".into(),
            key: "1.1.2".into(),
            column: "note".into(),
            old: "  Ghi chu\u{301}  ".into(),
            new: "x, y".into(),
            line: 3,
            old_row: Some(old_row.into()),
            new_row: Some("1.1.2,Có,\"x, y\"".into()),
        }
    }

    #[test]
    fn entries_read_back_exactly_as_appended() {
        let dir = tempfile::tempdir().unwrap();
        let a = entry(1, "1.1.2,Có,  Ghi chu\u{301}  ");
        let b = entry(2, "1.1.2,Có,\"dòng một\r\ndòng \"\"hai\"\"\"");
        append(dir.path(), std::slice::from_ref(&a)).unwrap();
        append(dir.path(), std::slice::from_ref(&b)).unwrap();
        let back = read(dir.path(), Caps::default()).unwrap();
        assert_eq!(back, vec![a, b]);
        assert_eq!(next_change(&back), 3);
        let text = std::fs::read_to_string(dir.path().join(HISTORY_FILE)).unwrap();
        assert!(text.starts_with(
            "\u{feff}change,when,who,kind,file,key,column,old,new,line,old_row,new_row\n1,"
        ));
    }
}
