//! Reads a table from a Word document (`.docx`: a zip archive whose body is
//! `word/document.xml`) into the same [`Table`] the CSV and XLSX readers give. The table
//! taken is the document's largest (an annex holds one big table; the letterhead above it
//! is often a small two-column one). A cell spread over several grid columns
//! (`w:gridSpan`) sits in its first column and leaves the others empty; a cell merged down
//! over several rows (`w:vMerge`) counts for each of them. Rows are the table's row
//! numbers and problems name cells as Word's own table formulas do (`'Bảng 1'!C14`).
//! Hidden text (runs marked `w:vanish`, which Word does not show or print) is left out,
//! and a warning names the first cell that had some.

use super::table::{Row, Table};
use super::{fold, nfc};
use crate::diag::Diagnostic;
use crate::text;
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};

/// The body is read up to this size: a small archive can inflate to gigabytes.
const BODY_LIMIT: u64 = 64 << 20;

/// One table as read: rows of grid cells.
type Grid = Vec<Vec<String>>;

/// Parses `.docx` bytes into the document's largest table.
pub fn parse_docx(bytes: Vec<u8>, source: &str) -> Result<Table, Box<Diagnostic>> {
    let fail = |t| Box::new(Diagnostic::error(source, t));
    let unreadable = || {
        fail(text!(
            vi: "không đọc được tệp Word này (tệp hỏng, có mật khẩu, hoặc là .doc cũ); mở bằng Word và lưu lại dạng \"Word Document (*.docx)\"",
            en: "cannot read this Word file (damaged, password-protected, or an old .doc); open it in Word and save it again as \"Word Document (*.docx)\""
        ))
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|_| unreadable())?
        .take(BODY_LIMIT)
        .read_to_string(&mut xml)
        .map_err(|_| unreadable())?;
    let (tables, hidden) = tables(&xml).ok_or_else(unreadable)?;
    let Some((index, grid)) = tables
        .into_iter()
        .enumerate()
        .max_by_key(|(i, g)| (g.len(), usize::MAX - i))
    else {
        return Err(fail(text!(
            vi: "tài liệu Word không có bảng nào; bảng tiêu chí phải là một bảng (Insert → Table) trong tài liệu",
            en: "the Word document has no table; the criteria must be a table (Insert → Table) in the document"
        )));
    };
    let written_headers = grid.first().cloned().unwrap_or_default();
    let mut headers: Vec<String> = written_headers.iter().map(|c| fold(c)).collect();
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
    let rows = grid
        .into_iter()
        .enumerate()
        .skip(1)
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .map(|(i, cells)| Row { line: i + 1, cells })
        .collect();
    let sheet = format!("Bảng {}", index + 1);
    let mut row_problems = Vec::new();
    if let Some(&(r, c)) = hidden.get(index).and_then(|h| h.first()) {
        let (n, cell) = (hidden[index].len(), crate::diag::cell_name(&sheet, r, c));
        row_problems.push(
            Diagnostic::warning(source, text!(
                vi: "bảng có chữ ẩn (Hidden trong Word) ở {n} ô, ô đầu tiên {cell}: chữ ẩn không được đọc, như Word không hiển thị nó",
                en: "the table has hidden text (Word's Hidden) in {n} cells, the first {cell}: hidden text is not read, as Word does not show it"
            ))
            .in_cell(&sheet, r, c),
        );
    }
    Ok(Table {
        source: source.to_string(),
        headers,
        header_line: 1,
        rows,
        written_headers,
        delimiter: b',',
        row_problems,
        sheet: Some(sheet),
    })
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

/// Every top-level table of the body, merged cells resolved, and for each the cells (row
/// and column from 1) where hidden text was left out; `None` when the XML is broken.
#[allow(clippy::type_complexity)]
fn tables(xml: &str) -> Option<(Vec<Grid>, Vec<Vec<(usize, usize)>>)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let (mut hidden, mut hidden_here, mut vanish, mut cell_hidden) =
        (Vec::new(), Vec::new(), false, false);
    let mut depth = 0usize;
    let (mut grid, mut row): (Grid, Vec<String>) = (Vec::new(), Vec::new());
    let (mut cell, mut span, mut merge) = (String::new(), 1usize, None::<bool>);
    let mut in_text = false;
    loop {
        let event = reader.read_event().ok()?;
        let top = depth == 1;
        match event {
            Event::Empty(e) if e.local_name().as_ref() == "tbl" => {}
            Event::Start(e) if e.local_name().as_ref() == "tbl" => {
                depth += 1;
                if depth == 1 {
                    grid = Vec::new();
                }
            }
            Event::End(e) if e.local_name().as_ref() == "tbl" => {
                if depth == 1 {
                    out.push(std::mem::take(&mut grid));
                    hidden.push(std::mem::take(&mut hidden_here));
                }
                depth = depth.saturating_sub(1);
            }
            Event::Start(e) if top && e.local_name().as_ref() == "tr" => row = Vec::new(),
            Event::End(e) if top && e.local_name().as_ref() == "tr" => {
                grid.push(std::mem::take(&mut row))
            }
            Event::Start(e) if top && e.local_name().as_ref() == "tc" => {
                (cell, span, merge, cell_hidden) = (String::new(), 1, None, false);
            }
            Event::End(e) if top && e.local_name().as_ref() == "tc" => {
                let col = row.len();
                if cell_hidden {
                    hidden_here.push((grid.len() + 1, col + 1));
                }
                let text = nfc(cell.trim());
                let text = match merge {
                    // A continued vertical merge repeats the cell above.
                    Some(false) => grid
                        .last()
                        .and_then(|above| above.get(col))
                        .cloned()
                        .unwrap_or_default(),
                    _ => text,
                };
                row.push(text);
                for _ in 1..span {
                    row.push(String::new());
                }
            }
            Event::Start(e) | Event::Empty(e) if top => match e.local_name().as_ref() {
                "gridSpan" => {
                    span = attribute(&e, "val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .max(1)
                }
                "vMerge" => merge = Some(attribute(&e, "val").as_deref() == Some("restart")),
                "r" => vanish = false,
                "vanish" => {
                    vanish = !matches!(attribute(&e, "val").as_deref(), Some("0" | "false" | "off"))
                }
                "t" => in_text = true,
                "tab" => cell.push(' '),
                "br" => cell.push('\n'),
                "p" if !cell.is_empty() => cell.push('\n'),
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "t" => in_text = false,
            Event::Text(_) | Event::GeneralRef(_) if top && in_text && vanish => cell_hidden = true,
            Event::Text(t) if top && in_text => cell.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if top && in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    cell.push(c);
                } else {
                    cell.push_str(match &*r {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Some((out, hidden))
}
