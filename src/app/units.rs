//! `compare` and `chart` put several dossiers side by side. Of different units (last year
//! another department's dossier, by mistake) they would show that unit's years under this
//! unit's name, so they are refused unless `--several-units` says it is meant; the headings
//! then name every unit.

use super::{Outcome, Status};
use crate::diag::Diagnostic;
use crate::dossier::{shown, Settings, SETTINGS_FILE};
use crate::lang::Lang;
use crate::text;
use std::path::PathBuf;

/// Reads only the `unit` of each dossier (its `dossier.json`) and refuses, with every
/// dossier whose unit differs from the first one's, when `several` is not set. A dossier
/// whose settings cannot be read is left to the full load, which reports it.
pub fn check(
    paths: &[PathBuf],
    several: bool,
    command: &str,
    lang: Lang,
    read: crate::input::ReadOptions,
) -> Result<(), Outcome> {
    if several {
        return Ok(());
    }
    let mut first: Option<(String, String)> = None;
    let mut problems = Vec::new();
    for p in paths {
        let Ok(dir) = crate::dossier::open(p, command) else {
            continue;
        };
        let Ok((draft, _)) = Settings::draft(&dir, read) else {
            continue;
        };
        let Some(unit) = draft.unit.clone() else {
            continue;
        };
        let Some((first_path, first_unit)) = &first else {
            first = Some((crate::fsio::shown(p), unit));
            continue;
        };
        if crate::units::key(&unit) != crate::units::key(first_unit) {
            let d = Diagnostic::error(
                &shown(&dir, SETTINGS_FILE),
                text!(
                    vi: "đơn vị \"{unit}\" khác đơn vị của {first_path} (\"{first_unit}\"): không đặt năm của đơn vị khác dưới tên một đơn vị; nếu thật sự muốn so sánh nhiều đơn vị, thêm --several-units",
                    en: "the unit \"{unit}\" is not the unit of {first_path} (\"{first_unit}\"): one unit's years are not shown under another's name; to compare several units on purpose, add --several-units"
                ),
            );
            problems.push(draft.at_key("unit", d));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let mut o = Outcome::problems(&problems, lang);
    o.status = Status::CannotRun;
    Err(o)
}
