//! "condition: points" segments — percentage bands, count bands or labelled levels — and
//! the points written after a colon ("2 điểm", "1đ", "0,5đ", "Điểm tối đa", "75% điểm",
//! "trừ 50% điểm", "1/2 × điểm tối đa"), every token used.

use super::bands::{conditions, Domain, Stated};
use super::rules::{plain, Clause, Reading, COUNT_UNITS};
use super::stated::{condition, CountUnit};
use super::tokens::{show, Cur, Tok};
use crate::number::{round2, show_exact};
use crate::text;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

/// Points as a plain figure: "2 điểm", "02 điểm", "1đ", "0,5", "điểm tối đa".
pub(super) fn fixed_points(toks: &[Tok], max: Decimal) -> Option<Decimal> {
    match points(toks, max)? {
        Pts::Fixed(p) => Some(p),
        Pts::Share(_) => None,
    }
}

enum Pts {
    Fixed(Decimal),
    /// A share of the maximum, in percent.
    Share(Decimal),
}

/// Points as written after the colon: a figure, the maximum, a share of it, or the maximum
/// less a figure or a share. Every token must be used.
fn points(toks: &[Tok], max: Decimal) -> Option<Pts> {
    let mut c = Cur::new(toks);
    c.any(&[
        "được tính",
        "được chấm",
        "được",
        "tính",
        "chấm",
        "cho",
        "đạt",
    ]);
    let at = c.at;
    if c.any(&["điểm tối đa", "tối đa", "số điểm tối đa"]) && c.done() {
        return Some(Pts::Fixed(max));
    }
    c.at = at;
    if c.words("trừ") {
        if let Some(p) = c.pct() {
            c.any(&["số điểm", "điểm"]);
            return (c.done() && p <= Decimal::ONE_HUNDRED)
                .then(|| Pts::Share(Decimal::ONE_HUNDRED - p));
        }
        let n = c.num()?;
        return (c.any(&["điểm", "đ"]) && c.done() && n <= max).then(|| Pts::Fixed(max - n));
    }
    if let Some(p) = c.pct() {
        c.any(&["số điểm tối đa", "điểm tối đa", "số điểm", "điểm"]);
        if c.sym('(') {
            let n = c.num()?;
            if !(c.any(&["điểm", "đ"]) && c.sym(')')) || round2(p * max / Decimal::ONE_HUNDRED) != n
            {
                return None;
            }
        }
        return (c.done() && p <= Decimal::ONE_HUNDRED).then_some(Pts::Share(p));
    }
    let n = c.num()?;
    if c.sym('/') {
        let b = c.num()?;
        if !(c.sym('x') && c.any(&["điểm tối đa", "số điểm tối đa"]) && c.done()) || b.is_zero()
        {
            return None;
        }
        let share = n / b * Decimal::ONE_HUNDRED;
        return (share == share.round_dp(2) && share <= Decimal::ONE_HUNDRED)
            .then_some(Pts::Share(share));
    }
    c.any(&["điểm", "đ"]);
    (c.done() && n <= max).then_some(Pts::Fixed(n))
}

fn pts_json(p: &Pts) -> Value {
    match p {
        Pts::Fixed(n) => json!(plain(*n)),
        Pts::Share(s) => json!(format!("{}%", plain(*s))),
    }
}

