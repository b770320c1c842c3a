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
    // Every keyed row, in file order, with its key.
    let rows = |t: &RawTable, k: usize, h: Option<usize>| -> Vec<(String, usize)> {
        (h.map_or(0, |h| h + 1)..t.record_count())
            .map(|i| (nfc(t.values(i).get(k).map_or("", |s| s.trim())), i))
            .filter(|(key, _)| !key.is_empty())
            .collect()
    };
    let (rows_a, rows_b) = (rows(&a, ka, ha), rows(&b, kb, hb));
    let pairs = pair_rows(&rows_a, &rows_b, |i, j| {
        a.record_text(i) == b.record_text(j)
    });
    let names = |t: &RawTable, h: Option<usize>| h.map(|h| t.values(h)).unwrap_or_default();
    let (names_a, names_b) = (names(&a, ha), names(&b, hb));
    for (k, i) in &rows_a {
        let old_row = a.record_text(*i).to_string();
        match pairs.get(i) {
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
    let paired: std::collections::HashSet<usize> = pairs.values().copied().collect();
    for (k, j) in &rows_b {
        if !paired.contains(j) {
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

/// Which row of the new table each row of the old one became (absent: removed), matched
/// by key. A key listed more than once (the sample's two VB40 rows) pairs its rows first
/// with a row of the same text, then in the order they come, so that each of them is
/// compared with itself and a change of either is recorded as a change of that row.
fn pair_rows(
    a: &[(String, usize)],
    b: &[(String, usize)],
    same: impl Fn(usize, usize) -> bool,
) -> HashMap<usize, usize> {
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, j) in b {
        by_key.entry(k.as_str()).or_default().push(*j);
    }
    let mut of_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, i) in a {
        of_key.entry(k.as_str()).or_default().push(*i);
    }
    let mut out = HashMap::new();
    for (k, olds) in of_key {
        let mut news = by_key.remove(k).unwrap_or_default();
        let mut left = Vec::new();
        for i in olds {
            match news.iter().position(|&j| same(i, j)) {
                Some(p) => {
                    out.insert(i, news.remove(p));
                }
                None => left.push(i),
            }
        }
        for (i, j) in left.into_iter().zip(news) {
            out.insert(i, j);
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
    fn each_row_of_a_key_listed_twice_is_compared_with_itself() {
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
        // The second of the two rows changed: recorded as that row, at its line.
        let after = b"id,file\nVB40,thang-10.txt\nVB40,thang-4.txt,ab12\nVB41,a.txt\n";
        let d = diff_tables("manifest.csv", "id", table, after, TextEncoding::Auto);
        let got: Vec<_> = d
            .iter()
            .map(|e| {
                (
                    e.key.as_str(),
                    e.old_row.as_deref(),
                    e.new_row.as_deref(),
                    e.line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [(
                "VB40",
                Some("VB40,thang-4.txt"),
                Some("VB40,thang-4.txt,ab12"),
                3
            )]
        );
        // The first taken out: that one is removed, the second kept as it was.
        let after = b"id,file\nVB40,thang-4.txt\nVB41,a.txt\n";
        let d = diff_tables("manifest.csv", "id", table, after, TextEncoding::Auto);
        let got: Vec<_> = d
            .iter()
            .map(|e| (e.key.as_str(), e.old.as_str(), e.new.as_str(), e.line))
            .collect();
        assert_eq!(got, [("VB40", "VB40,thang-10.txt", "", 2)]);
    }
}
