//! `parscore report`: the leadership report as one HTML file, opened in a real Chromium.
//!
//! Figures checked by hand on `evidence/2026` (see `leadership.rs` for the working):
//! projected 89.06 / 99 = 89.96, strict 85.81 / 99 = 86.68, the 2025 line 92.71 (Sở Nội vụ,
//! rank 5), gap 92.71 − 89.96 = 2.75, closed at step 8 (7.1.2, running 92.99); 3.25 points
//! at risk on 5 leaves; the Board's latest published rank 14 (2025, 88.99). The report
//! shows them as a Vietnamese reader reads them: `89,96`, `2,75`, `3,25`.

use crate::browser::Browser;
use crate::harness::{copy_sample, parscore, root, run};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// 15/01/2026 08:30 UTC.
pub(crate) const EPOCH: &str = "1768465800";

/// `parscore report ARGS…` at `cwd` with `SOURCE_DATE_EPOCH` set; must succeed.
pub(crate) fn report_in(cwd: &Path, args: &[&str]) -> String {
    let out = parscore()
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("report")
        .args(args)
        .output()
        .expect("runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    stdout.into_owned()
}

fn json_of(args: &[&str]) -> Value {
    let (_, out, err) = run(args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"))
}

/// A figure from JSON (`"7.50"`) as `score` shows points to a Vietnamese reader (`7,5`).
fn vi_points(machine: &str) -> String {
    let s = machine.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

/// A percentage or index from JSON (`"89.96"`) as a Vietnamese reader reads it.
fn vi_percent(machine: &str) -> String {
    machine.replace('.', ",")
}

/// The text of every element matching `css`, in document order.
fn texts(b: &Browser, css: &str) -> Vec<String> {
    let v = b.eval(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText.trim());",
        vec![Value::from(css)],
    );
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

/// The requests sent from the moment the page at `url` was asked for: the page itself,
/// then whatever it asked for (the browser's own new-tab page comes before it).
fn page_requests(b: &Browser, url: &str) -> Vec<String> {
    b.requests().into_iter().skip_while(|r| r != url).collect()
}

fn one(b: &Browser, css: &str) -> String {
    let t = texts(b, css);
    assert_eq!(t.len(), 1, "{css}: {t:?}");
    t[0].clone()
}

/// Where a test leaves what a person looks at (the screenshot, the PDF and its pages).
fn looked_at() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_report_holds_the_figures_that_score_evidence_and_gap_print() {
    let out = crate::harness::tempdir();
    let page = out.path().join("bao-cao.html");
    let said = report_in(
        &root(),
        &[
            "evidence/2026",
            "--compare",
            "evidence/2024",
            "evidence/2025",
            "--out",
            page.to_str().unwrap(),
        ],
    );
    assert_eq!(said, format!("Đã ghi báo cáo: {}\n", page.display()));
    let score = json_of(&["score", "evidence/2026", "--format", "json"]);
    let evidence = json_of(&["evidence", "evidence/2026", "--format", "json"]);
    let gap = json_of(&["gap", "evidence/2026", "--format", "json"]);

    let b = Browser::start();
    b.open_file(&page);
    assert_eq!(b.console_errors(), Vec::<String>::new());
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    assert_eq!(page_requests(&b, &url), vec![url.clone()]);
    assert_eq!(
        b.eval("return document.documentElement.lang;", vec![]),
        "vi"
    );

    // The summary, as `gap` computes it, and by hand.
    for (figure, key, by_hand) in [
        ("projected", "projected", "89,96"),
        ("strict", "strict", "86,68"),
        ("line", "line", "92,71"),
        ("gap", "gap", "2,75"),
    ] {
        let css = format!("[data-figure={figure}]");
        assert_eq!(one(&b, &css), vi_percent(gap[key].as_str().unwrap()));
        assert_eq!(one(&b, &css), by_hand);
    }
    assert_eq!(one(&b, "[data-figure=published-rank]"), "14");
    assert_eq!(one(&b, "[data-figure=appraised]"), "–");

    // The areas and the total, as `score` prints them.
    for area in score["areas"].as_array().unwrap() {
        let code = area["code"].as_str().unwrap();
        let row = format!("#areas tr[data-code=\"{code}\"]");
        for (col, key) in [("achieved", "achieved"), ("max", "max")] {
            let cell = one(&b, &format!("{row} [data-col={col}]"));
            assert_eq!(cell, vi_points(area[key].as_str().unwrap()), "{code} {col}");
        }
        let pct = one(&b, &format!("{row} [data-col=percent]"));
        assert_eq!(pct, vi_percent(area["percent"].as_str().unwrap()), "{code}");
        let risk = one(&b, &format!("{row} [data-col=at-risk]"));
        assert_eq!(risk, vi_points(area["at_risk"].as_str().unwrap()), "{code}");
    }
    let total = "#areas tr[data-code=total]";
    assert_eq!(one(&b, &format!("{total} [data-col=achieved]")), "89,06");
    assert_eq!(one(&b, &format!("{total} [data-col=percent]")), "89,96");
    assert_eq!(one(&b, &format!("{total} [data-col=at-risk]")), "3,25");
    assert_eq!(
        one(&b, &format!("{total} [data-col=percent]")),
        vi_percent(score["total"]["index"].as_str().unwrap())
    );

    // The recovery list, as `gap` computes it: up to five steps after the closing one.
    let steps = gap["recovery"].as_array().unwrap();
    assert_eq!(gap["closes_at"], 8);
    let shown = texts(&b, "#recovery tr[data-step]");
    assert_eq!(shown.len(), 13);
    for (i, step) in steps.iter().take(13).enumerate() {
        let row = format!("#recovery tr[data-step=\"{}\"]", i + 1);
        let code = b.eval(
            "return document.querySelector(arguments[0]).dataset.code;",
            vec![Value::from(row.clone())],
        );
        assert_eq!(code, step["code"]);
        let points = one(&b, &format!("{row} [data-col=points]"));
        assert_eq!(points, vi_points(step["points"].as_str().unwrap()));
        let running = one(&b, &format!("{row} [data-col=running]"));
        let index = vi_percent(step["running_index"].as_str().unwrap());
        assert!(running.starts_with(&index), "{running} vs {index}");
    }
    assert_eq!(
        one(&b, "#recovery tr[data-step=\"8\"] [data-col=running]"),
        "92,99\n✔ vượt ngưỡng"
    );

    // The evidence, as `evidence` reports it.
    assert_eq!(
        one(&b, "[data-figure=at-risk]"),
        vi_points(evidence["at_risk"].as_str().unwrap())
    );
    assert_eq!(one(&b, "[data-figure=at-risk]"), "3,25");
    assert_eq!(
        one(&b, "[data-figure=strict-total]"),
        vi_points(evidence["strict_total"].as_str().unwrap())
    );
    assert_eq!(one(&b, "[data-figure=documents]"), "101");
    let missing = evidence["missing"].as_array().unwrap();
    assert_eq!(one(&b, "[data-figure=missing-count]"), "5");
    for m in missing {
        let code = m["code"].as_str().unwrap();
        let points = one(
            &b,
            &format!("tr[data-missing=\"{code}\"] [data-col=points]"),
        );
        assert_eq!(points, vi_points(m["points"].as_str().unwrap()), "{code}");
    }
    let problems = evidence["problems"].as_array().unwrap();
    assert_eq!(texts(&b, "tr[data-problem]").len(), problems.len());
    assert_eq!(
        one(&b, "[data-figure=problem-count]"),
        problems.len().to_string()
    );

    // The comparison, the three charts and the working sheet of every leaf.
    assert_eq!(texts(&b, "#compare th.num").len(), 3 + 2);
    assert_eq!(
        one(&b, "#compare tr[data-compare=total] [data-year=\"2025\"]"),
        "88,99/100 (88,99%)"
    );
    let charts = b.eval(
        "return Array.from(document.querySelectorAll('figure.chart')).map(f => f.dataset.chart + ':' + f.querySelectorAll('svg').length);",
        vec![],
    );
    assert_eq!(charts, serde_json::json!(["areas:1", "gap:1", "trend:1"]));
    let leaves = score["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["level"] == "leaf")
        .count();
    assert_eq!(texts(&b, "#appendix tr[data-leaf]").len(), leaves);
    assert_eq!(
        one(&b, "#appendix tr[data-leaf=\"1.1.1\"] [data-col=points]"),
        "1 / 1"
    );
    assert_eq!(
        one(&b, "#appendix tr[data-leaf=\"1.1.1\"] [data-col=declared]"),
        "12/01/2026"
    );

    // The footer: the criteria, the time from SOURCE_DATE_EPOCH, the hash of each input.
    assert_eq!(one(&b, "[data-field=criteria-id]"), "haiphong-so-2026");
    assert_eq!(one(&b, "[data-field=generated]"), "15/01/2026 08:30 UTC");
    assert_eq!(
        b.eval(
            "return document.querySelector('[data-field=seal]').dataset.seal;",
            vec![]
        ),
        "none"
    );
    let settings = std::fs::read(root().join("evidence/2026/dossier.json")).unwrap();
    let hashes = texts(&b, "tr[data-input] td.hash");
    assert!(hashes.contains(&parscore::evidence::sha256_bytes(&settings)));
    let criteria = std::fs::read(root().join("criteria/haiphong-so-2026.json")).unwrap();
    assert!(hashes.contains(&parscore::evidence::sha256_bytes(&criteria)));

    // What a person looks at: the first screen, and the whole report printed on A4.
    let dir = looked_at();
    b.screenshot(&dir.join("first-screen.png"));
    let pdf = dir.join("report.pdf");
    b.print_pdf(&pdf);
    let pages = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "50"])
        .arg(&pdf)
        .arg(dir.join("page"))
        .status()
        .expect("pdftoppm (poppler-utils, scripts/test-deps.sh) runs");
    assert!(pages.success());
    assert!(dir.join("page-01.png").exists());
    // No horizontal overflow at A4 width: the page's body set to 210 mm less the margins,
    // nothing in it is wider than the body.
    let overflow = b.eval(
        "document.body.style.maxWidth = 'none'; document.body.style.width = '182mm'; \
         const w = document.body.clientWidth; \
         return Array.from(document.querySelectorAll('body *')) \
           .filter(e => e.getBoundingClientRect().right > document.body.getBoundingClientRect().right + 1) \
           .map(e => e.tagName + '.' + e.className).slice(0, 5).concat([String(w)]);",
        vec![],
    );
    assert_eq!(
        overflow.as_array().unwrap().len(),
        1,
        "wider than A4: {overflow}"
    );
}

const PLANTED: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";

/// Sets `column` of every row of a CSV file to `value`.
fn plant_column(path: &Path, column: &str, value: &str) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    let at = headers.iter().position(|h| h == column).unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        let cells: Vec<&str> = rec
            .iter()
            .enumerate()
            .map(|(i, c)| if i == at { value } else { c })
            .collect();
        w.write_record(cells).unwrap();
    }
    std::fs::write(path, w.into_inner().unwrap()).unwrap();
}

