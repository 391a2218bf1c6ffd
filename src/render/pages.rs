//! Every page of the site, rendered: the one page assembly that `build`,
//! `check`, `render` and `diff` share.
//!
//! Under a [`Selection`], a statement on the site gets its pages, which go
//! to the [`Sink`]; one that is not (a draft, or under embargo) is rendered
//! all the same, as its preview (as `--drafts` shows it), and handed to the
//! sink as such: an error in a draft stops the build on the day it is
//! written, not on the day it is published. Errors of every page are
//! collected, not only the first.

use std::collections::BTreeSet;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use super::card::CardError;
use super::image::{MAX_SOURCE_BYTES, Picture, web_picture};
use super::listing::{Extras, Listing, Memo, Related, page_file, share_file};
use super::lists::{SiteRenderer, in_feed};
use super::search::Words;
use super::{Format, Prepared, Template};
use crate::diag::{Diagnostics, Error, Location, Result, Rule, line_column};
use crate::load::theme::{self, ThemeFile};
use crate::load::types::Date;
use crate::load::types::Image;
use crate::load::types::Localized;
use crate::load::yaml::{YamlPath, locate_in_value};
use crate::load::{Held, Lang, Site, Statement};
use crate::localize::Msg;
use crate::localize::view::{ClaimView, FeedEntry, StatementPage};
use crate::site::routes::{Folder, card_file, claim_image_file};
use crate::site::{Selection, ist};

/// Where rendered files go: the output folder, memory, or nowhere.
pub trait Sink: Sync {
    /// A file of the published site, relative to its root.
    fn add(&self, file: PathBuf, bytes: Vec<u8>) -> Result<()>;

    /// Keeps the last build's `file` as it is, if it has it; gives whether
    /// the page need not be rendered again. A sink without a last build
    /// keeps nothing, and every page is rendered.
    fn keep_published(&self, _file: &Path) -> Result<bool> {
        Ok(false)
    }

    /// The bytes of the last build's `file`, as published; a sink without
    /// a last build has none.
    fn published(&self, _file: &Path) -> Option<Vec<u8>> {
        None
    }

    /// The hash of the last build's `file` as its copy's manifest has it.
    fn published_key(&self, _file: &Path) -> Option<u64> {
        None
    }

    /// Keeps the last build's files in `folders`, whose inputs did not
    /// change: the last build has each of them.
    fn keep(&self, _folders: &[Folder]) -> Result<()> {
        Ok(())
    }

    /// The share card `file`, known by `key` (see [`super::card::CardKit::key`]): drawn
    /// by `draw` unless the sink keeps the card of that key from an earlier
    /// build. A sink that publishes no files draws nothing: the card is
    /// proven already.
    fn card(&self, _file: PathBuf, _key: u64, _draw: &dyn Fn() -> Result<Vec<u8>>) -> Result<()> {
        Ok(())
    }

    /// The preview of a statement that is not on the site: rendered to be
    /// checked, not published.
    fn preview(&self, _file: PathBuf, _bytes: Vec<u8>) -> Result<()> {
        Ok(())
    }

    /// Whether the sink publishes the site, which the next build starts
    /// from: then it wants the search index's files, and every statement's
    /// feed entry and words, which the build cache keeps. No content can
    /// fail the index (it is made of the words of pages rendered and of the
    /// summaries the lists show), so a sink that publishes nothing has no
    /// use for it, nor for the words, nor for the feed entries of the
    /// statements the feeds do not show ([`in_feed`]).
    fn publishes(&self) -> bool {
        true
    }
}

/// A sink that keeps nothing: what `check` renders into.
#[derive(Debug, Default)]
pub struct Discard {
    /// The memo rendered by is a build cache's that fits the site (the
    /// same templates, messages and settings): a page made from the view
    /// that build rendered it from rendered without error then, and is
    /// not rendered again. Otherwise every page is rendered.
    pub by_cache: bool,
}

