//! One leaf: its declared value, read by its rule, becomes points, with the working in
//! words so that a person can follow every step.

use crate::criteria::{describe_band, Node, RuleKind};
use crate::input::fold;
use crate::lang::{Lang, Text};
use crate::number::{show_percent, show_points};
use crate::text;
use crate::value::{
    parse_count, parse_date, parse_percent, show_date, without_unit, CASE_WORDS, POINT_WORDS,
};
use rust_decimal::Decimal;

/// A leaf's points and how they were reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluated {
    pub points: Decimal,
    /// What the value was taken to mean ("92,5%", "15/01/2026", "Có").
    pub reading: Text,
    /// Which part of the rule applied ("trên 90%", "ban hành đúng hạn").
    pub applied: Text,
}

/// Scores `value` under the leaf's rule, or says why it does not fit.
pub fn evaluate(n: &Node, value: &str) -> Result<Evaluated, Text> {
    let rule = n
        .rule()
        .ok_or_else(|| text!(vi: "không phải tiêu chí lá", en: "not a leaf"))?;
    let p = |d: Decimal, l: Lang| show_points(d, l);
    match &rule.kind {
        RuleKind::Levels(levels) => {
            let wanted = fold(value);
            let by_label = levels.iter().find(|l| fold(&l.label) == wanted);
            let by_points = || {
                let d = crate::number::parse_decimal(value)?;
                levels.iter().find(|l| l.points.value == d)
            };
            match by_label.or_else(by_points) {
                Some(l) => Ok(Evaluated {
                    points: l.points.value,
                    reading: Text::new(l.label.clone(), l.label.clone()),
                    applied: text!(vi: "mức \"{label}\"", en: "level \"{label}\"", label = l.label),
                }),
                None => {
                    let list = levels
                        .iter()
                        .map(|l| format!("\"{}\"", l.label))
                        .collect::<Vec<_>>()
                        .join(", ");
                    Err(
                        text!(vi: "\"{value}\" không khớp mức nào; các mức: {list}", en: "\"{value}\" matches no level; the levels are: {list}"),
                    )
                }
            }
        }
        RuleKind::Bands(_) | RuleKind::Ratio => {
            let pct = read_percent(value)?;
            Ok(percent_points(n, &rule.kind, pct))
        }
        RuleKind::Deduct { per } => {
            let Some(count) = parse_count(&without_unit(value, &CASE_WORDS)) else {
                return Err(
                    text!(vi: "\"{value}\" không phải số trường hợp (số nguyên ≥ 0)", en: "\"{value}\" is not a count (a whole number ≥ 0)"),
                );
            };
            let lost = per.checked_mul(count).unwrap_or(Decimal::MAX);
            let points = (n.max - lost.min(n.max)).max(Decimal::ZERO);
            Ok(Evaluated {
                points,
                reading: text!(vi: "{c} trường hợp", en: "{c} case(s)", c = count),
                applied: Text::new(
                    format!(
                        "{} − {count} × {} (không thấp hơn 0)",
                        p(n.max, Lang::Vi),
                        p(*per, Lang::Vi)
                    ),
                    format!(
                        "{} − {count} × {} (never below 0)",
                        p(n.max, Lang::En),
                        p(*per, Lang::En)
                    ),
                ),
            })
        }
        RuleKind::Deadline { due, late } => {
            let f = fold(value);
            if f.is_empty()
                || f == "không"
                || f == "không ban hành"
                || f == "chưa ban hành"
                || f == "not issued"
            {
                return Ok(Evaluated {
                    points: Decimal::ZERO,
                    reading: text!(vi: "không ban hành", en: "not issued"),
                    applied: text!(vi: "không ban hành: 0 điểm", en: "not issued: 0 points"),
                });
            }
            let Some(date) = parse_date(value) else {
                return Err(
                    text!(vi: "\"{value}\" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)", en: "\"{value}\" is not a valid date (dd/mm/yyyy or yyyy-mm-dd)"),
                );
            };
            let (d, dd) = (show_date(date), show_date(*due));
            Ok(if date <= *due {
                Evaluated {
                    points: n.max,
                    reading: Text::new(d.clone(), d),
                    applied: text!(vi: "ban hành đúng hạn (đến {dd})", en: "issued on time (by {dd})"),
                }
            } else {
                Evaluated {
                    points: *late,
                    reading: Text::new(d.clone(), d),
                    applied: text!(vi: "ban hành sau thời hạn {dd}", en: "issued after the deadline {dd}"),
                }
            })
        }
        RuleKind::Manual { step } => {
            let Some(points) = crate::number::parse_decimal(&without_unit(value, &POINT_WORDS))
            else {
                return Err(
                    text!(vi: "\"{value}\" không phải số điểm", en: "\"{value}\" is not a number of points"),
                );
            };
            let (mv, me) = (p(n.max, Lang::Vi), p(n.max, Lang::En));
            if points < Decimal::ZERO || points > n.max {
                return Err(
                    text!(vi: "{value} điểm nằm ngoài 0..{mv}", en: "{value} points is outside 0..{me}"),
                );
            }
            if !(points % *step).is_zero() {
                let (sv, se) = (p(*step, Lang::Vi), p(*step, Lang::En));
                return Err(
                    text!(vi: "{value} điểm không phải bội số của bước {sv}", en: "{value} points is not a multiple of the step {se}"),
                );
            }
            Ok(Evaluated {
                points,
                reading: Text::new(
                    format!("{} điểm", p(points, Lang::Vi)),
                    format!("{} points", p(points, Lang::En)),
                ),
                applied: text!(vi: "chấm trực tiếp", en: "scored directly"),
            })
        }
    }
}

