//! tathya turns YAML fact records into bilingual press statements.
//!
//! The pipeline, one module per step (DESIGN.md, "The pipeline"):
//! 1. [`load`]: parse `tathya.yaml` and `statements/**.yaml`, with positions;
//! 2. [`check`]: every rule of `tathya check`; `build` stops on an error;
//! 3. [`localize`]: Fluent + ICU4X into one typed view per language;
//! 4. [`render`]: Tera templates over the views, Markdown and HTML;
//! 5. [`write`](mod@write): pages into the unpublished copy, published in one rename.

pub mod build;
pub mod check;
pub mod cli;
pub mod diff;
pub mod error;
pub mod fuzzing;
pub mod load;
pub mod localize;
pub mod new;
pub mod render;
pub mod write;

use std::path::{Path, PathBuf};

pub use build::build;
use error::{Error, Result};
use load::{Lang, Site, Statement};
use localize::Localizer;
pub use render::pages::Selection;
use render::{Format, Renderer};

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
}

/// A site ready to render: loaded, checked, with its locales and templates.
#[derive(Debug)]
pub struct Prepared {
    /// The records and settings.
    pub site: Site,
    /// Messages and formatters.
    pub localizer: Localizer,
    /// Templates.
    pub renderer: Renderer,
}

/// Loads and checks the site at `root`, and loads its locales and templates.
/// Any error `tathya check` would report stops here; warnings are printed.
pub fn prepare(root: &Path) -> Result<Prepared> {
    let checked = check::check_site(root, false, true)?;
    let (errors, warnings): (Vec<_>, Vec<_>) = checked.diagnostics.into_iter().partition(|d| d.is_error());
    if !errors.is_empty() {
        return Err(Error::Content(errors));
    }
    check::report::print_warnings(&warnings, root);
    let site = checked.site.ok_or_else(|| Error::Usage("tathya.yaml could not be read".into()))?;
    let localizer = Localizer::load(root, site.config())?;

    let renderer = Renderer::load(root, localizer.messages.clone())?;
    Ok(Prepared { site, localizer, renderer })
}

/// Renders one statement in one language and format, whatever its status.
pub fn render_one(root: &Path, id: &str, lang: &str, format: Format) -> Result<String> {
    let prepared = prepare(root)?;
    let statement = prepared
        .site
        .statement(id.trim_matches('/'))
        .ok_or_else(|| Error::Usage(format!("no statement with id `{id}` under {}", load::STATEMENTS_DIR)))?;
    let lang = prepared
        .site
        .config()
        .languages
        .iter()
        .find(|l| l.as_str() == lang)
        .ok_or_else(|| Error::Usage(format!("`{lang}` is not one of the site's languages")))?;
    prepared.statement(statement, lang, format)
}

impl Prepared {
    /// Renders `statement` in `lang` and `format`, with the statements it
    /// names in `related`.
    pub fn statement(&self, statement: &Statement, lang: &Lang, format: Format) -> Result<String> {
        let id = statement.id.as_str();
        let mut related: Vec<&Statement> = self
            .site
            .statements
            .iter()
            .filter(|other| {
                statement.record().related.contains(&other.id)
                    || other.record().related.iter().any(|r| r.as_str() == id)
            })
            .filter(|other| other.id != statement.id)
            .collect();
        related.dedup_by(|a, b| a.id == b.id);
        let links = related
            .iter()
            .map(|other| {
                let summary = self.localizer.summary(&self.site, other, lang)?;
                Ok(localize::view::LinkView { headline: summary.headline, url: summary.url })
            })
            .collect::<Result<_>>()?;
        self.statement_with(statement, lang, format, links)
    }

    /// Renders `statement` in `lang` and `format`, linking to `related`.
    pub fn statement_with(
        &self,
        statement: &Statement,
        lang: &Lang,
        format: Format,
        related: Vec<localize::view::LinkView>,
    ) -> Result<String> {
        let summary = self.localizer.summary(&self.site, statement, lang)?;
        let page = self.localizer.statement_page(&self.site, statement, lang, summary, related)?;
        self.renderer.statement(&page, format)
    }
}
