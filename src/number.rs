//! Points and percentages: exact decimals in, one rounding rule out.
//!
//! The rule, everywhere: figures are computed exactly with `rust_decimal`; a figure is
//! rounded once, when it is shown, to two decimal places, half away from zero
//! (2.345 → 2.35, as Excel's ROUND does). Vietnamese readers get a decimal comma
//! (`88,99`); machine formats (CSV, JSON) get a point and always two decimals (`"88.99"`).

use crate::lang::Lang;
use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// The largest number of decimal places a maximum or a point value may carry.
pub const MAX_SCALE: u32 = 2;

/// Rounds for display: two places, half away from zero. The only rounding in parscore.
pub fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Parses a plain decimal as written in a data file: `2`, `0.25`, `-1`, and also the
/// decimal comma `0,25`. No thousands separators, no exponent.
pub fn parse_decimal(raw: &str) -> Option<Decimal> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    let s = s.replace(',', ".");
    let body = s.strip_prefix(['-', '+']).unwrap_or(&s);
    let mut dots = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => {}
            '.' => dots += 1,
            _ => return None,
        }
    }
    if dots > 1 || body.starts_with('.') || body.ends_with('.') || body.is_empty() {
        return None;
    }
    Decimal::from_str(&s).ok().map(|d| d.normalize())
}

/// The scale of a decimal once trailing zeros are dropped (`2.50` has scale 1).
pub fn scale(value: Decimal) -> u32 {
    value.normalize().scale()
}

/// A figure for people: rounded once, decimal comma in Vietnamese, trailing zeros dropped
/// (`0,5`, `10`, `1,88`).
pub fn show_points(value: Decimal, lang: Lang) -> String {
    localise(round2(value).normalize().to_string(), lang)
}

/// A percentage or index for people: always two decimals (`88,99`, `100,00`).
pub fn show_percent(value: Decimal, lang: Lang) -> String {
    localise(format!("{:.2}", round2(value)), lang)
}

/// A figure for machines (CSV, JSON): rounded once, point, always two decimals.
pub fn machine(value: Decimal) -> String {
    format!("{:.2}", round2(value))
}

/// A declared figure exactly as written, without rounding (`0,925`): for messages that
/// must show what the user typed, not a rounded figure.
pub fn show_exact(value: Decimal, lang: Lang) -> String {
    localise(value.normalize().to_string(), lang)
}

/// A number already written with a decimal point (`1.2 MB`, an axis tick `92.5`), with the
/// reader's decimal mark: the one place a point becomes a comma.
pub fn with_decimal_mark(s: String, lang: Lang) -> String {
    localise(s, lang)
}

fn localise(s: String, lang: Lang) -> String {
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

/// `part / whole × 100`, or `None` when the whole is zero.
pub fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        None
    } else {
        part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounds_half_away_from_zero_not_to_even() {
        assert_eq!(round2(d("2.345")), d("2.35"));
        assert_eq!(round2(d("2.335")), d("2.34"));
        assert_eq!(round2(d("-2.345")), d("-2.35"));
        assert_eq!(round2(d("88.994999")), d("88.99"));
    }

    #[test]
    fn parses_points_and_decimal_commas() {
        assert_eq!(parse_decimal("0,25"), Some(d("0.25")));
        assert_eq!(parse_decimal(" 2 "), Some(d("2")));
        assert_eq!(parse_decimal("2.50"), Some(d("2.5")));
        assert_eq!(parse_decimal("1e3"), None);
        assert_eq!(parse_decimal("1.2.3"), None);
        assert_eq!(parse_decimal("."), None);
        assert_eq!(parse_decimal(""), None);
        assert_eq!(parse_decimal("99999999999999999999999999999999"), None);
    }

    #[test]
    fn shows_figures_as_readers_expect() {
        assert_eq!(show_points(d("0.5"), Lang::Vi), "0,5");
        assert_eq!(show_points(d("1.875"), Lang::Vi), "1,88");
        assert_eq!(show_points(d("10.00"), Lang::En), "10");
        assert_eq!(show_percent(d("88.99"), Lang::Vi), "88,99");
        assert_eq!(show_percent(d("100"), Lang::Vi), "100,00");
        assert_eq!(machine(d("88.985")), "88.99");
        assert_eq!(machine(d("7")), "7.00");
    }
}
