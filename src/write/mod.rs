//! Step 5, write: the one owner of every write to the output folder.
//!
//! The output folder (`public/`) is a plain folder: one of two full copies
//! of the site. The other lives in the store beside it
//! (`.public.tathya/next`). A build writes into that other copy, then the
//! two trade places in one step ([`folder::publish`]). Until then nothing a
//! reader can see changes: a build that fails, or is killed, at any point
//! leaves the published site exactly as it was. Each copy holds a marker
//! ([`folder::MARKER`]) saying it is tathya's and which copy it is; a
//! folder without one is never written to nor deleted ([`folder::claim`]).
//!
//! Pages are handed to a [`Writer`] as they are rendered, from any thread,
//! or kept as the published copy has them ([`Writer::keep`]) when a rebuild
//! did not render them again. Each copy has a manifest of its files' hashes
//! (`.public.tathya/a.manifest`), written when the copy is complete and
//! removed before it is touched; with it, a file whose bytes are already in
//! the copy being written is known without reading it, and is not
//! rewritten. A folder is created only when it is missing: on a real disk,
//! creating thousands of folders is what a rebuild would otherwise cost.
//! The price is a second copy of the site on disk. A build that fails half
//! way, as on a full disk, leaves that second copy half written and without
//! a manifest; the next build reads what is there and overwrites what
//! differs.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rustc_hash::FxHashSet;

pub mod cache;
pub mod cards;
pub mod folder;
pub mod lock;
pub mod manifest;
pub mod stamp;

use crate::diag::{Error, Result};
pub use crate::load::hash_bytes;
use crate::render::pages::Sink;
use crate::site::routes::Folder;
pub use folder::Purpose;
use folder::{MARKER, Marker, State};

/// The id of this binary: a hash of the sources, compiler and profile it
/// was built from (`build.rs`). The build cache and stamp are keyed on it.
pub const BUILD_ID: &str = env!("TATHYA_BUILD_ID");

pub use manifest::Manifest;
use manifest::Saved;

/// A file's name in a manifest: borrowed for a lookup when the path is UTF-8, as tathya names every file.
fn key(path: &Path) -> std::borrow::Cow<'_, str> {
    path.to_string_lossy()
}

/// Collects a build's pages and publishes them at the end.
#[derive(Debug)]
pub struct Writer {
    out: PathBuf,
    /// What the output path held when the build began.
    state: State,
    /// The store beside the output: the copy being written, manifests,
    /// cache and stamp.
    store: PathBuf,
    /// The copy being written: `a` or `b`.
    copy: &'static str,
    /// What the copy is for.
    purpose: Purpose,
    /// What the copy being written held before this build, when its
    /// manifest says; otherwise files are read to compare.
    held: Option<Saved>,
    /// What the published copy holds, when its manifest says.
    published: Option<Saved>,
    /// With both manifests, the places in `published` of the files that
    /// the copy being written does not hold as published ([`Saved::unlike`]).
    unlike: Vec<usize>,
    /// The files written (or found as they are) by this build.
    produced: Mutex<Manifest>,
    /// The files kept as published: their places in `published`.
    kept: Mutex<Vec<usize>>,
    /// When the copy being written is trusted by its manifest, and so not
    /// walked for what a build did not put there: the folders this build
    /// has looked at (found to be folders, or missing, with those below a
    /// missing one), the first time a file in each was written or removed.
    /// A link in a folder's place stops the build ([`Writer::place`]).
    folders: Option<Mutex<FxHashSet<PathBuf>>>,
    changed: AtomicUsize,
    /// The share cards of earlier builds.
    cards: cards::Cards,
}

/// What a commit did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Pages the site has.
    pub pages: usize,
    /// Files written because they are new or changed.
    pub changed: usize,
    /// Files removed because their page is gone.
    pub removed: usize,
    /// Records parsed and rendered; the others came from the build cache.
    pub rendered: usize,
    /// Nothing was built: the stamp showed the site is up to date.
    pub up_to_date: bool,
}

