//! Step 3, localize: turn each record into one typed view per language.
//!
//! All Fluent messages are resolved here or by the templates' strict `t()`
//! function, figures and dates are formatted for the language with ICU4X,
//! and inline Markdown is rendered safely. The views borrow from the loaded
//! site, so nothing is copied that a template only reads.

pub mod dates;
pub mod fluent;
pub mod ftl;
pub mod jsonld;
pub mod markdown;
pub mod numbers;
pub mod parity;
pub mod pattern;
pub mod share;
pub mod text;
pub mod view;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use ::fluent::{FluentArgs, FluentValue};

use crate::diag::Rule;
use crate::diag::{Diagnostics, Error, Location, Result};

use crate::load::page::SitePage;
use crate::load::record::{Kind, Record, Verdict};
use crate::load::types::{Date, Localized};
use crate::load::yaml::YamlPath;
use crate::load::{Config, Lang, Site, Source, Statement};
use crate::site::Mark;
use crate::site::routes::{CARD_SIZE, Page, card_path, claim_image_path};
use dates::DateFormat;
use fluent::Messages;
use numbers::NumberFormat;
use view::*;

/// Everything needed to localize: messages and formatters for every
/// language of the site, built once.
#[derive(Debug)]
pub struct Localizer {
    /// The Fluent messages, shared with the template engine.
    pub messages: Arc<Messages>,
    dates: BTreeMap<Lang, DateFormat>,
}

/// The text of `localized` in `lang`. `check` has made sure every language
/// is present before anything is localized, so a gap here is impossible;
/// it would show as an empty string, not a crash.
pub fn pick<'a>(localized: &'a Localized, lang: &Lang) -> &'a str {
    localized.0.get(lang).map_or("", |text| text.as_str())
}

/// The URL path of a statement in a language, from the site's root.
pub fn statement_url(lang: &Lang, id: &str) -> String {
    Page::Statement(id).path(lang.as_str())
}

/// A message tathya asks for by name from Rust. Every locale must have each
/// of [`Msg::all`]; templates ask for the others with `t()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// The language's own name: "हिन्दी".
    LanguageName,
    /// The link text that offers the language: "हिन्दी में पढ़ें".
    ReadInLanguage,
    /// "गुरुवार, 10 जून 2021", from `$weekday`, `$day`, `$month`, `$year`.
    DateFull,
    /// "10 जून 2021".
    DateLong,
    /// "नई दिल्ली, 10 जून 2021", from `$place` and `$date`.
    Dateline,
    /// The default headline of a kind of statement.
    Headline(Kind),
    /// The opening sentence of a rebuttal.
    RebuttalLead,
    /// A verdict's label.
    Verdict(Verdict),
    /// A kind's name.
    Kind(Kind),
    /// The heading of a language's index.
    IndexHeading,
    /// The description of the index and the root page.
    IndexDescription,
    /// "Page 2 of 5".
    PageTitle,
    /// The title of a tag's page.
    TagTitle,
    /// The description of a tag's page.
    TagDescription,
    /// The notice on an embargoed statement shown with `--drafts`.
    EmbargoNotice,
    /// The browser's title of a page, from its own and the site's.
    WindowTitle,
    /// "Issued by the Ministry of … on …", from the issuer and the full date.
    IssuedBy,
    /// "This statement was withdrawn on …", from `$date`.
    WithdrawnNotice,
    /// A statement's mark (draft, embargoed, withdrawn), from `$state`.
    StatusMark,
    /// A title with that mark, from `$mark` and `$title`.
    MarkedTitle,
    /// The title of the index of tags.
    TagsTitle,
    /// Its description.
    TagsDescription,
    /// The title of the page shown for an address with no page.
    NotFoundTitle,
    /// Its text.
    NotFoundText,
    /// The title of an issuer's list, from `$issuer`.
    IssuerTitle,
    /// Its description.
    IssuerDescription,
    /// The title of a year's list, from `$year`.
    YearTitle,
    /// Its description.
    YearDescription,
    /// The time a statement is issued at, from the same arguments as the
    /// embargo notice.
    IssueTime,
    /// What a statement's link says where it is shared, by kind.
    ShareDescription(Kind),
    /// The same finding in a post, a line for each part, by kind.
    SharePost(Kind),
    /// The title of the search page.
    SearchTitle,
    /// Its description.
    SearchDescription,
    /// A myth-buster's share card stamp: how many myths it answers.
    CardMyths,
    /// A share card's text alternative.
    CardAlt,
    /// A withdrawn statement's share card stamp.
    CardWithdrawn,
}

