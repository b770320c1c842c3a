//! The rules of one shape each, read to their last token: a score below zero (refused),
//! a ratio ("Tỷ lệ … × điểm tối đa", "Điểm = 2 điểm × tỷ lệ % đạt được"), a manual range,
//! points off or on per case with their floors, and a deadline.

use super::rules::{fraction, plain, Reading, COUNT_UNITS};
use super::segments::fixed_points;
use super::tokens::{neutral, Cur, Tok};
use crate::criteria::AdjustmentKind;
use crate::lang::Text;
use crate::number::show_exact;
use crate::text;
use rust_decimal::Decimal;
use serde_json::json;

/// What a bonus or penalty item counts, when "mỗi" names it.
const ITEM_UNITS: &[&str] = &[
    "sáng kiến",
    "báo cáo",
    "trường hợp",
    "giải thưởng",
    "văn bản",
    "mô hình",
    "nhiệm vụ",
    "lần",
    "cuộc",
    "đợt",
];

/// "bị 0 điểm và bị trừ 0,25 điểm", "-0,25 điểm": a score below zero, which the format
/// cannot hold.
pub(super) fn below_zero(all: &[&[Tok]]) -> Option<Text> {
    let hit = all.iter().any(|t| {
        let zero_then_minus = t.windows(2).any(|w| {
            w[0] == Tok::Num(Decimal::ZERO) && (w[1].is_word("điểm") || w[1].is_word("đ"))
        }) && t
            .iter()
            .skip_while(|x| **x != Tok::Num(Decimal::ZERO))
            .any(|x| x.is_word("trừ"));
        let negative = t.windows(3).any(|w| {
            (w[0].is_sym(':') || w[0].is_word("được"))
                && w[1].is_sym('-')
                && matches!(w[2], Tok::Num(_))
        });
        zero_then_minus || negative || t.iter().any(|x| x.is_word("âm"))
    });
    hit.then(|| text!(
        vi: "cách tính cho điểm dưới 0 (trừ tiếp khi đã 0 điểm); bộ chỉ số không chứa được điểm âm, phải chấm tay",
        en: "the rule gives points below zero (more off once at 0); a criteria file cannot hold negative points, so it is scored by hand"
    ))
}

/// A ratio: "Tỷ lệ … × điểm tối đa", "Điểm = 2 điểm × tỷ lệ % đạt được", "(A/B) × điểm
/// tối đa". `None`: not a ratio's shape.
pub(super) fn ratio(toks: &[Tok], max: Decimal) -> Option<Result<(), Text>> {
    let times: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_sym('x') || t.is_word("nhân"))
        .map(|(i, _)| i)
        .collect();
    let [at] = times[..] else { return None };
    let mut lead = Cur::new(toks);
    let prefix = {
        let n = lead.plain_words(&|w| {
            matches!(w, "điểm" | "số" | "đạt" | "được" | "đánh" | "giá" | "chấm")
        });
        if n > 0 && lead.sym('=') {
            lead.at
        } else {
            0
        }
    };
    let left = &toks[prefix..at];
    let mut right_start = at + 1;
    if toks.get(right_start).is_some_and(|t| t.is_word("với")) {
        right_start += 1;
    }
    let right = &toks[right_start..];
    let (rate, scale) = match (max_ref(left, max), max_ref(right, max)) {
        (Some(m), None) => (right, m),
        (None, Some(m)) => (left, m),
        _ => return None,
    };
    if !is_rate(rate) {
        return None;
    }
    Some(match scale {
        Ok(()) => Ok(()),
        Err(n) => {
            let (nv, ne) = (
                show_exact(n, crate::lang::Lang::Vi),
                show_exact(n, crate::lang::Lang::En),
            );
            let (mv, me) = (
                show_exact(max, crate::lang::Lang::Vi),
                show_exact(max, crate::lang::Lang::En),
            );
            Err(text!(
                vi: "cách tính nhân tỷ lệ với {nv} điểm nhưng điểm tối đa là {mv}",
                en: "the rule multiplies the rate by {ne} points but the maximum is {me}"
            ))
        }
    })
}

/// "điểm tối đa", "số điểm tối đa" or "N điểm": `Ok` when N is the maximum, `Err(N)` when not.
fn max_ref(toks: &[Tok], max: Decimal) -> Option<Result<(), Decimal>> {
    let mut c = Cur::new(toks);
    if c.any(&["số điểm tối đa", "điểm tối đa"]) && c.done() {
        return Some(Ok(()));
    }
    let mut c = Cur::new(toks);
    let n = c.num()?;
    (c.any(&["điểm", "đ"]) && c.done()).then_some(if n == max { Ok(()) } else { Err(n) })
}

