//! LibreOffice opens the workbooks parscore writes, recomputes every formula on load, and
//! the recomputed subtotals and totals are parscore's own: the template's maxima equal the
//! criteria file's, the summary's points and maxima equal `score --format json`. LibreOffice
//! is installed by `scripts/test-deps.sh` (which `.ci/run` runs); without it these tests
//! fail and say so, never skip.

use crate::export::{code_of, figures, two};
use crate::harness::{copy_sample, root, run_in};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const SAMPLE: &str = "evidence/2026";

/// Converts a workbook to CSV with LibreOffice (raw values, not as shown) and returns its
/// rows; the profile lives in its own folder so that parallel runs do not collide.
fn recomputed(xlsx: &Path) -> Vec<Vec<String>> {
    let out = xlsx.parent().unwrap().join(format!(
        "csv-{}",
        xlsx.file_stem().unwrap().to_string_lossy()
    ));
    std::fs::create_dir_all(&out).unwrap();
    let profile = out.join("profile");
    let ran = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to"])
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false")
        .arg("--outdir")
        .arg(&out)
        .arg(xlsx)
        .output()
        .unwrap_or_else(|e| {
            panic!("soffice (LibreOffice) is needed by this test and could not be run ({e}): install it with scripts/test-deps.sh")
        });
    let csv: PathBuf = out.join(format!(
        "{}.csv",
        xlsx.file_stem().unwrap().to_string_lossy()
    ));
    assert!(
        csv.exists(),
        "soffice did not convert {} (install LibreOffice with scripts/test-deps.sh): {}",
        xlsx.display(),
        String::from_utf8_lossy(&ran.stderr)
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// A recomputed figure: LibreOffice writes it in the cell's own locale, Vietnamese
/// (`7,75`), the format's `[$-42A]` at work.
fn number(cell: &str) -> f64 {
    if cell.is_empty() {
        0.0
    } else {
        cell.replace(',', ".")
            .parse()
            .unwrap_or_else(|_| panic!("not a number: {cell:?}"))
    }
}

#[test]
fn libreoffice_recomputes_the_summary_to_score_s_figures() {
    let dir = copy_sample(SAMPLE);
    let xlsx = dir.path().join("tong-hop.xlsx");
    let (code, _, err) = run_in(
        dir.path(),
        &["export", SAMPLE, "--xlsx", xlsx.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let (_, json, _) = run_in(dir.path(), &["score", SAMPLE, "--format", "json"]);
    let (by_code, v) = figures(&json);
    let rows = recomputed(&xlsx);
    let mut parents = 0;
    for row in &rows {
        let code = code_of(&row[0]);
        let Some((achieved, max)) = by_code.get(&code) else {
            continue;
        };
        parents += usize::from(!code.contains('.'));
        assert_eq!(
            (&two(number(&row[4])), &two(number(&row[2]))),
            (achieved, max),
            "row {code}"
        );
    }
    assert_eq!(parents, 8, "every area row was compared");
    let total = rows
        .iter()
        .find(|r| r[1] == "TỔNG ĐIỂM")
        .expect("a total row");
    assert_eq!(
        two(number(&total[4])),
        v["total"]["achieved"].as_str().unwrap()
    );
    assert_eq!(two(number(&total[2])), v["total"]["max"].as_str().unwrap());
    let index = rows
        .iter()
        .find(|r| r[1].starts_with("CHỈ SỐ CCHC"))
        .expect("an index row");
    assert_eq!(
        two(number(&index[4])),
        v["total"]["index"].as_str().unwrap()
    );
}

#[test]
fn libreoffice_recomputes_the_template_s_maxima_to_the_criteria_file_s() {
    let dir = copy_sample(SAMPLE);
    let xlsx = dir.path().join("phieu-cham.xlsx");
    let (code, _, err) = run_in(
        dir.path(),
        &["template", SAMPLE, "--xlsx", xlsx.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let criteria = std::fs::read_to_string(root().join("criteria/haiphong-so-2026.json")).unwrap();
    let criteria: serde_json::Value = serde_json::from_str(&criteria).unwrap();
    let mut maxima = HashMap::new();
    fn walk(n: &serde_json::Value, out: &mut HashMap<String, f64>) {
        let max = match &n["max"] {
            serde_json::Value::String(s) => s.parse().unwrap(),
            other => other.as_f64().unwrap(),
        };
        out.insert(n["code"].as_str().unwrap().to_string(), max);
        for c in n["children"].as_array().into_iter().flatten() {
            walk(c, out);
        }
    }
    for a in criteria["areas"].as_array().unwrap() {
        walk(a, &mut maxima);
    }
    let rows = recomputed(&xlsx);
    let mut compared = 0;
    for row in &rows {
        let Some(max) = maxima.get(&row[0]) else {
            continue;
        };
        compared += 1;
        assert_eq!(two(number(&row[2])), two(*max), "row {}", row[0]);
        // Nothing is filled in yet: every points subtotal recomputes to 0.
        assert_eq!(two(number(&row[6])), "0.00", "row {}", row[0]);
    }
    assert_eq!(compared, maxima.len());
    let total = rows
        .iter()
        .find(|r| r[1] == "Tổng cộng")
        .expect("a total row");
    assert_eq!(two(number(&total[2])), "100.00");
}

#[test]
fn the_printed_submission_table_numbers_its_pages_and_dates_its_subtitle_for_readers() {
    let dir = copy_sample(SAMPLE);
    let xlsx = dir.path().join("bang-tong-hop.xlsx");
    let (code, _, err) = run_in(
        dir.path(),
        &["export", SAMPLE, "--xlsx", xlsx.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    // Seven leaves without a score: export says so before anyone sends the table.
    assert!(
        err.contains("7 tiêu chí thành phần chưa chấm điểm (1.2.1, 1.4.1, 3.4.4, 4.3.2, 5.4.2, 5.6.2, 7.1.2; tối đa 5 điểm)"),
        "{err}"
    );
    let profile = dir.path().join("profile-pdf");
    let ran = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&xlsx)
        .output()
        .expect("soffice (LibreOffice, scripts/test-deps.sh) runs");
    let pdf = xlsx.with_extension("pdf");
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&ran.stderr));
    let text = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8(text.stdout).unwrap();
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let n = pages.len();
    assert!(n > 1, "{n} pages");
    for (i, page) in pages.iter().enumerate() {
        let foot = format!("Trang {}/{n}", i + 1);
        assert!(page.contains(&foot), "page {} has no \"{foot}\"", i + 1);
    }
    assert!(pages[0].contains("(tính đến 30/11/2026)"), "{}", pages[0]);
    assert!(!text.contains("2026-11-30"));
}
