//! A statement record: one YAML file under `statements/`, both languages
//! side by side (DESIGN.md, "A statement record").

use std::fmt;
use std::str::FromStr;

use icu::decimal::input::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::types::{Date, Id, Image, Instant, Key, Localized, Url};
use super::yaml::{UniqueMap, Word, YamlPath};
use crate::diag::Rule;
use crate::site::Lifecycle;
pub use crate::site::Status;

/// What kind of statement a record is; each kind has its own templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
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
///
/// It is read from the YAML scalar's own text, not from the float YAML
/// would make of it, and refused (T011) unless every language prints it
/// exactly as written: digits with at most one point, not negative, at most
/// [`MAX_FRACTION_DIGITS`] decimals and [`MAX_SIGNIFICANT_DIGITS`]
/// significant digits, below 10^[`MAX_INTEGER_DIGITS`].
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    decimal: Decimal,
    value: f64,
}

/// Fluent holds a number as a binary double: its plural rules, `NUMBER()`
/// and the formatters tathya gives it all receive an `f64`. A double holds
/// every decimal of at most 15 significant digits so that it prints back as
/// the same digits (IEEE 754's DBL_DIG), but not every one of 16:
/// 9007199254740993 reads as …992, 99999999999999.99 as ….98. Fifteen
/// digits say India's GDP in rupees (about 3 × 10^14) to the rupee.
pub const MAX_SIGNIFICANT_DIGITS: usize = 15;

/// Rupees and paise, and shares as official statistics print them (5.49
/// per cent). A third decimal in a communiqué is a figure not yet rounded
/// as it will be read, or a unit mistaken (0.015 crore for 1.5 lakh).
pub const MAX_FRACTION_DIGITS: usize = 2;

/// Digits before the point: below 10^18, the largest word of the Indian
/// scale still has at most six digits before it ("9,99,999 lakh crore").
pub const MAX_INTEGER_DIGITS: usize = 18;

impl Figure {
    /// The figure as written, without trailing zeros after the point.
    pub fn decimal(&self) -> &Decimal {
        &self.decimal
    }

    /// The figure as Fluent holds it: the double nearest to it, which prints
    /// back as exactly its digits (see [`MAX_SIGNIFICANT_DIGITS`]).
    pub fn value(&self) -> f64 {
        self.value
    }
}

impl FromStr for Figure {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let number = s.strip_prefix('-').unwrap_or(s);
        let is_float = |s: &str| s.parse::<f64>().is_ok();
        if s.starts_with('-') && is_float(number) {
            return Err(format!(
                "`{s}` is negative; a figure is a count, an amount or a share: say a fall in words (\"fell by {{ $fall }}\") and give its size"
            ));
        }
        if is_float(s) && s.contains(['e', 'E']) {
            return Err(format!("`{s}` has an exponent: write the number out in digits, as the statement prints it"));
        }
        let (integer, fraction) = s.split_once('.').unwrap_or((s, "0"));
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(integer) || !digits(fraction) {
            return Err(format!(
                "`{s}` is not a figure: write it in digits with a point for decimals (150000000, 12.5), without grouping; tathya groups it and adds lakh or crore"
            ));
        }
        if integer.len() > 1 && integer.starts_with('0') {
            return Err(format!(
                "`{s}` starts with 0, which YAML 1.1 tools read as an octal number: write it without the leading 0"
            ));
        }
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() > MAX_FRACTION_DIGITS {
            return Err(format!(
                "`{s}` has {} decimals; a figure has at most {MAX_FRACTION_DIGITS} (paise, or a share such as 5.49 per cent): round it as the statement should say it",
                fraction.len()
            ));
        }
        if integer.len() > MAX_INTEGER_DIGITS {
            return Err(format!("`{s}` is too large: a figure is below 10^{MAX_INTEGER_DIGITS}"));
        }
        let significant = format!("{integer}{fraction}");
        let significant = significant.trim_start_matches('0').trim_end_matches('0').len();
        if significant > MAX_SIGNIFICANT_DIGITS {
            return Err(format!(
                "`{s}` has {significant} significant digits, and tathya prints at most {MAX_SIGNIFICANT_DIGITS} exactly (Fluent computes with binary doubles): round it as the statement should say it"
            ));
        }
        let not_read = || format!("`{s}` could not be read as a number");
        let mut decimal = Decimal::try_from_str(s).map_err(|_| not_read())?;
        decimal.absolute.trim_end();
        let value = s.parse::<f64>().map_err(|_| not_read())?;
        Ok(Figure { decimal, value })
    }
}

impl Word for Figure {
    const RULE: Rule = Rule::BadNumber;
}

impl<'de> Deserialize<'de> for Figure {
    /// The scalar's text, quoted or not: a plain `150000000` would reach
    /// a number visitor only as an `f64` or `u64`, already rounded.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::yaml::from_str(d)
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
    /// Where it came from, as the page says it: "posts on social media".
    pub claimant: Option<Localized>,
    /// Who made it, when the record can name them (a person, a channel, a
    /// newspaper): the claim's author in the structured data, which a
    /// description such as "posts on social media" never is.
    pub author: Option<ClaimAuthor>,
    /// When it was first seen.
    pub first_seen: Option<Date>,
    /// Where it appeared.
    #[serde(default)]
    pub appearances: Vec<Url>,
    /// The claim as it circulated: a screenshot in the record's own folder
    /// (`cowin-post.png`).
    pub image: Option<Image>,
}

/// The named author of a claim.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimAuthor {
    /// The name, in each language.
    pub name: Localized,
    /// A person or an organization.
    #[serde(rename = "type")]
    pub kind: AuthorKind,
    /// Their own address (a channel's, a newspaper's), if any.
    pub url: Option<Url>,
}

/// What a claim's author is, as schema.org types it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthorKind {
    /// A person.
    Person,
    /// A channel, a newspaper, a party, a company.
    Organization,
}

impl AuthorKind {
    /// The schema.org type: `Person`, `Organization`.
    pub fn schema_type(self) -> &'static str {
        match self {
            AuthorKind::Person => "Person",
            AuthorKind::Organization => "Organization",
        }
    }
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
            if let Some(author) = &claim.author {
                out.push((root.join("claim").join("author").join("name"), &author.name));
            }
            if let Some(image) = &claim.image {
                out.push((root.join("claim").join("image").join("alt"), &image.alt));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_at_the_limits() {
        let taken = ["0", "0.5", "1.50", "0.01", "999999999999999", "9999999999999.99", "100000000000000000"];
        for written in taken {
            assert!(written.parse::<Figure>().is_ok(), "{written}");
        }
        let refused = [
            "1000000000000000000",
            "0.001",
            "1234567890123456",
            "-0",
            "+5",
            ".5",
            "5.",
            "1_000",
            "1,000",
            "1e3",
            "",
            " 5",
            "007",
        ];
        for written in refused {
            assert!(written.parse::<Figure>().is_err(), "{written}");
        }
    }
}
