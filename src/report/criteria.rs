//! `criteria check` summaries and the `criteria show` tree.

use super::table::new_table;
use crate::criteria::{describe_rule, Criteria, Method, Node, Summary};
use crate::lang::Lang;
use crate::number::show_points;

/// "8 lĩnh vực, 31 tiêu chí, 84 tiêu chí thành phần được chấm; tự đánh giá 68 điểm, …".
pub fn summary_line(c: &Criteria, s: &Summary, lang: Lang) -> String {
    let p = |d| show_points(d, lang);
    match lang {
        Lang::Vi => format!(
            "hợp lệ: \"{}\" ({}), {} lĩnh vực, {} tiêu chí, {} tiêu chí lá được chấm điểm; \
             tự đánh giá {} điểm, điều tra xã hội học {} điểm, tổng {} điểm",
            c.title,
            c.id,
            s.areas,
            s.criteria,
            s.leaves,
            p(s.self_max),
            p(s.survey_max),
            p(c.total)
        ),
        Lang::En => format!(
            "valid: \"{}\" ({}), {} areas, {} criteria, {} scored leaves; \
             self-assessed {} points, survey {} points, total {} points",
            c.title,
            c.id,
            s.areas,
            s.criteria,
            s.leaves,
            p(s.self_max),
            p(s.survey_max),
            p(c.total)
        ),
    }
}

pub fn summary_json(c: &Criteria, s: &Summary) -> serde_json::Value {
    serde_json::json!({
        "id": c.id, "title": c.title, "year": c.year,
        "areas": s.areas, "criteria": s.criteria, "leaves": s.leaves,
        "self_max": crate::number::machine(s.self_max),
        "survey_max": crate::number::machine(s.survey_max),
        "total": crate::number::machine(c.total),
    })
}

/// The tree under `root` (or the whole set), `depth` levels deep counted from the top.
pub fn tree(c: &Criteria, root: Option<&Node>, depth: Option<usize>, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let header = if vi {
        ["Mã", "Tên", "Điểm tối đa", "Cách tính điểm"]
    } else {
        ["Code", "Name", "Max", "Scoring rule"]
    };
    let mut t = new_table(header.iter().map(|s| s.to_string()).collect(), &[2]);
    let roots: Vec<&Node> = match root {
        Some(n) => vec![n],
        None => c.areas.iter().collect(),
    };
    let base = roots.first().map(|n| n.depth()).unwrap_or(1);
    for r in roots {
        for n in r.walk() {
            if depth.is_some_and(|d| n.depth() >= base + d) {
                continue;
            }
            let indent = "  ".repeat(n.depth() - base);
            let mut rule = describe_rule(n, lang);
            if n.method == Method::Survey && (n.depth() == base || n.is_leaf()) {
                let tag = if vi {
                    "[điều tra XHH] "
                } else {
                    "[survey] "
                };
                rule.insert_str(0, tag);
            }
            t.add_row(vec![
                format!("{indent}{}", n.code),
                n.name.clone(),
                show_points(n.max, lang),
                rule,
            ]);
        }
    }
    let total = if vi { "Tổng" } else { "Total" };
    let mut out = format!("{} ({})\n{t}\n", c.title, c.id);
    if root.is_none() {
        out.push_str(&format!("{total}: {}\n", show_points(c.total, lang)));
        if let Some(adj) = &c.adjustments {
            out.push_str(&adjustments(adj, lang));
        }
        if !c.classes.is_empty() {
            out.push_str(if vi {
                "Xếp loại (từ cao xuống thấp):\n"
            } else {
                "Classes (best first):\n"
            });
            for class in &c.classes {
                out.push_str(&format!("  {}\n", super::classes::describe(class, lang)));
            }
        }
    }
    out
}

/// The bonus and penalty section in words: the caps, whether the index stops at 100, and
/// each item's rule.
fn adjustments(adj: &crate::criteria::Adjustments, lang: Lang) -> String {
    use crate::criteria::AdjustmentKind;
    let p = |d| show_points(d, lang);
    let (b, m) = (p(adj.max_bonus), p(adj.max_penalty));
    let mut out = match (lang, adj.index_capped) {
        (Lang::Vi, true) => format!("Điểm thưởng (tối đa {b}), điểm trừ (tối đa {m}), cộng trừ sau tổng các lĩnh vực; chỉ số không vượt 100:\n"),
        (Lang::Vi, false) => format!("Điểm thưởng (tối đa {b}), điểm trừ (tối đa {m}), cộng trừ sau tổng các lĩnh vực; chỉ số có thể vượt 100:\n"),
        (Lang::En, true) => format!("Bonus (at most {b}) and penalty (at most {m}), applied after the areas' sum; the index stops at 100:\n"),
        (Lang::En, false) => format!("Bonus (at most {b}) and penalty (at most {m}), applied after the areas' sum; the index may exceed 100:\n"),
    };
    for item in &adj.items {
        let n = &item.node;
        let kind = match (item.kind, lang) {
            (AdjustmentKind::Bonus, Lang::Vi) => "thưởng",
            (AdjustmentKind::Penalty, Lang::Vi) => "trừ",
            (AdjustmentKind::Bonus, Lang::En) => "bonus",
            (AdjustmentKind::Penalty, Lang::En) => "penalty",
        };
        out.push_str(&format!(
            "  {} [{kind}] {} ({}): {}\n",
            n.code,
            n.name,
            p(n.max),
            describe_rule(n, lang)
        ));
    }
    out
}
