//! `trend.svg`: each area's percent of its maximum and the total index, year by year.

use super::draw::*;
use crate::lang::Lang;
use crate::number::show_percent;
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
    pub areas: Vec<Series>,
    pub total: Series,
    pub footer: String,
}

const HEIGHT: u32 = 980;
const PLOT: (i32, i32, i32, i32) = (110, 150, 1010, 830); // left, top, right, bottom
const LEGEND_X: i32 = 1060;

pub fn trend(c: &TrendChart, lang: Lang) -> Result<String, String> {
    let vi = lang == Lang::Vi;
    let all = c.areas.iter().chain(std::iter::once(&c.total));
    let lowest = all
        .flat_map(|s| s.values.iter().flatten().map(|d| f(*d)))
        .fold(100.0, f64::min);
    let lo = (((lowest - 5.0) / 10.0).floor() * 10.0).clamp(0.0, 90.0);
    let n = c.years.len().max(1) as f64;
    let (l, t, r, b) = PLOT;
    let x_of = |i: usize| l + (((i as f64 + 0.5) / n) * (r - l) as f64).round() as i32;
    let y_of = |v: f64| b - (((v - lo) / (100.0 - lo)) * (b - t) as f64).round() as i32;
    svg(HEIGHT, |root| {
        heading(root, &c.title, &c.subtitle)?;
        let mut tick = lo;
        while tick <= 100.0 + 1e-9 {
            let y = y_of(tick);
            root.draw(&PathElement::new(
                vec![(l, y), (r, y)],
                LIGHT.stroke_width(1),
            ))?;
            root.draw(&Text::new(
                format!("{}%", axis_number(tick, vi)),
                (l - 10, y),
                anchored(style(18.0, GREY), HPos::Right, VPos::Center),
            ))?;
            tick += 10.0;
        }
        root.draw(&PathElement::new(
            vec![(l, t), (l, b), (r, b)],
            GREY.stroke_width(1),
        ))?;
        for (i, year) in c.years.iter().enumerate() {
            root.draw(&Text::new(
                year.to_string(),
                (x_of(i), b + 12),
                anchored(bold(21.0, INK), HPos::Center, VPos::Top),
            ))?;
        }
        let line = |s: &Series,
                    colour: RGBColor,
                    width: u32|
         -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
            let points: Vec<(usize, f64)> = s
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| Some((i, f((*v)?))))
                .collect();
            for w in points.windows(2) {
                if w[1].0 == w[0].0 + 1 {
                    root.draw(&PathElement::new(
                        vec![(x_of(w[0].0), y_of(w[0].1)), (x_of(w[1].0), y_of(w[1].1))],
                        colour.stroke_width(width),
                    ))?;
                }
            }
            for (i, v) in &points {
                root.draw(&Circle::new(
                    (x_of(*i), y_of(*v)),
                    width as i32 + 3,
                    colour.filled(),
                ))?;
            }
            Ok(())
        };
        for (k, s) in c.areas.iter().enumerate() {
            line(s, AREA_COLOURS[k % AREA_COLOURS.len()], 3)?;
        }
        line(&c.total, INK, 5)?;
        for (i, v) in c.total.values.iter().enumerate() {
            if let Some(v) = v {
                // A white patch under the figure so that no area line runs through it.
                let (x, y) = (x_of(i), y_of(f(*v)) - 14);
                root.draw(&Rectangle::new(
                    [(x - 34, y - 24), (x + 34, y - 2)],
                    WHITE.mix(0.85).filled(),
                ))?;
                root.draw(&Text::new(
                    show_percent(*v, lang),
                    (x_of(i), y_of(f(*v)) - 14),
                    anchored(bold(21.0, INK), HPos::Center, VPos::Bottom),
                ))?;
            }
        }
        // The legend: one entry per area, names wrapped to two lines where long.
        let mut y = t + 6;
        let mut entry = |colour: RGBColor,
                         width: u32,
                         label: &str|
         -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
            root.draw(&PathElement::new(
                vec![(LEGEND_X, y), (LEGEND_X + 36, y)],
                colour.stroke_width(width),
            ))?;
            root.draw(&Circle::new(
                (LEGEND_X + 18, y),
                width as i32 + 2,
                colour.filled(),
            ))?;
            for (j, part) in wrap(label, 44).iter().enumerate() {
                root.draw(&Text::new(
                    part.clone(),
                    (LEGEND_X + 48, y + j as i32 * 24),
                    anchored(style(19.0, INK), HPos::Left, VPos::Center),
                ))?;
            }
            y += 24 * wrap(label, 44).len() as i32 + 16;
            Ok(())
        };
        entry(INK, 5, &c.total.label)?;
        for (k, s) in c.areas.iter().enumerate() {
            entry(AREA_COLOURS[k % AREA_COLOURS.len()], 3, &s.label)?;
        }
        root.draw(&Text::new(
            c.footer.clone(),
            (40, b + 60),
            anchored(style(19.0, GREY), HPos::Left, VPos::Top),
        ))?;
        Ok::<(), DrawingAreaErrorKind<std::io::Error>>(())
    })
}

/// Splits words into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
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
