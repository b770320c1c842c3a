//! The leadership pages: the gap to the line with the recovery list (`parscore gap`), the
//! comparison of the unit's years (`parscore compare`), and the report.

use super::{page, pct, problems_page, pts, Ctx};
use crate::app::{self, measure, Format};
use crate::lang::Lang;
use crate::serve::state::State;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use std::sync::Arc;

/// How many recovery steps the page lists (the API's `/gap` has them all).
const STEPS: usize = 25;

pub async fn gap(
    Shared_(state): Shared_<Arc<State>>,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::new(&state, &h, q.as_deref());
    let lang = ctx.lang;
    let Some(entry) = state.dossier(&id) else {
        return super::no_dossier(&ctx, &id);
    };
    let entry = &entry;
    let rank = crate::serve::security::query_value(q.as_deref(), "rank")
        .and_then(|r| r.parse::<u32>().ok());
    let threshold = crate::serve::security::query_value(q.as_deref(), "threshold")
        .map(|t| t.replace("%2C", ",").replace(',', "."));
    let measured = measure(
        &entry.dir,
        "serve",
        rank,
        threshold.as_deref(),
        lang,
        &mut state.shared(),
    );
    let (scored, g) = match measured {
        Ok(x) => x,
        Err(o) => return unmeasured(&ctx, entry, &o),
    };
    let criteria = &scored.dossier.criteria;
    let title = match lang {
        Lang::Vi => format!(
            "Khoảng cách tới {} — {}, năm {}",
            crate::report::gap::target_words(&g.line, lang),
            entry.unit,
            entry.year.unwrap_or_default()
        ),
        Lang::En => format!(
            "Gap to {} — {}, {}",
            crate::report::gap::target_words(&g.line, lang),
            entry.unit,
            entry.year.unwrap_or_default()
        ),
    };
    let headline = g
        .appraised
        .as_ref()
        .map(|a| a.index)
        .unwrap_or(g.projected.index);
    let body = html! {
        h1 { (title) }
        @if rank.is_some() || threshold.is_some() {
            p.notice { (ctx.t("Đang xem với ngưỡng chọn trên trang này, chưa ghi vào hồ sơ.", "Shown with the line chosen on this page, not saved to the dossier.")) " "
                a href={ "/d/" (entry.id) "/gap" } { (ctx.t("Về ngưỡng của hồ sơ", "Back to the dossier's line")) } }
        }
        div.cards {
            div.card { div.label { (ctx.t("Ngưỡng", "Line")) } div.value { (pct(g.line.score, lang)) } }
            div.card { div.label { (ctx.t("Chỉ số dự kiến", "Projected index")) } div.value { (pct(g.projected.index, lang)) } }
            div.card { div.label { (ctx.t("Chỉ số chặt", "Strict index")) } div.value {
                @match &g.strict {
                    Some(st) => (pct(st.index, lang)),
                    None => (crate::report::strict::unknown(lang)),
                }
            } }
            @if let Some(a) = &g.appraised {
                div.card { div.label { (ctx.t("Chỉ số thẩm định", "Appraised index")) } div.value { (pct(a.index, lang)) } }
            }
            div.card.main { div.label { (ctx.t("So với ngưỡng", "Against the line")) } div.value.small-value #gap { (crate::report::gap::against_words(g.line.score, headline, lang)) } }
        }
        @if let Some(c) = &g.classing {
            pre.classes { (crate::report::classes::lines(c, lang)) }
        }
        h2 { (ctx.t("Cách gỡ điểm, rẻ nhất trước", "Where points can be won, cheapest first")) }
        div.scroll { table.recovery {
            thead { tr {
                th scope="col" { "#" }
                th scope="col" { (ctx.t("Mã", "Code")) }
                th scope="col" { (ctx.t("Việc cần làm", "What to do")) }
                th scope="col" .num { (ctx.t("Điểm", "Points")) }
                th scope="col" { (ctx.t("Chủ trì", "Lead")) }
                th scope="col" .num { (ctx.t("Chỉ số lũy kế", "Running index")) }
            } }
            tbody {
                @for (i, step) in g.recovery.iter().take(STEPS).enumerate() {
                    tr class=(if step.closes { "closes" } else { "" }) {
                        td { (i + 1) }
                        td { (step.code) }
                        td { div.small { (crate::report::gap::reason_label(step.reason, lang)) " — " (step.name) } (crate::report::gap::action_words(step, criteria, lang)) }
                        td.num { (pts(step.points, lang)) }
                        td { (step.lead.clone().unwrap_or_default()) }
                        td.num { (pct(step.running.index, lang)) @if step.closes { " ✓" } }
                    }
                }
            }
        } }
    };
    page(&ctx, &title, Some((entry, "gap")), body)
}

/// The Gap page when the line cannot be measured: why, in plain words, what would fix
/// it, and a form to choose a rank (viewed, or saved as `target_rank`) or a threshold;
/// the totals that need no line are still shown.
fn unmeasured(
    ctx: &Ctx,
    entry: &crate::serve::catalog::Entry,
    o: &crate::app::Outcome,
) -> Response {
    let lang = ctx.lang;
    let state = ctx.state;
    let scored = match crate::app::load_scored_with(
        &entry.dir,
        "serve",
        lang,
        Vec::new(),
        &mut state.shared(),
    ) {
        Ok(s) => s,
        Err(_) => return problems_page(ctx, entry, "gap", o),
    };
    let draft = crate::dossier::Settings::draft(&entry.dir, state.read)
        .map(|(d, _)| d)
        .unwrap_or_default();
    // The ranks the ranking has for the unit's group and year, to choose from.
    let mut ranks: Vec<(u32, String)> = Vec::new();
    let mut line_year = None;
    if let (Some(rel), Some(group), Some(year)) = (&draft.rankings, &draft.group, draft.year) {
        let mut diags = crate::diag::Diagnostics::default();
        if let Ok(Some(r)) = crate::ranking::read(&entry.dir.join(rel), rel, &mut diags, state.read)
        {
            if let Some(y) = r.latest_year(group, year) {
                line_year = Some(y);
                ranks = r
                    .table(group, y)
                    .iter()
                    .map(|e| {
                        (
                            e.rank,
                            format!("{} — {} ({})", e.rank, e.unit, pct(e.score, lang)),
                        )
                    })
                    .collect();
            }
        }
    }
    let s = &scored.sheet;
    let k = draft.target_rank;
    let why = match (k, line_year) {
        (Some(k), Some(y)) if !ranks.is_empty() && !ranks.iter().any(|(r, _)| *r == k) => {
            let list: Vec<String> = ranks.iter().map(|(r, _)| r.to_string()).collect();
            let list = list.join(", ");
            match lang {
                Lang::Vi => format!("Chưa đo được khoảng cách: hồ sơ đặt mục tiêu hạng {k}, nhưng bảng xếp hạng năm {y} của khối (bảng mới nhất không sau năm {}) chỉ có các hạng {list}, nên chưa biết điểm của hạng {k} là bao nhiêu.", s.year),
                Lang::En => format!("The gap cannot be measured: the dossier aims for rank {k}, but the group's {y} ranking (the latest not after {}) has only the ranks {list}, so the score of rank {k} is unknown.", s.year),
            }
        }
        _ => ctx.t("Chưa đo được khoảng cách vì thiếu ngưỡng cần vượt: hồ sơ chưa ghi đủ tệp xếp hạng, khối hoặc hạng cần đạt.", "The gap cannot be measured for want of a line to beat: the dossier does not name all of the ranking file, group and rank to reach.").to_string(),
    };
    let t = &s.totals;
    let body = html! {
        h1 { (ctx.t("Khoảng cách", "Gap")) " — " (entry.unit) ", " (s.year) }
        div.cards {
            div.card { div.label { (ctx.t("Chỉ số dự kiến", "Projected index")) } div.value { (t.index().map(|i| pct(i, lang)).unwrap_or_default()) } }
            @if let Some(a) = t.appraised_index() {
                div.card { div.label { (ctx.t("Chỉ số thẩm định", "Appraised index")) } div.value { (pct(a, lang)) } }
            }
        }
        div.notice #unmeasured {
            p { (why) }
            p { (ctx.t("Cách khắc phục: chọn một hạng có trong bảng xếp hạng (xem ngay, hoặc lưu làm hạng cần đạt của hồ sơ), hoặc nhập ngưỡng điểm tự đặt để xem khoảng cách.",
                       "To fix it: choose a rank the ranking has (view it now, or save it as the dossier's rank to reach), or type a threshold of your own to see the gap.")) }
            details.small { summary { (ctx.t("Chi tiết kỹ thuật", "Technical details")) } pre.problems { (crate::serve::reply::in_dossier(&entry.dir, &o.err)) } }
        }
        @if !ranks.is_empty() {
            form #choose-rank method="get" action={ "/d/" (entry.id) "/gap" } .panel {
                label for="g-rank" { (ctx.t("Hạng cần đạt", "Rank to reach")) }
                select #g-rank name="rank" {
                    @for (r, label) in &ranks { option value=(r) { (label) } }
                }
                div.actions {
                    button type="submit" { (ctx.t("Xem khoảng cách", "Show the gap")) }
                    " "
                    button #save-rank type="button" { (ctx.t("Lưu làm hạng cần đạt", "Save as the rank to reach")) }
                }
                div #rank-msg .msg role="alert" {}
            }
        }
        form #choose-threshold method="get" action={ "/d/" (entry.id) "/gap" } .panel {
            label for="g-threshold" { (ctx.t("Hoặc ngưỡng điểm (chỉ số, ví dụ 90,5)", "Or a threshold (an index, e.g. 90.5)")) }
            input #g-threshold type="text" inputmode="decimal" name="threshold";
            div.actions { button type="submit" { (ctx.t("Xem khoảng cách", "Show the gap")) } }
        }
    };
    page(ctx, ctx.t("Khoảng cách", "Gap"), Some((entry, "gap")), body)
}