impl Msg {
    /// Every message tathya asks for by name.
    pub fn all() -> Vec<Msg> {
        let mut all = vec![
            Msg::LanguageName,
            Msg::ReadInLanguage,
            Msg::DateFull,
            Msg::DateLong,
            Msg::Dateline,
            Msg::RebuttalLead,
            Msg::IndexHeading,
            Msg::IndexDescription,
            Msg::PageTitle,
            Msg::TagTitle,
            Msg::TagDescription,
            Msg::EmbargoNotice,
            Msg::WindowTitle,
            Msg::IssuedBy,
            Msg::WithdrawnNotice,
            Msg::StatusMark,
            Msg::MarkedTitle,
            Msg::TagsTitle,
            Msg::TagsDescription,
            Msg::NotFoundTitle,
            Msg::NotFoundText,
            Msg::IssuerTitle,
            Msg::IssuerDescription,
            Msg::YearTitle,
            Msg::YearDescription,
            Msg::IssueTime,
            Msg::SearchTitle,
            Msg::SearchDescription,
            Msg::CardMyths,
            Msg::CardAlt,
            Msg::CardWithdrawn,
        ];
        all.extend(Kind::ALL.into_iter().flat_map(|kind| {
            [Msg::Headline(kind), Msg::Kind(kind), Msg::ShareDescription(kind), Msg::SharePost(kind)]
        }));
        all.extend(Verdict::ALL.into_iter().map(Msg::Verdict));
        all
    }

    /// Its id in the `.ftl` files.
    pub fn id(self) -> String {
        match self {
            Msg::LanguageName => "language-name".into(),
            Msg::ReadInLanguage => "read-in-language".into(),
            Msg::DateFull => "date-full".into(),
            Msg::DateLong => "date-long".into(),
            Msg::Dateline => "dateline".into(),
            Msg::Headline(kind) => format!("{}-headline", kind.as_str()),
            Msg::ShareDescription(kind) => format!("share-{}", kind.as_str()),
            Msg::SharePost(kind) => format!("share-post-{}", kind.as_str()),
            Msg::RebuttalLead => "rebuttal-lead".into(),
            Msg::Verdict(verdict) => format!("verdict-{}", verdict.as_str()),
            Msg::Kind(kind) => format!("kind-{}", kind.as_str()),
            Msg::IndexHeading => "index-heading".into(),
            Msg::IndexDescription => "index-description".into(),
            Msg::PageTitle => "page-title".into(),
            Msg::TagTitle => "tag-title".into(),
            Msg::TagDescription => "tag-description".into(),
            Msg::EmbargoNotice => "embargo-notice".into(),
            Msg::WindowTitle => "window-title".into(),
            Msg::IssuedBy => "issued-by".into(),
            Msg::WithdrawnNotice => "withdrawn-notice".into(),
            Msg::StatusMark => "status-mark".into(),
            Msg::MarkedTitle => "marked-title".into(),
            Msg::TagsTitle => "tags-title".into(),
            Msg::TagsDescription => "tags-description".into(),
            Msg::NotFoundTitle => "not-found-title".into(),
            Msg::NotFoundText => "not-found-text".into(),
            Msg::IssuerTitle => "issuer-title".into(),
            Msg::IssuerDescription => "issuer-description".into(),
            Msg::YearTitle => "year-title".into(),
            Msg::YearDescription => "year-description".into(),
            Msg::IssueTime => "issue-time".into(),
            Msg::SearchTitle => "search-title".into(),
            Msg::SearchDescription => "search-description".into(),
            Msg::CardMyths => "card-myths".into(),
            Msg::CardAlt => "card-alt".into(),
            Msg::CardWithdrawn => "card-withdrawn".into(),
        }
    }
}

/// How many grapheme clusters a meta description may have.
const DESCRIPTION_LENGTH: usize = 160;

impl Localizer {
    /// Loads the locales of the site at `root` and prepares the formatters;
    /// warnings go to `warnings`, errors fail it.
    pub fn load(root: &Path, settings: &Source<Config>, warnings: &mut Diagnostics) -> Result<Self> {
        let config = &settings.value;
        let mut numbers = BTreeMap::new();
        let mut dates = BTreeMap::new();
        for (i, lang) in config.languages.iter().enumerate() {
            let numbering = config.numbers(lang);
            let setup_error = |message: String| Error::content(Rule::BadSetting, language_place(settings, i), message);
            numbers.insert(lang.clone(), Arc::new(NumberFormat::new(lang.as_str(), &numbering).map_err(setup_error)?));
            let nukta = config.style(lang).nukta;
            dates.insert(lang.clone(), DateFormat::new(lang.as_str(), &numbering, nukta).map_err(setup_error)?);
        }
        let messages = Arc::new(Messages::load(root, settings, &numbers, warnings)?);
        Ok(Localizer { messages, dates })
    }

