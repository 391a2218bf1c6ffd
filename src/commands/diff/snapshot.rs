//! One side of a diff: every statement of a revision rendered as `build`
//! renders it, with the errors that kept some of it from rendering.
//!
//! A revision with errors is still shown: a pull request that fixes a
//! broken record must be reviewable. The records with errors are left out,
//! and the rest go through the same pipeline as a build; errors in the
//! settings, locales or templates leave nothing to render.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::commands::pipeline::{self, Stage};
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
    /// and embargoed statements. Fails only when the site cannot be read,
    /// or a record changes while it is.
    pub fn render(root: &Path, now: jiff::Timestamp) -> Result<Self> {
        let mut snapshot = Snapshot::default();
        snapshot.read_files(root)?;
        let mut findings = Diagnostics::default();
        let files = pipeline::listed_records(root, &mut findings)?;
        let site = pipeline::load_settings(root, &files, &mut findings)?;
        // Prepared by its own findings, so that a broken record, which has
        // no page, does not keep the others from rendering.
        let mut later = Diagnostics::default();
        let stage = pipeline::prepare(root, site, &mut later)?;
        let loaded = pipeline::load_records(root, &stage, &files, &pipeline::Holding::from_env()?, &mut findings)?;
        if let Stage::Ready(prepared) = stage {
            for lang in &prepared.site.config().languages {
                let name = prepared.localizer.message(lang, Msg::LanguageName, None)?;
                snapshot.language_names.insert(lang.to_string(), name);
            }
            // A statement that cannot be localized has no listing, and no page.
            let (statements, mut listings) = pipeline::to_render(loaded);
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
        for ((id, lang), bytes) in pages.0.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.pages.entry(id).or_default().insert(lang, text);
        }
    }
}

/// Collects the Markdown pages of statements (`LANG/ID/index.md`) a build
/// would write and the previews it checks, by id and language; the other
/// files of the site are not kept.
#[derive(Default)]
struct Pages(Mutex<BTreeMap<(String, String), Vec<u8>>>);

impl Sink for Pages {
    fn add(&self, file: PathBuf, bytes: Vec<u8>) -> Result<()> {
        let mut parts = file.iter().map(|part| part.to_string_lossy().into_owned()).collect::<Vec<_>>();
        if parts.len() >= 3 && parts.pop().as_deref() == Some("index.md") {
            let lang = parts.remove(0);
            let pages = &mut self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            pages.insert((parts.join("/"), lang), bytes);
        }
        Ok(())
    }

    fn preview(&self, file: PathBuf, bytes: Vec<u8>) -> Result<()> {
        self.add(file, bytes)
    }

    fn publishes(&self) -> bool {
        false
    }
}
