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

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Diagnostics, Result};
use crate::load::yaml::{self, YamlPath};
use crate::load::{Site, Source, Statement};
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
/// count as errors; with `keep_text`, the records keep their text (which
/// `diff` shows). Fails only when the site cannot be read at all.
pub fn check_site(root: &Path, strict: bool, keep_text: bool) -> Result<Checked> {
    let files = crate::load::record_files(root)?;
    let (site, mut findings) = crate::load::load_settings(root, &files)?;
    let statements = check_records(root, site.as_ref(), &files, !keep_text, &mut findings)?;
    let site = site.map(|site| Site { statements, ..site });
    if let Some(site) = &site {
        check_shared(root, site, &mut findings)?;
    }
    Ok(Checked::new(site, findings, strict))
}

/// Loads the record `files` and checks each as it is parsed, in parallel,
/// against `site`: its settings, and the ids of the records that exist
/// (in [`Site::others`]). Without settings (`tathya.yaml` did not parse)
/// records are only parsed. With `release`, each record's text is let go
/// once it is checked. Returns the records that parse, sorted by id.
pub fn check_records(
    root: &Path,
    site: Option<&Site>,
    files: &[PathBuf],
    release: bool,
    findings: &mut Diagnostics,
) -> Result<Vec<Statement>> {
    crate::load::load_records(root, files, findings, |statement| {
        let mut found = Diagnostics::default();
        if let Some(site) = site {
            schema::check_statement(site, statement, &mut found);
            parity::check_statement(statement, &mut found);
            typography::check_statement(statement, &mut found);
        }
        if release {
            statement.source.text = String::new();
        }
        found
    })
}

/// The rules over the site as a whole: settings, locales and templates.
pub fn check_shared(root: &Path, site: &Site, findings: &mut Diagnostics) -> Result<()> {
    schema::check_settings(site, findings);
    typography::check_settings(site, findings);
    coverage::check(root, site.config(), findings)?;
    templates::check(root, site.config(), findings)
}

impl Checked {
    /// The outcome of a check that found `findings`.
    pub fn new(site: Option<Site>, findings: Diagnostics, strict: bool) -> Self {
        let mut diagnostics = findings.into_sorted();
        if strict {
            for diagnostic in &mut diagnostics {
                diagnostic.severity = Severity::Error;
            }
        }
        Checked { site, diagnostics }
    }
}

/// Keeps the findings of `result`, or records it as findings.
fn collect(result: Result<()>, findings: &mut Diagnostics) -> Result<()> {
    findings.take(result).map(|_| ())
}
