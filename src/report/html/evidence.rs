//! Section 3: missing and doubtful evidence, as `evidence` finds it, grouped by the unit
//! responsible (the lead unit of the plan task that covers the criterion), the unit with
//! the most points at stake first; the points at risk and the strict total.

use super::{w, Report};
use crate::evidence::{Assessment, Missing, Problem};
use crate::lang::Lang;
use crate::number::show_points;
use maud::{html, Markup};
use rust_decimal::Decimal;

/// What one responsible unit has to see to.
struct Group<'a> {
    lead: Option<&'a str>,
    missing: Vec<&'a Missing>,
    problems: Vec<&'a Problem>,
}

impl Group<'_> {
    fn points(&self) -> Decimal {
        let m: Decimal = self.missing.iter().map(|m| m.points).sum();
        m + self
            .problems
            .iter()
            .filter_map(|p| p.points)
            .sum::<Decimal>()
    }
}

fn groups(a: &Assessment) -> Vec<Group<'_>> {
    let leads = a.missing.iter().map(|m| m.lead.as_deref());
    let leads = leads.chain(a.problems.iter().map(|p| p.lead.as_deref()));
    let mut out: Vec<Group> = Vec::new();
    for lead in leads {
        if !out.iter().any(|g| g.lead == lead) {
            out.push(Group {
                lead,
                missing: Vec::new(),
                problems: Vec::new(),
            });
        }
    }
    for m in &a.missing {
        if let Some(g) = out.iter_mut().find(|g| g.lead == m.lead.as_deref()) {
            g.missing.push(m);
        }
    }
    for p in &a.problems {
        if let Some(g) = out.iter_mut().find(|g| g.lead == p.lead.as_deref()) {
            g.problems.push(p);
        }
    }
    // The unit with the most at stake first; the problems with no lead unit last.
    out.sort_by(|x, y| {
        (x.lead.is_none(), std::cmp::Reverse(x.points()), x.lead).cmp(&(
            y.lead.is_none(),
            std::cmp::Reverse(y.points()),
            y.lead,
        ))
    });
    out
}

fn place(file: &str, line: Option<usize>) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    match line {
        Some(l) => format!("{name}:{l}"),
        None => file.to_string(),
    }
}

