//! The Office's afternoon in one real Chromium, on one served folder holding the three
//! shipped years, no file of it touched outside the browser: 2027 started from 2026; a
//! Word annex imported into 2027 and saved as its criteria; the missing file of VB54
//! attached and 2026 sealed; a document taken out and restored byte for byte; a council
//! cut entered with its reason and the appeal letter downloaded; a plan change undone on
//! the history page and the index back to its figure. Then 2026's `history.csv` is read:
//! it names every change with its old and new value, and undoing each one still standing,
//! newest first, on the history page gives back `scores.csv`, `plan.csv`, `manifest.csv`
//! and the documents in `files/` as they were at the start.
//!
//! The test process reads files to check them and writes only the clerk's own files (the
//! annex and the scanned decision) into a folder of its own, outside the served one.
//! Screenshots of the key steps go to `afternoon-screens/` under the target folder.

use crate::browser::Browser;
use crate::harness::{copy_into, copy_sample, copy_sample_without_explanations, tempdir};
use crate::server::Server;
use fantoccini::Locator;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const D: &str = "evidence/2026";
const LAN: &str = "Nguyễn Thị Lan";
const TABLES: [&str; 3] = ["scores.csv", "plan.csv", "manifest.csv"];
const REASON: &str = "Phụ lục chưa ghi kinh phí thực hiện";
const ANSWER: &str = "Kinh phí ghi tại Mục III của Kế hoạch";

fn until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
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

/// Chooses a file in the file input `css`, as the file dialog would.
fn choose_file(b: &Browser, css: &str, file: &Path) {
    let path = file.to_str().expect("a UTF-8 path").to_string();
    b.block_on(async {
        b.client()
            .find(Locator::Css(css))
            .await?
            .send_keys(&path)
            .await
    })
    .unwrap_or_else(|e| panic!("choose {path} in {css}: {e}"));
}

fn choose(b: &Browser, css: &str, value: &str) {
    b.block_on(async {
        b.client()
            .find(Locator::Css(css))
            .await?
            .select_by_value(value)
            .await
    })
    .unwrap_or_else(|e| panic!("choose {value} in {css}: {e}"));
}

fn path_now(b: &Browser) -> String {
    b.block_on(b.client().current_url())
        .map(|u| u.path().to_string())
        .unwrap_or_default()
}

/// The page's confirmations answered yes (the clerk confirms taking a document out and
/// breaking the seal), each question kept in the tab's session storage so that it
/// survives the reload a save makes.
fn answer_yes(b: &Browser) {
    b.eval(
        "window.confirm = function (m) {\
           var a = JSON.parse(sessionStorage.getItem('asked') || '[]'); a.push(m);\
           sessionStorage.setItem('asked', JSON.stringify(a)); return true; };",
        vec![],
    );
}

/// The questions the page asked since the last call.
fn asked(b: &Browser) -> Vec<String> {
    let v = b.eval(
        "var a = sessionStorage.getItem('asked') || '[]'; sessionStorage.removeItem('asked'); return JSON.parse(a);",
        vec![],
    );
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// A marker set in the page: gone afterwards means the page was reloaded.
fn mark_page(b: &Browser) {
    b.eval("window.__same_page = 'yes';", vec![]);
}

fn reloaded(b: &Browser) -> bool {
    b.eval(
        "return window.__same_page !== 'yes' && document.readyState === 'complete';",
        vec![],
    ) == true
}

/// The clerk's name, typed once into the top bar (the page keeps it for every change).
fn give_name(b: &Browser) {
    type_into(b, "#who", &format!("{LAN}\u{E004}"));
}

/// The three shipped years together, 2026's score sheet without the unit's `explanation`
/// column (the whole rows below are spelt out without it).
fn three_years() -> tempfile::TempDir {
    let dir = copy_sample_without_explanations(D);
    for year in ["2024", "2025"] {
        let more = copy_sample(&format!("evidence/{year}"));
        copy_into(more.path(), dir.path());
    }
    dir
}

fn tables(dir: &Path) -> Vec<(String, String)> {
    TABLES
        .iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(D).join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
            (f.to_string(), String::from_utf8(bytes).expect("UTF-8"))
        })
        .collect()
}