/// "tỷ lệ [words] [%] [đạt được]" or a fraction of two counts.
fn is_rate(toks: &[Tok]) -> bool {
    let mut c = Cur::new(toks);
    if c.any(&["tỷ lệ", "tỉ lệ"]) {
        loop {
            let words = c.plain_words(&|w| neutral(w) || w == "trên");
            let sign = c.sym('%') || c.sym(',') || (c.sym('(') && c.sym('%') && c.sym(')'));
            if words == 0 && !sign {
                break;
            }
        }
        return c.done();
    }
    let mut c = Cur::new(toks);
    fraction(&mut c) && c.done()
}

/// "Chấm trực tiếp từ 0 đến 1 điểm, theo bước 0,25".
pub(super) fn manual(toks: &[Tok], max: Decimal) -> Option<Reading> {
    let mut c = Cur::new(toks);
    if !(c.words("chấm trực tiếp từ") && c.num() == Some(Decimal::ZERO) && c.words("đến"))
    {
        return None;
    }
    let top = c.num()?;
    if !(c.words("điểm") && c.sym(',') && c.words("theo bước")) {
        return None;
    }
    let step = c.num()?;
    if !c.done() {
        return None;
    }
    Some(if top == max {
        Reading::exact(json!({ "kind": "manual", "step": plain(step) }))
    } else {
        Reading::not(text!(
            vi: "khoảng chấm tay khác điểm tối đa",
            en: "the range scored by hand differs from the maximum"
        ))
    })
}

/// Points off or on per case: "Mỗi trường hợp trừ 0,25 điểm" (a leaf's `deduct`; floors at
/// 0 as written or said), "Tối đa 1 điểm; mỗi trường hợp trừ 0,25 điểm, không thấp hơn 0
/// điểm", "Mỗi sáng kiến được công nhận: cộng 0,5 điểm" and "1 điểm mỗi ứng dụng, tối đa
/// 5 điểm" (`count` with `per`). `None`: not this shape.
pub(super) fn per_case(
    all: &[&[Tok]],
    max: Decimal,
    item: Option<AdjustmentKind>,
) -> Option<Reading> {
    let pieces: Vec<&[Tok]> = all
        .iter()
        .flat_map(|t| t.split(|x| x.is_sym(',')))
        .filter(|p| !p.is_empty())
        .collect();
    let mut per: Option<(Decimal, Option<bool>, String)> = None;
    let mut floor_ok = true;
    let mut floor_why = None;
    let mut seen_mỗi = false;
    for p in &pieces {
        if p.iter().any(|t| t.is_word("mỗi")) {
            seen_mỗi = true;
            let (n, minus, unit) = one_case(p)?;
            if per.is_some() {
                return None;
            }
            per = Some((n, minus, unit));
            continue;
        }
        let mut c = Cur::new(p);
        if c.words("tối đa") && c.num() == Some(max) && c.any(&["điểm", "đ"]) && c.done() {
            continue;
        }
        let mut c = Cur::new(p);
        if c.words("không thấp hơn") {
            if let Some(n) = c.num() {
                if c.any(&["điểm", "đ"]) && c.done() {
                    floor_ok = n.is_zero();
                    continue;
                }
            }
            return None;
        }
        let mut c = Cur::new(p);
        if c.any(&[
            "tối đa trừ",
            "trừ tối đa",
            "trừ không quá",
            "trừ tối đa không quá",
        ]) {
            let n = c.num()?;
            if !(c.any(&["điểm", "đ"]) && c.done()) {
                return None;
            }
            if n != max {
                floor_ok = false;
                let (nv, ne) = (
                    show_exact(n, crate::lang::Lang::Vi),
                    show_exact(n, crate::lang::Lang::En),
                );
                floor_why = Some(text!(
                    vi: "trừ tối đa {nv} điểm, ít hơn điểm tối đa: điểm sàn khác 0, định dạng không biểu diễn được",
                    en: "at most {ne} points off, less than the maximum: a floor above 0, which the format cannot hold"
                ));
            }
            continue;
        }
        let mut c = Cur::new(p);
        if c.any(&[
            "trừ đến khi hết điểm",
            "trừ hết điểm",
            "trừ đến hết điểm",
            "trừ đến 0 điểm",
            "đến khi hết điểm",
        ]) && c.done()
        {
            continue;
        }
        return None;
    }
    if !seen_mỗi {
        return None;
    }
    let (n, minus, unit) = per?;
    if !floor_ok {
        return Some(Reading::not(floor_why.unwrap_or_else(|| {
            text!(
                vi: "điểm sàn khác 0: định dạng không biểu diễn được",
                en: "a floor above 0: the format cannot hold it"
            )
        })));
    }
    if n <= Decimal::ZERO {
        return None;
    }
    Some(match (item, minus) {
        (None, Some(true)) => Reading::exact(json!({ "kind": "deduct", "per": plain(n) })),
        (Some(AdjustmentKind::Bonus), Some(true)) => Reading::not(text!(
            vi: "khoản điểm thưởng nhưng cách tính ghi \"trừ\"",
            en: "a bonus item whose rule says \"trừ\" (off)"
        )),
        (Some(AdjustmentKind::Penalty), Some(false)) => Reading::not(text!(
            vi: "khoản điểm trừ nhưng cách tính ghi \"cộng\"",
            en: "a penalty item whose rule says \"cộng\" (on)"
        )),
        _ => Reading::exact(json!({ "kind": "count", "unit": unit, "per": plain(n) })),
    })
}

