//! `parscore chart DOSSIER [--compare DOSSIER...] --out DIR [--png]`: areas.svg, gap.svg,
//! trend.svg (and PNGs), drawn from the figures `score`, `gap` and `compare` print.

use super::compare_cmd::{comparison, load_all};
use super::gap_cmd::{measure, rankings_of};
use super::{Outcome, Status};
use crate::chart::{
    self, AdjustmentBar, AreaBar, AreasChart, GapChart, RankBar, RankKind, Series, TrendChart,
};
use crate::compare::{Basis, Level};
use crate::diag::Diagnostic;
use crate::fsio::write_atomic;
use crate::lang::Lang;
use crate::number::{round2, show_percent, show_points};
use crate::ranking::same_unit;
use crate::text;
use crate::value::{parse_date, show_date};
use rust_decimal::Decimal;
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
}

pub fn chart(a: &ChartArgs, lang: Lang) -> Outcome {
    let vi = lang == Lang::Vi;
    let (drawn, warnings) = match draw(a, Some(a.out), lang) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let mut written = Vec::new();
    for (name, svg) in drawn {
        let svg = match svg {
            Ok(s) => s,
            Err(e) => return cannot_draw(&a.out.join(format!("{name}.svg")), &e, lang),
        };
        let path = a.out.join(format!("{name}.svg"));
        if let Err(e) = write_atomic(&path, svg.as_bytes()) {
            return cannot_write(&path, &crate::fsio::os_reason(&e), lang);
        }
        written.push(path);
        if a.png {
            let path = a.out.join(format!("{name}.png"));
            let bytes = match chart::png(&svg) {
                Ok(b) => b,
                Err(e) => return cannot_draw(&path, &e, lang),
            };
            if let Err(e) = write_atomic(&path, &bytes) {
                return cannot_write(&path, &crate::fsio::os_reason(&e), lang);
            }
            written.push(path);
        }
    }
    let mut out = String::from(if vi { "Đã vẽ:\n" } else { "Drawn:\n" });
    for p in written {
        out.push_str(&format!("  {}\n", p.display()));
    }
    Outcome {
        out,
        err: warnings,
        status: Status::Ok,
        diagnostics: Vec::new(),
    }
}

