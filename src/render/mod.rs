//! Step 4, render: Tera templates over the localized views.
//!
//! One template per output kind: `<kind>.md` and `<kind>.html` for each
//! statement kind, `list.html` for a page of an index or a tag, `root.html`
//! for the choice of language, `atom.xml` and `sitemap.xml`. Templates ask
//! for boilerplate with the strict `t(key=…)` function, which reads the
//! page's `lang`; a missing message fails the render instead of printing
//! into it. [`pages`] decides which pages the site has.
//!
//! Every value a template writes is escaped for its format: for HTML and
//! XML as Tera's own escape does it (`escape_html`, one run of text at a
//! time), for Markdown by [`markdown::escape`], so that no name, date or
//! message can add markup to a page. Fields already safe
//! in their format (`.html`, `.md`) are written with `| safe`, and Markdown
//! templates write links with `link(url=…, text=…)`, which keeps only the
//! addresses record text may link to.

pub mod card;
pub mod image;
pub mod listing;
pub mod lists;
pub mod pages;
pub mod search;

use std::cell::Cell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent::{FluentArgs, FluentValue};
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

use crate::diag::{Diagnostic, Diagnostics, Error, Location, Result, Rule, line_column};
use crate::load::record::Kind;
use crate::load::{Lang, Site, theme};
use crate::localize::Localizer;
use crate::localize::fluent::Messages;
use crate::localize::markdown;
use crate::site::TEMPLATES_DIR;

/// A site ready to render: loaded and checked, with its locales and templates.
#[derive(Debug)]
pub struct Prepared {
    /// The records and settings.
    pub site: Site,
    /// Messages and formatters.
    pub localizer: Localizer,
    /// Templates.
    pub renderer: Renderer,
    /// The share cards' fonts and logo; `None` when the site has no cards.
    pub cards: Option<Arc<card::CardKit>>,
}

/// Template files end in one of these; other files are assets, copied.
const TEMPLATE_EXTENSIONS: [&str; 3] = ["html", "md", "xml"];

/// A template tathya renders pages with. Every site has each of [`Template::all`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// A statement's page of a kind, in a format.
    Statement(Kind, Format),
    /// A page of a language's index, or a tag's page.
    List,
    /// The choice of language.
    Root,
    /// A language's index of topics (tags).
    Tags,
    /// The page a server shows for an address with no page.
    NotFound,
    /// A page of the site's own (`pages/`).
    About,
    /// A language's search page.
    Search,
    /// A statement's share card, an SVG drawn into a PNG.
    Card,
    /// A language's Atom feed.
    Feed,
    /// The sitemap, or one of several.
    Sitemap,
    /// The index of sitemaps, when the site has more URLs than one may list.
    SitemapIndex,
}

impl Template {
    /// Every template tathya renders.
    pub fn all() -> Vec<Template> {
        let statements =
            Kind::ALL.into_iter().flat_map(|kind| Format::ALL.map(|format| Template::Statement(kind, format)));
        let lists = [
            Template::List,
            Template::Root,
            Template::Tags,
            Template::NotFound,
            Template::About,
            Template::Search,
            Template::Card,
            Template::Feed,
            Template::Sitemap,
            Template::SitemapIndex,
        ];
        statements.chain(lists).collect()
    }

    /// Its file name under `templates/`.
    pub fn name(self) -> String {
        match self {
            Template::Statement(kind, format) => format!("{}.{}", kind.as_str(), format.extension()),
            Template::List => "list.html".into(),
            Template::Root => "root.html".into(),
            Template::Tags => "tags.html".into(),
            Template::NotFound => "404.html".into(),
            Template::About => "page.html".into(),
            Template::Search => "search.html".into(),
            Template::Card => "card.svg".into(),
            Template::Feed => "atom.xml".into(),
            Template::Sitemap => "sitemap.xml".into(),
            Template::SitemapIndex => "sitemap-index.xml".into(),
        }
    }
}

/// An output format of a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for review and for the `index.md` beside each page.
    Md,
    /// The HTML page.
    Html,
}

impl Format {
    /// Both formats, in the order pages are rendered.
    pub const ALL: [Format; 2] = [Format::Html, Format::Md];

    /// The name of a page's file in this format.
    pub const fn file_name(self) -> &'static str {
        match self {
            Format::Md => "index.md",
            Format::Html => "index.html",
        }
    }

    /// The file extension, which is also the template's.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
        }
    }
}

