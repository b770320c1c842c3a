//! `parscore gap DOSSIER [--rank K] [--threshold X]`.

use super::load::measure;
use super::{Format, Outcome, Status};
use crate::dossier::Shared;
use crate::lang::Lang;
use crate::report::{diagnostics, gap as present};
use std::path::Path;

pub fn gap(
    path: &Path,
    rank: Option<u32>,
    threshold: Option<&str>,
    format: Format,
    lang: Lang,
    shared: &mut Shared,
    width: crate::report::table::Width,
) -> Outcome {
    let (s, g) = match measure(path, "gap", rank, threshold, lang, shared) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let out = if format.is_json() {
        format!(
            "{}\n",
            crate::escape::json_pretty(&present::json(&s.sheet, &g, &s.dossier.criteria, lang))
        )
    } else {
        present::table(&s.sheet, &g, &s.dossier.criteria, lang, width)
    };
    Outcome {
        out,
        err: diagnostics::lines(&s.warnings.items, lang),
        status: Status::Ok,
        diagnostics: Vec::new(),
    }
}
