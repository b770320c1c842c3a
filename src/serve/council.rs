//! The appraisal council's points, entered from the Council page into `scores.csv`: per
//! leaf the appraised points (`appraised`), the council's reason for a cut
//! (`appraisal_note`) and the unit's answer to it (`answer`), written as cells by column
//! name (a column the sheet lacks is added, every other byte kept). A year becomes
//! appraised all at once: starting fills every leaf's `appraised` with its self-assessed
//! points, which the clerk then lowers where the council cut (a blank would count 0).

use super::api::{break_seal_of, dossier_dir, guarded_change, who_of};
use super::edit::{Change, Op, Refusal, TableFile, Target};
use super::reply::{self, lang_of};
use super::row_exact::Rows;
use super::state::State;
use super::version;
use crate::app::{self, Format};
use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier::{self, Shared, SCORES_FILE};
use crate::fsio::{read_input, write_atomic, Input, Within};
use crate::input::{parse_table, ReadOptions};
use crate::text;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::path::Path;
use std::sync::Arc;

/// The columns the council's points live in.
pub const COLUMNS: [&str; 3] = ["appraised", "appraisal_note", "answer"];

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct CouncilEdit {
    appraised: String,
    appraisal_note: String,
    answer: String,
    /// The person confirmed changing a sealed dossier.
    break_seal: bool,
}

fn loaded(dir: &Path, read: ReadOptions) -> Result<dossier::Dossier, Refusal> {
    let mut diags = Diagnostics::default();
    match dossier::load_with(
        dir,
        "serve",
        &mut diags,
        Vec::new(),
        &mut Shared::default().reading(read),
    ) {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(Refusal::Invalid(errors(diags))),
        Err(f) => Err(Refusal::Failed(f.0)),
    }
}