impl Sink for Discard {
    fn add(&self, _: PathBuf, _: Vec<u8>) -> Result<()> {
        Ok(())
    }

    fn keep_published(&self, _file: &Path) -> Result<bool> {
        Ok(self.by_cache)
    }

    fn publishes(&self) -> bool {
        false
    }
}

/// A statement's page in one language, rendered.
#[derive(Debug)]
pub struct Rendered {
    /// The HTML page and its Markdown, in [`Format::ALL`] order.
    pub files: [(PathBuf, Vec<u8>); 2],
    /// Its posts for X, WhatsApp and Telegram (`share.json`), beside them.
    pub share: (PathBuf, Vec<u8>),
    /// Its feed entry (a preview's is in no feed).
    pub feed: FeedEntry,
    /// Its words, for the search; none when the sink does not publish.
    pub words: Words,
    /// A preview: the statement is not on the site.
    pub preview: bool,
    /// Its claim's picture, with the page of the first language only.
    pub image: Option<(PathBuf, Vec<u8>)>,
    /// Its share card's file and SVG, proven to show.
    pub card: Option<(PathBuf, String)>,
}

/// How statement pages are assembled under a selection: which selection a
/// page is shown under, which statements it links to, and its notices.
pub struct StatementPages<'a> {
    prepared: &'a Prepared,
    listings: &'a [Listing],
    selection: Selection,
    related: Related<'a>,
    preview_related: OnceLock<Related<'a>>,
    /// Each statement's claim picture, made once for all its languages.
    pictures: Mutex<HashMap<String, Arc<Picture>>>,
    /// Whether a page's words are wanted, for a search index ([`Sink::publishes`]).
    words: bool,
}

impl<'a> StatementPages<'a> {
    /// The pages of the statements of `listings` (every statement of the
    /// site, sorted by id) under `selection`; with `words`, each page's
    /// words for the search index.
    pub fn new(prepared: &'a Prepared, listings: &'a [Listing], selection: Selection, words: bool) -> Self {
        let related = Related::new(listings, &selection);
        StatementPages {
            prepared,
            listings,
            selection,
            related,
            preview_related: OnceLock::new(),
            pictures: Mutex::new(HashMap::new()),
            words,
        }
    }

