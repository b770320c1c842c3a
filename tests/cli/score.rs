//! `parscore score`: every rule kind against figures computed by hand.
//!
//! The criteria are `tests/data/criteria/good/rules.json` (total 10: area 1 self-assessed 8,
//! area 8 survey 2). In `scored_by_hand`:
//! 1.1.1 deadline, issued 15/01/2026 = the due date       → 1
//! 1.1.2 bands, exactly 90 is not ">90", it is ">=70"      → 1
//! 1.2.1 levels, "có vi phạm nhẹ" = 50% of 1               → 0.5
//! 1.2.2 ratio, 45/48 = 93.75% of 1                        → 0.9375
//! 1.2.3 deduct, 0.5 − 3 × 0.25 is below zero              → 0
//! 1.2.4 manual                                            → 0.25
//! 1.3   plan.completion: due by 30/11 are tasks 1, 2, 3, 6, of which 1, 2, 3 are done;
//!       task 5 (all year) is done early and counts, task 4 (ongoing) is neither due nor
//!       done (4/5 = 80%, ">=70")                         → 1
//! 8.1   survey projection, 81.25% of 2                    → 1.625
//! self 4.6875 / 8, survey 1.625 / 2, total 6.3125 / 10, index 63.125 → 63.13
//! (half away from zero; rounding half to even would give 63.12).

use crate::harness::{data, run};
use serde_json::Value;