fn io<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> Error + 'p {
    move |err| Error::io(action, path, err)
}

/// The folder beside `out` that holds its two copies and the build cache.
pub fn store_of(out: &Path) -> PathBuf {
    let name = out.file_name().map_or_else(|| crate::site::PUBLISHED_DIR.into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.tathya"))
}

/// The copy `out` holds: `a`, `b`, or none yet.
pub fn published_copy(out: &Path) -> Option<String> {
    Marker::read(out).map(|marker| marker.copy.to_owned())
}

/// The hash of the manifest of the copy published at `out`: it names the
/// build that published that copy (the build cache describes that build).
pub fn published_manifest(out: &Path) -> Option<u64> {
    let copy = published_copy(out)?;
    fs::read(manifest_path(&store_of(out), &copy)).ok().map(|bytes| hash_bytes(&bytes))
}

/// The folder in the store of the copy a build writes.
const NEXT: &str = "next";

fn manifest_path(store: &Path, copy: &str) -> PathBuf {
    store.join(format!("{copy}.manifest"))
}

fn read_manifest(store: &Path, copy: &str) -> Option<Saved> {
    Saved::read(&fs::read(manifest_path(store, copy)).ok()?, copy)
}

/// The value saved at `path` by [`save`], if it is there and reads.
pub fn read_saved<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    postcard::from_bytes(&fs::read(path).ok()?).ok()
}

/// Saves `value` at `path` through a temporary file and a rename, so that
/// `path` holds the old value or the new one, never part of one. A
/// temporary file left by a killed build is removed by the next.
/// The value is written as it is encoded, through a buffer (the build
/// cache's index; a manifest is encoded whole beside other work, then
/// saved with [`save_bytes`]).
pub fn save(path: &Path, value: &impl serde::Serialize) -> Result<()> {
    save_with(path, |file| encode(value, std::io::BufWriter::with_capacity(1 << 16, file)))
}

/// Writes `value` encoded into `writer`; an error of the writer's is the error.
fn encode(value: &impl serde::Serialize, writer: impl std::io::Write) -> std::io::Result<()> {
    let mut writer = FirstError { inner: writer, error: None };
    match postcard::to_io(value, &mut writer) {
        Ok(_) => Ok(()),
        Err(err) => Err(writer.error.take().unwrap_or_else(|| std::io::Error::other(err))),
    }
}

/// A writer that keeps the first error of the one it writes to: postcard
/// reports any as a full buffer, and "no space left on device" is what a
/// user needs to read.
struct FirstError<W> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: std::io::Write> FirstError<W> {
    fn kept<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        result.map_err(|err| {
            let copy = std::io::Error::new(err.kind(), err.to_string());
            self.error.get_or_insert(err);
            copy
        })
    }
}

impl<W: std::io::Write> std::io::Write for FirstError<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(bytes);
        self.kept(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let flushed = self.inner.flush();
        self.kept(flushed)
    }
}

/// Saves `bytes` at `path` as [`save`] does.
pub fn save_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    save_with(path, |file| std::io::Write::write_all(file, bytes))
}

/// Saves at `path` what `write` writes, as [`save`] does.
fn save_with(path: &Path, write: impl FnOnce(&mut fs::File) -> std::io::Result<()>) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file =
        tempfile::Builder::new().prefix(TEMPORARY).tempfile_in(dir).map_err(io("cannot write a file in", dir))?;
    write(file.as_file_mut()).map_err(io("cannot write", file.path()))?;
    file.persist(path).map_err(|err| Error::io("cannot write", path, err.error))?;
    Ok(())
}

/// How the names of [`save`]'s temporary files begin; one left by a killed
/// build is removed by the next.
pub const TEMPORARY: &str = ".saving-";

