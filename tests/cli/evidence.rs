//! `parscore evidence`, `seal` and `verify`: every problem kind on a dossier built for it.
//!
//! `tests/data/dossiers/evidence_complete` (criteria `tests/data/criteria/good/evidence.json`)
//! is complete: every scored leaf has a document for each required evidence item.
//!
//! | leaf  | rule     | declared   | points | documents (manifest line: id)                     |
//! |-------|----------|------------|--------|---------------------------------------------------|
//! | 1.1.1 | deadline | 10/01/2026 | 1      | 2: KH01, the plan, dated 10/01/2026               |
//! | 1.1.2 | levels   | Có         | 1      | item 1 — 2: KH01; item 2 — 3: DT01 (08/01/2026)   |
//! | 1.2.1 | ratio    | 19/20      | 1.90   | 4: BC01                                           |
//! | 1.2.2 | levels   | Tốt        | 0.50   | 5: BC02 (20/11/2026); its optional item: none     |
//! | 8.1   | survey   | 85         | 1.70   | a survey leaf needs no evidence                   |
//!
//! Self-scored 4.40 / 4.50, projected total 6.10 / 6.50. In `plan.csv`, task 1 (due
//! "Trước 15/01/2026", lead Văn phòng) serves 1.1.1 and 1.1.2; task 2 (ongoing, lead Phòng
//! Quản lý doanh nghiệp) serves 1.2.1; no task serves 1.2.2, so it has no lead unit.
//!
//! Each test copies the dossier, changes one thing and checks the exact figures: a leaf
//! without its evidence puts all its points at risk, and strict = projected − at risk.

use crate::harness::{copy_dossier, copy_into, root, run, run_in};
use parscore::evidence::sha256_bytes;
use serde_json::{json, Value};
use std::fs;
use std::path::PathBuf;

const DOSSIER: &str = "dossiers/evidence_complete";
const MANIFEST: &str = "dossiers/evidence_complete/manifest.csv";
/// BC02's file, the only evidence of 1.2.2.
const BC02_FILE: &str = "files/bao-cao-cchc-nam-2026.txt";

/// A fresh copy of `evidence_complete` and its criteria file, to change one thing in.
struct Fixture(tempfile::TempDir);

impl Fixture {
    fn new() -> Self {
        Fixture(copy_dossier("evidence_complete"))
    }

    /// The copy, sealed.
    fn sealed() -> Self {
        let f = Fixture::new();
        let (code, _, err) = f.run(&["seal", DOSSIER]);
        assert_eq!(code, 0, "{err}");
        f
    }

    /// A file of the copied dossier.
    fn path(&self, rel: &str) -> PathBuf {
        self.0.path().join(DOSSIER).join(rel)
    }

    /// `parscore ARGS…` beside `dossiers/`, so messages name `dossiers/evidence_complete/…`.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        run_in(self.0.path(), args)
    }

    /// `parscore evidence --format json`: the exit code and the report.
    fn evidence_json(&self) -> (i32, Value) {
        let (code, out, err) = self.run(&["evidence", DOSSIER, "--format", "json"]);
        assert!(err.is_empty(), "{err}");
        let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        (code, v)
    }

    /// Replaces `from` by `to` in a file of the dossier; `from` must be there exactly once.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.path(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "{from:?} once in {rel}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Removes the manifest row of document `id`.
    fn drop_row(&self, id: &str) {
        let text = fs::read_to_string(self.path("manifest.csv")).unwrap();
        let row = text
            .lines()
            .find(|l| l.starts_with(&format!("{id},")))
            .unwrap_or_else(|| panic!("no row {id}"));
        self.edit("manifest.csv", &format!("{row}\n"), "");
    }

    fn manifest_bytes(&self) -> Vec<u8> {
        fs::read(self.path("manifest.csv")).unwrap()
    }

    fn seal_json(&self) -> Value {
        serde_json::from_str(&fs::read_to_string(self.path("seal.json")).unwrap()).unwrap()
    }
}

/// The problems as (kind, code, line, message), in the order reported.
fn problems(v: &Value) -> Vec<(&str, Option<&str>, Option<u64>, &str)> {
    v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap(),
                p["code"].as_str(),
                p["line"].as_u64(),
                p["message"].as_str().unwrap(),
            )
        })
        .collect()
}

/// The leaves missing evidence as (code, points, what, lead unit).
fn missing(v: &Value) -> Vec<(&str, &str, &str, Option<&str>)> {
    v["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["code"].as_str().unwrap(),
                m["points"].as_str().unwrap(),
                m["what"].as_str().unwrap(),
                m["lead"].as_str(),
            )
        })
        .collect()
}

/// Nothing is missing and nothing is at risk: the totals are those of the complete dossier.
fn assert_nothing_at_risk(v: &Value) {
    assert!(missing(v).is_empty(), "{v:#}");
    assert_eq!(v["at_risk"], "0.00");
    assert_eq!(v["strict_total"], "6.10");
}

/// 1.2.2 (Tốt, 0.50) has lost its only document: 0.50 at risk, strict total 6.10 − 0.50.
fn assert_1_2_2_at_risk(v: &Value) {
    assert_eq!(missing(v), [("1.2.2", "0.50", "Báo cáo CCHC năm", None)]);
    assert_eq!(v["at_risk"], "0.50");
    assert_eq!(v["strict_self"], "3.90");
    assert_eq!(v["strict_total"], "5.60");
}

// ---------------------------------------------------------------------------------------
// The checklist
// ---------------------------------------------------------------------------------------

#[test]
fn the_complete_dossier_has_every_required_document() {
    let f = Fixture::new();
    let (code, v) = f.evidence_json();
    assert_eq!(code, 0);
    assert_eq!(v["documents"], 4);
    assert_eq!(v["manifest"], MANIFEST);
    assert_eq!(v["self_assessed"], "4.40");
    assert_eq!(v["projected_total"], "6.10");
    assert_eq!(v["at_risk"], "0.00");
    assert_eq!(v["strict_self"], "4.40");
    assert_eq!(v["strict_total"], v["projected_total"]);
    assert_eq!(v["doubtful"], "0.00");
    // 1.2.2's optional item (the Sở Nội vụ's comments) has no document, and need not.
    assert!(missing(&v).is_empty());
    assert!(problems(&v).is_empty());
    let (code, out, _) = f.run(&["evidence", DOSSIER]);
    assert_eq!(code, 0);
    assert!(out.contains(
        "\nMọi tiêu chí đã chấm đều có đủ tài liệu kiểm chứng; không có văn bản nào cần xem lại.\n"
    ));
    assert!(out.contains("  Điểm có nguy cơ bị trừ do thiếu tài liệu kiểm chứng: 0\n"));
}

