//! Properties of scoring that must hold for any tree and any declared values: no node
//! leaves 0..max, parents are exact sums, and "not applicable" lowers the maximum by
//! exactly the leaf's maximum.

use parscore::criteria::{
    check, Adjustment, AdjustmentKind, Adjustments, Band, Body, Cond, CountScoring, Criteria,
    Level, Method, Node, OverHundred, Points, Rule, RuleKind, ZeroMeaning,
};
use parscore::dossier::{Declared, Dossier, Scores, Settings};
use parscore::scoring::{score, ScoreSheet};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::HashMap;

fn quarter(n: u32) -> Decimal {
    Decimal::new(i64::from(n) * 25, 2)
}

fn pts(value: Decimal) -> Points {
    Points {
        value,
        percent: None,
    }
}

/// A leaf rule for a maximum, chosen by `k`, and a value for it chosen by `v`.
fn leaf(code: String, max: Decimal, k: u8, v: u32, survey: bool) -> (Node, String) {
    let kind = match k % 9 {
        0 => RuleKind::Levels(vec![
            Level {
                label: "Có".into(),
                points: pts(max),
                none: false,
            },
            Level {
                label: "Một phần".into(),
                points: Points {
                    value: max / Decimal::TWO,
                    percent: Some(Decimal::from(50)),
                },
                none: false,
            },
            Level {
                label: "Không".into(),
                points: pts(Decimal::ZERO),
                none: true,
            },
        ]),
        1 => RuleKind::Bands(vec![
            Band {
                when: Cond::Gt(Decimal::from(90)),
                points: pts(max),
            },
            Band {
                when: Cond::Ge(Decimal::from(70)),
                points: pts(max / Decimal::TWO),
            },
            Band {
                when: Cond::Else,
                points: pts(Decimal::ZERO),
            },
        ]),
        2 => RuleKind::Ratio,
        3 => RuleKind::Deduct { per: quarter(1) },
        4 => RuleKind::Deadline {
            due: due_date(),
            late: max / Decimal::TWO,
        },
        5 => RuleKind::Manual { step: quarter(1) },
        6 => RuleKind::Count {
            unit: "lần".into(),
            scoring: CountScoring::Bands(vec![
                Band {
                    when: Cond::Ge(Decimal::from(4)),
                    points: pts(max),
                },
                Band {
                    when: Cond::Eq(Decimal::from(3)),
                    points: pts(max / Decimal::TWO),
                },
                Band {
                    when: Cond::Else,
                    points: pts(Decimal::ZERO),
                },
            ]),
        },
        7 => RuleKind::Count {
            unit: "ứng dụng".into(),
            scoring: CountScoring::Per(quarter(1)),
        },
        _ => RuleKind::Ratio,
    };
    // Ratios from two counts: x/0 and over 100 % under each meaning.
    let (zero, over) = match (k % 9, v % 3) {
        (8, 0) => (Some(ZeroMeaning::Full), Some(OverHundred::Cap)),
        (8, 1) => (Some(ZeroMeaning::Zero), Some(OverHundred::Cap)),
        (8, _) => (Some(ZeroMeaning::NotApplicable), Some(OverHundred::Cap)),
        _ => (None, None),
    };
    let value = match k % 9 {
        6 | 7 => (v % 12).to_string(),
        8 => ["0/0", "12/10", "3/4", "0/5"][(v % 4) as usize].to_string(),
        0 => ["Có", "một phần", "KHÔNG"][(v % 3) as usize].to_string(),
        1 | 2 => format!("{}", Decimal::new(i64::from(v % 10001), 2)),
        3 => (v % 40).to_string(),
        4 => ["10/01/2026", "2026-01-15", "20/01/2026", ""][(v % 4) as usize].to_string(),
        _ => (quarter(v) % (max + quarter(1))).to_string(),
    };
    let node = Node {
        code,
        name: "lá".into(),
        max,
        method: if survey {
            Method::Survey
        } else {
            Method::SelfAssessed
        },
        body: Body::Rule(Rule {
            zero,
            over,
            ..Rule::new(kind)
        }),
        evidence: Vec::new(),
        provenance: None,
        replaces: Vec::new(),
        not_for: Vec::new(),
        line: None,
    };
    (node, value)
}

/// The due date of generated deadline rules, and the assessment date.
fn due_date() -> time::Date {
    time::Date::from_calendar_date(2026, time::Month::January, 15).unwrap()
}

/// A generated leaf: (max in quarter points, rule kind, value seed, not applicable?).
type LeafShape = (u32, u8, u32, bool);
/// Areas of criteria of leaves.
type Shape = Vec<Vec<Vec<LeafShape>>>;

