//! The typed views templates receive: one per statement and language, with
//! every message resolved and every figure and date formatted. Templates
//! never see raw YAML.

use serde::{Deserialize, Serialize};

use crate::load::record::{Kind, Status};

/// A piece of record text in both output forms.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Text {
    /// Inline Markdown, figures filled in, escaped so that only its
    /// emphasis, code and allowed links are markup: for the `.md` output,
    /// used with `| safe`.
    pub md: String,
    /// Safe HTML rendered from `md`: for the `.html` output, used with `| safe`.
    pub html: String,
    /// The words alone, without markup: for titles and metadata.
    pub plain: String,
}

/// A date, formatted for the page's language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DateView {
    /// `2021-06-10`, for `<time datetime>`.
    pub iso: String,
    /// "गुरुवार, 10 जून 2021".
    pub full: String,
    /// "10 जून 2021".
    pub long: String,
}

/// The site, as every page sees it.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView<'a> {
    /// The site's title in this language.
    pub title: &'a str,
    /// `https://…` without a trailing slash.
    pub base_url: &'a str,
    /// Scheme, host and port: `https://example.gov.in`. An absolute URL
    /// is this followed by a page's `url` (which starts with the site's
    /// folder, if any).
    pub origin: &'a str,
    /// The page belongs to a preview with drafts: search engines must not
    /// index it. Set by the render step, which knows the selection.
    pub preview: bool,
    /// The site's root from the host's root, with a trailing slash: `/`, or
    /// `/factcheck/` for a site published in a folder. Templates link to
    /// their own files from it: `{{ site.root }}style.css`.
    pub root: &'a str,
    /// The page's language.
    pub lang: &'a str,
    /// The site's languages, default first.
    pub languages: Vec<&'a str>,
    /// The link to the language's index: `/hi/`.
    pub home: String,
    /// The link to its index of topics: `/hi/tags/`.
    pub topics: String,
    /// The link to its search page: `/hi/search/`.
    pub search: String,
    /// "भारत सरकार", "Government of India": whose site it is.
    pub government: Option<&'a str>,
    /// The ministry or department the site belongs to.
    pub parent: Option<ParentView<'a>>,
    /// The body's logo.
    pub logo: Option<LogoView<'a>>,
    /// Where to report a claim; `None` when the site names no channel.
    pub report: Option<ReportView<'a>>,
    /// The site's own pages, for the footer: title and link.
    pub pages: Vec<Crumb>,
}

/// The body a site belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct ParentView<'a> {
    /// Its name in this language.
    pub name: &'a str,
    /// Its website.
    pub url: &'a str,
}

/// The site's logo.
#[derive(Debug, Clone, Serialize)]
pub struct LogoView<'a> {
    /// Its link from any page: `/logo.svg`.
    pub src: String,
    /// Its text alternative in this language.
    pub alt: &'a str,
}

/// The channels to report a claim through.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView<'a> {
    /// A WhatsApp number.
    pub whatsapp: Option<WhatsAppView<'a>>,
    /// An e-mail address.
    pub email: Option<&'a str>,
    /// A web form's address.
    pub form: Option<&'a str>,
}

/// A WhatsApp number and its chat link.
#[derive(Debug, Clone, Serialize)]
pub struct WhatsAppView<'a> {
    /// As written: "+91 11 2306 1111".
    pub number: &'a str,
    /// `https://wa.me/911123061111`.
    pub link: String,
}

/// A link to the same page in another language.
#[derive(Debug, Clone, Serialize)]
pub struct Translation<'a> {
    /// Its language code, for `hreflang` and `lang`.
    pub lang: &'a str,
    /// The link to it, from the host's root.
    pub url: String,
    /// The language's name in that language: "हिन्दी", "English".
    pub name: String,
    /// "हिन्दी में पढ़ें", "Read in English": link text in that language.
    pub label: String,
}

