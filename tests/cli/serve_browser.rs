//! `parscore serve` in a real Chromium: the pages load without console errors, an edit
//! made in the form changes the index on the page and the file on disk, a bad value shows
//! the located message and writes nothing, an upload clears the leaf's points at risk, and
//! an edit made on disk behind an open page is noticed. Every page is also saved as a
//! screenshot at 1366 × 768 under the target folder (`serve-screens/`) to be looked at.

use crate::browser::Browser;
use crate::harness::{copy_sample, copy_sample_without_explanations};
use crate::server::Server;
use fantoccini::Locator;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn scores(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("evidence/2026/scores.csv")).expect("scores.csv")
}

/// Waits (at most 20 s: a slow machine is not a failure) until `check` holds.
fn until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(Instant::now() < deadline, "gave up waiting: {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn click(b: &Browser, css: &str) {
    b.block_on(async { b.client().find(Locator::Css(css)).await?.click().await })
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

fn text_or_empty(b: &Browser, css: &str) -> String {
    b.eval(
        "var e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
        vec![css.into()],
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

fn screens() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-screens");
    std::fs::create_dir_all(&dir).expect("screens folder");
    dir
}

#[test]
fn every_page_loads_without_console_errors_and_is_saved_as_a_screenshot() {
    let dir = copy_sample("evidence/2026");
    for year in ["2024", "2025"] {
        let more = copy_sample(&format!("evidence/{year}"));
        crate::harness::copy_into(more.path(), dir.path());
    }
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    let pages = [
        ("", "overview"),
        ("d/2026/score", "score"),
        ("d/2026/evidence", "evidence"),
        ("d/2026/plan", "plan"),
        ("d/2026/gap", "gap"),
        ("d/2026/compare", "compare"),
        ("d/2026/report", "report"),
        ("d/2026/score?lang=en", "score-en"),
    ];
    for (path, name) in pages {
        b.goto(&format!("{}{path}", server.url));
        b.screenshot(&screens().join(format!("{name}.png")));
        assert_eq!(b.console_errors(), Vec::<String>::new(), "{name}");
        let outside: Vec<String> = b
            .requests()
            .into_iter()
            .filter(|r| r.starts_with("http") && !r.starts_with(&server.url))
            .collect();
        assert_eq!(outside, Vec::<String>::new(), "{name}: requests elsewhere");
    }
    // Further down: the score sheet's rows and the evidence page's upload form.
    for (path, name) in [
        ("d/2026/score?lang=vi", "score-rows"),
        ("d/2026/evidence", "evidence-lower"),
    ] {
        b.goto(&format!("{}{path}", server.url));
        b.eval("window.scrollTo(0, 560);", vec![]);
        b.screenshot(&screens().join(format!("{name}.png")));
    }
    // The Report tab is the one-page report of `parscore report`, with the unit's other years.
    b.goto(&format!("{}d/2026/report?lang=vi", server.url));
    let report = b.page_text();
    assert!(
        report.contains("Báo cáo Chỉ số cải cách hành chính năm 2026"),
        "{report}"
    );
    assert_eq!(b.text("[data-figure=projected]"), "89,96");
    assert_eq!(b.text("[data-figure=strict]"), "86,68");
    assert!(
        report.contains("2024"),
        "the comparison with 2024: {report}"
    );
    assert_eq!(b.console_errors(), Vec::<String>::new(), "report");
    // The English page set the language cookie; `?lang=vi` switches back.
    b.goto(&format!("{}?lang=vi", server.url));
    let text = b.page_text();
    assert!(text.contains("Tổng quan các hồ sơ"), "{text}");
    assert!(text.contains("89,96"), "the 2026 projected index: {text}");
}

#[test]
fn a_value_changed_in_the_form_changes_the_index_on_the_page_and_the_file() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    b.goto(&format!("{}d/2026/score", server.url));
    assert_eq!(b.text("#index"), "89,96");
    b.block_on(async {
        b.client()
            .find(Locator::Css("#v-1_1_2"))
            .await?
            .select_by_value("Không")
            .await
    })
    .expect("choose Không");
    click(&b, "#f-1_1_2 button");
    // 89,06 − 1 point for 1.1.2 = 88,06 of 99: index 88,95.
    until("the new index", || text_or_empty(&b, "#index") == "88,95");
    assert_eq!(b.text("#p-1_1_2"), "0 / 1");
    assert!(b.text("#flash").contains("1.1.2"));
    let text = String::from_utf8(scores(dir.path())).unwrap();
    assert!(
        text.contains("\n1.1.2,Không,Phụ lục 22 nhiệm vụ; kinh phí bảo đảm từ ngân sách nhà nước (Mục III Kế hoạch),\n"),
        "{text}"
    );
    assert_eq!(b.console_errors(), Vec::<String>::new());
}

#[test]
fn the_unit_s_explanation_is_typed_on_the_score_sheet_even_for_a_leaf_computed_from_the_plan() {
    let dir = copy_sample("evidence/2026");
    let before = String::from_utf8(scores(dir.path())).unwrap();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    b.goto(&format!("{}d/2026/score", server.url));
    let said = "Kế hoạch có Phụ lục 22 nhiệm vụ, kinh phí tại Mục III";
    b.eval(
        "document.getElementById('x-1_1_2').value = arguments[0]; document.getElementById('x-1_1_4').value = arguments[1];",
        vec![said.into(), "Tỷ lệ hoàn thành tính từ plan.csv".into()],
    );
    click(&b, "#f-1_1_2 button");
    until("the first save", || b.text("#flash").contains("1.1.2"));
    click(&b, "#f-1_1_4 button");
    until("the second save", || b.text("#flash").contains("1.1.4"));
    let now = String::from_utf8(scores(dir.path())).unwrap();
    // Only the explanation cells change; 1.1.4 keeps its value and note from the plan.
    let expected = before
        .replacen(
            "(Mục III Kế hoạch),\n",
            &format!("(Mục III Kế hoạch),\"{said}\"\n"),
            1,
        )
        .replacen(
            "\n1.1.4,,Tính từ plan.csv,\n",
            "\n1.1.4,,Tính từ plan.csv,Tỷ lệ hoàn thành tính từ plan.csv\n",
            1,
        );
    assert_eq!(now, expected);
    assert_eq!(b.text("#index"), "89,96");
    b.goto(&format!("{}d/2026/score", server.url));
    let shown = b.eval("return document.getElementById('x-1_1_2').value;", vec![]);
    assert_eq!(shown, said);
    assert_eq!(b.console_errors(), Vec::<String>::new());
}

#[test]
fn a_bad_value_shows_the_located_message_and_the_file_is_unchanged() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let original = scores(dir.path());
    let b = Browser::start();
    b.goto(&format!("{}d/2026/score", server.url));
    b.block_on(async {
        let input = b.client().find(Locator::Css("#v-2_1_1")).await?;
        input.clear().await?;
        input.send_keys("nhiều").await
    })
    .expect("type a bad value");
    click(&b, "#f-2_1_1 button");
    until("the message", || !text_or_empty(&b, "#m-2_1_1").is_empty());
    let message = b.text("#m-2_1_1");
    assert!(
        message.starts_with("scores.csv:10 [2.1.1]: \"nhiều\""),
        "{message}"
    );
    assert_eq!(scores(dir.path()), original);
    assert_eq!(b.text("#index"), "89,96");
}

