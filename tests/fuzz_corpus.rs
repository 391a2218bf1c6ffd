//! Replays the fuzzers' corpora and every input that ever crashed one
//! (`fuzz/corpus/<target>/`, `fuzz/regressions/<target>/`) through the same
//! entry points the fuzz targets use, so that `cargo test` keeps them fixed.

#![allow(clippy::panic, reason = "a test fails by panicking")]

use std::fs;
use std::path::Path;

#[test]
fn every_fuzz_input_runs_without_a_panic() {
    // Two targets load records into the sample site; if it did not load,
    // they would return at once and prove nothing.
    if let Err(errors) = tathya::fuzzing::sample_errors() {
        panic!("the sample site does not load: {errors}");
    }
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut replayed = 0;
    for kind in ["corpus", "regressions"] {
        for (target, run) in [
            ("load_record", tathya::fuzzing::load_record as fn(&[u8])),
            ("inline_markdown", tathya::fuzzing::inline_markdown),
            ("render_record", tathya::fuzzing::render_record),
        ] {
            let Ok(entries) = fs::read_dir(fuzz.join(kind).join(target)) else { continue };
            for entry in entries.flatten() {
                if let Ok(data) = fs::read(entry.path()) {
                    run(&data);
                    replayed += 1;
                }
            }
        }
    }
    assert!(replayed >= 5, "only {replayed} fuzz inputs found");
}
