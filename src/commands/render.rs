//! `tathya render`: one statement's page, exactly as `build` writes it.
//!
//! The whole site is loaded, checked and localized as for a build, and the
//! page comes from the same assembly ([`StatementPages`]): a statement on
//! the site shows as published (or as `build --drafts` shows it), a draft or
//! an embargoed one as its preview.

use std::path::Path;

use super::pipeline;
use crate::diag::{Diagnostics, Error, Result, report};
use crate::render::Format;
use crate::render::pages::StatementPages;
use crate::site::{STATEMENTS_DIR, Selection};

/// What `tathya render` was asked for.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The statement's id.
    pub id: String,
    /// Its language; `None` for the site's first.
    pub lang: Option<String>,
    /// Which statements the site shows, as for `build`.
    pub selection: Selection,
    /// How warnings are printed.
    pub diagnostics: report::Format,
}

/// The page of `options.id` in its language, in `format`.
pub fn render(root: &Path, options: &RenderOptions, format: Format) -> Result<Vec<u8>> {
    let [html, md] = rendered(root, options)?.files;
    Ok(match format {
        Format::Html => html.1,
        Format::Md => md.1,
    })
}

/// Where a post of `tathya share` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Platform {
    /// X: at most 280 by X's count.
    X,
    /// WhatsApp: the verdict in bold, the finding in full.
    Whatsapp,
    /// Telegram.
    Telegram,
    /// Every post, and the X post's weight: the `share.json` beside the page.
    Json,
}

/// The post of `options.id` for `platform`, exactly as the `share.json`
/// `build` writes beside its page has it.
pub fn share(root: &Path, options: &RenderOptions, platform: Platform) -> Result<Vec<u8>> {
    let (_, json) = rendered(root, options)?.share;
    let field = match platform {
        Platform::X => "x",
        Platform::Whatsapp => "whatsapp",
        Platform::Telegram => "telegram",
        Platform::Json => return Ok(json),
    };
    let posts: serde_json::Value =
        serde_json::from_slice(&json).map_err(|err| Error::Usage(format!("share.json: {err}")))?;
    let mut post = posts[field].as_str().unwrap_or_default().to_owned();
    post.push('\n');
    Ok(post.into_bytes())
}

/// The statement `options.id`'s page in its language, rendered as `build` renders it.
fn rendered(root: &Path, options: &RenderOptions) -> Result<crate::render::pages::Rendered> {
    let mut findings = Diagnostics::default();
    let (stage, loaded) = pipeline::load_site(root, &mut findings)?;
    let prepared = stage.ready(&mut findings)?;
    let warnings = findings.into_warnings()?;
    report::print_warnings(&warnings, options.diagnostics, root);

    let (statements, listings) = pipeline::to_render(loaded);
    let id = options.id.trim_matches('/');
    let statement = statements
        .into_iter()
        .find(|s| s.id().as_str() == id)
        .ok_or_else(|| Error::Usage(format!("no statement with id `{id}` under {STATEMENTS_DIR}/")))?
        .statement(root)?;
    let languages = &prepared.site.config().languages;
    let lang = match &options.lang {
        Some(code) => languages.iter().position(|l| l.as_str() == code),
        None => Some(0),
    };
    let lang = lang.ok_or_else(|| {
        let code = options.lang.as_deref().unwrap_or_default();
        Error::Usage(format!("`{code}` is not one of the site's languages"))
    })?;
    let pages = StatementPages::new(&prepared, &listings, options.selection, false);
    pages.render(&statement, lang)
}
