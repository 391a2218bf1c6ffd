//! `tathya.yaml`: site settings and the data records refer to by key.

use std::str::FromStr;

use serde::Deserialize;

use super::types::{Image, Key, Lang, Localized, Url};
use super::yaml::{self, UniqueMap, Word, YamlPath};
use crate::diag::Rule;
use crate::site::routes::SiteUrl;

/// The site's settings (DESIGN.md, "tathya.yaml").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where the site is published, e.g. `https://factcheck.example.gov.in`
    /// or `https://example.gov.in/factcheck/`.
    pub base_url: BaseUrl,
    /// The site's languages; the first is the default.
    pub languages: Vec<Lang>,
    /// The site's name.
    pub title: Localized,
    /// The place in the dateline, e.g. "New Delhi".
    pub place: Localized,
    /// How many statements an index page lists.
    #[serde(default = "default_per_page")]
    pub per_page: usize,
    /// How many statements a language's feed carries: the most recently
    /// issued or corrected.
    #[serde(default = "default_feed_size")]
    pub feed_size: usize,
    /// How numbers are written, per language.
    #[serde(default)]
    pub numbers: UniqueMap<Lang, NumberSettings>,
    /// The house style of each language.
    #[serde(default)]
    pub style: UniqueMap<Lang, StyleSettings>,
    /// Bodies that issue statements.
    pub issuers: UniqueMap<Key, Issuer>,
    /// People who are quoted.
    #[serde(default)]
    pub people: UniqueMap<Key, Person>,
    /// Press contacts.
    #[serde(default)]
    pub contacts: UniqueMap<Key, Contact>,
    /// Tags and their labels.
    #[serde(default)]
    pub tags: UniqueMap<Key, Localized>,
    /// Who the site speaks for, in every page's header.
    #[serde(default)]
    pub identity: Identity,
    /// Where a citizen reports a claim to be checked, on every page.
    #[serde(default)]
    pub report: Report,
    /// How statements are shared on social media.
    #[serde(default)]
    pub share: Share,
    /// The share cards: `false`, or the fonts they are drawn with.
    #[serde(default)]
    pub share_cards: ShareCards,
}

/// Whether statements have share cards (`share_cards: false` turns them
/// off), and the font files they are drawn with.
#[derive(Debug, Clone, Default)]
pub enum ShareCards {
    /// No cards: link previews show the text alone.
    Off,
    /// Cards, drawn with the fonts built into tathya.
    #[default]
    BuiltIn,
    /// Cards, drawn with these font files of the site root.
    Fonts(Vec<FontFile>),
}

impl ShareCards {
    /// Whether statements have cards.
    pub fn on(&self) -> bool {
        !matches!(self, ShareCards::Off)
    }
}

/// `share_cards` as written: `true`, `false`, or `{ fonts: [...] }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardSettings {
    /// Font files of one family (its weights), relative to the site root.
    fonts: Vec<FontFile>,
}

impl<'de> Deserialize<'de> for ShareCards {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Choice;
        impl<'de> serde::de::Visitor<'de> for Choice {
            type Value = ShareCards;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("true, false, or the cards' fonts: `fonts: [fonts/MyFont-Regular.ttf]`")
            }

            fn visit_bool<E: serde::de::Error>(self, on: bool) -> Result<ShareCards, E> {
                Ok(if on { ShareCards::BuiltIn } else { ShareCards::Off })
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ShareCards, A::Error> {
                let settings = CardSettings::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(ShareCards::Fonts(settings.fonts))
            }
        }
        d.deserialize_any(Choice)
    }
}

/// A font file under `fonts/` of the site root (a folder every build
/// hashes, so a changed font redraws the cards): a relative path of ASCII
/// letters, digits, `.`, `_`, `-` and `/`, none starting with `.`, ending in
/// `.ttf` or `.otf`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontFile(String);

impl FontFile {
    /// Its path below the site root, with `/` separators.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for FontFile {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let in_fonts = s.strip_prefix(crate::site::FONTS_DIR).is_some_and(|rest| rest.starts_with('/'));
        if in_fonts && super::types::is_plain_file(s, &["ttf", "otf"]) {
            Ok(FontFile(s.to_owned()))
        } else {
            Err(format!(
                "`{s}` is not a font file name: name a file under fonts/ of the site root, such as fonts/NotoSansDevanagari-Regular.ttf, in ASCII letters, digits, `.`, `_`, `-` and `/`, ending in .ttf or .otf"
            ))
        }
    }
}

