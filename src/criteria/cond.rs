//! Band conditions (`">90"`, `">=70"`, `"else"`) and what part of 0..100 each band
//! really covers once the bands before it have taken their share.

use super::Points;
use crate::number::parse_decimal;
use rust_decimal::Decimal;

/// The values a band rule is applied to: percentages.
pub const DOMAIN: (Decimal, Decimal) = (Decimal::ZERO, Decimal::ONE_HUNDRED);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cond {
    Gt(Decimal),
    Ge(Decimal),
    Lt(Decimal),
    Le(Decimal),
    Eq(Decimal),
    Else,
}

#[derive(Clone, Debug)]
pub struct Band {
    pub when: Cond,
    pub points: Points,
}

impl Cond {
    /// Reads `>90`, `>= 70`, `<5`, `=100`, `else`; a `%` after the number is allowed.
    pub fn parse(raw: &str) -> Option<Cond> {
        let s = raw.trim();
        if s.eq_ignore_ascii_case("else") {
            return Some(Cond::Else);
        }
        let (op, rest) = [">=", "<=", ">", "<", "="]
            .iter()
            .find_map(|op| s.strip_prefix(op).map(|rest| (*op, rest)))?;
        let number = rest.trim().trim_end_matches('%').trim_end();
        let n = parse_decimal(number)?;
        Some(match op {
            ">=" => Cond::Ge(n),
            "<=" => Cond::Le(n),
            ">" => Cond::Gt(n),
            "<" => Cond::Lt(n),
            _ => Cond::Eq(n),
        })
    }

    pub fn matches(self, v: Decimal) -> bool {
        match self {
            Cond::Gt(t) => v > t,
            Cond::Ge(t) => v >= t,
            Cond::Lt(t) => v < t,
            Cond::Le(t) => v <= t,
            Cond::Eq(t) => v == t,
            Cond::Else => true,
        }
    }

    pub fn threshold(self) -> Option<Decimal> {
        match self {
            Cond::Gt(t) | Cond::Ge(t) | Cond::Lt(t) | Cond::Le(t) | Cond::Eq(t) => Some(t),
            Cond::Else => None,
        }
    }
}

/// A stretch of 0..100 with open or closed ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    pub lo: Decimal,
    pub lo_closed: bool,
    pub hi: Decimal,
    pub hi_closed: bool,
}

/// Points that stand for every region where band coverage can change: the domain's ends,
/// each threshold inside it, and the midpoints between them. Conditions are half-lines
/// or single points, so testing these is exact.
fn probes(bands: &[Band]) -> Vec<Decimal> {
    let mut cuts: Vec<Decimal> = bands
        .iter()
        .filter_map(|b| b.when.threshold())
        .filter(|t| *t > DOMAIN.0 && *t < DOMAIN.1)
        .collect();
    cuts.push(DOMAIN.0);
    cuts.push(DOMAIN.1);
    cuts.sort();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len() * 2);
    for pair in cuts.windows(2) {
        out.push(pair[0]);
        out.push((pair[0] + pair[1]) / Decimal::TWO);
    }
    out.extend(cuts.last());
    out
}

/// For each band, the probes it is the first to match, as intervals; a band whose list is
/// empty can never be reached. Also returns the probes no band matches (gaps).
pub fn coverage(bands: &[Band]) -> (Vec<Vec<Interval>>, Vec<Decimal>) {
    let probes = probes(bands);
    let winner: Vec<Option<usize>> = probes
        .iter()
        .map(|v| bands.iter().position(|b| b.when.matches(*v)))
        .collect();
    let gaps = probes
        .iter()
        .zip(&winner)
        .filter(|(_, w)| w.is_none())
        .map(|(v, _)| *v)
        .collect();
    let regions = (0..bands.len())
        .map(|i| intervals_of(&probes, &winner, i))
        .collect();
    (regions, gaps)
}

/// Joins consecutive probes won by band `i` into intervals. Probes alternate between a cut
/// (even index) and the open stretch after it (odd index).
fn intervals_of(probes: &[Decimal], winner: &[Option<usize>], i: usize) -> Vec<Interval> {
    let mut out: Vec<Interval> = Vec::new();
    let mut open: Option<Interval> = None;
    for (k, (v, w)) in probes.iter().zip(winner).enumerate() {
        let is_cut = k % 2 == 0;
        if *w == Some(i) {
            let (lo, hi) = if is_cut {
                (*v, *v)
            } else {
                (probes[k - 1], probes[k + 1])
            };
            match &mut open {
                Some(iv) => {
                    iv.hi = hi;
                    iv.hi_closed = is_cut;
                }
                None => {
                    open = Some(Interval {
                        lo,
                        lo_closed: is_cut,
                        hi,
                        hi_closed: is_cut,
                    })
                }
            }
        } else if let Some(iv) = open.take() {
            out.push(iv);
        }
    }
    out.extend(open);
    out
}

