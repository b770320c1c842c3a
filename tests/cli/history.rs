//! The web app's changes keep every byte they do not change, are recorded in the dossier's
//! `history.csv` and undone exactly; a stale page's save lands unless someone changed the
//! same row; a save made on disk meanwhile is never overwritten; a sealed dossier says so.

use crate::harness::{copy_sample_without_explanations as copy_sample, run_in};
use crate::server::{Reply, Server};
use std::path::Path;

const D: &str = "evidence/2026";

fn read(dir: &Path, file: &str) -> Vec<u8> {
    std::fs::read(dir.join(D).join(file)).unwrap()
}

fn etag(server: &Server) -> String {
    server.get("/api/v1/dossiers/2026/version").header("etag")
}

/// A change through the API with the given version; `body` is JSON.
fn change(
    server: &Server,
    method: &str,
    path: &str,
    version: &str,
    body: serde_json::Value,
) -> Reply {
    let csrf = csrf(server);
    let mut headers = vec![
        ("X-CSRF-Token", csrf.as_str()),
        ("Content-Type", "application/json"),
    ];
    if !version.is_empty() {
        headers.push(("If-Match", version));
    }
    server.request(
        method,
        &format!("/api/v1/dossiers/2026/{path}"),
        &headers,
        body.to_string().as_bytes(),
    )
}

/// The CSRF token, from a dossier page (the overview draws charts this test does not need).
fn csrf(server: &Server) -> String {
    let page = server.get("/d/2026/plan").body;
    let at = page
        .find("name=\"csrf-token\" content=\"")
        .expect("a csrf meta")
        + 27;
    page[at..at + 64].to_string()
}

fn history(server: &Server) -> serde_json::Value {
    server.get("/api/v1/dossiers/2026/history").json()
}

