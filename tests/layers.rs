//! The layers of `src/lib.rs`, held: a module uses only the layers below
//! it. Shared vocabulary sits at the bottom (`diag`, `site`), the steps
//! follow in pipeline order, and the commands are on top; a step that
//! reached up into a later one would make the order a lie.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom first. Modules of one layer may use each other.
const LAYERS: &[&[&str]] =
    &[&["diag"], &["site"], &["load"], &["localize"], &["render"], &["write"], &["commands"], &["cli", "fuzzing"]];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// Every `crate::<module>` a file's code (not its comments) names, with its line.
fn uses(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        for (at, _) in code.match_indices("crate::") {
            let module: String = code[at + 7..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            out.push((i + 1, module));
        }
        // `use crate::{a, b}` names several at once.
        if let Some(rest) = code.split("crate::{").nth(1) {
            for part in rest.split([',', '}']) {
                let module: String = part.trim().chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                if !module.is_empty() {
                    out.push((i + 1, module));
                }
            }
        }
    }
    out
}

#[test]
fn no_module_uses_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut checked = 0;
    for file in rust_files(&src) {
        let relative = file.strip_prefix(&src).unwrap();
        let first =
            relative.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_owned();
        let Some(own) = layer_of(&first) else { continue };
        for (line, module) in uses(&fs::read_to_string(&file).unwrap()) {
            checked += 1;
            match layer_of(&module) {
                Some(used) if used > own => {
                    found.push(format!(
                        "src/{}:{line}: `{first}` uses `{module}`, a layer above it",
                        relative.display()
                    ));
                }
                Some(_) => {}
                None => found.push(format!("src/{}:{line}: `crate::{module}` is in no layer", relative.display())),
            }
        }
    }
    assert!(checked > 100, "only {checked} uses found: the scan is broken");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_module_is_in_a_layer() {
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let modules: Vec<&str> = lib.lines().filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';')).collect();
    assert!(modules.len() >= 9, "{modules:?}");
    for module in modules {
        assert!(layer_of(module).is_some(), "`{module}` is in no layer of tests/layers.rs");
    }
}
