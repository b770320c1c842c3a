//! `serve` against a colleague with write access and against idle or slow clients: a
//! dossier folder swapped for a link after the start is not followed; a change from a
//! foreign page (`Origin`) is refused even with a valid token; idle sockets and slow bodies
//! are closed by their timeouts; an upload killed half-way is taken back at the next start.

use crate::harness::copy_sample;
use crate::server::Server;
use crate::states::multipart;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

#[test]
fn a_dossier_folder_swapped_for_a_link_after_start_is_not_followed() {
    let root = copy_sample("evidence/2026");
    let server = Server::start(root.path(), &["evidence", "--port", "0"]);
    assert_eq!(server.get("/api/v1/dossiers/2026/score").status, 200);
    let etag = server.get("/api/v1/dossiers/2026/score").header("etag");
    let csrf = server.csrf();
    // A colleague moves the dossier outside the served folder and leaves a link.
    let outside = root.path().join("elsewhere");
    std::fs::create_dir(&outside).expect("mkdir");
    std::fs::rename(root.path().join("evidence/2026"), outside.join("2026")).expect("move");
    std::os::unix::fs::symlink(outside.join("2026"), root.path().join("evidence/2026"))
        .expect("link");
    let before = std::fs::read(outside.join("2026/scores.csv")).expect("scores");
    let body = serde_json::json!({ "value": "Không", "note": "ghi qua liên kết" }).to_string();
    let r = server.request(
        "PUT",
        "/api/v1/dossiers/2026/scores/1.1.2",
        &[("X-CSRF-Token", &csrf), ("If-Match", &etag)],
        body.as_bytes(),
    );
    assert_eq!(r.status, 404, "{}", r.body);
    assert!(r.body.contains("không có hồ sơ \\\"2026\\\""), "{}", r.body);
    assert_eq!(
        std::fs::read(outside.join("2026/scores.csv")).expect("scores"),
        before
    );
    assert_eq!(server.get("/api/v1/dossiers/2026/score").status, 404);
    assert_eq!(server.get("/d/2026").status, 404);
    assert_eq!(server.get("/api/v1/dossiers").json(), serde_json::json!([]));
}

