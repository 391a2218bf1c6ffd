//! The one owner of date formatting.
//!
//! ICU4X supplies the names of days and months and the digits; the order
//! and punctuation come from the locale's Fluent messages `date-full` and
//! `date-long`, because house style is a choice of the site: ICU4X 2.4
//! (CLDR 48) writes "गुरुवार, 10 जून, 2021" where Government of India style
//! and CLDR 49 write "गुरुवार, 10 जून 2021".

use std::fmt;

use icu::calendar::{Date as IcuDate, Gregorian};
use icu::datetime::fieldsets::YMDE;
use icu::datetime::{FixedCalendarDateTimeFormatter, parts};
use icu::decimal::DecimalFormatter;
use icu::decimal::input::Decimal;
use icu::locale::Locale;
use writeable::{Part, PartsWrite, Writeable};

use crate::load::config::{Nukta, NumberSettings};
use crate::load::types::Date;

/// The pieces of a date in one language, ready for a Fluent pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateParts {
    /// "गुरुवार", "Thursday".
    pub weekday: String,
    /// "10" or "१०".
    pub day: String,
    /// "जून", "June".
    pub month: String,
    /// "2021" or "२०२१".
    pub year: String,
}

/// Names the parts of dates for one language.
#[derive(Debug)]
pub struct DateFormat {
    formatter: FixedCalendarDateTimeFormatter<Gregorian, YMDE>,
    /// The house style's nukta: CLDR writes फ़रवरी, PIB फरवरी.
    nukta: Nukta,
    /// The digits 0 to 9 of the language's numbering system.
    digits: Vec<String>,
}

impl DateFormat {
    /// The formatter for `lang`, with the digits of its number settings and
    /// the nukta of its house style.
    pub fn new(lang: &str, numbers: &NumberSettings, nukta: Nukta) -> Result<Self, String> {
        let tag = format!("{lang}-IN-u-nu-{}", numbers.digits.as_str());
        let locale: Locale = tag.parse().map_err(|err| format!("`{tag}` is not a locale ICU4X accepts: {err}"))?;
        let formatter = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMDE::long())
            .map_err(|err| format!("no date data for `{tag}`: {err}"))?;
        let decimal = DecimalFormatter::try_new((&locale).into(), Default::default())
            .map_err(|err| format!("no number data for `{tag}`: {err}"))?;
        let digits = (0..10).map(|d| decimal.format_to_string(&Decimal::from(d))).collect();
        Ok(DateFormat { formatter, nukta, digits })
    }

    /// A time on the 12-hour clock, in the language's digits: "6:30", "६:३०";
    /// on the hour, the hour alone: "9", as "9 am" and "सुबह 9 बजे" say it.
    pub fn clock(&self, hour: i8, minute: i8) -> String {
        let hour = match hour % 12 {
            0 => 12,
            h => h,
        };
        let time = if minute == 0 { hour.to_string() } else { format!("{hour}:{minute:02}") };
        self.digits(&time)
    }

    /// `text` with its digits 0-9 in the language's: "2021", "२०२१".
    pub fn digits(&self, text: &str) -> String {
        text.chars()
            .map(|c| match c.to_digit(10).and_then(|d| self.digits.get(d as usize)) {
                Some(digit) => digit.clone(),
                None => c.to_string(),
            })
            .collect()
    }

    /// The parts of `date`.
    pub fn parts(&self, date: Date) -> DateParts {
        let mut sink = PartsSink::default();
        let gregorian = IcuDate::try_new_gregorian(i32::from(date.0.year()), date.0.month() as u8, date.0.day() as u8);
        if let Ok(gregorian) = gregorian {
            // Writing to a String cannot fail.
            let _ = self.formatter.format(&gregorian).write_to_parts(&mut sink);
        }
        let mut parts = sink.parts;
        parts.weekday = self.nukta.apply(&parts.weekday);
        parts.month = self.nukta.apply(&parts.month);
        parts
    }
}

/// Collects the text of the parts a formatted date is made of.
#[derive(Default)]
struct PartsSink {
    stack: Vec<Part>,
    parts: DateParts,
}

impl fmt::Write for PartsSink {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let target = match self.stack.first() {
            Some(&p) if p == parts::WEEKDAY => &mut self.parts.weekday,
            Some(&p) if p == parts::DAY => &mut self.parts.day,
            Some(&p) if p == parts::MONTH => &mut self.parts.month,
            Some(&p) if p == parts::YEAR => &mut self.parts.year,
            _ => return Ok(()),
        };
        target.push_str(s);
        Ok(())
    }
}

impl PartsWrite for PartsSink {
    type SubPartsWrite = Self;

    fn with_part(&mut self, part: Part, mut f: impl FnMut(&mut Self) -> fmt::Result) -> fmt::Result {
        self.stack.push(part);
        let result = f(self);
        self.stack.pop();
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(lang: &str, digits: &str) -> DateParts {
        let settings = NumberSettings { digits: digits.parse().unwrap(), ..Default::default() };
        DateFormat::new(lang, &settings, Nukta::Omit).unwrap().parts("2021-06-10".parse().unwrap())
    }

    #[test]
    fn hindi_names_of_day_and_month() {
        let p = parts("hi", "latin");
        assert_eq!(
            (p.weekday.as_str(), p.day.as_str(), p.month.as_str(), p.year.as_str()),
            ("गुरुवार", "10", "जून", "2021")
        );
    }

    #[test]
    fn english_names_of_day_and_month() {
        let p = parts("en", "latin");
        assert_eq!(
            (p.weekday.as_str(), p.day.as_str(), p.month.as_str(), p.year.as_str()),
            ("Thursday", "10", "June", "2021")
        );
    }

    #[test]
    fn the_nukta_follows_the_house_style() {
        let settings = NumberSettings::default();
        let february: Date = "2022-02-03".parse().unwrap();
        let omit = DateFormat::new("hi", &settings, Nukta::Omit).unwrap().parts(february);
        let keep = DateFormat::new("hi", &settings, Nukta::Keep).unwrap().parts(february);
        assert_eq!((omit.month.as_str(), keep.month.as_str()), ("फरवरी", "फ\u{93c}रवरी"));
    }

    #[test]
    fn times_in_the_language_s_digits() {
        let settings = NumberSettings { digits: "devanagari".parse().unwrap(), ..Default::default() };
        assert_eq!(DateFormat::new("hi", &settings, Nukta::Omit).unwrap().clock(9, 30), "९:३०");
        assert_eq!(DateFormat::new("en", &NumberSettings::default(), Nukta::Omit).unwrap().clock(18, 5), "6:05");
        assert_eq!(DateFormat::new("en", &NumberSettings::default(), Nukta::Omit).unwrap().clock(0, 15), "12:15");
    }

    #[test]
    fn devanagari_digits_in_dates() {
        let p = parts("hi", "devanagari");
        assert_eq!((p.day.as_str(), p.year.as_str()), ("१०", "२०२१"));
    }
}
