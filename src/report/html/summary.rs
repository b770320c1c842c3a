//! The first screen: who, which year, and the figures leadership asks for — the index
//! projected, strict and appraised, the line to beat and the gap to it, the unit's latest
//! published rank, and the result class where the criteria define classes.

use super::{date, w, Report};
use crate::gap::Standing;
use crate::lang::Lang;
use crate::number::{round2, show_percent, show_points};
use maud::{html, Markup};
use rust_decimal::Decimal;

pub fn section(r: &Report, lang: Lang) -> Markup {
    let (s, g) = (r.sheet, r.gap);
    let pc = |d: Decimal| show_percent(d, lang);
    let p = |d: Decimal| show_points(d, lang);
    let of_max = |st: &Standing| {
        format!(
            "{} / {} {}",
            p(st.points),
            p(g.max),
            w(lang, "điểm", "points")
        )
    };
    let target = crate::report::gap::target_words(&g.line, lang);
    let line_detail = match (&g.line.unit, g.line.rank, g.line.year, lang) {
        (Some(u), Some(k), Some(y), Lang::Vi) => format!("{u}, hạng {k}, xếp hạng công bố năm {y}"),
        (Some(u), Some(k), Some(y), Lang::En) => format!("{u}, rank {k}, published ranking of {y}"),
        (_, _, _, Lang::Vi) => "ngưỡng do đơn vị tự đặt".to_string(),
        (_, _, _, Lang::En) => "a line set by the unit".to_string(),
    };
    let basis = w(
        lang,
        if g.appraised.is_some() {
            "theo điểm thẩm định"
        } else {
            "theo điểm dự kiến"
        },
        if g.appraised.is_some() {
            "by the appraised index"
        } else {
            "by the projected index"
        },
    );
    let (gap_figure, gap_words, gap_class) = match g.gap.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Greater => (
            pc(g.gap),
            w(lang, "điểm dưới ngưỡng", "points below the line"),
            "card alert",
        ),
        std::cmp::Ordering::Equal => (
            pc(g.gap),
            w(
                lang,
                "bằng đúng ngưỡng: đồng điểm chưa chắc vào nhóm",
                "equal to the line: a tie does not secure the place",
            ),
            "card alert",
        ),
        std::cmp::Ordering::Less => (
            pc(-g.gap),
            w(lang, "điểm trên ngưỡng", "points above the line"),
            "card good",
        ),
    };
    let as_of = date(s.as_of, lang);
    html! {
        header #summary {
            h1 {
                (w(lang, "Báo cáo Chỉ số cải cách hành chính năm ", "PAR Index report, "))
                (s.year)
            }
            p.subtitle {
                strong data-field="unit" { (s.unit) }
                " — " (w(lang, "tính đến ngày ", "as of ")) (as_of)
                br;
                (w(lang, "Bộ tiêu chí: ", "Criteria: ")) span data-field="criteria-title" { (s.criteria_title) }
                " (" (s.criteria_id) ")"
            }
            div.cards {
                div.card {
                    div.label { (w(lang, "Chỉ số dự kiến (tự đánh giá + ĐTXHH dự kiến)", "Projected index (self-assessed + projected survey)")) }
                    div.figure data-figure="projected" { (pc(round2(g.projected.index))) }
                    div.detail data-figure="projected-points" { (of_max(&g.projected)) }
                }
                div.card {
                    div.label { (w(lang, "Điểm chặt (trừ điểm thiếu tài liệu kiểm chứng)", "Strict (less points lacking evidence)")) }
                    @if let Some(strict) = &g.strict {
                        div.figure data-figure="strict" { (pc(round2(strict.index))) }
                        div.detail data-figure="strict-points" { (of_max(strict)) }
                    } @else {
                        div.figure data-figure="strict" { (crate::report::strict::unknown(lang)) }
                    }
                }
                div.card {
                    div.label { (w(lang, "Chỉ số thẩm định", "Appraised index")) }
                    @if let Some(a) = &g.appraised {
                        div.figure data-figure="appraised" { (pc(round2(a.index))) }
                        div.detail { (of_max(a)) }
                    } @else {
                        div.figure data-figure="appraised" { "–" }
                        div.detail { (w(lang, "chưa có điểm thẩm định", "not appraised yet")) }
                    }
                }
                div.card {
                    div.label { (w(lang, "Ngưỡng: ", "Line: ")) (target) }
                    div.figure data-figure="line" { (pc(g.line.score)) }
                    div.detail { (line_detail) }
                }
                div class=(gap_class) {
                    div.label { (w(lang, "Khoảng cách tới ngưỡng, ", "Gap to the line, ")) (basis) }
                    div.figure data-figure="gap" { (gap_figure) }
                    div.detail { (gap_words) }
                }
                div.card {
                    div.label { (w(lang, "Hạng công bố gần nhất", "Latest published rank")) }
                    @if let Some(pr) = &r.published {
                        div.figure data-figure="published-rank" { (pr.rank) }
                        div.detail {
                            (w(lang, "năm ", "")) (pr.year) ", " (pc(pr.score)) (w(lang, " điểm", " points"))
                        }
                    } @else {
                        div.figure data-figure="published-rank" { "–" }
                        div.detail { (w(lang, "đơn vị chưa có trong xếp hạng công bố", "the unit is not in the published ranking")) }
                    }
                }
                @if let Some(c) = &s.classing {
                    div.card {
                        div.label { (w(lang, "Xếp loại (theo bộ tiêu chí)", "Result class (from the criteria)")) }
                        div.figure data-figure="class" {
                            @match &c.class {
                                Some(l) => (l),
                                None => (w(lang, "chưa đạt mức nào", "none reached")),
                            }
                        }
                        @if c.next.is_some() {
                            // What keeps the unit out of the next class, in `score`'s words.
                            div.detail data-figure="next-class" style="white-space:pre-line" {
                                (crate::report::classes::lines(c, lang).lines().skip(1).map(str::trim).collect::<Vec<_>>().join("\n"))
                            }
                        }
                    }
                }
            }
            p { (conclusion(r, lang)) }
        }
    }
}

/// One sentence: where the recovery list closes the gap, and what the evidence puts at risk.
fn conclusion(r: &Report, lang: Lang) -> String {
    let g = r.gap;
    let mut out = match (g.base_above(), g.closing_step(), lang) {
        (true, _, Lang::Vi) => "Điểm hiện tại đã trên ngưỡng; danh sách gỡ điểm là những điểm còn có thể tăng thêm.".to_string(),
        (true, _, Lang::En) => "The current total is already above the line; the recovery list shows what can still be added.".to_string(),
        (false, Some(i), Lang::Vi) => format!("Khoảng cách được lấp ở bước {} của danh sách gỡ điểm (mục 2).", i + 1),
        (false, Some(i), Lang::En) => format!("The gap closes at step {} of the recovery list (section 2).", i + 1),
        (false, None, Lang::Vi) => "Không thể lấp khoảng cách kể cả khi gỡ hết mọi điểm trong danh sách.".to_string(),
        (false, None, Lang::En) => "The gap cannot be closed even with every point in the list.".to_string(),
    };
    if let Some((_, a)) = r.evidence {
        let n = a.missing.len();
        let risk = show_points(a.at_risk, lang);
        out.push(' ');
        out.push_str(&match lang {
            Lang::Vi => format!(
                "{n} tiêu chí thiếu tài liệu kiểm chứng, {risk} điểm có nguy cơ bị trừ (mục 3)."
            ),
            Lang::En => format!("{n} leaves lack evidence, {risk} points at risk (section 3)."),
        });
    }
    out
}