/// The documents in 2026's `files/` (names and bytes), leaving out `.removed/`.
fn documents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    crate::harness::tree_bytes(&dir.join(D).join("files"))
        .into_iter()
        .filter(|(p, _)| !p.starts_with(".removed"))
        .collect()
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The console's errors, less the refusals the walk meets on purpose: the browser logs
/// the 409 that asks before the seal is broken.
fn unexpected_errors(b: &Browser) -> Vec<String> {
    b.console_errors()
        .into_iter()
        .filter(|e| !e.ends_with("status of 409 (Conflict)"))
        .collect()
}

fn screens() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("afternoon-screens");
    std::fs::create_dir_all(&dir).expect("screens folder");
    dir
}

/// One line of `history.csv`: change, who, kind, file, key, column, old, new.
type Line = (u64, String, String, String, String, String, String, String);

fn history(dir: &Path) -> Vec<Line> {
    let text = read(dir, &format!("{D}/history.csv"));
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.expect("a history line");
            let cell = |i: usize| rec.get(i).unwrap_or_default().to_string();
            (
                cell(0).parse().expect("a change number"),
                cell(2),
                cell(3),
                cell(4),
                cell(5),
                cell(6),
                cell(7),
                cell(8),
            )
        })
        .collect()
}

/// The change numbers of `history` with a line of `file`, `key`, `column` whose old and
/// new values are these.
fn changes_with(
    history: &[Line],
    kind: &str,
    file: &str,
    key: &str,
    column: &str,
    old: &str,
    new: &str,
) -> Vec<u64> {
    history
        .iter()
        .filter(|l| {
            (
                l.1.as_str(),
                l.2.as_str(),
                l.3.as_str(),
                l.4.as_str(),
                l.5.as_str(),
                l.6.as_str(),
                l.7.as_str(),
            ) == (LAN, kind, file, key, column, old, new)
        })
        .map(|l| l.0)
        .collect()
}

/// The bytes of the file at `href`, fetched by the page itself (same origin, its cookie).
fn download(b: &Browser, href: &str) -> Vec<u8> {
    let v = b.eval(
        "return fetch(arguments[0], {credentials: 'same-origin'})\
           .then(function (r) { return r.arrayBuffer().then(function (a) {\
             return {status: r.status, type: r.headers.get('Content-Type'),\
               disposition: r.headers.get('Content-Disposition'),\
               bytes: Array.from(new Uint8Array(a))}; }); });",
        vec![href.into()],
    );
    assert_eq!(v["status"], 200, "{href}");
    assert_eq!(
        v["disposition"], "attachment; filename=\"giai-trinh-2026.docx\"",
        "{href}"
    );
    v["bytes"]
        .as_array()
        .expect("bytes")
        .iter()
        .map(|n| n.as_u64().expect("a byte") as u8)
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a .docx is a zip");
    let mut part = zip.by_name("word/document.xml").expect("word/document.xml");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut part, &mut xml).expect("UTF-8 XML");
    xml
}

/// The city's annex as Word sends it: one area, one criterion, two leaves whose rules read
/// exactly.
fn the_city_s_annex(desk: &Path) -> PathBuf {
    let annex = desk.join("phu-luc-2027.docx");
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
                "Đầy đủ: 1 điểm; Chưa đầy đủ: 0,5 điểm; Không thực hiện: 0 điểm",
            ),
        ],
    );
    annex
}

