//! `parscore serve`: the real binary as a child process on a free port, spoken to over
//! plain HTTP/1.1 (`std::net::TcpStream`). The API answers what the commands print; edits
//! keep the file's dress; a foreign `Host`, a change without the CSRF token and a stale
//! version are refused with the file unchanged.

use crate::harness::{copy_sample, root, run, run_in};
use crate::server::{http, Server};
use std::path::Path;

fn scores_of(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("evidence/2026/scores.csv")).expect("scores.csv")
}

#[test]
fn the_api_score_json_is_what_score_prints_byte_for_byte_on_the_shipped_samples() {
    let server = Server::start(&root(), &["evidence", "--port", "0"]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    let list = server.get("/api/v1/dossiers").json();
    assert_eq!(list[0]["id"], "2024");
    assert_eq!(list[2]["id"], "2026");
    assert_eq!(list[2]["year"], 2026);
    assert_eq!(list[2]["unit"], "Ban Quản lý Khu kinh tế Hải Phòng");
    for year in ["2024", "2025", "2026"] {
        let (code, cli, err) = run(&["score", &format!("evidence/{year}"), "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let api = server.get(&format!("/api/v1/dossiers/{year}/score"));
        assert_eq!(api.status, 200);
        assert_eq!(api.body, cli, "{year}");
        assert!(api.header("etag").starts_with('"'), "{year}: an ETag");
    }
    let (_, cli, _) = run(&["gap", "evidence/2026", "--format", "json"]);
    assert_eq!(server.get("/api/v1/dossiers/2026/gap").body, cli);
    let (_, cli, _) = run(&["evidence", "evidence/2026", "--format", "json"]);
    let api = server.get("/api/v1/dossiers/2026/evidence");
    assert_eq!((api.status, api.body), (200, cli));
}

#[test]
fn every_answer_carries_the_security_headers_and_pages_follow_lang() {
    let server = Server::start(&root(), &["evidence/2026", "--port", "0"]);
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-security-policy")
        .contains("default-src 'self'"));
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert_eq!(page.header("referrer-policy"), "no-referrer");
    // The folder's own name is the id when PATH is the dossier itself.
    assert_eq!(server.get("/api/v1/dossiers").json()[0]["id"], "2026");
    assert!(page.body.contains("Tổng quan các hồ sơ"));
    let english = Server::start(&root(), &["evidence/2026", "--port", "0", "--lang", "en"]);
    assert!(english.get("/").body.contains("Overview of the dossiers"));
    assert!(english
        .get("/?lang=vi")
        .body
        .contains("Tổng quan các hồ sơ"));
}

#[test]
fn a_put_changes_the_value_in_scores_csv_and_answers_with_the_new_score() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let before = server.get("/api/v1/dossiers/2026/score").json();
    assert_eq!(before["total"]["achieved"], "89.06");
    let reply = server.put_score("2026", "1.1.2", "Không", "Chưa có phụ lục");
    assert_eq!(reply.status, 200, "{}", reply.body);
    // 1.1.2 is worth 1 point for "Có", 0 for "Không".
    assert_eq!(reply.json()["total"]["achieved"], "88.06");
    let text = String::from_utf8(scores_of(dir.path())).unwrap();
    // The sample's explanation column stays, empty for this row.
    assert!(text.contains("\n1.1.2,Không,Chưa có phụ lục,\n"), "{text}");
    let (_, cli, _) = run_in(dir.path(), &["score", "evidence/2026", "--format", "json"]);
    assert_eq!(reply.body, cli);
}

#[test]
fn a_bad_value_is_refused_with_the_located_message_of_the_cli_and_nothing_written() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let original = scores_of(dir.path());
    let reply = server.put_score("2026", "1.1.2", "Có lẽ", "");
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(scores_of(dir.path()), original);
    let e = &reply.json()["errors"][0];
    // Named from the dossier folder, as the clerk sees it; never where the server keeps it.
    assert_eq!(e["file"], "scores.csv");
    assert_eq!(e["line"], 3);
    assert_eq!(e["code"], "1.1.2");
    // The same file written by hand: `score` says the same.
    let text = String::from_utf8(original).unwrap().replace(
        "1.1.2,Có,Phụ lục 22 nhiệm vụ; kinh phí bảo đảm từ ngân sách nhà nước (Mục III Kế hoạch)",
        "1.1.2,Có lẽ,",
    );
    std::fs::write(dir.path().join("evidence/2026/scores.csv"), text).unwrap();
    let (code, cli, _) = run_in(dir.path(), &["score", "evidence/2026", "--format", "json"]);
    assert_eq!(code, 1);
    let mut cli: serde_json::Value = serde_json::from_str(&cli).unwrap();
    assert_eq!(cli["errors"][0]["file"], "evidence/2026/scores.csv");
    cli["errors"][0]["file"] = "scores.csv".into();
    assert_eq!(cli["errors"][0], *e);
}

