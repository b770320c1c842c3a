//! A table of the dossier opened by a page's change for a row-exact edit: the rows it sets,
//! adds or takes out change, every other byte of the file stays as written (`input::raw`).
//! Used by the changes that move a file besides a row (a document uploaded, attached,
//! taken out, restored) and by the lists only the app writes (`manifest-removed.csv`).

use super::edit::Refusal;
use crate::diag::Diagnostic;
use crate::input::raw::RawTable;
use crate::input::{nfc, ReadOptions, Table};
use crate::text;

pub struct Rows {
    raw: RawTable,
    source: String,
}

impl Rows {
    /// `bytes` as `table` was read from them.
    pub fn new(bytes: &[u8], table: &Table, read: ReadOptions, source: &str) -> Rows {
        Rows {
            raw: RawTable::new(bytes, table.delimiter, read.encoding),
            source: source.to_string(),
        }
    }

    pub fn has_column(&self, name: &str) -> bool {
        self.raw.column(name).is_some()
    }

    /// The record of the first row whose `column` holds `key`.
    pub fn find(&self, column: &str, key: &str) -> Option<usize> {
        self.raw
            .column(column)
            .and_then(|c| self.raw.find_row(c, key))
    }

    /// The record of the last row whose `column` holds `key` (a list where a document
    /// taken out twice appears twice: the latest).
    pub fn find_last(&self, column: &str, key: &str) -> Option<usize> {
        let c = self.raw.column(column)?;
        self.raw.data_records().into_iter().rev().find(|&i| {
            self.raw
                .values(i)
                .get(c)
                .is_some_and(|v| nfc(v.trim()) == key)
        })
    }

    /// The record of the last row whose cells hold each of `cells` (column, value).
    pub fn find_last_with(&self, cells: &[(&str, &str)]) -> Option<usize> {
        self.raw.data_records().into_iter().rev().find(|&i| {
            cells
                .iter()
                .all(|(column, value)| self.get(i, column) == *value)
        })
    }

    /// Whether a row's cell of `column` (trimmed, NFC) satisfies `test`.
    pub fn any_row(&self, column: &str, test: impl Fn(&str) -> bool) -> bool {
        self.raw
            .data_records()
            .into_iter()
            .any(|i| test(&self.get(i, column)))
    }

    /// The record written exactly as `text`, of a row whose `column` holds `key`.
    pub fn find_text(&self, column: &str, key: &str, text: &str) -> Option<usize> {
        self.raw
            .data_records()
            .into_iter()
            .find(|&i| self.raw.record_text(i) == text && self.get(i, column) == key)
    }

    /// The cell of `column` in record `row`, trimmed and in NFC; empty when missing.
    pub fn get(&self, row: usize, column: &str) -> String {
        self.raw
            .column(column)
            .and_then(|c| self.raw.values(row).get(c).map(|v| nfc(v.trim())))
            .unwrap_or_default()
    }

    /// Sets the cells of record `row` whose value differs (a missing column is added).
    pub fn set(&mut self, row: usize, cells: &[(&str, &str)]) -> Result<(), Refusal> {
        for (name, value) in cells {
            if self.get(row, name) == *value {
                continue;
            }
            let col = self.column(name)?;
            self.raw.set_field(row, col, value);
        }
        Ok(())
    }

    /// Puts a row with `cells` before the `nth` row of the table (counted from 1; at the
    /// end when there are fewer); a column the table lacks is added for a value only.
    pub fn insert(&mut self, nth: usize, cells: &[(&str, &str)]) -> Result<(), Refusal> {
        let mut at = Vec::new();
        for (name, value) in cells {
            if value.is_empty() && self.raw.column(name).is_none() {
                continue;
            }
            at.push((self.column(name)?, *value));
        }
        let records = self.raw.data_records();
        let before = nth
            .checked_sub(1)
            .and_then(|i| records.get(i).copied())
            .unwrap_or(self.raw.record_count());
        self.raw.insert_row(before, &at);
        Ok(())
    }

    /// Adds a row with `cells` at the end.
    pub fn append(&mut self, cells: &[(&str, &str)]) -> Result<(), Refusal> {
        self.insert(usize::MAX, cells)
    }

    /// Takes record `row` out; its place among the rows, from 1.
    pub fn remove(&mut self, row: usize) -> usize {
        let place = self
            .raw
            .data_records()
            .iter()
            .position(|&r| r == row)
            .map_or(0, |p| p + 1);
        self.raw.remove_record(row);
        place
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.raw.to_bytes()
    }

    fn column(&mut self, name: &str) -> Result<usize, Refusal> {
        match self.raw.ensure_column(name) {
            Some((c, _)) => Ok(c),
            None => {
                let source = &self.source;
                Err(Refusal::Invalid(vec![Diagnostic::error(
                    source,
                    text!(vi: "{source} không có dòng tiêu đề; không thêm được cột \"{name}\"", en: "{source} has no header row; no column \"{name}\" can be added"),
                )]))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Rows {
        let t =
            crate::input::parse_table(text.as_bytes(), "m.csv", crate::input::TextEncoding::Auto)
                .unwrap_or_else(|_| panic!("table"));
        Rows::new(text.as_bytes(), &t, ReadOptions::default(), "m.csv")
    }

    #[test]
    fn a_row_taken_out_and_put_back_at_its_place_leaves_the_file_as_it_was() {
        let text = "id,file,title\r\nVB01,a.pdf,\"Kế hoạch\"\r\n\r\nVB02, b.pdf ,Báo cáo\r\nVB03,c.pdf,x\r\n";
        let mut r = rows(text);
        let at = r.find("id", "VB02").unwrap();
        assert_eq!(r.get(at, "file"), "b.pdf");
        assert_eq!(r.remove(at), 2);
        assert_eq!(
            String::from_utf8(r.bytes()).unwrap(),
            "id,file,title\r\nVB01,a.pdf,\"Kế hoạch\"\r\n\r\nVB03,c.pdf,x\r\n"
        );
        r.insert(
            2,
            &[("id", "VB02"), ("file", "b.pdf"), ("title", "Báo cáo")],
        )
        .unwrap_or_else(|_| panic!("insert"));
        assert_eq!(
            String::from_utf8(r.bytes()).unwrap(),
            "id,file,title\r\nVB01,a.pdf,\"Kế hoạch\"\r\n\r\nVB02,b.pdf,Báo cáo\r\nVB03,c.pdf,x\r\n"
        );
    }

    #[test]
    fn setting_cells_changes_only_those_that_differ_and_adds_a_missing_column() {
        let mut r = rows("id,number\nVB01, 28/KH \nVB02,3/BC\n");
        let at = r.find("id", "VB01").unwrap();
        r.set(at, &[("number", "28/KH"), ("issuer", "BQL")])
            .unwrap_or_else(|_| panic!("insert"));
        assert_eq!(
            String::from_utf8(r.bytes()).unwrap(),
            "id,number,issuer\nVB01, 28/KH ,BQL\nVB02,3/BC\n"
        );
        r.append(&[("id", "VB03"), ("number", "1, 2"), ("pages", "")])
            .unwrap_or_else(|_| panic!("insert"));
        assert!(String::from_utf8(r.bytes())
            .unwrap()
            .ends_with("VB02,3/BC\nVB03,\"1, 2\",\n"));
    }
}
