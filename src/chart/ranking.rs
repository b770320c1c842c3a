//! `gap.svg`: the latest published ranking of the unit's group, the top-K line, and the
//! unit's totals placed among its peers.

use super::draw::*;
use crate::lang::Lang;
use crate::number::show_percent;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankKind {
    /// Another unit, as published.
    Peer,
    /// The unit itself, as published.
    Published,
    /// The unit's projected total.
    Projected,
    /// The unit's strict total (after points at risk).
    Strict,
    /// The unit's appraised total.
    Appraised,
}

#[derive(Clone, Debug)]
pub struct RankBar {
    pub label: String,
    pub score: Decimal,
    pub kind: RankKind,
}

#[derive(Clone, Debug)]
pub struct GapChart {
    pub title: String,
    pub subtitle: String,
    pub bars: Vec<RankBar>,
    pub line: Decimal,
    pub line_label: String,
    pub footer: String,
}

const TOP: i32 = 170;
const ROW: i32 = 58;
const LABEL_X: i32 = 40;
const BAR_X: i32 = 640;
const BAR_W: i32 = 760;

fn colour(k: RankKind) -> RGBColor {
    match k {
        RankKind::Peer => PEER,
        RankKind::Published | RankKind::Appraised => ACHIEVED,
        RankKind::Projected => PROJECTED,
        RankKind::Strict => ORANGE,
    }
}

/// The most peers one chart shows: the best of the ranking, and the neighbours of each of
/// the unit's own bars; a city ranking of a hundred units is not drawn whole.
pub const TOP_PEERS: usize = 12;

/// The bars drawn, best first: every bar of the unit, the [`TOP_PEERS`] best peers, and the
/// peer just above and just below each of the unit's bars; and how many peers were left out.
fn shown_bars(bars: &[RankBar]) -> (Vec<RankBar>, usize) {
    let mut bars = bars.to_vec();
    bars.sort_by_key(|b| std::cmp::Reverse(b.score));
    let peers = bars.iter().filter(|b| b.kind == RankKind::Peer).count();
    if peers <= TOP_PEERS + 4 {
        return (bars, 0);
    }
    let mut keep = vec![false; bars.len()];
    let mut seen_peers = 0;
    for (i, b) in bars.iter().enumerate() {
        if b.kind == RankKind::Peer {
            seen_peers += 1;
            keep[i] = seen_peers <= TOP_PEERS;
        } else {
            keep[i] = true;
            let above = (0..i).rev().find(|&j| bars[j].kind == RankKind::Peer);
            let below = (i + 1..bars.len()).find(|&j| bars[j].kind == RankKind::Peer);
            for j in above.into_iter().chain(below) {
                keep[j] = true;
            }
        }
    }
    let left_out = peers
        - keep
            .iter()
            .zip(&bars)
            .filter(|(k, b)| **k && b.kind == RankKind::Peer)
            .count();
    let kept = bars
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(b, _)| b)
        .collect();
    (kept, left_out)
}

/// How long a bar below the axis start is drawn, in pixels, break included.
const BROKEN_STUB: i32 = 44;

/// How far below the line the axis may reach: 15 points, so that the top of the ranking,
/// usually within two or three points of the line, keeps a readable share of the width
/// whatever the unit's lowest total (a strict 35 must not squeeze ranks 1–5 into a sliver).
const BELOW_LINE: f64 = 15.0;

/// The axis start: a multiple of 5 a little below the lowest bar, but never more than
/// [`BELOW_LINE`] below the line; bars lower than that are drawn broken.
fn axis_start(bars: &[RankBar], line: Decimal) -> f64 {
    let lowest = bars.iter().map(|b| f(b.score)).fold(f(line), f64::min);
    let lo = ((lowest - 3.0).max(f(line) - BELOW_LINE) / 5.0).floor() * 5.0;
    lo.clamp(0.0, 95.0)
}

/// "Trục bắt đầu từ 80", beside the axis's first figure.
fn axis_start_note(lo: f64, lang: Lang) -> String {
    let at = axis_number(lo, lang == Lang::Vi);
    match lang {
        Lang::Vi => format!("Trục bắt đầu từ {at}"),
        Lang::En => format!("Axis starts at {at}"),
    }
}

/// Under the chart, when a bar is below the axis start.
fn broken_bar_note(lo: f64, lang: Lang) -> String {
    let at = axis_number(lo, lang == Lang::Vi);
    match lang {
        Lang::Vi => format!(
            "Thanh có vết cắt: điểm thấp hơn {at}, vẽ rút ngắn; số ghi bên cạnh là điểm thật."
        ),
        Lang::En => format!(
            "A bar with a break is below {at}, drawn short; the figure beside it is its score."
        ),
    }
}

