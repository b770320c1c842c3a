//! The year finished in a real Chromium, no file touched outside the browser: 2027 started
//! from 2026 on the overview; the missing file of VB54 attached and 2026 sealed; a
//! document taken out and restored byte for byte; a council cut entered with its reason
//! and answer and the letter downloaded; the report header edited with the rest of
//! `dossier.json` kept; the 2024 gap that cannot be measured explained and fixed on the
//! page. Every page is also shot at 1366 × 768 and 390 × 844 (`serve-screens/`), and none
//! scrolls sideways on the phone-size window.

use crate::browser::Browser;
use crate::harness::{copy_sample, copy_sample_without_explanations};
use crate::server::Server;
use fantoccini::Locator;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

fn text_of(b: &Browser, css: &str) -> String {
    b.eval(
        "var e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
        vec![css.into()],
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

fn type_into(b: &Browser, css: &str, text: &str) {
    b.block_on(async {
        let e = b.client().find(Locator::Css(css)).await?;
        e.clear().await?;
        e.send_keys(text).await
    })
    .unwrap_or_else(|e| panic!("type into {css}: {e}"));
}

/// The three shipped years together, as `evidence/` holds them.
fn three_years() -> tempfile::TempDir {
    let dir = copy_sample("evidence/2026");
    for year in ["2024", "2025"] {
        let more = copy_sample(&format!("evidence/{year}"));
        crate::harness::copy_into(more.path(), dir.path());
    }
    dir
}

/// The console's errors, less the refusals a test provokes on purpose (the browser logs
/// every 4xx answer).
fn unexpected_errors(b: &Browser) -> Vec<String> {
    b.console_errors()
        .into_iter()
        .filter(|e| !e.contains("status of 422"))
        .collect()
}

fn screens() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-screens");
    std::fs::create_dir_all(&dir).expect("screens folder");
    dir
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A marker set in the page: still there afterwards means the page was not reloaded.
fn mark_page(b: &Browser) {
    b.eval("window.__same_page = 'yes';", vec![]);
}

fn same_page(b: &Browser) -> bool {
    b.eval("return window.__same_page === 'yes';", vec![]) == true
}

#[test]
fn a_new_year_is_started_from_the_overview_with_the_choices_of_init() {
    let dir = three_years();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    b.goto(&server.url);
    click(&b, "#new-year");
    until("the form", || !text_of(&b, "#start").is_empty());
    // Filled in from the latest year: the unit, the next year, 2026's criteria and ranking.
    let value = |css: &str| {
        b.eval(
            "return document.querySelector(arguments[0]).value;",
            vec![css.into()],
        )
    };
    assert_eq!(value("#s-unit"), "Ban Quản lý Khu kinh tế Hải Phòng");
    assert_eq!(value("#s-year"), "2027");
    assert_eq!(value("#s-criteria"), "../criteria/haiphong-so-2026.json");
    assert_eq!(value("#s-rankings"), "../criteria/rankings.csv");
    assert_eq!(value("#s-group"), "so-ban-nganh");
    assert_eq!(value("#s-rank"), "5");
    assert_eq!(value("#s-plan"), "2026");
    b.screenshot(&screens().join("new-year.png"));
    // A rank the 2026 ranking does not have is refused by init, at its field, nothing made.
    type_into(&b, "#s-rank", "40");
    click(&b, "#start button[type=submit]");
    until("the refusal", || {
        text_of(&b, "#start-msg").contains("target_rank")
    });
    let refusal = text_of(&b, "#start-msg");
    assert!(
        refusal.contains("hạng \"40\" không có trong xếp hạng của khối"),
        "{refusal}"
    );
    assert!(!dir.path().join("evidence/2027").exists());
    type_into(&b, "#s-rank", "5");
    click(&b, "#start button[type=submit]");
    until("the new year's score sheet", || {
        b.block_on(b.client().current_url())
            .is_ok_and(|u| u.path() == "/d/2027/score")
    });
    assert!(
        text_of(&b, "#flash").contains("2027"),
        "{}",
        text_of(&b, "#flash")
    );
    let settings = read(dir.path(), "evidence/2027/dossier.json");
    assert!(settings.contains("\"year\": 2027"), "{settings}");
    assert!(
        settings.contains("\"criteria\": \"../../criteria/haiphong-so-2026.json\""),
        "{settings}"
    );
    assert!(settings.contains("\"target_rank\": 5"), "{settings}");
    // 2026's plan, every task reset and its year moved on.
    let plan = read(dir.path(), "evidence/2027/plan.csv");
    assert!(!plan.contains("Đã hoàn thành"), "{plan}");
    assert_eq!(
        plan.lines().count(),
        read(dir.path(), "evidence/2026/plan.csv").lines().count()
    );
    // The overview lists 2027 at once; its charts stay on 2026, the latest year with figures.
    b.goto(&server.url);
    let overview = b.page_text();
    assert!(overview.contains("2027"), "{overview}");
    assert!(
        overview.contains("Biểu đồ — Ban Quản lý Khu kinh tế Hải Phòng, 2026"),
        "{overview}"
    );
    // The same year again: init refuses, naming the folder as the clerk sees it.
    b.goto(&format!("{}new", server.url));
    type_into(&b, "#s-year", "2027");
    click(&b, "#start button[type=submit]");
    until("the second refusal", || {
        text_of(&b, "#start-msg").contains("dossier.json")
    });
    let again = text_of(&b, "#start-msg");
    assert!(
        !again.contains(&dir.path().display().to_string()),
        "{again}"
    );
    assert_eq!(unexpected_errors(&b), Vec::<String>::new());
}

#[test]
fn the_missing_file_of_vb54_is_attached_on_the_page_and_the_dossier_then_seals() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let attachment = dir.path().join("quy-che.pdf");
    std::fs::write(
        &attachment,
        "%PDF-1.4 Quyết định ban hành Quy chế làm việc (sửa đổi)",
    )
    .unwrap();
    let b = Browser::start();
    b.goto(&format!("{}d/2026/evidence", server.url));
    // Sealing asks first while leaves lack evidence or documents are doubtful; declined,
    // nothing is sealed; confirmed, the seal runs (and here refuses: VB54 has no file).
    let answer = |b: &Browser, yes: bool| {
        b.eval(
            "window.__asked = ''; window.confirm = function (m) { window.__asked = m; return arguments[0] !== undefined && window.__yes; }; window.__yes = arguments[0];",
            vec![yes.into()],
        );
    };
    answer(&b, false);
    click(&b, "#seal");
    until("the question", || {
        text_of(&b, "#seal-result") == "Chưa niêm phong."
    });
    let asked = b.eval("return window.__asked;", vec![]);
    assert!(
        asked
            .as_str()
            .is_some_and(|q| q.starts_with("Còn 5 tiêu chí thiếu tài liệu và ")
                && q.ends_with("Vẫn niêm phong?")),
        "{asked}"
    );
    assert!(!dir.path().join("evidence/2026/seal.json").exists());
    answer(&b, true);
    click(&b, "#seal");
    until("the seal's refusal", || {
        text_of(&b, "#seal-result").contains("niêm phong")
    });
    let refused = text_of(&b, "#seal-result");
    assert!(
        refused.contains("files/qd-quy-che-lam-viec-sua-doi.txt"),
        "{refused}"
    );
    assert!(
        !refused.contains(&dir.path().display().to_string()),
        "{refused}"
    );
    assert!(!dir.path().join("evidence/2026/seal.json").exists());
    assert!(text_of(&b, "#doc-VB54").contains("không có tệp trong files/"));
    let path = attachment.to_str().unwrap().to_string();
    b.block_on(async {
        b.client()
            .find(Locator::Css("#f-VB54"))
            .await?
            .send_keys(&path)
            .await
    })
    .expect("choose the file");
    click(&b, "#doc-VB54 form.doc-file button");
    until("the attached file", || {
        text_of(&b, "#flash").contains("VB54")
    });
    let manifest = read(dir.path(), "evidence/2026/manifest.csv");
    let row = manifest.lines().find(|l| l.starts_with("VB54,")).unwrap();
    let name = row.split(',').nth(1).unwrap();
    assert!(
        name.starts_with("vb54-quyet-dinh-ban-hanh-quy-che-lam-viec") && name.ends_with(".pdf"),
        "{row}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("evidence/2026/files").join(name)).unwrap(),
        std::fs::read(&attachment).unwrap()
    );
    // Every other row as it was.
    let before =
        std::fs::read_to_string(crate::harness::root().join("evidence/2026/manifest.csv")).unwrap();
    let others = |m: &str| {
        m.lines()
            .filter(|l| !l.starts_with("VB54,"))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(others(&manifest), others(&before));
    // The filed document opens from the page, as the file it is.
    let opened = server.get("/d/2026/files/VB54");
    assert_eq!(opened.status, 200);
    assert_eq!(opened.header("content-type"), "application/pdf");
    assert!(opened
        .header("content-security-policy")
        .starts_with("sandbox"));
    // The page reloaded after the attachment: 4.2.2 is no longer missing.
    answer(&b, true);
    click(&b, "#seal");
    until("the seal", || {
        text_of(&b, "#seal-result").contains("Đã niêm phong")
    });
    let asked = b.eval("return window.__asked;", vec![]);
    assert!(
        asked
            .as_str()
            .is_some_and(|q| q.starts_with("Còn 4 tiêu chí thiếu tài liệu và ")),
        "{asked}"
    );
    let sealed = text_of(&b, "#seal-result");
    assert!(sealed.contains("nút «Kiểm tra niêm phong»"), "{sealed}");
    assert!(!sealed.contains("parscore verify"), "{sealed}");
    assert!(dir.path().join("evidence/2026/seal.json").is_file());
    click(&b, "#verify");
    until("the check", || {
        !text_of(&b, "#seal-result").contains("Đã niêm phong")
    });
    assert_eq!(unexpected_errors(&b), Vec::<String>::new());
}

#[test]
fn a_document_taken_out_goes_to_the_removed_list_and_comes_back_byte_for_byte() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let manifest = dir.path().join("evidence/2026/manifest.csv");
    let original = std::fs::read(&manifest).unwrap();
    let b = Browser::start();
    b.goto(&format!("{}d/2026/evidence", server.url));
    assert_eq!(text_of(&b, "#at-risk"), "3,25");
    // The page asks first; the test answers yes.
    b.eval("window.confirm = function () { return true; };", vec![]);
    click(&b, "button.remove[data-doc='VB04']");
    until("the removed list", || {
        text_of(&b, "#removed").contains("VB04")
    });
    let now = read(dir.path(), "evidence/2026/manifest.csv");
    assert!(!now.contains("\nVB04,"), "{now}");
    let files = dir.path().join("evidence/2026/files");
    assert!(!files.join("ke-hoach-tu-kiem-tra-cchc-2026.txt").exists());
    assert!(files
        .join(".removed/ke-hoach-tu-kiem-tra-cchc-2026.txt")
        .is_file());
    let removed = read(dir.path(), "evidence/2026/manifest-removed.csv");
    assert!(removed.starts_with("id,file,number,date,issuer,title,criteria,pages,sha256,removed_as,removed_at,removed_on\n"), "{removed}");
    assert!(
        removed.contains("VB04,ke-hoach-tu-kiem-tra-cchc-2026.txt,28/KH-BQL,10/02/2026,"),
        "{removed}"
    );
    // 1.3.1's plan of self-inspection is now missing: its points are at risk.
    assert_ne!(text_of(&b, "#at-risk"), "3,25");
    assert!(text_of(&b, "#missing").contains("1.3.1"));
    click(&b, "button.restore[data-doc='VB04']");
    until("the restored row", || {
        text_of(&b, "#manifest").contains("VB04")
    });
    assert_eq!(std::fs::read(&manifest).unwrap(), original);
    assert!(files.join("ke-hoach-tu-kiem-tra-cchc-2026.txt").is_file());
    assert_eq!(text_of(&b, "#at-risk"), "3,25");
    assert_eq!(text_of(&b, "#removed"), "");
    // A row corrected on the page: only its cells change.
    b.eval(
        "document.querySelector('#doc-VB04 details.edit').open = true;",
        vec![],
    );
    type_into(
        &b,
        "#doc-VB04 form.doc-edit input[name=number]",
        "29/KH-BQL",
    );
    click(&b, "#doc-VB04 form.doc-edit button");
    until("the corrected row", || {
        text_of(&b, "#doc-VB04").contains("29/KH-BQL")
    });
    let corrected = read(dir.path(), "evidence/2026/manifest.csv");
    assert_eq!(
        corrected,
        String::from_utf8(original)
            .unwrap()
            .replace(",28/KH-BQL,10/02/2026,", ",29/KH-BQL,10/02/2026,")
    );
    assert_eq!(unexpected_errors(&b), Vec::<String>::new());
}

#[test]
fn a_council_cut_with_its_reason_and_answer_changes_the_appraised_index_and_the_letter_downloads() {
    let dir = copy_sample_without_explanations("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    b.goto(&format!("{}d/2026/council", server.url));
    assert_eq!(text_of(&b, "#appraised-index"), "—");
    click(&b, "#council-begin");
    // Every leaf starts at its self-assessed points: the appraised index is the projected one.
    until("the council's table", || {
        !text_of(&b, "table.council").is_empty()
    });
    assert_eq!(text_of(&b, "#appraised-index"), "89,96");
    let scores = read(dir.path(), "evidence/2026/scores.csv");
    assert!(
        scores.starts_with("code,value,note,appraised\n"),
        "{scores}"
    );
    assert!(scores.contains("\n1.1.2,Có,Phụ lục 22 nhiệm vụ; kinh phí bảo đảm từ ngân sách nhà nước (Mục III Kế hoạch),1\n"), "{scores}");
    mark_page(&b);
    type_into(&b, "#a-1_1_2", "0");
    type_into(&b, "#cn-1_1_2", "Phụ lục chưa ghi kinh phí thực hiện");
    type_into(&b, "#ca-1_1_2", "Kinh phí ghi tại Mục III của Kế hoạch");
    click(&b, "#c-1_1_2 button");
    // 89,06 − 1 point of 99: the appraised index 88,95, shown without a reload.
    until("the new appraised index", || {
        text_of(&b, "#appraised-index") == "88,95"
    });
    assert!(same_page(&b));
    assert_eq!(text_of(&b, "#index"), "89,96");
    let scores = read(dir.path(), "evidence/2026/scores.csv");
    assert!(
        scores.starts_with("code,value,note,appraised,appraisal_note,answer\n"),
        "{scores}"
    );
    assert!(
        scores.contains("\n1.1.2,Có,Phụ lục 22 nhiệm vụ; kinh phí bảo đảm từ ngân sách nhà nước (Mục III Kế hoạch),0,Phụ lục chưa ghi kinh phí thực hiện,Kinh phí ghi tại Mục III của Kế hoạch\n"),
        "{scores}"
    );
    // More than the maximum is refused at the row.
    type_into(&b, "#a-1_1_3", "3");
    click(&b, "#c-1_1_3 button");
    until("the refusal", || !text_of(&b, "#m-1_1_3").is_empty());
    assert!(
        text_of(&b, "#m-1_1_3").contains("lớn hơn điểm tối đa"),
        "{}",
        text_of(&b, "#m-1_1_3")
    );
    b.goto(&format!("{}d/2026/council", server.url));
    let link = b.eval(
        "return document.querySelector('a[href$=\"giai-trinh.docx\"]').getAttribute('href');",
        vec![],
    );
    let letter = server.get(link.as_str().unwrap());
    assert_eq!(letter.status, 200);
    assert_eq!(
        letter.header("content-disposition"),
        "attachment; filename=\"giai-trinh-2026.docx\""
    );
    // The overview shows the appraised index of the year.
    b.goto(&server.url);
    assert!(b.text("table.overview").contains("88,95"));
    assert_eq!(unexpected_errors(&b), Vec::<String>::new());
}

#[test]
fn the_report_header_is_edited_on_its_page_and_the_rest_of_dossier_json_kept() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let path = dir.path().join("evidence/2026/dossier.json");
    let before = std::fs::read_to_string(&path).unwrap();
    let b = Browser::start();
    b.goto(&format!("{}d/2026/header", server.url));
    let value = |css: &str| {
        b.eval(
            "return document.querySelector(arguments[0]).value;",
            vec![css.into()],
        )
    };
    assert_eq!(value("#h-number"), "318/BC-BQL");
    assert_eq!(value("#h-date"), "2026-12-05");
    assert_eq!(value("#h-signer_title"), "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN");
    type_into(&b, "#h-number", "320/BC-BQL");
    b.eval(
        "var r = document.getElementById('h-recipients'); r.value = 'Sở Nội vụ thành phố (để báo cáo);\\nLưu: VT, VP.';",
        vec![],
    );
    click(&b, "#header button[type=submit]");
    until("the saved message", || {
        text_of(&b, "#header-msg").contains("dossier.json")
    });
    let after = std::fs::read_to_string(&path).unwrap();
    let expected = before
        .replace("\"number\": \"318/BC-BQL\"", "\"number\": \"320/BC-BQL\"")
        .replace(
            "\"Sở Nội vụ thành phố (để báo cáo);\",\n      \"Trưởng Ban, các Phó Trưởng Ban;\",\n      \"Các phòng, đơn vị thuộc Ban;\",\n      \"Lưu: VT, VP.\"",
            "\"Sở Nội vụ thành phố (để báo cáo);\",\n      \"Lưu: VT, VP.\"",
        );
    assert_eq!(after, expected);
    // What the file check refuses is refused here too, located, nothing written.
    let etag = server.get("/api/v1/dossiers/2026/score").header("etag");
    let csrf = server.csrf();
    let r = server.request(
        "PUT",
        "/api/v1/dossiers/2026/report",
        &[
            ("X-CSRF-Token", &csrf),
            ("If-Match", &etag),
            ("Content-Type", "application/json"),
        ],
        "{\"date\": \"31/02/2026\"}".as_bytes(),
    );
    assert_eq!(r.status, 422, "{}", r.body);
    let e = &r.json()["errors"][0];
    assert_eq!(e["file"], "dossier.json");
    assert_eq!(e["line"], 15);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("không phải là ngày hợp lệ"),
        "{e}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    assert_eq!(unexpected_errors(&b), Vec::<String>::new());
}

#[test]
fn the_2024_gap_that_cannot_be_measured_says_why_and_is_fixed_on_the_page() {
    let dir = three_years();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    b.goto(&format!("{}d/2024/gap", server.url));
    let why = text_of(&b, "#unmeasured");
    assert!(why.contains("mục tiêu hạng 5"), "{why}");
    assert!(why.contains("nên chưa biết điểm của hạng 5"), "{why}");
    assert!(!why.contains("--rank"), "{why}");
    // The rest of the page still works: the appraised index is there.
    assert!(b.page_text().contains("87,11"));
    let first = b.eval(
        "return document.querySelector('#g-rank option').value;",
        vec![],
    );
    click(&b, "#choose-rank button[type=submit]");
    until("the measured gap", || {
        text_of(&b, "table.recovery").contains("#")
    });
    assert!(b.page_text().contains("chưa ghi vào hồ sơ"));
    b.goto(&format!("{}d/2024/gap", server.url));
    click(&b, "#save-rank");
    until("the saved rank", || {
        text_of(&b, "#unmeasured").is_empty() && !text_of(&b, "table.recovery").is_empty()
    });
    let settings = read(dir.path(), "evidence/2024/dossier.json");
    assert!(
        settings.contains(&format!("\"target_rank\": {}", first.as_str().unwrap())),
        "{settings}"
    );
    // The overview, which showed "—", shows 2024's appraised index.
    b.goto(&server.url);
    assert!(b.text("table.overview").contains("87,11"));
    assert_eq!(unexpected_errors(&b), Vec::<String>::new());
}

#[test]
fn a_plan_contradiction_is_a_warning_on_its_row_and_the_totals_change_in_place() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    b.goto(&format!("{}d/2026/plan", server.url));
    mark_page(&b);
    let before = text_of(&b, "#completion");
    b.block_on(async {
        b.client()
            .find(Locator::Css("#s-2"))
            .await?
            .select_by_value("Đã hoàn thành")
            .await
    })
    .expect("choose done");
    b.eval("var d = document.getElementById('d-2'); d.value = ''; d.dispatchEvent(new Event('change'));", vec![]);
    click(&b, "#t-2 button");
    until("the warning", || {
        text_of(&b, "#w-t-2").contains("chưa có ngày hoàn thành")
    });
    assert!(same_page(&b));
    assert_eq!(text_of(&b, "#completion"), before);
    b.eval("var d = document.getElementById('d-2'); d.value = '2026-12-20'; d.dispatchEvent(new Event('change'));", vec![]);
    click(&b, "#t-2 button");
    until("the late date warning", || {
        text_of(&b, "#w-t-2").contains("sau ngày đánh giá hồ sơ 30/11/2026")
    });
    assert_eq!(unexpected_errors(&b), Vec::<String>::new());
}