impl Word for FontFile {
    const RULE: Rule = Rule::BadSetting;
}

impl<'de> Deserialize<'de> for FontFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::from_str(d)
    }
}

/// How statements are shared on social media.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// Hashtags every post on X and Telegram ends with: `#PIBFactCheck`.
    #[serde(default)]
    pub hashtags: Vec<Hashtag>,
}

/// A hashtag: `#` and letters, marks, digits or `_` of any script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashtag(String);

impl Hashtag {
    /// The hashtag, with its `#`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Hashtag {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let word = |c: char| c == '_' || is_word_character(c);
        match s.strip_prefix('#') {
            Some(tag) if !tag.is_empty() && tag.chars().all(word) => Ok(Hashtag(s.to_owned())),
            _ => Err(format!("`{s}` is not a hashtag: write `#` and letters, digits or `_`, as `#PIBFactCheck`")),
        }
    }
}

impl super::yaml::Word for Hashtag {
    const RULE: crate::diag::Rule = crate::diag::Rule::BadValue;
}

impl<'de> Deserialize<'de> for Hashtag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::yaml::from_str(d)
    }
}

/// The site's identity: the government it belongs to, its parent body, its
/// logo. Every part is optional; a site without them shows its title alone.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// "Government of India" / "भारत सरकार", above the site's title.
    pub government: Option<Localized>,
    /// The ministry or department the site belongs to, linked.
    pub parent: Option<Parent>,
    /// The body's logo or emblem: a file under `templates/`, copied to the
    /// output with the other assets.
    pub logo: Option<Image>,
}

/// The body a site belongs to, linked from its header.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parent {
    /// Its name.
    pub name: Localized,
    /// Its own website.
    pub url: Url,
}

/// The channels a citizen reports a claim through; any of them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// A WhatsApp number with its country code, linked as `https://wa.me/…`.
    pub whatsapp: Option<WhatsApp>,
    /// An e-mail address.
    pub email: Option<Email>,
    /// A web form's address.
    pub form: Option<Url>,
}

impl Report {
    /// Whether the site names any channel.
    pub fn is_empty(&self) -> bool {
        self.whatsapp.is_none() && self.email.is_none() && self.form.is_none()
    }
}

/// A WhatsApp number: a telephone number ([`Phone`]) that starts with `+`
/// and its country code, as `wa.me` links need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatsApp(Phone);

impl WhatsApp {
    /// The number as written.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The chat link: `https://wa.me/` and the number's digits.
    pub fn link(&self) -> String {
        let digits: String = self.0.as_str().chars().filter(char::is_ascii_digit).collect();
        format!("https://wa.me/{digits}")
    }
}

impl FromStr for WhatsApp {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let phone: Phone = s.parse()?;
        // A country code never begins with 0.
        if s.starts_with('+') && !s[1..].trim_start().starts_with('0') {
            Ok(WhatsApp(phone))
        } else {
            Err(format!("`{s}` has no country code: write a WhatsApp number with + and its code, as +91 98765 43210"))
        }
    }
}

impl Word for WhatsApp {
    const RULE: Rule = Rule::BadContact;
}

impl<'de> Deserialize<'de> for WhatsApp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::from_str(d)
    }
}

/// The numbering systems a site may choose in `numbers.<lang>.digits`: Latin
/// and those of the scripts of India's scheduled languages.
pub const NUMBERING_SYSTEMS: [&str; 12] =
    ["latn", "deva", "arab", "arabext", "beng", "guru", "gujr", "orya", "taml", "telu", "knda", "mlym"];

/// Which digits a language's numbers use: a CLDR numbering system such as
/// `latn` or `deva`. `latin` and `devanagari` are accepted as names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Digits(String);

impl Digits {
    /// The CLDR numbering system id, e.g. `deva`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Digits {
    /// 0-9, the international form of Indian numerals (Constitution, Art. 343(1)).
    fn default() -> Self {
        Digits("latn".into())
    }
}

