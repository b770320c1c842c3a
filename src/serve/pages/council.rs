//! "Thẩm định": the appraisal council's points per leaf, the council's reason for each
//! cut and the unit's answer, entered into `scores.csv`
//! (`PUT /api/v1/dossiers/{id}/council/{code}`), with the appraised index beside the
//! self-assessed one and the explanation letter to download.

use super::{page, pct, problems_page, pts, Ctx};
use crate::app::load_scored_with;
use crate::lang::Lang;
use crate::serve::state::State;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use std::collections::HashMap;
use std::sync::Arc;

/// The council's cells of `scores.csv` by code: (appraised as written, reason, answer).
fn council_cells(
    dir: &std::path::Path,
    read: crate::input::ReadOptions,
) -> HashMap<String, [String; 3]> {
    let path = dir.join(crate::dossier::SCORES_FILE);
    let Ok(bytes) = crate::fsio::read_input(
        &path,
        crate::fsio::Within::folder_of(&path),
        crate::fsio::Input::Table,
        read.caps,
    ) else {
        return HashMap::new();
    };
    let Ok(t) = crate::input::parse_table(&bytes, "scores.csv", read.encoding) else {
        return HashMap::new();
    };
    t.rows
        .iter()
        .map(|r| {
            let cell = |c: &str| t.cell(r, c).to_string();
            (
                cell("code"),
                [cell("appraised"), cell("appraisal_note"), cell("answer")],
            )
        })
        .collect()
}

pub async fn council(
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
        Err(o) => return problems_page(&ctx, entry, "council", &o),
    };
    let s = &scored.sheet;
    let cells = council_cells(&entry.dir, state.read);
    let title = match lang {
        Lang::Vi => format!("Điểm thẩm định — {}, năm {}", s.unit, s.year),
        Lang::En => format!("Council's points — {}, {}", s.unit, s.year),
    };
    let t = &s.totals;
    let body = html! {
        h1 { (title) }
        div.cards.sticky #totals {
            div.card { div.label { (ctx.t("Chỉ số tự đánh giá (dự kiến)", "Self-assessed index (projected)")) } div.value #index { (t.index().map(|i| pct(i, lang)).unwrap_or_default()) } }
            div.card.main { div.label { (ctx.t("Chỉ số thẩm định", "Appraised index")) } div.value #appraised-index { (t.appraised_index().map(|i| pct(i, lang)).unwrap_or_else(|| "—".into())) } }
            div.card { div.label { (ctx.t("Tổng điểm thẩm định", "Appraised points")) } div.value #appraised-points { (t.appraised_points.map(|a| pts(a, lang)).unwrap_or_else(|| "—".into())) " / " (pts(t.max, lang)) } }
        }
        @if s.has_appraised {
            p {
                a.button href={ "/d/" (entry.id) "/download/giai-trinh.docx" } { (ctx.t("Tải công văn giải trình (Word)", "Download the explanation letter (Word)")) }
            }
            p.hint { (ctx.t("Nhập điểm Hội đồng thẩm định chấm cho từng tiêu chí, lý do trừ điểm và ý kiến giải trình của đơn vị, rồi bấm «Lưu». Công văn giải trình liệt kê các tiêu chí bị trừ điểm có ý kiến giải trình.",
                            "Enter the council's points for each leaf, its reason for a cut and the unit's answer, then press «Save». The explanation letter lists the cut leaves that have an answer.")) }
            div.scroll {
                table.council.reflow {
                    thead { tr {
                        th scope="col" { (ctx.t("Mã", "Code")) }
                        th scope="col" { (ctx.t("Tiêu chí", "Criterion")) }
                        th scope="col" .num { (ctx.t("Tự chấm", "Self-assessed")) }
                        th scope="col" { (ctx.t("Điểm thẩm định", "Appraised")) }
                        th scope="col" { (ctx.t("Lý do Hội đồng trừ điểm", "The council's reason")) }
                        th scope="col" { (ctx.t("Ý kiến giải trình của đơn vị", "The unit's answer")) }
                        th scope="col" { span.sr { (ctx.t("Lưu", "Save")) } }
                    } }
                    tbody {
                        @for n in s.nodes.iter().filter(|n| n.leaf.is_some()) {
                            @let id = super::sheet::dom_id(&n.code);
                            @let form = format!("c-{id}");
                            @let c = cells.get(&n.code).cloned().unwrap_or_default();
                            @let cut = n.appraised.is_some_and(|a| a < n.achieved);
                            tr.leaf.cut[cut] id={ "row-" (id) } {
                                td.code { (n.code) }
                                td.name { (n.name) }
                                td.num data-label=(ctx.t("Tự chấm", "Self-assessed")) { (pts(n.achieved, lang)) " / " (pts(n.max, lang)) }
                                td.input data-label=(ctx.t("Điểm thẩm định", "Appraised")) {
                                    label.sr for={ "a-" (id) } { (ctx.t("Điểm thẩm định ", "Appraised points ")) (n.code) }
                                    input type="text" inputmode="decimal" id={ "a-" (id) } name="appraised" form=(form) value=(c[0].replace('.', if lang == Lang::Vi { "," } else { "." }));
                                }
                                td.note data-label=(ctx.t("Lý do trừ điểm", "Reason")) {
                                    label.sr for={ "cn-" (id) } { (ctx.t("Lý do trừ điểm ", "Reason for the cut ")) (n.code) }
                                    input type="text" id={ "cn-" (id) } name="appraisal_note" form=(form) value=(c[1]);
                                }
                                td.note data-label=(ctx.t("Giải trình", "Answer")) {
                                    label.sr for={ "ca-" (id) } { (ctx.t("Ý kiến giải trình ", "The unit's answer ")) (n.code) }
                                    input type="text" id={ "ca-" (id) } name="answer" form=(form) value=(c[2]);
                                }
                                td.save {
                                    form.council id=(form) data-code=(n.code) {
                                        button type="submit" { (ctx.t("Lưu", "Save")) }
                                    }
                                }
                            }
                            tr.msg hidden id={ "m-" (id) } { td {} td colspan="6" role="alert" {} }
                        }
                    }
                }
            }
        } @else {
            p { (ctx.t("Năm này chưa có điểm thẩm định (scores.csv chưa có cột appraised). Khi Hội đồng thẩm định công bố kết quả, bấm nút dưới đây: mỗi tiêu chí được ghi sẵn điểm tự chấm làm điểm thẩm định, rồi sửa các tiêu chí bị trừ điểm.",
                       "This year has no council's points yet (scores.csv has no appraised column). When the council publishes its results, press the button below: every leaf starts with its self-assessed points as appraised, then correct the leaves that were cut.")) }
            button #council-begin type="button" { (ctx.t("Bắt đầu nhập điểm thẩm định", "Start entering the council's points")) }
            div #council-msg .msg role="alert" {}
        }
    };
    page(&ctx, &title, Some((entry, "council")), body)
}
