//! The one look for terminal tables, width-correct for Vietnamese text. Every cell is escaped
//! for a terminal (`\u{1b}`) before the columns are measured, so a name carrying an escape
//! sequence neither acts on the terminal nor pushes its row out of line.

use crate::escape::for_terminal;
use comfy_table::{presets, CellAlignment, ContentArrangement, Table, TableComponent};
use std::fmt;

pub struct TextTable(Table);

/// A table with the house style; columns listed in `right` are right-aligned (figures).
pub fn new_table(header: Vec<String>, right: &[usize]) -> TextTable {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_HORIZONTAL_ONLY)
        .remove_style(TableComponent::HorizontalLines)
        .remove_style(TableComponent::MiddleIntersections)
        .remove_style(TableComponent::LeftBorderIntersections)
        .remove_style(TableComponent::RightBorderIntersections)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    // Off a terminal (a pipe, a file) there is no width to fit, so keep lines readable.
    if t.width().is_none() {
        t.set_width(160);
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

impl fmt::Display for TextTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
