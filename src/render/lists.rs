//! The pages made of many statements: each language's paginated index, the
//! tag pages, the feeds, the root page and the sitemap.

use std::collections::HashMap;
use std::hash::Hash;
use std::path::PathBuf;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use super::listing::{Listing, Memo, cache_does_not_fit};
use super::pages::Sink;
use super::search::{self, IndexFile, Words};
use super::{Prepared, Template};
use crate::diag::{Diagnostics, Result};
use crate::load::Lang;
use crate::load::config::Issuer;
use crate::load::record::Kind;
use crate::load::types::{Key, Localized};
use crate::localize::view::{
    AboutPage, Alternate, Crumb, FeedEntry, FeedPage, LanguageChoice, ListPage, Listed, NotFoundPage, Pagination,
    RootPage, SearchPage, SiteView, SitemapIndex, SitemapPage, SitemapUrl, Summary, TagEntry, TagView, TagsPage,
};
use crate::localize::{Msg, pick};
use crate::site::routes::{
    Folder, Page, ROBOTS_FILE, SITEMAP_ADDRESSES, SITEMAP_FILE, SITEMAP_URLS, SiteUrl, feed_file, file_of,
    not_found_file, not_found_path, sitemap_file,
};
use crate::site::{Mark, Selection};

/// How many of each language's latest statements the root page lists.
const ROOT_LATEST: usize = 5;

/// A list of statements before it is cut into pages.
struct Paged {
    heading: String,
    description: String,
    breadcrumbs: Vec<Crumb>,
    years: Vec<Crumb>,
}

/// A list page before it is rendered.
struct List<'a, 'p> {
    page: &'p Page<'a>,
    title: String,
    heading: String,
    description: String,
    breadcrumbs: Vec<Crumb>,
    years: Vec<Crumb>,
    statements: &'p [&'a Listing],
    /// How each of `statements` is marked.
    marks: &'p [Option<Mark>],
    first: usize,
    total: usize,
}

/// Renders the pages made of many statements.
pub struct SiteRenderer<'a> {
    prepared: &'a Prepared,
    memo: &'a Memo,
    selection: Selection,
    on_site: Vec<&'a Listing>,
    listed: Vec<&'a Listing>,
    /// The statements the feeds show ([`in_feed`]).
    newest: Vec<&'a Listing>,
    groups: Groups<'a>,
}

/// The listed statements of each tag, issuer and year, newest first:
/// gathered in one walk of them all, not one for each tag (a ministry's
/// site may have dozens) in each language.
#[derive(Default)]
struct Groups<'a> {
    tags: FxHashMap<&'a Key, Vec<&'a Listing>>,
    issuers: FxHashMap<&'a Key, Vec<&'a Listing>>,
    /// Newest first.
    years: Vec<(i16, Vec<&'a Listing>)>,
}

impl<'a> Groups<'a> {
    fn of(listed: &[&'a Listing]) -> Self {
        let mut groups = Groups::default();
        for &listing in listed {
            // A tag named twice lists its statement once.
            for (i, tag) in listing.tags.iter().enumerate() {
                if !listing.tags[..i].contains(tag) {
                    groups.tags.entry(tag).or_default().push(listing);
                }
            }
            groups.issuers.entry(&listing.issuer).or_default().push(listing);
            let year = listing.date.0.year();
            match groups.years.last_mut() {
                Some((last, of_year)) if *last == year => of_year.push(listing),
                _ => groups.years.push((year, vec![listing])),
            }
        }
        groups
    }

    fn tagged(&self, tag: &Key) -> &[&'a Listing] {
        self.tags.get(tag).map_or(&[], Vec::as_slice)
    }

    fn issued(&self, issuer: &Key) -> &[&'a Listing] {
        self.issuers.get(issuer).map_or(&[], Vec::as_slice)
    }
}

/// The statements of `listings` that each language's feed shows at the
/// moment of `selection`: of those published (drafts or not, no feed
/// lists a preview: [`Selection::in_feeds`]), the `size` most recently
/// issued or corrected, newest first (the last changed, then by address).
/// The same with drafts shown or not, so that `check`'s view with drafts
/// finds the entries its published view kept.
pub fn in_feed<'l>(listings: &'l [Listing], selection: &Selection, size: usize) -> Vec<&'l Listing> {
    let mut newest: Vec<&Listing> = listings.iter().filter(|l| selection.in_feeds(*l)).collect();
    newest.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| Page::statement_order(&a.id, &b.id)));
    newest.truncate(size.max(1));
    newest
}

