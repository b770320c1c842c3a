//! A table as its bytes spell it, for an edit that must change nothing but the cells it
//! sets: the decoded text is kept as written (no NFC, no trimming, CRLF and blank lines
//! kept, a quoted cell's line breaks kept) and cut into records, each with its own line
//! end. Setting a cell rewrites that one field of that one record; every other byte of the
//! file comes back as it was read. A Windows-1258 file comes back as UTF-8 with a BOM (as
//! in `dress.rs`), the one case where the whole file's bytes change.

use super::{fold, nfc, TextEncoding};

/// How the file's text was encoded, and so how it is written back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8 {
        bom: bool,
    },
    Utf16 {
        little_endian: bool,
    },
    /// Windows-1258: written back as UTF-8 with a BOM, which Excel reads.
    Legacy,
}

/// One record: its text as written (without its line end) and the line end after it
/// (`""` for a last line without one).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Record {
    text: String,
    end: String,
}

/// A table file cut into records, editable cell by cell without touching other bytes.
#[derive(Clone, Debug)]
pub struct RawTable {
    encoding: Encoding,
    delimiter: u8,
    records: Vec<Record>,
    /// The index of the header record (the first with a non-blank cell after any `sep=`).
    header: Option<usize>,
    /// The line end new records get: the first record's, else LF.
    line_end: String,
}

