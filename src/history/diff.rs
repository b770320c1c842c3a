//! What changed between two versions of a table, row by row (matched by their key) and
//! cell by cell (matched by column name): the lines the history records for a change
//! noticed on disk, made in Excel or on a shared drive.

use super::{Entry, Kind};
use crate::input::raw::RawTable;
use crate::input::{nfc, parse_table, TextEncoding};
use std::collections::HashMap;

/// The history lines (numbered 0, without time or name: the caller gives them) that turn
/// `before` into `after`, two versions of `file` whose rows are keyed by `key`.
pub fn diff_tables(
    file: &str,
    key: &str,
    before: &[u8],
    after: &[u8],
    encoding: TextEncoding,
) -> Vec<Entry> {
    let delimiter = |b: &[u8]| parse_table(b, file, encoding).map_or(b',', |t| t.delimiter);
    let a = RawTable::new(before, delimiter(before), encoding);
    let b = RawTable::new(after, delimiter(after), encoding);
    let line = |file: &str, key: &str, column: &str, old: &str, new: &str| Entry {
        change: 0,
        when: String::new(),
        who: String::new(),
        kind: Kind::Disk,
        file: file.to_string(),
        key: key.to_string(),
        column: column.to_string(),
        old: old.to_string(),
        new: new.to_string(),
        line: 0,
        old_row: None,
        new_row: None,
    };
    let mut out = Vec::new();
    let (ha, hb) = (a.header_record(), b.header_record());
    let header_text = |t: &RawTable, h: Option<usize>| h.map(|h| t.record_text(h).to_string());
    if header_text(&a, ha) != header_text(&b, hb) {
        let (old, new) = (header_text(&a, ha), header_text(&b, hb));
        out.push(Entry {
            line: hb.map_or(1, |h| b.line_of(h)),
            old_row: old.clone(),
            new_row: new.clone(),
            ..line(
                file,
                "",
                "",
                old.as_deref().unwrap_or(""),
                new.as_deref().unwrap_or(""),
            )
        });
    }
    let (Some(ka), Some(kb)) = (a.column(key), b.column(key)) else {
        return out;
    };
    let rows = |t: &RawTable, k: usize, h: Option<usize>| {
        let mut m: Vec<(String, usize)> = Vec::new();
        let mut seen = HashMap::new();
        for i in h.map_or(0, |h| h + 1)..t.record_count() {
            let key = nfc(t.values(i).get(k).map_or("", |s| s.trim()));
            // A key listed twice (the sample's VB40) is its first row, on both sides, as
            // an undo finds it: `insert` would keep the last row in the map while the
            // list keeps the first, and every diff would see the first row changed into
            // the second.
            if !key.is_empty() && !seen.contains_key(&key) {
                seen.insert(key.clone(), i);
                m.push((key, i));
            }
        }
        (m, seen)
    };
    let (rows_a, by_key_a) = rows(&a, ka, ha);
    let (rows_b, by_key_b) = rows(&b, kb, hb);
    let names = |t: &RawTable, h: Option<usize>| h.map(|h| t.values(h)).unwrap_or_default();
    let (names_a, names_b) = (names(&a, ha), names(&b, hb));
    for (k, i) in &rows_a {
        let old_row = a.record_text(*i).to_string();
        match by_key_b.get(k) {
            Some(&j) if b.record_text(j) == old_row => {}
            Some(&j) => {
                let new_row = b.record_text(j).to_string();
                let (va, vb) = (a.values(*i), b.values(j));
                let mut cells = Vec::new();
                for (c, name) in names_b.iter().enumerate() {
                    let name = name.trim();
                    let old = names_a
                        .iter()
                        .position(|n| n.trim() == name)
                        .and_then(|p| va.get(p))
                        .map_or("", String::as_str);
                    let new = vb.get(c).map_or("", String::as_str);
                    if old != new {
                        cells.push((name.to_string(), old.to_string(), new.to_string()));
                    }
                }
                if cells.is_empty() {
                    cells.push((String::new(), old_row.clone(), new_row.clone()));
                }
                for (column, old, new) in cells {
                    out.push(Entry {
                        line: b.line_of(j),
                        old_row: Some(old_row.clone()),
                        new_row: Some(new_row.clone()),
                        ..line(file, k, &column, &old, &new)
                    });
                }
            }
            None => out.push(Entry {
                line: a.line_of(*i),
                old_row: Some(old_row.clone()),
                ..line(file, k, "", &old_row, "")
            }),
        }
    }
    for (k, j) in &rows_b {
        if !by_key_a.contains_key(k) {
            let new_row = b.record_text(*j).to_string();
            out.push(Entry {
                line: b.line_of(*j),
                new_row: Some(new_row.clone()),
                ..line(file, k, "", "", &new_row)
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_cell_an_added_and_a_removed_row_are_each_named() {
        let before = b"code,value,note\n1.1.1,C\xc3\xb3,a\n1.1.2,Kh\xc3\xb4ng,\n";
        let after = b"code,value,note\n1.1.1,C\xc3\xb3,b\n1.1.3,C\xc3\xb3,\n";
        let d = diff_tables("scores.csv", "code", before, after, TextEncoding::Auto);
        let got: Vec<_> = d
            .iter()
            .map(|e| {
                (
                    e.key.as_str(),
                    e.column.as_str(),
                    e.old.as_str(),
                    e.new.as_str(),
                    e.line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("1.1.1", "note", "a", "b", 2),
                ("1.1.2", "", "1.1.2,Không,", "", 3),
                ("1.1.3", "", "", "1.1.3,Có,", 3),
            ]
        );
    }

    #[test]
    fn a_key_listed_twice_is_its_first_row_and_an_unchanged_table_has_no_change() {
        let table = b"id,file\nVB40,thang-10.txt\nVB40,thang-4.txt\nVB41,a.txt\n";
        let d = diff_tables("manifest.csv", "id", table, table, TextEncoding::Auto);
        assert_eq!(d, Vec::new());
        let after = b"id,file\nVB40,thang-10.txt\nVB40,thang-4.txt\nVB41,b.txt\n";
        let d = diff_tables("manifest.csv", "id", table, after, TextEncoding::Auto);
        let got: Vec<_> = d
            .iter()
            .map(|e| {
                (
                    e.key.as_str(),
                    e.column.as_str(),
                    e.old.as_str(),
                    e.new.as_str(),
                )
            })
            .collect();
        assert_eq!(got, [("VB41", "file", "a.txt", "b.txt")]);
    }
}
