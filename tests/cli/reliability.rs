//! The fuzzers' seeds and regression inputs, replayed on stable.

use crate::harness::root;

// A seal killed at each of its steps, with the kill proven: `shared_folder.rs`.

type Target = fn(&[u8]);
const TARGETS: [(&str, Target); 4] = [
    ("criteria_parser", parscore::fuzzing::criteria_parser),
    ("table_reader", parscore::fuzzing::table_reader),
    ("value_parser", parscore::fuzzing::value_parser),
    ("rule_wording", parscore::fuzzing::rule_wording),
];

/// Runs every file of `fuzz/<under>/<target>/` through its target; returns how many ran.
fn replay(under: &str, name: &str, target: Target) -> usize {
    let dir = root().join("fuzz").join(under).join(name);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|_| panic!("{dir:?}")) {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| target(&bytes));
        assert!(result.is_ok(), "{name} panics on {}", path.display());
        count += 1;
    }
    count
}

/// The seed set kept in the repository (`fuzz/seeds/<target>/`, picked from the grown
/// corpus by `fuzz/pick-seeds.sh`) runs through every target without a panic.
#[test]
fn the_fuzz_seeds_replay_without_a_panic() {
    for (name, target) in TARGETS {
        assert_eq!(replay("seeds", name, target), 50, "{name}");
    }
}

/// Every input a fuzzer found a bug with is kept under `fuzz/regressions/<target>/`, named
/// after the bug, and still runs through its target; each has a test of its own below.
#[test]
fn every_fuzz_regression_input_replays_without_a_panic() {
    let counts: Vec<usize> = TARGETS
        .iter()
        .map(|(name, target)| {
            if root().join("fuzz/regressions").join(name).exists() {
                replay("regressions", name, *target)
            } else {
                0
            }
        })
        .collect();
    assert_eq!(counts, [0, 1, 1, 0]);
}

/// Found by `value_parser` after 3 979 runs: `0226-01-15` was a date, shown as
/// `15/01/226`, which does not read back.
#[test]
fn a_year_like_0226_found_by_the_fuzzer_is_not_a_date() {
    let text = std::fs::read_to_string(
        root().join("fuzz/regressions/value_parser/year-0226-is-not-a-date.txt"),
    )
    .unwrap();
    assert_eq!(text, "0226-01-15");
    assert_eq!(parscore::value::parse_date(&text), None);
    let in_range = parscore::value::parse_date("2026-01-15").unwrap();
    assert_eq!(parscore::value::show_date(in_range), "15/01/2026");
}

/// Found by `table_reader` after 2 281 runs: rows at "line 41" of a file with 39 LFs. The
/// reader was right (a lone CR ends a line, as an editor shows it) and the property that
/// counted only LFs was wrong; the rows keep the editor's line numbers.
#[test]
fn a_lone_cr_found_by_the_fuzzer_ends_a_line_of_a_table() {
    let bytes = std::fs::read(root().join("fuzz/regressions/table_reader/lone-cr-ends-a-line.csv"))
        .unwrap();
    assert_eq!(bytes.iter().filter(|b| **b == b'\n').count(), 1);
    let table = parscore::input::parse_table(&bytes, "lone-cr.csv", Default::default()).unwrap();
    let rows: Vec<(usize, &str)> = table.rows.iter().map(|r| (r.line, &r.cells[0])).collect();
    assert_eq!(rows, [(2, "1.1.1"), (4, "1.1.2"), (5, "1.2.1")]);
}
