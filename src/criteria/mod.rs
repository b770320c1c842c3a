//! The PAR Index tree as data: areas, criteria and leaves, their maxima, scoring rules
//! and evidence requirements (format `parscore-criteria/1`, see `docs/criteria-format.md`).

mod check;
mod check_sections;
mod cond;
pub mod import;
mod load;
mod load_rule;
mod load_sections;
mod locate;
mod wording;

pub use check::check;
pub use cond::{count_coverage, Band, Cond, CountRun, Interval};
pub use load::{load_file, load_str, Loaded};
pub use wording::{describe_band, describe_count_band, describe_rule, describe_when};

use rust_decimal::Decimal;
use time::Date;

pub const FORMAT: &str = "parscore-criteria/1";

/// A whole criteria set, as read from one file.
#[derive(Clone, Debug)]
pub struct Criteria {
    /// The file it was read from, as the user named it (for messages).
    pub source: String,
    pub id: String,
    pub title: String,
    pub year: i32,
    pub total: Decimal,
    pub note: String,
    pub areas: Vec<Node>,
    /// Bonus and penalty points outside the areas (`"adjustments"`), where the file has them.
    pub adjustments: Option<Adjustments>,
    /// Result classes, best first (`"classes"`); empty when the file defines none.
    pub classes: Vec<Class>,
}

/// Bonus and penalty points (điểm thưởng / điểm trừ): items scored like leaves, applied
/// after the areas' sum, each capped at its own maximum and each section at its cap.
#[derive(Clone, Debug)]
pub struct Adjustments {
    pub max_bonus: Decimal,
    pub max_penalty: Decimal,
    /// Whether the index stops at 100 once bonus points are added.
    pub index_capped: bool,
    pub items: Vec<Adjustment>,
    /// The line of the `"adjustments"` key.
    pub line: Option<usize>,
}

/// One bonus or penalty item: a node with a rule and no children, and its direction.
#[derive(Clone, Debug)]
pub struct Adjustment {
    pub kind: AdjustmentKind,
    pub node: Node,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdjustmentKind {
    Bonus,
    Penalty,
}

impl AdjustmentKind {
    pub fn key(self) -> &'static str {
        match self {
            AdjustmentKind::Bonus => "bonus",
            AdjustmentKind::Penalty => "penalty",
        }
    }
}

/// A result class (xếp loại): reached when the index and every stated minimum are met.
#[derive(Clone, Debug)]
pub struct Class {
    pub label: String,
    /// The least index, compared at two decimals as published.
    pub min_index: Decimal,
    /// Least percentages of components: every area, or one code.
    pub minimums: Vec<Minimum>,
    /// The line of the class's `"label"`.
    pub line: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Minimum {
    pub target: Target,
    pub percent: Decimal,
}

/// What a class minimum applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Every area that applies to the unit (`"each_area"`).
    EachArea,
    /// One area, criterion or leaf.
    Code(String),
}

/// Whether a leaf is scored by the unit or measured by the sociological survey.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    SelfAssessed,
    Survey,
}

impl Method {
    pub fn key(self) -> &'static str {
        match self {
            Method::SelfAssessed => "self",
            Method::Survey => "survey",
        }
    }
}

/// One node of the tree: an area, a criterion or a leaf.
#[derive(Clone, Debug)]
pub struct Node {
    pub code: String,
    pub name: String,
    pub max: Decimal,
    pub method: Method,
    pub body: Body,
    pub evidence: Vec<EvidenceItem>,
    pub provenance: Option<String>,
    pub replaces: Vec<String>,
    /// Groups of units (the dossier's `group`) this node does not apply to.
    pub not_for: Vec<String>,
    /// The line of the node's `"code"` in its file, where it could be found.
    pub line: Option<usize>,
}

#[derive(Clone, Debug)]
pub enum Body {
    Children(Vec<Node>),
    Rule(Rule),
    /// Neither could be read; only present alongside an error from loading.
    Invalid,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceItem {
    pub what: String,
    pub required: bool,
    /// Required only when the declared value says something happened (`"required":
    /// "if_happened"`): a count above 0, or a level not marked `"none"`.
    pub if_happened: bool,
}

/// How a declared figure becomes points.
#[derive(Clone, Debug)]
pub struct Rule {
    pub kind: RuleKind,
    pub input: Option<RuleInput>,
    /// What a ratio `x/0` means (bands and ratio); `None`: refused.
    pub zero: Option<ZeroMeaning>,
    /// Whether a ratio over 100 % is capped at 100 % or refused (bands and ratio);
    /// `None`: refused.
    pub over: Option<OverHundred>,
}

impl Rule {
    pub fn new(kind: RuleKind) -> Rule {
        Rule {
            kind,
            input: None,
            zero: None,
            over: None,
        }
    }
}

/// What a ratio with nothing to count (`0/0`) is worth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZeroMeaning {
    Full,
    Zero,
    NotApplicable,
}

/// What a ratio above 100 % does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverHundred {
    Cap,
    Refuse,
}

