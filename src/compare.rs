//! Year over year: areas (and leaves) across several scored dossiers, in points and in
//! percent of each year's maximum. Leaves are matched by code, or through the later
//! criteria set's `replaces` (renamed or merged leaves); anything else is not comparable.
//! A node whose maximum changed is compared in percent only. Where a year's criteria have
//! bonus and penalty points, each section after its cap is a row of its own, in points.

use crate::criteria::AdjustmentKind;
use crate::number::percent_of;
use crate::scoring::ScoreSheet;
use rust_decimal::Decimal;
use std::collections::HashSet;

/// Which figure a year is judged by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The council's appraised points (a past year).
    Appraised,
    /// Self-assessed points and the projected survey.
    Projected,
}

impl Basis {
    pub fn key(self) -> &'static str {
        match self {
            Basis::Appraised => "appraised",
            Basis::Projected => "projected",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Total,
    Area,
    Leaf,
    /// The bonus points after the section's cap (`max` is `max_bonus`).
    Bonus,
    /// The penalty points after the section's cap (`max` is `max_penalty`).
    Penalty,
}

impl Level {
    pub fn key(self) -> &'static str {
        match self {
            Level::Total => "total",
            Level::Area => "area",
            Level::Leaf => "leaf",
            Level::Bonus => "bonus",
            Level::Penalty => "penalty",
        }
    }
}

/// A node's figure in one year; `codes` are the year's codes it sums (several when merged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub codes: Vec<String>,
    pub achieved: Decimal,
    pub max: Decimal,
    /// The maximum of the leaves under these codes that nobody has scored yet: points that
    /// are not lost, only not counted.
    pub unscored: Decimal,
}

impl Cell {
    pub fn percent(&self) -> Option<Decimal> {
        percent_of(self.achieved, self.max)
    }
}

impl Row {
    /// A bonus or penalty row: compared in points only, with no percentage.
    pub fn is_adjustment(&self) -> bool {
        matches!(self.level, Level::Bonus | Level::Penalty)
    }

    /// A cell's percentage of its maximum, where the row has one.
    pub fn percent(&self, cell: &Cell) -> Option<Decimal> {
        if self.is_adjustment() {
            None
        } else {
            cell.percent()
        }
    }
}

/// From one year to the next.
#[derive(Clone, Debug)]
pub struct Change {
    pub from: i32,
    pub to: i32,
    /// The change in points, when both years have the same maximum.
    pub points: Option<Decimal>,
    /// The change in percentage points, when both years have the node.
    pub percent: Option<Decimal>,
    pub comparable: bool,
    /// Why the change is partial or missing, in the order they apply; the report words them.
    pub notes: Vec<Note>,
}

/// A remark on a change from one year to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// The node is new in this year: nothing to compare with.
    NotIn(i32),
    /// The node is gone in this year.
    GoneIn(i32),
    /// Every point of the node is unscored in this year.
    UnscoredIn(i32),
    /// The node does not apply in this year.
    NotApplicableIn(i32),
    /// Codes matched across a renaming or a merge (`replaces`), joined with " + ".
    Matched {
        codes_from: String,
        from: i32,
        codes_to: String,
        to: i32,
    },
    /// Some points are unscored in this year (counted as 0).
    PartlyUnscored { year: i32, points: Decimal },
    /// The maximum changed: compared in percent only.
    MaxChanged { from: Decimal, to: Decimal },
}

#[derive(Clone, Debug)]
pub struct Row {
    pub level: Level,
    pub code: String,
    pub name: String,
    /// One per year, oldest first; `None` where the year has no matching node.
    pub cells: Vec<Option<Cell>>,
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug)]
pub struct YearInfo {
    pub year: i32,
    pub unit: String,
    pub criteria_id: String,
    pub as_of: time::Date,
    pub basis: Basis,
}

#[derive(Clone, Debug)]
pub struct Comparison {
    pub years: Vec<YearInfo>,
    pub rows: Vec<Row>,
}

fn basis(s: &ScoreSheet) -> Basis {
    if s.has_appraised {
        Basis::Appraised
    } else {
        Basis::Projected
    }
}