    /// The site as pages in `lang` see it.
    pub fn site_view<'a>(&self, site: &'a Site, lang: &'a Lang) -> SiteView<'a> {
        let config = site.config();
        SiteView {
            title: pick(&config.title, lang),
            base_url: config.base_url.url().as_str(),
            origin: config.base_url.url().origin(),
            root: config.base_url.url().root(),
            lang: lang.as_str(),
            languages: config.languages.iter().map(Lang::as_str).collect(),
            preview: false,
            home: config.base_url.url().href(&Page::Index(1).path(lang.as_str())),
            topics: config.base_url.url().href(&Page::Tags.path(lang.as_str())),
            search: config.base_url.url().href(&Page::Search.path(lang.as_str())),
            government: config.identity.government.as_ref().map(|text| pick(text, lang)),
            parent: config
                .identity
                .parent
                .as_ref()
                .map(|p| ParentView { name: pick(&p.name, lang), url: p.url.as_str() }),
            logo: config.identity.logo.as_ref().map(|logo| LogoView {
                src: config.base_url.url().href(&format!("/{}", logo.file.as_str())),
                alt: pick(&logo.alt, lang),
            }),
            report: (!config.report.is_empty()).then(|| ReportView {
                whatsapp: config.report.whatsapp.as_ref().map(|w| WhatsAppView { number: w.as_str(), link: w.link() }),
                email: config.report.email.as_ref().map(|e| e.as_str()),
                form: config.report.form.as_ref().map(|f| f.as_str()),
            }),
            pages: site
                .pages
                .iter()
                .map(|page| Crumb {
                    label: pick(&page.record().title, lang).to_owned(),
                    url: config.base_url.url().href(&Page::About(&page.slug).path(lang.as_str())),
                })
                .collect(),
        }
    }

    /// The text at `path` of the file `source` (a record, or a page of the
    /// site's own) in `lang`, as inline Markdown with `figures` filled in;
    /// an error points at its character in the file.
    fn format_text<T>(
        &self,
        root: &Path,
        source: &Source<T>,
        path: &YamlPath,
        localized: &Localized,
        lang: &Lang,
        figures: &FluentArgs,
    ) -> Result<String> {
        let value = pick(localized, lang);
        self.messages.format_text(lang, value, figures).map_err(|err| {
            let message = format!("`{path}.{lang}`: {}", err.message);
            let at = path.join(lang.as_str());
            Error::Content(vec![crate::load::at_text(&source.placed(root), err.rule, &at, value, err.offset, message)])
        })
    }

    /// A page of the site's own in `lang`: its texts read as record text is
    /// (inline Markdown, read as a Fluent pattern with no figures).
    pub fn site_page(&self, site: &Site, page: &SitePage, lang: &Lang) -> Result<PageView> {
        let record = page.record();
        let no_figures = FluentArgs::new();
        let text = |path: YamlPath, localized: &Localized| -> Result<Text> {
            Ok(as_text(self.format_text(&site.root, &page.source, &path, localized, lang, &no_figures)?))
        };
        let root = YamlPath::default();
        let mut sections = Vec::new();
        for (i, section) in record.sections.iter().enumerate() {
            let at = root.join("sections").join(i);
            let texts = |name: &str, items: &[Localized]| -> Result<Vec<Text>> {
                items.iter().enumerate().map(|(j, item)| text(at.join(name).join(j), item)).collect()
            };
            sections.push(SectionView {
                heading: section.heading.as_ref().map(|heading| text(at.join("heading"), heading)).transpose()?,
                paragraphs: texts("paragraphs", &section.paragraphs)?,
                list: texts("list", &section.list)?,
            });
        }
        Ok(PageView {
            title: text(root.join("title"), &record.title)?.plain,
            sections,
            updated: self.date(lang, record.updated)?,
        })
    }

