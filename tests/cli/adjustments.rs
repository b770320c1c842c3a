//! Bonus and penalty points (điểm thưởng / điểm trừ) outside the areas. Criteria
//! `tests/data/criteria/good/adjustments.json`: one area of 10 (1.1, manual); bonus at most
//! 2 in all: T1 0,5 per initiative, at most 1,5; T2 "Cấp thành phố" 1; penalty at most 1,5
//! in all: P1 0,25 per late report, at most 1; P2 manual, at most 1; the index stops at 100.
//!
//! `bonus_and_penalty`: 1.1 = 8; T1 4 initiatives → 2, capped at its 1,5; T2 → 1; the bonus
//! items add up to 2,5, capped at the section's 2; P1 3 late reports → 0,75; P2 0 → penalty
//! 0,75. 8 + 2 − 0,75 = 9,25 → 92,50.
//! `bonus_above_the_index_cap`: 1.1 = 9,5; T1 2 → 1; T2 → 1; 9,5 + 2 = 11,5, counted as 10
//! → 100,00 (115,00 where the file says the index may exceed 100).
//! `compare` of the two as 2026 and 2027: bonus 2 and 2 (2,5 and 2 declared, capped at 2),
//! penalty 0,75 then 0.

use crate::harness::{copy_dossier, data, run, run_in};
use serde_json::Value;