#[test]
fn a_scored_leaf_without_any_document_puts_all_its_points_at_risk() {
    let f = Fixture::new();
    // BC01 withdrawn, row and file: 1.2.1 (19/20 of 2 = 1.90) has no document left.
    f.drop_row("BC01");
    fs::remove_file(f.path("files/bao-cao-xu-ly-kien-nghi-2026.txt")).unwrap();
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        missing(&v),
        [(
            "1.2.1",
            "1.90",
            "Báo cáo kết quả xử lý kiến nghị",
            Some("Phòng Quản lý doanh nghiệp")
        )]
    );
    assert_eq!(
        v["missing"][0]["name"],
        "Tỷ lệ kiến nghị của doanh nghiệp được xử lý"
    );
    assert!(problems(&v).is_empty());
    assert_eq!(v["documents"], 3);
    assert_eq!(v["at_risk"], "1.90");
    assert_eq!(v["strict_self"], "2.50"); // 4.40 − 1.90
    assert_eq!(v["strict_total"], "4.20"); // 6.10 − 1.90
    assert_eq!(v["areas"][0]["at_risk"], "1.90");
    assert_eq!(v["areas"][1]["at_risk"], "0.00");
}

#[test]
fn a_two_item_leaf_with_one_document_names_the_item_still_missing() {
    let f = Fixture::new();
    // DT01 (the budget decision, 1.1.2#2) is no longer listed; its file stays in files/.
    f.drop_row("DT01");
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        missing(&v),
        [(
            "1.1.2",
            "1.00",
            "Quyết định giao dự toán kinh phí cải cách hành chính",
            Some("Văn phòng")
        )]
    );
    assert_eq!(
        v["missing"][0]["items"],
        json!(["Quyết định giao dự toán kinh phí cải cách hành chính"])
    );
    assert_eq!(
        problems(&v),
        [(
            "file_unlisted",
            None,
            None,
            "tệp files/qd-giao-du-toan-cchc-2026.txt không có dòng nào trong manifest.csv"
        )]
    );
    assert_eq!(
        v["problems"][0]["file"],
        "dossiers/evidence_complete/files/qd-giao-du-toan-cchc-2026.txt"
    );
    assert_eq!(v["at_risk"], "1.00");
    assert_eq!(v["strict_total"], "5.10");
}

#[test]
fn a_listed_file_that_does_not_exist() {
    let f = Fixture::new();
    fs::remove_file(f.path(BC02_FILE)).unwrap();
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "file_missing",
            Some("1.2.2"),
            Some(5),
            "không có tệp files/bao-cao-cchc-nam-2026.txt của văn bản BC02 (150/BC-VP)"
        )]
    );
    assert_eq!(v["problems"][0]["file"], MANIFEST);
    assert_eq!(v["problems"][0]["document"], "BC02");
    assert_1_2_2_at_risk(&v);
    // A dossier with a missing file cannot be sealed.
    let before = f.manifest_bytes();
    let (code, out, err) = f.run(&["seal", DOSSIER]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "dossiers/evidence_complete/manifest.csv:5: [1.2.2] không có tệp files/bao-cao-cchc-nam-2026.txt \
         của văn bản BC02; không thể niêm phong hồ sơ thiếu tệp\n1 lỗi, 0 cảnh báo\n"
    );
    assert_eq!(f.manifest_bytes(), before);
    assert!(!f.path("seal.json").exists());
}

#[test]
fn an_empty_file() {
    let f = Fixture::new();
    fs::write(f.path(BC02_FILE), "").unwrap();
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "file_empty",
            Some("1.2.2"),
            Some(5),
            "tệp files/bao-cao-cchc-nam-2026.txt của văn bản BC02 (150/BC-VP) rỗng (0 byte)"
        )]
    );
    assert_1_2_2_at_risk(&v);
}

#[test]
fn an_unreadable_file_a_folder_in_its_place() {
    let f = Fixture::new();
    fs::remove_file(f.path(BC02_FILE)).unwrap();
    fs::create_dir(f.path(BC02_FILE)).unwrap();
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "file_unreadable",
            Some("1.2.2"),
            Some(5),
            "không đọc được tệp files/bao-cao-cchc-nam-2026.txt của văn bản BC02 (150/BC-VP): không phải tệp thông thường (thư mục) nên không được mở"
        )]
    );
    assert_1_2_2_at_risk(&v);
}

#[test]
fn a_file_in_files_that_no_row_lists() {
    let f = Fixture::new();
    fs::write(f.path("files/ghi-chu-noi-bo.txt"), "Ghi chú nội bộ.\n").unwrap();
    // System clutter is not a document.
    fs::write(f.path("files/.DS_Store"), "x").unwrap();
    fs::write(f.path("files/Thumbs.db"), "x").unwrap();
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "file_unlisted",
            None,
            None,
            "tệp files/ghi-chu-noi-bo.txt không có dòng nào trong manifest.csv"
        )]
    );
    assert_eq!(
        v["problems"][0]["file"],
        "dossiers/evidence_complete/files/ghi-chu-noi-bo.txt"
    );
    assert_eq!(v["problems"][0]["lead"], Value::Null);
    assert_nothing_at_risk(&v);
}

#[test]
fn a_document_dated_outside_the_year() {
    let f = Fixture::new();
    f.edit(
        "manifest.csv",
        "150/BC-VP,20/11/2026",
        "150/BC-VP,20/11/2025",
    );
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "outside_year",
            Some("1.2.2"),
            Some(5),
            "văn bản BC02 (150/BC-VP) ngày 20/11/2025, ngoài năm đánh giá 2026"
        )]
    );
    // Doubtful, but still a document: nothing is at risk.
    assert_nothing_at_risk(&v);
}