    /// Links to the page at `path_of(lang)` in every language but `lang`.
    pub fn translations<'a>(
        &self,
        site: &'a Site,
        lang: &Lang,
        path_of: impl Fn(&Lang) -> String,
    ) -> Result<Vec<Translation<'a>>> {
        let mut out = Vec::new();
        let urls = site.config().base_url.url();
        for other in site.config().languages.iter().filter(|other| *other != lang) {
            let name = self.message(other, Msg::LanguageName, None)?;
            let label = self.message(other, Msg::ReadInLanguage, None)?;
            out.push(Translation { lang: other.as_str(), url: urls.href(&path_of(other)), name, label });
        }
        Ok(out)
    }

    /// Formats a boilerplate message; a failure is an error of the locale.
    pub fn message(&self, lang: &Lang, message: Msg, args: Option<&FluentArgs>) -> Result<String> {
        let id = message.id();
        self.messages.format(lang, &id, args).map_err(|err| {
            let location = self.messages.location(lang, &id);
            Error::content(err.rule(Rule::RequiredMessage), location, err.describe(&id, lang))
        })
    }

    /// A time of day in `lang`, on the 12-hour clock: "6:30", "६:३०".
    pub fn clock(&self, lang: &Lang, hour: i8, minute: i8) -> String {
        self.dates.get(lang).map(|format| format.clock(hour, minute)).unwrap_or_default()
    }

    /// A date in `lang`, in the forms templates use.
    pub fn date(&self, lang: &Lang, date: Date) -> Result<DateView> {
        let parts = self.dates.get(lang).map(|format| format.parts(date)).unwrap_or_default();
        let mut args = FluentArgs::new();
        args.set("weekday", parts.weekday);
        args.set("day", parts.day);
        args.set("month", parts.month);
        args.set("year", parts.year);
        Ok(DateView {
            iso: date.0.to_string(),
            full: self.message(lang, Msg::DateFull, Some(&args))?,
            long: self.message(lang, Msg::DateLong, Some(&args))?,
        })
    }

    /// A statement's whole page in `lang`: view, metadata and JSON-LD.
    /// `summary` is its [`Localizer::summary`] in `lang`, whose headline,
    /// date and verdict the page shows too; `related` links to the
    /// statements on the site that it names or that name it.
    pub fn statement_page<'a>(
        &'a self,
        site: &'a Site,
        statement: &'a Statement,
        lang: &'a Lang,
        summary: Summary,
        related: Vec<LinkView>,
    ) -> Result<StatementPage<'a>> {
        let view = Ctx::new(self, site, statement, lang).statement(summary, related)?;
        let id = statement.id.as_str();
        let site_view = self.site_view(site, lang);
        // A withdrawn statement says so where it is shared and searched, and
        // no longer asserts its verdict in structured data.
        let (title, description) = match &view.withdrawn {
            Some(withdrawn) => {
                let title = self.marked_title(lang, Mark::Withdrawn, &view.headline.plain)?;
                let mut args = FluentArgs::new();
                args.set("date", withdrawn.date.long.clone());
                let notice = self.message(lang, Msg::WithdrawnNotice, Some(&args))?;
                (title, format!("{notice} {}", withdrawn.note.plain))
            }
            None => (view.headline.plain.clone(), description(&view)),
        };
        let description_in_full = description.clone();
        let mut meta = self.meta(site, lang, title, description, |l| statement_url(l, id), "article")?;
        // Where it is shared, what it found: the verdict and the first fact,
        // or the first myth and its fact (a withdrawn one says it was withdrawn).
        let mut args = FluentArgs::new();
        let first = view.facts.first().or(view.lead.as_ref());
        args.set("verdict", view.verdict.as_ref().map(|v| v.label.clone()).unwrap_or_default());
        args.set("fact", first.map(|fact| fact.plain.clone()).unwrap_or_default());
        if let Some(pair) = view.myths.first() {
            args.set("myth", pair.myth.plain.clone());
            args.set("fact", pair.fact.plain.clone());
        }
        let (finding, in_post) = match view.withdrawn {
            Some(_) => (description_in_full.clone(), description_in_full),
            None => (
                self.message(lang, Msg::ShareDescription(view.kind), Some(&args))?,
                self.message(lang, Msg::SharePost(view.kind), Some(&args))?,
            ),
        };
        meta.og_description = text::truncate(&finding, DESCRIPTION_LENGTH);
        let hashtags: Vec<String> = site.config().share.hashtags.iter().map(|tag| tag.as_str().to_owned()).collect();
        let post = share::Post {
            headline: &view.headline.plain,
            finding: &in_post,
            verdict: view.verdict.as_ref().filter(|_| view.withdrawn.is_none()).map(|v| v.label.as_str()),
            url: &meta.canonical,
            hashtags: &hashtags,
        };
        let (posts, share) = post.share();
        let (published, changed) = issued_and_changed(statement.record());
        (meta.published, meta.modified) = (Some(published), changed);
        let home = site.config().base_url.url().absolute(&Page::Root.path(lang.as_str()));
        let logo = site
            .config()
            .identity
            .logo
            .as_ref()
            .map(|logo| site.config().base_url.url().absolute(&format!("/{}", logo.file.as_str())));
        let review = jsonld::ReviewContext {
            url: &meta.canonical,
            home: view.issuer.url.unwrap_or(&home),
            lang: lang.as_str(),
            logo: logo.as_deref(),
        };
        let structured_data =
            if view.withdrawn.is_some() { String::new() } else { jsonld::claim_reviews(&view, &review) };
        let card = if site.config().share_cards.on() {
            let (card, image) = self.card(site, lang, &view, id)?;
            meta.image = Some(image);
            Some(card)
        } else {
            None
        };

        let urls = site.config().base_url.url();
        let year = statement.record().date.0.year();
        let breadcrumbs = vec![
            self.home(site, lang)?,
            Crumb { label: self.year(lang, year), url: urls.href(&Page::Year(year, 1).path(lang.as_str())) },
        ];
        Ok(StatementPage {
            lang: lang.as_str(),
            breadcrumbs,
            translations: self.translations(site, lang, |other| statement_url(other, id))?,
            site: site_view,
            meta,
            statement: view,
            structured_data,
            posts,
            share,
            card,
        })
    }

    /// What the share card of the statement `id` shows beyond its view, and
    /// the card as its link preview names it.
    fn card(&self, site: &Site, lang: &Lang, view: &StatementView, id: &str) -> Result<(CardView, CardImage)> {
        let stamp = match (&view.withdrawn, &view.verdict) {
            // Not the lists' mark: beside a rebuttal's headline, "Withdrawn"
            // alone could read as the claim withdrawn.
            (Some(_), _) => self.message(lang, Msg::CardWithdrawn, None)?,
            (None, Some(verdict)) => verdict.label.clone(),
            (None, None) => {
                let mut args = FluentArgs::new();
                args.set("count", view.myths.len());
                self.message(lang, Msg::CardMyths, Some(&args))?
            }
        };
        let mut args = FluentArgs::new();
        args.set("stamp", stamp.clone());
        args.set("headline", view.headline.plain.clone());
        let alt = self.message(lang, Msg::CardAlt, Some(&args))?;
        let config = site.config();
        let urls = config.base_url.url();
        let url = urls.absolute(&card_path(id, lang.as_str()));
        let (width, height) = CARD_SIZE;
        let logo = config.identity.logo.as_ref().map(|logo| logo.file.as_str().to_owned());
        Ok((CardView { stamp, logo, address: urls.display().to_owned() }, CardImage { url, width, height, alt }))
    }

    /// The `<head>` facts of the page at `path_of(lang)`, which exists in
    /// every language of the site.
    pub fn meta(
        &self,
        site: &Site,
        lang: &Lang,
        title: String,
        description: String,
        path_of: impl Fn(&Lang) -> String,
        og_type: &'static str,
    ) -> Result<PageMeta> {
        let config = site.config();
        let urls = config.base_url.url();
        let mut args = FluentArgs::new();
        args.set("title", title.clone());
        args.set("site", pick(&config.title, lang));
        let window = self.message(lang, Msg::WindowTitle, Some(&args))?;
        let mut alternates: Vec<Alternate> = config
            .languages
            .iter()
            .map(|l| Alternate { hreflang: l.to_string(), href: urls.absolute(&path_of(l)) })
            .collect();
        if let Some(default) = config.languages.first() {
            alternates.push(Alternate { hreflang: "x-default".into(), href: urls.absolute(&path_of(default)) });
        }
        let og_locales = config.languages.iter().filter(|l| *l != lang).map(og_locale).collect();
        let description = text::truncate(&description, DESCRIPTION_LENGTH);
        Ok(PageMeta {
            title: window,
            og_title: title,
            og_description: description.clone(),
            description,
            og_locales,
            published: None,
            modified: None,
            canonical: urls.absolute(&path_of(lang)),
            og_type,
            og_locale: og_locale(lang),
            alternates,
            noindex: false,
            image: None,
        })
    }

    /// The first link of every page's breadcrumbs: `lang`'s index.
    pub fn home(&self, site: &Site, lang: &Lang) -> Result<Crumb> {
        Ok(Crumb {
            label: self.message(lang, Msg::IndexHeading, None)?,
            url: site.config().base_url.url().href(&Page::Index(1).path(lang.as_str())),
        })
    }

    /// A year in `lang`'s digits: "2021", "२०२१".
    pub fn year(&self, lang: &Lang, year: i16) -> String {
        let text = year.to_string();
        self.dates.get(lang).map_or(text.clone(), |dates| dates.digits(&text))
    }

    /// Sorts `items` by `label` in `lang`'s alphabetical order (ICU4X's
    /// collation: अ before क, as a Hindi index runs); by code point if ICU4X
    /// has no collation for the language.
    pub fn sort_by_label<T>(&self, lang: &Lang, items: &mut [T], label: impl Fn(&T) -> &str) {
        use icu::collator::{Collator, options::CollatorOptions};
        let collator = lang
            .as_str()
            .parse::<icu::locale::Locale>()
            .ok()
            .and_then(|locale| Collator::try_new((&locale).into(), CollatorOptions::default()).ok());
        match collator {
            Some(collator) => items.sort_by(|a, b| collator.compare(label(a), label(b))),
            None => items.sort_by(|a, b| label(a).cmp(label(b))),
        }
    }

    /// The mark of a statement a preview shows though it is not published:
    /// "Draft", "Embargoed".
    pub fn status_mark(&self, lang: &Lang, state: Mark) -> Result<String> {
        let mut args = FluentArgs::new();
        args.set("state", state.as_str());
        self.message(lang, Msg::StatusMark, Some(&args))
    }

    /// A window title with that mark: `[Draft] …`.
    pub fn marked_title(&self, lang: &Lang, state: Mark, title: &str) -> Result<String> {
        let mut args = FluentArgs::new();
        args.set("mark", self.status_mark(lang, state)?);
        args.set("title", title.to_owned());
        self.message(lang, Msg::MarkedTitle, Some(&args))
    }

    /// How `statement` is listed on the index of `lang`.
    pub fn summary(&self, site: &Site, statement: &Statement, lang: &Lang) -> Result<Summary> {
        let ctx = Ctx::new(self, site, statement, lang);
        let record = statement.record();
        Ok(Summary {
            id: statement.id.to_string(),
            kind: record.kind,
            url: site.config().base_url.url().href(&statement_url(lang, statement.id.as_str())),
            headline: ctx.headline()?,
            date: self.date(lang, record.date)?,
            verdict: ctx.verdict()?,
            mark: None,
            withdrawn: false,
        })
    }
}

