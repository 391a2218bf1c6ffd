//! Entry points for the fuzz targets in `fuzz/` and their regression tests
//! (`tests/fuzz_corpus.rs`): each takes any bytes and must not panic. They
//! run the pipeline's own steps against the repository's sample site.

use std::path::Path;
use std::sync::OnceLock;

use crate::commands::pipeline;
use crate::diag::{Diagnostics, Error};
use crate::load::{Id, Site, Source, Statement, record::Record, yaml};
use crate::render::Prepared;
use crate::render::listing::Listing;
use crate::render::pages::StatementPages;
use crate::site::Selection;

/// Whether the sample site, which the targets load records into, is ready;
/// its errors if not. A replay of the corpora that skipped every input
/// because of it would prove nothing.
pub fn sample_errors() -> Result<(), String> {
    sample().map(|_| ())
}

/// The loader: parse any bytes as a record and run the record's checks
/// against the sample site's settings.
pub fn load_record(data: &[u8]) {
    let Ok(prepared) = sample() else { return };
    if let Some((site, statement)) = as_statement(prepared, data) {
        pipeline::check_record(&site, &statement, &mut Diagnostics::default());
    }
}

/// The inline Markdown renderer, in all three forms, and the Markdown
/// escape and links of templates.
pub fn inline_markdown(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::localize::markdown::to_html(&text);
    let _ = crate::localize::markdown::to_markdown(&text);
    let _ = crate::localize::markdown::to_plain(&text);
    let _ = crate::localize::markdown::escape(&text);
    let _ = crate::localize::markdown::link(&text, Some(&text));
    let _ = crate::localize::text::truncate(&text, 160);
}

/// The whole render of one record that passes its checks, in every
/// language and both formats.
pub fn render_record(data: &[u8]) {
    let Ok(prepared) = sample() else { return };
    let Some((site, statement)) = as_statement(prepared, data) else { return };
    let mut findings = Diagnostics::default();
    pipeline::check_record(&site, &statement, &mut findings);
    if findings.has_errors() {
        return;
    }
    let Ok(listing) = Listing::of(prepared, &statement) else { return };
    let listings = [listing];
    let pages =
        StatementPages::new(prepared, &listings, Selection { drafts: false, now: jiff::Timestamp::now() }, true);
    for lang in 0..site.config().languages.len() {
        let _ = pages.render(&statement, lang);
    }
}

/// The repository's sample site, loaded once.
fn sample() -> Result<&'static Prepared, String> {
    static SAMPLE: OnceLock<Result<Prepared, String>> = OnceLock::new();
    SAMPLE
        .get_or_init(|| {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let mut findings = Diagnostics::default();
            let (stage, _) = pipeline::load_site(root, &mut findings).map_err(describe)?;
            stage.ready(&mut findings).map_err(describe)
        })
        .as_ref()
        .map_err(Clone::clone)
}

fn describe(error: Error) -> String {
    match error {
        Error::Content(diagnostics) => diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

/// `data` as the only record of a copy of the sample site, if it parses.
fn as_statement(prepared: &Prepared, data: &[u8]) -> Option<(Site, Statement)> {
    let text = std::str::from_utf8(data).ok()?;
    let file = Path::new("statements/fuzz/record.yaml");
    let record: Record = yaml::parse(file, text).ok()?;
    let id: Id = "fuzz/record".parse().ok()?;
    let source = Source { file: file.to_path_buf(), text: text.to_owned(), value: record };
    let statement = Statement { id, source, hash: 0 };
    let site = Site {
        root: prepared.site.root.clone(),
        config: prepared.site.config.clone(),
        statements: Vec::new(),
        others: Default::default(),
        pages: Vec::new(),
    };
    Some((site, statement))
}
