//! `parscore init`: a new unit's first dossier, made with flags or by answering questions
//! on a terminal, that every command then accepts; refused (with the choices) when a
//! setting is missing off a terminal, and never over an existing file.

use crate::harness::{root, run_in};
use std::fs;
use std::path::Path;

/// A project folder with the shipped criteria and ranking files under `criteria/`. It lies
/// three folders deep in a temporary folder, so that the search for `criteria/` folders
/// (up to two levels above) finds no other on the machine.
struct Project {
    _tmp: tempfile::TempDir,
    root: std::path::PathBuf,
}

impl Project {
    fn path(&self) -> &Path {
        &self.root
    }
}

fn project() -> Project {
    let tmp = crate::harness::tempdir();
    let root = tmp.path().join("a/b/project");
    fs::create_dir_all(root.join("criteria")).unwrap();
    for f in [
        "haiphong-so-2025.json",
        "haiphong-so-2026.json",
        "rankings.csv",
    ] {
        fs::copy(
            crate::harness::root().join("criteria").join(f),
            root.join("criteria").join(f),
        )
        .unwrap();
    }
    Project { _tmp: tmp, root }
}

const SO_NOI_VU: [&str; 16] = [
    "init",
    "evidence/2026",
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
];

const SETTINGS: &str = r#"{
  "format": "parscore-dossier/1",
  "unit": "Sở Nội vụ",
  "year": 2026,
  "criteria": "../../criteria/haiphong-so-2026.json",
  "group": "so-ban-nganh",
  "rankings": "../../criteria/rankings.csv",
  "target_rank": 5,
  "as_of": "2026-11-30"
}
"#;

#[test]
fn init_makes_a_dossier_that_every_command_accepts() {
    let p = project();
    let (code, out, err) = run_in(p.path(), &SO_NOI_VU);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "Đã tạo hồ sơ evidence/2026 cho Sở Nội vụ, năm 2026:\n\
         \x20 dossier.json  thông tin hồ sơ; tiêu chí: ../../criteria/haiphong-so-2026.json\n\
         \x20 scores.csv    phiếu chấm trống, 89 tiêu chí lá; điền cột \"value\"\n\
         \x20 manifest.csv  danh mục tài liệu kiểm chứng (chỉ có dòng tiêu đề)\n\
         \x20 plan.csv      kế hoạch CCHC (chỉ có dòng tiêu đề)\n\
         \x20 files/        nơi để tệp tài liệu kiểm chứng\n\
         Tiếp theo: điền scores.csv, rồi chạy: parscore score evidence/2026\n"
    );
    let d = p.path().join("evidence/2026");
    assert_eq!(
        fs::read_to_string(d.join("dossier.json")).unwrap(),
        SETTINGS
    );
    assert_eq!(
        fs::read_to_string(d.join("manifest.csv")).unwrap(),
        "\u{feff}id,file,number,date,issuer,title,criteria,pages,sha256\n"
    );
    assert_eq!(
        fs::read_to_string(d.join("plan.csv")).unwrap(),
        "\u{feff}id,area,task,lead,support,due,product,status,done_on,criteria\n"
    );
    assert!(d.join("files").is_dir());
    // The score sheet is the template's, byte for byte.
    let (code, template, _) = run_in(p.path(), &["template", "evidence/2026"]);
    assert_eq!(code, 0);
    let sheet = fs::read(d.join("scores.csv")).unwrap();
    assert_eq!(String::from_utf8_lossy(&sheet), template);
    for command in ["score", "evidence", "seal", "verify", "gap"] {
        let (code, out, err) = run_in(p.path(), &[command, "evidence/2026"]);
        assert_eq!(code, 0, "{command}: {out}{err}");
    }
    // Sở Nội vụ is itself rank 5 of 2025: the line is its own published score.
    let (_, out, _) = run_in(p.path(), &["gap", "evidence/2026"]);
    assert!(
        out.contains("Ngưỡng: 92,71 điểm — Sở Nội vụ, hạng 5, xếp hạng công bố năm 2025"),
        "{out}"
    );
}

#[test]
fn init_off_a_terminal_refuses_missing_settings_with_the_choices() {
    let p = project();
    let (code, out, err) = run_in(p.path(), &["init", "evidence/2026"]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "--unit: thiếu --unit (Tên đơn vị, như trong bảng xếp hạng)\n\
         --year: thiếu --year (Năm đánh giá, ví dụ 2026)\n\
         --criteria: thiếu --criteria (Tệp tiêu chí); các lựa chọn: \
         criteria/haiphong-so-2025.json, criteria/haiphong-so-2026.json\n\
         3 lỗi, 0 cảnh báo\n"
    );
    assert!(!p.path().join("evidence").exists());
    // A ranking file needs the unit's group: the groups it has are listed.
    let args = &SO_NOI_VU[..10];
    let (code, _, err) = run_in(p.path(), args);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "--group: thiếu --group (Khối của đơn vị trong bảng xếp hạng); các lựa chọn: \
         so-ban-nganh, phuong, xa-dac-khu\n1 lỗi, 0 cảnh báo\n"
    );
    let mut args = SO_NOI_VU.to_vec();
    args[13] = "9";
    let (code, _, err) = run_in(p.path(), &args);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "--target-rank: hạng \"9\" không có trong xếp hạng của khối; các hạng: 1, 2, 3, 4, 5, 14\n\
         1 lỗi, 0 cảnh báo\n"
    );
    assert!(!p.path().join("evidence").exists());
}

