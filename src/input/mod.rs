//! The one door for bytes from the outside world: text is decoded, normalised to NFC and
//! split into records that remember their line numbers.

mod json;
mod json_error;
mod table;

pub use json::{json_text, key_position, serde_position};
pub use json_error::serde_text;
pub use table::{
    decode, decode_as, force_encoding, parse_table, parse_table_into, read_table, read_table_into,
    Row, Table, TextEncoding,
};

use unicode_normalization::UnicodeNormalization;

/// Vietnamese text in its composed form (NFC), so that text typed on any machine compares
/// equal to the same text typed on another.
pub fn nfc(s: &str) -> String {
    // Most text already is NFC: checking is cheaper than rebuilding a 40 MB table.
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_string(),
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
