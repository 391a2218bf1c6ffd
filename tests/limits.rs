//! Hostile and broken files: each is refused with a clear error, or read,
//! within a few seconds, and never panics (exit status 101).

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use common::{sample_site, tathya};

/// What a run of `tathya check` cost: exit status, the findings' `CODE
/// line:col`, the wall time and the peak resident memory in kB.
struct Cost {
    status: Option<i32>,
    findings: Vec<String>,
    took: Duration,
    /// The processor time it used (user and system): unlike `took`, not
    /// longer on a machine busy with other work.
    cpu: Duration,
    peak_kb: u64,
}

/// Held by each run of `tathya` whose time is measured: on a machine of two
/// cores, the tests of this file would otherwise measure each other.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `tathya check --format json` in `root`, reading its peak resident
/// memory (`VmHWM`) and processor time from `/proc` until it ends; killed
/// after 30 seconds.
fn check_measured(root: &Path) -> Cost {
    let _alone = one_at_a_time();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tathya"))
        .args(["check", "--format", "json"])
        .current_dir(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).unwrap();
        text
    });
    let proc_status = format!("/proc/{}/status", child.id());
    let proc_stat = format!("/proc/{}/stat", child.id());
    let (mut peak_kb, mut cpu) = (0, Duration::ZERO);
    let status = loop {
        let hwm = fs::read_to_string(&proc_status).ok().and_then(|text| {
            let line = text.lines().find_map(|line| line.strip_prefix("VmHWM:"))?;
            line.trim().trim_end_matches("kB").trim().parse::<u64>().ok()
        });
        peak_kb = peak_kb.max(hwm.unwrap_or(0));
        cpu = cpu.max(fs::read_to_string(&proc_stat).ok().and_then(|text| cpu_time(&text)).unwrap_or_default());
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let took = started.elapsed();
    let findings = code_and_place(&reader.join().unwrap());
    Cost { status: status.code(), findings, took, cpu, peak_kb }
}