pub fn gap_chart(c: &GapChart, lang: Lang) -> Result<String, String> {
    let vi = lang == Lang::Vi;
    let (bars, left_out) = shown_bars(&c.bars);
    let rows = bars.len() as i32;
    let note = (left_out > 0) as i32 * 36;
    let height = (TOP + rows * ROW + 120 + note) as u32;
    let lo = axis_start(&bars, c.line);
    let clipped = bars.iter().any(|b| f(b.score) < lo);
    let height = height + clipped as u32 * 36;
    let x_of = |v: f64| BAR_X + ((v.max(lo) - lo) / (100.0 - lo) * BAR_W as f64).round() as i32;
    svg(height, |root| {
        heading(root, &c.title, &c.subtitle)?;
        let bottom = TOP + rows * ROW;
        let mut tick = lo;
        while tick <= 100.0 + 1e-9 {
            let x = x_of(tick);
            root.draw(&PathElement::new(
                vec![(x, TOP - 8), (x, bottom)],
                LIGHT.stroke_width(1),
            ))?;
            root.draw(&Text::new(
                axis_number(tick, vi),
                (x, TOP - 12),
                anchored(style(17.0, GREY), HPos::Center, VPos::Bottom),
            ))?;
            tick += 5.0;
        }
        // Where the axis starts, left of its first figure: it is seldom 0.
        root.draw(&Text::new(
            axis_start_note(lo, lang),
            (BAR_X - 24, TOP - 12),
            anchored(bold(17.0, GREY), HPos::Right, VPos::Bottom),
        ))?;
        for (i, b) in bars.iter().enumerate() {
            let y0 = TOP + i as i32 * ROW + 10;
            let y1 = y0 + 36;
            let ink = if b.kind == RankKind::Peer {
                INK
            } else {
                colour(b.kind)
            };
            let text = if b.kind == RankKind::Peer {
                style(20.0, ink)
            } else {
                bold(20.0, ink)
            };
            root.draw(&Text::new(
                b.label.clone(),
                (LABEL_X, (y0 + y1) / 2),
                anchored(text, HPos::Left, VPos::Center),
            ))?;
            let below = f(b.score) < lo;
            // A bar below the axis start is drawn as a short stub with a break in it; its
            // figure beside it is its value.
            let end = if below {
                x_of(lo) + BROKEN_STUB
            } else {
                x_of(f(b.score))
            };
            root.draw(&Rectangle::new(
                [(x_of(lo), y0), (end, y1)],
                colour(b.kind).filled(),
            ))?;
            if below {
                let x = x_of(lo) + BROKEN_STUB / 2;
                root.draw(&Polygon::new(
                    vec![
                        (x - 9, y1 + 3),
                        (x + 1, y0 - 3),
                        (x + 9, y0 - 3),
                        (x - 1, y1 + 3),
                    ],
                    WHITE.filled(),
                ))?;
            }
            // The figure goes after the bar, or after the red line when it would cross it.
            let line_x = x_of(f(c.line));
            let label_x = if line_x >= end && line_x < end + 80 {
                line_x + 8
            } else {
                end + 8
            };
            root.draw(&Text::new(
                show_percent(b.score, lang),
                (label_x, (y0 + y1) / 2),
                anchored(bold(19.0, INK), HPos::Left, VPos::Center),
            ))?;
        }
        let lx = x_of(f(c.line));
        root.draw(&PathElement::new(
            vec![(lx, TOP - 40), (lx, bottom + 6)],
            THRESHOLD.stroke_width(3),
        ))?;
        root.draw(&Text::new(
            c.line_label.clone(),
            (lx - 6, TOP - 44),
            anchored(bold(20.0, THRESHOLD), HPos::Right, VPos::Bottom),
        ))?;
        let ly = bottom + 34;
        let mut x = LABEL_X;
        let kinds: Vec<RankKind> = [
            RankKind::Peer,
            RankKind::Published,
            RankKind::Projected,
            RankKind::Strict,
        ]
        .into_iter()
        .filter(|k| {
            bars.iter().any(|b| {
                b.kind == *k || (*k == RankKind::Published && b.kind == RankKind::Appraised)
            })
        })
        .collect();
        for k in kinds {
            let words = match (k, vi) {
                (RankKind::Peer, true) => "Đơn vị khác (công bố)",
                (RankKind::Published | RankKind::Appraised, true) => "Đơn vị (công bố / thẩm định)",
                (RankKind::Projected, true) => "Đơn vị: dự kiến",
                (RankKind::Strict, true) => {
                    "Đơn vị: điểm chặt (trừ điểm thiếu tài liệu kiểm chứng)"
                }
                (RankKind::Peer, false) => "Other units (published)",
                (RankKind::Published | RankKind::Appraised, false) => {
                    "The unit (published / appraised)"
                }
                (RankKind::Projected, false) => "The unit: projected",
                (RankKind::Strict, false) => "The unit: strict (less points lacking evidence)",
            };
            x = swatch(root, x, ly, colour(k), words)?;
        }
        root.draw(&Text::new(
            c.footer.clone(),
            (LABEL_X, ly + 34),
            anchored(bold(20.0, INK), HPos::Left, VPos::Top),
        ))?;
        let mut note_y = ly + 70;
        if clipped {
            root.draw(&Text::new(
                broken_bar_note(lo, lang),
                (LABEL_X, note_y),
                anchored(style(19.0, GREY), HPos::Left, VPos::Top),
            ))?;
            note_y += 36;
        }
        if left_out > 0 {
            let words = if vi {
                format!("Chỉ vẽ {TOP_PEERS} đơn vị đứng đầu và các đơn vị liền kề; {left_out} đơn vị khác có trong tệp xếp hạng")
            } else {
                format!("Only the top {TOP_PEERS} units and the neighbours are drawn; {left_out} more are in the ranking file")
            };
            root.draw(&Text::new(
                words,
                (LABEL_X, note_y),
                anchored(style(19.0, GREY), HPos::Left, VPos::Top),
            ))?;
        }
        Ok::<(), DrawingAreaErrorKind<std::io::Error>>(())
    })
}
