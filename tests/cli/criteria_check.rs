//! `parscore criteria check` on broken criteria files: every file under
//! `tests/data/criteria/bad/` holds one kind of mistake (named after it) in an otherwise
//! valid tree, and each test pins the exact located line(s) a person should see.
//!
//! Paths are passed relative to the project root (the harness runs the binary there), so
//! the messages name the file exactly as written here.

use crate::harness::{data, run};
use std::path::Path;

/// `tests/data/criteria/bad/NAME`, as the user would type it from the project root.
fn bad(name: &str) -> String {
    let path = format!("tests/data/criteria/bad/{name}");
    assert!(
        data(&format!("criteria/bad/{name}")).exists(),
        "missing fixture {path}"
    );
    path
}

/// Runs `parscore [--lang en] criteria check FILE` on a bad file.
fn check(name: &str, en: bool) -> (i32, String, String, String) {
    let path = bad(name);
    let mut args = Vec::new();
    if en {
        args.extend(["--lang", "en"]);
    }
    args.extend(["criteria", "check", path.as_str()]);
    let (code, out, err) = run(&args);
    (code, out, err, path)
}

/// The file has problems: exit 1, nothing on stdout, no panic, each expected line present
/// as a whole line of stderr, and exactly that many errors counted (so that nothing else
/// was reported for the file).
fn expect_problems(name: &str, en: bool, lines: &[&str]) {
    let (code, out, err, path) = check(name, en);
    assert_no_panic(&err);
    assert_eq!(code, 1, "exit code for {path}\nstderr:\n{err}");
    assert_eq!(out, "", "nothing on stdout for an invalid file");
    for line in lines {
        assert_has_line(&err, line);
    }
    let n = lines.len();
    let count = if en {
        let s = if n == 1 { "" } else { "s" };
        format!("{path}: invalid: {n} error{s}, 0 warnings")
    } else {
        format!("{path}: không hợp lệ: {n} lỗi, 0 cảnh báo")
    };
    assert_has_line(&err, &count);
}

fn expect_vi(name: &str, lines: &[&str]) {
    expect_problems(name, false, lines);
}

fn expect_en(name: &str, lines: &[&str]) {
    expect_problems(name, true, lines);
}

fn assert_has_line(stderr: &str, line: &str) {
    assert!(
        stderr.lines().any(|l| l == line),
        "expected the line\n  {line}\nin stderr:\n{stderr}"
    );
}

fn assert_no_panic(stderr: &str) {
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked:\n{stderr}"
    );
}

// ---------------------------------------------------------------------------------------
// The top of the file: format, required fields, total.

#[test]
fn missing_format() {
    expect_vi(
        "missing_format.json",
        &[
            r#"tests/data/criteria/bad/missing_format.json:1: thiếu trường bắt buộc "format": "parscore-criteria/1""#,
        ],
    );
}

#[test]
fn wrong_format_version() {
    expect_vi(
        "wrong_format_version.json",
        &[
            r#"tests/data/criteria/bad/wrong_format_version.json:1: định dạng "parscore-criteria/2" không được hỗ trợ; cần "parscore-criteria/1""#,
        ],
    );
}

