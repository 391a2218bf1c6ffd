//! Hindi typography, and invisible or garbled characters in any language.
//!
//! These are warnings (errors with `--strict`), except a placeholder left
//! by `tathya new`, which must never be published. Each finding points at
//! the offending characters in the file.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::diag::Rule;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::config::{Config, Nukta};
use crate::load::record::Kind;
use crate::load::types::Localized;
use crate::load::types::is_nfc;
use crate::load::yaml::{self, YamlPath};
use crate::load::{Site, Source, Statement};

/// What `tathya new` writes where something is to be filled in.
pub const PLACEHOLDER: &str = "TODO";

/// Abbreviations that end in a full stop in Hindi text.
const ABBREVIATIONS: [&str; 13] = ["डॉ", "प्रो", "श्री", "श्रीमती", "सं", "क्र", "पृ", "मो", "कु", "स्व", "ले", "रु", "नं"];

/// Characters that change how text is shown or compared without being seen,
/// and may have a purpose (a joiner in a conjunct, a mark between scripts).
/// The bidi embeddings, overrides and isolates, which can make text read
/// otherwise than it is stored, never reach this: the YAML reader refuses
/// them in any value (T017).
const INVISIBLE: [(char, &str); 6] = [
    ('\u{200b}', "ZERO WIDTH SPACE"),
    ('\u{200c}', "ZERO WIDTH NON-JOINER"),
    ('\u{200d}', "ZERO WIDTH JOINER"),
    ('\u{200e}', "LEFT-TO-RIGHT MARK"),
    ('\u{200f}', "RIGHT-TO-LEFT MARK"),
    ('\u{feff}', "BYTE ORDER MARK"),
];

/// Checks the raw text of `tathya.yaml` and each localized value in it.
pub fn check_settings(site: &Site, findings: &mut Diagnostics) {
    check_file(site.config(), &site.config, site.config().texts(), findings);
}

/// Checks the raw text of a page of the site's own and each text in it.
pub fn check_page(site: &Site, page: &crate::load::page::SitePage, findings: &mut Diagnostics) {
    check_file(site.config(), &page.source, page.record().texts(), findings);
}

/// Checks the raw text of a record and each localized value in it, and the
/// case of a rebuttal's Hindi topic.
pub fn check_statement(site: &Site, statement: &Statement, findings: &mut Diagnostics) {
    let record = statement.record();
    let texts = record.texts();
    if record.kind == Kind::Rebuttal
        && let Some(topic) = &record.topic
        && let Some(hi) = topic.0.iter().find(|(lang, _)| lang.as_str() == "hi").map(|(_, text)| text.as_str())
        && super::topic::repeated("hi", hi).is_none()
        && let Some(advice) = super::case::oblique(hi)
    {
        let path = YamlPath::default().join("topic").join("hi");
        let fix = match advice {
            super::case::Advice::Write(oblique) => format!("write `{oblique}`"),
            super::case::Advice::Rephrase => "end it with a verbal noun instead of a finite verb (… होने)".to_owned(),
        };
        let message = format!(
            "`topic.hi` stands before \"की\", \"के\" or \"संबंधी\" in the headline and the lead, which need the oblique case: {fix}"
        );
        findings.push(crate::load::at(&statement.source, (Rule::DirectCase, path, message)));
    }
    if record.kind == Kind::Rebuttal
        && let Some(topic) = &record.topic
    {
        for (lang, text) in &topic.0 {
            let Some((words, kept)) = super::topic::repeated(lang.as_str(), text.as_str()) else { continue };
            let path = YamlPath::default().join("topic").join(lang.as_str());
            let message = format!(
                "`topic.{lang}` says `{words}`, which the headline and the lead add themselves: write `{kept}`"
            );
            findings.push(crate::load::at(&statement.source, (Rule::RepeatedForm, path, message)));
        }
    }
    check_file(site.config(), &statement.source, texts, findings);
}

fn check_file<T>(config: &Config, source: &Source<T>, texts: Vec<(YamlPath, &Localized)>, findings: &mut Diagnostics) {
    not_nfc(source, findings);
    placeholders(source, findings);
    for (path, text) in texts {
        for (lang, value) in &text.0 {
            let problems = lint(lang.as_str(), value.as_str(), config.style(lang).nukta);
            if problems.is_empty() {
                continue;
            }
            // Finding a value's position parses the file again: only for findings.
            let start =
                yaml::locate(&source.text, &path.join(lang.as_str())).map(|(l, c)| offset_of(&source.text, l, c));
            for (rule, range, message) in problems {
                let needle = &value.as_str()[range];
                let location = start
                    .and_then(|start| source.text[start..].find(needle).map(|found| start + found))
                    .map(|offset| position_of(&source.text, offset))
                    .or_else(|| yaml::locate(&source.text, &path.join(lang.as_str())))
                    .unwrap_or((0, 0));
                let message = format!("`{path}.{lang}`: {message}");
                findings.push(Diagnostic::new(rule, Location::at(&source.file, location.0, location.1), message));
            }
        }
    }
}

