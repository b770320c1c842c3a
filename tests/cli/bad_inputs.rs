//! Every file in `tests/data/bad/` (listed with what it shows in its `README.md`), placed in
//! a copy of a fixture dossier and read by the real binary with the command that reads that
//! kind of file:
//!
//! | folder      | replaces, in a copy of                                | command    |
//! |-------------|-------------------------------------------------------|------------|
//! | `scores/`   | `scores.csv` of `scored_by_hand`                      | `score`    |
//! | `plan/`     | `plan.csv` of `scored_by_hand`                        | `score`    |
//! | `dossier/`  | `dossier.json` of `scored_by_hand`                    | `score`    |
//! | `criteria/` | its criteria file, `criteria/good/rules.json`         | `score`    |
//! | `rankings/` | `rankings.csv` beside `scored_by_hand` (rank 1 named) | `gap`      |
//! | `manifest/` | `manifest.csv` of `evidence_complete`                 | `evidence` |
//! | `seal/`     | `seal.json` of `evidence_complete`                    | `verify`   |
//!
//! A broken file gives its exit code and exactly its located message(s); an awkward but valid
//! one (another encoding, delimiter, line end or Unicode form) gives byte for byte the
//! `--format json` output of the UTF-8 original, or where a value is written differently,
//! not yet. The last section generates the same dossier in every encoding and dialect and
//! checks that `score --format json` does not change, and a 100 MB line.

use crate::harness::{copy_dossier, parscore, run_in};
use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

const SCORES: &str = "dossiers/scored_by_hand/scores.csv";
const PLAN: &str = "dossiers/scored_by_hand/plan.csv";
const SETTINGS: &str = "dossiers/scored_by_hand/dossier.json";
const CRITERIA: &str = "dossiers/scored_by_hand/../../criteria/good/rules.json";
const RANKINGS: &str = "dossiers/scored_by_hand/rankings.csv";
const MANIFEST: &str = "dossiers/evidence_complete/manifest.csv";
const SEAL: &str = "dossiers/evidence_complete/seal.json";

/// The ranking the `rankings/` files are written from (UTF-8, comma, LF).
const RANKINGS_UTF8: &str = "year,group,unit,score,rank,source
2025,so-ban-nganh,Thanh tra thành phố,94.71,1,công bố năm 2025
2025,so-ban-nganh,Văn phòng UBND thành phố,94.40,2,công bố năm 2025
2025,so-ban-nganh,Sở Tài chính,92.99,3,công bố năm 2025
";

const ONE_ERROR: &str = "1 lỗi, 0 cảnh báo";
const ONE_ERROR_EN: &str = "1 error, 0 warnings";

/// The bytes of `tests/data/bad/REL`.
fn bad(rel: &str) -> Vec<u8> {
    fs::read(crate::harness::data("bad").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A copy of the fixture dossier a kind of file belongs to, in a temporary folder.
struct Placed {
    dir: tempfile::TempDir,
    dossier: &'static str,
    command: &'static str,
}

impl Placed {
    /// An untouched copy for files of `kind` (the first folder under `tests/data/bad/`);
    /// for `rankings`, its `dossier.json` names `rankings.csv` (UTF-8) and rank 1.
    fn original(kind: &str) -> Self {
        let (fixture, command) = match kind {
            "scores" | "plan" | "dossier" | "criteria" => ("scored_by_hand", "score"),
            "rankings" => ("scored_by_hand", "gap"),
            "manifest" => ("evidence_complete", "evidence"),
            "seal" => ("evidence_complete", "verify"),
            other => panic!("no kind {other}"),
        };
        let placed = Placed {
            dir: copy_dossier(fixture),
            dossier: if fixture == "scored_by_hand" {
                "dossiers/scored_by_hand"
            } else {
                "dossiers/evidence_complete"
            },
            command,
        };
        if kind == "rankings" {
            let path = placed.path("dossier.json");
            let mut settings: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
            settings["rankings"] = json!("rankings.csv");
            settings["target_rank"] = json!(1);
            fs::write(&path, settings.to_string()).unwrap();
            placed.write("rankings.csv", RANKINGS_UTF8.as_bytes());
        }
        placed
    }

    /// A copy with `tests/data/bad/REL` in the place its folder names.
    fn new(rel: &str) -> Self {
        let kind = rel.split('/').next().unwrap();
        let placed = Placed::original(kind);
        placed.write(target(kind), &bad(rel));
        placed
    }

    /// A file of the copied dossier (relative to its folder).
    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(self.dossier).join(rel)
    }

    fn write(&self, rel: &str, bytes: &[u8]) {
        fs::write(self.path(rel), bytes).unwrap();
    }

    /// `parscore COMMAND DOSSIER EXTRA…` beside `dossiers/`, so that messages name
    /// `dossiers/…`: the exit code, standard output and standard error.
    fn run(&self, extra: &[&str]) -> (i32, String, String) {
        let mut args = vec![self.command, self.dossier];
        args.extend(extra);
        run_in(self.dir.path(), &args)
    }

    /// The command's `--format json` output; the run must succeed without a word on
    /// standard error.
    fn json_ok(&self, extra: &[&str]) -> String {
        let mut args = vec!["--format", "json"];
        args.extend(extra);
        let (code, out, err) = self.run(&args);
        assert_eq!((code, err.as_str()), (0, ""), "{out}");
        out
    }
}

/// Where a file of each kind goes, relative to the dossier folder.
fn target(kind: &str) -> &'static str {
    match kind {
        "scores" => "scores.csv",
        "plan" => "plan.csv",
        "dossier" => "dossier.json",
        "criteria" => "../../criteria/good/rules.json",
        "rankings" => "rankings.csv",
        "manifest" => "manifest.csv",
        "seal" => "seal.json",
        other => panic!("no kind {other}"),
    }
}

/// Asserts a failed run: the exit code, nothing on standard output, and standard error
/// exactly `lines`.
fn assert_fails(got: (i32, String, String), status: i32, lines: &[String]) {
    let (code, out, err) = got;
    let want: String = lines.iter().map(|l| format!("{l}\n")).collect();
    assert_eq!(err, want, "exit code {code}");
    assert_eq!(code, status, "{err}");
    assert_eq!(out, "", "nothing on standard output");
}

/// One error line and the Vietnamese count under it.
fn one_error(line: String) -> Vec<String> {
    vec![line, ONE_ERROR.into()]
}

/// The `--format json` errors of a failed run: (status, the errors array).
fn json_errors(got: (i32, String, String)) -> (i32, Value) {
    let (code, out, _) = got;
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(v["status"], json!(code));
    (code, v["errors"].clone())
}

/// Asserts that the file reads exactly as the UTF-8 original: the same `--format json`
/// output, byte for byte, and no warning.
fn assert_reads_as_original(rel: &str) {
    let kind = rel.split('/').next().unwrap();
    let original = Placed::original(kind).json_ok(&[]);
    assert_eq!(Placed::new(rel).json_ok(&[]), original, "{rel}");
}

/// `score --format json` of the untouched `scored_by_hand`.
fn original_score() -> Value {
    serde_json::from_str(&Placed::original("scores").json_ok(&[])).unwrap()
}

/// The same score as the original except for the declared text of some leaves (`value`
/// echoes a cell as written, e.g. `81,25` or `5/1/2026`, and `shown` is how it reads):
/// every figure is unchanged.
fn assert_same_score_except_values(rel: &str, values: &[(&str, &str)]) {
    let got: Value = serde_json::from_str(&Placed::new(rel).json_ok(&[])).unwrap();
    let mut want = original_score();
    for (code, value) in values {
        let shown = item(&got, code)["shown"].clone();
        let items = want["items"].as_array_mut().unwrap();
        let item = items.iter_mut().find(|i| i["code"] == *code).unwrap();
        item["value"] = json!(value);
        item["shown"] = shown;
    }
    assert_eq!(got, want, "{rel}");
}

