//! The page's document changes attacked as a colleague with write access would: a hand-edited
//! `manifest-removed.csv`, a link planted in `files/.removed/`, a correction carrying a line
//! break, a key listed twice (the 2026 sample's two VB40 rows) undone out of order. Each
//! test names what must hold: no file leaves `files/`, a restore brings back the document's
//! own file, the manifest stays one row per document.

use crate::harness::copy_sample_without_explanations as copy_sample;
use crate::server::{Reply, Server};
use std::path::Path;

const D: &str = "evidence/2026";
/// VB01's file, a document still in the dossier.
const VB01_FILE: &str = "ke-hoach-cchc-2026.txt";
/// VB05's file.
const VB05_FILE: &str = "bao-cao-tu-kiem-tra-cchc-2026.txt";
/// The files of the sample's two VB40 rows, in the manifest's order.
const VB40_OCTOBER: &str = "bao-cao-kiem-soat-tthc-thang-10-2026.txt";
const VB40_APRIL: &str = "bao-cao-kiem-soat-tthc-thang-4-2026.txt";

fn change(server: &Server, method: &str, path: &str, body: serde_json::Value) -> Reply {
    let csrf = server.csrf();
    let version = server.get("/api/v1/dossiers/2026/version").header("etag");
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
fn attach(server: &Server, doc: &str, name: &str, bytes: &[u8]) -> Reply {
    let b = "----parscore-test-boundary";
    let mut body = Vec::new();
    body.extend(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"who\"\r\n\r\nLan\r\n").as_bytes(),
    );
    body.extend(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .as_bytes(),
    );
    body.extend(bytes);
    body.extend(format!("\r\n--{b}--\r\n").as_bytes());
    let csrf = server.csrf();
    let version = server.get("/api/v1/dossiers/2026/version").header("etag");
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

/// The sample with VB06 citing VB05's report too: one file named by two rows.
fn one_file_for_two_rows(dossier: &Path) {
    let path = dossier.join("manifest.csv");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "VB06,trich-xuat-nhiem-vu-qua-han-30-11-2026.txt,",
        &format!("VB06,{VB05_FILE},"),
        1,
    );
    std::fs::write(&path, text).unwrap();
}

fn last_change(server: &Server) -> u64 {
    server.get("/api/v1/dossiers/2026/history").json()["entries"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|e| e["change"].as_u64())
        .max()
        .unwrap_or(0)
}

fn remove(server: &Server, doc: &str) -> u64 {
    let r = change(
        server,
        "DELETE",
        &format!("documents/{doc}"),
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    last_change(server)
}

/// `manifest-removed.csv`'s row of `doc` with its `file` and `removed_as` cells replaced, as
/// a colleague would in Excel or Notepad.
fn hand_edit_removed_row(dossier: &Path, doc: &str, file: &str, removed_as: &str) {
    let path = dossier.join("manifest-removed.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited: Vec<String> = text
        .lines()
        .map(|line| {
            if !line.starts_with(&format!("{doc},")) {
                return line.to_string();
            }
            // …,removed_as,removed_at,removed_on: the last three cells hold no comma.
            let mut tail: Vec<&str> = line.rsplitn(4, ',').collect();
            tail.reverse();
            let (rest, at, on) = (tail[0], tail[2], tail[3]);
            let (_, after_file) = rest.split_once(',').unwrap().1.split_once(',').unwrap();
            format!("{doc},{file},{after_file},{removed_as},{at},{on}")
        })
        .collect();
    std::fs::write(&path, edited.join("\n") + "\n").unwrap();
}

#[test]
fn a_restore_whose_removed_as_climbs_out_of_the_hidden_folder_is_refused_and_moves_no_file() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    remove(&server, "VB05");
    // `files/.removed/../ke-hoach-cchc-2026.txt` is VB01's file, in files/ itself; the row's
    // file is a name already taken, so the restore looks for a free name "beside" it:
    // `files/../ke-hoach-cchc-2026.txt`, the dossier's own folder.
    hand_edit_removed_row(&dossier, "VB05", VB01_FILE, &format!("../{VB01_FILE}"));
    let manifest = std::fs::read(dossier.join("manifest.csv")).unwrap();
    let r = change(
        &server,
        "POST",
        "removed/VB05/restore",
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        dossier.join("files").join(VB01_FILE).is_file(),
        "VB01's file stays where VB01's row names it"
    );
    assert!(
        !dossier.join(VB01_FILE).exists(),
        "no document's file is moved out of files/"
    );
    assert_eq!(
        std::fs::read(dossier.join("manifest.csv")).unwrap(),
        manifest
    );
    assert!(
        dossier.join("files/.removed").join(VB05_FILE).is_file(),
        "VB05's file stays set aside"
    );
}

#[test]
fn a_restore_through_a_removed_as_that_names_a_live_document_leaves_that_document_its_file() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    remove(&server, "VB05");
    // VB05's name is free again: the restore would rename VB01's file to it.
    hand_edit_removed_row(&dossier, "VB05", VB05_FILE, &format!("../{VB01_FILE}"));
    let r = change(
        &server,
        "POST",
        "removed/VB05/restore",
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(dossier.join("files").join(VB01_FILE).is_file());
    assert!(!dossier.join("files").join(VB05_FILE).exists());
}

#[cfg(unix)]
#[test]
fn a_link_planted_in_the_hidden_folder_is_not_restored_as_a_document() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    remove(&server, "VB05");
    let aside = dossier.join("files/.removed").join(VB05_FILE);
    std::fs::remove_file(&aside).unwrap();
    // A link to another document's file, inside files/: the path policy's folder check
    // alone lets it through.
    std::os::unix::fs::symlink(dossier.join("files").join(VB01_FILE), &aside).unwrap();
    let r = change(
        &server,
        "POST",
        "removed/VB05/restore",
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.status, 422, "{}", r.body);
    let restored = dossier.join("files").join(VB05_FILE);
    assert!(
        restored.symlink_metadata().is_err(),
        "no link lands in files/ under a document's name"
    );
    assert!(aside.symlink_metadata().unwrap().file_type().is_symlink());
}

