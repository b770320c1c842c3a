//! The words and figures of the leadership charts: titles, subtitles, footers and labels of
//! `areas.svg`, `gap.svg` and `trend.svg`, built from the results `score`, `gap` and
//! `compare` print. `chart/` draws what this gives it; `app::chart` reads and writes.

use super::chart_words::{
    basis_by_years, label_name, shorten, strict_unknown_note, trend_basis_words, trend_line_words,
};
use super::gap::{against_words, target_words};
use super::words::Words;
use crate::chart::{
    AdjustmentBar, AreaBar, AreasChart, GapChart, RankBar, RankKind, Series, TrendChart,
};
use crate::compare::{Basis, Comparison, Level, Row};
use crate::criteria::AdjustmentKind;
use crate::gap::{Gap, Standing};
use crate::lang::Lang;
use crate::number::round2;
use crate::ranking::{same_unit, Entry};
use crate::scoring::ScoreSheet;
use crate::value::show_date;
use rust_decimal::Decimal;

/// `areas.svg`: each area's points against its maximum, with the total in the footer.
pub fn areas_view(s: &ScoreSheet, lang: Lang) -> AreasChart {
    let w = Words(lang);
    let t = &s.totals;
    let (points, max) = (w.points(t.points), w.points(t.max));
    let index = t.index().map(|i| w.percent(i)).unwrap_or_default();
    let mut footer = w.t(
        format_args!("Tổng: {points} / {max} điểm — Chỉ số {index}"),
        format_args!("Total: {points} / {max} points — index {index}"),
    );
    if let (Some(r), Some(strict)) = (s.total_at_risk(), s.strict_points()) {
        let (r, strict) = (w.points(r), w.points(strict));
        footer.push_str(&w.t(
            format_args!("; nguy cơ bị trừ {r}, điểm chặt {strict}"),
            format_args!("; {r} at risk, strict {strict}"),
        ));
    }
    if s.at_risk.is_none() {
        footer.push_str(&strict_unknown_note(lang));
    }
    if let Some(ap) = t.appraised_points {
        let ap = w.points(ap);
        footer.push_str(&w.t(
            format_args!("; thẩm định {ap}"),
            format_args!("; appraised {ap}"),
        ));
    }
    let (unit, year, criteria) = (shorten(&s.unit), s.year, shorten(&s.criteria_id));
    let as_of = show_date(s.as_of);
    AreasChart {
        title: w.t(
            format_args!("Điểm theo lĩnh vực — {unit}, năm {year}"),
            format_args!("Points by area — {unit}, {year}"),
        ),
        subtitle: w.t(
            format_args!("Tự đánh giá + ĐTXHH dự kiến, tính đến {as_of}; bộ tiêu chí {criteria}"),
            format_args!("Self-assessed + projected survey, as of {as_of}; criteria {criteria}"),
        ),
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
                bonus: section(AdjustmentKind::Bonus),
                max_bonus: a.max_bonus,
                penalty: section(AdjustmentKind::Penalty),
                max_penalty: a.max_penalty,
            }
        }),
        footer,
    }
}

/// `gap.svg`: the published ranking of the line's year (`ranking`, empty with
/// `--threshold`), the unit's own totals, and the line. A dossier with no manifest has no
/// strict total (`gap.strict` is `None`): no bar, and the footer says so.
pub fn gap_view(s: &ScoreSheet, gap: &Gap, ranking: &[&Entry], lang: Lang) -> GapChart {
    let w = Words(lang);
    let full = &s.unit;
    let unit = shorten(full);
    let mut bars = Vec::new();
    let mut published_years = Vec::new();
    for e in ranking {
        let own = same_unit(&e.unit, full);
        if own {
            published_years.push(e.year);
        }
        let (rank, name, year) = (e.rank, label_name(&e.unit), e.year);
        bars.push(RankBar {
            label: match own {
                true => w.t(
                    format_args!("{rank}. {name} (công bố {year})"),
                    format_args!("{rank}. {name} (published {year})"),
                ),
                false => format!("{rank}. {name}"),
            },
            score: e.score,
            kind: if own {
                RankKind::Published
            } else {
                RankKind::Peer
            },
        });
    }
    let y = s.year;
    let subtitle_unit = unit;
    let unit = label_name(full);
    bars.push(RankBar {
        label: w.t(
            format_args!("{unit} — dự kiến {y}"),
            format_args!("{unit} — projected {y}"),
        ),
        score: round2(gap.projected.index),
        kind: RankKind::Projected,
    });
    if let Some(strict) = gap.strict.filter(|st| *st != gap.projected) {
        bars.push(RankBar {
            label: w.t(
                format_args!("{unit} — điểm chặt {y}"),
                format_args!("{unit} — strict {y}"),
            ),
            score: round2(strict.index),
            kind: RankKind::Strict,
        });
    }
    if let Some(ap) = gap.appraised {
        if !published_years.contains(&y) {
            bars.push(RankBar {
                label: w.t(
                    format_args!("{unit} — thẩm định {y}"),
                    format_args!("{unit} — appraised {y}"),
                ),
                score: round2(ap.index),
                kind: RankKind::Appraised,
            });
        }
    }
    let line = w.percent(gap.line.score);
    let line_label = match (gap.line.unit.as_deref().map(label_name), gap.line.rank) {
        (Some(u), Some(k)) => w.t(
            format_args!("Ngưỡng hạng {k}: {line} ({u})"),
            format_args!("Rank {k} line: {line} ({u})"),
        ),
        _ => w.t(format_args!("Ngưỡng: {line}"), format_args!("Line: {line}")),
    };
    // "Dự kiến 89,96: còn thiếu 2,75; điểm chặt 86,68: còn thiếu 6,03", as `gap` prints.
    let mut totals: Vec<(&str, &Standing)> = vec![(w.pick("Dự kiến", "Projected"), &gap.projected)];
    if let Some(strict) = &gap.strict {
        totals.push((w.pick("điểm chặt", "strict"), strict));
    }
    if let Some(ap) = &gap.appraised {
        totals.push((w.pick("thẩm định", "appraised"), ap));
    }
    let parts: Vec<String> = totals
        .into_iter()
        .map(|(word, st)| {
            let against = against_words(gap.line.score, st.index, lang);
            format!("{word} {}: {against}", w.percent(round2(st.index)))
        })
        .collect();
    let mut footer = parts.join("; ");
    footer.push_str(w.pick(" (phải đạt trên ngưỡng)", " (must score above the line)"));
    if gap.strict.is_none() {
        footer.push_str(&strict_unknown_note(lang));
    }
    let target = target_words(&gap.line, lang);
    let as_of = show_date(s.as_of);
    let unit = subtitle_unit;
    GapChart {
        title: w.t(
            format_args!("Khoảng cách tới {target} — năm {y}"),
            format_args!("Distance to {target} — {y}"),
        ),
        subtitle: match gap.line.year {
            Some(ly) => w.t(
                format_args!("Xếp hạng công bố năm {ly} (các đơn vị có trong tệp xếp hạng); {unit}: tính đến {as_of}"),
                format_args!("Published ranking of {ly} (the units in the ranking file); {unit}: as of {as_of}"),
            ),
            None => w.t(
                format_args!("Ngưỡng tự đặt (--threshold); {unit}: tính đến {as_of}"),
                format_args!("Line given with --threshold; {unit}: as of {as_of}"),
            ),
        },
        bars,
        line: gap.line.score,
        line_label,
        footer,
    }
}

