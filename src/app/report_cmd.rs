//! `parscore report DOSSIER [--compare DOSSIER...] [--out report.html]`: the one-page
//! leadership report, a self-contained HTML file, from the same results `score`,
//! `evidence`, `gap`, `compare` and `chart` give. [`report_html`] is the page itself, for
//! a caller that serves it rather than writes it.

use super::draw::{draw, ChartArgs};
use super::load::{comparison, load_all, measure, rankings_of};
use super::{Outcome, Status};
use crate::diag::Diagnostic;
use crate::dossier::{ScoresChoice, Shared};
use crate::fsio::{read_input, write_atomic, Input, Within};
use crate::lang::Lang;
use crate::ranking::same_unit;
use crate::report::html::{self, Chart, InputFile, Provenance, PublishedRank, SealState};
use crate::text;
use std::path::{Path, PathBuf};

pub struct ReportArgs<'a> {
    pub dossier: &'a Path,
    /// Other years, for the comparison and the trend chart.
    pub compare: &'a [PathBuf],
    /// Where to write; `None`: [`default_out`] in the current folder.
    pub out: Option<&'a Path>,
    pub rank: Option<u32>,
    pub threshold: Option<&'a str>,
    /// The working appendix instead of the one page.
    pub appendix: bool,
    pub scores: ScoresChoice,
    /// How to read the files (`--encoding`, `--max-input`).
    pub read: crate::input::ReadOptions,
    /// `SOURCE_DATE_EPOCH` as found in the environment: seconds since 1970 to use as the
    /// generation time, for a report that is the same byte for byte when made again.
    pub source_date_epoch: Option<String>,
}

/// `bao-cao-cchc-<year>.html`: the name the report gets when `--out` is not given;
/// `bao-cao-cchc-<year>-phu-luc.html` for the working appendix.
pub fn default_out(year: i32, appendix: bool) -> PathBuf {
    let tail = if appendix { "-phu-luc" } else { "" };
    PathBuf::from(format!("bao-cao-cchc-{year}{tail}.html"))
}

/// Writes the report and says where.
pub fn report(a: &ReportArgs, lang: Lang) -> Outcome {
    let (page, year, warnings) = match build(a, lang) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let out = a
        .out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_out(year, a.appendix));
    if let Some(d) = refused_target(a, &out) {
        return Outcome::problems(&[d], lang);
    }
    if let Err(e) = write_atomic(&out, page.as_bytes()) {
        let why = crate::fsio::os_reason(&e);
        let (vi, en) = (&why.vi, &why.en);
        let d = Diagnostic::error(
            &crate::fsio::shown(&out),
            text!(vi: "không ghi được báo cáo: {vi}", en: "cannot write the report: {en}"),
        );
        return Outcome::fatal(d.into(), lang);
    }
    let shown = crate::fsio::shown(&out);
    Outcome {
        out: match lang {
            Lang::Vi if a.appendix => format!("Đã ghi phụ lục số liệu: {shown}\n"),
            Lang::En if a.appendix => format!("Appendix written: {shown}\n"),
            Lang::Vi => format!("Đã ghi báo cáo: {shown}\n"),
            Lang::En => format!("Report written: {shown}\n"),
        },
        err: warnings,
        status: Status::Ok,
        diagnostics: Vec::new(),
    }
}

/// The report as one HTML page, or the outcome that explains why it cannot be made.
pub fn report_html(a: &ReportArgs, lang: Lang) -> Result<String, Outcome> {
    build(a, lang).map(|(page, _, _)| page)
}

/// The page, the dossier's year and the warnings to print beside it.
fn build(a: &ReportArgs, lang: Lang) -> Result<(String, i32, String), Outcome> {
    let generated = super::clock::generation_time(a.source_date_epoch.as_deref(), lang)?;
    let mut shared = Shared::choosing(a.scores).reading(a.read);
    let (scored, gap) = measure(a.dossier, "report", a.rank, a.threshold, lang, &mut shared)?;
    let published = rankings_of(&scored, lang, a.read).ok().and_then(|r| {
        let s = &scored.sheet;
        let group = &scored.dossier.settings.group;
        r.years(group)
            .into_iter()
            .rev()
            .filter(|y| *y <= s.year)
            .find_map(|y| {
                r.table(group, y)
                    .into_iter()
                    .find(|e| same_unit(&e.unit, &s.unit))
                    .map(|e| PublishedRank {
                        year: e.year,
                        rank: e.rank,
                        score: e.score,
                    })
            })
    });
    let loaded = if a.compare.is_empty() {
        None
    } else {
        let mut paths = vec![a.dossier.to_path_buf()];
        paths.extend(a.compare.iter().cloned());
        Some(load_all(&paths, lang, &mut shared)?)
    };
    let compared = loaded.as_ref().map(|l| comparison(l, false));
    let charts = charts(a, lang)?;
    let mut files = inputs(&scored.dossier, lang, a.read);
    for other in loaded.iter().flatten().skip(1) {
        files.extend(inputs(&other.dossier, lang, a.read));
    }
    let provenance = Provenance {
        criteria_id: scored.dossier.criteria.id.clone(),
        criteria_title: scored.dossier.criteria.title.clone(),
        files,
        seal: seal_state(&scored.dossier.dir, lang, a.read),
        version: env!("CARGO_PKG_VERSION"),
        generated,
        reproducible: a.source_date_epoch.is_some(),
    };
    let info = crate::dossier::read_report(&scored.dossier.dir, a.read)
        .ok()
        .map(|(info, _)| info);
    let render = if a.appendix {
        html::render_appendix
    } else {
        html::render
    };
    let page = render(
        &html::Report {
            sheet: &scored.sheet,
            criteria: &scored.dossier.criteria,
            plan: scored.dossier.plan.as_ref(),
            evidence: scored.evidence.as_ref().map(|(m, x)| (m, x)),
            gap: &gap,
            published,
            comparison: compared.as_ref(),
            charts,
            provenance: &provenance,
            info: info.as_ref(),
        },
        lang,
    );
    let mut warnings: Vec<Diagnostic> = scored.warnings.items.clone();
    for other in loaded.iter().flatten().skip(1) {
        warnings.extend(other.warnings.items.iter().cloned());
    }
    let warnings = crate::report::diagnostics::lines(&warnings, lang);
    Ok((page, scored.sheet.year, warnings))
}

