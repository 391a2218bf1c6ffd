//! Where every page of the site lives: its URL path in each language, the
//! file it is served from, and its URL below the site's `base_url`. Every
//! page exists in every language.

use std::path::{Path, PathBuf};

/// A page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page<'a> {
    /// The choice of language.
    Root,
    /// A page of a language's index, from 1.
    Index(usize),
    /// The index of tags.
    Tags,
    /// A page of a tag's list, by the tag's key and the page's number, from 1.
    Tag(&'a str, usize),
    /// A page of an issuer's list, by the issuer's key and the page's number.
    Issuer(&'a str, usize),
    /// A page of a year's list, by the year and the page's number.
    Year(i16, usize),
    /// One of the site's own pages (`pages/<slug>.yaml`), by its slug.
    About(&'a str),
    /// The search page, whose folder holds the language's search index.
    Search,
    /// A statement's page, by its id.
    Statement(&'a str),
}

impl Page<'_> {
    /// Its URL path in the language `lang`, from the site's root: `/hi/tags/cowin/`;
    /// [`SiteUrl`] makes a link or an absolute URL of it.
    pub fn path(&self, lang: &str) -> String {
        match self {
            Page::Root => "/".to_owned(),
            Page::Index(1) => format!("/{lang}/"),
            Page::Index(n) => format!("/{lang}/page/{n}/"),
            Page::Tags => format!("/{lang}/tags/"),
            Page::Tag(key, n) => paged(format!("/{lang}/tags/{key}/"), *n),
            Page::Issuer(key, n) => paged(format!("/{lang}/issuers/{key}/"), *n),
            Page::Year(year, n) => paged(format!("/{lang}/years/{year}/"), *n),
            Page::About(slug) => format!("/{lang}/about/{slug}/"),
            Page::Search => format!("/{lang}/search/"),
            // Made without `format!`: a rebuild at 100,000 records makes this path
            // for each statement in each language, to keep its files.
            Page::Statement(id) => ["/", lang, "/", id, "/"].concat(),
        }
    }

    /// How the URL paths of the statements `a` and `b` compare in one
    /// language (as [`Page::path`] makes them, `/<lang>/<id>/`), without
    /// making them: a list of 100,000 statements is sorted by them.
    pub fn statement_order(a: &str, b: &str) -> std::cmp::Ordering {
        a.bytes().chain([b'/']).cmp(b.bytes().chain([b'/']))
    }

    /// The file named `name` (`index.html`, `index.md`) of the page in `lang`.
    pub fn file(&self, lang: &str, name: &str) -> PathBuf {
        file_of(&self.path(lang), name)
    }
}

/// The folders of a language's pages that are the site's own, not
/// statements': no statement id may begin with one of them.
pub const SITE_FOLDERS: [&str; 6] = ["page", "tags", "issuers", "years", "about", "search"];

/// The path of page `n` of a list whose first page is at `first`.
fn paged(first: String, n: usize) -> String {
    if n <= 1 { first } else { format!("{first}page/{n}/") }
}

/// The file `name` in the folder a URL path is served from.
pub fn file_of(path: &str, name: &str) -> PathBuf {
    Path::new(path.trim_start_matches('/')).join(name)
}

/// Where the site is published (`base_url`), which may be below the root of
/// its host (`https://example.gov.in/factcheck/`): every URL the site
/// writes, absolute or a link from one of its pages, is made here from a
/// page's path ([`Page::path`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl {
    /// Scheme, host, port and path prefix, without a trailing `/`.
    base: String,
    /// The path prefix, with a trailing `/`: `/factcheck/`, or `/`.
    root: String,
}

impl SiteUrl {
    /// The site at `base`, an absolute http(s) URL without query, fragment
    /// or user, whose path is `path` (`/`, `/factcheck/`).
    pub fn new(base: &str, path: &str) -> Self {
        let prefix = path.trim_end_matches('/');
        let base = base.trim_end_matches('/');
        SiteUrl { base: base.to_owned(), root: format!("{prefix}/") }
    }

    /// The absolute URL of the page at `path`: `https://example.gov.in/factcheck/hi/`.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The link to the page at `path` from any page of the site, from the
    /// host's root: `/factcheck/hi/`.
    pub fn href(&self, path: &str) -> String {
        format!("{}{}", self.root.trim_end_matches('/'), path)
    }

    /// The site's address as people write it, without `https://` and a
    /// trailing `/`: `example.gov.in/factcheck`.
    pub fn display(&self) -> &str {
        let base = self.base.trim_end_matches('/');
        base.strip_prefix("https://").or_else(|| base.strip_prefix("http://")).unwrap_or(base)
    }

    /// The site's address without a trailing `/`: `https://example.gov.in/factcheck`.
    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// Scheme, host and port, to which an [`href`](Self::href) is added
    /// for an absolute URL: `https://example.gov.in`.
    pub fn origin(&self) -> &str {
        let prefix = self.root.trim_end_matches('/');
        self.base.strip_suffix(prefix).unwrap_or(&self.base)
    }

    /// The site's root from the host's root, for links in templates:
    /// `/factcheck/` (then `{{ site.root }}style.css`), or `/`.
    pub fn root(&self) -> &str {
        &self.root
    }
}

/// A language's Atom feed, from the site's root.
pub fn feed_path(lang: &str) -> String {
    format!("/{lang}/atom.xml")
}

/// The file of a language's Atom feed.
pub fn feed_file(lang: &str) -> PathBuf {
    PathBuf::from(feed_path(lang).trim_start_matches('/'))
}

/// The page a server shows for an address with no page: a language's
/// (`/hi/404.html`), or with `None` the site's, at its root, which offers
/// every language. Servers look for it by this name (GitHub Pages, Netlify;
/// nginx and Apache with an `error_page` or `ErrorDocument` line).
pub fn not_found_path(lang: Option<&str>) -> String {
    match lang {
        Some(lang) => format!("/{lang}/404.html"),
        None => "/404.html".to_owned(),
    }
}

/// The file of a page not found (see [`not_found_path`]).
pub fn not_found_file(lang: Option<&str>) -> PathBuf {
    PathBuf::from(not_found_path(lang).trim_start_matches('/'))
}

/// A claim's picture, resized for the web, shared by every language's page
/// of the statement `id`: `/images/2021/06/cowin-data-breach.jpg`.
pub fn claim_image_path(id: &str) -> String {
    format!("/images/{id}.jpg")
}

/// The file of a claim's picture (see [`claim_image_path`]).
pub fn claim_image_file(id: &str) -> PathBuf {
    PathBuf::from(claim_image_path(id).trim_start_matches('/'))
}

/// A statement's share card in a language, beside its page:
/// `/hi/2021/06/cowin-data-breach/card.png`.
pub fn card_path(id: &str, lang: &str) -> String {
    format!("{}{CARD_FILE}", Page::Statement(id).path(lang))
}

/// The file of a share card (see [`card_path`]).
pub fn card_file(id: &str, lang: &str) -> PathBuf {
    PathBuf::from(card_path(id, lang).trim_start_matches('/'))
}

/// The name of a statement's share card file.
pub const CARD_FILE: &str = "card.png";

/// Files of the site kept together: those `names` in the folder `path`
/// (relative to the site's root, ending in `/`, or empty for the root), as
/// a statement's page in one language is: its formats, posts and share
/// card. A name may hold a `/`: the file is at `path` and `name` joined.
#[derive(Debug, Clone)]
pub struct Folder<'a> {
    /// The folder: `hi/2021/06/cowin-data-breach/`.
    pub path: String,
    /// The files' names in it, best in the order of the whole paths.
    pub names: &'a [&'a str],
}

