//! One small panel of `trend.svg`: a title, a vertical scale in percent, a line through the
//! years (solid between appraised years, dashed towards a self-assessed one), a dot per
//! year (filled: appraised; hollow: self-assessed) with its figure, and on the index panel
//! the published line of each year as red dashes with its figure.
//!
//! A figure is placed above its dot or below it, on the side away from its neighbours and
//! from the red line, and is left out when the years stand too close for it (the last
//! year's figure is always shown), so that no figure covers a dot.

use super::draw::*;
use super::trend::Series;
use crate::lang::Lang;
use crate::number::show_percent;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

/// Every panel's background: the mark a reader of the SVG counts panels by.
pub const PANEL_BG: RGBColor = RGBColor(246, 248, 251);

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// A vertical scale in percent: from `lo` to `hi`, a tick every `step`.
#[derive(Clone, Debug, PartialEq)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
}

impl Scale {
    /// One scale for every area panel: from a multiple of its step (10, or 20 for a tall
    /// range) at least 5 below the lowest figure of any area, to 100.
    pub fn shared_by_areas(areas: &[&Series]) -> Scale {
        let lowest = areas
            .iter()
            .flat_map(|s| s.values.iter().flatten().map(|d| f(*d)))
            .fold(100.0, f64::min);
        let step = if lowest < 55.0 { 20.0 } else { 10.0 };
        let lo = (((lowest - 5.0) / step).floor() * step).clamp(0.0, 80.0);
        Scale {
            lo,
            hi: 100.0,
            step,
        }
    }

    /// The index panel's scale: multiples of 5 around the totals and the lines, at least
    /// 10 points tall.
    pub fn for_index(values: &[Decimal]) -> Scale {
        let lowest = values.iter().map(|d| f(*d)).fold(100.0, f64::min);
        let highest = values.iter().map(|d| f(*d)).fold(0.0, f64::max).max(lowest);
        // At least 10 points tall, however low the totals (a dossier just made scores 0).
        let hi = (((highest + 2.0) / 5.0).ceil() * 5.0).clamp(10.0, 100.0);
        let lo = (((lowest - 2.0) / 5.0).floor() * 5.0).clamp(0.0, hi - 10.0);
        let step = if hi - lo > 40.0 { 10.0 } else { 5.0 };
        // A multiple of the step, so that the top tick is `hi`.
        let lo = (hi - ((hi - lo) / step).ceil() * step).max(0.0);
        Scale { lo, hi, step }
    }
}

pub struct Panel<'a> {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
    pub title: Vec<String>,
    /// The lines of title every panel of its row leaves room for, so that their plots align.
    pub title_room: usize,
    pub series: &'a Series,
    pub appraised: &'a [bool],
    pub years: &'a [i32],
    pub scale: &'a Scale,
    pub ink: RGBColor,
    /// The index panel's published line per year and its words.
    pub line: Option<(&'a [Option<Decimal>], &'a str)>,
}

/// The room a year's label takes, with a gap.
const YEAR_LABEL_WIDTH: f64 = 48.0;

/// The narrowest room per year that still takes every figure.
const ROOM_FOR_FIGURES: f64 = 64.0;

