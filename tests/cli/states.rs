//! Every dossier state, every command, every page: a dossier passes through states — just
//! made by `init`, without a manifest, without a plan, without a ranking, with a line that
//! cannot be measured, sealed, half-sealed, appraised, beside another unit's dossier — and
//! in each of them every command and every page and API route of `serve` must answer: no
//! exit 101, no 500, no dropped connection, and the right figures or a plain message. The
//! states are built from copies of the shipped samples and fixtures by the test itself.

use crate::harness::{copy_dossier, copy_sample, run_in, tempdir};
use crate::server::Server;
use std::path::{Path, PathBuf};

/// One state: a temporary folder and the dossier's path inside it (relative, as a user
/// types it in that folder).
pub struct State {
    pub name: &'static str,
    pub root: tempfile::TempDir,
    pub dossier: String,
}

impl State {
    pub fn dir(&self) -> PathBuf {
        self.root.path().join(&self.dossier)
    }

    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        run_in(self.root.path(), args)
    }

    fn edit_settings(&self, change: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>)) {
        let path = self.dir().join("dossier.json");
        let text = std::fs::read_to_string(&path).expect("dossier.json");
        let mut v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        change(v.as_object_mut().expect("an object"));
        std::fs::write(&path, serde_json::to_string_pretty(&v).expect("JSON")).expect("write");
    }
}

fn sample(name: &'static str) -> State {
    State {
        name,
        root: copy_sample("evidence/2026"),
        dossier: "evidence/2026".into(),
    }
}

/// `init` with every setting, in a folder holding the shipped criteria and ranking files.
pub fn just_made(name: &'static str, unit: &str, full: bool) -> State {
    let root = copy_sample("evidence/2026");
    let mut args = vec![
        "init",
        "evidence/moi",
        "--unit",
        unit,
        "--year",
        "2026",
        "--criteria",
        "criteria/haiphong-so-2026.json",
        "--as-of",
        "30/11/2026",
    ];
    if full {
        args.extend([
            "--rankings",
            "criteria/rankings.csv",
            "--group",
            "so-ban-nganh",
            "--target-rank",
            "5",
        ]);
    }
    let (code, _, err) = run_in(root.path(), &args);
    assert_eq!(code, 0, "init: {err}");
    std::fs::remove_dir_all(root.path().join("evidence/2026")).expect("remove the sample");
    State {
        name,
        root,
        dossier: "evidence/moi".into(),
    }
}

/// A fixture dossier of `tests/data/dossiers/`, given the shipped ranking file.
fn fixture(name: &'static str, fixture: &str) -> State {
    let root = copy_dossier(fixture);
    let ranking = crate::harness::root().join("criteria/rankings.csv");
    std::fs::copy(ranking, root.path().join("dossiers/rankings.csv")).expect("copy ranking");
    let s = State {
        name,
        root,
        dossier: format!("dossiers/{fixture}"),
    };
    s.edit_settings(|m| {
        m.insert("rankings".into(), "../rankings.csv".into());
        m.insert("target_rank".into(), 5.into());
    });
    s
}

fn sealed(name: &'static str) -> State {
    let s = fixture(name, "evidence_complete");
    let (code, _, err) = s.run(&["seal", &s.dossier]);
    assert_eq!(code, 0, "seal: {err}");
    s
}

pub fn every_state() -> Vec<State> {
    let no_manifest = sample("no manifest");
    std::fs::remove_file(no_manifest.dir().join("manifest.csv")).expect("remove");
    let no_plan = sample("no plan");
    std::fs::remove_file(no_plan.dir().join("plan.csv")).expect("remove");
    let no_rankings = sample("no rankings");
    no_rankings.edit_settings(|m| {
        for key in ["rankings", "group", "target_rank"] {
            m.remove(key);
        }
    });
    let unmeasurable = sample("a line that cannot be measured");
    unmeasurable.edit_settings(|m| {
        m.insert("target_rank".into(), 999.into());
    });
    // Killed between its two renames: the new seal.json beside the old manifest.
    let half = fixture("half-sealed", "evidence_complete");
    let before = std::fs::read(half.dir().join("manifest.csv")).expect("manifest");
    let (code, _, err) = half.run(&["seal", &half.dossier]);
    assert_eq!(code, 0, "seal: {err}");
    std::fs::write(half.dir().join("manifest.csv"), before).expect("write");
    vec![
        just_made("just made by init", "Sở Nội vụ", true),
        just_made("just made by init, no settings", "Sở Nội vụ", false),
        no_manifest,
        no_plan,
        no_rankings,
        unmeasurable,
        sample("the shipped sample"),
        sealed("sealed"),
        half,
        fixture("appraised", "appraised"),
    ]
}

