//! What the rest of the site needs of a statement ([`Listing`]) and what
//! its pages gave ([`Extras`]), which statements link to which
//! ([`Related`]), and the memo of the views shared pages were last
//! rendered from ([`Memo`]).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::search::Words;
use super::{Format, Prepared};
use crate::diag::{Error, Result};
use crate::load::types::{Date, Instant, Key};
use crate::load::{Id, Lang, Statement};
use crate::localize::view::{FeedEntry, LinkView, Summary};
use crate::site::routes::{CARD_FILE, Folder, Page};
use crate::site::{Lifecycle, Selection, Status};

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
    /// Who issued it.
    pub issuer: Key,
    /// Whether its claim has a picture, written beside its pages.
    pub image: bool,
    /// Whether it has a share card in each language, beside its pages.
    pub card: bool,
    /// Its tags.
    pub tags: Vec<Key>,
    /// The ids it names as related.
    pub related: Vec<Id>,
    /// How it is listed, in each language of the site in order; the build
    /// cache keeps them apart, beside the listing.
    #[serde(skip)]
    pub summaries: Summaries,
    /// When it last changed (RFC 3339): its feed entries' update, the
    /// order of the feeds and the sitemap's date.
    pub updated: String,
    /// What its pages gave, once they are rendered by this build; the build
    /// cache keeps them apart, read only for the statements that need them
    /// ([`KeptExtras`]).
    #[serde(skip)]
    pub extras: Option<Extras>,
    /// A hash of `summaries`: a list page with the same statements, whose
    /// digests are the same, is the same page.
    pub digest: u64,
}

impl Lifecycle for Listing {
    fn status(&self) -> Status {
        self.status
    }

    fn publish_at(&self) -> Option<jiff::Timestamp> {
        self.publish_at.map(|at| at.0)
    }
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
        let summaries = Summaries::new(summaries)?;
        let digest = crate::load::hash_bytes(summaries.encoded()?);
        Ok(Listing {
            id: statement.id.to_string(),
            date: record.date,
            status: record.status,
            publish_at: record.publish_at,
            issuer: record.issuer.clone(),
            image: record.claim.as_ref().is_some_and(|claim| claim.image.is_some()),
            card: site.config().share_cards.on(),
            tags: record.tags.clone(),
            related: record.related.clone(),
            summaries,
            updated: {
                let (published, updated) = crate::localize::issued_and_changed(record);
                updated.unwrap_or(published)
            },
            extras: None,
            digest,
        })
    }

    /// The files of its page in `lang`: the page in every format, its
    /// posts and its share card.
    pub fn folder(&self, lang: &Lang) -> Folder<'static> {
        let mut path = Page::Statement(&self.id).path(lang.as_str());
        path.remove(0);
        let names = if self.card { &FOLDER_FILES[..] } else { &FOLDER_FILES[1..] };
        Folder { path, names }
    }

    /// Its file outside its folders, shared by every language, relative
    /// to the site's root: its claim's picture, if it has one.
    pub fn image(&self) -> Option<String> {
        self.image.then(|| crate::site::routes::claim_image_file(&self.id).to_string_lossy().into_owned())
    }
}

/// The files of a statement's folder in a language, in the order of
/// their names: its share card, its page in each format, its posts.
const FOLDER_FILES: [&str; 4] = [CARD_FILE, Format::Html.file_name(), Format::Md.file_name(), SHARE_FILE];

/// The name of the file of a statement's posts, beside its page.
const SHARE_FILE: &str = "share.json";

/// A statement's summaries, one in each language of the site in order.
/// The build cache keeps them encoded in a file beside each bucket of
/// records, read only when a page made again shows one of its statements,
/// and a rebuild decodes those of the few statements whose pages show
/// them: of 100,000 statements, a list page made again shows a few dozen,
/// the search's files made again some hundreds. Those of a statement
/// localized by this build are held encoded too, and decoded (then kept)
/// when a page first shows them.
#[derive(Debug, Clone)]
pub struct Summaries {
    /// Their bytes (postcard).
    encoded: Encoded,
    /// Them, once asked for.
    decoded: OnceLock<Vec<Summary>>,
}

/// Where a statement's encoded summaries are.
#[derive(Debug, Clone)]
enum Encoded {
    /// Here: the statement was localized by this build.
    Own(Vec<u8>),
    /// In a file the build cache kept, from `start`, `len` bytes hashing to `hash`.
    Kept { file: Arc<dyn KeptBytes>, start: u64, len: u64, hash: u64 },
}

