//! Rules in the words a person writes in the "Cách tính điểm" column:
//! "Trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm".

use super::cond::{count_coverage, coverage, Cond, Interval, DOMAIN};
use super::{CountScoring, Node, OverHundred, Points, RuleInput, RuleKind, ZeroMeaning};
use crate::lang::Lang;
use crate::number::show_points;
use crate::value::show_date;

/// The whole rule of a leaf, in one line.
pub fn describe_rule(n: &Node, lang: Lang) -> String {
    let Some(rule) = n.rule() else {
        return String::new();
    };
    let vi = lang == Lang::Vi;
    let pts = |p: rust_decimal::Decimal| points_phrase(p, lang);
    let max = pts(n.max);
    let mut s = match &rule.kind {
        RuleKind::Levels(levels) => {
            let mut s = levels
                .iter()
                .map(|l| format!("{}: {}", l.label, written_points(&l.points, lang)))
                .collect::<Vec<_>>()
                .join("; ");
            if rule.kind.labels_only() {
                s.push_str(if vi {
                    " (kê khai đúng nhãn mức; một con số được đọc là nhãn, không phải số điểm)"
                } else {
                    " (declare the level's label; a number is read as a label, never as points)"
                });
            }
            s
        }
        RuleKind::Count {
            unit,
            scoring: CountScoring::Bands(bands),
        } => {
            let parts: Vec<String> = bands
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let when = describe_count_band(bands, i, unit, lang);
                    format!("{when}: {}", written_points(&b.points, lang))
                })
                .collect();
            capitalise_first(parts.join("; "))
        }
        RuleKind::Count {
            unit,
            scoring: CountScoring::Per(per),
        } if vi => format!("{} mỗi {unit}, tối đa {max}", pts(*per)),
        RuleKind::Count {
            unit,
            scoring: CountScoring::Per(per),
        } => format!("{} per {unit}, at most {max}", pts(*per)),
        RuleKind::Bands(bands) => {
            let parts: Vec<String> = bands
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let when = describe_band(bands, i, lang);
                    format!("{when}: {}", written_points(&b.points, lang))
                })
                .collect();
            capitalise_first(parts.join("; "))
        }
        RuleKind::Ratio if vi => format!("Điểm = {max} × tỷ lệ % đạt được"),
        RuleKind::Ratio => format!("Points = {max} × the percentage achieved"),
        RuleKind::Deduct { per } if vi => {
            format!(
                "Tối đa {max}; mỗi trường hợp trừ {}, không thấp hơn 0 điểm",
                pts(*per)
            )
        }
        RuleKind::Deduct { per } => {
            format!("Up to {max}; {} off per case, never below 0", pts(*per))
        }
        RuleKind::Deadline { due, late } if vi => format!(
            "Ban hành đến hết ngày {}: {max}; sau thời hạn: {}; không ban hành: 0 điểm",
            show_date(*due),
            pts(*late)
        ),
        RuleKind::Deadline { due, late } => format!(
            "Issued by {}: {max}; late: {}; not issued: 0 points",
            show_date(*due),
            pts(*late)
        ),
        RuleKind::Manual { step } if vi => {
            format!(
                "Chấm trực tiếp từ 0 đến {max}, theo bước {}",
                show_points(*step, lang)
            )
        }
        RuleKind::Manual { step } => {
            format!(
                "Scored directly from 0 to {max}, in steps of {}",
                show_points(*step, lang)
            )
        }
    };
    match (rule.zero, vi) {
        (Some(ZeroMeaning::Full), true) => {
            s.push_str(&format!("; không có trường hợp nào (0/0): {max}"))
        }
        (Some(ZeroMeaning::Zero), true) => s.push_str("; không có trường hợp nào (0/0): 0 điểm"),
        (Some(ZeroMeaning::NotApplicable), true) => {
            s.push_str("; không có trường hợp nào (0/0): không áp dụng")
        }
        (Some(ZeroMeaning::Full), false) => s.push_str(&format!("; nothing to count (0/0): {max}")),
        (Some(ZeroMeaning::Zero), false) => s.push_str("; nothing to count (0/0): 0 points"),
        (Some(ZeroMeaning::NotApplicable), false) => {
            s.push_str("; nothing to count (0/0): not applicable")
        }
        (None, _) => {}
    }
    match (rule.over, vi) {
        (Some(OverHundred::Cap), true) => s.push_str("; tỷ lệ trên 100% được tính là 100%"),
        (Some(OverHundred::Refuse), true) => s.push_str("; tỷ lệ trên 100% không được chấp nhận"),
        (Some(OverHundred::Cap), false) => s.push_str("; a rate above 100% counts as 100%"),
        (Some(OverHundred::Refuse), false) => s.push_str("; a rate above 100% is refused"),
        (None, _) => {}
    }
    if rule.input == Some(RuleInput::PlanCompletion) {
        s.push_str(if vi {
            " (tỷ lệ = nhiệm vụ kế hoạch CCHC đã hoàn thành / nhiệm vụ đến hạn hoặc đã hoàn thành)"
        } else {
            " (rate = reform plan tasks done / tasks due or done)"
        });
    }
    s
}

fn points_phrase(p: rust_decimal::Decimal, lang: Lang) -> String {
    let unit = match lang {
        Lang::Vi => "điểm",
        Lang::En if p == rust_decimal::Decimal::ONE => "point",
        Lang::En => "points",
    };
    format!("{} {unit}", show_points(p, lang))
}

