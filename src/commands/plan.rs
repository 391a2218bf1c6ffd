//! Which records a command loads: all of them, or, with a build cache
//! that fits, only those that changed and those their pages link to
//! ([`Plan::cached`]); the cache tells the rest: its listings and
//! warnings. `build` renders and writes by a plan, `check` renders by the
//! same plan into nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::pipeline;
use crate::diag::{Diagnostics, Result};
use crate::load::{self, Site, Statement};
use crate::render::listing::Listing;
use crate::site::Selection;
use crate::write::cache::{Buckets, Cache, Entry, Inputs, Shelf, content_hash};

/// Which records a build or a check loads, and what it knows of the others.
#[derive(Debug, Default)]
pub struct Plan {
    /// Record files to load, check and render.
    to_load: BTreeSet<PathBuf>,
    /// The cache's entries of the other records, at their files' places
    /// among the inputs (none where the record is to load).
    kept: Vec<Option<Entry>>,
    /// The hashes of the last build's views of shared pages.
    pub views: BTreeMap<String, u64>,
    /// The cache's records as saved, to be saved again where unchanged.
    pub buckets: Buckets,
    /// The records to load whose extras (feed entries and words) the
    /// cache has, by id: the search indexes are patched with what changed.
    pub again: FxHashSet<String>,
    /// Where the cache keeps the extras of its records.
    pub shelf: Option<Arc<Shelf>>,
}