/// What every run must show: an exit code the program chose (0, 1 or 2, never a panic's
/// 101), and on failure a message saying why.
fn assert_answered(state: &str, args: &[&str], (code, out, err): &(i32, String, String)) {
    let shown = args.join(" ");
    assert!(
        matches!(code, 0..=2),
        "{state}: `parscore {shown}` exited {code}:\n{err}"
    );
    assert!(!err.contains("panicked"), "{state}: {shown}:\n{err}");
    if *code != 0 {
        assert!(
            !err.trim().is_empty() || !out.trim().is_empty(),
            "{state}: `parscore {shown}` failed without a word"
        );
    }
}

/// Every command on the state; the exit codes by command, in the order run.
fn run_every_command(s: &State) -> Vec<(String, i32, String)> {
    let d = s.dossier.as_str();
    let commands: Vec<Vec<&str>> = vec![
        vec!["score", d],
        vec!["score", d, "--format", "csv"],
        vec!["score", d, "--format", "json"],
        vec!["evidence", d],
        vec!["evidence", d, "--format", "json"],
        vec!["gap", d],
        vec!["compare", d],
        vec!["chart", d, "--out", "bieu-do", "--png"],
        vec!["report", d, "--out", "bao-cao.html"],
        vec!["export", d, "--xlsx", "tong-hop.xlsx"],
        vec!["export", d, "--docx", "bao-cao.docx"],
        vec!["export", d, "--docx", "giai-trinh.docx", "--appeal"],
        vec!["template", d, "--out", "phieu-trong.csv"],
        vec!["template", d, "--xlsx", "phieu-trong.xlsx"],
        vec!["verify", d],
        // Last, since it writes: sealed where every document is there, refused by name
        // where one is missing, and sealed again over a seal.
        vec!["seal", d],
        vec!["verify", d],
    ];
    let mut codes = Vec::new();
    for args in commands {
        let out = s.run(&args);
        assert_answered(s.name, &args, &out);
        codes.push((args.join(" "), out.0, format!("{}{}", out.1, out.2)));
    }
    codes
}

fn code_of(codes: &[(String, i32, String)], at: usize) -> i32 {
    codes[at].1
}

