//! Evidence items and unnumbered links. In `evidence_complete` leaf 1.1.2 ("Có", 1 point)
//! needs two documents: #1 the plan, #2 the budget decision. A link without an item number
//! (`1.1.2` rather than `1.1.2#1`) covers exactly one item — the first required one still
//! uncovered — however many times the same document is linked.

use crate::harness::{copy_dossier, run_in};
use serde_json::Value;
use std::fs;

const DOSSIER: &str = "dossiers/evidence_complete";

/// The dossier with KH01 linked to 1.1.2 without a number, and DT01 (item #2) linked to
/// nothing; `scores.csv` also names KH01 in an `evidence` column for 1.1.2.
fn one_unnumbered_document_for_two_items() -> tempfile::TempDir {
    let dir = copy_dossier("evidence_complete");
    let folder = dir.path().join(DOSSIER);
    let manifest = fs::read_to_string(folder.join("manifest.csv")).unwrap();
    let manifest = manifest
        .replace("1.1.1;1.1.2#1,", "1.1.1;1.1.2,")
        .replace(",1.1.2#2,", ",,");
    fs::write(folder.join("manifest.csv"), manifest).unwrap();
    let scores = fs::read_to_string(folder.join("scores.csv")).unwrap();
    let scores = scores
        .replace("code,value,note\n", "code,value,note,evidence\n")
        .replace(
            "1.1.2,Có,Phụ lục nhiệm vụ và dự toán kinh phí",
            "1.1.2,Có,Phụ lục nhiệm vụ và dự toán kinh phí,KH01",
        );
    fs::write(folder.join("scores.csv"), scores).unwrap();
    dir
}

#[test]
fn one_unnumbered_document_covers_one_item_and_the_other_stays_missing_with_its_points() {
    let dir = one_unnumbered_document_for_two_items();
    let (code, out, err) = run_in(dir.path(), &["evidence", DOSSIER, "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let missing = v["missing"].as_array().unwrap();
    assert_eq!(missing.len(), 1, "{out}");
    let m = &missing[0];
    assert_eq!(m["code"], "1.1.2");
    assert_eq!(m["points"], "1.00");
    assert_eq!(
        m["items"],
        serde_json::json!(["Quyết định giao dự toán kinh phí cải cách hành chính"])
    );
    assert_eq!(m["assumed"][0]["document"], "KH01 (05/KH-VP)");
    assert_eq!(m["assumed"][0]["item"], 1);
    assert_eq!(m["assumed"][0]["what"], "Kế hoạch CCHC năm");
    assert_eq!(m["assumed"].as_array().unwrap().len(), 1);
    // Self-scored 4.40, of which 1.1.2's 1 point is at risk: strict 3.40; total 6.10 → 5.10.
    assert_eq!(v["at_risk"], "1.00");
    assert_eq!(v["strict_self"], "3.40");
    assert_eq!(v["strict_total"], "5.10");
}

#[test]
fn a_document_linked_twice_without_a_number_still_covers_one_item() {
    // Both links of KH01 to 1.1.2 (manifest and scores.csv) are unnumbered: one item.
    let dir = one_unnumbered_document_for_two_items();
    let (_, out, _) = run_in(dir.path(), &["score", DOSSIER, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["at_risk"], "1.00");
    assert_eq!(v["total"]["strict"], "5.10");
}

#[test]
fn the_checklist_says_which_item_the_unnumbered_document_was_taken_for() {
    let dir = one_unnumbered_document_for_two_items();
    let (code, out, _) = run_in(dir.path(), &["evidence", DOSSIER, "--width", "300"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("Còn thiếu: Quyết định giao dự toán kinh phí cải cách hành chính (KH01 (05/KH-VP) không ghi số tài liệu: được tính là tài liệu số 1, Kế hoạch CCHC năm)"),
        "{out}"
    );
    let (_, out, _) = run_in(
        dir.path(),
        &["evidence", DOSSIER, "--lang", "en", "--width", "300"],
    );
    assert!(out.contains("names no item number:"), "{out}");
    assert!(out.contains("taken as item 1, Kế hoạch CCHC năm)"), "{out}");
}