fn score_json(dossier: &str) -> Value {
    let path = data(&format!("dossiers/{dossier}"));
    let (code, out, err) = run(&["score", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn item<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["adjustments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap()
}

#[test]
fn a_bonus_is_capped_per_item_and_per_section_and_a_penalty_is_taken_off() {
    let v = score_json("bonus_and_penalty");
    assert_eq!(item(&v, "T1")["achieved"], "1.50");
    assert_eq!(item(&v, "T1")["kind"], "bonus");
    assert_eq!(item(&v, "T2")["achieved"], "1.00");
    assert_eq!(item(&v, "P1")["achieved"], "0.75");
    assert_eq!(item(&v, "P1")["kind"], "penalty");
    let t = &v["total"];
    assert_eq!(t["areas_achieved"], "8.00");
    assert_eq!(t["bonus_declared"], "2.50");
    assert_eq!(t["bonus"], "2.00");
    assert_eq!(t["penalty"], "0.75");
    assert_eq!(t["achieved"], "9.25");
    assert_eq!(t["index"], "92.50");
    // The areas are untouched: area 1 stays 8 / 10.
    assert_eq!(v["areas"][0]["achieved"], "8.00");
}

#[test]
fn the_table_and_the_csv_show_bonus_and_penalty_as_their_own_lines() {
    let path = data("dossiers/bonus_and_penalty");
    let (_, out, _) = run(&["score", path.to_str().unwrap()]);
    assert!(out.contains("[thưởng] Sáng kiến CCHC được công"), "{out}");
    assert!(out.contains("Điểm thưởng (sau mức trần)"), "{out}");
    assert!(
        out.contains("Tổng điểm tự đánh giá: 9,25 / 10 điểm — Chỉ số 92,50\n"),
        "{out}"
    );
    assert!(out.contains("  gồm các lĩnh vực 8; điểm thưởng +2 (các khoản cộng lại 2,5, tối đa 2); điểm trừ −0,75 (tối đa 1,5); chỉ số không vượt 100\n"), "{out}");
    let (_, out, _) = run(&["score", path.to_str().unwrap(), "--format", "csv"]);
    assert!(
        out.contains(
            "T1,Sáng kiến CCHC được công nhận,bonus,count,self,4,1.50,1.50,100.00,scored,\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("bonus_total,,bonus_total,,,,2.00,2.00,,,\n"),
        "{out}"
    );
    assert!(
        out.contains("penalty_total,,penalty_total,,,,0.75,1.50,,,\n"),
        "{out}"
    );
    assert!(
        out.contains("total,Đơn vị kiểm thử,total,,,,9.25,10.00,92.50,,\n"),
        "{out}"
    );
}

#[test]
fn a_penalty_is_capped_by_its_section() {
    // P1 4 late reports → 1 (its maximum); P2 1 → penalty items 2, capped at 1,5:
    // 8 + 2 − 1,5 = 8,5.
    let dir = copy_dossier("bonus_and_penalty");
    let scores = dir.path().join("dossiers/bonus_and_penalty/scores.csv");
    std::fs::write(
        &scores,
        "code,value,note\n1.1,8,\nT1,4,\nT2,Cấp thành phố,\nP1,4,\nP2,1,\n",
    )
    .unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &["score", "dossiers/bonus_and_penalty", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["penalty_declared"], "2.00");
    assert_eq!(v["total"]["penalty"], "1.50");
    assert_eq!(v["total"]["achieved"], "8.50");
}

#[test]
fn the_index_stops_at_100_where_the_file_says_so() {
    let v = score_json("bonus_above_the_index_cap");
    assert_eq!(v["total"]["achieved"], "10.00");
    assert_eq!(v["total"]["index"], "100.00");
    let path = data("dossiers/bonus_above_the_index_cap");
    let (_, out, _) = run(&["score", path.to_str().unwrap()]);
    assert!(
        out.contains("chỉ số không vượt 100: 11,5 tính là 10"),
        "{out}"
    );

    let dir = copy_dossier("bonus_above_the_index_cap");
    let criteria = dir.path().join("criteria/good/adjustments.json");
    let text = std::fs::read_to_string(&criteria).unwrap();
    std::fs::write(
        &criteria,
        text.replace("\"index_capped\": true", "\"index_capped\": false"),
    )
    .unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "score",
            "dossiers/bonus_above_the_index_cap",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["achieved"], "11.50");
    assert_eq!(v["total"]["index"], "115.00");
}

#[test]
fn an_item_value_outside_its_rule_is_an_error_with_its_line_and_code() {
    let dir = copy_dossier("bonus_and_penalty");
    let scores = dir.path().join("dossiers/bonus_and_penalty/scores.csv");
    std::fs::write(&scores, "code,value,note\n1.1,8,\nP2,1.1,\n").unwrap();
    let (code, _, err) = run_in(dir.path(), &["score", "dossiers/bonus_and_penalty"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("scores.csv:3: [P2] 1.1 điểm nằm ngoài 0..1"),
        "{err}"
    );
}

#[test]
fn criteria_show_words_the_section() {
    let file = data("criteria/good/adjustments.json");
    let (code, out, err) = run(&["criteria", "show", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Điểm thưởng (tối đa 2), điểm trừ (tối đa 1,5), cộng trừ sau tổng các lĩnh vực; chỉ số không vượt 100:\n  T1 [thưởng] Sáng kiến CCHC được công nhận (1,5): 0,5 điểm mỗi sáng kiến, tối đa 1,5 điểm\n"), "{out}");
    assert!(out.contains("  P2 [trừ] Vi phạm bị cơ quan có thẩm quyền kết luận (1): Chấm trực tiếp từ 0 đến 1 điểm, theo bước 0,25\n"), "{out}");
}

#[test]
fn criteria_check_locates_every_mistake_in_the_section() {
    let f = "tests/data/criteria/bad/adjustments_mistakes.json";
    let (code, _, err) = run(&["criteria", "check", f]);
    assert_eq!(code, 1);
    for line in [
        format!("{f}:12: thiếu trường bắt buộc \"index_capped\""),
        format!("{f}:12: \"max_bonus\" phải lớn hơn hoặc bằng 0"),
        format!("{f}:16: [T1] mã bị trùng (đã dùng ở dòng 15)"),
        format!("{f}:17: [1] mã khoản điều chỉnh \"1\" trùng với mã một tiêu chí"),
        format!("{f}:18: [P1] khoản điều chỉnh chấm bằng levels, count (mỗi trường hợp, có mức trần) hoặc manual, không bằng deduct"),
        format!("{f}:19: [P2] \"kind\" của khoản điều chỉnh phải là \"bonus\" (điểm thưởng) hoặc \"penalty\" (điểm trừ), không phải \"malus\""),
        format!("{f}:20: [P3] mức \"Nặng\": 2 điểm nằm ngoài 0..1"),
    ] {
        assert!(err.contains(&line), "{line}\n---\n{err}");
    }
}

#[test]
fn a_bonus_not_yet_earned_is_a_recovery_step_within_the_section_cap() {
    // 1.1 = 8, T1 1 initiative → 0,5, T2 "Không" → 0: bonus 0,5, room 1,5 under the cap of
    // 2. T1 can add 1 more, T2 1: the steps are T1 1 and T2 0,5 (the room left), after
    // 1.1's 2 points below its maximum. Strict 8,5 → 85,00; +2 → 100 (capped), so the
    // running index stays 100,00 after it.
    let dir = copy_dossier("bonus_and_penalty");
    let scores = dir.path().join("dossiers/bonus_and_penalty/scores.csv");
    std::fs::write(&scores, "code,value,note\n1.1,8,\nT1,1,\nT2,Không,\n").unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "gap",
            "dossiers/bonus_and_penalty",
            "--threshold",
            "95",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["projected"], "85.00");
    let steps: Vec<(String, String, String, String)> = v["recovery"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_string(),
                r["points"].as_str().unwrap().to_string(),
                r["reason"].as_str().unwrap().to_string(),
                r["running_index"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let s = |a: &str, b: &str, c: &str, d: &str| (a.into(), b.into(), c.into(), d.into());
    assert_eq!(
        steps,
        vec![
            s("1.1", "2.00", "below_max", "100.00"),
            s("T1", "1.00", "bonus", "100.00"),
            s("T2", "0.50", "bonus", "100.00"),
        ]
    );
}

#[test]
fn a_bonus_item_without_its_evidence_puts_its_points_at_risk() {
    // T1 declares 4 initiatives, so its "(nếu có)" decision is needed: its 1,5 points are at
    // risk. Strict: 8 + T2's 1 − 0,75 = 8,25.
    let dir = copy_dossier("bonus_and_penalty");
    let folder = dir.path().join("dossiers/bonus_and_penalty");
    std::fs::create_dir(folder.join("files")).unwrap();
    std::fs::write(
        folder.join("manifest.csv"),
        "id,file,number,date,issuer,title,criteria,pages,sha256\n",
    )
    .unwrap();
    let (_, out, err) = run_in(
        dir.path(),
        &["evidence", "dossiers/bonus_and_penalty", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{out}{err}"));
    assert_eq!(v["missing"][0]["code"], "T1");
    assert_eq!(v["at_risk"], "1.50");
    assert_eq!(v["strict_total"], "8.25");
    let (_, out, _) = run_in(
        dir.path(),
        &["score", "dossiers/bonus_and_penalty", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["strict"], "8.25");
}

/// `bonus_and_penalty` (2026) beside `bonus_above_the_index_cap` as 2027, in a temporary
/// folder holding both.
fn two_bonus_years() -> tempfile::TempDir {
    let dir = copy_dossier("bonus_and_penalty");
    let other = dir.path().join("dossiers/bonus_2027");
    crate::harness::copy_into(&data("dossiers/bonus_above_the_index_cap"), &other);
    let settings = other.join("dossier.json");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, text.replace("2026", "2027")).unwrap();
    dir
}

fn compare_two_bonus_years(extra: &[&str]) -> String {
    let dir = two_bonus_years();
    let mut args = vec![
        "compare",
        "dossiers/bonus_and_penalty",
        "dossiers/bonus_2027",
    ];
    args.extend_from_slice(extra);
    let (code, out, err) = run_in(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn compare_totals_the_year_after_its_adjustments() {
    // The index-cap dossier as a later year: 92,50 (after bonus and penalty) then 100,00.
    let out = compare_two_bonus_years(&["--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let total = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["level"] == "total")
        .unwrap();
    assert_eq!(total["years"][0]["achieved"], "9.25");
    assert_eq!(total["years"][0]["percent"], "92.50");
    assert_eq!(total["years"][1]["achieved"], "10.00");
    assert_eq!(total["years"][1]["percent"], "100.00");
}

#[test]
fn compare_shows_bonus_and_penalty_after_their_caps_as_rows_of_their_own() {
    // 2026: bonus 2,5 capped at 2, penalty 0,75. 2027: T1 2 → 1, T2 1: bonus 2; no penalty.
    // Bonus 2 → 2 (0); penalty 0,75 → 0 (−0,75), in points, with no percentage.
    let out = compare_two_bonus_years(&[]);
    assert!(
        out.contains(
            "      Điểm thưởng (sau mức trần)         2 (tối đa 2)      2 (tối đa 2)                0 \n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "      Điểm trừ (sau mức trần)       0,75 (tối đa 1,5)    0 (tối đa 1,5)            -0,75 \n"
        ),
        "{out}"
    );
    // After the areas.
    let area = out.find(" 1    Công tác chỉ đạo").unwrap();
    assert!(area < out.find("Điểm thưởng").unwrap(), "{out}");

    let out = compare_two_bonus_years(&["--format", "csv"]);
    assert!(
        out.contains(
            "bonus,,,2026,projected,,2.00,2.00,,,,,,,Đơn vị kiểm thử\n\
             bonus,,,2027,projected,,2.00,2.00,,2026,0.00,,true,,Đơn vị kiểm thử\n\
             penalty,,,2026,projected,,0.75,1.50,,,,,,,Đơn vị kiểm thử\n\
             penalty,,,2027,projected,,0.00,1.50,,2026,-0.75,,true,,Đơn vị kiểm thử\n"
        ),
        "{out}"
    );

    let out = compare_two_bonus_years(&["--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let row = |level: &str| {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["level"] == level)
            .unwrap()
            .clone()
    };
    let bonus = row("bonus");
    assert_eq!(bonus["years"][0]["achieved"], "2.00");
    assert_eq!(bonus["years"][0]["max"], "2.00");
    assert_eq!(bonus["years"][0]["percent"], Value::Null);
    assert_eq!(bonus["changes"][0]["points"], "0.00");
    let penalty = row("penalty");
    assert_eq!(penalty["years"][0]["achieved"], "0.75");
    assert_eq!(penalty["years"][1]["achieved"], "0.00");
    assert_eq!(penalty["years"][1]["max"], "1.50");
    assert_eq!(penalty["changes"][0]["points"], "-0.75");
    assert_eq!(penalty["changes"][0]["comparable"], true);
}

#[test]
fn compare_shows_nothing_for_a_year_whose_criteria_have_no_adjustments() {
    // compare_old (2025, no adjustments) then bonus_and_penalty (2026): the rows are there
    // for 2026 only, with nothing for 2025 and no change.
    let old = data("dossiers/compare_old");
    let new = data("dossiers/bonus_and_penalty");
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let (code, out, err) = run(&["compare", old, new, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let line = out
        .lines()
        .find(|l| l.contains("Bonus (after its cap)"))
        .unwrap();
    assert_eq!(
        line.split_whitespace().collect::<Vec<_>>(),
        ["Bonus", "(after", "its", "cap)", "2", "(max", "2)"]
    );
    let line = out
        .lines()
        .find(|l| l.contains("Penalty (after its cap)"))
        .unwrap();
    assert_eq!(
        line.split_whitespace().collect::<Vec<_>>(),
        ["Penalty", "(after", "its", "cap)", "0.75", "(max", "1.5)"]
    );
    let (_, out, _) = run(&["compare", old, new, "--format", "csv"]);
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("bonus") || l.starts_with("penalty"))
        .collect();
    assert_eq!(
        rows,
        [
            "bonus,,,2026,projected,,2.00,2.00,,2025,,,false,,Đơn vị kiểm thử",
            "penalty,,,2026,projected,,0.75,1.50,,2025,,,false,,Đơn vị kiểm thử"
        ]
    );
    let (_, out, _) = run(&["compare", old, new, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let bonus = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["level"] == "bonus")
        .unwrap();
    assert_eq!(bonus["years"][0], Value::Null);
    assert_eq!(bonus["years"][1]["achieved"], "2.00");
    assert_eq!(bonus["changes"][0]["points"], Value::Null);
}

/// The texts of an SVG, in document order, each trimmed.
fn svg_texts(path: &std::path::Path) -> Vec<String> {
    let svg = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect()
}

fn charts_of(dossier: &str, lang: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let out = crate::harness::tempdir();
    let path = data(&format!("dossiers/{dossier}"));
    let charts = out.path().join("charts");
    let (code, _, err) = run(&[
        "chart",
        path.to_str().unwrap(),
        "--out",
        charts.to_str().unwrap(),
        "--threshold",
        "90",
        "--lang",
        lang,
    ]);
    assert_eq!(code, 0, "{err}");
    (out, charts)
}

#[test]
fn the_areas_chart_has_a_bonus_and_penalty_row_after_the_areas() {
    // Bonus 2 (2,5 declared, capped at 2) of at most 2; penalty 0,75 of at most 1,5.
    let (_dir, charts) = charts_of("bonus_and_penalty", "vi");
    let texts = svg_texts(&charts.join("areas.svg"));
    let row = texts
        .iter()
        .position(|t| t == "Điểm thưởng / điểm trừ")
        .unwrap_or_else(|| panic!("{texts:?}"));
    assert!(
        texts[..row].contains(&"8 / 10 (80,00%)".to_string()),
        "{texts:?}"
    );
    assert_eq!(texts[row + 1], "thưởng +2 (tối đa 2)");
    assert_eq!(texts[row + 2], "trừ 0,75 (tối đa 1,5)");
    // No manifest: the strict total is unknown, and the footer says so.
    assert!(texts.contains(
        &"Tổng: 9,25 / 10 điểm — Chỉ số 92,50; điểm chặt chưa rõ (không có manifest.csv)"
            .to_string()
    ));
    // gap.svg already measures the total after the adjustments.
    let gap = svg_texts(&charts.join("gap.svg"));
    assert!(
        gap.contains(
            &"Dự kiến 92,50: vượt 2,50 (phải đạt trên ngưỡng); điểm chặt chưa rõ (không có manifest.csv)"
                .to_string()
        ),
        "{gap:?}"
    );

    let (_dir, charts) = charts_of("bonus_and_penalty", "en");
    let texts = svg_texts(&charts.join("areas.svg"));
    let row = texts.iter().position(|t| t == "Bonus / penalty").unwrap();
    assert_eq!(texts[row + 1], "bonus +2 (max 2)");
    assert_eq!(texts[row + 2], "penalty 0.75 (max 1.5)");
}

#[test]
fn the_areas_chart_of_criteria_without_adjustments_has_no_such_row() {
    let (_dir, charts) = charts_of("scored_by_hand", "vi");
    let texts = svg_texts(&charts.join("areas.svg"));
    assert!(
        !texts.iter().any(|t| t.contains("Điểm thưởng")),
        "{texts:?}"
    );
}
