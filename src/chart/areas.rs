//! `areas.svg`: each area's achieved points against its maximum, in percent, with the
//! points at risk for missing evidence and, for an appraised year, the council's points;
//! where the criteria have bonus and penalty points, one more row shows them after their
//! caps (the bonus against `max_bonus`, the penalty against `max_penalty`).

use super::draw::*;
use crate::lang::Lang;
use crate::number::{percent_of, show_percent, show_points};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

#[derive(Clone, Debug)]
pub struct AreaBar {
    pub code: String,
    pub name: String,
    pub achieved: Decimal,
    pub max: Decimal,
    pub at_risk: Option<Decimal>,
    pub appraised: Option<Decimal>,
    /// The maximum of the area's leaves nobody has scored yet (drawn apart: not lost, not
    /// counted).
    pub unscored: Decimal,
}

/// Bonus and penalty points, each after its section's cap.
#[derive(Clone, Debug)]
pub struct AdjustmentBar {
    pub bonus: Decimal,
    pub max_bonus: Decimal,
    pub penalty: Decimal,
    pub max_penalty: Decimal,
}

#[derive(Clone, Debug)]
pub struct AreasChart {
    pub title: String,
    pub subtitle: String,
    pub bars: Vec<AreaBar>,
    /// The bonus / penalty row, when the criteria have adjustments.
    pub adjustment: Option<AdjustmentBar>,
    /// The closing line under the bars (the totals, as `score` prints them).
    pub footer: String,
}

const TOP: i32 = 150;
const ROW: i32 = 74;
const LABEL_X: i32 = 40;
const BAR_X: i32 = 620;
const BAR_W: i32 = 700;

/// The most areas one chart shows: a criteria set of hundreds of areas would otherwise
/// draw a page metres long (and a PNG of gigabytes); the rest are named in a note.
pub const MAX_AREAS: usize = 24;

/// The areas drawn, in code order: all of them, or the [`MAX_AREAS`] furthest from their
/// maximum; and how many were left out.
fn shown_bars(bars: &[AreaBar]) -> (Vec<&AreaBar>, usize) {
    if bars.len() <= MAX_AREAS {
        return (bars.iter().collect(), 0);
    }
    let mut by_shortfall: Vec<usize> = (0..bars.len()).collect();
    by_shortfall.sort_by_key(|&i| std::cmp::Reverse(bars[i].max - bars[i].achieved));
    by_shortfall.truncate(MAX_AREAS);
    by_shortfall.sort_unstable();
    let kept = by_shortfall.into_iter().map(|i| &bars[i]).collect();
    (kept, bars.len() - MAX_AREAS)
}

