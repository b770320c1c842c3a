//! One leaf: its declared value, read by its rule, becomes points, with the working as
//! values (what the value was taken to mean, which part of the rule applied) that the
//! report words, so that a person can follow every step.

use crate::criteria::{CountScoring, Node, OverHundred, Rule, RuleKind, ZeroMeaning};
use crate::input::fold;
use crate::lang::{Lang, Text};
use crate::number::show_points;
use crate::text;
use crate::value::{parse_count, parse_date, parse_percent, without_unit, CASE_WORDS, POINT_WORDS};
use rust_decimal::Decimal;
use time::Date;

/// What a declared value was taken to mean ("92,5%", "15/01/2026", "Có").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A level, by its label.
    Level(String),
    /// A count of the rule's unit.
    Count { count: Decimal, unit: String },
    /// A number of cases (a deduction rule).
    Cases(Decimal),
    /// A deadline document declared as not issued.
    NotIssued,
    /// An issue date.
    Date(Date),
    /// Points scored directly.
    Points(Decimal),
    /// `0/0`: nothing to count.
    NothingToCount,
    /// A percentage.
    Percent(Decimal),
    /// A percentage above 100 counted as 100.
    PercentCapped(Decimal),
}

/// Which part of the rule applied ("trên 90%", "ban hành đúng hạn").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    /// This level.
    Level(String),
    /// The band at this index of the rule's bands (percentages, or counts of the rule's
    /// unit).
    Band(usize),
    /// No band matched.
    NoBand,
    /// `count × per`, at most the maximum.
    PerCount {
        count: Decimal,
        per: Decimal,
        max: Decimal,
    },
    /// `max − count × per`, never below 0.
    Deduct {
        count: Decimal,
        per: Decimal,
        max: Decimal,
    },
    /// Not issued: 0 points.
    NotIssued,
    /// Issued by the deadline.
    OnTime(Date),
    /// Issued after the deadline.
    Late(Date),
    /// Points given directly.
    Direct,
    /// `0/0`, read as the rule says.
    NothingToCount(ZeroMeaning),
    /// The maximum times the percentage.
    Share { max: Decimal, percent: Decimal },
}

/// A leaf's points and how they were reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluated {
    pub points: Decimal,
    /// What the value was taken to mean.
    pub reading: Reading,
    /// Which part of the rule applied.
    pub applied: Applied,
    /// Whether the value says something happened (a count above 0, a level other than the
    /// `none` one), for rules that can tell.
    pub happened: Option<bool>,
    /// A ratio `0/0` under `"zero": "not_applicable"`: the leaf leaves the maximum.
    pub not_applicable: bool,
}

