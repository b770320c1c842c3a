//! Reading one scoring rule of a criteria file (`"rule": {…}`): its kind, the parts each
//! kind needs, and the optional keys of ratios; split from `load.rs`, which reads the rest.

use super::cond::{Band, Cond};
use super::load::{Place, Walker};
use super::{CountScoring, Level, OverHundred, Rule, RuleInput, RuleKind, ZeroMeaning};
use crate::text;
use crate::value::parse_date;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

impl Walker<'_> {
    pub(super) fn rule(&mut self, place: &Place, v: &Value, max: Decimal) -> Option<Rule> {
        let obj = self.object(place, v, "\"rule\"")?;
        let kind_name = self.string(place, obj, "kind", true)?;
        let specific: &[&str] = match kind_name.as_str() {
            "levels" => &["levels"],
            "bands" => &["bands"],
            "ratio" => &[],
            "deduct" => &["per"],
            "deadline" => &["due", "late"],
            "manual" => &["step"],
            "count" => &["unit", "bands", "per"],
            other => {
                self.report(
                    place,
                    text!(vi: "loại quy tắc \"{other}\" không tồn tại; dùng levels, bands, ratio, deduct, deadline, manual hoặc count", en: "rule kind \"{other}\" does not exist; use levels, bands, ratio, deduct, deadline, manual or count"),
                );
                return None;
            }
        };
        let ratio_keys: &[&str] = match kind_name.as_str() {
            "bands" | "ratio" => &["nothing_to_count", "over_100"],
            _ => &[],
        };
        let specific: Vec<&str> = specific.iter().chain(ratio_keys).copied().collect();
        let known: Vec<&str> = ["kind", "input"].iter().chain(&specific).copied().collect();
        self.unknown_keys(place, obj, &known);
        let input = match obj.get("input") {
            None => None,
            Some(Value::String(s)) if s == "plan.completion" => Some(RuleInput::PlanCompletion),
            Some(other) => {
                self.report(place, text!(vi: "\"input\" chỉ nhận \"plan.completion\", không phải {other}", en: "\"input\" only accepts \"plan.completion\", not {other}"));
                None
            }
        };
        let kind = match kind_name.as_str() {
            "levels" => RuleKind::Levels(self.list(place, obj, "levels", |w, p, o| {
                w.unknown_keys(p, o, &["label", "points", "none"]);
                let label = w.string(p, o, "label", true)?;
                let none = match o.get("none") {
                    None => false,
                    Some(Value::Bool(b)) => *b,
                    Some(_) => {
                        w.report(p, text!(vi: "\"none\" phải là true hoặc false", en: "\"none\" must be true or false"));
                        false
                    }
                };
                Some(Level { label, points: w.points(p, o, max)?, none })
            })?),
            "bands" => RuleKind::Bands(self.bands(place, obj, max)?),
            "count" => {
                let unit = self.string(place, obj, "unit", false).unwrap_or_else(|| "lần".into());
                let scoring = match (obj.contains_key("bands"), obj.contains_key("per")) {
                    (true, false) => CountScoring::Bands(self.bands(place, obj, max)?),
                    (false, true) => CountScoring::Per(self.decimal(place, obj, "per", true)?),
                    _ => {
                        self.report(place, text!(vi: "quy tắc count cần đúng một trong \"bands\" (các khoảng theo số lượng) hoặc \"per\" (điểm cho mỗi đơn vị, tối đa bằng điểm tối đa)", en: "a count rule needs exactly one of \"bands\" (bands over the count) or \"per\" (points per item, capped at the maximum)"));
                        return None;
                    }
                };
                RuleKind::Count { unit, scoring }
            }
            "ratio" => RuleKind::Ratio,
            "deduct" => RuleKind::Deduct { per: self.decimal(place, obj, "per", true)? },
            "deadline" => {
                let raw = self.string(place, obj, "due", true)?;
                let late = self.decimal(place, obj, "late", true);
                let Some(due) = parse_date(&raw) else {
                    self.report(place, text!(vi: "\"due\": \"{raw}\" không phải là ngày hợp lệ (YYYY-MM-DD)", en: "\"due\": \"{raw}\" is not a valid date (YYYY-MM-DD)"));
                    return None;
                };
                RuleKind::Deadline { due, late: late? }
            }
            _ => RuleKind::Manual { step: self.decimal(place, obj, "step", true)? },
        };
        let zero = match obj.get("nothing_to_count") {
            None => None,
            Some(Value::String(s)) if s == "full" => Some(ZeroMeaning::Full),
            Some(Value::String(s)) if s == "zero" => Some(ZeroMeaning::Zero),
            Some(Value::String(s)) if s == "not_applicable" => Some(ZeroMeaning::NotApplicable),
            Some(other) => {
                self.report(place, text!(vi: "\"nothing_to_count\" (ý nghĩa của 0/0) phải là \"full\", \"zero\" hoặc \"not_applicable\", không phải {other}", en: "\"nothing_to_count\" (what 0/0 means) must be \"full\", \"zero\" or \"not_applicable\", not {other}"));
                None
            }
        };
        let over = match obj.get("over_100") {
            None => None,
            Some(Value::String(s)) if s == "cap" => Some(OverHundred::Cap),
            Some(Value::String(s)) if s == "refuse" => Some(OverHundred::Refuse),
            Some(other) => {
                self.report(place, text!(vi: "\"over_100\" (tỷ lệ trên 100%) phải là \"cap\" hoặc \"refuse\", không phải {other}", en: "\"over_100\" (a ratio above 100%) must be \"cap\" or \"refuse\", not {other}"));
                None
            }
        };
        Some(Rule {
            kind,
            input,
            zero,
            over,
        })
    }

    /// The `bands` of a bands or count rule.
    pub(super) fn bands(
        &mut self,
        place: &Place,
        obj: &Map<String, Value>,
        max: Decimal,
    ) -> Option<Vec<Band>> {
        self.list(place, obj, "bands", |w, p, o| {
            w.unknown_keys(p, o, &["when", "points"]);
            let raw = w.string(p, o, "when", true)?;
            let Some(when) = Cond::parse(&raw) else {
                w.report(p, text!(vi: "điều kiện \"{raw}\" không hợp lệ; viết >, >=, <, <= hoặc = và một số, hoặc else", en: "condition \"{raw}\" is not valid; write >, >=, <, <= or = and a number, or else"));
                return None;
            };
            Some(Band { when, points: w.points(p, o, max)? })
        })
    }

    /// A non-empty array of objects under `key`, each read by `item`.
    pub(super) fn list<T>(
        &mut self,
        place: &Place,
        obj: &Map<String, Value>,
        key: &str,
        item: impl Fn(&mut Self, &Place, &Map<String, Value>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Some(items) = obj
            .get(key)
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty())
        else {
            self.report(place, text!(vi: "\"{key}\" phải là một mảng không rỗng", en: "\"{key}\" must be a non-empty array"));
            return None;
        };
        let mut out = Vec::new();
        for v in items {
            if let Some(o) = self.object(place, v, key) {
                out.extend(item(self, place, o));
            }
        }
        (out.len() == items.len()).then_some(out)
    }
}
