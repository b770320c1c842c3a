//! Real wordings of published tables, each read to the rule it states or left to a person
//! with the reason; the source of each is named beside it. Figures checked by hand are in
//! the comments (what 90 %, 80 %, 50 % score).

use super::rules::parse;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn read(s: &str, max: &str) -> Value {
    parse(s, max.parse::<Decimal>().unwrap(), None)
        .rule
        .unwrap_or(Value::Null)
}

fn why(s: &str, max: &str) -> String {
    let r = parse(s, max.parse::<Decimal>().unwrap(), None);
    assert!(r.rule.is_none(), "{s} was read as {:?}", r.rule);
    r.why.map(|t| t.vi).unwrap_or_default()
}

fn bands(list: &[(&str, &str)]) -> Value {
    json!({ "kind": "bands", "bands": list.iter().map(|(w, p)| json!({ "when": w, "points": p })).collect::<Vec<_>>() })
}

#[test]
fn from_x_to_under_y_keeps_each_stretch() {
    // The justice-sector table of issue 22: 90 % scores 1 (80 ≤ 90 < 100), 50 % scores 0.
    assert_eq!(
        read(
            "100%: 2 điểm; từ 80% đến dưới 100%: 1 điểm; dưới 80%: 0 điểm",
            "2"
        ),
        bands(&[("=100", "2"), (">=80", "1"), ("else", "0")])
    );
    // Its "trên 70% đến dưới 90%" form: 80 % scores 1, 70 % scores 0, 90 % scores 2.
    assert_eq!(
        read(
            "Từ 90% trở lên: 2 điểm; Trên 70% đến dưới 90%: 1 điểm; Từ 70% trở xuống: 0 điểm",
            "2"
        ),
        bands(&[(">=90", "2"), (">70", "1"), ("else", "0")])
    );
    // Written from the bottom up, the same stretches give the same rule.
    assert_eq!(
        read(
            "Dưới 80%: 0 điểm; Từ 80% đến dưới 100%: 1 điểm; Đạt 100%: 2 điểm",
            "2"
        ),
        bands(&[("<80", "0"), ("<100", "1"), ("else", "2")])
    );
}

#[test]
fn the_primer_plan_bands_with_a_subject_and_a_tail() {
    // Cà Mau 1880/QĐ-UBND 2013, 1.1.4 (domain primer §3): "từ 70% - 90%" is 70 ≤ x ≤ 90.
    assert_eq!(
        read("Thực hiện trên 90% kế hoạch: 2 điểm; từ 70% - 90% kế hoạch: 1 điểm; dưới 70% kế hoạch: 0 điểm", "2"),
        bands(&[(">90", "2"), (">=70", "1"), ("else", "0")])
    );
    // The middle band written first: put in order from the top.
    assert_eq!(
        read("Từ 70 - 90%: 1 điểm; Trên 90%: 2 điểm; Dưới 70%: 0", "2"),
        bands(&[(">90", "2"), (">=70", "1"), ("else", "0")])
    );
}

#[test]
fn over_the_total_is_not_a_comparison() {
    // Issue 22's "… trên tổng số … đạt từ 50% trở lên": exactly 50 % scores 1.
    assert_eq!(
        read("Tỷ lệ văn bản được ban hành đúng hạn trên tổng số văn bản phải ban hành đạt từ 50% trở lên: 1 điểm; dưới 50%: 0 điểm", "1"),
        bands(&[(">=50", "1"), ("else", "0")])
    );
}

#[test]
fn nothing_to_count_scores_full_when_the_table_says_so() {
    // Domain primer §4b (the format's "nothing to count" setting): "không có phản ánh,
    // kiến nghị … được tính 02 điểm".
    assert_eq!(
        read("Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn × điểm tối đa. Trong năm không có phản ánh, kiến nghị thì được tính 02 điểm", "2"),
        json!({ "kind": "ratio", "nothing_to_count": "full" })
    );
    // Without that sentence no setting is written.
    assert_eq!(
        read(
            "Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn × điểm tối đa",
            "2"
        ),
        json!({ "kind": "ratio" })
    );
    // "Không có vi phạm" is a level where the rest is levels.
    assert_eq!(
        read("Có vi phạm: 0 điểm; Không có vi phạm: 1 điểm", "1")["kind"],
        json!("levels")
    );
    assert!(why(
        "Tỷ lệ × điểm tối đa; trong năm không có phản ánh thì được tính 1 điểm",
        "2"
    )
    .contains("không phải điểm tối đa hay 0"));
}

#[test]
fn points_written_short() {
    // Phú Thọ 2025 form and the "1đ", "01 điểm", "0,5đ".
    assert_eq!(
        read("Đầy đủ: 01 điểm; Chưa đầy đủ: 0,5đ; Không có: 0đ", "1"),
        json!({ "kind": "levels", "levels": [ { "label": "Đầy đủ", "points": "1" }, { "label": "Chưa đầy đủ", "points": "0.5" }, { "label": "Không có", "points": "0" } ] })
    );
    assert_eq!(
        read(
            "Có: Điểm tối đa; Có vi phạm nhẹ: trừ 50% điểm; Không: 0 điểm",
            "2"
        )["levels"][1]["points"],
        json!("50%")
    );
    assert!(why("Có: 3 điểm; Không: 0", "2").contains("vượt điểm tối đa 2"));
}