impl std::str::FromStr for Digits {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let id = match s {
            "latin" => "latn",
            "devanagari" => "deva",
            other => other,
        };
        if NUMBERING_SYSTEMS.contains(&id) {
            Ok(Digits(id.to_owned()))
        } else {
            let known = NUMBERING_SYSTEMS.join(", ");
            Err(format!("`{s}` is not a numbering system tathya knows: use latin, devanagari or one of {known}"))
        }
    }
}

impl super::yaml::Word for Digits {
    const RULE: crate::diag::Rule = crate::diag::Rule::BadValue;
}

impl<'de> Deserialize<'de> for Digits {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::yaml::from_str(d)
    }
}

/// How large numbers are grouped and named.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum System {
    /// 15,00,00,000 and 15 crore / 15 करोड़.
    #[default]
    Indian,
    /// 150,000,000 and 150 million.
    International,
}

/// Number settings of one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberSettings {
    /// Latin (default) or native digits.
    #[serde(default)]
    pub digits: Digits,
    /// Indian (default) or international grouping and names.
    #[serde(default)]
    pub system: System,
}

/// Whether the optional nukta of Perso-Arabic loan words is written: फ़रवरी
/// or फरवरी, ज़रूरी or जरूरी. (ड़ and ढ़ are letters of their own, never
/// optional.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Nukta {
    /// Not written, as PIB writes (फर्जी, खारिज, फरवरी): the default.
    #[default]
    Omit,
    /// Written where the word has it.
    Keep,
}

/// The house style of one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleSettings {
    /// The optional nukta, in tathya's own words (month names) and, as a
    /// warning of `check`, in the records.
    #[serde(default)]
    pub nukta: Nukta,
}

/// The letters whose nukta is optional in Hindi: क़ ख़ ग़ ज़ फ़, as their base
/// letter (NFC writes them as the letter and U+093C).
const OPTIONAL_NUKTA_BASES: [char; 5] = ['क', 'ख', 'ग', 'ज', 'फ'];

impl Nukta {
    /// `text` in this style: without the optional nukta under `Omit`.
    pub fn apply(self, text: &str) -> String {
        if self == Nukta::Keep || !text.contains('\u{093c}') {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        let mut previous = '\0';
        for c in text.chars() {
            if !(c == '\u{093c}' && OPTIONAL_NUKTA_BASES.contains(&previous)) {
                out.push(c);
            }
            previous = c;
        }
        out
    }

    /// The byte ranges of optional nuktas in `text` that this style omits.
    pub fn against(self, text: &str) -> Vec<std::ops::Range<usize>> {
        if self == Nukta::Keep {
            return Vec::new();
        }
        let mut previous = ('\0', 0);
        let mut out = Vec::new();
        for (i, c) in text.char_indices() {
            if c == '\u{093c}' && OPTIONAL_NUKTA_BASES.contains(&previous.0) {
                out.push(previous.1..i + c.len_utf8());
            }
            previous = (c, i);
        }
        out
    }
}

/// A body that issues statements.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Full name: "Ministry of Health and Family Welfare".
    pub name: Localized,
    /// Short name for headlines: "Health Ministry".
    pub short: Localized,
    /// Its own website: the author's address in the structured data (the
    /// site's own address if it has none).
    pub url: Option<Url>,
    /// Grammatical gender of the name, per language that has one
    /// (`hi: masculine`), passed to Fluent as `$issuer_gender`. A language
    /// whose messages use it needs it for every issuer.
    #[serde(default)]
    pub gender: UniqueMap<Lang, Key>,
    /// Whether the name takes an article, per language that has them
    /// (`en: the` for "the Ministry of …", `en: none` for "NITI Aayog"),
    /// passed to Fluent as `$issuer_article`. A language whose messages use
    /// it needs it for every issuer.
    #[serde(default)]
    pub article: UniqueMap<Lang, Key>,
}

/// A person who may be quoted.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Name with title: "Dr R S Sharma".
    pub name: Localized,
    /// Office: "Chairman, Empowered Group on Vaccine Administration".
    pub role: Localized,
}

/// A press contact.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Name or office.
    pub name: Localized,
    /// E-mail address.
    pub email: Option<Email>,
    /// Telephone number, as it should be printed.
    pub phone: Option<Phone>,
}