/// A record's change, as the history records it: its key, the line it starts on, and its
/// text before and after (`None`: the record did not exist / no longer exists).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordChange {
    pub line: usize,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl RawTable {
    /// Cuts `bytes` into records; `delimiter` is the one the table reader found
    /// (`Table::delimiter`). Never fails: bytes that are not text were refused by the reader.
    pub fn new(bytes: &[u8], delimiter: u8, how: TextEncoding) -> RawTable {
        let (encoding, text) = decode(bytes, how);
        let records = split_records(&text, delimiter);
        let line_end = records
            .iter()
            .map(|r| r.end.clone())
            .find(|e| !e.is_empty())
            .unwrap_or_else(|| "\n".to_string());
        let mut t = RawTable {
            encoding,
            delimiter,
            records,
            header: None,
            line_end,
        };
        let skip_sep = t
            .records
            .first()
            .is_some_and(|r| r.text.trim().starts_with("sep="));
        t.header = (usize::from(skip_sep)..t.records.len())
            .find(|&i| t.values(i).iter().any(|v| !v.trim().is_empty()));
        t
    }

    /// The bytes of the table in its own dress.
    pub fn to_bytes(&self) -> Vec<u8> {
        let text: String = self
            .records
            .iter()
            .flat_map(|r| [r.text.as_str(), r.end.as_str()])
            .collect();
        match self.encoding {
            Encoding::Utf8 { bom: false } => text.into_bytes(),
            Encoding::Utf8 { bom: true } | Encoding::Legacy => {
                [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()
            }
            Encoding::Utf16 { little_endian } => {
                let mut out = if little_endian {
                    vec![0xFF, 0xFE]
                } else {
                    vec![0xFE, 0xFF]
                };
                for u in text.encode_utf16() {
                    out.extend(if little_endian {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    });
                }
                out
            }
        }
    }

    /// The index of the column `name` (compared folded, as the reader does).
    pub fn column(&self, name: &str) -> Option<usize> {
        let h = self.header?;
        let name = fold(name);
        self.values(h).iter().position(|v| fold(v) == name)
    }

    /// The header record's change that adds column `name` when it is missing (into the
    /// first empty header cell after the named ones, else at the end), and its index.
    pub fn ensure_column(&mut self, name: &str) -> Option<(usize, Option<RecordChange>)> {
        if let Some(i) = self.column(name) {
            return Some((i, None));
        }
        let h = self.header?;
        let values = self.values(h);
        let named = values
            .iter()
            .rposition(|v| !v.trim().is_empty())
            .map_or(0, |i| i + 1);
        let at = (named..values.len())
            .find(|&i| values[i].trim().is_empty())
            .unwrap_or(values.len());
        let change = self.set_field(h, at, name);
        Some((at, Some(change)))
    }

    /// The record of the first row whose cell in column `key_col` is `key` (trimmed, NFC).
    pub fn find_row(&self, key_col: usize, key: &str) -> Option<usize> {
        let h = self.header?;
        (h + 1..self.records.len()).find(|&i| {
            self.values(i)
                .get(key_col)
                .is_some_and(|v| nfc(v.trim()) == key)
        })
    }

    /// How many records the file has (blank lines and the `sep=` line included).
    pub fn record_count(&self) -> usize {
        self.records.len()
    }

    /// The header record's index, if the table has one.
    pub fn header_record(&self) -> Option<usize> {
        self.header
    }

    /// The cell values of record `i` as written (unquoted, not trimmed, not normalised).
    pub fn values(&self, i: usize) -> Vec<String> {
        fields(&self.records[i].text, self.delimiter)
            .iter()
            .map(|f| unquote(f))
            .collect()
    }

    /// Record `i`'s text as written.
    pub fn record_text(&self, i: usize) -> &str {
        &self.records[i].text
    }

    /// The 1-based line record `i` starts on.
    pub fn line_of(&self, i: usize) -> usize {
        1 + self.records[..i]
            .iter()
            .map(|r| line_breaks(&r.text) + usize::from(!r.end.is_empty()))
            .sum::<usize>()
    }

    /// Sets one cell of record `i` to `value` (quoted when it must be), adding empty cells
    /// when the record is shorter; the other cells keep their bytes.
    pub fn set_field(&mut self, i: usize, col: usize, value: &str) -> RecordChange {
        let before = self.records[i].text.clone();
        let mut raw: Vec<String> = fields(&before, self.delimiter);
        if raw.len() <= col {
            raw.resize(col + 1, String::new());
        }
        raw[col] = quote(value, self.delimiter);
        let d = char::from(self.delimiter).to_string();
        self.records[i].text = raw.join(&d);
        RecordChange {
            line: self.line_of(i),
            before: Some(before),
            after: Some(self.records[i].text.clone()),
        }
    }

    /// Appends a row with `cells` (column, value), as wide as the header; a file without a
    /// final line break keeps having none.
    pub fn append_row(&mut self, cells: &[(usize, &str)]) -> (usize, RecordChange) {
        self.insert_row(self.records.len(), cells)
    }

    /// Inserts a row with `cells` (column, value) before record `at` (at the end when `at`
    /// is past the last), as wide as the header, each value quoted only when it must be.
    pub fn insert_row(&mut self, at: usize, cells: &[(usize, &str)]) -> (usize, RecordChange) {
        let width = self
            .header
            .map_or(0, |h| fields(&self.records[h].text, self.delimiter).len())
            .max(cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0));
        let mut raw = vec![String::new(); width];
        for (c, v) in cells {
            raw[*c] = quote(v, self.delimiter);
        }
        let d = char::from(self.delimiter).to_string();
        let text = raw.join(&d);
        let at = self.insert_record(at.min(self.records.len()), text.clone());
        (
            at,
            RecordChange {
                line: self.line_of(at),
                before: None,
                after: Some(text),
            },
        )
    }

    /// The records of the table's rows, in order: after the header, not blank.
    pub fn data_records(&self) -> Vec<usize> {
        let Some(h) = self.header else {
            return Vec::new();
        };
        (h + 1..self.records.len())
            .filter(|&i| self.values(i).iter().any(|v| !v.trim().is_empty()))
            .collect()
    }

    /// Puts a record back with `text` as written, starting at `line` (at the end when the
    /// file is shorter): the undoing of a removal.
    pub fn insert_at_line(&mut self, line: usize, text: &str) -> usize {
        let at = (0..self.records.len())
            .find(|&i| self.line_of(i) >= line)
            .unwrap_or(self.records.len());
        self.insert_record(at, text.to_string())
    }

    /// Removes record `i`; the reverse of [`RawTable::append_row`] at the end of a file
    /// without a final line break.
    pub fn remove_record(&mut self, i: usize) -> RecordChange {
        let line = self.line_of(i);
        let removed = self.records.remove(i);
        if removed.end.is_empty() && i == self.records.len() && i > 0 {
            self.records[i - 1].end.clear();
        }
        if let Some(h) = self.header {
            if h > i {
                self.header = Some(h - 1);
            }
        }
        RecordChange {
            line,
            before: Some(removed.text),
            after: None,
        }
    }

    /// Replaces record `i`'s text as written: the undoing of a change.
    pub fn replace_record(&mut self, i: usize, text: &str) {
        self.records[i].text = text.to_string();
    }

    /// The records whose text is `text`, first first.
    pub fn find_record(&self, text: &str) -> Option<usize> {
        self.records.iter().position(|r| r.text == text)
    }

    fn insert_record(&mut self, at: usize, text: String) -> usize {
        let last = at == self.records.len();
        let end = if last && self.records.last().is_some_and(|r| r.end.is_empty()) {
            // The file had no final line break: the new last record has none either.
            if let Some(prev) = self.records.last_mut() {
                prev.end = self.line_end.clone();
            }
            String::new()
        } else {
            self.line_end.clone()
        };
        self.records.insert(at, Record { text, end });
        if let Some(h) = self.header {
            if h >= at && !last {
                self.header = Some(h + 1);
            }
        }
        if self.header.is_none() {
            self.header = Some(at);
        }
        at
    }
}

