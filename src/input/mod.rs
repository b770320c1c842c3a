//! The one door for bytes from the outside world: text is decoded, normalised to NFC and
//! split into records that remember their line numbers.

mod cells;
mod docx;
pub mod dress;
mod json;
mod json_error;
pub mod raw;
mod table;
mod workbook;
mod workbook_notes;
mod workbook_parts;
mod zipped;

pub use cells::Cells;
pub use docx::parse_docx;
pub use json::{json_text, key_position, serde_position};
pub use json_error::serde_text;
pub use table::{
    decode_as, parse_table, parse_table_into, read_table, read_table_into, ReadOptions, Row, Table,
    TextEncoding,
};
pub use workbook::{is_workbook, parse_workbook, read_sheet_into};

use unicode_normalization::UnicodeNormalization;

/// Reads a table from a Word document (`.docx`), a workbook (`.xlsx`) or a CSV file, by
/// the file's extension: `Err` when the file cannot be read at all, else the table or the
/// problem that kept it from being read. A workbook's or CSV's header is its first row
/// with text (the caller looks for its own header below a title).
pub fn read_document_table(
    path: &std::path::Path,
    source: &str,
    read: ReadOptions,
) -> Result<Result<Table, Box<crate::diag::Diagnostic>>, crate::diag::Fatal> {
    let within = crate::fsio::Within::Anywhere;
    let bytes = crate::fsio::read_input(path, within, crate::fsio::Input::Table, read.caps)
        .map_err(|r| r.diagnostic(source))?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "docx" => parse_docx(bytes, source, read.caps),
        "xlsx" => parse_workbook(bytes, source, &[], read.caps),
        _ => table::parse_table_owned(bytes, source, read.encoding),
    })
}

/// Vietnamese text in its composed form (NFC), so that text typed on any machine compares
/// equal to the same text typed on another.
pub fn nfc(s: &str) -> String {
    // Most text already is NFC: checking is cheaper than rebuilding a 40 MB table.
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// [`nfc`] of owned text, kept as it is (not copied) when it already is NFC.
pub fn nfc_owned(s: String) -> String {
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s,
        _ => s.nfc().collect(),
    }
}

/// The form used to match labels, headers and keywords: NFC, lower case, surrounding
/// spaces removed and inner runs of white space collapsed to one space.
pub fn fold(s: &str) -> String {
    let composed = nfc(s).to_lowercase();
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_spaces_and_normalisation_form() {
        let decomposed = "Ban ha\u{300}nh ki\u{323}p tho\u{31b}\u{300}i";
        assert_eq!(fold(decomposed), fold("  BAN HÀNH  kịp thời "));
        assert_eq!(fold("Không Áp Dụng"), "không áp dụng");
    }
}