#[test]
fn every_command_answers_in_every_state_a_dossier_passes_through() {
    let states = every_state();
    for s in &states {
        let codes = run_every_command(s);
        // seal then verify: a dossier with every document seals (a half-sealed one is
        // completed) and verifies; the sample lacks some documents and names them.
        let (seal, verify) = (&codes[15], &codes[16]);
        match s.name {
            "half-sealed" => {
                // verify, before the seal completes it, names the interruption.
                let before = &codes[14];
                assert_eq!(before.1, 1, "{before:?}");
                assert!(before.2.contains("bị ngắt giữa chừng"), "{before:?}");
                assert_eq!(
                    (seal.1, verify.1),
                    (0, 0),
                    "{}: {seal:?} {verify:?}",
                    s.name
                );
            }
            "just made by init" | "sealed" => {
                assert_eq!(
                    (seal.1, verify.1),
                    (0, 0),
                    "{}: {seal:?} {verify:?}",
                    s.name
                );
            }
            "the shipped sample" => {
                assert_eq!(seal.1, 1, "{seal:?}");
                assert!(seal.2.contains("không thể niêm phong"), "{seal:?}");
            }
            _ => {}
        }
        // score and compare read every state.
        for at in [0, 1, 2, 6] {
            assert_eq!(code_of(&codes, at), 0, "{}: {:?}", s.name, codes[at]);
        }
        // The template needs only the criteria; the Excel export, only the scores.
        for at in [9, 10, 12, 13] {
            assert_eq!(code_of(&codes, at), 0, "{}: {:?}", s.name, codes[at]);
        }
    }
    let by_name = |n: &str| states.iter().find(|s| s.name == n).expect("a state");
    // A dossier just made charts and reports its zeros, where both used to panic.
    let fresh = by_name("just made by init");
    let (code, out, err) = fresh.run(&["score", &fresh.dossier, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["total"]["achieved"], "0.00", "{out}");
    assert_eq!(v["total"]["max"], "100.00", "{out}");
    assert_eq!(fresh.run(&["chart", &fresh.dossier, "--out", "c"]).0, 0);
    assert!(fresh.root.path().join("c/trend.svg").is_file());
    assert_eq!(
        fresh.run(&["report", &fresh.dossier, "--out", "r.html"]).0,
        0
    );
    // Without manifest.csv the points are the sample's own; evidence says what is missing.
    let sample = by_name("the shipped sample");
    let total = |s: &State| {
        let (_, out, _) = s.run(&["score", &s.dossier, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        v["total"]["achieved"].clone()
    };
    let no_manifest = by_name("no manifest");
    assert_eq!(total(no_manifest), total(sample));
    let (code, _, err) = no_manifest.run(&["evidence", &no_manifest.dossier]);
    assert_eq!(code, 2);
    assert!(err.contains("manifest.csv"), "{err}");
    // Sealed (and sealed again by the matrix): verify finds nothing changed.
    let sealed = by_name("sealed");
    let (code, _, err) = sealed.run(&["verify", &sealed.dossier]);
    assert_eq!(code, 0, "{err}");
    // Appraised: the appeal letter is written.
    let appraised = by_name("appraised");
    let (code, _, err) = appraised.run(&[
        "export",
        &appraised.dossier,
        "--docx",
        "gt.docx",
        "--appeal",
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn gap_without_rankings_group_and_target_rank_names_all_three_in_one_run() {
    let s = just_made("no settings", "Sở Nội vụ", false);
    for (lang, words) in [
        (
            "vi",
            [
                "thiếu \"rankings\"",
                "thiếu \"group\"",
                "thiếu \"target_rank\"",
            ],
        ),
        (
            "en",
            [
                "\"rankings\" is missing",
                "\"group\" is missing",
                "\"target_rank\" is missing",
            ],
        ),
    ] {
        let (code, _, err) = s.run(&["--lang", lang, "gap", &s.dossier]);
        assert_eq!(code, 1, "{err}");
        for w in words {
            assert!(err.contains(w), "{lang}: {w} in\n{err}");
        }
        assert!(
            err.contains("3 lỗi") || err.contains("3 error"),
            "{lang}: three problems\n{err}"
        );
    }
}

/// A request that may fail: the status, or the route that dropped the connection.
fn answer(server: &Server, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> u16 {
    let sent = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        server.request(method, path, headers, body)
    }));
    match sent {
        Ok(r) => {
            assert_ne!(r.status, 500, "{method} {path}: 500\n{}", r.body);
            r.status
        }
        Err(_) => panic!("{method} {path}: the connection was dropped without an answer"),
    }
}

/// A multipart form with the fields and one file, as the Evidence page sends it.
pub fn multipart(fields: &[(&str, &str)], file: (&str, &[u8])) -> (String, Vec<u8>) {
    let boundary = "----parscore-test-boundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
            file.0
        )
        .as_bytes(),
    );
    body.extend_from_slice(file.1);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// The first leaf code of the dossier's score sheet.
fn first_code(dir: &Path) -> String {
    let text = std::fs::read_to_string(dir.join("scores.csv")).unwrap_or_default();
    text.lines()
        .nth(1)
        .and_then(|l| l.split([',', ';']).next())
        .unwrap_or("1.1.1")
        .to_string()
}

/// Every page and API route of a server holding the dossier `id`.
fn visit_every_route(server: &Server, id: &str, code: &str) {
    for path in [
        "/".to_string(),
        format!("/d/{id}"),
        format!("/d/{id}/score"),
        format!("/d/{id}/evidence"),
        format!("/d/{id}/plan"),
        format!("/d/{id}/gap"),
        format!("/d/{id}/compare"),
        format!("/d/{id}/report"),
        format!("/d/{id}/download/bang-tong-hop.xlsx"),
        format!("/d/{id}/download/bao-cao.docx"),
        format!("/d/{id}/download/giai-trinh.docx"),
        "/assets/app.css".into(),
        "/assets/app.js".into(),
        "/api/v1/dossiers".into(),
        format!("/api/v1/dossiers/{id}/score"),
        format!("/api/v1/dossiers/{id}/evidence"),
        format!("/api/v1/dossiers/{id}/gap"),
        format!("/api/v1/dossiers/{id}/version"),
    ] {
        let status = answer(server, "GET", &path, &[], b"");
        if path == "/" || path.ends_with("/score") || path == format!("/d/{id}") {
            assert_eq!(status, 200, "GET {path}");
        }
    }
    let csrf = server.csrf();
    let etag = server
        .get(&format!("/api/v1/dossiers/{id}/version"))
        .header("etag");
    let change = [("X-CSRF-Token", csrf.as_str()), ("If-Match", etag.as_str())];
    answer(
        server,
        "POST",
        &format!("/api/v1/dossiers/{id}/verify"),
        &change,
        b"",
    );
    let body = serde_json::json!({ "value": "", "note": "" }).to_string();
    answer(
        server,
        "PUT",
        &format!("/api/v1/dossiers/{id}/scores/{code}"),
        &change,
        body.as_bytes(),
    );
    let etag = server
        .get(&format!("/api/v1/dossiers/{id}/version"))
        .header("etag");
    let change = [("X-CSRF-Token", csrf.as_str()), ("If-Match", etag.as_str())];
    let body = serde_json::json!({ "status": "Đã hoàn thành", "done_on": "15/01/2026" });
    answer(
        server,
        "PUT",
        &format!("/api/v1/dossiers/{id}/plan/1"),
        &change,
        body.to_string().as_bytes(),
    );
    let etag = server
        .get(&format!("/api/v1/dossiers/{id}/version"))
        .header("etag");
    let (kind, form) = multipart(
        &[
            ("criteria", code),
            ("title", "Báo cáo kiểm tra"),
            ("date", "2026-01-15"),
        ],
        ("bao-cao.pdf", b"%PDF-1.4 test"),
    );
    let change = [
        ("X-CSRF-Token", csrf.as_str()),
        ("If-Match", etag.as_str()),
        ("Content-Type", kind.as_str()),
    ];
    answer(
        server,
        "POST",
        &format!("/api/v1/dossiers/{id}/documents"),
        &change,
        &form,
    );
    let etag = server
        .get(&format!("/api/v1/dossiers/{id}/version"))
        .header("etag");
    let change = [("X-CSRF-Token", csrf.as_str()), ("If-Match", etag.as_str())];
    answer(
        server,
        "POST",
        &format!("/api/v1/dossiers/{id}/seal"),
        &change,
        b"",
    );
    // After every change, the pages still answer.
    assert_eq!(answer(server, "GET", &format!("/d/{id}"), &[], b""), 200);
    assert_eq!(answer(server, "GET", "/", &[], b""), 200);
}

#[test]
fn every_page_and_api_route_answers_in_every_state() {
    for s in every_state() {
        let served = s.dir();
        let server = Server::start(s.root.path(), &[&s.dossier, "--port", "0"]);
        let id = served
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .expect("a folder name");
        visit_every_route(&server, &id, &first_code(&served));
        drop(server);
        let _ = s.name;
    }
}

#[test]
fn a_folder_of_several_units_with_a_fresh_dossier_serves_its_overview() {
    // The shipped years of one unit beside a dossier another unit has just made.
    let root = copy_sample("evidence/2026");
    crate::harness::copy_into(
        &crate::harness::root().join("evidence/2025"),
        &root.path().join("evidence/2025"),
    );
    std::fs::copy(
        crate::harness::root().join("criteria/haiphong-so-2025.json"),
        root.path().join("criteria/haiphong-so-2025.json"),
    )
    .expect("copy criteria");
    let (code, _, err) = run_in(
        root.path(),
        &[
            "init",
            "evidence/so-noi-vu-2026",
            "--unit",
            "Sở Nội vụ",
            "--year",
            "2026",
            "--criteria",
            "criteria/haiphong-so-2026.json",
            "--rankings",
            "criteria/rankings.csv",
            "--group",
            "so-ban-nganh",
            "--target-rank",
            "5",
            "--as-of",
            "30/11/2026",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let server = Server::start(root.path(), &["evidence", "--port", "0"]);
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Sở Nội vụ"), "the new unit is listed");
    assert!(page.body.contains("Ban Quản lý Khu kinh tế Hải Phòng"));
    for id in ["2025", "2026", "so-noi-vu-2026"] {
        visit_every_route(&server, id, "1.1.1");
    }
}

#[test]
fn the_evidence_api_of_a_dossier_without_manifest_says_so_plainly_not_500() {
    let root = tempdir();
    let s = sample("no manifest");
    std::fs::remove_file(s.dir().join("manifest.csv")).expect("remove");
    let server = Server::start(s.root.path(), &[&s.dossier, "--port", "0"]);
    let r = server.get("/api/v1/dossiers/2026/evidence");
    assert_eq!(r.status, 422, "{}", r.body);
    let v = r.json();
    let message = v["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("manifest.csv"), "{}", r.body);
    drop(root);
}