#[test]
fn a_change_from_a_foreign_origin_is_refused_even_with_a_valid_token() {
    let root = copy_sample("evidence/2026");
    let server = Server::start(root.path(), &["evidence/2026", "--port", "0"]);
    let scores = root.path().join("evidence/2026/scores.csv");
    let before = std::fs::read(&scores).expect("scores");
    let csrf = server.csrf();
    let body = serde_json::json!({ "value": "Không", "note": "" }).to_string();
    let own = format!("http://{}", server.authority);
    for origin in [
        "http://evil.example",
        "null",
        "http://127.0.0.1:1",
        "https://127.0.0.1",
    ] {
        let etag = server.get("/api/v1/dossiers/2026/score").header("etag");
        let r = server.request(
            "PUT",
            "/api/v1/dossiers/2026/scores/1.1.2",
            &[
                ("X-CSRF-Token", &csrf),
                ("If-Match", &etag),
                ("Origin", origin),
            ],
            body.as_bytes(),
        );
        assert_eq!(r.status, 403, "{origin}: {}", r.body);
        assert!(r.body.contains("Origin"), "{}", r.body);
        assert_eq!(std::fs::read(&scores).expect("scores"), before, "{origin}");
    }
    let etag = server.get("/api/v1/dossiers/2026/score").header("etag");
    let r = server.request(
        "PUT",
        "/api/v1/dossiers/2026/scores/1.1.2",
        &[
            ("X-CSRF-Token", &csrf),
            ("If-Match", &etag),
            ("Origin", &own),
        ],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_ne!(std::fs::read(&scores).expect("scores"), before);
}

/// Whether the server closed the socket within `limit` (reading gets the end of the stream).
fn closed_within(s: &mut TcpStream, limit: Duration) -> bool {
    s.set_read_timeout(Some(limit)).expect("timeout");
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

#[test]
fn idle_sockets_are_closed_by_the_header_timeout_and_the_server_keeps_answering() {
    let root = copy_sample("evidence/2026");
    let server = Server::start_with(
        root.path(),
        &["evidence/2026", "--port", "0"],
        &[("PARSCORE_TEST_TIMEOUTS", "700,700")],
    );
    // More idle sockets than the server keeps open at once (128); some send half a header.
    let mut idle: Vec<TcpStream> = (0..200)
        .map(|i| {
            let mut s = TcpStream::connect(&server.authority).expect("connect");
            if i % 2 == 0 {
                s.write_all(b"GET / HTTP/1.1\r\nHost: ").expect("send");
            }
            s
        })
        .collect();
    for (i, s) in idle.iter_mut().enumerate() {
        assert!(
            closed_within(s, Duration::from_secs(20)),
            "socket {i} still open"
        );
    }
    assert_eq!(server.get("/api/v1/dossiers/2026/score").status, 200);
}

#[test]
fn a_body_that_never_finishes_is_refused_with_408_and_nothing_written() {
    let root = copy_sample("evidence/2026");
    let server = Server::start_with(
        root.path(),
        &["evidence/2026", "--port", "0"],
        &[("PARSCORE_TEST_TIMEOUTS", "5000,700")],
    );
    let scores = root.path().join("evidence/2026/scores.csv");
    let before = std::fs::read(&scores).expect("scores");
    let csrf = server.csrf();
    let etag = server.get("/api/v1/dossiers/2026/score").header("etag");
    let mut s = TcpStream::connect(&server.authority).expect("connect");
    let head = format!(
        "PUT /api/v1/dossiers/2026/scores/1.1.2 HTTP/1.1\r\nHost: {}\r\nX-CSRF-Token: {csrf}\r\nIf-Match: {etag}\r\nContent-Length: 100\r\n\r\n{{\"value\":",
        server.authority
    );
    s.write_all(head.as_bytes()).expect("send");
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("không đến đủ trong 120 giây"), "{answer}");
    assert_eq!(std::fs::read(&scores).expect("scores"), before);
}

#[test]
fn an_upload_killed_between_its_document_and_its_row_is_taken_back_at_the_next_start() {
    let root = copy_sample("evidence/2026");
    let dossier = root.path().join("evidence/2026");
    let manifest_before = std::fs::read(dossier.join("manifest.csv")).expect("manifest");
    let files_before = std::fs::read_dir(dossier.join("files"))
        .expect("files")
        .count();
    let server = Server::start_with(
        root.path(),
        &["evidence/2026", "--port", "0"],
        &[("PARSCORE_TEST_PAUSE", "upload-manifest:60000")],
    );
    let csrf = server.csrf();
    let etag = server.get("/api/v1/dossiers/2026/score").header("etag");
    let (kind, form) = multipart(
        &[
            ("criteria", "1.1.1"),
            ("title", "Biên bản kiểm tra"),
            ("date", "2026-01-15"),
        ],
        ("bien-ban.pdf", b"%PDF-1.4 bien ban"),
    );
    let authority = server.authority.clone();
    let sender = std::thread::spawn(move || {
        let _ = std::panic::catch_unwind(|| {
            crate::server::http(
                &authority,
                "POST",
                "/api/v1/dossiers/2026/documents",
                &[
                    ("Host", authority.as_str()),
                    ("X-CSRF-Token", csrf.as_str()),
                    ("If-Match", etag.as_str()),
                    ("Content-Type", kind.as_str()),
                ],
                &form,
            )
        });
    });
    // The document has landed and the manifest not yet: the server is killed there.
    let landed = dossier.join("files/vb101-bien-ban-kiem-tra.pdf");
    let start = Instant::now();
    while !landed.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the upload never paused"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(server);
    let _ = sender.join();
    assert_eq!(
        std::fs::read(dossier.join("manifest.csv")).expect("manifest"),
        manifest_before
    );
    // The next start takes the document back: neither the file nor its row.
    let again = Server::start(root.path(), &["evidence/2026", "--port", "0"]);
    assert!(
        !landed.exists(),
        "the document without its row was left in files/"
    );
    assert!(!dossier.join(".parscore-upload").exists());
    assert_eq!(
        std::fs::read_dir(dossier.join("files"))
            .expect("files")
            .count(),
        files_before
    );
    assert_eq!(
        std::fs::read(dossier.join("manifest.csv")).expect("manifest"),
        manifest_before
    );
    assert_eq!(again.get("/api/v1/dossiers/2026/score").status, 200);
}
