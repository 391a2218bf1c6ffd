//! The output folder is the user's: tathya writes only a folder it made,
//! publishes a plain folder in one step, one build at a time, keeps drafts
//! out of it, survives a failed write, and knows a rebuilt binary.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{files, read_tree, sample_site, tathya};

/// Every file under `dir` with its bytes, to see that nothing changed.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = files(dir)
        .into_iter()
        .filter(|f| !f.starts_with(".public.tathya"))
        .map(|f| (f.display().to_string(), fs::read(dir.join(&f)).unwrap()))
        .collect();
    out.sort();
    out
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_folder_tathya_did_not_make_is_never_written_nor_deleted() {
    let site = sample_site(true);
    let root = site.path();
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::write(root.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    fs::create_dir_all(root.join("mine")).unwrap();
    fs::write(root.join("mine/notes.txt"), "my own notes").unwrap();
    fs::write(root.join("a-file"), "a file").unwrap();
    std::os::unix::fs::symlink(root.join("mine"), root.join("link-to-mine")).unwrap();
    let before = snapshot(root);
    for out in [
        "statements",
        "statements/2021",
        "templates",
        "locales",
        ".git",
        ".",
        "..",
        "mine",
        "a-file",
        "link-to-mine",
        "statements/new-folder",
    ] {
        let output = tathya(root, &["build", "--out", out]);
        assert_eq!(output.status.code(), Some(2), "--out {out}: {}", stderr(&output));
        assert!(stderr(&output).contains("refusing to"), "--out {out}: {}", stderr(&output));
        assert_eq!(snapshot(root), before, "--out {out} changed the site root");
    }
    assert!(!root.join("statements/new-folder").exists());
    assert!(!root.join(".mine.tathya").exists(), "a store was made beside a refused folder");
}

#[test]
fn an_empty_folder_becomes_the_output_and_is_rebuilt_in_place() {
    let site = sample_site(true);
    let root = site.path();
    fs::create_dir_all(root.join("site")).unwrap();
    let output = tathya(root, &["build", "--out", "site"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(root.join("site/en/index.html").is_file());
    // A second build into the folder it made, after a change.
    let record = root.join("statements/2021/06/cowin-data-breach.yaml");
    let text = fs::read_to_string(&record).unwrap().replace("secure digital environment", "safe digital environment");
    fs::write(&record, text).unwrap();
    let output = tathya(root, &["build", "--out", "site"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = fs::read_to_string(root.join("site/en/2021/06/cowin-data-breach/index.html")).unwrap();
    assert!(page.contains("safe digital environment"));
}

#[test]
fn the_published_site_is_a_plain_folder_that_copies_see_whole() {
    let site = sample_site(true);
    let root = site.path();
    assert!(tathya(root, &["build"]).status.success());
    // Twice, so that the published folder is the one that traded places.
    let record = root.join("statements/2021/06/cowin-data-breach.yaml");
    let text = fs::read_to_string(&record).unwrap().replace("secure digital environment", "safe digital environment");
    fs::write(&record, text).unwrap();
    assert!(tathya(root, &["build"]).status.success());
    let public = root.join("public");
    assert!(fs::symlink_metadata(&public).unwrap().is_dir(), "public/ is not a plain folder");
    let pages: Vec<PathBuf> = files(&public).into_iter().filter(|f| f.ends_with("index.html")).collect();
    assert!(pages.len() >= 10, "{pages:?}");

    let run = |program: &str, args: &[&str]| {
        let output = Command::new(program).args(args).current_dir(root).output().unwrap();
        assert!(output.status.success(), "{program} {args:?}: {}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    run("cp", &["-r", "public", "copied"]);
    assert_eq!(read_tree(&root.join("copied")), read_tree(&public), "cp -r public");
    let found = run("find", &["public", "-name", "index.html"]);
    assert_eq!(found.lines().count(), pages.len(), "find public -name index.html: {found}");
    let listed = run("tar", &["-C", "public", "-c", ".", "-f", "site.tar"]);
    assert!(listed.is_empty());
    let names = run("tar", &["-t", "-f", "site.tar"]);
    let in_tar = names.lines().filter(|name| name.ends_with("index.html")).count();
    assert_eq!(in_tar, pages.len(), "tar -C public -c .: {names}");
}

#[test]
fn a_site_published_as_a_link_by_tathya_0_1_becomes_a_folder() {
    let site = sample_site(true);
    let root = site.path();
    assert!(tathya(root, &["build"]).status.success());
    let expected = read_tree(&root.join("public"));
    // The layout of 0.1: public -> .public.tathya/a, the copy without a marker.
    fs::rename(root.join("public"), root.join(".public.tathya/a")).unwrap();
    fs::remove_file(root.join(".public.tathya/a/.tathya-output")).unwrap();
    std::os::unix::fs::symlink(".public.tathya/a", root.join("public")).unwrap();
    let output = tathya(root, &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(fs::symlink_metadata(root.join("public")).unwrap().is_dir());
    assert_eq!(read_tree(&root.join("public")), expected);
    assert!(!root.join(".public.tathya/a").exists());
}

#[test]
fn a_second_build_waits_or_with_no_wait_refuses() {
    let site = sample_site(true);
    let root = site.path();
    assert!(tathya(root, &["build"]).status.success());
    let lock = fs::OpenOptions::new().write(true).open(root.join(".public.tathya/lock")).unwrap();
    lock.lock().unwrap();
    let output = tathya(root, &["build", "--no-wait", "--full"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("another build is writing"), "{}", stderr(&output));

    // Without --no-wait it waits, and goes on when the lock is let go.
    let mut waiting = Command::new(env!("CARGO_BIN_EXE_tathya"))
        .args(["build", "--full"])
        .current_dir(root)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(waiting.try_wait().unwrap().is_none(), "the second build did not wait");
    lock.unlock().unwrap();
    let output = waiting.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("waiting for another build"), "{}", stderr(&output));
}

/// Two builds of one root that overlap, with a record changed between
/// their starts, publish what a fresh build of the final records publishes.
#[test]
fn overlapping_builds_publish_the_final_records() {
    let site = sample_site(true);
    let root = site.path();
    let record = root.join("statements/2021/06/cowin-data-breach.yaml");
    let original = fs::read_to_string(&record).unwrap();
    assert!(tathya(root, &["build"]).status.success());
    let fresh = tempfile::tempdir().unwrap();
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_tathya"))
            .args(["build"])
            .current_dir(root)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    for round in 0..50 {
        let text = original.replace("secure digital environment", &format!("secure digital environment {round}"));
        let first = spawn();
        // Vary where in the first build the change lands.
        std::thread::sleep(std::time::Duration::from_millis((round % 5) * 15));
        // Saved as an editor saves, whole: a build that reads a half-written
        // record refuses it, rightly, which is not what this test is about.
        fs::write(record.with_extension("tmp"), &text).unwrap();
        fs::rename(record.with_extension("tmp"), &record).unwrap();
        let second = spawn();
        for child in [first, second] {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "round {round}: {}", stderr(&output));
        }
        // A fresh build of the final records, elsewhere.
        let _ = fs::remove_dir_all(fresh.path().join("site"));
        fs::create_dir_all(fresh.path().join("site")).unwrap();
        common::copy_tree(root, &fresh.path().join("site"));
        for generated in ["public", ".public.tathya"] {
            let _ = fs::remove_dir_all(fresh.path().join("site").join(generated));
        }
        assert!(tathya(&fresh.path().join("site"), &["build"]).status.success());
        assert!(
            read_tree(&root.join("public")) == read_tree(&fresh.path().join("site/public")),
            "round {round}: the published site is not a build of the final records"
        );
    }
}

#[test]
fn drafts_go_to_a_preview_folder_never_to_the_published_one() {
    let site = sample_site(true);
    let root = site.path();
    let myths = root.join("statements/2021/05/cowin-myths.yaml");
    let text = fs::read_to_string(&myths).unwrap().replace("status: published", "status: draft");
    fs::write(&myths, text).unwrap();
    let plain = sample_site(true);
    fs::copy(&myths, plain.path().join("statements/2021/05/cowin-myths.yaml")).unwrap();
    assert!(tathya(plain.path(), &["build"]).status.success());

    let output = tathya(root, &["build", "--drafts"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!root.join("public").exists(), "a --drafts build wrote public/");
    let preview = root.join("public-preview");
    let draft = fs::read_to_string(preview.join("en/2021/05/cowin-myths/index.html")).unwrap();
    assert!(draft.contains("<title>[Draft] "), "no mark in the draft's title");
    for (file, bytes) in read_tree(&preview) {
        let text = String::from_utf8_lossy(&bytes);
        if file.ends_with(".html") {
            assert!(text.contains(r#"<meta name="robots" content="noindex, nofollow">"#), "{file} may be indexed");
        }
        if file.ends_with(".xml") {
            assert!(!text.contains("cowin-myths"), "{file} lists the draft");
        }
    }
    let index = fs::read_to_string(preview.join("hi/index.html")).unwrap();
    assert!(index.contains(r#"<strong class="status-mark">मसौदा</strong>"#), "no mark in the list");
    let linking = preview.join("en/2021/06/cowin-data-breach");
    let page = fs::read_to_string(linking.join("index.html")).unwrap();
    assert!(page.contains(r#"<strong class="status-mark">Draft</strong> <a href="#), "no mark on a related draft");
    let page = fs::read_to_string(linking.join("index.md")).unwrap();
    assert!(page.contains(r"- **\[Draft\]** ["), "no mark on a related draft in Markdown:\n{page}");

    // A published build next to it, and one into the preview, refused.
    assert!(tathya(root, &["build"]).status.success());
    assert_eq!(read_tree(&root.join("public")), read_tree(&plain.path().join("public")));
    for (file, bytes) in read_tree(&root.join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        // A preview's pages are "noindex, nofollow"; a page not found is "noindex" anywhere.
        assert!(!text.contains("cowin-myths") && !text.contains("nofollow"), "{file}");
    }
    let output = tathya(root, &["build", "--out", "public-preview"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let output = tathya(root, &["build", "--drafts", "--out", "public"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

/// A write that fails half way (a file larger than the limit the shell
/// sets, as a full disk would fail it) changes nothing published, leaves
/// nothing that stops the next build, which writes a whole site.
#[test]
fn a_failed_write_leaves_the_site_and_the_next_build_whole() {
    let site = sample_site(true);
    let root = site.path();
    assert!(tathya(root, &["build"]).status.success());
    let before = read_tree(&root.join("public"));
    let record = root.join("statements/2021/06/cowin-data-breach.yaml");
    let text = fs::read_to_string(&record).unwrap().replace("secure digital environment", "safe digital environment");
    fs::write(&record, text).unwrap();
    // The shell ignores SIGXFSZ, so the limit makes write() fail (EFBIG)
    // instead of killing the process; files of more than 4 KiB fail.
    let script = format!("trap '' XFSZ; ulimit -f 8; exec '{}' build --full", env!("CARGO_BIN_EXE_tathya"));
    let output = Command::new("sh").args(["-c", &script]).current_dir(root).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("cannot write"), "{}", stderr(&output));
    assert_eq!(read_tree(&root.join("public")), before, "a failed build changed the published site");

    let output = tathya(root, &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let full = tathya(root, &["build", "--full", "--out", "full"]);
    assert!(full.status.success());
    assert_eq!(read_tree(&root.join("public")), read_tree(&root.join("full")));
}

/// A binary built from other sources does not take the last build for up
/// to date: its build id differs. Made here by rewriting the id in a copy.
#[test]
fn a_rebuilt_binary_builds_again() {
    let binary = fs::read(env!("CARGO_BIN_EXE_tathya")).unwrap();
    let version = Command::new(env!("CARGO_BIN_EXE_tathya")).arg("--version").output().unwrap();
    let version = String::from_utf8(version.stdout).unwrap();
    let id = version.trim().trim_end_matches(')').rsplit(' ').next().unwrap().to_owned();
    assert_eq!(id.len(), 16, "{version}");
    let other: String = id.chars().map(|c| if c == '0' { '1' } else { '0' }).collect();
    let mut patched = binary.clone();
    let mut replaced = 0;
    let mut at = 0;
    while let Some(found) = patched[at..].windows(id.len()).position(|w| w == id.as_bytes()) {
        patched[at + found..at + found + id.len()].copy_from_slice(other.as_bytes());
        at += found + id.len();
        replaced += 1;
    }
    assert!(replaced > 0, "the build id is not in the binary");
    let dir = tempfile::tempdir().unwrap();
    let rebuilt = dir.path().join("tathya");
    fs::write(&rebuilt, patched).unwrap();
    fs::set_permissions(&rebuilt, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();

    let site = sample_site(true);
    let root = site.path();
    assert!(tathya(root, &["build"]).status.success());
    assert!(stderr(&tathya(root, &["build"])).contains("up to date"));
    let output = Command::new(&rebuilt).arg("build").current_dir(root).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("up to date"), "{}", stderr(&output));
    assert!(stderr(&output).starts_with("4 statements rendered"), "{}", stderr(&output));
}

/// A build for a later moment is not what a build for today publishes: an
/// embargo that has not ended today is taken down again.
#[test]
fn a_build_for_another_moment_is_not_up_to_date_now() {
    let site = sample_site(true);
    let root = site.path();
    let page = root.join("public/en/2021/06/cowin-data-breach/index.html");
    let before = "2021-06-10T12:00:00+05:30";
    assert!(tathya(root, &["build", "--now", before]).status.success());
    assert!(!page.exists(), "an embargoed statement was published");
    assert!(tathya(root, &["build", "--now", "2030-01-01T00:00:00+05:30"]).status.success());
    assert!(page.exists(), "the embargo ended");
    let output = tathya(root, &["build", "--now", before]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!page.exists(), "a build before the embargo's end kept the statement: {}", stderr(&output));
}

/// A site copied to a web root the way the README publishes it carries its
/// marker along; the web root is still not tathya's, and neither is a store
/// beside the output that tathya did not make.
#[test]
fn a_copied_marker_or_a_planted_store_gives_tathya_nothing() {
    let site = sample_site(true);
    let root = site.path();
    assert!(tathya(root, &["build"]).status.success());
    // rsync -a public/ www/ over a web root with files of its own.
    let www = root.join("www");
    fs::create_dir_all(www.join("other-app")).unwrap();
    fs::write(www.join("home.html"), "home").unwrap();
    fs::write(www.join("other-app/app.js"), "app").unwrap();
    common::copy_tree(&root.join("public"), &www);
    let before = snapshot(root);
    let output = tathya(root, &["build", "--out", "www"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("not written there by tathya"), "{}", stderr(&output));
    assert_eq!(snapshot(root), before);
    assert!(!root.join(".www.tathya").exists());

    // A store that is a link, or holds a link where the next copy goes, or
    // holds files of someone else's.
    let statements = snapshot(&root.join("statements"));
    fs::create_dir_all(root.join(".planted.tathya")).unwrap();
    std::os::unix::fs::symlink(root.join("statements"), root.join(".planted.tathya/next")).unwrap();
    std::os::unix::fs::symlink(root.join("statements"), root.join(".linked.tathya")).unwrap();
    for out in ["planted", "linked"] {
        let output = tathya(root, &["build", "--out", out]);
        assert_eq!(output.status.code(), Some(2), "--out {out}: {}", stderr(&output));
        assert!(stderr(&output).contains("refusing to use"), "--out {out}: {}", stderr(&output));
        assert_eq!(snapshot(&root.join("statements")), statements, "--out {out} touched the records");
    }
    // In tathya's own store, a link in place of the next copy is removed, not followed.
    let record = root.join("statements/2021/06/cowin-data-breach.yaml");
    let text = fs::read_to_string(&record).unwrap().replace("secure digital environment", "safe digital environment");
    fs::write(&record, text).unwrap();
    let statements = snapshot(&root.join("statements"));
    let next = root.join(".public.tathya/next");
    let _ = fs::remove_dir_all(&next);
    std::os::unix::fs::symlink(root.join("statements"), &next).unwrap();
    let output = tathya(root, &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(snapshot(&root.join("statements")), statements, "the build followed a link in its store");
    let page = fs::read_to_string(root.join("public/en/2021/06/cowin-data-breach/index.html")).unwrap();
    assert!(page.contains("safe digital environment"));
}

/// A snapshot of the site hard-linked to it (`cp -al`, `rsync
/// --link-dest`) keeps its bytes when the site is rebuilt, and a link or a
/// pipe left in the copy being written is removed, never written through
/// nor read.
#[test]
fn a_hard_linked_snapshot_keeps_its_bytes_and_nothing_is_written_through() {
    let site = sample_site(true);
    let root = site.path();
    assert!(tathya(root, &["build"]).status.success());
    let snap = root.join("snap");
    assert!(Command::new("cp").arg("-al").arg(root.join("public")).arg(&snap).status().unwrap().success());
    let before = read_tree(&snap);
    let record = root.join("statements/2021/06/cowin-data-breach.yaml");
    let text = fs::read_to_string(&record).unwrap().replace("secure digital environment", "safe digital environment");
    fs::write(&record, &text).unwrap();
    for _ in 0..2 {
        let output = tathya(root, &["build"]);
        assert!(output.status.success(), "{}", stderr(&output));
        fs::write(&record, text.replace("safe digital", "sound digital")).unwrap();
    }
    assert!(read_tree(&snap) == before, "a rebuild changed a hard-linked snapshot");

    // Things in the copy being written that no build put there.
    let outside = root.join("outside.txt");
    fs::write(&outside, "mine").unwrap();
    let next = root.join(".public.tathya/next");
    let page = next.join("en/index.html");
    let _ = fs::remove_file(&page);
    std::os::unix::fs::symlink(&outside, &page).unwrap();
    let _ = fs::remove_file(next.join("style.css"));
    assert!(Command::new("mkfifo").arg(next.join("style.css")).status().unwrap().success());
    let output = Command::new("timeout")
        .args(["60", env!("CARGO_BIN_EXE_tathya"), "build", "--full"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&outside).unwrap(), "mine", "a build wrote through a link");
    assert!(fs::symlink_metadata(root.join("public/en/index.html")).unwrap().file_type().is_file());
    assert!(fs::symlink_metadata(root.join("public/style.css")).unwrap().file_type().is_file());
}

/// A link planted by hand in place of a folder of the copy being written,
/// while its manifest is trusted (a build without `--full`), is never
/// written nor removed through: the files it leads to stay as they were,
/// whether a page there is written again or removed. The build that finds
/// it removes it and stops, publishing nothing, since the manifest did not
/// describe the copy; the next build compares every file, and publishes
/// what a full build does. Found by a stranger; the first fix published the
/// folder without the files the build had taken as unchanged (found in review).
#[cfg(unix)]
#[test]
fn a_link_planted_for_a_folder_of_the_next_copy_is_not_followed() {
    let site = sample_site(true);
    let root = site.path();
    let outside = root.join("outside");
    let steps = [
        ("written", "2021/06/cowin-data-breach", "en/2021/06/cowin-data-breach", Some("sound digital environment")),
        ("written", "2021/06/cowin-data-breach", "en/2021", Some("sound digital environment")),
        ("removed", "2021/05/vaccination-myths", "en/2021/05/vaccination-myths", None),
    ];
    for (step, id, folder, edit) in steps {
        let record = root.join(format!("statements/{id}.yaml"));
        let text = fs::read_to_string(&record).unwrap();
        // Two builds: the copy to be written holds pages and a trusted manifest.
        for change in ["safe digital environment", "secure digital environment"] {
            fs::write(&record, text.replace("secure digital environment", change)).unwrap();
            let output = tathya(root, &["build", "--quiet"]);
            assert!(output.status.success(), "{}", stderr(&output));
        }
        let planted = root.join(".public.tathya/next").join(folder);
        assert!(planted.is_dir(), "the copy to write has no {folder}");
        let _ = fs::remove_dir_all(&outside);
        fs::create_dir(&outside).unwrap();
        common::copy_tree(&planted, &outside);
        let before = read_tree(&outside);
        assert!(!before.is_empty());
        fs::remove_dir_all(&planted).unwrap();
        std::os::unix::fs::symlink(&outside, &planted).unwrap();
        match edit {
            Some(change) => fs::write(&record, text.replace("secure digital environment", change)).unwrap(),
            None => fs::remove_file(&record).unwrap(),
        }
        let published = read_tree(&root.join("public"));
        let output = tathya(root, &["build", "--quiet"]);
        assert_eq!(output.status.code(), Some(2), "{step} in {folder}: {}", stderr(&output));
        assert!(stderr(&output).contains("was not a folder"), "{}", stderr(&output));
        assert!(read_tree(&outside) == before, "a page {step} in {folder} went through the link");
        assert!(read_tree(&root.join("public")) == published, "a build that stopped changed the site");
        assert!(fs::symlink_metadata(&planted).is_err(), "the link is still there");
        let output = tathya(root, &["build", "--quiet"]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(read_tree(&outside) == before, "the build after went through the link");
        let output = tathya(root, &["build", "--quiet", "--full", "--out", "full"]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            read_tree(&root.join("public")) == read_tree(&root.join("full")),
            "the pages differ from a full build's"
        );
        fs::remove_dir_all(root.join("full")).unwrap();
        fs::remove_dir_all(root.join(".full.tathya")).unwrap();
        fs::write(&record, &text).unwrap();
    }
}

/// A link planted in place of the store's folder of share cards or of the
/// build cache is removed by the build, never written nor pruned through:
/// the files where it leads stay. Found by a stranger.
#[cfg(unix)]
#[test]
fn a_link_planted_for_a_folder_of_the_store_is_not_followed() {
    let site = sample_site(true);
    let root = site.path();
    let record = root.join("statements/2021/06/cowin-data-breach.yaml");
    let text = fs::read_to_string(&record).unwrap();
    assert!(tathya(root, &["build", "--quiet"]).status.success());
    for folder in ["cards", "records"] {
        let mine = root.join(format!("mine-{folder}"));
        fs::create_dir(&mine).unwrap();
        fs::write(mine.join("my-notes.txt"), "mine").unwrap();
        let planted = root.join(".public.tathya").join(folder);
        assert!(planted.is_dir(), "the store has no {folder}");
        fs::remove_dir_all(&planted).unwrap();
        std::os::unix::fs::symlink(&mine, &planted).unwrap();
        // A change to every card (the issuer's name is on each), and to the cache.
        let edited =
            fs::read_to_string(root.join("tathya.yaml")).unwrap().replacen("Ministry of", "The Ministry of", 1);
        fs::write(root.join("tathya.yaml"), edited).unwrap();
        fs::write(&record, text.replace("secure digital environment", "safe digital environment")).unwrap();
        let output = tathya(root, &["build", "--quiet"]);
        assert!(output.status.success(), "{folder}: {}", stderr(&output));
        assert_eq!(fs::read_dir(&mine).unwrap().count(), 1, "the build wrote into {folder} through the link");
        assert_eq!(fs::read_to_string(mine.join("my-notes.txt")).unwrap(), "mine", "{folder}");
        assert!(fs::symlink_metadata(&planted).is_ok_and(|meta| meta.is_dir()), "{folder} is not a folder");
        fs::write(&record, &text).unwrap();
    }
}
