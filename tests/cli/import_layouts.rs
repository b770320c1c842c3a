//! `criteria import` on the layouts of real annexes: Cà Mau 2013's levels written as rows
//! under their leaf with their points in the maximum column and no rule column (in Word,
//! with the STT cell merged down over them), a column-number row and a blank first
//! heading cell, "Tiêu chí N" / "Chỉ tiêu N" / "1.1." codes, Hà Nội 2025's section IX
//! whose items read "Điểm thưởng: …" / "Điểm trừ: …", hidden Word text, and an annex with
//! no rows. Each run ends with the per-row account.

use crate::harness::run;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;

fn import(table: &Path) -> (i32, String, String, Option<Value>) {
    let out = table.with_extension("json");
    let (code, said, err) = run(&[
        "criteria",
        "import",
        table.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let v = std::fs::read_to_string(&out)
        .ok()
        .map(|t| serde_json::from_str(&t).unwrap());
    (code, said, err, v)
}

fn leaf<'a>(v: &'a Value, code: &str) -> &'a Value {
    fn find<'a>(n: &'a Value, code: &str) -> Option<&'a Value> {
        if n["code"] == code {
            return Some(n);
        }
        n["children"].as_array()?.iter().find_map(|c| find(c, code))
    }
    v["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|a| find(a, code))
        .unwrap_or_else(|| panic!("no {code} in {v}"))
}

/// A Word table: each cell is (visible text, hidden text, cell properties).
pub fn write_docx(path: &Path, rows: &[Vec<(&str, &str, &str)>]) {
    let mut xml = String::new();
    for r in rows {
        xml.push_str("<w:tr>");
        for (text, hidden, props) in r {
            let hide = if hidden.is_empty() {
                String::new()
            } else {
                format!("<w:r><w:rPr><w:vanish/></w:rPr><w:t>{hidden}</w:t></w:r>")
            };
            xml.push_str(&format!(
                "<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>{hide}</w:p></w:tc>"
            ));
        }
        xml.push_str("</w:tr>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:tbl>{xml}</w:tbl></w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let o = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", o).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap();
}

const CA_MAU: &[[&str; 3]] = &[
    ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "3"],
    ["1", "Kế hoạch CCHC", "3"],
    ["1.1", "Ban hành kế hoạch CCHC năm", "1"],
    ["", "- Ban hành kịp thời", "1"],
    ["", "- Không kịp thời", "0,5"],
    ["", "- Không ban hành", "0"],
    ["1.2", "Mức độ thực hiện kế hoạch CCHC", "2"],
    ["", "a) Thực hiện trên 90% kế hoạch", "2"],
    ["", "b) Từ 70% - 90% kế hoạch", "1"],
    ["", "c) Dưới 70% kế hoạch", "0"],
];

fn ca_mau_rules(v: &Value) {
    assert_eq!(
        leaf(v, "1.1.1")["rule"],
        json!({ "kind": "levels", "levels": [ { "label": "Ban hành kịp thời", "points": "1" }, { "label": "Không kịp thời", "points": "0.5" }, { "label": "Không ban hành", "points": "0" } ] })
    );
    // By hand: 95 % → 2, 80 % → 1 (70 ≤ 80 ≤ 90), 90 % → 1, 69 % → 0.
    assert_eq!(
        leaf(v, "1.1.2")["rule"],
        json!({ "kind": "bands", "bands": [ { "when": ">90", "points": "2" }, { "when": ">=70", "points": "1" }, { "when": "else", "points": "0" } ] })
    );
    assert_eq!(
        leaf(v, "1.1.2")["provenance"]
            .as_str()
            .unwrap()
            .split(':')
            .next(),
        Some("official")
    );
}