/// The user and system time in a `/proc/PID/stat` line: its 14th and 15th
/// fields, in ticks of 1/100 s (Linux's `USER_HZ`), counted after the
/// command's name, which is in parentheses and may hold spaces.
fn cpu_time(stat: &str) -> Option<Duration> {
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The site of the settings, locales and templates with only `record`.
fn site_with(record: &str) -> tempfile::TempDir {
    let site = sample_site(false);
    fs::create_dir_all(site.path().join("statements")).unwrap();
    fs::write(site.path().join("statements/hostile.yaml"), record).unwrap();
    site
}

/// `check` of the site at `root` refuses it with the one finding that
/// starts with `finding`, within a second of processor time and 100 MB, in a
/// process that did not crash (exit status 1, not 101 for a panic or 134 for
/// an abort). The time is the process's own, not the clock's: the clock
/// also counts the other work of a busy machine.
#[track_caller]
fn refused_cheaply(root: &Path, finding: &str) {
    let cost = check_measured(root);
    assert_eq!(cost.status, Some(1), "{:?}", cost.findings);
    assert!(cost.findings.len() == 1 && cost.findings[0].starts_with(finding), "{:?}", cost.findings);
    assert!(cost.cpu > Duration::ZERO && cost.cpu < Duration::from_secs(1), "used {:?} of processor time", cost.cpu);
    assert!(cost.took < Duration::from_secs(10), "took {:?}", cost.took);
    assert!(cost.peak_kb > 0 && cost.peak_kb < 100_000, "peak {} kB", cost.peak_kb);
}

/// Runs `tathya check --format json` on the sample site with `file` written
/// into `statements/`; returns exit status, the findings' `CODE line:col`,
/// and how long it took.
fn check_with(name: &str, bytes: &[u8]) -> (i32, Vec<String>, Duration) {
    let site = sample_site(true);
    fs::write(site.path().join("statements").join(name), bytes).unwrap();
    let _alone = one_at_a_time();
    let started = Instant::now();
    let output = tathya(site.path(), &["check", "--format", "json"]);
    let took = started.elapsed();
    let findings = code_and_place(&String::from_utf8(output.stdout).unwrap());
    (output.status.code().unwrap_or(-1), findings, took)
}

fn base_record() -> String {
    fs::read_to_string(common::repo().join("statements/2021/05/cowin-myths.yaml"))
        .unwrap()
        .replace("related: [2021/06/cowin-data-breach]\n", "")
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let mut text = base_record();
    text.push_str(&format!("# {}\n", "x".repeat(100 * 1024 * 1024)));
    let (status, findings, took) = check_with("huge.yaml", text.as_bytes());
    assert_eq!((status, findings), (1, vec!["T014 0:0".to_owned()]));
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_one_megabyte_line_is_read() {
    let text = base_record().replacen(
        "CoWIN can be hacked, ",
        &format!("CoWIN can be hacked, {}", "a".repeat(1024 * 1024)),
        1,
    );
    let (status, findings, took) = check_with("long-line.yaml", text.as_bytes());
    assert_eq!((status, findings), (0, vec![]));
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let mut text = String::from("kind: myth-buster\nstatus: published\ndate: 2021-05-27\nissuer: mohfw\n");
    text.push_str("topic: { en: &a0 [x, x, x, x, x, x, x, x, x], hi: x }\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text.push_str(&format!("headline: &a{i} [{refs}]\n"));
    }
    let (status, findings, took) = check_with("bomb.yaml", text.as_bytes());
    assert_eq!(status, 1);
    assert!(!findings.is_empty());
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn deep_nesting_is_refused_quickly() {
    let text = format!("kind: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let (status, findings, took) = check_with("deep.yaml", text.as_bytes());
    assert_eq!(status, 1, "{findings:?}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_read() {
    let text = format!("\u{feff}{}", base_record().replace('\n', "\r\n"));
    let (status, findings, _) = check_with("windows.yaml", text.as_bytes());
    assert_eq!((status, findings), (0, vec![]));
}

#[test]
fn a_nul_byte_is_refused_at_its_position() {
    let text = base_record().replacen("status: published", "status: pub\0lished", 1);
    let (status, findings, _) = check_with("control.yaml", text.as_bytes());
    assert_eq!(status, 1);
    assert_eq!(findings, ["T001 4:12"], "line 4 of the record holds `status`, the NUL is its 12th character");
}

#[test]
fn a_link_out_of_the_site_root_is_refused() {
    let site = sample_site(true);
    let outside = tempfile::NamedTempFile::new().unwrap();
    fs::write(outside.path(), base_record()).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join("statements/outside.yaml")).unwrap();
    let output = tathya(site.path(), &["check", "--format", "json"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout.contains("\"code\":\"T015\"") && stdout.contains("statements/outside.yaml"), "{stdout}");
}

#[test]
fn a_link_that_leads_nowhere_is_refused_by_name_as_check_and_diff_read_it() {
    // Gone, or a loop: a finding at the link, among the others, not a
    // failure to read the site (a revision unpacked by `diff` has nothing
    // outside its site root for a link to lead to).
    let site = sample_site(true);
    std::os::unix::fs::symlink("../../gone.yaml", site.path().join("statements/gone.yaml")).unwrap();
    std::os::unix::fs::symlink("loop.yaml", site.path().join("statements/loop.yaml")).unwrap();
    let (status, findings) = findings_of(site.path(), "check");
    assert_eq!(status, Some(1), "{findings}");
    let refused: Vec<String> = findings
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .map(|v| format!("{} {}", v["code"].as_str().unwrap(), v["file"].as_str().unwrap()))
        .collect();
    assert_eq!(refused, ["T015 statements/gone.yaml", "T015 statements/loop.yaml"], "{findings}");
    assert_eq!(findings_of(site.path(), "build"), (Some(1), findings), "build refuses what check refuses");
    // The other records are still read and checked.
    let myths = site.path().join("statements/2021/05/cowin-myths.yaml");
    fs::write(&myths, fs::read_to_string(&myths).unwrap().replacen("myths:", "topik: typo\nmyths:", 1)).unwrap();
    let (_, findings) = findings_of(site.path(), "check");
    assert!(findings.contains("\"code\":\"T002\"") && findings.matches("T015").count() == 2, "{findings}");
}

#[test]
fn a_link_to_a_folder_is_refused_not_followed_nor_skipped() {
    let site = sample_site(true);
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("hidden.yaml"), base_record()).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.path().join("statements/more")).unwrap();
    let output = tathya(site.path(), &["check", "--format", "json"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("\"code\":\"T015\"") && stdout.contains("statements/more"), "{stdout}");
    let built = tathya(site.path(), &["build"]);
    assert_eq!(built.status.code(), Some(1), "build refuses what check refuses");
    assert!(!site.path().join("public").exists(), "nothing is published");
}

#[test]
fn a_link_to_a_file_inside_the_root_is_read_as_that_file() {
    let site = sample_site(true);
    fs::create_dir_all(site.path().join("drafts")).unwrap();
    fs::write(site.path().join("drafts/linked.yaml"), base_record()).unwrap();
    std::os::unix::fs::symlink(site.path().join("drafts/linked.yaml"), site.path().join("statements/linked.yaml"))
        .unwrap();
    let output = tathya(site.path(), &["check", "--format", "json"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains("T015"), "{stdout}");
}

/// Each finding of JSON lines as `CODE line:col`.
fn code_and_place(json: &str) -> Vec<String> {
    json.lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            format!("{} {}:{}", v["code"].as_str().unwrap(), v["line"], v["column"])
        })
        .collect()
}

/// The exit status of `command` on `root` and its findings, as JSON lines
/// (`check` prints them on stdout, `build`, as errors, on stderr).
fn findings_of(root: &std::path::Path, command: &str) -> (Option<i32>, String) {
    let output = tathya(root, &[command, "--format", "json"]);
    let text = [output.stdout, output.stderr].concat();
    let lines =
        String::from_utf8_lossy(&text).lines().filter(|line| line.starts_with('{')).collect::<Vec<_>>().join("\n");
    (output.status.code(), lines)
}

#[test]
fn check_and_build_refuse_the_same_link_in_a_language_the_site_does_not_have() {
    let site = sample_site(true);
    fs::create_dir_all(site.path().join("locales/fr")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", site.path().join("locales/fr/x.ftl")).unwrap();
    let checked = findings_of(site.path(), "check");
    assert_eq!(checked.0, Some(1), "{}", checked.1);
    assert!(checked.1.contains(r#""code":"T015","severity":"error","file":"locales/fr/x.ftl""#), "{}", checked.1);
    assert_eq!(checked, findings_of(site.path(), "build"));
}

#[test]
fn a_pipe_or_a_device_is_refused_not_read() {
    let site = sample_site(true);
    let fifo = site.path().join("statements/pipe.yaml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for command in ["check", "build"] {
        let (status, found) = findings_of(site.path(), command);
        assert_eq!(status, Some(1), "{command}: {found}");
        assert!(
            found.contains(r#""code":"T018","severity":"error","file":"statements/pipe.yaml""#),
            "{command}: {found}"
        );
        // Said to a person too, without reading the pipe to quote it.
        assert_eq!(tathya(site.path(), &[command]).status.code(), Some(1));
    }
    fs::remove_file(&fifo).unwrap();
    // A link to a device inside the root, and one out of it.
    fs::create_dir_all(site.path().join("devices")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", site.path().join("devices/zero")).unwrap();
    std::os::unix::fs::symlink(site.path().join("devices/zero"), site.path().join("statements/zero.yaml")).unwrap();
    let (status, found) = findings_of(site.path(), "check");
    assert_eq!(status, Some(1), "{found}");
    assert!(found.contains(r#""code":"T015","severity":"error","file":"statements/zero.yaml""#), "{found}");
    assert_eq!(tathya(site.path(), &["check"]).status.code(), Some(1), "quoting the link read the device");
}

#[test]
fn a_source_folder_that_is_not_a_folder_is_refused_not_read_as_empty() {
    let site = sample_site(true);
    fs::remove_dir_all(site.path().join("statements")).unwrap();
    fs::write(site.path().join("statements"), "not a folder").unwrap();
    for command in ["check", "build"] {
        let (status, found) = findings_of(site.path(), command);
        assert_eq!(status, Some(1), "{command}: {found}");
        assert!(found.contains(r#""code":"T018","severity":"error","file":"statements""#), "{command}: {found}");
    }
}

#[test]
fn an_anchored_text_repeated_by_a_thousand_aliases_is_refused_cheaply() {
    let mut text =
        base_record().replacen("  en: CoWIN's security\n", &format!("  en: &big \"{}\"\n", "CoWIN ".repeat(35_000)), 1);
    text = text.replacen(
        "myths:\n",
        &format!("myths:\n{}", "  - { myth: { en: *big, hi: *big }, fact: { en: *big, hi: *big } }\n".repeat(250)),
        1,
    );
    assert!(text.len() < 2 * 1024 * 1024);
    refused_cheaply(site_with(&text).path(), "T014 ");
}

#[test]
fn deeply_nested_placeables_in_record_text_are_refused_cheaply() {
    for nested in ["{ ".repeat(3000), "{ \"{ \"".repeat(3000), format!("{{ {}$n", "NUMBER(".repeat(3000))] {
        let text = base_record().replacen("  en: CoWIN's security\n", &format!("  en: '{nested}'\n"), 1);
        refused_cheaply(site_with(&text).path(), "T014 8:");
    }
}

#[test]
fn deeply_nested_placeables_in_a_locale_file_are_refused_cheaply() {
    let site = site_with(&base_record());
    let deep = format!("deep = {}$n{}\n", "{ ".repeat(3000), " }".repeat(3000));
    fs::write(site.path().join("locales/en/deep.ftl"), deep).unwrap();
    refused_cheaply(site.path(), "T014 1:");
}