pub fn section(r: &Report, lang: Lang) -> Markup {
    let p = |d: Decimal| show_points(d, lang);
    let Some((m, a)) = r.evidence else {
        return html! {
            section #evidence {
                h2 { "3. " (w(lang, "Tài liệu kiểm chứng", "Evidence")) }
                p { (w(lang, "Hồ sơ chưa lập danh mục tài liệu kiểm chứng: chưa kiểm tra được tài liệu, nên điểm chặt là chưa biết.", "The dossier has no list of its evidence yet: the evidence is not checked, so the strict score is unknown.")) }
            }
        };
    };
    let s = r.sheet;
    html! {
        section #evidence {
            h2 { "3. " (w(lang, "Tài liệu kiểm chứng còn thiếu hoặc đáng ngờ, theo đơn vị chịu trách nhiệm", "Missing and doubtful evidence, by responsible unit")) }
            p {
                (m.source) ": " span data-figure="documents" { (a.documents) } (w(lang, " văn bản. ", " documents. "))
                (w(lang, "Thiếu tài liệu: ", "Missing evidence: ")) span data-figure="missing-count" { (a.missing.len()) }
                (w(lang, " tiêu chí, ", " leaves, "))
                strong data-figure="at-risk" { (p(a.at_risk)) } (w(lang, " điểm có nguy cơ bị trừ", " points at risk"))
                @if let Some(strict) = s.strict_points() {
                    (w(lang, " (tổng điểm chặt ", " (strict total "))
                    span data-figure="strict-total" { (p(strict)) }
                    ")"
                }
                "; " (w(lang, "vấn đề khác: ", "other problems: ")) span data-figure="problem-count" { (a.problems.len()) }
                @if a.doubtful > Decimal::ZERO {
                    (w(lang, ", trong đó ", ", of which "))
                    span data-figure="doubtful" { (p(a.doubtful)) }
                    (w(lang, " điểm đáng ngờ theo ngày văn bản", " points in doubt from document dates"))
                }
                "."
            }
            @if a.missing.is_empty() && a.problems.is_empty() {
                p { (w(lang, "Không có tài liệu nào thiếu hoặc đáng ngờ.", "No evidence is missing or doubtful.")) }
            }
            @for g in groups(a) {
                div.keep {
                    h3 {
                        @match g.lead {
                            Some(l) => span data-lead=(l) { (l) },
                            None => span data-lead="" { (w(lang, "Chưa có đơn vị chủ trì trong kế hoạch", "No lead unit in the plan")) },
                        }
                        @if g.points() > Decimal::ZERO {
                            span.muted { " — " (p(g.points())) (w(lang, " điểm", " points")) }
                        }
                    }
                }
                table {
                    thead {
                        tr {
                            th.code { (w(lang, "Mã", "Code")) }
                            th { (w(lang, "Vấn đề", "Problem")) }
                            th.num { (w(lang, "Điểm", "Points")) }
                            th { (w(lang, "Chi tiết", "Detail")) }
                            th { (w(lang, "Vị trí", "Where")) }
                        }
                    }
                    tbody {
                        @for x in &g.missing {
                            tr data-missing=(x.code) {
                                td.code { (x.code) }
                                td { (w(lang, "thiếu tài liệu kiểm chứng", "missing evidence")) }
                                td.num data-col="points" { (p(x.points)) }
                                td {
                                    (x.name) br;
                                    (w(lang, "Còn thiếu: ", "Missing: ")) (x.items.join("; "))
                                    @for y in &x.assumed {
                                        br;
                                        @match lang {
                                            Lang::Vi => { (y.document) " không ghi số tài liệu: được tính là tài liệu số " (y.item) ", " (y.what) }
                                            Lang::En => { (y.document) " names no item number: taken as item " (y.item) ", " (y.what) }
                                        }
                                    }
                                }
                                td {}
                            }
                        }
                        @for x in &g.problems {
                            tr data-problem=(x.kind.key()) data-code=(x.code.as_deref().unwrap_or("")) {
                                td.code { (x.code.as_deref().unwrap_or("")) }
                                td { (crate::report::evidence::kind_label(x.kind, lang)) }
                                td.num data-col="points" { (x.points.map(p).unwrap_or_default()) }
                                td { (x.message.get(lang)) }
                                td.code[x.line.is_some()] { (place(&x.file, x.line)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::Kind;
    use crate::lang::Text;

    fn missing(code: &str, points: Decimal, lead: Option<&str>) -> Missing {
        Missing {
            code: code.into(),
            name: String::new(),
            points,
            items: Vec::new(),
            assumed: Vec::new(),
            lead: lead.map(String::from),
        }
    }

    fn problem(code: &str, points: Option<Decimal>, lead: Option<&str>) -> Problem {
        Problem {
            kind: Kind::IssuedLate,
            code: Some(code.into()),
            file: "manifest.csv".into(),
            line: Some(2),
            document: None,
            message: Text::new("", ""),
            points,
            lead: lead.map(String::from),
        }
    }

    #[test]
    fn the_unit_with_most_points_at_stake_comes_first_and_no_lead_last() {
        let half = Decimal::new(5, 1);
        let a = Assessment {
            documents: 3,
            missing: vec![
                missing("1.3.2", Decimal::new(75, 2), Some("Văn phòng")),
                missing("2.4.1", half, None),
                missing("7.3.2", Decimal::ONE, Some("Phòng Quản lý đầu tư")),
            ],
            problems: vec![problem("1.1.1", Some(half), Some("Văn phòng"))],
            at_risk: Decimal::new(225, 2),
            doubtful: half,
            at_risk_by_node: Default::default(),
        };
        let g = groups(&a);
        let order: Vec<(Option<&str>, Decimal)> = g.iter().map(|g| (g.lead, g.points())).collect();
        assert_eq!(
            order,
            vec![
                (Some("Văn phòng"), Decimal::new(125, 2)),
                (Some("Phòng Quản lý đầu tư"), Decimal::ONE),
                (None, half),
            ]
        );
        assert_eq!(g[0].missing.len() + g[0].problems.len(), 2);
    }
}