    /// The listing of the statement `id`.
    pub fn listing(&self, id: &str) -> Option<&'a Listing> {
        let i = self.listings.binary_search_by(|l| l.id.as_str().cmp(id)).ok()?;
        self.listings.get(i)
    }

    /// Whether the statement of `listing` has pages on the site; if not, its
    /// pages are previews.
    pub fn on_site(&self, listing: &Listing) -> bool {
        self.selection.on_site(listing)
    }

    /// Renders `statement`'s page in the language at `lang`, HTML and
    /// Markdown: as the site shows it, or as its preview when it is not on
    /// the site.
    pub fn render(&self, statement: &Statement, lang: usize) -> Result<Rendered> {
        let prepared = self.prepared;
        let id = statement.id.as_str();
        let listing = self.listing(id);
        let languages = &prepared.site.config().languages;
        let (Some(listing), Some(code)) = (listing, languages.get(lang)) else {
            return Err(super::listing::cache_does_not_fit());
        };
        let summary = listing.summaries.get(lang)?;
        let on_site = self.on_site(listing);
        let (selection, related) = if on_site {
            (self.selection, &self.related)
        } else {
            let preview = self.selection.preview();
            (preview, self.preview_related.get_or_init(|| Related::new(self.listings, &preview)))
        };
        // Related statements carry their marks: withdrawn, and in a preview
        // not published.
        let mut links = Vec::new();
        for other in related.of(id) {
            let mut view = super::listing::link(other, lang)?;
            if let Some(state) = selection.mark(*other) {
                view.mark = Some(prepared.localizer.status_mark(code, state)?);
            }
            links.push(view);
        }
        let mut page = prepared.localizer.statement_page(&prepared.site, statement, code, summary.clone(), links)?;
        if selection.embargoed(listing) {
            page.statement.embargo = self.moment(statement, code, Msg::EmbargoNotice)?;
        }
        page.statement.issued_at = self.moment(statement, code, Msg::IssueTime)?;
        // A page of a preview is never indexed, and one that is not
        // published says so in its title.
        page.site.preview = selection.drafts;
        if let Some(state) = selection.unpublished(listing) {
            page.meta.title = prepared.localizer.marked_title(code, state, &page.meta.title)?;
        }
        let image = statement.record().claim.as_ref().and_then(|claim| claim.image.as_ref());
        let picture = match (&mut page.statement.claim, image) {
            (Some(ClaimView { image: Some(view), .. }), Some(image)) => {
                let picture = self.picture(statement, image)?;
                (view.width, view.height) = (picture.width, picture.height);
                (lang == 0).then(|| (claim_image_file(id), picture.bytes.clone()))
            }
            _ => None,
        };
        let names = Format::ALL.map(|format| Template::Statement(page.statement.kind, format).name());
        let [html, md] = prepared.renderer.render_each([names[0].as_str(), names[1].as_str()], &page)?;
        let mut posts = serde_json::to_vec_pretty(&page.posts).unwrap_or_default();
        posts.push(b'\n');
        let card = match (&page.card, &prepared.cards) {
            (Some(_), Some(kit)) => {
                let [svg] = prepared.renderer.render_each([Template::Card.name().as_str()], &page)?;
                let svg = String::from_utf8(svg).unwrap_or_default();
                kit.prove(&svg).map_err(|err| card_error(&prepared.site, statement, code, err))?;
                Some((card_file(id, code.as_str()), svg))
            }
            _ => None,
        };
        Ok(Rendered {
            files: [(page_file(id, code, Format::Html), html), (page_file(id, code, Format::Md), md)],
            share: (share_file(id, code), posts),
            feed: feed_entry(&page, statement),
            words: if self.words { Words::of(&page) } else { Words::default() },
            preview: !on_site,
            image: picture,
            card,
        })
    }

    /// The picture `image` of `statement`'s claim, as the site serves it:
    /// made from its file in the record's folder the first time it is asked for.
    fn picture(&self, statement: &Statement, image: &Image) -> Result<Arc<Picture>> {
        let id = statement.id.as_str();
        let made = self.pictures.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(id).cloned();
        if let Some(picture) = made {
            return Ok(picture);
        }
        let folder = statement.source.file.parent().unwrap_or(Path::new(""));
        let file = folder.join(image.file.as_str());
        let root = &self.prepared.site.root;
        let refuse = |message: String| {
            let path = crate::load::yaml::YamlPath::default().join("claim").join("image").join("file");
            Error::Content(vec![crate::load::at(&statement.source.placed(root), (Rule::BadImage, path, message))])
        };
        if !root.join(&file).is_file() {
            return Err(refuse(format!("there is no picture {}: put it beside the record", file.display())));
        }
        let bytes = crate::load::read_bytes(root, &file, MAX_SOURCE_BYTES)?;
        let picture = web_picture(&bytes).map_err(|why| refuse(format!("{}: {why}", file.display())))?;
        let picture = Arc::new(picture);
        self.pictures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(id.to_owned(), Arc::clone(&picture));
        Ok(picture)
    }

    /// The `message` about the moment `statement` is published at, if it
    /// names one (`publish_at`): the embargo notice, or the time of issue.
    fn moment(&self, statement: &Statement, lang: &Lang, message: Msg) -> Result<Option<String>> {
        let Some(at) = statement.record().publish_at else { return Ok(None) };
        let localizer = &self.prepared.localizer;
        let zoned = at.0.to_zoned(ist());
        let mut args = fluent::FluentArgs::new();
        // Midnight ends the day before: "before 12 midnight on 14 August"
        // and "14 अगस्त को रात 12 बजे से पहले" mean the start of the 15th.
        let midnight = zoned.hour() == 0 && zoned.minute() == 0;
        let day = if midnight { zoned.date().yesterday().unwrap_or(zoned.date()) } else { zoned.date() };
        args.set("date", localizer.date(lang, Date(day))?.long);
        let hour = zoned.hour();
        args.set("clock", localizer.clock(lang, hour, zoned.minute()));
        let ampm = match (hour, zoned.minute()) {
            (12, 0) => "noon",
            (0, 0) => "midnight",
            (0..12, _) => "am",
            _ => "pm",
        };
        args.set("ampm", ampm);
        // The parts of the day as CLDR divides them for Hindi; the words are the messages'.
        let period = match (hour, midnight) {
            (4..=11, _) => "morning",
            (12..=15, _) => "afternoon",
            (16..=19, _) => "evening",
            // "10 जून को रात 12:30 बजे" reads as the night after the 10th:
            // Hindi names the small hours by the night of the day before.
            (0..=3, false) => "small-hours",
            _ => "night",
        };
        args.set("period", period);
        let eve = zoned.date().yesterday().unwrap_or(zoned.date());
        args.set("eve", localizer.date(lang, Date(eve))?.long);
        localizer.message(lang, message, Some(&args)).map(Some)
    }
}