/// Removes from `dir` the temporary files of a build that was killed while
/// saving into it.
pub fn remove_temporary(dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMPORARY) {
            let _ = fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// A build's output read and not yet changed: [`Writer::open`].
pub struct Opened {
    writer: Writer,
    verify: bool,
}

impl Opened {
    /// Starts writing. First what tathya 0.1 left is upgraded, and the
    /// manifests that stop being true once the copy changes are removed
    /// (written again only when the build is complete); then the copy to
    /// write is made tathya's own: a plain folder, with nothing in it that a
    /// build did not put there if its manifest is not trusted.
    pub fn begin(self) -> Result<Writer> {
        let Opened { mut writer, verify } = self;
        if let State::Link(copy) = writer.state {
            writer.state = upgrade_link(&writer.out, &writer.store, copy, writer.purpose)?;
        }
        let stale = manifest_path(&writer.store, writer.copy);
        if stale.exists() {
            fs::remove_file(&stale).map_err(io("cannot remove", &stale))?;
        }
        if verify && let State::Ours(marker) = &writer.state {
            // Files changed by hand in the published copy: the build after
            // this one writes into it, and compares its files, not this manifest.
            let manifest = manifest_path(&writer.store, marker.copy);
            if manifest.exists() {
                fs::remove_file(&manifest).map_err(io("cannot remove", &manifest))?;
            }
        }
        let next = writer.tree();
        folder::own_folder(&next)?;
        // The store's other folders, written and pruned by the build: a
        // link planted in place of one is removed, never written through.
        folder::no_stranger(&writer.cards.dir)?;
        folder::no_stranger(&cache::cache_dir(&writer.out))?;
        if writer.held.is_some() {
            writer.folders = Some(Mutex::default());
        } else {
            // Every file of the copy is read to compare: first, nothing that is not tathya's.
            remove_strangers(&next)?;
            // A copy without a page, as in a first build, is what an empty
            // manifest says: none of its 65,000 files at 10,000 records is looked for.
            if holds_no_page(&next)? {
                let held = Saved::default();
                writer.unlike = writer.published.as_ref().map(|published| published.unlike(&held)).unwrap_or_default();
                writer.held = Some(held);
            }
        }
        Ok(writer)
    }
}

impl Writer {
    /// Reads what a build into `out` starts from, after [`folder::claim`]
    /// allows it: which copy is published, the two copies' manifests, and
    /// what differs between them. With `verify`, the files of the copy to
    /// be written are read to compare, not taken from its manifest. Only
    /// [`Opened::begin`] changes anything (besides the temporary files of
    /// a killed build, and the store made if it is missing, as the output's
    /// lock has made it already): a build that stops before it, on a record
    /// with an error, leaves the output as it found it, and the reading
    /// runs beside the build cache's.
    pub fn open(out: &Path, root: &Path, purpose: Purpose, verify: bool) -> Result<Opened> {
        let state = folder::claim(out, root, purpose)?;
        let store = folder::open_store(out)?;
        remove_temporary(&store).map_err(io("cannot list", &store))?;
        // What tathya 0.1 published, a link to a copy in the store, is that copy.
        let published = match state {
            State::Ours(marker) => Some(marker.copy),
            State::Link(copy) => Some(copy),
            _ => None,
        };
        let copy = if published == Some("a") { "b" } else { "a" };
        let next = store.join(NEXT);
        // Without a published copy, or with a copy that does not say it is
        // the one the manifest describes (or is not a plain folder), trust nothing in it.
        let plain = fs::symlink_metadata(&next).is_ok_and(|meta| meta.is_dir());
        let marked = plain && Marker::read(&next).is_some_and(|marker| marker.copy == copy);
        // The two manifests (some 650,000 files each at 100,000 records) are read side by side.
        let (held, published_manifest) = rayon::join(
            || read_manifest(&store, copy).filter(|_| !verify && published.is_some() && marked),
            || published.and_then(|name| read_manifest(&store, name)),
        );
        let unlike = match (&published_manifest, &held) {
            (Some(published), Some(held)) => published.unlike(held),
            _ => Vec::new(),
        };
        let cards = cards::Cards::new(&store);
        let writer = Writer {
            out: out.to_path_buf(),
            state,
            store,
            copy,
            purpose,
            held,
            published: published_manifest,
            unlike,
            produced: Mutex::new(Manifest::new()),
            kept: Mutex::new(Vec::new()),
            folders: None,
            changed: AtomicUsize::new(0),
            cards,
        };
        Ok(Opened { writer, verify })
    }

    fn tree(&self) -> PathBuf {
        self.store.join(NEXT)
    }

    /// The bytes of `path` in the published copy, if they are those its
    /// manifest says it published.
    pub fn published(&self, path: &Path) -> Option<Vec<u8>> {
        let hash = self.published.as_ref()?.get(&key(path))?;
        fs::read(self.out.join(path)).ok().filter(|bytes| hash_bytes(bytes) == hash)
    }

    /// Adds the file `path` (relative to the output folder) with `bytes`.
    pub fn add(&self, path: impl Into<PathBuf>, bytes: impl AsRef<[u8]>) -> Result<()> {
        let path = path.into();
        let bytes = bytes.as_ref();
        let hash = hash_bytes(bytes);
        let name = key(&path).into_owned();
        let unchanged = match &self.held {
            Some(held) => held.get(&name) == Some(hash),
            None => fs::read(self.tree().join(&path)).is_ok_and(|old| old == bytes),
        };
        // This copy has these bytes from two builds ago, and the copy
        // published now has others: a change undone. The file's time
        // moves on, so that a server's Last-Modified never goes back
        // and a browser holding the published version asks again.
        let undone = || {
            let published = self.published.as_ref().and_then(|published| published.get(&name));
            published.is_some_and(|published| published != hash)
        };
        if unchanged && (!undone() || touch(&self.place(&path)?)?) {
            lock(&self.produced).insert(name, hash);
            return Ok(());
        }
        lock(&self.produced).insert(name, hash);
        replace(&self.place(&path)?, |file| {
            use std::io::Write;
            file.write_all(bytes)
        })?;
        self.changed.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Keeps the files in `folders` as the published copy has them: each
    /// must be there. A folder's files, and folders one after another, are
    /// looked for on from the last one found, as the manifest has them in
    /// the order of their paths.
    pub fn keep(&self, folders: &[Folder]) -> Result<()> {
        let no_page = |path: &str| Error::Cache(format!("the build cache has no page {path}: build again with --full"));
        let mut kept: Vec<usize> = Vec::with_capacity(folders.iter().map(|folder| folder.names.len()).sum());
        let mut walk: Option<manifest::Walk> = None;
        let mut path = String::new();
        for folder in folders {
            for name in folder.names {
                path.clear();
                path.push_str(&folder.path);
                path.push_str(name);
                let Some(published) = &self.published else { return Err(no_page(&path)) };
                let place = match walk.as_mut() {
                    Some(walk) => walk.step_to(&path).then(|| walk.place()),
                    None => {
                        walk = published.seek(&path);
                        walk.as_ref().map(manifest::Walk::place)
                    }
                };
                let Some(place) = place else { return Err(no_page(&path)) };
                self.keep_at(Path::new(&path), place, published)?;
                kept.push(place);
            }
        }
        lock(&self.kept).extend(kept);
        Ok(())
    }

    /// Keeps `file` as the published copy has it, if it has it; gives
    /// whether it does.
    pub fn keep_published(&self, file: &Path) -> Result<bool> {
        let Some(published) = &self.published else { return Ok(false) };
        let Some(place) = published.find(&key(file)) else { return Ok(false) };
        self.keep_at(file, place, published)?;
        lock(&self.kept).push(place);
        Ok(true)
    }

    /// Keeps `file`, at `place` in the `published` manifest, in the copy
    /// being written: copied from the published copy, unless it has the
    /// same bytes already.
    fn keep_at(&self, file: &Path, place: usize, published: &Saved) -> Result<()> {
        let unchanged = match &self.held {
            Some(_) => self.unlike.binary_search(&place).is_err(),
            None => fs::read(self.tree().join(file)).is_ok_and(|old| hash_bytes(&old) == published.hash(place)),
        };
        if !unchanged {
            let target = self.place(file)?;
            let source = self.out.join(file);
            // Gone or changed by hand since the build that published it.
            let mut from = fs::File::open(&source).map_err(|err| {
                Error::Usage(format!("cannot keep {}: {err}: build again with --full", source.display()))
            })?;
            replace(&target, |file| std::io::copy(&mut from, file).map(|_| ()))?;
            self.changed.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// The path of `file` in the copy being written, none of whose folders
    /// is a link. In a copy trusted by its manifest, each folder above
    /// `file` not yet looked at by this build is looked at. Something
    /// other than a folder in a folder's place (a link planted by hand)
    /// is removed, never written nor removed through, and the build
    /// stops: the manifest, which said what files are there, did not
    /// describe the copy, whose files this build has taken as it says.
    /// This copy's manifest is gone since [`Opened::begin`], so the next
    /// build compares every file. A link in a folder where the build
    /// writes and removes nothing is published as it is, as the manifest
    /// is trusted; `--full` removes it.
    fn place(&self, file: &Path) -> Result<PathBuf> {
        let tree = self.tree();
        if let (Some(seen), Some(parent)) = (&self.folders, file.parent()) {
            // Every folder above a seen one was seen: only those below the deepest seen are looked at.
            let unseen: Vec<&Path> = {
                let seen = lock(seen);
                parent.ancestors().take_while(|dir| !dir.as_os_str().is_empty() && !seen.contains(*dir)).collect()
            };
            for dir in unseen.iter().rev() {
                let path = tree.join(dir);
                match fs::symlink_metadata(&path) {
                    Ok(meta) if meta.is_dir() => {}
                    Ok(_) => {
                        // Only what is not a folder is removed: never a folder another thread has made there since.
                        let _ = fs::remove_file(&path);
                        return Err(Error::Usage(format!(
                            "{} was not a folder, as the manifest of the copy being written said: it is removed; build again",
                            path.display()
                        )));
                    }
                    // The folders below it are missing too: writing makes them.
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => break,
                    Err(err) => return Err(Error::io("cannot inspect", &path, err)),
                }
            }
            if !unseen.is_empty() {
                lock(seen).extend(unseen.into_iter().map(Path::to_path_buf));
            }
        }
        Ok(tree.join(file))
    }

    /// Removes the kept share cards this build did not use: for a build
    /// that rendered every statement, which used every card the site has.
    pub fn prune_cards(&self) {
        self.cards.prune();
    }

    /// Removes the pages that no longer exist from the copy just written,
    /// marks it, saves its manifest, and publishes it: the copy and the
    /// folder `out` trade places in one step (the first build renames it
    /// there). Dropping a `Writer` without committing leaves the published
    /// site untouched.
    pub fn commit(self) -> Result<Written> {
        let tree = self.tree();
        let made = std::mem::take(&mut *lock(&self.produced));
        let mut kept = std::mem::take(&mut *lock(&self.kept));
        kept.sort_unstable();
        kept.dedup();
        let produced = Saved::merged(self.copy, self.published.as_ref(), &kept, &made)?;
        drop_aside((made, kept));
        // The manifest is encoded while the files it no longer has are
        // found, and saved once they are removed.
        let (stale, encoded) = rayon::join(
            || -> Result<Vec<PathBuf>> {
                Ok(match &self.held {
                    Some(held) => held.missing_from(&produced).into_iter().map(PathBuf::from).collect(),
                    None => crate::load::files_under(&tree)?
                        .into_iter()
                        .filter(|file| produced.find(&key(file)).is_none() && file.as_os_str() != MARKER)
                        .collect(),
                })
            },
            || postcard::to_stdvec(&produced),
        );
        let stale = stale?;
        for file in &stale {
            let path = self.place(file)?;
            match fs::remove_file(&path) {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::io("cannot remove", &path, err));
                }
                _ => {}
            }
        }
        if self.held.is_some() {
            remove_empty_folders(&tree, &stale);
        } else {
            // Without its manifest, the copy may hold the empty folders of
            // a build killed while it removed pages: every folder is looked at.
            remove_empty_folders_under(&tree);
        }
        Marker { copy: self.copy, purpose: self.purpose }.write(&tree)?;
        let manifest = manifest_path(&self.store, self.copy);
        let encoded = encoded.map_err(|err| Error::Usage(format!("cannot encode {}: {err}", manifest.display())))?;
        save_bytes(&manifest, &encoded)?;
        folder::publish(&tree, &self.out, &self.state)?;
        let written = Written {
            pages: produced.count(),
            changed: self.changed.load(Ordering::Relaxed),
            removed: stale.len(),
            rendered: 0,
            up_to_date: false,
        };
        drop_aside((produced, self));
        Ok(written)
    }
}

/// Frees `value` on a thread of its own. A build's largest values (the
/// manifests, the listings of every record) are millions of small
/// allocations, some 0.4 s to free at 100,000 records; the build need not
/// wait for that, and a process that exits first returns them all at once.
pub fn drop_aside<T: Send + 'static>(value: T) {
    // Should no thread start, the closure, and `value` with it, is dropped here.
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value));
}

