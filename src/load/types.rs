//! Small value types shared by settings and records: language codes, keys,
//! statement ids, localized text, dates and verdicts.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::yaml::{self, UniqueMap, Word};
use crate::diag::Rule;

/// A language code as used in URLs and folder names: `en`, `hi`, `mr`: a
/// BCP 47 language identifier as ICU4X reads it, in its canonical form, so
/// that Fluent, ICU4X and the folder names all agree on it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Lang(String);

impl Lang {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.parse::<icu::locale::LanguageIdentifier>() {
            Ok(id) if id.to_string() == s => Ok(Lang(s.to_owned())),
            Ok(id) => Err(format!("`{s}` is written `{id}` as a language code")),
            Err(_) => Err(format!("`{s}` is not a language code (BCP 47, like `en`, `hi` or `mr`)")),
        }
    }
}

impl Word for Lang {
    const RULE: Rule = Rule::BadName;
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::from_str(d)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !is_reserved_name(s)
}

/// Names Windows will not give a file or folder, whatever the extension;
/// ids and keys become folder names, so they may not be these.
pub fn is_reserved_name(s: &str) -> bool {
    let stem = s.split('.').next().unwrap_or(s);
    matches!(stem, "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
}

/// A key into the shared data of `tathya.yaml`: an issuer, person, contact,
/// tag or figure name. Lowercase ASCII letters, digits and `-`, or `_` for
/// figures, which Fluent reads as variable names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Key(String);

impl Key {
    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Key {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let valid = !s.is_empty()
            && s.as_bytes()[0].is_ascii_lowercase()
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
            && !is_reserved_name(s);
        if valid {
            Ok(Key(s.to_owned()))
        } else {
            Err(format!("`{s}` is not a valid key: use lowercase letters, digits, `-` and `_`, starting with a letter"))
        }
    }
}

impl Word for Key {
    const RULE: Rule = Rule::BadName;
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::from_str(d)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The image formats tathya reads: a logo, a claim's screenshot.
pub const IMAGE_EXTENSIONS: [&str; 5] = ["svg", "png", "webp", "jpg", "jpeg"];

/// An image file named by its path below a folder (`templates/` for a
/// logo, the record's own folder for a claim's screenshot): segments of
/// ASCII letters, digits, `.`, `_` and `-`, none starting with `.` (so no
/// `..`), ending in one of [`IMAGE_EXTENSIONS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFile(String);

impl ImageFile {
    /// Its path below its folder, with `/` separators.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for ImageFile {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if is_plain_file(s, &IMAGE_EXTENSIONS) {
            Ok(ImageFile(s.to_owned()))
        } else {
            Err(format!(
                "`{s}` is not an image file name: name one such as logo.svg or claim.png, in ASCII letters, digits, `.`, `_`, `-` and `/`, ending in .{}",
                IMAGE_EXTENSIONS.join(", .")
            ))
        }
    }
}

/// Whether `s` is a plain relative file path: segments of ASCII letters,
/// digits, `.`, `_` and `-` between `/`, none empty or starting with `.`
/// (so no `..`), ending in one of `extensions` (lower case, any case allowed).
pub fn is_plain_file(s: &str, extensions: &[&str]) -> bool {
    let segment_ok = |segment: &str| {
        !segment.is_empty()
            && !segment.starts_with('.')
            && segment.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    };
    let extension = s.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase());
    s.split('/').all(segment_ok) && extension.is_some_and(|ext| extensions.contains(&ext.as_str()))
}

impl Word for ImageFile {
    const RULE: Rule = Rule::BadImage;
}

impl<'de> Deserialize<'de> for ImageFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::from_str(d)
    }
}

/// A picture with its text alternative: a logo, a claim as it circulated.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Its file, below the folder its owner names.
    pub file: ImageFile,
    /// What it shows, for those who cannot see it, in each language.
    pub alt: Localized,
}

/// A statement's id: its path under `statements/` without `.yaml`, e.g.
/// `2021/06/cowin-data-breach`. It becomes the URL, the same in every
/// language, so each segment is lowercase ASCII, digits and `-`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Id(String);

impl Id {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Id {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let first = s.split('/').next().unwrap_or_default();
        if crate::site::routes::SITE_FOLDERS.contains(&first) {
            Err(format!(
                "`{s}` begins with `{first}/`, where the site keeps its own pages (/en/{first}/…): put the record in another folder"
            ))
        } else if s.split('/').all(is_slug) {
            Ok(Id(s.to_owned()))
        } else {
            Err(format!(
                "`{s}` is not a statement id: each path segment may hold only a-z, 0-9 and `-`, and may not be a name Windows reserves (con, nul, com1, …)"
            ))
        }
    }
}

