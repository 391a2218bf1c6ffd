//! Step 5, write: the one function that writes the site.
//!
//! The whole site is rendered in memory first. It is then written into a
//! new folder beside the output and swapped in, so a build that fails at
//! any point leaves the previous `public/` as it was.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A rendered site: file paths relative to the output folder, and bytes.
#[derive(Debug, Default)]
pub struct Output {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl Output {
    /// Adds a file; a later file with the same path replaces it.
    pub fn add(&mut self, path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Replaces the folder `out` with `output`.
///
/// Refuses an `out` that holds a site root (`tathya.yaml`) or contains the
/// site root, so a mistyped `--out` cannot delete the records.
pub fn write_site(out: &Path, root: &Path, output: &Output) -> Result<()> {
    guard_output_folder(out, root)?;
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|err| Error::io("cannot create", &parent, err))?;
    let staging = tempfile::Builder::new()
        .prefix(".tathya-build-")
        .tempdir_in(&parent)
        .map_err(|err| Error::io("cannot create a temporary folder in", &parent, err))?;
    for (relative, bytes) in &output.files {
        let path = staging.path().join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|err| Error::io("cannot create", dir, err))?;
        }
        fs::write(&path, bytes).map_err(|err| Error::io("cannot write", &path, err))?;
    }
    swap_in(staging, out, &parent)
}

/// Moves the finished `staging` folder to `out`, then deletes the old one.
fn swap_in(staging: tempfile::TempDir, out: &Path, parent: &Path) -> Result<()> {
    let previous = if out.exists() {
        let old = tempfile::Builder::new()
            .prefix(".tathya-old-")
            .tempdir_in(parent)
            .map_err(|err| Error::io("cannot create a temporary folder in", parent, err))?;
        let old_path = old.path().join("site");
        fs::rename(out, &old_path).map_err(|err| Error::io("cannot move aside", out, err))?;
        Some(old)
    } else {
        None
    };
    let staged = staging.keep();
    if let Err(err) = fs::rename(&staged, out) {
        // Put the previous site back before reporting.
        if let Some(old) = &previous {
            let _ = fs::rename(old.path().join("site"), out);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(Error::io("cannot move the new site to", out, err));
    }
    // Dropping `previous` deletes the old site.
    drop(previous);
    Ok(())
}

fn guard_output_folder(out: &Path, root: &Path) -> Result<()> {
    if out.join(crate::load::CONFIG_FILE).exists() {
        return Err(Error::Usage(format!(
            "refusing to replace {}: it holds a {} (is --out pointing at the site root?)",
            out.display(),
            crate::load::CONFIG_FILE
        )));
    }
    if let (Ok(out), Ok(root)) = (out.canonicalize(), root.canonicalize())
        && root.starts_with(&out)
    {
        return Err(Error::Usage(format!("refusing to replace {}: it contains the site root", out.display())));
    }
    Ok(())
}
