//! One side of a diff: the statements of a revision rendered as `build`
//! renders them, with the errors that kept some of it from rendering.
//!
//! A revision with errors is still shown: a pull request that fixes a
//! broken record must be reviewable. The records with errors are left out,
//! and the rest go through the same pipeline as a build; errors in the
//! settings, locales or templates leave nothing to render.
//!
//! When what every page depends on but the records is the same in both
//! revisions (the build's rule for building everything again:
//! [`Inputs::shared`]), both sides are read before either is rendered
//! ([`Read`]): a statement whose record is the same and whose pages link
//! to no statement whose record changed renders the same in both, and
//! neither renders it ([`alterable`]), so that a pull request that edits
//! one record of a large site is compared in about the time of reading
//! it; and when both have the same record files, a record whose text is
//! the same in both is read once, for the base ([`Snapshot::read`]).
//! Otherwise each side is read and rendered whole, one after the other.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rustc_hash::{FxHashMap, FxHashSet};

use rayon::prelude::*;

use crate::commands::pipeline::{self, Loaded, Stage};
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::load::Held;
use crate::localize::Msg;
use crate::render::listing::{Listing, linked_to};
use crate::render::pages::{Sink, render_statement_pages};
use crate::site::Selection;
use crate::write::cache::{Inputs, content_hash};

/// One side of the comparison, rendered.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Rendered Markdown by statement id, then by language.
    pub pages: BTreeMap<String, BTreeMap<String, String>>,
    /// The path and YAML of each record whose statement is rendered (or
    /// would be, but for an error), by id.
    pub sources: BTreeMap<String, (String, String)>,
    /// The hash of every other file of the site root that can change the
    /// pages (`tathya.yaml`, and the locales, templates, site pages and
    /// fonts: the build's shared folders), by path.
    pub site_files: BTreeMap<String, u64>,
    /// Each language's name in that language.
    pub language_names: BTreeMap<String, String>,
    /// The errors that kept pages from rendering.
    pub errors: Vec<Diagnostic>,
}

/// One side of the comparison, read and checked, not yet rendered.
#[derive(Default)]
pub struct Read {
    root: PathBuf,
    snapshot: Snapshot,
    /// What the statements are rendered by: none when the settings, the
    /// locales or the templates have errors.
    prepared: Option<crate::render::Prepared>,
    /// The statements with a listing (those without have an error, and no page), by id.
    statements: Vec<Held>,
    /// Their listings, by id.
    listings: Vec<Listing>,
    /// The hash of the text of every record read, by id, with whether it
    /// has a listing.
    records: FxHashMap<String, (u64, bool)>,
    /// The hash of its shared files ([`shared`]).
    shared: Option<u64>,
    /// Every record file, as the pipeline lists it, whether it could be
    /// read or not: its YAML is shown beside its pages' change.
    listed: Vec<PathBuf>,
    findings: Diagnostics,
}

impl Snapshot {
    /// Reads and checks the site root at `root`, whose shared files hash
    /// to `shared` ([`shared`]), to be rendered ([`Read::render`]): with
    /// `few`, few of its statements will be, and no record is held until
    /// then. `earlier`, if given, is the other revision, read first: if
    /// both have the same shared files and list the same record files, a
    /// record whose text is the same in both takes the checks and listing
    /// `earlier` gave it, and is not parsed again.
    /// Fails only when the site cannot be read.
    pub fn read(root: &Path, shared: Option<u64>, few: bool, earlier: Option<&Read>) -> Result<Read> {
        let mut snapshot = Snapshot::default();
        snapshot.read_files(root)?;
        // The environment's amount is checked either way: a mistaken one is refused.
        let holding = pipeline::Holding::from_env()?;
        let holding = if few { pipeline::Holding::none() } else { holding };
        let mut findings = Diagnostics::default();
        let files = pipeline::listed_records(root, &mut findings)?;
        let site = pipeline::load_settings(root, &files, &mut findings)?;
        // Prepared by its own findings, so that a broken record, which has
        // no page, does not keep the others from rendering.
        let mut later = Diagnostics::default();
        let stage = pipeline::prepare(root, site, &mut later)?;
        let ready = matches!(stage, Stage::Ready(_));
        let earlier =
            earlier.filter(|earlier| ready && shared.is_some() && earlier.shared == shared && earlier.listed == files);
        let loaded = match earlier {
            Some(earlier) => {
                let same = same_records(root, &files, earlier);
                let rest: Vec<PathBuf> =
                    files.iter().filter(|file| !same.contains_key(file.as_path())).cloned().collect();
                let mut loaded = pipeline::load_records(root, &stage, &rest, &holding, &mut findings)?;
                loaded.extend(same.into_values());
                loaded.sort_by(|a, b| a.held.id().cmp(b.held.id()));
                loaded
            }
            None => pipeline::load_records(root, &stage, &files, &holding, &mut findings)?,
        };
        findings.extend(later);
        let records = loaded.iter().map(|l| (l.held.id().to_string(), (l.held.hash(), l.listing.is_some()))).collect();
        let root = root.to_path_buf();
        let mut read = Read { root, shared, records, listed: files, ..Read::default() };
        if let Stage::Ready(prepared) = stage {
            for lang in &prepared.site.config().languages {
                let name = prepared.localizer.message(lang, Msg::LanguageName, None)?;
                snapshot.language_names.insert(lang.to_string(), name);
            }
            // A statement that cannot be localized has no listing, and no page.
            (read.statements, read.listings) = pipeline::to_render(loaded);
            read.prepared = Some(prepared);
        }
        read.snapshot = snapshot;
        read.findings = findings;
        Ok(read)
    }

