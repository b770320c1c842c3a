//! The `report` section of `dossier.json`: what the Word report and the explanation letter
//! (`export --docx`) say beyond the figures — the issuing body, number and symbol, place
//! and date, signer, recipients, and the free text (introduction, difficulties,
//! recommendations). Every key is optional: what is missing is left as a marked blank in
//! the document, for the Office to fill in by hand. What is written wrongly (an unknown
//! key, a number where text belongs, a date that is not one) is reported with its line,
//! all problems together, like every other key of the file.

use crate::diag::{Diagnostic, Fatal};
use crate::fsio::{read_input, Input, Within};
use crate::lang::Text;
use crate::text;
use crate::value::parse_date;
use serde_json::{Map, Value};
use std::path::Path;
use time::Date;

/// The key of the section in `dossier.json`.
pub const SECTION: &str = "report";

/// The keys of the section, in the order the docs list them.
pub const REPORT_KEYS: [&str; 15] = [
    "superior",
    "issuer",
    "number",
    "place",
    "date",
    "signer",
    "signer_title",
    "recipients",
    "introduction",
    "difficulties",
    "recommendations",
    "appeal_number",
    "appeal_date",
    "appeal_to",
    "appeal_introduction",
];

/// The section as read; `None` or empty where the dossier says nothing.
#[derive(Clone, Debug, Default)]
pub struct ReportInfo {
    /// The body above the issuer (`ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG`).
    pub superior: Option<String>,
    /// The issuing body (`BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG`).
    pub issuer: Option<String>,
    /// Number and symbol of the report (`215/BC-BQL`).
    pub number: Option<String>,
    pub place: Option<String>,
    pub date: Option<Date>,
    pub signer: Option<String>,
    pub signer_title: Option<String>,
    pub recipients: Vec<String>,
    pub introduction: Vec<String>,
    pub difficulties: Vec<String>,
    pub recommendations: Vec<String>,
    /// Number and symbol of the explanation letter (`35/BQL-VP`).
    pub appeal_number: Option<String>,
    pub appeal_date: Option<Date>,
    /// Whom the letter is addressed to (`Hội đồng thẩm định …`).
    pub appeal_to: Option<String>,
    pub appeal_introduction: Vec<String>,
}

/// Reads the `report` section of `dossier.json` in `folder`: what could be read, and every
/// problem, each placed at its key. A file that is not valid JSON gives an empty section
/// (the settings check reports it).
pub fn read_report(
    folder: &Path,
    read: crate::input::ReadOptions,
) -> Result<(ReportInfo, Vec<Diagnostic>), Fatal> {
    let path = folder.join(super::SETTINGS_FILE);
    let source = super::shown(folder, super::SETTINGS_FILE);
    let bytes = read_input(&path, Within::folder_of(&path), Input::Settings, read.caps)
        .map_err(|r| r.diagnostic(&source))?;
    let Ok(text) = crate::input::json_text(&bytes, &source) else {
        return Ok((ReportInfo::default(), Vec::new()));
    };
    Ok(report_from_text(&text, &source))
}

/// The `report` section of the text of a `dossier.json` named `source`, with its problems
/// (the same checks as [`read_report`], for a file about to be written).
pub fn report_from_text(text: &str, source: &str) -> (ReportInfo, Vec<Diagnostic>) {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
        return (ReportInfo::default(), Vec::new());
    };
    let mut r = Reader {
        text,
        source,
        from_line: crate::input::key_position(text, SECTION).map_or(1, |(l, _)| l),
        problems: Vec::new(),
    };
    let info = match map.get(SECTION) {
        None | Some(Value::Null) => ReportInfo::default(),
        Some(Value::Object(section)) => r.section(section),
        Some(other) => {
            r.push(
                SECTION,
                text!(
                    vi: "\"report\" phải là một đối tượng {{ \"issuer\": …, \"number\": …, … }}, không phải {other}; xem docs/word-report.md",
                    en: "\"report\" must be an object {{ \"issuer\": …, \"number\": …, … }}, not {other}; see docs/word-report.md"
                ),
            );
            ReportInfo::default()
        }
    };
    (info, r.problems)
}