/// How a count becomes points.
#[derive(Clone, Debug)]
pub enum CountScoring {
    /// Bands over the count ("từ 4 lần trở lên: 20 điểm").
    Bands(Vec<Band>),
    /// Points per item, capped at the maximum ("1 điểm mỗi ứng dụng, tối đa 5").
    Per(Decimal),
}

/// Where a rule's value comes from when it is not declared in `scores.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleInput {
    /// The share of the reform plan's due tasks that are done.
    PlanCompletion,
}

#[derive(Clone, Debug)]
pub enum RuleKind {
    Levels(Vec<Level>),
    Bands(Vec<Band>),
    Ratio,
    Deduct {
        per: Decimal,
    },
    Deadline {
        due: Date,
        late: Decimal,
    },
    Manual {
        step: Decimal,
    },
    /// A count of things (meetings, applications): `unit` names one ("lần").
    Count {
        unit: String,
        scoring: CountScoring,
    },
}

impl RuleKind {
    pub fn key(&self) -> &'static str {
        match self {
            RuleKind::Levels(_) => "levels",
            RuleKind::Bands(_) => "bands",
            RuleKind::Ratio => "ratio",
            RuleKind::Deduct { .. } => "deduct",
            RuleKind::Deadline { .. } => "deadline",
            RuleKind::Manual { .. } => "manual",
            RuleKind::Count { .. } => "count",
        }
    }
}

/// Points as written in a level or band: a figure, or a share of the node's maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Points {
    /// The points this resolves to for its node.
    pub value: Decimal,
    /// `Some(75)` when written as `"75%"`.
    pub percent: Option<Decimal>,
}

#[derive(Clone, Debug)]
pub struct Level {
    pub label: String,
    pub points: Points,
    /// The level that means nothing happened (`"none": true`), for conditional evidence.
    pub none: bool,
}

impl RuleKind {
    /// Levels labelled with numbers ("4", "3"…) are matched by label only: a declared "5"
    /// must not be read as the level worth 5 points.
    pub fn labels_only(&self) -> bool {
        match self {
            RuleKind::Levels(levels) => levels
                .iter()
                .any(|l| crate::number::parse_decimal(&l.label).is_some()),
            _ => false,
        }
    }
}

impl Node {
    pub fn children(&self) -> &[Node] {
        match &self.body {
            Body::Children(c) => c,
            Body::Rule(_) | Body::Invalid => &[],
        }
    }

    pub fn rule(&self) -> Option<&Rule> {
        match &self.body {
            Body::Rule(r) => Some(r),
            Body::Children(_) | Body::Invalid => None,
        }
    }

    pub fn is_leaf(&self) -> bool {
        matches!(self.body, Body::Rule(_))
    }

    /// This node and all below it, parents before children.
    pub fn walk(&self) -> Vec<&Node> {
        let mut out = vec![self];
        for c in self.children() {
            out.extend(c.walk());
        }
        out
    }

    /// Depth in the tree: an area is 1, a criterion 2, a component 3.
    pub fn depth(&self) -> usize {
        self.code.split('.').count()
    }
}

/// Counts a person checks at a glance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub areas: usize,
    pub criteria: usize,
    pub leaves: usize,
    pub self_max: Decimal,
    pub survey_max: Decimal,
}

impl Criteria {
    /// Every node, areas first in file order, parents before children.
    pub fn nodes(&self) -> Vec<&Node> {
        self.areas.iter().flat_map(Node::walk).collect()
    }

    pub fn leaves(&self) -> Vec<&Node> {
        self.nodes().into_iter().filter(|n| n.is_leaf()).collect()
    }

    /// The node with this code, found by descending the tree one code segment at a time
    /// (a child's code is its parent's plus `.N`, which the loader checks): a few steps
    /// however large the set, where a walk of every node made scoring quadratic.
    pub fn find(&self, code: &str) -> Option<&Node> {
        let mut level: &[Node] = &self.areas;
        let mut from = 0;
        loop {
            let end = code[from..].find('.').map_or(code.len(), |i| from + i);
            let Some(node) = level.iter().find(|n| n.code == code[..end]) else {
                return self.adjustment(code).map(|a| &a.node).filter(|_| from == 0);
            };
            if end == code.len() {
                return Some(node);
            }
            level = node.children();
            from = end + 1;
        }
    }

    /// The bonus or penalty item with this code.
    pub fn adjustment(&self, code: &str) -> Option<&Adjustment> {
        self.adjustments
            .as_ref()?
            .items
            .iter()
            .find(|a| a.node.code == code)
    }

    pub fn summary(&self) -> Summary {
        let leaves = self.leaves();
        let sum = |m: Method| leaves.iter().filter(|n| n.method == m).map(|n| n.max).sum();
        Summary {
            areas: self.areas.len(),
            criteria: self.areas.iter().map(|a| a.children().len()).sum(),
            leaves: leaves.len(),
            self_max: sum(Method::SelfAssessed),
            survey_max: sum(Method::Survey),
        }
    }
}
