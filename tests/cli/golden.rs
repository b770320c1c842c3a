//! Golden outputs: every command in every format and both languages, run on the shipped
//! samples (`evidence/2024`, `2025`, `2026`, the criteria files and the rankings they
//! name), compared byte for byte with the files under `tests/golden/`, one per case, named
//! after the command (`score-2026-table-vi.txt`). They guard refactors of the wording and
//! the presentation: an output that changes, changes here first.
//!
//! Standard output goes to `NAME.EXT`; standard error and the exit code, when there is any
//! error text or the code is not 0, to `NAME.err.txt`. Charts are kept as SVG byte for byte
//! and PNG by SHA-256; workbooks as their unzipped XML parts (the zip's own bytes and the
//! creation time in `docProps/core.xml` change between runs). The clock in `seal`'s
//! message is masked as `<TIME>`.
//!
//! After a change on purpose, regenerate the files and read the diff before committing:
//!
//! ```text
//! PARSCORE_BLESS=1 cargo test --test cli golden
//! ```

use crate::harness::{copy_into, parscore, root};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Which build runs the cases: this platform's, or the Windows exe under Wine (compared
/// with the same golden files, never blessed from).
pub(crate) enum Program {
    Native,
    Windows(crate::windows::Wine),
}

/// Collects the mismatches of one test and fails once, naming every case.
pub(crate) struct Golden {
    bless: bool,
    failures: Vec<String>,
    program: Program,
}

impl Golden {
    fn new() -> Self {
        Golden {
            bless: std::env::var_os("PARSCORE_BLESS").is_some_and(|v| v == "1"),
            failures: Vec::new(),
            program: Program::Native,
        }
    }

    /// The cases run by `program`, compared with the golden files as they are.
    pub(crate) fn of(program: Program) -> Self {
        Golden {
            bless: false,
            failures: Vec::new(),
            program,
        }
    }

    /// Runs `parscore ARGS…` at the project root and checks its output as case `name`.
    fn run(&mut self, name: &str, ext: &str, args: &[&str]) {
        self.run_in(&root(), name, ext, args);
    }

    /// Runs `parscore ARGS…` with the working directory `cwd`.
    fn run_in(&mut self, cwd: &Path, name: &str, ext: &str, args: &[&str]) {
        let out = match &self.program {
            Program::Native => parscore().current_dir(cwd).args(args).output(),
            Program::Windows(wine) => wine.command().current_dir(cwd).args(args).output(),
        }
        .expect("runs");
        let code = out.status.code().unwrap_or(-1);
        self.check(&format!("{name}.{ext}"), &mask_clock(&out.stdout));
        let err = if code != 0 || !out.stderr.is_empty() {
            let mut e = format!("exit {code}\n").into_bytes();
            e.extend_from_slice(&mask_clock(&out.stderr));
            Some(e)
        } else {
            None
        };
        self.check_optional(&format!("{name}.err.txt"), err.as_deref());
    }

    /// Compares `actual` with `tests/golden/FILE`, or writes it when blessing.
    fn check(&mut self, file: &str, actual: &[u8]) {
        let path = golden_dir().join(file);
        if self.bless {
            std::fs::write(&path, actual).expect("write golden");
            return;
        }
        match std::fs::read(&path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => self.failures.push(difference(file, &expected, actual)),
            Err(_) => self.failures.push(format!(
                "{file}: no golden file; run PARSCORE_BLESS=1 cargo test --test cli golden\n  + {:?}",
                String::from_utf8_lossy(&actual[..actual.len().min(400)])
            )),
        }
    }

    /// Like [`Golden::check`], for a file that exists only when there is something to say.
    fn check_optional(&mut self, file: &str, actual: Option<&[u8]>) {
        match actual {
            Some(bytes) => self.check(file, bytes),
            None => {
                let path = golden_dir().join(file);
                if self.bless {
                    let _ = std::fs::remove_file(&path);
                } else if path.exists() {
                    self.failures
                        .push(format!("{file}: expected error output, got none"));
                }
            }
        }
    }