#[test]
fn a_document_dated_after_as_of() {
    let f = Fixture::new();
    f.edit(
        "manifest.csv",
        "150/BC-VP,20/11/2026",
        "150/BC-VP,05/12/2026",
    );
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "after_as_of",
            Some("1.2.2"),
            Some(5),
            "văn bản BC02 (150/BC-VP) ngày 05/12/2026, sau thời điểm đánh giá 30/11/2026"
        )]
    );
    assert_nothing_at_risk(&v);
}

#[test]
fn an_impossible_date() {
    let f = Fixture::new();
    f.edit(
        "manifest.csv",
        "150/BC-VP,20/11/2026",
        "150/BC-VP,31/02/2026",
    );
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "bad_date",
            Some("1.2.2"),
            Some(5),
            "ngày \"31/02/2026\" của văn bản BC02 (150/BC-VP) không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)"
        )]
    );
    assert_nothing_at_risk(&v);
}

#[test]
fn a_deadline_leaf_whose_document_is_dated_later_than_declared() {
    let f = Fixture::new();
    // 1.1.1 is declared issued 10/01/2026 (on time: 1 point) but the plan is dated 20/01/2026,
    // after the 15/01/2026 deadline: 0.5 point at the document's date, 0.50 may be lost.
    // The same document is 1.1.2's first item, and plan task 1 (due 15/01/2026) serves
    // 1.1.2, declared at the top level: issued late.
    f.edit("manifest.csv", "05/KH-VP,10/01/2026", "05/KH-VP,20/01/2026");
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [
            (
                "deadline_mismatch",
                Some("1.1.1"),
                Some(2),
                "kê khai ngày 10/01/2026 nhưng văn bản KH01 (05/KH-VP) ghi ngày 20/01/2026; \
                 theo ngày văn bản được 0,5 điểm thay vì 1"
            ),
            (
                "issued_late",
                Some("1.1.2"),
                Some(2),
                "kê khai mức cao nhất nhưng văn bản KH01 (05/KH-VP) ngày 20/01/2026, \
                 sau hạn 15/01/2026 của nhiệm vụ 1 trong kế hoạch"
            ),
        ]
    );
    let p = &v["problems"][0];
    assert_eq!(p["points"], "0.50");
    assert_eq!(p["lead"], "Văn phòng");
    assert_eq!(p["document"], "KH01");
    assert_eq!(v["doubtful"], "0.50");
    assert_nothing_at_risk(&v);
    let (_, out, _) = f.run(&["evidence", DOSSIER]);
    assert!(
        out.ends_with("  Điểm có thể mất nếu Hội đồng tính theo ngày văn bản: 0,5\n"),
        "{out}"
    );
}

#[test]
fn a_deadline_leaf_whose_date_disagrees_at_no_cost() {
    let f = Fixture::new();
    // Declared 12/01/2026, the document says 10/01/2026: both on time, nothing to lose.
    f.edit("scores.csv", "1.1.1,10/01/2026", "1.1.1,12/01/2026");
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "deadline_mismatch",
            Some("1.1.1"),
            Some(2),
            "kê khai ngày 12/01/2026 nhưng văn bản KH01 (05/KH-VP) ghi ngày 10/01/2026 \
             (điểm không đổi: 1); sửa cho khớp"
        )]
    );
    assert_eq!(v["problems"][0]["points"], Value::Null);
    assert_eq!(v["doubtful"], "0.00");
    assert_nothing_at_risk(&v);
}

#[test]
fn a_top_level_leaf_whose_document_comes_after_the_plan_deadline() {
    let f = Fixture::new();
    // 1.1.2 is declared "Có" (its maximum) and plan task 1, due 15/01/2026, serves it; the
    // budget decision is now dated 20/01/2026.
    f.edit("manifest.csv", "02/QĐ-VP,08/01/2026", "02/QĐ-VP,20/01/2026");
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "issued_late",
            Some("1.1.2"),
            Some(3),
            "kê khai mức cao nhất nhưng văn bản DT01 (02/QĐ-VP) ngày 20/01/2026, \
             sau hạn 15/01/2026 của nhiệm vụ 1 trong kế hoạch"
        )]
    );
    assert_eq!(v["problems"][0]["lead"], "Văn phòng");
    assert_eq!(v["problems"][0]["points"], Value::Null);
    assert_nothing_at_risk(&v);
}

#[test]
fn a_document_naming_an_unknown_code() {
    let f = Fixture::new();
    f.edit("manifest.csv", "1.1.1;1.1.2#1", "1.1.1;1.1.2#1;1.1.9");
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    // Placed at the first leaf the document supports, whose evidence is still complete.
    assert_eq!(
        problems(&v),
        [(
            "unknown_code",
            Some("1.1.1"),
            Some(2),
            "văn bản KH01 (05/KH-VP) dẫn mã \"1.1.9\" không có trong bộ tiêu chí"
        )]
    );
    assert_nothing_at_risk(&v);
}

#[test]
fn an_item_number_beyond_the_leafs_evidence_list() {
    let f = Fixture::new();
    // 1.1.2 has two evidence items: "#3" names none, so item 2 has no document.
    f.edit("manifest.csv", "1.1.2#2", "1.1.2#3");
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "bad_reference",
            Some("1.1.2"),
            Some(3),
            "văn bản DT01 (02/QĐ-VP) dẫn \"1.1.2#3\" nhưng tiêu chí này chỉ có 2 tài liệu kiểm chứng (đánh số từ 1)"
        )]
    );
    assert_eq!(
        missing(&v),
        [(
            "1.1.2",
            "1.00",
            "Quyết định giao dự toán kinh phí cải cách hành chính",
            Some("Văn phòng")
        )]
    );
    assert_eq!(v["at_risk"], "1.00");
    assert_eq!(v["strict_total"], "5.10");
}

