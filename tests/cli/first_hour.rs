//! A new unit's first hour (issue 16): every setting of `dossier.json` reported at once
//! with what it needs, a file or a bare folder where a dossier is wanted, a seal that says
//! what it replaces and keeps the manifest's dress, a dossier without a plan, the current
//! folder by its name, and piped tables of a readable width.

use crate::harness::{copy_dossier, copy_sample, run, run_in};
use std::fs;

#[test]
fn every_wrong_setting_of_dossier_json_is_reported_at_once_with_what_it_needs() {
    let dir = copy_dossier("scored_by_hand");
    fs::write(
        dir.path().join("dossiers/scored_by_hand/dossier.json"),
        "{ \"unit\": \"\", \"year\": \"2026\",\n  \"criteria\": \"../../criteria/good/rule.json\",\n  \"targetRank\": 5, \"as_of\": \"31/02/2026\" }\n",
    )
    .unwrap();
    let (code, out, err) = run_in(dir.path(), &["score", "dossiers/scored_by_hand"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    let f = "dossiers/scored_by_hand/dossier.json";
    assert_eq!(
        err,
        format!(
            "{f}:3:3: khóa \"targetRank\" không có trong dossier.json; có phải là \"target_rank\"? \
             (các khóa: format, unit, year, criteria, group, rankings, target_rank, as_of, report)\n\
             {f}: thiếu \"format\"; thêm ví dụ \"format\": \"parscore-dossier/1\"\n\
             {f}:1:3: \"unit\" để trống; điền ví dụ \"unit\": \"Sở Nội vụ\" (tên đơn vị như trong bảng xếp hạng)\n\
             {f}:1:15: \"year\": \"2026\" không hợp lệ; cần một số nguyên từ 1900 đến 2100, không đặt \
             trong ngoặc kép, ví dụ \"year\": 2026\n\
             {f}:2:3: \"criteria\": không có tệp tiêu chí dossiers/scored_by_hand/../../criteria/good/rule.json \
             (đường dẫn \"../../criteria/good/rule.json\" tính từ thư mục hồ sơ; khi chép hồ sơ đi nơi \
             khác, sửa đường dẫn này)\n\
             {f}:3:20: \"as_of\": \"31/02/2026\" không phải là ngày hợp lệ; viết ví dụ \"30/11/2026\" hoặc \
             \"2026-11-30\"\n\
             6 lỗi, 0 cảnh báo\n"
        )
    );
}

#[test]
fn gap_lists_the_groups_and_the_ranks_it_could_use() {
    let dir = copy_sample("evidence/2025");
    let settings = dir.path().join("evidence/2025/dossier.json");
    let text = fs::read_to_string(&settings).unwrap();
    let text = text
        .replace("\"group\": \"so-ban-nganh\"", "\"group\": \"so\"")
        .replace("  \"target_rank\": 5,\n", "");
    fs::write(&settings, text).unwrap();
    let (code, _, err) = run_in(dir.path(), &["gap", "evidence/2025"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "evidence/2025/dossier.json: thiếu \"target_rank\": hạng cần đạt, ví dụ \"target_rank\": 5 \
         (hoặc dùng --rank)\n\
         evidence/2025/dossier.json:6:3: \"group\": khối \"so\" không có trong \
         evidence/2025/../../criteria/rankings.csv; các khối: so-ban-nganh, phuong, xa-dac-khu\n\
         2 lỗi, 0 cảnh báo\n"
    );
    // With the group right, the missing rank lists the ranks published for it.
    let text = fs::read_to_string(&settings)
        .unwrap()
        .replace("\"so\"", "\"so-ban-nganh\"");
    fs::write(&settings, text).unwrap();
    let (code, _, err) = run_in(dir.path(), &["gap", "evidence/2025", "--lang", "en"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "evidence/2025/dossier.json: \"target_rank\" is missing: the rank to reach, for example \
         \"target_rank\": 5 (or use --rank); the ranks in the 2025 ranking of group \
         \"so-ban-nganh\": 1, 2, 3, 4, 5, 14\n1 error, 0 warnings\n"
    );
}

#[test]
fn a_file_where_a_dossier_folder_is_wanted_shows_the_command_to_try() {
    let (code, _, err) = run(&["score", "evidence/2026/scores.csv"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "evidence/2026/scores.csv: đây là một tệp, không phải thư mục hồ sơ; lệnh cần thư mục \
         chứa dossier.json, thử: parscore score evidence/2026\n"
    );
    let (_, _, err) = run(&["--lang", "en", "seal", "evidence/2026/manifest.csv"]);
    assert!(err.ends_with("try: parscore seal evidence/2026\n"), "{err}");
}

#[test]
fn a_folder_without_dossier_json_suggests_init_and_the_current_folder_is_named() {
    let (code, _, err) = run(&["evidence", "criteria"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "criteria/dossier.json: không có tệp này, nên criteria chưa phải thư mục hồ sơ; tạo hồ sơ \
         mới bằng: parscore init criteria --unit \"<tên đơn vị>\" --year <năm>\n"
    );
    let dir = crate::harness::tempdir();
    let (_, _, err) = run_in(dir.path(), &["score", "."]);
    let full = std::env::current_dir()
        .map(|_| dir.path().canonicalize().unwrap().display().to_string())
        .unwrap();
    assert!(
        err.contains(&format!(
            "không có tệp này, nên thư mục hiện tại ({full}) chưa phải"
        )),
        "{err}"
    );
    assert!(
        !err.contains("OS error") && !err.contains("os error"),
        "{err}"
    );
}

#[test]
fn a_second_seal_names_the_first_and_what_changed_and_keeps_the_manifests_dress() {
    let dir = copy_dossier("evidence_complete");
    let d = dir.path().join("dossiers/evidence_complete");
    let manifest = fs::read_to_string(d.join("manifest.csv")).unwrap();
    let crlf = format!("\u{feff}{}", manifest.replace('\n', "\r\n"));
    fs::write(d.join("manifest.csv"), &crlf).unwrap();
    let (code, out, err) = run_in(dir.path(), &["seal", "dossiers/evidence_complete"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("Lần niêm phong trước"), "{out}");
    let bytes = fs::read(d.join("manifest.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFid,file,"),
        "BOM and commas kept"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(
        text.matches("\r\n").count(),
        text.matches('\n').count(),
        "CRLF kept"
    );

    let seal: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("seal.json")).unwrap()).unwrap();
    let first = seal["sealed_at"].as_str().unwrap().to_string();
    let at = format!(
        "{} {}/{}/{}",
        &first[11..16],
        &first[8..10],
        &first[5..7],
        &first[..4]
    );
    fs::write(d.join("files/ke-hoach-cchc-2026.txt"), "bản sửa").unwrap();
    fs::remove_file(d.join("files/bao-cao-cchc-nam-2026.txt")).unwrap();
    fs::write(d.join("files/ghi-chu.txt"), "tệp mới").unwrap();
    // The removed file is listed: the manifest must drop its row before sealing again.
    let rows: String = fs::read_to_string(d.join("manifest.csv"))
        .unwrap()
        .split_inclusive('\n')
        .filter(|l| !l.contains("bao-cao-cchc-nam-2026.txt"))
        .collect();
    fs::write(d.join("manifest.csv"), rows).unwrap();
    let (code, out, err) = run_in(dir.path(), &["seal", "dossiers/evidence_complete"]);
    assert_eq!(code, 0, "{err}");
    let tail = out
        .split_once("parscore verify dossiers/evidence_complete\n")
        .unwrap()
        .1;
    assert_eq!(
        tail,
        format!(
            "Lần niêm phong trước (lúc {at}) đã được thay thế; 4 thay đổi kể từ đó:\n\
             \x20 đã sửa: manifest.csv\n\
             \x20 đã sửa: files/ke-hoach-cchc-2026.txt\n\
             \x20 đã xóa hoặc không còn: files/bao-cao-cchc-nam-2026.txt\n\
             \x20 thêm mới: files/ghi-chu.txt\n"
        )
    );
    assert_eq!(
        err,
        "cảnh báo: các tệp sau không có dòng nào trong manifest.csv nhưng vẫn được niêm phong \
         (là tệp ngoài danh mục): files/ghi-chu.txt\n"
    );
    let (code, out, _) = run_in(dir.path(), &["seal", "dossiers/evidence_complete"]);
    assert_eq!(code, 0);
    assert!(
        out.ends_with("đã được thay thế; không có tệp nào thay đổi kể từ đó.\n"),
        "{out}"
    );
}

#[test]
fn without_a_plan_one_line_says_so_instead_of_a_phrase_on_every_row() {
    let dir = copy_dossier("evidence_complete");
    let d = dir.path().join("dossiers/evidence_complete");
    fs::remove_file(d.join("plan.csv")).unwrap();
    fs::remove_file(d.join("files/bao-cao-xu-ly-kien-nghi-2026.txt")).unwrap();
    let (code, out, _) = run_in(dir.path(), &["evidence", "dossiers/evidence_complete"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("\nHồ sơ không có plan.csv nên chưa biết đơn vị chủ trì của từng tiêu chí.\n"),
        "{out}"
    );
    assert!(!out.contains("không có trong kế hoạch"), "{out}");
    assert!(!out.contains("Đơn vị chủ trì"), "{out}");
}

#[test]
fn piped_tables_are_100_columns_wide_unless_width_says_otherwise() {
    // A table's rules run its full width.
    let width = |out: &str| {
        out.lines()
            .filter(|l| l.starts_with('─'))
            .map(|l| l.chars().count())
            .max()
            .unwrap()
    };
    let (_, out, _) = run(&["evidence", "evidence/2026"]);
    assert_eq!(width(&out), 100);
    let (_, out, _) = run(&["evidence", "evidence/2026", "--width", "140"]);
    assert_eq!(width(&out), 140);
}
