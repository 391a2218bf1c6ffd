//! `tathya build` as a user runs it: the sample site, and what a build
//! guarantees beyond its pages (no invisible characters, same bytes every
//! time, a failed build changes nothing).

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::{files, read_tree, repo, sample_site, tathya};

#[test]
fn the_sample_site_builds_every_page_in_both_languages() {
    let site = sample_site(true);
    let output = tathya(site.path(), &["build"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let built: Vec<String> = files(&site.path().join("public")).iter().map(|f| f.display().to_string()).collect();
    for lang in ["en", "hi"] {
        for id in ["2021/06/cowin-data-breach", "2021/05/cowin-myths"] {
            for file in ["index.html", "index.md"] {
                let path = format!("{lang}/{id}/{file}");
                assert!(built.contains(&path), "{path} missing from {built:?}");
            }
        }
        assert!(built.contains(&format!("{lang}/index.html")));
    }
}

#[test]
fn the_hindi_rebuttal_page_reads_as_a_statement() {
    let site = sample_site(true);
    assert!(tathya(site.path(), &["build"]).status.success());
    let page = fs::read_to_string(site.path().join("public/hi/2021/06/cowin-data-breach/index.html")).unwrap();
    for expected in [
        "<html lang=\"hi\">",
        "स्वास्थ्य मंत्रालय ने कोविन से डेटा लीक होने की खबरों को गलत बताकर खारिज किया",
        "15 करोड़ उपयोगकर्ताओं",
        "डॉ. आर. एस. शर्मा, अध्यक्ष",
        "<strong class=\"verdict-badge\">गलत</strong>",
        "नई दिल्ली, 10 जून 2021",
        "गुरुवार, 10 जून 2021",
        "ने स्पष्ट किया है कि कोविन से डेटा लीक होने की खबरें गलत हैं।",
    ] {
        assert!(page.contains(expected), "the Hindi page lacks {expected:?}");
    }
}

#[test]
fn no_invisible_characters_reach_the_output() {
    let site = sample_site(true);
    assert!(tathya(site.path(), &["build"]).status.success());
    let invisible = [
        '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200b}', '\u{200e}', '\u{200f}', '\u{202f}', '\u{feff}',
        '\u{ad}',
    ];
    for (file, bytes) in read_tree(&site.path().join("public")) {
        // A claim's picture and the share cards are the files that are no text.
        if file.ends_with(".jpg") || file.ends_with(".png") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        if let Some(c) = text.chars().find(|c| invisible.contains(c)) {
            panic!("{file} contains U+{:04X}", c as u32);
        }
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let site = sample_site(true);
    assert!(tathya(site.path(), &["build", "--out", "first"]).status.success());
    assert!(tathya(site.path(), &["build", "--out", "second"]).status.success());
    assert_eq!(read_tree(&site.path().join("first")), read_tree(&site.path().join("second")));
}

#[test]
fn a_failed_build_leaves_the_previous_site_as_it_was() {
    let site = sample_site(true);
    assert!(tathya(site.path(), &["build"]).status.success());
    let before = read_tree(&site.path().join("public"));

    let record = site.path().join("statements/2021/06/cowin-data-breach.yaml");
    let text = fs::read_to_string(&record).unwrap().replace("issuer: mohfw", "issuer: nobody");
    fs::write(&record, text).unwrap();
    let output = tathya(site.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(read_tree(&site.path().join("public")), before);
    assert!(site.path().join(".public.tathya").is_dir(), "the store is not where the test looks");
    let leftovers = common::leftovers(site.path());
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
}

/// A build that stops on a record's error changes nothing beside the
/// site either: not the manifests the next build trusts, nor the copy it
/// writes into, even with `--full`, which reads that copy's files, nor
/// the stamp.
#[cfg(unix)]
#[test]
fn a_build_that_fails_on_a_record_leaves_its_store_as_it_was() {
    let site = sample_site(true);
    let root = site.path();
    let record = "statements/2021/06/cowin-data-breach.yaml";
    build_quietly(root, &[]);
    edit_file(root, record, "posts on social", "posts on all social");
    build_quietly(root, &[]);
    let store = root.join(".public.tathya");
    // What a build that starts writing removes from the copy it writes
    // into when it does not trust its manifest, as with `--full`.
    let stranger = store.join("next/stranger");
    std::os::unix::fs::symlink("elsewhere", &stranger).unwrap();
    let manifests = || ["a", "b"].map(|copy| fs::read(store.join(format!("{copy}.manifest"))).ok());
    let before = manifests();
    assert!(before.iter().all(Option::is_some), "the manifests are not where the test looks");
    edit_file(root, record, "issuer: mohfw", "issuer: nobody");
    for extra in [&[][..], &["--full"]] {
        let output = tathya(root, &[&["build"][..], extra].concat());
        assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
        assert!(manifests() == before, "a manifest changed ({extra:?})");
        assert!(fs::symlink_metadata(&stranger).is_ok(), "the copy was changed ({extra:?})");
        assert!(store.join("stamp").exists(), "the stamp was removed ({extra:?})");
    }
}

/// An output inside another, or inside its store, is refused: the build
/// of the outer folder would publish it (drafts inside the published
/// site) or remove it. Found by trying it.
#[test]
fn build_refuses_an_output_inside_another() {
    let site = sample_site(true);
    let root = site.path();
    build_quietly(root, &[]);
    for (out, drafts) in [("public/preview", true), ("public/en/x", false), (".public.tathya/x", false)] {
        let mut args = vec!["build", "--out", out];
        if drafts {
            args.push("--drafts");
        }
        let output = tathya(root, &args);
        assert_eq!(output.status.code(), Some(2), "{out}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("which tathya writes"), "{out}");
        assert!(!root.join(out).exists(), "{out} was written");
    }
}

#[test]
fn build_refuses_to_replace_the_site_root() {
    let site = sample_site(true);
    let output = tathya(site.path(), &["build", "--out", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(site.path().join("tathya.yaml").exists());
    assert!(String::from_utf8_lossy(&output.stderr).contains("refusing to write to"));
}

#[test]
fn the_repository_is_a_working_site_root() {
    let out = tempfile::tempdir().unwrap();
    let out_arg = out.path().join("public");
    let output = tathya(&repo(), &["build", "--out", out_arg.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn the_same_bytes_with_one_thread_or_many_in_any_time_zone_and_locale_holding_any_records() {
    let site = sample_site(true);
    let build = |out: &str, env: &[(&str, &str)]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_tathya"))
            .args(["build", "--now", "2026-01-01T00:00:00+05:30", "--out", out])
            .current_dir(site.path())
            .envs(env.iter().copied())
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        read_tree(&site.path().join(out))
    };
    let reference = build("one", &[("RAYON_NUM_THREADS", "1"), ("TZ", "UTC"), ("LANG", "C")]);
    let other = build(
        "many",
        &[("RAYON_NUM_THREADS", "8"), ("TZ", "Asia/Kolkata"), ("LANG", "hi_IN.UTF-8"), ("LC_ALL", "hi_IN.UTF-8")],
    );
    assert_eq!(reference, other);
    // Every record, or all but the first few, let go once checked and
    // read again to be rendered (as records past 256 MB of text are).
    for hold in ["0", "5000"] {
        let held = build(&format!("held-{hold}"), &[("TATHYA_HOLD_BYTES", hold)]);
        let names = |tree: &[(String, Vec<u8>)]| tree.iter().map(|(name, _)| name.clone()).collect::<BTreeSet<_>>();
        let missing: Vec<String> = names(&reference).difference(&names(&held)).cloned().collect();
        let extra: Vec<String> = names(&held).difference(&names(&reference)).cloned().collect();
        assert!(missing.is_empty() && extra.is_empty(), "holding {hold} bytes: {missing:?} missing, {extra:?} more");
        let differing: Vec<&String> =
            reference.iter().zip(&held).filter(|(a, b)| a.1 != b.1).map(|((name, _), _)| name).collect();
        assert!(differing.is_empty(), "holding {hold} bytes, these differ: {differing:?}");
    }
}

#[test]
fn a_rebuild_does_nothing_unless_an_input_or_the_output_changed() {
    let site = sample_site(true);
    let root = site.path();
    let build = || {
        let output = tathya(root, &["build", "--now", "2026-01-01T00:00:00+05:30"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stderr).unwrap()
    };
    assert!(build().contains("written"));
    assert!(build().contains("is up to date"));

    let page = root.join("public/hi/2021/06/cowin-data-breach/index.html");
    let changes: [(&str, &str, &str, &str); 4] = [
        ("statements/2021/06/cowin-data-breach.yaml", "वातावरण में रखता है।", "परिवेश में रखता है।", "परिवेश में रखता है।"),
        ("locales/hi/statement.ftl", "section-facts = तथ्य", "section-facts = मुख्य तथ्य", "मुख्य तथ्य"),
        (
            "templates/rebuttal.html",
            "<article class=\"statement rebuttal\">",
            "<article class=\"statement rebuttal changed\">",
            "rebuttal changed",
        ),
        ("tathya.yaml", "hi: नई दिल्ली", "hi: दिल्ली", ">दिल्ली, 10 जून 2021<"),
    ];
    for (file, from, to, visible) in changes {
        let path = root.join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
        let stderr = build();
        assert!(!stderr.contains("up to date"), "a change to {file} was not rebuilt");
        assert!(fs::read_to_string(&page).unwrap().contains(visible), "{file}: {visible:?} not in the page");
        assert!(build().contains("is up to date"));
    }

    // The copies of the site are tathya's: a page deleted there by hand is
    // not noticed, but `--full` builds it again, and so does any build
    // after the output folder is removed.
    fs::remove_file(&page).unwrap();
    assert!(build().contains("is up to date"));
    let output = tathya(root, &["build", "--full", "--now", "2026-01-01T00:00:00+05:30"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(page.is_file(), "--full did not restore a page deleted by hand");
    fs::remove_dir_all(root.join("public")).unwrap();
    assert!(!build().contains("up to date"), "a removed output folder was not rebuilt");
    assert!(page.is_file());
}

#[test]
fn a_rebuild_rewrites_only_the_files_that_changed() {
    let site = sample_site(true);
    let root = site.path();
    let record = root.join("statements/2021/06/cowin-data-breach.yaml");
    let edit = |from: &str, to: &str| {
        let text = fs::read_to_string(&record).unwrap().replace(from, to);
        fs::write(&record, text).unwrap();
    };
    // The site is kept in two copies, written in turn: the third build
    // writes into the copy of the first.
    assert!(tathya(root, &["build"]).status.success());
    let untouched = root.join("public/en/2021/05/cowin-myths/index.md");
    let before = fs::metadata(&untouched).unwrap().modified().unwrap();
    let first_copy = read_tree(&root.join("public"));
    edit("वातावरण में", "परिवेश में");
    assert!(tathya(root, &["build"]).status.success());
    edit("परिवेश में", "परिवेश के भीतर");
    let output = tathya(root, &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let after_build = read_tree(&root.join("public"));
    let changed: Vec<&str> =
        after_build.iter().filter(|file| !first_copy.contains(file)).map(|(name, _)| name.as_str()).collect();
    // Since the first build: the Hindi page and its Markdown, and the files
    // of the Hindi search index whose words came or went, and its manifest,
    // which names the index's new version; nothing else shows that fact, and
    // nothing else is written into the first build's copy.
    let page = "hi/2021/06/cowin-data-breach/index";
    assert!(changed.contains(&format!("{page}.html").as_str()) && changed.contains(&format!("{page}.md").as_str()));
    let others: Vec<&&str> = changed.iter().filter(|file| !file.starts_with(page)).collect();
    assert!(!others.is_empty(), "the search index did not learn the new word");
    assert!(others.contains(&&"hi/search/manifest.json"), "{others:?}");
    assert!(
        others.iter().all(|file| file.starts_with("hi/search/terms/") || **file == "hi/search/manifest.json"),
        "{others:?}"
    );
    assert!(stderr.contains(&format!(": {} written, 0 removed", changed.len())), "{changed:?}: {stderr}");
    assert_eq!(fs::metadata(&untouched).unwrap().modified().unwrap(), before, "an unchanged file was rewritten");
}

/// A change undone is still a change to whoever saw it: the file's time
/// moves on, though the copy the build writes into had those bytes two
/// builds ago, so that a server's Last-Modified never goes back (a browser
/// holding the changed page would be told it is current).
#[test]
fn a_change_undone_gives_the_file_a_newer_time() {
    let site = sample_site(true);
    let root = site.path();
    let record = root.join("statements/2021/06/cowin-data-breach.yaml");
    let original = fs::read_to_string(&record).unwrap();
    let page = root.join("public/hi/2021/06/cowin-data-breach/index.html");
    let time = || fs::metadata(&page).unwrap().modified().unwrap();
    assert!(tathya(root, &["build"]).status.success());
    fs::write(&record, original.replace("वातावरण में", "परिवेश में")).unwrap();
    assert!(tathya(root, &["build"]).status.success());
    let changed = time();
    fs::write(&record, &original).unwrap();
    assert!(tathya(root, &["build"]).status.success());
    assert!(fs::read_to_string(&page).unwrap().contains("वातावरण में"), "the change was not undone");
    assert!(time() > changed, "the undone page is dated before the change it undid");
}

/// The number of statements a build says it rendered.
fn rendered(stderr: &str) -> usize {
    let count = stderr
        .lines()
        .find_map(|line| line.split(" statements rendered").next().filter(|_| line.contains(" statements rendered")));
    count.and_then(|n| n.trim().parse().ok()).unwrap_or_else(|| panic!("no count in {stderr}"))
}

#[test]
fn a_rebuild_renders_only_what_changed_and_writes_what_a_full_build_writes() {
    let site = sample_site(true);
    let root = site.path();
    let original = fs::read_to_string(root.join("statements/2021/06/cowin-data-breach.yaml")).unwrap();
    let copy = |n: usize, related: &str| {
        original
            .replace("related: [2021/05/cowin-myths]", &format!("related: [{related}]"))
            .replace("en: a leak of CoWIN data", &format!("en: a leak of CoWIN data, number {n}"))
    };
    let record = |n: usize| root.join(format!("statements/2022/01/copy-{n}.yaml"));
    fs::create_dir_all(root.join("statements/2022/01")).unwrap();
    // The claim's picture the copies name, beside them.
    let picture = "cowin-data-breach-post.png";
    fs::copy(root.join("statements/2021/06").join(picture), root.join("statements/2022/01").join(picture)).unwrap();
    for n in 1..=4 {
        let related = if n == 1 { "2022/01/copy-2" } else { "" };
        fs::write(record(n), copy(n, related)).unwrap();
    }
    // A warning, which every build must show again, cached or not.
    let text = fs::read_to_string(record(3)).unwrap();
    fs::write(record(3), text.replacen("कोविन से डेटा", "कोविन  से डेटा", 1)).unwrap();

    let now = "2026-01-01T00:00:00+05:30";
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "--now", now];
        args.extend(extra);
        let output = tathya(root, &args);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stderr).unwrap()
    };
    let warnings =
        |stderr: &str| stderr.lines().filter(|l| !l.contains("statements rendered")).collect::<Vec<_>>().join("\n");
    let first = build(&[]);
    assert_eq!(rendered(&first), 8);
    assert!(first.contains("T087"), "{first}");

    let edit = |n: usize, from: &str, to: &str| {
        let text = fs::read_to_string(record(n)).unwrap();
        assert!(text.contains(from), "copy-{n} lacks {from:?}");
        fs::write(record(n), text.replacen(from, to, 1)).unwrap();
    };
    type Change<'a> = (&'a str, Box<dyn Fn() + 'a>, usize);
    let changes: Vec<Change> = vec![
        ("a record's text", Box::new(|| edit(4, "number 4", "number four")), 1),
        // Among the shared files, the record's date in the sitemap (and its feed entry) changes.
        ("a correction's date", Box::new(|| edit(4, "date: 2021-06-12", "date: 2021-06-14")), 1),
        ("a record with a related one", Box::new(|| edit(1, "number 1", "number one")), 2),
        ("a record relates to another", Box::new(|| edit(4, "related: []", "related: [2022/01/copy-3]")), 2),
        ("a record added", Box::new(|| fs::write(record(5), copy(5, "2022/01/copy-2")).unwrap()), 2),
        ("a record removed", Box::new(|| fs::remove_file(record(5)).unwrap()), 1),
        ("a record saved unchanged", Box::new(|| fs::write(record(2), fs::read(record(2)).unwrap()).unwrap()), 0),
        (
            "an embargo set",
            Box::new(|| edit(2, "publish_at: 2021-06-10T18:30:00+05:30", "publish_at: 2026-06-01T10:00:00+05:30")),
            2,
        ),
        (
            "a .ftl file",
            Box::new(|| edit_file(root, "locales/hi/statement.ftl", "section-facts = तथ्य", "section-facts = मुख्य तथ्य")),
            8,
        ),
        (
            "a template",
            Box::new(|| {
                edit_file(
                    root,
                    "templates/rebuttal.html",
                    "<article class=\"statement rebuttal\">",
                    "<article class=\"statement rebuttal x\">",
                )
            }),
            8,
        ),
        ("tathya.yaml", Box::new(|| edit_file(root, "tathya.yaml", "hi: नई दिल्ली", "hi: दिल्ली")), 8),
    ];
    for (what, change, expected) in changes {
        change();
        let stderr = build(&[]);
        assert_eq!(rendered(&stderr), expected, "after {what}: {stderr}");
        let full = build(&["--full", "--out", "full"]);
        assert_eq!(warnings(&stderr), warnings(&full), "after {what}");
        assert!(read_tree(&root.join("public")) == read_tree(&root.join("full")), "after {what}, the pages differ");
    }

    // The embargo ends: that record and its related one are built again.
    let later = ["--now", "2026-07-01T00:00:00+05:30"];
    let output = tathya(root, &[&["build"][..], &later].concat());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(rendered(&stderr), 2, "{stderr}");
    assert!(tathya(root, &[&["build", "--full", "--out", "full"][..], &later].concat()).status.success());
    assert!(read_tree(&root.join("public")) == read_tree(&root.join("full")), "after the embargo, the pages differ");
}

fn edit_file(root: &Path, file: &str, from: &str, to: &str) {
    let text = fs::read_to_string(root.join(file)).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    fs::write(root.join(file), text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_feed_carries_the_newest_feed_size_statements() {
    let site = sample_site(true);
    let root = site.path();
    let config = fs::read_to_string(root.join("tathya.yaml")).unwrap();
    fs::write(root.join("tathya.yaml"), format!("{config}\nfeed_size: 1\n")).unwrap();
    let output = tathya(root, &["build"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for lang in ["en", "hi"] {
        let feed = fs::read_to_string(root.join(format!("public/{lang}/atom.xml"))).unwrap();
        assert_eq!(feed.matches("<entry>").count(), 1, "{feed}");
        assert!(feed.contains("/2023/06/cowin-telegram-bot/"), "the newest statement is not the one in {feed}");
    }
}

#[test]
fn a_record_changed_within_the_same_clock_tick_is_rebuilt() {
    // A coarse clock can give a record the same size and time after an
    // edit made just after a build; that build's stamp and cache must
    // read such a record instead of trusting its size and time.
    let site = sample_site(true);
    let root = site.path();
    let record = root.join("statements/2021/06/cowin-data-breach.yaml");
    let page = root.join("public/en/2021/06/cowin-data-breach/index.html");
    let other = root.join("statements/2021/05/cowin-myths.yaml");
    let build = || {
        let output = tathya(root, &["build"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stderr).unwrap()
    };
    // Same length, same modification time: only the content tells.
    let edit_keeping_time = |path: &Path, from: &str, to: &str| {
        assert_eq!(from.len(), to.len());
        let modified = fs::metadata(path).unwrap().modified().unwrap();
        let text = fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{from:?}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
        set_modified(path, modified);
    };
    build();
    edit_keeping_time(&record, "a leak of CoWIN data", "a leak of CoWIN info");
    assert!(!build().contains("up to date"), "the stamp trusted a racy record");
    assert!(fs::read_to_string(&page).unwrap().contains("a leak of CoWIN info"));

    // The same through the build cache: another record's change makes the
    // stamp differ, and the racy record is read again. Its time is set to
    // now and built, so that the cache sees it in the same tick however
    // long the builds above took on a busy machine.
    set_modified(&record, std::time::SystemTime::now());
    build();
    edit_keeping_time(&record, "a leak of CoWIN info", "a leak of CoWIN news");
    let text = fs::read_to_string(&other).unwrap();
    fs::write(&other, format!("{text}\n")).unwrap();
    let stderr = build();
    // The edited rebuttal, the myth-buster, and the 2023 rebuttal that relates to the first.
    assert!(stderr.contains("3 statements rendered"), "{stderr}");
    assert!(fs::read_to_string(&page).unwrap().contains("a leak of CoWIN news"));
}

/// Gives the file at `path` the modification time `time`.
fn set_modified(path: &Path, time: std::time::SystemTime) {
    fs::File::options().write(true).open(path).unwrap().set_modified(time).unwrap();
}

/// Two records of the same size and modification time (as `tar x`,
/// `cp -p` or `rsync -a` leave them) swapped by renames after a build:
/// the rebuild sees both, by their inodes, and publishes each page with
/// its record's new text.
#[test]
fn records_of_the_same_size_and_time_swapped_are_rebuilt() {
    let site = sample_site(true);
    let root = site.path();
    let folder = root.join("statements/2021/06");
    let first = folder.join("cowin-data-breach.yaml");
    let second = folder.join("cowin-data-leak.yaml");
    let text = fs::read_to_string(&first).unwrap();
    assert!(text.contains("a leak of CoWIN data"), "the sample changed");
    fs::write(&second, text.replacen("a leak of CoWIN data", "a leak of CoWIN info", 1)).unwrap();
    let then = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
    set_modified(&first, then);
    set_modified(&second, then);
    build_quietly(root, &[]);
    let page = |slug: &str| fs::read_to_string(root.join(format!("public/en/2021/06/{slug}/index.html"))).unwrap();
    assert!(page("cowin-data-breach").contains("a leak of CoWIN data"));
    let aside = folder.join("aside");
    fs::rename(&first, &aside).unwrap();
    fs::rename(&second, &first).unwrap();
    fs::rename(&aside, &second).unwrap();
    build_quietly(root, &[]);
    assert!(page("cowin-data-breach").contains("a leak of CoWIN info"), "the swap was not seen");
    assert!(page("cowin-data-leak").contains("a leak of CoWIN data"), "the swap was not seen");
}

/// The values of the attributes `names` in `page`: `href="…"`, `src="…"`.
fn attribute_values<'a>(page: &'a str, names: &[&str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    for name in names {
        let marker = format!(" {name}=\"");
        for (at, _) in page.match_indices(&marker) {
            let rest = &page[at + marker.len()..];
            out.extend(rest.find('"').map(|end| &rest[..end]));
        }
    }
    out
}

/// Every absolute http(s) URL anywhere in `text`: attributes, JSON-LD,
/// feed ids, sitemap locations, Markdown links.
fn absolute_urls(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for scheme in ["https://", "http://"] {
        for (at, _) in text.match_indices(scheme) {
            let rest = &text[at..];
            let end = rest.find(|c: char| c.is_whitespace() || "\"'<>)]".contains(c)).unwrap_or(rest.len());
            out.push(&rest[..end]);
        }
    }
    out
}

/// A site served below the root of its host (issue 13): every link from a
/// page, every absolute URL of the site (canonical, alternates, og:url,
/// JSON-LD, feeds, sitemap) keeps the path of `base_url`, and every link
/// leads to a file of the build.
#[test]
fn a_site_below_the_root_of_its_host_keeps_its_path_in_every_url() {
    const BASE: &str = "https://example.gov.in/factcheck/";
    let site = sample_site(true);
    let root = site.path();
    edit_file(
        root,
        "tathya.yaml",
        "base_url: https://factcheck.example.gov.in",
        &format!("base_url: {BASE}\nper_page: 2"),
    );
    let output = tathya(root, &["build"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let public = root.join("public");
    let (mut links, mut urls) = (0, 0);
    for file in files(&public) {
        let name = file.display().to_string();
        let Ok(text) = fs::read_to_string(public.join(&file)) else { continue };
        assert!(!text.contains("factcheck.example.gov.in"), "{name} names the old base_url");
        for url in absolute_urls(&text).into_iter().filter(|url| url.contains("://example.gov.in")) {
            assert!(url.starts_with(BASE), "{name}: {url} is not below {BASE}");
            urls += 1;
        }
        let mut local: Vec<&str> = attribute_values(&text, &["href", "src", "action"]);
        local.extend(text.match_indices("](/").map(|(at, _)| {
            let rest = &text[at + 2..];
            &rest[..rest.find(')').unwrap_or(rest.len())]
        }));
        for link in local.into_iter().filter(|link| link.starts_with('/')) {
            assert!(link.starts_with("/factcheck/"), "{name}: {link} is not below /factcheck/");
            let path = link.trim_start_matches("/factcheck/").split('#').next().unwrap();
            let target = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.into() };
            assert!(public.join(&target).is_file(), "{name}: {link} leads to no file");
            links += 1;
        }
        for link in attribute_values(&text, &["href", "src"]) {
            let relative = !link.contains(':') && !link.starts_with('/') && !link.starts_with('#');
            assert!(!relative, "{name}: {link} is relative to the page");
        }
    }
    for file in ["en/atom.xml", "hi/atom.xml", "sitemap.xml"] {
        let text = fs::read_to_string(public.join(file)).unwrap();
        let own = absolute_urls(&text).into_iter().filter(|url| url.starts_with(BASE)).count();
        assert!(own > 3, "{file} has only {own} URLs of the site");
    }
    assert!(links > 100 && urls > 100, "only {links} links and {urls} absolute URLs checked");
    let page = fs::read_to_string(public.join("en/page/2/index.html")).unwrap();
    for link in ["/factcheck/style.css", "/factcheck/favicon.svg", "/factcheck/en/atom.xml", "/factcheck/en/\""] {
        assert!(page.contains(link), "the second page of the index lacks {link}");
    }
}

/// The claim as it circulated: the picture beside the record is served
/// resized and compressed (at most 200 KB, its size on the page), from the
/// site itself, the verdict stamped over it by CSS; a rebuild keeps it, and
/// a new picture is served at the next build.
#[test]
fn a_claim_s_picture_is_served_light_from_the_site_and_kept_by_rebuilds() {
    let site = sample_site(true);
    let root = site.path();
    assert!(tathya(root, &["build"]).status.success());
    let served = root.join("public/images/2021/06/cowin-data-breach.jpg");
    let bytes = fs::read(&served).unwrap();
    assert!(bytes.starts_with(&[0xff, 0xd8]) && bytes.len() <= 200 * 1024, "{} bytes, or not a JPEG", bytes.len());
    for (lang, alt) in [("en", "A social media post claiming"), ("hi", "सोशल मीडिया की एक पोस्ट")]
    {
        let page =
            fs::read_to_string(root.join(format!("public/{lang}/2021/06/cowin-data-breach/index.html"))).unwrap();
        let img = page
            .split("<img src=\"/images/2021/06/cowin-data-breach.jpg\"")
            .nth(1)
            .unwrap_or_else(|| panic!("{lang}: no picture"));
        let img = img.split('>').next().unwrap();
        assert!(img.contains(&format!("alt=\"{alt}")), "{lang}: {img}");
        assert!(img.contains("width=\"562\" height=\"330\""), "{lang}: the picture's size is not on the page: {img}");
        assert!(page.contains("<span class=\"stamp verdict-false\" aria-hidden=\"true\">"), "{lang}: no stamp");
    }
    // Another record changes: the picture stays.
    edit_file(root, "statements/2021/05/vaccination-myths.yaml", "date: 2021-05-27", "date: 2021-05-28");
    assert!(tathya(root, &["build"]).status.success());
    assert_eq!(fs::read(&served).unwrap(), bytes, "a rebuild lost or changed the picture");
    // The picture changes: the next build serves the new one.
    let picture = root.join("statements/2021/06/cowin-data-breach-post.png");
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(300, 200, image::Rgb([200, 30, 30])))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    fs::write(&picture, png).unwrap();
    assert!(tathya(root, &["build"]).status.success());
    assert_ne!(fs::read(&served).unwrap(), bytes, "the new picture is not served");
    let page = fs::read_to_string(root.join("public/en/2021/06/cowin-data-breach/index.html")).unwrap();
    assert!(page.contains("width=\"300\" height=\"200\""), "the page keeps the old picture's size");
}

/// A build cache left by an older build, when the saves of the two builds
/// after it failed (they publish the two copies in turn), names a copy
/// that is published again, but not the build that published it: it must
/// not be used. Here two builds change a record each, adding a word to the
/// index, and their caches are lost; then both records' text is restored
/// to what the older cache knows. The next build must publish what a full
/// build makes: neither the pages of the lost builds kept, nor their words
/// in the search index.
#[test]
fn a_build_by_an_older_cache_publishes_what_a_full_build_makes() {
    let site = sample_site(true);
    let root = site.path();
    let build = |extra: &[&str]| build_quietly(root, extra);
    let records = root.join(".public.tathya/records");
    let (g, h) = ("2021/05/vaccination-myths.yaml", "2021/05/cowin-myths.yaml");
    let original = |file: &str| fs::read(root.join("statements").join(file)).unwrap();
    let (g_text, h_text) = (original(g), original(h));
    build(&[]);
    edit_file(root, "statements/2021/06/cowin-data-breach.yaml", "posts on social", "posts on whsocial");
    build(&[]);
    let older = tempfile::tempdir().unwrap();
    common::copy_tree(&records, older.path());
    edit_file(root, &format!("statements/{g}"), "Vaccines made abroad", "Vaccines whgammaone made abroad");
    build(&[]);
    edit_file(root, &format!("statements/{h}"), "CoWIN can be hacked", "CoWIN can be whgammatwo hacked");
    build(&[]);
    fs::remove_dir_all(&records).unwrap();
    fs::create_dir_all(&records).unwrap();
    common::copy_tree(older.path(), &records);
    fs::write(root.join("statements").join(g), g_text).unwrap();
    fs::write(root.join("statements").join(h), h_text).unwrap();
    edit_file(root, "statements/2021/06/cowin-data-breach.yaml", "posts on whsocial", "posts on wh-social");
    build(&[]);
    build(&["--full", "--out", "full"]);
    let index = |out: &str| -> Vec<(String, Vec<u8>)> {
        let tree = read_tree(&root.join(out));
        tree.into_iter().filter(|(name, _)| name.contains("/search/") && name.ends_with(".json")).collect()
    };
    let published = index("public");
    assert!(!published.is_empty());
    let stale: Vec<&String> = published
        .iter()
        .filter(|(_, bytes)| bytes.windows(10).any(|w| w == b"whgammaone" || w == b"whgammatwo"))
        .map(|(n, _)| n)
        .collect();
    assert!(stale.is_empty(), "words of lost builds in {stale:?}");
    assert!(published == index("full"), "the search index differs from a full build's");
    assert!(read_tree(&root.join("public")) == read_tree(&root.join("full")), "the pages differ from a full build's");
}

/// `tathya build --quiet` with `extra` in `root`, which must succeed.
fn build_quietly(root: &Path, extra: &[&str]) {
    let output = tathya(root, &[&["build", "--quiet"][..], extra].concat());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// Builds `root` in full into `full`, which must be what `public` holds.
fn assert_published_as_full_build(root: &Path) {
    build_quietly(root, &["--full", "--out", "full"]);
    assert!(read_tree(&root.join("public")) == read_tree(&root.join("full")), "the pages differ from a full build's");
}

/// A list cut into pages, one statement a page: a record added after
/// the last, or moved to a year the site had none, leaves every other
/// page's statements as they were, but not its count of pages nor its
/// links to the years. A rebuild publishes what a full build does.
#[test]
fn a_list_s_pages_follow_a_record_added_at_its_end() {
    let site = sample_site(true);
    let root = site.path();
    edit_file(root, "tathya.yaml", "base_url:", "per_page: 1\nbase_url:");
    let original = fs::read_to_string(root.join("statements/2021/05/cowin-myths.yaml")).unwrap();
    build_quietly(root, &[]);
    // Older than every other, in a year the site has.
    fs::create_dir_all(root.join("statements/2021/01")).unwrap();
    let text = original.replace("date: 2021-05-27", "date: 2021-01-04");
    assert_ne!(text, original);
    fs::write(root.join("statements/2021/01/oldest.yaml"), text).unwrap();
    build_quietly(root, &[]);
    assert_published_as_full_build(root);
    // Moved to a year before any: the other pages' links to the years change.
    edit_file(root, "statements/2021/01/oldest.yaml", "date: 2021-01-04", "date: 2019-01-04");
    build_quietly(root, &[]);
    assert_published_as_full_build(root);
    fs::remove_dir_all(root.join("statements/2021/01")).unwrap();
    build_quietly(root, &[]);
    assert_published_as_full_build(root);
}

/// `build --full` compares every file of both copies: a page deleted by
/// hand from the published site is back after it, and stays back at the
/// build after, which writes into the copy that was published (and whose
/// manifest no longer vouches for it).
#[test]
fn a_full_build_repairs_a_page_deleted_by_hand_for_the_builds_after_it() {
    let site = sample_site(true);
    let root = site.path();
    let build = |extra: &[&str]| build_quietly(root, extra);
    let record = "statements/2021/06/cowin-data-breach.yaml";
    build(&[]);
    edit_file(root, record, "posts on social", "posts on all social");
    build(&[]);
    let page = root.join("public/en/2021/05/cowin-myths/index.html");
    let bytes = fs::read(&page).unwrap();
    fs::remove_file(&page).unwrap();
    build(&["--full"]);
    assert_eq!(fs::read(&page).ok().as_ref(), Some(&bytes), "--full did not bring the page back");
    edit_file(root, record, "posts on all social", "posts on some social");
    build(&[]);
    assert_eq!(fs::read(&page).ok().as_ref(), Some(&bytes), "the build after --full lost the page again");
    assert_published_as_full_build(root);
}

/// The two copies' manifests traded by hand (or one copied over the
/// other): neither is taken for the copy it does not describe. The build
/// after compares its copy's files, and publishes what `--full` does,
/// the edit already published kept.
#[test]
fn manifests_traded_by_hand_are_not_taken_for_each_other() {
    let site = sample_site(true);
    let root = site.path();
    let build = |extra: &[&str]| build_quietly(root, extra);
    let store = root.join(".public.tathya");
    build(&[]);
    edit_file(root, "statements/2021/06/cowin-data-breach.yaml", "posts on social", "posts on whtraded social");
    build(&[]);
    for trade in [true, false] {
        edit_file(root, "statements/2021/05/cowin-myths.yaml", "CoWIN can be", "CoWIN can still be");
        let (a, b) = (store.join("a.manifest"), store.join("b.manifest"));
        if trade {
            let kept = fs::read(&a).unwrap();
            fs::copy(&b, &a).unwrap();
            fs::write(&b, kept).unwrap();
        } else {
            fs::copy(&b, &a).unwrap();
        }
        build(&[]);
        let page = fs::read_to_string(root.join("public/en/2021/06/cowin-data-breach/index.html")).unwrap();
        assert!(page.contains("whtraded"), "an edit already published was lost");
        assert_published_as_full_build(root);
        edit_file(root, "statements/2021/05/cowin-myths.yaml", "CoWIN can still be", "CoWIN can be");
        build(&[]);
    }
}

/// A page deleted by hand from the published site, which the next build
/// must copy (the copy it writes into has an older version): the build
/// fails, naming the page and what to do, and publishes nothing; `--full`
/// then builds it.
#[test]
fn a_page_deleted_by_hand_that_must_be_kept_says_to_build_again_with_full() {
    let site = sample_site(true);
    let root = site.path();
    let build = |extra: &[&str]| build_quietly(root, extra);
    build(&[]);
    edit_file(root, "statements/2021/05/cowin-myths.yaml", "CoWIN can be hacked", "CoWIN can easily be hacked");
    build(&[]);
    let page = root.join("public/en/2021/05/cowin-myths/index.html");
    fs::remove_file(&page).unwrap();
    edit_file(root, "statements/2021/05/vaccination-myths.yaml", "Vaccines made abroad", "Vaccines made elsewhere");
    let output = tathya(root, &["build", "--quiet"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cowin-myths") && stderr.contains("build again with --full"), "{stderr}");
    assert!(!page.exists(), "a build that failed published");
    build(&["--full"]);
    assert!(page.exists(), "--full did not bring the page back");
}

/// A build killed while it removed the pages of a removed record leaves
/// their folders empty in the copy it wrote, and that copy without a
/// manifest. The build that next writes into that copy compares its files,
/// and must not publish those folders.
#[test]
fn a_copy_without_its_manifest_loses_the_empty_folders_of_a_killed_build() {
    let site = sample_site(true);
    let root = site.path();
    let build = |extra: &[&str]| build_quietly(root, extra);
    build(&[]);
    build(&[]);
    let store = root.join(".public.tathya");
    let empty = store.join("next/en/2021/05/removed-record/print");
    fs::create_dir_all(&empty).unwrap();
    for copy in ["a", "b"] {
        let _ = fs::remove_file(store.join(format!("{copy}.manifest")));
    }
    edit_file(root, "statements/2021/06/cowin-data-breach.yaml", "posts on social", "posts on all social");
    build(&[]);
    assert!(root.join("public/en/2021/05").is_dir());
    assert!(!root.join("public/en/2021/05/removed-record").exists(), "an empty folder is published");
}

/// The cache keeps each record's summaries, feed entries and words beside
/// its bucket, and a bucket saved again takes those of the records it did
/// not render from the last build's: with a few hundred records, buckets
/// are shared, and every summary, feed entry and word must survive an edit
/// of a neighbour in its bucket, as the builds after it (a feed of all,
/// every list page made again after a removal) show.
#[test]
fn the_feed_entries_and_words_of_records_not_rendered_survive_their_bucket_saved_again() {
    let site = sample_site(true);
    let root = site.path();
    let config = fs::read_to_string(root.join("tathya.yaml")).unwrap();
    fs::write(root.join("tathya.yaml"), format!("{config}\nshare_cards: false\nfeed_size: 1000\n")).unwrap();
    let original = fs::read_to_string(root.join("statements/2021/06/cowin-data-breach.yaml")).unwrap();
    fs::create_dir_all(root.join("statements/2022/01")).unwrap();
    let picture = "cowin-data-breach-post.png";
    fs::copy(root.join("statements/2021/06").join(picture), root.join("statements/2022/01").join(picture)).unwrap();
    let record = |n: usize| root.join(format!("statements/2022/01/copy-{n}.yaml"));
    for n in 0..160 {
        let text = original
            .replace("related: [2021/05/cowin-myths]", "related: []")
            .replace("en: a leak of CoWIN data", &format!("en: a leak of CoWIN data, word{n}"));
        fs::write(record(n), text).unwrap();
    }
    build_quietly(root, &[]);
    type Round<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let rounds: Vec<Round> = vec![
        (
            "ten records edited",
            Box::new(|| {
                for n in (0..160).step_by(16) {
                    let text = fs::read_to_string(record(n)).unwrap();
                    fs::write(record(n), text.replace(&format!("word{n}"), &format!("edited{n}"))).unwrap();
                }
            }),
        ),
        ("one record edited", Box::new(|| edit_file(root, "statements/2022/01/copy-7.yaml", "word7", "changed7"))),
        ("one record removed", Box::new(|| fs::remove_file(record(100)).unwrap())),
        (
            "the newest record removed, which moves every list page",
            Box::new(|| fs::remove_file(root.join("statements/2023/06/cowin-telegram-bot.yaml")).unwrap()),
        ),
    ];
    for (what, change) in rounds {
        change();
        build_quietly(root, &[]);
        build_quietly(root, &["--full", "--out", "full"]);
        let tree = |dir: &str| read_tree(&root.join(dir)).into_iter().collect::<std::collections::BTreeMap<_, _>>();
        let (built, full) = (tree("public"), tree("full"));
        for file in full.keys().filter(|file| file.ends_with("atom.xml") || file.contains("/search/")) {
            assert!(built.get(file) == full.get(file), "after {what}, {file} differs from a full build's");
        }
        assert!(built == full, "after {what}, the pages differ");
    }
}

/// Changes the bytes of every side file of the build cache of `root`'s
/// `public` that holds any (those of empty buckets are empty) with `damage`.
fn damage_side_files(root: &Path, damage: impl Fn(&mut Vec<u8>)) {
    let mut damaged = 0;
    for entry in fs::read_dir(root.join(".public.tathya/records")).unwrap() {
        let path = entry.unwrap().path();
        let mut bytes = fs::read(&path).unwrap();
        // A side file is named by its bucket and its hash; a bucket's file by its bucket alone.
        if path.file_name().unwrap().to_string_lossy().contains('-') && !bytes.is_empty() {
            damage(&mut bytes);
            fs::write(&path, bytes).unwrap();
            damaged += 1;
        }
    }
    assert!(damaged > 0, "no side file to damage");
}

/// The summaries of the records a rebuild does not render are read from the
/// cache when a list page made again shows them, each checked against its
/// hash: one that does not hold stops the build, which publishes nothing,
/// rather than list a statement as the cache garbled it.
#[test]
fn a_cache_with_a_damaged_summary_stops_the_build() {
    let site = sample_site(true);
    let root = site.path();
    build_quietly(root, &[]);
    let before = read_tree(&root.join("public"));
    // A side file starts with the summaries of its bucket's first record.
    damage_side_files(root, |bytes| bytes[1] ^= 0x20);
    // Removed, the newest record moves every statement on the list pages.
    fs::remove_file(root.join("statements/2023/06/cowin-telegram-bot.yaml")).unwrap();
    let output = tathya(root, &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is damaged") && stderr.contains("the summaries in"), "{stderr}");
    assert!(read_tree(&root.join("public")) == before, "a build that stopped changed the site");
    build_quietly(root, &["--full"]);
}

/// `check` publishes nothing: a build cache it finds damaged as it reads
/// it (or saved again by a build beside it, which it does not wait for)
/// is let go, and every record read, with the findings of `check --full`.
#[test]
fn check_with_a_damaged_cache_reads_every_record() {
    let site = sample_site(true);
    let root = site.path();
    build_quietly(root, &[]);
    damage_side_files(root, Vec::clear);
    edit_file(root, "statements/2023/06/cowin-telegram-bot.yaml", "through a Telegram bot", "through a zebrafinch bot");
    let (cached, full) = (tathya(root, &["check"]), tathya(root, &["check", "--full"]));
    let text = |output: &std::process::Output| String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(cached.status.code(), full.status.code(), "{}", String::from_utf8_lossy(&cached.stderr));
    assert_eq!(text(&cached), text(&full));
    assert!(text(&full).contains("warning"), "the sample site's warnings are not shown: {}", text(&full));
}

/// A rebuild patches the search index with the old words of the records it
/// renders again, which the cache keeps apart: if it cannot read them, the
/// build stops and publishes nothing, rather than keep the old words in the
/// index as if nothing changed; `--full` builds it whole.
#[test]
fn a_cache_without_the_old_words_of_an_edited_record_stops_the_build() {
    let site = sample_site(true);
    let root = site.path();
    let config = fs::read_to_string(root.join("tathya.yaml")).unwrap();
    // The feed shows the edited record alone, rendered again: only the search asks for old words.
    fs::write(root.join("tathya.yaml"), format!("{config}\nfeed_size: 1\n")).unwrap();
    build_quietly(root, &[]);
    let before = read_tree(&root.join("public"));
    // A side file ends with the extras of its bucket's last record; in the
    // sample site each bucket has one record, and its summaries are left whole.
    damage_side_files(root, |bytes| *bytes.last_mut().unwrap() ^= 0x20);
    edit_file(root, "statements/2023/06/cowin-telegram-bot.yaml", "through a Telegram bot", "through a zebrafinch bot");
    let output = tathya(root, &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the extras in") && stderr.contains("build again with --full"), "{stderr}");
    assert!(read_tree(&root.join("public")) == before, "a build that stopped changed the site");
    build_quietly(root, &["--full"]);
    // The file of words beginning "ze", in hexadecimal.
    let index = fs::read_to_string(root.join("public/en/search/terms/7a65.json"));
    assert!(index.is_ok_and(|words| words.contains("zebrafinch")), "the new word is not in the index");
}
