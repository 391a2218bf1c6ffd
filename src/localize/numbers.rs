//! The one owner of number formatting: ICU4X with the site's settings.
//!
//! A figure is written once in a record and printed per language, on one
//! scale in every language so that the versions of a communiqué carry the
//! same figures. The Indian system, the default: every number of four
//! digits or more grouped (1,000; 25,000; 12,34,567), and words when they
//! say the number exactly with at most two decimals, on three scales only:
//! लाख / lakh (10^5), करोड़ / crore (10^7) and लाख करोड़ / lakh crore (10^12),
//! the significand grouped too: "220 करोड़" / "220 crore", "1,000 crore",
//! "11.11 लाख करोड़", never "2.2 अरब" (PIB writes "220 करोड़ खुराकें",
//! "11.11 लाख करोड़ रुपये"). The words are CLDR's, per language. The
//! international system, on request per language, uses the language's own
//! CLDR scale (million, billion). Latin digits unless the site asks for the
//! language's own. Fluent's own number formatting does no grouping, so
//! every number Fluent prints comes here too ([`fluent_formatter`]).

use fluent::FluentValue;
use icu::decimal::input::Decimal;
use icu::decimal::{CompactDecimalFormatter, DecimalFormatter};
use icu::locale::Locale;
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;
use unic_langid::LanguageIdentifier;

use crate::load::config::{NUMBERING_SYSTEMS, NumberSettings, System};

/// Below this many powers of ten a number is never written in words: 1,000
/// reads better than "1 thousand" in a press release.
const SMALLEST_WORD_EXPONENT: u8 = 5;
/// Words are used only when they need at most this many decimals:
/// "12.5 लाख", never "12.34567 लाख".
const MOST_WORD_DECIMALS: i16 = 2;
/// The powers of ten of the Indian scales: lakh, crore.
const LAKH: u8 = 5;
const CRORE: u8 = 7;
/// Lakh crore: a lakh of crores.
const LAKH_CRORE: u8 = LAKH + CRORE;

/// Formats numbers for one language.
#[derive(Debug)]
pub struct NumberFormat {
    decimal: DecimalFormatter,
    compact: CompactDecimalFormatter,
    /// The words for lakh and crore in the Indian system, when the
    /// language's CLDR data has them.
    indian: Option<(String, String)>,
}

impl NumberFormat {
    /// The formatter for `lang` with the site's settings for it.
    pub fn new(lang: &str, settings: &NumberSettings) -> Result<Self, String> {
        let region = match settings.system {
            System::Indian => "-IN",
            System::International => "",
        };
        let tag = format!("{lang}{region}-u-nu-{}", settings.digits.as_str());
        let locale: Locale = tag.parse().map_err(|err| format!("`{tag}` is not a locale ICU4X accepts: {err}"))?;
        let decimal = DecimalFormatter::try_new((&locale).into(), Default::default())
            .map_err(|err| format!("no number data for `{tag}`: {err}"))?;
        let compact = CompactDecimalFormatter::try_new_long((&locale).into(), Default::default())
            .map_err(|err| format!("no compact number data for `{tag}`: {err}"))?;
        let mut format = NumberFormat { decimal, compact, indian: None };
        if settings.system == System::Indian {
            format.indian = format.scale_word(LAKH).zip(format.scale_word(CRORE));
        }
        Ok(format)
    }

    /// The language's word for 10^`exponent` alone ("लाख"), if its CLDR
    /// scale has one there.
    fn scale_word(&self, exponent: u8) -> Option<String> {
        if self.compact.compact_exponent_for_magnitude(i16::from(exponent)) != exponent {
            return None;
        }
        let one = Decimal::from(1);
        let formatted = self.compact.format_with_exponent(&one, exponent).ok()?.to_string();
        let word = formatted.replacen(&self.decimal.format_to_string(&one), "", 1);
        let word = word.trim_matches(|c: char| c.is_whitespace() || c == '\u{202f}');
        (!word.is_empty()).then(|| word.to_owned())
    }

    /// All digits, grouped: "15,00,00,000".
    pub fn digits(&self, n: f64) -> String {
        self.decimal.format_to_string(&to_decimal(n))
    }

