//! A change's effect on the rows of a table: the cells set (adding the column or the row
//! when missing), the row added or removed, each as the record's text before and after,
//! and the history lines that say so.

use super::*;

/// A record a change touched: its key (`""`: the header) and how it changed.
pub struct RowEdit {
    pub key: String,
    pub change: RecordChange,
    /// The cells set: (column, old value as written, new value).
    pub cells: Vec<(String, String, String)>,
}

pub fn edit_rows(
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
pub fn record(table: TableFile, _key: &str, edits: &[RowEdit]) -> Vec<Entry> {
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