#[test]
fn a_correction_with_a_line_break_or_control_character_is_refused_and_the_manifest_kept() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let manifest = std::fs::read(dossier.join("manifest.csv")).unwrap();
    for (field, value) in [
        (
            "title",
            "Báo cáo tự kiểm tra\nVB99,x.txt,1/BC,01/01/2026,Ai,Giả,1.1.1",
        ),
        ("number", "283/BC\r\nBQL"),
        ("issuer", "Ban Quản lý\u{0007}"),
    ] {
        let mut body = serde_json::json!({"number": "283/BC-BQL", "date": "2026-11-20",
            "issuer": "Ban Quản lý Khu kinh tế Hải Phòng",
            "title": "Báo cáo kết quả tự kiểm tra", "criteria": "1.3.2#1", "who": "Lan"});
        body[field] = serde_json::Value::String(value.to_string());
        let r = change(&server, "PUT", "documents/VB05", body);
        assert_eq!(r.status, 422, "{field}: {}", r.body);
        assert!(
            r.body.contains(field),
            "the refusal names {field}: {}",
            r.body
        );
        assert_eq!(
            std::fs::read(dossier.join("manifest.csv")).unwrap(),
            manifest,
            "{field}: the manifest is as it was"
        );
    }
    // The cell characters CSV quotes (the delimiter, a quote) and a leading '=' are text.
    let r = change(
        &server,
        "PUT",
        "documents/VB05",
        serde_json::json!({"number": "283/BC-BQL", "date": "2026-11-20",
            "issuer": "Ban \"Quản lý\", Hải Phòng",
            "title": "=1+1 Báo cáo", "criteria": "1.3.2#1", "who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let text = std::fs::read_to_string(dossier.join("manifest.csv")).unwrap();
    assert_eq!(text.lines().count(), 102, "one line per document");
    assert!(text.contains(
        "VB05,bao-cao-tu-kiem-tra-cchc-2026.txt,283/BC-BQL,20/11/2026,\"Ban \"\"Quản lý\"\", Hải Phòng\",=1+1 Báo cáo,1.3.2#1,"
    ));
}

#[test]
fn undoing_the_older_of_two_removals_of_vb40_brings_back_that_row_s_own_file() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    // The sample lists VB40 twice (the October and the April report): each removal takes
    // the first VB40 row left.
    let october = remove(&server, "VB40");
    let _april = remove(&server, "VB40");
    let files = dossier.join("files");
    assert!(files.join(".removed").join(VB40_OCTOBER).is_file());
    assert!(files.join(".removed").join(VB40_APRIL).is_file());
    let r = change(
        &server,
        "POST",
        &format!("history/{october}/undo"),
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let manifest = std::fs::read_to_string(dossier.join("manifest.csv")).unwrap();
    let vb40: Vec<&str> = manifest
        .lines()
        .filter(|l| l.starts_with("VB40,"))
        .collect();
    assert_eq!(vb40.len(), 1, "{vb40:?}");
    assert!(vb40[0].starts_with(&format!("VB40,{VB40_OCTOBER},")));
    assert!(
        files.join(VB40_OCTOBER).is_file(),
        "the October report's row is back with its file"
    );
    assert!(
        files.join(".removed").join(VB40_APRIL).is_file(),
        "the April report, still taken out, keeps its file set aside"
    );
    assert!(!files.join(VB40_APRIL).exists());
    let removed = std::fs::read_to_string(dossier.join("manifest-removed.csv")).unwrap();
    let listed: Vec<&str> = removed.lines().filter(|l| l.starts_with("VB40,")).collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].starts_with(&format!("VB40,{VB40_APRIL},")));
}

