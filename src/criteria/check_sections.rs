//! The checks on the sections beside the areas: bonus and penalty items (caps not
//! negative, codes unique and apart from the tree's, rules that can score an item) and
//! result classes (distinct labels, minima within 0..100 on codes that exist, best first).

use super::check::check_node;
use super::{Body, Criteria, Method, Node, RuleKind, Target};
use crate::diag::Diagnostic;
use crate::input::fold;
use crate::lang::{Lang, Text};
use crate::number::show_points;
use crate::text;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

pub(super) fn check_sections(c: &Criteria, unknown_max: &HashSet<String>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_adjustments(c, unknown_max, &mut out);
    check_classes(c, &mut out);
    out
}

fn check_adjustments(c: &Criteria, unknown_max: &HashSet<String>, out: &mut Vec<Diagnostic>) {
    let Some(adj) = &c.adjustments else { return };
    let at_section = |m: Text| Diagnostic::error(&c.source, m).at_line(adj.line);
    for (key, cap) in [
        ("max_bonus", adj.max_bonus),
        ("max_penalty", adj.max_penalty),
    ] {
        if cap < Decimal::ZERO {
            out.push(at_section(text!(vi: "\"{key}\" phải lớn hơn hoặc bằng 0", en: "\"{key}\" must be zero or more")));
        }
    }
    if adj.items.is_empty() {
        out.push(at_section(text!(vi: "\"adjustments\" không có khoản nào trong \"items\"", en: "\"adjustments\" has no item in \"items\"")));
    }
    let err = |n: &Node, m: Text| {
        Diagnostic::error(&c.source, m)
            .at_line(n.line)
            .for_code(&n.code)
    };
    let mut first_seen: HashMap<&str, &Node> = HashMap::new();
    for item in &adj.items {
        let n = &item.node;
        if n.code.is_empty() {
            continue;
        }
        let code = &n.code;
        if let Some(first) = first_seen.get(code.as_str()) {
            let at = first.line.map(|l| l.to_string()).unwrap_or("?".into());
            out.push(err(n, text!(vi: "mã bị trùng (đã dùng ở dòng {at})", en: "duplicate code (already used on line {at})")));
        } else {
            first_seen.insert(code, n);
        }
        if c.nodes().iter().any(|t| t.code == *code) {
            out.push(err(n, text!(vi: "mã khoản điều chỉnh \"{code}\" trùng với mã một tiêu chí; dùng mã riêng, ví dụ \"T1\", \"TR1\"", en: "the adjustment code \"{code}\" is also a criterion's code; give it its own, e.g. \"T1\", \"TR1\"")));
        } else if code.contains('.') {
            out.push(err(n, text!(vi: "mã khoản điều chỉnh \"{code}\" không được có dấu chấm (nó không nằm trong cây tiêu chí); ví dụ \"T1\"", en: "the adjustment code \"{code}\" must not contain a dot (it is outside the criteria tree); e.g. \"T1\"")));
        }
        if n.method == Method::Survey {
            out.push(err(n, text!(vi: "khoản điều chỉnh do đơn vị kê khai: không dùng \"method\": \"survey\"", en: "an adjustment is declared by the unit: \"method\": \"survey\" does not apply")));
        }
        if !n.not_for.is_empty() {
            out.push(err(n, text!(vi: "khoản điều chỉnh không dùng \"not_for\"; khoản không phát sinh thì kê khai 0", en: "an adjustment takes no \"not_for\"; declare 0 when it does not arise")));
        }
        match &n.body {
            Body::Children(_) => out.push(err(n, text!(vi: "khoản điều chỉnh không có \"children\": nó được chấm trực tiếp bằng một \"rule\"", en: "an adjustment has no \"children\": it is scored directly by a \"rule\""))),
            Body::Invalid => {}
            Body::Rule(rule) => {
                if !matches!(
                    rule.kind,
                    RuleKind::Levels(_) | RuleKind::Count { .. } | RuleKind::Manual { .. }
                ) {
                    let kind = rule.kind.key();
                    out.push(err(n, text!(vi: "khoản điều chỉnh chấm bằng levels, count (mỗi trường hợp, có mức trần) hoặc manual, không bằng {kind}", en: "an adjustment is scored by levels, count (per case, capped) or manual, not by {kind}")));
                } else {
                    check_node(n, &err, unknown_max, out);
                }
            }
        }
    }
}

fn check_classes(c: &Criteria, out: &mut Vec<Diagnostic>) {
    let err = |line: Option<usize>, m: Text| Diagnostic::error(&c.source, m).at_line(line);
    let pct = |d: Decimal, l: Lang| show_points(d, l);
    let in_range = |d: Decimal| d >= Decimal::ZERO && d <= Decimal::ONE_HUNDRED;
    let mut seen: HashMap<String, Option<usize>> = HashMap::new();
    let mut previous: Option<&super::Class> = None;
    for class in &c.classes {
        let label = &class.label;
        if let Some(first) = seen.get(&fold(label)) {
            let at = first.map(|l| l.to_string()).unwrap_or("?".into());
            out.push(err(class.line, text!(vi: "mức xếp loại \"{label}\" bị trùng (đã dùng ở dòng {at})", en: "class \"{label}\" appears twice (already on line {at})")));
        } else {
            seen.insert(fold(label), class.line);
        }
        if !in_range(class.min_index) {
            let (v, e) = (
                pct(class.min_index, Lang::Vi),
                pct(class.min_index, Lang::En),
            );
            out.push(err(class.line, text!(vi: "mức \"{label}\": \"min_index\" {v} nằm ngoài 0..100", en: "class \"{label}\": \"min_index\" {e} is outside 0..100")));
        }
        if let Some(p) = previous.filter(|p| p.min_index < class.min_index) {
            let (v, e) = (
                pct(class.min_index, Lang::Vi),
                pct(class.min_index, Lang::En),
            );
            let (pv, pe) = (pct(p.min_index, Lang::Vi), pct(p.min_index, Lang::En));
            let above = &p.label;
            out.push(err(class.line, text!(vi: "mức \"{label}\" cần chỉ số {v}, cao hơn mức \"{above}\" đứng trước nó ({pv}): các mức xếp loại viết từ cao xuống thấp", en: "class \"{label}\" needs an index of {e}, above the class \"{above}\" before it ({pe}): classes are listed best first")));
        }
        for m in &class.minimums {
            let (v, e) = (pct(m.percent, Lang::Vi), pct(m.percent, Lang::En));
            let code = match &m.target {
                Target::EachArea => "",
                Target::Code(code) => code.as_str(),
            };
            if !in_range(m.percent) {
                out.push(err(class.line, text!(vi: "mức \"{label}\": tỷ lệ tối thiểu {v}% nằm ngoài 0..100", en: "class \"{label}\": the minimum {e}% is outside 0..100")).for_code(code));
            }
            let in_tree = c.find(code).is_some()
                && c.areas
                    .iter()
                    .any(|a| code == a.code || code.starts_with(&format!("{}.", a.code)));
            if !code.is_empty() && !in_tree {
                let id = &c.id;
                out.push(err(class.line, text!(vi: "mức \"{label}\": \"min_percent\" nêu mã \"{code}\" không có trong cây tiêu chí {id} (dùng mã lĩnh vực, tiêu chí, hoặc \"each_area\" cho mọi lĩnh vực)", en: "class \"{label}\": \"min_percent\" names the code \"{code}\", which is not in the criteria tree {id} (use an area or criterion code, or \"each_area\" for every area)")).for_code(code));
            }
        }
        previous = Some(class);
    }
}
