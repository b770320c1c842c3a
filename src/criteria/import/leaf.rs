//! A leaf's (or a bonus or penalty item's) rule, provenance and evidence in the imported
//! file: the rule its wording states (`official`), a rule read with something the wording
//! does not state (`modeled`, each assumption said at its cell), or a manual rule with the
//! words kept and the reason it was not read. A rule is also checked alone, as `criteria
//! check` would check it, before it is taken: one it refuses becomes manual, with why.

use super::account::Verdict;
use super::rules::{parse, Reading};
use super::{Out, Read, ReadTable};
use crate::criteria::AdjustmentKind;
use crate::input::fold;
use crate::text;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

/// A node's rule wording: its rule cell, or its level rows joined ("label: points; …").
pub(super) fn wording(n: &Read) -> String {
    if n.levels.is_empty() || !n.rule.trim().is_empty() {
        return n.rule.trim().to_string();
    }
    n.levels
        .iter()
        .map(|(label, points, _)| format!("{label}: {points}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A leaf's (`item: None`) or item's rule, provenance and evidence, and its account row.
pub(super) fn leaf(
    o: &mut Map<String, Value>,
    n: &Read,
    max: Decimal,
    item: Option<AdjustmentKind>,
    read: &ReadTable,
    out: &mut Out,
) {
    let (table, cols, meta) = (read.table, read.cols, read.meta);
    let words = wording(n);
    let mut reading = if n.max.is_none() {
        // The maximum is already an error at its cell: the rule waits for it.
        Reading {
            why: Some(text!(
                vi: "điểm tối đa không phải là số",
                en: "the maximum is not a number"
            )),
            ..Reading::default()
        }
    } else if !n.levels.is_empty() && !n.rule.trim().is_empty() {
        Reading {
            why: Some(text!(
                vi: "có cả ô cách tính điểm và các dòng mức điểm bên dưới",
                en: "both a rule cell and level rows below it"
            )),
            ..Reading::default()
        }
    } else {
        parse(&words, max, item)
    };
    if let Some(rule) = &reading.rule {
        if let Some(why) = refused_alone(rule, max, item.is_some()) {
            reading = Reading {
                why: Some(why),
                ..Reading::default()
            };
        }
    }
    if let (Some(was), Some(_)) = (&n.fixed_from, &reading.rule) {
        // The person's correction is not the table's word: never `official`.
        reading.assumed.push(text!(
            vi: "sửa khi nhập; bảng ghi (điểm tối đa | cách tính): \"{was}\"",
            en: "corrected when importing; the table wrote (maximum | rule): \"{was}\""
        ));
    }
    let at = cols.rule.unwrap_or(cols.max);
    let place = cols.place(table, &n.row, at);
    let flat = words.replace('\n', " ");
    let kind = reading
        .rule
        .as_ref()
        .and_then(|r| r["kind"].as_str())
        .unwrap_or("manual")
        .to_string();
    let verdict = match (reading.rule, reading.why) {
        (Some(r), _) if reading.assumed.is_empty() => {
            o.insert("rule".into(), r);
            o.insert(
                "provenance".into(),
                json!(format!("official: {}", meta.source)),
            );
            Verdict::Exact
        }
        (Some(r), _) => {
            o.insert("rule".into(), r);
            let said: Vec<String> = reading.assumed.iter().map(|t| t.vi.clone()).collect();
            o.insert(
                "provenance".into(),
                json!(format!(
                    "modeled: {}; nguyên văn: \"{flat}\"",
                    said.join("; ")
                )),
            );
            for a in &reading.assumed {
                let (vi, en) = (&a.vi, &a.en);
                out.diags.push(cols.problem(table, &n.row, at, text!(
                    vi: "cách tính điểm \"{flat}\": {vi}; ghi là \"modeled\", sửa tệp JSON nếu quy định nói khác",
                    en: "the rule \"{flat}\": {en}; marked \"modeled\", edit the JSON if the rules say otherwise"
                )).for_code(&n.code).into_warning());
            }
            Verdict::Assumed(reading.assumed)
        }
        (None, why) => {
            out.manual += 1;
            let step = if (max / Decimal::new(25, 2)).fract().is_zero() {
                "0.25"
            } else {
                "0.01"
            };
            o.insert("rule".into(), json!({ "kind": "manual", "step": step }));
            o.insert(
                "provenance".into(),
                json!(format!(
                    "modeled: cách tính điểm chưa đọc được, chấm tay; nguyên văn: \"{flat}\""
                )),
            );
            let why = why.unwrap_or_else(|| text!(vi: "không rõ", en: "unclear"));
            let (vi, en) = (&why.vi, &why.en);
            if n.max.is_some() {
                out.diags.push(cols.problem(table, &n.row, at, text!(
                vi: "chưa đọc được cách tính điểm \"{flat}\" ({vi}): đặt là chấm tay (manual), nguyên văn giữ trong \"provenance\"; sửa tệp JSON nếu cần",
                en: "cannot read the rule \"{flat}\" ({en}): made a manual rule, the words kept in \"provenance\"; edit the JSON if needed"
            )).for_code(&n.code).into_warning());
            }
            Verdict::Manual(why)
        }
    };
    out.rows.push(super::account::RowAccount {
        line: n.row.line,
        place,
        code: Some(n.code.clone()),
        name: n.name.clone(),
        max: n.max,
        wording: words,
        verdict,
    });
    let items = evidence(&n.evidence, &kind);
    if !items.is_empty() {
        o.insert("evidence".into(), Value::Array(items));
    }
}

/// Why `criteria check` would refuse this rule on a leaf worth `max`, if it would.
fn refused_alone(rule: &Value, max: Decimal, item: bool) -> Option<crate::lang::Text> {
    let max_s = max.normalize().to_string();
    let file = if item {
        json!({ "format": crate::criteria::FORMAT, "id": "x", "title": "x", "year": 2026, "total": "1",
            "areas": [ { "code": "1", "name": "x", "max": "1", "children": [ { "code": "1.1", "name": "x", "max": "1", "rule": { "kind": "manual", "step": "1" } } ] } ],
            "adjustments": { "max_bonus": max_s, "max_penalty": max_s, "index_capped": true,
                "items": [ { "code": "T1", "name": "x", "kind": "bonus", "max": max_s, "rule": rule } ] } })
    } else {
        json!({ "format": crate::criteria::FORMAT, "id": "x", "title": "x", "year": 2026, "total": max_s,
            "areas": [ { "code": "1", "name": "x", "max": max_s, "children": [ { "code": "1.1", "name": "x", "max": max_s, "rule": rule } ] } ] })
    };
    let loaded = crate::criteria::load_str(&file.to_string(), "");
    loaded
        .diagnostics
        .into_iter()
        .find(|d| d.is_error())
        .map(|d| d.message)
}

/// Evidence items, one per line or `;`; "(nếu có)" is needed only when something happened
/// where the rule can tell, else optional.
fn evidence(cell: &str, kind: &str) -> Vec<Value> {
    cell.split([';', '\n'])
        .map(|s| s.trim().trim_start_matches(['-', '+', '•']).trim())
        .filter(|s| !s.is_empty())
        .map(|what| {
            let conditional = fold(what).contains("nếu có");
            let required = match (conditional, kind) {
                (false, _) => json!(true),
                (true, "deduct" | "count") => json!("if_happened"),
                (true, _) => json!(false),
            };
            json!({ "what": what, "required": required })
        })
        .collect()
}
