//! `trend.svg`: small multiples, one panel for the index and one per reform area, year by
//! year. Equal areas would hide each other in one panel, so each has its own; the area
//! panels share one vertical scale (percent of each year's maximum), so that a steeper
//! line is a larger change; the index panel has its own, finer scale and the published
//! top-K line of each year the ranking file gives. Appraised years are filled dots on
//! solid lines, self-assessed (projected) years hollow dots on dashed lines.

use super::areas::MAX_AREAS;
use super::draw::*;
use super::trend_panel::{panel, Panel, Scale};
use crate::lang::Lang;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

#[derive(Clone, Debug)]
pub struct Series {
    pub label: String,
    /// One per year; `None` where the year has no comparable figure.
    pub values: Vec<Option<Decimal>>,
}

#[derive(Clone, Debug)]
pub struct TrendChart {
    pub title: String,
    pub subtitle: String,
    pub years: Vec<i32>,
    /// One per year: judged by the council's points (`true`) or self-assessed (`false`).
    pub appraised: Vec<bool>,
    pub areas: Vec<Series>,
    pub total: Series,
    /// One per year: the published score of the target rank that year, where the ranking
    /// file gives it.
    pub line: Vec<Option<Decimal>>,
    /// The words for the line: "Ngưỡng hạng 5" (its figure follows on the chart).
    pub line_label: String,
    /// The legend's words for an appraised year and a self-assessed one.
    pub appraised_words: String,
    pub projected_words: String,
    pub footer: String,
}

/// Area panels per row.
const COLUMNS: i32 = 4;
const MARGIN: i32 = 40;
const GUTTER: i32 = 24;
const INDEX_TOP: i32 = 196;
const INDEX_HEIGHT: i32 = 340;
/// An area panel's height without its title.
const AREA_PLOT_HEIGHT: i32 = 250;
const TITLE_LINE: i32 = 23;

/// The areas drawn, in code order: all of them, or the [`MAX_AREAS`] with the lowest
/// figure in their latest year (the most room to gain); and how many were left out.
fn shown_areas(areas: &[Series]) -> (Vec<&Series>, usize) {
    if areas.len() <= MAX_AREAS {
        return (areas.iter().collect(), 0);
    }
    let latest = |s: &Series| s.values.iter().rev().flatten().next().copied();
    let mut order: Vec<usize> = (0..areas.len()).collect();
    // An area with no figure at all goes last.
    order.sort_by_key(|&i| (latest(&areas[i]).is_none(), latest(&areas[i])));
    order.truncate(MAX_AREAS);
    order.sort_unstable();
    let kept = order.into_iter().map(|i| &areas[i]).collect();
    (kept, areas.len() - MAX_AREAS)
}

/// Under the chart, when areas were left out.
fn left_out_note(left_out: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(" Chỉ vẽ {MAX_AREAS} lĩnh vực có tỷ lệ điểm thấp nhất ở năm gần nhất; {left_out} lĩnh vực khác: xem bảng so sánh các năm."),
        Lang::En => format!(" Only the {MAX_AREAS} areas with the lowest percent in their latest year are drawn; {left_out} more: see the comparison of the years."),
    }
}

