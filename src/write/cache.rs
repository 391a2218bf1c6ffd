//! The build cache beside the output: what the last build knew of each
//! record, so that the next one parses only what changed.
//!
//! It lives in the store (`.public.tathya/records/`), is written after the
//! build it describes is published, and names that build by the hash of
//! the manifest of the copy it published ([`write::published_manifest`]):
//! a cache that does not fit the output as it is (an older cache, when the
//! saves of the builds after it failed), or was written by another build
//! of tathya ([`super::BUILD_ID`]), is not used. A cache that fits
//! therefore knows every file the published copy has: the pages of the
//! records it keeps are there to keep.
//!
//! Each bucket of records has two files: what a rebuild reads of every
//! record (its file and listing), and beside it, its side file, what it
//! reads only of the records whose pages are made again or show them:
//! their [`Summaries`], read whole when any is asked for (`Side`), then
//! their [`Extras`] (feed entries and words, most of the bytes), read per
//! record ([`Shelf`]). The side file is named by its hash, so that the index,
//! which names it, never pairs a bucket with another build's.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::diag::Rule;
use crate::diag::{Diagnostic, Error, Location, Result};
use crate::render::listing::{Extras, KeptBytes, KeptExtras, Listing, Summaries};
use crate::write::{self, hash_bytes};

/// Bumped whenever the cache's layout changes.
const FORMAT: u32 = 8;

/// How close to a scan a file's modification time may be for its size and
/// time to be trusted: a file written again within the same tick of a
/// coarse clock, at the same size, would look unchanged ("racy" files, as
/// git calls them). Such a file is read and hashed instead.
const RACY_NANOS: u128 = 2_000_000_000;

/// A file's size and modification time, in nanoseconds, and where the
/// system has them its inode and the time its inode last changed: two
/// files of the same size and time swapped by renames (as after `tar x`
/// or `cp -p`) keep their times, not their inodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stat {
    size: u64,
    modified: u128,
    inode: (u64, i64, i64),
}

impl Stat {
    /// The size and times of the file at `path`.
    pub fn of(path: &Path) -> Option<Stat> {
        let meta = fs::metadata(path).ok()?;
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
        Some(Stat { size: meta.len(), modified, inode: inode(&meta) })
    }

    /// Whether a file with this stat, seen by a scan at `scanned`, may yet
    /// change without its size or time showing it.
    pub fn racy(&self, scanned: u128) -> bool {
        self.modified + RACY_NANOS >= scanned
    }
}

/// The inode of `meta` and the time it last changed, in seconds and nanoseconds.
#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> (u64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    (meta.ino(), meta.ctime(), meta.ctime_nsec())
}

/// Elsewhere a file is known by its size and modification time alone.
#[cfg(not(unix))]
fn inode(_meta: &fs::Metadata) -> (u64, i64, i64) {
    (0, 0, 0)
}

/// Now, in nanoseconds since 1970.
fn now_nanos() -> u128 {
    std::time::SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// The hash a record's content is known by: of its bytes after any byte
/// order mark, which is the text tathya reads.
pub fn content_hash(bytes: &[u8]) -> u64 {
    hash_bytes(bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes))
}

/// What a build is made of, as far as can be known without parsing.
#[derive(Debug)]
pub struct Inputs {
    /// The hash of everything every page depends on: `tathya.yaml`, the
    /// locales, templates and pages (paths and bytes), the pictures beside
    /// the records, tathya's build id and `--drafts`.
    pub shared: u64,
    /// Every record file, sorted by its bytes (as [`crate::load::site_files`]
    /// lists them), with its size and time.
    pub records: Vec<(PathBuf, Option<Stat>)>,
    /// When the records were listed, in nanoseconds since 1970.
    pub scanned: u128,
}

impl Inputs {
    /// Reads the shared files of `root` and lists its records.
    pub fn scan(root: &Path, drafts: bool) -> Result<Self> {
        let scanned = now_nanos();
        let (shared, listed) = Inputs::shared_and_listed(root, drafts)?;
        let files = crate::load::records_among(listed);
        // One `stat` per file is most of the cost: spread it over the cores.
        let records = files.into_par_iter().map(|file| (Stat::of(&root.join(&file)), file)).collect::<Vec<_>>();
        let records = records.into_iter().map(|(stat, file)| (file, stat)).collect();
        Ok(Inputs { shared, records, scanned })
    }

