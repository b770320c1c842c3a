//! Writing a table back in its own dress: the delimiter, line ends (CRLF or LF), BOM (UTF-8
//! or UTF-16, kept as it was) and Excel's `sep=` line of the bytes it was read from, so that
//! an edit by parscore (`seal`'s hashes, `serve`'s edits) shows in `git diff` and in Excel as
//! the cells changed and nothing else. A file that was neither UTF-8 nor UTF-16
//! (Windows-1258) comes back as UTF-8 with a BOM, which Excel reads with its diacritics.

/// `headers` and `rows` written as CSV with `delimiter`, in the dress of `original`.
pub fn rewrite(
    headers: &[String],
    rows: &[Vec<String>],
    delimiter: u8,
    original: &[u8],
) -> Vec<u8> {
    let dress = Dress::of(original);
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(if dress.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .flexible(true)
        .from_writer(Vec::new());
    let _ = w.write_record(headers);
    for cells in rows {
        let _ = w.write_record(cells);
    }
    let body = w.into_inner().unwrap_or_default();
    let mut text = String::new();
    if let Some(sep) = &dress.sep_line {
        text.push_str(sep);
        text.push_str(if dress.crlf { "\r\n" } else { "\n" });
    }
    text.push_str(&String::from_utf8_lossy(&body));
    if !dress.final_newline {
        let kept = text.trim_end_matches('\n').trim_end_matches('\r').len();
        text.truncate(kept);
    }
    match dress.bom {
        Bom::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Bom::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Bom::Utf8 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Bom::None => text.into_bytes(),
    }
}

/// The header cells of a table as written, as many as it has columns.
pub fn written_headers(t: &super::Table) -> Vec<String> {
    let mut headers = t.written_headers.clone();
    headers.truncate(t.headers.len());
    headers
}

enum Bom {
    None,
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// How a table file is written, apart from its cells.
struct Dress {
    bom: Bom,
    crlf: bool,
    /// Excel's `sep=;` first line, as written.
    sep_line: Option<String>,
    /// Whether the last line ends with a line break (an empty file: yes).
    final_newline: bool,
}

impl Dress {
    fn of(original: &[u8]) -> Dress {
        let (bom, text) = if let Some(rest) = original.strip_prefix(b"\xEF\xBB\xBF") {
            (Bom::Utf8, String::from_utf8_lossy(rest).into_owned())
        } else if original.starts_with(&[0xFF, 0xFE]) || original.starts_with(&[0xFE, 0xFF]) {
            let le = original[0] == 0xFF;
            let units: Vec<u16> = original[2..]
                .chunks_exact(2)
                .map(|c| {
                    if le {
                        u16::from_le_bytes([c[0], c[1]])
                    } else {
                        u16::from_be_bytes([c[0], c[1]])
                    }
                })
                .collect();
            let bom = if le { Bom::Utf16Le } else { Bom::Utf16Be };
            (bom, String::from_utf16_lossy(&units))
        } else {
            match std::str::from_utf8(original) {
                Ok(t) => (Bom::None, t.to_string()),
                Err(_) => (Bom::Utf8, String::from_utf8_lossy(original).into_owned()),
            }
        };
        let final_newline = text.is_empty() || text.ends_with('\n');
        let first = text.split('\n').next().unwrap_or("");
        let crlf = first.ends_with('\r');
        let first = first.trim_end_matches('\r');
        let sep_line = first
            .to_ascii_lowercase()
            .starts_with("sep=")
            .then(|| first.to_string());
        Dress {
            final_newline,
            bom,
            crlf,
            sep_line,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_semicolon_bom_crlf_table_keeps_all_three() {
        let original = "\u{feff}code;value;note\r\n1.1.1;Có;\r\n";
        let out = rewrite(
            &["code".into(), "value".into(), "note".into()],
            &[vec!["1.1.1".into(), "Không".into(), "x; y".into()]],
            b';',
            original.as_bytes(),
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\u{feff}code;value;note\r\n1.1.1;Không;\"x; y\"\r\n"
        );
    }

    #[test]
    fn a_table_without_a_final_line_break_gets_none() {
        for (original, written) in [
            ("code,value\r\n1.1.1,Có", "code,value\r\n1.1.1,Không"),
            ("code,value\n1.1.1,Có", "code,value\n1.1.1,Không"),
            ("code,value\n1.1.1,Có\n", "code,value\n1.1.1,Không\n"),
        ] {
            let out = rewrite(
                &["code".into(), "value".into()],
                &[vec!["1.1.1".into(), "Không".into()]],
                b',',
                original.as_bytes(),
            );
            assert_eq!(String::from_utf8(out).unwrap(), written, "{original:?}");
        }
    }
}