fn errors(diags: Diagnostics) -> Vec<Diagnostic> {
    diags
        .items
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

/// Changes `scores.csv` through `change` (row-exact: the cells it sets change, every
/// other byte stays as written), then checks the sheet as `score` reads it and writes it.
fn rewrite_sheet(
    dir: &Path,
    read: ReadOptions,
    change: impl FnOnce(&mut Rows, &dossier::Dossier) -> Result<(), Refusal>,
) -> Result<(), Refusal> {
    let path = dir.join(SCORES_FILE);
    let source = dossier::shown(dir, SCORES_FILE);
    if path.symlink_metadata().is_err() {
        return Err(Refusal::Failed(Box::new(Diagnostic::error(
            &source,
            text!(vi: "hồ sơ không có scores.csv (phiếu chấm là bảng tính Excel?); nhập điểm thẩm định trong tệp đó", en: "the dossier has no scores.csv (is the score sheet an Excel workbook?); enter the council's points there"),
        ))));
    }
    let original = read_input(&path, Within::folder_of(&path), Input::Table, read.caps)
        .map_err(|r| Refusal::Failed(Box::new(r.diagnostic(&source))))?;
    let table =
        parse_table(&original, &source, read.encoding).map_err(|e| Refusal::Invalid(vec![*e]))?;
    let mut d = loaded(dir, read)?;
    let mut rows = Rows::new(&original, &table, read, &source);
    change(&mut rows, &d)?;
    let bytes = rows.bytes();
    let staged =
        parse_table(&bytes, &source, read.encoding).map_err(|e| Refusal::Invalid(vec![*e]))?;
    let mut diags = Diagnostics::default();
    diags.extend(staged.row_problems.clone());
    match dossier::scores_from_table(&staged, &source, &d.criteria, &mut diags) {
        Some(s) => d.scores = s,
        None => return Err(Refusal::Invalid(errors(diags))),
    }
    let (_, problems) = crate::scoring::score(&d);
    diags.extend(problems.into_iter().map(|p| d.scores.place(p)));
    if diags.has_errors() {
        return Err(Refusal::Invalid(errors(diags)));
    }
    write_atomic(&path, &bytes).map_err(|e| super::edit::write_failed(&source, &e))
}

fn one_line(s: &str, code: &str, column: &str) -> Result<String, Refusal> {
    let s = crate::input::nfc(s.trim());
    if s.chars().any(char::is_control) {
        return Err(Refusal::Invalid(vec![Diagnostic::error(
            SCORES_FILE,
            text!(vi: "cột \"{column}\": không được xuống dòng hay chứa ký tự điều khiển", en: "column \"{column}\": no line breaks or control characters"),
        )
        .for_code(code)]));
    }
    Ok(s)
}

/// The council's cells for leaf `code`, checked: one line each, `code` a leaf of the
/// criteria, the appraised points at most its maximum. Written by `edit::apply`, row-exact.
fn council_cells(
    dir: &Path,
    code: &str,
    e: &CouncilEdit,
    read: ReadOptions,
) -> Result<Vec<(String, String)>, Refusal> {
    let appraised = one_line(&e.appraised, code, "appraised")?.replace(',', ".");
    let note = one_line(&e.appraisal_note, code, "appraisal_note")?;
    let answer = one_line(&e.answer, code, "answer")?;
    let d = loaded(dir, read)?;
    let Some(node) = d.criteria.find(code).filter(|n| n.is_leaf()) else {
        let id = &d.criteria.id;
        return Err(Refusal::Invalid(vec![Diagnostic::error(
            SCORES_FILE,
            text!(vi: "\"{code}\" không phải tiêu chí thành phần của bộ tiêu chí {id}", en: "\"{code}\" is not a leaf of the criteria set {id}"),
        )]));
    };
    if let Some(points) = crate::number::parse_decimal(&appraised) {
        if points > node.max {
            let max = crate::number::show_points(node.max, crate::lang::Lang::Vi);
            let max_en = crate::number::show_points(node.max, crate::lang::Lang::En);
            return Err(Refusal::Invalid(vec![Diagnostic::error(
                SCORES_FILE,
                text!(vi: "điểm thẩm định {appraised} lớn hơn điểm tối đa {max} của tiêu chí", en: "appraised points {appraised} exceed the leaf's maximum {max_en}"),
            )
            .for_code(code)]));
        }
    }
    Ok(COLUMNS
        .iter()
        .map(|c| c.to_string())
        .zip([appraised, note, answer])
        .collect())
}

/// Makes the year appraised: every leaf's `appraised` set to its self-assessed points.
fn begin(dir: &Path, read: ReadOptions) -> Result<(), Refusal> {
    rewrite_sheet(dir, read, |rows, d| {
        if rows.has_column("appraised") {
            return Err(Refusal::Invalid(vec![Diagnostic::error(
                SCORES_FILE,
                text!(vi: "scores.csv đã có cột điểm thẩm định (appraised)", en: "scores.csv already has the appraised column"),
            )]));
        }
        let (sheet, _) = crate::scoring::score(d);
        for n in sheet.nodes.iter().filter(|n| n.leaf.is_some()) {
            // The self-assessed points exactly (`0.125`, `2`): the council lowers them.
            let points = n.achieved.normalize().to_string();
            match rows.find("code", &n.code) {
                Some(at) => rows.set(at, &[("appraised", points.as_str())])?,
                // A leaf without a row counts 0 either way: a row only for points.
                None if n.achieved.is_zero() => {}
                None => {
                    rows.append(&[("code", n.code.as_str()), ("appraised", points.as_str())])?
                }
            }
        }
        Ok(())
    })
}

fn score_reply(state: &State, dir: &Path, lang: crate::lang::Lang) -> Response {
    let tag = version::etag(dir, state.read);
    let o = app::score(
        dir,
        Format::Json,
        None,
        lang,
        &mut state.shared(),
        crate::report::table::Width::default(),
    );
    reply::outcome(o, lang, Some(tag))
}

/// `PUT /api/v1/dossiers/{id}/council/{code}`, body `{"appraised", "appraisal_note", "answer"}`.
pub async fn put_council(
    Shared_(state): Shared_<Arc<State>>,
    Param((id, code)): Param<(String, String)>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
    body: axum::body::Bytes,
) -> Response {
    let lang = lang_of(&h, q.as_deref(), state.lang);
    let dir = match dossier_dir(&state, &id, lang) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let Ok(edit) = serde_json::from_slice::<CouncilEdit>(&body) else {
        return reply::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "body",
            text!(vi: "nội dung yêu cầu phải là JSON {{\"appraised\", \"appraisal_note\", \"answer\"}}, mỗi trường là một chuỗi", en: "the request body must be JSON {{\"appraised\", \"appraisal_note\", \"answer\"}}, each a string"),
            lang,
        );
    };
    // One change of one row, through the one change path: under the dossier's lock,
    // row-exact, recorded in the history, asking before it breaks a seal.
    let cells = match council_cells(&dir, &code, &edit, state.read) {
        Ok(c) => c,
        Err(r) => return super::changes::refusal(r, &dir, lang),
    };
    let change = Change {
        table: TableFile::Scores,
        key: code,
        op: Op::Set {
            cells,
            create: true,
        },
        base: None,
        version: h
            .get(axum::http::header::IF_MATCH)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        who: crate::history::clean_name(&who_of(&body)),
        break_seal: edit.break_seal,
    };
    let at = Target {
        dir: &dir,
        read: state.read,
        known: Some(&state.known),
    };
    match super::edit::apply(at, &change) {
        Ok(_) => score_reply(&state, &dir, lang),
        Err(r) => super::changes::refusal(r, &dir, lang),
    }
}

/// `POST /api/v1/dossiers/{id}/council`: the year becomes appraised (see the module).
pub async fn post_begin(
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
    match guarded_change(
        &state,
        &dir,
        &h,
        lang,
        &who_of(&body),
        break_seal_of(&body),
        || begin(&dir, state.read),
    ) {
        Ok(()) => score_reply(&state, &dir, lang),
        Err(r) => r,
    }
}
