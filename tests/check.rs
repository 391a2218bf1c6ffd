//! The catalogue of `tathya check` rules: each folder under `tests/check/`
//! changes the sample site in one way (files that replace or add to it, and
//! `<path>.delete` markers for files to remove) and lists in `expect` every
//! finding `tathya check --format json` must report: code, file, line and
//! column. No case may panic, and every rule has at least one case.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::{copy_tree, sample_site, tathya};

/// Applies a case to a fresh copy of the sample site; returns the site.
fn site_for(case: &Path) -> tempfile::TempDir {
    let site = sample_site(!case.join("statements").is_dir());
    copy_tree(case, site.path());
    fs::remove_file(site.path().join("expect")).unwrap();
    for marker in common::files(site.path()).into_iter().filter(|f| f.extension().is_some_and(|e| e == "delete")) {
        let target = site.path().join(marker.with_extension(""));
        if target.is_dir() {
            fs::remove_dir_all(&target).unwrap();
        } else {
            fs::remove_file(&target).unwrap();
        }
        fs::remove_file(site.path().join(marker)).unwrap();
    }
    site
}

/// `CODE file:line:col` for every finding of `tathya check`, and its exit
/// status; with `hold` set, holding that many bytes of records' text
/// between loading and rendering (`TATHYA_HOLD_BYTES`).
fn findings(root: &Path, hold: Option<&str>) -> (BTreeSet<String>, i32) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_tathya"));
    command.args(["check", "--format", "json"]).current_dir(root);
    if let Some(bytes) = hold {
        command.env("TATHYA_HOLD_BYTES", bytes);
    }
    let output = command.output().unwrap();
    let status = output.status.code().unwrap_or(-1);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines = stdout
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            format!("{} {}:{}:{}", v["code"].as_str().unwrap(), v["file"].as_str().unwrap(), v["line"], v["column"])
        })
        .collect();
    (lines, status)
}