#[test]
fn a_document_naming_a_parent_instead_of_a_leaf() {
    let f = Fixture::new();
    f.edit("manifest.csv", "năm 2026,1.2.1,,", "năm 2026,1.2,,");
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "bad_reference",
            None,
            Some(4),
            "văn bản BC01 (120/BC-QLDN) dẫn mã \"1.2\" là tiêu chí cha; ghi mã tiêu chí lá"
        )]
    );
    assert_eq!(missing(&v)[0].0, "1.2.1");
    assert_eq!(v["at_risk"], "1.90");
}

#[test]
fn a_duplicate_id_is_not_counted() {
    let f = Fixture::new();
    f.edit("manifest.csv", "BC02,bao-cao-cchc", "BC01,bao-cao-cchc");
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "duplicate_id",
            Some("1.2.2"),
            Some(5),
            "mã văn bản \"BC01\" đã dùng ở dòng 4; dòng này không được tính"
        )]
    );
    // The second row does not count, so 1.2.2 has no document.
    assert_1_2_2_at_risk(&v);
}

#[test]
fn the_same_content_under_two_ids() {
    let f = Fixture::new();
    fs::copy(f.path("files/ke-hoach-cchc-2026.txt"), f.path(BC02_FILE)).unwrap();
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "duplicate_content",
            Some("1.2.2"),
            Some(5),
            "tệp của văn bản BC02 (150/BC-VP) có nội dung trùng hệt văn bản KH01 (05/KH-VP) (dòng 2)"
        )]
    );
    assert_nothing_at_risk(&v);
}

#[test]
fn scores_naming_an_unknown_document_id() {
    let f = Fixture::new();
    f.edit(
        "scores.csv",
        "code,value,note\n",
        "code,value,note,evidence\n",
    );
    f.edit("scores.csv", "đã xử lý\n", "đã xử lý,BC99\n");
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        [(
            "unknown_document",
            Some("1.2.1"),
            Some(4),
            "cột \"evidence\" dẫn văn bản \"BC99\" không có trong manifest.csv"
        )]
    );
    let p = &v["problems"][0];
    assert_eq!(p["file"], "dossiers/evidence_complete/scores.csv");
    assert_eq!(p["document"], "BC99");
    assert_eq!(p["lead"], "Phòng Quản lý doanh nghiệp");
    assert_nothing_at_risk(&v);
}

#[test]
fn scores_naming_a_known_document_id_covers_the_leaf() {
    let f = Fixture::new();
    // BC01 no longer names 1.2.1 in the manifest: 1.2.1's 1.90 are at risk…
    f.edit("manifest.csv", "năm 2026,1.2.1,,", "năm 2026,,,");
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    assert_eq!(v["at_risk"], "1.90");
    // …until scores.csv names BC01 for 1.2.1.
    f.edit(
        "scores.csv",
        "code,value,note\n",
        "code,value,note,evidence\n",
    );
    f.edit("scores.csv", "đã xử lý\n", "đã xử lý,BC01\n");
    let (code, v) = f.evidence_json();
    assert_eq!(code, 0, "{v:#}");
    assert!(problems(&v).is_empty());
    assert_nothing_at_risk(&v);
}