    /// The files that make the pages besides the records, as the build has
    /// them ([`crate::site::SHARED_DIRS`]).
    fn read_files(&mut self, root: &Path) -> Result<()> {
        let mut files = vec![root.join(crate::site::CONFIG_FILE)];
        for dir in crate::site::SHARED_DIRS {
            // A refused link is one of the revision's errors, which the pipeline reports.
            let (listed, _refused) = crate::load::listed_files(root, Path::new(dir))?;
            files.extend(listed.into_iter().map(|f| root.join(dir).join(f)));
        }
        for file in files {
            let relative = file.strip_prefix(root).unwrap_or(&file).display().to_string();
            let bytes = std::fs::read(&file).unwrap_or_default();
            self.site_files.insert(relative, crate::write::hash_bytes(&bytes));
        }
        Ok(())
    }

    /// The Markdown of each statement's page, by id and language.
    fn take_pages(&mut self, pages: Pages) {
        for ((id, lang), bytes) in pages.0.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.pages.entry(id).or_default().insert(lang, text);
        }
    }
}

impl Read {
    /// Renders the statements of `only` (every statement when `None`) as
    /// `build` renders them at `now`, in every language: the published
    /// pages, and the previews of drafts and embargoed statements; with
    /// their records' YAML. No list is rendered: `diff` shows none, and
    /// an error only a list would meet is left to `check`. Fails only when
    /// a record changes while it is read.
    pub fn render(self, only: Option<&FxHashSet<String>>, now: jiff::Timestamp) -> Result<Snapshot> {
        let Read { root, mut snapshot, prepared, mut statements, mut listings, listed, mut findings, .. } = self;
        let wanted = |id: &str| only.is_none_or(|only| only.contains(id));
        if let Some(prepared) = prepared {
            statements.retain(|held| wanted(held.id().as_str()));
            let pages = Pages::default();
            let selection = Selection { drafts: false, now };
            let rendered = render_statement_pages(&prepared, statements, &selection, &mut listings, &pages)?;
            findings.extend(rendered);
            snapshot.take_pages(pages);
        }
        for file in listed {
            let Ok(id) = crate::load::id_of(&file) else { continue };
            if wanted(id.as_str()) {
                let text = std::fs::read_to_string(root.join(&file)).unwrap_or_default();
                snapshot.sources.insert(id.to_string(), (file.display().to_string(), text));
            }
        }
        snapshot.errors = findings.into_sorted().into_iter().filter(Diagnostic::is_error).collect();
        Ok(snapshot)
    }
}

/// The statements whose pages can differ between `old` and `new` when
/// what every page depends on but the records is the same in both
/// ([`shared`]): those whose record differs (or is in one only, or has an
/// error in one only), and those whose pages link to one of them in either
/// revision ([`linked_to`], as a rebuild's plan finds them).
pub fn alterable(old: &Read, new: &Read) -> FxHashSet<String> {
    let ids = old.records.keys().chain(new.records.keys());
    let changed: FxHashSet<&str> =
        ids.filter(|id| old.records.get(*id) != new.records.get(*id)).map(String::as_str).collect();
    let mut alterable: FxHashSet<String> = changed.iter().map(|id| (*id).to_owned()).collect();
    for side in [old, new] {
        alterable.extend(linked_to(&side.listings, |id| changed.contains(id)).into_iter().map(str::to_owned));
    }
    alterable
}

/// The records of `files` (in the site root at `root`) that `earlier`
/// checked and listed and whose text is the same here, as `earlier` has
/// them, by file. A record's checks and listing depend on its path, its
/// text, the shared files and which records exist (`related` must name
/// one): when this is asked, all but the text are the same in both; so a
/// record is taken as a rebuild takes one from its cache, by the hash of
/// its text ([`content_hash`]). A record with an error has no listing,
/// and is read again.
fn same_records<'f>(root: &Path, files: &'f [PathBuf], earlier: &Read) -> FxHashMap<&'f Path, Loaded> {
    let by_file: FxHashMap<&Path, (&Held, &Listing)> = earlier
        .statements
        .iter()
        .zip(&earlier.listings)
        .map(|(held, listing)| (held.file(), (held, listing)))
        .collect();
    files
        .par_iter()
        .filter_map(|file| {
            let (held, listing) = by_file.get(file.as_path())?;
            let bytes = crate::load::read_bytes(root, file, crate::load::MAX_FILE_BYTES).ok()?;
            let same = content_hash(&bytes) == held.hash();
            same.then(|| (file.as_path(), Loaded { held: (*held).clone(), listing: Some((*listing).clone()) }))
        })
        .collect()
}

/// The hash of everything every page of the site root at `root` depends on
/// but the records, as a build has it to know when to render everything
/// again ([`Inputs::shared`]); `None` when the site's files cannot be listed.
pub fn shared(root: &Path) -> Option<u64> {
    Inputs::shared_of(root, false).ok()
}

/// Collects the Markdown pages of statements (`LANG/ID/index.md`) a build
/// would write and the previews it checks, by id and language; the other
/// files of the site are not kept.
#[derive(Default)]
struct Pages(Mutex<BTreeMap<(String, String), Vec<u8>>>);

impl Sink for Pages {
    fn add(&self, file: PathBuf, bytes: Vec<u8>) -> Result<()> {
        let mut parts = file.iter().map(|part| part.to_string_lossy().into_owned()).collect::<Vec<_>>();
        if parts.len() >= 3 && parts.pop().as_deref() == Some("index.md") {
            let lang = parts.remove(0);
            let pages = &mut self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            pages.insert((parts.join("/"), lang), bytes);
        }
        Ok(())
    }

    fn preview(&self, file: PathBuf, bytes: Vec<u8>) -> Result<()> {
        self.add(file, bytes)
    }

    fn publishes(&self) -> bool {
        false
    }
}