/// The loaded templates.
pub struct Renderer {
    /// The HTML and XML templates, escaped for HTML.
    markup: Tera,
    /// The Markdown templates, escaped for Markdown: Tera has one escape
    /// function for all its templates.
    markdown: Tera,
    /// Each template's text, by name, to point into.
    sources: HashMap<String, String>,
    /// The top-level variables each template uses, with those of the
    /// templates it extends and includes.
    variables: HashMap<String, Vec<String>>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

thread_local! {
    /// Why the last call of `t()` on this thread failed: Tera keeps only the
    /// text of a function's error, so its rule waits here for
    /// [`template_error`], on the same thread, right after the render.
    static FAILED_CALL: Cell<Option<Rule>> = const { Cell::new(None) };
}

impl Renderer {
    /// Loads every template under `templates/` and registers `t()`, and
    /// `lines()` with the card fonts of `cards`.
    pub fn load(root: &Path, messages: Arc<Messages>, cards: Option<Arc<card::CardKit>>) -> Result<Self> {
        let translate = move |kwargs: Kwargs, state: &State| {
            translate(&messages, &kwargs, state).map_err(|(rule, message)| {
                FAILED_CALL.set(Some(rule));
                tera::Error::message(message)
            })
        };
        Self::load_with(root, translate, cards)
    }

    /// Loads the templates with a `t()` that returns nothing: enough to
    /// report their own errors when the locales have some.
    pub fn load_unlocalized(root: &Path) -> Result<Self> {
        Self::load_with(root, |_: Kwargs, _: &State| -> TeraResult<String> { Ok(String::new()) }, None)
    }

    fn load_with(
        root: &Path,
        translate: impl Fn(Kwargs, &State) -> TeraResult<String> + Send + Sync + 'static,
        cards: Option<Arc<card::CardKit>>,
    ) -> Result<Self> {
        let translate = Arc::new(translate);
        let mut markup = Tera::new();
        markup.autoescape_on([".html", ".xml", ".svg"]);
        markup.set_escape_fn(escape_html);
        markup.register_function("lines", move |kwargs: Kwargs, _: &State| card_lines(cards.as_deref(), &kwargs));
        let mut markdown = Tera::new();
        markdown.autoescape_on([".md"]);
        markdown.set_escape_fn(escape_markdown);
        markdown.register_function("link", markdown_link);
        // Tera checks at load time that every function a template calls
        // exists, so `t` must be there first.
        for tera in [&mut markup, &mut markdown] {
            let translate = Arc::clone(&translate);
            tera.register_function("t", move |kwargs: Kwargs, state: &State| translate(kwargs, state));
        }
        let mut problems = Diagnostics::default();
        let mut sources = HashMap::new();
        let files = theme::files(root, Path::new(TEMPLATES_DIR))?;
        for file in files.iter().filter(|file| is_template(&file.name)) {
            if let Some(text) = problems.take(file.text(root))? {
                sources.insert(template_name(&file.name), text);
            }
        }
        for template in Template::all() {
            let name = template.name();
            if !sources.contains_key(&name) {
                let path = Path::new(TEMPLATES_DIR).join(&name);
                let message = format!("the template {} is missing", path.display());
                problems.push(Diagnostic::new(Rule::MissingTemplate, Location::file(path), message));
            }
        }
        let (md, other): (Vec<_>, Vec<_>) = sources.iter().partition(|(name, _)| is_markdown(name));
        problems.take(markup.add_raw_templates(other).map_err(template_error))?;
        problems.take(markdown.add_raw_templates(md).map_err(template_error))?;
        problems.finish()?;
        let variables = sources
            .keys()
            .map(|name| {
                let tera = if is_markdown(name) { &markdown } else { &markup };
                let mut names: Vec<String> = tera
                    .get_template_variables(name)
                    .map(|set| set.into_iter().map(str::to_owned).collect())
                    .unwrap_or_default();
                names.sort();
                (name.clone(), names)
            })
            .collect();
        Ok(Renderer { markup, markdown, sources, variables })
    }

    /// Renders `page` with each of the templates `names`, building the
    /// template context once. The bytes are UTF-8 (templates and values are
    /// text); pages go to disk as they are, without checking it again.
    pub fn render_each<const N: usize>(&self, names: [&str; N], page: &impl serde::Serialize) -> Result<[Vec<u8>; N]> {
        let context = Context::from_serialize(page).map_err(template_error)?;
        let mut out = [const { Vec::new() }; N];
        for (slot, name) in out.iter_mut().zip(names) {
            self.known_variables(name, &context)?;
            FAILED_CALL.set(None);
            let tera = if is_markdown(name) { &self.markdown } else { &self.markup };
            tera.render_to(name, &context, &mut *slot).map_err(template_error)?;
        }
        Ok(out)
    }

