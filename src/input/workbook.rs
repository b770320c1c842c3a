//! Reads the worksheet Excel opens on of an XLSX workbook (`calamine`) into the same [`Table`] the
//! CSV reader gives, so every reader of tables takes a spreadsheet unchanged: each cell
//! becomes the text a person sees in Excel — a number with a decimal comma (`92,5`, exact,
//! never a float tail), a percentage cell as `92,5%`, a date as `15/01/2026`, text trimmed
//! and in NFC — and each row keeps its worksheet row number, so problems name cells
//! (`'Phiếu chấm'!F14`). Rows above the header (a title, captions) are skipped; a value
//! merged down over several rows counts for each of them.

use super::table::{ReadOptions, Row, Table};
use super::workbook_parts::{self, Over};
use super::zipped::{self, Inflation};
use super::{fold, nfc, workbook_notes};
use crate::diag::{Diagnostic, Diagnostics, Fatal};
use crate::fsio::{read_input, Caps, Input, Within};
use crate::text;
use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use std::io::Cursor;
use std::path::Path;

/// Reads a table from a workbook (`.xlsx`) or a CSV file, by the file's extension, for a
/// reader that reports into `diags`, as [`super::read_table_into`]; `wanted` finds a
/// workbook's header row below its title.
pub fn read_sheet_into(
    path: &Path,
    source: &str,
    within: Within,
    wanted: &[&str],
    diags: &mut Diagnostics,
    read: ReadOptions,
) -> Result<Option<Table>, Fatal> {
    if !is_workbook(path) {
        return super::read_table_into(path, source, within, diags, read);
    }
    let bytes =
        read_input(path, within, Input::Table, read.caps).map_err(|r| r.diagnostic(source))?;
    match parse_workbook(bytes, source, wanted, read.caps) {
        Ok(t) => {
            diags.extend(t.row_problems.iter().cloned());
            Ok(Some(t))
        }
        Err(d) => {
            diags.push(*d);
            Ok(None)
        }
    }
}

/// Whether a file is read as a workbook: its name ends in `.xlsx`.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Parses workbook bytes: the sheet Excel opens on (the active tab when it is visible,
/// else the first visible worksheet), after [`super::workbook_parts`] has checked what
/// calamine would trust. The header is the first row holding every one of `wanted` (folded
/// names; any one of `|`-separated alternatives), else the first row with text. Hidden
/// sheets and the formula cells of the `wanted` columns (of every column when none is
/// wanted) come back as warnings in `row_problems`.
pub fn parse_workbook(
    bytes: Vec<u8>,
    source: &str,
    wanted: &[&str],
    caps: Caps,
) -> Result<Table, Box<Diagnostic>> {
    let fail = |t| Box::new(Diagnostic::error(source, t));
    let unreadable = || {
        fail(text!(
            vi: "không đọc được tệp XLSX này (tệp hỏng, có mật khẩu, hoặc không phải bảng tính Excel); mở bằng Excel và lưu lại dạng \"Excel Workbook (*.xlsx)\"",
            en: "cannot read this XLSX file (damaged, password-protected, or not an Excel workbook); open it in Excel and save it again as \"Excel Workbook (*.xlsx)\""
        ))
    };
    let inflation = Inflation::of(caps);
    let mut parts = zipped::check(bytes, inflation).map_err(|r| match r.text("Excel") {
        Some(t) => fail(t),
        None => unreadable(),
    })?;
    let plan = match workbook_parts::plan(&mut parts) {
        Ok(p) => p,
        Err(over) => return Err(refusal(source, over).unwrap_or_else(unreadable)),
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(parts.into_bytes())).map_err(|_| unreadable())?;
    let sheet = plan.sheet.clone();
    let range = book.worksheet_range(&sheet).map_err(|_| unreadable())?;
    let styles = book.worksheet_style(&sheet).ok();
    let merges = book.merge_cells_by_sheet_name(&sheet).unwrap_or_default();
    let Some((top, left)) = range.start() else {
        return Err(fail(
            text!(vi: "trang tính \"{sheet}\" trống", en: "the worksheet \"{sheet}\" is empty"),
        ));
    };
    let mut grid: Vec<Vec<String>> = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let r = top + i as u32;
            let mut out = vec![String::new(); left as usize];
            for (j, c) in cells.iter().enumerate() {
                let percent = styles
                    .as_ref()
                    .and_then(|s| s.get((r, left + j as u32)))
                    .and_then(|s| s.number_format.as_ref())
                    .is_some_and(|f| {
                        f.format_code.contains('%') || matches!(f.format_id, Some(9 | 10))
                    });
                out.push(shown(c, percent, plan.date1904));
            }
            out
        })
        .collect();
    // A merged value repeats in each row it covers: the rows are bounded by the plan, the
    // text they repeat by the inflation cap.
    let mut repeated = 0u64;
    for m in &merges {
        let (from, to) = (
            m.start.0.saturating_sub(top) as usize,
            m.end.0.saturating_sub(top) as usize,
        );
        let col = m.start.1 as usize;
        let Some(value) = grid.get(from).and_then(|r| r.get(col)).cloned() else {
            continue;
        };
        for row in grid.iter_mut().take(to + 1).skip(from + 1) {
            if let Some(cell) = row.get_mut(col) {
                if cell.is_empty() {
                    repeated += value.len() as u64;
                    if repeated > inflation.part {
                        let over = Over::MergedText {
                            sheet: sheet.clone(),
                            at: m.start,
                            bytes: repeated,
                        };
                        return Err(refusal(source, over).unwrap_or_else(unreadable));
                    }
                    *cell = value.clone();
                }
            }
        }
    }
    let has = |cells: &[String], name: &str| {
        name.split('|')
            .any(|alt| cells.iter().any(|c| fold(c) == alt))
    };
    let header_at = grid
        .iter()
        .position(|cells| wanted.iter().all(|w| has(cells, w)))
        .or_else(|| {
            grid.iter()
                .position(|cells| cells.iter().any(|c| !c.is_empty()))
        })
        .unwrap_or(0);
    let written_headers = grid.get(header_at).cloned().unwrap_or_default();
    let mut headers: Vec<String> = written_headers.iter().map(|c| fold(c)).collect();
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
    let header_line = top as usize + header_at + 1;
    // Formula cells matter where the caller reads figures: the `wanted` columns (a score
    // sheet's `code` and `value`, not the template's own check sums), else every column.
    let checked: Vec<usize> = match wanted.is_empty() {
        true => (0..headers.len()).collect(),
        false => (0..headers.len())
            .filter(|&i| {
                wanted
                    .iter()
                    .any(|w| w.split('|').any(|alt| headers[i] == alt))
            })
            .collect(),
    };
    let warnings = workbook_notes::warnings(source, &plan, header_line, &checked);
    let rows = grid
        .into_iter()
        .enumerate()
        .skip(header_at + 1)
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .map(|(i, cells)| Row {
            line: top as usize + i + 1,
            cells: cells.into(),
        })
        .collect();
    Ok(Table {
        source: source.to_string(),
        headers,
        header_line,
        rows,
        written_headers,
        delimiter: b',',
        row_problems: warnings,
        sheet: Some(sheet),
    })
}

