//! The double-click start: `parscore.exe` opened from Explorer, with no arguments and a
//! console window of its own, serves the dossiers of the folder it sits in (found as
//! `serve` finds them), on port 8080 or the next free one, opens the default browser, and
//! keeps its window open saying, in Vietnamese, where the app is and how to stop it. On any
//! error it says what happened and waits for Enter, so the window does not vanish before
//! anyone could read it.

use crate::app::Status;
use crate::escape::for_terminal;
use crate::lang::Lang;
use std::io::{BufRead, Write};

/// The port the double-click start tries first.
pub const PORT: u16 = 8080;

/// Runs until the window is closed (or Ctrl+C); returns the exit status.
pub fn start() -> Status {
    let mut out = std::io::stdout();
    let say = |out: &mut std::io::Stdout, line: &str| {
        let _ = writeln!(out, "{}", for_terminal(line));
        let _ = out.flush();
    };
    say(
        &mut out,
        &format!(
            "parscore {} – Chấm điểm tự đánh giá Chỉ số cải cách hành chính",
            env!("CARGO_PKG_VERSION")
        ),
    );
    let folder = match beside_the_exe() {
        Ok(f) => f,
        Err(e) => {
            let why = crate::fsio::os_reason(&e);
            say(
                &mut out,
                &format!("Không tìm được thư mục chứa parscore.exe: {}", why.vi),
            );
            return wait_for_enter(Status::CannotRun);
        }
    };
    say(
        &mut out,
        &format!("Thư mục hồ sơ: {}", crate::fsio::shown(&folder)),
    );
    let args = crate::serve::ServeArgs {
        path: folder,
        port: PORT,
        host: "127.0.0.1".into(),
        // A PC set up to never open a browser (and the tests) set PARSCORE_NO_BROWSER.
        open: std::env::var_os("PARSCORE_NO_BROWSER").is_none(),
        any_free_port: true,
        read: crate::input::ReadOptions::default(),
    };
    let mut first = true;
    let outcome = crate::serve::serve(&args, Lang::Vi, &mut |line| {
        if first {
            first = false;
            let mut out = std::io::stdout();
            say(&mut out, "");
            say(&mut out, &format!("Ứng dụng đang chạy tại: {line}"));
            say(
                &mut out,
                "Trình duyệt sẽ tự mở trang này; nếu không, chép địa chỉ trên vào trình duyệt (Edge, Chrome, Cốc Cốc).",
            );
            say(
                &mut out,
                "Giữ cửa sổ này mở trong khi làm việc. Muốn dừng: đóng cửa sổ này hoặc nhấn Ctrl+C.",
            );
            say(&mut out, "");
        }
    });
    if outcome.status == Status::Ok {
        return Status::Ok;
    }
    say(&mut out, "");
    say(&mut out, "parscore không chạy được:");
    let _ = out.write_all(for_terminal(&outcome.err).as_bytes());
    let _ = out.write_all(for_terminal(&outcome.out).as_bytes());
    wait_for_enter(outcome.status)
}

/// The folder holding the running exe, as a person types it (no `\\?\`).
fn beside_the_exe() -> std::io::Result<std::path::PathBuf> {
    let exe = crate::fsio::canonical(&std::env::current_exe()?)?;
    exe.parent()
        .map(std::path::Path::to_path_buf)
        .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
}

fn wait_for_enter(status: Status) -> Status {
    let mut out = std::io::stdout();
    let _ = writeln!(out, "\nNhấn Enter để đóng cửa sổ này.");
    let _ = out.flush();
    let _ = std::io::stdin().lock().read_line(&mut String::new());
    status
}