    /// Fails when the template `name` (or one it extends or includes) uses
    /// a top-level variable its page does not have, in any branch, taken or
    /// not: what Tera would refuse on the day the branch is taken.
    fn known_variables(&self, name: &str, context: &Context) -> Result<()> {
        let Some(variables) = self.variables.get(name) else {
            let path = Path::new(TEMPLATES_DIR).join(name);
            let message = format!("the template {} is missing", path.display());
            return Err(Error::content(Rule::MissingTemplate, Location::file(path), message));
        };
        let unknown: Vec<Diagnostic> = variables
            .iter()
            .filter(|variable| !context.contains_key(variable))
            .map(|variable| {
                let message = format!("`{variable}` is not a variable of the page {name} renders");
                Diagnostic::new(Rule::UnknownVariable, self.find_word(name, variable), message)
            })
            .collect();
        if unknown.is_empty() { Ok(()) } else { Err(Error::Content(unknown)) }
    }

    /// Where `word` first stands as a whole word in the template `name`, or
    /// in another template (one it includes or extends) if not there.
    fn find_word(&self, name: &str, word: &str) -> Location {
        let mut names: Vec<&String> = self.sources.keys().collect();
        names.sort_by_key(|other| (other.as_str() != name, other.as_str()));
        let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
        for other in names {
            let text = &self.sources[other];
            let found = text.match_indices(word).find(|(at, _)| {
                !text[..*at].chars().next_back().is_some_and(is_word_char)
                    && !text[at + word.len()..].chars().next().is_some_and(is_word_char)
            });
            if let Some((at, _)) = found {
                let (line, column) = line_column(text, at);
                return Location::at(Path::new(TEMPLATES_DIR).join(other), line, column);
            }
        }
        Location::file(Path::new(TEMPLATES_DIR).join(name))
    }
}

/// Whether the template `name` writes Markdown.
fn is_markdown(name: &str) -> bool {
    name.ends_with(".md")
}

/// Tera's escape for HTML, XML and SVG templates: the five characters
/// Tera's own escape replaces, to the same entities (`&amp;`, `&lt;`,
/// `&gt;`, `&quot;`, `&#39;`), written a run of plain text at a time. Tera's
/// writes every byte apart: 8 % of a cold build, most of it those writes.
fn escape_html(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut plain = 0;
    for (i, byte) in bytes.iter().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain..i])?;
        out.write_all(entity)?;
        plain = i + 1;
    }
    out.write_all(&bytes[plain..])
}

/// Tera's escape for Markdown templates.
fn escape_markdown(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(markdown::escape(text).as_bytes())
}

/// The Markdown template function `link(url=…, text=…)`: a link with
/// `text` (plain text; the address when not given) as its words, or the
/// words alone when the address is not http, https or mailto.
fn markdown_link(kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let url: &str = kwargs.must_get("url")?;
    let text: Option<&str> = kwargs.get("text")?;
    Ok(Value::safe_string(&markdown::link(url, text)))
}

/// The strict template function `t(key="message-id", arg=value, …)`; a
/// failure comes with its rule.
fn translate(messages: &Messages, kwargs: &Kwargs, state: &State) -> Result<String, (Rule, String)> {
    let failed = |message: String| (Rule::RenderFailed, message);
    let key: &str = kwargs.must_get("key").map_err(|err| failed(format!("t() needs key=\"message-id\": {err}")))?;
    let lang: Option<String> = state.get("lang").map_err(|err| failed(err.to_string()))?;
    let lang: Lang =
        lang.ok_or_else(|| failed("t() needs a `lang` variable in the page".into()))?.parse().map_err(failed)?;
    let mut args = FluentArgs::new();
    for (name, value) in kwargs.iter() {
        let Some(name) = name.as_str().filter(|name| *name != "key") else {
            continue;
        };
        let value = match (value.as_f64(), value.as_str()) {
            (Some(number), _) => FluentValue::from(number),
            (None, Some(text)) => FluentValue::from(text.to_owned()),
            _ => return Err(failed(format!("t(): argument `{name}` must be a number or a string"))),
        };
        args.set(name.to_owned(), value);
    }
    messages.format(&lang, key, Some(&args)).map_err(|err| (err.rule(Rule::UnknownMessage), err.describe(key, &lang)))
}

