//! Reads every tabular input (scores, plan, manifest, rankings) the same way: any of the
//! encodings an office produces, `,` `;` or tab as delimiter, an Excel `sep=` line, CRLF,
//! cells trimmed and text in NFC, each row with the line it came from.

use super::fold;
use crate::diag::{Diagnostic, Fatal};
use crate::fsio::{read_input, Caps, Input, Within};
use crate::text;
use std::path::Path;

/// A table as read: folded header names and trimmed, NFC cells.
#[derive(Clone, Debug)]
pub struct Table {
    pub source: String,
    pub headers: Vec<String>,
    pub header_line: usize,
    pub rows: Vec<Row>,
    /// The header cells as written (not folded), for a command that writes the table back.
    pub written_headers: Vec<String>,
    /// The delimiter the file uses.
    pub delimiter: u8,
    /// Rows with more filled cells than the header has columns (e.g. an unquoted decimal
    /// comma in a comma-separated file): reported, never silently cut.
    pub row_problems: Vec<Diagnostic>,
    /// The worksheet a spreadsheet's table was read from: rows are then its row numbers
    /// and problems name cells (`'Phiếu chấm'!F14`).
    pub sheet: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Row {
    pub line: usize,
    pub cells: super::Cells,
}

impl Table {
    /// The index of a column, by its folded name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// An error for each required column the header lacks, at the header line; `expected`
    /// lists the columns the file should have (`code,value,note`).
    pub fn missing_columns(&self, required: &[&str], expected: &str) -> Vec<Diagnostic> {
        required
            .iter()
            .filter(|col| self.column(col).is_none())
            .map(|col| {
                let d = Diagnostic::error(
                    &self.source,
                    text!(
                        vi: "thiếu cột \"{col}\" trong dòng tiêu đề (cần {expected})",
                        en: "the header row has no \"{col}\" column (expected {expected})"
                    ),
                );
                match &self.sheet {
                    Some(sheet) => d.in_cell(sheet, self.header_line, 1),
                    None => d.at_line(Some(self.header_line)),
                }
            })
            .collect()
    }

    /// A problem with one cell of `row`: its cell in a worksheet (`'Phiếu chấm'!F14`), its
    /// line in a CSV file.
    pub fn problem_at(&self, row: &Row, column: &str, message: crate::lang::Text) -> Diagnostic {
        let d = Diagnostic::error(&self.source, message);
        match (&self.sheet, self.column(column)) {
            (Some(sheet), Some(i)) => d.in_cell(sheet, row.line, i + 1),
            _ => d.at_line(Some(row.line)),
        }
    }

    /// A cell by column name, or "" when the column or the cell is absent.
    pub fn cell<'a>(&self, row: &'a Row, name: &str) -> &'a str {
        self.column(name)
            .and_then(|i| row.cells.get(i))
            .unwrap_or("")
    }
}

/// Reads a file under the path policy (`within`) and the tables' size cap; `Err` when it
/// cannot be read at all, otherwise the table or the problems that kept it from being read.
pub fn read_table(
    path: &Path,
    source: &str,
    within: Within,
    read: ReadOptions,
) -> Result<Result<Table, Box<Diagnostic>>, Fatal> {
    let bytes =
        read_input(path, within, Input::Table, read.caps).map_err(|r| r.diagnostic(source))?;
    Ok(parse_table_owned(bytes, source, read.encoding))
}

/// The text encoding of tabular input: detected (`Auto`), or forced by `--encoding`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextEncoding {
    #[default]
    Auto,
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1258,
}

/// How a run reads its inputs: the text encoding of tables (`--encoding`) and the size
/// caps (`--max-input`). Taken from the command line and passed down through loading;
/// nothing about reading is set for the whole process.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub encoding: TextEncoding,
    pub caps: Caps,
}

/// Reads a table for a reader that reports into `diags`: `Ok(None)` when the file cannot be
/// read as a table (the reason is in `diags`), else the table, with its row problems
/// (cells beyond the header) already in `diags`.
pub fn read_table_into(
    path: &Path,
    source: &str,
    within: Within,
    diags: &mut crate::diag::Diagnostics,
    read: ReadOptions,
) -> Result<Option<Table>, Fatal> {
    let bytes =
        read_input(path, within, Input::Table, read.caps).map_err(|r| r.diagnostic(source))?;
    Ok(match parse_table_owned(bytes, source, read.encoding) {
        Ok(t) => {
            diags.extend(t.row_problems.iter().cloned());
            Some(t)
        }
        Err(d) => {
            diags.push(*d);
            None
        }
    })
}

