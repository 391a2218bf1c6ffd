//! Shared helpers: a site root in a temporary folder, and the binary.
#![allow(dead_code, reason = "each test file uses a different part")]
#![allow(clippy::unwrap_used, reason = "a test helper fails its test by panicking")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository, which is itself the sample site root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `from` into `to`, folders included.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_symlink() {
            std::os::unix::fs::symlink(fs::read_link(entry.path()).unwrap(), &target).unwrap();
        } else if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A site root in a temporary folder: the repository's settings, locales
/// and templates, and its sample statements and pages unless `with_samples` is false.
pub fn sample_site(with_samples: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(repo().join("tathya.yaml"), dir.path().join("tathya.yaml")).unwrap();
    let mut folders = vec!["locales", "templates"];
    if with_samples {
        folders.extend(["statements", "pages"]);
    }
    for folder in folders {
        fs::create_dir_all(dir.path().join(folder)).unwrap();
        copy_tree(&repo().join(folder), &dir.path().join(folder));
    }
    dir
}

/// Runs `tathya` with `args` in `cwd`.
pub fn tathya(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tathya")).args(args).current_dir(cwd).output().unwrap()
}

/// Every file under `dir`, relative to it, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The files of a built site and their bytes, without tathya's marker
/// (which says which of its two copies a folder is).
pub fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .filter(|f| f.as_os_str() != tathya::write::folder::MARKER)
        .map(|f| (f.display().to_string(), fs::read(dir.join(&f)).unwrap()))
        .collect()
}

/// What a build leaves behind only when it is killed or fails halfway: the
/// temporary files of the store beside `public/` (a save not yet renamed
/// into place) and a published copy moved aside. The names are those
/// `tathya::write` gives them.
pub fn leftovers(root: &Path) -> Vec<String> {
    let store = root.join(".public.tathya");
    let Ok(entries) = fs::read_dir(&store) else { return Vec::new() };
    entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(tathya::write::TEMPORARY) || name.ends_with(".aside"))
        .collect()
}

/// `count` texts, each of one to `most` of `pieces` in a deterministic
/// order (a xorshift generator from `seed`), every other one or so followed
/// by a space: inputs for a rule that tathya and a reference must apply alike.
pub fn generated_texts(pieces: &[&str], count: usize, most: usize, seed: u64) -> Vec<String> {
    let mut state = seed | 1;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % n as u64).unwrap()
    };
    (0..count)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..1 + next(most) {
                text.push_str(pieces[next(pieces.len())]);
                if next(2) == 0 {
                    text.push(' ');
                }
            }
            text
        })
        .collect()
}