/// Text is stored in NFC when read; this finds where the file is not, so the
/// source can be fixed and compare equal to what others type.
fn not_nfc<T>(source: &Source<T>, findings: &mut Diagnostics) {
    if is_nfc(&source.text) {
        return;
    }
    for (number, line) in source.text.lines().enumerate() {
        if is_nfc(line) {
            continue;
        }
        let column = line
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .position(|end| !line[..end].chars().eq(line[..end].nfc()))
            .unwrap_or(0);
        let message = "the text is not in Unicode NFC (a letter is written with a decomposed nukta or matra)";
        findings.push(Diagnostic::new(Rule::NotNfc, Location::at(&source.file, number + 1, column + 1), message));
    }
}

/// Placeholders of `tathya new` anywhere in the file, comments aside: in
/// text, addresses and keys alike.
fn placeholders<T>(source: &Source<T>, findings: &mut Diagnostics) {
    if !source.text.contains(PLACEHOLDER) {
        return;
    }
    for (number, line) in source.text.lines().enumerate() {
        let content = line.split(" #").next().unwrap_or(line);
        if content.trim_start().starts_with('#') {
            continue;
        }
        if let Some(at) = content.find(PLACEHOLDER) {
            let column = content[..at].chars().count() + 1;
            let message = "a placeholder from `tathya new` is still here";
            findings.push(Diagnostic::new(Rule::Placeholder, Location::at(&source.file, number + 1, column), message));
        }
    }
}

fn is_devanagari(c: char) -> bool {
    ('\u{0900}'..='\u{097f}').contains(&c)
}

fn is_devanagari_letter(c: char) -> bool {
    is_devanagari(c) && !('\u{0964}'..='\u{096f}').contains(&c)
}

/// Words whose nukta tells them apart from another word (राज़ "secret", राज
/// "rule"): the Central Hindi Directorate's standard keeps it there, and so
/// does the house style that omits it elsewhere. In NFC, as records are read.
const NUKTA_TELLS_APART: [&str; 12] = [
    "राज\u{93c}",
    "ज\u{93c}रा",
    "सज\u{93c}ा",
    "ख\u{93c}ाना",
    "फ\u{93c}न",
    "ज\u{93c}ंग",
    "ग\u{93c}ज\u{93c}",
    "ख\u{93c}ार",
    "बाज\u{93c}",
    "ज\u{93c}ीना",
    "ख\u{93c}ुदी",
    "फ\u{93c}ौज",
];

/// Languages that end sentences with the danda (।) rather than a full stop.
/// Marathi, also written in Devanagari, uses the full stop.
const DANDA_LANGUAGES: [&str; 5] = ["hi", "ne", "sa", "mai", "bho"];

