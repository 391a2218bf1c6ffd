//! The site's own rules, shared by every step: where a site root keeps its
//! files, which statements are published ([`Selection`]), where each page
//! lives ([`routes`]) and the time zone statements are dated in.

pub mod routes;

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};
use serde::{Deserialize, Serialize};

/// The settings file's name in a site root.
pub const CONFIG_FILE: &str = "tathya.yaml";
/// The folder of records in a site root.
pub const STATEMENTS_DIR: &str = "statements";
/// The folder of Fluent files in a site root.
pub const LOCALES_DIR: &str = "locales";
/// The folder of templates and static assets in a site root.
pub const TEMPLATES_DIR: &str = "templates";
/// The folder of the site's own pages (privacy, accessibility…).
pub const PAGES_DIR: &str = "pages";
/// The folder of a site's own font files for its share cards.
pub const FONTS_DIR: &str = "fonts";
/// The folders of a site root every page depends on, whose every file the
/// build's cache hashes: every page's footer lists the site's own pages,
/// and every share card is drawn with the fonts.
pub const SHARED_DIRS: [&str; 4] = [LOCALES_DIR, TEMPLATES_DIR, PAGES_DIR, FONTS_DIR];
/// The output folder of the published site, in the site root by default.
pub const PUBLISHED_DIR: &str = "public";
/// The output folder of a preview with drafts, in the site root by default.
pub const PREVIEW_DIR: &str = "public-preview";
/// The folder in the site root where `tathya serve` builds, never published.
pub const SERVE_DIR: &str = ".tathya";

/// Where a record is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not yet public; built only with `--drafts`.
    Draft,
    /// Public.
    Published,
    /// Was public and was taken back; keeps its page with a notice.
    Withdrawn,
}

/// What [`Selection`] needs to know of a statement.
pub trait Lifecycle {
    /// Draft, published or withdrawn.
    fn status(&self) -> Status;
    /// The end of its embargo, if it has one.
    fn publish_at(&self) -> Option<Timestamp>;
}

impl<T: Lifecycle> Lifecycle for &T {
    fn status(&self) -> Status {
        (*self).status()
    }

    fn publish_at(&self) -> Option<Timestamp> {
        (*self).publish_at()
    }
}

/// Which statements a build publishes, and when it is.
///
/// A statement is *on the site* when it is published or withdrawn and not
/// under embargo (drafts and embargoed ones too with `--drafts`), and then
/// listed on indexes and tag pages; a withdrawn one too, marked so, as a
/// reader who used it must be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Show drafts and embargoed statements too.
    pub drafts: bool,
    /// The moment embargoes are measured against.
    pub now: Timestamp,
}

impl Selection {
    /// The selection that shows every statement, as previews are shown.
    pub fn preview(self) -> Self {
        Selection { drafts: true, ..self }
    }

    /// Whether `statement`'s embargo is still to come.
    pub fn embargoed(&self, statement: &impl Lifecycle) -> bool {
        statement.publish_at().is_some_and(|at| at > self.now)
    }

    /// Whether `statement` has a page.
    pub fn on_site(&self, statement: &impl Lifecycle) -> bool {
        self.drafts || (statement.status() != Status::Draft && !self.embargoed(statement))
    }
}

/// What a statement's mark says, in lists, titles and related links: that
/// a preview shows it but the site does not, or that it was withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A draft, in a preview.
    Draft,
    /// Under embargo, in a preview.
    Embargoed,
    /// Withdrawn: on the site, saying so.
    Withdrawn,
}

impl Mark {
    /// Its word in messages: `draft`, `embargoed`, `withdrawn`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Draft => "draft",
            Mark::Embargoed => "embargoed",
            Mark::Withdrawn => "withdrawn",
        }
    }
}

impl Selection {
    /// Why `statement` is not on the published site at this moment, if it
    /// is not: [`Mark::Draft`] or [`Mark::Embargoed`].
    pub fn unpublished(&self, statement: &impl Lifecycle) -> Option<Mark> {
        if statement.status() == Status::Draft {
            Some(Mark::Draft)
        } else if self.embargoed(statement) {
            Some(Mark::Embargoed)
        } else {
            None
        }
    }

    /// The mark `statement` carries wherever it is shown, if any.
    pub fn mark(&self, statement: &impl Lifecycle) -> Option<Mark> {
        self.unpublished(statement).or((statement.status() == Status::Withdrawn).then_some(Mark::Withdrawn))
    }

    /// Whether `statement` goes into feeds and the sitemap: only what is
    /// published, even in a preview.
    pub fn in_feeds(&self, statement: &impl Lifecycle) -> bool {
        Selection { drafts: false, ..*self }.on_site(statement)
    }
}

/// Indian Standard Time, in which statements are dated and embargoes shown.
pub fn ist() -> TimeZone {
    TimeZone::fixed(Offset::from_seconds(5 * 3600 + 30 * 60).unwrap_or(Offset::UTC))
}

/// A moment as RFC 3339 in IST: `2021-06-10T18:30:00+05:30`.
pub fn rfc3339(at: Timestamp) -> String {
    at.to_zoned(ist()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The start of a date in IST, as RFC 3339.
pub fn start_of_day(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00+05:30")
}

/// Today's date in IST.
pub fn today() -> jiff::civil::Date {
    jiff::Zoned::now().with_time_zone(ist()).date()
}
