//! The leadership pages: the gap to the line with the recovery list (`parscore gap`), the
//! comparison of the unit's years (`parscore compare`), and the report.

use super::{page, pct, problems_page, pts, Ctx};
use crate::app::{self, measure, CompareFormat, ScoreFormat};
use crate::dossier::{ScoresChoice, Shared};
use crate::lang::Lang;
use crate::serve::catalog::Entry;
use crate::serve::state::State;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::HeaderMap;
use axum::response::Response;
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
    let (_, g) = match measure(
        &entry.dir,
        "serve",
        None,
        None,
        lang,
        &mut Shared::default(),
    ) {
        Ok(x) => x,
        Err(o) => return problems_page(&ctx, entry, "gap", &o),
    };
    let title = match lang {
        Lang::Vi => format!(
            "Khoảng cách tới {} — {}, năm {}",
            crate::gap::target_words(&g.line, lang),
            entry.unit,
            entry.year.unwrap_or_default()
        ),
        Lang::En => format!(
            "Gap to {} — {}, {}",
            crate::gap::target_words(&g.line, lang),
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
        div.cards {
            div.card { div.label { (ctx.t("Ngưỡng", "Line")) } div.value { (pct(g.line.score, lang)) } }
            div.card { div.label { (ctx.t("Dự kiến", "Projected")) } div.value { (pct(g.projected.index, lang)) } }
            div.card { div.label { (ctx.t("Chặt", "Strict")) } div.value { (pct(g.strict.index, lang)) } }
            @if let Some(a) = &g.appraised {
                div.card { div.label { (ctx.t("Thẩm định", "Appraised")) } div.value { (pct(a.index, lang)) } }
            }
            div.card.main { div.label { (ctx.t("So với ngưỡng", "Against the line")) } div.value.small-value #gap { (crate::gap::against_line(g.line.score, headline, lang)) } }
        }
        @if let Some(c) = &g.classing {
            pre.classes { (crate::report::classes::lines(c, lang)) }
        }
        h2 { (ctx.t("Cách gỡ điểm, rẻ nhất trước", "Where points can be won, cheapest first")) }
        table.recovery {
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
                        td { div.small { (step.reason.label(lang)) " — " (step.name) } (step.what.get(lang)) }
                        td.num { (pts(step.points, lang)) }
                        td { (step.lead.clone().unwrap_or_default()) }
                        td.num { (pct(step.running.index, lang)) @if step.closes { " ✓" } }
                    }
                }
            }
        }
    };
    page(&ctx, &title, Some((entry, "gap")), body)
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
            CompareFormat::Table,
            lang,
            ScoresChoice::Either,
        );
        html! { h1 { (title) } pre.text { (o.out) (o.err) } }
    };
    page(&ctx, &title, Some((entry, "compare")), body)
}

pub async fn report(
    Shared_(state): Shared_<Arc<State>>,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::new(&state, &h, q.as_deref());
    let Some(entry) = state.dossier(&id) else {
        return super::no_dossier(&ctx, &id);
    };
    let title = match ctx.lang {
        Lang::Vi => format!(
            "Báo cáo — {}, năm {}",
            entry.unit,
            entry.year.unwrap_or_default()
        ),
        Lang::En => format!(
            "Report — {}, {}",
            entry.unit,
            entry.year.unwrap_or_default()
        ),
    };
    let body = html! {
        h1 { (title) }
        p.noprint { button #print type="button" { (ctx.t("In báo cáo", "Print the report")) } }
        (report_body(entry, ctx.lang))
    };
    page(&ctx, &title, Some((entry, "report")), body)
}

/// The report of a dossier. For now the text `parscore score` prints; the one-page HTML
/// report of `parscore report` takes its place here.
fn report_body(entry: &Entry, lang: Lang) -> Markup {
    let o = app::score(
        &entry.dir,
        ScoreFormat::Table,
        None,
        lang,
        &mut Shared::default(),
    );
    html! { pre.text { (o.out) (o.err) } }
}
