//! The score sheet: the totals and the areas on top, then one row per leaf with its rule in
//! words, the evidence it needs, and an input that fits the rule. Saving a row sends it to
//! `PUT /api/v1/dossiers/{id}/scores/{code}`; the page then shows the new figures.

use super::{bar, page, pct, problems_page, pts, Ctx};
use crate::app::load_scored_with;
use crate::criteria::{Node, RuleInput, RuleKind};
use crate::lang::Lang;
use crate::scoring::{NodeScore, ScoreSheet};
use crate::serve::state::State;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::{html, Markup};
use rust_decimal::Decimal;
use std::sync::Arc;

pub async fn sheet(
    Shared_(state): Shared_<Arc<State>>,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::new(&state, &h, q.as_deref());
    let Some(entry) = state.dossier(&id) else {
        return super::no_dossier(&ctx, &id);
    };
    let entry = &entry;
    let scored = match load_scored_with(
        &entry.dir,
        "serve",
        ctx.lang,
        Vec::new(),
        &mut state.shared(),
    ) {
        Ok(s) => s,
        Err(o) => return problems_page(&ctx, entry, "score", &o),
    };
    let s = &scored.sheet;
    let criteria = &scored.dossier.criteria;
    let lang = ctx.lang;
    let title = match lang {
        Lang::Vi => format!("Phiếu chấm — {}, năm {}", s.unit, s.year),
        Lang::En => format!("Score sheet — {}, {}", s.unit, s.year),
    };
    let body = html! {
        h1 { (title) }
        (totals(&ctx, s))
        details.areas open {
            summary { (ctx.t("Điểm theo lĩnh vực", "Points by area")) }
            (areas(&ctx, s))
        }
        p.hint { (ctx.t("Chọn hoặc nhập giá trị của từng tiêu chí rồi bấm «Lưu»: parscore kiểm tra, ghi vào scores.csv và tính lại điểm ngay. Ô «Giải trình của đơn vị» là lời của đơn vị, in nguyên văn trong báo cáo Word và biểu tổng hợp (để trống thì báo cáo có chỗ trống tô vàng để điền tay).",
                        "Choose or type each leaf's value and press «Save»: parscore checks it, writes scores.csv and re-scores at once. «The unit's explanation» is the unit's own words, printed as written in the Word report and the submission table (left blank, the report has a yellow blank to fill by hand).")) }
        table.sheet.reflow {
            thead { tr {
                th scope="col" { (ctx.t("Mã", "Code")) }
                th scope="col" { (ctx.t("Tiêu chí, cách tính điểm, tài liệu cần có", "Criterion, rule, evidence needed")) }
                th scope="col" { (ctx.t("Kê khai", "Declared")) }
                th scope="col" { (ctx.t("Ghi chú, giải trình", "Note, explanation")) }
                th scope="col" .num { (ctx.t("Điểm", "Points")) }
                th scope="col" .num { (ctx.t("Nguy cơ trừ", "At risk")) }
                th scope="col" { span.sr { (ctx.t("Lưu", "Save")) } }
            } }
            tbody {
                @for n in &s.nodes {
                    @if n.leaf.is_none() {
                        tr class=(if n.depth == 1 { "area" } else { "group" }) {
                            td { (n.code) }
                            td colspan="3" { (n.name) }
                            td.num id={ "p-" (dom_id(&n.code)) } { (pts(n.achieved, lang)) " / " (pts(n.max, lang)) }
                            td.num id={ "r-" (dom_id(&n.code)) } { (s.at_risk_for(&n.code).filter(|r| !r.is_zero()).map(|r| pts(r, lang)).unwrap_or_default()) }
                            td {}
                        }
                    } @else if let Some(node) = criteria.find(&n.code) {
                        (leaf_row(&ctx, s, n, node))
                    }
                }
            }
        }
    };
    page(&ctx, &title, Some((entry, "score")), body)
}

fn totals(ctx: &Ctx, s: &ScoreSheet) -> Markup {
    let lang = ctx.lang;
    let t = &s.totals;
    let unscored = s.unscored().count();
    html! {
        div.cards.sticky #totals {
            div.card.main {
                div.label { (ctx.t("Chỉ số CCHC (dự kiến)", "PAR index (projected)")) }
                div.value #index { (t.index().map(|i| pct(i, lang)).unwrap_or_default()) }
            }
            @if let Some(a) = t.appraised_index() {
                div.card {
                    div.label { (ctx.t("Chỉ số thẩm định", "Appraised index")) }
                    div.value #appraised-index { (pct(a, lang)) }
                }
            }
            div.card {
                div.label { (ctx.t("Tổng điểm", "Total points")) }
                div.value #points { (pts(t.points, lang)) " / " (pts(t.max, lang)) }
            }
            @if let (Some(r), Some(strict)) = (s.total_at_risk(), s.strict_points()) {
                div.card {
                    div.label { (ctx.t("Nguy cơ bị trừ (thiếu tài liệu)", "At risk (missing evidence)")) }
                    div.value #at-risk { (pts(r, lang)) }
                }
                div.card {
                    div.label { (ctx.t("Tổng điểm chặt", "Strict points")) }
                    div.value #strict { (pts(strict, lang)) }
                }
            }
            div.card {
                div.label { (ctx.t("Tiêu chí chưa chấm", "Leaves not scored")) }
                div.value #unscored { (unscored) }
            }
        }
    }
}