/// A file of the build cache.
pub trait KeptBytes: std::fmt::Debug + Send + Sync {
    /// Its `len` bytes from `start`, which must hash to `hash`.
    fn span(&self, start: u64, len: u64, hash: u64) -> Result<&[u8]>;
}

impl Summaries {
    /// The summaries of a statement just localized, held encoded only and
    /// decoded when a page shows them, as the build cache's are: decoded
    /// as well, they were 20 MB of a cold build's peak at 10,000 records,
    /// where every statement is held at once (`benches/README.md`).
    pub fn new(summaries: Vec<Summary>) -> Result<Self> {
        let encoded = postcard::to_stdvec(&summaries)
            .map_err(|err| Error::Usage(format!("cannot encode a statement's summaries: {err}")))?;
        Ok(Summaries { encoded: Encoded::Own(encoded), decoded: OnceLock::new() })
    }

    /// The summaries the build cache keeps in `file`, from `start`, `len`
    /// bytes whose hash is `hash`.
    pub fn kept(file: Arc<dyn KeptBytes>, start: u64, len: u64, hash: u64) -> Self {
        Summaries { encoded: Encoded::Kept { file, start, len, hash }, decoded: OnceLock::new() }
    }

    /// Their bytes, checked against their hash when the cache keeps them.
    pub fn encoded(&self) -> Result<&[u8]> {
        match &self.encoded {
            Encoded::Own(bytes) => Ok(bytes),
            Encoded::Kept { file, start, len, hash } => file.span(*start, *len, *hash),
        }
    }

    /// The summary in the language at `lang`, decoded the first time one is asked for.
    pub fn get(&self, lang: usize) -> Result<&Summary> {
        if self.decoded.get().is_none() {
            let decoded = postcard::from_bytes(self.encoded()?).map_err(|_| cache_does_not_fit())?;
            let _ = self.decoded.set(decoded);
        }
        self.decoded.get().and_then(|decoded| decoded.get(lang)).ok_or_else(cache_does_not_fit)
    }
}

impl Default for Summaries {
    /// None: a listing read from the build cache before its summaries are found.
    fn default() -> Self {
        Summaries { encoded: Encoded::Own(Vec::new()), decoded: OnceLock::from(Vec::new()) }
    }
}

/// What a statement's pages give the rest of the site besides its summaries,
/// in each language of the site in order: its feed entry, and its words for
/// the search. Rendered for a sink that publishes nothing, they are empty
/// but for the entries of the statements a feed shows ([`super::pages::Sink::publishes`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Extras {
    /// Its feed entry in each language.
    pub feed: Vec<FeedEntry>,
    /// Its words in each language.
    pub words: Vec<Words>,
}

/// Where the [`Extras`] of the statements a build did not render again are
/// kept: the build cache.
pub trait KeptExtras: std::fmt::Debug + Send + Sync {
    /// The extras of the statements `ids`, in that order.
    fn extras(&self, ids: &[&str]) -> Result<Vec<Extras>>;
}

/// The file of a statement's page in `lang` and `format`.
pub fn page_file(id: &str, lang: &Lang, format: Format) -> PathBuf {
    Page::Statement(id).file(lang.as_str(), format.file_name())
}

/// The file of a statement's posts in `lang`, beside its page.
pub fn share_file(id: &str, lang: &Lang) -> PathBuf {
    Page::Statement(id).file(lang.as_str(), SHARE_FILE)
}

/// A link to `other` in the language at `lang`.
pub fn link(other: &Listing, lang: usize) -> Result<LinkView> {
    let summary = other.summaries.get(lang)?;
    Ok(LinkView { headline: summary.headline.clone(), url: summary.url.clone(), mark: None })
}

/// The error of a listing without a summary in a language of the site:
/// one the build cache gave that does not fit it.
pub fn cache_does_not_fit() -> Error {
    Error::Cache("the build cache does not fit the site: build with --full".into())
}

/// Which statements each statement's page links to under a selection: those
/// on the site that it names in `related`, and those on the site that name
/// it, sorted by id.
#[derive(Debug)]
pub struct Related<'a> {
    links: FxHashMap<&'a str, Vec<&'a Listing>>,
}

impl<'a> Related<'a> {
    /// The links between the statements of `listings` on the site under `selection`.
    pub fn new(listings: &'a [Listing], selection: &Selection) -> Self {
        let on_site: Vec<&Listing> = listings.iter().filter(|l| selection.on_site(*l)).collect();
        Related { links: related_both_ways(&on_site) }
    }

