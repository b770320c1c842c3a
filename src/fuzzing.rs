//! Entry points for the fuzz targets in `fuzz/` (run with `cargo +nightly fuzz run NAME`)
//! and for the tests that replay their kept seeds and regression inputs on stable Rust
//! (`tests/cli/reliability.rs`).
//! Each takes arbitrary bytes and must never panic; the assertions here are the properties
//! every input must keep.

use crate::criteria::{self, describe_rule};
use crate::lang::Lang;

/// Loads and checks a criteria file; every diagnostic names the file.
pub fn criteria_parser(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let loaded = criteria::load_str(text, "fuzz.json");
    for d in &loaded.diagnostics {
        assert_eq!(d.file, "fuzz.json");
        let _ = d.render(Lang::Vi);
        let _ = d.render(Lang::En);
    }
    if let Some(c) = &loaded.criteria {
        let _ = criteria::check(c);
    }
}

/// Reads a table; rows keep increasing line numbers within the file.
pub fn table_reader(data: &[u8]) {
    match crate::input::parse_table(data, "fuzz.csv", Default::default()) {
        Ok(t) => {
            // Every LF and every CR may end a line (a lone CR becomes a line end).
            let lines = data.iter().filter(|b| **b == b'\n' || **b == b'\r').count() + 1;
            let mut last = t.header_line;
            for row in &t.rows {
                assert!(row.line > last, "rows out of order");
                assert!(row.line <= lines + 1, "line {} beyond the file", row.line);
                last = row.line;
            }
        }
        Err(d) => assert_eq!(d.file, "fuzz.csv"),
    }
}

/// Every value parser on the same text.
pub fn value_parser(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(d) = crate::value::parse_date(text) {
        // A date read back from its own display is the same date.
        assert_eq!(
            crate::value::parse_date(&crate::value::show_date(d)),
            Some(d)
        );
        assert_eq!(
            crate::value::parse_date(&crate::value::iso_date(d)),
            Some(d)
        );
    }
    // A percentage may come out negative or above 100: the rule check refuses it, with
    // the leaf's code (see `rule_wording`).
    let _ = crate::value::parse_percent(text);
    let _ = crate::value::parse_count(text);
    let _ = crate::value::is_not_applicable(text);
    if let Some(d) = crate::number::parse_decimal(text) {
        let _ = crate::number::show_points(crate::number::round2(d), Lang::Vi);
    }
    let _ = crate::dossier::parse_due(text, 2026);
}

/// A criteria file (before the first `\0`) and values (after it, one per line): the rule
/// wording of every leaf, and every value evaluated against every leaf, stays within 0..max.
pub fn rule_wording(data: &[u8]) {
    let (head, tail) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let (Ok(text), Ok(values)) = (std::str::from_utf8(head), std::str::from_utf8(tail)) else {
        return;
    };
    let loaded = criteria::load_str(text, "fuzz.json");
    let Some(c) = loaded.criteria else {
        return;
    };
    if loaded.diagnostics.iter().any(|d| d.is_error())
        || criteria::check(&c).iter().any(|d| d.is_error())
    {
        return;
    }
    for leaf in c.leaves() {
        let _ = describe_rule(leaf, Lang::Vi);
        let _ = describe_rule(leaf, Lang::En);
        for v in values.lines().take(16) {
            if let Ok(e) = crate::scoring::evaluate(leaf, v) {
                assert!(e.points >= rust_decimal::Decimal::ZERO, "negative points");
                assert!(e.points <= leaf.max, "points above the maximum");
            }
        }
    }
}