fn template_error(err: tera::Error) -> Error {
    let called = FAILED_CALL.take();
    let diagnostic = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            let file = Path::new(TEMPLATES_DIR).join(report.filename());
            let rule = match err.kind() {
                tera::ErrorKind::SyntaxError(_) => Rule::TemplateSyntax,
                _ => called.unwrap_or(Rule::RenderFailed),
            };
            Diagnostic::new(rule, Location::at(file, span.start_line, span.start_col + 1), report.message())
        }
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::new(
            Rule::MissingTemplate,
            Location::file(Path::new(TEMPLATES_DIR).join(current)),
            format!("{current} extends {parent}, which is not a template of the site"),
        ),
        tera::ErrorKind::TemplateNotFound(name) => Diagnostic::new(
            Rule::MissingTemplate,
            Location::file(Path::new(TEMPLATES_DIR).join(name)),
            format!("the template {name} is missing"),
        ),
        tera::ErrorKind::Msg(text) => return Error::Content(set_errors(text)),
        other => Diagnostic::new(Rule::TemplateSyntax, Location::file(TEMPLATES_DIR), other.to_string()),
    };
    Error::Content(vec![diagnostic])
}

/// The errors of a set of templates that does not hold together (an unknown
/// filter, template, function or block), which Tera hands over as its
/// reports joined in one text: each is one error, at the place its
/// `--> name:line:column` line gives.
fn set_errors(text: &str) -> Vec<Diagnostic> {
    text.split("\n\n")
        .map(|report| {
            let mut lines = report.lines().map(str::trim);
            let message = lines.next().unwrap_or_default().trim_start_matches("error:").trim();
            let place = lines.find_map(|line| line.strip_prefix("-->")).and_then(|place| {
                let mut parts = place.trim().rsplitn(3, ':');
                let column: usize = parts.next()?.parse().ok()?;
                let line: usize = parts.next()?.parse().ok()?;
                Some(Location::at(Path::new(TEMPLATES_DIR).join(parts.next()?), line, column))
            });
            Diagnostic::new(Rule::TemplateSyntax, place.unwrap_or_else(|| Location::file(TEMPLATES_DIR)), message)
        })
        .collect()
}

/// A file under `templates/` is a template when its extension says so, or
/// when it has the name of one of tathya's templates (`card.svg`); the
/// other files are assets.
fn is_template(file: &Path) -> bool {
    file.extension().and_then(|e| e.to_str()).is_some_and(|ext| TEMPLATE_EXTENSIONS.contains(&ext))
        || Template::all().iter().any(|template| Path::new(&template.name()) == file)
}

/// The card template function `lines(text=…, width=…, size=…, min_size=…,
/// max_lines=…, weight=…)`: `text` broken into lines that fit `width`
/// pixels in the card font, at the largest size that needs at most
/// `max_lines` (see [`card::CardKit::lines`]), as `{size, lines, widths}`.
fn card_lines(cards: Option<&card::CardKit>, kwargs: &Kwargs) -> TeraResult<Value> {
    let cards = cards.ok_or_else(|| tera::Error::message("lines() draws share cards, which this site has off"))?;
    let text: &str = kwargs.must_get("text")?;
    let width: f64 = kwargs.must_get("width")?;
    let size: f64 = kwargs.must_get("size")?;
    let min_size: f64 = kwargs.get("min_size")?.unwrap_or(size);
    let max_lines: i64 = kwargs.get("max_lines")?.unwrap_or(1);
    let weight: i64 = kwargs.get("weight")?.unwrap_or(400);
    let weight = u16::try_from(weight.clamp(1, 1000)).unwrap_or(400);
    if !(width > 0.0 && size > 0.0 && min_size > 0.0) {
        return Err(tera::Error::message("lines(): width, size and min_size must be more than 0"));
    }
    let lines = cards.lines(text, width as f32, size as f32, min_size as f32, max_lines.max(1) as usize, weight);
    Ok(Value::from_serializable(&lines))
}

/// A template's name: its path under `templates/` with `/` separators.
fn template_name(file: &Path) -> String {
    file.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The static assets under `templates/` (anything not a template), the
/// site's and the built-in ones, with their paths relative to it; they are
/// copied to the output as they are.
pub fn assets(root: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut out = Vec::new();
    for file in theme::files(root, Path::new(TEMPLATES_DIR))? {
        if !is_template(&file.name) {
            let bytes = file.bytes(root, MAX_ASSET_BYTES)?;
            out.push((file.name, bytes));
        }
    }
    Ok(out)
}

/// The largest static asset tathya copies: a font or a picture of the
/// site's own is some megabytes.
const MAX_ASSET_BYTES: u64 = 64 * 1024 * 1024;

#[cfg(test)]
mod tests {
    #[test]
    fn the_escape_writes_what_teras_writes() {
        for text in ["", "plain", "<script>alert('x')</script>", "a & b \"c\" > d", "&&", "हिंदी <b>", "'"] {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            super::escape_html(text, &mut ours).unwrap();
            tera::escape_html(text, &mut teras).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(teras).unwrap(), "{text}");
        }
    }
}
