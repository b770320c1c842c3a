//! The text of a JSON input (`dossier.json`, criteria files, `seal.json`): UTF-8, with or
//! without a BOM, or UTF-16 with a BOM; anything else is refused at the first bad byte.

use crate::diag::Diagnostic;
use crate::text;

/// The decoded text, or where it stops being text.
pub fn json_text(bytes: &[u8], source: &str) -> Result<String, Box<Diagnostic>> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (s, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
            if had_errors {
                let name = encoding.name();
                return Err(Box::new(Diagnostic::error(
                    source,
                    text!(vi: "tệp có BOM {name} nhưng không giải mã được", en: "the file has a {name} BOM but cannot be decoded"),
                )));
            }
            return Ok(s.into_owned());
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(t) => Ok(t.to_string()),
        Err(e) => {
            let valid = &body[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            Err(Box::new(
                Diagnostic::error(
                    source,
                    text!(
                        vi: "tệp JSON phải là UTF-8; byte không hợp lệ ở đây (lưu lại tệp ở UTF-8)",
                        en: "a JSON file must be UTF-8; invalid byte here (save the file as UTF-8)"
                    ),
                )
                .at(line, column),
            ))
        }
    }
}

/// The line and column of the first `"key":` in a JSON text, to place a problem with a
/// key's value.
pub fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let needle = format!("\"{key}\"");
    text.lines().enumerate().find_map(|(i, line)| {
        let at = line.find(&needle)?;
        line[at + needle.len()..]
            .trim_start()
            .starts_with(':')
            .then(|| (i + 1, line[..at].chars().count() + 1))
    })
}

/// serde_json's position, with columns counted from 1 (it says 0 for an empty file).
pub fn serde_position(e: &serde_json::Error) -> (usize, usize) {
    (e.line().max(1), e.column().max(1))
}
