//! Declared figures as people type them: percentages, fractions, counts, points, dates.

use crate::number::parse_decimal;
use rust_decimal::Decimal;
use time::{Date, Month};

/// Reads a date written `15/01/2026`, `5/1/2026` or `2026-01-15`; `None` when the text is
/// not a date, names a day that does not exist (`31/02/2026`), or a year outside 1900–2100.
pub fn parse_date(raw: &str) -> Option<Date> {
    let s = raw.trim();
    let (y, m, d) = if let Some((y, rest)) = s.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (y, m, d)
    } else {
        let mut parts = s.split(['/', '.']);
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        (y, m, d)
    };
    let digits = |p: &str, min: usize, max: usize| {
        (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(y, 4, 4) || !digits(m, 1, 2) || !digits(d, 1, 2) {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    let year: i32 = y.parse().ok()?;
    // A year like 0226 is a typing slip, not a date a dossier can hold.
    if !(1900..=2100).contains(&year) {
        return None;
    }
    Date::from_calendar_date(year, month, d.parse().ok()?).ok()
}

/// A date for people: `15/01/2026`.
pub fn show_date(date: Date) -> String {
    format!(
        "{:02}/{:02}/{:04}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// A date for machines: `2026-01-15`.
pub fn iso_date(date: Date) -> String {
    format!(
        "{}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A percentage as declared: `92.5`, `92,5`, `92.5%` or a fraction `45/48`
/// (which means 45 of 48, i.e. 93.75 %).
pub fn parse_percent(raw: &str) -> Option<Decimal> {
    let s = raw.trim();
    if let Some((num, den)) = s.split_once('/') {
        let num = parse_decimal(num)?;
        let den = parse_decimal(den)?;
        if den <= Decimal::ZERO || num < Decimal::ZERO {
            return None;
        }
        return num
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(den)
            .map(|d| d.normalize());
    }
    parse_decimal(s.strip_suffix('%').unwrap_or(s).trim_end())
}

/// A count of cases: a whole number, zero or more.
pub fn parse_count(raw: &str) -> Option<Decimal> {
    let d = parse_decimal(raw)?;
    (d >= Decimal::ZERO && d.fract().is_zero()).then_some(d)
}

/// A figure with the word parscore shows after it (`2 trường hợp`, `1,5 điểm`, `2 cases`)
/// reads as the figure alone, so that what `score` prints can be typed back. Case, spaces
/// and Unicode form are ignored; text with another word is returned as it is (folded).
pub fn without_unit(raw: &str, units: &[&str]) -> String {
    let f = crate::input::fold(raw);
    for unit in units {
        if let Some(figure) = f.strip_suffix(unit) {
            return figure.trim_end().to_string();
        }
    }
    f
}

/// The words shown after a count of cases.
pub const CASE_WORDS: [&str; 4] = ["trường hợp", "case(s)", "cases", "case"];

/// The words shown after points.
pub const POINT_WORDS: [&str; 3] = ["điểm", "points", "point"];

/// Whether a declared value marks the leaf as not applicable to the unit.
pub fn is_not_applicable(raw: &str) -> bool {
    let s = crate::input::fold(raw);
    s == "n/a" || s == "na" || s == "không áp dụng" || s == "kad"
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn a_year_outside_1900_to_2100_is_not_a_date() {
        // Found by the value_parser fuzzer: 0226-01-15 was read, then shown as 15/01/226.
        assert_eq!(parse_date("0226-01-15"), None);
        assert_eq!(parse_date("15/01/0226"), None);
        assert_eq!(parse_date("01/01/2101"), None);
        assert!(parse_date("31/12/1900").is_some());
    }

    #[test]
    fn reads_dates_in_every_written_form() {
        let jan15 = Date::from_calendar_date(2026, Month::January, 15).unwrap();
        assert_eq!(parse_date("15/01/2026"), Some(jan15));
        assert_eq!(parse_date("2026-01-15"), Some(jan15));
        assert_eq!(
            parse_date("5/1/2026"),
            Date::from_calendar_date(2026, Month::January, 5).ok()
        );
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_date("29/02/2026"), None);
        assert_eq!(
            parse_date("29/02/2028"),
            Date::from_calendar_date(2028, Month::February, 29).ok()
        );
        assert_eq!(parse_date("2026-1-15x"), None);
        assert_eq!(parse_date("15/01/26"), None);
        assert_eq!(show_date(jan15), "15/01/2026");
        assert_eq!(iso_date(jan15), "2026-01-15");
    }

    #[test]
    fn reads_percentages_and_fractions() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(parse_percent("92.5"), Some(d("92.5")));
        assert_eq!(parse_percent("92,5"), Some(d("92.5")));
        assert_eq!(parse_percent("92.5 %"), Some(d("92.5")));
        assert_eq!(parse_percent("45/48"), Some(d("93.75")));
        assert_eq!(parse_percent("1/0"), None);
        assert_eq!(parse_percent("abc"), None);
        assert_eq!(parse_count("3"), Some(d("3")));
        assert_eq!(parse_count("2.5"), None);
        assert_eq!(parse_count("-1"), None);
    }

    #[test]
    fn a_figure_reads_without_the_word_shown_after_it() {
        assert_eq!(without_unit("2 trường hợp", &CASE_WORDS), "2");
        assert_eq!(without_unit("2 TRƯỜNG  HỢP", &CASE_WORDS), "2");
        assert_eq!(without_unit("3 case(s)", &CASE_WORDS), "3");
        assert_eq!(without_unit("1,5 điểm", &POINT_WORDS), "1,5");
        assert_eq!(without_unit("1 point", &POINT_WORDS), "1");
        assert_eq!(without_unit("2 hồ sơ", &CASE_WORDS), "2 hồ sơ");
    }
}