impl Word for Id {
    const RULE: Rule = Rule::BadName;
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::from_str(d)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `text` is in Unicode NFC; the same answer as
/// [`unicode_normalization::is_nfc`], faster for Latin and Devanagari text.
///
/// That check must compose the whole text again whenever it meets a
/// character that *may* combine with the one before, and Hindi is full of
/// one: the nukta (U+093C) of ड़ and ढ़. Here a nukta is known to stay as it
/// is unless it follows न, र or ळ, the only letters it composes with; the
/// precomposed nukta letters (U+0958-U+095F) are never NFC. Any other
/// character outside Latin, Devanagari and common punctuation, or two
/// combining marks in a row (whose order matters), is left to the full check.
pub fn is_nfc(text: &str) -> bool {
    let mut previous = '\0';
    let mut marked = false;
    for c in text.chars() {
        let simple = match c {
            '\0'..='\u{2ff}' | '\u{2010}'..='\u{2027}' | '\u{20b9}' => true,
            '\u{0958}'..='\u{095f}' => return false,
            '\u{093c}' => !matches!(previous, '\u{0928}' | '\u{0930}' | '\u{0933}'),
            '\u{0900}'..='\u{097f}' => true,
            _ => false,
        };
        // Devanagari's combining marks, whose canonical order matters.
        let mark = matches!(c, '\u{093c}' | '\u{094d}' | '\u{0951}'..='\u{0954}');
        if !simple || (mark && marked) {
            return unicode_normalization::is_nfc(text);
        }
        (previous, marked) = (c, mark);
    }
    true
}

/// Text as written in a record, normalized to NFC when read so that equal
/// words compare equal whatever keyboard typed them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Reads a text. YAML's null (`~`, `null` or nothing, unquoted) is no text
/// at all, and becomes the empty text, which the checks refuse where it is
/// written (T032): read as a string it would be published as "~" or "null".
/// Only a reading as an option tells a null from the word: serde_yaml hands
/// a string visitor the plain `~` as the text "~".
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> serde::de::Visitor<'de> for TextVisitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text")
            }

            fn visit_none<E: serde::de::Error>(self) -> Result<Text, E> {
                Ok(Text(String::new()))
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
                let raw = String::deserialize(d)?;
                // Most text is NFC already; normalizing costs far more than checking.
                if is_nfc(&raw) {
                    return Ok(Text(raw));
                }
                Ok(Text(raw.nfc().collect()))
            }
        }

        d.deserialize_option(TextVisitor)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(s.nfc().collect())
    }
}

/// One value per language, e.g. `{ en: ..., hi: ... }`. Which languages must
/// be present is a rule of the site (`tathya.yaml`), checked after loading.
pub type Localized<T = Text> = UniqueMap<Lang, T>;

/// A calendar date, written `2021-06-10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct Date(pub jiff::civil::Date);

impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let valid_shape = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
        match s.parse::<jiff::civil::Date>() {
            Ok(date) if valid_shape => Ok(Date(date)),
            _ => Err(format!("`{s}` is not a date: write it as YYYY-MM-DD, e.g. 2021-06-10")),
        }
    }
}

impl Word for Date {
    const RULE: Rule = Rule::BadDate;
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::from_str(d)
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.0.to_string()
    }
}

/// A moment with its UTC offset, written `2021-06-10T18:30:00+05:30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Instant(pub jiff::Timestamp);

impl From<Instant> for String {
    fn from(at: Instant) -> String {
        at.0.to_string()
    }
}

impl FromStr for Instant {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        s.parse::<jiff::Timestamp>()
            .map(Instant)
            .map_err(|_| format!("`{s}` is not a moment with a time zone: write it as 2021-06-10T18:30:00+05:30"))
    }
}

impl Word for Instant {
    const RULE: Rule = Rule::BadDate;
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::from_str(d)
    }
}

/// An absolute http or https address, as the URL standard writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Url(String);

impl Url {
    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Url {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let invalid = || format!("`{s}` is not an absolute http(s) address");
        // The URL standard drops white space and control characters from an
        // address without a word; in a record they are a typo to point at.
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(format!("`{s}` has a space or a control character; an address has none"));
        }
        let url = url::Url::parse(s).map_err(|_| invalid())?;
        match (url.scheme(), url.host_str()) {
            ("http" | "https", Some(host)) if !host.is_empty() => Ok(Url(url.into())),
            _ => Err(invalid()),
        }
    }
}

impl Word for Url {
    const RULE: Rule = Rule::BadUrl;
}

impl<'de> Deserialize<'de> for Url {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::from_str(d)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn texts(source: &str) -> Vec<String> {
        let map: Localized = yaml::parse(Path::new("x.yaml"), source).unwrap();
        map.0.values().map(|text| text.as_str().to_owned()).collect()
    }

    #[test]
    fn null_is_no_text_and_the_quoted_word_is_text() {
        assert_eq!(texts("en: ~\nhi: null\nmr:\n"), ["", "", ""]);
        assert_eq!(texts("en: \"~\"\nhi: 'null'\nmr: !!str null\n"), ["~", "null", "null"]);
        assert_eq!(texts("en: nullable\nhi: 2021\n"), ["nullable", "2021"]);
    }
}
