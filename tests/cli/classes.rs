//! Result classes (xếp loại) defined in the criteria file: the class reached, and what keeps
//! the unit out of the next one. Criteria `tests/data/criteria/good/classes.json` (total 10:
//! area 1 = 1.1, max 2; area 2 = 2.1, max 8; manual points). Classes, best first:
//! "Xuất sắc" index ≥ 90 and every area ≥ 80 %; "Tốt" ≥ 80 and 2.1 ≥ 70 %; "Khá" ≥ 70;
//! "Trung bình" ≥ 50.
//!
//! Met exactly: 1.1 = 1,6 (80,00 %), 2.1 = 7,4 → 9 / 10 = 90,00 → "Xuất sắc", the highest.
//! Missed by one area: 1.1 = 1,5 (75 %), 2.1 = 8 → 9,5 / 10 = 95,00, but area 1 is 5,00 %
//! below its 80 % (0,8 × 2 − 1,5 = 0,10 points short) → "Tốt".

use crate::harness::{copy_dossier, data, run, run_in};
use serde_json::{json, Value};

fn score_json(dossier: &str) -> Value {
    let path = data(&format!("dossiers/{dossier}"));
    let (code, out, err) = run(&["score", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn a_class_boundary_met_exactly_reaches_the_class() {
    let v = score_json("class_boundary_met");
    assert_eq!(v["total"]["index"], "90.00");
    assert_eq!(v["class"], json!({ "label": "Xuất sắc" }));
    assert_eq!(v["next_class"], Value::Null);
    let path = data("dossiers/class_boundary_met");
    let (_, out, _) = run(&["score", path.to_str().unwrap()]);
    assert!(out.contains("Xếp loại: Xuất sắc (mức cao nhất)"), "{out}");
}

#[test]
fn one_area_below_its_minimum_keeps_the_unit_out_of_the_class() {
    let v = score_json("class_missed_by_one_area");
    assert_eq!(v["total"]["index"], "95.00");
    assert_eq!(v["class"], json!({ "label": "Tốt" }));
    assert_eq!(
        v["next_class"],
        json!({ "label": "Xuất sắc", "blockers": [ {
            "code": "1", "name": "Công tác chỉ đạo, điều hành", "minimum": "80.00",
            "reached": "75.00", "short_percent": "5.00", "short_points": "0.10" } ] })
    );
    let path = data("dossiers/class_missed_by_one_area");
    let (_, out, _) = run(&["score", path.to_str().unwrap()]);
    assert!(out.contains("Xếp loại: Tốt\n  Chưa đạt mức \"Xuất sắc\":\n  - 1 Công tác chỉ đạo, điều hành đạt 75,00%, cần từ 80% trở lên (thiếu 5,00%, tức 0,1 điểm)"), "{out}");
    let (_, out, _) = run(&["--lang", "en", "score", path.to_str().unwrap()]);
    assert!(out.contains("Class: Tốt\n  Not yet \"Xuất sắc\":\n  - 1 Công tác chỉ đạo, điều hành at 75.00%, needs at least 80% (5.00% short, that is 0.1 points)"), "{out}");
}

#[test]
fn the_index_below_every_class_names_the_lowest_and_its_shortfall() {
    // 1.1 = 1, 2.1 = 3 → 4 / 10 = 40,00: short of "Trung bình" by 10,00, that is 1 point.
    let dir = copy_dossier("class_boundary_met");
    let scores = dir.path().join("dossiers/class_boundary_met/scores.csv");
    std::fs::write(&scores, "code,value,note\n1.1,1,\n2.1,3,\n").unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &["score", "dossiers/class_boundary_met", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["class"], Value::Null);
    assert_eq!(v["next_class"]["label"], "Trung bình");
    assert_eq!(
        v["next_class"]["blockers"],
        json!([ { "code": null, "name": null, "minimum": "50.00", "reached": "40.00",
                  "short_percent": "10.00", "short_points": "1.00" } ])
    );
}

#[test]
fn gap_shows_the_class_and_what_blocks_the_next() {
    let path = data("dossiers/class_missed_by_one_area");
    let (code, out, err) = run(&["gap", path.to_str().unwrap(), "--threshold", "96"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Xếp loại: Tốt\n  Chưa đạt mức \"Xuất sắc\":\n  - 1 Công tác chỉ đạo, điều hành đạt 75,00%"), "{out}");
    let (_, out, _) = run(&[
        "gap",
        path.to_str().unwrap(),
        "--threshold",
        "96",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["class"]["label"], "Tốt");
    assert_eq!(v["next_class"]["blockers"][0]["short_points"], "0.10");
}

#[test]
fn criteria_show_words_the_classes() {
    let file = data("criteria/good/classes.json");
    let (code, out, err) = run(&["criteria", "show", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Xếp loại (từ cao xuống thấp):\n  Xuất sắc: chỉ số từ 90 trở lên; mọi lĩnh vực từ 80% trở lên\n  Tốt: chỉ số từ 80 trở lên; 2.1 từ 70% trở lên\n  Khá: chỉ số từ 70 trở lên\n  Trung bình: chỉ số từ 50 trở lên\n"), "{out}");
}

#[test]
fn criteria_check_locates_every_mistake_in_the_classes() {
    let f = "tests/data/criteria/bad/classes_mistakes.json";
    let (code, _, err) = run(&["criteria", "check", f]);
    assert_eq!(code, 1);
    for line in [
        format!("{f}:13: mức \"Xuất sắc\": \"min_index\" 120 nằm ngoài 0..100"),
        format!("{f}:14: [1.9] mức \"Tốt\": \"min_percent\" nêu mã \"1.9\" không có trong cây tiêu chí xep-loai-sai"),
        format!("{f}:14: mức \"Tốt\": tỷ lệ tối thiểu 150% nằm ngoài 0..100"),
        format!("{f}:15: mức \"Khá\" cần chỉ số 85, cao hơn mức \"Tốt\" đứng trước nó (80): các mức xếp loại viết từ cao xuống thấp"),
        format!("{f}:16: khóa không xác định \"min\""),
        format!("{f}:16: mức xếp loại \"Tốt\" bị trùng (đã dùng ở dòng 14)"),
    ] {
        assert!(err.contains(&line), "{line}\n---\n{err}");
    }
}
