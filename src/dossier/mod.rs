//! A unit's year in one folder (`evidence/<year>/`): `dossier.json`, the declared figures
//! in `scores.csv`, and the reform plan in `plan.csv`. This is the one place that knows the
//! file layout of a dossier (see `docs/dossier-format.md`).

mod plan;
mod scores;
mod settings;

pub use plan::{is_done_status, parse_due, Completion, Due, Plan, Task};
pub use scores::{Declared, Scores};
pub use settings::Settings;

use crate::criteria::{self, Criteria};
use crate::diag::{Diagnostic, Diagnostics, Fatal};
use crate::text;
use std::path::{Path, PathBuf};

pub const SETTINGS_FILE: &str = "dossier.json";
pub const SCORES_FILE: &str = "scores.csv";
pub const PLAN_FILE: &str = "plan.csv";

/// Everything read from a dossier folder, validated.
#[derive(Debug)]
pub struct Dossier {
    pub dir: PathBuf,
    pub settings: Settings,
    pub criteria: Criteria,
    pub scores: Scores,
    pub plan: Option<Plan>,
}

/// How a dossier path given on the command line names its folder and its settings file.
pub fn locate(path: &Path) -> PathBuf {
    if path.file_name().is_some_and(|n| n == SETTINGS_FILE) {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        path.to_path_buf()
    }
}

/// The name of a file inside the dossier as a user would type it (`evidence/2026/scores.csv`).
pub fn shown(dir: &Path, file: &str) -> String {
    dir.join(file).display().to_string()
}

/// The shared files already read in this run, by real path: many dossiers (a unit's years,
/// a city's units) name the same criteria file, which is read and checked once.
#[derive(Debug, Default)]
pub struct Shared {
    criteria: std::collections::HashMap<PathBuf, criteria::Loaded>,
}

impl Shared {
    fn criteria(&mut self, path: &Path, name: &str) -> Result<criteria::Loaded, Fatal> {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if let Some(loaded) = self.criteria.get(&key) {
            return Ok(loaded.clone());
        }
        let loaded = criteria::load_file(path, name)?;
        self.criteria.insert(key, loaded.clone());
        Ok(loaded)
    }
}

/// Reads a dossier. `Err` when it cannot be read at all; `None` when its settings or its
/// criteria are invalid; otherwise the dossier, with every problem found in its tables
/// (errors and warnings) in `diags`. A caller must not present a score while `diags`
/// holds errors.
pub fn load(path: &Path, diags: &mut Diagnostics) -> Result<Option<Dossier>, Fatal> {
    load_with(path, diags, &mut Shared::default())
}

/// [`load`], reading each shared file once per run.
pub fn load_with(
    path: &Path,
    diags: &mut Diagnostics,
    shared: &mut Shared,
) -> Result<Option<Dossier>, Fatal> {
    let dir = locate(path);
    if !dir.is_dir() {
        return Err(Fatal::from(Diagnostic::error(
            &dir.display().to_string(),
            text!(vi: "không tìm thấy thư mục hồ sơ", en: "no dossier folder here"),
        )));
    }
    let Some(settings) = Settings::read_file(&dir, diags)? else {
        return Ok(None);
    };
    let criteria_path = dir.join(&settings.criteria);
    let criteria_name = criteria_path.display().to_string();
    match crate::fsio::inspect(&criteria_path, crate::fsio::Within::Anywhere) {
        Err(crate::fsio::Refusal::Missing) => {}
        Err(r) => return Err(Fatal::from(r.diagnostic(&criteria_name))),
        Ok(_) => {}
    }
    if !criteria_path.is_file() {
        let named = &settings.criteria;
        let settings_file = shown(&dir, SETTINGS_FILE);
        return Err(Fatal::from(Diagnostic::error(
            &settings_file,
            text!(
                vi: "\"criteria\": không có tệp tiêu chí {criteria_name} (đường dẫn \"{named}\" tính từ thư mục hồ sơ; khi chép hồ sơ đi nơi khác, sửa đường dẫn này)",
                en: "\"criteria\": no criteria file at {criteria_name} (the path \"{named}\" is relative to the dossier folder; fix it when the dossier is copied elsewhere)"
            ),
        )));
    }
    let loaded = shared.criteria(&criteria_path, &criteria_name)?;
    let criteria_ok = !loaded.diagnostics.iter().any(Diagnostic::is_error);
    diags.extend(loaded.diagnostics);
    let criteria = match loaded.criteria {
        Some(c) if criteria_ok => c,
        _ => return Ok(None),
    };
    let plan_path = dir.join(PLAN_FILE);
    let plan = if plan_path.symlink_metadata().is_ok() {
        plan::read(
            &plan_path,
            &shown(&dir, PLAN_FILE),
            &settings,
            &criteria,
            diags,
        )?
    } else {
        None
    };
    let scores_path = dir.join(SCORES_FILE);
    let scores = scores::read(&scores_path, &shown(&dir, SCORES_FILE), &criteria, diags)?;
    // Row problems in the scores or the plan do not stop here: scoring goes on over the
    // rows that can be read, so that every problem in the dossier is reported in one run.
    Ok(Some(Dossier {
        dir,
        settings,
        criteria,
        scores: scores.unwrap_or_default(),
        plan,
    }))
}
