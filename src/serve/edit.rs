//! Edits of a dossier's tables from the pages: one cell (a leaf's value and note in
//! `scores.csv`, a task's status and date in `plan.csv`) changed in a copy of the table,
//! the copy checked as the commands would read it, and only then written over the file
//! in its own dress (encoding, BOM, separator, `sep=` line, line ends).

use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier::{self, Shared, PLAN_FILE, SCORES_FILE};
use crate::fsio::{read_input, write_atomic, Input, Within};
use crate::input::{dress, parse_table, ReadOptions, Table};
use crate::text;
use std::path::Path;

/// Why an edit was not made.
pub enum Refusal {
    /// The located problems, as the commands report them; nothing was written.
    Invalid(Vec<Diagnostic>),
    /// The file could not be read or written.
    Failed(Box<Diagnostic>),
    /// Another program (Excel, Word) holds the file open: the web app answers 409, as for
    /// an edit made elsewhere, never 500.
    Busy(Box<Diagnostic>),
}

/// Why writing `source` failed, as a refusal: a file held open by another program is
/// [`Refusal::Busy`], with the message that says to close it.
pub fn write_failed(source: &str, e: &std::io::Error) -> Refusal {
    if crate::fsio::is_busy(e) {
        Refusal::Busy(Box::new(Diagnostic::error(
            source,
            crate::fsio::busy(source),
        )))
    } else {
        Refusal::Failed(Box::new(cannot_write(source, e)))
    }
}

/// Sets the `value` and `note` of `code` in the dossier's `scores.csv` (adding the row
/// when the sheet has none for it), after checking the whole sheet as `score` would.
pub fn set_score(
    dir: &Path,
    code: &str,
    value: &str,
    note: &str,
    read_as: ReadOptions,
) -> Result<(), Refusal> {
    let path = dir.join(SCORES_FILE);
    let source = dossier::shown(dir, SCORES_FILE);
    if dir.join(dossier::SCORES_XLSX).symlink_metadata().is_ok() && path.symlink_metadata().is_err()
    {
        return Err(Refusal::Failed(Box::new(Diagnostic::error(
            &dossier::shown(dir, dossier::SCORES_XLSX),
            text!(vi: "phiếu chấm của hồ sơ này là bảng tính Excel; sửa trong Excel (trang web chỉ sửa scores.csv)", en: "this dossier's score sheet is an Excel workbook; edit it in Excel (the pages edit scores.csv only)"),
        ))));
    }
    let value = one_line(&crate::input::nfc(value.trim()), &source, code, "value")?;
    let value = iso_to_vietnamese_date(&value).unwrap_or(value);
    let note = one_line(&crate::input::nfc(note.trim()), &source, code, "note")?;
    let (original, table) = read(&path, &source, read_as)?;
    let (mut headers, mut rows) = cells(&table);
    let col = |headers: &mut Vec<String>, name: &str| match table.column(name) {
        Some(i) => i,
        None => {
            headers.push(name.to_string());
            headers.len() - 1
        }
    };
    let (code_col, value_col) = (col(&mut headers, "code"), col(&mut headers, "value"));
    let note_col = col(&mut headers, "note");
    let width = headers.len();
    let at = rows
        .iter()
        .position(|r| r.get(code_col).is_some_and(|c| c == code));
    let row = match at {
        Some(i) => &mut rows[i],
        None => {
            rows.push(vec![String::new(); width]);
            let last = rows.len() - 1;
            rows[last][code_col] = code.to_string();
            &mut rows[last]
        }
    };
    if row.len() < width {
        row.resize(width, String::new());
    }
    row[value_col] = value;
    row[note_col] = note;
    let bytes = dress::rewrite(&headers, &rows, table.delimiter, &original);
    check_scores(dir, &bytes, &source, read_as, code)?;
    write_atomic(&path, &bytes).map_err(|e| write_failed(&source, &e))
}

/// The problems `score` would report with `bytes` as the dossier's `scores.csv`, and two
/// the pages refuse for the edited leaf `code`: a value for a leaf computed from
/// `plan.csv` (it would be ignored), and "không áp dụng" without the note that explains it.
fn check_scores(
    dir: &Path,
    bytes: &[u8],
    source: &str,
    read_as: ReadOptions,
    code: &str,
) -> Result<(), Refusal> {
    let mut diags = Diagnostics::default();
    let loaded = dossier::load_with(
        dir,
        "serve",
        &mut diags,
        Vec::new(),
        &mut Shared::default().reading(read_as),
    );
    let mut d = match loaded {
        Ok(Some(d)) => d,
        Ok(None) => return Err(Refusal::Invalid(errors(diags))),
        Err(f) => return Err(Refusal::Failed(f.0)),
    };
    // The sheet on disk was checked above; the new one replaces it and its problems.
    diags.items.retain(|x| x.file != source);
    let table = match parse_table(bytes, source, read_as.encoding) {
        Ok(t) => t,
        Err(e) => return Err(Refusal::Invalid(vec![*e])),
    };
    diags.extend(table.row_problems.clone());
    if let Some(row) = table.rows.iter().find(|r| table.cell(r, "code") == code) {
        let (value, note) = (table.cell(row, "value"), table.cell(row, "note"));
        let rule = d.criteria.find(code).and_then(|n| n.rule());
        if rule.and_then(|r| r.input) == Some(crate::criteria::RuleInput::PlanCompletion) {
            let d = table.problem_at(row, "value", text!(vi: "điểm tiêu chí này tính từ plan.csv (tỷ lệ nhiệm vụ đến hạn đã hoàn thành): sửa kế hoạch ở trang Kế hoạch, không nhập ở đây", en: "this leaf is computed from plan.csv (the share of due tasks done): edit the plan on the Plan page, not here"));
            return Err(Refusal::Invalid(vec![d.for_code(code)]));
        }
        if crate::value::is_not_applicable(value) && note.trim().is_empty() {
            let d = table.problem_at(row, "note", text!(vi: "\"không áp dụng\" cần ghi chú giải trình vì sao", en: "\"not applicable\" needs a note saying why"));
            return Err(Refusal::Invalid(vec![d.for_code(code)]));
        }
    }
    match dossier::scores_from_table(&table, source, &d.criteria, &mut diags) {
        Some(s) => d.scores = s,
        None => return Err(Refusal::Invalid(errors(diags))),
    }
    let (_, problems) = crate::scoring::score(&d);
    diags.extend(problems.into_iter().map(|p| d.scores.place(p)));
    if diags.has_errors() {
        return Err(Refusal::Invalid(errors(diags)));
    }
    Ok(())
}

