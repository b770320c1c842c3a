//! From a dossier to points per leaf, criterion and area, and the index.
//!
//! Every figure is exact (`rust_decimal`); parents are exact sums of their children.
//! A leaf not applicable to the unit leaves both the achieved points and the maximum.

mod adjust;
mod classes;
mod evaluate;
mod guards;

pub use adjust::{AdjustmentScore, AdjustmentSheet, Section};
pub use classes::{classify, Blocker, Classing, NextClass};
pub use evaluate::{evaluate, percent_points, Applied, Evaluated, Reading};

use crate::criteria::{Method, Node, RuleInput};
use crate::diag::Diagnostic;
use crate::dossier::{Completion, Dossier};
use crate::lang::Text;
use crate::number::percent_of;
use crate::text;
use crate::value::is_not_applicable;
use rust_decimal::Decimal;

/// Where a leaf stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Scored,
    Unscored,
    NotApplicable,
    /// A survey leaf: the unit can only project it.
    Projected,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Scored => "scored",
            Status::Unscored => "unscored",
            Status::NotApplicable => "not_applicable",
            Status::Projected => "projected",
        }
    }
}

/// The score of one node of the tree.
#[derive(Clone, Debug)]
pub struct NodeScore {
    pub code: String,
    pub name: String,
    pub depth: usize,
    pub method: Method,
    /// For leaves: the rule kind, the declared value as written, the status and the working.
    pub leaf: Option<LeafDetail>,
    pub achieved: Decimal,
    /// The applicable maximum (0 for a leaf that does not apply).
    pub max: Decimal,
    /// The maximum in the criteria set, applicable or not.
    pub full_max: Decimal,
    /// The council's points, where the dossier carries them.
    pub appraised: Option<Decimal>,
}

#[derive(Clone, Debug)]
pub struct LeafDetail {
    pub kind: &'static str,
    pub value: String,
    pub status: Status,
    pub note: String,
    /// What the unit says of the leaf in the documents it sends (`explanation`), the
    /// council's reason for a cut (`appraisal_note`) and the unit's answer (`answer`).
    pub explanation: String,
    pub appraisal_note: String,
    pub answer: String,
    /// Where the value came from ("scores.csv:7", "plan.csv").
    pub source: String,
    pub working: Option<Evaluated>,
    /// Extra lines of explanation (plan completion, warnings).
    pub remarks: Vec<Text>,
}

impl NodeScore {
    pub fn percent(&self) -> Option<Decimal> {
        percent_of(self.achieved, self.max)
    }

    pub fn is_leaf(&self) -> bool {
        self.leaf.is_some()
    }
}

/// Totals over the whole index.
#[derive(Clone, Debug, Default)]
pub struct Totals {
    pub achieved: Decimal,
    pub max: Decimal,
    pub self_achieved: Decimal,
    pub self_max: Decimal,
    pub survey_achieved: Decimal,
    pub survey_max: Decimal,
    pub appraised: Option<Decimal>,
    /// The index's numerator: `achieved` (the areas' sum) with bonus and penalty points
    /// applied, where the criteria file has them; `achieved` otherwise.
    pub points: Decimal,
    /// The same for the council's points.
    pub appraised_points: Option<Decimal>,
}

impl Totals {
    /// Points (with bonus and penalty) ÷ applicable maximum × 100.
    pub fn index(&self) -> Option<Decimal> {
        percent_of(self.points, self.max)
    }

    pub fn appraised_index(&self) -> Option<Decimal> {
        percent_of(self.appraised_points?, self.max)
    }
}

/// A whole dossier scored: every node in tree order, and the totals.
#[derive(Clone, Debug)]
pub struct ScoreSheet {
    pub unit: String,
    pub year: i32,
    /// The date the dossier is judged at, parsed once from `dossier.json`.
    pub as_of: time::Date,
    pub criteria_id: String,
    pub criteria_title: String,
    pub nodes: Vec<NodeScore>,
    pub totals: Totals,
    pub has_appraised: bool,
    /// Points at risk for missing evidence, by node code, when the dossier has a manifest
    /// (set by the evidence check; see `evidence::assess`).
    pub at_risk: Option<std::collections::HashMap<String, Decimal>>,
    /// The result class reached on the self-assessed figures, when the criteria set
    /// defines classes.
    pub classing: Option<Classing>,
    /// Bonus and penalty items, when the criteria file has them.
    pub adjustments: Option<AdjustmentSheet>,
}

impl ScoreSheet {
    /// Points at risk for a node, when a manifest was checked.
    pub fn at_risk_for(&self, code: &str) -> Option<Decimal> {
        let map = self.at_risk.as_ref()?;
        Some(map.get(code).copied().unwrap_or(Decimal::ZERO))
    }

