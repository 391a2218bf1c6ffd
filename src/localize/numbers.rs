//! The one owner of number formatting: ICU4X with the site's settings.
//!
//! A figure is written once in a record and printed per language: Indian
//! grouping (15,00,00,000), or words when they say the number exactly
//! (15 करोड़, 15 crore), in Latin digits unless the site asks for the
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

/// Formats numbers for one language.
#[derive(Debug)]
pub struct NumberFormat {
    decimal: DecimalFormatter,
    compact: CompactDecimalFormatter,
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
        Ok(NumberFormat { decimal, compact })
    }

    /// All digits, grouped: "15,00,00,000".
    pub fn digits(&self, n: f64) -> String {
        self.decimal.format_to_string(&to_decimal(n))
    }

    /// In words where the language has a word for the size, exactly:
    /// "15 करोड़", "1.25 crore"; small numbers stay digits.
    pub fn words(&self, n: f64) -> String {
        let decimal = to_decimal(n);
        self.in_words(&decimal, i16::MAX).unwrap_or_else(|| self.decimal.format_to_string(&decimal))
    }

    /// Words for large round numbers, digits otherwise: "15 करोड़",
    /// "12,34,567". This is what `{ $figure }` prints.
    pub fn auto(&self, n: f64) -> String {
        let decimal = to_decimal(n);
        match self.in_words(&decimal, MOST_WORD_DECIMALS) {
            Some(words) if self.word_exponent(&decimal) >= SMALLEST_WORD_EXPONENT => words,
            _ => self.decimal.format_to_string(&decimal),
        }
    }

    fn word_exponent(&self, decimal: &Decimal) -> u8 {
        self.compact.compact_exponent_for_magnitude(decimal.absolute.nonzero_magnitude_start())
    }

    /// The number as a significand and the locale's word for its size
    /// (lakh, crore, million), if that needs at most `max_decimals`.
    fn in_words(&self, decimal: &Decimal, max_decimals: i16) -> Option<String> {
        let exponent = self.word_exponent(decimal);
        if exponent == 0 {
            return None;
        }
        let mut significand = decimal.clone();
        significand.multiply_pow10(-i16::from(exponent));
        significand.absolute.trim_end();
        let decimals = -significand.absolute.nonzero_magnitude_end().min(0);
        if decimals > max_decimals {
            return None;
        }
        let formatted = self.compact.format_with_exponent(&significand, exponent).ok()?;
        // CLDR joins "15" and "crore" with U+202F NARROW NO-BREAK SPACE in
        // English but a plain space in Hindi; an invisible character that
        // differs by language would show in every review diff and weighs
        // double on X, so both get a plain space.
        Some(formatted.to_string().replace(['\u{202f}', '\u{a0}'], " "))
    }
}

/// The exact decimal an f64 figure stands for. Rust prints the shortest
/// text that reads back as the same f64, never in exponent form.
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
