//! The result class in words and in JSON, for `score` and `gap`: the class reached, and
//! for the one above it every minimum missed, with what is missing in percent and points.

use crate::criteria::{Class, Target};
use crate::lang::Lang;
use crate::number::{machine, show_percent, show_points};
use crate::scoring::{Blocker, Classing};
use serde_json::{json, Value};

/// "Xếp loại: Tốt", then what keeps the unit out of the next class, one line each.
pub fn lines(c: &Classing, lang: Lang) -> String {
    let mut out = match (&c.class, &c.next, lang) {
        (Some(l), None, Lang::Vi) => format!("Xếp loại: {l} (mức cao nhất)\n"),
        (Some(l), None, Lang::En) => format!("Class: {l} (the highest)\n"),
        (Some(l), Some(_), Lang::Vi) => format!("Xếp loại: {l}\n"),
        (Some(l), Some(_), Lang::En) => format!("Class: {l}\n"),
        (None, _, Lang::Vi) => "Xếp loại: chưa đạt mức nào\n".to_string(),
        (None, _, Lang::En) => "Class: none reached\n".to_string(),
    };
    if let Some(next) = &c.next {
        let label = &next.label;
        out.push_str(&match lang {
            Lang::Vi => format!("  Chưa đạt mức \"{label}\":\n"),
            Lang::En => format!("  Not yet \"{label}\":\n"),
        });
        for b in &next.blockers {
            out.push_str(&format!("  - {}\n", blocker(b, lang)));
        }
    }
    out
}

fn blocker(b: &Blocker, lang: Lang) -> String {
    let (pct, min) = (show_percent(b.percent, lang), show_points(b.minimum, lang));
    let (sp, pts) = (
        show_percent(b.short_percent, lang),
        show_points(b.short_points, lang),
    );
    match (&b.code, lang) {
        (None, Lang::Vi) => {
            format!("chỉ số {pct}, cần từ {min} trở lên (thiếu {sp}, tức {pts} điểm)")
        }
        (None, Lang::En) => {
            format!("index {pct}, needs at least {min} ({sp} short, that is {pts} points)")
        }
        (Some(code), Lang::Vi) => format!(
            "{code} {} đạt {pct}%, cần từ {min}% trở lên (thiếu {sp}%, tức {pts} điểm)",
            b.name
        ),
        (Some(code), Lang::En) => format!(
            "{code} {} at {pct}%, needs at least {min}% ({sp}% short, that is {pts} points)",
            b.name
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
    let p = |d| show_points(d, lang);
    let mut parts = vec![match lang {
        Lang::Vi => format!("chỉ số từ {} trở lên", p(c.min_index)),
        Lang::En => format!("index at least {}", p(c.min_index)),
    }];
    for m in &c.minimums {
        parts.push(match (&m.target, lang) {
            (Target::EachArea, Lang::Vi) => format!("mọi lĩnh vực từ {}% trở lên", p(m.percent)),
            (Target::EachArea, Lang::En) => format!("every area at least {}%", p(m.percent)),
            (Target::Code(code), Lang::Vi) => format!("{code} từ {}% trở lên", p(m.percent)),
            (Target::Code(code), Lang::En) => format!("{code} at least {}%", p(m.percent)),
        });
    }
    format!("{}: {}", c.label, parts.join("; "))
}
