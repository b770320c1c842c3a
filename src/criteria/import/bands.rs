//! Band conditions read as the stretch of values they state, then written as the ordered
//! `when` conditions of the criteria format. "từ 80% đến dưới 100%" states [80, 100);
//! the stretches of a rule must not overlap (unless a later one is an open "trên …" or "từ
//! … trở lên" that only takes what is left), must cover every value, and each must be
//! reachable; then each band gets the first condition that, after the bands before it,
//! matches exactly its stretch. Anything else is not read: the reason says why.

use super::tokens::{neutral, show, Cur, Tok};
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

fn top(domain: Domain) -> Option<Decimal> {
    match domain {
        Domain::Percent => Some(Decimal::ONE_HUNDRED),
        Domain::Count => None,
    }
}

/// The unit a count condition names ("lần"), where the domain is counts.
pub(super) struct CountUnit<'a>(pub &'a [&'a str]);

/// A condition's tokens read as what it states; `Err` says what could not be read.
pub(super) fn condition(
    toks: &[Tok],
    domain: Domain,
    units: &CountUnit,
    unit: &mut Option<String>,
) -> Result<Stated, Text> {
    let mut c = Cur::new(toks);
    c.plain_words(&|w| w == "các" || w == "trường" || w == "hợp");
    let at = c.at;
    if c.any(&["còn lại", "khác", "không đạt"]) && c.done() {
        return Ok(Stated::Rest);
    }
    c.at = at;
    if c.words("mọi giá trị") && c.done() {
        return Ok(Stated::Set {
            ivs: vec![full(domain)],
            open: false,
            bare: false,
        });
    }
    // Pieces joined by "hoặc" state their union.
    let pieces: Vec<&[Tok]> = toks.split(|t| t.is_word("hoặc")).collect();
    if pieces.len() > 1 {
        let mut ivs = Vec::new();
        for p in pieces {
            match condition(p, domain, units, unit)? {
                Stated::Set { ivs: more, .. } => ivs.extend(more),
                Stated::Rest => return Err(leftover(toks)),
            }
        }
        return Ok(Stated::Set {
            ivs,
            open: false,
            bare: false,
        });
    }
    one(toks, domain, units, unit)
}

fn full(domain: Domain) -> Iv {
    Iv {
        lo: Decimal::ZERO,
        lo_closed: true,
        hi: top(domain),
        hi_closed: true,
    }
}

fn leftover(toks: &[Tok]) -> Text {
    let words = show(toks);
    text!(
        vi: "không đọc hết được điều kiện \"{words}\"",
        en: "cannot account for every word of the condition \"{words}\""
    )
}

/// One condition without "hoặc": [subject] comparison number [đến [dưới] number] [tail].
fn one(
    toks: &[Tok],
    domain: Domain,
    units: &CountUnit,
    unit: &mut Option<String>,
) -> Result<Stated, Text> {
    let is_number = |t: &Tok| match domain {
        Domain::Percent => matches!(t, Tok::Pct(_)),
        Domain::Count => matches!(t, Tok::Num(_)),
    };
    let Some(first) = toks.iter().position(is_number) else {
        // "Không họp": no count at all is the count 0.
        let mut c = Cur::new(toks);
        if domain == Domain::Count && c.words("không") && c.plain_words(&neutral) > 0 && c.done() {
            return Ok(point(Decimal::ZERO));
        }
        return Err(leftover(toks));
    };
    // The comparison words right before the number; the words before them name what is
    // measured and may not turn the meaning ("không", "chưa").
    let comparators: &[(&str, Cmp)] = &[
        ("lớn hơn hoặc bằng", Cmp::Ge),
        ("nhỏ hơn hoặc bằng", Cmp::Le),
        ("đạt từ", Cmp::From),
        ("đạt trên", Cmp::Above),
        ("đạt dưới", Cmp::Below),
        ("đạt", Cmp::Reach),
        ("trên", Cmp::Above),
        ("lớn hơn", Cmp::Above),
        ("cao hơn", Cmp::Above),
        ("vượt", Cmp::Above),
        ("từ", Cmp::From),
        ("dưới", Cmp::Below),
        ("nhỏ hơn", Cmp::Below),
        ("thấp hơn", Cmp::Below),
        ("chưa đạt", Cmp::Below),
        ("không quá", Cmp::Le),
        ("tối đa", Cmp::Le),
        ("bằng", Cmp::Eq),
        ("đúng", Cmp::Eq),
    ];
    let head = &toks[..first];
    let mut cmp = Cmp::Bare;
    let mut subject_end = first;
    for (phrase, kind) in comparators {
        let words: Vec<&str> = phrase.split(' ').collect();
        if words.len() <= head.len()
            && head[head.len() - words.len()..]
                .iter()
                .zip(&words)
                .all(|(t, w)| t.is_word(w))
        {
            cmp = *kind;
            subject_end = first - words.len();
            break;
        }
    }
    if cmp == Cmp::Bare {
        let syms: &[(&[char], Cmp)] = &[
            (&['>', '='], Cmp::Ge),
            (&['<', '='], Cmp::Le),
            (&['≥'], Cmp::Ge),
            (&['≤'], Cmp::Le),
            (&['>'], Cmp::Above),
            (&['<'], Cmp::Below),
            (&['='], Cmp::Eq),
        ];
        for (signs, kind) in syms {
            if signs.len() <= head.len()
                && head[head.len() - signs.len()..]
                    .iter()
                    .zip(signs.iter())
                    .all(|(t, s)| t.is_sym(*s))
            {
                cmp = *kind;
                subject_end = first - signs.len();
                break;
            }
        }
    }
    let subject = &toks[..subject_end];
    if !subject
        .iter()
        .all(|t| matches!(t, Tok::Word(w) if neutral(w) || w == "trên"))
    {
        return Err(leftover(toks));
    }
    // "trên" in the subject is never a comparison here ("trên tổng số"): no number follows.
    let mut c = Cur::new(&toks[first..]);
    let a = number(&mut c, domain, units, unit)?;
    let mut hi: Option<(Decimal, bool)> = None;
    if c.any(&["đến", "tới"]) || c.sym('-') {
        let closed = !c.any(&["dưới"]);
        if !closed && matches!(cmp, Cmp::Below | Cmp::Le | Cmp::Eq) {
            return Err(leftover(toks));
        }
        let b = number(&mut c, domain, units, unit)?;
        hi = Some((b, closed));
    }
    if domain == Domain::Count && unit.is_none() {
        // "từ 1 đến 2 lần": the unit follows the second number only.
        return Err(leftover(toks));
    }
    let up = c.words("trở lên");
    let down = !up && c.words("trở xuống");
    if domain == Domain::Count && c.sym('/') && !c.words("năm") {
        return Err(leftover(toks));
    }
    c.any(&["trong năm", "mỗi năm", "một năm"]);
    c.plain_words(&neutral);
    if !c.done() {
        return Err(leftover(toks));
    }
    let iv = |lo, lo_closed, hi: Option<Decimal>, hi_closed| Iv {
        lo,
        lo_closed,
        hi,
        hi_closed,
    };
    let ceiling = top(domain);
    let stated = match (cmp, hi, up, down) {
        (Cmp::Above | Cmp::From | Cmp::Bare | Cmp::Reach, Some((b, closed)), false, false) => {
            if b < a || (b == a && !closed) {
                return Err(text!(
                    vi: "điều kiện \"{w}\" có đầu dưới lớn hơn đầu trên",
                    en: "the condition \"{w}\" has its lower end above its upper end",
                    w = show(toks)
                ));
            }
            let lo_closed = cmp != Cmp::Above;
            Stated::Set {
                ivs: vec![iv(a, lo_closed, Some(b), closed)],
                open: false,
                bare: false,
            }
        }
        (Cmp::Above, None, false, false) => Stated::Set {
            ivs: vec![iv(a, false, ceiling, true)],
            open: true,
            bare: false,
        },
        (Cmp::From | Cmp::Ge, None, false, false)
        | (Cmp::From | Cmp::Bare | Cmp::Reach, None, true, false) => Stated::Set {
            ivs: vec![iv(a, true, ceiling, true)],
            open: true,
            bare: false,
        },
        (Cmp::Below, None, false, false) => Stated::Set {
            ivs: vec![iv(Decimal::ZERO, true, Some(a), false)],
            open: true,
            bare: false,
        },
        (Cmp::Le, None, false, false) | (Cmp::From | Cmp::Bare, None, false, true) => Stated::Set {
            ivs: vec![iv(Decimal::ZERO, true, Some(a), true)],
            open: true,
            bare: false,
        },
        (Cmp::Eq, None, false, false) => point(a),
        (Cmp::Bare | Cmp::Reach, None, false, false) => {
            // "100%" and "đạt 0%" are one value; "đạt 90%" could be exactly 90 % or 90 %
            // or more, and a count "4 lần" is exactly 4 unless it is the top (said later).
            if domain == Domain::Count {
                Stated::Set {
                    ivs: vec![iv(a, true, Some(a), true)],
                    open: false,
                    bare: true,
                }
            } else if a == Decimal::ZERO || Some(a) == ceiling {
                point(a)
            } else {
                let n = show_exact(a, crate::lang::Lang::Vi);
                let en = show_exact(a, crate::lang::Lang::En);
                return Err(text!(
                    vi: "\"{w}\" có thể hiểu là đúng {n}% hoặc từ {n}% trở lên",
                    en: "\"{w}\" could mean exactly {en}% or {en}% or more",
                    w = show(toks)
                ));
            }
        }
        _ => return Err(leftover(toks)),
    };
    if let Stated::Set { ivs, .. } = &stated {
        for v in ivs {
            let past = |x: Decimal| ceiling.is_some_and(|t| x > t) || x < Decimal::ZERO;
            if past(v.lo) || v.hi.is_some_and(past) {
                return Err(text!(
                    vi: "điều kiện \"{w}\" nằm ngoài khoảng 0–100%",
                    en: "the condition \"{w}\" lies outside 0–100%",
                    w = show(toks)
                ));
            }
        }
    }
    Ok(stated)
}

fn point(a: Decimal) -> Stated {
    Stated::Set {
        ivs: vec![Iv {
            lo: a,
            lo_closed: true,
            hi: Some(a),
            hi_closed: true,
        }],
        open: false,
        bare: false,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmp {
    Above,
    From,
    Ge,
    Below,
    Le,
    Eq,
    Reach,
    Bare,
}

/// A percentage, or a whole count followed by its unit ("4 lần"; the unit may be left
/// for the second number of "từ 1 đến 2 lần").
fn number(
    c: &mut Cur,
    domain: Domain,
    units: &CountUnit,
    unit: &mut Option<String>,
) -> Result<Decimal, Text> {
    let bad = || leftover(c.toks);
    match domain {
        Domain::Percent => c.pct().ok_or_else(bad),
        Domain::Count => {
            let n = c.num().ok_or_else(bad)?;
            if !n.fract().is_zero() {
                return Err(bad());
            }
            if let Some(u) = units.0.iter().find(|u| c.words(u)) {
                if unit.as_deref().is_some_and(|x| x != *u) {
                    return Err(text!(
                        vi: "các mức đếm những thứ khác nhau (\"{x}\" và \"{u}\")",
                        en: "the bands count different things (\"{x}\" and \"{u}\")",
                        x = unit.clone().unwrap_or_default()
                    ));
                }
                *unit = Some((*u).to_string());
            }
            Ok(n)
        }
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