/// Writes a new file at `path` with `write`, in place of whatever was there:
/// the old file is unlinked first, so a hard link to it elsewhere (a
/// snapshot made by `cp -al` or `rsync --link-dest`) keeps the old bytes,
/// and a link there is removed, not written through. The file is created
/// first and what is there removed only when that finds something (in a
/// first build, nothing is: one call less a file), and its folder is
/// created when writing finds it missing, as most exist.
fn replace(path: &Path, write: impl FnOnce(&mut fs::File) -> std::io::Result<()>) -> Result<()> {
    // `create_new` neither follows a link nor opens a folder: either is there.
    let create = || fs::OpenOptions::new().write(true).create_new(true).open(path);
    let mut file = match create() {
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            remove(path)?;
            create().map_err(io("cannot write", path))?
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            create_parent(path)?;
            create().map_err(io("cannot write", path))?
        }
        other => other.map_err(io("cannot write", path))?,
    };
    write(&mut file).map_err(io("cannot write", path))
}

/// Moves the time of the file at `path` on, and gives true; gives false,
/// touching nothing, when what is there is not a file (a link is not followed).
fn touch(path: &Path) -> Result<bool> {
    if !fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file()) {
        return Ok(false);
    }
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(std::time::SystemTime::now()))
        .map_err(io("cannot touch", path))?;
    Ok(true)
}

