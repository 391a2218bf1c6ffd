//! `tathya check`: the build without the writing.
//!
//! Every step of the [`pipeline`] runs as `build` runs it: loading, the
//! checks of records, settings, locales and templates, localizing, and
//! rendering every page into a [`Discard`] sink, twice where the two
//! differ: as the site is published, and as `build --drafts` shows it. A
//! draft or an embargoed statement is checked like any other. What `check`
//! adds are warnings (Hindi typography, unused figures), never fewer
//! errors.
//!
//! After a build (of `public/`, or of `--out`), `check` goes by the same
//! [`Plan`] as the next build would: it reads and renders again only the
//! records that changed since, and those their pages link to; what it
//! knows of the others, their listings and warnings, comes from that
//! build's cache, which fits only the same settings, locales, templates
//! and tathya, and a build of the site as published. Kept records whose
//! pages differ when drafts are shown are read again for that view. So it
//! finds what a full check finds (`tests/mutants.rs` holds it to that),
//! in the time of a rebuild. `--full` ignores the cache.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::pipeline::{self, Stage};
use super::plan::Plan;
use crate::diag::{Diagnostic, Diagnostics, Error, Result, Severity, progress};
use crate::load::Held;
use crate::render::listing::{KeptExtras, Listing, Memo};
use crate::render::pages::{Discard, differing_in_preview, render_site};
use crate::site::Selection;
use crate::write::cache::{Head, Inputs};

/// What `tathya check` was asked to do.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions<'a> {
    /// Warnings count as errors.
    pub strict: bool,
    /// The moment embargoes are measured against.
    pub now: jiff::Timestamp,
    /// The output of a build whose cache to use, if it fits: the records
    /// that did not change since are not read again (see [`Plan`]).
    pub cache: Option<&'a Path>,
}

/// Every finding of the site root at `root`, sorted by place. Fails only
/// when the site cannot be read at all. A build cache found not to hold
/// what it says as it is read (damaged, or saved again by a build running
/// beside the check, which takes no lock) is let go: every record is read.
pub fn check(root: &Path, options: CheckOptions) -> Result<Vec<Diagnostic>> {
    match check_by(root, options) {
        Err(Error::Cache(_)) if options.cache.is_some() => check_by(root, CheckOptions { cache: None, ..options }),
        found => found,
    }
}

/// [`check`], by the build cache of `options.cache` if it fits.
fn check_by(root: &Path, options: CheckOptions) -> Result<Vec<Diagnostic>> {
    let mut findings = Diagnostics::default();
    let published = Selection { drafts: false, now: options.now };
    let listed = pipeline::listed_records(root, &mut findings)?;
    let cached = options.cache.filter(|_| !findings.has_errors()).and_then(|out| cached_plan(root, out, &published));
    let by_cache = cached.is_some();
    let (files, mut plan) = cached.unwrap_or_else(|| {
        let plan = Plan::everything(&listed);
        (listed, plan)
    });
    let site = pipeline::load_settings(root, &files, &mut findings)?;
    let stage = pipeline::prepare(root, site, &mut findings)?;
    let (loaded, kept) = plan.load(root, &stage, &mut findings)?;
    if let Stage::Ready(prepared) = &stage
        && !findings.has_errors()
    {
        let (statements, fresh) = pipeline::to_render(loaded);
        let mut listings = kept.listings;
        listings.extend(fresh);
        listings.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        let again = shown_with_drafts(root, &statements, &listings, &kept.heads, &published)?;
        // Both views by the memo of the cache's build, if any: a page
        // made from the view that build rendered it from is not
        // rendered again. The view with drafts, which that build did
        // not show, marks its pages as a preview, so they are rendered
        // again but for those that show nothing of it: the sitemap,
        // which lists no draft, when no draft adds a list page.
        let shelf = plan.shelf.map(|shelf| shelf as Arc<dyn KeptExtras>);
        let preview_memo = Memo::new(plan.views.clone(), Default::default(), shelf.clone());
        let passes = [
            (published, statements, Memo::new(plan.views, plan.again, shelf), Discard { by_cache }),
            (published.preview(), again, preview_memo, Discard { by_cache }),
        ];
        for (selection, statements, memo, sink) in passes {
            let rendered = render_site(prepared, statements, &selection, &mut listings, &memo, &sink);
            findings.take(rendered)?;
        }
    }
    let mut diagnostics = findings.into_sorted();
    if options.strict {
        for diagnostic in &mut diagnostics {
            diagnostic.severity = Severity::Error;
        }
    }
    Ok(diagnostics)
}

/// The records as the build of `out` would list them, and the plan of what
/// changed since, if that build's cache fits the site as published.
fn cached_plan(root: &Path, out: &Path, published: &Selection) -> Option<(Vec<PathBuf>, Plan)> {
    progress::phase("reading the build cache");
    // What cannot be scanned is left to the loading to report.
    let inputs = Inputs::scan(root, published.drafts).ok()?;
    let plan = Plan::cached(root, out, &inputs, published)?;
    Some((inputs.records.into_iter().map(|(file, _)| file).collect(), plan))
}

/// The statements whose pages differ when drafts are shown too: those of
/// `loaded`, and those the cache kept (`kept`), read again (the few a
/// draft changes). A kept record whose file no longer has the content the
/// cache knows (changed keeping its size and time) fails as a cache that
/// does not hold what it says: `check` reads every record instead.
fn shown_with_drafts(
    root: &Path,
    loaded: &[Held],
    listings: &[Listing],
    kept: &[Head],
    published: &Selection,
) -> Result<Vec<Held>> {
    let differing = differing_in_preview(listings, published);
    let mut again: Vec<Held> = loaded.iter().filter(|s| differing.contains(s.id().as_str())).cloned().collect();
    for head in kept.iter().filter(|head| differing.contains(head.id.as_str())) {
        let unlike = || Error::Cache(format!("{} is not as the build cache knows it", head.file.display()));
        let id = head.id.parse().map_err(|_| unlike())?;
        let kept = Held::LetGo { id, file: head.file.clone(), hash: head.hash };
        again.push(Held::Record(Box::new(kept.statement(root).map_err(|_| unlike())?)));
    }
    again.sort_by(|a, b| a.id().cmp(b.id()));
    Ok(again)
}