    /// Total points at risk, when a manifest was checked: the areas' and the bonus items'.
    pub fn total_at_risk(&self) -> Option<Decimal> {
        let items = self.adjustments.iter().flat_map(|a| &a.items);
        let codes = self.areas().chain(items.map(|i| &i.score));
        Some(codes.filter_map(|n| self.at_risk_for(&n.code)).sum())
            .filter(|_| self.at_risk.is_some())
    }

    pub fn find(&self, code: &str) -> Option<&NodeScore> {
        self.nodes.iter().find(|n| n.code == code)
    }

    pub fn areas(&self) -> impl Iterator<Item = &NodeScore> {
        self.nodes.iter().filter(|n| n.depth == 1)
    }

    pub fn unscored(&self) -> impl Iterator<Item = &NodeScore> {
        self.nodes.iter().filter(|n| {
            n.leaf
                .as_ref()
                .is_some_and(|l| l.status == Status::Unscored)
        })
    }

    /// The node and everything under it, in tree order.
    pub fn branch(&self, code: &str) -> Vec<&NodeScore> {
        let prefix = format!("{code}.");
        self.nodes
            .iter()
            .filter(|n| n.code == code || n.code.starts_with(&prefix))
            .collect()
    }
}

/// Scores a dossier. Values that do not fit their rule are returned as errors (with file,
/// line and code); the sheet is only meaningful when there are none.
pub fn score(d: &Dossier) -> (ScoreSheet, Vec<Diagnostic>) {
    let mut ctx = Ctx {
        d,
        completion: d.plan.as_ref().map(|p| p.completion(d.settings.as_of)),
        diags: Vec::new(),
        nodes: Vec::new(),
    };
    for area in &d.criteria.areas {
        ctx.node(area, None);
    }
    let mut totals = Totals::default();
    let leaves: Vec<&NodeScore> = ctx.nodes.iter().filter(|n| n.is_leaf()).collect();
    for n in &leaves {
        totals.achieved += n.achieved;
        totals.max += n.max;
        match n.method {
            Method::SelfAssessed => {
                totals.self_achieved += n.achieved;
                totals.self_max += n.max;
            }
            Method::Survey => {
                totals.survey_achieved += n.achieved;
                totals.survey_max += n.max;
            }
        }
    }
    if d.scores.has_appraised {
        totals.appraised = Some(leaves.iter().filter_map(|n| n.appraised).sum());
    }
    let adjustments = d
        .criteria
        .adjustments
        .as_ref()
        .map(|a| adjust::score_items(&mut ctx, a));
    totals.points = totals.achieved;
    totals.appraised_points = totals.appraised;
    if let Some(adj) = &adjustments {
        totals.points = adj.apply(totals.achieved, totals.max, &|n| n.achieved);
        totals.appraised_points = totals
            .appraised
            .map(|a| adj.apply(a, totals.max, &|n| n.appraised.unwrap_or_default()));
    }
    let mut sheet = ScoreSheet {
        unit: d.settings.unit.clone(),
        year: d.settings.year,
        as_of: d.settings.as_of,
        criteria_id: d.criteria.id.clone(),
        criteria_title: d.criteria.title.clone(),
        nodes: ctx.nodes,
        totals,
        has_appraised: d.scores.has_appraised,
        at_risk: None,
        classing: None,
        adjustments,
    };
    let index = sheet.totals.index().unwrap_or_default();
    sheet.classing = classify(&sheet, &d.criteria.classes, index, &|n| n.achieved);
    (sheet, ctx.diags)
}

struct Ctx<'a> {
    d: &'a Dossier,
    completion: Option<Completion>,
    diags: Vec<Diagnostic>,
    nodes: Vec<NodeScore>,
}

