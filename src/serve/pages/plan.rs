//! The plan page: the reform plan's tasks with their lead unit, due date, status and
//! completion date; status and date are editable (`PUT /api/v1/dossiers/{id}/plan/{task}`).

use super::{page, problems_page, Ctx};
use crate::app::load_scored_with;
use crate::lang::Lang;
use crate::serve::state::State;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use std::sync::Arc;

const STATUSES: [&str; 3] = ["Chưa thực hiện", "Đang thực hiện", "Đã hoàn thành"];

/// What contradicts itself in a task: done without a date, a date without done, a date
/// after the day the dossier is judged at. Warnings: the plan is still read as it is.
pub fn warnings(task: &crate::dossier::Task, as_of: time::Date, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let t = |vi: &str, en: &str| match lang {
        Lang::Vi => vi.to_string(),
        Lang::En => en.to_string(),
    };
    match (task.done, task.done_on) {
        (true, None) => out.push(t(
            "«Đã hoàn thành» nhưng chưa có ngày hoàn thành: ghi ngày để tính đúng hạn.",
            "«Done» without a completion date: give the date so that it counts as on time.",
        )),
        (false, Some(_)) => out.push(t(
            "Có ngày hoàn thành nhưng tình trạng chưa là «Đã hoàn thành»: nhiệm vụ chưa được tính là xong.",
            "A completion date, but the status is not «Done»: the task is not counted as done.",
        )),
        _ => {}
    }
    if let Some(d) = task.done_on.filter(|d| *d > as_of) {
        let (on, at) = (crate::value::show_date(d), crate::value::show_date(as_of));
        out.push(match lang {
            Lang::Vi => format!("Ngày hoàn thành {on} sau ngày đánh giá hồ sơ {at} (\"as_of\" trong dossier.json)."),
            Lang::En => format!("Completion date {on} is after the date the dossier is judged at, {at} (\"as_of\" in dossier.json)."),
        });
    }
    out
}

/// The completion of due tasks as the page shows it (`85,71%`), or "—".
pub fn completion_words(plan: &crate::dossier::Plan, as_of: time::Date, lang: Lang) -> String {
    plan.completion(as_of)
        .percent()
        .map(|p| format!("{}%", super::pct(p, lang)))
        .unwrap_or_else(|| "—".into())
}

pub async fn plan(
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
    let scored = match load_scored_with(&entry.dir, "serve", lang, Vec::new(), &mut state.shared())
    {
        Ok(s) => s,
        Err(o) => return problems_page(&ctx, entry, "plan", &o),
    };
    let title = match lang {
        Lang::Vi => format!(
            "Kế hoạch CCHC — {}, năm {}",
            entry.unit,
            entry.year.unwrap_or_default()
        ),
        Lang::En => format!(
            "Reform plan — {}, {}",
            entry.unit,
            entry.year.unwrap_or_default()
        ),
    };
    let d = &scored.dossier;
    let body = html! {
        h1 { (title) }
        @match &d.plan {
            None => p { (ctx.t("Hồ sơ chưa có plan.csv.", "The dossier has no plan.csv.")) }
            Some(plan) => {
                div.cards.sticky {
                    div.card.main {
                        div.label { (ctx.t("Hoàn thành nhiệm vụ đến hạn", "Due tasks done")) }
                        div.value #completion { (completion_words(plan, d.settings.as_of, lang)) }
                    }
                    div.card {
                        div.label { (ctx.t("Chỉ số CCHC (dự kiến)", "PAR index (projected)")) }
                        div.value #index { (scored.sheet.totals.index().map(|i| super::pct(i, lang)).unwrap_or_default()) }
                    }
                }
                table.plan.reflow {
                    thead { tr {
                        th scope="col" { "#" }
                        th scope="col" { (ctx.t("Nhiệm vụ", "Task")) }
                        th scope="col" { (ctx.t("Chủ trì", "Lead")) }
                        th scope="col" { (ctx.t("Thời hạn", "Due")) }
                        th scope="col" { (ctx.t("Tình trạng", "Status")) }
                        th scope="col" { (ctx.t("Ngày hoàn thành", "Done on")) }
                        th scope="col" { span.sr { (ctx.t("Lưu", "Save")) } }
                    } }
                    tbody {
                        @for task in &plan.tasks {
                            @let tid = super::sheet::dom_id(&task.id);
                            @let form = format!("t-{tid}");
                            @let warn = warnings(task, d.settings.as_of, lang);
                            tr id={ "row-" (form) } {
                                td data-label="#" { (task.id) }
                                td data-label=(ctx.t("Nhiệm vụ", "Task")) { (task.task) }
                                td data-label=(ctx.t("Chủ trì", "Lead")) { (task.lead) }
                                td data-label=(ctx.t("Thời hạn", "Due")) { (task.due_text) }
                                td data-label=(ctx.t("Tình trạng", "Status")) {
                                    label.sr for={ "s-" (tid) } { (ctx.t("Tình trạng nhiệm vụ ", "Status of task ")) (task.id) }
                                    select id={ "s-" (tid) } name="status" form=(form) {
                                        @if !STATUSES.contains(&task.status.as_str()) {
                                            option value=(task.status) selected { (task.status) }
                                        }
                                        @for st in STATUSES {
                                            option value=(st) selected[st == task.status] { (st) }
                                        }
                                    }
                                }
                                td data-label=(ctx.t("Ngày hoàn thành", "Done on")) {
                                    label.sr for={ "d-" (tid) } { (ctx.t("Ngày hoàn thành nhiệm vụ ", "Completion date of task ")) (task.id) }
                                    input type="date" id={ "d-" (tid) } name="done_on" form=(form)
                                        value=(task.done_on.map(crate::value::iso_date).unwrap_or_default());
                                }
                                td { form.task id=(form) data-task=(task.id) data-status=(task.status) data-done=(task.done_on.map(crate::value::show_date).unwrap_or_default()) { button type="submit" { (ctx.t("Lưu", "Save")) } } }
                            }
                            tr.warn hidden[warn.is_empty()] id={ "w-" (form) } { td {} td colspan="6" { @for w in &warn { div { "⚠ " (w) } } } }
                            tr.msg hidden id={ "m-" (form) } { td {} td colspan="6" role="alert" {} }
                        }
                    }
                }
            }
        }
    };
    page(&ctx, &title, Some((entry, "plan")), body)
}