fn line_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    b.iter().filter(|c| **c == b'\n').count()
        + b.windows(2)
            .filter(|w| w[0] == b'\r' && w[1] != b'\n')
            .count()
        + usize::from(b.last() == Some(&b'\r'))
}

/// The text of the file as written, and how to write it back.
fn decode(bytes: &[u8], how: TextEncoding) -> (Encoding, String) {
    let utf16 = |body: &[u8], le: bool| {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    let legacy = |body: &[u8]| {
        encoding_rs::WINDOWS_1258
            .decode_without_bom_handling(body)
            .0
            .into_owned()
    };
    match how {
        TextEncoding::Utf16Le => {
            let body = bytes.strip_prefix(&[0xFF, 0xFE]).unwrap_or(bytes);
            return (
                Encoding::Utf16 {
                    little_endian: true,
                },
                utf16(body, true),
            );
        }
        TextEncoding::Utf16Be => {
            let body = bytes.strip_prefix(&[0xFE, 0xFF]).unwrap_or(bytes);
            return (
                Encoding::Utf16 {
                    little_endian: false,
                },
                utf16(body, false),
            );
        }
        TextEncoding::Windows1258 => return (Encoding::Legacy, legacy(bytes)),
        TextEncoding::Auto | TextEncoding::Utf8 => {}
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (
            Encoding::Utf8 { bom: true },
            String::from_utf8_lossy(rest).into_owned(),
        );
    }
    if how == TextEncoding::Auto {
        if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
            return (
                Encoding::Utf16 {
                    little_endian: true,
                },
                utf16(rest, true),
            );
        }
        if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
            return (
                Encoding::Utf16 {
                    little_endian: false,
                },
                utf16(rest, false),
            );
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => (Encoding::Utf8 { bom: false }, t.to_string()),
        Err(_) => (Encoding::Legacy, legacy(bytes)),
    }
}

/// Cuts text into records the way the csv reader does: a line end (CRLF, LF or CR) ends a
/// record unless it is inside a quoted field.
fn split_records(text: &str, delimiter: u8) -> Vec<Record> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    let (mut quoted, mut field_start) = (false, true);
    while i < b.len() {
        let c = b[i];
        if quoted {
            if c == b'"' {
                if b.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
            i += 1;
            continue;
        }
        if c == b'\n' || c == b'\r' {
            let end_len = if c == b'\r' && b.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            out.push(Record {
                text: text[start..i].to_string(),
                end: text[i..i + end_len].to_string(),
            });
            i += end_len;
            start = i;
            field_start = true;
            continue;
        }
        if c == b'"' && field_start {
            quoted = true;
        }
        field_start = c == delimiter;
        i += 1;
    }
    if start < b.len() {
        out.push(Record {
            text: text[start..].to_string(),
            end: String::new(),
        });
    }
    out
}

/// A record's fields as written (quotes included), split at `delimiter` outside quotes.
fn fields(record: &str, delimiter: u8) -> Vec<String> {
    let b = record.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut quoted, mut field_start) = (0, false, true);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if quoted {
            if c == b'"' {
                if b.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if c == delimiter {
            out.push(record[start..i].to_string());
            start = i + 1;
            field_start = true;
            i += 1;
            continue;
        } else if c == b'"' && field_start {
            quoted = true;
        }
        field_start = false;
        i += 1;
    }
    out.push(record[start..].to_string());
    out
}

