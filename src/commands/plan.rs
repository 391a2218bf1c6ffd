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

use super::pipeline::{self, Holding, Loaded, Stage};
use crate::diag::{Diagnostics, Result};
use crate::load;
use crate::render::listing::{Listing, linked_to};
use crate::site::Selection;
use crate::write::cache::{Buckets, Cache, Inputs, Records, Shelf, content_hash};

/// Which records a build or a check loads, and what it knows of the others.
#[derive(Debug, Default)]
pub struct Plan {
    /// Record files to load, check and render.
    to_load: BTreeSet<PathBuf>,
    /// The cache's records, where they were read: those loaded again
    /// are let go by [`Plan::load`].
    cached: Records,
    /// Whether each of `cached` is kept, not loaded again: false for those
    /// to load and those whose files are gone.
    kept: Vec<bool>,
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
        // For each input file, the place of its record among the cache's;
        // the records whose files are gone are `removed`.
        let place: FxHashMap<&OsStr, usize> =
            inputs.records.iter().enumerate().map(|(i, (file, _))| (file.as_os_str(), i)).collect();
        let mut cached_at: Vec<Option<usize>> = vec![None; inputs.records.len()];
        let mut removed = Vec::new();
        for (at, head) in cache.records.heads.iter().enumerate() {
            match place.get(head.file.as_os_str()) {
                Some(&i) => cached_at[i] = Some(at),
                None => removed.push(at),
            }
        }
        let heads = &cache.records.heads;
        // Which files to read: those whose size or time changed, and those
        // written so close to the last build's scan that they may have
        // changed since without showing it.
        let unsure: Vec<(&PathBuf, u64)> = inputs
            .records
            .iter()
            .zip(&cached_at)
            .filter_map(|((file, stat), at)| {
                let head = &heads[(*at)?];
                let racy = head.stat.is_none_or(|stat| stat.racy(cache.scanned));
                (head.stat != *stat || stat.is_none() || racy).then_some((file, head.hash))
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

        let kept = vec![false; heads.len()];
        let mut plan = Plan {
            views: cache.views,
            buckets: cache.buckets,
            shelf: Some(Arc::new(cache.shelf)),
            cached: cache.records,
            kept,
            ..Plan::default()
        };
        // Ids whose pages change.
        let mut changed = BTreeSet::new();
        for ((file, stat), at) in inputs.records.iter().zip(cached_at) {
            let Some(at) = at else {
                changed.extend(load::id_of(file).ok().map(|id| id.to_string()));
                plan.to_load.insert(file.clone());
                continue;
            };
            let (head, listing) = (&mut plan.cached.heads[at], &plan.cached.listings[at]);
            // A file not read had the same size and time, long enough ago.
            let same_text = verified.get(file).copied().unwrap_or(true);
            let same_place =
                selection.on_site(listing) == head.on_site && selection.embargoed(listing) == head.embargoed;
            if same_text && same_place {
                if head.stat != *stat {
                    plan.buckets.change(&head.id);
                }
                head.stat = *stat;
                plan.kept[at] = true;
            } else {
                plan.again.insert(listing.id.clone());
                changed.insert(listing.id.clone());
                plan.to_load.insert(file.clone());
            }
        }
        for at in removed {
            let listing = &plan.cached.listings[at];
            plan.buckets.change(&plan.cached.heads[at].id);
            changed.insert(listing.id.clone());
        }
        // The kept records whose pages link to a changed one, as the cache
        // has them before the change (those that link to one after it are
        // found as the changed records are loaded: `named_by`).
        let linked = linked_to(&plan.cached.listings, |id| changed.contains(id));
        let neighbours = plan.kept_where(|listing| linked.contains(listing.id.as_str()));
        plan.reload(neighbours);
        plan
    }

    /// Loads, checks and lists the records to load by `stage` (with those
    /// that name a kept record as related: its page must link back),
    /// sorted by id; the problems found go to `findings`, with the
    /// warnings the cache kept of the other records. Returns them and the
    /// cache's records not loaded.
    pub fn load(&mut self, root: &Path, stage: &Stage, findings: &mut Diagnostics) -> Result<(Vec<Loaded>, Records)> {
        let files: Vec<PathBuf> = self.to_load.iter().cloned().collect();
        let holding = Holding::from_env()?;
        let mut loaded = pipeline::load_records(root, stage, &files, &holding, findings)?;
        let more = self.reload(self.named_by(&loaded));
        loaded.extend(pipeline::load_records(root, stage, &more, &holding, findings)?);
        loaded.sort_by(|a, b| a.held.id().cmp(b.held.id()));
        let mut kept = std::mem::take(&mut self.cached);
        kept.retain(&std::mem::take(&mut self.kept));
        for head in &kept.heads {
            head.warnings.iter().filter_map(|w| w.diagnostic(&head.file)).for_each(|d| findings.push(d));
        }
        Ok((loaded, kept))
    }

    /// Marks the kept records at `places` as records to load, and returns their files.
    fn reload(&mut self, places: Vec<usize>) -> Vec<PathBuf> {
        let mut moved = Vec::new();
        for place in places {
            if self.kept.get(place) == Some(&true) {
                self.kept[place] = false;
                self.again.insert(self.cached.listings[place].id.clone());
                moved.push(self.cached.heads[place].file.clone());
            }
        }
        self.to_load.extend(moved.iter().cloned());
        moved
    }

    /// The places of the kept records whose listing is `wanted`.
    fn kept_where(&self, wanted: impl Fn(&Listing) -> bool) -> Vec<usize> {
        let listings = self.cached.listings.iter().zip(&self.kept).enumerate();
        listings.filter_map(|(place, (listing, kept))| (*kept && wanted(listing)).then_some(place)).collect()
    }

    /// The kept records that `loaded` now names as related: their pages
    /// must link back. A record is known by its listing; one without (it
    /// has an error) renders nothing, nor do the others then.
    fn named_by(&self, loaded: &[Loaded]) -> Vec<usize> {
        let named: BTreeSet<&str> =
            loaded.iter().flat_map(|l| l.listing.iter().flat_map(|l| l.related.iter().map(|id| id.as_str()))).collect();
        self.kept_where(|listing| named.contains(listing.id.as_str()))
    }
}