pub fn panel(root: &Area, p: &Panel, lang: Lang) -> Drawn {
    let vi = lang == Lang::Vi;
    root.draw(&Rectangle::new(
        [(p.x, p.y), (p.x + p.w, p.y + p.h)],
        PANEL_BG.filled(),
    ))?;
    root.draw(&Rectangle::new(
        [(p.x, p.y), (p.x + p.w, p.y + p.h)],
        LIGHT.stroke_width(1),
    ))?;
    for (j, line) in p.title.iter().enumerate() {
        root.draw(&Text::new(
            line.clone(),
            (p.x + 12, p.y + 10 + j as i32 * 23),
            anchored(bold(18.0, INK), HPos::Left, VPos::Top),
        ))?;
    }
    let (l, r) = (p.x + 60, p.x + p.w - 16);
    // Room above the plot's top for a figure over a dot at the top of the scale.
    let headroom = 30;
    let (t, b) = (
        p.y + 10 + p.title_room.max(p.title.len()) as i32 * 23 + 12 + headroom,
        p.y + p.h - 36,
    );
    let s = p.scale;
    let y_of = |v: f64| b - (((v - s.lo) / (s.hi - s.lo)) * (b - t) as f64).round() as i32;
    let n = p.years.len().max(1);
    let slot = (r - l) as f64 / n as f64;
    let x_of = |i: usize| l + ((i as f64 + 0.5) * slot).round() as i32;
    let mut tick = s.lo;
    while tick <= s.hi + 1e-9 {
        let y = y_of(tick);
        root.draw(&PathElement::new(
            vec![(l, y), (r, y)],
            LIGHT.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            format!("{}%", axis_number(tick, vi)),
            (l - 8, y),
            anchored(style(15.0, GREY), HPos::Right, VPos::Center),
        ))?;
        tick += s.step;
    }
    // Every year's label where there is room, else every k-th counting back from the
    // last year, which is always labelled.
    let every = (YEAR_LABEL_WIDTH / slot).ceil().max(1.0) as usize;
    let last_year = p.years.len().saturating_sub(1);
    for (i, year) in p.years.iter().enumerate() {
        if !(last_year - i).is_multiple_of(every) {
            continue;
        }
        root.draw(&Text::new(
            year.to_string(),
            (x_of(i), b + 8),
            anchored(bold(16.0, INK), HPos::Center, VPos::Top),
        ))?;
    }
    let none = Vec::new();
    let line_values = p.line.map(|(v, _)| v).unwrap_or(&none);
    // The red dashes of each year's published line, and their figure on the far side
    // from the year's dot.
    for (i, v) in line_values.iter().enumerate() {
        let Some(v) = v else { continue };
        let y = y_of(f(*v));
        let half = (slot * 0.42) as i32;
        dashed(
            root,
            (x_of(i) - half, y),
            (x_of(i) + half, y),
            THRESHOLD.stroke_width(3),
        )?;
        let dot_above = p.series.values.get(i).copied().flatten().map(f) > Some(f(*v));
        let words = p.line.map(|(_, w)| w).unwrap_or_default();
        root.draw(&Text::new(
            format!("{words}: {}", show_percent(*v, lang)),
            (x_of(i) + half, if dot_above { y + 6 } else { y - 6 }),
            anchored(
                bold(16.0, THRESHOLD),
                HPos::Right,
                if dot_above { VPos::Top } else { VPos::Bottom },
            ),
        ))?;
    }
    let points: Vec<(usize, f64)> = p
        .series
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((i, f((*v)?))))
        .collect();
    let appraised = |i: usize| p.appraised.get(i).copied().unwrap_or(false);
    for w in points.windows(2) {
        let ((i, a), (j, c)) = (w[0], w[1]);
        if j != i + 1 {
            continue;
        }
        let (from, to) = ((x_of(i), y_of(a)), (x_of(j), y_of(c)));
        if appraised(i) && appraised(j) {
            root.draw(&PathElement::new(vec![from, to], p.ink.stroke_width(3)))?;
        } else {
            dashed(root, from, to, p.ink.stroke_width(3))?;
        }
    }
    for &(i, v) in &points {
        let at = (x_of(i), y_of(v));
        if appraised(i) {
            root.draw(&Circle::new(at, 6, p.ink.filled()))?;
        } else {
            root.draw(&Circle::new(at, 6, WHITE.filled()))?;
            root.draw(&Circle::new(at, 6, p.ink.stroke_width(3)))?;
        }
    }
    let last = points.last().map(|(i, _)| *i);
    for &(i, v) in &points {
        if slot < ROOM_FOR_FIGURES && Some(i) != last {
            continue;
        }
        let y = y_of(v);
        let neighbours: Vec<i32> = points
            .iter()
            .filter(|(j, _)| j.abs_diff(i) == 1)
            .map(|(_, w)| y_of(*w))
            .collect();
        // Above when the neighbours (or the red line) lie lower on the page, else below;
        // never outside the plot.
        let mut above = neighbours.iter().all(|ny| *ny >= y);
        if let Some(Some(lv)) = line_values.get(i) {
            above = y_of(f(*lv)) > y;
        }
        if y - 30 < t - headroom {
            above = false;
        }
        if y + 30 > b {
            above = true;
        }
        let figure = p.series.values[i]
            .map(|d| show_percent(d, lang))
            .unwrap_or_default();
        root.draw(&Text::new(
            figure,
            (x_of(i), if above { y - 10 } else { y + 10 }),
            anchored(
                bold(16.0, INK),
                HPos::Center,
                if above { VPos::Bottom } else { VPos::Top },
            ),
        ))?;
    }
    Ok(())
}

/// A dashed straight line: 9 pixels drawn, 6 left out.
pub fn dashed(root: &Area, from: (i32, i32), to: (i32, i32), style: ShapeStyle) -> Drawn {
    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
    let length = (dx * dx + dy * dy).sqrt();
    if length < 1.0 {
        return Ok(());
    }
    let at = |d: f64| {
        (
            from.0 + (dx * d / length).round() as i32,
            from.1 + (dy * d / length).round() as i32,
        )
    };
    let mut d = 0.0;
    while d < length {
        let end = (d + 9.0).min(length);
        root.draw(&PathElement::new(vec![at(d), at(end)], style))?;
        d += 15.0;
    }
    Ok(())
}