#[test]
fn a_semicolon_bom_crlf_scores_csv_keeps_all_three_after_an_edit() {
    let dir = copy_sample("evidence/2026");
    let path = dir.path().join("evidence/2026/scores.csv");
    let plain = std::fs::read_to_string(&path).unwrap();
    let mut table = csv::Reader::from_reader(plain.as_bytes());
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(table.headers().unwrap()).unwrap();
    for r in table.records() {
        w.write_record(&r.unwrap()).unwrap();
    }
    let dressed = [b"\xEF\xBB\xBF".as_slice(), &w.into_inner().unwrap()].concat();
    std::fs::write(&path, &dressed).unwrap();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let reply = server.put_score("2026", "1.1.2", "Không", "sửa trên trang");
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = std::fs::read(&path).unwrap();
    let expected = String::from_utf8(dressed).unwrap().replace(
        "1.1.2;Có;\"Phụ lục 22 nhiệm vụ; kinh phí bảo đảm từ ngân sách nhà nước (Mục III Kế hoạch)\";\r\n",
        "1.1.2;Không;sửa trên trang;\r\n",
    );
    assert!(
        expected.contains("1.1.2;Không;sửa trên trang;\r\n"),
        "the row was rewritten"
    );
    assert_eq!(String::from_utf8(after).unwrap(), expected);
}

#[test]
fn a_foreign_host_a_put_without_the_token_and_a_stale_version_are_refused() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let original = scores_of(dir.path());
    let etag = server.get("/api/v1/dossiers/2026/score").header("etag");
    let csrf = server.csrf();
    let body = br#"{"value": "Kh\u00f4ng", "note": ""}"#;
    let path = "/api/v1/dossiers/2026/scores/1.1.2";
    // DNS rebinding: a page of another site whose name now points at 127.0.0.1.
    let port = server.authority.rsplit(':').next().unwrap().to_string();
    let evil = format!("attacker.example:{port}");
    let json = ("Content-Type", "application/json");
    let r = http(
        &server.authority,
        "PUT",
        path,
        &[
            ("Host", &evil),
            ("X-CSRF-Token", &csrf),
            ("If-Match", &etag),
            json,
        ],
        body,
    );
    assert_eq!(r.status, 421);
    let r = http(
        &server.authority,
        "GET",
        "/api/v1/dossiers",
        &[("Host", &evil)],
        b"",
    );
    assert_eq!(r.status, 421);
    let r = server.request("PUT", path, &[("If-Match", &etag), json], body);
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["errors"][0]["file"], "X-CSRF-Token");
    let r = server.request(
        "PUT",
        path,
        &[
            ("X-CSRF-Token", "0".repeat(64).as_str()),
            ("If-Match", &etag),
            json,
        ],
        body,
    );
    assert_eq!(r.status, 403);
    let r = server.request(
        "PUT",
        path,
        &[("X-CSRF-Token", &csrf), ("If-Match", "\"old\""), json],
        body,
    );
    assert_eq!(r.status, 409);
    assert_eq!(scores_of(dir.path()), original);
}