#[test]
fn every_page_is_shot_at_both_sizes_and_none_scrolls_sideways_on_a_phone() {
    let dir = three_years();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    let pages = [
        ("", "overview"),
        ("new", "new"),
        ("d/2026/score", "score"),
        ("d/2026/evidence", "evidence"),
        ("d/2026/plan", "plan"),
        ("d/2026/gap", "gap"),
        ("d/2024/gap", "gap-2024"),
        ("d/2026/council", "council"),
        ("d/2024/council", "council-2024"),
        ("d/2026/compare", "compare"),
        ("d/2026/header", "header"),
        ("d/2026/report", "report"),
    ];
    let mut wide = Vec::new();
    for (w, h, size) in [(1366, 768, "wide"), (390, 844, "phone")] {
        b.block_on(b.client().set_window_size(w, h))
            .expect("window size");
        for (path, name) in pages {
            b.goto(&format!("{}{path}", server.url));
            b.screenshot(&screens().join(format!("{name}-{size}.png")));
            // The report is the printable A4 page of `parscore report`, with its own styles.
            if size == "phone" && name != "report" {
                // The outermost elements that reach past the window's right edge, if any.
                let overflow = b.eval(
                    "var w = document.documentElement.clientWidth; var out = [];\
                     if (document.documentElement.scrollWidth > w) {\
                       document.querySelectorAll('body *').forEach(function (e) {\
                         var r = e.getBoundingClientRect();\
                         var p = e.parentElement; var boxed = p.closest('.scroll');\
                         if (!boxed && r.right > w + 1 && p.getBoundingClientRect().right <= w + 1) {\
                           out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right)); } }); }\
                     return out.join(', ');",
                    vec![],
                );
                let overflow = overflow.as_str().unwrap_or_default();
                if !overflow.is_empty() {
                    wide.push(format!("{name}: {overflow}"));
                }
            }
            assert_eq!(b.console_errors(), Vec::<String>::new(), "{name} {size}");
        }
    }
    assert_eq!(wide, Vec::<String>::new(), "pages wider than the phone");
    // "Lưu" of a leaf is on the screen once scrolled to, not off to the right.
    b.goto(&format!("{}d/2026/score", server.url));
    let right = b.eval(
        "var e = document.querySelector('#f-1_1_2 button'); e.scrollIntoView(); return e.getBoundingClientRect().right <= window.innerWidth;",
        vec![],
    );
    assert_eq!(right, true);
}

