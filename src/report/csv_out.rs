//! The one door for CSV outputs (`score`, `compare`, `template`): every cell passes through
//! [`crate::escape::csv_cell`], so a name or a note that looks like a formula reaches a
//! spreadsheet as text, and none of them can forget to. (`seal` rewriting the user's own
//! `manifest.csv` is not an output and keeps its cells as they were typed.)

use crate::escape::csv_cell;

/// The UTF-8 byte order mark that starts every CSV document parscore writes.
pub const BOM: char = '\u{feff}';

pub struct CsvOut(csv::Writer<Vec<u8>>);

impl CsvOut {
    pub fn new() -> Self {
        CsvOut(csv::Writer::from_writer(Vec::new()))
    }

    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| csv_cell(c.as_ref()).into_owned())
            .collect();
        // Writing into memory fails only on a broken record, which these never are.
        let _ = self.0.write_record(&cells);
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0.into_inner().unwrap_or_default()
    }

    pub fn into_string(self) -> String {
        String::from_utf8(self.into_bytes()).unwrap_or_default()
    }

    /// The CSV as a document for Excel: UTF-8 after a byte order mark ([`BOM`]), without
    /// which Excel on Windows reads the Vietnamese as its legacy code page.
    pub fn into_document(self) -> String {
        format!("{BOM}{}", self.into_string())
    }
}

impl Default for CsvOut {
    fn default() -> Self {
        Self::new()
    }
}
