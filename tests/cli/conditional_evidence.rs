//! Evidence marked "(nếu có)" is required only when the declared value says something
//! happened. In the 2026 sample, 6.1.3 (deduct, max 0,5, 0,25 per case) asks for one
//! document, "Kết luận thanh tra, báo cáo kiểm toán (nếu có)" (`"required": "if_happened"`),
//! and VB73 (manifest line 75) is linked to it.

use crate::harness::{copy_sample, run_in};
use serde_json::Value;
use std::fs;

const SAMPLE: &str = "evidence/2026";

/// The sample with VB73 no longer linked to 6.1.3 and 6.1.3 declared as `cases`.
fn without_a_document_for_6_1_3(cases: &str) -> tempfile::TempDir {
    let dir = copy_sample(SAMPLE);
    let folder = dir.path().join(SAMPLE);
    let manifest = fs::read_to_string(folder.join("manifest.csv")).unwrap();
    let manifest = manifest.replace(
        "năm 2025 của Ban Quản lý Khu kinh tế Hải Phòng\",6.1.3,",
        "năm 2025 của Ban Quản lý Khu kinh tế Hải Phòng\",,",
    );
    fs::write(folder.join("manifest.csv"), manifest).unwrap();
    let scores = fs::read_to_string(folder.join("scores.csv")).unwrap();
    let scores = scores.replace(
        "6.1.3,0,Không có sai phạm bị phát hiện",
        &format!("6.1.3,{cases},Số sai phạm bị phát hiện"),
    );
    fs::write(folder.join("scores.csv"), scores).unwrap();
    dir
}

fn evidence(dir: &tempfile::TempDir) -> Value {
    let (_, out, err) = run_in(dir.path(), &["evidence", SAMPLE, "--format", "json"]);
    serde_json::from_str(&out).unwrap_or_else(|_| panic!("{err}"))
}

#[test]
fn no_case_declared_needs_no_if_any_document() {
    let v = evidence(&without_a_document_for_6_1_3("0"));
    let missing = v["missing"].as_array().unwrap();
    assert!(!missing.iter().any(|m| m["code"] == "6.1.3"), "{missing:?}");
    // The sample's own five missing leaves, 3,25 points, and nothing more.
    assert_eq!(v["at_risk"], "3.25");
}

#[test]
fn one_case_declared_needs_the_inspection_conclusion() {
    // 1 case: 0,5 − 0,25 = 0,25 points, all at risk without the conclusion.
    let v = evidence(&without_a_document_for_6_1_3("1"));
    let m = v["missing"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "6.1.3")
        .expect("6.1.3 is missing its conclusion")
        .clone();
    assert_eq!(m["points"], "0.25");
    assert_eq!(
        m["items"],
        serde_json::json!(["Kết luận thanh tra, báo cáo kiểm toán (nếu có)"])
    );
    assert_eq!(v["at_risk"], "3.50");
}

#[test]
fn the_template_says_when_an_item_is_needed() {
    let dir = copy_sample(SAMPLE);
    let (code, out, _) = run_in(dir.path(), &["template", SAMPLE]);
    assert_eq!(code, 0);
    assert!(
        out.contains("#1 Kết luận thanh tra, báo cáo kiểm toán (nếu có) (chỉ khi có trường hợp)"),
        "{out}"
    );
}
