//! The output folder: whose it is, and how a finished copy replaces it.
//!
//! tathya writes only into a folder it made. Each copy of the site holds a
//! marker file ([`MARKER`]) that says it is tathya's, which of the two
//! copies it is, whether it is the published site or a preview with
//! drafts, and which folder it was written in (the folder's device and
//! inode, which a rename keeps and a copy does not): a marker copied along
//! with the site, by `rsync` or `cp -r` to a web root, does not make that
//! web root tathya's. An output folder that is absent or empty becomes
//! tathya's; one that holds anything else, or is a link, is refused and left
//! untouched. The store beside it (`.public.tathya`) is held to the same
//! rule with a marker of its own ([`STORE_MARKER`]). Nor does tathya ever
//! write into the site root, its `statements/`, `templates/`, `locales/` or
//! `.git`, or a folder that holds any of them.
//!
//! The finished copy replaces the published one in a single step: on Linux
//! the two folders trade places with `renameat2(RENAME_EXCHANGE)`, so a
//! reader of the output path sees the old site or the new one, whole, and
//! the old one becomes the copy the next build rewrites. Where the kernel
//! or the file system cannot exchange, and on other systems, the published
//! folder is renamed aside and the new one renamed into its place: for the
//! moment between the two renames the output path does not exist.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diag::{Error, Result};
use crate::site;

/// The marker file in every copy of the site that tathya writes.
pub const MARKER: &str = ".tathya-output";

/// The marker file of the store beside the output.
pub const STORE_MARKER: &str = ".tathya-store";

/// Which folder `dir` is, as a marker records it: its device and inode,
/// kept by a rename, new for a copy.
#[cfg(unix)]
fn identity(dir: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::symlink_metadata(dir).ok()?;
    Some(format!("{}:{}", meta.dev(), meta.ino()))
}

/// Elsewhere a folder is known by its marker alone.
#[cfg(not(unix))]
fn identity(_dir: &Path) -> Option<String> {
    Some("-".to_owned())
}

/// What a copy of the site is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The site as it is published: no drafts, no embargoed statements.
    Published,
    /// A preview with drafts and embargoed statements, never to be published.
    Preview,
}

impl Purpose {
    fn word(self) -> &'static str {
        match self {
            Purpose::Published => "published",
            Purpose::Preview => "preview",
        }
    }
}

/// What a copy's marker says: which copy, and what for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// `a` or `b`.
    pub copy: &'static str,
    /// Published site or preview.
    pub purpose: Purpose,
}

/// The first line of a marker, before the copy and purpose.
const MARKER_HEAD: &str = "tathya output:";

impl Marker {
    /// The marker in `dir`, if it holds one tathya wrote there.
    pub fn read(dir: &Path) -> Option<Marker> {
        let text = fs::read_to_string(dir.join(MARKER)).ok()?;
        let first = text.lines().next()?.strip_prefix(MARKER_HEAD)?;
        let mut words = first.split_whitespace();
        let marker = Marker::parse(&mut words)?;
        (words.next()? == identity(dir)?).then_some(marker)
    }

    fn parse<'w>(words: &mut impl Iterator<Item = &'w str>) -> Option<Marker> {
        let copy = match words.next()? {
            "a" => "a",
            "b" => "b",
            _ => return None,
        };
        let purpose = match words.next()? {
            "published" => Purpose::Published,
            "preview" => Purpose::Preview,
            _ => return None,
        };
        Some(Marker { copy, purpose })
    }

    /// Writes this marker into `dir`.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let text = format!(
            "{MARKER_HEAD} {} {} {}\nThis folder is written by `tathya build`, which replaces it whole on every \
             build: keep nothing else here. A copy of it elsewhere is not tathya's.\n",
            self.copy,
            self.purpose.word(),
            identity(dir).unwrap_or_default()
        );
        let path = dir.join(MARKER);
        // A new file, not the old one rewritten: a hard link to it in a snapshot keeps its text.
        let _ = fs::remove_file(&path);
        fs::write(&path, text).map_err(|err| Error::io("cannot write", &path, err))
    }
}

/// What the output path holds before a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Nothing: the first build creates it.
    Absent,
    /// An empty folder, which the first build replaces.
    Empty,
    /// A copy tathya wrote.
    Ours(Marker),
    /// A link into the store, as tathya 0.1 published: its copy, `a` or `b`.
    Link(&'static str),
}

