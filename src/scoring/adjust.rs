//! Bonus and penalty points (điểm thưởng / điểm trừ), applied after the areas' sum.
//!
//! Each item is scored like a leaf, so its rule already keeps it within its own maximum;
//! the bonus items together are then capped at `max_bonus` and the penalty items at
//! `max_penalty`. The index's numerator is the areas' points plus the bonus less the
//! penalty, never below 0, and, when the file says the index is capped, never above the
//! applicable maximum (an index of 100).

use super::{Ctx, NodeScore, ScoreSheet};
use crate::criteria::{AdjustmentKind, Adjustments};
use rust_decimal::Decimal;

/// The adjustment items of a scored sheet and the caps that apply to them.
#[derive(Clone, Debug)]
pub struct AdjustmentSheet {
    pub items: Vec<AdjustmentScore>,
    pub max_bonus: Decimal,
    pub max_penalty: Decimal,
    pub index_capped: bool,
}

#[derive(Clone, Debug)]
pub struct AdjustmentScore {
    pub kind: AdjustmentKind,
    /// Scored as a leaf: its points within 0..its maximum.
    pub score: NodeScore,
}

/// One section's points: what the items add up to, and what counts after the cap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Section {
    pub declared: Decimal,
    pub applied: Decimal,
}

impl AdjustmentSheet {
    /// The section of `kind`, each item's points read by `points`.
    pub fn section(&self, kind: AdjustmentKind, points: &dyn Fn(&NodeScore) -> Decimal) -> Section {
        let declared: Decimal = self
            .items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| points(&i.score))
            .sum();
        let cap = match kind {
            AdjustmentKind::Bonus => self.max_bonus,
            AdjustmentKind::Penalty => self.max_penalty,
        };
        Section {
            declared,
            applied: declared.min(cap),
        }
    }

    /// The index's numerator from the areas' points and each item's points read by `points`.
    pub fn apply(
        &self,
        areas: Decimal,
        max: Decimal,
        points: &dyn Fn(&NodeScore) -> Decimal,
    ) -> Decimal {
        let bonus = self.section(AdjustmentKind::Bonus, points).applied;
        let penalty = self.section(AdjustmentKind::Penalty, points).applied;
        let total = (areas + bonus - penalty).max(Decimal::ZERO);
        if self.index_capped {
            total.min(max)
        } else {
            total
        }
    }
}

/// Scores every item of the section, as leaves are scored.
pub(super) fn score_items(ctx: &mut Ctx, adj: &Adjustments) -> AdjustmentSheet {
    let items = adj
        .items
        .iter()
        .map(|item| {
            let n = &item.node;
            let (leaf, achieved, max, appraised) = ctx.leaf(n);
            AdjustmentScore {
                kind: item.kind,
                score: NodeScore {
                    code: n.code.clone(),
                    name: n.name.clone(),
                    depth: 1,
                    method: n.method,
                    leaf: Some(leaf),
                    achieved,
                    max,
                    full_max: n.max,
                    appraised,
                },
            }
        })
        .collect();
    AdjustmentSheet {
        items,
        max_bonus: adj.max_bonus,
        max_penalty: adj.max_penalty,
        index_capped: adj.index_capped,
    }
}

impl ScoreSheet {
    /// The index's numerator if every point at risk for missing evidence were lost (areas'
    /// leaves and bonus items alike), when a manifest was checked.
    pub fn strict_points(&self) -> Option<Decimal> {
        let at_risk = self.at_risk.as_ref()?;
        let area_risk: Decimal = self.areas().filter_map(|a| self.at_risk_for(&a.code)).sum();
        let areas = self.totals.achieved - area_risk;
        Some(match &self.adjustments {
            None => areas,
            Some(adj) => adj.apply(areas, self.totals.max, &|n| {
                n.achieved - at_risk.get(&n.code).copied().unwrap_or_default()
            }),
        })
    }
}
