//! The score sheet as an Excel workbook: `template --xlsx` writes it, a person fills it in
//! Excel (here: a workbook written cell by cell with rust_xlsxwriter, numbers as numbers
//! and dates as dates, as Excel stores what is typed), and `score` reads it back to the
//! same figures as the CSV route.

use crate::harness::{copy_sample, run_in};
use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::collections::HashMap;
use std::path::Path;

const SAMPLE: &str = "evidence/2026";

/// The template's cells, as text, row by row.
fn cells(path: &Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("a workbook");
    let first = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&first).expect("a sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

/// `code → (value, note)` from the sample's `scores.csv`.
fn declared(dossier: &Path) -> HashMap<String, (String, String)> {
    let text = std::fs::read_to_string(dossier.join("scores.csv")).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|x| x.unwrap())
        .map(|x| (x[0].to_string(), (x[1].to_string(), x[2].to_string())))
        .collect()
}

/// What Excel stores for what a person types: `15/01/2026` a date, `92,5` a number,
/// anything else text.
fn typed(ws: &mut rust_xlsxwriter::Worksheet, row: u32, col: u16, value: &str) {
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let parts: Vec<&str> = value.split('/').collect();
    if parts.len() == 3 && parts.iter().all(|p| p.parse::<u16>().is_ok()) {
        let (d, m, y) = (
            parts[0].parse().unwrap(),
            parts[1].parse().unwrap(),
            parts[2].parse().unwrap(),
        );
        let when = ExcelDateTime::from_ymd(y, m, d).unwrap();
        ws.write_datetime_with_format(row, col, &when, &date)
            .unwrap();
    } else if let Ok(n) = value.replace(',', ".").parse::<f64>() {
        ws.write_number(row, col, n).unwrap();
    } else if !value.is_empty() {
        ws.write_string(row, col, value).unwrap();
    }
}

#[test]
fn a_workbook_filled_in_excel_scores_as_the_csv_does() {
    let dir = copy_sample(SAMPLE);
    let dossier = dir.path().join(SAMPLE);
    let blank = dir.path().join("phieu-cham.xlsx");
    let (code, out, err) = run_in(
        dir.path(),
        &["template", SAMPLE, "--xlsx", blank.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("trang \"Phiếu chấm\""), "{out}");
    let rows = cells(&blank);
    let header = rows
        .iter()
        .position(|r| r.first() == Some(&Data::String("code".into())))
        .expect("a header row");
    let names: Vec<String> = rows[header].iter().map(|c| c.to_string()).collect();
    let col = |n: &str| names.iter().position(|h| h == n).unwrap() as u16;
    let (value, note) = (col("value"), col("note"));
    // Codes are text cells, never numbers or dates.
    let leaf = rows
        .iter()
        .find(|r| r[0] == Data::String("1.1.1".into()))
        .expect("leaf 1.1.1");
    assert_eq!(leaf[col("max") as usize], Data::Float(1.0));
    let wanted = declared(&dossier);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            match cell {
                Data::String(s) => {
                    ws.write_string(r as u32, c as u16, s).unwrap();
                }
                Data::Float(f) => {
                    ws.write_number(r as u32, c as u16, *f).unwrap();
                }
                _ => {}
            }
        }
        if let Some((v, n)) = cells.first().and_then(|c| wanted.get(&c.to_string())) {
            typed(ws, r as u32, value, v);
            if !n.is_empty() {
                ws.write_string(r as u32, note, n).unwrap();
            }
        }
    }
    book.save(dossier.join("scores.xlsx")).unwrap();
    let (_, by_csv, _) = run_in(
        dir.path(),
        &["score", SAMPLE, "--format", "json", "--scores", "csv"],
    );
    std::fs::remove_file(dossier.join("scores.csv")).unwrap();
    let (code, by_xlsx, err) = run_in(dir.path(), &["score", SAMPLE, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let differ: Vec<(&str, &str)> = by_xlsx
        .lines()
        .zip(by_csv.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert!(differ.is_empty(), "xlsx vs csv: {differ:#?}");
    assert_eq!(by_xlsx.lines().count(), by_csv.lines().count());
    let v: serde_json::Value = serde_json::from_str(&by_xlsx).unwrap();
    assert_eq!(v["total"]["achieved"], "89.06");
    assert_eq!(v["total"]["index"], "89.96");
}

#[test]
fn a_dossier_with_both_sheets_is_refused_until_told_which() {
    let dir = copy_sample(SAMPLE);
    let dossier = dir.path().join(SAMPLE);
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "template",
            SAMPLE,
            "--xlsx",
            dossier.join("scores.xlsx").to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_in(dir.path(), &["score", SAMPLE]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "evidence/2026/scores.xlsx: hồ sơ có cả scores.csv và scores.xlsx, không rõ phiếu nào là phiếu đang dùng; chọn bằng --scores csv hoặc --scores xlsx, hoặc đổi tên phiếu không dùng\n"
    );
    let (code, _, err) = run_in(dir.path(), &["score", SAMPLE, "--scores", "csv"]);
    assert_eq!(code, 0, "{err}");
    // The blank workbook scores with every self-assessed leaf unscored.
    let (code, out, err) = run_in(
        dir.path(),
        &["score", SAMPLE, "--scores", "xlsx", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["total"]["self_achieved"], "2.00",
        "only plan completion is computed"
    );
}

#[test]
fn problems_in_a_workbook_name_the_sheet_and_the_cell() {
    let dir = copy_sample(SAMPLE);
    let dossier = dir.path().join(SAMPLE);
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("Sheet1").unwrap();
    for (c, h) in ["code", "name", "value", "note"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "1.1.2").unwrap();
    ws.write_string(1, 2, "Có lẽ").unwrap();
    ws.write_string(2, 0, "9.9.9").unwrap();
    ws.write_string(2, 2, "Có").unwrap();
    book.save(dossier.join("scores.xlsx")).unwrap();
    std::fs::remove_file(dossier.join("scores.csv")).unwrap();
    let (code, _, err) = run_in(dir.path(), &["score", SAMPLE]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("evidence/2026/scores.xlsx:Sheet1!C2: [1.1.2] "),
        "{err}"
    );
    assert!(
        err.contains("evidence/2026/scores.xlsx:Sheet1!A3: [9.9.9] mã không có trong bộ tiêu chí"),
        "{err}"
    );
}
