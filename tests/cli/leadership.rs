//! `parscore gap`, `compare` and `chart`: the leadership views, on the shipped samples
//! (`evidence/2024`, `2025`, `2026`) and on two small dossiers built for `compare`.
//!
//! Figures checked by hand:
//!
//! **gap evidence/2025** (appraised; line: rank 5 of `so-ban-nganh` in 2025, Sở Nội vụ 92.71).
//! Appraised 88.99 / 100, so the gap is 92.71 − 88.99 = 3.72. The recovery list starts
//! from 88.99. First the council's cuts (self-assessed − appraised in `scores.csv`), larger
//! first, then by code: 3.3.1 1.50 − 1.00, 3.5.1 1.00 − 0.50, 4.3.2 0.50 − 0 (0.50 each);
//! 7.4.1 and 7.4.2 1.00 − 0.75 (0.25 each); 3.4.4 0.45 − 0.32 = 0.13 (90 % of 0.5 = 0.45).
//! Running: 89.49, 89.99, 90.49, 90.74, 90.99, 91.12 (the cuts add up to 2.13, the
//! self-assessed 63.83 against the council's 61.70). Then the leaves below their maximum,
//! 0.50 each, by code: 2.2.1 (chậm: 0.5 of 1), 3.3.1 (1.50 of 2), 4.2.1 (0.5 of 1), 6.1.2
//! (88 %: 0.5 of 1), 7.6.2 (0.5 of 1). Running: 91.62, 92.12, 92.62, 93.12, 93.62. 92.62 is not
//! above 92.71 and 93.12 is, so the gap closes at step 10, 6.1.2.
//!
//! **gap evidence/2026** (max 99: 6.1.2 not applicable). Projected 89.06 / 99 = 89.9596 →
//! 89.96; the missing evidence (README: 7.3.2 1.00, 1.3.2 0.75, 2.4.1, 4.2.2, 5.2.2 0.50
//! each) puts 3.25 at risk, strict 85.81 / 99 = 86.6768 → 86.68. The line is still 2025's
//! (2026 is not published): gap 92.71 − 89.96 = 2.75. The recovery list starts from the
//! strict 85.81; the five evidence steps bring back exactly 3.25, to 89.06 (89.96). Then the
//! unscored leaves worth 1 point: 1.2.1 → 90.06 / 99 = 90.97, 1.4.1 → 91.06 / 99 = 91.98,
//! 7.1.2 → 92.06 / 99 = 92.99 > 92.71: the gap closes at step 8.
//!
//! **compare evidence/2024 2025 2026** (2024 and 2025 appraised, 2026 projected). Totals
//! 87.11 / 100, 88.99 / 100, 89.06 / 99 = 89.96 %. Area 1: 9.00 → 9.50 of 10 (+0.50). Area
//! 3: 10.75 / 13 = 82.69 % → 12.05 / 14 = 86.07 %, +3.38; area 7: 11.77 / 15 = 78.47 % →
//! 12.48 / 14 = 89.14 %, +10.68 (from the exact percentages 78.4667 and 89.1429, rounded
//! once; the rounded ones would give 10.67). 2025's 7.2.2 replaces 2024's 7.1.4 (0.60 →
//! 0.90, +0.30); 2025's 7.3.3 replaces 2024's 7.3.3 + 7.3.4 (0.97 + 0.95 = 1.92 / 2 = 96 %
//! → 0.98 / 1 = 98 %, +2.00 in percent only).
//!
//! **compare compare_old compare_new** (`criteria/good/compare-old.json`, total 10, and
//! `compare-new.json`, total 9). Old, 2025, appraised: 1.1 Có 1; 1.2 80 % of 1 = 0.80; 1.3
//! manual 1.50 / 2; 2.1 90 % = 0.90; 2.2 70 % = 0.70; 2.3 self 90 % of 2 = 1.80 but
//! appraised 1.50; 2.4 one case × 0.5 off 2 = 1.50. Area 1 3.30 / 4 (82.50 %), area 2 4.60 /
//! 6 (76.67 %), total 7.90 / 10. New, 2026, self-assessed: 1.1 Có 1; 1.4 (replaces 1.2) 95 %
//! = 0.95; 1.5 (new) Không 0; 2.1 (replaces 2.1 + 2.2, max 2) 85 % of 2 = 1.70; 2.3 100 % = 2;
//! 2.4 no case = 2. Area 1 1.95 / 3 (65 %), area 2 5.70 / 6 (95 %), total 7.65 / 9 (85 %).
//! Changes: total and area 1 in percent only (+6.00, −17.50); area 2 +1.10 points (+18.33
//! %); 1.4 +0.15 (+15.00 %); 2.1 1.60 / 2 → 1.70 / 2, +0.10 (+5.00 %); 2.3 from the
//! appraised 1.50, +0.50; 1.3 gone; 1.5 new.

use crate::harness::{copy_dossier, copy_into, copy_sample, data, root, run, run_in};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// `parscore ARGS…` at the project root, which must succeed quietly; its JSON output.
fn json(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// `parscore ARGS…` at the project root, which must succeed; its output.
/// Run wide (`--width 200`), so that a row of the recovery list stays on one line.
fn table(args: &[&str]) -> String {
    let args = [args, &["--width", "200"]].concat();
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    out
}

/// The cells after `label` in the table row that starts with it (cells are set apart by
/// two spaces or more).
fn table_row(out: &str, label: &str) -> Vec<String> {
    let line = out
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no row {label}: {out}"));
    line[label.len()..]
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// The recovery list as (code, points, reason, running index).
fn recovery(v: &Value) -> Vec<(&str, &str, &str, &str)> {
    v["recovery"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["code"].as_str().unwrap(),
                s["points"].as_str().unwrap(),
                s["reason"].as_str().unwrap(),
                s["running_index"].as_str().unwrap(),
            )
        })
        .collect()
}

/// The step (1-based) where the running index first rises above the line, found from the
/// list itself: it must be the one `closes_at` names and the only one marked `closes`.
fn first_above(v: &Value) -> Option<u64> {
    let line: f64 = v["line"].as_str().unwrap().parse().unwrap();
    let steps = v["recovery"].as_array().unwrap();
    let first = steps.iter().position(|s| {
        let running: f64 = s["running_index"].as_str().unwrap().parse().unwrap();
        running > line
    });
    let marked: Vec<usize> = steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s["closes"] == true)
        .map(|(i, _)| i)
        .collect();
    match first {
        Some(i) => assert_eq!(marked, [i], "only the first step above the line closes"),
        None => assert!(marked.is_empty()),
    }
    first.map(|i| i as u64 + 1)
}

/// Every step's running total is the one before plus its points (to the rounding of the
/// figures printed), starting from `base_points`.
fn assert_running_adds_up(v: &Value, base_points: &str) {
    let mut before: f64 = base_points.parse().unwrap();
    for s in v["recovery"].as_array().unwrap() {
        let points: f64 = s["points"].as_str().unwrap().parse().unwrap();
        let running: f64 = s["running_points"].as_str().unwrap().parse().unwrap();
        assert!(
            (before + points - running).abs() <= 0.0151,
            "{}: {before} + {points} ≠ {running}",
            s["code"]
        );
        before = running;
    }
}

/// The row of a `compare --format json` report: `"total"`, an area or a leaf code.
fn row<'a>(v: &'a Value, code: &str) -> &'a Value {
    let rows = v["rows"].as_array().unwrap();
    let found: Vec<&Value> = rows
        .iter()
        .filter(|r| {
            if code == "total" {
                r["level"] == "total"
            } else {
                r["code"] == code
            }
        })
        .collect();
    assert_eq!(found.len(), 1, "one row {code}: {found:#?}");
    found[0]
}