/// The error of a card that cannot be made: a text it cannot show, at its
/// first place in a text of the card's language in the record or the
/// settings, else in the card template or the language's messages; or a
/// template that does not make a card.
fn card_error(site: &Site, statement: &Statement, lang: &Lang, err: CardError) -> Error {
    let root = &site.root;
    let template = Path::new(crate::site::TEMPLATES_DIR).join(Template::Card.name());
    let (rule, needle, message) = match err {
        CardError::Text(unshowable) => (
            Rule::CardText,
            unshowable.text,
            format!("the share card in `{lang}` cannot show this: {}", unshowable.why),
        ),
        CardError::Svg(why) => {
            let message = format!("{} does not make a share card: {why}", template.display());
            return Error::content(Rule::RenderFailed, Location::file(template), message);
        }
    };
    // First in a text of the card's language, of the record or the settings.
    let in_texts = |file: &Path, texts: Vec<(YamlPath, &Localized)>| -> Option<Location> {
        let source = std::fs::read_to_string(root.join(file)).ok()?;
        texts.iter().find_map(|(path, text)| {
            let value = text.0.get(lang)?.as_str();
            // A cluster that takes in the space before it, when a message
            // puts the value after a space, starts the value.
            let lead = needle.len() - needle.trim_start().len();
            let at = match value.find(needle.as_str()) {
                Some(at) => at + lead,
                None => value.starts_with(needle.trim_start()).then_some(0)?,
            };
            let (line, column) = locate_in_value(&source, &path.join(lang.as_str()), value, at)?;
            Some(Location::at(file.to_path_buf(), line, column))
        })
    };
    let found = in_texts(&statement.source.file, statement.record().texts())
        .or_else(|| in_texts(Path::new(crate::site::CONFIG_FILE), site.config().texts()));
    // Then anywhere in the card template or the language's messages.
    let locales = Path::new(crate::site::LOCALES_DIR).join(lang.as_str());
    let templates = Path::new(crate::site::TEMPLATES_DIR);
    let mut places: Vec<ThemeFile> =
        theme::file(root, templates, Path::new(&Template::Card.name())).into_iter().collect();
    places.extend(theme::files(root, &locales).unwrap_or_default());
    let found = found.or_else(|| {
        places.iter().find_map(|file| {
            let text = file.text(root).ok()?;
            let at = text.find(needle.as_str())? + (needle.len() - needle.trim_start().len());
            let (line, column) = line_column(&text, at);
            Some(Location::at(file.path.clone(), line, column))
        })
    });
    Error::content(rule, found.unwrap_or_else(|| Location::file(statement.source.file.clone())), message)
}