/// Removes the file, link or folder at `path`; unlinking never follows a link.
fn remove(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            if !path.is_dir() {
                return Err(Error::io("cannot remove", path, err));
            }
            fs::remove_dir_all(path).map_err(io("cannot remove", path))
        }
        _ => Ok(()),
    }
}

/// Whether `dir` holds nothing but, maybe, its marker (a file: a folder of
/// that name, put there by hand, is removed by the commit's walk).
fn holds_no_page(dir: &Path) -> Result<bool> {
    let mut entries = fs::read_dir(dir).map_err(io("cannot list", dir))?;
    Ok(entries.all(|entry| {
        entry.is_ok_and(|entry| entry.file_name() == MARKER && entry.file_type().is_ok_and(|kind| kind.is_file()))
    }))
}

/// Removes from `dir`, a copy in the store, whatever a build did not put
/// there: links and anything that is neither a file nor a folder. Never
/// follows a link.
fn remove_strangers(dir: &Path) -> Result<()> {
    crate::load::walk(dir, |path, kind| {
        let path = dir.join(path);
        if kind.is_file() { Ok(()) } else { fs::remove_file(&path).map_err(io("cannot remove", &path)) }
    })
}

impl Sink for Writer {
    fn add(&self, file: PathBuf, bytes: Vec<u8>) -> Result<()> {
        Writer::add(self, file, bytes)
    }

