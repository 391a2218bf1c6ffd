//! The pipeline every command runs, one implementation of each step:
//! load and check the settings ([`load_settings`]), prepare the locales
//! and templates ([`prepare`]), load, check and list every record
//! ([`load_records`]), then render every page into a sink. `build`
//! writes what it renders; `check` renders the same pages into nothing;
//! `render` and `diff` keep the pages they show. So `check` refuses
//! whatever `build` would, with the same rule at the same place.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::diag::{Diagnostic, Diagnostics, Error, Result, progress};
use crate::load::{self, Held, Site, Statement};
use crate::localize::{Localizer, parity};
use crate::render::listing::Listing;
use crate::render::{Prepared, Renderer};

/// Loads `tathya.yaml` into a site that knows the ids of every record file
/// in `files` but holds none of them yet; its problems go to `findings`.
/// The site is `None` when `tathya.yaml` cannot be read.
pub fn load_settings(root: &Path, files: &[PathBuf], findings: &mut Diagnostics) -> Result<Option<Site>> {
    let (site, found) = load::load_settings(root, files)?;
    findings.extend(found);
    Ok(site)
}

/// How much of its records a command holds between loading and
/// rendering, by the size of their YAML: past [`Holding::DEFAULT`] (some
/// 20,000 records of the benchmark's 12 KB), the rest are let go once
/// checked and listed, and read again as their pages are rendered, so that
/// a large site is not held whole (some 16 KB of memory a record) while
/// its lists need every listing. Reading again costs a cold build or
/// `check` of 100,000 records a sixth more time for a third less memory
/// (benches/README.md). One holding is shared by every reading of a
/// command, but for `diff`, which renders one revision before it reads
/// the other, or holds nothing when it renders few pages.
#[derive(Debug)]
pub struct Holding {
    /// Bytes of YAML to hold.
    budget: u64,
    /// Bytes of YAML held so far.
    held: AtomicU64,
}

impl Holding {
    /// 256 MiB of YAML.
    pub const DEFAULT: u64 = 256 << 20;

    /// The holding the environment's `TATHYA_HOLD_BYTES` sets (a number of
    /// bytes; the tests read every record again with 0), else the default.
    pub fn from_env() -> Result<Self> {
        let budget = match std::env::var("TATHYA_HOLD_BYTES") {
            Ok(bytes) => bytes.trim().parse().map_err(|_| {
                Error::Usage(format!("TATHYA_HOLD_BYTES is `{bytes}`: give a number of bytes, such as 268435456"))
            })?,
            Err(_) => Self::DEFAULT,
        };
        Ok(Holding { budget, held: AtomicU64::new(0) })
    }

    /// A holding of nothing: every record is read again to be rendered,
    /// for a command that renders few of those it reads.
    pub fn none() -> Self {
        Holding { budget: 0, held: AtomicU64::new(0) }
    }

    /// Whether a record of `size` bytes of YAML is held.
    fn hold(&self, size: u64) -> bool {
        self.held.fetch_add(size, Ordering::Relaxed) + size <= self.budget
    }
}

/// A record loaded and checked: held or let go until its pages are
/// rendered, with its listing when the site is ready to render and the
/// record has no error.
#[derive(Debug)]
pub struct Loaded {
    /// The record.
    pub held: Held,
    /// How indexes, feeds and related statements show it.
    pub listing: Option<Listing>,
}

/// Loads the record `files` in parallel, checks each against the site of
/// `stage` and, when the site is ready to render, lists it, on the thread
/// that parsed it. Each record's text is let go once it is checked and
/// listed, and the record too when it has no listing (nothing renders it)
/// or once the records held fill `holding`. Returns the records that
/// parse, sorted by id.
pub fn load_records(
    root: &Path,
    stage: &Stage,
    files: &[PathBuf],
    holding: &Holding,
    findings: &mut Diagnostics,
) -> Result<Vec<Loaded>> {
    progress::step("reading records", files.len());
    let mut loaded = load::load_records(root, files, findings, |mut statement| {
        progress::advance();
        let mut found = Diagnostics::default();
        if let Some(site) = stage.site() {
            check_record(site, &statement, &mut found);
        }
        let listing = match stage {
            Stage::Ready(prepared) if !found.has_errors() => found.take(Listing::of(prepared, &statement))?,
            _ => None,
        };
        let size = std::mem::take(&mut statement.source.text).len() as u64;
        let hold = listing.is_some() && holding.hold(size);
        Ok((Loaded { held: Held::new(statement, hold), listing }, found))
    })?;
    loaded.sort_by(|a, b| a.held.id().cmp(b.held.id()));
    Ok(loaded)
}

