//! `parscore score DOSSIER`.

use super::{Outcome, Status};
use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier;
use crate::lang::Lang;
use crate::report::{diagnostics, explain, score as present};
use crate::scoring;
use crate::text;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoreFormat {
    Table,
    Csv,
    Json,
}

/// Scores a dossier; with `explain`, prints the working sheet for that code instead.
pub fn score(path: &Path, format: ScoreFormat, explain_code: Option<&str>, lang: Lang) -> Outcome {
    let mut diags = Diagnostics::default();
    let d = match dossier::load(path, &mut diags) {
        Ok(d) => d,
        Err(f) => return Outcome::fatal(f, lang),
    };
    let Some(d) = d else {
        return Outcome::problems(&diags.items, lang);
    };
    let (sheet, problems) = scoring::score(&d);
    diags.extend(problems);
    diags
        .items
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    if diags.has_errors() {
        return Outcome::problems(&diags.items, lang);
    }
    let warnings = diagnostics::lines(&diags.items, lang);
    let out = match explain_code {
        Some(code) => match explain::explain(&sheet, &d.criteria, code, lang) {
            Some(text) => text,
            None => {
                let d = Diagnostic::error(&d.criteria.source, text!(vi: "không có tiêu chí mã \"{code}\"", en: "no criterion has the code \"{code}\"")).for_code(code);
                return Outcome::problems(&[d], lang);
            }
        },
        None => match format {
            ScoreFormat::Table => present::table(&sheet, lang),
            ScoreFormat::Csv => present::csv(&sheet),
            ScoreFormat::Json => format!(
                "{}\n",
                serde_json::to_string_pretty(&present::json(&sheet)).unwrap_or_default()
            ),
        },
    };
    Outcome {
        out,
        err: warnings,
        status: Status::Ok,
    }
}
