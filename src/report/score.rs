//! `parscore score`: the sheet as a table for people, CSV for spreadsheets, JSON for tools.

use super::csv_out::CsvOut;
use super::table::{new_table, Width};
use super::words::Words;
use crate::criteria::AdjustmentKind;
use crate::lang::Lang;
use crate::number::{machine, show_percent, show_points};
use crate::scoring::{AdjustmentSheet, NodeScore, ScoreSheet, Section, Status};
use rust_decimal::Decimal;

fn status_word(s: Status, lang: Lang) -> &'static str {
    let w = Words(lang);
    match s {
        Status::Scored => w.pick("đã chấm", "scored"),
        Status::Unscored => w.pick("chưa chấm", "unscored"),
        Status::NotApplicable => w.pick("không áp dụng", "not applicable"),
        Status::Projected => w.pick("dự kiến (ĐTXHH)", "projected (survey)"),
    }
}

fn opt_percent(d: Option<Decimal>, lang: Lang) -> String {
    d.map(|p| show_percent(p, lang))
        .unwrap_or_else(|| "–".into())
}

/// The table a person reads, then the totals.
pub fn table(s: &ScoreSheet, lang: Lang, width: Width) -> String {
    let w = Words(lang);
    let mut header: Vec<&str> = vec![
        w.pick("Mã", "Code"),
        w.pick("Tên", "Name"),
        w.pick("Kê khai", "Declared"),
        w.pick("Điểm", "Points"),
        w.pick("Tối đa", "Max"),
        "%",
    ];
    if s.has_appraised {
        header.extend([
            w.pick("Thẩm định", "Appraised"),
            w.pick("Chênh lệch", "Difference"),
        ]);
    }
    let mut right: Vec<usize> = if s.has_appraised {
        vec![3, 4, 5, 6, 7]
    } else {
        vec![3, 4, 5]
    };
    if s.at_risk.is_some() {
        right.push(header.len());
        header.push(w.pick("Nguy cơ bị trừ", "At risk"));
    }
    header.push(w.pick("Trạng thái", "Status"));
    let mut t = new_table(
        header.iter().map(|h| h.to_string()).collect(),
        &right,
        width,
    );
    let width = header.len();
    let items = s.adjustments.iter().flat_map(|a| &a.items);
    for (n, indent, tag) in s
        .nodes
        .iter()
        .map(|n| (n, "  ".repeat(n.depth - 1), ""))
        .chain(items.map(|i| (&i.score, String::new(), item_tag(i.kind, lang))))
    {
        let (value, status) = match &n.leaf {
            Some(l) => (
                l.working
                    .as_ref()
                    .map(|w| super::working::reading_words(&w.reading, lang))
                    .unwrap_or_else(|| l.value.clone()),
                status_word(l.status, lang).to_string(),
            ),
            None => (String::new(), String::new()),
        };
        let mut row = vec![
            format!("{indent}{}", n.code),
            format!("{tag}{}", n.name),
            value,
            show_points(n.achieved, lang),
            show_points(n.max, lang),
            opt_percent(n.percent(), lang),
        ];
        if let Some(a) = n.appraised {
            row.push(show_points(a, lang));
            row.push(signed(a - n.achieved, lang));
        } else if s.has_appraised {
            row.extend([String::new(), String::new()]);
        }
        if let Some(risk) = s.at_risk_for(&n.code) {
            // Beside each area, and beside each leaf that has something at risk.
            let shown = n.depth == 1 || risk > Decimal::ZERO;
            row.push(if shown {
                show_points(risk, lang)
            } else {
                String::new()
            });
        }
        row.push(status);
        t.add_row(row);
    }
    if let Some(adj) = &s.adjustments {
        for (kind, cap) in [
            (AdjustmentKind::Bonus, adj.max_bonus),
            (AdjustmentKind::Penalty, adj.max_penalty),
        ] {
            let section = adj.section(kind, &|n| n.achieved);
            let mut row = vec![
                String::new(),
                section_word(kind, lang).to_string(),
                String::new(),
                signed_section(kind, section.applied, lang),
                show_points(cap, lang),
                String::new(),
            ];
            row.resize(width, String::new());
            t.add_row(row);
        }
    }
    let mut out = heading(s, lang);
    out.push_str(&format!("{t}\n"));
    out.push_str(&totals(s, lang));
    out
}

fn item_tag(kind: AdjustmentKind, lang: Lang) -> &'static str {
    let w = Words(lang);
    match kind {
        AdjustmentKind::Bonus => w.pick("[thưởng] ", "[bonus] "),
        AdjustmentKind::Penalty => w.pick("[trừ] ", "[penalty] "),
    }
}

