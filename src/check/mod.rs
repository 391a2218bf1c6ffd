//! Step 2, check: everything that can be known wrong before rendering.
//!
//! [`check_site`] runs every rule of [`rules`] over the site root: the
//! schema and references of records and settings ([`schema`]), parity of
//! the languages ([`parity`]), Fluent coverage ([`coverage`]), templates
//! ([`templates`]) and Hindi typography ([`typography`]). `tathya check`
//! prints the findings ([`report`]); `build` refuses to write when any is an
//! error.

pub mod coverage;
pub mod parity;
pub mod report;
pub mod rules;
pub mod schema;
pub mod templates;
pub mod typography;

use std::path::Path;

use rayon::prelude::*;

use crate::error::{Diagnostic, Diagnostics, Result};
use crate::load::yaml::{self, YamlPath};
use crate::load::{Site, Source};
use rules::{Rule, Severity};

/// A finding inside a YAML file, before it is given its position.
pub type Finding = (Rule, YamlPath, String);

/// The diagnostic of a finding in `source`, at the value its path names.
pub fn at<T>(source: &Source<T>, (rule, path, message): Finding) -> Diagnostic {
    yaml::diagnostic_at(rule, &source.file, &source.text, &path, message)
}

/// The outcome of checking a site root.
#[derive(Debug)]
pub struct Checked {
    /// The site as loaded, unless `tathya.yaml` itself could not be read.
    pub site: Option<Site>,
    /// Every finding, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// How many errors and how many warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        (errors, self.diagnostics.len() - errors)
    }
}

/// Runs every rule over the site root at `root`. With `strict`, warnings
/// count as errors. Fails only when the site cannot be read at all.
pub fn check_site(root: &Path, strict: bool) -> Result<Checked> {
    let (site, findings) = crate::load::load_all(root)?;
    check_loaded(root, site, findings, strict)
}

/// Runs every rule over a loaded site: the settings, locales and templates,
/// and the records `site` holds (a rebuild loads only those that changed,
/// and names the others in [`Site::others`](crate::load::Site::others)).
/// `findings` are those of loading.
pub fn check_loaded(root: &Path, site: Option<Site>, mut findings: Diagnostics, strict: bool) -> Result<Checked> {
    if let Some(site) = &site {
        schema::check_settings(site, &mut findings);
        typography::check_settings(site, &mut findings);
        // Each record is checked on its own, in parallel.
        let per_record: Vec<Diagnostics> = site
            .statements
            .par_iter()
            .map(|statement| {
                let mut found = Diagnostics::default();
                schema::check_statement(site, statement, &mut found);
                parity::check_statement(statement, &mut found);
                typography::check_statement(statement, &mut found);
                found
            })
            .collect();
        for found in per_record {
            findings.extend(found);
        }
        coverage::check(root, site.config(), &mut findings)?;
        templates::check(root, site.config(), &mut findings)?;
    }
    let mut diagnostics = findings.into_sorted();
    if strict {
        for diagnostic in &mut diagnostics {
            diagnostic.severity = Severity::Error;
        }
    }
    Ok(Checked { site, diagnostics })
}

/// Keeps the findings of `result`, or records it as findings.
fn collect(result: Result<()>, findings: &mut Diagnostics) -> Result<()> {
    findings.take(result).map(|_| ())
}
