//! The data parscore ships: the Hải Phòng criteria model, the rankings, the sample dossiers.

use crate::harness::{root, run};
use parscore::criteria::{load_file, Criteria, Method};
use std::collections::BTreeSet;

fn model(year: u32) -> Criteria {
    let path = root().join(format!("criteria/haiphong-so-{year}.json"));
    let loaded = load_file(&path, "model", Default::default()).expect("readable");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.criteria.expect("valid")
}

#[test]
fn the_2026_model_checks_and_splits_68_self_and_32_survey() {
    let (code, out, err) = run(&["criteria", "check", "criteria/haiphong-so-2026.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("8 lĩnh vực, 36 tiêu chí, 89 tiêu chí lá được chấm điểm; tự đánh giá 68 điểm, điều tra xã hội học 32 điểm, tổng 100 điểm"), "{out}");
    let (code, out, _) = run(&[
        "--lang",
        "en",
        "criteria",
        "check",
        "criteria/haiphong-so-2024.json",
        "criteria/haiphong-so-2025.json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        out.matches("self-assessed 68 points, survey 32 points, total 100 points")
            .count(),
        2
    );
}

#[test]
fn the_2026_model_has_the_areas_and_maxima_of_the_issue() {
    let c = model(2026);
    let areas: Vec<(String, String, String)> = c
        .areas
        .iter()
        .map(|a| (a.code.clone(), a.name.clone(), a.max.to_string()))
        .collect();
    let expected = [
        ("1", "Công tác chỉ đạo, điều hành CCHC", "10"),
        ("2", "Cải cách thể chế", "7"),
        ("3", "Cải cách thủ tục hành chính", "14"),
        ("4", "Cải cách tổ chức bộ máy hành chính nhà nước", "6"),
        ("5", "Cải cách chế độ công vụ", "10"),
        ("6", "Cải cách tài chính công", "7"),
        (
            "7",
            "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
            "14",
        ),
        (
            "8",
            "Tác động của CCHC đến người dân, tổ chức và phát triển KT-XH",
            "32",
        ),
    ];
    for ((code, name, max), (ec, en, em)) in areas.iter().zip(expected) {
        assert_eq!((code.as_str(), name.as_str(), max.as_str()), (ec, en, em));
    }
    assert_eq!(c.areas[7].method, Method::Survey);
    assert_eq!(
        c.find("1.1.1").unwrap().rule().unwrap().kind.key(),
        "deadline"
    );
    let r114 = c.find("1.1.4").unwrap().rule().unwrap();
    assert_eq!(r114.kind.key(), "bands");
    assert!(r114.input.is_some());
}

#[test]
fn every_node_has_provenance_every_rule_kind_is_used_and_self_leaves_name_evidence() {
    for year in [2024, 2025, 2026] {
        let c = model(year);
        assert!(
            c.note.contains("mô hình"),
            "{year}: the note says it is a model"
        );
        let mut kinds = BTreeSet::new();
        for n in c.nodes() {
            let p = n.provenance.as_deref().unwrap_or("");
            assert!(
                p == "modeled" || p.starts_with("modeled: ") || p.starts_with("official: "),
                "{year} {}: provenance {p:?}",
                n.code
            );
            if let Some(rule) = n.rule() {
                kinds.insert(rule.kind.key());
                if n.method == Method::SelfAssessed {
                    assert!(
                        n.evidence.iter().any(|e| e.required),
                        "{year} {}: no required evidence",
                        n.code
                    );
                }
            }
        }
        assert_eq!(kinds.len(), 6, "{year}: {kinds:?}");
    }
}

#[test]
fn only_nodes_whose_source_states_exactly_that_are_official() {
    // QĐ 1880/QĐ-UBND Cà Mau 2013 states the names, maxima and point rules of 1.1.2–1.1.4,
    // 1.2.1 and 1.2.2; it states no due date for 1.1.1, no names for 1.1 and 1.2, and 892/QĐ-BNV
    // states the areas' names but not their maxima.
    for year in [2024, 2025, 2026] {
        let c = model(year);
        let official: Vec<&str> = c
            .nodes()
            .into_iter()
            .filter(|n| {
                n.provenance
                    .as_deref()
                    .unwrap_or("")
                    .starts_with("official: ")
            })
            .map(|n| n.code.as_str())
            .collect();
        assert_eq!(
            official,
            ["1.1.2", "1.1.3", "1.1.4", "1.2.1", "1.2.2"],
            "{year}"
        );
        let p111 = c.find("1.1.1").unwrap().provenance.clone().unwrap();
        assert!(
            p111.starts_with("modeled: ") && p111.contains("15/01 là giả định"),
            "{p111}"
        );
    }
}

#[test]
fn later_years_say_which_2024_leaves_they_continue() {
    let c = model(2025);
    assert_eq!(c.find("7.3.3").unwrap().replaces, ["7.3.3", "7.3.4"]);
    assert_eq!(c.find("7.2.2").unwrap().replaces, ["7.1.4"]);
    assert!(model(2024).find("7.3.4").is_some());
}

#[test]
fn the_rankings_carry_the_published_2025_figures() {
    let text = std::fs::read_to_string(root().join("criteria/rankings.csv")).unwrap();
    assert!(text.starts_with("year,group,unit,score,rank,source\n"));
    assert!(text.contains("\n2025,so-ban-nganh,Sở Nội vụ,92.71,5,"));
    assert!(text.contains("\n2025,so-ban-nganh,Ban Quản lý Khu kinh tế,88.99,14,"));
}

#[test]
fn the_2025_sample_reproduces_the_published_appraised_88_99_in_every_format() {
    let (code, out, err) = run(&["score", "evidence/2025"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Tổng điểm thẩm định: 88,99 / 100 điểm — Chỉ số 88,99"),
        "{out}"
    );
    assert!(
        out.contains("Tổng điểm tự đánh giá: 92,58 / 100 điểm"),
        "{out}"
    );
    let (_, json, _) = run(&["score", "evidence/2025", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["total"]["appraised"], "88.99");
    assert_eq!(v["total"]["achieved"], "92.58");
    let (_, csv, _) = run(&["score", "evidence/2025", "--format", "csv"]);
    let last = csv.lines().last().unwrap();
    assert_eq!(
        last,
        "total,Ban Quản lý Khu kinh tế Hải Phòng,total,,,,92.58,100.00,92.58,,88.99,-3.59,"
    );
}

#[test]
fn the_2026_sample_is_partly_scored_and_its_plan_is_the_22_tasks() {
    let (code, out, err) = run(&["score", "evidence/2026"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Chưa chấm (7): 1.2.1, 1.4.1, 3.4.4, 4.3.2, 5.4.2, 5.6.2, 7.1.2"),
        "{out}"
    );
    assert!(out.contains("tính đến 30/11/2026"));
    let c = model(2026);
    let plan = std::fs::read_to_string(root().join("evidence/2026/plan.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(plan.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        &headers,
        vec![
            "id", "area", "task", "lead", "support", "due", "product", "status", "done_on",
            "criteria"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 22);
    for row in &rows {
        let codes: Vec<&str> = row[9].split(';').filter(|s| !s.is_empty()).collect();
        assert!(!codes.is_empty(), "task {} maps to no leaf", &row[0]);
        for code in codes {
            assert!(
                c.find(code).is_some_and(|n| n.is_leaf()),
                "task {}: {code} is not a leaf",
                &row[0]
            );
        }
    }
}
