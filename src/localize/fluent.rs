//! The one owner of Fluent lookups: one bundle per language, strict.
//!
//! A missing message, attribute or argument is an error that names the
//! message and the language; it never prints into a page. Unicode isolation
//! marks are used only for right-to-left languages, where they are needed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent::concurrent::FluentBundle;
use fluent::resolver::errors::{ReferenceKind, ResolverError};
use fluent::{FluentArgs, FluentError, FluentResource, FluentValue};
use icu::locale::{Direction, LocaleDirectionality};
use unic_langid::LanguageIdentifier;

use super::numbers::{self, NumberFormat};
use crate::diag::Rule;
use crate::diag::{Diagnostic, Diagnostics, Error, Location, Result};

use crate::load::{Config, Lang};

/// The folder of Fluent files in a site root.
pub const LOCALES_DIR: &str = "locales";

type Bundle = FluentBundle<FluentResource>;

/// All messages of the site, per language.
pub struct Messages {
    bundles: BTreeMap<Lang, Bundle>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages").field("languages", &self.bundles.keys().collect::<Vec<_>>()).finish()
    }
}

impl Messages {
    /// Loads `locales/<lang>/*.ftl` for every language of the site.
    pub fn load(root: &Path, config: &Config, formats: &BTreeMap<Lang, Arc<NumberFormat>>) -> Result<Self> {
        let mut diagnostics = Diagnostics::default();
        let mut bundles = BTreeMap::new();
        for lang in &config.languages {
            let Some(format) = formats.get(lang) else {
                continue;
            };
            let mut bundle = new_bundle(lang, config, format.clone())?;
            for file in ftl_files(root, lang)? {
                let text = crate::load::read_source(root, &file)?;
                let resource = match FluentResource::try_new(text.clone()) {
                    Ok(resource) => resource,
                    Err((resource, errors)) => {
                        for error in errors {
                            let (line, column) = line_column(&text, error.pos.start);
                            let message = format!("Fluent syntax error: {}", error.kind);
                            diagnostics.push(Diagnostic::new(
                                Rule::FtlSyntax,
                                Location::at(&file, line, column),
                                message,
                            ));
                        }
                        resource
                    }
                };
                if let Err(errors) = bundle.add_resource(resource) {
                    for error in errors {
                        let (line, column) = match &error {
                            FluentError::Overriding { id, .. } => entry_position(&text, id),
                            _ => (0, 0),
                        };
                        let rule = match &error {
                            FluentError::Overriding { .. } => Rule::DuplicateMessage,
                            _ => Rule::FtlSyntax,
                        };
                        diagnostics.push(Diagnostic::new(rule, Location::at(&file, line, column), describe(&error)));
                    }
                }
            }
            bundles.insert(lang.clone(), bundle);
        }
        diagnostics.finish()?;
        Ok(Messages { bundles })
    }

    fn bundle(&self, lang: &Lang) -> Result<&Bundle, String> {
        self.bundles.get(lang).ok_or_else(|| format!("no messages for language `{lang}`"))
    }

    /// Formats message `id` (or `message.attribute`) in `lang`. Every error
    /// Fluent reports, even one it could print around, is an error here.
    pub fn format(&self, lang: &Lang, id: &str, args: Option<&FluentArgs>) -> Result<String, String> {
        let bundle = self.bundle(lang)?;
        let (message_id, attribute) = split_id(id);
        let message =
            bundle.get_message(message_id).ok_or_else(|| format!("no message `{message_id}` in locale `{lang}`"))?;
        let pattern = match attribute {
            Some(name) => message
                .get_attribute(name)
                .map(|a| a.value())
                .ok_or_else(|| format!("message `{message_id}` in locale `{lang}` has no attribute `{name}`"))?,
            None => message.value().ok_or_else(|| format!("message `{message_id}` in locale `{lang}` has no value"))?,
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        strict(id, lang, errors)?;
        Ok(text.into_owned())
    }

    /// Formats the text of a record, in which `{ $figure }` and other Fluent
    /// placeables may appear; text without `{` is returned as it is.
    pub fn format_text(&self, lang: &Lang, text: &str, args: &FluentArgs) -> Result<String, String> {
        if !text.contains('{') {
            return Ok(text.to_owned());
        }
        let bundle = self.bundle(lang)?;
        let resource = FluentResource::try_new(as_message_source(text)).map_err(|(_, errors)| {
            let first = errors.first().map(|e| e.kind.to_string()).unwrap_or_default();
            format!("the text is not a valid Fluent pattern ({first}); write a literal brace as {{\"{{\"}}")
        })?;
        let pattern = resource
            .get_entry(0)
            .and_then(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => m.value.as_ref(),
                _ => None,
            })
            .ok_or_else(|| "the text is empty".to_owned())?;
        let mut errors = Vec::new();
        let formatted = bundle.format_pattern(pattern, Some(args), &mut errors).into_owned();
        if errors.is_empty() {
            return Ok(formatted);
        }
        let details: Vec<String> = errors.iter().map(describe).collect();
        Err(details.join("; "))
    }
}