/// `base_url`: the absolute http(s) address the site is published at, which
/// may be a folder of its host (`https://example.gov.in/factcheck/`). Every
/// URL of the site is made by adding a page's path to it, so it has no
/// query, no fragment and no user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(SiteUrl);

impl BaseUrl {
    /// The site's URLs.
    pub fn url(&self) -> &SiteUrl {
        &self.0
    }
}

impl FromStr for BaseUrl {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let address: Url = s.parse()?;
        let url = url::Url::parse(address.as_str()).map_err(|err| format!("`{s}` is not an address: {err}"))?;
        let why = if !url.username().is_empty() || url.password().is_some() {
            "names a user (`…@`), which every page would publish"
        } else if url.query().is_some() {
            "has a query (`?…`)"
        } else if url.fragment().is_some() {
            "has a fragment (`#…`)"
        } else if url.path().trim_end_matches('/').contains("//") || s.contains(":///") {
            // `https://host//x/` would make every link `//x/…`: a link to the host `x`.
            "has an empty folder name (`//`)"
        } else if s.split(['/', '?', '#']).skip(3).any(|part| part == "." || part == "..") {
            "has a `.` or `..` folder, which the address would drop"
        } else {
            return Ok(BaseUrl(SiteUrl::new(url.as_str(), url.path())));
        };
        Err(format!(
            "`{s}` {why}: base_url is the site's address, scheme, host and optionally a folder, such as https://example.gov.in/factcheck/, to which each page's path is added"
        ))
    }
}

impl Word for BaseUrl {
    const RULE: Rule = Rule::BadUrl;
}

impl<'de> Deserialize<'de> for BaseUrl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::from_str(d)
    }
}

/// A contact's e-mail address, `local@domain.tld`, printed as written and
/// linked with `mailto:`. A plain rule rather than RFC 5322's: the local
/// part of letters, digits (of any script, as in Indian-language addresses
/// such as संपर्क@डाटामेल.भारत), `.`, `_`, `-` and `+`; a domain of at least
/// two labels of letters, digits and `-`, the last not all digits. So no name,
/// angle brackets, spaces, second address or `?subject=` can ride along.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A letter or digit of any script, or a mark that belongs to one (the
/// vowel signs and virama of संपर्क).
fn is_word_character(c: char) -> bool {
    use icu::properties::CodePointMapData;
    use icu::properties::props::{GeneralCategory, GeneralCategoryGroup};
    c.is_alphanumeric() || GeneralCategoryGroup::Mark.contains(CodePointMapData::<GeneralCategory>::new().get(c))
}

impl FromStr for Email {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let local_ok = |local: &str| {
            !local.is_empty()
                && !local.starts_with('.')
                && !local.ends_with('.')
                && !local.contains("..")
                && local.chars().all(|c| is_word_character(c) || "._-+".contains(c))
        };
        let label_ok = |label: &str| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| is_word_character(c) || c == '-')
        };
        let valid = match s.split_once('@') {
            Some((local, domain)) => {
                let labels: Vec<&str> = domain.split('.').collect();
                local_ok(local)
                    && labels.len() >= 2
                    && labels.iter().all(|label| label_ok(label))
                    && labels.last().is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()))
            }
            None => false,
        };
        if valid {
            Ok(Email(s.to_owned()))
        } else {
            Err(format!(
                "`{s}` is not an e-mail address: write it plainly, as local@domain.tld (media-cell@example.gov.in), without a name, angle brackets or spaces"
            ))
        }
    }
}

impl Word for Email {
    const RULE: Rule = Rule::BadContact;
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::from_str(d)
    }
}

/// A contact's telephone number, printed as written: digits (from 3, as in
/// 112, to 15, E.164's most), grouped with spaces, hyphens and parentheses,
/// after an optional `+`. One number, without words such as "ext.".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Phone {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let number = s.strip_prefix('+').unwrap_or(s);
        let digits = number.chars().filter(char::is_ascii_digit).count();
        let mut depth = 0i32;
        let shaped = number.chars().all(|c| {
            depth += match c {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            (0..=1).contains(&depth) && (c.is_ascii_digit() || " -()".contains(c))
        });
        if shaped && depth == 0 && (3..=15).contains(&digits) {
            Ok(Phone(s.to_owned()))
        } else {
            Err(format!(
                "`{s}` is not a telephone number: write one number in digits, with an optional + and spaces, hyphens or parentheses (+91 11 2306 0000)"
            ))
        }
    }
}