#[test]
fn init_never_overwrites_a_file() {
    let p = project();
    let d = p.path().join("evidence/2026");
    fs::create_dir_all(&d).unwrap();
    fs::write(d.join("scores.csv"), "code,value\n1.1.1,15/01/2026\n").unwrap();
    let (code, _, err) = run_in(p.path(), &SO_NOI_VU);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "evidence/2026: thư mục đã có scores.csv; init không ghi đè lên tệp nào, chọn thư mục \
         khác hoặc tự dời các tệp đó đi\n"
    );
    assert_eq!(
        fs::read_to_string(d.join("scores.csv")).unwrap(),
        "code,value\n1.1.1,15/01/2026\n"
    );
    assert!(!d.join("dossier.json").exists());
}

/// The 2026 plan copied into a 2027 dossier: 22 tasks, nothing done yet, dues moved a year.
#[test]
fn init_copies_another_years_plan_with_its_tasks_reset() {
    let p = project();
    crate::harness::copy_into(
        &root().join("evidence/2026"),
        &p.path().join("evidence/2026"),
    );
    let mut args = SO_NOI_VU.to_vec();
    args[1] = "evidence/2027";
    args[5] = "2027";
    args[15] = "30/11/2027";
    args.extend(["--plan-from", "evidence/2026"]);
    let (code, out, err) = run_in(p.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("plan.csv      22 nhiệm vụ chép từ kế hoạch năm 2026: trạng thái để trống, năm trong hạn đổi thành 2027"),
        "{out}"
    );
    let plan = fs::read_to_string(p.path().join("evidence/2027/plan.csv")).unwrap();
    let first = plan.lines().nth(1).unwrap();
    assert_eq!(
        first,
        "1,1,Ban hành Kế hoạch cải cách hành chính nhà nước,Văn phòng Ban Quản lý,,Trước 15/01/2027,Kế hoạch,,,1.1.1;1.1.2;1.1.3"
    );
    let (code, out, err) = run_in(p.path(), &["score", "evidence/2027", "--explain", "1.1.4"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0/"), "{out}");
}

/// Someone at a terminal answers the questions: numbers pick from the lists shown.
/// rexpect reads the terminal byte by byte, each byte one `char`: the UTF-8 of Vietnamese
/// text arrives as one char per byte, so the expected text is spelled the same way.
#[cfg(unix)]
fn expect(s: &mut rexpect::session::PtySession, text: &str) {
    let as_read: String = text.bytes().map(char::from).collect();
    if let Err(e) = s.exp_string(&as_read) {
        panic!("expected {text:?} on the terminal: {e}");
    }
}

#[cfg(unix)]
#[test]
fn init_on_a_terminal_asks_for_each_setting_with_the_choices() {
    let p = project();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_parscore"));
    cmd.current_dir(p.path()).args(["init", "evidence/2026"]);
    let mut s = rexpect::session::spawn_command(cmd, Some(10_000)).expect("a pseudo-terminal");
    expect(&mut s, "Tên đơn vị, như trong bảng xếp hạng:");
    s.send_line("Sở Nội vụ").unwrap();
    expect(&mut s, "Năm đánh giá, ví dụ 2026:");
    s.send_line("26").unwrap();
    expect(&mut s, "\"26\" không phải năm (từ 1900 đến 2100)");
    s.send_line("2026").unwrap();
    expect(&mut s, "1) criteria/haiphong-so-2025.json");
    expect(&mut s, "2) criteria/haiphong-so-2026.json");
    expect(&mut s, "Tệp tiêu chí (gõ số hoặc tên):");
    s.send_line("2").unwrap();
    expect(&mut s, "1) criteria/rankings.csv");
    expect(
        &mut s,
        "Tệp xếp hạng công bố (gõ số hoặc tên) (Enter để bỏ qua):",
    );
    s.send_line("1").unwrap();
    expect(&mut s, "3) xa-dac-khu");
    expect(
        &mut s,
        "Khối của đơn vị trong bảng xếp hạng (gõ số hoặc tên):",
    );
    s.send_line("1").unwrap();
    expect(&mut s, "Hạng cần đạt, ví dụ 5 (Enter để bỏ qua):");
    s.send_line("5").unwrap();
    expect(&mut s, "(Enter để bỏ qua):");
    s.send_line("30/11/2026").unwrap();
    expect(
        &mut s,
        "Đã tạo hồ sơ evidence/2026 cho Sở Nội vụ, năm 2026:",
    );
    s.exp_eof().unwrap();
    let settings = fs::read_to_string(p.path().join("evidence/2026/dossier.json")).unwrap();
    assert_eq!(settings, SETTINGS);
    assert!(Path::new(&p.path().join("evidence/2026/files")).is_dir());
}
