//! The one owner of Fluent lookups: one bundle per language, strict.
//!
//! A missing message, attribute or argument is an error that names the
//! message and the language; it never prints into a page. Unicode isolation
//! marks are used only for right-to-left languages, where they are needed.
//! The `.ftl` files are read and checked once, in [`ftl`];
//! record text becomes a pattern in [`pattern`](super::pattern).

use std::collections::BTreeMap;
use std::sync::Arc;

use fluent::concurrent::FluentBundle;
use fluent::resolver::errors::{ReferenceKind, ResolverError};
use fluent::{FluentArgs, FluentError, FluentResource, FluentValue};
use icu::locale::{Direction, LocaleDirectionality};
use unic_langid::LanguageIdentifier;

use super::ftl;
use super::numbers::{self, NumberFormat};
use super::pattern::{TextError, TextPattern};
use crate::diag::{Diagnostics, Error, Location, Result, Rule};
use crate::load::{Config, Lang, Source};
use crate::site::LOCALES_DIR;

/// The functions a pattern may call: Fluent's `NUMBER`, and tathya's
/// `WORDS` ("15 करोड़") and `DIGITS` ("15,00,00,000"). Each bundle has these
/// and no other.
pub const FUNCTIONS: [&str; 3] = ["NUMBER", "WORDS", "DIGITS"];

/// A bundle shares its parsed files with the checks of [`ftl`].
type Bundle = FluentBundle<Arc<FluentResource>>;

/// All messages of the site, per language.
pub struct Messages {
    bundles: BTreeMap<Lang, Bundle>,
    /// Where each message is defined, by language and id.
    definitions: BTreeMap<(Lang, String), Location>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages").field("languages", &self.bundles.keys().collect::<Vec<_>>()).finish()
    }
}

/// Why a message could not be formatted.
#[derive(Debug)]
pub enum FormatError {
    /// The language has no message of that id.
    NoMessage,
    /// The message has no such attribute.
    NoAttribute(String),
    /// The message has only attributes.
    NoValue,
    /// Fluent could not resolve it: a variable not given, and the like.
    Failed(Vec<FluentError>),
}

impl FormatError {
    /// The rule a message breaks when it cannot be formatted with what it
    /// is given: a missing one when it is not there, or `unknown` (a message
    /// tathya needs, or one a template asks for).
    pub fn rule(&self, unknown: Rule) -> Rule {
        match self {
            FormatError::NoMessage | FormatError::NoAttribute(_) | FormatError::NoValue => unknown,
            FormatError::Failed(errors) => {
                let variable = |e: &FluentError| {
                    matches!(e, FluentError::ResolverError(ResolverError::Reference(ReferenceKind::Variable { .. })))
                };
                if errors.iter().any(variable) { Rule::MessageArgument } else { Rule::RenderFailed }
            }
        }
    }

    /// What went wrong with message `id` in `lang`, in one sentence.
    pub fn describe(&self, id: &str, lang: &Lang) -> String {
        match self {
            FormatError::NoMessage => format!("no message `{id}` in locale `{lang}`"),
            FormatError::NoAttribute(name) => {
                format!("message `{}` in locale `{lang}` has no attribute `{name}`", split_id(id).0)
            }
            FormatError::NoValue => format!("message `{id}` in locale `{lang}` has no value"),
            FormatError::Failed(errors) => format!("message `{id}` in locale `{lang}` {}", describe_all(errors)),
        }
    }
}

impl Messages {
    /// Reads and checks `locales/<lang>/*.ftl` for every language of the
    /// site (and the built-in messages), and builds a bundle of each;
    /// warnings go to `warnings`, errors fail it.
    pub fn load(
        root: &std::path::Path,
        settings: &Source<Config>,
        formats: &BTreeMap<Lang, Arc<NumberFormat>>,
        warnings: &mut Diagnostics,
    ) -> Result<Self> {
        let config = &settings.value;
        let mut findings = Diagnostics::default();
        let mut locales = Vec::new();
        for (i, lang) in config.languages.iter().enumerate() {
            // A language without its folder is reported once, not message by message.
            if let Some(files) = ftl::read(root, lang, super::language_place(settings, i), &mut findings)? {
                locales.push((lang, files));
            }
        }
        ftl::check(&locales, &mut findings);
        for (lang, files) in &locales {
            issuer_grammar(settings, lang, files, &mut findings);
        }
        let mut bundles = BTreeMap::new();
        let mut definitions = BTreeMap::new();
        for (lang, files) in locales {
            for file in &files {
                for (id, location) in file.definitions() {
                    definitions.entry((lang.clone(), id)).or_insert(location);
                }
            }
            let Some(format) = formats.get(lang) else { continue };
            let mut bundle = new_bundle(lang, config, format.clone())?;
            for (i, file) in files.iter().enumerate() {
                // The bundle refuses a name it has already: a duplicate in
                // the site's files, or a built-in message the site replaced.
                if let Err(refused) = bundle.add_resource(file.resource.clone())
                    && !file.built_in
                {
                    ftl::duplicates(file, &refused, &files[..i], &mut findings);
                }
            }
            bundles.insert(lang.clone(), bundle);
        }
        if findings.has_errors() {
            return Err(Error::Content(findings.into_sorted()));
        }
        warnings.extend(findings);
        Ok(Messages { bundles, definitions })
    }

