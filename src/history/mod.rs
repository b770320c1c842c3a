//! The dossier's history: `history.csv`, a plain append-only table of every change made
//! to `scores.csv`, `plan.csv` and `manifest.csv` through parscore (and every change the
//! web app noticed on disk), one line per changed cell: when, who, what kind of change,
//! which file, row and column, the old and the new value, and the whole row's text before
//! and after (so that an undo writes back exactly the bytes that were there). Lines are
//! appended and flushed to disk before a change is reported as saved; nothing ever
//! rewrites the file. The format is in `docs/dossier-format.md`.

mod diff;
mod file;

pub use diff::diff_tables;
pub use file::{append, next_change, read};

/// The history file's name in a dossier.
pub const HISTORY_FILE: &str = "history.csv";

/// The header of `history.csv`, in the order of [`Entry`]'s fields.
pub const HEADER: [&str; 12] = [
    "change", "when", "who", "kind", "file", "key", "column", "old", "new", "line", "old_row",
    "new_row",
];

/// One line of the history: one cell of one change (a change of several cells of a row,
/// or of a header and a row, is several lines with the same `change` number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The change's number, 1 for the first; every line of one change shares it.
    pub change: u64,
    /// `2026-12-07T08:10:52+07:00`.
    pub when: String,
    /// The name the person gave the web app, or the computer's user name for a command;
    /// empty for a change noticed on disk (made in Excel, on a shared drive).
    pub who: String,
    pub kind: Kind,
    /// `scores.csv`, `plan.csv`, `manifest.csv`, or `seal.json` for a seal line.
    pub file: String,
    /// The row's key (`code` of a leaf, `id` of a task or a document); empty for the
    /// header row.
    pub key: String,
    /// The column whose cell changed; empty when a whole row was added or removed.
    pub column: String,
    /// The cell's value before and after, exactly as written in the file (unquoted).
    pub old: String,
    pub new: String,
    /// The line the row starts on in the file, when the change was made.
    pub line: usize,
    /// The row's text as written before and after (`None`: it did not exist / was
    /// removed).
    pub old_row: Option<String>,
    pub new_row: Option<String>,
}

/// What made a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An edit made in the web app (or by a command through the same path).
    Edit,
    /// The undoing of change `n`: the old values written back.
    Undo(u64),
    /// A change found on disk, made outside parscore.
    Disk,
    /// `seal` (file `seal.json`, new: the seal's time).
    Seal,
    /// A change made to a sealed dossier after confirming it (file `seal.json`, old: the
    /// seal's time); the lines of the change itself follow with the same number.
    BreakSeal,
}

impl Kind {
    pub fn as_text(&self) -> String {
        match self {
            Kind::Edit => "edit".into(),
            Kind::Undo(n) => format!("undo {n}"),
            Kind::Disk => "disk".into(),
            Kind::Seal => "seal".into(),
            Kind::BreakSeal => "break-seal".into(),
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s.trim() {
            "edit" => Kind::Edit,
            "disk" => Kind::Disk,
            "seal" => Kind::Seal,
            "break-seal" => Kind::BreakSeal,
            other => Kind::Undo(other.strip_prefix("undo ")?.trim().parse().ok()?),
        })
    }
}

/// The time now, in Vietnam's time zone (the dossier's), as `2026-12-07T08:10:52+07:00`.
pub fn now() -> String {
    let offset = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let t = time::OffsetDateTime::now_utc().to_offset(offset);
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}+07:00",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The computer's user name, for a change made by a command.
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_default()
}

/// A name as the history keeps it: one line, no control characters, at most 80 letters.
pub fn clean_name(s: &str) -> String {
    let s: String = crate::input::nfc(s.trim())
        .chars()
        .filter(|c| !c.is_control())
        .take(80)
        .collect();
    s.trim().to_string()
}

/// The last line of `entries` about row `key` of `file`: who changed it last, and when.
pub fn last_for<'a>(entries: &'a [Entry], file: &str, key: &str) -> Option<&'a Entry> {
    entries
        .iter()
        .rev()
        .find(|e| e.file == file && e.key == key && e.kind != Kind::BreakSeal)
}

/// When and by whom the dossier was last sealed, from its history (the time from
/// `seal.json` when the history has no seal line).
pub fn sealed_by(entries: &[Entry]) -> Option<&Entry> {
    entries.iter().rev().find(|e| e.kind == Kind::Seal)
}

/// The changes that broke the latest seal: the break-seal lines after the last seal line.
pub fn seal_breaks(entries: &[Entry]) -> Vec<&Entry> {
    let from = entries
        .iter()
        .rposition(|e| e.kind == Kind::Seal)
        .map_or(0, |i| i + 1);
    entries[from..]
        .iter()
        .filter(|e| e.kind == Kind::BreakSeal)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_as_written() {
        for k in [
            Kind::Edit,
            Kind::Undo(12),
            Kind::Disk,
            Kind::Seal,
            Kind::BreakSeal,
        ] {
            assert_eq!(Kind::parse(&k.as_text()), Some(k));
        }
        assert_eq!(Kind::parse("undo x"), None);
    }

    #[test]
    fn a_name_is_one_line_of_at_most_80_letters() {
        assert_eq!(clean_name("  Nguyê\u{303}n\nLan "), "NguyễnLan");
        assert_eq!(clean_name(&"ă".repeat(100)).chars().count(), 80);
    }
}
