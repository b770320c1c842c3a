//! The one look for terminal tables, width-correct for Vietnamese text. Every cell is escaped
//! for a terminal (`\u{1b}`) before the columns are measured, so a name carrying an escape
//! sequence neither acts on the terminal nor pushes its row out of line.

use crate::escape::for_terminal;
use comfy_table::{
    presets, CellAlignment, ColumnConstraint, ContentArrangement, Table, TableComponent,
};
use std::fmt;

pub struct TextTable(Table);

/// Width for tables written off a terminal (a pipe, a file): readable in an editor and in
/// an e-mail, and wide enough that a criterion's name wraps onto few lines.
pub const PIPED_WIDTH: u16 = 100;

/// The width of the tables of a run (the `--width` option, at least 40 columns). Without
/// it, a terminal's own width is used, and [`PIPED_WIDTH`] off a terminal. Passed to every
/// table, never set for the whole process.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Width(Option<u16>);

impl Width {
    /// A fixed width of `columns` (at least 40).
    pub fn columns(columns: u16) -> Width {
        Width(Some(columns.max(40)))
    }
}

/// A table with the house style; columns listed in `right` are right-aligned (figures).
pub fn new_table(header: Vec<String>, right: &[usize], width: Width) -> TextTable {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_HORIZONTAL_ONLY)
        .remove_style(TableComponent::HorizontalLines)
        .remove_style(TableComponent::MiddleIntersections)
        .remove_style(TableComponent::LeftBorderIntersections)
        .remove_style(TableComponent::RightBorderIntersections)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    match width.0 {
        Some(w) => {
            t.set_width(w);
        }
        // Off a terminal (a pipe, a file) there is no width to fit, so keep lines readable.
        None if t.width().is_none() => {
            t.set_width(PIPED_WIDTH);
        }
        None => {}
    }
    for i in right {
        if let Some(c) = t.column_mut(*i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    TextTable(t)
}

impl TextTable {
    pub fn add_row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| for_terminal(c.as_ref()).into_owned())
            .collect();
        self.0.add_row(cells);
    }
}

/// A column whose longest cell is this wide or less (a code, a figure, a date, a status)
/// keeps its width; wider ones (names, details) share what is left and wrap there.
const SHORT_COLUMN: u16 = 16;

impl fmt::Display for TextTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut t = self.0.clone();
        let widths = t.column_max_content_widths();
        for (c, w) in t.column_iter_mut().zip(widths) {
            if w <= SHORT_COLUMN {
                c.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        t.fmt(f)
    }
}