impl Plan {
    /// A plan to build everything: every record `files` names.
    pub fn everything<'a>(files: impl IntoIterator<Item = &'a PathBuf>) -> Self {
        Plan { to_load: files.into_iter().cloned().collect(), ..Plan::default() }
    }

    /// A plan to build what changed since the build of `out`, if its
    /// cache fits `inputs`.
    pub fn cached(root: &Path, out: &Path, inputs: &Inputs, selection: &Selection) -> Option<Self> {
        Cache::load(out, inputs).map(|cache| Plan::rebuild(root, inputs, cache, selection))
    }

    /// A plan to build what changed since the build `cache` describes.
    fn rebuild(root: &Path, inputs: &Inputs, cache: Cache, selection: &Selection) -> Self {
        // The cache's entry of each record file, at the file's place among
        // the inputs: one map of borrowed paths to find the places, rather
        // than maps of owned paths that the entries move in and out of.
        let place: FxHashMap<&OsStr, usize> =
            inputs.records.iter().enumerate().map(|(i, (file, _))| (file.as_os_str(), i)).collect();
        let mut previous: Vec<Option<Entry>> = std::iter::repeat_with(|| None).take(inputs.records.len()).collect();
        let mut removed = Vec::new();
        for entry in cache.records {
            match place.get(entry.head.file.as_os_str()) {
                Some(&i) => previous[i] = Some(entry),
                None => removed.push(entry),
            }
        }
        // Which files to read: those whose size or time changed, and those
        // written so close to the last build's scan that they may have
        // changed since without showing it.
        let unsure: Vec<(&PathBuf, u64)> = inputs
            .records
            .iter()
            .zip(&previous)
            .filter_map(|((file, stat), entry)| {
                let entry = entry.as_ref()?;
                let racy = entry.head.stat.is_none_or(|stat| stat.racy(cache.scanned));
                (entry.head.stat != *stat || stat.is_none() || racy).then_some((file, entry.head.hash))
            })
            .collect();
        // For each file read, whether its content is what the cache knows;
        // read as loading reads it, so that a file loading refuses (too
        // large, a link out of the site) is not read whole to be hashed.
        let verified: HashMap<&PathBuf, bool> = unsure
            .par_iter()
            .map(|(file, hash)| {
                let bytes = load::read_bytes(root, file, load::MAX_FILE_BYTES);
                (*file, bytes.is_ok_and(|bytes| content_hash(&bytes) == *hash))
            })
            .collect();

        let mut plan =
            Plan { views: cache.views, buckets: cache.buckets, shelf: Some(Arc::new(cache.shelf)), ..Plan::default() };
        // Ids whose pages change, and ids they named before the change.
        let (mut changed, mut named) = (BTreeSet::new(), BTreeSet::new());
        for ((file, stat), entry) in inputs.records.iter().zip(previous) {
            let Some(mut entry) = entry else {
                changed.extend(load::id_of(file).ok().map(|id| id.to_string()));
                plan.to_load.insert(file.clone());
                plan.kept.push(None);
                continue;
            };
            // A file not read had the same size and time, long enough ago.
            let same_text = verified.get(file).copied().unwrap_or(true);
            let same_place = selection.on_site(&entry.listing) == entry.head.on_site
                && selection.embargoed(&entry.listing) == entry.head.embargoed;
            if same_text && same_place {
                if entry.head.stat != *stat {
                    plan.buckets.change(&entry.head.id);
                }
                entry.head.stat = *stat;
                plan.kept.push(Some(entry));
            } else {
                plan.again.insert(entry.listing.id.clone());
                changed.insert(entry.listing.id.clone());
                named.extend(entry.listing.related.iter().map(|id| id.to_string()));
                plan.to_load.insert(file.clone());
                plan.kept.push(None);
            }
        }
        for removed in removed {
            plan.buckets.change(&removed.head.id);
            changed.insert(removed.listing.id);
            named.extend(removed.listing.related.iter().map(|id| id.to_string()));
        }
        let neighbours = plan.kept_where(|listing| {
            named.contains(&listing.id) || listing.related.iter().any(|id| changed.contains(id.as_str()))
        });
        plan.reload(neighbours);
        plan
    }

    /// Loads and checks the records to load into `site` (with those that
    /// name a kept record as related: its page must link back), sorted by
    /// id; the problems found go to `findings`, with the warnings the cache
    /// kept of the other records. Returns the site and the cache's entries
    /// of the records not loaded.
    pub fn load(
        &mut self,
        root: &Path,
        site: Option<Site>,
        findings: &mut Diagnostics,
    ) -> Result<(Option<Site>, Vec<Entry>)> {
        let files: Vec<PathBuf> = self.to_load.iter().cloned().collect();
        let mut statements = pipeline::load_records("reading records", root, site.as_ref(), &files, true, findings)?;
        let more = self.reload(self.named_by(&statements));
        statements.extend(pipeline::load_records("reading records", root, site.as_ref(), &more, true, findings)?);
        statements.sort_by(|a, b| a.id.cmp(&b.id));
        let kept: Vec<Entry> = std::mem::take(&mut self.kept).into_iter().flatten().collect();
        for head in kept.iter().map(|entry| &entry.head) {
            head.warnings.iter().filter_map(|w| w.diagnostic(&head.file)).for_each(|d| findings.push(d));
        }
        Ok((site.map(|site| Site { statements, ..site }), kept))
    }

    /// Moves the kept records at `places` to those to load, and returns their files.
    fn reload(&mut self, places: Vec<usize>) -> Vec<PathBuf> {
        let mut moved = Vec::new();
        for place in places {
            if let Some(entry) = self.kept.get_mut(place).and_then(Option::take) {
                self.again.insert(entry.listing.id);
                moved.push(entry.head.file);
            }
        }
        self.to_load.extend(moved.iter().cloned());
        moved
    }

    /// The places of the kept records whose listing is `wanted`.
    fn kept_where(&self, wanted: impl Fn(&Listing) -> bool) -> Vec<usize> {
        let places = self.kept.iter().enumerate();
        places.filter_map(|(place, entry)| entry.as_ref().filter(|e| wanted(&e.listing)).map(|_| place)).collect()
    }

    /// The kept records that `loaded` now names as related: their pages
    /// must link back.
    fn named_by(&self, loaded: &[Statement]) -> Vec<usize> {
        let named: BTreeSet<&str> =
            loaded.iter().flat_map(|s| s.record().related.iter().map(|id| id.as_str())).collect();
        self.kept_where(|listing| named.contains(listing.id.as_str()))
    }
}
