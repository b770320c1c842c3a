//! Not applicable above the leaf: a criterion or area row marked "Không áp dụng" takes its
//! whole maximum out of the denominator, and so does a node whose `not_for` names the
//! dossier's group. Criteria `tests/data/criteria/good/not-applicable-above-leaf.json`
//! (total 10: area 1 = 1.1 + 1.2 = 2 + 2; area 3 = 3.1 + 3.2 = 2 + 2, not for
//! "don-vi-khong-tthc"; area 7 = 7.1 + 7.3 = 1 + 1, 7.3 not for that group).
//!
//! By row (group so-ban-nganh): 1.1 Có 2, 1.2 Không 0, area 3 "Không áp dụng" (its 3.1 row
//! is ignored with a warning), 7.1 Có 1, 7.3 Có 1 → 4 / (10 − 4) = 66.67.
//! By group (don-vi-khong-tthc, no rows for 3 or 7.3): 1.1 2, 1.2 0, 7.1 1 → 3 / (10 − 4 − 1)
//! = 60.00.

use crate::harness::{data, run};
use serde_json::Value;

fn score(dossier: &str) -> (Value, String) {
    let path = data(&format!("dossiers/{dossier}"));
    let (code, out, err) = run(&["score", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    (serde_json::from_str(&out).unwrap(), err)
}

fn item<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap()
}

#[test]
fn an_area_marked_not_applicable_by_row_leaves_the_maximum_whole() {
    let (v, err) = score("area_not_applicable_by_row");
    assert_eq!(v["total"]["achieved"], "4.00");
    assert_eq!(v["total"]["max"], "6.00");
    assert_eq!(v["total"]["index"], "66.67");
    assert_eq!(item(&v, "3")["max"], "0.00");
    assert_eq!(item(&v, "3.1")["status"], "not_applicable");
    assert_eq!(item(&v, "3.2")["status"], "not_applicable");
    assert_eq!(item(&v, "7.3")["status"], "scored");
    assert!(
        err.contains("scores.csv:5: [3.1] cảnh báo: giá trị kê khai bị bỏ qua: cả 3 không áp dụng (scores.csv dòng 4: Đơn vị không có thủ tục hành chính)"),
        "{err}"
    );
    assert!(!v["unscored"].as_array().unwrap().iter().any(|c| c == "3.2"));
}

#[test]
fn the_dossiers_group_settles_it_with_no_rows() {
    let (v, _) = score("area_not_applicable_by_group");
    assert_eq!(v["total"]["achieved"], "3.00");
    assert_eq!(v["total"]["max"], "5.00");
    assert_eq!(v["total"]["index"], "60.00");
    assert_eq!(item(&v, "3.1")["status"], "not_applicable");
    assert_eq!(item(&v, "7.3")["status"], "not_applicable");
    assert_eq!(item(&v, "7")["max"], "1.00");
    assert_eq!(v["unscored"], serde_json::json!([]));
    let path = data("dossiers/area_not_applicable_by_group");
    let (_, out, _) = run(&["score", path.to_str().unwrap(), "--explain", "7.3"]);
    assert!(
        out.contains("7.3 không áp dụng cho nhóm đơn vị \"don-vi-khong-tthc\" (theo bộ tiêu chí)"),
        "{out}"
    );
}

#[test]
fn a_parent_row_with_a_value_is_still_refused() {
    let dir = crate::harness::copy_dossier("area_not_applicable_by_row");
    let path = dir
        .path()
        .join("dossiers/area_not_applicable_by_row/scores.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("3,Không áp dụng,", "3,4,")).unwrap();
    let (code, _, err) = crate::harness::run_in(
        dir.path(),
        &["score", "dossiers/area_not_applicable_by_row"],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("scores.csv:4: [3] mã này là tiêu chí cha"),
        "{err}"
    );
}