    /// Where message `id` of `lang` is defined; its locale's folder if it is not.
    pub fn location(&self, lang: &Lang, id: &str) -> Location {
        let (message, _) = split_id(id);
        match self.definitions.get(&(lang.clone(), message.to_owned())) {
            Some(location) => location.clone(),
            None => Location::file(std::path::Path::new(LOCALES_DIR).join(lang.as_str())),
        }
    }

    fn bundle(&self, lang: &Lang) -> Result<&Bundle, FormatError> {
        self.bundles.get(lang).ok_or(FormatError::NoMessage)
    }

    /// Formats message `id` (or `message.attribute`) in `lang`. Every error
    /// Fluent reports, even one it could print around, is an error here.
    pub fn format(&self, lang: &Lang, id: &str, args: Option<&FluentArgs>) -> Result<String, FormatError> {
        let bundle = self.bundle(lang)?;
        let (message_id, attribute) = split_id(id);
        let message = bundle.get_message(message_id).ok_or(FormatError::NoMessage)?;
        let pattern = match attribute {
            Some(name) => {
                message.get_attribute(name).map(|a| a.value()).ok_or(FormatError::NoAttribute(name.into()))?
            }
            None => message.value().ok_or(FormatError::NoValue)?,
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            return Err(FormatError::Failed(errors));
        }
        Ok(text.into_owned())
    }

    /// Formats the text of a record, in which `{ $figure }` and other Fluent
    /// placeables may appear ([`TextPattern`]); text without `{` is
    /// returned as it is.
    pub fn format_text(&self, lang: &Lang, text: &str, args: &FluentArgs) -> Result<String, TextError> {
        let Some(parsed) = TextPattern::parse(text)? else { return Ok(text.to_owned()) };
        let bundle = self.bundle(lang).map_err(|err| TextError::new(0, err.describe("text", lang)))?;
        let Some(pattern) = parsed.pattern() else { return Ok(String::new()) };
        let mut errors = Vec::new();
        let formatted = bundle.format_pattern(pattern, Some(args), &mut errors).into_owned();
        if errors.is_empty() {
            return Ok(formatted);
        }
        Err(TextError::new(0, format!("the text {}", describe_all(&errors))))
    }
}

/// Every issuer has the gender and the article that the messages of `lang`
/// use: with no silent default, "दिल्ली पुलिस … करता है" cannot go out
/// because a setting was forgotten.
fn issuer_grammar(settings: &Source<Config>, lang: &Lang, files: &[ftl::Ftl], findings: &mut Diagnostics) {
    let config = &settings.value;
    for (variable, field, example, other) in
        [("issuer_gender", "gender", "masculine", "feminine"), ("issuer_article", "article", "the", "none")]
    {
        let Some((message, used)) = ftl::first_use(files, variable) else { continue };
        let told_apart = ftl::variant_keys(files, variable);
        for (key, issuer) in &config.issuers.0 {
            let map = if field == "gender" { &issuer.gender } else { &issuer.article };
            if let Some(value) = map.0.get(lang) {
                if !told_apart.is_empty() && !told_apart.contains(value.as_str()) {
                    let known: Vec<String> = told_apart.iter().map(|k| format!("`{k}`")).collect();
                    let text = format!(
                        "`{value}` is not a value the `{lang}` messages know for `${variable}`: write one of {}",
                        known.join(", ")
                    );
                    let path = crate::load::yaml::YamlPath::default()
                        .join("issuers")
                        .join(key.as_str())
                        .join(field)
                        .join(lang.as_str());
                    findings.push(crate::load::at(settings, (Rule::BadValue, path, text)));
                }
                continue;
            }
            let text = format!(
                "issuer `{key}` has no `{field}.{lang}`, which the message `{message}` ({used}) uses: add `{field}: {{ {lang}: {example} }}` (or `{other}`)"
            );
            let path = crate::load::yaml::YamlPath::default().join("issuers").join(key.as_str());
            findings.push(crate::load::at(settings, (Rule::IssuerGrammar, path, text)));
        }
    }
}