/// The whole numbers a band over a count first matches, as runs `(from, to)`; `to` is
/// `None` for a run that goes on for ever. Every count from the largest threshold + 1 up
/// behaves alike, so probing 0..=that is exact.
pub type CountRun = (u64, Option<u64>);

/// For each band over a count, the runs of counts it is the first to match (empty: it can
/// never apply), and the counts no band matches.
pub fn count_coverage(bands: &[Band]) -> (Vec<Vec<CountRun>>, Vec<u64>) {
    let limit = Decimal::from(100_000u32);
    let top = bands
        .iter()
        .filter_map(|b| b.when.threshold())
        .map(|t| t.max(Decimal::ZERO).min(limit).floor())
        .max()
        .unwrap_or_default();
    let top = u64::try_from(top).unwrap_or(0) + 1;
    let winner: Vec<Option<usize>> = (0..=top)
        .map(|v| bands.iter().position(|b| b.when.matches(Decimal::from(v))))
        .collect();
    let gaps = (0..=top)
        .filter(|v| winner[*v as usize].is_none())
        .collect();
    let regions = (0..bands.len())
        .map(|i| {
            let mut runs: Vec<CountRun> = Vec::new();
            for v in 0..=top {
                if winner[v as usize] != Some(i) {
                    continue;
                }
                let end = if v == top { None } else { Some(v) };
                match runs.last_mut() {
                    Some((_, Some(to))) if *to + 1 == v => *to = end.unwrap_or(v),
                    _ => runs.push((v, end)),
                }
                if v == top {
                    if let Some(last) = runs.last_mut() {
                        last.1 = None;
                    }
                }
            }
            runs
        })
        .collect();
    (regions, gaps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn band(w: &str) -> Band {
        Band {
            when: Cond::parse(w).unwrap(),
            points: Points {
                value: Decimal::ONE,
                percent: None,
            },
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_conditions() {
        assert_eq!(Cond::parse(">90"), Some(Cond::Gt(d("90"))));
        assert_eq!(Cond::parse(">= 70%"), Some(Cond::Ge(d("70"))));
        assert_eq!(Cond::parse("=100"), Some(Cond::Eq(d("100"))));
        assert_eq!(Cond::parse("ELSE"), Some(Cond::Else));
        assert_eq!(Cond::parse("=>70"), None);
        assert_eq!(Cond::parse("about 70"), None);
        assert_eq!(Cond::parse(">"), None);
    }

    #[test]
    fn the_primer_bands_cover_everything_in_three_pieces() {
        let bands = [band(">90"), band(">=70"), band("else")];
        let (regions, gaps) = coverage(&bands);
        assert!(gaps.is_empty());
        let iv = |lo, lc, hi, hc| Interval {
            lo: d(lo),
            lo_closed: lc,
            hi: d(hi),
            hi_closed: hc,
        };
        assert_eq!(regions[0], vec![iv("90", false, "100", true)]);
        assert_eq!(regions[1], vec![iv("70", true, "90", true)]);
        assert_eq!(regions[2], vec![iv("0", true, "70", false)]);
    }

    #[test]
    fn counts_are_whole_numbers_and_the_top_band_goes_on_for_ever() {
        let bands = [
            band(">=4"),
            band("=3"),
            band("=2"),
            band("=1"),
            band("else"),
        ];
        let (regions, gaps) = count_coverage(&bands);
        assert!(gaps.is_empty());
        assert_eq!(regions[0], vec![(4, None)]);
        assert_eq!(regions[1], vec![(3, Some(3))]);
        assert_eq!(regions[4], vec![(0, Some(0))]);
        let (regions, gaps) = count_coverage(&[band(">2"), band("<2")]);
        assert_eq!(gaps, vec![2]);
        assert_eq!(regions[0], vec![(3, None)]);
        assert_eq!(regions[1], vec![(0, Some(1))]);
    }

    #[test]
    fn finds_gaps_and_unreachable_bands() {
        let (_, gaps) = coverage(&[band(">90"), band("<70")]);
        assert_eq!(gaps, vec![d("70"), d("80"), d("90")]);
        let (regions, _) = coverage(&[band(">=70"), band(">90"), band("else")]);
        assert!(regions[1].is_empty());
    }
}
