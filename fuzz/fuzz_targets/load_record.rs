//! The record loader on any bytes: parse, and check the record's texts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tathya::fuzzing::load_record(data);
});
