//! The appendix: the working sheet of every leaf, as `score --explain` gives it — the
//! declared value, the rule, what applied and the points — with the evidence documents the
//! manifest links to it and the plan tasks that cover it. Areas and criteria are rows of
//! their own with their sums.

use super::{date, w, Report};
use crate::criteria::describe_rule;
use crate::dossier::Task;
use crate::evidence::manifest::Document;
use crate::lang::Lang;
use crate::number::show_points;
use crate::scoring::{LeafDetail, NodeScore, Status};
use maud::{html, Markup};
use std::collections::HashMap;

pub fn section(r: &Report, lang: Lang) -> Markup {
    let s = r.sheet;
    let mut documents: HashMap<&str, Vec<&Document>> = HashMap::new();
    if let Some((m, _)) = r.evidence {
        for d in &m.documents {
            for l in &d.links {
                let list = documents.entry(l.code.as_str()).or_default();
                if !list.iter().any(|x| std::ptr::eq(*x, d)) {
                    list.push(d);
                }
            }
        }
    }
    let tasks = |code: &str| -> Vec<&Task> {
        r.plan
            .map(|p| {
                p.tasks
                    .iter()
                    .filter(|t| t.criteria.iter().any(|c| c == code))
                    .collect()
            })
            .unwrap_or_default()
    };
    html! {
        section #appendix.appendix {
            h2 { (w(lang, "Phụ lục: bảng tính từng tiêu chí", "Appendix: the working sheet of every leaf")) }
            p.muted.small {
                (w(lang,
                    "Kê khai → cách tính điểm → điểm, và tài liệu kiểm chứng trong danh mục tài liệu của hồ sơ.",
                    "Declared value → rule → points, and the evidence documents in the dossier's list."))
            }
            table {
                thead {
                    tr {
                        th.code { (w(lang, "Mã", "Code")) }
                        th style="width:19%" { (w(lang, "Tiêu chí", "Criterion")) }
                        th style="width:15%" { (w(lang, "Kê khai", "Declared")) }
                        th style="width:26%" { (w(lang, "Cách tính điểm → áp dụng", "Rule → applied")) }
                        th.num { (w(lang, "Điểm", "Points")) }
                        th { (w(lang, "Tài liệu kiểm chứng", "Evidence documents")) }
                    }
                }
                tbody {
                    @for n in &s.nodes {
                        @match &n.leaf {
                            None => {
                                tr.area[n.depth <= 1] data-node=(n.code) {
                                    td.code { (n.code) }
                                    td colspan="3" { (n.name) }
                                    td.num { (show_points(n.achieved, lang)) " / " (show_points(n.max, lang)) }
                                    td {}
                                }
                            }
                            Some(leaf) => {
                                (leaf_row(r, n, leaf, documents.get(n.code.as_str()).map(Vec::as_slice).unwrap_or(&[]), &tasks(&n.code), lang))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn leaf_row(
    r: &Report,
    n: &NodeScore,
    leaf: &LeafDetail,
    documents: &[&Document],
    tasks: &[&Task],
    lang: Lang,
) -> Markup {
    let p = |d| show_points(d, lang);
    let rule = r
        .criteria
        .find(&n.code)
        .map(|nd| describe_rule(nd, lang))
        .unwrap_or_default();
    let declared = match (&leaf.working, leaf.value.is_empty()) {
        (Some(x), _) => crate::report::working::reading_words(&x.reading, lang),
        (None, true) => w(lang, "(trống)", "(empty)").to_string(),
        (None, false) => leaf.value.clone(),
    };
    html! {
        tr data-leaf=(n.code) {
            td.code { (n.code) }
            td { (n.name) }
            td {
                span data-col="declared" { (declared) }
                @if !leaf.note.is_empty() {
                    br; span.muted { (w(lang, "Ghi chú: ", "Note: ")) span data-col="note" { (leaf.note) } }
                }
                @if !leaf.explanation.is_empty() {
                    br; span.muted { (w(lang, "Giải trình của đơn vị: ", "The unit's explanation: ")) span data-col="explanation" { (leaf.explanation) } }
                }
                @if !leaf.appraisal_note.is_empty() {
                    br; span.muted { (w(lang, "Ý kiến của Hội đồng thẩm định: ", "The council's finding: ")) span data-col="appraisal-note" { (leaf.appraisal_note) } }
                }
                @if !leaf.answer.is_empty() {
                    br; span.muted { (w(lang, "Đơn vị giải trình: ", "The unit's answer: ")) span data-col="answer" { (leaf.answer) } }
                }
            }
            td {
                (rule)
                @for remark in &leaf.remarks { br; "• " (remark.get(lang)) }
                br;
                "→ "
                @match (leaf.status, &leaf.working) {
                    (Status::NotApplicable, _) => (w(lang, "không áp dụng: không tính vào điểm đạt và điểm tối đa", "not applicable: left out of both points and maximum")),
                    (Status::Unscored, _) => (w(lang, "chưa chấm: 0 điểm", "unscored: 0 points")),
                    (_, Some(x)) => { (w(lang, "áp dụng ", "applied ")) (crate::report::working::applied_words(&x.applied, r.criteria.find(&n.code), lang)) },
                    (_, None) => (w(lang, "điểm nhập tay", "points entered by hand")),
                }
                @if leaf.status == Status::Projected {
                    br; span.muted { (w(lang, "(điểm điều tra xã hội học: chỉ là dự kiến)", "(survey points: a projection only)")) }
                }
                @for t in tasks {
                    br; span.muted {
                        (w(lang, "Nhiệm vụ kế hoạch ", "Plan task ")) (t.id) ": " span data-col="task" { (t.task) }
                        @if !t.lead.is_empty() { " (" (t.lead) ")" }
                    }
                }
            }
            td.num data-col="points" {
                (p(n.achieved)) " / " (p(n.max))
                @if let Some(a) = n.appraised {
                    br; span.muted { (w(lang, "thẩm định ", "appraised ")) (p(a)) }
                }
            }
            td {
                @if documents.is_empty() {
                    span.muted { "–" }
                } @else {
                    ul {
                        @for d in documents {
                            li data-document=(d.id) {
                                (d.id)
                                @if !d.number.is_empty() { " " (d.number) }
                                @if let Some(day) = d.date { ", " (date(day, lang)) }
                                @if !d.title.is_empty() { ": " span data-col="title" { (d.title) } }
                            }
                        }
                    }
                }
            }
        }
    }
}
