//! How far the unit is from the line of the published ranking it wants to reach, and the
//! cheapest way to close the gap: a recovery list of leaves where points can still be won,
//! with a running total.
//!
//! Being in the top K means scoring **above** the line (the score of rank K): a score equal
//! to the line is a tie that does not secure the place. Scores are compared as published,
//! rounded to two decimals, half away from zero.

use crate::criteria::Method;
use crate::evidence::Assessment;
use crate::number::{percent_of, round2};
use crate::scoring::{classify, Classing, ScoreSheet, Status};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// The score to beat.
#[derive(Clone, Debug)]
pub struct Line {
    /// The rank to reach; `None` with `--threshold` and no rank.
    pub rank: Option<u32>,
    pub score: Decimal,
    /// The unit at that rank and the ranking's year; `None` with `--threshold`.
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub source: Option<String>,
}

/// A total in points and as an index (points ÷ applicable maximum × 100).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    pub points: Decimal,
    pub index: Decimal,
}

/// Why points can still be won, cheapest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Points declared but not safe: the evidence is missing.
    Evidence,
    /// Points the appraisal council cut from the self-assessment.
    AppraisalCut,
    /// A leaf not scored yet.
    Unscored,
    /// A scored leaf below its maximum.
    BelowMax,
    /// A bonus item not (fully) earned, within what the bonus section can still add.
    Bonus,
    /// A survey leaf below its maximum: the unit can only work on what is surveyed.
    Survey,
}

impl Reason {
    pub fn key(self) -> &'static str {
        match self {
            Reason::Evidence => "evidence",
            Reason::AppraisalCut => "appraisal_cut",
            Reason::Unscored => "unscored",
            Reason::BelowMax => "below_max",
            Reason::Bonus => "bonus",
            Reason::Survey => "survey",
        }
    }
}

/// What has to happen to win a step's points; the presentation words it, with the leaf's
/// rule where the action needs one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// A survey leaf: raise the surveyed satisfaction.
    RaiseSurvey,
    /// Supply the documents for these required items, as the criteria file words them.
    SupplyEvidence(Vec<String>),
    /// Supply and explain the evidence for the points the council cut.
    ExplainCut(Decimal),
    /// Score the leaf and declare it.
    Score,
    /// Reach the leaf's maximum.
    ReachMax,
    /// Earn the bonus item.
    EarnBonus,
}

#[derive(Clone, Debug)]
pub struct Step {
    pub code: String,
    pub name: String,
    pub points: Decimal,
    pub reason: Reason,
    pub action: Action,
    pub lead: Option<String>,
    /// The base total plus this and every earlier step.
    pub running: Standing,
    /// Whether the running total is above the line here (and was not before).
    pub closes: bool,
}

#[derive(Clone, Debug)]
pub struct Gap {
    pub line: Line,
    pub max: Decimal,
    /// Self-assessed plus projected survey.
    pub projected: Standing,
    /// Projected minus the points at risk for missing evidence; unknown (`None`) without a
    /// manifest, since nothing says which documents are in place.
    pub strict: Option<Standing>,
    pub appraised: Option<Standing>,
    /// The line minus the appraised index where there is one, else minus the projected
    /// index (negative: above the line).
    pub gap: Decimal,
    /// Where the recovery list starts: the appraised total, else the strict total, else
    /// (no manifest) the projected total.
    pub base: Standing,
    pub recovery: Vec<Step>,
    /// The result class on the headline total (appraised where there is one), when the
    /// criteria set defines classes.
    pub classing: Option<Classing>,
}

/// Where a total stands against the line, compared as published (two decimals): the
/// distance below it (positive), above it (negative), or a tie (zero).
pub fn against_line(line: Decimal, index: Decimal) -> (Ordering, Decimal) {
    let d = line - round2(index);
    (d.cmp(&Decimal::ZERO), d.abs())
}

impl Gap {
    /// The step at which the running total first rises above the line.
    pub fn closing_step(&self) -> Option<usize> {
        self.recovery.iter().position(|s| s.closes)
    }

    /// Whether the base total is already above the line.
    pub fn base_above(&self) -> bool {
        round2(self.base.index) > self.line.score
    }
}

fn standing(points: Decimal, max: Decimal) -> Standing {
    Standing {
        points,
        index: percent_of(points, max).unwrap_or_default(),
    }
}

