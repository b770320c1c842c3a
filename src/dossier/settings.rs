//! `dossier.json`: who the unit is, which year, which criteria and ranking apply. Every key
//! is checked in one pass, so that a clerk writing the file by hand sees every missing or
//! wrong setting at once, each with the value it needs (and, for the criteria file, the
//! files that could be meant). The keys are read from a JSON value rather than through
//! serde's derive, whose English would otherwise reach a Vietnamese message.

use super::find::criteria_files;
use crate::diag::{Diagnostic, Fatal};
use crate::fsio::{read_input, Input, Within};
use crate::text;
use crate::value::parse_date;
use serde_json::{Map, Value};
use std::path::Path;
use time::Date;

pub const FORMAT: &str = "parscore-dossier/1";

/// The keys of `dossier.json`, in the order the docs list them.
pub const KEYS: [&str; 9] = [
    "format",
    "unit",
    "year",
    "criteria",
    "group",
    "rankings",
    "target_rank",
    "as_of",
    "report",
];

#[derive(Clone, Debug)]
pub struct Settings {
    pub unit: String,
    pub year: i32,
    /// Paths as written, relative to the dossier folder.
    pub criteria: String,
    pub group: String,
    pub rankings: Option<String>,
    pub target_rank: Option<u32>,
    /// The date the dossier is judged at: given, or today.
    pub as_of: Date,
}

/// The settings as far as they could be read: each key that is present and well-formed,
/// even when others are not, so that a command can check its own keys beside the rest.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub criteria: Option<String>,
    pub group: Option<String>,
    pub rankings: Option<String>,
    pub target_rank: Option<u32>,
    pub as_of: Option<Date>,
    /// Where each key is written (line, column), to place a problem with its value.
    pub places: Vec<(String, usize, usize)>,
}

/// Today in Vietnam (UTC+7), for a dossier without `as_of`.
pub fn today() -> Date {
    (time::OffsetDateTime::now_utc() + time::Duration::hours(7)).date()
}

/// Reads `dossier.json` at `path` (`source` names it): the keys that could be read, and
/// every problem found. `folder` is the dossier folder the criteria path is relative to.
pub fn read(
    path: &Path,
    source: &str,
    folder: &Path,
    read: crate::input::ReadOptions,
) -> Result<(Draft, Vec<Diagnostic>), Fatal> {
    let bytes = read_input(path, Within::folder_of(path), Input::Settings, read.caps)
        .map_err(|r| r.diagnostic(source))?;
    let text = match crate::input::json_text(&bytes, source) {
        Ok(t) => t,
        Err(d) => return Ok((Draft::default(), vec![*d])),
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            let (line, column) = crate::input::serde_position(&e);
            let why = crate::input::serde_text(&e);
            let (vi, en) = (&why.vi, &why.en);
            let d = Diagnostic::error(
                source,
                text!(vi: "dossier.json không hợp lệ: {vi}", en: "dossier.json is not valid ({en})"),
            )
            .at(line, column);
            return Ok((Draft::default(), vec![d]));
        }
    };
    let Value::Object(map) = value else {
        let d = Diagnostic::error(
            source,
            text!(
                vi: "dossier.json phải là một đối tượng {{ \"format\": …, \"unit\": …, … }}; xem docs/dossier-format.md",
                en: "dossier.json must be an object {{ \"format\": …, \"unit\": …, … }}; see docs/dossier-format.md"
            ),
        );
        return Ok((Draft::default(), vec![d]));
    };
    Ok(Checker {
        map: &map,
        text: &text,
        source,
        problems: Vec::new(),
    }
    .check(folder))
}

