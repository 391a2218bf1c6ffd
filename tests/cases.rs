//! Fixture cases: each folder under `tests/cases/` is a change to the
//! sample site (files that replace or add to it) and a `cmd` line to run.
//! The snapshot holds the exit status, stderr, stdout and every file the
//! command wrote, so both languages and both kinds are compared as a user
//! would see them. A case without a `statements/` folder uses the samples.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;
use std::path::Path;

use common::{copy_tree, files, sample_site, tathya};

fn run_case(case: &Path) -> String {
    let with_samples = !case.join("statements").is_dir();
    let site = sample_site(with_samples);
    let root = site.path();
    copy_tree(case, root);
    fs::remove_file(root.join("cmd")).unwrap();

    let cmd = fs::read_to_string(case.join("cmd")).unwrap();
    let args: Vec<&str> = cmd.split_whitespace().collect();
    let output = tathya(root, &args);
    let root_text = root.display().to_string();
    let clean = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&root_text, "[ROOT]");

    let mut report = format!(
        "$ tathya {}\nexit status: {}\n--- stderr\n{}--- stdout\n{}",
        args.join(" "),
        output.status.code().unwrap_or(-1),
        clean(&output.stderr),
        clean(&output.stdout),
    );
    // A build writes public/, a build with --drafts public-preview/.
    for folder in ["public", "public-preview"] {
        let out = root.join(folder);
        if !out.is_dir() {
            continue;
        }
        // The marker names its folder by inode, which differs on every run.
        for file in files(&out).into_iter().filter(|file| file.as_os_str() != tathya::write::folder::MARKER) {
            if file.extension().is_some_and(|ext| ext == "css" || ext == "svg") {
                report.push_str(&format!("--- {folder}/{} (asset, not shown)\n", file.display()));
                continue;
            }
            report.push_str(&format!("--- {folder}/{}\n", file.display()));
            report.push_str(&fs::read_to_string(out.join(&file)).unwrap());
        }
    }
    report
}

#[test]
fn cases() {
    insta::glob!("cases/*/cmd", |cmd_file| {
        let report = run_case(cmd_file.parent().unwrap());
        insta::assert_snapshot!(report);
    });
}