    /// [`Inputs::shared`] of `root`, without a `stat` of every record.
    pub fn shared_of(root: &Path, drafts: bool) -> Result<u64> {
        Inputs::shared_and_listed(root, drafts).map(|(shared, _)| shared)
    }

    /// [`Inputs::shared`] of `root`, and the files under `statements/`
    /// listed to find the pictures among them.
    fn shared_and_listed(root: &Path, drafts: bool) -> Result<(u64, Vec<PathBuf>)> {
        let mut hasher = Xxh3::new();
        hasher.update(super::BUILD_ID.as_bytes());
        hasher.update(&[u8::from(drafts)]);
        hash_file(&mut hasher, root, Path::new(crate::site::CONFIG_FILE));
        for folder in crate::site::SHARED_DIRS {
            let dir = Path::new(folder);
            for file in crate::load::site_files(root, dir)? {
                hash_file(&mut hasher, root, &dir.join(file));
            }
        }
        // A claim's picture beside its record: a rare change, which rebuilds
        // everything rather than tracking which record names which file.
        let statements = Path::new(crate::site::STATEMENTS_DIR);
        let listed = crate::load::site_files(root, statements)?;
        for file in &listed {
            let extension = file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            if extension.is_some_and(|ext| crate::load::types::IMAGE_EXTENSIONS.contains(&ext.as_str())) {
                hash_file(&mut hasher, root, &statements.join(file));
            }
        }
        Ok((hasher.digest(), listed))
    }

    /// The size and time of the record `file` as scanned.
    pub fn stat_of(&self, file: &Path) -> Option<Stat> {
        let at = self.records.binary_search_by(|(listed, _)| listed.as_os_str().cmp(file.as_os_str())).ok()?;
        self.records[at].1
    }

    /// One hash of all of it, for the build stamp: stable from one Rust
    /// release to the next, as a hash saved on disk must be.
    pub fn digest(&self) -> u64 {
        let mut hasher = Xxh3::new();
        hasher.update(&self.shared.to_le_bytes());
        for (file, stat) in &self.records {
            hasher.update(file.as_os_str().as_encoded_bytes());
            hasher.update(&[0]);
            match stat {
                Some(Stat { size, modified, inode: (number, secs, nanos) }) => {
                    hasher.update(&size.to_le_bytes());
                    hasher.update(&modified.to_le_bytes());
                    hasher.update(&number.to_le_bytes());
                    hasher.update(&secs.to_le_bytes());
                    hasher.update(&nanos.to_le_bytes());
                }
                None => hasher.update(b"\0absent"),
            }
        }
        hasher.digest()
    }
}

fn hash_file(hasher: &mut Xxh3, root: &Path, file: &Path) {
    hasher.update(file.as_os_str().as_encoded_bytes());
    // Only a regular file is read: loading refuses anything else, at its place.
    let path = root.join(file);
    match fs::metadata(&path)
        .and_then(|meta| if meta.is_file() { fs::read(&path) } else { Err(std::io::ErrorKind::Other.into()) })
    {
        Ok(bytes) => {
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
        }
        Err(_) => hasher.update(b"\0absent"),
    }
}

/// A warning about a record, kept so that a rebuild shows it again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Warning {
    code: String,
    line: usize,
    column: usize,
    message: String,
}

impl Warning {
    /// The warning of `diagnostic`.
    pub fn of(diagnostic: &Diagnostic) -> Self {
        Warning {
            code: diagnostic.rule.code().to_owned(),
            line: diagnostic.location.line,
            column: diagnostic.location.column,
            message: diagnostic.message.clone(),
        }
    }

    /// The diagnostic again, in `file`; `None` for a rule this version does not have.
    pub fn diagnostic(&self, file: &Path) -> Option<Diagnostic> {
        let rule = *Rule::ALL.iter().find(|rule| rule.code() == self.code)?;
        Some(Diagnostic::new(rule, Location::at(file, self.line, self.column), self.message.clone()))
    }
}

/// What the last build knew of its records: each one's head and listing,
/// at the same place in both. Two vectors rather than one of pairs, as a
/// build renders from a slice of listings: those of 100,000 records are
/// never moved into another vector.
#[derive(Debug, Default)]
pub struct Records {
    /// What was found in each record's file.
    pub heads: Vec<Head>,
    /// How the site showed each record.
    pub listings: Vec<Listing>,
}

