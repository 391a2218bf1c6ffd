//! A build that fails or is killed leaves the published site exactly as it
//! was, and a successful build leaves no temporary files behind.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;
use std::process::Command;
use std::time::Duration;

use common::{leftovers, read_tree, sample_site, tathya};

/// The sample site with `copies` more rebuttals, so that a build takes a while.
fn larger_site(copies: usize) -> tempfile::TempDir {
    let site = sample_site(true);
    let rebuttal = fs::read_to_string(site.path().join("statements/2021/06/cowin-data-breach.yaml")).unwrap();
    for i in 0..copies {
        fs::write(site.path().join(format!("statements/2021/06/copy-{i:04}.yaml")), &rebuttal).unwrap();
    }
    site
}

#[test]
fn a_build_that_fails_at_one_record_changes_nothing() {
    let site = larger_site(20);
    let root = site.path();
    assert!(tathya(root, &["build"]).status.success());
    let before = read_tree(&root.join("public"));

    // Edit every record, so a successful build would change every page, and
    // make the template fail on one chosen record only: `check` cannot see
    // that, so the failure comes from rendering, part-way through.
    for i in 0..20 {
        let path = root.join(format!("statements/2021/06/copy-{i:04}.yaml"));
        let text = fs::read_to_string(&path).unwrap().replace("वातावरण में", "परिवेश में");
        fs::write(path, text).unwrap();
    }
    let template = root.join("templates/rebuttal.md");
    let text = fs::read_to_string(&template).unwrap();
    let failing = "{% if statement.id == \"2021/06/copy-0013\" %}{{ statement.no_such_field }}{% endif %}\n";
    fs::write(&template, format!("{failing}{text}")).unwrap();

    let output = tathya(root, &["build"]);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no_such_field"));
    assert_eq!(read_tree(&root.join("public")), before, "a failed build changed the published site");
    assert!(leftovers(root).is_empty(), "temporary folders left behind: {:?}", leftovers(root));
}

#[test]
fn a_killed_build_leaves_the_previous_site() {
    let site = larger_site(150);
    let root = site.path();
    assert!(tathya(root, &["build"]).status.success());
    assert!(leftovers(root).is_empty());
    let before = read_tree(&root.join("public"));
    let footer = root.join("locales/hi/site.ftl");
    let text = fs::read_to_string(&footer).unwrap().replace("के अंतर्गत", "के तहत");
    fs::write(&footer, text).unwrap();

    let mut killed_midway = 0;
    for delay in [50, 150, 300, 600] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tathya")).arg("build").current_dir(root).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap();
        child.wait().unwrap();
        if finished {
            break;
        }
        killed_midway += 1;
        assert_eq!(read_tree(&root.join("public")), before, "killed after {delay} ms, the site changed");
    }
    assert!(killed_midway > 0, "every build finished before it could be killed");
    // The next build cleans up and publishes.
    assert!(tathya(root, &["build"]).status.success());
    assert!(leftovers(root).is_empty(), "temporary folders left behind: {:?}", leftovers(root));
    let page = fs::read_to_string(root.join("public/hi/index.html")).unwrap();
    assert!(page.contains("के तहत"));
}

#[test]
fn a_rebuild_killed_at_any_moment_is_followed_by_a_correct_one() {
    let site = larger_site(150);
    let root = site.path();
    assert!(tathya(root, &["build"]).status.success());
    assert!(tathya(root, &["build", "--full"]).status.success(), "both copies written");
    let record = root.join("statements/2021/06/copy-0007.yaml");
    let original = fs::read_to_string(&record).unwrap();
    for (round, delay) in [2, 5, 10, 20, 40, 80].into_iter().enumerate() {
        let text = original.replace("a leak of CoWIN data", &format!("a leak of CoWIN data, take {round}"));
        fs::write(&record, text).unwrap();
        let before = read_tree(&root.join("public"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_tathya")).arg("build").current_dir(root).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap();
        child.wait().unwrap();
        // The published site is the old one, or the new one whole.
        let now = read_tree(&root.join("public"));
        let page = now.iter().find(|(f, _)| f == "en/2021/06/copy-0007/index.html").unwrap();
        let new = String::from_utf8_lossy(&page.1).contains(&format!("take {round}"));
        assert!(now == before || new, "killed after {delay} ms, the site is neither the old nor the new one");
        // Whatever the kill left, the next rebuild writes what a full build writes.
        assert!(tathya(root, &["build"]).status.success());
        assert!(tathya(root, &["build", "--full", "--out", "full"]).status.success());
        assert!(read_tree(&root.join("public")) == read_tree(&root.join("full")), "killed after {delay} ms");
    }
}
