//! Which pages the site has, and rendering every one of them.
//!
//! A statement is *on the site* when it is published or withdrawn and not
//! under embargo (drafts and embargoed records too with `--drafts`), and
//! *listed* on indexes, tag pages and feeds when it is on the site and not
//! withdrawn. Every page exists in every language of the site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};

use super::Format;
use crate::Prepared;
use crate::error::{Diagnostics, Result};
use crate::load::record::{Record, Status};
use crate::load::types::Date;
use crate::load::{Lang, Statement};
use crate::localize::view::{
    Alternate, FeedEntry, FeedPage, LanguageChoice, ListPage, Pagination, RootPage, SitemapPage, SitemapUrl,
    StatementPage, Summary, TagView,
};
use crate::localize::{pick, statement_url};

use crate::write::Writer;

use rayon::prelude::*;

/// Which records a build shows, and when it is.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    /// Show drafts and embargoed records too.
    pub drafts: bool,
    /// The moment embargoes are measured against.
    pub now: Timestamp,
}

impl Selection {
    /// Whether `record`'s `publish_at` is still to come.
    pub fn embargoed(&self, record: &Record) -> bool {
        record.publish_at.is_some_and(|at| at.0 > self.now)
    }

    /// Whether `record` has a page.
    pub fn on_site(&self, record: &Record) -> bool {
        self.drafts || (record.status != Status::Draft && !self.embargoed(record))
    }