#[test]
fn beyond_loopback_the_printed_token_sets_a_strict_http_only_session_cookie() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(
        dir.path(),
        &["evidence", "--port", "0", "--host", "0.0.0.0"],
    );
    let (_, token) = server
        .url
        .split_once("/?token=")
        .expect("a token in the address");
    assert_eq!(token.len(), 64);
    assert_eq!(server.get("/").status, 401);
    assert_eq!(server.get("/api/v1/dossiers").status, 401);
    let r = server.get(&format!("/?token={token}"));
    assert_eq!(r.status, 303);
    let cookie = r.header("set-cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_string();
    let r = server.request("GET", "/api/v1/dossiers", &[("Cookie", &pair)], b"");
    assert_eq!(r.status, 200);
    // The sign-in redirect stays on this server and keeps the chosen language.
    let r = server.get(&format!("//evil.example/x?lang=en&token={token}"));
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), "/evil.example/x?lang=en");
}

#[test]
fn an_upload_takes_no_path_from_the_browser_and_adds_its_manifest_row() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let etag = server.get("/api/v1/dossiers/2026/score").header("etag");
    let csrf = server.csrf();
    let boundary = "XparscoreX";
    let mut body = String::new();
    for (k, v) in [
        ("criteria", "2.4.1"),
        (
            "title",
            "Báo cáo kết quả theo dõi tình hình thi hành pháp luật",
        ),
        ("number", "301/BC-BQL"),
        ("date", "2026-10-20"),
        ("issuer", "Ban Quản lý Khu kinh tế Hải Phòng"),
    ] {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../seal.json.pdf\"\r\nContent-Type: application/pdf\r\n\r\nbáo cáo\r\n--{boundary}--\r\n"
    ));
    let kind = format!("multipart/form-data; boundary={boundary}");
    let r = server.request(
        "POST",
        "/api/v1/dossiers/2026/documents",
        &[
            ("X-CSRF-Token", &csrf),
            ("If-Match", &etag),
            ("Content-Type", &kind),
        ],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["id"], "VB101");
    assert_eq!(
        v["file"],
        "vb101-bao-cao-ket-qua-theo-doi-tinh-hinh-thi-h.pdf"
    );
    let stored = dir
        .path()
        .join("evidence/2026/files")
        .join(v["file"].as_str().unwrap());
    assert_eq!(std::fs::read_to_string(stored).unwrap(), "báo cáo");
    assert!(!dir.path().join("seal.json.pdf").exists());
    let manifest = std::fs::read_to_string(dir.path().join("evidence/2026/manifest.csv")).unwrap();
    assert!(manifest.ends_with(
        "VB101,vb101-bao-cao-ket-qua-theo-doi-tinh-hinh-thi-h.pdf,301/BC-BQL,20/10/2026,Ban Quản lý Khu kinh tế Hải Phòng,Báo cáo kết quả theo dõi tình hình thi hành pháp luật,2.4.1,,\n"
    ), "{manifest}");
    let (_, out, _) = run_in(
        dir.path(),
        &["evidence", "evidence/2026", "--format", "json"],
    );
    let e: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        e["missing"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["code"] != "2.4.1"),
        "{out}"
    );
    assert_eq!(e["at_risk"], "2.75");
}

#[test]
fn a_task_edit_changes_its_status_and_date_in_plan_csv_and_a_bad_date_is_refused() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let plan = dir.path().join("evidence/2026/plan.csv");
    let put = |body: serde_json::Value| {
        let etag = server.get("/api/v1/dossiers/2026/score").header("etag");
        let csrf = server.csrf();
        server.request(
            "PUT",
            "/api/v1/dossiers/2026/plan/2",
            &[
                ("X-CSRF-Token", &csrf),
                ("If-Match", &etag),
                ("Content-Type", "application/json"),
            ],
            body.to_string().as_bytes(),
        )
    };
    let before = std::fs::read(&plan).unwrap();
    let r = put(serde_json::json!({"status": "Đã hoàn thành", "done_on": "31/11/2026"}));
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["errors"][0]["line"], 3);
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let r = put(serde_json::json!({"status": "Đã hoàn thành", "done_on": "2026-11-20"}));
    assert_eq!(r.status, 200, "{}", r.body);
    let text = std::fs::read_to_string(&plan).unwrap();
    let line = text.lines().nth(2).unwrap();
    assert!(line.starts_with("2,1,Tổ chức tự kiểm tra"), "{line}");
    assert!(
        line.ends_with(",\"Kế hoạch, Báo cáo\",Đã hoàn thành,20/11/2026,1.3.1;1.3.2"),
        "{line}"
    );
}