impl<'a> SiteRenderer<'a> {
    /// The renderer of the lists of `listings` (every statement, with its
    /// feed entries) under `selection`.
    pub fn new(prepared: &'a Prepared, selection: &Selection, memo: &'a Memo, listings: &'a [Listing]) -> Self {
        let on_site: Vec<&Listing> = listings.iter().filter(|l| selection.on_site(*l)).collect();
        // Every statement on the site is listed, a withdrawn one marked so.
        let mut listed = on_site.clone();
        // Newest first, then by id: the listings come sorted by id, and the
        // sort is stable (no ids compared, of the dozens a day has).
        debug_assert!(listings.is_sorted_by(|a, b| a.id <= b.id));
        listed.par_sort_by(|a, b| b.date.cmp(&a.date));
        let newest = in_feed(listings, selection, prepared.site.config().feed_size);
        let groups = Groups::of(&listed);
        SiteRenderer { prepared, memo, selection: *selection, on_site, listed, newest, groups }
    }

    /// Renders every list, feed, the root and the sitemap into `sink`.
    pub fn render(&self, sink: &impl Sink) -> Result<()> {
        let mut problems = Diagnostics::default();
        let mut pages = vec![Page::Root];
        for (i, lang) in self.prepared.site.config().languages.iter().enumerate() {
            problems.take(self.lists(i, lang, sink, &mut pages))?;
            problems.take(self.feed(i, lang, sink))?;
            problems.take(self.not_found(lang, sink))?;
            problems.take(self.about_pages(lang, sink))?;
        }
        // A language's words are gathered into its index on one thread
        // (its files are then written in parallel): the languages' side by side.
        let languages = self.prepared.site.config().languages.par_iter().enumerate();
        let searched: Vec<Result<()>> = languages.map(|(i, lang)| self.search(i, lang, sink)).collect();
        for result in searched {
            problems.take(result)?;
        }
        pages.extend(self.prepared.site.pages.iter().map(|page| Page::About(&page.slug)));
        problems.take(self.root(true, sink))?;
        // No draft nor embargoed statement in the sitemap, even in a preview.
        // A statement's last change (a correction, a withdrawal) is its feed
        // entry's update.
        let in_sitemap: Vec<&Listing> =
            self.on_site.iter().copied().filter(|l| self.selection.unpublished(*l).is_none()).collect();
        pages.extend(in_sitemap.iter().map(|l| Page::Statement(l.id.as_str())));
        let changed: FxHashMap<&str, &str> = in_sitemap.iter().map(|l| (l.id.as_str(), l.updated.as_str())).collect();
        problems.take(self.root(false, sink))?;
        problems.take(self.sitemap(&pages, &changed, sink))?;
        problems.take(self.robots(sink))?;
        problems.finish()
    }

    /// `robots.txt`: the sitemap for crawlers, or in a preview, nothing to
    /// crawl. Crawlers read it only at the host's root, where a site at a
    /// folder of its host (`base_url` with a path) must copy its line.
    fn robots(&self, sink: &impl Sink) -> Result<()> {
        let text = if self.selection.drafts {
            "User-agent: *\nDisallow: /\n".to_owned()
        } else {
            format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", self.urls().absolute(&format!("/{SITEMAP_FILE}")))
        };
        sink.add(ROBOTS_FILE.into(), text.into_bytes())
    }

    /// The site as pages in `lang` see it, a preview's marked as such.
    fn site_view(&self, lang: &'a Lang) -> SiteView<'a> {
        SiteView { preview: self.selection.drafts, ..self.prepared.localizer.site_view(&self.prepared.site, lang) }
    }

    fn urls(&self) -> &'a SiteUrl {
        self.prepared.site.config().base_url.url()
    }

    fn message(&self, lang: &Lang, message: Msg, args: &[(&str, String)]) -> Result<String> {
        let mut fluent_args = fluent::FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.prepared.localizer.message(lang, message, Some(&fluent_args))
    }