fn split_id(id: &str) -> (&str, Option<&str>) {
    match id.split_once('.') {
        Some((message, attribute)) => (message, Some(attribute)),
        None => (id, None),
    }
}

fn strict(id: &str, lang: &Lang, errors: Vec<FluentError>) -> Result<(), String> {
    if errors.is_empty() {
        return Ok(());
    }
    let details: Vec<String> = errors.iter().map(describe).collect();
    Err(format!("message `{id}` in locale `{lang}`: {}", details.join("; ")))
}

fn describe(error: &FluentError) -> String {
    match error {
        FluentError::Overriding { kind, id } => format!("{kind} `{id}` is defined twice"),
        FluentError::ResolverError(ResolverError::Reference(ReferenceKind::Variable { id })) => {
            format!("unknown variable `${id}` (a record's figures, or an argument the template did not pass)")
        }
        other => other.to_string(),
    }
}

/// Wraps record text as the value of a Fluent message: continuation lines
/// are indented. Record text is a Fluent pattern, so a line of it that
/// starts with `[`, `*` or `.` is Fluent syntax, as in a `.ftl` file.
fn as_message_source(text: &str) -> String {
    let mut source = String::from("text = ");
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            source.push_str("\n    ");
        }
        source.push_str(line);
    }
    source.push('\n');
    source
}

fn new_bundle(lang: &Lang, config: &Config, format: Arc<NumberFormat>) -> Result<Bundle> {
    let langid: LanguageIdentifier =
        lang.as_str().parse().map_err(|_| Error::Usage(format!("`{lang}` is not a language Fluent accepts")))?;
    let mut bundle = Bundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(is_right_to_left(lang));
    bundle.set_formatter(Some(numbers::fluent_formatter(&config.numbers(lang))));
    let registered = [
        bundle.add_builtins(),
        bundle.add_function("WORDS", number_function(format.clone(), NumberFormat::words)),
        bundle.add_function("DIGITS", number_function(format, NumberFormat::digits)),
    ];
    for result in registered {
        result.map_err(|err| Error::Usage(format!("cannot set up Fluent for `{lang}`: {err}")))?;
    }
    Ok(bundle)
}

/// A Fluent function that prints its number argument with `style`:
/// `{ WORDS($users) }` gives "15 करोड़", `{ DIGITS($users) }` "15,00,00,000".
fn number_function(
    format: Arc<NumberFormat>,
    style: fn(&NumberFormat, f64) -> String,
) -> impl for<'a> Fn(&[FluentValue<'a>], &FluentArgs) -> FluentValue<'a> + Send + Sync + 'static {
    move |positional, _named| match positional.first() {
        Some(FluentValue::Number(number)) => FluentValue::from(style(&format, number.value)),
        _ => FluentValue::Error,
    }
}

fn is_right_to_left(lang: &Lang) -> bool {
    let Ok(locale) = lang.as_str().parse::<icu::locale::LanguageIdentifier>() else {
        return false;
    };
    LocaleDirectionality::new_common().get(&locale) == Some(Direction::RightToLeft)
}

/// The `.ftl` files of `lang`, relative to the root, sorted.
pub fn ftl_files(root: &Path, lang: &Lang) -> Result<Vec<PathBuf>> {
    let relative = Path::new(LOCALES_DIR).join(lang.as_str());
    let dir = root.join(&relative);
    if !dir.is_dir() {
        return Err(Error::content(
            Rule::MissingLocale,
            Location::file(&relative),
            format!("language `{lang}` is listed in tathya.yaml but has no folder {}", relative.display()),
        ));
    }
    let entries = fs::read_dir(&dir).map_err(|err| Error::io("cannot list", &dir, err))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| Error::io("cannot list", &dir, err))?;
        let name = entry.file_name();
        if Path::new(&name).extension().is_some_and(|ext| ext == "ftl") {
            files.push(relative.join(name));
        }
    }
    files.sort();
    Ok(files)
}

