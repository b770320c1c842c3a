//! `parscore criteria import`: a criteria table built from the real rows of the domain
//! primer (Cà Mau 2013, area 1; Phú Thọ 2025 phrasings) and the phrasings, as a
//! Word document, a workbook and a CSV file, yields exactly the rules they state; wording
//! it cannot read becomes a manual rule and is listed; a broken table gives located errors.
//! The table ends with a bonus section titled as an area ("III ĐIỂM THƯỞNG", at most 2)
//! and a penalty section on a row of its own with no maximum (its items add up to 2): they
//! become the `adjustments` section, T1, T2, P1, P2, with `index_capped` assumed and said.

use crate::harness::run;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;

/// STT, name, max, "Cách tính điểm", "Tài liệu kiểm chứng". The evidence of 1.2 and 1.3
/// is one merged cell in the Word and Excel tables.
const ROWS: &[[&str; 5]] = &[
    ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "7", "", ""],
    ["1", "Kế hoạch CCHC", "5", "", ""],
    ["1.1", "Ban hành kế hoạch CCHC năm", "1", "Ban hành kịp thời: 1; không kịp thời: 0,5; không ban hành: 0", "Kế hoạch CCHC năm"],
    ["1.2", "Xác định đầy đủ nhiệm vụ CCHC và bố trí kinh phí", "1", "Có: 1; Không: 0", "Kế hoạch CCHC năm (phụ lục nhiệm vụ)"],
    ["1.3", "Kết quả phải đạt xác định rõ ràng, định rõ trách nhiệm", "1", "Đáp ứng yêu cầu: 1; Không đáp ứng: 0", "Kế hoạch CCHC năm (phụ lục nhiệm vụ)"],
    ["1.4", "Mức độ thực hiện kế hoạch CCHC", "2", "Trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0", "Báo cáo kết quả thực hiện kế hoạch"],
    ["2", "Báo cáo CCHC", "2", "", ""],
    ["2.1", "Báo cáo CCHC đủ số lượng, đúng thời gian (quý I, 6 tháng, quý III, năm)", "1", "Đầy đủ, đúng thời gian: 1; Không đầy đủ hoặc không đúng thời gian: 0", ""],
    ["2.2", "Báo cáo có đầy đủ nội dung theo hướng dẫn", "1", "Đáp ứng yêu cầu: 1; Không đáp ứng: 0", ""],
    ["II", "CẢI CÁCH THỂ CHẾ", "25", "", ""],
    ["1", "Xây dựng, rà soát VBQPPL", "25", "", ""],
    ["1.1", "Tỷ lệ VBQPPL tham mưu ban hành đúng thời hạn", "1", "Tỷ lệ × điểm tối đa", ""],
    ["1.2", "Số VBQPPL bị phát hiện trái pháp luật", "1", "Mỗi trường hợp trừ 0,25 điểm", "Kết luận kiểm tra (nếu có)"],
    ["1.3", "Rà soát, hệ thống hóa VBQPPL", "2", "Có: Điểm tối đa; Có vi phạm nhẹ: trừ 50% điểm; Hoàn thành tốt: 75% điểm; Thực hiện một phần: 1/2 × điểm tối đa; Không: 0 điểm", ""],
    ["1.4", "Ban chỉ đạo CCHC họp định kỳ", "20", "Họp 4 lần/năm: 20 điểm", "Biên bản họp"],
    ["1.5", "Thực hiện các nhiệm vụ khác về thể chế", "1", "Thực hiện chưa đầy đủ: trừ điểm tương ứng", ""],
    ["III", "ĐIỂM THƯỞNG", "2", "", ""],
    ["1", "Sáng kiến CCHC được công nhận", "1.5", "Mỗi sáng kiến được công nhận: cộng 0,5 điểm", "Quyết định công nhận sáng kiến (nếu có)"],
    ["2", "Giải thưởng về CCHC", "1", "Cấp thành phố: 1; Không: 0", ""],
    ["", "Điểm trừ", "", "", ""],
    ["1", "Báo cáo CCHC gửi chậm", "1", "Mỗi báo cáo gửi chậm trừ 0,25 điểm", ""],
    ["2", "Vi phạm bị cơ quan có thẩm quyền kết luận", "1", "Có vi phạm: 1; Không: 0", ""],
];

const HEADER: [&str; 5] = [
    "STT",
    "Tiêu chí, tiêu chí thành phần",
    "Điểm tối đa",
    "Cách tính điểm",
    "Tài liệu kiểm chứng",
];

fn write_csv(path: &Path) {
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(HEADER).unwrap();
    for r in ROWS {
        w.write_record(r).unwrap();
    }
}