    fn lists(&self, index: usize, lang: &'a Lang, sink: &impl Sink, pages: &mut Vec<Page<'a>>) -> Result<()> {
        let prepared = self.prepared;
        let config = prepared.site.config();
        let code = lang.as_str();
        let home = prepared.localizer.home(&prepared.site, lang)?;
        let heading = home.label.clone();
        // The years with statements, newest first.
        let years = &self.groups.years;
        let year_links = years
            .iter()
            .map(|(year, _)| Crumb {
                label: prepared.localizer.year(lang, *year),
                url: self.urls().href(&Page::Year(*year, 1).path(code)),
            })
            .collect();
        let description = self.message(lang, Msg::IndexDescription, &[])?;
        let index_list = Paged { heading, description, breadcrumbs: Vec::new(), years: year_links };
        let mut made = self.paged(index, lang, &self.listed, Page::Index, index_list, sink)?;

        // A tag, an issuer, a year has its list when a statement on the site has it.
        let tags: Vec<(&Key, &Localized)> =
            config.tags.0.iter().filter(|(key, _)| !self.groups.tagged(key).is_empty()).collect();
        let topics = Crumb {
            label: prepared.localizer.message(lang, Msg::TagsTitle, None)?,
            url: self.urls().href(&Page::Tags.path(code)),
        };
        let tag_pages = tags.par_iter().map(|(key, label)| {
            let tagged = self.groups.tagged(key);
            let label = pick(label, lang).to_owned();
            let list = Paged {
                heading: self.message(lang, Msg::TagTitle, &[("tag", label.clone())])?,
                description: self.message(lang, Msg::TagDescription, &[("tag", label)])?,
                breadcrumbs: vec![home.clone(), topics.clone()],
                years: Vec::new(),
            };
            self.paged(index, lang, tagged, |n| Page::Tag(key.as_str(), n), list, sink)
        });
        let issuers: Vec<(&Key, &Issuer)> =
            config.issuers.0.iter().filter(|(key, _)| !self.groups.issued(key).is_empty()).collect();
        let issuer_pages = issuers.par_iter().map(|(key, issuer)| {
            let issued = self.groups.issued(key);
            // The issuer's name, with its article where the language has them (T033 checks it).
            let mut args = vec![("issuer", pick(&issuer.name, lang).to_owned())];
            if let Some(article) = issuer.article.0.get(lang) {
                args.push(("issuer_article", article.as_str().to_owned()));
            }
            let list = Paged {
                heading: self.message(lang, Msg::IssuerTitle, &args)?,
                description: self.message(lang, Msg::IssuerDescription, &args)?,
                breadcrumbs: vec![home.clone()],
                years: Vec::new(),
            };
            self.paged(index, lang, issued, |n| Page::Issuer(key.as_str(), n), list, sink)
        });
        let year_pages = years.par_iter().map(|(year, of_year)| {
            let label = prepared.localizer.year(lang, *year);
            let list = Paged {
                heading: self.message(lang, Msg::YearTitle, &[("year", label.clone())])?,
                description: self.message(lang, Msg::YearDescription, &[("year", label)])?,
                breadcrumbs: vec![home.clone()],
                years: Vec::new(),
            };
            self.paged(index, lang, of_year, |n| Page::Year(*year, n), list, sink)
        });
        // Every list is made, then the first failure in the lists' order is
        // given: the same one at every run, whichever thread met it first.
        let lists: [Vec<Result<Vec<Page>>>; 3] = [tag_pages.collect(), issuer_pages.collect(), year_pages.collect()];
        for more in lists.into_iter().flatten() {
            made.extend(more?);
        }
        self.tags_index(lang, &tags, home, sink)?;
        if index == 0 {
            pages.extend(made);
            pages.push(Page::Tags);
        }
        Ok(())
    }

    /// Renders the list of `items` on pages of `per_page`, page `n` at
    /// `page_of(n)`, numbered on across pages; gives the pages it made.
    fn paged(
        &self,
        index: usize,
        lang: &'a Lang,
        items: &[&'a Listing],
        page_of: impl Fn(usize) -> Page<'a> + Sync,
        list: Paged,
        sink: &impl Sink,
    ) -> Result<Vec<Page<'a>>> {
        let per_page = self.prepared.site.config().per_page.max(1);
        let chunks: Vec<&[&Listing]> = if items.is_empty() { vec![&[]] } else { items.chunks(per_page).collect() };
        let total = chunks.len();
        let code = lang.as_str();
        // What every page of the list is made of, besides its statements and
        // its number: its title and links follow from these, the page's
        // address, and the site's messages and settings (which a build
        // cache is made with).
        let frame = postcard::to_stdvec(&(
            index,
            (&list.heading, &list.description, &list.breadcrumbs, &list.years),
            (items.len(), total),
            self.selection.drafts,
        ))
        .unwrap_or_default();
        let written: Vec<Result<()>> = chunks
            .par_iter()
            .enumerate()
            .map(|(i, chunk)| {
                let current = i + 1;
                let page = page_of(current);
                let marks: Vec<Option<Mark>> = chunk.iter().map(|l| self.selection.mark(*l)).collect();
                let mut inputs = frame.clone();
                inputs.extend((current as u64).to_le_bytes());
                inputs.extend(marks.iter().map(|mark| mark.map_or(0, |mark| mark as u8 + 1)));
                inputs.extend(chunk.iter().flat_map(|l| l.digest.to_le_bytes()));
                let file = file_of(&page.path(code), "index.html");
                self.write_memo(file, crate::load::hash_bytes(&inputs), sink, || {
                    let title = if current == 1 {
                        list.heading.clone()
                    } else {
                        let numbers = [("page", current.to_string()), ("total", total.to_string())];
                        format!("{}, {}", list.heading, self.message(lang, Msg::PageTitle, &numbers)?)
                    };
                    let pagination = Pagination {
                        current,
                        total,
                        newer: (current > 1).then(|| self.urls().href(&page_of(current - 1).path(code))),
                        older: (current < total).then(|| self.urls().href(&page_of(current + 1).path(code))),
                    };
                    let mut breadcrumbs = list.breadcrumbs.clone();
                    if current > 1 {
                        let first = self.urls().href(&page_of(1).path(code));
                        breadcrumbs.push(Crumb { label: list.heading.clone(), url: first });
                    }
                    let page_list = List {
                        page: &page,
                        title,
                        heading: list.heading.clone(),
                        description: list.description.clone(),
                        breadcrumbs,
                        years: list.years.clone(),
                        statements: chunk,
                        marks: &marks,
                        first: i * per_page + 1,
                        total: items.len(),
                    };
                    self.render_list(index, lang, page_list, pagination)
                })
            })
            .collect();
        // The first page's failure in order, not the first thread's.
        written.into_iter().collect::<Result<()>>()?;
        Ok((1..=total).map(page_of).collect())
    }

