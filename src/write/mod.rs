//! Step 5, write: the one owner of every write to the output folder.
//!
//! The output folder (`public/`) is a symbolic link to one of two full
//! copies of the site kept beside it, `.public.tathya/a` and `b`. A build
//! writes into the copy that is not published, then replaces the link in
//! one atomic rename. Until that rename nothing a reader can see changes: a
//! build that fails, or is killed, at any point leaves the published site
//! exactly as it was.
//!
//! Pages are handed to a [`Writer`] as they are rendered, from any thread.
//! A file whose bytes are already in the copy being written is not
//! rewritten, and a folder is created only when it is missing: on a real
//! disk, creating thousands of folders is what a rebuild would otherwise
//! cost. The price is a second copy of the site on disk.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub mod stamp;

use crate::error::{Error, Result};

/// Collects a build's pages and publishes them at the end.
#[derive(Debug)]
pub struct Writer {
    out: PathBuf,
    /// The folder that holds the two copies.
    store: PathBuf,
    /// The copy being written: `a` or `b`.
    copy: &'static str,
    produced: Mutex<BTreeSet<PathBuf>>,
    changed: AtomicUsize,
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
        let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let store = out.with_file_name(format!(".{name}.tathya"));
        fs::create_dir_all(&store).map_err(io("cannot create", &store))?;
        let published = fs::read_link(out).ok().and_then(|target| target.file_name().map(|n| n.to_os_string()));
        let copy = if published.is_some_and(|name| name == "a") { "b" } else { "a" };
        Ok(Writer {
            out: out.to_path_buf(),
            store,
            copy,
            produced: Mutex::new(BTreeSet::new()),
            changed: AtomicUsize::new(0),
        })
    }

    fn tree(&self) -> PathBuf {
        self.store.join(self.copy)
    }

    /// Adds the file `path` (relative to the output folder) with `bytes`.
    pub fn add(&self, path: impl Into<PathBuf>, bytes: impl AsRef<[u8]>) -> Result<()> {
        let path = path.into();
        let bytes = bytes.as_ref();
        let target = self.tree().join(&path);
        lock(&self.produced).insert(path);
        if fs::read(&target).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        if let Some(dir) = target.parent()
            && !dir.is_dir()
        {
            fs::create_dir_all(dir).map_err(io("cannot create", dir))?;
        }
        fs::write(&target, bytes).map_err(io("cannot write", &target))?;
        self.changed.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Removes the pages that no longer exist from the copy just written and
    /// publishes it by replacing the link `out` in one rename. Dropping a
    /// `Writer` without committing leaves the published site untouched.
    pub fn commit(self) -> Result<Written> {
        let tree = self.tree();
        let produced = std::mem::take(&mut *lock(&self.produced));
        let stale: Vec<PathBuf> =
            crate::load::files_under(&tree)?.into_iter().filter(|file| !produced.contains(file)).collect();
        for file in &stale {
            let path = tree.join(file);
            fs::remove_file(&path).map_err(io("cannot remove", &path))?;
        }
        remove_empty_folders(&tree, &stale);
        self.publish()?;
        Ok(Written {
            pages: produced.len(),
            changed: self.changed.load(Ordering::Relaxed),
            removed: stale.len(),
            up_to_date: false,
        })
    }

    /// Points `out` at the copy just written, atomically.
    fn publish(&self) -> Result<()> {
        let store_name = self.store.file_name().map(PathBuf::from).unwrap_or_default();
        let link = self.store.join(format!("link-{}", std::process::id()));
        let _ = fs::remove_file(&link);
        symlink(&store_name.join(self.copy), &link).map_err(io("cannot create a link at", &link))?;
        let is_real_folder = fs::symlink_metadata(&self.out).is_ok_and(|m| m.is_dir());
        if is_real_folder {
            // A site written by an older tathya: move it aside once.
            let old = self.store.join("replaced");
            let _ = fs::remove_dir_all(&old);
            fs::rename(&self.out, &old).map_err(io("cannot move aside", &self.out))?;
            fs::rename(&link, &self.out).map_err(io("cannot publish", &self.out))?;
            let _ = fs::remove_dir_all(&old);
            return Ok(());
        }
        fs::rename(&link, &self.out).map_err(io("cannot publish", &self.out))
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(windows)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::windows::fs::symlink_dir(target, link)
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