/// A field's value: a quoted field without its quotes and with `""` as `"`; text after
/// the closing quote is kept, as the csv reader keeps it.
fn unquote(field: &str) -> String {
    let Some(inner) = field.strip_prefix('"') else {
        return field.to_string();
    };
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    let mut quoted = true;
    while let Some(c) = chars.next() {
        if quoted && c == '"' {
            if chars.peek() == Some(&'"') {
                chars.next();
                out.push('"');
            } else {
                quoted = false;
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A value as a field: quoted when it holds the delimiter, a quote or a line break.
pub fn quote(value: &str, delimiter: u8) -> String {
    let needs = value
        .bytes()
        .any(|b| b == delimiter || b == b'"' || b == b'\n' || b == b'\r');
    if needs {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(s: &str, d: u8) -> RawTable {
        RawTable::new(s.as_bytes(), d, TextEncoding::Auto)
    }

    #[test]
    fn setting_one_cell_keeps_every_other_byte() {
        let nfd = "Ghi chu\u{301} ta\u{300}i lie\u{323}u";
        let original = format!(
            "code,value,note\r\n\r\n1.1.1,Có,  {nfd}  \r\n1.1.2,Có,\"dòng một\r\ndòng hai\"\r\n\r\n1.1.3,,\r\n"
        );
        let mut t = table(&original, b',');
        let row = t.find_row(0, "1.1.3").unwrap();
        assert_eq!(t.line_of(row), 7);
        let c = t.set_field(row, 1, "Không; có");
        assert_eq!(c.before.as_deref(), Some("1.1.3,,"));
        assert_eq!(c.after.as_deref(), Some("1.1.3,Không; có,"));
        let expected = original.replace("1.1.3,,", "1.1.3,Không; có,");
        assert_eq!(String::from_utf8(t.to_bytes()).unwrap(), expected);
        let row = t.find_row(0, "1.1.2").unwrap();
        assert_eq!(t.values(row)[2], "dòng một\r\ndòng hai");
    }

    #[test]
    fn a_value_with_the_delimiter_or_a_quote_is_quoted() {
        assert_eq!(quote("x; y", b';'), "\"x; y\"");
        assert_eq!(quote("x; y", b','), "x; y");
        assert_eq!(quote("a \"b\"", b','), "\"a \"\"b\"\"\"");
    }

    #[test]
    fn a_missing_column_goes_into_the_first_empty_header_cell_or_at_the_end() {
        let mut t = table("sep=;\ncode;value;note;;\n1.1.1;Có;;;\n", b';');
        let (i, c) = t.ensure_column("appraised").unwrap();
        assert_eq!(i, 3);
        assert_eq!(c.unwrap().line, 2);
        let mut t = table("code,value\n1.1.1,Có", b',');
        assert_eq!(t.ensure_column("note").unwrap().0, 2);
        let row = t.find_row(0, "1.1.1").unwrap();
        t.set_field(row, 2, "x");
        assert_eq!(
            String::from_utf8(t.to_bytes()).unwrap(),
            "code,value,note\n1.1.1,Có,x"
        );
    }

    #[test]
    fn appending_and_removing_a_row_is_exact_with_or_without_a_final_line_break() {
        for original in ["code,value\r\n1.1.1,Có", "code,value\r\n1.1.1,Có\r\n"] {
            let mut t = table(original, b',');
            let (at, c) = t.append_row(&[(0, "1.1.2"), (1, "Không")]);
            assert_eq!(c.after.as_deref(), Some("1.1.2,Không"));
            assert_eq!(c.line, 3);
            let with = String::from_utf8(t.to_bytes()).unwrap();
            assert!(with.contains("1.1.1,Có\r\n1.1.2,Không"), "{with:?}");
            t.remove_record(at);
            assert_eq!(String::from_utf8(t.to_bytes()).unwrap(), original);
        }
    }

    #[test]
    fn a_removed_row_goes_back_at_its_line() {
        let original = "id,status\n1,a\n2,b\n3,c\n";
        let mut t = table(original, b',');
        let c = t.remove_record(t.find_row(0, "2").unwrap());
        assert_eq!(c.line, 3);
        t.insert_at_line(c.line, c.before.as_deref().unwrap());
        assert_eq!(String::from_utf8(t.to_bytes()).unwrap(), original);
    }

    #[test]
    fn utf16_and_bom_come_back_as_they_were() {
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "code\tvalue\r\n1\tCó\r\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let t = RawTable::new(&utf16, b'\t', TextEncoding::Auto);
        assert_eq!(t.to_bytes(), utf16);
        let bom = "\u{feff}code,value\n1,Có\n";
        assert_eq!(table(bom, b',').to_bytes(), bom.as_bytes());
    }
}
