//! A band's condition read as the stretch of values it states: "từ 80% đến dưới 100%" is
//! [80, 100), "trên 90%" is (90, 100], "4 lần" is the count 4, "còn lại" is what the bands
//! before it left. `bands.rs` then checks a rule's stretches together and writes them.

use super::bands::{top, Domain, Iv, Stated};
use super::tokens::{neutral, show, Cur, Tok};
use crate::lang::Text;
use crate::number::show_exact;
use crate::text;
use rust_decimal::Decimal;

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
