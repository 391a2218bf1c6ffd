//! Step 5, write: the one owner of every write to the output folder.
//!
//! Pages are handed to a [`Writer`] as they are rendered, from any thread.
//! Nothing in the output folder changes until [`Writer::commit`], after
//! every page rendered; a build that fails before that leaves the previous
//! site exactly as it was, and its staging folder is removed.
//!
//! - A first build writes everything into a staging folder beside the
//!   output and renames it into place.
//! - A rebuild compares each page with the file already published and stages
//!   only those whose bytes differ; the commit then moves them into place
//!   (the old ones aside, so a failure part-way puts them back) and removes
//!   pages that no longer exist. Unchanged files are not rewritten, and a
//!   folder is created only when it is missing, which on a real disk is
//!   what a rebuild of thousands of pages costs.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub mod stamp;

use crate::error::{Error, Result};

/// How the output folder is being replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// There is no previous site: stage everything and rename it in.
    Fresh,
    /// There is a previous site: stage what changed.
    Update,
}

/// Collects a build's pages and publishes them at the end.
#[derive(Debug)]
pub struct Writer {
    out: PathBuf,
    staging: tempfile::TempDir,
    mode: Mode,
    produced: Mutex<BTreeSet<PathBuf>>,
    changed: Mutex<Vec<(PathBuf, PathBuf)>>,
    counter: AtomicUsize,
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
    /// Nothing was built: the stamp showed the site is up to date.
    pub up_to_date: bool,
}

fn io<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> Error + 'p {
    move |err| Error::io(action, path, err)
}

impl Writer {
    /// Starts a build into `out`. Refuses an `out` that holds a site root
    /// (`tathya.yaml`) or contains the site root, so a mistyped `--out`
    /// cannot touch the records.
    pub fn begin(out: &Path, root: &Path) -> Result<Self> {
        guard_output_folder(out, root)?;
        let parent = match out.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io("cannot create", &parent))?;
        remove_abandoned_staging(&parent);
        let staging = tempfile::Builder::new()
            .prefix(".tathya-build-")
            .tempdir_in(&parent)
            .map_err(io("cannot create a temporary folder in", &parent))?;
        let mode = if out.is_dir() { Mode::Update } else { Mode::Fresh };
        Ok(Writer {
            out: out.to_path_buf(),
            staging,
            mode,
            produced: Mutex::new(BTreeSet::new()),
            changed: Mutex::new(Vec::new()),
            counter: AtomicUsize::new(0),
        })
    }

    /// Adds the file `path` (relative to the output folder) with `bytes`.
    pub fn add(&self, path: impl Into<PathBuf>, bytes: impl AsRef<[u8]>) -> Result<()> {
        let path = path.into();
        let bytes = bytes.as_ref();
        lock(&self.produced).insert(path.clone());
        match self.mode {
            Mode::Fresh => {
                let target = self.staging.path().join(&path);
                if let Some(dir) = target.parent() {
                    fs::create_dir_all(dir).map_err(io("cannot create", dir))?;
                }
                fs::write(&target, bytes).map_err(io("cannot write", &target))
            }
            Mode::Update => {
                let published = self.out.join(&path);
                if fs::read(&published).is_ok_and(|old| old == bytes) {
                    return Ok(());
                }
                let staged = self.staging.path().join(self.counter.fetch_add(1, Ordering::Relaxed).to_string());
                fs::write(&staged, bytes).map_err(io("cannot write", &staged))?;
                lock(&self.changed).push((path, staged));
                Ok(())
            }
        }
    }

    /// Publishes the build. Dropping a `Writer` without committing throws
    /// the build away and leaves the output folder untouched.
    pub fn commit(self) -> Result<Written> {
        let pages = lock(&self.produced).len();
        match self.mode {
            Mode::Fresh => {
                let staged = self.staging.keep();
                fs::rename(&staged, &self.out).map_err(|err| {
                    let _ = fs::remove_dir_all(&staged);
                    Error::io("cannot move the new site to", &self.out, err)
                })?;
                Ok(Written { pages, changed: pages, removed: 0, up_to_date: false })
            }
            Mode::Update => self.commit_update(pages),
        }
    }

    fn commit_update(self, pages: usize) -> Result<Written> {
        let mut changed = std::mem::take(&mut *lock(&self.changed));
        changed.sort();
        let produced = std::mem::take(&mut *lock(&self.produced));
        let stale: Vec<PathBuf> =
            crate::load::files_under(&self.out)?.into_iter().filter(|file| !produced.contains(file)).collect();
        let undo = self.staging.path().join("undo");
        fs::create_dir_all(&undo).map_err(io("cannot create", &undo))?;
        let mut done: Vec<Move> = Vec::new();
        let result = apply(&self.out, &undo, &changed, &stale, &mut done);
        if let Err(err) = result {
            // Put every file back as it was before reporting.
            for step in done.iter().rev() {
                step.undo(&self.out);
            }
            return Err(err);
        }
        remove_empty_folders(&self.out, &stale);
        Ok(Written { pages, changed: changed.len(), removed: stale.len(), up_to_date: false })
    }
}

/// One step of a commit, recorded so that it can be undone.
#[derive(Debug)]
struct Move {
    path: PathBuf,
    /// Where the previous file went, if there was one.
    previous: Option<PathBuf>,
    /// Whether a new file was moved into `path`.
    placed: bool,
}

impl Move {
    fn undo(&self, out: &Path) {
        let target = out.join(&self.path);
        if self.placed {
            let _ = fs::remove_file(&target);
        }
        if let Some(previous) = &self.previous {
            let _ = fs::rename(previous, &target);
        }
    }
}

fn apply(
    out: &Path,
    undo: &Path,
    changed: &[(PathBuf, PathBuf)],
    stale: &[PathBuf],
    done: &mut Vec<Move>,
) -> Result<()> {
    for (index, (path, staged)) in changed.iter().enumerate() {
        let target = out.join(path);
        let previous = undo.join(format!("changed-{index}"));
        let had_previous = fs::rename(&target, &previous).is_ok();
        done.push(Move { path: path.clone(), previous: had_previous.then_some(previous), placed: false });
        if let Some(dir) = target.parent()
            && !dir.is_dir()
        {
            fs::create_dir_all(dir).map_err(io("cannot create", dir))?;
        }
        fs::rename(staged, &target).map_err(io("cannot write", &target))?;
        if let Some(step) = done.last_mut() {
            step.placed = true;
        }
    }
    for (index, path) in stale.iter().enumerate() {
        let previous = undo.join(format!("stale-{index}"));
        let target = out.join(path);
        fs::rename(&target, &previous).map_err(io("cannot remove", &target))?;
        done.push(Move { path: path.clone(), previous: Some(previous), placed: false });
    }
    Ok(())
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

/// Removes staging folders that a killed build left beside the output.
fn remove_abandoned_staging(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(".tathya-build-") {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
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