    /// Checks a file a command wrote: SVG and text byte for byte, PNG by hash, XLSX by parts.
    fn file(&mut self, name: &str, path: &Path) {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match ext {
            "png" => {
                let hash = format!("{:x}\n", Sha256::digest(&bytes));
                self.check(&format!("{name}.png.sha256"), hash.as_bytes());
            }
            "xlsx" => self.check(&format!("{name}.xlsx.txt"), &xlsx_parts(&bytes)),
            _ => self.check(&format!("{name}.{ext}"), &bytes),
        }
    }

    pub(crate) fn finish(self) {
        assert!(
            self.failures.is_empty(),
            "{} golden case(s) differ (PARSCORE_BLESS=1 regenerates them):\n\n{}",
            self.failures.len(),
            self.failures.join("\n\n")
        );
    }
}

fn golden_dir() -> PathBuf {
    root().join("tests/golden")
}

/// The first differing line with two lines of context either side, like a short diff.
fn difference(file: &str, expected: &[u8], actual: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let el: Vec<&str> = e.split('\n').collect();
    let al: Vec<&str> = a.split('\n').collect();
    let at = (0..el.len().max(al.len()))
        .find(|&i| el.get(i) != al.get(i))
        .unwrap_or(0);
    let mut s = format!("{file}: differs at line {}", at + 1);
    for i in at.saturating_sub(2)..at {
        let _ = write!(s, "\n    {}", el.get(i).unwrap_or(&""));
    }
    for line in el.iter().skip(at).take(3) {
        let _ = write!(s, "\n  - {line:?}");
    }
    for line in al.iter().skip(at).take(3) {
        let _ = write!(s, "\n  + {line:?}");
    }
    s
}

/// Replaces a wall-clock time `HH:MM DD/MM/YYYY` (and `YYYY-MM-DDTHH:MM:SS+07:00`) with
/// `<TIME>`: `seal` says when it sealed.
fn mask_clock(bytes: &[u8]) -> Vec<u8> {
    const PATTERNS: [&[u8]; 2] = [b"dd:dd dd/dd/dddd", b"dddd-dd-ddTdd:dd:dd+dd:dd"];
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    'scan: while i < bytes.len() {
        for p in PATTERNS {
            if matches_at(&bytes[i..], p) {
                out.extend_from_slice(b"<TIME>");
                i += p.len();
                continue 'scan;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn matches_at(bytes: &[u8], pattern: &[u8]) -> bool {
    bytes.len() >= pattern.len()
        && pattern.iter().zip(bytes).all(|(p, b)| match p {
            b'd' => b.is_ascii_digit(),
            _ => p == b,
        })
}

/// Every part of a workbook, by name, with the creation and modification times blanked.
fn xlsx_parts(bytes: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut names: Vec<String> = (0..zip.len())
        .map(|i| {
            zip.by_index(i)
                .expect("part")
                .name()
                .expect("a name")
                .into_owned()
        })
        .collect();
    names.sort();
    let mut out = String::new();
    for name in names {
        let mut part = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(&name).expect("part"), &mut part)
            .expect("UTF-8 part");
        if name == "docProps/core.xml" {
            part = blank_element(&part, "dcterms:created");
            part = blank_element(&part, "dcterms:modified");
        }
        let _ = write!(out, "=== {name} ===\n{part}\n");
    }
    out.into_bytes()
}

fn blank_element(xml: &str, tag: &str) -> String {
    let Some(open) = xml.find(&format!("<{tag}")) else {
        return xml.to_owned();
    };
    let Some(body) = xml[open..].find('>').map(|i| open + i + 1) else {
        return xml.to_owned();
    };
    let Some(close) = xml[body..].find(&format!("</{tag}>")).map(|i| body + i) else {
        return xml.to_owned();
    };
    format!("{}<TIME>{}", &xml[..body], &xml[close..])
}

/// The shipped samples and criteria copied into a fresh folder, for commands that write.
fn samples() -> tempfile::TempDir {
    let dir = crate::harness::tempdir();
    copy_into(&root().join("evidence"), &dir.path().join("evidence"));
    copy_into(&root().join("criteria"), &dir.path().join("criteria"));
    dir
}

const YEARS: [&str; 3] = ["2024", "2025", "2026"];
const LANGS: [&str; 2] = ["vi", "en"];

fn ext_of(format: &str) -> &'static str {
    match format {
        "csv" => "csv",
        "json" => "json",
        _ => "txt",
    }
}

#[test]
fn golden_score() {
    let mut g = Golden::new();
    score_cases(&mut g);
    g.finish();
}

