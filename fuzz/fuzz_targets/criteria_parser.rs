//! The criteria loader and checker on arbitrary bytes: never panics, and every problem it
//! reports names the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    parscore::fuzzing::criteria_parser(data);
});