/// "condition: points" segments: percentage bands, count bands or levels.
pub(super) fn segments(main: &[&Clause], max: Decimal) -> Reading {
    let mut split = Vec::new();
    for c in main {
        let Some(colon) = c.toks.iter().rposition(|t| t.is_sym(':')) else {
            return Reading::not(text!(
                vi: "không đọc hết được \"{w}\": không phải dạng \"điều kiện: số điểm\" hay một cách tính đã biết",
                en: "cannot account for \"{w}\": neither \"condition: points\" nor a known rule",
                w = show(c.toks)
            ));
        };
        let Some(p) = points(&c.toks[colon + 1..], max) else {
            let w = show(&c.toks[colon + 1..]);
            let above = match points(&c.toks[colon + 1..], Decimal::MAX) {
                Some(Pts::Fixed(n)) => Some(n),
                _ => None,
            };
            return Reading::not(match above {
                Some(n) => {
                    let (mv, me) = (
                        show_exact(max, crate::lang::Lang::Vi),
                        show_exact(max, crate::lang::Lang::En),
                    );
                    let (nv, ne) = (
                        show_exact(n, crate::lang::Lang::Vi),
                        show_exact(n, crate::lang::Lang::En),
                    );
                    text!(
                        vi: "mức {nv} điểm vượt điểm tối đa {mv}",
                        en: "a level worth {ne} points exceeds the maximum {me}"
                    )
                }
                None => text!(
                    vi: "không đọc được số điểm \"{w}\"",
                    en: "cannot read the points \"{w}\""
                ),
            });
        };
        let mut a = 0;
        // Lettered options: "a) Có", "- Không".
        if matches!((c.toks.first(), c.toks.get(1)), (Some(Tok::Word(w)), Some(Tok::Sym(')'))) if w.chars().count() == 1)
        {
            a = 2;
        } else if c
            .toks
            .first()
            .is_some_and(|t| t.is_sym('-') || t.is_sym('+') || t.is_sym('•'))
        {
            a = 1;
        }
        split.push((&c.toks[a..colon], c.written(a, colon), p));
    }
    let labels: Vec<String> = split.iter().map(|(_, l, _)| l.clone()).collect();
    // "Mọi giá trị" is what `criteria show` writes for one band over every percentage.
    let every = |t: &[Tok]| {
        t.len() == 3 && t[0].is_word("mọi") && t[1].is_word("giá") && t[2].is_word("trị")
    };
    let has_pct = split
        .iter()
        .any(|(t, _, _)| every(t) || t.iter().any(|x| matches!(x, Tok::Pct(_))));
    let counted = split.iter().any(|(t, _, _)| {
        t.windows(2).any(|w| {
            matches!(w[0], Tok::Num(_))
                && COUNT_UNITS
                    .iter()
                    .any(|u| u.split(' ').next().is_some_and(|f| w[1].is_word(f)))
        })
    });
    let units = CountUnit(COUNT_UNITS);
    if has_pct || counted {
        let domain = if has_pct {
            Domain::Percent
        } else {
            Domain::Count
        };
        let mut unit = None;
        let mut sets = Vec::new();
        for (t, _, _) in &split {
            let t: Vec<Tok> = percent_ranges(t, domain);
            match condition(&t, domain, &units, &mut unit) {
                Ok(s) => sets.push(s),
                Err(why) => return Reading::not(why),
            }
        }
        let mut pts: Vec<Value> = split.iter().map(|(_, _, p)| pts_json(p)).collect();
        let mut labels = labels;
        let mut assumed = Vec::new();
        if domain == Domain::Count {
            top_goes_on(&mut sets);
            if !sets
                .iter()
                .any(|s| matches!(s, Stated::Rest) || covers_zero(s))
            {
                let least = least_stated(&sets);
                let u = unit.clone().unwrap_or_else(|| "lần".into());
                let (lv, le) = (format!("{least} {u}"), format!("{least} ({u})"));
                assumed.push(text!(
                    vi: "bảng không nói số điểm khi dưới {lv}: coi là 0 điểm",
                    en: "the table does not say what fewer than {le} scores: taken as 0 points"
                ));
                sets.push(Stated::Rest);
                pts.push(json!("0"));
                labels.push("còn lại".into());
            }
        }
        let conds = match conditions(&sets, domain, &labels) {
            Ok(c) => c,
            Err(why) => return Reading::not(why),
        };
        let bands: Vec<Value> = conds
            .iter()
            .map(|(i, c)| json!({ "when": when(c), "points": pts[*i] }))
            .collect();
        let rule = match domain {
            Domain::Percent => json!({ "kind": "bands", "bands": bands }),
            Domain::Count => {
                json!({ "kind": "count", "unit": unit.unwrap_or_else(|| "lần".into()), "bands": bands })
            }
        };
        return Reading {
            rule: Some(rule),
            assumed,
            why: None,
        };
    }
    let mut levels = Vec::new();
    for (t, label, p) in &split {
        if t.is_empty() || label.trim().is_empty() {
            return Reading::not(text!(vi: "một mức không có tên", en: "a level has no label"));
        }
        if t.iter().any(|x| x.is_word("mỗi")) {
            return Reading::not(text!(
                vi: "mức \"{label}\" tính theo từng trường hợp (\"mỗi\") nhưng không đọc được số điểm mỗi trường hợp",
                en: "the level \"{label}\" counts per case (\"mỗi\") but the points per case cannot be read"
            ));
        }
        let mut o = Map::new();
        o.insert("label".into(), json!(label.trim()));
        o.insert("points".into(), pts_json(p));
        levels.push(Value::Object(o));
    }
    Reading::exact(json!({ "kind": "levels", "levels": levels }))
}

/// "từ 70 - 90%": the first number of a range takes the second's `%`.
fn percent_ranges(t: &[Tok], domain: Domain) -> Vec<Tok> {
    let mut out = t.to_vec();
    if domain != Domain::Percent {
        return out;
    }
    for i in 0..out.len() {
        if let Tok::Num(n) = out[i] {
            let next = out.get(i + 1);
            let joined = next.is_some_and(|x| x.is_sym('-') || x.is_word("đến"))
                && (matches!(out.get(i + 2), Some(Tok::Pct(_)))
                    || (out.get(i + 2).is_some_and(|x| x.is_word("dưới"))
                        && matches!(out.get(i + 3), Some(Tok::Pct(_)))));
            if joined {
                out[i] = Tok::Pct(n);
            }
        }
    }
    out
}

/// A count written alone at the top ("Họp 4 lần/năm: 20 điểm") means that many or more.
fn top_goes_on(sets: &mut [Stated]) {
    if sets.iter().any(|s| matches!(s, Stated::Rest)) {
        return;
    }
    let highest = sets
        .iter()
        .filter_map(|s| match s {
            Stated::Set { ivs, .. } => ivs.iter().map(|v| v.hi.unwrap_or(Decimal::MAX)).max(),
            Stated::Rest => None,
        })
        .max();
    for s in sets.iter_mut() {
        if let Stated::Set {
            ivs,
            bare: true,
            open,
            ..
        } = s
        {
            if ivs.len() == 1 && ivs[0].hi == highest {
                ivs[0].hi = None;
                *open = true;
            }
        }
    }
}

fn covers_zero(s: &Stated) -> bool {
    matches!(s, Stated::Set { ivs, .. } if ivs.iter().any(|v| v.lo.is_zero() && v.lo_closed))
}

fn least_stated(sets: &[Stated]) -> Decimal {
    sets.iter()
        .filter_map(|s| match s {
            Stated::Set { ivs, .. } => ivs.iter().map(|v| v.lo).min(),
            Stated::Rest => None,
        })
        .min()
        .unwrap_or_default()
}

fn when(c: &crate::criteria::Cond) -> String {
    use crate::criteria::Cond;
    match c {
        Cond::Gt(t) => format!(">{}", plain(*t)),
        Cond::Ge(t) => format!(">={}", plain(*t)),
        Cond::Lt(t) => format!("<{}", plain(*t)),
        Cond::Le(t) => format!("<={}", plain(*t)),
        Cond::Eq(t) => format!("={}", plain(*t)),
        Cond::Else => "else".into(),
    }
}