#[test]
fn a_save_far_down_the_sheet_shows_the_new_totals_in_view_without_a_reload() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    b.goto(&format!("{}d/2026/score", server.url));
    mark_page(&b);
    b.eval(
        "document.getElementById('row-5_4_2').scrollIntoView();",
        vec![],
    );
    b.block_on(async {
        b.client()
            .find(Locator::Css("#v-1_1_2"))
            .await?
            .select_by_value("Không")
            .await
    })
    .expect("choose Không");
    b.eval(
        "document.getElementById('row-5_4_2').scrollIntoView();",
        vec![],
    );
    b.eval("document.querySelector('#f-1_1_2 button').click();", vec![]);
    until("the new index", || text_of(&b, "#index") == "88,95");
    b.eval(
        "document.getElementById('row-5_4_2').scrollIntoView();",
        vec![],
    );
    let in_view = b.eval(
        "var r = document.getElementById('index').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;",
        vec![],
    );
    assert_eq!(in_view, true, "the index is in view");
    assert!(same_page(&b));
    assert_eq!(text_of(&b, "#points"), "88,06 / 99");
    assert!(
        text_of(&b, "#flash").contains("Chỉ số: 88,95"),
        "{}",
        text_of(&b, "#flash")
    );
    assert_eq!(unexpected_errors(&b), Vec::<String>::new());
}

