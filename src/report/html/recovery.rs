//! Section 2: the cheapest path to the line, as `gap` computes it — each step with its
//! points, why they can be won, what has to happen, who leads it, and the running index;
//! the step that closes the gap is marked. Like `gap`'s table, the list stops five steps
//! after that one and sums the rest.

use super::{w, Report};
use crate::lang::Lang;
use crate::number::{show_percent, show_points};
use maud::{html, Markup};
use rust_decimal::Decimal;

/// Steps shown after the one that closes the gap (as in `gap`'s table).
const AFTER_CLOSING: usize = 5;

pub fn section(r: &Report, lang: Lang) -> Markup {
    let g = r.gap;
    let p = |d: Decimal| show_points(d, lang);
    let pc = |d: Decimal| show_percent(d, lang);
    let shown = match g.closing_step() {
        Some(i) => (i + 1 + AFTER_CLOSING).min(g.recovery.len()),
        None => g.recovery.len(),
    };
    let rest = &g.recovery[shown..];
    let base = pc(g.base.index);
    html! {
        section #recovery {
            h2 { "2. " (w(lang, "Cách gỡ điểm, rẻ nhất trước", "Where points can be won, cheapest first")) }
            @if g.recovery.is_empty() {
                p { (w(lang, "Không còn điểm nào có thể gỡ.", "No points are left to win.")) }
            } @else {
                p.muted {
                    (w(lang, "Lũy kế tính từ ", "Running from the "))
                    @match (g.appraised.is_some(), g.strict.is_some()) {
                        (true, _) => (w(lang, "điểm thẩm định ", "appraised index ")),
                        (false, true) => (w(lang, "điểm chặt ", "strict index ")),
                        (false, false) => (w(lang, "điểm dự kiến (điểm chặt chưa biết: chưa có danh mục tài liệu kiểm chứng) ", "projected index (strict unknown: no manifest) ")),
                    }
                    (base)
                    (w(lang, "; vượt ngưỡng ", "; the line to beat is "))
                    (pc(g.line.score))
                    "."
                }
                table {
                    thead {
                        tr {
                            th.num { "#" }
                            th.code { (w(lang, "Mã", "Code")) }
                            th style="width:24%" { (w(lang, "Tiêu chí", "Criterion")) }
                            th.num { (w(lang, "Điểm", "Points")) }
                            th style="width:11%" { (w(lang, "Lý do", "Reason")) }
                            th style="width:27%" { (w(lang, "Cần làm", "What has to happen")) }
                            th style="width:13%" { (w(lang, "Đơn vị chủ trì", "Lead unit")) }
                            th.num { (w(lang, "Lũy kế", "Running")) }
                        }
                    }
                    tbody {
                        @for (i, st) in g.recovery.iter().take(shown).enumerate() {
                            tr.closes[st.closes] data-step=(i + 1) data-code=(st.code) {
                                td.num { (i + 1) }
                                td.code { (st.code) }
                                td { (st.name) }
                                td.num data-col="points" { (p(st.points)) }
                                td { (crate::report::gap::reason_label(st.reason, lang)) }
                                td { (crate::report::gap::action_words(st, r.criteria, lang)) }
                                td { (st.lead.as_deref().unwrap_or("")) }
                                td.num data-col="running" {
                                    (pc(st.running.index))
                                    @if st.closes {
                                        br; span.mark { "✔ " (w(lang, "vượt ngưỡng", "above the line")) }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !rest.is_empty() {
                    @let pts: Decimal = rest.iter().map(|s| s.points).sum();
                    p.muted data-figure="recovery-rest" {
                        @match lang {
                            Lang::Vi => { "… và " (rest.len()) " tiêu chí khác, tổng " (p(pts)) " điểm." }
                            Lang::En => { "… and " (rest.len()) " more leaves, " (p(pts)) " points in all." }
                        }
                    }
                }
            }
        }
    }
}