#[test]
fn html_and_script_planted_in_every_text_field_show_as_text() {
    let tmp = copy_sample("evidence/2026");
    let dossier = tmp.path().join("evidence/2026");
    let settings_path = dossier.join("dossier.json");
    let mut settings: Value =
        serde_json::from_str(&std::fs::read_to_string(&settings_path).unwrap()).unwrap();
    settings["unit"] = Value::from(PLANTED);
    std::fs::write(&settings_path, settings.to_string()).unwrap();
    let criteria_path = tmp.path().join("criteria/haiphong-so-2026.json");
    let mut criteria: Value =
        serde_json::from_str(&std::fs::read_to_string(&criteria_path).unwrap()).unwrap();
    criteria["title"] = Value::from(PLANTED);
    criteria["areas"][0]["name"] = Value::from(PLANTED);
    std::fs::write(&criteria_path, criteria.to_string()).unwrap();
    plant_column(&dossier.join("manifest.csv"), "title", PLANTED);
    plant_column(&dossier.join("scores.csv"), "note", PLANTED);
    plant_column(&dossier.join("plan.csv"), "task", PLANTED);
    plant_column(&dossier.join("plan.csv"), "lead", PLANTED);

    report_in(tmp.path(), &["evidence/2026", "--out", "planted.html"]);
    let page = tmp.path().join("planted.html");
    let b = Browser::start();
    b.open_file(&page);
    assert_eq!(b.console_errors(), Vec::<String>::new());
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    assert_eq!(
        page_requests(&b, &url),
        vec![url.clone()],
        "only the page itself"
    );
    let count = |css: &str| {
        b.eval(
            "return document.querySelectorAll(arguments[0]).length;",
            vec![Value::from(css)],
        )
    };
    assert_eq!(count("script"), 0);
    assert_eq!(count("img"), 0);
    assert_eq!(count("[onerror]"), 0);
    assert_eq!(one(&b, "[data-field=unit]"), PLANTED);
    assert_eq!(one(&b, "[data-field=criteria-title]"), PLANTED);
    assert_eq!(
        one(&b, "#areas tr[data-code=\"1\"] td:nth-child(2)"),
        PLANTED
    );
    for (css, what) in [
        ("[data-col=title]", "document titles"),
        ("[data-col=note]", "notes"),
        ("[data-col=task]", "plan tasks"),
        ("[data-lead]:not([data-lead=\"\"])", "lead units"),
    ] {
        let found = texts(&b, css);
        assert!(!found.is_empty(), "no {what}");
        assert!(found.iter().all(|t| t == PLANTED), "{what}: {found:?}");
    }
    let title = b.eval("return document.title;", vec![]);
    assert!(title.as_str().unwrap().contains(PLANTED), "{title}");
    assert!(b.page_text().contains(PLANTED));
}