#[test]
fn seal_and_verify_answer_with_what_the_commands_print() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let csrf = server.csrf();
    let post = |what: &str| {
        let path = format!("/api/v1/dossiers/2026/{what}");
        server
            .request("POST", &path, &[("X-CSRF-Token", &csrf)], b"")
            .json()
    };
    let (_, _, err) = run_in(dir.path(), &["seal", "evidence/2026"]);
    let seal = post("seal");
    assert_eq!(seal["status"], 1);
    // What the command prints, its files named from the dossier folder.
    assert_eq!(seal["text"], err.replace("evidence/2026/", ""));
    assert!(
        err.contains("không thể niêm phong hồ sơ thiếu tệp"),
        "{err}"
    );
    let verify = post("verify");
    assert_eq!(verify["status"], 2);
    assert!(verify["text"]
        .as_str()
        .unwrap()
        .contains("chưa được niêm phong"));
}

#[test]
fn a_body_that_is_not_the_expected_json_is_refused_with_a_located_message() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let original = scores_of(dir.path());
    let etag = server.get("/api/v1/dossiers/2026/score").header("etag");
    let csrf = server.csrf();
    let r = server.request(
        "PUT",
        "/api/v1/dossiers/2026/scores/1.1.2",
        &[("X-CSRF-Token", &csrf), ("If-Match", &etag)],
        br#"{"value": 1}"#,
    );
    assert_eq!(r.status, 422, "{}", r.body);
    let e = &r.json()["errors"][0];
    assert_eq!(e["file"], "body");
    assert!(
        e["message"].as_str().unwrap().contains("(dòng 1, cột 11)"),
        "{e}"
    );
    assert_eq!(scores_of(dir.path()), original);
}

/// The Office downloads what it hands in: the submission table and the Word report of any
/// dossier, the explanation letter where the council's points are known; each made by
/// `export` itself, outside the dossier, which stays as it was.
#[test]
fn the_documents_to_hand_in_download_from_the_overview() {
    let dir = copy_sample("evidence/2026");
    let more = copy_sample("evidence/2025");
    crate::harness::copy_into(more.path(), dir.path());
    let before = crate::harness::tree_bytes(&dir.path().join("evidence"));
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let overview = server.get("/");
    assert!(overview.body.contains("/d/2026/download/bao-cao.docx"));
    assert!(overview.body.contains("/d/2025/download/giai-trinh.docx"));
    assert!(!overview.body.contains("/d/2026/download/giai-trinh.docx"));
    for (path, mime, name) in [
        (
            "/d/2026/download/bang-tong-hop.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "bang-tong-hop-2026.xlsx",
        ),
        (
            "/d/2026/download/bao-cao.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "bao-cao-2026.docx",
        ),
        (
            "/d/2025/download/giai-trinh.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "giai-trinh-2025.docx",
        ),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert_eq!(r.header("content-type"), mime, "{path}");
        assert_eq!(
            r.header("content-disposition"),
            format!("attachment; filename=\"{name}\""),
            "{path}"
        );
        assert!(r.body.starts_with("PK\u{3}\u{4}"), "{path}: a zip package");
    }
    assert_eq!(server.get("/d/2026/download/passwd").status, 404);
    assert_eq!(
        crate::harness::tree_bytes(&dir.path().join("evidence")),
        before,
        "the dossiers are unchanged"
    );
}

/// What the score sheet's form refuses, the API refuses too, with the file unchanged: a
/// value for a leaf computed from `plan.csv` (it would be ignored), and "không áp dụng"
/// without the note that explains it.
#[test]
fn the_api_refuses_a_plan_leaf_and_not_applicable_without_a_note() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let before = scores_of(dir.path());
    let r = server.put_score("2026", "1.1.4", "10", "nhập tay");
    assert_eq!(r.status, 422, "{}", r.body);
    let said = r.json()["errors"][0].clone();
    assert_eq!(said["code"], "1.1.4", "{said}");
    assert!(
        said["message"]
            .as_str()
            .unwrap()
            .contains("tính từ plan.csv"),
        "{said}"
    );
    let r = server.put_score("2026", "1.1.2", "Không áp dụng", "");
    assert_eq!(r.status, 422, "{}", r.body);
    let said = r.json()["errors"][0].clone();
    assert_eq!(said["code"], "1.1.2", "{said}");
    assert!(
        said["message"].as_str().unwrap().contains("cần ghi chú"),
        "{said}"
    );
    assert_eq!(scores_of(dir.path()), before, "nothing written");
    let r = server.put_score("2026", "1.1.2", "Không áp dụng", "Năm nay không giao");
    assert_eq!(r.status, 200, "{}", r.body);
}

