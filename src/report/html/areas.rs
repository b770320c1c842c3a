//! Section 1: the areas, each with its points, its maximum, its percentage, a bar (blue:
//! points with evidence in place, orange: points at risk for missing evidence) and the
//! points at risk; the total, and bonus and penalty points where the criteria have them.

use super::{w, Report};
use crate::criteria::AdjustmentKind;
use crate::lang::Lang;
use crate::number::{percent_of, show_percent, show_points};
use crate::scoring::NodeScore;
use maud::{html, Markup};
use rust_decimal::{Decimal, RoundingStrategy};

pub fn section(r: &Report, lang: Lang) -> Markup {
    let s = r.sheet;
    let p = |d: Decimal| show_points(d, lang);
    let pc = |d: Option<Decimal>| {
        d.map(|x| show_percent(x, lang))
            .unwrap_or_else(|| "–".into())
    };
    let t = &s.totals;
    let risk_known = s.at_risk.is_some();
    html! {
        section #areas {
            h2 { "1. " (w(lang, "Điểm theo lĩnh vực", "Points by area")) }
            table {
                thead {
                    tr {
                        th.code { (w(lang, "Mã", "Code")) }
                        th { (w(lang, "Lĩnh vực", "Area")) }
                        th.num { (w(lang, "Điểm", "Points")) }
                        th.num { (w(lang, "Tối đa", "Max")) }
                        th.num { "%" }
                        th style="width:22%" { (w(lang, "Mức đạt", "Reached")) }
                        th.num { (w(lang, "Có nguy cơ bị trừ", "At risk")) }
                        @if s.has_appraised { th.num { (w(lang, "Thẩm định", "Appraised")) } }
                    }
                }
                tbody {
                    @for n in s.areas() {
                        tr data-code=(n.code) {
                            td.code { (n.code) }
                            td { (n.name) }
                            td.num data-col="achieved" { (p(n.achieved)) }
                            td.num data-col="max" { (p(n.max)) }
                            td.num data-col="percent" { (pc(n.percent())) }
                            td { (bar(n, s.at_risk_for(&n.code).unwrap_or_default())) }
                            td.num data-col="at-risk" { (risk_cell(s.at_risk_for(&n.code), lang)) }
                            @if s.has_appraised { td.num data-col="appraised" { (n.appraised.map(p).unwrap_or_default()) } }
                        }
                    }
                    @if let Some(adj) = &s.adjustments {
                        @let bonus = adj.section(AdjustmentKind::Bonus, &|n| n.achieved);
                        @let penalty = adj.section(AdjustmentKind::Penalty, &|n| n.achieved);
                        tr data-code="bonus" {
                            td.code {}
                            td { (w(lang, "Điểm thưởng (sau mức trần)", "Bonus (after its cap)")) }
                            td.num data-col="achieved" { (p(bonus.applied)) }
                            td.num { (p(adj.max_bonus)) }
                            td {} td {} td {}
                            @if s.has_appraised { td {} }
                        }
                        tr data-code="penalty" {
                            td.code {}
                            td { (w(lang, "Điểm trừ (sau mức trần)", "Penalty (after its cap)")) }
                            td.num data-col="achieved" { (p(penalty.applied)) }
                            td.num { (p(adj.max_penalty)) }
                            td {} td {} td {}
                            @if s.has_appraised { td {} }
                        }
                    }
                    tr.total data-code="total" {
                        td.code {}
                        td { (w(lang, "Tổng (Chỉ số)", "Total (index)")) }
                        td.num data-col="achieved" { (p(t.points)) }
                        td.num data-col="max" { (p(t.max)) }
                        td.num data-col="percent" { (pc(t.index())) }
                        td {}
                        td.num data-col="at-risk" { (risk_cell(s.total_at_risk(), lang)) }
                        @if s.has_appraised { td.num data-col="appraised" { (t.appraised_points.map(p).unwrap_or_default()) } }
                    }
                }
            }
            p.legend {
                i style="background:#2e6da4" {} (w(lang, "điểm có tài liệu kiểm chứng", "points with evidence in place"))
                i style="background:#e08a00" {} (w(lang, "điểm có nguy cơ bị trừ (thiếu tài liệu)", "points at risk (evidence missing)"))
                i style="background:#e6e6e6" {} (w(lang, "chưa đạt", "not reached"))
            }
            @if !risk_known {
                p.muted.small { (w(lang, "Hồ sơ chưa lập danh mục tài liệu kiểm chứng: chưa biết điểm nào có nguy cơ bị trừ.", "The dossier has no list of its evidence yet: the points at risk are not known.")) }
            }
        }
    }
}

fn risk_cell(risk: Option<Decimal>, lang: Lang) -> String {
    match risk {
        Some(r) if r > Decimal::ZERO => show_points(r, lang),
        Some(_) => "0".into(),
        None => "–".into(),
    }
}

/// The bar of an area: the safe part, then the part at risk, over its maximum.
fn bar(n: &NodeScore, risk: Decimal) -> Markup {
    let width = |part: Decimal| {
        percent_of(part.max(Decimal::ZERO), n.max)
            .unwrap_or_default()
            .min(Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
    };
    let risk = risk.min(n.achieved);
    let safe = width(n.achieved - risk);
    let at_risk = width(risk).min(Decimal::ONE_HUNDRED - safe);
    html! {
        div.bar {
            span.safe style=(format!("width:{safe}%")) {}
            @if at_risk > Decimal::ZERO {
                span.risk style=(format!("left:{safe}%;width:{at_risk}%")) {}
            }
        }
    }
}