    fn keep_published(&self, file: &Path) -> Result<bool> {
        Writer::keep_published(self, file)
    }

    fn keep(&self, folders: &[Folder]) -> Result<()> {
        Writer::keep(self, folders)
    }

    fn published(&self, file: &Path) -> Option<Vec<u8>> {
        Writer::published(self, file)
    }

    fn published_key(&self, file: &Path) -> Option<u64> {
        self.published.as_ref()?.get(&key(file))
    }

    fn card(&self, file: PathBuf, key: u64, draw: &dyn Fn() -> Result<Vec<u8>>) -> Result<()> {
        let bytes = self.cards.get(key, draw)?;
        Writer::add(self, file, bytes)
    }
}

/// Makes a site published by tathya 0.1, where `out` is a link to
/// `copy` in the store, a plain folder: the copy and the link trade
/// places, in one step, and the link is removed.
fn upgrade_link(out: &Path, store: &Path, copy: &'static str, purpose: Purpose) -> Result<State> {
    let held = store.join(copy);
    let marker = Marker { copy, purpose };
    marker.write(&held)?;
    folder::publish(&held, out, &State::Link(copy))?;
    fs::remove_file(&held).map_err(io("cannot remove", &held))?;
    // The other copy of 0.1 is no longer used.
    let other = store.join(if copy == "a" { "b" } else { "a" });
    if other.is_dir() && !store.join(NEXT).exists() {
        fs::rename(&other, store.join(NEXT)).map_err(io("cannot move", &other))?;
    }
    Ok(State::Ours(marker))
}