pub(crate) fn score_cases(g: &mut Golden) {
    for lang in LANGS {
        for format in ["table", "csv", "json"] {
            let ext = ext_of(format);
            for year in YEARS {
                let dossier = format!("evidence/{year}");
                g.run(
                    &format!("score-{year}-{format}-{lang}"),
                    ext,
                    &["--lang", lang, "score", &dossier, "--format", format],
                );
            }
            g.run(
                &format!("score-all-{format}-{lang}"),
                ext,
                &[
                    "--lang",
                    lang,
                    "score",
                    "evidence/2024",
                    "evidence/2025",
                    "evidence/2026",
                    "--format",
                    format,
                ],
            );
        }
        for code in ["1.1", "1.1.4", "8", "3.2.1"] {
            g.run(
                &format!("score-2026-explain-{code}-{lang}"),
                "txt",
                &["--lang", lang, "score", "evidence/2026", "--explain", code],
            );
        }
        g.run(
            &format!("score-2026-explain-9.9-{lang}"),
            "txt",
            &["--lang", lang, "score", "evidence/2026", "--explain", "9.9"],
        );
        for fixture in ["bad_values", "unscored", "appraised", "bonus_and_penalty"] {
            let dossier = format!("tests/data/dossiers/{fixture}");
            for format in ["table", "json"] {
                g.run(
                    &format!("score-{fixture}-{format}-{lang}"),
                    ext_of(format),
                    &["--lang", lang, "score", &dossier, "--format", format],
                );
            }
        }
    }
}

#[test]
fn golden_evidence_and_gap() {
    let mut g = Golden::new();
    evidence_and_gap_cases(&mut g);
    g.finish();
}

pub(crate) fn evidence_and_gap_cases(g: &mut Golden) {
    for lang in LANGS {
        for format in ["table", "json"] {
            let ext = ext_of(format);
            for year in YEARS {
                let dossier = format!("evidence/{year}");
                for command in ["evidence", "gap"] {
                    g.run(
                        &format!("{command}-{year}-{format}-{lang}"),
                        ext,
                        &["--lang", lang, command, &dossier, "--format", format],
                    );
                }
            }
            g.run(
                &format!("evidence-2025-2026-{format}-{lang}"),
                ext,
                &[
                    "--lang",
                    lang,
                    "evidence",
                    "evidence/2025",
                    "evidence/2026",
                    "--format",
                    format,
                ],
            );
            g.run(
                &format!("gap-2026-rank-3-{format}-{lang}"),
                ext,
                &[
                    "--lang",
                    lang,
                    "gap",
                    "evidence/2026",
                    "--rank",
                    "3",
                    "--format",
                    format,
                ],
            );
            g.run(
                &format!("gap-2026-threshold-{format}-{lang}"),
                ext,
                &[
                    "--lang",
                    lang,
                    "gap",
                    "evidence/2026",
                    "--threshold",
                    "92,5",
                    "--format",
                    format,
                ],
            );
            for fixture in ["appraised", "evidence_complete", "unscored"] {
                let dossier = format!("tests/data/dossiers/{fixture}");
                for command in ["evidence", "gap"] {
                    g.run(
                        &format!("{command}-{fixture}-{format}-{lang}"),
                        ext,
                        &["--lang", lang, command, &dossier, "--format", format],
                    );
                }
            }
        }
    }
}

#[test]
fn golden_compare() {
    let mut g = Golden::new();
    compare_cases(&mut g);
    g.finish();
}

pub(crate) fn compare_cases(g: &mut Golden) {
    for lang in LANGS {
        for format in ["table", "csv", "json"] {
            let ext = ext_of(format);
            let mut args = vec![
                "--lang",
                lang,
                "compare",
                "evidence/2024",
                "evidence/2025",
                "evidence/2026",
                "--format",
                format,
            ];
            g.run(&format!("compare-2024-2026-{format}-{lang}"), ext, &args);
            args.push("--detail");
            g.run(
                &format!("compare-2024-2026-detail-{format}-{lang}"),
                ext,
                &args,
            );
            g.run(
                &format!("compare-fixtures-detail-{format}-{lang}"),
                ext,
                &[
                    "--lang",
                    lang,
                    "compare",
                    "tests/data/dossiers/compare_old",
                    "tests/data/dossiers/compare_new",
                    "--detail",
                    "--format",
                    format,
                ],
            );
        }
    }
}