fn areas(ctx: &Ctx, s: &ScoreSheet) -> Markup {
    let lang = ctx.lang;
    html! {
        table.areas {
            @for a in s.areas() {
                @let risk = s.at_risk_for(&a.code).unwrap_or(Decimal::ZERO);
                tr {
                    td { (a.code) }
                    td { (a.name) }
                    td.num id={ "a-" (dom_id(&a.code)) } { (pts(a.achieved, lang)) " / " (pts(a.max, lang)) }
                    td { (bar(a.achieved, a.max, risk)) }
                    td.num id={ "ar-" (dom_id(&a.code)) } { @if !risk.is_zero() { (ctx.t("nguy cơ trừ ", "at risk ")) (pts(risk, lang)) } }
                }
            }
        }
    }
}

/// `1.1.2` as an element id (`1_1_2`): no dots to escape in a selector.
pub fn dom_id(code: &str) -> String {
    code.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn leaf_row(ctx: &Ctx, s: &ScoreSheet, n: &NodeScore, node: &Node) -> Markup {
    let lang = ctx.lang;
    let id = dom_id(&n.code);
    let leaf = n.leaf.as_ref();
    let value = leaf.map(|l| l.value.as_str()).unwrap_or("");
    let note = leaf.map(|l| l.note.as_str()).unwrap_or("");
    let explanation = leaf.map(|l| l.explanation.as_str()).unwrap_or("");
    let na = crate::value::is_not_applicable(value);
    let from_plan = node
        .rule()
        .is_some_and(|r| r.input == Some(RuleInput::PlanCompletion));
    let risk = s.at_risk_for(&n.code).unwrap_or(Decimal::ZERO);
    let rule = crate::criteria::describe_rule(node, lang);
    let form = format!("f-{id}");
    html! {
        tr.leaf id={ "row-" (id) } {
            td.code { (n.code) }
            td.name data-label=(ctx.t("Tiêu chí", "Criterion")) {
                div { (n.name) }
                div.rule { (rule) }
                @if !node.evidence.is_empty() {
                    div.needs { (ctx.t("Cần: ", "Needs: ")) @for (i, e) in node.evidence.iter().enumerate() { @if i > 0 { "; " } (e.what) } }
                }
            }
            td.input data-label=(ctx.t("Kê khai", "Declared")) {
                @if from_plan {
                    span.auto { (ctx.t("Tính từ plan.csv", "From plan.csv")) }
                } @else {
                    label.sr for={ "v-" (id) } { (ctx.t("Giá trị kê khai ", "Declared value ")) (n.code) }
                    (value_input(ctx, node, &id, &form, if na { "" } else { value }))
                    label.na for={ "na-" (id) } {
                        input type="checkbox" id={ "na-" (id) } name="na" form=(form) checked[na];
                        " " (ctx.t("Không áp dụng", "Not applicable"))
                    }
                }
            }
            td.note data-label=(ctx.t("Ghi chú, giải trình", "Note, explanation")) {
                @if !from_plan {
                    label.sr for={ "n-" (id) } { (ctx.t("Ghi chú ", "Note ")) (n.code) }
                    input type="text" id={ "n-" (id) } name="note" form=(form) value=(note);
                }
                // What the Word report and the submission table print for the leaf, in the
                // unit's own words (else a yellow blank to fill by hand).
                label.explain for={ "x-" (id) } {
                    span.small { (ctx.t("Giải trình của đơn vị (in trong báo cáo)", "The unit's explanation (printed in the report)")) }
                    input type="text" id={ "x-" (id) } name="explanation" form=(form) value=(explanation);
                }
            }
            td.num id={ "p-" (id) } data-label=(ctx.t("Điểm", "Points")) { (pts(n.achieved, lang)) " / " (pts(n.max, lang)) }
            td.num id={ "r-" (id) } data-label=(ctx.t("Nguy cơ trừ", "At risk")) { @if !risk.is_zero() { (pts(risk, lang)) } }
            td.save {
                form.leaf id=(form) data-code=(n.code) data-value=(value) data-note=(note)
                    data-explanation=(explanation) data-plan=(if from_plan { "1" } else { "" }) {
                    button type="submit" { (ctx.t("Lưu", "Save")) }
                }
            }
        }
        tr.msg hidden id={ "m-" (id) } { td {} td colspan="6" role="alert" {} }
    }
}

fn value_input(ctx: &Ctx, node: &Node, id: &str, form: &str, value: &str) -> Markup {
    let input_id = format!("v-{id}");
    let Some(rule) = node.rule() else {
        return html! { input type="text" id=(input_id) name="value" form=(form) value=(value); };
    };
    match &rule.kind {
        RuleKind::Levels(levels) => {
            let known = levels.iter().any(|l| l.label == value);
            html! {
                select id=(input_id) name="value" form=(form) {
                    option value="" selected[value.is_empty()] { (ctx.t("— chưa chấm —", "— not scored —")) }
                    @for l in levels {
                        option value=(l.label) selected[l.label == value] { (l.label) }
                    }
                    @if !known && !value.is_empty() {
                        option value=(value) selected { (value) }
                    }
                }
            }
        }
        RuleKind::Deadline { .. } => {
            let iso = crate::value::parse_date(value)
                .map(crate::value::iso_date)
                .unwrap_or_default();
            html! { input type="date" id=(input_id) name="value" form=(form) value=(iso); }
        }
        RuleKind::Manual { step } => html! {
            input type="number" id=(input_id) name="value" form=(form) min="0"
                max=(crate::number::machine(node.max)) step=(crate::number::machine(*step)) value=(value.replace(',', "."));
        },
        RuleKind::Count { .. } | RuleKind::Deduct { .. } => html! {
            input type="number" id=(input_id) name="value" form=(form) min="0" step="1" value=(value);
        },
        RuleKind::Bands(_) | RuleKind::Ratio => html! {
            input type="text" inputmode="decimal" id=(input_id) name="value" form=(form) value=(value)
                placeholder=(ctx.t("ví dụ 92,5 hoặc 45/48", "e.g. 92.5 or 45/48"));
        },
    }
}
