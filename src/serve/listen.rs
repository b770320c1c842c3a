//! The server's connections, each bounded in time and in number, so idle or slow sockets
//! cannot hold the server's file handles: a request's headers (and a kept-alive connection's
//! next request) must arrive within [`HEADER_TIMEOUT`]; a change's body within
//! [`BODY_TIMEOUT`] (checked in `security::guard`); a connection lives at most
//! [`CONNECTION_LIFETIME`], then finishes its request and closes; and at most
//! [`MAX_CONNECTIONS`] are open at once, the next ones waiting in the system's queue.
//! The values are listed in `docs/reliability.md`.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;

pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
pub const BODY_TIMEOUT: Duration = Duration::from_secs(120);
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(600);
pub const MAX_CONNECTIONS: usize = 128;

/// The timeouts in force: the constants above, or (debug builds only, for the tests)
/// `PARSCORE_TEST_TIMEOUTS=<header ms>,<body ms>`.
pub fn timeouts() -> (Duration, Duration) {
    #[cfg(debug_assertions)]
    if let Ok(spec) = std::env::var("PARSCORE_TEST_TIMEOUTS") {
        if let Some((h, b)) = spec.split_once(',') {
            if let (Ok(h), Ok(b)) = (h.parse(), b.parse()) {
                return (Duration::from_millis(h), Duration::from_millis(b));
            }
        }
    }
    (HEADER_TIMEOUT, BODY_TIMEOUT)
}

/// Accepts connections until Ctrl+C.
pub async fn run(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let (header_timeout, _) = timeouts();
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    loop {
        let slot = tokio::select! {
            s = slots.clone().acquire_owned() => match s {
                Ok(s) => s,
                Err(_) => return Ok(()),
            },
            _ = &mut stop => return Ok(()),
        };
        let stream = tokio::select! {
            a = listener.accept() => match a {
                Ok((stream, _)) => stream,
                // Out of file handles, or a connection reset before it was accepted: wait a
                // little and go on, as a server must.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut stop => return Ok(()),
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(header_timeout);
            let conn = http.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            if tokio::time::timeout(CONNECTION_LIFETIME, conn.as_mut())
                .await
                .is_err()
            {
                conn.as_mut().graceful_shutdown();
                let _ = tokio::time::timeout(header_timeout, conn).await;
            }
            drop(slot);
        });
    }
}
