//! `parscore report` without a browser: the bytes of the file (the same twice with
//! `SOURCE_DATE_EPOCH`), English, the default name, the seal in the footer, the class, and
//! the places a report is never written to.

use crate::harness::{copy_dossier, parscore, root, run_in};
use crate::report::report_in;

#[test]
fn two_runs_with_the_same_source_date_epoch_give_the_same_bytes() {
    let tmp = crate::harness::tempdir();
    let (a, b) = (tmp.path().join("a.html"), tmp.path().join("b.html"));
    for out in [&a, &b] {
        report_in(
            &root(),
            &[
                "evidence/2026",
                "--compare",
                "evidence/2025",
                "--out",
                out.to_str().unwrap(),
            ],
        );
    }
    let (a, b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert!(a == b, "the two reports differ");
    let text = String::from_utf8(a).unwrap();
    assert!(text.contains("15/01/2026 08:30 UTC</span> (SOURCE_DATE_EPOCH)"));
    assert!(text.starts_with("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"));
    assert!(text.contains("default-src 'none'"));
}

#[test]
fn in_english_the_report_reads_89_point_96_and_dates_the_iso_way() {
    let tmp = crate::harness::tempdir();
    let out = tmp.path().join("report.html");
    let out_s = out.to_str().unwrap();
    let said = report_in(&root(), &["evidence/2026", "--lang", "en", "--out", out_s]);
    assert_eq!(said, format!("Report written: {out_s}\n"));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("<html lang=\"en\">"));
    assert!(text.contains("<div class=\"figure\" data-figure=\"projected\">89.96</div>"));
    assert!(text.contains("2026-01-15 08:30 UTC"));
    assert!(text.contains("as of 2026-11-30"));
}

#[test]
fn without_out_the_report_is_bao_cao_cchc_and_the_year_in_the_current_folder() {
    let tmp = copy_dossier("evidence_complete");
    let said = report_in(
        tmp.path(),
        &["dossiers/evidence_complete", "--threshold", "90"],
    );
    assert_eq!(said, "Đã ghi báo cáo: bao-cao-cchc-2026.html\n");
    assert!(tmp.path().join("bao-cao-cchc-2026.html").is_file());
}

#[test]
fn the_footer_says_whether_the_seal_still_holds() {
    let tmp = copy_dossier("evidence_complete");
    let (code, _, err) = run_in(tmp.path(), &["seal", "dossiers/evidence_complete"]);
    assert_eq!(code, 0, "{err}");
    let args = [
        "dossiers/evidence_complete",
        "--threshold",
        "90",
        "--out",
        "r.html",
    ];
    report_in(tmp.path(), &args);
    let page = std::fs::read_to_string(tmp.path().join("r.html")).unwrap();
    assert!(page.contains("data-seal=\"intact\""), "{page}");
    let seal = std::fs::read(tmp.path().join("dossiers/evidence_complete/seal.json")).unwrap();
    assert!(page.contains(&parscore::evidence::sha256_bytes(&seal)));
    let doc = tmp
        .path()
        .join("dossiers/evidence_complete/files/ke-hoach-cchc-2026.txt");
    std::fs::write(&doc, "sửa sau khi niêm phong").unwrap();
    report_in(tmp.path(), &args);
    let page = std::fs::read_to_string(tmp.path().join("r.html")).unwrap();
    assert!(page.contains("data-seal=\"changed\""));
    assert!(page.contains("đã sửa: files/ke-hoach-cchc-2026.txt"));
}

#[test]
fn the_report_is_never_written_among_the_evidence_files_nor_over_an_input() {
    let tmp = copy_dossier("evidence_complete");
    for out in [
        "dossiers/evidence_complete/files/r.html",
        "dossiers/evidence_complete/scores.csv",
    ] {
        let (code, _, err) = run_in(
            tmp.path(),
            &[
                "report",
                "dossiers/evidence_complete",
                "--threshold",
                "90",
                "--out",
                out,
            ],
        );
        assert_eq!(code, 1, "{out}: {err}");
        assert!(err.contains(out), "{err}");
    }
    let scores = tmp.path().join("dossiers/evidence_complete/scores.csv");
    assert!(std::fs::read_to_string(scores)
        .unwrap()
        .starts_with("code,"));
}

#[test]
fn a_source_date_epoch_that_is_not_seconds_stops_the_report_and_says_so() {
    let tmp = crate::harness::tempdir();
    let out = parscore()
        .env("SOURCE_DATE_EPOCH", "15/01/2026")
        .args(["report", "evidence/2026", "--out"])
        .arg(tmp.path().join("r.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("SOURCE_DATE_EPOCH: \"15/01/2026\" không phải số giây kể từ 01/01/1970"),
        "{err}"
    );
    assert!(!tmp.path().join("r.html").exists());
}

#[test]
fn the_summary_gives_the_class_reached_and_what_keeps_the_unit_from_the_next() {
    // classes.json: "Xuất sắc" needs an index of 90 and no area under 80 %. Area 1 has
    // 1.50 of 2 = 75 %, 5 % (0.10 points) short; 1.50 + 8 = 9.50 of 10 = 95.00: "Tốt".
    let tmp = copy_dossier("class_missed_by_one_area");
    let args = [
        "dossiers/class_missed_by_one_area",
        "--threshold",
        "90",
        "--out",
        "r.html",
    ];
    report_in(tmp.path(), &args);
    let page = std::fs::read_to_string(tmp.path().join("r.html")).unwrap();
    assert!(page.contains("<div class=\"figure\" data-figure=\"class\">Tốt</div>"));
    assert!(page.contains(
        "1 Công tác chỉ đạo, điều hành đạt 75,00%, cần từ 80% trở lên (thiếu 5,00%, tức 0,1 điểm)"
    ));
    assert!(page.contains("<div class=\"figure\" data-figure=\"projected\">95,00</div>"));
}
