//! Many dossiers in one run (`score`, `evidence` and `gap` over a unit's years or a city's
//! units): one section per dossier for people, one CSV with a `dossier` column and one JSON
//! document for tools, the worst exit status; and a sealed dossier whose untouched
//! documents are not read again by the duplicate-content check. Timing is measured by
//! `bench/run.sh`, never here.

use crate::harness::{copy_dossier, run, run_in};
use serde_json::Value;
use std::fs;

#[test]
fn score_of_three_years_as_one_csv_has_a_dossier_column_and_every_total() {
    let (code, out, err) = run(&[
        "score",
        "evidence/2024",
        "evidence/2025",
        "evidence/2026",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("\u{feff}dossier,code,name,level,kind,method,value,achieved,max,percent,status,appraised,difference,strict,at_risk")
    );
    let totals: Vec<&str> = out.lines().filter(|l| l.contains(",total,")).collect();
    assert_eq!(
        totals,
        [
            // The strict score is unknown (empty) where there is no manifest.
            "evidence/2024,total,Ban Quản lý Khu kinh tế Hải Phòng,total,,,,90.93,100.00,90.93,,87.11,-3.82,,",
            "evidence/2025,total,Ban Quản lý Khu kinh tế Hải Phòng,total,,,,92.58,100.00,92.58,,88.99,-3.59,,",
            "evidence/2026,total,Ban Quản lý Khu kinh tế Hải Phòng,total,,,,89.06,99.00,89.96,,,,85.81,3.25",
        ]
    );
    // Each dossier keeps every row it has on its own.
    let (_, one, _) = run(&["score", "evidence/2025", "--format", "csv"]);
    let rows_2025 = out
        .lines()
        .filter(|l| l.starts_with("evidence/2025,"))
        .count();
    assert_eq!(rows_2025, one.lines().count() - 1);
}

#[test]
fn score_of_two_years_as_json_is_one_document_with_each_dossier_named() {
    let (code, out, err) = run(&[
        "score",
        "evidence/2024",
        "evidence/2025",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let got: Vec<(&str, i64, &str, &str)> = v["dossiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["dossier"].as_str().unwrap(),
                d["year"].as_i64().unwrap(),
                d["total"]["index"].as_str().unwrap(),
                d["total"]["appraised_index"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("evidence/2024", 2024, "90.93", "87.11"),
            ("evidence/2025", 2025, "92.58", "88.99"),
        ]
    );
}

#[test]
fn score_of_two_years_as_tables_has_one_section_each() {
    let (code, out, _) = run(&["score", "evidence/2024", "evidence/2025"]);
    assert_eq!(code, 0);
    let headings: Vec<&str> = out.lines().filter(|l| l.starts_with("══ ")).collect();
    assert_eq!(headings, ["══ evidence/2024 ══", "══ evidence/2025 ══"]);
    assert!(out.contains("Tổng điểm thẩm định: 87,11 / 100 điểm — Chỉ số 87,11"));
    assert!(out.contains("Tổng điểm thẩm định: 88,99 / 100 điểm — Chỉ số 88,99"));
}

#[test]
fn gap_of_two_years_as_json_measures_each_against_its_line() {
    let (code, out, err) = run(&["gap", "evidence/2025", "evidence/2026", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let got: Vec<(&str, &str, &str, &str, i64)> = v["dossiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["dossier"].as_str().unwrap(),
                d["line"].as_str().unwrap(),
                d["projected"].as_str().unwrap(),
                d["gap"].as_str().unwrap(),
                d["closes_at"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("evidence/2025", "92.71", "92.58", "3.72", 10),
            ("evidence/2026", "92.71", "89.96", "2.75", 8),
        ]
    );
}

/// A dossier that cannot run does not hide the others: its errors sit in its own entry and
/// the exit status is the worst of the run.
#[test]
fn evidence_over_two_years_reports_the_one_without_a_manifest_beside_the_other() {
    let (code, out, err) = run(&[
        "evidence",
        "evidence/2025",
        "evidence/2026",
        "--format",
        "json",
    ]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "evidence/2025/manifest.csv: hồ sơ chưa có danh mục tài liệu kiểm chứng (manifest.csv); xem docs/dossier-format.md\n"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let first = &v["dossiers"][0];
    assert_eq!(
        (&first["dossier"], &first["status"]),
        (&Value::from("evidence/2025"), &Value::from(2))
    );
    assert_eq!(first["errors"][0]["file"], "evidence/2025/manifest.csv");
    let second = &v["dossiers"][1];
    assert_eq!(
        (
            &second["dossier"],
            &second["projected_total"],
            &second["at_risk"],
            &second["strict_total"]
        ),
        (
            &Value::from("evidence/2026"),
            &Value::from("89.06"),
            &Value::from("3.25"),
            &Value::from("85.81")
        )
    );
}

/// After `seal`, a document whose size and modification time are unchanged keeps the hash
/// the seal recorded: the duplicate-content check does not read it again. Shown by a change
/// of content that keeps both (so only a re-read would notice), then by the same change
/// with a new modification time.
#[test]
fn evidence_after_seal_reuses_the_sealed_hash_of_an_untouched_file() {
    let dir = copy_dossier("evidence_complete");
    let dossier = dir.path().join("dossiers/evidence_complete");
    let a = dossier.join("files/ke-hoach-cchc-2026.txt");
    let b = dossier.join("files/qd-giao-du-toan-cchc-2026.txt");
    fs::write(&a, "Kế hoạch A\n").unwrap();
    fs::write(&b, "Kế hoạch B\n").unwrap();
    assert_eq!(
        fs::metadata(&a).unwrap().len(),
        fs::metadata(&b).unwrap().len()
    );
    let (code, _, err) = run_in(dir.path(), &["seal", "dossiers/evidence_complete"]);
    assert_eq!(code, 0, "{err}");
    let duplicates = || {
        let (_, out, _) = run_in(
            dir.path(),
            &["evidence", "dossiers/evidence_complete", "--format", "json"],
        );
        let v: Value = serde_json::from_str(&out).unwrap();
        v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["kind"] == "duplicate_content")
            .count()
    };
    assert_eq!(duplicates(), 0);
    // Same size, same modification time, now the same bytes as `a`: the sealed hash stands.
    let sealed_time = fs::metadata(&b).unwrap().modified().unwrap();
    fs::write(&b, "Kế hoạch A\n").unwrap();
    fs::File::options()
        .write(true)
        .open(&b)
        .unwrap()
        .set_modified(sealed_time)
        .unwrap();
    assert_eq!(
        duplicates(),
        0,
        "the untouched-looking file was not read again"
    );
    // A new modification time: the file is read, and the duplicate found.
    let later = sealed_time + std::time::Duration::from_secs(60);
    fs::File::options()
        .write(true)
        .open(&b)
        .unwrap()
        .set_modified(later)
        .unwrap();
    assert_eq!(duplicates(), 1);
    // verify never trusts a time: it reads every byte.
    let (code, out, _) = run_in(
        dir.path(),
        &["verify", "dossiers/evidence_complete", "--format", "json"],
    );
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["changed"],
        serde_json::json!(["files/qd-giao-du-toan-cchc-2026.txt"])
    );
}

/// A criteria set of 30 areas (one leaf each, scored 0.1 … 3.0 of 3): the areas chart draws
/// the 24 furthest from their maximum, in code order, says so, and stays one page tall.
#[test]
fn the_areas_chart_of_a_large_criteria_set_draws_24_areas_and_says_so() {
    let dir = crate::harness::tempdir();
    let root = dir.path();
    let areas: Vec<String> = (1..=30)
        .map(|a| {
            format!(
                r#"{{ "code": "{a}", "name": "Lĩnh vực {a}", "max": 3, "children": [
                   {{ "code": "{a}.1", "name": "Tiêu chí {a}.1", "max": 3, "children": [
                     {{ "code": "{a}.1.1", "name": "Thành phần {a}.1.1", "max": 3, "rule": {{ "kind": "manual", "step": "0.1" }} }} ] }} ] }}"#
            )
        })
        .collect();
    fs::write(
        root.join("criteria.json"),
        format!(
            r#"{{ "format": "parscore-criteria/1", "id": "ba-muoi", "title": "Ba mươi lĩnh vực", "year": 2026, "total": 90, "areas": [ {} ] }}"#,
            areas.join(",")
        ),
    )
    .unwrap();
    let d = root.join("d");
    fs::create_dir(&d).unwrap();
    fs::write(
        d.join("dossier.json"),
        r#"{ "format": "parscore-dossier/1", "unit": "Đơn vị", "year": 2026, "criteria": "../criteria.json", "as_of": "2026-11-30" }"#,
    )
    .unwrap();
    let mut scores = String::from("code,value,note\n");
    for a in 1..=30 {
        scores.push_str(&format!("{a}.1.1,\"{},{}\",\n", a / 10, a % 10));
    }
    fs::write(d.join("scores.csv"), scores).unwrap();
    let (code, _, err) = run_in(
        root,
        &[
            "chart",
            "d",
            "--out",
            "charts",
            "--png",
            "--threshold",
            "90",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let svg = fs::read_to_string(root.join("charts/areas.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let mut labels: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .filter(|t| t.contains(". Lĩnh vực "))
        .collect();
    labels.dedup();
    // Areas 1–24 score 0,1 … 2,4 of 3: the furthest from their maximum.
    let expected: Vec<String> = (1..=24).map(|a| format!("{a}. Lĩnh vực {a}")).collect();
    assert_eq!(labels, expected);
    assert!(svg
        .contains("Chỉ vẽ 24 lĩnh vực còn thiếu nhiều điểm nhất; 6 lĩnh vực khác: xem phiếu chấm"));
    let png = fs::read(root.join("charts/areas.png")).unwrap();
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!(height, 2 * (150 + 24 * 74 + 130 + 36));
}