fn score_json(dossier: &str) -> Value {
    let path = data(&format!("dossiers/{dossier}"));
    let (code, out, err) = run(&["score", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("JSON")
}

fn item<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no item {code}"))
}

#[test]
fn every_rule_kind_scores_as_computed_by_hand() {
    let v = score_json("scored_by_hand");
    let expect = [
        ("1.1.1", "1.00", "scored"),
        ("1.1.2", "1.00", "scored"),
        ("1.2.1", "0.50", "scored"),
        ("1.2.2", "0.94", "scored"),
        ("1.2.3", "0.00", "scored"),
        ("1.2.4", "0.25", "scored"),
        ("1.3", "1.00", "scored"),
        ("8.1", "1.63", "projected"),
    ];
    for (code, achieved, status) in expect {
        let i = item(&v, code);
        assert_eq!(i["achieved"], achieved, "{code}");
        assert_eq!(i["status"], status, "{code}");
    }
    assert_eq!(item(&v, "1.3")["value"], "4/5");
    assert_eq!(item(&v, "1.2")["achieved"], "1.69");
    assert_eq!(item(&v, "1.2")["max"], "3.00");
    let t = &v["total"];
    assert_eq!(t["achieved"], "6.31");
    assert_eq!(t["max"], "10.00");
    assert_eq!(t["index"], "63.13");
    assert_eq!(t["self_achieved"], "4.69");
    assert_eq!(t["self_max"], "8.00");
    assert_eq!(t["survey_achieved"], "1.63");
    assert_eq!(t["survey_max"], "2.00");
    assert_eq!(v["areas"][0]["percent"], "58.59");
    assert_eq!(v["criteria"]["id"], "test-rules");
}

#[test]
fn the_table_reads_as_a_vietnamese_reader_expects() {
    let path = data("dossiers/scored_by_hand");
    let (code, out, _) = run(&["score", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Tổng điểm tự đánh giá: 6,31 / 10 điểm — Chỉ số 63,13"),
        "{out}"
    );
    assert!(out.contains("phần đơn vị tự chấm: 4,69 / 8; phần điều tra XHH (dự kiến): 1,63 / 2"));
    assert!(out.contains("dự kiến (ĐTXHH)"));
    assert!(out.contains("tính đến 30/11/2026"));
}

#[test]
fn csv_output_carries_the_same_figures() {
    let path = data("dossiers/scored_by_hand");
    let (code, out, _) = run(&["score", path.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(
        "\u{feff}code,name,level,kind,method,value,achieved,max,percent,status,strict\n"
    ));
    assert!(out.contains(
        "\n1.2.2,Tỷ lệ kiến nghị được xử lý,leaf,ratio,self,45/48,0.94,1.00,93.75,scored,\n"
    ));
    assert!(
        // No manifest: the strict cell is empty (unknown).
        out.ends_with("total,Đơn vị kiểm thử,total,,,,6.31,10.00,63.13,,\n"),
        "{out}"
    );
}

#[test]
fn not_applicable_leaves_the_maximum_and_renormalises_the_index() {
    let v = score_json("not_applicable");
    assert_eq!(item(&v, "1.2.2")["status"], "not_applicable");
    assert_eq!(item(&v, "1.2.2")["max"], "0.00");
    // 6.3125 − 0.9375 = 5.375 out of 10 − 1 = 9: index 59.7222… → 59.72
    assert_eq!(v["total"]["achieved"], "5.38");
    assert_eq!(v["total"]["max"], "9.00");
    assert_eq!(v["total"]["index"], "59.72");
    assert_eq!(v["total"]["self_max"], "7.00");
}

#[test]
fn not_applicable_without_a_note_is_a_warning() {
    let path = data("dossiers/not_applicable");
    let (code, _, err) = run(&["score", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(err.contains("not_applicable/scores.csv:5: [1.2.2] cảnh báo: tiêu chí không áp dụng nhưng không có ghi chú giải trình"), "{err}");
}

#[test]
fn unscored_leaves_score_zero_and_are_listed() {
    let v = score_json("unscored");
    assert_eq!(item(&v, "1.1.2")["status"], "unscored");
    assert_eq!(item(&v, "1.2.4")["achieved"], "0.00");
    assert_eq!(v["unscored"], serde_json::json!(["1.1.2", "1.2.4"]));
    // 6.3125 − 1 − 0.25 = 5.0625 → 5.06, index 50.625 → 50.63
    assert_eq!(v["total"]["achieved"], "5.06");
    assert_eq!(v["total"]["index"], "50.63");
    let path = data("dossiers/unscored");
    let (_, out, _) = run(&["score", path.to_str().unwrap()]);
    assert!(out.contains("Chưa chấm (2): 1.1.2, 1.2.4"), "{out}");
}

#[test]
fn values_that_do_not_fit_are_all_reported_and_no_total_is_printed() {
    let path = data("dossiers/bad_values");
    let (code, out, err) = run(&["score", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    let f = "tests/data/dossiers/bad_values/scores.csv";
    for line in [
        format!("{f}:2: [1.1.1] \"31/02/2026\" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)"),
        format!("{f}:3: [1.1.2] tỷ lệ 120% nằm ngoài 0..100%"),
        format!("{f}:4: [1.2.1] \"Tốt lắm\" không khớp mức nào; các mức: \"Có\", \"Có vi phạm nhẹ\", \"Không\""),
        format!("{f}:5: [1.2.3] \"2.5\" không phải số trường hợp (số nguyên ≥ 0)"),
        format!("{f}:6: [1.2.4] 0.3 điểm không phải bội số của bước 0,25"),
        format!("{f}:7: [9.9] mã không có trong bộ tiêu chí test-rules"),
        format!("{f}:8: [1.2] mã này là tiêu chí cha: chỉ chấm điểm tiêu chí lá (các mã con của nó); dòng của tiêu chí cha hoặc lĩnh vực chỉ được ghi \"Không áp dụng\" (kèm ghi chú)"),
        format!("{f}:10: [1.2.2] mã đã được kê khai ở dòng 9"),
    ] {
        assert!(err.contains(&line), "missing: {line}\n{err}");
    }
    assert!(err.ends_with("8 lỗi, 0 cảnh báo\n"));
}

#[test]
fn errors_are_in_english_on_request() {
    let path = data("dossiers/bad_values");
    let (code, _, err) = run(&["--lang", "en", "score", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("scores.csv:3: [1.1.2] the rate 120% is outside 0..100%"),
        "{err}"
    );
    assert!(err.ends_with("8 errors, 0 warnings\n"));
}

#[test]
fn appraised_points_stand_beside_the_self_assessed_ones() {
    let v = score_json("appraised");
    // self: 0.5 + 2 + 1 + 1 + 0.5 + 0.5 + 1 = 6.5; survey 1.8; total 8.3
    assert_eq!(v["total"]["achieved"], "8.30");
    // appraised: 0.5 + 1 + 1 + 1 + 0.25 + 0.25 + 1 + 1.5 = 6.5
    assert_eq!(v["total"]["appraised"], "6.50");
    assert_eq!(v["total"]["appraised_index"], "65.00");
    assert_eq!(v["total"]["difference"], "-1.80");
    assert_eq!(item(&v, "1.1.2")["appraised"], "1.00");
    assert_eq!(item(&v, "1.1.2")["difference"], "-1.00");
    assert_eq!(v["areas"][0]["appraised"], "5.00");
    let path = data("dossiers/appraised");
    let (_, out, _) = run(&["score", path.to_str().unwrap()]);
    assert!(out.contains("Tổng điểm thẩm định: 6,5 / 10 điểm — Chỉ số 65,00 (chênh lệch so với tự đánh giá: -1,8)"), "{out}");
}

#[test]
fn explain_shows_the_working_for_a_leaf_and_a_criterion() {
    let path = data("dossiers/scored_by_hand");
    let p = path.to_str().unwrap();
    let (code, out, _) = run(&["score", p, "--explain", "1.1.2"]);
    assert_eq!(code, 0);
    assert!(out.contains("Kê khai: 90,00%"), "{out}");
    assert!(
        out.contains("Cách tính điểm: Trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm")
    );
    assert!(
        out.contains("→ Áp dụng từ 70% đến 90% → Điểm 1 / 2"),
        "{out}"
    );
    let (_, out, _) = run(&["score", p, "--explain", "1.3"]);
    assert!(
        out.contains("từ kế hoạch: 4/5 nhiệm vụ đã hoàn thành (tính cả 1 nhiệm vụ hoàn thành trước hạn); 1 nhiệm vụ chưa đến hạn và chưa hoàn thành"),
        "{out}"
    );
    let (_, out, _) = run(&["score", p, "--explain", "1.2"]);
    assert!(out.contains("= tổng các tiêu chí con: 1,69 / 3"), "{out}");
    assert!(
        out.contains("→ Áp dụng 0,5 − 3 × 0,25 (không thấp hơn 0) → Điểm 0 / 0,5"),
        "{out}"
    );
    let (code, _, err) = run(&["score", p, "--explain", "7.7"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "--explain: [7.7] bộ tiêu chí test-rules không có mã \"7.7\"\n"
    );
}

#[test]
fn a_missing_dossier_cannot_run() {
    let (code, _, err) = run(&["score", "tests/data/dossiers/no_such_dossier"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no_such_dossier: không có thư mục này; kiểm tra tên thư mục hồ sơ"),
        "{err}"
    );
}

/// A temporary copy of a fixture dossier with its criteria file beside it, so that the
/// test may rewrite its files.
fn self_contained_copy(dossier: &str) -> tempfile::TempDir {
    let dir = crate::harness::copy_dir(&data(&format!("dossiers/{dossier}")));
    std::fs::copy(
        data("criteria/good/rules.json"),
        dir.path().join("rules.json"),
    )
    .unwrap();
    let settings = std::fs::read_to_string(dir.path().join("dossier.json"))
        .unwrap()
        .replace("../../criteria/good/rules.json", "rules.json");
    std::fs::write(dir.path().join("dossier.json"), settings).unwrap();
    dir
}

#[test]
fn an_excel_export_in_windows_1258_with_semicolons_scores_the_same() {
    let dir = self_contained_copy("scored_by_hand");
    // Decomposed Vietnamese (as Windows-1258 decodes), decimal commas, CRLF, a `sep=;` line.
    let rows = "sep=;\r\ncode;value;note\r\n1.1.1;15/01/2026;\r\n1.1.2;90;\r\n\
                1.2.1;Co\u{301} vi pha\u{323}m nhe\u{323};\r\n1.2.2;45/48;\r\n1.2.3;3;\r\n\
                1.2.4;0,25;\r\n8.1;81,25;\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(rows);
    assert!(!unmappable);
    std::fs::write(dir.path().join("scores.csv"), &bytes).unwrap();
    let (code, out, err) = run(&["score", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], score_json("scored_by_hand")["total"]);
    assert_eq!(item(&v, "1.2.1")["achieved"], "0.50");
}

#[test]
fn band_edges_follow_the_written_rule() {
    // ">90" then ">=70" then "else": 90 → 1, 90.01 → 2, 70 → 1, 69.99 → 0.
    for (value, points) in [
        ("90", "1.00"),
        ("90.01", "2.00"),
        ("70", "1.00"),
        ("69,99", "0.00"),
        ("100", "2.00"),
        ("0", "0.00"),
    ] {
        let dir = self_contained_copy("scored_by_hand");
        std::fs::write(
            dir.path().join("scores.csv"),
            format!("code,value\n1.1.2,\"{value}\"\n"),
        )
        .unwrap();
        let (code, out, err) = run(&["score", dir.path().to_str().unwrap(), "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(item(&v, "1.1.2")["achieved"], points, "value {value}");
    }
}
