//! The examples in `docs/` are real: they are extracted here and run.

use crate::harness::{root, run};

/// The fenced blocks of a Markdown file in the given language.
fn blocks(doc: &str, lang: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(doc)).expect("doc exists");
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match &mut current {
            None if line.trim() == format!("```{lang}") => current = Some(String::new()),
            Some(block) if line.trim() == "```" => {
                out.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    out
}

#[test]
fn the_criteria_format_example_validates() {
    let example = &blocks("docs/criteria-format.md", "json")[0];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.json");
    std::fs::write(&path, example).unwrap();
    let (code, out, err) = run(&["criteria", "check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("2 lĩnh vực, 3 tiêu chí, 7 tiêu chí lá được chấm điểm; tự đánh giá 6 điểm, điều tra xã hội học 4 điểm, tổng 10 điểm"),
        "{out}"
    );
}

#[test]
fn every_rule_snippet_in_the_criteria_format_parses_as_json() {
    for block in blocks("docs/criteria-format.md", "json") {
        serde_json::from_str::<serde_json::Value>(&block).expect("valid JSON");
    }
}

#[test]
fn the_dossier_format_examples_score() {
    let dir = tempfile::tempdir().unwrap();
    let dossier = dir.path().join("evidence/2026");
    std::fs::create_dir_all(&dossier).unwrap();
    std::fs::create_dir_all(dir.path().join("criteria")).unwrap();
    std::fs::copy(
        root().join("criteria/haiphong-so-2026.json"),
        dir.path().join("criteria/haiphong-so-2026.json"),
    )
    .unwrap();
    let json = &blocks("docs/dossier-format.md", "json")[0];
    let csvs = blocks("docs/dossier-format.md", "csv");
    std::fs::write(dossier.join("dossier.json"), json).unwrap();
    std::fs::write(dossier.join("scores.csv"), &csvs[0]).unwrap();
    std::fs::write(dossier.join("plan.csv"), &csvs[1]).unwrap();
    let (code, out, err) = run(&["score", dossier.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let item = |c: &str| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["code"] == c)
            .unwrap()
            .clone()
    };
    assert_eq!(item("1.1.1")["achieved"], "1.00");
    assert_eq!(item("1.1.4")["value"], "1/1");
    assert_eq!(item("1.1.4")["achieved"], "2.00");
    assert_eq!(item("6.1.2")["status"], "not_applicable");
    assert_eq!(item("8.1.1")["status"], "projected");
}
