//! The build stamp: a note beside the output of what the last build was
//! made from, so that a build with nothing changed does nothing.
//!
//! The stamp holds one hash of every input file's path, size and
//! modification time (settings, records, locales, templates), of the
//! published files' paths, of tathya's version and of `--drafts`,
//! and the moment the next embargo ends. When all of it matches and that
//! moment has not come, the site on disk is already what a build would
//! write. Any change to any input, or to the output, makes a full build.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use jiff::Timestamp;
use rayon::prelude::*;

use crate::error::Result;

/// The folders of a site root whose files are inputs of a build.
const INPUT_FOLDERS: [&str; 3] = ["statements", "locales", "templates"];

/// The stamp file of the output folder `out`: `.public.tathya-stamp` beside it.
fn stamp_path(out: &Path) -> PathBuf {
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.tathya-stamp"))
}

/// What the last build was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// The hash of inputs, output and options.
    pub key: u64,
    /// When the next embargo ends, after which the site must be rebuilt.
    pub valid_until: Option<Timestamp>,
}

impl Stamp {
    /// The stamp of the current state of `root` and `out`.
    pub fn current(root: &Path, out: &Path, drafts: bool, valid_until: Option<Timestamp>) -> Result<Self> {
        let mut hasher = DefaultHasher::new();
        env!("CARGO_PKG_VERSION").hash(&mut hasher);
        drafts.hash(&mut hasher);
        hash_file(&root.join(crate::load::CONFIG_FILE), Path::new(crate::load::CONFIG_FILE), &mut hasher);
        for folder in INPUT_FOLDERS {
            hash_tree(&root.join(folder), &mut hasher)?;
        }
        // The output's file names (not their contents): a page deleted by
        // hand is rebuilt; listing names needs no call per file.
        "output".hash(&mut hasher);
        if out.is_dir() {
            crate::load::files_under(out)?.hash(&mut hasher);
        }
        Ok(Stamp { key: hasher.finish(), valid_until })
    }

    /// The stamp saved by the last build into `out`, if any.
    pub fn saved(out: &Path) -> Option<Self> {
        let text = fs::read_to_string(stamp_path(out)).ok()?;
        let mut lines = text.lines();
        let key = lines.next()?.parse().ok()?;
        let valid_until = match lines.next()? {
            "" => None,
            moment => Some(moment.parse().ok()?),
        };
        Some(Stamp { key, valid_until })
    }

    /// Whether the output is up to date at `now`.
    pub fn matches(&self, current: &Stamp, now: Timestamp) -> bool {
        self.key == current.key && self.valid_until.is_none_or(|until| now < until)
    }

    /// Saves this stamp beside `out`. A stamp that cannot be saved only
    /// costs the next build its shortcut.
    pub fn save(&self, out: &Path) {
        let until = self.valid_until.map(|t| t.to_string()).unwrap_or_default();
        let _ = fs::write(stamp_path(out), format!("{}\n{until}\n", self.key));
    }

    /// Removes the stamp, before a build changes the output.
    pub fn clear(out: &Path) {
        let _ = fs::remove_file(stamp_path(out));
    }
}

fn hash_tree(dir: &Path, hasher: &mut DefaultHasher) -> Result<()> {
    if !dir.is_dir() {
        "absent".hash(hasher);
        return Ok(());
    }
    let files = crate::load::files_under(dir)?;
    // One `stat` per file is most of the cost: spread it over the cores.
    let stats: Vec<Option<(u64, Option<u128>)>> = files.par_iter().map(|file| stat(&dir.join(file))).collect();
    for (file, stat) in files.iter().zip(stats) {
        file.hash(hasher);
        stat.hash(hasher);
    }
    Ok(())
}

/// A file's name, size and modification time.
fn hash_file(path: &Path, name: &Path, hasher: &mut DefaultHasher) {
    name.hash(hasher);
    stat(path).hash(hasher);
}

/// A file's size and modification time, in nanoseconds.
fn stat(path: &Path) -> Option<(u64, Option<u128>)> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_nanos());
    Some((meta.len(), modified))
}
