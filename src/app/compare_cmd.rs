//! `parscore compare DOSSIER... [--detail] [--format table|csv|json]`.

use super::scored::{load_scored_with, Scored};
use super::{Format, Outcome, Status};
use crate::compare::{compare as build, Comparison};
use crate::diag::Diagnostic;
use crate::dossier::{ScoresChoice, Shared};
use crate::lang::Lang;
use crate::report::{compare as present, diagnostics};
use crate::text;
use std::path::PathBuf;

/// Loads every dossier, reporting the problems of all of them together.
pub fn load_all(
    paths: &[PathBuf],
    lang: Lang,
    shared: &mut Shared,
) -> Result<Vec<Scored>, Outcome> {
    let mut loaded = Vec::new();
    let mut failed: Option<Outcome> = None;
    for p in paths {
        match load_scored_with(p, "compare", lang, Vec::new(), shared) {
            Ok(s) => loaded.push(s),
            Err(o) => {
                let f = failed.get_or_insert(Outcome {
                    out: String::new(),
                    err: String::new(),
                    status: Status::Ok,
                    diagnostics: Vec::new(),
                });
                f.err.push_str(&o.err);
                f.status = f.status.max(o.status);
            }
        }
    }
    if let Some(f) = failed {
        return Err(f);
    }
    let mut years: Vec<(i32, &PathBuf)> = Vec::new();
    for (s, p) in loaded.iter().zip(paths) {
        let year = s.sheet.year;
        if let Some((_, other)) = years.iter().find(|(y, _)| *y == year) {
            let other = other.display().to_string();
            let d = Diagnostic::error(
                &p.display().to_string(),
                text!(
                    vi: "hồ sơ cùng năm {year} với {other}: mỗi năm chỉ so sánh một hồ sơ",
                    en: "this dossier is for {year}, like {other}: compare one dossier per year"
                ),
            );
            return Err(Outcome::problems(&[d], lang));
        }
        years.push((year, p));
    }
    Ok(loaded)
}

pub fn comparison(loaded: &[Scored], detail: bool) -> Comparison {
    let pairs: Vec<_> = loaded
        .iter()
        .map(|s| (&s.sheet, &s.dossier.criteria))
        .collect();
    build(&pairs, detail)
}

pub fn compare(
    paths: &[PathBuf],
    detail: bool,
    format: Format,
    lang: Lang,
    scores: ScoresChoice,
) -> Outcome {
    let loaded = match load_all(paths, lang, &mut Shared::choosing(scores)) {
        Ok(l) => l,
        Err(o) => return o,
    };
    let c = comparison(&loaded, detail);
    let out = match format {
        Format::Table => present::table(&c, lang),
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