/// `trend.svg`: a small panel per area and one for the index, in percent of each year's
/// maximum; `published` the line to beat of each year the ranking gives (`rank` its rank).
pub fn trend_view(
    c: &Comparison,
    published: &[(i32, Decimal)],
    rank: Option<u32>,
    lang: Lang,
) -> TrendChart {
    let w = Words(lang);
    let series = |r: &Row, label: String| Series {
        label,
        values: r
            .cells
            .iter()
            .map(|x| x.as_ref().and_then(|x| x.percent()))
            .collect(),
    };
    let total = c
        .rows
        .iter()
        .find(|r| r.level == Level::Total)
        .map(|r| series(r, w.pick("Tổng (Chỉ số)", "Total (index)").into()));
    let basis = basis_by_years(c.years.iter().map(|y| (y.year, y.basis)), lang).join("; ");
    let unit = super::compare::units_heading(&super::compare::units_of(c), lang);
    let unit = shorten(&unit);
    let years: Vec<i32> = c.years.iter().map(|y| y.year).collect();
    TrendChart {
        title: w.t(
            format_args!("Diễn biến theo lĩnh vực — {unit}"),
            format_args!("Areas year by year — {unit}"),
        ),
        subtitle: w.t(
            format_args!("% điểm tối đa của từng năm; {basis}"),
            format_args!("% of each year's maximum; {basis}"),
        ),
        appraised: c
            .years
            .iter()
            .map(|y| y.basis == Basis::Appraised)
            .collect(),
        line: years
            .iter()
            .map(|y| published.iter().find(|(ly, _)| ly == y).map(|(_, s)| *s))
            .collect(),
        line_label: trend_line_words(rank, lang),
        appraised_words: trend_basis_words(Basis::Appraised, lang),
        projected_words: trend_basis_words(Basis::Projected, lang),
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
        footer: trend_footer(c, lang),
    }
}

/// What the trend chart's reader must know: percent of each year's maximum, and which
/// years still have unscored leaves (counted as 0).
fn trend_footer(c: &Comparison, lang: Lang) -> String {
    let w = Words(lang);
    let mut out = w
        .pick(
            "Tính theo % điểm tối đa của từng năm.",
            "In percent of each year's maximum.",
        )
        .to_string();
    if let Some(total) = c.rows.iter().find(|r| r.level == Level::Total) {
        for (cell, y) in total.cells.iter().zip(&c.years) {
            let Some(cell) = cell else { continue };
            if cell.unscored > Decimal::ZERO {
                let (u, year) = (w.points(cell.unscored), y.year);
                out.push_str(&w.t(
                    format_args!(" Năm {year}: còn {u} điểm chưa chấm, tính là 0."),
                    format_args!(" {year}: {u} points unscored, counted as 0."),
                ));
            }
        }
    }
    out
}

/// The list of files written, for standard output.
pub fn drawn(paths: &[std::path::PathBuf], lang: Lang) -> String {
    let mut out = Words(lang).pick("Đã vẽ:\n", "Drawn:\n").to_string();
    for p in paths {
        out.push_str(&format!("  {}\n", crate::fsio::shown(p)));
    }
    out
}
