//! The build stamp: a note in the store beside the output
//! (`.public.tathya/stamp`) of what the last build was made from, so that a
//! build with nothing changed does nothing.
//!
//! The stamp holds one hash of the build's inputs (the bytes of settings,
//! locales and templates; every record's path, size and modification time;
//! the binary's build id and `--drafts`), of the copy it published, and the
//! span of time in which no embargo ends (from the last one that ended
//! before the build's moment to the next one after it: a build with
//! `--now` in the future is not up to date today); and the content hash of
//! each record written
//! within two seconds of the build, which could change again within the
//! same tick of a coarse clock without its size or time showing it. When
//! all of it matches and that moment has not come, the site on disk is
//! already what a build would write. The two copies of the site are
//! tathya's own: a file changed there by hand is not noticed, but removing
//! the output folder is.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::cache::{Inputs, content_hash};

/// The stamp file of the output folder `out`, in the store beside it.
fn stamp_path(out: &Path) -> PathBuf {
    super::store_of(out).join("stamp")
}

/// What the last build was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The hash of inputs, output and options.
    pub key: u64,
    /// When the span of time the site is right for ends and begins.
    pub window: Window,
    /// Records written so shortly before the build that their size and
    /// time cannot vouch for them, with the hash of their content.
    pub racy: Vec<(PathBuf, u64)>,
}

impl Stamp {
    /// The stamp of a build of `inputs` into `out`; `hash_of` gives the
    /// content hash the build used for a record file.
    pub fn new(inputs: &Inputs, out: &Path, window: Window, hash_of: impl Fn(&Path) -> Option<u64>) -> Self {
        let racy = inputs
            .records
            .iter()
            .filter(|(_, stat)| stat.is_none_or(|stat| stat.racy(inputs.scanned)))
            .map(|(file, _)| (file.clone(), hash_of(file).unwrap_or_default()))
            .collect();
        Stamp { key: key(inputs, out), window, racy }
    }

    /// The stamp saved by the last build into `out`, if any.
    pub fn saved(out: &Path) -> Option<Self> {
        super::read_saved(&stamp_path(out))
    }

    /// Whether the output is up to date at `now` with `inputs`: the same
    /// inputs by size and time, the records that were racy by content.
    pub fn matches(&self, root: &Path, inputs: &Inputs, out: &Path, now: Timestamp) -> bool {
        self.key == key(inputs, out)
            && self.window.holds(now)
            && self.racy.iter().all(|(file, hash)| fs::read(root.join(file)).is_ok_and(|b| content_hash(&b) == *hash))
    }

    /// Saves this stamp beside `out`. A stamp that cannot be saved only
    /// costs the next build its shortcut.
    pub fn save(&self, out: &Path) {
        let _ = super::save(&stamp_path(out), self);
    }

    /// Removes the stamp, before a build changes the output.
    pub fn clear(out: &Path) {
        let _ = fs::remove_file(stamp_path(out));
    }
}

/// The span of time in which every embargo is as it was at a build's
/// moment: none ends within it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// The last embargo that had ended at the build's moment, if any.
    pub from: Option<Timestamp>,
    /// The next embargo to end after it, if any.
    pub until: Option<Timestamp>,
}

impl Window {
    /// The window around `now` of the embargoes ending at `ends`.
    pub fn around(now: Timestamp, ends: impl IntoIterator<Item = Timestamp>) -> Self {
        let mut window = Window::default();
        for at in ends {
            if at > now {
                window.until = Some(window.until.map_or(at, |until| until.min(at)));
            } else {
                window.from = Some(window.from.map_or(at, |from| from.max(at)));
            }
        }
        window
    }

    /// Whether `now` is inside the window.
    pub fn holds(&self, now: Timestamp) -> bool {
        self.from.is_none_or(|from| from <= now) && self.until.is_none_or(|until| now < until)
    }
}

fn key(inputs: &Inputs, out: &Path) -> u64 {
    let mut hasher = Xxh3::new();
    hasher.update(&inputs.digest().to_le_bytes());
    hasher.update(super::published_copy(out).unwrap_or_default().as_bytes());
    hasher.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_holds_between_the_embargoes_around_its_moment() {
        let at = |s: &str| s.parse::<Timestamp>().unwrap();
        let ends = [at("2030-01-01T04:00:00Z"), at("2020-01-01T04:00:00Z")];
        let window = Window::around(at("2026-12-02T00:00:00Z"), ends);
        assert!(window.holds(at("2026-12-02T00:00:00Z")));
        assert!(window.holds(at("2020-01-01T04:00:00Z")), "an embargo ends at its moment");
        assert!(!window.holds(at("2030-01-01T04:00:00Z")));
        assert!(!window.holds(at("2019-12-31T00:00:00Z")), "a build for a later moment is not right for today");
        assert!(Window::around(at("2026-12-02T00:00:00Z"), []).holds(at("1999-01-01T00:00:00Z")));
    }
}
