//! The guard in front of every request: the `Host` header must name this server (a page
//! on another site that resolves its own name to 127.0.0.1 — DNS rebinding — is refused);
//! beyond loopback, the session cookie set by opening the printed `?token=` address; on
//! every change, the CSRF token the pages carry. Every response says the page may load
//! nothing from elsewhere (`Content-Security-Policy`), is not sniffed, and sends no referrer.

use super::reply;
use super::state::{same_secret, State};
use axum::extract::{Request, State as Shared};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::IpAddr;
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
    harden(next.run(req).await)
}

/// Whether the `Host` header names this server: `localhost` or an IP address (a name other
/// than `localhost` is how DNS rebinding arrives) that is loopback or the bound address, on
/// our port. A server bound to every address (`0.0.0.0`) accepts any IP address.
fn host_allowed(state: &State, headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
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