fn refusal(source: &str, over: Over) -> Option<Box<Diagnostic>> {
    workbook_notes::refusal(source, over).map(Box::new)
}

/// A cell as the text a person reads in it.
fn shown(c: &Data, percent: bool, date1904: bool) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => nfc(s.trim()),
        Data::Int(i) if percent => format!("{}%", Decimal::from(*i) * Decimal::ONE_HUNDRED),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => match Decimal::try_from(*f) {
            Ok(d) if percent => format!("{}%", comma(d * Decimal::ONE_HUNDRED)),
            Ok(d) => comma(d),
            Err(_) => f.to_string(),
        },
        Data::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
        Data::DateTime(dt) if dt.is_datetime() => serial_date(dt.as_f64(), date1904),
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) => iso_date(s).unwrap_or_else(|| s.clone()),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A number as Vietnamese Excel shows it, with a decimal comma (`86,4`): what the person
/// who typed it reads, and what every parscore reader takes.
fn comma(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// An Excel date serial as `dd/mm/yyyy`: day 1 is 1 January 1900 (counting Excel's
/// phantom 29 February 1900), or, in a workbook saved in the 1904 date system
/// (`workbookPr date1904`, old Mac Excel), day 0 is 1 January 1904.
fn serial_date(serial: f64, date1904: bool) -> String {
    let epoch = match date1904 {
        true => time::Date::from_calendar_date(1904, time::Month::January, 1).ok(),
        false => time::Date::from_calendar_date(1899, time::Month::December, 30).ok(),
    };
    epoch
        .and_then(|e| e.checked_add(time::Duration::days(serial.floor() as i64)))
        .map(crate::value::show_date)
        .unwrap_or_else(|| serial.to_string())
}

fn iso_date(s: &str) -> Option<String> {
    let day = s.get(..10)?;
    let mut parts = day.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    Some(format!("{d}/{m}/{y}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_a_person_sees_them() {
        assert_eq!(shown(&Data::Float(92.5), false, false), "92,5");
        assert_eq!(shown(&Data::Float(0.1), false, false), "0,1");
        assert_eq!(shown(&Data::Float(0.925), true, false), "92,5%");
        assert_eq!(shown(&Data::Int(3), false, false), "3");
        assert_eq!(serial_date(46037.0, false), "15/01/2026");
        // The same day in a workbook saved in the 1904 date system: 1 462 days fewer.
        assert_eq!(serial_date(44575.0, true), "15/01/2026");
        assert_eq!(iso_date("2026-01-15T00:00:00").unwrap(), "15/01/2026");
    }
}
