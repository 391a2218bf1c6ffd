//! tathya turns YAML fact records into bilingual press statements.
//!
//! The pipeline, one module per step (DESIGN.md, "The pipeline"):
//! 1. [`load`]: parse `tathya.yaml` and `statements/**.yaml`, with positions;
//! 2. [`check`]: every rule of `tathya check`; `build` stops on an error;
//! 3. [`localize`]: Fluent + ICU4X into one typed view per language;
//! 4. [`render`]: Tera templates over the views, Markdown and HTML;
//! 5. [`write`](mod@write): pages into the unpublished copy, published in one rename.

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

use error::{Error, Result};
use load::{Lang, Site, Statement};
use localize::Localizer;
pub use render::pages::Selection;
use render::{Format, Renderer};
use write::stamp::Stamp;

/// What `tathya build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root.
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Which records to show, and the moment embargoes end against.
    pub selection: Selection,
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
    let checked = check::check_site(root, false)?;
    let (errors, warnings): (Vec<_>, Vec<_>) = checked.diagnostics.into_iter().partition(|d| d.is_error());
    if !errors.is_empty() {
        return Err(Error::Content(errors));
    }
    if !warnings.is_empty() {
        let colour = check::report::stderr_is_terminal();
        eprint!("{}", check::report::render(&warnings, check::report::Format::Human, root, colour));
    }
    let site = checked.site.ok_or_else(|| Error::Usage("tathya.yaml could not be read".into()))?;
    let localizer = Localizer::load(root, site.config())?;

    let renderer = Renderer::load(root, localizer.messages.clone())?;
    Ok(Prepared { site, localizer, renderer })
}

/// Builds the whole site into `options.out`, unless the stamp beside it
/// shows that nothing it is made from changed since the last build.
pub fn build(options: &BuildOptions) -> Result<write::Written> {
    let (root, out, selection) = (&options.root, &options.out, &options.selection);
    if let Some(saved) = Stamp::saved(out) {
        let current = Stamp::current(root, out, selection.drafts, saved.valid_until)?;
        if saved.matches(&current, selection.now) {
            return Ok(write::Written { up_to_date: true, ..Default::default() });
        }
    }
    Stamp::clear(out);
    let mut prepared = prepare(root)?;
    prepared.site.release_sources();
    let writer = write::Writer::begin(out, root)?;
    prepared.render_site(selection, &writer)?;
    let written = writer.commit()?;
    let next_embargo = prepared
        .site
        .statements
        .iter()
        .filter_map(|s| s.record().publish_at.map(|at| at.0))
        .filter(|at| *at > selection.now)
        .min();
    Stamp::current(root, out, selection.drafts, next_embargo)?.save(out);
    Ok(written)
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
        let all: Vec<&Statement> = self.site.statements.iter().collect();
        let related = render::pages::related_both_ways(&all);
        self.statement_with(statement, lang, format, related.get(statement.id.as_str()).map_or(&[], Vec::as_slice))
    }

    /// Renders `statement` with `related` (from [`render::pages::related_both_ways`]).
    pub fn statement_with(
        &self,
        statement: &Statement,
        lang: &Lang,
        format: Format,
        related: &[&Statement],
    ) -> Result<String> {
        let page = self.localizer.statement_page(&self.site, statement, lang, related)?;
        self.renderer.statement(&page, format)
    }

    /// Renders every page of the site into `writer`.
    pub fn render_site(&self, selection: &Selection, writer: &write::Writer) -> Result<()> {
        render::pages::render_site(self, selection, writer)
    }
}
