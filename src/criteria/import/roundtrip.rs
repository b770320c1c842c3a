//! The round trip that proves the reading: for thousands of generated rules of every kind
//! the format can express — levels (figures and shares of the maximum, numeric labels),
//! percentage bands with every edge (`>`, `>=`, `<`, `<=`, `=`, `else`, bands covering
//! separate stretches), ratios with their 0/0, over-100 and plan options, deductions,
//! deadlines, manual ranges, counts by bands and per item, bonus and penalty items — the
//! words `criteria show` gives import back to a rule that scores every value the same.

use super::rules::parse;
use crate::criteria::{
    describe_rule, load_str, AdjustmentKind, CountScoring, Criteria, Node, Rule, RuleKind,
};
use crate::lang::Lang;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A file holding one leaf (or one bonus or penalty item) with this rule.
fn file(rule: &Value, max: &str, item: Option<AdjustmentKind>) -> String {
    let v = match item {
        None => {
            json!({ "format": crate::criteria::FORMAT, "id": "x", "title": "x", "year": 2026, "total": max,
            "areas": [ { "code": "1", "name": "Lĩnh vực", "max": max, "children": [ { "code": "1.1", "name": "Tiêu chí", "max": max, "rule": rule } ] } ] })
        }
        Some(k) => {
            json!({ "format": crate::criteria::FORMAT, "id": "x", "title": "x", "year": 2026, "total": "1",
            "areas": [ { "code": "1", "name": "Lĩnh vực", "max": "1", "children": [ { "code": "1.1", "name": "Tiêu chí", "max": "1", "rule": { "kind": "manual", "step": "1" } } ] } ],
            "adjustments": { "max_bonus": max, "max_penalty": max, "index_capped": true,
                "items": [ { "code": if k == AdjustmentKind::Bonus { "T1" } else { "P1" }, "name": "Khoản", "kind": k.key(), "max": max, "rule": rule } ] } })
        }
    };
    v.to_string()
}

fn loaded(rule: &Value, max: &str, item: Option<AdjustmentKind>) -> Option<Criteria> {
    let l = load_str(&file(rule, max, item), "sinh.json");
    if l.diagnostics.iter().any(|x| x.is_error()) {
        return None;
    }
    l.criteria
}

fn node(c: &Criteria, item: Option<AdjustmentKind>) -> &Node {
    match item {
        None => c.find("1.1").unwrap(),
        Some(_) => &c.adjustments.as_ref().unwrap().items[0].node,
    }
}

/// The points a band list gives a value (first match).
fn first(bands: &[crate::criteria::Band], v: Decimal) -> Option<crate::criteria::Points> {
    bands.iter().find(|b| b.when.matches(v)).map(|b| b.points)
}

fn probes(bands: &[&[crate::criteria::Band]], count: bool) -> Vec<Decimal> {
    let mut cuts: Vec<Decimal> = vec![Decimal::ZERO, Decimal::ONE_HUNDRED];
    for list in bands {
        cuts.extend(list.iter().filter_map(|b| b.when.threshold()));
    }
    cuts.sort();
    cuts.dedup();
    if count {
        let top = cuts.last().copied().unwrap_or_default();
        return (0..=u64::try_from(top).unwrap_or(0) + 2)
            .map(Decimal::from)
            .collect();
    }
    let mut out = cuts.clone();
    for w in cuts.windows(2) {
        out.push((w[0] + w[1]) / Decimal::TWO);
    }
    out
}

