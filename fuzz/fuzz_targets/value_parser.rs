//! The parsers of declared values: dates, percentages, counts, decimals, plan dues.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    parscore::fuzzing::value_parser(data);
});