fn section_word(kind: AdjustmentKind, lang: Lang) -> &'static str {
    let w = Words(lang);
    match kind {
        AdjustmentKind::Bonus => w.pick("Điểm thưởng (sau mức trần)", "Bonus (after its cap)"),
        AdjustmentKind::Penalty => w.pick("Điểm trừ (sau mức trần)", "Penalty (after its cap)"),
    }
}

fn signed_section(kind: AdjustmentKind, d: Decimal, lang: Lang) -> String {
    match kind {
        AdjustmentKind::Bonus => format!("+{}", show_points(d, lang)),
        AdjustmentKind::Penalty => format!("−{}", show_points(d, lang)),
    }
}

fn signed(d: Decimal, lang: Lang) -> String {
    if d > Decimal::ZERO {
        format!("+{}", show_points(d, lang))
    } else {
        show_points(d, lang)
    }
}

fn heading(s: &ScoreSheet, lang: Lang) -> String {
    let w = Words(lang);
    let (unit, year, criteria, as_of) = (&s.unit, s.year, &s.criteria_id, w.date(s.as_of));
    w.t(
        format_args!("{unit} — năm {year} — bộ tiêu chí {criteria} — tính đến {as_of}\n"),
        format_args!("{unit} — year {year} — criteria {criteria} — as of {as_of}\n"),
    )
}

/// The closing lines: the total, its split, the index, and what is still unscored.
pub fn totals(s: &ScoreSheet, lang: Lang) -> String {
    let t = &s.totals;
    let w = Words(lang);
    let p = |d| w.points(d);
    let index = opt_percent(t.index(), lang);
    let (points, max) = (p(t.points), p(t.max));
    let (own, own_max) = (p(t.self_achieved), p(t.self_max));
    let (survey, survey_max) = (p(t.survey_achieved), p(t.survey_max));
    let mut out = w.t(
        format_args!("Tổng điểm tự đánh giá: {points} / {max} điểm — Chỉ số {index}\n  phần đơn vị tự chấm: {own} / {own_max}; phần điều tra XHH (dự kiến): {survey} / {survey_max}\n"),
        format_args!("Self-assessed total: {points} / {max} points — index {index}\n  self-scored part: {own} / {own_max}; survey part (projected): {survey} / {survey_max}\n"),
    );
    if let Some(adj) = &s.adjustments {
        out.push_str(&adjustment_line(s, adj, lang));
    }
    if let Some(a) = t.appraised_points {
        let ai = opt_percent(t.appraised_index(), lang);
        let diff = signed(a - t.points, lang);
        let a = p(a);
        out.push_str(&w.t(
            format_args!("Tổng điểm thẩm định: {a} / {max} điểm — Chỉ số {ai} (chênh lệch so với tự đánh giá: {diff})\n"),
            format_args!("Appraised total: {a} / {max} points — index {ai} (difference from self-assessment: {diff})\n"),
        ));
    }
    if let (Some(risk), Some(strict)) = (s.total_at_risk(), s.strict_points()) {
        let (r, strict) = (p(risk), p(strict));
        out.push_str(&w.t(
            format_args!("Điểm có nguy cơ bị trừ do thiếu tài liệu kiểm chứng: {r} — điểm nếu bị trừ hết: {strict} (xem: parscore evidence)\n"),
            format_args!("Points at risk for missing evidence: {r} — total if all are zeroed: {strict} (see: parscore evidence)\n"),
        ));
    }
    if s.at_risk.is_none() {
        out.push_str(&strict_unknown_line(lang));
    }
    let unscored: Vec<&str> = s.unscored().map(|n| n.code.as_str()).collect();
    if !unscored.is_empty() {
        let n = unscored.len();
        let list = unscored.join(", ");
        out.push_str(&w.t(
            format_args!("Chưa chấm ({n}): {list}\n"),
            format_args!("Unscored ({n}): {list}\n"),
        ));
    }
    if let Some(c) = &s.classing {
        out.push_str(&super::classes::lines(c, lang));
    }
    out
}

/// The strict score of a dossier with no manifest: unknown, not the projected figure.
fn strict_unknown_line(lang: Lang) -> String {
    let unknown = super::strict::unknown(lang);
    match lang {
        Lang::Vi => format!("Điểm chặt (trừ điểm thiếu tài liệu kiểm chứng): {unknown}\n"),
        Lang::En => format!("Strict total (less points lacking evidence): {unknown}\n"),
    }
}