/// The records of `loaded` that have a listing, to render, and their listings.
pub fn to_render(loaded: Vec<Loaded>) -> (Vec<Held>, Vec<Listing>) {
    loaded.into_iter().filter_map(|Loaded { held, listing }| Some((held, listing?))).unzip()
}

/// Every check of one record that needs no other record's content.
pub fn check_record(site: &Site, statement: &Statement, findings: &mut Diagnostics) {
    load::validate::check_statement(site, statement, findings);
    load::lint::check_statement(site, statement, findings);
    parity::check_statement(statement, findings);
}

/// The record files of the site root, listed as a build lists them: every
/// folder of the site held to the rule on links, a refused link a finding
/// like any other.
pub fn listed_records(root: &Path, findings: &mut Diagnostics) -> Result<Vec<PathBuf>> {
    // A link refused is a finding; the other records are read and checked.
    let (files, refused) = load::listed_files(root, Path::new(crate::site::STATEMENTS_DIR))?;
    for refusal in refused {
        findings.push(refusal);
    }
    let files = load::records_among(files);
    // Every file of the shared folders, of a site language or not, is held to
    // the rule on links, as the build lists them all for its cache.
    for folder in crate::site::SHARED_DIRS {
        findings.take(load::site_files(root, Path::new(folder)))?;
    }
    Ok(files)
}

/// Loads the settings of the site root, prepares them and loads every
/// record by them.
pub fn load_site(root: &Path, findings: &mut Diagnostics) -> Result<(Stage, Vec<Loaded>)> {
    let files = listed_records(root, findings)?;
    let site = load_settings(root, &files, findings)?;
    let stage = prepare(root, site, findings)?;
    let loaded = load_records(root, &stage, &files, &Holding::from_env()?, findings)?;
    Ok((stage, loaded))
}

/// How far a site got: ready to render, or only its settings (none when
/// `tathya.yaml` cannot be read).
#[derive(Debug)]
#[allow(clippy::large_enum_variant, reason = "one a command, moved once")]
pub enum Stage {
    /// Checked, with its locales and templates.
    Ready(Prepared),
    /// Not ready: an error was found.
    Settings(Option<Site>),
}

impl Stage {
    /// The site, ready or not.
    pub fn site(&self) -> Option<&Site> {
        match self {
            Stage::Ready(prepared) => Some(&prepared.site),
            Stage::Settings(site) => site.as_ref(),
        }
    }

    /// The site ready to render, failing with every error found so far
    /// when it is not, or when a record has one.
    pub fn ready(self, findings: &mut Diagnostics) -> Result<Prepared> {
        match self {
            Stage::Ready(prepared) if !findings.has_errors() => Ok(prepared),
            _ => {
                let errors = std::mem::take(findings).into_sorted().into_iter().filter(Diagnostic::is_error).collect();
                Err(Error::Content(errors))
            }
        }
    }
}

/// Checks the settings and loads the locales and templates of `site`:
/// the site ready to render, unless an error was found (in `findings` too).
/// Records are loaded after, by the stage this gives.
pub fn prepare(root: &Path, site: Option<Site>, findings: &mut Diagnostics) -> Result<Stage> {
    let Some(site) = site else { return Ok(Stage::Settings(None)) };
    load::validate::check_settings(&site, findings);
    load::lint::check_settings(&site, findings);
    // The site's own pages: their texts as a record's, with no figures.
    for page in &site.pages {
        load::validate::check_page(&site, page, findings);
        load::lint::check_page(&site, page, findings);
        parity::check_texts(&page.source, page.record().texts(), &[], findings);
    }
    let loaded = Localizer::load(root, &site.config, findings);
    let localizer = findings.take(loaded)?;
    let cards = findings.take(crate::render::card::kit(&site))?.flatten().map(Arc::new);
    // Without messages, the templates are still read, for their own errors.
    let renderer = findings.take(match &localizer {
        Some(localizer) => Renderer::load(root, localizer.messages.clone(), cards.clone()),
        None => Renderer::load_unlocalized(root),
    })?;
    match (localizer, renderer) {
        (Some(localizer), Some(renderer)) if !findings.has_errors() => {
            Ok(Stage::Ready(Prepared { site, localizer, renderer, cards }))
        }
        _ => Ok(Stage::Settings(Some(site))),
    }
}