/// The issuing body.
#[derive(Debug, Clone, Serialize)]
pub struct IssuerView<'a> {
    /// Full name.
    pub name: &'a str,
    /// Short name.
    pub short: &'a str,
    /// Its own website.
    pub url: Option<&'a str>,
    /// Its list of statements on this site.
    pub page: String,
}

/// The verdict with its label in this language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerdictView {
    /// `false`, `fake`, …: for CSS classes.
    pub key: String,
    /// "False", "गलत".
    pub label: String,
}

/// The claim being answered.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimView<'a> {
    /// What was claimed.
    pub text: Text,
    /// Who claimed it, as the page says it.
    pub claimant: Option<Text>,
    /// Its named author, for the structured data.
    pub author: Option<AuthorView<'a>>,
    /// When it was first seen.
    pub first_seen: Option<DateView>,
    /// Where it appeared.
    pub appearances: Vec<&'a str>,
    /// Its picture as it circulated.
    pub image: Option<ImageView>,
}

/// A picture on a page.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// Its link from any page.
    pub src: String,
    /// Its absolute address, for Markdown.
    pub url: String,
    /// What it shows, in this language.
    pub alt: String,
    /// Its width in pixels: set by the render step, which makes the file.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

/// The named author of a claim.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorView<'a> {
    /// The name in this language.
    pub name: String,
    /// `Person` or `Organization`.
    pub kind: &'static str,
    /// Their address.
    pub url: Option<&'a str>,
}

/// A quotation with its speaker.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView<'a> {
    /// The words.
    pub text: Text,
    /// "डॉ. आर. एस. शर्मा".
    pub name: &'a str,
    /// Their office.
    pub role: &'a str,
}

/// One myth and its fact.
#[derive(Debug, Clone, Serialize)]
pub struct MythView {
    /// The myth.
    pub myth: Text,
    /// The fact.
    pub fact: Text,
    /// The finding on the myth.
    pub verdict: VerdictView,
}

/// A supporting document.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView<'a> {
    /// Its title.
    pub title: Text,
    /// Its address.
    pub url: &'a str,
}

/// A link to another statement.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Its headline in this language.
    pub headline: Text,
    /// Its URL path.
    pub url: String,
    /// In a preview, the mark ("Draft", "Embargoed") of a statement not published.
    pub mark: Option<String>,
}

/// A tag with its label.
#[derive(Debug, Clone, Serialize)]
pub struct TagView<'a> {
    /// The key, for URLs.
    pub key: &'a str,
    /// The label in this language.
    pub label: &'a str,
    /// The tag's page in this language.
    pub url: String,
}

/// The press contact.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView<'a> {
    /// Name or office.
    pub name: &'a str,
    /// E-mail address.
    pub email: Option<&'a str>,
    /// Telephone.
    pub phone: Option<&'a str>,
}

/// A dated note: a correction, or the withdrawal.
#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    /// When.
    pub date: DateView,
    /// What.
    pub note: Text,
}

/// One statement in one language.
#[derive(Debug, Clone, Serialize)]
pub struct StatementView<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its kind.
    pub kind: Kind,
    /// Draft, published or withdrawn.
    pub status: Status,
    /// Its URL path in this language: `/hi/2021/06/cowin-data-breach/`.
    pub url: String,
    /// The headline.
    pub headline: Text,
    /// The opening sentence made from Fluent (rebuttals).
    pub lead: Option<Text>,
    /// Date of issue.
    pub date: DateView,
    /// "नई दिल्ली, 10 जून 2021".
    pub dateline: String,
    /// "Issued by the Ministry of … on Thursday, 10 June 2021."
    pub issued_by: String,
    /// Who issued it.
    pub issuer: IssuerView<'a>,
    /// The finding.
    pub verdict: Option<VerdictView>,
    /// The claim.
    pub claim: Option<ClaimView<'a>>,
    /// Facts.
    pub facts: Vec<Text>,
    /// Actions taken.
    pub actions: Vec<Text>,
    /// Quotations.
    pub quotes: Vec<QuoteView<'a>>,
    /// Myth/fact pairs.
    pub myths: Vec<MythView>,
    /// Supporting documents.
    pub sources: Vec<SourceView<'a>>,
    /// Related statements.
    pub related: Vec<LinkView>,
    /// Tags.
    pub tags: Vec<TagView<'a>>,
    /// Press contact.
    pub contact: Option<ContactView<'a>>,
    /// Corrections, oldest first.
    pub updates: Vec<NoteView>,
    /// The withdrawal, if withdrawn.
    pub withdrawn: Option<NoteView>,
    /// Embargoed until this moment (shown only in `--drafts` builds).
    pub embargo: Option<String>,
    /// The time of issue, when the record names one (`publish_at`): "शाम
    /// 6:30 बजे", "6:30 pm IST". Set by the render step, as `embargo`.
    pub issued_at: Option<String>,
}

