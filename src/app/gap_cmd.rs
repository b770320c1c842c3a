//! `parscore gap DOSSIER [--rank K] [--threshold X]`.

use super::scored::{load_scored_with, Scored};
use super::{Outcome, Status};
use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier::shown;
use crate::dossier::Shared;
use crate::gap::{self, Gap, Line};
use crate::lang::Lang;
use crate::number::parse_decimal;
use crate::ranking::{self, Rankings};
use crate::report::{diagnostics, gap as present};
use crate::text;
use rust_decimal::Decimal;
use std::path::Path;

/// Reads the ranking a dossier names, reporting problems as the outcome to print.
pub fn rankings_of(s: &Scored, lang: Lang) -> Result<Rankings, Outcome> {
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
    match ranking::read(&d.dir.join(rel), &shown(&d.dir, rel), &mut diags) {
        Ok(Some(r)) if !diags.has_errors() => Ok(r),
        Ok(_) => Err(Outcome::problems(&diags.items, lang)),
        Err(f) => Err(Outcome::fatal(f, lang)),
    }
}

/// The line to beat: `--threshold`, else rank K of the latest published year not after
/// the dossier's year in the unit's group.
fn line_for(
    s: &Scored,
    rank: Option<u32>,
    threshold: Option<&str>,
    lang: Lang,
) -> Result<Line, Outcome> {
    let d = &s.dossier;
    let settings_file = shown(&d.dir, crate::dossier::SETTINGS_FILE);
    let k = rank.or(d.settings.target_rank);
    if let Some(raw) = threshold {
        let Some(score) =
            parse_decimal(raw).filter(|x| *x >= Decimal::ZERO && *x <= Decimal::ONE_HUNDRED)
        else {
            let e = Diagnostic::error(
                "--threshold",
                text!(vi: "\"{raw}\" không phải điểm từ 0 đến 100", en: "\"{raw}\" is not a score from 0 to 100"),
            );
            return Err(Outcome::fatal(e.into(), lang));
        };
        return Ok(Line {
            rank: k,
            score,
            unit: None,
            year: None,
            source: None,
        });
    }
    let Some(k) = k else {
        let e = Diagnostic::error(
            &settings_file,
            text!(
                vi: "không biết hạng cần đạt: thêm \"target_rank\" vào dossier.json hoặc dùng --rank",
                en: "no rank to reach: add \"target_rank\" to dossier.json or use --rank"
            ),
        );
        return Err(Outcome::problems(&[e], lang));
    };
    let r = rankings_of(s, lang)?;
    let (group, year) = (&d.settings.group, d.settings.year);
    let Some(line_year) = r.latest_year(group, year) else {
        let e = Diagnostic::error(
            &r.source,
            text!(
                vi: "không có xếp hạng nào của khối \"{group}\" từ năm {year} trở về trước",
                en: "no ranking of group \"{group}\" in {year} or before"
            ),
        );
        return Err(Outcome::problems(&[e], lang));
    };
    match r.at_rank(group, line_year, k) {
        Some(e) => Ok(Line {
            rank: Some(k),
            score: e.score,
            unit: Some(e.unit.clone()),
            year: Some(line_year),
            source: Some(e.source.clone()),
        }),
        None => {
            let ranks: Vec<String> = r
                .table(group, line_year)
                .iter()
                .map(|e| e.rank.to_string())
                .collect();
            let ranks = ranks.join(", ");
            let e = Diagnostic::error(
                &r.source,
                text!(
                    vi: "xếp hạng năm {line_year} của khối \"{group}\" không có hạng {k} (có: {ranks}); dùng --rank hoặc --threshold",
                    en: "the {line_year} ranking of group \"{group}\" has no rank {k} (it has: {ranks}); use --rank or --threshold"
                ),
            );
            Err(Outcome::problems(&[e], lang))
        }
    }
}

/// Loads, scores and measures the gap: shared by `gap` and `chart`.
pub fn measure(
    path: &Path,
    rank: Option<u32>,
    threshold: Option<&str>,
    lang: Lang,
    shared: &mut Shared,
) -> Result<(Scored, Gap), Outcome> {
    let s = load_scored_with(path, lang, shared)?;
    let line = line_for(&s, rank, threshold, lang)?;
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

pub fn gap(
    path: &Path,
    rank: Option<u32>,
    threshold: Option<&str>,
    json: bool,
    lang: Lang,
    shared: &mut Shared,
) -> Outcome {
    let (s, g) = match measure(path, rank, threshold, lang, shared) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let out = if json {
        format!(
            "{}\n",
            crate::escape::json_pretty(&present::json(&s.sheet, &g, lang))
        )
    } else {
        present::table(&s.sheet, &g, lang)
    };
    Outcome {
        out,
        err: diagnostics::lines(&s.warnings.items, lang),
        status: Status::Ok,
        diagnostics: Vec::new(),
    }
}