/// "gồm các lĩnh vực 9; điểm thưởng +2,5 (các khoản cộng lại 3, tối đa 2,5); …".
fn adjustment_line(s: &ScoreSheet, adj: &AdjustmentSheet, lang: Lang) -> String {
    let w = Words(lang);
    let p = |d| w.points(d);
    let bonus = adj.section(AdjustmentKind::Bonus, &|n| n.achieved);
    let penalty = adj.section(AdjustmentKind::Penalty, &|n| n.achieved);
    let capped_words = |sec: Section, cap: Decimal| {
        let (declared, cap) = (p(sec.declared), p(cap));
        match sec.declared > sec.applied {
            true => w.t(
                format_args!(" (các khoản cộng lại {declared}, tối đa {cap})"),
                format_args!(" (the items add up to {declared}, at most {cap})"),
            ),
            false => w.t(
                format_args!(" (tối đa {cap})"),
                format_args!(" (at most {cap})"),
            ),
        }
    };
    let t = &s.totals;
    let sum = t.achieved + bonus.applied - penalty.applied;
    let cap = match (adj.index_capped, sum > t.max) {
        (true, true) => {
            let (sum, max) = (p(sum), p(t.max));
            w.t(
                format_args!("; chỉ số không vượt 100: {sum} tính là {max}"),
                format_args!("; the index stops at 100: {sum} counts as {max}"),
            )
        }
        (true, false) => w
            .pick("; chỉ số không vượt 100", "; the index stops at 100")
            .into(),
        (false, _) => w
            .pick("; chỉ số có thể vượt 100", "; the index may exceed 100")
            .into(),
    };
    let (b, bw) = (p(bonus.applied), capped_words(bonus, adj.max_bonus));
    let (m, mw) = (p(penalty.applied), capped_words(penalty, adj.max_penalty));
    let areas = p(t.achieved);
    w.t(
        format_args!("  gồm các lĩnh vực {areas}; điểm thưởng +{b}{bw}; điểm trừ −{m}{mw}{cap}\n"),
        format_args!("  made of the areas' {areas}; bonus +{b}{bw}; penalty −{m}{mw}{cap}\n"),
    )
}

fn level(n: &NodeScore) -> &'static str {
    match (n.depth, n.is_leaf()) {
        (_, true) => "leaf",
        (1, false) => "area",
        _ => "criterion",
    }
}

/// One row per node and a closing `total` row; plain figures, point decimals.
pub fn csv(s: &ScoreSheet) -> String {
    let mut w = CsvOut::new();
    let mut header = vec![
        "code", "name", "level", "kind", "method", "value", "achieved", "max", "percent", "status",
    ];
    if s.has_appraised {
        header.extend(["appraised", "difference"]);
    }
    if s.at_risk.is_some() {
        header.push("at_risk");
    }
    // Filled on the total row only; empty there too without a manifest (unknown).
    header.push("strict");
    w.row(&header);
    let pct = |d: Option<Decimal>| d.map(machine).unwrap_or_default();
    let items = s.adjustments.iter().flat_map(|a| &a.items);
    let rows = s
        .nodes
        .iter()
        .map(|n| (n, level(n)))
        .chain(items.map(|i| (&i.score, i.kind.key())));
    for (n, level) in rows {
        let leaf = n.leaf.as_ref();
        let mut row = vec![
            n.code.clone(),
            n.name.clone(),
            level.into(),
            leaf.map(|l| l.kind.to_string()).unwrap_or_default(),
            n.method.key().into(),
            leaf.map(|l| l.value.clone()).unwrap_or_default(),
            machine(n.achieved),
            machine(n.max),
            pct(n.percent()),
            leaf.map(|l| l.status.key().to_string()).unwrap_or_default(),
        ];
        if s.has_appraised {
            let a = n.appraised.unwrap_or_default();
            row.extend([machine(a), machine(a - n.achieved)]);
        }
        if let Some(risk) = s.at_risk_for(&n.code) {
            row.push(machine(risk));
        }
        row.resize(header.len(), String::new());
        w.row(&row);
    }
    let t = &s.totals;
    if let Some(adj) = &s.adjustments {
        for (kind, cap) in [
            (AdjustmentKind::Bonus, adj.max_bonus),
            (AdjustmentKind::Penalty, adj.max_penalty),
        ] {
            let key = match kind {
                AdjustmentKind::Bonus => "bonus_total",
                AdjustmentKind::Penalty => "penalty_total",
            };
            let mut row = vec![key.to_string(), String::new(), key.into()];
            row.extend([String::new(), String::new(), String::new()]);
            row.extend([
                machine(adj.section(kind, &|n| n.achieved).applied),
                machine(cap),
            ]);
            row.resize(header.len(), String::new());
            w.row(&row);
        }
    }
    let mut row = vec![
        "total".to_string(),
        s.unit.clone(),
        "total".into(),
        String::new(),
        String::new(),
        String::new(),
        machine(t.points),
        machine(t.max),
        pct(t.index()),
        String::new(),
    ];
    if let Some(a) = t.appraised_points {
        row.extend([machine(a), machine(a - t.points)]);
    } else if s.has_appraised {
        row.extend([String::new(), String::new()]);
    }
    if let Some(risk) = s.total_at_risk() {
        row.push(machine(risk));
    }
    row.push(s.strict_points().map(machine).unwrap_or_default());
    w.row(&row);
    w.into_document()
}

