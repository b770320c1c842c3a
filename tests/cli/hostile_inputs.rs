//! Inputs built to cost far more than their bytes, and workbooks that Excel shows
//! differently from what a naive reader reads. Every file is made here, part by part: a
//! workbook is a zip of a few XML parts, a Word document a zip of one.
//!
//! Before the readers were bounded, each of these aborted, hung or scored the wrong
//! figure: a 2 KB workbook claiming a trillion shared strings asked for 24 TB; cells A1 and
//! XFD1048576 for 550 GB; merge regions over a long sheet took 18 ms each; a `.docx` of a
//! few hundred bytes multiplied a `gridSpan` into gigabytes; a hidden first sheet was the
//! one scored; a 1904-dated workbook read four years early; two sparse 4 GiB files were
//! hashed whole by every `evidence`.

use crate::harness::{copy_dossier, copy_sample, run_in};
use serde_json::Value;
use std::io::Write;
use std::path::Path;

const SAMPLE: &str = "evidence/2026";

/// A zip archive of the given parts (deflated, as Office writes them).
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        out.start_file(*name, deflated).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#;

/// One date style (`numFmtId` 14, Excel's short date), as style 1.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

/// A workbook: its sheets as (name, state, sheet XML), the active tab, the `workbookPr`
/// attributes and any more parts (`xl/sharedStrings.xml`).
struct Book<'a> {
    sheets: Vec<(&'a str, &'a str, String)>,
    active: usize,
    workbook_pr: &'a str,
    more: Vec<(&'a str, String)>,
}

impl<'a> Book<'a> {
    fn one(sheet: String) -> Self {
        Book {
            sheets: vec![("Sheet1", "visible", sheet)],
            active: 0,
            workbook_pr: "",
            more: Vec::new(),
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let mut book = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr {}/><bookViews><workbookView activeTab="{}"/></bookViews><sheets>"#,
            self.workbook_pr, self.active
        );
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
        );
        for (i, (name, state, _)) in self.sheets.iter().enumerate() {
            let n = i + 1;
            book +=
                &format!(r#"<sheet name="{name}" sheetId="{n}" state="{state}" r:id="rId{n}"/>"#);
            rels += &format!(
                r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
            );
        }
        book += "</sheets></workbook>";
        rels += "</Relationships>";
        let names: Vec<String> = (1..=self.sheets.len())
            .map(|n| format!("xl/worksheets/sheet{n}.xml"))
            .collect();
        let mut parts: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", TYPES.as_bytes()),
            ("_rels/.rels", RELS.as_bytes()),
            ("xl/workbook.xml", book.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ("xl/styles.xml", STYLES.as_bytes()),
        ];
        for (name, (_, _, xml)) in names.iter().zip(&self.sheets) {
            parts.push((name, xml.as_bytes()));
        }
        for (name, xml) in &self.more {
            parts.push((name, xml.as_bytes()));
        }
        zip_of(&parts)
    }
}

/// A worksheet of the given rows of cells (`<c>` elements), then `tail` (merge cells).
fn sheet(rows: &[String], tail: &str) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for row in rows {
        xml += row;
    }
    xml + "</sheetData>" + tail + "</worksheet>"
}

/// A cell of text.
fn text_cell(at: &str, text: &str) -> String {
    let text = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;");
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

fn column(i: usize) -> char {
    (b'A' + i as u8) as char
}

/// The sample's `scores.csv` as worksheet rows of text cells, with `change` applied to each
/// (row number, column, cell) → the cell's XML.
fn sample_rows(
    dossier: &Path,
    change: impl Fn(usize, usize, &str) -> Option<String>,
) -> Vec<String> {
    let text = std::fs::read_to_string(dossier.join("scores.csv")).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .enumerate()
        .map(|(i, rec)| {
            let n = i + 1;
            let cells: String = rec
                .unwrap()
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    change(n, j, c).unwrap_or_else(|| match c.is_empty() {
                        true => String::new(),
                        false => text_cell(&format!("{}{n}", column(j)), c),
                    })
                })
                .collect();
            format!(r#"<row r="{n}">{cells}</row>"#)
        })
        .collect()
}