fn written_points(p: &Points, lang: Lang) -> String {
    match p.percent {
        Some(pct) if lang == Lang::Vi => format!(
            "{}% điểm tối đa ({})",
            show_points(pct, lang),
            points_phrase(p.value, lang)
        ),
        Some(pct) => format!(
            "{}% of the maximum ({})",
            show_points(pct, lang),
            points_phrase(p.value, lang)
        ),
        None => points_phrase(p.value, lang),
    }
}

/// The stretch band `i` really covers once earlier bands have taken theirs, in the words
/// of the rule ("từ 70% đến 90%"); the condition as written when it is not one stretch.
pub fn describe_band(bands: &[super::Band], i: usize, lang: Lang) -> String {
    let (regions, _) = coverage(bands);
    match regions.get(i).map(Vec::as_slice) {
        Some([one]) => interval_phrase(*one, lang),
        // A band that covers separate stretches says each ("… hoặc …"), so that the
        // words state exactly the values it scores.
        Some(many @ [_, _, ..]) => many
            .iter()
            .map(|iv| interval_phrase(*iv, lang))
            .collect::<Vec<_>>()
            .join(if lang == Lang::Vi { " hoặc " } else { " or " }),
        _ => bands
            .get(i)
            .map(|b| describe_when(b.when, lang))
            .unwrap_or_default(),
    }
}

/// The counts band `i` really covers, in words: "từ 4 lần trở lên", "3 lần", "từ 1 đến 2
/// lần"; "còn lại" for an `else` band.
pub fn describe_count_band(bands: &[super::Band], i: usize, unit: &str, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let Some(band) = bands.get(i) else {
        return String::new();
    };
    if band.when == Cond::Else {
        return (if vi { "còn lại" } else { "otherwise" }).into();
    }
    let (regions, _) = count_coverage(bands);
    let run = |(a, b): (u64, Option<u64>)| match (b, vi) {
        (None, true) => format!("từ {a} {unit} trở lên"),
        (None, false) => format!("{a} or more ({unit})"),
        (Some(b), true) if a == b => format!("{a} {unit}"),
        (Some(b), false) if a == b => format!("{a} ({unit})"),
        (Some(b), true) => format!("từ {a} đến {b} {unit}"),
        (Some(b), false) => format!("{a} to {b} ({unit})"),
    };
    match regions.get(i).map(Vec::as_slice) {
        Some([one]) => run(*one),
        Some(many @ [_, _, ..]) => many
            .iter()
            .map(|r| run(*r))
            .collect::<Vec<_>>()
            .join(if vi { " hoặc " } else { " or " }),
        _ => {
            let written = describe_when(band.when, lang);
            let written = written.replace('%', "");
            format!("{written} {unit}")
        }
    }
}

/// A band's condition as written, in words ("trên 90%").
pub fn describe_when(c: Cond, lang: Lang) -> String {
    let n = |t| format!("{}%", show_points(t, lang));
    let vi = lang == Lang::Vi;
    match c {
        Cond::Gt(t) if vi => format!("trên {}", n(t)),
        Cond::Ge(t) if vi => format!("từ {} trở lên", n(t)),
        Cond::Lt(t) if vi => format!("dưới {}", n(t)),
        Cond::Le(t) if vi => format!("từ {} trở xuống", n(t)),
        // "đạt 90%" could be read as 90 % or more: a single value other than 100 % is
        // "bằng" (equal to).
        Cond::Eq(t) if vi && t == rust_decimal::Decimal::ONE_HUNDRED => format!("đạt {}", n(t)),
        Cond::Eq(t) if vi => format!("bằng {}", n(t)),
        Cond::Else if vi => "còn lại".into(),
        Cond::Gt(t) => format!("over {}", n(t)),
        Cond::Ge(t) => format!("{} or more", n(t)),
        Cond::Lt(t) => format!("under {}", n(t)),
        Cond::Le(t) => format!("{} or less", n(t)),
        Cond::Eq(t) => format!("exactly {}", n(t)),
        Cond::Else => "otherwise".into(),
    }
}

/// The stretch a band really covers, in words: "từ 70% đến 90%", "dưới 70%".
fn interval_phrase(iv: Interval, lang: Lang) -> String {
    let n = |t| format!("{}%", show_points(t, lang));
    let vi = lang == Lang::Vi;
    let from_floor = iv.lo == DOMAIN.0 && iv.lo_closed;
    let to_ceiling = iv.hi == DOMAIN.1 && iv.hi_closed;
    match (from_floor, to_ceiling) {
        (true, true) => (if vi { "mọi giá trị" } else { "any value" }).into(),
        _ if iv.lo == iv.hi => describe_when(Cond::Eq(iv.lo), lang),
        (false, true) => describe_when(
            if iv.lo_closed {
                Cond::Ge(iv.lo)
            } else {
                Cond::Gt(iv.lo)
            },
            lang,
        ),
        (true, false) => describe_when(
            if iv.hi_closed {
                Cond::Le(iv.hi)
            } else {
                Cond::Lt(iv.hi)
            },
            lang,
        ),
        (false, false) => {
            let lo = match (iv.lo_closed, vi) {
                (true, true) => format!("từ {}", n(iv.lo)),
                (false, true) => format!("trên {}", n(iv.lo)),
                (true, false) => format!("from {}", n(iv.lo)),
                (false, false) => format!("over {}", n(iv.lo)),
            };
            let hi = match (iv.hi_closed, vi) {
                (true, true) => format!("đến {}", n(iv.hi)),
                (false, true) => format!("đến dưới {}", n(iv.hi)),
                (true, false) => format!("to {}", n(iv.hi)),
                (false, false) => format!("to under {}", n(iv.hi)),
            };
            format!("{lo} {hi}")
        }
    }
}

fn capitalise_first(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => s,
    }
}