#[test]
fn levels_written_as_rows_under_their_leaf_are_read_as_its_levels() {
    // Cà Mau 1880/QĐ-UBND 2013, area 1 (domain primer §3): no rule column.
    let dir = crate::harness::tempdir();
    let table = dir.path().join("ca-mau-2013.csv");
    let mut w = csv::Writer::from_path(&table).unwrap();
    w.write_record([
        "STT",
        "Lĩnh vực, tiêu chí, tiêu chí thành phần",
        "Điểm tối đa",
    ])
    .unwrap();
    for r in CA_MAU {
        w.write_record(r).unwrap();
    }
    drop(w);
    let (code, said, err, v) = import(&table);
    assert_eq!((code, err.as_str()), (0, ""), "{said}");
    ca_mau_rules(&v.unwrap());
    // The account: each leaf's rule in words, each level row named as a level of its leaf.
    assert!(
        said.starts_with("Từng dòng của bảng đã được đọc thế nào:\n"),
        "{said}"
    );
    assert!(said.contains("  4: 1.1.1 Ban hành kế hoạch CCHC năm — đọc chính xác: Ban hành kịp thời: 1 điểm; Không kịp thời: 0,5 điểm; Không ban hành: 0 điểm\n"), "{said}");
    assert!(
        said.contains("  5: - Ban hành kịp thời — mức điểm của 1.1.1\n"),
        "{said}"
    );
    assert!(said.contains("  8: 1.1.2 Mức độ thực hiện kế hoạch CCHC — đọc chính xác: Trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm\n"), "{said}");
    assert!(
        said.contains(": 1 lĩnh vực, 2 tiêu chí lá, 0 tiêu chí chấm tay"),
        "{said}"
    );
}

#[test]
fn a_word_annex_with_its_stt_merged_down_over_the_level_rows_reads_the_same() {
    let dir = crate::harness::tempdir();
    let table = dir.path().join("ca-mau-2013.docx");
    let mut rows = vec![vec![
        ("STT", "", ""),
        ("Tiêu chí", "", ""),
        ("Điểm tối đa", "", ""),
    ]];
    let mut open = "";
    for r in CA_MAU {
        let stt = if r[0].is_empty() {
            (open, "", "<w:vMerge/>")
        } else {
            open = r[0];
            (r[0], "", "<w:vMerge w:val=\"restart\"/>")
        };
        rows.push(vec![stt, (r[1], "", ""), (r[2], "", "")]);
    }
    write_docx(&table, &rows);
    let (code, said, err, v) = import(&table);
    assert_eq!((code, err.as_str()), (0, ""), "{said}");
    ca_mau_rules(&v.unwrap());
}

#[test]
fn column_numbers_blank_headings_and_worded_codes() {
    let dir = crate::harness::tempdir();
    let table = dir.path().join("bang.csv");
    std::fs::write(
        &table,
        ",Nội dung,Điểm tối đa,Cách tính điểm\n\
         1,2,3,4\n\
         Tiêu chí 1,Kế hoạch CCHC,2,\n\
         1.1.,Ban hành kế hoạch,1,Có: 1đ; Không: 0đ\n\
         1.2.,Báo cáo CCHC,1,\"Đầy đủ: 01 điểm; Chưa đầy đủ: 0,5đ; Không: 0\"\n\
         Chỉ tiêu 2,Cải cách thể chế,1,\n\
         2.1,Văn bản ban hành đúng hạn,1,\"100%: 1 điểm; từ 80% đến dưới 100%: 0,5 điểm; dưới 80%: 0 điểm\"\n",
    )
    .unwrap();
    let (code, said, err, v) = import(&table);
    assert_eq!((code, err.as_str()), (0, ""), "{said}");
    let v = v.unwrap();
    assert_eq!(v["areas"].as_array().unwrap().len(), 2);
    assert_eq!(
        leaf(&v, "1.1")["rule"]["levels"][0],
        json!({ "label": "Có", "points": "1" })
    );
    assert_eq!(
        leaf(&v, "1.2")["rule"]["levels"][1],
        json!({ "label": "Chưa đầy đủ", "points": "0.5" })
    );
    // By hand: 90 % → 0,5 (80 ≤ 90 < 100); 100 % → 1; 50 % → 0.
    assert_eq!(
        leaf(&v, "2.1")["rule"],
        json!({ "kind": "bands", "bands": [ { "when": "=100", "points": "1" }, { "when": ">=80", "points": "0.5" }, { "when": "else", "points": "0" } ] })
    );
    assert!(
        said.contains(
            "  2: 2 — bỏ qua (vì: dòng đánh số cột (1, 2, 3…) dưới dòng tiêu đề: bỏ qua)\n"
        ),
        "{said}"
    );
}

