//! The whole render of one record, in both languages and both formats,
//! against the sample site's settings, locales and templates.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tathya::fuzzing::render_record(data);
});