impl Evaluated {
    fn new(points: Decimal, reading: Reading, applied: Applied) -> Evaluated {
        Evaluated {
            points,
            reading,
            applied,
            happened: None,
            not_applicable: false,
        }
    }
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
            let labels_only = rule.kind.labels_only();
            let by_points = || {
                let d = crate::number::parse_decimal(value).filter(|_| !labels_only)?;
                levels.iter().find(|l| l.points.value == d)
            };
            let can_tell = levels.iter().any(|l| l.none);
            match by_label.or_else(by_points) {
                Some(l) => Ok(Evaluated {
                    happened: can_tell.then_some(!l.none),
                    ..Evaluated::new(
                        l.points.value,
                        Reading::Level(l.label.clone()),
                        Applied::Level(l.label.clone()),
                    )
                }),
                None if labels_only => {
                    let list = levels
                        .iter()
                        .map(|l| format!("\"{}\"", l.label))
                        .collect::<Vec<_>>()
                        .join(", ");
                    Err(
                        text!(vi: "\"{value}\" không khớp nhãn mức nào; các mức được đặt nhãn bằng số nên chỉ khớp theo nhãn, không theo số điểm: {list}", en: "\"{value}\" matches no level label; the levels are labelled with numbers, so they match by label only, never by points: {list}"),
                    )
                }
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
        RuleKind::Bands(_) | RuleKind::Ratio => read_rate(n, rule, value),
        RuleKind::Count { unit, scoring } => {
            let Some(count) = parse_count(&without_unit(value, &CASE_WORDS)) else {
                return Err(
                    text!(vi: "\"{value}\" không phải số {unit} (số nguyên ≥ 0)", en: "\"{value}\" is not a count of {unit} (a whole number ≥ 0)"),
                );
            };
            let reading = Reading::Count {
                count,
                unit: unit.clone(),
            };
            let ev = match scoring {
                CountScoring::Bands(bands) => {
                    let band = bands.iter().position(|b| b.when.matches(count));
                    let points = band.map(|i| bands[i].points.value).unwrap_or_default();
                    let applied = band.map_or(Applied::NoBand, Applied::Band);
                    Evaluated::new(points, reading, applied)
                }
                CountScoring::Per(per) => {
                    let earned = per.checked_mul(count).unwrap_or(Decimal::MAX);
                    let points = earned.min(n.max);
                    let applied = Applied::PerCount {
                        count,
                        per: *per,
                        max: n.max,
                    };
                    Evaluated::new(points, reading, applied)
                }
            };
            Ok(Evaluated {
                happened: Some(count > Decimal::ZERO),
                ..ev
            })
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
                happened: Some(count > Decimal::ZERO),
                not_applicable: false,
                points,
                reading: Reading::Cases(count),
                applied: Applied::Deduct {
                    count,
                    per: *per,
                    max: n.max,
                },
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
                return Ok(Evaluated::new(
                    Decimal::ZERO,
                    Reading::NotIssued,
                    Applied::NotIssued,
                ));
            }
            let Some(date) = parse_date(value) else {
                return Err(
                    text!(vi: "\"{value}\" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)", en: "\"{value}\" is not a valid date (dd/mm/yyyy or yyyy-mm-dd)"),
                );
            };
            Ok(if date <= *due {
                Evaluated::new(n.max, Reading::Date(date), Applied::OnTime(*due))
            } else {
                Evaluated::new(*late, Reading::Date(date), Applied::Late(*due))
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
            Ok(Evaluated::new(
                points,
                Reading::Points(points),
                Applied::Direct,
            ))
        }
    }
}

/// A rate declared for a bands or ratio rule, read with the rule's meaning of `x/0` and of
/// a rate above 100 %.
fn read_rate(n: &Node, rule: &Rule, value: &str) -> Result<Evaluated, Text> {
    if let Some((num, den)) = value.trim().split_once('/') {
        let (num, den) = (
            crate::number::parse_decimal(num),
            crate::number::parse_decimal(den),
        );
        if let (Some(num), Some(den), Some(zero)) = (num, den, rule.zero) {
            if den.is_zero() && num.is_zero() {
                let ev = |points| {
                    Evaluated::new(
                        points,
                        Reading::NothingToCount,
                        Applied::NothingToCount(zero),
                    )
                };
                return Ok(match zero {
                    ZeroMeaning::Full => ev(n.max),
                    ZeroMeaning::Zero => ev(Decimal::ZERO),
                    ZeroMeaning::NotApplicable => Evaluated {
                        not_applicable: true,
                        ..ev(Decimal::ZERO)
                    },
                });
            }
        }
    }
    let Some(pct) = parse_percent(value) else {
        return Err(
            text!(vi: "\"{value}\" không phải tỷ lệ % (ví dụ 92,5 hoặc 45/48)", en: "\"{value}\" is not a percentage (e.g. 92.5 or 45/48)"),
        );
    };
    if pct > Decimal::ONE_HUNDRED && rule.over == Some(OverHundred::Cap) {
        let mut ev = percent_points(n, &rule.kind, Decimal::ONE_HUNDRED);
        ev.reading = Reading::PercentCapped(pct);
        return Ok(ev);
    }
    if pct > Decimal::ONE_HUNDRED && rule.over == Some(OverHundred::Refuse) {
        return Err(
            text!(vi: "tỷ lệ {value} vượt 100%; quy tắc không chấp nhận tỷ lệ trên 100%", en: "the rate {value} is above 100%; the rule refuses rates above 100%"),
        );
    }
    Ok(percent_points(n, &rule.kind, read_percent(value)?))
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
    let reading = Reading::Percent(pct);
    match kind {
        RuleKind::Bands(bands) => {
            let band = bands.iter().position(|b| b.when.matches(pct));
            let points = band.map(|i| bands[i].points.value).unwrap_or_default();
            let applied = band.map_or(Applied::NoBand, Applied::Band);
            Evaluated::new(points, reading, applied)
        }
        _ => Evaluated {
            happened: None,
            not_applicable: false,
            points: n.max * pct / Decimal::ONE_HUNDRED,
            reading,
            applied: Applied::Share {
                max: n.max,
                percent: pct,
            },
        },
    }
}