#[test]
fn section_ix_items_that_name_their_kind_are_bonus_and_penalty_items() {
    // Hà Nội 2025 (domain primer §2): a ninth content "Điểm thưởng, điểm trừ", 9.1 and 9.2.
    let dir = crate::harness::tempdir();
    let table = dir.path().join("ha-noi-2025.csv");
    std::fs::write(
        &table,
        "STT,Tiêu chí,Điểm tối đa,Cách tính điểm\n\
         I,Công tác chỉ đạo,1,\n\
         1,Kế hoạch,1,\n\
         1.1,Ban hành kế hoạch,1,Có: 1; Không: 0\n\
         IX,\"ĐIỂM THƯỞNG, ĐIỂM TRỪ\",,\n\
         9.1,Điểm thưởng: Đơn vị có sáng kiến CCHC được công nhận,1,\"Mỗi sáng kiến được công nhận: cộng 0,5 điểm\"\n\
         9.2,Điểm trừ: Đơn vị gửi báo cáo CCHC chậm,1,\"Mỗi báo cáo gửi chậm trừ 0,25 điểm\"\n",
    )
    .unwrap();
    let (code, said, err, v) = import(&table);
    assert_eq!(code, 0, "{err}");
    assert!(
        said.contains("; 1 khoản điểm thưởng, 1 khoản điểm trừ;"),
        "{said}"
    );
    let items: Vec<(Value, Value, Value)> = v.unwrap()["adjustments"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["name"].clone(), i["kind"].clone(), i["rule"].clone()))
        .collect();
    assert_eq!(
        items,
        [
            (
                json!("Đơn vị có sáng kiến CCHC được công nhận"),
                json!("bonus"),
                json!({ "kind": "count", "unit": "sáng kiến", "per": "0.5" })
            ),
            (
                json!("Đơn vị gửi báo cáo CCHC chậm"),
                json!("penalty"),
                json!({ "kind": "count", "unit": "báo cáo", "per": "0.25" })
            ),
        ]
    );
}

#[test]
fn hidden_word_text_is_not_read_and_is_said() {
    // A visible maximum "1" with a hidden "0" after it: Word shows 1, not 10.
    let dir = crate::harness::tempdir();
    let table = dir.path().join("an.docx");
    let rows = vec![
        vec![
            ("STT", "", ""),
            ("Tiêu chí", "", ""),
            ("Điểm tối đa", "", ""),
            ("Cách tính điểm", "", ""),
        ],
        vec![
            ("1", "", ""),
            ("Kế hoạch", "", ""),
            ("1", "0", ""),
            ("", "", ""),
        ],
        vec![
            ("1.1", "", ""),
            ("Ban hành", "", ""),
            ("1", "", ""),
            ("Có: 1; Không: 0", "; Không có: 1", ""),
        ],
    ];
    write_docx(&table, &rows);
    let (code, said, err, v) = import(&table);
    assert_eq!(code, 0, "{said}{err}");
    let v = v.unwrap();
    assert_eq!(v["total"], "1");
    assert_eq!(
        leaf(&v, "1.1")["rule"]["levels"].as_array().unwrap().len(),
        2
    );
    assert_eq!(
        err,
        format!("{}:'Bảng 1'!C2: cảnh báo: bảng có chữ ẩn (Hidden trong Word) ở 2 ô, ô đầu tiên 'Bảng 1'!C2: chữ ẩn không được đọc, như Word không hiển thị nó\n", table.display())
    );
}

#[test]
fn an_annex_with_no_rows_is_an_error() {
    let dir = crate::harness::tempdir();
    let table = dir.path().join("trong.csv");
    std::fs::write(&table, "STT,Tiêu chí,Điểm tối đa,Cách tính điểm\n\n\n\n").unwrap();
    let (code, _, err, v) = import(&table);
    assert_eq!(code, 1, "{err}");
    assert!(v.is_none());
    assert_eq!(
        err,
        format!("{}: bảng không có dòng tiêu chí nào dưới dòng tiêu đề: không có gì để nhập\n1 lỗi, 0 cảnh báo\n", table.display())
    );
    let blank = dir.path().join("dong-trong.csv");
    std::fs::write(&blank, "\n\n\n").unwrap();
    let (code, _, _, v) = import(&blank);
    assert_eq!((code, v.is_none()), (1, true));
}