/// The statements on the site under `selection` whose pages link to other
/// statements when drafts are shown too: their pages in a `--drafts` build
/// differ from the published ones.
pub fn differing_in_preview(listings: &[Listing], selection: &Selection) -> BTreeSet<String> {
    let published = Related::new(listings, selection);
    let preview = Related::new(listings, &selection.preview());
    let ids = |links: &[&Listing]| links.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    listings
        .iter()
        .filter(|l| selection.on_site(*l) && ids(published.of(&l.id)) != ids(preview.of(&l.id)))
        .map(|l| l.id.clone())
        .collect()
}

/// A statement's entry in its language's feed.
fn feed_entry(page: &StatementPage, statement: &Statement) -> FeedEntry {
    let (published, updated) = crate::localize::issued_and_changed(statement.record());
    let mut summary = page.meta.description.clone();
    for update in &page.statement.updates {
        summary.push_str(&format!("\n\n{}: {}", update.date.long, update.note.plain));
    }
    FeedEntry {
        title: page.meta.og_title.clone(),
        url: page.meta.canonical.clone(),
        updated: updated.unwrap_or_else(|| published.clone()),
        published,
        author: page.statement.issuer.name.to_owned(),
        summary,
    }
}

/// Renders the site into `sink`: the pages of `statements` (all of them,
/// or those a rebuild must redo) under `selection`, and the indexes, tag
/// pages, feeds and sitemap from `listings`, which has every statement,
/// sorted by id. The pages of the other statements are kept as the last
/// build wrote them. Each record, read again if it was let go after its
/// checks, is dropped once its pages are rendered, so that a build does
/// not hold them all while it renders the lists.
pub fn render_site(
    prepared: &Prepared,
    statements: Vec<Held>,
    selection: &Selection,
    listings: &mut [Listing],
    memo: &Memo,
    sink: &impl Sink,
) -> Result<()> {
    for (path, bytes) in super::assets(&prepared.site.root)? {
        sink.add(path, bytes)?;
    }
    let mut problems = render_statement_pages(prepared, statements, selection, listings, sink)?;
    crate::diag::progress::phase("rendering lists, feeds, search and sitemap");
    problems.take(SiteRenderer::new(prepared, selection, memo, listings).render(sink))?;
    problems.finish()
}

/// Renders the pages of `statements` into `sink` as [`render_site`] does,
/// keeps those of the other statements on the site, and gives each
/// statement rendered its extras in `listings`; gives the pages' errors.
/// No list is rendered: [`render_site`] renders them after.
pub fn render_statement_pages(
    prepared: &Prepared,
    statements: Vec<Held>,
    selection: &Selection,
    listings: &mut [Listing],
    sink: &impl Sink,
) -> Result<Diagnostics> {
    let languages = &prepared.site.config().languages;
    let mut problems = Diagnostics::default();
    // Whatever its pages give (none if they fail), a statement rendered now
    // has its extras from this build, not from the cache.
    for statement in &statements {
        if let Ok(i) = listings.binary_search_by(|l| l.id.as_str().cmp(statement.id().as_str())) {
            listings[i].extras = Some(Extras::default());
        }
    }
    let entries = render_statements(prepared, statements, selection, listings, sink)?;
    for result in entries {
        if let Some((i, lang, entry, words)) = problems.take(result)? {
            let extras = listings[i].extras.get_or_insert_with(Extras::default);
            extras.feed.resize_with(languages.len(), FeedEntry::default);
            extras.feed[lang] = entry;
            extras.words.resize_with(languages.len(), Words::default);
            extras.words[lang] = words;
        }
    }
    Ok(problems)
}

type Entry = Result<(usize, usize, FeedEntry, Words)>;

/// How many statements' files are kept in one call to the sink.
const KEPT_AT_ONCE: usize = 128;