#[test]
fn undoing_the_removal_of_one_of_two_vb40_rows_is_not_a_conflict() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let before = std::fs::read(dossier.join("manifest.csv")).unwrap();
    let n = remove(&server, "VB40");
    // Nothing touched VB40 since; the other VB40 row was there before the removal too.
    let r = change(
        &server,
        "POST",
        &format!("history/{n}/undo"),
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(std::fs::read(dossier.join("manifest.csv")).unwrap(), before);
    assert!(dossier.join("files").join(VB40_OCTOBER).is_file());
}

#[test]
fn taking_out_a_document_whose_file_another_row_also_names_leaves_that_file_in_place() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    one_file_for_two_rows(&dossier);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let missing = |server: &Server| {
        let evidence = server.get("/api/v1/dossiers/2026/evidence").body;
        evidence.matches("\"file_missing\"").count()
    };
    let before = missing(&server);
    remove(&server, "VB05");
    assert!(
        dossier.join("files").join(VB05_FILE).is_file(),
        "VB06's row still names the file: it stays in files/"
    );
    assert_eq!(missing(&server), before, "no document lost its file");
}

#[test]
fn undoing_a_removal_when_its_file_s_name_was_taken_since_leaves_no_row_naming_another_file() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let n = remove(&server, "VB05");
    // A colleague drops another file under the freed name.
    std::fs::write(dossier.join("files").join(VB05_FILE), "một tệp khác\n").unwrap();
    let r = change(
        &server,
        "POST",
        &format!("history/{n}/undo"),
        serde_json::json!({"who": "Lan"}),
    );
    let manifest = std::fs::read_to_string(dossier.join("manifest.csv")).unwrap();
    let vb05 = manifest.lines().find(|l| l.starts_with("VB05,"));
    match vb05 {
        // Undone: the row names the report's own file, wherever it came back.
        Some(row) => {
            assert_eq!(r.status, 200, "{}", r.body);
            let file = row.split(',').nth(1).unwrap();
            let bytes = std::fs::read(dossier.join("files").join(file)).unwrap();
            assert_ne!(bytes, "một tệp khác\n".as_bytes(), "{row}");
        }
        // Refused: the report stays taken out, with its file set aside.
        None => {
            assert_eq!(r.status, 422, "{}", r.body);
            assert!(dossier.join("files/.removed").join(VB05_FILE).is_file());
        }
    }
}

#[test]
fn attaching_a_new_file_to_a_row_whose_old_file_another_row_names_leaves_that_file_in_place() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    one_file_for_two_rows(&dossier);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let r = attach(
        &server,
        "VB05",
        "bao-cao.pdf",
        b"%PDF-1.4 b\xc3\xa1o c\xc3\xa1o\n",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        dossier.join("files").join(VB05_FILE).is_file(),
        "VB06's row still names the old file: it stays in files/"
    );
    assert!(!dossier.join("files/.removed").join(VB05_FILE).exists());
}

