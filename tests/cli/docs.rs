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
    let dir = crate::harness::tempdir();
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
fn the_worked_example_of_the_additions_validates_and_scores() {
    let example = blocks("docs/criteria-format.md", "json")
        .into_iter()
        .find(|b| b.contains("\"vi-du-bo-sung\""))
        .expect("the worked example");
    let scores = blocks("docs/criteria-format.md", "csv")
        .into_iter()
        .next()
        .expect("its scores.csv");
    let dir = crate::harness::tempdir();
    std::fs::write(dir.path().join("criteria.json"), &example).unwrap();
    std::fs::write(dir.path().join("scores.csv"), scores).unwrap();
    std::fs::write(
        dir.path().join("dossier.json"),
        r#"{ "format": "parscore-dossier/1", "unit": "Phường ví dụ", "year": 2026,
             "criteria": "criteria.json", "group": "phuong", "as_of": "2026-11-30" }"#,
    )
    .unwrap();
    let criteria = dir.path().join("criteria.json");
    let (code, _, err) = run(&["criteria", "check", criteria.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&["score", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["achieved"], "21.00");
    assert_eq!(v["total"]["max"], "26.00");
    assert_eq!(v["total"]["index"], "80.77");
}

/// Writes a criteria example and a `scores.csv` as a dossier in a temporary folder, checks
/// the criteria and returns the folder.
fn example_dossier(criteria: &str, scores: &str) -> tempfile::TempDir {
    let dir = crate::harness::tempdir();
    std::fs::write(dir.path().join("criteria.json"), criteria).unwrap();
    std::fs::write(dir.path().join("scores.csv"), scores).unwrap();
    std::fs::write(
        dir.path().join("dossier.json"),
        r#"{ "format": "parscore-dossier/1", "unit": "Sở ví dụ", "year": 2026,
             "criteria": "criteria.json", "as_of": "2026-11-30" }"#,
    )
    .unwrap();
    let file = dir.path().join("criteria.json");
    let (code, _, err) = run(&["criteria", "check", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    dir
}

/// The fenced block of `lang` that contains `needle`.
fn block_with(lang: &str, needle: &str) -> String {
    blocks("docs/criteria-format.md", lang)
        .into_iter()
        .find(|b| b.contains(needle))
        .unwrap_or_else(|| panic!("a {lang} block with {needle}"))
}

#[test]
fn the_classes_example_validates_and_classes_as_the_doc_says() {
    let criteria = block_with("json", "\"vi-du-xep-loai\"");
    let scores = block_with("csv", "1.1,1.5,");
    let dir = example_dossier(&criteria, &scores);
    let (code, out, err) = run(&["score", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let said = blocks("docs/criteria-format.md", "text")
        .into_iter()
        .find(|b| b.starts_with("Xếp loại: Tốt"))
        .expect("the printed class");
    assert!(out.contains(&said), "{said}\n---\n{out}");
    let dir = example_dossier(&criteria, "code,value,note\n1.1,1.6,\n2.1,7.4,\n");
    let (_, out, _) = run(&["score", dir.path().to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["index"], "90.00");
    assert_eq!(v["class"]["label"], "Xuất sắc");
}

#[test]
fn the_bonus_and_penalty_example_validates_and_scores_as_the_doc_says() {
    let criteria = block_with("json", "\"vi-du-thuong-tru\"");
    let scores = block_with("csv", "T1,4,");
    let dir = example_dossier(&criteria, &scores);
    let (code, out, err) = run(&["score", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["bonus_declared"], "2.50");
    assert_eq!(v["total"]["bonus"], "2.00");
    assert_eq!(v["total"]["penalty"], "0.75");
    assert_eq!(v["total"]["achieved"], "9.25");
    assert_eq!(v["total"]["index"], "92.50");
    let dir = example_dossier(
        &criteria,
        "code,value,note\n1.1,9.5,\nT1,4,\nT2,Cấp thành phố,\nP1,0,\n",
    );
    let (_, out, _) = run(&["score", dir.path().to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["index"], "100.00");
}

#[test]
fn every_rule_snippet_in_the_criteria_format_parses_as_json() {
    for block in blocks("docs/criteria-format.md", "json") {
        serde_json::from_str::<serde_json::Value>(&block).expect("valid JSON");
    }
}

/// The dossier the examples of `docs/dossier-format.md` make, in a temporary folder.
fn docs_dossier() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = crate::harness::tempdir();
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
    (dir, dossier)
}

#[test]
fn the_dossier_format_examples_score() {
    let (_dir, dossier) = docs_dossier();
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
    assert_eq!(item("1.1.4")["value"], "2/2");
    assert_eq!(item("1.1.4")["achieved"], "2.00");
    assert_eq!(item("6.1.2")["status"], "not_applicable");
    assert_eq!(item("8.1.1")["status"], "projected");
}

#[test]
fn the_manifest_example_leaves_only_the_apology_letters_of_3_3_2_missing() {
    let (_dir, dossier) = docs_dossier();
    let manifest = &blocks("docs/dossier-format.md", "csv")[2];
    std::fs::write(dossier.join("manifest.csv"), manifest).unwrap();
    std::fs::create_dir(dossier.join("files")).unwrap();
    for line in manifest.lines().skip(1) {
        let file = line.split(',').nth(1).unwrap();
        assert!(file.ends_with(".pdf"), "{line}");
        std::fs::write(
            dossier.join("files").join(file),
            format!("bản minh họa {file}"),
        )
        .unwrap();
    }
    let (code, out, err) = run(&["evidence", dossier.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"], 5);
    // 3.3.2 declares 1 late file: 0.5 − 0.25 = 0.25 points, all at risk without item #2.
    assert_eq!(v["at_risk"], "0.25");
    assert_eq!(v["missing"].as_array().unwrap().len(), 1);
    assert_eq!(v["missing"][0]["code"], "3.3.2");
    assert_eq!(
        v["missing"][0]["what"],
        "Văn bản xin lỗi đối với từng hồ sơ quá hạn"
    );
    assert_eq!(v["problems"], serde_json::json!([]));
}

#[test]
fn the_ranking_example_gives_the_2025_line() {
    let ranking = &blocks("docs/leadership.md", "csv")[0];
    let dir = crate::harness::tempdir();
    let dossier = dir.path().join("evidence/2025");
    std::fs::create_dir_all(&dossier).unwrap();
    std::fs::create_dir_all(dir.path().join("criteria")).unwrap();
    for f in ["dossier.json", "scores.csv", "plan.csv"] {
        std::fs::copy(root().join("evidence/2025").join(f), dossier.join(f)).unwrap();
    }
    std::fs::copy(
        root().join("criteria/haiphong-so-2025.json"),
        dir.path().join("criteria/haiphong-so-2025.json"),
    )
    .unwrap();
    std::fs::write(dir.path().join("criteria/rankings.csv"), ranking).unwrap();
    let (code, out, err) = run(&["gap", dossier.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["line"], "92.71");
    assert_eq!(v["line_unit"], "Sở Nội vụ");
    assert_eq!(v["appraised"], "88.99");
    assert_eq!(v["gap"], "3.72");
}

/// `sh` → the arguments of its `parscore` line, double quotes grouping words.
fn arguments(line: &str) -> Vec<String> {
    let line = line
        .trim()
        .strip_prefix("parscore ")
        .expect("a parscore command");
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out.retain(|a| !a.is_empty());
    out
}

#[test]
fn the_init_example_makes_the_dossier_json_and_says_what_the_doc_says() {
    let dir = crate::harness::tempdir();
    let project = dir.path().join("a/b/project");
    std::fs::create_dir_all(project.join("criteria")).unwrap();
    for f in ["haiphong-so-2026.json", "rankings.csv"] {
        std::fs::copy(
            root().join("criteria").join(f),
            project.join("criteria").join(f),
        )
        .unwrap();
    }
    let command = &blocks("docs/init.md", "sh")[0];
    let args = arguments(command);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = crate::harness::run_in(&project, &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, blocks("docs/init.md", "text")[0]);
    let written = std::fs::read_to_string(project.join("evidence/2026/dossier.json")).unwrap();
    assert_eq!(written, blocks("docs/init.md", "json")[0]);
}

#[test]
fn the_word_report_examples_write_what_the_doc_says() {
    let dir = crate::harness::copy_sample("evidence/2026");
    let settings = dir.path().join("evidence/2026/dossier.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&settings).unwrap()).unwrap();
    let example: serde_json::Value =
        serde_json::from_str(&blocks("docs/word-report.md", "json")[0]).unwrap();
    v["report"] = example["report"].clone();
    std::fs::write(&settings, v.to_string()).unwrap();
    let said = blocks("docs/word-report.md", "text");
    let (code, out, err) = crate::harness::run_in(
        dir.path(),
        &["export", "evidence/2026", "--docx", "bao-cao.docx"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, said[0].lines().next().unwrap().to_string() + "\n");
    let copy = crate::harness::copy_sample("evidence/2025");
    let (code, out, err) = crate::harness::run_in(
        copy.path(),
        &[
            "export",
            "evidence/2025",
            "--docx",
            "giai-trinh.docx",
            "--appeal",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, said[0].lines().nth(1).unwrap().to_string() + "\n");
    let (code, _, err) = crate::harness::run_in(
        dir.path(),
        &["export", "evidence/2026", "--docx", "x.docx", "--appeal"],
    );
    assert_eq!(code, 1);
    assert_eq!(err.lines().next().unwrap(), said[1].trim_end());
}

#[test]
fn the_report_example_writes_the_file_the_doc_names() {
    let dir = crate::harness::tempdir();
    let command = &blocks("docs/report.md", "sh")[0];
    // The doc's dossiers are the shipped samples; the report lands in the test's folder.
    let args: Vec<String> = arguments(command)
        .into_iter()
        .map(|a| {
            if a.starts_with("evidence/") {
                root().join(a).display().to_string()
            } else {
                a
            }
        })
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = crate::harness::run_in(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, blocks("docs/report.md", "text")[0]);
    let page = std::fs::read_to_string(dir.path().join("bao-cao-cchc-2026.html")).unwrap();
    assert!(page.contains("default-src 'none'; style-src 'unsafe-inline'; img-src data:"));
}

/// `docs/serve.md`: the example request, sent to a served copy of the sample, gets the
/// answer the doc shows, and the file is unchanged.
#[test]
fn the_serve_example_request_gets_the_answer_the_doc_shows() {
    let dir = crate::harness::copy_sample("evidence/2026");
    let server = crate::server::Server::start(dir.path(), &["evidence", "--port", "0"]);
    let request = blocks("docs/serve.md", "http").remove(0);
    let (head, body) = request.split_once("\n\n").expect("a body");
    let mut first = head.lines().next().unwrap().split(' ');
    let (method, path) = (first.next().unwrap(), first.next().unwrap());
    let answer: serde_json::Value =
        serde_json::from_str(&blocks("docs/serve.md", "json")[0]).unwrap();
    let scores = dir.path().join("evidence/2026/scores.csv");
    let before = std::fs::read(&scores).unwrap();
    let etag = server.get("/api/v1/dossiers/2026/score").header("etag");
    let csrf = server.csrf();
    let reply = server.request(
        method,
        path,
        &[
            ("If-Match", &etag),
            ("X-CSRF-Token", &csrf),
            ("Content-Type", "application/json"),
        ],
        body.trim().as_bytes(),
    );
    assert_eq!(reply.status, 422);
    assert_eq!(reply.json(), answer);
    assert_eq!(std::fs::read(&scores).unwrap(), before);
}
