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
//! and tathya. So it finds what a full check finds (`tests/mutants.rs`
//! holds it to that), in the time of a rebuild. `--full` ignores the cache.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::pipeline;
use super::plan::Plan;
use crate::diag::{Diagnostic, Diagnostics, Result, Severity, progress};
use crate::render::listing::Memo;
use crate::render::pages::{Discard, differing_in_preview, render_site};
use crate::site::Selection;
use crate::write::cache::{Cache, Inputs};

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
/// when the site cannot be read at all.
pub fn check(root: &Path, options: CheckOptions) -> Result<Vec<Diagnostic>> {
    let mut findings = Diagnostics::default();
    let files = pipeline::record_files(root, &mut findings)?;
    let published = Selection { drafts: false, now: options.now };
    let cached = match options.cache {
        Some(out) if !findings.has_errors() => {
            progress::phase("reading the build cache");
            // What cannot be scanned is left to the loading to report.
            let inputs = Inputs::scan(root, published.drafts).ok();
            inputs.and_then(|inputs| {
                Cache::load(out, &inputs).map(|cache| Plan::rebuild(root, &inputs, cache, &published))
            })
        }
        _ => None,
    };
    let mut plan = cached.unwrap_or_else(|| Plan::everything(&files));
    let site = pipeline::load_settings(root, &files, &mut findings)?;
    let (site, kept) = plan.load(root, site, &mut findings)?;
    if let Some(mut prepared) = pipeline::prepare(root, site, &mut findings)? {
        let statements = std::mem::take(&mut prepared.site.statements);
        let mut listings = pipeline::listings(&prepared, &statements, &mut findings)?;
        // The records the cache kept, by id: read again only if shown differently with drafts.
        let mut kept_files = HashMap::with_capacity(kept.len());
        for entry in kept {
            kept_files.insert(entry.listing.id.clone(), entry.head.file);
            listings.push(entry.listing);
        }
        listings.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        if !findings.has_errors() {
            let differing = differing_in_preview(&listings, &published);
            let mut again: Vec<_> = statements.iter().filter(|s| differing.contains(s.id.as_str())).cloned().collect();
            // Those the cache kept are read again to be shown with drafts;
            // what is found in them the cache has already said.
            let unread: Vec<PathBuf> = differing.iter().filter_map(|id| kept_files.get(id).cloned()).collect();
            let mut known = Diagnostics::default();
            again.extend(pipeline::load_records(root, Some(&prepared.site), &unread, true, &mut known)?);
            known.into_sorted().into_iter().filter(Diagnostic::is_error).for_each(|error| findings.push(error));
            again.sort_by(|a, b| a.id.cmp(&b.id));
            // The published view by the memo of the cache's build, if any:
            // a page made from the same view is not rendered again. The
            // view with drafts, which that build did not show, in full.
            let passes =
                [(published, statements, Memo::new(plan.views)), (published.preview(), again, Memo::default())];
            for (selection, statements, memo) in passes {
                let rendered = render_site(&prepared, statements, &selection, &mut listings, &memo, &Discard);
                findings.take(rendered)?;
            }
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
