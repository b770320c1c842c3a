//! A leaf's (or a bonus or penalty item's) rule, provenance and evidence in the imported
//! file: the rule its wording states, or a manual rule with the words kept and listed.

use super::{Read, ReadTable};
use crate::diag::Diagnostic;
use crate::input::fold;
use crate::text;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

/// A leaf's rule (manual with the words kept and a warning when `rule` is `None`), its
/// provenance and its evidence.
pub(super) fn leaf(
    o: &mut Map<String, Value>,
    n: &Read,
    max: Decimal,
    rule: Option<Value>,
    read: &ReadTable,
    diags: &mut Vec<Diagnostic>,
    manual: &mut usize,
) {
    let (table, cols, meta) = (read.table, read.cols, read.meta);
    let kind = rule
        .as_ref()
        .and_then(|r| r["kind"].as_str())
        .unwrap_or("manual")
        .to_string();
    match rule {
        Some(r) => {
            o.insert("rule".into(), r);
            o.insert(
                "provenance".into(),
                json!(format!("official: {}", meta.source)),
            );
        }
        None => {
            *manual += 1;
            let step = if (max / Decimal::new(25, 2)).fract().is_zero() {
                "0.25"
            } else {
                "0.01"
            };
            o.insert("rule".into(), json!({ "kind": "manual", "step": step }));
            let words = n.rule.replace('\n', " ");
            o.insert(
                "provenance".into(),
                json!(format!(
                    "modeled: cách tính điểm chưa đọc được, chấm tay; nguyên văn: \"{words}\""
                )),
            );
            diags.push(cols.problem(table, &n.row, cols.rule.unwrap_or(cols.max), text!(
                vi: "chưa đọc được cách tính điểm \"{words}\": đặt là chấm tay (manual), nguyên văn giữ trong \"provenance\"; sửa tệp JSON nếu cần",
                en: "cannot read the rule \"{words}\": made a manual rule, the words kept in \"provenance\"; edit the JSON if needed"
            )).for_code(&n.code).into_warning());
        }
    }
    let items = evidence(&n.evidence, &kind);
    if !items.is_empty() {
        o.insert("evidence".into(), Value::Array(items));
    }
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