/// Sets the `status` and `done_on` of task `id` in the dossier's `plan.csv`, after
/// checking the plan as the commands would read it.
pub fn set_task(
    dir: &Path,
    id: &str,
    status: &str,
    done_on: &str,
    read_as: ReadOptions,
) -> Result<(), Refusal> {
    let path = dir.join(PLAN_FILE);
    let source = dossier::shown(dir, PLAN_FILE);
    let status = one_line(&crate::input::nfc(status.trim()), &source, id, "status")?;
    let done_on = one_line(done_on.trim(), &source, id, "done_on")?;
    let done_on = iso_to_vietnamese_date(&done_on).unwrap_or(done_on);
    let (original, table) = read(&path, &source, read_as)?;
    let (headers, mut rows) = cells(&table);
    let (Some(id_col), Some(status_col), Some(done_col)) = (
        table.column("id"),
        table.column("status"),
        table.column("done_on"),
    ) else {
        return Err(Refusal::Invalid(table.missing_columns(
            &["id", "status", "done_on"],
            "id,…,status,done_on",
        )));
    };
    let Some(row) = rows
        .iter_mut()
        .find(|r| r.get(id_col).is_some_and(|c| c == id))
    else {
        return Err(Refusal::Invalid(vec![Diagnostic::error(
            &source,
            text!(vi: "kế hoạch không có nhiệm vụ số \"{id}\"", en: "the plan has no task \"{id}\""),
        )]));
    };
    if row.len() < headers.len() {
        row.resize(headers.len(), String::new());
    }
    row[status_col] = status;
    row[done_col] = done_on;
    let bytes = dress::rewrite(&headers, &rows, table.delimiter, &original);
    // The cells this edit can spoil are checked before anything is written.
    let staged =
        parse_table(&bytes, &source, read_as.encoding).map_err(|e| Refusal::Invalid(vec![*e]))?;
    let mut problems = Vec::new();
    for row in &staged.rows {
        let done = staged.cell(row, "done_on");
        if !done.is_empty() && crate::value::parse_date(done).is_none() {
            problems.push(staged.problem_at(row, "done_on", text!(vi: "ngày hoàn thành \"{done}\" không hợp lệ (viết 15/01/2026)", en: "completion date \"{done}\" is not a date (write 15/01/2026)")));
        }
    }
    if !problems.is_empty() {
        return Err(Refusal::Invalid(problems));
    }
    write_atomic(&path, &bytes).map_err(|e| write_failed(&source, &e))
}

fn read(path: &Path, source: &str, read_as: ReadOptions) -> Result<(Vec<u8>, Table), Refusal> {
    let original = read_input(path, Within::folder_of(path), Input::Table, read_as.caps)
        .map_err(|r| Refusal::Failed(Box::new(r.diagnostic(source))))?;
    let table =
        parse_table(&original, source, read_as.encoding).map_err(|e| Refusal::Invalid(vec![*e]))?;
    Ok((original, table))
}

/// The header as written and every row's cells, ready to be changed and written back.
fn cells(table: &Table) -> (Vec<String>, Vec<Vec<String>>) {
    let headers = dress::written_headers(table);
    let rows = table.rows.iter().map(|r| r.cells.clone()).collect();
    (headers, rows)
}

fn errors(diags: Diagnostics) -> Vec<Diagnostic> {
    diags
        .items
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

/// A cell must stay on one line of the table.
fn one_line(s: &str, source: &str, code: &str, column: &str) -> Result<String, Refusal> {
    if s.chars().any(|c| c.is_control()) {
        return Err(Refusal::Invalid(vec![Diagnostic::error(
            source,
            text!(vi: "cột \"{column}\": không được xuống dòng hay chứa ký tự điều khiển", en: "column \"{column}\": no line breaks or control characters"),
        )
        .for_code(code)]));
    }
    Ok(s.to_string())
}

/// A date picker's `2026-01-15` as the sheet writes dates, `15/01/2026`.
fn iso_to_vietnamese_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10))
        .then(|| format!("{}/{}/{}", &s[8..10], &s[5..7], &s[0..4]))
}

fn cannot_write(source: &str, e: &std::io::Error) -> Diagnostic {
    let why = crate::fsio::os_reason(e);
    let (wv, we) = (&why.vi, &why.en);
    Diagnostic::error(
        source,
        text!(vi: "không ghi được tệp: {wv}", en: "cannot write the file: {we}"),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_date_picker_value_is_written_as_a_vietnamese_date() {
        assert_eq!(
            super::iso_to_vietnamese_date("2026-01-15").as_deref(),
            Some("15/01/2026")
        );
        assert_eq!(super::iso_to_vietnamese_date("15/01/2026"), None);
    }
}
