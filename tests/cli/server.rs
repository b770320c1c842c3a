//! `parscore serve` for the tests: the real binary started as a child process on a free
//! port (the address read from its first line of output, the process killed when the value
//! is dropped), and plain HTTP/1.1 over `std::net::TcpStream`.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A running `parscore serve`, stopped when dropped.
pub struct Server {
    /// The process, when this value started it.
    child: Option<Child>,
    /// `http://127.0.0.1:PORT/` (with `?token=…` beyond loopback), the first line printed.
    pub url: String,
    /// `127.0.0.1:PORT`.
    pub authority: String,
}

impl Server {
    /// `parscore serve ARGS…` run in `cwd`.
    pub fn start(cwd: &Path, args: &[&str]) -> Server {
        Server::start_with(cwd, args, &[])
    }

    /// As [`Server::start`], with environment variables set (the debug builds' test hooks,
    /// `PARSCORE_TEST_PAUSE`, `PARSCORE_TEST_TIMEOUTS`).
    pub fn start_with(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("parscore"))
            .current_dir(cwd)
            .arg("serve")
            .args(args)
            .envs(env.iter().copied())
            .env_remove("RUST_BACKTRACE")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("parscore serve starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("the address line");
        let url = first.trim().to_string();
        let authority = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .expect("host:port")
            .to_string();
        Server {
            child: Some(child),
            url,
            authority,
        }
    }

    /// A server some other way started (the Windows build under Wine), at `127.0.0.1:PORT`.
    pub fn attach(authority: String) -> Server {
        Server {
            child: None,
            url: format!("http://{authority}/"),
            authority,
        }
    }

    /// A request with the right `Host`; (status, headers in lower case, body).
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        let mut all = vec![("Host", self.authority.as_str())];
        all.extend_from_slice(headers);
        http(&self.authority, method, path, &all, body)
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path, &[], b"")
    }

    /// The CSRF token the pages carry.
    pub fn csrf(&self) -> String {
        let page = self.get("/").body;
        let at = page
            .find("name=\"csrf-token\" content=\"")
            .expect("a csrf meta")
            + 27;
        page[at..at + 64].to_string()
    }

    /// A PUT of a leaf's value with the token and the current version.
    pub fn put_score(&self, id: &str, code: &str, value: &str, note: &str) -> Reply {
        let etag = self
            .get(&format!("/api/v1/dossiers/{id}/score"))
            .header("etag");
        let csrf = self.csrf();
        let body = serde_json::json!({ "value": value, "note": note }).to_string();
        self.request(
            "PUT",
            &format!("/api/v1/dossiers/{id}/scores/{code}"),
            &[
                ("X-CSRF-Token", &csrf),
                ("If-Match", &etag),
                ("Content-Type", "application/json"),
            ],
            body.as_bytes(),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> String {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// One HTTP/1.1 request with exactly `headers` (no `Host` added).
pub fn http(
    authority: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(authority).expect("connect");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("send");
    s.write_all(body).expect("send body");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a response");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("a status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}