impl Records {
    /// Keeps only the records at the places where `keep` is true.
    pub fn retain(&mut self, keep: &[bool]) {
        debug_assert!(keep.len() == self.heads.len() && keep.len() == self.listings.len());
        let mut kept = keep.iter();
        self.heads.retain(|_| kept.next() == Some(&true));
        let mut kept = keep.iter();
        self.listings.retain(|_| kept.next() == Some(&true));
    }

    /// Sorts both by the records' ids, as the site lists them: each head
    /// stays beside its listing (ids are one a record). Both are pushed a
    /// record at a time, so they pair up; should they not, the build stops
    /// rather than save a cache that mixes records up.
    pub fn sort_by_id(&mut self) -> Result<()> {
        rayon::join(
            || self.heads.par_sort_unstable_by(|a, b| a.id.cmp(&b.id)),
            || self.listings.par_sort_unstable_by(|a, b| a.id.cmp(&b.id)),
        );
        let paired = self.heads.len() == self.listings.len()
            && self.heads.iter().zip(&self.listings).all(|(head, listing)| head.id == listing.id);
        if !paired {
            return Err(Error::Cache("the records of the build cache do not pair up: build again with --full".into()));
        }
        Ok(())
    }
}

/// What the last build found in one record's file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Head {
    /// The record's id.
    pub id: String,
    /// The record's file, relative to the site root.
    pub file: PathBuf,
    /// Its size and time when it was read.
    pub stat: Option<Stat>,
    /// The hash of its content.
    pub hash: u64,
    /// Whether it had pages, and was under embargo, in that build.
    pub on_site: bool,
    /// Whether it was shown under embargo (with `--drafts`).
    pub embargoed: bool,
    /// Its warnings.
    pub warnings: Vec<Warning>,
}

/// Where a record's summaries or extras are in its bucket's side file, and their hash.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Span {
    start: u64,
    len: u64,
    hash: u64,
}

/// The extras of the cache's records, in the side files of its buckets:
/// read only for the records they are asked of (a feed's newest entries,
/// the words of a search index made again, a bucket saved again).
#[derive(Debug, Default)]
pub struct Shelf {
    dir: PathBuf,
    /// The name of each bucket's side file.
    files: Vec<String>,
    /// Each record's bucket and span, by id.
    spans: FxHashMap<String, (usize, Span)>,
}

impl Shelf {
    /// The bytes of the extras of `ids`, in that order, each checked
    /// against its hash; each bucket's file opened once, the buckets side
    /// by side.
    fn bytes(&self, ids: &[&str]) -> Result<Vec<Vec<u8>>> {
        let mut by_bucket: BTreeMap<usize, Vec<(usize, Span)>> = BTreeMap::new();
        for (at, id) in ids.iter().enumerate() {
            let Some((bucket, span)) = self.spans.get(*id) else {
                return Err(self.damaged(&format!("it has no extras of {id}")));
            };
            by_bucket.entry(*bucket).or_default().push((at, *span));
        }
        let read: Vec<Vec<(usize, Vec<u8>)>> =
            by_bucket.into_par_iter().map(|(bucket, spans)| self.read(bucket, spans)).collect::<Result<_>>()?;
        let mut found = vec![Vec::new(); ids.len()];
        for (at, bytes) in read.into_iter().flatten() {
            found[at] = bytes;
        }
        Ok(found)
    }

    /// The bytes of `spans` of the side file of `bucket`, each with its place.
    fn read(&self, bucket: usize, mut spans: Vec<(usize, Span)>) -> Result<Vec<(usize, Vec<u8>)>> {
        let path = self.dir.join(self.files.get(bucket).map_or("", String::as_str));
        let mut file = fs::File::open(&path).map_err(|err| self.damaged(&format!("{}: {err}", path.display())))?;
        spans.sort_by_key(|(_, span)| span.start);
        let mut found = Vec::with_capacity(spans.len());
        for (at, span) in spans {
            let mut bytes = vec![0; usize::try_from(span.len).unwrap_or(usize::MAX)];
            file.seek(SeekFrom::Start(span.start))
                .and_then(|_| file.read_exact(&mut bytes))
                .map_err(|err| self.damaged(&format!("{}: {err}", path.display())))?;
            if hash_bytes(&bytes) != span.hash {
                return Err(self.damaged(&format!("the extras in {} are not what its index says", path.display())));
            }
            found.push((at, bytes));
        }
        Ok(found)
    }

