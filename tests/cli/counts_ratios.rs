//! Counts, ratios from two counts, levels labelled with numbers, and the guards against
//! values that score without error but not as meant.
//!
//! `counts_and_ratios` (criteria `tests/data/criteria/good/counts-and-ratios.json`, total 52):
//! 1.1 count bands ≥4: 20, =3: 15, =2: 10, =1: 5, else 0; declared 4         → 20
//! 1.2 count, 1 point per application, at most 5; declared 7                  → 5
//! 1.3 ratio, 0/0 = full points, over 100 % capped; declared 0/0              → 2
//! 1.4 ratio, 0/0 = zero, over 100 % refused; declared 0/0                    → 0
//! 1.5 ratio, 0/0 = not applicable; declared 0/0                              → N/A (max 1 out)
//! 1.6 levels labelled "4".."0" worth 20..0; declared "3" (the label)         → 15
//! 1.7 bands; declared "0,925" (0,925 %: a warning names 92,5 %)              → 0
//! 1.8 deadline 15/01/2026; declared 15/01/2025 (a warning names the year)    → 1
//! total 20 + 5 + 2 + 0 + 15 + 0 + 1 = 43 of 52 − 1 = 51: index 84.3137… → 84.31

use crate::harness::{copy_dossier, data, run, run_in};
use serde_json::Value;
use std::fs;

const DOSSIER: &str = "dossiers/counts_and_ratios";

fn item<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no item {code}"))
}

/// Scores a copy of the dossier with one leaf's value replaced: (exit, stdout, stderr).
fn with_value(code: &str, value: &str, args: &[&str]) -> (i32, String, String) {
    let dir = copy_dossier("counts_and_ratios");
    let path = dir.path().join(DOSSIER).join("scores.csv");
    let text = fs::read_to_string(&path).unwrap();
    let text: String = text
        .lines()
        .map(|l| match l.split_once(',') {
            Some((c, _)) if c == code => format!("{code},\"{value}\",\n"),
            _ => format!("{l}\n"),
        })
        .collect();
    fs::write(&path, text).unwrap();
    let mut all = vec!["score", DOSSIER];
    all.extend(args);
    run_in(dir.path(), &all)
}

