//! `serve --host 0.0.0.0` says the address a colleague on the local network opens: this
//! PC's LAN address, on the same port and with the same sign-in token, never 127.0.0.1.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn serving_every_address_prints_the_lan_address_a_colleague_opens() {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("parscore"))
        .current_dir(crate::harness::root())
        .args(["serve", "evidence", "--host", "0.0.0.0", "--port", "0"])
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut next = || lines.next().expect("a line").expect("text");
    let (local, _, lan) = (next(), next(), next());
    let _ = child.kill();
    let _ = child.wait();
    let (port, token) = local
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.split_once("/?token="))
        .unwrap_or_else(|| panic!("{local}"));
    // A machine with no network route at all has no LAN address to give, and says so.
    if lan == "máy này chưa có địa chỉ mạng nội bộ; kết nối mạng rồi khởi động lại"
    {
        return;
    }
    let at = lan
        .strip_prefix("đồng nghiệp trong mạng nội bộ mở: http://")
        .unwrap_or_else(|| panic!("{lan}"));
    let (host, rest) = at.split_once(':').expect("host:port");
    let ip: std::net::IpAddr = host.parse().expect("an IP address");
    assert!(!ip.is_loopback() && !ip.is_unspecified(), "{lan}");
    assert_eq!(rest, format!("{port}/?token={token}"));
}
