//! The tabular reader (every CSV input) on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    parscore::fuzzing::table_reader(data);
});