/// Whether two rules score every value the same, with the same options.
fn same(a: &Rule, b: &Rule) -> Result<(), String> {
    if (a.zero, a.over, a.input) != (b.zero, b.over, b.input) {
        return Err(format!(
            "options {:?} vs {:?}",
            (a.zero, a.over, a.input),
            (b.zero, b.over, b.input)
        ));
    }
    let ok = match (&a.kind, &b.kind) {
        (RuleKind::Levels(x), RuleKind::Levels(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.label == q.label && p.points == q.points)
        }
        (RuleKind::Bands(x), RuleKind::Bands(y)) => probes(&[x, y], false)
            .into_iter()
            .all(|v| first(x, v) == first(y, v)),
        (RuleKind::Ratio, RuleKind::Ratio) => true,
        (RuleKind::Deduct { per: p }, RuleKind::Deduct { per: q }) => p == q,
        (RuleKind::Deadline { due: a1, late: l1 }, RuleKind::Deadline { due: a2, late: l2 }) => {
            a1 == a2 && l1 == l2
        }
        (RuleKind::Manual { step: p }, RuleKind::Manual { step: q }) => p == q,
        (
            RuleKind::Count {
                unit: u1,
                scoring: s1,
            },
            RuleKind::Count {
                unit: u2,
                scoring: s2,
            },
        ) => {
            u1 == u2
                && match (s1, s2) {
                    (CountScoring::Per(p), CountScoring::Per(q)) => p == q,
                    (CountScoring::Bands(x), CountScoring::Bands(y)) => probes(&[x, y], true)
                        .into_iter()
                        .all(|v| first(x, v) == first(y, v)),
                    _ => false,
                }
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{:?}\n  vs {:?}", a.kind, b.kind))
    }
}

const MAXES: &[&str] = &["0.5", "1", "1.5", "2", "3", "4", "10", "20"];
const LABELS: &[&str] = &[
    "Có",
    "Không",
    "Ban hành kịp thời",
    "không kịp thời",
    "Đầy đủ, đúng thời gian",
    "Hoàn thành tốt",
    "Chưa đầy đủ",
    "Đáp ứng yêu cầu",
    "Không đáp ứng",
    "Thực hiện một phần",
    "Cấp thành phố",
    "4",
    "3",
    "2",
];
const UNITS: &[&str] = &[
    "lần",
    "cuộc",
    "đợt",
    "buổi",
    "văn bản",
    "ứng dụng",
    "sáng kiến",
    "báo cáo",
];
const THRESHOLDS: &[&str] = &[
    "0", "10", "25", "33.5", "50", "70", "75", "80", "90", "95", "99.5", "100",
];
const OPS: &[&str] = &[">", ">=", "<", "<=", "="];

/// Points for a node worth `max`: a figure in quarters, or a share of it.
fn points(max: &str) -> impl Strategy<Value = String> {
    let quarters = (d(max) * Decimal::from(4))
        .to_string()
        .parse::<u32>()
        .unwrap_or(4);
    prop_oneof![
        (0..=quarters).prop_map(|q| (Decimal::from(q) / Decimal::from(4))
            .normalize()
            .to_string()),
        prop::sample::select(vec!["25%", "50%", "75%", "100%", "0%"]).prop_map(str::to_string),
    ]
}

fn options() -> impl Strategy<Value = (Option<&'static str>, Option<&'static str>, bool)> {
    (
        prop::option::of(prop::sample::select(vec!["full", "zero", "not_applicable"])),
        prop::option::of(prop::sample::select(vec!["cap", "refuse"])),
        any::<bool>(),
    )
}

fn with_options(mut rule: Value, o: (Option<&str>, Option<&str>, bool)) -> Value {
    if let Some(z) = o.0 {
        rule["nothing_to_count"] = json!(z);
    }
    if let Some(v) = o.1 {
        rule["over_100"] = json!(v);
    }
    if o.2 {
        rule["input"] = json!("plan.completion");
    }
    rule
}

/// Band conditions over `thresholds`, then sometimes `else`.
fn conds(thresholds: &'static [&'static str], count: bool) -> impl Strategy<Value = Vec<String>> {
    let one = (
        prop::sample::select(OPS.to_vec()),
        prop::sample::select(thresholds.to_vec()),
    )
        .prop_map(|(op, t)| format!("{op}{t}"));
    (
        prop::collection::vec(one, 1..5),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(move |(mut list, sorted, with_else)| {
            if sorted {
                // Top down, as most tables write them.
                list.sort_by_key(|c| std::cmp::Reverse(d(c.trim_start_matches(['>', '<', '=']))));
            }
            if with_else || count {
                list.push("else".into());
            }
            list
        })
}

const COUNTS: &[&str] = &["0", "1", "2", "3", "4", "5", "8"];

/// A rule of any kind for a node worth `max`, as the format writes it.
fn rule(max: &'static str) -> impl Strategy<Value = Value> {
    let p = || points(max);
    prop_oneof![
        prop::collection::vec((prop::sample::select(LABELS.to_vec()), p()), 1..5).prop_map(
            |ls| json!({ "kind": "levels", "levels": ls.iter().map(|(l, p)| json!({ "label": l, "points": p })).collect::<Vec<_>>() })
        ),
        (conds(THRESHOLDS, false), prop::collection::vec(p(), 5), options()).prop_map(|(c, pts, o)| {
            let bands: Vec<Value> = c.iter().zip(pts.iter().cycle()).map(|(w, p)| json!({ "when": w, "points": p })).collect();
            with_options(json!({ "kind": "bands", "bands": bands }), o)
        }),
        options().prop_map(|o| with_options(json!({ "kind": "ratio" }), o)),
        prop::sample::select(vec!["0.25", "0.5", "1"]).prop_map(|per| json!({ "kind": "deduct", "per": per })),
        (1u8..=12, 1u8..=28, p()).prop_map(|(m, day, late)| json!({ "kind": "deadline", "due": format!("2026-{m:02}-{day:02}"), "late": late })),
        prop::sample::select(vec!["0.25", "0.5", "0.01", "1"]).prop_map(|step| json!({ "kind": "manual", "step": step })),
        (conds(COUNTS, true), prop::collection::vec(p(), 6), prop::sample::select(UNITS.to_vec())).prop_map(|(c, pts, unit)| {
            let bands: Vec<Value> = c.iter().zip(pts.iter().cycle()).map(|(w, p)| json!({ "when": w, "points": p })).collect();
            json!({ "kind": "count", "unit": unit, "bands": bands })
        }),
        (prop::sample::select(vec!["0.25", "0.5", "1"]), prop::sample::select(UNITS.to_vec()))
            .prop_map(|(per, unit)| json!({ "kind": "count", "unit": unit, "per": per })),
    ]
}

fn case() -> impl Strategy<Value = (Value, &'static str, Option<AdjustmentKind>)> {
    prop::sample::select(MAXES.to_vec()).prop_flat_map(|max| {
        (
            rule(max),
            Just(max),
            prop_oneof![
                6 => Just(None),
                1 => Just(Some(AdjustmentKind::Bonus)),
                1 => Just(Some(AdjustmentKind::Penalty)),
            ],
        )
    })
}

/// One case: `Ok(false)` when the generated rule is not a valid one (skipped).
fn round_trip(rule: &Value, max: &str, item: Option<AdjustmentKind>) -> Result<bool, String> {
    let Some(original) = loaded(rule, max, item) else {
        return Ok(false);
    };
    let n = node(&original, item);
    let words = describe_rule(n, Lang::Vi);
    let reading = parse(&words, n.max, item);
    let Some(back) = reading.rule else {
        return Err(format!(
            "{rule}\n  shown as \"{words}\"\n  not read back: {:?}",
            reading.why.map(|t| t.vi)
        ));
    };
    if !reading.assumed.is_empty() {
        return Err(format!(
            "\"{words}\" read with an assumption: {:?}",
            reading.assumed
        ));
    }
    let Some(again) = loaded(&back, max, item) else {
        return Err(format!(
            "\"{words}\" read back as {back}, which does not check"
        ));
    };
    same(n.rule().unwrap(), node(&again, item).rule().unwrap())
        .map(|()| true)
        .map_err(|e| format!("\"{words}\" read back as {back}: {e}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, max_global_rejects: 200_000, ..ProptestConfig::default() })]

    #[test]
    fn every_rule_criteria_show_words_imports_back_to_the_same_rule((rule, max, item) in case()) {
        let valid = round_trip(&rule, max, item).map_err(TestCaseError::fail)?;
        prop_assume!(valid);
    }
}

#[test]
fn the_property_covers_every_kind_and_edge() {
    // A few cases written out, so a failure names them plainly.
    let cases = [
        json!({ "kind": "bands", "bands": [ { "when": "=50", "points": "1" }, { "when": ">40", "points": "2" }, { "when": "else", "points": "0" } ] }),
        json!({ "kind": "bands", "bands": [ { "when": "<=10", "points": "0" }, { "when": "<90", "points": "1" }, { "when": "else", "points": "2" } ], "nothing_to_count": "full", "over_100": "cap", "input": "plan.completion" }),
        json!({ "kind": "count", "unit": "lần", "bands": [ { "when": ">=4", "points": "20" }, { "when": "=3", "points": "15" }, { "when": ">0", "points": "5" }, { "when": "else", "points": "0" } ] }),
        json!({ "kind": "levels", "levels": [ { "label": "4", "points": "20" }, { "label": "3", "points": "15" }, { "label": "Không", "points": "0" } ] }),
    ];
    for c in cases {
        assert_eq!(round_trip(&c, "20", None), Ok(true), "{c}");
    }
    let item = json!({ "kind": "count", "unit": "báo cáo", "per": "0.25" });
    assert_eq!(
        round_trip(&item, "1", Some(AdjustmentKind::Penalty)),
        Ok(true)
    );
}
