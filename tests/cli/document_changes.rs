//! A document's changes on the Evidence page, the report header and the council's start,
//! through the API the pages use: each changes only its own row's bytes, asks before it
//! breaks a seal (and is recorded as breaking it when confirmed), and is undone with its
//! file: a removal undone brings the file back from `files/.removed/`, an attachment undone
//! sets the new file aside and the manifest is as it was.

use crate::harness::{copy_sample_without_explanations as copy_sample, run_in};
use crate::server::{Reply, Server};
use std::path::Path;

const D: &str = "evidence/2026";

fn etag(server: &Server) -> String {
    server.get("/api/v1/dossiers/2026/version").header("etag")
}

fn change(server: &Server, method: &str, path: &str, body: serde_json::Value) -> Reply {
    let (csrf, version) = (server.csrf(), etag(server));
    server.request(
        method,
        &format!("/api/v1/dossiers/2026/{path}"),
        &[
            ("X-CSRF-Token", csrf.as_str()),
            ("Content-Type", "application/json"),
            ("If-Match", version.as_str()),
        ],
        body.to_string().as_bytes(),
    )
}

/// A form post with one file, as the page's «Đính kèm» sends it.
fn attach(server: &Server, doc: &str, name: &str, bytes: &[u8], fields: &[(&str, &str)]) -> Reply {
    let b = "----parscore-test-boundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .as_bytes(),
    );
    body.extend(bytes);
    body.extend(format!("\r\n--{b}--\r\n").as_bytes());
    let (csrf, version) = (server.csrf(), etag(server));
    let kind = format!("multipart/form-data; boundary={b}");
    server.request(
        "POST",
        &format!("/api/v1/dossiers/2026/documents/{doc}/file"),
        &[
            ("X-CSRF-Token", csrf.as_str()),
            ("Content-Type", kind.as_str()),
            ("If-Match", version.as_str()),
        ],
        &body,
    )
}

