//! A statement record: one YAML file under `statements/`, both languages
//! side by side (DESIGN.md, "A statement record").

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::types::{Date, Id, Instant, Key, Localized, Url};
use super::yaml::{UniqueMap, YamlPath};
use crate::diag::Rule;
use crate::site::Lifecycle;
pub use crate::site::Status;

/// What kind of statement a record is; each kind has its own templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// "The Ministry dismisses reports of X as false."
    Rebuttal,
    /// Myth / Fact pairs.
    MythBuster,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 2] = [Kind::Rebuttal, Kind::MythBuster];

    /// The name used in template file names and in YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Rebuttal => "rebuttal",
            Kind::MythBuster => "myth-buster",
        }
    }
}

/// The finding on the claim. Fluent messages `verdict-<name>` label it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Fabricated.
    Fake,
    /// Untrue.
    False,
    /// True in part, wrong in what it suggests.
    Misleading,
    /// Without any basis.
    Baseless,
    /// Real, but shown out of its context.
    OutOfContext,
}

impl Verdict {
    /// Every verdict.
    pub const ALL: [Verdict; 5] =
        [Verdict::Fake, Verdict::False, Verdict::Misleading, Verdict::Baseless, Verdict::OutOfContext];

    const NAMES: [&'static str; 5] = ["fake", "false", "misleading", "baseless", "out-of-context"];

    /// The name used in YAML and in Fluent message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Fake => "fake",
            Verdict::False => "false",
            Verdict::Misleading => "misleading",
            Verdict::Baseless => "baseless",
            Verdict::OutOfContext => "out-of-context",
        }
    }
}

impl<'de> Deserialize<'de> for Verdict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Verdict;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "one of {}", Verdict::NAMES.join(", "))
            }
            // Staff write `verdict: false` unquoted, which YAML reads as a
            // boolean (DESIGN.md).
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Verdict, E> {
                if v { Err(E::invalid_value(de::Unexpected::Bool(v), &self)) } else { Ok(Verdict::False) }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Verdict, E> {
                match v {
                    "fake" => Ok(Verdict::Fake),
                    "false" => Ok(Verdict::False),
                    "misleading" => Ok(Verdict::Misleading),
                    "baseless" => Ok(Verdict::Baseless),
                    "out-of-context" => Ok(Verdict::OutOfContext),
                    _ => Err(E::unknown_variant(v, &Verdict::NAMES)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A number written once in a record and formatted for each language:
/// `figures: { users: 150000000 }`, used in text as `{ $users }`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Figure(pub f64);

/// Above this, an f64 no longer holds every integer, and a figure could be
/// printed as a different number than the one written.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Figure;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number such as 150000000 or 1.5 (not quoted)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Figure, E> {
                self.visit_f64(v as f64)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
                self.visit_f64(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Figure, E> {
                if v.is_finite() && v.abs() <= MAX_EXACT {
                    Ok(Figure(v))
                } else {
                    Err(super::yaml::typed::fail(Rule::BadNumber, format!("{v} is too large to be printed exactly")))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// What was false: the word a statement calls it by, in every language
/// ("the reports of …", "the claim of …", "the video of …").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// News reports (खबरें), the default.
    #[default]
    Reports,
    /// A claim (दावा), as in PIB Fact Check's "यह दावा फर्जी है".
    Claim,
    /// A social media post (पोस्ट).
    Post,
    /// A video (वीडियो).
    Video,
    /// A message passed around (संदेश), such as a WhatsApp forward.
    Message,
    /// A letter (पत्र).
    Letter,
    /// A document (दस्तावेज).
    Document,
}

impl Form {
    /// The name used in YAML and passed to Fluent as `$form`.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Reports => "reports",
            Form::Claim => "claim",
            Form::Post => "post",
            Form::Video => "video",
            Form::Message => "message",
            Form::Letter => "letter",
            Form::Document => "document",
        }
    }
}

/// What the false reports claimed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// What it was: reports, a claim, a post, a video…
    #[serde(default)]
    pub form: Form,
    /// The claim, in each language.
    pub text: Localized,
    /// Who made it, e.g. "posts on social media".
    pub claimant: Option<Localized>,
    /// When it was first seen.
    pub first_seen: Option<Date>,
    /// Where it appeared.
    #[serde(default)]
    pub appearances: Vec<Url>,
}

/// Words of a person from `tathya.yaml`'s `people`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The person's key.
    pub by: Key,
    /// What they said.
    pub text: Localized,
}

/// One myth and the fact that answers it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Myth {
    /// What people believe.
    pub myth: Localized,
    /// The finding on the myth; `false` when not given.
    #[serde(default = "Myth::default_verdict")]
    pub verdict: Verdict,
    /// What is true.
    pub fact: Localized,
}

impl Myth {
    fn default_verdict() -> Verdict {
        Verdict::False
    }
}

/// A document that supports the statement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Its title in each language.
    pub title: Localized,
    /// Where it is.
    pub url: Url,
}