#[test]
fn an_uploaded_document_clears_the_points_at_risk_and_appears_in_the_manifest() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let upload = dir.path().join("bao-cao.pdf");
    std::fs::write(
        &upload,
        "Báo cáo kết quả theo dõi tình hình thi hành pháp luật",
    )
    .unwrap();
    let b = Browser::start();
    b.goto(&format!("{}d/2026/score", server.url));
    assert_eq!(b.text("#r-2_4_1"), "0,5");
    b.goto(&format!("{}d/2026/evidence", server.url));
    assert_eq!(b.text("#at-risk"), "3,25");
    let path = upload.to_str().unwrap().to_string();
    b.block_on(async {
        let c = b.client();
        c.find(Locator::Css("input[type=file]"))
            .await?
            .send_keys(&path)
            .await?;
        c.find(Locator::Css("#u-criteria"))
            .await?
            .send_keys("2.4.1")
            .await?;
        c.find(Locator::Css("#u-title"))
            .await?
            .send_keys("Báo cáo kết quả theo dõi tình hình thi hành pháp luật")
            .await?;
        c.find(Locator::Css("#u-number"))
            .await?
            .send_keys("301/BC-BQL")
            .await
    })
    .expect("fill the upload form");
    click(&b, "#upload button[type=submit]");
    until("the new total at risk", || {
        text_or_empty(&b, "#at-risk") == "2,75"
    });
    let manifest = b.text("#manifest");
    assert!(manifest.contains("VB101"), "{manifest}");
    assert_eq!(text_or_empty(&b, "#missing tr[data-code='2.4.1']"), "");
    b.goto(&format!("{}d/2026/score", server.url));
    assert_eq!(b.text("#r-2_4_1"), "");
    let stored = std::fs::read_dir(dir.path().join("evidence/2026/files"))
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with("vb101-"));
    assert!(stored);
}