/// One `<link rel="alternate" hreflang>`: a version of a page.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// A language code, or `x-default`.
    pub hreflang: String,
    /// The absolute URL.
    pub href: String,
}

/// What the `<head>` of an HTML page says about it.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// `<title>`: the page's own title and the site's.
    pub title: String,
    /// The page's own title, for Open Graph.
    pub og_title: String,
    /// Meta description, cut at a grapheme boundary.
    pub description: String,
    /// Open Graph description: a statement's finding where it is shared
    /// (its verdict and first fact, or its first myth and fact), else the
    /// description.
    pub og_description: String,
    /// The Open Graph locales of the page's other languages.
    pub og_locales: Vec<String>,
    /// A statement's time of issue, RFC 3339.
    pub published: Option<String>,
    /// A statement's last correction or withdrawal, RFC 3339.
    pub modified: Option<String>,
    /// The absolute canonical URL.
    pub canonical: String,
    /// Open Graph type: `article` or `website`.
    pub og_type: &'static str,
    /// Open Graph locale: `hi_IN`.
    pub og_locale: String,
    /// Every language version of the page, itself and `x-default` included.
    pub alternates: Vec<Alternate>,
    /// Search engines must not index the page: a page not found.
    pub noindex: bool,
    /// A statement's share card, which its link preview shows.
    pub image: Option<CardImage>,
}

/// A share card as a link preview names it (`og:image`).
#[derive(Debug, Clone, Serialize)]
pub struct CardImage {
    /// Its absolute URL.
    pub url: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// What it shows, for those who cannot see it.
    pub alt: String,
}

/// What a share card shows beyond the statement's view (`card` in `card.svg`).
#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    /// The stamp: the verdict, "withdrawn", or a myth-buster's count of myths.
    pub stamp: String,
    /// The site's logo: its file name, the one `<image href>` a card may show.
    pub logo: Option<String>,
    /// The site's address as people write it: `factcheck.example.gov.in`.
    pub address: String,
}

/// A statement page's template context.
#[derive(Debug, Clone, Serialize)]
pub struct StatementPage<'a> {
    /// The links above the page.
    pub breadcrumbs: Vec<Crumb>,
    /// The page's language; the `t()` template function reads it.
    pub lang: &'a str,
    /// The site.
    pub site: SiteView<'a>,
    /// The page's metadata.
    pub meta: PageMeta,
    /// The same statement in the site's other languages.
    pub translations: Vec<Translation<'a>>,
    /// The statement.
    pub statement: StatementView<'a>,
    /// schema.org JSON-LD, already escaped for a `<script>` element.
    pub structured_data: String,
    /// Its posts for X, WhatsApp and Telegram, written beside the page.
    pub posts: super::share::Posts,
    /// The links that open them.
    pub share: super::share::ShareLinks,
    /// What its share card shows, when the site has cards.
    pub card: Option<CardView>,
}