/// Where the `i`th language of the site is named in `tathya.yaml`.
pub fn language_place(settings: &Source<Config>, i: usize) -> Location {
    let path = YamlPath::default().join("languages").join(i);
    let (line, column) = crate::load::yaml::locate(&settings.text, &path).unwrap_or((0, 0));
    Location::at(&settings.file, line, column)
}

/// When a statement was issued (its `publish_at`, else the start of its
/// date) and when it last changed, if it did (its latest correction, or its
/// withdrawal: news to whoever used it), in RFC 3339: for its feed entry
/// and its page's `article:` times alike.
pub fn issued_and_changed(record: &Record) -> (String, Option<String>) {
    let issued = match record.publish_at {
        Some(at) => crate::site::rfc3339(at.0),
        None => crate::site::start_of_day(record.date.0),
    };
    let corrected = record.updates.iter().map(|u| u.date).max().filter(|d| *d > record.date);
    let withdrawn = record.withdrawn.as_ref().map(|note| note.date);
    let changed = corrected.into_iter().chain(withdrawn).max().map(|date| crate::site::start_of_day(date.0));
    (issued, changed)
}

/// A language's Open Graph locale: `hi_IN`.
fn og_locale(lang: &Lang) -> String {
    format!("{}_IN", lang.as_str().replace('-', "_"))
}