pub async fn compare(
    Shared_(state): Shared_<Arc<State>>,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::new(&state, &h, q.as_deref());
    let lang = ctx.lang;
    let Some(entry) = state.dossier(&id) else {
        return super::no_dossier(&ctx, &id);
    };
    let entry = &entry;
    let years: Vec<_> = state
        .years_of(entry)
        .iter()
        .map(|e| e.dir.clone())
        .collect();
    let title = match lang {
        Lang::Vi => format!("So sánh các năm — {}", entry.unit),
        Lang::En => format!("Years compared — {}", entry.unit),
    };
    let body = if years.len() < 2 {
        html! { h1 { (title) } p { (ctx.t("Chỉ có một năm của đơn vị này trong thư mục đang mở.", "Only one year of this unit is in the folder served.")) } }
    } else {
        let o = app::compare(
            &years,
            false,
            false,
            Format::Json,
            lang,
            &mut state.shared(),
            crate::report::table::Width::default(),
        );
        match serde_json::from_str::<serde_json::Value>(&o.out) {
            Ok(v) if o.diagnostics.is_empty() => html! { h1 { (title) } (comparison(&v, lang)) },
            _ => html! { h1 { (title) } pre.problems { (o.err) } },
        }
    };
    page(&ctx, &title, Some((entry, "compare")), body)
}

