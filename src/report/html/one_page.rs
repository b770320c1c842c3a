//! The page a Director reads and signs (`parscore report`): one A4 page with the index and
//! the class, the line to beat and the gap to it, the three steps that close it fastest,
//! the areas, the evidence at risk, and the signature line. It speaks to the Director:
//! no command, file name or path, figures with their unit ("điểm" for points, "%" for the
//! index), the time in Vietnam's time. The working detail is the appendix, a document of
//! its own (`report --appendix`).

use super::{date, w, Report};
use crate::compare::Level;
use crate::lang::Lang;
use crate::number::{round2, show_percent, show_points};
use maud::{html, Markup};
use rust_decimal::Decimal;

/// Steps of the recovery list on the page.
const STEPS: usize = 3;
/// Leaves missing evidence listed by name; the rest are counted.
const AT_RISK_ROWS: usize = 5;

pub fn page(r: &Report, lang: Lang) -> Markup {
    let (s, g) = (r.sheet, r.gap);
    let pc = |d: Decimal| show_percent(d, lang);
    let p = |d: Decimal| show_points(d, lang);
    let basis = if g.appraised.is_some() {
        w(lang, "chỉ số thẩm định", "appraised index")
    } else {
        w(lang, "chỉ số dự kiến", "projected index")
    };
    let line_detail = match (&g.line.unit, g.line.rank, g.line.year, lang) {
        (Some(u), Some(k), Some(y), Lang::Vi) => format!("điểm của {u}, hạng {k} năm {y}"),
        (Some(u), Some(k), Some(y), Lang::En) => format!("score of {u}, rank {k} in {y}"),
        (_, _, _, Lang::Vi) => "ngưỡng do đơn vị tự đặt".to_string(),
        (_, _, _, Lang::En) => "a line set by the unit".to_string(),
    };
    let target = crate::report::gap::target_words(&g.line, lang);
    let (gap_figure, gap_words) = match g.gap.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Greater => (pc(g.gap), w(lang, "dưới ngưỡng", "below the line")),
        std::cmp::Ordering::Equal => (pc(g.gap), w(lang, "bằng ngưỡng", "at the line")),
        std::cmp::Ordering::Less => (pc(-g.gap), w(lang, "trên ngưỡng", "above the line")),
    };
    let headline = g.appraised.as_ref().unwrap_or(&g.projected);
    html! {
        header #summary {
            h1 {
                (w(lang, "Báo cáo Chỉ số cải cách hành chính năm ", "PAR Index report, ")) (s.year)
            }
            p.subtitle {
                strong data-field="unit" { (s.unit) }
                " — " (w(lang, "số liệu tính đến ngày ", "figures as of ")) (date(s.as_of, lang))
            }
            div.cards.one {
                div.card {
                    div.label { (w(lang, "Chỉ số CCHC", "PAR index")) " (" (basis) ")" }
                    div.figure { span data-figure=(if g.appraised.is_some() { "appraised" } else { "projected" }) { (pc(round2(headline.index))) } "%" }
                    div.detail { (p(headline.points)) "/" (p(g.max)) " " (w(lang, "điểm", "points")) }
                }
                // The class, where the criteria define classes.
                @if let Some(c) = s.classing.as_ref() {
                    div.card {
                        div.label { (w(lang, "Xếp loại", "Class")) }
                        div.figure.words data-figure="class" {
                            @match &c.class {
                                Some(l) => (l),
                                None => (w(lang, "chưa đạt mức nào", "none reached")),
                            }
                        }
                    }
                }
                div.card {
                    div.label { (w(lang, "Ngưỡng cần vượt: ", "Line to beat: ")) (target) }
                    div.figure { span data-figure="line" { (pc(g.line.score)) } "%" }
                    div.detail { (line_detail) }
                }
                div class=(if g.gap > Decimal::ZERO { "card alert" } else { "card good" }) {
                    div.label { (w(lang, "Khoảng cách tới ngưỡng", "Gap to the line")) }
                    div.figure { span data-figure="gap" { (gap_figure) } }
                    div.detail { (w(lang, "điểm phần trăm ", "percentage points ")) (gap_words) }
                }
                div.card {
                    div.label { (w(lang, "Chỉ số nếu thiếu tài liệu bị trừ", "Index if missing evidence is cut")) }
                    @if let Some(strict) = &g.strict {
                        div.figure { span data-figure="strict" { (pc(round2(strict.index))) } "%" }
                    } @else {
                        div.figure.words data-figure="strict" { (w(lang, "chưa xác định", "not known")) }
                    }
                }
            }
            @if let Some(history) = history(r, lang) {
                p.history data-field="history" { (history) }
            }
        }
        section #steps {
            h2 { "1. " (w(lang, "Ba việc gỡ điểm nhanh nhất", "The three steps that close the gap fastest")) }
            (steps(r, lang))
        }
        section #areas {
            h2 { "2. " (w(lang, "Điểm theo lĩnh vực", "Points by area")) }
            (areas(r, lang))
        }
        section #at-risk {
            h2 { "3. " (w(lang, "Tài liệu kiểm chứng còn thiếu", "Evidence still missing")) }
            (at_risk(r, lang))
        }
        (signature(r, lang))
        footer.one {
            (w(lang, "Lập lúc ", "Made at ")) span data-field="generated" { (super::provenance::generated_words(r.provenance.generated, lang)) }
            (w(lang, ". Bộ tiêu chí: ", ". Criteria: ")) (s.criteria_title)
            (w(lang, ". Chi tiết từng tiêu chí, tài liệu và cách tính: xem Phụ lục số liệu kèm theo.", ". The detail of every leaf, document and working: see the attached appendix."))
        }
    }
}

