//! Edits of `dossier.json` from the pages: the `report` section (the Report header form)
//! and `target_rank` (chosen on the Gap page when the line cannot be measured). Only the
//! value of the key changed is rewritten, in place; every other byte of the file — its
//! other keys, their order, spacing and comments-free layout — stays as it was. The new
//! file is checked as the commands read it before it is written.

use super::api::{break_seal_of, dossier_dir, guarded_change, who_of};
use super::edit::Refusal;
use super::reply::{self, lang_of};
use super::state::State;
use super::version;
use crate::diag::Diagnostic;
use crate::dossier::{self, REPORT_KEYS, SETTINGS_FILE};
use crate::fsio::{read_input, write_atomic, Input, Within};
use crate::text;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};
use std::path::Path;
use std::sync::Arc;

/// A top-level member of a JSON object: where its key starts and its value lies.
struct Member {
    key: String,
    key_start: usize,
    value: std::ops::Range<usize>,
}

/// The top-level members of the object `text` holds, and where its closing brace is.
fn members(text: &str) -> Option<(Vec<Member>, usize)> {
    let b = text.as_bytes();
    let mut i = 0;
    let ws = |i: &mut usize| {
        while *i < b.len() && b[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    let string_end = |mut i: usize| -> Option<usize> {
        // `i` is at the opening quote.
        i += 1;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 2,
                b'"' => return Some(i + 1),
                _ => i += 1,
            }
        }
        None
    };
    ws(&mut i);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    let mut out = Vec::new();
    loop {
        ws(&mut i);
        match b.get(i)? {
            b'}' => return Some((out, i)),
            b',' => {
                i += 1;
                continue;
            }
            b'"' => {}
            _ => return None,
        }
        let key_start = i;
        let key_end = string_end(i)?;
        let key: String = serde_json::from_str(&text[key_start..key_end]).ok()?;
        i = key_end;
        ws(&mut i);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        ws(&mut i);
        let start = i;
        let mut depth = 0usize;
        while i < b.len() {
            match b[i] {
                b'"' => {
                    i = string_end(i)?;
                    if depth == 0 {
                        break;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                b',' | b'}' if depth == 0 => break,
                c if depth == 0 && c.is_ascii_whitespace() => break,
                _ => {}
            }
            i += 1;
        }
        out.push(Member {
            key,
            key_start,
            value: start..i,
        });
    }
}

/// `text` with the top-level `key` set to `value` (its pretty JSON indented like the key),
/// or taken out when `value` is `None`; `None` when `text` is not a JSON object.
pub fn with_key(text: &str, key: &str, value: Option<&Value>) -> Option<String> {
    let (found, close) = members(text)?;
    let indent_of = |at: usize| -> String {
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        text[line_start..at]
            .chars()
            .take_while(|c| c.is_whitespace())
            .collect()
    };
    let pretty = |indent: &str, v: &Value| -> String {
        let s = serde_json::to_string_pretty(v).unwrap_or_default();
        s.replace('\n', &format!("\n{indent}"))
    };
    let at = found.iter().position(|m| m.key == key);
    let mut out = String::new();
    match (at, value) {
        (Some(n), Some(v)) => {
            let m = &found[n];
            let indent = indent_of(m.key_start);
            out.push_str(&text[..m.value.start]);
            out.push_str(&pretty(&indent, v));
            out.push_str(&text[m.value.end..]);
        }
        (Some(n), None) => {
            let m = &found[n];
            // From the end of the member before (its comma goes too), else up to the next.
            let (from, to) = match n {
                0 => {
                    let next = found.get(1).map_or(close, |x| x.key_start);
                    (m.key_start, next)
                }
                _ => (found[n - 1].value.end, m.value.end),
            };
            out.push_str(&text[..from]);
            out.push_str(&text[to..]);
        }
        (None, Some(v)) => {
            let indent = found
                .first()
                .map(|m| indent_of(m.key_start))
                .unwrap_or_else(|| "  ".into());
            let member = format!("\"{key}\": {}", pretty(&indent, v));
            match found.last() {
                Some(last) => {
                    out.push_str(&text[..last.value.end]);
                    out.push_str(&format!(",\n{indent}{member}"));
                    out.push_str(&text[last.value.end..]);
                }
                None => {
                    out.push_str(&text[..close]);
                    out.push_str(&format!("\n{indent}{member}\n"));
                    out.push_str(&text[close..]);
                }
            }
        }
        (None, None) => out.push_str(text),
    }
    Some(out)
}

/// The keys of the section written as lists, one paragraph (or recipient) per line.
const LISTS: [&str; 5] = [
    "recipients",
    "introduction",
    "difficulties",
    "recommendations",
    "appeal_introduction",
];
const DATES: [&str; 2] = ["date", "appeal_date"];

/// `dossier.json`'s text and whether it began with a BOM.
fn settings_text(dir: &Path, read: crate::input::ReadOptions) -> Result<(String, bool), Refusal> {
    let path = dir.join(SETTINGS_FILE);
    let source = dossier::shown(dir, SETTINGS_FILE);
    let bytes = read_input(&path, Within::folder_of(&path), Input::Settings, read.caps)
        .map_err(|r| Refusal::Failed(Box::new(r.diagnostic(&source))))?;
    let text = crate::input::json_text(&bytes, &source).map_err(|d| Refusal::Invalid(vec![*d]))?;
    Ok((text, bytes.starts_with(b"\xEF\xBB\xBF")))
}

fn not_an_object(source: &str) -> Refusal {
    Refusal::Invalid(vec![Diagnostic::error(
        source,
        text!(vi: "dossier.json không phải một đối tượng JSON đọc được; sửa tệp trước", en: "dossier.json is not a readable JSON object; fix the file first"),
    )])
}

fn write_settings(dir: &Path, text: &str, bom: bool) -> Result<(), Refusal> {
    let source = dossier::shown(dir, SETTINGS_FILE);
    let bytes = match bom {
        true => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        false => text.as_bytes().to_vec(),
    };
    write_atomic(&dir.join(SETTINGS_FILE), &bytes)
        .map_err(|e| Refusal::Failed(Box::new(super::upload::cannot(&source, &e))))
}

/// The `report` section from the form's fields: the section as it was, each known key set
/// from its field (blank takes it out), in the file's own order, new keys after.
fn section_from(old: Option<&Value>, fields: &Map<String, Value>) -> Value {
    let mut section = match old {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    for key in REPORT_KEYS {
        let Some(given) = fields.get(key).and_then(Value::as_str) else {
            continue;
        };
        let given = crate::input::nfc(given.trim());
        let value = if LISTS.contains(&key) {
            let lines: Vec<Value> = given
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Value::String(l.to_string()))
                .collect();
            (!lines.is_empty()).then_some(Value::Array(lines))
        } else if DATES.contains(&key) {
            let shown = super::upload::iso_date_as_vietnamese(&given);
            (!shown.is_empty()).then_some(Value::String(shown))
        } else {
            // A signer's title may take two lines (`KT. TRƯỞNG BAN` / `PHÓ TRƯỞNG BAN`).
            let kept: Vec<&str> = given
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            (!kept.is_empty()).then(|| Value::String(kept.join("\n")))
        };
        match value {
            Some(v) => {
                section.insert(key.to_string(), v);
            }
            None => {
                section.shift_remove(key);
            }
        }
    }
    Value::Object(section)
}

fn set_report(
    dir: &Path,
    fields: &Map<String, Value>,
    read: crate::input::ReadOptions,
) -> Result<(), Refusal> {
    let source = dossier::shown(dir, SETTINGS_FILE);
    let (text, bom) = settings_text(dir, read)?;
    let old: Value = serde_json::from_str(&text).map_err(|_| not_an_object(&source))?;
    let section = section_from(old.get("report"), fields);
    let empty = section.as_object().is_some_and(Map::is_empty);
    let new = with_key(&text, "report", (!empty).then_some(&section))
        .ok_or_else(|| not_an_object(&source))?;
    let (_, problems) = dossier::report_from_text(&new, &source);
    if !problems.is_empty() {
        return Err(Refusal::Invalid(problems));
    }
    write_settings(dir, &new, bom)
}

/// `target_rank` set to `rank`, when the ranking the line is read from has that rank.
fn set_target_rank(dir: &Path, rank: u32, read: crate::input::ReadOptions) -> Result<(), Refusal> {
    let source = dossier::shown(dir, SETTINGS_FILE);
    let (draft, _) = dossier::Settings::draft(dir, read).map_err(|f| Refusal::Failed(f.0))?;
    if let Err(problems) = crate::line::line_for(dir, &draft, Some(rank), None, read) {
        return Err(Refusal::Invalid(problems));
    }
    let (text, bom) = settings_text(dir, read)?;
    let new = with_key(&text, "target_rank", Some(&Value::from(rank)))
        .ok_or_else(|| not_an_object(&source))?;
    write_settings(dir, &new, bom)
}

fn saved(dir: &Path, read: crate::input::ReadOptions) -> Response {
    let tag = version::etag(dir, read);
    let body = serde_json::json!({ "etag": tag });
    reply::json(StatusCode::OK, format!("{body}\n"), Some(tag))
}

/// `PUT /api/v1/dossiers/{id}/report`: the form's fields, each a string (lists one item a line).
pub async fn put_report(
    Shared_(state): Shared_<Arc<State>>,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    body: axum::body::Bytes,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let fields = match serde_json::from_slice::<Value>(&body) {
        // `who` names the person for the history; it is not a key of the report.
        Ok(Value::Object(mut m)) if m.iter().all(|(k, v)| v.is_string() || k == "break_seal") => {
            m.remove("who");
            m.remove("break_seal");
            m
        }
        _ => {
            return reply::refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                "body",
                text!(vi: "nội dung yêu cầu phải là một đối tượng JSON, mỗi trường là một chuỗi, ví dụ {{\"number\": \"318/BC-BQL\"}}", en: "the request body must be a JSON object whose fields are strings, e.g. {{\"number\": \"318/BC-BQL\"}}"),
                lang,
            )
        }
    };
    match guarded_change(
        &state,
        &dir,
        &h,
        lang,
        &who_of(&body),
        break_seal_of(&body),
        || set_report(&dir, &fields, state.read),
    ) {
        Ok(()) => saved(&dir, state.read),
        Err(r) => r,
    }
}

#[derive(serde::Deserialize)]
pub struct RankEdit {
    target_rank: u32,
}

/// `PUT /api/v1/dossiers/{id}/target-rank`, body `{"target_rank": 3}`.
pub async fn put_target_rank(
    Shared_(state): Shared_<Arc<State>>,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    body: axum::body::Bytes,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let Ok(edit) = serde_json::from_slice::<RankEdit>(&body) else {
        return reply::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "body",
            text!(vi: "nội dung yêu cầu phải là JSON {{\"target_rank\": 3}} (một số nguyên từ 1)", en: "the request body must be JSON {{\"target_rank\": 3}} (a whole number from 1)"),
            lang,
        );
    };
    match guarded_change(
        &state,
        &dir,
        &h,
        lang,
        &who_of(&body),
        break_seal_of(&body),
        || set_target_rank(&dir, edit.target_rank, state.read),
    ) {
        Ok(()) => saved(&dir, state.read),
        Err(r) => r,
    }
}