    /// The statements the page of `id` links to.
    pub fn of(&self, id: &str) -> &[&'a Listing] {
        self.links.get(id).map(Vec::as_slice).unwrap_or_default()
    }
}

/// The ids of the statements of `listings` whose pages link, either way, to
/// a statement that is `changed`: those one of them names as related, and
/// those that name one of them. A change to a statement's record can alter
/// its own pages and these, whatever is on the site (a rebuild's plan and
/// `diff` render them again).
pub fn linked_to(listings: &[Listing], changed: impl Fn(&str) -> bool) -> FxHashSet<&str> {
    let mut linked = FxHashSet::default();
    for listing in listings {
        if changed(listing.id.as_str()) {
            linked.extend(listing.related.iter().map(Id::as_str));
        }
        if listing.related.iter().any(|id| changed(id.as_str())) {
            linked.insert(listing.id.as_str());
        }
    }
    linked
}

/// For each statement, the statements of `on_site` it relates to: those it
/// names in `related` and those that name it, sorted by id.
fn related_both_ways<'a>(on_site: &[&'a Listing]) -> FxHashMap<&'a str, Vec<&'a Listing>> {
    let by_id: FxHashMap<&str, &Listing> = on_site.iter().map(|l| (l.id.as_str(), *l)).collect();
    let mut links: FxHashMap<&str, Vec<&Listing>> = FxHashMap::default();
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

/// The hashes of the views the site's shared pages (indexes, tag pages,
/// feeds, root, sitemap) were rendered from, by file. A page whose view
/// hashes the same as in the last build is kept, not rendered: the
/// templates and messages are the same, or the build cache would not be used.
///
/// It knows too what the last build's search indexes were made of: the
/// order of the statements each numbered (beside its manifest's view, as
/// `<manifest>#order`), and which statements are rendered again since,
/// whose words in that build the cache keeps, so that an index is patched
/// rather than made again; and where the extras of the statements not
/// rendered again are.
#[derive(Debug, Default)]
pub struct Memo {
    pub(super) previous: BTreeMap<String, u64>,
    pub(super) next: Mutex<BTreeMap<String, u64>>,
    /// The statements rendered again whose extras the cache has from the last build, by id.
    pub(super) again: FxHashSet<String>,
    /// The extras of the last build's statements.
    kept: Option<Arc<dyn KeptExtras>>,
}

impl Memo {
    /// A memo of the last build's views, of the statements rendered again
    /// (`again`), and of where the extras of that build's statements are.
    pub fn new(previous: BTreeMap<String, u64>, again: FxHashSet<String>, kept: Option<Arc<dyn KeptExtras>>) -> Self {
        Memo { previous, next: Mutex::default(), again, kept }
    }

    /// The views of this build.
    pub fn into_views(self) -> BTreeMap<String, u64> {
        self.next.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The extras of `listings`: those rendered by this build as they are,
    /// the others from where the last build kept them.
    pub(super) fn extras<'l>(&self, listings: &[&'l Listing]) -> Result<Vec<Cow<'l, Extras>>> {
        let missing: Vec<&str> = listings.iter().filter(|l| l.extras.is_none()).map(|l| l.id.as_str()).collect();
        let found = match &self.kept {
            Some(kept) if !missing.is_empty() => kept.extras(&missing)?,
            _ => Vec::new(),
        };
        if found.len() != missing.len() {
            return Err(Error::Usage(format!("no feed entry nor words are known of {}", missing.join(", "))));
        }
        let mut found = found.into_iter();
        let mut extras = Vec::with_capacity(listings.len());
        for listing in listings {
            match &listing.extras {
                Some(own) => extras.push(Cow::Borrowed(own)),
                None => extras.push(Cow::Owned(found.next().unwrap_or_default())),
            }
        }
        Ok(extras)
    }

    /// The extras the last build had of those of `ids` rendered again, by
    /// id. A cache that cannot give them is an error, not "no change": an
    /// index patched without a statement's old words keeps them.
    pub(super) fn extras_before<'i>(&self, ids: impl Iterator<Item = &'i str>) -> Result<FxHashMap<&'i str, Extras>> {
        if self.again.is_empty() {
            return Ok(FxHashMap::default());
        }
        let again: Vec<&str> = ids.filter(|id| self.again.contains(*id)).collect();
        let Some(kept) = self.kept.as_ref().filter(|_| !again.is_empty()) else { return Ok(FxHashMap::default()) };
        let extras = kept.extras(&again)?;
        Ok(again.into_iter().zip(extras).collect())
    }
}
