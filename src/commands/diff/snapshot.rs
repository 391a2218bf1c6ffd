//! One side of a diff: every statement of a revision rendered as `build`
//! renders it, with the errors that kept some of it from rendering.
//!
//! A revision with errors is still shown: a pull request that fixes a
//! broken record must be reviewable. The records with errors are left out,
//! and the rest go through the same pipeline as a build; errors in the
//! settings, locales or templates leave nothing to render.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::commands::pipeline;
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::localize::Msg;
use crate::render::listing::Memo;
use crate::render::pages::{Sink, render_site};
use crate::site::Selection;

/// One side of the comparison, rendered.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Rendered Markdown by statement id, then by language.
    pub pages: BTreeMap<String, BTreeMap<String, String>>,
    /// Each record's path and YAML, by id.
    pub sources: BTreeMap<String, (String, String)>,
    /// Every other file of the site root that can change the text
    /// (settings, locales, templates), by path.
    pub site_files: BTreeMap<String, String>,
    /// Each language's name in that language.
    pub language_names: BTreeMap<String, String>,
    /// The errors that kept pages from rendering.
    pub errors: Vec<Diagnostic>,
}

impl Snapshot {
    /// Renders every statement of the site root at `root` as `build` does,
    /// in every language: the published pages, and the previews of drafts
    /// and embargoed statements. Fails only when the site cannot be read.
    pub fn render(root: &Path, now: jiff::Timestamp) -> Result<Self> {
        let mut snapshot = Snapshot::default();
        snapshot.read_files(root)?;
        let mut findings = Diagnostics::default();
        let site = pipeline::load_site(root, false, &mut findings)?;
        let broken: BTreeSet<PathBuf> = findings.errors().map(|d| d.location.file.clone()).collect();
        let site = site.map(|mut site| {
            site.statements.retain(|s| !broken.contains(&s.source.file));
            site
        });
        let mut later = Diagnostics::default();
        if let Some(mut prepared) = pipeline::prepare(root, site, &mut later)? {
            for lang in &prepared.site.config().languages {
                let name = prepared.localizer.message(lang, Msg::LanguageName, None)?;
                snapshot.language_names.insert(lang.to_string(), name);
            }
            let statements = std::mem::take(&mut prepared.site.statements);
            // A statement that cannot be localized has no listing, and no page.
            let mut listings = pipeline::listings(&prepared, &statements, &mut later)?;
            let pages = Pages::default();
            let selection = Selection { drafts: false, now };
            let rendered = render_site(&prepared, statements, &selection, &mut listings, &Memo::default(), &pages);
            later.take(rendered)?;
            snapshot.take_pages(pages);
        }
        findings.extend(later);
        snapshot.errors = findings.into_sorted().into_iter().filter(Diagnostic::is_error).collect();
        Ok(snapshot)
    }

    /// The records' YAML and the other files that make the text.
    fn read_files(&mut self, root: &Path) -> Result<()> {
        // A refused link is one of the revision's errors, which the pipeline reports.
        let listed = |files: Result<Vec<PathBuf>>| match files {
            Err(crate::diag::Error::Content(_)) => Ok(Vec::new()),
            other => other,
        };
        for file in listed(crate::load::record_files(root))? {
            let Ok(id) = crate::load::id_of(&file) else { continue };
            let text = std::fs::read_to_string(root.join(&file)).unwrap_or_default();
            self.sources.insert(id.to_string(), (file.display().to_string(), text));
        }
        let mut files = vec![root.join(crate::site::CONFIG_FILE)];
        for dir in [crate::site::LOCALES_DIR, crate::site::TEMPLATES_DIR] {
            files.extend(
                listed(crate::load::site_files(root, Path::new(dir)))?.into_iter().map(|f| root.join(dir).join(f)),
            );
        }
        for file in files {
            let relative = file.strip_prefix(root).unwrap_or(&file).display().to_string();
            self.site_files.insert(relative, std::fs::read_to_string(&file).unwrap_or_default());
        }
        Ok(())
    }

    /// The Markdown of each statement's page, by id and language.
    fn take_pages(&mut self, pages: Pages) {
        for (file, bytes) in pages.0.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
            let mut parts = file.iter().map(|part| part.to_string_lossy().into_owned()).collect::<Vec<_>>();
            if parts.len() < 3 || parts.pop().as_deref() != Some("index.md") {
                continue;
            }
            let lang = parts.remove(0);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.pages.entry(parts.join("/")).or_default().insert(lang, text);
        }
    }
}

/// Collects the pages a build would write and the previews it checks.
#[derive(Default)]
struct Pages(Mutex<BTreeMap<PathBuf, Vec<u8>>>);

impl Sink for Pages {
    fn add(&self, file: PathBuf, bytes: Vec<u8>) -> Result<()> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(file, bytes);
        Ok(())
    }

    fn preview(&self, file: PathBuf, bytes: Vec<u8>) -> Result<()> {
        self.add(file, bytes)
    }
}