/// A share card's width and height in pixels: what X, WhatsApp and
/// Facebook show in full.
pub const CARD_SIZE: (u32, u32) = (1200, 630);

/// The file of the sitemap; of the index of sitemaps, when the site has
/// more URLs than one sitemap may list.
pub const SITEMAP_FILE: &str = "sitemap.xml";

/// The most URLs one sitemap may list: the sitemaps protocol's limit,
/// which search engines hold to.
pub const SITEMAP_URLS: usize = 50_000;

/// The most addresses one sitemap may hold, each URL's own and those of
/// its alternates: with addresses of up to some 250 characters (some 320
/// bytes each in its element), under the protocol's 50 MB however many
/// languages the site has. With two languages the two limits meet.
pub const SITEMAP_ADDRESSES: usize = 150_000;

/// The file of the `n`th sitemap (from 1) the index of sitemaps names.
pub fn sitemap_file(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// The crawlers' instructions, at the output's root.
pub const ROBOTS_FILE: &str = "robots.txt";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_in_a_folder_keeps_the_folder_in_links_and_urls() {
        let folder = SiteUrl::new("https://example.gov.in/factcheck/", "/factcheck/");
        let path = Page::Tag("cowin", 1).path("hi");
        assert_eq!(Page::Tag("cowin", 2).path("en"), "/en/tags/cowin/page/2/");
        assert_eq!(Page::Year(2021, 1).path("hi"), "/hi/years/2021/");
        assert_eq!(folder.href(&path), "/factcheck/hi/tags/cowin/");
        assert_eq!(folder.absolute(&path), "https://example.gov.in/factcheck/hi/tags/cowin/");
        assert_eq!(folder.absolute(&Page::Root.path("en")), "https://example.gov.in/factcheck/");
        assert_eq!(folder.root(), "/factcheck/");
        let host = SiteUrl::new("https://factcheck.example.gov.in/", "/");
        assert_eq!(host.href(&path), "/hi/tags/cowin/");
        assert_eq!(host.absolute(&feed_path("en")), "https://factcheck.example.gov.in/en/atom.xml");
        assert_eq!(host.root(), "/");
    }

    #[test]
    fn statements_compare_as_their_paths_do() {
        let ids = ["x", "x-y", "x/y", "x0", "xy", "a/b/c", "a-b"];
        for (a, b) in ids.iter().flat_map(|a| ids.iter().map(move |b| (a, b))) {
            let paths = Page::Statement(a).path("hi").cmp(&Page::Statement(b).path("hi"));
            assert_eq!(Page::statement_order(a, b), paths, "{a} {b}");
        }
    }
}
