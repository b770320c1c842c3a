//! The guard in front of every request: the `Host` header must name this server (a page
//! on another site that resolves its own name to 127.0.0.1 — DNS rebinding — is refused);
//! beyond loopback, the session cookie set by opening the printed `?token=` address; on
//! every change, the CSRF token the pages carry and an `Origin` (when a browser sends one)
//! naming this server, the body read whole within its timeout. A dossier is served only
//! while its folder is still the one found at start, not a link swapped in since. Every response says the page may load
//! nothing from elsewhere (`Content-Security-Policy`), is not sniffed, and sends no referrer.

use super::reply;
use super::state::{same_secret, State};
use crate::lang::Lang;
use axum::extract::{Request, State as Shared};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;

pub const SESSION_COOKIE: &str = "parscore_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

pub async fn guard(Shared(state): Shared<Arc<State>>, req: Request, next: Next) -> Response {
    let lang = reply::lang_of(req.headers(), req.uri().query(), state.lang);
    if !host_allowed(&state, req.headers()) {
        return reply::refused(
            StatusCode::MISDIRECTED_REQUEST,
            "Host",
            crate::text!(
                vi: "địa chỉ máy chủ trong yêu cầu (Host) không phải địa chỉ parscore đang phục vụ; mở đúng địa chỉ parscore in ra khi khởi động",
                en: "the server address in the request (Host) is not the one parscore serves; open the address parscore printed when it started"
            ),
            lang,
        );
    }
    if let Some(token) = &state.session {
        let query_token = query_value(req.uri().query(), "token");
        if let Some(given) = query_token.filter(|t| same_secret(t, token)) {
            // The printed address: set the session cookie and drop the token from the URL.
            let _ = given;
            // Only a path of this server ("//elsewhere" would leave it), with the rest of
            // the query (a chosen language) kept.
            let path = format!("/{}", req.uri().path().trim_start_matches('/'));
            let rest: Vec<&str> = req
                .uri()
                .query()
                .unwrap_or("")
                .split('&')
                .filter(|p| !p.is_empty() && !p.starts_with("token="))
                .collect();
            let to = match rest.is_empty() {
                true => path,
                false => format!("{path}?{}", rest.join("&")),
            };
            let mut resp = axum::response::Redirect::to(&to).into_response();
            let cookie = format!("{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/");
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                resp.headers_mut().insert(header::SET_COOKIE, v);
            }
            return harden(resp);
        }
        let has_cookie =
            cookie_value(req.headers(), SESSION_COOKIE).is_some_and(|c| same_secret(&c, token));
        if !has_cookie {
            return reply::refused(
                StatusCode::UNAUTHORIZED,
                "token",
                crate::text!(
                    vi: "cần đăng nhập: mở địa chỉ có ?token=… mà parscore in ra khi khởi động",
                    en: "sign-in needed: open the address with ?token=… that parscore printed when it started"
                ),
                lang,
            );
        }
    }
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD);
    if changes && !origin_allowed(&state, req.headers()) {
        return reply::refused(
            StatusCode::FORBIDDEN,
            "Origin",
            crate::text!(
                vi: "yêu cầu thay đổi đến từ một trang khác (Origin) chứ không phải trang của parscore; chỉ sửa hồ sơ từ chính các trang parscore mở ra",
                en: "a change sent from another site (Origin), not from parscore's own pages; change the dossier only from the pages parscore opens"
            ),
            lang,
        );
    }
    if changes {
        let given = req
            .headers()
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !same_secret(given, &state.csrf) {
            return reply::refused(
                StatusCode::FORBIDDEN,
                "X-CSRF-Token",
                crate::text!(
                    vi: "yêu cầu thay đổi không có mã chống giả mạo (X-CSRF-Token) hợp lệ; tải lại trang rồi làm lại",
                    en: "a change without a valid anti-forgery token (X-CSRF-Token); reload the page and try again"
                ),
                lang,
            );
        }
    }
    let req = if changes {
        match whole_body(req, &state).await {
            Ok(r) => r,
            Err(refusal) => return harden(refusal(lang)),
        }
    } else {
        req
    };
    harden(next.run(req).await)
}

