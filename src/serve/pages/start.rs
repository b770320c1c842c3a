//! "Bắt đầu năm mới": the form that starts a year (`POST /api/v1/dossiers`, made by
//! `parscore init`), its choices filled in from the unit's latest year.

use super::{page, Ctx};
use crate::serve::start::choices;
use crate::serve::state::State;
use axum::extract::{RawQuery, State as Shared_};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use std::sync::Arc;

pub async fn start(
    Shared_(state): Shared_<Arc<State>>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::new(&state, &h, q.as_deref());
    let c = choices(&state);
    let latest = c.latest.as_ref();
    let draft = latest
        .and_then(|e| crate::dossier::Settings::draft(&e.dir, state.read).ok())
        .map(|(d, _)| d)
        .unwrap_or_default();
    let base = state.catalog.root().canonicalize().ok();
    let rel_of = |e: &crate::serve::catalog::Entry, named: &Option<String>| -> Option<String> {
        let p = e.dir.join(named.as_deref()?).canonicalize().ok()?;
        crate::dossier::create::relative(base.as_ref()?, &p)
    };
    let next = latest.and_then(|e| e.year).map(|y| y + 1);
    // The criteria of the year being started when there is a set for it; else last
    // year's, with the note below saying its deadlines are last year's.
    let chosen_criteria = c
        .criteria
        .iter()
        .find(|o| o.year.is_some() && o.year == next)
        .map(|o| o.value.clone())
        .or_else(|| latest.and_then(|e| rel_of(e, &draft.criteria)));
    let chosen_year = c
        .criteria
        .iter()
        .find(|o| Some(&o.value) == chosen_criteria.as_ref())
        .and_then(|o| o.year);
    let chosen_rankings = latest.and_then(|e| rel_of(e, &draft.rankings));
    let next_year = latest
        .and_then(|e| e.year)
        .map(|y| (y + 1).to_string())
        .unwrap_or_default();
    let used = |years: &[i32]| -> String {
        if years.is_empty() {
            return String::new();
        }
        let list: Vec<String> = years.iter().map(i32::to_string).collect();
        format!(
            " — {} {}",
            ctx.t("dùng cho năm", "used for"),
            list.join(", ")
        )
    };
    let dossiers = state.dossiers();
    let with_plan: Vec<_> = dossiers
        .iter()
        .filter(|e| e.dir.join(crate::dossier::PLAN_FILE).is_file())
        .collect();
    let body = html! {
        h1 { (ctx.t("Bắt đầu năm mới", "Start a new year")) }
        p.hint { (ctx.t("Tạo hồ sơ của năm mới bên cạnh các năm đã có: dossier.json, phiếu chấm trống, manifest.csv và kế hoạch (chép từ năm khác nếu chọn). Không tệp nào có sẵn bị ghi đè.",
                        "Creates the new year's dossier beside the years already there: dossier.json, a blank score sheet, manifest.csv and the plan (copied from another year if chosen). No existing file is overwritten.")) }
        form #start .panel {
            label for="s-unit" { (ctx.t("Tên đơn vị, như trong bảng xếp hạng", "The unit's name, as in the ranking")) }
            input #s-unit type="text" name="unit" required value=(latest.map(|e| e.unit.as_str()).unwrap_or(""));
            label for="s-year" { (ctx.t("Năm đánh giá", "The year assessed")) }
            input #s-year type="number" name="year" required min="1900" max="2100" value=(next_year);
            label for="s-criteria" { (ctx.t("Bộ tiêu chí", "Criteria")) }
            select #s-criteria name="criteria" required {
                @for o in &c.criteria {
                    option value=(o.value) data-year=(o.year.map(|y| y.to_string()).unwrap_or_default()) selected[chosen_criteria.as_deref() == Some(o.value.as_str())] {
                        @if o.title.is_empty() { (o.value) } @else { (o.title) " — " (o.value) }
                        (used(&o.used_by))
                    }
                }
            }
            // Shown when the set chosen is of another year than the one started (year.js
            // keeps it right as either changes).
            p #s-criteria-year .warn hidden[chosen_year.is_none() || chosen_year == next] {
                (ctx.t("Bộ tiêu chí này là của năm khác: các hạn trong đó (ví dụ hạn ban hành kế hoạch) là của năm ấy, nên điểm các tiêu chí có hạn sẽ sai. Hãy nhập bộ chỉ số của năm mới («Nhập bộ chỉ số») ngay sau khi tạo hồ sơ.",
                       "This criteria set is of another year: its deadlines (the plan's, for one) are that year's, so leaves with a deadline will score wrongly. Import the new year's criteria («Import criteria») right after creating the dossier."))
            }
            p.small { (ctx.t("Các bộ tiêu chí trong thư mục criteria/ (có sẵn, hoặc nhập từ phụ lục của Sở Nội vụ), và bộ các năm khác đang dùng.",
                             "The criteria files in the criteria/ folder (shipped, or imported from the Department of Home Affairs' annex), and those other years use.")) }
            label for="s-rankings" { (ctx.t("Tệp xếp hạng công bố", "The published ranking file")) }
            select #s-rankings name="rankings" {
                option value="" { (ctx.t("— không có —", "— none —")) }
                @for o in &c.rankings {
                    option value=(o.value) selected[chosen_rankings.as_deref() == Some(o.value.as_str())] { (o.value) (used(&o.used_by)) }
                }
            }
            div.pair {
                div {
                    label for="s-group" { (ctx.t("Khối", "Group")) }
                    select #s-group name="group" {
                        option value="" { (ctx.t("— chọn —", "— choose —")) }
                        @for g in &c.groups {
                            option value=(g) selected[draft.group.as_deref() == Some(g.as_str())] { (group_words(&ctx, g)) }
                        }
                    }
                }
                div {
                    label for="s-rank" { (ctx.t("Hạng cần đạt", "Rank to reach")) }
                    input #s-rank type="number" name="target_rank" min="1" value=(draft.target_rank.map(|k| k.to_string()).unwrap_or_default());
                }
            }
            label for="s-as-of" { (ctx.t("Ngày đánh giá hồ sơ (bỏ trống: hôm nay)", "The date the dossier is judged at (blank: today)")) }
            input #s-as-of type="date" name="as_of";
            label for="s-plan" { (ctx.t("Chép kế hoạch từ", "Copy the plan from")) }
            select #s-plan name="plan_from" {
                option value="" { (ctx.t("— kế hoạch trống —", "— an empty plan —")) }
                @for e in &with_plan {
                    option value=(e.id) selected[latest.is_some_and(|l| l.id == e.id)] { (e.unit) ", " (e.year.map(|y| y.to_string()).unwrap_or_default()) }
                }
            }
            button.primary type="submit" { (ctx.t("Tạo hồ sơ năm mới", "Create the new year's dossier")) }
            div #start-msg .msg role="alert" {}
        }
    };
    page(
        &ctx,
        ctx.t("Bắt đầu năm mới", "Start a new year"),
        None,
        body,
    )
}

/// A ranking's group as the clerk names it: the city's blocks in words, another as written.
fn group_words(ctx: &Ctx, g: &str) -> String {
    let named = match g {
        "so-ban-nganh" => ctx.t("Sở, ban, ngành", "Departments and boards"),
        "phuong" => ctx.t("Phường", "Wards"),
        "xa-dac-khu" => ctx.t("Xã, đặc khu", "Communes and special zones"),
        _ => return g.to_string(),
    };
    format!("{named} ({g})")
}
