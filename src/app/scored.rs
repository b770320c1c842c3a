//! The common first step of every command that reads a scored dossier: load it, score it,
//! and check its evidence when it has a manifest. Problems that stop the command come back
//! as the [`Outcome`] to print.

use super::Outcome;
use crate::diag::Diagnostics;
use crate::dossier::{self, Dossier, Shared};
use crate::evidence::{self, Assessment, Manifest};
use crate::lang::Lang;
use crate::scoring::{self, ScoreSheet};
use std::path::Path;

pub struct Scored {
    pub dossier: Dossier,
    pub sheet: ScoreSheet,
    /// The manifest and its check, when the dossier has one.
    pub evidence: Option<(Manifest, Assessment)>,
    /// Warnings to show beside the result.
    pub warnings: Diagnostics,
}

/// Loads and scores a dossier; any error in it (settings, criteria, tables, manifest
/// structure) is returned, all of them together, as the outcome to print.
pub fn load_scored(
    path: &Path,
    command: &str,
    lang: Lang,
    scores: dossier::ScoresChoice,
) -> Result<Scored, Outcome> {
    load_scored_with(
        path,
        command,
        lang,
        Vec::new(),
        &mut Shared::choosing(scores),
    )
}

/// As [`load_scored`], with the problems `command` found in the settings it alone needs,
/// reported with the dossier's own, reading each shared file once per run.
pub fn load_scored_with(
    path: &Path,
    command: &str,
    lang: Lang,
    extra: Vec<crate::diag::Diagnostic>,
    shared: &mut Shared,
) -> Result<Scored, Outcome> {
    let mut diags = Diagnostics::default();
    let d = match dossier::load_with(path, command, &mut diags, extra, shared) {
        Ok(Some(d)) => d,
        Ok(None) => return Err(Outcome::problems(&diags.items, lang)),
        Err(f) => return Err(Outcome::fatal(f, lang)),
    };
    let (mut sheet, problems) = scoring::score(&d);
    diags.extend(problems.into_iter().map(|p| d.scores.place(p)));
    let manifest = match evidence::read_manifest(&d.dir, &mut diags, shared.read_options()) {
        Ok(m) => m,
        Err(f) => return Err(Outcome::fatal(f, lang)),
    };
    diags
        .items
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    if diags.has_errors() {
        return Err(Outcome::problems(&diags.items, lang));
    }
    let evidence = manifest.map(|m| {
        let a = evidence::assess(&d, &sheet, &m, shared.read_options());
        (m, a)
    });
    if let Some((_, a)) = &evidence {
        sheet.at_risk = Some(a.at_risk_by_node.clone());
    }
    Ok(Scored {
        dossier: d,
        sheet,
        evidence,
        warnings: diags,
    })
}
