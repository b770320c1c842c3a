//! Turns the text of a criteria file into the model, collecting every problem on the way
//! (syntax, missing or unknown fields, malformed figures) instead of stopping at the first.

use super::locate::{duplicate_keys, key_line, key_lines};
use super::{Body, Criteria, EvidenceItem, Method, Node, Points, FORMAT};
use crate::diag::{Diagnostic, Fatal};
use crate::number::{parse_decimal, scale, MAX_SCALE};
use crate::text;
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What reading a criteria file gave: the model where the file could be understood, and
/// every problem found in it.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub criteria: Option<Criteria>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and checks a criteria file. `Err` only when the file cannot be read at all.
pub fn load_file(
    path: &Path,
    source: &str,
    read: crate::input::ReadOptions,
) -> Result<Loaded, Fatal> {
    let bytes = crate::fsio::read_input(
        path,
        crate::fsio::Within::Anywhere,
        crate::fsio::Input::Criteria,
        read.caps,
    )
    .map_err(|r| r.diagnostic(source))?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            let d = Diagnostic::error(
                source,
                text!(
                    vi: "tệp tiêu chí phải là UTF-8; byte không hợp lệ ở đây",
                    en: "a criteria file must be UTF-8; invalid byte here"
                ),
            )
            .at(line, column);
            return Ok(Loaded {
                criteria: None,
                diagnostics: vec![d],
            });
        }
    };
    Ok(load_str(text, source))
}

/// Parses criteria text; `source` names it in messages. Runs every check in
/// [`super::check`] once the model is built.
pub fn load_str(text: &str, source: &str) -> Loaded {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let why = crate::input::serde_text(&e);
            let (vi, en) = (&why.vi, &why.en);
            let d = Diagnostic::error(
                source,
                text!(
                    vi: "lỗi cú pháp JSON: {vi}",
                    en: "JSON syntax error ({en})"
                ),
            )
            .at(e.line(), e.column().max(1));
            return Loaded {
                criteria: None,
                diagnostics: vec![d],
            };
        }
    };
    let mut walker = Walker {
        source,
        lines: key_lines(text, "code"),
        names: key_lines(text, "name"),
        labels: key_lines(text, "label"),
        section_lines: ["classes", "adjustments"]
            .into_iter()
            .filter_map(|k| Some((k, key_line(text, k)?)))
            .collect(),
        seen: HashMap::new(),
        unknown_max: HashSet::new(),
        diags: Vec::new(),
    };
    for (key, line) in duplicate_keys(text) {
        let code = walker.code_before(line);
        walker.diags.push(
            Diagnostic::error(source, text!(vi: "khóa \"{key}\" được viết hai lần trong cùng một đối tượng", en: "key \"{key}\" is written twice in the same object"))
                .at_line(Some(line))
                .for_code(&code),
        );
    }
    let criteria = walker.criteria(&value);
    let mut diagnostics = walker.diags;
    if let Some(c) = &criteria {
        diagnostics.extend(super::check::check_with(c, &walker.unknown_max));
    }
    diagnostics.sort_by_key(|d| d.line.unwrap_or(0));
    Loaded {
        criteria,
        diagnostics,
    }
}

/// No point figure in an index comes near this; anything larger is a typing mistake, and
/// refusing it keeps every sum far from the limits of exact decimal arithmetic.
const LIMIT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

pub(super) struct Walker<'a> {
    source: &'a str,
    lines: HashMap<String, Vec<usize>>,
    pub(super) names: HashMap<String, Vec<usize>>,
    /// The lines of every `"label"`, to place a class.
    pub(super) labels: HashMap<String, Vec<usize>>,
    /// The lines of the `"classes"` and `"adjustments"` keys.
    pub(super) section_lines: HashMap<&'static str, usize>,
    seen: HashMap<String, usize>,
    /// Codes whose `max` could not be read: sums over them are not checked again.
    unknown_max: HashSet<String>,
    diags: Vec<Diagnostic>,
}

/// Where a problem sits: the criterion code (or the JSON path when the code is missing)
/// and the line of that code.
#[derive(Clone)]
pub(super) struct Place {
    pub(super) code: String,
    pub(super) line: Option<usize>,
}

