//! The line to beat: the score of rank K in the latest published ranking of the unit's
//! group not after the dossier's year, or a threshold set by hand. Choosing it is domain
//! logic shared by `gap`, `chart` and whatever else measures a unit against its peers.

use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier::{shown, Draft};
use crate::gap::Line;
use crate::lang::Text;
use crate::ranking;
use crate::text;
use rust_decimal::Decimal;
use std::path::Path;

/// The line to beat: `--threshold`, else rank K of the latest published year not after
/// the dossier's year in the unit's group. Every setting this needs (`rankings`, `group`,
/// `target_rank`) is checked at once, each problem with the valid choices; they come back
/// as problems to report beside the dossier's own.
pub fn line_for(
    dir: &Path,
    draft: &Draft,
    rank: Option<u32>,
    threshold: Option<Decimal>,
    read: crate::input::ReadOptions,
) -> Result<Line, Vec<Diagnostic>> {
    let settings_file = shown(dir, crate::dossier::SETTINGS_FILE);
    let k = rank.or(draft.target_rank);
    if let Some(score) = threshold {
        return Ok(Line {
            rank: k,
            score,
            unit: None,
            year: None,
            source: None,
        });
    }
    let mut problems = Vec::new();
    let at = |key: &str, t| draft.at_key(key, Diagnostic::error(&settings_file, t));
    let rankings = match &draft.rankings {
        None => {
            let found = list(&crate::dossier::ranking_files(dir));
            problems.push(at("rankings", text!(
                vi: "thiếu \"rankings\": tệp xếp hạng công bố, đường dẫn tính từ thư mục hồ sơ, ví dụ \"rankings\": \"../../criteria/rankings.csv\" (hoặc dùng --threshold){found}",
                en: "\"rankings\" is missing: the published ranking file, a path from the dossier folder, for example \"rankings\": \"../../criteria/rankings.csv\" (or use --threshold){found}",
            )));
            None
        }
        Some(rel) if dir.join(rel).symlink_metadata().is_err() => {
            let found = list(&crate::dossier::ranking_files(dir));
            let at_path = crate::fsio::shown(&dir.join(rel));
            problems.push(at("rankings", text!(
                vi: "\"rankings\": không có tệp xếp hạng {at_path} (đường dẫn \"{rel}\" tính từ thư mục hồ sơ){found}",
                en: "\"rankings\": no ranking file at {at_path} (the path \"{rel}\" is relative to the dossier folder){found}",
            )));
            None
        }
        Some(rel) => {
            let mut diags = Diagnostics::default();
            match ranking::read(&dir.join(rel), &shown(dir, rel), &mut diags, read) {
                Ok(Some(r)) if !diags.has_errors() => Some(r),
                Ok(_) => {
                    problems.extend(diags.items);
                    None
                }
                Err(f) => {
                    problems.push(*f.0);
                    None
                }
            }
        }
    };
    let group = draft.group.clone().unwrap_or_default();
    if rankings.is_none() && group.is_empty() {
        // Without a ranking file there are no groups to offer, but the missing key is still
        // named in the same run as the others.
        problems.push(at("group", text!(
            vi: "thiếu \"group\": khối của đơn vị trong bảng xếp hạng, ví dụ \"group\": \"so-ban-nganh\"",
            en: "\"group\" is missing: the unit's block in the ranking, for example \"group\": \"so-ban-nganh\"",
        )));
    }
    let mut line_year = None;
    if let Some(r) = &rankings {
        let groups = r.groups().join(", ");
        let source = &r.source;
        if group.is_empty() {
            problems.push(at("group", text!(
                vi: "thiếu \"group\": khối của đơn vị trong bảng xếp hạng; các khối trong {source}: {groups}",
                en: "\"group\" is missing: the unit's block in the ranking; the groups in {source}: {groups}",
            )));
        } else if !r.groups().contains(&group.as_str()) {
            problems.push(at(
                "group",
                text!(
                    vi: "\"group\": khối \"{group}\" không có trong {source}; các khối: {groups}",
                    en: "\"group\": the group \"{group}\" is not in {source}; the groups: {groups}",
                ),
            ));
        } else if let Some(year) = draft.year {
            line_year = r.latest_year(&group, year);
            if line_year.is_none() {
                let years = r
                    .years(&group)
                    .iter()
                    .map(i32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                problems.push(at("year", text!(
                    vi: "xếp hạng của khối \"{group}\" trong {source} chỉ có các năm {years}, không có năm nào từ {year} trở về trước",
                    en: "the ranking of group \"{group}\" in {source} has only the years {years}, none in {year} or before",
                )));
            }
        }
    }
    let ranks = match (&rankings, line_year) {
        (Some(r), Some(y)) => {
            let ranks: Vec<String> = r
                .table(&group, y)
                .iter()
                .map(|e| e.rank.to_string())
                .collect();
            Some((y, ranks.join(", ")))
        }
        _ => None,
    };
    let Some(k) = k else {
        let choices = match &ranks {
            Some((y, ranks)) => {
                text!(vi: "; các hạng trong xếp hạng năm {y} của khối \"{group}\": {ranks}", en: "; the ranks in the {y} ranking of group \"{group}\": {ranks}")
            }
            None => Text::new("", ""),
        };
        let (cv, ce) = (&choices.vi, &choices.en);
        problems.push(at("target_rank", text!(
            vi: "thiếu \"target_rank\": hạng cần đạt, ví dụ \"target_rank\": 5 (hoặc dùng --rank){cv}",
            en: "\"target_rank\" is missing: the rank to reach, for example \"target_rank\": 5 (or use --rank){ce}",
        )));
        return Err(problems);
    };
    let (Some(r), Some((line_year, ranks))) = (&rankings, ranks) else {
        return Err(problems);
    };
    match r.at_rank(&group, line_year, k) {
        Some(e) if problems.is_empty() => Ok(Line {
            rank: Some(k),
            score: e.score,
            unit: Some(e.unit.clone()),
            year: Some(line_year),
            source: Some(e.source.clone()),
        }),
        Some(_) => Err(problems),
        None => {
            let e = Diagnostic::error(
                &r.source,
                text!(
                    vi: "xếp hạng năm {line_year} của khối \"{group}\" không có hạng {k} (có: {ranks}); sửa \"target_rank\" hoặc dùng --rank hoặc --threshold",
                    en: "the {line_year} ranking of group \"{group}\" has no rank {k} (it has: {ranks}); change \"target_rank\" or use --rank or --threshold"
                ),
            );
            problems.push(e);
            Err(problems)
        }
    }
}

/// `; các tệp tìm thấy: "a", "b"` after a missing file, or nothing when none is found.
fn list(found: &[String]) -> Text {
    if found.is_empty() {
        return Text::new("", "");
    }
    let l = found
        .iter()
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(", ");
    text!(vi: "; các tệp tìm thấy: {l}", en: "; files found: {l}")
}
