//! `parscore score DOSSIER`.

use super::scored::load_scored_with;
use super::{Format, Outcome, Status};
use crate::diag::Diagnostic;
use crate::dossier::Shared;
use crate::lang::Lang;
use crate::report::{diagnostics, explain, score as present};
use crate::text;
use std::path::Path;

/// Scores a dossier; with `explain`, prints the working sheet for that code instead.
pub fn score(
    path: &Path,
    format: Format,
    explain_code: Option<&str>,
    lang: Lang,
    shared: &mut Shared,
    width: crate::report::table::Width,
) -> Outcome {
    let scored = match load_scored_with(path, "score", lang, Vec::new(), shared) {
        Ok(s) => s,
        Err(outcome) => return outcome,
    };
    let (d, sheet, diags) = (&scored.dossier, &scored.sheet, &scored.warnings);
    let warnings = diagnostics::lines(&diags.items, lang);
    let out = match explain_code {
        Some(code) => match explain::explain(sheet, &d.criteria, code, lang) {
            Some(text) => text,
            None => {
                let id = &d.criteria.id;
                let d = Diagnostic::error("--explain", text!(vi: "bộ tiêu chí {id} không có mã \"{code}\"", en: "the criteria set {id} has no code \"{code}\"")).for_code(code);
                return Outcome::fatal(d.into(), lang);
            }
        },
        None => match format {
            Format::Table => present::table(sheet, lang, width),
            Format::Csv => present::csv(sheet),
            Format::Json => format!(
                "{}\n",
                crate::escape::json_pretty(&present::json(sheet, lang))
            ),
        },
    };
    Outcome {
        out,
        err: warnings,
        status: Status::Ok,
        diagnostics: Vec::new(),
    }
}
