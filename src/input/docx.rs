//! Reads a table from a Word document (`.docx`: a zip archive whose body is
//! `word/document.xml`) into the same [`Table`] the CSV and XLSX readers give. The table
//! taken is the document's largest (an annex holds one big table; the letterhead above it
//! is often a small two-column one). A cell spread over several grid columns
//! (`w:gridSpan`) sits in its first column and leaves the others empty; a cell merged down
//! over several rows (`w:vMerge`) counts for each of them. Rows are the table's row
//! numbers and problems name cells as Word's own table formulas do (`'Bảng 1'!C14`).
//! Hidden text (runs marked `w:vanish`, which Word does not show or print) is left out,
//! and a warning names the first cell that had some.
//!
//! The body is inflated within the caps of [`super::zipped`], and what the merges multiply
//! out is bounded too: a row may span at most [`MAX_COLUMNS`] grid columns (Word's own
//! limit is 63), the tables at most [`MAX_CELLS`] cells, and the text they hold, a merged
//! cell counted in each row it covers, at most the inflation cap of one part.

use super::table::{Row, Table};
use super::zipped::{self, Inflation};
use super::{fold, nfc};
use crate::diag::Diagnostic;
use crate::fsio::Caps;
use crate::text;
use quick_xml::events::{BytesStart, Event};

/// The most grid columns a table row may span (Word itself stops at 63).
pub const MAX_COLUMNS: usize = 64;
/// The most cells all tables of the body may hold, merged cells counted in every row and
/// column they cover.
pub const MAX_CELLS: usize = 1 << 20;

/// Why the body's tables were not read.
enum Over {
    Broken,
    /// (table, row, column) from 1, and what went past its cap.
    Columns(usize, usize, usize, usize),
    Cells(usize, usize, usize),
    Text(usize, usize, usize, u64),
}

/// One table as read: rows of grid cells.
type Grid = Vec<Vec<String>>;

/// Parses `.docx` bytes into the document's largest table.
pub fn parse_docx(bytes: Vec<u8>, source: &str, caps: Caps) -> Result<Table, Box<Diagnostic>> {
    let fail = |t| Box::new(Diagnostic::error(source, t));
    let unreadable = || {
        fail(text!(
            vi: "không đọc được tệp Word này (tệp hỏng, có mật khẩu, hoặc là .doc cũ); mở bằng Word và lưu lại dạng \"Word Document (*.docx)\"",
            en: "cannot read this Word file (damaged, password-protected, or an old .doc); open it in Word and save it again as \"Word Document (*.docx)\""
        ))
    };
    let inflation = Inflation::of(caps);
    let refused = |r: zipped::Refused| match r.text("Word") {
        Some(t) => fail(t),
        None => unreadable(),
    };
    let mut zip = zipped::check(bytes, inflation).map_err(refused)?;
    let body = zip.part("word/document.xml").map_err(refused)?;
    let xml = body
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(unreadable)?;
    let (tables, hidden) = tables(&xml, inflation.part)
        .map_err(|over| too_much(source, over).map_or_else(unreadable, Box::new))?;
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
        .map(|(i, cells)| Row {
            line: i + 1,
            cells: cells.into(),
        })
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

/// A table past a cap, at the cell where it went past; `None` for a broken body.
fn too_much(source: &str, over: Over) -> Option<Diagnostic> {
    let (table, row, col, t) = match over {
        Over::Broken => return None,
        Over::Columns(t, r, c, n) => (
            t,
            r,
            c,
            text!(
                vi: "hàng này của bảng trải ra {n} cột (w:gridSpan), quá giới hạn {MAX_COLUMNS} cột (Word chỉ cho 63): tệp hỏng hoặc cố ý làm phình; mở bằng Word và lưu lại",
                en: "this table row spreads over {n} columns (w:gridSpan), over the {MAX_COLUMNS}-column cap (Word allows 63): a damaged or deliberately inflated file; open it in Word and save again"
            ),
        ),
        Over::Cells(t, r, c) => (
            t,
            r,
            c,
            text!(
                vi: "các bảng của tài liệu vượt {MAX_CELLS} ô ở ô này (ô gộp được đếm ở mỗi hàng, mỗi cột nó trải qua); tách bảng, hoặc bỏ gộp ô rồi lưu lại",
                en: "the document's tables pass {MAX_CELLS} cells at this cell (a merged cell counts in every row and column it covers); split the table, or unmerge cells, and save again"
            ),
        ),
        Over::Text(t, r, c, cap) => {
            let cap = cap >> 20;
            (
                t,
                r,
                c,
                text!(
                    vi: "các bảng của tài liệu vượt {cap} MiB chữ ở ô này (ô gộp dọc w:vMerge lặp chữ của nó ở mỗi hàng); bỏ gộp ô rồi lưu lại",
                    en: "the document's tables pass {cap} MiB of text at this cell (a cell merged down with w:vMerge repeats its text in every row); unmerge cells and save again"
                ),
            )
        }
    };
    Some(Diagnostic::error(source, t).in_cell(&format!("Bảng {table}"), row, col))
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

/// Every top-level table of the body, merged cells resolved, within the caps (`text_cap`:
/// the bytes of text all cells may hold), and for each table the cells (row and column
/// from 1) where hidden text was left out.
#[allow(clippy::type_complexity)]
fn tables(xml: &str, text_cap: u64) -> Result<(Vec<Grid>, Vec<Vec<(usize, usize)>>), Over> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<Grid> = Vec::new();
    let (mut hidden, mut hidden_here, mut vanish, mut cell_hidden) =
        (Vec::new(), Vec::new(), false, false);
    let (mut cells, mut text_bytes) = (0usize, 0u64);
    let mut depth = 0usize;
    let (mut grid, mut row): (Grid, Vec<String>) = (Vec::new(), Vec::new());
    let (mut cell, mut span, mut merge) = (String::new(), 1usize, None::<bool>);
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|_| Over::Broken)?;
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
                let at = (out.len() + 1, grid.len() + 1, col + 1);
                let width = col.saturating_add(span);
                if width > MAX_COLUMNS {
                    return Err(Over::Columns(at.0, at.1, at.2, width));
                }
                cells += span;
                if cells > MAX_CELLS {
                    return Err(Over::Cells(at.0, at.1, at.2));
                }
                text_bytes += text.len() as u64;
                if text_bytes > text_cap {
                    return Err(Over::Text(at.0, at.1, at.2, text_cap));
                }
                row.push(text);
                row.resize(width, String::new());
            }
            Event::Start(e) | Event::Empty(e) if top => match e.local_name().as_ref() {
                "gridSpan" => {
                    // A number past usize is past the cap too.
                    span = attribute(&e, "val")
                        .map(|v| {
                            v.trim()
                                .parse::<u64>()
                                .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX))
                        })
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
    Ok((out, hidden))
}