#[test]
fn every_rule_reports_its_code_file_line_and_column() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check");
    let mut cases: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 40, "the catalogue has only {} cases", cases.len());
    let mut covered = BTreeSet::new();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected: BTreeSet<String> = fs::read_to_string(case.join("expect"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect();
        let site = site_for(case);
        let (found, status) = findings(site.path(), None);
        // Every record let go once checked, and read again to be rendered:
        // the same findings.
        let again = findings(site.path(), Some("0"));
        if again != (found.clone(), status) {
            failures.push(format!("{name}, every record read again:\n  found {again:?}\n  not   {found:?}"));
        }
        assert!(status == 0 || status == 1, "{name}: exit status {status} (a panic is 101)");
        let is_error = |finding: &String| {
            let rule = tathya::diag::Rule::ALL.iter().find(|rule| finding.starts_with(rule.code())).unwrap();
            rule.severity() == tathya::diag::Severity::Error
        };
        let must_fail = found.iter().any(is_error);
        assert_eq!(status == 1, must_fail, "{name}: exit status {status} for {found:?}");

        if found != expected {
            failures.push(format!("{name}:\n  expected {expected:?}\n  found    {found:?}"));
        }
        covered.extend(expected.iter().map(|f| f[..4].to_owned()));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let untested: Vec<&str> = tathya::diag::Rule::ALL
        .iter()
        .map(|rule| rule.code())
        // T015 needs a link and T018 a pipe, made by tests/limits.rs.
        .filter(|code| !covered.contains(*code) && !["T015", "T018"].contains(code))
        .collect();
    assert!(untested.is_empty(), "rules without a case: {untested:?}");
}

#[test]
fn the_sample_site_is_clean_even_when_strict() {
    let site = sample_site(true);
    let output = tathya(site.path(), &["check", "--strict"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "0 errors, 0 warnings\n");
}

#[test]
fn new_writes_a_record_that_check_rejects_until_it_is_filled_in() {
    let site = sample_site(true);
    let root = site.path();
    let output = tathya(root, &["new", "rebuttal", "2026/11/new-claim"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let path = root.join("statements/2026/11/new-claim.yaml");
    let written = fs::read_to_string(&path).unwrap();
    for lang in ["en", "hi"] {
        assert!(written.contains(&format!("{lang}: \"TODO: what the reports claim ({lang})\"")), "{written}");
    }

    let (found, status) = findings(root, None);
    assert_eq!(status, 1);
    assert!(found.iter().all(|f| f.starts_with("T089 statements/2026/11/new-claim.yaml:")), "{found:?}");
    assert!(found.len() >= 10, "{found:?}");

    let again = tathya(root, &["new", "rebuttal", "2026/11/new-claim"]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&path).unwrap(), written, "tathya new replaced a record");

    let filled = written
        .lines()
        .map(|line| match line.split_once("\"TODO: ") {
            Some((head, _)) => format!("{head}\"Filled in.\""),
            None => line.replace("https://TODO.invalid/", "https://example.gov.in/"),
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(&path, filled).unwrap();
    let (found, status) = findings(root, None);
    assert_eq!((status, found), (0, BTreeSet::new()));
}

#[test]
fn github_format_annotates_the_pull_request() {
    let site = site_for(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check/T002-unknown-field"));
    let output = tathya(site.path(), &["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("::error file=statements/x.yaml,line=6,col=1,title=T002::unknown field `topik`"),
        "{stdout}"
    );
}

#[test]
fn check_that_cannot_run_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = tathya(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
}

/// An error that stops a command before it has findings (exit status 2)
/// is printed in the format asked for, so that a tool reading JSON, or the
/// runner reading annotations, sees it as it sees a finding.
#[test]
fn an_error_that_stops_a_build_is_printed_in_the_format_asked_for() {
    let site = sample_site(false);
    let root = site.path();
    fs::write(root.join("taken"), "a file of someone else's").unwrap();
    let stderr = |format: &str| {
        let output = tathya(root, &["build", "--out", "taken", "--format", format]);
        assert_eq!(output.status.code(), Some(2), "--format {format}");
        String::from_utf8(output.stderr).unwrap()
    };
    let human = stderr("human");
    assert!(human.starts_with("error: ") && human.contains("taken"), "{human}");
    let json = stderr("json");
    let failure: serde_json::Value = serde_json::from_str(json.trim_end()).expect(&json);
    assert_eq!(
        (&failure["code"], &failure["severity"], &failure["line"]),
        (&serde_json::Value::Null, &"error".into(), &serde_json::Value::Null)
    );
    assert_eq!(failure["message"].as_str(), human.strip_prefix("error: ").map(str::trim_end), "{json}");
    let github = stderr("github");
    assert!(github.starts_with("::error ") && github.contains("title=tathya::") && github.ends_with('\n'), "{github}");
    assert_eq!(github.lines().count(), 1, "{github}");
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for rule in tathya::diag::Rule::ALL {
        assert!(readme.contains(&format!("| {} |", rule.code())), "README.md does not list {}", rule.code());
    }
}

/// A template that fails on many list pages at once, each with its own
/// message, made on every core: `check` gives the same finding at every
/// run, the first page's in order, not the first thread's. (Before, a debug
/// build gave up to five outputs in 24 runs.)
#[test]
fn a_template_failing_on_many_pages_gives_the_same_finding_every_run() {
    let site = sample_site(true);
    let root = site.path();
    let tags: String = (0..10).map(|i| format!("  t{i}: {{ en: Topic{i}, hi: विषय{i} }}\n")).collect();
    let settings = fs::read_to_string(root.join("tathya.yaml")).unwrap();
    let vaccination = "  vaccination: { en: Vaccination, hi: टीकाकरण }\n";
    assert!(settings.contains(vaccination), "the sample's tags changed");
    fs::write(root.join("tathya.yaml"), settings.replace(vaccination, &format!("{vaccination}{tags}"))).unwrap();
    let record = root.join("statements/2021/05/cowin-myths.yaml");
    let text = fs::read_to_string(&record).unwrap();
    let own = "tags: [cowin, vaccination, data-security]";
    assert!(text.contains(own), "the sample record's tags changed");
    let many = (0..10).map(|i| format!(", t{i}")).collect::<String>();
    fs::write(&record, text.replace(own, &format!("tags: [cowin, vaccination, data-security{many}]"))).unwrap();
    let list = root.join("templates/list.html");
    let failing = "<h1>{{ heading }}</h1>{% if breadcrumbs | length == 2 %}{{ heading | int }}{% endif %}";
    fs::write(&list, fs::read_to_string(&list).unwrap().replacen("<h1>{{ heading }}</h1>", failing, 1)).unwrap();
    let runs: BTreeSet<Vec<u8>> = (0..24).map(|_| tathya(root, &["check", "--format", "json"]).stdout).collect();
    assert_eq!(
        runs.len(),
        1,
        "{} different outputs:\n{}",
        runs.len(),
        runs.iter().map(|r| String::from_utf8_lossy(r)).collect::<Vec<_>>().join("\n--\n")
    );
    let output = String::from_utf8(runs.into_iter().next().unwrap()).unwrap();
    assert!(output.contains("\"T073\"") && output.contains("Topic: CoWIN"), "{output}");
}