#[test]
fn the_new_year_form_names_the_criteria_by_title_and_warns_when_they_are_of_another_year() {
    let dir = three_years();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let page = server.get("/new").body;
    // 2027 is next and there is no 2027 set: 2026's is chosen, and the note is shown.
    assert!(page.contains("value=\"2027\""), "{page}");
    assert!(
        page.contains("data-year=\"2026\" selected>Bộ Chỉ số CCHC sở, ban, ngành thành phố Hải Phòng năm 2026 (mô hình) — "),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"warn\" id=\"s-criteria-year\">Bộ tiêu chí này là của năm khác"),
        "{page}"
    );
    assert!(
        page.contains(">Sở, ban, ngành (so-ban-nganh)</option>"),
        "{page}"
    );
    // A 2027 set beside them is chosen instead, and the note is hidden.
    let set = std::fs::read_to_string(dir.path().join("criteria/haiphong-so-2026.json"))
        .unwrap()
        .replacen("\"year\": 2026", "\"year\": 2027", 1)
        .replacen("năm 2026 (mô hình)", "năm 2027 (mô hình)", 1);
    std::fs::write(dir.path().join("criteria/haiphong-so-2027.json"), set).unwrap();
    let page = server.get("/new").body;
    assert!(
        page.contains("data-year=\"2027\" selected>Bộ Chỉ số CCHC sở, ban, ngành thành phố Hải Phòng năm 2027 (mô hình) — "),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"warn\" id=\"s-criteria-year\" hidden>"),
        "{page}"
    );
}