/// A statement as listed on an index page, or linked from a related one.
/// Owned, so that the build cache can keep it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    /// Its id.
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// Its URL path.
    pub url: String,
    /// Its headline.
    pub headline: Text,
    /// Date of issue.
    pub date: DateView,
    /// The finding.
    pub verdict: Option<VerdictView>,
    /// Its mark: in a preview, why it is not published ("Draft",
    /// "Embargoed"); anywhere, "Withdrawn". Set by the render step when it
    /// lists it.
    pub mark: Option<String>,
    /// Withdrawn: its verdict no longer stands. Set with `mark`.
    #[serde(default)]
    pub withdrawn: bool,
}

/// A statement as a list shows it: its listing's summary, or a copy of it
/// with a mark. Two words wide, where a summary is some thirty: the search
/// holds one for every statement of the site in each language.
#[derive(Debug, Clone)]
pub enum Listed<'a> {
    /// The listing's own summary.
    Plain(&'a Summary),
    /// A copy with its mark set.
    Marked(Box<Summary>),
}

impl std::ops::Deref for Listed<'_> {
    type Target = Summary;

    fn deref(&self) -> &Summary {
        match self {
            Listed::Plain(summary) => summary,
            Listed::Marked(summary) => summary,
        }
    }
}

impl Serialize for Listed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Summary::serialize(self, serializer)
    }
}

/// Where an index page is among its pages.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages.
    pub total: usize,
    /// The URL path of the page with newer statements.
    pub newer: Option<String>,
    /// The URL path of the page with older statements.
    pub older: Option<String>,
}

/// One of the site's own pages, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// Its title.
    pub title: String,
    /// Its sections.
    pub sections: Vec<SectionView>,
    /// When its words last changed.
    pub updated: DateView,
}

/// A section of a page of the site's own.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// Its heading.
    pub heading: Option<Text>,
    /// Its paragraphs.
    pub paragraphs: Vec<Text>,
    /// Its list's items.
    pub list: Vec<Text>,
}

/// The template context of a page of the site's own.
#[derive(Debug, Clone, Serialize)]
pub struct AboutPage<'a> {
    /// The page's language.
    pub lang: &'a str,
    /// The links above the page.
    pub breadcrumbs: Vec<Crumb>,
    /// The site.
    pub site: SiteView<'a>,
    /// The page's metadata.
    pub meta: PageMeta,
    /// The same page in the other languages.
    pub translations: Vec<Translation<'a>>,
    /// The page.
    pub page: PageView,
}

/// A link on the way to a page, or to a year's archive.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// Its words.
    pub label: String,
    /// Its link.
    pub url: String,
}

/// A list page's template context: a page of a language's index, or of a
/// tag's, an issuer's or a year's list.
#[derive(Debug, Clone, Serialize)]
pub struct ListPage<'a> {
    /// The page's language.
    pub lang: &'a str,
    /// Its heading: the list's title without the page's number.
    pub heading: String,
    /// The links above the page: the index, and on a tag's page the topics.
    pub breadcrumbs: Vec<Crumb>,
    /// The number of the page's first statement in the whole list, from 1,
    /// so that the numbers go on across pages.
    pub first: usize,
    /// On the index, the years with statements, newest first.
    pub years: Vec<Crumb>,
    /// The site.
    pub site: SiteView<'a>,
    /// The page's metadata.
    pub meta: PageMeta,
    /// The same page in the other languages.
    pub translations: Vec<Translation<'a>>,
    /// Statements, newest first.
    pub statements: Vec<Listed<'a>>,
    /// How many statements the whole list has.
    pub total: usize,
    /// Page numbers, on an index.
    pub pagination: Option<Pagination>,
}

/// One language on the root page, or on the site's page not found.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageChoice<'a> {
    /// Its code.
    pub lang: &'a str,
    /// Its index URL path.
    pub url: String,
    /// The language's own name.
    pub name: String,
    /// The site's title in that language.
    pub title: &'a str,
    /// The site as that language's pages see it: templates set it as
    /// `site`, with `lang`, to write that language's parts.
    pub site: SiteView<'a>,
    /// Its latest statements, newest first.
    pub latest: Vec<Listed<'a>>,
}

