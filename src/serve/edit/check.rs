//! What a changed table must pass before it is written: `scores.csv` is scored with the
//! whole dossier exactly as `parscore score` would (and two more refusals for the edited
//! leaf), `plan.csv` keeps readable completion dates, and `manifest.csv` reads as the
//! evidence commands read it.

use super::{Refusal, TableFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier::{self, Shared};
use crate::input::{parse_table, ReadOptions};
use crate::text;
use std::path::Path;

/// The problems the commands would report with `bytes` as the dossier's `table`; `key` is
/// the row the change edits.
pub fn check(
    dir: &Path,
    table: TableFile,
    bytes: &[u8],
    read: ReadOptions,
    key: &str,
) -> Result<(), Refusal> {
    let source = dossier::shown(dir, table.name());
    match table {
        TableFile::Scores => check_scores(dir, bytes, &source, read, key),
        TableFile::Plan => check_plan(bytes, &source, read),
        TableFile::Manifest => {
            let mut diags = Diagnostics::default();
            let m = crate::evidence::manifest::parse(bytes, &source, &mut diags, read.encoding);
            if m.is_none() || diags.has_errors() {
                return Err(Refusal::Invalid(errors(diags)));
            }
            Ok(())
        }
    }
}

/// The problems `score` would report with `bytes` as the dossier's `scores.csv`, and two
/// the pages refuse for the edited leaf `code`: a value for a leaf computed from
/// `plan.csv` (it would be ignored), and "không áp dụng" without the note that explains it.
fn check_scores(
    dir: &Path,
    bytes: &[u8],
    source: &str,
    read_as: ReadOptions,
    code: &str,
) -> Result<(), Refusal> {
    let mut diags = Diagnostics::default();
    let loaded = dossier::load_with(
        dir,
        "serve",
        &mut diags,
        Vec::new(),
        &mut Shared::default().reading(read_as),
    );
    let mut d = match loaded {
        Ok(Some(d)) => d,
        Ok(None) => return Err(Refusal::Invalid(errors(diags))),
        Err(f) => return Err(Refusal::Failed(f.0)),
    };
    // The sheet on disk was checked above; the new one replaces it and its problems.
    diags.items.retain(|x| x.file != source);
    let table = match parse_table(bytes, source, read_as.encoding) {
        Ok(t) => t,
        Err(e) => return Err(Refusal::Invalid(vec![*e])),
    };
    diags.extend(table.row_problems.clone());
    if let Some(row) = table.rows.iter().find(|r| table.cell(r, "code") == code) {
        let (value, note) = (table.cell(row, "value"), table.cell(row, "note"));
        let rule = d.criteria.find(code).and_then(|n| n.rule());
        let from_plan =
            rule.and_then(|r| r.input) == Some(crate::criteria::RuleInput::PlanCompletion);
        if from_plan && !value.is_empty() {
            let d = table.problem_at(row, "value", text!(vi: "điểm tiêu chí này tính từ plan.csv (tỷ lệ nhiệm vụ đến hạn đã hoàn thành): sửa kế hoạch ở trang Kế hoạch, không nhập ở đây", en: "this leaf is computed from plan.csv (the share of due tasks done): edit the plan on the Plan page, not here"));
            return Err(Refusal::Invalid(vec![d.for_code(code)]));
        }
        if crate::value::is_not_applicable(value) && note.trim().is_empty() {
            let d = table.problem_at(row, "note", text!(vi: "\"không áp dụng\" cần ghi chú giải trình vì sao", en: "\"not applicable\" needs a note saying why"));
            return Err(Refusal::Invalid(vec![d.for_code(code)]));
        }
    }
    match dossier::scores_from_table(&table, source, &d.criteria, &mut diags) {
        Some(s) => d.scores = s,
        None => return Err(Refusal::Invalid(errors(diags))),
    }
    let (_, problems) = crate::scoring::score(&d);
    diags.extend(problems.into_iter().map(|p| d.scores.place(p)));
    if diags.has_errors() {
        return Err(Refusal::Invalid(errors(diags)));
    }
    Ok(())
}

/// The plan's completion dates must stay dates.
fn check_plan(bytes: &[u8], source: &str, read_as: ReadOptions) -> Result<(), Refusal> {
    let staged =
        parse_table(bytes, source, read_as.encoding).map_err(|e| Refusal::Invalid(vec![*e]))?;
    let missing = staged.missing_columns(&["id", "status", "done_on"], "id,…,status,done_on");
    if !missing.is_empty() {
        return Err(Refusal::Invalid(missing));
    }
    let mut problems = Vec::new();
    for row in &staged.rows {
        let done = staged.cell(row, "done_on");
        if !done.is_empty() && crate::value::parse_date(done).is_none() {
            problems.push(staged.problem_at(row, "done_on", text!(vi: "ngày hoàn thành \"{done}\" không hợp lệ (viết 15/01/2026)", en: "completion date \"{done}\" is not a date (write 15/01/2026)")));
        }
    }
    if !problems.is_empty() {
        return Err(Refusal::Invalid(problems));
    }
    Ok(())
}

fn errors(diags: Diagnostics) -> Vec<Diagnostic> {
    diags
        .items
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}