#[test]
fn reached_or_not_reached() {
    assert_eq!(
        read("Đạt: 1 điểm; Không đạt: 0 điểm", "1")["kind"],
        json!("levels")
    );
    assert_eq!(
        read("Đạt 100%: 2 điểm; Không đạt: 0 điểm", "2"),
        bands(&[("=100", "2"), ("else", "0")])
    );
    // "Đạt 90%" alone: exactly 90 %, or 90 % or more? Left to a person.
    assert!(why("Đạt 90%: 1 điểm; Dưới 90%: 0 điểm", "1")
        .contains("có thể hiểu là đúng 90% hoặc từ 90% trở lên"));
}

#[test]
fn deductions_per_case_and_their_floors() {
    // Domain primer §3 (Phú Thọ 2025 style): a deduction per case, floored at 0.
    assert_eq!(
        read("Mỗi trường hợp trừ 0,25 điểm", "1"),
        json!({ "kind": "deduct", "per": "0.25" })
    );
    assert_eq!(
        read(
            "Mỗi văn bản bị phát hiện trái pháp luật trừ 0,5 điểm, trừ đến khi hết điểm",
            "1"
        ),
        json!({ "kind": "deduct", "per": "0.5" })
    );
    // A floor above 0 cannot be held by `deduct`.
    assert!(
        why("Mỗi báo cáo chậm trừ 0,25 điểm, tối đa trừ 0,5 điểm", "1").contains("điểm sàn khác 0")
    );
    // A number the reading would not use: manual.
    assert!(why("Mỗi vi phạm trong 2 năm: trừ 1 điểm", "1").contains("mỗi"));
}

#[test]
fn a_score_below_zero_is_left_to_a_person() {
    // Issue 22's "bị 0 điểm và bị trừ 0,25 điểm".
    assert!(why(
        "Ban hành đúng hạn: 1 điểm; Không ban hành: bị 0 điểm và bị trừ 0,25 điểm",
        "1"
    )
    .contains("dưới 0"));
}

#[test]
fn a_rate_written_as_a_formula_is_a_ratio() {
    assert_eq!(
        read("Tỷ lệ % = (Số hồ sơ giải quyết đúng hạn / Tổng số hồ sơ tiếp nhận) x 100; Điểm = Tỷ lệ % x điểm tối đa", "2"),
        json!({ "kind": "ratio" })
    );
    // The formula alone says how the rate is made, not the points: read with that said.
    let r = parse("Tỷ lệ % = (A/B) x 100", Decimal::ONE, None);
    assert_eq!(r.rule, Some(json!({ "kind": "ratio" })));
    assert!(r.assumed[0].vi.contains("chỉ ghi công thức"));
    // A ratio over another maximum than the node's is not taken.
    assert!(why("Điểm = 3 điểm × tỷ lệ % đạt được", "2").contains("3 điểm nhưng điểm tối đa là 2"));
}

#[test]
fn overlapping_or_missing_stretches_are_refused_with_the_bands_named() {
    assert!(why(
        "Từ 50% đến 80%: 1 điểm; Từ 70% đến 100%: 2 điểm; Dưới 50%: 0",
        "2"
    )
    .contains("chồng lên nhau"));
    assert!(
        why("Trên 90%: 2 điểm; Dưới 70%: 0 điểm", "2").contains("không mức nào nói giá trị 70%")
    );
    assert!(why("Thực hiện chưa đầy đủ: trừ điểm tương ứng", "1").contains("trừ điểm tương ứng"));
}

#[test]
fn counts_and_bonus_items() {
    // Domain primer §4b: "họp 4 lần/năm: 20 điểm"; fewer is not stated (assumed 0, said).
    let r = parse("Họp 4 lần/năm: 20 điểm", Decimal::from(20), None);
    assert_eq!(
        r.rule,
        Some(
            json!({ "kind": "count", "unit": "lần", "bands": [ { "when": ">=4", "points": "20" }, { "when": "else", "points": "0" } ] })
        )
    );
    assert_eq!(r.assumed.len(), 1);
    let item = |s: &str, k| parse(s, Decimal::ONE, Some(k)).rule.unwrap_or(Value::Null);
    use crate::criteria::AdjustmentKind::{Bonus, Penalty};
    assert_eq!(
        item("Mỗi sáng kiến được công nhận: cộng 0,5 điểm", Bonus),
        json!({ "kind": "count", "unit": "sáng kiến", "per": "0.5" })
    );
    assert_eq!(
        item("Mỗi báo cáo gửi chậm trừ 0,25 điểm", Penalty),
        json!({ "kind": "count", "unit": "báo cáo", "per": "0.25" })
    );
    assert_eq!(
        item("Mỗi lần chậm trừ 0,25 điểm", Penalty)["unit"],
        json!("lần")
    );
    assert_eq!(item("Trên 90%: 1 điểm; còn lại: 0", Bonus), Value::Null);
}

#[test]
fn the_six_bands_of_the_justice_table_are_read_not_refused() {
    // Issue 22: with its six real bands the old reading refused the table, blaming its
    // order. By hand: 95 % → 2,5; 85 % → 2; 75 % → 1,5; 60 % → 1; 40 % → 0.
    assert_eq!(
        read("100%: 3 điểm; từ 90% đến dưới 100%: 2,5 điểm; từ 80% đến dưới 90%: 2 điểm; từ 70% đến dưới 80%: 1,5 điểm; từ 50% đến dưới 70%: 1 điểm; dưới 50%: 0 điểm", "3"),
        bands(&[("=100", "3"), (">=90", "2.5"), (">=80", "2"), (">=70", "1.5"), (">=50", "1"), ("else", "0")])
    );
}
