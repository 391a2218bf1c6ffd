//! The site's own pages, `pages/<slug>.yaml`: the accessibility statement,
//! the privacy and copyright policies, the verdicts explained, and the
//! like, that the footer of every page lists. Each is written as a record
//! is, every text in every language side by side, so a page cannot have a
//! paragraph in one language that the other lacks.

use std::path::Path;

use serde::Deserialize;

use super::types::{Date, Localized};
use super::yaml::YamlPath;
use super::{Source, site_files};
use crate::diag::{Diagnostics, Error, Location, Result, Rule};
use crate::site::PAGES_DIR;

/// A page of the site, with its file.
#[derive(Debug, Clone)]
pub struct SitePage {
    /// Its name, from its file: `privacy` for `pages/privacy.yaml`; its
    /// address is `/<lang>/about/<slug>/`.
    pub slug: String,
    /// What it says, with its file.
    pub source: Source<PageRecord>,
}

impl SitePage {
    /// What it says.
    pub fn record(&self) -> &PageRecord {
        &self.source.value
    }
}

/// What a page file holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageRecord {
    /// Its title.
    pub title: Localized,
    /// When its words last changed, shown on it.
    pub updated: Date,
    /// Its place in the footer, smallest first (then by slug).
    #[serde(default = "default_order")]
    pub order: u32,
    /// Its sections, in order.
    pub sections: Vec<Section>,
}

/// A part of a page: an optional heading, paragraphs, and a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Its heading.
    pub heading: Option<Localized>,
    /// Its paragraphs, each inline Markdown as record text is.
    #[serde(default)]
    pub paragraphs: Vec<Localized>,
    /// The items of a list after the paragraphs.
    #[serde(default)]
    pub list: Vec<Localized>,
}

fn default_order() -> u32 {
    100
}

impl PageRecord {
    /// Every localized text of the page with its path.
    pub fn texts(&self) -> Vec<(YamlPath, &Localized)> {
        let root = YamlPath::default();
        let mut out = vec![(root.join("title"), &self.title)];
        for (i, section) in self.sections.iter().enumerate() {
            let at = root.join("sections").join(i);
            if let Some(heading) = &section.heading {
                out.push((at.join("heading"), heading));
            }
            for (name, texts) in [("paragraphs", &section.paragraphs), ("list", &section.list)] {
                out.extend(texts.iter().enumerate().map(|(j, text)| (at.join(name).join(j), text)));
            }
        }
        out
    }
}

/// Every page of the site root, sorted by footer order and slug; the
/// problems of those that do not load go to `diagnostics`.
pub fn load_pages(root: &Path, diagnostics: &mut Diagnostics) -> Result<Vec<SitePage>> {
    let files = diagnostics.take(site_files(root, Path::new(PAGES_DIR)))?.unwrap_or_default();
    let mut pages = Vec::new();
    for file in files {
        if let Some(page) = diagnostics.take(load_page(root, &Path::new(PAGES_DIR).join(file)))? {
            pages.push(page);
        }
    }
    pages.sort_by(|a, b| (a.record().order, &a.slug).cmp(&(b.record().order, &b.slug)));
    Ok(pages)
}

fn load_page(root: &Path, file: &Path) -> Result<SitePage> {
    let refuse = |message: &str| Err(Error::content(Rule::BadFileName, Location::file(file), message.to_owned()));
    let Some(slug) =
        file.strip_prefix(PAGES_DIR).ok().and_then(Path::to_str).and_then(|name| name.strip_suffix(".yaml"))
    else {
        return refuse("a page is a `.yaml` file in pages/, such as pages/privacy.yaml: rename this file");
    };
    let valid = !slug.is_empty()
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !super::types::is_reserved_name(slug);
    if !valid {
        return refuse(
            "a page's name is its address: lowercase a-z, 0-9 and `-`, in pages/ itself (pages/privacy.yaml)",
        );
    }
    let slug = slug.to_owned();
    let source = super::parse_file(root, file)?;
    Ok(SitePage { slug, source })
}
