//! The pipeline every command runs, one implementation of each step:
//! load and check every file ([`load_settings`], [`load_records`]), prepare
//! the locales and templates ([`prepare`]), localize each statement for
//! the lists ([`listings`]), then render every page into a sink. `build`
//! writes what it renders; `check` renders the same pages into nothing;
//! `render` and `diff` keep the pages they show. So `check` refuses
//! whatever `build` would, with the same rule at the same place.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Error, Result, progress};
use crate::load::{self, Site, Statement};
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

/// Loads the record `files` in parallel, and checks each against `site` on
/// the thread that parsed it; with `release`, each record's text is let go
/// once it is checked. Returns the records that parse, sorted by id.
/// `step` names the reading under `--verbose`: "reading records", or
/// "reading records again" for those a build cache kept, read for a view
/// that build did not render.
pub fn load_records(
    step: &'static str,
    root: &Path,
    site: Option<&Site>,
    files: &[PathBuf],
    release: bool,
    findings: &mut Diagnostics,
) -> Result<Vec<Statement>> {
    progress::step(step, files.len());
    load::load_records(root, files, findings, |statement| {
        progress::advance();
        let mut found = Diagnostics::default();
        if let Some(site) = site {
            check_record(site, statement, &mut found);
        }
        if release {
            statement.source.text = String::new();
        }
        found
    })
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
    let files = findings.take(load::record_files(root))?.unwrap_or_default();
    // Every file of the shared folders, of a site language or not, is held to
    // the rule on links, as the build lists them all for its cache.
    for folder in crate::site::SHARED_DIRS {
        findings.take(load::site_files(root, Path::new(folder)))?;
    }
    Ok(files)
}

/// Loads the settings and every record of the site root.
pub fn load_site(root: &Path, release: bool, findings: &mut Diagnostics) -> Result<Option<Site>> {
    let files = listed_records(root, findings)?;
    let site = load_settings(root, &files, findings)?;
    let statements = load_records("reading records", root, site.as_ref(), &files, release, findings)?;
    Ok(site.map(|site| Site { statements, ..site }))
}

/// Checks the settings and loads the locales and templates of `site`:
/// the site ready to render, unless an error was found (in `findings` too).
pub fn prepare(root: &Path, site: Option<Site>, findings: &mut Diagnostics) -> Result<Option<Prepared>> {
    let Some(site) = site else { return Ok(None) };
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
            Ok(Some(Prepared { site, localizer, renderer, cards }))
        }
        _ => Ok(None),
    }
}

/// [`prepare`], failing with every error found so far when the site is not
/// ready to render.
pub fn ready(root: &Path, site: Option<Site>, findings: &mut Diagnostics) -> Result<Prepared> {
    match prepare(root, site, findings)? {
        Some(prepared) => Ok(prepared),
        None => {
            let errors = std::mem::take(findings).into_sorted().into_iter().filter(Diagnostic::is_error).collect();
            Err(Error::Content(errors))
        }
    }
}

/// The listing of each of `statements`, in parallel; the problems of those
/// that cannot be localized go to `findings`.
pub fn listings(prepared: &Prepared, statements: &[Statement], findings: &mut Diagnostics) -> Result<Vec<Listing>> {
    let results: Vec<Result<Listing>> = statements.par_iter().map(|s| Listing::of(prepared, s)).collect();
    let mut out = Vec::with_capacity(results.len());
    for result in results {
        out.extend(findings.take(result)?);
    }
    Ok(out)
}