/// Where the message or term `id` is defined in an `.ftl` text.
fn entry_position(text: &str, id: &str) -> (usize, usize) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let defines = line.strip_prefix(id).is_some_and(|rest| rest.trim_start().starts_with('='));
        if defines {
            return line_column(text, offset);
        }
        offset += line.len();
    }
    (0, 0)
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;

    const CONFIG: &str = "base_url: https://x.example\nlanguages: [en, hi]\ntitle: { en: T, hi: T }\nplace: { en: P, hi: P }\nissuers: {}\n";

    /// Messages from one `.ftl` text per language.
    fn messages(en: &str, hi: &str) -> Messages {
        let root = tempfile::tempdir().unwrap();
        for (lang, text) in [("en", en), ("hi", hi)] {
            let dir = root.path().join(LOCALES_DIR).join(lang);
            fs::create_dir_all(&dir).unwrap();
            fs::write(dir.join("test.ftl"), text).unwrap();
        }
        let config: Config = yaml::parse(Path::new("tathya.yaml"), CONFIG).unwrap();
        let formats = config
            .languages
            .iter()
            .map(|lang| (lang.clone(), Arc::new(NumberFormat::new(lang.as_str(), &config.numbers(lang)).unwrap())))
            .collect();
        Messages::load(root.path(), &config, &formats).unwrap()
    }

    fn lang(code: &str) -> Lang {
        code.parse().unwrap()
    }

    fn count(messages: &Messages, code: &str, n: f64) -> String {
        let mut args = FluentArgs::new();
        args.set("n", n);
        messages.format(&lang(code), "reports", Some(&args)).unwrap()
    }

    #[test]
    fn hindi_one_covers_zero_and_one() {
        let plain = "reports = { $n ->\n    [one] { $n } खबर\n   *[other] { $n } खबरें\n}\n";
        let m = messages(plain, plain);
        assert_eq!(count(&m, "hi", 0.0), "0 खबर");
        assert_eq!(count(&m, "hi", 1.0), "1 खबर");
        assert_eq!(count(&m, "hi", 2.0), "2 खबरें");
        assert_eq!(count(&m, "en", 0.0), "0 खबरें", "English 0 is `other`");
    }

    #[test]
    fn an_exact_zero_comes_before_one() {
        let hi = "reports = { $n ->\n    [0] कोई खबर नहीं\n    [one] { $n } खबर\n   *[other] { $n } खबरें\n}\n";
        let m = messages("reports = x\n", hi);
        assert_eq!(count(&m, "hi", 0.0), "कोई खबर नहीं");
        assert_eq!(count(&m, "hi", 1.0), "1 खबर");
        assert_eq!(count(&m, "hi", 100000.0), "1 लाख खबरें");
    }

    #[test]
    fn a_missing_message_is_an_error_naming_it_and_the_language() {
        let m = messages("a = A\n", "a = अ\n");
        assert_eq!(m.format(&lang("hi"), "b", None).unwrap_err(), "no message `b` in locale `hi`");
    }

    #[test]
    fn a_missing_attribute_is_an_error() {
        let m = messages("a = A\n    .title = T\n", "a = अ\n");
        assert_eq!(m.format(&lang("en"), "a.title", None).unwrap(), "T");
        let err = m.format(&lang("hi"), "a.title", None).unwrap_err();
        assert_eq!(err, "message `a` in locale `hi` has no attribute `title`");
    }

    #[test]
    fn a_missing_argument_is_an_error_not_text_in_the_page() {
        let m = messages("a = Hello { $name }\n", "a = नमस्ते { $name }\n");
        let err = m.format(&lang("hi"), "a", None).unwrap_err();
        assert!(err.starts_with("message `a` in locale `hi`: unknown variable `$name`"), "{err}");
    }

    #[test]
    fn no_isolation_marks_in_left_to_right_languages() {
        let m = messages("a = { $x } and { $y }\n", "a = { $x } और { $y }\n");
        let mut args = FluentArgs::new();
        args.set("x", "सरकार");
        args.set("y", 1000);
        assert_eq!(m.format(&lang("hi"), "a", Some(&args)).unwrap(), "सरकार और 1,000");
    }

    #[test]
    fn record_text_uses_figures_and_number_functions() {
        let m = messages("a = A\n", "a = अ\n");
        let mut args = FluentArgs::new();
        args.set("users", 150000000);
        let text = "{ $users } यानी { DIGITS($users) } उपयोगकर्ता";
        assert_eq!(m.format_text(&lang("hi"), text, &args).unwrap(), "15 करोड़ यानी 15,00,00,000 उपयोगकर्ता");
        assert_eq!(m.format_text(&lang("en"), "no figures here", &args).unwrap(), "no figures here");
        assert!(m.format_text(&lang("en"), "{ $nope }", &args).unwrap_err().contains("`$nope`"));
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("अब\nक ख", 0), (1, 1));
        assert_eq!(line_column("अब\nक ख", "अब\nक ".len()), (2, 3));
    }
}