    /// The index of the tags in `tags`, with how many statements each has,
    /// in the language's alphabetical order.
    fn tags_index(
        &self,
        lang: &'a Lang,
        tags: &[(&'a Key, &'a Localized)],
        home: Crumb,
        sink: &impl Sink,
    ) -> Result<()> {
        let prepared = self.prepared;
        let site = &prepared.site;
        let mut entries: Vec<TagEntry> = tags
            .iter()
            .map(|(key, label)| TagEntry {
                tag: TagView {
                    key: key.as_str(),
                    label: pick(label, lang),
                    url: self.urls().href(&Page::Tag(key.as_str(), 1).path(lang.as_str())),
                },
                count: self.groups.tagged(key).len(),
            })
            .collect();
        prepared.localizer.sort_by_label(lang, &mut entries, |entry| entry.tag.label);
        let page = Page::Tags;
        let title = self.message(lang, Msg::TagsTitle, &[])?;
        let description = self.message(lang, Msg::TagsDescription, &[])?;
        let view = TagsPage {
            lang: lang.as_str(),
            breadcrumbs: vec![home],
            site: self.site_view(lang),
            meta: prepared.localizer.meta(site, lang, title, description, |l| page.path(l.as_str()), "website")?,
            translations: prepared.localizer.translations(site, lang, |l| page.path(l.as_str()))?,
            tags: entries,
        };
        self.write_view(page.file(lang.as_str(), "index.html"), Template::Tags, &view, sink)
    }

    /// The site's own pages (`pages/`) in `lang`.
    fn about_pages(&self, lang: &'a Lang, sink: &impl Sink) -> Result<()> {
        let prepared = self.prepared;
        let site = &prepared.site;
        let home = prepared.localizer.home(site, lang)?;
        for about in &site.pages {
            let page = Page::About(&about.slug);
            let view = prepared.localizer.site_page(site, about, lang)?;
            let description = view
                .sections
                .iter()
                .find_map(|section| section.paragraphs.first())
                .map_or_else(|| view.title.clone(), |first| first.plain.clone());
            let meta = prepared.localizer.meta(
                site,
                lang,
                view.title.clone(),
                description,
                |l| page.path(l.as_str()),
                "website",
            )?;
            let about_page = AboutPage {
                lang: lang.as_str(),
                breadcrumbs: vec![home.clone()],
                site: self.site_view(lang),
                meta,
                translations: prepared.localizer.translations(site, lang, |l| page.path(l.as_str()))?,
                page: view,
            };
            self.write_view(page.file(lang.as_str(), "index.html"), Template::About, &about_page, sink)?;
        }
        Ok(())
    }