fn build(shape: Shape) -> (Criteria, HashMap<String, Declared>) {
    let mut rows = HashMap::new();
    let mut areas = Vec::new();
    for (a, criteria) in shape.iter().enumerate() {
        let acode = (a + 1).to_string();
        let survey = a == shape.len() - 1 && shape.len() > 1;
        let mut children = Vec::new();
        for (c, leaves) in criteria.iter().enumerate() {
            let ccode = format!("{acode}.{}", c + 1);
            let mut ls = Vec::new();
            for (l, (q, k, v, na)) in leaves.iter().enumerate() {
                let code = format!("{ccode}.{}", l + 1);
                let (node, value) = leaf(code.clone(), quarter(*q), *k, *v, survey);
                let value = if *na { "N/A".to_string() } else { value };
                rows.insert(
                    code.clone(),
                    Declared {
                        line: l + 2,
                        code,
                        value,
                        note: "ghi chú".into(),
                        appraised: None,
                        evidence: Vec::new(),
                        ..Default::default()
                    },
                );
                ls.push(node);
            }
            let max = ls.iter().map(|n| n.max).sum();
            children.push(Node {
                code: ccode,
                name: "tiêu chí".into(),
                max,
                method: ls[0].method,
                body: Body::Children(ls),
                evidence: Vec::new(),
                provenance: None,
                replaces: Vec::new(),
                not_for: Vec::new(),
                line: None,
            });
        }
        let max = children.iter().map(|n| n.max).sum();
        let method = children[0].method;
        areas.push(Node {
            code: acode,
            name: "lĩnh vực".into(),
            max,
            method,
            body: Body::Children(children),
            evidence: Vec::new(),
            provenance: None,
            replaces: Vec::new(),
            not_for: Vec::new(),
            line: None,
        });
    }
    let total = areas.iter().map(|n| n.max).sum();
    let c = Criteria {
        source: "gen.json".into(),
        id: "gen".into(),
        title: "gen".into(),
        year: 2026,
        total,
        note: String::new(),
        areas,
        adjustments: None,
        classes: Vec::new(),
    };
    (c, rows)
}

fn scored(c: &Criteria, rows: HashMap<String, Declared>) -> ScoreSheet {
    let d = Dossier {
        dir: "gen".into(),
        settings: Settings {
            unit: "u".into(),
            year: 2026,
            criteria: "gen.json".into(),
            group: String::new(),
            rankings: None,
            target_rank: None,
            as_of: due_date(),
        },
        criteria: c.clone(),
        scores: Scores {
            source: "scores.csv".into(),
            rows,
            has_appraised: false,
            value_cell: None,
        },
        plan: None,
    };
    let (sheet, problems) = score(&d);
    assert!(!problems.iter().any(|d| d.is_error()), "{problems:?}");
    sheet
}

/// Bonus and penalty items: (bonus?, max in quarters, per-case rule?, rate or step in
/// quarters, declared count or points in quarters).
type Items = Vec<(bool, u32, bool, u32, u32)>;

/// Adds an adjustments section to `c` and a row for each of its items to `rows`.
fn with_adjustments(
    c: &mut Criteria,
    rows: &mut HashMap<String, Declared>,
    items: &Items,
    caps: (u32, u32),
    index_capped: bool,
) {
    let mut list = Vec::new();
    for (i, (bonus, max_q, per_case, rate_q, v)) in items.iter().enumerate() {
        let code = format!("{}{}", if *bonus { "T" } else { "P" }, i + 1);
        let max = quarter(*max_q);
        let (kind, value) = if *per_case {
            let scoring = CountScoring::Per(quarter(*rate_q));
            let unit = "lần".to_string();
            (RuleKind::Count { unit, scoring }, (v % 20).to_string())
        } else {
            let step = quarter(1);
            (
                RuleKind::Manual { step },
                quarter(v % (max_q + 1)).to_string(),
            )
        };
        list.push(Adjustment {
            kind: if *bonus {
                AdjustmentKind::Bonus
            } else {
                AdjustmentKind::Penalty
            },
            node: Node {
                code: code.clone(),
                name: code.clone(),
                max,
                method: Method::SelfAssessed,
                body: Body::Rule(Rule::new(kind)),
                evidence: Vec::new(),
                provenance: None,
                replaces: Vec::new(),
                not_for: Vec::new(),
                line: None,
            },
        });
        let line = 1000 + i;
        let (note, appraised, evidence) = (String::new(), None, Vec::new());
        rows.insert(
            code.clone(),
            Declared {
                line,
                code,
                value,
                note,
                appraised,
                evidence,
                ..Default::default()
            },
        );
    }
    c.adjustments = Some(Adjustments {
        max_bonus: quarter(caps.0),
        max_penalty: quarter(caps.1),
        index_capped,
        items: list,
        line: None,
    });
}