/// One tag on the index of tags.
#[derive(Debug, Clone, Serialize)]
pub struct TagEntry<'a> {
    /// The tag.
    pub tag: TagView<'a>,
    /// How many statements on the site have it.
    pub count: usize,
}

/// A language's index of tags.
#[derive(Debug, Clone, Serialize)]
pub struct TagsPage<'a> {
    /// The links above the page.
    pub breadcrumbs: Vec<Crumb>,
    /// The page's language.
    pub lang: &'a str,
    /// The site.
    pub site: SiteView<'a>,
    /// The page's metadata.
    pub meta: PageMeta,
    /// The same page in the other languages.
    pub translations: Vec<Translation<'a>>,
    /// The tags, in the language's alphabetical order.
    pub tags: Vec<TagEntry<'a>>,
}

/// A language's page shown for an address with no page (the site's own,
/// which offers every language, is a [`RootPage`]).
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundPage<'a> {
    /// The links above the page.
    pub breadcrumbs: Vec<Crumb>,
    /// The page's language: a language's, or the default for the site's.
    pub lang: &'a str,
    /// The site.
    pub site: SiteView<'a>,
    /// The page's metadata.
    pub meta: PageMeta,
    /// The indexes of the other languages.
    pub translations: Vec<Translation<'a>>,
}

/// A language's search page, whose script reads the index beside it.
#[derive(Debug, Clone, Serialize)]
pub struct SearchPage<'a> {
    /// The links above the page.
    pub breadcrumbs: Vec<Crumb>,
    /// The page's language.
    pub lang: &'a str,
    /// The site.
    pub site: SiteView<'a>,
    /// The page's metadata.
    pub meta: PageMeta,
    /// The same page in the other languages.
    pub translations: Vec<Translation<'a>>,
    /// How many results the page shows at most.
    pub shown: usize,
    /// The locale the script counts results in, with the site's digits and
    /// grouping for the language: `hi-IN-u-nu-latn`.
    pub numbers: String,
}

/// The root page: the choice of language.
#[derive(Debug, Clone, Serialize)]
pub struct RootPage<'a> {
    /// The default language, for `<html lang>`.
    pub lang: &'a str,
    /// The site, in the default language.
    pub site: SiteView<'a>,
    /// The page's metadata.
    pub meta: PageMeta,
    /// The languages.
    pub choices: Vec<LanguageChoice<'a>>,
    /// The site's page not found, which offers every language: the message
    /// in each instead of the latest statements.
    pub not_found: bool,
}

/// An entry of an Atom feed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FeedEntry {
    /// The headline.
    pub title: String,
    /// The absolute URL, also the entry's id.
    pub url: String,
    /// RFC 3339.
    pub published: String,
    /// RFC 3339: the latest correction's date, or `published`.
    pub updated: String,
    /// Who issued it.
    pub author: String,
    /// The description, and every correction with its date.
    pub summary: String,
}

/// A language's Atom feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedPage<'a> {
    /// The feed's language.
    pub lang: &'a str,
    /// The site.
    pub site: SiteView<'a>,
    /// The feed's own absolute URL, also its id.
    pub url: String,
    /// The absolute URL of the language's index.
    pub home: String,
    /// RFC 3339: the newest entry's `updated`.
    pub updated: String,
    /// Entries, newest first.
    pub entries: Vec<FeedEntry>,
}

/// One URL of the sitemap.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapUrl {
    /// The absolute URL.
    pub loc: String,
    /// Its versions in every language.
    pub alternates: Vec<Alternate>,
    /// When it last changed (W3C date and time), for a statement's page.
    pub lastmod: Option<String>,
}

/// The sitemap's template context.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapPage {
    /// Every page of the site, or of its part in this sitemap.
    pub urls: Vec<SitemapUrl>,
}

/// The template context of the index of sitemaps, when the site has more
/// URLs than one sitemap may list.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapIndex {
    /// The absolute URL of each sitemap.
    pub sitemaps: Vec<String>,
}