#[cfg(test)]
mod tests {
    use super::with_key;
    use serde_json::json;

    #[test]
    fn a_key_is_replaced_in_place_and_every_other_byte_kept() {
        let text = "{\n  \"unit\": \"Sở \\\"X\\\"\",\n  \"report\": {\n    \"number\": \"1/BC\"\n  },\n  \"year\": 2026\n}\n";
        let new = with_key(text, "report", Some(&json!({"number": "2/BC"}))).unwrap();
        assert_eq!(
            new,
            "{\n  \"unit\": \"Sở \\\"X\\\"\",\n  \"report\": {\n    \"number\": \"2/BC\"\n  },\n  \"year\": 2026\n}\n"
        );
    }

    #[test]
    fn a_missing_key_is_added_after_the_last_and_a_blank_one_taken_out() {
        let text = "{\n  \"unit\": \"x\",\n  \"target_rank\": 5\n}\n";
        let added = with_key(text, "report", Some(&json!({"place": "Hải Phòng"}))).unwrap();
        assert_eq!(
            added,
            "{\n  \"unit\": \"x\",\n  \"target_rank\": 5,\n  \"report\": {\n    \"place\": \"Hải Phòng\"\n  }\n}\n"
        );
        assert_eq!(with_key(&added, "report", None).unwrap(), text);
        assert_eq!(
            with_key(text, "target_rank", Some(&json!(3))).unwrap(),
            "{\n  \"unit\": \"x\",\n  \"target_rank\": 3\n}\n"
        );
        assert_eq!(with_key("[1]", "x", None), None);
    }
}