/// The charts `parscore chart` draws: areas and gap, and the trend when there are other
/// years to draw it from.
fn charts(a: &ReportArgs, lang: Lang) -> Result<Vec<Chart>, Outcome> {
    let args = ChartArgs {
        dossier: a.dossier,
        compare: a.compare,
        out: Path::new("."),
        png: false,
        rank: a.rank,
        threshold: a.threshold,
        scores: a.scores,
        read: a.read,
        several_units: false,
    };
    let (drawn, _) = draw(&args, None, lang)?;
    let mut out = Vec::new();
    for (name, svg) in drawn {
        if name == "trend" && a.compare.is_empty() {
            continue;
        }
        match svg {
            Ok(svg) => out.push(Chart { name, svg }),
            Err(e) => {
                let d = Diagnostic::error(
                    &format!("{name}.svg"),
                    text!(vi: "không vẽ được biểu đồ (lỗi nội bộ của thư viện vẽ); hãy báo lỗi này cho nhóm phát triển", en: "cannot draw the chart: {e}"),
                );
                return Err(Outcome::fatal(d.into(), lang));
            }
        }
    }
    Ok(out)
}

/// Every file the dossier was made from, hashed as read through the one read path.
fn inputs(
    d: &crate::dossier::Dossier,
    lang: Lang,
    read: crate::input::ReadOptions,
) -> Vec<InputFile> {
    use crate::dossier::{PLAN_FILE, SETTINGS_FILE};
    use crate::evidence::MANIFEST_FILE;
    let dir = &d.dir;
    let inside = Within::Folder(dir);
    let mut wanted: Vec<(&'static str, PathBuf, Within, Input)> = vec![
        (
            SETTINGS_FILE,
            dir.join(SETTINGS_FILE),
            inside,
            Input::Settings,
        ),
        (
            "scores",
            PathBuf::from(&d.scores.source),
            inside,
            Input::Table,
        ),
    ];
    if d.plan.is_some() {
        wanted.push(("plan", dir.join(PLAN_FILE), inside, Input::Table));
    }
    let manifest = dir.join(MANIFEST_FILE);
    if manifest.symlink_metadata().is_ok() {
        wanted.push(("manifest", manifest, inside, Input::Table));
    }
    let seal = dir.join(crate::evidence::SEAL_FILE);
    if seal.symlink_metadata().is_ok() {
        wanted.push(("seal", seal, inside, Input::Seal));
    }
    let criteria = dir.join(&d.settings.criteria);
    wanted.push(("criteria", criteria, Within::Anywhere, Input::Criteria));
    if let Some(r) = &d.settings.rankings {
        wanted.push(("rankings", dir.join(r), Within::Anywhere, Input::Table));
    }
    wanted
        .into_iter()
        .map(|(role, path, within, kind)| InputFile {
            role,
            // The file's name: a path would mean nothing on the reader's PC.
            shown: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sha256: match read_input(&path, within, kind, read.caps) {
                Ok(bytes) => crate::evidence::sha256_bytes(&bytes),
                Err(r) => r.text().get(lang).to_string(),
            },
        })
        .collect()
}

/// The seal as `verify` reports it.
fn seal_state(dir: &Path, lang: Lang, read: crate::input::ReadOptions) -> SealState {
    if dir
        .join(crate::evidence::SEAL_FILE)
        .symlink_metadata()
        .is_err()
    {
        return SealState::NotSealed;
    }
    match crate::evidence::seal::read_seal(dir, read) {
        Err(f) => SealState::Unreadable(f.0.message.get(lang).to_string()),
        Ok(seal) => {
            let v = crate::evidence::verify::verify(dir, &seal, &|_| {}, read.caps);
            SealState::Checked {
                intact: v.intact(),
                words: crate::report::seal::verified(dir, &seal, &v, lang),
            }
        }
    }
}

/// The report never replaces one of the files it was made from, nor lands among the
/// evidence documents of the dossier's `files/`.
fn refused_target(a: &ReportArgs, out: &Path) -> Option<Diagnostic> {
    let dir = crate::dossier::locate(a.dossier);
    let files = dir.join(crate::evidence::FILES_DIR).canonicalize().ok();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let inside_files = match (parent.canonicalize(), files) {
        (Ok(p), Some(f)) => p.starts_with(f),
        _ => false,
    };
    let html = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if inside_files || !html {
        return Some(Diagnostic::error(
            &crate::fsio::shown(out),
            text!(
                vi: "báo cáo không ghi vào thư mục tài liệu kiểm chứng files/ của hồ sơ, và chỉ ghi ra tệp .html",
                en: "the report is not written into the dossier's files/ evidence folder, and only to an .html file"
            ),
        ));
    }
    None
}