/// The stable JSON form (see `docs/dossier-format.md`).
pub fn json(s: &ScoreSheet, lang: Lang) -> serde_json::Value {
    use serde_json::json;
    let t = &s.totals;
    let pct = |d: Option<Decimal>| d.map(machine);
    let mut total = json!({
        "achieved": machine(t.points), "max": machine(t.max), "index": pct(t.index()),
        "self_achieved": machine(t.self_achieved), "self_max": machine(t.self_max),
        "survey_achieved": machine(t.survey_achieved), "survey_max": machine(t.survey_max),
    });
    if let Some(a) = t.appraised_points {
        total["appraised"] = json!(machine(a));
        total["appraised_index"] = json!(pct(t.appraised_index()));
        total["difference"] = json!(machine(a - t.points));
    }
    if let Some(risk) = s.total_at_risk() {
        total["at_risk"] = json!(machine(risk));
    }
    total["strict"] = json!(s.strict_points().map(machine));
    total["strict_reason"] = json!(s
        .strict_points()
        .is_none()
        .then_some(super::strict::NO_MANIFEST));
    if let Some(adj) = &s.adjustments {
        let b = adj.section(AdjustmentKind::Bonus, &|n| n.achieved);
        let p = adj.section(AdjustmentKind::Penalty, &|n| n.achieved);
        total["areas_achieved"] = json!(machine(t.achieved));
        total["bonus"] = json!(machine(b.applied));
        total["bonus_declared"] = json!(machine(b.declared));
        total["max_bonus"] = json!(machine(adj.max_bonus));
        total["penalty"] = json!(machine(p.applied));
        total["penalty_declared"] = json!(machine(p.declared));
        total["max_penalty"] = json!(machine(adj.max_penalty));
        total["index_capped"] = json!(adj.index_capped);
    }
    let with_appraised = |mut v: serde_json::Value, n: &NodeScore| {
        if let Some(a) = n.appraised {
            v["appraised"] = json!(machine(a));
            v["difference"] = json!(machine(a - n.achieved));
        }
        if let Some(risk) = s.at_risk_for(&n.code) {
            v["at_risk"] = json!(machine(risk));
        }
        v
    };
    let areas: Vec<_> = s
        .areas()
        .map(|n| with_appraised(json!({"code": n.code, "name": n.name, "achieved": machine(n.achieved), "max": machine(n.max), "percent": pct(n.percent())}), n))
        .collect();
    let items: Vec<_> = s
        .nodes
        .iter()
        .map(|n| {
            let leaf = n.leaf.as_ref();
            with_appraised(
                json!({
                    "code": n.code, "name": n.name, "level": level(n),
                    "kind": leaf.map(|l| l.kind), "method": n.method.key(),
                    "value": leaf.map(|l| l.value.clone()),
                    "shown": leaf.and_then(|l| l.working.as_ref()).map(|w| super::working::reading_words(&w.reading, lang)),
                    "achieved": machine(n.achieved), "max": machine(n.max), "percent": pct(n.percent()),
                    "status": leaf.map(|l| l.status.key()),
                }),
                n,
            )
        })
        .collect();
    let mut out = json!({
        "unit": s.unit, "year": s.year, "as_of": crate::value::iso_date(s.as_of),
        "criteria": {"id": s.criteria_id, "title": s.criteria_title},
        "total": total, "areas": areas, "items": items,
        "unscored": s.unscored().map(|n| n.code.clone()).collect::<Vec<_>>(),
    });
    if let Some(adj) = &s.adjustments {
        let items: Vec<_> = adj
            .items
            .iter()
            .map(|i| {
                let (n, leaf) = (&i.score, i.score.leaf.as_ref());
                with_appraised(
                    json!({
                        "code": n.code, "name": n.name, "kind": i.kind.key(),
                        "rule": leaf.map(|l| l.kind), "value": leaf.map(|l| l.value.clone()),
                        "shown": leaf.and_then(|l| l.working.as_ref()).map(|w| super::working::reading_words(&w.reading, lang)),
                        "achieved": machine(n.achieved), "max": machine(n.max),
                        "status": leaf.map(|l| l.status.key()),
                    }),
                    n,
                )
            })
            .collect();
        out["adjustments"] = json!(items);
    }
    if let Some(c) = &s.classing {
        let (class, next) = super::classes::json(c);
        out["class"] = class;
        out["next_class"] = next;
    }
    out
}