fn split_id(id: &str) -> (&str, Option<&str>) {
    match id.split_once('.') {
        Some((message, attribute)) => (message, Some(attribute)),
        None => (id, None),
    }
}

/// What Fluent could not resolve, in one clause: the variables not given
/// named together, then anything else.
fn describe_all(errors: &[FluentError]) -> String {
    let mut missing = Vec::new();
    let mut other = Vec::new();
    for error in errors {
        match error {
            FluentError::ResolverError(ResolverError::Reference(ReferenceKind::Variable { id })) => {
                missing.push(format!("`${id}`"));
            }
            error => other.push(error.to_string()),
        }
    }
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("uses {}, which it is not given", missing.join(", ")));
    }
    if !other.is_empty() {
        parts.push(format!("cannot be formatted: {}", other.join("; ")));
    }
    parts.join(", and ")
}

fn new_bundle(lang: &Lang, config: &Config, format: Arc<NumberFormat>) -> Result<Bundle> {
    let langid: LanguageIdentifier =
        lang.as_str().parse().map_err(|_| Error::Usage(format!("`{lang}` is not a language Fluent accepts")))?;
    let mut bundle = Bundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(is_right_to_left(lang));
    bundle.set_formatter(Some(numbers::fluent_formatter(&config.numbers(lang))));
    for name in FUNCTIONS {
        let result = match name {
            "WORDS" => bundle.add_function(name, number_function(format.clone(), NumberFormat::words)),
            "DIGITS" => bundle.add_function(name, number_function(format.clone(), NumberFormat::digits)),
            _ => bundle.add_function(name, fluent::builtins::NUMBER),
        };
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

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;
    use crate::load::yaml;
    use crate::localize::Msg;
    use crate::site::LOCALES_DIR;

    const CONFIG: &str = "base_url: https://x.example\nlanguages: [en, hi]\ntitle: { en: T, hi: T }\nplace: { en: P, hi: P }\nissuers: {}\n";

    /// Messages from one `.ftl` text per language.
    fn messages(en: &str, hi: &str) -> Messages {
        let root = tempfile::tempdir().unwrap();
        // What tathya itself asks for, so that the locales are complete.
        let required: String = Msg::all().into_iter().map(|m| format!("{} = x\n", m.id())).collect();
        for (lang, text) in [("en", en), ("hi", hi)] {
            let dir = root.path().join(LOCALES_DIR).join(lang);
            fs::create_dir_all(&dir).unwrap();
            fs::write(dir.join("required.ftl"), &required).unwrap();
            fs::write(dir.join("test.ftl"), text).unwrap();
        }
        let config: Config = yaml::parse(Path::new("tathya.yaml"), CONFIG).unwrap();
        let formats = config
            .languages
            .iter()
            .map(|lang| (lang.clone(), Arc::new(NumberFormat::new(lang.as_str(), &config.numbers(lang)).unwrap())))
            .collect();
        let settings = Source { file: "tathya.yaml".into(), text: CONFIG.to_owned(), value: config };
        Messages::load(root.path(), &settings, &formats, &mut Diagnostics::default()).unwrap()
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
        let m = messages("reports = { $n }\n", hi);
        assert_eq!(count(&m, "hi", 0.0), "कोई खबर नहीं");
        assert_eq!(count(&m, "hi", 1.0), "1 खबर");
        assert_eq!(count(&m, "hi", 100000.0), "1 लाख खबरें");
    }

    #[test]
    fn a_missing_message_is_an_error_naming_it_and_the_language() {
        let m = messages("a = A\n", "a = अ\n");
        let err = m.format(&lang("hi"), "b", None).unwrap_err();
        assert_eq!(err.describe("b", &lang("hi")), "no message `b` in locale `hi`");
    }

    #[test]
    fn a_missing_attribute_is_an_error() {
        let m = messages("a = A\n    .title = T\n", "a = अ\n    .title = शी\n");
        assert_eq!(m.format(&lang("en"), "a.title", None).unwrap(), "T");
        let err = m.format(&lang("hi"), "a.nope", None).unwrap_err();
        assert_eq!(err.describe("a.nope", &lang("hi")), "message `a` in locale `hi` has no attribute `nope`");
    }

    #[test]
    fn a_missing_argument_is_an_error_not_text_in_the_page() {
        let m = messages("a = Hello { $name }\n", "a = नमस्ते { $name }\n");
        let err = m.format(&lang("hi"), "a", None).unwrap_err().describe("a", &lang("hi"));
        assert_eq!(err, "message `a` in locale `hi` uses `$name`, which it is not given");
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
        assert!(m.format_text(&lang("en"), "{ $nope }", &args).unwrap_err().message.contains("`$nope`"));
    }
}