#[test]
fn a_web_edit_changes_only_the_bytes_of_the_row_it_edits() {
    let dir = copy_sample(D);
    let path = dir.path().join(D).join("scores.csv");
    let nfd = "Ke\u{302}\u{301} hoa\u{323}ch so\u{302}\u{301} 12";
    // CRLF line ends, spaces around a note, blank lines, a decomposed note and a quoted
    // cell holding a line break: all of it other people's, none of it to be touched.
    let original = std::fs::read_to_string(&path)
        .unwrap()
        .replace('\n', "\r\n")
        .replacen(
            "1.1.1,12/01/2026,Kế hoạch số 12/KH-BQL ngày 12/01/2026",
            &format!("\r\n1.1.1,12/01/2026,   {nfd}   \r\n"),
            1,
        )
        .replacen(
            "1.1.3,Đạt yêu cầu,\"Phụ lục xác định",
            "1.1.3,Đạt yêu cầu,\"Dòng một\r\nPhụ lục xác định",
            1,
        );
    std::fs::write(&path, &original).unwrap();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let r = server.put_score("2026", "1.1.2", "Không", "Chưa có phụ lục");
    assert_eq!(r.status, 200, "{}", r.body);
    let old_row = "1.1.2,Có,Phụ lục 22 nhiệm vụ; kinh phí bảo đảm từ ngân sách nhà nước (Mục III Kế hoạch)\r\n";
    assert!(original.contains(old_row));
    let expected = original.replacen(old_row, "1.1.2,Không,Chưa có phụ lục\r\n", 1);
    assert_eq!(
        String::from_utf8(read(dir.path(), "scores.csv")).unwrap(),
        expected
    );

    // A new column by name: added to the header and to this row only.
    let v = etag(&server);
    let r = change(
        &server,
        "PUT",
        "scores/1.1.3",
        &v,
        serde_json::json!({"appraised": "0,5", "appraisal_note": "Thiếu phụ lục; trừ 0,5", "who": "Hội đồng"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let after = String::from_utf8(read(dir.path(), "scores.csv")).unwrap();
    let expected = expected
        .replacen(
            "code,value,note\r\n",
            "code,value,note,appraised,appraisal_note\r\n",
            1,
        )
        .replacen("vụ\"\r\n", "vụ\",\"0,5\",\"Thiếu phụ lục; trừ 0,5\"\r\n", 1);
    assert_eq!(after, expected);

    // plan.csv and manifest.csv: one row each, every other byte kept.
    let plan = String::from_utf8(read(dir.path(), "plan.csv")).unwrap();
    let r = change(
        &server,
        "PUT",
        "plan/2",
        &etag(&server),
        serde_json::json!({"status": "Đã hoàn thành", "done_on": "2026-11-30"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let now = String::from_utf8(read(dir.path(), "plan.csv")).unwrap();
    assert_eq!(
        now,
        plan.replacen(
            "Kế hoạch, Báo cáo\",Đang thực hiện,,1.3.1",
            "Kế hoạch, Báo cáo\",Đã hoàn thành,30/11/2026,1.3.1",
            1
        )
    );
    let manifest = String::from_utf8(read(dir.path(), "manifest.csv")).unwrap();
    let r = change(
        &server,
        "PUT",
        "rows/manifest.csv/VB03",
        &etag(&server),
        serde_json::json!({"cells": {"number": "05/BTD-BQL"}}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let now = String::from_utf8(read(dir.path(), "manifest.csv")).unwrap();
    assert_eq!(
        now,
        manifest.replacen(
            "VB03,bang-theo-doi-tien-do-ke-hoach-cchc-2026.txt,,",
            "VB03,bang-theo-doi-tien-do-ke-hoach-cchc-2026.txt,05/BTD-BQL,",
            1
        )
    );
}

#[test]
fn undoing_each_change_in_reverse_order_restores_the_three_tables_byte_for_byte() {
    let dir = copy_sample(D);
    let before: Vec<Vec<u8>> = ["scores.csv", "plan.csv", "manifest.csv"]
        .iter()
        .map(|f| read(dir.path(), f))
        .collect();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let steps = [
        (
            "PUT",
            "scores/1.1.2",
            serde_json::json!({"value": "Không", "note": "Chưa có"}),
        ),
        (
            "PUT",
            "scores/1.1.3",
            serde_json::json!({"appraised": "1", "appraisal_note": "Thiếu \"phụ lục\""}),
        ),
        (
            "PUT",
            "scores/1.1.3",
            serde_json::json!({"answer": "Đã bổ sung, xem VB01"}),
        ),
        (
            "PUT",
            "plan/1",
            serde_json::json!({"status": "Chưa thực hiện", "done_on": ""}),
        ),
        (
            "PUT",
            "rows/manifest.csv/VB04",
            serde_json::json!({"cells": {"title": "Kế hoạch tự kiểm tra, sửa"}}),
        ),
        (
            "PUT",
            "rows/manifest.csv/VB02",
            serde_json::json!({"remove": true}),
        ),
        (
            "PUT",
            "rows/plan.csv/99",
            serde_json::json!({"create": true, "cells": {"task": "Nhiệm vụ mới", "status": "Đang thực hiện"}}),
        ),
    ];
    let mut numbers = Vec::new();
    for (method, path, body) in &steps {
        let mut body = body.clone();
        body["who"] = "Nguyễn Thị Lan".into();
        let r = change(&server, method, path, &etag(&server), body);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        numbers.push(
            r.json()["change"]
                .as_u64()
                .or_else(|| r.header("x-parscore-change").parse().ok())
                .unwrap(),
        );
    }
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    let h = history(&server);
    let lines = h["entries"].as_array().unwrap();
    let mut oldest_first: Vec<&serde_json::Value> = lines.iter().collect();
    oldest_first.sort_by_key(|e| e["change"].as_u64());
    let seen: Vec<(u64, &str, &str, &str, &str)> = oldest_first
        .iter()
        .map(|e| {
            (
                e["change"].as_u64().unwrap(),
                e["key"].as_str().unwrap(),
                e["column"].as_str().unwrap(),
                e["old"].as_str().unwrap(),
                e["new"].as_str().unwrap(),
            )
        })
        .filter(|l| !l.1.is_empty())
        .collect();
    assert_eq!(
        seen[..4],
        [
            (1, "1.1.2", "value", "Có", "Không"),
            (
                1,
                "1.1.2",
                "note",
                "Phụ lục 22 nhiệm vụ; kinh phí bảo đảm từ ngân sách nhà nước (Mục III Kế hoạch)",
                "Chưa có"
            ),
            (2, "1.1.3", "appraised", "", "1"),
            (2, "1.1.3", "appraisal_note", "", "Thiếu \"phụ lục\""),
        ]
    );
    assert!(lines.iter().all(|e| e["who"] == "Nguyễn Thị Lan"));
    assert!(seen.contains(&(4, "1", "status", "Đã hoàn thành", "Chưa thực hiện")));
    assert!(seen.contains(&(4, "1", "done_on", "12/01/2026", "")));
    for n in numbers.iter().rev() {
        let r = change(
            &server,
            "POST",
            &format!("history/{n}/undo"),
            "",
            serde_json::json!({"who": "Trần Văn Nam"}),
        );
        assert_eq!(r.status, 200, "undo {n}: {}", r.body);
    }
    let after: Vec<Vec<u8>> = ["scores.csv", "plan.csv", "manifest.csv"]
        .iter()
        .map(|f| read(dir.path(), f))
        .collect();
    for (i, f) in ["scores.csv", "plan.csv", "manifest.csv"]
        .iter()
        .enumerate()
    {
        assert_eq!(
            String::from_utf8_lossy(&after[i]),
            String::from_utf8_lossy(&before[i]),
            "{f}"
        );
    }
    // Undoing an undone change again is a conflict: its rows are no longer what it left.
    let r = change(&server, "POST", "history/1/undo", "", serde_json::json!({}));
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(r.json()["reason"], "conflict");
    let text = std::fs::read_to_string(dir.path().join(D).join("history.csv")).unwrap();
    assert!(text.starts_with(
        "\u{feff}change,when,who,kind,file,key,column,old,new,line,old_row,new_row\n1,"
    ));
    assert!(text.contains(",Trần Văn Nam,undo 7,plan.csv,99,"), "{text}");
}

#[test]
fn a_stale_page_s_save_lands_unless_someone_changed_the_same_row_then_both_values_are_shown() {
    let dir = copy_sample(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let stale = etag(&server);
    let lan = serde_json::json!({"value": "Không", "note": "Lan sửa", "who": "Lan",
        "base": {"value": "Có", "note": "Phụ lục 22 nhiệm vụ; kinh phí bảo đảm từ ngân sách nhà nước (Mục III Kế hoạch)"}});
    assert_eq!(
        change(&server, "PUT", "scores/1.1.2", &stale, lan).status,
        200
    );
    // Nam's page still has the old version; his row is another one: it lands.
    let nam = serde_json::json!({"value": "Không đạt yêu cầu", "note": "Nam sửa", "who": "Nam",
        "base": {"value": "Đạt yêu cầu", "note": "Phụ lục xác định đơn vị chủ trì, phối hợp, thời hạn, sản phẩm từng nhiệm vụ"}});
    let r = change(&server, "PUT", "scores/1.1.3", &stale, nam);
    assert_eq!(r.status, 200, "{}", r.body);
    let scores = String::from_utf8(read(dir.path(), "scores.csv")).unwrap();
    assert!(
        scores.contains("1.1.2,Không,Lan sửa\n")
            && scores.contains("1.1.3,Không đạt yêu cầu,Nam sửa\n")
    );
    // The same row: a conflict with both values and who made the other one.
    let nam2 = serde_json::json!({"value": "Có", "note": "Nam cũng sửa", "who": "Nam",
        "base": {"value": "Có", "note": "Phụ lục 22 nhiệm vụ; kinh phí bảo đảm từ ngân sách nhà nước (Mục III Kế hoạch)"}});
    let r = change(&server, "PUT", "scores/1.1.2", &stale, nam2);
    assert_eq!(r.status, 409, "{}", r.body);
    let c = &r.json()["conflict"];
    assert_eq!(
        c["theirs"],
        serde_json::json!({"value": "Không", "note": "Lan sửa"})
    );
    assert_eq!(
        c["yours"],
        serde_json::json!({"value": "Có", "note": "Nam cũng sửa"})
    );
    assert_eq!(c["by"], "Lan");
    assert!(r.json()["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("vừa được Lan sửa"));
    assert_eq!(read(dir.path(), "scores.csv"), scores.as_bytes());
    // Nam keeps his: sent again over what he has now seen.
    let keep = serde_json::json!({"value": "Có", "note": "Nam cũng sửa", "who": "Nam", "base": c["theirs"]});
    assert_eq!(
        change(&server, "PUT", "scores/1.1.2", &stale, keep).status,
        200
    );
    let scores = String::from_utf8(read(dir.path(), "scores.csv")).unwrap();
    assert!(scores.contains("1.1.2,Có,Nam cũng sửa\n"));
    // Without the row it saw, a stale page is refused as before.
    let r = change(
        &server,
        "PUT",
        "scores/1.1.4",
        &stale,
        serde_json::json!({"note": "x"}),
    );
    assert_eq!(
        (r.status, r.json()["reason"].as_str()),
        (409, Some("stale"))
    );
}

#[test]
fn a_colleague_saving_on_disk_while_the_server_saves_loses_nothing_in_60_rounds() {
    let dir = copy_sample(D);
    let folder = dir.path().join(D);
    let path = folder.join("scores.csv");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let csrf = csrf(&server);
    let original = std::fs::read_to_string(&path).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Another parscore (a colleague's server on the shared drive) writes 1.1.3's note in a
    // loop under the dossier's lock, with a new temporary file renamed over the sheet.
    let writer = {
        let (path, folder, stop) = (path.clone(), folder.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0u32;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let lock = loop {
                    match parscore::fsio::lock_folder(&folder) {
                        Ok(l) => break l,
                        Err(_) => std::thread::sleep(std::time::Duration::from_millis(1)),
                    }
                };
                n += 1;
                let text = std::fs::read_to_string(&path).unwrap();
                let start = text.find("\n1.1.3,").unwrap() + 1;
                let end = start + text[start..].find('\n').unwrap();
                let new = format!(
                    "{}1.1.3,Đạt yêu cầu,ghi chú của đồng nghiệp {n}{}",
                    &text[..start],
                    &text[end..]
                );
                parscore::fsio::write_atomic(&path, new.as_bytes()).unwrap();
                drop(lock);
                std::thread::sleep(std::time::Duration::from_millis(3));
            }
            n
        })
    };
    let mut lost = 0;
    for round in 0..60 {
        let value = if round % 2 == 0 { "Không" } else { "Có" };
        let body =
            serde_json::json!({"value": value, "note": format!("vòng {round}"), "who": "Lan"});
        let version = server.get("/api/v1/dossiers/2026/version").header("etag");
        let r = server.request(
            "PUT",
            "/api/v1/dossiers/2026/scores/1.1.2",
            &[
                ("X-CSRF-Token", &csrf),
                ("If-Match", &version),
                ("Content-Type", "application/json"),
            ],
            body.to_string().as_bytes(),
        );
        assert!(r.status == 200 || r.status == 409, "{}", r.body);
        // Whatever landed, the colleague's latest note is in the file.
        let lock = loop {
            match parscore::fsio::lock_folder(&folder) {
                Ok(l) => break l,
                Err(_) => std::thread::sleep(std::time::Duration::from_millis(1)),
            }
        };
        let text = std::fs::read_to_string(&path).unwrap();
        drop(lock);
        if !text.contains("ghi chú của đồng nghiệp") {
            lost += 1;
        }
        if r.status == 200 {
            assert!(
                text.contains(&format!("1.1.2,{value},vòng {round}\n")),
                "round {round}"
            );
        }
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let writes = writer.join().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(&format!(
            "1.1.3,Đạt yêu cầu,ghi chú của đồng nghiệp {writes}\n"
        )),
        "the last write was lost"
    );
    assert_eq!(lost, 0);
    assert!(writes > 10, "the colleague wrote {writes} times");
    assert_ne!(text, original);
}

#[test]
fn a_change_made_on_disk_is_recorded_at_the_next_request_and_can_be_undone() {
    let dir = copy_sample(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let path = dir.path().join(D).join("scores.csv");
    let original = std::fs::read(&path).unwrap();
    server.get("/api/v1/dossiers/2026/version");
    let text = String::from_utf8(original.clone()).unwrap();
    std::fs::write(&path, text.replacen("1.1.2,Có,", "1.1.2,Không,", 1)).unwrap();
    let h = history(&server);
    let e = &h["entries"][0];
    assert_eq!(
        (
            e["kind"].as_str(),
            e["key"].as_str(),
            e["column"].as_str(),
            e["old"].as_str(),
            e["new"].as_str(),
            e["who"].as_str()
        ),
        (
            Some("disk"),
            Some("1.1.2"),
            Some("value"),
            Some("Có"),
            Some("Không"),
            Some("")
        )
    );
    let n = e["change"].as_u64().unwrap();
    let r = change(
        &server,
        "POST",
        &format!("history/{n}/undo"),
        "",
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(std::fs::read(&path).unwrap(), original);
}

#[test]
fn a_sealed_dossier_says_so_asks_before_a_change_and_verify_names_who_broke_it() {
    let dir = copy_sample(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    // Seal needs every listed file: take out the row whose file is missing.
    let r = change(
        &server,
        "PUT",
        "rows/manifest.csv/VB54",
        &etag(&server),
        serde_json::json!({"remove": true, "who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = change(
        &server,
        "POST",
        "seal",
        "",
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.json()["status"], 0, "{}", r.body);
    let page = server.get("/d/2026/plan").body;
    assert!(page.contains("Hồ sơ đã niêm phong"), "{page}");
    assert!(page.contains("bởi Lan"));
    let (code, out, _) = run_in(dir.path(), &["verify", D]);
    assert_eq!(code, 0, "{out}");
    let body = serde_json::json!({"value": "Không", "note": "sau niêm phong", "who": "Nam"});
    let r = change(&server, "PUT", "scores/1.1.2", &etag(&server), body.clone());
    assert_eq!(
        (r.status, r.json()["reason"].as_str()),
        (409, Some("sealed")),
        "{}",
        r.body
    );
    assert_eq!(r.json()["sealed"]["by"], "Lan");
    let mut confirmed = body;
    confirmed["break_seal"] = true.into();
    let r = change(&server, "PUT", "scores/1.1.2", &etag(&server), confirmed);
    assert_eq!(r.status, 200, "{}", r.body);
    let page = server.get("/d/2026/score").body;
    assert!(page.contains("Niêm phong đã bị phá: 1 thay đổi"), "{page}");
    let (code, out, _) = run_in(dir.path(), &["verify", D]);
    assert_eq!(code, 1);
    assert!(out.contains("  đã sửa: scores.csv\n"), "{out}");
    assert!(
        !out.contains("history.csv\n"),
        "the history's new lines do not break the seal: {out}"
    );
    assert!(out.contains("PHÁ NIÊM PHONG"), "{out}");
    assert!(out.contains(", do Nam xác nhận"), "{out}");
    assert!(
        out.contains("Nam: scores.csv 1.1.2 value: \"Có\" → \"Không\""),
        "{out}"
    );
}

#[test]
fn the_council_s_points_are_written_row_exact_recorded_and_ask_before_breaking_a_seal() {
    let dir = copy_sample(D);
    let path = dir.path().join(D).join("scores.csv");
    // Other people's bytes: a CRLF sheet with spaces around a note.
    let original = std::fs::read_to_string(&path)
        .unwrap()
        .replace('\n', "\r\n")
        .replacen("1.1.4,,Tính từ plan.csv", "1.1.4,,  Tính từ plan.csv  ", 1);
    std::fs::write(&path, &original).unwrap();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let cut = serde_json::json!({"appraised": "0,5", "appraisal_note": "Thiếu phụ lục",
        "answer": "Đã bổ sung phụ lục", "who": "Hội đồng"});
    let r = change(&server, "PUT", "council/1.1.2", &etag(&server), cut.clone());
    assert_eq!(r.status, 200, "{}", r.body);
    let expected = original
        .replacen(
            "code,value,note\r\n",
            "code,value,note,appraised,appraisal_note,answer\r\n",
            1,
        )
        .replacen(
            "(Mục III Kế hoạch)\r\n",
            "(Mục III Kế hoạch),0.5,Thiếu phụ lục,Đã bổ sung phụ lục\r\n",
            1,
        );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    let h = history(&server);
    let recorded: Vec<(&str, &str, &str)> = h["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["key"] == "1.1.2")
        .map(|e| {
            (
                e["column"].as_str().unwrap(),
                e["new"].as_str().unwrap(),
                e["who"].as_str().unwrap(),
            )
        })
        .collect();
    // The page reads the points as every page writes them.
    let page = server.get("/d/2026/history").body;
    assert!(
        page.contains("Phiếu chấm · tiêu chí 1.1.2 · Điểm thẩm định"),
        "{page}"
    );
    assert!(page.contains("<td class=\"new\">0,5</td>"), "{page}");
    for cell in [
        ("appraised", "0.5", "Hội đồng"),
        ("appraisal_note", "Thiếu phụ lục", "Hội đồng"),
        ("answer", "Đã bổ sung phụ lục", "Hội đồng"),
    ] {
        assert!(recorded.contains(&cell), "{cell:?} in {recorded:?}");
    }
    // Over the maximum: refused at the leaf, nothing written.
    let r = change(
        &server,
        "PUT",
        "council/1.1.2",
        &etag(&server),
        serde_json::json!({"appraised": "2", "appraisal_note": "", "answer": ""}),
    );
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    // Sealed: the council's change asks first, like every other change.
    let r = change(
        &server,
        "PUT",
        "rows/manifest.csv/VB54",
        &etag(&server),
        serde_json::json!({"remove": true, "who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = change(
        &server,
        "POST",
        "seal",
        "",
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.json()["status"], 0, "{}", r.body);
    let mut again = cut;
    again["appraised"] = "0".into();
    let r = change(
        &server,
        "PUT",
        "council/1.1.2",
        &etag(&server),
        again.clone(),
    );
    assert_eq!(
        (r.status, r.json()["reason"].as_str()),
        (409, Some("sealed")),
        "{}",
        r.body
    );
    again["break_seal"] = true.into();
    let r = change(&server, "PUT", "council/1.1.2", &etag(&server), again);
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn the_hashes_a_seal_writes_are_a_change_of_their_own_and_undoing_it_gives_the_manifest_back() {
    let dir = copy_sample(D);
    // Seal needs every listed file: VB54's is missing. And one row per document: the
    // sample's second VB40 row goes too.
    let path = dir.path().join(D).join("manifest.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let kept: String = text
        .split_inclusive('\n')
        .filter(|l| {
            !l.starts_with("VB54,") && !l.starts_with("VB40,bao-cao-kiem-soat-tthc-thang-4")
        })
        .collect();
    std::fs::write(&path, &kept).unwrap();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let r = change(
        &server,
        "POST",
        "seal",
        "",
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.json()["status"], 0, "{}", r.body);
    let sealed = String::from_utf8(read(dir.path(), "manifest.csv")).unwrap();
    assert_ne!(sealed, kept);
    // Change 1: every row's new hash, by the one who sealed; change 2: the seal itself.
    let h = history(&server);
    let lines = h["entries"].as_array().unwrap();
    let hashes: Vec<&serde_json::Value> = lines.iter().filter(|e| e["change"] == 1).collect();
    assert_eq!(hashes.len(), 99);
    assert!(hashes.iter().all(|e| e["kind"] == "edit"
        && e["file"] == "manifest.csv"
        && e["column"] == "sha256"
        && e["old"] == ""
        && e["who"] == "Lan"));
    let vb01 = hashes.iter().find(|e| e["key"] == "VB01").unwrap();
    let file = std::fs::read(dir.path().join(D).join("files/ke-hoach-cchc-2026.txt")).unwrap();
    let expected: String = {
        use sha2::Digest;
        sha2::Sha256::digest(&file)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    assert_eq!(vb01["new"], expected.as_str());
    let seal: Vec<&serde_json::Value> = lines.iter().filter(|e| e["change"] == 2).collect();
    assert_eq!((seal.len(), &seal[0]["kind"]), (1, &"seal".into()));
    // Recorded before the seal's line, the hashes do not break it.
    let (code, out, _) = run_in(dir.path(), &["verify", D]);
    assert_eq!(code, 0, "{out}");
    // Undone (the dossier is sealed: asked first), the manifest is as it was.
    let r = change(
        &server,
        "POST",
        "history/1/undo",
        "",
        serde_json::json!({"who": "Nam"}),
    );
    assert_eq!(r.json()["reason"], "sealed", "{}", r.body);
    let r = change(
        &server,
        "POST",
        "history/1/undo",
        "",
        serde_json::json!({"who": "Nam", "break_seal": true}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        String::from_utf8(read(dir.path(), "manifest.csv")).unwrap(),
        kept
    );
    let (code, out, _) = run_in(dir.path(), &["verify", D]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("do Nam xác nhận"), "{out}");
}
