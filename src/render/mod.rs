//! Step 4, render: Tera templates over the localized views.
//!
//! One template per output kind: `<kind>.md` and `<kind>.html` for each
//! statement kind, `list.html` for a page of an index or a tag, `root.html`
//! for the choice of language, `atom.xml` and `sitemap.xml`. Templates ask
//! for boilerplate with the strict `t(key=…)` function, which reads the
//! page's `lang`; a missing message fails the render instead of printing
//! into it. [`pages`] decides which pages the site has.

pub mod listing;
pub mod lists;
pub mod pages;
pub mod templates;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent::{FluentArgs, FluentValue};
use tera::{Context, Kwargs, State, Tera, TeraResult};

use crate::diag::Rule;
use crate::diag::{Diagnostic, Error, Location, Result};

use crate::load::Lang;
use crate::localize::fluent::Messages;
use crate::localize::view::StatementPage;

use crate::load::Site;
use crate::localize::Localizer;
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
}
/// Template files end in one of these; other files are assets, copied.
const TEMPLATE_EXTENSIONS: [&str; 3] = ["html", "md", "xml"];

/// The templates tathya renders pages with.
pub const REQUIRED_TEMPLATES: [&str; 8] = [
    "rebuttal.html",
    "rebuttal.md",
    "myth-buster.html",
    "myth-buster.md",
    "list.html",
    "root.html",
    "atom.xml",
    "sitemap.xml",
];

/// The top-level variables of the page a template renders: the fields of
/// its view in `localize::view`.
pub fn context_fields(template: &str) -> Option<&'static [&'static str]> {
    match template {
        "rebuttal.html" | "rebuttal.md" | "myth-buster.html" | "myth-buster.md" => {
            Some(&["lang", "site", "meta", "translations", "statement", "structured_data"])
        }
        "list.html" => Some(&["lang", "site", "meta", "translations", "tag", "statements", "total", "pagination"]),
        "root.html" => Some(&["lang", "site", "meta", "choices"]),
        "atom.xml" => Some(&["lang", "site", "url", "home", "updated", "entries"]),
        "sitemap.xml" => Some(&["urls"]),
        _ => None,
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
    tera: Tera,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

impl Renderer {
    /// Loads every template under `templates/` and registers `t()`.
    pub fn load(root: &Path, messages: Arc<Messages>) -> Result<Self> {
        Self::load_with(root, move |kwargs: Kwargs, state: &State| translate(&messages, &kwargs, state))
    }

    /// Loads the templates with a `t()` that returns nothing: enough to
    /// parse them and ask what variables they use, without any locale.
    pub fn load_unlocalized(root: &Path) -> Result<Self> {
        Self::load_with(root, |_: Kwargs, _: &State| -> TeraResult<String> { Ok(String::new()) })
    }

    fn load_with(
        root: &Path,
        translate: impl Fn(Kwargs, &State) -> TeraResult<String> + Send + Sync + 'static,
    ) -> Result<Self> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        // Tera checks at load time that every function a template calls
        // exists, so `t` must be there first.
        tera.register_function("t", translate);
        let mut templates = Vec::new();
        for file in crate::load::files_under(&root.join(TEMPLATES_DIR))? {
            if is_template(&file) {
                let text = crate::load::read_source(root, &Path::new(TEMPLATES_DIR).join(&file))?;
                templates.push((template_name(&file), text));
            }
        }
        tera.add_raw_templates(templates).map_err(template_error)?;
        Ok(Renderer { tera })
    }

    /// Renders a statement page.
    pub fn statement(&self, page: &StatementPage, format: Format) -> Result<String> {
        let name = format!("{}.{}", page.statement.kind.as_str(), format.extension());
        self.render(&name, page)
    }

    /// The top-level variables the template `name` and those it extends or
    /// includes use, sorted.
    pub fn variables(&self, name: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .tera
            .get_template_variables(name)
            .map(|set| set.into_iter().map(str::to_owned).collect())
            .unwrap_or_default();
        names.sort();
        names
    }

    /// Renders the template `name` with `page` as its context.
    pub fn render(&self, name: &str, page: &impl serde::Serialize) -> Result<String> {
        let [rendered] = self.render_each([name], page)?;
        String::from_utf8(rendered)
            .map_err(|err| Error::Usage(format!("{name} rendered text that is not UTF-8: {err}")))
    }

    /// Renders `page` with each of the templates `names`, building the
    /// template context once. The bytes are UTF-8 (templates and values are
    /// text); pages go to disk as they are, without checking it again.
    pub fn render_each<const N: usize>(&self, names: [&str; N], page: &impl serde::Serialize) -> Result<[Vec<u8>; N]> {
        if let Some(name) = names.iter().find(|name| !self.tera.contains_template(name)) {
            let path = Path::new(TEMPLATES_DIR).join(name);
            return Err(Error::content(
                Rule::MissingTemplate,
                Location::file(&path),
                format!("the template {} is missing", path.display()),
            ));
        }
        let context = Context::from_serialize(page).map_err(template_error)?;
        let mut out = [const { Vec::new() }; N];
        for (slot, name) in out.iter_mut().zip(names) {
            self.tera.render_to(name, &context, &mut *slot).map_err(template_error)?;
        }
        Ok(out)
    }
}

/// The strict template function `t(key="message-id", arg=value, …)`.
fn translate(messages: &Messages, kwargs: &Kwargs, state: &State) -> TeraResult<String> {
    let key: &str = kwargs.must_get("key")?;
    let lang: String =
        state.get("lang")?.ok_or_else(|| tera::Error::message("t() needs a `lang` variable in the page"))?;
    let lang: Lang = lang.parse().map_err(tera::Error::message)?;
    let mut args = FluentArgs::new();
    for (name, value) in kwargs.iter() {
        let Some(name) = name.as_str().filter(|name| *name != "key") else {
            continue;
        };
        let value = match (value.as_f64(), value.as_str()) {
            (Some(number), _) => FluentValue::from(number),
            (None, Some(text)) => FluentValue::from(text.to_owned()),
            _ => {
                return Err(tera::Error::message(format!("t(): argument `{name}` must be a number or a string")));
            }
        };
        args.set(name.to_owned(), value);
    }
    messages.format(&lang, key, Some(&args)).map_err(tera::Error::message)
}

fn template_error(err: tera::Error) -> Error {
    let diagnostic = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            let file = Path::new(TEMPLATES_DIR).join(report.filename());
            let rule = match err.kind() {
                tera::ErrorKind::SyntaxError(_) => Rule::TemplateSyntax,
                _ => Rule::RenderFailed,
            };
            Diagnostic::new(rule, Location::at(file, span.start_line, span.start_col + 1), report.message())
        }
        other => Diagnostic::new(Rule::TemplateSyntax, Location::file(TEMPLATES_DIR), other.to_string()),
    };
    Error::Content(vec![diagnostic])
}

fn is_template(file: &Path) -> bool {
    file.extension().and_then(|e| e.to_str()).is_some_and(|ext| TEMPLATE_EXTENSIONS.contains(&ext))
}

/// A template's name: its path under `templates/` with `/` separators.
fn template_name(file: &Path) -> String {
    file.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The static assets under `templates/` (anything not a template), with
/// their paths relative to it; they are copied to the output as they are.
pub fn assets(root: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let dir = root.join(TEMPLATES_DIR);
    let mut out = Vec::new();
    for file in crate::load::files_under(&dir)? {
        if !is_template(&file) {
            let path = dir.join(&file);
            let bytes = fs::read(&path).map_err(|err| Error::io("cannot read", &path, err))?;
            out.push((file, bytes));
        }
    }
    Ok(out)
}