#[test]
fn golden_charts() {
    let mut g = Golden::new();
    charts_cases(&mut g);
    g.finish();
}

pub(crate) fn charts_cases(g: &mut Golden) {
    let dir = samples();
    let cwd = dir.path();
    for lang in LANGS {
        let out = format!("charts-{lang}");
        g.run_in(
            cwd,
            &format!("chart-2026-{lang}"),
            "txt",
            &[
                "--lang",
                lang,
                "chart",
                "evidence/2026",
                "--compare",
                "evidence/2024",
                "evidence/2025",
                "--out",
                &out,
                "--png",
            ],
        );
        for chart in ["areas", "gap", "trend"] {
            for ext in ["svg", "png"] {
                g.file(
                    &format!("chart-2026-{chart}-{lang}"),
                    &cwd.join(&out).join(format!("{chart}.{ext}")),
                );
            }
        }
        let one = format!("one-{lang}");
        g.run_in(
            cwd,
            &format!("chart-2024-rank-3-{lang}"),
            "txt",
            &[
                "--lang",
                lang,
                "chart",
                "evidence/2024",
                "--rank",
                "3",
                "--out",
                &one,
            ],
        );
        for chart in ["areas", "gap", "trend"] {
            g.file(
                &format!("chart-2024-rank-3-{chart}-{lang}"),
                &cwd.join(&one).join(format!("{chart}.svg")),
            );
        }
    }
}

#[test]
fn golden_criteria() {
    let mut g = Golden::new();
    criteria_cases(&mut g);
    g.finish();
}

pub(crate) fn criteria_cases(g: &mut Golden) {
    for lang in LANGS {
        for year in YEARS {
            let file = format!("criteria/haiphong-so-{year}.json");
            g.run(
                &format!("criteria-show-{year}-{lang}"),
                "txt",
                &["--lang", lang, "criteria", "show", &file],
            );
        }
        g.run(
            &format!("criteria-show-2026-code-1-depth-2-{lang}"),
            "txt",
            &[
                "--lang",
                lang,
                "criteria",
                "show",
                "criteria/haiphong-so-2026.json",
                "--code",
                "1",
                "--depth",
                "2",
            ],
        );
        for format in ["text", "json"] {
            let ext = ext_of(format);
            g.run(
                &format!("criteria-check-shipped-{format}-{lang}"),
                ext,
                &[
                    "--lang",
                    lang,
                    "criteria",
                    "check",
                    "criteria/haiphong-so-2024.json",
                    "criteria/haiphong-so-2025.json",
                    "criteria/haiphong-so-2026.json",
                    "--format",
                    format,
                ],
            );
            let mut bad: Vec<PathBuf> = std::fs::read_dir(root().join("tests/data/criteria/bad"))
                .expect("bad criteria")
                .map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            bad.sort();
            let rel: Vec<String> = bad
                .iter()
                .map(|p| {
                    p.strip_prefix(root())
                        .expect("under the root")
                        .display()
                        .to_string()
                })
                .collect();
            let mut args = vec!["--lang", lang, "criteria", "check", "--format", format];
            args.extend(rel.iter().map(String::as_str));
            g.run(&format!("criteria-check-bad-{format}-{lang}"), ext, &args);
        }
    }
}

#[test]
fn golden_template_and_export() {
    let mut g = Golden::new();
    template_and_export_cases(&mut g);
    g.finish();
}

