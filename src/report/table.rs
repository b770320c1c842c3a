//! The one look for terminal tables, width-correct for Vietnamese text.

use comfy_table::{presets, CellAlignment, ContentArrangement, Table, TableComponent};

/// A table with the house style; columns listed in `right` are right-aligned (figures).
pub fn new_table(header: Vec<String>, right: &[usize]) -> Table {
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
    t
}