    /// Whether `record` appears in indexes, tag pages and feeds.
    pub fn listed(&self, record: &Record) -> bool {
        self.on_site(record) && record.status != Status::Withdrawn
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

/// Renders every page of the site into `writer`, statements in parallel.
/// Errors of all pages are collected, so one build reports them all.
pub fn render_site(prepared: &Prepared, selection: &Selection, writer: &Writer) -> Result<()> {
    let site = &prepared.site;
    let mut problems = Diagnostics::default();
    for (path, bytes) in super::assets(&site.root)? {
        writer.add(path, bytes)?;
    }
    let on_site: Vec<&Statement> = site.statements.iter().filter(|s| selection.on_site(s.record())).collect();
    let mut listed: Vec<&Statement> = on_site.iter().copied().filter(|s| selection.listed(s.record())).collect();
    listed.sort_by(|a, b| b.record().date.cmp(&a.record().date).then_with(|| a.id.cmp(&b.id)));
    let related = related_both_ways(&on_site);
    let renderer = SiteRenderer { prepared, selection, on_site: &on_site, listed: &listed };
    let languages = &site.config().languages;

    let jobs: Vec<(usize, &Statement)> =
        (0..languages.len()).flat_map(|lang| on_site.iter().map(move |s| (lang, *s))).collect();
    let rendered: Vec<Result<Option<(usize, FeedEntry)>>> = jobs
        .par_iter()
        .map(|&(lang, statement)| {
            let links = related.get(statement.id.as_str()).map(Vec::as_slice).unwrap_or_default();
            let page = renderer.statement(statement, &languages[lang], links, writer)?;
            Ok(selection.listed(statement.record()).then(|| (lang, renderer.feed_entry(&page, statement.record()))))
        })
        .collect();
    let mut entries: Vec<Vec<FeedEntry>> = vec![Vec::new(); languages.len()];
    for result in rendered {
        if let Some(Some((lang, entry))) = problems.take(result)? {
            entries[lang].push(entry);
        }
    }
    let mut pages = vec![Page::Root];
    for (lang, entries) in languages.iter().zip(entries) {
        problems.take(renderer.lists(lang, writer, &mut pages))?;
        problems.take(renderer.feed(lang, entries, writer))?;
    }
    pages.extend(on_site.iter().map(|s| Page::Statement(s.id.as_str())));
    problems.take(renderer.root(writer))?;
    problems.take(renderer.sitemap(&pages, writer))?;
    problems.finish()
}

/// For each statement, the statements on the site it relates to: those it
/// names in `related` and those that name it, sorted by id.
pub fn related_both_ways<'a>(on_site: &[&'a Statement]) -> BTreeMap<&'a str, Vec<&'a Statement>> {
    let by_id: BTreeMap<&str, &Statement> = on_site.iter().map(|s| (s.id.as_str(), *s)).collect();
    let mut links: BTreeMap<&str, Vec<&Statement>> = BTreeMap::new();
    for statement in on_site {
        for other in statement.record().related.iter().filter_map(|id| by_id.get(id.as_str())) {
            links.entry(statement.id.as_str()).or_default().push(other);
            links.entry(other.id.as_str()).or_default().push(statement);
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
    statements: &'p [&'a Statement],
    total: usize,
}

struct SiteRenderer<'a> {
    prepared: &'a Prepared,
    selection: &'a Selection,
    on_site: &'a [&'a Statement],
    listed: &'a [&'a Statement],
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

    /// Writes a statement's HTML and Markdown; returns its page for the feed.
    fn statement(
        &self,
        statement: &'a Statement,
        lang: &'a Lang,
        related: &[&'a Statement],
        writer: &Writer,
    ) -> Result<StatementPage<'a>> {
        let prepared = self.prepared;
        let mut page = prepared.localizer.statement_page(&prepared.site, statement, lang, related)?;
        if self.selection.embargoed(statement.record())
            && let Some(at) = statement.record().publish_at
        {
            let zoned = at.0.to_zoned(ist());
            let date = prepared.localizer.date(lang, Date(zoned.date()))?.long;
            let time = zoned.strftime("%H:%M").to_string();
            page.statement.embargo = Some(self.message(lang, "embargo-notice", &[("date", date), ("time", time)])?);
        }
        let path = Page::Statement(statement.id.as_str()).path(lang);
        for format in [Format::Html, Format::Md] {
            let rendered = prepared.renderer.statement(&page, format)?;
            writer.add(file_of(&path, &format!("index.{}", format.extension())), rendered)?;
        }
        Ok(page)
    }

    fn summaries(&self, lang: &'a Lang, statements: &[&'a Statement]) -> Result<Vec<Summary<'a>>> {
        let prepared = self.prepared;
        statements.iter().map(|s| prepared.localizer.summary(&prepared.site, s, lang)).collect()
    }

    /// The paginated index of `lang` and its tag pages.
    fn lists(&self, lang: &'a Lang, writer: &Writer, pages: &mut Vec<Page<'a>>) -> Result<()> {
        let prepared = self.prepared;
        let site = &prepared.site;
        let per_page = site.config().per_page.max(1);
        let chunks: Vec<&[&Statement]> =
            if self.listed.is_empty() { vec![&[]] } else { self.listed.chunks(per_page).collect() };
        let heading = prepared.localizer.message(lang, "index-heading", None)?;
        for (i, chunk) in chunks.iter().enumerate() {
            let (current, total) = (i + 1, chunks.len());
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
            let description = self.message(lang, "index-description", &[])?;
            let list = List { page: &page, title, description, tag: None, statements: chunk, total: self.listed.len() };
            self.write_list(lang, list, Some(pagination), writer)?;
            if lang == &site.config().languages[0] {
                pages.push(page);
            }
        }
        // A tag has a page when a statement on the site links to it, even if
        // that statement is withdrawn and so not listed there.
        for (key, label) in &site.config().tags.0 {
            if !self.on_site.iter().any(|s| s.record().tags.contains(key)) {
                continue;
            }
            let tagged: Vec<&Statement> =
                self.listed.iter().copied().filter(|s| s.record().tags.contains(key)).collect();

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
            self.write_list(lang, list, None, writer)?;
            if lang == &site.config().languages[0] {
                pages.push(page);
            }
        }
        Ok(())
    }

    /// Renders one list page (a page of the index, or a tag) and writes it.
    fn write_list(
        &self,
        lang: &'a Lang,
        list: List<'a, '_>,
        pagination: Option<Pagination>,
        writer: &Writer,
    ) -> Result<()> {
        let prepared = self.prepared;
        let site = &prepared.site;
        let page = list.page;
        let view = ListPage {
            lang: lang.as_str(),
            site: prepared.localizer.site_view(site, lang),
            meta: prepared.localizer.meta(site, lang, list.title, list.description, |l| page.path(l), "website"),
            translations: prepared.localizer.translations(site, lang, |l| page.path(l))?,
            tag: list.tag,
            statements: self.summaries(lang, list.statements)?,
            total: list.total,
            pagination,
        };
        writer.add(file_of(&page.path(lang), "index.html"), prepared.renderer.render("list.html", &view)?)
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

    fn feed(&self, lang: &'a Lang, mut entries: Vec<FeedEntry>, writer: &Writer) -> Result<()> {
        entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.url.cmp(&b.url)));
        let site = &self.prepared.site;
        let feed = FeedPage {
            lang: lang.as_str(),
            site: self.prepared.localizer.site_view(site, lang),
            url: format!("{}/{lang}/atom.xml", self.base_url()),
            home: format!("{}/{lang}/", self.base_url()),
            updated: entries.iter().map(|e| e.updated.clone()).max().unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
            entries,
        };
        writer.add(Path::new(lang.as_str()).join("atom.xml"), self.prepared.renderer.render("atom.xml", &feed)?)?;
        Ok(())
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
        writer.add("index.html", prepared.renderer.render("root.html", &root)?)?;
        Ok(())
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
        writer.add("sitemap.xml", self.prepared.renderer.render("sitemap.xml", &SitemapPage { urls })?)?;
        Ok(())
    }
}

fn rfc3339(at: Timestamp) -> String {
    at.to_zoned(ist()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn start_of_day(date: Date) -> String {
    format!("{}T00:00:00+05:30", date.0)
}
