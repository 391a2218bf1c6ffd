//! What every command says besides its findings: `--quiet` says nothing
//! else, `--verbose` the time of each step, `--color` and `NO_COLOR` decide
//! the colour of findings. (The progress bar is drawn only on a terminal,
//! which a test's pipe is not: it must never reach one.)

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;
use std::process::{Command, Output};

fn run(root: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tathya"));
    command.args(args).current_dir(root).env_remove("NO_COLOR");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

#[test]
fn quiet_says_nothing_but_findings_and_verbose_says_each_step() {
    let site = common::sample_site(true);
    let quiet = run(site.path(), &["build", "--quiet"], &[]);
    assert!(quiet.status.success());
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "", "--quiet printed");
    let verbose = run(site.path(), &["--verbose", "build", "--full"], &[]);
    let said = String::from_utf8_lossy(&verbose.stderr);
    for step in ["reading records: ", "rendering pages: ", "statements rendered"] {
        assert!(said.contains(step), "no {step:?} in\n{said}");
    }
    // No bar, and no terminal codes, into a pipe.
    assert!(!said.contains('\u{1b}') && !said.contains('\r'), "{said:?}");
}

#[test]
fn findings_are_coloured_as_color_and_no_color_say() {
    let site = common::sample_site(true);
    let record = site.path().join("statements/2021/06/cowin-data-breach.yaml");
    let text = fs::read_to_string(&record).unwrap();
    fs::write(&record, text.replacen("verdict: ", "verdict: maybe #", 1)).unwrap();
    let coloured = |args: &[&str], env: &[(&str, &str)]| {
        let output = run(site.path(), args, env);
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8_lossy(&output.stdout).contains("\u{1b}[")
    };
    assert!(!coloured(&["check"], &[]), "colour into a pipe");
    assert!(coloured(&["check", "--color", "always"], &[]));
    assert!(coloured(&["--color", "always", "check"], &[("NO_COLOR", "1")]), "--color always is asked for");
    assert!(!coloured(&["check", "--color", "never"], &[("CLICOLOR_FORCE", "1")]));
    assert!(!coloured(&["check"], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]), "NO_COLOR is not honoured");
}
