//! Problems found in input, kept as values with their location so that every one of them
//! can be reported together, in the user's language.

use crate::lang::{Lang, Text};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One located problem: `file:line[:column]: [code] message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The worksheet, for a problem in a spreadsheet: `line` is then its row and `column`
    /// its column, shown as Excel names the cell (`'Phiếu chấm'!F14`).
    pub sheet: Option<String>,
    /// The criterion code the problem concerns, where there is one.
    pub code: Option<String>,
    pub message: Text,
}

/// The longest message shown: a cell quoted from a 100 MB line must not flood the screen.
pub const MESSAGE_LIMIT: usize = 400;

fn capped(s: &str) -> String {
    match s.char_indices().nth(MESSAGE_LIMIT) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

impl Diagnostic {
    pub fn error(file: &str, message: Text) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line: None,
            column: None,
            sheet: None,
            code: None,
            message: Text::new(capped(message.get(Lang::Vi)), capped(message.get(Lang::En))),
        }
    }

    pub fn warning(file: &str, message: Text) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// The same problem, as a warning.
    pub fn into_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn at_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Places the problem in a worksheet's cell (`column` from 1 for A).
    pub fn in_cell(mut self, sheet: &str, row: usize, column: usize) -> Self {
        self.sheet = Some(sheet.to_string());
        self.line = Some(row);
        self.column = Some(column);
        self
    }

    pub fn for_code(mut self, code: &str) -> Self {
        if !code.is_empty() {
            self.code = Some(code.to_string());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form a person reads. A newline or an escape sequence quoted from the
    /// data is spelled out (`\n`, `\u{1b}`), so the line stays one line of plain text.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.file.clone();
        if let (Some(sheet), Some(row)) = (&self.sheet, self.line) {
            let _ = write!(out, ":{}", cell_name(sheet, row, self.column.unwrap_or(1)));
        } else if let Some(line) = self.line {
            let _ = write!(out, ":{line}");
            if let Some(column) = self.column {
                let _ = write!(out, ":{column}");
            }
        }
        out.push_str(": ");
        if let Some(code) = &self.code {
            let _ = write!(out, "[{code}] ");
        }
        if self.severity == Severity::Warning {
            out.push_str(match lang {
                Lang::Vi => "cảnh báo: ",
                Lang::En => "warning: ",
            });
        }
        out.push_str(self.message.get(lang));
        crate::escape::one_line(&out).into_owned()
    }

    /// The form tools read (`--format json`); a problem in a worksheet adds `sheet` and
    /// `cell` (`F14`).
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let mut v = serde_json::json!({
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "message": self.message.get(lang),
        });
        if let (Some(sheet), Some(row)) = (&self.sheet, self.line) {
            v["sheet"] = sheet.as_str().into();
            v["cell"] = cell_name("", row, self.column.unwrap_or(1)).into();
        }
        v
    }
}

/// A cell as Excel names it: `F14`, or `'Phiếu chấm'!F14` with its sheet (quoted unless
/// the name is plain letters, digits and `_`).
pub fn cell_name(sheet: &str, row: usize, column: usize) -> String {
    let mut letters = String::new();
    let mut n = column.max(1);
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    let cell = format!("{letters}{row}");
    if sheet.is_empty() {
        cell
    } else if sheet.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("{sheet}!{cell}")
    } else {
        format!("'{}'!{cell}", sheet.replace('\'', "''"))
    }
}

/// Diagnostics gathered over one run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }
}

/// A failure that stops a command before it can look at the data (exit code 2).
#[derive(Debug)]
pub struct Fatal(pub Box<Diagnostic>);

impl From<Diagnostic> for Fatal {
    fn from(d: Diagnostic) -> Self {
        Fatal(Box::new(d))
    }
}

#[cfg(test)]
mod tests {
    use super::cell_name;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name("Sheet1", 14, 3), "Sheet1!C14");
        assert_eq!(cell_name("Phiếu chấm", 5, 27), "'Phiếu chấm'!AA5");
        assert_eq!(cell_name("O'Brien", 1, 1), "'O''Brien'!A1");
        assert_eq!(cell_name("", 2, 52), "AZ2");
    }
}
