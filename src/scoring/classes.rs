//! The result class (xếp loại) a scored sheet reaches, and what keeps it out of the one
//! above: the index and every minimum a class states, each missed one with its shortfall
//! in percent and in points.
//!
//! Like the ranking line, a minimum is compared with the figure as published, rounded to
//! two decimals, half away from zero: 89,996 % is shown, and counted, as 90,00 %.

use super::{NodeScore, ScoreSheet};
use crate::criteria::{Class, Target};
use crate::number::{percent_of, round2};
use rust_decimal::Decimal;

/// The class reached (if any) and the next one up (if any).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classing {
    pub class: Option<String>,
    pub next: Option<NextClass>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextClass {
    pub label: String,
    /// Every minimum of that class that is not met.
    pub blockers: Vec<Blocker>,
}

/// One minimum not met.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocker {
    /// The component's code; `None` for the index itself.
    pub code: Option<String>,
    pub name: String,
    /// The minimum percentage.
    pub minimum: Decimal,
    /// The percentage reached.
    pub percent: Decimal,
    /// Percentage points missing (minimum − reached).
    pub short_percent: Decimal,
    /// Points missing: the minimum's share of the component's maximum less its points.
    pub short_points: Decimal,
}

/// Classes a sheet by its `index` and each node's points as `points` reads them (the
/// self-assessed ones, or the council's); `None` when the criteria set has no classes.
pub fn classify(
    sheet: &ScoreSheet,
    classes: &[Class],
    index: Decimal,
    points: &dyn Fn(&NodeScore) -> Decimal,
) -> Option<Classing> {
    if classes.is_empty() {
        return None;
    }
    let blockers: Vec<Vec<Blocker>> = classes
        .iter()
        .map(|c| missed(sheet, c, index, points))
        .collect();
    let reached = blockers.iter().position(Vec::is_empty);
    let next = match reached {
        Some(0) => None,
        Some(i) => Some(i - 1),
        None => Some(classes.len() - 1),
    };
    Some(Classing {
        class: reached.map(|i| classes[i].label.clone()),
        next: next.map(|i| NextClass {
            label: classes[i].label.clone(),
            blockers: blockers[i].clone(),
        }),
    })
}

fn missed(
    sheet: &ScoreSheet,
    class: &Class,
    index: Decimal,
    points: &dyn Fn(&NodeScore) -> Decimal,
) -> Vec<Blocker> {
    let mut out = Vec::new();
    if round2(index) < class.min_index {
        let short = class.min_index - index;
        out.push(Blocker {
            code: None,
            name: String::new(),
            minimum: class.min_index,
            percent: index,
            short_percent: short,
            short_points: short * sheet.totals.max / Decimal::ONE_HUNDRED,
        });
    }
    for m in &class.minimums {
        let nodes: Vec<&NodeScore> = match &m.target {
            Target::EachArea => sheet.areas().collect(),
            Target::Code(code) => sheet.find(code).into_iter().collect(),
        };
        for n in nodes {
            // A component that does not apply to the unit has no percentage to fall short.
            let Some(percent) = percent_of(points(n), n.max) else {
                continue;
            };
            if round2(percent) < m.percent {
                out.push(Blocker {
                    code: Some(n.code.clone()),
                    name: n.name.clone(),
                    minimum: m.percent,
                    percent,
                    short_percent: m.percent - percent,
                    short_points: m.percent * n.max / Decimal::ONE_HUNDRED - points(n),
                });
            }
        }
    }
    out
}