#[test]
fn the_table_in_vietnamese_and_in_english() {
    let f = Fixture::new();
    f.drop_row("BC01");
    fs::remove_file(f.path("files/bao-cao-xu-ly-kien-nghi-2026.txt")).unwrap();
    let (code, out, err) = f.run(&["evidence", DOSSIER, "--width", "200"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.starts_with(
        "Đơn vị kiểm thử — năm 2026 — tài liệu kiểm chứng — dossiers/evidence_complete/manifest.csv: 3 văn bản\n"
    ), "{out}");
    for line in [
        "\nLĩnh vực 1. Công tác chỉ đạo, điều hành CCHC — có nguy cơ bị trừ 1,9 điểm\n",
        "Còn thiếu: Báo cáo kết quả xử lý kiến nghị",
        "Phòng Quản lý doanh nghiệp",
        "\nTổng kết: 1 tiêu chí thiếu tài liệu, 0 vấn đề cần xem lại\n",
        "\n  Điểm đơn vị tự chấm: 4,4 / 4,5\n",
        "\n  Điểm có nguy cơ bị trừ do thiếu tài liệu kiểm chứng: 1,9\n",
        "\n  Điểm tự chấm nếu Hội đồng trừ hết (điểm chặt): 2,5\n",
        "\n  Tổng điểm dự kiến kể cả điều tra XHH: 6,1 — điểm chặt: 4,2\n",
    ] {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
    assert!(!out.contains("Lĩnh vực 8"), "nothing to say about area 8");
    let (code, out, _) = f.run(&["--lang", "en", "evidence", DOSSIER, "--width", "200"]);
    assert_eq!(code, 1);
    for line in [
        "Đơn vị kiểm thử — year 2026 — evidence — dossiers/evidence_complete/manifest.csv: 3 documents\n",
        "\nArea 1. Công tác chỉ đạo, điều hành CCHC — 1.9 points at risk\n",
        "missing evidence",
        "Missing: Báo cáo kết quả xử lý kiến nghị",
        "\n  Self-scored points: 4.4 / 4.5\n",
        "\n  Points at risk for missing evidence: 1.9\n",
        "\n  Self-scored points if the council zeroes them all (strict): 2.5\n",
        "\n  Projected total including the survey: 6.1 — strict: 4.2\n",
    ] {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
}

#[test]
fn evidence_without_a_manifest_cannot_run() {
    let (code, out, err) = run(&["evidence", "tests/data/dossiers/scored_by_hand"]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "tests/data/dossiers/scored_by_hand/manifest.csv: hồ sơ chưa có danh mục tài liệu kiểm chứng \
         (manifest.csv); xem docs/dossier-format.md\n"
    );
}

// ---------------------------------------------------------------------------------------
// `score` beside the checklist
// ---------------------------------------------------------------------------------------

#[test]
fn score_shows_the_points_at_risk_when_a_manifest_exists() {
    let f = Fixture::new();
    fs::remove_file(f.path(BC02_FILE)).unwrap();
    let (code, out, err) = f.run(&["score", DOSSIER, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["achieved"], "6.10");
    assert_eq!(v["total"]["at_risk"], "0.50");
    assert_eq!(v["total"]["strict"], "5.60");
    assert_eq!(v["areas"][0]["at_risk"], "0.50");
    assert_eq!(v["areas"][1]["at_risk"], "0.00");
    let at_risk = |code: &str| {
        let items = v["items"].as_array().unwrap();
        items.iter().find(|i| i["code"] == code).unwrap()["at_risk"].clone()
    };
    assert_eq!(at_risk("1.2"), "0.50");
    assert_eq!(at_risk("1.2.2"), "0.50");
    assert_eq!(at_risk("1.1"), "0.00");
    // The figures agree with `evidence`.
    let (_, e) = f.evidence_json();
    assert_eq!(e["at_risk"], v["total"]["at_risk"]);
    assert_eq!(e["strict_total"], v["total"]["strict"]);

    let (code, out, _) = f.run(&["score", DOSSIER, "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(
        "\u{feff}code,name,level,kind,method,value,achieved,max,percent,status,at_risk,strict\n"
    ));
    for line in [
        "\n1,\"Công tác chỉ đạo, điều hành CCHC\",area,,self,,4.40,4.50,97.78,,0.50,\n",
        "\n1.2.2,Chất lượng báo cáo CCHC,leaf,levels,self,Tốt,0.50,0.50,100.00,scored,0.50,\n",
        "\n1.2.1,Tỷ lệ kiến nghị của doanh nghiệp được xử lý,leaf,ratio,self,19/20,1.90,2.00,95.00,scored,0.00,\n",
    ] {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
    assert!(out.ends_with("\ntotal,Đơn vị kiểm thử,total,,,,6.10,6.50,93.85,,0.50,5.60\n"));

    let (_, out, _) = f.run(&["score", DOSSIER]);
    assert!(out.contains("Nguy cơ bị trừ"));
    assert!(out.contains(
        "Điểm có nguy cơ bị trừ do thiếu tài liệu kiểm chứng: 0,5 — điểm nếu bị trừ hết: 5,6 (xem: parscore evidence)\n"
    ), "{out}");
}

#[test]
fn score_without_a_manifest_has_no_at_risk_figure() {
    let (code, out, _) = run(&[
        "score",
        "tests/data/dossiers/scored_by_hand",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["total"].get("at_risk").is_none());
    assert!(v["areas"][0].get("at_risk").is_none());
}

// ---------------------------------------------------------------------------------------
// Path safety: refused, never read, the leaf counted as missing, the dossier not sealed
// ---------------------------------------------------------------------------------------

/// BC02's path has been made unsafe: `evidence` refuses it with `message` at manifest line 5
/// and counts 1.2.2 as missing; `seal` refuses the dossier and writes nothing.
fn assert_refused(f: &Fixture, message: &str, unlisted: bool) {
    let (code, v) = f.evidence_json();
    assert_eq!(code, 1);
    let mut expected = vec![("unsafe_path", Some("1.2.2"), Some(5), message)];
    if unlisted {
        // The file the row used to name is still in files/.
        expected.push((
            "file_unlisted",
            None,
            None,
            "tệp files/bao-cao-cchc-nam-2026.txt không có dòng nào trong manifest.csv",
        ));
    }
    assert_eq!(problems(&v), expected);
    assert_1_2_2_at_risk(&v);

    let before = f.manifest_bytes();
    let (code, out, err) = f.run(&["seal", DOSSIER]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        format!("{MANIFEST}:5: [1.2.2] {message}\n1 lỗi, 0 cảnh báo\n")
    );
    assert_eq!(f.manifest_bytes(), before, "manifest.csv unchanged");
    assert!(!f.path("seal.json").exists());
}

#[test]
fn a_path_climbing_out_with_dot_dot_is_refused() {
    let f = Fixture::new();
    // Where the path leads there is a file, so a careless reader would find it.
    let target = f.0.path().join("dossiers/etc/passwd");
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    fs::write(&target, "root:x:0:0\n").unwrap();
    f.edit(
        "manifest.csv",
        ",bao-cao-cchc-nam-2026.txt,",
        ",../../etc/passwd,",
    );
    assert_refused(
        &f,
        "đường dẫn \"../../etc/passwd\" chứa \"..\" nên bị từ chối: chỉ ghi đường dẫn bên trong thư mục files/ của hồ sơ",
        true,
    );
}

#[test]
fn an_absolute_path_is_refused() {
    let f = Fixture::new();
    f.edit(
        "manifest.csv",
        ",bao-cao-cchc-nam-2026.txt,",
        ",/etc/passwd,",
    );
    assert_refused(
        &f,
        "đường dẫn tuyệt đối \"/etc/passwd\" bị từ chối: chỉ ghi đường dẫn bên trong thư mục files/ của hồ sơ",
        true,
    );
}

#[cfg(unix)]
#[test]
fn a_link_leading_out_of_the_dossier_is_refused() {
    let f = Fixture::new();
    let outside = f.0.path().join("bi-mat.txt");
    fs::write(&outside, "Không thuộc hồ sơ.\n").unwrap();
    fs::remove_file(f.path(BC02_FILE)).unwrap();
    std::os::unix::fs::symlink(&outside, f.path(BC02_FILE)).unwrap();
    assert_refused(
        &f,
        "\"bao-cao-cchc-nam-2026.txt\" là liên kết dẫn ra ngoài thư mục files/ của hồ sơ nên bị từ chối",
        false,
    );
}

#[cfg(unix)]
#[test]
fn a_link_staying_inside_files_is_accepted() {
    let f = Fixture::new();
    fs::create_dir(f.path("files/ban-goc")).unwrap();
    fs::rename(
        f.path(BC02_FILE),
        f.path("files/ban-goc/bao-cao-cchc-nam-2026.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("ban-goc/bao-cao-cchc-nam-2026.txt", f.path(BC02_FILE)).unwrap();
    let (_, v) = f.evidence_json();
    assert_eq!(
        problems(&v),
        [(
            "file_unlisted",
            None,
            None,
            "tệp files/ban-goc/bao-cao-cchc-nam-2026.txt không có dòng nào trong manifest.csv"
        )]
    );
    assert_nothing_at_risk(&v);
}

#[test]
fn a_file_name_with_diacritics_is_found() {
    let f = Fixture::new();
    fs::rename(f.path(BC02_FILE), f.path("files/báo-cáo-cchc-năm-2026.txt")).unwrap();
    f.edit(
        "manifest.csv",
        ",bao-cao-cchc-nam-2026.txt,",
        ",báo-cáo-cchc-năm-2026.txt,",
    );
    let (code, v) = f.evidence_json();
    assert_eq!(code, 0, "{v:#}");
    assert_nothing_at_risk(&v);
    let (code, _, err) = f.run(&["seal", DOSSIER]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        f.seal_json()["files"][8]["path"],
        "files/báo-cáo-cchc-năm-2026.txt"
    );
    assert_eq!(f.run(&["verify", DOSSIER]).0, 0);
}

#[test]

fn a_file_name_with_decomposed_diacritics_is_found() {
    // "báo-cáo-cchc-năm-2026.txt" precomposed (NFC, as typed in Excel) and decomposed (NFD,
    // as a Mac or a Windows-1258 keyboard may store it).
    let nfc = "b\u{e1}o-c\u{e1}o-cchc-n\u{103}m-2026.txt";
    let nfd = "ba\u{301}o-ca\u{301}o-cchc-na\u{306}m-2026.txt";
    for written in [nfc, nfd] {
        let f = Fixture::new();
        fs::rename(f.path(BC02_FILE), f.path(&format!("files/{nfd}"))).unwrap();
        f.edit(
            "manifest.csv",
            ",bao-cao-cchc-nam-2026.txt,",
            &format!(",{written},"),
        );
        let (code, v) = f.evidence_json();
        assert!(problems(&v).is_empty(), "manifest {written:?}: {v:#}");
        assert_eq!(code, 0);
        assert_nothing_at_risk(&v);
        let (code, _, err) = f.run(&["seal", DOSSIER]);
        assert_eq!(code, 0, "{err}");
    }
}

// ---------------------------------------------------------------------------------------
// seal and verify
// ---------------------------------------------------------------------------------------

/// The rows of a CSV file, header first, without a BOM.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// `18:38 28/11/2026` from `2026-11-28T18:38:36+07:00`, as seal and verify show it.
fn shown_time(sealed_at: &str) -> String {
    let s = sealed_at;
    format!("{} {}/{}/{}", &s[11..16], &s[8..10], &s[5..7], &s[..4])
}

#[test]
fn seal_writes_every_hash_and_verify_finds_the_dossier_intact() {
    let f = Fixture::new();
    let before = csv_rows(&f.manifest_bytes());
    let (code, out, err) = f.run(&["seal", DOSSIER]);
    assert_eq!(code, 0, "{err}");

    // The manifest: every row as it was, with the SHA-256 of its file.
    // Written back as it was read: no BOM, LF line ends, commas (issue 16).
    let bytes = f.manifest_bytes();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM was added");
    assert!(!bytes.windows(2).any(|w| w == b"\r\n"), "LF kept");
    let after = csv_rows(&bytes);
    assert_eq!(after.len(), 5);
    assert_eq!(after[0], before[0]);
    for (was, now) in before.iter().zip(&after).skip(1) {
        assert_eq!(now[..8], was[..8]);
        assert_eq!(was[8], "");
        let file = fs::read(f.path(&format!("files/{}", now[1]))).unwrap();
        assert_eq!(now[8], sha256_bytes(&file), "{}", now[0]);
    }

    // seal.json: the dossier's own files, the criteria file, then every document.
    let seal = f.seal_json();
    assert_eq!(seal["format"], "parscore-seal/1");
    assert_eq!(seal["unit"], "Đơn vị kiểm thử");
    assert_eq!(seal["year"], 2026);
    let files = seal["files"].as_array().unwrap();
    let listed: Vec<(&str, &str)> = files
        .iter()
        .map(|x| (x["path"].as_str().unwrap(), x["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        listed,
        [
            ("dossier.json", "dossier"),
            ("scores.csv", "scores"),
            ("plan.csv", "plan"),
            ("manifest.csv", "manifest"),
            ("../../criteria/good/evidence.json", "criteria"),
            ("files/ke-hoach-cchc-2026.txt", "evidence"),
            ("files/qd-giao-du-toan-cchc-2026.txt", "evidence"),
            ("files/bao-cao-xu-ly-kien-nghi-2026.txt", "evidence"),
            ("files/bao-cao-cchc-nam-2026.txt", "evidence"),
        ]
    );
    let mut total = 0;
    for x in files {
        let bytes = fs::read(f.path(x["path"].as_str().unwrap())).unwrap();
        assert_eq!(x["sha256"], sha256_bytes(&bytes), "{}", x["path"]);
        assert_eq!(x["bytes"], bytes.len(), "{}", x["path"]);
        total += bytes.len();
    }

    // What seal says.
    assert!((1_000..10_000).contains(&total), "{total} bytes: a few kB");
    let size = format!("{:.1} kB", total as f64 / 1e3).replace('.', ",");
    let at = shown_time(seal["sealed_at"].as_str().unwrap());
    assert_eq!(
        out,
        format!(
            "Đã niêm phong hồ sơ {DOSSIER} lúc {at}: 9 tệp (4 tài liệu kiểm chứng), {size}.\n\
             Mã SHA-256 đã ghi vào manifest.csv (4 dòng cập nhật) và seal.json.\n\
             Kiểm tra lại bất cứ lúc nào bằng: parscore verify {DOSSIER}\n"
        )
    );

    // verify finds every file as sealed.
    let (code, out, err) = f.run(&["verify", DOSSIER]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!("Hồ sơ {DOSSIER} còn nguyên vẹn: 9 tệp ({size}) khớp niêm phong lúc {at}.\n")
    );
    let (code, out, _) = f.run(&["verify", DOSSIER, "--format", "json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v,
        json!({
            "sealed_at": seal["sealed_at"], "intact": true, "checked": 9, "bytes": total,
            "changed": [], "missing": [], "added": [], "refused": [], "half_finished": false,
        })
    );

    // The sealed manifest still reads, and sealing again changes no row.
    let (code, v) = f.evidence_json();
    assert_eq!(code, 0);
    assert_nothing_at_risk(&v);
    let (code, out, _) = f.run(&["seal", DOSSIER]);
    assert_eq!(code, 0);
    assert!(out.contains("(0 dòng cập nhật)"), "{out}");
    assert_eq!(f.run(&["verify", DOSSIER]).0, 0);
}

#[test]
fn seal_adds_the_sha256_column_when_the_manifest_has_none() {
    let f = Fixture::new();
    let text = fs::read_to_string(f.path("manifest.csv")).unwrap();
    let without: String = text
        .lines()
        .map(|l| {
            format!(
                "{}\n",
                l.strip_suffix(",sha256").or(l.strip_suffix(',')).unwrap()
            )
        })
        .collect();
    fs::write(f.path("manifest.csv"), without).unwrap();
    let (code, _, err) = f.run(&["seal", DOSSIER]);
    assert_eq!(code, 0, "{err}");
    let rows = csv_rows(&f.manifest_bytes());
    assert_eq!(rows[0].last().unwrap(), "sha256");
    let file = fs::read(f.path(BC02_FILE)).unwrap();
    assert_eq!(rows[4], {
        let mut r: Vec<String> =
            "BC02,bao-cao-cchc-nam-2026.txt,150/BC-VP,20/11/2026,Đơn vị kiểm thử,\
                                  Báo cáo kết quả cải cách hành chính năm 2026,1.2.2,"
                .split(',')
                .map(str::to_string)
                .collect();
        r.push(sha256_bytes(&file));
        r
    });
    assert_eq!(f.run(&["verify", DOSSIER]).0, 0);
}

#[test]
fn seal_hashes_a_file_larger_than_one_read() {
    let f = Fixture::new();
    // 2.5 MB: several chunks of the streamed hash, the last one partial.
    let big: Vec<u8> = (0..2_500_000u32).map(|i| (i % 251) as u8).collect();
    fs::write(f.path(BC02_FILE), &big).unwrap();
    let (code, out, err) = f.run(&["seal", DOSSIER]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2,5 MB"), "{out}");
    let rows = csv_rows(&f.manifest_bytes());
    assert_eq!(rows[4][8], sha256_bytes(&big));
    let (code, out, _) = f.run(&["verify", DOSSIER]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn verify_reports_an_unreadable_seal() {
    let f = Fixture::sealed();
    fs::write(f.path("seal.json"), "{\n").unwrap();
    let (code, _, err) = f.run(&["verify", DOSSIER]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("dossiers/evidence_complete/seal.json:2:1: seal.json không hợp lệ: tệp kết thúc giữa chừng"),
        "{err}"
    );
}

#[test]
fn verify_names_a_document_changed_by_one_byte() {
    let f = Fixture::sealed();
    let path = f.path(BC02_FILE);
    let mut bytes = fs::read(&path).unwrap();
    bytes[0] ^= 1;
    fs::write(&path, bytes).unwrap();
    let (code, out, _) = f.run(&["verify", DOSSIER]);
    assert_eq!(code, 1);
    let at = shown_time(f.seal_json()["sealed_at"].as_str().unwrap());
    assert!(out.starts_with(&format!(
        "Hồ sơ {DOSSIER} ĐÃ THAY ĐỔI so với niêm phong lúc {at}:\n  đã sửa: files/bao-cao-cchc-nam-2026.txt\n1 thay đổi; 9 tệp đã kiểm tra ("
    )), "{out}");
    let (code, out, _) = f.run(&["--lang", "en", "verify", DOSSIER]);
    assert_eq!(code, 1);
    assert!(
        out.contains("HAS CHANGED since the seal of")
            && out.contains("\n  changed: files/bao-cao-cchc-nam-2026.txt\n"),
        "{out}"
    );
}

#[test]
fn verify_json_lists_what_changed() {
    let f = Fixture::sealed();
    let seal = f.seal_json();
    let sealed_bytes: u64 = seal["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["bytes"].as_u64().unwrap())
        .sum();
    let path = f.path(BC02_FILE);
    let mut bytes = fs::read(&path).unwrap();
    bytes[0] ^= 1;
    fs::write(&path, bytes).unwrap();
    let (code, out, _) = f.run(&["verify", DOSSIER, "--format", "json"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v,
        json!({
            "sealed_at": seal["sealed_at"], "intact": false, "checked": 9, "bytes": sealed_bytes,
            "changed": ["files/bao-cao-cchc-nam-2026.txt"], "missing": [], "added": [], "refused": [], "half_finished": false,
        })
    );
}

#[test]
fn verify_names_a_deleted_document() {
    let f = Fixture::sealed();
    fs::remove_file(f.path(BC02_FILE)).unwrap();
    let (code, out, _) = f.run(&["verify", DOSSIER]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "\n  đã xóa hoặc không còn: files/bao-cao-cchc-nam-2026.txt\n1 thay đổi; 8 tệp đã kiểm tra ("
        ),
        "{out}"
    );
    let (_, out, _) = f.run(&["verify", DOSSIER, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["missing"], json!(["files/bao-cao-cchc-nam-2026.txt"]));
    assert_eq!(v["changed"], json!([]));
}

#[test]
fn verify_names_an_added_document() {
    let f = Fixture::sealed();
    fs::write(f.path("files/phu-luc-bo-sung.txt"), "Phụ lục bổ sung.\n").unwrap();
    let (code, out, _) = f.run(&["verify", DOSSIER]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "\n  thêm mới, chưa được niêm phong: files/phu-luc-bo-sung.txt\n1 thay đổi; 9 tệp đã kiểm tra ("
        ),
        "{out}"
    );
    let (_, out, _) = f.run(&["verify", DOSSIER, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["added"], json!(["files/phu-luc-bo-sung.txt"]));
}

#[test]
fn verify_names_an_edited_scores_file() {
    let f = Fixture::sealed();
    f.edit("scores.csv", "1.2.2,Tốt,", "1.2.2,Đạt,");
    let (code, out, _) = f.run(&["verify", DOSSIER]);
    assert_eq!(code, 1);
    assert!(
        out.contains("\n  đã sửa: scores.csv\n1 thay đổi; 9 tệp đã kiểm tra ("),
        "{out}"
    );
}

#[test]
fn verify_covers_the_settings_the_plan_the_manifest_and_the_criteria() {
    for (rel, from, to, named) in [
        ("dossier.json", "2026-11-30", "2026-12-31", "dossier.json"),
        ("plan.csv", "Đang thực hiện", "Đã hoàn thành", "plan.csv"),
        (
            "manifest.csv",
            "\"Mục II, tr. 2-4\"",
            "\"Mục II, tr. 2-5\"",
            "manifest.csv",
        ),
        (
            "../../criteria/good/evidence.json",
            "\"late\": 0.5",
            "\"late\": 0.75",
            "../../criteria/good/evidence.json",
        ),
    ] {
        let f = Fixture::sealed();
        f.edit(rel, from, to);
        let (code, out, _) = f.run(&["verify", DOSSIER, "--format", "json"]);
        assert_eq!(code, 1, "{rel}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["changed"], json!([named]), "{rel}");
    }
}

#[test]
fn verify_refuses_a_tampered_seal_pointing_out_of_the_dossier() {
    let f = Fixture::sealed();
    f.edit(
        "seal.json",
        "\"files/bao-cao-cchc-nam-2026.txt\"",
        "\"files/../../../bi-mat.txt\"",
    );
    let (code, out, _) = f.run(&["verify", DOSSIER]);
    assert_eq!(code, 1);
    assert!(
        out.contains("\n  đường dẫn trong seal.json bị từ chối: files/../../../bi-mat.txt\n"),
        "{out}"
    );
    let (_, out, _) = f.run(&["verify", DOSSIER, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["refused"], json!(["files/../../../bi-mat.txt"]));
    // The file it no longer names is unsealed.
    assert_eq!(v["added"], json!(["files/bao-cao-cchc-nam-2026.txt"]));
}

#[test]
fn verify_an_unsealed_dossier_cannot_run() {
    let f = Fixture::new();
    let (code, out, err) = f.run(&["verify", DOSSIER]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "dossiers/evidence_complete/seal.json: hồ sơ chưa được niêm phong (không có seal.json); \
         chạy: parscore seal <hồ sơ>\n"
    );
}

// ---------------------------------------------------------------------------------------
// The shipped sample, evidence/2026
// ---------------------------------------------------------------------------------------

#[test]
fn the_shipped_2026_sample_shows_what_it_was_built_to_contain() {
    let (code, out, err) = run(&["evidence", "evidence/2026", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"], 101);
    assert_eq!(v["self_assessed"], "59.45");
    assert_eq!(v["projected_total"], "89.06");
    // 1.00 + 0.50 + 0.75 + 0.50 + 0.50, as its README counts them.
    assert_eq!(v["at_risk"], "3.25");
    assert_eq!(v["strict_self"], "56.20");
    assert_eq!(v["strict_total"], "85.81");
    assert_eq!(v["doubtful"], "0.50");
    let got: Vec<(&str, &str)> = missing(&v).iter().map(|m| (m.0, m.1)).collect();
    assert_eq!(
        got,
        [
            ("1.3.2", "0.75"),
            ("2.4.1", "0.50"),
            ("4.2.2", "0.50"),
            ("5.2.2", "0.50"),
            ("7.3.2", "1.00"),
        ]
    );
    assert_eq!(missing(&v)[0].3, Some("Văn phòng Ban Quản lý"));
    let got: Vec<(&str, Option<&str>, Option<u64>)> =
        problems(&v).iter().map(|p| (p.0, p.1, p.2)).collect();
    assert_eq!(
        got,
        [
            ("deadline_mismatch", Some("1.1.1"), Some(2)),
            ("issued_late", Some("1.1.2"), Some(2)),
            ("issued_late", Some("1.1.3"), Some(2)),
            ("file_empty", Some("2.4.1"), Some(23)),
            ("duplicate_content", Some("3.2.2"), Some(35)),
            ("duplicate_id", Some("3.5.1"), Some(42)),
            ("unknown_code", Some("3.5.3"), Some(49)),
            ("file_missing", Some("4.2.2"), Some(56)),
            ("outside_year", Some("6.2.1"), Some(76)),
            ("after_as_of", Some("7.4.1"), Some(93)),
            ("file_unlisted", None, None),
        ]
    );
    assert_eq!(v["problems"][0]["points"], "0.50");
    assert_eq!(v["problems"][0]["lead"], "Văn phòng Ban Quản lý");

    // `score` agrees, area by area.
    let (code, out, _) = run(&["score", "evidence/2026", "--format", "json"]);
    assert_eq!(code, 0);
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["total"]["at_risk"], "3.25");
    assert_eq!(s["total"]["strict"], "85.81");
    let by_area = |x: &Value| -> Vec<Value> {
        x["areas"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| json!([a["code"], a["at_risk"]]))
            .collect()
    };
    assert_eq!(by_area(&s), by_area(&v));
}

#[test]
fn seal_refuses_the_shipped_sample_because_a_listed_file_is_missing() {
    // A copy: the repository's sample is never written to.
    let tmp = crate::harness::tempdir();
    copy_into(
        &root().join("evidence/2026"),
        &tmp.path().join("evidence/2026"),
    );
    fs::create_dir(tmp.path().join("criteria")).unwrap();
    for name in ["haiphong-so-2026.json", "rankings.csv"] {
        fs::copy(
            root().join("criteria").join(name),
            tmp.path().join("criteria").join(name),
        )
        .unwrap();
    }
    let manifest = tmp.path().join("evidence/2026/manifest.csv");
    let before = fs::read(&manifest).unwrap();
    let (code, out, err) = run_in(tmp.path(), &["seal", "evidence/2026"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "evidence/2026/manifest.csv:56: [4.2.2] không có tệp files/qd-quy-che-lam-viec-sua-doi.txt \
         của văn bản VB54; không thể niêm phong hồ sơ thiếu tệp\n1 lỗi, 0 cảnh báo\n"
    );
    assert_eq!(fs::read(&manifest).unwrap(), before);
    assert!(!tmp.path().join("evidence/2026/seal.json").exists());
}
