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
                @let c = plan.completion(d.settings.as_of);
                div.cards {
                    div.card.main {
                        div.label { (ctx.t("Hoàn thành nhiệm vụ đến hạn", "Due tasks done")) }
                        div.value #completion { (c.percent().map(|p| format!("{}%", super::pct(p, lang))).unwrap_or_else(|| "—".into())) }
                    }
                }
                table.plan {
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
                            tr {
                                td { (task.id) }
                                td { (task.task) }
                                td { (task.lead) }
                                td { (task.due_text) }
                                td {
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
                                td {
                                    label.sr for={ "d-" (tid) } { (ctx.t("Ngày hoàn thành nhiệm vụ ", "Completion date of task ")) (task.id) }
                                    input type="date" id={ "d-" (tid) } name="done_on" form=(form)
                                        value=(task.done_on.map(crate::value::iso_date).unwrap_or_default());
                                }
                                td { form.task id=(form) data-task=(task.id) data-status=(task.status) data-done=(task.done_on.map(crate::value::show_date).unwrap_or_default()) { button type="submit" { (ctx.t("Lưu", "Save")) } } }
                            }
                            tr.msg hidden id={ "m-" (form) } { td {} td colspan="6" role="alert" {} }
                        }
                    }
                }
            }
        }
    };
    page(&ctx, &title, Some((entry, "plan")), body)
}