/// The gap for a scored sheet, its evidence check (if any), and the plan's lead units.
pub fn gap(
    sheet: &ScoreSheet,
    criteria: &crate::criteria::Criteria,
    evidence: Option<&Assessment>,
    lead_for: &dyn Fn(&str) -> Option<String>,
    line: Line,
) -> Gap {
    let t = &sheet.totals;
    let max = t.max;
    let projected = standing(t.points, max);
    let strict =
        evidence.map(|a| standing(sheet.strict_points().unwrap_or(t.points - a.at_risk), max));
    let appraised = t.appraised_points.map(|a| standing(a, max));
    let headline = appraised.unwrap_or(projected);
    let base = appraised.or(strict).unwrap_or(projected);
    let missing_points = |code: &str| {
        evidence
            .and_then(|a| a.missing.iter().find(|m| m.code == code))
            .map(|m| (m.points, m.items.clone()))
    };

    let mut steps = Vec::new();
    for n in &sheet.nodes {
        let (Some(leaf), Some(_)) = (&n.leaf, criteria.find(&n.code)) else {
            continue;
        };
        if leaf.status == Status::NotApplicable || n.max == Decimal::ZERO {
            continue;
        }
        // In an appraised year the council has already judged the evidence.
        let missing = (!sheet.has_appraised)
            .then(|| missing_points(&n.code))
            .flatten();
        // What the leaf counts for in the base total.
        let current = match (sheet.has_appraised, &missing) {
            (true, _) => n.appraised.unwrap_or_default(),
            (false, Some((p, _))) => n.achieved - *p,
            (false, None) => n.achieved,
        };
        let mut push = |points: Decimal, reason: Reason, action: Action| {
            if points > Decimal::ZERO {
                steps.push(Step {
                    code: n.code.clone(),
                    name: n.name.clone(),
                    points,
                    reason,
                    action,
                    lead: lead_for(&n.code),
                    running: standing(Decimal::ZERO, max),
                    closes: false,
                });
            }
        };
        if n.method == Method::Survey {
            push(n.max - current, Reason::Survey, Action::RaiseSurvey);
            continue;
        }
        let claimed = n.achieved.max(current);
        if let Some((p, items)) = &missing {
            push(*p, Reason::Evidence, Action::SupplyEvidence(items.clone()));
        } else if n.achieved > current {
            let cut = n.achieved - current;
            push(cut, Reason::AppraisalCut, Action::ExplainCut(cut));
        }
        if leaf.status == Status::Unscored {
            push(n.max - claimed, Reason::Unscored, Action::Score);
        } else {
            push(n.max - claimed, Reason::BelowMax, Action::ReachMax);
        }
    }
    steps.extend(bonus_steps(sheet, lead_for, max));
    steps.sort_by(|a, b| {
        (a.reason, std::cmp::Reverse(a.points), &a.code).cmp(&(
            b.reason,
            std::cmp::Reverse(b.points),
            &b.code,
        ))
    });
    let mut running = base.points;
    let mut above = round2(base.index) > line.score;
    let capped = sheet.adjustments.as_ref().is_some_and(|a| a.index_capped);
    for s in &mut steps {
        running += s.points;
        if capped {
            running = running.min(max);
        }
        s.running = standing(running, max);
        let now_above = round2(s.running.index) > line.score;
        s.closes = now_above && !above;
        above = now_above;
    }
    let classing = match appraised {
        Some(a) => classify(sheet, &criteria.classes, a.index, &|n| {
            n.appraised.unwrap_or_default()
        }),
        None => classify(sheet, &criteria.classes, projected.index, &|n| n.achieved),
    };
    Gap {
        classing,
        gap: line.score - round2(headline.index),
        line,
        max,
        projected,
        strict,
        appraised,
        base,
        recovery: steps,
    }
}

/// Bonus items not yet fully earned, largest first, each within what the bonus section can
/// still add once the items before it are earned.
fn bonus_steps(
    sheet: &ScoreSheet,
    lead_for: &dyn Fn(&str) -> Option<String>,
    max: Decimal,
) -> Vec<Step> {
    use crate::criteria::AdjustmentKind;
    let Some(adj) = &sheet.adjustments else {
        return Vec::new();
    };
    let points = |n: &crate::scoring::NodeScore| match sheet.has_appraised {
        true => n.appraised.unwrap_or_default(),
        false => n.achieved,
    };
    let mut room = adj.max_bonus - adj.section(AdjustmentKind::Bonus, &points).applied;
    let mut open: Vec<_> = adj
        .items
        .iter()
        .filter(|i| i.kind == AdjustmentKind::Bonus)
        .map(|i| (i, i.score.max - points(&i.score)))
        .filter(|(_, more)| *more > Decimal::ZERO)
        .collect();
    open.sort_by(|a, b| {
        (std::cmp::Reverse(a.1), &a.0.score.code).cmp(&(std::cmp::Reverse(b.1), &b.0.score.code))
    });
    let mut out = Vec::new();
    for (item, more) in open {
        let gain = more.min(room);
        if gain <= Decimal::ZERO {
            break;
        }
        room -= gain;
        let n = &item.score;
        out.push(Step {
            code: n.code.clone(),
            name: n.name.clone(),
            points: gain,
            reason: Reason::Bonus,
            action: Action::EarnBonus,
            lead: lead_for(&n.code),
            running: standing(Decimal::ZERO, max),
            closes: false,
        });
    }
    out
}