impl Ctx<'_> {
    /// Scores `n` and everything under it; returns its index in `nodes`.
    fn node(&mut self, n: &Node, inherited: Option<Text>) -> usize {
        let na = inherited.or_else(|| self.not_applicable(n));
        let index = self.nodes.len();
        self.nodes.push(NodeScore {
            code: n.code.clone(),
            name: n.name.clone(),
            depth: n.depth(),
            method: n.method,
            leaf: None,
            achieved: Decimal::ZERO,
            max: n.max,
            full_max: n.max,
            appraised: None,
        });
        if n.is_leaf() {
            let (leaf, achieved, max, appraised) = match na {
                Some(reason) => self.leaf_not_applicable(n, reason),
                None => self.leaf(n),
            };
            let s = &mut self.nodes[index];
            s.leaf = Some(leaf);
            s.achieved = achieved;
            s.max = max;
            s.appraised = appraised;
        } else {
            let children: Vec<usize> = n
                .children()
                .iter()
                .map(|c| self.node(c, na.clone()))
                .collect();
            let sum = |f: &dyn Fn(&NodeScore) -> Decimal| {
                children.iter().map(|i| f(&self.nodes[*i])).sum::<Decimal>()
            };
            let achieved = sum(&|c| c.achieved);
            let max = sum(&|c| c.max);
            let appraised = self
                .d
                .scores
                .has_appraised
                .then(|| sum(&|c| c.appraised.unwrap_or_default()));
            let s = &mut self.nodes[index];
            s.achieved = achieved;
            s.max = max;
            s.appraised = appraised;
        }
        index
    }

    /// Why a node does not apply to the unit, when it does not: its criteria entry leaves
    /// out the dossier's group, or `scores.csv` marks the criterion or area "Không áp dụng".
    fn not_applicable(&mut self, n: &Node) -> Option<Text> {
        let group = &self.d.settings.group;
        if !group.is_empty() && n.not_for.iter().any(|g| g == group) {
            let code = &n.code;
            return Some(text!(
                vi: "{code} không áp dụng cho nhóm đơn vị \"{group}\" (theo bộ tiêu chí)",
                en: "{code} does not apply to the unit group \"{group}\" (per the criteria file)"
            ));
        }
        if n.is_leaf() {
            return None;
        }
        let scores = &self.d.scores;
        let row = scores.rows.get(&n.code)?;
        if !is_not_applicable(&row.value) {
            return None;
        }
        if row.note.is_empty() {
            self.diags.push(
                Diagnostic::warning(&scores.source, text!(vi: "tiêu chí không áp dụng nhưng không có ghi chú giải trình", en: "marked not applicable without an explanatory note"))
                    .at_line(Some(row.line))
                    .for_code(&n.code),
            );
        }
        let (code, line, note) = (&n.code, row.line, &row.note);
        Some(text!(
            vi: "cả {code} không áp dụng (scores.csv dòng {line}: {note})",
            en: "all of {code} does not apply (scores.csv line {line}: {note})"
        ))
    }

    /// A leaf under a node that does not apply: out of the maximum, whatever its own row says.
    fn leaf_not_applicable(
        &mut self,
        n: &Node,
        reason: Text,
    ) -> (LeafDetail, Decimal, Decimal, Option<Decimal>) {
        let scores = &self.d.scores;
        let row = scores.rows.get(&n.code);
        if let Some(r) = row.filter(|r| !r.value.is_empty() && !is_not_applicable(&r.value)) {
            self.diags.push(
                Diagnostic::warning(
                    &scores.source,
                    Text::new(
                        format!("giá trị kê khai bị bỏ qua: {}", reason.vi),
                        format!("declared value ignored: {}", reason.en),
                    ),
                )
                .at_line(Some(r.line))
                .for_code(&n.code),
            );
        }
        let rule = n.rule().expect("leaf has a rule");
        let detail = LeafDetail {
            kind: rule.kind.key(),
            value: row.map(|r| r.value.clone()).unwrap_or_default(),
            status: Status::NotApplicable,
            note: row.map(|r| r.note.clone()).unwrap_or_default(),
            explanation: row.map(|r| r.explanation.clone()).unwrap_or_default(),
            appraisal_note: row.map(|r| r.appraisal_note.clone()).unwrap_or_default(),
            answer: row.map(|r| r.answer.clone()).unwrap_or_default(),
            source: row
                .map(|r| format!("{}:{}", scores.source, r.line))
                .unwrap_or_default(),
            working: None,
            remarks: vec![reason],
        };
        let appraised = scores.has_appraised.then_some(Decimal::ZERO);
        (detail, Decimal::ZERO, Decimal::ZERO, appraised)
    }

    fn leaf(&mut self, n: &Node) -> (LeafDetail, Decimal, Decimal, Option<Decimal>) {
        let rule = n.rule().expect("leaf has a rule");
        let scores = &self.d.scores;
        let row = scores.rows.get(&n.code);
        let mut detail = LeafDetail {
            kind: rule.kind.key(),
            value: row.map(|r| r.value.clone()).unwrap_or_default(),
            status: Status::Unscored,
            note: row.map(|r| r.note.clone()).unwrap_or_default(),
            explanation: row.map(|r| r.explanation.clone()).unwrap_or_default(),
            appraisal_note: row.map(|r| r.appraisal_note.clone()).unwrap_or_default(),
            answer: row.map(|r| r.answer.clone()).unwrap_or_default(),
            source: row
                .map(|r| format!("{}:{}", scores.source, r.line))
                .unwrap_or_default(),
            working: None,
            remarks: Vec::new(),
        };
        let appraised = match (scores.has_appraised, row.and_then(|r| r.appraised)) {
            (false, _) => None,
            (true, Some(a)) => Some(a),
            (true, None) => Some(Decimal::ZERO),
        };
        let located = |m: Text| {
            let d = Diagnostic::error(&scores.source, m).for_code(&n.code);
            match row {
                Some(r) => d.at_line(Some(r.line)),
                None => d,
            }
        };
        if scores.has_appraised
            && row.is_some_and(|r| r.appraised.is_none() && !is_not_applicable(&r.value))
        {
            self.diags.push(
                Diagnostic::warning(&scores.source, text!(vi: "ô điểm thẩm định để trống: tính là 0 điểm thẩm định", en: "empty appraised cell: counted as 0 appraised points"))
                    .at_line(row.map(|r| r.line))
                    .for_code(&n.code),
            );
        }
        let appraised = match appraised {
            Some(a) if a > n.max => {
                self.diags.push(located(text!(vi: "điểm thẩm định vượt điểm tối đa", en: "appraised points exceed the maximum")));
                Some(Decimal::ZERO)
            }
            other => other,
        };
        let projected_or_scored = if n.method == Method::Survey {
            Status::Projected
        } else {
            Status::Scored
        };
        if row.is_some_and(|r| is_not_applicable(&r.value)) {
            detail.status = Status::NotApplicable;
            if detail.note.is_empty() {
                self.diags.push(
                    Diagnostic::warning(&scores.source, text!(vi: "tiêu chí không áp dụng nhưng không có ghi chú giải trình", en: "marked not applicable without an explanatory note"))
                        .at_line(row.map(|r| r.line))
                        .for_code(&n.code),
                );
            }
            return (
                detail,
                Decimal::ZERO,
                Decimal::ZERO,
                appraised.map(|_| Decimal::ZERO),
            );
        }
        if rule.input == Some(RuleInput::PlanCompletion) {
            if let (Some(c), Some(plan)) = (&self.completion, &self.d.plan) {
                let Some(pct) = c.percent() else {
                    detail.remarks.push(text!(vi: "chưa có nhiệm vụ nào đến hạn hoặc đã hoàn thành trong kế hoạch tại ngày đánh giá", en: "no plan task is due or done yet at the assessment date"));
                    return (detail, Decimal::ZERO, n.max, appraised);
                };
                let (done, due, later) = (c.done.len(), c.counted.len(), c.not_yet_due.len());
                let early = c.done_early.len();
                detail.remarks.push(text!(
                    vi: "từ kế hoạch: {done}/{due} nhiệm vụ đã hoàn thành (tính cả {early} nhiệm vụ hoàn thành trước hạn); {later} nhiệm vụ chưa đến hạn và chưa hoàn thành (thường xuyên, cả năm: đến hạn cuối năm; theo giai đoạn: cuối tháng cuối của giai đoạn)",
                    en: "from the plan: {done} of {due} tasks are done (including {early} done before they fall due); {later} neither due nor done (ongoing and all-year tasks fall due at the year's end, ranged tasks at the end of their last month)"
                ));
                if !c.done_later.is_empty() {
                    let list = c.done_later.join(", ");
                    detail.remarks.push(text!(
                        vi: "nhiệm vụ {list} ghi hoàn thành nhưng ngày hoàn thành sau ngày đánh giá: chưa tính là hoàn thành",
                        en: "task(s) {list} are marked done with a completion date after the assessment date: not counted as done"
                    ));
                }
                if row.is_some_and(|r| !r.value.is_empty()) {
                    detail.remarks.push(text!(vi: "giá trị kê khai trong scores.csv được thay bằng tỷ lệ tính từ plan.csv", en: "the value declared in scores.csv is replaced by the rate computed from plan.csv"));
                }
                let ev = percent_points(n, &rule.kind, pct);
                detail.value = format!("{done}/{due}");
                detail.source = plan.source.clone();
                detail.status = projected_or_scored;
                let points = ev.points;
                detail.working = Some(ev);
                return (detail, points, n.max, appraised);
            }
        }
        let Some(row) = row else {
            return (detail, Decimal::ZERO, n.max, appraised);
        };
        if row.value.is_empty() && rule.kind.key() != "deadline" {
            return (detail, Decimal::ZERO, n.max, appraised);
        }
        for warning in guards::value_warnings(n, &row.value, &self.d.settings) {
            self.diags.push(
                Diagnostic::warning(&scores.source, warning)
                    .at_line(Some(row.line))
                    .for_code(&n.code),
            );
        }
        match evaluate(n, &row.value) {
            Ok(ev) if ev.not_applicable => {
                detail.status = Status::NotApplicable;
                detail.working = Some(ev);
                (
                    detail,
                    Decimal::ZERO,
                    Decimal::ZERO,
                    appraised.map(|_| Decimal::ZERO),
                )
            }
            Ok(ev) => {
                detail.status = projected_or_scored;
                let points = ev.points;
                detail.working = Some(ev);
                (detail, points, n.max, appraised)
            }
            Err(message) => {
                self.diags.push(located(message));
                (detail, Decimal::ZERO, n.max, appraised)
            }
        }
    }
}