    /// The summaries of `listings` in the language at `index`, each with its
    /// mark: borrowed from the listing when it has none.
    fn summaries<'l>(
        &self,
        index: usize,
        lang: &Lang,
        listings: &[&'l Listing],
        marks: &[Option<Mark>],
    ) -> Result<Vec<Listed<'l>>> {
        listings.iter().zip(marks).map(|(listing, mark)| self.listed(index, lang, listing, *mark)).collect()
    }

    /// The summary of `listing` in the language at `index`, with its mark.
    fn listed<'l>(&self, index: usize, lang: &Lang, listing: &'l Listing, mark: Option<Mark>) -> Result<Listed<'l>> {
        let summary = listing.summaries.get(index)?;
        let Some(state) = mark else { return Ok(Listed::Plain(summary)) };
        let withdrawn = state == Mark::Withdrawn;
        let mark = Some(self.prepared.localizer.status_mark(lang, state)?);
        Ok(Listed::Marked(Box::new(Summary { mark, withdrawn, ..summary.clone() })))
    }

    /// Every language, each with its `latest` newest statements.
    fn choices(&self, latest: usize) -> Result<Vec<LanguageChoice<'a>>> {
        let prepared = self.prepared;
        let config = prepared.site.config();
        let newest = &self.listed[..latest.min(self.listed.len())];
        let marks: Vec<Option<Mark>> = newest.iter().map(|l| self.selection.mark(*l)).collect();
        let mut choices = Vec::new();
        for (i, lang) in config.languages.iter().enumerate() {
            choices.push(LanguageChoice {
                lang: lang.as_str(),
                url: self.urls().href(&Page::Index(1).path(lang.as_str())),
                name: prepared.localizer.message(lang, Msg::LanguageName, None)?,
                title: pick(&config.title, lang),
                site: self.site_view(lang),
                latest: self.summaries(i, lang, newest, &marks)?,
            });
        }
        Ok(choices)
    }

    /// `lang`'s search page, and the index its script reads: every
    /// statement listed, oldest first.
    fn search(&self, index: usize, lang: &'a Lang, sink: &impl Sink) -> Result<()> {
        let prepared = self.prepared;
        let site = &prepared.site;
        let page = Page::Search;
        let title = self.message(lang, Msg::SearchTitle, &[])?;
        let description = self.message(lang, Msg::SearchDescription, &[])?;
        let mut meta = prepared.localizer.meta(site, lang, title, description, |l| page.path(l.as_str()), "website")?;
        // A page of results is not a page to find in a search engine.
        meta.noindex = true;
        let view = SearchPage {
            lang: lang.as_str(),
            breadcrumbs: vec![prepared.localizer.home(site, lang)?],
            site: self.site_view(lang),
            meta,
            translations: prepared.localizer.translations(site, lang, |l| page.path(l.as_str()))?,
            shown: search::SHOWN,
            numbers: search::number_locale(lang, &prepared.site.config().numbers(lang)),
        };
        self.write_view(page.file(lang.as_str(), "index.html"), Template::Search, &view, sink)?;
        if !sink.publishes() {
            return Ok(());
        }
        let oldest_first: Vec<&Listing> = self.listed.iter().rev().copied().collect();
        let mut kinds = HashMap::new();
        for kind in Kind::ALL {
            kinds.insert(kind, prepared.localizer.message(lang, Msg::Kind(kind), None)?);
        }
        let no_words = Words::default();
        let docs: Vec<search::Entry> = oldest_first
            .iter()
            .map(|l| (l.extras.as_ref().map(|e| e.words.get(index).unwrap_or(&no_words)), l.id.as_str()))
            .collect();
        // A statement's summary, decoded only for a file of statements made again.
        let shown = |n: usize| -> Result<(Listed, &str)> {
            let listing = oldest_first.get(n).ok_or_else(cache_does_not_fit)?;
            let summary = self.listed(index, lang, listing, self.selection.mark(*listing))?;
            let kind = kinds.get(&summary.kind).map_or("", String::as_str);
            Ok((summary, kind))
        };
        let folder = page.path(lang.as_str());
        let manifest = file_of(&folder, "manifest.json");
        let name = manifest.to_string_lossy().into_owned();
        // The memo keeps the hash of the manifest (which names the hash of
        // every file of the index by its version) and the order of the
        // statements numbered: the index the cache's words were made into
        // is the one published if the manifest is, and the next build
        // patches it if it numbers the same statements first.
        let order = format!("{name}#order");
        let keys = |name: &str| sink.published_key(&file_of(&folder, name));
        let read = |name: &str| sink.published(&file_of(&folder, name));
        let before = self.memo.extras_before(docs.iter().map(|(_, id)| *id))?;
        let words = |n: usize| before.get(docs.get(n)?.1)?.words.get(index).cloned();
        let last = self.memo.previous.get(&order).and_then(|order| {
            if self.memo.previous.get(&name) != sink.published_key(&manifest).as_ref() {
                return None;
            }
            let manifest = serde_json::from_slice(&sink.published(&manifest)?).ok()?;
            Some(search::Last { manifest, order: *order, keys: &keys, read: &read, words: &words })
        });
        // The words of the statements not rendered, if the index is made again.
        let kept_words = |numbers: &[usize]| -> Result<Vec<Words>> {
            let listings: Vec<&Listing> = numbers.iter().filter_map(|n| oldest_first.get(*n).copied()).collect();
            let extras = self.memo.extras(&listings)?;
            Ok(extras.into_iter().map(|e| e.words.get(index).cloned().unwrap_or_default()).collect())
        };
        let files = search::index(&docs, &shown, last.as_ref(), &kept_words)?;
        let manifest_key = files.iter().find(|(file, _)| file == "manifest.json").map(|(_, file)| (name, file.key()));
        let remembered = manifest_key.into_iter().chain([(order, search::order(&docs))]);
        self.memo.next.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(remembered);
        // A file is kept when the published copy has its bytes: those
        // kept, all at once, in one walk of the manifest.
        let kept: Vec<Option<String>> = files
            .into_par_iter()
            .map(|(name, file)| match file {
                IndexFile::Made(bytes) => {
                    let path = file_of(&folder, &name);
                    if sink.published_key(&path) == Some(crate::load::hash_bytes(&bytes)) {
                        return Ok(Some(name));
                    }
                    sink.add(path, bytes).map(|()| None)
                }
                IndexFile::Kept(_) => Ok(Some(name)),
            })
            .collect::<Result<_>>()?;
        let names: Vec<&str> = kept.iter().flatten().map(String::as_str).collect();
        sink.keep(&[Folder { path: folder.trim_start_matches('/').to_owned(), names: &names }])
    }

    /// `lang`'s page shown for an address with no page (the site's own is
    /// [`Self::root`]'s). No search engine indexes it.
    fn not_found(&self, lang: &'a Lang, sink: &impl Sink) -> Result<()> {
        let prepared = self.prepared;
        let site = &prepared.site;
        let title = prepared.localizer.message(lang, Msg::NotFoundTitle, None)?;
        let description = prepared.localizer.message(lang, Msg::NotFoundText, None)?;
        let path_of = |l: &Lang| not_found_path(Some(l.as_str()));
        let mut meta = prepared.localizer.meta(site, lang, title, description, path_of, "website")?;
        meta.noindex = true;
        let view = NotFoundPage {
            lang: lang.as_str(),
            breadcrumbs: Vec::new(),
            site: self.site_view(lang),
            meta,
            translations: prepared.localizer.translations(site, lang, |l| Page::Index(1).path(l.as_str()))?,
        };
        self.write_view(not_found_file(Some(lang.as_str())), Template::NotFound, &view, sink)
    }

    /// One list page (a page of the index, or a tag), rendered.
    fn render_list(&self, index: usize, lang: &'a Lang, list: List<'a, '_>, pagination: Pagination) -> Result<Vec<u8>> {
        let prepared = self.prepared;
        let site = &prepared.site;
        let page = list.page;
        let statements = self.summaries(index, lang, list.statements, list.marks)?;
        let view = ListPage {
            lang: lang.as_str(),
            site: self.site_view(lang),
            meta: prepared.localizer.meta(
                site,
                lang,
                list.title,
                list.description,
                |l| page.path(l.as_str()),
                "website",
            )?,
            translations: prepared.localizer.translations(site, lang, |l| page.path(l.as_str()))?,
            heading: list.heading,
            breadcrumbs: list.breadcrumbs,
            first: list.first,
            years: list.years,
            statements,
            total: list.total,
            pagination: Some(pagination),
        };
        self.rendered(Template::List, &view)
    }

    /// Renders `view` with `template` into `file`, unless the last build
    /// rendered the same view there.
    fn write_view<V: Serialize>(&self, file: PathBuf, template: Template, view: &V, sink: &impl Sink) -> Result<()> {
        let key = postcard::to_stdvec(view).map(|bytes| crate::load::hash_bytes(&bytes)).ok();
        let render = || self.rendered(template, view);
        match key {
            Some(key) => self.write_memo(file, key, sink, render),
            None => sink.add(file, render()?),
        }
    }

    /// `view` rendered with `template`.
    fn rendered<V: Serialize>(&self, template: Template, view: &V) -> Result<Vec<u8>> {
        let [rendered] = self.prepared.renderer.render_each([template.name().as_str()], view)?;
        Ok(rendered)
    }

    /// Writes `file` with what `render` gives, unless the last build wrote
    /// it from inputs with the same `key`: then the file is kept.
    fn write_memo(
        &self,
        file: PathBuf,
        key: u64,
        sink: &impl Sink,
        render: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<()> {
        let name = file.to_string_lossy().into_owned();
        let same = self.memo.previous.get(&name) == Some(&key);
        self.memo.next.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(name, key);
        if same && sink.keep_published(&file)? {
            return Ok(());
        }
        sink.add(file, render()?)
    }

    /// The feed of `lang`: the `feed_size` entries most recently issued or corrected.
    fn feed(&self, index: usize, lang: &'a Lang, sink: &impl Sink) -> Result<()> {
        // Only the entries shown are asked for: the cache keeps those of
        // the statements not rendered again apart.
        let extras = self.memo.extras(&self.newest)?;
        let entries: Vec<FeedEntry> = extras.iter().filter_map(|e| e.feed.get(index).cloned()).collect();
        let feed = FeedPage {
            lang: lang.as_str(),
            site: self.site_view(lang),
            url: self.urls().absolute(&crate::site::routes::feed_path(lang.as_str())),
            home: self.urls().absolute(&Page::Index(1).path(lang.as_str())),
            updated: entries.iter().map(|e| e.updated.clone()).max().unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
            entries,
        };
        self.write_view(feed_file(lang.as_str()), Template::Feed, &feed, sink)
    }

    /// The site in every language: the root page, or with `not_found` the
    /// page a server shows for an address with no page, which offers every
    /// language the same way (and which no search engine indexes).
    fn root(&self, not_found: bool, sink: &impl Sink) -> Result<()> {
        let prepared = self.prepared;
        let site = &prepared.site;
        let config = site.config();
        let Some(default) = config.languages.first() else { return Ok(()) };
        let choices = self.choices(if not_found { 0 } else { ROOT_LATEST })?;
        // Each language's title in its own words.
        let (titles, description, page) = if not_found {
            let mut titles = Vec::new();
            for lang in &config.languages {
                titles.push(prepared.localizer.message(lang, Msg::NotFoundTitle, None)?);
            }
            (titles, prepared.localizer.message(default, Msg::NotFoundText, None)?, not_found_path(None))
        } else {
            let titles = choices.iter().map(|c| c.title.to_owned()).collect();
            (titles, self.message(default, Msg::IndexDescription, &[])?, Page::Root.path(default.as_str()))
        };
        // The root's versions are the languages' indexes; a page not found has none.
        let path_of = |l: &Lang| if not_found { not_found_path(None) } else { Page::Index(1).path(l.as_str()) };
        let mut meta = prepared.localizer.meta(site, default, titles.join(" / "), description, path_of, "website")?;
        // The page is the site's, in no one language: its title is the titles alone.
        meta.title = meta.og_title.clone();
        meta.canonical = self.urls().absolute(&page);
        meta.noindex = not_found;
        if let Some(x_default) = meta.alternates.iter_mut().find(|a| a.hreflang == "x-default") {
            x_default.href = meta.canonical.clone();
        }
        let root = RootPage { lang: default.as_str(), site: self.site_view(default), meta, choices, not_found };
        let file = if not_found { not_found_file(None) } else { "index.html".into() };
        self.write_view(file, Template::Root, &root, sink)
    }

    /// The sitemap of `pages`, each statement's with its last change from
    /// `changed`. It is built only when its pages or their dates changed
    /// since the last build: an edit that changes neither keeps it without
    /// building the view of every page in every language.
    ///
    /// A site with more URLs than one sitemap may list ([`SITEMAP_URLS`])
    /// has several (`sitemap-1.xml`, …), each built only when its part
    /// changed, and `sitemap.xml` is their index.
    fn sitemap(&self, pages: &[Page], changed: &FxHashMap<&str, &str>, sink: &impl Sink) -> Result<()> {
        let languages = self.prepared.site.config().languages.len();
        let parts = sitemap_parts(pages, languages, (SITEMAP_URLS, SITEMAP_ADDRESSES));
        if let [all] = parts.as_slice() {
            return self.sitemap_part(SITEMAP_FILE.into(), all, changed, sink);
        }
        let mut sitemaps = Vec::with_capacity(parts.len());
        for (n, part) in parts.iter().enumerate() {
            let file = sitemap_file(n + 1);
            sitemaps.push(self.urls().absolute(&format!("/{file}")));
            self.sitemap_part(file.into(), part, changed, sink)?;
        }
        self.write_view(SITEMAP_FILE.into(), Template::SitemapIndex, &SitemapIndex { sitemaps }, sink)
    }

    /// The sitemap `file` of `pages`.
    fn sitemap_part(
        &self,
        file: PathBuf,
        pages: &[Page],
        changed: &FxHashMap<&str, &str>,
        sink: &impl Sink,
    ) -> Result<()> {
        let mut key = Xxh3::new();
        for page in pages {
            page.hash(&mut key);
            if let Page::Statement(id) = page {
                changed.get(id).hash(&mut key);
            }
        }
        self.write_memo(file, key.digest(), sink, || {
            let languages = &self.prepared.site.config().languages;
            let urls = self.urls();
            let mut sitemap = Vec::new();
            for page in pages {
                let alternates: Vec<Alternate> = languages
                    .iter()
                    .map(|l| Alternate { hreflang: l.to_string(), href: urls.absolute(&page.path(l.as_str())) })
                    .collect();
                let lastmod = match page {
                    Page::Statement(id) => changed.get(id).map(|at| (*at).to_owned()),
                    _ => None,
                };
                match page {
                    Page::Root => sitemap.push(SitemapUrl {
                        loc: urls.absolute(&page.path("")),
                        alternates: Vec::new(),
                        lastmod: None,
                    }),
                    _ => sitemap.extend(alternates.iter().map(|a| SitemapUrl {
                        loc: a.href.clone(),
                        alternates: alternates.clone(),
                        lastmod: lastmod.clone(),
                    })),
                }
            }
            self.rendered(Template::Sitemap, &SitemapPage { urls: sitemap })
        })
    }
}

