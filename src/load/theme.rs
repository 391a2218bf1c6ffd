//! The built-in theme: this repository's `templates/` and `locales/`,
//! compiled into the binary, so that a site root needs only `tathya.yaml`
//! and its records. A file the site keeps under its own `templates/` or
//! `locales/<lang>/` replaces the built-in file of the same name (as a
//! book's `theme/` does in mdBook).

use std::path::{Path, PathBuf};

use super::{read_bytes, read_source, site_files};
use crate::diag::Result;

/// Every file of the theme, by its path in this repository
/// (`templates/base.html`), written by `build.rs`.
static FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/theme.rs"));

/// The folder that built-in files are shown under in messages, where a
/// site's own file of the same path would be: `(built in)/templates/x`.
pub const BUILT_IN: &str = "(built in)";

/// One file of a theme folder: the site's own, or the built-in one.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Its path relative to the folder (`parts/head.html`).
    pub name: PathBuf,
    /// Its path as messages show it: relative to the site root, or under
    /// [`BUILT_IN`].
    pub path: PathBuf,
    /// Its bytes, when it is built in.
    built_in: Option<&'static [u8]>,
}

impl ThemeFile {
    /// Whether tathya brings this file (the site has none of its name).
    pub fn is_built_in(&self) -> bool {
        self.built_in.is_some()
    }

    /// Its text: a site's file as [`read_source`] reads it.
    pub fn text(&self, root: &Path) -> Result<String> {
        match self.built_in {
            Some(bytes) => Ok(String::from_utf8_lossy(bytes).into_owned()),
            None => read_source(root, &self.path),
        }
    }

    /// Its bytes, at most `max` of a site's file ([`read_bytes`]).
    pub fn bytes(&self, root: &Path, max: u64) -> Result<Vec<u8>> {
        match self.built_in {
            Some(bytes) => Ok(bytes.to_vec()),
            None => read_bytes(root, &self.path, max),
        }
    }
}

/// The files of the theme folder `folder` (`templates`, `locales/hi`) as a
/// site sees them, sorted by name: its own, and the built-in ones it has
/// none of the same name.
pub fn files(root: &Path, folder: &Path) -> Result<Vec<ThemeFile>> {
    let mut own = site_files(root, folder)?;
    own.retain(|name| !is_leftover(name));
    let mut out: Vec<ThemeFile> =
        own.iter().map(|name| ThemeFile { path: folder.join(name), name: name.clone(), built_in: None }).collect();
    out.extend(built_in(folder).into_iter().filter(|file| !own.contains(&file.name)));
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Whether `name` is no file of a theme but what an editor or a system
/// leaves beside one: hidden (`.head.html.swp`, `.DS_Store`, `.env`), a
/// backup (`style.css~`) or an autosave (`#base.html#`). It is neither
/// read nor published.
fn is_leftover(name: &Path) -> bool {
    name.components().any(|part| part.as_os_str().to_string_lossy().starts_with('.'))
        || name.file_name().is_some_and(|file| {
            let file = file.to_string_lossy();
            file.ends_with('~') || file.starts_with('#')
        })
}

/// The built-in files of `folder`, sorted by name.
pub fn built_in(folder: &Path) -> Vec<ThemeFile> {
    FILES
        .iter()
        .filter_map(|(path, bytes)| {
            let name = Path::new(path).strip_prefix(folder).ok()?.to_path_buf();
            Some(ThemeFile { path: Path::new(BUILT_IN).join(path), name, built_in: Some(*bytes) })
        })
        .collect()
}

/// The built-in file `folder/name`, if tathya has one.
pub fn built_in_file(folder: &Path, name: &Path) -> Option<ThemeFile> {
    built_in(folder).into_iter().find(|file| file.name == name)
}

/// The file `folder/name` as a site sees it: its own if it has one, else
/// the built-in one; `None` when neither exists.
pub fn file(root: &Path, folder: &Path, name: &Path) -> Option<ThemeFile> {
    let path = folder.join(name);
    if root.join(&path).exists() {
        return Some(ThemeFile { name: name.to_path_buf(), path, built_in: None });
    }
    built_in_file(folder, name)
}
