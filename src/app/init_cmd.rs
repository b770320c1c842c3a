//! `parscore init DIR --unit NAME --year YYYY [--criteria FILE] [--group G] [--rankings FILE]
//! [--target-rank K] [--as-of DATE] [--plan-from DOSSIER]`: a new dossier that every command
//! accepts. A setting not given as a flag is asked for when someone is at a terminal (with
//! the choices: criteria files found, groups and ranks of the ranking file), and refused
//! with the same choices otherwise. Every value is checked before anything is written, and
//! nothing that exists is ever replaced.

use super::prompt::Ask;
use super::Outcome;
use crate::criteria::{load_file, Criteria};
use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier::create::{header_only, plan_from, relative, NewSettings, PLAN_COLUMNS};
use crate::dossier::{self, PLAN_FILE, SCORES_FILE, SETTINGS_FILE};
use crate::evidence::{manifest::COLUMNS as MANIFEST_COLUMNS, FILES_DIR, MANIFEST_FILE};
use crate::input::ReadOptions;
use crate::lang::{Lang, Text};
use crate::ranking::{self, Rankings};
use crate::text;
use crate::value::parse_date;
use std::path::{Path, PathBuf};
use time::Date;

/// The flags as given; every one may be missing.
#[derive(Clone, Debug, Default)]
pub struct InitArgs {
    pub dir: PathBuf,
    pub unit: Option<String>,
    pub year: Option<String>,
    pub criteria: Option<String>,
    pub group: Option<String>,
    pub rankings: Option<String>,
    pub target_rank: Option<String>,
    pub as_of: Option<String>,
    pub plan_from: Option<PathBuf>,
}

/// One setting to obtain: from its flag, else by asking, else it is reported missing.
struct Question<'q> {
    flag: &'static str,
    text: Text,
    choices: Vec<String>,
    required: bool,
    /// A number typed picks a choice (for file and group names, not for ranks).
    pick: bool,
    given: &'q Option<String>,
}

struct Session<'a> {
    ask: Option<&'a mut dyn Ask>,
    lang: Lang,
    problems: Vec<Diagnostic>,
}

impl Session<'_> {
    /// The value of a setting, checked by `parse`; `None` when it is absent (and optional)
    /// or wrong (the problem is then recorded, or the question asked again).
    fn get<T>(&mut self, q: Question, parse: impl Fn(&str) -> Result<T, Text>) -> Option<T> {
        let lang = self.lang;
        let list = q.choices.join(", ");
        if let Some(given) = q.given {
            match parse(given.trim()) {
                Ok(v) => return Some(v),
                Err(why) if self.ask.is_none() => {
                    self.problems.push(Diagnostic::error(q.flag, why));
                    return None;
                }
                Err(why) => self.tell(&why),
            }
        }
        let Some(ask) = self.ask.as_deref_mut() else {
            if q.required {
                let (vi, en) = (&q.text.vi, &q.text.en);
                let choices = if list.is_empty() {
                    Text::new("", "")
                } else {
                    text!(vi: "; các lựa chọn: {list}", en: "; the choices: {list}")
                };
                let (cv, ce) = (&choices.vi, &choices.en);
                let flag = q.flag;
                self.problems.push(Diagnostic::error(
                    flag,
                    text!(vi: "thiếu {flag} ({vi}){cv}", en: "{flag} is missing ({en}){ce}"),
                ));
            }
            return None;
        };
        loop {
            let pick = match (q.pick && !q.choices.is_empty(), lang) {
                (false, _) => "",
                (true, Lang::Vi) => " (gõ số hoặc tên)",
                (true, Lang::En) => " (a number or a name)",
            };
            let skip = match (q.required, lang) {
                (true, _) => "",
                (false, Lang::Vi) => " (Enter để bỏ qua)",
                (false, Lang::En) => " (Enter to skip)",
            };
            let question = format!("{}{pick}{skip}:", q.text.get(lang));
            let answer = ask.ask(&question, &q.choices)?;
            if answer.is_empty() {
                if !q.required {
                    return None;
                }
                ask.say(match lang {
                    Lang::Vi => "cần có câu trả lời",
                    Lang::En => "an answer is needed",
                });
                continue;
            }
            let picked = match answer.parse::<usize>() {
                Ok(n) if q.pick && (1..=q.choices.len()).contains(&n) => q.choices[n - 1].clone(),
                _ => answer,
            };
            match parse(&picked) {
                Ok(v) => return Some(v),
                Err(why) => ask.say(why.get(lang)),
            }
        }
    }

    fn tell(&mut self, why: &Text) {
        if let Some(ask) = self.ask.as_deref_mut() {
            ask.say(why.get(self.lang));
        }
    }
}

