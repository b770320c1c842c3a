//! What every workbook parscore writes shares: the fonts and cell formats, the number
//! format that shows `1.234,56` while the cell keeps the number, subtotal formulas over a
//! tree of rows with the results cached (Excel and LibreOffice recompute them; a reader
//! that does not, such as calamine, sees the right figure), and the bytes to write.

use crate::criteria::Node;
use crate::diag::cell_name;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

/// Two decimals with a thousands separator, shown with Vietnamese separators (`1.234,56`)
/// whatever the reader's locale: `[$-42A]` is the Vietnamese locale tag.
pub const POINTS_FORMAT: &str = "[$-42A]#,##0.00";

/// The cell formats of a sheet.
pub struct Formats {
    pub title: Format,
    pub caption: Format,
    pub machine: Format,
    pub code: Format,
    pub text: Format,
    pub points: Format,
    pub open_text: Format,
    pub open_points: Format,
    pub parent_code: Format,
    pub parent_text: Format,
    pub parent_points: Format,
    pub note: Format,
}

fn base() -> Format {
    Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(11)
        .set_align(FormatAlign::Top)
        .set_text_wrap()
}

impl Formats {
    pub fn new() -> Self {
        let bordered = || base().set_border(FormatBorder::Thin);
        let parent = || {
            bordered()
                .set_bold()
                .set_background_color(Color::RGB(0xE8EEF7))
        };
        let open = || {
            bordered()
                .set_unlocked()
                .set_background_color(Color::RGB(0xFFF9DB))
        };
        Formats {
            title: base().set_bold().set_font_size(13),
            caption: bordered()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xD9E1F2)),
            machine: bordered()
                .set_font_size(9)
                .set_font_color(Color::RGB(0x707070))
                .set_align(FormatAlign::Center),
            code: bordered().set_num_format("@"),
            text: bordered(),
            points: bordered().set_num_format(POINTS_FORMAT),
            open_text: open().set_num_format("@"),
            open_points: open().set_num_format(POINTS_FORMAT),
            parent_code: parent().set_num_format("@"),
            parent_text: parent(),
            parent_points: parent().set_num_format(POINTS_FORMAT),
            note: base().set_italic().set_font_size(10),
        }
    }
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

/// A decimal as the number a cell stores.
pub fn number(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// `=SUM(C5,C9,C12)` over the rows (from 0) of a node's children in `column` (from 0),
/// with `cached` as the result a reader sees before anything recomputes it.
pub fn sum_of(rows: &[u32], column: u16, cached: Decimal) -> Formula {
    let cells: Vec<String> = rows
        .iter()
        .map(|r| cell_name("", *r as usize + 1, column as usize + 1))
        .collect();
    let body = if cells.is_empty() {
        "0".to_string()
    } else {
        format!("SUM({})", cells.join(","))
    };
    Formula::new(format!("={body}")).set_result(plain(cached))
}

/// A cached formula result as Excel writes it: `12.5`, never `12.50` or `1.25E1`.
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Lays `nodes` (parents before children, as [`crate::criteria::Criteria::nodes`]) on
/// rows from `first`: the row of each node, by position.
pub fn rows_of(nodes: &[&Node], first: u32) -> Vec<u32> {
    (0..nodes.len() as u32).map(|i| first + i).collect()
}

/// The rows of a node's children, given every node's row.
pub fn child_rows(node: &Node, nodes: &[&Node], rows: &[u32]) -> Vec<u32> {
    node.children()
        .iter()
        .filter_map(|c| nodes.iter().position(|n| std::ptr::eq(*n, c)))
        .map(|i| rows[i])
        .collect()
}

/// Sets a row tall enough for its wrapped texts, each given with its column's width:
/// neither Excel nor LibreOffice grows a row written without a height, so the text of a
/// long name would be cut off (a column of width w holds about 1.15 × w characters of
/// Times New Roman 11).
pub fn fit_row(ws: &mut Worksheet, row: u32, texts: &[(f64, &str)]) -> Result<(), XlsxError> {
    let lines = texts
        .iter()
        .map(|(width, text)| {
            let per_line = (width * 1.15).max(1.0);
            text.split('\n')
                .map(|part| (part.chars().count() as f64 / per_line).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    ws.set_row_height(row, 15.0 * lines)?;
    Ok(())
}

/// The workbook's bytes, with the bidirectional controls taken out of its text
/// (`escape::for_reader`): a name or note typed with an override cannot reverse the figures
/// shown after it in Excel.
pub fn bytes(mut book: Workbook) -> Result<Vec<u8>, XlsxError> {
    let written = book.save_to_buffer()?;
    without_bidi_controls(&written).map_err(|e| XlsxError::ParameterError(e.to_string()))
}

/// Rewrites the XML parts of a workbook's zip through `escape::for_reader_bytes`; a
/// workbook without any control comes back as written.
fn without_bidi_controls(book: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(book))?;
    let mut parts = Vec::with_capacity(archive.len());
    let mut changed = false;
    for i in 0..archive.len() {
        let mut part = archive.by_index(i)?;
        let name = part.name()?.to_string();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes)?;
        if name.ends_with(".xml") {
            let clean = crate::escape::for_reader_bytes(&bytes).into_owned();
            changed |= clean.len() != bytes.len();
            bytes = clean;
        }
        parts.push((name, part.compression(), bytes));
    }
    if !changed {
        return Ok(book.to_vec());
    }
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, method, bytes) in parts {
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        out.start_file(name, options)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish()?.into_inner())
}