fn write_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    ws.merge_range(0, 0, 0, 4, "PHỤ LỤC: BỘ CHỈ SỐ CCHC NĂM 2026", &plain)
        .unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (i, r) in ROWS.iter().enumerate() {
        let row = 3 + i as u32;
        for (c, cell) in r.iter().enumerate() {
            match (c, cell.parse::<f64>()) {
                (2, Ok(n)) => {
                    ws.write_number(row, 2, n).unwrap();
                }
                _ if !cell.is_empty() => {
                    ws.write_string(row, c as u16, *cell).unwrap();
                }
                _ => {}
            }
        }
    }
    // 1.2 and 1.3 share one merged evidence cell.
    ws.merge_range(6, 4, 7, 4, ROWS[3][4], &plain).unwrap();
    book.save(path).unwrap();
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn write_docx(path: &Path) {
    let cell = |text: &str, props: &str| {
        let paragraphs: String = text
            .split('\n')
            .map(|p| {
                format!(
                    "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                    escape(p)
                )
            })
            .collect();
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>")
    };
    let mut rows = String::new();
    rows.push_str(&format!(
        "<w:tr>{}</w:tr>",
        HEADER.iter().map(|h| cell(h, "")).collect::<String>()
    ));
    for (i, r) in ROWS.iter().enumerate() {
        let mut cells = String::new();
        let area = r[0].starts_with('I');
        for (c, text) in r.iter().enumerate() {
            match (area, c, i) {
                // An area row's last two cells are one, spread over two grid columns.
                (true, 3, _) => cells.push_str(&cell("", "<w:gridSpan w:val=\"2\"/>")),
                (true, 4, _) => {}
                (_, 4, 3) => cells.push_str(&cell(text, "<w:vMerge w:val=\"restart\"/>")),
                (_, 4, 4) => cells.push_str(&cell("", "<w:vMerge/>")),
                _ => cells.push_str(&cell(text, "")),
            }
        }
        rows.push_str(&format!("<w:tr>{cells}</w:tr>"));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\
         <w:tbl><w:tr><w:tc><w:p><w:r><w:t>UBND THÀNH PHỐ</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
         <w:p><w:r><w:t>PHỤ LỤC: BỘ CHỈ SỐ CCHC NĂM 2026 &amp; CÁCH CHẤM</w:t></w:r></w:p>\
         <w:tbl>{rows}</w:tbl></w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>").unwrap();
    zip.start_file("_rels/.rels", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap();
}

/// The leaves' rules as imported, by code.
fn rules(file: &Path) -> Vec<(String, Value, Value)> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    fn walk(n: &Value, out: &mut Vec<(String, Value, Value)>) {
        match n.get("children") {
            Some(c) => c.as_array().unwrap().iter().for_each(|c| walk(c, out)),
            None => out.push((
                n["code"].as_str().unwrap().to_string(),
                n["rule"].clone(),
                n.get("evidence").cloned().unwrap_or(Value::Null),
            )),
        }
    }
    let mut out = Vec::new();
    v["areas"]
        .as_array()
        .unwrap()
        .iter()
        .for_each(|a| walk(a, &mut out));
    out
}

fn expected() -> Vec<(String, Value, Value)> {
    let levels = |l: &[(&str, &str)]| json!({ "kind": "levels", "levels": l.iter().map(|(a, p)| json!({ "label": a, "points": p })).collect::<Vec<_>>() });
    let needed = |w: &str| json!([{ "what": w, "required": true }]);
    vec![
        (
            "1.1.1".into(),
            levels(&[
                ("Ban hành kịp thời", "1"),
                ("không kịp thời", "0.5"),
                ("không ban hành", "0"),
            ]),
            needed("Kế hoạch CCHC năm"),
        ),
        (
            "1.1.2".into(),
            levels(&[("Có", "1"), ("Không", "0")]),
            needed("Kế hoạch CCHC năm (phụ lục nhiệm vụ)"),
        ),
        (
            "1.1.3".into(),
            levels(&[("Đáp ứng yêu cầu", "1"), ("Không đáp ứng", "0")]),
            needed("Kế hoạch CCHC năm (phụ lục nhiệm vụ)"),
        ),
        (
            "1.1.4".into(),
            json!({ "kind": "bands", "bands": [ { "when": ">90", "points": "2" }, { "when": ">=70", "points": "1" }, { "when": "else", "points": "0" } ] }),
            needed("Báo cáo kết quả thực hiện kế hoạch"),
        ),
        (
            "1.2.1".into(),
            levels(&[
                ("Đầy đủ, đúng thời gian", "1"),
                ("Không đầy đủ hoặc không đúng thời gian", "0"),
            ]),
            Value::Null,
        ),
        (
            "1.2.2".into(),
            levels(&[("Đáp ứng yêu cầu", "1"), ("Không đáp ứng", "0")]),
            Value::Null,
        ),
        ("2.1.1".into(), json!({ "kind": "ratio" }), Value::Null),
        (
            "2.1.2".into(),
            json!({ "kind": "deduct", "per": "0.25" }),
            json!([{ "what": "Kết luận kiểm tra (nếu có)", "required": "if_happened" }]),
        ),
        (
            "2.1.3".into(),
            levels(&[
                ("Có", "2"),
                ("Có vi phạm nhẹ", "50%"),
                ("Hoàn thành tốt", "75%"),
                ("Thực hiện một phần", "50%"),
                ("Không", "0"),
            ]),
            Value::Null,
        ),
        (
            "2.1.4".into(),
            json!({ "kind": "count", "unit": "lần", "bands": [ { "when": ">=4", "points": "20" }, { "when": "else", "points": "0" } ] }),
            needed("Biên bản họp"),
        ),
        (
            "2.1.5".into(),
            json!({ "kind": "manual", "step": "0.25" }),
            Value::Null,
        ),
    ]
}

/// The `adjustments` section the table's last rows state.
fn expected_adjustments(source: &str) -> Value {
    let official = format!("official: {source}");
    json!({
        "max_bonus": "2", "max_penalty": "2", "index_capped": true,
        "items": [
            { "code": "T1", "name": "Sáng kiến CCHC được công nhận", "kind": "bonus", "max": "1.5",
              "rule": { "kind": "count", "unit": "sáng kiến", "per": "0.5" }, "provenance": official,
              "evidence": [ { "what": "Quyết định công nhận sáng kiến (nếu có)", "required": "if_happened" } ] },
            { "code": "T2", "name": "Giải thưởng về CCHC", "kind": "bonus", "max": "1",
              "rule": { "kind": "levels", "levels": [ { "label": "Cấp thành phố", "points": "1" }, { "label": "Không", "points": "0" } ] },
              "provenance": official },
            { "code": "P1", "name": "Báo cáo CCHC gửi chậm", "kind": "penalty", "max": "1",
              "rule": { "kind": "count", "unit": "báo cáo", "per": "0.25" }, "provenance": official },
            { "code": "P2", "name": "Vi phạm bị cơ quan có thẩm quyền kết luận", "kind": "penalty", "max": "1",
              "rule": { "kind": "levels", "levels": [ { "label": "Có vi phạm", "points": "1" }, { "label": "Không", "points": "0" } ] },
              "provenance": official }
        ]
    })
}

fn imports_exactly(make: fn(&Path), name: &str, manual_at: &str, bonus_at: &str) {
    let dir = crate::harness::tempdir();
    let table = dir.path().join(name);
    make(&table);
    let out = dir.path().join("bo-chi-so.json");
    let (code, said, err) = run(&[
        "criteria",
        "import",
        table.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        said.contains(": 2 lĩnh vực, 11 tiêu chí lá, 1 tiêu chí chấm tay"),
        "{said}"
    );
    assert!(
        said.contains("; 2 khoản điểm thưởng, 2 khoản điểm trừ; kiểm tra"),
        "{said}"
    );
    // The one rule it cannot read is listed with its place in the table and kept; the
    // index cap, which no table states, is said to be assumed.
    assert_eq!(
        err,
        format!("{t}:{manual_at}: [2.1.5] cảnh báo: chưa đọc được cách tính điểm \"Thực hiện chưa đầy đủ: trừ điểm tương ứng\": đặt là chấm tay (manual), nguyên văn giữ trong \"provenance\"; sửa tệp JSON nếu cần\n\
                 {t}:{bonus_at}: cảnh báo: bảng không nói chỉ số có được vượt 100 khi cộng điểm thưởng hay không: coi là không vượt (\"index_capped\": true); sửa tệp JSON nếu quy định cho phép vượt\n", t = table.display())
    );
    let got = rules(&out);
    for (want, have) in expected().iter().zip(&got) {
        assert_eq!(want, have);
    }
    assert_eq!(got.len(), expected().len());
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(
        (v["year"].clone(), v["total"].clone()),
        (json!(2026), json!("32"))
    );
    assert_eq!(v["adjustments"], expected_adjustments(name));
    let (code, said, err) = run(&["criteria", "check", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{said}{err}");
}

#[test]
fn a_word_annex_with_merged_cells_imports_to_the_rules_it_states() {
    imports_exactly(
        write_docx,
        "phu-luc-2026.docx",
        "'Bảng 2'!D17",
        "'Bảng 2'!B18",
    );
}

#[test]
fn an_excel_annex_below_its_title_imports_to_the_same_rules() {
    imports_exactly(write_xlsx, "phu-luc-2026.xlsx", "Sheet1!D19", "Sheet1!B20");
}

#[test]
fn a_csv_annex_imports_to_the_same_rules() {
    imports_exactly(write_csv, "phu-luc-2026.csv", "17", "18");
}

#[test]
fn a_broken_table_gives_located_errors_and_writes_nothing() {
    let dir = crate::harness::tempdir();
    let table = dir.path().join("hong.csv");
    std::fs::write(
        &table,
        "STT,Tiêu chí,Điểm tối đa,Cách tính điểm\n\
         I,Công tác chỉ đạo,4,\n\
         1,Kế hoạch CCHC,3,\n\
         1.1,Ban hành kế hoạch,1,Có: 1; Không: 0\n\
         1.2,Thực hiện kế hoạch,1,Có: 1; Không: 0\n\
         2,Báo cáo CCHC,1,\n\
         2.1,Báo cáo đúng hạn,một,Có: 1; Không: 0\n",
    )
    .unwrap();
    let out = dir.path().join("ra.json");
    let (code, _, err) = run(&[
        "criteria",
        "import",
        table.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    let t = table.display();
    assert_eq!(
        err,
        format!(
            "{t}:3: [1.1] điểm tối đa 3 nhưng các dòng con cộng lại 2\n\
             {t}:7: [1.2.1] điểm tối đa \"một\" không phải là số\n\
             2 lỗi, 0 cảnh báo\n"
        )
    );
    assert!(!out.exists());
}

#[test]
fn bonus_and_penalty_under_one_heading_are_read_by_their_lettered_sections() {
    // "IV Điểm thưởng, điểm trừ" over "A Điểm thưởng" (at most 1) and "B Điểm trừ" (written
    // "-0,5"); a row under the common heading before either section is neither, and skipped.
    let dir = crate::harness::tempdir();
    let table = dir.path().join("thuong-tru.csv");
    std::fs::write(
        &table,
        "STT,Tiêu chí,Điểm tối đa,Cách tính điểm\n\
         I,Công tác chỉ đạo,1,\n\
         1,Kế hoạch CCHC,1,\n\
         1.1,Ban hành kế hoạch,1,Có: 1; Không: 0\n\
         IV,\"Điểm thưởng, điểm trừ\",,\n\
         -,Ghi chú chung,,\n\
         A,Điểm thưởng,1,\n\
         1,Mô hình mới được nhân rộng,1,Có: 1; Không: 0\n\
         B,Điểm trừ,\"-0,5\",\n\
         1,Chậm báo cáo,\"0,5\",\"Mỗi lần chậm trừ 0,25 điểm\"\n",
    )
    .unwrap();
    let out = dir.path().join("ra.json");
    let (code, said, err) = run(&[
        "criteria",
        "import",
        table.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        said.contains("; 1 khoản điểm thưởng, 1 khoản điểm trừ;"),
        "{said}"
    );
    let t = table.display();
    assert_eq!(
        err,
        format!(
            "{t}:6: cảnh báo: dòng \"Ghi chú chung\" nằm dưới phần điểm thưởng, điểm trừ chung, chưa biết là điểm thưởng hay điểm trừ: bỏ qua; thêm dòng \"Điểm thưởng\" hoặc \"Điểm trừ\" phía trên\n\
             {t}:7: cảnh báo: bảng không nói chỉ số có được vượt 100 khi cộng điểm thưởng hay không: coi là không vượt (\"index_capped\": true); sửa tệp JSON nếu quy định cho phép vượt\n"
        )
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let a = &v["adjustments"];
    assert_eq!(
        (&a["max_bonus"], &a["max_penalty"]),
        (&json!("1"), &json!("0.5"))
    );
    let items: Vec<(&Value, &Value, &Value)> = a["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (&i["code"], &i["kind"], &i["rule"]))
        .collect();
    assert_eq!(
        items,
        [
            (
                &json!("T1"),
                &json!("bonus"),
                &json!({ "kind": "levels", "levels": [ { "label": "Có", "points": "1" }, { "label": "Không", "points": "0" } ] })
            ),
            (
                &json!("P1"),
                &json!("penalty"),
                &json!({ "kind": "count", "unit": "lần", "per": "0.25" })
            ),
        ]
    );
    assert_eq!(v["total"], "1");
    let (code, said, err) = run(&["criteria", "check", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{said}{err}");
}