/// Creates the dossier; see the module comment.
pub fn init(args: &InitArgs, ask: Option<&mut dyn Ask>, lang: Lang, read: ReadOptions) -> Outcome {
    let dir = &args.dir;
    let shown = crate::fsio::shown(dir);
    if dir.is_file() {
        let d = Diagnostic::error(
            &shown,
            text!(vi: "đây là một tệp; init cần tên một thư mục mới hoặc trống", en: "this is a file; init needs the name of a new or empty folder"),
        );
        return Outcome::fatal(d.into(), lang);
    }
    let existing: Vec<&str> = [
        SETTINGS_FILE,
        SCORES_FILE,
        MANIFEST_FILE,
        PLAN_FILE,
        FILES_DIR,
    ]
    .into_iter()
    .filter(|f| dir.join(f).symlink_metadata().is_ok())
    .collect();
    if !existing.is_empty() {
        let list = existing.join(", ");
        let d = Diagnostic::error(
            &shown,
            text!(
                vi: "thư mục đã có {list}; init không ghi đè lên tệp nào, chọn thư mục khác hoặc tự dời các tệp đó đi",
                en: "the folder already has {list}; init never overwrites a file, choose another folder or move those files away yourself"
            ),
        );
        return Outcome::fatal(d.into(), lang);
    }
    let mut s = Session {
        ask,
        lang,
        problems: Vec::new(),
    };
    let unit = s.get(
        Question { flag: "--unit", text: text!(vi: "Tên đơn vị, như trong bảng xếp hạng", en: "The unit's name, as in the ranking"), choices: vec![], required: true, pick: false, given: &args.unit },
        |a| if a.is_empty() { Err(text!(vi: "tên đơn vị để trống", en: "the unit's name is empty")) } else { Ok(crate::input::nfc(a)) },
    );
    let year = s.get(
        Question { flag: "--year", text: text!(vi: "Năm đánh giá, ví dụ 2026", en: "The year assessed, e.g. 2026"), choices: vec![], required: true, pick: false, given: &args.year },
        |a| a.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y)).ok_or_else(|| text!(vi: "\"{a}\" không phải năm (từ 1900 đến 2100)", en: "\"{a}\" is not a year (1900 to 2100)")),
    );
    let criteria = s.get(
        Question {
            flag: "--criteria",
            text: text!(vi: "Tệp tiêu chí", en: "The criteria file"),
            choices: dossier::criteria_files(Path::new(".")),
            required: true,
            pick: true,
            given: &args.criteria,
        },
        |a| read_criteria(a, read),
    );
    let rankings = s.get(
        Question {
            flag: "--rankings",
            text: text!(vi: "Tệp xếp hạng công bố", en: "The published ranking file"),
            choices: dossier::ranking_files(Path::new(".")),
            required: false,
            pick: true,
            given: &args.rankings,
        },
        |a| read_rankings(a, read),
    );
    let group = match &rankings {
        Some((_, r)) => {
            let groups: Vec<String> = r.groups().iter().map(|g| g.to_string()).collect();
            s.get(
                Question { flag: "--group", text: text!(vi: "Khối của đơn vị trong bảng xếp hạng", en: "The unit's group in the ranking"), choices: groups.clone(), required: true, pick: true, given: &args.group },
                |a| if groups.iter().any(|g| g == a) { Ok(a.to_string()) } else { let l = groups.join(", "); Err(text!(vi: "khối \"{a}\" không có trong tệp xếp hạng; các khối: {l}", en: "the group \"{a}\" is not in the ranking file; the groups: {l}")) },
            )
        }
        None => args.group.clone().filter(|g| !g.trim().is_empty()),
    };
    let ranks: Vec<u32> = match (&rankings, &group, year) {
        (Some((_, r)), Some(g), Some(y)) => r
            .latest_year(g, y)
            .map(|ly| r.table(g, ly).iter().map(|e| e.rank).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let rank_list: Vec<String> = ranks.iter().map(u32::to_string).collect();
    let target_rank = s.get(
        Question { flag: "--target-rank", text: text!(vi: "Hạng cần đạt, ví dụ 5", en: "The rank to reach, e.g. 5"), choices: vec![], required: false, pick: false, given: &args.target_rank },
        |a| {
            let l = rank_list.join(", ");
            match a.parse::<u32>() {
                Ok(k) if k >= 1 && (ranks.is_empty() || ranks.contains(&k)) => Ok(k),
                Ok(_) if !ranks.is_empty() => Err(text!(vi: "hạng \"{a}\" không có trong xếp hạng của khối; các hạng: {l}", en: "rank \"{a}\" is not in the group's ranking; the ranks: {l}")),
                _ => Err(text!(vi: "\"{a}\" không phải hạng (số nguyên từ 1)", en: "\"{a}\" is not a rank (a whole number from 1)")),
            }
        },
    );
    let as_of = s.get(
        Question { flag: "--as-of", text: text!(vi: "Ngày đánh giá hồ sơ, ví dụ 30/11/2026 (bỏ trống: hôm nay)", en: "The date the dossier is judged at, e.g. 30/11/2026 (blank: today)"), choices: vec![], required: false, pick: false, given: &args.as_of },
        |a| parse_date(a).ok_or_else(|| text!(vi: "\"{a}\" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)", en: "\"{a}\" is not a valid date (dd/mm/yyyy or yyyy-mm-dd)")),
    );
    let plan = match (&args.plan_from, year) {
        (Some(from), Some(y)) => copied_plan(from, y, &mut s.problems, read),
        _ => None,
    };
    let (Some(unit), Some(year), Some((criteria_path, c))) = (unit, year, criteria) else {
        return refused(&s.problems, lang);
    };
    if !s.problems.is_empty() {
        return refused(&s.problems, lang);
    }
    let rankings = rankings.map(|(p, _)| p);
    write(
        dir,
        Made {
            unit,
            year,
            criteria_path,
            c,
            group,
            rankings,
            target_rank,
            as_of,
            plan,
        },
        lang,
    )
}

/// Missing or wrong flags: nothing was made, the command could not run (exit 2).
fn refused(problems: &[Diagnostic], lang: Lang) -> Outcome {
    Outcome {
        status: super::Status::CannotRun,
        ..Outcome::problems(problems, lang)
    }
}

/// Everything a new dossier is made from, checked.
struct Made {
    unit: String,
    year: i32,
    criteria_path: PathBuf,
    c: Criteria,
    group: Option<String>,
    rankings: Option<PathBuf>,
    target_rank: Option<u32>,
    as_of: Option<Date>,
    plan: Option<(Vec<u8>, usize, i32)>,
}

fn read_criteria(a: &str, read: ReadOptions) -> Result<(PathBuf, Criteria), Text> {
    let path = PathBuf::from(a);
    if !path.is_file() {
        return Err(text!(vi: "không có tệp tiêu chí {a}", en: "no criteria file at {a}"));
    }
    let loaded = load_file(&path, a, read).map_err(|f| f.0.message.clone())?;
    match loaded.criteria {
        Some(c) if !loaded.diagnostics.iter().any(Diagnostic::is_error) => Ok((path, c)),
        _ => Err(
            text!(vi: "tệp tiêu chí {a} có lỗi; xem chi tiết bằng: parscore criteria check {a}", en: "the criteria file {a} has errors; see them with: parscore criteria check {a}"),
        ),
    }
}

fn read_rankings(a: &str, read: ReadOptions) -> Result<(PathBuf, Rankings), Text> {
    let path = PathBuf::from(a);
    if !path.is_file() {
        return Err(text!(vi: "không có tệp xếp hạng {a}", en: "no ranking file at {a}"));
    }
    let mut diags = Diagnostics::default();
    match ranking::read(&path, a, &mut diags, read) {
        Ok(Some(r)) if !diags.has_errors() => Ok((path, r)),
        _ => Err(
            text!(vi: "tệp xếp hạng {a} có lỗi; xem chi tiết bằng: parscore gap <hồ sơ> sau khi tạo", en: "the ranking file {a} has errors; see them with: parscore gap <dossier> once created"),
        ),
    }
}

/// Another year's plan, reset for `year`: (bytes, tasks, the year it came from).
fn copied_plan(
    from: &Path,
    year: i32,
    problems: &mut Vec<Diagnostic>,
    read: ReadOptions,
) -> Option<(Vec<u8>, usize, i32)> {
    let folder = match from.file_name() {
        Some(n) if n == PLAN_FILE || n == SETTINGS_FILE => {
            from.parent().unwrap_or(Path::new(".")).to_path_buf()
        }
        _ => from.to_path_buf(),
    };
    let shown = crate::fsio::shown(from);
    let old_year = match dossier::Settings::draft(&folder, read) {
        Ok((draft, _)) => draft.year,
        Err(_) => None,
    };
    let Some(old_year) = old_year else {
        problems.push(Diagnostic::error("--plan-from", text!(vi: "{shown} không phải hồ sơ có dossier.json ghi năm; cần thư mục hồ sơ của năm khác, ví dụ evidence/2025", en: "{shown} is not a dossier whose dossier.json names its year; give another year's dossier folder, e.g. evidence/2025")));
        return None;
    };
    let path = folder.join(PLAN_FILE);
    let source = dossier::shown(&folder, PLAN_FILE);
    match crate::input::read_table(&path, &source, crate::fsio::Within::folder_of(&path), read) {
        Ok(Ok(t)) => {
            let (bytes, n) = plan_from(&t, old_year, year);
            Some((bytes, n, old_year))
        }
        Ok(Err(d)) => {
            problems.push(*d);
            None
        }
        Err(f) => {
            problems.push(*f.0);
            None
        }
    }
}

/// Writes the dossier: the folder and `files/`, then each file, none over an existing one.
fn write(dir: &Path, m: Made, lang: Lang) -> Outcome {
    let shown = crate::fsio::shown(dir);
    let fail = |name: &str, e: std::io::Error| {
        let why = crate::fsio::os_reason(&e);
        let (vi, en) = (&why.vi, &why.en);
        Outcome::fatal(
            Diagnostic::error(
                name,
                text!(vi: "không tạo được: {vi}", en: "cannot create it: {en}"),
            )
            .into(),
            lang,
        )
    };
    if let Err(e) =
        std::fs::create_dir_all(dir).and_then(|_| std::fs::create_dir(dir.join(FILES_DIR)))
    {
        return fail(&shown, e);
    }
    let from = crate::fsio::canonical(dir).unwrap_or_else(|_| dir.to_path_buf());
    let rel = |p: &Path| {
        let abs = crate::fsio::canonical(p).unwrap_or_else(|_| p.to_path_buf());
        relative(&from, &abs).unwrap_or_else(|| crate::fsio::shown(&abs))
    };
    let settings = NewSettings {
        unit: m.unit.clone(),
        year: m.year,
        criteria: rel(&m.criteria_path),
        group: m.group,
        rankings: m.rankings.as_deref().map(rel),
        target_rank: m.target_rank,
        as_of: m.as_of,
    };
    let plan_tasks = m.plan.as_ref().map(|(_, n, y)| (*n, *y));
    let files = [
        (
            SETTINGS_FILE,
            crate::dossier::create::settings_json(&settings),
        ),
        (
            SCORES_FILE,
            crate::report::template::blank_sheet(&m.c, lang),
        ),
        (MANIFEST_FILE, header_only(&MANIFEST_COLUMNS)),
        (
            PLAN_FILE,
            m.plan
                .map(|(b, _, _)| b)
                .unwrap_or_else(|| header_only(&PLAN_COLUMNS)),
        ),
    ];
    for (name, bytes) in &files {
        if let Err(e) = crate::fsio::write_new(&dir.join(name), bytes) {
            return fail(&dossier::shown(dir, name), e);
        }
    }
    Outcome::ok(crate::report::init::created(
        dir,
        &settings,
        m.c.leaves().len(),
        plan_tasks,
        lang,
    ))
}