/// Two folders that make the same id ("Sở Nội vụ" and "so-noi-vu") both stay reachable.
#[test]
fn folders_that_make_the_same_id_both_get_one() {
    let site = crate::harness::tempdir();
    let sample = copy_sample("evidence/2026");
    for unit in ["Sở Nội vụ", "so-noi-vu"] {
        let to = site.path().join("ev").join(unit);
        std::fs::create_dir_all(&to).unwrap();
        crate::harness::copy_into(&sample.path().join("evidence"), &to);
    }
    // `../../criteria/` of ev/<unit>/2026 is ev/criteria/.
    crate::harness::copy_into(
        &sample.path().join("criteria"),
        &site.path().join("ev/criteria"),
    );
    let server = Server::start(site.path(), &["ev", "--port", "0"]);
    let list = server.get("/api/v1/dossiers").json();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["so-noi-vu-2026", "so-noi-vu-2026-2"]);
    for id in ids {
        assert_eq!(
            server.get(&format!("/api/v1/dossiers/{id}/score")).status,
            200,
            "{id}"
        );
    }
}

#[test]
fn the_dossier_list_follows_the_folder_while_the_server_runs() {
    let dir = copy_sample("evidence/2026");
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let ids = || -> Vec<String> {
        let list = server.get("/api/v1/dossiers").json();
        list.as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(), ["2026"]);
    let evidence = dir.path().join("evidence");
    // A new year made outside the app (the CLI's init, a copy on the shared drive).
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "init",
            "evidence/2027",
            "--unit",
            "Ban Quản lý Khu kinh tế Hải Phòng",
            "--year",
            "2027",
            "--criteria",
            "criteria/haiphong-so-2026.json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(ids(), ["2026", "2027"]);
    assert_eq!(server.get("/d/2027/score").status, 200);
    std::fs::rename(evidence.join("2027"), evidence.join("2027-thu")).unwrap();
    assert_eq!(ids(), ["2026", "2027-thu"]);
    assert_eq!(server.get("/d/2027/score").status, 404);
    std::fs::remove_dir_all(evidence.join("2027-thu")).unwrap();
    assert_eq!(ids(), ["2026"]);
}

#[test]
fn a_filed_document_is_sent_as_a_file_never_as_a_page_and_never_from_outside_files() {
    let dir = copy_sample("evidence/2026");
    let d = dir.path().join("evidence/2026");
    std::fs::write(d.join("files/trang.html"), "<script>alert('x')</script>").unwrap();
    let mut manifest = std::fs::read_to_string(d.join("manifest.csv")).unwrap();
    manifest.push_str("VB901,trang.html,,,,Trang web,1.1.1,,\n");
    manifest.push_str("VB902,../dossier.json,,,,Ra ngoài,1.1.1,,\n");
    std::fs::write(d.join("manifest.csv"), manifest).unwrap();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let page = server.get("/d/2026/files/VB901");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), "application/octet-stream");
    assert_eq!(
        page.header("content-disposition"),
        "attachment; filename=\"trang.html\"; filename*=UTF-8''trang.html"
    );
    assert!(page
        .header("content-security-policy")
        .starts_with("sandbox"));
    let text = server.get("/d/2026/files/VB01");
    assert_eq!(text.header("content-type"), "text/plain; charset=utf-8");
    assert!(text.header("content-disposition").starts_with("inline;"));
    let outside = server.get("/d/2026/files/VB902");
    assert_eq!(outside.status, 404);
    assert!(
        !outside.body.contains("parscore-dossier"),
        "{}",
        outside.body
    );
    assert_eq!(server.get("/d/2026/files/VB999").status, 404);
}