struct Reader<'a> {
    text: &'a str,
    source: &'a str,
    /// The line of the `report` key: the section's keys are looked for from there on.
    from_line: usize,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn push(&mut self, key: &str, message: Text) {
        let mut d = Diagnostic::error(self.source, message);
        let skip = self.from_line.saturating_sub(1);
        let rest: String = self.text.lines().skip(skip).collect::<Vec<_>>().join("\n");
        if let Some((line, column)) = crate::input::key_position(&rest, key) {
            d = d.at(line + skip, column);
        }
        self.problems.push(d);
    }

    fn section(&mut self, map: &Map<String, Value>) -> ReportInfo {
        for key in map.keys().filter(|k| !REPORT_KEYS.contains(&k.as_str())) {
            let list = REPORT_KEYS.join(", ");
            let message = match super::settings::nearest_key(&REPORT_KEYS, key) {
                Some(k) => text!(
                    vi: "mục \"report\" không có khóa \"{key}\"; có phải là \"{k}\"? (các khóa: {list})",
                    en: "the \"report\" section has no key \"{key}\"; did you mean \"{k}\"? (the keys: {list})"
                ),
                None => text!(
                    vi: "mục \"report\" không có khóa \"{key}\"; xóa nó hoặc sửa tên (các khóa: {list})",
                    en: "the \"report\" section has no key \"{key}\"; remove it or correct its name (the keys: {list})"
                ),
            };
            self.push(key, message);
        }
        ReportInfo {
            superior: self.string(map, "superior"),
            issuer: self.string(map, "issuer"),
            number: self.string(map, "number"),
            place: self.string(map, "place"),
            date: self.date(map, "date"),
            signer: self.string(map, "signer"),
            signer_title: self.string(map, "signer_title"),
            recipients: self.paragraphs(map, "recipients"),
            introduction: self.paragraphs(map, "introduction"),
            difficulties: self.paragraphs(map, "difficulties"),
            recommendations: self.paragraphs(map, "recommendations"),
            appeal_number: self.string(map, "appeal_number"),
            appeal_date: self.date(map, "appeal_date"),
            appeal_to: self.string(map, "appeal_to"),
            appeal_introduction: self.paragraphs(map, "appeal_introduction"),
        }
    }

    /// A text value; blank is the same as absent.
    fn string(&mut self, map: &Map<String, Value>, key: &str) -> Option<String> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(crate::input::nfc(s.trim())).filter(|s| !s.is_empty()),
            Some(other) => {
                self.push(
                    key,
                    text!(
                        vi: "\"{key}\" phải là chuỗi trong ngoặc kép, không phải {other}",
                        en: "\"{key}\" must be a string in double quotes, not {other}"
                    ),
                );
                None
            }
        }
    }

    /// Paragraphs: one string, or a list of strings (one per paragraph or recipient).
    fn paragraphs(&mut self, map: &Map<String, Value>, key: &str) -> Vec<String> {
        let keep = |s: &str| Some(crate::input::nfc(s.trim())).filter(|s| !s.is_empty());
        match map.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(s)) => keep(s).into_iter().collect(),
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
                .iter()
                .filter_map(|v| v.as_str().and_then(keep))
                .collect(),
            Some(_) => {
                self.push(
                    key,
                    text!(
                        vi: "\"{key}\" phải là một chuỗi hoặc danh sách chuỗi, mỗi đoạn một chuỗi, ví dụ \"{key}\": [\"Đoạn thứ nhất.\", \"Đoạn thứ hai.\"]",
                        en: "\"{key}\" must be a string or a list of strings, one per paragraph, for example \"{key}\": [\"First paragraph.\", \"Second paragraph.\"]"
                    ),
                );
                Vec::new()
            }
        }
    }

    fn date(&mut self, map: &Map<String, Value>, key: &str) -> Option<Date> {
        let written = self.string(map, key)?;
        let date = parse_date(&written);
        if date.is_none() {
            self.push(
                key,
                text!(
                    vi: "\"{key}\": \"{written}\" không phải là ngày hợp lệ; viết ví dụ \"20/12/2026\" hoặc \"2026-12-20\"",
                    en: "\"{key}\": \"{written}\" is not a valid date; write for example \"20/12/2026\" or \"2026-12-20\""
                ),
            );
        }
        date
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> (ReportInfo, Vec<Diagnostic>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("dossier.json"), json).unwrap();
        read_report(dir.path(), Default::default()).unwrap()
    }

    #[test]
    fn a_dossier_without_the_section_has_every_field_blank() {
        let (info, problems) = read(r#"{ "unit": "Sở Nội vụ" }"#);
        assert!(problems.is_empty());
        assert!(info.number.is_none() && info.recipients.is_empty());
    }

    #[test]
    fn text_and_lists_are_read_and_blank_values_count_as_missing() {
        let (info, problems) = read(
            r#"{ "report": { "number": "215/BC-BQL", "place": " ", "date": "20/12/2026",
                 "recipients": ["Sở Nội vụ;", "Lưu: VT, VP."], "introduction": "Một đoạn." } }"#,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(info.number.as_deref(), Some("215/BC-BQL"));
        assert_eq!(info.place, None);
        assert_eq!(
            info.date.map(crate::value::show_date).as_deref(),
            Some("20/12/2026")
        );
        assert_eq!(info.recipients, ["Sở Nội vụ;", "Lưu: VT, VP."]);
        assert_eq!(info.introduction, ["Một đoạn."]);
    }

    #[test]
    fn every_wrong_key_is_reported_at_its_own_line() {
        let (_, problems) = read(
            "{\n  \"unit\": \"x\",\n  \"report\": {\n    \"numbr\": \"1/BC\",\n    \"date\": \"31/02/2026\",\n    \"signer\": 5,\n    \"difficulties\": [1]\n  }\n}",
        );
        let lines: Vec<Option<usize>> = problems.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(4), Some(5), Some(6), Some(7)]);
        assert!(problems[0].message.vi.contains("có phải là \"number\""));
        assert!(problems[1].message.en.contains("not a valid date"));
    }
}
