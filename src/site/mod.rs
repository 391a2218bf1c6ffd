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
/// The folders of a site root every page depends on, whose every file the
/// build's cache hashes.
pub const SHARED_DIRS: [&str; 2] = [LOCALES_DIR, TEMPLATES_DIR];
/// The output folder of the published site, in the site root by default.
pub const PUBLISHED_DIR: &str = "public";
/// The output folder of a preview with drafts, in the site root by default.
pub const PREVIEW_DIR: &str = "public-preview";

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
/// under embargo (drafts and embargoed ones too with `--drafts`), and
/// *listed* on indexes, tag pages and feeds when it is on the site and not
/// withdrawn.
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

    /// Whether `statement` appears in indexes, tag pages and feeds.
    pub fn listed(&self, statement: &impl Lifecycle) -> bool {
        self.on_site(statement) && statement.status() != Status::Withdrawn
    }
}

/// Why a statement a preview shows is not on the published site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unpublished {
    /// A draft.
    Draft,
    /// Under embargo.
    Embargoed,
}

impl Unpublished {
    /// Its word in messages: `draft`, `embargoed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unpublished::Draft => "draft",
            Unpublished::Embargoed => "embargoed",
        }
    }
}

impl Selection {
    /// Why `statement` is not on the published site at this moment, if it is not.
    pub fn unpublished(&self, statement: &impl Lifecycle) -> Option<Unpublished> {
        if statement.status() == Status::Draft {
            Some(Unpublished::Draft)
        } else if self.embargoed(statement) {
            Some(Unpublished::Embargoed)
        } else {
            None
        }
    }

    /// Whether `statement` goes into feeds and the sitemap: only what is
    /// published, even in a preview.
    pub fn in_feeds(&self, statement: &impl Lifecycle) -> bool {
        Selection { drafts: false, ..*self }.listed(statement)
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