/// Renders the pages of `statements` and keeps those of the other
/// statements on the site; gives each page's feed entry and words, or its error.
fn render_statements(
    prepared: &Prepared,
    statements: Vec<Held>,
    selection: &Selection,
    listings: &[Listing],
    sink: &impl Sink,
) -> Result<Vec<Entry>> {
    let languages = &prepared.site.config().languages;
    let pages = StatementPages::new(prepared, listings, *selection, sink.publishes());
    let index = |id: &str| listings.binary_search_by(|l| l.id.as_str().cmp(id)).ok();
    // A sink that publishes nothing has no build cache to give every feed
    // entry to: only those the feeds show are held until they are rendered.
    let mut keeps_entry = vec![sink.publishes(); listings.len()];
    if !sink.publishes() {
        let feed_size = prepared.site.config().feed_size;
        for i in in_feed(listings, selection, feed_size).into_iter().filter_map(|l| index(l.id.as_str())) {
            keeps_entry[i] = true;
        }
    }
    let mut fresh = vec![false; listings.len()];
    for i in statements.iter().filter_map(|s| index(s.id().as_str())) {
        fresh[i] = true;
    }
    let kept: Vec<usize> = (0..listings.len()).filter(|i| !fresh[*i] && selection.on_site(&listings[*i])).collect();
    crate::diag::progress::phase("keeping unchanged pages");
    // The files of a few statements at a time, a language after another:
    // mostly in the order of their paths, as the manifest has them (a
    // statement out of that order is looked for from the start).
    kept.par_chunks(KEPT_AT_ONCE).try_for_each(|few| {
        let mut folders: Vec<Folder> =
            languages.iter().flat_map(|lang| few.iter().map(move |&i| listings[i].folder(lang))).collect();
        let images: Vec<String> = few.iter().filter_map(|&i| listings[i].image()).collect();
        let images: Vec<&str> = images.iter().map(String::as_str).collect();
        folders.push(Folder { path: String::new(), names: &images });
        sink.keep(&folders)
    })?;
    crate::diag::progress::step("rendering pages", statements.len() * languages.len());
    let emit = |rendered: Result<Rendered>, i: usize, lang: usize| {
        let rendered = rendered.map(|r| if keeps_entry[i] { r } else { Rendered { feed: FeedEntry::default(), ..r } });
        let entry = emit(prepared, rendered, i, lang, sink);
        crate::diag::progress::advance();
        entry
    };
    let entries = statements
        .into_par_iter()
        .filter_map(|held| index(held.id().as_str()).map(|i| (held, i)))
        .flat_map_iter(|(held, i)| {
            // A record let go after its checks is read again here.
            let entries: Vec<Entry> = match held.statement(&prepared.site.root) {
                Ok(statement) => {
                    (0..languages.len()).map(|lang| emit(pages.render(&statement, lang), i, lang)).collect()
                }
                Err(err) => vec![Err(err)],
            };
            entries
        })
        .collect();
    Ok(entries)
}

/// Hands a rendered page to the sink, as a page of the site or as a
/// preview; a page of the site with its share card, drawn unless the sink
/// keeps it.
fn emit(prepared: &Prepared, rendered: Result<Rendered>, i: usize, lang: usize, sink: &impl Sink) -> Entry {
    let Rendered { files, share, feed, words, preview, image, card } = rendered?;
    for (file, bytes) in files.into_iter().chain([share]).chain(image) {
        if preview { sink.preview(file, bytes)? } else { sink.add(file, bytes)? }
    }
    if let (Some((file, svg)), Some(kit), false) = (card, &prepared.cards, preview) {
        let draw = || {
            kit.paint(&svg).map_err(|err| {
                let file = Path::new(crate::site::TEMPLATES_DIR).join(Template::Card.name());
                let why = match err {
                    CardError::Text(unshowable) => unshowable.why,
                    CardError::Svg(why) => why,
                };
                Error::content(Rule::RenderFailed, Location::file(file), format!("cannot draw the share card: {why}"))
            })
        };
        sink.card(file, kit.key(&svg), &draw)?;
    }
    Ok((i, lang, feed, words))
}