impl Walker<'_> {
    /// The code of the node whose `"code"` stands last at or before `line`.
    fn code_before(&self, line: usize) -> String {
        self.lines
            .iter()
            .flat_map(|(code, lines)| lines.iter().map(move |l| (*l, code)))
            .filter(|(l, _)| *l <= line)
            .max()
            .map(|(_, c)| c.clone())
            .unwrap_or_default()
    }

    pub(super) fn report(&mut self, place: &Place, message: crate::lang::Text) {
        self.diags.push(
            Diagnostic::error(self.source, message)
                .at_line(place.line)
                .for_code(&place.code),
        );
    }

    pub(super) fn unknown_keys(&mut self, place: &Place, obj: &Map<String, Value>, known: &[&str]) {
        for key in obj.keys() {
            if known.contains(&key.as_str()) {
                continue;
            }
            let hint = known
                .iter()
                .map(|k| (strsim::levenshtein(k, key), *k))
                .min()
                .filter(|(dist, _)| *dist <= 2)
                .map(|(_, k)| k);
            let message = match hint {
                Some(k) => text!(
                    vi: "khóa không xác định \"{key}\" (có phải \"{k}\"?)",
                    en: "unknown key \"{key}\" (did you mean \"{k}\"?)"
                ),
                None => text!(
                    vi: "khóa không xác định \"{key}\"; các khóa hợp lệ: {list}",
                    en: "unknown key \"{key}\"; valid keys: {list}",
                    list = known.join(", ")
                ),
            };
            self.report(place, message);
        }
    }

    pub(super) fn object<'v>(
        &mut self,
        place: &Place,
        v: &'v Value,
        what: &str,
    ) -> Option<&'v Map<String, Value>> {
        let obj = v.as_object();
        if obj.is_none() {
            self.report(
                place,
                text!(vi: "{what} phải là một đối tượng JSON {{…}}", en: "{what} must be a JSON object {{…}}"),
            );
        }
        obj
    }

    pub(super) fn string(
        &mut self,
        place: &Place,
        obj: &Map<String, Value>,
        key: &str,
        required: bool,
    ) -> Option<String> {
        match obj.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(crate::input::nfc(s.trim())),
            Some(Value::String(_)) => {
                self.report(
                    place,
                    text!(vi: "\"{key}\" không được để trống", en: "\"{key}\" must not be empty"),
                );
                None
            }
            Some(_) => {
                self.report(
                    place,
                    text!(vi: "\"{key}\" phải là một chuỗi", en: "\"{key}\" must be a string"),
                );
                None
            }
            None if required => {
                self.report(place, text!(vi: "thiếu trường bắt buộc \"{key}\"", en: "missing required field \"{key}\""));
                None
            }
            None => None,
        }
    }

    /// A decimal written as a JSON number or string, at most two decimal places.
    pub(super) fn decimal(
        &mut self,
        place: &Place,
        obj: &Map<String, Value>,
        key: &str,
        required: bool,
    ) -> Option<Decimal> {
        let raw = match obj.get(key) {
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => {
                self.report(
                    place,
                    text!(vi: "\"{key}\" phải là một số", en: "\"{key}\" must be a number"),
                );
                return None;
            }
            None => {
                if required {
                    self.report(place, text!(vi: "thiếu trường bắt buộc \"{key}\"", en: "missing required field \"{key}\""));
                }
                return None;
            }
        };
        self.figure(place, key, &raw)
    }

    pub(super) fn figure(&mut self, place: &Place, key: &str, raw: &str) -> Option<Decimal> {
        let Some(d) = parse_decimal(raw) else {
            self.report(place, text!(vi: "\"{key}\": \"{raw}\" không phải là số", en: "\"{key}\": \"{raw}\" is not a number"));
            return None;
        };
        if d.abs() > LIMIT {
            let limit = LIMIT;
            self.report(
                place,
                text!(vi: "\"{key}\": {raw} quá lớn (tối đa {limit})", en: "\"{key}\": {raw} is too large (at most {limit})"),
            );
            return None;
        }
        if scale(d) > MAX_SCALE {
            self.report(
                place,
                text!(vi: "\"{key}\": {raw} có quá hai chữ số thập phân", en: "\"{key}\": {raw} has more than two decimal places"),
            );
        }
        Some(d)
    }

    /// Points in a level or band: a figure or `"75%"` of the node's maximum.
    pub(super) fn points(
        &mut self,
        place: &Place,
        obj: &Map<String, Value>,
        max: Decimal,
    ) -> Option<Points> {
        if let Some(Value::String(s)) = obj.get("points") {
            if let Some(pct) = s.trim().strip_suffix('%') {
                let percent = self.figure(place, "points", pct)?;
                return Some(Points {
                    value: max * percent / Decimal::ONE_HUNDRED,
                    percent: Some(percent),
                });
            }
        }
        let value = self.decimal(place, obj, "points", true)?;
        Some(Points {
            value,
            percent: None,
        })
    }

    fn criteria(&mut self, v: &Value) -> Option<Criteria> {
        let top = Place {
            code: String::new(),
            line: Some(1),
        };
        let obj = self.object(&top, v, "tệp tiêu chí / criteria file")?;
        self.unknown_keys(
            &top,
            obj,
            &[
                "format",
                "id",
                "title",
                "year",
                "total",
                "note",
                "areas",
                "adjustments",
                "classes",
            ],
        );
        match obj.get("format").and_then(Value::as_str) {
            Some(FORMAT) => {}
            Some(other) => self.report(
                &top,
                text!(vi: "định dạng \"{other}\" không được hỗ trợ; cần \"{FORMAT}\"", en: "format \"{other}\" is not supported; expected \"{FORMAT}\""),
            ),
            None => self.report(
                &top,
                text!(vi: "thiếu trường bắt buộc \"format\": \"{FORMAT}\"", en: "missing required field \"format\": \"{FORMAT}\""),
            ),
        }
        let id = self.string(&top, obj, "id", true);
        let title = self.string(&top, obj, "title", true);
        let note = self.string(&top, obj, "note", false).unwrap_or_default();
        let year = match obj.get("year") {
            Some(Value::Number(n)) if n.as_i64().is_some_and(|y| (1990..=2200).contains(&y)) => {
                n.as_i64().map(|y| y as i32)
            }
            Some(_) => {
                self.report(&top, text!(vi: "\"year\" phải là một năm, ví dụ 2026", en: "\"year\" must be a year, e.g. 2026"));
                None
            }
            None => {
                self.report(&top, text!(vi: "thiếu trường bắt buộc \"year\"", en: "missing required field \"year\""));
                None
            }
        };
        let total = self.decimal(&top, obj, "total", true);
        let areas = match obj.get("areas") {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| self.node(n, &format!("areas[{i}]"), Method::SelfAssessed))
                .collect(),
            Some(_) => {
                self.report(
                    &top,
                    text!(vi: "\"areas\" phải là một mảng", en: "\"areas\" must be an array"),
                );
                Vec::new()
            }
            None => {
                self.report(&top, text!(vi: "thiếu trường bắt buộc \"areas\"", en: "missing required field \"areas\""));
                Vec::new()
            }
        };
        let adjustments = self.adjustments(obj.get("adjustments"));
        let classes = self.classes(obj.get("classes"));
        Some(Criteria {
            adjustments,
            classes,
            source: self.source.to_string(),
            id: id.unwrap_or_default(),
            title: title.unwrap_or_default(),
            year: year.unwrap_or(0),
            total: total.unwrap_or_default(),
            note,
            areas,
        })
    }

    pub(super) fn node(&mut self, v: &Value, path: &str, inherited: Method) -> Option<Node> {
        let code = v
            .get("code")
            .and_then(Value::as_str)
            .map(|c| c.trim().to_string());
        let place = match &code {
            Some(c) => {
                let k = self.seen.entry(c.clone()).or_insert(0);
                let line = self.lines.get(c).and_then(|l| l.get(*k)).copied();
                *k += 1;
                Place {
                    code: c.clone(),
                    line,
                }
            }
            None => Place {
                code: path.to_string(),
                line: v
                    .get("name")
                    .and_then(Value::as_str)
                    .and_then(|n| self.names.get(n.trim()))
                    .and_then(|l| l.first())
                    .copied(),
            },
        };
        let obj = self.object(&place, v, "tiêu chí / criterion")?;
        self.unknown_keys(
            &place,
            obj,
            &[
                "code",
                "name",
                "max",
                "method",
                "children",
                "rule",
                "evidence",
                "provenance",
                "replaces",
                "not_for",
            ],
        );
        self.string(&place, obj, "code", true);
        let name = self.string(&place, obj, "name", true).unwrap_or_default();
        let max = self.decimal(&place, obj, "max", true);
        if max.is_some_and(|m| m < Decimal::ZERO) {
            self.report(
                &place,
                text!(vi: "\"max\" phải lớn hơn hoặc bằng 0", en: "\"max\" must be zero or more"),
            );
        }
        let max_given = max;
        if max.is_none() {
            if let Some(c) = &code {
                self.unknown_max.insert(c.clone());
            }
        }
        let max = max.unwrap_or_default();
        let method = match obj.get("method") {
            None => inherited,
            Some(Value::String(s)) if s == "self" => Method::SelfAssessed,
            Some(Value::String(s)) if s == "survey" => Method::Survey,
            Some(other) => {
                self.report(
                    &place,
                    text!(vi: "\"method\" phải là \"self\" hoặc \"survey\", không phải {other}", en: "\"method\" must be \"self\" or \"survey\", not {other}"),
                );
                inherited
            }
        };
        let body = match (obj.get("children"), obj.get("rule")) {
            (Some(_), Some(_)) => {
                self.report(
                    &place,
                    text!(vi: "một tiêu chí có \"children\" thì không được có \"rule\" (chỉ tiêu chí lá mới có cách tính điểm)", en: "a criterion with \"children\" must not have a \"rule\" (only leaves are scored)"),
                );
                None
            }
            (None, None) => {
                self.report(
                    &place,
                    text!(vi: "tiêu chí lá phải có đúng một \"rule\" (hoặc có \"children\")", en: "a leaf needs exactly one \"rule\" (or it needs \"children\")"),
                );
                None
            }
            (Some(Value::Array(items)), None) => Some(Body::Children(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, n)| self.node(n, &format!("{path}.children[{i}]"), method))
                    .collect(),
            )),
            (Some(_), None) => {
                self.report(
                    &place,
                    text!(vi: "\"children\" phải là một mảng", en: "\"children\" must be an array"),
                );
                None
            }
            (None, Some(rule)) => self.rule(&place, rule, max).map(Body::Rule),
        };
        // A parent whose max could not be read stands for its children's sum, so that one
        // mistake is reported once rather than again at every level above it.
        let max = match (&body, max_given) {
            (Some(Body::Children(c)), None) => c.iter().map(|n| n.max).sum(),
            _ => max,
        };
        let evidence = self.evidence(&place, obj.get("evidence"));
        let provenance = self.string(&place, obj, "provenance", false);
        let replaces = match obj.get("replaces") {
            None => Vec::new(),
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            Some(_) => {
                self.report(&place, text!(vi: "\"replaces\" phải là một mảng mã, ví dụ [\"1.1.3\"]", en: "\"replaces\" must be an array of codes, e.g. [\"1.1.3\"]"));
                Vec::new()
            }
        };
        let not_for = match obj.get("not_for") {
            None => Vec::new(),
            Some(Value::Array(items))
                if !items.is_empty() && items.iter().all(Value::is_string) =>
            {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|g| g.trim().to_string())
                    .collect()
            }
            Some(_) => {
                self.report(&place, text!(vi: "\"not_for\" phải là một mảng tên nhóm đơn vị, ví dụ [\"xa-dac-khu\"]", en: "\"not_for\" must be an array of unit groups, e.g. [\"xa-dac-khu\"]"));
                Vec::new()
            }
        };
        Some(Node {
            code: code.unwrap_or_default(),
            name,
            max,
            method,
            body: body.unwrap_or(Body::Invalid),
            evidence,
            provenance,
            replaces,
            not_for,
            line: place.line,
        })
    }

    fn evidence(&mut self, place: &Place, v: Option<&Value>) -> Vec<EvidenceItem> {
        let Some(v) = v else { return Vec::new() };
        let Some(items) = v.as_array() else {
            self.report(
                place,
                text!(vi: "\"evidence\" phải là một mảng", en: "\"evidence\" must be an array"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Some(obj) = self.object(place, item, "evidence[…]") else {
                continue;
            };
            self.unknown_keys(place, obj, &["what", "required"]);
            let what = self.string(place, obj, "what", true);
            let (required, if_happened) = match obj.get("required") {
                None => (true, false),
                Some(Value::Bool(b)) => (*b, false),
                Some(Value::String(s)) if s == "if_happened" => (true, true),
                Some(_) => {
                    self.report(place, text!(vi: "\"required\" phải là true, false hoặc \"if_happened\"", en: "\"required\" must be true, false or \"if_happened\""));
                    (true, false)
                }
            };
            if let Some(what) = what {
                out.push(EvidenceItem {
                    what,
                    required,
                    if_happened,
                });
            }
        }
        out
    }
}
