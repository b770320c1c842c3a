//! Reading the two optional sections of a criteria file that sit beside the areas: the
//! bonus and penalty items (`"adjustments"`) and the result classes (`"classes"`). Their
//! meaning is checked in `check_sections.rs` once the whole file is read.

use super::load::{Place, Walker};
use super::{Adjustment, AdjustmentKind, Adjustments, Class, Method, Minimum, Target};
use crate::text;
use serde_json::Value;

impl Walker<'_> {
    fn section_place(&self, key: &'static str) -> Place {
        Place {
            code: String::new(),
            line: self.section_lines.get(key).copied(),
        }
    }

    pub(super) fn adjustments(&mut self, v: Option<&Value>) -> Option<Adjustments> {
        let v = v?;
        let place = self.section_place("adjustments");
        let obj = self.object(&place, v, "\"adjustments\"")?;
        self.unknown_keys(
            &place,
            obj,
            &["max_bonus", "max_penalty", "index_capped", "items"],
        );
        let max_bonus = self.decimal(&place, obj, "max_bonus", true);
        let max_penalty = self.decimal(&place, obj, "max_penalty", true);
        let index_capped = match obj.get("index_capped") {
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.report(&place, text!(vi: "\"index_capped\" phải là true (chỉ số không vượt 100) hoặc false", en: "\"index_capped\" must be true (the index stops at 100) or false"));
                true
            }
            None => {
                self.report(&place, text!(vi: "thiếu trường bắt buộc \"index_capped\": ghi true nếu chỉ số không được vượt 100 khi cộng điểm thưởng, false nếu được", en: "missing required field \"index_capped\": write true if the index stops at 100 once bonus points are added, false if it may exceed it"));
                true
            }
        };
        let items = match obj.get("items") {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.adjustment(item, i))
                .collect(),
            _ => {
                self.report(&place, text!(vi: "\"items\" phải là một mảng các khoản điểm thưởng, điểm trừ", en: "\"items\" must be an array of bonus and penalty items"));
                Vec::new()
            }
        };
        Some(Adjustments {
            max_bonus: max_bonus.unwrap_or_default(),
            max_penalty: max_penalty.unwrap_or_default(),
            index_capped,
            items,
            line: place.line,
        })
    }

    /// One item: a leaf node (code, name, max, rule, evidence) with a `"kind"`.
    fn adjustment(&mut self, v: &Value, i: usize) -> Option<Adjustment> {
        let mut obj = v.as_object().cloned().unwrap_or_default();
        let kind = obj.remove("kind");
        let node = self.node(
            &Value::Object(obj),
            &format!("adjustments.items[{i}]"),
            Method::SelfAssessed,
        )?;
        let place = Place {
            code: node.code.clone(),
            line: node.line,
        };
        let kind = match kind {
            Some(Value::String(s)) if s == "bonus" => AdjustmentKind::Bonus,
            Some(Value::String(s)) if s == "penalty" => AdjustmentKind::Penalty,
            Some(other) => {
                self.report(&place, text!(vi: "\"kind\" của khoản điều chỉnh phải là \"bonus\" (điểm thưởng) hoặc \"penalty\" (điểm trừ), không phải {other}", en: "an adjustment's \"kind\" must be \"bonus\" or \"penalty\", not {other}"));
                return None;
            }
            None => {
                self.report(&place, text!(vi: "thiếu trường bắt buộc \"kind\": \"bonus\" (điểm thưởng) hoặc \"penalty\" (điểm trừ)", en: "missing required field \"kind\": \"bonus\" or \"penalty\""));
                return None;
            }
        };
        Some(Adjustment { kind, node })
    }

    pub(super) fn classes(&mut self, v: Option<&Value>) -> Vec<Class> {
        let Some(v) = v else { return Vec::new() };
        let place = self.section_place("classes");
        let Some(items) = v.as_array().filter(|a| !a.is_empty()) else {
            self.report(&place, text!(vi: "\"classes\" phải là một mảng không rỗng các mức xếp loại, mức cao nhất trước", en: "\"classes\" must be a non-empty array of classes, best first"));
            return Vec::new();
        };
        let from = place.line.unwrap_or(0);
        let mut out = Vec::new();
        // The k-th class with a label stands at the k-th line of that label in the section.
        let mut occurrences: std::collections::HashMap<&str, usize> = Default::default();
        for item in items {
            let label = item.get("label").and_then(Value::as_str).map(str::trim);
            let k = label.map(|l| {
                let k = occurrences.entry(l).or_insert(0);
                *k += 1;
                *k - 1
            });
            let line = label
                .and_then(|l| self.labels.get(l))
                .and_then(|lines| lines.iter().filter(|l| **l >= from).nth(k.unwrap_or(0)))
                .copied()
                .or(place.line);
            let here = Place {
                code: String::new(),
                line,
            };
            let Some(obj) = self.object(&here, item, "classes[…]") else {
                continue;
            };
            self.unknown_keys(&here, obj, &["label", "min_index", "min_percent"]);
            let label = self.string(&here, obj, "label", true);
            let min_index = self.decimal(&here, obj, "min_index", true);
            let mut minimums = Vec::new();
            match obj.get("min_percent") {
                None => {}
                Some(Value::Object(m)) => {
                    for (key, raw) in m {
                        let raw = match raw {
                            Value::Number(n) => n.to_string(),
                            Value::String(s) => s.clone(),
                            _ => String::new(),
                        };
                        let target = match key.as_str() {
                            "each_area" => Target::EachArea,
                            code => Target::Code(code.trim().to_string()),
                        };
                        if let Some(percent) = self.figure(&here, key, &raw) {
                            minimums.push(Minimum { target, percent });
                        }
                    }
                }
                Some(_) => self.report(&here, text!(vi: "\"min_percent\" phải là một đối tượng, ví dụ {{ \"each_area\": 80, \"3.2\": 70 }}", en: "\"min_percent\" must be an object, e.g. {{ \"each_area\": 80, \"3.2\": 70 }}")),
            }
            if let (Some(label), Some(min_index)) = (label, min_index) {
                out.push(Class {
                    label,
                    min_index,
                    minimums,
                    line,
                });
            }
        }
        out
    }
}
