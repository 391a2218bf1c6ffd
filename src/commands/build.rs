//! `tathya build`: the whole site the first time, then only what changed.
//!
//! Beside the output, a build keeps a [`cache`](crate::write::cache) of every record: its
//! file's size, time and content hash, its [`Listing`] (how indexes, feeds
//! and related statements show it) and its warnings; and one hash of what
//! every page depends on (`tathya.yaml`, locales, templates, tathya's
//! version, `--drafts`). A rebuild with that hash unchanged loads, checks
//! and renders again only
//! - the records whose content changed, and new ones;
//! - those whose place on the site changed (an embargo ended);
//! - the statements related to any of these, or to a removed one, before
//!   or after the change, since their pages link to each other;
//!
//! renders the indexes, tag pages, feeds and sitemap from the listings, and
//! keeps every other page as the last build wrote it. Without a cache that
//! fits, everything is built. Either way the same pages come out, byte for
//! byte; `tests/build.rs` holds a test for each kind of change.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::pipeline;
use super::plan::Plan;
use crate::diag::{Diagnostics, Result, progress, report};
use crate::load::Site;
use crate::render::listing::{KeptExtras, Listing, Memo};
use crate::render::pages::render_site;
use crate::site::Selection;
use crate::write::cache::{Cache, Head, Inputs, Records, Warning};
use crate::write::lock::OutputLock;
use crate::write::stamp::{Stamp, Window};
use crate::write::{self, Purpose, Written};

/// What `tathya build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root.
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Which records to show, and the moment embargoes end against.
    pub selection: Selection,
    /// Build everything, ignoring the build cache and the stamp.
    pub full: bool,
    /// How warnings are printed.
    pub diagnostics: report::Format,
    /// Wait for another build of the same output to end, rather than refuse.
    pub wait: bool,
}

impl BuildOptions {
    /// What the output is for: a build with drafts is a preview.
    pub fn purpose(&self) -> Purpose {
        if self.selection.drafts { Purpose::Preview } else { Purpose::Published }
    }
}

/// Builds the site into `options.out`: nothing when the stamp shows that
/// nothing changed, only what changed when the build cache allows, else
/// everything.
pub fn build(options: &BuildOptions) -> Result<Written> {
    let (root, out, selection) = (&options.root, &options.out, &options.selection);
    // Refused before anything is created beside it.
    crate::load::require_site(root)?;
    write::folder::claim(out, root, options.purpose())?;
    // Held until the stamp is saved: inputs are read after another build ends.
    let _lock = OutputLock::take(out, options.wait)?;
    progress::phase("scanning the site");
    let inputs = Inputs::scan(root, selection.drafts)?;
    if !options.full
        && let Some(saved) = Stamp::saved(out)
        && saved.matches(root, &inputs, out, selection.now)
    {
        if !saved.racy.is_empty() {
            // Records that were racy may not be any more: read fewer next time.
            let hashes: HashMap<&Path, u64> = saved.racy.iter().map(|(file, hash)| (file.as_path(), *hash)).collect();
            Stamp::new(&inputs, out, saved.window, |file| hashes.get(file).copied()).save(out);
        }
        return Ok(Written { up_to_date: true, ..Default::default() });
    }
    progress::phase("reading the build cache, the settings and the manifests");
    // The three side by side (at 100,000 records each takes some
    // hundredths of a second, on fewer cores than there are). Nothing in
    // the output changes before the records are loaded and checked. A
    // cache that fits names the build that published the copy there now:
    // the pages of the records it keeps are all in that copy.
    let open = || write::Writer::open(out, root, options.purpose(), options.full);
    let settings = || {
        let all: Vec<PathBuf> = inputs.records.iter().map(|(file, _)| file.clone()).collect();
        let mut findings = Diagnostics::default();
        pipeline::load_settings(root, &all, &mut findings).map(|site| (site, findings))
    };
    let cached = || if options.full { None } else { Plan::cached(root, out, &inputs, selection) };
    let ((opened, settings), cached) = rayon::join(|| rayon::join(open, settings), cached);
    let plan = cached.unwrap_or_else(|| Plan::everything(inputs.records.iter().map(|(file, _)| file)));
    run(options, &inputs, plan, settings, opened)
}

/// Loads, checks and renders what `plan` says over the `settings` read,
/// with what was found in them, and publishes the site into the output
/// `opened`.
fn run(
    options: &BuildOptions,
    inputs: &Inputs,
    mut plan: Plan,
    settings: Result<(Option<Site>, Diagnostics)>,
    opened: Result<write::Opened>,
) -> Result<Written> {
    let (root, out, selection) = (&options.root, &options.out, &options.selection);
    let (site, mut findings) = settings?;
    progress::phase("preparing messages and templates");
    let stage = pipeline::prepare(root, site, &mut findings)?;
    let (loaded, kept) = plan.load(root, &stage, &mut findings)?;
    // A build of every statement uses every card the site has.
    let everything = kept.heads.is_empty();
    let mut records = kept;
    let prepared = stage.ready(&mut findings)?;
    let warnings = findings.into_warnings()?;
    progress::phase("starting the output");
    // The output is about to change: the stamp no longer says what it is.
    Stamp::clear(out);
    let writer = opened?.begin()?;
    report::print_warnings(&warnings, options.diagnostics, root);

    // What the cache will know of the records loaded now.
    let mut warned: FxHashMap<&Path, Vec<Warning>> = FxHashMap::default();
    for warning in &warnings {
        warned.entry(&warning.location.file).or_default().push(Warning::of(warning));
    }
    // With no error found, every record loaded has its listing.
    let (statements, fresh) = pipeline::to_render(loaded);
    for (statement, listing) in statements.iter().zip(&fresh) {
        let file = statement.file();
        plan.buckets.change(statement.id().as_str());
        records.heads.push(Head {
            id: statement.id().to_string(),
            file: file.to_path_buf(),
            stat: inputs.stat_of(file),
            hash: statement.hash(),
            on_site: selection.on_site(listing),
            embargoed: selection.embargoed(listing),
            warnings: warned.remove(file).unwrap_or_default(),
        });
    }
    let rendered = statements.len();
    records.listings.extend(fresh);
    records.sort_by_id()?;
    let kept = plan.shelf.clone().map(|shelf| shelf as Arc<dyn KeptExtras>);
    let memo = Memo::new(plan.views, plan.again, kept);
    render_site(&prepared, statements, selection, &mut records.listings, &memo, &writer)?;
    if everything {
        writer.prune_cards();
    }
    progress::phase("publishing");
    let written = writer.commit()?;

    let Records { heads, listings } = records;
    let records: Vec<(&Head, &Listing)> = heads.iter().zip(&listings).collect();
    progress::phase("saving the build cache");
    Cache::save(out, inputs, &records, memo.into_views(), plan.buckets, plan.shelf.as_deref());

    let window = Window::around(selection.now, listings.iter().filter_map(|l| l.publish_at.map(|at| at.0)));
    let hashes: FxHashMap<&OsStr, u64> = heads.iter().map(|head| (head.file.as_os_str(), head.hash)).collect();
    Stamp::new(inputs, out, window, |file| hashes.get(file.as_os_str()).copied()).save(out);
    write::drop_aside((listings, heads));
    Ok(Written { rendered, ..written })
}
