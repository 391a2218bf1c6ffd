//! The build stamp: a note beside the output of what the last build was
//! made from, so that a build with nothing changed does nothing.
//!
//! The stamp holds one hash of the build's inputs (the bytes of settings,
//! locales and templates; every record's path, size and modification time;
//! tathya's version and `--drafts`), of the copy it published, and the
//! moment the next embargo ends. When all of it matches and that moment has
//! not come, the site on disk is already what a build would write. The two
//! copies of the site are tathya's own: a file changed there by hand is not
//! noticed, but removing the output folder is.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::build::cache::Inputs;

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
    /// The stamp of `inputs` built into `out`.
    pub fn current(inputs: &Inputs, out: &Path, valid_until: Option<Timestamp>) -> Self {
        let mut hasher = DefaultHasher::new();
        inputs.digest().hash(&mut hasher);
        super::published_copy(out).hash(&mut hasher);
        Stamp { key: hasher.finish(), valid_until }
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