/// What a statement says in a sentence: its lead, else its first fact or
/// myth, else its headline.
pub fn description(view: &StatementView) -> String {
    let first = view.lead.as_ref().or(view.facts.first()).or(view.myths.first().map(|pair| &pair.fact));
    first.unwrap_or(&view.headline).plain.clone()
}

/// One statement being localized into one language.
struct Ctx<'a> {
    localizer: &'a Localizer,
    site: &'a Site,
    statement: &'a Statement,
    record: &'a Record,
    lang: &'a Lang,
    figures: FluentArgs<'a>,
}

impl<'a> Ctx<'a> {
    fn new(localizer: &'a Localizer, site: &'a Site, statement: &'a Statement, lang: &'a Lang) -> Self {
        let record = statement.record();
        let mut figures = FluentArgs::new();
        for (name, figure) in &record.figures.0 {
            figures.set(name.as_str(), FluentValue::from(figure.value()));
        }
        Ctx { localizer, site, statement, record, lang, figures }
    }

    /// Record text with its figures filled in, as inline Markdown.
    fn markdown(&self, path: YamlPath, localized: &Localized) -> Result<String> {
        let source = &self.statement.source;
        self.localizer.format_text(&self.site.root, source, &path, localized, self.lang, &self.figures)
    }

    fn text(&self, path: YamlPath, localized: &Localized) -> Result<Text> {
        Ok(as_text(self.markdown(path, localized)?))
    }

    fn texts(&self, name: &str, items: &[Localized]) -> Result<Vec<Text>> {
        let root = YamlPath::default().join(name);
        items.iter().enumerate().map(|(i, item)| self.text(root.join(i), item)).collect()
    }