pub(crate) fn template_and_export_cases(g: &mut Golden) {
    let dir = samples();
    let cwd = dir.path();
    for lang in LANGS {
        g.run_in(
            cwd,
            &format!("template-2026-{lang}"),
            "csv",
            &["--lang", lang, "template", "evidence/2026"],
        );
        g.run_in(
            cwd,
            &format!("template-criteria-2024-{lang}"),
            "csv",
            &["--lang", lang, "template", "criteria/haiphong-so-2024.json"],
        );
        let out = format!("template-{lang}.csv");
        g.run_in(
            cwd,
            &format!("template-2026-out-{lang}"),
            "txt",
            &["--lang", lang, "template", "evidence/2026", "--out", &out],
        );
        g.file(&format!("template-2026-out-{lang}"), &cwd.join(&out));
        let xlsx = format!("phieu-{lang}.xlsx");
        g.run_in(
            cwd,
            &format!("template-2026-xlsx-{lang}"),
            "txt",
            &["--lang", lang, "template", "evidence/2026", "--xlsx", &xlsx],
        );
        g.file(&format!("template-2026-xlsx-{lang}"), &cwd.join(&xlsx));
        for year in ["2024", "2026"] {
            let xlsx = format!("tong-hop-{year}-{lang}.xlsx");
            let dossier = format!("evidence/{year}");
            g.run_in(
                cwd,
                &format!("export-{year}-{lang}"),
                "txt",
                &["--lang", lang, "export", &dossier, "--xlsx", &xlsx],
            );
            g.file(&format!("export-{year}-{lang}"), &cwd.join(&xlsx));
        }
    }
}

#[test]
fn golden_seal_and_verify() {
    let mut g = Golden::new();
    seal_and_verify_cases(&mut g);
    g.finish();
}

pub(crate) fn seal_and_verify_cases(g: &mut Golden) {
    for lang in LANGS {
        let dir = samples();
        let cwd = dir.path();
        let l = |rest: &[&'static str]| -> Vec<&'static str> {
            let mut v = vec!["--lang", if lang == "vi" { "vi" } else { "en" }];
            v.extend_from_slice(rest);
            v
        };
        // The sample lacks one file on purpose: the seal is refused.
        g.run_in(
            cwd,
            &format!("seal-2026-refused-{lang}"),
            "txt",
            &l(&["seal", "evidence/2026"]),
        );
        let files = cwd.join("evidence/2026/files");
        std::fs::write(files.join("qd-quy-che-lam-viec-sua-doi.txt"), "Quy chế\n").expect("write");
        g.run_in(
            cwd,
            &format!("seal-2026-{lang}"),
            "txt",
            &l(&["seal", "evidence/2026"]),
        );
        g.file(
            &format!("seal-2026-manifest-{lang}"),
            &cwd.join("evidence/2026/manifest.csv"),
        );
        // A fixed seal time, so that what verify says of it does not depend on the clock
        // (seal.json itself holds file times and is not kept).
        let seal = cwd.join("evidence/2026/seal.json");
        let text = std::fs::read(&seal).expect("seal.json");
        std::fs::write(&seal, mask_clock(&text)).expect("write");
        let text = std::fs::read_to_string(&seal).expect("seal.json");
        std::fs::write(&seal, text.replace("<TIME>", "2026-12-01T09:30:00+07:00")).expect("write");
        for format in ["table", "json"] {
            g.run_in(
                cwd,
                &format!("verify-2026-intact-{format}-{lang}"),
                ext_of(format),
                &l(&["verify", "evidence/2026", "--format", format]),
            );
        }
        std::fs::write(files.join("ke-hoach-cchc-2026.txt"), "sửa\n").expect("write");
        std::fs::remove_file(files.join("qd-giao-bien-che-2026.txt")).expect("remove");
        std::fs::write(files.join("them.txt"), "thêm\n").expect("write");
        for format in ["table", "json"] {
            g.run_in(
                cwd,
                &format!("verify-2026-changed-{format}-{lang}"),
                ext_of(format),
                &l(&["verify", "evidence/2026", "--format", format]),
            );
        }
        g.run_in(
            cwd,
            &format!("verify-2025-unsealed-{lang}"),
            "txt",
            &l(&["verify", "evidence/2025"]),
        );
    }
}

#[test]
fn golden_init() {
    let mut g = Golden::new();
    init_cases(&mut g);
    g.finish();
}

pub(crate) fn init_cases(g: &mut Golden) {
    for lang in LANGS {
        let dir = samples();
        let cwd = dir.path();
        g.run_in(
            cwd,
            &format!("init-2027-{lang}"),
            "txt",
            &[
                "--lang",
                lang,
                "init",
                "evidence/2027",
                "--unit",
                "Sở Nội vụ",
                "--year",
                "2027",
                "--criteria",
                "criteria/haiphong-so-2026.json",
                "--rankings",
                "criteria/rankings.csv",
                "--group",
                "so-ban-nganh",
                "--target-rank",
                "5",
                "--as-of",
                "31/12/2027",
                "--plan-from",
                "evidence/2026",
            ],
        );
        for file in ["dossier.json", "scores.csv", "manifest.csv", "plan.csv"] {
            let stem = file.split('.').next().expect("a stem");
            g.file(
                &format!("init-2027-{stem}-{lang}"),
                &cwd.join("evidence/2027").join(file),
            );
        }
        g.run_in(
            cwd,
            &format!("init-2027-score-{lang}"),
            "txt",
            &["--lang", lang, "score", "evidence/2027"],
        );
        g.run_in(
            cwd,
            &format!("init-missing-settings-{lang}"),
            "txt",
            &["--lang", lang, "init", "evidence/2028"],
        );
        g.run_in(
            cwd,
            &format!("init-existing-{lang}"),
            "txt",
            &["--lang", lang, "init", "evidence/2026", "--unit", "X"],
        );
    }
}

/// The area codes of the criteria file a dossier names, to explain every leaf once.
fn area_codes(dossier: &Path) -> Vec<String> {
    let read = |p: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(p).expect("readable")).expect("JSON")
    };
    let settings = read(&dossier.join("dossier.json"));
    let criteria = read(&dossier.join(settings["criteria"].as_str().expect("a criteria path")));
    let mut codes: Vec<String> = criteria["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .filter_map(|a| a["code"].as_str().map(str::to_owned))
        .collect();
    if let Some(items) = criteria["adjustments"]["items"].as_array() {
        codes.extend(
            items
                .iter()
                .filter_map(|i| i["code"].as_str().map(str::to_owned)),
        );
    }
    codes
}

