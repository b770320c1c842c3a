//! A dossier means the same files on Linux and on Windows. Windows opens a manifest name
//! that differs from the file's only by case (or is its short 8.3 name, or carries a
//! trailing dot), and reads `CON.txt` as the console and `a.pdf:x` as a hidden stream; so on
//! every platform such a name is either read as the file the folder holds, with a warning
//! naming both spellings, or refused with the reason. Office's owner files (`~$…`) are not
//! documents. (The same cases under the Windows build: `windows.rs`.)

use crate::harness::{copy_sample, run_in};
use std::path::Path;

fn rename_in_manifest(dossier: &Path, from: &str, to: &str) {
    let manifest = dossier.join("manifest.csv");
    let text = std::fs::read_to_string(&manifest).unwrap();
    assert!(text.contains(from));
    std::fs::write(&manifest, text.replace(from, to)).unwrap();
}

/// The (kind, message) of every problem `evidence` finds in the copy's `evidence/2026`.
pub fn problems(json: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap().to_string(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn at_risk(cwd: &Path) -> String {
    let (_, out, err) = run_in(cwd, &["evidence", "evidence/2026", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
    v["at_risk"].to_string()
}

#[test]
fn a_manifest_name_in_other_case_is_read_with_a_warning_naming_both_spellings() {
    let exact = copy_sample("evidence/2026");
    let dir = copy_sample("evidence/2026");
    let d = dir.path().join("evidence/2026");
    rename_in_manifest(&d, ",ke-hoach-cchc-2026.txt,", ",KE-HOACH-CCHC-2026.TXT,");
    // The plan is found as on Windows: the points at risk are those of the exact name.
    assert_eq!(at_risk(dir.path()), at_risk(exact.path()));
    let (code, json, _) = run_in(
        dir.path(),
        &["evidence", "evidence/2026", "--format", "json"],
    );
    assert_eq!(code, 1);
    let aliases: Vec<String> = problems(&json)
        .into_iter()
        .filter(|(kind, _)| kind == "name_alias")
        .map(|(_, m)| m)
        .collect();
    assert_eq!(aliases, [
        "manifest.csv ghi \"files/KE-HOACH-CCHC-2026.TXT\" nhưng tệp trong thư mục là \"files/ke-hoach-cchc-2026.txt\" (khác chữ hoa/thường); Windows mở được còn Linux thì không, nên parscore đọc tệp \"files/ke-hoach-cchc-2026.txt\" trên mọi máy; sửa tên trong manifest.csv cho khớp"
    ]);
    assert!(
        !problems(&json)
            .iter()
            .any(|(kind, m)| kind == "file_unlisted" && m.contains("files/ke-hoach-cchc-2026.txt ")),
        "{json}"
    );
}

#[test]
fn a_dossier_sealed_through_a_case_alias_verifies_intact() {
    let dir = copy_sample("evidence/2026");
    let d = dir.path().join("evidence/2026");
    std::fs::write(d.join("files/qd-quy-che-lam-viec-sua-doi.txt"), "Quy chế\n").unwrap();
    rename_in_manifest(&d, ",ke-hoach-cchc-2026.txt,", ",Ke-Hoach-CCHC-2026.txt,");
    let (code, _, err) = run_in(dir.path(), &["seal", "evidence/2026"]);
    assert_eq!(code, 0, "{err}");
    let seal = std::fs::read_to_string(d.join("seal.json")).unwrap();
    // Recorded as the folder spells it, once, never as an unlisted second file.
    assert_eq!(
        seal.matches("files/ke-hoach-cchc-2026.txt").count(),
        1,
        "{seal}"
    );
    assert!(!seal.contains("Ke-Hoach"), "{seal}");
    let (code, out, err) = run_in(dir.path(), &["verify", "evidence/2026"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_short_8_3_name_is_read_as_the_one_long_name_it_stands_for_and_no_other() {
    let dir = copy_sample("evidence/2026");
    let d = dir.path().join("evidence/2026");
    let long = "bang-theo-doi-tien-do-ke-hoach-cchc-2026.txt";
    rename_in_manifest(&d, &format!(",{long},"), ",BANG-T~1.TXT,");
    let exact = copy_sample("evidence/2026");
    assert_eq!(at_risk(dir.path()), at_risk(exact.path()));
    let (_, json, _) = run_in(
        dir.path(),
        &["evidence", "evidence/2026", "--format", "json"],
    );
    assert!(problems(&json).contains(&(
        "name_alias".to_string(),
        format!("manifest.csv ghi \"files/BANG-T~1.TXT\", là tên ngắn (8.3) mà Windows đặt cho \"files/{long}\"; parscore đọc tệp \"files/{long}\" trên mọi máy; ghi tên đầy đủ trong manifest.csv")
    )), "{json}");
    // Ten long names begin with "ke-hoa": which one KE-HOA~1.TXT is depends on the order
    // Windows met them, so it is missing on every system rather than a guess.
    rename_in_manifest(&d, ",ke-hoach-cchc-2026.txt,", ",KE-HOA~1.TXT,");
    let (_, json, _) = run_in(
        dir.path(),
        &["evidence", "evidence/2026", "--format", "json"],
    );
    assert!(
        problems(&json).contains(&(
            "file_missing".to_string(),
            "không có tệp files/KE-HOA~1.TXT của văn bản VB01 (12/KH-BQL)".to_string()
        )),
        "{json}"
    );
}

#[test]
fn device_names_streams_and_trailing_dots_are_refused_on_linux_too() {
    let dir = copy_sample("evidence/2026");
    let d = dir.path().join("evidence/2026");
    // Files that Linux could hold, so that only the names are at fault.
    for name in ["NUL", "CON.txt", "com1.pdf", "a.txt:an", "b.txt."] {
        std::fs::write(d.join("files").join(name), "x").unwrap();
    }
    let mut manifest = std::fs::read_to_string(d.join("manifest.csv")).unwrap();
    let first = manifest.lines().count() + 1;
    for (id, file) in [
        ("X1", "NUL"),
        ("X2", "CON.txt"),
        ("X3", "com1.pdf"),
        ("X4", "a.txt:an"),
        ("X5", "b.txt."),
    ] {
        manifest.push_str(&format!("{id},{file},,,,,1.1.1,,\n"));
    }
    std::fs::write(d.join("manifest.csv"), manifest).unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &["evidence", "evidence/2026", "--format", "json"],
    );
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let refused: Vec<(u64, String)> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "unsafe_path")
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let lines: Vec<u64> = refused.iter().map(|(l, _)| *l).collect();
    let first = first as u64;
    assert_eq!(lines, (first..first + 5).collect::<Vec<_>>(), "{refused:?}");
    assert!(refused[0]
        .1
        .starts_with("tên \"NUL\" bị từ chối: \"NUL\" là tên thiết bị dành riêng của Windows"));
    assert!(refused[1].1.contains("\"CON\" là tên thiết bị"));
    assert!(refused[2].1.contains("\"com1\" là tên thiết bị"));
    assert!(refused[3]
        .1
        .contains("dấu \":\" trong tên tệp là luồng dữ liệu ẩn"));
    assert!(refused[4]
        .1
        .contains("Windows sẽ mở tệp \"b.txt\" thay vào đó"));
    // Never sealed either.
    let (code, _, err) = run_in(dir.path(), &["seal", "evidence/2026"]);
    assert_eq!(code, 1);
    assert!(err.contains("tên thiết bị dành riêng của Windows"), "{err}");
}

#[test]
fn office_owner_files_are_neither_unlisted_documents_nor_sealed() {
    let dir = copy_sample("evidence/2026");
    let d = dir.path().join("evidence/2026");
    std::fs::write(d.join("files/qd-quy-che-lam-viec-sua-doi.txt"), "Quy chế\n").unwrap();
    std::fs::write(d.join("files/~$bao-cao-cchc.docx"), "owner").unwrap();
    let (_, out, _) = run_in(dir.path(), &["evidence", "evidence/2026"]);
    assert!(!out.contains("~$"), "{out}");
    let (code, _, err) = run_in(dir.path(), &["seal", "evidence/2026"]);
    assert_eq!(code, 0, "{err}");
    let seal = std::fs::read_to_string(d.join("seal.json")).unwrap();
    assert!(!seal.contains("~$"), "{seal}");
}

#[test]
fn without_arguments_from_a_terminal_parscore_prints_its_usage() {
    let (code, out, err) = run_in(&crate::harness::root(), &[]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("Usage: parscore"), "{err}");
}
