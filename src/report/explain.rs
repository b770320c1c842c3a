//! The working sheet (`score --explain CODE`): declared value → rule → points, in words.

use super::words::Words;
use crate::criteria::{describe_rule, Criteria};
use crate::lang::Lang;
use crate::scoring::{ScoreSheet, Status};

pub fn explain(s: &ScoreSheet, c: &Criteria, code: &str, lang: Lang) -> Option<String> {
    let branch = s.branch(code);
    if branch.is_empty() {
        return None;
    }
    let w = Words(lang);
    let p = |d| w.points(d);
    let mut out = String::new();
    for n in branch {
        let indent = "  ".repeat(n.depth.saturating_sub(branch_depth(code)));
        out.push_str(&format!("{indent}{} {}\n", n.code, n.name));
        let Some(leaf) = &n.leaf else {
            let sum = w.pick("tổng các tiêu chí con", "sum of its children");
            out.push_str(&format!(
                "{indent}  = {sum}: {} / {}\n",
                p(n.achieved),
                p(n.max)
            ));
            continue;
        };
        let node = c.find(&n.code);
        let rule = node.map(|nd| describe_rule(nd, lang)).unwrap_or_default();
        let (l_value, l_rule, l_applied, l_points) = (
            w.pick("Kê khai", "Declared"),
            w.pick("Cách tính điểm", "Rule"),
            w.pick("Áp dụng", "Applied"),
            w.pick("Điểm", "Points"),
        );
        let declared = match (&leaf.working, leaf.value.is_empty()) {
            (Some(w), _) => super::working::reading_words(&w.reading, lang),
            (None, true) => w.pick("(trống)", "(empty)").into(),
            (None, false) => leaf.value.clone(),
        };
        let from = if leaf.source.is_empty() {
            String::new()
        } else {
            format!("  [{}]", leaf.source)
        };
        out.push_str(&format!("{indent}  {l_value}: {declared}{from}\n"));
        out.push_str(&format!("{indent}  {l_rule}: {rule}\n"));
        for r in &leaf.remarks {
            out.push_str(&format!("{indent}  • {}\n", r.get(lang)));
        }
        let outcome = match (leaf.status, &leaf.working) {
            (Status::NotApplicable, _) => w
                .pick(
                    "không áp dụng: không tính vào điểm đạt và điểm tối đa",
                    "not applicable: left out of both points and maximum",
                )
                .to_string(),
            (Status::Unscored, _) => w
                .pick("chưa chấm: 0 điểm", "unscored: 0 points")
                .to_string(),
            (_, Some(w)) => format!(
                "{l_applied} {} → {l_points} {} / {}",
                super::working::applied_words(&w.applied, node, lang),
                p(n.achieved),
                p(n.max)
            ),
            (_, None) => format!("{} / {}", p(n.achieved), p(n.max)),
        };
        out.push_str(&format!("{indent}  → {outcome}\n"));
        if leaf.status == Status::Projected {
            out.push_str(&format!(
                "{indent}  {}\n",
                w.pick(
                    "(điểm điều tra xã hội học: chỉ là dự kiến)",
                    "(survey points: a projection only)",
                )
            ));
        }
        if let Some(a) = n.appraised {
            let label = w.pick("Thẩm định", "Appraised");
            out.push_str(&format!("{indent}  {label}: {}\n", p(a)));
        }
        if !leaf.note.is_empty() {
            let label = w.pick("Ghi chú", "Note");
            out.push_str(&format!("{indent}  {label}: {}\n", leaf.note));
        }
    }
    Some(out)
}

fn branch_depth(code: &str) -> usize {
    code.split('.').count()
}
