//! Gives the binary a build id: a hash of the sources it is built from, the
//! compiler and the profile. The build cache and stamp are keyed on it, so
//! a binary built from changed sources never takes an old site for up to
//! date, while the same sources built again reuse it.
//!
//! It also lists the built-in theme (`templates/` and `locales/`, compiled
//! into the binary: `load::theme`), whose files are part of the id too.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let mut files = vec![PathBuf::from("Cargo.toml"), PathBuf::from("Cargo.lock")];
    collect(Path::new("src"), &mut files);
    let mut theme = Vec::new();
    for folder in THEME {
        collect(Path::new(folder), &mut theme);
        println!("cargo::rerun-if-changed={folder}");
    }
    theme.sort();
    files.extend(theme.iter().cloned());
    files.sort();
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        hasher.update(file.to_string_lossy().as_bytes());
        // A file that cannot be read changes the id as its absence would.
        let bytes = fs::read(file).unwrap_or_default();
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    println!("cargo::rerun-if-changed=src");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = Command::new(rustc).arg("-vV").output().map(|out| out.stdout).unwrap_or_default();
    hasher.update(&version);
    for key in ["PROFILE", "TARGET", "OPT_LEVEL", "DEBUG", "CARGO_CFG_TARGET_FEATURE"] {
        hasher.update(std::env::var(key).unwrap_or_default().as_bytes());
        hasher.update(b"\0");
    }
    println!("cargo::rustc-env=TATHYA_BUILD_ID={:016x}", hasher.digest());
    write_list("theme.rs", &theme, Path::new(""));
    // The files `tathya init` writes: not site input, so not in the id.
    let mut starter = Vec::new();
    collect(Path::new(STARTER), &mut starter);
    starter.sort();
    println!("cargo::rerun-if-changed={STARTER}");
    write_list("starter.rs", &starter, Path::new(STARTER));
}

/// The folder of the files `tathya init` writes into a new site root.
const STARTER: &str = "starter";

/// The folders of the repository compiled in as the built-in theme.
const THEME: [&str; 2] = ["templates", "locales"];

/// Writes the file `name` in OUT_DIR: `(path, bytes)` of each of `files`,
/// by its path relative to `base` with `/` (`templates/base.html`).
fn write_list(name: &str, files: &[PathBuf], base: &Path) {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut out = String::from("&[\n");
    for file in files {
        let relative = file.strip_prefix(base).unwrap_or(file);
        let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        out.push_str(&format!("    ({name:?}, include_bytes!({:?})),\n", here.join(file)));
    }
    out.push(']');
    let dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    if let Err(err) = fs::write(dir.join(name), out) {
        println!("cargo::error=cannot write {name}: {err}");
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
