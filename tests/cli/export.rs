//! `parscore export DOSSIER --xlsx FILE`: the submission table carries the figures `score`
//! computes, as numbers shown the Vietnamese way, with subtotal formulas whose cached
//! results are those figures.

use crate::harness::{copy_sample, run_in};
use calamine::{Data, DataType, Reader, Xlsx};
use std::collections::HashMap;

const SAMPLE: &str = "evidence/2026";

/// The score JSON's figures by code: (achieved, max).
pub fn figures(json: &str) -> (HashMap<String, (String, String)>, serde_json::Value) {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let by_code = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap().to_string();
            (s("code"), (s("achieved"), s("max")))
        })
        .collect();
    (by_code, v)
}

/// A figure as the JSON writes it: two decimals, point.
pub fn two(f: f64) -> String {
    format!("{:.2}", (f * 100.0).round() / 100.0)
}

/// `III` → `3`; a dotted code stays.
pub fn code_of(stt: &str) -> String {
    let value = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 0,
    };
    if stt.chars().all(|c| "IVX".contains(c)) && !stt.is_empty() {
        let d: Vec<i32> = stt.chars().map(value).collect();
        let n: i32 = (0..d.len())
            .map(|i| {
                if d.get(i + 1).is_some_and(|n| *n > d[i]) {
                    -d[i]
                } else {
                    d[i]
                }
            })
            .sum();
        n.to_string()
    } else {
        stt.to_string()
    }
}

#[test]
fn the_summary_table_holds_score_s_figures_with_cached_subtotals() {
    let dir = copy_sample(SAMPLE);
    let out = dir.path().join("tong-hop.xlsx");
    let (code, said, err) = run_in(
        dir.path(),
        &["export", SAMPLE, "--xlsx", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        said,
        format!(
            "đã ghi {}: trang \"Tổng hợp\", tổng 89,06 / 99 điểm, chỉ số 89,96\n",
            out.display()
        )
    );
    let (_, json, _) = run_in(dir.path(), &["score", SAMPLE, "--format", "json"]);
    let (by_code, v) = figures(&json);
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), ["Tổng hợp"]);
    let range = book.worksheet_range("Tổng hợp").unwrap();
    let styles = book.worksheet_style("Tổng hợp").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[2][0], Data::String("STT".into()));
    assert_eq!(
        rows[2][5],
        Data::String("Tài liệu kiểm chứng (số, ngày, trích yếu)".into())
    );
    let mut seen = 0;
    for (r, row) in rows.iter().enumerate().skip(4) {
        let stt = row[0].to_string();
        let Some((achieved, max)) = by_code.get(&code_of(&stt)) else {
            continue;
        };
        seen += 1;
        let number = |c: usize| match &row[c] {
            Data::Float(f) => two(*f),
            Data::Empty => "0.00".into(),
            other => panic!("row {r} column {c}: {other:?}"),
        };
        assert_eq!((&number(4), &number(2)), (achieved, max), "row {stt}");
        // Stored as numbers, shown with Vietnamese separators.
        let format = styles
            .get((r as u32, 4))
            .and_then(|s| s.number_format.clone());
        assert_eq!(
            format.map(|f| f.format_code),
            Some("[$-42A]#,##0.00".to_string()),
            "row {stt}"
        );
    }
    assert_eq!(seen, by_code.len());
    let leaf = rows
        .iter()
        .find(|r| r[0] == Data::String("1.1.1".into()))
        .unwrap();
    assert_eq!(leaf[3], Data::String("12/01/2026".into()));
    assert_eq!(
        leaf[5],
        Data::String("12/KH-BQL, 16/01/2026: Kế hoạch cải cách hành chính nhà nước năm 2026 của Ban Quản lý Khu kinh tế Hải Phòng".into())
    );
    let total = rows
        .iter()
        .find(|r| r[1] == Data::String("TỔNG ĐIỂM".into()))
        .unwrap();
    assert_eq!(
        (
            two(total[2].as_f64().unwrap()),
            two(total[4].as_f64().unwrap())
        ),
        ("99.00".into(), "89.06".into())
    );
    let index = rows
        .iter()
        .find(|r| r[1].to_string().starts_with("CHỈ SỐ CCHC"))
        .unwrap();
    assert_eq!(
        two(index[4].as_f64().unwrap()),
        v["total"]["index"].as_str().unwrap()
    );
}

#[test]
fn export_never_writes_over_a_file_of_the_dossier() {
    let dir = copy_sample(SAMPLE);
    let target = dir.path().join(SAMPLE).join("manifest.csv");
    let before = std::fs::read(&target).unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &["export", SAMPLE, "--xlsx", target.to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert!(err.contains("không ghi đè lên tệp của hồ sơ"), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), before);
}