/// Refuses an output folder that tathya may not write: one at or holding
/// the site root or its sources, one inside its sources, and one that
/// holds anything tathya did not write or a site for the other purpose.
/// Creates nothing. What the output holds is returned.
pub fn claim(out: &Path, root: &Path, purpose: Purpose) -> Result<State> {
    guard_paths(out, root)?;
    let state = state_of(out)?;
    // tathya 0.1 made stores without a marker, and linked the output into one.
    check_store(&super::store_of(out), matches!(state, State::Link(_)))?;
    if let State::Ours(marker) = state
        && marker.purpose != purpose
    {
        let message = match purpose {
            Purpose::Preview => format!(
                "refusing to write drafts into {}: it holds the published site. A preview goes to its own folder \
                 ({} by default, or another --out)",
                out.display(),
                site::PREVIEW_DIR
            ),
            Purpose::Published => format!(
                "refusing to publish into {}: it holds a preview with drafts, which must not be mistaken for the \
                 site; build the published site into another folder",
                out.display()
            ),
        };
        return Err(Error::Usage(message));
    }
    Ok(state)
}

fn state_of(out: &Path) -> Result<State> {
    let meta = match fs::symlink_metadata(out) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(State::Absent),
        Err(err) => return Err(Error::io("cannot read", out, err)),
    };
    if meta.file_type().is_symlink() {
        if let Some(copy) = legacy_link(out) {
            return Ok(State::Link(copy));
        }
        return Err(Error::Usage(format!(
            "refusing to write to {}: it is a link, and tathya writes only into a folder it made",
            out.display()
        )));
    }
    if !meta.is_dir() {
        return Err(Error::Usage(format!("refusing to write to {}: it is a file, not a folder", out.display())));
    }
    if let Some(marker) = Marker::read(out) {
        return Ok(State::Ours(marker));
    }
    let mut entries = fs::read_dir(out).map_err(|err| Error::io("cannot list", out, err))?;
    if entries.next().is_none() {
        return Ok(State::Empty);
    }
    let why = if out.join(MARKER).exists() {
        format!(
            "its {MARKER} was not written there by tathya (a copy of a site, made by rsync or cp, is not tathya's \
             folder)"
        )
    } else {
        format!("it holds files tathya did not write (it has no {MARKER})")
    };
    Err(Error::Usage(format!(
        "refusing to write to {}: {why}, and a build replaces the folder whole. Move the files elsewhere, or build \
         into another folder with --out",
        out.display()
    )))
}

/// Refuses a store tathya may not write: a link, a file, or a folder that
/// holds anything but is not marked as tathya's store (unless `legacy`,
/// a store of tathya 0.1).
fn check_store(store: &Path, legacy: bool) -> Result<()> {
    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "refusing to use {} to build beside it: it {why}; tathya keeps its own state there. Move it away",
            store.display()
        )))
    };
    let meta = match fs::symlink_metadata(store) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(Error::io("cannot read", store, err)),
    };
    if meta.file_type().is_symlink() {
        return refuse("is a link");
    }
    if !meta.is_dir() {
        return refuse("is a file");
    }
    if legacy || store_marked(store) {
        return Ok(());
    }
    let mut entries = fs::read_dir(store).map_err(|err| Error::io("cannot list", store, err))?;
    if entries.next().is_none() {
        return Ok(());
    }
    refuse(&format!("holds files tathya did not write there (no {STORE_MARKER} of its own)"))
}

/// The first line of the store's marker: which folder it is.
fn store_line(store: &Path) -> String {
    format!("tathya store {}", identity(store).unwrap_or_default())
}

fn store_marked(store: &Path) -> bool {
    fs::read_to_string(store.join(STORE_MARKER)).is_ok_and(|text| text.lines().next() == Some(&store_line(store)))
}

/// The store beside `out`, created and marked if it is not yet; to be
/// called after [`claim`] allowed `out`.
pub fn open_store(out: &Path) -> Result<PathBuf> {
    let store = super::store_of(out);
    match fs::create_dir(&store) {
        Err(err) if err.kind() != std::io::ErrorKind::AlreadyExists => {
            return Err(Error::io("cannot create", &store, err));
        }
        _ => {}
    }
    if !store_marked(&store) {
        let path = store.join(STORE_MARKER);
        let text = format!(
            "{}\nThe state of tathya's builds of the folder beside this one: keep nothing else here.\n",
            store_line(&store)
        );
        fs::write(&path, text).map_err(|err| Error::io("cannot write", &path, err))?;
    }
    Ok(store)
}

/// Makes `dir`, a folder of the store, a plain empty-or-kept folder: a link
/// or a file in its place is removed (never what a link leads to).
pub fn own_folder(dir: &Path) -> Result<()> {
    if no_stranger(dir)? {
        return Ok(());
    }
    fs::create_dir_all(dir).map_err(|err| Error::io("cannot create", dir, err))
}

/// Removes a link or a file in the place of `dir`, a folder of the store
/// (never what a link leads to); gives whether a folder is there.
pub fn no_stranger(dir: &Path) -> Result<bool> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(true),
        Ok(_) => fs::remove_file(dir).map(|()| false).map_err(|err| Error::io("cannot remove", dir, err)),
        Err(_) => Ok(false),
    }
}

