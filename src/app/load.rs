//! Loading shared by the commands that read more than one thing: a dossier with its
//! ranking and gap (`gap`, `chart`), or several years side by side (`compare`, `chart`).
//! Commands take these from here and never from each other.

use super::scored::{load_scored_with, Scored};
use super::{Outcome, Status};
use crate::compare::{compare as build, Comparison};
use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier::{shown, Settings, Shared};
use crate::gap::{self, Gap};
use crate::input::ReadOptions;
use crate::lang::Lang;
use crate::line::line_for;
use crate::number::parse_decimal;
use crate::ranking::{self, Rankings};
use crate::text;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

/// Reads the ranking a dossier names, reporting problems as the outcome to print.
pub fn rankings_of(s: &Scored, lang: Lang, read: ReadOptions) -> Result<Rankings, Outcome> {
    let d = &s.dossier;
    let Some(rel) = &d.settings.rankings else {
        let e = Diagnostic::error(
            &shown(&d.dir, crate::dossier::SETTINGS_FILE),
            text!(
                vi: "dossier.json không có \"rankings\" (tệp xếp hạng công bố); thêm vào hoặc dùng --threshold",
                en: "dossier.json has no \"rankings\" (the published ranking file); add it or use --threshold"
            ),
        );
        return Err(Outcome::problems(&[e], lang));
    };
    let mut diags = Diagnostics::default();
    match ranking::read(&d.dir.join(rel), &shown(&d.dir, rel), &mut diags, read) {
        Ok(Some(r)) if !diags.has_errors() => Ok(r),
        Ok(_) => Err(Outcome::problems(&diags.items, lang)),
        Err(f) => Err(Outcome::fatal(f, lang)),
    }
}

/// Loads, scores and measures the gap: shared by `gap` and `chart`.
pub fn measure(
    path: &Path,
    command: &str,
    rank: Option<u32>,
    threshold: Option<&str>,
    lang: Lang,
    shared: &mut Shared,
) -> Result<(Scored, Gap), Outcome> {
    let threshold = match threshold {
        None => None,
        Some(raw) => {
            match parse_decimal(raw).filter(|x| *x >= Decimal::ZERO && *x <= Decimal::ONE_HUNDRED) {
                Some(x) => Some(x),
                None => {
                    let e = Diagnostic::error(
                        "--threshold",
                        text!(vi: "\"{raw}\" không phải điểm từ 0 đến 100", en: "\"{raw}\" is not a score from 0 to 100"),
                    );
                    return Err(Outcome::fatal(e.into(), lang));
                }
            }
        }
    };
    let dir = crate::dossier::open(path, command).map_err(|f| Outcome::fatal(f, lang))?;
    let read = shared.read_options();
    let (draft, _) = Settings::draft(&dir, read).map_err(|f| Outcome::fatal(f, lang))?;
    let (line, extra) = match line_for(&dir, &draft, rank, threshold, read) {
        Ok(l) => (Some(l), Vec::new()),
        Err(p) => (None, p),
    };
    let s = load_scored_with(path, command, lang, extra, shared)?;
    let Some(line) = line else {
        // Unreachable in practice: the problems above stop load_scored_with.
        return Err(Outcome::problems(&[], lang));
    };
    let plan = s.dossier.plan.as_ref();
    let lead = |code: &str| plan.and_then(|p| p.lead_for(code)).map(str::to_string);
    let g = gap::gap(
        &s.sheet,
        &s.dossier.criteria,
        s.evidence.as_ref().map(|(_, a)| a),
        &lead,
        line,
    );
    Ok((s, g))
}

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
            let other = crate::fsio::shown(other);
            let d = Diagnostic::error(
                &crate::fsio::shown(p),
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
