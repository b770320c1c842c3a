//! `parscore serve PATH`: a local web app over the same files. The pages and the JSON API
//! (`/api/v1`) call the same library functions as the commands, so every figure is the one
//! the CLI prints; every change is an ordinary edit of `scores.csv`, `plan.csv` or
//! `manifest.csv` through the one atomic writer, refused when the files changed since the
//! page read them (see `docs/serve.md`).

mod api;
mod catalog;
mod changes;
mod council;
mod document_api;
mod documents;
mod edit;
mod import;
mod landing;
mod listen;
mod pages;
mod removed;
mod reply;
mod security;
mod settings_edit;
mod start;
mod state;
mod upload;
mod version;

use crate::app::Outcome;
use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::text;
use state::State;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

pub struct ServeArgs {
    pub path: PathBuf,
    pub port: u16,
    pub host: String,
    pub open: bool,
    /// How files are read (`--encoding`, `--max-input`).
    pub read: crate::input::ReadOptions,
}

/// Serves until interrupted. `announce` receives the address to open (the first line the
/// binary prints) and then a line saying what is served.
pub fn serve(args: &ServeArgs, lang: Lang, announce: &mut dyn FnMut(&str)) -> Outcome {
    let shown = args.path.display().to_string();
    let dossiers = match catalog::discover(&args.path, args.read) {
        Ok(d) if !d.is_empty() => d,
        Ok(_) => {
            let d = Diagnostic::error(
                &shown,
                text!(
                    vi: "không có hồ sơ nào (thư mục chứa dossier.json) trong thư mục này; tạo hồ sơ bằng: parscore init {shown}/2026 --unit \"<tên đơn vị>\" --year 2026",
                    en: "no dossier (a folder holding dossier.json) in this folder; create one with: parscore init {shown}/2026 --unit \"<unit name>\" --year 2026"
                ),
            );
            return Outcome::fatal(d.into(), lang);
        }
        Err(d) => return Outcome::fatal(crate::diag::Fatal(d), lang),
    };
    let ip: IpAddr = match args.host.trim_matches(['[', ']']).parse() {
        Ok(ip) => ip,
        Err(_) if args.host == "localhost" => IpAddr::from([127, 0, 0, 1]),
        Err(_) => {
            let h = &args.host;
            let d = Diagnostic::error(
                "--host",
                text!(vi: "\"{h}\" không phải địa chỉ IP (ví dụ 127.0.0.1 hoặc 0.0.0.0)", en: "\"{h}\" is not an IP address (e.g. 127.0.0.1 or 0.0.0.0)"),
            );
            return Outcome::fatal(d.into(), lang);
        }
    };
    let listener = match std::net::TcpListener::bind(SocketAddr::new(ip, args.port)) {
        Ok(l) => l,
        Err(e) => {
            let port = args.port;
            let why = crate::fsio::os_reason(&e);
            let (wv, we) = (&why.vi, &why.en);
            let d = Diagnostic::error(
                "--port",
                text!(vi: "không mở được cổng {port} trên {ip}: {wv}; chọn cổng khác (--port 0 để tự chọn)", en: "cannot listen on port {port} of {ip}: {we}; choose another port (--port 0 picks a free one)"),
            );
            return Outcome::fatal(d.into(), lang);
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    for d in &dossiers {
        landing::recover(&d.dir, args.read);
    }
    let catalog = catalog::Live::new(&args.path, args.read, dossiers);
    let state = Arc::new(State::new(catalog, ip, port, lang, args.read));
    let address = state.address();
    let opened = match &state.session {
        Some(token) => format!("{address}?token={token}"),
        None => address.clone(),
    };
    announce(&opened);
    let n = state.dossiers().len();
    announce(&match lang {
        Lang::Vi => format!("parscore đang phục vụ {n} hồ sơ trong {shown}; nhấn Ctrl+C để dừng"),
        Lang::En => format!("parscore is serving {n} dossier(s) in {shown}; press Ctrl+C to stop"),
    });
    if args.open {
        let _ = std::process::Command::new("xdg-open")
            .arg(&opened)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return cannot_run(&e, lang),
    };
    let result = runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        listen::run(listener, api::router(state)).await
    });
    match result {
        Ok(()) => Outcome::ok(String::new()),
        Err(e) => cannot_run(&e, lang),
    }
}

fn cannot_run(e: &std::io::Error, lang: Lang) -> Outcome {
    let why = crate::fsio::os_reason(e);
    let (wv, we) = (&why.vi, &why.en);
    let d = Diagnostic::error(
        "serve",
        text!(vi: "máy chủ dừng: {wv}", en: "the server stopped: {we}"),
    );
    Outcome::fatal(d.into(), lang)
}