fn history(server: &Server) -> Vec<serde_json::Value> {
    server.get("/api/v1/dossiers/2026/history").json()["entries"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn last_change(server: &Server) -> u64 {
    history(server)
        .iter()
        .filter_map(|e| e["change"].as_u64())
        .max()
        .unwrap_or(0)
}

fn undo(server: &Server, n: u64) -> Reply {
    change(
        server,
        "POST",
        &format!("history/{n}/undo"),
        serde_json::json!({"who": "Lan", "break_seal": true}),
    )
}

/// The names in `files/`, without the hidden folder of files taken out.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join(D).join("files"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".removed")
        .collect();
    names.sort();
    names
}

fn sealed(r: &Reply) -> bool {
    r.status == 409 && r.json()["reason"] == "sealed"
}

#[test]
fn a_document_s_correction_changes_only_its_own_cells_and_every_other_byte_stays() {
    let dir = copy_sample(D);
    let path = dir.path().join(D).join("manifest.csv");
    // Other people's bytes: CRLF line ends, a blank line, spaces around a cell, a quoted
    // cell that needs no quotes.
    let original = std::fs::read_to_string(&path)
        .unwrap()
        .replace('\n', "\r\n")
        .replacen("\r\nVB03,", "\r\n\r\nVB03,", 1)
        .replacen(",226/BC-BQL,", ",  226/BC-BQL  ,", 1)
        .replacen(",28/KH-BQL,10/02/2026,", ",28/KH-BQL,\"10/02/2026\",", 1);
    std::fs::write(&path, &original).unwrap();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let r = change(
        &server,
        "PUT",
        "documents/VB05",
        serde_json::json!({"number": "284/BC-BQL", "date": "2026-11-20",
            "issuer": "Ban Quản lý Khu kinh tế Hải Phòng",
            "title": "Báo cáo kết quả tự kiểm tra công tác cải cách hành chính năm 2026 (đã kiểm tra 4/5 phòng, đơn vị)",
            "criteria": "1.3.2#1", "who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let now = std::fs::read_to_string(&path).unwrap();
    let row_before = original
        .split("\r\n")
        .find(|l| l.starts_with("VB05,"))
        .unwrap()
        .to_string();
    let row_after = now
        .split("\r\n")
        .find(|l| l.starts_with("VB05,"))
        .unwrap()
        .to_string();
    assert_eq!(
        now,
        original.replacen(&row_before, &row_after, 1),
        "only VB05's row changes"
    );
    // The cells given as they were stay as written (the quoted title, the date).
    assert_eq!(
        row_after,
        row_before.replace(",283/BC-BQL,", ",284/BC-BQL,")
    );
    // The history has the cells, and undoing it writes the row back exactly.
    let h = history(&server);
    assert!(
        h.iter().any(|e| e["key"] == "VB05"
            && e["column"] == "number"
            && e["old"] == "283/BC-BQL"
            && e["new"] == "284/BC-BQL"
            && e["who"] == "Lan"),
        "{h:?}"
    );
    // The history page says it in the clerk's words, the file's own names beside them.
    let page = server.get("/d/2026/history").body;
    assert!(
        page.contains("Danh mục tài liệu · VB05 · Số, ký hiệu <span class=\"small\">(manifest.csv, number)</span>"),
        "{page}"
    );
    let r = undo(&server, last_change(&server));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
}

#[test]
fn on_a_sealed_dossier_a_removal_the_header_and_the_council_s_start_ask_first_and_are_recorded() {
    let dir = copy_sample(D);
    let folder = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    // Seal needs every listed file: take out the row whose file is missing, then seal.
    let r = change(
        &server,
        "PUT",
        "rows/manifest.csv/VB54",
        serde_json::json!({"remove": true, "who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = change(&server, "POST", "seal", serde_json::json!({"who": "Lan"}));
    assert_eq!(r.json()["status"], 0, "{}", r.body);
    let manifest = std::fs::read(folder.join("manifest.csv")).unwrap();
    let settings = std::fs::read(folder.join("dossier.json")).unwrap();
    let scores = std::fs::read(folder.join("scores.csv")).unwrap();

    // Unconfirmed: each asks, naming who sealed it, and nothing is written.
    let remove = change(
        &server,
        "DELETE",
        "documents/VB04",
        serde_json::json!({"who": "Nam"}),
    );
    assert!(sealed(&remove), "{} {}", remove.status, remove.body);
    assert_eq!(remove.json()["sealed"]["by"], "Lan");
    let header = serde_json::json!({"number": "319/BC-BQL", "who": "Nam"});
    let r = change(&server, "PUT", "report", header.clone());
    assert!(sealed(&r), "{} {}", r.status, r.body);
    let r = change(
        &server,
        "POST",
        "council",
        serde_json::json!({"who": "Nam"}),
    );
    assert!(sealed(&r), "{} {}", r.status, r.body);
    let r = attach(
        &server,
        "VB04",
        "moi.pdf",
        b"%PDF-1.4 moi",
        &[("who", "Nam")],
    );
    assert!(sealed(&r), "{} {}", r.status, r.body);
    assert_eq!(
        std::fs::read(folder.join("manifest.csv")).unwrap(),
        manifest
    );
    assert_eq!(
        std::fs::read(folder.join("dossier.json")).unwrap(),
        settings
    );
    assert_eq!(std::fs::read(folder.join("scores.csv")).unwrap(), scores);
    assert!(folder
        .join("files/ke-hoach-tu-kiem-tra-cchc-2026.txt")
        .is_file());
    let (code, out, _) = run_in(dir.path(), &["verify", D]);
    assert_eq!(code, 0, "nothing written yet: {out}");

    // Confirmed: written, and the history says who broke the seal with which change.
    let r = change(
        &server,
        "DELETE",
        "documents/VB04",
        serde_json::json!({"who": "Nam", "break_seal": true}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let h = history(&server);
    let n = last_change(&server);
    let lines: Vec<_> = h.iter().filter(|e| e["change"] == n).collect();
    assert_eq!(lines[0]["kind"], "break-seal", "{lines:?}");
    assert_eq!(lines[0]["who"], "Nam");
    assert!(
        lines
            .iter()
            .any(|e| e["file"] == "manifest.csv" && e["key"] == "VB04" && e["new"] == ""),
        "{lines:?}"
    );
    let mut confirmed = header;
    confirmed["break_seal"] = true.into();
    let r = change(&server, "PUT", "report", confirmed);
    assert_eq!(r.status, 200, "{}", r.body);
    let settings_now = std::fs::read_to_string(folder.join("dossier.json")).unwrap();
    assert!(
        settings_now.contains("\"number\": \"319/BC-BQL\""),
        "{settings_now}"
    );
    // The header is not a table: its seal break is a line of its own, with nothing to undo.
    let m = last_change(&server);
    assert_eq!(m, n + 1);
    let lone: Vec<_> = history(&server)
        .into_iter()
        .filter(|e| e["change"] == m)
        .collect();
    assert_eq!(lone.len(), 1, "{lone:?}");
    assert_eq!(
        (lone[0]["kind"].as_str(), lone[0]["who"].as_str()),
        (Some("break-seal"), Some("Nam"))
    );
    let page = server.get("/d/2026/history").body;
    assert!(
        !page.contains(&format!(
            "button class=\"undo\" type=\"button\" data-change=\"{m}\""
        )),
        "no undo for a lone seal break"
    );
    assert!(
        page.contains(&format!(
            "button class=\"undo\" type=\"button\" data-change=\"{n}\""
        )),
        "the removal can be undone: {page}"
    );
    let (code, out, _) = run_in(dir.path(), &["verify", D]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(", do Nam xác nhận"), "{out}");
}

#[test]
fn undoing_a_removal_brings_its_file_back_and_undoing_an_attachment_sets_the_new_file_aside() {
    let dir = copy_sample(D);
    let folder = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let manifest = std::fs::read(folder.join("manifest.csv")).unwrap();
    let files = listing(dir.path());

    // Taken out, then the removal undone from the history: the file comes back too.
    let r = change(
        &server,
        "DELETE",
        "documents/VB04",
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(!listing(dir.path()).contains(&"ke-hoach-tu-kiem-tra-cchc-2026.txt".to_string()));
    let restore = "button class=\"restore\" type=\"button\" data-doc=\"VB04\"";
    assert!(server.get("/d/2026/evidence").body.contains(restore));
    let r = undo(&server, last_change(&server));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        std::fs::read(folder.join("manifest.csv")).unwrap(),
        manifest
    );
    assert_eq!(listing(dir.path()), files);
    let removed = std::fs::read_to_string(folder.join("manifest-removed.csv")).unwrap();
    assert!(
        !removed.contains("VB04,"),
        "no longer offered for restore: {removed}"
    );
    assert!(!server.get("/d/2026/evidence").body.contains(restore));

    // 4.2.2 is missing because VB54 is listed without its file: the checklist says so and
    // leads to VB54's row, not to a second document.
    let page = server.get("/d/2026/evidence").body;
    assert!(
        page.contains("VB54 (113/QĐ-BQL) đã có trong danh mục nhưng thiếu tệp"),
        "{page}"
    );
    assert!(page.contains("href=\"#doc-VB54\">Đính kèm tệp cho VB54</a>"));
    // VB54's missing file attached, then the attachment undone: the manifest is as it was
    // and the new file is set aside, not left among the documents.
    let r = attach(
        &server,
        "VB54",
        "quy-che.pdf",
        b"%PDF-1.4 quy che",
        &[("who", "Lan")],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let stored = r.json()["file"].as_str().unwrap().to_string();
    assert!(listing(dir.path()).contains(&stored), "{stored}");
    let r = undo(&server, last_change(&server));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        std::fs::read(folder.join("manifest.csv")).unwrap(),
        manifest
    );
    assert_eq!(listing(dir.path()), files);
    assert_eq!(
        std::fs::read(folder.join("files/.removed").join(&stored)).unwrap(),
        b"%PDF-1.4 quy che"
    );
}