pub fn areas(c: &AreasChart, lang: Lang) -> Result<String, String> {
    let vi = lang == Lang::Vi;
    let (bars, left_out) = shown_bars(&c.bars);
    let rows = bars.len() as i32 + c.adjustment.is_some() as i32;
    let note = (left_out > 0) as i32 * 36;
    let height = (TOP + rows * ROW + 130 + note) as u32;
    svg(height, |root| {
        heading(root, &c.title, &c.subtitle)?;
        let x_of = |pct: f64| BAR_X + (pct.clamp(0.0, 100.0) / 100.0 * BAR_W as f64).round() as i32;
        // Grid every 20 %, over the areas (the bonus / penalty row is in points).
        let bottom = TOP + rows * ROW;
        let grid_bottom = TOP + bars.len() as i32 * ROW;
        for step in 0..=5 {
            let x = x_of(step as f64 * 20.0);
            root.draw(&PathElement::new(
                vec![(x, TOP - 10), (x, grid_bottom)],
                LIGHT.stroke_width(1),
            ))?;
            root.draw(&Text::new(
                format!("{}%", axis_number(step as f64 * 20.0, vi)),
                (x, TOP - 16),
                anchored(style(17.0, GREY), HPos::Center, VPos::Bottom),
            ))?;
        }
        for (i, b) in bars.iter().enumerate() {
            let y = TOP + i as i32 * ROW + 14;
            let (y0, y1) = (y, y + 34);
            let pct = |d: Decimal| percent_of(d, b.max).map(f).unwrap_or(0.0);
            root.draw(&Text::new(
                format!("{}. {}", b.code, b.name),
                (LABEL_X, (y0 + y1) / 2),
                anchored(style(20.0, INK), HPos::Left, VPos::Center),
            ))?;
            root.draw(&Rectangle::new(
                [(x_of(0.0), y0), (x_of(100.0), y1)],
                LIGHT.filled(),
            ))?;
            root.draw(&Rectangle::new(
                [(x_of(0.0), y0), (x_of(pct(b.achieved)), y1)],
                ACHIEVED.filled(),
            ))?;
            if b.unscored > Decimal::ZERO {
                root.draw(&Rectangle::new(
                    [(x_of(100.0 - pct(b.unscored)), y0), (x_of(100.0), y1)],
                    UNSCORED.filled(),
                ))?;
            }
            let risk = b.at_risk.unwrap_or_default();
            if risk > Decimal::ZERO {
                root.draw(&Rectangle::new(
                    [
                        (x_of(pct(b.achieved - risk)), y0),
                        (x_of(pct(b.achieved)), y1),
                    ],
                    ORANGE.filled(),
                ))?;
            }
            if let Some(a) = b.appraised {
                let x = x_of(pct(a));
                root.draw(&Rectangle::new(
                    [(x - 2, y0 - 6), (x + 2, y1 + 6)],
                    INK.filled(),
                ))?;
            }
            let percent = percent_of(b.achieved, b.max)
                .map(|p| show_percent(p, lang))
                .unwrap_or_else(|| "–".into());
            let mut label = format!(
                "{} / {} ({percent}%)",
                show_points(b.achieved, lang),
                show_points(b.max, lang)
            );
            if let Some(a) = b.appraised {
                label.push_str(&if vi {
                    format!("; thẩm định {}", show_points(a, lang))
                } else {
                    format!("; appraised {}", show_points(a, lang))
                });
            }
            root.draw(&Text::new(
                label,
                (BAR_X + BAR_W + 14, y0 + 2),
                anchored(style(19.0, INK), HPos::Left, VPos::Top),
            ))?;
            let mut notes: Vec<(String, RGBColor)> = Vec::new();
            if risk > Decimal::ZERO {
                let words = if vi {
                    format!("nguy cơ bị trừ {}", show_points(risk, lang))
                } else {
                    format!("{} at risk", show_points(risk, lang))
                };
                notes.push((words, ORANGE));
            }
            if b.unscored > Decimal::ZERO {
                let words = if vi {
                    format!("chưa chấm {} điểm", show_points(b.unscored, lang))
                } else {
                    format!("{} points unscored", show_points(b.unscored, lang))
                };
                notes.push((words, GREY));
            }
            for (k, (words, colour)) in notes.into_iter().enumerate() {
                root.draw(&Text::new(
                    words,
                    (BAR_X + BAR_W + 14, y0 + 26 + 22 * k as i32),
                    anchored(style(18.0, colour), HPos::Left, VPos::Top),
                ))?;
            }
        }
        if let Some(a) = &c.adjustment {
            adjustment_row(root, a, TOP + bars.len() as i32 * ROW + 14, lang)?;
        }
        let ly = bottom + 34;
        let mut x = LABEL_X;
        let entries: Vec<(RGBColor, &str)> = if vi {
            vec![
                (ACHIEVED, "Điểm đạt"),
                (LIGHT, "Còn thiếu so với tối đa"),
                (ORANGE, "Có nguy cơ bị trừ (thiếu tài liệu kiểm chứng)"),
                (UNSCORED, "Chưa chấm"),
                (INK, "Điểm thẩm định"),
            ]
        } else {
            vec![
                (ACHIEVED, "Achieved"),
                (LIGHT, "Short of the maximum"),
                (ORANGE, "At risk (missing evidence)"),
                (UNSCORED, "Unscored"),
                (INK, "Appraised"),
            ]
        };
        let has_risk = c
            .bars
            .iter()
            .any(|b| b.at_risk.is_some_and(|r| r > Decimal::ZERO));
        let has_appraised = c.bars.iter().any(|b| b.appraised.is_some());
        let has_unscored = c.bars.iter().any(|b| b.unscored > Decimal::ZERO);
        for (colour, words) in entries {
            if (colour == ORANGE && !has_risk)
                || (colour == INK && !has_appraised)
                || (colour == UNSCORED && !has_unscored)
            {
                continue;
            }
            x = swatch(root, x, ly, colour, words)?;
        }
        root.draw(&Text::new(
            c.footer.clone(),
            (LABEL_X, ly + 34),
            anchored(bold(20.0, INK), HPos::Left, VPos::Top),
        ))?;
        if left_out > 0 {
            let words = if vi {
                format!("Chỉ vẽ {MAX_AREAS} lĩnh vực còn thiếu nhiều điểm nhất; {left_out} lĩnh vực khác: xem phiếu chấm")
            } else {
                format!("Only the {MAX_AREAS} areas furthest from their maximum are drawn; {left_out} more: see the score sheet")
            };
            root.draw(&Text::new(
                words,
                (LABEL_X, ly + 70),
                anchored(style(19.0, GREY), HPos::Left, VPos::Top),
            ))?;
        }
        Ok::<(), DrawingAreaErrorKind<std::io::Error>>(())
    })
}

