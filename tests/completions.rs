//! Shell completions and the man page come from the command line's own
//! definition: every subcommand is in them, and the shells and `groff`
//! read them without complaint.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

use std::process::{Command, Stdio};

const SUBCOMMANDS: [&str; 8] = ["build", "check", "render", "share", "new", "diff", "completions", "man"];

fn tathya(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_tathya")).args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// Whether `program` exists here.
fn installed(program: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {program}")]).stdout(Stdio::null()).status().unwrap().success()
}

/// Runs `program args` with `input` on stdin; panics with its output unless it succeeds.
fn accepts(program: &str, args: &[&str], input: &str) -> String {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success() && said.is_empty(), "{program} {args:?}: {said}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn every_shell_gets_a_script_that_names_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = tathya(&["completions", shell]);
        for subcommand in SUBCOMMANDS {
            assert!(script.contains(subcommand), "{shell}: no {subcommand}");
        }
        // The shells installed here parse their script.
        if ["bash", "zsh", "fish"].contains(&shell) && installed(shell) {
            accepts(shell, &["-n"], &script);
        }
    }
    assert!(installed("bash"), "bash must check its script");
}

#[test]
fn the_man_page_is_roff_that_groff_reads_without_a_warning() {
    let page = tathya(&["man"]);
    assert!(page.contains(".TH tathya 1"), "{page}");
    for subcommand in SUBCOMMANDS {
        assert!(page.contains(subcommand), "the man page has no {subcommand}");
    }
    if installed("groff") {
        let text = accepts("groff", &["-man", "-Tutf8", "-ww"], &page);
        assert!(text.contains("tathya"), "{text}");
    }
}
