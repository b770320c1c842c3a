//! A unit's year in one folder (`evidence/<year>/`): `dossier.json`, the declared figures
//! in `scores.csv`, and the reform plan in `plan.csv`. This is the one place that knows the
//! file layout of a dossier (see `docs/dossier-format.md`).

pub mod create;
mod find;
mod mangled;
mod plan;
mod report_info;
mod scores;
mod settings;

pub use find::{criteria_files, ranking_files, CRITERIA_DIR};
pub use plan::{is_done_status, parse_due, Completion, Due, Plan, Task};
pub use report_info::{read_report, report_from_text, ReportInfo, REPORT_KEYS};
pub use scores::{from_table as scores_from_table, Declared, Scores};
pub use settings::{today, Draft, Settings, FORMAT, KEYS};

use crate::criteria::{self, Criteria};
use crate::diag::{Diagnostic, Diagnostics, Fatal};
use crate::text;
use std::path::{Path, PathBuf};

pub const SETTINGS_FILE: &str = "dossier.json";
pub const SCORES_FILE: &str = "scores.csv";
/// The score sheet as a workbook (`parscore template --xlsx`), read when there is no CSV.
pub const SCORES_XLSX: &str = "scores.xlsx";

/// Which score sheet to read when a dossier has both `scores.csv` and `scores.xlsx`
/// (`--scores`); with neither chosen, such a dossier is refused rather than one of its
/// two sheets silently ignored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ScoresChoice {
    #[default]
    Either,
    Csv,
    Xlsx,
}
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
    crate::fsio::shown(&dir.join(file))
}

/// How a folder is named in a sentence: its path, or "the current folder" for `.`.
pub fn folder_name(dir: &Path) -> crate::lang::Text {
    let shown = crate::fsio::shown(dir);
    if shown.is_empty() || shown == "." || shown == "./" {
        let full = std::env::current_dir()
            .map(|p| crate::fsio::shown(&p))
            .unwrap_or_default();
        text!(vi: "thư mục hiện tại ({full})", en: "the current folder ({full})")
    } else {
        crate::lang::Text::new(shown.clone(), shown)
    }
}

/// The dossier folder that `command` was given, or why the path is not one: a file where
/// a folder is wanted, a folder that does not exist, a folder without `dossier.json`. Each
/// message shows the command to try.
pub fn open(path: &Path, command: &str) -> Result<PathBuf, Fatal> {
    let dir = locate(path);
    let shown = crate::fsio::shown(path);
    let fail = |t| Err(Fatal::from(Diagnostic::error(&shown, t)));
    match path.metadata() {
        Err(_) if path.symlink_metadata().is_err() => fail(text!(
            vi: "không có thư mục này; kiểm tra tên thư mục hồ sơ (ví dụ evidence/2026), hoặc tạo hồ sơ mới: parscore init {shown} --unit \"<tên đơn vị>\" --year <năm>",
            en: "no such folder; check the dossier folder's name (e.g. evidence/2026), or create a new dossier: parscore init {shown} --unit \"<unit name>\" --year <year>"
        )),
        Ok(m) if m.is_file() && dir.as_path() == path => {
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => crate::fsio::shown(p),
                _ => ".".to_string(),
            };
            fail(text!(
                vi: "đây là một tệp, không phải thư mục hồ sơ; lệnh cần thư mục chứa dossier.json, thử: parscore {command} {parent}",
                en: "this is a file, not a dossier folder; the command needs the folder that holds dossier.json, try: parscore {command} {parent}"
            ))
        }
        _ if dir.join(SETTINGS_FILE).symlink_metadata().is_err() && dir.is_dir() => {
            let name = folder_name(&dir);
            let (vi, en) = (&name.vi, &name.en);
            let here = crate::fsio::shown(&dir);
            let here = if here.is_empty() {
                ".".to_string()
            } else {
                here
            };
            Err(Fatal::from(Diagnostic::error(
                &self::shown(&dir, SETTINGS_FILE),
                text!(
                    vi: "không có tệp này, nên {vi} chưa phải thư mục hồ sơ; tạo hồ sơ mới bằng: parscore init {here} --unit \"<tên đơn vị>\" --year <năm>",
                    en: "no such file, so {en} is not a dossier folder; create a new dossier with: parscore init {here} --unit \"<unit name>\" --year <year>"
                ),
            )))
        }
        _ if !dir.is_dir() => fail(text!(
            vi: "không phải thư mục hồ sơ (cần thư mục chứa dossier.json)",
            en: "not a dossier folder (the folder holding dossier.json is needed)"
        )),
        _ => Ok(dir),
    }
}