/// Parses table bytes for a reader that reports into `diags`, as [`read_table_into`].
pub fn parse_table_into(
    bytes: &[u8],
    source: &str,
    diags: &mut crate::diag::Diagnostics,
    encoding: TextEncoding,
) -> Option<Table> {
    match parse_table(bytes, source, encoding) {
        Ok(t) => {
            diags.extend(t.row_problems.iter().cloned());
            Some(t)
        }
        Err(d) => {
            diags.push(*d);
            None
        }
    }
}

/// The 1-based line of a byte offset, counting LF and lone CR as line ends.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    let upto = &bytes[..offset.min(bytes.len())];
    let lf = upto.iter().filter(|b| **b == b'\n').count();
    let lone_cr = upto
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count();
    lf + lone_cr + 1
}

fn undecodable(source: &str, line: usize, what: crate::lang::Text) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(source, what).at_line(Some(line)))
}

/// Decodes bytes to text: a BOM names the encoding (UTF-8, UTF-16 LE/BE); without one the
/// bytes are UTF-8 if they are valid UTF-8, else Windows-1258 — unless `how` (from
/// `--encoding`) forces one. Line ends become `\n`, stray BOMs inside the text are dropped,
/// and the text is NFC.
pub fn decode_as(bytes: &[u8], source: &str, how: TextEncoding) -> Result<String, Box<Diagnostic>> {
    let detected = encoding_rs::Encoding::for_bom(bytes);
    let (encoding, bom_len) = match how {
        TextEncoding::Auto => detected.unwrap_or((encoding_rs::UTF_8, 0)),
        forced => {
            let e = match forced {
                TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
                TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
                TextEncoding::Windows1258 => encoding_rs::WINDOWS_1258,
                _ => encoding_rs::UTF_8,
            };
            let bom = detected
                .filter(|(d, _)| *d == e)
                .map(|(_, n)| n)
                .unwrap_or(0);
            (e, bom)
        }
    };
    let body = &bytes[bom_len..];
    let no_bom_utf16 = how == TextEncoding::Auto && bom_len == 0 && body.contains(&0);
    if no_bom_utf16 {
        let at = body.iter().position(|b| *b == 0).unwrap_or(0);
        return Err(undecodable(
            source,
            line_at(body, at),
            text!(
                vi: "tệp có byte 0 (vị trí {at}): có thể là tệp nhị phân, hoặc UTF-16 không có BOM (khi đó dùng --encoding utf-16le hoặc utf-16be)",
                en: "the file has a zero byte (offset {at}): a binary file, or UTF-16 without a BOM (then use --encoding utf-16le or utf-16be)"
            ),
        ));
    }
    let text = if encoding == encoding_rs::UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(e) => {
                let at = e.valid_up_to();
                let line = line_at(body, at);
                // Valid multi-byte UTF-8 elsewhere in the file means the file is UTF-8
                // with some bad bytes (say, one row pasted from a legacy file), not a
                // Windows-1258 file: decoding it all as Windows-1258 would garble every row.
                let utf8_elsewhere = String::from_utf8_lossy(body)
                    .chars()
                    .any(|c| !c.is_ascii() && c != char::REPLACEMENT_CHARACTER);
                if bom_len > 0 || how == TextEncoding::Utf8 || utf8_elsewhere {
                    return Err(undecodable(
                        source,
                        line,
                        text!(
                            vi: "dòng này không phải UTF-8 hợp lệ (byte lỗi ở vị trí {at}) trong khi tệp là UTF-8; lưu lại toàn bộ tệp ở UTF-8, hoặc dùng --encoding windows-1258 nếu mọi tệp CSV của hồ sơ đều là Windows-1258",
                            en: "this line is not valid UTF-8 (bad byte at offset {at}) while the file is UTF-8; save the whole file as UTF-8, or use --encoding windows-1258 if every CSV file of the dossier is Windows-1258"
                        ),
                    ));
                }
                encoding_rs::WINDOWS_1258
                    .decode_without_bom_handling(body)
                    .0
                    .into_owned()
            }
        }
    } else {
        let (s, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            let name = encoding.name();
            let line = match s.find(char::REPLACEMENT_CHARACTER) {
                Some(at) => 1 + s[..at].matches('\n').count(),
                None => 1 + s.matches('\n').count(),
            };
            let odd = encoding != encoding_rs::WINDOWS_1258 && body.len() % 2 == 1;
            return Err(undecodable(
                source,
                line,
                if odd {
                    text!(
                        vi: "tệp {name} bị cắt giữa một ký tự (số byte lẻ): tệp bị cụt?",
                        en: "the {name} file ends in the middle of a character (an odd number of bytes): is it truncated?"
                    )
                } else {
                    text!(
                        vi: "dòng này không giải mã được theo {name}",
                        en: "this line cannot be decoded as {name}"
                    )
                },
            ));
        }
        s.into_owned()
    };
    Ok(tidy(text))
}