/// A row's figure in its n-th year as (codes, achieved, max, percent), or None.
fn cell(r: &Value, n: usize) -> Option<(Vec<&str>, &str, &str, &str)> {
    let c = &r["years"][n];
    if c.is_null() {
        return None;
    }
    Some((
        c["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect(),
        c["achieved"].as_str().unwrap(),
        c["max"].as_str().unwrap(),
        c["percent"].as_str().unwrap(),
    ))
}

/// A row's n-th change as (points, percent, comparable, note).
fn change(r: &Value, n: usize) -> (Option<&str>, Option<&str>, bool, Option<&str>) {
    let c = &r["changes"][n];
    (
        c["points"].as_str(),
        c["percent"].as_str(),
        c["comparable"].as_bool().unwrap(),
        c["note"].as_str(),
    )
}

/// A machine figure (`7.50`) as people read it in Vietnamese points: `7,5`, `10`.
fn vi_points(machine: &str) -> String {
    let s = if machine.contains('.') {
        machine.trim_end_matches('0').trim_end_matches('.')
    } else {
        machine
    };
    s.replace('.', ",")
}

/// A machine percentage or index (`77.50`) in Vietnamese: `77,50`.
fn vi_percent(machine: &str) -> String {
    machine.replace('.', ",")
}

/// The words of an SVG's `<text>` elements, in order, entities decoded.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .map(|chunk| {
            let start = chunk.find('>').expect("a text element") + 1;
            let end = chunk.find("</text>").expect("a closed text element");
            chunk[start..end]
                .trim()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

/// Whether one of an SVG's texts is exactly `words`.
fn has_text(svg: &str, words: &str) -> bool {
    svg_texts(svg).iter().any(|t| t == words)
}

/// The SVG's texts joined by spaces: labels wrapped over two lines read whole again.
fn all_text(svg: &str) -> String {
    svg_texts(svg).join(" ")
}

/// The `height="…"` of an SVG's root element.
fn svg_height(svg: &str) -> u32 {
    let at = svg.find("height=\"").expect("a height") + "height=\"".len();
    let end = at + svg[at..].find('"').unwrap();
    svg[at..end].parse().unwrap()
}

/// A PNG's width and height from its IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

const CHARTS: [&str; 3] = ["areas", "gap", "trend"];

/// One `chart --png` run: its output and every file it wrote.
struct Drawn {
    code: i32,
    out: String,
    err: String,
    svg: BTreeMap<&'static str, String>,
    png: BTreeMap<&'static str, Vec<u8>>,
    /// The names of the files written, sorted.
    files: Vec<String>,
}

/// `chart evidence/2026 --compare evidence/2024 evidence/2025 --png` into a fresh folder,
/// with `env` set.
fn draw_shipped(env: &[(&str, &Path)]) -> Drawn {
    let out_dir = crate::harness::tempdir();
    let out = out_dir.path().join("charts");
    let mut cmd = crate::harness::parscore();
    cmd.args([
        "chart",
        "evidence/2026",
        "--compare",
        "evidence/2024",
        "evidence/2025",
    ])
    .arg("--out")
    .arg(&out)
    .arg("--png");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let output = cmd.output().unwrap();
    let mut files: Vec<String> = fs::read_dir(&out)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let read = |name: &str| fs::read(out.join(name)).unwrap_or_default();
    Drawn {
        code: output.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&output.stdout).replace(&*out.to_string_lossy(), "OUT"),
        err: String::from_utf8_lossy(&output.stderr).into_owned(),
        svg: CHARTS
            .iter()
            .map(|n| (*n, String::from_utf8(read(&format!("{n}.svg"))).unwrap()))
            .collect(),
        png: CHARTS
            .iter()
            .map(|n| (*n, read(&format!("{n}.png"))))
            .collect(),
        files,
    }
}

/// The shipped charts, drawn once for every test that reads them.
fn shipped() -> &'static Drawn {
    static DRAWN: OnceLock<Drawn> = OnceLock::new();
    DRAWN.get_or_init(|| draw_shipped(&[]))
}

/// The same charts drawn a second time, in the same environment.
fn shipped_again() -> &'static Drawn {
    static DRAWN: OnceLock<Drawn> = OnceLock::new();
    DRAWN.get_or_init(|| draw_shipped(&[]))
}

/// The same charts drawn where fontconfig and the usual font folders lead nowhere.
fn shipped_without_fonts() -> &'static Drawn {
    static DRAWN: OnceLock<Drawn> = OnceLock::new();
    DRAWN.get_or_init(|| {
        let home = crate::harness::tempdir();
        let nowhere = Path::new("/nonexistent");
        draw_shipped(&[
            ("FONTCONFIG_FILE", nowhere),
            ("FONTCONFIG_PATH", nowhere),
            ("XDG_DATA_DIRS", nowhere),
            ("XDG_DATA_HOME", nowhere),
            ("HOME", home.path()),
        ])
    })
}

// ---------------------------------------------------------------------------------------
// gap: 2025, the published picture
// ---------------------------------------------------------------------------------------

#[test]
fn gap_2025_reproduces_the_published_line_and_the_boards_appraised_total() {
    let v = json(&["gap", "evidence/2025", "--format", "json"]);
    assert_eq!(v["rank"], 5);
    assert_eq!(v["line"], "92.71");
    assert_eq!(v["line_unit"], "Sở Nội vụ");
    assert_eq!(v["line_year"], 2025);
    assert_eq!(v["max"], "100.00");
    assert_eq!(v["appraised"], "88.99");
    assert_eq!(v["gap"], "3.72");
    assert_eq!(v["projected"], "92.58");
    // No manifest for 2025: the strict score is unknown, not the projected 92.58.
    assert_eq!(v["strict"], Value::Null);
    assert_eq!(v["strict_reason"], "no_manifest");
    assert_eq!(v["totals"]["appraised"]["points"], "88.99");
    assert_eq!(v["closes_at"], 10);
}

#[test]
fn gap_2025_table_names_the_line_the_gap_and_how_ties_count() {
    let out = table(&["gap", "evidence/2025"]);
    assert!(
        out.starts_with(
            "Ban Quản lý Khu kinh tế Hải Phòng — năm 2025 — khoảng cách tới nhóm 5 đơn vị dẫn đầu\n\
             Ngưỡng: 92,71 điểm — Sở Nội vụ, hạng 5, xếp hạng công bố năm 2025\n\
             Vào nhóm dẫn đầu nghĩa là đạt TRÊN ngưỡng; bằng đúng ngưỡng là đồng điểm, chưa chắc giữ được vị trí."
        ),
        "{out}"
    );
    assert!(out.contains("Khoảng cách (điểm thẩm định): 3,72 điểm dưới ngưỡng.\n"));
    assert!(out.contains("(lũy kế tính từ điểm thẩm định 88,99)"));
    assert!(out.contains("còn thiếu 3,72"));
    assert!(out.contains("93,12 ✔ vượt ngưỡng"), "{out}");
    assert!(out.ends_with("Khoảng cách được lấp ở bước 10: cần 10 tiêu chí đầu tiên.\n"));
}

#[test]
fn gap_2025_recovery_wins_back_the_councils_cuts_first_and_closes_at_6_1_2() {
    let v = json(&["gap", "evidence/2025", "--format", "json"]);
    let steps = recovery(&v);
    assert_eq!(
        steps[..11],
        [
            ("3.3.1", "0.50", "appraisal_cut", "89.49"),
            ("3.5.1", "0.50", "appraisal_cut", "89.99"),
            ("4.3.2", "0.50", "appraisal_cut", "90.49"),
            ("7.4.1", "0.25", "appraisal_cut", "90.74"),
            ("7.4.2", "0.25", "appraisal_cut", "90.99"),
            ("3.4.4", "0.13", "appraisal_cut", "91.12"),
            ("2.2.1", "0.50", "below_max", "91.62"),
            ("3.3.1", "0.50", "below_max", "92.12"),
            ("4.2.1", "0.50", "below_max", "92.62"),
            ("6.1.2", "0.50", "below_max", "93.12"),
            ("7.6.2", "0.50", "below_max", "93.62"),
        ]
    );
    // Step 9 (92.62) is not above 92.71; step 10 (93.12) is.
    assert_eq!(first_above(&v), Some(10));
    assert_eq!(v["recovery"][9]["closes"], true);
    assert_running_adds_up(&v, "88.99");
    let cut = &v["recovery"][0];
    assert_eq!(
        cut["what"],
        "Hội đồng thẩm định trừ 0,5 điểm: bổ sung, giải trình tài liệu kiểm chứng"
    );
    // No evidence is checked for an appraised year: the council has judged it.
    assert!(steps.iter().all(|s| s.2 != "evidence"));
}

