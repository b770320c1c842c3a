//! What parscore prints, it reads back: every declared value of the shipped samples, typed
//! back into `scores.csv` as `score` shows it (`2 trường hợp`, `92,50%`, `15/01/2026`, a
//! level's label, `1,5 điểm`, in Vietnamese and in English), scores the same points.

use crate::harness::{copy_sample, run_in};
use serde_json::Value;
use std::collections::BTreeMap;

fn score_json(dir: &std::path::Path, sample: &str, lang: &str) -> Value {
    let (code, out, err) = run_in(dir, &["score", sample, "--format", "json", "--lang", lang]);
    assert_eq!(code, 0, "{sample}: {err}");
    serde_json::from_str(&out).unwrap()
}

/// Every item's points, by code, with the total.
fn points(v: &Value) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["code"].as_str().unwrap().to_string(),
                i["achieved"].to_string(),
            )
        })
        .collect();
    out.insert("total".into(), v["total"].to_string());
    out
}

/// Rewrites the `value` column of `scores.csv` with what `score` showed for each leaf.
fn type_back(file: &std::path::Path, shown: &BTreeMap<String, String>) -> usize {
    let bytes = std::fs::read(file).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(&bytes[..]);
    let headers = r.headers().unwrap().clone();
    let code = headers
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}') == "code")
        .unwrap();
    let value = headers.iter().position(|h| h == "value").unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    let mut changed = 0;
    for row in r.records() {
        let mut row: Vec<String> = row.unwrap().iter().map(str::to_string).collect();
        if let Some(s) = shown.get(&row[code]) {
            if *s != row[value] {
                changed += 1;
            }
            row[value] = s.clone();
        }
        w.write_record(&row).unwrap();
    }
    std::fs::write(file, w.into_inner().unwrap()).unwrap();
    changed
}

#[test]
fn every_value_score_shows_for_the_samples_scores_the_same_when_typed_back() {
    for sample in ["evidence/2024", "evidence/2025", "evidence/2026"] {
        for lang in ["vi", "en"] {
            let dir = copy_sample(sample);
            let before = score_json(dir.path(), sample, lang);
            let shown: BTreeMap<String, String> = before["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|i| {
                    Some((
                        i["code"].as_str()?.to_string(),
                        i["shown"].as_str()?.to_string(),
                    ))
                })
                .collect();
            let changed = type_back(&dir.path().join(sample).join("scores.csv"), &shown);
            assert!(
                changed > 10,
                "{sample} {lang}: only {changed} values differ from what was shown"
            );
            let after = score_json(dir.path(), sample, lang);
            assert_eq!(points(&before), points(&after), "{sample} {lang}");
        }
    }
}

/// A count typed as the table shows it (the example, refused before), and a
/// deadline typed as the English table shows "not issued".
#[test]
fn a_count_typed_with_its_word_and_not_issued_in_english_are_read() {
    let dir = copy_sample("evidence/2026");
    let scores = dir.path().join("evidence/2026/scores.csv");
    let text = std::fs::read_to_string(&scores).unwrap();
    let text = text
        .replace("\n3.3.2,0,", "\n3.3.2,2 trường hợp,")
        .replace("\n1.1.1,12/01/2026,", "\n1.1.1,Not issued,");
    std::fs::write(&scores, text).unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &["score", "evidence/2026", "--explain", "3.3.2"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("  Kê khai: 2 trường hợp  [evidence/2026/scores.csv:25]\n"),
        "{out}"
    );
    assert!(
        out.contains("→ Áp dụng 0,5 − 2 × 0,25 (không thấp hơn 0) → Điểm 0 / 0,5"),
        "{out}"
    );
    let (_, out, _) = run_in(
        dir.path(),
        &["score", "evidence/2026", "--explain", "1.1.1"],
    );
    assert!(
        out.contains("  Kê khai: không ban hành  [evidence/2026/scores.csv:2]\n"),
        "{out}"
    );
}