/// Every typographic problem in one text of language `lang`, whose house
/// style writes the optional nukta or not, with the bytes it concerns.
pub fn lint(lang: &str, text: &str, nukta: Nukta) -> Vec<(Rule, Range<usize>, String)> {
    let mut out = Vec::new();
    for range in nukta.against(text) {
        let word_start = text[..range.start]
            .char_indices()
            .rev()
            .find(|(_, c)| !is_devanagari(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word_end = text[range.end..].find(|c: char| !is_devanagari(c)).map_or(text.len(), |i| range.end + i);
        if NUKTA_TELLS_APART.contains(&&text[word_start..word_end]) {
            continue;
        }
        let letter = &text[range.clone()];
        let plain = letter.trim_end_matches('\u{093c}');
        let message = format!(
            "`{letter}` has a nukta, which the house style omits (`style.{lang}.nukta: omit`): write `{plain}`, unless it tells the word apart, as in राज़ and सज़ा"
        );
        out.push((Rule::NuktaStyle, range, message));
    }
    // One pass finds what the text has; the rules that need more work run
    // only on text that can break them.
    let (mut devanagari, mut invisible, mut latin1, mut full_stop) = (false, false, false, false);
    let (mut double_space, mut danda_marks, mut previous) = (false, false, '\0');
    for c in text.chars() {
        devanagari |= is_devanagari(c);
        invisible |= matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{feff}');
        latin1 |= matches!(c, 'à' | 'â');
        full_stop |= c == '.';
        double_space |= previous == ' ' && c == ' ';
        danda_marks |= c == '|' || (c == '।' && matches!(previous, ' ' | '।'));
        previous = c;
    }
    if invisible {
        for (i, c) in text.char_indices() {
            if let Some((_, name)) = INVISIBLE.iter().find(|(invisible, _)| *invisible == c) {
                out.push((
                    Rule::InvisibleCharacter,
                    i..i + c.len_utf8(),
                    format!("invisible U+{:04X} {name}", c as u32),
                ));
            }
            if c == '\u{ad}' {
                out.push((Rule::InvisibleCharacter, i..i + 2, "invisible U+00AD SOFT HYPHEN".into()));
            }
        }
    }
    if latin1 {
        for pattern in ["à¤", "à¥", "â€"] {
            if let Some(at) = text.find(pattern) {
                let message = "garbled text: UTF-8 read as Windows-1252 (mojibake); paste it again from the source";
                out.push((Rule::Mojibake, at..at + pattern.len(), message.into()));
            }
        }
    }
    if double_space {
        for (at, _) in text.match_indices("  ") {
            out.push((Rule::DoubleSpace, at..at + 2, "two spaces in a row".into()));
        }
    }
    if devanagari {
        out.extend(mixed_digits(text));
    }
    if devanagari && DANDA_LANGUAGES.contains(&lang) {
        if danda_marks {
            out.extend(danda_problems(text));
        }
        if full_stop {
            out.extend(ascii_full_stops(text));
        }
    }
    out
}

fn danda_problems(text: &str) -> Vec<(Rule, Range<usize>, String)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("।।") {
        out.push((Rule::DoubleDanda, at..at + "।।".len(), "a sentence ends with one ।: write ।, not ।।".into()));
    }
    for (at, _) in text.match_indices(" ।") {
        out.push((Rule::SpaceBeforeDanda, at..at + " ।".len(), "no space before ।".into()));
    }
    for (at, _) in text.match_indices('|') {
        out.push((Rule::PipeAsDanda, at..at + 1, "`|` used as a danda: write ।".into()));
    }
    out
}

fn is_devanagari_digit(c: char) -> bool {
    ('\u{0966}'..='\u{096f}').contains(&c)
}

/// Runs of digits (with , and . inside) that mix 0-9 and ०-९.
fn mixed_digits(text: &str) -> Vec<(Rule, Range<usize>, String)> {
    if !(text.bytes().any(|b| b.is_ascii_digit()) && text.chars().any(is_devanagari_digit)) {
        return Vec::new();
    }
    let is_digit = |c: char| c.is_ascii_digit() || is_devanagari_digit(c);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (is_digit(chars[i].1)
                || (matches!(chars[i].1, ',' | '.') && chars.get(i + 1).is_some_and(|c| is_digit(c.1))))
        {
            i += 1;
        }
        let run = &chars[start..i];
        if run.iter().any(|(_, c)| c.is_ascii_digit()) && run.iter().any(|(_, c)| is_devanagari_digit(*c)) {
            let (last_at, last) = run[run.len() - 1];
            out.push((
                Rule::MixedDigits,
                run[0].0..last_at + last.len_utf8(),
                "a number with both Latin and Devanagari digits".into(),
            ));
        }
    }
    out
}

/// An ASCII full stop that ends a Devanagari word, where । belongs.
/// Abbreviations (डॉ.) and initials (आर. एस.) keep their full stop.
fn ascii_full_stops(text: &str) -> Vec<(Rule, Range<usize>, String)> {
    let words: Vec<(usize, &str)> = text.split_word_bound_indices().filter(|(_, w)| !w.trim().is_empty()).collect();
    let is_stop = |n: usize| words.get(n).is_some_and(|(_, w)| *w == ".");
    let mut out = Vec::new();
    for n in 1..words.len() {
        let (at, word) = words[n];
        let (before_at, before) = words[n - 1];
        let attached = before_at + before.len() == at;
        if word != "." || !attached || !before.chars().last().is_some_and(is_devanagari_letter) {
            continue;
        }
        let next_is_word = words.get(n + 1).is_some_and(|(_, w)| w.chars().next().is_some_and(is_devanagari_letter));
        let initial = (before.graphemes(true).count() <= 2 && ((n >= 2 && is_stop(n - 2)) || is_stop(n + 2)))
            || (LETTER_NAMES.contains(&before) && next_is_word);
        // Dotted initials and abbreviations read as one word: ए.के., कि.मी.
        let dotted = before.contains('.');
        if ABBREVIATIONS.contains(&before) || initial || dotted {
            continue;
        }
        out.push((Rule::AsciiFullStop, at..at + 1, format!("`{before}.` ends a Hindi sentence with `.`: write ।")));
    }
    out
}

