//! Where every page of the site lives: its URL path in each language and
//! the file it is served from. Every page exists in every language.

use std::path::{Path, PathBuf};

/// A page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page<'a> {
    /// The choice of language.
    Root,
    /// A page of a language's index, from 1.
    Index(usize),
    /// A tag's page, by the tag's key.
    Tag(&'a str),
    /// A statement's page, by its id.
    Statement(&'a str),
}

impl Page<'_> {
    /// Its URL path in the language `lang`, from the site's root: `/hi/tags/cowin/`.
    pub fn path(&self, lang: &str) -> String {
        match self {
            Page::Root => "/".to_owned(),
            Page::Index(1) => format!("/{lang}/"),
            Page::Index(n) => format!("/{lang}/page/{n}/"),
            Page::Tag(key) => format!("/{lang}/tags/{key}/"),
            Page::Statement(id) => format!("/{lang}/{id}/"),
        }
    }

    /// The file named `name` (`index.html`, `index.md`) of the page in `lang`.
    pub fn file(&self, lang: &str, name: &str) -> PathBuf {
        file_of(&self.path(lang), name)
    }
}

/// The file `name` in the folder a URL path is served from.
pub fn file_of(path: &str, name: &str) -> PathBuf {
    Path::new(path.trim_start_matches('/')).join(name)
}

/// The absolute URL of a path on the site at `base_url`.
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{}{path}", base_url.trim_end_matches('/'))
}

/// A language's Atom feed, from the site's root.
pub fn feed_path(lang: &str) -> String {
    format!("/{lang}/atom.xml")
}

/// The file of a language's Atom feed.
pub fn feed_file(lang: &str) -> PathBuf {
    PathBuf::from(feed_path(lang).trim_start_matches('/'))
}

/// The file of the sitemap.
pub const SITEMAP_FILE: &str = "sitemap.xml";
