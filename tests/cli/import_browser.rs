//! The "import the annex" page in a real Chromium: a Word annex is uploaded, its per-row
//! account shown with the one leaf it could not read marked at its cell, the wording of
//! that leaf corrected on the page and read again, and the result saved as the dossier's
//! criteria file with `dossier.json` pointed at it — no file touched outside the browser.

use crate::browser::Browser;
use crate::harness::copy_sample;
use crate::server::Server;
use fantoccini::Locator;
use std::time::{Duration, Instant};

fn until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(Instant::now() < deadline, "gave up waiting: {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn text(b: &Browser, css: &str) -> String {
    b.eval(
        "var e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
        vec![css.into()],
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[test]
fn a_word_annex_is_imported_corrected_and_saved_from_the_browser() {
    let dir = copy_sample("evidence/2026");
    let annex = dir.path().join("phu-luc-2026.docx");
    let row = |a: &'static str, b: &'static str, c: &'static str, d: &'static str| {
        vec![(a, "", ""), (b, "", ""), (c, "", ""), (d, "", "")]
    };
    crate::import_layouts::write_docx(
        &annex,
        &[
            row("STT", "Tiêu chí", "Điểm tối đa", "Cách tính điểm"),
            row("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "3", ""),
            row("1", "Kế hoạch CCHC", "3", ""),
            row(
                "1.1",
                "Mức độ thực hiện kế hoạch CCHC",
                "2",
                "100%: 2 điểm; từ 80% đến dưới 100%: 1 điểm; dưới 80%: 0 điểm",
            ),
            row(
                "1.2",
                "Thực hiện các nhiệm vụ khác",
                "1",
                "Thực hiện chưa đầy đủ: trừ điểm tương ứng",
            ),
        ],
    );
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    b.goto(&format!("{}d/2026/import", server.url));
    let path = annex.to_str().unwrap().to_string();
    b.block_on(async {
        let c = b.client();
        c.find(Locator::Css("#import-file"))
            .await?
            .send_keys(&path)
            .await?;
        c.find(Locator::Css("#import-form button[type=submit]"))
            .await?
            .click()
            .await
    })
    .expect("choose and read the annex");
    until("the account", || {
        text(&b, "#import-rows tbody").contains("1.1.2")
    });
    // 1.1.1 read exactly, in the words criteria show gives; 1.1.2 marked, with why.
    let exact = text(&b, "tr.import-exact");
    assert!(
        exact.contains("Đạt 100%: 2 điểm; từ 80% đến dưới 100%: 1 điểm; dưới 80%: 0 điểm"),
        "{exact}"
    );
    let manual = text(&b, "tr.import-manual");
    assert!(manual.contains("'Bảng 1'!D5"), "{manual}");
    assert!(
        manual.contains("không đọc được số điểm \"trừ điểm tương ứng\""),
        "{manual}"
    );
    b.block_on(async {
        let c = b.client();
        let t = c.find(Locator::Css("tr.import-manual textarea")).await?;
        t.clear().await?;
        t.send_keys("Đầy đủ: 1 điểm; Chưa đầy đủ: 0,5 điểm; Không thực hiện: 0 điểm")
            .await?;
        c.find(Locator::Css("#import-reread")).await?.click().await
    })
    .expect("correct the wording and read again");
    until("the corrected row read exactly", || {
        text(&b, "tr.import-manual").is_empty()
    });
    assert!(text(&b, "#import-rows tbody")
        .contains("Đầy đủ: 1 điểm; Chưa đầy đủ: 0,5 điểm; Không thực hiện: 0 điểm"));
    b.screenshot(&std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("import-page.png"));
    b.block_on(async {
        let c = b.client();
        let name = c.find(Locator::Css("#import-name")).await?;
        name.clear().await?;
        name.send_keys("bo-chi-so-2026").await?;
        c.find(Locator::Css("#import-point")).await?.click().await?;
        c.find(Locator::Css("#import-do-save")).await?.click().await
    })
    .expect("save");
    let saved = dir.path().join("evidence/2026/bo-chi-so-2026.json");
    until("the criteria file", || saved.exists());
    until("dossier.json pointed at it", || {
        std::fs::read_to_string(dir.path().join("evidence/2026/dossier.json"))
            .unwrap()
            .contains("\"criteria\": \"bo-chi-so-2026.json\"")
    });
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    let leaves = &v["areas"][0]["children"][0]["children"];
    assert_eq!(
        leaves[1]["rule"]["levels"][1],
        serde_json::json!({ "label": "Chưa đầy đủ", "points": "0.5" })
    );
    // The person's correction is theirs, not the table's: modeled, with what the table said.
    assert!(leaves[1]["provenance"].as_str().unwrap().starts_with("modeled: sửa khi nhập; bảng ghi (điểm tối đa | cách tính): \"1 | Thực hiện chưa đầy đủ: trừ điểm tương ứng\""), "{}", leaves[1]["provenance"]);
    assert!(leaves[0]["provenance"]
        .as_str()
        .unwrap()
        .starts_with("official: "));
    assert_eq!(
        leaves[0]["rule"]["bands"][1],
        serde_json::json!({ "when": ">=80", "points": "1" })
    );
    let (code, said, err) = crate::harness::run(&["criteria", "check", saved.to_str().unwrap()]);
    assert_eq!(code, 0, "{said}{err}");
    assert!(b.console_errors().is_empty(), "{:?}", b.console_errors());
}