fn item<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no item {code}"))
}

// ---------------------------------------------------------------------------------------
// scores.csv, read by `score`
// ---------------------------------------------------------------------------------------

#[test]
fn scores_utf8_bom_reads_as_the_original() {
    assert_reads_as_original("scores/utf8-bom.csv");
}

/// Forcing Windows-1258 on a UTF-8 file with a BOM turns the BOM into `ï»¿` glued to the
/// first header: the `code` column is missing, located at the header line. (The forced
/// encoding applies to every table the command reads, so the plan is removed here.)
#[test]
fn scores_utf8_bom_forced_as_windows_1258_loses_the_code_column() {
    let p = Placed::new("scores/utf8-bom.csv");
    fs::remove_file(p.path("plan.csv")).unwrap();
    assert_fails(
        p.run(&["--encoding", "windows-1258"]),
        1,
        &one_error(format!(
            "{SCORES}:1: thiếu cột \"code\" trong dòng tiêu đề (cần code,value,note)"
        )),
    );
    assert_fails(
        p.run(&["--encoding", "windows-1258", "--lang", "en"]),
        1,
        &[
            format!("{SCORES}:1: the header row has no \"code\" column (expected code,value,note)"),
            ONE_ERROR_EN.into(),
        ],
    );
}

#[test]
fn scores_utf16le_bom_reads_as_the_original() {
    assert_reads_as_original("scores/utf16le-bom.csv");
}

#[test]
fn scores_utf16be_bom_reads_as_the_original() {
    assert_reads_as_original("scores/utf16be-bom.csv");
}

#[test]
fn scores_utf16le_without_bom_is_refused_with_the_encoding_hint() {
    let p = Placed::new("scores/utf16le-no-bom.csv");
    assert_fails(
        p.run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:1: tệp có byte 0 (vị trí 1): có thể là tệp nhị phân, hoặc UTF-16 không có BOM \
             (khi đó dùng --encoding utf-16le hoặc utf-16be)"
        )),
    );
    assert_fails(
        p.run(&["--lang", "en"]),
        1,
        &[
            format!(
                "{SCORES}:1: the file has a zero byte (offset 1): a binary file, or UTF-16 without a \
                 BOM (then use --encoding utf-16le or utf-16be)"
            ),
            ONE_ERROR_EN.into(),
        ],
    );
    let (code, errors) = json_errors(p.run(&["--format", "json", "--lang", "en"]));
    assert_eq!(code, 1);
    assert_eq!(
        errors,
        json!([{
            "severity": "error", "file": SCORES, "line": 1, "column": null, "code": null,
            "message": "the file has a zero byte (offset 1): a binary file, or UTF-16 without a \
                        BOM (then use --encoding utf-16le or utf-16be)"
        }])
    );
}

/// With `--encoding utf-16le` the same file reads as the original. The option applies to
/// every table, so the plan is UTF-16 LE too (with a BOM, which the option accepts).
#[test]
fn scores_utf16le_without_bom_reads_with_encoding_utf16le() {
    let p = Placed::new("scores/utf16le-no-bom.csv");
    p.write("plan.csv", &bad("plan/utf16le-bom.csv"));
    let original = Placed::original("scores").json_ok(&[]);
    assert_eq!(p.json_ok(&["--encoding", "utf-16le"]), original);
}

#[test]
fn scores_utf16be_without_bom_is_refused_then_reads_with_encoding_utf16be() {
    let p = Placed::new("scores/utf16be-no-bom.csv");
    assert_fails(
        p.run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:1: tệp có byte 0 (vị trí 0): có thể là tệp nhị phân, hoặc UTF-16 không có BOM \
             (khi đó dùng --encoding utf-16le hoặc utf-16be)"
        )),
    );
    let plan = fs::read_to_string(p.path("plan.csv")).unwrap();
    p.write("plan.csv", &utf16be(&plan, false));
    let original = Placed::original("scores").json_ok(&[]);
    assert_eq!(p.json_ok(&["--encoding", "utf-16be"]), original);
}

#[test]
fn scores_windows_1258_reads_as_the_original() {
    assert_reads_as_original("scores/windows-1258.csv");
}

#[test]
fn scores_semicolons_with_decimal_commas_read_as_the_original() {
    // 1.2.4 `0,25` and 8.1 `81,25` unquoted: only 8.1's declared text differs.
    assert_same_score_except_values("scores/semicolon-decimal-comma.csv", &[("8.1", "81,25")]);
}

#[test]
fn scores_tab_delimited_reads_as_the_original() {
    assert_reads_as_original("scores/tab-delimited.csv");
}

#[test]
fn scores_sep_line_reads_as_the_original() {
    assert_reads_as_original("scores/sep-line.csv");
}

#[test]
fn scores_crlf_reads_as_the_original() {
    assert_reads_as_original("scores/crlf.csv");
}

#[test]
fn scores_lone_cr_line_ends_read_as_the_original() {
    assert_reads_as_original("scores/cr-only.csv");
}

/// The level label `CÓ VI PHẠM NHẸ` decomposed (NFD) still matches `Có vi phạm nhẹ`.
#[test]
fn scores_decomposed_labels_read_as_the_original() {
    assert_reads_as_original("scores/nfd-labels.csv");
}

#[test]
fn scores_trailing_empty_columns_read_as_the_original() {
    assert_reads_as_original("scores/trailing-semicolons.csv");
}

#[test]
fn scores_cells_with_stray_spaces_read_as_the_original() {
    assert_reads_as_original("scores/stray-spaces.csv");
}

/// 1.1.1 is due 15/01/2026: 5 January is on time (1 point); read as 1 May it would be late.
#[test]
fn scores_date_d_m_yyyy_is_5_january() {
    assert_same_score_except_values("scores/date-d-m-yyyy.csv", &[("1.1.1", "5/1/2026")]);
    let v: Value =
        serde_json::from_str(&Placed::new("scores/date-d-m-yyyy.csv").json_ok(&[])).unwrap();
    assert_eq!(item(&v, "1.1.1")["shown"], "05/01/2026");
}

#[test]
fn scores_date_dd_mm_yyyy_is_5_january() {
    assert_same_score_except_values("scores/date-dd-mm-yyyy.csv", &[("1.1.1", "05/01/2026")]);
}

#[test]
fn scores_date_iso_is_5_january() {
    assert_same_score_except_values("scores/date-iso.csv", &[("1.1.1", "2026-01-05")]);
}

#[test]
fn scores_31_february_is_refused_on_its_line() {
    let p = Placed::new("scores/date-31-02.csv");
    assert_fails(
        p.run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:2: [1.1.1] \"31/02/2026\" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)"
        )),
    );
    let (code, errors) = json_errors(p.run(&["--format", "json"]));
    assert_eq!(code, 1);
    assert_eq!(
        errors,
        json!([{
            "severity": "error", "file": SCORES, "line": 2, "column": null, "code": "1.1.1",
            "message": "\"31/02/2026\" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)"
        }])
    );
}

#[test]
fn scores_29_february_2026_is_refused_on_its_line() {
    assert_fails(
        Placed::new("scores/date-29-02.csv").run(&["--lang", "en"]),
        1,
        &[
            format!(
                "{SCORES}:2: [1.1.1] \"29/02/2026\" is not a valid date (dd/mm/yyyy or yyyy-mm-dd)"
            ),
            ONE_ERROR_EN.into(),
        ],
    );
}

