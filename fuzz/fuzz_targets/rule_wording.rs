//! Rules in words and values against rules: a criteria file, then values to evaluate.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    parscore::fuzzing::rule_wording(data);
});
