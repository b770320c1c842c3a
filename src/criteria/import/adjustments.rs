//! Bonus and penalty sections of an annex ("Điểm thưởng", "Điểm trừ"): a row whose name
//! (or STT cell, when the title is merged across) starts so, or a Roman-numeral or lettered
//! section titled so, then its item rows until the next area. Items are coded `T1`, `T2`…
//! and `P1`, `P2`…; a section's cap is its row's maximum, else the sum of its items.
//! Whether the index may pass 100 is never in the table: `index_capped` is assumed `true`
//! and said so.

use super::{plain, Read, ReadTable};
use crate::criteria::AdjustmentKind;
use crate::diag::Diagnostic;
use crate::input::fold;
use crate::number::parse_decimal;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

/// A section's title as read: its kind, or `None` for a heading over both ("Điểm thưởng,
/// điểm trừ"), whose own sections follow.
pub(super) enum Title {
    Section(AdjustmentKind),
    Both,
}

/// The title a row carries, from its name or its STT cell.
pub(super) fn title(name: &str, code_cell: &str) -> Option<Title> {
    [name, code_cell].iter().find_map(|cell| {
        let folded = fold(cell);
        let bonus = folded.starts_with("điểm thưởng");
        let penalty = folded.starts_with("điểm trừ");
        match (bonus, penalty) {
            (true, _) if folded.contains("điểm trừ") => Some(Title::Both),
            (true, _) => Some(Title::Section(AdjustmentKind::Bonus)),
            (_, true) if folded.contains("điểm thưởng") => Some(Title::Both),
            (_, true) => Some(Title::Section(AdjustmentKind::Penalty)),
            _ => None,
        }
    })
}

/// One section as read: its row, the maximum written there, and its items.
pub(super) struct Section {
    pub kind: AdjustmentKind,
    pub max: Option<Decimal>,
    pub row: crate::input::Row,
    pub items: Vec<Read>,
}

/// A maximum as written in a bonus or penalty row: a penalty is often written "-1" or
/// "trừ 1", a bonus "+1".
pub(super) fn max_of(written: &str) -> Option<Decimal> {
    let t = fold(written);
    let t = t
        .trim_start_matches(['-', '−', '–', '+'])
        .trim_start_matches("trừ")
        .trim_start_matches("cộng")
        .trim();
    let t = t.strip_suffix("điểm").unwrap_or(t).trim();
    parse_decimal(t)
}

/// The next item code of a kind: `T3` after two bonus items.
pub(super) fn item_code(kind: AdjustmentKind, sections: &[Section]) -> String {
    let n = sections
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| s.items.len())
        .sum::<usize>()
        + 1;
    match kind {
        AdjustmentKind::Bonus => format!("T{n}"),
        AdjustmentKind::Penalty => format!("P{n}"),
    }
}

/// A section's cap: its row's maximum, else the sum of its items'.
pub(super) fn cap(s: &Section) -> Decimal {
    s.max
        .unwrap_or_else(|| s.items.iter().filter_map(|i| i.max).sum())
}

/// An item's rule, where its wording can be read as one an item may have: points per case
/// (`count` with `per`, also from "mỗi trường hợp trừ …"), `levels` or `count` bands.
pub(super) fn item_rule(written: &str, max: Decimal) -> Option<Value> {
    if let Some((per, unit)) = super::rules::per_case(written) {
        return Some(json!({ "kind": "count", "unit": unit, "per": plain(per) }));
    }
    let rule = super::rules::parse(written, max)?;
    match rule["kind"].as_str() {
        Some("levels" | "count") => Some(rule),
        _ => None,
    }
}

/// The `"adjustments"` section from the sections' caps and their items' JSON.
pub(super) fn section_json(sections: &[Section], items: Vec<Value>) -> Value {
    let cap_of = |kind| -> Decimal { sections.iter().filter(|s| s.kind == kind).map(cap).sum() };
    json!({
        "max_bonus": plain(cap_of(AdjustmentKind::Bonus)),
        "max_penalty": plain(cap_of(AdjustmentKind::Penalty)),
        "index_capped": true,
        "items": items,
    })
}

/// A bonus or penalty item: a leaf with its `kind`, whose rule is one an item may have.
pub(super) fn item_json(
    read: &ReadTable,
    kind: AdjustmentKind,
    n: &Read,
    diags: &mut Vec<Diagnostic>,
    manual: &mut usize,
) -> Value {
    let max = n.max.unwrap_or_default();
    let mut o = Map::new();
    o.insert("code".into(), json!(n.code));
    o.insert("name".into(), json!(n.name));
    o.insert("kind".into(), json!(kind.key()));
    o.insert("max".into(), json!(plain(max)));
    let rule = item_rule(&n.rule, max);
    super::leaf::leaf(&mut o, n, max, rule, read, diags, manual);
    Value::Object(o)
}
