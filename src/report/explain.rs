//! The working sheet (`score --explain CODE`): declared value → rule → points, in words.

use crate::criteria::{describe_rule, Criteria};
use crate::lang::Lang;
use crate::number::show_points;
use crate::scoring::{ScoreSheet, Status};

pub fn explain(s: &ScoreSheet, c: &Criteria, code: &str, lang: Lang) -> Option<String> {
    let branch = s.branch(code);
    if branch.is_empty() {
        return None;
    }
    let vi = lang == Lang::Vi;
    let p = |d| show_points(d, lang);
    let mut out = String::new();
    for n in branch {
        let indent = "  ".repeat(n.depth.saturating_sub(branch_depth(code)));
        out.push_str(&format!("{indent}{} {}\n", n.code, n.name));
        let Some(leaf) = &n.leaf else {
            let sum = if vi {
                "tổng các tiêu chí con"
            } else {
                "sum of its children"
            };
            out.push_str(&format!(
                "{indent}  = {sum}: {} / {}\n",
                p(n.achieved),
                p(n.max)
            ));
            continue;
        };
        let node = c.find(&n.code);
        let rule = node.map(|nd| describe_rule(nd, lang)).unwrap_or_default();
        let (l_value, l_rule, l_applied, l_points) = if vi {
            ("Kê khai", "Cách tính điểm", "Áp dụng", "Điểm")
        } else {
            ("Declared", "Rule", "Applied", "Points")
        };
        let declared = match (&leaf.working, leaf.value.is_empty()) {
            (Some(w), _) => super::working::reading_words(&w.reading, lang),
            (None, true) => (if vi { "(trống)" } else { "(empty)" }).into(),
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
            (Status::NotApplicable, _) => (if vi {
                "không áp dụng: không tính vào điểm đạt và điểm tối đa"
            } else {
                "not applicable: left out of both points and maximum"
            })
            .to_string(),
            (Status::Unscored, _) => (if vi {
                "chưa chấm: 0 điểm"
            } else {
                "unscored: 0 points"
            })
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
                if vi {
                    "(điểm điều tra xã hội học: chỉ là dự kiến)"
                } else {
                    "(survey points: a projection only)"
                }
            ));
        }
        if let Some(a) = n.appraised {
            let label = if vi { "Thẩm định" } else { "Appraised" };
            out.push_str(&format!("{indent}  {label}: {}\n", p(a)));
        }
        if !leaf.note.is_empty() {
            let label = if vi { "Ghi chú" } else { "Note" };
            out.push_str(&format!("{indent}  {label}: {}\n", leaf.note));
        }
    }
    Some(out)
}

fn branch_depth(code: &str) -> usize {
    code.split('.').count()
}