/// `pages` in parts of at most `limit` URLs and addresses each, in order:
/// a page has one URL in each of the site's `languages`, each with the
/// addresses of its alternates in every language; the root one URL alone.
fn sitemap_parts<'p, 'a>(pages: &'p [Page<'a>], languages: usize, limit: (usize, usize)) -> Vec<&'p [Page<'a>]> {
    let mut parts = Vec::new();
    let (mut start, mut count) = (0, (0, 0));
    for (i, page) in pages.iter().enumerate() {
        let (urls, addresses) = sitemap_size(page, languages);
        if (count.0 + urls > limit.0 || count.1 + addresses > limit.1) && i > start {
            parts.push(&pages[start..i]);
            (start, count) = (i, (0, 0));
        }
        count = (count.0 + urls, count.1 + addresses);
    }
    parts.push(&pages[start..]);
    parts
}

/// How many URLs, and addresses with their alternates', `page` puts in a sitemap.
fn sitemap_size(page: &Page, languages: usize) -> (usize, usize) {
    if matches!(page, Page::Root) { (1, 1) } else { (languages, languages * (1 + languages)) }
}

#[cfg(test)]
mod tests {
    use super::{Page, sitemap_parts, sitemap_size};

    #[test]
    fn a_sitemap_lists_at_most_its_limit_of_urls_and_every_page_once() {
        let ids: Vec<String> = (0..23).map(|n| format!("s{n}")).collect();
        let pages: Vec<Page> =
            [Page::Root, Page::Tags].into_iter().chain(ids.iter().map(|id| Page::Statement(id))).collect();
        let limits = [(2, (6, 100)), (2, (7, 100)), (3, (6, 100)), (1, (25, 100)), (2, (50, 100)), (2, (1, 100))];
        // The addresses the limit, not the URLs: three languages, four addresses a URL.
        let limits = limits.into_iter().chain([(3, (100, 24)), (3, (100, 37)), (12, (1_000, 200))]);
        for (languages, limit) in limits {
            let parts = sitemap_parts(&pages, languages, limit);
            let size = |part: &[Page]| {
                part.iter().map(|p| sitemap_size(p, languages)).fold((0, 0), |(u, a), (pu, pa)| (u + pu, a + pa))
            };
            let within = |(urls, addresses): (usize, usize)| urls <= limit.0 && addresses <= limit.1;
            for part in &parts {
                assert!(!part.is_empty() && (within(size(part)) || part.len() == 1), "{languages} {limit:?}");
            }
            assert_eq!(parts.concat(), pages, "{languages} {limit:?}");
            // As few parts as the limits allow: no part could take its next one's first page.
            for pair in parts.windows(2) {
                let (first, next) = (size(pair[0]), sitemap_size(&pair[1][0], languages));
                assert!(!within((first.0 + next.0, first.1 + next.1)), "{languages} {limit:?}");
            }
        }
        assert_eq!(sitemap_parts(&pages, 2, (1_000, 10_000)).len(), 1);
        assert_eq!(sitemap_parts(&[], 2, (10, 10)), vec![&[] as &[Page]]);
        // The root and the tags, then two statements a part (12 addresses each).
        assert_eq!(sitemap_parts(&pages, 3, (100, 24)).len(), 1 + 12);
    }
}