pub fn trend(c: &TrendChart, lang: Lang) -> Result<String, String> {
    let vi = lang == Lang::Vi;
    let width = WIDTH as i32 - 2 * MARGIN;
    let area_w = (width - (COLUMNS - 1) * GUTTER) / COLUMNS;
    let (areas, left_out) = shown_areas(&c.areas);
    let mut footer = c.footer.clone();
    if left_out > 0 {
        footer.push_str(&left_out_note(left_out, lang));
    }
    let titles: Vec<Vec<String>> = areas
        .iter()
        .map(|s| wrap(&s.label, ((area_w - 24) as f64 / 8.4) as usize))
        .collect();
    let title_lines = titles.iter().map(Vec::len).max().unwrap_or(1).max(1) as i32;
    let area_h = AREA_PLOT_HEIGHT + title_lines * TITLE_LINE;
    let rows = (areas.len() as i32 + COLUMNS - 1) / COLUMNS;
    let grid_top = INDEX_TOP + INDEX_HEIGHT + GUTTER;
    let footer_lines = wrap(&footer, 140);
    let footer_top = grid_top + rows * (area_h + GUTTER) + 4;
    let height = (footer_top + footer_lines.len() as i32 * 26 + 24) as u32;
    let area_scale = Scale::shared_by_areas(&areas);
    let index_values: Vec<Decimal> = c
        .total
        .values
        .iter()
        .chain(&c.line)
        .flatten()
        .copied()
        .collect();
    let index_scale = Scale::for_index(&index_values);
    svg(height, |root| {
        heading(root, &c.title, &c.subtitle)?;
        legend(root, c)?;
        root.draw(&Text::new(
            scale_note(&area_scale, vi),
            (MARGIN, 150),
            anchored(style(18.0, GREY), HPos::Left, VPos::Top),
        ))?;
        panel(
            root,
            &Panel {
                x: MARGIN,
                y: INDEX_TOP,
                w: width,
                h: INDEX_HEIGHT,
                title: vec![c.total.label.clone()],
                title_room: 1,
                series: &c.total,
                appraised: &c.appraised,
                years: &c.years,
                scale: &index_scale,
                ink: INK,
                line: Some((&c.line, &c.line_label)),
            },
            lang,
        )?;
        for (k, s) in areas.iter().enumerate() {
            let (col, row) = (k as i32 % COLUMNS, k as i32 / COLUMNS);
            panel(
                root,
                &Panel {
                    x: MARGIN + col * (area_w + GUTTER),
                    y: grid_top + row * (area_h + GUTTER),
                    w: area_w,
                    h: area_h,
                    title: titles[k].clone(),
                    title_room: title_lines as usize,
                    series: s,
                    appraised: &c.appraised,
                    years: &c.years,
                    scale: &area_scale,
                    ink: ACHIEVED,
                    line: None,
                },
                lang,
            )?;
        }
        for (j, part) in footer_lines.iter().enumerate() {
            root.draw(&Text::new(
                part.clone(),
                (MARGIN, footer_top + j as i32 * 26),
                anchored(style(19.0, GREY), HPos::Left, VPos::Top),
            ))?;
        }
        Ok::<(), DrawingAreaErrorKind<std::io::Error>>(())
    })
}

/// Under the subtitle: a filled dot on a solid line for appraised years, a hollow dot on a
/// dashed line for self-assessed ones, and the red dashes of the line.
fn legend(
    root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    c: &TrendChart,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    let y = 126;
    let words = |x: i32, w: &str| -> Result<i32, DrawingAreaErrorKind<std::io::Error>> {
        root.draw(&Text::new(
            w.to_string(),
            (x, y),
            anchored(style(18.0, INK), HPos::Left, VPos::Center),
        ))?;
        Ok(x + (w.chars().count() as f64 * 18.0 * 0.47) as i32 + 40)
    };
    let mut x = MARGIN;
    // Only the kinds of year the chart has.
    if c.appraised.iter().any(|a| *a) {
        root.draw(&PathElement::new(
            vec![(x, y), (x + 40, y)],
            INK.stroke_width(3),
        ))?;
        root.draw(&Circle::new((x + 20, y), 6, INK.filled()))?;
        x = words(x + 52, &c.appraised_words)?;
    }
    if c.appraised.iter().any(|a| !*a) {
        super::trend_panel::dashed(root, (x, y), (x + 40, y), INK.stroke_width(3))?;
        root.draw(&Circle::new((x + 20, y), 6, WHITE.filled()))?;
        root.draw(&Circle::new((x + 20, y), 6, INK.stroke_width(3)))?;
        x = words(x + 52, &c.projected_words)?;
    }
    if c.line.iter().any(Option::is_some) {
        super::trend_panel::dashed(root, (x, y), (x + 40, y), THRESHOLD.stroke_width(3))?;
        words(x + 52, &c.line_label)?;
    }
    Ok(())
}

/// The sentence that says how the panels are scaled.
fn scale_note(area: &Scale, vi: bool) -> String {
    let (lo, hi) = (axis_number(area.lo, vi), axis_number(area.hi, vi));
    if vi {
        format!("Các ô lĩnh vực dùng chung một thang, {lo}–{hi}% điểm tối đa của từng năm, để so sánh được với nhau; ô Chỉ số có thang riêng.")
    } else {
        format!("The area panels share one scale, {lo}–{hi}% of each year's maximum, so that they compare; the index panel has its own.")
    }
}

/// Splits words into lines of at most `width` characters.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(last) if last.chars().count() + 1 + word.chars().count() <= width => {
                last.push(' ');
                last.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}