/// The figure a sheet gives a set of its codes (summed), by its basis.
fn cell(s: &ScoreSheet, codes: &[String]) -> Option<Cell> {
    let nodes: Vec<_> = codes.iter().filter_map(|c| s.find(c)).collect();
    if nodes.is_empty() {
        return None;
    }
    let value = |n: &crate::scoring::NodeScore| match basis(s) {
        Basis::Appraised => n.appraised.unwrap_or_default(),
        Basis::Projected => n.achieved,
    };
    Some(Cell {
        codes: nodes.iter().map(|n| n.code.clone()).collect(),
        achieved: nodes.iter().map(|n| value(n)).sum(),
        max: nodes.iter().map(|n| n.max).sum(),
        unscored: nodes.iter().map(|n| unscored_under(s, &n.code)).sum(),
    })
}

/// The maximum of the unscored leaves at or under a code.
pub fn unscored_under(s: &ScoreSheet, code: &str) -> Decimal {
    s.branch(code)
        .iter()
        .filter(|n| {
            n.leaf
                .as_ref()
                .is_some_and(|l| l.status == crate::scoring::Status::Unscored)
        })
        .map(|n| n.max)
        .sum()
}

fn total_cell(s: &ScoreSheet) -> Cell {
    let t = &s.totals;
    Cell {
        unscored: s.unscored().map(|n| n.max).sum(),
        codes: Vec::new(),
        // The index's numerator: with bonus and penalty points where the criteria has them.
        achieved: match basis(s) {
            Basis::Appraised => t.appraised_points.unwrap_or_default(),
            Basis::Projected => t.points,
        },
        max: t.max,
    }
}

/// A year's bonus or penalty after its cap, by its basis; `None` without adjustments.
fn adjustment_cell(s: &ScoreSheet, kind: AdjustmentKind) -> Option<Cell> {
    let adj = s.adjustments.as_ref()?;
    let b = basis(s);
    let section = adj.section(kind, &|n| match b {
        Basis::Appraised => n.appraised.unwrap_or_default(),
        Basis::Projected => n.achieved,
    });
    Some(Cell {
        codes: Vec::new(),
        achieved: section.applied,
        max: match kind {
            AdjustmentKind::Bonus => adj.max_bonus,
            AdjustmentKind::Penalty => adj.max_penalty,
        },
        unscored: Decimal::ZERO,
    })
}

/// The codes of `earlier` that a node of the later year stands for: the ones its
/// `replaces` names that exist there, else its own code.
fn predecessors(code: &str, replaces: &[String], earlier: &ScoreSheet) -> Vec<String> {
    let named: Vec<String> = replaces
        .iter()
        .filter(|c| earlier.find(c).is_some())
        .cloned()
        .collect();
    if !named.is_empty() {
        return named;
    }
    if earlier.find(code).is_some() {
        vec![code.to_string()]
    } else {
        Vec::new()
    }
}

/// The figures of `code` of year `start` and of what it stands for in every earlier year,
/// marking those codes as used.
fn trace(
    sheets: &[(&ScoreSheet, &crate::criteria::Criteria)],
    start: usize,
    code: &str,
    used: &mut [HashSet<String>],
) -> Vec<Option<Cell>> {
    let mut cells = vec![None; sheets.len()];
    let mut codes = vec![code.to_string()];
    for j in (0..=start).rev() {
        let (s, _) = sheets[j];
        if j < start {
            let (_, later_criteria) = sheets[j + 1];
            let mut back = Vec::new();
            for c in &codes {
                let replaces = later_criteria
                    .find(c)
                    .map(|x| x.replaces.clone())
                    .unwrap_or_default();
                for p in predecessors(c, &replaces, s) {
                    if !back.contains(&p) {
                        back.push(p);
                    }
                }
            }
            codes = back;
        }
        if codes.is_empty() {
            break;
        }
        used[j].extend(codes.iter().cloned());
        cells[j] = cell(s, &codes);
    }
    cells
}