fn shapes() -> impl Strategy<Value = Shape> {
    let leaf = (1u32..=12, 0u8..9, 0u32..100_000, prop::bool::weighted(0.1));
    prop::collection::vec(
        prop::collection::vec(prop::collection::vec(leaf, 1..5), 1..4),
        1..5,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn nodes_stay_within_their_maximum_and_parents_are_exact_sums(shape in shapes()) {
        let (c, rows) = build(shape);
        prop_assert!(check(&c).is_empty(), "{:?}", check(&c));
        let sheet = scored(&c, rows);
        for n in &sheet.nodes {
            prop_assert!(n.achieved >= Decimal::ZERO && n.achieved <= n.max, "{} {} / {}", n.code, n.achieved, n.max);
            if !n.is_leaf() {
                let children: Vec<_> = sheet.nodes.iter().filter(|k| k.depth == n.depth + 1 && k.code.starts_with(&format!("{}.", n.code))).collect();
                prop_assert_eq!(n.achieved, children.iter().map(|k| k.achieved).sum::<Decimal>());
                prop_assert_eq!(n.max, children.iter().map(|k| k.max).sum::<Decimal>());
            }
        }
        let leaves = sheet.nodes.iter().filter(|n| n.is_leaf());
        prop_assert_eq!(sheet.totals.achieved, leaves.clone().map(|n| n.achieved).sum::<Decimal>());
        prop_assert_eq!(sheet.totals.self_max + sheet.totals.survey_max, sheet.totals.max);
    }

    #[test]
    fn not_applicable_lowers_the_maximum_by_exactly_the_leaf_maximum(shape in shapes(), pick in 0usize..1000) {
        let (c, mut rows) = build(shape);
        let before = scored(&c, rows.clone());
        let applicable: Vec<String> = rows.iter().filter(|(_, r)| r.value != "N/A").map(|(k, _)| k.clone()).collect();
        prop_assume!(!applicable.is_empty());
        let mut sorted = applicable;
        sorted.sort();
        let code = &sorted[pick % sorted.len()];
        let leaf_max = before.find(code).unwrap().max;
        let leaf_points = before.find(code).unwrap().achieved;
        rows.get_mut(code).unwrap().value = "Không áp dụng".into();
        let after = scored(&c, rows);
        prop_assert_eq!(after.totals.max, before.totals.max - leaf_max);
        prop_assert_eq!(after.totals.achieved, before.totals.achieved - leaf_points);
    }

    #[test]
    fn a_not_applicable_parent_lowers_the_maximum_by_exactly_its_own_maximum(shape in shapes(), pick in 0usize..1000) {
        let (c, mut rows) = build(shape);
        let before = scored(&c, rows.clone());
        let parents: Vec<String> = c.nodes().iter().filter(|n| !n.is_leaf()).map(|n| n.code.clone()).collect();
        let code = parents[pick % parents.len()].clone();
        let (own_max, own_points) = {
            let n = before.find(&code).unwrap();
            (n.max, n.achieved)
        };
        rows.insert(code.clone(), Declared {
            line: 1000,
            code: code.clone(),
            value: "Không áp dụng".into(),
            note: "ghi chú".into(),
            appraised: None,
            evidence: Vec::new(),
            ..Default::default()
        });
        let after = scored(&c, rows);
        prop_assert_eq!(after.totals.max, before.totals.max - own_max);
        prop_assert_eq!(after.totals.achieved, before.totals.achieved - own_points);
        prop_assert_eq!(after.find(&code).unwrap().max, Decimal::ZERO);
    }

    #[test]
    fn ratio_and_descending_bands_never_give_fewer_points_for_a_higher_rate(q in 1u32..=12, a in 0u32..=10000, b in 0u32..=10000) {
        let (lo, hi) = (a.min(b), a.max(b));
        for k in [1u8, 2] {
            let (node, _) = leaf("1.1.1".into(), quarter(q), k, 0, false);
            let p = |v: u32| parscore::scoring::evaluate(&node, &Decimal::new(i64::from(v), 2).to_string()).unwrap().points;
            prop_assert!(p(lo) <= p(hi));
        }
    }

    #[test]
    fn bonus_and_penalty_stay_within_their_caps(
        shape in shapes(),
        items in prop::collection::vec((any::<bool>(), 1u32..12, any::<bool>(), 1u32..6, 0u32..40), 1..6),
        caps in (0u32..16, 0u32..16),
        index_capped in any::<bool>(),
    ) {
        let (mut c, mut rows) = build(shape);
        with_adjustments(&mut c, &mut rows, &items, caps, index_capped);
        prop_assert!(check(&c).is_empty(), "{:?}", check(&c));
        let sheet = scored(&c, rows);
        let adj = sheet.adjustments.as_ref().expect("adjustments scored");
        for i in &adj.items {
            prop_assert!(i.score.achieved >= Decimal::ZERO && i.score.achieved <= i.score.max);
        }
        let t = &sheet.totals;
        let mut applied = Vec::new();
        for (kind, cap) in [(AdjustmentKind::Bonus, adj.max_bonus), (AdjustmentKind::Penalty, adj.max_penalty)] {
            let sec = adj.section(kind, &|n| n.achieved);
            let sum: Decimal = adj.items.iter().filter(|i| i.kind == kind).map(|i| i.score.achieved).sum();
            prop_assert_eq!(sec.declared, sum);
            prop_assert!(sec.applied <= cap && sec.applied <= sum);
            prop_assert!(sec.applied == cap || sec.applied == sum);
            applied.push(sec.applied);
        }
        let mut expected = (t.achieved + applied[0] - applied[1]).max(Decimal::ZERO);
        if index_capped {
            expected = expected.min(t.max);
            prop_assert!(t.index().is_none_or(|i| i <= Decimal::ONE_HUNDRED));
        }
        prop_assert_eq!(t.points, expected);
    }
}