// ---------------------------------------------------------------------------------------
// gap: 2026, the projection against 2025's line
// ---------------------------------------------------------------------------------------

#[test]
fn gap_2026_is_judged_by_the_2025_ranking_until_2026_is_published() {
    let v = json(&["gap", "evidence/2026", "--format", "json"]);
    assert_eq!(v["rank"], 5);
    assert_eq!(v["line"], "92.71");
    assert_eq!(v["line_unit"], "Sở Nội vụ");
    assert_eq!(v["line_year"], 2025);
    assert_eq!(v["max"], "99.00");
    assert_eq!(v["projected"], "89.96");
    assert_eq!(v["strict"], "86.68");
    assert!(v["appraised"].is_null());
    assert_eq!(v["gap"], "2.75");
    assert_eq!(v["totals"]["projected"]["points"], "89.06");
    assert_eq!(v["totals"]["strict"]["points"], "85.81");
}

#[test]
fn gap_2026_recovery_supplies_the_missing_evidence_first_and_closes_with_the_unscored() {
    let v = json(&["gap", "evidence/2026", "--format", "json"]);
    let steps = recovery(&v);
    assert_eq!(
        steps[..8],
        [
            ("7.3.2", "1.00", "evidence", "87.69"),
            ("1.3.2", "0.75", "evidence", "88.44"),
            ("2.4.1", "0.50", "evidence", "88.95"),
            ("4.2.2", "0.50", "evidence", "89.45"),
            ("5.2.2", "0.50", "evidence", "89.96"),
            ("1.2.1", "1.00", "unscored", "90.97"),
            ("1.4.1", "1.00", "unscored", "91.98"),
            ("7.1.2", "1.00", "unscored", "92.99"),
        ]
    );
    // With the evidence supplied, the running total is the projected total again.
    assert_eq!(v["recovery"][4]["running_points"], "89.06");
    assert_eq!(
        v["recovery"][4]["running_index"], v["projected"],
        "the five evidence steps lead back to the projected index"
    );
    assert_eq!(steps.iter().filter(|s| s.2 == "evidence").count(), 5);
    // 7.1.2 takes 92.06 / 99 = 92.99 above 92.71; 1.4.1's 91.98 was not.
    assert_eq!(v["closes_at"], 8);
    assert_eq!(first_above(&v), Some(8));
    assert_eq!(v["recovery"][7]["code"], "7.1.2");
    assert_running_adds_up(&v, "85.81");
    // Cheapest first: evidence, then unscored, then below the maximum, then the survey.
    let order = ["evidence", "unscored", "below_max", "survey"];
    let ranks: Vec<usize> = steps
        .iter()
        .map(|s| order.iter().position(|r| *r == s.2).unwrap())
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{steps:?}");
    // Everything won back: 99 / 99.
    assert_eq!(
        v["recovery"].as_array().unwrap().last().unwrap()["running_points"],
        "99.00"
    );
}

#[test]
fn gap_2026_recovery_names_what_is_missing_and_the_lead_unit_from_the_plan() {
    let v = json(&["gap", "evidence/2026", "--format", "json"]);
    let step = |code: &str, reason: &str| {
        v["recovery"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["code"] == code && s["reason"] == reason)
            .unwrap_or_else(|| panic!("no step {code} {reason}"))
            .clone()
    };
    // 1.3.2: VB05 is there, the second document is not (README, item 3); plan task 2
    // (lead Văn phòng Ban Quản lý) serves 1.3.1;1.3.2.
    let s = step("1.3.2", "evidence");
    assert_eq!(
        s["what"],
        "bổ sung tài liệu kiểm chứng: Văn bản chỉ đạo khắc phục tồn tại, hạn chế sau kiểm tra"
    );
    assert_eq!(s["lead"], "Văn phòng Ban Quản lý");
    // 7.3.2: no document at all, and no task serves it.
    let s = step("7.3.2", "evidence");
    assert!(s["lead"].is_null());
    // Task 22 (the free-trade-zone scheme) serves 7.1.2; task 10 serves 3.3.3;3.5.1; task 20
    // (training, led by the staff themselves) serves 7.5.1.
    assert_eq!(step("7.1.2", "unscored")["lead"], "Văn phòng Ban Quản lý");
    assert_eq!(
        step("3.5.1", "below_max")["lead"],
        "Các phòng chuyên môn có TTHC"
    );
    assert_eq!(
        step("7.5.1", "below_max")["lead"],
        "Cán bộ, công chức, viên chức thuộc Ban Quản lý"
    );
    // 1.3.2 is declared "Hoàn thành tốt" (0.75 of 1): the evidence wins back 0.75, reaching
    // the maximum another 0.25.
    assert_eq!(step("1.3.2", "below_max")["points"], "0.25");
}

#[test]
fn gap_2026_table_counts_from_the_strict_total() {
    let out = table(&["gap", "evidence/2026"]);
    assert!(out.contains("Ngưỡng: 92,71 điểm — Sở Nội vụ, hạng 5, xếp hạng công bố năm 2025\n"));
    assert_eq!(
        table_row(&out, "Dự kiến (tự đánh giá + ĐTXHH dự kiến)"),
        ["89,06 / 99", "89,96", "còn thiếu 2,75"]
    );
    assert_eq!(
        table_row(&out, "Điểm chặt (trừ điểm thiếu tài liệu kiểm chứng)"),
        ["85,81 / 99", "86,68", "còn thiếu 6,03"]
    );
    assert!(!out.contains("Thẩm định"));
    assert!(out.contains("Khoảng cách (điểm dự kiến): 2,75 điểm dưới ngưỡng.\n"));
    assert!(out.contains("(lũy kế tính từ điểm chặt 86,68)"));
    assert!(out.contains("92,99 ✔ vượt ngưỡng"));
    assert!(out.ends_with("Khoảng cách được lấp ở bước 8: cần 8 tiêu chí đầu tiên.\n"));
}

#[test]
fn gap_in_english() {
    let out = table(&["gap", "evidence/2025", "--lang", "en"]);
    assert!(out.contains("Line: 92.71 — Sở Nội vụ, rank 5, published ranking of 2025\n"));
    assert!(out.contains("Gap (appraised): 3.72 points below the line.\n"));
    assert!(out.ends_with("The gap closes at step 10: the first 10 leaves are needed.\n"));
}

// ---------------------------------------------------------------------------------------
// gap: choosing the line
// ---------------------------------------------------------------------------------------

#[test]
fn rank_3_is_the_line_of_so_tai_chinh() {
    let v = json(&["gap", "evidence/2025", "--rank", "3", "--format", "json"]);
    assert_eq!(v["rank"], 3);
    assert_eq!(v["line"], "92.99");
    assert_eq!(v["line_unit"], "Sở Tài chính");
    assert_eq!(v["line_year"], 2025);
    // 92.99 − 88.99.
    assert_eq!(v["gap"], "4.00");
}