/// Compares sheets (any order; sorted by year here), each with its criteria set.
pub fn compare(sheets: &[(&ScoreSheet, &crate::criteria::Criteria)], detail: bool) -> Comparison {
    let mut sheets: Vec<_> = sheets.to_vec();
    sheets.sort_by_key(|(s, _)| s.year);
    let years: Vec<YearInfo> = sheets
        .iter()
        .map(|(s, _)| YearInfo {
            year: s.year,
            unit: s.unit.clone(),
            criteria_id: s.criteria_id.clone(),
            as_of: s.as_of,
            basis: basis(s),
        })
        .collect();
    let n = sheets.len();
    let mut rows = vec![Row {
        level: Level::Total,
        code: String::new(),
        name: String::new(),
        cells: sheets.iter().map(|(s, _)| Some(total_cell(s))).collect(),
        changes: Vec::new(),
    }];
    // Rows keyed by the latest year's nodes, traced back year by year; then the nodes of
    // earlier years that no later node stands for, latest first, traced back the same way.
    let wanted = |depth: usize, leaf: bool| depth == 1 || (detail && leaf);
    let mut used: Vec<HashSet<String>> = vec![HashSet::new(); n];
    for start in (0..n).rev() {
        let (s, _) = sheets[start];
        for node in s.nodes.iter().filter(|x| wanted(x.depth, x.is_leaf())) {
            if used[start].contains(&node.code) {
                continue;
            }
            let cells = trace(&sheets, start, &node.code, &mut used);
            rows.push(Row {
                level: if node.depth == 1 {
                    Level::Area
                } else {
                    Level::Leaf
                },
                code: node.code.clone(),
                name: node.name.clone(),
                cells,
                changes: Vec::new(),
            });
        }
    }
    // Bonus and penalty after the areas, when any year's criteria have them.
    if sheets.iter().any(|(s, _)| s.adjustments.is_some()) {
        for (level, kind) in [
            (Level::Bonus, AdjustmentKind::Bonus),
            (Level::Penalty, AdjustmentKind::Penalty),
        ] {
            rows.push(Row {
                level,
                code: String::new(),
                name: String::new(),
                cells: sheets
                    .iter()
                    .map(|(s, _)| adjustment_cell(s, kind))
                    .collect(),
                changes: Vec::new(),
            });
        }
    }
    for row in &mut rows {
        let adjustment = row.is_adjustment();
        row.changes = (1..n)
            .map(|j| {
                if adjustment {
                    return adjustment_change(
                        years[j - 1].year,
                        years[j].year,
                        &row.cells[j - 1],
                        &row.cells[j],
                    );
                }
                change(
                    years[j - 1].year,
                    years[j].year,
                    &row.cells[j - 1],
                    &row.cells[j],
                )
            })
            .collect();
    }
    Comparison { years, rows }
}

/// Bonus and penalty are compared in points, whatever their caps; a year without them has
/// nothing to compare (and no note: its criteria simply have no such section).
fn adjustment_change(from: i32, to: i32, a: &Option<Cell>, b: &Option<Cell>) -> Change {
    let points = match (a, b) {
        (Some(a), Some(b)) => Some(b.achieved - a.achieved),
        _ => None,
    };
    Change {
        from,
        to,
        points,
        percent: None,
        comparable: points.is_some(),
        notes: Vec::new(),
    }
}

fn change(from: i32, to: i32, a: &Option<Cell>, b: &Option<Cell>) -> Change {
    let not_comparable = |note: Option<Note>| Change {
        from,
        to,
        points: None,
        percent: None,
        comparable: false,
        notes: note.into_iter().collect(),
    };
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a, b),
        (None, Some(_)) => return not_comparable(Some(Note::NotIn(from))),
        (Some(_), None) => return not_comparable(Some(Note::GoneIn(to))),
        (None, None) => return not_comparable(None),
    };
    let all_unscored = |c: &Cell| c.unscored > Decimal::ZERO && c.unscored == c.max;
    if all_unscored(a) || all_unscored(b) {
        let y = if all_unscored(a) { from } else { to };
        return not_comparable(Some(Note::UnscoredIn(y)));
    }
    if a.max.is_zero() || b.max.is_zero() {
        let y = if a.max.is_zero() { from } else { to };
        return not_comparable(Some(Note::NotApplicableIn(y)));
    }
    let percent = match (a.percent(), b.percent()) {
        (Some(x), Some(y)) => Some(y - x),
        _ => None,
    };
    let mut notes: Vec<Note> = Vec::new();
    if a.codes.len() > 1 || b.codes.len() > 1 || (a.codes != b.codes && !a.codes.is_empty()) {
        notes.push(Note::Matched {
            codes_from: a.codes.join(" + "),
            from,
            codes_to: b.codes.join(" + "),
            to,
        });
    }
    for (cell, year) in [(a, from), (b, to)] {
        if cell.unscored > Decimal::ZERO {
            notes.push(Note::PartlyUnscored {
                year,
                points: cell.unscored,
            });
        }
    }
    let points = if a.max == b.max {
        Some(b.achieved - a.achieved)
    } else {
        notes.push(Note::MaxChanged {
            from: a.max,
            to: b.max,
        });
        None
    };
    Change {
        from,
        to,
        points,
        percent,
        comparable: percent.is_some(),
        notes,
    }
}