/// The decoded text with stray BOMs dropped, line ends made `\n` and letters composed
/// (NFC). Each step copies the text only when it has something to change: a 60 MB table
/// is held once, not four times.
fn tidy(text: String) -> String {
    let text = match text.contains('\u{feff}') {
        true => text.replace('\u{feff}', ""),
        false => text,
    };
    let text = match text.contains('\r') {
        true => text.replace("\r\n", "\n").replace('\r', "\n"),
        false => text,
    };
    super::nfc_owned(text)
}

/// [`decode_as`] of bytes the caller gives up: UTF-8 bytes (the usual case) become the text
/// in place, without a second copy of the file.
fn decode_owned(
    mut bytes: Vec<u8>,
    source: &str,
    how: TextEncoding,
) -> Result<String, Box<Diagnostic>> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let other_bom = !bom && encoding_rs::Encoding::for_bom(&bytes).is_some();
    let utf8 = matches!(how, TextEncoding::Auto | TextEncoding::Utf8);
    let zero = how == TextEncoding::Auto && !bom && bytes.contains(&0);
    if utf8 && !other_bom && !zero {
        if bom {
            bytes.drain(..3);
        }
        match String::from_utf8(bytes) {
            Ok(text) => return Ok(tidy(text)),
            Err(e) => bytes = e.into_bytes(),
        }
        if bom {
            bytes.splice(0..0, *b"\xEF\xBB\xBF");
        }
    }
    decode_as(&bytes, source, how)
}

/// Parses table bytes in an encoding (`Auto`: detected); see [`read_table`].
pub fn parse_table(
    bytes: &[u8],
    source: &str,
    encoding: TextEncoding,
) -> Result<Table, Box<Diagnostic>> {
    parse_text(decode_as(bytes, source, encoding)?, source)
}

/// [`parse_table`] of bytes the caller gives up (see [`decode_owned`]).
pub fn parse_table_owned(
    bytes: Vec<u8>,
    source: &str,
    encoding: TextEncoding,
) -> Result<Table, Box<Diagnostic>> {
    parse_text(decode_owned(bytes, source, encoding)?, source)
}

fn parse_text(text: String, source: &str) -> Result<Table, Box<Diagnostic>> {
    let mut skipped_lines = 0;
    let mut body = text.as_str();
    let mut forced = None;
    if let Some(first) = body.lines().next() {
        if let Some(sep) = first.trim().strip_prefix("sep=") {
            forced = sep.bytes().next();
            body = body.get(first.len() + 1..).unwrap_or("");
            skipped_lines = 1;
        }
    }
    let header_text = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if header_text.is_empty() {
        return Err(Box::new(Diagnostic::error(
            source,
            text!(vi: "tệp rỗng: không có dòng tiêu đề", en: "the file is empty: no header row"),
        )));
    }
    let delimiter = forced.unwrap_or_else(|| detect_delimiter(header_text));
    if let Some(line) = unclosed_quote(body, delimiter) {
        return Err(Box::new(
            Diagnostic::error(
                source,
                text!(
                    vi: "dấu ngoặc kép mở ở dòng này không bao giờ đóng: các dòng sau bị nuốt vào một ô (tệp bị cụt, hoặc thiếu dấu \" đóng)",
                    en: "a double quote opened on this line is never closed: the rows after it would be swallowed into one cell (a truncated file, or a missing closing \")"
                ),
            )
            .at_line(Some(line + skipped_lines)),
        ));
    }
    // csv positions a record where the reader resumed, before any blank lines it skipped.
    // Records come in order, so lines are counted on from the last record: no table of
    // line starts (8 bytes a line) is kept.
    let text_bytes = body.as_bytes();
    let (mut counted_to, mut lines_before) = (0usize, 0usize);
    let mut line_of = |byte: u64| {
        let start = (byte as usize).min(text_bytes.len());
        let b = start
            + text_bytes[start..]
                .iter()
                .take_while(|c| **c == b'\n')
                .count();
        if b < counted_to {
            (counted_to, lines_before) = (0, 0);
        }
        lines_before += text_bytes[counted_to..b]
            .iter()
            .filter(|c| **c == b'\n')
            .count();
        counted_to = b;
        lines_before + 1 + skipped_lines
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let mut headers: Option<(Vec<String>, usize)> = None;
    let mut written_headers = Vec::new();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| line_of(p.byte()));
            Box::new(
                Diagnostic::error(
                    source,
                    text!(vi: "không đọc được dòng CSV này; kiểm tra dấu ngoặc kép trong dòng", en: "cannot read a CSV row: {e}"),
                )
                .at_line(line),
            )
        })?;
        let line = record.position().map(|p| line_of(p.byte())).unwrap_or(0);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match &headers {
            None => {
                let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
                let mut folded: Vec<String> = cells.iter().map(|c| fold(c)).collect();
                while folded.last().is_some_and(String::is_empty) {
                    folded.pop();
                }
                headers = Some((folded, line));
                written_headers = cells;
            }
            Some(_) => {
                // Cells past the header's are kept only up to the first one filled (a row
                // problem, below); the empty ones past the header are dropped, so that
                // `a,,,,,,` costs no more than `a`.
                let width = written_headers.len();
                let extra = record.iter().skip(width).position(|c| !c.trim().is_empty());
                let keep = extra.map_or(width.min(record.len()), |i| width + i + 1);
                let cells = record.iter().take(keep).map(str::trim).collect();
                rows.push(Row { line, cells });
            }
        }
    }
    let (headers, header_line) = headers.unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    for (i, h) in headers.iter().enumerate() {
        if !h.is_empty() && !seen.insert(h.as_str()) {
            return Err(Box::new(
                Diagnostic::error(
                    source,
                    text!(
                        vi: "cột \"{h}\" xuất hiện hai lần trong dòng tiêu đề",
                        en: "column \"{h}\" appears twice in the header row"
                    ),
                )
                .at(header_line, i + 1),
            ));
        }
    }
    let mut row_problems = Vec::new();
    for row in &rows {
        let extra = row
            .cells
            .iter()
            .skip(headers.len())
            .position(|c| !c.is_empty());
        if let Some(i) = extra {
            let (col, n) = (headers.len() + i + 1, headers.len());
            let cell = &row.cells[col - 1];
            let (hint_vi, hint_en) = if delimiter == b',' {
                (
                    "; số thập phân có dấu phẩy phải đặt trong ngoặc kép (\"92,5\") hoặc lưu tệp với dấu ;",
                    "; a decimal comma must be quoted (\"92,5\") or the file saved with ;",
                )
            } else {
                ("", "")
            };
            row_problems.push(
                Diagnostic::error(
                    source,
                    crate::lang::Text::new(
                        format!("dòng có ô thứ {col} (\"{cell}\") nhưng tiêu đề chỉ có {n} cột{hint_vi}"),
                        format!("the row has a cell in column {col} (\"{cell}\") but the header has only {n} columns{hint_en}"),
                    ),
                )
                .at(row.line, col),
            );
        }
    }
    Ok(Table {
        source: source.to_string(),
        headers,
        header_line,
        rows,
        written_headers,
        delimiter,
        row_problems,
        sheet: None,
    })
}

