//! `parscore gap`: the line, the three totals and their distance to it, and the recovery
//! list with its running total. The engine says why and what (`Reason`, `Action`); the
//! words are here.

use super::table::{new_table, Width};
use super::words::Words;
use crate::criteria::{describe_rule, Criteria};
use crate::gap::{against_line, Action, Gap, Line, Reason, Standing, Step};
use crate::lang::Lang;
use crate::number::{machine, round2};
use crate::scoring::ScoreSheet;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// How many recovery steps to print after the one that closes the gap.
const AFTER_CLOSING: usize = 5;

/// A reason as a column of the recovery list.
pub fn reason_label(r: Reason, lang: Lang) -> &'static str {
    let w = Words(lang);
    match r {
        Reason::Evidence => w.pick("thiếu tài liệu kiểm chứng", "missing evidence"),
        Reason::AppraisalCut => w.pick("bị thẩm định trừ", "cut at appraisal"),
        Reason::Unscored => w.pick("chưa chấm", "unscored"),
        Reason::BelowMax => w.pick("chưa đạt tối đa", "below maximum"),
        Reason::Bonus => w.pick("điểm thưởng", "bonus"),
        Reason::Survey => w.pick("điều tra XHH", "survey"),
    }
}

/// What has to happen for a step, with the leaf's rule where the action needs it.
pub fn action_words(step: &Step, criteria: &Criteria, lang: Lang) -> String {
    let w = Words(lang);
    let rule = || {
        let node = match step.action {
            Action::EarnBonus => criteria.adjustment(&step.code).map(|a| &a.node),
            _ => criteria.find(&step.code),
        };
        node.map(|n| describe_rule(n, lang)).unwrap_or_default()
    };
    match &step.action {
        Action::RaiseSurvey => {
            let rule = rule();
            w.t(
                format_args!("nâng mức hài lòng được khảo sát; cách tính: {rule}"),
                format_args!("raise the surveyed satisfaction; rule: {rule}"),
            )
        }
        Action::SupplyEvidence(items) => {
            let items = items.join("; ");
            w.t(
                format_args!("bổ sung tài liệu kiểm chứng: {items}"),
                format_args!("supply the evidence: {items}"),
            )
        }
        Action::ExplainCut(cut) => {
            let cut = w.points(*cut);
            w.t(
                format_args!(
                    "Hội đồng thẩm định trừ {cut} điểm: bổ sung, giải trình tài liệu kiểm chứng"
                ),
                format_args!("the council cut {cut} points: supply and explain the evidence"),
            )
        }
        Action::Score => {
            let rule = rule();
            w.t(
                format_args!("chấm điểm và kê khai; cách tính: {rule}"),
                format_args!("score and declare it; rule: {rule}"),
            )
        }
        Action::ReachMax => {
            let rule = rule();
            w.t(
                format_args!("đạt mức tối đa; cách tính: {rule}"),
                format_args!("reach the maximum; rule: {rule}"),
            )
        }
        Action::EarnBonus => {
            let rule = rule();
            w.t(
                format_args!("đạt điểm thưởng; cách tính: {rule}"),
                format_args!("earn the bonus; rule: {rule}"),
            )
        }
    }
}

/// Where a total stands against the line: "còn thiếu 2,75", "vượt 0,13", or, for a tie,
/// "bằng ngưỡng, cách 0,00 (đồng điểm)".
pub fn against_words(line: Decimal, index: Decimal, lang: Lang) -> String {
    let w = Words(lang);
    let (side, d) = against_line(line, index);
    let d = w.percent(d);
    match side {
        Ordering::Greater => w.t(format_args!("còn thiếu {d}"), format_args!("{d} short")),
        Ordering::Less => w.t(format_args!("vượt {d}"), format_args!("{d} above")),
        Ordering::Equal => w
            .pick(
                "bằng ngưỡng, cách 0,00 (đồng điểm)",
                "equal to the line, 0.00 (a tie, not above)",
            )
            .to_string(),
    }
}

/// The heading words for the target: "nhóm 5 đơn vị dẫn đầu", or the line itself.
pub fn target_words(line: &Line, lang: Lang) -> String {
    let w = Words(lang);
    let score = w.percent(line.score);
    match line.rank {
        Some(k) => w.t(
            format_args!("nhóm {k} đơn vị dẫn đầu"),
            format_args!("the top {k}"),
        ),
        None => w.t(
            format_args!("ngưỡng {score} điểm"),
            format_args!("the line of {score}"),
        ),
    }
}

