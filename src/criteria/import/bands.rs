//! Band conditions read as the stretch of values they state, then written as the ordered
//! `when` conditions of the criteria format. "từ 80% đến dưới 100%" states [80, 100);
//! the stretches of a rule must not overlap (unless a later one is an open "trên …" or "từ
//! … trở lên" that only takes what is left), must cover every value, and each must be
//! reachable; then each band gets the first condition that, after the bands before it,
//! matches exactly its stretch. Anything else is not read: the reason says why.

use crate::criteria::Cond;
use crate::lang::Text;
use crate::number::show_exact;
use crate::text;
use rust_decimal::Decimal;

/// What the values are: percentages in 0..100, or whole counts of a unit from 0 up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Domain {
    Percent,
    Count,
}

/// One stretch with open or closed ends; `hi: None` goes on for ever (counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Iv {
    pub lo: Decimal,
    pub lo_closed: bool,
    pub hi: Option<Decimal>,
    pub hi_closed: bool,
}

/// What a condition states: stretches, or what the bands before it left (`còn lại`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Stated {
    Set {
        ivs: Vec<Iv>,
        /// An open half-line ("trên 90%", "từ 70% trở lên", "dưới 50%"): it may follow a
        /// band that took part of it, as a first-match list reads.
        open: bool,
        /// A count written alone ("4 lần"): the top band goes on from it (see `rules`).
        bare: bool,
    },
    Rest,
}

/// The greatest value the domain has (100 %), none for counts.
pub(super) fn top(domain: Domain) -> Option<Decimal> {
    match domain {
        Domain::Percent => Some(Decimal::ONE_HUNDRED),
        Domain::Count => None,
    }
}

/// Probe values that stand for every region where a stated set can change.
fn probes(sets: &[Stated], domain: Domain) -> Vec<Decimal> {
    let mut cuts: Vec<Decimal> = vec![Decimal::ZERO];
    for s in sets {
        if let Stated::Set { ivs, .. } = s {
            for v in ivs {
                cuts.push(v.lo);
                cuts.extend(v.hi);
            }
        }
    }
    cuts.extend(top(domain));
    cuts.sort();
    cuts.dedup();
    match domain {
        Domain::Percent => {
            let mut out = Vec::new();
            for w in cuts.windows(2) {
                out.push(w[0]);
                out.push((w[0] + w[1]) / Decimal::TWO);
            }
            out.extend(cuts.last());
            out
        }
        Domain::Count => {
            let last = cuts.last().copied().unwrap_or_default();
            let n = u64::try_from(last).unwrap_or(0).min(100_000) + 1;
            (0..=n).map(Decimal::from).collect()
        }
    }
}

fn contains(iv: &Iv, v: Decimal) -> bool {
    let above = if iv.lo_closed { v >= iv.lo } else { v > iv.lo };
    let below = match iv.hi {
        None => true,
        Some(h) if iv.hi_closed => v <= h,
        Some(h) => v < h,
    };
    above && below
}