#[test]
fn undoing_an_attachment_keeps_the_new_file_when_another_row_was_pointed_at_it_since() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let r = attach(&server, "VB05", "bao-cao.pdf", b"%PDF-1.4 ban moi\n");
    assert_eq!(r.status, 200, "{}", r.body);
    let new_file = r.json()["file"].as_str().unwrap().to_string();
    let n = last_change(&server);
    // In Excel, VB06 is pointed at the same new file (a change of VB06's row only).
    let path = dossier.join("manifest.csv");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "VB06,trich-xuat-nhiem-vu-qua-han-30-11-2026.txt,",
        &format!("VB06,{new_file},"),
        1,
    );
    std::fs::write(&path, text).unwrap();
    let r = change(
        &server,
        "POST",
        &format!("history/{n}/undo"),
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let manifest = std::fs::read_to_string(&path).unwrap();
    assert!(
        manifest.contains(&format!("\nVB05,{VB05_FILE},")),
        "VB05 names its old file again"
    );
    assert!(dossier.join("files").join(VB05_FILE).is_file());
    assert!(
        dossier.join("files").join(&new_file).is_file(),
        "VB06 names {new_file}: it stays in files/"
    );
}

/// The import page's «Lưu» of a one-leaf CSV annex under `name`.
fn save_import(server: &Server, name: &str) -> Reply {
    let b = "----parscore-test-boundary";
    let annex = "STT,Tiêu chí,Điểm tối đa,Cách tính điểm\n\
                 I,Công tác chỉ đạo,1,\n\
                 1,Kế hoạch CCHC,1,\n\
                 1.1,Ban hành kế hoạch,1,Có: 1; Không: 0\n";
    let mut body = Vec::new();
    for (k, v) in [("name", name), ("who", "Lan")] {
        body.extend(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"phu-luc.csv\"\r\nContent-Type: text/csv\r\n\r\n{annex}\r\n--{b}--\r\n")
            .as_bytes(),
    );
    let csrf = server.csrf();
    let version = server.get("/api/v1/dossiers/2026/version").header("etag");
    let kind = format!("multipart/form-data; boundary={b}");
    server.request(
        "POST",
        "/api/v1/dossiers/2026/import/save",
        &[
            ("X-CSRF-Token", csrf.as_str()),
            ("Content-Type", kind.as_str()),
            ("If-Match", version.as_str()),
        ],
        &body,
    )
}

#[test]
fn criteria_imported_under_the_name_seal_do_not_become_the_dossier_s_seal() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let r = save_import(&server, "bo-chi-so");
    assert_eq!(
        r.status, 200,
        "the annex saves under a plain name: {}",
        r.body
    );
    let r = save_import(&server, "Seal");
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        !dossier.join("seal.json").exists(),
        "an unsealed dossier stays unsealed"
    );
    let (code, out, _) = crate::harness::run_in(dir.path(), &["verify", D]);
    assert_ne!(code, 0, "nothing to verify: {out}");
}

