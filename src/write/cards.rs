//! The share cards of earlier builds, kept in the store by key
//! (`.public.tathya/cards/<key>.png`): a card is drawn once for the inputs
//! it is made of, and a build that renders its statement again (after a
//! template changed, or with `--full`) takes it from here. Cards no build
//! used since the last build of every statement are removed.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{TEMPORARY, io, lock};
use crate::diag::Result;

/// The cards folder of a store.
#[derive(Debug)]
pub struct Cards {
    /// The folder, in the store.
    pub dir: PathBuf,
    /// The keys this build used.
    used: Mutex<BTreeSet<u64>>,
}

impl Cards {
    /// The cards kept in `store`.
    pub fn new(store: &Path) -> Self {
        Cards { dir: store.join("cards"), used: Mutex::default() }
    }

    fn path(&self, key: u64) -> PathBuf {
        self.dir.join(format!("{key:016x}.png"))
    }

    /// The card of `key`: kept from an earlier build, or drawn by `draw`
    /// and kept for the next.
    pub fn get(&self, key: u64, draw: &dyn Fn() -> Result<Vec<u8>>) -> Result<Vec<u8>> {
        lock(&self.used).insert(key);
        let path = self.path(key);
        if let Ok(bytes) = fs::read(&path) {
            return Ok(bytes);
        }
        let bytes = draw()?;
        fs::create_dir_all(&self.dir).map_err(io("cannot create", &self.dir))?;
        // Through a temporary file: a killed build leaves no half card.
        let mut file = tempfile::Builder::new()
            .prefix(TEMPORARY)
            .tempfile_in(&self.dir)
            .map_err(io("cannot write a file in", &self.dir))?;
        std::io::Write::write_all(&mut file, &bytes).map_err(io("cannot write", file.path()))?;
        file.persist(&path).map_err(|err| crate::diag::Error::io("cannot write", &path, err.error))?;
        Ok(bytes)
    }

    /// Removes every card this build did not use, and temporary files:
    /// for a build that rendered every statement.
    pub fn prune(&self) {
        let used = lock(&self.used);
        let Ok(entries) = fs::read_dir(&self.dir) else { return };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let key = name.strip_suffix(".png").and_then(|hex| u64::from_str_radix(hex, 16).ok());
            if !key.is_some_and(|key| used.contains(&key)) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}
