//! The one output format every command chooses from: a table (or plain text) for people,
//! CSV or JSON for tools. A command offers the formats that make sense for it; the
//! binary's arguments say which.

/// How a command writes its result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Tables and sentences for people (`--format table`, `--format text`).
    #[default]
    Table,
    /// CSV with a byte order mark, for Excel.
    Csv,
    /// JSON for other tools; errors then come as JSON too.
    Json,
}

impl Format {
    pub fn is_json(self) -> bool {
        self == Format::Json
    }
}
