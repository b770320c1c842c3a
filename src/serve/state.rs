//! What every request shares: the served folder and its dossiers, the address, the random
//! tokens (CSRF, and the session token when the server listens beyond loopback), and the
//! lock that makes each check-then-write one step.

use super::catalog::{Entry, Live};
use std::net::IpAddr;
use std::sync::Mutex;

pub struct State {
    /// The dossiers under the served folder, listed again when the folders change.
    pub catalog: Live,
    pub ip: IpAddr,
    pub port: u16,
    /// The language of a request that names none (`--lang`).
    pub lang: crate::lang::Lang,
    /// Carried by every page (`<meta name="csrf-token">`), required on every change.
    pub csrf: String,
    /// Required (as a cookie) on every request when listening beyond loopback.
    pub session: Option<String>,
    /// Held from the version check to the write, so two saves cannot interleave.
    pub writing: Mutex<()>,
    /// How files are read (`--encoding`, `--max-input`), as for every command.
    pub read: crate::input::ReadOptions,
    /// What the server last read or wrote of each table, to notice changes made on disk.
    pub known: super::edit::Known,
}

impl State {
    pub fn new(
        catalog: Live,
        ip: IpAddr,
        port: u16,
        lang: crate::lang::Lang,
        read: crate::input::ReadOptions,
    ) -> State {
        State {
            catalog,
            ip,
            port,
            lang,
            csrf: random_token(),
            session: (!ip.is_loopback()).then(random_token),
            writing: Mutex::new(()),
            read,
            known: super::edit::Known::default(),
        }
    }

    /// What a request's loading shares: nothing yet but how files are read.
    pub fn shared(&self) -> crate::dossier::Shared {
        crate::dossier::Shared::default().reading(self.read)
    }

    /// The address to open, `http://127.0.0.1:PORT/`.
    pub fn address(&self) -> String {
        let host = match self.ip {
            IpAddr::V4(v4) if v4.is_unspecified() => "127.0.0.1".to_string(),
            IpAddr::V6(v6) if v6.is_unspecified() => "[::1]".to_string(),
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => format!("[{v6}]"),
        };
        format!("http://{host}:{}/", self.port)
    }

    /// The dossiers served now (the folder is listed again when it changed) whose folders
    /// are still where they were found (see `security::still_in_place`), checked again on
    /// every call: a folder swapped for a link is no longer served.
    pub fn dossiers(&self) -> Vec<Entry> {
        self.catalog
            .list()
            .iter()
            .filter(|d| super::security::still_in_place(&d.dir, &d.real))
            .cloned()
            .collect()
    }

    pub fn dossier(&self, id: &str) -> Option<Entry> {
        self.catalog
            .list()
            .iter()
            .find(|d| d.id == id && super::security::still_in_place(&d.dir, &d.real))
            .cloned()
    }

    /// The other years of the same unit, oldest first, this one included.
    pub fn years_of(&self, entry: &Entry) -> Vec<Entry> {
        let mut same: Vec<Entry> = self
            .dossiers()
            .into_iter()
            .filter(|d| d.unit == entry.unit && d.year.is_some())
            .collect();
        same.sort_by_key(|d| d.year);
        same
    }

    /// The folders of the unit's other years: what the report and the trend compare with.
    pub fn other_years(&self, entry: &Entry) -> Vec<std::path::PathBuf> {
        self.years_of(entry)
            .iter()
            .filter(|e| e.dir != entry.dir)
            .map(|e| e.dir.clone())
            .collect()
    }
}

/// 32 random bytes from the operating system, as hex.
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // Without randomness there is no safe token: stop rather than serve with a guessable one.
    getrandom::fill(&mut bytes).expect("the operating system's random numbers");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
