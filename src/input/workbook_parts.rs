//! What a workbook says of itself, checked before calamine is handed its bytes. calamine
//! trusts the workbook: it reserves memory for the shared strings' `uniqueCount`, builds a
//! dense grid from the first to the last used cell, and the merged regions are walked row
//! by row. So the parts it will read are read here first, with our own streaming XML
//! reader, in time and memory proportional to their bytes: the shared strings (their
//! claimed and actual count), the workbook (its sheets, which are hidden, the active tab,
//! the 1904 date system) and the one worksheet that will be read (its used cells, merged
//! regions and formula cells). Past a cap the workbook is refused, naming the sheet and
//! the cell; the sheet's `dimension` is not trusted (calamine uses it only for a reserve
//! it bounds itself).

use super::zipped::{Checked, Refused};
use quick_xml::events::{BytesStart, Event};

/// The most cells a sheet may span, counted from column A and from its first to its last
/// used row: as many as one full column of Excel.
pub const MAX_CELLS: u64 = 1 << 20;
/// The most merged regions a sheet may have.
pub const MAX_MERGES: usize = 10_000;
/// The most shared strings a workbook may claim or hold.
pub const MAX_STRINGS: u64 = 1 << 20;

/// A cell, 0-based (row, column).
pub type At = (u32, u32);

/// The sheet to read and what the reader must tell about it.
#[derive(Debug)]
pub struct Plan {
    pub sheet: String,
    /// The hidden sheets of the workbook, by name.
    pub hidden: Vec<String>,
    /// `workbookPr date1904`: serial 0 is 1 January 1904.
    pub date1904: bool,
    /// Cells holding a formula, with whether Excel saved a value for it.
    pub formulas: Vec<(At, bool)>,
}

/// Why a workbook is refused before it is parsed.
#[derive(Debug)]
pub enum Over {
    Zip(Refused),
    /// The workbook has no part we need, or a part is not XML.
    Unreadable,
    NoVisibleSheet,
    Cells {
        sheet: String,
        last: At,
        cells: u64,
    },
    Merges {
        sheet: String,
        at: At,
        count: usize,
    },
    MergedCells {
        sheet: String,
        at: At,
        cells: u64,
    },
    /// The text merged regions would repeat, in bytes.
    MergedText {
        sheet: String,
        at: At,
        bytes: u64,
    },
    Strings {
        claimed: u64,
    },
}

impl From<Refused> for Over {
    fn from(r: Refused) -> Self {
        match r {
            Refused::Unreadable => Over::Unreadable,
            r => Over::Zip(r),
        }
    }
}

/// Reads the parts calamine will read and chooses the sheet: the active tab when it is a
/// visible worksheet, else the first visible worksheet.
pub fn plan(zip: &mut Checked) -> Result<Plan, Over> {
    check_strings(zip)?;
    let book = zip.part("xl/workbook.xml")?.ok_or(Over::Unreadable)?;
    let rels = zip
        .part("xl/_rels/workbook.xml.rels")?
        .ok_or(Over::Unreadable)?;
    let book = read_book(&book)?;
    let targets = read_rels(&rels)?;
    let is_sheet = |s: &SheetEntry| {
        targets
            .iter()
            .any(|(id, _, kind)| *id == s.rel && kind.ends_with("/worksheet"))
    };
    let usable = |s: &SheetEntry| s.visible && is_sheet(s);
    let chosen = book
        .sheets
        .get(book.active)
        .filter(|s| usable(s))
        .or_else(|| book.sheets.iter().find(|s| usable(s)))
        .ok_or(Over::NoVisibleSheet)?;
    let target = targets
        .iter()
        .find(|(id, _, _)| *id == chosen.rel)
        .map(|(_, t, _)| t.clone())
        .ok_or(Over::Unreadable)?;
    let path = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    };
    let sheet_xml = zip.part(&path)?.ok_or(Over::Unreadable)?;
    let formulas = scan_sheet(&sheet_xml, &chosen.name)?;
    Ok(Plan {
        sheet: chosen.name.clone(),
        hidden: book
            .sheets
            .iter()
            .filter(|s| !s.visible && is_sheet(s))
            .map(|s| s.name.clone())
            .collect(),
        date1904: book.date1904,
        formulas,
    })
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| match quick_xml::escape::unescape(&a.value) {
            Ok(v) => v.into_owned(),
            Err(_) => a.value.to_string(),
        })
}

