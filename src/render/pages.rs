//! Which pages the site has, and rendering every one of them.
//!
//! A statement is *on the site* when it is published or withdrawn and not
//! under embargo (drafts and embargoed records too with `--drafts`), and
//! *listed* on indexes, tag pages and feeds when it is on the site and not
//! withdrawn. Every page exists in every language of the site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};

use super::Format;
use crate::Prepared;
use crate::error::{Diagnostics, Error, Result};
use crate::load::record::{Record, Status};
use crate::load::types::{Date, Instant, Key, Localized};
use crate::load::{Id, Lang, Statement};
use crate::localize::view::{
    Alternate, FeedEntry, FeedPage, LanguageChoice, LinkView, ListPage, Pagination, RootPage, SitemapPage, SitemapUrl,
    StatementPage, Summary, TagView,
};
use crate::localize::{pick, statement_url};

use crate::write::Writer;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Which records a build shows, and when it is.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    /// Show drafts and embargoed records too.
    pub drafts: bool,
    /// The moment embargoes are measured against.
    pub now: Timestamp,
}

impl Selection {
    /// Whether `listing`'s `publish_at` is still to come.
    pub fn embargoed(&self, listing: &Listing) -> bool {
        listing.publish_at.is_some_and(|at| at.0 > self.now)
    }

    /// Whether `listing` has a page.
    pub fn on_site(&self, listing: &Listing) -> bool {
        self.drafts || (listing.status != Status::Draft && !self.embargoed(listing))
    }

    /// Whether `listing` appears in indexes, tag pages and feeds.
    pub fn listed(&self, listing: &Listing) -> bool {
        self.on_site(listing) && listing.status != Status::Withdrawn
    }
}

/// What the rest of the site needs of a statement: whether and where it is
/// listed, how, and what it relates to. The build cache keeps it, so a
/// rebuild need not parse a record that did not change.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Listing {
    /// The statement's id.
    pub id: String,
    /// Date of issue.
    pub date: Date,
    /// Draft, published or withdrawn.
    pub status: Status,
    /// The end of its embargo.
    pub publish_at: Option<Instant>,
    /// Its tags.
    pub tags: Vec<Key>,
    /// The ids it names as related.
    pub related: Vec<Id>,
    /// How it is listed, in each language of the site in order.
    pub summaries: Vec<Summary>,
    /// Its feed entry in each language, once its pages are rendered.
    pub feed: Vec<FeedEntry>,
    /// A hash of `summaries`: a list page with the same statements, whose
    /// digests are the same, is the same page.
    pub digest: u64,
}

impl Listing {
    /// The listing of `statement`, with its summary in every language.
    pub fn of(prepared: &Prepared, statement: &Statement) -> Result<Self> {
        let record = statement.record();
        let site = &prepared.site;
        let summaries = site
            .config()
            .languages
            .iter()
            .map(|lang| prepared.localizer.summary(site, statement, lang))
            .collect::<Result<Vec<Summary>>>()?;
        let digest = postcard::to_stdvec(&summaries).map(|bytes| crate::write::hash_bytes(&bytes)).unwrap_or_default();
        Ok(Listing {
            id: statement.id.to_string(),
            date: record.date,
            status: record.status,
            publish_at: record.publish_at,
            tags: record.tags.clone(),
            related: record.related.clone(),
            summaries,
            feed: Vec::new(),
            digest,
        })
    }

    /// The files of its pages, in every language and format.
    pub fn files<'a>(&'a self, languages: &'a [Lang]) -> impl Iterator<Item = PathBuf> + 'a {
        languages.iter().flat_map(move |lang| {
            let path = Page::Statement(&self.id).path(lang);
            [Format::Html, Format::Md].map(|format| file_of(&path, &format!("index.{}", format.extension())))
        })
    }
}

/// The hashes of the views the site's shared pages (indexes, tag pages,
/// feeds, root, sitemap) were rendered from, by file. A page whose view
/// hashes the same as in the last build is kept, not rendered: the
/// templates and messages are the same, or the build cache would not be used.
#[derive(Debug, Default)]
pub struct Memo {
    previous: BTreeMap<String, u64>,
    next: Mutex<BTreeMap<String, u64>>,
}

impl Memo {
    /// A memo of the last build's views.
    pub fn new(previous: BTreeMap<String, u64>) -> Self {
        Memo { previous, next: Mutex::default() }
    }