#[test]
fn a_confirmed_correction_that_changes_nothing_records_no_seal_break() {
    let dir = copy_sample(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    // VB54's file is missing in the sample: its row out first, so the dossier seals.
    let r = change(
        &server,
        "PUT",
        "rows/manifest.csv/VB54",
        serde_json::json!({"remove": true, "who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = change(&server, "POST", "seal", serde_json::json!({"who": "Lan"}));
    assert_eq!(r.json()["status"], 0, "{}", r.body);
    // VB05's row as it is, sent again with the seal's break confirmed.
    let r = change(
        &server,
        "PUT",
        "documents/VB05",
        serde_json::json!({"number": "283/BC-BQL", "date": "2026-11-20",
            "issuer": "Ban Quản lý Khu kinh tế Hải Phòng",
            "title": "Báo cáo kết quả tự kiểm tra công tác cải cách hành chính năm 2026 (đã kiểm tra 4/5 phòng, đơn vị)",
            "criteria": "1.3.2#1", "who": "Nam", "break_seal": true}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let (code, out, _) = crate::harness::run_in(dir.path(), &["verify", D]);
    assert_eq!(code, 0, "the seal still holds: {out}");
    let entries = server.get("/api/v1/dossiers/2026/history").json()["entries"].clone();
    let breaks: Vec<_> = entries
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "break-seal")
        .collect();
    assert!(breaks.is_empty(), "no break recorded: {breaks:?}");
}

#[test]
fn an_upload_after_the_largest_id_a_row_can_hold_takes_the_next_one_and_does_not_panic() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    // A row typed by hand with an id at the edge of a 32-bit number.
    let path = dossier.join("manifest.csv");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!(
        "VB4294967295,{VB05_FILE},1/BC,01/02/2026,Ban,Bản sao,1.3.2#1,,\n"
    ));
    std::fs::write(&path, text).unwrap();
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let b = "XparscoreX";
    let mut body = String::new();
    for (k, v) in [
        ("criteria", "2.4.1"),
        ("title", "Báo cáo theo dõi thi hành pháp luật"),
        ("number", "301/BC-BQL"),
        ("date", "2026-10-20"),
        ("issuer", "Ban Quản lý Khu kinh tế Hải Phòng"),
        ("who", "Lan"),
    ] {
        body.push_str(&format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bc.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 bc\r\n--{b}--\r\n"
    ));
    let csrf = server.csrf();
    let version = server.get("/api/v1/dossiers/2026/version").header("etag");
    let kind = format!("multipart/form-data; boundary={b}");
    let r = server.request(
        "POST",
        "/api/v1/dossiers/2026/documents",
        &[
            ("X-CSRF-Token", csrf.as_str()),
            ("Content-Type", kind.as_str()),
            ("If-Match", version.as_str()),
        ],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["id"], "VB4294967296");
}

#[test]
fn a_history_line_numbered_past_what_a_history_reaches_does_not_stop_the_next_change() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let r = server.put_score("2026", "1.1.2", "Không", "thử");
    assert_eq!(r.status, 200, "{}", r.body);
    // The colleague renumbers that change by hand to the largest number there is.
    let path = dossier.join("history.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| match (i, l.split_once(',')) {
            (0, _) | (_, None) => format!("{l}\n"),
            (_, Some((_, rest))) => format!("18446744073709551615,{rest}\n"),
        })
        .collect();
    std::fs::write(&path, edited).unwrap();
    let r = server.put_score("2026", "1.1.2", "Có", "lại");
    assert_eq!(r.status, 200, "{}", r.body);
    let last = last_change(&server);
    assert!(
        last < u64::MAX,
        "the new change has a number of its own: {last}"
    );
}

#[cfg(unix)]
#[test]
fn a_hidden_folder_swapped_for_a_link_brings_no_file_in_from_outside_the_dossier() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    remove(&server, "VB05");
    // files/.removed replaced by a link to a folder outside the dossier holding a file of
    // the name the list gives.
    let outside = dir.path().join("ngoai");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join(VB05_FILE), "tệp ở ngoài hồ sơ\n").unwrap();
    let hidden = dossier.join("files/.removed");
    std::fs::rename(&hidden, dir.path().join("cat-di")).unwrap();
    std::os::unix::fs::symlink(&outside, &hidden).unwrap();
    let r = change(
        &server,
        "POST",
        "removed/VB05/restore",
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        outside.join(VB05_FILE).is_file(),
        "the outside file stays outside"
    );
    assert!(!dossier.join("files").join(VB05_FILE).exists());
}

#[cfg(unix)]
#[test]
fn undoing_an_attachment_sets_no_file_aside_through_a_hidden_folder_swapped_for_a_link() {
    let dir = copy_sample(D);
    let dossier = dir.path().join(D);
    let server = Server::start(dir.path(), &["evidence", "--port", "0"]);
    let r = attach(&server, "VB05", "bao-cao.pdf", b"%PDF-1.4 ban moi\n");
    assert_eq!(r.status, 200, "{}", r.body);
    let new_file = r.json()["file"].as_str().unwrap().to_string();
    let n = last_change(&server);
    let outside = dir.path().join("ngoai");
    std::fs::create_dir(&outside).unwrap();
    let hidden = dossier.join("files/.removed");
    std::fs::rename(&hidden, dir.path().join("cat-di")).unwrap();
    std::os::unix::fs::symlink(&outside, &hidden).unwrap();
    let r = change(
        &server,
        "POST",
        &format!("history/{n}/undo"),
        serde_json::json!({"who": "Lan"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        !outside.join(&new_file).exists(),
        "no file of the dossier leaves it through the link"
    );
    assert!(dossier.join("files").join(&new_file).is_file());
}