/// The bands' `when` conditions for stated sets, each with the index of its set, in the
/// order they are to be written (as written where that works, else top down); `Err`
/// says why the sets do not make one rule (overlap, a value no band states, a band that
/// can never apply). `rest_is_zero`: a value below every band scores 0 (said by the
/// caller), for a count rule that names only what earns points.
pub(super) fn conditions(
    sets: &[Stated],
    domain: Domain,
    labels: &[String],
) -> Result<Vec<(usize, Cond)>, Text> {
    let probes = probes(sets, domain);
    let n = sets.len();
    let mut taken = vec![false; probes.len()];
    let mut effective: Vec<Vec<bool>> = Vec::with_capacity(n);
    for (i, s) in sets.iter().enumerate() {
        let mine: Vec<bool> = match s {
            Stated::Rest => taken.iter().map(|t| !t).collect(),
            Stated::Set { ivs, open, .. } => {
                let raw: Vec<bool> = probes
                    .iter()
                    .map(|v| ivs.iter().any(|iv| contains(iv, *v)))
                    .collect();
                let clash = raw.iter().zip(&taken).any(|(r, t)| *r && *t);
                if clash && !open {
                    let (a, b) = (&labels[i], overlap_with(sets, i, &probes, &labels[..i]));
                    return Err(text!(
                        vi: "các mức \"{b}\" và \"{a}\" chồng lên nhau: một giá trị thuộc cả hai",
                        en: "the bands \"{b}\" and \"{a}\" overlap: a value falls in both"
                    ));
                }
                raw.iter().zip(&taken).map(|(r, t)| *r && !t).collect()
            }
        };
        if !mine.iter().any(|m| *m) {
            let a = &labels[i];
            return Err(text!(
                vi: "mức \"{a}\" không bao giờ áp dụng: các mức phía trên đã lấy hết",
                en: "the band \"{a}\" can never apply: the bands above it take every value"
            ));
        }
        for (t, m) in taken.iter_mut().zip(&mine) {
            *t |= m;
        }
        effective.push(mine);
    }
    if let Some(k) = taken.iter().position(|t| !t) {
        let v = show_exact(probes[k], crate::lang::Lang::Vi);
        let en = show_exact(probes[k], crate::lang::Lang::En);
        let (pv, pe) = match domain {
            Domain::Percent => (format!("{v}%"), format!("{en}%")),
            Domain::Count => (v.clone(), en.clone()),
        };
        return Err(text!(
            vi: "không mức nào nói giá trị {pv} được bao nhiêu điểm",
            en: "no band says what the value {pe} scores"
        ));
    }
    // In the order written; else from the top down (the middle band written first).
    let mut order: Vec<usize> = (0..n).collect();
    if let Some(conds) = greedy(&order, &effective, &probes, domain) {
        return Ok(order.into_iter().zip(conds).collect());
    }
    let lowest = |i: usize| effective[i].iter().position(|m| *m).unwrap_or(0);
    order.sort_by_key(|i| std::cmp::Reverse(lowest(*i)));
    if let Some(conds) = greedy(&order, &effective, &probes, domain) {
        return Ok(order.into_iter().zip(conds).collect());
    }
    Err(text!(
        vi: "các mức không viết được thành điều kiện theo thứ tự (một mức gồm nhiều khoảng rời nhau)",
        en: "the bands cannot be written as ordered conditions (a band covers separate stretches)"
    ))
}

/// The earlier band a set first overlaps, by its label.
fn overlap_with(sets: &[Stated], i: usize, probes: &[Decimal], labels: &[String]) -> String {
    let hits = |s: &Stated, v: Decimal| match s {
        Stated::Set { ivs, .. } => ivs.iter().any(|iv| contains(iv, v)),
        Stated::Rest => false,
    };
    (0..i)
        .find(|j| {
            probes
                .iter()
                .any(|v| hits(&sets[i], *v) && hits(&sets[*j], *v))
        })
        .map(|j| labels[j].clone())
        .unwrap_or_default()
}

/// For each band in `order`, the first candidate condition that matches its stretch and
/// nothing the bands after it own.
fn greedy(
    order: &[usize],
    effective: &[Vec<bool>],
    probes: &[Decimal],
    domain: Domain,
) -> Option<Vec<Cond>> {
    let is_cut = |k: usize| domain == Domain::Count || k.is_multiple_of(2);
    let at_top = |k: usize| domain == Domain::Count && k + 1 == probes.len();
    let mut taken = vec![false; probes.len()];
    let mut out = vec![Cond::Else; order.len()];
    for (k, &i) in order.iter().enumerate() {
        let mine = &effective[i];
        let last = k + 1 == order.len();
        let lo = mine.iter().position(|m| *m)?;
        let hi = mine.iter().rposition(|m| *m)?;
        let (lo_v, hi_v) = (probes[lo], probes[hi]);
        // A probe that is a cut (even index in percent probes) closes its end.
        let mut candidates = Vec::new();
        if last {
            candidates.push(Cond::Else);
        }
        if lo == hi && is_cut(lo) && !at_top(hi) {
            candidates.push(Cond::Eq(lo_v));
        }
        candidates.push(if is_cut(lo) {
            Cond::Ge(lo_v)
        } else {
            Cond::Gt(probes[lo - 1])
        });
        if !at_top(hi) {
            candidates.push(if is_cut(hi) {
                Cond::Le(hi_v)
            } else {
                Cond::Lt(probes[hi + 1])
            });
        }
        let fits = |c: &Cond| {
            probes.iter().enumerate().all(|(p, v)| {
                let m = c.matches(*v);
                (mine[p] && m) || (!mine[p] && (!m || taken[p]))
            })
        };
        let chosen = candidates.into_iter().find(|c| fits(c))?;
        out[k] = chosen;
        for (t, m) in taken.iter_mut().zip(mine) {
            *t |= m;
        }
    }
    Some(out)
}