pub fn table(s: &ScoreSheet, g: &Gap, criteria: &Criteria, lang: Lang, width: Width) -> String {
    let w = Words(lang);
    let k = g.line.rank.map(|k| k.to_string()).unwrap_or_default();
    let line = w.percent(g.line.score);
    let target = target_words(&g.line, lang);
    let (unit, year) = (&s.unit, s.year);
    let mut out = w.t(
        format_args!("{unit} — năm {year} — khoảng cách tới {target}\n"),
        format_args!("{unit} — year {year} — distance to {target}\n"),
    );
    out.push_str(&match (&g.line.unit, g.line.year) {
        (Some(u), Some(y)) => w.t(
            format_args!("Ngưỡng: {line} điểm — {u}, hạng {k}, xếp hạng công bố năm {y}\n"),
            format_args!("Line: {line} — {u}, rank {k}, published ranking of {y}\n"),
        ),
        _ => w.t(
            format_args!("Ngưỡng: {line} điểm (nhập bằng --threshold)\n"),
            format_args!("Line: {line} (given with --threshold)\n"),
        ),
    });
    out.push_str(w.pick(
        "Vào nhóm dẫn đầu nghĩa là đạt TRÊN ngưỡng; bằng đúng ngưỡng là đồng điểm, chưa chắc giữ được vị trí. So sánh theo điểm làm tròn 2 chữ số như khi công bố.\n\n",
        "Being in the top means scoring ABOVE the line; equal to it is a tie, which does not secure the place. Compared at two decimals, as published.\n\n",
    ));
    let header = [
        w.pick("Tổng", "Total"),
        w.pick("Điểm", "Points"),
        w.pick("Chỉ số", "Index"),
        w.pick("So với ngưỡng", "Against the line"),
    ];
    let mut t = new_table(
        header.iter().map(|h| h.to_string()).collect(),
        &[1, 2],
        width,
    );
    let max = w.points(g.max);
    let mut rows = vec![
        (
            w.pick(
                "Dự kiến (tự đánh giá + ĐTXHH dự kiến)",
                "Projected (self-assessed + projected survey)",
            ),
            Some(g.projected),
        ),
        (
            w.pick(
                "Điểm chặt (trừ điểm thiếu tài liệu kiểm chứng)",
                "Strict (less points lacking evidence)",
            ),
            g.strict,
        ),
    ];
    if let Some(a) = g.appraised {
        rows.push((w.pick("Thẩm định", "Appraised"), Some(a)));
    }
    for (name, st) in rows {
        t.add_row(match st {
            Some(st) => vec![
                name.to_string(),
                format!("{} / {max}", w.points(st.points)),
                w.percent(st.index),
                against_words(g.line.score, st.index, lang),
            ],
            None => vec![
                name.to_string(),
                String::new(),
                String::new(),
                super::strict::unknown(lang).to_string(),
            ],
        });
    }
    out.push_str(&format!("{t}\n"));
    let which = match g.appraised.is_some() {
        true => w.pick("điểm thẩm định", "appraised"),
        false => w.pick("điểm dự kiến", "projected"),
    };
    let gap = w.percent(g.gap.abs());
    out.push_str(&match g.gap.cmp(&Decimal::ZERO) {
        Ordering::Greater => w.t(
            format_args!("Khoảng cách ({which}): {gap} điểm dưới ngưỡng.\n"),
            format_args!("Gap ({which}): {gap} points below the line.\n"),
        ),
        Ordering::Equal => w.t(
            format_args!("Khoảng cách ({which}): 0,00 — bằng đúng ngưỡng; đồng điểm nên chưa chắc vào nhóm.\n"),
            format_args!("Gap ({which}): 0.00 — equal to the line; a tie does not secure the place.\n"),
        ),
        Ordering::Less => w.t(
            format_args!("Khoảng cách ({which}): đã ở trên ngưỡng {gap} điểm.\n"),
            format_args!("Gap ({which}): already {gap} points above the line.\n"),
        ),
    });
    if let Some(c) = &g.classing {
        out.push_str(&super::classes::lines(c, lang));
    }
    if g.recovery.is_empty() {
        return out;
    }
    let base = w.percent(g.base.index);
    let unknown = super::strict::unknown(lang);
    out.push_str(&match (g.appraised.is_some(), g.strict.is_some()) {
        (true, _) => w.t(
            format_args!("\nCách gỡ điểm, rẻ nhất trước (lũy kế tính từ điểm thẩm định {base}):\n"),
            format_args!(
                "\nWhere points can be won, cheapest first (running from the appraised {base}):\n"
            ),
        ),
        (false, true) => w.t(
            format_args!("\nCách gỡ điểm, rẻ nhất trước (lũy kế tính từ điểm chặt {base}):\n"),
            format_args!(
                "\nWhere points can be won, cheapest first (running from the strict {base}):\n"
            ),
        ),
        (false, false) => w.t(
            format_args!("\nCách gỡ điểm, rẻ nhất trước (lũy kế tính từ điểm dự kiến {base}; điểm chặt {unknown}):\n"),
            format_args!(
                "\nWhere points can be won, cheapest first (running from the projected {base}; strict {unknown}):\n"
            ),
        ),
    });
    let header = [
        "#",
        w.pick("Mã", "Code"),
        w.pick("Điểm", "Points"),
        w.pick("Lý do", "Reason"),
        w.pick("Cần làm", "What has to happen"),
        w.pick("Đơn vị chủ trì", "Lead unit"),
        w.pick("Lũy kế", "Running"),
    ];
    let mut t = new_table(
        header.iter().map(|h| h.to_string()).collect(),
        &[0, 2, 6],
        width,
    );
    let closing = g.closing_step();
    let shown = match closing {
        Some(i) => (i + 1 + AFTER_CLOSING).min(g.recovery.len()),
        None => g.recovery.len(),
    };
    for (i, st) in g.recovery.iter().take(shown).enumerate() {
        let mark = match st.closes {
            true => w.pick(" ✔ vượt ngưỡng", " ✔ above the line"),
            false => "",
        };
        t.add_row(vec![
            (i + 1).to_string(),
            st.code.clone(),
            w.points(st.points),
            reason_label(st.reason, lang).to_string(),
            action_words(st, criteria, lang),
            st.lead.clone().unwrap_or_default(),
            format!("{}{mark}", w.percent(st.running.index)),
        ]);
    }
    out.push_str(&format!("{t}\n"));
    let rest = g.recovery.len() - shown;
    if rest > 0 {
        let pts = w.points(g.recovery[shown..].iter().map(|s| s.points).sum());
        out.push_str(&w.t(
            format_args!("… và {rest} tiêu chí khác, tổng {pts} điểm (xem --format json).\n"),
            format_args!("… and {rest} more leaves, {pts} points in all (see --format json).\n"),
        ));
    }
    out.push_str(&match (closing, g.base_above()) {
        (_, true) => w.t(
            format_args!("Điểm hiện tại đã trên ngưỡng; danh sách trên là các điểm còn có thể tăng thêm.\n"),
            format_args!("The current total is already above the line; the list shows what can still be added.\n"),
        ),
        (Some(i), false) => {
            let n = i + 1;
            w.t(
                format_args!("Khoảng cách được lấp ở bước {n}: cần {n} tiêu chí đầu tiên.\n"),
                format_args!("The gap closes at step {n}: the first {n} leaves are needed.\n"),
            )
        }
        (None, false) => w.t(
            format_args!("Không thể lấp khoảng cách kể cả khi gỡ hết mọi điểm trong danh sách.\n"),
            format_args!("The gap cannot be closed even with every point in the list.\n"),
        ),
    });
    out
}

