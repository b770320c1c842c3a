//! The pages, written with maud (every piece of text from a file is escaped as it is
//! written): a common frame with the dossier's tabs, the language switch and the CSRF
//! token, and one module per page. Figures come from the same library results the
//! commands print; the pages' own words are in both languages here.

mod council;
mod download;
mod evidence;
mod gap;
mod history;
mod import;
mod overview;
mod plan;
mod report_header;
mod sheet;
mod start;

pub use council::council;
pub use download::download;
pub use evidence::evidence;
pub use gap::{compare, gap, report};
pub use history::history;
pub use import::{import, import_js};
pub use overview::overview;
pub use plan::{completion_words, plan, warnings as task_warnings};
pub use report_header::header;
pub use sheet::sheet;
pub use start::start;

use super::catalog::Entry;
use super::reply::{lang_of, LANG_COOKIE};
use super::state::State;
use crate::lang::Lang;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

const CSS: &str = include_str!("../assets/app.css");
const JS: &str = include_str!("../assets/app.js");

pub async fn css() -> Response {
    asset(CSS, "text/css; charset=utf-8")
}

pub async fn js() -> Response {
    asset(JS, "text/javascript; charset=utf-8")
}

/// The year's other pages' script (documents, the council, the header, a new year, the
/// rank, uploads), run after `app.js`, whose shared pieces it uses.
const YEAR_JS: &str = include_str!("../assets/year.js");

pub async fn year_js() -> Response {
    asset(YEAR_JS, "text/javascript; charset=utf-8")
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

/// Vietnamese or English.
pub fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The tabs of a dossier's pages: (path, Vietnamese, English).
const TABS: [(&str, &str, &str); 10] = [
    ("score", "Phiếu chấm", "Score sheet"),
    ("evidence", "Tài liệu kiểm chứng", "Evidence"),
    ("plan", "Kế hoạch", "Plan"),
    ("gap", "Khoảng cách", "Gap"),
    ("council", "Thẩm định", "Council"),
    ("compare", "So sánh các năm", "Compare years"),
    ("header", "Thông tin báo cáo", "Report header"),
    ("report", "Báo cáo", "Report"),
    ("import", "Nhập bộ chỉ số", "Import criteria"),
    ("history", "Lịch sử", "History"),
];

/// What a page needs from its request.
pub struct Ctx<'a> {
    pub state: &'a State,
    pub lang: Lang,
    /// The query carried `?lang=`: the page also sets the language cookie.
    switched: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(state: &'a State, headers: &HeaderMap, query: Option<&str>) -> Ctx<'a> {
        Ctx {
            state,
            lang: lang_of(headers, query, state.lang),
            switched: super::security::query_value(query, "lang").is_some(),
        }
    }

    pub fn t(&self, vi: &'static str, en: &'static str) -> &'static str {
        t(self.lang, vi, en)
    }
}

/// A whole page: `dossier` with its active tab, or the overview.
pub fn page(ctx: &Ctx, title: &str, dossier: Option<(&Entry, &str)>, body: Markup) -> Response {
    let lang = ctx.lang;
    if let Some((d, _)) = dossier {
        ctx.state.known.look(&d.dir, ctx.state.read);
    }
    let version = dossier.map(|(d, _)| super::version::etag(&d.dir, ctx.state.read));
    let sealed = dossier.and_then(|(d, _)| super::edit::seal_notice(&d.dir, ctx.state.read));
    let other = match lang {
        Lang::Vi => ("en", "English"),
        Lang::En => ("vi", "Tiếng Việt"),
    };
    let markup = html! {
        (DOCTYPE)
        html lang=(if lang == Lang::Vi { "vi" } else { "en" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="csrf-token" content=(ctx.state.csrf);
                @if let Some((d, _)) = dossier {
                    meta name="dossier" content=(d.id);
                }
                @if let Some(v) = &version {
                    meta name="version" content=(v);
                }
                meta name="lang" content=(if lang == Lang::Vi { "vi" } else { "en" });
                title { (title) " — parscore" }
                // No icon to fetch: an empty one, so the browser asks for no /favicon.ico.
                link rel="icon" href="data:,";
                link rel="stylesheet" href="/assets/app.css";
                script src="/assets/app.js" defer {}
                script src="/assets/year.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "parscore" }
                    @if let Some((d, _)) = dossier {
                        span.unit { (d.unit) " — " (d.year.map(|y| y.to_string()).unwrap_or_default()) }
                    }
                    a.lang href={ "?lang=" (other.0) } { (other.1) }
                }
                @if let Some((d, active)) = dossier {
                    nav.tabs aria-label=(ctx.t("Các trang của hồ sơ", "The dossier's pages")) {
                        a href="/" { (ctx.t("Tổng quan", "Overview")) }
                        @for (path, vi, en) in TABS {
                            @if path == active {
                                a.active href={ "/d/" (d.id) "/" (path) } aria-current="page" { (t(lang, vi, en)) }
                            } @else {
                                a href={ "/d/" (d.id) "/" (path) } { (t(lang, vi, en)) }
                            }
                        }
                    }
                }
                @if let Some(s) = &sealed {
                    (sealed_note(ctx, s))
                }
                div #changed .banner hidden role="alert" {
                    span #changed-text {
                        (ctx.t("Các tệp của hồ sơ vừa được sửa ở nơi khác (Excel, ổ mạng, người khác). Những gì bạn đang gõ vẫn còn: lưu vẫn được nếu không ai sửa cùng dòng; tải lại để xem bản mới.",
                               "The dossier's files were just changed elsewhere (Excel, a shared drive, someone else). What you are typing is kept: a save still lands unless someone changed the same row; reload to see the new version."))
                    }
                    " "
                    button #reload type="button" { (ctx.t("Tải lại trang", "Reload the page")) }
                }
                div #flash .flash hidden role="status" {}
                main { (body) }
            }
        }
    };
    let html = crate::escape::for_reader(&markup.into_string()).into_owned();
    let mut r = axum::response::Html(html).into_response();
    if ctx.switched {
        let code = if lang == Lang::En { "en" } else { "vi" };
        let cookie = format!("{LANG_COOKIE}={code}; SameSite=Strict; Path=/; Max-Age=31536000");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            r.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    r
}