/// 2027, started from 2026 on the overview.
fn start_2027(b: &Browser, dir: &Path, url: &str) {
    b.goto(url);
    click(b, "#new-year");
    until("the form of a new year", || {
        !text_of(b, "#start").is_empty()
    });
    let value = |css: &str| {
        b.eval(
            "return document.querySelector(arguments[0]).value;",
            vec![css.into()],
        )
    };
    assert_eq!(value("#s-year"), "2027");
    assert_eq!(value("#s-plan"), "2026");
    b.screenshot(&screens().join("1-new-year.png"));
    click(b, "#start button[type=submit]");
    until("2027's score sheet", || path_now(b) == "/d/2027/score");
    until("the page's message", || !text_of(b, "#flash").is_empty());
    assert_eq!(
        text_of(b, "#flash"),
        "Đã tạo hồ sơ năm mới trong thư mục 2027."
    );
    let settings = read(dir, "evidence/2027/dossier.json");
    assert!(settings.contains("\"year\": 2027"), "{settings}");
    assert!(
        settings.contains("\"criteria\": \"../../criteria/haiphong-so-2026.json\""),
        "{settings}"
    );
    assert_eq!(
        read(dir, "evidence/2027/plan.csv").lines().count(),
        read(dir, "evidence/2026/plan.csv").lines().count()
    );
    assert_eq!(
        text_of(b, "h1"),
        "Phiếu chấm — Ban Quản lý Khu kinh tế Hải Phòng, năm 2027"
    );
    assert_eq!(text_of(b, "#index"), "0,00");
    b.screenshot(&screens().join("1-2027-score.png"));
}