/// Every element start (and empty element) of an XML part, in order; `Err` when it is not
/// XML.
fn each_start(
    xml: &[u8],
    mut f: impl FnMut(&BytesStart, bool) -> Result<(), Over>,
) -> Result<(), Over> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader
            .read_event_into(&mut buf)
            .map_err(|_| Over::Unreadable)?
        {
            Event::Start(e) => f(&e, false)?,
            Event::Empty(e) => f(&e, true)?,
            Event::End(e) => f(
                &BytesStart::new(format!("/{}", e.local_name().as_ref())),
                true,
            )?,
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// The shared strings: `uniqueCount` is what calamine reserves room for, so a claim past
/// the cap is refused before calamine reads it; so are more `<si>` than the cap.
fn check_strings(zip: &mut Checked) -> Result<(), Over> {
    let Some(xml) = zip.part("xl/sharedStrings.xml")? else {
        return Ok(());
    };
    let mut held = 0u64;
    each_start(&xml, |e, _| {
        match local(e).as_str() {
            "sst" => {
                if let Some(n) = attr(e, "uniqueCount") {
                    // calamine reads the number with an unsigned parser: any digits count.
                    let claimed = n.trim().parse::<u64>().unwrap_or(u64::MAX);
                    if n.trim().bytes().all(|b| b.is_ascii_digit()) && claimed > MAX_STRINGS {
                        return Err(Over::Strings { claimed });
                    }
                }
            }
            "si" => {
                held += 1;
                if held > MAX_STRINGS {
                    return Err(Over::Strings { claimed: held });
                }
            }
            _ => {}
        }
        Ok(())
    })
}

struct SheetEntry {
    name: String,
    rel: String,
    visible: bool,
}

struct Book {
    sheets: Vec<SheetEntry>,
    active: usize,
    date1904: bool,
}

fn read_book(xml: &[u8]) -> Result<Book, Over> {
    let mut book = Book {
        sheets: Vec::new(),
        active: 0,
        date1904: false,
    };
    each_start(xml, |e, _| {
        match local(e).as_str() {
            "sheet" => book.sheets.push(SheetEntry {
                name: attr(e, "name").unwrap_or_default(),
                rel: attr(e, "id").unwrap_or_default(),
                visible: !matches!(attr(e, "state").as_deref(), Some("hidden" | "veryHidden")),
            }),
            "workbookView" if book.active == 0 => {
                book.active = attr(e, "activeTab")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0)
            }
            "workbookPr" => {
                if let Some(v) = attr(e, "date1904") {
                    book.date1904 = v == "1" || v == "true";
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(book)
}

/// (id, target, type) of every relationship.
fn read_rels(xml: &[u8]) -> Result<Vec<(String, String, String)>, Over> {
    let mut out = Vec::new();
    each_start(xml, |e, _| {
        if local(e) == "Relationship" {
            out.push((
                attr(e, "Id").unwrap_or_default(),
                attr(e, "Target").unwrap_or_default(),
                attr(e, "Type").unwrap_or_default(),
            ));
        }
        Ok(())
    })?;
    Ok(out)
}

/// A cell reference (`F14`) as 0-based (row, column); `None` when it is not one.
pub fn cell_ref(r: &str) -> Option<(u64, u64)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (col, row) = r.split_at(letters);
    let col = col.bytes().try_fold(0u64, |n, b| {
        n.checked_mul(26)?
            .checked_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))
    })?;
    let row: u64 = row.parse().ok()?;
    (col > 0 && row > 0).then(|| (row - 1, col - 1))
}

/// Walks the worksheet as calamine places its cells (a cell's `r`, else the row's `r` and
/// the running column) and checks the used span, the merged regions and what the merges
/// would fill; returns the formula cells.
fn scan_sheet(xml: &[u8], sheet: &str) -> Result<Vec<(At, bool)>, Over> {
    let (mut row, mut col) = (0u64, 0u64);
    let mut cell: Option<(u64, u64)> = None;
    let (mut used, mut formula, mut cached) = (false, false, false);
    let (mut top, mut bottom, mut right) = (u64::MAX, 0u64, 0u64);
    let mut formulas = Vec::new();
    let mut merges: Vec<(u64, u64, u64)> = Vec::new();
    let at = |r: u64, c: u64| (r.min(u32::MAX as u64) as u32, c.min(u32::MAX as u64) as u32);
    each_start(xml, |e, empty| {
        match local(e).as_str() {
            "row" => {
                if let Some(r) = attr(e, "r").and_then(|r| r.parse::<u64>().ok()) {
                    row = r.saturating_sub(1);
                }
                col = 0;
            }
            "/row" => {
                row += 1;
                col = 0;
            }
            "c" => {
                let pos = match attr(e, "r") {
                    Some(r) => cell_ref(&r).ok_or(Over::Unreadable)?,
                    None => (row, col),
                };
                col = pos.1 + 1;
                (used, formula, cached) = (false, false, false);
                cell = (!empty).then_some(pos);
            }
            "v" | "is" if cell.is_some() => (used, cached) = (true, true),
            "f" if cell.is_some() => (used, formula) = (true, true),
            "/c" => {
                if let Some((r, c)) = cell.take() {
                    if used {
                        (top, bottom, right) = (top.min(r), bottom.max(r), right.max(c));
                        let span = (bottom - top + 1).saturating_mul(right + 1);
                        if span > MAX_CELLS {
                            return Err(Over::Cells {
                                sheet: sheet.to_string(),
                                last: at(r, c),
                                cells: span,
                            });
                        }
                    }
                    if formula {
                        formulas.push((at(r, c), cached));
                    }
                }
            }
            "mergeCell" => {
                let Some((from, to)) = attr(e, "ref").and_then(|r| {
                    let (a, b) = r.split_once(':').unwrap_or((&r, &r));
                    Some((cell_ref(a)?, cell_ref(b)?))
                }) else {
                    return Err(Over::Unreadable);
                };
                merges.push((from.0, to.0, from.1));
                if merges.len() > MAX_MERGES {
                    return Err(Over::Merges {
                        sheet: sheet.to_string(),
                        at: at(from.0, from.1),
                        count: merges.len(),
                    });
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    // A merged value is repeated in every row of its region that lies in the grid.
    let mut filled = 0u64;
    for &(from, to, c) in &merges {
        if top == u64::MAX {
            break;
        }
        let (a, b) = (from.max(top), to.min(bottom));
        if b > a {
            filled += b - a;
            if filled > MAX_CELLS {
                return Err(Over::MergedCells {
                    sheet: sheet.to_string(),
                    at: at(from, c),
                    cells: filled,
                });
            }
        }
    }
    Ok(formulas)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_read_as_excel_writes_them() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("F14"), Some((13, 5)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("14"), None);
    }

    #[test]
    fn a_sheet_spanning_more_than_a_column_of_cells_is_refused() {
        let xml = br#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>
            <row r="1048576"><c r="B1048576"><v>2</v></c></row></sheetData></worksheet>"#;
        match scan_sheet(xml, "S") {
            Err(Over::Cells { last, cells, .. }) => {
                assert_eq!((last, cells), ((1_048_575, 1), 2 * 1_048_576))
            }
            other => panic!("{other:?}"),
        }
        let styled_only = br#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>
            <c r="XFD1048576" s="1"/></row></sheetData></worksheet>"#;
        assert!(scan_sheet(styled_only, "S").unwrap().is_empty());
    }
}
