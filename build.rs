//! Gives the binary a build id: a hash of the sources it is built from, the
//! compiler and the profile. The build cache and stamp are keyed on it, so
//! a binary built from changed sources never takes an old site for up to
//! date, while the same sources built again reuse it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let mut files = vec![PathBuf::from("Cargo.toml"), PathBuf::from("Cargo.lock")];
    collect(Path::new("src"), &mut files);
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
