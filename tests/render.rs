//! `tathya render` prints exactly what `build` publishes: for every
//! statement of the sample site and of a generated corpus (with drafts,
//! embargoed and withdrawn statements, and related links between them), in
//! every language and both formats, with and without `--drafts`. A
//! statement that the build leaves out renders as its preview, which is
//! what `build --drafts` writes for it.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_tree, files, repo, tathya};

const NOW: &str = "2026-01-01T00:00:00+05:30";

/// The corpus example, which `cargo test` builds beside the test binaries.
fn corpus_binary() -> PathBuf {
    let deps = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    deps.parent().unwrap().join("examples").join(format!("corpus{}", std::env::consts::EXE_SUFFIX))
}

/// A generated corpus with the sample statements beside it, and some of
/// its statements made drafts, embargoed or withdrawn.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(corpus_binary()).args(["--records", "16", "--out"]).arg(dir.path()).status().unwrap();
    assert!(status.success());
    copy_tree(&repo().join("statements"), &dir.path().join("statements"));
    let records: Vec<PathBuf> = files(&dir.path().join("statements"))
        .into_iter()
        .filter(|f| !f.starts_with("2021"))
        .map(|f| dir.path().join("statements").join(f))
        .collect();
    assert!(records.len() >= 12, "the corpus has {} records", records.len());
    let lives = [
        "status: draft",
        "status: published\npublish_at: 2099-06-10T18:30:00+05:30",
        "status: withdrawn\nwithdrawn: { date: 2030-01-01, note: { en: It was wrong., hi: यह गलत था। } }",
        "status: draft\npublish_at: 2099-01-01T00:00:00+05:30",
    ];
    for (record, life) in records.iter().step_by(3).zip(lives) {
        let text = fs::read_to_string(record).unwrap().replacen("status: published", life, 1);
        fs::write(record, text).unwrap();
    }
    dir
}

fn build(root: &Path, out: &str, drafts: bool) {
    let mut args = vec!["build", "--out", out, "--now", NOW];
    if drafts {
        args.push("--drafts");
    }
    let output = tathya(root, &args);
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn render_prints_what_build_writes_for_every_statement() {
    let site = site();
    let root = site.path();
    build(root, "published", false);
    build(root, "drafts", true);
    // Every record; a claim's picture beside one is no statement.
    let ids: Vec<String> = files(&root.join("statements"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|ext| ext == "yaml"))
        .map(|f| f.with_extension("").to_string_lossy().into_owned())
        .collect();
    let mut compared = 0;
    let mut previews = 0;
    for id in &ids {
        for lang in ["en", "hi"] {
            for format in ["md", "html"] {
                let page = format!("{lang}/{id}/index.{format}");
                for drafts in [false, true] {
                    let mut args = vec!["render", id, "--lang", lang, "--format", format, "--now", NOW];
                    if drafts {
                        args.push("--drafts");
                    }
                    // Every other run with every record let go once checked,
                    // and read again to be rendered (TATHYA_HOLD_BYTES).
                    let hold = if compared % 2 == 0 { "0" } else { "268435456" };
                    let output = Command::new(env!("CARGO_BIN_EXE_tathya"))
                        .args(&args)
                        .current_dir(root)
                        .env("TATHYA_HOLD_BYTES", hold)
                        .output()
                        .unwrap();
                    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
                    // A page the build leaves out is shown as --drafts shows it.
                    let published = root.join("published").join(&page);
                    let expected = if drafts || !published.is_file() {
                        previews += usize::from(!drafts);
                        root.join("drafts").join(&page)
                    } else {
                        published
                    };
                    assert_eq!(
                        String::from_utf8_lossy(&output.stdout),
                        fs::read_to_string(&expected).unwrap(),
                        "render {id} --lang {lang} --format {format} (drafts: {drafts})"
                    );
                    compared += 1;
                }
            }
        }
    }
    assert_eq!(compared, ids.len() * 8);
    assert!(previews >= 8, "only {previews} pages were previews: the corpus lacks drafts");
}
