//! `parscore compare DOSSIER... [--detail] [--format table|csv|json]`.

use super::load::{comparison, load_all};
use super::{Format, Outcome, Status};
use crate::diag::Diagnostic;
use crate::dossier::Shared;
use crate::lang::Lang;
use crate::report::{compare as present, diagnostics};
use std::path::PathBuf;

pub fn compare(
    paths: &[PathBuf],
    detail: bool,
    several_units: bool,
    format: Format,
    lang: Lang,
    shared: &mut Shared,
    width: crate::report::table::Width,
) -> Outcome {
    if let Err(o) =
        super::units::check(paths, several_units, "compare", lang, shared.read_options())
    {
        return o;
    }
    let loaded = match load_all(paths, lang, shared) {
        Ok(l) => l,
        Err(o) => return o,
    };
    let c = comparison(&loaded, detail);
    let out = match format {
        Format::Table => present::table(&c, lang, width),
        Format::Csv => present::csv(&c, lang),
        Format::Json => {
            format!("{}\n", crate::escape::json_pretty(&present::json(&c, lang)))
        }
    };
    let warnings: Vec<Diagnostic> = loaded
        .iter()
        .flat_map(|s| s.warnings.items.clone())
        .collect();
    Outcome {
        out,
        err: diagnostics::lines(&warnings, lang),
        status: Status::Ok,
        diagnostics: Vec::new(),
    }
}