/// The copy a link written by tathya 0.1 points at: `.<name>.tathya/a` or `b`.
fn legacy_link(out: &Path) -> Option<&'static str> {
    let target = fs::read_link(out).ok()?;
    let store = super::store_of(out);
    let mut parts = target.components();
    let store_part = parts.next()?;
    if store_part.as_os_str() != store.file_name()? {
        return None;
    }
    let copy = match parts.next()?.as_os_str().to_str()? {
        "a" => "a",
        "b" => "b",
        _ => return None,
    };
    parts.next().is_none().then_some(copy)
}

/// The site root, its sources and `.git`, and the folders that hold them,
/// are never an output folder, nor is a folder inside the sources, or
/// inside another output or store of tathya's.
fn guard_paths(given: &Path, root: &Path) -> Result<()> {
    let out = resolve(given)?;
    let root = resolve(root)?;
    let refuse = |what: &str| {
        Err(Error::Usage(format!("refusing to write to {}: it {what}; choose another --out", out.display())))
    };
    if root.starts_with(&out) {
        return refuse("is or contains the site root");
    }
    for source in [site::STATEMENTS_DIR, site::TEMPLATES_DIR, site::LOCALES_DIR, ".git"] {
        if out.starts_with(root.join(source)) {
            return refuse(&format!("is the site's {source}/ or inside it"));
        }
    }
    if out.join(site::CONFIG_FILE).exists() {
        return refuse(&format!("holds a {} (is --out pointing at a site root?)", site::CONFIG_FILE));
    }
    // The build of a folder above would publish it with its own pages (a
    // preview with drafts inside the published site) or remove it. The
    // folders above are those of the output's own path, not of where it
    // leads: tathya 0.1 published a link into its store.
    let parent = given.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let above = resolve(parent)?;
    if let Some(outer) = above.ancestors().find(|folder| Marker::read(folder).is_some() || store_marked(folder)) {
        return refuse(&format!("is inside {}, which tathya writes", outer.display()));
    }
    Ok(())
}

/// `path` made absolute with every link resolved, as far as it exists.
fn resolve(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path).map_err(|err| Error::io("cannot resolve", path, err))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut resolved = real;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::CurDir => {}
                    part => resolved.push(part),
                }
            }
            return Ok(resolved);
        }
        let Some(parent) = existing.parent() else { return Ok(absolute) };
        rest.extend(existing.file_name().map(Component::Normal));
        existing = parent;
    }
}

/// Makes the copy at `next` the output `out`; what was published, if
/// anything, goes to `next`.
pub fn publish(next: &Path, out: &Path, state: &State) -> Result<()> {
    let failed = |err| Error::io("cannot publish", out, err);
    match state {
        // `rename` replaces an empty folder.
        State::Absent | State::Empty => fs::rename(next, out).map_err(failed),
        State::Ours(_) | State::Link(_) => exchange(next, out).map_err(failed),
    }
}

/// Trades the places of `a` and `b` in one step where the system can.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // The file system cannot exchange (an old kernel, some network
        // or overlay file systems): rename, with a moment between.
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::OPNOTSUPP) => {
            exchange_by_renames(a, b)
        }
        Err(err) => Err(err.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    exchange_by_renames(a, b)
}

/// Three renames: `b` aside, `a` to `b`, the old `b` to `a`. Between the
/// first two, `b` does not exist.
fn exchange_by_renames(a: &Path, b: &Path) -> std::io::Result<()> {
    let aside = a.with_file_name(format!("{}.aside", a.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()));
    let _ = fs::remove_dir_all(&aside);
    fs::rename(b, &aside)?;
    if let Err(err) = fs::rename(a, b) {
        // Put the published copy back.
        let _ = fs::rename(&aside, b);
        return Err(err);
    }
    fs::rename(&aside, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let marker = Marker { copy: "b", purpose: Purpose::Preview };
        marker.write(dir.path()).unwrap();
        assert_eq!(Marker::read(dir.path()), Some(marker));
        let copy = tempfile::tempdir().unwrap();
        fs::copy(dir.path().join(MARKER), copy.path().join(MARKER)).unwrap();
        assert_eq!(Marker::read(copy.path()), None, "a copied marker is not the folder's");
        fs::write(dir.path().join(MARKER), "something else\n").unwrap();
        assert_eq!(Marker::read(dir.path()), None);
    }

    #[test]
    fn folders_exchange_places() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("x"), "from a").unwrap();
        fs::write(b.join("y"), "from b").unwrap();
        exchange(&a, &b).unwrap();
        assert_eq!(fs::read_to_string(b.join("x")).unwrap(), "from a");
        assert_eq!(fs::read_to_string(a.join("y")).unwrap(), "from b");
        exchange_by_renames(&a, &b).unwrap();
        assert_eq!(fs::read_to_string(a.join("x")).unwrap(), "from a");
        assert!(!dir.path().join("a.aside").exists());
    }
}