/// `Các năm trước: 2025: 88,99%; 2024: 87,10%` from the comparison, oldest last.
fn history(r: &Report, lang: Lang) -> Option<String> {
    let c = r.comparison?;
    let total = c.rows.iter().find(|row| row.level == Level::Total)?;
    let years: Vec<String> = c
        .years
        .iter()
        .zip(&total.cells)
        .filter(|(y, _)| y.year != r.sheet.year)
        .rev()
        .filter_map(|(y, cell)| {
            let pct = cell.as_ref()?.percent()?;
            Some(format!("{}: {}%", y.year, show_percent(round2(pct), lang)))
        })
        .collect();
    if years.is_empty() {
        return None;
    }
    let published = r.published.as_ref().map(|pr| match lang {
        Lang::Vi => format!("; hạng công bố gần nhất: {} (năm {})", pr.rank, pr.year),
        Lang::En => format!("; latest published rank: {} ({})", pr.rank, pr.year),
    });
    Some(format!(
        "{}{}{}.",
        w(lang, "Các năm trước: ", "Earlier years: "),
        years.join("; "),
        published.unwrap_or_default()
    ))
}

fn steps(r: &Report, lang: Lang) -> Markup {
    let g = r.gap;
    let p = |d: Decimal| show_points(d, lang);
    let pc = |d: Decimal| show_percent(d, lang);
    if g.recovery.is_empty() {
        return html! { p { (w(lang, "Không còn điểm nào có thể gỡ.", "No points are left to win.")) } };
    }
    let shown = &g.recovery[..STEPS.min(g.recovery.len())];
    let after = shown.last().map(|s| s.running.index).unwrap_or_default();
    let closing = match (g.base_above(), g.closing_step(), lang) {
        (true, _, Lang::Vi) => "Chỉ số hiện tại đã trên ngưỡng; các việc trên làm tăng thêm điểm.".to_string(),
        (true, _, Lang::En) => "The index is already above the line; these steps add to it.".to_string(),
        (false, Some(i), _) if i < STEPS => match lang {
            Lang::Vi => format!("Làm xong bước {}, chỉ số vượt ngưỡng.", i + 1),
            Lang::En => format!("After step {}, the index is above the line.", i + 1),
        },
        (false, Some(i), Lang::Vi) => format!("Làm xong ba việc này, chỉ số đạt {}%; cần thêm {} việc nữa (tổng {} việc) để vượt ngưỡng.", pc(round2(after)), i + 1 - STEPS, i + 1),
        (false, Some(i), Lang::En) => format!("After these three the index is {}%; {} more steps ({} in all) take it above the line.", pc(round2(after)), i + 1 - STEPS, i + 1),
        (false, None, Lang::Vi) => "Kể cả gỡ hết mọi điểm có thể, chỉ số chưa vượt ngưỡng.".to_string(),
        (false, None, Lang::En) => "Even with every point won back, the index stays below the line.".to_string(),
    };
    html! {
        table.steps {
            thead {
                tr {
                    th.num.c-no { "#" }
                    th.c-name { (w(lang, "Tiêu chí", "Criterion")) }
                    th.c-action { (w(lang, "Việc cần làm", "What has to happen")) }
                    th.c-lead { (w(lang, "Đơn vị chủ trì", "Lead unit")) }
                    th.num.c-points { (w(lang, "Gỡ được (điểm)", "Won (points)")) }
                    th.num.c-index { (w(lang, "Chỉ số sau bước (%)", "Index after (%)")) }
                }
            }
            tbody {
                @for (i, st) in shown.iter().enumerate() {
                    tr.closes[st.closes] data-step=(i + 1) data-code=(st.code) {
                        td.num { (i + 1) }
                        td { (st.code) " " (st.name) }
                        td { (crate::report::gap::action_words(st, r.criteria, lang)) }
                        td { (st.lead.as_deref().unwrap_or("–")) }
                        td.num data-col="points" { (p(st.points)) }
                        td.num data-col="running" { (pc(round2(st.running.index))) }
                    }
                }
            }
        }
        p data-figure="closing" { (closing) }
    }
}

