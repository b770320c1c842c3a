//! `criteria check` summaries and the `criteria show` tree.

use super::table::{new_table, Width};
use super::words::Words;
use crate::criteria::{describe_rule, Criteria, Method, Node, Summary};
use crate::lang::Lang;
use crate::number::show_points;

/// "8 lĩnh vực, 31 tiêu chí, 84 tiêu chí thành phần được chấm; tự đánh giá 68 điểm, …".
pub fn summary_line(c: &Criteria, s: &Summary, lang: Lang) -> String {
    let w = Words(lang);
    let (title, id, areas, criteria, leaves) = (&c.title, &c.id, s.areas, s.criteria, s.leaves);
    let (own, survey, total) = (
        w.points(s.self_max),
        w.points(s.survey_max),
        w.points(c.total),
    );
    w.t(
        format_args!(
            "hợp lệ: \"{title}\" ({id}), {areas} lĩnh vực, {criteria} tiêu chí, {leaves} tiêu chí lá được chấm điểm; \
             tự đánh giá {own} điểm, điều tra xã hội học {survey} điểm, tổng {total} điểm"
        ),
        format_args!(
            "valid: \"{title}\" ({id}), {areas} areas, {criteria} criteria, {leaves} scored leaves; \
             self-assessed {own} points, survey {survey} points, total {total} points"
        ),
    )
}

/// "không hợp lệ: 2 lỗi, 0 cảnh báo" for a criteria file that does not check.
pub fn invalid_line(errors: usize, warnings: usize, lang: Lang) -> String {
    let count = super::diagnostics::count_phrase(errors, warnings, lang);
    Words(lang).t(
        format_args!("không hợp lệ: {count}"),
        format_args!("invalid: {count}"),
    )
}

/// What `criteria import` wrote: the areas and leaves, the rules left to score by hand
/// (`manual`, listed above when there are any), and the bonus and penalty items.
pub fn imported_line(
    target: &str,
    areas: usize,
    leaves: usize,
    manual: usize,
    adjustments: Option<(usize, usize)>,
    lang: Lang,
) -> String {
    let w = Words(lang);
    let listed = match manual {
        0 => "",
        _ => w.pick(" (danh sách ở trên)", " (listed above)"),
    };
    let adjusted = match adjustments {
        None => String::new(),
        Some((bonus, penalty)) => w.t(
            format_args!("; {bonus} khoản điểm thưởng, {penalty} khoản điểm trừ"),
            format_args!("; {bonus} bonus and {penalty} penalty items"),
        ),
    };
    w.t(
        format_args!("đã ghi {target}: {areas} lĩnh vực, {leaves} tiêu chí lá, {manual} tiêu chí chấm tay vì chưa đọc được cách tính điểm{listed}{adjusted}; kiểm tra: parscore criteria check {target}\n"),
        format_args!("wrote {target}: {areas} areas, {leaves} leaves, {manual} manual rules whose wording could not be read{listed}{adjusted}; check: parscore criteria check {target}\n"),
    )
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
pub fn tree(
    c: &Criteria,
    root: Option<&Node>,
    depth: Option<usize>,
    lang: Lang,
    width: Width,
) -> String {
    let w = Words(lang);
    let header = [
        w.pick("Mã", "Code"),
        w.pick("Tên", "Name"),
        w.pick("Điểm tối đa", "Max"),
        w.pick("Cách tính điểm", "Scoring rule"),
    ];
    let mut t = new_table(header.iter().map(|s| s.to_string()).collect(), &[2], width);
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
                rule.insert_str(0, w.pick("[điều tra XHH] ", "[survey] "));
            }
            t.add_row(vec![
                format!("{indent}{}", n.code),
                n.name.clone(),
                show_points(n.max, lang),
                rule,
            ]);
        }
    }
    let total = w.pick("Tổng", "Total");
    let mut out = format!("{} ({})\n{t}\n", c.title, c.id);
    if root.is_none() {
        out.push_str(&format!("{total}: {}\n", show_points(c.total, lang)));
        if let Some(adj) = &c.adjustments {
            out.push_str(&adjustments(adj, lang));
        }
        if !c.classes.is_empty() {
            out.push_str(w.pick("Xếp loại (từ cao xuống thấp):\n", "Classes (best first):\n"));
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
    let w = Words(lang);
    let p = |d| w.points(d);
    let (b, m) = (p(adj.max_bonus), p(adj.max_penalty));
    let mut out = match adj.index_capped {
        true => w.t(
            format_args!("Điểm thưởng (tối đa {b}), điểm trừ (tối đa {m}), cộng trừ sau tổng các lĩnh vực; chỉ số không vượt 100:\n"),
            format_args!("Bonus (at most {b}) and penalty (at most {m}), applied after the areas' sum; the index stops at 100:\n"),
        ),
        false => w.t(
            format_args!("Điểm thưởng (tối đa {b}), điểm trừ (tối đa {m}), cộng trừ sau tổng các lĩnh vực; chỉ số có thể vượt 100:\n"),
            format_args!("Bonus (at most {b}) and penalty (at most {m}), applied after the areas' sum; the index may exceed 100:\n"),
        ),
    };
    for item in &adj.items {
        let n = &item.node;
        let kind = match item.kind {
            AdjustmentKind::Bonus => w.pick("thưởng", "bonus"),
            AdjustmentKind::Penalty => w.pick("trừ", "penalty"),
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
