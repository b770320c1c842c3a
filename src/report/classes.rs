//! The result class in words and in JSON, for `score` and `gap`: the class reached, and
//! for the one above it every minimum missed, with what is missing in percent and points.

use super::words::Words;
use crate::criteria::{Class, Target};
use crate::lang::Lang;
use crate::number::machine;
use crate::scoring::{Blocker, Classing};
use serde_json::{json, Value};

/// "Xếp loại: Tốt", then what keeps the unit out of the next class, one line each.
pub fn lines(c: &Classing, lang: Lang) -> String {
    let w = Words(lang);
    let mut out = match (&c.class, &c.next) {
        (Some(l), None) => w.t(
            format_args!("Xếp loại: {l} (mức cao nhất)\n"),
            format_args!("Class: {l} (the highest)\n"),
        ),
        (Some(l), Some(_)) => w.t(
            format_args!("Xếp loại: {l}\n"),
            format_args!("Class: {l}\n"),
        ),
        (None, _) => w
            .pick("Xếp loại: chưa đạt mức nào\n", "Class: none reached\n")
            .to_string(),
    };
    if let Some(next) = &c.next {
        let label = &next.label;
        out.push_str(&w.t(
            format_args!("  Chưa đạt mức \"{label}\":\n"),
            format_args!("  Not yet \"{label}\":\n"),
        ));
        for b in &next.blockers {
            out.push_str(&format!("  - {}\n", blocker(b, lang)));
        }
    }
    out
}

fn blocker(b: &Blocker, lang: Lang) -> String {
    let w = Words(lang);
    let (pct, min) = (w.percent(b.percent), w.points(b.minimum));
    let (sp, pts) = (w.percent(b.short_percent), w.points(b.short_points));
    let name = &b.name;
    match &b.code {
        None => w.t(
            format_args!("chỉ số {pct}, cần từ {min} trở lên (thiếu {sp}, tức {pts} điểm)"),
            format_args!("index {pct}, needs at least {min} ({sp} short, that is {pts} points)"),
        ),
        Some(code) => w.t(
            format_args!("{code} {name} đạt {pct}%, cần từ {min}% trở lên (thiếu {sp}%, tức {pts} điểm)"),
            format_args!("{code} {name} at {pct}%, needs at least {min}% ({sp}% short, that is {pts} points)"),
        ),
    }
}

/// `class` and `next_class` for a JSON result.
pub fn json(c: &Classing) -> (Value, Value) {
    let class = c.class.as_ref().map(|l| json!({ "label": l }));
    let next = c.next.as_ref().map(|n| {
        let blockers: Vec<Value> = n
            .blockers
            .iter()
            .map(|b| {
                json!({
                    "code": b.code, "name": b.code.as_ref().map(|_| b.name.clone()),
                    "minimum": machine(b.minimum), "reached": machine(b.percent),
                    "short_percent": machine(b.short_percent), "short_points": machine(b.short_points),
                })
            })
            .collect();
        json!({ "label": n.label, "blockers": blockers })
    });
    (json!(class), json!(next))
}

/// A class's conditions in the words of a published table, for `criteria show`:
/// "Xuất sắc: chỉ số từ 90 trở lên; mọi lĩnh vực từ 80% trở lên".
pub fn describe(c: &Class, lang: Lang) -> String {
    let w = Words(lang);
    let index = w.points(c.min_index);
    let mut parts = vec![w.t(
        format_args!("chỉ số từ {index} trở lên"),
        format_args!("index at least {index}"),
    )];
    for m in &c.minimums {
        let pct = w.points(m.percent);
        parts.push(match &m.target {
            Target::EachArea => w.t(
                format_args!("mọi lĩnh vực từ {pct}% trở lên"),
                format_args!("every area at least {pct}%"),
            ),
            Target::Code(code) => w.t(
                format_args!("{code} từ {pct}% trở lên"),
                format_args!("{code} at least {pct}%"),
            ),
        });
    }
    format!("{}: {}", c.label, parts.join("; "))
}