fn areas(r: &Report, lang: Lang) -> Markup {
    let s = r.sheet;
    let p = |d: Decimal| show_points(d, lang);
    let pc = |d: Option<Decimal>| {
        d.map(|x| show_percent(x, lang))
            .unwrap_or_else(|| "–".into())
    };
    let t = &s.totals;
    let risk = |code: &str| s.at_risk_for(code).map(p).unwrap_or_else(|| "–".into());
    html! {
        table.areas {
            thead {
                tr {
                    th { (w(lang, "Lĩnh vực", "Area")) }
                    th.num { (w(lang, "Điểm đạt / tối đa (điểm)", "Points / max")) }
                    th.num { (w(lang, "Tỷ lệ (%)", "Share (%)")) }
                    th.num { (w(lang, "Thiếu tài liệu (điểm)", "Lacking evidence (points)")) }
                    @if s.has_appraised { th.num { (w(lang, "Thẩm định (điểm)", "Appraised (points)")) } }
                }
            }
            tbody {
                @for n in s.areas() {
                    tr data-code=(n.code) {
                        td { (n.code) ". " (n.name) }
                        td.num { span data-col="achieved" { (p(n.achieved)) } "/" span data-col="max" { (p(n.max)) } }
                        td.num data-col="percent" { (pc(n.percent())) }
                        td.num data-col="at-risk" { (risk(&n.code)) }
                        @if s.has_appraised { td.num data-col="appraised" { (n.appraised.map(p).unwrap_or_default()) } }
                    }
                }
                tr.total data-code="total" {
                    td { (w(lang, "Tổng (kể cả điểm thưởng, điểm trừ nếu có)", "Total (with bonus and penalty, if any)")) }
                    td.num { span data-col="achieved" { (p(t.points)) } "/" span data-col="max" { (p(t.max)) } }
                    td.num data-col="percent" { (pc(t.index())) }
                    td.num data-col="at-risk" { (r.evidence.map(|(_, a)| p(a.at_risk)).unwrap_or_else(|| "–".into())) }
                    @if s.has_appraised { td.num data-col="appraised" { (t.appraised_points.map(p).unwrap_or_default()) } }
                }
            }
        }
    }
}