/// The line where a quoted field opens and is never closed, the way the csv reader quotes:
/// a `"` opens a field only at its start; inside, `""` is a literal quote and `"` closes.
fn unclosed_quote(body: &str, delimiter: u8) -> Option<usize> {
    let bytes = body.as_bytes();
    let (mut line, mut opened_on) = (1, 0);
    let (mut quoted, mut at_field_start) = (false, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_field_start {
            quoted = true;
            opened_on = line;
        }
        if b == b'\n' {
            line += 1;
        }
        at_field_start = !quoted && (b == delimiter || b == b'\n');
        i += 1;
    }
    quoted.then_some(opened_on)
}

/// The delimiter that splits the header row into the most cells, outside quotes.
fn detect_delimiter(header: &str) -> u8 {
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map(|(d, _)| *d)
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_excel_semicolons_with_bom_and_crlf() {
        let bytes = "\u{feff}sep=;\r\nCode;Value;Note\r\n\r\n1.1.1;92,5;ghi chú\r\n1.1.2 ; x ;\r\n";
        let t = parse_table(bytes.as_bytes(), "s.csv", TextEncoding::Auto).unwrap();
        assert_eq!(t.headers, ["code", "value", "note"]);
        assert_eq!(t.header_line, 2);
        assert_eq!(t.rows[0].line, 4);
        assert_eq!(t.rows[0].cells, ["1.1.1", "92,5", "ghi chú"]);
        assert_eq!(t.rows[1].line, 5);
        assert_eq!(t.cell(&t.rows[1], "value"), "x");
    }

    #[test]
    fn reads_utf16_and_windows_1258() {
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "code,value\n1,Có\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let t = parse_table(&utf16, "s.csv", TextEncoding::Auto).unwrap();
        assert_eq!(t.rows[0].cells, ["1", "Có"]);
        let (cp1258, _, _) = encoding_rs::WINDOWS_1258.encode("code,value\n1,Có\n");
        let t = parse_table(&cp1258, "s.csv", TextEncoding::Auto).unwrap();
        assert_eq!(t.rows[0].cells, ["1", "Có"]);
    }

    #[test]
    fn refuses_duplicate_headers_and_empty_files() {
        let e = parse_table(b"code,value,code\n", "s.csv", TextEncoding::Auto).unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(parse_table(b"", "s.csv", TextEncoding::Auto).is_err());
        assert!(parse_table(b"\n\n", "s.csv", TextEncoding::Auto).is_err());
    }
}
