//! The leadership charts drawn in memory: what `chart` writes as files and `report` shows
//! inline. The charts' words are built in `report::charts`; this reads the dossiers.

use super::load::{comparison, load_all, measure, rankings_of};
use super::Outcome;
use crate::chart;
use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::report::charts;
use crate::text;
use std::path::{Path, PathBuf};

pub struct ChartArgs<'a> {
    pub dossier: &'a Path,
    pub compare: &'a [PathBuf],
    pub out: &'a Path,
    pub png: bool,
    pub rank: Option<u32>,
    pub threshold: Option<&'a str>,
    /// Which score sheet to read where a dossier has both (`--scores`).
    pub scores: crate::dossier::ScoresChoice,
    /// How to read the files (`--encoding`, `--max-input`).
    pub read: crate::input::ReadOptions,
    /// Dossiers of different units may be drawn together (`--several-units`).
    pub several_units: bool,
}

/// The three charts by name, each as SVG text or the drawing library's reason.
pub type Drawn = [(&'static str, Result<String, String>); 3];

/// The three charts `areas`, `gap` and `trend` as SVG text (or why the drawing library
/// could not draw one), with the dossiers' warnings: what `chart` writes and `report`
/// shows inline. With `out`, that folder is first refused if it lies in the dossier's
/// `files/`, and created.
pub fn draw(a: &ChartArgs, out: Option<&Path>, lang: Lang) -> Result<(Drawn, String), Outcome> {
    let mut paths = vec![a.dossier.to_path_buf()];
    paths.extend(a.compare.iter().cloned());
    super::units::check(&paths, a.several_units, "chart", lang, a.read)?;
    let mut shared = crate::dossier::Shared::choosing(a.scores).reading(a.read);
    let (scored, gap) = measure(a.dossier, "chart", a.rank, a.threshold, lang, &mut shared)?;
    let files_dir = scored.dossier.dir.join(crate::evidence::FILES_DIR);
    if let (Some(out), Some(real), Ok(files)) =
        (out, out.and_then(resolved), files_dir.canonicalize())
    {
        if real.starts_with(files) {
            let d = Diagnostic::error(
                &crate::fsio::shown(out),
                text!(
                    vi: "không ghi biểu đồ vào thư mục tài liệu kiểm chứng files/ của hồ sơ",
                    en: "charts are not written into the dossier's files/ evidence folder"
                ),
            );
            return Err(Outcome::problems(&[d], lang));
        }
    }
    if let Some(out) = out {
        if let Err(e) = std::fs::create_dir_all(out) {
            return Err(cannot_write(out, &crate::fsio::os_reason(&e), lang));
        }
    }
    let s = &scored.sheet;
    let areas = charts::areas_view(s, lang);
    let ranking = match (gap.line.year, rankings_of(&scored, lang, a.read)) {
        (Some(year), Ok(r)) => Some((year, r)),
        _ => None,
    };
    let entries = match &ranking {
        Some((year, r)) => r.table(&scored.dossier.settings.group, *year),
        None => Vec::new(),
    };
    let gap_chart = charts::gap_view(s, &gap, &entries, lang);
    // The published line of every year the ranking gives, for the trend's index panel.
    let published_lines: Vec<(i32, rust_decimal::Decimal)> = match (gap.line.rank, &ranking) {
        (Some(k), Some((_, r))) => {
            let group = &scored.dossier.settings.group;
            r.years(group)
                .into_iter()
                .filter_map(|y| r.at_rank(group, y, k).map(|e| (y, e.score)))
                .collect()
        }
        _ => Vec::new(),
    };
    drop(entries);
    drop(ranking);

    // Each dossier is let go as soon as its chart is built: a criteria set of 15,000 leaves
    // takes more memory than the charts do.
    let warnings = crate::report::diagnostics::lines(&scored.warnings.items, lang);
    drop((scored, shared));
    let loaded = load_all(
        &paths,
        lang,
        &mut crate::dossier::Shared::choosing(a.scores).reading(a.read),
    )?;
    let c = comparison(&loaded, false);
    let trend = charts::trend_view(&c, &published_lines, gap.line.rank, lang);

    drop((loaded, c));
    let drawn = [
        ("areas", chart::areas(&areas, lang)),
        ("gap", chart::gap_chart(&gap_chart, lang)),
        ("trend", chart::trend(&trend, lang)),
    ];
    Ok((drawn, warnings))
}

/// Where a path that may not exist yet would be: its deepest existing folder, made
/// canonical, with the rest appended.
fn resolved(path: &Path) -> Option<PathBuf> {
    let mut existing = path;
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return Some(
                rest.iter()
                    .rev()
                    .fold(real, |p: PathBuf, part| p.join(part)),
            );
        }
        rest.push(existing.file_name()?.to_os_string());
        existing = match existing.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
    }
}

pub(super) fn cannot_write(path: &Path, why: &crate::lang::Text, lang: Lang) -> Outcome {
    let (vi, en) = (&why.vi, &why.en);
    let d = Diagnostic::error(
        &crate::fsio::shown(path),
        text!(vi: "không ghi được biểu đồ: {vi}", en: "cannot write the chart: {en}"),
    );
    Outcome::fatal(d.into(), lang)
}

/// The drawing library's own reason stays in the English message; it is never a user's
/// mistake (the chart's text comes from parscore), so Vietnamese says what to report.
pub(super) fn cannot_draw(path: &Path, e: &str, lang: Lang) -> Outcome {
    let d = Diagnostic::error(
        &crate::fsio::shown(path),
        text!(vi: "không vẽ được biểu đồ (lỗi nội bộ của thư viện vẽ); hãy báo lỗi này cho nhóm phát triển", en: "cannot draw the chart: {e}"),
    );
    Outcome::fatal(d.into(), lang)
}