struct Checker<'a> {
    map: &'a Map<String, Value>,
    text: &'a str,
    source: &'a str,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// A problem with a key, placed at the key when it is written.
    fn push(&mut self, key: &str, message: crate::lang::Text) {
        let mut d = Diagnostic::error(self.source, message);
        if let Some((line, column)) = crate::input::key_position(self.text, key) {
            d = d.at(line, column);
        }
        self.problems.push(d);
    }

    /// A string value; a missing key is `None` (and an error when `required` says what to
    /// write), a value of another type an error.
    fn string(&mut self, key: &str, required: Option<&str>) -> Option<String> {
        match self.map.get(key) {
            None | Some(Value::Null) => {
                if let Some(example) = required {
                    self.push(
                        key,
                        text!(vi: "thiếu \"{key}\"; thêm ví dụ {example}", en: "\"{key}\" is missing; add for example {example}"),
                    );
                }
                None
            }
            Some(Value::String(s)) if required.is_some() && s.trim().is_empty() => {
                let example = required.unwrap_or_default();
                self.push(
                    key,
                    text!(vi: "\"{key}\" để trống; điền ví dụ {example}", en: "\"{key}\" is empty; fill it in, for example {example}"),
                );
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.push(
                    key,
                    text!(vi: "\"{key}\" phải là chuỗi trong ngoặc kép, không phải {other}", en: "\"{key}\" must be a string in double quotes, not {other}"),
                );
                None
            }
        }
    }

    /// A whole number in `range`; `example` is a valid value.
    fn number(
        &mut self,
        key: &str,
        range: std::ops::RangeInclusive<i64>,
        example: &str,
    ) -> Option<i64> {
        let v = self.map.get(key)?;
        match v.as_i64().filter(|n| range.contains(n)) {
            Some(n) => Some(n),
            None => {
                let (lo, hi) = (range.start(), range.end());
                self.push(
                    key,
                    text!(
                        vi: "\"{key}\": {v} không hợp lệ; cần một số nguyên từ {lo} đến {hi}, không đặt trong ngoặc kép, ví dụ \"{key}\": {example}",
                        en: "\"{key}\": {v} is not valid; it needs a whole number from {lo} to {hi}, without quotes, for example \"{key}\": {example}"
                    ),
                );
                None
            }
        }
    }

    fn check(mut self, folder: &Path) -> (Draft, Vec<Diagnostic>) {
        let keys: Vec<String> = self.map.keys().cloned().collect();
        for key in keys.iter().filter(|k| !KEYS.contains(&k.as_str())) {
            let list = KEYS.join(", ");
            let message = match nearest_key(&KEYS, key) {
                Some(k) => text!(
                    vi: "khóa \"{key}\" không có trong dossier.json; có phải là \"{k}\"? (các khóa: {list})",
                    en: "dossier.json has no key \"{key}\"; did you mean \"{k}\"? (the keys: {list})"
                ),
                None => text!(
                    vi: "khóa \"{key}\" không có trong dossier.json; xóa nó hoặc sửa tên (các khóa: {list})",
                    en: "dossier.json has no key \"{key}\"; remove it or correct its name (the keys: {list})"
                ),
            };
            self.push(key, message);
        }
        match self.string("format", Some(&format!("\"format\": \"{FORMAT}\""))) {
            Some(f) if f != FORMAT => self.push(
                "format",
                text!(vi: "định dạng \"{f}\" không được hỗ trợ; cần \"{FORMAT}\"", en: "format \"{f}\" is not supported; expected \"{FORMAT}\""),
            ),
            _ => {}
        }
        let unit = self.string(
            "unit",
            Some("\"unit\": \"Sở Nội vụ\" (tên đơn vị như trong bảng xếp hạng)"),
        );
        if !self.map.contains_key("year") {
            self.push("year", text!(vi: "thiếu \"year\"; thêm năm đánh giá, ví dụ \"year\": 2026", en: "\"year\" is missing; add the year assessed, for example \"year\": 2026"));
        }
        let year = self.number("year", 1900..=2100, "2026").map(|y| y as i32);
        let criteria = self.string(
            "criteria",
            Some("\"criteria\": \"../../criteria/haiphong-so-2026.json\""),
        );
        if let Some(c) = &criteria {
            self.criteria_exists(folder, c);
        } else if self.map.get("criteria").is_none_or(Value::is_null) {
            self.add_choices(folder);
        }
        let group = self.string("group", None);
        let rankings = self.string("rankings", None);
        let target_rank = self.number("target_rank", 1..=1000, "5").map(|k| k as u32);
        let as_of = match self.string("as_of", None) {
            None => None,
            Some(s) => match parse_date(&s) {
                Some(d) => Some(d),
                None => {
                    self.push("as_of", text!(vi: "\"as_of\": \"{s}\" không phải là ngày hợp lệ; viết ví dụ \"30/11/2026\" hoặc \"2026-11-30\"", en: "\"as_of\": \"{s}\" is not a valid date; write for example \"30/11/2026\" or \"2026-11-30\""));
                    None
                }
            },
        };
        let unit = unit.map(|u| crate::input::nfc(&u));
        let places = KEYS
            .iter()
            .filter_map(|k| {
                crate::input::key_position(self.text, k).map(|(l, c)| (k.to_string(), l, c))
            })
            .collect();
        let draft = Draft {
            unit,
            year,
            criteria,
            group,
            rankings,
            target_rank,
            as_of,
            places,
        };
        (draft, self.problems)
    }

    /// The criteria file must exist where the path, read from the dossier folder, leads.
    fn criteria_exists(&mut self, folder: &Path, named: &str) {
        let path = folder.join(named);
        if path.is_file()
            || !matches!(
                crate::fsio::inspect(&path, Within::Anywhere),
                Err(crate::fsio::Refusal::Missing)
            )
        {
            return;
        }
        let at = crate::fsio::shown(&path);
        self.push(
            "criteria",
            text!(
                vi: "\"criteria\": không có tệp tiêu chí {at} (đường dẫn \"{named}\" tính từ thư mục hồ sơ; khi chép hồ sơ đi nơi khác, sửa đường dẫn này)",
                en: "\"criteria\": no criteria file at {at} (the path \"{named}\" is relative to the dossier folder; fix it when the dossier is copied elsewhere)"
            ),
        );
        self.add_choices(folder);
    }

    /// Appends the criteria files found near the dossier to the last problem.
    fn add_choices(&mut self, folder: &Path) {
        let found = criteria_files(folder);
        let Some(last) = self.problems.last_mut() else {
            return;
        };
        if found.is_empty() {
            return;
        }
        let list = found
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let (vi, en) = (&last.message.vi, &last.message.en);
        last.message = text!(vi: "{vi}; các tệp tiêu chí tìm thấy: {list}", en: "{en}; criteria files found: {list}");
    }
}

