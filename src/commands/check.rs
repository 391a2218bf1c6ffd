//! `tathya check`: the build without the writing.
//!
//! Every step of the [`pipeline`] runs as `build` runs it,
//! on every record: loading, the checks of records, settings, locales and
//! templates, localizing, and rendering every page into a [`Discard`] sink,
//! twice where the two differ: as the site is published, and as
//! `build --drafts` shows it. A draft or an embargoed statement is checked
//! like any other. What `check` adds are warnings (Hindi typography, unused
//! figures), never fewer errors.

use std::path::Path;

use super::pipeline;
use crate::diag::{Diagnostic, Diagnostics, Result, Severity};
use crate::render::listing::Memo;
use crate::render::pages::{Discard, differing_in_preview, render_site};
use crate::site::Selection;

/// What `tathya check` was asked to do.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Warnings count as errors.
    pub strict: bool,
    /// The moment embargoes are measured against.
    pub now: jiff::Timestamp,
}

/// Every finding of the site root at `root`, sorted by place. Fails only
/// when the site cannot be read at all.
pub fn check(root: &Path, options: CheckOptions) -> Result<Vec<Diagnostic>> {
    let mut findings = Diagnostics::default();
    let site = pipeline::load_site(root, true, &mut findings)?;
    if let Some(mut prepared) = pipeline::prepare(root, site, &mut findings)? {
        let statements = std::mem::take(&mut prepared.site.statements);
        let mut listings = pipeline::listings(&prepared, &statements, &mut findings)?;
        if !findings.has_errors() {
            let published = Selection { drafts: false, now: options.now };
            let differing = differing_in_preview(&listings, &published);
            let again: Vec<_> = statements.iter().filter(|s| differing.contains(s.id.as_str())).cloned().collect();
            for (selection, statements) in [(published, statements), (published.preview(), again)] {
                let rendered =
                    render_site(&prepared, statements, &selection, &mut listings, &Memo::default(), &Discard);
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
