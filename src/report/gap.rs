//! `parscore gap`: the line, the three totals and their distance to it, and the recovery
//! list with its running total.

use super::table::new_table;
use crate::gap::{Gap, Standing};
use crate::lang::Lang;
use crate::number::{machine, round2, show_percent, show_points};
use crate::scoring::ScoreSheet;
use rust_decimal::Decimal;

/// How many recovery steps to print after the one that closes the gap.
const AFTER_CLOSING: usize = 5;

pub fn table(s: &ScoreSheet, g: &Gap, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let k = g.line.rank.map(|k| k.to_string()).unwrap_or_default();
    let line = show_percent(g.line.score, lang);
    let target = crate::gap::target_words(&g.line, lang);
    let mut out = match lang {
        Lang::Vi => format!("{} — năm {} — khoảng cách tới {target}\n", s.unit, s.year),
        Lang::En => format!("{} — year {} — distance to {target}\n", s.unit, s.year),
    };
    out.push_str(&match (&g.line.unit, g.line.year, lang) {
        (Some(u), Some(y), Lang::Vi) => {
            format!("Ngưỡng: {line} điểm — {u}, hạng {k}, xếp hạng công bố năm {y}\n")
        }
        (Some(u), Some(y), Lang::En) => {
            format!("Line: {line} — {u}, rank {k}, published ranking of {y}\n")
        }
        (_, _, Lang::Vi) => format!("Ngưỡng: {line} điểm (nhập bằng --threshold)\n"),
        (_, _, Lang::En) => format!("Line: {line} (given with --threshold)\n"),
    });
    out.push_str(if vi {
        "Vào nhóm dẫn đầu nghĩa là đạt TRÊN ngưỡng; bằng đúng ngưỡng là đồng điểm, chưa chắc giữ được vị trí. So sánh theo điểm làm tròn 2 chữ số như khi công bố.\n\n"
    } else {
        "Being in the top means scoring ABOVE the line; equal to it is a tie, which does not secure the place. Compared at two decimals, as published.\n\n"
    });
    let header = if vi {
        ["Tổng", "Điểm", "Chỉ số", "So với ngưỡng"]
    } else {
        ["Total", "Points", "Index", "Against the line"]
    };
    let mut t = new_table(header.iter().map(|h| h.to_string()).collect(), &[1, 2]);
    let max = show_points(g.max, lang);
    let mut rows = vec![
        (
            if vi {
                "Dự kiến (tự đánh giá + ĐTXHH dự kiến)"
            } else {
                "Projected (self-assessed + projected survey)"
            },
            Some(g.projected),
        ),
        (
            if vi {
                "Điểm chặt (trừ điểm thiếu tài liệu kiểm chứng)"
            } else {
                "Strict (less points lacking evidence)"
            },
            g.strict,
        ),
    ];
    if let Some(a) = g.appraised {
        rows.push((if vi { "Thẩm định" } else { "Appraised" }, Some(a)));
    }
    for (name, st) in rows {
        t.add_row(match st {
            Some(st) => vec![
                name.to_string(),
                format!("{} / {max}", show_points(st.points, lang)),
                show_percent(st.index, lang),
                crate::gap::against_line(g.line.score, st.index, lang),
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
    let gap = show_percent(g.gap, lang);
    let which = match (g.appraised.is_some(), lang) {
        (true, Lang::Vi) => "điểm thẩm định",
        (false, Lang::Vi) => "điểm dự kiến",
        (true, Lang::En) => "appraised",
        (false, Lang::En) => "projected",
    };
    out.push_str(&match (lang, g.gap.cmp(&Decimal::ZERO)) {
        (Lang::Vi, std::cmp::Ordering::Greater) => {
            format!("Khoảng cách ({which}): {gap} điểm dưới ngưỡng.\n")
        }
        (Lang::Vi, std::cmp::Ordering::Equal) => {
            format!("Khoảng cách ({which}): 0,00 — bằng đúng ngưỡng; đồng điểm nên chưa chắc vào nhóm.\n")
        }
        (Lang::Vi, std::cmp::Ordering::Less) => format!(
            "Khoảng cách ({which}): đã ở trên ngưỡng {} điểm.\n",
            show_percent(-g.gap, lang)
        ),
        (Lang::En, std::cmp::Ordering::Greater) => {
            format!("Gap ({which}): {gap} points below the line.\n")
        }
        (Lang::En, std::cmp::Ordering::Equal) => {
            format!("Gap ({which}): 0.00 — equal to the line; a tie does not secure the place.\n")
        }
        (Lang::En, std::cmp::Ordering::Less) => format!(
            "Gap ({which}): already {} points above the line.\n",
            show_percent(-g.gap, lang)
        ),
    });
    if let Some(c) = &g.classing {
        out.push_str(&super::classes::lines(c, lang));
    }
    if g.recovery.is_empty() {
        return out;
    }
    let base = show_percent(g.base.index, lang);
    out.push_str(&match (lang, g.appraised.is_some(), g.strict.is_some()) {
        (Lang::Vi, true, _) => {
            format!("\nCách gỡ điểm, rẻ nhất trước (lũy kế tính từ điểm thẩm định {base}):\n")
        }
        (Lang::Vi, false, true) => {
            format!("\nCách gỡ điểm, rẻ nhất trước (lũy kế tính từ điểm chặt {base}):\n")
        }
        (Lang::Vi, false, false) => format!(
            "\nCách gỡ điểm, rẻ nhất trước (lũy kế tính từ điểm dự kiến {base}; điểm chặt {}):\n",
            super::strict::unknown(lang)
        ),
        (Lang::En, true, _) => format!(
            "\nWhere points can be won, cheapest first (running from the appraised {base}):\n"
        ),
        (Lang::En, false, true) => {
            format!("\nWhere points can be won, cheapest first (running from the strict {base}):\n")
        }
        (Lang::En, false, false) => format!(
            "\nWhere points can be won, cheapest first (running from the projected {base}; strict {}):\n",
            super::strict::unknown(lang)
        ),
    });
    let header = if vi {
        [
            "#",
            "Mã",
            "Điểm",
            "Lý do",
            "Cần làm",
            "Đơn vị chủ trì",
            "Lũy kế",
        ]
    } else {
        [
            "#",
            "Code",
            "Points",
            "Reason",
            "What has to happen",
            "Lead unit",
            "Running",
        ]
    };
    let mut t = new_table(header.iter().map(|h| h.to_string()).collect(), &[0, 2, 6]);
    let closing = g.closing_step();
    let shown = match closing {
        Some(i) => (i + 1 + AFTER_CLOSING).min(g.recovery.len()),
        None => g.recovery.len(),
    };
    for (i, st) in g.recovery.iter().take(shown).enumerate() {
        let mark = if st.closes {
            if vi {
                " ✔ vượt ngưỡng"
            } else {
                " ✔ above the line"
            }
        } else {
            ""
        };
        t.add_row(vec![
            (i + 1).to_string(),
            st.code.clone(),
            show_points(st.points, lang),
            st.reason.label(lang).to_string(),
            st.what.get(lang).to_string(),
            st.lead.clone().unwrap_or_default(),
            format!("{}{mark}", show_percent(st.running.index, lang)),
        ]);
    }
    out.push_str(&format!("{t}\n"));
    let rest = g.recovery.len() - shown;
    if rest > 0 {
        let pts: Decimal = g.recovery[shown..].iter().map(|s| s.points).sum();
        out.push_str(&match lang {
            Lang::Vi => format!(
                "… và {rest} tiêu chí khác, tổng {} điểm (xem --format json).\n",
                show_points(pts, lang)
            ),
            Lang::En => format!(
                "… and {rest} more leaves, {} points in all (see --format json).\n",
                show_points(pts, lang)
            ),
        });
    }
    out.push_str(&match (closing, lang, g.base_above()) {
        (_, Lang::Vi, true) => {
            "Điểm hiện tại đã trên ngưỡng; danh sách trên là các điểm còn có thể tăng thêm.\n"
                .to_string()
        }
        (_, Lang::En, true) => {
            "The current total is already above the line; the list shows what can still be added.\n"
                .to_string()
        }
        (Some(i), Lang::Vi, false) => format!(
            "Khoảng cách được lấp ở bước {}: cần {} tiêu chí đầu tiên.\n",
            i + 1,
            i + 1
        ),
        (Some(i), Lang::En, false) => format!(
            "The gap closes at step {}: the first {} leaves are needed.\n",
            i + 1,
            i + 1
        ),
        (None, Lang::Vi, false) => {
            "Không thể lấp khoảng cách kể cả khi gỡ hết mọi điểm trong danh sách.\n".to_string()
        }
        (None, Lang::En, false) => {
            "The gap cannot be closed even with every point in the list.\n".to_string()
        }
    });
    out
}

pub fn json(s: &ScoreSheet, g: &Gap, lang: Lang) -> serde_json::Value {
    use serde_json::json;
    let st = |x: &Standing| json!({"points": machine(x.points), "index": machine(x.index)});
    let recovery: Vec<_> = g
        .recovery
        .iter()
        .map(|r| json!({
            "code": r.code, "name": r.name, "points": machine(r.points), "reason": r.reason.key(),
            "what": r.what.get(lang), "lead": r.lead,
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
