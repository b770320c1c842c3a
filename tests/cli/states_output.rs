//! What a person reads stays what the data says: a right-to-left override typed into a
//! manifest cell, a note or the unit's name reorders nothing in the HTML report, the web
//! pages, the workbook, the Word report or the charts; a unit name of 250,000 characters
//! still charts, its title cut with `…`; an export killed before its rename leaves no
//! temporary where the user looks once parscore writes there again.

use crate::harness::{copy_sample, parscore, run_in};
use crate::server::Server;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

const OVERRIDES: [char; 9] = [
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

fn assert_no_override(what: &str, text: &str) {
    for c in OVERRIDES {
        assert!(!text.contains(c), "{what} carries U+{:04X}", c as u32);
    }
}

/// Every XML part of an Office file (a zip), as text.
fn zip_parts(path: &Path) -> Vec<(String, String)> {
    let bytes = std::fs::read(path).expect("the file");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).expect("a part");
        let name = part.name().expect("a name").to_string();
        let mut text = String::new();
        if name.ends_with(".xml") {
            part.read_to_string(&mut text).expect("UTF-8 XML");
            out.push((name, text));
        }
    }
    out
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("the file");
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn bidi_overrides_from_the_data_reach_no_output_a_person_reads() {
    let root = copy_sample("evidence/2026");
    let d = root.path().join("evidence/2026");
    // An unterminated override in a manifest title, an isolate in a note, one in the name.
    replace_in(
        &d.join("manifest.csv"),
        "Kế hoạch cải cách hành chính nhà nước năm 2026 của Ban",
        "Kế hoạch cải cách hành chính nhà nước năm 2026\u{202e} của Ban",
    );
    replace_in(
        &d.join("scores.csv"),
        "Kế hoạch số 12/KH-BQL",
        "Kế hoạch\u{2067} số 12/KH-BQL",
    );
    // And one in the unit's explanation, which the submission table prints.
    replace_in(
        &d.join("scores.csv"),
        "Kế hoạch cải cách hành chính năm 2026 được Trưởng Ban",
        "Kế hoạch cải cách hành chính\u{202d} năm 2026 được Trưởng Ban",
    );
    replace_in(
        &d.join("dossier.json"),
        "\"unit\": \"Ban Quản lý",
        "\"unit\": \"Ban\u{202b} Quản lý",
    );
    let run = |args: &[&str]| {
        let (code, out, err) = run_in(root.path(), args);
        assert!(code <= 1, "{args:?}: {err}");
        out
    };
    // The working appendix: the one page a Director reads names no document titles.
    run(&[
        "report",
        "evidence/2026",
        "--appendix",
        "--out",
        "bao-cao.html",
    ]);
    let html = std::fs::read_to_string(root.path().join("bao-cao.html")).expect("html");
    assert_no_override("the HTML report", &html);
    assert!(html.contains("Kế hoạch cải cách hành chính nhà nước năm 2026 của Ban"));
    run(&["export", "evidence/2026", "--xlsx", "tong-hop.xlsx"]);
    let parts = zip_parts(&root.path().join("tong-hop.xlsx"));
    for (name, text) in &parts {
        assert_no_override(&format!("tong-hop.xlsx {name}"), text);
    }
    assert!(parts
        .iter()
        .any(|(_, t)| t.contains("Kế hoạch cải cách hành chính năm 2026 được Trưởng Ban")));
    run(&["export", "evidence/2026", "--docx", "bao-cao.docx"]);
    for (name, text) in zip_parts(&root.path().join("bao-cao.docx")) {
        assert_no_override(&format!("bao-cao.docx {name}"), &text);
    }
    run(&["chart", "evidence/2026", "--out", "bieu-do"]);
    for chart in ["areas", "gap", "trend"] {
        let svg =
            std::fs::read_to_string(root.path().join(format!("bieu-do/{chart}.svg"))).expect("svg");
        assert_no_override(chart, &svg);
    }
    let areas = std::fs::read_to_string(root.path().join("bieu-do/areas.svg")).expect("svg");
    assert!(
        areas.contains("Ban Quản lý Khu kinh tế Hải Phòng"),
        "the name stays"
    );
    let server = Server::start(root.path(), &["evidence/2026", "--port", "0"]);
    for page in ["/", "/d/2026", "/d/2026/evidence", "/d/2026/report"] {
        let r = server.get(page);
        assert_eq!(r.status, 200, "{page}");
        assert_no_override(page, &r.body);
    }
}