/// The line every page of a sealed dossier carries: when, by whom, and whether changes
/// since have broken the seal.
fn sealed_note(ctx: &Ctx, s: &super::edit::SealNotice) -> Markup {
    let at = crate::report::seal::when(&s.at);
    html! {
        div #sealed .sealed role="note" data-at=(s.at) data-by=(s.by) {
            strong { (ctx.t("Hồ sơ đã niêm phong", "This dossier is sealed")) }
            " " (ctx.t("lúc ", "at ")) (at)
            @if !s.by.is_empty() { " " (ctx.t("bởi ", "by ")) (s.by) }
            ". "
            @if s.broken > 0 {
                strong.bad { (ctx.t("Niêm phong đã bị phá: ", "The seal has been broken: ")) (s.broken) (ctx.t(" thay đổi sau khi niêm phong (xem Lịch sử).", " change(s) since sealing (see History).")) }
            } @else {
                (ctx.t("Mọi thay đổi sẽ hỏi xác nhận và được ghi là phá niêm phong.", "Any change asks for confirmation and is recorded as breaking the seal."))
            }
        }
    }
}

/// A page saying why a dossier cannot be shown: the command's located problems.
pub fn problems_page(ctx: &Ctx, entry: &Entry, tab: &str, o: &crate::app::Outcome) -> Response {
    let body = html! {
        h1 { (ctx.t("Hồ sơ có lỗi", "The dossier has problems")) }
        p { (ctx.t("Sửa các lỗi dưới đây trong tệp (Excel hoặc trình soạn thảo), rồi tải lại trang.",
                   "Fix the problems below in the files (Excel or an editor), then reload the page.")) }
        pre.problems { (super::reply::in_dossier(&entry.dir, &o.err)) }
    };
    let mut r = page(ctx, &entry.unit, Some((entry, tab)), body);
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    r
}

pub fn no_dossier(ctx: &Ctx, id: &str) -> Response {
    let body = html! {
        h1 { (ctx.t("Không có hồ sơ này", "No such dossier")) }
        p { (id) " — " a href="/" { (ctx.t("về trang tổng quan", "back to the overview")) } }
    };
    let mut r = page(ctx, id, None, body);
    *r.status_mut() = StatusCode::NOT_FOUND;
    r
}

/// Points for people (`88,99`).
pub fn pts(d: rust_decimal::Decimal, lang: Lang) -> String {
    crate::number::show_points(d, lang)
}

/// An index or a percentage for people (`88,99`).
pub fn pct(d: rust_decimal::Decimal, lang: Lang) -> String {
    crate::number::show_percent(d, lang)
}

/// A horizontal bar drawn as SVG geometry (no inline style, which the page's policy refuses).
pub fn bar(
    part: rust_decimal::Decimal,
    whole: rust_decimal::Decimal,
    risk: rust_decimal::Decimal,
) -> Markup {
    use rust_decimal::prelude::ToPrimitive;
    let share = |x: rust_decimal::Decimal| {
        if whole.is_zero() {
            0.0
        } else {
            ((x / whole).to_f64().unwrap_or(0.0) * 200.0).clamp(0.0, 200.0)
        }
    };
    let done = share(part);
    let risky = share(risk).min(done);
    html! {
        svg.bar width="200" height="14" viewBox="0 0 200 14" aria-hidden="true" {
            rect x="0" y="0" width="200" height="14" fill="#e6e9ef" {}
            rect x="0" y="0" width=(format!("{:.1}", done - risky)) height="14" fill="#2f6db5" {}
            rect x=(format!("{:.1}", done - risky)) y="0" width=(format!("{:.1}", risky)) height="14" fill="#e08a1e" {}
        }
    }
}