/// The city's annex imported on 2027's page, its account read, saved as its criteria.
fn import_the_annex(b: &Browser, dir: &Path, url: &str, annex: &Path) {
    b.goto(&format!("{url}d/2027/import"));
    give_name(b);
    choose_file(b, "#import-file", annex);
    click(b, "#import-form button[type=submit]");
    until("the account of the annex", || {
        text_of(b, "#import-rows tbody").contains("1.1.2")
    });
    let exact = text_of(b, "#import-rows tbody");
    assert!(
        exact.contains("Đạt 100%: 2 điểm; từ 80% đến dưới 100%: 1 điểm; dưới 80%: 0 điểm"),
        "{exact}"
    );
    assert!(
        exact.contains("Đầy đủ: 1 điểm; Chưa đầy đủ: 0,5 điểm; Không thực hiện: 0 điểm"),
        "{exact}"
    );
    assert_eq!(text_of(b, "tr.import-manual"), "");
    let read_exactly = b.eval(
        "return document.querySelectorAll('tr.import-exact').length;",
        vec![],
    );
    assert_eq!(read_exactly, 2);
    b.screenshot(&screens().join("2-import.png"));
    type_into(b, "#import-name", "bo-chi-so-2027");
    click(b, "#import-point");
    mark_page(b);
    click(b, "#import-do-save");
    until("the saved annex", || reloaded(b));
    assert_eq!(
        text_of(b, "#flash"),
        "Đã lưu bo-chi-so-2027.json vào hồ sơ; dossier.json dùng bộ chỉ số này."
    );
    assert!(
        read(dir, "evidence/2027/dossier.json").contains("\"criteria\": \"bo-chi-so-2027.json\"")
    );
    let criteria: serde_json::Value =
        serde_json::from_str(&read(dir, "evidence/2027/bo-chi-so-2027.json")).unwrap();
    let area = &criteria["areas"][0];
    assert_eq!((&area["code"], &area["max"]), (&"1".into(), &"3".into()));
    let leaves: Vec<(String, String)> = area["children"][0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["code"].as_str().unwrap().to_string(),
                l["max"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        leaves,
        [("1.1.1".into(), "2".into()), ("1.1.2".into(), "1".into())]
    );
}

/// VB54's missing file attached on 2026's evidence page, then 2026 sealed.
fn attach_vb54_and_seal(b: &Browser, dir: &Path, url: &str, scan: &Path) -> String {
    b.goto(&format!("{url}d/2026/evidence"));
    assert!(text_of(b, "#doc-VB54").contains("không có tệp trong files/"));
    choose_file(b, "#f-VB54", scan);
    answer_yes(b);
    click(b, "#doc-VB54 form.doc-file button");
    until("the attached file", || {
        text_of(b, "#flash").contains("VB54")
    });
    let manifest = read(dir, &format!("{D}/manifest.csv"));
    let vb54 = manifest.lines().find(|l| l.starts_with("VB54,")).unwrap();
    let vb54_file = vb54.split(',').nth(1).unwrap().to_string();
    assert_eq!(
        vb54_file,
        "vb54-quyet-dinh-ban-hanh-quy-che-lam-viec-sua.pdf"
    );
    assert_eq!(
        std::fs::read(dir.join(D).join("files").join(&vb54_file)).unwrap(),
        std::fs::read(scan).unwrap()
    );
    // Sealing asks first while leaves still lack evidence; the clerk seals anyway.
    answer_yes(b);
    asked(b);
    click(b, "#seal");
    until("the seal", || {
        text_of(b, "#seal-result").contains("Đã niêm phong")
    });
    let question = asked(b);
    assert_eq!(question.len(), 1, "{question:?}");
    assert!(
        question[0].starts_with("Còn 4 tiêu chí thiếu tài liệu và 10 văn bản đáng ngờ"),
        "{question:?}"
    );
    let sealed = text_of(b, "#seal-result");
    assert!(sealed.contains("nút «Kiểm tra niêm phong»"), "{sealed}");
    assert!(dir.join(D).join("seal.json").is_file());
    b.screenshot(&screens().join("3-sealed.png"));
    vb54_file
}

/// A document taken out of the sealed dossier and restored: the manifest as it was.
fn take_out_and_restore_vb04(b: &Browser, dir: &Path) {
    let before_removal = std::fs::read(dir.join(D).join("manifest.csv")).unwrap();
    answer_yes(b);
    mark_page(b);
    click(b, "button.remove[data-doc='VB04']");
    until("the removed list", || {
        reloaded(b) && text_of(b, "#removed").contains("VB04")
    });
    let asked_removal = asked(b);
    assert!(
        asked_removal
            .iter()
            .any(|q| q.starts_with("Gỡ VB04 khỏi hồ sơ?")),
        "{asked_removal:?}"
    );
    let files = dir.join(D).join("files");
    assert!(files
        .join(".removed/ke-hoach-tu-kiem-tra-cchc-2026.txt")
        .is_file());
    assert!(!files.join("ke-hoach-tu-kiem-tra-cchc-2026.txt").exists());
    b.eval(
        "document.getElementById('removed').scrollIntoView();",
        vec![],
    );
    b.screenshot(&screens().join("4-removed.png"));
    answer_yes(b);
    mark_page(b);
    click(b, "button.restore[data-doc='VB04']");
    until("the restored row", || {
        reloaded(b) && text_of(b, "#manifest").contains("VB04")
    });
    assert_eq!(text_of(b, "#removed"), "");
    assert_eq!(
        String::from_utf8(std::fs::read(dir.join(D).join("manifest.csv")).unwrap()).unwrap(),
        String::from_utf8(before_removal).unwrap()
    );
    assert!(files.join("ke-hoach-tu-kiem-tra-cchc-2026.txt").is_file());
}

/// The council's cut of 1.1.2 with its reason and the unit's answer; the letter.
fn cut_1_1_2_and_download_the_letter(b: &Browser, dir: &Path, url: &str) {
    b.goto(&format!("{url}d/2026/council"));
    answer_yes(b);
    click(b, "#council-begin");
    until("the council's table", || {
        !text_of(b, "table.council").is_empty()
    });
    assert_eq!(text_of(b, "#appraised-index"), "89,96");
    type_into(b, "#a-1_1_2", "0");
    type_into(b, "#cn-1_1_2", REASON);
    type_into(b, "#ca-1_1_2", ANSWER);
    answer_yes(b);
    click(b, "#c-1_1_2 button");
    until("the new appraised index", || {
        text_of(b, "#appraised-index") == "88,95"
    });
    let asked_council = asked(b);
    assert!(
        asked_council.iter().any(|q| q.contains("phá niêm phong")),
        "the council's cut asks before breaking the seal: {asked_council:?}"
    );
    assert_eq!(text_of(b, "#index"), "89,96");
    let scores = read(dir, &format!("{D}/scores.csv"));
    assert!(
        scores.starts_with("code,value,note,appraised,appraisal_note,answer\n"),
        "{scores}"
    );
    assert!(
        scores.contains(&format!("\n1.1.2,Có,Phụ lục 22 nhiệm vụ; kinh phí bảo đảm từ ngân sách nhà nước (Mục III Kế hoạch),0,{REASON},{ANSWER}\n")),
        "{scores}"
    );
    b.screenshot(&screens().join("5-council.png"));
    let href = b.eval(
        "return document.querySelector('a[href$=\"giai-trinh.docx\"]').getAttribute('href');",
        vec![],
    );
    let letter = download(b, href.as_str().expect("the letter's link"));
    let xml = document_xml(&letter);
    assert!(xml.contains(REASON), "the council's reason in the letter");
    assert!(xml.contains(ANSWER), "the unit's answer in the letter");
    assert!(xml.contains("1.1.2"), "the leaf's code in the letter");
}

/// A plan task marked not done drops the index; undone on the history page, the
/// index is back to its figure.
fn undo_a_plan_change(b: &Browser, dir: &Path, url: &str) -> u64 {
    b.goto(&format!("{url}d/2026/plan"));
    assert_eq!(text_of(b, "#index"), "89,96");
    assert_eq!(text_of(b, "#completion"), "100,00%");
    let plan_before = read(dir, &format!("{D}/plan.csv"));
    choose(b, "#s-1", "Chưa thực hiện");
    b.block_on(async { b.client().find(Locator::Css("#d-1")).await?.clear().await })
        .expect("clear the date");
    answer_yes(b);
    click(b, "#t-1 button");
    until("the saved task", || {
        text_of(b, "#flash").starts_with("Đã lưu nhiệm vụ 1")
    });
    let dropped = text_of(b, "#index");
    assert_eq!(dropped, "88,95");
    // 5 of the 6 tasks due by 30/11/2026 done: 1.1.4 drops from 2 points to 1, of 99.
    assert_eq!(text_of(b, "#completion"), "83,33%");
    let plan = read(dir, &format!("{D}/plan.csv"));
    assert_eq!(
        plan,
        plan_before.replacen(
            ",Kế hoạch,Đã hoàn thành,12/01/2026,1.1.1;1.1.2;1.1.3\n",
            ",Kế hoạch,Chưa thực hiện,,1.1.1;1.1.2;1.1.3\n",
            1
        )
    );
    let h = history(dir);
    let plan_change = changes_with(
        &h,
        "edit",
        "plan.csv",
        "1",
        "status",
        "Đã hoàn thành",
        "Chưa thực hiện",
    );
    assert_eq!(plan_change.len(), 1, "{h:?}");
    let plan_change = plan_change[0];
    b.goto(&format!("{url}d/2026/history"));
    b.screenshot(&screens().join("6-history.png"));
    answer_yes(b);
    mark_page(b);
    click(b, &format!("button.undo[data-change='{plan_change}']"));
    until("the undo", || {
        reloaded(b) && text_of(b, "#flash").contains(&format!("#{plan_change}"))
    });
    b.goto(&format!("{url}d/2026/plan"));
    assert_eq!(text_of(b, "#index"), "89,96");
    assert_eq!(text_of(b, "#completion"), "100,00%");
    assert_eq!(read(dir, &format!("{D}/plan.csv")), plan_before);
    b.screenshot(&screens().join("6-plan-undone.png"));
    plan_change
}

/// The history names every change with its old and new value.
fn the_history_names_every_change(dir: &Path, plan_change: u64, vb54_file: &str) {
    let h = history(dir);
    let removed_row =
        String::from_utf8_lossy(&std::fs::read(dir.join(D).join("manifest.csv")).unwrap())
            .lines()
            .find(|l| l.starts_with("VB04,"))
            .unwrap()
            .to_string();
    for (what, kind, file, key, column, old, new) in [
        (
            "the plan change",
            "edit",
            "plan.csv",
            "1",
            "done_on",
            "12/01/2026",
            "",
        ),
        (
            "its undo",
            &*format!("undo {plan_change}"),
            "plan.csv",
            "1",
            "status",
            "Chưa thực hiện",
            "Đã hoàn thành",
        ),
        (
            "the council's cut",
            "edit",
            "scores.csv",
            "1.1.2",
            "appraised",
            "1",
            "0",
        ),
        (
            "the council's reason",
            "edit",
            "scores.csv",
            "1.1.2",
            "appraisal_note",
            "",
            REASON,
        ),
        (
            "the unit's answer",
            "edit",
            "scores.csv",
            "1.1.2",
            "answer",
            "",
            ANSWER,
        ),
        (
            "VB54's file",
            "edit",
            "manifest.csv",
            "VB54",
            "file",
            "qd-quy-che-lam-viec-sua-doi.txt",
            vb54_file,
        ),
        (
            "VB04 taken out",
            "edit",
            "manifest.csv",
            "VB04",
            "",
            &removed_row,
            "",
        ),
        (
            "VB04 restored",
            "edit",
            "manifest.csv",
            "VB04",
            "",
            "",
            &removed_row,
        ),
    ] {
        assert_eq!(
            changes_with(&h, kind, file, key, column, old, new).len(),
            1,
            "{what} in the history: {h:#?}"
        );
    }
    // Change by change: what it was, the file it changed, how many cells, and whether it
    // was made to the sealed dossier (a break-seal line first). The seal's hashes are 101
    // cells, one per document; the council's start is the header and the 82 rows' new
    // `appraised` cell (the 7 leaves without a row have 0 points and get none).
    let mut summary: Vec<(u64, String, String, usize, bool)> = Vec::new();
    for l in &h {
        if !summary.iter().any(|s| s.0 == l.0) {
            let lines: Vec<&Line> = h.iter().filter(|m| m.0 == l.0).collect();
            let first = lines.iter().find(|m| m.2 != "break-seal").expect("a line");
            summary.push((
                l.0,
                first.2.clone(),
                first.3.clone(),
                lines.iter().filter(|m| m.2 != "break-seal").count(),
                lines.iter().any(|m| m.2 == "break-seal"),
            ));
        }
    }
    let s = |n: u64, kind: &str, file: &str, cells: usize, broke: bool| {
        (n, kind.to_string(), file.to_string(), cells, broke)
    };
    assert_eq!(
        summary,
        [
            s(1, "edit", "manifest.csv", 1, false),
            s(2, "edit", "manifest.csv", 101, false),
            s(3, "seal", "seal.json", 1, false),
            s(4, "edit", "manifest.csv", 1, true),
            s(5, "edit", "manifest.csv", 1, true),
            s(6, "edit", "scores.csv", 83, true),
            s(7, "edit", "scores.csv", 5, true),
            s(8, "edit", "plan.csv", 2, true),
            s(9, "undo 8", "plan.csv", 2, true),
        ],
        "{h:#?}"
    );
    // The seal's hashes, one of them by hand: VB01's file as the seal read it.
    let vb01 = crate::harness::root().join("evidence/2026/files/ke-hoach-cchc-2026.txt");
    let vb01 = sha256_hex(&std::fs::read(vb01).unwrap());
    assert_eq!(
        changes_with(&h, "edit", "manifest.csv", "VB01", "sha256", "", &vb01),
        [2]
    );
}

/// Every change still standing undone on the history page, newest first.
fn undo_every_change_newest_first(b: &Browser, dir: &Path, url: &str) -> Vec<u64> {
    let h = history(dir);
    let undone: Vec<u64> = h
        .iter()
        .filter_map(|l| l.2.strip_prefix("undo ")?.parse().ok())
        .collect();
    let mut standing: Vec<u64> = Vec::new();
    for l in &h {
        let undo = l.2.starts_with("undo ");
        let first_kind = h
            .iter()
            .find(|m| m.0 == l.0 && m.2 != "break-seal")
            .map(|m| m.2.as_str());
        if !undo
            && matches!(first_kind, Some("edit") | Some("disk"))
            && !undone.contains(&l.0)
            && !standing.contains(&l.0)
        {
            standing.push(l.0);
        }
    }
    standing.sort_unstable_by(|a, b| b.cmp(a));
    for n in &standing {
        b.goto(&format!("{url}d/2026/history"));
        answer_yes(b);
        mark_page(b);
        click(b, &format!("button.undo[data-change='{n}']"));
        until(&format!("the undo of change {n}"), || {
            reloaded(b) || !text_of(b, "#undo-msg").is_empty()
        });
        assert_eq!(
            text_of(b, "#undo-msg"),
            "",
            "undo of change {n} refused (history: {h:#?})"
        );
        assert!(
            text_of(b, "#flash").contains(&format!("#{n}")),
            "{}",
            text_of(b, "#flash")
        );
    }
    b.eval("window.scrollTo(0, 0);", vec![]);
    b.screenshot(&screens().join("7-all-undone.png"));
    standing
}

#[test]
fn the_office_s_afternoon_is_walked_end_to_end_in_one_browser() {
    let dir = three_years();
    let start_tables = tables(dir.path());
    let start_documents = documents(dir.path());
    // The clerk's own files, on the desktop: the city's annex and the scanned decision.
    let desk = tempdir();
    let annex = the_city_s_annex(desk.path());
    let scan = desk.path().join("quy-che.pdf");
    std::fs::write(
        &scan,
        "%PDF-1.4 Quyết định ban hành Quy chế làm việc (sửa đổi)",
    )
    .unwrap();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = Browser::start();
    let url = server.url.as_str();

    start_2027(&b, dir.path(), url);
    import_the_annex(&b, dir.path(), url, &annex);
    let vb54_file = attach_vb54_and_seal(&b, dir.path(), url, &scan);
    take_out_and_restore_vb04(&b, dir.path());
    cut_1_1_2_and_download_the_letter(&b, dir.path(), url);
    let plan_change = undo_a_plan_change(&b, dir.path(), url);
    the_history_names_every_change(dir.path(), plan_change, &vb54_file);
    let standing = undo_every_change_newest_first(&b, dir.path(), url);
    // The three tables byte for byte; a difference is shown as the lines that differ.
    for ((file, start), (_, end)) in start_tables.iter().zip(&tables(dir.path())) {
        let differ: Vec<(usize, &str, &str)> = start
            .split_inclusive('\n')
            .zip(end.split_inclusive('\n'))
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| (i + 1, a, b))
            .collect();
        assert_eq!(
            differ,
            Vec::<(usize, &str, &str)>::new(),
            "{file} after undoing {standing:?}: (line, at the start, now)"
        );
        assert_eq!(end, start, "{file} after undoing {standing:?}");
    }
    // And the documents in files/: the undone attachment of VB54 leaves the file it
    // attached (it moves to files/.removed/ once an undo of a document's file does).
    let names = |d: &[(PathBuf, Vec<u8>)]| d.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    let end_documents = documents(dir.path());
    assert_eq!(
        names(&end_documents),
        names(&start_documents),
        "the documents in files/"
    );
    assert!(end_documents == start_documents, "the documents' bytes");
    assert_eq!(unexpected_errors(&b), Vec::<String>::new());
}