#[test]
fn a_unit_name_of_250000_characters_still_charts_as_png_with_its_title_cut() {
    let root = copy_sample("evidence/2026");
    let d = root.path().join("evidence/2026");
    let long: String = "Sở Nội vụ ".repeat(25_000);
    replace_in(
        &d.join("dossier.json"),
        "\"unit\": \"Ban Quản lý Khu kinh tế Hải Phòng\"",
        &format!("\"unit\": \"{long}\""),
    );
    let mut child = std::process::Command::new(parscore().get_program())
        .current_dir(root.path())
        .args(["chart", "evidence/2026", "--out", "bieu-do", "--png"])
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break Some(s);
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let status = status.expect("chart --png finished (it was killed after 120 s)");
    assert!(status.success(), "{status}");
    let svg = std::fs::read_to_string(root.path().join("bieu-do/areas.svg")).expect("svg");
    let at = svg.find("Điểm theo lĩnh vực — ").expect("the title");
    let title = svg[at..at + svg[at..].find("</text>").expect("its end")].trim_end();
    // The name is cut at 80 characters with `…`; the year after it stays.
    let name = "Sở Nội vụ ".repeat(13);
    let name: String = name.chars().take(80).collect();
    assert_eq!(title, format!("Điểm theo lĩnh vực — {name}…, năm 2026"));
    for text in svg.split("<text").skip(1) {
        let content = &text[text.find('>').expect(">") + 1..text.find("</text>").expect("end")];
        assert!(
            content.chars().count() <= 301,
            "a text of {} characters",
            content.len()
        );
    }
    for chart in ["areas", "gap", "trend"] {
        assert!(root.path().join(format!("bieu-do/{chart}.png")).is_file());
    }
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".parscore-") && n.ends_with(".tmp"))
        .collect()
}

#[test]
fn an_export_killed_before_its_rename_leaves_no_temporary_once_parscore_writes_there_again() {
    let root = copy_sample("evidence/2026");
    let out = root.path().join("nop");
    std::fs::create_dir(&out).expect("mkdir");
    let mut child = std::process::Command::new(parscore().get_program())
        .current_dir(root.path())
        .args(["export", "evidence/2026", "--xlsx", "nop/tong-hop.xlsx"])
        .env("PARSCORE_TEST_PAUSE", "rename:60000")
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let paused = lines.find(|l| l.as_deref().is_ok_and(|l| l.contains("paused at")));
    assert_eq!(
        paused.expect("a pause").expect("text"),
        "parscore: paused at rename"
    );
    child.kill().expect("kill");
    child.wait().expect("wait");
    let left = temporaries(&out);
    assert_eq!(left.len(), 1, "the kill leaves its temporary: {left:?}");
    assert!(!out.join("tong-hop.xlsx").exists());
    // A temporary still held by a live writer is kept; one nobody holds is removed by the
    // next write into the folder, once a few seconds old.
    let f = std::fs::File::options()
        .write(true)
        .open(out.join(&left[0]))
        .expect("open");
    f.set_modified(std::time::SystemTime::now() - Duration::from_secs(60))
        .expect("age it");
    drop(f);
    let (code, _, err) = run_in(
        root.path(),
        &["export", "evidence/2026", "--xlsx", "nop/tong-hop.xlsx"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(temporaries(&out), Vec::<String>::new());
    let names: Vec<_> = std::fs::read_dir(&out)
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["tong-hop.xlsx"]);
}