/// One per-case statement: (points, off?, unit). "mỗi <thing> [bị] trừ N điểm", "mỗi
/// <thing>: cộng N điểm", "N điểm mỗi <unit>", "trừ N điểm cho mỗi <thing>".
fn one_case(p: &[Tok]) -> Option<(Decimal, Option<bool>, String)> {
    let thing = |toks: &[Tok]| -> Option<String> {
        let words: Vec<&str> = toks
            .iter()
            .map(|t| match t {
                Tok::Word(w) if neutral(w) || w == "trên" || w == "lần" => Some(w.as_str()),
                _ => None,
            })
            .collect::<Option<_>>()?;
        (!words.is_empty()).then(|| words.join(" "))
    };
    let unit_of = |t: &str| {
        ITEM_UNITS
            .iter()
            .chain(COUNT_UNITS)
            .find(|u| t == **u || t.starts_with(&format!("{u} ")))
            .map_or("trường hợp".to_string(), |u| u.to_string())
    };
    let mut c = Cur::new(p);
    if c.words("mỗi") {
        let start = c.at;
        let end = p
            .iter()
            .position(|t| t.is_sym(':') || t.is_word("trừ") || t.is_word("cộng"))?;
        let mut stop = end;
        while stop > start && (p[stop - 1].is_word("bị") || p[stop - 1].is_word("được")) {
            stop -= 1;
        }
        let named = thing(&p[start..stop])?;
        let mut c = Cur::new(&p[stop..]);
        c.any(&["bị", "được"]);
        c.sym(':');
        c.any(&["bị", "được"]);
        let minus = if c.words("trừ") {
            true
        } else if c.words("cộng") {
            false
        } else {
            return None;
        };
        let n = c.num()?;
        return (c.any(&["điểm", "đ"]) && c.done()).then(|| (n, Some(minus), unit_of(&named)));
    }
    let mut c = Cur::new(p);
    let minus = c.words("trừ");
    let n = c.num()?;
    if !c.any(&["điểm", "đ"]) {
        return None;
    }
    c.any(&["cho"]);
    if !c.words("mỗi") {
        return None;
    }
    let named = thing(c.rest())?;
    // "1 điểm mỗi ứng dụng" names its unit exactly, and neither adds nor takes off.
    Some(if minus {
        (n, Some(true), unit_of(&named))
    } else {
        (n, None, named)
    })
}

/// "Ban hành đến hết ngày 15/01/2026: 1 điểm; sau thời hạn: 0,5 điểm; không ban hành: 0
/// điểm".
pub(super) fn deadline(all: &[&[Tok]], max: Decimal) -> Option<Reading> {
    let [on, late, never] = all else { return None };
    let mut c = Cur::new(on);
    if !(c.words("ban hành") && c.any(&["đến hết ngày", "đến ngày"])) {
        return None;
    }
    let d = c.num()?;
    let (m, y) = (c.sym('/').then(|| c.num())??, c.sym('/').then(|| c.num())??);
    if !c.sym(':') || fixed_points(c.rest(), max)? != max {
        return None;
    }
    let mut c = Cur::new(late);
    c.any(&["ban hành"]);
    if !(c.any(&["sau thời hạn", "chậm", "không kịp thời"]) && c.sym(':')) {
        return None;
    }
    let late = fixed_points(c.rest(), max)?;
    let mut c = Cur::new(never);
    if !(c.words("không ban hành") && c.sym(':') && fixed_points(c.rest(), max)?.is_zero()) {
        return None;
    }
    let due = format!("{y:04}-{m:02}-{d:02}");
    crate::value::parse_date(&due)?;
    Some(Reading::exact(
        json!({ "kind": "deadline", "due": due, "late": plain(late) }),
    ))
}
