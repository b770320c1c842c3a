//! Bonus and penalty sections of an annex ("Điểm thưởng", "Điểm trừ"): a row whose name
//! (or STT cell, when the title is merged across) starts so, or a Roman-numeral or lettered
//! section titled so, then its item rows until the next area. Items are coded `T1`, `T2`…
//! and `P1`, `P2`…; a section's cap is its row's maximum, else the sum of its items.
//! Whether the index may pass 100 is never in the table: `index_capped` is assumed `true`
//! and said so.

use super::{plain, Read, ReadTable};
use crate::criteria::AdjustmentKind;
use crate::input::fold;
use crate::number::parse_decimal;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

/// A section's title as read: its kind, or `None` for a heading over both ("Điểm thưởng,
/// điểm trừ"), whose own sections follow.
pub(super) enum Title {
    Section(AdjustmentKind),
    Both,
    /// An item that names its kind before a colon ("Điểm thưởng: Đơn vị có sáng kiến…",
    /// Hà Nội 2025 section IX), with the rest of its name.
    Item(AdjustmentKind, String),
}

/// The title a row carries, from its name or its STT cell.
pub(super) fn title(name: &str, code_cell: &str) -> Option<Title> {
    let folded = fold(name);
    for (prefix, kind) in [
        ("điểm thưởng", AdjustmentKind::Bonus),
        ("điểm trừ", AdjustmentKind::Penalty),
    ] {
        if let Some(rest) = folded.strip_prefix(prefix) {
            if rest.trim_start().starts_with(':') && !rest.trim_start()[1..].trim().is_empty() {
                let colon = name.find(':').map_or(name.len(), |i| i + 1);
                return Some(Title::Item(kind, name[colon..].trim().to_string()));
            }
        }
    }
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
    out: &mut super::Out,
) -> Value {
    let max = n.max.unwrap_or_default();
    let mut o = Map::new();
    o.insert("code".into(), json!(n.code));
    o.insert("name".into(), json!(n.name));
    o.insert("kind".into(), json!(kind.key()));
    o.insert("max".into(), json!(plain(max)));
    super::leaf::leaf(&mut o, n, max, Some(kind), read, out);
    Value::Object(o)
}
