//! The benchmark tools as a smoke run, so that they cannot rot: the corpus
//! generator writes a small corpus, and `benches/compare.sh` measures it
//! with the debug build (and Hugo, where it is installed; CI installs it).

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{repo, tathya};

/// The corpus example, which `cargo test` builds beside the test binaries.
fn corpus_binary() -> PathBuf {
    let deps = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    let binary = deps.parent().unwrap().join("examples").join(format!("corpus{}", std::env::consts::EXE_SUFFIX));
    assert!(binary.is_file(), "{} missing: cargo test builds the examples", binary.display());
    binary
}

#[test]
fn the_generated_corpus_checks_and_builds() {
    let work = tempfile::tempdir().unwrap();
    let (site, hugo) = (work.path().join("site"), work.path().join("hugo"));
    let status = Command::new(corpus_binary())
        .args(["--records", "30", "--out"])
        .arg(&site)
        .arg("--hugo")
        .arg(&hugo)
        .status()
        .unwrap();
    assert!(status.success());
    for args in [&["check"][..], &["build"]] {
        let output = tathya(&site, args);
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
    assert!(site.join("public/hi/atom.xml").is_file());
    for file in ["hugo.toml", "layouts/_default/single.html", "layouts/_default/list.html"] {
        assert!(hugo.join(file).is_file(), "the Hugo site lacks {file}");
    }
}

#[test]
fn the_comparison_script_runs_end_to_end() {
    let work = tempfile::tempdir().unwrap();
    let hugo_installed = Command::new("hugo").arg("version").output().is_ok_and(|o| o.status.success());
    let output = Command::new(repo().join("benches/compare.sh"))
        .args(["1", "12"])
        .env("TATHYA", env!("CARGO_BIN_EXE_tathya"))
        .env("CORPUS", corpus_binary())
        .env("HUGO", if hugo_installed { "hugo" } else { "true" })
        .env("BENCH_SHM", work.path().join("shm"))
        .env("BENCH_DISK", work.path().join("disk"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    for row in [
        "cold build, /dev/shm |",
        "cold build, disk |",
        "one record edited, disk |",
        "nothing changed, disk |",
        "tathya check |",
    ] {
        assert!(stdout.contains(&format!("12 records: {row}")), "no row {row:?} in\n{stdout}");
    }
}