impl Word for Phone {
    const RULE: Rule = Rule::BadContact;
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::from_str(d)
    }
}

fn default_per_page() -> usize {
    20
}

fn default_feed_size() -> usize {
    50
}

impl Config {
    /// The house style of `lang`.
    pub fn style(&self, lang: &Lang) -> StyleSettings {
        self.style.0.get(lang).cloned().unwrap_or_default()
    }

    /// The settings for `lang`'s numbers.
    pub fn numbers(&self, lang: &Lang) -> NumberSettings {
        self.numbers.0.get(lang).cloned().unwrap_or_default()
    }

    /// Every localized text in the settings with its path.
    pub fn texts(&self) -> Vec<(YamlPath, &Localized)> {
        let root = YamlPath::default();
        let mut out = vec![(root.join("title"), &self.title), (root.join("place"), &self.place)];
        for (key, issuer) in &self.issuers.0 {
            let at = root.join("issuers").join(key.as_str());
            out.push((at.join("name"), &issuer.name));
            out.push((at.join("short"), &issuer.short));
        }
        for (key, person) in &self.people.0 {
            let at = root.join("people").join(key.as_str());
            out.push((at.join("name"), &person.name));
            out.push((at.join("role"), &person.role));
        }
        for (key, contact) in &self.contacts.0 {
            out.push((root.join("contacts").join(key.as_str()).join("name"), &contact.name));
        }
        for (key, label) in &self.tags.0 {
            out.push((root.join("tags").join(key.as_str()), label));
        }
        let identity = root.join("identity");
        if let Some(government) = &self.identity.government {
            out.push((identity.join("government"), government));
        }
        if let Some(parent) = &self.identity.parent {
            out.push((identity.join("parent").join("name"), &parent.name));
        }
        if let Some(logo) = &self.identity.logo {
            out.push((identity.join("logo").join("alt"), &logo.alt));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_an_address_and_maybe_a_folder() {
        let folder: BaseUrl = "https://example.gov.in/factcheck".parse().unwrap();
        assert_eq!((folder.url().as_str(), folder.url().root()), ("https://example.gov.in/factcheck", "/factcheck/"));
        let host: BaseUrl = "http://localhost:8000/".parse().unwrap();
        assert_eq!((host.url().as_str(), host.url().root()), ("http://localhost:8000", "/"));
        for refused in [
            "https://x.gov.in/?a=1",
            "https://x.gov.in/?",
            "https://x.gov.in/#top",
            "https://a@x.gov.in/",
            "ftp://x.gov.in/",
            "/factcheck/",
        ] {
            assert!(refused.parse::<BaseUrl>().is_err(), "{refused}");
        }
    }

    #[test]
    fn contacts_are_plain_addresses_and_numbers() {
        for email in ["media-cell@example.gov.in", "pib.delhi+press@nic.in", "संपर्क@डाटामेल.भारत"]
        {
            assert!(email.parse::<Email>().is_ok(), "{email}");
        }
        let refused = [
            "Media Cell <media@x.gov.in>",
            "media@x",
            "media@x.123",
            "a b@x.gov.in",
            "a@x.gov.in?subject=hi",
            "a@@x.gov.in",
            ".a@x.gov.in",
            "a@x..in",
            "a@-x.in",
            "a@x.in, b@x.in",
            "",
        ];
        for email in refused {
            assert!(email.parse::<Email>().is_err(), "{email}");
        }
        for phone in ["+91 11 2306 0000", "1800-11-4377", "112", "(011) 2306-0000", "+91 (11) 23060000"] {
            assert!(phone.parse::<Phone>().is_ok(), "{phone}");
        }
        for phone in ["+91 11 2306 0000 ext. 12", "2306 0000, 2306 1111", "12", "+91 (11 2306", "1+1", "((11))", ""] {
            assert!(phone.parse::<Phone>().is_err(), "{phone}");
        }
    }
}