#[test]
fn golden_explain_every_leaf() {
    let mut g = Golden::new();
    explain_every_leaf_cases(&mut g);
    g.finish();
}

pub(crate) fn explain_every_leaf_cases(g: &mut Golden) {
    let mut dossiers: Vec<String> = YEARS.iter().map(|y| format!("evidence/{y}")).collect();
    let mut fixtures: Vec<String> = std::fs::read_dir(root().join("tests/data/dossiers"))
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    fixtures.sort();
    dossiers.extend(fixtures.iter().map(|f| format!("tests/data/dossiers/{f}")));
    for dossier in &dossiers {
        let name = dossier.rsplit('/').next().expect("a name");
        for code in area_codes(&root().join(dossier)) {
            for lang in LANGS {
                g.run(
                    &format!("explain-{name}-{code}-{lang}"),
                    "txt",
                    &["--lang", lang, "score", dossier, "--explain", &code],
                );
            }
        }
    }
}

#[test]
fn golden_every_fixture() {
    let mut g = Golden::new();
    every_fixture_cases(&mut g);
    g.finish();
}

pub(crate) fn every_fixture_cases(g: &mut Golden) {
    let mut fixtures: Vec<String> = std::fs::read_dir(root().join("tests/data/dossiers"))
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    fixtures.sort();
    for name in &fixtures {
        let dossier = format!("tests/data/dossiers/{name}");
        for lang in LANGS {
            for command in ["score", "evidence", "gap"] {
                g.run(
                    &format!("fixture-{name}-{command}-{lang}"),
                    "txt",
                    &["--lang", lang, command, &dossier],
                );
            }
        }
    }
}

#[test]
fn golden_every_good_criteria_file() {
    let mut g = Golden::new();
    every_good_criteria_file_cases(&mut g);
    g.finish();
}

pub(crate) fn every_good_criteria_file_cases(g: &mut Golden) {
    let mut files: Vec<String> = std::fs::read_dir(root().join("tests/data/criteria/good"))
        .expect("criteria")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".json"))
        .collect();
    files.sort();
    for file in &files {
        let path = format!("tests/data/criteria/good/{file}");
        let stem = file.trim_end_matches(".json");
        for lang in LANGS {
            g.run(
                &format!("criteria-good-{stem}-show-{lang}"),
                "txt",
                &["--lang", lang, "criteria", "show", &path],
            );
            g.run(
                &format!("criteria-good-{stem}-check-{lang}"),
                "txt",
                &["--lang", lang, "criteria", "check", &path],
            );
            g.run(
                &format!("criteria-good-{stem}-template-{lang}"),
                "csv",
                &["--lang", lang, "template", &path],
            );
        }
    }
}