/// The one-page report of `parscore report`, with the other years of the same unit as its
/// comparison: the page itself, under the report's own policy (inline styles, no script),
/// printable from the browser.
pub async fn report(
    Shared_(state): Shared_<Arc<State>>,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::new(&state, &h, q.as_deref());
    let lang = ctx.lang;
    let Some(entry) = state.dossier(&id) else {
        return super::no_dossier(&ctx, &id);
    };
    let entry = &entry;
    let others = state.other_years(entry);
    let args = app::ReportArgs {
        dossier: &entry.dir,
        compare: &others,
        out: None,
        rank: None,
        threshold: None,
        appendix: false,
        scores: crate::dossier::ScoresChoice::default(),
        read: state.read,
        source_date_epoch: None,
    };
    match app::report_html(&args, lang) {
        Ok(page) => (
            [(
                axum::http::header::CONTENT_SECURITY_POLICY,
                crate::report::html::CONTENT_SECURITY_POLICY,
            )],
            axum::response::Html(page),
        )
            .into_response(),
        Err(o) => problems_page(&ctx, entry, "report", &o),
    }
}

/// `parscore compare --format json` as a table: each year's points and the changes.
fn comparison(v: &serde_json::Value, lang: Lang) -> Markup {
    let t = |vi, en| super::t(lang, vi, en);
    let num = |x: &serde_json::Value| x.as_str().and_then(crate::number::parse_decimal);
    let years = v["years"].as_array().cloned().unwrap_or_default();
    let rows = v["rows"].as_array().cloned().unwrap_or_default();
    html! {
        p.small {
            @for y in &years {
                (y["year"]) ": " (if y["basis"] == "appraised" { t("điểm thẩm định", "appraised") } else { t("tự đánh giá + ĐTXHH dự kiến", "self-assessed + projected survey") })
                " (" (y["criteria"].as_str().unwrap_or("")) "). "
            }
        }
        div.scroll { table.compare {
            thead { tr {
                th scope="col" { (t("Mã", "Code")) }
                th scope="col" { (t("Tên", "Name")) }
                @for y in &years { th scope="col" .num { (y["year"]) } }
                @for c in rows.first().and_then(|r| r["changes"].as_array()).into_iter().flatten() {
                    th scope="col" .num { (c["from"]) " → " (c["to"]) }
                }
            } }
            tbody {
                @for r in &rows {
                    tr class=(if r["level"] == "total" { "area" } else { "" }) {
                        td { (r["code"].as_str().unwrap_or("")) }
                        td { @if r["level"] == "total" { (t("Tổng điểm (chỉ số)", "Total (index)")) } @else { (r["name"].as_str().unwrap_or("")) } }
                        @for y in r["years"].as_array().into_iter().flatten() {
                            td.num {
                                @if let (Some(a), Some(m)) = (num(&y["achieved"]), num(&y["max"])) {
                                    (pts(a, lang)) "/" (pts(m, lang))
                                    @if let Some(p) = num(&y["percent"]) { br; span.small { (pct(p, lang)) "%" } }
                                }
                            }
                        }
                        @for c in r["changes"].as_array().into_iter().flatten() {
                            td.num {
                                @if let Some(d) = num(&c["points"]) { (signed(pts(d, lang), d)) br; }
                                @if let Some(p) = num(&c["percent"]) {
                                    span.small { (signed(pct(p, lang), p)) "%" }
                                }
                                @if c["comparable"] == false { "*" }
                                @if let Some(note) = c["note"].as_str() { br; span.small { (note) } }
                            }
                        }
                    }
                }
            }
        }
        }
        p.small { (t("Thay đổi tính bằng điểm và bằng tỷ lệ % của điểm tối đa; *: tiêu chí thay đổi giữa hai năm, chỉ so sánh theo tỷ lệ.", "Changes in points and in % of the maximum; *: the criteria changed between the two years, compared as shares only.")) }
    }
}

/// A change with its sign: `+0,5`, `-1,75`, `0`.
fn signed(shown: String, d: rust_decimal::Decimal) -> String {
    if d > rust_decimal::Decimal::ZERO {
        format!("+{shown}")
    } else {
        shown
    }
}
