//! `dossier.json`: who the unit is, which year, which criteria and ranking apply.

use crate::diag::{Diagnostic, Fatal};
use crate::fsio::{read_input, Input, Within};
use crate::text;
use crate::value::{iso_date, parse_date};
use serde::Deserialize;
use std::path::Path;
use time::Date;

pub const FORMAT: &str = "parscore-dossier/1";

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    format: String,
    unit: String,
    year: i32,
    criteria: String,
    #[serde(default)]
    group: String,
    rankings: Option<String>,
    target_rank: Option<u32>,
    as_of: Option<String>,
}

/// Today in Vietnam (UTC+7), for a dossier without `as_of`.
pub fn today() -> Date {
    (time::OffsetDateTime::now_utc() + time::Duration::hours(7)).date()
}

pub fn read(path: &Path, source: &str) -> Result<Result<Settings, Vec<Diagnostic>>, Fatal> {
    let bytes = read_input(path, Within::folder_of(path), Input::Settings)
        .map_err(|r| r.diagnostic(source))?;
    let text = match crate::input::json_text(&bytes, source) {
        Ok(t) => t,
        Err(d) => return Ok(Err(vec![*d])),
    };
    let text = text.as_str();
    let at_key = |d: Diagnostic, key: &str| match crate::input::key_position(text, key) {
        Some((line, column)) => d.at(line, column),
        None => d,
    };
    let raw: Raw = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let detail = e.to_string();
            let detail = detail.split(" at line ").next().unwrap_or("").to_string();
            return Ok(Err(vec![Diagnostic::error(
                source,
                text!(vi: "dossier.json không hợp lệ ({detail})", en: "dossier.json is not valid ({detail})"),
            )
            .at(crate::input::serde_position(&e).0, crate::input::serde_position(&e).1)]));
        }
    };
    let mut problems = Vec::new();
    if raw.format != FORMAT {
        let f = &raw.format;
        problems.push(at_key(Diagnostic::error(source, text!(vi: "định dạng \"{f}\" không được hỗ trợ; cần \"{FORMAT}\"", en: "format \"{f}\" is not supported; expected \"{FORMAT}\"")), "format"));
    }
    let as_of = match raw.as_of.as_deref() {
        None => today(),
        Some(s) => match parse_date(s) {
            Some(d) => d,
            None => {
                problems.push(at_key(Diagnostic::error(source, text!(vi: "\"as_of\": \"{s}\" không phải là ngày hợp lệ", en: "\"as_of\": \"{s}\" is not a valid date")), "as_of"));
                today()
            }
        },
    };
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(Settings {
        unit: crate::input::nfc(&raw.unit),
        year: raw.year,
        criteria: raw.criteria,
        group: raw.group,
        rankings: raw.rankings,
        target_rank: raw.target_rank,
        as_of,
    }))
}

impl Settings {
    /// Reads `dossier.json` in `folder`: `Ok(None)` with the problems in `diags` when invalid.
    pub fn read_file(
        folder: &Path,
        diags: &mut crate::diag::Diagnostics,
    ) -> Result<Option<Settings>, Fatal> {
        let name = super::shown(folder, super::SETTINGS_FILE);
        match read(&folder.join(super::SETTINGS_FILE), &name)? {
            Ok(s) => Ok(Some(s)),
            Err(problems) => {
                diags.extend(problems);
                Ok(None)
            }
        }
    }

    pub fn as_of_iso(&self) -> String {
        iso_date(self.as_of)
    }
}
