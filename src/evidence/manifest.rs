//! `manifest.csv`: one row per evidence document,
//! `id,file,number,date,issuer,title,criteria,pages,sha256`.

use crate::diag::{Diagnostics, Fatal};
use crate::input::{parse_table_into, read_table_into, Table};
use crate::value::parse_date;
use std::path::Path;
use time::Date;

pub const COLUMNS: [&str; 9] = [
    "id", "file", "number", "date", "issuer", "title", "criteria", "pages", "sha256",
];

/// A document as listed.
#[derive(Clone, Debug)]
pub struct Document {
    pub line: usize,
    pub id: String,
    /// The path as written in the manifest.
    pub file: String,
    pub number: String,
    pub date_text: String,
    /// The issue date, when it is a real date.
    pub date: Option<Date>,
    pub issuer: String,
    pub title: String,
    /// Leaf references as written: `1.2.1` or `1.2.1#2` (the second required item).
    pub links: Vec<Link>,
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub code: String,
    /// 1-based number of the evidence item, when the reference names one.
    pub item: Option<usize>,
    /// The reference as written, for messages.
    pub written: String,
}

impl Document {
    /// How a person names the document: its number, else its title, else its id.
    pub fn label(&self) -> String {
        if !self.number.is_empty() {
            format!("{} ({})", self.id, self.number)
        } else {
            self.id.clone()
        }
    }
}

#[derive(Clone, Debug)]
pub struct Manifest {
    /// The manifest as a user would name it (`evidence/2026/manifest.csv`).
    pub source: String,
    pub table: Table,
    pub documents: Vec<Document>,
}

/// Splits a `criteria` cell: codes separated by `;`, `,` or spaces, each optionally `#N`.
pub fn parse_links(cell: &str) -> Vec<Link> {
    cell.split([';', ',', ' ', '\t'])
        .filter(|s| !s.is_empty())
        .map(|w| {
            let (code, item) = match w.split_once('#') {
                Some((c, n)) => (c, n.parse::<usize>().ok().or(Some(0))),
                None => (w, None),
            };
            Link {
                code: code.to_string(),
                item,
                written: w.to_string(),
            }
        })
        .collect()
}

/// Reads the manifest. `Ok(None)` when it cannot be read as a table or lacks a required
/// column (the reasons are in `diags`); row-level doubts are for the evidence check.
pub fn read(
    path: &Path,
    source: &str,
    diags: &mut Diagnostics,
    read: crate::input::ReadOptions,
) -> Result<Option<Manifest>, Fatal> {
    let within = crate::fsio::Within::folder_of(path);
    let Some(table) = read_table_into(path, source, within, diags, read)? else {
        return Ok(None);
    };
    Ok(from_table(table, source, diags))
}

/// The manifest in `bytes` (as `seal` reads it, keeping the bytes to notice a later edit).
pub fn parse(
    bytes: &[u8],
    source: &str,
    diags: &mut Diagnostics,
    encoding: crate::input::TextEncoding,
) -> Option<Manifest> {
    from_table(
        parse_table_into(bytes, source, diags, encoding)?,
        source,
        diags,
    )
}

fn from_table(table: Table, source: &str, diags: &mut Diagnostics) -> Option<Manifest> {
    let missing = table.missing_columns(
        &["id", "file", "criteria"],
        "id,file,number,date,issuer,title,criteria,pages,sha256",
    );
    if !missing.is_empty() {
        diags.extend(missing);
        return None;
    }
    let documents = table
        .rows
        .iter()
        .map(|row| {
            let date_text = table.cell(row, "date").to_string();
            Document {
                line: row.line,
                id: table.cell(row, "id").to_string(),
                file: table.cell(row, "file").to_string(),
                number: table.cell(row, "number").to_string(),
                date: parse_date(&date_text),
                date_text,
                issuer: table.cell(row, "issuer").to_string(),
                title: table.cell(row, "title").to_string(),
                links: parse_links(table.cell(row, "criteria")),
                sha256: table.cell(row, "sha256").to_ascii_lowercase(),
            }
        })
        .collect();
    Some(Manifest {
        source: source.to_string(),
        table,
        documents,
    })
}

/// The manifest written back with `hashes` (one per row, in order) in its `sha256` column,
/// added if it was absent, in the dress of the `original` bytes: the same delimiter, line
/// ends (CRLF or LF), BOM (UTF-8 or UTF-16, kept as it was) and `sep=` line, every other
/// column and cell as read. A file that was neither UTF-8 nor UTF-16 (Windows-1258) comes
/// back as UTF-8 with a BOM, which Excel reads with its diacritics.
pub fn with_hashes(m: &Manifest, hashes: &[String], original: &[u8]) -> Vec<u8> {
    let t = &m.table;
    let mut headers = crate::input::dress::written_headers(t);
    let col = match t.column("sha256") {
        Some(i) => i,
        None => {
            headers.push("sha256".into());
            headers.len() - 1
        }
    };
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .zip(hashes)
        .map(|(row, hash)| {
            let mut cells = row.cells.to_vec();
            if cells.len() <= col {
                cells.resize(col + 1, String::new());
            }
            cells[col] = hash.clone();
            cells
        })
        .collect();
    crate::input::dress::rewrite(&headers, &rows, t.delimiter, original)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_keeps_its_line_ends_bom_delimiter_and_sep_line() {
        let original = "\u{feff}sep=;\r\nid;file;criteria\r\nVB01;a.pdf;1.1.1\r\n";
        let mut diags = Diagnostics::default();
        let m = parse(
            original.as_bytes(),
            "manifest.csv",
            &mut diags,
            Default::default(),
        )
        .unwrap();
        let out = with_hashes(&m, &["ab".into()], original.as_bytes());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\u{feff}sep=;\r\nid;file;criteria;sha256\r\nVB01;a.pdf;1.1.1;ab\r\n"
        );
        let original = "id,file,criteria\nVB01,a.pdf,1.1.1\n";
        let m = parse(
            original.as_bytes(),
            "manifest.csv",
            &mut diags,
            Default::default(),
        )
        .unwrap();
        let out = with_hashes(&m, &["ab".into()], original.as_bytes());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "id,file,criteria,sha256\nVB01,a.pdf,1.1.1,ab\n"
        );
    }

    #[test]
    fn reads_codes_and_item_numbers() {
        let links = parse_links("1.1.1; 1.3.2#2,7.3.2#x");
        let got: Vec<_> = links.iter().map(|l| (l.code.as_str(), l.item)).collect();
        assert_eq!(
            got,
            [("1.1.1", None), ("1.3.2", Some(2)), ("7.3.2", Some(0))]
        );
    }
}