/// A change's body, read whole within the body timeout and the upload cap, so a client that
/// sends it slowly or never finishes cannot keep the connection (and the write it asks
/// for) waiting.
async fn whole_body(req: Request, state: &State) -> Result<Request, fn(Lang) -> Response> {
    let (parts, body) = req.into_parts();
    let cap = state.read.caps.of(crate::fsio::Input::Table) as usize + (1 << 20);
    let (_, timeout) = super::listen::timeouts();
    match tokio::time::timeout(timeout, axum::body::to_bytes(body, cap)).await {
        Ok(Ok(bytes)) => Ok(Request::from_parts(parts, axum::body::Body::from(bytes))),
        Ok(Err(_)) => Err(|lang| {
            reply::refused(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body",
                crate::text!(
                    vi: "nội dung gửi lên quá lớn hoặc bị gián đoạn; không có gì được ghi",
                    en: "the request body is too large or was cut off; nothing was written"
                ),
                lang,
            )
        }),
        Err(_) => Err(|lang| {
            let secs = super::listen::BODY_TIMEOUT.as_secs();
            reply::refused(
                StatusCode::REQUEST_TIMEOUT,
                "body",
                crate::text!(
                    vi: "nội dung gửi lên không đến đủ trong {secs} giây; không có gì được ghi, hãy gửi lại",
                    en: "the request body did not arrive within {secs} seconds; nothing was written, send it again"
                ),
                lang,
            )
        }),
    }
}

/// Whether a change comes from this server's own pages: a browser names the page's origin
/// (`Origin: http://127.0.0.1:8080`) on every change it sends, so a foreign origin, or the
/// opaque `null` of a sandboxed page or a local file, is refused even when it carries a valid
/// token. A request without `Origin` does not come from a page (a script, `curl`) and is
/// judged by its token alone.
fn origin_allowed(state: &State, headers: &HeaderMap) -> bool {
    let mut given = headers.get_all(header::ORIGIN).iter();
    let (Some(origin), None) = (given.next(), given.next()) else {
        return headers.get(header::ORIGIN).is_none();
    };
    let Some(authority) = origin.to_str().ok().and_then(|o| o.strip_prefix("http://")) else {
        return false;
    };
    !authority.contains('/') && authority_allowed(state, authority)
}

/// Whether the `Host` header names this server: `localhost` or an IP address (a name other
/// than `localhost` is how DNS rebinding arrives) that is loopback or the bound address, on
/// our port. A server bound to every address (`0.0.0.0`) accepts any IP address.
fn host_allowed(state: &State, headers: &HeaderMap) -> bool {
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|host| authority_allowed(state, host))
}

/// `NAME:PORT` as [`host_allowed`] judges a `Host` header.
fn authority_allowed(state: &State, host: &str) -> bool {
    let Some((name, port)) = host.rsplit_once(':') else {
        return false;
    };
    if port.parse::<u16>().ok() != Some(state.port) {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let Ok(ip) = name
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
    else {
        return false;
    };
    let ip = match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    };
    ip.is_loopback() || ip == state.ip || state.ip.is_unspecified()
}

fn harden(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    // A page with a policy of its own (the printable report, stricter still) keeps it.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(
            h,
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        );
    }
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "no-referrer");
    set(h, "x-frame-options", "DENY");
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
    resp
}

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

pub fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    query?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Whether a dossier's folder is still the real folder found when the server started: a
/// folder (or one above it) swapped for a link since then leads elsewhere, and is not
/// followed, so no request reads or writes outside the served tree.
pub fn still_in_place(dir: &Path, found_at: &Path) -> bool {
    let real_folder = dir
        .symlink_metadata()
        .is_ok_and(|m| m.is_dir() && !m.file_type().is_symlink());
    real_folder && dir.canonicalize().is_ok_and(|now| now == found_at)
}
