//! The working of one leaf in words: what its declared value was taken to mean (the
//! `Reading`) and which part of its rule applied (the `Applied`), as the score table and
//! the working sheet (`score --explain`) show them.

use super::words::Words;
use crate::criteria::{
    describe_band, describe_count_band, CountScoring, Node, RuleKind, ZeroMeaning,
};
use crate::lang::Lang;
use crate::scoring::{Applied, Reading};
use crate::value::show_date;

/// What the value was taken to mean: "92,5%", "15/01/2026", "Có".
pub fn reading_words(r: &Reading, lang: Lang) -> String {
    let w = Words(lang);
    match r {
        Reading::Level(label) => label.clone(),
        Reading::Count { count, unit } => w.t(
            format_args!("{count} {unit}"),
            format_args!("{count} ({unit})"),
        ),
        Reading::Cases(c) => w.t(format_args!("{c} trường hợp"), format_args!("{c} case(s)")),
        Reading::NotIssued => w.pick("không ban hành", "not issued").into(),
        Reading::Date(d) => show_date(*d),
        Reading::Points(p) => {
            let p = w.points(*p);
            w.t(format_args!("{p} điểm"), format_args!("{p} points"))
        }
        Reading::NothingToCount => w
            .pick("0/0 (không có trường hợp nào)", "0/0 (nothing to count)")
            .into(),
        Reading::Percent(x) => format!("{}%", w.percent(*x)),
        Reading::PercentCapped(x) => {
            let x = w.percent(*x);
            w.t(
                format_args!("{x}% (tính là 100%)"),
                format_args!("{x}% (counted as 100%)"),
            )
        }
    }
}

/// Which part of the leaf's rule applied: "trên 90%", "ban hành đúng hạn (đến 31/01/2026)".
/// `node` is the leaf, for the wording of its bands.
pub fn applied_words(a: &Applied, node: Option<&Node>, lang: Lang) -> String {
    let w = Words(lang);
    match a {
        Applied::Level(label) => w.t(
            format_args!("mức \"{label}\""),
            format_args!("level \"{label}\""),
        ),
        Applied::Band(i) => match node.and_then(Node::rule).map(|r| &r.kind) {
            Some(RuleKind::Bands(bands)) => describe_band(bands, *i, lang),
            Some(RuleKind::Count {
                unit,
                scoring: CountScoring::Bands(bands),
            }) => describe_count_band(bands, *i, unit, lang),
            _ => String::new(),
        },
        Applied::NoBand => w.pick("không khoảng nào", "no band").into(),
        Applied::PerCount { count, per, max } => {
            let (per, max) = (w.points(*per), w.points(*max));
            w.t(
                format_args!("{count} × {per} (tối đa {max})"),
                format_args!("{count} × {per} (at most {max})"),
            )
        }
        Applied::Deduct { count, per, max } => {
            let (per, max) = (w.points(*per), w.points(*max));
            w.t(
                format_args!("{max} − {count} × {per} (không thấp hơn 0)"),
                format_args!("{max} − {count} × {per} (never below 0)"),
            )
        }
        Applied::NotIssued => w
            .pick("không ban hành: 0 điểm", "not issued: 0 points")
            .into(),
        Applied::OnTime(due) => {
            let due = show_date(*due);
            w.t(
                format_args!("ban hành đúng hạn (đến {due})"),
                format_args!("issued on time (by {due})"),
            )
        }
        Applied::Late(due) => {
            let due = show_date(*due);
            w.t(
                format_args!("ban hành sau thời hạn {due}"),
                format_args!("issued after the deadline {due}"),
            )
        }
        Applied::Direct => w.pick("chấm trực tiếp", "scored directly").into(),
        Applied::NothingToCount(zero) => match zero {
            ZeroMeaning::Full => w.pick(
                "không có trường hợp nào: điểm tối đa",
                "nothing to count: full points",
            ),
            ZeroMeaning::Zero => w.pick(
                "không có trường hợp nào: 0 điểm",
                "nothing to count: 0 points",
            ),
            ZeroMeaning::NotApplicable => w.pick(
                "không có trường hợp nào: không áp dụng",
                "nothing to count: not applicable",
            ),
        }
        .into(),
        Applied::Share { max, percent } => {
            let (max, pct) = (w.points(*max), w.percent(*percent));
            w.t(
                format_args!("{max} điểm × {pct}%"),
                format_args!("{max} points × {pct}%"),
            )
        }
    }
}
