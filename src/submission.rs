//! What the documents a unit hands in must explain, computed once from the scored sheet and
//! the evidence check: the leaves scored without complete evidence or with an explanation
//! of the unit's own (the report's "giải trình" section), the leaves not scored yet, and
//! the leaves the appraisal council cut (the explanation letter to the council, with the
//! totals before and after if every explanation were accepted). The Word writers only
//! present these values; what the evidence check found stays here for the unit's own
//! people (the web app, `evidence`), never in the text the unit sends.

use crate::criteria::Method;
use crate::evidence::{Assessment, Kind, Manifest};
use crate::lang::Text;
use crate::scoring::{ScoreSheet, Status};
use rust_decimal::Decimal;

/// A scored leaf whose evidence is missing or doubtful.
#[derive(Clone, Debug)]
pub struct ToExplain {
    pub code: String,
    pub name: String,
    /// The self-assessed points and the leaf's maximum.
    pub points: Decimal,
    pub max: Decimal,
    /// The points the council may zero for missing evidence (zero when none is missing).
    pub at_risk: Decimal,
    /// The required items with no document.
    pub missing: Vec<String>,
    /// What the evidence check found doubtful about the documents filed.
    pub doubts: Vec<Text>,
    /// The unit's explanation: the `explanation` column of the score sheet (empty when
    /// none; the working `note` is never sent).
    pub explanation: String,
    /// The documents the unit relies on for the leaf, as `manifest.csv` lists them.
    pub documents: Vec<Filed>,
}

/// A leaf with no score yet, and the points it could bring.
#[derive(Clone, Debug)]
pub struct Unscored {
    pub code: String,
    pub name: String,
    pub max: Decimal,
}

/// Every self-assessed leaf without a score, in the criteria's order.
pub fn unscored(sheet: &ScoreSheet) -> Vec<Unscored> {
    sheet
        .nodes
        .iter()
        .filter(|n| {
            n.leaf
                .as_ref()
                .is_some_and(|l| l.status == Status::Unscored)
        })
        .map(|n| Unscored {
            code: n.code.clone(),
            name: n.name.clone(),
            max: n.max,
        })
        .collect()
}

/// Problems that leave a leaf's evidence incomplete or in doubt; the rest (an unlisted
/// file, an unknown code, a duplicate) concern the manifest, not a leaf's points.
fn weakens_evidence(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::FileMissing
            | Kind::FileUnreadable
            | Kind::FileEmpty
            | Kind::BadDate
            | Kind::OutsideYear
            | Kind::AfterAsOf
            | Kind::DeadlineMismatch
            | Kind::IssuedLate
    )
}

/// Every scored leaf the evidence check reports as missing evidence, or with a document in
/// doubt, and every leaf the unit wrote an explanation for, in the criteria's order.
/// Without a manifest (`checked` is `None`), the leaves with an explanation.
pub fn to_explain(sheet: &ScoreSheet, checked: Option<(&Manifest, &Assessment)>) -> Vec<ToExplain> {
    let mut out = Vec::new();
    for n in &sheet.nodes {
        let Some(leaf) = n.leaf.as_ref() else {
            continue;
        };
        if !matches!(leaf.status, Status::Scored) {
            continue;
        }
        let assessment = checked.map(|(_, a)| a);
        let missing = assessment.and_then(|a| a.missing.iter().find(|m| m.code == n.code));
        let doubts: Vec<Text> = assessment
            .map(|a| a.problems.as_slice())
            .unwrap_or_default()
            .iter()
            .filter(|p| p.code.as_deref() == Some(n.code.as_str()) && weakens_evidence(p.kind))
            .map(|p| p.message.clone())
            .collect();
        if missing.is_none() && doubts.is_empty() && leaf.explanation.is_empty() {
            continue;
        }
        out.push(ToExplain {
            code: n.code.clone(),
            name: n.name.clone(),
            points: n.achieved,
            max: n.max,
            at_risk: missing.map_or(Decimal::ZERO, |m| m.points),
            missing: missing.map(|m| m.items.clone()).unwrap_or_default(),
            doubts,
            explanation: leaf.explanation.clone(),
            documents: filed_for(checked.map(|(m, _)| m), &n.code),
        });
    }
    out
}

/// A document filed for a leaf, as the manifest lists it.
#[derive(Clone, Debug)]
pub struct Filed {
    pub number: String,
    pub date: String,
    pub issuer: String,
    pub title: String,
}

/// A leaf the council scored below the unit.
#[derive(Clone, Debug)]
pub struct Cut {
    pub code: String,
    pub name: String,
    pub max: Decimal,
    /// The unit's points and the council's.
    pub own: Decimal,
    pub appraised: Decimal,
    /// The points at stake: `own - appraised`.
    pub stake: Decimal,
    pub evidence: Vec<Filed>,
    /// The council's reason for the cut (`appraisal_note`), shown only as context.
    pub reason: String,
    /// The unit's answer to the cut (`answer`): what the letter says for the unit.
    pub answer: String,
}

/// The explanation letter's content.
#[derive(Clone, Debug)]
pub struct Appeal {
    /// Largest stake first, then by code.
    pub cuts: Vec<Cut>,
    pub max: Decimal,
    /// The council's total, and what it would be with every cut restored.
    pub before: Decimal,
    pub after: Decimal,
}

impl Appeal {
    pub fn stake(&self) -> Decimal {
        self.after - self.before
    }
}

/// The cuts, when the dossier holds the council's points (`None` otherwise).
pub fn appeal(sheet: &ScoreSheet, manifest: Option<&Manifest>) -> Option<Appeal> {
    let before = sheet.totals.appraised_points?;
    let mut cuts: Vec<Cut> = sheet
        .nodes
        .iter()
        // Survey leaves are the council's measurement, not a judgement of evidence.
        .filter(|n| n.leaf.as_ref().is_some_and(|l| l.status == Status::Scored))
        .filter(|n| n.method != Method::Survey)
        .filter_map(|n| {
            let appraised = n.appraised?;
            (n.achieved > appraised).then(|| Cut {
                code: n.code.clone(),
                name: n.name.clone(),
                max: n.max,
                own: n.achieved,
                appraised,
                stake: n.achieved - appraised,
                evidence: filed_for(manifest, &n.code),
                reason: n
                    .leaf
                    .as_ref()
                    .map(|l| l.appraisal_note.clone())
                    .unwrap_or_default(),
                answer: n
                    .leaf
                    .as_ref()
                    .map(|l| l.answer.clone())
                    .unwrap_or_default(),
            })
        })
        .collect();
    cuts.sort_by(|a, b| {
        (std::cmp::Reverse(a.stake), &a.code).cmp(&(std::cmp::Reverse(b.stake), &b.code))
    });
    let restored: Decimal = cuts.iter().map(|c| c.stake).sum();
    let max = sheet.totals.max;
    let after = match (&sheet.adjustments, sheet.totals.appraised) {
        (Some(adj), Some(areas)) => {
            adj.apply(areas + restored, max, &|n| n.appraised.unwrap_or_default())
        }
        _ => before + restored,
    };
    Some(Appeal {
        cuts,
        max,
        before,
        after,
    })
}

fn filed_for(manifest: Option<&Manifest>, code: &str) -> Vec<Filed> {
    let Some(m) = manifest else {
        return Vec::new();
    };
    m.documents
        .iter()
        .filter(|d| d.links.iter().any(|l| l.code == code))
        .map(|d| Filed {
            number: d.number.clone(),
            date: d.date_text.clone(),
            issuer: d.issuer.clone(),
            title: d.title.clone(),
        })
        .collect()
}
