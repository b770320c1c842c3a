//! The one idiom for wording. A sentence is written once in each language, side by side
//! where it is made, and its arguments are localised once, before either wording uses
//! them: a figure, a percentage or a date knows how to show itself in a language (through
//! `number.rs` and `value.rs`, never an ad-hoc `.replace('.', ",")`). Only the chosen
//! wording is formatted.
//!
//! ```
//! use parscore::lang::Lang;
//! use parscore::report::words::Words;
//! use rust_decimal::Decimal;
//!
//! let w = Words(Lang::Vi);
//! let gap = w.percent(Decimal::new(275, 2));
//! let s = w.t(format_args!("còn thiếu {gap}"), format_args!("{gap} short"));
//! assert_eq!(s, "còn thiếu 2,75");
//! ```

use crate::lang::Lang;
use crate::number::{show_exact, show_percent, show_points};
use rust_decimal::Decimal;
use std::fmt;

/// The reader's language, with the ways values show themselves in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words(pub Lang);

impl Words {
    /// The sentence in the reader's language.
    pub fn t(self, vi: fmt::Arguments<'_>, en: fmt::Arguments<'_>) -> String {
        match self.0 {
            Lang::Vi => fmt::format(vi),
            Lang::En => fmt::format(en),
        }
    }

    /// One of two fixed wordings (a label, a column header).
    pub fn pick(self, vi: &'static str, en: &'static str) -> &'static str {
        match self.0 {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    pub fn is_vi(self) -> bool {
        self.0 == Lang::Vi
    }

    /// Points, rounded once: `0,5`, `10`, `1,88`.
    pub fn points(self, x: Decimal) -> String {
        show_points(x, self.0)
    }

    /// A percentage or an index, always two decimals: `88,99`.
    pub fn percent(self, x: Decimal) -> String {
        show_percent(x, self.0)
    }

    /// A declared figure exactly as written: `0,925`.
    pub fn exact(self, x: Decimal) -> String {
        show_exact(x, self.0)
    }

    /// A date as people write it: `15/01/2026` (the same in both languages).
    pub fn date(self, d: time::Date) -> String {
        crate::value::show_date(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_only_the_chosen_wording_with_localised_arguments() {
        let x = Decimal::new(8899, 2);
        for (lang, want) in [(Lang::Vi, "chỉ số 88,99"), (Lang::En, "index 88.99")] {
            let w = Words(lang);
            let i = w.percent(x);
            assert_eq!(
                w.t(format_args!("chỉ số {i}"), format_args!("index {i}")),
                want
            );
        }
        assert_eq!(Words(Lang::Vi).points(Decimal::new(1875, 3)), "1,88");
        assert_eq!(Words(Lang::En).pick("Tổng", "Total"), "Total");
    }
}