/// Removes the folders that removing `stale` files left empty.
fn remove_empty_folders(out: &Path, stale: &[PathBuf]) {
    let mut folders: Vec<PathBuf> =
        stale.iter().flat_map(|file| file.ancestors().skip(1).map(Path::to_path_buf)).collect();
    folders.sort_by_key(|dir| std::cmp::Reverse(dir.components().count()));
    folders.dedup();
    for dir in folders.iter().filter(|dir| !dir.as_os_str().is_empty()) {
        // Fails, as it should, on a folder that still has files.
        let _ = fs::remove_dir(out.join(dir));
    }
}

/// Removes every folder under `dir` that holds no file, deepest first;
/// says whether `dir` is left empty.
fn remove_empty_folders_under(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else { return false };
    let mut empty = true;
    for entry in entries.flatten() {
        let folder = entry.file_type().is_ok_and(|kind| kind.is_dir());
        if !(folder && remove_empty_folders_under(&entry.path()) && fs::remove_dir(entry.path()).is_ok()) {
            empty = false;
        }
    }
    empty
}

fn create_parent(target: &Path) -> Result<()> {
    if let Some(dir) = target.parent()
        && !dir.is_dir()
    {
        fs::create_dir_all(dir).map_err(io("cannot create", dir))?;
    }
    Ok(())
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use std::io::{self, Write};

    /// A disk with no room left.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left on device"))
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_value_that_cannot_be_written_says_why() {
        let value = vec!["a manifest's path"; 100];
        let err = super::encode(&value, io::BufWriter::with_capacity(16, Full)).unwrap_err();
        assert_eq!((err.kind(), err.to_string()), (io::ErrorKind::StorageFull, "no space left on device".to_owned()));
        let mut bytes = Vec::new();
        super::encode(&value, &mut bytes).unwrap();
        assert_eq!(bytes, postcard::to_stdvec(&value).unwrap());
    }
}