/// Puts a workbook in place of the sample's `scores.csv` and scores it as JSON.
fn score_workbook(dir: &Path, book: &[u8]) -> (i32, String, String) {
    let dossier = dir.join(SAMPLE);
    std::fs::write(dossier.join("scores.xlsx"), book).unwrap();
    std::fs::remove_file(dossier.join("scores.csv")).unwrap();
    run_in(dir, &["score", SAMPLE, "--format", "json"])
}

fn total(json: &str) -> String {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["total"]["achieved"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// A one-sheet score workbook with a header row and the given rows after it.
fn score_sheet(rows: &[String], tail: &str) -> Vec<u8> {
    let mut all = vec![format!(
        r#"<row r="1">{}{}{}</row>"#,
        text_cell("A1", "code"),
        text_cell("B1", "value"),
        text_cell("C1", "note")
    )];
    all.extend_from_slice(rows);
    Book::one(sheet(&all, tail)).bytes()
}

#[test]
fn a_2_kb_workbook_claiming_a_trillion_shared_strings_is_refused() {
    let dir = copy_sample(SAMPLE);
    let mut book = Book::one(sheet(
        &[r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#.to_string()],
        "",
    ));
    book.more.push((
        "xl/sharedStrings.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1000000000000"><si><t>code</t></si></sst>"#
            .to_string(),
    ));
    let bytes = book.bytes();
    assert!(bytes.len() < 2048, "{} bytes", bytes.len());
    let (code, _, err) = score_workbook(dir.path(), &bytes);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("evidence/2026/scores.xlsx: bảng chuỗi dùng chung của sổ tính (xl/sharedStrings.xml) khai 1000000000000 chuỗi, quá giới hạn 1048576"),
        "{err}"
    );
}

#[test]
fn cells_at_a1_and_xfd1048576_are_refused_at_the_last_cell() {
    let dir = copy_sample(SAMPLE);
    let far = r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#.to_string();
    let (code, _, err) = score_workbook(dir.path(), &score_sheet(&[far], ""));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("evidence/2026/scores.xlsx:Sheet1!XFD1048576: trang tính trải tới ô XFD1048576: 17179869184 ô tính từ cột A"),
        "{err}"
    );
    let (_, _, err) = run_in(dir.path(), &["score", SAMPLE, "--lang", "en"]);
    assert!(
        err.contains("Sheet1!XFD1048576: the worksheet reaches cell XFD1048576: 17179869184 cells from column A between its first and last rows with data, over the 1048576-cell cap"),
        "{err}"
    );
}

#[test]
fn merge_regions_down_a_long_sheet_are_refused_at_the_first_past_the_cap() {
    // A1 and A1048576 make a grid of 1 048 576 rows of one column (within the cap); each
    // region would then repeat A1 down the whole column.
    let dir = copy_sample(SAMPLE);
    let rows = [
        format!(r#"<row r="1">{}</row>"#, text_cell("A1", "code")),
        r#"<row r="1048576"><c r="A1048576"><v>1</v></c></row>"#.to_string(),
    ];
    let merges = r#"<mergeCell ref="A1:A1048576"/>"#.repeat(1000);
    let tail = format!(r#"<mergeCells count="1000">{merges}</mergeCells>"#);
    let bytes = Book::one(sheet(&rows, &tail)).bytes();
    assert!(bytes.len() < 4096, "{} bytes", bytes.len());
    let (code, _, err) = score_workbook(dir.path(), &bytes);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("Sheet1!A1: các vùng gộp ô của trang tính lặp giá trị vào hơn 1048576 ô (đã tới 2097150 ở vùng bắt đầu tại ô này)"),
        "{err}"
    );
}

#[test]
fn more_than_ten_thousand_merge_regions_are_refused() {
    let dir = copy_sample(SAMPLE);
    let merges: String = (1..=10_001)
        .map(|r| format!(r#"<mergeCell ref="D{r}:E{r}"/>"#))
        .collect();
    let tail = format!(r#"<mergeCells>{merges}</mergeCells>"#);
    let (code, _, err) = score_workbook(dir.path(), &score_sheet(&[], &tail));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "Sheet1!D10001: trang tính có hơn 10000 vùng gộp ô (đã đếm tới 10001 ở ô này)"
        ),
        "{err}"
    );
}

#[test]
fn a_workbook_that_inflates_past_the_cap_is_refused_naming_its_part() {
    let dir = copy_sample(SAMPLE);
    // 65 MiB of spaces inside the sheet: about 64 KB once deflated.
    let padding = " ".repeat(65 << 20);
    let bytes = score_sheet(&[], &padding);
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    let (code, _, err) = score_workbook(dir.path(), &bytes);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("evidence/2026/scores.xlsx: tệp Excel này bung ra quá lớn: phần \"xl/worksheets/sheet1.xml\" lên tới hơn 65 MiB khi giải nén, quá giới hạn 64 MiB"),
        "{err}"
    );
}

#[test]
fn the_visible_active_sheet_is_scored_and_a_hidden_first_sheet_named() {
    let dir = copy_sample(SAMPLE);
    let dossier = dir.path().join(SAMPLE);
    // The hidden first sheet holds last month's draft: 1.1.2 still "Không".
    let draft = sample_rows(&dossier, |n, j, c| {
        (j == 1 && c == "Có" && n == 3).then(|| text_cell(&format!("B{n}"), "Không"))
    });
    let current = sample_rows(&dossier, |_, _, _| None);
    let book = Book {
        sheets: vec![
            ("Bản nháp", "hidden", sheet(&draft, "")),
            ("Phiếu chấm", "visible", sheet(&current, "")),
        ],
        active: 1,
        workbook_pr: "",
        more: Vec::new(),
    };
    let (code, out, err) = score_workbook(dir.path(), &book.bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(total(&out), "89.06", "the CSV's figure");
    assert!(
        err.contains("cảnh báo: trang tính ẩn \"Bản nháp\" không được đọc: parscore đọc trang \"Phiếu chấm\", trang Excel mở ra"),
        "{err}"
    );
}

#[test]
fn an_active_tab_that_is_hidden_gives_way_to_the_first_visible_sheet() {
    let dir = copy_sample(SAMPLE);
    let dossier = dir.path().join(SAMPLE);
    let empty = sheet(&[], "");
    let current = sample_rows(&dossier, |_, _, _| None);
    let book = Book {
        sheets: vec![
            ("Cũ", "veryHidden", empty),
            ("Phiếu chấm", "visible", sheet(&current, "")),
        ],
        active: 0,
        workbook_pr: "",
        more: Vec::new(),
    };
    let (code, out, err) = score_workbook(dir.path(), &book.bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(total(&out), "89.06");
    assert!(err.contains("trang tính ẩn \"Cũ\" không được đọc"), "{err}");
}

#[test]
fn a_formula_cell_is_named_with_a_warning_and_one_without_a_saved_value_refused() {
    let dir = copy_sample(SAMPLE);
    let dossier = dir.path().join(SAMPLE);
    // 1.1.2 (row 3) as a formula whose saved value is "Có"; LibreOffice would recompute it.
    let rows = sample_rows(&dossier, |n, j, _| {
        (n == 3 && j == 1)
            .then(|| r#"<c r="B3" t="str"><f>IF(TRUE,"Có","Không")</f><v>Có</v></c>"#.to_string())
    });
    // The same formula saved by a program that does not calculate: no value at all.
    let unsaved = sample_rows(&dossier, |n, j, _| {
        (n == 3 && j == 1)
            .then(|| r#"<c r="B3" t="str"><f>IF(TRUE,"Có","Không")</f></c>"#.to_string())
    });
    let book = Book::one(sheet(&rows, ""));
    let (code, out, err) = score_workbook(dir.path(), &book.bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(total(&out), "89.06");
    assert!(
        err.contains("evidence/2026/scores.xlsx:Sheet1!B3: cảnh báo: ô này là công thức: parscore không tính lại công thức mà đọc giá trị Excel lưu lần cuối"),
        "{err}"
    );
    std::fs::write(
        dossier.join("scores.xlsx"),
        Book::one(sheet(&unsaved, "")).bytes(),
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &["score", SAMPLE]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "evidence/2026/scores.xlsx:Sheet1!B3: ô này là công thức nhưng không có giá trị đã lưu"
        ),
        "{err}"
    );
}

#[test]
fn a_workbook_in_the_1904_date_system_reads_its_dates_as_excel_shows_them() {
    let dir = copy_sample(SAMPLE);
    let dossier = dir.path().join(SAMPLE);
    let (_, by_csv, _) = run_in(dir.path(), &["score", SAMPLE, "--format", "json"]);
    // 1.1.1 was issued on 12/01/2026: serial 46034 from 1900, 44572 from 1904.
    let rows = sample_rows(&dossier, |n, j, c| {
        (j == 1 && c == "12/01/2026").then(|| format!(r#"<c r="B{n}" s="1"><v>44572</v></c>"#))
    });
    let mut book = Book::one(sheet(&rows, ""));
    book.workbook_pr = r#"date1904="1""#;
    let (code, by_xlsx, err) = score_workbook(dir.path(), &book.bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(by_xlsx, by_csv);
    assert!(by_xlsx.contains("12/01/2026"), "{by_xlsx}");
}

/// A Word document whose body is `body` (the inside of `<w:body>`).
fn docx_of(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

fn tc(props: &str, text: &str) -> String {
    format!(r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#)
}

fn import(dir: &Path, name: &str, bytes: &[u8]) -> (i32, String, String) {
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let out = dir.join("out.json");
    run_in(
        dir,
        &[
            "criteria",
            "import",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    )
}

#[test]
fn a_grid_span_of_a_billion_columns_is_refused_at_its_cell() {
    let dir = crate::harness::tempdir();
    let header = format!("<w:tr>{}{}</w:tr>", tc("", "Mã"), tc("", "Tiêu chí"));
    let wide = format!(
        "<w:tr>{}{}</w:tr>",
        tc("", "1.1"),
        tc(r#"<w:gridSpan w:val="1000000000"/>"#, "Ban hành kế hoạch")
    );
    let bytes = docx_of(&format!("<w:tbl>{header}{wide}</w:tbl>"));
    assert!(bytes.len() < 1300, "{} bytes", bytes.len());
    let (code, _, err) = import(dir.path(), "phu-luc.docx", &bytes);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("phu-luc.docx:'Bảng 1'!B2: hàng này của bảng trải ra 1000000001 cột (w:gridSpan), quá giới hạn 64 cột"),
        "{err}"
    );
}

#[test]
fn a_cell_merged_down_many_rows_cannot_repeat_past_the_text_cap() {
    let dir = crate::harness::tempdir();
    // 1 MiB of text merged down 70 rows would repeat 70 MiB.
    let big = "x".repeat(1 << 20);
    let mut rows = format!("<w:tr>{}{}</w:tr>", tc("", "Mã"), tc("", "Tiêu chí"));
    rows += &format!(
        "<w:tr>{}{}</w:tr>",
        tc("", "1"),
        tc(r#"<w:vMerge w:val="restart"/>"#, &big)
    );
    for i in 2..=70 {
        rows += &format!(
            "<w:tr>{}{}</w:tr>",
            tc("", &i.to_string()),
            tc("<w:vMerge/>", "")
        );
    }
    let bytes = docx_of(&format!("<w:tbl>{rows}</w:tbl>"));
    assert!(bytes.len() < 8 << 10, "{} bytes", bytes.len());
    let (code, _, err) = import(dir.path(), "phu-luc.docx", &bytes);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("phu-luc.docx:'Bảng 1'!B65: các bảng của tài liệu vượt 64 MiB chữ ở ô này (ô gộp dọc w:vMerge lặp chữ của nó ở mỗi hàng)"),
        "{err}"
    );
}

/// The `evidence` problems of a kind, as (document line, message).
fn problems_of(json: &str, kind: &str) -> Vec<(u64, String)> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == kind)
        .map(|p| {
            (
                p["line"].as_u64().unwrap_or(0),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const EVIDENCE: &str = "dossiers/evidence_complete";

#[test]
fn two_sparse_4_gib_files_are_compared_by_samples_not_hashed_whole() {
    let dir = copy_dossier("evidence_complete");
    let files = dir.path().join(EVIDENCE).join("files");
    for name in ["ke-hoach-cchc-2026.txt", "bao-cao-cchc-nam-2026.txt"] {
        let f = std::fs::File::create(files.join(name)).unwrap();
        f.set_len(4 << 30).unwrap();
    }
    let (code, out, err) = run_in(dir.path(), &["evidence", EVIDENCE, "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        problems_of(&out, "duplicate_content"),
        [(5, "tệp của văn bản BC02 (150/BC-VP) có vẻ trùng nội dung văn bản KH01 (05/KH-VP) (dòng 2): cùng kích thước (4096 MiB), cùng 64 KiB ở đầu, giữa và cuối tệp; tệp lớn hoặc thưa (sparse) không được băm cả tệp khi kiểm tra này (khi niêm phong, parscore seal băm cả tệp)".to_string())]
    );
}

#[test]
fn equal_size_files_that_differ_only_in_the_middle_are_told_apart() {
    let dir = copy_dossier("evidence_complete");
    let files = dir.path().join(EVIDENCE).join("files");
    // 1 MiB each: past the samples, within the whole-file limit.
    let mut a = vec![b'a'; 1 << 20];
    std::fs::write(files.join("ke-hoach-cchc-2026.txt"), &a).unwrap();
    a[300_000] = b'b';
    std::fs::write(files.join("bao-cao-cchc-nam-2026.txt"), &a).unwrap();
    let (_, out, err) = run_in(dir.path(), &["evidence", EVIDENCE, "--format", "json"]);
    assert_eq!(problems_of(&out, "duplicate_content"), [], "{err}");
    // Made equal again, the samples agree and the whole-file hashes decide.
    a[300_000] = b'a';
    std::fs::write(files.join("bao-cao-cchc-nam-2026.txt"), &a).unwrap();
    let (_, out, _) = run_in(dir.path(), &["evidence", EVIDENCE, "--format", "json"]);
    assert_eq!(
        problems_of(&out, "duplicate_content"),
        [(5, "tệp của văn bản BC02 (150/BC-VP) có nội dung trùng hệt văn bản KH01 (05/KH-VP) (dòng 2)".to_string())]
    );
}

#[test]
fn serve_answers_every_page_load_of_a_dossier_whose_workbook_claims_a_trillion_strings() {
    let dir = copy_sample(SAMPLE);
    let dossier = dir.path().join(SAMPLE);
    let mut book = Book::one(sheet(
        &[r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#.to_string()],
        "",
    ));
    book.more.push((
        "xl/sharedStrings.xml",
        r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1000000000000"><si><t>code</t></si></sst>"#
            .to_string(),
    ));
    std::fs::write(dossier.join("scores.xlsx"), book.bytes()).unwrap();
    std::fs::remove_file(dossier.join("scores.csv")).unwrap();
    let server = crate::server::Server::start(dir.path(), &[SAMPLE, "--port", "0"]);
    for _ in 0..2 {
        let score = server.get("/api/v1/dossiers/2026/score");
        assert!(
            score
                .body
                .contains("khai 1000000000000 chuỗi, quá giới hạn 1048576"),
            "{} {}",
            score.status,
            score.body
        );
        assert_eq!(server.get("/").status, 200, "the overview still loads");
    }
}
