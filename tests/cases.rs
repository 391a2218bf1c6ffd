//! Fixture cases: each folder under `tests/cases/` is a change to the
//! sample site (files that replace or add to it) and a `cmd` line to run.
//! The snapshot holds the exit status, stderr, stdout and every file the
//! command wrote, so both languages and both kinds are compared as a user
//! would see them. A case without a `statements/` folder uses the samples.
//! Only a case with a `show-site-pages` file (sample-build) shows the root,
//! topics, issuer, year and not-found pages and every page's frame (header,
//! report-a-claim block, footer); the others show their statements, index,
//! tag pages and feeds without the frame, and a case with a `show` file
//! (pagination) only the files whose paths begin with one of its lines.

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
    // The sample-build case shows every page whole; the others, what they are about.
    let whole = fs::remove_file(root.join("show-site-pages")).is_ok();
    // A case with a `show` file shows only the files whose paths begin with one of its lines.
    let show: Option<Vec<String>> = fs::read_to_string(case.join("show"))
        .ok()
        .map(|text| text.lines().map(str::to_owned).filter(|line| !line.is_empty()).collect());
    let _ = fs::remove_file(root.join("show"));

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
            if file.extension().is_some_and(|ext| ["css", "svg", "jpg", "js"].iter().any(|asset| ext == *asset)) {
                report.push_str(&format!("--- {folder}/{} (asset, not shown)\n", file.display()));
                continue;
            }
            let name = file.to_string_lossy().replace('\\', "/");
            let site_page = name == "index.html"
                || name.ends_with("404.html")
                || name.ends_with("tags/index.html")
                || name.contains("/issuers/")
                || name.contains("/years/")
                || name.ends_with("search/index.html");
            // A language's search index: its files named once, by their folder.
            if let Some(index) = name.strip_suffix("manifest.json").filter(|index| index.ends_with("/search/")) {
                report.push_str(&format!("--- {folder}/{index}*.json (the search index, tried in tests/search.rs)\n"));
            }
            if name.contains("/search/") && name.ends_with(".json") {
                continue;
            }
            if name.ends_with("/card.png") {
                report.push_str(&format!("--- {folder}/{name} (a share card, tried in tests/cards.rs)\n"));
                continue;
            }
            if name.contains("/about/") {
                report.push_str(&format!("--- {folder}/{name} (a page of pages/, checked in tests/site.rs)\n"));
                continue;
            }
            if let Some(show) = &show {
                if !show.iter().any(|prefix| name.starts_with(prefix.as_str())) {
                    report.push_str(&format!("--- {folder}/{name} (not shown)\n"));
                    continue;
                }
            } else if site_page && !whole {
                report.push_str(&format!("--- {folder}/{name} (a page of the site, shown in sample-build)\n"));
                continue;
            }
            report.push_str(&format!("--- {folder}/{name}\n"));
            let text = fs::read_to_string(out.join(&file)).unwrap();
            report.push_str(&if whole { text } else { without_frame(&text) });
        }
    }
    report
}

/// `html` with every page's frame (the header, the report-a-claim block and
/// the footer, which tests/site.rs checks) cut to a mark, so that a case's
/// snapshot shows what it is about.
fn without_frame(html: &str) -> String {
    let mut out = html.to_owned();
    for (open, close) in [
        ("<header class=\"site-header\">", "</header>"),
        ("<aside class=\"report\"", "</aside>"),
        ("<footer class=\"site-footer\">", "</footer>"),
    ] {
        if let Some(start) = out.find(open)
            && let Some(end) = out[start..].find(close)
        {
            out.replace_range(start..start + end + close.len(), "[the page's frame, checked in tests/site.rs]");
        }
    }
    out
}

#[test]
fn cases() {
    insta::glob!("cases/*/cmd", |cmd_file| {
        let report = run_case(cmd_file.parent().unwrap());
        insta::assert_snapshot!(report);
    });
}