    fn message(&self, message: Msg, args: Option<&FluentArgs>) -> Result<String> {
        self.localizer.message(self.lang, message, args)
    }

    fn date(&self, date: Date) -> Result<DateView> {
        self.localizer.date(self.lang, date)
    }

    fn note(&self, path: YamlPath, note: &crate::load::record::Note) -> Result<NoteView> {
        Ok(NoteView { date: self.date(note.date)?, note: self.text(path.join("note"), &note.note)? })
    }

    /// The issuer's names and grammatical gender as Fluent arguments.
    fn issuer_args(&self, full_name: bool) -> FluentArgs<'a> {
        let mut args = FluentArgs::new();
        if let Some(issuer) = self.site.config().issuers.0.get(&self.record.issuer) {
            let name = if full_name { &issuer.name } else { &issuer.short };
            args.set("issuer", pick(name, self.lang));
            // No default: a language whose messages use these needs them
            // for every issuer (checked with the locales).
            if let Some(gender) = issuer.gender.0.get(self.lang) {
                args.set("issuer_gender", gender.as_str());
            }
            if let Some(article) = issuer.article.0.get(self.lang) {
                args.set("issuer_article", article.as_str());
            }
        }
        args
    }

    /// Arguments of the headline and lead messages.
    fn headline_args(&self, full_name: bool) -> Result<FluentArgs<'a>> {
        let mut args = self.issuer_args(full_name);
        if let Some(topic) = &self.record.topic {
            args.set("topic", self.markdown(YamlPath::default().join("topic"), topic)?);
        }
        if let Some(verdict) = self.record.verdict {
            args.set("verdict", verdict.as_str());
        }
        if let Some(claim) = &self.record.claim {
            args.set("form", claim.form.as_str());
        }
        if self.record.kind == Kind::MythBuster {
            args.set("myths", self.record.myths.len());
        }
        Ok(args)
    }

    fn headline(&self) -> Result<Text> {
        if let Some(headline) = &self.record.headline {
            return self.text(YamlPath::default().join("headline"), headline);
        }
        Ok(as_text(self.message(Msg::Headline(self.record.kind), Some(&self.headline_args(false)?))?))
    }

    fn lead(&self) -> Result<Option<Text>> {
        if self.record.kind != Kind::Rebuttal {
            return Ok(None);
        }
        Ok(Some(as_text(self.message(Msg::RebuttalLead, Some(&self.headline_args(true)?))?)))
    }

    /// The verdict of a rebuttal; a myth-buster's myths have theirs.
    fn verdict(&self) -> Result<Option<VerdictView>> {
        match self.record.verdict {
            Some(verdict) => self.verdict_view(verdict).map(Some),
            None => Ok(None),
        }
    }

    fn verdict_view(&self, verdict: Verdict) -> Result<VerdictView> {
        let label = self.message(Msg::Verdict(verdict), None)?;
        Ok(VerdictView { key: verdict.as_str().to_owned(), label })
    }

    /// The view of the statement, from its `summary` in this language.
    fn statement(&self, summary: Summary, related: Vec<LinkView>) -> Result<StatementView<'a>> {
        let record = self.record;
        let config = self.site.config();
        let mut args = FluentArgs::new();
        args.set("date", summary.date.long.clone());
        args.set("place", pick(&config.place, self.lang));
        let dateline = self.message(Msg::Dateline, Some(&args))?;
        let mut args = self.issuer_args(true);
        args.set("date", summary.date.full.clone());
        let issued_by = self.message(Msg::IssuedBy, Some(&args))?;
        Ok(StatementView {
            id: self.statement.id.as_str(),
            kind: record.kind,
            status: record.status,
            url: summary.url,
            headline: summary.headline,
            lead: self.lead()?,
            date: summary.date,
            dateline,
            issued_by,
            issuer: self.issuer(),
            verdict: summary.verdict,
            claim: self.claim()?,
            facts: self.texts("facts", &record.facts)?,
            actions: self.texts("actions", &record.actions)?,
            quotes: self.quotes()?,
            myths: self.myths()?,
            sources: self.sources()?,
            related,
            tags: self.tags(),
            contact: self.contact(),
            updates: self.updates()?,
            withdrawn: match &record.withdrawn {
                Some(note) => Some(self.note(YamlPath::default().join("withdrawn"), note)?),
                None => None,
            },
            embargo: None,
            issued_at: None,
        })
    }

    fn issuer(&self) -> IssuerView<'a> {
        let issuer = self.site.config().issuers.0.get(&self.record.issuer);
        IssuerView {
            name: issuer.map_or("", |i| pick(&i.name, self.lang)),
            short: issuer.map_or("", |i| pick(&i.short, self.lang)),
            url: issuer.and_then(|i| i.url.as_ref()).map(|url| url.as_str()),
            page: self
                .site
                .config()
                .base_url
                .url()
                .href(&Page::Issuer(self.record.issuer.as_str(), 1).path(self.lang.as_str())),
        }
    }

    fn claim(&self) -> Result<Option<ClaimView<'a>>> {
        let Some(claim) = &self.record.claim else {
            return Ok(None);
        };
        let at = YamlPath::default().join("claim");
        Ok(Some(ClaimView {
            text: self.text(at.join("text"), &claim.text)?,
            claimant: match &claim.claimant {
                Some(claimant) => Some(self.text(at.join("claimant"), claimant)?),
                None => None,
            },
            author: match &claim.author {
                Some(author) => Some(AuthorView {
                    name: self.text(at.join("author").join("name"), &author.name)?.plain,
                    kind: author.kind.schema_type(),
                    url: author.url.as_ref().map(|url| url.as_str()),
                }),
                None => None,
            },
            first_seen: match claim.first_seen {
                Some(date) => Some(self.date(date)?),
                None => None,
            },
            appearances: claim.appearances.iter().map(|url| url.as_str()).collect(),
            image: match &claim.image {
                Some(image) => Some(ImageView {
                    src: self.site.config().base_url.url().href(&claim_image_path(self.statement.id.as_str())),
                    url: self.site.config().base_url.url().absolute(&claim_image_path(self.statement.id.as_str())),
                    alt: self.text(at.join("image").join("alt"), &image.alt)?.plain,
                    width: 0,
                    height: 0,
                }),
                None => None,
            },
        }))
    }

    fn quotes(&self) -> Result<Vec<QuoteView<'a>>> {
        let people = &self.site.config().people.0;
        let at = YamlPath::default().join("quotes");
        let mut out = Vec::new();
        for (i, quote) in self.record.quotes.iter().enumerate() {
            let person = people.get(&quote.by);
            out.push(QuoteView {
                text: self.text(at.join(i).join("text"), &quote.text)?,
                name: person.map_or("", |p| pick(&p.name, self.lang)),
                role: person.map_or("", |p| pick(&p.role, self.lang)),
            });
        }
        Ok(out)
    }

    fn myths(&self) -> Result<Vec<MythView>> {
        let at = YamlPath::default().join("myths");
        let mut out = Vec::new();
        for (i, myth) in self.record.myths.iter().enumerate() {
            out.push(MythView {
                myth: self.text(at.join(i).join("myth"), &myth.myth)?,
                fact: self.text(at.join(i).join("fact"), &myth.fact)?,
                verdict: self.verdict_view(myth.verdict)?,
            });
        }
        Ok(out)
    }

    fn sources(&self) -> Result<Vec<SourceView<'a>>> {
        let at = YamlPath::default().join("sources");
        let mut out = Vec::new();
        for (i, source) in self.record.sources.iter().enumerate() {
            out.push(SourceView {
                title: self.text(at.join(i).join("title"), &source.title)?,
                url: source.url.as_str(),
            });
        }
        Ok(out)
    }

    fn tags(&self) -> Vec<TagView<'a>> {
        let tags = &self.site.config().tags.0;
        self.record
            .tags
            .iter()
            .filter_map(|key| tags.find_index(key).ok().and_then(|i| tags.get_indexed(i)))
            .map(|(key, label)| TagView {
                key: key.as_str(),
                label: pick(label, self.lang),
                url: self.site.config().base_url.url().href(&Page::Tag(key.as_str(), 1).path(self.lang.as_str())),
            })
            .collect()
    }

    fn contact(&self) -> Option<ContactView<'a>> {
        let contact = self.site.config().contacts.0.get(self.record.contact.as_ref()?)?;
        Some(ContactView {
            name: pick(&contact.name, self.lang),
            email: contact.email.as_ref().map(|email| email.as_str()),
            phone: contact.phone.as_ref().map(|phone| phone.as_str()),
        })
    }

    fn updates(&self) -> Result<Vec<NoteView>> {
        let at = YamlPath::default().join("updates");
        self.record.updates.iter().enumerate().map(|(i, update)| self.note(at.join(i), update)).collect()
    }
}

fn as_text(text: String) -> Text {
    if markdown::is_plain(&text) {
        return Text { md: text.clone(), html: text.clone(), plain: text };
    }
    let html = markdown::to_html(&text);
    let plain = markdown::to_plain(&text);
    Text { md: markdown::to_markdown(&text), html, plain }
}
