//! tathya turns YAML fact records into bilingual press statements.
//!
//! The pipeline, one module per step (DESIGN.md, "The pipeline"):
//! 1. [`load`]: parse `tathya.yaml` and `statements/**.yaml`, with positions;
//! 2. [`check`]: languages, references and required fields;
//! 3. [`localize`]: Fluent + ICU4X into one typed view per language;
//! 4. [`render`]: Tera templates over the views, Markdown and HTML;
//! 5. [`write`](mod@write): the whole site into a new folder, swapped in at the end.

pub mod check;
pub mod cli;
pub mod error;
pub mod load;
pub mod localize;
pub mod render;
pub mod write;

use std::path::{Path, PathBuf};

use error::{Diagnostics, Error, Result};
use load::record::Status;
use load::{Lang, Site, Statement};
use localize::Localizer;
use localize::view::{IndexPage, StatementPage};
use render::{Format, Renderer};
use write::Output;

/// What `tathya build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root.
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Build drafts too.
    pub drafts: bool,
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
pub fn prepare(root: &Path) -> Result<Prepared> {
    let site = load::load(root)?;
    check::check(&site)?;
    let localizer = Localizer::load(root, site.config())?;
    let renderer = Renderer::load(root, localizer.messages.clone())?;
    Ok(Prepared {
        site,
        localizer,
        renderer,
    })
}

/// Builds the whole site into `options.out`; returns how many files.
pub fn build(options: &BuildOptions) -> Result<usize> {
    let prepared = prepare(&options.root)?;
    let output = prepared.render_site(options.drafts)?;
    write::write_site(&options.out, &options.root, &output)?;
    Ok(output.len())
}

/// Renders one statement in one language and format, whatever its status.
pub fn render_one(root: &Path, id: &str, lang: &str, format: Format) -> Result<String> {
    let prepared = prepare(root)?;
    let statement = prepared
        .site
        .statement(id.trim_matches('/'))
        .ok_or_else(|| {
            Error::Usage(format!(
                "no statement with id `{id}` under {}",
                load::STATEMENTS_DIR
            ))
        })?;
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
    /// Renders `statement` in `lang` and `format`.
    pub fn statement(&self, statement: &Statement, lang: &Lang, format: Format) -> Result<String> {
        let id = statement.id.as_str();
        let page = StatementPage {
            lang: lang.as_str(),
            site: self.localizer.site_view(&self.site, lang),
            translations: self
                .localizer
                .translations(&self.site, lang, |other| localize::statement_url(other, id))?,
            statement: self.localizer.statement(&self.site, statement, lang)?,
        };
        self.renderer.statement(&page, format)
    }

    /// Renders every page of the site in memory. Errors of all statements
    /// are collected, so one build reports them all.
    pub fn render_site(&self, drafts: bool) -> Result<Output> {
        let mut output = Output::default();
        let mut problems = Diagnostics::default();
        for asset in render::assets(&self.site.root)? {
            output.add(asset.0, asset.1);
        }
        let on_site: Vec<&Statement> = self
            .site
            .statements
            .iter()
            .filter(|s| drafts || s.record().status != Status::Draft)
            .collect();
        for lang in &self.site.config().languages {
            for statement in &on_site {
                for format in [Format::Html, Format::Md] {
                    let path = Path::new(lang.as_str())
                        .join(statement.id.as_str())
                        .join(format!("index.{}", format.extension()));
                    if let Some(page) = problems.take(self.statement(statement, lang, format))? {
                        output.add(path, page);
                    }
                }
            }
            if let Some(index) = problems.take(self.index(lang, &on_site))? {
                output.add(Path::new(lang.as_str()).join("index.html"), index);
            }
        }
        problems.finish()?;
        Ok(output)
    }

    /// Renders the index of `lang`: listed statements, newest first.
    fn index(&self, lang: &Lang, on_site: &[&Statement]) -> Result<String> {
        let mut listed: Vec<&Statement> = on_site
            .iter()
            .copied()
            .filter(|s| s.record().status != Status::Withdrawn)
            .collect();
        listed.sort_by(|a, b| {
            b.record()
                .date
                .cmp(&a.record().date)
                .then_with(|| a.id.cmp(&b.id))
        });
        let statements = listed
            .into_iter()
            .map(|statement| self.localizer.summary(&self.site, statement, lang))
            .collect::<Result<Vec<_>>>()?;
        let page = IndexPage {
            lang: lang.as_str(),
            site: self.localizer.site_view(&self.site, lang),
            url: format!("/{lang}/"),
            translations: self
                .localizer
                .translations(&self.site, lang, |other| format!("/{other}/"))?,
            statements,
        };
        self.renderer.index(&page)
    }
}