    /// In words where the language has a word for the size, exactly:
    /// "15 करोड़", "12.34567 lakh"; small numbers stay digits.
    pub fn words(&self, n: f64) -> String {
        let decimal = to_decimal(n);
        self.in_words(&decimal, i16::MAX).unwrap_or_else(|| self.decimal.format_to_string(&decimal))
    }

    /// Words for large round numbers, digits otherwise: "15 करोड़",
    /// "12,34,567". This is what `{ $figure }` prints.
    pub fn auto(&self, n: f64) -> String {
        let decimal = to_decimal(n);
        self.in_words(&decimal, MOST_WORD_DECIMALS).unwrap_or_else(|| self.decimal.format_to_string(&decimal))
    }

    /// The number as a grouped significand and the word for its scale, if
    /// that needs at most `max_decimals`: "1,000 crore", "11.11 लाख करोड़".
    fn in_words(&self, decimal: &Decimal, max_decimals: i16) -> Option<String> {
        let magnitude = decimal.absolute.nonzero_magnitude_start();
        let (exponent, word) = match &self.indian {
            Some((lakh, crore)) => match magnitude {
                m if m >= i16::from(LAKH_CRORE) => (LAKH_CRORE, format!("{lakh} {crore}")),
                m if m >= i16::from(CRORE) => (CRORE, crore.clone()),
                m if m >= i16::from(LAKH) => (LAKH, lakh.clone()),
                _ => return None,
            },
            None => return self.in_cldr_words(decimal, max_decimals),
        };
        let (significand, word) = match (self.significand(decimal, exponent, max_decimals), &self.indian) {
            (Some(significand), _) => (significand, word),
            // 1.111 lakh crore is written 1,11,100 crore, as PIB writes sums.
            (None, Some((_, crore))) if exponent == LAKH_CRORE => {
                (self.significand(decimal, CRORE, max_decimals)?, crore.clone())
            }
            (None, _) => return None,
        };
        Some(format!("{} {word}", self.decimal.format_to_string(&significand)))
    }

    /// `decimal` divided by 10^`exponent`, if that needs at most `max_decimals`.
    fn significand(&self, decimal: &Decimal, exponent: u8, max_decimals: i16) -> Option<Decimal> {
        let mut significand = decimal.clone();
        significand.multiply_pow10(-i16::from(exponent));
        significand.absolute.trim_end();
        let decimals = -significand.absolute.nonzero_magnitude_end().min(0);
        (decimals <= max_decimals).then_some(significand)
    }

    /// Words on the language's own CLDR scale: "150 million".
    fn in_cldr_words(&self, decimal: &Decimal, max_decimals: i16) -> Option<String> {
        let exponent = self.compact.compact_exponent_for_magnitude(decimal.absolute.nonzero_magnitude_start());
        if exponent < SMALLEST_WORD_EXPONENT {
            return None;
        }
        let significand = self.significand(decimal, exponent, max_decimals)?;
        let formatted = self.compact.format_with_exponent(&significand, exponent).ok()?;
        // CLDR joins "15" and "crore" with U+202F NARROW NO-BREAK SPACE in
        // English but a plain space in Hindi; an invisible character that
        // differs by language would show in every review diff and weighs
        // double on X, so both get a plain space.
        Some(formatted.to_string().replace(['\u{202f}', '\u{a0}'], " "))
    }
}

/// The decimal an f64 from Fluent stands for: Rust prints the shortest
/// text that reads back as the same f64, never in exponent form. For a
/// figure that is the figure as written, since a record's figures have at
/// most [`MAX_SIGNIFICANT_DIGITS`](crate::load::record::MAX_SIGNIFICANT_DIGITS) significant digits, and two decimals of
/// that many never read as one f64.
fn to_decimal(n: f64) -> Decimal {
    n.to_string().parse().unwrap_or_default()
}

impl Memoizable for NumberFormat {
    type Args = (usize, System);
    type Error = String;

    fn construct(lang: LanguageIdentifier, (digits, system): Self::Args) -> Result<Self, String> {
        let digits = NUMBERING_SYSTEMS[digits].parse()?;
        NumberFormat::new(lang.language.as_str(), &NumberSettings { digits, system })
    }
}

