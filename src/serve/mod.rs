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
mod refusal;
mod removed;
mod reply;
mod row_exact;
mod security;
mod settings_edit;
mod start;
mod state;
mod undo_files;
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
    /// When `port` is taken, take the next free one (up to 20 further, then any): the
    /// double-click start, where nobody chose the port.
    pub any_free_port: bool,
    /// How files are read (`--encoding`, `--max-input`).
    pub read: crate::input::ReadOptions,
}

/// Serves until interrupted. `announce` receives the address to open (the first line the
/// binary prints) and then a line saying what is served.
pub fn serve(args: &ServeArgs, lang: Lang, announce: &mut dyn FnMut(&str)) -> Outcome {
    let shown = crate::fsio::shown(&args.path);
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
    let listener = match bind(ip, args.port, args.any_free_port) {
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
    if ip.is_unspecified() {
        let lan = lan_address(ip).map(|lan| {
            let at = format!("http://{}/", SocketAddr::new(lan, port));
            match &state.session {
                Some(token) => format!("{at}?token={token}"),
                None => at,
            }
        });
        announce(&match (lang, lan) {
            (Lang::Vi, Some(at)) => format!("đồng nghiệp trong mạng nội bộ mở: {at}"),
            (Lang::En, Some(at)) => format!("colleagues on the local network open: {at}"),
            (Lang::Vi, None) => {
                "máy này chưa có địa chỉ mạng nội bộ; kết nối mạng rồi khởi động lại".to_string()
            }
            (Lang::En, None) => {
                "this PC has no local network address yet; connect it and start again".to_string()
            }
        });
    }
    if args.open {
        // The default browser, on every platform (Windows' association for http, macOS's
        // `open`, $BROWSER or xdg-open); a PC without one still has the printed address.
        let _ = webbrowser::open(&opened);
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

/// Listens on `port`, or with `any_free` on the first free port after it (then any).
fn bind(ip: IpAddr, port: u16, any_free: bool) -> std::io::Result<std::net::TcpListener> {
    let first = std::net::TcpListener::bind(SocketAddr::new(ip, port));
    if first.is_ok() || !any_free {
        return first;
    }
    (1..=20)
        .filter_map(|step| port.checked_add(step))
        .find_map(|p| std::net::TcpListener::bind(SocketAddr::new(ip, p)).ok())
        .map_or_else(|| std::net::TcpListener::bind(SocketAddr::new(ip, 0)), Ok)
}

/// The address colleagues reach this PC at on the local network: the one the system would
/// send from towards another network (a UDP socket is "connected" to a documentation
/// address; no packet leaves the PC).
fn lan_address(bound: IpAddr) -> Option<IpAddr> {
    let (any, probe): (SocketAddr, SocketAddr) = match bound {
        IpAddr::V4(_) => (
            SocketAddr::from(([0, 0, 0, 0], 0)),
            SocketAddr::from(([192, 0, 2, 1], 9)),
        ),
        IpAddr::V6(_) => (
            SocketAddr::from(([0u16; 8], 0)),
            SocketAddr::from(([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], 9)),
        ),
    };
    let socket = std::net::UdpSocket::bind(any).ok()?;
    socket.connect(probe).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
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