/// The three charts `areas`, `gap` and `trend` as SVG text (or why the drawing library
/// could not draw one), with the dossiers' warnings: what `chart` writes and `report`
/// shows inline. With `out`, that folder is first refused if it lies in the dossier's
/// `files/`, and created.
#[allow(clippy::type_complexity)]
pub(crate) fn draw(
    a: &ChartArgs,
    out: Option<&Path>,
    lang: Lang,
) -> Result<([(&'static str, Result<String, String>); 3], String), Outcome> {
    let vi = lang == Lang::Vi;
    let mut shared = crate::dossier::Shared::choosing(a.scores);
    let (scored, gap) = measure(a.dossier, "chart", a.rank, a.threshold, lang, &mut shared)?;
    let files_dir = scored.dossier.dir.join(crate::evidence::FILES_DIR);
    if let (Some(out), Some(resolved), Ok(files)) =
        (out, out.and_then(resolved), files_dir.canonicalize())
    {
        if resolved.starts_with(files) {
            let d = Diagnostic::error(
                &out.display().to_string(),
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
    let as_of = parse_date(&s.as_of).map(show_date).unwrap_or_default();
    let p = |d: Decimal| show_points(d, lang);
    let pc = |d: Decimal| show_percent(d, lang);

    // areas.svg
    let t = &s.totals;
    let risk = s.total_at_risk();
    let mut footer = match lang {
        Lang::Vi => format!(
            "Tổng: {} / {} điểm — Chỉ số {}",
            p(t.points),
            p(t.max),
            t.index().map(pc).unwrap_or_default()
        ),
        Lang::En => format!(
            "Total: {} / {} points — index {}",
            p(t.points),
            p(t.max),
            t.index().map(pc).unwrap_or_default()
        ),
    };
    if let (Some(r), Some(strict)) = (risk, s.strict_points()) {
        footer.push_str(&match lang {
            Lang::Vi => format!("; nguy cơ bị trừ {}, điểm chặt {}", p(r), p(strict)),
            Lang::En => format!("; {} at risk, strict {}", p(r), p(strict)),
        });
    }
    if let Some(ap) = t.appraised_points {
        footer.push_str(&match lang {
            Lang::Vi => format!("; thẩm định {}", p(ap)),
            Lang::En => format!("; appraised {}", p(ap)),
        });
    }
    let areas = AreasChart {
        title: match lang {
            Lang::Vi => format!("Điểm theo lĩnh vực — {}, năm {}", s.unit, s.year),
            Lang::En => format!("Points by area — {}, {}", s.unit, s.year),
        },
        subtitle: match lang {
            Lang::Vi => format!(
                "Tự đánh giá + ĐTXHH dự kiến, tính đến {as_of}; bộ tiêu chí {}",
                s.criteria_id
            ),
            Lang::En => format!(
                "Self-assessed + projected survey, as of {as_of}; criteria {}",
                s.criteria_id
            ),
        },
        bars: s
            .areas()
            .map(|n| AreaBar {
                code: n.code.clone(),
                name: n.name.clone(),
                achieved: n.achieved,
                max: n.max,
                at_risk: s.at_risk_for(&n.code),
                appraised: n.appraised,
                unscored: crate::compare::unscored_under(s, &n.code),
            })
            .collect(),
        adjustment: s.adjustments.as_ref().map(|a| {
            let section = |kind| a.section(kind, &|n| n.achieved).applied;
            AdjustmentBar {
                bonus: section(crate::criteria::AdjustmentKind::Bonus),
                max_bonus: a.max_bonus,
                penalty: section(crate::criteria::AdjustmentKind::Penalty),
                max_penalty: a.max_penalty,
            }
        }),
        footer,
    };

    // gap.svg
    let unit = &s.unit;
    let mut bars = Vec::new();
    let mut published_years = Vec::new();
    if let (Some(year), Ok(r)) = (gap.line.year, rankings_of(&scored, lang)) {
        for e in r.table(&scored.dossier.settings.group, year) {
            let own = same_unit(&e.unit, unit);
            if own {
                published_years.push(e.year);
            }
            bars.push(RankBar {
                label: match (own, lang) {
                    (true, Lang::Vi) => format!("{}. {} (công bố {})", e.rank, e.unit, e.year),
                    (true, Lang::En) => format!("{}. {} (published {})", e.rank, e.unit, e.year),
                    (false, _) => format!("{}. {}", e.rank, e.unit),
                },
                score: e.score,
                kind: if own {
                    RankKind::Published
                } else {
                    RankKind::Peer
                },
            });
        }
    }
    let y = s.year;
    bars.push(RankBar {
        label: if vi {
            format!("{unit} — dự kiến {y}")
        } else {
            format!("{unit} — projected {y}")
        },
        score: round2(gap.projected.index),
        kind: RankKind::Projected,
    });
    if scored.evidence.is_some() && gap.strict != gap.projected {
        bars.push(RankBar {
            label: if vi {
                format!("{unit} — điểm chặt {y}")
            } else {
                format!("{unit} — strict {y}")
            },
            score: round2(gap.strict.index),
            kind: RankKind::Strict,
        });
    }
    if let Some(ap) = gap.appraised {
        if !published_years.contains(&y) {
            bars.push(RankBar {
                label: if vi {
                    format!("{unit} — thẩm định {y}")
                } else {
                    format!("{unit} — appraised {y}")
                },
                score: round2(ap.index),
                kind: RankKind::Appraised,
            });
        }
    }
    let line = pc(gap.line.score);
    let target = crate::gap::target_words(&gap.line, lang);
    let line_label = match (&gap.line.unit, gap.line.rank, lang) {
        (Some(u), Some(k), Lang::Vi) => format!("Ngưỡng hạng {k}: {line} ({u})"),
        (Some(u), Some(k), Lang::En) => format!("Rank {k} line: {line} ({u})"),
        (_, _, Lang::Vi) => format!("Ngưỡng: {line}"),
        (_, _, Lang::En) => format!("Line: {line}"),
    };
    // "Dự kiến 89,96: còn thiếu 2,75; điểm chặt 86,68: còn thiếu 6,03", as `gap` prints.
    let mut totals = vec![(("Dự kiến", "Projected"), &gap.projected)];
    if scored.evidence.is_some() {
        totals.push((("điểm chặt", "strict"), &gap.strict));
    }
    if let Some(ap) = &gap.appraised {
        totals.push((("thẩm định", "appraised"), ap));
    }
    let parts: Vec<String> = totals
        .into_iter()
        .map(|((vi_word, en_word), st)| {
            let word = if vi { vi_word } else { en_word };
            let against = crate::gap::against_line(gap.line.score, st.index, lang);
            format!("{word} {}: {against}", pc(round2(st.index)))
        })
        .collect();
    let mut gap_footer = parts.join("; ");
    gap_footer.push_str(if vi {
        " (phải đạt trên ngưỡng)"
    } else {
        " (must score above the line)"
    });
    let gap_chart = GapChart {
        title: match lang {
            Lang::Vi => format!("Khoảng cách tới {target} — năm {y}"),
            Lang::En => format!("Distance to {target} — {y}"),
        },
        subtitle: match (gap.line.year, lang) {
            (Some(ly), Lang::Vi) => format!("Xếp hạng công bố năm {ly} (các đơn vị có trong tệp xếp hạng); {unit}: tính đến {as_of}"),
            (Some(ly), Lang::En) => format!("Published ranking of {ly} (the units in the ranking file); {unit}: as of {as_of}"),
            (None, Lang::Vi) => format!("Ngưỡng tự đặt (--threshold); {unit}: tính đến {as_of}"),
            (None, Lang::En) => format!("Line given with --threshold; {unit}: as of {as_of}"),
        },
        bars,
        line: gap.line.score,
        line_label,
        footer: gap_footer,
    };

    // trend.svg
    // Each dossier is let go as soon as its chart is built: a criteria set of 15,000 leaves
    // takes more memory than the charts do.
    let warnings = crate::report::diagnostics::lines(&scored.warnings.items, lang);
    let unit = unit.clone();
    drop((scored, shared));
    let mut paths = vec![a.dossier.to_path_buf()];
    paths.extend(a.compare.iter().cloned());
    let loaded = load_all(
        &paths,
        lang,
        &mut crate::dossier::Shared::choosing(a.scores),
    )?;
    let c = comparison(&loaded, false);
    let years: Vec<i32> = c.years.iter().map(|y| y.year).collect();
    let series = |r: &crate::compare::Row, label: String| Series {
        label,
        values: r
            .cells
            .iter()
            .map(|x| x.as_ref().and_then(|x| x.percent()))
            .collect(),
    };
    let total = c.rows.iter().find(|r| r.level == Level::Total).map(|r| {
        series(
            r,
            if vi {
                "Tổng (Chỉ số)".into()
            } else {
                "Total (index)".into()
            },
        )
    });
    let basis: Vec<String> = c
        .years
        .iter()
        .map(|y| match (y.basis, lang) {
            (Basis::Appraised, Lang::Vi) => format!("{}: thẩm định", y.year),
            (Basis::Projected, Lang::Vi) => format!("{}: tự đánh giá + ĐTXHH dự kiến", y.year),
            (Basis::Appraised, Lang::En) => format!("{}: appraised", y.year),
            (Basis::Projected, Lang::En) => format!("{}: self-assessed + projected survey", y.year),
        })
        .collect();
    let trend = TrendChart {
        title: match lang {
            Lang::Vi => format!("Diễn biến theo lĩnh vực — {unit}"),
            Lang::En => format!("Areas year by year — {unit}"),
        },
        subtitle: match lang {
            Lang::Vi => format!("% điểm tối đa của từng năm; {}", basis.join("; ")),
            Lang::En => format!("% of each year's maximum; {}", basis.join("; ")),
        },
        years,
        areas: c
            .rows
            .iter()
            .filter(|r| r.level == Level::Area)
            .map(|r| series(r, format!("{}. {}", r.code, r.name)))
            .collect(),
        total: total.unwrap_or(Series {
            label: String::new(),
            values: Vec::new(),
        }),
        footer: trend_footer(&c, lang),
    };

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

/// What the trend chart's reader must know: percent of each year's maximum, and which
/// years still have unscored leaves (counted as 0).
fn trend_footer(c: &crate::compare::Comparison, lang: Lang) -> String {
    let mut out = match lang {
        Lang::Vi => "Tính theo % điểm tối đa của từng năm (xem parscore compare).".to_string(),
        Lang::En => "In percent of each year's maximum (see parscore compare).".to_string(),
    };
    if let Some(total) = c.rows.iter().find(|r| r.level == Level::Total) {
        for (cell, y) in total.cells.iter().zip(&c.years) {
            let Some(cell) = cell else { continue };
            if cell.unscored > Decimal::ZERO {
                let u = show_points(cell.unscored, lang);
                out.push_str(&match lang {
                    Lang::Vi => format!(" Năm {}: còn {u} điểm chưa chấm, tính là 0.", y.year),
                    Lang::En => format!(" {}: {u} points unscored, counted as 0.", y.year),
                });
            }
        }
    }
    out
}

fn cannot_write(path: &Path, why: &crate::lang::Text, lang: Lang) -> Outcome {
    let (vi, en) = (&why.vi, &why.en);
    let d = Diagnostic::error(
        &path.display().to_string(),
        text!(vi: "không ghi được biểu đồ: {vi}", en: "cannot write the chart: {en}"),
    );
    Outcome::fatal(d.into(), lang)
}

/// The drawing library's own reason stays in the English message; it is never a user's
/// mistake (the chart's text comes from parscore), so Vietnamese says what to report.
fn cannot_draw(path: &Path, e: &str, lang: Lang) -> Outcome {
    let d = Diagnostic::error(
        &path.display().to_string(),
        text!(vi: "không vẽ được biểu đồ (lỗi nội bộ của thư viện vẽ); hãy báo lỗi này cho nhóm phát triển", en: "cannot draw the chart: {e}"),
    );
    Outcome::fatal(d.into(), lang)
}
