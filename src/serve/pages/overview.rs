//! The overview: every dossier served, with its index (projected, strict, appraised), the
//! gap to the line the unit aims for, its class, and the areas chart of the latest year.

use super::{page, pct, Ctx};
use crate::app::{load_scored_with, measure};
use crate::gap::Gap;
use crate::lang::Lang;
use crate::serve::catalog::Entry;
use crate::serve::state::State;
use axum::extract::{RawQuery, State as Shared_};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::{html, PreEscaped};
use std::sync::Arc;

pub async fn overview(
    Shared_(state): Shared_<Arc<State>>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::new(&state, &h, q.as_deref());
    let lang = ctx.lang;
    let mut shared = state.shared();
    let dossiers = state.dossiers();
    let rows: Vec<_> = dossiers
        .iter()
        .map(|e| {
            let measured = measure(&e.dir, "serve", None, None, lang, &mut shared);
            let loaded = match measured {
                Ok((s, g)) => Ok((s, Some(g))),
                Err(_) => load_scored_with(&e.dir, "serve", lang, Vec::new(), &mut shared)
                    .map(|s| (s, None)),
            };
            (e, loaded)
        })
        .collect();
    // The latest year with figures: a year just started (nothing scored yet) is listed,
    // but the charts stay on the last year that says something.
    let latest = rows
        .iter()
        .filter_map(|(e, l)| l.as_ref().ok().map(|(s, _)| (e, s)))
        .filter(|(_, s)| has_figures(&s.sheet))
        .max_by_key(|(e, _)| e.year);
    let charts = latest
        .map(|(e, _)| charts_of(&state, e, lang))
        .unwrap_or_default();
    let body = html! {
        h1 { (ctx.t("Tổng quan các hồ sơ", "Overview of the dossiers")) }
        p { a.button #new-year href="/new" { (ctx.t("Bắt đầu năm mới", "Start a new year")) } }
        div.scroll { table.overview.reflow {
            thead { tr {
                th scope="col" { (ctx.t("Đơn vị", "Unit")) }
                th scope="col" { (ctx.t("Năm", "Year")) }
                th scope="col" .num { (ctx.t("Chỉ số dự kiến", "Projected index")) }
                th scope="col" .num { (ctx.t("Chỉ số chặt", "Strict index")) }
                th scope="col" .num { (ctx.t("Chỉ số thẩm định", "Appraised index")) }
                th scope="col" { (ctx.t("So với ngưỡng", "Against the line")) }
                th scope="col" { (ctx.t("Xếp loại", "Class")) }
                th scope="col" { (ctx.t("Tải về để nộp", "Download to hand in")) }
                th scope="col" { span.sr { (ctx.t("Mở", "Open")) } }
            } }
            tbody {
                @for (e, loaded) in &rows {
                    tr {
                        td data-label=(ctx.t("Đơn vị", "Unit")) { (e.unit) }
                        td data-label=(ctx.t("Năm", "Year")) { (e.year.map(|y| y.to_string()).unwrap_or_default()) }
                        @match loaded {
                            Ok((s, g)) => {
                                td.num.big data-label=(ctx.t("Chỉ số dự kiến", "Projected index")) { (s.sheet.totals.index().map(|i| pct(i, lang)).unwrap_or_default()) }
                                td.num data-label=(ctx.t("Chỉ số chặt", "Strict index")) { (strict_index(s, g.as_ref(), lang)) }
                                td.num data-label=(ctx.t("Chỉ số thẩm định", "Appraised index")) { (s.sheet.totals.appraised_index().map(|a| pct(a, lang)).unwrap_or_else(|| "—".into())) }
                                td data-label=(ctx.t("So với ngưỡng", "Against the line")) { (g.as_ref().map(|g| line_words(g, lang)).unwrap_or_else(|| ctx.t("chưa đo được — xem trang Khoảng cách", "not measurable — see the Gap page").to_string())) }
                                td data-label=(ctx.t("Xếp loại", "Class")) { (g.as_ref().and_then(|g| g.classing.as_ref()).and_then(|c| c.class.clone()).unwrap_or_default()) }
                            }
                            Err(_) => {
                                td colspan="5" .bad { (ctx.t("hồ sơ có lỗi — mở để xem", "the dossier has problems — open it to see them")) }
                            }
                        }
                        td.downloads {
                            a href={ "/d/" (e.id) "/download/bang-tong-hop.xlsx" } { (ctx.t("Bảng tổng hợp (Excel)", "Summary table (Excel)")) }
                            " · "
                            a href={ "/d/" (e.id) "/download/bao-cao.docx" } { (ctx.t("Báo cáo (Word)", "Report (Word)")) }
                            @if loaded.as_ref().is_ok_and(|(s, _)| s.sheet.has_appraised) {
                                " · "
                                a href={ "/d/" (e.id) "/download/giai-trinh.docx" } { (ctx.t("Giải trình (Word)", "Explanation letter (Word)")) }
                            }
                        }
                        td { a.button href={ "/d/" (e.id) "/score" } { (ctx.t("Mở phiếu chấm", "Open the score sheet")) } }
                    }
                }
            }
        } }
        @if let (false, Some((e, _))) = (charts.is_empty(), latest) {
            h2 { (ctx.t("Biểu đồ", "Charts")) " — " (e.unit) ", " (e.year.map(|y| y.to_string()).unwrap_or_default()) }
            @for svg in &charts {
                div.chart { (PreEscaped(svg)) }
            }
        }
    };
    page(&ctx, ctx.t("Tổng quan", "Overview"), None, body)
}

/// The strict index: the gap's, else (a line that cannot be measured) the same figure
/// from the score sheet, else why it is unknown.
fn strict_index(s: &crate::app::Scored, g: Option<&Gap>, lang: Lang) -> String {
    let index = match g {
        Some(g) => g.strict.map(|st| st.index),
        None => s
            .sheet
            .strict_points()
            .and_then(|p| crate::number::percent_of(p, s.sheet.totals.max)),
    };
    index
        .map(|i| pct(i, lang))
        .unwrap_or_else(|| crate::report::strict::unknown(lang).to_string())
}

/// Whether anything is scored: a leaf with a value, or the council's points.
fn has_figures(s: &crate::scoring::ScoreSheet) -> bool {
    s.has_appraised
        || s.nodes
            .iter()
            .any(|n| n.leaf.as_ref().is_some_and(|l| !l.value.trim().is_empty()))
}

/// "còn thiếu 2,75 so với nhóm 5 đơn vị dẫn đầu (92,71)", in the words `gap` prints.
fn line_words(g: &Gap, lang: Lang) -> String {
    let headline = g
        .appraised
        .as_ref()
        .map(|a| a.index)
        .unwrap_or(g.projected.index);
    let against = crate::report::gap::against_words(g.line.score, headline, lang);
    let target = crate::report::gap::target_words(&g.line, lang);
    match lang {
        Lang::Vi => format!("{against} so với {target}"),
        Lang::En => format!("{against} against {target}"),
    }
}

/// The three charts `parscore chart` draws for the latest dossier, its unit's other years
/// as the trend: SVG text, escaped by the chart code.
fn charts_of(state: &State, entry: &Entry, lang: Lang) -> Vec<String> {
    let others = state.other_years(entry);
    let args = crate::app::ChartArgs {
        dossier: &entry.dir,
        compare: &others,
        out: std::path::Path::new("."),
        png: false,
        rank: None,
        threshold: None,
        scores: crate::dossier::ScoresChoice::default(),
        read: state.read,
        several_units: false,
    };
    match crate::app::draw(&args, None, lang) {
        Ok((drawn, _)) => drawn
            .into_iter()
            .filter(|(name, _)| *name != "trend" || !others.is_empty())
            .filter_map(|(_, svg)| svg.ok())
            .collect(),
        Err(_) => Vec::new(),
    }
}