    /// The views of this build.
    pub fn into_views(self) -> BTreeMap<String, u64> {
        self.next.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Indian Standard Time, in which statements are dated.
fn ist() -> TimeZone {
    TimeZone::fixed(Offset::from_seconds(5 * 3600 + 30 * 60).unwrap_or(Offset::UTC))
}

/// The pages the site has, in every language.
enum Page<'a> {
    Root,
    Index(usize),
    Tag(&'a str),
    Statement(&'a str),
}

impl Page<'_> {
    fn path(&self, lang: &Lang) -> String {
        match self {
            Page::Root => "/".to_owned(),
            Page::Index(1) => format!("/{lang}/"),
            Page::Index(n) => format!("/{lang}/page/{n}/"),
            Page::Tag(key) => format!("/{lang}/tags/{key}/"),
            Page::Statement(id) => statement_url(lang, id),
        }
    }
}

/// The file a URL path is served from.
fn file_of(path: &str, name: &str) -> PathBuf {
    Path::new(path.trim_start_matches('/')).join(name)
}

/// Renders the site into `writer`: the pages of `statements` (all of them,
/// or those a rebuild must redo), and the indexes, tag pages, feeds and
/// sitemap from `listings`, which has every statement, sorted by id. The
/// pages of the other statements are kept as the last build wrote them.
/// Each record is dropped once its pages are written, so a build does not
/// hold them all while it renders the lists. Errors of all pages are
/// collected, so one build reports them all.
pub fn render_site(
    prepared: &Prepared,
    statements: Vec<Statement>,
    selection: &Selection,
    listings: &mut [Listing],
    memo: &Memo,
    writer: &Writer,
) -> Result<()> {
    let site = &prepared.site;
    let languages = &site.config().languages;
    let mut problems = Diagnostics::default();
    for (path, bytes) in super::assets(&site.root)? {
        writer.add(path, bytes)?;
    }
    let index = |id: &str| listings.binary_search_by(|l| l.id.as_str().cmp(id)).ok();
    let mut fresh = vec![false; listings.len()];
    for i in statements.iter().filter_map(|s| index(s.id.as_str())) {
        fresh[i] = true;
    }
    let rendered: Vec<Result<(usize, usize, FeedEntry)>> = {
        let on_site: Vec<&Listing> = listings.iter().filter(|l| selection.on_site(l)).collect();
        let related = related_both_ways(&on_site);
        let renderer = SiteRenderer { prepared, selection, memo, on_site: &on_site, listed: &[] };
        let kept: Vec<PathBuf> = (0..listings.len())
            .filter(|i| !fresh[*i] && selection.on_site(&listings[*i]))
            .flat_map(|i| listings[i].files(languages))
            .collect();
        kept.par_chunks(1000).try_for_each(|files| writer.keep_all(files))?;
        statements
            .into_par_iter()
            .filter_map(|statement| index(statement.id.as_str()).map(|i| (statement, i)))
            .filter(|(_, i)| selection.on_site(&listings[*i]))
            .flat_map_iter(|(statement, i)| {
                let links = related.get(statement.id.as_str()).map(Vec::as_slice).unwrap_or_default();
                let pages: Vec<Result<(usize, usize, FeedEntry)>> = (0..languages.len())
                    .map(|lang| {
                        let links = links.iter().filter_map(|other| link(other, lang)).collect();
                        let page = renderer.statement(&statement, &listings[i], lang, links, writer)?;
                        Ok((i, lang, renderer.feed_entry(&page, statement.record())))
                    })
                    .collect();
                pages
            })
            .collect()
    };
    for result in rendered {
        if let Some((i, lang, entry)) = problems.take(result)? {
            let feed = &mut listings[i].feed;
            feed.resize_with(languages.len(), FeedEntry::default);
            feed[lang] = entry;
        }
    }
    let on_site: Vec<&Listing> = listings.iter().filter(|l| selection.on_site(l)).collect();
    let mut listed: Vec<&Listing> = on_site.iter().copied().filter(|l| selection.listed(l)).collect();
    listed.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let renderer = SiteRenderer { prepared, selection, memo, on_site: &on_site, listed: &listed };
    let mut pages = vec![Page::Root];
    for (i, lang) in languages.iter().enumerate() {
        problems.take(renderer.lists(i, lang, writer, &mut pages))?;
        problems.take(renderer.feed(lang, listed.iter().filter_map(|l| l.feed.get(i)).collect(), writer))?;
    }
    pages.extend(on_site.iter().map(|l| Page::Statement(l.id.as_str())));
    problems.take(renderer.root(writer))?;
    problems.take(renderer.sitemap(&pages, writer))?;
    problems.finish()
}

/// A link to `other` in the language at `lang`.
pub fn link(other: &Listing, lang: usize) -> Option<LinkView> {
    let summary = other.summaries.get(lang)?;
    Some(LinkView { headline: summary.headline.clone(), url: summary.url.clone() })
}

/// For each statement, the statements on the site it relates to: those it
/// names in `related` and those that name it, sorted by id.
pub fn related_both_ways<'a>(on_site: &[&'a Listing]) -> BTreeMap<&'a str, Vec<&'a Listing>> {
    let by_id: BTreeMap<&str, &Listing> = on_site.iter().map(|l| (l.id.as_str(), *l)).collect();
    let mut links: BTreeMap<&str, Vec<&Listing>> = BTreeMap::new();
    for listing in on_site {
        for other in listing.related.iter().filter_map(|id| by_id.get(id.as_str())) {
            links.entry(listing.id.as_str()).or_default().push(other);
            links.entry(other.id.as_str()).or_default().push(listing);
        }
    }
    for list in links.values_mut() {
        list.sort_by(|a, b| a.id.cmp(&b.id));
        list.dedup_by(|a, b| a.id == b.id);
    }
    links
}