/// A percentage declared for a bands or ratio rule: 0..100, as `92,5`, `92.5%` or `45/48`.
fn read_percent(value: &str) -> Result<Decimal, Text> {
    let Some(pct) = parse_percent(value) else {
        return Err(
            text!(vi: "\"{value}\" không phải tỷ lệ % (ví dụ 92,5 hoặc 45/48)", en: "\"{value}\" is not a percentage (e.g. 92.5 or 45/48)"),
        );
    };
    if pct < Decimal::ZERO || pct > Decimal::ONE_HUNDRED {
        return Err(
            text!(vi: "tỷ lệ {value} nằm ngoài 0..100%", en: "the rate {value} is outside 0..100%"),
        );
    }
    Ok(pct)
}

/// Points for a percentage under a bands or ratio rule (the percentage is within 0..100).
pub fn percent_points(n: &Node, kind: &RuleKind, pct: Decimal) -> Evaluated {
    let reading = Text::new(
        format!("{}%", show_percent(pct, Lang::Vi)),
        format!("{}%", show_percent(pct, Lang::En)),
    );
    match kind {
        RuleKind::Bands(bands) => {
            let band = bands.iter().position(|b| b.when.matches(pct));
            let points = band.map(|i| bands[i].points.value).unwrap_or_default();
            let applied = match band {
                Some(i) => Text::new(
                    describe_band(bands, i, Lang::Vi),
                    describe_band(bands, i, Lang::En),
                ),
                None => text!(vi: "không khoảng nào", en: "no band"),
            };
            Evaluated {
                points,
                reading,
                applied,
            }
        }
        _ => Evaluated {
            points: n.max * pct / Decimal::ONE_HUNDRED,
            reading,
            applied: Text::new(
                format!(
                    "{} điểm × {}%",
                    show_points(n.max, Lang::Vi),
                    show_percent(pct, Lang::Vi)
                ),
                format!(
                    "{} points × {}%",
                    show_points(n.max, Lang::En),
                    show_percent(pct, Lang::En)
                ),
            ),
        },
    }
}
