//! The inline Markdown renderer on any text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tathya::fuzzing::inline_markdown(data);
});