#[test]
fn an_edit_on_disk_behind_an_open_page_is_noticed_and_a_save_of_another_row_still_lands() {
    let dir = copy_sample_without_explanations("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    b.goto(&format!("{}d/2026/score", server.url));
    let path = dir.path().join("evidence/2026/scores.csv");
    let edited = String::from_utf8(scores(dir.path()))
        .unwrap()
        .replace("1.1.3,Đạt yêu cầu,", "1.1.3,Không đạt yêu cầu,");
    std::fs::write(&path, &edited).unwrap();
    until("the notice", || {
        b.eval("return document.getElementById('changed').hidden;", vec![]) == false
    });
    // The notice stays in view wherever the page is scrolled.
    let position = b.eval(
        "window.scrollTo(0, document.body.scrollHeight); var r = document.getElementById('changed').getBoundingClientRect(); return getComputedStyle(document.getElementById('changed')).position + ' ' + (r.bottom <= window.innerHeight && r.top >= 0);",
        vec![],
    );
    assert_eq!(position, "fixed true");
    b.block_on(async {
        b.client()
            .find(Locator::Css("#v-1_1_2"))
            .await?
            .select_by_value("Không")
            .await
    })
    .expect("choose Không");
    click(&b, "#f-1_1_2 button");
    until("the save", || text_or_empty(&b, "#flash").contains("1.1.2"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\n1.1.3,Không đạt yêu cầu,"), "{text}");
    assert!(text.contains("\n1.1.2,Không,"), "{text}");
    // The page keeps what it showed (no reload under the clerk's hands) and the notice
    // stays; «Tải lại trang» shows the colleague's value.
    let notice = b.eval("return document.getElementById('changed').hidden;", vec![]);
    assert_eq!(notice, false);
    click(&b, "#reload");
    until("the reloaded page", || {
        b.eval(
            "var e = document.getElementById('v-1_1_3'); return e ? e.value : '';",
            vec![],
        ) == "Không đạt yêu cầu"
    });
}

#[test]
fn a_task_marked_done_on_the_plan_page_is_written_to_plan_csv() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    b.goto(&format!("{}d/2026/plan", server.url));
    b.block_on(async {
        let c = b.client();
        c.find(Locator::Css("#s-2"))
            .await?
            .select_by_value("Đã hoàn thành")
            .await?;
        // The date picker's own value, as a person's choice would set it.
        c.execute(
            "var d = document.getElementById('d-2'); d.value = '2026-11-20'; d.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await?;
        c.find(Locator::Css("#t-2 button")).await?.click().await
    })
    .expect("mark task 2 done");
    until("the saved message", || {
        text_or_empty(&b, "#flash").contains("2")
    });
    let plan = std::fs::read_to_string(dir.path().join("evidence/2026/plan.csv")).unwrap();
    let line = plan.lines().nth(2).unwrap();
    assert!(
        line.ends_with(",Đã hoàn thành,20/11/2026,1.3.1;1.3.2"),
        "{line}"
    );
    assert_eq!(b.text("#d-2 + .vn-date"), "20/11/2026");
    assert_eq!(b.console_errors(), Vec::<String>::new());
}

/// Chooses `value` in the select or input `css`, and types `note` into the note field.
fn fill(b: &Browser, id: &str, value: &str, note: &str) {
    b.eval(
        "document.getElementById('v-' + arguments[0]).value = arguments[1]; document.getElementById('n-' + arguments[0]).value = arguments[2];",
        vec![id.into(), value.into(), note.into()],
    );
}

fn name(b: &Browser, who: &str) {
    b.eval(
        "var f = document.getElementById('who'); f.value = arguments[0]; f.dispatchEvent(new Event('change'));",
        vec![who.into()],
    );
}

#[test]
fn two_browsers_edits_to_different_leaves_both_land_and_the_same_leaf_shows_both_values() {
    let dir = copy_sample_without_explanations("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let (a, b) = (Browser::start(), Browser::start());
    for (browser, who) in [(&a, "Lan"), (&b, "Nam")] {
        browser.goto(&format!("{}d/2026/score", server.url));
        name(browser, who);
    }
    // A saves 1.1.2; B, on the page loaded before, saves 1.1.3: both land.
    fill(&a, "1_1_2", "Không", "Lan: chưa có phụ lục");
    click(&a, "#f-1_1_2 button");
    until("A's save", || text_or_empty(&a, "#flash").contains("1.1.2"));
    fill(&b, "1_1_3", "Không đạt yêu cầu", "Nam: thiếu thời hạn");
    click(&b, "#f-1_1_3 button");
    until("B's save", || text_or_empty(&b, "#flash").contains("1.1.3"));
    let text = String::from_utf8(scores(dir.path())).unwrap();
    assert!(
        text.contains("\n1.1.2,Không,Lan: chưa có phụ lục\n"),
        "{text}"
    );
    assert!(
        text.contains("\n1.1.3,Không đạt yêu cầu,Nam: thiếu thời hạn\n"),
        "{text}"
    );
    // Both pages now hold the same version; A saves 1.1.2 again, then B types over the
    // same leaf from its older page: a conflict, with both values and A's name.
    b.goto(&format!("{}d/2026/score", server.url));
    a.goto(&format!("{}d/2026/score", server.url));
    fill(&a, "1_1_2", "Có", "Lan: đã bổ sung");
    click(&a, "#f-1_1_2 button");
    until("A's second save", || {
        text_or_empty(&a, "#flash").contains("1.1.2")
    });
    fill(&b, "1_1_2", "Không", "Nam: vẫn thiếu");
    click(&b, "#f-1_1_2 button");
    until("the conflict", || {
        !text_or_empty(&b, "#m-1_1_2 .conflict").is_empty()
    });
    let shown = b.text("#m-1_1_2");
    assert!(shown.contains("Lan"), "{shown}");
    assert!(
        shown.contains("Lan: đã bổ sung") && shown.contains("Nam: vẫn thiếu"),
        "{shown}"
    );
    b.eval(
        "document.getElementById('m-1_1_2').scrollIntoView({block: 'center'});",
        vec![],
    );
    b.screenshot(&screens().join("conflict.png"));
    // Nothing was lost: the file has A's value, B's page still holds what B typed.
    let text = String::from_utf8(scores(dir.path())).unwrap();
    assert!(text.contains("\n1.1.2,Có,Lan: đã bổ sung\n"), "{text}");
    let typed = b.eval("return document.getElementById('n-1_1_2').value;", vec![]);
    assert_eq!(typed, "Nam: vẫn thiếu");
    // B keeps its own value, knowing A's.
    click(&b, "#m-1_1_2 button.keep-mine");
    until("B's value saved", || {
        text_or_empty(&b, "#flash").contains("1.1.2")
    });
    let text = String::from_utf8(scores(dir.path())).unwrap();
    assert!(text.contains("\n1.1.2,Không,Nam: vẫn thiếu\n"), "{text}");
    // The history page lists every change with its author, and undoes the last one.
    b.goto(&format!("{}d/2026/history", server.url));
    let page = b.page_text();
    assert!(page.contains("Lan") && page.contains("Nam"), "{page}");
    b.screenshot(&screens().join("history.png"));
    click(&b, "button.undo");
    until("the undo", || text_or_empty(&b, "#flash").contains("#4"));
    let text = String::from_utf8(scores(dir.path())).unwrap();
    assert!(text.contains("\n1.1.2,Có,Lan: đã bổ sung\n"), "{text}");
    assert_eq!(a.console_errors(), Vec::<String>::new());
    // The browser logs the conflict's 409 itself; nothing else may go wrong.
    let errors: Vec<String> = b
        .console_errors()
        .into_iter()
        .filter(|e| !e.ends_with("status of 409 (Conflict)"))
        .collect();
    assert_eq!(errors, Vec::<String>::new());
}

#[test]
fn a_sealed_dossier_says_so_on_its_pages_and_a_change_asks_before_breaking_the_seal() {
    let dir = copy_sample_without_explanations("evidence/2026");
    // Seal needs every listed file: the row whose file is missing goes first.
    let manifest = dir.path().join("evidence/2026/manifest.csv");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let kept: String = text
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("VB54,"))
        .collect();
    std::fs::write(&manifest, kept).unwrap();
    let (code, out, err) = crate::harness::run_in(dir.path(), &["seal", "evidence/2026"]);
    assert_eq!(code, 0, "{out}{err}");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    b.goto(&format!("{}d/2026/score", server.url));
    assert!(
        b.text("#sealed").starts_with("Hồ sơ đã niêm phong lúc "),
        "{}",
        b.text("#sealed")
    );
    name(&b, "Nam");
    fill(&b, "1_1_2", "Không", "sau niêm phong");
    click(&b, "#f-1_1_2 button");
    let asked = b.block_on(async {
        for _ in 0..100 {
            if let Ok(t) = b.client().get_alert_text().await {
                b.client().accept_alert().await?;
                return Ok::<_, fantoccini::error::CmdError>(t);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(String::new())
    });
    let asked = asked.expect("the confirmation");
    assert!(asked.contains("phá niêm phong"), "{asked}");
    until("the save", || text_or_empty(&b, "#flash").contains("1.1.2"));
    assert!(b
        .text("#sealed")
        .contains("Niêm phong đã bị phá: 1 thay đổi"));
    b.screenshot(&screens().join("sealed.png"));
    let (code, out, _) = crate::harness::run_in(dir.path(), &["verify", "evidence/2026"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("PHÁ NIÊM PHONG") && out.contains("do Nam xác nhận"),
        "{out}"
    );
}