    fn damaged(&self, why: &str) -> Error {
        damaged(&self.dir, why)
    }
}

/// The error of the build cache in `dir` when it is damaged.
fn damaged(dir: &Path, why: &str) -> Error {
    Error::Cache(format!("the build cache in {} is damaged ({why}): build again with --full", dir.display()))
}

impl KeptExtras for Shelf {
    fn extras(&self, ids: &[&str]) -> Result<Vec<Extras>> {
        let bytes = self.bytes(ids)?;
        bytes.iter().map(|bytes| postcard::from_bytes(bytes).map_err(|err| self.damaged(&err.to_string()))).collect()
    }
}

/// The build cache.
#[derive(Debug, Default)]
pub struct Cache {
    /// [`Inputs::shared`] of the build.
    pub shared: u64,
    /// When that build listed the records (see [`Inputs::scanned`]).
    pub scanned: u128,
    /// Every record.
    pub records: Records,
    /// The hashes of the views of the shared pages, by file (see [`Memo`](crate::render::listing::Memo)).
    pub views: BTreeMap<String, u64>,
    /// The records' buckets as saved, to save again only those that change.
    pub buckets: Buckets,
    /// The extras of the records.
    pub shelf: Shelf,
}

/// The saved records in 256 buckets, a file each, a record's
/// bucket given by its id: an edit rewrites the file of one bucket (or of a
/// few, with its related statements), whatever the archive's size.
#[derive(Debug, Default)]
pub struct Buckets {
    /// The hash of each bucket's file as saved; none without a cache.
    saved: Vec<u64>,
    /// The name of each bucket's side file as saved.
    sides: Vec<String>,
    /// The buckets whose records differ from what was saved.
    changed: std::collections::BTreeSet<usize>,
}

impl Buckets {
    /// Marks the bucket of the record `id` as changed.
    pub fn change(&mut self, id: &str) {
        self.changed.insert(bucket(id));
    }

    /// The saved hash of `bucket`, and the name of its side file, if
    /// none of its records changed.
    fn unchanged(&self, bucket: usize) -> Option<(u64, String)> {
        if self.changed.contains(&bucket) {
            return None;
        }
        Some((*self.saved.get(bucket)?, self.sides.get(bucket)?.clone()))
    }
}

/// How many buckets the records are saved in: a few hundred records each at
/// 100,000 records, enough to decode on every core.
const BUCKETS: usize = 256;

/// The bucket of the record `id`.
fn bucket(id: &str) -> usize {
    (hash_bytes(id.as_bytes()) % BUCKETS as u64) as usize
}

/// The cache's index, saved after its buckets: what the build was made
/// from, and the hash of each bucket's file, so that a bucket written by
/// a build that was killed before it saved the index is not trusted.
#[derive(Serialize, Deserialize)]
struct Index {
    format: u32,
    version: String,
    shared: u64,
    /// The hash of the published copy's manifest: which build this is.
    manifest: u64,
    scanned: u128,
    views: BTreeMap<String, u64>,
    buckets: Vec<u64>,
    /// The name of each bucket's side file.
    sides: Vec<String>,
}

/// The folder of the cache in the store.
pub fn cache_dir(out: &Path) -> PathBuf {
    write::store_of(out).join("records")
}

fn index_path(dir: &Path) -> PathBuf {
    dir.join("index")
}

fn bucket_path(dir: &Path, bucket: usize) -> PathBuf {
    dir.join(format!("{bucket:03}"))
}

/// The name of the side file of `bucket` whose bytes hash to `hash`.
fn side_name(bucket: usize, hash: u64) -> String {
    format!("{bucket:03}-{hash:016x}")
}

/// What a bucket's file holds of each record: its head, its listing, and
/// where its summaries and its extras are in the side file.
type Saved = (Head, Listing, Span, Span);

/// The summaries at the start of a bucket's side file, read whole the
/// first time one of them is asked for (a list page, a statement's related
/// links or a file of the search's statements made again, `check`'s view
/// with drafts, the bucket saved again): a list page made again shows
/// statements of many buckets, and a statement added at the top of a list
/// moves every page of it.
struct Side {
    path: PathBuf,
    /// How many bytes of it are summaries.
    len: u64,
    /// Them, or why they cannot be read.
    bytes: OnceLock<std::result::Result<Vec<u8>, String>>,
}

impl std::fmt::Debug for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Side").field("path", &self.path).field("len", &self.len).finish_non_exhaustive()
    }
}