/// How a Fluent bundle prints numbers.
pub type FluentFormatter = fn(&FluentValue, &IntlLangMemoizer) -> Option<String>;

/// Fluent takes a plain `fn`, not a closure, so the settings are chosen by
/// picking one of these instances; the bundle's memoizer builds and keeps
/// the ICU4X formatter on first use.
fn fluent_format<const DIGITS: usize, const INTERNATIONAL: bool>(
    value: &FluentValue,
    intls: &IntlLangMemoizer,
) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let system = if INTERNATIONAL { System::International } else { System::Indian };
    intls.with_try_get::<NumberFormat, _, _>((DIGITS, system), |format| format.auto(number.value)).ok()
}

macro_rules! formatters {
    ($($digits:literal)*) => {
        [$([fluent_format::<$digits, false>, fluent_format::<$digits, true>]),*]
    };
}

const FLUENT_FORMATTERS: [[FluentFormatter; 2]; NUMBERING_SYSTEMS.len()] = formatters!(0 1 2 3 4 5 6 7 8 9 10 11);

/// The Fluent number formatter for a language's settings.
pub fn fluent_formatter(settings: &NumberSettings) -> FluentFormatter {
    let digits = NUMBERING_SYSTEMS.iter().position(|id| *id == settings.digits.as_str()).unwrap_or(0);
    FLUENT_FORMATTERS[digits][usize::from(settings.system == System::International)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(lang: &str, digits: &str, system: System) -> NumberFormat {
        let settings = NumberSettings { digits: digits.parse().unwrap(), system };
        NumberFormat::new(lang, &settings).unwrap()
    }

    #[test]
    fn indian_grouping_in_both_languages() {
        for lang in ["hi", "en"] {
            let f = format(lang, "latin", System::Indian);
            let got: Vec<String> = [0.0, 1.0, 1000.0, 100000.0, 150000000.0, 1.5].map(|n| f.digits(n)).into();
            assert_eq!(got, ["0", "1", "1,000", "1,00,000", "15,00,00,000", "1.5"], "{lang}");
        }
    }

    #[test]
    fn international_grouping_on_request() {
        let f = format("en", "latin", System::International);
        assert_eq!(f.digits(150000000.0), "150,000,000");
        assert_eq!(f.auto(150000000.0), "150 million");
    }

    #[test]
    fn compact_words_lakh_and_crore() {
        let hi = format("hi", "latin", System::Indian);
        let en = format("en", "latin", System::Indian);
        assert_eq!(hi.auto(150000000.0), "15 करोड़");
        assert_eq!(en.auto(150000000.0), "15 crore");
        assert_eq!(hi.auto(100000.0), "1 लाख");
        assert_eq!(en.auto(100000.0), "1 lakh");
        assert_eq!(en.auto(1250000.0), "12.5 lakh");
    }

    #[test]
    fn words_never_round() {
        let en = format("en", "latin", System::Indian);
        assert_eq!(en.auto(1234567.0), "12,34,567");
        assert_eq!(en.words(1234567.0), "12.34567 lakh");
        assert_eq!(en.auto(99999.0), "99,999");
        assert_eq!(en.auto(1000.0), "1,000");
    }

    #[test]
    fn devanagari_digits_on_request() {
        let hi = format("hi", "devanagari", System::Indian);
        assert_eq!(hi.digits(150000000.0), "१५,००,००,०००");
        assert_eq!(hi.auto(150000000.0), "१५ करोड़");
        assert_eq!(hi.digits(1.5), "१.५");
    }

    #[test]
    fn fluent_formatter_follows_the_settings() {
        let deva = NumberSettings { digits: "devanagari".parse().unwrap(), system: System::Indian };
        let intls = IntlLangMemoizer::new("hi".parse().unwrap());
        let value = FluentValue::from(150000000);
        assert_eq!(fluent_formatter(&deva)(&value, &intls).as_deref(), Some("१५ करोड़"));
        let latin = NumberSettings::default();
        assert_eq!(fluent_formatter(&latin)(&FluentValue::from(1000), &intls).as_deref(), Some("1,000"));
    }
}