#[test]
fn a_threshold_with_a_decimal_comma_replaces_the_published_line() {
    let v = json(&[
        "gap",
        "evidence/2025",
        "--threshold",
        "90,5",
        "--format",
        "json",
    ]);
    assert_eq!(v["line"], "90.50");
    assert!(v["line_unit"].is_null());
    assert!(v["line_year"].is_null());
    assert!(v["line_source"].is_null());
    // 90.50 − 88.99; the cuts reach 90.49 at step 3 (not above 90.50) and 90.74 at step 4.
    assert_eq!(v["gap"], "1.51");
    assert_eq!(v["closes_at"], 4);
    assert_eq!(v["recovery"][3]["running_index"], "90.74");
    let out = table(&["gap", "evidence/2025", "--threshold", "90,5"]);
    assert!(
        out.contains("Ngưỡng: 90,50 điểm (nhập bằng --threshold)\n"),
        "{out}"
    );
}

#[test]
fn a_rank_that_is_not_in_the_ranking_is_refused_with_the_ranks_present() {
    let (code, out, err) = run(&["gap", "evidence/2025", "--rank", "9"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "evidence/2025/../../criteria/rankings.csv: xếp hạng năm 2025 của khối \"so-ban-nganh\" \
         không có hạng 9 (có: 1, 2, 3, 4, 5, 14); sửa \"target_rank\" hoặc dùng --rank hoặc --threshold\n1 lỗi, 0 cảnh báo\n"
    );
    let (code, _, err) = run(&["gap", "evidence/2025", "--rank", "9", "--lang", "en"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "evidence/2025/../../criteria/rankings.csv: the 2025 ranking of group \"so-ban-nganh\" \
         has no rank 9 (it has: 1, 2, 3, 4, 5, 14); change \"target_rank\" or use --rank or --threshold\n1 error, 0 warnings\n"
    );
}

#[test]
fn the_2024_dossier_is_judged_by_the_2021_ranking_which_stops_at_rank_3() {
    let (code, _, err) = run(&["gap", "evidence/2024"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "evidence/2024/../../criteria/rankings.csv: xếp hạng năm 2021 của khối \"so-ban-nganh\" \
         không có hạng 5 (có: 1, 2, 3); sửa \"target_rank\" hoặc dùng --rank hoặc --threshold\n1 lỗi, 0 cảnh báo\n"
    );
    let v = json(&["gap", "evidence/2024", "--rank", "3", "--format", "json"]);
    assert_eq!(v["line"], "92.57");
    assert_eq!(v["line_unit"], "Sở Thông tin và Truyền thông");
    assert_eq!(v["line_year"], 2021);
    // 92.57 − 87.11.
    assert_eq!(v["gap"], "5.46");
}

#[test]
fn without_target_rank_or_rank_gap_asks_for_one() {
    let dossier = data("dossiers/appraised");
    let dossier = dossier.to_str().unwrap();
    let (code, out, err) = run_in(&data(""), &["gap", "dossiers/appraised"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    // Both missing settings at once, each with what to write (issue 16: they used to come
    // one run at a time).
    assert_eq!(
        err,
        "dossiers/appraised/dossier.json: thiếu \"rankings\": tệp xếp hạng công bố, đường dẫn tính \
         từ thư mục hồ sơ, ví dụ \"rankings\": \"../../criteria/rankings.csv\" (hoặc dùng --threshold)\n\
         dossiers/appraised/dossier.json: thiếu \"target_rank\": hạng cần đạt, ví dụ \"target_rank\": 5 \
         (hoặc dùng --rank)\n2 lỗi, 0 cảnh báo\n"
    );
    // A rank alone is not enough without a ranking file; a threshold is.
    let (code, _, err) = run(&["gap", dossier, "--rank", "2"]);
    assert_eq!(code, 1);
    assert!(
        err.ends_with(
            "appraised/dossier.json: thiếu \"rankings\": tệp xếp hạng công bố, đường dẫn tính \
             từ thư mục hồ sơ, ví dụ \"rankings\": \"../../criteria/rankings.csv\" (hoặc dùng --threshold)\
             \n1 lỗi, 0 cảnh báo\n"
        ),
        "{err}"
    );
    let v = json(&["gap", dossier, "--threshold", "70", "--format", "json"]);
    assert_eq!(v["line"], "70.00");
}

#[test]
fn a_threshold_that_is_not_a_score_is_refused() {
    for bad in ["abc", "100.5", "-1"] {
        let (code, out, err) = run(&["gap", "evidence/2025", &format!("--threshold={bad}")]);
        // A wrong option is the command that cannot run (2), not data with problems (1).
        assert_eq!(code, 2, "{bad}");
        assert_eq!(out, "");
        assert_eq!(
            err,
            format!("--threshold: \"{bad}\" không phải điểm từ 0 đến 100\n")
        );
    }
}

// ---------------------------------------------------------------------------------------
// gap: ties
// ---------------------------------------------------------------------------------------

#[test]
fn a_projected_index_equal_to_the_line_is_not_above_it() {
    // 2026 projects 89.06 / 99 = 89.9596, published as 89.96: a tie with a line of 89.96.
    let v = json(&[
        "gap",
        "evidence/2026",
        "--threshold",
        "89.96",
        "--format",
        "json",
    ]);
    assert_eq!(v["line"], "89.96");
    assert_eq!(v["projected"], "89.96");
    assert_eq!(v["gap"], "0.00");
    // Step 5 reaches 89.96 exactly: a tie, so it does not close; step 6 (90.97) does.
    assert_eq!(v["recovery"][4]["running_index"], "89.96");
    assert_eq!(v["recovery"][4]["closes"], false);
    assert_eq!(v["closes_at"], 6);
    assert_eq!(first_above(&v), Some(6));
}

#[test]
fn scores_are_compared_as_published_at_two_decimals() {
    // scored_by_hand: 6.3125 / 10 = 63.125, published as 63.13 (half away from zero).
    let dossier = data("dossiers/scored_by_hand");
    let dossier = dossier.to_str().unwrap();
    let tie = json(&["gap", dossier, "--threshold", "63.13", "--format", "json"]);
    assert_eq!(tie["projected"], "63.13");
    assert_eq!(tie["gap"], "0.00");
    assert_eq!(tie["closes_at"], 1, "the first step takes it above");
    let above = json(&["gap", dossier, "--threshold", "63.12", "--format", "json"]);
    assert_eq!(above["gap"], "-0.01");
    assert!(
        above["closes_at"].is_null(),
        "already above: nothing closes"
    );
    let out = table(&["gap", dossier, "--threshold", "63.12"]);
    assert!(out.contains("Khoảng cách (điểm dự kiến): đã ở trên ngưỡng 0,01 điểm.\n"));
    assert!(out.ends_with(
        "Điểm hiện tại đã trên ngưỡng; danh sách trên là các điểm còn có thể tăng thêm.\n"
    ));
}

#[test]
fn the_table_says_a_tie_is_not_above_the_line() {
    let out = table(&["gap", "evidence/2026", "--threshold", "89.96"]);
    assert!(!out.contains("-0,00"), "{out}");
    assert!(!out.contains("đã ở trên ngưỡng"), "{out}");
    let projected = table_row(&out, "Dự kiến (tự đánh giá + ĐTXHH dự kiến)");
    assert!(!projected[2].contains("vượt"), "{projected:?}");
    assert!(out.contains("0,00"), "the gap is shown as zero: {out}");
    let en = table(&[
        "gap",
        "evidence/2026",
        "--threshold",
        "89.96",
        "--lang",
        "en",
    ]);
    assert!(!en.contains("-0.00"), "{en}");
    assert!(!en.contains("already"), "{en}");
}

#[test]
fn a_threshold_without_a_rank_speaks_of_no_top_0() {
    let dossier = data("dossiers/scored_by_hand");
    let dossier = dossier.to_str().unwrap();
    let v = json(&["gap", dossier, "--threshold", "60", "--format", "json"]);
    assert!(v["rank"].is_null(), "rank {}", v["rank"]);
    let out = table(&["gap", dossier, "--threshold", "60"]);
    assert!(!out.contains("nhóm 0"), "{out}");
    let dir = crate::harness::tempdir();
    let charts = dir.path().join("charts");
    let (code, _, err) = run(&[
        "chart",
        dossier,
        "--threshold",
        "60",
        "--out",
        charts.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let gap = fs::read_to_string(charts.join("gap.svg")).unwrap();
    assert!(!all_text(&gap).contains("nhóm 0"));
}

// ---------------------------------------------------------------------------------------
// compare: the shipped years
// ---------------------------------------------------------------------------------------

const THREE_YEARS: [&str; 3] = ["evidence/2024", "evidence/2025", "evidence/2026"];

fn compare_json(dossiers: &[&str], extra: &[&str]) -> Value {
    let mut args = vec!["compare"];
    args.extend_from_slice(dossiers);
    args.extend_from_slice(&["--format", "json"]);
    args.extend_from_slice(extra);
    json(&args)
}

#[test]
fn compare_three_years_totals_by_the_figure_each_year_is_judged_by() {
    let v = compare_json(&THREE_YEARS, &[]);
    let years: Vec<(i64, &str, &str)> = v["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap(),
                y["criteria"].as_str().unwrap(),
                y["basis"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        years,
        [
            (2024, "haiphong-so-2024", "appraised"),
            (2025, "haiphong-so-2025", "appraised"),
            (2026, "haiphong-so-2026", "projected"),
        ]
    );
    let total = row(&v, "total");
    assert_eq!(cell(total, 0), Some((vec![], "87.11", "100.00", "87.11")));
    assert_eq!(cell(total, 1), Some((vec![], "88.99", "100.00", "88.99")));
    assert_eq!(cell(total, 2), Some((vec![], "89.06", "99.00", "89.96")));
    assert_eq!(change(total, 0), (Some("1.88"), Some("1.88"), true, None));
    // 100 → 99 (6.1.2 not applicable in 2026): percent only.
    assert_eq!(
        change(total, 1),
        (
            None,
            Some("0.97"),
            true,
            Some(
                "năm 2026 còn 5 điểm chưa chấm (tính là 0); \
                 điểm tối đa đổi từ 100 thành 99: chỉ so sánh theo %"
            )
        )
    );
}

#[test]
fn compare_areas_whose_maximum_changed_only_in_percent() {
    let v = compare_json(&THREE_YEARS, &[]);
    let area1 = row(&v, "1");
    assert_eq!(change(area1, 0), (Some("0.50"), Some("5.00"), true, None));
    assert_eq!(
        change(area1, 1),
        (
            Some("-1.75"),
            Some("-17.50"),
            true,
            Some("năm 2026 còn 2 điểm chưa chấm (tính là 0)")
        )
    );
    let area3 = row(&v, "3");
    assert_eq!(cell(area3, 0), Some((vec!["3"], "10.75", "13.00", "82.69")));
    assert_eq!(cell(area3, 1), Some((vec!["3"], "12.05", "14.00", "86.07")));
    assert_eq!(
        change(area3, 0),
        (
            None,
            Some("3.38"),
            true,
            Some("điểm tối đa đổi từ 13 thành 14: chỉ so sánh theo %")
        )
    );
    // Same maximum from 2025 to 2026: points again.
    assert_eq!(
        change(area3, 1),
        (
            Some("0.17"),
            Some("1.21"),
            true,
            Some("năm 2026 còn 0,5 điểm chưa chấm (tính là 0)")
        )
    );
    let area7 = row(&v, "7");
    assert_eq!(cell(area7, 0), Some((vec!["7"], "11.77", "15.00", "78.47")));
    assert_eq!(cell(area7, 1), Some((vec!["7"], "12.48", "14.00", "89.14")));
    assert_eq!(
        change(area7, 0),
        (
            None,
            Some("10.68"),
            true,
            Some("điểm tối đa đổi từ 15 thành 14: chỉ so sánh theo %")
        )
    );
    let out = table(&["compare", THREE_YEARS[0], THREE_YEARS[1], THREE_YEARS[2]]);
    assert!(out.contains("  3, 2024 → 2025: điểm tối đa đổi từ 13 thành 14: chỉ so sánh theo %\n"));
    assert!(out.contains("  7, 2024 → 2025: điểm tối đa đổi từ 15 thành 14: chỉ so sánh theo %\n"));
    assert!(out.contains("+10,68%*"), "{out}");
}

#[test]
fn compare_detail_follows_2025s_renamed_and_merged_leaves_back_to_2024() {
    let v = compare_json(&THREE_YEARS, &["--detail"]);
    // 7.1.4 (IOC) in 2024 is 7.2.2 from 2025: same maximum, compared in points.
    let ioc = row(&v, "7.2.2");
    assert_eq!(cell(ioc, 0), Some((vec!["7.1.4"], "0.60", "1.00", "60.00")));
    assert_eq!(cell(ioc, 1), Some((vec!["7.2.2"], "0.90", "1.00", "90.00")));
    assert_eq!(
        change(ioc, 0),
        (
            Some("0.30"),
            Some("30.00"),
            true,
            Some("7.1.4 (2024) ứng với 7.2.2 (2025)")
        )
    );
    // 7.3.3 and 7.3.4 (1 point each) merged into 7.3.3 (1 point): percent only.
    let signed = row(&v, "7.3.3");
    assert_eq!(
        cell(signed, 0),
        Some((vec!["7.3.3", "7.3.4"], "1.92", "2.00", "96.00"))
    );
    assert_eq!(
        cell(signed, 1),
        Some((vec!["7.3.3"], "0.98", "1.00", "98.00"))
    );
    assert_eq!(
        change(signed, 0),
        (
            None,
            Some("2.00"),
            true,
            Some(
                "7.3.3 + 7.3.4 (2024) ứng với 7.3.3 (2025); điểm tối đa đổi từ 2 thành 1: \
                 chỉ so sánh theo %"
            )
        )
    );
    assert_eq!(change(signed, 1), (Some("0.01"), Some("1.00"), true, None));
    // The 2024 leaves that were followed get no row of their own.
    let codes: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"7.1.4") && !codes.contains(&"7.3.4"));
    // Every other leaf, and every area, is in all three years.
    for r in v["rows"].as_array().unwrap() {
        let code = r["code"].as_str().unwrap();
        for n in 0..3 {
            assert!(!r["years"][n].is_null(), "{code} in year {n}");
        }
    }
}

#[test]
fn compare_csv_is_one_row_per_node_and_year() {
    let out = table(&[
        "compare",
        THREE_YEARS[0],
        THREE_YEARS[1],
        THREE_YEARS[2],
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    // A byte order mark first, so that Excel reads the Vietnamese as UTF-8.
    assert_eq!(
        lines[0],
        "\u{feff}level,code,name,year,basis,codes,achieved,max,percent,from_year,change_points,\
         change_percent,comparable,note,unit"
    );
    // Every row names its year's unit (several only with --several-units).
    const UNIT: &str = "Ban Quản lý Khu kinh tế Hải Phòng";
    assert!(lines.contains(
        &"area,7,\"Xây dựng và phát triển Chính quyền điện tử, Chính quyền số\",2025,appraised,7,\
          12.48,14.00,89.14,2024,,10.68,true,điểm tối đa đổi từ 15 thành 14: chỉ so sánh theo %,\
          Ban Quản lý Khu kinh tế Hải Phòng"
    ));
    assert!(
        lines.contains(&format!("total,,,2024,appraised,,87.11,100.00,87.11,,,,,,{UNIT}").as_str())
    );
    assert!(lines.contains(&format!("area,1,\"Công tác chỉ đạo, điều hành CCHC\",2025,appraised,1,9.50,10.00,95.00,2024,0.50,5.00,true,,{UNIT}").as_str()));
    // The total and 8 areas, three years each, and the header.
    assert_eq!(lines.len(), 1 + 9 * 3);
}

#[test]
fn compare_does_not_depend_on_the_order_of_the_dossiers() {
    let sorted = compare_json(&THREE_YEARS, &["--detail"]);
    let shuffled = compare_json(
        &["evidence/2026", "evidence/2024", "evidence/2025"],
        &["--detail"],
    );
    assert_eq!(sorted, shuffled);
}

#[test]
fn compare_refuses_two_dossiers_of_the_same_year() {
    let (code, out, err) = run(&[
        "compare",
        "evidence/2024",
        "evidence/2025",
        "evidence/2025/",
    ]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "evidence/2025/: hồ sơ cùng năm 2025 với evidence/2025: mỗi năm chỉ so sánh một hồ sơ\n\
         1 lỗi, 0 cảnh báo\n"
    );
    let (code, _, err) = run(&["compare", "evidence/2025", "evidence/2025", "--lang", "en"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "evidence/2025: this dossier is for 2025, like evidence/2025: compare one dossier per \
         year\n1 error, 0 warnings\n"
    );
}

#[test]
fn compare_a_leaf_not_applicable_in_one_year_is_not_called_percent_only() {
    let v = compare_json(&THREE_YEARS, &["--detail"]);
    let (points, percent, comparable, note) = change(row(&v, "6.1.2"), 1);
    assert_eq!((points, percent, comparable), (None, None, false));
    let note = note.expect("a note saying why");
    assert!(!note.contains("chỉ so sánh theo %"), "{note}");
    assert!(note.contains("không áp dụng"), "{note}");
}

// ---------------------------------------------------------------------------------------
// compare: two criteria sets built for it
// ---------------------------------------------------------------------------------------

const OLD: &str = "dossiers/compare_old";
const NEW: &str = "dossiers/compare_new";

/// `compare OLD NEW --detail --format json`, run in `tests/data`.
fn fixture_json(extra: &[&str]) -> Value {
    let mut args = vec!["compare", NEW, OLD, "--detail", "--format", "json"];
    args.extend_from_slice(extra);
    let (code, out, err) = run_in(&data(""), &args);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn the_compare_criteria_files_are_valid() {
    for file in ["compare-old.json", "compare-new.json"] {
        let path = data(&format!("criteria/good/{file}"));
        let (code, out, err) = run(&["criteria", "check", path.to_str().unwrap()]);
        assert_eq!(code, 0, "{file}: {err}");
        assert!(out.contains(": hợp lệ: "), "{out}");
    }
}

#[test]
fn compare_across_criteria_sets_totals_and_areas() {
    let v = fixture_json(&[]);
    let total = row(&v, "total");
    assert_eq!(cell(total, 0), Some((vec![], "7.90", "10.00", "79.00")));
    assert_eq!(cell(total, 1), Some((vec![], "7.65", "9.00", "85.00")));
    assert_eq!(
        change(total, 0),
        (
            None,
            Some("6.00"),
            true,
            Some("điểm tối đa đổi từ 10 thành 9: chỉ so sánh theo %")
        )
    );
    // Area 1 went from 4 points to 3: percent only, with the note.
    let area1 = row(&v, "1");
    assert_eq!(cell(area1, 0), Some((vec!["1"], "3.30", "4.00", "82.50")));
    assert_eq!(cell(area1, 1), Some((vec!["1"], "1.95", "3.00", "65.00")));
    assert_eq!(
        change(area1, 0),
        (
            None,
            Some("-17.50"),
            true,
            Some("điểm tối đa đổi từ 4 thành 3: chỉ so sánh theo %")
        )
    );
    // Area 2 kept its 6 points: compared in points.
    let area2 = row(&v, "2");
    assert_eq!(cell(area2, 0), Some((vec!["2"], "4.60", "6.00", "76.67")));
    assert_eq!(cell(area2, 1), Some((vec!["2"], "5.70", "6.00", "95.00")));
    assert_eq!(change(area2, 0), (Some("1.10"), Some("18.33"), true, None));
}

#[test]
fn compare_across_criteria_sets_follows_a_renamed_leaf_in_points() {
    let v = fixture_json(&[]);
    let renamed = row(&v, "1.4");
    assert_eq!(
        cell(renamed, 0),
        Some((vec!["1.2"], "0.80", "1.00", "80.00"))
    );
    assert_eq!(
        cell(renamed, 1),
        Some((vec!["1.4"], "0.95", "1.00", "95.00"))
    );
    assert_eq!(
        change(renamed, 0),
        (
            Some("0.15"),
            Some("15.00"),
            true,
            Some("1.2 (2025) ứng với 1.4 (2026)")
        )
    );
    // An unchanged leaf: same code, no note.
    assert_eq!(
        change(row(&v, "1.1"), 0),
        (Some("0.00"), Some("0.00"), true, None)
    );
}

#[test]
fn compare_across_criteria_sets_sums_a_merged_leaf() {
    let v = fixture_json(&[]);
    // 2.1 (0.90) + 2.2 (0.70) of 1 point each against the merged 2.1 of 2 points: the
    // maximum is the same, so the change is in points too.
    let merged = row(&v, "2.1");
    assert_eq!(
        cell(merged, 0),
        Some((vec!["2.1", "2.2"], "1.60", "2.00", "80.00"))
    );
    assert_eq!(
        cell(merged, 1),
        Some((vec!["2.1"], "1.70", "2.00", "85.00"))
    );
    assert_eq!(
        change(merged, 0),
        (
            Some("0.10"),
            Some("5.00"),
            true,
            Some("2.1 + 2.2 (2025) ứng với 2.1 (2026)")
        )
    );
    // 2.2 is inside the merged row, not a row of its own; 1.2 is inside 1.4.
    let codes: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["", "1", "1.1", "1.4", "1.5", "2", "2.1", "2.3", "2.4", "1.3"]
    );
}

#[test]
fn compare_across_criteria_sets_marks_dropped_and_new_leaves_not_comparable() {
    let v = fixture_json(&[]);
    let dropped = row(&v, "1.3");
    assert_eq!(
        cell(dropped, 0),
        Some((vec!["1.3"], "1.50", "2.00", "75.00"))
    );
    assert_eq!(cell(dropped, 1), None);
    assert_eq!(
        change(dropped, 0),
        (
            None,
            None,
            false,
            Some("không còn ở năm 2026: không so sánh được")
        )
    );
    let added = row(&v, "1.5");
    assert_eq!(cell(added, 0), None);
    assert_eq!(cell(added, 1), Some((vec!["1.5"], "0.00", "1.00", "0.00")));
    assert_eq!(
        change(added, 0),
        (
            None,
            None,
            false,
            Some("không có ở năm 2025: không so sánh được")
        )
    );
}

#[test]
fn compare_across_criteria_sets_uses_the_appraised_points_of_the_past_year() {
    let v = fixture_json(&[]);
    // 2.3 was self-assessed at 90 % (1.80) but appraised at 1.50.
    let meetings = row(&v, "2.3");
    assert_eq!(
        cell(meetings, 0),
        Some((vec!["2.3"], "1.50", "2.00", "75.00"))
    );
    assert_eq!(
        change(meetings, 0),
        (Some("0.50"), Some("25.00"), true, None)
    );
    assert_eq!(v["years"][0]["basis"], "appraised");
    assert_eq!(v["years"][1]["basis"], "projected");
}

#[test]
fn compare_across_criteria_sets_table_and_english_notes() {
    let (code, out, _) = run_in(&data(""), &["compare", OLD, NEW, "--detail"]);
    assert_eq!(code, 0);
    assert!(
        out.ends_with(
            "Ghi chú:\n\
         \x20 Tổng, 2025 → 2026: điểm tối đa đổi từ 10 thành 9: chỉ so sánh theo %\n\
         \x20 1, 2025 → 2026: điểm tối đa đổi từ 4 thành 3: chỉ so sánh theo %\n\
         \x20 1.4, 2025 → 2026: 1.2 (2025) ứng với 1.4 (2026)\n\
         \x20 1.5, 2025 → 2026: không có ở năm 2025: không so sánh được\n\
         \x20 2.1, 2025 → 2026: 2.1 + 2.2 (2025) ứng với 2.1 (2026)\n\
         \x20 1.3, 2025 → 2026: không còn ở năm 2026: không so sánh được\n"
        ),
        "{out}"
    );
    assert!(out.contains("+0,15 (+15,00%)"));
    assert!(out.contains("-17,50%*"));
    let v = fixture_json(&["--lang", "en"]);
    assert_eq!(
        change(row(&v, "1"), 0).3,
        Some("maximum changed from 4 to 3: compared in percent only")
    );
    assert_eq!(
        change(row(&v, "1.4"), 0).3,
        Some("1.2 (2025) matched to 1.4 (2026)")
    );
    assert_eq!(
        change(row(&v, "1.5"), 0).3,
        Some("not in 2025: not comparable")
    );
    assert_eq!(
        change(row(&v, "1.3"), 0).3,
        Some("gone in 2026: not comparable")
    );
}

#[test]
fn a_leaf_dropped_after_two_years_keeps_its_earlier_comparison() {
    // A 2024 dossier on the old criteria, a copy of compare_old with another year.
    let dir = copy_dossier("compare_old");
    copy_into(&data(NEW), &dir.path().join(NEW));
    fs::copy(
        data("criteria/good/compare-new.json"),
        dir.path().join("criteria/good/compare-new.json"),
    )
    .unwrap();
    let older = dir.path().join("dossiers/compare_older");
    copy_into(&data(OLD), &older);
    let settings = fs::read_to_string(older.join("dossier.json")).unwrap();
    fs::write(older.join("dossier.json"), settings.replace("2025", "2024")).unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "compare",
            "dossiers/compare_older",
            OLD,
            NEW,
            "--detail",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let dropped = row(&v, "1.3");
    assert_eq!(
        cell(dropped, 0),
        Some((vec!["1.3"], "1.50", "2.00", "75.00"))
    );
    assert_eq!(
        cell(dropped, 1),
        Some((vec!["1.3"], "1.50", "2.00", "75.00"))
    );
    assert_eq!(cell(dropped, 2), None);
    assert_eq!(change(dropped, 0), (Some("0.00"), Some("0.00"), true, None));
    assert_eq!(
        change(dropped, 1),
        (
            None,
            None,
            false,
            Some("không còn ở năm 2026: không so sánh được")
        )
    );
}

// ---------------------------------------------------------------------------------------
// chart: the shipped 2026 dossier against 2024 and 2025
// ---------------------------------------------------------------------------------------

#[test]
fn chart_writes_three_svgs_and_three_pngs() {
    let d = shipped();
    assert_eq!(d.code, 0, "{}", d.err);
    assert_eq!(d.err, "");
    assert_eq!(
        d.files,
        [
            "areas.png",
            "areas.svg",
            "gap.png",
            "gap.svg",
            "trend.png",
            "trend.svg"
        ]
    );
    assert_eq!(
        d.out,
        "Đã vẽ:\n  OUT/areas.svg\n  OUT/areas.png\n  OUT/gap.svg\n  OUT/gap.png\n  \
         OUT/trend.svg\n  OUT/trend.png\n"
    );
}

#[test]
fn areas_svg_carries_the_figures_of_score_and_evidence() {
    let svg = &shipped().svg["areas"];
    assert!(has_text(svg, "7,75 / 10 (77,50%)"));
    assert!(has_text(svg, "nguy cơ bị trừ 0,75"));
    assert!(has_text(
        svg,
        "Tổng: 89,06 / 99 điểm — Chỉ số 89,96; nguy cơ bị trừ 3,25, điểm chặt 85,81"
    ));
    assert!(has_text(
        svg,
        "Điểm theo lĩnh vực — Ban Quản lý Khu kinh tế Hải Phòng, năm 2026"
    ));

    // Every area as `compare` gives 2026 (projected, like `score`).
    let v = compare_json(&THREE_YEARS, &[]);
    let mut areas = 0;
    for r in v["rows"].as_array().unwrap() {
        if r["level"] != "area" {
            continue;
        }
        areas += 1;
        let (_, achieved, max, percent) = cell(r, 2).unwrap();
        let label = format!(
            "{} / {} ({}%)",
            vi_points(achieved),
            vi_points(max),
            vi_percent(percent)
        );
        assert!(has_text(svg, &label), "{label}");
        let name = format!(
            "{}. {}",
            r["code"].as_str().unwrap(),
            r["name"].as_str().unwrap()
        );
        assert!(has_text(svg, &name), "{name}");
    }
    assert_eq!(areas, 8);

    // The points at risk, area by area, as `evidence` lists them.
    let (_, out, _) = run(&["evidence", "evidence/2026", "--format", "json"]);
    let ev: Value = serde_json::from_str(&out).unwrap();
    let mut by_area: BTreeMap<String, f64> = BTreeMap::new();
    for m in ev["missing"].as_array().unwrap() {
        let area = m["code"]
            .as_str()
            .unwrap()
            .split('.')
            .next()
            .unwrap()
            .to_string();
        *by_area.entry(area).or_default() += m["points"].as_str().unwrap().parse::<f64>().unwrap();
    }
    assert_eq!(by_area.len(), 5, "{by_area:?}");
    let risks: Vec<String> = svg_texts(svg)
        .into_iter()
        .filter(|t| t.starts_with("nguy cơ bị trừ"))
        .collect();
    let expected: Vec<String> = by_area
        .values()
        .map(|p| format!("nguy cơ bị trừ {}", vi_points(&format!("{p:.2}"))))
        .collect();
    assert_eq!(risks, expected);
    assert_eq!(ev["at_risk"], "3.25");

    // The footer's totals as `score` prints them.
    let (_, out, _) = run(&["score", "evidence/2026", "--format", "json"]);
    let score: Value = serde_json::from_str(&out).unwrap();
    let t = &score["total"];
    let footer = format!(
        "Tổng: {} / {} điểm — Chỉ số {}",
        vi_points(t["achieved"].as_str().unwrap()),
        vi_points(t["max"].as_str().unwrap()),
        vi_percent(t["index"].as_str().unwrap())
    );
    assert!(all_text(svg).contains(&footer), "{footer}");
}

#[test]
fn gap_svg_carries_the_figures_of_gap_and_the_published_ranking() {
    let svg = &shipped().svg["gap"];
    for figure in ["92,71", "89,96", "86,68", "88,99"] {
        assert!(has_text(svg, figure), "{figure}");
    }
    assert!(has_text(svg, "Ngưỡng hạng 5: 92,71 (Sở Nội vụ)"));
    assert!(has_text(svg, "5. Sở Nội vụ"));
    assert!(has_text(svg, "14. Ban Quản lý Khu kinh tế (công bố 2025)"));
    assert!(has_text(
        svg,
        "Dự kiến 89,96: còn thiếu 2,75; điểm chặt 86,68: còn thiếu 6,03 (phải đạt trên ngưỡng)"
    ));

    let v = json(&["gap", "evidence/2026", "--format", "json"]);
    for key in ["line", "projected", "strict"] {
        let figure = vi_percent(v[key].as_str().unwrap());
        assert!(has_text(svg, &figure), "{key} {figure}");
    }
    let line_label = format!(
        "Ngưỡng hạng {}: {} ({})",
        v["rank"],
        vi_percent(v["line"].as_str().unwrap()),
        v["line_unit"].as_str().unwrap()
    );
    assert!(has_text(svg, &line_label), "{line_label}");
    assert!(all_text(svg).contains(&format!(
        "còn thiếu {}",
        vi_percent(v["gap"].as_str().unwrap())
    )));

    // Every unit of the group in the line's year, with its published score.
    let year = v["line_year"].as_i64().unwrap().to_string();
    let rankings = fs::read_to_string(root().join("criteria/rankings.csv")).unwrap();
    let mut peers = 0;
    for line in rankings.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f[0] != year || f[1] != "so-ban-nganh" {
            continue;
        }
        peers += 1;
        assert!(
            svg_texts(svg)
                .iter()
                .any(|t| t.starts_with(&format!("{}. {}", f[4], f[2]))),
            "{line}"
        );
        assert!(has_text(svg, &vi_percent(f[3])), "{line}");
    }
    assert_eq!(peers, 6);
}

#[test]
fn trend_svg_carries_the_figures_of_compare_and_the_vietnamese_area_names() {
    let svg = &shipped().svg["trend"];
    for figure in ["87,11", "88,99", "89,96"] {
        assert!(has_text(svg, figure), "{figure}");
    }
    let v = compare_json(&THREE_YEARS, &[]);
    let total = row(&v, "total");
    for n in 0..3 {
        let (_, _, _, percent) = cell(total, n).unwrap();
        assert!(has_text(svg, &vi_percent(percent)), "{percent}");
    }
    let text = all_text(svg);
    assert!(text.contains("3. Cải cách thủ tục hành chính"));
    // Long names are wrapped over two lines; read together they are whole.
    for r in v["rows"].as_array().unwrap() {
        if r["level"] == "area" {
            let name = format!(
                "{}. {}",
                r["code"].as_str().unwrap(),
                r["name"].as_str().unwrap()
            );
            assert!(text.contains(&name), "{name}");
        }
    }
    assert!(text.contains("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"));
    for year in ["2024", "2025", "2026"] {
        assert!(has_text(svg, year));
    }
    assert!(has_text(
        svg,
        "% điểm tối đa của từng năm; 2024, 2025: thẩm định; 2026: tự đánh giá + ĐTXHH dự kiến"
    ));
}

#[test]
fn pngs_are_at_print_resolution() {
    let d = shipped();
    for name in CHARTS {
        let (width, height) = png_size(&d.png[name]);
        assert_eq!(width, 3200, "{name}");
        assert_eq!(height, 2 * svg_height(&d.svg[name]), "{name}");
    }
}

#[test]
fn pngs_are_identical_without_system_fonts() {
    let (normal, bare) = (shipped(), shipped_without_fonts());
    assert_eq!(bare.code, 0, "{}", bare.err);
    for name in CHARTS {
        assert!(
            normal.png[name] == bare.png[name],
            "{name}.png differs without system fonts"
        );
        assert_eq!(normal.svg[name], bare.svg[name]);
    }
}

#[test]
fn two_runs_give_identical_pngs() {
    let (first, second) = (shipped(), shipped_again());
    assert_eq!(second.code, 0, "{}", second.err);
    for name in CHARTS {
        assert!(
            first.png[name] == second.png[name],
            "{name}.png differs between runs"
        );
    }
}

#[test]
fn the_png_titles_are_drawn_with_the_embedded_font() {
    use resvg::tiny_skia::Pixmap;
    // Each title is dark ink, top left, at y 28 (56 px at 2×), 34 px high; nothing else is
    // drawn in that band, so dark pixels there are the title's glyphs.
    for name in CHARTS {
        let img = Pixmap::decode_png(&shipped_without_fonts().png[name]).unwrap();
        let w = img.width() as usize;
        let dark = img.pixels()[50 * w..130 * w]
            .iter()
            .filter(|p| p.red() < 100 && p.green() < 100 && p.blue() < 100)
            .count();
        assert!(
            dark > 5_000,
            "{name}: only {dark} dark pixels in the title band"
        );
    }
}

#[test]
fn chart_in_english() {
    let dir = crate::harness::tempdir();
    let out = dir.path().join("charts");
    let (code, stdout, err) = run(&[
        "chart",
        "evidence/2026",
        "--compare",
        "evidence/2024",
        "evidence/2025",
        "--out",
        out.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.starts_with("Drawn:\n"));
    let svg = |name: &str| fs::read_to_string(out.join(format!("{name}.svg"))).unwrap();
    let (areas, gap, trend) = (svg("areas"), svg("gap"), svg("trend"));
    assert!(has_text(
        &areas,
        "Points by area — Ban Quản lý Khu kinh tế Hải Phòng, 2026"
    ));
    assert!(has_text(&areas, "7.75 / 10 (77.50%)"));
    assert!(has_text(&areas, "0.75 at risk"));
    assert!(has_text(&gap, "Distance to the top 5 — 2026"));
    assert!(has_text(&gap, "Rank 5 line: 92.71 (Sở Nội vụ)"));
    assert!(has_text(
        &trend,
        "Areas year by year — Ban Quản lý Khu kinh tế Hải Phòng"
    ));
    assert!(has_text(&trend, "89.96"));
    // Area names stay as published, in Vietnamese.
    assert!(all_text(&trend).contains("3. Cải cách thủ tục hành chính"));
    assert!(!all_text(&areas).contains("Điểm theo lĩnh vực"));
    assert!(!out.join("areas.png").exists(), "no PNG without --png");
}

#[test]
fn chart_refuses_to_write_into_the_dossiers_evidence_folder() {
    let dir = copy_sample("evidence/2026");
    for out in ["evidence/2026/files", "evidence/2026/files/charts"] {
        let (code, stdout, err) = run_in(dir.path(), &["chart", "evidence/2026", "--out", out]);
        assert_eq!(code, 1, "{out}");
        assert_eq!(stdout, "");
        assert_eq!(
            err,
            format!(
                "{out}: không ghi biểu đồ vào thư mục tài liệu kiểm chứng files/ của hồ sơ\n\
                 1 lỗi, 0 cảnh báo\n"
            )
        );
    }
    let files = dir.path().join("evidence/2026/files");
    assert!(!files.join("areas.svg").exists());
    assert!(!files.join("charts/areas.svg").exists());
    // Beside the dossier is fine.
    let (code, _, err) = run_in(dir.path(), &["chart", "evidence/2026", "--out", "charts"]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("charts/gap.svg").exists());
}

#[test]
fn a_refused_chart_folder_is_not_created_in_the_evidence_folder() {
    let dir = copy_sample("evidence/2026");
    let (code, _, _) = run_in(
        dir.path(),
        &[
            "chart",
            "evidence/2026",
            "--out",
            "evidence/2026/files/charts",
        ],
    );
    assert_eq!(code, 1);
    assert!(!dir.path().join("evidence/2026/files/charts").exists());
}

#[test]
fn chart_needs_the_units_group_in_the_ranking_unless_a_threshold_is_given() {
    let dir = copy_sample("evidence/2026");
    let rankings = dir.path().join("criteria/rankings.csv");
    let kept: Vec<String> = fs::read_to_string(&rankings)
        .unwrap()
        .lines()
        .filter(|l| !l.contains(",so-ban-nganh,"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(kept.len(), 9, "the header and the other groups' rows");
    fs::write(&rankings, kept.concat()).unwrap();
    let message = "evidence/2026/dossier.json:6:3: \"group\": khối \"so-ban-nganh\" không có trong \
                   evidence/2026/../../criteria/rankings.csv; các khối: phuong, xa-dac-khu\n1 lỗi, 0 cảnh báo\n";

    let (code, out, err) = run_in(dir.path(), &["chart", "evidence/2026", "--out", "charts"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(err, message);
    assert!(!dir.path().join("charts/areas.svg").exists());
    let (code, _, err) = run_in(dir.path(), &["gap", "evidence/2026"]);
    assert_eq!(code, 1);
    assert_eq!(err, message);

    let (code, _, err) = run_in(
        dir.path(),
        &[
            "chart",
            "evidence/2026",
            "--out",
            "charts",
            "--threshold",
            "92,71",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let gap = fs::read_to_string(dir.path().join("charts/gap.svg")).unwrap();
    assert!(has_text(&gap, "Ngưỡng: 92,71"));
    assert!(all_text(&gap).contains("Ngưỡng tự đặt (--threshold)"));
    // No published peers: only the unit's own projected and strict bars.
    assert!(!all_text(&gap).contains("Sở Nội vụ"));
    assert!(has_text(&gap, "89,96") && has_text(&gap, "86,68"));
}