impl Side {
    fn read(&self) -> std::result::Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        fs::File::open(&self.path)
            .and_then(|file| file.take(self.len).read_to_end(&mut bytes))
            .map_err(|err| format!("{}: {err}", self.path.display()))?;
        Ok(bytes)
    }
}

impl KeptBytes for Side {
    fn span(&self, start: u64, len: u64, hash: u64) -> Result<&[u8]> {
        let damaged = |why: &str| damaged(self.path.parent().unwrap_or(&self.path), why);
        let bytes = self.bytes.get_or_init(|| self.read()).as_ref().map_err(|why| damaged(why))?;
        let span = usize::try_from(start).ok().zip(usize::try_from(start.saturating_add(len)).ok());
        match span.and_then(|(start, end)| bytes.get(start..end)) {
            Some(span) if hash_bytes(span) == hash => Ok(span),
            _ => Err(damaged(&format!("the summaries in {} are not what its index says", self.path.display()))),
        }
    }
}

impl Cache {
    /// The cache beside `out`, if there is one that describes the site
    /// published there now and was made from the same shared inputs.
    pub fn load(out: &Path, inputs: &Inputs) -> Option<Self> {
        let dir = cache_dir(out);
        let index: Index = write::read_saved(&index_path(&dir))?;
        let fits = index.format == FORMAT
            && index.version == super::BUILD_ID
            && index.shared == inputs.shared
            && index.buckets.len() == BUCKETS
            && index.sides.len() == BUCKETS
            && write::published_manifest(out) == Some(index.manifest);
        if !fits {
            return None;
        }
        let read = |i: usize| -> Option<Vec<Saved>> {
            let bytes = fs::read(bucket_path(&dir, i)).ok()?;
            if hash_bytes(&bytes) != index.buckets[i] {
                return None;
            }
            postcard::from_bytes(&bytes).ok()
        };
        let count = inputs.records.len();
        let mut records = Records { heads: Vec::with_capacity(count), listings: Vec::with_capacity(count) };
        let mut spans = FxHashMap::with_capacity_and_hasher(count, Default::default());
        // A few buckets at a time, on every core: their decoded records
        // are moved out as the next few are read, not all held twice.
        let all: Vec<usize> = (0..BUCKETS).collect();
        for few in all.chunks(BUCKETS / 8) {
            let decoded: Option<Vec<Vec<Saved>>> = few.par_iter().map(|&i| read(i)).collect();
            for (&bucket, saved) in few.iter().zip(decoded?) {
                let len = saved.iter().map(|(_, _, summaries, _)| summaries.start.saturating_add(summaries.len)).max();
                let len = len.unwrap_or(0);
                let side = Arc::new(Side { path: dir.join(&index.sides[bucket]), len, bytes: OnceLock::new() });
                for (head, mut listing, summaries, extras) in saved {
                    // Saved side by side by one build: anything else is no cache of ours.
                    if head.id != listing.id {
                        return None;
                    }
                    listing.summaries = Summaries::kept(side.clone(), summaries.start, summaries.len, summaries.hash);
                    spans.insert(head.id.clone(), (bucket, extras));
                    records.heads.push(head);
                    records.listings.push(listing);
                }
            }
        }
        Some(Cache {
            shared: index.shared,
            scanned: index.scanned,
            records,
            views: index.views,
            shelf: Shelf { dir, files: index.sides.clone(), spans },
            buckets: Buckets { saved: index.buckets, sides: index.sides, changed: Default::default() },
        })
    }

