//! "Thông tin báo cáo": the `report` section of `dossier.json` as a form — what the Word
//! report and the explanation letter say beyond the figures (issuer, number, place, date,
//! signer, recipients, the free text). Saved with `PUT /api/v1/dossiers/{id}/report`,
//! checked as the commands read the file, the rest of `dossier.json` left as it was.

use super::{page, Ctx};
use crate::lang::Lang;
use crate::serve::state::State;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::{html, Markup};
use std::sync::Arc;

/// How each key is asked for: (key, Vietnamese label, English label, kind).
/// Kinds: `line`, `lines` (one item a line), `date`, `text` (paragraphs, one a line).
const FIELDS: [(&str, &str, &str, &str); 15] = [
    (
        "superior",
        "Cơ quan chủ quản (dòng trên cùng)",
        "The body above the issuer",
        "line",
    ),
    ("issuer", "Cơ quan ban hành", "Issuing body", "line"),
    (
        "number",
        "Số, ký hiệu báo cáo",
        "Report number and symbol",
        "line",
    ),
    ("place", "Địa danh", "Place", "line"),
    ("date", "Ngày báo cáo", "Report date", "date"),
    ("signer", "Người ký", "Signer", "line"),
    (
        "signer_title",
        "Chức vụ người ký (mỗi dòng một dòng chức vụ)",
        "The signer's title (one line each)",
        "lines",
    ),
    (
        "recipients",
        "Nơi nhận (mỗi dòng một nơi)",
        "Recipients (one a line)",
        "text",
    ),
    (
        "introduction",
        "Mở đầu (mỗi dòng một đoạn)",
        "Introduction (one paragraph a line)",
        "text",
    ),
    (
        "difficulties",
        "Khó khăn, vướng mắc (mỗi dòng một đoạn)",
        "Difficulties (one paragraph a line)",
        "text",
    ),
    (
        "recommendations",
        "Kiến nghị, đề xuất (mỗi dòng một đoạn)",
        "Recommendations (one paragraph a line)",
        "text",
    ),
    (
        "appeal_number",
        "Số, ký hiệu công văn giải trình",
        "Explanation letter number",
        "line",
    ),
    (
        "appeal_date",
        "Ngày công văn giải trình",
        "Explanation letter date",
        "date",
    ),
    (
        "appeal_to",
        "Kính gửi (công văn giải trình)",
        "Addressed to (explanation letter)",
        "line",
    ),
    (
        "appeal_introduction",
        "Mở đầu công văn giải trình (mỗi dòng một đoạn)",
        "The letter's introduction (one paragraph a line)",
        "text",
    ),
];

/// The section's values as the form shows them: text, lists one item a line, dates ISO.
fn values(
    dir: &std::path::Path,
    read: crate::input::ReadOptions,
) -> serde_json::Map<String, serde_json::Value> {
    let path = dir.join(crate::dossier::SETTINGS_FILE);
    let text = crate::fsio::read_input(
        &path,
        crate::fsio::Within::folder_of(&path),
        crate::fsio::Input::Settings,
        read.caps,
    )
    .ok()
    .and_then(|b| crate::input::json_text(&b, "dossier.json").ok())
    .unwrap_or_default();
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(mut m)) => match m.remove("report") {
            Some(serde_json::Value::Object(r)) => r,
            _ => serde_json::Map::new(),
        },
        _ => serde_json::Map::new(),
    }
}

fn shown(v: Option<&serde_json::Value>, kind: &str) -> String {
    match v {
        Some(serde_json::Value::String(s)) if kind == "date" => crate::value::parse_date(s)
            .map(crate::value::iso_date)
            .unwrap_or_else(|| s.clone()),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn field(lang: Lang, key: &str, vi: &str, en: &str, kind: &str, value: &str) -> Markup {
    let id = format!("h-{key}");
    html! {
        label for=(id) { (if lang == Lang::Vi { vi } else { en }) }
        @match kind {
            "date" => input id=(id) type="date" name=(key) value=(value);,
            "line" => input id=(id) type="text" name=(key) value=(value);,
            "lines" => textarea id=(id) name=(key) rows="2" { (value) },
            _ => textarea id=(id) name=(key) rows="4" { (value) },
        }
    }
}

pub async fn header(
    Shared_(state): Shared_<Arc<State>>,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::new(&state, &h, q.as_deref());
    let lang = ctx.lang;
    let Some(entry) = state.dossier(&id) else {
        return super::no_dossier(&ctx, &id);
    };
    let entry = &entry;
    let v = values(&entry.dir, state.read);
    let (_, problems) = crate::dossier::read_report(&entry.dir, state.read).unwrap_or_default();
    let title = match lang {
        Lang::Vi => format!(
            "Thông tin báo cáo — {}, năm {}",
            entry.unit,
            entry.year.unwrap_or_default()
        ),
        Lang::En => format!(
            "Report header — {}, {}",
            entry.unit,
            entry.year.unwrap_or_default()
        ),
    };
    let body = html! {
        h1 { (title) }
        p.hint { (ctx.t("Những gì báo cáo Word và công văn giải trình ghi ngoài số liệu. Ô để trống được để chỗ trống trong văn bản để điền tay. Lưu vào mục «report» của dossier.json; các mục khác của tệp giữ nguyên.",
                        "What the Word report and the explanation letter say beyond the figures. A blank field is left as a marked blank in the document. Saved to the «report» section of dossier.json; the rest of the file is kept as it is.")) }
        @if !problems.is_empty() {
            pre.problems { @for p in &problems { (crate::serve::reply::in_dossier(&entry.dir, &p.render(lang))) "\n" } }
        }
        form #header .panel {
            @for (key, vi, en, kind) in FIELDS {
                (field(lang, key, vi, en, kind, &shown(v.get(key), kind)))
            }
            div.actions {
                button.primary type="submit" { (ctx.t("Lưu", "Save")) }
                div #header-msg .msg role="alert" {}
            }
        }
    };
    page(&ctx, &title, Some((entry, "header")), body)
}