fn points_for(code: &str, value: &str) -> String {
    let (exit, out, err) = with_value(code, value, &["--format", "json"]);
    assert_eq!(exit, 0, "{code}={value}: {err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    item(&v, code)["achieved"].as_str().unwrap().to_string()
}

#[test]
fn counts_ratios_and_numbered_levels_score_as_computed_by_hand() {
    let path = data(DOSSIER);
    let (code, out, err) = run(&["score", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    for (c, achieved, max, status) in [
        ("1.1", "20.00", "20.00", "scored"),
        ("1.2", "5.00", "5.00", "scored"),
        ("1.3", "2.00", "2.00", "scored"),
        ("1.4", "0.00", "1.00", "scored"),
        ("1.5", "0.00", "0.00", "not_applicable"),
        ("1.6", "15.00", "20.00", "scored"),
        ("1.7", "0.00", "2.00", "scored"),
        ("1.8", "1.00", "1.00", "scored"),
    ] {
        let i = item(&v, c);
        assert_eq!(
            (c, &i["achieved"], &i["max"], &i["status"]),
            (
                c,
                &Value::from(achieved),
                &Value::from(max),
                &Value::from(status)
            )
        );
    }
    assert_eq!(v["total"]["achieved"], "43.00");
    assert_eq!(v["total"]["max"], "51.00");
    assert_eq!(v["total"]["index"], "84.31");
}

#[test]
fn count_bands_score_at_each_edge_and_a_fractional_count_is_refused() {
    for (count, points) in [
        ("0", "0.00"),
        ("1", "5.00"),
        ("2", "10.00"),
        ("3", "15.00"),
        ("4", "20.00"),
        ("5", "20.00"),
    ] {
        assert_eq!(points_for("1.1", count), points, "{count} meetings");
    }
    for (count, points) in [("0", "0.00"), ("4", "4.00"), ("5", "5.00"), ("6", "5.00")] {
        assert_eq!(points_for("1.2", count), points, "{count} applications");
    }
    let (exit, _, err) = with_value("1.1", "3,5", &[]);
    assert_eq!(exit, 1);
    assert!(
        err.contains("scores.csv:2: [1.1] \"3,5\" không phải số lần (số nguyên ≥ 0)"),
        "{err}"
    );
}

#[test]
fn ratios_say_what_nothing_to_count_means_and_cap_or_refuse_over_100() {
    assert_eq!(points_for("1.3", "0/0"), "2.00");
    assert_eq!(points_for("1.4", "0/0"), "0.00");
    assert_eq!(points_for("1.3", "12/10"), "2.00");
    assert_eq!(points_for("1.3", "9/10"), "1.80");
    let (exit, out, _) = with_value("1.3", "12/10", &["--explain", "1.3"]);
    assert_eq!(exit, 0);
    assert!(out.contains("Kê khai: 120,00% (tính là 100%)"), "{out}");
    let (exit, _, err) = with_value("1.4", "12/10", &[]);
    assert_eq!(exit, 1);
    assert!(
        err.contains("[1.4] tỷ lệ 12/10 vượt 100%; quy tắc không chấp nhận tỷ lệ trên 100%"),
        "{err}"
    );
    // Without a stated meaning, 0/0 stays refused (1.7 is a bands rule without "zero").
    let (exit, _, err) = with_value("1.7", "0/0", &[]);
    assert_eq!(exit, 1, "{err}");
}

#[test]
fn the_rules_are_worded_as_counts_and_ratio_meanings() {
    // The template carries each rule in words on one line (criteria show wraps them).
    let path = data(DOSSIER);
    let (code, out, _) = run(&["template", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    for words in [
        "Từ 4 lần trở lên: 20 điểm; 3 lần: 15 điểm; 2 lần: 10 điểm; 1 lần: 5 điểm; còn lại: 0 điểm",
        "1 điểm mỗi ứng dụng, tối đa 5 điểm",
        "Điểm = 2 điểm × tỷ lệ % đạt được; không có trường hợp nào (0/0): 2 điểm; tỷ lệ trên 100% được tính là 100%",
        "không có trường hợp nào (0/0): 0 điểm; tỷ lệ trên 100% không được chấp nhận",
        "không có trường hợp nào (0/0): không áp dụng",
        "4: 20 điểm; 3: 15 điểm; 2: 10 điểm; 1: 5 điểm; 0: 0 điểm (kê khai đúng nhãn mức; một con số được đọc là nhãn, không phải số điểm)",
    ] {
        assert!(out.contains(words), "{words}\n{out}");
    }
}

#[test]
fn a_number_declared_for_numbered_levels_matches_labels_only() {
    // "5" (meaning 5 meetings) is no label; it must not match the level worth 5 points.
    let (exit, _, err) = with_value("1.6", "5", &[]);
    assert_eq!(exit, 1);
    assert!(err.contains("[1.6] \"5\" không khớp nhãn mức nào; các mức được đặt nhãn bằng số nên chỉ khớp theo nhãn"), "{err}");
}

#[test]
fn criteria_check_refuses_a_numbered_label_equal_to_another_levels_points() {
    let (code, _, err) = run(&[
        "criteria",
        "check",
        "tests/data/criteria/bad/level_label_reads_as_another_levels_points.json",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("level_label_reads_as_another_levels_points.json:9: [1.1] mức \"1\" đọc như một con số trùng với số điểm của mức \"2\" (1 điểm)"), "{err}");
    let (code, _, err) = run(&[
        "criteria",
        "check",
        "tests/data/criteria/bad/count_bands_with_a_gap.json",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("count_bands_with_a_gap.json:9: [1.1] số lượng 2 không thuộc khoảng nào"),
        "{err}"
    );
}

#[test]
fn a_rate_at_most_1_warns_with_both_readings() {
    let path = data(DOSSIER);
    let (code, _, err) = run(&["score", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        err.contains(
            "scores.csv:8: [1.7] cảnh báo: tỷ lệ \"0,925\" được đọc là 0,925 %, có thể ý là 92,5 %"
        ),
        "{err}"
    );
    let (_, _, err) = run(&["score", path.to_str().unwrap(), "--lang", "en"]);
    assert!(
        err.contains("the rate \"0,925\" is read as 0.925 %, perhaps 92.5 % was meant"),
        "{err}"
    );
    // With a % sign the value is clearly a percentage: no warning.
    let (_, _, err) = with_value("1.7", "0,925%", &[]);
    assert!(!err.contains("[1.7]"), "{err}");
}

#[test]
fn a_deadline_date_before_the_year_or_after_as_of_warns_with_the_date_and_the_year() {
    let path = data(DOSSIER);
    let (_, _, err) = run(&["score", path.to_str().unwrap()]);
    assert!(
        err.contains(
            "scores.csv:9: [1.8] cảnh báo: ngày ban hành 15/01/2025 trước năm đánh giá 2026"
        ),
        "{err}"
    );
    let (code, _, err) = with_value("1.8", "05/12/2026", &[]);
    assert_eq!(code, 0);
    assert!(
        err.contains(
            "[1.8] cảnh báo: ngày ban hành 05/12/2026 sau ngày đánh giá 30/11/2026 của năm 2026"
        ),
        "{err}"
    );
}