/// The names of the Latin letters in Devanagari: initials of names, as in
/// "श्री ए. कुमार", which keep their full stop.
const LETTER_NAMES: [&str; 27] = [
    "ए",
    "बी",
    "सी",
    "डी",
    "ई",
    "एफ",
    "जी",
    "एच",
    "आई",
    "जे",
    "के",
    "एल",
    "एम",
    "एन",
    "ओ",
    "पी",
    "क्यू",
    "आर",
    "एस",
    "टी",
    "यू",
    "वी",
    "डब्ल्यू",
    "एक्स",
    "वाई",
    "जेड",
    "ज़ेड",
];

/// The byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let rest = &text[line_start.min(text.len())..];
    line_start + rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(i, _)| i)
}

/// The 1-based line and character column of a byte offset.
fn position_of(text: &str, offset: usize) -> (usize, usize) {
    crate::diag::line_column(text, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        lint("hi", text, Nukta::Omit).into_iter().map(|(rule, _, _)| rule.code()).collect()
    }

    #[test]
    fn initials_keep_their_full_stop() {
        assert!(codes("श्री ए. कुमार और श्रीमती पी. राव ने कहा।").is_empty());
        assert!(codes("हेल्पलाइन नं. 1075 पर फोन करें।").is_empty());
    }

    #[test]
    fn the_optional_nukta_against_the_house_style() {
        assert_eq!(codes("यह ख़बर फ़र्ज़ी है।"), ["T079", "T079", "T079"]);
        assert!(codes("सड़क और पढ़ाई").is_empty(), "ड़ and ढ़ are letters, not an optional nukta");
        assert!(lint("hi", "यह ख़बर है।", Nukta::Keep).is_empty());
        let found = codes("यह राज़ है और उसे सज़ा मिली।");
        assert!(found.is_empty(), "the nukta tells these words apart: {found:?}");
    }

    #[test]
    fn marathi_keeps_its_full_stop() {
        assert!(lint("mr", "कोणताही डेटा लीक झालेला नाही.", Nukta::Omit).is_empty());
    }

    #[test]
    fn clean_hindi_passes() {
        assert!(codes("डॉ. आर. एस. शर्मा ने कहा कि दावा गलत है। कोविन सुरक्षित है।").is_empty());
    }

    #[test]
    fn ascii_full_stop_at_the_end_of_a_hindi_sentence() {
        assert_eq!(codes("खबर गलत है. मंत्रालय ने कहा।"), ["T081"]);
        assert_eq!(codes("खबर गलत है."), ["T081"]);
        assert!(codes("दूरी 5 कि.मी. है।").is_empty());
        assert!(codes("श्री ए.के. शर्मा ने कहा।").is_empty());
    }

    #[test]
    fn danda_mistakes() {
        assert_eq!(codes("खबर गलत है ।"), ["T082"]);
        assert_eq!(codes("खबर गलत है|"), ["T083"]);
        assert_eq!(codes("खबर गलत है।।"), ["T088"]);
    }

    #[test]
    fn digits_and_invisible_characters() {
        assert_eq!(codes("1५0 लोग"), ["T084"]);
        assert_eq!(codes("१५ करोड़ और 15 crore"), Vec::<&str>::new());
        assert_eq!(codes("क्\u{200d}ष"), ["T085"]);
        assert_eq!(codes("\u{200e}सरकार\u{200f}"), ["T085", "T085"]);
    }

    #[test]
    fn mojibake_double_space_and_placeholder() {
        assert_eq!(codes("à¤¸à¤°"), ["T086"]);
        assert_eq!(codes("two  spaces"), ["T087"]);
    }

    #[test]
    fn positions_round_trip() {
        let text = "a: 1\nb: कोविन\n";
        let offset = offset_of(text, 2, 4);
        assert_eq!(&text[offset..offset + "कोविन".len()], "कोविन");
        assert_eq!(position_of(text, offset), (2, 4));
    }
}
