//! A declared figure as the documents a unit sends print it: read by the leaf's rule and
//! written for readers — a rate with its "%" (`97%`), a decimal comma (`0,75 điểm`), a
//! date as `15/01/2026`, a count with its unit (`5 lần`, `0 trường hợp`), a fraction
//! with the rate it makes (`1842/1851 (99,51%)`); a level's label as the unit wrote it.
//! What the rule could not read (a leaf not scored, a value in error) stays as written.

use super::working::reading_words;
use crate::lang::Lang;
use crate::number::show_points;
use crate::scoring::{LeafDetail, Reading, Status};

/// The declared figure of a leaf, for the report and the submission table.
pub fn declared(d: &LeafDetail, lang: Lang) -> String {
    let raw = d.value.trim();
    let Some(working) = d
        .working
        .as_ref()
        .filter(|_| d.status != Status::NotApplicable)
    else {
        return raw.to_string();
    };
    // A rate as the rule words it: `97%`, `86,4%`, `100%` (no `,00` a person never wrote).
    let rate = |x| format!("{}%", show_points(x, lang));
    match &working.reading {
        Reading::Level(_) => raw.to_string(),
        Reading::Percent(x) if raw.contains('/') => format!("{raw} ({})", rate(*x)),
        Reading::Percent(x) => rate(*x),
        r => reading_words(r, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{Applied, Evaluated};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn leaf(value: &str, reading: Reading) -> LeafDetail {
        LeafDetail {
            kind: "bands",
            value: value.into(),
            status: Status::Scored,
            note: String::new(),
            explanation: String::new(),
            appraisal_note: String::new(),
            answer: String::new(),
            source: String::new(),
            working: Some(Evaluated {
                points: Decimal::ONE,
                reading,
                applied: Applied::Direct,
                happened: None,
                not_applicable: false,
            }),
            remarks: Vec::new(),
        }
    }

    #[test]
    fn figures_read_as_a_person_writes_them() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(
            declared(&leaf("97", Reading::Percent(d("97"))), Lang::Vi),
            "97%"
        );
        assert_eq!(
            declared(&leaf("86.4", Reading::Percent(d("86.4"))), Lang::Vi),
            "86,4%"
        );
        assert_eq!(
            declared(
                &leaf(
                    "1842/1851",
                    Reading::Percent(d("99.5137763371150729335494327"))
                ),
                Lang::Vi
            ),
            "1842/1851 (99,51%)"
        );
        assert_eq!(
            declared(&leaf("6/6", Reading::Percent(d("100"))), Lang::Vi),
            "6/6 (100%)"
        );
        assert_eq!(
            declared(&leaf("0.75", Reading::Points(d("0.75"))), Lang::Vi),
            "0,75 điểm"
        );
        assert_eq!(
            declared(&leaf("0", Reading::Cases(d("0"))), Lang::Vi),
            "0 trường hợp"
        );
        let jan12 = time::Date::from_calendar_date(2026, time::Month::January, 12).unwrap();
        assert_eq!(
            declared(&leaf("2026-01-12", Reading::Date(jan12)), Lang::Vi),
            "12/01/2026"
        );
        assert_eq!(
            declared(&leaf("Có", Reading::Level("có".into())), Lang::Vi),
            "Có"
        );
    }
}
