//! One build at a time per output folder: an exclusive lock on a file in
//! the store beside it, held from before a build looks at its inputs until
//! its site, cache and stamp are written. A second build waits for the
//! first to end, then sees what the first published; with `--no-wait` it
//! stops instead. The operating system releases the lock when the process
//! ends, however it ends, so a killed build never leaves it held.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};

/// The lock of one output folder, held until dropped.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

/// The lock file of the output folder `out`.
pub fn lock_path(out: &Path) -> PathBuf {
    super::store_of(out).join("lock")
}

impl OutputLock {
    /// Takes the lock of `out`, waiting for another build to end when
    /// `wait`, else refusing.
    pub fn take(out: &Path, wait: bool) -> Result<Self> {
        super::folder::open_store(out)?;
        let path = lock_path(out);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|err| Error::io("cannot open", &path, err))?;
        match file.try_lock() {
            Ok(()) => return Ok(OutputLock { _file: file }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(err)) => return Err(Error::io("cannot lock", &path, err)),
        }
        if !wait {
            return Err(Error::Usage(format!(
                "another build is writing {} (it holds {}); try again when it ends, or leave out --no-wait to wait \
                 for it",
                out.display(),
                path.display()
            )));
        }
        eprintln!("waiting for another build of {} to end…", out.display());
        file.lock().map_err(|err| Error::io("cannot lock", &path, err))?;
        Ok(OutputLock { _file: file })
    }
}