fn at_risk(r: &Report, lang: Lang) -> Markup {
    let p = |d: Decimal| show_points(d, lang);
    let Some((_, a)) = r.evidence else {
        return html! {
            p data-figure="at-risk" { (w(lang, "Hồ sơ chưa lập danh mục tài liệu kiểm chứng, nên chưa xác định được tiêu chí thiếu tài liệu.", "The dossier has no list of its evidence yet, so the leaves lacking evidence are not known.")) }
        };
    };
    if a.missing.is_empty() {
        return html! { p data-figure="at-risk" { (w(lang, "Mọi tiêu chí đã chấm điểm đều có đủ tài liệu kiểm chứng.", "Every scored leaf has its evidence.")) } };
    }
    let mut missing: Vec<_> = a.missing.iter().collect();
    missing.sort_by(|x, y| y.points.cmp(&x.points).then_with(|| x.code.cmp(&y.code)));
    let rest = &missing[AT_RISK_ROWS.min(missing.len())..];
    let n = a.missing.len();
    let name = |code: &str| {
        r.sheet
            .find(code)
            .map(|n| n.name.clone())
            .unwrap_or_default()
    };
    html! {
        p {
            (n) (w(lang, " tiêu chí thành phần chưa đủ tài liệu kiểm chứng; nếu không bổ sung, ", " leaves lack evidence; unless it is filed, "))
            strong { span data-figure="at-risk" { (p(a.at_risk)) } (w(lang, " điểm", " points")) }
            (w(lang, " có thể bị trừ khi thẩm định.", " may be cut at appraisal."))
        }
        table {
            thead {
                tr {
                    th { (w(lang, "Tiêu chí", "Criterion")) }
                    th { (w(lang, "Đơn vị chủ trì", "Lead unit")) }
                    th.num { (w(lang, "Có thể bị trừ (điểm)", "May be cut (points)")) }
                }
            }
            tbody {
                @for m in missing.iter().take(AT_RISK_ROWS) {
                    tr data-missing=(m.code) {
                        td { (m.code) " " (name(&m.code)) }
                        td { (m.lead.as_deref().unwrap_or("–")) }
                        td.num data-col="points" { (p(m.points)) }
                    }
                }
            }
        }
        @if !rest.is_empty() {
            @let pts: Decimal = rest.iter().map(|m| m.points).sum();
            p.muted { (w(lang, "… và ", "… and ")) (rest.len()) (w(lang, " tiêu chí khác, ", " more, ")) (p(pts)) (w(lang, " điểm.", " points.")) }
        }
    }
}

/// Who prepared the page and who signs it, with the place and date line.
fn signature(r: &Report, lang: Lang) -> Markup {
    let info = r.info;
    let place = info.and_then(|i| i.place.as_deref());
    let when = crate::report::docx::place_and_date(place, None, lang);
    let title = info.and_then(|i| i.signer_title.as_deref()).unwrap_or(w(
        lang,
        "THỦ TRƯỞNG ĐƠN VỊ",
        "HEAD OF THE UNIT",
    ));
    let signer = info.and_then(|i| i.signer.as_deref()).unwrap_or("");
    html! {
        div.signature {
            div {
                div.role { (w(lang, "NGƯỜI LẬP", "PREPARED BY")) }
                div.hint { (w(lang, "(Ký, ghi rõ họ tên)", "(Signature and full name)")) }
            }
            div {
                div.when { (when) }
                div.role style="white-space:pre-line" { (title) }
                div.hint { (w(lang, "(Ký, ghi rõ họ tên)", "(Signature and full name)")) }
                div.name { (signer) }
            }
        }
    }
}
