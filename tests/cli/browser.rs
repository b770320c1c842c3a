//! A real Chromium (Debian's `chromium`, driven through `chromedriver`) for the tests of
//! the pages parscore writes or serves. `scripts/test-deps.sh` installs both; a missing
//! browser fails the test with that advice instead of skipping it.
//!
//! The browser starts headless with a fresh profile, without any of Chromium's own
//! background traffic, at the common office screen size (1366 × 768), and records its
//! console and its network requests so that a test can assert there were none it did not
//! expect.

#![allow(dead_code)]

use fantoccini::wd::{Capabilities, PrintConfiguration, PrintSize, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub struct Browser {
    rt: tokio::runtime::Runtime,
    client: Option<Client>,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver on a free loopback port and opens a headless session.
    pub fn start() -> Browser {
        for tool in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                Path::new(tool).exists(),
                "{tool} is missing: run scripts/test-deps.sh (it installs chromium and chromium-driver)"
            );
        }
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = crate::harness::tempdir();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let caps = capabilities(profile.path());
        let client = rt
            .block_on(
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                    .capabilities(caps)
                    .connect(&format!("http://127.0.0.1:{port}")),
            )
            .expect("a chromium session");
        Browser {
            rt,
            client: Some(client),
            driver,
            _profile: profile,
        }
    }

    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("open session")
    }

    /// Runs one of the client's futures to completion.
    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }

    pub fn goto(&self, url: &str) {
        self.block_on(self.client().goto(url))
            .unwrap_or_else(|e| panic!("open {url}: {e}"));
    }

    /// Opens a file written by parscore.
    pub fn open_file(&self, path: &Path) {
        let path = path.canonicalize().expect("file exists");
        self.goto(&format!("file://{}", path.display()));
    }

    /// Runs `script` in the page (its `arguments` are `args`) and returns what it returns.
    pub fn eval(&self, script: &str, args: Vec<Value>) -> Value {
        self.block_on(self.client().execute(script, args))
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// The rendered text of the first element matching `css`.
    pub fn text(&self, css: &str) -> String {
        self.block_on(async { self.client().find(Locator::Css(css)).await?.text().await })
            .unwrap_or_else(|e| panic!("no text at {css}: {e}"))
    }

    /// The rendered text of the whole page (`document.body.innerText`).
    pub fn page_text(&self) -> String {
        self.eval("return document.body.innerText;", vec![])
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn screenshot(&self, to: &Path) {
        let png = self
            .block_on(self.client().screenshot())
            .expect("screenshot");
        std::fs::write(to, png).expect("write screenshot");
    }

    /// Prints the page to PDF on A4, as the browser's print dialog would.
    pub fn print_pdf(&self, to: &Path) {
        let config = PrintConfiguration::builder()
            .size(PrintSize::A4)
            .background(true)
            .build()
            .expect("A4 print configuration");
        let pdf = self
            .block_on(self.client().print(config))
            .expect("print to PDF");
        std::fs::write(to, pdf).expect("write PDF");
    }

    /// The console's error messages since the last call (uncaught exceptions,
    /// `console.error`, refused requests, CSP violations).
    pub fn console_errors(&self) -> Vec<String> {
        self.log("browser")
            .into_iter()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// The URLs of every network request the browser sent since the last call, the page
    /// itself included.
    pub fn requests(&self) -> Vec<String> {
        self.log("performance")
            .into_iter()
            .filter_map(|entry| {
                let message: Value = serde_json::from_str(entry["message"].as_str()?).ok()?;
                let message = &message["message"];
                (message["method"] == "Network.requestWillBeSent")
                    .then(|| {
                        message["params"]["request"]["url"]
                            .as_str()
                            .map(String::from)
                    })
                    .flatten()
            })
            .collect()
    }

    fn log(&self, kind: &str) -> Vec<Value> {
        let entries = self
            .block_on(self.client().issue_cmd(GetLog(kind.to_string())))
            .unwrap_or_else(|e| panic!("read the {kind} log: {e}"));
        entries.as_array().cloned().unwrap_or_default()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            let _ = self.rt.block_on(client.close());
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn capabilities(profile: &Path) -> Capabilities {
    let caps = json!({
        "browserName": "chrome",
        "goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"},
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--lang=vi-VN",
                "--window-size=1366,768",
                format!("--user-data-dir={}", profile.display()),
            ],
        },
    });
    match caps {
        Value::Object(map) => map,
        _ => unreachable!("an object literal"),
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// chromedriver's log endpoint (not in the W3C standard, still served by chromedriver).
#[derive(Debug)]
struct GetLog(String);

impl WebDriverCompatibleCommand for GetLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": self.0 }).to_string()),
        )
    }
}

/// The harness sees what it is meant to catch: a console error and a request that leaves
/// the page.
#[test]
fn the_browser_harness_sees_console_errors_and_requests() {
    let dir = crate::harness::tempdir();
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        "<!doctype html><meta charset=utf-8><title>t</title>\
         <p id=p>Chỉ số CCHC 88,99</p>\
         <img src='http://127.0.0.1:9/pixel.png'>\
         <script>console.error('planted');</script>",
    )
    .unwrap();
    let browser = Browser::start();
    browser.open_file(&page);
    assert_eq!(browser.text("#p"), "Chỉ số CCHC 88,99");
    let errors = browser.console_errors();
    assert!(
        errors.iter().any(|e| e.contains("planted")),
        "console: {errors:?}"
    );
    let requests = browser.requests();
    assert!(
        requests.iter().any(|r| r == "http://127.0.0.1:9/pixel.png"),
        "requests: {requests:?}"
    );
}
