//! Starting a year from the browser: the choices `parscore init` offers (criteria files
//! near the served folder or named by another year, ranking files, groups, "copy the plan
//! from"), and the new dossier made by `init` itself — its checks, its refusals, its files.
//! The new folder sits beside the unit's other years (`evidence/2026` → `evidence/2027`).

use super::catalog::Entry;
use super::reply::{self, lang_of};
use super::state::State;
use crate::app::{init, InitArgs, Status};
use crate::diag::Diagnostic;
use crate::dossier::create::relative;
use crate::text;
use axum::extract::{RawQuery, State as Shared_};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file that can be chosen: its path from the served folder (the form's value) and
/// which years already use it.
pub struct Choice {
    pub value: String,
    pub used_by: Vec<i32>,
    /// A criteria file's title and year, as its `title` and `year` say (empty, `None`
    /// for a ranking or a file that does not read).
    pub title: String,
    pub year: Option<i32>,
}

/// What the form offers.
pub struct Choices {
    pub criteria: Vec<Choice>,
    pub rankings: Vec<Choice>,
    pub groups: Vec<String>,
    /// The unit's latest year, whose settings the form starts from.
    pub latest: Option<Entry>,
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// Every criteria and ranking file near the served folder or named by a dossier in it.
pub fn choices(state: &State) -> Choices {
    let root = state.catalog.root();
    let base = canonical(root);
    let dossiers = state.dossiers();
    let mut criteria: Vec<Choice> = Vec::new();
    let mut rankings: Vec<Choice> = Vec::new();
    let add = |list: &mut Vec<Choice>, path: &Path, year: Option<i32>| {
        let Some(value) = relative(&base, &canonical(path)) else {
            return;
        };
        if !path.is_file() {
            return;
        }
        match list.iter_mut().find(|c| c.value == value) {
            Some(c) => c.used_by.extend(year),
            None => list.push(Choice {
                value,
                used_by: year.into_iter().collect(),
                title: String::new(),
                year: None,
            }),
        }
    };
    for rel in crate::dossier::criteria_files(root) {
        add(&mut criteria, &root.join(rel), None);
    }
    for rel in crate::dossier::ranking_files(root) {
        add(&mut rankings, &root.join(rel), None);
    }
    for e in dossiers.iter() {
        if let Ok((draft, _)) = crate::dossier::Settings::draft(&e.dir, state.read) {
            if let Some(c) = &draft.criteria {
                add(&mut criteria, &e.dir.join(c), e.year);
            }
            if let Some(r) = &draft.rankings {
                add(&mut rankings, &e.dir.join(r), e.year);
            }
        }
    }
    for c in criteria.iter_mut() {
        let bytes = crate::fsio::read_input(
            &root.join(&c.value),
            crate::fsio::Within::Anywhere,
            crate::fsio::Input::Criteria,
            state.read.caps,
        );
        let read = bytes
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
        if let Some(v) = read {
            c.title = v["title"].as_str().unwrap_or_default().trim().to_string();
            c.year = v["year"].as_i64().and_then(|y| i32::try_from(y).ok());
        }
    }
    for list in [&mut criteria, &mut rankings] {
        for c in list.iter_mut() {
            c.used_by.sort_unstable();
            c.used_by.dedup();
        }
    }
    let mut groups: Vec<String> = Vec::new();
    for r in &rankings {
        let mut diags = crate::diag::Diagnostics::default();
        if let Ok(Some(read)) =
            crate::ranking::read(&root.join(&r.value), &r.value, &mut diags, state.read)
        {
            groups.extend(read.groups().into_iter().map(str::to_string));
        }
    }
    groups.sort();
    groups.dedup();
    let latest = dossiers
        .iter()
        .filter(|e| e.year.is_some())
        .max_by_key(|e| e.year)
        .cloned();
    Choices {
        criteria,
        rankings,
        groups,
        latest,
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct StartForm {
    unit: String,
    year: String,
    criteria: String,
    rankings: String,
    group: String,
    target_rank: String,
    as_of: String,
    /// The id of the dossier whose plan is copied.
    plan_from: String,
}

/// The form's field for each of `init`'s flags, so that a refusal is shown at its field.
const FIELDS: [(&str, &str); 8] = [
    ("--unit", "unit"),
    ("--year", "year"),
    ("--criteria", "criteria"),
    ("--rankings", "rankings"),
    ("--group", "group"),
    ("--target-rank", "target_rank"),
    ("--as-of", "as_of"),
    ("--plan-from", "plan_from"),
];

/// `POST /api/v1/dossiers`: a new year, made by `init`; `{"id", "folder"}`.
pub async fn start(
    Shared_(state): Shared_<Arc<State>>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    body: axum::body::Bytes,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let form: StartForm = match serde_json::from_slice(&body) {
        Ok(f) => f,
        Err(_) => {
            return reply::refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                "body",
                text!(vi: "nội dung yêu cầu không phải JSON đúng dạng: cần {{\"unit\", \"year\", \"criteria\", …}} (docs/serve.md)", en: "the request body is not the expected JSON: {{\"unit\", \"year\", \"criteria\", …}} is needed (docs/serve.md)"),
                lang,
            )
        }
    };
    let root = state.catalog.root().to_path_buf();
    if root.join(crate::dossier::SETTINGS_FILE).is_file() {
        return reply::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "folder",
            text!(vi: "trang web đang mở một hồ sơ duy nhất; để thêm năm mới, mở thư mục chứa các năm thay vì thư mục của một năm", en: "the app serves a single dossier; to add a year, serve the folder holding the years (e.g. evidence rather than evidence/2026)"),
            lang,
        );
    }
    let dossiers = state.dossiers();
    let known = choices(&state);
    let pick = |value: &str, list: &[Choice]| -> Result<Option<String>, String> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        match list.iter().find(|c| c.value == value) {
            Some(c) => Ok(Some(root.join(&c.value).display().to_string())),
            None => Err(value.to_string()),
        }
    };
    let mut problems = Vec::new();
    let criteria = pick(&form.criteria, &known.criteria).unwrap_or_else(|v| {
        problems.push(Diagnostic::error("criteria", text!(vi: "\"{v}\" không phải một tệp tiêu chí trong danh sách", en: "\"{v}\" is not one of the criteria files listed")));
        None
    });
    let rankings = pick(&form.rankings, &known.rankings).unwrap_or_else(|v| {
        problems.push(Diagnostic::error("rankings", text!(vi: "\"{v}\" không phải một tệp xếp hạng trong danh sách", en: "\"{v}\" is not one of the ranking files listed")));
        None
    });
    let plan_from = match form.plan_from.trim() {
        "" => None,
        id => match dossiers.iter().find(|e| e.id == id) {
            Some(e) => Some(e.dir.clone()),
            None => {
                problems.push(Diagnostic::error(
                    "plan_from",
                    text!(vi: "không có hồ sơ \"{id}\" để chép kế hoạch", en: "no dossier \"{id}\" to copy the plan from"),
                ));
                None
            }
        },
    };
    let unit = crate::input::nfc(form.unit.trim());
    let year = form.year.trim().to_string();
    // Beside the unit's other years (the plan's source first), else in the served folder.
    let beside = plan_from
        .clone()
        .or_else(|| {
            dossiers
                .iter()
                .filter(|e| e.unit == unit)
                .max_by_key(|e| e.year)
                .map(|e| e.dir.clone())
        })
        .and_then(|d| d.parent().map(Path::to_path_buf));
    let folder_name = super::catalog::slug(&year);
    let dir = beside.unwrap_or_else(|| root.clone()).join(&folder_name);
    if !problems.is_empty() {
        return reply::problems(StatusCode::UNPROCESSABLE_ENTITY, &problems, lang);
    }
    let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let args = InitArgs {
        dir: dir.clone(),
        unit: Some(unit),
        year: Some(year),
        criteria,
        group: some(&form.group),
        rankings,
        target_rank: some(&form.target_rank),
        as_of: some(&form.as_of),
        plan_from,
    };
    let made = {
        let _lock = state.writing.lock().unwrap_or_else(|p| p.into_inner());
        init(&args, None, lang, state.read)
    };
    if made.status != Status::Ok {
        let shown_root = format!("{}/", root.display());
        let diags: Vec<Diagnostic> = made
            .diagnostics
            .into_iter()
            .map(|mut d| {
                if let Some((_, field)) = FIELDS.iter().find(|(flag, _)| *flag == d.file) {
                    d.file = field.to_string();
                } else {
                    d.file = d.file.replace(&shown_root, "");
                }
                d
            })
            .collect();
        return reply::problems(StatusCode::UNPROCESSABLE_ENTITY, &diags, lang);
    }
    let base = canonical(&root);
    let entry = state
        .dossiers()
        .iter()
        .find(|e| canonical(&e.dir) == canonical(&dir))
        .cloned();
    let folder = relative(&base, &canonical(&dir)).unwrap_or(folder_name);
    let body = serde_json::json!({ "id": entry.map(|e| e.id), "folder": folder });
    reply::json(StatusCode::OK, format!("{body}\n"), None)
}