/// A dated note: an entry of the correction log, or a withdrawal.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// When.
    pub date: Date,
    /// What changed, or why.
    pub note: Localized,
}

/// One statement, as written in `statements/<id>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Rebuttal or myth-buster.
    pub kind: Kind,
    /// Draft, published or withdrawn.
    pub status: Status,
    /// Date of issue (IST).
    pub date: Date,
    /// Not public before this moment.
    pub publish_at: Option<Instant>,
    /// Who issues it: a key of `issuers`.
    pub issuer: Key,
    /// The finding; required for a rebuttal. A myth-buster has none of its
    /// own: each myth has its verdict.
    pub verdict: Option<Verdict>,
    /// What the reports were about, as it stands in the headline.
    pub topic: Option<Localized>,
    /// Overrides the headline made from Fluent.
    pub headline: Option<Localized>,
    /// The claim being answered; required for a rebuttal.
    pub claim: Option<Claim>,
    /// The facts, one paragraph each.
    #[serde(default)]
    pub facts: Vec<Localized>,
    /// What was done about it.
    #[serde(default)]
    pub actions: Vec<Localized>,
    /// Quotations.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Myth/fact pairs; required for a myth-buster.
    #[serde(default)]
    pub myths: Vec<Myth>,
    /// Numbers used in text as `{ $name }`.
    #[serde(default)]
    pub figures: UniqueMap<Key, Figure>,
    /// Supporting documents.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Ids of related statements.
    #[serde(default)]
    pub related: Vec<Id>,
    /// Press contact: a key of `contacts`.
    pub contact: Option<Key>,
    /// Keys of `tags`.
    #[serde(default)]
    pub tags: Vec<Key>,
    /// The public correction log.
    #[serde(default)]
    pub updates: Vec<Note>,
    /// Why and when it was withdrawn; required when `status: withdrawn`.
    pub withdrawn: Option<Note>,
}

impl Record {
    /// Every localized text of the record with its path, in document order.
    /// Checks that apply to all text (languages present, Fluent syntax)
    /// walk this list instead of knowing the record's shape.
    pub fn texts(&self) -> Vec<(YamlPath, &Localized)> {
        let root = YamlPath::default();
        let mut out = Vec::new();
        if let Some(topic) = &self.topic {
            out.push((root.join("topic"), topic));
        }
        if let Some(headline) = &self.headline {
            out.push((root.join("headline"), headline));
        }
        if let Some(claim) = &self.claim {
            out.push((root.join("claim").join("text"), &claim.text));
            if let Some(claimant) = &claim.claimant {
                out.push((root.join("claim").join("claimant"), claimant));
            }
        }
        for (name, items) in [("facts", &self.facts), ("actions", &self.actions)] {
            for (i, text) in items.iter().enumerate() {
                out.push((root.join(name).join(i), text));
            }
        }
        for (i, quote) in self.quotes.iter().enumerate() {
            out.push((root.join("quotes").join(i).join("text"), &quote.text));
        }
        for (i, myth) in self.myths.iter().enumerate() {
            out.push((root.join("myths").join(i).join("myth"), &myth.myth));
            out.push((root.join("myths").join(i).join("fact"), &myth.fact));
        }
        for (i, source) in self.sources.iter().enumerate() {
            out.push((root.join("sources").join(i).join("title"), &source.title));
        }
        for (i, update) in self.updates.iter().enumerate() {
            out.push((root.join("updates").join(i).join("note"), &update.note));
        }
        if let Some(withdrawn) = &self.withdrawn {
            out.push((root.join("withdrawn").join("note"), &withdrawn.note));
        }
        out
    }
}

impl Lifecycle for Record {
    fn status(&self) -> Status {
        self.status
    }

    fn publish_at(&self) -> Option<jiff::Timestamp> {
        self.publish_at.map(|at| at.0)
    }
}