/// A list page before it is rendered.
struct List<'a, 'p> {
    page: &'p Page<'a>,
    title: String,
    description: String,
    tag: Option<TagView<'a>>,
    statements: &'p [&'a Listing],
    total: usize,
}

struct SiteRenderer<'a> {
    prepared: &'a Prepared,
    selection: &'a Selection,
    memo: &'a Memo,
    on_site: &'a [&'a Listing],
    listed: &'a [&'a Listing],
}

impl<'a> SiteRenderer<'a> {
    fn base_url(&self) -> &'a str {
        self.prepared.site.config().base_url.as_str().trim_end_matches('/')
    }

    fn message(&self, lang: &Lang, id: &str, args: &[(&str, String)]) -> Result<String> {
        let mut fluent_args = fluent_bundle::FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.prepared.localizer.message(lang, id, Some(&fluent_args))
    }

    /// Writes a statement's HTML and Markdown in the language at `index`;
    /// returns its page for the feed.
    fn statement<'s>(
        &self,
        statement: &'s Statement,
        listing: &Listing,
        index: usize,
        related: Vec<LinkView>,
        writer: &Writer,
    ) -> Result<StatementPage<'s>>
    where
        'a: 's,
    {
        let prepared = self.prepared;
        let (Some(lang), Some(summary)) = (prepared.site.config().languages.get(index), listing.summaries.get(index))
        else {
            return Err(Error::Usage("the build cache does not fit the site's languages: build with --full".into()));
        };
        let summary = summary.clone();
        let mut page = prepared.localizer.statement_page(&prepared.site, statement, lang, summary, related)?;
        if self.selection.embargoed(listing)
            && let Some(at) = statement.record().publish_at
        {
            let zoned = at.0.to_zoned(ist());
            let date = prepared.localizer.date(lang, Date(zoned.date()))?.long;
            let time = zoned.strftime("%H:%M").to_string();
            page.statement.embargo = Some(self.message(lang, "embargo-notice", &[("date", date), ("time", time)])?);
        }
        let path = Page::Statement(statement.id.as_str()).path(lang);
        let formats = [Format::Html, Format::Md];
        let kind = page.statement.kind.as_str();
        let names = formats.map(|format| format!("{kind}.{}", format.extension()));
        let rendered = prepared.renderer.render_each([names[0].as_str(), names[1].as_str()], &page)?;
        for (format, rendered) in formats.into_iter().zip(rendered) {
            writer.add(file_of(&path, &format!("index.{}", format.extension())), rendered)?;
        }
        Ok(page)
    }

    /// The paginated index of the language at `index` and its tag pages.
    fn lists(&self, index: usize, lang: &'a Lang, writer: &Writer, pages: &mut Vec<Page<'a>>) -> Result<()> {
        let prepared = self.prepared;
        let site = &prepared.site;
        let per_page = site.config().per_page.max(1);
        let chunks: Vec<&[&Listing]> =
            if self.listed.is_empty() { vec![&[]] } else { self.listed.chunks(per_page).collect() };
        let heading = prepared.localizer.message(lang, "index-heading", None)?;
        let description = self.message(lang, "index-description", &[])?;
        let total = chunks.len();
        chunks.par_iter().enumerate().try_for_each(|(i, chunk)| {
            let current = i + 1;
            let page = Page::Index(current);
            let title = if current == 1 {
                format!("{heading} | {}", pick(&site.config().title, lang))
            } else {
                let numbers = [("page", current.to_string()), ("total", total.to_string())];
                format!(
                    "{heading}, {} | {}",
                    self.message(lang, "page-title", &numbers)?,
                    pick(&site.config().title, lang)
                )
            };
            let pagination = Pagination {
                current,
                total,
                newer: (current > 1).then(|| Page::Index(current - 1).path(lang)),
                older: (current < total).then(|| Page::Index(current + 1).path(lang)),
            };
            let description = description.clone();
            let list = List { page: &page, title, description, tag: None, statements: chunk, total: self.listed.len() };
            self.write_list(index, lang, list, Some(pagination), writer)
        })?;
        // A tag has a page when a statement on the site links to it, even if
        // that statement is withdrawn and so not listed there.
        let tags: Vec<(&Key, &Localized)> =
            site.config().tags.0.iter().filter(|(key, _)| self.on_site.iter().any(|l| l.tags.contains(key))).collect();
        tags.par_iter().try_for_each(|(key, label)| {
            let tagged: Vec<&Listing> = self.listed.iter().copied().filter(|l| l.tags.contains(key)).collect();
            let page = Page::Tag(key.as_str());
            let label = pick(label, lang);
            let title = format!(
                "{} | {}",
                self.message(lang, "tag-title", &[("tag", label.to_owned())])?,
                pick(&site.config().title, lang)
            );
            let description = self.message(lang, "tag-description", &[("tag", label.to_owned())])?;
            let tag = Some(TagView { key: key.as_str(), label, url: page.path(lang) });
            let list = List { page: &page, title, description, tag, statements: &tagged, total: tagged.len() };
            self.write_list(index, lang, list, None, writer)
        })?;
        if lang == &site.config().languages[0] {
            pages.extend((1..=total).map(Page::Index));
            pages.extend(tags.iter().map(|(key, _)| Page::Tag(key.as_str())));
        }
        Ok(())
    }

    /// Renders one list page (a page of the index, or a tag) and writes it.
    fn write_list(
        &self,
        index: usize,
        lang: &'a Lang,
        list: List<'a, '_>,
        pagination: Option<Pagination>,
        writer: &Writer,
    ) -> Result<()> {
        let prepared = self.prepared;
        let site = &prepared.site;
        let page = list.page;
        // What the page is made of, without building its view: the view's
        // own words, and each listed statement's summaries by their digest.
        let mut inputs =
            postcard::to_stdvec(&(index, &list.title, &list.description, &list.tag, &pagination, list.total))
                .unwrap_or_default();
        inputs.extend(list.statements.iter().flat_map(|l| l.digest.to_le_bytes()));
        let file = file_of(&page.path(lang), "index.html");
        self.write_memo(file, crate::write::hash_bytes(&inputs), writer, || {
            let view = ListPage {
                lang: lang.as_str(),
                site: prepared.localizer.site_view(site, lang),
                meta: prepared.localizer.meta(site, lang, list.title, list.description, |l| page.path(l), "website"),
                translations: prepared.localizer.translations(site, lang, |l| page.path(l))?,
                tag: list.tag,
                statements: list.statements.iter().filter_map(|l| l.summaries.get(index)).cloned().collect(),
                total: list.total,
                pagination,
            };
            let [rendered] = prepared.renderer.render_each(["list.html"], &view)?;
            Ok(rendered)
        })
    }

    /// Renders `view` with `template` into `file`, unless the last build
    /// rendered the same view there.
    fn write_view<V: Serialize>(&self, file: PathBuf, template: &str, view: &V, writer: &Writer) -> Result<()> {
        let key = postcard::to_stdvec(view).map(|bytes| crate::write::hash_bytes(&bytes)).ok();
        let render = || {
            let [rendered] = self.prepared.renderer.render_each([template], view)?;
            Ok(rendered)
        };
        match key {
            Some(key) => self.write_memo(file, key, writer, render),
            None => writer.add(file, render()?),
        }
    }

    /// Writes `file` with what `render` gives, unless the last build wrote
    /// it from inputs with the same `key`: then the file is kept.
    fn write_memo(
        &self,
        file: PathBuf,
        key: u64,
        writer: &Writer,
        render: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<()> {
        let name = file.to_string_lossy().into_owned();
        let same = self.memo.previous.get(&name) == Some(&key);
        self.memo.next.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(name, key);
        if same && writer.can_keep(&file) {
            return writer.keep(&file);
        }
        writer.add(file, render()?)
    }

    fn feed_entry(&self, page: &StatementPage, record: &Record) -> FeedEntry {
        let published = match record.publish_at {
            Some(at) => rfc3339(at.0),
            None => start_of_day(record.date),
        };
        let updated = record.updates.iter().map(|u| u.date).max().filter(|d| *d > record.date).map(start_of_day);
        let mut summary = page.meta.description.clone();
        for update in &page.statement.updates {
            summary.push_str(&format!("\n\n{}: {}", update.date.long, update.note.plain));
        }
        FeedEntry {
            title: page.statement.headline.plain.clone(),
            url: page.meta.canonical.clone(),
            updated: updated.unwrap_or_else(|| published.clone()),
            published,
            author: page.statement.issuer.name.to_owned(),
            summary,
        }
    }

    /// The feed of `lang`: the `feed_size` entries most recently issued or corrected.
    fn feed(&self, lang: &'a Lang, mut entries: Vec<&FeedEntry>, writer: &Writer) -> Result<()> {
        entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.url.cmp(&b.url)));
        let site = &self.prepared.site;
        let entries: Vec<FeedEntry> = entries.into_iter().take(site.config().feed_size.max(1)).cloned().collect();
        let feed = FeedPage {
            lang: lang.as_str(),
            site: self.prepared.localizer.site_view(site, lang),
            url: format!("{}/{lang}/atom.xml", self.base_url()),
            home: format!("{}/{lang}/", self.base_url()),
            updated: entries.iter().map(|e| e.updated.clone()).max().unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
            entries,
        };
        self.write_view(Path::new(lang.as_str()).join("atom.xml"), "atom.xml", &feed, writer)
    }

    fn root(&self, writer: &Writer) -> Result<()> {
        let prepared = self.prepared;
        let site = &prepared.site;
        let config = site.config();
        let Some(default) = config.languages.first() else { return Ok(()) };
        let mut choices = Vec::new();
        for lang in &config.languages {
            choices.push(LanguageChoice {
                lang: lang.as_str(),
                url: Page::Index(1).path(lang),
                name: prepared.localizer.message(lang, "language-name", None)?,
                title: pick(&config.title, lang),
            });
        }
        let title = choices.iter().map(|c| c.title).collect::<Vec<_>>().join(" | ");
        let mut meta = prepared.localizer.meta(
            site,
            default,
            title,
            self.message(default, "index-description", &[])?,
            |l| Page::Index(1).path(l),
            "website",
        );
        meta.canonical = format!("{}/", self.base_url());
        if let Some(x_default) = meta.alternates.iter_mut().find(|a| a.hreflang == "x-default") {
            x_default.href = meta.canonical.clone();
        }
        let root =
            RootPage { lang: default.as_str(), site: prepared.localizer.site_view(site, default), meta, choices };
        self.write_view("index.html".into(), "root.html", &root, writer)
    }

    fn sitemap(&self, pages: &[Page], writer: &Writer) -> Result<()> {
        let languages = &self.prepared.site.config().languages;
        let base = self.base_url();
        let mut urls = Vec::new();
        for page in pages {
            let alternates: Vec<Alternate> = languages
                .iter()
                .map(|l| Alternate { hreflang: l.to_string(), href: format!("{base}{}", page.path(l)) })
                .collect();
            match page {
                Page::Root => urls.push(SitemapUrl { loc: format!("{base}/"), alternates: Vec::new() }),
                _ => urls.extend(
                    alternates.iter().map(|a| SitemapUrl { loc: a.href.clone(), alternates: alternates.clone() }),
                ),
            }
        }
        self.write_view("sitemap.xml".into(), "sitemap.xml", &SitemapPage { urls }, writer)
    }
}

fn rfc3339(at: Timestamp) -> String {
    at.to_zoned(ist()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn start_of_day(date: Date) -> String {
    format!("{}T00:00:00+05:30", date.0)
}