/// Excel's scientific form `1E+03` is not taken for 1000 cases, nor for 1: refused.
#[test]
fn scores_exponent_is_refused_on_its_line() {
    assert_fails(
        Placed::new("scores/exponent.csv").run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:6: [1.2.3] \"1E+03\" không phải số trường hợp (số nguyên ≥ 0)"
        )),
    );
}

/// `1 000` with a no-break space as thousands separator is neither 1 nor 1000: refused.
#[test]
fn scores_nbsp_thousands_separator_is_refused_on_its_line() {
    assert_fails(
        Placed::new("scores/nbsp-thousands.csv").run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:6: [1.2.3] \"1\u{a0}000\" không phải số trường hợp (số nguyên ≥ 0)"
        )),
    );
}

/// Cut inside `81.25`: the `81.` left is refused, not read as 81.
#[test]
fn scores_truncated_mid_row_is_refused_on_its_line() {
    assert_fails(
        Placed::new("scores/truncated-mid-row.csv").run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:8: [8.1] \"81.\" không phải tỷ lệ % (ví dụ 92,5 hoặc 45/48)"
        )),
    );
}

/// Cut inside a quoted note on line 3: every row after it is lost, and the quote never
/// closes. Today the file is read without a word (exit 0, five leaves "unscored").
#[test]
fn scores_truncated_mid_quote_is_reported() {
    let (code, _, err) = Placed::new("scores/truncated-mid-quote.csv").run(&[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with(&format!("{SCORES}:3:")), "{err}");
}

/// A note opened with `"` and never closed swallows the next row (8.1) into the note: the
/// declared 81,25 % vanishes, the command succeeds and 8.1 shows as unscored.
#[test]
fn scores_unclosed_quote_does_not_swallow_rows() {
    let (code, _, err) = Placed::new("scores/unclosed-quote-in-note.csv").run(&[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with(&format!("{SCORES}:7:")), "{err}");
}

#[test]
fn scores_random_bytes_are_refused_as_binary() {
    assert_fails(
        Placed::new("scores/random-bytes.csv").run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:3: tệp có byte 0 (vị trí 534): có thể là tệp nhị phân, hoặc UTF-16 không có \
             BOM (khi đó dùng --encoding utf-16le hoặc utf-16be)"
        )),
    );
}

#[test]
fn scores_png_is_refused_as_binary() {
    assert_fails(
        Placed::new("scores/png-header.csv").run(&["--lang", "en"]),
        1,
        &[
            format!(
                "{SCORES}:3: the file has a zero byte (offset 8): a binary file, or UTF-16 without a \
                 BOM (then use --encoding utf-16le or utf-16be)"
            ),
            ONE_ERROR_EN.into(),
        ],
    );
}

/// Two exports glued together, each with its BOM and header: the BOMs are dropped and the
/// second header is a row whose code is "code", reported on its line.
#[test]
fn scores_bom_in_the_middle_shows_the_second_header_on_its_line() {
    assert_fails(
        Placed::new("scores/bom-in-middle.csv").run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:5: [code] mã không có trong bộ tiêu chí test-rules"
        )),
    );
}

#[test]
fn scores_duplicate_header_is_located_at_line_and_column() {
    let p = Placed::new("scores/duplicate-header.csv");
    assert_fails(
        p.run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:1:4: cột \"value\" xuất hiện hai lần trong dòng tiêu đề"
        )),
    );
    assert_fails(
        p.run(&["--lang", "en"]),
        1,
        &[
            format!("{SCORES}:1:4: column \"value\" appears twice in the header row"),
            ONE_ERROR_EN.into(),
        ],
    );
    let (code, errors) = json_errors(p.run(&["--format", "json", "--lang", "en"]));
    assert_eq!(code, 1);
    assert_eq!(
        errors,
        json!([{
            "severity": "error", "file": SCORES, "line": 1, "column": 4, "code": null,
            "message": "column \"value\" appears twice in the header row"
        }])
    );
}

#[test]
fn scores_empty_file_is_refused() {
    assert_fails(
        Placed::new("scores/empty.csv").run(&[]),
        1,
        &one_error(format!("{SCORES}: tệp rỗng: không có dòng tiêu đề")),
    );
}

#[test]
fn scores_a_bom_alone_is_an_empty_file() {
    assert_fails(
        Placed::new("scores/only-bom.csv").run(&["--lang", "en"]),
        1,
        &[
            format!("{SCORES}: the file is empty: no header row"),
            ONE_ERROR_EN.into(),
        ],
    );
}

/// A header and no rows is a valid sheet with nothing declared: only 1.3 (from the plan)
/// is scored.
#[test]
fn scores_header_only_leaves_every_leaf_unscored() {
    let v: Value =
        serde_json::from_str(&Placed::new("scores/header-only.csv").json_ok(&[])).unwrap();
    assert_eq!(
        v["unscored"],
        json!(["1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "8.1"])
    );
    assert_eq!(v["total"]["achieved"], "1.00");
    assert_eq!(item(&v, "1.3")["achieved"], "1.00");
}

#[test]
fn scores_missing_value_column_is_located_at_the_header() {
    assert_fails(
        Placed::new("scores/missing-value-column.csv").run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:1: thiếu cột \"value\" trong dòng tiêu đề (cần code,value,note)"
        )),
    );
}

#[test]
fn scores_unknown_code_is_located() {
    let p = Placed::new("scores/unknown-code.csv");
    assert_fails(
        p.run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:6: [1.2.9] mã không có trong bộ tiêu chí test-rules"
        )),
    );
    let (code, errors) = json_errors(p.run(&["--format", "json", "--lang", "en"]));
    assert_eq!(code, 1);
    assert_eq!(
        errors,
        json!([{
            "severity": "error", "file": SCORES, "line": 6, "column": null, "code": "1.2.9",
            "message": "code not in the criteria set test-rules"
        }])
    );
}

/// A 45 000-character note (60 kB) is carried, not cut or refused.
#[test]
fn scores_very_long_note_reads_as_the_original() {
    assert_reads_as_original("scores/long-note.csv");
}

/// A 5 000-digit count is refused on its line; the message is cut at 400 characters
/// (a cell from a 100 MB line must not flood the screen).
#[test]
fn scores_very_long_value_is_refused_on_its_line() {
    assert_fails(
        Placed::new("scores/long-value.csv").run(&[]),
        1,
        &one_error(format!("{SCORES}:6: [1.2.3] \"{}…", "9".repeat(399))),
    );
}

/// A UTF-8 export (with BOM) with rows from a Windows-1258 export appended: line 4 is the
/// first Windows-1258 line.
#[test]
fn scores_utf8_bom_then_windows_1258_is_located() {
    let (code, _, err) = Placed::new("scores/utf8-bom-then-windows-1258.csv").run(&[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with(&format!("{SCORES}:4:")), "{err}");
}

/// `8.1,81,25,note` in a comma file: the unquoted decimal comma puts the note in a fourth
/// column, reported at its line and column.
#[test]
fn scores_unquoted_decimal_comma_is_located() {
    assert_fails(
        Placed::new("scores/unquoted-decimal-comma.csv").run(&[]),
        1,
        &[
            format!(
                "{SCORES}:8:4: dòng có ô thứ 4 (\"dự kiến từ khảo sát nội bộ\") nhưng tiêu đề chỉ \
                 có 3 cột; số thập phân có dấu phẩy phải đặt trong ngoặc kép (\"92,5\") hoặc lưu \
                 tệp với dấu ;"
            ),
            format!(
                "{SCORES}:8: [8.1] giá trị \"81\" và ghi chú \"25\": dấu phẩy không nằm trong \
                 ngoặc kép đã tách số 81,25 làm hai ô; đặt số trong ngoặc kép (\"81,25\") hoặc \
                 lưu tệp với dấu ;"
            ),
            "2 lỗi, 0 cảnh báo".into(),
        ],
    );
}

/// `1.2.4,0,25,` in a comma file reads as value 0 and note 25: an error on its line with
/// the fix (issue 16: it was a warning, exit 0, and the leaf scored 0).
#[test]
fn scores_unquoted_decimal_comma_with_empty_note_is_an_error_with_the_fix() {
    let p = Placed::new("scores/unquoted-decimal-comma-empty-note.csv");
    assert_fails(
        p.run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:7: [1.2.4] giá trị \"0\" và ghi chú \"25\": dấu phẩy không nằm trong ngoặc \
             kép đã tách số 0,25 làm hai ô; đặt số trong ngoặc kép (\"0,25\") hoặc lưu tệp với dấu ;"
        )),
    );
    let (code, _, err) = p.run(&["--lang", "en"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!(
            "{SCORES}:7: [1.2.4] value \"0\" and note \"25\": an unquoted comma split the \
             number 0,25 into two cells; quote it (\"0,25\") or save the file with ;\n"
        )),
        "{err}"
    );
}