/// The shared files already read in this run, by real path: many dossiers (a unit's years,
/// a city's units) name the same criteria file, which is read and checked once.
#[derive(Debug, Default)]
pub struct Shared {
    criteria: std::collections::HashMap<PathBuf, criteria::Loaded>,
    /// The score sheet chosen for every dossier of the run.
    scores: ScoresChoice,
    /// How the run reads its files (`--encoding`, `--max-input`).
    read: crate::input::ReadOptions,
}

impl Shared {
    /// For a run told which score sheet to read (`--scores`).
    pub fn choosing(scores: ScoresChoice) -> Self {
        Shared {
            scores,
            ..Shared::default()
        }
    }

    /// The same, reading files as `read` says (`--encoding`, `--max-input`).
    pub fn reading(self, read: crate::input::ReadOptions) -> Self {
        Shared { read, ..self }
    }

    /// How the run reads its files.
    pub fn read_options(&self) -> crate::input::ReadOptions {
        self.read
    }

    fn criteria(&mut self, path: &Path, name: &str) -> Result<criteria::Loaded, Fatal> {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if let Some(loaded) = self.criteria.get(&key) {
            return Ok(loaded.clone());
        }
        let loaded = criteria::load_file(path, name, self.read)?;
        self.criteria.insert(key, loaded.clone());
        Ok(loaded)
    }
}

/// Reads a dossier for `command`. `Err` when it cannot be read at all; `None` when its
/// settings or its criteria are invalid; otherwise the dossier, with every problem found
/// in its tables (errors and warnings) in `diags`. A caller must not present a score while
/// `diags` holds errors.
pub fn load(path: &Path, command: &str, diags: &mut Diagnostics) -> Result<Option<Dossier>, Fatal> {
    load_with(path, command, diags, Vec::new(), &mut Shared::default())
}

/// As [`load`], with problems a command found in the settings it alone needs (`extra`),
/// reported beside those of the dossier, reading each shared file once per run.
pub fn load_with(
    path: &Path,
    command: &str,
    diags: &mut Diagnostics,
    extra: Vec<Diagnostic>,
    shared: &mut Shared,
) -> Result<Option<Dossier>, Fatal> {
    let dir = open(path, command)?;
    let (draft, problems) = Settings::draft(&dir, shared.read)?;
    diags.extend(problems);
    diags.extend(extra);
    // A wrong key other than these stops nothing: the tables are read too, so that every
    // problem is reported in one run (and no score is shown while any is an error).
    let Some(settings) = draft.complete() else {
        return Ok(None);
    };
    let criteria_path = dir.join(&settings.criteria);
    let criteria_name = crate::fsio::shown(&criteria_path);
    match crate::fsio::inspect(&criteria_path, crate::fsio::Within::Anywhere) {
        Err(crate::fsio::Refusal::Missing) => return Ok(None),
        Err(r) => return Err(Fatal::from(r.diagnostic(&criteria_name))),
        Ok(_) => {}
    }
    let loaded = shared.criteria(&criteria_path, &criteria_name)?;
    let criteria_ok = !loaded.diagnostics.iter().any(Diagnostic::is_error);
    diags.extend(loaded.diagnostics);
    let criteria = match loaded.criteria {
        Some(c) if criteria_ok => c,
        _ => return Ok(None),
    };
    if criteria.year != settings.year {
        // A new year started from last year's criteria scores against last year's
        // deadlines ("ban hành đến hết ngày 15/01/2026"): said wherever the year is read.
        let (cy, dy, id) = (criteria.year, settings.year, &criteria.id);
        diags.push(Diagnostic::warning(
            &shown(&dir, SETTINGS_FILE),
            crate::text!(vi: "\"criteria\" là bộ chỉ số năm {cy} ({id}) nhưng hồ sơ là năm {dy}: các hạn và điều kiện của bộ đó là của năm {cy}, nên điểm các tiêu chí có hạn có thể sai; nhập bộ chỉ số năm {dy} («Nhập bộ chỉ số») hoặc chọn bộ đúng năm", en: "\"criteria\" is the {cy} criteria set ({id}) but the dossier is for {dy}: its deadlines and conditions are {cy}'s, so leaves with a deadline may score wrongly; import the {dy} criteria («Import criteria») or choose the right year's set"),
        ));
    }
    let plan_path = dir.join(PLAN_FILE);
    let plan = if plan_path.symlink_metadata().is_ok() {
        plan::read(
            &plan_path,
            &shown(&dir, PLAN_FILE),
            &settings,
            &criteria,
            diags,
            shared.read,
        )?
    } else {
        None
    };
    let file = scores::which(&dir, shared.scores)?;
    let source = shown(&dir, file);
    let scores = scores::read(&dir.join(file), &source, &criteria, diags, shared.read)?;
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
