//! `tathya diff` on real git repositories holding the sample site: each
//! test commits one kind of change and checks that the diff names exactly
//! the statements and languages it affects, with the expected lines.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{sample_site, tathya};
use serde_json::Value;

const REBUTTAL: &str = "statements/2021/06/cowin-data-breach.yaml";
const MYTHS: &str = "statements/2021/05/cowin-myths.yaml";

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.gov.in", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The sample site in a new git repository, committed on `main`.
fn repository() -> tempfile::TempDir {
    let site = sample_site(true);
    git(site.path(), &["init", "-q"]);
    git(site.path(), &["add", "-A"]);
    git(site.path(), &["commit", "-q", "-m", "sample site"]);
    site
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn commit(root: &Path, message: &str) {
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", message]);
}

/// `tathya diff BASE HEAD --format json`, parsed.
fn diff(root: &Path, args: &[&str]) -> Value {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    let output = tathya(root, &all);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// `id: kind [languages]` for every changed statement.
fn changed(report: &Value) -> Vec<String> {
    report["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let langs: Vec<&str> =
                s["languages"].as_array().unwrap().iter().map(|l| l["lang"].as_str().unwrap()).collect();
            format!("{}: {} {langs:?}", s["id"].as_str().unwrap(), s["kind"].as_str().unwrap())
        })
        .collect()
}

/// The `-` and `+` lines of one statement's language.
fn changed_lines(report: &Value, id: &str, lang: &str) -> Vec<String> {
    let statement = report["statements"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap();
    let language = statement["languages"].as_array().unwrap().iter().find(|l| l["lang"] == lang).unwrap();
    let mut lines = Vec::new();
    for hunk in language["diff"]["hunks"].as_array().unwrap() {
        for line in hunk["lines"].as_array().unwrap() {
            let tag = line["tag"].as_str().unwrap();
            if tag != " " {
                let text: String =
                    line["segments"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect();
                lines.push(format!("{tag}{text}"));
            }
        }
    }
    lines
}

/// `REVISION CODE FILE` for every error the report lists, revision by revision.
fn errors_of(report: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    for side in report["errors"].as_array().unwrap() {
        for error in side["errors"].as_array().unwrap() {
            let (code, file) = (error["code"].as_str().unwrap(), error["file"].as_str().unwrap());
            errors.push(format!("{} {code} {file}", side["revision"].as_str().unwrap()));
        }
    }
    errors
}

/// The short name of `revision`, as the report names it.
fn short(root: &Path, revision: &str) -> String {
    git(root, &["rev-parse", "--short", revision]).trim().to_owned()
}

#[test]
fn a_fact_edited_in_hindi_only_changes_only_the_hindi_statement() {
    let repo = repository();
    edit(repo.path(), REBUTTAL, "वातावरण में रखता है।", "परिवेश में रखता है।");
    commit(repo.path(), "hindi wording");
    let report = diff(repo.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(changed(&report), ["2021/06/cowin-data-breach: edited [\"hi\"]"]);
    assert_eq!(
        changed_lines(&report, "2021/06/cowin-data-breach", "hi"),
        [
            "-- कोविन टीकाकरण का सारा डेटा एक सुरक्षित डिजिटल वातावरण में रखता है।",
            "+- कोविन टीकाकरण का सारा डेटा एक सुरक्षित डिजिटल परिवेश में रखता है।"
        ]
    );
    let emphasized: Vec<&str> = report["statements"][0]["languages"][0]["diff"]["hunks"][0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["segments"].as_array().unwrap())
        .filter(|s| s["emphasized"] == true)
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(emphasized, ["वातावरण", "परिवेश"], "whole words are highlighted");
    assert!(report["statements"][0]["source"].is_object(), "the record's own change is shown beside it");
}

/// A record's headline shows on the pages of the statements it names and of
/// those that name it: `diff` renders only what a change can alter, and
/// must find those (the telegram bot names the breach, which names the
/// myths and is named by both). The feed shows one statement, a newer one
/// related to none: the lists need only it rendered besides.
#[test]
fn a_changed_headline_shows_on_the_pages_linked_to_it_either_way() {
    let repo = repository();
    let myths = fs::read_to_string(repo.path().join("statements/2021/05/vaccination-myths.yaml")).unwrap();
    fs::create_dir_all(repo.path().join("statements/2026/01")).unwrap();
    let newest = myths.replacen("date: 2021-05-27", "date: 2026-01-05", 1);
    fs::write(repo.path().join("statements/2026/01/newest.yaml"), newest).unwrap();
    let settings = fs::read_to_string(repo.path().join("tathya.yaml")).unwrap();
    fs::write(repo.path().join("tathya.yaml"), format!("{settings}\nfeed_size: 1\n")).unwrap();
    commit(repo.path(), "a newer statement, alone in the feed");
    let bot = "statements/2023/06/cowin-telegram-bot.yaml";
    edit(
        repo.path(),
        bot,
        "en: a leak of CoWIN data through a Telegram bot",
        "en: a leak of CoWIN data by a Telegram bot",
    );
    commit(repo.path(), "the bot's topic");
    let report = diff(repo.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(
        changed(&report),
        ["2021/06/cowin-data-breach: edited [\"en\"]", "2023/06/cowin-telegram-bot: edited [\"en\"]"],
        "the statement it names links back to it"
    );
    let breach = &report["statements"][0];
    assert!(breach["source"].is_null(), "the breach's record did not change: {breach}");
    edit(repo.path(), REBUTTAL, "en: a leak of CoWIN data\n", "en: a leak of data from CoWIN\n");
    commit(repo.path(), "the breach's topic");
    let report = diff(repo.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(
        changed(&report),
        [
            "2021/05/cowin-myths: edited [\"en\"]",
            "2021/06/cowin-data-breach: edited [\"en\"]",
            "2023/06/cowin-telegram-bot: edited [\"en\"]"
        ],
        "the statements that name it, and that it names"
    );
}

#[test]
fn a_changed_figure_shows_the_reformatted_sentence_in_both_languages_and_nothing_else() {
    let repo = repository();
    edit(repo.path(), REBUTTAL, "users: 150000000", "users: 200000000");
    commit(repo.path(), "figure");
    let report = diff(repo.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(changed(&report), ["2021/06/cowin-data-breach: edited [\"en\", \"hi\"]"]);
    assert_eq!(
        changed_lines(&report, "2021/06/cowin-data-breach", "en"),
        [
            "-> A group of hackers holds the data of 15 crore CoWIN users and is offering it for sale.",
            "+> A group of hackers holds the data of 20 crore CoWIN users and is offering it for sale."
        ]
    );
    assert_eq!(
        changed_lines(&report, "2021/06/cowin-data-breach", "hi"),
        [
            "-> हैकरों के एक समूह के पास कोविन के 15 करोड़ उपयोगकर्ताओं का डेटा है और वह इसे बेचने की पेशकश कर रहा है।",
            "+> हैकरों के एक समूह के पास कोविन के 20 करोड़ उपयोगकर्ताओं का डेटा है और वह इसे बेचने की पेशकश कर रहा है।"
        ]
    );
    assert_eq!(report["site_files"], serde_json::json!([]));

    let markdown = tathya(repo.path(), &["diff", "HEAD~1", "HEAD", "--format", "markdown"]);
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(markdown.contains("### tathya: 1 statement changed: 1 edited"), "{markdown}");
    assert!(markdown.contains("<summary>हिंदी (hi)</summary>"), "{markdown}");
    assert!(markdown.contains("+> A group of hackers holds the data of 20 crore CoWIN users"), "{markdown}");
}

#[test]
fn a_changed_fluent_message_changes_every_statement_that_shows_it_in_that_language() {
    let repo = repository();
    edit(repo.path(), "locales/hi/statement.ftl", "section-facts = तथ्य", "section-facts = असली तथ्य");
    commit(repo.path(), "heading");
    let report = diff(repo.path(), &["HEAD~1", "HEAD"]);
    // Only the rebuttals have a facts section.
    assert_eq!(
        changed(&report),
        ["2021/06/cowin-data-breach: edited [\"hi\"]", "2023/06/cowin-telegram-bot: edited [\"hi\"]"]
    );
    assert_eq!(changed_lines(&report, "2021/06/cowin-data-breach", "hi"), ["-## तथ्य", "+## असली तथ्य"]);
    assert_eq!(report["site_files"], serde_json::json!(["locales/hi/statement.ftl"]));
    assert!(report["statements"][0]["source"].is_null());
}

#[test]
fn a_changed_site_page_is_named_though_no_statement_text_changes() {
    let repo = repository();
    edit(repo.path(), "pages/contact.yaml", "en: Contact us,", "en: Write to us,");
    commit(repo.path(), "the contact page's title");
    let report = diff(repo.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(report["site_files"], serde_json::json!(["pages/contact.yaml"]), "{report}");
}

#[test]
fn an_added_and_a_removed_statement() {
    let repo = repository();
    fs::copy(repo.path().join(MYTHS), repo.path().join("statements/2021/05/cowin-myths-again.yaml")).unwrap();
    commit(repo.path(), "add");
    let report = diff(repo.path(), &["HEAD~1", "HEAD"]);
    // The copy names the rebuttal as related, so the rebuttal now links back to it.
    assert_eq!(
        changed(&report),
        ["2021/05/cowin-myths-again: added [\"en\", \"hi\"]", "2021/06/cowin-data-breach: edited [\"en\", \"hi\"]"]
    );

    fs::remove_file(repo.path().join("statements/2021/05/cowin-myths-again.yaml")).unwrap();
    commit(repo.path(), "remove");
    let report = diff(repo.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(
        changed(&report),
        ["2021/05/cowin-myths-again: removed [\"en\", \"hi\"]", "2021/06/cowin-data-breach: edited [\"en\", \"hi\"]"]
    );
}

#[test]
fn a_record_broken_in_both_revisions_is_an_error_of_both() {
    // The head reads again, beside the base, only the records that changed
    // or have an error: the broken one is checked in each revision.
    let repo = repository();
    edit(repo.path(), MYTHS, "myths:", "topik: typo\nmyths:");
    commit(repo.path(), "break the myth-buster");
    edit(repo.path(), REBUTTAL, "users: 150000000", "users: 200000000");
    commit(repo.path(), "a new figure in the rebuttal");
    let report = diff(repo.path(), &["HEAD~1", "HEAD"]);
    let (base, head) = (short(repo.path(), "HEAD~1"), short(repo.path(), "HEAD"));
    assert_eq!(errors_of(&report), [format!("{base} T002 {MYTHS}"), format!("{head} T002 {MYTHS}")], "{report}");
    assert_eq!(changed(&report), ["2021/06/cowin-data-breach: edited [\"en\", \"hi\"]"], "{report}");
}

#[test]
fn a_link_that_leads_nowhere_is_an_error_of_its_revision_and_nothing_else_changes() {
    // A link out of the site root leads nowhere in a revision unpacked
    // alone: refused by name, and the other statements compared as ever.
    let repo = repository();
    std::os::unix::fs::symlink("../../../elsewhere.yaml", repo.path().join("statements/2021/elsewhere.yaml")).unwrap();
    edit(repo.path(), REBUTTAL, "users: 150000000", "users: 200000000");
    commit(repo.path(), "a link, and a new figure");
    let report = diff(repo.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(changed(&report), ["2021/06/cowin-data-breach: edited [\"en\", \"hi\"]"], "{report}");
    let head = short(repo.path(), "HEAD");
    assert_eq!(errors_of(&report), [format!("{head} T015 statements/2021/elsewhere.yaml")], "{report}");
}

#[test]
fn records_left_as_they_were_are_checked_again_when_one_they_name_is_removed() {
    // Both revisions read alike but for the record removed: the records
    // that name it are unchanged, yet now refused (T024), and the head
    // cannot render them.
    let repo = repository();
    fs::remove_file(repo.path().join(REBUTTAL)).unwrap();
    commit(repo.path(), "remove the rebuttal");
    let report = diff(repo.path(), &["HEAD~1", "HEAD"]);
    let head = short(repo.path(), "HEAD");
    let bot = "statements/2023/06/cowin-telegram-bot.yaml";
    assert_eq!(errors_of(&report), [format!("{head} T024 {MYTHS}"), format!("{head} T024 {bot}")], "{report}");
    assert!(changed(&report).contains(&"2021/05/cowin-myths: removed [\"en\", \"hi\"]".to_owned()), "{report}");
}

#[test]
fn defaults_compare_the_merge_base_with_the_working_tree_without_touching_it() {
    let repo = repository();
    git(repo.path(), &["checkout", "-q", "-b", "fix-figure"]);
    edit(repo.path(), REBUTTAL, "users: 150000000", "users: 160000000");
    commit(repo.path(), "on a branch");
    edit(repo.path(), MYTHS, "It is secured by OTP and captcha", "It is protected by OTP and captcha");
    let status_before = git(repo.path(), &["status", "--porcelain"]);
    let index_before = fs::read(repo.path().join(".git/index")).unwrap();

    let report = diff(repo.path(), &[]);
    assert_eq!(
        changed(&report),
        ["2021/05/cowin-myths: edited [\"en\"]", "2021/06/cowin-data-breach: edited [\"en\", \"hi\"]"]
    );
    assert_eq!(git(repo.path(), &["status", "--porcelain"]), status_before);
    assert_eq!(fs::read(repo.path().join(".git/index")).unwrap(), index_before, "the index was touched");
}

#[test]
fn exit_code_tells_whether_anything_changed() {
    let repo = repository();
    let same = tathya(repo.path(), &["diff", "HEAD", "--exit-code"]);
    assert_eq!(same.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&same.stdout).starts_with("No statement changed."));
    edit(repo.path(), REBUTTAL, "verdict: false", "verdict: baseless");
    let changed = tathya(repo.path(), &["diff", "HEAD", "--exit-code"]);
    assert_eq!(changed.status.code(), Some(1));
}

#[test]
fn exit_status_two_when_it_cannot_diff_and_json_even_then() {
    let repo = repository();
    for revision in ["nosuch", "--output=/tmp/tathya-not-an-option", "-v"] {
        let output = tathya(repo.path(), &["diff", "--format", "json", "--exit-code", "--", revision]);
        assert_eq!(output.status.code(), Some(2), "{revision}");
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert!(json["error"].as_str().unwrap().contains(revision), "the error names the revision: {json}");
    }
    assert!(!Path::new("/tmp/tathya-not-an-option").exists(), "a revision was read as an option");
}

#[test]
fn a_revision_git_says_much_about_as_it_is_read_is_read_all_the_same() {
    // A filter that writes more to git's error output than a pipe holds
    // while the archive is written: tathya must not wait on it.
    let repo = repository();
    git(repo.path(), &["config", "filter.noisy.smudge", "sh -c 'head -c 100000 /dev/zero >&2; cat'"]);
    git(repo.path(), &["config", "filter.noisy.clean", "cat"]);
    fs::write(repo.path().join(".gitattributes"), "tathya.yaml filter=noisy\n").unwrap();
    edit(repo.path(), REBUTTAL, "users: 150000000", "users: 200000000");
    commit(repo.path(), "noisy settings, and a new figure");
    let output = Command::new("timeout")
        .args(["120", env!("CARGO_BIN_EXE_tathya"), "diff", "HEAD~1", "HEAD", "--format", "json"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(changed(&report), ["2021/06/cowin-data-breach: edited [\"en\", \"hi\"]"], "{report}");
}

#[test]
fn a_site_root_in_a_sub_folder_of_the_repository() {
    let repo = tempfile::tempdir().unwrap();
    let site = sample_site(true);
    common::copy_tree(site.path(), &repo.path().join("content"));
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "site in a folder"]);
    edit(&repo.path().join("content"), REBUTTAL, "users: 150000000", "users: 200000000");
    let expected = ["2021/06/cowin-data-breach: edited [\"en\", \"hi\"]"];
    assert_eq!(changed(&diff(&repo.path().join("content"), &["HEAD"])), expected, "run from the site root");
    assert_eq!(changed(&diff(repo.path(), &["HEAD", "--root", "content"])), expected, "run from the repository");
}

#[test]
fn the_pull_request_that_adds_the_site_shows_every_statement_added() {
    let repo = tempfile::tempdir().unwrap();
    fs::write(repo.path().join("README.md"), "A content repository.\n").unwrap();
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "start"]);
    let site = sample_site(true);
    common::copy_tree(site.path(), &repo.path().join("content"));
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "the site"]);
    let report = diff(repo.path(), &["HEAD~1", "HEAD", "--root", "content"]);
    let added: Vec<String> = changed(&report);
    assert_eq!(added.len(), 4, "{added:?}");
    assert!(added.iter().all(|line| line.ends_with(": added [\"en\", \"hi\"]")), "{added:?}");
    let inside = tathya(&repo.path().join("content/statements"), &["diff", "HEAD~1", "HEAD"]);
    assert_eq!(inside.status.code(), Some(2));
    let message = String::from_utf8_lossy(&inside.stderr);
    assert!(message.contains("is not a tathya site") && !message.contains("tathya-diff-"), "{message}");
}

#[test]
fn a_pull_request_that_fixes_a_broken_record_is_reviewable() {
    let repo = repository();
    edit(repo.path(), MYTHS, "myths:", "topik: typo\nmyths:");
    commit(repo.path(), "break the myth-buster");
    edit(repo.path(), MYTHS, "topik: typo\n", "");
    commit(repo.path(), "fix it");
    let output = tathya(repo.path(), &["diff", "HEAD~1", "HEAD", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let base = git(repo.path(), &["rev-parse", "--short", "HEAD~1"]);
    assert_eq!(report["errors"][0]["revision"], base.trim(), "the errors name the revision");
    assert_eq!(report["errors"][0]["errors"][0]["code"], "T002");
    assert_eq!(report["errors"][0]["errors"][0]["file"], MYTHS);
    // What the base could not render shows as added, beside the one line that mended it.
    assert!(changed(&report).contains(&"2021/05/cowin-myths: added [\"en\", \"hi\"]".to_owned()), "{report}");
    let myths = report["statements"].as_array().unwrap().iter().find(|s| s["id"] == "2021/05/cowin-myths").unwrap();
    let source: Vec<&str> = myths["source"]["hunks"][0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|line| line["tag"] != " ")
        .flat_map(|line| line["segments"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()))
        .collect();
    assert_eq!(source, ["topik: typo"], "{}", myths["source"]);
    let terminal = tathya(repo.path(), &["diff", "HEAD~1", "HEAD"]);
    assert!(String::from_utf8_lossy(&terminal.stdout).contains(&format!("{} has 1 error", base.trim())));
}

#[test]
fn the_diff_is_the_same_bytes_every_run() {
    let repo = repository();
    edit(repo.path(), REBUTTAL, "users: 150000000", "users: 200000000");
    let first = tathya(repo.path(), &["diff", "--format", "markdown"]);
    let second = Command::new(env!("CARGO_BIN_EXE_tathya"))
        .args(["diff", "--format", "markdown"])
        .current_dir(repo.path())
        .env("RAYON_NUM_THREADS", "1")
        .env("TZ", "America/New_York")
        .env("LANG", "hi_IN.UTF-8")
        .output()
        .unwrap();
    assert_eq!(first.stdout, second.stdout);
}

/// Every `tathya …` command the workflow runs, as it is written there.
fn workflow_commands() -> Vec<String> {
    let workflow =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/tathya.yml")).unwrap();
    let parsed: serde_yaml::Value = serde_yaml::from_str(&workflow).unwrap();
    assert!(parsed["jobs"]["review"]["steps"].is_sequence() && parsed["jobs"]["publish"]["steps"].is_sequence());
    workflow
        .lines()
        .filter_map(|line| line.trim().strip_prefix("- ").or(Some(line.trim())).and_then(|l| l.strip_prefix("run: ")))
        .filter(|line| line.starts_with("tathya "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_workflow_runs_commands_that_work_here() {
    let commands = workflow_commands();
    assert_eq!(commands.len(), 3, "{commands:?}");

    let repo = repository();
    git(repo.path(), &["checkout", "-q", "-b", "pull-request"]);
    edit(repo.path(), REBUTTAL, "users: 150000000", "users: 200000000");
    commit(repo.path(), "figure");
    for command in commands {
        // The shell's work done by hand: the merge base, and the redirection.
        let command = command
            .replace("\"$(git merge-base \"origin/$GITHUB_BASE_REF\" HEAD)\"", "main")
            .replace(" > tathya-diff.md", "");
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        let output = tathya(repo.path(), &args);
        assert!(output.status.success(), "{command}: {}", String::from_utf8_lossy(&output.stderr));
        if args[0] == "diff" {
            let comment = String::from_utf8(output.stdout).unwrap();
            assert!(
                comment.starts_with("<!-- tathya-diff -->\n"),
                "the comment must start with the marker the workflow looks for"
            );
            assert!(comment.contains("1 statement changed: 1 edited"));
        }
    }
    assert!(repo.path().join("public/hi/2021/06/cowin-data-breach/index.html").is_file());
}