/// A UTF-8 file cut inside its last character (`ộ`): the rest of the file is UTF-8, so it is
/// not taken for Windows-1258; the cut line is reported.
#[test]
fn scores_truncated_mid_character_is_refused_on_its_line() {
    assert_fails(
        Placed::new("scores/truncated-mid-character.csv").run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:8: dòng này không phải UTF-8 hợp lệ (byte lỗi ở vị trí 294) trong khi tệp là \
             UTF-8; lưu lại toàn bộ tệp ở UTF-8, hoặc dùng --encoding windows-1258 nếu mọi tệp CSV \
             của hồ sơ đều là Windows-1258"
        )),
    );
}

/// A UTF-16 LE file cut in the middle of its last code unit.
#[test]
fn scores_utf16_truncated_odd_byte_is_located() {
    let (code, _, err) = Placed::new("scores/utf16le-bom-truncated-odd-byte.csv").run(&[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with(&format!("{SCORES}:8")), "{err}");
}

/// Blank lines before the header, a note over three lines, an empty row and a row of
/// spaces: the bad count of 1.2.3 is reported on its physical line, 13.
#[test]
fn scores_blank_lines_and_multiline_note_keep_physical_line_numbers() {
    assert_fails(
        Placed::new("scores/blank-lines-multiline-note.csv").run(&[]),
        1,
        &one_error(format!(
            "{SCORES}:13: [1.2.3] \"ba\" không phải số trường hợp (số nguyên ≥ 0)"
        )),
    );
}

// ---------------------------------------------------------------------------------------
// plan.csv, read by `score` (1.3 is the plan's completion)
// ---------------------------------------------------------------------------------------

#[test]
fn plan_utf16le_bom_reads_as_the_original() {
    assert_reads_as_original("plan/utf16le-bom.csv");
}

/// Statuses such as `Đã hoàn thành` in Windows-1258 (with combining tone marks) still count
/// as done: 1.3 stays 3/4.
#[test]
fn plan_windows_1258_reads_as_the_original() {
    assert_reads_as_original("plan/windows-1258.csv");
}

#[test]
fn plan_decomposed_statuses_read_as_the_original() {
    assert_reads_as_original("plan/nfd-statuses.csv");
}

#[test]
fn plan_sep_line_semicolons_crlf_read_as_the_original() {
    assert_reads_as_original("plan/sep-semicolon-crlf.csv");
}

#[test]
fn plan_trailing_empty_columns_read_as_the_original() {
    assert_reads_as_original("plan/trailing-semicolons.csv");
}

/// `Trước 15/1/2026`, `2026-01-10`, `2026-03-31`, `28/3/2026`: the same deadlines.
#[test]
fn plan_dates_in_every_form_read_as_the_original() {
    assert_reads_as_original("plan/dates-every-form.csv");
}

#[test]
fn plan_31_february_done_on_is_refused_on_its_line() {
    let p = Placed::new("plan/date-31-02.csv");
    assert_fails(
        p.run(&[]),
        1,
        &one_error(format!(
            "{PLAN}:3: nhiệm vụ 2: ngày hoàn thành \"31/02/2026\" không phải ngày hợp lệ"
        )),
    );
    assert_fails(
        p.run(&["--lang", "en"]),
        1,
        &[
            format!("{PLAN}:3: task 2: done_on \"31/02/2026\" is not a valid date"),
            ONE_ERROR_EN.into(),
        ],
    );
}

#[test]
fn plan_29_february_2026_due_is_refused_on_its_line() {
    assert_fails(
        Placed::new("plan/date-29-02.csv").run(&[]),
        1,
        &one_error(format!(
            "{PLAN}:3: nhiệm vụ 2: thời hạn \"29/02/2026\" không đọc được (ví dụ: Trước \
             15/01/2026, Thường xuyên, Cả năm 2026)"
        )),
    );
}

#[test]
fn plan_truncated_mid_row_is_refused_on_its_line() {
    assert_fails(
        Placed::new("plan/truncated-mid-row.csv").run(&[]),
        1,
        &one_error(format!(
            "{PLAN}:7: nhiệm vụ 6: thời hạn \"31/1\" không đọc được (ví dụ: Trước 15/01/2026, \
             Thường xuyên, Cả năm 2026)"
        )),
    );
}

/// Cut inside a quoted task name: the quote that never closes is reported on its line.
#[test]
fn plan_truncated_mid_quote_is_refused_on_its_line() {
    assert_fails(
        Placed::new("plan/truncated-mid-quote.csv").run(&[]),
        1,
        &one_error(format!(
            "{PLAN}:7: dấu ngoặc kép mở ở dòng này không bao giờ đóng: các dòng sau bị nuốt vào \
             một ô (tệp bị cụt, hoặc thiếu dấu \" đóng)"
        )),
    );
}

#[test]
fn plan_missing_due_column_is_located_at_the_header() {
    assert_fails(
        Placed::new("plan/missing-due-column.csv").run(&[]),
        1,
        &one_error(format!(
            "{PLAN}:1: thiếu cột \"due\" (cần id,area,task,lead,support,due,product,status,done_on)"
        )),
    );
}

#[test]
fn plan_duplicate_header_is_located_at_line_and_column() {
    assert_fails(
        Placed::new("plan/duplicate-header.csv").run(&[]),
        1,
        &one_error(format!(
            "{PLAN}:1:10: cột \"status\" xuất hiện hai lần trong dòng tiêu đề"
        )),
    );
}

#[test]
fn plan_empty_file_is_refused() {
    assert_fails(
        Placed::new("plan/empty.csv").run(&[]),
        1,
        &one_error(format!("{PLAN}: tệp rỗng: không có dòng tiêu đề")),
    );
}

/// A plan without tasks: 1.3 cannot be scored (nothing is due), everything else is.
#[test]
fn plan_header_only_leaves_the_completion_leaf_unscored() {
    let v: Value = serde_json::from_str(&Placed::new("plan/header-only.csv").json_ok(&[])).unwrap();
    assert_eq!(v["unscored"], json!(["1.3"]));
    assert_eq!(item(&v, "1.3")["achieved"], "0.00");
    assert_eq!(v["total"]["achieved"], "5.31");
}

#[test]
fn plan_unknown_criterion_is_located() {
    assert_fails(
        Placed::new("plan/unknown-criterion.csv").run(&[]),
        1,
        &one_error(format!(
            "{PLAN}:3: [1.9.9] nhiệm vụ 2: mã tiêu chí \"1.9.9\" không có trong bộ tiêu chí"
        )),
    );
}

/// A BOM before line 4 (a second export pasted in without its header) is dropped.
#[test]
fn plan_bom_in_the_middle_reads_as_the_original() {
    assert_reads_as_original("plan/bom-in-middle.csv");
}

// ---------------------------------------------------------------------------------------
// manifest.csv, read by `evidence`
// ---------------------------------------------------------------------------------------

#[test]
fn manifest_utf16be_bom_reads_as_the_original() {
    assert_reads_as_original("manifest/utf16be-bom.csv");
}

#[test]
fn manifest_windows_1258_reads_as_the_original() {
    assert_reads_as_original("manifest/windows-1258.csv");
}

/// `sep=;` and semicolons: `Mục II, tr. 2-4` needs no quotes.
#[test]
fn manifest_sep_line_semicolons_read_as_the_original() {
    assert_reads_as_original("manifest/sep-semicolon.csv");
}

#[test]
fn manifest_tabs_and_crlf_read_as_the_original() {
    assert_reads_as_original("manifest/tab-crlf.csv");
}

#[test]
fn manifest_dates_in_every_form_read_as_the_original() {
    assert_reads_as_original("manifest/dates-every-form.csv");
}

#[test]
fn manifest_decomposed_titles_read_as_the_original() {
    assert_reads_as_original("manifest/nfd-titles.csv");
}

/// The evidence report of a manifest (exit 1): its `missing` codes and `problems`.
fn evidence_report(rel: &str) -> Value {
    let (code, out, err) = Placed::new(rel).run(&["--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err, "");
    serde_json::from_str(&out).unwrap()
}

fn missing_codes(v: &Value) -> Vec<&str> {
    let mut codes: Vec<&str> = v["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    codes.sort();
    codes
}

#[test]
fn manifest_31_february_is_a_problem_on_its_line() {
    let v = evidence_report("manifest/date-31-02.csv");
    assert_eq!(
        v["problems"],
        json!([{
            "kind": "bad_date", "code": "1.2.1", "file": MANIFEST, "line": 4,
            "document": "BC01",
            "message": "ngày \"31/02/2026\" của văn bản BC01 (120/BC-QLDN) không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)",
            "points": null, "lead": "Phòng Quản lý doanh nghiệp"
        }])
    );
    assert!(missing_codes(&v).is_empty());
}

#[test]
fn manifest_duplicate_header_is_located_at_line_and_column() {
    let p = Placed::new("manifest/duplicate-header.csv");
    assert_fails(
        p.run(&[]),
        1,
        &one_error(format!(
            "{MANIFEST}:1:10: cột \"file\" xuất hiện hai lần trong dòng tiêu đề"
        )),
    );
    let (code, errors) = json_errors(p.run(&["--format", "json"]));
    assert_eq!(code, 1);
    assert_eq!(
        errors,
        json!([{
            "severity": "error", "file": MANIFEST, "line": 1, "column": 10, "code": null,
            "message": "cột \"file\" xuất hiện hai lần trong dòng tiêu đề"
        }])
    );
}

#[test]
fn manifest_missing_file_column_is_located_at_the_header() {
    assert_fails(
        Placed::new("manifest/missing-file-column.csv").run(&["--lang", "en"]),
        1,
        &[
            format!(
                "{MANIFEST}:1: the header row has no \"file\" column (expected \
                 id,file,number,date,issuer,title,criteria,pages,sha256)"
            ),
            ONE_ERROR_EN.into(),
        ],
    );
}

/// BC02 names `1.2.9`: a problem on its line, and 1.2.2 (which it should serve) is missing.
#[test]
fn manifest_unknown_code_is_a_problem_on_its_line() {
    let v = evidence_report("manifest/unknown-code.csv");
    assert_eq!(
        v["problems"],
        json!([{
            "kind": "unknown_code", "code": null, "file": MANIFEST, "line": 5,
            "document": "BC02",
            "message": "văn bản BC02 (150/BC-VP) dẫn mã \"1.2.9\" không có trong bộ tiêu chí",
            "points": null, "lead": null
        }])
    );
    assert_eq!(missing_codes(&v), ["1.2.2"]);
    assert_eq!(v["at_risk"], "0.50");
}

/// No documents: every scored leaf misses its evidence (4.40 points at risk) and the four
/// files are unlisted.
#[test]
fn manifest_header_only_puts_every_point_at_risk() {
    let v = evidence_report("manifest/header-only.csv");
    assert_eq!(v["documents"], 0);
    assert_eq!(missing_codes(&v), ["1.1.1", "1.1.2", "1.2.1", "1.2.2"]);
    assert_eq!(v["at_risk"], "4.40");
    let kinds: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["file_unlisted"; 4]);
}

#[test]
fn manifest_empty_file_is_refused() {
    assert_fails(
        Placed::new("manifest/empty.csv").run(&[]),
        1,
        &one_error(format!("{MANIFEST}: tệp rỗng: không có dòng tiêu đề")),
    );
}

#[test]
fn manifest_png_is_refused_as_binary() {
    assert_fails(
        Placed::new("manifest/png-header.csv").run(&[]),
        1,
        &one_error(format!(
            "{MANIFEST}:3: tệp có byte 0 (vị trí 8): có thể là tệp nhị phân, hoặc UTF-16 không có \
             BOM (khi đó dùng --encoding utf-16le hoặc utf-16be)"
        )),
    );
}

#[test]
fn manifest_utf16le_without_bom_is_refused_with_the_encoding_hint() {
    let (code, errors) = json_errors(
        Placed::new("manifest/utf16le-no-bom.csv").run(&["--format", "json", "--lang", "en"]),
    );
    assert_eq!(code, 1);
    assert_eq!(
        errors,
        json!([{
            "severity": "error", "file": MANIFEST, "line": 1, "column": null, "code": null,
            "message": "the file has a zero byte (offset 1): a binary file, or UTF-16 without a \
                        BOM (then use --encoding utf-16le or utf-16be)"
        }])
    );
}

/// Cut inside BC02's date: `20/11/20` is a bad date on line 5, and BC02's criteria were cut
/// off, so 1.2.2 misses its document.
#[test]
fn manifest_truncated_mid_row_is_a_problem_on_its_line() {
    let v = evidence_report("manifest/truncated-mid-row.csv");
    assert_eq!(
        v["problems"],
        json!([{
            "kind": "bad_date", "code": null, "file": MANIFEST, "line": 5,
            "document": "BC02",
            "message": "ngày \"20/11/20\" của văn bản BC02 (150/BC-VP) không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)",
            "points": null, "lead": null
        }])
    );
    assert_eq!(missing_codes(&v), ["1.2.2"]);
}

// ---------------------------------------------------------------------------------------
// rankings.csv, read by `gap` (rank 1: Thanh tra thành phố, 94.71)
// ---------------------------------------------------------------------------------------

#[test]
fn rankings_windows_1258_reads_as_the_original() {
    assert_reads_as_original("rankings/windows-1258.csv");
    let v: Value =
        serde_json::from_str(&Placed::new("rankings/windows-1258.csv").json_ok(&[])).unwrap();
    assert_eq!(v["line"], "94.71");
    assert_eq!(v["line_unit"], "Thanh tra thành phố");
}

/// A BOM, semicolons and `94,71`.
#[test]
fn rankings_semicolons_with_decimal_commas_read_as_the_original() {
    assert_reads_as_original("rankings/semicolon-decimal-comma-bom.csv");
}

#[test]
fn rankings_utf16le_bom_crlf_reads_as_the_original() {
    assert_reads_as_original("rankings/utf16le-bom-crlf.csv");
}

#[test]
fn rankings_utf16le_without_bom_is_refused_with_the_encoding_hint() {
    assert_fails(
        Placed::new("rankings/utf16le-no-bom.csv").run(&[]),
        1,
        &one_error(format!(
            "{RANKINGS}:1: tệp có byte 0 (vị trí 1): có thể là tệp nhị phân, hoặc UTF-16 không có \
             BOM (khi đó dùng --encoding utf-16le hoặc utf-16be)"
        )),
    );
}

#[test]
fn rankings_exponent_is_located_at_line_and_column() {
    let p = Placed::new("rankings/exponent.csv");
    assert_fails(
        p.run(&[]),
        1,
        &one_error(format!(
            "{RANKINGS}:2:4: cột score: \"9.471E+01\" không hợp lệ"
        )),
    );
    assert_fails(
        p.run(&["--lang", "en"]),
        1,
        &[
            format!("{RANKINGS}:2:4: column score: \"9.471E+01\" is not valid"),
            ONE_ERROR_EN.into(),
        ],
    );
}

#[test]
fn rankings_missing_rank_column_is_located_at_the_header() {
    assert_fails(
        Placed::new("rankings/missing-rank-column.csv").run(&[]),
        1,
        &one_error(format!(
            "{RANKINGS}:1: thiếu cột \"rank\" trong dòng tiêu đề (cần year,group,unit,score,rank,source)"
        )),
    );
}

#[test]
fn rankings_duplicate_header_is_located_at_line_and_column() {
    assert_fails(
        Placed::new("rankings/duplicate-header.csv").run(&[]),
        1,
        &one_error(format!(
            "{RANKINGS}:1:7: cột \"year\" xuất hiện hai lần trong dòng tiêu đề"
        )),
    );
}

/// Cut inside `92.99`: `92.` and the missing rank, both on line 4.
#[test]
fn rankings_truncated_mid_row_is_located() {
    let p = Placed::new("rankings/truncated-mid-row.csv");
    assert_fails(
        p.run(&[]),
        1,
        &[
            format!("{RANKINGS}:4:4: cột score: \"92.\" không hợp lệ"),
            format!("{RANKINGS}:4:5: cột rank: \"\" không hợp lệ"),
            "2 lỗi, 0 cảnh báo".into(),
        ],
    );
    let (code, errors) = json_errors(p.run(&["--format", "json", "--lang", "en"]));
    assert_eq!(code, 1);
    assert_eq!(
        errors,
        json!([
            { "severity": "error", "file": RANKINGS, "line": 4, "column": 4, "code": null,
              "message": "column score: \"92.\" is not valid" },
            { "severity": "error", "file": RANKINGS, "line": 4, "column": 5, "code": null,
              "message": "column rank: \"\" is not valid" }
        ])
    );
}

#[test]
fn rankings_empty_file_is_refused() {
    assert_fails(
        Placed::new("rankings/empty.csv").run(&[]),
        1,
        &one_error(format!("{RANKINGS}: tệp rỗng: không có dòng tiêu đề")),
    );
}

/// A UTF-8 ranking with one row appended from a Windows-1258 export (line 5). The file is
/// then not valid UTF-8, so all of it is read as Windows-1258: the UTF-8 rows above become
/// mojibake (`Thanh tra thĂ nh phá»‘`) and `gap` prints them with exit 0.
#[test]
fn rankings_utf8_with_one_windows_1258_row_is_not_garbled() {
    let (code, out, err) =
        Placed::new("rankings/utf8-with-one-windows-1258-row.csv").run(&["--format", "json"]);
    if code == 0 {
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["line_unit"], "Thanh tra thành phố");
    } else {
        assert_eq!(code, 1);
        assert!(err.starts_with(&format!("{RANKINGS}:5:")), "{err}");
    }
}

// ---------------------------------------------------------------------------------------
// dossier.json, read by `score`
// ---------------------------------------------------------------------------------------

#[test]
fn dossier_utf8_bom_reads_as_the_original() {
    assert_reads_as_original("dossier/utf8-bom.json");
}

/// CRLF and the unit name decomposed: the JSON shows it composed, as in the original.
#[test]
fn dossier_crlf_decomposed_reads_as_the_original() {
    assert_reads_as_original("dossier/crlf-nfd.json");
}

#[test]
fn dossier_trailing_comma_is_located() {
    let p = Placed::new("dossier/trailing-comma.json");
    assert_fails(
        p.run(&[]),
        1,
        &one_error(format!(
            "{SETTINGS}:2:97: dossier.json không hợp lệ: thừa dấu phẩy trước dấu }} hoặc ]; xóa dấu phẩy đó"
        )),
    );
    let (code, errors) = json_errors(p.run(&["--format", "json", "--lang", "en"]));
    assert_eq!(code, 1);
    assert_eq!(
        errors,
        json!([{
            "severity": "error", "file": SETTINGS, "line": 2, "column": 97, "code": null,
            "message": "dossier.json is not valid (trailing comma)"
        }])
    );
}

#[test]
fn dossier_unknown_key_is_located() {
    assert_fails(
        Placed::new("dossier/unknown-key.json").run(&["--lang", "en"]),
        1,
        &[
            format!(
                "{SETTINGS}:2:49: dossier.json has no key \"nhom\"; remove it or correct its name \
                 (the keys: format, unit, year, criteria, group, rankings, target_rank, as_of, report)"
            ),
            ONE_ERROR_EN.into(),
        ],
    );
}

#[test]
fn dossier_wrong_type_is_located() {
    assert_fails(
        Placed::new("dossier/wrong-type.json").run(&[]),
        1,
        &one_error(format!(
            "{SETTINGS}:1:62: \"year\": \"2026\" không hợp lệ; cần một số nguyên từ 1900 đến 2100, \
             không đặt trong ngoặc kép, ví dụ \"year\": 2026"
        )),
    );
}

#[test]
fn dossier_truncated_is_located() {
    assert_fails(
        Placed::new("dossier/truncated.json").run(&[]),
        1,
        &one_error(format!(
            "{SETTINGS}:2:51: dossier.json không hợp lệ: tệp kết thúc giữa chừng: thiếu dấu }} hoặc ] đóng, hoặc thiếu dấu \" đóng chuỗi"
        )),
    );
}

/// serde_json places the end of an empty text at column 0; columns are counted from 1
/// everywhere else (the criteria reader shows the same error at 1:1).
#[test]
fn dossier_empty_is_located_at_column_1() {
    assert_fails(
        Placed::new("dossier/empty.json").run(&[]),
        1,
        &one_error(format!(
            "{SETTINGS}:1:1: dossier.json không hợp lệ: tệp kết thúc giữa chừng: thiếu dấu }} hoặc ] đóng, hoặc thiếu dấu \" đóng chuỗi"
        )),
    );
}

/// `"unit": "Đơn vị kiểm thử"` saved as Windows-1258: read with U+FFFD in place of every
/// non-ASCII letter (`��n vi� ki��m th��`) and scored with exit 0.
#[test]
fn dossier_windows_1258_is_not_read_lossily() {
    let (code, out, err) = Placed::new("dossier/windows-1258.json").run(&["--format", "json"]);
    assert!(!out.contains('\u{fffd}'), "{out}");
    if code == 0 {
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["unit"], "Đơn vị kiểm thử");
    } else {
        assert_eq!(code, 1);
        assert!(err.starts_with(&format!("{SETTINGS}:1:")), "{err}");
    }
}

/// UTF-16 with a BOM (Notepad's "Unicode") is decoded like a UTF-16 table.
#[test]
fn dossier_utf16le_bom_is_read() {
    let p = Placed::new("dossier/utf16le-bom.json");
    let original = Placed::original("dossier").json_ok(&[]);
    assert_eq!(p.json_ok(&[]), original);
}

#[test]
fn dossier_as_of_31_february_is_located() {
    let (code, _, err) = Placed::new("dossier/as-of-31-02.json").run(&[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with(&format!("{SETTINGS}:2:")), "{err}");
    assert!(err.contains("\"31/02/2026\""), "{err}");
}

// ---------------------------------------------------------------------------------------
// The criteria file, read by `score`
// ---------------------------------------------------------------------------------------

#[test]
fn criteria_utf8_bom_reads_as_the_original() {
    assert_reads_as_original("criteria/utf8-bom.json");
}

#[test]
fn criteria_crlf_decomposed_reads_as_the_original() {
    assert_reads_as_original("criteria/crlf-nfd.json");
}

/// The first non-ASCII letter of the title (`ộ` of `Bộ`, line 4 column 14) is where
/// Windows-1258 stops being UTF-8.
#[test]
fn criteria_windows_1258_is_located_at_the_first_bad_byte() {
    let p = Placed::new("criteria/windows-1258.json");
    assert_fails(
        p.run(&[]),
        1,
        &one_error(format!(
            "{CRITERIA}:4:14: tệp tiêu chí phải là UTF-8; byte không hợp lệ ở đây"
        )),
    );
    assert_fails(
        p.run(&["--lang", "en"]),
        1,
        &[
            format!("{CRITERIA}:4:14: a criteria file must be UTF-8; invalid byte here"),
            ONE_ERROR_EN.into(),
        ],
    );
}

#[test]
fn criteria_utf16le_bom_is_refused_at_the_first_byte() {
    assert_fails(
        Placed::new("criteria/utf16le-bom.json").run(&[]),
        1,
        &one_error(format!(
            "{CRITERIA}:1:1: tệp tiêu chí phải là UTF-8; byte không hợp lệ ở đây"
        )),
    );
}

#[test]
fn criteria_truncated_mid_string_is_located() {
    let (code, errors) =
        json_errors(Placed::new("criteria/truncated-mid-string.json").run(&["--format", "json"]));
    assert_eq!(code, 1);
    assert_eq!(
        errors,
        json!([{
            "severity": "error", "file": CRITERIA, "line": 16, "column": 37, "code": null,
            "message": "lỗi cú pháp JSON: tệp kết thúc giữa chừng: thiếu dấu } hoặc ] đóng, hoặc thiếu dấu \" đóng chuỗi"
        }])
    );
}

#[test]
fn criteria_png_is_refused_at_the_first_byte() {
    assert_fails(
        Placed::new("criteria/png-header.json").run(&[]),
        1,
        &one_error(format!(
            "{CRITERIA}:1:1: tệp tiêu chí phải là UTF-8; byte không hợp lệ ở đây"
        )),
    );
}

// ---------------------------------------------------------------------------------------
// seal.json, read by `verify` (exit 2 when the seal cannot be read)
// ---------------------------------------------------------------------------------------

#[test]
fn seal_truncated_is_located() {
    let p = Placed::new("seal/truncated.json");
    assert_fails(
        p.run(&[]),
        2,
        &[format!(
            "{SEAL}:17:18: seal.json không hợp lệ: tệp kết thúc giữa chừng: thiếu dấu }} hoặc ] đóng, hoặc thiếu dấu \" đóng chuỗi"
        )],
    );
    let (code, errors) = json_errors(p.run(&["--format", "json", "--lang", "en"]));
    assert_eq!(code, 2);
    assert_eq!(
        errors,
        json!([{
            "severity": "error", "file": SEAL, "line": 17, "column": 18, "code": null,
            "message": "seal.json is not valid (EOF while parsing a string)"
        }])
    );
}

#[test]
fn seal_empty_is_located_at_column_1() {
    let (code, _, err) = Placed::new("seal/empty.json").run(&[]);
    assert_eq!(code, 2);
    assert!(err.starts_with(&format!("{SEAL}:1:1: ")), "{err}");
}

/// The seal `seal` writes for `evidence_complete`, saved again with a BOM (as Notepad
/// does). `dossier.json` and the criteria file accept a BOM; `verify` refuses this one.
#[test]
fn seal_utf8_bom_is_read() {
    let p = Placed::original("seal");
    let (code, _, err) = run_in(p.dir.path(), &["seal", p.dossier]);
    assert_eq!(code, 0, "{err}");
    p.write("seal.json", &bad("seal/utf8-bom.json"));
    let (code, out, err) = p.run(&["--format", "json"]);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["checked"], 9);
}

#[test]
fn seal_utf16le_is_read_like_utf8() {
    // A seal.json saved as UTF-16 (with a BOM) by an editor is decoded, not taken for a
    // missing seal; this one was written for another dossier state, so verify reports the
    // differences (exit 1), not an unreadable seal (exit 2).
    let (code, _, err) = Placed::new("seal/utf16le-bom.json").run(&[]);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    assert!(!err.contains("không có seal.json"), "{err}");
}

#[test]
fn seal_random_bytes_are_reported_as_invalid_not_missing() {
    let (code, _, err) = Placed::new("seal/random-bytes.json").run(&[]);
    assert_eq!(code, 2);
    assert!(err.starts_with(&format!("{SEAL}:")), "{err}");
    assert!(!err.contains("không có seal.json"), "{err}");
}

#[test]
fn seal_unknown_key_is_located() {
    assert_fails(
        Placed::new("seal/unknown-key.json").run(&["--lang", "en"]),
        2,
        &[format!(
            "{SEAL}:5:13: seal.json is not valid (unknown field `sealed_by`, expected one of \
             `format`, `unit`, `year`, `sealed_at`, `manifest_before_seal`, `files`)"
        )],
    );
}

#[test]
fn seal_wrong_type_is_located() {
    assert_fails(
        Placed::new("seal/wrong-type.json").run(&[]),
        2,
        &[format!(
            "{SEAL}:4:16: seal.json không hợp lệ: giá trị sai kiểu: có chuỗi trong ngoặc kép \"2026\", cần số nguyên"
        )],
    );
}

#[test]
fn seal_wrong_format_is_located() {
    let (code, _, err) = Placed::new("seal/wrong-format.json").run(&[]);
    assert_eq!(code, 2);
    assert!(err.starts_with(&format!("{SEAL}:2:")), "{err}");
    assert!(err.contains("parscore-seal/2"), "{err}");
}

// ---------------------------------------------------------------------------------------
// Nothing in tests/data/bad/ goes untested or undocumented
// ---------------------------------------------------------------------------------------

fn files_under(dir: &Path, base: &Path, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, base, out);
        } else {
            let rel = path.strip_prefix(base).unwrap();
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn every_bad_input_has_a_test_and_a_line_in_the_readme() {
    let base = crate::harness::data("bad");
    let mut files = Vec::new();
    files_under(&base, &base, &mut files);
    files.sort();
    let readme = fs::read_to_string(base.join("README.md")).unwrap();
    let tests = include_str!("bad_inputs.rs");
    let inputs: Vec<&String> = files.iter().filter(|f| *f != "README.md").collect();
    assert!(inputs.len() >= 40, "{} inputs", inputs.len());
    let untested: Vec<&&String> = inputs
        .iter()
        .filter(|f| !tests.contains(&format!("\"{f}\"")))
        .collect();
    assert!(
        untested.is_empty(),
        "no test in bad_inputs.rs: {untested:?}"
    );
    let undocumented: Vec<&&String> = inputs
        .iter()
        .filter(|f| !readme.contains(&format!("`{f}`")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "not in README.md: {undocumented:?}"
    );
    for kind in [
        "scores", "plan", "manifest", "rankings", "dossier", "criteria", "seal",
    ] {
        assert!(
            inputs.iter().any(|f| f.starts_with(&format!("{kind}/"))),
            "no {kind} input"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The same dossier in every encoding and dialect gives the same score
// ---------------------------------------------------------------------------------------

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn utf16be(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFE, 0xFF] } else { vec![] };
    out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    out
}

/// Windows-1258 as Windows writes Vietnamese: a letter the code page has is one byte (`ó`,
/// `ê`, `ơ`, `Đ`), any other is its base letter followed by a combining tone mark (`ệ` is
/// `ê` + dot below). `encoding_rs` only decodes this code page; this encodes it.
fn windows_1258(text: &str) -> Vec<u8> {
    use std::collections::HashMap;
    use unicode_normalization::char::{compose, decompose_canonical};
    use unicode_normalization::UnicodeNormalization;
    let codepage: HashMap<char, u8> = (0..=255u8)
        .filter_map(|b| {
            let byte = [b];
            let (s, bad) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(&byte);
            let mut chars = s.chars();
            match (chars.next(), chars.next(), bad) {
                (Some(c), None, false) => Some((c, b)),
                _ => None,
            }
        })
        .collect();
    let mut out = Vec::new();
    for c in text.nfc() {
        if let Some(b) = codepage.get(&c) {
            out.push(*b);
            continue;
        }
        let mut parts = Vec::new();
        decompose_canonical(c, |d| parts.push(d));
        let mut base = parts.remove(0);
        if let Some(i) = parts
            .iter()
            .position(|m| compose(base, *m).is_some_and(|c| codepage.contains_key(&c)))
        {
            base = compose(base, parts.remove(i)).unwrap();
        }
        for ch in std::iter::once(base).chain(parts) {
            out.push(
                *codepage
                    .get(&ch)
                    .unwrap_or_else(|| panic!("{c:?} in Windows-1258")),
            );
        }
    }
    let (back, bad) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(&out);
    assert!(!bad);
    assert_eq!(
        back.nfc().collect::<String>(),
        text.nfc().collect::<String>()
    );
    out
}

/// A comma CSV re-written with `;` (each cell as read, quoted only if it holds `;` or `"`).
fn with_semicolons(text: &str) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    for record in reader.records() {
        writer.write_record(&record.unwrap()).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// `scored_by_hand` saved as UTF-8, UTF-8 with a BOM, UTF-16 LE and BE with BOMs and
/// Windows-1258, each with commas and with semicolons, LF or CRLF (scores.csv and plan.csv
/// alike): `score --format json` is byte for byte that of the UTF-8 comma original. Every
/// decimal is written with a decimal comma (`0,25`, `81,25`): quoted in the comma files,
/// bare in the semicolon files, so that the declared text (`value` in the JSON) is the
/// same in all of them; the figures are those of the fixture as written with `81.25`.
#[test]
fn the_same_dossier_in_every_encoding_and_dialect_scores_the_same() {
    let fixture = Placed::original("scores");
    let scores = fs::read_to_string(fixture.path("scores.csv")).unwrap();
    let plan = fs::read_to_string(fixture.path("plan.csv")).unwrap();
    assert!(scores.contains("1.2.4,\"0,25\",") && scores.contains("8.1,81.25,"));
    assert!(!scores.contains('\r') && !plan.contains('\r'));
    let scores = scores.replace("8.1,81.25,", "8.1,\"81,25\",");

    // The original with 81,25 scores as the fixture does, the declared text aside.
    fixture.write("scores.csv", scores.as_bytes());
    let reference = fixture.json_ok(&[]);
    let mut want = original_score();
    let items = want["items"].as_array_mut().unwrap();
    items.iter_mut().find(|i| i["code"] == "8.1").unwrap()["value"] = json!("81,25");
    assert_eq!(serde_json::from_str::<Value>(&reference).unwrap(), want);
    assert!(!reference.contains("scores.csv") && !reference.contains("plan.csv"));

    type Encode = fn(&str) -> Vec<u8>;
    let encodings: [(&str, Encode); 5] = [
        ("UTF-8", |t| t.as_bytes().to_vec()),
        ("UTF-8 with BOM", |t| {
            [b"\xEF\xBB\xBF".as_slice(), t.as_bytes()].concat()
        }),
        ("UTF-16 LE with BOM", |t| utf16le(t, true)),
        ("UTF-16 BE with BOM", |t| utf16be(t, true)),
        ("Windows-1258", windows_1258),
    ];
    let mut checked = 0;
    for (i, (encoding, encode)) in encodings.iter().enumerate() {
        for semicolons in [false, true] {
            let crlf = (i + usize::from(semicolons)) % 2 == 1;
            let dialect = |t: &str| {
                let t = if semicolons {
                    with_semicolons(t)
                } else {
                    t.to_string()
                };
                if crlf {
                    t.replace('\n', "\r\n")
                } else {
                    t
                }
            };
            let (s, p) = (dialect(&scores), dialect(&plan));
            if semicolons {
                assert!(s.contains("1.2.4;0,25;") && s.contains("8.1;81,25;"), "{s}");
            }
            let copy = Placed::original("scores");
            copy.write("scores.csv", &encode(&s));
            copy.write("plan.csv", &encode(&p));
            let what = format!(
                "{encoding}, {}, {}",
                if semicolons { "semicolons" } else { "commas" },
                if crlf { "CRLF" } else { "LF" }
            );
            if *encoding == "Windows-1258" {
                let bytes = fs::read(copy.path("scores.csv")).unwrap();
                assert!(std::str::from_utf8(&bytes).is_err(), "{what}: not UTF-8");
            }
            assert_eq!(copy.json_ok(&[]), reference, "{what}");
            checked += 1;
        }
    }
    assert_eq!(checked, 10);
}

// ---------------------------------------------------------------------------------------
// A 100 MB line, generated here (never committed)
// ---------------------------------------------------------------------------------------

/// One 100 MB line with no delimiter and no line end as scores.csv: no panic, two located
/// errors. It takes about a gigabyte of memory and tens of seconds in a debug build.
#[test]
fn a_100_mb_line_is_reported_at_line_1() {
    let p = Placed::original("scores");
    let line: Vec<u8> = b"khao-sat-"
        .iter()
        .copied()
        .cycle()
        .take(100 << 20)
        .collect();
    p.write("scores.csv", &line);
    // Over the 64 MiB cap for tables by default; raised, the line is read and reported.
    assert_fails(
        p.run(&[]),
        2,
        &[format!(
            "{SCORES}: tệp lớn 100,0 MiB, vượt giới hạn 64 MiB cho loại tệp này; nếu đúng là tệp cần đọc, chạy lại với --max-input <MiB>"
        )],
    );
    assert_fails(
        p.run(&["--max-input", "128"]),
        1,
        &[
            format!("{SCORES}:1: thiếu cột \"code\" trong dòng tiêu đề (cần code,value,note)"),
            format!("{SCORES}:1: thiếu cột \"value\" trong dòng tiêu đề (cần code,value,note)"),
            "2 lỗi, 0 cảnh báo".into(),
        ],
    );
}

/// A 100 MB line of distinct cells (`c0,c1,c2,…`, over ten million): the header's
/// duplicate check compares every column with every earlier one, so the run does not end
/// (80 000 columns already take 8 s in a release build).
#[test]
fn a_100_mb_line_of_distinct_cells_finishes() {
    let dir = Placed::original("scores");
    let mut line = String::with_capacity(100 << 20);
    let mut i = 0u64;
    while line.len() < 100 << 20 {
        line.push_str(&format!("c{i},"));
        i += 1;
    }
    dir.write("scores.csv", line.as_bytes());
    let out = parscore()
        .current_dir(dir.dir.path())
        .args(["score", dir.dossier, "--max-input", "128"])
        .timeout(Duration::from_secs(300))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "killed after 5 minutes");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with(&format!("{SCORES}:1: ")), "{err}");
}