pub fn json(s: &ScoreSheet, g: &Gap, criteria: &Criteria, lang: Lang) -> serde_json::Value {
    use serde_json::json;
    let st = |x: &Standing| json!({"points": machine(x.points), "index": machine(x.index)});
    let recovery: Vec<_> = g
        .recovery
        .iter()
        .map(|r| json!({
            "code": r.code, "name": r.name, "points": machine(r.points), "reason": r.reason.key(),
            "what": action_words(r, criteria, lang), "lead": r.lead,
            "running_points": machine(r.running.points), "running_index": machine(r.running.index),
            "closes": r.closes,
        }))
        .collect();
    let mut out = json!({
        "unit": s.unit, "year": s.year,
        "rank": g.line.rank, "line": machine(g.line.score),
        "line_unit": g.line.unit, "line_year": g.line.year, "line_source": g.line.source,
        "max": machine(g.max),
        "projected": machine(round2(g.projected.index)),
        "strict": g.strict.map(|x| machine(round2(x.index))),
        "strict_reason": g.strict.is_none().then_some(super::strict::NO_MANIFEST),
        "appraised": g.appraised.map(|a| machine(round2(a.index))),
        "totals": {
            "projected": st(&g.projected), "strict": g.strict.as_ref().map(st),
            "appraised": g.appraised.as_ref().map(st),
        },
        "gap": machine(g.gap),
        "closes_at": g.closing_step().map(|i| i + 1),
        "recovery": recovery,
    });
    if let Some(c) = &g.classing {
        let (class, next) = super::classes::json(c);
        out["class"] = class;
        out["next_class"] = next;
    }
    out
}