impl Settings {
    /// Reads `dossier.json` in `folder`: `Ok(None)` with the problems in `diags` when invalid.
    pub fn read_file(
        folder: &Path,
        diags: &mut crate::diag::Diagnostics,
        read_as: crate::input::ReadOptions,
    ) -> Result<Option<Settings>, Fatal> {
        let (draft, problems) = Self::draft(folder, read_as)?;
        if !problems.is_empty() {
            diags.extend(problems);
            return Ok(None);
        }
        Ok(draft.complete())
    }

    /// Reads `dossier.json` in `folder` as far as it can be read, with every problem.
    pub fn draft(
        folder: &Path,
        read_as: crate::input::ReadOptions,
    ) -> Result<(Draft, Vec<Diagnostic>), Fatal> {
        let name = super::shown(folder, super::SETTINGS_FILE);
        read(&folder.join(super::SETTINGS_FILE), &name, folder, read_as)
    }
}

impl Draft {
    /// `d` placed at `key` when the key is written.
    pub fn at_key(&self, key: &str, d: Diagnostic) -> Diagnostic {
        match self.places.iter().find(|(k, _, _)| k == key) {
            Some((_, line, column)) => d.at(*line, *column),
            None => d,
        }
    }

    /// The settings, when every required key was read.
    pub fn complete(self) -> Option<Settings> {
        Some(Settings {
            unit: self.unit?,
            year: self.year?,
            criteria: self.criteria?,
            group: self.group.unwrap_or_default(),
            rankings: self.rankings,
            target_rank: self.target_rank,
            as_of: self.as_of.unwrap_or_else(today),
        })
    }
}

/// The known key a mistyped `key` most likely meant ("unti" → "unit"), if any is close.
pub(super) fn nearest_key(known: &[&'static str], key: &str) -> Option<&'static str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(k, &key.to_lowercase()), *k))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}