#[test]
fn year_not_a_year() {
    expect_vi(
        "year_not_a_year.json",
        &[r#"tests/data/criteria/bad/year_not_a_year.json:1: "year" phải là một năm, ví dụ 2026"#],
    );
}

#[test]
fn areas_not_adding_to_total() {
    expect_vi(
        "areas_not_adding_to_total.json",
        &[
            r#"tests/data/criteria/bad/areas_not_adding_to_total.json:1: tổng điểm tối đa các lĩnh vực là 10, khác "total" 12"#,
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Nodes: keys, codes, maxima, structure.

#[test]
fn unknown_key_mx() {
    // "mx" for "max": the hint, and the "max" it leaves missing.
    expect_vi(
        "unknown_key_mx.json",
        &[
            r#"tests/data/criteria/bad/unknown_key_mx.json:10: [1.1] khóa không xác định "mx" (có phải "max"?)"#,
            r#"tests/data/criteria/bad/unknown_key_mx.json:10: [1.1] thiếu trường bắt buộc "max""#,
        ],
    );
}

#[test]
fn unknown_key_mx_in_english() {
    expect_en(
        "unknown_key_mx.json",
        &[
            r#"tests/data/criteria/bad/unknown_key_mx.json:10: [1.1] unknown key "mx" (did you mean "max"?)"#,
            r#"tests/data/criteria/bad/unknown_key_mx.json:10: [1.1] missing required field "max""#,
        ],
    );
}

#[test]
fn missing_required_name() {
    expect_vi(
        "missing_required_name.json",
        &[
            r#"tests/data/criteria/bad/missing_required_name.json:27: [1.2.2] thiếu trường bắt buộc "name""#,
        ],
    );
}

#[test]
fn missing_required_code() {
    // The node has no code, so it is named by its JSON path; it must still get a line (the
    // line where the node starts), and its empty code must not also be reported as "not
    // under its parent".
    expect_vi(
        "missing_required_code.json",
        &[
            r#"tests/data/criteria/bad/missing_required_code.json:29: [areas[0].children[1].children[2]] thiếu trường bắt buộc "code""#,
        ],
    );
}

#[test]
fn duplicate_code() {
    expect_vi(
        "duplicate_code.json",
        &[
            r#"tests/data/criteria/bad/duplicate_code.json:29: [1.2.2] mã bị trùng (đã dùng ở dòng 27)"#,
        ],
    );
}

#[test]
fn duplicate_key() {
    // `"max": 1, "max": 2` in one object: JSON readers silently keep one of them, so the
    // file must say which key is doubled rather than accept it (or only complain about a
    // sum somewhere else).
    let (code, _, err, path) = check("duplicate_key.json", false);
    assert_no_panic(&err);
    assert_eq!(code, 1, "{err}");
    let prefix = format!("{path}:29: [1.2.3] ");
    assert!(
        err.lines()
            .any(|l| l.starts_with(&prefix) && l.contains(r#""max""#)),
        "expected a problem about the doubled \"max\" at {prefix}…\nstderr:\n{err}"
    );
}

#[test]
fn child_code_not_under_parent() {
    expect_vi(
        "child_code_not_under_parent.json",
        &[
            r#"tests/data/criteria/bad/child_code_not_under_parent.json:29: [1.1.3] mã "1.1.3" không nằm dưới mã cha "1.2" (cần dạng 1.2.1, 1.2.2, …)"#,
        ],
    );
}

#[test]
fn area_code_not_number() {
    expect_vi(
        "area_code_not_number.json",
        &[
            r#"tests/data/criteria/bad/area_code_not_number.json:33: [II] mã lĩnh vực "II" phải là một số (1, 2, …)"#,
        ],
    );
}

#[test]
fn area_code_not_number_in_english() {
    expect_en(
        "area_code_not_number.json",
        &[
            r#"tests/data/criteria/bad/area_code_not_number.json:33: [II] area code "II" must be a number (1, 2, …)"#,
        ],
    );
}

#[test]
fn method_unknown() {
    expect_vi(
        "method_unknown.json",
        &[
            r#"tests/data/criteria/bad/method_unknown.json:33: [2] "method" phải là "self" hoặc "survey", không phải "Survey""#,
        ],
    );
}

#[test]
fn parent_max_not_sum() {
    expect_vi(
        "parent_max_not_sum.json",
        &[
            r#"tests/data/criteria/bad/parent_max_not_sum.json:20: [1.2] điểm tối đa 3 khác tổng điểm tối đa của các tiêu chí con (4)"#,
        ],
    );
}

#[test]
fn parent_max_not_sum_in_english_with_the_flag_after_the_file() {
    let path = bad("parent_max_not_sum.json");
    let (code, _, err) = run(&["criteria", "check", &path, "--lang", "en"]);
    assert_eq!(code, 1);
    assert_has_line(
        &err,
        r#"tests/data/criteria/bad/parent_max_not_sum.json:20: [1.2] maximum 3 differs from the sum of its children's maxima (4)"#,
    );
    assert_has_line(
        &err,
        "tests/data/criteria/bad/parent_max_not_sum.json: invalid: 1 error, 0 warnings",
    );
}

#[test]
fn max_negative() {
    expect_vi(
        "max_negative.json",
        &[r#"tests/data/criteria/bad/max_negative.json:35: [2.1] "max" phải lớn hơn hoặc bằng 0"#],
    );
}

#[test]
fn max_three_decimals() {
    // Two leaves, because a single three-decimal maximum cannot add up to a two-decimal
    // parent; both are the same kind of mistake.
    expect_vi(
        "max_three_decimals.json",
        &[
            r#"tests/data/criteria/bad/max_three_decimals.json:35: [2.1] "max": 2.125 có quá hai chữ số thập phân"#,
            r#"tests/data/criteria/bad/max_three_decimals.json:36: [2.2] "max": 1.875 có quá hai chữ số thập phân"#,
        ],
    );
}

#[test]
fn max_not_a_number() {
    // One mistake, one report: the unreadable maximum of a leaf must not be reported again
    // as "its parent's maximum differs from the sum of its children".
    expect_vi(
        "max_not_a_number.json",
        &[
            r#"tests/data/criteria/bad/max_not_a_number.json:29: [1.2.3] "max": "một" không phải là số"#,
        ],
    );
}

#[test]
fn max_too_large() {
    // Two maxima of 79228162514264337593543950335 (written as strings): a located problem,
    // never an arithmetic overflow panic (exit 101).
    let (code, _, err, path) = check("max_too_large.json", false);
    assert_no_panic(&err);
    assert_eq!(code, 1, "{err}");
    let located = format!("{path}:");
    assert!(
        err.lines().any(|l| l.starts_with(&located)
            && l[located.len()..].starts_with(|c: char| c.is_ascii_digit())),
        "expected a located problem for {path}\nstderr:\n{err}"
    );
}

#[test]
fn leaf_without_rule() {
    expect_vi(
        "leaf_without_rule.json",
        &[
            r#"tests/data/criteria/bad/leaf_without_rule.json:36: [2.2] tiêu chí lá phải có đúng một "rule" (hoặc có "children")"#,
        ],
    );
}

#[test]
fn parent_with_rule() {
    expect_vi(
        "parent_with_rule.json",
        &[
            r#"tests/data/criteria/bad/parent_with_rule.json:20: [1.2] một tiêu chí có "children" thì không được có "rule" (chỉ tiêu chí lá mới có cách tính điểm)"#,
        ],
    );
}

#[test]
fn children_empty() {
    expect_vi(
        "children_empty.json",
        &[
            r#"tests/data/criteria/bad/children_empty.json:33: [2] "children" rỗng: tiêu chí cha phải có ít nhất một tiêu chí con"#,
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Rules.

#[test]
fn unknown_rule_kind() {
    expect_vi(
        "unknown_rule_kind.json",
        &[
            r#"tests/data/criteria/bad/unknown_rule_kind.json:27: [1.2.2] loại quy tắc "penalty" không tồn tại; dùng levels, bands, ratio, deduct, deadline, manual hoặc count"#,
        ],
    );
}

#[test]
fn unknown_rule_key() {
    expect_vi(
        "unknown_rule_key.json",
        &[
            r#"tests/data/criteria/bad/unknown_rule_key.json:14: [1.1.2] khóa không xác định "per"; các khóa hợp lệ: kind, input, bands, nothing_to_count, over_100"#,
        ],
    );
}

#[test]
fn plan_input_on_levels() {
    expect_vi(
        "plan_input_on_levels.json",
        &[
            r#"tests/data/criteria/bad/plan_input_on_levels.json:22: [1.2.1] "input": "plan.completion" là một tỷ lệ %, chỉ dùng với bands hoặc ratio"#,
        ],
    );
}

#[test]
fn level_labels_duplicate() {
    // "Chậm" and "chậm" are the same label once case is folded.
    expect_vi(
        "level_labels_duplicate.json",
        &[r#"tests/data/criteria/bad/level_labels_duplicate.json:22: [1.2.1] mức "chậm" bị trùng"#],
    );
}

#[test]
fn level_points_above_max() {
    expect_vi(
        "level_points_above_max.json",
        &[
            r#"tests/data/criteria/bad/level_points_above_max.json:22: [1.2.1] mức "Đầy đủ, đúng hạn": 1,5 điểm nằm ngoài 0..1"#,
        ],
    );
}

#[test]
fn points_percent_above_100() {
    expect_vi(
        "points_percent_above_100.json",
        &[
            r#"tests/data/criteria/bad/points_percent_above_100.json:22: [1.2.1] mức "Chậm": 1,5 điểm nằm ngoài 0..1"#,
        ],
    );
}

#[test]
fn bands_out_of_order() {
    expect_vi(
        "bands_out_of_order.json",
        &[
            r#"tests/data/criteria/bad/bands_out_of_order.json:14: [1.1.2] khoảng thứ 2 không bao giờ được áp dụng: các khoảng phải xếp theo thứ tự, khoảng trước đã bao phủ nó"#,
        ],
    );
}

#[test]
fn bands_gap() {
    expect_vi(
        "bands_gap.json",
        &[
            r#"tests/data/criteria/bad/bands_gap.json:14: [1.1.2] giá trị 50% không thuộc khoảng nào; thêm khoảng "else" hoặc sửa ngưỡng"#,
        ],
    );
}

#[test]
fn band_points_above_max() {
    // The condition is worded in the message's language ("trên 90%", not "over 90%").
    expect_vi(
        "band_points_above_max.json",
        &[
            r#"tests/data/criteria/bad/band_points_above_max.json:14: [1.1.2] khoảng "trên 90%": 3 điểm nằm ngoài 0..2"#,
        ],
    );
}

#[test]
fn band_points_above_max_in_english() {
    expect_en(
        "band_points_above_max.json",
        &[
            r#"tests/data/criteria/bad/band_points_above_max.json:14: [1.1.2] band "over 90%": 3 points is outside 0..2"#,
        ],
    );
}

#[test]
fn band_threshold_over_100() {
    // ">900" for ">90": one mistake, one report. The band is unreachable because of its
    // threshold, not because "earlier bands already cover it" (there are none before it).
    expect_vi(
        "band_threshold_over_100.json",
        &[
            r#"tests/data/criteria/bad/band_threshold_over_100.json:14: [1.1.2] ngưỡng 900% nằm ngoài 0..100%"#,
        ],
    );
}

#[test]
fn band_when_unreadable() {
    expect_vi(
        "band_when_unreadable.json",
        &[
            r#"tests/data/criteria/bad/band_when_unreadable.json:14: [1.1.2] điều kiện "=>70" không hợp lệ; viết >, >=, <, <= hoặc = và một số, hoặc else"#,
        ],
    );
}

#[test]
fn deduct_per_zero() {
    expect_vi(
        "deduct_per_zero.json",
        &[r#"tests/data/criteria/bad/deduct_per_zero.json:27: [1.2.2] "per" phải lớn hơn 0"#],
    );
}

#[test]
fn manual_step_not_dividing_max() {
    expect_vi(
        "manual_step_not_dividing_max.json",
        &[
            r#"tests/data/criteria/bad/manual_step_not_dividing_max.json:29: [1.2.3] "step" 0,3 không chia hết điểm tối đa 1"#,
        ],
    );
}

#[test]
fn deadline_late_above_max() {
    expect_vi(
        "deadline_late_above_max.json",
        &[
            r#"tests/data/criteria/bad/deadline_late_above_max.json:12: [1.1.1] "late" 1,5 điểm phải nằm trong 0..1"#,
        ],
    );
}

#[test]
fn deadline_late_above_max_in_english() {
    expect_en(
        "deadline_late_above_max.json",
        &[
            r#"tests/data/criteria/bad/deadline_late_above_max.json:12: [1.1.1] "late" 1.5 points must be within 0..1"#,
        ],
    );
}

#[test]
fn deadline_due_not_a_date() {
    expect_vi(
        "deadline_due_not_a_date.json",
        &[
            r#"tests/data/criteria/bad/deadline_due_not_a_date.json:12: [1.1.1] "due": "2026-02-30" không phải là ngày hợp lệ (YYYY-MM-DD)"#,
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Files that are not (readable) JSON.

#[test]
fn syntax_error_trailing_comma() {
    expect_vi(
        "syntax_error_trailing_comma.json",
        &["tests/data/criteria/bad/syntax_error_trailing_comma.json:31:11: lỗi cú pháp JSON: thừa dấu phẩy trước dấu } hoặc ]; xóa dấu phẩy đó"],
    );
}

#[test]
fn syntax_error_trailing_comma_in_english() {
    expect_en(
        "syntax_error_trailing_comma.json",
        &["tests/data/criteria/bad/syntax_error_trailing_comma.json:31:11: JSON syntax error (trailing comma)"],
    );
}

#[test]
fn truncated() {
    expect_vi(
        "truncated.json",
        &["tests/data/criteria/bad/truncated.json:27:39: lỗi cú pháp JSON: tệp kết thúc giữa chừng: thiếu dấu } hoặc ] đóng, hoặc thiếu dấu \" đóng chuỗi"],
    );
}

#[test]
fn empty() {
    // Columns count from 1: an empty file is at 1:1, not 1:0.
    expect_vi(
        "empty.json",
        &["tests/data/criteria/bad/empty.json:1:1: lỗi cú pháp JSON: tệp kết thúc giữa chừng: thiếu dấu } hoặc ] đóng, hoặc thiếu dấu \" đóng chuỗi"],
    );
}

#[test]
fn not_utf8() {
    // Saved as Latin-1: the first non-ASCII byte is the "ô" of "Bô" on line 4.
    expect_vi(
        "not_utf8.bin.json",
        &["tests/data/criteria/bad/not_utf8.bin.json:4:14: tệp tiêu chí phải là UTF-8; byte không hợp lệ ở đây"],
    );
}

#[test]
fn not_utf8_in_english() {
    expect_en(
        "not_utf8.bin.json",
        &["tests/data/criteria/bad/not_utf8.bin.json:4:14: a criteria file must be UTF-8; invalid byte here"],
    );
}

// ---------------------------------------------------------------------------------------
// Whole runs.

#[test]
fn many_mistakes_are_all_reported_in_one_run() {
    expect_vi(
        "many_mistakes.json",
        &[
            r#"tests/data/criteria/bad/many_mistakes.json:1: định dạng "parscore-criteria/2" không được hỗ trợ; cần "parscore-criteria/1""#,
            r#"tests/data/criteria/bad/many_mistakes.json:1: tổng điểm tối đa các lĩnh vực là 10, khác "total" 12"#,
            r#"tests/data/criteria/bad/many_mistakes.json:12: [1.1.1] "due": "2026-02-30" không phải là ngày hợp lệ (YYYY-MM-DD)"#,
            r#"tests/data/criteria/bad/many_mistakes.json:14: [1.1.2] giá trị 50% không thuộc khoảng nào; thêm khoảng "else" hoặc sửa ngưỡng"#,
            r#"tests/data/criteria/bad/many_mistakes.json:22: [1.2.1] mức "Đầy đủ, đúng hạn": 1,5 điểm nằm ngoài 0..1"#,
            r#"tests/data/criteria/bad/many_mistakes.json:27: [1.2.2] "per" phải lớn hơn 0"#,
            r#"tests/data/criteria/bad/many_mistakes.json:29: [1.2.2] mã bị trùng (đã dùng ở dòng 27)"#,
            r#"tests/data/criteria/bad/many_mistakes.json:33: [2] "method" phải là "self" hoặc "survey", không phải "Survey""#,
            r#"tests/data/criteria/bad/many_mistakes.json:36: [2.2] tiêu chí lá phải có đúng một "rule" (hoặc có "children")"#,
        ],
    );
}

#[test]
fn every_bad_file_is_rejected_without_a_panic() {
    let dir = data("criteria/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("bad dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 24, "only {} bad files", names.len());
    let mut failures = Vec::new();
    for name in &names {
        let path = bad(name);
        let (code, out, err) = run(&["criteria", "check", &path]);
        if code != 1 || err.contains("panicked") || !out.is_empty() {
            failures.push(format!(
                "{path}: exit {code}\n{}",
                err.lines().take(3).collect::<Vec<_>>().join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "files not rejected cleanly:\n{}",
        failures.join("\n")
    );
}

#[test]
fn a_missing_file_exits_2() {
    let path = "tests/data/criteria/bad/does_not_exist.json";
    assert!(!Path::new(&data("criteria/bad/does_not_exist.json")).exists());
    let (code, out, err) = run(&["criteria", "check", path]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert!(
        err == "tests/data/criteria/bad/does_not_exist.json: không có tệp này\n",
        "{err}"
    );
    let (code, _, err) = run(&["--lang", "en", "criteria", "check", path]);
    assert_eq!(code, 2);
    assert!(
        err == "tests/data/criteria/bad/does_not_exist.json: no such file\n",
        "{err}"
    );
}

#[test]
fn a_missing_file_among_bad_ones_still_exits_2_and_reports_the_others() {
    let missing = "tests/data/criteria/bad/does_not_exist.json";
    let other = bad("deduct_per_zero.json");
    let (code, _, err) = run(&["criteria", "check", missing, &other]);
    assert_eq!(code, 2, "{err}");
    assert_has_line(
        &err,
        r#"tests/data/criteria/bad/deduct_per_zero.json:27: [1.2.2] "per" phải lớn hơn 0"#,
    );
}

#[test]
fn format_json_lists_the_problems() {
    let many = bad("many_mistakes.json");
    let comma = bad("syntax_error_trailing_comma.json");
    let (code, out, _) = run(&["criteria", "check", "--format", "json", &many, &comma]);
    assert_eq!(code, 1);
    let reports: serde_json::Value = serde_json::from_str(&out).expect("stdout is JSON");
    let reports = reports.as_array().expect("an array of file reports");
    assert_eq!(reports.len(), 2);

    let first = &reports[0];
    assert_eq!(first["file"], many.as_str());
    assert_eq!(first["valid"], false);
    let problems = first["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 9);
    for p in problems {
        let keys: Vec<&str> = p
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["severity", "file", "line", "column", "code", "message"]
        );
        assert_eq!(p["severity"], "error");
        assert_eq!(p["file"], many.as_str());
    }
    let per = problems
        .iter()
        .find(|p| p["code"] == "1.2.2" && p["line"] == 27)
        .expect("the deduct problem");
    assert_eq!(per["column"], serde_json::Value::Null);
    assert_eq!(per["message"], r#""per" phải lớn hơn 0"#);
    let total = problems
        .iter()
        .find(|p| {
            p["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("tổng điểm"))
        })
        .expect("the total problem");
    assert_eq!(total["code"], serde_json::Value::Null);
    assert_eq!(total["line"], 1);

    let second = &reports[1];
    assert_eq!(second["valid"], false);
    let syntax = &second["problems"][0];
    assert_eq!(syntax["line"], 31);
    assert_eq!(syntax["column"], 11);
    assert_eq!(
        syntax["message"],
        "lỗi cú pháp JSON: thừa dấu phẩy trước dấu } hoặc ]; xóa dấu phẩy đó"
    );

    let (_, out, _) = run(&[
        "--lang", "en", "criteria", "check", "--format", "json", &comma,
    ]);
    let reports: serde_json::Value = serde_json::from_str(&out).expect("stdout is JSON");
    assert_eq!(
        reports[0]["problems"][0]["message"],
        "JSON syntax error (trailing comma)"
    );
}

/// A valid file: the same tree every bad file starts from.
const GOOD: &str = r#"{
  "format": "parscore-criteria/1",
  "id": "kiem-tra-2026",
  "title": "Bộ chỉ số kiểm tra",
  "year": 2026,
  "total": 10,
  "areas": [
    { "code": "1", "name": "Công tác chỉ đạo, điều hành CCHC", "max": 6,
      "children": [
        { "code": "1.1", "name": "Kế hoạch CCHC", "max": 3,
          "children": [
            { "code": "1.1.1", "name": "Ban hành kế hoạch CCHC năm", "max": 1,
              "rule": { "kind": "deadline", "due": "2026-01-15", "late": 0.5 } },
            { "code": "1.1.2", "name": "Mức độ thực hiện kế hoạch CCHC", "max": 2,
              "rule": { "kind": "bands", "input": "plan.completion",
                        "bands": [ { "when": ">90", "points": 2 },
                                   { "when": ">=70", "points": 1 },
                                   { "when": "else", "points": 0 } ] } }
          ] },
        { "code": "1.2", "name": "Báo cáo CCHC", "max": 3,
          "children": [
            { "code": "1.2.1", "name": "Báo cáo đầy đủ, đúng hạn", "max": 1,
              "rule": { "kind": "levels",
                        "levels": [ { "label": "Đầy đủ, đúng hạn", "points": 1 },
                                    { "label": "Chậm", "points": "50%" },
                                    { "label": "Không báo cáo", "points": 0 } ] } },
            { "code": "1.2.2", "name": "Vi phạm chế độ báo cáo", "max": 1,
              "rule": { "kind": "deduct", "per": 0.25 } },
            { "code": "1.2.3", "name": "Chất lượng báo cáo", "max": 1,
              "rule": { "kind": "manual", "step": 0.25 } }
          ] }
      ] },
    { "code": "2", "name": "Tác động của CCHC", "max": 4, "method": "survey",
      "children": [
        { "code": "2.1", "name": "Sự hài lòng của người dân", "max": 2, "rule": { "kind": "ratio" } },
        { "code": "2.2", "name": "Sự hài lòng của doanh nghiệp", "max": 2, "rule": { "kind": "ratio" } }
      ] }
  ]
}
"#;

#[test]
fn a_good_and_a_bad_file_together_exit_1_and_still_summarise_the_good_one() {
    let dir = crate::harness::tempdir();
    let good = dir.path().join("good.json");
    std::fs::write(&good, GOOD).expect("write");
    let good = good.to_str().expect("utf-8 path").to_string();
    let bad_file = bad("deduct_per_zero.json");

    let (code, out, err) = run(&["criteria", "check", &good, &bad_file]);
    assert_eq!(code, 1, "{err}");
    assert_has_line(
        &out,
        &format!(
            r#"{good}: hợp lệ: "Bộ chỉ số kiểm tra" (kiem-tra-2026), 2 lĩnh vực, 4 tiêu chí, 7 tiêu chí lá được chấm điểm; tự đánh giá 6 điểm, điều tra xã hội học 4 điểm, tổng 10 điểm"#
        ),
    );
    assert!(
        !err.contains(&good),
        "the good file has no problems:\n{err}"
    );
    assert_has_line(
        &err,
        r#"tests/data/criteria/bad/deduct_per_zero.json:27: [1.2.2] "per" phải lớn hơn 0"#,
    );
    assert_has_line(
        &err,
        "tests/data/criteria/bad/deduct_per_zero.json: không hợp lệ: 1 lỗi, 0 cảnh báo",
    );

    // The order of the files does not matter.
    let (code, out, _) = run(&["criteria", "check", &bad_file, &good]);
    assert_eq!(code, 1);
    assert!(out.starts_with(&format!("{good}: hợp lệ: ")), "{out}");
}

#[test]
fn huge_files_do_not_panic() {
    let dir = crate::harness::tempdir();

    // A valid file whose one area has a 20 MB name.
    let big = dir.path().join("big.json");
    let name = "a".repeat(20 * 1024 * 1024);
    let text = format!(
        r#"{{"format": "parscore-criteria/1", "id": "big", "title": "Big", "year": 2026, "total": 1,
"areas": [ {{ "code": "1", "name": "{name}", "max": 1, "rule": {{ "kind": "ratio" }} }} ] }}"#
    );
    std::fs::write(&big, text).expect("write");
    let (code, _, err) = run(&["criteria", "check", big.to_str().expect("utf-8 path")]);
    assert!(code == 0 || code == 1, "exit {code}");
    assert_no_panic(&err);

    // 100 000 nested arrays: a syntax problem, not a stack overflow.
    let deep = dir.path().join("deep.json");
    std::fs::write(&deep, "[".repeat(100_000)).expect("write");
    let deep = deep.to_str().expect("utf-8 path").to_string();
    let (code, _, err) = run(&["criteria", "check", &deep]);
    assert_eq!(code, 1, "{err}");
    assert_no_panic(&err);
    assert!(err.starts_with(&format!("{deep}:1:")), "{err}");
}