/// The bonus / penalty row: the bar's width split between the two caps, the bonus filled
/// from the left of its part, the penalty from the left of its own; the figures as text.
fn adjustment_row(
    root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    a: &AdjustmentBar,
    y0: i32,
    lang: Lang,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    let vi = lang == Lang::Vi;
    let y1 = y0 + 34;
    root.draw(&Text::new(
        if vi {
            "Điểm thưởng / điểm trừ"
        } else {
            "Bonus / penalty"
        },
        (LABEL_X, (y0 + y1) / 2),
        anchored(style(20.0, INK), HPos::Left, VPos::Center),
    ))?;
    let caps = a.max_bonus + a.max_penalty;
    if caps > Decimal::ZERO {
        const GAP: i32 = 12;
        let width = |d: Decimal| {
            (f(d) / f(caps) * (BAR_W - GAP) as f64)
                .round()
                .clamp(0.0, (BAR_W - GAP) as f64) as i32
        };
        let bonus_end = BAR_X + width(a.max_bonus);
        let penalty_start = bonus_end + GAP;
        for (start, cap, points, colour) in [
            (BAR_X, a.max_bonus, a.bonus, PROJECTED),
            (penalty_start, a.max_penalty, a.penalty, ORANGE),
        ] {
            if cap > Decimal::ZERO {
                root.draw(&Rectangle::new(
                    [(start, y0), (start + width(cap), y1)],
                    LIGHT.filled(),
                ))?;
                root.draw(&Rectangle::new(
                    [(start, y0), (start + width(points.min(cap)), y1)],
                    colour.filled(),
                ))?;
            }
        }
    }
    let p = |d: Decimal| show_points(d, lang);
    // No minus sign: the built-in font has none, and "trừ" already says it is taken off.
    let (bonus, penalty) = if vi {
        (
            format!("thưởng +{} (tối đa {})", p(a.bonus), p(a.max_bonus)),
            format!("trừ {} (tối đa {})", p(a.penalty), p(a.max_penalty)),
        )
    } else {
        (
            format!("bonus +{} (max {})", p(a.bonus), p(a.max_bonus)),
            format!("penalty {} (max {})", p(a.penalty), p(a.max_penalty)),
        )
    };
    root.draw(&Text::new(
        bonus,
        (BAR_X + BAR_W + 14, y0 + 2),
        anchored(style(19.0, PROJECTED), HPos::Left, VPos::Top),
    ))?;
    root.draw(&Text::new(
        penalty,
        (BAR_X + BAR_W + 14, y0 + 26),
        anchored(style(19.0, ORANGE), HPos::Left, VPos::Top),
    ))?;
    Ok(())
}
