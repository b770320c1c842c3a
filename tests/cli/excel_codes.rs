//! Codes that Excel changed on their way into `scores.csv` are reported with what they
//! probably were and how to stop Excel doing it; CSV outputs open in Excel as UTF-8.

use crate::harness::run;

const DOSSIER: &str = "tests/data/dossiers/excel_codes";

/// The problems `score` reports for the fixture, one line each.
fn problems(lang: &str) -> String {
    let (code, out, err) = run(&["score", DOSSIER, "--lang", lang]);
    assert_eq!(code, 1, "{out}{err}");
    err
}

fn line_for(err: &str, line: usize) -> String {
    let at = format!("{DOSSIER}/scores.csv:{line}: ");
    err.lines()
        .find(|l| l.starts_with(&at))
        .unwrap_or_else(|| panic!("no problem on line {line}:\n{err}"))
        .to_string()
}

const FIX_VI: &str = "để Excel không đổi mã: định dạng cột \"code\" là \"Text\" trước khi nhập hoặc dán, hoặc dùng phiếu XLSX của parscore template --xlsx (mã lưu ở dạng văn bản)";

#[test]
fn a_code_excel_turned_into_a_date_is_named_through_the_row_s_name() {
    assert_eq!(
        line_for(&problems("vi"), 2),
        format!("{DOSSIER}/scores.csv:2: [01/01/2001] mã \"01/01/2001\" không có trong bộ tiêu chí ma-qua-excel: Excel đã đọc mã thành ngày 01/01/2001; có thể là mã 2.1 (theo tên ở cột \"name\" của dòng này); {FIX_VI}")
    );
}

#[test]
fn a_date_serial_is_named_as_one() {
    assert_eq!(
        line_for(&problems("vi"), 3),
        format!("{DOSSIER}/scores.csv:3: [44927] mã \"44927\" không có trong bộ tiêu chí ma-qua-excel: đây là số seri Excel của ngày 01/01/2023: Excel đã đọc mã thành ngày; có thể là mã 2.2 (theo tên ở cột \"name\" của dòng này); {FIX_VI}")
    );
}

#[test]
fn a_dotted_date_without_a_name_is_read_back_from_its_digits() {
    assert_eq!(
        line_for(&problems("vi"), 4),
        format!("{DOSSIER}/scores.csv:4: [1.1.2001] mã \"1.1.2001\" không có trong bộ tiêu chí ma-qua-excel: Excel đã đọc mã thành ngày 01/01/2001; có thể là mã 1.1.1; {FIX_VI}")
    );
}

#[test]
fn a_leading_apostrophe_is_named_with_how_to_keep_text_without_it() {
    assert_eq!(
        line_for(&problems("vi"), 5),
        format!("{DOSSIER}/scores.csv:5: ['1.3.1] mã \"'1.3.1\" không có trong bộ tiêu chí ma-qua-excel: dấu ' ở đầu là dấu Excel dùng để giữ mã ở dạng văn bản, đã bị lưu vào ô; có thể là mã 1.3.1 (theo tên ở cột \"name\" của dòng này); xóa dấu ' ở đầu mã; trong Excel, định dạng cột \"code\" là \"Text\" thay vì gõ dấu '")
    );
}

#[test]
fn the_hints_come_in_english_with_lang_en() {
    assert_eq!(
        line_for(&problems("en"), 4),
        format!("{DOSSIER}/scores.csv:4: [1.1.2001] code \"1.1.2001\" is not in the criteria set ma-qua-excel: Excel read the code as the date 01/01/2001; probably code 1.1.1; to stop Excel changing codes: format the \"code\" column as \"Text\" before typing or pasting, or use the XLSX sheet of parscore template --xlsx (codes are stored as text)")
    );
}

#[test]
fn csv_outputs_start_with_a_byte_order_mark_once() {
    let (code, out, err) = run(&["score", "evidence/2026", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("\u{feff}code,name,"), "{out}");
    let (code, out, err) = run(&[
        "compare",
        "evidence/2025",
        "evidence/2026",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("\u{feff}level,code,"), "{out}");
    // Many dossiers in one document: one mark, at the start.
    let (code, out, err) = run(&["score", "evidence/2025", "evidence/2026", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("\u{feff}dossier,code,"), "{out}");
    assert_eq!(out.matches('\u{feff}').count(), 1);
}