    /// Saves a cache of `records` beside `out`, laid out as [`Cache::load`]
    /// reads it: the buckets that `previous` does not have unchanged, each
    /// with its side file (the summaries of the records not rendered again
    /// copied from the last build's side files, their extras taken from
    /// `shelf`), then the index, then the
    /// side files no bucket names any more are removed. A cache that
    /// cannot be saved costs the next build its shortcut, nothing more; so
    /// does removing it.
    pub fn save(
        out: &Path,
        inputs: &Inputs,
        records: &[(&Head, &Listing)],
        views: BTreeMap<String, u64>,
        previous: Buckets,
        shelf: Option<&Shelf>,
    ) {
        let dir = cache_dir(out);
        let Some(manifest) = write::published_manifest(out) else { return };
        if fs::create_dir_all(&dir).is_err() {
            return;
        }
        // Files left by a build killed while saving; and the one file in
        // which earlier builds of tathya kept the whole cache.
        let _ = write::remove_temporary(&dir);
        let _ = fs::remove_file(write::store_of(out).join("cache"));
        let mut by_bucket: Vec<Vec<&(&Head, &Listing)>> = vec![Vec::new(); BUCKETS];
        for record in records {
            by_bucket[bucket(&record.0.id)].push(record);
        }
        let buckets: Option<Vec<(u64, String)>> = by_bucket
            .into_par_iter()
            .enumerate()
            .map(|(i, records)| previous.unchanged(i).or_else(|| save_bucket(&dir, i, records, shelf)))
            .collect();
        let Some(buckets) = buckets else { return };
        let (buckets, sides): (Vec<u64>, Vec<String>) = buckets.into_iter().unzip();
        let index = Index {
            format: FORMAT,
            version: super::BUILD_ID.to_owned(),
            shared: inputs.shared,
            manifest,
            scanned: inputs.scanned,
            views,
            buckets,
            sides,
        };
        if write::save(&index_path(&dir), &index).is_err() {
            return;
        }
        // The side files of the buckets saved before these.
        let Ok(entries) = fs::read_dir(&dir) else { return };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.contains('-') && !index.sides.contains(&name) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Saves the records of bucket `i`, sorted by id, and its side file:
/// their summaries, then their extras, those rendered by this build from
/// their listings, the others' bytes from `shelf`. Returns the hash of the
/// bucket's file and the name of its side file; `None` if it could not be
/// saved.
fn save_bucket(
    dir: &Path,
    i: usize,
    mut records: Vec<&(&Head, &Listing)>,
    shelf: Option<&Shelf>,
) -> Option<(u64, String)> {
    records.sort_unstable_by(|a, b| a.0.id.cmp(&b.0.id));
    let unrendered: Vec<&str> =
        records.iter().filter(|(_, listing)| listing.extras.is_none()).map(|(head, _)| head.id.as_str()).collect();
    let mut kept = match (unrendered.is_empty(), shelf) {
        (true, _) => Vec::new(),
        (false, Some(shelf)) => shelf.bytes(&unrendered).ok()?,
        (false, None) => return None,
    }
    .into_iter();
    let mut side = Vec::new();
    let mut summaries = Vec::with_capacity(records.len());
    for (_, listing) in &records {
        summaries.push(append(&mut side, listing.summaries.encoded().ok()?));
    }
    let mut saved = Vec::with_capacity(records.len());
    for ((head, listing), summaries) in records.into_iter().zip(summaries) {
        let extras = match &listing.extras {
            Some(own) => append(&mut side, &postcard::to_stdvec(own).ok()?),
            None => append(&mut side, &kept.next()?),
        };
        saved.push((*head, *listing, summaries, extras));
    }
    let name = side_name(i, hash_bytes(&side));
    write::save_bytes(&dir.join(&name), &side).ok()?;
    let bytes = postcard::to_stdvec(&saved).ok()?;
    write::save_bytes(&bucket_path(dir, i), &bytes).ok()?;
    Some((hash_bytes(&bytes), name))
}

/// Appends `bytes` to `file`, and returns where they are in it.
fn append(file: &mut Vec<u8>, bytes: &[u8]) -> Span {
    let span = Span { start: file.len() as u64, len: bytes.len() as u64, hash: hash_bytes(bytes) };
    file.extend_from_slice(bytes);
    span
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::Inputs;

    #[test]
    fn each_record_scanned_is_found_with_its_size() {
        let root = tempfile::tempdir().unwrap();
        // Names whose order as bytes is not their order as paths (`-` and `.` sort before `/`).
        let files = ["a-b.yaml", "a.yaml", "a/b.yaml", "a/b/c.yaml", "ab.yaml", "z/0.yaml"];
        for (size, file) in files.iter().enumerate() {
            let path = root.path().join("statements").join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x".repeat(size + 1)).unwrap();
        }
        let inputs = Inputs::scan(root.path(), false).unwrap();
        assert_eq!(inputs.records.len(), files.len());
        for (size, file) in files.iter().enumerate() {
            let stat = inputs.stat_of(&Path::new("statements").join(file));
            assert_eq!(stat.map(|stat| stat.size), Some(size as u64 + 1), "{file}");
        }
        assert!(inputs.stat_of(Path::new("statements/a/c.yaml")).is_none());
    }
}
